"""The community pages: who may see and do what, scoped to the jurisdiction, and what a clerk sees when working."""

import datetime
import io
from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from civilaffairs.models import Person
from community.choices import OrgStatus, ReportStatus
from community.models import (
    CommunityServiceFacility,
    LotterySalesReturn,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
)
from tests.community import factories as f
from tests.factories import PersonFactory, make_id_number

pytestmark = pytest.mark.django_db

LISTS = [
    ("community:facility_list", "facility", "甲1村便民服务中心"),
    ("community:station_list", "station", "甲1村志愿服务站"),
    ("community:platform_list", "platform", "甲1村"),
    ("community:designation_list", "designation", "甲1村"),
    ("community:org_list", "org", "甲镇老年协会"),
    ("community:report_list", "report", "甲镇老年协会"),
    ("community:centre_list", "centre", "甲镇孵化基地"),
    ("community:worker_list", "worker", None),
    ("community:volunteer_list", "volunteer", "甲志愿者"),
    ("community:donation_list", "donation", "甲镇慈善会"),
    ("community:outlet_list", "outlet", "甲1村投注站"),
    ("community:sales_list", "sales", "甲1村投注站"),
]
DETAILS = [
    ("community:facility_detail", "facility"),
    ("community:station_detail", "station"),
    ("community:platform_detail", "platform"),
    ("community:designation_detail", "designation"),
    ("community:org_detail", "org"),
    ("community:report_detail", "report"),
    ("community:centre_detail", "centre"),
    ("community:worker_detail", "worker"),
    ("community:volunteer_detail", "volunteer"),
    ("community:donation_detail", "donation"),
    ("community:outlet_detail", "outlet"),
]
CREATES = [
    "community:facility_create",
    "community:station_create",
    "community:platform_create",
    "community:designation_create",
    "community:org_create",
    "community:report_create",
    "community:centre_create",
    "community:worker_create",
    "community:volunteer_create",
    "community:donation_create",
    "community:outlet_create",
    "community:sales_create",
    "community:volunteer_import",
    "community:sales_import",
]
UPDATES = [
    ("community:facility_update", "facility"),
    ("community:station_update", "station"),
    ("community:platform_update", "platform"),
    ("community:designation_update", "designation"),
    ("community:org_update", "org"),
    ("community:report_update", "report"),
    ("community:centre_update", "centre"),
    ("community:worker_update", "worker"),
    ("community:volunteer_update", "volunteer"),
    ("community:donation_update", "donation"),
    ("community:outlet_update", "outlet"),
    ("community:org_end", "org"),
    ("community:report_review", "report"),
    ("community:worker_transfer", "worker"),
]


def url(name, obj=None):
    return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


# --- permission matrix -------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_login(client, world):
    paths = [url(n) for n, _k, _t in LISTS] + [url(n, world[k]) for n, k in DETAILS] + [url(n) for n in CREATES]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"], path


def test_users_without_a_role_are_refused(client_for, no_role_user, world):
    client = client_for(no_role_user)
    for name, _key, _text in LISTS:
        assert client.get(url(name)).status_code == 403, name
    for name, key in DETAILS:
        assert client.get(url(name, world[key])).status_code == 403, name


