"""Demo funeral and marriage records (orders 60–69), consistent with the seeds' 2020 figures and the plans' projects.

奉节县 (notes/001.md §2c #13, §3b, §5): the 殡葬服务中心 in 夔门街道袁梁社区 with its 骨灰堂 and
火化车间; 农村安葬点 so that 161 of 392 villages (41%) are covered in 2020 while "农村公益性公墓尚未
启动"; the 26 农村公益性公墓 and 12 殡仪服务站 of projects #13 and #15 opening 2021–2025, two still
unfinished and four townships outside both lists (the laggards); 福金山龙园 城市公益性公墓 (10 000 墓位,
project #14); the marriage registration centre with about 8 000 registrations a year and 跨省通办 from the
2021 Chongqing pilot. 南川区: the two projects of row 10 at 50% in 2020, one finished in 2024 and 花山
lagging; the district registry's daily counts. 渠县: the county funeral home's cremators (old units scrapped,
eco units tested yearly), 火葬区 designations and the planned 公益性骨灰堂. 民乐县: 县公墓, the 2022 zone
adjustment, the 2023 funeral home with three cremators, 跨省通办.

Everything here is demo data: names of real places and projects, invented dates, counts and test reports
(documents and reports are marked 演示).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from civilaffairs.demo import DemoContext, register_seeder

DEMO = "（演示数据）"
FENGJIE, NANCHUAN, QUXIAN, MINLE = "500236", "500119", "511725", "620722"

# notes/001.md §3b project #15 (26 townships) and #13 (12 townships), as printed.
RURAL_CEMETERY_TOWNSHIPS = (
    "兴隆镇 吐祥镇 公平镇 草堂镇 新民镇 大树镇 朱衣镇 竹园镇 甲高镇 安坪镇 白帝镇 永乐镇 青莲镇 "
    "汾河镇 羊市镇 青龙镇 五马镇 鹤峰乡 红土乡 平安乡 石岗乡 长安土家族乡 冯坪乡 太和土家族乡 "
    "龙桥土家族乡 夔门街道"
).split()
SERVICE_STATION_TOWNSHIPS = (
    "新民镇 兴隆镇 吐祥镇 公平镇 朱衣镇 草堂镇 五马镇 白帝镇 青莲镇 汾河镇 永乐镇 安坪镇".split()
)
URBAN_SUBDISTRICTS = ("永安街道", "鱼复街道", "夔门街道", "夔州街道")
# Opening years of the rural public cemeteries (demo schedule of project #15, 2021–2025); two are not finished.
CEMETERY_OPENING = [2021] * 3 + [2022] * 5 + [2023] * 6 + [2024] * 6 + [2025] * 4
UNFINISHED_CEMETERIES = {"冯坪乡", "龙桥土家族乡"}
# 2020: 161 of 392 villages covered (41%, the plan's baseline; notes/001.md §2c #13).
COVERED_2020 = 161


def _region(code6: str, name: str):
    from civilaffairs.models import Region

    return Region.objects.filter(code__startswith=code6, name=name).exclude(level="village").first()


def _townships(code6: str) -> dict:
    from civilaffairs.models import Region

    return {t.name: t for t in Region.objects.townships().filter(code__startswith=code6).order_by("code")}


def _villages_by_township(code6: str) -> dict[str, list]:
    from civilaffairs.models import Region

    out: dict[str, list] = {}
    for village in Region.objects.villages().filter(code__startswith=code6).order_by("code"):
        out.setdefault(village.code[:9], []).append(village)
    return out


def _plan(code: str):
    from indicators.models import Plan

    return Plan.objects.filter(code=code).first()


def _facility(name: str, region, facility_type: str, **values):
    from funeral.models import FuneralFacility

    served = values.pop("served", None)
    facility, _ = FuneralFacility.objects.get_or_create(
        region=region, name=name, defaults={"facility_type": facility_type, **values}
    )
    if served is not None:
        facility.served_villages.set(served)
    return facility


def _date(year: int, rng) -> datetime.date:
    return datetime.date(year, rng.randint(3, 11), rng.randint(1, 28))


# --- 奉节县 facilities ------------------------------------------------------------------------------------------


@register_seeder("funeral-facilities", order=61)
def seed_facilities(ctx: DemoContext) -> str:
    from funeral.choices import FacilityType
    from funeral.models import ConstructionProject, FuneralFacility

    townships = _townships(FENGJIE)
    if not townships:
        return "奉节县 regions not loaded"
    villages = _villages_by_township(FENGJIE)
    county = _region(FENGJIE, "奉节县")
    yuanliang = next(v for v in villages[townships["夔门街道"].code[:9]] if v.name == "袁梁社区")
    quanping = next((v for v in villages[townships["汾河镇"].code[:9]] if v.name == "泉坪村"), None)
    quanping = quanping or villages[townships["汾河镇"].code[:9]][0]
    projects = {p.plan_item: p for p in ConstructionProject.objects.filter(region__code__startswith=FENGJIE)}

    # The 殡葬服务中心 (殡仪服务中心 + 火葬场) and its 骨灰堂, serving the four 街道 (31 villages and communities).
    _facility(
        "奉节县殡葬服务中心",
        yuanliang,
        FacilityType.SERVICE_CENTRE,
        opened_on=datetime.date(2004, 10, 1),
        operator="奉节县民政局",
        address="夔门街道袁梁社区",
        note="县级殡仪服务中心（含火化车间）。" + DEMO,
    )
    urban = [v for name in URBAN_SUBDISTRICTS for v in villages[townships[name].code[:9]]]
    _facility(
        "奉节县殡葬服务中心骨灰堂",
        yuanliang,
        FacilityType.COLUMBARIUM,
        opened_on=datetime.date(2006, 4, 1),
        capacity=6000,
        occupied=5400,
        operator="奉节县殡葬服务中心",
        served=urban,
        note="公益性骨灰寄存，服务四个街道。" + DEMO,
    )
    covered = {v.code for v in urban}

    # 农村安葬点 in 2020 (公益性, village level): enough to reach 161 covered villages; none in the four laggards.
    laggards = {"康乐镇", "岩湾乡", "康坪乡", "云雾土家族乡"}
    sites = 0
    rural_names = [name for name in townships if name not in URBAN_SUBDISTRICTS and name not in laggards]
    for name in rural_names:
        township_villages = [v for v in villages[townships[name].code[:9]] if v.code not in covered]
        for index in range(0, len(township_villages) // 2, 3):
            group = township_villages[index : index + 3]
            if len(covered) >= COVERED_2020 or not group:
                break
            group = group[: COVERED_2020 - len(covered)]
            _facility(
                f"{group[0].name}农村安葬点",
                group[0],
                FacilityType.RURAL_BURIAL_SITE,
                opened_on=datetime.date(ctx.rng.randint(2012, 2019), ctx.rng.randint(1, 12), 1),
                capacity=ctx.rng.randint(80, 300),
                served=group[1:],
                note="村级公益性安葬点。" + DEMO,
            )
            covered.update(v.code for v in group)
            sites += 1
    # 康乐镇 has one small site from 2024 (it is outside project #15): still a laggard.
    kangle = villages[townships["康乐镇"].code[:9]]
    _facility(
        f"{kangle[0].name}农村安葬点",
        kangle[0],
        FacilityType.RURAL_BURIAL_SITE,
        opened_on=datetime.date(2024, 5, 1),
        capacity=120,
        served=kangle[1:3],
        note=DEMO,
    )

    # Project #15: 26 农村公益性公墓, one per township, serving all its villages; two not finished.
    cemetery_project = projects.get("15")
    years = iter(CEMETERY_OPENING)
    for name in RURAL_CEMETERY_TOWNSHIPS:
        year = None if name in UNFINISHED_CEMETERIES else next(years)
        township = townships[name]
        township_villages = villages[township.code[:9]]
        site = next((v for v in township_villages if v.kind == "村"), township_villages[0])
        _facility(
            f"{name}农村公益性公墓",
            site,
            FacilityType.RURAL_PUBLIC_CEMETERY,
            opened_on=_date(year, ctx.rng) if year else None,
            area_mu=Decimal(ctx.rng.randint(8, 10)),
            capacity=ctx.rng.randint(800, 1500),
            occupied=0 if year is None else ctx.rng.randint(20, 200),
            project=cemetery_project,
            served=township_villages,
            note=("在建，尚未启用。" if year is None else "") + "火葬区建骨灰墓，土葬改革区建骨灰墓和遗体墓。" + DEMO,
        )
    # Project #13: 12 殡仪服务站 (not burial facilities: they do not count towards coverage).
    station_project = projects.get("13")
    for index, name in enumerate(SERVICE_STATION_TOWNSHIPS):
        _facility(
            f"{name}殡仪服务站",
            townships[name],
            FacilityType.SERVICE_STATION,
            opened_on=_date(2023 + index % 3, ctx.rng) if index < 10 else None,
            project=station_project,
            note=DEMO,
        )
    # Project #14: 福金山龙园 城市公益性公墓, 10 000 墓位, serving the county's 社区.
    _facility(
        "福金山龙园",
        quanping,
        FacilityType.URBAN_PUBLIC_CEMETERY,
        opened_on=datetime.date(2025, 9, 28),
        capacity=10000,
        occupied=310,
        area_mu=Decimal("118.4"),
        project=projects.get("14"),
        served=[v for township_villages in villages.values() for v in township_villages if v.kind == "社区"],
        note="城市公益性公墓，分期建设。" + DEMO,
    )
    _facility(
        "奉节县天堂陵园",
        county,
        FacilityType.COMMERCIAL_CEMETERY,
        is_public=False,
        opened_on=datetime.date(2009, 5, 1),
        capacity=8000,
        note="经营性公墓，不计入公益性安葬（放）设施覆盖率。" + DEMO,
    )
    total = FuneralFacility.objects.filter(region__code__startswith=FENGJIE).count()
    return f"奉节县 {total} facilities ({sites} 农村安葬点 in 2020, {len(covered)} villages covered in 2020)"


@register_seeder("funeral-zones", order=62)
def seed_zones(ctx: DemoContext) -> str:
    """火葬区 / 土葬改革区: 奉节 (adjusted 2022), 渠县 (6 乡 土葬改革区), 民乐 (adjusted 2022, plan 三(四)8)."""
    from funeral.choices import BurialZoneKind
    from funeral.models import BurialZone

    created = 0

    def designate(township, kind, since, document, until=None):
        nonlocal created
        _, was_created = BurialZone.objects.get_or_create(
            township=township,
            valid_from=since,
            defaults={"kind": kind, "valid_to": until, "document": document + DEMO},
        )
        created += was_created

    fengjie = _townships(FENGJIE)
    cremation = {*URBAN_SUBDISTRICTS, "白帝镇", "草堂镇", "汾河镇", "康乐镇", "永乐镇", "安坪镇", "朱衣镇", "青莲镇"}
    adjusted_2022 = {"甲高镇", "公平镇", "吐祥镇"}
    old_notice = "奉节县人民政府关于划定火葬区和土葬改革区的通告"
    new_notice = "奉节县人民政府关于调整火葬区和土葬改革区的通告"
    for name, township in fengjie.items():
        if name in adjusted_2022:
            designate(
                township,
                BurialZoneKind.BURIAL_REFORM,
                datetime.date(2010, 1, 1),
                old_notice,
                until=datetime.date(2022, 7, 1),
            )
            designate(township, BurialZoneKind.CREMATION, datetime.date(2022, 7, 1), new_notice)
        else:
            kind = BurialZoneKind.CREMATION if name in cremation else BurialZoneKind.BURIAL_REFORM
            designate(township, kind, datetime.date(2010, 1, 1), old_notice)
    for township in _townships(QUXIAN).values():
        kind = BurialZoneKind.BURIAL_REFORM if township.kind == "乡" else BurialZoneKind.CREMATION
        designate(township, kind, datetime.date(2012, 1, 1), "渠县人民政府关于划定火葬区的通告")
    minle = list(_townships(MINLE).values())
    for index, township in enumerate(minle):
        if index < 2:
            designate(township, BurialZoneKind.CREMATION, datetime.date(2015, 1, 1), "民乐县火葬区划定通告")
        elif index < 4:
            designate(
                township,
                BurialZoneKind.BURIAL_REFORM,
                datetime.date(2015, 1, 1),
                "民乐县火葬区划定通告",
                until=datetime.date(2022, 9, 1),
            )
            designate(township, BurialZoneKind.CREMATION, datetime.date(2022, 9, 1), "民乐县火葬区和土葬改革区调整方案")
        else:
            designate(township, BurialZoneKind.BURIAL_REFORM, datetime.date(2015, 1, 1), "民乐县火葬区划定通告")
    return f"{created} burial zone designations"


# --- cremators ----------------------------------------------------------------------------------------------------


def _cremator(facility, number, *, fuel, eco, treatment, commissioned, scrap, tests, decommissioned=None, reason=""):
    from funeral.models import Cremator, CrematorEmissionTest

    unit, _ = Cremator.objects.get_or_create(
        facility=facility,
        number=number,
        defaults={
            "fuel": fuel,
            "is_eco": eco,
            "has_flue_gas_treatment": treatment,
            "commissioned_on": commissioned,
            "scrap_due_on": scrap,
            "decommissioned_on": decommissioned,
            "decommission_reason": reason,
            "model_name": "平板式火化机",
            "note": "强制报废日期、检测报告为演示数据。",
        },
    )
    for tested_on, passed, body in tests:
        CrematorEmissionTest.objects.get_or_create(
            cremator=unit,
            report_number=f"演示-{facility.pk}-{number}-{tested_on:%Y%m%d}",
            defaults={"tested_on": tested_on, "tested_by": body, "passed": passed},
        )
    return unit


def _yearly(first: int, last: int, month: int, body: str, failed: tuple[int, ...] = ()) -> list:
    return [(datetime.date(year, month, 15), year not in failed, body) for year in range(first, last + 1)]


@register_seeder("funeral-cremators", order=63)
def seed_cremators(ctx: DemoContext) -> str:
    from funeral.choices import FacilityType, Fuel
    from funeral.models import Cremator, FuneralFacility

    today = ctx.today
    centre = FuneralFacility.objects.filter(region__code__startswith=FENGJIE, name="奉节县殡葬服务中心").first()
    if centre is not None:
        body = "重庆市奉节生态环境监测站"
        _cremator(
            centre,
            "1号炉",
            fuel=Fuel.LIGHT_DIESEL,
            eco=False,
            treatment=False,
            commissioned=datetime.date(2006, 3, 1),
            scrap=datetime.date(2021, 3, 1),
            tests=_yearly(2016, 2020, 9, body, failed=(2019, 2020)),
            decommissioned=datetime.date(2021, 1, 20),
            reason="已达强制报废年限且排放不达标，更新改造",
        )
        # 十三五 "火葬场火化炉环保改造项目" (100万元): two units with flue-gas treatment from 2019.
        for number, commissioned in (("2号炉", datetime.date(2019, 6, 1)), ("3号炉", datetime.date(2019, 6, 1))):
            _cremator(
                centre,
                number,
                fuel=Fuel.LIGHT_DIESEL,
                eco=True,
                treatment=True,
                commissioned=commissioned,
                scrap=commissioned.replace(year=commissioned.year + 15),
                tests=_yearly(2019, today.year - (1 if today.month < 9 else 0), 9, body),
            )
        # 火化车间改扩建 (第五章第四节): a gas unit in 2024.
        _cremator(
            centre,
            "4号炉",
            fuel=Fuel.NATURAL_GAS,
            eco=True,
            treatment=True,
            commissioned=datetime.date(2024, 4, 1),
            scrap=datetime.date(2039, 4, 1),
            tests=_yearly(2024, today.year - (1 if today.month < 9 else 0), 9, body),
        )
    qu_county = _region(QUXIAN, "渠县")
    if qu_county is not None:
        home = _facility(
            "渠县殡仪馆",
            qu_county,
            FacilityType.FUNERAL_HOME,
            opened_on=datetime.date(1998, 6, 1),
            note="规划迁建（专栏6第1项）。" + DEMO,
        )
        body = "达州市渠县生态环境监测站"
        _cremator(
            home,
            "1号炉",
            fuel=Fuel.LIGHT_DIESEL,
            eco=False,
            treatment=False,
            commissioned=datetime.date(2006, 5, 1),
            scrap=datetime.date(2021, 5, 1),
            tests=_yearly(2017, 2020, 5, body, failed=(2020,)),
            decommissioned=datetime.date(2021, 5, 1),
            reason="已达强制报废年限（专栏6：更新改造）",
        )
        _cremator(
            home,
            "2号炉",
            fuel=Fuel.LIGHT_DIESEL,
            eco=True,
            treatment=True,
            commissioned=datetime.date(2012, 3, 1),
            scrap=datetime.date(2027, 3, 1),
            tests=_yearly(2017, 2025, 5, body),
        )  # last test 2025: overdue now, a to-do
        _cremator(
            home,
            "3号炉",
            fuel=Fuel.LIGHT_DIESEL,
            eco=True,
            treatment=True,
            commissioned=datetime.date(2016, 8, 1),
            scrap=datetime.date(2031, 8, 1),
            tests=[
                *_yearly(2017, 2022, 5, body),
                (datetime.date(2023, 5, 15), False, body),
                (datetime.date(2023, 11, 20), True, body),
                *_yearly(2024, today.year, 5, body),
            ],
        )
        _cremator(
            home,
            "4号炉",
            fuel=Fuel.NATURAL_GAS,
            eco=True,
            treatment=True,
            commissioned=datetime.date(2021, 7, 1),
            scrap=datetime.date(2036, 7, 1),
            tests=_yearly(2021, today.year, 5, body),
        )
        _cremator(
            home,
            "5号炉",
            fuel=Fuel.NATURAL_GAS,
            eco=True,
            treatment=True,
            commissioned=datetime.date(2024, 3, 1),
            scrap=datetime.date(2039, 3, 1),
            tests=_yearly(2024, today.year, 5, body),
        )
        _facility(
            "马鞍山经营性公墓",
            qu_county,
            FacilityType.COMMERCIAL_CEMETERY,
            is_public=False,
            opened_on=datetime.date(2002, 1, 1),
            note="已满，规划易地改（扩）建（专栏6第4项）。" + DEMO,
        )
        _facility(
            "渠县公益性骨灰堂",
            qu_county,
            FacilityType.COLUMBARIUM,
            opened_on=datetime.date(2023, 10, 1),
            capacity=12000,
            occupied=900,
            note="专栏6规划的1处公益性骨灰堂。" + DEMO,
        )
    mi_county = _region(MINLE, "民乐县")
    if mi_county is not None:
        _facility(
            "民乐县公墓",
            mi_county,
            FacilityType.URBAN_PUBLIC_CEMETERY,
            opened_on=datetime.date(1996, 4, 1),
            area_mu=Decimal(1000),
            note="县公墓（公益性），2022—2025年基础设施改造提升。" + DEMO,
        )
        _facility(
            "民乐生态工业园区殡仪服务中心",
            mi_county,
            FacilityType.SERVICE_CENTRE,
            opened_on=datetime.date(2022, 10, 1),
            note=DEMO,
        )
        home = _facility(
            "民乐县殡仪馆",
            mi_county,
            FacilityType.FUNERAL_HOME,
            opened_on=datetime.date(2023, 12, 18),
            note="占地35亩，含火化车间，购置3套火化设备。" + DEMO,
        )
        for number in ("1号炉", "2号炉", "3号炉"):
            _cremator(
                home,
                number,
                fuel=Fuel.NATURAL_GAS,
                eco=True,
                treatment=True,
                commissioned=datetime.date(2023, 12, 18),
                scrap=datetime.date(2038, 12, 18),
                tests=_yearly(2024, today.year, 6, "张掖市生态环境监测站"),
            )
    count = Cremator.objects.count()
    return f"{count} cremators with yearly emission tests"


# --- construction projects and their progress ----------------------------------------------------------------------

FENGJIE_PROJECTS = [
    # (序号, name as printed, site, scale, 万元, years, remark, started, completed) — notes/001.md §3b #11–15
    (
        "11",
        "奉节县殡仪服务站骨灰堂新建项目",
        "夔门街道袁梁社区",
        "占地8667m²；新建骨灰寄存堂5000㎡；加固改建告别室、休息厅、综合楼、火化车间等7500㎡",
        1500,
        (2023, 2025),
        "",
        datetime.date(2023, 9, 1),
        None,
    ),
    (
        "12",
        "奉节县殡葬服务中心迁建工程",
        "夔门街道袁梁社区",
        "占地37654m²；殡仪馆18000m²（吊唁厅4800，配套用房7900，停车场及设备用房5300）",
        8100,
        (2022, 2025),
        "前期论证",
        None,
        None,
    ),
    (
        "13",
        "奉节县乡镇殡仪服务站建设项目",
        "新民镇、兴隆镇、吐祥镇、公平镇、朱衣镇、草堂镇、五马镇、白帝镇、青莲镇、汾河镇、永乐镇、安坪镇",
        "占地约52000m²；吊唁厅31个；遗体冷藏室、管理用房、休息室、餐厅、保管室、解剖室等",
        3800,
        (2022, 2025),
        "",
        datetime.date(2022, 10, 1),
        None,
    ),
    (
        "14",
        "奉节县福金山龙园（城市公益性公墓）建设项目",
        "汾河镇泉坪村",
        "占地78954m²，墓位1万个；管理服务房、停车场、祭祀广场、道路、绿化，分期建设",
        7300,
        (2023, 2025),
        "重大前期",
        datetime.date(2023, 5, 1),
        datetime.date(2025, 9, 28),
    ),
    (
        "15",
        "奉节县乡镇（街道）农村公益性公墓建设项目",
        "兴隆镇、吐祥镇、公平镇等26个乡镇（街道）",
        "占地231亩，每个8—10亩；火葬区建骨灰墓，土葬改革区建骨灰墓和遗体墓",
        6000,
        (2021, 2025),
        "",
        datetime.date(2021, 3, 1),
        None,
    ),
]


def _progress_figures(project, points, entered_by, approved_by) -> int:
    from django.utils import timezone

    from indicators.choices import ManualInputStatus
    from indicators.models import ManualInput, ManualInputType

    figure_type = ManualInputType.objects.filter(code="project_progress").first()
    if figure_type is None or entered_by is None or approved_by is None:
        return 0
    created = 0
    for as_of, value in points:
        _, was_created = ManualInput.objects.get_or_create(
            type=figure_type,
            region=project.region,
            subject=project.name,
            as_of=as_of,
            status=ManualInputStatus.APPROVED,
            defaults={
                "value": Decimal(value),
                "source": "项目建设单位月报" + DEMO,
                "entered_by": entered_by,
                "approved_by": approved_by,
                "approved_at": timezone.now(),
            },
        )
        created += was_created
    return created


@register_seeder("funeral-projects", order=60)
def seed_projects(ctx: DemoContext) -> str:
    """Runs before the facilities (which link to projects #13–15)."""
    from civilaffairs.choices import Role
    from civilaffairs.models import User
    from funeral.choices import ProjectNature
    from funeral.models import ConstructionProject

    figures = 0
    county = _region(FENGJIE, "奉节县")
    if county is not None:
        plan = _plan("fengjie-14")
        for item, name, site, scale, money, years, remark, started, completed in FENGJIE_PROJECTS:
            ConstructionProject.objects.get_or_create(
                region=county,
                name=name,
                defaults={
                    "plan": plan,
                    "plan_item": item,
                    "nature": ProjectNature.RELOCATION if "迁建" in name else ProjectNature.NEW,
                    "location": site,
                    "scale": scale,
                    "planned_investment": Decimal(money),
                    "planned_start_year": years[0],
                    "planned_end_year": years[1],
                    "started_on": started,
                    "completed_on": completed,
                    "remark": remark,
                },
            )
        fujin = ConstructionProject.objects.get(region=county, name=FENGJIE_PROJECTS[3][1])
        staff = User.objects.filter(username="staff").first()
        admin = User.objects.filter(username="admin").first()
        figures += _progress_figures(
            fujin,
            [
                (datetime.date(2023, 12, 31), 25),
                (datetime.date(2024, 6, 30), 48),
                (datetime.date(2024, 12, 31), 70),
                (datetime.date(2025, 6, 30), 92),
            ],
            staff,
            admin,
        )
    district = _region(NANCHUAN, "南川区")
    if district is not None:
        plan = _plan("nanchuan-14")
        # Four eyes: a figure is approved by someone other than who entered it; 南川 has only an admin among the
        # demo logins, so a (login-less) district staff member enters the figures.
        enterer, _ = User.objects.get_or_create(
            username="nanchuan_staff",
            defaults={
                "display_name": "南川区民政局业务员（演示）",
                "role": Role.COUNTY_STAFF,
                "jurisdiction": district,
            },
        )
        if enterer.has_usable_password():
            enterer.set_unusable_password()
            enterer.save(update_fields=["password"])
        approver = User.objects.filter(username="nanchuan_admin").first()
        parlour, _ = ConstructionProject.objects.get_or_create(
            region=district,
            name="区殡仪馆改扩建工程",
            defaults={
                "plan": plan,
                "plan_item": "10",
                "in_indicator_table": True,
                "nature": ProjectNature.RENOVATION,
                "location": "南川区殡仪馆",
                "planned_start_year": 2019,
                "planned_end_year": 2023,
                "started_on": datetime.date(2019, 10, 8),
                "completed_on": datetime.date(2024, 6, 28),
                "remark": "规划指标表第10行",
            },
        )
        huashan, _ = ConstructionProject.objects.get_or_create(
            region=district,
            name="花山生态陵园建设工程",
            defaults={
                "plan": plan,
                "plan_item": "10",
                "in_indicator_table": True,
                "nature": ProjectNature.NEW,
                "location": "花山",
                "planned_start_year": 2019,
                "planned_end_year": 2025,
                "started_on": datetime.date(2019, 12, 1),
                "remark": "规划指标表第10行；仅见于指标表",
            },
        )
        figures += _progress_figures(
            parlour,
            [
                (datetime.date(2020, 12, 31), 50),
                (datetime.date(2021, 6, 30), 56),
                (datetime.date(2021, 12, 31), 63),
                (datetime.date(2022, 6, 30), 70),
                (datetime.date(2022, 12, 31), 78),
                (datetime.date(2023, 6, 30), 86),
                (datetime.date(2023, 12, 31), 95),
            ],
            enterer,
            approver,
        )
        figures += _progress_figures(
            huashan,
            [
                (datetime.date(2020, 12, 31), 50),
                (datetime.date(2021, 6, 30), 52),
                (datetime.date(2021, 12, 31), 55),
                (datetime.date(2022, 6, 30), 57),
                (datetime.date(2022, 12, 31), 58),
                (datetime.date(2023, 6, 30), 61),
                (datetime.date(2023, 12, 31), 64),
                (datetime.date(2024, 6, 30), 68),
                (datetime.date(2024, 12, 31), 72),
                (datetime.date(2025, 6, 30), 75),
                (datetime.date(2025, 12, 31), 78),
                (datetime.date(2026, 6, 30), 81),
            ],
            enterer,
            approver,
        )
    return f"{ConstructionProject.objects.count()} construction projects, {figures} approved progress figures"


# --- marriage registration -------------------------------------------------------------------------------------


def _office(region, name: str, **values):
    from funeral.models import MarriageRegistrationOffice

    office, _ = MarriageRegistrationOffice.objects.get_or_create(region=region, name=name, defaults=values)
    return office


def _cross_province(office, since: datetime.date, document: str) -> None:
    from funeral.choices import CrossProvinceBusiness
    from funeral.models import CrossProvinceAuthorisation

    for business in CrossProvinceBusiness.values:
        CrossProvinceAuthorisation.objects.get_or_create(
            office=office, business=business, enabled_on=since, defaults={"document": document + DEMO}
        )


# Yearly volumes by kind (demo; 奉节 ≈ 8 000 a year, 南川 ≈ 9 300 a year: notes/001.md §5, notes/002.md §5).
VOLUMES = {
    FENGJIE: {"marriage": 5200, "divorce": 1900, "supplementary_marriage": 650, "certificate_reissue": 300},
    NANCHUAN: {"marriage": 6000, "divorce": 2300, "supplementary_marriage": 650, "certificate_reissue": 350},
}


def _counts(
    ctx: DemoContext,
    office,
    volumes: dict,
    start: datetime.date,
    cross_from: datetime.date | None,
    outage_days: set[datetime.date],
    backfill: tuple[datetime.date, datetime.date] | None,
) -> list:
    from civilaffairs.workdays import is_workday
    from funeral.models import MarriageRegistrationCount

    rows, day = [], start
    while day <= ctx.today:
        if is_workday(day):
            for kind, yearly in volumes.items():
                mean = yearly / 250 * (2.5 if (day.month, day.day) == (5, 20) and kind == "marriage" else 1)
                total = max(0, round(ctx.rng.gauss(mean, mean**0.5)))
                backfilled = 0
                if backfill and backfill[0] <= day <= backfill[1] and kind == "marriage":
                    backfilled = ctx.rng.randint(10, 40)  # 历史数据补录 entered that day
                if total + backfilled == 0:
                    continue
                online = 0 if day in outage_days else total
                cross = 0
                if cross_from and day >= cross_from and kind in ("marriage", "divorce") and total:
                    cross = min(total, ctx.rng.choice([0, 0, 0, 1, 1, 2]))
                rows.append(
                    MarriageRegistrationCount(
                        office=office,
                        date=day,
                        kind=kind,
                        total=total + backfilled,
                        online=online,
                        cross_province=cross,
                        backfilled=backfilled,
                        note="系统故障，事后补录" if day in outage_days else "",
                    )
                )
        day += datetime.timedelta(days=1)
    return rows


@register_seeder("marriage-registration", order=64)
def seed_marriage(ctx: DemoContext) -> str:
    from funeral.models import MarriageRegistrationCount

    rows = []
    offices = 0
    pilot = datetime.date(2021, 6, 1)  # Chongqing was in the State Council's 2021 跨省通办 pilot
    county = _region(FENGJIE, "奉节县")
    if county is not None:
        office = _office(
            county,
            "奉节县婚姻登记中心",
            opened_on=datetime.date(2003, 10, 1),
            online_since=datetime.date(2013, 1, 1),
            address="永安街道",
            note="县级婚姻登记机关。" + DEMO,
        )
        _cross_province(office, pilot, "重庆市民政局关于开展内地居民婚姻登记“跨省通办”试点工作的通知")
        outages = {datetime.date(2021, 3, 9), datetime.date(2023, 8, 14)}
        rows += _counts(
            ctx,
            office,
            VOLUMES[FENGJIE],
            datetime.date(2020, 1, 1),
            pilot,
            outages,
            (datetime.date(2021, 4, 1), datetime.date(2021, 4, 30)),
        )
        offices += 1
    district = _region(NANCHUAN, "南川区")
    if district is not None:
        office = _office(
            district,
            "南川区婚姻登记处",
            opened_on=datetime.date(2002, 1, 1),
            online_since=datetime.date(2012, 7, 1),
            note=DEMO,
        )
        _cross_province(office, pilot, "重庆市民政局关于开展内地居民婚姻登记“跨省通办”试点工作的通知")
        rows += _counts(
            ctx,
            office,
            VOLUMES[NANCHUAN],
            datetime.date(2020, 1, 1),
            pilot,
            {datetime.date(2022, 11, 2)},
            (datetime.date(2022, 3, 1), datetime.date(2022, 3, 31)),
        )
        offices += 1
    minle = _region(MINLE, "民乐县")
    if minle is not None:
        office = _office(
            minle,
            "民乐县婚姻登记处",
            opened_on=datetime.date(2004, 1, 1),
            online_since=datetime.date(2014, 1, 1),
            note=DEMO,
        )
        _cross_province(office, datetime.date(2023, 6, 1), "甘肃省民政厅关于实施婚姻登记“跨省通办”的通知")
        offices += 1
    MarriageRegistrationCount.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return f"{offices} marriage registration offices, {len(rows)} daily counts"
