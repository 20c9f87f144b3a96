"""A sheet of an Excel workbook (.xlsx) as rows of text, so the loader checks it as it checks a CSV file.

The file is checked first as any Office package is (ooxml.py: no zip bomb, encryption or DTD, within the
limits of limits.py), and openpyxl is given the bytes checked, never the file. It reads the workbook
read-only (its sheets streamed, never whole) and twice: once for the values Excel saved
with it, once for the formulas, so that a formula whose result was never saved (a file written by a script
and not opened since) is an error naming its cell rather than a silent gap. Values are never computed here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aigap_docs import ooxml
from aigap_docs.errors import ContentError, Problem, SourceRef, did_you_mean, quoted
from aigap_docs.limits import (
    MAX_CSV_ROWS,
    MAX_FILE_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_PART_BYTES,
    MAX_WORKBOOK_PART_ELEMENTS,
    MAX_WORKBOOK_PARTS,
    MAX_WORKBOOK_RATIO,
)

SUFFIXES = (".xlsx", ".xlsm")
NOT_A_WORKBOOK = "not readable as an Excel workbook (.xlsx)"
WORKBOOK = ooxml.Kind(
    noun="workbook",
    application="Excel",
    unreadable=NOT_A_WORKBOOK,
    usual_parts="an Excel workbook has a few dozen",
    error=ContentError,
    max_file_bytes=MAX_FILE_BYTES,
    max_bytes=MAX_WORKBOOK_BYTES,
    max_part_bytes=MAX_WORKBOOK_PART_BYTES,
    max_ratio=MAX_WORKBOOK_RATIO,
    max_parts=MAX_WORKBOOK_PARTS,
    max_elements=MAX_WORKBOOK_PART_ELEMENTS,
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a file of Office's older container starts: an .xls, or an .xlsx saved with a password."""
MAX_SHEET_ROWS = 2 * MAX_CSV_ROWS
"""Rows read from a sheet, blank ones included, before it is refused as too long."""
EXTRA_COLUMNS = 20
"""Columns read beyond those the dataset declares: enough to report stray ones, while a sheet that claims
16,384 columns costs no more than its declared width."""


def is_workbook(path: Path) -> bool:
    """Whether the dataset file at `path` is an Excel workbook (by its name)."""
    return path.suffix.lower() in SUFFIXES


class Sheet:
    """One sheet of an open workbook: its rows as text, where each cell is, and the problems met."""

    def __init__(self, values: Any, formulas: Any, shown: str, name: str, width: int):
        self._values, self._formulas = values, formulas
        self.shown, self.name, self.width = shown, name, width
        self.problems: list[Problem] = []

    def at(self, row: int, column: int | None) -> SourceRef:
        """Where a problem is: `data/x.xlsx: sheet 'GDP' cell C7` (or `row 7`)."""
        from openpyxl.utils import get_column_letter

        place = f"cell {get_column_letter(column + 1)}{row}" if column is not None else f"row {row}"
        return SourceRef(f"{self.shown}: sheet {quoted(self.name)} {place}")

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """Each row's number and cells as text (trailing empty cells dropped; a short row is padded to
        the header's width, as a sheet does not store blank cells)."""
        values = self._values.iter_rows(max_col=self.width)
        formulas = self._formulas.iter_rows(max_col=self.width)
        header_width = 0
        for number, (row, written) in enumerate(zip(values, formulas, strict=False), start=1):
            if number > MAX_SHEET_ROWS:  # blank rows too: a sheet's XML may hold millions of them
                message = f"more than {MAX_CSV_ROWS:,} rows: aggregate the data first"
                raise ContentError([Problem(self.at(number, None), message)])
            cells = [
                self._text(number, i, cell, formula)
                for i, (cell, formula) in enumerate(zip(row, written, strict=False))
            ]
            while cells and not cells[-1]:
                cells.pop()
            header_width = header_width or len(cells)
            yield number, cells + [""] * (header_width - len(cells))

    def _text(self, row: int, column: int, cell: Any, formula: Any) -> str:
        value = cell.value
        if value is None:
            if isinstance(formula.value, str) and formula.value.startswith("="):
                shown = quoted(formula.value)
                advice = "open the file in Excel or LibreOffice and save it, so its results are stored"
                self.problems.append(
                    Problem(self.at(row, column), f"formula {shown} has no saved value: {advice}")
                )
            return ""
        return text_of(value)


def text_of(value: Any) -> str:
    """A cell's value as a CSV would hold it: numbers as written (a whole float without '.0'), dates in
    ISO form (a date and time at midnight as its date)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


@contextlib.contextmanager
def open_sheet(path: Path, name: str, shown: str, width: int) -> Iterator[Sheet]:
    """The sheet `name` of the workbook at `path`, reading at most `width` + EXTRA_COLUMNS columns;
    ContentError if the file is no workbook, is hostile or beyond the limits, or has no such sheet."""
    import openpyxl  # only reports with a workbook pay for importing it

    data = _checked(path, shown)
    books = []
    try:
        for data_only in (True, False):
            books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        for book in books:
            book.close()
        reason = str(error) or type(error).__name__
        raise ContentError([Problem(SourceRef(shown), f"{NOT_A_WORKBOOK}: {reason}")]) from None
    try:
        names = books[0].sheetnames
        if name not in names:
            listing = ", ".join(quoted(n) for n in names)
            message = (
                f"no sheet {quoted(name)} in the workbook{did_you_mean(name, names)} (sheets: {listing})"
            )
            raise ContentError([Problem(SourceRef(shown), message)])
        sheets = [book[name] for book in books]
        for sheet in sheets:
            sheet.reset_dimensions()  # rows as stored, not as many as the sheet's stated size claims
        yield Sheet(*sheets, shown, name, width + EXTRA_COLUMNS)
    finally:
        for book in books:
            book.close()


def _checked(path: Path, shown: str) -> bytes:
    """The workbook's bytes once ooxml.py has checked them; a password-protected workbook is not a zip at
    all but Office's older container, and is told so."""
    with path.open("rb") as file:
        start = file.read(len(_OLE))
    if start == _OLE:
        message = f"{NOT_A_WORKBOOK}: it is encrypted or an old .xls: save it as .xlsx without a password"
        raise ContentError([Problem(SourceRef(shown), message)])
    return ooxml.read_checked(path, shown, WORKBOOK)
