"""The six funeral and marriage computations at county scale (``make bench``; numbers printed, nothing asserted).

A synthetic county (990198, rolled back afterwards): 40 townships × 12 villages, a rural public cemetery per
township serving all its villages, 240 village burial sites serving three villages each, commercial cemeteries,
20 cremators tested yearly for 10 years, 12 projects with quarterly progress, and — to load the flow indicator —
40 registration offices with five years of daily counts of four kinds (≈ 200 000 rows × scale; a real county has
one or two offices and ≈ 5 000 rows).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from civilaffairs.bench import BenchContext, register_benchmark

BENCH_COUNTY = "990198"
AS_OF = datetime.date(2025, 6, 30)


class _Rollback(Exception):
    pass


def _build(scale: float) -> dict:
    from civilaffairs.models import Region, User
    from funeral.choices import BurialZoneKind, CrossProvinceBusiness, FacilityType, Fuel, RegistrationKind
    from funeral.models import (
        BurialZone,
        ConstructionProject,
        Cremator,
        CrematorEmissionTest,
        CrossProvinceAuthorisation,
        FuneralFacility,
        MarriageRegistrationCount,
        MarriageRegistrationOffice,
    )
    from indicators.choices import ManualInputStatus
    from indicators.models import ManualInput, ManualInputType

    province = Region.objects.get_or_create(
        code="990000000000", defaults={"name": "测试省", "level": "province", "kind": "省"}
    )[0]
    city = Region.objects.get_or_create(
        code="990100000000", defaults={"name": "测试市", "level": "city", "kind": "地级市", "parent": province}
    )[0]
    county = Region.objects.create(
        code=f"{BENCH_COUNTY}000000", name="殡葬基准县", level="county", kind="县", parent=city
    )
    townships = Region.objects.bulk_create(
        [
            Region(
                code=f"{BENCH_COUNTY}{100 + t:03d}000", name=f"基准{t}镇", level="township", kind="镇", parent=county
            )
            for t in range(40)
        ]
    )
    villages = Region.objects.bulk_create(
        [
            Region(code=f"{t.code[:9]}{200 + v:03d}", name=f"{t.name}{v}村", level="village", kind="村", parent=t)
            for t in townships
            for v in range(12)
        ]
    )
    by_township: dict[str, list] = {}
    for village in villages:
        by_township.setdefault(village.code[:9], []).append(village)
    facilities = []
    for i, township in enumerate(townships):
        facilities.append(
            FuneralFacility(
                name=f"{township.name}农村公益性公墓",
                facility_type=FacilityType.RURAL_PUBLIC_CEMETERY,
                region=by_township[township.code[:9]][0],
                opened_on=datetime.date(2021 + i % 6, 6, 1),
            )
        )
        for j in range(6):
            facilities.append(
                FuneralFacility(
                    name=f"{township.name}安葬点{j}",
                    facility_type=FacilityType.RURAL_BURIAL_SITE,
                    region=by_township[township.code[:9]][j * 2],
                    opened_on=datetime.date(2015, 1, 1),
                    closed_on=datetime.date(2024, 1, 1) if j == 5 else None,
                )
            )
        facilities.append(
            FuneralFacility(
                name=f"{township.name}经营性公墓",
                facility_type=FacilityType.COMMERCIAL_CEMETERY,
                is_public=False,
                region=township,
                opened_on=datetime.date(2010, 1, 1),
            )
        )
    facilities = FuneralFacility.objects.bulk_create(facilities)
    through = FuneralFacility.served_villages.through
    links = []
    for facility in facilities:
        township_villages = by_township[facility.region_id[:9]]
        if facility.facility_type == FacilityType.RURAL_PUBLIC_CEMETERY:
            links += [through(funeralfacility_id=facility.pk, region_id=v.code) for v in township_villages]
        elif facility.facility_type == FacilityType.RURAL_BURIAL_SITE:
            index = township_villages.index(next(v for v in township_villages if v.code == facility.region_id))
            links += [
                through(funeralfacility_id=facility.pk, region_id=v.code) for v in township_villages[index : index + 3]
            ]
    through.objects.bulk_create(links, batch_size=5000)
    BurialZone.objects.bulk_create(
        [
            BurialZone(
                township=t,
                kind=BurialZoneKind.CREMATION if i < 30 else BurialZoneKind.BURIAL_REFORM,
                valid_from=datetime.date(2015, 1, 1),
                document="基准",
            )
            for i, t in enumerate(townships)
        ]
    )
    home = FuneralFacility.objects.create(
        name="基准县殡仪馆", facility_type=FacilityType.FUNERAL_HOME, region=county, opened_on=datetime.date(2000, 1, 1)
    )
    cremators = Cremator.objects.bulk_create(
        [
            Cremator(
                facility=home,
                number=f"{n}号炉",
                fuel=Fuel.NATURAL_GAS if n % 2 else Fuel.LIGHT_DIESEL,
                has_flue_gas_treatment=True,
                is_eco=n % 3 != 0,
                commissioned_on=datetime.date(2012 + n % 10, 1, 1),
                scrap_due_on=datetime.date(2027 + n % 10, 1, 1),
            )
            for n in range(20)
        ]
    )
    CrematorEmissionTest.objects.bulk_create(
        [
            CrematorEmissionTest(
                cremator=c,
                tested_on=datetime.date(year, 5, 1),
                tested_by="监测站",
                report_number=f"B{c.pk}-{year}",
                passed=(year + c.pk) % 7 != 0,
            )
            for c in cremators
            for year in range(2016, 2026)
        ]
    )
    staff = User.objects.create(username="bench_funeral_staff", role="county_staff", jurisdiction=county)
    admin = User.objects.create(username="bench_funeral_admin", role="admin", jurisdiction=county)
    figure_type = ManualInputType.objects.get_or_create(
        code="project_progress", defaults={"name": "建设项目形象进度", "unit": "%", "value_type": "percent"}
    )[0]
    projects = ConstructionProject.objects.bulk_create(
        [
            ConstructionProject(
                name=f"基准项目{n}",
                region=county if n % 2 else townships[n],
                in_indicator_table=True,
                started_on=datetime.date(2021, 1, 1),
            )
            for n in range(12)
        ]
    )
    now = timezone.now()
    ManualInput.objects.bulk_create(
        [
            ManualInput(
                type=figure_type,
                region=p.region,
                subject=p.name,
                as_of=datetime.date(2021 + q // 4, q % 4 * 3 + 1, 1),
                effective_on=datetime.date(2021 + q // 4, q % 4 * 3 + 1, 1),
                value=Decimal(min(100, q * 6)),
                source="基准",
                status=ManualInputStatus.APPROVED,
                entered_by=staff,
                approved_by=admin,
                approved_at=now,
            )
            for p in projects
            for q in range(16)
        ]
    )
    offices = MarriageRegistrationOffice.objects.bulk_create(
        [
            MarriageRegistrationOffice(name=f"{t.name}婚姻登记处", region=t, opened_on=datetime.date(2010, 1, 1))
            for t in townships
        ]
    )
    CrossProvinceAuthorisation.objects.bulk_create(
        [
            CrossProvinceAuthorisation(office=o, business=b, enabled_on=datetime.date(2021, 6, 1), document="基准")
            for o in offices[::2]
            for b in CrossProvinceBusiness.values
        ]
    )
    days = max(1, int(5 * 250 * scale))
    start = datetime.date(2020, 7, 1)  # five years of working days up to the as-of date
    kinds = [
        RegistrationKind.MARRIAGE,
        RegistrationKind.DIVORCE,
        RegistrationKind.SUPPLEMENTARY_MARRIAGE,
        RegistrationKind.CERTIFICATE_REISSUE,
    ]
    batch, count = [], 0
    for office in offices:
        for d in range(days):
            day = start + datetime.timedelta(days=d * 365 // 250)
            for k, kind in enumerate(kinds):
                batch.append(
                    MarriageRegistrationCount(
                        office=office, date=day, kind=kind, total=10 + k, online=9 + k, cross_province=d % 2
                    )
                )
        if len(batch) >= 20000:
            MarriageRegistrationCount.objects.bulk_create(batch, batch_size=5000)
            count += len(batch)
            batch = []
    MarriageRegistrationCount.objects.bulk_create(batch, batch_size=5000)
    count += len(batch)
    return {"county": county, "counts": count, "links": len(links), "facilities": len(facilities) + 1}


@register_benchmark("funeral", order=60)
def bench_funeral(ctx: BenchContext) -> None:
    from indicators import registry

    codes = [
        "funeral.county_public_burial_facility_coverage",
        "funeral.village_public_burial_facility_coverage",
        "funeral.eco_cremator_count",
        "funeral.facility_project_progress",
        "funeral.marriage_online_registration_rate",
        "funeral.marriage_cross_province_office_rate",
    ]
    try:
        with transaction.atomic():
            with ctx.timer("build synthetic county (40 townships, 480 villages)"):
                world = _build(ctx.scale)
            ctx.record("daily registration count rows", world["counts"], "rows")
            ctx.record("facility service-area links", world["links"], "rows")
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            county = world["county"]
            for code in codes:
                computation = registry.get(code)
                computation.compute(county, AS_OF)  # warm
                with ctx.timer(f"{code.split('.')[1]} (county, as of {AS_OF})"):
                    result = computation.compute(county, AS_OF)
                ctx.record(f"  value ({len(result.breakdown)} groups)", float(result.value or 0), "")
            with ctx.timer("village coverage drill-down, first 50 rows"):
                list(registry.get(codes[1]).drilldown(county, AS_OF, "numerator").select_related("parent")[:50])
            raise _Rollback
    except _Rollback:
        pass
