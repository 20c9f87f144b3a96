"""Which charts the brief shows, and at what size: known before any renderer is imported."""

from __future__ import annotations

from aigap_docs.charts import ChartRequest
from aigap_docs.model import Figure, Report
from aigap_docs.theme import Theme


def chart_requests(report: Report, theme: Theme, options: object = None) -> list[ChartRequest]:
    """Every chart the brief shows, at the text column's slot, as SVG whose text stays text."""
    sections = report.brief.sections if report.brief else []
    shown = dict.fromkeys(block.figure for s in sections for block in s.body if isinstance(block, Figure))
    return [
        ChartRequest(chart_id, theme.slots.brief, "brief", "embedded", ("svg",), selectable_text=True)
        for chart_id in shown
    ]
