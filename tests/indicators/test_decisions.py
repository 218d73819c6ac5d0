"""The note in docs/decisions/0003 on how each plan's rows are computed (from records / with a manual input or region
statistic / manual) agrees with the fixtures and the registered computations, so it cannot silently drift."""

import re
from pathlib import Path

import yaml
from django.conf import settings

from indicators.selectors import row_basis

ROOT = Path(settings.BASE_DIR)
DECISION = ROOT / "docs" / "decisions" / "0003-indicator-status-and-snapshots.md"
ADDENDUM = "## Addendum: how each plan's rows are computed"


def plans() -> dict[str, list[dict]]:
    out = {}
    for path in sorted((ROOT / "fixtures" / "plans").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["code"]] = data["rows"]
    return out


def computed() -> tuple[dict[str, tuple[int, int, int, int]], set[str]]:
    counts, outside = {}, set()  # outside: rows with a manual input or region statistic, and manual rows
    for code, rows in plans().items():
        tally = {"records": 0, "outside": 0, "manual": 0}
        for row in rows:
            basis, _figures = row_basis(
                row.get("definition"), row.get("target_reference"), row.get("manual_input_type")
            )
            tally[basis] += 1
            if basis != "records":
                outside.add(f"{code}#{row['order']}")
        counts[code] = (len(rows), tally["records"], tally["outside"], tally["manual"])
    return counts, outside


def addendum() -> str:
    text = DECISION.read_text(encoding="utf-8")
    assert ADDENDUM in text
    return text.split(ADDENDUM, 1)[1]


def test_the_per_plan_counts_in_the_decision_match_the_fixtures():
    counts, _outside = computed()
    table = {
        code: tuple(int(n) for n in numbers)
        for code, *numbers in re.findall(
            r"^\|[^|]*`([a-z]+-14)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", addendum(), re.M
        )
    }
    assert table == counts
    assert counts["nanchuan-14"] == (19, 12, 7, 0)  # the audit's figures, checked once by hand


def test_every_row_computed_with_an_outside_figure_or_manual_is_listed_with_its_reason_and_no_other():
    _counts, outside = computed()
    listed = set(re.findall(r"`([a-z]+-14#\d+)`", addendum()))
    assert listed == outside


def test_the_note_says_which_rows_are_manual():
    """None today; a manual row added to a fixture must be listed in the note with its reason (it then also appears
    among the listed rows above) and the "none" sentence must go."""
    manual = [f"{code}#{row['order']}" for code, rows in plans().items() for row in rows if not row.get("definition")]
    assert ("**Manual rows: none.**" in addendum()) == (not manual)
