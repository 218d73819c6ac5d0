"""Demo records of child welfare for the five jurisdictions (seeder 45): township minor-protection stations
spreading from the 2020 baseline towards the targets (民乐县 18% in 2020), 儿童之家 and village points, a few
示范 sites, the county child-welfare institution and its minor rescue and protection role, and the 儿童督导员 /
儿童主任 roster (民乐县 2020: 11 / 183; training towards 100%). A few townships lag (no station).

Names other than the counties' own are invented; every person is synthetic. Deterministic per jurisdiction.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from stdnum.cn import ric

from childwelfare.choices import InstitutionKind, StationKind, WorkerRole
from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.choices import RegionKind, RegionLevel
from civilaffairs.demo import DemoContext, register_seeder
from civilaffairs.models import Person
from eldercare.demo_data import County, person_name


@dataclass(frozen=True)
class ChildProfile:
    county: str
    stations_2020: float  # share of townships with a station at the end of 2020
    stations_latest: float
    model_townships: float  # share of stations recognised as 示范站 by 2025
    childrens_homes: float  # share of villages with a 儿童之家
    model_villages: float  # share of villages recognised as 示范点 by 2025
    welfare_beds: int
    rescue_plated_on: datetime.date | None  # the county institution takes on the minor rescue role
    new_centre: tuple[str, str, datetime.date, int] | None = None  # township, name, opened, beds


PROFILES = [
    ChildProfile(
        "500236",
        stations_2020=0.0,
        stations_latest=0.91,
        model_townships=0.15,
        childrens_homes=0.7,
        model_villages=0.1,
        welfare_beds=100,
        rescue_plated_on=datetime.date(2021, 6, 1),
        # 专栏8 / 重点项目2: 奉节县未成年人保护中心, 夔州街道, 200 beds (2023–2025).
        new_centre=("夔州街道", "奉节县未成年人保护中心", datetime.date(2025, 12, 28), 200),
    ),
    ChildProfile(
        "511725",
        stations_2020=0.1,
        stations_latest=0.95,
        model_townships=0.45,
        childrens_homes=0.8,
        model_villages=0.42,
        welfare_beds=60,  # notes/000.md §5: 儿童福利机构 60 张
        rescue_plated_on=datetime.date(2024, 9, 1),  # 专栏5: 转型升级 by the end of 2025
    ),
    ChildProfile(
        "500119",
        stations_2020=0.05,
        stations_latest=0.95,
        model_townships=0.2,
        childrens_homes=0.7,
        model_villages=0.1,
        welfare_beds=80,
        rescue_plated_on=datetime.date(2020, 3, 1),
    ),
    ChildProfile(
        "620722",
        stations_2020=2 / 11,  # 18% in 2020 (notes/003.md §5)
        stations_latest=0.64,
        model_townships=0.2,
        childrens_homes=0.9,
        model_villages=0.05,
        welfare_beds=50,
        rescue_plated_on=datetime.date(2019, 5, 1),
    ),
    ChildProfile(
        "500190",
        stations_2020=0.0,
        stations_latest=0.6,
        model_townships=0.2,
        childrens_homes=0.6,
        model_villages=0.1,
        welfare_beds=0,
        rescue_plated_on=None,
    ),
]


def _date(rng: random.Random, first: int, last: int, today: datetime.date) -> datetime.date | None:
    year = rng.randint(first, max(first, last))
    day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return day if day <= today else None


def seed_county(profile: ChildProfile, ctx: DemoContext) -> tuple[int, int, int]:
    rng = random.Random(f"childwelfare-{profile.county}")
    county = County.load(profile.county, random.Random(f"eldercare-sites-{profile.county}-1.0"))
    if county is None or MinorProtectionStation.objects.filter(region__code__startswith=profile.county).exists():
        return 0, 0, 0
    today = ctx.today
    townships = [t for t in county.townships]
    stations = []
    # Township stations: the 2020 share first, then spread over 2021–2025; laggard townships have none.
    eligible = [t for t in townships if t.code not in county.laggards]
    rng.shuffle(eligible)
    before = round(profile.stations_2020 * len(townships))
    total = min(len(eligible), round(profile.stations_latest * len(townships)))
    for index, township in enumerate(eligible[:total]):
        established = _date(rng, 2018, 2020, today) if index < before else _date(rng, 2021, 2025, today)
        if established is None:
            continue
        station = MinorProtectionStation(
            name=f"{township.name}未成年人保护工作站",
            kind=StationKind.TOWNSHIP_STATION,
            region=township,
            established_on=established,
            staff_count=rng.randint(2, 5),
            staff_names=f"{person_name(rng)}、{person_name(rng)}",
            note="演示数据（非真实记录）",
        )
        if rng.random() < profile.model_townships:
            recognised = _date(rng, max(2022, established.year + 1), 2025, today)
            if recognised is not None:
                station.is_model, station.model_recognised_on = True, recognised
                station.model_recognised_by = f"{county.region.name}民政局（演示）"
        stations.append(station)
    for township in townships:
        for village in county.villages.get(township.code, []):
            if rng.random() >= profile.childrens_homes:
                continue
            established = _date(rng, 2016, 2022, today)
            if established is None:
                continue
            site = MinorProtectionStation(
                name=f"{village.name}儿童之家",
                kind=StationKind.CHILDRENS_HOME if village.kind == RegionKind.VILLAGE else StationKind.VILLAGE_POINT,
                region=village,
                established_on=established,
                staff_count=1,
                note="演示数据（非真实记录）",
            )
            if township.code not in county.laggards and rng.random() < profile.model_villages / profile.childrens_homes:
                recognised = _date(rng, max(2022, established.year + 1), 2025, today)
                if recognised is not None:
                    site.is_model, site.model_recognised_on = True, recognised
                    site.model_recognised_by = f"{county.region.name}民政局（演示）"
            stations.append(site)
    MinorProtectionStation.objects.bulk_create(stations, batch_size=2000)

    institutions = 0
    if profile.welfare_beds:
        plated = profile.rescue_plated_on
        ChildWelfareInstitution.objects.create(
            name=f"{county.region.name}儿童福利院",
            kind=InstitutionKind.COMBINED if plated else InstitutionKind.CHILD_WELFARE,
            region=county.region,
            opened_on=datetime.date(2012, 5, 1),
            rescue_function_since=plated,
            approval_document="演示批复文号" if plated else "",
            beds=profile.welfare_beds,
            note="演示数据（非真实记录）",
        )
        institutions += 1
    if profile.new_centre:
        township_name, name, opened, beds = profile.new_centre
        township = county.by_name(township_name)
        if township is not None and opened <= today:
            ChildWelfareInstitution.objects.create(
                name=name,
                kind=InstitutionKind.RESCUE_CENTRE,
                region=township,
                opened_on=opened,
                rescue_function_since=opened,
                beds=beds,
                note="演示数据（非真实记录）",
            )
            institutions += 1

    # 儿童督导员 (one per township) and 儿童主任 (one per village), appointed 2019–2022; most trained.
    slots = [(t, WorkerRole.SUPERVISOR) for t in townships]
    slots += [(v, WorkerRole.DIRECTOR) for t in townships for v in county.villages.get(t.code, [])]
    persons, posts, seen = [], [], set()
    for region, role in slots:
        born = datetime.date(rng.randint(1970, 1998), rng.randint(1, 12), rng.randint(1, 28))
        female = rng.random() < 0.6
        body = f"{profile.county}{born:%Y%m%d}{rng.randrange(0, 500) * 2 + (0 if female else 1):03d}"
        number = body + ric.calc_check_digit(body + "0")
        if number in seen:
            continue
        seen.add(number)
        home = region if region.level == RegionLevel.VILLAGE else (county.villages.get(region.code) or [None])[0]
        if home is None:
            continue
        persons.append(
            Person(id_number=number, name=person_name(rng), sex="F" if female else "M", birth_date=born, region=home)
        )
        appointed = datetime.date(rng.randint(2019, 2022), rng.randint(1, 12), rng.randint(1, 28))
        lagging = (region.parent_id if region.level == RegionLevel.VILLAGE else region.code) in county.laggards
        trained = None
        if rng.random() < (0.5 if lagging else 0.88):
            trained = min(today, appointed + datetime.timedelta(days=rng.randint(20, 400)))
        posts.append((region, role, appointed, trained))
    taken = set(Person.objects.filter(id_number__in=[p.id_number for p in persons]).values_list("id_number", flat=True))
    pairs = [(p, post) for p, post in zip(persons, posts, strict=True) if p.id_number not in taken]
    created = Person.objects.bulk_create([p for p, _ in pairs], batch_size=2000)
    workers = [
        ChildWorker(
            person=person,
            role=role,
            region=region,
            appointed_on=appointed,
            trained_on=trained,
            phone=f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}",
            note="演示数据",
        )
        for person, (region, role, appointed, trained) in zip(created, [post for _, post in pairs], strict=True)
    ]
    ChildWorker.objects.bulk_create(workers, batch_size=2000)
    return len(stations), institutions, len(workers)


@register_seeder("childwelfare", order=45)
def seed_childwelfare(ctx: DemoContext) -> str:
    parts = []
    for profile in PROFILES:
        with transaction.atomic():
            stations, institutions, workers = seed_county(profile, ctx)
        if stations or workers:
            parts.append(
                f"{profile.county}: {stations} stations and points, {institutions} institutions, {workers} workers"
            )
    return "; ".join(parts) or "already present"
