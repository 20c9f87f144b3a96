"""Wrapping chart text: trial lines are measured from the font's advances, the chosen lines as matplotlib's
Agg renderer draws them (with kerning). Whatever the text, size, resolution or weight, every wrapped line
fits as drawn, and no word is lost."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib.style
from hypothesis import example, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from aigap_docs.charts.kinds._common import Canvas, _outline_width
from aigap_docs.charts.style import Style
from aigap_docs.theme import load_theme

STYLE = Style(load_theme(), "deck")
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
WORD = st.text(st.sampled_from(LETTERS + ".,:;%$€£()[]/-–—'\"&?!+−×≥≤•…ÅéüçøßŁţĞ"), min_size=1, max_size=12)
TEXT = st.lists(WORD, min_size=1, max_size=30).map(" ".join)


@contextlib.contextmanager
def canvas_at(dpi: float) -> Iterator[Canvas]:
    """A canvas in the settings charts are drawn and saved with (as draw.draw sets them)."""
    with matplotlib.style.context(["default", STYLE.rc()]):
        fig = Figure(figsize=(4, 3), dpi=dpi)
        FigureCanvasAgg(fig)
        yield Canvas(fig, STYLE)


def drawn_width(canvas: Canvas, line: str, size: float, bold: bool) -> float:
    """The width of `line` in points as the build saves the chart (unhinted, kerned)."""
    return canvas.extent(canvas.text(0, 0, line, canvas.font(size, bold), "black")).width


@settings(max_examples=100, deadline=None)
@given(
    text=TEXT,
    size=st.floats(5, 30),
    width=st.floats(20, 400),
    dpi=st.sampled_from([72, 100, 200, 300]),
    bold=st.booleans(),
)
@example(text="Q/ " * 12, size=10, width=60, dpi=200, bold=False)  # kerned wider than its advances
def test_every_wrapped_line_fits_as_drawn_and_keeps_every_word(text, size, width, dpi, bold):
    with canvas_at(dpi) as canvas:
        lines = canvas.wrap(text, canvas.font(size, bold), width).split("\n")
        assert " ".join(lines).split() == STYLE.clean(text).split()
        for line in lines:
            if " " in line:  # a lone word too long for the width stays whole
                assert drawn_width(canvas, line, size, bold) <= width, line


def test_a_line_kerned_wider_than_its_advances_is_wrapped_by_drawn_widths():
    with canvas_at(200) as canvas:
        font = canvas.font(10)
        line = "Q/ Q/ Q/ Q/"
        width = _outline_width(line, font) * 1.02  # just wide enough by the advances alone
        assert drawn_width(canvas, line, 10, False) * 1.02 > width  # kerning "Q/" widens it
        assert canvas.wrap(f"{line} {line}", font, width).split("\n") != [line, line]
