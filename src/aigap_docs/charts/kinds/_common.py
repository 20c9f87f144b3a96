"""Shared layout tools for chart kinds: a figure laid out in points, text measurement, labels, scales."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import (
    Affine2D,
    Bbox,
    ScaledTranslation,
    Transform,
    blended_transform_factory,
    offset_copy,
)

from aigap_docs.charts.data import format_value
from aigap_docs.charts.missing import NO_DATA_LINES, no_data_note
from aigap_docs.charts.style import Style
from aigap_docs.charts.ticks import include_zero as include_zero  # for the kinds that use it
from aigap_docs.charts.ticks import nice_ticks, tick_decimals
from aigap_docs.errors import quoted
from aigap_docs.fonts import load_face
from aigap_docs.model import ValueLabels
from aigap_docs.text import MINUS, NumberSymbols, format_number

LINE_SPACING = 1.15

# Units whose differences are percentage points: the change between two shares is never "%".
_POINT_UNITS = {"percentage points", "percentage point", "pp", "pts", "points", "%", "per cent", "percent"}


@dataclass(frozen=True)
class Extent:
    """A rectangle in points from the figure's bottom-left corner."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Size:
    """A measured text block, in points: width and total height (ascent + descent of every line)."""

    width: float
    height: float


class Canvas:
    """A figure under construction, laid out in points from its bottom-left corner.

    Text is measured with the figure's own Agg renderer, so what fits here fits in the saved file.
    """

    def __init__(self, fig: Figure, style: Style, notes: list[str] | None = None) -> None:
        self.fig = fig
        self.style = style
        self.notes = notes if notes is not None else []
        """What the chart had to leave out to stay legible, for the build to warn about."""
        self.renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        width, height = fig.get_size_inches()
        self.width, self.height = width * 72, height * 72
        self.points: Transform = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
        self._sizes: dict[tuple[str, str, float], Size] = {}

    def note_unprintable(self) -> None:
        """One note for the characters the chart's text holds and its font cannot draw ('?' instead), the
        same for every size the chart is drawn at, so the build warns of it once."""
        if self.style.unprintable:
            family = self.font(1).get_name()
            chars = ", ".join(f"{quoted(char)} (U+{ord(char):04X})" for char in self.style.unprintable)
            self.notes.append(
                f"{family} has no glyph for {chars}: drawn as '?' (a theme font with them prints them)"
            )

    def note(self, message: str) -> None:
        """Record that something was left out, and where: '... (in the deck's 7.1 x 5.0 in chart area)'."""
        where = f"in the {self.style.medium}'s {self.width / 72:.1f} x {self.height / 72:.1f} in chart area"
        self.notes.append(f"{message} ({where})")

    # --- text ---
    def font(self, size: float, bold: bool = False) -> FontProperties:
        return self.style.font(size, bold=bold)

    def measure(self, text: str, font: FontProperties) -> Size:
        """The size of `text` (one or more lines) as drawn by `self.text`, with a little to spare.

        Agg snaps glyphs to pixels, so a string is a few per cent wider or narrower at another
        resolution than at this figure's; vector output uses the outlines themselves. The width is the
        larger of the two, plus 2 per cent, so text that fits here fits in every PNG, SVG and PDF.
        """
        key = (text, font.get_file() or "", font.get_size_in_points())
        if key not in self._sizes:
            clean = self.style.clean(text)
            probe = Text(0, 0, clean, fontproperties=font, linespacing=LINE_SPACING, parse_math=False)
            probe.set_figure(self.fig)
            box = probe.get_window_extent(self.renderer)
            scale = 72 / self.fig.dpi
            outline = max((_outline_width(line, font) for line in clean.split("\n")), default=0.0)
            self._sizes[key] = Size(max(box.width * scale, outline) * 1.02, box.height * scale)
        return self._sizes[key]

    def line_height(self, font: FontProperties) -> float:
        return self.measure("Ag", font).height

    def line_pitch(self, font: FontProperties) -> float:
        """The distance from one baseline to the next in a block of text."""
        return self.measure("Ag\nAg", font).height - self.measure("Ag", font).height

    def centring(self, font: FontProperties) -> float:
        """How far (points, upwards) to move text set with va='center' so its capitals centre on y.

        Bars, dots and lines are centred on capitals and figures, not on the box matplotlib centres,
        which includes room for descenders.
        """
        _, height, descent = self.renderer.get_text_width_height_descent("lp", font, ismath=False)
        scale = 72 / self.fig.dpi
        ascent, descent = (height - descent) * scale, descent * scale
        return (ascent - self.style.cap_height * font.get_size_in_points() - descent) / 2

    def wrap(self, text: str, font: FontProperties, width: float) -> str:
        """`text` broken at spaces into lines no wider than `width` points (a long word stays whole).

        Lines are balanced: the narrowest measure that needs no more lines than greedy filling is used,
        so no line ends with a lone word (as text-wrap: balance does in CSS). The many trial lines are
        measured from the font's advances; only the lines chosen are measured as Agg draws them, and
        should kerning or hinting make one too wide, the whole search is redone with Agg's widths.
        """
        text = self.style.clean(text)
        advances = self._wrap(text, width, lambda line: _outline_width(line, font) * 1.02)
        if all(self.measure(line, font).width <= width for line in advances.split("\n") if " " in line):
            return advances
        return self._wrap(text, width, lambda line: self.measure(line, font).width)

    @staticmethod
    def _wrap(text: str, width: float, measure: Callable[[str], float]) -> str:
        greedy = _fill(text, width, measure)
        count = greedy.count("\n")
        if not count:
            return greedy
        low, high = 0.0, width
        best = greedy
        for _ in range(12):
            middle = (low + high) / 2
            trial = _fill(text, middle, measure)
            if trial.count("\n") <= count:
                best, high = trial, middle
            else:
                low = middle
        return best

    def fit(self, text: str, font: FontProperties, width: float, lines: int) -> str:
        """`text` wrapped to `width` points in at most `lines` lines. If it needs more, or a word is wider
        than `width`, the last line kept ends in an ellipsis: the last resort, as wrapping keeps words."""
        wrapped = self.wrap(text, font, width)
        found = wrapped.split("\n")
        if len(found) <= lines and all(self.measure(line, font).width <= width for line in found):
            return wrapped
        head: list[str] = []
        for line in found[: max(lines, 1) - 1]:
            if self.measure(line, font).width > width:
                break
            head.append(line)
        rest = " ".join(" ".join(found).split()[sum(len(line.split()) for line in head) :])
        low, high = 0, len(rest)  # the most characters of `rest` that fit with the ellipsis
        while low < high:
            middle = (low + high + 1) // 2
            if self.measure(rest[:middle].rstrip() + "\u2026", font).width <= width:
                low = middle
            else:
                high = middle - 1
        return "\n".join([*head, rest[:low].rstrip() + "\u2026"])

    def widest_word(self, text: str, font: FontProperties) -> float:
        return max((self.measure(word, font).width for word in text.split()), default=0.0)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        font: FontProperties,
        colour: str,
        *,
        transform: Transform | None = None,
        ax: Axes | None = None,
        **kwargs: Any,
    ) -> Text:
        """Draw `text`; at (x, y) in figure points unless a transform is given.

        va='middle' centres the capitals and figures on y (for labels beside bars, dots and lines).
        """
        transform = transform if transform is not None else self.points
        if kwargs.get("va") == "middle":
            kwargs["va"] = "center"
            transform = transform + ScaledTranslation(0, self.centring(font) / 72, self.fig.dpi_scale_trans)
        options = dict(
            fontproperties=font,
            color=colour,
            linespacing=LINE_SPACING,
            parse_math=False,
            transform=transform,
            clip_on=False,
            **kwargs,
        )
        if ax is not None:
            return ax.text(x, y, self.style.clean(text), **options)  # listed in ax.texts
        return self.fig.text(x, y, self.style.clean(text), **options)  # listed in fig.texts

    def extent(self, artist: Text) -> Bbox:
        """Where a drawn artist lies, in figure points."""
        box = artist.get_window_extent(self.renderer)
        return box.transformed(Affine2D().scale(72 / self.fig.dpi))

    # --- axes and transforms ---
    def axes(self, box: Extent) -> Axes:
        """Bare axes filling `box`: no frame, ticks or background; kinds draw what they need."""
        ax = self.fig.add_axes(
            (box.x0 / self.width, box.y0 / self.height, box.width / self.width, box.height / self.height)
        )
        ax.set_axis_off()
        ax.patch.set_visible(False)
        return ax

    def offset(self, transform: Transform, dx: float = 0.0, dy: float = 0.0) -> Transform:
        """`transform` moved by (dx, dy) points, whatever the resolution it is saved at."""
        return offset_copy(transform, fig=self.fig, x=dx, y=dy, units="points")

    def rows(self, ax: Axes, dx: float = 0.0, dy: float = 0.0) -> Transform:
        """x in axes fraction, y in data: for text in the margin beside a row."""
        return self.offset(blended_transform_factory(ax.transAxes, ax.transData), dx, dy)

    def columns(self, ax: Axes, dx: float = 0.0, dy: float = 0.0) -> Transform:
        """x in data, y in axes fraction: for text above or below a column."""
        return self.offset(blended_transform_factory(ax.transData, ax.transAxes), dx, dy)


def drop_missing(
    canvas: Canvas, box: Extent, rows: list[dict[str, Any]], columns: Sequence[str], name: str
) -> tuple[list[dict[str, Any]], Extent]:
    """The rows with a value in every one of `columns`, and the box left for the chart.

    A row with no data is not drawn as zero (or at all): "No data: X, Y" under the chart names it, so a
    gap is never read as a value. The build does not warn of it: the dataset declared its gaps (`na:`,
    `nullable`), and the note tells the reader. Many gaps are named as far as three lines allow (the
    wording and the rule are charts.missing's, which a native chart's slide uses too).
    """
    complete = [all(row[column] is not None for column in columns) for row in rows]
    kept = [row for row, whole in zip(rows, complete, strict=True) if whole]
    missing = [str(row[name]) for row, whole in zip(rows, complete, strict=True) if not whole]
    if not missing:
        return kept, box
    style = canvas.style
    font = canvas.font(style.note_size)
    lines = max(1, min(NO_DATA_LINES, int(0.2 * box.height / canvas.line_pitch(font))))
    note = no_data_note(missing, lambda text: canvas.wrap(text, font, box.width).count("\n") < lines)
    text = canvas.fit(note, font, box.width, lines)
    canvas.text(box.x0, box.y0, text, font, style.muted, ha="left", va="bottom")
    return kept, Extent(box.x0, box.y0 + canvas.measure(text, font).height + 0.5 * style.em, box.x1, box.y1)


def legend(
    canvas: Canvas, box: Extent, items: Sequence[tuple[str, str]], *, draw: bool = True, dots: bool = False
) -> float:
    """A key of coloured squares (or `dots`, for charts whose marks are dots) and names, in a band of its
    own hung from the top of `box`, wrapping if needed: the chart is laid out below it, so no mark or
    label can reach it.

    Returns the band's height with the gap below it; with draw=False it only measures.
    """
    if not items:
        return 0.0
    style = canvas.style
    font = canvas.font(style.tick_size)
    height = canvas.line_height(font)
    mark = 0.62 * height
    x, y = box.x0, box.y1 - height / 2  # y: the middle of the current line
    for label, colour in items:
        width = mark + 0.3 * style.em + canvas.measure(label, font).width
        if x > box.x0 and x + width > box.x1:
            x, y = box.x0, y - 1.25 * height
        if draw:
            middle = y + canvas.centring(font)
            if dots:
                key = Circle((x + mark / 2, middle), mark / 2, transform=canvas.points)
            else:
                key = Rectangle((x, middle - mark / 2), mark, mark, transform=canvas.points)
            key.set(facecolor=colour, edgecolor="none")
            canvas.fig.add_artist(key)
            canvas.text(x + mark + 0.3 * style.em, y, label, font, style.text, ha="left", va="middle")
        x += width + 1.2 * style.em
    return box.y1 - y + height / 2 + 0.8 * style.em


