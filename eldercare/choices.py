"""Choices of the elder-care registers. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionType(models.TextChoices):
    """养老机构 types named by the seeds (notes/001.md §4.3, notes/000.md §4.5, notes/002.md §4)."""

    WELFARE_HOME = "welfare_home", _("Social welfare home (社会福利院)")
    TEKUN_HOME = "tekun_home", _("Home for the aged — 特困 support facility (敬老院)")
    DISABLED_TEKUN_CENTRE = "disabled_tekun_centre", _("Care centre for disabled 特困 persons")
    TOWNSHIP_CENTRE = "township_centre", _("Township elder-care service centre")
    PRIVATE_HOME = "private_home", _("Private elder-care institution")
    OTHER = "other", _("Other elder-care institution")


class FacilityType(models.TextChoices):
    """社区养老服务设施: not 养老机构; their beds count only where a definition says so."""

    COMMUNITY_CENTRE = "community_centre", _("Community elder-care service centre")
    COMMUNITY_STATION = "community_station", _("Community elder-care service station")
    DAY_CARE_CENTRE = "day_care_centre", _("Day-care centre for the elderly")
    RURAL_MUTUAL_AID = "rural_mutual_aid", _("Rural mutual-aid elder-care point (幸福院)")
    SERVICE_COMPLEX = "service_complex", _("Community elder-care service complex")


class Ownership(models.TextChoices):
    """Who built / owns the site (产权性质); how it is run is the dated operation mode."""

    PUBLIC = "public", _("Public (公办)")
    PRIVATE = "private", _("Private (民办)")


class OperationMode(models.TextChoices):
    """运营方式 as of a date. Only 公办公营 counts as "政府运营"
    (definition eldercare.government_operated_bed_share)."""

    GOVERNMENT = "government", _("Government-run (公办公营)")
    PUBLIC_PRIVATE = "public_private", _("Publicly built, privately run (公建民营)")
    ENTRUSTED = "entrusted", _("Entrusted operation (委托运营)")
    CONTRACTED = "contracted", _("Contracted operation (承包经营)")
    PRIVATE = "private", _("Privately run (民办)")


class ClosureReason(models.TextChoices):
    SUSPENDED = "suspended", _("Business suspended (停业)")
    DEREGISTERED = "deregistered", _("Deregistered (注销)")
    MERGED = "merged", _("Merged or closed down (撤并关停)")


# The service functions a site's dated inventory records (功能清单). The names are the inventory's boolean fields
# without the ``offers_`` prefix; the county setting ``comprehensive_required_functions`` names which of them make a
# site "具备综合功能" (definition eldercare.township_comprehensive_institution_coverage).
SERVICE_FUNCTIONS = {
    "full_care": _("Full-time residential care (全托)"),
    "day_care": _("Day care (日托)"),
    "home_service": _("Home services (上门服务)"),
    "meals": _("Meal assistance (助餐)"),
    "rehab": _("Rehabilitation and nursing (康复护理)"),
    "guidance": _("Guidance of village points (对下指导)"),
}


class QualityResult(models.TextChoices):
    PASS = "pass", _("Meets the basic quality standard (达标)")
    FAIL = "fail", _("Does not meet it (不达标)")


class AssessmentKind(models.TextChoices):
    ANNUAL = "annual", _("Annual inspection")
    SPECIAL = "special", _("Special inspection")
    RECHECK = "recheck", _("Re-check after rectification")
    RATING = "rating", _("Quality grade rating")


class DisabilityLevel(models.TextChoices):
    """失能等级 from the 老年人能力综合评估 (GB/T 42195-2022)."""

    MILD = "mild", _("Mildly disabled")
    MODERATE = "moderate", _("Moderately disabled")
    SEVERE = "severe", _("Severely disabled")
    COMPLETE = "complete", _("Completely disabled")


class RemovalReason(models.TextChoices):
    DIED = "died", _("Died")
    ENTERED_INSTITUTION = "entered_institution", _("Entered an institution")
    MOVED_OUT = "moved_out", _("Moved out")
    NO_LONGER_ELIGIBLE = "no_longer_eligible", _("No longer has special difficulties")
    OTHER = "other", _("Other")


# The special-difficulty categories of the roster (definition eldercare.home_elderly_visit_rate: 独居、空巢、留守、
# 失能、重残、计划生育特殊家庭). The names are the roster's boolean fields without the ``is_`` prefix.
ELDERLY_CATEGORIES = {
    "living_alone": _("Living alone (独居)"),
    "empty_nest": _("Empty nest (空巢)"),
    "left_behind": _("Left behind (留守)"),
    "disabled": _("Disabled (失能)"),
    "severely_disabled": _("Severely disabled (重残)"),
    "family_planning_special": _("Family-planning special family (计划生育特殊家庭)"),
}


class VisitType(models.TextChoices):
    HOME = "home", _("Home visit (上门)")
    PHONE = "phone", _("Phone call (电话)")
    VIDEO = "video", _("Video call (视频)")
