"""补发: a standard (or a re-check change) taking effect in a month whose roll is already reviewed or locked is paid
as back pay on the next roll, with its reason, exactly once — to the yuan."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assistance import services
from assistance.models import PaymentLine
from assistance.models.enrolments import add_months, month_start
from tests.assistance.factories import enrol, make_roll, shift_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_household(poor_household, caseworker_a, reviewer_a, county_staff, township_a):
    """Enrolled three months ago at (496 − 300) × 3 = 588 a month; the rolls of the last two months are locked."""
    enrolment = shift_start(enrol(poor_household, caseworker_a, reviewer_a, county_staff), 3)
    today = timezone.localdate()
    rolls = [make_roll(caseworker_a, township_a, add_months(today, -back), lock_by=reviewer_a) for back in (2, 1)]
    return enrolment, rolls


def test_a_standard_effective_in_a_locked_month_is_back_paid_once(
    geo, paid_household, caseworker_a, reviewer_a, county_staff, township_a
):
    enrolment, (two_ago, _one_ago) = paid_household
    assert two_ago.lines.get(enrolment=enrolment).amount == Decimal("588.00")
    today = timezone.localdate()
    # Rural 496 → 526 from two months ago (a document published late): (526 − 300) × 3 = 678 a month.
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=add_months(today, -2),
        document_number="奉民发〔2025〕9号",
        items=[services.StandardItem("dibao", "rural", Decimal("526"))],
    )
    assert enrolment.amount_in(add_months(today, -2)) == Decimal("678.00")
    roll = make_roll(caseworker_a, township_a, today)
    regular = roll.lines.get(enrolment=enrolment, kind="regular")
    assert regular.amount == Decimal("678.00") and regular.for_month == month_start(today)
    back = roll.lines.filter(enrolment=enrolment, kind="back_pay").order_by("for_month")
    assert [(b.for_month, b.amount) for b in back] == [
        (add_months(today, -2), Decimal("90.00")),
        (add_months(today, -1), Decimal("90.00")),
    ]
    assert all("奉民发〔2025〕9号" in b.reason for b in back)
    assert roll.total_amount == Decimal("858.00")  # 678 + 90 + 90
    # Regenerating the draft, or the next month's roll, pays nothing more for those months.
    services.payment_roll_regenerate(actor=caseworker_a, roll=roll)
    assert roll.lines.filter(kind="back_pay").count() == 2
    services.payment_roll_review(actor=reviewer_a, roll=roll)
    services.payment_roll_lock(actor=reviewer_a, roll=roll)
    following = make_roll(caseworker_a, township_a, add_months(today, 1))
    assert not following.lines.filter(kind="back_pay").exists()
    for month in (add_months(today, -2), add_months(today, -1)):
        paid = sum(PaymentLine.objects.filter(enrolment=enrolment, for_month=month).values_list("amount", flat=True))
        assert paid == Decimal("678.00")


def test_two_draft_rolls_cannot_both_back_pay(geo, paid_household, caseworker_a, county_staff, township_a):
    enrolment, _rolls = paid_household
    today = timezone.localdate()
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=add_months(today, -1),
        items=[services.StandardItem("dibao", "rural", Decimal("506"))],
    )
    first = make_roll(caseworker_a, township_a, today)
    second = make_roll(caseworker_a, township_a, add_months(today, 1))
    assert first.lines.get(enrolment=enrolment, kind="back_pay").amount == Decimal("30.00")
    assert not second.lines.filter(kind="back_pay").exists()


def test_a_backdated_recheck_increase_is_back_paid(poor_household, caseworker_a, reviewer_a, county_staff, township_a):
    enrolment = shift_start(enrol(poor_household, caseworker_a, reviewer_a, county_staff), 3)
    today = timezone.localdate()
    make_roll(caseworker_a, township_a, add_months(today, -1), lock_by=reviewer_a)
    # The head lost his job: income 600 → 0, so (496 − 100) × 3 = 1 188 from the month after the check.
    head = poor_household.members.get(relationship="head")
    head.monthly_income = Decimal("0")
    head.save()
    checked = add_months(today, -2) + datetime.timedelta(days=10)
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=enrolment, checked_on=checked)
    assert recheck.new_amount == Decimal("1188.00")
    roll = make_roll(caseworker_a, township_a, today)
    back = roll.lines.get(enrolment=enrolment, kind="back_pay")
    assert back.for_month == add_months(today, -1) and back.amount == Decimal("600.00")  # 1 188 − 588
    assert "复核" in back.reason


def test_months_on_a_draft_roll_are_not_back_paid(
    geo, poor_household, caseworker_a, reviewer_a, county_staff, township_a
):
    enrolment = shift_start(enrol(poor_household, caseworker_a, reviewer_a, county_staff), 2)
    today = timezone.localdate()
    draft = make_roll(caseworker_a, township_a, add_months(today, -1))
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=add_months(today, -1),
        items=[services.StandardItem("dibao", "rural", Decimal("506"))],
    )
    roll = make_roll(caseworker_a, township_a, today)
    assert not roll.lines.filter(kind="back_pay").exists()
    services.payment_roll_regenerate(actor=caseworker_a, roll=draft)
    assert draft.lines.get(enrolment=enrolment).amount == Decimal("618.00")  # (506 − 300) × 3


def test_a_lower_amount_is_not_deducted(poor_household, caseworker_a, reviewer_a, county_staff, township_a):
    enrolment = shift_start(enrol(poor_household, caseworker_a, reviewer_a, county_staff), 3)
    today = timezone.localdate()
    make_roll(caseworker_a, township_a, add_months(today, -1), lock_by=reviewer_a)
    head = poor_household.members.get(relationship="head")
    head.monthly_income = Decimal("800")
    head.save()
    services.enrolment_recheck(actor=caseworker_a, enrolment=enrolment, checked_on=add_months(today, -2))
    roll = make_roll(caseworker_a, township_a, today)
    assert not roll.lines.filter(kind="back_pay").exists()


def test_the_bank_sheet_shows_back_pay_with_its_reason(
    client_for, geo, paid_household, caseworker_a, county_staff, township_a
):
    import io

    import openpyxl
    from django.urls import reverse

    _enrolment, _rolls = paid_household
    today = timezone.localdate()
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=add_months(today, -1),
        document_number="奉民发〔2025〕9号",
        items=[services.StandardItem("dibao", "rural", Decimal("506"))],
    )
    roll = make_roll(caseworker_a, township_a, today)
    response = client_for(caseworker_a).get(reverse("assistance:roll_export", args=[roll.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    back = [r for r in rows if r[9] and "补发" in r[9]]
    assert len(back) == 1 and back[0][8] == 30.0 and "奉民发〔2025〕9号" in back[0][9]
    assert any(r[6] and "补发" in str(r[6]) for r in rows if r[0] is None)  # the totals name the back pay
