"""A native chart prints its numbers as its picture does: each series' value labels with that series' own
decimals (data.series_decimals), thousands grouped, the chart's prefix and suffix and a true minus; its value
axis grouped, with a set step and the decimals that step needs. Read back from the chart XML and turned into
text by the Excel number format they carry, compared with the texts the picture draws; LibreOffice's
rendering of the deck is read too."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import openxml_audit
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from aigap_docs.charts.draw import draw
from aigap_docs.loader import load_report
from aigap_docs.model import Report
from aigap_docs.text import MINUS
from aigap_docs.theme import load_theme

from ...charts.test_draw import texts
from ..conftest import native_deck, on_chart_slides, written_report

THEME = load_theme()
KINDS = Path(__file__).parents[2] / "charts" / "fixtures" / "kinds"

REPORT = """\
title: Numbers
date: 2025-04-07
authors: [Test]
sources:
  census:
    title: A census
    publisher: Example Institute
    year: 2025
datasets:
  ages:
    file: data/ages.csv
    source: census
    columns:
      age: {type: text, label: Age}
      diff: {type: number, label: Men minus women}
  mixed:
    file: data/mixed.csv
    source: census
    columns:
      region: {type: text, label: Region}
      share: {type: number, label: Share}
      count: {type: number, label: Count}
      rate: {type: number, label: Rate, decimals: 2}
  money:
    file: data/money.csv
    source: census
    columns:
      year: {type: integer, label: Year}
      gain: {type: number, label: Gain}
      tiny: {type: number, label: Tiny}
charts:
  people:
    kind: bar
    dataset: ages
    title: People
    category: age
    value: diff
    sort: none
  people-axis:
    kind: bar
    dataset: ages
    title: People on an axis
    category: age
    value: diff
    sort: none
    value_labels: false
  mixed:
    kind: grouped_bar
    dataset: mixed
    title: Mixed
    category: region
    series: [share, count, rate]
  stacked:
    kind: stacked_bar
    dataset: mixed
    title: Stacked
    category: region
    series: [share, count]
  money:
    kind: bar
    dataset: money
    title: Money
    category: year
    value: gain
    sort: none
    labels: {prefix: "$", suffix: "B"}
  tiny-line:
    kind: line
    dataset: money
    title: Tiny
    x: year
    series: [tiny]
    labels: {suffix: "%"}
slides:
  - layout: title
"""

DATA = {
    "ages.csv": "age,diff\n0 to 4,424666\n5 to 9,482582\n35 to 39,-160465\n75 to 79,-1442989\n",
    "mixed.csv": "region,share,count,rate\nNorth,0.4,3,1.5\nSouth,1.2,12,2\nEast,0.5,7,0.25\n",
    "money.csv": "year,gain,tiny\n2021,1.25,0.1\n2022,-0.5,0.45\n2023,12,0.9\n",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return written_report(tmp_path_factory.mktemp("numbers"), REPORT, DATA)


CHARTS = ("people", "people-axis", "mixed", "stacked", "money", "tiny-line")


@pytest.fixture(scope="module")
def deck(report, build_deck, tmp_path_factory) -> tuple[Path, dict]:
    """The native deck of every chart above, written out, and each chart's frame by id."""
    path = tmp_path_factory.mktemp("numbers-deck") / "numbers.pptx"
    return path, native_deck(build_deck, report, THEME, CHARTS, path)


def excel_text(value: float, code: str) -> str:
    """`value` printed by the Excel number format `code`: the subset native charts write (a positive and
    a negative section of quoted text and one #,##0.00 number). Anything else fails the test."""
    sections = re.findall(r'(?:"[^"]*"|[^;"])+', code)
    section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
    tokens = re.findall(r'"([^"]*)"|(#,##0(?:\.0+)?|0(?:\.0+)?)', section)
    assert "".join(f'"{t}"' if t else n for t, n in tokens) == section, f"unknown format {code!r}"
    numbers = [n for _, n in tokens if n]
    assert len(numbers) == 1, code
    decimals = len(numbers[0].partition(".")[2])
    digits = f"{abs(value):{',' if ',' in numbers[0] else ''}.{decimals}f}"
    sign = "-" if value < 0 and len(sections) == 1 else ""
    return sign + "".join(t if t else digits for t, n in tokens if t or n)


def number_formats(series) -> list[str]:
    """The formats a series' value labels are printed in: its own labels', else its plot's."""
    own = series._element.find(qn("c:dLbls") + "/" + qn("c:numFmt"))
    if own is not None:
        return [own.get("formatCode")]
    plot = series._element.getparent().find(qn("c:dLbls") + "/" + qn("c:numFmt"))
    return [plot.get("formatCode")]


