"""Pages and API of the new registers and workflow steps: the permission matrix (anonymous, no permission, in scope,
other township), query budgets on the lists, the monitoring to-dos and the person page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance import services
from assistance.choices import ApplicationKind, LowIncomeCategory
from assistance.models import LowIncomeHousehold, VagrantCase, WelfareInstitution
from civilaffairs.registry import todos_for
from tests.assistance.factories import certify, make_household, submit, subsidy_standards

pytestmark = pytest.mark.django_db

API = "/api/assistance"


@pytest.fixture
def registers(geo, standards, village_a, village_b, caseworker_a, caseworker_b, reviewer_a, county_staff):
    subsidy_standards(geo["county"])
    house_a = make_household(village_a, ["0", "0"], names=["登记甲户主", "登记甲残"])
    disabled_a = house_a.members.exclude(relationship="head").get().person
    cert_a = certify(disabled_a, grade=1)
    house_b = make_household(village_b, ["0"], names=["登记乙户主"])
    cert_b = certify(house_b.head, grade=2)
    low_a = services.low_income_recognise(
        actor=caseworker_a,
        household=house_a,
        category=LowIncomeCategory.DIBAO_EDGE,
        recognised_on=timezone.localdate() - datetime.timedelta(days=20),
        source="proactive",
    )
    low_b = services.low_income_recognise(
        actor=caseworker_b,
        household=house_b,
        category=LowIncomeCategory.LOW_INCOME,
        recognised_on=timezone.localdate() - datetime.timedelta(days=20),
        source="department",
    )
    today = timezone.localdate()
    case_a = VagrantCase.objects.create(
        region=geo["townships"][0], intake_on=today, intake_place="甲镇车站", found_by="patrol", stated_name="甲无名"
    )
    case_county = VagrantCase.objects.create(
        region=geo["county"], intake_on=today, intake_place="救助站门口", found_by="self", stated_name="县无名"
    )
    inst_county = WelfareInstitution.objects.create(
        region=geo["county"], name="县精神康复福利中心", institution_type="mental_health", origin="new"
    )
    subsidy_app = submit(caseworker_a, house_a, kind=ApplicationKind.CARE_SUBSIDY, target=disabled_a)
    emergency = submit(
        caseworker_a, make_household(village_a, ["0"]), kind="temporary", temporary_type="emergency", temporary_months=1
    )
    return {
        "cert_a": cert_a,
        "cert_b": cert_b,
        "low_a": low_a,
        "low_b": low_b,
        "case_a": case_a,
        "case_county": case_county,
        "inst": inst_county,
        "subsidy_app": subsidy_app,
        "emergency": emergency,
        "house_a": house_a,
    }


def read_pages(r):
    return {
        "certificates": reverse("assistance:certificate_list"),
        "certificate": reverse("assistance:certificate_detail", args=[r["cert_a"].pk]),
        "low_income": reverse("assistance:lowincome_list"),
        "monitoring": reverse("assistance:lowincome_monitoring"),
        "low_income_a": reverse("assistance:lowincome_detail", args=[r["low_a"].pk]),
        "vagrants": reverse("assistance:vagrant_list"),
        "vagrant_a": reverse("assistance:vagrant_detail", args=[r["case_a"].pk]),
        "institutions": reverse("assistance:institution_list"),
        "ledger": reverse("assistance:ledger"),
    }


TOWNSHIP_A_RECORDS = ["certificate", "low_income_a", "vagrant_a"]


def test_anonymous_users_are_sent_to_login(client, registers):
    urls = {
        **read_pages(registers),
        "vagrant_new": reverse("assistance:vagrant_create"),
        "institution_new": reverse("assistance:institution_create"),
        "certificate_new": reverse("assistance:certificate_create"),
        "low_income_new": reverse("assistance:lowincome_create"),
    }
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], name


def test_users_without_a_role_are_refused(client_for, no_role_user, registers):
    client = client_for(no_role_user)
    for name, url in read_pages(registers).items():
        assert client.get(url).status_code == 403, name
    for url in (f"{API}/certificates/", f"{API}/low-income/", f"{API}/vagrant-cases/", f"{API}/welfare-institutions/"):
        assert client.get(url).status_code == 403, url


def test_caseworker_in_scope_reads_every_page(client_for, caseworker_a, registers):
    client = client_for(caseworker_a)
    for name, url in read_pages(registers).items():
        assert client.get(url).status_code == 200, name
    html = client.get(reverse("assistance:vagrant_list")).content.decode()
    assert "甲无名" in html and "县无名" not in html  # the county-level case is not the township's
    # County-run institutions are the county's register: not a township's record.
    institution = reverse("assistance:institution_detail", args=[registers["inst"].pk])
    assert client.get(institution).status_code == 404


def test_other_township_gets_404_on_township_a_records(client_for, caseworker_b, registers):
    client = client_for(caseworker_b)
    pages = read_pages(registers)
    for name in TOWNSHIP_A_RECORDS:
        assert client.get(pages[name]).status_code == 404, name
    assert "登记甲残" not in client.get(pages["certificates"]).content.decode()
    for url in (
        f"{API}/certificates/{registers['cert_a'].pk}/",
        f"{API}/low-income/{registers['low_a'].pk}/",
        f"{API}/vagrant-cases/{registers['case_a'].pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("assistance:lowincome_action", args=[registers["low_a"].pk, "flag"]),
        {"reason": "illness", "since": timezone.localdate().isoformat(), "note": "x"},
    )
    assert response.status_code == 404
    assert not LowIncomeHousehold.objects.get(pk=registers["low_a"].pk).monitored


def test_county_registers_are_kept_by_county_staff(
    client_for, caseworker_a, county_staff, county_leader, geo, registers
):
    institution = reverse("assistance:institution_detail", args=[registers["inst"].pk])
    assert client_for(county_staff).get(institution).status_code == 200
    assert client_for(county_leader).get(institution).status_code == 200
    for user, expected in ((caseworker_a, 403), (county_leader, 403), (county_staff, 200)):
        client = client_for(user)
        assert client.get(reverse("assistance:vagrant_create")).status_code == expected
        assert client.get(reverse("assistance:institution_create")).status_code == expected
    client = client_for(county_staff)
    response = client.post(
        reverse("assistance:vagrant_create"),
        {
            "region": geo["townships"][1].code,
            "intake_on": timezone.localdate().isoformat(),
            "intake_place": "乙镇集市",
            "found_by": "public",
            "handled_by": "county",
            "stated_name": "",
            "description": "",
        },
    )
    # Neither identified nor described: refused with the reason on the description field.
    assert response.status_code == 200 and "description" in response.context["form"].errors
    response = client.post(
        reverse("assistance:vagrant_create"),
        {
            "region": geo["townships"][1].code,
            "intake_on": timezone.localdate().isoformat(),
            "intake_place": "乙镇集市",
            "found_by": "public",
            "handled_by": "county",
            "stated_name": "老李",
            "is_minor": "",
        },
    )
    assert response.status_code == 302
    assert VagrantCase.objects.filter(stated_name="老李", region=geo["townships"][1]).exists()


def test_leader_reads_but_cannot_change(client_for, county_leader, registers):
    client = client_for(county_leader)
    assert client.get(read_pages(registers)["low_income_a"]).status_code == 200
    assert client.get(reverse("assistance:lowincome_create")).status_code == 403
    assert client.get(reverse("assistance:certificate_create")).status_code == 403
    response = client.post(
        reverse("assistance:lowincome_action", args=[registers["low_a"].pk, "visit"]),
        {"visited_on": timezone.localdate().isoformat(), "visitors": "x", "findings": "y"},
    )
    assert response.status_code == 403


def test_new_workflow_action_pages(client_for, caseworker_a, reviewer_a, caseworker_b, registers):
    subsidy, emergency = registers["subsidy_app"], registers["emergency"]
    advance_url = reverse("assistance:application_action", args=[emergency.pk, "grant_advance"])
    assert client_for(caseworker_a).get(advance_url).status_code == 403
    assert client_for(reviewer_a).get(advance_url).status_code == 200
    assert client_for(caseworker_b).get(advance_url).status_code == 404  # not in scope: 404 before any permission
    response = client_for(reviewer_a).post(
        advance_url, {"amount": "300", "method": "cash", "paid_on": timezone.localdate().isoformat(), "reason": "火灾"}
    )
    assert response.status_code == 302
    html = client_for(reviewer_a).get(emergency.get_absolute_url()).content.decode()
    assert 'data-testid="advance"' in html and "300.00" in html
    services.application_accept(actor=caseworker_a, application=subsidy)
    review_url = reverse("assistance:application_action", args=[subsidy.pk, "initial_review"])
    detail = client_for(reviewer_a).get(subsidy.get_absolute_url()).content.decode()
    assert review_url in detail
    assert client_for(reviewer_a).post(review_url, {"recommends": "1", "opinion": "证件核实无误"}).status_code == 302
    subsidy.refresh_from_db()
    assert subsidy.status == "reviewed" and subsidy.amount == Decimal("90.00")


def test_api_workflow_endpoints_for_the_new_steps(client_for, caseworker_a, reviewer_a, county_staff, registers):
    subsidy, emergency = registers["subsidy_app"], registers["emergency"]
    response = client_for(reviewer_a).post(
        f"{API}/applications/{emergency.pk}/grant-advance/",
        {"amount": "900", "method": "cash", "paid_on": timezone.localdate().isoformat(), "reason": "急"},
    )
    assert response.status_code == 400  # above the 500 limit
    response = client_for(reviewer_a).post(
        f"{API}/applications/{emergency.pk}/grant-advance/",
        {"amount": "200", "method": "cash", "paid_on": timezone.localdate().isoformat(), "reason": "急"},
    )
    assert response.status_code == 200 and response.json()["advance"]["amount"] == "200.00"
    today = timezone.localdate().isoformat()
    assert (
        client_for(caseworker_a).post(f"{API}/applications/{subsidy.pk}/accept/", {"accepted_on": today}).status_code
        == 200
    )
    response = client_for(reviewer_a).post(
        f"{API}/applications/{subsidy.pk}/initial-review/", {"recommends": "1", "opinion": "核实"}
    )
    assert response.status_code == 200 and response.json()["status"] == "reviewed"
    assert client_for(reviewer_a).post(f"{API}/applications/{subsidy.pk}/approve/", {}).status_code == 409
    assert client_for(county_staff).post(f"{API}/applications/{subsidy.pk}/approve/", {}).status_code == 200
    advances = client_for(caseworker_a).get(f"{API}/advances/").json()
    assert [a["amount"] for a in advances["results"]] == ["200.00"]


def test_api_low_income_actions(client_for, caseworker_a, county_leader, registers):
    record = registers["low_a"]
    url = f"{API}/low-income/{record.pk}/flag/"
    body = {"reason": "illness", "since": timezone.localdate().isoformat(), "note": "户主确诊重病"}
    assert client_for(county_leader).post(url, body).status_code == 403
    response = client_for(caseworker_a).post(url, body)
    assert response.status_code == 200 and response.json()["monitored"] is True
    response = client_for(caseworker_a).post(
        f"{API}/low-income/{record.pk}/visit/",
        {"visited_on": timezone.localdate().isoformat(), "visitors": "王娜、李强", "findings": "已住院"},
    )
    assert response.status_code == 200 and len(response.json()["visits"]) == 1


def test_api_registers_are_scoped_on_write(client_for, county_staff, caseworker_a, geo, registers):
    other = __import__("tests.factories", fromlist=["build_county"]).build_county("990202", name="邻县")
    body = {"name": "邻县机构", "region": other["county"].code, "institution_type": "other", "origin": "new"}
    assert client_for(county_staff).post(f"{API}/welfare-institutions/", body).status_code == 403
    assert (
        client_for(caseworker_a)
        .post(f"{API}/welfare-institutions/", {**body, "region": geo["county"].code})
        .status_code
        == 403
    )
    response = client_for(county_staff).post(f"{API}/welfare-institutions/", {**body, "region": geo["county"].code})
    assert response.status_code == 201
    bad = {**body, "region": geo["county"].code, "opened_on": "2022-01-01", "closed_on": "2021-01-01"}
    assert client_for(county_staff).post(f"{API}/welfare-institutions/", bad).status_code == 400


def test_list_pages_keep_a_query_budget(
    client_for, caseworker_a, county_staff, registers, django_assert_max_num_queries
):
    for i in range(12):
        house = make_household(registers["house_a"].village, ["0"], names=[f"预算户{i}"])
        certify(house.head, grade=2)
        record = services.low_income_recognise(
            actor=caseworker_a,
            household=house,
            category="low_income",
            recognised_on=timezone.localdate() - datetime.timedelta(days=3),
            source="proactive",
        )
        # Half monitored and visited: the monitoring list computes each one's next visit without a query per row.
        if i % 2:
            services.low_income_flag(actor=caseworker_a, record=record, reason="illness", note="住院")
            services.low_income_visit(
                actor=caseworker_a,
                record=record,
                visited_on=timezone.localdate(),
                visitors="王娜",
                findings="已走访",
                next_visit_due=timezone.localdate() + datetime.timedelta(days=30),
            )
    for user, names in (
        (caseworker_a, ("certificates", "low_income", "monitoring", "vagrants", "institutions", "ledger")),
        (county_staff, ("certificates", "vagrants", "institutions")),
    ):
        client = client_for(user)
        for name in names:
            with django_assert_max_num_queries(16):
                assert client.get(read_pages(registers)[name]).status_code == 200, name
    client = client_for(caseworker_a)
    with django_assert_max_num_queries(12):
        assert client.get(f"{API}/low-income/").status_code == 200


def test_monitoring_alert_becomes_a_todo_until_visited(client_for, caseworker_a, registers):
    record = registers["low_a"]
    flagged = timezone.localdate() - datetime.timedelta(days=14)
    services.low_income_flag(actor=caseworker_a, record=record, reason="illness", note="户主重病住院", since=flagged)
    todos = [t for t in todos_for(caseworker_a) if record.get_absolute_url() == t.url]
    assert len(todos) == 1 and todos[0].overdue  # five working days after two weeks ago
    html = client_for(caseworker_a).get(reverse("assistance:lowincome_monitoring")).content.decode()
    assert "登记甲户主" in html and 'data-overdue="1"' in html
    services.low_income_visit(
        actor=caseworker_a,
        record=record,
        visited_on=timezone.localdate(),
        visitors="王娜",
        findings="已申请临时救助",
        next_visit_due=timezone.localdate() + datetime.timedelta(days=60),
    )
    assert not [t for t in todos_for(caseworker_a) if record.get_absolute_url() == t.url]


def test_person_page_lists_the_registers(client_for, caseworker_a, registers):
    person = registers["cert_a"].person
    html = client_for(caseworker_a).get(reverse("person_detail", args=[person.pk])).content.decode()
    assert registers["low_a"].get_absolute_url() in html
    assert registers["cert_a"].get_absolute_url() in html
    assert registers["subsidy_app"].number in html


def test_register_lists_link_their_imports_and_export(client_for, county_staff, registers):
    client = client_for(county_staff)
    for name, resource in (
        ("assistance:certificate_list", "certificates"),
        ("assistance:lowincome_list", "low-income"),
        ("assistance:vagrant_list", "vagrants"),
        ("assistance:institution_list", "institutions"),
    ):
        html = client.get(reverse(name)).content.decode()
        assert reverse("assistance:import", args=[resource]) in html, name
        assert client.get(reverse("assistance:import", args=[resource])).status_code == 200
        export = client.get(reverse(name) + "?export=xlsx")
        assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml"), name


def test_certificate_entered_on_the_page_replaces_the_older_one(client_for, caseworker_a, village_b, registers):
    person = registers["cert_a"].person
    client = client_for(caseworker_a)
    response = client.post(
        reverse("assistance:certificate_create"),
        {
            "id_number": person.id_number,
            "number": f"{person.id_number}62",
            "category": "6",
            "grade": "2",
            "issued_on": timezone.localdate().isoformat(),
            "needs_long_term_care": "on",
        },
    )
    assert response.status_code == 302
    registers["cert_a"].refresh_from_db()
    assert registers["cert_a"].cancelled_on == timezone.localdate()
    assert person.disability_certificates.get(cancelled_on__isnull=True).source == "entered"
    outsider = __import__("tests.factories", fromlist=["PersonFactory"]).PersonFactory(region=village_b)
    response = client.post(
        reverse("assistance:certificate_create"),
        {
            "id_number": outsider.id_number,
            "number": f"{outsider.id_number}41",
            "category": "4",
            "grade": "1",
            "issued_on": "2024-01-01",
        },
    )
    assert response.status_code == 200 and "辖区" in response.content.decode()
    assert not outsider.disability_certificates.exists()


def test_subsidy_application_form_on_the_household_page(client_for, caseworker_a, registers):
    house = registers["house_a"]
    client = client_for(caseworker_a)
    page = client.get(reverse("assistance:household_detail", args=[house.pk])).content.decode()
    assert "?kind=dis_care" in page and 'data-testid="certificates"' in page
    form = client.get(reverse("assistance:application_create", args=[house.pk]) + "?kind=dis_care")
    assert form.status_code == 200 and "家庭自付刚性支出" in form.content.decode()


def test_api_vagrant_case_links_a_registered_person_and_refuses_an_unknown_number(
    client_for, county_staff, geo, registers
):
    person = registers["cert_b"].person
    body = {
        "region": geo["townships"][0].code,
        "intake_on": timezone.localdate().isoformat(),
        "intake_place": "汽车站",
        "found_by": "patrol",
        "stated_name": "自称姓李",
    }
    client = client_for(county_staff)
    unknown = client.post(f"{API}/vagrant-cases/", {**body, "person_id_number": "110101199001010011"})
    assert unknown.status_code == 400 and unknown.json() == {"person_id_number": ["人员库中没有该公民身份号码。"]}
    created = client.post(f"{API}/vagrant-cases/", {**body, "person_id_number": person.id_number.lower()})
    assert created.status_code == 201, created.content
    case = VagrantCase.objects.get(pk=created.json()["id"])
    assert (case.person, case.created_by, case.stated_name) == (person, county_staff, "自称姓李")
    assert VagrantCase.objects.filter(intake_place="汽车站").count() == 1
