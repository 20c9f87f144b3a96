"""A native stacked bar leaves out the value of a part too thin to hold it, as the picture does (the
picture's rule, _bars._inside_label, on a conservative estimate of the plot PowerPoint lays out): that
point's label only is deleted (a `c:dLbl` with `c:delete`), the others stay. Grouped and simple bars,
labelled beyond their ends, and stacked bars whose parts all fit are written as before."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openxml_audit
import pytest
from pptx.oxml.ns import qn

from aigap_docs.charts.native import NativeChart, NativeSeries, ValueAxis, crowded_labels
from aigap_docs.exporters.deck import writer
from aigap_docs.exporters.deck.textfit import family_measure
from aigap_docs.model import Report
from aigap_docs.theme import load_theme

from ..conftest import native_deck, on_chart_slides, written_report

THEME = load_theme()

REPORT = """\
title: Shares
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
      year: {type: text, label: Year}
      young: {type: number, label: Young}
      middle: {type: number, label: Middle}
      old: {type: number, label: Old}
  even:
    file: data/even.csv
    source: census
    columns:
      year: {type: text, label: Year}
      young: {type: number, label: Young}
      middle: {type: number, label: Middle}
      old: {type: number, label: Old}
charts:
  columns:
    kind: stacked_bar
    dataset: ages
    title: Columns
    category: year
    series: [young, middle, old]
    orientation: vertical
    totals: false
  bars:
    kind: stacked_bar
    dataset: ages
    title: Bars
    category: year
    series: [young, middle, old]
    orientation: horizontal
    totals: false
  grouped:
    kind: grouped_bar
    dataset: ages
    title: Grouped
    category: year
    series: [young, middle, old]
  even:
    kind: stacked_bar
    dataset: even
    title: Even
    category: year
    series: [young, middle, old]
    orientation: vertical
    totals: false
slides:
  - layout: title
"""

DATA = {
    # Shares of 100 as in us-population: 'old' is a sliver in most years and large in two.
    "ages.csv": "year,young,middle,old\n1850,40.5,58,1.5\n1900,34,64,2\n1950,27,70,3\n"
    "2000,21,39,40\n2050,18,37,45\n2100,17.5,80,2.5\n",
    "even.csv": "year,young,middle,old\n1850,30,40,30\n1900,35,35,30\n1950,40,30,30\n",
}
THIN = (0, 1, 2, 5)
"""The rows whose 'old' part is a sliver (1.5 to 3 of 100)."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return written_report(tmp_path_factory.mktemp("shares"), REPORT, DATA)


CHARTS = ("columns", "bars", "grouped", "even")


@pytest.fixture(scope="module")
def deck(report, build_deck, tmp_path_factory) -> tuple[Path, dict]:
    """The native deck of the charts above, saved where the real-clients check opens it, and each
    chart's frame by id."""
    path = tmp_path_factory.mktemp("thin-deck") / "thin.pptx"
    return path, native_deck(build_deck, report, THEME, CHARTS, path)


def deleted(series) -> list[int]:
    """The points whose value label the series deletes."""
    labels = series._element.findall(qn("c:dLbls") + "/" + qn("c:dLbl"))
    return [
        int(label.find(qn("c:idx")).get("val")) for label in labels if label.find(qn("c:delete")) is not None
    ]


def shown(series) -> bool:
    """Whether the series' own labels (else its plot's) print its values."""
    own = series._element.find(qn("c:dLbls"))
    labels = own if own is not None else series._element.getparent().find(qn("c:dLbls"))
    return labels.find(qn("c:showVal")).get("val") == "1"


@pytest.mark.parametrize("chart_id", ["columns", "bars"])
def test_a_stacked_bar_deletes_exactly_the_labels_of_its_thin_parts(deck, chart_id):
    _, frames = deck
    young, middle, old = frames[chart_id].chart.plots[0].series
    assert deleted(young) == [] and deleted(middle) == []
    assert deleted(old) == list(THIN)  # 40 and 45 keep theirs
    assert all(shown(series) for series in (young, middle, old))


def test_a_deleted_label_is_only_an_index_and_a_delete(deck):
    _, frames = deck
    old = frames["columns"].chart.plots[0].series[2]
    label = old._element.find(qn("c:dLbls") + "/" + qn("c:dLbl"))
    assert [child.tag for child in label] == [qn("c:idx"), qn("c:delete")]
    assert label.find(qn("c:delete")).get("val") == "1"
    own = old._element.find(qn("c:dLbls"))  # the series' own labels say what the plot's say
    assert own.find(qn("c:numFmt")).get("formatCode") == '#,##0.0;"\u2212"#,##0.0'
    assert own.find(qn("c:dLblPos")).get("val") == "ctr"


def test_grouped_bars_label_every_bar(deck):
    _, frames = deck
    assert all(deleted(series) == [] for series in frames["grouped"].chart.plots[0].series)


def chart_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("ppt/charts/chart")}


def test_a_stacked_bar_whose_parts_all_fit_is_written_as_before(report, build_deck, monkeypatch):
    now = build_deck(on_chart_slides(report, "even", "grouped"), THEME, native_charts=True)
    monkeypatch.setattr(writer._Writer, "thin_labels", lambda *args: None)  # the writer before it
    before = build_deck(on_chart_slides(report, "even", "grouped"), THEME, native_charts=True)
    assert chart_parts(now.data) == chart_parts(before.data)


def test_the_deck_passes_an_independent_ooxml_validator(deck):
    path, _ = deck
    assert [str(error) for error in openxml_audit.validate_pptx(str(path)).errors] == []


def native(form, values: tuple[float, ...], labels: tuple[str, ...]) -> NativeChart:
    series = NativeSeries("Share", values, "#000000", "0", labels)
    return NativeChart("stacked_bar", form, ("A", "B"), (series,), ValueAxis(None, "0"), "", True)


def test_the_rule_takes_the_measured_text_and_the_frame():
    """A part holds its label with half an em to spare along it: a wider frame makes room for a longer
    label across a horizontal bar, a taller one for a column's; a line of text needs the bar's thickness."""
    measure, _ = family_measure("Calibri")
    wide, narrow = native("stacked_bar", (10.0, 90.0), ("10", "90")), (150.0, 200.0)
    assert crowded_labels(wide, narrow, measure, 14, 12) == ((0,),)
    assert crowded_labels(wide, (1200.0, 200.0), measure, 14, 12) == ((),)
    column = native("stacked_column", (10.0, 90.0), ("10", "90"))
    assert crowded_labels(column, (400.0, 200.0), measure, 14, 12) == ((0,),)
    assert crowded_labels(column, (400.0, 600.0), measure, 14, 12) == ((),)
    long = native("stacked_column", (50.0, 50.0), ("50,000,000,000", "50"))  # wider than its column
    assert crowded_labels(long, (200.0, 600.0), measure, 14, 12) == ((0,),)
    assert crowded_labels(native("column", (1.0, 99.0), ("1", "99")), narrow, measure, 14, 12) == ((),)
