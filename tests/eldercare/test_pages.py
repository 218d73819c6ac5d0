"""Elder-care pages: the permission matrix (anonymous, no permission, in scope, other township), query budgets,
creating a site with its first inventory, new inventory versions, the roster, visits, the visits-due list,
exports, imports, to-dos and the person page."""

import datetime
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderlyPerson,
    ElderlyVisit,
)
from tests.factories import PersonFactory, make_id_number

from .factories import ElderlyFactory, VisitFactory, elderly_person

pytestmark = pytest.mark.django_db

LISTS = [
    "eldercare:institution_list",
    "eldercare:facility_list",
    "eldercare:assessment_list",
    "eldercare:elderly_list",
    "eldercare:visit_list",
    "eldercare:visits_due",
]


def details(w, key="a"):
    return [
        reverse("eldercare:institution_detail", args=[w[key]["institution"].pk]),
        reverse("eldercare:facility_detail", args=[w[key]["facility"].pk]),
        reverse("eldercare:assessment_detail", args=[w[key]["assessment"].pk]),
        reverse("eldercare:elderly_detail", args=[w[key]["elderly"].pk]),
        reverse("eldercare:visit_detail", args=[w[key]["visit"].pk]),
    ]


def test_anonymous_users_are_sent_to_login(client, world):
    for url in [reverse(name) for name in LISTS] + details(world):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_users_without_a_role_are_refused(client_for, no_role_user, world):
    client = client_for(no_role_user)
    for url in [reverse(name) for name in LISTS] + details(world):
        assert client.get(url).status_code == 403, url


def test_caseworker_sees_own_township_records(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    for url in details(world, "a"):
        assert client.get(url).status_code == 200, url
    html = client.get(reverse("eldercare:elderly_list")).content.decode()
    assert "甲镇老人" in html and "乙镇老人" not in html
    html = client.get(reverse("eldercare:institution_list")).content.decode()
    assert "甲镇敬老院" in html and "乙镇敬老院" not in html and "县社会福利院" not in html


def test_caseworker_of_another_township_gets_404(client_for, caseworker_b, world):
    client = client_for(caseworker_b)
    for url in details(world, "a"):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("eldercare:visit_create", args=[world["a"]["elderly"].pk])).status_code == 404
    assert client.get(reverse("eldercare:elderly_remove", args=[world["a"]["elderly"].pk])).status_code == 404


def test_county_staff_see_the_whole_county(client_for, county_staff, world):
    client = client_for(county_staff)
    html = client.get(reverse("eldercare:institution_list")).content.decode()
    assert all(name in html for name in ("甲镇敬老院", "乙镇敬老院", "县社会福利院"))
    assert "共 3 条记录" in html


def test_leader_reads_but_cannot_add(client_for, county_leader, world):
    client = client_for(county_leader)
    assert client.get(reverse("eldercare:institution_list")).status_code == 200
    assert client.get(reverse("eldercare:institution_create")).status_code == 403
    assert client.get(reverse("eldercare:elderly_create")).status_code == 403
    assert client.get(reverse("eldercare:visit_create", args=[world["a"]["elderly"].pk])).status_code == 403


