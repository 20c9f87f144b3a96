"""The dumbbell chart: one row per category, a dot at each date, the change labelled above the bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from aigap_docs.charts.kinds import ChartKind, Row
from aigap_docs.model import AnyColumn, ChartSpec, EntityId, NumberColumn, Plain, Report
from aigap_docs.rows import sort_rows

if TYPE_CHECKING:
    from aigap_docs.charts.kinds._common import Canvas, Extent


class DumbbellChart(ChartSpec):
    """One row per category, a dot at two dates and the change between them labelled."""

    column_fields: ClassVar[tuple[str, ...]] = ("category", "descriptor", "start", "end")

    kind: Literal["dumbbell"]
    category: AnyColumn
    start: NumberColumn
    end: NumberColumn
    start_label: Plain
    end_label: Plain
    descriptor: AnyColumn | None = None
    change_labels: bool = True
    """The change printed above each row; off, the chart leaves them out (and does not warn of it)."""
    value_labels: bool = True
    """Each dot's value printed beside it; off, the axis alone gives the values (and a chart too crowded
    for them does not warn of it). Off also leaves out the change labels."""
    entity: EntityId | None = None


class DumbbellKind(ChartKind):
    spec = DumbbellChart
    title = "Dumbbell chart"

    def rows(self, chart: DumbbellChart, report: Report) -> list[Row]:
        """By start value, largest first."""
        return sort_rows(super().rows(chart, report), chart.start, descending=True)

    def draw(self, canvas: Canvas, box: Extent, chart: DumbbellChart, report: Report) -> None:
        from aigap_docs.charts.kinds._dumbbell import draw_dumbbell

        draw_dumbbell(canvas, box, chart, self.rows(chart, report), report)

    def subject(self, chart: DumbbellChart, what: str) -> str:
        return f"{what}, {chart.start_label} to {chart.end_label}"

    def alt_values(self, chart: DumbbellChart, rows: list[Row], label: Any, report: Report) -> list[str]:
        return [
            f"{r[chart.category]}{f' ({r[chart.descriptor]})' if chart.descriptor else ''} "
            f"{label(r[chart.start])} to {label(r[chart.end])}"
            for r in rows
        ]
