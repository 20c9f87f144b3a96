"""A native chart's rows with no data: its slide names them under the chart ('No data: X, Y') as the
picture does under itself, in the same words, after the chart's own note; the points stay empty (not
zero), a line has a gap and names nothing, as the picture's line does."""

from __future__ import annotations

import io
from pathlib import Path

import openxml_audit
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds import kinds
from aigap_docs.charts.missing import NO_DATA_LINES
from aigap_docs.exporters import BuildOptions
from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck.plan import TextShape
from aigap_docs.exporters.deck.textfit import theme_measure
from aigap_docs.loader import load_report
from aigap_docs.model import ChartSlide, ChartTextSlide, DataTable, Report
from aigap_docs.theme import load_theme

from ...charts.test_draw import texts
from ...conftest import ROOT

KINDS = Path(__file__).parents[2] / "charts" / "fixtures" / "kinds"
THEME = load_theme()
GAPPY = ("bar-negative", "bar-vertical-negative", "grouped-vertical", "grouped-horizontal")
GAPPY += ("stacked-vertical", "stacked-horizontal")
"""A native chart of every kind but the line, on the regions dataset."""
GAPS = {"China": ("change", "china"), "Europe": ("rest",)}
"""No data in some columns of two rows: every chart above misses China, those showing 'rest' Europe too."""


@pytest.fixture(scope="module")
def kinds_report() -> Report:
    return load_report(KINDS)


def with_gaps(report: Report, dataset: str, gaps: dict[str, tuple[str, ...]]) -> Report:
    """`report` whose `dataset` has no data in the given columns of the rows named (by key)."""
    report = report.model_copy()
    table = report.table(dataset)
    rows = tuple({**row, **dict.fromkeys(gaps.get(str(row[table.key]), ()))} for row in table.rows)
    report._data = {**report._data, dataset: DataTable(table.types, rows, table.key)}
    return report


def on_slides(report: Report, chart_ids, layout: str = "chart") -> Report:
    """`report` with each chart on a slide of its own, full width or beside text."""
    if layout == "chart":
        slides = [ChartSlide(layout="chart", title=f"Chart {c}", chart=c) for c in chart_ids]
    else:
        bullets = [{"text": "Some words beside the chart."}]
        slides = [ChartTextSlide(layout="chart_text", title=c, chart=c, bullets=bullets) for c in chart_ids]
    return report.model_copy(update={"slides": slides})


def source_lines(deck_data: bytes) -> list[list[str]]:
    """The paragraphs of each slide's note and source lines."""
    slides = Presentation(io.BytesIO(deck_data)).slides
    return [
        [p.text for p in shape.text_frame.paragraphs]
        for slide in slides
        for shape in slide.shapes
        if shape.name.startswith("Source")
    ]


def frames(deck_data: bytes) -> list:
    return [s for slide in Presentation(io.BytesIO(deck_data)).slides for s in slide.shapes if s.has_chart]


def points(series) -> list[int]:
    """The indexes of a native series' points with a value (an empty point has no c:pt, not a zero)."""
    return sorted(int(p.get("idx")) for p in series._element.findall(".//" + qn("c:val") + "//" + qn("c:pt")))


def picture_note(report: Report, chart_id: str) -> str:
    """What the picture writes under itself for its rows with no data."""
    fig = draw(report.charts[chart_id], report, THEME, THEME.slots.deck_full, "deck", "embedded")
    return next(t.get_text() for t in texts(fig) if t.get_text().startswith("No data: ")).replace("\n", " ")


def test_the_kinds_tested_are_every_kind_with_a_native_form_but_the_line(kinds_report):
    native = {name for name, kind in kinds().items() if kind.can_be_native()}
    assert {kinds_report.charts[c].kind for c in GAPPY} == native - {"line"}


@pytest.fixture(scope="module", params=["chart", "chart_text"])
def gappy(request, kinds_report, build_deck):
    """The charts with gaps, each on a slide of its own (full width or beside text), as native charts."""
    report = on_slides(with_gaps(kinds_report, "regions", GAPS), GAPPY, request.param)
    return report, build_deck(report, THEME, native_charts=True)


def test_a_native_chart_names_its_rows_with_no_data_under_it_in_the_pictures_words(gappy):
    report, deck = gappy
    for chart_id, lines in zip(GAPPY, source_lines(deck.data), strict=True):
        shows_rest = "rest" in getattr(report.charts[chart_id], "series", ())
        assert lines[0] == ("No data: China, Europe" if shows_rest else "No data: China"), chart_id
        assert lines[0] == picture_note(report, chart_id)
        assert lines[1].startswith("Source: ") and len(lines) == 2


def test_the_empty_points_are_empty_in_the_chart_xml_not_zero(gappy):
    report, deck = gappy
    for chart_id, frame in zip(GAPPY, frames(deck.data), strict=True):
        plot = frame.chart.plots[0]
        names = list(plot.categories)
        chart = report.charts[chart_id]
        for series, column in zip(plot.series, getattr(chart, "series", None) or [chart.value], strict=True):
            empty = [names.index(row) for row, columns in GAPS.items() if column in columns]
            assert points(series) == [i for i in range(len(names)) if i not in empty], (chart_id, column)


