"""Choices of the community registers. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    """城乡社区综合服务设施: what the building is called locally; all kinds count alike (民发〔2017〕191号)."""

    PARTY_SERVICE_CENTRE = "party_service_centre", _("Party and community service centre")
    CONVENIENCE_CENTRE = "convenience_centre", _("Convenience service centre")
    SERVICE_STATION = "service_station", _("Community service station")


class FacilityTenure(models.TextChoices):
    """How the bureau holds the building: owned, rented, swapped or shared all count (definition 口径)."""

    OWNED = "owned", _("Owned")
    RENTED = "rented", _("Rented")
    SWAPPED = "swapped", _("Swapped or reallocated")
    SHARED = "shared", _("Built or shared with others")


class Platform(models.TextChoices):
    """公共服务综合信息平台 a village or community may be connected to."""

    NATIONAL = "national", _("National grassroots governance and community information system")
    PROVINCIAL = "provincial", _("Provincial smart-community platform")
    COUNTY = "county", _("County community service platform")
    OTHER = "other", _("Other platform")


class OrgType(models.TextChoices):
    """The three legal forms of 社会组织.

    《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》《基金会管理条例》.
    """

    SOCIAL_GROUP = "social_group", _("Social group")
    SOCIAL_SERVICE_ORG = "social_service_org", _("Social service organisation (private non-enterprise unit)")
    FOUNDATION = "foundation", _("Foundation")


# The second character of a 社会组织's 统一社会信用代码 (GB 32100-2015, 民政 = 5):
# 1 社会团体, 2 民办非企业单位, 3 基金会.
USCC_TYPE_DIGIT = {OrgType.SOCIAL_GROUP: "1", OrgType.SOCIAL_SERVICE_ORG: "2", OrgType.FOUNDATION: "3"}


class RegistrationKind(models.TextChoices):
    """登记 (a legal person with a 统一社会信用代码) or 备案 (a community social organisation filed with the
    township)."""

    REGISTERED = "registered", _("Registered")
    FILED = "filed", _("Filed only (community social organisation)")


class OrgCategory(models.TextChoices):
    TRADE_ASSOCIATION = "trade_association", _("Trade association or chamber of commerce")
    SCIENCE = "science", _("Science and technology")
    CHARITY = "charity", _("Public welfare and charity")
    COMMUNITY_SERVICE = "community_service", _("Urban and rural community service")
    SOCIAL_WORK = "social_work", _("Social work service organisation")
    ELDER_CARE = "elder_care", _("Elder care")
    EDUCATION = "education", _("Education and training")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")
    OTHER = "other", _("Other")


class OrgStatus(models.TextChoices):
    """登记状态. Every status but 正常 ends the registration from its date (definition 口径)."""

    NORMAL = "normal", _("Normal")
    DEREGISTERED = "deregistered", _("Deregistered")
    REVOKED = "revoked", _("Registration revoked")
    LICENCE_REVOKED = "licence_revoked", _("Certificate withdrawn")
    BANNED = "banned", _("Banned")


ENDED_STATUSES = (OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.LICENCE_REVOKED, OrgStatus.BANNED)


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for correction")


class CertificateLevel(models.TextChoices):
    """社会工作者职业资格. 社工员 is a local (county or city) qualification, not the national certificate."""

    NONE = "none", _("No certificate")
    LOCAL_ASSISTANT = "local_assistant", _("Social work assistant (local qualification)")
    ASSISTANT = "assistant", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR = "senior", _("Senior social worker")


# The national 社会工作者职业资格证书 (人社部 / 民政部): what the "持证" indicators count.
NATIONAL_CERTIFICATE_LEVELS = (CertificateLevel.ASSISTANT, CertificateLevel.SOCIAL_WORKER, CertificateLevel.SENIOR)


class TalentBasis(models.TextChoices):
    """Why someone without the national certificate is on the county's list of 社会工作专业人才."""

    CERTIFICATE = "certificate", _("Holds a social work certificate")
    DEGREE = "degree", _("Social work degree")
    TRAINING = "training", _("Trained and recognised by the county")
    EXPERIENCE = "experience", _("Recognised by practice")


class EmployerKind(models.TextChoices):
    STATION = "station", _("Township social work station")
    AGENCY = "agency", _("Social work service organisation")
    COMMUNITY = "community", _("Village or community committee")
    INSTITUTION = "institution", _("Civil-affairs service institution")
    OTHER = "other", _("Other employer")


class LeaveReason(models.TextChoices):
    RESIGNED = "resigned", _("Resigned")
    TRANSFERRED = "transferred", _("Transferred out")
    RETIRED = "retired", _("Retired")
    DIED = "died", _("Died")
    OTHER = "other", _("Other")


class VolunteerSource(models.TextChoices):
    NATIONAL_SYSTEM = "national", _("National volunteer service information system")
    PROVINCIAL_PLATFORM = "provincial", _("Provincial volunteer platform")
    MANUAL = "manual", _("Entered by hand")


class DonorType(models.TextChoices):
    PERSON = "person", _("Individual")
    COMPANY = "company", _("Enterprise")
    ORGANISATION = "organisation", _("Social organisation")
    CHARITY = "charity", _("Another charity")
    OTHER = "other", _("Other")


class DonationKind(models.TextChoices):
    """A refund (退回) is entered as its own row and reduces the total of its period (definition 口径)."""

    RECEIPT = "receipt", _("Donation received")
    REFUND = "refund", _("Donation returned")


class OutletKind(models.TextChoices):
    DEDICATED = "dedicated", _("Dedicated outlet")
    SHARED = "shared", _("Sales counter in another business")
