"""Round tick values for a value axis: the picture's axes and a native chart's alike.

A module of its own, free of matplotlib, so that planning a native chart does not load it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def nice_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round tick values inside [lo, hi], about `count` of them (steps of 1, 2, 2.5 or 5 x 10^n)."""
    raw = (hi - lo) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw)) if raw > 0 else 0.0
    if power == 0.0:  # hi <= lo, or a range too small to divide at a float's precision (denormals)
        return [lo]
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]
    return list(dict.fromkeys(0.0 if abs(t) < step * 1e-9 else round(t, 10) for t in ticks))


def tick_decimals(ticks: Sequence[float]) -> int:
    for places in range(4):
        if all(abs(round(t, places) - t) < 1e-9 for t in ticks):
            return places
    return 3


def include_zero(values: Sequence[float]) -> bool:
    """Whether an axis over `values` should reach zero: the data cross it or sit close to it."""
    lo, hi = min(values), max(values)
    return lo <= 0 <= hi or (lo > 0 and lo <= hi * 0.5) or (hi < 0 and hi >= lo * 0.5)
