"""Line charts: text x values labelled every one or thinned with one step from the first (and the last
kept), start and end labels, and gaps where values are missing."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds._line import _even_picks
from aigap_docs.loader import load_report
from aigap_docs.model import DataTable
from aigap_docs.theme import load_theme

from .test_draw import assert_inside_and_apart, texts

THEME = load_theme()
FIXTURE = Path(__file__).parent / "fixtures" / "kinds"
MONTHS = [
    f"{m} {y}"
    for y in (2023, 2024)
    for m in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
]
DECADE = [f"{month.split()[0]} {year}" for year in range(2006, 2016) for month in MONTHS[:12]]
"""Monthly names over ten years, as content/us-jobs-2006-2015 has them."""


def line_report(names: list[str], a: list[float | None], b: list[float | None], **options):
    """The kinds fixture with a line chart over `names` (text x) of two series, a and b."""
    report = load_report(FIXTURE)
    rows = tuple({"name": n, "a": x, "b": y, "zero": 0.0} for n, x, y in zip(names, a, b, strict=True))
    report._data = {**report._data, "one": DataTable(report.table("one").types, rows, "name")}
    chart = report.charts["one-point-line"].model_copy(update={"series": ["a", "b"], **options})
    return report, chart


def shown(fig) -> list[str]:
    return [t.get_text() for t in texts(fig)]


@pytest.mark.parametrize("slot", ["deck_full", "deck_half", "brief"])
@pytest.mark.parametrize("count", [5, 13, 24, 120])
def test_text_x_values_are_all_labelled_or_thinned_by_one_step_keeping_first_and_last(slot, count):
    names = DECADE[:count]
    report, chart = line_report(names, [float(i) for i in range(count)], [2.0 * i for i in range(count)])
    medium = "brief" if slot == "brief" else "deck"
    fig = draw(chart, report, THEME, getattr(THEME.slots, slot), medium, "embedded")
    assert_inside_and_apart(fig)
    labelled = [i for i, name in enumerate(names) if name in shown(fig)]
    assert labelled[0] == 0 and labelled[-1] == count - 1  # the first was dropped before
    regular = labelled[:-1]
    steps = {b - a for a, b in zip(regular, regular[1:], strict=False)}
    assert len(steps) <= 1, labelled  # one step: 120 months drifted from Jan to Dec labels before
    if count >= 24:  # monthly names repeat every 12: the steps keep the labels on one month
        assert 12 % min(steps) == 0 or min(steps) % 12 == 0, labelled
    if count == 5:
        assert labelled == list(range(5))


@pytest.mark.parametrize("slot", ["deck_full", "deck_half", "brief"])
def test_months_over_ten_years_are_labelled_in_januaries_and_at_the_end(slot):
    # Steps that differed by one labelled 'Jan 2006, Jan 2008, Jan 2010, Dec 2011, Dec 2013, Dec 2015'.
    report, chart = line_report(DECADE, [float(i) for i in range(120)], [2.0 * i for i in range(120)])
    medium = "brief" if slot == "brief" else "deck"
    fig = draw(chart, report, THEME, getattr(THEME.slots, slot), medium, "standalone")
    labelled = [name for name in DECADE if name in shown(fig)]
    assert len(labelled) >= 3 and labelled[-1] == "Dec 2015", labelled
    assert all(name.startswith("Jan ") for name in labelled[:-1]), labelled


def test_even_picks_take_one_step_from_the_first_and_keep_the_last():
    names = [f"p{i}" for i in range(13)]
    assert _even_picks(names)[:6] == [
        list(range(13)),
        list(range(0, 13, 2)),
        list(range(0, 13, 3)),
        [0, 4, 8, 12],
        [0, 5, 10, 12],
        [0, 5, 12],  # the regular label before the last left out, where the two would touch
    ]
    assert all(p[0] == 0 and p[-1] == 22 for p in _even_picks([f"p{i}" for i in range(23)]))


def test_names_that_repeat_a_first_word_are_stepped_by_their_cycle():
    quarters = [f"Q{q} {y}" for y in range(2000, 2010) for q in range(1, 5)]
    steps = {p[1] - p[0] for p in _even_picks(quarters) if len(p) > 2}
    assert steps == {1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 36}


def test_each_line_is_labelled_with_its_first_value_unless_switched_off():
    report, chart = line_report(MONTHS[:4], [11.0, 12.0, 13.0, 14.0], [21.0, 22.0, 23.0, 24.0])
    fig = draw(chart, report, THEME, THEME.slots.deck_half, "deck", "embedded")
    assert {"11", "21", "14", "24"} <= set(shown(fig))
    assert_inside_and_apart(fig)
    quiet = chart.model_copy(update={"start_labels": False})
    assert not {"11", "21"} & set(
        shown(draw(quiet, report, THEME, THEME.slots.deck_half, "deck", "embedded"))
    )


def test_a_missing_value_breaks_the_line_and_the_end_label_is_the_last_known_value():
    report, chart = line_report(MONTHS[:5], [1.0, 2.0, None, 4.0, None], [5.0, 6.0, 7.0, 8.0, 9.0])
    fig = draw(chart, report, THEME, THEME.slots.deck_full, "deck", "embedded")
    assert_inside_and_apart(fig)
    line = next(ln for ln in fig.axes[0].lines if len(ln.get_ydata()) == 5)  # the first series' line
    ys = list(line.get_ydata())
    assert math.isnan(ys[2]) and math.isnan(ys[4]) and ys[:2] == [1.0, 2.0]  # a gap, not interpolated
    assert "4" in shown(fig) and "9" in shown(fig)
