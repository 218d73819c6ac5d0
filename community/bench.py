"""The 18 community computations at county scale (``make bench``; numbers printed, nothing asserted).

A synthetic county (990198, rolled back afterwards) of 40 townships × 12 villages with county-scale registers:
a facility per village plus replaced ones, stations, platform access and recognitions; 600 social organisations
with ten years of annual reports; 2 500 social work records; ``100 000 × scale`` volunteers; 20 000 donations;
100 lottery outlets with ten years of monthly sales. Each computation is timed as of a date, with its drill-down.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from stdnum.cn import ric

from civilaffairs.bench import BenchContext, register_benchmark

BENCH_COUNTY = "990198"


class _Rollback(Exception):
    pass


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _build(scale: float) -> dict[str, int]:
    from civilaffairs.models import Person, Region, RegionStat
    from community import models as m
    from community.demo_data import fast_insert, make_uscc
    from community.models import SocialOrganization

    rng = random.Random(7)
    today = timezone.localdate()
    province = Region.objects.get_or_create(
        code="990000000000", defaults={"name": "测试省", "level": "province", "kind": "省"}
    )[0]
    city = Region.objects.get_or_create(
        code="990100000000", defaults={"name": "测试市", "level": "city", "kind": "地级市", "parent": province}
    )[0]
    county = Region.objects.create(
        code=f"{BENCH_COUNTY}000000", name="基准测试县", level="county", kind="县", parent=city
    )
    townships, villages = [], []
    for t in range(40):
        townships.append(
            Region(
                code=f"{BENCH_COUNTY}{100 + t:03d}000", name=f"基准{t}镇", level="township", kind="镇", parent=county
            )
        )
    Region.objects.bulk_create(townships)
    for township in townships:
        for v in range(12):
            community = v < 2
            villages.append(
                Region(
                    code=f"{township.code[:9]}{(101 if community else 200) + v:03d}",
                    name=f"{township.name}{v}{'社区' if community else '村'}",
                    level="village",
                    kind="社区" if community else "村",
                    urban_rural="urban" if community else "rural",
                    parent=township,
                )
            )
    Region.objects.bulk_create(villages)
    RegionStat.objects.bulk_create(
        [
            RegionStat(region=v, year=today.year, households=500, resident_population=1500, registered_population=1800)
            for v in villages
        ]
    )
    facilities = []
    for village in villages:
        facilities.append(
            m.CommunityServiceFacility(
                name=f"{village.name}中心",
                kind="convenience_centre",
                village=village,
                building_area_m2=Decimal(rng.randint(80, 600)),
                opened_on=datetime.date(2012, 1, 1),
                closed_on=datetime.date(2022, 6, 1) if rng.random() < 0.3 else None,
            )
        )
    m.CommunityServiceFacility.objects.bulk_create(facilities)
    m.VolunteerStation.objects.bulk_create(
        [
            m.VolunteerStation(name="站", facility=f, region=f.village, established_on=datetime.date(2019, 1, 1))
            for f in facilities
            if rng.random() < 0.6
        ]
    )
    m.CommunityPlatformAccess.objects.bulk_create(
        [
            m.CommunityPlatformAccess(village=v, platform="provincial", connected_on=datetime.date(2020, 1, 1))
            for v in villages
            if rng.random() < 0.7
        ]
    )
    m.RuralCommunityDesignation.objects.bulk_create(
        [
            m.RuralCommunityDesignation(village=v, designated_on=datetime.date(2021, 1, 1), document_number="文")
            for v in villages
            if v.kind == "村" and rng.random() < 0.4
        ]
    )
    m.IncubationCentre.objects.bulk_create(
        [m.IncubationCentre(name="孵化", region=t, opened_on=datetime.date(2021, 1, 1)) for t in townships[:25]]
    )
    ctx_rng = type("Ctx", (), {"rng": rng})()
    orgs = [
        SocialOrganization(
            name=f"基准组织{n}",
            uscc=make_uscc(ctx_rng, "social_service_org", BENCH_COUNTY),
            org_type="social_service_org",
            category="social_work" if n % 20 == 0 else "education",
            registration_authority=county,
            region=rng.choice(villages),
            registered_on=_day(rng, datetime.date(2005, 1, 1), datetime.date(2024, 1, 1)),
            is_charity=n < 10,
            charity_recognised_on=datetime.date(2017, 1, 1) if n < 10 else None,
        )
        for n in range(600)
    ]
    SocialOrganization.objects.bulk_create(orgs)
    m.SocialOrgAnnualReport.objects.bulk_create(
        [
            m.SocialOrgAnnualReport(
                organization=o,
                year=y,
                fulltime_staff=rng.randint(0, 9),
                submitted_on=datetime.date(y + 1, 3, 1),
                status="accepted",
                reviewed_on=datetime.date(y + 1, 4, 1),
            )
            for o in orgs
            for y in range(max(2015, o.registered_on.year), today.year)
        ]
    )
    persons, workers = [], []
    certified = {
        "certificate_level": "assistant",
        "certificate_number": "Z",
        "certified_on": datetime.date(2020, 1, 1),
        "talent_basis": "certificate",
    }
    uncertified = {"certificate_level": "none", "talent_basis": "training"}
    for n in range(2500):
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n * 3)
        body = f"{BENCH_COUNTY}{birth:%Y%m%d}{n % 900 + 50:03d}"
        person = Person(
            id_number=body + ric.calc_check_digit(body + "0"),
            name="基准",
            sex="M",
            birth_date=birth,
            region=villages[n % len(villages)],
        )
        persons.append(person)
        workers.append(
            m.SocialWorker(
                person=person,
                region=villages[n % len(villages)],
                employer_kind="station",
                employer_name="站",
                **(certified if n % 10 == 0 else uncertified),
                active_from=_day(rng, datetime.date(2012, 1, 1), datetime.date(2024, 1, 1)),
            )
        )
    Person.objects.bulk_create(persons)
    m.SocialWorker.objects.bulk_create(workers)
    volunteers = int(100_000 * scale)
    now = timezone.now()
    fast_insert(
        m.Volunteer,
        [
            {
                "id_number": f"V{BENCH_COUNTY}{n:011d}",  # the bench needs unique keys, not valid numbers
                "name": "志愿者",
                "region": villages[n % len(villages)].code,
                "registered_on": _day(rng, datetime.date(2013, 1, 1), today),
                "deregistered_on": None,
                "source": "provincial",
                "external_id": "",
                "team": "",
                "service_hours": Decimal(0),
                "imported_at": None,
                "created_at": now,
                "updated_at": now,
            }
            for n in range(volunteers)
        ],
    )
    charities = orgs[:10]
    m.CharityDonation.objects.bulk_create(
        [
            m.CharityDonation(
                recipient=charities[n % 10],
                received_on=_day(rng, datetime.date(2016, 1, 1), today),
                donor_name="捐赠人",
                donor_type="person",
                cash_yuan=Decimal(rng.randint(10, 100000)),
            )
            for n in range(20_000)
        ]
    )
    outlets = [
        m.LotteryOutlet(
            outlet_number=f"B{n:06d}",
            name="网点",
            region=villages[n * 4],
            address="路",
            opened_on=datetime.date(2015, 1, 1),
        )
        for n in range(100)
    ]
    m.LotteryOutlet.objects.bulk_create(outlets)
    months = [datetime.date(y, mo, 1) for y in range(2016, today.year + 1) for mo in range(1, 13)]
    months = [mo for mo in months if mo <= today]
    m.LotterySalesReturn.objects.bulk_create(
        [m.LotterySalesReturn(outlet=o, month=mo, sales_yuan=Decimal(80000)) for o in outlets for mo in months]
    )
    return {"villages": len(villages), "volunteers": volunteers, "sales": len(outlets) * len(months)}


def _bench_roster_import(ctx: BenchContext, county) -> None:
    """A roster the size of 民乐县's (57 443 registered volunteers, notes/003.md §5) through the all-or-nothing
    import: every row parsed and checked, then written with its audit rows; then the same file again (no change)."""
    from civilaffairs.models import Region, User
    from community.services import volunteer_roster_import

    actor = User.objects.create(username="bench-community", role="county_staff", jurisdiction=county)
    villages = list(
        Region.objects.filter(level="village", code__startswith=BENCH_COUNTY).values_list("code", flat=True)
    )
    rows = []
    for n in range(57_443):
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=n % 20_000)
        body = f"{BENCH_COUNTY}{birth:%Y%m%d}{n // 20_000 * 100 + 7:03d}"
        rows.append(
            {
                "公民身份号码": body + ric.calc_check_digit(body + "0"),
                "姓名": "志愿者",
                "注册地区划代码": villages[n % len(villages)],
                "注册日期": "2021-03-05",
            }
        )
    for label in ("import 57 443-row roster (new rows, audited)", "import the same roster again (unchanged)"):
        start = time.perf_counter()
        report = volunteer_roster_import(actor=actor, rows=rows)
        elapsed = (time.perf_counter() - start) * 1000
        ctx.record(f"{label}: {report.created} new, {report.unchanged} unchanged", elapsed, "ms")
        ctx.record("  rows per second", len(rows) / (elapsed / 1000), "rows/s")


@register_benchmark("community", order=60)
def bench_community(ctx: BenchContext) -> None:
    from civilaffairs.models import Region
    from indicators import registry

    today = timezone.localdate()
    try:
        with transaction.atomic():
            start = time.perf_counter()
            sizes = _build(ctx.scale)
            ctx.record(
                f"build county ({sizes['villages']} villages, {sizes['volunteers']:,} volunteers, "
                f"{sizes['sales']:,} sales returns)",
                (time.perf_counter() - start) * 1000,
                "ms",
            )
            if connection.vendor == "postgresql":
                # DESIGN §8: after a bulk load the planner needs fresh statistics (ANALYZE runs inside a transaction).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            county = Region.objects.get(code=f"{BENCH_COUNTY}000000")
            total = 0.0
            for code, computation in sorted(registry.all_computations().items()):
                if not code.startswith("community."):
                    continue
                start = time.perf_counter()
                result = computation.compute(county, today)
                elapsed = (time.perf_counter() - start) * 1000
                total += elapsed
                value = "—" if result.value is None else f"{result.value:,.2f}"
                ctx.record(f"{code.removeprefix('community.')} = {value}"[:60], elapsed, "ms")
                start = time.perf_counter()
                list(computation.drilldown(county, today, "numerator")[:50])
                ctx.record("  drill-down, first page", (time.perf_counter() - start) * 1000, "ms")
            ctx.record("all 18 computations", total, "ms")
            _bench_roster_import(ctx, county)
            raise _Rollback
    except _Rollback:
        pass
