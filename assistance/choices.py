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
    # 残疾人两项补贴 (国发〔2015〕52号): yuan per person per month; the care subsidy is set per grade band.
    DISABILITY_LIVING = "dis_living", pgettext_lazy("assistance", "Living subsidy for disabled people in hardship")
    DISABILITY_CARE_1 = "dis_care_1", pgettext_lazy("assistance", "Care subsidy, grade 1")
    DISABILITY_CARE_2 = "dis_care_2", pgettext_lazy("assistance", "Care subsidy, grade 2")
    DISABILITY_CARE_34 = (
        "dis_care_34",
        pgettext_lazy("assistance", "Care subsidy, grade 3–4 intellectual or mental (local extension)"),
    )


DISABILITY_CARE_KINDS = (
    StandardKind.DISABILITY_CARE_1,
    StandardKind.DISABILITY_CARE_2,
    StandardKind.DISABILITY_CARE_34,
)


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
    LIVING_SUBSIDY = "dis_living", pgettext_lazy("assistance", "Living subsidy for disabled people in hardship")
    CARE_SUBSIDY = "dis_care", pgettext_lazy("assistance", "Care subsidy for severely disabled people")


# The means-tested programmes run the survey / appraisal / notice path; the two disability subsidies do not
# (乡镇初审 → 残联审核 where used → 县民政局审批, 国发〔2015〕52号).
MEANS_TESTED_KINDS = frozenset({ApplicationKind.DIBAO, ApplicationKind.TEKUN, ApplicationKind.TEMPORARY})
SUBSIDY_KINDS = frozenset({ApplicationKind.LIVING_SUBSIDY, ApplicationKind.CARE_SUBSIDY})
# Applications about one named person (the target), not the whole household.
PERSON_KINDS = frozenset({ApplicationKind.TEKUN, *SUBSIDY_KINDS})


class TemporaryType(models.TextChoices):
    EMERGENCY = "emergency", pgettext_lazy("assistance", "Emergency (sudden hardship)")
    EXPENDITURE = "expenditure", pgettext_lazy("assistance", "Expenditure (rigid expenses)")


class ExpenseCategory(models.TextChoices):
    """支出型临时救助: the rigid expense that caused the hardship."""

    MEDICAL = "medical", pgettext_lazy("assistance", "Medical expenses")
    EDUCATION = "education", pgettext_lazy("assistance", "Education expenses")
    OTHER = "other", pgettext_lazy("assistance", "Other rigid expenses")


