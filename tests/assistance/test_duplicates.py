"""One active enrolment per person per programme, across townships: a person still held by another township's case
is refused with that case named (number and township) — on the page, through the API and in an import — even though
the other case lies outside the user's jurisdiction."""

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from assistance.models import Application, Enrolment, HouseholdMember
from civilaffairs.choices import Role
from tests.assistance.factories import application_form, enrol, import_dataset, make_household, next_month
from tests.factories import UserFactory, build_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(household_b, caseworker_b, reviewer_b, county_staff):
    """李乙乙 is enrolled in 低保 with 乙镇's household; she has moved out since, and 乙镇 has not re-checked."""
    other_case = enrol(household_b, caseworker_b, reviewer_b, county_staff)
    person = household_b.members.get(person__name="李乙乙").person
    HouseholdMember.objects.filter(person=person).update(left_on=timezone.localdate())
    return other_case, person


def join(household, person):
    type(person).objects.filter(pk=person.pk).update(region=household.village)
    HouseholdMember.objects.create(
        household=household, person=person, relationship="spouse", joined_on=timezone.localdate()
    )


def refusal(case):
    return f"李乙乙已享受最低生活保障（低保）（编号{case.number}，乙镇乙1村），不能重复纳入。"


@pytest.fixture
def new_home(moved, village_a):
    _other_case, person = moved
    household = make_household(village_a, ["0"], names=["周甲"])
    join(household, person)
    return household


def test_the_page_refuses_naming_the_other_townships_case(client_for, caseworker_a, moved, new_home):
    other_case, _person = moved
    assert not Enrolment.objects.for_user(caseworker_a).filter(pk=other_case.pk).exists()  # out of A's scope
    data = application_form(new_home)
    response = client_for(caseworker_a).post(reverse("assistance:application_create", args=[new_home.pk]), data)
    assert response.status_code == 200
    assert refusal(other_case) in response.content.decode()
    assert not Application.objects.filter(household=new_home).exists()


def test_the_api_refuses_naming_the_other_townships_case(client_for, caseworker_a, moved, new_home):
    other_case, _person = moved
    body = {"household": new_home.pk, "kind": "dibao", "applicant": new_home.head_id, "reason": "困难"}
    response = client_for(caseworker_a).post("/api/assistance/applications/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [refusal(other_case)]}
    assert not Application.objects.filter(household=new_home).exists()


def test_an_enrolment_import_refuses_naming_the_case_in_another_county(moved):
    """Imports are county staff's: the clash may lie in another county altogether."""
    other_case, person = moved
    neighbour = build_county("990102", "邻县")
    village = neighbour["villages"][neighbour["townships"][0].code][0]
    staff = UserFactory(role=Role.COUNTY_STAFF, jurisdiction=neighbour["county"])
    from tests.assistance.factories import standards_2020

    standards_2020(neighbour["county"])
    household = make_household(village, ["100"], names=["吴甲"])
    join(household, person)
    headers = ["项目", "户主公民身份号码", "保障对象公民身份号码", "单人保", "护理档次", "供养方式", "起始年月"]
    month = next_month().strftime("%Y-%m")
    data = tablib.Dataset(["低保", household.head.id_number, "", "否", "", "", month], headers=headers)
    report = import_dataset(actor=staff, resource_name="enrolments", dataset=data, dry_run=False)
    assert not report.ok
    assert report.errors == [f"第2行，户主公民身份号码：{refusal(other_case)}"]
    assert not Enrolment.objects.filter(household=household).exists()
