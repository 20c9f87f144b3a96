"""How the line chart draws (matplotlib): a line per series, named at its end in its colour, no legend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.font_manager import FontProperties

from aigap_docs.charts.data import column_label, decimals_for, format_value, series_colours
from aigap_docs.charts.kinds._common import (
    Canvas,
    Extent,
    enclosing_ticks,
    include_zero,
    nice_ticks,
    spread,
    tick_decimals,
    tick_labels,
    value_axis,
)
from aigap_docs.model import Report, Value

if TYPE_CHECKING:
    from aigap_docs.charts.kinds.line import LineChart

MARKERS_UP_TO = 12  # points per line; more and markers turn the line into a string of beads
Tick = tuple[float, str]


@dataclass(frozen=True)
class _EndLabel:
    """A series' name (bold) and last value at the end of its line; the value on a second line if long."""

    name: str  # wrapped
    value: str
    inline: bool
    width: float

    @property
    def lines(self) -> int:
        return self.name.count("\n") + (1 if self.inline else 2)


def draw_line(
    canvas: Canvas, box: Extent, chart: LineChart, rows: list[dict[str, Value]], report: Report
) -> None:
    """Draw `chart`, whose rows are `rows` (in x order), into `box`."""
    style = canvas.style
    em = style.em
    kind = report.table(chart.dataset).types[chart.x]
    if not rows:
        return
    xs = _x_positions([row[chart.x] for row in rows], kind)
    series = [[float(row[column]) for row in rows] for column in chart.series]  # type: ignore[arg-type]
    colours = series_colours(report, style.theme, chart.dataset, chart.series)
    decimals = decimals_for([v for s in series for v in s], chart.labels)
    font, bold, small = (
        canvas.font(style.label_size),
        canvas.font(style.label_size, True),
        canvas.font(style.tick_size),
    )

    # The value axis: round numbers enclosing the data (and zero when the data sit near it).
    values = [v for s in series for v in s] + ([0.0] if include_zero([v for s in series for v in s]) else [])
    tick_band = canvas.line_height(small) + 0.4 * em
    height = box.height - tick_band - canvas.line_height(small) / 2  # the top number overhangs by half
    y_ticks = enclosing_ticks(min(values), max(values), max(3, int(height / (4 * em))))
    y_labels = tick_labels(y_ticks, chart.labels)

    ends = [
        _end_label(
            canvas,
            column_label(report, chart.dataset, column),
            format_value(s[-1], chart.labels, decimals),
            font,
            bold,
            0.25 * box.width,
        )
        for column, s in zip(chart.series, series, strict=True)
    ]
    x0 = box.x0 + max(canvas.measure(label, small).width for label in y_labels) + 0.5 * em
    x1 = box.x1 - max(end.width for end in ends) - 0.5 * em
    ax = canvas.axes(Extent(x0, box.y0 + tick_band, x1, box.y0 + tick_band + height))
    span = xs[-1] - xs[0] or 1.0
    pad = span * (0.01 + (0.5 * em / max(x1 - x0, 1.0) if len(xs) <= MARKERS_UP_TO else 0.0))
    ax.set_xlim(xs[0] - pad, xs[-1] + pad)
    ax.set_ylim(y_ticks[0], y_ticks[-1])

    value_axis(canvas, ax, y_ticks, y_labels, small)

    def to_points(x: float) -> float:
        return x0 + (x - xs[0] + pad) / (span + 2 * pad) * (x1 - x0)

    options = _x_options(xs, [row[chart.x] for row in rows], kind)
    ticks = _x_ticks(canvas, options, small, to_points, x0 - 0.25 * em, box.x1, kind == "date")
    for x, label in ticks:
        canvas.text(
            x,
            0,
            label,
            small,
            style.muted,
            ha="center",
            va="top",
            transform=canvas.columns(ax, 0, -0.4 * em),
            ax=ax,
        )

    for values_, colour in zip(series, colours, strict=True):
        ax.plot(
            xs,
            values_,
            color=colour,
            linewidth=0.16 * em,
            solid_joinstyle="round",
            solid_capstyle="round",
            zorder=3,
            clip_on=False,
        )
        if len(xs) <= MARKERS_UP_TO:
            ax.plot(
                xs,
                values_,
                "o",
                color=colour,
                markersize=0.5 * em,
                markeredgecolor=style.background,
                markeredgewidth=0.08 * em,
                zorder=4,
                clip_on=False,
            )

    # The end labels, moved apart vertically (in points) where lines end close together.
    line = canvas.line_height(font)
    scale = height / (y_ticks[-1] - y_ticks[0])
    wanted = [(s[-1] - y_ticks[0]) * scale for s in series]
    placed = spread(wanted, [end.lines * line for end in ends], 0.1 * em, 0.0, height)
    for end, colour, want, got, last in zip(ends, colours, wanted, placed, series, strict=True):
        first = got - want + (end.lines - 1) * line / 2  # the first line's middle, from the last point
        name_middle = first - end.name.count("\n") * line / 2
        canvas.text(
            xs[-1] + pad,
            last[-1],
            end.name,
            bold,
            colour,
            ha="left",
            va="middle",
            transform=canvas.offset(ax.transData, 0.5 * em, name_middle),
            ax=ax,
        )
        if end.inline:
            dx, dy = 0.5 * em + canvas.measure(end.name, bold).width + 0.25 * em, first
        else:
            dx, dy = 0.5 * em, first - (end.lines - 1) * line
        canvas.text(
            xs[-1] + pad,
            last[-1],
            end.value,
            font,
            colour,
            ha="left",
            va="middle",
            transform=canvas.offset(ax.transData, dx, dy),
            ax=ax,
        )