def native_labels(frame) -> list[list[str]]:
    """Each series' value labels, as its number format prints its values."""
    found = []
    for series in frame.chart.plots[0].series:
        [code] = number_formats(series)
        found.append([excel_text(v, code) for v in series.values if v is not None])
    return found


def picture_texts(report: Report, chart_id: str) -> set[str]:
    fig = draw(report.charts[chart_id], report, THEME, THEME.slots.deck_full, "deck", "embedded")
    return {t.get_text() for t in texts(fig)}


def test_a_bar_in_the_hundreds_of_thousands_prints_grouped_labels_with_a_true_minus(report, deck):
    _, frames = deck
    [labels] = native_labels(frames["people"])
    assert labels == ["424,666", "482,582", f"{MINUS}160,465", f"{MINUS}1,442,989"]
    assert set(labels) <= picture_texts(report, "people")


def test_each_series_of_a_grouped_bar_prints_its_own_decimals_as_the_picture(report, deck):
    _, frames = deck
    share, count, rate = native_labels(frames["mixed"])
    assert share == ["0.4", "1.2", "0.5"] and count == ["3", "12", "7"]
    assert rate == ["1.50", "2.00", "0.25"]  # the column's declared decimals
    assert set(share + count + rate) <= picture_texts(report, "mixed")


def test_a_stacked_bar_prints_each_part_with_its_series_decimals(report, deck):
    _, frames = deck
    share, count = native_labels(frames["stacked"])
    assert share == ["0.4", "1.2", "0.5"] and count == ["3", "12", "7"]
    assert {"1.2", "3", "12", "7"} <= picture_texts(report, "stacked")  # the parts thick enough to label


def test_prefix_suffix_and_minus_read_as_the_picture(report, deck):
    _, frames = deck
    [labels] = native_labels(frames["money"])
    assert labels == ["$1.25B", f"{MINUS}$0.50B", "$12.00B"]
    assert set(labels) <= picture_texts(report, "money")


def test_a_line_prints_its_end_values_in_its_series_format(report, deck):
    _, frames = deck
    [series] = frames["tiny-line"].chart.plots[0].series
    codes = {
        n.get("formatCode") for n in series._element.findall(".//" + qn("c:dLbl") + "/" + qn("c:numFmt"))
    }
    assert codes == {'#,##0.00"%";"\u2212"#,##0.00"%"'}
    assert excel_text(0.45, codes.pop()) == "0.45%"


def axis(frame) -> tuple[str, float | None]:
    value_axis = frame.chart.value_axis
    return value_axis._element.find(qn("c:numFmt")).get("formatCode"), value_axis.major_unit


def test_the_value_axis_groups_its_numbers_and_has_the_decimals_of_its_set_step(deck):
    _, frames = deck
    code, step = axis(frames["people-axis"])
    assert step == 500000.0 and code == '#,##0;"\u2212"#,##0'
    assert [excel_text(t, code) for t in (-1500000, 500000)] == [f"{MINUS}1,500,000", "500,000"]
    code, step = axis(frames["tiny-line"])  # 0.1 to 0.9 and zero: steps of 0.2
    assert step == 0.2 and code == '#,##0.0"%";"\u2212"#,##0.0"%"'  # the suffix, not the labels' decimals
    assert frames["tiny-line"].chart.value_axis._element.find(qn("c:numFmt")).get("sourceLinked") == "0"


def test_a_chart_with_set_decimals_keeps_one_format_for_its_plot(build_deck):
    """Explicit decimals print every series alike: the plot's labels say it once, no series' own."""
    kinds = load_report(KINDS)
    built = build_deck(on_chart_slides(kinds, "grouped-vertical"), THEME, native_charts=True)
    [frame] = [
        s for slide in Presentation(io.BytesIO(built.data)).slides for s in slide.shapes if s.has_chart
    ]
    plot = frame.chart.plots[0]
    assert plot.data_labels.number_format == '#,##0.0"%";"\u2212"#,##0.0"%"'
    assert all(s._element.find(qn("c:dLbls")) is None for s in plot.series)


def test_the_deck_passes_an_independent_ooxml_validator(deck):
    path, _ = deck
    assert [str(error) for error in openxml_audit.validate_pptx(str(path)).errors] == []


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed",
)
def test_libreoffice_prints_the_labels_as_the_picture(deck, tmp_path):
    path, _ = deck
    command = ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "numbers.pdf"
    shown = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True)
    words = set(shown.stdout.split())
    expected = {"424,666", f"{MINUS}1,442,989", "0.4", "12", "0.25", "2.00", "$1.25B", f"{MINUS}$0.50B"}
    assert expected <= words, textwrap.shorten(" ".join(sorted(expected - words)), 200)
    assert "500,000" in words  # the axis's numbers, grouped
