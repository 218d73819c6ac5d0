"""Elder-care and child-welfare computations at county scale (``make bench``; numbers printed, nothing asserted).

A synthetic county (990197, rolled back afterwards) of 40 townships × 12 villages (DESIGN §7) with ``20 000 × scale``
special-difficulty elderly visited monthly for five years (≈1.2 million visits at scale 1), 150 institutions and
480 community facilities with five years of inventory versions and yearly inspections, and a station per township
and village. Timed: the bulk load, each of the nine computations for the county and for one township, the
visit-rate drill-down's first page, a township's visits-due list and its visit list.
"""

from __future__ import annotations

import datetime
import random
import time

from django.db import connection, transaction

from civilaffairs.bench import BenchContext, register_benchmark

BENCH_COUNTY = "990197"
AS_OF = datetime.date(2025, 6, 30)


class _Rollback(Exception):
    pass


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Plain multi-row inserts (the bench builds a million rows; model instances would dominate the timing)."""
    if not rows:
        return
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor.cursor, f"INSERT INTO {table} ({names}) VALUES %s", rows, page_size=5000)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _build(ctx: BenchContext, elderly: int) -> dict:
    from stdnum.cn import ric

    from childwelfare.models import MinorProtectionStation
    from civilaffairs.models import Person, Region, User
    from eldercare.models import (
        CommunityElderCareFacility,
        ElderCareBedInventory,
        ElderCareInstitution,
        ElderCareQualityAssessment,
        ElderlyPerson,
        ElderlyVisit,
    )

    rng = random.Random(1997)
    province = Region.objects.get_or_create(
        code="990000000000", defaults={"name": "测试省", "level": "province", "kind": "省"}
    )[0]
    city = Region.objects.get_or_create(
        code="990100000000", defaults={"name": "测试市", "level": "city", "kind": "地级市", "parent": province}
    )[0]
    county = Region.objects.create(
        code=f"{BENCH_COUNTY}000000", name="养老基准县", level="county", kind="县", parent=city
    )
    townships, villages = [], []
    for t in range(40):
        township = Region.objects.create(
            code=f"{BENCH_COUNTY}{100 + t:03d}000", name=f"养老{t}镇", level="township", kind="镇", parent=county
        )
        townships.append(township)
        villages += [
            Region(
                code=f"{township.code[:9]}{200 + v:03d}",
                name=f"养老{t}-{v}村",
                level="village",
                kind="村",
                parent=township,
            )
            for v in range(12)
        ]
    Region.objects.bulk_create(villages)

    start = time.perf_counter()
    versions, assessments = [], []
    for i in range(150):
        region = townships[i % 40] if i % 3 else villages[i * 3 % len(villages)]
        home = ElderCareInstitution.objects.create(
            name=f"基准养老院{i}",
            region=region,
            institution_type="tekun_home",
            ownership="public",
            opened_on=datetime.date(2015, 1, 1),
            filed_on=datetime.date(2015, 1, 1),
        )
        for year in range(2020, 2026):
            beds = rng.randint(40, 200)
            versions.append(
                ElderCareBedInventory(
                    site=home,
                    effective_on=datetime.date(year, 1, 1),
                    total_beds=beds,
                    nursing_beds=rng.randint(0, beds),
                    operation_mode=rng.choice(["government", "public_private"]),
                    offers_full_care=True,
                    offers_day_care=rng.random() < 0.7,
                    offers_home_service=rng.random() < 0.6,
                )
            )
            assessments.append(
                ElderCareQualityAssessment(
                    institution=home,
                    assessed_on=datetime.date(year, rng.randint(1, 12), 10),
                    result=rng.choice(["pass", "pass", "fail"]),
                    inspector="基准",
                    problems="基准",
                )
            )
    for village in villages:
        facility = CommunityElderCareFacility.objects.create(
            name=f"{village.name}养老服务站",
            region=village,
            facility_type="community_station",
            ownership="public",
            opened_on=datetime.date(2018, 1, 1),
        )
        versions.append(
            ElderCareBedInventory(
                site=facility,
                effective_on=datetime.date(2018, 1, 1),
                total_beds=rng.randint(0, 6),
                operation_mode="government",
            )
        )
    ElderCareBedInventory.objects.bulk_create(versions, batch_size=2000)
    ElderCareQualityAssessment.objects.bulk_create(assessments, batch_size=2000)
    MinorProtectionStation.objects.bulk_create(
        [
            MinorProtectionStation(
                name=f"{r.name}站",
                kind="township_station" if r.level == "township" else "village_point",
                region=r,
                established_on=datetime.date(2021, 1, 1),
                is_model=rng.random() < 0.2,
                model_recognised_on=datetime.date(2023, 1, 1),
            )
            for r in townships + villages
        ],
        batch_size=2000,
    )
    ctx.record(
        "sites: 150 institutions, 480 facilities, inventories and inspections",
        (time.perf_counter() - start) * 1000,
        "ms",
    )

    start = time.perf_counter()
    persons = []
    for i in range(elderly):
        birth = datetime.date(1930, 1, 1) + datetime.timedelta(days=i // 900)
        body = f"{BENCH_COUNTY}{birth:%Y%m%d}{i % 900 + 50:03d}"
        persons.append(
            Person(
                id_number=body + ric.calc_check_digit(body + "0"),
                name="基准老人",
                sex="F",
                birth_date=birth,
                region=villages[i % len(villages)],
            )
        )
    persons = Person.objects.bulk_create(persons, batch_size=5000)
    entries = ElderlyPerson.objects.bulk_create(
        [
            ElderlyPerson(person=p, listed_on=datetime.date(2020, 1, 1), is_living_alone=True, lives_at_home=True)
            for p in persons
        ],
        batch_size=5000,
    )
    ctx.record(f"roster: {elderly:,} persons and entries", (time.perf_counter() - start) * 1000, "ms")

    start = time.perf_counter()
    columns = [
        "elderly_id",
        "region_id",
        "visited_on",
        "visit_type",
        "visitor_name",
        "findings",
        "assistance",
        "needs_follow_up",
        "created_at",
    ]
    now = datetime.datetime.now(datetime.UTC)
    total, batch = 0, []
    months = [datetime.date(2020 + m // 12, m % 12 + 1, 1) for m in range(66)]
    for entry, person in zip(entries, persons, strict=True):
        day = rng.randint(0, 27)
        for month in months:
            if rng.random() < 0.93:
                batch.append(
                    (
                        entry.pk,
                        person.region_id,
                        month + datetime.timedelta(days=day),
                        "home",
                        "基准",
                        "无",
                        "无",
                        False,
                        now,
                    )
                )
        if len(batch) >= 50_000:
            _insert(ElderlyVisit._meta.db_table, columns, batch)
            total += len(batch)
            batch = []
    _insert(ElderlyVisit._meta.db_table, columns, batch)
    total += len(batch)
    seconds = time.perf_counter() - start
    ctx.record(f"visits: {total:,} rows inserted", seconds * 1000, "ms")
    ctx.record("visit insert rate", total / seconds, "rows/s")
    with connection.cursor() as cursor, ctx.timer("ANALYZE after the bulk load"):
        cursor.execute("ANALYZE")
    caseworker = User.objects.create(username="bench_elder_cw", role="caseworker", jurisdiction=townships[7])
    staff = User.objects.create(username="bench_elder_staff", role="county_staff", jurisdiction=county)
    return {"county": county, "township": townships[7], "caseworker": caseworker, "staff": staff, "visits": total}


@register_benchmark("eldercare", order=40)
def bench_eldercare(ctx: BenchContext) -> None:
    from eldercare import selectors
    from eldercare.models import ElderlyVisit
    from indicators import registry

    elderly = int(20_000 * ctx.scale)
    codes = sorted(c for c in registry.all_computations() if c.split(".")[0] in ("eldercare", "childwelfare"))
    try:
        with transaction.atomic():
            world = _build(ctx, elderly)
            county, township = world["county"], world["township"]
            for code in codes:
                computation = registry.get(code)
                with ctx.timer(f"{code.split('.', 1)[1]} (county)"):
                    result = computation.compute(county, AS_OF)
                with ctx.timer(f"{code.split('.', 1)[1]} (one township)"):
                    computation.compute(township, AS_OF)
                if code == "eldercare.home_elderly_visit_rate":
                    ctx.record("  visit rate value", float(result.value or 0), "%")
            visit_rate = registry.get("eldercare.home_elderly_visit_rate")
            with ctx.timer("visit-rate drill-down, first 50 rows (county)"):
                list(visit_rate.drilldown(county, AS_OF, "numerator").select_related("person__region")[:50])
            with ctx.timer("visits due, first 50 rows (township caseworker)"):
                list(selectors.visits_due(world["caseworker"], AS_OF)[:50])
            with ctx.timer("visits due, count and first 50 rows (county staff)"):
                due = selectors.visits_due(world["staff"], AS_OF)
                due.count()
                list(due[:50])
            with ctx.timer("visit list record count (county staff: every visit)"):
                ElderlyVisit.objects.filter(region__code__startswith=BENCH_COUNTY).count()
            with ctx.timer("visit list, first 50 rows (township caseworker)"):
                list(
                    ElderlyVisit.objects.for_user(world["caseworker"])
                    .select_related("elderly__person", "region")
                    .order_by("-visited_on", "-pk")[:50]
                )
            _bench_visit_import(ctx, world)
            raise _Rollback
    except _Rollback:
        pass


def _bench_visit_import(ctx: BenchContext, world: dict) -> None:
    """A month of visits for the whole county (one row per elderly person, the townships' monthly sheets put
    together) through the all-or-nothing import as county staff: every row checked and written with its audit row;
    then the same file again, every row refused as already recorded and nothing written."""
    import tablib

    from civilaffairs.imports import run_import
    from eldercare.models import ElderlyPerson

    numbers = ElderlyPerson.objects.filter(person__region__code__startswith=BENCH_COUNTY).values_list(
        "person__id_number", flat=True
    )
    dataset = tablib.Dataset(
        headers=["公民身份号码", "探访日期", "探访方式", "探访人", "发现的问题", "帮扶措施", "需要跟进"]
    )
    for n, number in enumerate(numbers):
        dataset.append([number, f"2025-07-{n % 28 + 1:02d}", "上门", "基准", "身体尚可", "送米面油", "否"])
    for label in (f"import a month of visits ({len(dataset):,} rows, audited)", "import the same file again (refused)"):
        start = time.perf_counter()
        report = run_import(actor=world["staff"], importable="eldercare.visits", dataset=dataset, dry_run=False)
        elapsed = time.perf_counter() - start
        ctx.record(f"{label}: {report.new:,} new, {len(report.errors):,} errors", elapsed * 1000, "ms")
        ctx.record("  rows per second", len(dataset) / elapsed, "rows/s")
