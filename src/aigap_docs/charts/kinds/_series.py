"""What the kinds with one bar per series in each category share: grouped and stacked bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from aigap_docs.charts.data import column_label, decimals_for, series_colours, series_decimals
from aigap_docs.charts.kinds import ChartKind, Row
from aigap_docs.charts.kinds._natural import bars_height
from aigap_docs.model import AnyColumn, ChartSpec, NumberColumn, Report

if TYPE_CHECKING:
    from aigap_docs.theme import Medium, Theme


class SeriesChart(ChartSpec):
    """A category per row, a value per series (a dataset column)."""

    column_fields: ClassVar[tuple[str, ...]] = ("category", "series")

    category: AnyColumn
    series: Annotated[list[NumberColumn], Field(min_length=1)]
    orientation: Literal["horizontal", "vertical"] = "vertical"
    value_labels: bool = True
    """Values printed at the bars (and inside stacked parts); off, a value axis gives them (and a chart
    too crowded for them does not warn of it)."""


class SeriesKind(ChartKind):
    """A kind whose spec is a SeriesChart."""

    def legend(
        self, chart: SeriesChart, report: Report, theme: Theme, rows: list[Row] | None = None
    ) -> tuple[list[Row], list[str], list[tuple[str, str]], int]:
        """The rows (`rows`, else all), one colour per series, the legend items and the decimals of the
        chart."""
        rows = self.rows(chart, report) if rows is None else rows
        colours = series_colours(report, theme, chart, chart.series)
        labels = [column_label(report, chart.dataset, column) for column in chart.series]
        values = [float(row[column]) for row in rows for column in chart.series]  # type: ignore[arg-type]
        return rows, colours, list(zip(labels, colours, strict=True)), decimals_for(values, chart.labels)

    def natural_height(
        self, chart: SeriesChart, report: Report, theme: Theme, medium: Medium, width: float
    ) -> float | None:
        """Horizontal bars: their rows at full pitch; columns fill their slot (their height is the scale)."""
        if chart.orientation != "horizontal":
            return None
        legend = [column_label(report, chart.dataset, column) for column in chart.series]
        rows = len(self.rows(chart, report))
        return bars_height(chart, theme, medium, width, rows, self.bars_per_row(chart), legend)

    def bars_per_row(self, chart: SeriesChart) -> int:
        """How many bars a category's row holds side by side: one (stacked), or one a series (grouped)."""
        return 1

    def places(self, chart: SeriesChart, report: Report, rows: list[Row]) -> dict[str, int]:
        """Each series' decimals (data.series_decimals), so 0.4 in one series does not print '0' beside
        another's whole numbers."""
        return {c: series_decimals(report, chart, c, [row[c] for row in rows]) for c in chart.series}  # type: ignore[misc]

    def alt_values(self, chart: SeriesChart, rows: list[Row], label: Any, report: Report) -> list[str]:
        names = {c: column_label(report, chart.dataset, c) for c in chart.series}
        return [
            f"{r[chart.category]}: " + ", ".join(f"{names[c]} {label(r[c])}" for c in chart.series)
            for r in rows
        ]
