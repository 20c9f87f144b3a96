"""Alt text written from the data, listing every value, for screen readers in both outputs."""

from __future__ import annotations

from aigap_docs.charts.data import ordered_rows, series_label, value_label
from aigap_docs.model import BarChart, DumbbellChart, GroupedBarChart, LineChart, Report, StackedBarChart

_KIND_NAMES = {
    "dumbbell": "Dumbbell chart",
    "bar": "Bar chart",
    "grouped_bar": "Grouped bar chart",
    "stacked_bar": "Stacked bar chart",
    "line": "Line chart",
}


def alt_text(report: Report, chart_id: str) -> str:
    """The chart's alt text from content if given, else a description with every value it shows."""
    chart = report.charts[chart_id]
    if chart.alt:
        return chart.alt
    what = (chart.subtitle or chart.title).plain.rstrip(".")
    rows = ordered_rows(chart, report)
    label = chart.labels
    if isinstance(chart, DumbbellChart):
        what += f", {chart.start_label} to {chart.end_label}"
        values = [
            f"{r[chart.category]}{f' ({r[chart.descriptor]})' if chart.descriptor else ''} "
            f"{value_label(r[chart.start], label)} to {value_label(r[chart.end], label)}"
            for r in rows
        ]
    elif isinstance(chart, BarChart):
        values = [f"{r[chart.category]} {value_label(r[chart.value], label)}" for r in rows]
    elif isinstance(chart, (GroupedBarChart, StackedBarChart)):
        names = {c: series_label(report, chart.dataset, c) for c in chart.series}
        values = [
            f"{r[chart.category]}: "
            + ", ".join(f"{names[c]} {value_label(r[c], label)}" for c in chart.series)
            for r in rows
        ]
    elif isinstance(chart, LineChart):
        values = [
            f"{series_label(report, chart.dataset, c)}: "
            + ", ".join(f"{r[chart.x]} {value_label(r[c], label)}" for r in rows)
            for c in chart.series
        ]
    else:  # pragma: no cover - every kind is handled above
        raise TypeError(f"no alt text for chart kind {chart.kind!r}")
    return f"{_KIND_NAMES[chart.kind]}: {what}: {'; '.join(values)}."
