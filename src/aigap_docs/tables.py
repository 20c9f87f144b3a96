"""A table spec as rows of formatted cells and one column-width rule, so the deck and the brief print
the same values in the same layout, each scaled to its own width."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from aigap_docs.model import Cell, Report, RichText, TableColumn
from aigap_docs.rows import select_rows
from aigap_docs.text import ENGLISH, NumberSymbols, format_number, number_symbols

Measure = Callable[[str, bool], float]
"""(text, is it the header) -> the width a cell needs to hold that text on one line, its padding included."""

WORD_SHARE = 0.4
"""The most of the table's width that one column's longest word can demand."""


@dataclass(frozen=True)
class TableView:
    """What a native table shows: headers, formatted cells, which columns are numbers (right-aligned)."""

    title: RichText
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    note: RichText | None
    citation: str


def table_view(report: Report, table_id: str) -> TableView:
    """The table's cells in display order: sorted if asked, numbers as the source prints them, with the
    decimal and grouping symbols of the report's language."""
    spec = report.tables[table_id]
    dataset = report.datasets[spec.dataset]
    data = report.table(spec.dataset)
    rows = select_rows(data.rows, spec.where, spec.order, spec.top)
    headers, numeric, printers = [], [], []
    symbols = number_symbols(report.language)
    for column in spec.columns:
        declared = dataset.columns[column.column]
        is_number = declared.type in ("number", "integer")
        header = column.label or declared.label or column.column
        if is_number and column.unit == "header" and declared.unit and not _names(header, declared.unit):
            header += f" ({declared.unit})"
        headers.append(header)
        numeric.append(is_number)
        printers.append(_printer(column, declared.decimals, symbols))
    cells = [[show(row[c.column]) for c, show in zip(spec.columns, printers, strict=True)] for row in rows]
    return TableView(spec.title, headers, cells, numeric, spec.note, report.citation(spec))


def _names(header: str, unit: str) -> bool:
    """Whether `header` already names `unit` (in any case), so it is not said twice."""
    return unit.casefold() in header.casefold()


def _printer(
    column: TableColumn, declared_decimals: int | None, symbols: NumberSymbols
) -> Callable[[Cell], str]:
    """How a table column prints each of its cells, by its options."""
    decimals = column.decimals if column.decimals is not None else declared_decimals
    suffix = ("%" if column.percent else "") + column.suffix

    def show(value: Cell) -> str:
        return format_cell(
            value,
            decimals,
            grouping=column.thousands,
            sign=column.sign,
            prefix=column.prefix,
            suffix=suffix,
            symbols=symbols,
        )

    return show


MISSING = "\u2013"
"""What a table prints for a missing value: an en dash, in the deck and the brief alike."""


def format_cell(
    value: Cell,
    decimals: int | None = None,
    *,
    grouping: bool = True,
    sign: bool = False,
    prefix: str = "",
    suffix: str = "",
    symbols: NumberSymbols = ENGLISH,
) -> str:
    """A cell as printed: numbers by format_number (grouped unless asked not to, a true minus sign, the
    column's sign, prefix and suffix, the language's `symbols`), dates in ISO form, a missing value as
    MISSING."""
    if value is None:
        return MISSING
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return format_number(
        value, decimals=decimals, grouping=grouping, sign=sign, prefix=prefix, suffix=suffix, symbols=symbols
    )


def column_widths(view: TableView, measure: Measure, width: float) -> list[float]:
    """The table's column widths filling `width`, in the unit `measure` returns: the rule of both outputs.

    A column's natural width keeps each of its cells on one line; its minimum keeps its longest word
    whole (a number column's minimum is its natural width, so numbers never wrap). share_width does the
    rest.
    """
    natural, minimum = [], []
    for column, numeric in enumerate(view.numeric):
        cells = [(view.headers[column], True), *((row[column], False) for row in view.rows)]
        natural.append(max(measure(text, head) for text, head in cells))
        words = cells if numeric else [(word, head) for text, head in cells for word in text.split() or [""]]
        minimum.append(max(measure(word, head) for word, head in words))
    return share_width(natural, minimum, width)


def share_width(natural: Sequence[float], minimum: Sequence[float], width: float) -> list[float]:
    """Widths that fill `width`, the way browsers lay out an automatic table.

    When every column fits at its natural width, the spare room is shared in proportion to it; otherwise
    every column gets its minimum and the same fraction of what it would need beyond it. No word may
    claim more than WORD_SHARE of the table: a longer one (a pasted URL, say) breaks rather than squeeze
    the other columns to a letter a line. If even the minimums do not fit, they are scaled down and the
    longest words break.
    """
    natural = [max(n, m) for n, m in zip(natural, minimum, strict=True)]
    minimum = [min(m, width * WORD_SHARE) for m in minimum]
    if sum(natural) <= width:
        return [n * width / sum(natural) for n in natural]
    if sum(minimum) >= width:
        return [m * width / sum(minimum) for m in minimum]
    share = (width - sum(minimum)) / (sum(natural) - sum(minimum))
    return [m + (n - m) * share for n, m in zip(natural, minimum, strict=True)]
