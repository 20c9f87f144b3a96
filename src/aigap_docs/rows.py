"""Which rows of a dataset a chart or table shows, in which order: `where`, `sort` and `top` in one place."""

from __future__ import annotations

from collections.abc import Iterable

from aigap_docs.model import Cell

Row = dict[str, Cell]


def sort_rows(rows: Iterable[Row], column: str, descending: bool = False) -> list[Row]:
    """`rows` ordered by `column`, ties in the data's order; rows with no data in it come last either way."""
    rows = list(rows)
    present = [row for row in rows if row[column] is not None]
    missing = [row for row in rows if row[column] is None]
    present.sort(key=lambda row: row[column], reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing
