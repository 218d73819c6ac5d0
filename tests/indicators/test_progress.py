"""The status rule (docs/decisions/0003): straight line from the baseline year's end to the target year's end."""

import datetime
from decimal import Decimal as D

import pytest

from indicators.choices import Direction, SnapshotStatus, TargetOperator
from indicators.progress import assess, elapsed_fraction, expected_value


def check(value, *, baseline=D(40), operator=TargetOperator.GE, target=D(80), as_of=datetime.date(2023, 12, 31), **kw):
    return assess(
        value=value,
        baseline=baseline,
        operator=operator,
        target=target,
        baseline_year=kw.pop("baseline_year", 2020),
        target_year=2025,
        as_of=as_of,
        **kw,
    )


def test_the_expected_value_moves_in_a_straight_line_from_baseline_to_target():
    # 31 Dec 2020 → 31 Dec 2025 is 1826 days; 31 Dec 2023 is 1095 days in.
    assert expected_value(D(40), D(80), 2020, 2025, datetime.date(2020, 12, 31)) == D(40)
    assert expected_value(D(40), D(80), 2020, 2025, datetime.date(2025, 12, 31)) == D(80)
    mid = expected_value(D(40), D(80), 2020, 2025, datetime.date(2023, 12, 31))
    assert round(mid, 2) == round(D(40) + D(40) * D(1095) / D(1826), 2)


def test_the_elapsed_fraction_is_capped_before_the_start_and_after_the_end():
    assert elapsed_fraction(2020, 2025, datetime.date(2019, 6, 1)) == 0
    assert elapsed_fraction(2020, 2025, datetime.date(2027, 1, 1)) == 1


def test_a_value_meeting_the_target_is_met_even_early():
    assert check(D(81)).status == SnapshotStatus.MET
    assert check(D(80)).status == SnapshotStatus.MET


def test_at_or_above_the_line_is_on_track_below_it_behind():
    result = check(D(65))
    assert result.status == SnapshotStatus.ON_TRACK and D(63) < result.expected < D(64)
    assert check(D(60)).status == SnapshotStatus.BEHIND


def test_lower_is_better_targets_run_the_other_way():
    kw = {"baseline": D(10), "operator": TargetOperator.LE, "target": D(5)}
    assert check(D(7), **kw).status == SnapshotStatus.ON_TRACK  # expected ≈ 7.0
    assert check(D(8), **kw).status == SnapshotStatus.BEHIND
    assert check(D(5), **kw).status == SnapshotStatus.MET


def test_an_equality_target_of_100_percent_is_met_only_at_100():
    kw = {"baseline": D(100), "operator": TargetOperator.EQ, "target": D(100)}
    assert check(D(100), **kw).status == SnapshotStatus.MET
    assert check(D("99.5"), **kw).status == SnapshotStatus.BEHIND


def test_an_equality_target_takes_its_direction_from_baseline_to_target():
    kw = {"baseline": D(41), "operator": TargetOperator.EQ, "target": D(100)}
    assert check(D(80), **kw).status == SnapshotStatus.ON_TRACK
    assert check(D(50), **kw).status == SnapshotStatus.BEHIND


def test_an_equality_target_is_met_when_reached_or_passed():
    kw = {"baseline": D(1980), "operator": TargetOperator.EQ, "target": D(2500)}
    assert check(D(2600), **kw).status == SnapshotStatus.MET
    assert check(D(2500), **kw).status == SnapshotStatus.MET
    lower = {"baseline": D(10), "operator": TargetOperator.EQ, "target": D(0)}
    assert check(D(0), **lower).status == SnapshotStatus.MET
    assert check(D(1), **lower).status == SnapshotStatus.ON_TRACK


def test_without_a_baseline_only_met_or_behind_against_the_target():
    result = check(D(79), baseline=None)
    assert result.status == SnapshotStatus.BEHIND and result.expected is None and result.notes
    assert check(D(90), baseline=None).status == SnapshotStatus.MET
    assert check(D(79), baseline_year=None).status == SnapshotStatus.BEHIND


def test_a_reference_target_compares_with_the_manual_figure():
    kw = {"operator": TargetOperator.REF_GE, "target": None}
    met = check(D(6), reference=D("5.5"), **kw)
    assert met.status == SnapshotStatus.MET and met.target == D("5.5") and met.expected == D("5.5")
    assert check(D(5), reference=D("5.5"), **kw).status == SnapshotStatus.BEHIND
    missing = check(D(5), reference=None, **kw)
    assert missing.status == SnapshotStatus.NO_DATA and missing.notes


def test_no_value_is_no_data_but_still_shows_the_expected_value():
    result = check(None)
    assert result.status == SnapshotStatus.NO_DATA and result.expected is not None


def test_a_row_without_a_target_is_not_judged():
    assert check(D(3), operator=None, target=None).status == SnapshotStatus.NO_TARGET
    assert check(None, operator=None, target=None).status == SnapshotStatus.NO_DATA


@pytest.mark.parametrize("operator,value,met", [(">", D(80), False), (">", D("80.01"), True), ("<", D(5), False)])
def test_strict_operators(operator, value, met):
    target = D(80) if operator == ">" else D(5)
    result = check(value, operator=operator, target=target, baseline=None, direction=Direction.HIGHER)
    assert (result.status == SnapshotStatus.MET) is met
