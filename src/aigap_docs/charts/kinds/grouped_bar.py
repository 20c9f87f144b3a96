"""The grouped bar chart: bars side by side per category, one per series (a dataset column)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from aigap_docs.charts.data import format_value, heading
from aigap_docs.charts.kinds._series import SeriesChart, SeriesKind
from aigap_docs.charts.native import NativeChart, series_of, value_axis
from aigap_docs.model import Report
from aigap_docs.text import number_symbols

if TYPE_CHECKING:
    from aigap_docs.charts.kinds._common import Canvas, Extent
    from aigap_docs.theme import Theme


class GroupedBarChart(SeriesChart):
    """Bars side by side per category, one per series (a dataset column)."""

    kind: Literal["grouped_bar"]


class GroupedBarKind(SeriesKind):
    spec = GroupedBarChart
    title = "Grouped bar chart"

    def bars_per_row(self, chart: GroupedBarChart) -> int:
        return len(chart.series)

    def draw(self, canvas: Canvas, box: Extent, chart: GroupedBarChart, report: Report) -> None:
        from aigap_docs.charts.kinds._bars import Bar, Bars, Group, Segment, draw_bars
        from aigap_docs.charts.kinds._common import drop_missing

        rows, box = drop_missing(canvas, box, self.rows(chart, report), chart.series, chart.category)
        rows, colours, legend, _ = self.legend(chart, report, canvas.style.theme, rows)
        places = self.places(chart, report, rows)
        symbols = number_symbols(report.language)
        groups = []
        for row in rows:
            bars = []
            for column, colour in zip(chart.series, colours, strict=True):
                value = float(row[column])  # type: ignore[arg-type]
                label = format_value(value, chart.labels, places[column], symbols)
                bars.append(Bar((Segment(value, 0.0, colour),), label))
            groups.append(Group(str(row[chart.category]), tuple(bars)))
        horizontal = chart.orientation == "horizontal"
        draw_bars(canvas, box, Bars(groups, horizontal, chart.labels, symbols, legend, chart.value_labels))

    def native(self, chart: GroupedBarChart, report: Report, theme: Theme) -> NativeChart:
        rows = self.rows(chart, report)
        series = series_of(report, theme, chart, chart.series, rows)
        return NativeChart(
            chart.kind,
            "bar" if chart.orientation == "horizontal" else "column",
            tuple(str(row[chart.category]) for row in rows),
            series,
            value_axis(chart.labels, (0.0, *(v for s in series for v in s.values))),
            heading(chart),
            value_labels=chart.value_labels,
        )
