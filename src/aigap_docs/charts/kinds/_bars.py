"""How bar charts draw (matplotlib): bars of one or more segments, in groups, either orientation.

The bar, grouped_bar and stacked_bar kinds turn their rows into Groups of Bars; this lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from aigap_docs.charts.ink import ink_on
from aigap_docs.charts.kinds._common import (
    Canvas,
    Extent,
    Reach,
    fit_scale,
    legend,
    nice_ticks,
    tick_labels,
    value_axis,
)
from aigap_docs.charts.kinds._natural import row_pitch
from aigap_docs.model import ValueLabels
from aigap_docs.text import NumberSymbols

LabelLayout = Literal["across", "upright", "none"]


@dataclass(frozen=True)
class Segment:
    """A stretch of one bar: from `base` for `value`, with a label drawn inside it if it fits."""

    value: float
    base: float
    colour: str
    inside: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar: its segments and the label printed beyond its end."""

    segments: tuple[Segment, ...]
    label: str
    bold: bool = False

    @property
    def end(self) -> float:
        last = self.segments[-1]
        return last.base + last.value


@dataclass(frozen=True)
class Group:
    """A category: its name and its bars side by side."""

    name: str
    bars: tuple[Bar, ...]
    highlighted: bool = False
    """One of the story's entities, named even in a chart too crowded to name every column."""


@dataclass
class Bars:
    """A bar chart ready to lay out: its groups, orientation, number format and legend."""

    groups: list[Group]
    horizontal: bool
    number_format: ValueLabels
    symbols: NumberSymbols
    """The decimal and grouping symbols of the report's language, for the value axis's numbers."""
    legend: list[tuple[str, str]] = field(default_factory=list)  # (label, colour)
    values: bool = True
    """Values printed at the bars and inside their parts; off, a value axis gives them."""


def unlabelled(groups: list[Group]) -> list[Group]:
    """The groups with no value printed at their bars' ends (labels inside stacked parts stay)."""
    return [replace(g, bars=tuple(replace(b, label="") for b in g.bars)) for g in groups]


# --- drawing -------------------------------------------------------------------------------------------


def draw_bars(canvas: Canvas, box: Extent, chart: Bars) -> None:
    """Lay out and draw `chart` in `box`."""
    if not chart.values:
        chart = replace(chart, groups=[_bare(group) for group in unlabelled(chart.groups)])
    if chart.groups:
        (_horizontal if chart.horizontal else _vertical)(canvas, box, chart)


def _bare(group: Group) -> Group:
    """The group with no value inside any part of its bars."""
    bars = tuple(replace(b, segments=tuple(replace(s, inside="") for s in b.segments)) for b in group.bars)
    return replace(group, bars=bars)


@dataclass(frozen=True)
class _Name:
    """Where a category's name goes: by the zero line on the side its bars leave free."""

    value: float
    offset: float  # points from `value` along the value axis
    side: int  # the way the name reads away from `value`: -1 or +1


def _name_place(
    canvas: Canvas, group: Group, fonts: tuple[FontProperties, FontProperties], gap: float, along: bool
) -> _Name:
    """`along`: the value labels run along the value axis (horizontal bars, upright labels)."""
    ends = [bar.end for bar in group.bars]
    if min(ends) >= 0:
        return _Name(0.0, -gap, -1)
    if max(ends) < 0:  # a bar of zero is labelled on the positive side, so it counts as one
        return _Name(0.0, gap, 1)
    # Bars both ways: at the lowest bar, beyond the longest label of any bar below zero (a shorter
    # number on the lowest bar would let the name run into a longer one on a bar just above it).
    lowest = min(bar.end for bar in group.bars)
    sizes = [canvas.measure(bar.label, fonts[bar.bold]) for bar in group.bars if bar.end < 0 and bar.label]
    reach = max(((size.width if along else size.height) for size in sizes), default=0.0)
    return _Name(lowest, -(2 * gap + reach), -1)


