"""临时救助: 急难型 先行救助 (granted at once up to the township limit, paid at once, regularised through the normal
path, netted against the grant on the roll), 支出型 amounts, and the one-off payments ledger."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assistance import selectors, services
from assistance.choices import ApplicationKind
from assistance.models import TemporaryAdvance
from assistance.workflow import TransitionRefused
from civilaffairs.registry import todos_for
from civilaffairs.workdays import add_workdays
from tests.assistance.factories import make_household, submit, walk_to_review

pytestmark = pytest.mark.django_db

TEMP = ApplicationKind.TEMPORARY


@pytest.fixture
def emergency(village_a, standards, caseworker_a):
    """A two-member household hit by a fire: tier 1 → 1 × 496 × 2 = 992 yuan."""
    household = make_household(village_a, ["100", "0"], names=["火灾户主", "火灾家属"])
    return submit(caseworker_a, household, kind=TEMP, temporary_type="emergency", temporary_months=1)


def grant(reviewer, app, amount="300", **kwargs):
    kwargs.setdefault("method", "cash")
    kwargs.setdefault("reason", "房屋失火，急需基本生活物资")
    return services.application_grant_advance(actor=reviewer, application=app, amount=Decimal(amount), **kwargs)


def test_township_reviewer_grants_in_advance_up_to_the_limit(emergency, reviewer_a, caseworker_a):
    with pytest.raises(TransitionRefused):
        grant(caseworker_a, emergency)  # caseworkers may not grant
    with pytest.raises(ValidationError, match="500"):
        grant(reviewer_a, emergency, "500.01")
    advance = grant(reviewer_a, emergency, "500")
    assert advance.amount == Decimal("500.00") and advance.paid_on == timezone.localdate()
    assert advance.regularise_due_on == add_workdays(timezone.localdate(), 10)
    emergency.refresh_from_db()
    assert emergency.status == "submitted"  # the case goes on through the normal path
    assert emergency.status_changes.filter(action="grant_advance").count() == 1
    with pytest.raises(TransitionRefused):
        grant(reviewer_a, emergency, "100")  # once


def test_only_emergency_cases_get_an_advance(village_a, standards, caseworker_a, reviewer_a):
    household = make_household(village_a, ["0"])
    app = submit(
        caseworker_a,
        household,
        kind=TEMP,
        temporary_type="expenditure",
        temporary_months=1,
        expense_category="medical",
        expense_amount=Decimal("5000"),
    )
    with pytest.raises(TransitionRefused):
        grant(reviewer_a, app)


def test_regularisation_is_a_todo_until_the_case_is_decided(emergency, reviewer_a, caseworker_a, county_staff):
    grant(reviewer_a, emergency, "300")
    titles = [str(t.title) for t in todos_for(reviewer_a)]
    assert any(emergency.number in t and "300" in t for t in titles)
    walk_to_review(emergency, caseworker_a, reviewer_a)
    services.application_approve(actor=reviewer_a, application=emergency)
    advance = TemporaryAdvance.objects.get(application=emergency)
    assert advance.regularised_on == timezone.localdate() and advance.regularised_status == "approved"
    assert not selectors.advances_awaiting_regularisation(reviewer_a).exists()


def test_roll_pays_the_approved_grant_less_the_advance_to_the_yuan(emergency, reviewer_a, caseworker_a, township_a):
    grant(reviewer_a, emergency, "300")
    walk_to_review(emergency, caseworker_a, reviewer_a)
    services.application_approve(actor=reviewer_a, application=emergency)
    emergency.refresh_from_db()
    assert emergency.amount == Decimal("992.00")
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=timezone.localdate())
    line = roll.lines.get(application=emergency)
    assert line.amount == Decimal("692.00") and line.kind == "one_off" and "300" in line.reason
    assert roll.total_amount == Decimal("692.00")


def test_an_advance_covering_the_grant_settles_the_case(village_a, standards, caseworker_a, reviewer_a, township_a):
    household = make_household(village_a, ["400"])  # 1 × 496 × 1 = 496 < the 500 advanced
    app = submit(caseworker_a, household, kind=TEMP, temporary_type="emergency", temporary_months=1)
    grant(reviewer_a, app, "500")
    walk_to_review(app, caseworker_a, reviewer_a)
    services.application_approve(actor=reviewer_a, application=app)
    app.refresh_from_db()
    assert app.status == "paid" and app.amount == Decimal("496.00")
    assert "500" in app.status_changes.get(action="approve").opinion
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=timezone.localdate())
    assert not roll.lines.filter(application=app).exists()


def test_a_rejected_case_keeps_its_advance_on_record(emergency, reviewer_a, caseworker_a):
    grant(reviewer_a, emergency, "200")
    walk_to_review(emergency, caseworker_a, reviewer_a, recommends=False)
    services.application_reject(actor=reviewer_a, application=emergency, reason="经核实已获保险赔付")
    advance = TemporaryAdvance.objects.get(application=emergency)
    assert advance.regularised_status == "rejected" and advance.amount == Decimal("200.00")


def test_expenditure_type_is_limited_by_the_expense(village_a, standards, caseworker_a, reviewer_a):
    household = make_household(village_a, ["0", "0", "0"])
    cheap = submit(
        caseworker_a,
        household,
        kind=TEMP,
        temporary_type="expenditure",
        temporary_months=3,
        expense_category="medical",
        expense_amount=Decimal("1234.50"),
    )
    walk_to_review(cheap, caseworker_a, reviewer_a)
    cheap.refresh_from_db()
    # 3 × 496 × 3 = 4 464, limited to the 1 234.50 the household paid itself.
    assert cheap.amount == Decimal("1234.50")
    with pytest.raises(ValidationError):
        submit(caseworker_a, household, kind=TEMP, temporary_type="expenditure", temporary_months=1)


def test_ledger_totals_advances_grants_and_back_pay(
    client_for, emergency, reviewer_a, caseworker_a, township_a, caseworker_b
):
    grant(reviewer_a, emergency, "300")
    walk_to_review(emergency, caseworker_a, reviewer_a)
    services.application_approve(actor=reviewer_a, application=emergency)
    services.payment_roll_generate(actor=caseworker_a, township=township_a, month=timezone.localdate())
    ledger = selectors.one_off_ledger(caseworker_a)
    totals = {(t["programme"], t["kind"]): t["amount"] for t in ledger["totals"]}
    assert totals == {("temporary", "advance"): Decimal("300.00"), ("temporary", "one_off"): Decimal("692.00")}
    assert ledger["grand_total"] == Decimal("992.00")
    html = client_for(caseworker_a).get(reverse("assistance:ledger")).content.decode()
    assert "992.00" in html and "692.00" in html
    assert selectors.one_off_ledger(caseworker_b)["totals"] == []
    later = selectors.one_off_ledger(caseworker_a, start=timezone.localdate() + datetime.timedelta(days=40))
    assert later["totals"] == []
