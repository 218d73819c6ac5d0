"""Every assistance list searched by ID number follows the core's rule on the page and the API: a county leader (who
sees numbers masked) finds a person's row by the whole number only, never by a prefix; a caseworker by a prefix too."""

import datetime

import pytest
from django.utils import timezone

from assistance import services
from assistance.models import Enrolment, VagrantCase
from tests.assistance.factories import certify, enrol, make_household, submit
from tests.factories import PersonFactory
from tests.id_search import assert_whole_numbers_only_when_masked, renumber

pytestmark = pytest.mark.django_db

API = "/api/assistance"


@pytest.fixture
def households(village_a, standards):
    """The searched household (its head's number prefix is theirs alone) and another in the same village."""
    searched = make_household(village_a, ["0", "0"], names=["检索户主", "检索成员"])
    renumber(searched.head)
    return searched, make_household(village_a, ["0"], names=["另户户主"])


def test_households_by_a_members_number(client_for, county_leader, caseworker_a, households):
    searched, _ = households
    pages, apis = ["/assistance/households/"], [f"{API}/households/"]
    assert_whole_numbers_only_when_masked(client_for, county_leader, caseworker_a, searched.head, searched, pages, apis)


def test_applications_by_the_applicants_number(client_for, county_leader, caseworker_a, households):
    searched, other = households
    application = submit(caseworker_a, searched)
    submit(caseworker_a, other)
    pages, apis = ["/assistance/applications/"], [f"{API}/applications/"]
    assert_whole_numbers_only_when_masked(
        client_for, county_leader, caseworker_a, searched.head, application, pages, apis
    )


def test_enrolments_and_rechecks_due_by_the_payees_number(
    client_for, county_leader, caseworker_a, reviewer_a, county_staff, households
):
    searched, other = households
    enrolment = enrol(searched, caseworker_a, reviewer_a, county_staff)
    enrol(other, caseworker_a, reviewer_a, county_staff)
    Enrolment.objects.update(next_recheck_on=timezone.localdate())  # both on the re-checks-due list
    pages = ["/assistance/enrolments/", "/assistance/enrolments/rechecks-due/"]
    assert_whole_numbers_only_when_masked(
        client_for, county_leader, caseworker_a, searched.head, enrolment, pages, [f"{API}/enrolments/"]
    )


def test_certificates_by_the_holders_number(client_for, county_leader, caseworker_a, households):
    searched, other = households
    certificate = certify(searched.head)
    certify(other.head)
    pages, apis = ["/assistance/certificates/"], [f"{API}/certificates/"]
    assert_whole_numbers_only_when_masked(
        client_for, county_leader, caseworker_a, searched.head, certificate, pages, apis
    )


def test_low_income_and_monitoring_by_the_heads_number(client_for, county_leader, caseworker_a, households):
    records = []
    for household in households:
        record = services.low_income_recognise(
            actor=caseworker_a,
            household=household,
            category="low_income",
            recognised_on=timezone.localdate() - datetime.timedelta(days=3),
            source="proactive",
        )
        records.append(services.low_income_flag(actor=caseworker_a, record=record, reason="illness", note="住院"))
    pages = ["/assistance/low-income/", "/assistance/low-income/monitoring/"]
    assert_whole_numbers_only_when_masked(
        client_for, county_leader, caseworker_a, households[0].head, records[0], pages, [f"{API}/low-income/"]
    )


def test_vagrant_cases_by_the_identified_persons_number(client_for, county_leader, caseworker_a, village_a):
    searched = renumber(PersonFactory(region=village_a, name="检索流浪者"))
    cases = [
        VagrantCase.objects.create(
            region=village_a.parent,
            person=person,
            intake_on=timezone.localdate(),
            intake_place="甲镇车站",
            found_by="patrol",
        )
        for person in (searched, PersonFactory(region=village_a, name="另一流浪者"))
    ]
    pages, apis = ["/assistance/vagrants/"], [f"{API}/vagrant-cases/"]
    assert_whole_numbers_only_when_masked(client_for, county_leader, caseworker_a, searched, cases[0], pages, apis)
