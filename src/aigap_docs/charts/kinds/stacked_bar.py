"""The stacked bar chart: series stacked into one bar per category, the total printed at its end."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationInfo, field_validator

from aigap_docs.charts.data import format_value, heading
from aigap_docs.charts.ink import ink_on
from aigap_docs.charts.kinds._series import SeriesChart, SeriesKind
from aigap_docs.charts.native import NativeChart, series_of, value_axis
from aigap_docs.errors import quoted
from aigap_docs.model import Report, ValidationContext, Value, invalid
from aigap_docs.text import number_symbols

if TYPE_CHECKING:
    from aigap_docs.charts.kinds._common import Canvas, Extent
    from aigap_docs.theme import Theme


class StackedBarChart(SeriesChart):
    """Series stacked into one bar per category."""

    kind: Literal["stacked_bar"]
    totals: bool = True
    """Each bar's total printed at its end; off for parts of a whole (shares that add to 100 print
    99.9 or 100.1 by rounding, which says nothing). Bars whose totals are all equal print none anyway."""

    @field_validator("series")
    @classmethod
    def _no_negative_parts(cls, series: list[str], info: ValidationInfo) -> list[str]:
        table = ValidationContext.get(info).tables.get(info.data.get("dataset"))
        for column in series if table is not None else ():
            for row in table.rows:
                if (row[column] or 0) < 0:  # type: ignore[operator]
                    found = f"{quoted(column)} is {row[column]:g} for {quoted(row[table.key])}"
                    raise invalid("negative", f"stacked bars need values of 0 or more; {found}")
        return series

    @classmethod
    def labelled(cls, row: dict[str, Value], columns: list[str]) -> list[tuple[str, float]]:
        """Each part, and the bar's total."""
        total = ("the total of " + ", ".join(map(repr, columns)), sum(row[n] for n in columns))  # type: ignore[misc]
        return [*super().labelled(row, columns), total]


class StackedBarKind(SeriesKind):
    spec = StackedBarChart
    title = "Stacked bar chart"

    def draw(self, canvas: Canvas, box: Extent, chart: StackedBarChart, report: Report) -> None:
        from aigap_docs.charts.kinds._bars import Bar, Bars, Group, Segment, draw_bars, unlabelled
        from aigap_docs.charts.kinds._common import drop_missing

        rows, box = drop_missing(canvas, box, self.rows(chart, report), chart.series, chart.category)
        rows, colours, legend, decimals = self.legend(chart, report, canvas.style.theme, rows)
        places = self.places(chart, report, rows)
        symbols = number_symbols(report.language)
        groups = []
        for row in rows:
            segments, base = [], 0.0
            for column, colour in zip(chart.series, colours, strict=True):
                value = float(row[column])  # type: ignore[arg-type]
                label = format_value(value, chart.labels, places[column], symbols)
                segments.append(Segment(value, base, colour, label))
                base += value
            total = format_value(base, chart.labels, decimals, symbols)
            groups.append(Group(str(row[chart.category]), (Bar(tuple(segments), total, bold=True),)))
        if not chart.totals or len({group.bars[0].label for group in groups}) == 1:  # equal wholes
            groups = unlabelled(groups)
        horizontal = chart.orientation == "horizontal"
        draw_bars(canvas, box, Bars(groups, horizontal, chart.labels, symbols, legend, chart.value_labels))

    def native(self, chart: StackedBarChart, report: Report, theme: Theme) -> NativeChart:
        rows = self.rows(chart, report)
        totals = [sum(row[column] or 0.0 for column in chart.series) for row in rows]  # type: ignore[misc]
        return NativeChart(
            chart.kind,
            "stacked_bar" if chart.orientation == "horizontal" else "stacked_column",
            tuple(str(row[chart.category]) for row in rows),
            tuple(
                replace(series, ink=ink_on(series.colour, theme.colours.text))  # type: ignore[arg-type]
                for series in series_of(report, theme, chart, chart.series, rows)
            ),
            value_axis(chart.labels, (0.0, *totals)),
            heading(chart),
            value_labels=chart.value_labels,
        )
