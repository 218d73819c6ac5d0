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
    post_and_close_notice,
    submit,
    walk_to_confirmation,
    walk_to_review,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def surveyed(app, caseworker, findings="入户核实"):
    """受理 and 家庭经济状况调查 by two named staff today."""
    services.application_accept(actor=caseworker, application=app)
    return services.application_record_survey(
        actor=caseworker,
        application=app,
        staff_1="王调查",
        staff_2="李核实",
        survey_on=timezone.localdate(),
        findings=findings,
        info_check="consistent",
    )


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
    assert "17周岁，未满18周岁。" in app.assessment_notes.splitlines()
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
    surveyed(app, caseworker_a, findings="独居")
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


# --- 特困 minors: under 18, not 18 ------------------------------------------------------------------------------


def years_ago(years: int, today: datetime.date | None = None) -> datetime.date:
    """The date ``years`` years before today (28 February for a 29 February birthday that year lacks)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def orphan_household(village, birth):
    household = make_household(village, ["0"], names=["祖母"])
    person = add_member(household, birth=birth, name="孤儿乙", labour_capacity="none")
    return household, person


def test_tekun_applicant_aged_exactly_18_is_refused_on_the_minor_ground(village_a, standards, caseworker_a, reviewer_a):
    """Born 18 years ago today: no longer under 18, and no other ground (not aged, not severely disabled)."""
    from assistance.eligibility import assess

    household, person = orphan_household(village_a, years_ago(18))
    reason = "孤儿乙（18周岁）既非60周岁以上老年人，也非未满18周岁的未成年人或重度残疾人。"
    app = submit(caseworker_a, household, ApplicationKind.TEKUN, target=person)
    assert assess(app, timezone.localdate()).reasons == [reason]
    surveyed(app, caseworker_a, findings="父母双亡，随祖母生活")
    app.refresh_from_db()
    assert app.eligible is False and app.amount is None
    assert app.assessment_notes.splitlines()[0] == reason
    with pytest.raises(TransitionRefused) as refused:
        services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    assert str(refused.value).endswith(reason)
    assert Application.objects.get(pk=app.pk).status == S.SURVEYED


def test_tekun_applicant_aged_17_is_accepted_on_the_minor_ground(
    village_a, standards, caseworker_a, reviewer_a, county_staff
):
    household, person = orphan_household(village_a, years_ago(17))
    app = submit(caseworker_a, household, ApplicationKind.TEKUN, target=person)
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    services.application_approve(actor=county_staff, application=app)
    app.refresh_from_db()
    assert app.status == S.APPROVED and app.eligible
    assert app.assessment_notes.splitlines() == ["17周岁，未满18周岁。", "基本生活标准806.00元/月。"]
    assert app.amount == Decimal("806.00")


# --- 低保 and 特困 exclude each other ----------------------------------------------------------------------------


def test_tekun_application_for_a_dibao_member_is_refused_naming_the_dibao_case(
    poor_household, caseworker_a, reviewer_a, county_staff
):
    from tests.assistance.factories import enrol

    dibao = enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    member = poor_household.members.get(person__name="张小溪").person
    with pytest.raises(ValidationError) as refused:
        submit(caseworker_a, poor_household, ApplicationKind.TEKUN, target=member)
    assert refused.value.messages == [
        f"张小溪已享受最低生活保障（低保）（编号{dibao.number}，甲镇甲1村），不能重复纳入。"
    ]
    assert not Application.objects.filter(kind=ApplicationKind.TEKUN).exists()


def tekun_enrolment(village, caseworker, reviewer, approver, *, incomes=("0",), names=("老人丙",)):
    """A household whose head, aged 80 and unable to work, is enrolled in 特困; the others earn ``incomes[1:]``."""
    from tests.assistance.factories import enrol

    household = make_household(village, list(incomes), names=list(names), extra={0: {"labour_capacity": "none"}})
    Person = household.head.__class__
    Person.objects.filter(pk=household.head_id).update(birth_date=datetime.date(1944, 5, 1))
    household.head.refresh_from_db()
    return enrol(household, caseworker, reviewer, approver, kind=ApplicationKind.TEKUN, target=household.head)


def test_dibao_for_a_tekun_person_is_refused_naming_the_tekun_case(
    village_a, standards, caseworker_a, reviewer_a, county_staff, settings
):
    tekun = tekun_enrolment(
        village_a, caseworker_a, reviewer_a, county_staff, incomes=("0", "300"), names=("老人丙", "儿子丙")
    )
    household = tekun.household
    expected = f"老人丙已享受特困人员救助供养（编号{tekun.number}，甲镇甲1村），不能重复纳入。"
    # 单人保 for the 特困 person himself: refused wherever the county stands on households.
    with pytest.raises(ValidationError) as refused:
        submit(caseworker_a, household, target=household.head, single_person=True)
    assert refused.value.messages == [expected]
    # Where the county does not leave 特困 members out of the 低保 household, the household is refused.
    settings.CIVILAFFAIRS = {"counties": {"990101": {"dibao_excludes_tekun_members": False}}}
    with pytest.raises(ValidationError) as refused:
        submit(caseworker_a, household)
    assert refused.value.messages == [expected]
    assert not Application.objects.filter(kind=ApplicationKind.DIBAO).exists()


# --- Branches of the workflow ------------------------------------------------------------------------------------


def test_democratic_appraisal_is_required_before_the_opinion_where_the_county_uses_it(
    poor_household, caseworker_a, reviewer_a, settings
):
    from civilaffairs.workdays import add_workdays

    settings.CIVILAFFAIRS = {"counties": {"990101": {"appraisal_required": True}}}
    app = surveyed(submit(caseworker_a, poor_household), caseworker_a)
    app.refresh_from_db()
    assert app.stage_due_on == add_workdays(timezone.localdate(), 5)  # appraisal_workdays
    with pytest.raises(TransitionRefused, match=r"^本县要求先进行民主评议，再出具审核意见。$"):
        services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    assert "review" not in [t.action for t in available_actions(reviewer_a, app)]
    assert "record_appraisal" in [t.action for t in available_actions(caseworker_a, app)]
    services.application_record_appraisal(
        actor=caseworker_a, application=app, appraisal_on=timezone.localdate(), result="到会23人，同意21人"
    )
    app.refresh_from_db()
    assert (app.status, app.appraisal_result) == (S.APPRAISED, "到会23人，同意21人")
    change = app.status_changes.get(action="record_appraisal")
    assert (change.from_status, change.to_status, change.actor, change.opinion) == (
        S.SURVEYED,
        S.APPRAISED,
        caseworker_a,
        "到会23人，同意21人",
    )
    services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    assert Application.objects.get(pk=app.pk).status == S.REVIEWED


def test_appraisal_is_optional_where_the_county_does_not_require_it(poor_household, caseworker_a, reviewer_a):
    app = surveyed(submit(caseworker_a, poor_household), caseworker_a)
    services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    assert Application.objects.get(pk=app.pk).status == S.REVIEWED


def test_refusal_to_accept_records_the_written_reason(poor_household, caseworker_a):
    app = submit(caseworker_a, poor_household)
    with pytest.raises(ValidationError):
        services.application_refuse_acceptance(actor=caseworker_a, application=app, reason="  ")
    assert Application.objects.get(pk=app.pk).status == S.SUBMITTED
    services.application_refuse_acceptance(actor=caseworker_a, application=app, reason="户籍不在本镇，告知向户籍地申请")
    app.refresh_from_db()
    assert app.status == S.NOT_ACCEPTED and app.stage_due_on is None
    assert (app.decision_reason, app.decided_by, app.decision_on) == (
        "户籍不在本镇，告知向户籍地申请",
        caseworker_a,
        timezone.localdate(),
    )
    assert app.status_changes.get(action="refuse_acceptance").opinion == "户籍不在本镇，告知向户籍地申请"
    # The household may apply again: a refused application is not an open one.
    assert submit(caseworker_a, poor_household).status == S.SUBMITTED


def test_termination_during_the_examination_ends_the_case(poor_household, caseworker_a):
    app = surveyed(submit(caseworker_a, poor_household), caseworker_a)
    services.application_terminate(actor=caseworker_a, application=app, reason="申请人拒绝配合信息核对")
    app.refresh_from_db()
    assert (app.status, app.decision_reason, app.stage_due_on) == (S.TERMINATED, "申请人拒绝配合信息核对", None)
    assert app.status_changes.get(action="terminate").from_status == S.SURVEYED


def test_termination_before_acceptance_is_refused(poor_household, caseworker_a):
    app = submit(caseworker_a, poor_household)
    with pytest.raises(TransitionRefused) as refused:
        services.application_terminate(actor=caseworker_a, application=app, reason="拒绝入户")
    assert str(refused.value) == "该申请当前为“已申请”，不能“终止审核确认”。"
    assert Application.objects.get(pk=app.pk).status == S.SUBMITTED


def test_withdrawal_during_the_notice_is_recorded(poor_household, caseworker_a, reviewer_a):
    app = submit(caseworker_a, poor_household)
    walk_to_review(app, caseworker_a, reviewer_a)
    services.application_start_notice(actor=caseworker_a, application=app, start=timezone.localdate(), place="公开栏")
    services.application_withdraw(actor=caseworker_a, application=app, reason="申请人外出务工，书面撤回")
    app.refresh_from_db()
    assert (app.status, app.decision_reason) == (S.WITHDRAWN, "申请人外出务工，书面撤回")
    assert app.status_changes.get(action="withdraw").from_status == S.IN_NOTICE


def test_withdrawal_after_approval_is_refused_with_who_decided(poor_household, caseworker_a, reviewer_a, county_staff):
    app = submit(caseworker_a, poor_household)
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    services.application_approve(actor=county_staff, application=app)
    with pytest.raises(TransitionRefused) as refused:
        services.application_withdraw(actor=caseworker_a, application=app, reason="不想要了")
    assert str(refused.value).startswith("该申请已于") and str(refused.value).endswith(
        f"由{county_staff}办理为“已批准”，不能再“登记撤回申请”。"
    )
    app.refresh_from_db()
    assert app.status == S.APPROVED and app.enrolment.status == "active"


def test_a_county_time_limit_changes_the_deadline_shown(client_for, poor_household, caseworker_a, settings):
    from django.urls import reverse

    from civilaffairs.workdays import add_workdays

    received = timezone.localdate()
    default = submit(caseworker_a, poor_household)
    assert default.stage_due_on == add_workdays(received, 3)
    services.application_withdraw(actor=caseworker_a, application=default, reason="重新申请")
    settings.CIVILAFFAIRS = {"counties": {"990101": {"accept_workdays": 7}}}
    app = submit(caseworker_a, poor_household)
    due = add_workdays(received, 7)
    assert app.stage_due_on == due != add_workdays(received, 3)
    html = client_for(caseworker_a).get(reverse("assistance:application_detail", args=[app.pk])).content.decode()
    assert f"本环节期限 {due.year}年{due.month}月{due.day}日" in html


# --- 特困 care standards: none in force blocks the approval -----------------------------------------------------------


def aged_household(village):
    household = make_household(village, ["0"], names=["老人丁"], extra={0: {"labour_capacity": "none"}})
    type(household.head).objects.filter(pk=household.head_id).update(birth_date=datetime.date(1944, 5, 1))
    household.head.refresh_from_db()
    return household


def test_a_care_tier_without_a_care_standard_blocks_approval_until_county_staff_enter_it(
    village_a, standards, caseworker_a, reviewer_a, county_staff, geo
):
    from assistance.choices import StandardKind
    from tests.assistance.factories import set_standard

    household = aged_household(village_a)
    app = submit(caseworker_a, household, ApplicationKind.TEKUN, target=household.head, care_tier="dependent")
    app = surveyed(app, caseworker_a)
    app.refresh_from_db()
    today = timezone.localdate()
    message = (
        f"本县{today.year}年{today.month}月{today.day}日没有施行中的“完全失能”档照料护理标准，无法计算救助金额；"
        "请县民政局先录入照料护理标准，再予审批。"
    )
    # Not silently the basic-living standard alone: no amount, and the reason says what staff must do.
    assert app.eligible is False and app.amount is None
    assert app.assessment_notes.splitlines()[0] == message
    with pytest.raises(TransitionRefused) as refused:
        services.application_review(actor=reviewer_a, application=app, opinion="同意", recommends=True)
    assert str(refused.value).endswith(message)
    set_standard(geo["county"], StandardKind.TEKUN_CARE, "600", care_tier="dependent")
    services.application_review(actor=reviewer_a, application=app, opinion="符合条件", recommends=True)
    post_and_close_notice(app, caseworker_a)
    services.application_approve(actor=county_staff, application=app)
    app.refresh_from_db()
    assert app.status == S.APPROVED and app.amount == Decimal("1406.00")  # 806 + 600


def test_a_recheck_without_a_care_standard_waits_instead_of_ending_the_enrolment(
    village_a, standards, caseworker_a, reviewer_a, county_staff, geo
):
    from assistance.choices import StandardKind
    from assistance.models import Enrolment
    from tests.assistance.factories import enrol, set_standard

    set_standard(geo["county"], StandardKind.TEKUN_CARE, "300", care_tier="partial")
    household = aged_household(village_a)
    enrolment = enrol(
        household,
        caseworker_a,
        reviewer_a,
        county_staff,
        kind=ApplicationKind.TEKUN,
        target=household.head,
        care_tier="partial",
    )
    assert enrolment.amount_in(next_month()) == Decimal("1106.00")  # 806 + 300
    # The person's self-care ability was re-assessed as fully dependent; the county has no figure for that tier.
    Enrolment.objects.filter(pk=enrolment.pk).update(care_tier="dependent")
    with pytest.raises(TransitionRefused, match=r"^暂不能作出复核结论：本县.*“完全失能”档照料护理标准"):
        services.enrolment_recheck(actor=caseworker_a, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "active" and not enrolment.rechecks.exists()
    assert enrolment.amount_in(next_month()) == Decimal("1106.00")
