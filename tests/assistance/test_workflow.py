"""The statutory 低保 / 特困 workflow through the services the pages and the API call."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assistance import services
from assistance.choices import ApplicationKind, ApplicationStatus, ObligorRelationship, Programme, RollStatus
from assistance.models import Application, ApplicationStatusChange, Enrolment
from assistance.workflow import TransitionRefused, available_actions
from tests.assistance.factories import (
    add_member,
    backdate,
    make_household,
    next_month,
    submit,
    walk_to_confirmation,
    walk_to_review,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_dibao_application_walks_from_submission_to_first_payment_roll(
    poor_household, caseworker_a, reviewer_a, county_staff
):
    app = submit(caseworker_a, poor_household)
    assert app.status == S.SUBMITTED and app.stage_due_on is not None
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    app.refresh_from_db()
    assert app.status == S.AWAITING_CONFIRMATION
    # 900 yuan for 3 members = 300 per person against the rural standard of 496.
    assert app.per_capita_income == Decimal("300.00")

    services.application_approve(actor=county_staff, application=app, opinion="同意纳入农村低保")
    app.refresh_from_db()
    assert app.status == S.APPROVED
    assert app.amount == Decimal("588.00")  # (496 − 300) × 3
    enrolment = Enrolment.objects.get(application=app)
    assert enrolment.programme == Programme.DIBAO
    assert enrolment.start_month == next_month()  # paid from the month after approval
    assert enrolment.members.filter(active=True).count() == 3

    # Nothing is paid for the month of approval; the first roll is next month's.
    this_month, _ = services.payment_roll_generate(
        actor=caseworker_a, township=poor_household.village.parent, month=timezone.localdate()
    )
    assert this_month.lines.count() == 0
    roll, created = services.payment_roll_generate(
        actor=caseworker_a, township=poor_household.village.parent, month=next_month()
    )
    assert created and roll.line_count == 1 and roll.total_amount == Decimal("588.00")
    line = roll.lines.get()
    assert (line.payee_name, line.members_count, line.amount) == ("张大山", 3, Decimal("588.00"))
    assert line.bank_account == poor_household.bank_account

    services.payment_roll_review(actor=reviewer_a, roll=roll)
    services.payment_roll_lock(actor=reviewer_a, roll=roll)
    roll.refresh_from_db()
    app.refresh_from_db()
    assert roll.status == RollStatus.LOCKED
    assert app.status == S.PAID
    actions = list(app.status_changes.values_list("action", flat=True))
    assert actions == ["submit", "accept", "record_survey", "review", "start_notice", "close_notice", "approve", "pay"]
    assert app.status_changes.get(action="approve").actor == county_staff


def test_every_transition_is_recorded_with_actor_time_and_opinion(poor_household, caseworker_a, reviewer_a):
    app = submit(caseworker_a, poor_household)
    walk_to_review(app, caseworker_a, reviewer_a)
    change = ApplicationStatusChange.objects.get(application=app, action="review")
    assert (change.from_status, change.to_status, change.actor) == (S.SURVEYED, S.REVIEWED, reviewer_a)
    assert change.opinion == "经审核，符合条件" and change.at is not None


def test_status_changes_are_insert_only(poor_household, caseworker_a):
    app = submit(caseworker_a, poor_household)
    change = app.status_changes.get()
    change.opinion = "改写"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()


def test_upheld_objection_during_notice_sends_the_case_back_to_survey(
    poor_household, caseworker_a, reviewer_a, county_staff
):
    app = submit(caseworker_a, poor_household)
    walk_to_review(app, caseworker_a, reviewer_a)
    today = timezone.localdate()
    backdate(app, reviewed_on=today - datetime.timedelta(days=3))
    services.application_start_notice(
        actor=caseworker_a, application=app, start=today - datetime.timedelta(days=2), place="村务公开栏"
    )
    objection = services.application_record_objection(
        actor=caseworker_a, application=app, raised_on=today, raised_by="村民王某", content="其子在外务工收入未申报"
    )
    app.refresh_from_db()
    assert app.status == S.IN_NOTICE
    # The notice cannot close while the objection is being checked.
    with pytest.raises(TransitionRefused, match="异议"):
        services.application_close_notice(actor=caseworker_a, application=app)

    services.application_decide_objection(
        actor=caseworker_a, application=app, objection=objection, upheld=True, note="经核实，张小河在外务工月收入2000元"
    )
    app.refresh_from_db()
    objection.refresh_from_db()
    assert app.status == S.ACCEPTED  # back to the household survey
    assert objection.outcome == "upheld"
    assert app.notice_start is None and app.notice_end is None
    assert app.status_changes.filter(action="decide_objection", to_status=S.ACCEPTED).exists()
    # The re-survey records the new income; the case is then not eligible and cannot be recommended.
    poor_household.members.filter(person__name="张小河").update(monthly_income=Decimal("2000"))
    services.application_record_survey(
        actor=caseworker_a,
        application=app,
        staff_1="王调查",
        staff_2="李核实",
        survey_on=today,
        findings="复核务工收入",
        info_check="discrepancy",
    )
    with pytest.raises(TransitionRefused, match=r"866\.67"):
        services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    services.application_review(actor=reviewer_a, application=app, opinion="收入超标，建议不予批准", recommends=False)
    services.application_reject(actor=county_staff, application=app, reason="家庭月人均收入866.67元，高于低保标准496元")
    app.refresh_from_db()
    assert app.status == S.REJECTED and "866.67" in app.decision_reason


def test_dismissed_objection_keeps_the_notice_running(poor_household, caseworker_a, reviewer_a):
    app = submit(caseworker_a, poor_household)
    walk_to_review(app, caseworker_a, reviewer_a)
    today = timezone.localdate()
    services.application_start_notice(actor=caseworker_a, application=app, start=today, place="村务公开栏")
    objection = services.application_record_objection(
        actor=caseworker_a, application=app, raised_on=today, raised_by="", content="怀疑有车"
    )
    services.application_decide_objection(
        actor=caseworker_a, application=app, objection=objection, upheld=False, note="车辆登记信息核对无车"
    )
    app.refresh_from_db()
    assert app.status == S.IN_NOTICE
    assert app.notice_end == today + datetime.timedelta(days=6)  # 7 days including the first
    with pytest.raises(TransitionRefused, match="公示期至"):
        services.application_close_notice(actor=caseworker_a, application=app)


def test_tekun_application_for_a_17_year_old_is_approved(village_a, standards, caseworker_a, reviewer_a, county_staff):
    household = make_household(village_a, ["0"], names=["祖母"])
    today = timezone.localdate()
    minor = add_member(
        household,
        birth=today.replace(year=today.year - 17) - datetime.timedelta(days=30),
        name="孤儿甲",
        labour_capacity="none",
    )
    app = submit(
        caseworker_a,
        household,
        ApplicationKind.TEKUN,
        target=minor,
        obligors=[
            {
                "name": "父亲某",
                "relationship": ObligorRelationship.PARENT,
                "able_to_support": False,
                "assessment": "服刑在押，无赡养能力",
            }
        ],
    )
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    services.application_approve(actor=county_staff, application=app)
    app.refresh_from_db()
    assert app.status == S.APPROVED and app.eligible
    assert "未满18" in app.assessment_notes or "17" in app.assessment_notes
    assert app.amount == Decimal("806.00")
    enrolment = app.enrolment
    assert enrolment.programme == Programme.TEKUN
    assert list(enrolment.members.values_list("person__name", flat=True)) == ["孤儿甲"]
    assert enrolment.payee == minor


def test_tekun_application_with_an_able_obligor_is_refused_with_the_reason(
    village_a, standards, caseworker_a, reviewer_a, county_staff
):
    household = make_household(village_a, ["0"], names=["老人甲"], extra={0: {"labour_capacity": "none"}})
    Person = household.head.__class__
    old = household.head
    Person.objects.filter(pk=old.pk).update(birth_date=datetime.date(1945, 3, 1))
    app = submit(
        caseworker_a,
        household,
        ApplicationKind.TEKUN,
        target=old,
        obligors=[
            {
                "name": "儿子乙",
                "relationship": ObligorRelationship.CHILD,
                "able_to_support": True,
                "assessment": "在县城经营商铺，月收入约6000元",
            }
        ],
    )
    services.application_accept(actor=caseworker_a, application=app)
    services.application_record_survey(
        actor=caseworker_a,
        application=app,
        staff_1="王调查",
        staff_2="李核实",
        survey_on=timezone.localdate(),
        findings="独居",
        info_check="consistent",
    )
    app.refresh_from_db()
    assert app.eligible is False
    assert "儿子乙" in app.assessment_notes
    with pytest.raises(TransitionRefused, match="儿子乙"):
        services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    services.application_review(actor=reviewer_a, application=app, opinion="有法定义务人具备赡养能力", recommends=False)
    app.refresh_from_db()
    # A case the township does not recommend goes to the decision without a notice; only a rejection is offered.
    assert [t.action for t in available_actions(county_staff, app) if t.action in ("approve", "reject")] == ["reject"]
    services.application_reject(
        actor=county_staff, application=app, reason="法定赡养义务人儿子乙具有赡养能力，不符合特困人员认定条件"
    )
    app.refresh_from_db()
    assert app.status == S.REJECTED
    assert "儿子乙" in app.decision_reason
    assert not Enrolment.objects.filter(household=household).exists()


def test_survey_needs_two_different_named_staff(poor_household, caseworker_a):
    app = submit(caseworker_a, poor_household)
    services.application_accept(actor=caseworker_a, application=app)
    with pytest.raises(ValidationError) as error:
        services.application_record_survey(
            actor=caseworker_a,
            application=app,
            staff_1="王调查",
            staff_2="王调查",
            survey_on=timezone.localdate(),
            findings="x",
            info_check="consistent",
        )
    assert "两名" in str(error.value) or "不同" in str(error.value)
    app.refresh_from_db()
    assert app.status == S.ACCEPTED


def test_reject_needs_a_written_reason(poor_household, caseworker_a, reviewer_a, county_staff):
    app = submit(caseworker_a, poor_household)
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    with pytest.raises(ValidationError):
        services.application_reject(actor=county_staff, application=app, reason="  ")
    assert Application.objects.get(pk=app.pk).status == S.AWAITING_CONFIRMATION


def test_withdrawal_and_termination_only_while_open(poor_household, caseworker_a, reviewer_a, county_staff):
    app = submit(caseworker_a, poor_household)
    services.application_withdraw(actor=caseworker_a, application=app, reason="申请人书面申请撤回")
    app.refresh_from_db()
    assert app.status == S.WITHDRAWN and app.stage_due_on is None
    with pytest.raises(TransitionRefused):
        services.application_terminate(actor=caseworker_a, application=app, reason="x")


def test_deadlines_run_in_working_days_and_extend_once(poor_household, caseworker_a, reviewer_a):
    from civilaffairs.workdays import add_workdays

    app = submit(caseworker_a, poor_household)
    services.application_accept(actor=caseworker_a, application=app)
    app.refresh_from_db()
    assert app.decision_due_on == add_workdays(app.accepted_on, 30)
    assert app.stage_due_on == add_workdays(app.accepted_on, 10)
    services.application_extend_deadline(actor=reviewer_a, application=app, reason="需跨省核对存款信息")
    app.refresh_from_db()
    assert app.decision_due_on == add_workdays(app.accepted_on, 45) and app.decision_extended
    with pytest.raises(TransitionRefused, match="延长"):
        services.application_extend_deadline(actor=reviewer_a, application=app, reason="再次")
