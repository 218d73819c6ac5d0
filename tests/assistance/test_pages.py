"""The caseworkers' pages: permission matrix (anonymous, no permission, in scope, other township), query budgets,
the household page with its members, submitting twice, workflow buttons, and the roll export."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from assistance import services
from assistance.models import Application, Household
from tests.assistance.factories import (
    application_form,
    enrol,
    make_household,
    next_month,
    submit,
    walk_to_confirmation,
)
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(
    poor_household,
    household_b,
    caseworker_a,
    caseworker_b,
    reviewer_a,
    reviewer_b,
    county_staff,
    township_a,
    township_b,
):
    """Township A has an enrolled household, an open application and a roll; township B has an application."""
    enrolment = enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    other = make_household(poor_household.village, ["100"], names=["王甲"])
    open_app = submit(caseworker_a, other)
    app_b = submit(caseworker_b, household_b)
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    return {
        "household": poor_household,
        "enrolment": enrolment,
        "app": open_app,
        "approved": enrolment.application,
        "app_b": app_b,
        "household_b": household_b,
        "roll": roll,
    }


def pages(world):
    return {
        "households": reverse("assistance:household_list"),
        "household": reverse("assistance:household_detail", args=[world["household"].pk]),
        "household_edit": reverse("assistance:household_update", args=[world["household"].pk]),
        "household_new": reverse("assistance:household_create"),
        "apply": reverse("assistance:application_create", args=[world["household"].pk]),
        "applications": reverse("assistance:application_list"),
        "application": reverse("assistance:application_detail", args=[world["app"].pk]),
        "accept": reverse("assistance:application_action", args=[world["app"].pk, "accept"]),
        "enrolments": reverse("assistance:enrolment_list"),
        "enrolment": reverse("assistance:enrolment_detail", args=[world["enrolment"].pk]),
        "rechecks": reverse("assistance:recheck_due_list"),
        "rolls": reverse("assistance:roll_list"),
        "roll": reverse("assistance:roll_detail", args=[world["roll"].pk]),
        "roll_export": reverse("assistance:roll_export", args=[world["roll"].pk]),
        "standards": reverse("assistance:standard_list"),
    }


TOWNSHIP_A_ONLY = ["household", "household_edit", "apply", "application", "accept", "enrolment", "roll", "roll_export"]


def test_anonymous_users_are_sent_to_login(client, world):
    for name, url in pages(world).items():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], name


def test_users_without_a_role_are_refused(client_for, no_role_user, world):
    client = client_for(no_role_user)
    for name, url in pages(world).items():
        assert client.get(url).status_code == 403, name


def test_caseworker_in_scope_sees_every_page(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    for name, url in pages(world).items():
        assert client.get(url).status_code == 200, name


def test_caseworker_of_another_township_gets_404_on_township_a_records(client_for, caseworker_b, world):
    client = client_for(caseworker_b)
    for name in TOWNSHIP_A_ONLY:
        assert client.get(pages(world)[name]).status_code == 404, name
    # Lists show only township B's own rows.
    html = client.get(reverse("assistance:application_list")).content.decode()
    assert world["app_b"].number in html and world["app"].number not in html
    assert "张大山" not in client.get(reverse("assistance:household_list")).content.decode()
    assert world["roll"].township.name not in client.get(reverse("assistance:roll_list")).content.decode()


def test_caseworker_of_another_township_cannot_act_on_township_a(client_for, caseworker_b, world):
    client = client_for(caseworker_b)
    response = client.post(reverse("assistance:application_action", args=[world["app"].pk, "accept"]), {})
    assert response.status_code == 404
    assert Application.objects.get(pk=world["app"].pk).status == "submitted"
    response = client.post(
        reverse("assistance:roll_generate"), {"township": world["roll"].township_id, "month": "2030-01"}
    )
    assert response.status_code == 302
    assert not world["roll"].__class__.objects.filter(month__year=2030).exists()
    with pytest.raises(Application.DoesNotExist):
        services.application_accept(actor=caseworker_b, application=world["app"].pk)


def test_leader_reads_but_cannot_act(client_for, county_leader, world):
    client = client_for(county_leader)
    assert client.get(pages(world)["application"]).status_code == 200
    assert client.get(pages(world)["accept"]).status_code == 403
    assert client.get(pages(world)["household_new"]).status_code == 403
    assert client.get(pages(world)["roll_export"]).status_code == 403


def test_list_pages_keep_a_query_budget(client_for, caseworker_a, world, django_assert_max_num_queries, village_a):
    for i in range(15):
        household = make_household(village_a, ["50", "0"], names=[f"户主{i}", f"成员{i}"])
        submit(caseworker_a, household)
    client = client_for(caseworker_a)
    for name in ("households", "applications", "enrolments", "rechecks", "rolls", "standards"):
        with django_assert_max_num_queries(14):
            assert client.get(pages(world)[name]).status_code == 200, name


def test_application_list_is_sorted_by_deadline_with_overdue_in_red(client_for, caseworker_a, world):
    Application.objects.filter(pk=world["app"].pk).update(stage_due_on=timezone.localdate().replace(year=2020))
    html = client_for(caseworker_a).get(reverse("assistance:application_list") + "?state=open").content.decode()
    assert 'data-overdue="1"' in html
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert world["app"].number in first_row and "table-danger" in first_row


def household_post(village, members, **extra):
    data = {
        "village": village.code,
        "urban_rural": "",
        "address": "朝阳路1号",
        "phone": "",
        "bank_name": "农商行",
        "bank_account": "6221000012345678",
        "note": "",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "30",
    }
    for i, m in enumerate(members):
        row = {
            "member_id": "",
            "labour_capacity": "full",
            "health": "healthy",
            "disability_category": "",
            "disability_grade": "",
            "disability_cert_no": "",
            "monthly_income": "0",
            "assets": "0",
            **m,
        }
        data.update({f"members-{i}-{k}": v for k, v in row.items()})
    data.update(extra)
    return data


def test_caseworker_registers_a_household_with_members_on_one_page(client_for, caseworker_a, village_a, standards):
    head, child = make_id_number(), make_id_number()
    data = household_post(
        village_a,
        [
            {"id_number": head, "name": "赵一", "relationship": "head", "monthly_income": "400"},
            {
                "id_number": child,
                "name": "赵二",
                "relationship": "child",
                "labour_capacity": "none",
                "disability_category": "5",
                "disability_grade": "2",
                "disability_cert_no": f"{child}52",
            },
        ],
    )
    response = client_for(caseworker_a).post(reverse("assistance:household_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    household = Household.objects.get()
    assert household.head.name == "赵一" and household.urban_rural == village_a.urban_rural
    assert household.members.count() == 2
    assert household.members.get(person__name="赵二").disability_grade == 2


def test_household_page_tells_exactly_what_is_wrong_and_saves_nothing(client_for, caseworker_a, village_a, standards):
    child = make_id_number()
    data = household_post(
        village_a,
        [
            {"id_number": "50023619800101001", "name": "钱一", "relationship": "head"},
            {
                "id_number": child,
                "name": "钱二",
                "relationship": "child",
                "disability_category": "4",
                "disability_grade": "1",
                "disability_cert_no": f"{child}52",
            },
        ],
    )
    response = client_for(caseworker_a).post(reverse("assistance:household_create"), data)
    assert response.status_code == 200
    # Each message under the field it is about, in the row of the member it is about.
    rows = response.content.decode().split('data-testid="member-row"')[1:]
    errors = [re.findall(r'<div class="invalid-feedback d-block">(.*?)</div>', row.split("</tr>")[0]) for row in rows]
    assert errors[:2] == [
        ["公民身份号码应为18位，当前输入了17位。"],
        ["残疾人证号末两位（52）与填写的残疾类别和等级（41）不一致。"],
    ]
    assert all(not row for row in errors[2:])  # the empty rows offered for more members
    assert 'name="members-1-disability_cert_no"' in rows[1].split("invalid-feedback")[0]
    assert not Household.objects.exists()


def test_a_person_of_another_household_is_refused_with_that_household_named(
    client_for, caseworker_a, village_a, household_b
):
    member_b = household_b.members.first().person
    data = household_post(
        village_a,
        [
            {"id_number": make_id_number(), "name": "孙一", "relationship": "head"},
            {"id_number": member_b.id_number, "name": member_b.name, "relationship": "child"},
        ],
    )
    html = client_for(caseworker_a).post(reverse("assistance:household_create"), data).content.decode()
    assert household_b.village.parent.name in html
    assert Household.objects.count() == 1


def test_double_submitted_application_form_creates_one_application(client_for, caseworker_a, poor_household):
    client = client_for(caseworker_a)
    url = reverse("assistance:application_create", args=[poor_household.pk])
    data = application_form(poor_household)
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1


def test_detail_page_shows_only_the_buttons_the_user_may_use_now(client_for, caseworker_a, reviewer_a, world):
    url = reverse("assistance:application_detail", args=[world["app"].pk])
    caseworker_html = client_for(caseworker_a).get(url).content.decode()
    reviewer_html = client_for(reviewer_a).get(url).content.decode()
    accept = reverse("assistance:application_action", args=[world["app"].pk, "accept"])
    assert accept in caseworker_html and accept not in reviewer_html


def test_workflow_through_the_pages_shows_the_timeline(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    app = world["app"]
    response = client.post(
        reverse("assistance:application_action", args=[app.pk, "accept"]),
        {"accepted_on": timezone.localdate().isoformat(), "opinion": "材料齐全，予以受理"},
    )
    assert response.status_code == 302
    html = client.get(reverse("assistance:application_detail", args=[app.pk])).content.decode()
    assert "材料齐全，予以受理" in html
    # Posting the same step again is refused with a message instead of a second record.
    again = client.post(
        reverse("assistance:application_action", args=[app.pk, "accept"]),
        {"accepted_on": timezone.localdate().isoformat(), "opinion": ""},
        follow=True,
    )
    assert app.status_changes.filter(action="accept").count() == 1
    assert "alert-danger" in again.content.decode()


def test_reviewer_cannot_approve_where_the_county_confirms(client_for, reviewer_a, caseworker_a, poor_household):
    app = submit(caseworker_a, make_household(poor_household.village, ["0"], names=["周一"]))
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    client = client_for(reviewer_a)
    page = client.get(reverse("assistance:application_action", args=[app.pk, "approve"]))
    assert page.status_code == 200 and "alert-warning" in page.content.decode()
    client.post(reverse("assistance:application_action", args=[app.pk, "approve"]), {"opinion": ""})
    assert Application.objects.get(pk=app.pk).status == "awaiting_confirmation"


def test_roll_export_for_the_bank_has_lines_totals_and_masks_by_permission(
    client_for, caseworker_a, county_staff, world
):
    response = client_for(caseworker_a).get(reverse("assistance:roll_export", args=[world["roll"].pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    line = next(r for r in rows if r[2] == "张大山")
    assert line[3] == world["household"].head.id_number  # caseworkers may see full numbers
    assert line[5] == world["household"].bank_account
    assert Decimal(str(line[8])) == Decimal("588.00")
    total = next(r for r in rows if r[0] == "合计")
    assert Decimal(str(total[8])) == Decimal("588.00")


def test_roll_review_and_lock_through_the_pages(client_for, caseworker_a, reviewer_a, world):
    roll = world["roll"]
    assert client_for(caseworker_a).post(reverse("assistance:roll_action", args=[roll.pk, "lock"])).status_code == 403
    client = client_for(reviewer_a)
    client.post(reverse("assistance:roll_action", args=[roll.pk, "review"]))
    client.post(reverse("assistance:roll_action", args=[roll.pk, "lock"]))
    roll.refresh_from_db()
    assert roll.status == "locked"
    world["approved"].refresh_from_db()
    assert world["approved"].status == "paid"


def test_county_staff_add_a_standard_set_and_enrolments_are_rerated(
    client_for, county_staff, world, geo, django_capture_on_commit_callbacks
):
    from unittest import mock

    from assistance.tasks import rerate_enrolments

    month = next_month()
    # The re-rating job runs after the commit; here the queued task runs at once instead of on a worker.
    with (
        mock.patch("assistance.tasks.rerate_enrolments.delay", side_effect=lambda **kw: rerate_enrolments(**kw)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(county_staff).post(
            reverse("assistance:standard_create"),
            {
                "county": geo["county"].code,
                "effective_from": month.isoformat(),
                "document_number": "测民发〔2026〕9号",
                "dibao_rural": "520",
            },
        )
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert world["enrolment"].amount_in(month) == Decimal("660.00")


def test_caseworkers_cannot_add_standards(client_for, caseworker_a, world):
    assert client_for(caseworker_a).get(reverse("assistance:standard_create")).status_code == 403


def test_home_page_lists_the_caseworkers_todos_by_deadline(client_for, caseworker_a, world):
    html = client_for(caseworker_a).get("/").content.decode()
    assert world["app"].number in html
    assert world["app_b"].number not in html


def test_person_page_lists_assistance_programmes(client_for, caseworker_a, world):
    person = world["household"].head
    html = client_for(caseworker_a).get(reverse("person_detail", args=[person.pk])).content.decode()
    assert world["enrolment"].number in html


def test_list_exports_are_scoped_and_mask_accounts_by_role(client_for, caseworker_b, county_leader, world):
    response = client_for(caseworker_b).get(reverse("assistance:household_list") + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "李乙甲" in names and "张大山" not in names
    leader = client_for(county_leader).get(reverse("assistance:household_list") + "?export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(leader.content)).active.iter_rows(min_row=2, values_only=True))
    row = next(r for r in rows if r[1] == "张大山")
    assert "*" in row[0] and "*" in row[9]  # leaders see masked ID and account numbers


def test_enrolment_list_export_has_the_amount_in_force(client_for, caseworker_a, world):
    response = client_for(caseworker_a).get(reverse("assistance:enrolment_list") + "?export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and any(r[4] == "张大山" for r in rows[1:])


def test_import_page_permissions(client, client_for, caseworker_a, no_role_user, county_staff, world):
    url = reverse("assistance:import", args=["households"])
    assert client.get(url).status_code == 302
    assert client_for(no_role_user).get(url).status_code == 403
    assert client_for(caseworker_a).get(url).status_code == 403
    assert client_for(county_staff).get(url).status_code == 200
    assert client_for(county_staff).get(reverse("assistance:import", args=["nothing"])).status_code == 404


def test_enrolment_actions_of_another_township_are_404(client_for, caseworker_b, world):
    url = reverse("assistance:enrolment_action", args=[world["enrolment"].pk, "recheck"])
    assert client_for(caseworker_b).post(url, {"checked_on": "2020-01-01"}).status_code == 404
    assert not world["enrolment"].rechecks.exists()


def test_roll_generation_page_is_idempotent(client_for, caseworker_a, world):
    roll = world["roll"]
    response = client_for(caseworker_a).post(
        reverse("assistance:roll_generate"), {"township": roll.township_id, "month": roll.month.strftime("%Y-%m")}
    )
    assert response.status_code == 302 and response["Location"] == roll.get_absolute_url()
    assert roll.__class__.objects.count() == 1


def test_editing_a_household_updates_income_and_removes_a_member_as_having_left(
    client_for, caseworker_a, poor_household
):
    from assistance.forms import member_initial

    initial = member_initial(poor_household)
    data = household_post(poor_household.village, [], address="新地址1号")
    data["members-TOTAL_FORMS"] = str(len(initial))
    data["members-INITIAL_FORMS"] = str(len(initial))
    for i, row in enumerate(initial):
        row = {k: ("" if v is None else v) for k, v in row.items()}
        data.update({f"members-{i}-{k}": v for k, v in row.items()})
    data["members-1-monthly_income"] = "450"
    data["members-2-DELETE"] = "on"
    response = client_for(caseworker_a).post(reverse("assistance:household_update", args=[poor_household.pk]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    poor_household.refresh_from_db()
    assert poor_household.address == "新地址1号"
    current = poor_household.members.filter(left_on__isnull=True)
    assert current.count() == 2
    assert current.get(person__name="张小河").monthly_income == Decimal("450")
    assert poor_household.members.get(person__name="张小溪").left_on == timezone.localdate()


def test_a_bank_account_too_long_is_refused_with_the_fields_own_rule(client_for, caseworker_a, village_a, standards):
    """The page and the API say what a bank account number is, not Django's "at most 32 characters"."""
    too_long = "6" * 33
    rule = "银行账号应为8至32位数字。"
    data = household_post(
        village_a,
        [{"id_number": make_id_number(), "name": "冯大", "relationship": "head"}],
        bank_account=too_long,
    )
    response = client_for(caseworker_a).post(reverse("assistance:household_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["bank_account"]
    assert errors == [rule]
    body = {
        "village": village_a.code,
        "address": "1号",
        "bank_account": too_long,
        "members": [{"id_number": make_id_number(), "name": "冯二", "relationship": "head"}],
    }
    api = client_for(caseworker_a).post("/api/assistance/households/", body, content_type="application/json")
    assert api.status_code == 400 and api.json()["bank_account"] == [rule]
    assert not Household.objects.exists()


def test_a_bank_account_too_long_in_an_import_names_the_column_and_the_rule(county_staff, village_a):
    from tests.assistance.factories import import_dataset
    from tests.assistance.test_imports import households_dataset

    data = households_dataset([[make_id_number(), "冯三", village_a.code, "", "1号", "", "否", "农商行", "6" * 33]])
    report = import_dataset(actor=county_staff, resource_name="households", dataset=data, dry_run=False)
    assert not report.ok
    assert report.errors == ["第2行，银行账号：银行账号应为8至32位数字。"]
    assert not Household.objects.exists()


def test_home_todos_run_by_deadline_with_the_overdue_one_in_red(client_for, caseworker_a, village_a, standards):
    import datetime

    today = timezone.localdate()
    late, soon, later = (
        submit(caseworker_a, make_household(village_a, ["0"], names=[n])) for n in ("迟甲", "近乙", "远丙")
    )
    dues = {late: today - datetime.timedelta(days=3), soon: today + datetime.timedelta(days=1)}
    dues[later] = today + datetime.timedelta(days=9)
    for app, due in dues.items():
        Application.objects.filter(pk=app.pk).update(stage_due_on=due)
    html = client_for(caseworker_a).get("/").content.decode()
    items = re.findall(r'<a href="[^"]*" class="([^"]*)">(.*?)</a>', html.split('data-testid="todo-list"')[1], re.S)
    ours = [(classes, body) for classes, body in items if any(app.number in body for app in dues)]
    assert [next(app for app in dues if app.number in body) for _classes, body in ours] == [late, soon, later]
    assert "list-group-item-danger" in ours[0][0] and "已超期" in ours[0][1]
    assert all("list-group-item-danger" not in classes and "已超期" not in body for classes, body in ours[1:])
