"""How the line chart draws (matplotlib): a line per series, named at its end in its colour, no legend."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.font_manager import FontProperties

from aigap_docs.charts.data import column_label, format_value, series_colours, series_decimals
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
from aigap_docs.text import NumberSymbols, number_symbols

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
    series = [[_number(row[column]) for row in rows] for column in chart.series]
    known = [v for s in series for v in s if not math.isnan(v)]
    if not known:
        canvas.note("no values to draw: every value is missing")
        return
    colours = series_colours(report, style.theme, chart, chart.series)
    symbols = number_symbols(report.language)
    places = [
        series_decimals(report, chart, column, [v for v in s if not math.isnan(v)])
        for column, s in zip(chart.series, series, strict=True)
    ]
    font, bold, small = (
        canvas.font(style.label_size),
        canvas.font(style.label_size, True),
        canvas.font(style.tick_size),
    )

    # The value axis: round numbers enclosing the data (and zero when the data sit near it).
    values = known + ([0.0] if include_zero(known) else [])
    tick_band = canvas.line_height(small) + 0.4 * em
    height = box.height - tick_band - canvas.line_height(small) / 2  # the top number overhangs by half
    y_ticks = enclosing_ticks(min(values), max(values), max(3, int(height / (4 * em))))
    y_labels = tick_labels(y_ticks, chart.labels, symbols)

    # Each line is named at its last value, on the right; with `start_labels`, its first value is
    # printed on the left. A line with gaps is labelled where its data start and end.
    firsts = [_first(s) for s in series]
    lasts = [_first(s[::-1]) for s in series]
    ends = [
        _end_label(
            canvas,
            column_label(report, chart.dataset, column),
            format_value(last, chart.labels, decimals, symbols) if last is not None else "",
            font,
            bold,
            0.25 * box.width,
        )
        for column, last, decimals in zip(chart.series, lasts, places, strict=True)
    ]
    starts = [
        format_value(first, chart.labels, decimals, symbols)
        if first is not None and chart.start_labels
        else ""
        for first, decimals in zip(firsts, places, strict=True)
    ]
    if len(xs) < 2:  # the first point is the last: its value is at the end already
        starts = [""] * len(starts)
    start_width = max(canvas.measure(label, font).width for label in starts)
    start_room = start_width + 0.5 * em if start_width else 0.0
    x0 = box.x0 + max(canvas.measure(label, small).width for label in y_labels) + 0.5 * em + start_room
    x1 = box.x1 - max(end.width for end in ends) - 0.5 * em
    ax = canvas.axes(Extent(x0, box.y0 + tick_band, x1, box.y0 + tick_band + height))
    span = xs[-1] - xs[0] or 1.0
    pad = span * (0.01 + (0.5 * em / max(x1 - x0, 1.0) if len(xs) <= MARKERS_UP_TO else 0.0))
    ax.set_xlim(xs[0] - pad, xs[-1] + pad)
    ax.set_ylim(y_ticks[0], y_ticks[-1])

    value_axis(canvas, ax, y_ticks, y_labels, small, margin=start_room)

    def to_points(x: float) -> float:
        return x0 + (x - xs[0] + pad) / (span + 2 * pad) * (x1 - x0)

    options = _x_options(xs, [row[chart.x] for row in rows], kind, symbols)
    ticks = _x_ticks(canvas, options, small, to_points, x0 - 0.25 * em, box.x1, kind)
    for x, label, shift in ticks:
        canvas.text(
            x,
            0,
            label,
            small,
            style.muted,
            ha="center",
            va="top",
            transform=canvas.columns(ax, shift, -0.4 * em),
            ax=ax,
        )

    for values_, colour in zip(series, colours, strict=True):
        ax.plot(  # a missing value (NaN) breaks the line: nothing is drawn across a gap
            xs,
            values_,
            color=colour,
            linewidth=0.16 * em,
            solid_joinstyle="round",
            solid_capstyle="round",
            zorder=3,
            clip_on=False,
        )
        lone = [
            i
            for i, v in enumerate(values_)
            if not math.isnan(v)
            and (i == 0 or math.isnan(values_[i - 1]))
            and (i == len(values_) - 1 or math.isnan(values_[i + 1]))
        ]
        marked = range(len(xs)) if len(xs) <= MARKERS_UP_TO else lone  # a point between gaps is a dot
        if marked:
            ax.plot(
                [xs[i] for i in marked],
                [values_[i] for i in marked],
                "o",
                color=colour,
                markersize=0.5 * em,
                markeredgecolor=style.background,
                markeredgewidth=0.08 * em,
                zorder=4,
                clip_on=False,
                linestyle="none",
            )

    # The labels, moved apart vertically (in points) where lines start or end close together.
    line = canvas.line_height(font)
    scale = height / (y_ticks[-1] - y_ticks[0])
    drawn = [i for i, last in enumerate(lasts) if last is not None]
    wanted = [(lasts[i] - y_ticks[0]) * scale for i in drawn]  # type: ignore[operator]
    placed = spread(wanted, [ends[i].lines * line for i in drawn], 0.1 * em, 0.0, height)
    for i, want, got in zip(drawn, wanted, placed, strict=True):
        end, colour, last = ends[i], colours[i], lasts[i]
        first = got - want + (end.lines - 1) * line / 2  # the first line's middle, from the last point
        name_middle = first - end.name.count("\n") * line / 2
        canvas.text(
            xs[-1] + pad,
            last,
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
            last,
            end.value,
            font,
            colour,
            ha="left",
            va="middle",
            transform=canvas.offset(ax.transData, dx, dy),
            ax=ax,
        )
    shown = [i for i, label in enumerate(starts) if label]
    wanted = [(firsts[i] - y_ticks[0]) * scale for i in shown]  # type: ignore[operator]
    placed = spread(wanted, [line] * len(shown), 0.1 * em, 0.0, height)
    for i, want, got in zip(shown, wanted, placed, strict=True):
        canvas.text(
            xs[0] - pad,
            firsts[i],
            starts[i],
            font,
            colours[i],
            ha="right",
            va="middle",
            transform=canvas.offset(ax.transData, -0.5 * em, got - want),
            ax=ax,
        )


def _number(value: object) -> float:
    """A value as a float; a missing value (None) as NaN, where the line breaks."""
    return math.nan if value is None else float(value)  # type: ignore[arg-type]


def _first(values: list[float]) -> float | None:
    return next((v for v in values if not math.isnan(v)), None)


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


def _x_options(xs: list[float], raw: list[object], kind: str, symbols: NumberSymbols) -> list[list[Tick]]:
    """Ways to label the x axis, densest first: every point, then coarser round steps (numbers with the
    language's decimal mark, ungrouped)."""
    if kind == "text":
        return [[(xs[i], str(raw[i])) for i in picks] for picks in _even_picks([str(r) for r in raw])]
    if kind == "date":
        return _date_options(_as_date(raw[0]), _as_date(raw[-1])) or [[(xs[-1], str(raw[-1]))]]
    integers = all(x.is_integer() for x in xs)
    options = []
    for count in range(min(len(xs), 24), 0, -1):
        ticks = [t for t in nice_ticks(xs[0], xs[-1], count) if not integers or float(t).is_integer()]
        if ticks:
            places = tick_decimals(ticks)
            # years print without separators
            options.append([(t, symbols.localise(f"{t:.{places}f}")) for t in ticks])
    return options or [[(xs[-1], str(raw[-1]))]]


def _even_picks(names: list[str]) -> list[list[int]]:
    """Which of the categories `names` to label, densest first: every one, then every s-th from the
    first (0, s, 2s, ...) and the last; the same with the regular label before the last left out, for
    when the two would touch.

    One step for all keeps labels in step with a cycle in the names: where they repeat a first word
    ('Jan 2006' ... 'Jan 2007', 'Q1 2020' ... 'Q1 2021'), steps divide the cycle or are multiples of it,
    so twelve-monthly labels all read 'Jan'; other names take steps of 1, 2, 3, 4, 5, 10, 20, 25, 50, ...
    """
    n = len(names)
    cycle = _cycle(names)
    if cycle:
        steps = [s for s in range(1, cycle) if cycle % s == 0] + list(range(cycle, n, cycle))
    else:
        steps = _round_steps(n)
    picks: dict[tuple[int, ...], None] = {}
    for step in steps or [1]:
        regular = list(range(0, n, step))
        if regular[-1] == n - 1:
            picks[tuple(regular)] = None
        else:
            picks[(*regular, n - 1)] = None
            if len(regular) > 1:
                picks[(*regular[:-1], n - 1)] = None
    picks[(0, n - 1) if n > 1 else (0,)] = None
    return [list(p) for p in picks]


def _cycle(names: list[str]) -> int | None:
    """The period at which the names' first words repeat ('Jan', 'Feb', ... 'Jan': 12), if they do
    throughout and at least once."""
    words = [name.split()[0] if name.split() else "" for name in names]
    period = next((i for i in range(1, len(words)) if words[i] == words[0]), None)
    if period is None or period == 1:
        return None
    if all(words[i] == words[i + period] for i in range(len(words) - period)):
        return period
    return None


def _round_steps(n: int) -> list[int]:
    """1, 2, 3, 4, 5, then 10, 20, 25, 50, 100, ... below `n`."""
    steps, power = [1, 2, 3, 4, 5], 10
    while power < n:
        steps += [power, 2 * power, int(2.5 * power), 5 * power]
        power *= 10
    return [s for s in dict.fromkeys(steps) if s < max(n, 2)]


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
    kind: str,
) -> list[tuple[float, str, float]]:
    """The densest labelling whose labels stay an em apart within [lo, hi] points, each label with the
    shift (points) that keeps it there: a label wider than the room beside the first or last point moves
    inwards (still over its point) rather than being dropped.

    Categories (text) are labelled by whole options; round numbers and dates with no room beside an end
    of the axis are left out. The first of a run of month labels also names its year ('Apr 2022').
    """
    gap = canvas.style.em
    dated = kind == "date"

    def placed(tick: Tick) -> tuple[float, float, float] | None:
        centre, half = to_points(tick[0]), canvas.measure(tick[1], font).width / 2
        shift = max(0.0, lo - (centre - half)) - max(0.0, centre + half - hi)
        if abs(shift) > half or centre - half + shift < lo - 1e-6:  # off its point, or wider than the room
            return None
        return centre - half + shift, centre + half + shift, shift

    for ticks in options:
        ticks = list(ticks)
        if dated and ticks and ticks[0][1].isalpha():
            ticks[0] = (ticks[0][0], f"{dt.date.fromordinal(int(ticks[0][0])):%b %Y}")
        spans = [placed(tick) for tick in ticks]
        if kind != "text":
            ticks, spans = [t for t, s in zip(ticks, spans, strict=True) if s], [s for s in spans if s]
            if ticks and ticks[0][1].isalpha():
                ticks[0] = (ticks[0][0], f"{dt.date.fromordinal(int(ticks[0][0])):%b %Y}")
                spans[0] = placed(ticks[0])
        if (
            ticks and all(spans) and all(b[0] - a[1] >= gap for a, b in zip(spans, spans[1:], strict=False))  # type: ignore[index]
        ):
            return [(x, label, span[2]) for (x, label), span in zip(ticks, spans, strict=True)]  # type: ignore[index]
    return []