def test_the_chart_frame_s_alt_text_says_no_data(gappy):
    _, deck = gappy
    for chart_id, frame in zip(GAPPY, frames(deck.data), strict=True):
        assert "no data" in frame._element.nvGraphicFramePr.cNvPr.get("descr"), chart_id


def test_a_deck_with_empty_points_passes_an_independent_ooxml_validator(gappy, tmp_path):
    _, deck = gappy
    path = tmp_path / "gappy.pptx"
    path.write_bytes(deck.data)
    assert [str(error) for error in openxml_audit.validate_pptx(str(path)).errors] == []


def test_the_chart_s_own_note_comes_first_then_the_rows_with_no_data(kinds_report, build_deck):
    report = with_gaps(kinds_report, "regions", GAPS)
    noted = report.charts["bar-negative"].model_copy(update={"note": report.charts["dumbbell"].note})
    report = on_slides(
        report.model_copy(update={"charts": {**report.charts, "bar-negative": noted}}), ["bar-negative"]
    )
    [lines] = source_lines(build_deck(report, THEME, native_charts=True).data)
    assert lines[:2] == ["Note: Made-up figures.", "No data: China"]
    assert lines[2].startswith("Source: ") and len(lines) == 3


def test_a_line_has_a_gap_where_a_point_is_missing_and_names_nothing_as_the_picture(kinds_report, build_deck):
    report = with_gaps(kinds_report, "years", {"2015": ("china",)})  # the third year
    deck = build_deck(on_slides(report, ["line-years"]), THEME, native_charts=True)
    [lines] = source_lines(deck.data)
    assert lines[0] == f"Note: {report.charts['line-years'].note.plain}"
    assert not any(line.startswith("No data") for line in lines)
    fig = draw(report.charts["line-years"], report, THEME, THEME.slots.deck_full, "deck", "embedded")
    assert not any(t.get_text().startswith("No data") for t in texts(fig))
    [frame] = frames(deck.data)
    assert frame.chart._chartSpace.find(".//" + qn("c:dispBlanksAs")).get("val") == "gap"
    count = len(list(frame.chart.plots[0].categories))
    assert points(frame.chart.plots[0].series[1]) == [i for i in range(count) if i != 2]


@pytest.mark.parametrize("layout", ["chart", "chart_text"])
def test_many_rows_with_no_data_are_named_in_at_most_three_lines_at_full_size(kinds_report, layout):
    table = kinds_report.table("countries")
    rows = tuple(
        {"country": f"Region number {i} of the long list", "usd_bn": None if i % 3 else 1.0}
        for i in range(60)
    )
    report = kinds_report.model_copy()
    report._data = {**report._data, "countries": DataTable(table.types, rows, "country")}
    noted = report.charts["bar-vertical-many"].model_copy(update={"note": report.charts["dumbbell"].note})
    report = report.model_copy(update={"charts": {**report.charts, "bar-vertical-many": noted}})
    report = on_slides(report, ["bar-vertical-many"], layout)
    [slide] = deck_plan.plan(report, THEME, BuildOptions(native_charts=True)).slides
    [source] = [s for s in slide.shapes if isinstance(s, TextShape) and s.name == "Source"]
    note = "".join(run.text for run in source.paras[1].runs)  # after the chart's own note
    assert note.startswith("No data: Region number 1 of the long list, Region number 2 ")
    assert note.endswith(" more")
    width = source.box.size_pt[0]
    largest = THEME.sizes["deck"].chart_note
    assert theme_measure(THEME).lines(source.paras[1].runs, largest, width)[0] <= NO_DATA_LINES
    assert source.fits and source.size == largest  # the lines it needs, not shrunk


def test_a_chart_with_no_missing_rows_has_only_its_source_line(kinds_report, build_deck):
    deck = build_deck(on_slides(kinds_report, GAPPY), THEME, native_charts=True)
    assert all(len(lines) == 1 and lines[0].startswith("Source: ") for lines in source_lines(deck.data))


def test_the_us_population_example_names_1890_under_its_stacked_bars_and_breaks_its_lines(build_deck):
    """Its 1890 census is a real gap: the stacked bars name it, the lines break there (their note says so)."""
    deck = build_deck(load_report(ROOT / "content" / "us-population-1850-2000"), THEME, native_charts=True)
    under = {}
    for slide in Presentation(io.BytesIO(deck.data)).slides:
        [chart] = [s for s in slide.shapes if s.has_chart] or [None]
        if chart is not None:
            [source] = [s for s in slide.shapes if s.name == "Source"]
            under[chart.name] = [p.text for p in source.text_frame.paragraphs]
            if "1890" in chart.chart.plots[0].categories:  # 1850, ..., 1880, 1890
                assert all(4 not in points(series) for series in chart.chart.plots[0].series)
    assert under["Chart stacked_bar"][0] == "No data: 1890"
    assert under["Chart line"][0] == "Note: There is no 1890 sample, so the lines break there."
    assert not any("No data" in line for line in under["Chart line"] + under["Chart bar"])
