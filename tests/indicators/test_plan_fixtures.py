"""The five plans' tables, as loaded, against the seed text: every row in printed order, name, baseline, target,
attribute (and 民乐's city / province / national targets) verbatim; numbers consistent with the printed text.

The seeds are copied in ``tests/indicators/seeds/`` (public plan documents) so that the comparison runs anywhere.
Whitespace is ignored: the seeds break long cells over several lines ("不低于居\\n民上年度…").
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.conf import settings

SEEDS = Path(__file__).parent / "seeds"
PLANS_DIR = Path(settings.BASE_DIR) / "fixtures" / "plans"
PLAN_CODES = ["quxian-14", "fengjie-14", "nanchuan-14", "minle-14", "gaoxin-14"]
EXPECTED_ROWS = {"quxian-14": 19, "fengjie-14": 16, "nanchuan-14": 19, "minle-14": 13, "gaoxin-14": 13}
BLANK = {"", "—", None}


def squeeze(text) -> str:
    return re.sub(r"\s+", "", str(text or ""))


def plan_fixture(code: str) -> dict:
    path = PLANS_DIR / f"{code}.yaml"
    if not path.exists():
        pytest.skip(f"{path} not written yet")
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def table_segments(plan: dict) -> list[tuple[dict, str]]:
    """Each row with the stretch of seed text from its name to the next row's name (whitespace removed)."""
    text = squeeze((SEEDS / plan["source_file"]).read_text(encoding="utf-8"))
    start = text.find(squeeze(plan["table_title"]))
    if start < 0:  # the printed title may differ in spacing or punctuation from table_title; start at the first row
        start = 0
    positions = []
    cursor = start
    for row in plan["rows"]:
        found = text.find(squeeze(row["name"]), cursor)
        assert found >= 0, f"{plan['code']} row {row['order']}: name not found in printed order: {row['name']}"
        positions.append(found)
        cursor = found + len(squeeze(row["name"]))
    segments = []
    for index, row in enumerate(plan["rows"]):
        begin = positions[index] + len(squeeze(row["name"]))
        end = positions[index + 1] if index + 1 < len(positions) else begin + 200
        segments.append((row, text[begin:end]))
    return segments


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_row_of_the_table_is_there_in_printed_order(code):
    plan = plan_fixture(code)
    assert len(plan["rows"]) == EXPECTED_ROWS[code]
    assert [row["order"] for row in plan["rows"]] == list(range(1, EXPECTED_ROWS[code] + 1))
    table_segments(plan)  # asserts each name is found after the previous one


@pytest.mark.parametrize("code", PLAN_CODES)
def test_baseline_target_and_attribute_are_printed_in_the_rows_cells(code):
    """Right after the row's name the seed prints [unit,] baseline, target, [city, province, national,] attribute."""
    plan = plan_fixture(code)
    problems = []
    for row, segment in table_segments(plan):
        refs = row.get("reference_targets") or {}
        cells = [row.get("baseline_text"), row.get("target_text")]
        cells += [refs.get(level) for level in ("city", "province", "national")]
        cells.append(row.get("attribute"))
        printed = "".join(squeeze(cell) for cell in cells if cell not in (None, ""))
        unit = squeeze(row.get("unit"))
        if not (segment.startswith(printed) or (unit and segment.startswith(unit + printed))):
            problems.append(f"row {row['order']} {row['name']}: expected {printed!r}, seed has {segment[:60]!r}")
    assert problems == []


def number_in(text: str) -> Decimal | None:
    match = re.search(r"-?\d+(?:\.\d+)?", str(text or ""))
    return Decimal(match.group()) if match else None


