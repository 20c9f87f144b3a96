"""Which rows of a dataset a chart or table shows, in which order: `where`, `sort` and `top` in one place.

Charts (through `ChartKind.rows`) and tables (through `tables.table_view`) both select their rows here, so a
filter means the same in every output; a kind then orders what is left its own way (a bar chart ranks).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Any

from aigap_docs.model import Cell, RowSort, Where

Row = dict[str, Cell]

_COMPARE = {
    "=": operator.eq,
    "not": operator.ne,
    "in": lambda value, choices: value in choices,
    "not_in": lambda value, choices: value not in choices,
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def select_rows(
    rows: Iterable[Row], where: Where | None = None, sort: RowSort | None = None, top: int | None = None
) -> list[Row]:
    """The rows that meet `where`, in `sort`'s order (else the data's), the first `top` of them."""
    kept = [row for row in rows if matches(row, where)] if where else list(rows)
    if sort is not None:
        kept = sort_rows(kept, sort.by, descending=sort.order == "desc")
    return kept[:top] if top else kept


def ranking(chart: Any, types: dict[str, str]) -> RowSort | None:
    """The order a chart's `top` keeps rows in: its `sort`, or for a kind's own ranking (a bar chart's
    `sort: descending`) its first number column in that direction, so `top: 10` keeps the ten largest."""
    if isinstance(chart.sort, RowSort) or chart.sort is None:
        return chart.sort
    numbers = [column for column in chart.columns() if types.get(column) in ("number", "integer")]
    if chart.sort not in ("ascending", "descending") or not numbers:
        return None
    return RowSort(by=numbers[0], order="desc" if chart.sort == "descending" else "asc")


def matches(row: Row, where: Where | None) -> bool:
    """Whether `row` meets every condition; a missing value meets only `not` and `not_in`."""
    for column, condition in (where or {}).items():
        value = row[column]
        for name, wanted in condition.items():
            if value is None:
                if name not in ("not", "not_in"):
                    return False
            elif not _COMPARE[name](value, wanted):
                return False
    return True


def sort_rows(rows: Iterable[Row], column: str, descending: bool = False) -> list[Row]:
    """`rows` ordered by `column`, ties in the data's order; rows with no data in it come last either way."""
    rows = list(rows)
    present = [row for row in rows if row[column] is not None]
    missing = [row for row in rows if row[column] is None]
    present.sort(key=lambda row: row[column], reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing
