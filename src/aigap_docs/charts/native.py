"""A native (editable) PowerPoint chart as plain data: what a chart kind's native form shows.

A kind decides it (ChartKind.native) with the rules its picture uses: the same rows in the same order, the
same colours, series names, value labels and subtitle. The deck's planner stores it in the plan, and the
writer only writes it out: it knows PowerPoint, not charts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from aigap_docs.charts.data import column_label, format_value, series_colours, series_decimals
from aigap_docs.charts.ticks import nice_ticks, tick_decimals
from aigap_docs.model import ChartSpec, Report, Value, ValueLabels
from aigap_docs.text import MINUS

if TYPE_CHECKING:
    from aigap_docs.theme import Theme

Form = Literal["bar", "column", "line", "stacked_bar", "stacked_column"]
"""PowerPoint's clustered bars (horizontal), clustered columns, lines with markers, or stacked bars
(horizontal) or columns."""


@dataclass(frozen=True)
class NativeSeries:
    label: str
    values: tuple[float | None, ...]
    """None where there is no data: an empty point (a gap in a line, no bar)."""
    colour: str | tuple[str, ...]
    """One colour for the series, or one per value (ranked bars: the story's entities, the rest grey)."""
    number_format: str
    """The Excel number format of its value labels: the series' own decimals, as the picture prints
    them (see `number_format`)."""
    labels: tuple[str, ...] = ()
    """Each value's label as that format prints it ('' where there is no value): to measure it."""
    ink: str | None = None
    """The colour of its values printed inside its parts (stacked bars): white on a dark fill (ink.ink_on)."""


@dataclass(frozen=True)
class ValueAxis:
    """The value axis's numbers: a fixed step between ticks, and a format with the decimals they need."""

    step: float | None
    """None: the application picks its own (no values, or all the same)."""
    number_format: str


@dataclass(frozen=True)
class NativeChart:
    kind: str
    """The chart kind it shows, which names the shape."""
    form: Form
    categories: tuple[str, ...]
    """In the order the picture shows them: top to bottom for bars, left to right otherwise."""
    series: tuple[NativeSeries, ...]
    axis: ValueAxis
    title: str
    """What is measured, in which unit, as the picture's subtitle says it ('' for none)."""
    value_labels: bool
    """Each value printed at its bar (else a value axis with grid lines tells the values)."""
    end_labels: bool = False
    """Lines: each named with its last value at its end, instead of a legend."""
    start_labels: bool = False
    """Lines: each one's first value printed at its start."""

    @property
    def negative(self) -> bool:
        """Whether a value is below zero: category names then go low, beside the axis, not on the zero
        line over the bars."""
        return any(v is not None and v < 0 for series in self.series for v in series.values)

    @property
    def no_data(self) -> tuple[str, ...]:
        """The categories a value is missing from, in order, for the slide to name under the chart as the
        picture names them (an empty point reads as a zero). Nothing for lines: a missing point is a gap in
        the line, which says so itself, and the picture names nothing either."""
        if self.form == "line":
            return ()
        return tuple(
            category
            for i, category in enumerate(self.categories)
            if any(series.values[i] is None for series in self.series)
        )


def number_format(labels: ValueLabels, decimals: int) -> str:
    """An Excel number format that prints values as the picture charts do (text.format_number): sign,
    prefix, thousands grouped, `decimals`, suffix."""
    number = "#,##0" + "." * bool(decimals) + "0" * decimals
    prefix, suffix = (f'"{text}"' if text else "" for text in (labels.prefix, labels.suffix))
    positive = f"{prefix}{number}{suffix}"
    return f'{positive};"{MINUS}"{positive}'  # a true minus before the prefix, as the picture prints it


def value_axis(labels: ValueLabels, values: Iterable[float | None]) -> ValueAxis:
    """The value axis over `values` (the kind adds the zero its picture's axis reaches). Its step is
    set, not left to PowerPoint, so that its numbers are known here: about five round steps (1, 2, 2.5
    or 5 x 10^n, ticks.nice_ticks), and the application's own scale starts and ends on multiples of a
    set step, so every number prints exactly with the step's decimals ("2.5, 5.0, 7.5"; a step of 0.5
    left to a format of no decimals would print "0, 1, 1, 2"). Grouped, with the chart's prefix and
    suffix, but not its `labels.decimals`, which are for the values: as the picture prints its axis
    (tick_labels)."""
    known = [v for v in values if v is not None]
    ticks = nice_ticks(min(known, default=0.0), max(known, default=0.0), AXIS_STEPS)
    step = round(ticks[1] - ticks[0], 10) if len(ticks) > 1 else None
    bare = ValueLabels(prefix=labels.prefix, suffix=labels.suffix)
    return ValueAxis(step, number_format(bare, tick_decimals([step or 0.0])))


AXIS_STEPS = 5
"""About how many steps a native chart's value axis takes from its lowest value to its highest."""


def series_of(
    report: Report, theme: Theme, chart: ChartSpec, columns: Sequence[str], rows: Sequence[dict[str, Value]]
) -> tuple[NativeSeries, ...]:
    """A series per column, named, coloured and its values printed as the picture does it."""
    colours = series_colours(report, theme, chart, columns)
    return tuple(
        native_series(report, chart, column, tuple(row[column] for row in rows), colour)  # type: ignore[misc]
        for column, colour in zip(columns, colours, strict=True)
    )


def native_series(
    report: Report,
    chart: ChartSpec,
    column: str,
    values: tuple[float | None, ...],
    colour: str | tuple[str, ...],
) -> NativeSeries:
    """The series of `column`: its label, and its values printed with its own decimals (series_decimals)."""
    decimals = series_decimals(report, chart, column, values)
    label = column_label(report, chart.dataset, column)
    texts = tuple("" if v is None else format_value(v, chart.labels, decimals) for v in values)
    return NativeSeries(label, values, colour, number_format(chart.labels, decimals), texts)


def apart(values: Sequence[float | None], share: float = 0.08) -> bool:
    """Whether labels at `values` (a line's ends) stand apart: every two at least `share` of the range
    of the values apart. PowerPoint cannot move a label off its point as the picture does, so where
    they would overlap the native chart names its lines in a legend instead."""
    known = sorted(v for v in values if v is not None)
    span = (known[-1] - known[0]) if known else 0.0
    return all(b - a >= share * span for a, b in zip(known, known[1:], strict=False)) and (
        span > 0 or len(known) <= 1
    )


BAR_GAP = 60
"""The gap between neighbouring bars, in per cent of a bar's width (PowerPoint's gapWidth)."""
PLOT_PADDING = 10.0
"""Points between the chart's frame, its title, legend, category names and plot: more than PowerPoint's and
LibreOffice's own (about 7), so that the plot estimated is never larger than the one they lay out."""


class TextMeasure(Protocol):
    """Widths and line heights of the chart's font (the deck's textfit.Measure)."""

    def width(self, text: str, size: float) -> float: ...

    def line_height(self, size: float) -> float: ...


def crowded_labels(
    chart: NativeChart, frame: tuple[float, float], measure: TextMeasure, label_size: float, tick_size: float
) -> tuple[tuple[int, ...], ...]:
    """For each series, the points of a stacked bar whose value label does not fit inside its segment,
    by the picture's rule (_bars._inside_label): the text with half an em to spare along the segment and
    0.3 em across it, an em being the label size. PowerPoint has no such rule and prints every label over
    its neighbours, so the writer deletes these. `frame` is the chart's size on the slide in points; the
    plot in it is estimated conservatively (see `_plot`), so that a label kept always fits. Nothing for
    other forms: their labels stand outside the bar's end."""
    none = tuple(() for _ in chart.series)
    if not chart.form.startswith("stacked") or not chart.value_labels or not chart.categories:
        return none
    across, along = _plot(chart, frame, measure, label_size, tick_size)
    totals = [sum(v or 0.0 for v in values) for values in zip(*(s.values for s in chart.series), strict=True)]
    scale = along / _axis_top(max(totals))
    thickness = across / len(chart.categories) / (1 + BAR_GAP / 100)
    height = measure.line_height(label_size)
    crowded = []
    for series in chart.series:
        points = []
        for i, (value, text) in enumerate(zip(series.values, series.labels, strict=True)):
            if value is None:
                continue
            size = (measure.width(text, label_size), height)
            need_along, need_across = size if chart.form == "stacked_bar" else size[::-1]
            if need_along + 0.5 * label_size > value * scale or need_across + 0.3 * label_size > thickness:
                points.append(i)
        crowded.append(tuple(points))
    return tuple(crowded)


def _plot(
    chart: NativeChart, frame: tuple[float, float], measure: TextMeasure, label_size: float, tick_size: float
) -> tuple[float, float]:
    """The plot's length across the categories and along the values, in points, at most what PowerPoint
    and LibreOffice lay out (the plot is theirs to place): the frame less PLOT_PADDING on every side and
    between parts, less the title's lines (at the label size) and the legend's on top (at the tick size,
    each entry with a swatch of an em), and less the category names: beside horizontal bars as wide as
    the widest name, unwrapped; under columns a line, or the widest name's width where a name is wider
    than its column (the application then turns the names upright)."""
    width, height = frame[0] - 2 * PLOT_PADDING, frame[1] - 2 * PLOT_PADDING
    if chart.title:
        lines = math.ceil(measure.width(chart.title, label_size) / width)
        height -= lines * measure.line_height(label_size) + PLOT_PADDING
    if len(chart.series) > 1:
        entries = sum(measure.width(s.label, tick_size) + 2 * tick_size for s in chart.series)
        height -= math.ceil(entries / width) * measure.line_height(tick_size) + PLOT_PADDING
    widest = max(measure.width(name, tick_size) for name in chart.categories)
    if chart.form == "stacked_bar":
        return max(height, 0.0), max(width - widest - PLOT_PADDING, 0.0)
    pitch = width / len(chart.categories)
    names = widest if widest > pitch else measure.line_height(tick_size)
    return width, max(height - names - PLOT_PADDING, 0.0)


def _axis_top(highest: float) -> float:
    """At least where the application's own value axis ends over bars up to `highest`: 5% above it,
    rounded up to a whole step of about five from zero (ticks.nice_ticks), a step no shorter than the
    applications' own (Excel's rule, 5% above and up to a step, ends 100 at 120; this at 125)."""
    if highest <= 0:
        return 1.0
    ticks = nice_ticks(0.0, highest, AXIS_STEPS)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else highest
    return math.ceil(highest * 1.05 / step) * step
