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


def _villages(township, placeholders: bool = False):
    """The township's villages; ``placeholders``: those of a county whose village list is not known yet (渠县)."""
    villages = township.children.filter(abolished_on__isnull=True).order_by("code")
    return list(villages if placeholders else villages.filter(is_placeholder=False))


class Walker:
    """Creates small households and walks applications through the services as the township's users."""

    def __init__(self, ctx: DemoContext, township, ids, users=None):
        from civilaffairs.models import User

        self.ctx, self.township, self.ids = ctx, township, ids
        if users is not None:
            self.cw, self.rv, self.staff = users
        else:
            # Townships without demo users are worked by the county's staff user (it may import households).
            caseworker, reviewer = DEMO_USERS.get(township.code, ("staff", "staff"))
            self.cw = User.objects.get(username=caseworker)
            self.rv = User.objects.get(username=reviewer)
            self.staff = User.objects.get(username="staff")
        self.villages = _villages(township) or _villages(township, placeholders=True)
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

    def disabled_household(self):
        """An older head and a severely disabled adult member whose federation certificate (grade 1 or 2) county
        staff recorded; returns (household, disabled person)."""
        from assistance import services

        rng = self.ctx.rng
        household = self.household(["0", "0"], ages=[rng.randint(60, 75), rng.randint(20, 45)])
        person = household.members.exclude(relationship="head").get().person
        grade = rng.choice([1, 2])
        services.certificate_register(
            actor=self.staff,
            person=person,
            number=f"{person.id_number}4{grade}",
            category="4",
            grade=grade,
            issued_on=self.today - datetime.timedelta(days=rng.randint(20, 200)),
            source="federation",
            note="演示数据",
        )
        return household, person

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
            # Two days after acceptance (never in the future): the demo reads like a real file.
            survey_on=min(self.today, (app.accepted_on or self.today) + datetime.timedelta(days=2)),
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


# Which business date of the application each workflow action happened on (for the demo's timelines).
ACTION_DATES = {
    "submit": "received_on",
    "accept": "accepted_on",
    "refuse_acceptance": "accepted_on",
    "record_survey": "survey_on",
    "record_appraisal": "appraisal_on",
    "review": "reviewed_on",
    "initial_review": "reviewed_on",
    "federation_review": "federation_reviewed_on",
    "start_notice": "notice_start",
    "approve": "decision_on",
    "reject": "decision_on",
}


def _settle_timelines(township_prefix: str, today: datetime.date) -> None:
    """Date each seeded status change on the business date it stands for.

    The seeder runs every step today; a real file's timeline spreads over weeks. Only demo rows are touched,
    in order, never earlier than the step before (the insert-only rule protects real data, not this seed).
    """
    from django.utils import timezone

    from assistance.models import Application

    applications = Application.objects.filter(household__village__code__startswith=township_prefix)
    for app in applications.prefetch_related("status_changes"):
        previous = None
        for step, change in enumerate(sorted(app.status_changes.all(), key=lambda c: (c.at, c.id))):
            field = ACTION_DATES.get(change.action)
            day = getattr(app, field, None) if field else None
            if change.action == "close_notice" and app.notice_end:
                day = min(today, app.notice_end + datetime.timedelta(days=1))
            day = day or (previous.date() if previous else app.received_on)
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            moment += datetime.timedelta(minutes=17 * step)
            if previous and moment < previous:
                moment = previous + datetime.timedelta(minutes=5)
            type(change).objects.filter(pk=change.pk).update(at=moment)
            previous = moment


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
    app = w.submit(w.household(["200"]), kind="temporary", temporary_type="emergency", temporary_months=1, days_ago=3)
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
    _settle_timelines(w.township.prefix, w.today)
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


# --- The other four jurisdictions (order 54: after their disability subsidies, so their roll carries them) ----------

