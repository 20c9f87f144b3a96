"""A chart kind's natural height: horizontal bars are as tall as their rows, in the brief a short chart."""

from __future__ import annotations

import pytest

from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds import kind_of
from aigap_docs.charts.kinds._natural import bars_height, row_pitch

from .test_draw import KINDS, THEME, assert_inside_and_apart

WIDTH, SLOT = THEME.slots.brief
HORIZONTAL = ["bar-negative", "grouped-horizontal", "stacked-horizontal", "one-row-bar"]


def natural(chart_id: str, report=KINDS) -> float | None:
    chart = report.charts[chart_id]
    return kind_of(chart).natural_height(chart, report, THEME, "brief", WIDTH)


@pytest.mark.parametrize("chart_id", ["bar-negative", "stacked-horizontal", "one-row-bar"])
def test_a_few_horizontal_bars_need_less_than_a_slot(chart_id):
    height = natural(chart_id)
    assert height is not None and 0.5 < height < SLOT


def test_four_groups_of_two_bars_need_more_than_a_slot_and_so_fill_it():
    height = natural("grouped-horizontal")
    assert height is not None and height > SLOT


@pytest.mark.parametrize(
    "chart_id", ["bar-vertical-many", "grouped-vertical", "stacked-vertical", "dumbbell", "line-years"]
)
def test_columns_dumbbells_and_lines_fill_their_slot(chart_id):
    assert natural(chart_id) is None


@pytest.mark.parametrize("bars", [1, 2, 3])
def test_each_row_adds_the_pitch_the_bar_layout_caps_its_rows_at(bars):
    chart, size = KINDS.charts["bar-negative"], THEME.sizes["brief"].chart_label
    three, four = (bars_height(chart, THEME, "brief", WIDTH, rows, bars, ()) for rows in (3, 4))
    assert (four - three) * 72 == pytest.approx(row_pitch(bars, size))
    assert row_pitch(bars + 1, size) > row_pitch(bars, size)


@pytest.mark.parametrize("chart_id", HORIZONTAL)
def test_drawn_at_its_natural_height_a_chart_keeps_its_text_inside_and_apart(chart_id):
    chart = KINDS.charts[chart_id]
    fig = draw(chart, KINDS, THEME, (WIDTH, min(SLOT, natural(chart_id))), "brief", "embedded")
    assert_inside_and_apart(fig)