def _horizontal(canvas: Canvas, box: Extent, chart: Bars) -> None:
    style = canvas.style
    em = style.em
    n, k = len(chart.groups), max(len(g.bars) for g in chart.groups)
    column = min(0.25 * box.width, 13 * em)
    band = legend(canvas, box, chart.legend, draw=False)
    room = box.height - band

    # The largest type at which every name (wrapped to the column) and value fits the rows the box allows.
    for size in style.label_sizes():
        font = canvas.font(size)
        line = canvas.line_height(font)
        names = [canvas.fit(g.name, font, column, len(g.name)) for g in chart.groups]
        tallest = max(canvas.measure(name, font).height for name in names)
        bar_pitch = room / n * (0.78 if k > 1 else 1.0) / k
        if room / n >= tallest + 0.3 * size and bar_pitch >= line * (1.05 if k > 1 else 1.3):
            break
    else:  # too crowded even at the smallest size: names in the lines a row has; the rows as they come
        lines = max(1, int((room / n - 0.3 * size - line) / canvas.line_pitch(font)) + 1)
        names = [canvas.fit(g.name, font, column, lines) for g in chart.groups]
        tallest = max(canvas.measure(name, font).height for name in names)
    _note_shortened(canvas, chart.groups, names)
    # Values of neighbouring bars that would touch are not printed: a value axis below the bars instead.
    axis = bar_pitch < line or not chart.values
    if axis:
        chart = replace(chart, groups=unlabelled(chart.groups))
        room -= line + 0.4 * em
    if axis and chart.values:
        canvas.note(f"{n} rows are too many to print each bar's value: values are on an axis")
    # Few rows: bars keep their proportions, centred. Too many for the box even at the smallest size:
    # rows close up so that the names and value labels of the first and last rows, taller than a row,
    # still end inside the box (where everything fits, these limits are the first one).
    limits = [room / n, max(row_pitch(k, size), tallest + 0.3 * size)]  # a row holds its name
    if n > 1:
        outer = 0.39 * (k - 1) / k  # the outermost bar's centre from its row's, in rows
        limits += [(room - tallest) / (n - 1), (room - line) / (n - 1 + 2 * outer)]
    pitch = max(min(limits), 0.1 * room / n)
    if pitch < line:  # rows thinner than a line of text: name as many as fit
        centres = [(i + 0.5) * pitch for i in range(n)]
        names = _thinned(canvas, names, centres, line, [group.highlighted for group in chart.groups])
    thickness = 0.62 * pitch if k == 1 else 0.78 * pitch / k
    fonts = (font, canvas.font(size, bold=True))
    gap = 0.3 * size

    reaches = [Reach(0.0, -1), Reach(0.0, 1)]
    places = []
    for group, name in zip(chart.groups, names, strict=True):
        for bar in group.bars:
            label = gap + canvas.measure(bar.label, fonts[bar.bold]).width if bar.label else 0.0
            reaches.append(Reach(bar.end, 1 if bar.end >= 0 else -1, label))
        place = _name_place(canvas, group, fonts, 0.6 * em, along=True)
        places.append(place)
        if name:
            length = abs(place.offset) + canvas.measure(name, font).width
            reaches.append(Reach(place.value, place.side, length))
    ends = [0.0, *(bar.end for group in chart.groups for bar in group.bars)]
    ticks: list[float] = []
    if axis:
        lo, hi = fit_scale(reaches, box.width)
        widest = _axis_margin(canvas, chart, ends, font)
        ticks = _axis_ticks(min(ends), max(ends), box.width / (hi - lo), widest + 0.5 * em)
        reaches += [Reach(ticks[-1], 1, widest / 2), Reach(ticks[0], -1, widest / 2)]  # half a number

    height = n * pitch
    top = box.y1 - band - (room - height) / 2
    legend(canvas, Extent(box.x0, box.y0, box.x1, top + band), chart.legend)
    ax = canvas.axes(Extent(box.x0, top - height, box.x1, top))
    ax.set_xlim(*fit_scale(reaches, box.width))
    ax.set_ylim(-height, 0)  # y in points down from the top
    if axis:
        numbers = tick_labels(ticks, chart.number_format, chart.symbols)
        value_axis(canvas, ax, ticks, numbers, font, across=True)
    for i, (group, name, place) in enumerate(zip(chart.groups, names, places, strict=True)):
        middle = -(i + 0.5) * pitch
        if name:
            canvas.text(
                place.value,
                middle,
                name,
                font,
                style.text,
                ha="right" if place.side < 0 else "left",
                va="middle",
                transform=canvas.offset(ax.transData, place.offset),
                ax=ax,
            )
        first = middle + (len(group.bars) - 1) * thickness / 2
        inner = thickness if k == 1 else thickness - max(0.6, 0.06 * thickness)
        for j, bar in enumerate(group.bars):
            _bar(canvas, ax, bar, first - j * thickness, inner, fonts, gap, horizontal=True)
    if not axis and any(bar.end < 0 for group in chart.groups for bar in group.bars):
        ax.vlines(0, -height, 0, colors=style.text, linewidth=0.06 * em, zorder=3)


