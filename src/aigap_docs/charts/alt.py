"""Alt text written from the data, listing every value, for screen readers in both outputs."""

from __future__ import annotations

from aigap_docs.charts.data import decimals_for, format_value
from aigap_docs.charts.kinds import kind_of
from aigap_docs.model import Report
from aigap_docs.text import number_symbols


def alt_text(report: Report, chart_id: str) -> str:
    """The chart's alt text from content if given, else a description with every value it shows:
    '<kind>: <subtitle or title>: <values in the chart's order>.', numbers as the picture prints them."""
    chart = report.charts[chart_id]
    if chart.alt:
        return chart.alt
    kind = kind_of(chart)
    what = kind.subject(chart, (chart.subtitle or chart.title).plain.rstrip("."))
    rows = kind.rows(chart, report)
    places = decimals_for(
        [r[c] for r in rows for c in chart.columns() if isinstance(r[c], (int, float))], chart.labels
    )
    symbols = number_symbols(report.language)

    def label(value: object) -> str:
        if value is None:
            return "no data"
        return (
            format_value(value, chart.labels, places, symbols)
            if isinstance(value, (int, float))
            else str(value)
        )

    return f"{kind.title}: {what}: {'; '.join(kind.alt_values(chart, rows, label, report))}."
