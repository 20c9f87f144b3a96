"""A native (editable) PowerPoint chart as plain data: what a chart kind's native form shows.

A kind decides it (ChartKind.native) with the rules its picture uses: the same rows in the same order, the
same colours, series names, value labels and subtitle. The deck's planner stores it in the plan, and the
writer only writes it out: it knows PowerPoint, not charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from aigap_docs.charts.data import column_label, series_colours
from aigap_docs.model import ChartSpec, Report, Value, ValueLabels

if TYPE_CHECKING:
    from aigap_docs.theme import Theme

Form = Literal["bar", "column", "line"]
"""PowerPoint's clustered bars (horizontal), clustered columns, or lines with markers."""


@dataclass(frozen=True)
class NativeSeries:
    label: str
    values: tuple[float, ...]
    colour: str | tuple[str, ...]
    """One colour for the series, or one per value (ranked bars: the story's entities, the rest grey)."""


@dataclass(frozen=True)
class NativeChart:
    kind: str
    """The chart kind it shows, which names the shape."""
    form: Form
    categories: tuple[str, ...]
    """In the order the picture shows them: top to bottom for bars, left to right otherwise."""
    series: tuple[NativeSeries, ...]
    number_format: str
    """The Excel number format of its values: as the picture prints them (see `number_format`)."""
    title: str
    """What is measured, in which unit, as the picture's subtitle says it ('' for none)."""
    value_labels: bool
    """Each value printed at its bar (else a value axis with grid lines tells the values)."""


def number_format(labels: ValueLabels) -> str:
    """An Excel number format that prints values as the picture charts do: prefix, decimals, suffix."""
    number = (
        "General"
        if labels.decimals is None
        else "#,##0" + "." * bool(labels.decimals) + "0" * labels.decimals
    )
    prefix, suffix = (f'"{text}"' if text else "" for text in (labels.prefix, labels.suffix))
    return f"{prefix}{number}{suffix}"


def series_of(
    report: Report, theme: Theme, chart: ChartSpec, columns: Sequence[str], rows: Sequence[dict[str, Value]]
) -> tuple[NativeSeries, ...]:
    """A series per column, named and coloured as the picture names and colours it."""
    colours = series_colours(report, theme, chart, columns)
    return tuple(
        NativeSeries(column_label(report, chart.dataset, column), tuple(row[column] for row in rows), colour)  # type: ignore[misc]
        for column, colour in zip(columns, colours, strict=True)
    )
