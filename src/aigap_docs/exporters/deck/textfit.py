"""Text measured with the metrics of the font that renders it, wrapped, and shrunk until it fits a box.

PowerPoint and LibreOffice never tell a writer how much room text takes, so the deck measures it itself,
with the advance widths of the bundled Carlito fonts (metric-compatible with Calibri, the font the deck
names), or, for a template's text, of the bundled font metric-compatible with the template's theme font
(theme.METRIC_FONTS); a font with no bundled twin is measured with a wide stand-in (theme.STAND_INS, DejaVu
Sans or Serif, a little widened and with tall lines), so its text fits wherever it renders. Lines break
only at spaces and around CJK characters: a renderer that also breaks after hyphens fits at least as much
on a line, so the measured height is never too small. Characters the font lacks (CJK above all) are
measured as 1 em wide, the width of a full-width ideograph.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aigap_docs.fonts import load_face
from aigap_docs.model import Run
from aigap_docs.text import url_break_points
from aigap_docs.theme import Theme, metric_font, metric_line_height

WIDTH_SLACK = 0.98
"""Share of a line's width that measured text may use: room for the renderers' rounding of positions."""
STAND_IN_WIDEN = 1.02
"""How much wider than DejaVu a stand-in measures text: Verdana, the widest common sans, is up to 2.2% wider
than DejaVu Sans on English prose (0.541 against 0.533 em a character), Montserrat's lower case 0-3%
narrower (its capitals 6% wider); with WIDTH_SLACK that covers them without shrinking the text that
LibreOffice, which renders these fonts in DejaVu where they are missing, sets exactly as measured."""
WORD_SHRINK = 0.75
"""A word is never broken across lines (PowerPoint and LibreOffice would split it between two letters):
where the longest word is wider than its line even at its role's smallest size, the text goes smaller just
far enough for that word, down to this share of the smallest size, rather than widening a box the template
placed (its neighbours and decorations stay clear, and it works in any box); past that it is warned of.
PowerPoint's own shrink-on-overflow does the same."""
STAND_IN_LINE_HEIGHT = 1.25
"""The least line height (in ems at single spacing) a stand-in measures with: DejaVu's own is 1.164, the
fonts it stands in for take more in PowerPoint (Verdana 1.215, Aptos 1.285)."""

_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|mailto:|www\.)\S+\Z")
"""A word that is a URL (as the brief's rule finds them): it may break where text.url_break_points says."""

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
    measure: Measure | None = None
    """The paragraph's own font, where it is set in another than the block's (a template's list level)."""


@dataclass(frozen=True)
class Fit:
    """The size text was set at, how many lines that took, and whether it fitted the box."""

    size: float
    lines: int
    height: float
    fits: bool