def _vertical(canvas: Canvas, box: Extent, chart: Bars) -> None:
    style = canvas.style
    em = style.em
    n, k = len(chart.groups), max(len(g.bars) for g in chart.groups)
    band = legend(canvas, box, chart.legend)
    size, labels = _value_labels(canvas, chart, *_label_room(box.width / n, k, em), box.height - band)
    # Too crowded for any value to be printed at the bars' ends (or inside them): a value axis instead.
    # Values only inside the parts, which are dropped where they do not fit: no warning of an axis.
    inside = _inside_only_and_too_thin(canvas, chart, size, box.width / n)
    axis = labels == "none" or inside or not chart.values
    if axis:
        chart = replace(chart, groups=unlabelled(chart.groups))
    if axis and chart.values and not inside:
        canvas.note(f"{n} columns are too many to print each bar's value: values are on an axis")
    ends = [0.0, *(bar.end for group in chart.groups for bar in group.bars)]
    margin = _axis_margin(canvas, chart, ends, canvas.font(size)) if axis else 0.0
    plot = Extent(box.x0 + margin, box.y0, box.x1, box.y1 - band)  # the axis numbers to its left
    pitch = plot.width / n
    width = _bar_width(pitch, k, em)
    size = min(size, _name_size(canvas, chart, pitch))
    font = canvas.font(size)
    fonts = (font, canvas.font(size, bold=True))
    gap = 0.3 * size
    line = canvas.line_height(font)
    names, upright = _names(canvas, chart, pitch, font, plot.height)
    _note_shortened(canvas, chart.groups, names)
    extents = [canvas.measure(name, font) for name in names]
    centres = [
        _within((i + 0.5) * pitch, (e.height if upright else e.width) / 2, plot.width)
        for i, e in enumerate(extents)
    ]
    if upright and line > pitch:
        names = _thinned(canvas, names, centres, line, [group.highlighted for group in chart.groups])

    reaches = [Reach(0.0, -1), Reach(0.0, 1)]
    places = []
    for group, name, extent in zip(chart.groups, names, extents, strict=True):
        for bar in group.bars:
            length = canvas.measure(bar.label, fonts[bar.bold]).width if labels == "upright" else line
            reaches.append(Reach(bar.end, 1 if bar.end >= 0 else -1, gap + length if bar.label else 0.0))
        place = _name_place(canvas, group, fonts, 0.4 * em, along=labels == "upright")
        places.append(place)
        if name:
            length = extent.width if upright else extent.height
            reaches.append(Reach(place.value, place.side, abs(place.offset) + length))
    ticks: list[float] = []
    if axis:
        lo, hi = fit_scale(reaches, plot.height)
        ticks = _axis_ticks(min(ends), max(ends), plot.height / (hi - lo), 2.5 * line)
        reaches += [Reach(ticks[-1], 1, line / 2), Reach(ticks[0], -1, line / 2)]  # half a number

    ax = canvas.axes(plot)
    ax.set_ylim(*fit_scale(reaches, plot.height))
    ax.set_xlim(0, plot.width)  # x in points from the left
    if axis:
        value_axis(canvas, ax, ticks, tick_labels(ticks, chart.number_format, chart.symbols), font)
    for i, (group, name, place) in enumerate(zip(chart.groups, names, places, strict=True)):
        below = place.side < 0
        transform = canvas.offset(ax.transData, 0, place.offset)
        if upright:
            layout = {
                "ha": "right" if below else "left",
                "va": "center",
                "rotation": 90,
                "rotation_mode": "anchor",
            }
        else:
            layout = {"ha": "center", "va": "top" if below else "bottom", "multialignment": "center"}
        if name:
            canvas.text(centres[i], place.value, name, font, style.text, transform=transform, ax=ax, **layout)
        first = (i + 0.5) * pitch - (len(group.bars) - 1) * width / 2
        inner = width if k == 1 else width - max(0.6, 0.06 * width)
        for j, bar in enumerate(group.bars):
            at = first + j * width
            _bar(canvas, ax, bar, at, inner, fonts, gap, horizontal=False, upright=labels == "upright")
    if not axis:  # the value axis draws its own zero line
        ax.hlines(0, 0, plot.width, colors=style.text, linewidth=0.06 * em, zorder=3)


