"""The funeral services: refusals in Chinese that leave the data as it was, idempotent repeats, jurisdiction checks,
the home page's to-dos and the audit trail."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.urls import reverse

from funeral import services
from funeral.choices import BurialZoneKind, CrossProvinceBusiness, FacilityType, RegistrationKind
from funeral.models import BurialZone, CrossProvinceAuthorisation, MarriageRegistrationCount
from tests.funeral.factories import (
    BurialZoneFactory,
    ConstructionProjectFactory,
    CrematorFactory,
    EmissionTestFactory,
    FuneralFacilityFactory,
    OfficeFactory,
    approve_progress,
)

pytestmark = pytest.mark.django_db


def test_zone_designation_refuses_an_earlier_date_and_leaves_the_zones_as_they_were(county_staff, township_a):
    BurialZoneFactory(township=township_a, kind=BurialZoneKind.CREMATION, valid_from=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.burial_zone_designate(
            actor=county_staff,
            township=township_a,
            kind=BurialZoneKind.BURIAL_REFORM,
            valid_from=datetime.date(2019, 1, 1),
            document="通告",
        )
    assert "更晚" in str(exc.value) or "later" in str(exc.value)
    zone = BurialZone.objects.get(township=township_a)
    assert zone.valid_to is None


def test_zone_designation_to_the_same_zone_is_refused(county_staff, township_a):
    BurialZoneFactory(township=township_a, kind=BurialZoneKind.CREMATION, valid_from=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.burial_zone_designate(
            actor=county_staff,
            township=township_a,
            kind=BurialZoneKind.CREMATION,
            valid_from=datetime.date(2022, 1, 1),
            document="通告",
        )


def test_zone_designation_outside_the_jurisdiction_is_not_found(caseworker_a, county_staff, other_county):
    with pytest.raises(ObjectDoesNotExist):
        services.burial_zone_designate(
            actor=county_staff,
            township=other_county["townships"][0],
            kind=BurialZoneKind.CREMATION,
            valid_from=datetime.date(2022, 1, 1),
            document="通告",
        )
    with pytest.raises(PermissionDenied):
        services.burial_zone_designate(
            actor=caseworker_a,
            township=other_county["townships"][0],
            kind=BurialZoneKind.CREMATION,
            valid_from=datetime.date(2022, 1, 1),
            document="通告",
        )


def test_decommission_is_idempotent_and_refuses_a_second_date(county_staff, geo):
    home = FuneralFacilityFactory(region=geo["county"], facility_type=FacilityType.FUNERAL_HOME, name="殡仪馆")
    unit = CrematorFactory(facility=home)
    day = datetime.date(2024, 1, 1)
    services.cremator_decommission(actor=county_staff, cremator=unit, on=day, reason="报废")
    services.cremator_decommission(actor=county_staff, cremator=unit, on=day, reason="报废")
    with pytest.raises(ValidationError):
        services.cremator_decommission(actor=county_staff, cremator=unit, on=datetime.date(2024, 2, 1), reason="报废")
    unit.refresh_from_db()
    assert unit.decommissioned_on == day


def test_emission_test_after_decommissioning_is_refused(county_staff, geo):
    home = FuneralFacilityFactory(region=geo["county"], facility_type=FacilityType.FUNERAL_HOME, name="殡仪馆")
    unit = CrematorFactory(facility=home, decommissioned_on=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.emission_test_record(
            actor=county_staff,
            cremator=unit,
            tested_on=datetime.date(2024, 3, 1),
            tested_by="监测站",
            report_number="X-1",
            passed=True,
        )
    assert not unit.emission_tests.exists()


def test_cross_province_enable_skips_a_business_already_open(county_staff, geo):
    office = OfficeFactory(region=geo["county"])
    first = services.cross_province_enable(
        actor=county_staff,
        office=office,
        businesses=[CrossProvinceBusiness.MARRIAGE],
        enabled_on=datetime.date(2021, 6, 1),
        document="试点",
    )
    second = services.cross_province_enable(
        actor=county_staff,
        office=office,
        businesses=CrossProvinceBusiness.values,
        enabled_on=datetime.date(2022, 1, 1),
        document="扩大",
    )
    assert len(first) == 1 and [a.business for a in second] == [CrossProvinceBusiness.DIVORCE]
    assert CrossProvinceAuthorisation.objects.filter(office=office).count() == 2


def test_count_record_refuses_a_day_the_office_was_closed(county_staff, geo):
    office = OfficeFactory(region=geo["county"], opened_on=datetime.date(2015, 1, 1))
    data = services.CountInput(office=office, date=datetime.date(2014, 12, 31), kind=RegistrationKind.MARRIAGE, total=2)
    with pytest.raises(ValidationError) as exc:
        services.count_record(actor=county_staff, data=data)
    assert "date" in exc.value.message_dict
    assert not MarriageRegistrationCount.objects.exists()


def test_count_record_in_another_county_is_not_found(county_staff, other_county):
    office = OfficeFactory(region=other_county["county"])
    data = services.CountInput(office=office, date=datetime.date(2024, 1, 2), kind=RegistrationKind.MARRIAGE, total=2)
    with pytest.raises(ObjectDoesNotExist):
        services.count_record(actor=county_staff, data=data)


def test_home_page_lists_cremator_and_project_to_dos(client_for, county_staff, county_admin, geo):
    home = FuneralFacilityFactory(region=geo["county"], facility_type=FacilityType.FUNERAL_HOME, name="殡仪馆")
    never_tested = CrematorFactory(facility=home)
    tested = CrematorFactory(facility=home, scrap_due_on=datetime.date.today() + datetime.timedelta(days=10))
    EmissionTestFactory(cremator=tested, tested_on=datetime.date.today() - datetime.timedelta(days=20))
    stale = ConstructionProjectFactory(name="殡仪馆改扩建工程", region=geo["county"])
    fresh = ConstructionProjectFactory(name="生态陵园建设工程", region=geo["county"])
    approve_progress(fresh, 40, datetime.date.today(), entered_by=county_staff, approved_by=county_admin)
    todos = client_for(county_staff).get(reverse("home")).context["todos"]
    titles = [t.title for t in todos]
    assert any("1台火化炉需要进行排放检测" in t for t in titles), titles
    assert any("1台火化炉即将或已经达到强制报废日期" in t for t in titles)
    assert any("1个建设项目近期没有经审核的形象进度" in t for t in titles)
    assert never_tested.pk and stale.pk


def test_facility_changes_are_audited_with_their_region(client_for, county_staff, village_a):
    facility = FuneralFacilityFactory(name="甲村公墓", region=village_a)
    data = {
        "name": "甲村公墓",
        "facility_type": FacilityType.RURAL_PUBLIC_CEMETERY,
        "is_public": "on",
        "region": village_a.code,
        "opened_on": "2020-01-01",
        "capacity": "500",
    }
    assert (
        client_for(county_staff).post(reverse("funeral:facility_update", args=[facility.pk]), data).status_code == 302
    )
    entry = LogEntry.objects.get_for_object(facility).filter(action=LogEntry.Action.UPDATE).first()
    assert entry is not None and "capacity" in entry.changes_dict
    assert entry.additional_data == {"region": village_a.code}
