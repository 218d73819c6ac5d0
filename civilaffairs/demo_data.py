"""Core demo records: users for every role, persons in 奉节县's villages, place names, signs and markers."""

import datetime

from civilaffairs.choices import Role, SignCondition
from civilaffairs.demo import (
    DEMO_COUNTY,
    DEMO_OTHER_TOWNSHIP,
    DEMO_PASSWORD,
    DEMO_TOWNSHIP,
    DemoContext,
    register_seeder,
)
from civilaffairs.models import BoundaryMarker, Person, PlaceName, PlaceNameSign, Region, RegionStat, User

DEMO_USERS = [
    # username, display name, role, jurisdiction, staff site
    ("admin", "管理员（奉节县）", Role.ADMIN, DEMO_COUNTY, True),
    ("staff", "县局业务员 周敏", Role.COUNTY_STAFF, DEMO_COUNTY, True),
    ("leader", "县局领导 陈建国", Role.COUNTY_LEADER, DEMO_COUNTY, False),
    ("yongan", "永安街道经办人 李娜", Role.CASEWORKER, DEMO_TOWNSHIP, False),
    ("yongan_review", "永安街道审核人 王强", Role.REVIEWER, DEMO_TOWNSHIP, False),
    ("caotang", "草堂镇经办人 刘洋", Role.CASEWORKER, DEMO_OTHER_TOWNSHIP, False),
    ("caotang_review", "草堂镇审核人 赵静", Role.REVIEWER, DEMO_OTHER_TOWNSHIP, False),
    ("qu_admin", "管理员（渠县）", Role.ADMIN, "511725000000", True),
    ("nanchuan_admin", "管理员（南川区）", Role.ADMIN, "500119000000", True),
    ("minle_admin", "管理员（民乐县）", Role.ADMIN, "620722000000", True),
    ("gaoxin_admin", "管理员（重庆高新区）", Role.ADMIN, "500190000000", True),
]


def demo_logins() -> list[tuple[str, str, str]]:
    return [(username, DEMO_PASSWORD, f"{name} · {role.label}") for username, name, role, _, _ in DEMO_USERS]


@register_seeder("users", order=10)
def seed_users(ctx: DemoContext) -> str:
    for username, name, role, region, staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": name, "role": role, "jurisdiction_id": region, "is_staff": staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
    return f"{len(DEMO_USERS)} users"


@register_seeder("region-stats", order=15)
def seed_region_stats(ctx: DemoContext) -> str:
    """Demo households and population per village (labelled): no seed states them, indicators need them."""
    rows = []
    villages = Region.objects.villages().filter(code__startswith=DEMO_COUNTY[:6], is_placeholder=False)
    for village in villages:
        for year in range(2020, ctx.today.year + 1):
            households = ctx.rng.randint(350, 900) if village.kind == "社区" else ctx.rng.randint(250, 650)
            rows.append(
                RegionStat(
                    region=village,
                    year=year,
                    households=households,
                    resident_population=int(households * ctx.rng.uniform(2.2, 2.9)),
                    source="演示数据（非真实统计）",
                    is_demo=True,
                )
            )
    RegionStat.objects.bulk_create(rows, ignore_conflicts=True)
    return f"{len(rows)} demo village statistics"


@register_seeder("persons", order=20)
def seed_persons(ctx: DemoContext) -> str:
    villages = list(Region.objects.villages().filter(code__startswith=DEMO_COUNTY[:6]))
    persons, seen = [], set(Person.objects.values_list("id_number", flat=True))
    for _ in range(ctx.count(600)):
        birth = ctx.birth_date(1, 95)
        number = ctx.id_number(birth)
        if number in seen:
            continue
        seen.add(number)
        persons.append(
            Person(
                id_number=number,
                name=ctx.name(),
                sex="M" if int(number[16]) % 2 else "F",
                birth_date=birth,
                region=ctx.rng.choice(villages),
                address="",
            )
        )
    Person.objects.bulk_create(persons, batch_size=2000)
    return f"{len(persons)} persons"


@register_seeder("place-names", order=30)
def seed_place_names(ctx: DemoContext) -> str:
    yongan = Region.objects.get(code=DEMO_TOWNSHIP)
    village = yongan.children.order_by("code").first()
    road, _ = PlaceName.objects.get_or_create(
        name="诗城路",
        category="road",
        region=village,
        defaults={"origin": "因奉节县“中华诗城”得名（演示数据）", "approved_on": datetime.date(2015, 6, 1)},
    )
    baidi, _ = PlaceName.objects.get_or_create(
        name="白帝城",
        category="memorial",
        region=Region.objects.get(name="白帝镇", parent_id=DEMO_COUNTY),
        defaults={"origin": "白帝城地名故事入选“全国最美地名故事”（规划第一章）", "is_protected": True},
    )
    for number, condition in [("YA-001", SignCondition.GOOD), ("YA-002", SignCondition.DAMAGED)]:
        PlaceNameSign.objects.get_or_create(
            place_name=road,
            code=number,
            defaults={"region": village, "location": "诗城路与滨江路交叉口（演示）", "condition": condition},
        )
    county = Region.objects.get(code=DEMO_COUNTY)
    # 4 county-level 界桩 maintained by the county (notes/001.md §1); numbers and places are demo values.
    for i, (boundary, inspected) in enumerate(
        [
            ("奉节县—巫山县县界", datetime.date(2019, 10, 12)),
            ("奉节县—云阳县县界", datetime.date(2019, 11, 3)),
            ("奉节县—巫溪县县界", datetime.date(2014, 9, 20)),
            ("渝鄂省界（奉节县段）", datetime.date(2020, 5, 18)),
        ],
        start=1,
    ):
        BoundaryMarker.objects.get_or_create(
            boundary_name=boundary,
            number=f"{i:03d}",
            defaults={
                "boundary_level": "provincial" if "省界" in boundary else "county",
                "region": county,
                "location": "演示位置",
                "last_joint_inspection_on": inspected,
                "joint_inspection_round": 3,
            },
        )
    return f"place names {PlaceName.objects.count()}, signs, 4 boundary markers (plus {baidi})"
