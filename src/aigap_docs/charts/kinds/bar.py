"""The bar chart: one bar per category, ranked; the story's entities keep their colours, the rest is grey."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import ValidationInfo, field_validator

from aigap_docs.charts.data import format_value, heading, series_decimals
from aigap_docs.charts.kinds import ChartKind, Row
from aigap_docs.charts.kinds._natural import bars_height
from aigap_docs.charts.native import NativeChart, native_series, value_axis
from aigap_docs.errors import did_you_mean, quoted
from aigap_docs.model import AnyColumn, ChartSpec, EntityId, NumberColumn, Report, ValidationContext, invalid
from aigap_docs.rows import SortOrShorthand
from aigap_docs.text import number_symbols

if TYPE_CHECKING:
    from aigap_docs.charts.kinds._common import Canvas, Extent
    from aigap_docs.theme import Medium, Theme


class BarChart(ChartSpec):
    """One bar per category, ranked; entities of the story keep their colours, the rest is grey."""

    column_fields: ClassVar[tuple[str, ...]] = ("category", "value")
    ranked_by: ClassVar[str] = "value"
    """The field naming the column that `sort: descending` and `ascending` sort by (rows.ranking)."""

    kind: Literal["bar"]
    category: AnyColumn
    value: NumberColumn
    orientation: Literal["horizontal", "vertical"] = "horizontal"
    sort: SortOrShorthand = "descending"
    """The bars' order, of which `top` keeps the first N: `descending` (largest first) or `ascending`,
    shorthand for `{by: <the value column>, order: desc}` or `asc`; `none`, the data's order; or, as on
    every chart, `{by: column, order: asc}` or `desc` by any column."""
    highlight: dict[str, EntityId] = {}
    value_labels: bool = True
    """Each bar's value printed at its end; off, a value axis gives the values (and a chart too crowded
    for them does not warn of it)."""

    @field_validator("highlight")
    @classmethod
    def _check_highlight(cls, highlight: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        table = ValidationContext.get(info).tables.get(info.data.get("dataset"))
        category = info.data.get("category")
        if table is not None and category is not None:
            known = {str(v) for v in table.column(category)}
            for name in highlight:
                if name not in known:
                    hint = did_you_mean(name, known)
                    raise invalid(
                        "highlight", f"{quoted(name)} is not a {quoted(category)} in the data{hint}"
                    )
        return highlight


def bar_colours(chart: BarChart, rows: list[Row], theme: Theme) -> list[str]:
    """A colour per bar: the story's entities in theirs, the rest grey; all in the accent when none is
    singled out. The picture and the native chart both colour bars by this."""
    default = theme.colours.other if chart.highlight else theme.colours.accent
    names = [str(row[chart.category]) for row in rows]
    ruled = [theme.entity_colour(chart.highlight[n]) if n in chart.highlight else default for n in names]
    return [chart.colors.get(name, colour) for name, colour in zip(names, ruled, strict=True)]


class BarKind(ChartKind):
    spec = BarChart
    title = "Bar chart"

    def draw(self, canvas: Canvas, box: Extent, chart: BarChart, report: Report) -> None:
        from aigap_docs.charts.kinds._bars import Bar, Bars, Group, Segment, draw_bars
        from aigap_docs.charts.kinds._common import drop_missing

        rows, box = drop_missing(canvas, box, self.rows(chart, report), (chart.value,), chart.category)
        values = [float(row[chart.value]) for row in rows]  # type: ignore[arg-type]
        decimals = series_decimals(report, chart, chart.value, values)
        colours = bar_colours(chart, rows, canvas.style.theme)
        symbols = number_symbols(report.language)
        groups = []
        for row, value, colour in zip(rows, values, colours, strict=True):
            name = str(row[chart.category])
            highlighted = name in chart.highlight
            label = format_value(value, chart.labels, decimals, symbols)
            bar = Bar((Segment(value, 0.0, colour),), label, bold=highlighted)
            groups.append(Group(name, (bar,), highlighted=highlighted))
        horizontal = chart.orientation == "horizontal"
        draw_bars(canvas, box, Bars(groups, horizontal, chart.labels, symbols, values=chart.value_labels))

    def natural_height(
        self, chart: BarChart, report: Report, theme: Theme, medium: Medium, width: float
    ) -> float | None:
        """Horizontal bars: their rows at full pitch; columns fill their slot (their height is the scale)."""
        if chart.orientation != "horizontal":
            return None
        return bars_height(chart, theme, medium, width, len(self.rows(chart, report)), 1, ())

    def alt_values(self, chart: BarChart, rows: list[Row], label: Any, report: Report) -> list[str]:
        return [f"{r[chart.category]} {label(r[chart.value])}" for r in rows]

    def native(self, chart: BarChart, report: Report, theme: Theme) -> NativeChart:
        rows = self.rows(chart, report)
        values = tuple(row[chart.value] for row in rows)
        series = native_series(report, chart, chart.value, values, tuple(bar_colours(chart, rows, theme)))  # type: ignore[arg-type]
        return NativeChart(
            chart.kind,
            "bar" if chart.orientation == "horizontal" else "column",
            tuple(str(row[chart.category]) for row in rows),
            (series,),
            value_axis(chart.labels, (0.0, *series.values)),
            heading(chart),
            value_labels=chart.value_labels,
        )
