"""What a chart shows, in the order it shows it: shared by the drawing code and the alt text."""

from __future__ import annotations

from aigap_docs.model import BarChart, DumbbellChart, Report, Value, ValueLabels
from aigap_docs.text import format_number

MINUS = "\u2212"


def ordered_rows(chart: object, report: Report) -> list[dict[str, Value]]:
    """The chart's rows, ranked where order carries no meaning and in data order where it does."""
    rows = list(report.table(chart.dataset).rows)  # type: ignore[attr-defined]
    if isinstance(chart, BarChart) and chart.sort != "none":
        rows.sort(key=lambda row: row[chart.value], reverse=chart.sort == "descending")  # type: ignore[arg-type,return-value]
    elif isinstance(chart, DumbbellChart):
        rows.sort(key=lambda row: row[chart.start], reverse=True)  # type: ignore[arg-type,return-value]
    return rows


def value_label(value: Value, labels: ValueLabels) -> str:
    """A value as the chart prints it: prefix, number, suffix, with a true minus sign."""
    if not isinstance(value, (int, float)):
        return str(value)
    number = format_number(abs(value), labels.decimals)
    sign = MINUS if value < 0 else ""
    return f"{sign}{labels.prefix}{number}{labels.suffix}"


def series_label(report: Report, dataset_id: str, column: str) -> str:
    """The label of a dataset column (its declared label, else its name)."""
    return report.datasets[dataset_id].columns[column].label or column
