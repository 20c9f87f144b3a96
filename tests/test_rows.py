"""Row selection shared by charts and tables: `where`, `sort` and `top`, and their located errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aigap_docs.charts.kinds import ordered_rows
from aigap_docs.errors import ContentError
from aigap_docs.loader import load_report
from aigap_docs.model import RowSort
from aigap_docs.rows import matches, select_rows, sort_rows
from aigap_docs.tables import table_view

from .conftest import edit

ROWS = [
    {"name": "a", "value": 3.0, "year": dt.date(2015, 1, 1)},
    {"name": "b", "value": None, "year": dt.date(2016, 1, 1)},
    {"name": "c", "value": 7.0, "year": dt.date(2017, 1, 1)},
    {"name": "d", "value": 1.0, "year": None},
]


def names(rows):
    return [row["name"] for row in rows]


@pytest.mark.parametrize(
    ("where", "kept"),
    [
        ({"name": {"=": "a"}}, ["a"]),
        ({"name": {"in": ["a", "c"]}}, ["a", "c"]),
        ({"name": {"not": "a"}}, ["b", "c", "d"]),
        ({"name": {"not_in": ["a", "b"]}}, ["c", "d"]),
        ({"value": {">": 1.0}}, ["a", "c"]),
        ({"value": {">=": 1.0, "<": 7.0}}, ["a", "d"]),
        ({"value": {"not": 3.0}}, ["b", "c", "d"]),  # a missing value meets `not`
        ({"year": {"<=": dt.date(2016, 1, 1)}}, ["a", "b"]),
    ],
)
def test_where_keeps_the_rows_meeting_every_condition(where, kept):
    assert names(r for r in ROWS if matches(r, where)) == kept


def test_sort_puts_missing_values_last_in_either_order_and_top_keeps_the_first():
    assert names(sort_rows(ROWS, "value")) == ["d", "a", "c", "b"]
    assert names(sort_rows(ROWS, "value", descending=True)) == ["c", "a", "d", "b"]
    assert names(select_rows(ROWS, {"name": {"not": "c"}}, RowSort(by="value", order="desc"), 2)) == [
        "a",
        "d",
    ]


@pytest.fixture
def folder(starter: Path) -> Path:
    return starter


def bar_chart(folder: Path, options: str) -> None:
    chart = "  bars:\n    kind: bar\n    dataset: example\n    title: Bars\n    category: region\n    value: value_2024\n"
    edit(folder, "tables:", chart + "".join(f"    {line}\n" for line in options.splitlines()) + "\ntables:")


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


def test_a_charts_where_and_top_choose_the_rows_before_the_kind_ranks_them(folder):
    bar_chart(folder, "top: 2")
    report = load_report(folder)
    assert [r["region"] for r in ordered_rows(report.charts["bars"], report)] == ["Region A", "Region B"]
    edit(folder, "top: 2", "where: {region: {not: Region A}}")
    report = load_report(folder)
    assert [r["region"] for r in ordered_rows(report.charts["bars"], report)] == ["Region B", "Region C"]


def test_a_charts_sort_by_another_column_decides_which_rows_top_keeps(folder):
    edit(folder, '    start_label: "2023"', '    sort: {by: value_2023}\n    top: 2\n    start_label: "2023"')
    report = load_report(folder)
    assert [r["region"] for r in ordered_rows(report.charts["example-change"], report)] == [
        "Region B",
        "Region C",
    ]


def test_a_tables_where_sort_and_top(folder):
    edit(
        folder,
        "    columns: [region, value_2023, value_2024]",
        "    columns: [region, value_2023, value_2024]\n    where: {value_2024: {'>=': 3}}\n"
        "    sort: {by: value_2024, order: asc}\n    top: 5",
    )
    assert [row[0] for row in table_view(load_report(folder), "example-table").rows] == [
        "Region B",
        "Region A",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "where: {regoin: Europe}",
            "charts.bars.where.regoin: dataset 'example' has no column 'regoin' (did you mean 'region'?)",
        ),
        (
            "where: {region: {'>': A}}",
            "charts.bars.where.region: column 'region' is text: '>' compares numbers and dates",
        ),
        (
            "where: {value_2024: {'>=': many}}",
            "charts.bars.where.value_2024: column 'value_2024' is a number column: compare it with a number, not 'many'",
        ),
        (
            "where: {value_2024: {'=>': 3}}",
            "charts.bars.where.value_2024: unknown condition '=>' (did you mean '>'?); expected one of: =, not, in, not_in, >, >=, <, <=",
        ),
        (
            "where: {value_2024: {in: 3}}",
            "charts.bars.where.value_2024: 'in' takes a list of values such as [a, b]",
        ),
        ("where: {region: Atlantis}", "charts.bars.where: no row of dataset 'example' meets every condition"),
        (
            "where: [region]",
            "charts.bars.where: expected a mapping of column: condition, such as {region: Europe}",
        ),
        ("top: 0", "charts.bars.top: expected greater than or equal to 1, got 0"),
    ],
)
def test_bad_row_selection_is_a_located_error(folder, options, message):
    bar_chart(folder, options)
    assert problems(folder) == [message]


def test_a_sort_column_must_be_the_datasets(folder):
    edit(
        folder,
        "    columns: [region, value_2023, value_2024]",
        "    columns: [region, value_2023]\n    sort: {by: value2024, order: down}",
    )
    assert problems(folder) == [
        "tables.example-table.sort.order: expected one of 'asc', 'desc', 'ascending' or 'descending', got 'down'",
    ]
    edit(folder, "order: down", "order: desc")
    assert problems(folder) == [
        "tables.example-table.sort.by: dataset 'example' has no column 'value2024' (did you mean 'value_2024'?)"
    ]
