"""Choices of social assistance. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Relationship(models.TextChoices):
    """与户主关系."""

    HEAD = "head", pgettext_lazy("assistance", "Head of household")
    SPOUSE = "spouse", pgettext_lazy("assistance", "Spouse")
    CHILD = "child", pgettext_lazy("assistance", "Child")
    PARENT = "parent", pgettext_lazy("assistance", "Parent")
    GRANDCHILD = "grandchild", pgettext_lazy("assistance", "Grandchild")
    GRANDPARENT = "grandparent", pgettext_lazy("assistance", "Grandparent")
    SIBLING = "sibling", pgettext_lazy("assistance", "Sibling")
    CHILD_IN_LAW = "child_in_law", pgettext_lazy("assistance", "Son- or daughter-in-law")
    OTHER = "other", pgettext_lazy("assistance", "Other relative")


class LabourCapacity(models.TextChoices):
    FULL = "full", pgettext_lazy("assistance", "Able to work")
    PARTIAL = "partial", pgettext_lazy("assistance", "Partly unable to work")
    NONE = "none", pgettext_lazy("assistance", "Unable to work")


class Health(models.TextChoices):
    HEALTHY = "healthy", pgettext_lazy("assistance", "Healthy")
    CHRONIC = "chronic", pgettext_lazy("assistance", "Chronic illness")
    SERIOUS = "serious", pgettext_lazy("assistance", "Serious illness")


class DisabilityCategory(models.TextChoices):
    """残疾类别; the value is the category digit of the 第二代残疾人证号 (身份证号 + 类别 + 等级)."""

    VISUAL = "1", pgettext_lazy("assistance", "Visual")
    HEARING = "2", pgettext_lazy("assistance", "Hearing")
    SPEECH = "3", pgettext_lazy("assistance", "Speech")
    PHYSICAL = "4", pgettext_lazy("assistance", "Physical")
    INTELLECTUAL = "5", pgettext_lazy("assistance", "Intellectual")
    MENTAL = "6", pgettext_lazy("assistance", "Mental")
    MULTIPLE = "7", pgettext_lazy("assistance", "Multiple")


class DisabilityGrade(models.IntegerChoices):
    GRADE_1 = 1, pgettext_lazy("assistance", "Grade 1")
    GRADE_2 = 2, pgettext_lazy("assistance", "Grade 2")
    GRADE_3 = 3, pgettext_lazy("assistance", "Grade 3")
    GRADE_4 = 4, pgettext_lazy("assistance", "Grade 4")


class StandardKind(models.TextChoices):
    DIBAO = "dibao", pgettext_lazy("assistance", "Minimum living standard (dibao)")
    TEKUN_BASIC = "tekun_basic", pgettext_lazy("assistance", "Extreme-poverty basic-living standard")
    TEKUN_CARE = "tekun_care", pgettext_lazy("assistance", "Extreme-poverty care standard")
    TEMPORARY_CAP = "temporary_cap", pgettext_lazy("assistance", "Temporary assistance cap per case")


class CareTier(models.TextChoices):
    """特困 照料护理 tiers by self-care ability (分档确定照料护理标准)."""

    SELF_CARE = "self_care", pgettext_lazy("assistance", "Fully self-caring")
    PARTIAL = "partial", pgettext_lazy("assistance", "Partly dependent")
    DEPENDENT = "dependent", pgettext_lazy("assistance", "Fully dependent")


class SupportMode(models.TextChoices):
    DISPERSED = "dispersed", pgettext_lazy("assistance", "Supported at home")
    INSTITUTIONAL = "institutional", pgettext_lazy("assistance", "Supported in an institution")


class ApplicationKind(models.TextChoices):
    DIBAO = "dibao", pgettext_lazy("assistance", "Minimum living allowance (dibao)")
    TEKUN = "tekun", pgettext_lazy("assistance", "Extreme-poverty support (tekun)")
    TEMPORARY = "temporary", pgettext_lazy("assistance", "Temporary assistance")


class TemporaryType(models.TextChoices):
    EMERGENCY = "emergency", pgettext_lazy("assistance", "Emergency (sudden hardship)")
    EXPENDITURE = "expenditure", pgettext_lazy("assistance", "Expenditure (rigid expenses)")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("assistance", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("assistance", "Accepted, survey pending")
    SURVEYED = "surveyed", pgettext_lazy("assistance", "Surveyed")
    APPRAISED = "appraised", pgettext_lazy("assistance", "Democratically appraised")
    REVIEWED = "reviewed", pgettext_lazy("assistance", "Township opinion given")
    IN_NOTICE = "in_notice", pgettext_lazy("assistance", "Public notice")
    AWAITING_CONFIRMATION = "awaiting_confirmation", pgettext_lazy("assistance", "Awaiting confirmation")
    APPROVED = "approved", pgettext_lazy("assistance", "Approved")
    PAID = "paid", pgettext_lazy("assistance", "Paid")
    REJECTED = "rejected", pgettext_lazy("assistance", "Not approved")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("assistance", "Not accepted")
    WITHDRAWN = "withdrawn", pgettext_lazy("assistance", "Withdrawn")
    TERMINATED = "terminated", pgettext_lazy("assistance", "Terminated")


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

    CONSISTENT = "consistent", pgettext_lazy("assistance", "Consistent with the declaration")
    DISCREPANCY = "discrepancy", pgettext_lazy("assistance", "Discrepancies found")
    NOT_AVAILABLE = "not_available", pgettext_lazy("assistance", "No data available")


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", pgettext_lazy("assistance", "Being checked")
    UPHELD = "upheld", pgettext_lazy("assistance", "Upheld")
    DISMISSED = "dismissed", pgettext_lazy("assistance", "Dismissed")


class ObligorRelationship(models.TextChoices):
    """法定赡养、抚养、扶养义务人."""

    SPOUSE = "spouse", pgettext_lazy("assistance", "Spouse")
    CHILD = "child", pgettext_lazy("assistance", "Child")
    PARENT = "parent", pgettext_lazy("assistance", "Parent")
    GRANDCHILD = "grandchild", pgettext_lazy("assistance", "Grandchild")
    GRANDPARENT = "grandparent", pgettext_lazy("assistance", "Grandparent")
    SIBLING = "sibling", pgettext_lazy("assistance", "Sibling")


class Programme(models.TextChoices):
    """What an enrolment pays. Further programmes (残疾人两项补贴…) are added as values here."""

    DIBAO = "dibao", pgettext_lazy("assistance", "Minimum living allowance (dibao)")
    TEKUN = "tekun", pgettext_lazy("assistance", "Extreme-poverty support (tekun)")
    TEMPORARY = "temporary", pgettext_lazy("assistance", "Temporary assistance")


# 低保 and 特困 exclude each other for a person (民发〔2021〕43号: 特困人员不再纳入低保).
EXCLUSIVE_PROGRAMMES = (Programme.DIBAO, Programme.TEKUN)


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("assistance", "Active")
    PHASING_OUT = "phasing_out", pgettext_lazy("assistance", "Phasing out")
    ENDED = "ended", pgettext_lazy("assistance", "Ended")


class AmountReason(models.TextChoices):
    APPROVAL = "approval", pgettext_lazy("assistance", "Approval")
    STANDARD_CHANGE = "standard_change", pgettext_lazy("assistance", "New standard")
    RECHECK = "recheck", pgettext_lazy("assistance", "Re-check")
    PHASE_OUT = "phase_out", pgettext_lazy("assistance", "Phase-out")
    MEMBER_CHANGE = "member_change", pgettext_lazy("assistance", "Household change")
    IMPORT = "import", pgettext_lazy("assistance", "Imported")


class EndReason(models.TextChoices):
    INCOME_ABOVE_CEILING = "income", pgettext_lazy("assistance", "Income above the limit")
    PHASE_OUT_ENDED = "phase_out_ended", pgettext_lazy("assistance", "Phase-out period ended")
    DEATH = "death", pgettext_lazy("assistance", "Death")
    MOVED_AWAY = "moved", pgettext_lazy("assistance", "Moved away")
    REFUSED_RECHECK = "refused", pgettext_lazy("assistance", "Refused the re-check")
    NO_LONGER_ELIGIBLE = "ineligible", pgettext_lazy("assistance", "No longer eligible")
    OTHER = "other", pgettext_lazy("assistance", "Other")


class RecheckOutcome(models.TextChoices):
    KEEP = "keep", pgettext_lazy("assistance", "Keep unchanged")
    CHANGE = "change", pgettext_lazy("assistance", "Change the amount")
    PHASE_OUT = "phase_out", pgettext_lazy("assistance", "Start phase-out")
    CONTINUE_PHASE_OUT = "continue_phase_out", pgettext_lazy("assistance", "Continue phase-out")
    EXIT = "exit", pgettext_lazy("assistance", "Exit")


class RollStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assistance", "Draft")
    REVIEWED = "reviewed", pgettext_lazy("assistance", "Reviewed")
    LOCKED = "locked", pgettext_lazy("assistance", "Locked")
