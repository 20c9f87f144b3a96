"""Missing values: an empty cell or a dataset's `na` marker is None where the column allows gaps; tables
print a dash, alt text says 'no data', a data reference to a gap is an error naming the cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigap_docs.charts.alt import alt_text
from aigap_docs.errors import ContentError
from aigap_docs.loader import load_report
from aigap_docs.tables import MISSING, format_cell, table_view

from .conftest import edit


@pytest.fixture
def folder(starter: Path) -> Path:
    return starter


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    return [str(p) for p in caught.value.problems]


def with_gap(folder: Path, cell: str = "") -> None:
    """Region A has no 2023 value."""
    edit(folder, "Region A,12.5,", f"Region A,{cell},", "data/example.csv")


def test_an_empty_cell_of_a_column_not_declared_nullable_is_a_located_error(folder):
    with_gap(folder)
    assert problems(folder) == [
        f"{folder}/data/example.csv:2: column 'value_2023': empty value: declare the column "
        "`nullable: true` (or the dataset's `na:`) to allow gaps"
    ]


def test_an_empty_cell_of_a_nullable_column_is_a_missing_value(folder):
    with_gap(folder)
    edit(
        folder,
        'value_2023: {type: number, unit: units, label: "2023"}',
        'value_2023: {type: number, unit: units, label: "2023", nullable: true}',
    )
    edit(folder, "{example[Region B].value_2023:.1f} to", "{example[Region B].value_2024:.1f} to")
    report = load_report(folder)
    assert report.table("example").row("Region A")["value_2023"] is None


@pytest.mark.parametrize("marker", ["NA", "..", ""])
def test_a_dataset_na_list_allows_gaps_in_every_column_but_the_key(folder, marker):
    with_gap(folder, marker)
    edit(folder, "    where: Table 1, p.1\n", "    where: Table 1, p.1\n    na: [NA, n/a, '..']\n")
    table = load_report(folder).table("example")
    assert table.row("Region A")["value_2023"] is None
    assert table.row("Region B")["value_2023"] is not None


def test_an_na_marker_in_a_column_without_gaps_is_still_an_error(folder):
    with_gap(folder, "NA")
    assert problems(folder) == [f"{folder}/data/example.csv:2: column 'value_2023': 'NA' is not a number"]


def test_the_key_column_cannot_be_nullable(folder):
    edit(folder, "region: {type: text, label: Region}", "region: {type: text, label: Region, nullable: true}")
    line = (folder / "report.yaml").read_text().splitlines().index(
        "      region: {type: text, label: Region, nullable: true}"
    ) + 1
    assert problems(folder) == [
        f"{folder}/report.yaml:{line}:53: datasets.example.columns.region.nullable: the key column 'region'"
        " names every row, so it cannot be nullable"
    ]


def test_a_reference_to_a_missing_value_is_an_error_naming_the_cell(folder):
    with_gap(folder)
    edit(
        folder,
        'value_2023: {type: number, unit: units, label: "2023"}',
        'value_2023: {type: number, unit: units, label: "2023", nullable: true}',
    )
    edit(folder, "Region C was the only region to fall.", "A had {example[Region A].value_2023}.")
    [problem] = problems(folder)
    assert problem.endswith(
        f"findings[1]: data reference to a missing value: {folder}/data/example.csv:2, column 'value_2023' has no data"
    )


def test_tables_print_a_dash_and_sort_missing_values_last(folder):
    with_gap(folder, "NA")
    edit(folder, "    where: Table 1, p.1\n", "    where: Table 1, p.1\n    na: [NA]\n")
    edit(folder, "{example[Region B].value_2023:.1f} to", "{example[Region B].value_2024:.1f} to")
    edit(
        folder,
        "    columns: [region, value_2023, value_2024]",
        "    columns: [region, value_2023, value_2024]\n    sort_by: value_2023\n    descending: false",
    )
    view = table_view(load_report(folder), "example-table")
    assert [row[:2] for row in view.rows] == [["Region C", "3.2"], ["Region B", "8"], ["Region A", "\u2013"]]
    assert format_cell(None) == MISSING == "\u2013"


def test_alt_text_says_no_data_for_a_missing_value(folder):
    with_gap(folder, "NA")
    edit(folder, "    where: Table 1, p.1\n", "    where: Table 1, p.1\n    na: [NA]\n")
    edit(folder, "{example[Region B].value_2023:.1f} to", "{example[Region B].value_2024:.1f} to")
    text = alt_text(load_report(folder), "example-change")
    assert "Region A no data to 14" in text
