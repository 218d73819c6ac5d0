"""Demo records for 奉节县: enrolled households, applications in every state, re-checks, payment rolls.

The bulk of enrolled households is written in bulk (``assistance.synthetic``); the applications are walked through
the real services as the demo users, so their timelines are what a caseworker would see. Dates the services set to
today are moved into the past where a state needs it (a notice that is over, an approval two months ago); such
moves are demo-only. ``--scale`` grows the households per township and the number of townships (3 more per unit
of scale, up to all 33); ``--scale 60`` gives about 40 000 低保 households and 12 000 特困 persons, as in a real
county (DESIGN §7).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from civilaffairs.demo import DEMO_COUNTY, DEMO_OTHER_TOWNSHIP, DEMO_TOWNSHIP, DemoContext, register_seeder

DEMO_USERS = {
    DEMO_TOWNSHIP: ("yongan", "yongan_review"),
    DEMO_OTHER_TOWNSHIP: ("caotang", "caotang_review"),
}


def _townships(ctx: DemoContext):
    from civilaffairs.models import Region

    demo = list(Region.objects.filter(code__in=[DEMO_TOWNSHIP, DEMO_OTHER_TOWNSHIP]).order_by("code"))
    extra = 0 if ctx.scale <= 1 else min(31, int(ctx.scale * 3))
    others = list(
        Region.objects.townships()
        .filter(parent_id=DEMO_COUNTY, is_placeholder=False)
        .exclude(code__in=[DEMO_TOWNSHIP, DEMO_OTHER_TOWNSHIP])
        .order_by("code")[:extra]
    )
    return demo + others


def _villages(township):
    return list(township.children.filter(is_placeholder=False, abolished_on__isnull=True).order_by("code"))


class Walker:
    """Creates small households and walks applications through the services as the township's users."""

    def __init__(self, ctx: DemoContext, township, ids):
        from civilaffairs.models import User

        self.ctx, self.township, self.ids = ctx, township, ids
        caseworker, reviewer = DEMO_USERS[township.code]
        self.cw = User.objects.get(username=caseworker)
        self.rv = User.objects.get(username=reviewer)
        self.staff = User.objects.get(username="staff")
        self.villages = _villages(township)
        self.today = timezone.localdate()

    def household(self, incomes, *, ages=None, extra=None):
        from assistance import services
        from assistance.choices import Relationship
        from assistance.models import Household

        rng = self.ctx.rng
        village = rng.choice(self.villages)
        rows = []
        for i, income in enumerate(incomes):
            age = ages[i] if ages else (rng.randint(30, 70) if i == 0 else rng.randint(3, 60))
            birth = self.today - datetime.timedelta(days=age * 365 + rng.randint(10, 300))
            rows.append(
                services.MemberInput(
                    id_number=self.ids.make(birth),
                    name=self.ctx.name(),
                    relationship=Relationship.HEAD if i == 0 else rng.choice([Relationship.SPOUSE, Relationship.CHILD]),
                    labour_capacity="full" if 18 <= age < 60 else "none",
                    monthly_income=Decimal(income),
                    **((extra or {}).get(i, {})),
                )
            )
        household = Household(
            village=village,
            address=f"{village.name}{rng.randint(1, 200)}号",
            bank_name="重庆农村商业银行",
            bank_account=f"6228{rng.randint(10**14, 10**15 - 1)}",
        )
        return services.household_save(actor=self.cw, household=household, members=rows)

    def submit(self, household, kind="dibao", days_ago=0, **kwargs):
        from assistance import services

        kwargs.setdefault("applicant", household.head)
        kwargs.setdefault(
            "reason", self.ctx.rng.choice(["因病致贫，家庭收入低", "主要劳动力残疾，无稳定收入", "年老体弱，生活困难"])
        )
        app, _ = services.application_submit(
            actor=self.cw,
            household=household,
            kind=kind,
            received_on=self.today - datetime.timedelta(days=days_ago),
            **kwargs,
        )
        return app

    def backdate(self, app, **fields):
        from assistance.deadlines import refresh_deadlines
        from assistance.models import Application

        Application.objects.filter(pk=app.pk).update(**fields)
        app.refresh_from_db()
        refresh_deadlines(app, app.accepted_on or app.received_on)
        Application.objects.filter(pk=app.pk).update(stage_due_on=app.stage_due_on, decision_due_on=app.decision_due_on)
        return app

    def accept(self, app, days_ago=0):
        from assistance import services

        services.application_accept(actor=self.cw, application=app, opinion="材料齐全，予以受理")
        return self.backdate(app, accepted_on=self.today - datetime.timedelta(days=days_ago))

    def survey(self, app):
        from assistance import services

        services.application_record_survey(
            actor=self.cw,
            application=app,
            staff_1="李娜" if self.township.code == DEMO_TOWNSHIP else "刘洋",
            staff_2="社会救助协理员 " + self.ctx.name(),
            survey_on=self.today,
            findings="入户核实家庭人口、收入、财产情况，与申报基本一致。",
            info_check="consistent",
        )

    def review(self, app, recommends=True):
        from assistance import services

        services.application_review(
            actor=self.rv,
            application=app,
            opinion="经审核，符合条件，同意公示" if recommends else "经审核，不符合条件",
            recommends=recommends,
        )

    def notice(self, app, days_ago=9):
        from assistance import services

        start = self.today - datetime.timedelta(days=days_ago)
        self.backdate(app, reviewed_on=start)
        services.application_start_notice(actor=self.cw, application=app, start=start, place="村（居）务公开栏")

    def to_confirmation(self, app):
        from assistance import services

        self.accept(app, 12)
        self.survey(app)
        self.review(app)
        self.notice(app)
        services.application_close_notice(actor=self.cw, application=app)

    def approve(self, app):
        from assistance import services

        self.to_confirmation(app)
        services.application_approve(actor=self.staff, application=app, opinion="经审核确认，同意纳入")
        app.refresh_from_db()
        return app


