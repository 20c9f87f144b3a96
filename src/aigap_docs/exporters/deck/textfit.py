"""Text measured with the metrics of the font that renders it, wrapped, and shrunk until it fits a box.

PowerPoint and LibreOffice never tell a writer how much room text takes, so the deck measures it itself,
with the advance widths of the bundled Carlito fonts (metric-compatible with Calibri, the font the deck
names), or, for a template's text, of the bundled font metric-compatible with the template's theme font
(theme.METRIC_FONTS; Carlito stands in for a font with no bundled twin). Lines break only at spaces and
around CJK characters: a renderer that also breaks after hyphens fits at least as much on a line, so the
measured height is never too small. Characters the font lacks (CJK above all) are measured as 1 em wide,
the width of a full-width ideograph.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aigap_docs.fonts import load_face
from aigap_docs.model import Run
from aigap_docs.theme import Theme, metric_font

WIDTH_SLACK = 0.98
"""Share of a line's width that measured text may use: room for the renderers' rounding of positions."""

Styles = dict[tuple[bool, bool], Path]
"""(bold, italic) -> font file."""
_THEME_STYLES = {
    (False, False): "regular",
    (True, False): "bold",
    (False, True): "italic",
    (True, True): "bold_italic",
}


@dataclass(frozen=True)
class FitParagraph:
    """A paragraph to measure: styled runs, a size relative to the block's, a left margin, a gap above."""

    runs: tuple[Run, ...]
    scale: float = 1.0
    indent: float = 0.0
    """Left margin in points (bulleted text wraps at the margin; the bullet hangs to its left)."""
    space_before: float = 0.0
    """Gap above the paragraph, in ems of its own size (so it shrinks with the text)."""


@dataclass(frozen=True)
class Fit:
    """The size text was set at, how many lines that took, and whether it fitted the box."""

    size: float
    lines: int
    height: float
    fits: bool


class Measure:
    """Text widths, line breaks and block heights for one font family (regular, bold, italic, both)."""

    def __init__(self, styles: Styles):
        self._faces = {style: load_face(path) for style, path in styles.items()}

    def line_height(self, size: float, spacing: float = 1.0) -> float:
        """The distance between baselines in points at `spacing` times single spacing."""
        return self._faces[False, False].line_height * size * spacing

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The width of `text` on one line, in points."""
        face = self._faces[bold, italic]
        return sum(map(face.width, text)) * size

    def lines(self, runs: Sequence[Run], size: float, width: float) -> tuple[int, bool]:
        """How many lines the runs take in `width` points, and whether a word had to be broken."""
        room = width * WIDTH_SLACK
        count, broken = 0, False
        for words in _split_lines(runs):
            used, count = 0.0, count + 1
            for word, space in words:
                wide = self._styled_width(word, size)
                gap = self._styled_width(space, size)
                if used and used + wide > room:
                    used, count = 0.0, count + 1
                if wide > room:
                    extra, used = self._break_word(word, size, room)
                    count, broken = count + extra, True
                else:
                    used += wide
                used += gap
        return count, broken

    def height(
        self, paragraphs: Sequence[FitParagraph], size: float, width: float, spacing: float = 1.0
    ) -> tuple[float, int, bool]:
        """Height in points, line count and whether a word broke, for paragraphs set at `size` in `width`."""
        total, count, broken = 0.0, 0, False
        for i, paragraph in enumerate(paragraphs):
            own = size * paragraph.scale
            lines, word_broken = self.lines(paragraph.runs, own, width - paragraph.indent)
            gap = paragraph.space_before * own if i else 0.0
            total += gap + lines * self.line_height(own, spacing)
            count, broken = count + lines, broken or word_broken
        return total, count, broken

    def fit(
        self,
        paragraphs: Sequence[FitParagraph],
        box: tuple[float, float],
        sizes: tuple[float, float],
        spacing: float = 1.0,
        max_lines: int | None = None,
    ) -> Fit:
        """The largest size from sizes[0] down to sizes[1], a point at a time, at which the text fits `box`.

        Fitting means: no taller than the box, no word broken across lines, at most `max_lines` lines.
        If nothing fits, the result is at the smallest size with fits=False, for the caller to warn.
        """
        width, room = box

        def attempt(size: float) -> Fit:
            height, count, broken = self.height(paragraphs, size, width, spacing)
            fits = height <= room and not broken and (max_lines is None or count <= max_lines)
            return Fit(size, count, height, fits)

        for size in steps(*sizes):
            result = attempt(size)
            if result.fits:
                return result
        return result

    def _styled_width(self, pieces: list[tuple[str, Run]], size: float) -> float:
        return sum(self.width(text, size, run.bold, run.italic) for text, run in pieces)

    def _break_word(self, word: list[tuple[str, Run]], size: float, room: float) -> tuple[int, float]:
        """Set a word wider than the line character by character: extra lines taken, width of the last."""
        extra, used = 0, 0.0
        for text, run in word:
            for char in text:
                wide = self.width(char, size, run.bold, run.italic)
                if used and used + wide > room:
                    extra, used = extra + 1, 0.0
                used += wide
        return extra, used


def theme_measure(theme: Theme) -> Measure:
    """A Measure with the theme's four font files: the fonts the deck's text is measured with."""
    return _measure(tuple((style, theme.font_path(name)) for style, name in _THEME_STYLES.items()))


def family_measure(family: str) -> tuple[Measure, bool]:
    """A Measure for text set in `family` (a template's theme font), and whether its metrics are only a
    stand-in (Carlito) because no metric-compatible font of that family is bundled."""
    files, substituted = metric_font(family)
    return _measure(tuple((style, files[name]) for style, name in _THEME_STYLES.items())), substituted


@cache
def _measure(styles: tuple[tuple[tuple[bool, bool], Path], ...]) -> Measure:
    return Measure(dict(styles))


Piece = list[tuple[str, Run]]
"""A stretch of text with the run each part of it comes from (for its bold and italic widths)."""


def _split_lines(runs: Sequence[Run]) -> list[list[tuple[Piece, Piece]]]:
    """Hard lines of (word, following spaces) pairs; a wide (CJK) character is a word of its own."""
    lines: list[list[tuple[Piece, Piece]]] = [[]]
    word: Piece = []
    space: Piece = []

    def flush() -> None:
        nonlocal word, space
        if word or space:
            lines[-1].append((word, space))
        word, space = [], []

    for run in runs:
        for char in run.text:
            if char == "\n":
                flush()
                lines.append([])
            elif char == " ":
                space.append((char, run))
            elif _is_wide(char):
                flush()
                word.append((char, run))
                flush()
            else:
                if space:
                    flush()
                word.append((char, run))
    flush()
    return lines


def steps(largest: float, smallest: float) -> list[float]:
    """Sizes to try, a point apart from `largest`, ending exactly at `smallest`."""
    sizes = []
    while largest > smallest:
        sizes.append(largest)
        largest -= 1
    return [*sizes, smallest]


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