@pytest.mark.parametrize("code", PLAN_CODES)
def test_numbers_and_operators_agree_with_the_printed_cells(code):
    plan = plan_fixture(code)
    operators = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", "＞": ">", "＜": "<"}
    problems = []
    for row in plan["rows"]:
        baseline, target = row.get("baseline_text"), row.get("target_text")
        if baseline not in BLANK and row.get("baseline_source", "table") == "table":
            if number_in(baseline) is not None and Decimal(str(row["baseline_value"])) != number_in(baseline):
                problems.append(f"row {row['order']}: baseline {baseline!r} vs {row['baseline_value']!r}")
        if target in BLANK:
            # Only a target read from the plan's words (checked in test_figures_read_from_the_text…) has an operator.
            if row.get("target_operator") is not None and row.get("target_source") != "text":
                problems.append(f"row {row['order']}: blank target with an operator")
            continue
        if "不低于" in target and "增速" in target:
            if row.get("target_operator") != "ref>=" or not row.get("target_reference"):
                problems.append(f"row {row['order']}: {target!r} must compare with a manual figure")
            continue
        value = number_in(target)
        if value is None:
            continue
        if Decimal(str(row["target_value"])) != value:
            problems.append(f"row {row['order']}: target {target!r} vs {row['target_value']!r}")
        printed = next((op for sign, op in operators.items() if squeeze(target).startswith(sign)), "=")
        if row.get("target_operator") != printed:
            problems.append(f"row {row['order']}: operator {row.get('target_operator')!r} for {target!r}")
    assert problems == []


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_row_is_mapped_to_a_definition_or_marked_manual_with_a_reason(code):
    plan = plan_fixture(code)
    unmapped = [row["order"] for row in plan["rows"] if not row.get("definition") and not row.get("manual_reason")]
    assert unmapped == []


# Figures a row takes from the plan's text rather than a table cell: (plan, order, "baseline" / "target") → the
# sentence in the seed (whitespace removed; one group: the printed number) and the factor into the row's unit.
CN_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3}
TEXT_FIGURES = {
    ("gaoxin-14", 11, "baseline"): (r"2020年销售福彩(\d+)万元", Decimal("0.0001")),  # 8640万元 = 0.864亿元
    ("gaoxin-14", 12, "baseline"): (r"高新区登记社会组织(\d+)家", Decimal(1)),  # 156个
    ("gaoxin-14", 13, "baseline"): (r"高新区现有社工机构\d+家，社会工作专业人才(\d+)人", Decimal("0.001")),  # 0.399千人
    ("quxian-14", 18, "target"): (r"力争新建(一)个精神卫生福利机构", Decimal(1)),  # ≥1: "建成投用1个即为完成"
}


def printed_number(text: str) -> Decimal:
    return Decimal(CN_NUMBERS[text]) if text in CN_NUMBERS else Decimal(text)


def test_figures_read_from_the_plans_text_are_the_numbers_the_text_prints():
    """Every baseline or target taken from the text (baseline_source / target_source "text") is checked here against
    the sentence that prints it; a new one without a sentence fails."""
    seen = set()
    for code in PLAN_CODES:
        plan = plan_fixture(code)
        text = squeeze((SEEDS / plan["source_file"]).read_text(encoding="utf-8"))
        for row in plan["rows"]:
            for part in ("baseline", "target"):
                if row.get(f"{part}_source") != "text":
                    continue
                key = (code, row["order"], part)
                assert key in TEXT_FIGURES, f"{key}: taken from the text, but no sentence is checked"
                seen.add(key)
                pattern, factor = TEXT_FIGURES[key]
                found = re.findall(pattern, text)
                assert len(found) == 1, (key, found)
                assert Decimal(str(row[f"{part}_value"])) == printed_number(found[0]) * factor, key
                assert row.get(f"{part}_text") in ("", "—", None), f"{key}: the printed cell stays as printed"
    assert seen == set(TEXT_FIGURES)


def test_quxians_milestone_row_keeps_its_printed_dash_and_reads_at_least_one_from_its_name():
    row = next(r for r in plan_fixture("quxian-14")["rows"] if r["order"] == 18)
    assert (row["target_text"], row["target_source"], row["target_operator"], row["target_value"]) == (
        "—",
        "text",
        ">=",
        1,
    )
    assert any("≥1" in note and "target_source: text" in note for note in row["notes"])


def test_quxians_blank_draft_rows_stay_blank():
    plan = plan_fixture("quxian-14")
    blank = {row["order"]: row for row in plan["rows"] if row.get("target_text") in BLANK}
    assert {8, 9, 19} <= set(blank)
    for order in (8, 9, 19):
        assert blank[order].get("baseline_value") is None and blank[order].get("target_value") is None


def test_minles_reference_targets_are_kept():
    plan = plan_fixture("minle-14")
    assert plan["reference_levels"] == ["city", "province", "national"]
    assert all(set(row["reference_targets"]) == {"city", "province", "national"} for row in plan["rows"])


# --- loaded into the database ---------------------------------------------------------------------------


def load_plans():
    import importlib.util

    from django.core.management import call_command

    if importlib.util.find_spec("indicators.reference") is None:
        pytest.skip("the plans loader (indicators/reference.py) is not written yet")
    from io import StringIO

    call_command("load_reference", "--only", "regions", "plans", "indicator_schedules", stdout=StringIO())