def _inside_only_and_too_thin(canvas: Canvas, chart: Bars, size: float, pitch: float) -> bool:
    """Whether a chart whose values are only inside its bars' parts (parts of equal wholes) has bars too
    thin to hold them."""
    if any(bar.label for group in chart.groups for bar in group.bars):
        return False
    font, k = canvas.font(size), max(len(group.bars) for group in chart.groups)
    room = _bar_width(pitch, k, canvas.style.em) - 0.3 * canvas.style.em  # as _inside_label asks
    parts = [s.inside for group in chart.groups for bar in group.bars for s in bar.segments if s.inside]
    return any(canvas.measure(part, font).width > room for part in parts)


def _axis_margin(canvas: Canvas, chart: Bars, ends: list[float], font: FontProperties) -> float:
    """Room for the value axis's numbers: the widest of finer ticks than it will have, and a gap."""
    numbers = tick_labels(nice_ticks(min(ends), max(ends), 10), chart.number_format, chart.symbols)
    return max(canvas.measure(number, font).width for number in numbers) + canvas.style.em


def _axis_ticks(lo: float, hi: float, scale: float, apart: float) -> list[float]:
    """Round values from `lo` to `hi` (zero among them), at least `apart` points apart at `scale` points
    a unit."""
    return nice_ticks(lo, hi, max(1, int((hi - lo) * scale / apart)))


def _note_shortened(canvas: Canvas, groups: list[Group], names: list[str]) -> None:
    """Warn of category names cut short with an ellipsis to fit: the reader cannot see them whole."""
    cut = [group.name for group, name in zip(groups, names, strict=True) if name.endswith("\u2026")]
    if cut:
        example = cut[0] if len(cut[0]) <= 40 else cut[0][:39] + "\u2026"
        canvas.note(
            f"{len(cut)} category name{'s' if len(cut) > 1 else ''} shortened to fit (such as {example!r}): "
            "shorten them or show fewer categories"
        )


def _thinned(
    canvas: Canvas, names: list[str], centres: list[float], line: float, highlighted: list[bool]
) -> list[str]:
    """Names for as many columns as can be named without touching: highlighted ones first, then from
    the first column on; the others blank. For columns narrower than a line of text."""
    order = sorted(range(len(names)), key=lambda i: (not highlighted[i], i))
    named: list[int] = []
    for i in order:
        if all(abs(centres[i] - centres[j]) >= line for j in named):
            named.append(i)
    if len(named) < len(names):
        canvas.note(f"only {len(named)} of {len(names)} category names fit: show fewer categories")
    kept = set(named)
    return [name if i in kept else "" for i, name in enumerate(names)]


def _bar_width(pitch: float, k: int, em: float) -> float:
    """How thick each of a column's `k` bars is, in a column `pitch` points wide."""
    return min(0.55 * pitch, 7 * em) if k == 1 else min(0.7 * pitch, k * 5 * em) / k


def _label_room(pitch: float, k: int, em: float) -> tuple[float, float]:
    """The room for a value label set across its bar, and between neighbouring bars for one set upright.

    A lone bar's label may reach over the gap between columns; bars side by side are `width` apart
    centre to centre, so their labels get that, less a little space between them.
    """
    width = _bar_width(pitch, k, em)
    return (width + 0.3 * pitch, pitch) if k == 1 else (width - 0.15 * em, width)


def _within(at: float, half: float, width: float) -> float:
    """`at` moved inwards so that text `half` points either side of it stays inside [0, width].

    Centred over its column, a name or value wider than the column (long numbers, a crowded chart)
    would otherwise reach past the chart's edge at the first and last columns.
    """
    return max(half, min(at, width - half)) if 2 * half <= width else width / 2


def _value_labels(
    canvas: Canvas, chart: Bars, across: float, slot: float, height: float
) -> tuple[float, LabelLayout]:
    """The size and layout of the values printed at the bars' ends.

    The largest size at which every label fits `across` its column; in a chart too crowded for that, the
    largest at which a line of text fits the `slot` between neighbouring bars, set upright (if no label
    then takes more than a third of the chart's `height`); else none, and the chart gets a value axis:
    overlapping numbers would be misread.
    """
    sizes = canvas.style.label_sizes()
    for size in sizes:
        fonts = (canvas.font(size), canvas.font(size, bold=True))
        if all(canvas.measure(b.label, fonts[b.bold]).width <= across for g in chart.groups for b in g.bars):
            return size, "across"
    for size in sizes:
        fonts = (canvas.font(size), canvas.font(size, bold=True))
        longest = max(canvas.measure(b.label, fonts[b.bold]).width for g in chart.groups for b in g.bars)
        if canvas.line_height(fonts[0]) <= slot and longest <= height / 3:
            return size, "upright"
    return sizes[-1], "none"


