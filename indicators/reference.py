"""Loads the indicator definitions, the manual figure types and the five plans from ``fixtures/``, idempotently.

Upserts on natural keys (definition code, manual type code, plan code, plan + row order): a second load changes
nothing, a corrected fixture updates its rows, and snapshots hang on the rows they were computed for.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from civilaffairs.reference import FIXTURES_DIR, read_yaml, register_loader

# The fixture speaks of a period as "year" / "date"; the model's choices are the bureau's words for them.
PERIOD_ALIASES = {"year": "yearly", "date": "as_of", "quarter": "quarterly", "month": "monthly"}


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def definitions_load() -> int:
    from indicators.models import IndicatorDefinition

    rows = read_yaml(FIXTURES_DIR / "indicators" / "definitions.yaml")
    for item in rows:
        IndicatorDefinition.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "unit": item.get("unit") or "",
                "kind": item["kind"],
                "direction": item.get("direction") or "higher",
                "flow": bool(item.get("flow", False)),
                "formula": item.get("formula") or "",
                "numerator": item.get("numerator") or "",
                "denominator": item.get("denominator") or "",
                "records": item.get("records") or [],
                "manual_inputs": item.get("manual_inputs") or [],
                "version": item.get("version") or 1,
            },
        )
    return len(rows)


def manual_input_types_load() -> int:
    from indicators.models import ManualInputType

    rows = read_yaml(FIXTURES_DIR / "indicators" / "manual_inputs.yaml")
    for item in rows:
        ManualInputType.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "unit": item.get("unit") or "",
                "value_type": item.get("value_type") or "number",
                "source": item.get("source") or "",
                "level": item.get("level") or "county",
                "period": PERIOD_ALIASES.get(item.get("period"), item.get("period") or "yearly"),
                "description": item.get("description") or "",
                "used_by": item.get("used_by") or [],
            },
        )
    return len(rows)


def plans_load() -> tuple[int, int]:
    """Every ``fixtures/plans/*.yaml``: the plan, then its rows in printed order."""
    from indicators.models import IndicatorDefinition, ManualInputType, Plan, PlanRow

    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    manual_types = {m.code: m for m in ManualInputType.objects.all()}
    plan_count = row_count = 0
    for path in sorted((FIXTURES_DIR / "plans").glob("*.yaml")):
        data = read_yaml(path)
        plan, _ = Plan.objects.update_or_create(
            code=data["code"],
            defaults={
                "jurisdiction_id": str(data["jurisdiction"]),
                "title": data["title"],
                "title_note": data.get("title_note") or "",
                "table_title": data.get("table_title") or "",
                "document_number": data.get("document_number") or "",
                "issued_on": data.get("issued_on") or None,
                "source_file": data.get("source_file") or "",
                "baseline_year": data.get("baseline_year"),
                "target_year": data.get("target_year") or 2025,
                "reference_levels": data.get("reference_levels") or [],
                "notes": data.get("notes") or [],
            },
        )
        plan_count += 1
        orders = []
        for item in data["rows"]:
            definition_code = item.get("definition")
            reference_code = item.get("target_reference")
            manual_code = item.get("manual_input_type")
            if definition_code and definition_code not in definitions:
                raise ValueError(f"{path.name} row {item['order']}: unknown definition {definition_code}")
            PlanRow.objects.update_or_create(
                plan=plan,
                order=item["order"],
                defaults={
                    "number": str(item.get("number") or item["order"]),
                    "name": item["name"],
                    "unit": item.get("unit") or "",
                    "attribute": item.get("attribute") or "",
                    "binding": bool(item.get("binding")),
                    "baseline_text": item.get("baseline_text") or "",
                    "baseline_value": _decimal(item.get("baseline_value")),
                    "baseline_source": item.get("baseline_source") or "",
                    "target_text": item.get("target_text") or "",
                    "target_source": item.get("target_source") or "table",
                    "target_operator": item.get("target_operator") or None,
                    "target_value": _decimal(item.get("target_value")),
                    "target_reference": manual_types[reference_code] if reference_code else None,
                    "reference_targets": item.get("reference_targets") or {},
                    "definition": definitions[definition_code] if definition_code else None,
                    "manual_input_type": manual_types[manual_code] if manual_code else None,
                    "scale": _decimal(item.get("scale")) or Decimal(1),
                    "manual_reason": item.get("manual_reason") or "",
                    "notes": item.get("notes") or [],
                },
            )
            orders.append(item["order"])
            row_count += 1
        # A row dropped from a fixture goes, unless snapshots hang on it (then the fixture is wrong, say so).
        stale = plan.rows.exclude(order__in=orders)
        if stale.filter(snapshots__isnull=False).exists():
            raise ValueError(f"{path.name}: rows {list(stale.values_list('order', flat=True))} have snapshots")
        stale.delete()
    return plan_count, row_count


@register_loader("plans", order=50)
@transaction.atomic
def load_plans(stdout=None) -> str:
    definitions = definitions_load()
    manual_types = manual_input_types_load()
    plans, rows = plans_load()
    return f"{definitions} indicator definitions, {manual_types} manual figure types, {plans} plans, {rows} rows"
