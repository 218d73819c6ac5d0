"""Demo records of elder care for the five jurisdictions (seeders 40–42), consistent with the seeds' 2020 figures
and moving towards the 2025 targets, with a few townships lagging so the dashboard has laggards to drill into.

What the seeds state is reproduced at the 2020 baseline (notes §5): 奉节县 32 养老机构 and 4000 beds, 护理型 32.3%
(table), 政府运营 28%, comprehensive institutions in 58% of townships (≈19 of 33), 基本质量达标率 65%; 渠县 护理型
30%; 南川区 护理型 31.5%, 30 beds per 1000 elderly, comprehensive 18%; 民乐县 2072 beds, 护理型 3.8%, comprehensive 0;
高新区 15 institutions, 5 community centres, 21 stations, 1133 beds. Names of individual homes other than those the
seeds name (奉节县社会福利院, 草堂社会福利院, 频福来养老服务中心, the 18 township centres of 奉节's project list)
are invented; every person is synthetic. The township centres built before 2021 are community facilities (their
beds count in the bed totals but not in the nursing share); those of the 14th FYP (奉节: its 18 named centres, less
the lagging townships) are filed institutions of type 乡镇（街道）养老服务中心.

Deterministic: a generator seeded per jurisdiction, independent of other apps' seeders. ``--scale`` grows the roster
of special-difficulty elderly (and with it the monthly visits) towards a real county; the sites are a county's.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from stdnum.cn import ric

from civilaffairs.choices import RegionKind, RegionLevel
from civilaffairs.demo import GIVEN, SURNAMES, DemoContext, register_seeder
from civilaffairs.models import Person, Region, RegionStat
from eldercare.choices import (
    AssessmentKind,
    ClosureReason,
    DisabilityLevel,
    FacilityType,
    InstitutionType,
    OperationMode,
    Ownership,
    QualityResult,
    RemovalReason,
    VisitType,
)
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)

BASELINE_YEAR, TARGET_YEAR = 2020, 2025
COMPREHENSIVE = ("full_care", "day_care", "home_service")
FUNCTIONS = ("full_care", "day_care", "home_service", "meals", "rehab", "guidance")
TOWNSHIP_KINDS = (RegionKind.TOWN, RegionKind.TOWNSHIP, RegionKind.ETHNIC_TOWNSHIP, RegionKind.SUBDISTRICT, "社管委")


@dataclass(frozen=True)
class ElderProfile:
    county: str
    institutions: int  # 养老机构 at the end of 2020
    institution_beds: int
    facility_beds: int  # 托养 beds of community facilities
    nursing_2020: float
    nursing_latest: float
    government_share: float
    comprehensive_2020: float  # share of townships
    comprehensive_latest: float
    quality_2020: float
    quality_latest: float
    roster: int  # special-difficulty elderly at scale 1
    urban_stations: float = 0.8  # share of urban communities with a station
    rural_points: float = 0.2  # share of villages with a mutual-aid point
    new_centres: tuple[str, ...] = ()  # townships named for new centres (奉节's project list)
    named: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # township → (type, name, beds)
    aged_60_plus: int | None = None  # demo township split when no statistic exists


PROFILES = [
    ElderProfile(
        "500236",
        institutions=32,
        institution_beds=3520,
        facility_beds=480,
        nursing_2020=0.323,
        nursing_latest=0.61,
        government_share=0.28,
        comprehensive_2020=19 / 33,
        comprehensive_latest=0.91,
        quality_2020=0.76,
        quality_latest=0.93,
        roster=400,
        new_centres=(
            "夔州街道",
            "夔门街道",
            "长安土家族乡",
            "汾河镇",
            "公平镇",
            "康坪乡",
            "青莲镇",
            "青龙镇",
            "石岗乡",
            "太和土家族乡",
            "白帝镇",
            "冯坪乡",
            "鹤峰乡",
            "红土乡",
            "岩湾乡",
            "草堂镇",
            "朱衣镇",
            "羊市镇",
        ),
        named={
            "草堂镇": (InstitutionType.WELFARE_HOME, "奉节县草堂社会福利院", 300),
            "夔门街道": (InstitutionType.OTHER, "奉节县频福来养老服务中心", 200),
        },
    ),
    ElderProfile(
        "511725",
        institutions=58,
        institution_beds=6400,
        facility_beds=1420,
        nursing_2020=0.30,
        nursing_latest=0.56,
        government_share=0.45,
        comprehensive_2020=0.22,
        comprehensive_latest=0.65,
        quality_2020=0.6,
        quality_latest=0.9,
        roster=300,
    ),
    ElderProfile(
        "500119",
        institutions=30,
        institution_beds=3500,
        facility_beds=550,
        nursing_2020=0.315,
        nursing_latest=0.58,
        government_share=0.35,
        comprehensive_2020=6 / 34,
        comprehensive_latest=0.85,
        quality_2020=0.7,
        quality_latest=0.9,
        roster=120,
        aged_60_plus=135000,
    ),
    ElderProfile(
        "620722",
        institutions=12,
        institution_beds=2072,
        facility_beds=0,
        nursing_2020=0.038,
        nursing_latest=0.5,
        government_share=0.6,
        comprehensive_2020=0.0,
        comprehensive_latest=0.55,
        quality_2020=0.6,
        quality_latest=0.85,
        roster=100,
        rural_points=0.4,
    ),
    ElderProfile(
        "500190",
        institutions=15,
        institution_beds=900,
        facility_beds=233,
        nursing_2020=0.35,
        nursing_latest=0.62,
        government_share=0.3,
        comprehensive_2020=0.4,
        comprehensive_latest=0.9,
        quality_2020=0.7,
        quality_latest=0.8,
        roster=100,
        urban_stations=0.7,
    ),
]

FINDINGS = [
    "身体状况稳定，生活能自理",
    "独自居住，屋内整洁，饮食正常",
    "血压偏高，按时服药",
    "行动不便，需要助餐服务",
    "家中电线老化，存在安全隐患",
    "子女外出务工，情绪低落",
    "冬季取暖不足",
    "慢性病用药将尽",
]
ASSISTANCE = [
    "测量血压，叮嘱按时服药",
    "代购生活用品和药品",
    "联系村医上门诊疗",
    "协助申请高龄津贴",
    "联系电工更换老化电线",
    "陪同聊天，联系子女视频通话",
    "送去棉被和取暖器",
    "登记助餐服务需求",
]
PROBLEMS = [
    "消防通道堆放杂物",
    "护理员持证上岗比例不足",
    "食品留样记录不全",
    "老年人能力评估未按期开展",
    "应急预案未演练",
]


def _rng(profile: ElderProfile, part: str, scale: float) -> random.Random:
    return random.Random(f"eldercare-{part}-{profile.county}-{scale}")


def progress(year: int) -> float:
    return max(0.0, min(1.0, (year - BASELINE_YEAR) / (TARGET_YEAR - BASELINE_YEAR)))


def day_in(
    rng: random.Random, year: int, today: datetime.date, first: int = 1, last: int = 365
) -> datetime.date | None:
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(first, last) - 1)
    return day if day <= today else None


def person_name(rng: random.Random) -> str:
    given = rng.choice([GIVEN[i : i + 2] for i in range(0, len(GIVEN) - 1, 2)] + list(GIVEN))
    return rng.choice(SURNAMES) + given


@dataclass
class County:
    """The regions of one jurisdiction the generator works with."""

    region: Region
    townships: list[Region]
    villages: dict[str, list[Region]]
    laggards: set[str]

    @classmethod
    def load(cls, code: str, rng: random.Random) -> County | None:
        county = Region.objects.filter(code=f"{code}000000").first()
        if county is None:
            return None
        townships = list(
            Region.objects.filter(
                code__startswith=code, level=RegionLevel.TOWNSHIP, kind__in=TOWNSHIP_KINDS, abolished_on__isnull=True
            ).order_by("code")
        )
        villages: dict[str, list[Region]] = {t.code: [] for t in townships}
        for village in Region.objects.filter(
            code__startswith=code, level=RegionLevel.VILLAGE, abolished_on__isnull=True
        ):
            villages.setdefault(village.parent_id, []).append(village)
        # About one township in ten lags on everything (no new centre, low nursing share, patchy visits).
        rural = [t for t in townships if t.kind != RegionKind.SUBDISTRICT]
        laggards = {t.code for t in rng.sample(rural, max(1, len(townships) // 10))} if rural else set()
        return cls(county, townships, villages, laggards)

    def by_name(self, name: str) -> Region | None:
        return next((t for t in self.townships if t.name == name), None)

    def is_urban(self, township: Region) -> bool:
        return township.kind == RegionKind.SUBDISTRICT or township.urban_rural == "urban"


def _institution(region, itype, name, ownership, opened, beds, nursing, mode, functions, rng, today):
    filed = opened + datetime.timedelta(days=rng.randint(0, 30))
    home = ElderCareInstitution.objects.create(
        name=name,
        region=region,
        institution_type=itype,
        ownership=ownership,
        opened_on=opened,
        filed_on=filed if filed <= today else None,
        filing_number=f"演示备{region.code[:6]}{rng.randint(10000, 99999)}",
        medical_integration=rng.random() < 0.4,
        star_rating=rng.choice([None, None, 2, 3, 3, 4]),
        star_rated_on=None,
        note="演示数据（非真实记录）",
    )
    if home.star_rating:
        home.star_rated_on = datetime.date(rng.randint(2019, 2023), rng.randint(1, 12), 15)
        home.save(update_fields=["star_rated_on"])
    return home, _version(home, opened, beds, nursing, mode, functions)


def _version(site, on, beds, nursing, mode, functions, day_rest=0, operator=""):
    return ElderCareBedInventory(
        site=site,
        effective_on=on,
        total_beds=beds,
        nursing_beds=min(nursing, beds),
        day_rest_beds=day_rest,
        operation_mode=mode,
        operator_name=operator,
        note="演示数据",
        **{f"offers_{name}": name in functions for name in FUNCTIONS},
    )


def _operator(rng: random.Random, place: str) -> str:
    return f"{place}{rng.choice(['康乐', '颐养', '福寿', '夕阳红', '安康'])}养老服务有限公司（演示）"


def seed_sites(profile: ElderProfile, ctx: DemoContext) -> tuple[int, int, int]:
    """Institutions, community facilities, their inventory history and quality inspections of one jurisdiction."""
    rng = _rng(profile, "sites", 1.0)
    county = County.load(profile.county, rng)
    if county is None or ElderCareInstitution.objects.filter(region__code__startswith=profile.county).exists():
        return 0, 0, 0
    today = ctx.today
    townships = county.townships
    rural = [t for t in townships if not county.is_urban(t)]
    urban = [t for t in townships if county.is_urban(t)] or townships[:1]
    versions: list[ElderCareBedInventory] = []
    homes: list[tuple[ElderCareInstitution, Region, str, float]] = []  # (home, township, kind, target nursing)

    # --- 2020: the institutions -----------------------------------------------------------------------------
    slots: list[tuple[Region, str, str, int | None]] = [
        (county.region, InstitutionType.WELFARE_HOME, f"{county.region.name}社会福利院", None)
    ]
    n_disabled = max(1, round(profile.institutions * 0.08))
    n_private = max(2, round(profile.institutions * 0.15))
    for township_name, (itype, name, beds) in profile.named.items():
        township = county.by_name(township_name)
        if township is not None:
            slots.append((township, itype, name, beds))
    for township in rng.sample(rural or townships, min(n_disabled, len(rural or townships))):
        slots.append(
            (township, InstitutionType.DISABLED_TEKUN_CENTRE, f"{township.name}失能特困人员集中照护中心", None)
        )
    homes_needed = profile.institutions - len(slots) - n_private
    for township in (rural or townships)[: max(0, homes_needed)]:
        slots.append((township, InstitutionType.TEKUN_HOME, f"{county.region.name}{township.name}敬老院", None))
    while len(slots) < profile.institutions:
        township = rng.choice(urban)
        slots.append((township, InstitutionType.PRIVATE_HOME, f"{township.name}{rng.choice('康颐福寿乐')}养老院", None))
    weights = {
        InstitutionType.OTHER: 1.3,
        InstitutionType.WELFARE_HOME: 2.2,
        InstitutionType.DISABLED_TEKUN_CENTRE: 1.4,
        InstitutionType.TEKUN_HOME: 1.0,
        InstitutionType.PRIVATE_HOME: 1.3,
    }
    nursing_weight = {
        InstitutionType.OTHER: 1.4,
        InstitutionType.WELFARE_HOME: 1.2,
        InstitutionType.DISABLED_TEKUN_CENTRE: 2.6,
        InstitutionType.TEKUN_HOME: 0.6,
        InstitutionType.PRIVATE_HOME: 1.4,
    }
    fixed = sum(beds for *_, beds in slots if beds)
    free = [weights[itype] * rng.uniform(0.7, 1.3) for _, itype, _, beds in slots if not beds]
    unit = max(0, profile.institution_beds - fixed) / sum(free) if free else 0
    free_iter = iter(free)
    beds_of = [beds or max(20, round(next(free_iter) * unit)) for *_, beds in slots]
    share_weight = [nursing_weight[itype] * rng.uniform(0.7, 1.3) for _, itype, _, _ in slots]
    k = profile.nursing_2020 * sum(beds_of) / sum(b * w for b, w in zip(beds_of, share_weight, strict=True))
    total_beds = sum(beds_of) + profile.facility_beds
    government_beds = 0
    for (region, itype, name, _), beds, weight in zip(slots, beds_of, share_weight, strict=True):
        township = region if region.level == RegionLevel.TOWNSHIP else None
        share_2020 = min(0.95, weight * k)
        private = itype == InstitutionType.PRIVATE_HOME
        if private:
            mode, ownership = OperationMode.PRIVATE, Ownership.PRIVATE
        elif itype in (InstitutionType.WELFARE_HOME, InstitutionType.DISABLED_TEKUN_CENTRE) and region == county.region:
            mode, ownership = OperationMode.GOVERNMENT, Ownership.PUBLIC
        elif government_beds + beds <= profile.government_share * total_beds and itype != InstitutionType.OTHER:
            mode, ownership = OperationMode.GOVERNMENT, Ownership.PUBLIC
        else:
            mode, ownership = rng.choice([OperationMode.PUBLIC_PRIVATE, OperationMode.ENTRUSTED]), Ownership.PUBLIC
        if mode == OperationMode.GOVERNMENT:
            government_beds += beds
        opened = datetime.date(rng.randint(2003, 2019), rng.randint(1, 12), rng.randint(1, 28))
        functions = ["full_care", "meals"] + (["rehab"] if share_2020 > 0.4 else [])
        home, version = _institution(
            region, itype, name, ownership, opened, beds, round(beds * share_2020), mode, functions, rng, today
        )
        if mode not in (OperationMode.GOVERNMENT, OperationMode.PRIVATE):
            version.operator_name = _operator(rng, (township or region).name)
        versions.append(version)
        lagging = township is not None and township.code in county.laggards
        target = share_2020 if lagging else min(0.9, share_2020 + (profile.nursing_latest - profile.nursing_2020) * 1.1)
        homes.append((home, township, itype, target))

    # --- community facilities: 2020 township centres (comprehensive) and stations --------------------------
    comprehensive_2020 = round(profile.comprehensive_2020 * len(townships))
    candidates = [t for t in townships if t.name not in profile.new_centres or t.name == "夔门街道"]
    candidates += [t for t in townships if t not in candidates]
    centre_townships = candidates[:comprehensive_2020]
    facilities: list[tuple[CommunityElderCareFacility, Region]] = []
    for township in centre_townships:
        opened = datetime.date(rng.randint(2016, 2020), rng.randint(1, 12), rng.randint(1, 28))
        centre = CommunityElderCareFacility.objects.create(
            name=f"{township.name}养老服务中心",
            region=township,
            facility_type=FacilityType.COMMUNITY_CENTRE,
            ownership=Ownership.PUBLIC,
            opened_on=opened,
            floor_area=rng.randint(800, 3000),
            note="演示数据（非真实记录）",
        )
        beds = rng.randint(15, 35)
        mode = OperationMode.PUBLIC_PRIVATE if rng.random() < 0.75 else OperationMode.GOVERNMENT
        functions = (*COMPREHENSIVE, "meals", "rehab")
        versions.append(_version(centre, opened, beds, round(beds * 0.3), mode, functions, day_rest=rng.randint(5, 15)))
        facilities.append((centre, township))
    centre_beds = sum(v.total_beds for v in versions if isinstance(v.site, CommunityElderCareFacility))
    station_beds_left = max(0, profile.facility_beds - centre_beds)
    stations: list[tuple[Region, Region]] = []
    for township in townships:
        for village in county.villages.get(township.code, []):
            urban_village = village.kind == RegionKind.COMMUNITY
            if rng.random() < (profile.urban_stations if urban_village else profile.rural_points):
                stations.append((village, township))
    per_station = station_beds_left / max(1, len(stations))
    for village, _township in stations:
        urban_village = village.kind == RegionKind.COMMUNITY
        opened = datetime.date(rng.randint(2016, 2020), rng.randint(1, 12), rng.randint(1, 28))
        station = CommunityElderCareFacility.objects.create(
            name=f"{village.name}{'社区养老服务站' if urban_village else '农村互助养老点'}",
            region=village,
            facility_type=FacilityType.COMMUNITY_STATION if urban_village else FacilityType.RURAL_MUTUAL_AID,
            ownership=Ownership.PUBLIC,
            opened_on=opened,
            note="演示数据（非真实记录）",
        )
        beds = max(0, round(per_station * rng.uniform(0.3, 1.7)))
        mode = OperationMode.PUBLIC_PRIVATE if rng.random() < 0.7 else OperationMode.GOVERNMENT
        versions.append(_version(station, opened, beds, 0, mode, ("day_care", "meals"), day_rest=rng.randint(2, 8)))

    # --- 2021 onwards: upgrades, new township centres, a closure, a cut-back ------------------------------
    last_year = min(today.year, TARGET_YEAR + 1)
    for home, township, itype, target in homes:
        current = next(v for v in versions if v.site_id == home.pk)
        for year in range(BASELINE_YEAR + 1, last_year + 1):
            on = day_in(rng, year, today, 30, 330)
            if on is None or rng.random() < 0.3:
                continue
            share = current.nursing_beds / current.total_beds if current.total_beds else 0
            new_share = share + (target - share) * min(1.0, progress(year) + 0.2)
            beds = current.total_beds + (rng.choice([0, 0, 10, 20]) if itype != InstitutionType.TEKUN_HOME else 0)
            functions = set(current.functions) | ({"rehab"} if new_share > 0.45 else set())
            if (
                itype == InstitutionType.TEKUN_HOME
                and year >= 2022
                and township
                and township.code not in county.laggards
            ):
                functions |= {"day_care"}  # 提档升级: day care added to the upgraded 敬老院
            nursing = round(beds * new_share)
            if nursing == current.nursing_beds and beds == current.total_beds:
                continue
            current = _version(
                home, on, beds, nursing, current.operation_mode, functions, operator=current.operator_name
            )
            versions.append(current)
    have = {t.code for t in centre_townships}
    wanted = round(profile.comprehensive_latest * len(townships)) - len(have)
    named = [county.by_name(n) for n in profile.new_centres]
    pool = [t for t in named if t is not None] + [t for t in townships if t not in named]
    new_centres = [t for t in pool if t.code not in county.laggards and t.code not in have][: max(0, wanted)]
    for index, township in enumerate(new_centres):
        year = BASELINE_YEAR + 1 + index * (TARGET_YEAR - BASELINE_YEAR) // max(1, len(new_centres))
        opened = day_in(rng, year, today, 30, 330)
        if opened is None:
            continue
        beds = rng.randint(20, 100)
        mode = OperationMode.PUBLIC_PRIVATE if rng.random() < 0.7 else OperationMode.GOVERNMENT
        home, version = _institution(
            township,
            InstitutionType.TOWNSHIP_CENTRE,
            f"{township.name}养老服务中心" if township.code not in have else f"{township.name}区域养老服务中心",
            Ownership.PUBLIC,
            opened,
            beds,
            round(beds * rng.uniform(0.55, 0.75)),
            mode,
            (*COMPREHENSIVE, "meals", "rehab", "guidance"),
            rng,
            today,
        )
        if mode == OperationMode.PUBLIC_PRIVATE:
            version.operator_name = _operator(rng, township.name)
        versions.append(version)
        homes.append((home, township, InstitutionType.TOWNSHIP_CENTRE, 0.65))
    # A laggard's 2020 centre stopped home services in 2023: no longer comprehensive (功能取消).
    for centre, township in facilities:
        if township.code in county.laggards:
            on = day_in(rng, 2023, today, 60, 200)
            if on is not None:
                versions.append(
                    _version(centre, on, 20, 6, OperationMode.GOVERNMENT, ("full_care", "day_care", "meals"))
                )
            break
    # One private home deregistered in 2022.
    private = [
        h for h, _, itype, _ in homes if itype == InstitutionType.PRIVATE_HOME and h.ownership == Ownership.PRIVATE
    ]
    if private:
        closed = private[-1]
        closed.closed_on, closed.closure_reason = datetime.date(2022, 9, 30), ClosureReason.DEREGISTERED
        closed.save(update_fields=["closed_on", "closure_reason"])
    ElderCareBedInventory.objects.bulk_create(versions, batch_size=2000)

    # --- quality inspections: yearly, 2020 onwards; failures rectified and re-checked ---------------------
    assessments = []
    for home, township, _itype, _target in homes:
        base_day = rng.randint(60, 300)
        lagging = township is not None and township.code in county.laggards
        for year in range(BASELINE_YEAR, last_year + 1):
            on = day_in(rng, year, today, base_day - 10, base_day + 10)
            if on is None or not home.is_in_service(on):
                continue
            chance = profile.quality_2020 + (profile.quality_latest - profile.quality_2020) * progress(year)
            passed = rng.random() < chance - (0.25 if lagging else 0)
            problem = "" if passed else rng.choice(PROBLEMS)
            row = ElderCareQualityAssessment(
                institution=home,
                assessed_on=on,
                kind=AssessmentKind.ANNUAL,
                result=QualityResult.PASS if passed else QualityResult.FAIL,
                score=rng.randint(85, 98) if passed else rng.randint(60, 79),
                inspector=f"{county.region.name}民政局养老服务科（演示）",
                problems=problem,
                rectification_due_on=None if passed else on + datetime.timedelta(days=60),
            )
            assessments.append(row)
            recheck = on + datetime.timedelta(days=rng.randint(45, 75))
            # Re-checks after rectification became routine during the plan period (2020: few).
            if not passed and recheck <= today and rng.random() < 0.15 + 0.7 * progress(year):
                row.rectified_on = recheck
                assessments.append(
                    ElderCareQualityAssessment(
                        institution=home,
                        assessed_on=recheck,
                        kind=AssessmentKind.RECHECK,
                        result=QualityResult.PASS,
                        score=rng.randint(82, 92),
                        inspector=row.inspector,
                        problems="",
                    )
                )
    ElderCareQualityAssessment.objects.bulk_create(assessments, batch_size=2000)
    institutions = ElderCareInstitution.objects.filter(region__code__startswith=profile.county).count()
    return institutions, len(facilities) + len(stations), len(assessments)


def seed_aged_statistics(profile: ElderProfile, ctx: DemoContext) -> int:
    """A demo township split of the 60+ population where no statistic exists (labelled; beds per 1000 needs it)."""
    if profile.aged_60_plus is None:
        return 0
    if RegionStat.objects.filter(region__code__startswith=profile.county, aged_60_plus__isnull=False).exists():
        return 0
    rng = _rng(profile, "stats", 1.0)
    townships = list(Region.objects.filter(code__startswith=profile.county, level=RegionLevel.TOWNSHIP))
    weights = [rng.uniform(0.5, 1.5) for _ in townships]
    written = 0
    for year in range(BASELINE_YEAR, ctx.today.year + 1):
        growth = 1 + 0.025 * (year - BASELINE_YEAR)
        for township, weight in zip(townships, weights, strict=True):
            aged = round(profile.aged_60_plus * growth * weight / sum(weights))
            stat, created = RegionStat.objects.get_or_create(
                region=township,
                year=year,
                defaults={"aged_60_plus": aged, "source": "演示数据（非真实统计）", "is_demo": True},
            )
            if not created and stat.aged_60_plus is None:
                RegionStat.objects.filter(pk=stat.pk).update(aged_60_plus=aged)
            written += 1
    return written


def seed_roster(profile: ElderProfile, ctx: DemoContext) -> tuple[int, int]:
    """Special-difficulty elderly (new synthetic persons aged 60+) and their monthly visits since listing."""
    rng = _rng(profile, "roster", ctx.scale)
    county = County.load(profile.county, _rng(profile, "sites", 1.0))
    if county is None or ElderlyPerson.objects.filter(person__region__code__startswith=profile.county).exists():
        return 0, 0
    today = ctx.today
    villages = [v for t in county.townships for v in county.villages.get(t.code, [])]
    if not villages:
        return 0, 0
    count = max(10, int(profile.roster * ctx.scale))
    persons, plans, seen = [], [], set()
    area = profile.county
    for _ in range(count):
        village = rng.choice(villages)
        listed = datetime.date(2020, 1, 1) + datetime.timedelta(
            days=rng.randint(0, max(1, (today - datetime.date(2020, 1, 1)).days - 40))
        )
        born = listed - datetime.timedelta(days=rng.randint(60 * 365 + 20, 95 * 365))
        female = rng.random() < 0.55
        order = rng.randrange(0, 500) * 2 + (0 if female else 1)
        body = f"{area}{born:%Y%m%d}{order:03d}"
        number = body + ric.calc_check_digit(body + "0")
        if number in seen:
            continue
        seen.add(number)
        removed, reason = None, ""
        if rng.random() < 0.12:
            removed = listed + datetime.timedelta(days=rng.randint(60, 1500))
            if removed >= today:
                removed = None
            else:
                reason = rng.choice(
                    [RemovalReason.DIED] * 5 + [RemovalReason.ENTERED_INSTITUTION] * 3 + [RemovalReason.MOVED_OUT] * 2
                )
        persons.append(
            Person(
                id_number=number,
                name=person_name(rng),
                sex="F" if female else "M",
                birth_date=born,
                region=village,
                death_date=removed if reason == RemovalReason.DIED else None,
            )
        )
        plans.append((listed, removed, reason))
    taken = set(Person.objects.filter(id_number__in=[p.id_number for p in persons]).values_list("id_number", flat=True))
    pairs = [(p, plan) for p, plan in zip(persons, plans, strict=True) if p.id_number not in taken]
    created = Person.objects.bulk_create([p for p, _ in pairs], batch_size=2000)
    entries = []
    for person, (listed, removed, reason) in zip(created, [plan for _, plan in pairs], strict=True):
        categories = set(
            rng.sample(
                [
                    "living_alone",
                    "empty_nest",
                    "left_behind",
                    "disabled",
                    "severely_disabled",
                    "family_planning_special",
                ],
                rng.choice([1, 1, 2]),
            )
        )
        entries.append(
            ElderlyPerson(
                person=person,
                listed_on=listed,
                removed_on=removed,
                removal_reason=reason,
                lives_at_home=True,
                disability_level=rng.choice(list(DisabilityLevel.values)) if "disabled" in categories else "",
                contact_name=person_name(rng),
                contact_phone=f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}",
                visitor_name=f"养老助理 {person_name(rng)}",
                note="演示数据",
                **{
                    f"is_{name}": name in categories
                    for name in (
                        "living_alone",
                        "empty_nest",
                        "left_behind",
                        "disabled",
                        "severely_disabled",
                        "family_planning_special",
                    )
                },
            )
        )
    entries = ElderlyPerson.objects.bulk_create(entries, batch_size=2000)
    visits: list[ElderlyVisit] = []
    written = 0
    for entry in entries:
        township = entry.person.region.parent_id
        lagging = township in county.laggards
        end = entry.removed_on - datetime.timedelta(days=1) if entry.removed_on else today
        month = datetime.date(entry.listed_on.year, entry.listed_on.month, 1)
        usual_day = rng.randint(3, 24)  # visitors keep to a rhythm: about the same day each month
        while month <= end:
            year_progress = progress(month.year)
            chance = (0.6 + 0.15 * year_progress) if lagging else (0.84 + 0.15 * year_progress)
            if rng.random() < chance:
                day = usual_day + rng.randint(-3, 3)
                if month.year == today.year and month.month == today.month:
                    day = min(day, today.day - 1)  # this month's round is done up to yesterday
                on = month + datetime.timedelta(days=max(0, day))
                if entry.listed_on <= on <= end:
                    kind = rng.choices([VisitType.HOME, VisitType.PHONE, VisitType.VIDEO], [88, 10, 2])[0]
                    finding = rng.randrange(len(FINDINGS))
                    visits.append(
                        ElderlyVisit(
                            elderly=entry,
                            region_id=entry.person.region_id,
                            visited_on=on,
                            visit_type=kind,
                            visitor_name=entry.visitor_name,
                            findings=FINDINGS[finding],
                            assistance=ASSISTANCE[finding],
                            needs_follow_up=finding in (3, 4, 7),
                        )
                    )
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        if len(visits) >= 20000:
            ElderlyVisit.objects.bulk_create(visits, batch_size=5000)
            written += len(visits)
            visits = []
    ElderlyVisit.objects.bulk_create(visits, batch_size=5000)
    written += len(visits)
    return len(entries), written


@register_seeder("eldercare-sites", order=40)
def seed_eldercare_sites(ctx: DemoContext) -> str:
    parts = []
    for profile in PROFILES:
        with transaction.atomic():
            institutions, facilities, assessments = seed_sites(profile, ctx)
            stats = seed_aged_statistics(profile, ctx)
        if institutions:
            parts.append(
                f"{profile.county}: {institutions} institutions, {facilities} facilities, {assessments} inspections"
            )
        if stats:
            parts.append(f"{profile.county}: {stats} demo 60+ statistics")
    return "; ".join(parts) or "already present"


@register_seeder("eldercare-roster", order=42)
def seed_eldercare_roster(ctx: DemoContext) -> str:
    parts = []
    for profile in PROFILES:
        with transaction.atomic():
            entries, visits = seed_roster(profile, ctx)
        if entries:
            parts.append(f"{profile.county}: {entries} elderly, {visits} visits")
    return "; ".join(parts) or "already present"
