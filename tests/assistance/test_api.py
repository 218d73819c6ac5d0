"""The assistance API: scoped like the pages; workflow steps as explicit endpoints calling the same services."""

import uuid
from decimal import Decimal

import pytest

from assistance.models import Application
from tests.assistance.factories import enrol, next_month, submit, walk_to_confirmation

pytestmark = pytest.mark.django_db

API = "/api/assistance"


def test_anonymous_and_roleless_users_are_refused(client, client_for, no_role_user, poor_household, caseworker_a):
    app = submit(caseworker_a, poor_household)
    for url in (
        f"{API}/households/",
        f"{API}/applications/",
        f"{API}/applications/{app.pk}/",
        f"{API}/enrolments/",
        f"{API}/payment-rolls/",
        f"{API}/standards/",
    ):
        assert client.get(url).status_code in (401, 403), url
        assert client_for(no_role_user).get(url).status_code == 403, url
    assert client_for(no_role_user).post(f"{API}/applications/{app.pk}/accept/", {}).status_code == 403


def test_lists_are_scoped_to_the_township(client_for, caseworker_a, caseworker_b, poor_household, household_b):
    submit(caseworker_a, poor_household)
    app_b = submit(caseworker_b, household_b)
    data = client_for(caseworker_b).get(f"{API}/applications/").json()
    assert [row["id"] for row in data["results"]] == [app_b.pk]
    households = client_for(caseworker_b).get(f"{API}/households/").json()
    assert [row["id"] for row in households["results"]] == [household_b.pk]


def test_other_township_gets_404_on_detail_and_actions(client_for, caseworker_a, caseworker_b, poor_household):
    app = submit(caseworker_a, poor_household)
    client = client_for(caseworker_b)
    assert client.get(f"{API}/applications/{app.pk}/").status_code == 404
    assert client.post(f"{API}/applications/{app.pk}/accept/", {"accepted_on": "2020-01-01"}).status_code == 404
    assert client.get(f"{API}/households/{poor_household.pk}/").status_code == 404
    assert Application.objects.get(pk=app.pk).status == "submitted"


