"""Community factories (factory_boy): every register, with valid defaults; tests set the dates and places."""

import datetime
import itertools
from decimal import Decimal

import factory
from stdnum.cn import uscc as stdnum_uscc

from community.choices import (
    USCC_TYPE_DIGIT,
    CertificateLevel,
    DonorType,
    EmployerKind,
    FacilityKind,
    OrgCategory,
    OrgType,
    Platform,
    TalentBasis,
    VolunteerSource,
)
from community.models import (
    CharityDonation,
    CommunityPlatformAccess,
    CommunityServiceFacility,
    IncubationCentre,
    LotteryOutlet,
    LotterySalesReturn,
    RuralCommunityDesignation,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
    VolunteerStation,
)
from tests.factories import PersonFactory, make_id_number

OPENED = datetime.date(2018, 3, 1)
_codes = itertools.count(1)


def make_uscc(org_type: str = OrgType.SOCIAL_SERVICE_ORG, county: str = "990101") -> str:
    """A valid 统一社会信用代码 of a 社会组织 (5 + type + county + a 9-character organisation code + check)."""
    body = f"5{USCC_TYPE_DIGIT[org_type]}{county}{next(_codes):08d}X"
    return body + stdnum_uscc.calc_check_digit(body)


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityServiceFacility
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"便民服务中心{n}")
    kind = FacilityKind.CONVENIENCE_CENTRE
    building_area_m2 = Decimal("300.00")
    opened_on = OPENED


class VolunteerStationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerStation

    name = factory.Sequence(lambda n: f"志愿服务站{n}")
    region = factory.LazyAttribute(lambda o: o.facility.village if o.facility else None)
    established_on = OPENED


class PlatformAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityPlatformAccess

    platform = Platform.PROVINCIAL
    platform_name = "重庆市智慧社区一体化管理服务平台"
    connected_on = OPENED


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuralCommunityDesignation

    designated_on = OPENED
    document_number = factory.Sequence(lambda n: f"测民发〔2018〕{n}号")
    criteria = "农村社区建设标准"


class SocialOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialOrganization

    name = factory.Sequence(lambda n: f"测试社会组织{n}")
    org_type = OrgType.SOCIAL_SERVICE_ORG
    category = OrgCategory.COMMUNITY_SERVICE
    uscc = factory.LazyAttribute(lambda o: make_uscc(o.org_type, o.registration_authority.code[:6]))
    registered_on = OPENED
    fulltime_staff_at_registration = 2


class CharityFactory(SocialOrganizationFactory):
    name = factory.Sequence(lambda n: f"测试慈善会{n}")
    org_type = OrgType.SOCIAL_GROUP
    category = OrgCategory.CHARITY
    is_charity = True
    charity_recognised_on = OPENED


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialOrgAnnualReport

    year = 2023
    fulltime_staff = 5
    submitted_on = factory.LazyAttribute(lambda o: datetime.date(o.year + 1, 3, 1))


class IncubationCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncubationCentre

    name = factory.Sequence(lambda n: f"社会组织孵化基地{n}")
    opened_on = OPENED


class SocialWorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialWorker

    person = factory.LazyAttribute(lambda o: PersonFactory(region=o.region))
    employer_kind = EmployerKind.STATION
    employer_name = "乡镇社会工作站"
    certificate_level = CertificateLevel.NONE
    talent_basis = TalentBasis.TRAINING
    active_from = OPENED


def certified(level=CertificateLevel.ASSISTANT, on=OPENED) -> dict:
    return {
        "certificate_level": level,
        "certificate_number": f"Z{on:%Y}{next(_codes):06d}",
        "certified_on": on,
        "talent_basis": TalentBasis.CERTIFICATE,
    }


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer

    id_number = factory.LazyFunction(lambda: make_id_number(datetime.date(1990, 1, 1)))
    name = factory.Sequence(lambda n: f"志愿者{n}")
    registered_on = OPENED
    source = VolunteerSource.PROVINCIAL_PLATFORM


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharityDonation

    donor_name = factory.Sequence(lambda n: f"捐赠人{n}")
    donor_type = DonorType.PERSON
    cash_yuan = Decimal("1000.00")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LotteryOutlet

    outlet_number = factory.Sequence(lambda n: f"99010{n:05d}")
    name = factory.Sequence(lambda n: f"福彩投注站{n}")
    address = "测试路1号"
    opened_on = OPENED


class SalesReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LotterySalesReturn

    sales_yuan = Decimal("10000.00")
