"""Choices of social assistance. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.TextChoices):
    """与户主关系."""

    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    SIBLING = "sibling", _("Sibling")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    OTHER = "other", _("Other relative")


class LabourCapacity(models.TextChoices):
    FULL = "full", _("Able to work")
    PARTIAL = "partial", _("Partly unable to work")
    NONE = "none", _("Unable to work")


class Health(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    CHRONIC = "chronic", _("Chronic illness")
    SERIOUS = "serious", _("Serious illness")


class DisabilityCategory(models.TextChoices):
    """残疾类别; the value is the category digit of the 第二代残疾人证号 (身份证号 + 类别 + 等级)."""

    VISUAL = "1", _("Visual")
    HEARING = "2", _("Hearing")
    SPEECH = "3", _("Speech")
    PHYSICAL = "4", _("Physical")
    INTELLECTUAL = "5", _("Intellectual")
    MENTAL = "6", _("Mental")
    MULTIPLE = "7", _("Multiple")


class DisabilityGrade(models.IntegerChoices):
    GRADE_1 = 1, _("Grade 1")
    GRADE_2 = 2, _("Grade 2")
    GRADE_3 = 3, _("Grade 3")
    GRADE_4 = 4, _("Grade 4")


class StandardKind(models.TextChoices):
    DIBAO = "dibao", _("Minimum living standard (dibao)")
    TEKUN_BASIC = "tekun_basic", _("Extreme-poverty basic-living standard")
    TEKUN_CARE = "tekun_care", _("Extreme-poverty care standard")
    TEMPORARY_CAP = "temporary_cap", _("Temporary assistance cap per case")


class CareTier(models.TextChoices):
    """特困 照料护理 tiers by self-care ability (分档确定照料护理标准)."""

    SELF_CARE = "self_care", _("Fully self-caring")
    PARTIAL = "partial", _("Partly dependent")
    DEPENDENT = "dependent", _("Fully dependent")


class SupportMode(models.TextChoices):
    DISPERSED = "dispersed", _("Supported at home")
    INSTITUTIONAL = "institutional", _("Supported in an institution")


class ApplicationKind(models.TextChoices):
    DIBAO = "dibao", _("Minimum living allowance (dibao)")
    TEKUN = "tekun", _("Extreme-poverty support (tekun)")
    TEMPORARY = "temporary", _("Temporary assistance")


class TemporaryType(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency (sudden hardship)")
    EXPENDITURE = "expenditure", _("Expenditure (rigid expenses)")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted, survey pending")
    SURVEYED = "surveyed", _("Surveyed")
    APPRAISED = "appraised", _("Democratically appraised")
    REVIEWED = "reviewed", _("Township opinion given")
    IN_NOTICE = "in_notice", _("Public notice")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Not approved")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TERMINATED = "terminated", _("Terminated")


OPEN_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.SURVEYED,
        ApplicationStatus.APPRAISED,
        ApplicationStatus.REVIEWED,
        ApplicationStatus.IN_NOTICE,
        ApplicationStatus.AWAITING_CONFIRMATION,
    }
)


class InfoCheck(models.TextChoices):
    """信息核对 result (cross-department data on income and assets)."""

    CONSISTENT = "consistent", _("Consistent with the declaration")
    DISCREPANCY = "discrepancy", _("Discrepancies found")
    NOT_AVAILABLE = "not_available", _("No data available")


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", _("Being checked")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class ObligorRelationship(models.TextChoices):
    """法定赡养、抚养、扶养义务人."""

    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    SIBLING = "sibling", _("Sibling")


class Programme(models.TextChoices):
    """What an enrolment pays. Further programmes (残疾人两项补贴…) are added as values here."""

    DIBAO = "dibao", _("Minimum living allowance (dibao)")
    TEKUN = "tekun", _("Extreme-poverty support (tekun)")
    TEMPORARY = "temporary", _("Temporary assistance")


# 低保 and 特困 exclude each other for a person (民发〔2021〕43号: 特困人员不再纳入低保).
EXCLUSIVE_PROGRAMMES = (Programme.DIBAO, Programme.TEKUN)


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PHASING_OUT = "phasing_out", _("Phasing out")
    ENDED = "ended", _("Ended")


class AmountReason(models.TextChoices):
    APPROVAL = "approval", _("Approval")
    STANDARD_CHANGE = "standard_change", _("New standard")
    RECHECK = "recheck", _("Re-check")
    PHASE_OUT = "phase_out", _("Phase-out")
    MEMBER_CHANGE = "member_change", _("Household change")
    IMPORT = "import", _("Imported")


class EndReason(models.TextChoices):
    INCOME_ABOVE_CEILING = "income", _("Income above the limit")
    PHASE_OUT_ENDED = "phase_out_ended", _("Phase-out period ended")
    DEATH = "death", _("Death")
    MOVED_AWAY = "moved", _("Moved away")
    REFUSED_RECHECK = "refused", _("Refused the re-check")
    NO_LONGER_ELIGIBLE = "ineligible", _("No longer eligible")
    OTHER = "other", _("Other")


class RecheckOutcome(models.TextChoices):
    KEEP = "keep", _("Keep unchanged")
    CHANGE = "change", _("Change the amount")
    PHASE_OUT = "phase_out", _("Start phase-out")
    CONTINUE_PHASE_OUT = "continue_phase_out", _("Continue phase-out")
    EXIT = "exit", _("Exit")


class RollStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    LOCKED = "locked", _("Locked")