def _fill(text: str, width: float, measure: Callable[[str], float]) -> str:
    """`text` filled greedily into lines no wider than `width` by `measure` (a long word stays whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if line and measure(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


def _outline_width(line: str, font: FontProperties) -> float:
    """The width of one line in points from the font's own, unhinted advances (as vector output sets it).

    Kerning is left out, so this errs wide, which is the safe side for fitting.
    """
    return load_face(Path(font.get_file())).text_width(line) * font.get_size_in_points()


# --- numbers ---------------------------------------------------------------------------------------------


def format_change(
    change: float, labels: ValueLabels, unit: str | None, decimals: int, symbols: NumberSymbols
) -> str:
    """A change label with its sign and unit: "−27.9 pts" for percentage points, else the value's unit."""
    number = format_number(change, decimals=decimals, sign=True, symbols=symbols)
    if number[0] not in "+" + MINUS:  # rounds to zero
        return "no change"
    sign, digits = number[0], number[1:]
    if unit and (unit.strip().lower() in _POINT_UNITS or unit.strip().startswith("%")):
        return f"{sign}{digits} pts"
    if labels.prefix or labels.suffix:
        return f"{sign}{labels.prefix}{digits}{labels.suffix}"
    return f"{sign}{digits} {unit}" if unit else f"{sign}{digits}"


# --- scales ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """Something drawn at a data value that needs `room` points beyond it, towards `side` (+1 or −1)."""

    value: float
    side: int
    room: float = 0.0


def fit_scale(reaches: Sequence[Reach], length: float) -> tuple[float, float]:
    """Data limits (lo, hi) for an axis `length` points long that keep every reach inside it.

    Each reach is a value with the room its label needs on one side. The scale is the largest that fits
    them all; any slack goes to the high end, so bars start at the axis start.
    """
    plus = [r for r in reaches if r.side > 0] or [Reach(max(r.value for r in reaches), 1)]
    minus = [r for r in reaches if r.side < 0] or [Reach(min(r.value for r in reaches), -1)]
    scale = math.inf  # points per data unit
    for low in minus:
        for high in plus:
            span = high.value - low.value
            if span > 0:
                # In Python floats, not numpy's: values a few denormals apart (5e-324) give an infinite
                # scale, which then reads as "every reach at one value" (as they are, at any resolution).
                scale = min(scale, float(max(length - low.room - high.room, length * 0.05)) / float(span))
    if not math.isfinite(scale):  # every reach at one value: put it at the start, its size sets the scale
        value = reaches[0].value
        start = max(low.room for low in minus)
        scale = max(length - start - max(high.room for high in plus), length * 0.05) / max(abs(value), 1.0)
        return value - start / scale, value + (length - start) / scale
    start = max(low.room - low.value * scale for low in minus)  # where 0 falls, in points
    return -start / scale, (length - start) / scale


