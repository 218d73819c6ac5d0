"""Social assistance at county scale (``make bench``; numbers printed, nothing asserted).

A synthetic county (990198, rolled back afterwards) of 40 townships with ``40 000 × scale`` 低保 households and
``11 000 × scale`` 特困 persons (DESIGN §7), standards of 奉节's 2020 figures, and 5 000 × scale applications.
Timed: building it; one township's monthly roll; the whole county's rolls; re-rating every enrolment after a new
standard; the application list page (county staff, first page, filtered to open cases).
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from civilaffairs.bench import BenchContext, register_benchmark

BENCH_COUNTY = "990198"


class _Rollback(Exception):
    pass


def _build(ctx: BenchContext, rng: random.Random, today: datetime.date):
    from assistance.choices import ApplicationKind, ApplicationStatus, StandardKind
    from assistance.models import Application, AssistanceStandard, Household
    from assistance.synthetic import IdNumbers, build_enrolled
    from civilaffairs.models import Region, User

    province = Region.objects.get_or_create(
        code="990000000000", defaults={"name": "测试省", "level": "province", "kind": "省"}
    )[0]
    city = Region.objects.get_or_create(
        code="990100000000", defaults={"name": "测试市", "level": "city", "kind": "地级市", "parent": province}
    )[0]
    county = Region.objects.create(
        code=f"{BENCH_COUNTY}000000", name="救助基准县", level="county", kind="县", parent=city
    )
    townships, villages = [], {}
    for t in range(40):
        township = Region.objects.create(
            code=f"{BENCH_COUNTY}{100 + t:03d}000", name=f"救助{t}镇", level="township", kind="镇", parent=county
        )
        townships.append(township)
        villages[township.code] = [
            Region(
                code=f"{township.code[:9]}{200 + v:03d}",
                name=f"救助{t}-{v}村",
                level="village",
                kind="村" if v else "社区",
                urban_rural="rural" if v else "urban",
                parent=township,
            )
            for v in range(12)
        ]
    Region.objects.bulk_create([v for vs in villages.values() for v in vs])
    for kind, ur, amount in (
        (StandardKind.DIBAO, "urban", "620"),
        (StandardKind.DIBAO, "rural", "496"),
        (StandardKind.TEKUN_BASIC, "", "806"),
    ):
        AssistanceStandard.objects.create(
            county=county,
            kind=kind,
            urban_rural=ur,
            monthly_amount=Decimal(amount),
            effective_from=datetime.date(2020, 1, 1),
        )
    dibao, tekun = int(40_000 * ctx.scale), int(11_000 * ctx.scale)
    ids = IdNumbers(rng, BENCH_COUNTY)
    for i, township in enumerate(townships):
        build_enrolled(
            rng=rng,
            villages=villages[township.code],
            dibao_households=dibao // 40 + (1 if i < dibao % 40 else 0),
            tekun_persons=tekun // 40 + (1 if i < tekun % 40 else 0),
            today=today,
            start_window_months=24,
            ids=ids,
        )
    # Open and closed applications over the households, for the list page.
    households = list(
        Household.objects.filter(village__code__startswith=BENCH_COUNTY).values_list("pk", "head_id")[
            : int(5000 * ctx.scale)
        ]
    )
    statuses = list(ApplicationStatus.values)
    Application.objects.bulk_create(
        [
            Application(
                kind=ApplicationKind.DIBAO,
                status=rng.choice(statuses),
                household_id=pk,
                applicant_id=head,
                reason="基准测试",
                received_on=today - datetime.timedelta(days=rng.randint(0, 90)),
                stage_due_on=today + datetime.timedelta(days=rng.randint(-10, 30)),
            )
            for pk, head in households
        ],
        batch_size=2000,
    )
    staff = User.objects.create(username="bench_assist_staff", role="county_staff", jurisdiction=county)
    return county, townships, staff


def _bench_registers(ctx: BenchContext, rng: random.Random, county, townships, staff, today) -> None:
    """The disability registers and coverages, the vagrant return rate, back pay on a roll, the re-rating job."""
    from assistance import services
    from assistance.choices import StandardKind
    from assistance.models import AssistanceStandard, PaymentLine, PaymentRoll, VagrantCase
    from assistance.models.enrolments import add_months
    from assistance.synthetic import IdNumbers, build_disability
    from civilaffairs.models import Person
    from indicators import registry

    for kind, amount in (
        (StandardKind.DISABILITY_LIVING, "70"),
        (StandardKind.DISABILITY_CARE_1, "90"),
        (StandardKind.DISABILITY_CARE_2, "60"),
        (StandardKind.DISABILITY_CARE_34, "50"),
    ):
        AssistanceStandard.objects.create(
            county=county, kind=kind, monthly_amount=Decimal(amount), effective_from=datetime.date(2020, 1, 1)
        )
    start = time.perf_counter()
    built = build_disability(
        rng=rng,
        county=county,
        today=today,
        ids=IdNumbers(
            rng,
            BENCH_COUNTY,
            set(Person.objects.filter(id_number__startswith=BENCH_COUNTY).values_list("id_number", flat=True)),
        ),
        share_of_dibao_members=0.08,
        standalone_per_village=max(1, int(100 * ctx.scale)),
        coverage={townships[0].code[:9]: 0.7},
    )
    ctx.record(
        f"build {built.certificates:,} certificates, {built.living:,} living and {built.care:,} care subsidies",
        (time.perf_counter() - start) * 1000,
        "ms",
    )
    cases = []
    for year in range(2021, today.year + 1):
        for _ in range(int(2000 * ctx.scale)):
            intake = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if intake > today:
                continue
            left = intake + datetime.timedelta(days=rng.randint(0, 6))
            cases.append(
                VagrantCase(
                    region=rng.choice(townships),
                    intake_on=intake,
                    intake_place="车站",
                    found_by="patrol",
                    stated_name="基准",
                    identity_established=True,
                    identity_on=intake,
                    identity_method="face",
                    outcome=rng.choice(["escorted_home", "collected", "left"]),
                    outcome_on=min(left, today),
                    closed_on=min(left, today),
                )
            )
    VagrantCase.objects.bulk_create(cases, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    for code in (
        "assistance.hardship_disability_living_subsidy_coverage",
        "assistance.severe_disability_care_subsidy_coverage",
        "assistance.disability_two_subsidies_coverage",
        "assistance.vagrant_return_rate",
        "assistance.dibao_standard_growth",
        "assistance.rural_urban_dibao_ratio",
    ):
        with ctx.timer(f"compute {code} for the county"):
            result = registry.get(code).compute(county, today)
        ctx.record(f"  {code}: value", float(result.value or 0), "")
    # Back pay: the township's last two rolls locked, then a standard taking effect two months ago.
    township = townships[1]
    for back in (2, 1):
        roll, _ = services.payment_roll_generate(actor=None, township=township, month=add_months(today, -back))
        PaymentRoll.objects.filter(pk=roll.pk).update(status="locked")
    with ctx.timer("re-rating job (progress recorded) after a standard effective two months ago"):
        rows, _count = services.standards_add(
            actor=None,
            county=county,
            effective_from=add_months(today, -2),
            document_number="基准〔2026〕2号",
            items=[services.StandardItem(StandardKind.DIBAO, "rural", Decimal("520"))],
            rerate=False,
        )
        job = services.standards_rerate_job(standard_ids=[r.pk for r in rows], actor=None)
    ctx.record(
        f"  enrolments re-rated by the job (progress {job.progress_done}/{job.progress_total})",
        job.result["rerated"],
        "enrolments",
    )
    with ctx.timer("one township's roll with back pay for the two locked months"):
        roll, _ = services.payment_roll_generate(actor=None, township=township, month=today)
    back_pay = PaymentLine.objects.filter(roll=roll, kind="back_pay").count()
    ctx.record("  back-pay lines on that roll", back_pay, "lines")


@register_benchmark("assistance", order=40)
def bench_assistance(ctx: BenchContext) -> None:
    from assistance import services
    from assistance.choices import StandardKind
    from assistance.models import Enrolment, PaymentLine
    from assistance.models.enrolments import add_months

    today = timezone.localdate()
    month = add_months(today, 1)
    rng = random.Random(2025)
    try:
        with transaction.atomic():
            start = time.perf_counter()
            county, townships, staff = _build(ctx, rng, today)
            enrolments = Enrolment.objects.filter(household__village__code__startswith=BENCH_COUNTY).count()
            ctx.record(
                f"build synthetic county ({enrolments:,} enrolments, 40 townships)",
                (time.perf_counter() - start) * 1000,
                "ms",
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            with ctx.timer(f"one township's monthly roll ({enrolments // 40:,} enrolments)"):
                services.payment_roll_generate(actor=None, township=townships[0], month=month)
            with ctx.timer("the same roll again (idempotent: returns it unchanged)"):
                services.payment_roll_generate(actor=None, township=townships[0], month=month)
            with ctx.timer("the whole county's monthly rolls (39 more townships)"):
                services.payment_rolls_generate_county(actor=None, county=county, month=month)
            lines = PaymentLine.objects.filter(roll__month=month, roll__township__code__startswith=BENCH_COUNTY).count()
            ctx.record("payment lines in the county's rolls", lines, "lines")
            start = time.perf_counter()
            _, rerated = services.standards_add(
                actor=None,
                county=county,
                effective_from=add_months(today, 2),
                document_number="基准〔2026〕1号",
                items=[
                    services.StandardItem(StandardKind.DIBAO, "urban", Decimal("650")),
                    services.StandardItem(StandardKind.DIBAO, "rural", Decimal("530")),
                    services.StandardItem(StandardKind.TEKUN_BASIC, "", Decimal("845")),
                ],
            )
            ctx.record(
                f"re-rate all enrolments after a new standard ({rerated:,} re-rated)",
                (time.perf_counter() - start) * 1000,
                "ms",
            )
            client = Client(HTTP_HOST="localhost")
            client.force_login(staff)
            for attempt in (1, 2):
                with ctx.timer(f"application list page, open cases, county staff (run {attempt})"):
                    response = client.get("/assistance/applications/?state=open")
                assert response.status_code == 200
            _bench_registers(ctx, rng, county, townships, staff, today)
            raise _Rollback
    except _Rollback:
        pass
