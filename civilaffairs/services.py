"""Core services: writes that touch several rows (STYLE: services ``<entity>_<verb>(*, actor, ...)``)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

from django.db import OperationalError, connection, transaction

from civilaffairs.choices import RegionLevel, UrbanRural
from civilaffairs.models import Region, RegionStat
from civilaffairs.reference import FIXTURES_DIR, read_yaml


def retry_on_sqlite_lock(func: Callable) -> Callable:
    """Retry the whole transaction when SQLite reports a lock.

    PostgreSQL queues a second writer on the row lock. SQLite has no row locks: the web server and the worker of
    the embedded demo (and threads sharing an in-memory test database) get "database is locked" instead; the
    transaction is retried from the start, so it re-reads the state the first writer left.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return func(*args, **kwargs)
        for attempt in range(40):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                if "locked" not in str(exc) or attempt == 39:
                    raise
                time.sleep(min(0.5, 0.02 * (attempt + 1)))
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


REGION_FIELDS = [
    "name",
    "level",
    "kind",
    "parent",
    "urban_rural",
    "official_code",
    "is_placeholder",
    "abolished_on",
    "note",
]
STAT_FIELDS = [
    "resident_population",
    "registered_population",
    "households",
    "aged_60_plus",
    "minors",
    "disabled_registered",
    "source",
    "note",
]


def _region(code, name, level, kind, parent_code=None, urban_rural="", **extra) -> Region:
    abolished = extra.get("abolished_on") or None
    if isinstance(abolished, int):  # "abolished: 2020" in a fixture: the year is all the seed gives
        abolished = f"{abolished}-12-31"
    return Region(
        code=str(code),
        name=name,
        level=level,
        kind=kind,
        parent_id=parent_code,
        urban_rural=urban_rural or "",
        official_code=str(extra.get("official_code") or ""),
        is_placeholder=bool(extra.get("placeholder", False)),
        abolished_on=abolished,
        note=extra.get("note") or extra.get("code_note") or "",
    )


def regions_from_fixture(data: dict) -> tuple[list[Region], list[RegionStat]]:
    """Turn one ``fixtures/regions/<county>.yaml`` document into unsaved Region and RegionStat rows."""
    rows: list[Region] = []
    parent = None
    for node in data.get("ancestors", []):
        rows.append(_region(node["code"], node["name"], node["level"], node["kind"], parent))
        parent = str(node["code"])
    county = data["county"]
    rows.append(
        _region(
            county["code"],
            county["name"],
            RegionLevel.COUNTY,
            county["kind"],
            parent,
            **{k: v for k, v in county.items() if k in ("official_code", "code_note", "note")},
        )
    )
    for township in data["townships"]:
        rows.append(
            _region(
                township["code"],
                township["name"],
                RegionLevel.TOWNSHIP,
                township["kind"],
                str(county["code"]),
                township.get("urban_rural", UrbanRural.RURAL),
                **{k: v for k, v in township.items() if k in ("official_code", "placeholder", "note", "abolished_on")},
            )
        )
        for village in township.get("villages", []):
            extra = {k: v for k, v in village.items() if k in ("official_code", "placeholder", "note")}
            if "abolished" in village:
                extra["abolished_on"] = village["abolished"]
            if "abolished_on" in village:
                extra["abolished_on"] = village["abolished_on"]
            rows.append(
                _region(
                    village["code"],
                    village["name"],
                    RegionLevel.VILLAGE,
                    village["kind"],
                    str(township["code"]),
                    village.get("urban_rural", ""),
                    **extra,
                )
            )
    stats = [
        RegionStat(
            region_id=str(stat["region"]),
            year=stat["year"],
            **{field: stat.get(field) for field in STAT_FIELDS if field not in ("source", "note")},
            source=stat.get("source", ""),
            note=stat.get("note") or "",
        )
        for stat in data.get("stats", [])
    ]
    return rows, stats


@transaction.atomic
def regions_load(paths: list[Path] | None = None) -> tuple[int, int]:
    """Upsert every region and statistic of the region fixtures; returns (regions, stats) written."""
    paths = paths or sorted((FIXTURES_DIR / "regions").glob("*.yaml"))
    regions: dict[str, Region] = {}
    stats: list[RegionStat] = []
    for path in paths:
        rows, region_stats = regions_from_fixture(read_yaml(path))
        for row in rows:
            regions.setdefault(row.code, row)  # shared ancestors (重庆市) appear in several files
        stats.extend(region_stats)
    level_order = [
        RegionLevel.PROVINCE,
        RegionLevel.CITY,
        RegionLevel.COUNTY,
        RegionLevel.TOWNSHIP,
        RegionLevel.VILLAGE,
    ]
    ordered = sorted(regions.values(), key=lambda r: (level_order.index(r.level), r.code))
    for row in ordered:
        row.full_clean(exclude=["parent"], validate_unique=False)
    Region.objects.bulk_create(
        ordered,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[f for f in REGION_FIELDS],
    )
    RegionStat.objects.bulk_create(
        stats,
        update_conflicts=True,
        unique_fields=["region", "year"],
        update_fields=STAT_FIELDS,
    )
    return len(ordered), len(stats)
