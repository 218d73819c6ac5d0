"""The plan table as data: JSON for the API, an Excel sheet for the bureau (same rows, same viewer rules)."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.choices import BaselineSource, TargetOperator
from indicators.models import Plan, SnapshotStatus
from indicators.selectors import TableRow, latest_as_of, plan_table
from indicators.templatetags.indicators import format_number

REFERENCE_LABELS = {"city": "市上2025年目标值", "province": "省上2025年目标值", "national": "国家2025年目标值"}


def _text(value) -> str | None:
    return None if value is None else format_number(value, 4)


def baseline_display(row) -> str:
    """As printed; a baseline the plan gives only in its text (重庆高新区) is shown with "（正文）"."""
    if row.baseline_text:
        return row.baseline_text
    if row.baseline_value is not None:
        return f"{format_number(row.baseline_value)}（正文）"
    return "—"


def target_display(item: TableRow) -> str:
    """As printed; a target read from the plan's words (渠县 row 18: "—", named "力争新建一个…") adds what was read."""
    row = item.row
    printed = row.target_text or "规划未列"
    if row.target_source == BaselineSource.TEXT and row.target_operator and row.target_value is not None:
        return f"{printed}（正文：{TargetOperator(row.target_operator).label}{format_number(row.target_value)}）"
    return printed


def row_data(item: TableRow) -> dict[str, Any]:
    row, snap = item.row, item.snapshot
    data = {
        "order": row.order,
        "number": row.number,
        "name": row.name,
        "unit": row.unit,
        "attribute": row.attribute,
        "binding": row.binding,
        "baseline_text": row.baseline_text,
        "baseline_value": _text(row.baseline_value),
        "target_text": row.target_text,
        "target_source": row.target_source,
        "target_display": target_display(item),
        "target_operator": row.target_operator,
        "target_value": _text(row.target_value),
        "target_reference": row.target_reference.code if row.target_reference_id else None,
        "reference_targets": row.reference_targets or {},
        "definition": row.definition.code if row.definition_id else None,
        "manual_input_type": row.manual_input_type.code if row.manual_input_type_id else None,
        "manual_reason": row.manual_reason,
        "notes": row.notes or [],
        "source": item.source_label,
        "snapshot": None,
    }
    if snap is not None:
        data["snapshot"] = {
            "id": snap.pk,
            "as_of": snap.as_of.isoformat(),
            "value": _text(snap.value),
            "numerator": _text(snap.numerator),
            "denominator": _text(snap.denominator),
            "expected_value": _text(snap.expected_value),
            "target_used": _text(snap.target_used),
            "status": snap.status,
            "status_label": str(SnapshotStatus(snap.status).label),
            "is_manual": snap.is_manual,
            "manual_inputs": snap.manual_inputs,
            "denominator_source": snap.denominator_source or None,
            "denominator_source_text": snap.denominator_source_text,
            "notes": snap.notes,
            "definition_version": snap.definition_version,
            "computed_at": timezone.localtime(snap.computed_at).isoformat(),
        }
    if item.own is not None:
        data["own_township"] = {
            "code": item.own.key,
            "name": item.own.name,
            "value": _text(item.own.value),
            "numerator": _text(item.own.numerator),
            "denominator": _text(item.own.denominator),
        }
    return data


def table_data(plan: Plan, user, as_of: datetime.date | None = None) -> dict[str, Any]:
    as_of = as_of or latest_as_of(plan)
    table = plan_table(plan, user, as_of)
    return {
        "plan": plan.code,
        "jurisdiction": plan.jurisdiction_id,
        "jurisdiction_name": plan.jurisdiction.name,
        "title": plan.title,
        "table_title": plan.table_title,
        "baseline_year": plan.baseline_year,
        "target_year": plan.target_year,
        "as_of": as_of.isoformat() if as_of else None,
        "rows": [row_data(item) for item in table],
    }


def table_xlsx(plan: Plan, user, as_of: datetime.date | None = None) -> bytes:
    """The table as the bureau prints it, plus current / expected / status and where each figure comes from."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    as_of = as_of or latest_as_of(plan)
    table = plan_table(plan, user, as_of)
    levels = [level for level in ("city", "province", "national") if level in (plan.reference_levels or [])]
    has_own = any(item.own is not None for item in table)
    baseline_header = f"{plan.baseline_year}年" if plan.baseline_year else "基期值"
    headers = ["序号", "指标", "单位", "属性", baseline_header, f"{plan.target_year}年目标值"]
    headers += [REFERENCE_LABELS[level] for level in levels]
    headers += ["当前值", "按进度应达", "状态", "来源", "数据日期", "计算时间"]
    if has_own:
        headers.append("本乡镇（街道）")
    headers.append("备注")

    book = Workbook()
    sheet = book.active
    sheet.title = "指标表"
    sheet.append([plan.table_title or plan.title])
    sheet.append([f"数据截至 {as_of.isoformat() if as_of else '—'}；导出于 {timezone.localtime():%Y-%m-%d %H:%M}"])
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    fills = {
        SnapshotStatus.MET: "D1E7DD",
        SnapshotStatus.ON_TRACK: "CFF4FC",
        SnapshotStatus.BEHIND: "F8D7DA",
    }
    for item in table:
        row, snap = item.row, item.snapshot
        status = snap.status if snap else SnapshotStatus.NO_DATA
        line = [row.number or row.order, row.name, row.unit, row.attribute, baseline_display(row), target_display(item)]
        line += [(row.reference_targets or {}).get(level, "") for level in levels]
        line += [
            float(snap.value) if snap and snap.value is not None else "",
            float(snap.expected_value) if snap and snap.expected_value is not None else "",
            str(SnapshotStatus(status).label),
            item.source_label,
            snap.as_of.isoformat() if snap else "",
            timezone.localtime(snap.computed_at).strftime("%Y-%m-%d %H:%M") if snap else "",
        ]
        if has_own:
            line.append(float(item.own.value) if item.own and item.own.value is not None else "")
        notes = list(row.notes or []) + (list(snap.notes) if snap else [])
        if snap and snap.denominator_source_text:
            notes.append(snap.denominator_source_text)
        line.append("；".join(str(n) for n in notes))
        sheet.append(line)
        status_cell = sheet.cell(row=sheet.max_row, column=headers.index("状态") + 1)
        if status in fills:
            status_cell.fill = PatternFill("solid", fgColor=fills[status])
        if row.binding:
            sheet.cell(row=sheet.max_row, column=2).font = Font(bold=True)
    sheet.column_dimensions["B"].width = 48
    for cell in sheet["B"]:
        cell.alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_filename(plan: Plan, as_of: datetime.date | None) -> str:
    return _("%(name)s indicators %(date)s.xlsx") % {
        "name": plan.jurisdiction.name,
        "date": as_of.isoformat() if as_of else "",
    }
