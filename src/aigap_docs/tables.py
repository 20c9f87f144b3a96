"""A table spec as rows of formatted cells, so the deck and the brief print exactly the same values."""

from __future__ import annotations

from dataclasses import dataclass

from aigap_docs.model import Report, RichText, Value
from aigap_docs.text import MINUS, format_number


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
    """The table's cells in display order: sorted if asked, numbers as the source prints them."""
    spec = report.tables[table_id]
    dataset = report.datasets[spec.dataset]
    data = report.table(spec.dataset)
    rows = list(data.rows)
    if spec.sort_by:
        rows.sort(key=lambda row: row[spec.sort_by], reverse=spec.descending)  # type: ignore[arg-type,return-value]
    headers, numeric = [], []
    for column in spec.columns:
        declared = dataset.columns[column.column]
        is_number = declared.type in ("number", "integer")
        header = column.label or declared.label or column.column
        if is_number and declared.unit and declared.unit not in header:
            header += f" ({declared.unit})"
        headers.append(header)
        numeric.append(is_number)
    cells = [[format_cell(row[c.column], c.decimals) for c in spec.columns] for row in rows]
    return TableView(spec.title, headers, cells, numeric, spec.note, report.citation(spec))


def format_cell(value: Value, decimals: int | None = None) -> str:
    """A cell as printed: thousands grouped, decimals as the CSV has them unless fixed, a true minus sign."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = format_number(abs(value), decimals, grouping=True)
    return f"{MINUS}{text}" if value < 0 else text
