"""The figure of one plan row at an as-of date, in memory: computation or manual figure, breakdown, status.

Nothing here writes; ``services.plan_recompute`` computes every row of a plan with ``row_figure`` first and
only then writes all snapshots in one transaction, so that a crash midway leaves the previous ones intact.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from civilaffairs.models import Region
from indicators import registry
from indicators.choices import Direction, Kind, TargetOperator
from indicators.models import PlanRow
from indicators.progress import Assessment, assess
from indicators.registry import COUNTY_LEVEL, TOWNSHIP_CODE_LENGTH, quantize, scale_value

PLACES = 4  # decimals stored; pages show two


@dataclass
class RowFigure:
    row: PlanRow
    as_of: datetime.date
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    breakdown: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    manual_inputs: list[dict[str, Any]] = field(default_factory=list)
    denominator_source: dict[str, Any] = field(default_factory=dict)
    is_manual: bool = False
    definition_code: str = ""
    definition_version: int | None = None
    assessment: Assessment | None = None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(quantize(value, PLACES))


def jurisdiction_townships(region: Region) -> list[str]:
    """The 9-digit keys of the jurisdiction's current townships: every one gets a bar, even with no records."""
    if len(region.prefix) > TOWNSHIP_CODE_LENGTH:
        return []
    codes = Region.objects.townships().active().filter(code__startswith=region.prefix).values_list("code", flat=True)
    return [code[:TOWNSHIP_CODE_LENGTH] for code in codes]


def _scaled(value: Decimal | None, scale: Decimal) -> Decimal | None:
    return None if value is None else Decimal(value) / Decimal(scale)


def _breakdown(result: registry.Result, kind: str, scale: Decimal, townships: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    has_denominator = result.denominator is not None
    for key, entry in result.breakdown.items():
        out[key] = {
            "numerator": _text(entry["numerator"]),
            "denominator": _text(entry["denominator"]),
            "value": _text(_scaled(entry["value"], scale)),
        }
    for key in townships:
        if key not in out:
            den = Decimal(0) if has_denominator else None
            out[key] = {
                "numerator": "0",
                "denominator": _text(den),
                "value": _text(_scaled(scale_value(kind, Decimal(0), den), scale)),
            }
    return dict(sorted(out.items(), key=lambda item: (item[0] == COUNTY_LEVEL, item[0])))


def row_figure(row: PlanRow, as_of: datetime.date, townships: list[str] | None = None) -> RowFigure:
    """Compute one row; the row must come with ``plan__jurisdiction``, ``definition`` and the manual types loaded."""
    plan = row.plan
    region = plan.jurisdiction
    figure = RowFigure(row=row, as_of=as_of)
    direction = Direction.HIGHER
    if row.definition_id:
        definition = row.definition
        figure.definition_code = definition.code
        direction = definition.direction or Direction.HIGHER
        computation = registry.all_computations().get(definition.code)
        if computation is None:
            figure.notes.append(_("Computation not registered"))
        else:
            result = computation.compute(region, as_of)
            figure.definition_version = computation.version
            direction = computation.direction
            figure.value = _scaled(result.value, row.scale)
            figure.numerator = result.numerator.total if result.numerator is not None else None
            figure.denominator = result.denominator.total if result.denominator is not None else None
            if townships is None:
                townships = jurisdiction_townships(region)
            figure.breakdown = _breakdown(result, computation.kind, row.scale, townships)
            figure.notes.extend(result.notes)
            figure.manual_inputs.extend(result.manual_inputs)
            figure.denominator_source = dict(result.denominator_source)
            if computation.kind == Kind.RATIO_100 and result.value is not None and result.value > 100:
                figure.notes.append(_("The computed share exceeds 100%: check the records."))
    elif row.manual_input_type_id:
        figure.is_manual = True
        manual = registry.manual_figure(row.manual_input_type.code, region, as_of)
        if manual is None:
            figure.notes.append(_("No approved manual figure yet."))
        else:
            figure.value = manual.value
            figure.manual_inputs.append(manual.as_dict())
    else:
        figure.notes.append(row.manual_reason or _("Not mapped to a definition."))

    reference = None
    if row.target_operator == TargetOperator.REF_GE and row.target_reference_id:
        manual = registry.manual_figure(row.target_reference.code, region, as_of)
        if manual is not None:
            reference = manual.value
            figure.manual_inputs.append({**manual.as_dict(), "role": "reference"})

    figure.assessment = assess(
        value=figure.value,
        baseline=row.baseline_value,
        operator=row.target_operator,
        target=row.target_value,
        baseline_year=plan.baseline_year,
        target_year=plan.target_year,
        as_of=as_of,
        direction=direction,
        reference=reference,
    )
    figure.notes.extend(figure.assessment.notes)
    return figure
