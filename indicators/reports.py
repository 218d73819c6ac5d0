"""The mid-term / final evaluation report: a frozen copy of a plan's snapshots at one date, rendered to PDF.

Two steps, kept apart on purpose (docs/decisions/0008):

- ``report_freeze`` copies everything the PDF shows — each row's value, numerator, denominator, status, expected
  value, breakdown by township, the manual figures used with their source, the definition's words and version,
  computed-at — into plain JSON. Snapshots are unique per (row, as-of) and a re-run overwrites them (decision 0003),
  so the issued report must not point at them.
- ``report_render`` builds the PDF from that JSON alone (WeasyPrint, A4, CJK fonts embedded, charts as SVG), section
  by section so that the page can show progress. Rendering the same JSON again gives the same pages.

The PDF is an official document in Chinese whatever the requester's language: its words are written in Chinese in
``templates/pdf/`` rather than translated (like the Excel sheet's headers in ``exports.py``).
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import logging
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from civilaffairs.formats import cn_date
from civilaffairs.models import Region
from indicators import charts
from indicators.choices import Direction, Kind, ReportKind, SnapshotStatus, TargetOperator
from indicators.exports import baseline_display, target_display
from indicators.models import IndicatorDefinition, ManualInput, Plan, Snapshot
from indicators.progress import row_direction
from indicators.registry import COUNTY_LEVEL
from indicators.selectors import TableRow, figure_source, plan_rows
from indicators.templatetags.indicators import format_number

SCHEMA = 1

# Sections of the report by the app that owns each row's definition (DESIGN §2: each domain app owns its
# computations), in the order of the plans' own chapters; a row without a definition goes to the last one.
DOMAINS = [
    ("assistance", "社会救助"),
    ("eldercare", "养老服务"),
    ("childwelfare", "儿童福利"),
    ("community", "基层治理与社会服务"),
    ("funeral", "殡葬与婚姻"),
]
OTHER_DOMAIN = ("other", "其他指标")
STATUS_ORDER = [
    SnapshotStatus.MET,
    SnapshotStatus.ON_TRACK,
    SnapshotStatus.BEHIND,
    SnapshotStatus.NO_DATA,
    SnapshotStatus.NO_TARGET,
]
ANNEX_COLUMNS = 7  # indicator columns per annex table on a landscape page


class ReportError(Exception):
    """The report cannot be issued; the message is shown to the requester as it is (Chinese)."""


# --- freezing ------------------------------------------------------------------------------------------------


def missing_rows(plan: Plan, as_of: datetime.date) -> list[int]:
    """Orders of the rows that have no snapshot at exactly ``as_of``."""
    have = set(Snapshot.objects.filter(row__plan=plan, as_of=as_of).values_list("row_id", flat=True))
    return [order for pk, order in plan.rows.order_by("order").values_list("pk", "order") if pk not in have]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _domain_of(code: str | None) -> str:
    app = (code or "").split(".", 1)[0]
    return app if app in dict(DOMAINS) else OTHER_DOMAIN[0]


def jurisdiction_label(region: Region) -> str:
    """ "重庆市奉节县", "四川省达州市渠县": the province and city above the jurisdiction, then its own name."""
    names = [
        ancestor.name
        for ancestor in region.ancestors()
        if ancestor.level in ("province", "city") and ancestor.name not in ("县", "市辖区")
    ]
    return "".join(dict.fromkeys([*names, region.name]))


def _user_label(user) -> str:
    return str(user) if user is not None else ""


def _local(moment: datetime.datetime | None) -> str | None:
    return None if moment is None else timezone.localtime(moment).isoformat()


def report_freeze(
    plan: Plan, as_of: datetime.date, *, kind: str, issuing_body: str, version: int = 1, requested_by: str = ""
) -> dict[str, Any]:
    """Everything the report shows, as JSON, from the snapshots at exactly ``as_of`` (one per row; none missing).

    Reads the plan, its rows, their snapshots, definitions, the manual figures the snapshots recorded as used and
    the township names, in a fixed number of queries whatever the number of rows.
    """
    rows = list(plan_rows(plan).select_related("plan__jurisdiction"))
    snapshots = {s.row_id: s for s in Snapshot.objects.filter(row__plan=plan, as_of=as_of)}
    missing = [row.order for row in rows if row.pk not in snapshots]
    if missing:
        raise ReportError(
            "以下指标行在{date}没有计算结果：第{rows}行。".format(
                date=cn_date(as_of), rows="、".join(str(order) for order in missing)
            )
        )
    jurisdiction = plan.jurisdiction
    used_ids = {
        entry["id"]
        for snapshot in snapshots.values()
        for entry in snapshot.manual_inputs or []
        if entry.get("id") is not None
    }
    inputs = {
        entry.pk: entry
        for entry in ManualInput.objects.filter(pk__in=used_ids).select_related(
            "type", "region", "entered_by", "approved_by"
        )
    }
    keys = sorted({key for snapshot in snapshots.values() for key in snapshot.breakdown or {}} - {COUNTY_LEVEL})
    names = dict(Region.objects.filter(code__in=[key.ljust(12, "0") for key in keys]).values_list("code", "name"))
    townships = [{"key": key, "name": names.get(key.ljust(12, "0"), key)} for key in keys]
    if any(COUNTY_LEVEL in (snapshot.breakdown or {}) for snapshot in snapshots.values()):
        townships.append({"key": COUNTY_LEVEL, "name": f"{jurisdiction.name}本级"})
    definitions = {
        d.code: d
        for d in IndicatorDefinition.objects.filter(code__in=[r.definition.code for r in rows if r.definition])
    }

    frozen_rows = []
    manual_used: dict[int, dict[str, Any]] = {}
    for row in rows:
        snapshot = snapshots[row.pk]
        definition = definitions.get(row.definition.code) if row.definition_id else None
        direction = row_direction(
            row.target_operator or "",
            row.baseline_value,
            row.target_value,
            definition.direction if definition else Direction.HIGHER,
        )
        source = figure_source(row, snapshot)
        used = []
        for entry in snapshot.manual_inputs or []:
            pk = entry.get("id")
            record = manual_used.setdefault(pk, _manual_input_record(entry, inputs.get(pk)))
            record["rows"].append(row.order)
            used.append({"id": pk, "role": entry.get("role", ""), "value": entry.get("value")})
        frozen_rows.append(
            {
                "order": row.order,
                "number": row.number or str(row.order),
                "name": row.name,
                "unit": row.unit,
                "attribute": row.attribute,
                "binding": row.binding,
                "baseline": baseline_display(row),
                "target": target_display(TableRow(row=row, snapshot=snapshot)),
                "target_value": _text(row.target_value),
                "target_operator": row.target_operator,
                "direction": direction,
                "domain": _domain_of(row.definition.code if row.definition_id else None),
                "row_notes": list(row.notes or []),
                "manual_reason": row.manual_reason,
                "definition": None
                if definition is None
                else {
                    "code": definition.code,
                    "name": definition.name,
                    "formula": definition.formula,
                    "numerator": definition.numerator,
                    "denominator": definition.denominator,
                    "flow": definition.flow,
                    "kind": definition.kind,
                    "version": definition.version,
                },
                "snapshot": {
                    "id": snapshot.pk,
                    "as_of": snapshot.as_of.isoformat(),
                    "value": _text(snapshot.value),
                    "numerator": _text(snapshot.numerator),
                    "denominator": _text(snapshot.denominator),
                    "expected": _text(snapshot.expected_value),
                    "target_used": _text(snapshot.target_used),
                    "status": snapshot.status,
                    "status_label": str(SnapshotStatus(snapshot.status).label),
                    "source": source.value,
                    "source_label": str(source.label),
                    "is_manual": snapshot.is_manual,
                    "breakdown": snapshot.breakdown or {},
                    "manual_inputs": used,
                    "denominator_source": snapshot.denominator_source or {},
                    "denominator_source_text": snapshot.denominator_source_text,
                    "notes": [str(note) for note in snapshot.notes or []],
                    "definition_code": snapshot.definition_code,
                    "definition_version": snapshot.definition_version,
                    "computed_at": _local(snapshot.computed_at),
                },
            }
        )
    counts = {status.value: 0 for status in STATUS_ORDER}
    for item in frozen_rows:
        counts[item["snapshot"]["status"]] = counts.get(item["snapshot"]["status"], 0) + 1
    return {
        "schema": SCHEMA,
        "plan": {
            "code": plan.code,
            "title": plan.title,
            "table_title": plan.table_title,
            "document_number": plan.document_number,
            "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
            "baseline_year": plan.baseline_year,
            "target_year": plan.target_year,
        },
        "jurisdiction": {
            "code": jurisdiction.code,
            "name": jurisdiction.name,
            "label": jurisdiction_label(jurisdiction),
        },
        "kind": kind,
        "kind_label": str(ReportKind(kind).label),
        "version": version,
        "as_of": as_of.isoformat(),
        "issuing_body": issuing_body,
        "requested_by": requested_by,
        "frozen_at": _local(timezone.now()),
        "townships": townships,
        "counts": counts,
        "rows": frozen_rows,
        "manual_inputs": sorted(manual_used.values(), key=lambda m: (m["rows"][0], m["type_name"], m["period"])),
    }


def _manual_input_record(entry: dict[str, Any], manual: ManualInput | None) -> dict[str, Any]:
    """A manual figure as the report's appendix lists it: the value the snapshot used, and who entered and approved
    it (from the figure's record; approved figures are never edited, a correction is a new figure)."""
    record = {
        "id": entry.get("id"),
        "code": entry.get("code", ""),
        "type_name": entry.get("code", ""),
        "unit": "",
        "region": entry.get("region", ""),
        "region_name": entry.get("region", ""),
        "subject": entry.get("subject", ""),
        "period": entry.get("period", ""),
        "value": entry.get("value"),
        "source": entry.get("source", ""),
        "level": "",
        "entered_by": "",
        "entered_at": None,
        "approved_by": "",
        "approved_at": None,
        "status": "",
        "rows": [],
    }
    if manual is not None:
        record.update(
            type_name=manual.type.name,
            unit=manual.type.unit,
            level=manual.type.level,
            region_name=manual.region.name,
            entered_by=_user_label(manual.entered_by),
            entered_at=_local(manual.entered_at),
            approved_by=_user_label(manual.approved_by),
            approved_at=_local(manual.approved_at),
            status=str(manual.get_status_display()),
        )
        if manual.boolean_value is not None:
            record["value_display"] = "是" if manual.boolean_value else "否"
    return record


# --- reading the frozen JSON -------------------------------------------------------------------------------------


def iso_date(value: str | None) -> str:
    """A frozen ISO date (or datetime) as a Chinese date."""
    return cn_date(datetime.date.fromisoformat(value[:10]) if value else None)


def iso_datetime(value: str | None) -> str:
    """A frozen ISO datetime (with its offset) as a Chinese date and time in Shanghai time."""
    return cn_date(datetime.datetime.fromisoformat(value) if value else None)


def _dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _num(value: Any) -> str:
    return format_number(value) if value not in (None, "") else "—"


@dataclass
class ReportRow:
    """One frozen row with what the templates print, formatted once."""

    data: dict[str, Any]
    snapshot: dict[str, Any] = field(init=False)

    def __post_init__(self):
        self.snapshot = self.data["snapshot"]

    def __getattr__(self, name):
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def value(self) -> str:
        return _num(self.snapshot["value"])

    @property
    def expected(self) -> str:
        return _num(self.snapshot["expected"])

    @property
    def status(self) -> str:
        return self.snapshot["status"]

    @property
    def status_label(self) -> str:
        return self.snapshot["status_label"]

    @property
    def source_label(self) -> str:
        return self.snapshot["source_label"]

    @property
    def computed_at_text(self) -> str:
        return iso_datetime(self.snapshot["computed_at"])

    @property
    def additive(self) -> bool:
        """A count or a sum: the townships' figures add up to the county's, so none of them is compared with the
        county's expected figure or target (a township's 3 outlets are not "behind" a county target of 80)."""
        definition = self.data.get("definition") or {}
        return definition.get("kind") in (Kind.COUNT, Kind.SUM)

    @property
    def lower_is_better(self) -> bool:
        return self.data["direction"] == Direction.LOWER

    def township_values(self, townships: list[dict[str, str]]) -> list[tuple[dict[str, str], Decimal | None]]:
        breakdown = self.snapshot["breakdown"]
        return [
            (township, _dec((breakdown.get(township["key"]) or {}).get("value")))
            for township in townships
            if township["key"] in breakdown
        ]

    @property
    def has_breakdown(self) -> bool:
        """At least one township (not only the county level) has a value."""
        return any(
            key != COUNTY_LEVEL and (entry or {}).get("value") is not None
            for key, entry in self.snapshot["breakdown"].items()
        )

    @property
    def uniform_breakdown(self) -> bool:
        """Every township shows the same figure (a county-wide standard): a chart would say nothing."""
        values = {
            (entry or {}).get("value")
            for key, entry in self.snapshot["breakdown"].items()
            if key != COUNTY_LEVEL and (entry or {}).get("value") is not None
        }
        return len(values) == 1


class ReportData:
    """The frozen JSON, read for the templates."""

    def __init__(self, frozen: dict[str, Any]):
        if frozen.get("schema") != SCHEMA:
            raise ReportError("报告数据版本不符，无法生成。")
        self.frozen = frozen
        self.plan = frozen["plan"]
        self.jurisdiction = frozen["jurisdiction"]
        self.rows = [ReportRow(item) for item in frozen["rows"]]
        self.townships = frozen["townships"]
        self.as_of_label = iso_date(frozen["as_of"])
        self.kind_label = frozen["kind_label"]
        self.title = self.plan["title"]
        self.baseline_header = f"{self.plan['baseline_year']}年" if self.plan["baseline_year"] else "基期值"
        self.target_header = f"{self.plan['target_year']}年目标"
        self.township_names = {t["key"]: t["name"] for t in self.townships}

    @functools.cached_property
    def domains(self) -> list[tuple[str, str, list[ReportRow]]]:
        out = []
        for key, label in [*DOMAINS, OTHER_DOMAIN]:
            rows = [row for row in self.rows if row.domain == key]
            if rows:
                out.append((key, label, rows))
        return out

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        counts = self.frozen["counts"]
        return [
            (status.value, str(status.label), counts.get(status.value, 0))
            for status in STATUS_ORDER
            if status != SnapshotStatus.NO_TARGET or counts.get(status.value)
        ]

    @property
    def binding_behind(self) -> list[ReportRow]:
        return [row for row in self.rows if row.binding and row.status == SnapshotStatus.BEHIND]

    @property
    def binding_no_data(self) -> list[ReportRow]:
        return [row for row in self.rows if row.binding and row.status == SnapshotStatus.NO_DATA]

    @property
    def behind(self) -> list[ReportRow]:
        return [row for row in self.rows if row.status == SnapshotStatus.BEHIND]

    @property
    def annex_rows(self) -> list[ReportRow]:
        return [row for row in self.rows if row.has_breakdown]

    @property
    def annex_tables(self) -> list[dict[str, Any]]:
        """The townships × rows annex, cut into tables of ``ANNEX_COLUMNS`` indicator columns each."""
        rows = self.annex_rows
        tables = []
        for start in range(0, len(rows), ANNEX_COLUMNS):
            chunk = rows[start : start + ANNEX_COLUMNS]
            lines = []
            for township in self.townships:
                cells = []
                present = False
                for row in chunk:
                    entry = row.snapshot["breakdown"].get(township["key"])
                    present = present or entry is not None
                    value = _dec((entry or {}).get("value"))
                    expected = _dec(row.snapshot["expected"])
                    short = (
                        not row.additive
                        and value is not None
                        and expected is not None
                        and (value > expected if row.lower_is_better else value < expected)
                    )
                    cells.append({"text": _num(value) if entry is not None else "", "short": short})
                if present:
                    lines.append({"name": township["name"], "cells": cells})
            lines.append(
                {"name": "全辖区", "cells": [{"text": row.value, "short": False} for row in chunk], "total": 1}
            )
            tables.append({"rows": chunk, "lines": lines})
        return tables

    @property
    def definitions(self) -> list[dict[str, Any]]:
        """Each definition used, once, with the rows computed by it (in row order)."""
        seen: dict[str, dict[str, Any]] = {}
        for row in self.rows:
            definition = row.definition
            if definition is None:
                continue
            entry = seen.setdefault(definition["code"], {**definition, "rows": []})
            entry["rows"].append(row)
        return list(seen.values())

    @property
    def manual_inputs(self) -> list[dict[str, Any]]:
        out = []
        for entry in self.frozen["manual_inputs"]:
            value = entry.get("value_display") or (
                f"{_num(entry['value'])}{entry.get('unit') or ''}" if entry.get("value") is not None else "—"
            )
            out.append(
                {
                    **entry,
                    "value_text": value,
                    "period_text": entry["period"],
                    "entered_at_text": iso_datetime(entry.get("entered_at")),
                    "approved_at_text": iso_datetime(entry.get("approved_at")),
                    "rows_text": "、".join(str(order) for order in entry["rows"]),
                }
            )
        return out

    @property
    def projects(self) -> list[dict[str, Any]]:
        """Construction projects whose progress went into a figure (manual figures entered per project); the plans'
        own key-project lists are not held in the fixtures, so this is what the system knows of them."""
        return [entry for entry in self.manual_inputs if entry.get("subject")]

    @property
    def flow_period(self) -> str:
        as_of = datetime.date.fromisoformat(self.frozen["as_of"])
        return f"{as_of.year}年1月1日至{cn_date(as_of)}"


# --- rendering ---------------------------------------------------------------------------------------------------


@dataclass
class Rendered:
    pdf: bytes
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def _section(template: str, data: ReportData, **extra) -> str:
    return render_to_string(f"pdf/report/{template}", {"report": data, **extra})


def section_cover(data: ReportData) -> str:
    return _section("cover.html", data, frozen_at=iso_datetime(data.frozen["frozen_at"]))


def section_summary(data: ReportData) -> str:
    return _section("summary.html", data)


def section_table(data: ReportData) -> str:
    return _section("table.html", data)


def _chart(row: ReportRow, data: ReportData) -> str:
    bars = [
        charts.Bar(township["name"], None if value is None else float(value))
        for township, value in row.township_values(data.townships)
    ]
    target = _dec(row.target_value)
    if row.additive or row.target_operator == TargetOperator.REF_GE:
        target = None

    def line(value):
        return None if value is None or row.additive else float(value)

    return charts.township_bars(
        bars,
        unit=row.unit,
        county=line(row.snapshot["value"]),
        expected=line(row.snapshot["expected"]),
        target=None if target is None else float(target),
        target_label=data.target_header,
        lower_is_better=row.lower_is_better,
    )


def _short_townships(row: ReportRow, data: ReportData) -> list[str]:
    expected = _dec(row.snapshot["expected"])
    if expected is None or row.additive:
        return []
    return [
        township["name"]
        for township, value in row.township_values(data.townships)
        if township["key"] != COUNTY_LEVEL
        and value is not None
        and (value > expected if row.lower_is_better else value < expected)
    ]


def section_domain(data: ReportData, key: str, label: str, rows: list[ReportRow], first: bool = False) -> str:
    items = []
    for row in rows:
        chart = None
        if row.has_breakdown and not row.uniform_breakdown:
            chart = "data:image/svg+xml;base64," + base64.b64encode(_chart(row, data).encode()).decode()
        items.append({"row": row, "chart": chart, "short": _short_townships(row, data) if chart else []})
    return _section("domain.html", data, domain_key=key, domain_label=label, items=items, first=first)


def section_annex(data: ReportData) -> str:
    return _section("annex.html", data)


def section_projects(data: ReportData) -> str:
    return _section("projects.html", data) if data.projects else ""


def section_methods(data: ReportData) -> str:
    return _section("methods.html", data)


def report_sections(data: ReportData) -> list[tuple[str, Callable[[], str]]]:
    """The report's sections in order, each a label (for the progress message) and a function returning HTML."""
    sections: list[tuple[str, Callable[[], str]]] = [
        ("封面", lambda: section_cover(data)),
        ("评估概要", lambda: section_summary(data)),
        ("指标总表", lambda: section_table(data)),
    ]
    for index, (key, label, rows) in enumerate(data.domains):
        sections.append((label, functools.partial(section_domain, data, key, label, rows, index == 0)))
    sections += [
        ("分乡镇（街道）附表", lambda: section_annex(data)),
        ("重点项目", lambda: section_projects(data)),
        ("方法说明", lambda: section_methods(data)),
    ]
    return sections


@functools.cache
def cjk_font_installed() -> bool:
    """Whether fontconfig knows a Chinese font; without one WeasyPrint would print boxes (tofu) silently."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return True  # cannot tell: let WeasyPrint try
    return bool(out.strip())


def report_render(frozen: dict[str, Any], progress: Callable[[int, int, str], None] | None = None) -> Rendered:
    """The PDF of a frozen report. ``progress(done, total, message)`` is called after each step."""
    # WeasyPrint logs every page it lays out at INFO; the report records its own progress, so the worker's log keeps
    # only WeasyPrint's warnings (a missing font, an unsupported CSS property) unless a deployment asks for more.
    progress_log = logging.getLogger("weasyprint.progress")
    if progress_log.level == logging.NOTSET:
        progress_log.setLevel(logging.WARNING)
    from weasyprint import HTML

    if not cjk_font_installed():
        raise ReportError("服务器未安装中文字体（fonts-noto-cjk），无法生成中文 PDF，请联系系统管理员。")
    data = ReportData(frozen)
    sections = report_sections(data)
    total = len(sections) + 1
    parts = []
    for done, (label, build) in enumerate(sections, start=1):
        if progress:
            progress(done - 1, total, f"正在生成：{label}")
        parts.append(build())
    if progress:
        progress(len(sections), total, "正在排版 PDF")
    html = render_to_string("pdf/evaluation_report.html", {"report": data, "body": mark_safe("".join(parts))})
    document = HTML(string=html, base_url=None).render()
    pdf = document.write_pdf()
    if progress:
        progress(total, total, f"已生成 {len(document.pages)} 页")
    return Rendered(pdf=pdf, pages=len(document.pages))