def test_caseworkers_cannot_keep_institutions(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    assert client.get(reverse("eldercare:institution_create")).status_code == 403
    assert client.get(reverse("eldercare:inventory_create", args=[world["a"]["institution"].pk])).status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_list_pages_keep_a_query_budget(
    client_for, county_staff, world, village_a, name, django_assert_max_num_queries
):
    for i in range(30):
        entry = ElderlyFactory(person=elderly_person(village_a, name=f"批量老人{i}"))
        VisitFactory(elderly=entry, visited_on=datetime.date.today() - datetime.timedelta(days=40))
    client = client_for(county_staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(name))
    assert response.status_code == 200


def institution_post(region, **overrides):
    data = {
        "name": "永安街道养老服务中心",
        "institution_type": "township_centre",
        "region": region.pk,
        "ownership": "public",
        "opened_on": "2023-05-01",
        "filed_on": "2023-05-10",
        "inv-total_beds": "60",
        "inv-nursing_beds": "40",
        "inv-day_rest_beds": "10",
        "inv-operation_mode": "public_private",
        "inv-operator_name": "某某养老服务有限公司",
        "inv-offers_full_care": "on",
        "inv-offers_day_care": "on",
        "inv-offers_home_service": "on",
    }
    data.update(overrides)
    return data


def test_county_staff_register_an_institution_with_its_first_inventory(client_for, county_staff, township_a):
    client = client_for(county_staff)
    response = client.post(reverse("eldercare:institution_create"), institution_post(township_a))
    institution = ElderCareInstitution.objects.get(name="永安街道养老服务中心")
    assert response.status_code == 302 and response["Location"] == institution.get_absolute_url()
    version = institution.inventory.get()
    assert (version.effective_on, version.total_beds, version.nursing_beds) == (datetime.date(2023, 5, 1), 60, 40)
    assert version.recorded_by == county_staff and version.is_comprehensive(["full_care", "day_care", "home_service"])
    html = client.get(institution.get_absolute_url()).content.decode()
    assert "某某养老服务有限公司" in html


def test_a_bad_inventory_saves_neither_the_institution_nor_the_inventory(client_for, county_staff, township_a):
    client = client_for(county_staff)
    response = client.post(
        reverse("eldercare:institution_create"), institution_post(township_a, **{"inv-nursing_beds": "70"})
    )
    assert response.status_code == 200
    assert "护理型床位不能多于床位数" in response.content.decode()
    assert not ElderCareInstitution.objects.exists() and not ElderCareBedInventory.objects.exists()


def test_a_private_home_cannot_be_government_run(client_for, county_staff, township_a):
    client = client_for(county_staff)
    data = institution_post(township_a, ownership="private", **{"inv-operation_mode": "government"})
    response = client.post(reverse("eldercare:institution_create"), data)
    assert response.status_code == 200 and "民办的场所只能是民办运营" in response.content.decode()
    assert not ElderCareInstitution.objects.exists()


def test_facility_created_with_residential_beds(client_for, county_staff, village_a):
    client = client_for(county_staff)
    data = {
        "name": "甲1村农村互助养老点",
        "facility_type": "rural_mutual_aid",
        "region": village_a.pk,
        "ownership": "public",
        "opened_on": "2022-01-01",
        "inv-total_beds": "6",
        "inv-nursing_beds": "0",
        "inv-day_rest_beds": "4",
        "inv-operation_mode": "government",
    }
    response = client.post(reverse("eldercare:facility_create"), data)
    facility = CommunityElderCareFacility.objects.get()
    assert response.status_code == 302 and facility.inventory.get().total_beds == 6


def test_new_inventory_version_starts_from_the_current_one_and_keeps_history(client_for, county_staff, world):
    client = client_for(county_staff)
    home = world["a"]["institution"]
    url = reverse("eldercare:inventory_create", args=[home.pk])
    form = client.get(url).context["form"]
    assert form.initial["total_beds"] == 80 and form.initial["operation_mode"] == "entrusted"
    data = {
        "effective_on": "2024-01-01",
        "total_beds": "80",
        "nursing_beds": "50",
        "day_rest_beds": "0",
        "operation_mode": "entrusted",
        "offers_full_care": "on",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 200  # the same day twice: refused with a message
    assert list(home.inventory.values_list("nursing_beds", flat=True)) == [50, 30]
    assert home.current_inventory(datetime.date(2023, 12, 31)).nursing_beds == 30


def test_caseworker_lists_an_elderly_person_by_id_number(client_for, caseworker_a, village_a, village_b):
    person = PersonFactory(region=village_a, id_number=make_id_number(datetime.date(1948, 2, 2)), name="钱老汉")
    other = PersonFactory(region=village_b, id_number=make_id_number(datetime.date(1948, 2, 2)), name="孙老汉")
    client = client_for(caseworker_a)
    url = reverse("eldercare:elderly_create")
    data = {"id_number": person.id_number, "listed_on": "2024-01-05", "lives_at_home": "on", "is_living_alone": "on"}
    response = client.post(url, data)
    entry = ElderlyPerson.objects.get(person=person)
    assert response.status_code == 302 and entry.categories == ["living_alone"]
    # Again: the database refuses a second open entry; nothing more is written.
    response = client.post(url, data)
    assert response.status_code == 200 and ElderlyPerson.objects.filter(person=person).count() == 1
    # A person of another township is not found.
    response = client.post(url, {**data, "id_number": other.id_number})
    assert "辖区内没有这个公民身份号码" in response.content.decode()
    # No category ticked.
    response = client.post(url, {"id_number": other.id_number, "listed_on": "2024-01-05"})
    assert not ElderlyPerson.objects.filter(person=other).exists()


def test_only_the_elderly_can_be_listed(client_for, caseworker_a, village_a):
    young = PersonFactory(region=village_a, id_number=make_id_number(datetime.date(1990, 1, 1)))
    response = client_for(caseworker_a).post(
        reverse("eldercare:elderly_create"),
        {"id_number": young.id_number, "listed_on": "2024-01-05", "is_disabled": "on"},
    )
    assert response.status_code == 200 and "60" in response.content.decode()
    assert not ElderlyPerson.objects.exists()


def test_caseworker_records_a_visit_once(client_for, caseworker_a, world):
    entry = world["a"]["unvisited"]
    client = client_for(caseworker_a)
    url = reverse("eldercare:visit_create", args=[entry.pk])
    data = {
        "visited_on": datetime.date.today().isoformat(),
        "visit_type": "home",
        "visitor_name": "养老助理 李梅",
        "findings": "独居，行动不便",
        "assistance": "联系村医上门",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200 and "这次探访已经登记过" in response.content.decode()
    visit = ElderlyVisit.objects.get(elderly=entry)
    assert visit.region == entry.person.region and visit.recorded_by == caseworker_a
    # A visit without findings does not count and is refused.
    response = client.post(url, {**data, "visit_type": "phone", "findings": ""})
    assert response.status_code == 200 and ElderlyVisit.objects.filter(elderly=entry).count() == 1


def test_visits_due_lists_only_the_unvisited(client_for, caseworker_a, world):
    html = client_for(caseworker_a).get(reverse("eldercare:visits_due")).content.decode()
    assert "甲镇未探访老人" in html and ">甲镇老人<" not in html and "乙镇未探访老人" not in html


def test_removing_from_the_roster_ends_the_entry(client_for, caseworker_a, world):
    entry = world["a"]["elderly"]
    client = client_for(caseworker_a)
    url = reverse("eldercare:elderly_remove", args=[entry.pk])
    response = client.post(
        url, {"removed_on": datetime.date.today().isoformat(), "removal_reason": "entered_institution"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.removed_on == datetime.date.today() and entry.removal_reason == "entered_institution"
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert reverse("eldercare:visit_create", args=[entry.pk]) not in detail
    assert (
        client.post(url, {"removed_on": datetime.date.today().isoformat(), "removal_reason": "died"}).status_code == 200
    )
    entry.refresh_from_db()
    assert entry.removal_reason == "entered_institution"


def test_person_page_lists_the_roster_entry(client_for, caseworker_a, caseworker_b, world):
    person = world["a"]["elderly"].person
    html = client_for(caseworker_a).get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "特殊困难老年人（探访关爱）" in html and "独居" in html


def test_home_page_shows_visits_due_and_inspections(client_for, caseworker_a, county_staff, world):
    html = client_for(caseworker_a).get(reverse("home")).content.decode()
    assert "1名居家特殊困难老年人本探访周期尚未探访" in html
    staff_html = client_for(county_staff).get(reverse("home")).content.decode()
    assert "家养老机构需开展年度服务质量检查" in staff_html  # 县社会福利院 has never been inspected


def test_roster_export_masks_id_numbers_for_leaders(client_for, county_leader, county_staff, world):
    number = world["a"]["elderly"].person.id_number
    for user, visible in ((county_staff, True), (county_leader, False)):
        response = client_for(user).get(reverse("eldercare:elderly_list") + "?export=xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert (number in values) is visible
        assert "甲镇老人" in values


def visit_sheet(rows):
    data = tablib.Dataset(
        headers=["公民身份号码", "探访日期", "探访方式", "探访人", "发现的问题", "帮扶措施", "需要跟进"]
    )
    for row in rows:
        data.append(row)
    return SimpleUploadedFile("visits.xlsx", data.export("xlsx"))


def test_visit_import_is_all_or_nothing(client_for, caseworker_a, world):
    entry, other = world["a"]["unvisited"], world["b"]["unvisited"]
    today = datetime.date.today().isoformat()
    client = client_for(caseworker_a)
    url = reverse("eldercare:import_visits")
    good = [entry.person.id_number, today, "上门", "王芳", "身体尚可", "送米面油", "否"]
    bad = [other.person.id_number, today, "上门", "王芳", "身体尚可", "送米面油", "否"]
    response = client.post(url, {"file": visit_sheet([good, bad]), "import": "1"})
    html = response.content.decode()
    assert "第3行" in html and "辖区内没有这个公民身份号码" in html
    assert not ElderlyVisit.objects.filter(elderly=entry).exists()
    response = client.post(url, {"file": visit_sheet([good]), "import": "1"})
    assert response.status_code == 302 and ElderlyVisit.objects.filter(elderly=entry).count() == 1
    response = client.post(url, {"file": visit_sheet([good]), "import": "1"})
    assert "已经登记过" in response.content.decode() and ElderlyVisit.objects.filter(elderly=entry).count() == 1


def test_reviewers_cannot_import(client_for, reviewer_a, world):
    assert client_for(reviewer_a).get(reverse("eldercare:import_visits")).status_code == 403


def roster_sheet(rows):
    data = tablib.Dataset(
        headers=[
            "公民身份号码",
            "纳入名册日期",
            "居住在家",
            "独居",
            "空巢",
            "留守",
            "失能",
            "重残",
            "计划生育特殊家庭",
            "失能等级",
            "家属联系人",
            "联系电话",
            "探访责任人",
        ]
    )
    for row in rows:
        data.append(row)
    return SimpleUploadedFile("roster.xlsx", data.export("xlsx"))


def test_roster_import_checks_every_row_and_writes_all_or_nothing(client_for, caseworker_a, village_a, world):
    old = [PersonFactory(region=village_a, id_number=make_id_number(datetime.date(1944, 4, 4))) for _ in range(2)]
    young = PersonFactory(region=village_a, id_number=make_id_number(datetime.date(1985, 4, 4)))
    listed = world["a"]["elderly"].person
    client = client_for(caseworker_a)
    url = reverse("eldercare:import_roster")

    def row(person, alone="是", level=""):
        return [person.id_number, "2024-03-01", "是", alone, "否", "否", "否", "否", "否", level, "", "", "王芳"]

    response = client.post(
        url,
        {
            "file": roster_sheet(
                [row(old[0]), row(young), row(listed), row(old[1], alone="否"), row(old[0], level="很重")]
            ),
            "import": "1",
        },
    )
    html = response.content.decode()
    for number in (3, 4, 5, 6):
        assert f"第{number}行" in html
    assert (
        "只有年满60周岁的人员才能纳入名册" in html and "已经在名册中" in html and "请至少勾选一项特殊困难类别" in html
    )
    assert not ElderlyPerson.objects.filter(person__in=old).exists()
    response = client.post(url, {"file": roster_sheet([row(old[0]), row(old[1], level="重度失能")]), "check": "1"})
    assert "全部2行检查通过" in response.content.decode() and not ElderlyPerson.objects.filter(person__in=old).exists()
    response = client.post(url, {"file": roster_sheet([row(old[0]), row(old[1], level="重度失能")]), "import": "1"})
    assert response.status_code == 302
    assert ElderlyPerson.objects.get(person=old[1]).disability_level == "severe"
