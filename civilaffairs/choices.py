"""Choices of the core registry. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("Prefecture")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")


# Digits of the 12-digit statistical division code that identify a region at each level (GB/T 2260 + NBS).
PREFIX_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}


class RegionKind(models.TextChoices):
    PROVINCE = "省", _("Province (省)")
    MUNICIPALITY = "直辖市", _("Municipality (直辖市)")
    CITY = "地级市", _("Prefecture-level city (地级市)")
    MUNICIPAL_DISTRICTS = "市辖区", _("Municipal districts (市辖区)")
    MUNICIPAL_COUNTIES = "市辖县", _("Municipal counties (县)")
    COUNTY = "县", _("County (县)")
    DISTRICT = "区", _("District (区)")
    FUNCTIONAL_ZONE = "功能区", _("Functional zone (功能区)")
    SUBDISTRICT = "街道", _("Subdistrict (街道)")
    TOWN = "镇", _("Town (镇)")
    TOWNSHIP = "乡", _("Township (乡)")
    ETHNIC_TOWNSHIP = "民族乡", _("Ethnic township (民族乡)")
    COMMUNITY_COMMITTEE = "社管委", _("Community management committee (社管委)")
    VILLAGE = "村", _("Village (村)")
    COMMUNITY = "社区", _("Community (社区)")


class UrbanRural(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Township caseworker")
    REVIEWER = "reviewer", _("Township reviewer")
    COUNTY_STAFF = "county_staff", _("County staff")
    COUNTY_LEADER = "county_leader", _("County leader")
    ADMIN = "admin", _("Administrator")


TOWNSHIP_ROLES = frozenset({Role.CASEWORKER, Role.REVIEWER})
COUNTY_ROLES = frozenset({Role.COUNTY_STAFF, Role.COUNTY_LEADER, Role.ADMIN})
# Roles that use the back-office admin (``is_staff``); caseworkers, reviewers and leaders use the pages only.
STAFF_SITE_ROLES = frozenset({Role.COUNTY_STAFF, Role.ADMIN})


class SignCondition(models.TextChoices):
    GOOD = "good", _("Good")
    DAMAGED = "damaged", _("Damaged")
    MISSING = "missing", _("Missing")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
