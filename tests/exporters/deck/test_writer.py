"""The deck read back with python-pptx: slides, titles, notes, pictures, tables, text that fits, bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from aigap_docs.charts.alt import alt_text
from aigap_docs.charts.kinds import ordered_rows
from aigap_docs.charts.kinds.line import LineChart
from aigap_docs.clock import build_time
from aigap_docs.exporters import BuildOptions
from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck import writer as pptx_deck
from aigap_docs.exporters.deck.plan import plan
from aigap_docs.exporters.deck.textfit import theme_measure
from aigap_docs.model import ChartSlide, Run
from aigap_docs.tables import table_view
from aigap_docs.text import url_break_points

EMU_PER_POINT = 12700
XLSX = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def paragraph_runs(paragraph) -> list[Run]:
    """The runs of a paragraph as the file holds them: text runs, line breaks and fields."""
    runs = []
    for child in paragraph._p:
        if child.tag in (qn("a:r"), qn("a:fld")):
            properties = child.find(qn("a:rPr"))
            bold = properties is not None and properties.get("b") == "1"
            italic = properties is not None and properties.get("i") == "1"
            runs.append(Run(text=child.findtext(qn("a:t")) or "", bold=bold, italic=italic))
        elif child.tag == qn("a:br"):
            runs.append(Run(text="\n"))
    return runs


def paragraph_size(paragraph) -> float:
    sizes = {int(e.get("sz")) / 100 for e in paragraph._p.iter(qn("a:rPr")) if e.get("sz")}
    (size,) = sizes
    return size


def overflows(data: bytes, theme) -> list[str]:
    """Text frames whose text, re-measured from the file with Carlito's metrics, exceeds the frame."""
    measure = theme_measure(theme)
    found = []
    for number, slide in enumerate(open_deck(data).slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            width = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_POINT
            room = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_POINT
            height = 0.0
            for i, paragraph in enumerate(frame.paragraphs):
                size = paragraph_size(paragraph)
                indent = int(paragraph._p.pPr.get("marL", "0")) / EMU_PER_POINT
                lines, broken = measure.lines(paragraph_runs(paragraph), size, width - indent)
                gap = paragraph.space_before.pt if i and paragraph.space_before is not None else 0.0
                height += gap + lines * measure.line_height(size, paragraph.line_spacing or 1.0)
                if broken:
                    found.append(f"slide {number} {shape.name}: a word is broken")
            if height > room:
                found.append(f"slide {number} {shape.name}: {height:.1f} pt of text in {room:.1f} pt")
    return found


def shapes(data: bytes):
    for number, slide in enumerate(open_deck(data).slides, 1):
        for shape in slide.shapes:
            yield number, shape


# --- the minimal deck ---------------------------------------------------------------------------------


def test_the_exporter_says_what_it_builds():
    assert (pptx_deck.NAME, pptx_deck.SUFFIX) == ("slides", ".pptx")


def slide_index(report, layout: str) -> int:
    """The index of the report's first slide of this layout."""
    return next(i for i, slide in enumerate(report.slides) if slide.layout == layout)


def test_the_deck_has_one_slide_per_content_slide_in_order_with_every_title(minimal_deck):
    report = minimal_deck.report
    slides = open_deck(minimal_deck.data).slides
    assert len(slides) == len(report.slides)
    named = {"title": report.title, "sources": "Sources"}
    expected = [named.get(s.layout) or str(s.title) for s in report.slides]
    assert [slide.shapes.title.text for slide in slides] == expected


def test_titles_are_in_title_placeholders_so_outline_view_and_screen_readers_see_them(minimal_deck):
    for slide in open_deck(minimal_deck.data).slides:
        assert slide.shapes.title.is_placeholder


def test_no_empty_placeholder_is_left_on_a_slide(minimal_deck):
    for _, shape in shapes(minimal_deck.data):
        assert not shape.is_placeholder or shape.text_frame.text


def test_speaker_notes_are_the_slides_notes(minimal_deck):
    slides = open_deck(minimal_deck.data).slides
    for slide, content in zip(slides, minimal_deck.report.slides, strict=True):
        assert slide.notes_slide.notes_text_frame.text == (content.notes.plain if content.notes else "")
    assert any(content.notes for content in minimal_deck.report.slides)


def test_every_picture_has_alt_text_from_the_chart_data(minimal_deck):
    report = minimal_deck.report
    pictures = [shape for _, shape in shapes(minimal_deck.data) if shape.shape_type == 13]
    assert len(pictures) == len([s for s in report.slides if getattr(s, "chart", None)]) == 2
    for picture in pictures:
        chart_id = picture.name.removeprefix("Chart ")
        assert picture._element.nvPicPr.cNvPr.get("descr") == alt_text(report, chart_id)


def test_chart_pictures_are_drawn_at_exactly_their_size_on_the_slide(minimal_deck):
    dpi = minimal_deck.theme.png_dpi
    for _, shape in shapes(minimal_deck.data):
        if shape.shape_type == 13:
            width, height = Image.open(io.BytesIO(shape.image.blob)).size
            assert (width, height) == (round(shape.width / 914400 * dpi), round(shape.height / 914400 * dpi))


def test_table_cells_are_the_values_the_brief_prints_numbers_right_aligned(minimal_deck):
    view = table_view(minimal_deck.report, "investment-table")
    (frame,) = [shape for _, shape in shapes(minimal_deck.data) if shape.has_table]
    table = frame.table
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [view.headers, *view.rows]
    assert table.first_row
    for row in list(table.rows)[1:]:
        aligns = [cell.text_frame.paragraphs[0].alignment for cell in row.cells]
        assert aligns == [PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT for numeric in view.numeric]


def test_every_shape_lies_inside_the_slide(minimal_deck):
    presentation = open_deck(minimal_deck.data)
    width, height = presentation.slide_width, presentation.slide_height
    assert (width, height) == (12192000, 6858000)
    for number, shape in shapes(minimal_deck.data):
        assert 0 <= shape.left <= shape.left + shape.width <= width, (number, shape.name)
        assert 0 <= shape.top <= shape.top + shape.height <= height, (number, shape.name)


def test_no_text_measured_from_the_file_exceeds_its_box(minimal_deck):
    assert overflows(minimal_deck.data, minimal_deck.theme) == []


def test_text_has_explicit_sizes_no_insets_and_no_autofit(minimal_deck):
    for _, shape in shapes(minimal_deck.data):
        if shape.has_text_frame and shape.text_frame.text:
            body = shape.text_frame._txBody.bodyPr
            assert body.find(qn("a:noAutofit")) is not None
            assert [body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["0", "0", "0", "0"]
            for paragraph in shape.text_frame.paragraphs:
                assert paragraph_size(paragraph) > 0


def test_table_rows_are_as_tall_as_their_measured_text(minimal_deck):
    theme = minimal_deck.theme
    measure = theme_measure(theme)
    (frame,) = [shape for _, shape in shapes(minimal_deck.data) if shape.has_table]
    for row in frame.table.rows:
        for cell, column in zip(row.cells, frame.table.columns, strict=True):
            paragraph = cell.text_frame.paragraphs[0]
            width = (column.width - cell.margin_left - cell.margin_right) / EMU_PER_POINT
            lines, broken = measure.lines(paragraph_runs(paragraph), paragraph_size(paragraph), width)
            needed = lines * measure.line_height(paragraph_size(paragraph)) * EMU_PER_POINT
            assert not broken and needed + cell.margin_top + cell.margin_bottom <= row.height + 1


def test_sources_are_live_links(minimal_deck):
    report = minimal_deck.report
    slide = open_deck(minimal_deck.data).slides[slide_index(report, "sources")]
    links = {
        run.hyperlink.address for p in slide.shapes.placeholders[1].text_frame.paragraphs for run in p.runs
    }
    assert {s.url for s in report.sources.values()} <= links


def test_inline_bold_and_italic_become_runs(report_with, build_deck):
    slides = (
        '  - layout: bullets\n    title: Marked up\n    bullets: ["**Bold:** then plain"]\n'
        '  - layout: closing\n    title: Thanks\n    text: "Figures: *An Italic Title*, 2025."\n'
    )
    bullets, closing = open_deck(build_deck(*report_with(slides)).data).slides
    first = bullets.placeholders[1].text_frame.paragraphs[0]
    assert [(run.text, run.font.bold) for run in first.runs][0] == ("Bold:", True)
    italic = [
        run.text
        for shape in closing.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
        if run.font.italic
    ]
    assert italic == ["An Italic Title"]


def test_the_slide_number_is_a_field_that_follows_the_slide(minimal_deck):
    numbered = 0
    for number, slide in enumerate(open_deck(minimal_deck.data).slides, 1):
        for field in slide.shapes._spTree.iter(qn("a:fld")):
            assert (field.get("type"), field.findtext(qn("a:t"))) == ("slidenum", str(number))
            numbered += 1
    assert numbered == len(minimal_deck.report.slides) - 1  # every slide but the cover


def test_core_properties_describe_the_report(minimal_deck):
    report = minimal_deck.report
    properties = open_deck(minimal_deck.data).core_properties
    assert properties.title == report.title
    assert properties.subject == report.subtitle
    assert properties.author == properties.last_modified_by == ", ".join(report.authors)
    assert properties.keywords == ", ".join(report.keywords)
    assert properties.language == "en"
    assert properties.created == properties.modified == build_time(report).replace(tzinfo=None)
    assert properties.revision == 1
    assert properties.comments == ""


def test_the_package_holds_no_thumbnail_or_printer_settings_of_another_deck(minimal_deck):
    names = zipfile.ZipFile(io.BytesIO(minimal_deck.data)).namelist()
    assert not [name for name in names if "thumbnail" in name or "printerSettings" in name]
    assert names[0] == "[Content_Types].xml"


def test_the_build_warns_exactly_what_its_plan_found(minimal_deck):
    assert minimal_deck.built.warnings == list(plan(minimal_deck.report, minimal_deck.theme).warnings) == []


# --- reproducible bytes -------------------------------------------------------------------------------


def test_the_same_input_builds_the_same_bytes(minimal_deck, build_deck):
    again = build_deck(minimal_deck.report, minimal_deck.theme)
    assert again.data == minimal_deck.data
    for info in zipfile.ZipFile(io.BytesIO(again.data)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_native_charts_build_the_same_bytes_too(minimal_deck, build_deck):
    first = build_deck(minimal_deck.report, minimal_deck.theme, native_charts=True)
    second = build_deck(minimal_deck.report, minimal_deck.theme, native_charts=True)
    assert first.data == second.data


def test_source_date_epoch_sets_the_documents_date(minimal_deck, build_deck, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    properties = open_deck(build_deck(minimal_deck.report, minimal_deck.theme).data).core_properties
    assert properties.created.isoformat() == "2023-11-14T22:13:20"


# --- native charts ------------------------------------------------------------------------------------


def test_native_charts_have_the_picture_charts_rows_colours_and_alt_text(minimal_deck, build_deck):
    report, theme = minimal_deck.report, minimal_deck.theme
    deck = build_deck(report, theme, native_charts=True)
    (investment,) = [shape for _, shape in shapes(deck.data) if shape.has_chart]
    assert investment.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    rows = ordered_rows(report.charts["investment-bar"], report)
    series = investment.chart.plots[0].series[0]
    assert list(investment.chart.plots[0].categories) == [row["country"] for row in rows]
    assert list(series.values) == [row["investment_2024"] for row in rows]
    colours = [str(point.format.fill.fore_color.rgb) for point in series.points]
    assert colours == ["1F4E79", "C0392B", theme.colours.other.lstrip("#")]  # United States, China, other
    assert investment._element.nvGraphicFramePr.cNvPr.get("descr") == alt_text(report, "investment-bar")
    assert investment.chart.plots[0].data_labels.number_format == '"$"#,##0.0"bn";"−""$"#,##0.0"bn"'


# --- content written to break it ----------------------------------------------------------------------


def test_long_titles_many_bullets_cjk_and_markup_characters_build_and_read_back(report_with, build_deck):
    long_title = "A headline far longer than any slide should carry " * 8
    slides = (
        f"  - layout: bullets\n    title: {long_title}\n    bullets: [one]\n"
        "  - layout: bullets\n    title: Many\n    bullets:\n"
        + "".join(f"      - Bullet {i}, each a line of its own\n" for i in range(22))
        + "  - layout: bullets\n    title: 中国的人工智能\n    bullets: [中文文本测试, 日本語のテキスト]\n"
        '  - layout: section\n    title: "R&D < capex > 0"\n    subtitle: "a & b"\n'
    )
    deck = build_deck(*report_with(slides))
    titles = [slide.shapes.title.text for slide in open_deck(deck.data).slides]
    assert titles == [long_title.strip(), "Many", "中国的人工智能", "R&D < capex > 0"]
    assert b"R&amp;D &lt; capex &gt; 0" in zipfile.ZipFile(io.BytesIO(deck.data)).read(
        "ppt/slides/slide4.xml"
    )
    warned = {w.field for w in deck.built.warnings}
    assert warned == {"slides[0].title", "slides[1].bullets"}
    assert [o.split(":")[0] for o in overflows(deck.data, deck.theme)] == ["slide 1 Title", "slide 2 Text"]


def test_a_logo_sits_in_the_footer_with_alt_text(report_with, build_deck):
    logo = io.BytesIO()
    Image.new("RGB", (200, 100), "#1F4E79").save(logo, "PNG")
    report, theme = report_with(
        "  - layout: title\n  - layout: section\n    title: Part\n",
        "logo: logo.png",
        {"logo.png": logo.getvalue()},
    )
    deck = build_deck(report, theme)
    logos = [shape for _, shape in shapes(deck.data) if shape.shape_type == 13]
    assert len(logos) == 2
    assert {shape._element.nvPicPr.cNvPr.get("descr") for shape in logos} == {"Logo"}
    assert all(shape.width == 2 * shape.height for shape in logos)


# --- templates ----------------------------------------------------------------------------------------


def corporate_template(path: Path) -> bytes:
    """A 16:9 template with the usual layout names and a sample slide a deck must not keep."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = 12192000, 6858000
    sample = presentation.slides.add_slide(presentation.slide_layouts[0])
    sample.shapes.title.text = "Sample slide of the template"
    presentation.save(path)
    return path.read_bytes()


SLIDES = (
    "  - layout: title\n"
    "  - layout: bullets\n    title: What we counted\n    bullets: [Models, Money]\n"
    "  - layout: section\n    title: Models\n"
    "  - layout: chart\n    title: Charts fill the layout\n    chart: investment-bar\n"
    "  - layout: table\n    title: The figures\n    table: investment-table\n"
)


def test_a_template_deck_uses_its_layouts_and_keeps_none_of_its_slides(tmp_path, report_with, build_deck):
    template = corporate_template(tmp_path / "corporate.pptx")
    report, theme = report_with(SLIDES, "template: corporate.pptx", {"corporate.pptx": template})
    deck = build_deck(report, theme)
    slides = open_deck(deck.data).slides
    assert [slide.slide_layout.name for slide in slides] == [
        "Title Slide",
        "Title and Content",
        "Section Header",
        "Title Only",
        "Title Only",
    ]
    assert [slide.shapes.title.text for slide in slides] == [
        "Minimal test report",
        "What we counted",
        "Models",
        "Charts fill the layout",
        "The figures",
    ]
    layout_title = slides[3].slide_layout.placeholders[0]
    title = slides[3].shapes.title
    assert (title.left, title.top, title.width) == (layout_title.left, layout_title.top, layout_title.width)
    # Its placeholders' text inherits the template's sizes: test_template_look.py measures it.


def test_a_template_chart_is_drawn_at_the_size_of_the_layouts_body(tmp_path, report_with, build_deck):
    template = corporate_template(tmp_path / "corporate.pptx")
    report, theme = report_with(SLIDES, "template: corporate.pptx", {"corporate.pptx": template})
    (request,) = deck_plan.plan(report, theme, BuildOptions()).chart_requests()
    body = plan(report, theme).geometry.body
    assert request.size[0] == pytest.approx(body.w / 914400, abs=0.01)


def test_a_potx_template_works_like_a_pptx(tmp_path, report_with, build_deck):
    data = corporate_template(tmp_path / "corporate.pptx")
    members = zipfile.ZipFile(io.BytesIO(data))
    potx = io.BytesIO()
    with zipfile.ZipFile(potx, "w") as target:
        for name in members.namelist():
            content = members.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"presentation.main+xml", b"template.main+xml")
            target.writestr(name, content)
    report, theme = report_with(SLIDES, "template: corporate.potx", {"corporate.potx": potx.getvalue()})
    assert len(open_deck(build_deck(report, theme).data).slides) == 5


def test_a_template_whose_layouts_are_renamed_is_built_from_them_by_their_type(
    tmp_path, report_with, build_deck
):
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        layout._element.cSld.set("name", f"Brand {layout.name}")
    presentation.save(tmp_path / "brand.pptx")
    report, theme = report_with(
        SLIDES, "template: brand.pptx", {"brand.pptx": (tmp_path / "brand.pptx").read_bytes()}
    )
    slides = open_deck(build_deck(report, theme).data).slides
    assert [slide.slide_layout.name for slide in slides][:3] == [
        "Brand Title Slide",
        "Brand Title and Content",
        "Brand Section Header",
    ]


def test_a_vertical_bar_chart_becomes_a_native_column_chart(report_with, build_deck):
    slides = "  - layout: chart\n    title: Money\n    chart: investment-bar\n"
    vertical = {"    value: investment_2024\n": "    value: investment_2024\n    orientation: vertical\n"}
    deck = build_deck(*report_with(slides, replace=vertical), native_charts=True)
    (frame,) = [shape for _, shape in shapes(deck.data) if shape.has_chart]
    assert frame.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED


GROUPED = {
    '"2023"}': '"2023", entity: us}',
    '"2024"}': '"2024", entity: china}',
    "\ncharts:\n": "\ncharts:\n  grouped:\n    kind: grouped_bar\n    dataset: models\n    title: Models\n"
    "    category: country\n    series: [models_2023, models_2024]\n",
}


def test_grouped_bars_take_their_series_entity_colours(report_with, build_deck):
    slides = "  - layout: chart\n    title: Models by year\n    chart: grouped\n"
    deck = build_deck(*report_with(slides, replace=GROUPED), native_charts=True)
    (frame,) = [s for _, s in shapes(deck.data) if s.has_chart]
    fills = [str(series.format.fill.fore_color.rgb) for series in frame.chart.plots[0].series]
    assert fills == ["1F4E79", "C0392B"]
    assert frame.chart.has_legend


def test_a_line_chart_becomes_a_native_line_chart(report_with, build_deck):
    report, theme = report_with("  - layout: title\n")
    line = LineChart(
        kind="line", dataset="models", title="Models", x="country", series=["models_2023", "models_2024"]
    )
    slide = ChartSlide(layout="chart", title="Models over time", chart="trend")
    report = report.model_copy(update={"charts": {**report.charts, "trend": line}, "slides": [slide]})
    deck = build_deck(report, theme, native_charts=True)
    (frame,) = [shape for _, shape in shapes(deck.data) if shape.has_chart]
    assert frame.chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert [list(series.values) for series in frame.chart.plots[0].series] == [[61, 15, 3], [40, 15, 3]]


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "{=SUM(A1:A9)}", "https://example.org/x"])
def test_a_native_charts_workbook_holds_text_cells_as_text_never_as_formulas_or_links(
    report_with, build_deck, text
):
    # xlsxwriter's write() makes a formula of text starting with '=' (formula injection: a spreadsheet
    # runs it when the chart's data is edited) and a link of text that looks like a URL.
    csv = f'country,region,investment_2024\nUnited States,North America,109.1\nChina,Asia,9.3\n"{text}",Europe,4.5\n'
    report, theme = report_with(
        "  - layout: chart\n    title: Money\n    chart: investment-bar\n",
        files={"data/investment.csv": csv.encode()},
    )
    deck = build_deck(report, theme, native_charts=True)
    package = zipfile.ZipFile(io.BytesIO(deck.data))
    (name,) = [name for name in package.namelist() if name.endswith(".xlsx")]
    workbook = zipfile.ZipFile(io.BytesIO(package.read(name)))
    sheet = workbook.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet and b"hyperlink" not in sheet
    strings = ElementTree.fromstring(workbook.read("xl/sharedStrings.xml"))
    assert text in [item.text for item in strings.iter(f"{{{XLSX}}}t")]


LONG_URL = (
    "https://example.org/reports/2025/artificial-intelligence-index/technical-performance/"
    "benchmarks-and-evaluations/chapter-two-figures-and-tables/appendix-methodology-and-sources.pdf"
    "?edition=2025&chapter=2&figure=2.1.4&format=print"
)


def test_a_long_url_on_the_sources_slide_breaks_at_url_break_points_in_one_link(report_with, build_deck):
    report, theme = report_with(
        "  - layout: sources\n", replace={"url: https://example.org/models": f"url: {LONG_URL}"}
    )
    planned = plan(report, theme)
    assert not planned.warnings
    (text,) = [s for s in planned.slides[0].shapes if getattr(s, "name", "") == "Text"]
    (url,) = [r for p in text.paras for r in p.runs if r.href == LONG_URL and r.text.startswith("https")]
    assert text.fits and "\n" in url.text and url.text.replace("\n", "") == LONG_URL
    cuts = [i - n for n, i in enumerate(i for i, char in enumerate(url.text) if char == "\n")]
    assert set(cuts) <= set(url_break_points(LONG_URL))
    # Written as runs of the one link with line breaks between them: no character added to the address.
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    (shape,) = [s for s in deck.slides[0].shapes if s.name == "Text"]
    (paragraph,) = [
        p for p in shape.text_frame.paragraphs if p.runs and p.runs[0].text.startswith(LONG_URL[:30])
    ]
    assert "".join(r.text for r in paragraph.runs) == LONG_URL
    assert {r.hyperlink.address for r in paragraph.runs} == {LONG_URL}
    assert len(paragraph._p.findall(qn("a:br"))) == len(cuts) == len(paragraph.runs) - 1
