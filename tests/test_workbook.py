"""Datasets read from a sheet of an Excel workbook: values not formulas, dates as dates, located errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from aigap_docs.errors import ContentError
from aigap_docs.loader import load_report
from aigap_docs.scaffold import create_report
from aigap_docs.workbook import text_of

DATASET = """    file: data/figures.xlsx
    sheet: GDP
    source: example-source
    columns:
      region: {type: text, label: Region}
      value_2023: {type: number, unit: units, label: "2023"}
      value_2024: {type: number, unit: units, label: "2024"}
      updated: {type: date}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content" / "demo"
    create_report(target)
    path = target / "report.yaml"
    text = path.read_text()
    start = text.index("    file: data/example.csv")
    end = text.index("\ncharts:")
    path.write_text(text[:start] + DATASET + text[end:])
    return target


def workbook(folder: Path, rows: list[list[object]], sheet: str = "GDP") -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    ws = book.create_sheet(sheet)
    for row in rows:
        ws.append(row)
    path = folder / "data" / "figures.xlsx"
    book.save(path)
    return path


HEADER = ["region", "value_2023", "value_2024", "updated"]
DAY = dt.datetime(2025, 3, 1)


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    return [str(p) for p in caught.value.problems]


def test_a_dataset_reads_the_values_of_a_named_sheet(folder):
    workbook(
        folder, [HEADER, ["Region A", 12.5, 14, DAY], ["Region B", 8, 11.5, DAY], ["Region C", 3.2, 2.9, DAY]]
    )
    table = load_report(folder).table("example")
    assert table.row("Region A") == {
        "region": "Region A",
        "value_2023": 12.5,
        "value_2024": 14.0,
        "updated": DAY.date(),
    }
    assert table.lines == (2, 3, 4)


def test_a_formula_with_a_saved_value_reads_as_the_value(folder):
    path = workbook(
        folder, [HEADER, ["Region A", 12.5, 14, DAY], ["Region B", 8, 11.5, DAY], ["Region C", 3.2, 2.9, DAY]]
    )
    # openpyxl saves no results, so the saved value is written into the sheet's XML as Excel would.
    import zipfile

    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet2"))
    parts[sheet] = parts[sheet].replace(
        b'<c r="C2" t="n"><v>14</v></c>', b'<c r="C2"><f>B2+1.5</f><v>14</v></c>'
    )
    assert b"<f>B2+1.5</f>" in parts[sheet]
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    assert load_report(folder).table("example").row("Region A")["value_2024"] == 14.0


def test_a_formula_without_a_saved_value_is_an_error_naming_the_cell(folder):
    workbook(folder, [HEADER, ["Region A", 12.5, "=B2*2", DAY], ["Region B", 8, 11.5, DAY]])
    assert problems(folder) == [
        f"{folder}/data/figures.xlsx: sheet 'GDP' cell C2: formula '=B2*2' has no saved value: open the file "
        "in Excel or LibreOffice and save it, so its results are stored"
    ]


def test_a_bad_cell_is_located_by_sheet_and_cell(folder):
    workbook(folder, [HEADER, ["Region A", "n/a", 14, DAY], ["Region B", 8, 11.5, "soon"]])
    assert problems(folder) == [
        f"{folder}/data/figures.xlsx: sheet 'GDP' cell B2: column 'value_2023': 'n/a' is not a number",
        f"{folder}/data/figures.xlsx: sheet 'GDP' cell D3: column 'updated': 'soon' is not a date (expected YYYY-MM-DD)",
    ]


def test_an_unknown_sheet_lists_the_sheets(folder):
    workbook(folder, [HEADER], sheet="GPD")
    assert problems(folder) == [
        f"{folder}/data/figures.xlsx: no sheet 'GDP' in the workbook (did you mean 'GPD'?) (sheets: 'Notes', 'GPD')"
    ]


def test_a_file_that_is_no_workbook_is_a_located_error(folder):
    (folder / "data" / "figures.xlsx").write_text("region,value\n")
    [problem] = problems(folder)
    assert problem.startswith(f"{folder}/data/figures.xlsx: not readable as an Excel workbook (.xlsx): ")


def test_a_workbook_needs_its_sheet_and_a_csv_has_none(folder):
    path = folder / "report.yaml"
    path.write_text(path.read_text().replace("    sheet: GDP\n", ""))
    workbook(folder, [HEADER])
    assert [p.split(": ", 1)[1] for p in problems(folder)] == [
        "datasets.example: 'data/figures.xlsx' is a workbook: name the sheet to read (sheet: Name)"
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10.0, "10"),
        (9.5, "9.5"),
        (-3, "-3"),
        (dt.datetime(2024, 1, 31), "2024-01-31"),
        (dt.date(2024, 1, 31), "2024-01-31"),
        ("x", "x"),
    ],
)
def test_cells_read_as_a_csv_would_write_them(value, text):
    assert text_of(value) == text


def test_a_sheet_of_too_many_rows_is_refused_at_the_row_past_the_limit(folder, monkeypatch):
    monkeypatch.setattr("aigap_docs.workbook.MAX_SHEET_ROWS", 5)
    workbook(
        folder,
        [HEADER] + [[f"Region {i}", 1, 2, DAY] for i in range(3)] + [[]] * 5 + [["Region Z", 1, 2, DAY]],
    )
    assert problems(folder) == [
        f"{folder}/data/figures.xlsx: sheet 'GDP' row 6: more than 100,000 rows: aggregate the data first"
    ]