class Measure:
    """Text widths, line breaks and block heights for one font family (regular, bold, italic, both)."""

    def __init__(
        self,
        styles: Styles,
        widen: float = 1.0,
        least_line_height: float = 0.0,
        line_height: float | None = None,
    ):
        """`widen` scales every advance and `least_line_height` (ems) floors the line height: both are for
        a stand-in measuring a font it only approximates, so that it errs on the large side. `line_height`
        (ems) replaces the files' own, for a twin whose vertical metrics are not its family's."""
        self._faces = {style: load_face(path) for style, path in styles.items()}
        self._widen = widen
        own = line_height or self._faces[False, False].line_height
        self._line_height = max(own, least_line_height)

    def line_height(self, size: float, spacing: float = 1.0) -> float:
        """The distance between baselines in points at `spacing` times single spacing."""
        return self._line_height * size * spacing

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The width of `text` on one line, in points."""
        face = self._faces[bold, italic]
        width = sum(map(face.width, text)) * size
        return width * self._widen if self._widen != 1.0 else width

    def lines(self, runs: Sequence[Run], size: float, width: float) -> tuple[int, bool]:
        """How many lines the runs take in `width` points, and whether a word had to be broken (a URL
        wider than the line breaks where text.url_break_points allows, which is no broken word)."""
        count, broken, _ = self._wrap(runs, size, width)
        return count, broken

    def url_cuts(self, runs: Sequence[Run], size: float, width: float) -> list[int]:
        """Where (offsets in the runs' joined text) a URL wider than the line breaks in `width` points:
        the writer puts a line break there (see `with_line_breaks`), so that a renderer does not cut the
        URL between any two letters."""
        return self._wrap(runs, size, width)[2]

    def _wrap(self, runs: Sequence[Run], size: float, width: float) -> tuple[int, bool, list[int]]:
        """Lines, whether a word broke, and the offsets (in the runs' joined text) where a URL breaks."""
        room = width * WIDTH_SLACK
        count, broken, cuts = 0, False, []
        for words in _split_lines(runs):
            used, count = 0.0, count + 1
            for word, space, start in words:
                wide = self._styled_width(word, size)
                gap = self._styled_width(space, size)
                if used and used + wide > room:
                    used, count = 0.0, count + 1
                if wide > room:
                    text = "".join(part for part, _ in word)
                    points = url_break_points(text) if _URL.match(text) else []
                    extra, used, at, whole = self._break_url(word, points, size, room)
                    count, broken = count + extra, broken or not whole
                    cuts += [start + point for point in at]
                else:
                    used += wide
                used += gap
        return count, broken, cuts

    def height(
        self, paragraphs: Sequence[FitParagraph], size: float, width: float, spacing: float = 1.0
    ) -> tuple[float, int, bool]:
        """Height in points, line count and whether a word broke, for paragraphs set at `size` in `width`
        (each in its own font, where it has one)."""
        total, count, broken = 0.0, 0, False
        for i, paragraph in enumerate(paragraphs):
            own = size * paragraph.scale
            font = paragraph.measure or self
            lines, word_broken = font.lines(paragraph.runs, own, width - paragraph.indent)
            gap = paragraph.space_before * own if i else 0.0
            total += gap + lines * font.line_height(own, spacing)
            count, broken = count + lines, broken or word_broken
        return total, count, broken

    def paragraph_url_cuts(
        self, paragraphs: Sequence[FitParagraph], size: float, width: float
    ) -> list[list[int]]:
        """Each paragraph's `url_cuts` at `size` in `width`, in its own font, size and margin, as `height`
        measures it."""
        return [
            (paragraph.measure or self).url_cuts(
                paragraph.runs, size * paragraph.scale, width - paragraph.indent
            )
            for paragraph in paragraphs
        ]

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
        Where a word is wider than the line at the smallest size, the text goes below it as far as that
        word needs (word_steps), and no further for any other reason. If nothing fits, the result is at
        the smallest size with fits=False, for the caller to warn.
        """
        width, room = box

        def attempt(size: float) -> tuple[Fit, bool]:
            height, count, broken = self.height(paragraphs, size, width, spacing)
            fits = height <= room and not broken and (max_lines is None or count <= max_lines)
            return Fit(size, count, height, fits), broken

        for size in steps(*sizes):
            result, broken = attempt(size)
            if result.fits:
                return result
        smallest = result
        for size in word_steps(sizes[1]) if broken else ():
            result, broken = attempt(size)
            if not broken:
                return result
        return smallest

    def _styled_width(self, pieces: list[tuple[str, Run]], size: float) -> float:
        return sum(self.width(text, size, run.bold, run.italic) for text, run in pieces)

    def _break_url(
        self, word: Piece, points: list[int], size: float, room: float
    ) -> tuple[int, float, list[int], bool]:
        """Set a word wider than the line in stretches between its break `points` (none: letter by
        letter), each stretch on the line if it fits: extra lines taken, width of the last, where it broke
        between stretches, and whether no stretch itself had to be broken."""
        extra, used, cuts, whole = 0, 0.0, [], True
        bounds = [0, *points, sum(len(part) for part, _ in word)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            stretch = _slice(word, a, b)
            wide = self._styled_width(stretch, size)
            if used and used + wide > room:
                extra, used = extra + 1, 0.0
                cuts.append(a)
            if wide > room:
                more, last = self._break_word(stretch, size, room, used)
                extra, used, whole = extra + more, last, False
            else:
                used += wide
        return extra, used, cuts, whole

    def _break_word(self, word: Piece, size: float, room: float, used: float = 0.0) -> tuple[int, float]:
        """Set a word wider than the line character by character from `used`: extra lines taken, width of
        the last."""
        extra = 0
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


def family_measure(family: str) -> tuple[Measure, str]:
    """A Measure for text set in `family` (a template's theme font), and '' when it measures with the
    family's bundled metric twin (at the family's line height where theme.METRIC_FONTS gives one), else
    the name of the wide stand-in it measures with (widened by STAND_IN_WIDEN, lines at least
    STAND_IN_LINE_HEIGHT)."""
    files, stand_in = metric_font(family)
    styles = tuple((style, files[name]) for style, name in _THEME_STYLES.items())
    if stand_in:
        return _measure(styles, STAND_IN_WIDEN, STAND_IN_LINE_HEIGHT), stand_in
    return _measure(styles, line_height=metric_line_height(family)), ""


def stand_in_warning(family: str, stand_in: str) -> str:
    """What the build says of a template's font measured with a stand-in."""
    return (
        f"the template's font {family!r} is not bundled: its text is measured with {stand_in} (wide), "
        f"so it fits where {family} or a fallback renders it"
    )


@cache
def _measure(
    styles: tuple[tuple[tuple[bool, bool], Path], ...],
    widen: float = 1.0,
    least_line_height: float = 0.0,
    line_height: float | None = None,
) -> Measure:
    return Measure(dict(styles), widen, least_line_height, line_height)


Piece = list[tuple[str, Run]]
"""A stretch of text with the run each part of it comes from (for its bold and italic widths)."""


def _split_lines(runs: Sequence[Run]) -> list[list[tuple[Piece, Piece, int]]]:
    """Hard lines of (word, following spaces, where the word starts in the runs' joined text) triples; a
    wide (CJK) character is a word of its own."""
    lines: list[list[tuple[Piece, Piece, int]]] = [[]]
    word: Piece = []
    space: Piece = []
    start = at = 0

    def flush() -> None:
        nonlocal word, space, start
        if word or space:
            lines[-1].append((word, space, start))
        word, space, start = [], [], at

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
                at += 1
                flush()
                continue
            else:
                if space:
                    flush()
                word.append((char, run))
            at += 1
            if not word and not space:
                start = at
    flush()
    return lines


def _slice(word: Piece, a: int, b: int) -> Piece:
    """Characters a to b of a word, each with its run."""
    chars = [(char, run) for text, run in word for char in text]
    return chars[a:b]


def with_line_breaks(runs: Sequence[Run], cuts: list[int]) -> tuple[Run, ...]:
    """The runs with a line break ('\n', which the writer writes as a line break element, no character of
    the text) at each offset of their joined text; a link keeps its whole address."""
    out, offset = [], 0
    for run in runs:
        end = offset + len(run.text)
        inside = [cut - offset for cut in cuts if offset < cut < end or (cut == offset and offset)]
        text = run.text
        for cut in reversed(inside):
            text = f"{text[:cut]}\n{text[cut:]}"
        out.append(run.model_copy(update={"text": text}) if inside else run)
        offset = end
    return tuple(out)


def steps(largest: float, smallest: float) -> list[float]:
    """Sizes to try, a point apart from `largest`, ending exactly at `smallest`."""
    sizes = []
    while largest > smallest:
        sizes.append(largest)
        largest -= 1
    return [*sizes, smallest]


def word_steps(smallest: float) -> list[float]:
    """Sizes below a role's `smallest`, a point apart, that text may take only so that its longest word
    fits a line (WORD_SHRINK)."""
    floor = math.ceil(smallest * WORD_SHRINK * 2) / 2
    return [size for size in steps(smallest - 1, floor) if size < smallest]


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