def _name_size(canvas: Canvas, chart: Bars, pitch: float) -> float:
    """The largest size at which every category name's longest word fits its column."""
    sizes = canvas.style.label_sizes()
    for size in sizes:
        font = canvas.font(size)
        if all(canvas.widest_word(g.name, font) <= pitch * 0.92 for g in chart.groups):
            return size
    return sizes[-1]


def _names(
    canvas: Canvas, chart: Bars, pitch: float, font: FontProperties, height: float
) -> tuple[list[str], bool]:
    """Category names wrapped to their column, or else upright: up to a third of the chart's `height`
    long, in as many lines as the column holds side by side."""
    if all(canvas.widest_word(g.name, font) <= pitch * 0.92 for g in chart.groups):
        wrapped = [canvas.wrap(g.name, font, pitch * 0.92) for g in chart.groups]
        if max(name.count("\n") for name in wrapped) < 3:
            return wrapped, False
    lines = max(1, int((0.92 * pitch - canvas.line_height(font)) / canvas.line_pitch(font)) + 1)
    return [canvas.fit(g.name, font, height / 3, lines) for g in chart.groups], True


def _bar(
    canvas: Canvas,
    ax: Axes,
    bar: Bar,
    at: float,
    thickness: float,
    fonts: tuple[FontProperties, FontProperties],
    gap: float,
    *,
    horizontal: bool,
    upright: bool = False,
) -> None:
    """One bar centred at `at` (points across it): its segments, their inside labels, its end label
    (across a vertical bar's end, or `upright` along it)."""
    style = canvas.style
    stacked = len(bar.segments) > 1
    for segment in bar.segments:
        if horizontal:
            patch = Rectangle((segment.base, at - thickness / 2), segment.value, thickness)
        else:
            patch = Rectangle((at - thickness / 2, segment.base), thickness, segment.value)
        # Stacked parts are parted by a hairline of background.
        patch.set(
            facecolor=segment.colour,
            edgecolor=style.background if stacked else "none",
            linewidth=0.04 * style.em if stacked else 0,
            zorder=2,
        )
        ax.add_patch(patch)
        if segment.inside:
            _inside_label(canvas, ax, segment, at, thickness, fonts[0], horizontal)
    if not bar.label:
        return
    side = 1 if bar.end >= 0 else -1
    if horizontal:
        canvas.text(
            bar.end,
            at,
            bar.label,
            fonts[bar.bold],
            style.text,
            ha="left" if side > 0 else "right",
            va="middle",
            transform=canvas.offset(ax.transData, side * gap),
            ax=ax,
        )
    elif upright:
        canvas.text(
            at,
            bar.end,
            bar.label,
            fonts[bar.bold],
            style.text,
            ha="left" if side > 0 else "right",
            va="center",
            rotation=90,
            rotation_mode="anchor",
            transform=canvas.offset(ax.transData, 0, side * gap),
            ax=ax,
        )
    else:
        half = canvas.measure(bar.label, fonts[bar.bold]).width / 2
        canvas.text(
            _within(at, half, ax.get_xlim()[1]),
            bar.end,
            bar.label,
            fonts[bar.bold],
            style.text,
            ha="center",
            va="bottom" if side > 0 else "top",
            transform=canvas.offset(ax.transData, 0, side * gap),
            ax=ax,
        )


def _inside_label(
    canvas: Canvas,
    ax: Axes,
    segment: Segment,
    at: float,
    thickness: float,
    font: FontProperties,
    horizontal: bool,
) -> None:
    """A stacked part's value centred inside it, only when it fits with room to spare."""
    size = canvas.measure(segment.inside, font)
    axis = 0 if horizontal else 1
    origin, unit = ax.transData.transform([(0, 0), (1, 1)])
    length = abs(segment.value * (unit[axis] - origin[axis])) * 72 / canvas.fig.dpi
    along, across = (size.width, size.height) if horizontal else (size.height, size.width)
    if along + 0.5 * canvas.style.em > length or across + 0.3 * canvas.style.em > thickness:
        return
    colour = ink_on(segment.colour, canvas.style.text)
    middle = segment.base + segment.value / 2
    x, y = (middle, at) if horizontal else (at, middle)
    canvas.text(
        x,
        y,
        segment.inside,
        font,
        colour,
        ha="center",
        va="middle",
        transform=canvas.offset(ax.transData),
        ax=ax,
    )
