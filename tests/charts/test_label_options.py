"""Options that say what a chart should print, so that a crowded chart does not warn of leaving it out:
`value_labels: false` (every kind with value labels: the axis gives the values) and a stacked bar's
`totals: false` (shares of 100 would print 99.9 and 100.1)."""

from __future__ import annotations

import pytest

from aigap_docs.charts.draw import draw

from .test_draw import assert_inside_and_apart, texts
from .test_missing import THEME, report_with

MANY = [(f"Place {i}", 10.3 + i % 7, 20.7 - i % 5) for i in range(15)]
VALUES = {"10.3", "11.3", "12.3", "13.3", "20.7", "19.7"}


def _drawn(chart: str, rows, slot: str = "brief", **options):
    report, spec = report_with(rows, chart)
    spec = spec.model_copy(update=options)
    notes: list[str] = []
    fig = draw(spec, report, THEME, getattr(THEME.slots, slot), "deck", "embedded", notes)
    assert_inside_and_apart(fig)
    return [t.get_text() for t in texts(fig)], notes


def test_a_crowded_dumbbell_warns_of_its_values_unless_told_to_leave_them_to_the_axis():
    _, notes = _drawn("dumbbell", MANY, "deck_full", change_labels=False)
    assert any("too many to print each value" in note for note in notes), notes
    shown, quiet = _drawn("dumbbell", MANY, "deck_full", change_labels=False, value_labels=False)
    assert quiet == []
    assert not VALUES & set(shown) and "20" in shown  # no dot's value; the axis numbers stay


def test_a_dumbbell_with_room_prints_no_values_or_changes_when_told():
    rows = MANY[:3]
    shown, _ = _drawn("dumbbell", rows, "deck_full")
    assert VALUES & set(shown) and any(text[0] in "+\u2212" for text in shown)  # values and changes
    shown, notes = _drawn("dumbbell", rows, "deck_full", value_labels=False)
    assert notes == []
    assert not VALUES & set(shown) and not any(text[0] in "+\u2212" for text in shown)


@pytest.mark.parametrize("chart", ["bar", "bar-vertical", "grouped_bar", "stacked_bar"])
def test_bars_leave_their_values_to_an_axis_when_told_and_do_not_warn(chart):
    rows = MANY[:4]
    shown, _ = _drawn(chart, rows, "deck_full")
    assert VALUES & set(shown)
    shown, notes = _drawn(chart, rows, "deck_full", value_labels=False)
    assert notes == []
    assert not VALUES & set(shown) and "0" in shown  # no bar's value, a value axis from zero


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_stacked_bars_leave_out_their_totals_when_told_and_keep_their_parts(orientation):
    rows = [("Alpha", 30.0, 70.1), ("Beta", 45.6, 54.4), ("Gamma", 60.0, 39.9)]
    shown, _ = _drawn("stacked_bar", rows, "deck_full", orientation=orientation)
    assert {"100.1", "99.9", "100.0"} <= set(shown)
    shown, notes = _drawn("stacked_bar", rows, "deck_full", orientation=orientation, totals=False)
    assert notes == []
    assert not {"100.1", "99.9", "100.0"} & set(shown)
    assert {"30.0", "70.1", "45.6"} <= set(shown)


def test_stacked_columns_too_thin_for_their_parts_get_an_axis_without_a_warning():
    rows = [(f"{1850 + 10 * i}", 40.0 - i, 60.0 + i) for i in range(15)]
    shown, notes = _drawn("stacked_bar", rows, "brief", orientation="vertical", totals=False)
    assert notes == []
    assert "50" in shown and "40.0" not in shown  # axis numbers; no part's value


@pytest.mark.parametrize("chart", ["bar", "grouped_bar", "stacked_bar"])
def test_the_native_chart_leaves_its_values_to_the_axis_as_the_picture_does(chart):
    from aigap_docs.charts.kinds import kind_of

    report, spec = report_with(MANY[:4], chart)
    assert kind_of(spec).native(spec, report, THEME).value_labels
    quiet = spec.model_copy(update={"value_labels": False})
    assert not kind_of(quiet).native(quiet, report, THEME).value_labels
