"""残疾人两项补贴: the certificate register, eligibility by dated county rules, the workflow (乡镇初审 → 残联审核
where used → 县民政局审批), enrolment and payment on the roll, and the exits (household leaves 低保, death, a
certificate that lapses)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from assistance import services
from assistance.choices import ApplicationKind, EndReason, EnrolmentStatus, LowIncomeCategory, Programme
from assistance.models import Enrolment
from assistance.models.enrolments import add_months
from assistance.subsidies import assess_subsidy
from assistance.workflow import TransitionRefused
from tests.assistance.factories import (
    certify,
    enrol,
    grant_subsidy,
    make_household,
    next_month,
    shift_start,
    submit,
    subsidy_standards,
    walk_subsidy_to_review,
)

pytestmark = pytest.mark.django_db

LIVING, CARE = ApplicationKind.LIVING_SUBSIDY, ApplicationKind.CARE_SUBSIDY


@pytest.fixture
def subsidies(geo, standards):
    return subsidy_standards(geo["county"])


@pytest.fixture
def disabled_household(village_a, standards, subsidies):
    """A 低保-poor household whose second member holds a grade-2 physical certificate."""
    household = make_household(village_a, ["300", "0"], names=["王父", "王残"])
    person = household.members.exclude(relationship="head").get().person
    certify(person, category="4", grade=2)
    return household, person


def test_living_subsidy_needs_a_dibao_household(disabled_household, caseworker_a, reviewer_a, county_staff):
    household, person = disabled_household
    app = submit(caseworker_a, household, kind=LIVING, target=person)
    services.application_accept(actor=caseworker_a, application=app)
    with pytest.raises(TransitionRefused, match="低保家庭"):
        services.application_initial_review(actor=reviewer_a, application=app, opinion="核实", recommends=True)
    # Once the household is in 低保 (paid from next month), the person qualifies from that month.
    enrol(household, caseworker_a, reviewer_a, county_staff)
    result = assess_subsidy(
        programme=Programme.LIVING_SUBSIDY,
        person=person,
        urban_rural="rural",
        county_code=household.county_code,
        on=next_month(),
    )
    assert result.eligible and result.amount == Decimal("70.00")


def test_care_subsidy_from_application_to_the_roll(
    disabled_household, caseworker_a, reviewer_a, county_staff, township_a
):
    household, person = disabled_household
    app = submit(caseworker_a, household, kind=CARE, target=person)
    assert app.certificate.grade == 2
    walk_subsidy_to_review(app, caseworker_a, reviewer_a)
    app.refresh_from_db()
    assert app.status == "reviewed" and app.amount == Decimal("60.00")  # grade 2
    # The township cannot approve: 县民政局审批.
    with pytest.raises(TransitionRefused, match="县民政局"):
        services.application_approve(actor=reviewer_a, application=app)
    services.application_approve(actor=county_staff, application=app)
    enrolment = Enrolment.objects.get(application=app)
    assert enrolment.programme == Programme.CARE_SUBSIDY and enrolment.disability_grade == 2
    assert enrolment.start_month == next_month()
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    line = roll.lines.get(enrolment=enrolment)
    assert line.amount == Decimal("60.00") and line.programme == "dis_care"
    # Nothing for this month: paid from the month after approval.
    this, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=timezone.localdate())
    assert not this.lines.filter(enrolment=enrolment).exists()


def test_submitting_needs_a_valid_certificate(village_a, standards, subsidies, caseworker_a):
    household = make_household(village_a, ["0", "0"])
    person = household.members.exclude(relationship="head").get().person
    with pytest.raises(ValidationError, match="残疾人证"):
        submit(caseworker_a, household, kind=CARE, target=person)
    certify(person, grade=1, valid_until=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="残疾人证"):
        submit(caseworker_a, household, kind=CARE, target=person)


def test_two_disabled_members_apply_separately_but_not_twice(village_a, standards, subsidies, caseworker_a):
    household = make_household(village_a, ["0", "0", "0"])
    first, second = [m.person for m in household.members.exclude(relationship="head").order_by("id")]
    certify(first, grade=1)
    certify(second, grade=2)
    submit(caseworker_a, household, kind=CARE, target=first)
    submit(caseworker_a, household, kind=CARE, target=second)
    with pytest.raises(ValidationError, match="已有"):
        submit(caseworker_a, household, kind=CARE, target=first)


@override_settings(CIVILAFFAIRS={"disability_federation_review": True})
def test_federation_review_comes_between_township_and_county(
    disabled_household, caseworker_a, reviewer_a, county_staff
):
    household, person = disabled_household
    app = submit(caseworker_a, household, kind=CARE, target=person)
    walk_subsidy_to_review(app, caseworker_a, reviewer_a)
    with pytest.raises(TransitionRefused, match="残联"):
        services.application_approve(actor=county_staff, application=app)
    with pytest.raises(TransitionRefused):
        services.application_federation_review(actor=reviewer_a, application=app, opinion="同意")
    services.application_federation_review(actor=county_staff, application=app, opinion="区残联审核：等级属实")
    app.refresh_from_db()
    assert app.status == "federation_reviewed" and app.federation_reviewed_on == timezone.localdate()
    services.application_approve(actor=county_staff, application=app)
    app.refresh_from_db()
    assert app.status == "approved"
    assert [c.action for c in app.status_changes.order_by("id")] == [
        "submit",
        "accept",
        "initial_review",
        "federation_review",
        "approve",
    ]


def test_without_a_federation_step_the_action_is_refused(disabled_household, caseworker_a, reviewer_a, county_staff):
    household, person = disabled_household
    app = submit(caseworker_a, household, kind=CARE, target=person)
    walk_subsidy_to_review(app, caseworker_a, reviewer_a)
    with pytest.raises(TransitionRefused, match="不设"):
        services.application_federation_review(actor=county_staff, application=app, opinion="同意")


def test_subsidy_applications_skip_the_survey_and_notice(disabled_household, caseworker_a):
    household, person = disabled_household
    app = submit(caseworker_a, household, kind=CARE, target=person)
    services.application_accept(actor=caseworker_a, application=app)
    with pytest.raises(TransitionRefused):
        services.application_record_survey(
            actor=caseworker_a,
            application=app,
            staff_1="甲",
            staff_2="乙",
            survey_on=timezone.localdate(),
            findings="x",
            info_check="consistent",
        )


def test_grades_three_and_four_need_the_county_extension(village_a, standards, subsidies):
    household = make_household(village_a, ["0", "0"])
    person = household.members.exclude(relationship="head").get().person
    certify(person, category="6", grade=3)  # mental, grade 3
    today = timezone.localdate()
    kwargs = {"programme": Programme.CARE_SUBSIDY, "person": person, "urban_rural": "rural", "on": today}
    assert not assess_subsidy(county_code=household.county_code, **kwargs).eligible
    rule = {"disability_care_extension_from": (today - datetime.timedelta(days=1)).isoformat()}
    with override_settings(CIVILAFFAIRS=rule):
        result = assess_subsidy(county_code=household.county_code, **kwargs)
        assert result.eligible and result.amount == Decimal("50.00")
    later = {"disability_care_extension_from": (today + datetime.timedelta(days=1)).isoformat()}
    with override_settings(CIVILAFFAIRS=later):
        assert not assess_subsidy(county_code=household.county_code, **kwargs).eligible


def test_equivalent_care_benefit_and_no_care_need_are_excluded(village_a, standards, subsidies):
    household = make_household(village_a, ["0", "0", "0"])
    first, second = [m.person for m in household.members.exclude(relationship="head").order_by("id")]
    certify(first, grade=1, equivalent_care_benefit=True)
    certify(second, grade=1, needs_long_term_care=False)
    for person, why in ((first, "同类护理待遇"), (second, "长期照护")):
        result = assess_subsidy(
            programme=Programme.CARE_SUBSIDY,
            person=person,
            urban_rural="rural",
            county_code=household.county_code,
            on=timezone.localdate(),
        )
        assert not result.eligible and why in result.text


def test_low_income_households_count_only_from_the_county_rule_date(village_a, standards, subsidies, caseworker_a):
    household = make_household(village_a, ["900", "0"])
    person = household.members.exclude(relationship="head").get().person
    certify(person, grade=4, category="4")
    today = timezone.localdate()
    services.low_income_recognise(
        actor=caseworker_a,
        household=household,
        category=LowIncomeCategory.LOW_INCOME,
        recognised_on=today - datetime.timedelta(days=30),
        source="proactive",
    )
    kwargs = {"programme": Programme.LIVING_SUBSIDY, "person": person, "urban_rural": "rural", "on": today}
    assert not assess_subsidy(county_code=household.county_code, **kwargs).eligible
    rule = {"disability_living_groups": {"dibao": "2016-01-01", "low_income": "2020-01-01"}}
    with override_settings(CIVILAFFAIRS=rule):
        assert assess_subsidy(county_code=household.county_code, **kwargs).eligible


def test_multi_disabled_and_elderly_carer_households(village_a, standards, subsidies):
    from tests.assistance.factories import add_member

    today = timezone.localdate()
    rule = {"disability_living_groups": {"multi_disabled": "2020-01-01", "elderly_carers": "2020-01-01"}}
    # 一户多残: two certificate holders.
    two = make_household(village_a, ["2000"])
    a = add_member(two, birth=datetime.date(1990, 1, 1), name="多残甲")
    b = add_member(two, birth=datetime.date(1992, 1, 1), name="多残乙")
    certify(a, grade=3)
    # 以老养残: a parent aged 70 and a disabled adult child, no one else of working age.
    old = make_household(village_a, ["1500"])
    from assistance.models import HouseholdMember

    head = old.head
    HouseholdMember.objects.filter(person=head).update(monthly_income=Decimal("1500"))
    type(head).objects.filter(pk=head.pk).update(birth_date=datetime.date(1950, 1, 1))
    child = add_member(old, birth=datetime.date(1985, 6, 1), name="以老养残")
    certify(child, grade=2)
    kwargs = {"programme": Programme.LIVING_SUBSIDY, "urban_rural": "rural", "county_code": "990101", "on": today}
    with override_settings(CIVILAFFAIRS=rule):
        assert not assess_subsidy(person=a, **kwargs).eligible  # only one holder so far
        certify(b, grade=4)
        assert assess_subsidy(person=a, **kwargs).eligible
        assert assess_subsidy(person=child, **kwargs).eligible
        add_member(old, birth=datetime.date(1995, 1, 1), name="劳动力")  # now someone of working age lives there
        assert not assess_subsidy(person=child, **kwargs).eligible


def test_living_subsidy_ends_when_the_household_leaves_dibao(
    disabled_household, caseworker_a, reviewer_a, county_staff
):
    household, person = disabled_household
    dibao = enrol(household, caseworker_a, reviewer_a, county_staff)
    living = grant_subsidy(household, person, LIVING, caseworker_a, reviewer_a, county_staff)
    care = grant_subsidy(household, person, CARE, caseworker_a, reviewer_a, county_staff)
    services.enrolment_end(actor=caseworker_a, enrolment=dibao, last_month=next_month(), reason=EndReason.MOVED_AWAY)
    living.refresh_from_db()
    care.refresh_from_db()
    assert living.status == EnrolmentStatus.ENDED and living.end_reason == EndReason.LEFT_DIBAO
    assert living.end_month == next_month()
    assert care.status == EnrolmentStatus.ACTIVE  # the care subsidy does not depend on 低保


def test_death_ends_the_subsidy_after_that_month(disabled_household, caseworker_a, reviewer_a, county_staff):
    household, person = disabled_household
    care = grant_subsidy(household, person, CARE, caseworker_a, reviewer_a, county_staff)
    died = timezone.localdate()
    services.enrolment_record_death(actor=caseworker_a, person=person, died_on=died)
    care.refresh_from_db()
    assert care.status == EnrolmentStatus.ENDED and care.end_reason == EndReason.DEATH


def test_daily_task_ends_subsidies_whose_certificate_lapses(disabled_household, caseworker_a, reviewer_a, county_staff):
    household, person = disabled_household
    care = shift_start(grant_subsidy(household, person, CARE, caseworker_a, reviewer_a, county_staff), 2)
    assert services.subsidies_end_lapsed() == 0
    certificate = person.disability_certificates.get()
    certificate.valid_until = add_months(timezone.localdate(), 1) - datetime.timedelta(days=1)
    certificate.save()
    assert services.subsidies_end_lapsed() == 1
    care.refresh_from_db()
    assert care.status == EnrolmentStatus.ENDED and care.end_reason == EndReason.CERTIFICATE_INVALID
    assert care.end_month == timezone.localdate().replace(day=1)
    assert services.subsidies_end_lapsed() == 0


def test_new_care_standard_rerates_only_its_grade_band(geo, disabled_household, caseworker_a, reviewer_a, county_staff):
    household, person = disabled_household
    care = grant_subsidy(household, person, CARE, caseworker_a, reviewer_a, county_staff)
    month = add_months(timezone.localdate(), 2)
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=month,
        items=[services.StandardItem("dis_care_1", "", Decimal("100"))],
    )
    assert care.amount_in(month) == Decimal("60.00")  # grade 2: not this band
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=month,
        items=[services.StandardItem("dis_care_2", "", Decimal("75"))],
    )
    assert care.amount_in(month) == Decimal("75.00")
    assert care.amount_in(next_month()) == Decimal("60.00")


def test_certificate_replaced_by_a_newer_grade(village_a, caseworker_a, county_staff):
    household = make_household(village_a, ["0"])
    person = household.head
    first, created = services.certificate_register(
        actor=county_staff,
        person=person,
        number=f"{person.id_number}42",
        category="4",
        grade=2,
        issued_on=datetime.date(2019, 1, 1),
    )
    assert created
    second, created = services.certificate_register(
        actor=county_staff,
        person=person,
        number=f"{person.id_number}41",
        category="4",
        grade=1,
        issued_on=datetime.date(2023, 5, 1),
    )
    first.refresh_from_db()
    assert created and first.cancelled_on == datetime.date(2023, 5, 1) and second.cancelled_on is None
    # The same number again updates, it does not duplicate.
    again, created = services.certificate_register(
        actor=county_staff,
        person=person,
        number=f"{person.id_number}41",
        category="4",
        grade=1,
        issued_on=datetime.date(2023, 5, 1),
        valid_until=datetime.date(2033, 5, 1),
    )
    assert not created and again.pk == second.pk and again.valid_until == datetime.date(2033, 5, 1)
    with pytest.raises(ValidationError, match="后"):
        services.certificate_register(
            actor=county_staff,
            person=person,
            number=f"{person.id_number}43",
            category="4",
            grade=3,
            issued_on=datetime.date(2020, 1, 1),
        )
    with pytest.raises(ValidationError, match="等级"):
        services.certificate_register(
            actor=county_staff,
            person=person,
            number=f"{person.id_number}44",
            category="4",
            grade=3,
            issued_on=datetime.date(2024, 1, 1),
        )


def test_recheck_follows_a_new_grade_and_a_cancelled_certificate(
    disabled_household, caseworker_a, reviewer_a, county_staff
):
    household, person = disabled_household
    care = grant_subsidy(household, person, CARE, caseworker_a, reviewer_a, county_staff)
    services.certificate_register(
        actor=county_staff,
        person=person,
        number=f"{person.id_number}41",
        category="4",
        grade=1,
        issued_on=timezone.localdate(),
    )
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=care)
    care.refresh_from_db()
    assert recheck.outcome == "change" and recheck.new_amount == Decimal("90.00") and care.disability_grade == 1
    assert care.amount_in(next_month()) == Decimal("90.00")
    person.disability_certificates.filter(cancelled_on__isnull=True).update(cancelled_on=timezone.localdate())
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=care)
    care.refresh_from_db()
    assert recheck.outcome == "exit" and care.end_reason == EndReason.CERTIFICATE_INVALID