def test_submit_is_idempotent_with_a_key(client_for, caseworker_a, poor_household):
    client = client_for(caseworker_a)
    body = {"household": poor_household.pk, "kind": "dibao", "applicant": poor_household.head_id, "reason": "困难"}
    key = uuid.uuid4().hex
    first = client.post(f"{API}/applications/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    second = client.post(f"{API}/applications/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Application.objects.count() == 1


def test_whole_dibao_path_through_the_api(client_for, caseworker_a, reviewer_a, county_staff, poor_household):
    cw, rv, staff = client_for(caseworker_a), client_for(reviewer_a), client_for(county_staff)
    created = cw.post(
        f"{API}/applications/",
        {"household": poor_household.pk, "kind": "dibao", "applicant": poor_household.head_id, "reason": "困难"},
        content_type="application/json",
    ).json()
    pk = created["id"]
    assert cw.post(f"{API}/applications/{pk}/accept/", {"accepted_on": created["received_on"]}).status_code == 200
    survey = {
        "staff_1": "甲",
        "staff_2": "乙",
        "survey_on": created["received_on"],
        "findings": "属实",
        "info_check": "consistent",
    }
    assert cw.post(f"{API}/applications/{pk}/record-survey/", survey).status_code == 200
    # A caseworker may not give the township opinion.
    assert cw.post(f"{API}/applications/{pk}/review/", {"recommends": "1", "opinion": "同意"}).status_code == 403
    reviewed = rv.post(f"{API}/applications/{pk}/review/", {"recommends": "1", "opinion": "同意"}).json()
    assert reviewed["status"] == "reviewed" and Decimal(reviewed["amount"]) == Decimal("588.00")
    # The county cannot approve before the notice.
    refused = staff.post(f"{API}/applications/{pk}/approve/", {})
    assert refused.status_code == 409 and refused.json()["detail"]
    app = Application.objects.get(pk=pk)
    import datetime

    from django.utils import timezone

    from tests.assistance.factories import backdate

    today = timezone.localdate()
    backdate(app, reviewed_on=today - datetime.timedelta(days=10))
    start = (today - datetime.timedelta(days=9)).isoformat()
    assert cw.post(f"{API}/applications/{pk}/start-notice/", {"start": start, "place": "公开栏"}).status_code == 200
    assert cw.post(f"{API}/applications/{pk}/close-notice/", {}).status_code == 200
    approved = staff.post(f"{API}/applications/{pk}/approve/", {"opinion": "同意"}).json()
    assert approved["status"] == "approved"
    assert [step["action"] for step in approved["timeline"]][-1] == "approve"
    again = staff.post(f"{API}/applications/{pk}/approve/", {})
    assert again.status_code == 409


def test_reviewer_cannot_approve_where_the_county_confirms(client_for, caseworker_a, reviewer_a, poor_household):
    app = submit(caseworker_a, poor_household)
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    response = client_for(reviewer_a).post(f"{API}/applications/{app.pk}/approve/", {})
    assert response.status_code == 409
    assert Application.objects.get(pk=app.pk).status == "awaiting_confirmation"


def test_payment_roll_endpoints(
    client_for, caseworker_a, reviewer_a, caseworker_b, county_staff, poor_household, township_a
):
    enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    cw = client_for(caseworker_a)
    month = next_month().strftime("%Y-%m")
    first = cw.post(f"{API}/payment-rolls/generate/", {"township": township_a.code, "month": month})
    second = cw.post(f"{API}/payment-rolls/generate/", {"township": township_a.code, "month": month})
    assert (first.status_code, second.status_code) == (201, 200)
    roll = first.json()
    assert Decimal(roll["total_amount"]) == Decimal("588.00") and roll["line_count"] == 1
    assert client_for(caseworker_b).get(f"{API}/payment-rolls/{roll['id']}/export/").status_code == 404
    assert (
        client_for(caseworker_b)
        .post(f"{API}/payment-rolls/generate/", {"township": township_a.code, "month": month})
        .status_code
        == 404
    )
    lines = cw.get(f"{API}/payment-rolls/{roll['id']}/lines/").json()
    assert lines["results"][0]["payee_name"] == "张大山"
    assert cw.post(f"{API}/payment-rolls/{roll['id']}/lock/").status_code == 403
    rv = client_for(reviewer_a)
    assert rv.post(f"{API}/payment-rolls/{roll['id']}/lock/").status_code == 409  # not reviewed yet
    assert rv.post(f"{API}/payment-rolls/{roll['id']}/review/").json()["status"] == "reviewed"
    assert rv.post(f"{API}/payment-rolls/{roll['id']}/lock/").json()["status"] == "locked"
    export = cw.get(f"{API}/payment-rolls/{roll['id']}/export/")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_household_create_through_the_api(client_for, caseworker_a, village_a, standards):
    from tests.factories import make_id_number

    body = {
        "village": village_a.code,
        "address": "1号",
        "members": [
            {"id_number": make_id_number(), "name": "吴一", "relationship": "head", "monthly_income": "100"},
            {"id_number": make_id_number(), "name": "吴二", "relationship": "spouse"},
        ],
    }
    response = client_for(caseworker_a).post(f"{API}/households/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert len(response.json()["members"]) == 2
    bad = dict(body, members=[{"id_number": "123", "name": "x", "relationship": "head"}])
    response = client_for(caseworker_a).post(f"{API}/households/", bad, content_type="application/json")
    assert response.status_code == 400


def test_list_endpoints_keep_a_query_budget(
    client_for, caseworker_a, village_a, standards, django_assert_max_num_queries
):
    from tests.assistance.factories import make_household

    for i in range(12):
        submit(caseworker_a, make_household(village_a, ["10", "0"], names=[f"甲{i}", f"乙{i}"]))
    client = client_for(caseworker_a)
    for url in (f"{API}/households/", f"{API}/applications/", f"{API}/enrolments/", f"{API}/standards/"):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, url


def test_standards_api_adds_and_rerates(client_for, county_staff, caseworker_a, geo, standards):
    body = {
        "county": geo["county"].code,
        "effective_from": next_month().isoformat(),
        "document_number": "测〔2026〕1号",
        "items": [{"kind": "dibao", "urban_rural": "rural", "amount": "520"}],
    }
    assert client_for(caseworker_a).post(f"{API}/standards/", body, content_type="application/json").status_code == 403
    response = client_for(county_staff).post(f"{API}/standards/", body, content_type="application/json")
    # Re-rating runs as a background job; the response names it (see test_rerate_job).
    assert response.status_code == 201 and response.json()["job_url"] == f"/jobs/{response.json()['job']}/"
    bad = dict(body, effective_from="2030-01-01", items=[{"kind": "dibao", "urban_rural": "urban", "amount": "900"}])
    assert client_for(county_staff).post(f"{API}/standards/", bad, content_type="application/json").status_code == 400


def test_schema_lists_the_workflow_endpoints(client_for, county_staff):
    schema = client_for(county_staff).get("/api/schema/").content.decode()
    assert "/api/assistance/applications/{id}/approve/" in schema


def test_enrolment_actions_of_another_township_are_404_and_change_nothing(
    client_for, caseworker_a, reviewer_a, caseworker_b, county_staff, poor_household
):
    enrolment = enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    member = poor_household.members.get(person__name="张小溪").person
    client = client_for(caseworker_b)
    month = next_month().isoformat()
    assert client.post(f"{API}/enrolments/{enrolment.pk}/recheck/", {"note": "复核"}).status_code == 404
    assert (
        client.post(f"{API}/enrolments/{enrolment.pk}/end/", {"last_month": month, "reason": "moved"}).status_code
        == 404
    )
    died = {"person": member.pk, "died_on": "2026-01-01"}
    assert client.post(f"{API}/enrolments/{enrolment.pk}/death/", died).status_code == 404
    enrolment.refresh_from_db()
    member.refresh_from_db()
    assert (enrolment.status, enrolment.end_month, member.death_date) == ("active", None, None)
    assert not enrolment.rechecks.exists() and enrolment.amounts.count() == 1
    assert enrolment.members.filter(active=True).count() == 3
    # The same calls by the township's own caseworker do reach the services (the endpoints are real).
    own = client_for(caseworker_a).post(f"{API}/enrolments/{enrolment.pk}/recheck/", {"note": "复核"})
    assert own.status_code == 200 and enrolment.rechecks.count() == 1
