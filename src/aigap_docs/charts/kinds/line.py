"""The line chart: a time series per column, labelled at the line ends instead of a legend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from aigap_docs.charts.data import column_label, heading
from aigap_docs.charts.kinds import ChartKind, Row
from aigap_docs.charts.native import NativeChart, apart, series_of, value_axis
from aigap_docs.charts.ticks import include_zero
from aigap_docs.model import AnyColumn, ChartSpec, NumberColumn, Report
from aigap_docs.rows import sort_rows

if TYPE_CHECKING:
    from aigap_docs.charts.kinds._common import Canvas, Extent
    from aigap_docs.theme import Theme


class LineChart(ChartSpec):
    """A time series per column, labelled at the line ends instead of a legend."""

    column_fields: ClassVar[tuple[str, ...]] = ("x", "series")

    kind: Literal["line"]
    x: AnyColumn
    series: Annotated[list[NumberColumn], Field(min_length=1)]
    start_labels: bool = True
    """Each line's first value printed at its start (its name and last value are always at its end)."""


class LineKind(ChartKind):
    spec = LineChart
    title = "Line chart"

    def rows(self, chart: LineChart, report: Report) -> list[Row]:
        """In x order, unless x is text (then the data's order is the order)."""
        rows = super().rows(chart, report)
        if report.table(chart.dataset).types[chart.x] != "text":
            rows = sort_rows(rows, chart.x)
        return rows

    def draw(self, canvas: Canvas, box: Extent, chart: LineChart, report: Report) -> None:
        from aigap_docs.charts.kinds._line import draw_line

        draw_line(canvas, box, chart, self.rows(chart, report), report)

    def alt_values(self, chart: LineChart, rows: list[Row], label: Any, report: Report) -> list[str]:
        return [
            f"{column_label(report, chart.dataset, c)}: "
            + ", ".join(f"{r[chart.x]} {label(r[c])}" for r in rows)
            for c in chart.series
        ]

    def native(self, chart: LineChart, report: Report, theme: Theme) -> NativeChart:
        rows = self.rows(chart, report)
        series = series_of(report, theme, chart, chart.series, rows)
        categories = tuple(str(row[chart.x]) for row in rows)
        columns = [s.values for s in series]
        known = [v for values in columns for v in values if v is not None]
        reach = [0.0] if known and include_zero(known) else []  # as the picture's axis reaches zero
        return NativeChart(
            chart.kind,
            "line",
            categories,
            series,
            value_axis(chart.labels, known + reach),
            heading(chart),
            value_labels=False,
            end_labels=apart([_last(values) for values in columns]),
            start_labels=chart.start_labels and len(rows) > 1 and apart([_last(v[::-1]) for v in columns]),
        )


def _last(values: tuple[float | None, ...]) -> float | None:
    return next((v for v in reversed(values) if v is not None), None)