class PaymentMethod(models.TextChoices):
    CASH = "cash", pgettext_lazy("assistance", "Cash from the township reserve fund")
    TRANSFER = "transfer", pgettext_lazy("assistance", "Bank transfer")
    IN_KIND = "in_kind", pgettext_lazy("assistance", "In kind")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("assistance", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("assistance", "Accepted, survey pending")
    SURVEYED = "surveyed", pgettext_lazy("assistance", "Surveyed")
    APPRAISED = "appraised", pgettext_lazy("assistance", "Democratically appraised")
    REVIEWED = "reviewed", pgettext_lazy("assistance", "Township opinion given")
    FEDERATION_REVIEWED = (
        "federation_reviewed",
        pgettext_lazy("assistance", "Reviewed by the disabled persons' federation"),
    )
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
        ApplicationStatus.FEDERATION_REVIEWED,
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
    """What an enrolment (or a one-off payment) pays."""

    DIBAO = "dibao", pgettext_lazy("assistance", "Minimum living allowance (dibao)")
    TEKUN = "tekun", pgettext_lazy("assistance", "Extreme-poverty support (tekun)")
    TEMPORARY = "temporary", pgettext_lazy("assistance", "Temporary assistance")
    LIVING_SUBSIDY = "dis_living", pgettext_lazy("assistance", "Living subsidy for disabled people in hardship")
    CARE_SUBSIDY = "dis_care", pgettext_lazy("assistance", "Care subsidy for severely disabled people")


SUBSIDY_PROGRAMMES = (Programme.LIVING_SUBSIDY, Programme.CARE_SUBSIDY)
PROGRAMME_OF_KIND = {
    ApplicationKind.DIBAO: Programme.DIBAO,
    ApplicationKind.TEKUN: Programme.TEKUN,
    ApplicationKind.LIVING_SUBSIDY: Programme.LIVING_SUBSIDY,
    ApplicationKind.CARE_SUBSIDY: Programme.CARE_SUBSIDY,
}


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


class LineKind(models.TextChoices):
    """What a payment line pays: the month's amount, a one-off grant, or back pay (补发) for an earlier month."""

    REGULAR = "regular", pgettext_lazy("assistance", "Monthly payment")
    ONE_OFF = "one_off", pgettext_lazy("assistance", "One-off grant")
    BACK_PAY = "back_pay", pgettext_lazy("assistance", "Back pay")


class EndReason(models.TextChoices):
    INCOME_ABOVE_CEILING = "income", pgettext_lazy("assistance", "Income above the limit")
    PHASE_OUT_ENDED = "phase_out_ended", pgettext_lazy("assistance", "Phase-out period ended")
    DEATH = "death", pgettext_lazy("assistance", "Death")
    MOVED_AWAY = "moved", pgettext_lazy("assistance", "Moved away")
    REFUSED_RECHECK = "refused", pgettext_lazy("assistance", "Refused the re-check")
    NO_LONGER_ELIGIBLE = "ineligible", pgettext_lazy("assistance", "No longer eligible")
    LEFT_DIBAO = "left_dibao", pgettext_lazy("assistance", "Household left dibao")
    CERTIFICATE_INVALID = "certificate", pgettext_lazy("assistance", "Disability certificate no longer valid")
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


# --- Disability certificates (残疾人证, 残联 data) ---------------------------------------------------------------


class CertificateSource(models.TextChoices):
    FEDERATION = "federation", pgettext_lazy("assistance", "Imported from the disabled persons' federation")
    ENTERED = "entered", pgettext_lazy("assistance", "Entered by civil-affairs staff")


# --- 低保边缘 / 低收入人口 --------------------------------------------------------------------------------------


class LowIncomeCategory(models.TextChoices):
    DIBAO_EDGE = "dibao_edge", pgettext_lazy("assistance", "Dibao-edge household")
    LOW_INCOME = "low_income", pgettext_lazy("assistance", "Low-income household")


class LowIncomeSource(models.TextChoices):
    PROACTIVE = "proactive", pgettext_lazy("assistance", "Found proactively")
    APPLICATION = "application", pgettext_lazy("assistance", "Application")
    DEPARTMENT = "department", pgettext_lazy("assistance", "Pushed by another department")


class MonitoringReason(models.TextChoices):
    ILLNESS = "illness", pgettext_lazy("assistance", "Illness")
    DISASTER = "disaster", pgettext_lazy("assistance", "Disaster")
    ACCIDENT = "accident", pgettext_lazy("assistance", "Accident")
    INCOME_DROP = "income_drop", pgettext_lazy("assistance", "Sudden drop in income")
    EXPENSES = "expenses", pgettext_lazy("assistance", "Rigid expenses")
    OTHER = "other", pgettext_lazy("assistance", "Other")


class LowIncomeEndReason(models.TextChoices):
    INCOME_ROSE = "income_rose", pgettext_lazy("assistance", "Income no longer low")
    ENROLLED = "enrolled", pgettext_lazy("assistance", "Enrolled in dibao or tekun")
    MOVED = "moved", pgettext_lazy("assistance", "Moved away")
    DIED = "died", pgettext_lazy("assistance", "Household ceased (death)")
    OTHER = "other", pgettext_lazy("assistance", "Other")


# --- 流浪乞讨救助 -----------------------------------------------------------------------------------------------


class VagrantFoundBy(models.TextChoices):
    PATROL = "patrol", pgettext_lazy("assistance", "Street patrol")
    POLICE = "police", pgettext_lazy("assistance", "Brought by the police")
    SELF = "self", pgettext_lazy("assistance", "Asked for help")
    PUBLIC = "public", pgettext_lazy("assistance", "Reported by the public")


class IdentityMethod(models.TextChoices):
    DNA = "dna", pgettext_lazy("assistance", "DNA sampling")
    FACE = "face", pgettext_lazy("assistance", "Face matching")
    RELATIONS = "relations", pgettext_lazy("assistance", "Search through relations")
    ONLINE = "online", pgettext_lazy("assistance", "Online family search")
    STATEMENT = "statement", pgettext_lazy("assistance", "Own statement")


class VagrantOutcome(models.TextChoices):
    """离站方式. The first three are 接送返回 (definition assistance.vagrant_return_rate)."""

    ESCORTED_HOME = "escorted_home", pgettext_lazy("assistance", "Escorted home")
    COLLECTED = "collected", pgettext_lazy("assistance", "Collected by relatives or employer")
    TRANSFERRED_HOME_STATION = (
        "to_home_station",
        pgettext_lazy("assistance", "Handed to the assistance station of the home place"),
    )
    TRANSFERRED_CARE = "to_care", pgettext_lazy("assistance", "Transferred to a care institution")
    TRANSFERRED_WELFARE = "to_welfare", pgettext_lazy("assistance", "Transferred to a welfare institution")
    SETTLED = "settled", pgettext_lazy("assistance", "Settled locally (household registration)")
    LEFT = "left", pgettext_lazy("assistance", "Left the station on their own")
    DIED = "died", pgettext_lazy("assistance", "Died")


RETURN_OUTCOMES = (VagrantOutcome.ESCORTED_HOME, VagrantOutcome.COLLECTED, VagrantOutcome.TRANSFERRED_HOME_STATION)
# Not counted in the return rate at all: died while assisted, or settled after return proved impossible.
RETURN_RATE_EXCLUDED = (VagrantOutcome.DIED, VagrantOutcome.SETTLED)


class VagrantHandledBy(models.TextChoices):
    COUNTY_STATION = "county", pgettext_lazy("assistance", "The county's assistance station")
    HIGHER_STATION = "higher", pgettext_lazy("assistance", "A higher-level assistance station")


# --- Welfare institutions (社会福利机构; the 精神卫生福利机构 milestone) -------------------------------------------


class WelfareInstitutionType(models.TextChoices):
    MENTAL_HEALTH = "mental_health", pgettext_lazy("assistance", "Mental-health welfare institution")
    CHILD_WELFARE = "child_welfare", pgettext_lazy("assistance", "Child welfare institution")
    ASSISTANCE_STATION = "assistance_station", pgettext_lazy("assistance", "Assistance station")
    OTHER = "other", pgettext_lazy("assistance", "Other welfare institution")


class WelfareInstitutionOrigin(models.TextChoices):
    NEW = "new", pgettext_lazy("assistance", "Newly built")
    EXPANDED = "expanded", pgettext_lazy("assistance", "Rebuilt or expanded")
    RENAMED = "renamed", pgettext_lazy("assistance", "Renamed or re-badged")
    EXISTING = "existing", pgettext_lazy("assistance", "Existing before the plan period")
