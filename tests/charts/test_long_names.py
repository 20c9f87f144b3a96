"""Long category names in bar charts: wrapped onto lines in the room their row or column has, their
measured width kept clear, and shortened with an ellipsis only when even that cannot hold them (with a
warning that says what to do)."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds._common import Canvas
from aigap_docs.charts.style import Style

from .test_draw import assert_inside_and_apart, texts
from .test_missing import THEME, report_with

FIVE_WORDS = ["Côte d'Ivoire", "Türkiye", "Bosnia and Herzegovina", "Rest of the world", "Q3 2024"]


def _names(count: int) -> list[str]:
    return [" ".join(FIVE_WORDS[(i + j) % 5] for j in range(5)) + f" {i}" for i in range(count)]


def _draw(chart: str, count: int, slot: str, **options):
    rows = [(name, float((i * 37) % 50 - 20), float((i * 11) % 30)) for i, name in enumerate(_names(count))]
    report, spec = report_with(rows, chart)
    notes: list[str] = []
    fig = draw(
        spec.model_copy(update=options), report, THEME, getattr(THEME.slots, slot), "deck", "embedded", notes
    )
    assert_inside_and_apart(fig)
    return [t.get_text() for t in texts(fig)], notes


@pytest.mark.parametrize("slot", ["deck_full", "deck_half", "brief"])
@pytest.mark.parametrize(
    ("chart", "orientation"),
    [("bar", "horizontal"), ("bar", "vertical"), ("grouped_bar", "vertical"), ("grouped_bar", "horizontal")],
)
def test_many_long_names_stay_on_the_canvas_and_apart(chart, orientation, slot):
    shown, notes = _draw(chart, 30, slot, orientation=orientation)
    if any(text.endswith("\u2026") for text in shown):
        assert any("shortened to fit" in note and "shorten them" in note for note in notes), notes


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_a_few_long_names_wrap_whole_onto_lines(orientation):
    shown, notes = _draw("bar", 4, "deck_full", orientation=orientation)
    names = [text for text in shown if text.replace("\n", " ") in _names(4)]
    assert len(names) == 4 and any("\n" in name for name in names), shown
    assert not any("shortened" in note for note in notes)


@pytest.fixture(scope="module")
def canvas() -> Canvas:
    fig = Figure((4, 3), dpi=100)
    FigureCanvasAgg(fig)
    return Canvas(fig, Style(THEME, "deck"))


def test_fit_wraps_text_that_fits_its_lines_and_leaves_it_whole(canvas):
    font = canvas.font(12)
    assert canvas.fit("Bosnia and Herzegovina", font, 90, 2) == canvas.wrap(
        "Bosnia and Herzegovina", font, 90
    )


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [("Bosnia and Herzegovina Côte d'Ivoire Türkiye", 80, 2), ("Herzegovinaaaaaaaaaa", 40, 3)],
)
def test_fit_ends_the_last_line_kept_with_an_ellipsis_within_the_width(canvas, text, width, lines):
    font = canvas.font(12)
    fitted = canvas.fit(text, font, width, lines)
    assert fitted.endswith("\u2026") and fitted.count("\n") < lines
    assert all(canvas.measure(line, font).width <= width for line in fitted.split("\n"))
