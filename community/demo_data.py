"""Demo records of the community registers for the five jurisdictions, consistent with the seeds' 2020 figures and
moving towards their 2025 targets, with some townships lagging (seeders 50–58).

Every number a seed states is reproduced (奉节: 392 facilities of which 40% with a volunteer station, 1980 social
work talents of whom 190 certified, 3057.2万元 donations, 65 lottery outlets; 南川区: 478 organisations, 6.5 per
10 000, 0.15‰ certified social workers, volunteers 13% of residents; 民乐县: 319 organisations, 465 full-time staff,
103 certified social workers, 21.25 m² per 100 households; 高新区: 156 organisations, 399 social work talents,
8640万元 lottery sales; 渠县: 206 organisations, 1305 talents of whom 7 certified, a county 孵化园). What no seed
states is invented and labelled as demo data (notes: seed notes §5). Deterministic: ``ctx.rng`` only. Record counts
are those of a real county whatever ``--scale`` is — the indicators are counts of these records — except the filed
community organisations and the donation rows, which ``--scale`` multiplies.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from civilaffairs.choices import RegionKind, RegionLevel, Role
from civilaffairs.demo import DemoContext, register_seeder
from civilaffairs.models import Person, Region, RegionStat, User
from community.choices import (
    USCC_TYPE_DIGIT,
    CertificateLevel,
    DonationKind,
    DonorType,
    EmployerKind,
    FacilityKind,
    FacilityTenure,
    LeaveReason,
    OrgCategory,
    OrgStatus,
    OrgType,
    OutletKind,
    Platform,
    RegistrationKind,
    ReportStatus,
    TalentBasis,
    VolunteerSource,
)
from community.models import (
    CharityDonation,
    CommunityPlatformAccess,
    CommunityServiceFacility,
    IncubationCentre,
    LotteryOutlet,
    LotterySalesReturn,
    RuralCommunityDesignation,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
    VolunteerStation,
)

DEMO_SOURCE = "演示数据（非真实统计）"
FIRST_YEAR = 2016  # the 13th FYP: history before the 2020 baseline
BATCH = 2000


def fast_insert(model, rows: list[dict]) -> None:
    """Insert plain rows through the backend's own value adapters, without building model instances: the demo's
    rosters run to a few hundred thousand rows, which ``bulk_create`` takes a minute over on SQLite."""
    if not rows:
        return
    ops = connection.ops
    fields = [model._meta.get_field(name) for name in rows[0]]
    adapters = []
    for f in fields:
        internal = f.get_internal_type()
        if internal == "DateField":
            adapters.append(ops.adapt_datefield_value)
        elif internal == "DateTimeField":
            adapters.append(ops.adapt_datetimefield_value)
        elif internal == "DecimalField":
            adapters.append(lambda v, f=f: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places))
        else:
            adapters.append(lambda v: v)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            chunk = rows[start : start + 5000]
            cursor.executemany(
                sql, [[adapt(v) for adapt, v in zip(adapters, row.values(), strict=True)] for row in chunk]
            )


@dataclass(frozen=True)
class Trend:
    """A figure at the end of 2020 and of 2025; other years on the same line (before 2020 at ``before`` × the
    slope, the 13th FYP's pace), never below zero; ``cap`` bounds shares."""

    y2020: float
    y2025: float
    before: float = 0.8
    cap: float | None = None

    def at(self, year: int) -> float:
        slope = (self.y2025 - self.y2020) / 5
        value = self.y2020 + slope * (year - 2020) if year >= 2020 else self.y2020 - slope * self.before * (2020 - year)
        value = max(0.0, value)
        return min(value, self.cap) if self.cap is not None else value


@dataclass
class Profile:
    code: str
    name: str
    households: int | None = None  # seeded per township (demo) where no village figures exist
    registered_population: int | None = None
    facility_share: Trend = field(default_factory=lambda: Trend(1.0, 1.0, cap=1.0))  # villages with a facility
    area_per_100: Trend = field(default_factory=lambda: Trend(22, 31))
    station_share: Trend = field(default_factory=lambda: Trend(0.4, 0.82, cap=1.0))
    platform_urban: Trend = field(default_factory=lambda: Trend(0.6, 0.95, cap=1.0))
    platform_rural: Trend = field(default_factory=lambda: Trend(0.3, 0.8, cap=1.0))
    rural_building: Trend = field(default_factory=lambda: Trend(0.3, 0.45, cap=1.0))
    orgs: Trend = field(default_factory=lambda: Trend(250, 320))
    social_work_orgs: Trend = field(default_factory=lambda: Trend(3, 6))
    filed_orgs: int = 0
    fulltime_staff: Trend = field(default_factory=lambda: Trend(600, 800))
    incubation_townships: Trend = field(default_factory=lambda: Trend(1, 4))
    charities: int = 3
    donations: Trend = field(default_factory=lambda: Trend(5_000_000, 8_000_000))
    talent: Trend = field(default_factory=lambda: Trend(500, 700))
    certified: Trend = field(default_factory=lambda: Trend(30, 70))  # national certificate
    local_certified: Trend = field(default_factory=lambda: Trend(0, 0))  # 社工员 (local qualification)
    volunteers: Trend | None = None
    outlets: Trend = field(default_factory=lambda: Trend(40, 48))
    sales: Trend = field(default_factory=lambda: Trend(30_000_000, 36_000_000))
    upgrade_villages: tuple[tuple[str, str], ...] = ()


# 奉节 专栏6 / 第八章 project 10: 55 便民服务中心 in 23 townships (notes/001.md §1) — upgraded first.
FENGJIE_PROJECT_10 = (
    ("公平镇", "万民村 长龙村 浸塘村 大田村 船型村 车家坝社区"),
    ("五马镇", "高榜村 天升村 厂河社区 弘扬村 王坪村"),
    ("兴隆镇", "杨店村 桂花村 三角坝社区 新街村"),
    ("朱衣镇", "狮子村 麻林村 五湘社区 黄果社区"),
    ("鹤峰乡", "观斗村 招峰村 柳池村"),
    ("康乐镇", "南天村 阳北村 木耳村"),
    ("竹园镇", "红马村 龙潭村 丰竹村"),
    ("红土乡", "三星村 降龙村 野茶村"),
    ("永安街道", "诗城路社区 江陵社区"),
    ("夔州街道", "口前村 大槽社区"),
    ("新民镇", "长棚村 祖师村"),
    ("白帝镇", "大湾村 紫阳村"),
    ("草堂镇", "双凤村 七里社区"),
    ("甲高镇", "大坡村 龙山社区"),
    ("大树镇", "宝华村 庙岭社区"),
    ("康坪乡", "松林村 光辉村"),
    ("永乐镇", "丰收村 江南社区"),
    ("羊市镇", "红旗村"),
    ("石岗乡", "鹿坡村"),
    ("岩湾乡", "五星村"),
    ("夔门街道", "瞿塘峡社区"),
    ("安坪镇", "合一村"),
    ("汾河镇", "小林村"),
)

PROFILES = [
    Profile(
        # 奉节县 (notes/001.md §5b): 392 facilities, stations in 40% → ≥80%; ≥30 m² per 100 households by 2025;
        # 1980 talents / 190 certified (60 社工员, 110 助理, 20 社会工作师) → 2500 / 250; 9 社工机构; 3057.2万元
        # donations → ≥5000万元; 65 outlets → ≥80; 3058 filed village organisations.
        code="500236",
        name="奉节县",
        area_per_100=Trend(22.5, 31.5),
        station_share=Trend(0.40, 0.82, before=0.9, cap=1.0),
        platform_urban=Trend(0.7, 1.0, cap=1.0),
        platform_rural=Trend(0.45, 1.0, cap=1.0),
        rural_building=Trend(0.35, 0.5, cap=1.0),
        orgs=Trend(262, 338),
        social_work_orgs=Trend(9, 14),
        filed_orgs=3058,
        fulltime_staff=Trend(820, 1150),
        incubation_townships=Trend(2, 9),
        charities=5,
        donations=Trend(30_572_000, 51_500_000),
        talent=Trend(1980, 2560),
        certified=Trend(130, 190),
        local_certified=Trend(60, 70),
        volunteers=Trend(59_600, 81_900),
        outlets=Trend(65, 82),
        sales=Trend(61_000_000, 74_000_000),
        upgrade_villages=FENGJIE_PROJECT_10,
    ),
    Profile(
        # 南川区 (notes/002.md §5): coverage 100%; platforms 60%/30% → 70%/40%; 农村社区建设 40% → 50%; 478
        # organisations at 6.5 per 10 000 (户籍 ≈ 735 000) → 8; 0.15‰ certified → 0.3‰; volunteers 13% of the
        # 572 362 residents → 20%.
        code="500119",
        name="南川区",
        households=236_000,
        registered_population=735_000,
        area_per_100=Trend(24, 31),
        station_share=Trend(0.45, 0.85, cap=1.0),
        platform_urban=Trend(0.60, 0.71, cap=1.0),
        platform_rural=Trend(0.30, 0.41, cap=1.0),
        rural_building=Trend(0.40, 0.51, cap=1.0),
        orgs=Trend(478, 592),
        social_work_orgs=Trend(6, 11),
        fulltime_staff=Trend(1500, 1900),
        incubation_townships=Trend(2, 8),
        charities=4,
        donations=Trend(70_600_000, 82_000_000),
        talent=Trend(1209, 1800),
        certified=Trend(110, 221),
        volunteers=Trend(74_400, 115_000),
        outlets=Trend(52, 60),
        sales=Trend(48_000_000, 56_000_000),
    ),
    Profile(
        # 民乐县 (notes/003.md §5): 21.25 m² per 100 households → 30; rural coverage 72% (urban 100%); stations
        # 0% → 80%; 319 organisations (12.9 per 10 000 of ≈ 247 000); 465 full-time staff → 700; 103 certified
        # social workers → 150.
        code="620722",
        name="民乐县",
        households=81_000,
        registered_population=247_300,
        facility_share=Trend(0.73, 1.0, cap=1.0),
        area_per_100=Trend(21.25, 30.5),
        station_share=Trend(0.0, 0.81, before=0.0, cap=1.0),
        orgs=Trend(319, 281 + 60),
        social_work_orgs=Trend(2, 4),
        fulltime_staff=Trend(465, 705),
        charities=2,
        donations=Trend(900_000, 1_600_000),
        talent=Trend(160, 240),
        certified=Trend(103, 152),
        outlets=Trend(24, 28),
        sales=Trend(15_000_000, 18_000_000),
    ),
    Profile(
        # 重庆高新区 (notes/004.md §5): 156 organisations → ≥300; 14 社工机构; 399 talents → ≥1000; lottery sales
        # 8640万元 → ≥1.1亿元; facility area and stations with no baseline.
        code="500190",
        name="重庆高新区",
        households=132_000,
        registered_population=352_000,
        area_per_100=Trend(26, 32),
        station_share=Trend(0.5, 0.85, cap=1.0),
        orgs=Trend(156, 305),
        social_work_orgs=Trend(14, 22),
        fulltime_staff=Trend(1400, 2600),
        charities=2,
        donations=Trend(6_000_000, 9_000_000),
        talent=Trend(399, 1010),
        certified=Trend(120, 330),
        outlets=Trend(58, 72),
        sales=Trend(86_400_000, 111_000_000),
    ),
    Profile(
        # 渠县 (notes/000.md §5): coverage 100%; 206 organisations; a county 孵化园 only (→ ≥80% of townships);
        # 1305 talents of whom 7 certified → 0.2万人; 社工机构 — → 5; stations — → 100%.
        code="511725",
        name="渠县",
        households=468_000,
        registered_population=1_480_000,
        area_per_100=Trend(20, 30.5),
        station_share=Trend(0.3, 0.97, cap=1.0),
        orgs=Trend(206, 330),
        social_work_orgs=Trend(1, 5),
        fulltime_staff=Trend(520, 800),
        incubation_townships=Trend(1, 30),
        charities=3,
        donations=Trend(12_000_000, 16_000_000),
        talent=Trend(1305, 2010),
        certified=Trend(7, 90),
        outlets=Trend(70, 78),
        sales=Trend(52_000_000, 60_000_000),
    ),
]


# --- helpers -----------------------------------------------------------------------------------------------


def year_end(year: int, today: datetime.date) -> datetime.date:
    return min(datetime.date(year, 12, 31), today)


def day_in(ctx: DemoContext, start: datetime.date, end: datetime.date) -> datetime.date:
    if end <= start:
        return start
    return start + datetime.timedelta(days=ctx.rng.randint(0, (end - start).days))


def day_in_year(ctx: DemoContext, year: int) -> datetime.date:
    return day_in(ctx, datetime.date(year, 1, 1), year_end(year, ctx.today))


def years(ctx: DemoContext) -> range:
    return range(FIRST_YEAR, ctx.today.year + 1)


@dataclass(eq=False)  # hashed by identity: items are dict keys
class Item:
    start: datetime.date
    end: datetime.date | None = None
    index: int = 0


def stock(ctx: DemoContext, trend: Trend, churn: float, earliest: datetime.date) -> list[Item]:
    """Start/end dates whose number valid at each year end follows ``trend`` (and on ``ctx.today`` this year),
    with ``churn`` of the stock ending each year and replaced."""
    items: list[Item] = []
    active: list[Item] = []
    initial = round(trend.at(FIRST_YEAR - 1))
    for _ in range(initial):
        item = Item(start=day_in(ctx, earliest, datetime.date(FIRST_YEAR - 1, 12, 31)))
        items.append(item)
        active.append(item)
    for year in years(ctx):
        end = year_end(year, ctx.today)
        target = round(trend.at(year))
        closing = min(len(active), round(len(active) * churn))
        if len(active) - closing > target:
            closing = len(active) - target
        for item in ctx.rng.sample(active, closing):
            item.end = day_in(ctx, max(item.start + datetime.timedelta(days=1), datetime.date(year, 1, 1)), end)
        active = [item for item in active if item.end is None]
        for _ in range(max(0, target - len(active))):
            item = Item(start=day_in_year(ctx, year))
            items.append(item)
            active.append(item)
    for n, item in enumerate(items):
        item.index = n
    return items


def adoption_order(ctx: DemoContext, units: list, laggards: set[str], key=lambda u: u.code[:9]) -> list:
    """Units in the order they adopt something: laggard townships' units mostly last."""
    return sorted(units, key=lambda u: ctx.rng.random() + (0.75 if key(u) in laggards else 0.0))


def adoption_dates(ctx: DemoContext, ordered: list, share: Trend) -> dict:
    """The date each unit adopted, so that the share adopted at each year end follows ``share`` (None = never)."""
    dates: dict = {}
    n = len(ordered)
    done = 0
    taken = round(share.at(FIRST_YEAR - 1) * n)
    for unit in ordered[:taken]:
        dates[unit] = day_in(ctx, datetime.date(2010, 1, 1), datetime.date(FIRST_YEAR - 1, 12, 31))
    done = taken
    for year in years(ctx):
        target = min(n, round(share.at(year) * n))
        for unit in ordered[done:target]:
            dates[unit] = day_in_year(ctx, year)
        done = max(done, target)
    return dates


def pick_laggards(ctx: DemoContext, townships: list[Region]) -> set[str]:
    """About one township in five lags behind the rest on every register (the dashboard's laggards)."""
    count = max(1, round(len(townships) * 0.2))
    return {t.code[:9] for t in ctx.rng.sample(townships, count)}


def weighted_village(ctx: DemoContext, villages: list[Region], laggards: set[str], recent: bool) -> Region:
    if not recent:
        return ctx.rng.choice(villages)
    while True:
        village = ctx.rng.choice(villages)
        if village.code[:9] not in laggards or ctx.rng.random() < 0.25:
            return village


def money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def org_code(ctx: DemoContext) -> str:
    """A 9-character 组织机构代码 with its GB 11714 check character."""
    body = "".join(str(ctx.rng.randint(0, 9)) for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(ctx: DemoContext, org_type: str, county: str) -> str:
    body = f"5{USCC_TYPE_DIGIT[org_type]}{county}{org_code(ctx)}"
    return body + stdnum_uscc.calc_check_digit(body)


@dataclass
class County:
    profile: Profile
    region: Region
    townships: list[Region]
    villages: list[Region]
    laggards: set[str]

    @property
    def code(self) -> str:
        return self.profile.code


def counties(ctx: DemoContext) -> list[County]:
    out = []
    for profile in PROFILES:
        region = Region.objects.filter(code=f"{profile.code}000000").first()
        if region is None:
            continue
        townships = list(Region.objects.townships().active().filter(code__startswith=profile.code).order_by("code"))
        villages = list(
            Region.objects.villages().active().filter(code__startswith=profile.code).select_related("parent")
        )
        # The same random stream per county whatever seeders run, so the laggards are the same on every register.
        state = ctx.rng.getstate()
        ctx.rng.seed(f"community-laggards-{profile.code}")
        laggards = pick_laggards(ctx, townships)
        ctx.rng.setstate(state)
        out.append(County(profile, region, townships, villages, laggards))
    return out


def seeded(model, county: County, scope_field: str | None = None) -> bool:
    field_name = scope_field or model.scope_field
    return model.objects.filter(**{f"{field_name}__startswith": county.code}).exists()


# --- 50: facilities, stations, platforms, recognitions (and the demo denominators they need) -------------------


def seed_region_stats(ctx: DemoContext, county: County) -> int:
    """Demo 户数 and 户籍人口 per township where no village figures exist (labelled demo, fills only blanks)."""
    profile = county.profile
    if profile.households is None and profile.registered_population is None:
        return 0
    weights = {t.code: 0.0 for t in county.townships}
    for village in county.villages:
        weights[village.parent_id] = weights.get(village.parent_id, 0) + ctx.rng.uniform(0.7, 1.3)
    total = sum(weights.values()) or 1
    written = 0
    for township in county.townships:
        share = weights[township.code] / total
        for year in years(ctx):
            if year < 2019:
                continue
            growth = 1 + 0.004 * (year - 2020)
            stat, _created = RegionStat.objects.get_or_create(
                region=township, year=year, defaults={"source": DEMO_SOURCE, "is_demo": True}
            )
            changed = []
            if profile.households and stat.households is None:
                stat.households = round(profile.households * share * growth)
                changed.append("households")
            if profile.registered_population and stat.registered_population is None:
                stat.registered_population = round(profile.registered_population * share * (1 - 0.002 * (year - 2020)))
                changed.append("registered_population")
            if changed:
                stat.save(update_fields=changed)
                written += 1
    return written


def village_households(county: County, year: int) -> dict[str, int]:
    """Households per village for ``year`` (village figures, else the township's spread over its villages)."""
    stats = RegionStat.objects.filter(region__code__startswith=county.code, households__isnull=False, year__lte=year)
    by_village = dict(
        stats.filter(region__level=RegionLevel.VILLAGE).order_by("year").values_list("region_id", "households")
    )
    if by_village:
        return by_village
    out = {}
    per_township = dict(
        stats.filter(region__level=RegionLevel.TOWNSHIP).order_by("year").values_list("region_id", "households")
    )
    villages_of = defaultdict(list)
    for village in county.villages:
        villages_of[village.parent_id].append(village)
    for township, households in per_township.items():
        members = villages_of.get(township, [])
        for village in members:
            out[village.code] = households // max(1, len(members))
    return out


def seed_facilities(ctx: DemoContext, county: County) -> tuple[int, int]:
    profile = county.profile
    households = village_households(county, 2020)
    total_households = sum(households.values()) or 100_000
    # Which villages have a facility when: urban communities (and 2020 coverage) first.
    ordered = sorted(
        adoption_order(ctx, county.villages, county.laggards),
        key=lambda v: 0 if v.kind == RegionKind.COMMUNITY else 1,
    )
    opened = adoption_dates(ctx, ordered, profile.facility_share)
    base_area = {}
    for village in county.villages:
        size = math.sqrt(households.get(village.code, 400)) * ctx.rng.lognormvariate(0, 0.35)
        base_area[village.code] = size * (1.6 if village.kind == RegionKind.COMMUNITY else 1.0)
    area_2020 = profile.area_per_100.at(2020) * total_households / 100
    present_2020 = [v for v in county.villages if v in opened and opened[v] <= datetime.date(2020, 12, 31)]
    factor = area_2020 / (sum(base_area[v.code] for v in present_2020) or 1)
    facilities: list[CommunityServiceFacility] = []
    current: dict[str, CommunityServiceFacility] = {}
    for village in ordered:
        if village not in opened:
            continue
        area = max(60, round(base_area[village.code] * factor))
        facility = CommunityServiceFacility(
            name=f"{village.name}便民服务中心" if village.kind == RegionKind.VILLAGE else f"{village.name}党群服务中心",
            kind=FacilityKind.CONVENIENCE_CENTRE
            if village.kind == RegionKind.VILLAGE
            else FacilityKind.PARTY_SERVICE_CENTRE,
            village=village,
            address=f"{village.full_name}（演示）",
            building_area_m2=Decimal(area),
            tenure=ctx.rng.choices(
                [FacilityTenure.OWNED, FacilityTenure.RENTED, FacilityTenure.SHARED, FacilityTenure.SWAPPED],
                [80, 10, 7, 3],
            )[0],
            has_social_org_room=ctx.rng.random() < 0.5,
            has_activity_room=ctx.rng.random() < 0.7,
            opened_on=opened[village],
            note="演示数据",
        )
        facilities.append(facility)
        current[village.code] = facility
    # Upgrades (新建、改扩建): the old building closes and a larger one opens, until each year's area target is met.
    named = []
    by_name = {(v.parent.name, v.name): v for v in county.villages if v.parent_id}
    for township, names in profile.upgrade_villages:
        named += [by_name[(township, n)] for n in names.split() if (township, n) in by_name]
    others = [v for v in adoption_order(ctx, county.villages, county.laggards) if v not in named]
    queue = (
        named
        + [v for v in others if v.code[:9] not in county.laggards]
        + [v for v in others if v.code[:9] in county.laggards]
    )
    upgraded: set[str] = set()
    for year in range(2021, ctx.today.year + 1):
        target = profile.area_per_100.at(year) * sum(village_households(county, year).values()) / 100
        end = datetime.date(year, 12, 31)
        in_use = sum(
            float(f.building_area_m2)
            for f in facilities
            if f.opened_on <= end and (f.closed_on is None or f.closed_on > end)
        )
        for village in queue:
            if in_use >= target:
                break
            old = current.get(village.code)
            if village.code in upgraded or old is None or old.opened_on >= datetime.date(year, 1, 1):
                continue
            when = day_in_year(ctx, year)
            new_area = min(1200, max(200, round(float(old.building_area_m2) * ctx.rng.uniform(1.8, 3.4))))
            old.closed_on = when
            new = CommunityServiceFacility(
                name=old.name.replace("中心", "中心（新址）"),
                kind=old.kind,
                village=village,
                address=old.address,
                building_area_m2=Decimal(new_area),
                tenure=FacilityTenure.OWNED,
                has_social_org_room=True,
                has_activity_room=True,
                opened_on=when,
                investment_yuan=Decimal(new_area * ctx.rng.randint(1800, 2600)),
                note="演示数据：“十四五”新建、改扩建",
            )
            facilities.append(new)
            current[village.code] = new
            upgraded.add(village.code)
            in_use += new_area - float(old.building_area_m2)
    # A few buildings are planned but not handed over: they count nowhere.
    for village in ctx.rng.sample(county.villages, min(3, len(county.villages))):
        facilities.append(
            CommunityServiceFacility(
                name=f"{village.name}综合服务站（在建）",
                kind=FacilityKind.SERVICE_STATION,
                village=village,
                building_area_m2=Decimal(ctx.rng.randint(300, 600)),
                note="演示数据：在建，未交付使用",
            )
        )
    CommunityServiceFacility.objects.bulk_create(facilities, batch_size=BATCH)
    # Some township-seat facilities also serve a neighbouring village with no building of its own.
    through = CommunityServiceFacility.served_villages.through
    links = []
    uncovered = [v for v in county.villages if v not in opened]
    for village in uncovered[: len(uncovered) // 3]:
        siblings = [current[v.code] for v in county.villages if v.parent_id == village.parent_id and v.code in current]
        if siblings:
            links.append(through(communityservicefacility_id=siblings[0].pk, region_id=village.code))
    through.objects.bulk_create(links, ignore_conflicts=True)
    stations = seed_stations(ctx, county, facilities)
    return len(facilities), stations


def seed_stations(ctx: DemoContext, county: County, facilities: list[CommunityServiceFacility]) -> int:
    """Volunteer stations in a growing share of the facilities in use; a station moves with an upgrade."""
    by_village = defaultdict(list)
    for facility in facilities:
        if facility.opened_on:
            by_village[facility.village_id].append(facility)
    villages = [v for v in county.villages if v.code in by_village]
    ordered = adoption_order(ctx, villages, county.laggards)
    dates = adoption_dates(ctx, ordered, county.profile.station_share)
    stations = []
    for village, adopted in dates.items():
        chain = sorted(by_village[village.code], key=lambda f: f.opened_on)
        for facility in chain:
            start = max(adopted, facility.opened_on)
            if facility.closed_on is not None and facility.closed_on <= start:
                continue
            stations.append(
                VolunteerStation(
                    name=f"{village.name}志愿服务站",
                    facility=facility,
                    region_id=village.code,
                    established_on=start,
                    closed_on=facility.closed_on,
                    operator=f"{village.name}志愿服务队",
                )
            )
    # Stations outside the community facilities (in elder-care or child-welfare institutions) do not count.
    for township in ctx.rng.sample(county.townships, min(3, len(county.townships))):
        stations.append(
            VolunteerStation(
                name=f"{township.name}敬老院志愿服务岗",
                region=township,
                established_on=day_in(ctx, datetime.date(2019, 1, 1), datetime.date(2022, 12, 31)),
                operator="敬老院",
            )
        )
    VolunteerStation.objects.bulk_create(stations, batch_size=BATCH)
    return len(stations)


def seed_platforms(ctx: DemoContext, county: County) -> int:
    profile = county.profile
    rows = []
    for kind, share in ((RegionKind.COMMUNITY, profile.platform_urban), (RegionKind.VILLAGE, profile.platform_rural)):
        units = [v for v in county.villages if v.kind == kind]
        ordered = adoption_order(ctx, units, county.laggards)
        for village, connected in adoption_dates(ctx, ordered, share).items():
            rows.append(
                CommunityPlatformAccess(
                    village=village,
                    platform=Platform.PROVINCIAL if county.code.startswith("50") else Platform.NATIONAL,
                    platform_name="重庆市智慧社区一体化管理服务平台"
                    if county.code.startswith("50")
                    else "全国基层政权建设和社区治理信息系统",
                    account=f"{village.code}",
                    connected_on=max(connected, datetime.date(2016, 1, 1)),
                )
            )
    CommunityPlatformAccess.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def seed_designations(ctx: DemoContext, county: County) -> int:
    units = [v for v in county.villages if v.kind == RegionKind.VILLAGE]
    ordered = adoption_order(ctx, units, county.laggards)
    rows = []
    for n, (village, when) in enumerate(adoption_dates(ctx, ordered, county.profile.rural_building).items(), start=1):
        rows.append(
            RuralCommunityDesignation(
                village=village,
                designated_on=when,
                document_number=f"{county.profile.name}民政发〔{when.year}〕{n % 90 + 10}号（演示）",
                criteria="农村社区建设“六有”标准：有服务场所、有服务队伍、有服务制度、有服务项目、有信息平台、有群众参与（演示）",
                is_demonstration=ctx.rng.random() < 0.08,
            )
        )
    RuralCommunityDesignation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


@register_seeder("community-facilities", order=50)
def seed_community_facilities(ctx: DemoContext) -> str:
    parts = []
    for county in counties(ctx):
        if seeded(CommunityServiceFacility, county):
            continue
        stats = seed_region_stats(ctx, county)
        facilities, stations = seed_facilities(ctx, county)
        platforms = seed_platforms(ctx, county)
        designations = seed_designations(ctx, county)
        parts.append(
            f"{county.profile.name} {facilities} facilities, {stations} stations, {platforms} platform accesses, "
            f"{designations} recognitions, {stats} demo township statistics"
        )
    return "; ".join(parts) or "already seeded"


# --- 52: social organisations, annual reports, incubation centres, donations -----------------------------------

ORG_NAMES = {
    OrgCategory.TRADE_ASSOCIATION: [
        "个体劳动者协会",
        "餐饮行业协会",
        "脐橙产业协会",
        "旅游协会",
        "建筑业协会",
        "物流协会",
    ],
    OrgCategory.SCIENCE: ["科学技术协会", "农学会", "中药材种植技术研究会", "电子商务促进会"],
    OrgCategory.CHARITY: ["爱心公益协会", "助学公益服务中心", "义工联合会", "扶贫济困促进会"],
    OrgCategory.COMMUNITY_SERVICE: ["社区服务中心", "邻里互助服务中心", "乡贤理事会", "红白理事会"],
    OrgCategory.SOCIAL_WORK: ["社会工作服务中心", "社工服务社", "社会工作服务站"],
    OrgCategory.ELDER_CARE: ["居家养老服务中心", "老年协会", "康养服务中心"],
    OrgCategory.EDUCATION: ["职业技能培训学校", "幼儿园", "艺术培训学校"],
    OrgCategory.CULTURE_SPORTS: ["书法家协会", "摄影家协会", "篮球协会", "太极拳协会", "诗词学会"],
    OrgCategory.OTHER: ["收藏协会", "钓鱼协会"],
}
FILED_KINDS = ["红白理事会", "环境卫生理事会", "老年协会", "文艺队", "基础设施管护理事会", "志愿服务队"]
CATEGORY_WEIGHTS = {
    OrgCategory.TRADE_ASSOCIATION: 14,
    OrgCategory.SCIENCE: 6,
    OrgCategory.CHARITY: 10,
    OrgCategory.COMMUNITY_SERVICE: 14,
    OrgCategory.ELDER_CARE: 8,
    OrgCategory.EDUCATION: 22,
    OrgCategory.CULTURE_SPORTS: 20,
    OrgCategory.OTHER: 6,
}


def org_type_for(ctx: DemoContext, category: str) -> str:
    if category in (OrgCategory.TRADE_ASSOCIATION, OrgCategory.SCIENCE, OrgCategory.CULTURE_SPORTS, OrgCategory.OTHER):
        return OrgType.SOCIAL_GROUP
    if category in (OrgCategory.SOCIAL_WORK, OrgCategory.EDUCATION, OrgCategory.ELDER_CARE):
        return OrgType.SOCIAL_SERVICE_ORG
    return ctx.rng.choice([OrgType.SOCIAL_GROUP, OrgType.SOCIAL_SERVICE_ORG])


def seed_organisations(ctx: DemoContext, county: County) -> tuple[list[SocialOrganization], int]:
    profile = county.profile
    prefix = county.region.name.replace("重庆", "")
    orgs: list[SocialOrganization] = []
    seen_codes: set[str] = set()
    sw_items = stock(ctx, profile.social_work_orgs, 0.05, datetime.date(2012, 1, 1))
    other = Trend(
        profile.orgs.y2020 - profile.social_work_orgs.y2020 - profile.charities,
        profile.orgs.y2025 - profile.social_work_orgs.y2025 - profile.charities,
    )
    other_items = stock(ctx, other, 0.035, datetime.date(1995, 1, 1))
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    used_names: set[str] = set()
    for kind, items in (("sw", sw_items), ("other", other_items)):
        for item in items:
            category = OrgCategory.SOCIAL_WORK if kind == "sw" else ctx.rng.choices(categories, weights)[0]
            org_type = org_type_for(ctx, category)
            recent = item.start.year >= 2021
            at_county = ctx.rng.random() < 0.45 and category not in (OrgCategory.COMMUNITY_SERVICE,)
            village = weighted_village(ctx, county.villages, county.laggards, recent)
            region = county.region if at_county else (village.parent if ctx.rng.random() < 0.6 else village)
            base = ctx.rng.choice(ORG_NAMES[category])
            place = prefix if at_county else region.name
            name = f"{place}{base}"
            while name in used_names:
                qualifier = ctx.rng.choice(["第二", "新城", "城东", "城西", "南岸", "北岸"])
                name = f"{place}{qualifier}{base}{ctx.rng.randint(1, 99)}"
            used_names.add(name)
            code = make_uscc(ctx, org_type, county.code)
            while code in seen_codes:
                code = make_uscc(ctx, org_type, county.code)
            seen_codes.add(code)
            status = OrgStatus.NORMAL
            if item.end is not None:
                status = ctx.rng.choices(
                    [OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.LICENCE_REVOKED], [80, 15, 5]
                )[0]
            orgs.append(
                SocialOrganization(
                    name=name,
                    uscc=code,
                    org_type=org_type,
                    category=category,
                    registration_authority=county.region,
                    region=region,
                    registered_on=item.start,
                    status=status,
                    ended_on=item.end,
                    end_reason=""
                    if item.end is None
                    else "演示：自行申请注销登记"
                    if status == OrgStatus.DEREGISTERED
                    else "演示：连续两年未参加年检，撤销登记",
                    legal_representative=ctx.name(),
                    business_supervisor="" if org_type == OrgType.SOCIAL_SERVICE_ORG else f"{prefix}民政局",
                    address=f"{region.full_name}（演示）",
                    fulltime_staff_at_registration=max(1, round(ctx.rng.lognormvariate(1.0, 0.6))),
                    assessment_grade=ctx.rng.choice([None, None, None, 3, 4, 5]),
                )
            )
    # Charities: the county 慈善会 and a few foundations / charitable service organisations (registered or recognised).
    charity_names = [
        f"{prefix}慈善会",
        f"{prefix}慈善基金会",
        f"{prefix}扶贫济困基金会",
        f"{prefix}关爱儿童公益服务中心",
        f"{prefix}教育发展基金会",
    ]
    for n in range(profile.charities):
        org_type = (
            OrgType.FOUNDATION
            if "基金会" in charity_names[n]
            else OrgType.SOCIAL_GROUP
            if n == 0
            else OrgType.SOCIAL_SERVICE_ORG
        )
        registered = datetime.date(2006 + 3 * n, 3 + n, 10)
        code = make_uscc(ctx, org_type, county.code)
        orgs.append(
            SocialOrganization(
                name=charity_names[n],
                uscc=code,
                org_type=org_type,
                category=OrgCategory.CHARITY,
                registration_authority=county.region,
                region=county.region,
                registered_on=registered,
                legal_representative=ctx.name(),
                business_supervisor=f"{prefix}民政局" if org_type != OrgType.SOCIAL_SERVICE_ORG else "",
                fulltime_staff_at_registration=ctx.rng.randint(3, 8),
                assessment_grade=4,
                is_charity=True,
                charity_recognised_on=max(registered, datetime.date(2017, 6, 1)),
                has_public_fundraising=n < 2,
            )
        )
    SocialOrganization.objects.bulk_create(orgs, batch_size=BATCH)
    filed = []
    for n in range(round(profile.filed_orgs * min(1.0, ctx.scale))):
        village = county.villages[n % len(county.villages)]
        filed.append(
            SocialOrganization(
                name=f"{village.name}{ctx.rng.choice(FILED_KINDS)}{n // len(county.villages) + 1}",
                org_type=OrgType.SOCIAL_GROUP,
                registration_kind=RegistrationKind.FILED,
                category=OrgCategory.COMMUNITY_SERVICE,
                registration_authority=county.region,
                region=village,
                registered_on=day_in(ctx, datetime.date(2012, 1, 1), datetime.date(2020, 12, 31)),
                note="演示数据：村（社区）社会组织，备案",
            )
        )
    SocialOrganization.objects.bulk_create(filed, batch_size=BATCH)
    return orgs, len(filed)


def seed_reports(ctx: DemoContext, county: County, orgs: list[SocialOrganization]) -> int:
    """Annual reports for each year an organisation existed; the full-time staff follow the county's trend as of the
    date the reports are accepted. Some of last year's reports await review, and a few organisations are late."""
    staff_trend = county.profile.fulltime_staff
    weight = {org.pk: ctx.rng.lognormvariate(0, 0.7) for org in orgs}
    reports = []
    reviewer = User.objects.filter(role=Role.COUNTY_STAFF, jurisdiction_id=county.region.code).first()
    last_year = ctx.today.year - 1
    for year in range(FIRST_YEAR - 1, ctx.today.year):
        accept_year = year + 1
        alive = [
            o
            for o in orgs
            if o.registered_on <= datetime.date(year, 12, 31)
            and (o.ended_on is None or o.ended_on > datetime.date(accept_year, 6, 30))
        ]
        if not alive:
            continue
        total_weight = sum(weight[o.pk] for o in alive)
        # Organisations registered in the year of acceptance count their registration figure until they report.
        newcomers = sum(o.fulltime_staff_at_registration for o in orgs if o.registered_on.year == accept_year)
        target = max(0.0, staff_trend.at(accept_year) - newcomers)
        for org in alive:
            if year == last_year and ctx.rng.random() < 0.06:
                continue  # late: on the to-do list after 31 May
            submitted = day_in(ctx, datetime.date(accept_year, 1, 5), datetime.date(accept_year, 5, 31))
            if submitted > ctx.today:
                continue
            staff = max(0, round(weight[org.pk] / total_weight * target + ctx.rng.uniform(-0.4, 0.4)))
            reviewed = submitted + datetime.timedelta(days=ctx.rng.randint(5, 40))
            waiting = year == last_year and ctx.rng.random() < 0.05
            status = ReportStatus.SUBMITTED if waiting or reviewed > ctx.today else ReportStatus.ACCEPTED
            reports.append(
                SocialOrgAnnualReport(
                    organization=org,
                    year=year,
                    fulltime_staff=staff,
                    volunteers=ctx.rng.randint(0, 60),
                    total_assets_yuan=money(ctx.rng.lognormvariate(12.5, 1.1)),
                    income_yuan=money(ctx.rng.lognormvariate(11.8, 1.2)),
                    submitted_on=submitted,
                    status=status,
                    reviewed_on=reviewed if status == ReportStatus.ACCEPTED else None,
                    reviewed_by=reviewer if status == ReportStatus.ACCEPTED else None,
                    review_opinion="年检合格（演示）" if status == ReportStatus.ACCEPTED else "",
                )
            )
    SocialOrgAnnualReport.objects.bulk_create(reports, batch_size=BATCH)
    return len(reports)


def seed_incubation(ctx: DemoContext, county: County) -> int:
    """The county-level 孵化园 first (it covers only its own township), then township centres; laggards last."""
    ordered = adoption_order(ctx, county.townships, county.laggards, key=lambda t: t.code[:9])
    n = len(ordered)
    share = Trend(
        county.profile.incubation_townships.y2020 / n,
        county.profile.incubation_townships.y2025 / n,
        cap=1.0,
    )
    rows = []
    for i, (township, opened) in enumerate(adoption_dates(ctx, ordered, share).items()):
        county_level = i == 0
        rows.append(
            IncubationCentre(
                name=f"{county.region.name}社会组织孵化园" if county_level else f"{township.name}社会组织孵化基地",
                level=IncubationCentre.Level.COUNTY if county_level else IncubationCentre.Level.TOWNSHIP,
                region=township,
                address=f"{township.name}（演示）",
                area_m2=Decimal(ctx.rng.randint(120, 900)),
                opened_on=min(opened, datetime.date(2019, 6, 1)) if county_level else opened,
                note="演示数据",
            )
        )
    IncubationCentre.objects.bulk_create(rows)
    return len(rows)


def seed_donations(ctx: DemoContext, county: County, charities: list[SocialOrganization]) -> int:
    """Donations booked by the charities each year summing to the county's trend; in-kind goods, a few returns, and
    transfers between the county's own charities (counted once, where first received)."""
    if not charities:
        return 0
    rows = []
    donors_company = [
        "建设集团",
        "农商银行",
        "电力公司",
        "脐橙合作社",
        "商贸有限公司",
        "移动公司",
        "烟草公司",
        "水务公司",
    ]
    for year in years(ctx):
        end = year_end(year, ctx.today)
        share_of_year = ((end - datetime.date(year, 1, 1)).days + 1) / 365
        total = county.profile.donations.at(year) * share_of_year
        count = max(20, round(ctx.rng.randint(260, 340) * share_of_year * max(0.2, ctx.scale)))
        weights = [ctx.rng.paretovariate(1.6) for _ in range(count)]
        scale = total / sum(weights)
        for w in weights:
            amount = money(w * scale)
            if amount <= 0:
                continue
            company = ctx.rng.random() < 0.55
            in_kind = ctx.rng.random() < 0.15
            recipient = charities[0] if ctx.rng.random() < 0.6 else ctx.rng.choice(charities)
            rows.append(
                CharityDonation(
                    recipient=recipient,
                    received_on=day_in(ctx, datetime.date(year, 1, 1), end),
                    donor_name=f"{county.region.name}{ctx.rng.choice(donors_company)}" if company else ctx.name(),
                    donor_type=DonorType.COMPANY if company else DonorType.PERSON,
                    cash_yuan=Decimal("0.00") if in_kind else amount,
                    in_kind_yuan=amount if in_kind else Decimal("0.00"),
                    in_kind_description="防疫物资、棉被、米油等（演示）" if in_kind else "",
                    purpose=ctx.rng.choice(["助学", "助医", "扶老", "济困", "乡村振兴", "应急救灾"]),
                    note="演示数据",
                )
            )
        if len(charities) > 1:
            # 慈善会 passes money on to a foundation: not a second donation.
            rows.append(
                CharityDonation(
                    recipient=charities[1],
                    received_on=day_in(ctx, datetime.date(year, 1, 1), end),
                    donor_name=charities[0].name,
                    donor_type=DonorType.CHARITY,
                    source_charity=charities[0],
                    cash_yuan=money(total * 0.03),
                    purpose="定向转赠（演示）",
                )
            )
        refund = ctx.rng.choice([r for r in rows[-20:] if r.source_charity is None and r.kind == DonationKind.RECEIPT])
        rows.append(
            CharityDonation(
                recipient=refund.recipient,
                kind=DonationKind.REFUND,
                received_on=min(end, refund.received_on + datetime.timedelta(days=30)),
                donor_name=refund.donor_name,
                donor_type=refund.donor_type,
                cash_yuan=money(float(refund.cash_yuan) * 0.1) if refund.cash_yuan else Decimal("100.00"),
                note="演示：按捐赠人意愿部分退回",
            )
        )
    CharityDonation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


@register_seeder("community-organisations", order=52)
def seed_community_organisations(ctx: DemoContext) -> str:
    parts = []
    for county in counties(ctx):
        if SocialOrganization.objects.filter(registration_authority=county.region).exists():
            continue
        orgs, filed = seed_organisations(ctx, county)
        reports = seed_reports(ctx, county, orgs)
        centres = seed_incubation(ctx, county)
        incubated = [o for o in orgs if o.registered_on.year >= 2021 and o.category != OrgCategory.CHARITY][:40]
        centre = IncubationCentre.objects.filter(region__code__startswith=county.code).order_by("opened_on").first()
        if centre is not None:
            SocialOrganization.objects.filter(pk__in=[o.pk for o in incubated]).update(incubation_centre=centre)
        charities = [o for o in orgs if o.is_charity]
        donations = seed_donations(ctx, county, charities)
        parts.append(
            f"{county.profile.name} {len(orgs)} organisations (+{filed} filed), {reports} annual reports, "
            f"{centres} incubation centres, {donations} donations"
        )
    return "; ".join(parts) or "already seeded"


# --- 54: social work professionals ---------------------------------------------------------------------------


def certify(ctx: DemoContext, items: list[Item], trend: Trend, exclude: dict) -> dict[Item, datetime.date]:
    """Certificate dates such that the number in post and certified at each year end follows ``trend``."""
    dates: dict[Item, datetime.date] = {}
    for year in range(FIRST_YEAR - 1, ctx.today.year + 1):
        end = year_end(year, ctx.today)
        active = [i for i in items if i.start <= end and (i.end is None or i.end > end)]
        have = sum(1 for i in active if i in dates)
        need = round(trend.at(year)) - have
        candidates = [i for i in active if i not in dates and i not in exclude]
        for item in ctx.rng.sample(candidates, max(0, min(need, len(candidates)))):
            start = max(item.start, datetime.date(year, 1, 1)) if year >= FIRST_YEAR else item.start
            dates[item] = day_in(ctx, start, end)
    return dates


def seed_social_workers(ctx: DemoContext, county: County) -> int:
    profile = county.profile
    items = stock(ctx, profile.talent, 0.06, datetime.date(2008, 1, 1))
    agencies = list(
        SocialOrganization.objects.filter(
            registration_authority=county.region, category=OrgCategory.SOCIAL_WORK, status=OrgStatus.NORMAL
        )
    )
    # Who holds a certificate, and since when: each year end, enough of those in post are certified to follow
    # ``certified`` (national) and ``local_certified`` (社工员).
    cert_dates = certify(ctx, items, profile.certified, exclude={})
    local = certify(ctx, items, profile.local_certified, exclude=cert_dates)
    persons, workers = [], []
    seen = set(Person.objects.filter(id_number__startswith=county.code).values_list("id_number", flat=True))
    for item in items:
        birth = ctx.birth_date(22, 56)
        number = ctx.id_number(birth, area=county.code)
        while number in seen:
            number = ctx.id_number(ctx.birth_date(22, 56), area=county.code)
        seen.add(number)
        village = weighted_village(ctx, county.villages, county.laggards, item.start.year >= 2021)
        person = Person(
            id_number=number,
            name=ctx.name(),
            sex="M" if int(number[16]) % 2 else "F",
            birth_date=birth,
            region=village,
        )
        persons.append(person)
        level, certified_on, number_text, basis = (
            CertificateLevel.NONE,
            None,
            "",
            ctx.rng.choice([TalentBasis.DEGREE, TalentBasis.TRAINING, TalentBasis.TRAINING, TalentBasis.EXPERIENCE]),
        )
        if item in cert_dates:
            level = ctx.rng.choices(
                [CertificateLevel.ASSISTANT, CertificateLevel.SOCIAL_WORKER, CertificateLevel.SENIOR], [84, 15, 1]
            )[0]
            certified_on = cert_dates[item]
            number_text = f"{certified_on.year}{ctx.rng.randint(10**7, 10**8 - 1)}"
            basis = TalentBasis.CERTIFICATE
        elif item in local:
            level, certified_on, basis = CertificateLevel.LOCAL_ASSISTANT, local[item], TalentBasis.CERTIFICATE
            number_text = f"SGY{certified_on.year}{ctx.rng.randint(1000, 9999)}"
        if item.end is not None and certified_on and certified_on >= item.end:
            level, certified_on, number_text = CertificateLevel.NONE, None, ""
            basis = TalentBasis.TRAINING
        kind = ctx.rng.choices(
            [EmployerKind.STATION, EmployerKind.AGENCY, EmployerKind.COMMUNITY, EmployerKind.INSTITUTION],
            [25, 20, 45, 10],
        )[0]
        employer_org = ctx.rng.choice(agencies) if kind == EmployerKind.AGENCY and agencies else None
        employer = {
            EmployerKind.STATION: f"{village.parent.name}社会工作站",
            EmployerKind.AGENCY: employer_org.name if employer_org else f"{county.region.name}社会工作服务中心",
            EmployerKind.COMMUNITY: f"{village.name}{'居民' if village.kind == RegionKind.COMMUNITY else '村民'}委员会",
            EmployerKind.INSTITUTION: f"{village.parent.name}敬老院",
        }[kind]
        workers.append(
            SocialWorker(
                region=village.parent if kind in (EmployerKind.STATION, EmployerKind.INSTITUTION) else village,
                employer_kind=kind,
                employer_name=employer,
                employer_org=employer_org,
                certificate_level=level,
                certificate_number=number_text,
                certified_on=certified_on,
                talent_basis=basis,
                active_from=item.start,
                active_to=item.end,
                leave_reason=""
                if item.end is None
                else ctx.rng.choice([LeaveReason.RESIGNED, LeaveReason.TRANSFERRED, LeaveReason.RETIRED]),
                note="演示数据",
            )
        )
    Person.objects.bulk_create(persons, batch_size=BATCH)
    for person, worker in zip(persons, workers, strict=True):
        worker.person = person
    SocialWorker.objects.bulk_create(workers, batch_size=BATCH)
    return len(workers)


@register_seeder("community-social-workers", order=54)
def seed_community_social_workers(ctx: DemoContext) -> str:
    parts = []
    for county in counties(ctx):
        if seeded(SocialWorker, county):
            continue
        parts.append(f"{county.profile.name} {seed_social_workers(ctx, county)} social work records")
    return "; ".join(parts) or "already seeded"


# --- 56: the volunteer roster ----------------------------------------------------------------------------------


def seed_volunteers(ctx: DemoContext, county: County) -> int:
    if county.profile.volunteers is None:
        return 0
    items = stock(ctx, county.profile.volunteers, 0.015, datetime.date(2013, 1, 1))
    seen: set[str] = set(
        Volunteer.objects.filter(id_number__startswith=county.code).values_list("id_number", flat=True)
    )
    now = timezone.now()
    teams = [
        "党员志愿服务队",
        "巾帼志愿服务队",
        "青年志愿者协会",
        "邻里守望志愿服务队",
        "助老志愿服务队",
        "文明实践志愿服务队",
    ]
    rows = []
    for item in items:
        birth = ctx.birth_date(16, 72)
        number = ctx.id_number(birth, area=county.code)
        while number in seen:
            number = ctx.id_number(ctx.birth_date(16, 72), area=county.code)
        seen.add(number)
        village = weighted_village(ctx, county.villages, county.laggards, item.start.year >= 2021)
        rows.append(
            {
                "id_number": number,
                "name": ctx.name(),
                "region": village.code,
                "registered_on": item.start,
                "deregistered_on": item.end,
                "source": VolunteerSource.PROVINCIAL_PLATFORM
                if ctx.rng.random() < 0.8
                else VolunteerSource.NATIONAL_SYSTEM,
                "external_id": f"V{county.code}{item.index:07d}",
                "team": f"{village.name}{ctx.rng.choice(teams)}",
                "service_hours": Decimal(str(round(ctx.rng.lognormvariate(2.5, 1.2), 1))),
                "imported_at": None,
                "created_at": now,
                "updated_at": now,
            }
        )
    fast_insert(Volunteer, rows)
    return len(items)


@register_seeder("community-volunteers", order=56)
def seed_community_volunteers(ctx: DemoContext) -> str:
    parts = []
    for county in counties(ctx):
        if county.profile.volunteers is None or seeded(Volunteer, county):
            continue
        parts.append(f"{county.profile.name} {seed_volunteers(ctx, county)} volunteers")
    return "; ".join(parts) or "already seeded"


# --- 58: welfare lottery outlets and monthly sales -------------------------------------------------------------

# Spring Festival and summer: the monthly pattern of 福彩 sales (demo weights).
MONTH_WEIGHTS = [1.05, 0.7, 0.95, 0.98, 1.0, 1.0, 1.02, 1.03, 1.0, 0.98, 1.0, 1.29]


def seed_lottery(ctx: DemoContext, county: County) -> tuple[int, int]:
    profile = county.profile
    items = stock(ctx, profile.outlets, 0.04, datetime.date(2005, 1, 1))
    outlets = []
    for item in items:
        village = weighted_village(ctx, county.villages, county.laggards, item.start.year >= 2021)
        outlets.append(
            LotteryOutlet(
                outlet_number=f"{county.code[:4]}{county.code[4:]}{item.index + 1:04d}",
                name=f"中国福利彩票第{county.code[4:]}{item.index + 1:04d}号投注站",
                kind=OutletKind.DEDICATED if ctx.rng.random() < 0.7 else OutletKind.SHARED,
                region=village,
                address=f"{village.full_name}（演示）",
                operator_name=ctx.name(),
                opened_on=item.start,
                closed_on=item.end,
                close_reason=""
                if item.end is None
                else ctx.rng.choice(["业主申请撤销", "迁出本县（区）", "违规经营撤销"]),
                is_suspended=item.end is None and ctx.rng.random() < 0.03,
            )
        )
    LotteryOutlet.objects.bulk_create(outlets, batch_size=BATCH)
    strength = {o.outlet_number: ctx.rng.lognormvariate(0, 0.45) for o in outlets}
    returns = []
    last_month = (ctx.today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    late = (
        set(ctx.rng.sample([o.outlet_number for o in outlets if o.closed_on is None], 3))
        if county.code == "500236"
        else set()
    )
    for year in years(ctx):
        months = [datetime.date(year, m, 1) for m in range(1, 13) if datetime.date(year, m, 1) <= last_month]
        month_total = {m: profile.sales.at(year) * MONTH_WEIGHTS[m.month - 1] / 12 for m in months}
        for month in months:
            next_month = (month + datetime.timedelta(days=32)).replace(day=1)
            open_outlets = [
                o for o in outlets if o.opened_on < next_month and (o.closed_on is None or o.closed_on > month)
            ]
            if not open_outlets:
                continue
            total_strength = sum(strength[o.outlet_number] for o in open_outlets)
            for outlet in open_outlets:
                if month == last_month and outlet.outlet_number in late:
                    continue  # the 福彩中心's sheet for last month lacks these: a to-do
                if month < outlet.opened_on.replace(day=1):
                    continue
                value = month_total[month] * strength[outlet.outlet_number] / total_strength * ctx.rng.uniform(0.9, 1.1)
                returns.append(LotterySalesReturn(outlet=outlet, month=month, sales_yuan=money(value)))
    LotterySalesReturn.objects.bulk_create(returns, batch_size=BATCH)
    return len(outlets), len(returns)


@register_seeder("community-lottery", order=58)
def seed_community_lottery(ctx: DemoContext) -> str:
    parts = []
    for county in counties(ctx):
        if seeded(LotteryOutlet, county):
            continue
        outlets, returns = seed_lottery(ctx, county)
        parts.append(f"{county.profile.name} {outlets} outlets, {returns} monthly returns")
    return "; ".join(parts) or "already seeded"