def spread(
    positions: Sequence[float], sizes: Sequence[float], gap: float, lo: float, hi: float
) -> list[float]:
    """Centres for labels of `sizes` near `positions` (1-D), apart by `gap`, inside [lo, hi], in order.

    Overlapping neighbours are pushed apart symmetrically until nothing overlaps (a few passes suffice
    for the handful of labels a chart has).
    """
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    size = [sizes[i] for i in order]
    for _ in range(100):
        moved = False
        for i in range(1, len(placed)):
            overlap = placed[i - 1] + (size[i - 1] + size[i]) / 2 + gap - placed[i]
            if overlap > 1e-6:
                placed[i - 1] -= overlap / 2
                placed[i] += overlap / 2
                moved = True
        # A label past an end moves inside, and pushes only the labels it then touches: moving them all
        # would take a label at the other end off its line's end, and past that end.
        if placed and placed[0] - size[0] / 2 < lo - 1e-6:
            placed[0] = lo + size[0] / 2
            for i in range(1, len(placed)):
                floor = placed[i - 1] + (size[i - 1] + size[i]) / 2 + gap
                if placed[i] >= floor - 1e-6:
                    break
                placed[i] = floor
            moved = True
        if placed and placed[-1] + size[-1] / 2 > hi + 1e-6:
            placed[-1] = hi - size[-1] / 2
            for i in range(len(placed) - 2, -1, -1):
                ceiling = placed[i + 1] - (size[i] + size[i + 1]) / 2 - gap
                if placed[i] <= ceiling + 1e-6:
                    break
                placed[i] = ceiling
            moved = True
        if not moved:
            break
    result = [0.0] * len(positions)
    for i, p in zip(order, placed, strict=True):
        result[i] = p
    return result


def value_axis(
    canvas: Canvas,
    ax: Axes,
    ticks: list[float],
    labels: list[str],
    font: FontProperties,
    *,
    across: bool = False,
    margin: float = 0.0,
) -> None:
    """Light grid lines, numbered; the zero line darker, as the baseline.

    Values run up the chart, numbered at the left (`margin` points further out, leaving room for
    labels beside the plot); or, `across`, along it, numbered below.
    """
    style = canvas.style
    shown = set()
    for tick, label in zip(ticks, labels, strict=True):
        if label in shown:  # ticks finer than the numbers print
            continue
        shown.add(label)
        zero = tick == 0
        line = ax.axvline if across else ax.axhline
        line(
            tick,
            color=style.text if zero else style.grid,
            linewidth=(0.07 if zero else 0.06) * style.em,
            zorder=1 if zero else 0,
        )
        if across:
            where = {"ha": "center", "va": "top", "transform": canvas.columns(ax, 0, -0.4 * style.em)}
            canvas.text(tick, 0, label, font, style.muted, ax=ax, **where)
        else:
            where = {"ha": "right", "va": "middle", "transform": canvas.rows(ax, -0.5 * style.em - margin)}
            canvas.text(0, tick, label, font, style.muted, ax=ax, **where)


def enclosing_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round ticks from at or below `lo` to at or above `hi`: up to `count` + 1 steps, least overhang."""
    if hi - lo <= 1e-6 * max(1.0, abs(lo), abs(hi)):
        # Flat, at the precision axis numbers print (and ticks are rounded) to: one step either side,
        # rather than ticks that round to one value and an axis with no height.
        lo, hi = lo - 1, hi + 1
    power = 10 ** math.floor(math.log10((hi - lo) / count))
    best: list[float] = []
    for step in sorted(m * power * f for m in (1, 2, 2.5, 5) for f in (1, 10)):
        first = math.floor(lo / step + 1e-9) * step
        last = math.ceil(hi / step - 1e-9) * step
        intervals = int(round((last - first) / step))
        if 2 <= intervals <= count + 1:
            ticks = [round(first + i * step, 10) for i in range(intervals + 1)]
            if not best or ticks[-1] - ticks[0] < best[-1] - best[0]:
                best = ticks
    return best or nice_ticks(lo, hi, count)


def tick_labels(ticks: list[float], labels: ValueLabels, symbols: NumberSymbols) -> list[str]:
    """Axis numbers with the chart's prefix and suffix ("$50B", "20%") and as few decimals as they need,
    in the report language's `symbols`."""
    bare = ValueLabels(prefix=labels.prefix, suffix=labels.suffix)
    places = tick_decimals(ticks)
    return [format_value(t, bare, places, symbols) for t in ticks]
