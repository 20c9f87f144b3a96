"""Legends sit in a band of their own above the plot: no mark or label of the chart reaches into it,
wherever the data put the first row (bounding boxes as the Agg renderer draws them)."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from aigap_docs.charts.draw import draw
from aigap_docs.charts.style import RENDER_RC, Style

from .test_missing import THEME, report_with


def _boxes(fig: Figure, legend: set[str]) -> tuple[list[Bbox], list[Bbox]]:
    """(the legend's keys and names, every mark and label of the plot) as drawn."""
    renderer = fig.canvas.get_renderer()
    with matplotlib.rc_context(RENDER_RC):
        keys = [a.get_window_extent(renderer) for a in fig.artists]
        names = [t.get_window_extent(renderer) for t in fig.texts if t.get_text() in legend]
        plot = [
            artist.get_window_extent(renderer)
            for ax in fig.axes
            for artist in [*ax.texts, *ax.lines, *ax.patches]
            if artist.get_visible() and (not hasattr(artist, "get_text") or artist.get_text().strip())
        ]
    return keys + names, plot


def _assert_legend_above_the_plot(fig: Figure, legend: set[str]) -> None:
    """The legend's keys and names lie above everything the plot draws, apart by a gap of its own
    (0.4 em: text set just above a dot reads as that dot's label, not as a key)."""
    keys, plot = _boxes(fig, legend)
    assert len(keys) == 2 * len(legend), "a key and a name per legend item"
    bottom = min(box.y0 for box in keys)
    top = max(box.y1 for box in plot)
    gap = 0.4 * Style(THEME, "deck").em * fig.dpi / 72
    assert bottom - top >= gap, f"the legend (down to {bottom:.1f} px) is on the plot (up to {top:.1f} px)"


# The first row (largest start) has its newer dot at the scale's end, with a long value label.
END_ROWS = [("Alpha", 80.0, 1234.5), ("Beta", 60.0, 75.0), ("Gamma", 20.0, 30.0)]


@pytest.mark.parametrize("slot", ["deck_full", "deck_half", "brief"])
@pytest.mark.parametrize("changes", [True, False])
def test_a_dumbbells_legend_is_clear_of_a_first_row_at_the_scales_end(slot, changes):
    report, spec = report_with(END_ROWS, "dumbbell")
    spec = spec.model_copy(update={"change_labels": changes})
    fig = draw(spec, report, THEME, getattr(THEME.slots, slot), "deck", "embedded")
    _assert_legend_above_the_plot(fig, {"Then", "Now"})


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
@pytest.mark.parametrize("chart", ["grouped_bar", "stacked_bar"])
def test_a_bar_charts_legend_is_clear_of_its_bars_and_labels(chart, orientation):
    rows = [(f"Place {i} with a long name", float(10 + 7 * i), float(40 - 3 * i)) for i in range(6)]
    report, spec = report_with(rows, chart)
    spec = spec.model_copy(update={"orientation": orientation})
    fig = draw(spec, report, THEME, THEME.slots.deck_half, "deck", "embedded")
    _assert_legend_above_the_plot(fig, {"A", "B"})  # the series' column labels
