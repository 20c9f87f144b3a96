"""Which rows of a dataset a chart or table shows, in which order: `where`, `sort` and `top` in one place.

Charts (through `ChartKind.rows`) and tables (through `tables.table_view`) both select their rows here, so a
filter means the same in every output. A bar chart's `sort: descending` is shorthand for a sort by its value
column (`ranking`); a dumbbell or line chart then draws what is kept in its own order (by start, along x).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Tag

from aigap_docs.errors import did_you_mean, quoted
from aigap_docs.model import Cell, RowSort, Where, invalid

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


SHORTHAND: dict[str, Literal["asc", "desc"] | None] = {"none": None, "ascending": "asc", "descending": "desc"}
"""A kind's `sort:` shorthand and the order it stands for, by the kind's ranked column (None: the data's)."""


def _shorthand(written: Any) -> Any:
    """A shorthand as written, or the one-line error that lists every form `sort:` takes."""
    if isinstance(written, str) and written in SHORTHAND:
        return written
    hint = did_you_mean(written, SHORTHAND) if isinstance(written, str) else ""
    shown = "nothing" if written is None else "a list" if isinstance(written, list) else quoted(written)
    raise invalid(
        "sort",
        f"expected none, ascending, descending or {{by: column, order: asc or desc}}, got {shown}{hint}",
    )


def _sort_form(written: Any) -> str:
    # Tags read `field=form`, as the model's other unions do, so the loader leaves them out of error paths.
    return "sort=mapping" if isinstance(written, (dict, RowSort)) else "sort=shorthand"


SortOrShorthand = Annotated[
    Union[  # noqa: UP007 (Annotated members)
        Annotated[RowSort, Tag("sort=mapping")],
        Annotated[
            Literal["none", "ascending", "descending"], BeforeValidator(_shorthand), Tag("sort=shorthand")
        ],
    ],
    Discriminator(_sort_form),
]
"""`sort:` of a kind that ranks its rows (a bar chart): `{by: column, order: desc}` as on every chart, or
a shorthand that `ranking` turns into that form."""


def ranking(chart: Any) -> RowSort | None:
    """The order `select_rows` puts a chart's rows in, before its `top`: the `sort` mapping as written; a
    shorthand (a bar chart's `sort: descending`) the same mapping by the column the kind ranks by (its
    spec's `ranked_by` field), so `top: 10` keeps the ten largest bars; `none` or no sort: the data's."""
    if chart.sort is None or isinstance(chart.sort, RowSort):
        return chart.sort
    order = SHORTHAND[chart.sort]
    return RowSort(by=getattr(chart, chart.ranked_by), order=order) if order else None


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
