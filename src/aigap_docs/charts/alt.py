"""Alt text written from the data, listing every value, for screen readers in both outputs."""

from __future__ import annotations

from aigap_docs.charts.data import column_label, decimals_for, format_value, ordered_rows
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
    places = decimals_for(
        [r[c] for r in rows for c in chart.columns() if isinstance(r[c], (int, float))], chart.labels
    )

    def label(value: object) -> str:
        return format_value(value, chart.labels, places) if isinstance(value, (int, float)) else str(value)

    if isinstance(chart, DumbbellChart):
        what += f", {chart.start_label} to {chart.end_label}"
        values = [
            f"{r[chart.category]}{f' ({r[chart.descriptor]})' if chart.descriptor else ''} "
            f"{label(r[chart.start])} to {label(r[chart.end])}"
            for r in rows
        ]
    elif isinstance(chart, BarChart):
        values = [f"{r[chart.category]} {label(r[chart.value])}" for r in rows]
    elif isinstance(chart, (GroupedBarChart, StackedBarChart)):
        names = {c: column_label(report, chart.dataset, c) for c in chart.series}
        values = [
            f"{r[chart.category]}: " + ", ".join(f"{names[c]} {label(r[c])}" for c in chart.series)
            for r in rows
        ]
    elif isinstance(chart, LineChart):
        values = [
            f"{column_label(report, chart.dataset, c)}: "
            + ", ".join(f"{r[chart.x]} {label(r[c])}" for r in rows)
            for c in chart.series
        ]
    else:  # pragma: no cover - every kind is handled above
        raise TypeError(f"no alt text for chart kind {chart.kind!r}")
    return f"{_KIND_NAMES[chart.kind]}: {what}: {'; '.join(values)}."
