"""在保对象: payment rolls, 渐退, exits, deaths, and re-rating when a new standard takes effect."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from assistance import services
from assistance.choices import (
    ApplicationKind,
    EndReason,
    EnrolmentStatus,
    RecheckOutcome,
    StandardKind,
)
from assistance.models import AssistanceStandard, EnrolmentAmount, PaymentRoll
from assistance.models.enrolments import add_months
from tests.assistance.factories import enrol, make_household, next_month, shift_start

pytestmark = pytest.mark.django_db


def roll_amount(caseworker, township, month, enrolment):
    roll, _ = services.payment_roll_generate(actor=caseworker, township=township, month=month)
    line = roll.lines.filter(enrolment=enrolment).first()
    return line.amount if line else None


@pytest.fixture
def enrolled(poor_household, caseworker_a, reviewer_a, county_staff):
    return enrol(poor_household, caseworker_a, reviewer_a, county_staff)


def test_phase_out_keeps_the_benefit_six_months_then_exits(enrolled, caseworker_a, township_a):
    household = enrolled.household
    # 张小河 finds work: 600 + 900 + 0 = 1500 for 3 = 500 per person, above 496 but below 1.5 × 496 = 744.
    household.members.filter(person__name="张小河").update(monthly_income=Decimal("900"))
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=enrolled)
    enrolled.refresh_from_db()
    assert recheck.outcome == RecheckOutcome.PHASE_OUT
    assert recheck.per_capita_income == Decimal("500.00")
    first = next_month()
    assert enrolled.status == EnrolmentStatus.PHASING_OUT
    assert (enrolled.phase_out_from, enrolled.phase_out_until) == (first, add_months(first, 5))
    # Paid, unchanged, for the six months of grace; not in the seventh.
    for offset in range(6):
        assert roll_amount(caseworker_a, township_a, add_months(first, offset), enrolled) == Decimal("588.00")
    assert roll_amount(caseworker_a, township_a, add_months(first, 6), enrolled) is None
    assert services.enrolments_close_finished(on=add_months(first, 6)) == 1
    enrolled.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.ENDED
    assert enrolled.end_month == add_months(first, 5)
    assert enrolled.end_reason == EndReason.PHASE_OUT_ENDED
    assert not enrolled.members.filter(active=True).exists()


def test_income_above_the_phase_out_ceiling_exits_after_this_month(enrolled, caseworker_a, township_a):
    shift_start(enrolled, 2)
    enrolled.household.members.filter(person__name="张小河").update(monthly_income=Decimal("3000"))
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=enrolled)
    enrolled.refresh_from_db()
    this_month = timezone.localdate().replace(day=1)
    assert recheck.outcome == RecheckOutcome.EXIT
    assert enrolled.status == EnrolmentStatus.ENDED and enrolled.end_month == this_month
    assert roll_amount(caseworker_a, township_a, this_month, enrolled) == Decimal("588.00")  # paid for the exit month
    assert roll_amount(caseworker_a, township_a, next_month(), enrolled) is None


def test_recheck_changes_the_amount_from_next_month(enrolled, caseworker_a):
    shift_start(enrolled, 1)
    enrolled.household.members.filter(person__name="张大山").update(monthly_income=Decimal("300"))
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=enrolled)
    assert recheck.outcome == RecheckOutcome.CHANGE
    assert recheck.new_amount == Decimal("888.00")  # (496 − 200) × 3
    assert enrolled.amount_in(timezone.localdate()) == Decimal("588.00")
    assert enrolled.amount_in(next_month()) == Decimal("888.00")
    enrolled.refresh_from_db()
    assert enrolled.next_recheck_on == add_months(timezone.localdate(), 12)


def test_irregular_income_with_able_members_is_rechecked_every_six_months(
    village_a, standards, caseworker_a, reviewer_a, county_staff
):
    household = make_household(village_a, ["300", "0"], income_irregular=True)
    enrolment = enrol(household, caseworker_a, reviewer_a, county_staff)
    assert enrolment.recheck_interval_months == 6
    assert enrolment.next_recheck_on == add_months(enrolment.start_month, 6)


def test_a_new_standard_rerates_active_enrolments_from_its_month(enrolled, caseworker_a, township_a, county_staff, geo):
    first = next_month()
    second = add_months(first, 1)
    standards, rerated = services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=second,
        document_number="测民发〔2026〕8号",
        items=[services.StandardItem(StandardKind.DIBAO, "rural", Decimal("520"))],
    )
    assert rerated == 1
    assert roll_amount(caseworker_a, township_a, first, enrolled) == Decimal("588.00")
    assert roll_amount(caseworker_a, township_a, second, enrolled) == Decimal("660.00")  # (520 − 300) × 3
    row = EnrolmentAmount.objects.get(enrolment=enrolled, effective_from=second)
    assert row.standard == standards[0] and row.reason == "standard_change"
    entry = LogEntry.objects.get_for_object(enrolled).filter(changes__icontains="660.00").get()
    assert entry.actor == county_staff


def test_a_standard_taking_effect_mid_month_applies_from_the_next_month(enrolled, county_staff, geo):
    first = next_month()
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=first + datetime.timedelta(days=14),
        items=[services.StandardItem(StandardKind.DIBAO, "rural", Decimal("520"))],
    )
    assert enrolled.amount_in(first) == Decimal("588.00")
    assert enrolled.amount_in(add_months(first, 1)) == Decimal("660.00")


def test_an_urban_standard_leaves_rural_enrolments_alone(enrolled, county_staff, geo):
    _, rerated = services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=next_month(),
        items=[
            services.StandardItem(StandardKind.DIBAO, "urban", Decimal("650")),
            services.StandardItem(StandardKind.TEKUN_BASIC, "", Decimal("845")),
        ],
    )
    assert rerated == 0
    assert enrolled.amounts.count() == 1


def test_a_standard_approved_before_it_took_effect_is_used_for_the_first_month(
    poor_household, caseworker_a, reviewer_a, county_staff, geo
):
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=next_month(),
        items=[services.StandardItem(StandardKind.DIBAO, "rural", Decimal("520"))],
    )
    enrolment = enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    assert enrolment.amount_in(next_month()) == Decimal("660.00")


def test_tekun_standard_below_1_3_times_dibao_is_refused_and_nothing_is_written(county_staff, geo, standards):
    with pytest.raises(ValidationError) as error:
        services.standards_add(
            actor=county_staff,
            county=geo["county"],
            effective_from=datetime.date(2024, 1, 1),
            items=[services.StandardItem(StandardKind.DIBAO, "urban", Decimal("700"))],
        )
    assert "806" in str(error.value) and "910" in str(error.value)
    assert not AssistanceStandard.objects.filter(effective_from=datetime.date(2024, 1, 1)).exists()
    # Entered together with a matching 特困 figure, it is accepted.
    rows, _ = services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=datetime.date(2024, 1, 1),
        items=[
            services.StandardItem(StandardKind.DIBAO, "urban", Decimal("700")),
            services.StandardItem(StandardKind.TEKUN_BASIC, "", Decimal("910")),
        ],
    )
    assert len(rows) == 2


def test_tekun_enrolment_is_rerated_by_a_new_basic_living_standard(
    village_a, standards, caseworker_a, reviewer_a, county_staff, geo, township_a
):
    household = make_household(village_a, ["0"])
    Person = household.head.__class__
    Person.objects.filter(pk=household.head_id).update(birth_date=datetime.date(1940, 1, 1))
    enrolment = enrol(
        household, caseworker_a, reviewer_a, county_staff, kind=ApplicationKind.TEKUN, target=household.head
    )
    assert enrolment.amount_in(next_month()) == Decimal("806.00")
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=next_month(),
        items=[services.StandardItem(StandardKind.TEKUN_BASIC, "", Decimal("850"))],
    )
    assert roll_amount(caseworker_a, township_a, next_month(), enrolment) == Decimal("850.00")


def test_death_stops_payment_from_the_next_month(
    village_a, standards, caseworker_a, reviewer_a, county_staff, township_a
):
    household = make_household(village_a, ["0"])
    Person = household.head.__class__
    Person.objects.filter(pk=household.head_id).update(birth_date=datetime.date(1940, 1, 1))
    enrolment = enrol(
        household, caseworker_a, reviewer_a, county_staff, kind=ApplicationKind.TEKUN, target=household.head
    )
    shift_start(enrolment, 3)
    last_month = add_months(timezone.localdate(), -1)
    services.enrolment_record_death(
        actor=caseworker_a, person=household.head, died_on=last_month + datetime.timedelta(days=9)
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENDED and enrolment.end_reason == EndReason.DEATH
    assert roll_amount(caseworker_a, township_a, last_month, enrolment) == Decimal("806.00")
    assert roll_amount(caseworker_a, township_a, timezone.localdate(), enrolment) is None


def test_death_recorded_only_in_the_registry_still_stops_the_roll(
    village_a, standards, caseworker_a, reviewer_a, county_staff, township_a
):
    household = make_household(village_a, ["0"])
    Person = household.head.__class__
    Person.objects.filter(pk=household.head_id).update(birth_date=datetime.date(1940, 1, 1))
    enrolment = enrol(
        household, caseworker_a, reviewer_a, county_staff, kind=ApplicationKind.TEKUN, target=household.head
    )
    shift_start(enrolment, 3)
    # The death reached the person registry (another office) before anyone ended the enrolment.
    last_month = add_months(timezone.localdate(), -1)
    Person.objects.filter(pk=household.head_id).update(death_date=last_month)
    assert roll_amount(caseworker_a, township_a, last_month, enrolment) == Decimal("806.00")
    assert roll_amount(caseworker_a, township_a, timezone.localdate(), enrolment) is None


def test_death_of_one_member_rerates_the_household_from_next_month(enrolled, caseworker_a):
    shift_start(enrolled, 2)
    child = enrolled.household.members.get(person__name="张小溪").person
    services.enrolment_record_death(actor=caseworker_a, person=child, died_on=timezone.localdate())
    enrolled.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.ACTIVE
    assert enrolled.amount_in(timezone.localdate()) == Decimal("588.00")
    # 900 for 2 = 450 per person: (496 − 450) × 2 = 92.
    assert enrolled.amount_in(next_month()) == Decimal("92.00")


def test_single_person_dibao_pays_the_standard_minus_own_income(
    village_a, standards, caseworker_a, reviewer_a, county_staff
):
    household = make_household(village_a, ["700", "100"], extra={1: {"health": "serious"}})
    ill = household.members.get(relationship="child").person
    enrolment = enrol(household, caseworker_a, reviewer_a, county_staff, target=ill, single_person=True)
    assert enrolment.single_person and enrolment.members.get().person == ill
    assert enrolment.amount_in(next_month()) == Decimal("396.00")  # 496 − 100, one member


def test_payment_roll_is_generated_once(enrolled, caseworker_a, township_a):
    first, created = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    enrolled.household.members.update(monthly_income=0)
    again, created_again = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    assert created and not created_again and first.pk == again.pk
    assert PaymentRoll.objects.count() == 1 and again.lines.count() == 1 and again.total_amount == Decimal("588.00")


def test_locked_roll_cannot_be_regenerated(enrolled, caseworker_a, reviewer_a, township_a):
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    services.payment_roll_review(actor=reviewer_a, roll=roll)
    services.payment_roll_lock(actor=reviewer_a, roll=roll)
    from assistance.workflow import TransitionRefused

    with pytest.raises(TransitionRefused):
        services.payment_roll_regenerate(actor=caseworker_a, roll=roll)
    with pytest.raises(TransitionRefused):
        services.payment_roll_lock(actor=reviewer_a, roll=roll)


def test_temporary_grant_is_paid_once_on_the_next_roll(poor_household, caseworker_a, reviewer_a, township_a):
    from tests.assistance.factories import submit, walk_to_review

    app = submit(
        caseworker_a, poor_household, kind=ApplicationKind.TEMPORARY, temporary_type="emergency", temporary_months=1
    )
    walk_to_review(app, caseworker_a, reviewer_a)
    # 1 month × 496 × 3 members = 1488 > the township's 1000 limit: the county decides.
    app.refresh_from_db()
    assert app.amount == Decimal("1488.00")
    from assistance.workflow import TransitionRefused

    with pytest.raises(TransitionRefused):
        services.application_approve(actor=reviewer_a, application=app)
    small = make_household(poor_household.village, ["100"])
    app2 = submit(
        caseworker_a,
        small,
        kind=ApplicationKind.TEMPORARY,
        temporary_type="expenditure",
        temporary_months=2,
        expense_category="medical",
        expense_amount=Decimal("3000"),
    )
    walk_to_review(app2, caseworker_a, reviewer_a)
    # 2 × 496 × 1 = 992 ≤ 1000 and below the 3 000 yuan expense.
    services.application_approve(actor=reviewer_a, application=app2)
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=timezone.localdate())
    line = roll.lines.get(application=app2)
    assert line.amount == Decimal("992.00") and line.programme == "temporary"
    later, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    assert not later.lines.filter(application=app2).exists()


def test_recheck_with_nothing_changed_keeps_the_amount_and_schedules_the_next_by_cadence(
    enrolled, caseworker_a, village_a, reviewer_a, county_staff
):
    shift_start(enrolled, 3)
    checked = timezone.localdate()
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=enrolled, checked_on=checked)
    enrolled.refresh_from_db()
    assert (recheck.outcome, recheck.new_amount, recheck.per_capita_income) == (
        RecheckOutcome.KEEP,
        None,
        Decimal("300.00"),
    )
    assert enrolled.amounts.count() == 1 and enrolled.amount_in(next_month()) == Decimal("588.00")
    assert enrolled.next_recheck_on == add_months(checked, 12)  # stable household: yearly
    # Irregular income with a member able to work: half-yearly.
    irregular = make_household(village_a, ["300", "0"], income_irregular=True)
    half_yearly = enrol(irregular, caseworker_a, reviewer_a, county_staff)
    kept = services.enrolment_recheck(actor=caseworker_a, enrolment=half_yearly, checked_on=checked)
    half_yearly.refresh_from_db()
    assert kept.outcome == RecheckOutcome.KEEP and half_yearly.amount_in(next_month()) == Decimal("692.00")
    assert half_yearly.next_recheck_on == add_months(checked, 6)