def test_caseworker_in_scope_reads_lists_and_details_of_the_township(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    for name, _key, text in LISTS:
        response = client.get(url(name))
        assert response.status_code == 200, name
        if text:
            assert text in response.content.decode(), name
    for name, key in DETAILS:
        assert client.get(url(name, world[key])).status_code == 200, name


def test_caseworker_of_another_township_neither_lists_nor_opens_township_a_records(client_for, caseworker_b, world):
    client = client_for(caseworker_b)
    for name, key in DETAILS:
        assert client.get(url(name, world[key])).status_code == 404, name
    html = client.get(url("community:facility_list")).content.decode()
    assert "乙1村便民服务中心" in html and "甲1村便民服务中心" not in html
    assert "甲镇老年协会" not in client.get(url("community:org_list")).content.decode()


def test_township_users_and_leaders_read_but_cannot_write(client_for, caseworker_a, county_leader, world):
    for user in (caseworker_a, county_leader):
        client = client_for(user)
        for name in CREATES:
            assert client.get(url(name)).status_code == 403, (user, name)
        for name, key in UPDATES:
            assert client.get(url(name, world[key])).status_code == 403, (user, name)
    html = client_for(county_leader).get(url("community:org_list")).content.decode()
    assert "甲镇老年协会" in html and "乙镇文艺协会" in html


def test_county_staff_open_every_form(client_for, county_staff, world):
    client = client_for(county_staff)
    for name in CREATES:
        assert client.get(url(name)).status_code == 200, name
    for name, key in UPDATES:
        assert client.get(url(name, world[key])).status_code == 200, name


def test_list_pages_keep_a_query_budget(client_for, county_staff, world, village_a, django_assert_max_num_queries):
    for _n in range(25):
        facility = f.FacilityFactory(village=village_a)
        f.VolunteerStationFactory(facility=facility)
        f.SocialWorkerFactory(region=village_a)
        f.VolunteerFactory(region=village_a)
        org = f.SocialOrganizationFactory(registration_authority=village_a.parent.parent, region=village_a)
        f.AnnualReportFactory(organization=org)
        outlet = f.OutletFactory(region=village_a)
        f.SalesReturnFactory(outlet=outlet, month=datetime.date(2024, 3, 1))
    client = client_for(county_staff)
    for name, _key, _text in LISTS:
        with django_assert_max_num_queries(12):
            assert client.get(url(name)).status_code == 200, name


# --- registering and changing records ----------------------------------------------------------------------


def test_staff_register_a_facility_serving_two_villages(client_for, county_staff, geo, village_a, villages_a):
    response = client_for(county_staff).post(
        url("community:facility_create"),
        {
            "name": "甲1村党群服务中心",
            "kind": "party_service_centre",
            "village": village_a.code,
            "served_villages": [villages_a[1].code, village_a.code],
            "building_area_m2": "420.5",
            "tenure": "owned",
            "has_service_hall": "on",
            "opened_on": "2023-05-01",
        },
    )
    assert response.status_code == 302
    facility = CommunityServiceFacility.objects.get(name="甲1村党群服务中心")
    assert facility.building_area_m2 == Decimal("420.50")
    assert set(facility.served_villages.values_list("code", flat=True)) == {villages_a[1].code}  # not its own


def test_facility_form_says_what_is_wrong_in_chinese_and_saves_nothing(client_for, county_staff, village_a):
    response = client_for(county_staff).post(
        url("community:facility_create"),
        {"name": "坏数据", "kind": "convenience_centre", "village": village_a.code, "building_area_m2": "0",
         "tenure": "owned", "opened_on": "2023-05-01", "closed_on": "2023-01-01"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "停用日期不能早于启用日期" in html or "建筑面积必须大于零" in html
    assert not CommunityServiceFacility.objects.filter(name="坏数据").exists()


def test_staff_cannot_place_a_record_outside_the_county(client_for, county_staff, other_county):
    response = client_for(county_staff).post(
        url("community:outlet_create"),
        {"outlet_number": "X1", "name": "越界", "kind": "dedicated", "region": other_county["village"].code,
         "address": "外县", "opened_on": "2023-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()


def test_registering_an_organisation_checks_the_credit_code(client_for, county_staff, geo, township_a):
    good = f.make_uscc("social_group")
    data = {
        "name": "甲镇书法家协会",
        "org_type": "social_group",
        "registration_kind": "registered",
        "category": "culture_sports",
        "registration_authority": geo["county"].code,
        "region": township_a.code,
        "registered_on": "2022-03-01",
        "fulltime_staff_at_registration": "2",
    }
    client = client_for(county_staff)
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    html = client.post(url("community:org_create"), {**data, "uscc": bad_check}).content.decode()
    assert "统一社会信用代码校验位不符" in html
    wrong_type = f.make_uscc("foundation")
    html = client.post(url("community:org_create"), {**data, "uscc": wrong_type}).content.decode()
    assert "第2位" in html
    assert not SocialOrganization.objects.filter(name="甲镇书法家协会").exists()
    assert client.post(url("community:org_create"), {**data, "uscc": good.lower()}).status_code == 302
    assert SocialOrganization.objects.get(name="甲镇书法家协会").uscc == good


def test_deregistering_an_organisation_from_its_page(client_for, county_staff, world):
    org = world["org"]
    client = client_for(county_staff)
    assert "注销或撤销登记" in client.get(url("community:org_detail", org)).content.decode()
    response = client.post(
        url("community:org_end", org),
        {"status": "deregistered", "on": "2024-05-01", "reason": "自行申请注销（民社注〔2024〕3号）"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.status, org.ended_on) == (OrgStatus.DEREGISTERED, datetime.date(2024, 5, 1))
    again = client.post(url("community:org_end", org), {"status": "revoked", "on": "2024-06-01", "reason": "x"})
    assert "已处于“注销”状态" in again.content.decode()


def test_annual_report_is_submitted_reviewed_once_and_then_final(client_for, county_staff, world):
    org = world["org"]
    client = client_for(county_staff)
    response = client.post(
        url("community:report_create"),
        {"organization": org.pk, "year": "2024", "fulltime_staff": "6", "submitted_on": "2025-03-10"},
    )
    assert response.status_code == 302
    report = SocialOrgAnnualReport.objects.get(organization=org, year=2024)
    assert report.status == ReportStatus.SUBMITTED
    review = {"decision": "accept", "opinion": "年检合格", "on": "2025-04-01"}
    assert client.post(url("community:report_review", report), review).status_code == 302
    second = client.post(url("community:report_review", report), {**review, "decision": "return", "opinion": "再审"})
    assert "该报告已审核" in second.content.decode()
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ReportStatus.ACCEPTED, county_staff)
    # An accepted report can no longer be edited (it already counts in the indicators).
    edit = client.post(
        url("community:report_update", report),
        {"organization": org.pk, "year": "2024", "fulltime_staff": "60", "submitted_on": "2025-03-10"},
    )
    assert "已审核通过，不能再修改" in edit.content.decode()
    report.refresh_from_db()
    assert report.fulltime_staff == 6


def test_returning_a_report_needs_a_reason(client_for, county_staff, world):
    report = world["report"]
    html = (
        client_for(county_staff)
        .post(url("community:report_review", report), {"decision": "return", "opinion": "", "on": "2024-04-01"})
        .content.decode()
    )
    assert "请写明需要修改的内容" in html
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_new_social_worker_is_put_in_the_person_registry(client_for, county_staff, village_a, township_a):
    number = make_id_number(datetime.date(1992, 4, 5), female=True)
    client = client_for(county_staff)
    data = {
        "id_number": number,
        "person_name": "王社工",
        "residence": village_a.code,
        "region": township_a.code,
        "employer_kind": "station",
        "employer_name": "甲镇社会工作站",
        "certificate_level": "assistant",
        "certificate_number": "Z2021001",
        "certified_on": "2021-06-01",
        "talent_basis": "certificate",
        "active_from": "2022-01-01",
    }
    assert client.post(url("community:worker_create"), data).status_code == 302
    worker = SocialWorker.objects.get(person__id_number=number)
    assert worker.person.name == "王社工" and worker.person.region == village_a
    # The same person again while the first record is open: refused, nothing written.
    html = client.post(url("community:worker_create"), data).content.decode()
    assert "已有在岗的社会工作人才记录" in html or "重叠" in html
    assert SocialWorker.objects.filter(person__id_number=number).count() == 1
    # A registered person under another name: refused.
    other = PersonFactory(region=village_a, name="李某")
    html = client.post(url("community:worker_create"), {**data, "id_number": other.id_number}).content.decode()
    assert "登记的是另一姓名" in html


def test_moving_a_social_worker_keeps_the_history(client_for, county_staff, world, township_b):
    worker = world["worker"]
    response = client_for(county_staff).post(
        url("community:worker_transfer", worker),
        {"on": "2024-01-01", "region": township_b.code, "employer_kind": "agency", "employer_name": "乙镇社工服务中心"},
    )
    assert response.status_code == 302
    records = SocialWorker.objects.filter(person=worker.person).order_by("active_from")
    assert [(r.region_id, r.active_to) for r in records] == [
        (worker.region_id, datetime.date(2024, 1, 1)),
        (township_b.code, None),
    ]


# --- imports and exports -----------------------------------------------------------------------------------


def xlsx(headers, rows, name="roster.xlsx"):
    data = tablib.Dataset(*rows, headers=headers)
    return SimpleUploadedFile(name, data.export("xlsx"))


VOLUNTEER_HEADERS = ["公民身份号码", "姓名", "注册地区划代码", "注册日期", "注销日期", "来源平台", "志愿者编号"]


def test_volunteer_roster_import_is_all_or_nothing(client_for, county_staff, village_a, township_b):
    client = client_for(county_staff)
    good = [make_id_number(datetime.date(1995, 1, 1)), make_id_number(datetime.date(1996, 2, 2))]
    rows = [
        (good[0], "志愿者甲", village_a.code, "2023-03-01", "", "省（市）志愿服务平台（如“志愿重庆”）", "V1"),
        (good[1], "志愿者乙", township_b.code, "2023-04-01", "", "", "V2"),
        ("500236199001011230", "号码错", village_a.code, "2023-04-01", "", "", "V3"),
    ]
    response = client.post(url("community:volunteer_import"), {"file": xlsx(VOLUNTEER_HEADERS, rows)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "第4行，公民身份号码" in html and "未导入任何数据" in html
    assert Volunteer.objects.count() == 0
    response = client.post(url("community:volunteer_import"), {"file": xlsx(VOLUNTEER_HEADERS, rows[:2])})
    assert response.status_code == 302
    assert set(Volunteer.objects.values_list("id_number", flat=True)) == set(good)


def test_volunteer_import_checks_only_when_asked(client_for, county_staff, village_a):
    number = make_id_number(datetime.date(1995, 1, 1))
    upload = xlsx(VOLUNTEER_HEADERS, [(number, "志愿者", village_a.code, "2023-03-01", "", "", "")])
    html = client_for(county_staff).post(url("community:volunteer_import"), {"file": upload, "dry_run": "on"})
    assert "检查通过" in html.content.decode()
    assert not Volunteer.objects.exists()


def test_a_file_without_the_required_columns_is_refused(client_for, county_staff):
    upload = xlsx(["姓名"], [("张三",)])
    html = client_for(county_staff).post(url("community:volunteer_import"), {"file": upload}).content.decode()
    assert "文件缺少以下列" in html and "公民身份号码" in html


def test_sales_import_upserts_each_outlet_month(client_for, county_staff, world):
    outlet = world["outlet"]
    upload = xlsx(
        ["网点编号", "月份", "销售额（元）"],
        [(outlet.outlet_number, "2024-03", "12,345.60"), (outlet.outlet_number, "2024年4月", "20000")],
        "sales.xlsx",
    )
    assert client_for(county_staff).post(url("community:sales_import"), {"file": upload}).status_code == 302
    assert dict(LotterySalesReturn.objects.filter(outlet=outlet).values_list("month", "sales_yuan")) == {
        datetime.date(2024, 3, 1): Decimal("12345.60"),
        datetime.date(2024, 4, 1): Decimal("20000.00"),
    }


def test_exports_are_scoped_and_mask_id_numbers_by_role(client_for, caseworker_b, county_leader, county_staff, world):
    response = client_for(county_leader).get(url("community:volunteer_list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["公民身份号码", "姓名"]
    number = world["volunteer"].id_number
    assert sheet.cell(2, 1).value == number[:4] + "*" * 10 + number[-4:]  # leaders see masked numbers
    staff_sheet = load_workbook(
        io.BytesIO(client_for(county_staff).get(url("community:volunteer_list") + "?export=xlsx").content)
    ).active
    assert staff_sheet.cell(2, 1).value == number
    other = load_workbook(
        io.BytesIO(client_for(caseworker_b).get(url("community:facility_list") + "?export=xlsx").content)
    ).active
    assert [c.value for c in other["A"]][1:] == ["乙1村便民服务中心"]


# --- home page and person page -----------------------------------------------------------------------------


def test_home_page_lists_reports_to_review_and_outlets_without_sales(
    client_for, county_staff, world, village_a, monkeypatch
):
    """Missing sales are a to-do only after the 福彩中心's report day (the 10th) of the following month."""
    from community import navigation

    f.OutletFactory(region=village_a, name="缺报网点", opened_on=datetime.date(2020, 1, 1))
    client = client_for(county_staff)
    monkeypatch.setattr(navigation.timezone, "localdate", lambda: datetime.date(2025, 6, 10))
    html = client.get(reverse("home")).content.decode()
    assert "1份社会组织年度报告待审核" in html
    assert "个福彩销售网点缺少" not in html
    monkeypatch.setattr(navigation.timezone, "localdate", lambda: datetime.date(2025, 6, 11))
    assert "个福彩销售网点缺少2025年05月" in client.get(reverse("home")).content.decode()


def test_person_page_lists_the_social_work_post_and_volunteer_registration(client_for, county_staff, world, village_a):
    worker = world["worker"]
    f.VolunteerFactory(region=village_a, id_number=worker.person.id_number, name=worker.person.name)
    html = client_for(county_staff).get(reverse("person_detail", args=[worker.person.pk])).content.decode()
    assert "社会工作专业人才" in html and "注册志愿者" in html


def test_person_registry_has_the_new_social_worker_once(client_for, county_staff, village_a, township_a):
    number = make_id_number(datetime.date(1990, 1, 1))
    PersonFactory(region=village_a, name="赵现有", id_number=number)
    data = {
        "id_number": number,
        "person_name": "赵现有",
        "region": township_a.code,
        "employer_kind": "community",
        "employer_name": "甲1村村民委员会",
        "certificate_level": "none",
        "talent_basis": "training",
        "active_from": "2023-01-01",
    }
    assert client_for(county_staff).post(url("community:worker_create"), data).status_code == 302
    assert Person.objects.filter(id_number=number).count() == 1


def test_an_export_too_large_for_one_request_asks_for_a_filter(client_for, county_staff, village_a, monkeypatch):
    from community.views import VolunteerListView

    monkeypatch.setattr(VolunteerListView, "export_limit", 2)
    for _ in range(3):
        f.VolunteerFactory(region=village_a)
    client = client_for(county_staff)
    response = client.get(url("community:volunteer_list") + "?export=xlsx", follow=True)
    assert "过多" in response.content.decode() and response["Content-Type"].startswith("text/html")
    township = village_a.parent.code
    filtered = client.get(url("community:volunteer_list") + f"?township={township}&export=xlsx")
    assert filtered.status_code == 302  # still three in the township
    monkeypatch.setattr(VolunteerListView, "export_limit", 3)
    assert client.get(url("community:volunteer_list") + "?export=xlsx")["Content-Type"].startswith("application/vnd")


def test_the_menu_offers_the_community_registers(client_for, county_staff, caseworker_a):
    html = client_for(county_staff).get(reverse("home")).content.decode()
    for label in ("社区综合服务设施", "社会组织", "社会工作专业人才", "注册志愿者", "慈善捐赠", "福彩销售网点"):
        assert label in html
    assert reverse("community:volunteer_list") in client_for(caseworker_a).get(reverse("home")).content.decode()


def test_organisations_late_with_last_years_report_are_a_todo_after_31_may(
    client_for, county_staff, geo, township_a, monkeypatch
):
    from community import navigation

    f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a, name="迟报协会")
    reported = f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a)
    f.AnnualReportFactory(organization=reported, year=2024, submitted_on=datetime.date(2025, 3, 1))
    client = client_for(county_staff)
    monkeypatch.setattr(navigation.timezone, "localdate", lambda: datetime.date(2025, 5, 31))
    assert "未报送2024年度报告" not in client.get(reverse("home")).content.decode()
    monkeypatch.setattr(navigation.timezone, "localdate", lambda: datetime.date(2025, 6, 1))
    html = client.get(reverse("home")).content.decode()
    assert "1个社会组织未报送2024年度报告" in html
    late = client.get(url("community:org_list") + "?report_missing=2024").content.decode()
    assert "迟报协会" in late


def test_the_back_office_admin_lists_every_register(client, geo, world):
    from django.contrib import admin

    from tests.factories import UserFactory

    superuser = UserFactory(username="root", is_staff=True, is_superuser=True, jurisdiction=geo["county"])
    client.force_login(superuser)
    models = [m for m in admin.site._registry if m._meta.app_label == "community"]
    assert len(models) == 12
    for model in models:
        path = reverse(f"admin:community_{model._meta.model_name}_changelist")
        assert client.get(path).status_code == 200, path
    change = reverse("admin:community_socialorganization_change", args=[world["org"].pk])
    assert client.get(change).status_code == 200


def test_list_filters_narrow_the_records(client_for, county_staff, world, village_a):
    f.FacilityFactory(village=village_a, name="无站点中心")
    client = client_for(county_staff)
    with_station = client.get(url("community:facility_list") + "?has_station=true").content.decode()
    assert "甲1村便民服务中心" in with_station and "无站点中心" not in with_station
    without = client.get(url("community:facility_list") + "?has_station=false").content.decode()
    assert "无站点中心" in without and "甲1村便民服务中心" not in without
    everything = client.get(url("community:facility_list") + "?has_station=unknown").content.decode()
    assert "无站点中心" in everything and "甲1村便民服务中心" in everything and "全部" in everything
    charities = client.get(url("community:org_list") + "?is_charity=true").content.decode()
    assert "甲镇慈善会" in charities and "甲镇老年协会" not in charities
