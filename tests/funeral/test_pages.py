"""The funeral and marriage pages: permission matrix (anonymous, no permission, in scope, other township), query
budgets on lists, and what staff see and do: facility with its service area, zone designation ending the previous
one, emission tests, decommissioning, project progress flagged 人工填报, 跨省通办, daily counts and their import."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from funeral.choices import BurialZoneKind, CrossProvinceBusiness, FacilityType, RegistrationKind
from funeral.models import (
    BurialZone,
    CrematorEmissionTest,
    CrossProvinceAuthorisation,
    FuneralFacility,
    MarriageRegistrationCount,
)
from tests.funeral.factories import (
    BurialZoneFactory,
    ConstructionProjectFactory,
    CountFactory,
    CrematorFactory,
    EmissionTestFactory,
    FuneralFacilityFactory,
    OfficeFactory,
    approve_progress,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(geo, township_a, township_b, village_a, village_b):
    county = geo["county"]
    facility_a = FuneralFacilityFactory(
        name="甲村公益性公墓", region=village_a, served=[geo["villages"][township_a.code][1]]
    )
    facility_b = FuneralFacilityFactory(name="乙村公益性公墓", region=village_b)
    home = FuneralFacilityFactory(name="县殡仪馆", region=county, facility_type=FacilityType.FUNERAL_HOME)
    cremator = CrematorFactory(facility=home)
    EmissionTestFactory(cremator=cremator, tested_on=datetime.date.today() - datetime.timedelta(days=30))
    zone_a = BurialZoneFactory(township=township_a)
    zone_b = BurialZoneFactory(township=township_b, kind=BurialZoneKind.BURIAL_REFORM)
    project_a = ConstructionProjectFactory(name="甲镇农村公益性公墓建设项目", region=township_a)
    project_b = ConstructionProjectFactory(name="乙镇殡仪服务站建设项目", region=township_b)
    office = OfficeFactory(name="县婚姻登记中心", region=county)
    count = CountFactory(office=office, date=datetime.date.today())
    return {
        "facility_a": facility_a,
        "facility_b": facility_b,
        "home": home,
        "cremator": cremator,
        "zone_a": zone_a,
        "zone_b": zone_b,
        "project_a": project_a,
        "project_b": project_b,
        "office": office,
        "count": count,
    }


def county_pages(w):
    return {
        "cremators": reverse("funeral:cremator_list"),
        "cremator": reverse("funeral:cremator_detail", args=[w["cremator"].pk]),
        "cremator_new": reverse("funeral:cremator_create"),
        "cremator_edit": reverse("funeral:cremator_update", args=[w["cremator"].pk]),
        "cremator_test": reverse("funeral:cremator_test", args=[w["cremator"].pk]),
        "cremator_decommission": reverse("funeral:cremator_decommission", args=[w["cremator"].pk]),
        "offices": reverse("funeral:office_list"),
        "office": reverse("funeral:office_detail", args=[w["office"].pk]),
        "office_new": reverse("funeral:office_create"),
        "office_edit": reverse("funeral:office_update", args=[w["office"].pk]),
        "office_cross_province": reverse("funeral:office_cross_province", args=[w["office"].pk]),
        "counts": reverse("funeral:count_list"),
        "count_new": reverse("funeral:count_create"),
        "count_import": reverse("funeral:count_import"),
    }


def township_pages(w):
    return {
        "facilities": reverse("funeral:facility_list"),
        "facility_a": reverse("funeral:facility_detail", args=[w["facility_a"].pk]),
        "zones": reverse("funeral:zone_list"),
        "zone_a": reverse("funeral:zone_detail", args=[w["zone_a"].pk]),
        "projects": reverse("funeral:project_list"),
        "project_a": reverse("funeral:project_detail", args=[w["project_a"].pk]),
    }


def edit_pages(w):
    return {
        "facility_new": reverse("funeral:facility_create"),
        "facility_edit": reverse("funeral:facility_update", args=[w["facility_a"].pk]),
        "zone_new": reverse("funeral:zone_create"),
        "project_new": reverse("funeral:project_create"),
        "project_edit": reverse("funeral:project_update", args=[w["project_a"].pk]),
    }


def all_pages(w):
    return {**county_pages(w), **township_pages(w), **edit_pages(w)}


def test_anonymous_users_are_sent_to_login(client, world):
    for name, url in all_pages(world).items():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], name


def test_users_without_a_role_are_refused(client_for, no_role_user, world):
    client = client_for(no_role_user)
    for name, url in all_pages(world).items():
        assert client.get(url).status_code == 403, name


def test_county_staff_open_every_page(client_for, county_staff, world):
    client = client_for(county_staff)
    for name, url in all_pages(world).items():
        assert client.get(url).status_code == 200, name


def test_leaders_read_but_do_not_edit(client_for, county_leader, world):
    client = client_for(county_leader)
    for name, url in {**county_pages(world), **township_pages(world)}.items():
        expected = (
            403 if name.endswith(("_new", "_edit", "_test", "_decommission", "_cross_province", "_import")) else 200
        )
        assert client.get(url).status_code == expected, name
    for name, url in edit_pages(world).items():
        assert client.get(url).status_code == 403, name


def test_township_caseworker_reads_own_township_facilities_only(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    for name, url in township_pages(world).items():
        assert client.get(url).status_code == 200, name
    response = client.get(reverse("funeral:facility_list"))
    assert "甲村公益性公墓" in response.content.decode() and "乙村公益性公墓" not in response.content.decode()
    assert client.get(reverse("funeral:facility_detail", args=[world["facility_b"].pk])).status_code == 404
    assert client.get(reverse("funeral:zone_detail", args=[world["zone_b"].pk])).status_code == 404
    assert client.get(reverse("funeral:project_detail", args=[world["project_b"].pk])).status_code == 404
    # Cremators and marriage registration are county business.
    for name, url in county_pages(world).items():
        assert client.get(url).status_code == 403, name
    for name, url in edit_pages(world).items():
        assert client.get(url).status_code == 403, name


def test_other_township_caseworker_gets_404_for_township_a_records(client_for, caseworker_b, world):
    client = client_for(caseworker_b)
    for name in ("facility_a", "zone_a", "project_a"):
        assert client.get(township_pages(world)[name]).status_code == 404, name


def test_list_pages_keep_a_query_budget(
    client_for, county_staff, world, geo, township_a, django_assert_max_num_queries
):
    villages = geo["villages"][township_a.code]
    for i in range(25):
        facility = FuneralFacilityFactory(name=f"公墓{i}", region=villages[i % 2], served=villages)
        if i < 10:
            CrematorFactory(facility=world["home"])
        CountFactory(office=world["office"], date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i))
        ConstructionProjectFactory(name=f"项目{i}", region=township_a)
        OfficeFactory(name=f"登记处{i}", region=township_a)
        del facility
    client = client_for(county_staff)
    for name in ("facility_list", "zone_list", "cremator_list", "project_list", "office_list", "count_list"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"funeral:{name}")).status_code == 200, name


def test_facility_form_saves_the_service_area_and_refuses_a_public_commercial_cemetery(
    client_for, county_staff, geo, township_a, village_a
):
    client = client_for(county_staff)
    other = geo["villages"][township_a.code][1]
    data = {
        "name": "甲镇公益性骨灰堂",
        "facility_type": FacilityType.COLUMBARIUM,
        "is_public": "on",
        "region": township_a.code,
        "opened_on": "2023-05-01",
        "served_villages": [village_a.code, other.code],
    }
    response = client.post(reverse("funeral:facility_create"), data)
    assert response.status_code == 302
    facility = FuneralFacility.objects.get(name="甲镇公益性骨灰堂")
    assert set(facility.served_villages.values_list("code", flat=True)) == {village_a.code, other.code}
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "计入公益性安葬（放）设施覆盖率" in page or "Counts towards public burial facility coverage today" in page
    bad = {**data, "name": "经营性公墓", "facility_type": FacilityType.COMMERCIAL_CEMETERY}
    response = client.post(reverse("funeral:facility_create"), bad)
    assert response.status_code == 200 and not FuneralFacility.objects.filter(name="经营性公墓").exists()


def test_a_new_zone_designation_ends_the_one_in_force(client_for, county_staff, township_a, world):
    client = client_for(county_staff)
    data = {
        "township": township_a.code,
        "kind": BurialZoneKind.BURIAL_REFORM,
        "valid_from": "2022-07-01",
        "document": "县政府关于调整火葬区和土葬改革区的通告",
    }
    assert client.post(reverse("funeral:zone_create"), data).status_code == 302
    world["zone_a"].refresh_from_db()
    assert world["zone_a"].valid_to == datetime.date(2022, 7, 1)
    # The same designation again (a double submit) is refused with a message and changes nothing.
    response = client.post(reverse("funeral:zone_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert BurialZone.objects.filter(township=township_a).count() == 2


def test_recording_the_same_emission_report_twice_keeps_one_test(client_for, county_staff, world):
    client = client_for(county_staff)
    url = reverse("funeral:cremator_test", args=[world["cremator"].pk])
    data = {"tested_on": "2024-09-01", "tested_by": "市环境监测站", "report_number": "HJ-2024-001", "passed": "true"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert CrematorEmissionTest.objects.filter(report_number="HJ-2024-001").count() == 1
    before = {**data, "report_number": "HJ-2010-001", "tested_on": "2010-01-01"}
    response = client.post(url, before)
    assert response.status_code == 200
    assert not CrematorEmissionTest.objects.filter(report_number="HJ-2010-001").exists()


def test_decommissioning_a_cremator_needs_a_reason(client_for, county_staff, world):
    client = client_for(county_staff)
    url = reverse("funeral:cremator_decommission", args=[world["cremator"].pk])
    assert client.post(url, {"on": "2025-01-01", "reason": ""}).status_code == 200
    assert client.post(url, {"on": "2025-01-01", "reason": "已达强制报废年限，更新改造"}).status_code == 302
    world["cremator"].refresh_from_db()
    assert world["cremator"].decommissioned_on == datetime.date(2025, 1, 1)


def test_project_page_shows_latest_approved_progress_flagged_manual(client_for, county_staff, county_admin, world):
    project = world["project_a"]
    approve_progress(project, 45, datetime.date(2024, 3, 31), entered_by=county_staff, approved_by=county_admin)
    response = client_for(county_staff).get(project.get_absolute_url())
    page = response.content.decode()
    assert response.context["latest_progress"].value == 45
    assert 'data-testid="latest-progress">45%' in page
    assert response.context["enter_progress_url"].startswith(reverse("indicators:manualinput_create"))


def test_cross_province_enable_opens_both_businesses_once(client_for, county_staff, world):
    client = client_for(county_staff)
    url = reverse("funeral:office_cross_province", args=[world["office"].pk])
    data = {
        "businesses": [CrossProvinceBusiness.MARRIAGE, CrossProvinceBusiness.DIVORCE],
        "enabled_on": "2021-06-01",
        "document": "渝民发〔2021〕试点通知",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert CrossProvinceAuthorisation.objects.filter(office=world["office"]).count() == 2
    response = client.get(world["office"].get_absolute_url())
    assert response.context["implements_cross_province"] is True


def test_entering_a_count_twice_is_harmless_and_a_correction_updates_it(client_for, county_staff, world):
    client = client_for(county_staff)
    data = {
        "office": world["office"].pk,
        "date": "2024-05-21",
        "kind": RegistrationKind.DIVORCE,
        "total": "3",
        "online": "3",
        "cross_province": "0",
        "backfilled": "0",
    }
    assert client.post(reverse("funeral:count_create"), data).status_code == 302
    assert client.post(reverse("funeral:count_create"), data).status_code == 302
    assert client.post(reverse("funeral:count_create"), {**data, "total": "4", "online": "4"}).status_code == 302
    rows = MarriageRegistrationCount.objects.filter(office=world["office"], date=datetime.date(2024, 5, 21))
    assert [(r.total, r.online) for r in rows] == [(4, 4)]
    response = client.post(reverse("funeral:count_create"), {**data, "online": "9"})
    assert response.status_code == 200 and "online" in response.context["form"].errors


def _sheet(rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["婚姻登记机关", "日期", "类别", "登记件数", "联网实时办理件数", "跨省通办件数", "历史数据补录件数", "备注"]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "counts.xlsx"
    return out


def test_count_import_is_all_or_nothing(client_for, county_staff, world):
    client = client_for(county_staff)
    url = reverse("funeral:count_import")
    bad = _sheet(
        [
            ["县婚姻登记中心", "2024-06-01", "结婚登记", 12, 12, 1, 0, ""],
            ["县婚姻登记中心", "2024-06-02", "离婚", 5, 7, 0, 0, ""],
            ["邻县婚姻登记中心", "2024-06-02", "结婚登记", 5, 5, 0, 0, ""],
        ]
    )
    response = client.post(url, {"file": bad})
    errors = response.context["report"].errors
    assert len(errors) == 2 and errors[0].startswith("第3行") and errors[1].startswith("第4行")
    assert not MarriageRegistrationCount.objects.filter(date=datetime.date(2024, 6, 1)).exists()
    good = _sheet(
        [
            ["县婚姻登记中心", "2024-06-01", "结婚登记", 12, 12, 1, 0, ""],
            ["县婚姻登记中心", "2024-06-02", "离婚登记", 5, 5, 0, 0, ""],
        ]
    )
    response = client.post(url, {"file": good})
    token = response.context["token"]
    assert token and not MarriageRegistrationCount.objects.filter(date=datetime.date(2024, 6, 1)).exists()
    assert client.post(url, {"token": token}).status_code == 302
    assert MarriageRegistrationCount.objects.filter(office=world["office"], date__month=6, date__year=2024).count() == 2


def test_count_list_totals_the_filtered_rows(client_for, county_staff, world):
    CountFactory(office=world["office"], date=datetime.date(2024, 3, 1), total=7, online=6, cross_province=2)
    response = client_for(county_staff).get(
        reverse("funeral:count_list"), {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    )
    assert response.context["totals"]["total"] == 7 + (10 if world["count"].date.year == 2024 else 0)
