"""What a chart shows, in the order it shows it: shared by the drawing code and the alt text."""

from __future__ import annotations

from collections.abc import Iterable

from aigap_docs.model import BarChart, DumbbellChart, Report, Value, ValueLabels
from aigap_docs.text import MINUS


def ordered_rows(chart: object, report: Report) -> list[dict[str, Value]]:
    """The chart's rows, ranked where order carries no meaning and in data order where it does."""
    rows = list(report.table(chart.dataset).rows)  # type: ignore[attr-defined]
    if isinstance(chart, BarChart) and chart.sort != "none":
        rows.sort(key=lambda row: row[chart.value], reverse=chart.sort == "descending")  # type: ignore[arg-type,return-value]
    elif isinstance(chart, DumbbellChart):
        rows.sort(key=lambda row: row[chart.start], reverse=True)  # type: ignore[arg-type,return-value]
    return rows


def decimals_for(values: Iterable[float], labels: ValueLabels) -> int:
    """The chart's decimals, else the fewest (up to 2) that print every value exactly."""
    if labels.decimals is not None:
        return labels.decimals
    for places in range(3):
        if all(abs(round(v, places) - v) < 1e-9 for v in values):
            return places
    return 2


def format_number(value: float, decimals: int, signed: bool = False) -> str:
    """`value` with thousands separators and a true minus sign (a plus sign too if `signed`)."""
    text = f"{abs(value):,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return text
    if value < 0:
        return MINUS + text
    return f"+{text}" if signed else text


def format_value(value: float, labels: ValueLabels, decimals: int) -> str:
    """A value label: sign, prefix, number, suffix ("−$1.2B", "9.3%")."""
    number = format_number(abs(value), decimals)
    sign = MINUS if value < 0 and float(number.replace(",", "")) != 0 else ""
    return f"{sign}{labels.prefix}{number}{labels.suffix}"


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


series_label = column_label  # the name the deck exporter uses