def _end_label(
    canvas: Canvas, name: str, value: str, font: FontProperties, bold: FontProperties, limit: float
) -> _EndLabel:
    inline_width = (
        canvas.measure(name, bold).width + 0.25 * canvas.style.em + canvas.measure(value, font).width
    )
    if inline_width <= limit:
        return _EndLabel(name, value, True, inline_width)
    wrapped = canvas.wrap(name, bold, limit)
    return _EndLabel(
        wrapped, value, False, max(canvas.measure(wrapped, bold).width, canvas.measure(value, font).width)
    )


def _x_positions(raw: list[object], kind: str) -> list[float]:
    """Where each x value is plotted: its number, its date as a day count, or its place in the list."""
    if kind == "date":
        return [float(_as_date(value).toordinal()) for value in raw]
    if kind in ("number", "integer"):
        return [float(value) for value in raw]  # type: ignore[arg-type]
    return [float(i) for i in range(len(raw))]


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _x_options(xs: list[float], raw: list[object], kind: str) -> list[list[Tick]]:
    """Ways to label the x axis, densest first: every point, then coarser round steps."""
    if kind == "text":
        last = len(xs) - 1  # the latest point is always labelled
        return [
            [(xs[i], str(raw[i])) for i in range(last % step, last + 1, step)] for step in range(1, last + 2)
        ]
    if kind == "date":
        return _date_options(_as_date(raw[0]), _as_date(raw[-1])) or [[(xs[-1], str(raw[-1]))]]
    integers = all(x.is_integer() for x in xs)
    options = []
    for count in range(min(len(xs), 24), 0, -1):
        ticks = [t for t in nice_ticks(xs[0], xs[-1], count) if not integers or float(t).is_integer()]
        if ticks:
            places = tick_decimals(ticks)
            options.append([(t, f"{t:.{places}f}") for t in ticks])  # years print without separators
    return options or [[(xs[-1], str(raw[-1]))]]


def _date_options(first: dt.date, last: dt.date) -> list[list[Tick]]:
    """Month starts every 1, 2, 3 or 6 months ('Jan 2024', 'Apr', ...), then years every 1, 2, 5, ..."""
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    options = []
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240):
        dates = [dt.date(m // 12, m % 12 + 1, 1) for m in months if m % step == 0]
        dates = [d for d in dates if first <= d <= last]
        if dates:
            options.append(
                [
                    (float(d.toordinal()), str(d.year) if step >= 12 or d.month == 1 else f"{d:%b}")
                    for d in dates
                ]
            )
    return options


def _x_ticks(
    canvas: Canvas,
    options: list[list[Tick]],
    font: FontProperties,
    to_points: Callable[[float], float],
    lo: float,
    hi: float,
    dated: bool,
) -> list[Tick]:
    """The densest labelling whose labels stay an em apart and within [lo, hi] points.

    The first of a run of month labels also names its year ('Apr 2022'), so every label can be read.
    """
    gap = canvas.style.em

    def span(tick: Tick) -> tuple[float, float]:
        centre, half = to_points(tick[0]), canvas.measure(tick[1], font).width / 2
        return centre - half, centre + half

    for ticks in options:
        inside = [tick for tick in ticks if lo <= span(tick)[0] and span(tick)[1] <= hi]
        if dated and inside and inside[0][1].isalpha():
            inside[0] = (inside[0][0], f"{dt.date.fromordinal(int(inside[0][0])):%b %Y}")
        spans = [span(tick) for tick in inside]
        if (
            inside
            and spans[0][0] >= lo
            and all(b[0] - a[1] >= gap for a, b in zip(spans, spans[1:], strict=False))
        ):
            return inside
    return []
