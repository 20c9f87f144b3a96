"""How tall a chart of horizontal bars is when it is no taller than its rows and the text around them need.

A slot's height suits a chart of many rows; two to four bars stretched over it sit in a band of empty
space. A kind that knows its natural height says so (ChartKind.natural_height), and the brief draws the
chart that tall if that is less than its slot. Read without matplotlib: the brief's planner asks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from aigap_docs.charts.data import heading
from aigap_docs.model import ChartSpec
from aigap_docs.theme import Medium, Theme

_LINE = 1.3
"""A line of chart text, in ems of its size, with room to spare (matplotlib sets about 1.2)."""
_ADVANCE = 0.55
"""An average character's advance, in ems, on the generous side: lines of text are estimated, not set."""


def row_pitch(bars: int, size: float) -> float:
    """The largest distance (points) between rows of `bars` bars each, type at `size`: more, and bars
    would be fat slabs. The layout of horizontal bars (_bars.py) caps its rows at this."""
    return (bars * 1.45 + 2.2) * size


def bars_height(
    chart: ChartSpec, theme: Theme, medium: Medium, width: float, rows: int, bars: int, legend: Sequence[str]
) -> float:
    """Inches that `rows` rows of `bars` horizontal bars need at `width` inches, at their largest pitch,
    with the chart's heading and note (as charts.draw frames an embedded chart) and its legend."""
    sizes = theme.sizes[medium]
    em = sizes.chart_label
    pad = 0.15 * em
    room = width * 72 - 2 * pad
    text = 2 * pad + 0.9 * em  # the frame's padding, and the gap under the heading
    if subtitle := heading(chart):
        text += _lines(subtitle, sizes.chart_label, room) * _LINE * sizes.chart_label
    if chart.note:
        note = _lines("Note: " + chart.note.plain, sizes.chart_note, room)
        text += note * _LINE * sizes.chart_note + 0.7 * em
    if legend:  # one line of coloured keys, wrapped as _bars._legend wraps it
        keys = " ".join(f"## {name}  " for name in legend)
        text += _lines(keys, sizes.chart_tick, room) * 1.25 * _LINE * sizes.chart_tick + 0.8 * em
    return (text + rows * row_pitch(bars, em)) / 72


def _lines(text: str, size: float, width: float) -> int:
    """How many lines `text` at `size` takes at `width` points, estimated from its length."""
    return max(1, math.ceil(len(text) * _ADVANCE * size / width))
