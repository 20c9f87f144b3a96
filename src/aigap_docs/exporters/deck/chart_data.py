"""A native chart's data for python-pptx, its embedded workbook holding values only.

A module of its own so that xlsxwriter and python-pptx's chart data load only in a build that writes a
native chart (0.02 s of every deck build before).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from xlsxwriter import Workbook


class _ValuesWorkbook(CategoryWorkbookWriter):
    """python-pptx's workbook of a chart's data with every cell written as a value. xlsxwriter's `write()`
    makes a formula of text starting with '=' (a spreadsheet would run it when the chart's data is edited)
    and a link of text that looks like a URL."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[Any, Any]]:
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        yield workbook, workbook.add_worksheet()
        workbook.close()


class ValuesChartData(CategoryChartData):
    """Chart data whose embedded workbook holds values only (see _ValuesWorkbook)."""

    @cached_property
    def _workbook_writer(self) -> _ValuesWorkbook:
        return _ValuesWorkbook(self)