def _applications(walker: Walker) -> int:
    """Applications in every state of the workflow."""
    from assistance import services
    from assistance.models import Enrolment, EnrolmentAmount
    from assistance.models.enrolments import add_months

    w, rng = walker, walker.ctx.rng
    count = 0

    def low():
        return [str(rng.randint(0, 300)), "0", str(rng.randint(0, 200))][: rng.randint(1, 3)]

    # 申请, 受理 (one overdue), 调查, 民主评议, 审核意见.
    w.submit(w.household(low()), days_ago=1)
    w.submit(w.household(low()), days_ago=6)  # overdue for acceptance (3 working days)
    w.accept(w.submit(w.household(low()), days_ago=3), 2)
    w.accept(w.submit(w.household(low()), days_ago=25), 20)  # survey overdue
    app = w.submit(w.household(low()), days_ago=8)
    w.accept(app, 7)
    w.survey(app)
    app = w.submit(w.household(low()), days_ago=10)
    w.accept(app, 9)
    w.survey(app)
    services.application_record_appraisal(
        actor=w.cw, application=app, appraisal_on=w.today, result="村民代表会议评议：到会23人，同意21人"
    )
    app = w.submit(w.household(low()), days_ago=10)
    w.accept(app, 9)
    w.survey(app)
    w.review(app)
    count += 7
    # 公示中, with an objection being checked; an upheld objection sent back to the survey.
    app = w.submit(w.household(low()), days_ago=14)
    w.accept(app, 12)
    w.survey(app)
    w.review(app)
    w.notice(app, days_ago=3)
    services.application_record_objection(
        actor=w.cw, application=app, raised_on=w.today, raised_by="村民（匿名）", content="反映其家中有一辆货车"
    )
    app = w.submit(w.household(low()), days_ago=20)
    w.accept(app, 18)
    w.survey(app)
    w.review(app)
    w.notice(app, days_ago=4)
    objection = services.application_record_objection(
        actor=w.cw, application=app, raised_on=w.today, raised_by="村民王某", content="其子在外务工，收入未申报"
    )
    services.application_decide_objection(
        actor=w.cw, application=app, objection=objection, upheld=True, note="经核实，其子在浙江务工月收入约4000元"
    )
    count += 2
    # 待审核确认 (a household, and a 单人保).
    w.to_confirmation(w.submit(w.household(low()), days_ago=15))
    household = w.household(["800", "0"], extra={1: {"health": "serious"}})
    ill = household.members.exclude(relationship="head").first().person
    w.to_confirmation(w.submit(household, target=ill, single_person=True, days_ago=15))
    count += 2
    # 特困: a 17-year-old approved; an old man with an able son refused.
    household = w.household(["0", "0"], ages=[68, 17])
    minor = household.members.exclude(relationship="head").first().person
    w.approve(
        w.submit(
            household,
            kind="tekun",
            target=minor,
            care_tier="self_care",
            support_mode="dispersed",
            obligors=[
                {"name": w.ctx.name(), "relationship": "parent", "able_to_support": False, "assessment": "服刑在押"}
            ],
            days_ago=16,
        )
    )
    old = w.household(["0"], ages=[79])
    app = w.submit(
        old,
        kind="tekun",
        target=old.head,
        obligors=[
            {
                "name": w.ctx.name(),
                "relationship": "child",
                "able_to_support": True,
                "assessment": "在县城经商，月收入约6000元",
            }
        ],
        days_ago=12,
    )
    w.accept(app, 10)
    w.survey(app)
    w.review(app, recommends=False)
    services.application_reject(
        actor=w.staff, application=app, reason="法定赡养义务人（儿子）具有赡养能力，不符合特困人员认定条件"
    )
    count += 2
    # 批准 two months ago (so it is on the past rolls, 已发放 once locked), and approved this month.
    app = w.approve(w.submit(w.household(low()), days_ago=70))
    two_ago = add_months(w.today, -2)
    Enrolment.objects.filter(application=app).update(start_month=two_ago)
    EnrolmentAmount.objects.filter(enrolment__application=app).update(effective_from=two_ago)
    w.backdate(app, decision_on=two_ago - datetime.timedelta(days=5))
    w.approve(w.submit(w.household(low()), days_ago=20))
    count += 2
    # 不予受理, 撤回, 终止.
    services.application_refuse_acceptance(
        actor=w.cw, application=w.submit(w.household(["3000", "2500"])), reason="家庭成员均有稳定工作，明显不符合条件"
    )
    services.application_withdraw(actor=w.cw, application=w.submit(w.household(low())), reason="申请人书面申请撤回")
    app = w.submit(w.household(low()), days_ago=9)
    w.accept(app, 8)
    services.application_terminate(actor=w.cw, application=app, reason="申请人拒绝配合入户调查")
    count += 3
    # 临时救助: within the township's limit (approved by the reviewer), and above it (awaiting the county).
    app = w.submit(w.household(["200"]), kind="temporary", temporary_type="emergency", temporary_months=2, days_ago=3)
    w.accept(app, 2)
    w.survey(app)
    w.review(app)
    services.application_approve(actor=w.rv, application=app, opinion="急难型，乡镇审批")
    app = w.submit(
        w.household(["0", "0", "100"]),
        kind="temporary",
        temporary_type="expenditure",
        temporary_months=3,
        expense_category="medical",
        expense_amount=Decimal("8600"),
    )
    w.accept(app)
    w.survey(app)
    w.review(app)
    count += 2
    return count