# Small scale, one township each: 低保 households and 特困 persons in bulk and the current month's roll, so that each
# county's administrator sees a roll. 南川 reviews the disability subsidies at its federation (notes/002.md §4): the
# only county where an application can wait in 残联审核 (federation_reviewed), so its walk is here.
OTHER_COUNTIES = ("511725", "500119", "620722", "500190")


def _first_township(county_code: str):
    from civilaffairs.models import Region

    townships = Region.objects.townships().filter(
        parent_id=f"{county_code}000000", is_placeholder=False, abolished_on__isnull=True
    )
    return next((t for t in townships.order_by("code") if _villages(t, placeholders=True)), None)


def _demo_actors(township):
    """Demo caseworker, reviewer and county staff member who sign the walked applications of a county without demo
    logins: recorded on the timelines, they cannot log in (no password)."""
    from civilaffairs.choices import Role
    from civilaffairs.models import User

    county = township.parent
    actors = []
    for suffix, role, region, title in (
        ("cw", Role.CASEWORKER, township, f"{township.name}经办人"),
        ("rv", Role.REVIEWER, township, f"{township.name}审核人"),
        ("staff", Role.COUNTY_STAFF, county, f"{county.name}民政局业务员"),
    ):
        user, created = User.objects.get_or_create(
            username=f"demo_{county.code[:6]}_{suffix}",
            defaults={"display_name": f"{title}（演示）", "role": role, "jurisdiction": region},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        actors.append(user)
    return tuple(actors)


def _federation_walk(walker: Walker) -> int:
    """南川: care-subsidy applications reviewed by the township and by the district federation — one waiting for the
    bureau's approval (federation_reviewed), one approved."""
    from assistance import services

    w = walker
    done = 0
    for approve in (False, True):
        household, person = w.disabled_household()
        app = w.submit(household, kind="dis_care", target=person, days_ago=12)
        w.accept(app, 10)
        services.application_initial_review(
            actor=w.rv, application=app, opinion="经核实残疾人证有效，符合条件", recommends=True
        )
        w.backdate(app, reviewed_on=w.today - datetime.timedelta(days=8))
        services.application_federation_review(
            actor=w.staff,
            application=app,
            opinion="区残联审核：残疾等级与护理需求属实",
            reviewed_on=w.today - datetime.timedelta(days=3),
        )
        if approve:
            services.application_approve(actor=w.staff, application=app, opinion="同意发放重度残疾人护理补贴")
        done += 1
    _settle_timelines(w.township.prefix, w.today)
    return done


@register_seeder("assistance-other-jurisdictions", order=54)
def seed_other_jurisdictions(ctx: DemoContext) -> str:
    from assistance import services
    from assistance.models import Application, Household
    from assistance.synthetic import IdNumbers, build_enrolled
    from civilaffairs.models import Person

    if Household.objects.filter(enrolments__programme="dibao", village__code__startswith=OTHER_COUNTIES[0]).exists():
        return "already seeded"
    notes = []
    for code in OTHER_COUNTIES:
        township = _first_township(code)
        if township is None:
            continue
        ids = IdNumbers(
            ctx.rng, code, set(Person.objects.filter(id_number__startswith=code).values_list("id_number", flat=True))
        )
        built = build_enrolled(
            rng=ctx.rng,
            villages=_villages(township) or _villages(township, placeholders=True),
            dibao_households=ctx.count(8),
            tekun_persons=ctx.count(2),
            today=ctx.today,
            start_window_months=24,
            ids=ids,
        )
        walked = 0
        if code == "500119":
            walked = _federation_walk(Walker(ctx, township, ids, users=_demo_actors(township)))
        roll, _created = services.payment_roll_generate(actor=None, township=township, month=ctx.today)
        notes.append(
            f"{township.parent.name}{township.name}: {built.dibao} 低保 households, {built.tekun} 特困 persons, "
            f"roll of {roll.line_count} lines{f', {walked} subsidy applications' if walked else ''}"
        )
    waiting = Application.objects.filter(status="federation_reviewed").count()
    return "; ".join(notes) + f"; {waiting} waiting after the federation's review"


# --- Demo standards after 2020 (order 28: before any enrolment is built on them) ----------------------------------

# 奉节's plan prints the 2020 standards only. For the demo's growth and ratio indicators, yearly raises from July,
# labelled demo values (is_demo), entered in the demo only — never in the reference fixtures, which a real
# deployment loads. 特困 stays at 1.3 × the urban 低保 standard.


def fengjie_demo_standards(today: datetime.date) -> list[tuple[datetime.date, str, str, str]]:
    """A raise every 1 July from 2021 to today: urban +40, rural +44 a year (the rural:urban ratio rises towards the
    plan's 85 %), 特困 = 1.3 × urban rounded up."""
    rows = []
    for year in range(2021, today.year + 1):
        urban, rural = 620 + 40 * (year - 2020), 496 + 44 * (year - 2020)
        tekun = -(-urban * 13 // 10)
        rows.append((datetime.date(year, 7, 1), str(urban), str(rural), str(tekun)))
    return rows


@register_seeder("assistance-demo-standards", order=28)
def seed_demo_standards(ctx: DemoContext) -> str:
    from assistance import services
    from assistance.models import AssistanceStandard
    from assistance.reference import standards_load
    from civilaffairs.models import Region

    if not AssistanceStandard.objects.filter(county_id=DEMO_COUNTY).exists():
        standards_load()
    if AssistanceStandard.objects.filter(county_id=DEMO_COUNTY, kind="dibao", effective_from__year__gt=2020).exists():
        return "already seeded"
    county = Region.objects.get(code=DEMO_COUNTY)
    added = 0
    for effective, urban, rural, tekun in fengjie_demo_standards(ctx.today):
        if effective > ctx.today:
            continue
        rows, _rerated = services.standards_add(
            actor=None,
            county=county,
            effective_from=effective,
            items=[
                services.StandardItem("dibao", "urban", Decimal(urban)),
                services.StandardItem("dibao", "rural", Decimal(rural)),
                services.StandardItem("tekun_basic", "", Decimal(tekun)),
            ],
            document_number="",
            source="演示值：规划只给出2020年标准，此后逐年调标为演示",
            is_demo=True,
        )
        added += len(rows)
    return f"{added} demo standards for 奉节 after 2020"


# --- 流浪乞讨救助 and welfare institutions (orders 30–31: no assistance household needed) --------------------------

# Cases per year per jurisdiction (奉节: 929 persons rescued in the 13th FYP, notes/001.md §5 — about 186 a year).
VAGRANT_BASE = {"500236": 40, "511725": 25, "500119": 20, "620722": 8, "500190": 15}
HOME_PLACES = [
    "河南省周口市",
    "四川省达州市",
    "湖北省恩施州",
    "贵州省遵义市",
    "重庆市万州区",
    "甘肃省张掖市",
    "云南省昭通市",
]


@register_seeder("assistance-vagrants", order=30)
def seed_vagrants(ctx: DemoContext) -> str:
    """流浪乞讨救助 cases from 2021 to today in the five jurisdictions: mostly identified and escorted home or
    collected; some leave on their own (more in one lagging township per county); a few still in the station."""
    from assistance.choices import IdentityMethod, VagrantFoundBy, VagrantHandledBy, VagrantOutcome
    from assistance.models import VagrantCase
    from civilaffairs.models import Region

    if VagrantCase.objects.exists():
        return "already seeded"
    rng, today = ctx.rng, ctx.today
    rows = []
    for county_code, base in VAGRANT_BASE.items():
        county = Region.objects.filter(code=f"{county_code}000000").first()
        if county is None:
            continue
        townships = list(
            Region.objects.townships().filter(parent=county, is_placeholder=False, abolished_on__isnull=True)
        )
        if not townships:
            continue
        lagging = townships[len(townships) // 2]
        for year in range(2021, today.year + 1):
            for _ in range(ctx.count(base)):
                region = county if rng.random() < 0.15 else rng.choice(townships)
                intake = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                if intake > today:
                    continue
                found_by = rng.choice(
                    [VagrantFoundBy.PATROL] * 4
                    + [VagrantFoundBy.POLICE] * 2
                    + [VagrantFoundBy.SELF, VagrantFoundBy.PUBLIC]
                )
                minor = rng.random() < 0.04
                case = VagrantCase(
                    region=region,
                    intake_on=intake,
                    intake_place=rng.choice(["汽车站", "火车站广场", "农贸市场", "桥下", "医院门口", "救助站门口"]),
                    found_by=found_by,
                    handled_by=VagrantHandledBy.COUNTY_STATION
                    if county_code != "620722"
                    else VagrantHandledBy.HIGHER_STATION,
                    stated_name=ctx.name() if rng.random() < 0.8 else "",
                    sex=rng.choice(["M", "M", "M", "F"]),
                    estimated_age=rng.randint(12, 17) if minor else rng.randint(20, 80),
                    is_minor=minor,
                    description="演示数据：中等身材，衣着破旧，说方言",
                    note="演示数据",
                )
                open_case = (today - intake).days < 20 and rng.random() < 0.5
                if rng.random() < 0.9:
                    case.identity_established = True
                    case.identity_on = intake + datetime.timedelta(days=rng.randint(0, 8))
                    case.identity_method = rng.choice(
                        [IdentityMethod.STATEMENT] * 4
                        + [IdentityMethod.FACE] * 3
                        + [IdentityMethod.DNA, IdentityMethod.RELATIONS, IdentityMethod.ONLINE]
                    )
                    case.home_place = rng.choice(HOME_PLACES)
                    left_rate = 0.25 if region == lagging else 0.05
                    roll = rng.random()
                    if roll < left_rate:
                        outcome = VagrantOutcome.LEFT
                    elif roll < left_rate + 0.02:
                        outcome = VagrantOutcome.SETTLED
                    elif roll < left_rate + 0.03:
                        outcome = VagrantOutcome.TRANSFERRED_CARE
                    else:
                        outcome = rng.choice(
                            [VagrantOutcome.ESCORTED_HOME] * 6
                            + [VagrantOutcome.COLLECTED] * 3
                            + [VagrantOutcome.TRANSFERRED_HOME_STATION]
                        )
                else:
                    outcome = rng.choice([VagrantOutcome.LEFT, VagrantOutcome.TRANSFERRED_WELFARE])
                if not open_case:
                    left = max(intake, case.identity_on or intake) + datetime.timedelta(days=rng.randint(0, 5))
                    if left > today:
                        left = today
                    case.outcome, case.outcome_on, case.closed_on = outcome, left, left
                    case.destination = case.home_place or "福利院"
                if case.identity_on and case.identity_on > today:
                    case.identity_on = today
                rows.append(case)
    VagrantCase.objects.bulk_create(rows, batch_size=2000)
    return f"{len(rows)} vagrant assistance cases in {len(VAGRANT_BASE)} jurisdictions"


@register_seeder("assistance-institutions", order=31)
def seed_institutions(ctx: DemoContext) -> str:
    """A few social welfare institutions: 奉节's planned 精神康复福利中心 (500 beds, notes/001.md §4.1) opened, 渠县's
    "力争新建一个精神卫生福利机构" still under construction, and the stations that exist."""
    from assistance.models import WelfareInstitution
    from civilaffairs.models import Region

    if WelfareInstitution.objects.exists():
        return "already seeded"
    entries = [
        ("500236", "奉节县精神康复福利中心", "mental_health", "new", 500, datetime.date(2024, 6, 28), None),
        ("500236", "奉节县救助管理站", "assistance_station", "existing", 60, datetime.date(2008, 5, 1), None),
        ("500236", "奉节县儿童福利院", "child_welfare", "existing", 80, datetime.date(2012, 9, 1), None),
        ("511725", "渠县精神卫生福利中心", "mental_health", "new", 300, None, 65),
        ("511725", "渠县救助管理站", "assistance_station", "existing", 40, datetime.date(2010, 3, 1), None),
        ("500119", "南川区救助管理站", "assistance_station", "existing", 50, datetime.date(2009, 7, 1), None),
    ]
    rows = []
    for county, name, kind, origin, beds, opened, progress in entries:
        region = Region.objects.filter(code=f"{county}000000").first()
        if region is None:
            continue
        rows.append(
            WelfareInstitution(
                region=region,
                name=name,
                institution_type=kind,
                origin=origin,
                beds=beds,
                opened_on=opened if opened is None or opened <= ctx.today else None,
                construction_progress=progress,
                note="演示数据（日期、床位为演示值）",
            )
        )
    WelfareInstitution.objects.bulk_create(rows)
    return f"{len(rows)} welfare institutions"


# --- 残疾人两项补贴, 低保边缘/低收入, 先行救助, 补发 (order 51: after the 低保 households of order 50) ----------------


def _regenerate_current_rolls(townships, today) -> int:
    """The current month's rolls are drafts: rebuild them so that what was added since appears on them."""
    from assistance import services
    from assistance.models import PaymentRoll
    from assistance.models.enrolments import month_start

    done = 0
    for township in townships:
        roll = PaymentRoll.objects.filter(township=township, month=month_start(today), status="draft").first()
        if roll is None:
            continue
        roll.delete()
        services.payment_roll_generate(actor=None, township=township, month=today)
        done += 1
    return done


@register_seeder("assistance-disability", order=51)
def seed_disability(ctx: DemoContext) -> str:
    """Certificates for about 8 % of the members of 低保 households and for disabled people outside them, the two
    subsidies granted to most of the eligible (one township lagging at 75 %), and a few subsidy applications in
    every state in the two demo townships."""
    from assistance import services
    from assistance.models import DisabilityCertificate, Enrolment
    from assistance.synthetic import IdNumbers, build_disability
    from civilaffairs.models import Person, Region, User

    county = Region.objects.get(code=DEMO_COUNTY)
    if DisabilityCertificate.objects.filter(person__region__code__startswith=DEMO_COUNTY[:6]).exists():
        return "already seeded"
    townships = _townships(ctx)
    taken = set(Person.objects.filter(id_number__startswith=DEMO_COUNTY[:6]).values_list("id_number", flat=True))
    ids = IdNumbers(ctx.rng, DEMO_COUNTY[:6], taken)
    lagging = townships[2].code[:9] if len(townships) > 2 else DEMO_OTHER_TOWNSHIP[:9]
    built = build_disability(
        rng=ctx.rng,
        county=county,
        today=ctx.today,
        ids=ids,
        share_of_dibao_members=0.15,
        standalone_per_village=max(1, int(ctx.scale)),
        coverage={lagging: 0.75, DEMO_OTHER_TOWNSHIP[:9]: 0.9},
    )
    # The other jurisdictions have no 低保 households yet at this point (order 54 adds a few in one township each):
    # their severely disabled residents (the care subsidy needs no household status), one township per county lagging.
    others = []
    for code in ("511725", "500119", "620722", "500190"):
        other = Region.objects.filter(code=f"{code}000000").first()
        if other is None:
            continue
        first = Region.objects.townships().filter(parent=other).order_by("code").first()
        extra = build_disability(
            rng=ctx.rng,
            county=other,
            today=ctx.today,
            ids=IdNumbers(
                ctx.rng,
                code,
                set(Person.objects.filter(id_number__startswith=code).values_list("id_number", flat=True)),
            ),
            share_of_dibao_members=0,
            standalone_per_village=max(1, int(ctx.scale)),
            coverage={first.code[:9]: 0.7} if first else {},
        )
        others.append(f"{other.name} {extra.certificates}/{extra.care}")
    # Applications walked through the services in the demo townships, for newly certified people: submitted,
    # reviewed by the township (waiting for the county), approved (paid from next month).
    staff = User.objects.get(username="staff")
    walked = 0
    for code in (DEMO_TOWNSHIP, DEMO_OTHER_TOWNSHIP):
        w = Walker(ctx, Region.objects.get(code=code), ids)
        for step in range(3):
            household, person = w.disabled_household()
            app, _ = services.application_submit(
                actor=w.cw,
                household=household,
                kind="dis_care",
                applicant=household.head,
                target=person,
                reason="重度残疾，生活不能自理，申请重度残疾人护理补贴",
            )
            walked += 1
            if step >= 1:
                services.application_accept(actor=w.cw, application=app, opinion="材料齐全，予以受理")
                services.application_initial_review(
                    actor=w.rv, application=app, opinion="经核实残疾人证有效，符合条件", recommends=True
                )
            if step >= 2:
                services.application_approve(actor=staff, application=app, opinion="同意发放护理补贴")
    rolls = _regenerate_current_rolls(townships, ctx.today)
    receiving = Enrolment.objects.filter(household__village__code__startswith=DEMO_COUNTY[:6])
    living, care = (receiving.filter(programme=p).count() for p in ("dis_living", "dis_care"))
    return (
        f"{built.certificates} certificates ({built.standalone} outside assistance households); "
        f"{living} living and {care} care subsidies; {walked} applications; {rolls} current rolls rebuilt; "
        f"certificates/care subsidies elsewhere: {', '.join(others)}"
    )


@register_seeder("assistance-low-income", order=53)
def seed_low_income(ctx: DemoContext) -> str:
    """低保边缘 / 低收入 households in every seeded township (income 1–2 × the standard), a third of them monitored,
    visited in the demo townships (one monitored household still unvisited: a to-do)."""
    from assistance import services
    from assistance.choices import LowIncomeCategory, MonitoringReason
    from assistance.models import AssistanceStandard, LowIncomeHousehold
    from assistance.synthetic import IdNumbers
    from civilaffairs.models import Person

    if LowIncomeHousehold.objects.filter(household__village__code__startswith=DEMO_COUNTY[:6]).exists():
        return "already seeded"
    rng, today = ctx.rng, ctx.today
    rural = (
        AssistanceStandard.objects.filter(county_id=DEMO_COUNTY, kind="dibao", urban_rural="rural")
        .order_by("-effective_from")[0]
        .monthly_amount
    )
    taken = set(Person.objects.filter(id_number__startswith=DEMO_COUNTY[:6]).values_list("id_number", flat=True))
    ids = IdNumbers(rng, DEMO_COUNTY[:6], taken)
    recognised = monitored = visits = 0
    for township in _townships(ctx):
        walker = Walker(ctx, township, ids)
        actor, has_users = walker.cw, township.code in DEMO_USERS
        for index in range(min(ctx.count(5), 40)):
            size = rng.choice([2, 3, 3, 4])
            ratio = Decimal(str(round(rng.uniform(1.05, 1.45), 2)))  # 低保边缘: below 1.5 × the standard
            category = (
                LowIncomeCategory.DIBAO_EDGE
                if ratio < Decimal("1.5") and index % 2 == 0
                else (LowIncomeCategory.LOW_INCOME)
            )
            income = (rural * ratio * size).quantize(Decimal("1"))
            household = walker.household([str(income)] + ["0"] * (size - 1))
            record = services.low_income_recognise(
                actor=actor,
                household=household,
                category=category,
                recognised_on=today - datetime.timedelta(days=rng.randint(30, 700)),
                source=rng.choice(["proactive", "proactive", "application", "department"]),
                note="演示数据",
            )
            recognised += 1
            if index % 3 == 0:
                flagged = today - datetime.timedelta(days=rng.randint(2, 60))
                services.low_income_flag(
                    actor=actor,
                    record=record,
                    reason=rng.choice(MonitoringReason.values),
                    note=rng.choice(["户主突发重病住院", "房屋受灾受损", "务工收入骤降", "子女上学支出大"]),
                    since=max(flagged, record.recognised_on),
                )
                monitored += 1
                if has_users and index % 2 == 0:
                    services.low_income_visit(
                        actor=walker.cw,
                        record=record,
                        visited_on=today - datetime.timedelta(days=1),
                        visitors="社会救助协理员 " + ctx.name(),
                        findings="入户走访，了解家庭收支和就医情况，已告知临时救助政策",
                        next_visit_due=today + datetime.timedelta(days=rng.randint(20, 80)),
                    )
                    visits += 1
    return f"{recognised} low-income households, {monitored} monitored, {visits} visits"


@register_seeder("assistance-advances", order=55)
def seed_advances(ctx: DemoContext) -> str:
    """先行救助 in the demo townships (one awaiting regularisation, one regularised and netted on the roll), and a
    backdated re-check raise that the current roll back-pays."""
    from assistance import services
    from assistance.models import Enrolment, TemporaryAdvance
    from assistance.models.enrolments import add_months
    from assistance.synthetic import IdNumbers
    from civilaffairs.models import Person, Region

    if TemporaryAdvance.objects.filter(application__household__village__code__startswith=DEMO_COUNTY[:6]).exists():
        return "already seeded"
    taken = set(Person.objects.filter(id_number__startswith=DEMO_COUNTY[:6]).values_list("id_number", flat=True))
    ids = IdNumbers(ctx.rng, DEMO_COUNTY[:6], taken)
    advances = 0
    backpaid = []
    for code in (DEMO_TOWNSHIP, DEMO_OTHER_TOWNSHIP):
        township = Region.objects.get(code=code)
        w = Walker(ctx, township, ids)
        pending = w.submit(w.household(["0", "0"]), kind="temporary", temporary_type="emergency", temporary_months=2)
        services.application_grant_advance(
            actor=w.rv, application=pending, amount=Decimal("500"), method="cash", reason="房屋失火，急需衣被和口粮"
        )
        done = w.submit(
            w.household(["100", "0", "0"]), kind="temporary", temporary_type="emergency", temporary_months=1
        )
        services.application_grant_advance(
            actor=w.rv, application=done, amount=Decimal("300"), method="cash", reason="家中主要劳动力车祸住院"
        )
        w.accept(done, 1)
        w.survey(done)
        w.review(done)
        app = services.application_approve(actor=w.staff, application=done, opinion="急难型，补齐手续后批准")
        advances += 2 if app.amount else 1
        # A raise the caseworker recorded late: the re-check took effect two months ago, on a locked roll.
        enrolment = (
            Enrolment.objects.filter(
                household__village__code__startswith=code[:9],
                programme="dibao",
                status="active",
                application__isnull=True,
                single_person=False,
                start_month__lte=add_months(ctx.today, -3),
            )
            .order_by("-pk")
            .first()
        )
        if enrolment is not None:
            enrolment.household.members.filter(left_on__isnull=True).update(monthly_income=0)
            checked = add_months(ctx.today, -2) + datetime.timedelta(days=5)
            services.enrolment_recheck(
                actor=w.cw, enrolment=enrolment, checked_on=checked, note="演示：迟录的复核（户主失业）"
            )
            backpaid.append(enrolment.number)
    rolls = _regenerate_current_rolls(
        list(Region.objects.filter(code__in=[DEMO_TOWNSHIP, DEMO_OTHER_TOWNSHIP])), ctx.today
    )
    return f"{advances} advances; back pay for {', '.join(backpaid) or 'none'}; {rolls} current rolls rebuilt"
