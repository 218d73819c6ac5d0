"""Where a row stands at an as-of date: met, on track, behind, no data (rule: docs/decisions/0003).

The expected value follows a straight line from the baseline (31 December of the baseline year) to the
target (31 December of the target year): expected(d) = baseline + (target − baseline) × elapsed fraction, the
fraction capped to [0, 1]. A row whose target condition already holds is met; otherwise it is on track when
the actual value is at or beyond the expected value in the row's direction, else behind. A row without a
baseline (重庆高新区's table has no baseline column; "—" cells elsewhere) can only be met or behind, judged
against the target alone; a "不低于上年度…" target compares with the referenced manual figure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.choices import Direction, SnapshotStatus, TargetOperator


@dataclass
class Assessment:
    status: str
    expected: Decimal | None = None  # the straight-line value for the as-of date
    target: Decimal | None = None  # what the value was compared with (the reference figure for "ref>=")
    notes: list[str] = field(default_factory=list)


def elapsed_fraction(baseline_year: int, target_year: int, as_of: datetime.date) -> Decimal:
    """Share of the plan period elapsed at ``as_of``, from 31 Dec of the baseline year to 31 Dec of the target year."""
    start = datetime.date(baseline_year, 12, 31)
    end = datetime.date(target_year, 12, 31)
    span = (end - start).days
    if span <= 0:
        return Decimal(1)
    fraction = Decimal((as_of - start).days) / Decimal(span)
    return min(Decimal(1), max(Decimal(0), fraction))


def expected_value(
    baseline: Decimal | None, target: Decimal | None, baseline_year: int | None, target_year: int, as_of: datetime.date
) -> Decimal | None:
    if baseline is None or target is None or baseline_year is None:
        return None
    return baseline + (target - baseline) * elapsed_fraction(baseline_year, target_year, as_of)


def target_holds(value: Decimal, operator: str, target: Decimal, direction: str = Direction.HIGHER) -> bool:
    """Whether the target condition holds. A printed "=" target (2025年 "100", "2500") means "reach it": met at the
    target or beyond it in the row's direction — 2 600 social workers meet a target printed as "2500"."""
    if operator == TargetOperator.EQ:
        return value >= target if direction == Direction.HIGHER else value <= target
    return {
        TargetOperator.GE: value >= target,
        TargetOperator.REF_GE: value >= target,
        TargetOperator.GT: value > target,
        TargetOperator.LE: value <= target,
        TargetOperator.LT: value < target,
    }[operator]


def row_direction(operator: str, baseline: Decimal | None, target: Decimal | None, default: str) -> str:
    """Which way is progress: from the operator, else ("=") from baseline towards target, else the definition's."""
    if operator in (TargetOperator.GE, TargetOperator.GT, TargetOperator.REF_GE):
        return Direction.HIGHER
    if operator in (TargetOperator.LE, TargetOperator.LT):
        return Direction.LOWER
    if baseline is not None and target is not None and baseline != target:
        return Direction.HIGHER if target > baseline else Direction.LOWER
    return default or Direction.HIGHER


def assess(
    *,
    value: Decimal | None,
    baseline: Decimal | None,
    operator: str | None,
    target: Decimal | None,
    baseline_year: int | None,
    target_year: int,
    as_of: datetime.date,
    direction: str = Direction.HIGHER,
    reference: Decimal | None = None,
) -> Assessment:
    """The status of one figure; ``reference`` is the manual figure a "ref>=" target points at."""
    if not operator or (target is None and operator != TargetOperator.REF_GE):
        return Assessment(SnapshotStatus.NO_TARGET if value is not None else SnapshotStatus.NO_DATA)
    if operator == TargetOperator.REF_GE:
        if reference is None:
            return Assessment(SnapshotStatus.NO_DATA, notes=[_("The reference figure has not been entered.")])
        # A moving target (last year's consumption growth) has no straight-line path: met or behind.
        if value is None:
            return Assessment(SnapshotStatus.NO_DATA, expected=reference, target=reference)
        status = SnapshotStatus.MET if target_holds(value, operator, reference) else SnapshotStatus.BEHIND
        return Assessment(status, expected=reference, target=reference)

    expected = expected_value(baseline, target, baseline_year, target_year, as_of)
    if value is None:
        return Assessment(SnapshotStatus.NO_DATA, expected=expected, target=target)
    way = row_direction(operator, baseline, target, direction)
    if target_holds(value, operator, target, way):
        return Assessment(SnapshotStatus.MET, expected=expected, target=target)
    if expected is None:
        return Assessment(
            SnapshotStatus.BEHIND,
            target=target,
            notes=[_("No baseline: judged against the target alone.")],
        )
    on_track = value >= expected if way == Direction.HIGHER else value <= expected
    return Assessment(SnapshotStatus.ON_TRACK if on_track else SnapshotStatus.BEHIND, expected=expected, target=target)