@pytest.mark.django_db
def test_all_80_rows_load_verbatim_and_a_second_load_changes_nothing():
    from indicators.models import Plan, PlanRow

    load_plans()
    assert PlanRow.objects.count() == 80
    load_plans()
    assert PlanRow.objects.count() == 80 and Plan.objects.count() == 5
    for code in PLAN_CODES:
        fixture = plan_fixture(code)
        plan = Plan.objects.get(code=code)
        assert plan.jurisdiction_id == fixture["jurisdiction"]
        rows = list(plan.rows.select_related("definition", "target_reference").order_by("order"))
        for row, expected in zip(rows, fixture["rows"], strict=True):
            assert (row.order, row.name, row.unit, row.attribute) == (
                expected["order"],
                expected["name"],
                expected["unit"] or "",
                expected["attribute"] or "",
            )
            assert (row.baseline_text, row.target_text) == (
                expected["baseline_text"] or "",
                expected["target_text"] or "",
            )
            assert row.target_operator == expected["target_operator"]
            assert row.target_source == (expected.get("target_source") or "table")
            assert row.binding == expected["binding"]
            for field in ("baseline_value", "target_value"):
                value = expected[field]
                assert getattr(row, field) == (None if value is None else Decimal(str(value))), (code, row.order, field)
            assert (row.definition.code if row.definition else None) == expected["definition"]
            assert (row.target_reference.code if row.target_reference else None) == expected["target_reference"]
            assert row.notes == (expected.get("notes") or [])
            assert row.reference_targets == (expected.get("reference_targets") or {})


@pytest.mark.django_db
def test_the_loaded_plans_recompute_and_show_their_notes(client_for):
    from civilaffairs.choices import Role
    from indicators.models import Plan, Snapshot
    from indicators.services import plan_recompute
    from tests.factories import UserFactory

    load_plans()
    plan = Plan.objects.get(code="minle-14")
    job = plan_recompute(plan=plan, as_of=__import__("datetime").date(2023, 12, 31))
    assert job.status == "succeeded" and Snapshot.objects.filter(row__plan=plan).count() == 13
    leader = UserFactory(username="minle_leader", role=Role.COUNTY_LEADER, jurisdiction=plan.jurisdiction)
    page = client_for(leader).get("/indicators/plans/minle-14/").content.decode()
    assert "养老机构护理型床位占比" in page and "市上目标值" in page
    row = plan.rows.exclude(notes=[]).first()
    row_page = client_for(leader).get(f"/indicators/plans/minle-14/rows/{row.order}/").content.decode()
    assert row.notes[0] in row_page


@pytest.mark.django_db
def test_quxians_mental_health_row_is_met_once_one_institution_is_built(client_for):
    """渠县 row 18 ("力争新建一个精神卫生福利机构", target printed "—"): behind with none, 已达标 with one built."""
    import datetime

    from assistance.choices import WelfareInstitutionOrigin, WelfareInstitutionType
    from assistance.models import WelfareInstitution
    from civilaffairs.choices import Role
    from indicators.choices import SnapshotStatus
    from indicators.engine import row_figure
    from indicators.models import Plan
    from indicators.services import plan_recompute
    from tests.factories import UserFactory

    load_plans()
    plan = Plan.objects.select_related("jurisdiction").get(code="quxian-14")
    row = plan.rows.select_related("plan__jurisdiction", "definition").get(order=18)
    as_of = datetime.date(2024, 6, 30)
    assert row_figure(row, as_of).assessment.status == SnapshotStatus.BEHIND
    WelfareInstitution.objects.create(
        region=plan.jurisdiction,
        name="渠县精神卫生福利院",
        institution_type=WelfareInstitutionType.MENTAL_HEALTH,
        origin=WelfareInstitutionOrigin.NEW,
        opened_on=datetime.date(2023, 9, 1),
    )
    figure = row_figure(row, as_of)
    assert (figure.value, figure.assessment.status) == (1, SnapshotStatus.MET)
    plan_recompute(plan=plan, as_of=as_of)
    leader = UserFactory(username="quxian_leader", role=Role.COUNTY_LEADER, jurisdiction=plan.jurisdiction)
    page = client_for(leader).get("/indicators/plans/quxian-14/rows/18/").content.decode()
    assert "已达标" in page
    assert "—" in page and 'data-testid="target-from-text">（取自规划正文：≥1）<' in page
