"""How the dumbbell chart draws (matplotlib): a row per category, a dot at each date, the change above,
a legend of the two dots above the rows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from matplotlib.axes import Axes

from aigap_docs.charts.data import column_unit, decimals_for, format_value
from aigap_docs.charts.kinds._common import (
    Canvas,
    Extent,
    Reach,
    drop_missing,
    fit_scale,
    format_change,
    include_zero,
    legend,
    nice_ticks,
    tick_decimals,
)
from aigap_docs.model import Report, Value
from aigap_docs.text import NumberSymbols, format_number, number_symbols

if TYPE_CHECKING:
    from aigap_docs.charts.kinds.dumbbell import DumbbellChart

RADIUS = 0.42  # dot radius, in label sizes
GAP = 0.3  # dot to value label, in label sizes

Detail = Literal["full", "values", "bare"]
DETAILS: tuple[Detail, ...] = ("full", "values", "bare")
"""What each row carries: values and the change above the bar; values only; or neither (the axis
numbers tell the values), for charts with more rows than fit otherwise."""


@dataclass(frozen=True)
class _Row:
    name: str
    descriptor: str
    start: float
    end: float
    start_label: str
    end_label: str
    change_label: str

    @property
    def end_first(self) -> bool:
        """Whether the end dot is the left one (it is when the value fell); its label then reads leftwards."""
        return self.end <= self.start


@dataclass(frozen=True)
class _Plan:
    """Where the rows go for one label size."""

    size: float  # value labels and category names
    small: float  # descriptors, change labels, column heads, axis numbers
    names: list[str]  # wrapped
    descriptors: list[str]  # wrapped
    column: float  # width of the category column
    ys: list[float]  # row lines, points above the axes bottom
    height: float  # of the axes (below the legend)
    fits: bool
    detail: Detail = "full"
    radius: float = 0.0  # of the dots, points

    @property
    def changes(self) -> bool:
        return self.detail == "full"

    @property
    def values(self) -> bool:
        return self.detail != "bare"


def draw_dumbbell(
    canvas: Canvas, box: Extent, chart: DumbbellChart, table: list[dict[str, Value]], report: Report
) -> None:
    """Draw `chart`, whose rows are `table` (in the order shown), into `box`."""
    style = canvas.style
    table, box = drop_missing(canvas, box, table, (chart.start, chart.end), chart.category)
    if not table:
        return
    values = [float(row[c]) for row in table for c in (chart.start, chart.end)]  # type: ignore[arg-type]
    decimals = decimals_for(values, chart.labels)
    unit = chart.unit or column_unit(report, chart.dataset, chart.end)
    symbols = number_symbols(report.language)
    rows = []
    for row in table:
        start, end = float(row[chart.start]), float(row[chart.end])  # type: ignore[arg-type]
        rows.append(
            _Row(
                name=str(row[chart.category]),
                descriptor=str(row[chart.descriptor]) if chart.descriptor else "",
                start=start,
                end=end,
                start_label=format_value(start, chart.labels, decimals, symbols),
                end_label=format_value(end, chart.labels, decimals, symbols),
                change_label=format_change(end - start, chart.labels, unit, decimals, symbols),
            )
        )
    colour = style.entity_colour(chart.entity, default=style.accent)

    # The legend names the two dots in a band of its own above the rows, clear of every dot and label.
    key = [(chart.start_label, style.other), (chart.end_label, colour)]
    band = legend(canvas, box, key, dots=True)
    details = DETAILS if chart.change_labels else DETAILS[1:]
    if not chart.value_labels:  # the axis gives the values, as asked
        details = DETAILS[2:]
    sizes = style.label_sizes()
    plans = (_plan(canvas, box, rows, size, band, detail) for detail in details for size in sizes)
    plan = next((plan for plan in plans if plan.fits), None) or _crowded(canvas, box, rows, band)
    if not plan.values and chart.value_labels:
        left_out = "each change and value" if chart.change_labels else "each value"
        canvas.note(f"{len(rows)} rows are too many to print {left_out} (the axis has the values)")
    elif not plan.changes and chart.change_labels and chart.value_labels:
        canvas.note(f"{len(rows)} rows are too many to print each change: set change_labels: false")
    x0 = box.x0 + plan.column + 0.9 * style.em
    ax = canvas.axes(Extent(x0, box.y1 - band - plan.height, box.x1, box.y1 - band))
    ax.set_xlim(*_scale(canvas, rows, plan, box.x1 - x0, include_zero(values)))
    ax.set_ylim(0, plan.height)  # y in points above the axes bottom
    _grid(canvas, ax, plan, symbols)
    for row, y, name, descriptor in zip(rows, plan.ys, plan.names, plan.descriptors, strict=True):
        _row(canvas, ax, plan, row, y, name, descriptor, colour)


def _scale(canvas: Canvas, rows: list[_Row], plan: _Plan, length: float, zero: bool) -> tuple[float, float]:
    """x limits that keep every label, at both ends and above each bar, inside the axes."""
    value, bold = canvas.font(plan.size), canvas.font(plan.size, bold=True)
    small = canvas.font(plan.small)
    room = plan.radius + GAP * plan.size
    reaches = [Reach(0.0, -1), Reach(0.0, 1)] if zero else []
    for row in rows:
        low, high = sorted((row.start, row.end))
        low_text, high_text = (
            (row.end_label, row.start_label) if row.end_first else (row.start_label, row.end_label)
        )
        low_font, high_font = (bold, value) if row.end_first else (value, bold)
        if not plan.values:
            reaches += [Reach(low, -1, plan.radius), Reach(high, 1, plan.radius)]
            continue
        reaches += [
            Reach(low, -1, room + canvas.measure(low_text, low_font).width),
            Reach(high, 1, room + canvas.measure(high_text, high_font).width),
        ]
        if plan.changes:
            half = canvas.measure(row.change_label, small).width / 2
            reaches += [Reach((low + high) / 2, -1, half), Reach((low + high) / 2, 1, half)]
    return fit_scale(reaches, length)


def _grid(canvas: Canvas, ax: Axes, plan: _Plan, symbols: NumberSymbols) -> None:
    """Light vertical lines at round values, numbered below (in the language's `symbols`): the only
    reference lines."""
    style = canvas.style
    font = canvas.font(plan.small)
    lo, hi = ax.get_xlim()
    x0, x1 = ax.get_position().x0 * canvas.width, ax.get_position().x1 * canvas.width
    count = max(2, int((x1 - x0) / (5 * style.em)))
    while True:  # fewer ticks while their numbers would touch (long numbers: "125,000,000,000")
        ticks = nice_ticks(lo, hi, count)
        places = tick_decimals(ticks)
        numbers = [format_number(tick, decimals=places, symbols=symbols) for tick in ticks]
        widest = max(canvas.measure(number, font).width for number in numbers)
        apart = (ticks[1] - ticks[0]) / (hi - lo) * (x1 - x0) if len(ticks) > 1 else x1 - x0
        if count <= 1 or apart >= widest + style.em:
            break
        count //= 2
    shown = set()
    for tick in ticks:
        label = format_number(tick, decimals=places, symbols=symbols)
        half = canvas.measure(label, font).width / 2
        at = x0 + (tick - lo) / (hi - lo) * (x1 - x0)
        if at - half < 1 or at + half > canvas.width - 1 or label in shown:  # ticks finer than numbers print
            continue
        shown.add(label)
        ax.vlines(tick, 0, plan.height, colors=style.grid, linewidth=0.06 * style.em, zorder=0)
        canvas.text(
            tick,
            -0.35 * style.em,
            label,
            font,
            style.muted,
            ha="center",
            va="top",
            transform=canvas.offset(ax.transData),
            ax=ax,
        )


def _row(
    canvas: Canvas, ax: Axes, plan: _Plan, row: _Row, y: float, name: str, descriptor: str, colour: str
) -> None:
    """One category: the bar, both dots and their values, the change above, the name at the left."""
    style, size = canvas.style, plan.size
    value, bold, small = canvas.font(size), canvas.font(size, bold=True), canvas.font(plan.small)
    radius = plan.radius
    ax.plot(
        [row.start, row.end],
        [y, y],
        color=style.other,
        linewidth=min(0.2 * size, radius),
        solid_capstyle="butt",
        zorder=1,
        clip_on=False,
    )
    ax.plot(
        [row.start],
        [y],
        "o",
        markersize=2 * radius,
        color=style.other,
        markeredgewidth=0,
        zorder=2,
        clip_on=False,
    )
    ax.plot(
        [row.end],
        [y],
        "o",
        markersize=2 * radius,
        color=colour,
        markeredgewidth=0.08 * size,
        markeredgecolor=style.background,
        zorder=3,
        clip_on=False,
    )

    # Values outside the dots, the newer one bold in the entity's colour.
    room = radius + GAP * size
    labels = (
        (row.start, row.start_label, value, style.muted, not row.end_first),
        (row.end, row.end_label, bold, colour, row.end_first),
    )
    for x, label, font, tint, left in labels if plan.values else ():
        canvas.text(
            x,
            y,
            label,
            font,
            tint,
            ha="right" if left else "left",
            va="middle",
            transform=canvas.offset(ax.transData, -room if left else room),
            ax=ax,
        )
    if plan.changes:
        lift = max(radius, canvas.line_height(value) / 2) + 0.15 * size
        canvas.text(
            (row.start + row.end) / 2,
            y + lift,
            row.change_label,
            small,
            style.text,
            ha="center",
            va="bottom",
            transform=canvas.offset(ax.transData),
            ax=ax,
        )

    # The name's last line sits on the row (longer names grow upwards); the descriptor hangs below.
    rise = name.count("\n") * canvas.line_pitch(bold)
    if name:
        canvas.text(
            0,
            y,
            name,
            bold,
            style.text,
            ha="right",
            va="middle",
            transform=canvas.rows(ax, -0.9 * style.em, rise / 2),
            ax=ax,
        )
    if descriptor:
        below = canvas.line_height(bold) / 2 + 0.1 * size
        canvas.text(
            0,
            y - below,
            descriptor,
            small,
            style.muted,
            ha="right",
            va="top",
            transform=canvas.rows(ax, -0.9 * style.em),
            ax=ax,
        )


def _plan(
    canvas: Canvas, box: Extent, rows: list[_Row], size: float, band: float, detail: Detail = "full"
) -> _Plan:
    """Row positions and the category column for label size `size`, below a legend `band` points tall;
    `fits` if nothing would collide."""
    style = canvas.style
    em = style.em
    small = min(style.tick_size, size)
    bold, value, small_font = canvas.font(size, bold=True), canvas.font(size), canvas.font(small)
    column_limit = min(0.25 * box.width, 13 * em)
    names = [canvas.wrap(r.name, bold, column_limit) for r in rows]
    descriptors = [
        canvas.wrap(r.descriptor, small_font, column_limit) if r.descriptor and detail != "bare" else ""
        for r in rows
    ]
    column = max(
        max(canvas.measure(n, bold).width for n in names),
        max((canvas.measure(d, small_font).width for d in descriptors if d), default=0.0),
    )
    # How far each row's text reaches above and below its line.
    dot = max(RADIUS * size, canvas.line_height(value) / 2) if detail != "bare" else RADIUS * size
    half_name = canvas.line_height(bold) / 2
    change = dot + 0.15 * size + canvas.line_height(small_font) if detail == "full" else dot
    ups, downs = [], []
    for name, descriptor in zip(names, descriptors, strict=True):
        hanging = 0.1 * size + canvas.measure(descriptor, small_font).height if descriptor else 0.0
        ups.append(max(half_name + name.count("\n") * canvas.line_pitch(bold), change))
        downs.append(max(half_name + hanging, dot))
    height = box.height - band - (0.35 * em + canvas.line_height(small_font))  # less the axis numbers
    top = height - ups[0]
    bottom = downs[-1] + 0.5 * em
    n = len(rows)
    needed = max((downs[i] + ups[i + 1] for i in range(n - 1)), default=0.0) + 0.6 * em
    if n == 1:
        ys, fits = [(top + bottom) / 2], top >= bottom
    else:
        pitch = (top - bottom) / (n - 1)
        ys, fits = [top - i * pitch for i in range(n)], pitch >= needed
    return _Plan(
        size,
        small,
        names,
        descriptors,
        column,
        ys,
        height,
        fits and column <= column_limit + 1,
        detail,
        RADIUS * size,
    )


def _crowded(canvas: Canvas, box: Extent, rows: list[_Row], band: float) -> _Plan:
    """More rows than fit even bare at the smallest size: rows close up, the dots shrink to fit them,
    and as many names are set as fit without touching, from the top."""
    plan = _plan(canvas, box, rows, canvas.style.label_sizes()[-1], band, "bare")
    bold = canvas.font(plan.size, bold=True)
    half, pitch = canvas.line_height(bold) / 2, canvas.line_pitch(bold)
    names, free = list(plan.names), float("inf")  # free: the lowest point a name above reaches down to
    for i, (name, y) in enumerate(zip(plan.names, plan.ys, strict=True)):  # rows run down from the top
        if y + half + name.count("\n") * pitch <= free:  # a name's last line sits on its row
            free = y - half
        else:
            names[i] = ""
    named = sum(1 for name in names if name)
    if named < len(names):
        canvas.note(f"only {named} of {len(names)} category names fit: show fewer categories")
    apart = plan.ys[0] - plan.ys[1] if len(plan.ys) > 1 else plan.height
    return replace(plan, names=names, radius=min(plan.radius, 0.4 * apart), fits=True)