def _dynamic_management(walker: Walker) -> str:
    """A few re-checks on the bulk enrolments: one 渐退, one exit, one amount change; one death."""
    from assistance import services
    from assistance.models import Enrolment

    enrolments = list(
        Enrolment.objects.filter(
            household__village__code__startswith=walker.township.prefix,
            programme="dibao",
            status="active",
            application__isnull=True,
        ).order_by("pk")[:4]
    )
    if len(enrolments) < 4:
        return ""
    outcomes = []
    for enrolment, factor in zip(enrolments[:3], (Decimal("1.2"), Decimal("2.0"), Decimal("0.3")), strict=True):
        members = enrolment.household.members.filter(left_on__isnull=True)
        std = enrolment.amounts.order_by("-effective_from").first().standard.monthly_amount
        head = members.order_by("id").first()
        others = members.exclude(pk=head.pk)
        others.update(monthly_income=0)
        head.monthly_income = (std * factor * members.count()).quantize(Decimal("0.01"))
        head.save(update_fields=["monthly_income"])
        outcomes.append(services.enrolment_recheck(actor=walker.cw, enrolment=enrolment).get_outcome_display())
    person = enrolments[3].payee
    services.enrolment_record_death(
        actor=walker.cw, person=person, died_on=walker.today - datetime.timedelta(days=walker.today.day + 3)
    )
    return "、".join(str(o) for o in outcomes)


@register_seeder("assistance", order=50)
def seed_assistance(ctx: DemoContext) -> str:
    from assistance import services
    from assistance.models import AssistanceStandard, Household
    from assistance.models.enrolments import add_months
    from assistance.reference import standards_load
    from assistance.synthetic import IdNumbers, build_enrolled
    from civilaffairs.models import Person, User

    if Household.objects.filter(village__code__startswith=DEMO_COUNTY[:6]).exists():
        return "already seeded"
    if not AssistanceStandard.objects.filter(county_id=DEMO_COUNTY).exists():
        standards_load()
    taken = set(Person.objects.filter(id_number__startswith=DEMO_COUNTY[:6]).values_list("id_number", flat=True))
    ids = IdNumbers(ctx.rng, DEMO_COUNTY[:6], taken)
    today = ctx.today
    townships = _townships(ctx)
    totals = {"dibao": 0, "tekun": 0, "applications": 0, "rolls": 0}
    for township in townships:
        built = build_enrolled(
            rng=ctx.rng,
            villages=_villages(township),
            dibao_households=ctx.count(20),
            tekun_persons=ctx.count(6),
            today=today,
            ids=ids,
        )
        totals["dibao"] += built.dibao
        totals["tekun"] += built.tekun
    notes = []
    for township in townships[:2]:
        walker = Walker(ctx, township, ids)
        totals["applications"] += _applications(walker)
        notes.append(_dynamic_management(walker))
    staff = User.objects.get(username="staff")
    for township in townships:
        caseworker = User.objects.filter(jurisdiction=township, role="caseworker").first() or staff
        reviewer = User.objects.filter(jurisdiction=township, role="reviewer").first()
        for back in (2, 1, 0):
            roll, _ = services.payment_roll_generate(actor=None, township=township, month=add_months(today, -back))
            if caseworker != staff:
                roll.generated_by = caseworker
                roll.save(update_fields=["generated_by"])
            totals["rolls"] += 1
            if back and reviewer is not None:
                services.payment_roll_review(actor=reviewer, roll=roll)
                services.payment_roll_lock(actor=reviewer, roll=roll)
    return (
        f"{totals['dibao']} 低保 households, {totals['tekun']} 特困 persons in {len(townships)} townships; "
        f"{totals['applications']} applications in every state; {totals['rolls']} payment rolls; re-checks: "
        + " / ".join(n for n in notes if n)
    )
