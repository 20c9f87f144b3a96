"""What a chart shows and how it names it: shared by the kinds' drawing, alt text and native charts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from aigap_docs.model import ChartSpec, Report, ValueLabels
from aigap_docs.text import ENGLISH, NumberSymbols, format_number

if TYPE_CHECKING:
    from aigap_docs.theme import Theme


def heading(chart: ChartSpec) -> str:
    """What the chart measures, in which unit, as said above the plot by the picture and a native chart
    alike: its subtitle, else its unit with a capital ('' for neither)."""
    if chart.subtitle:
        return chart.subtitle.plain
    unit = chart.unit or ""
    return unit[:1].upper() + unit[1:]


def decimals_for(values: Iterable[float], labels: ValueLabels) -> int:
    """The chart's decimals, else the fewest (up to 2) that print every value exactly."""
    if labels.decimals is not None:
        return labels.decimals
    for places in range(3):
        if all(abs(round(v, places) - v) < 1e-9 for v in values):
            return places
    return 2


def series_decimals(report: Report, chart: ChartSpec, column: str, values: Iterable[float | None]) -> int:
    """One series' decimals: the chart's `labels.decimals`, else its column's declared `decimals`, else the
    fewest (up to 2) that print each of its own values exactly. Per series, so 0.4 in one series does
    not print '0' (nor force '3.0' on the integers of another)."""
    declared = report.datasets[chart.dataset].columns.get(column)
    if chart.labels.decimals is None and declared is not None and declared.decimals is not None:
        return declared.decimals
    return decimals_for([v for v in values if v is not None], chart.labels)


def format_value(value: float, labels: ValueLabels, decimals: int, symbols: NumberSymbols = ENGLISH) -> str:
    """A value label: sign, prefix, number, suffix ("−$1.2B", "9.3%"), by text.format_number with the
    report language's `symbols` (text.number_symbols). The pictures pass them; a native chart's labels
    are Excel's number formats, which PowerPoint prints in the viewer's locale, and keep English."""
    return format_number(
        value, decimals=decimals, prefix=labels.prefix, suffix=labels.suffix, symbols=symbols
    )


def column_label(report: Report, dataset: str, column: str) -> str:
    """A dataset column's declared label, else its name: how a series is named in charts and tables."""
    declared = report.datasets[dataset].columns.get(column)
    return (declared.label if declared and declared.label else column).strip()


def column_unit(report: Report, dataset: str, column: str) -> str | None:
    declared = report.datasets[dataset].columns.get(column)
    return declared.unit if declared else None


def column_entity(report: Report, dataset: str, column: str) -> str | None:
    declared = report.datasets[dataset].columns.get(column)
    return declared.entity if declared else None


def series_colours(report: Report, theme: Theme, chart: ChartSpec, columns: Sequence[str]) -> list[str]:
    """One colour per series (a column): the chart's `colors` for it, else the theme's rule from the
    columns' entities."""
    ruled = theme.series_colours([column_entity(report, chart.dataset, column) for column in columns])
    return [drawn_colour(chart, column, colour) for column, colour in zip(columns, ruled, strict=True)]


def drawn_colour(chart: ChartSpec, name: str, ruled: str) -> str:
    """The colour a series or category `name` is drawn in: the chart's `colors:` for it, over `ruled`
    (what the theme's rules give it)."""
    return chart.colors.get(name, ruled)
