"""Native charts at parity with their pictures, read back from the chart XML: category names low beside
the axis when values are negative, value labels, lines named at their ends with their first and last
values, the unit on the axis, stacked bars stacked, gaps for missing values, and axis ids that OOXML
validators accept."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openxml_audit
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn

from aigap_docs.charts.kinds import kind_of
from aigap_docs.loader import load_report
from aigap_docs.model import ChartSlide, DataTable
from aigap_docs.theme import load_theme

KINDS = Path(__file__).parents[2] / "charts" / "fixtures" / "kinds"
THEME = load_theme()


@pytest.fixture(scope="module")
def kinds_report():
    return load_report(KINDS)


def native_frames(report, build_deck, *chart_ids):
    """Each chart on a slide of its own, built as native charts; the chart frames in order."""
    slides = [ChartSlide(layout="chart", title=f"Chart {c}", chart=c) for c in chart_ids]
    deck = build_deck(report.model_copy(update={"slides": slides}), THEME, native_charts=True)
    frames = [s for slide in Presentation(io.BytesIO(deck.data)).slides for s in slide.shapes if s.has_chart]
    return deck, frames


def native_ids(report):
    return [c for c, chart in sorted(report.charts.items()) if kind_of(chart).can_be_native()]


def test_every_axis_id_is_an_unsigned_int_and_each_build_writes_the_same(kinds_report, build_deck):
    deck, _ = native_frames(kinds_report, build_deck, *native_ids(kinds_report))
    package = zipfile.ZipFile(io.BytesIO(deck.data))
    charts = [n for n in package.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
    assert charts
    for name in charts:
        ids = re.findall(rb'<c:(?:axId|crossAx) val="([^"]*)"', package.read(name))
        assert ids and all(0 <= int(i) <= 2**32 - 1 for i in ids), (
            name,
            ids,
        )  # python-pptx wrote -2068027336


def test_category_names_sit_low_beside_the_axis_when_values_are_negative(kinds_report, build_deck):
    _, (negative, positive) = native_frames(kinds_report, build_deck, "bar-negative", "grouped-vertical")
    position = negative.chart.category_axis._element.find(qn("c:tickLblPos"))
    assert position is not None and position.get("val") == "low"
    kept = positive.chart.category_axis._element.find(qn("c:tickLblPos"))
    assert kept is None or kept.get("val") != "low"


def test_stacked_bars_are_native_stacked_bars_with_their_parts_labelled(kinds_report, build_deck):
    stacked = native_ids(kinds_report)
    stacked = [c for c in stacked if kinds_report.charts[c].kind == "stacked_bar"]
    assert stacked
    _, frames = native_frames(kinds_report, build_deck, *stacked)
    for chart_id, frame in zip(stacked, frames, strict=True):
        horizontal = kinds_report.charts[chart_id].orientation == "horizontal"
        expected = XL_CHART_TYPE.BAR_STACKED if horizontal else XL_CHART_TYPE.COLUMN_STACKED
        assert frame.chart.chart_type == expected
        assert frame.chart.plots[0].has_data_labels


def test_a_native_line_is_named_at_its_end_with_first_and_last_values_and_the_unit_on_its_axis(
    kinds_report, build_deck
):
    report = kinds_report.model_copy()
    table = report.table("years")
    last = {**table.rows[-1], "china": 50.0}  # China and Europe ended close: their labels would overlap
    report._data = {**report._data, "years": DataTable(table.types, (*table.rows[:-1], last), table.key)}
    _, (frame,) = native_frames(report, build_deck, "line-years")
    chart = frame.chart
    assert not chart.has_legend  # named at the ends, as the picture does
    for series in chart.plots[0].series:
        labels = series._element.findall(qn("c:dLbls") + "/" + qn("c:dLbl"))
        shown = {
            int(label.find(qn("c:idx")).get("val")): label.find(qn("c:showSerName")).get("val")
            for label in labels
        }
        last = len(list(series.values)) - 1
        assert shown == {last: "1", 0: "0"}  # the name (and value) at the end, the value at the start
    tick_format = chart.value_axis._element.find(qn("c:numFmt"))
    assert (
        tick_format.get("formatCode") == '"$"#,##0"B";"\u2212""$"#,##0"B"'  # whole steps: no decimals
        and tick_format.get("sourceLinked") == "0"
    )


def test_a_missing_value_is_an_empty_point_and_a_line_has_a_gap_there(kinds_report, build_deck):
    report = kinds_report.model_copy()
    table = report.table("years")
    rows = tuple({**row, "china": None} if i == 2 else row for i, row in enumerate(table.rows))
    report._data = {**report._data, "years": DataTable(table.types, rows, table.key)}
    _, (frame,) = native_frames(report, build_deck, "line-years")
    china = frame.chart.plots[0].series[1]
    points = [int(p.get("idx")) for p in china._element.findall(".//" + qn("c:val") + "//" + qn("c:pt"))]
    assert 2 not in points and len(points) == len(rows) - 1
    blanks = frame.chart._chartSpace.find(".//" + qn("c:dispBlanksAs"))
    assert blanks is None or blanks.get("val") == "gap"


def test_lines_ending_close_together_are_named_in_a_legend_instead(kinds_report, build_deck):
    _, (frame,) = native_frames(kinds_report, build_deck, "line-years")  # China and Europe end 0.6 apart
    assert frame.chart.has_legend
    assert not any(
        s._element.findall(".//" + qn("c:showSerName") + "[@val='1']") for s in frame.chart.plots[0].series
    )
    starts = [
        s._element.findall(".//" + qn("c:dLbl") + "/" + qn("c:idx")) for s in frame.chart.plots[0].series
    ]
    assert [[i.get("val") for i in found] for found in starts] == [["0"]] * 3  # first values, apart, stay


def test_every_native_chart_kind_passes_an_independent_ooxml_validator(kinds_report, build_deck, tmp_path):
    """openxml-audit checks every part against the ECMA-376 schemas (python-pptx's negative axis ids fail)."""
    deck, frames = native_frames(kinds_report, build_deck, *native_ids(kinds_report))
    assert frames
    path = tmp_path / "native.pptx"
    path.write_bytes(deck.data)
    result = openxml_audit.validate_pptx(str(path))
    assert [str(error) for error in result.errors] == []


def test_a_deck_without_native_charts_loads_no_workbook_writer():
    # xlsxwriter and python-pptx's chart data took 0.02 s of every deck build; only native charts need them.
    script = (
        "import sys, aigap_docs.exporters.deck.writer; print(sorted(m for m in sys.modules if 'xlsx' in m))"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
