"""The deck's accessibility, read back from the written file (python-pptx and lxml, every slide's XML, not the
plan): reading order, alternative text and decorative shapes, table header rows, unique titles, languages;
and the planner's check of it (exporters/deck/accessibility.py), which `check` runs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

from aigap_docs.errors import SourceRef
from aigap_docs.exporters.deck import accessibility
from aigap_docs.exporters.deck.boxes import Box
from aigap_docs.exporters.deck.plan import Logo, Picture, Rect, TableShape, TextShape, plan
from aigap_docs.pipeline import load

from ...conftest import ROOT
from .test_writer import SLIDES, corporate_template

DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
FOOTER_ROW = ("ftr", "sldNum", "dt")
TITLES = ("title", "ctrTitle")
REPORTS = sorted(p.parent.name for p in (ROOT / "content").glob("*/report.yaml"))


# --- reading the written deck -------------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """One shape of a slide as the file holds it."""

    element: etree._Element
    box: Box
    kind: str
    """'title', 'footer' (the footer row's placeholders, text boxes and logo), 'decoration' or 'body'."""


def _cnvpr(element):
    return next(element.iter(qn("p:cNvPr")))


def _is_decorative(element) -> bool:
    return any(
        ext.get("uri") == DECORATIVE and ext.find(f"{{{ADEC}}}decorative").get("val") == "1"
        for ext in _cnvpr(element).iter(qn("a:ext"))
    )


def _placeholder_type(element) -> str | None:
    ph = element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "body")


def _kind(element) -> str:
    ph = _placeholder_type(element)
    if ph in TITLES:
        return "title"
    if _is_decorative(element):
        return "decoration"
    is_logo = element.tag == qn("p:pic") and "logo" in (_cnvpr(element).get("descr") or "").lower()
    slide_number = any(field.get("type") == "slidenum" for field in element.iter(qn("a:fld")))
    if ph in FOOTER_ROW or is_logo or slide_number or _cnvpr(element).get("name") == "Footer":
        return "footer"
    return "body"


def _read(slide) -> list[Read]:
    """The slide's shapes in the order of its spTree, which is the order screen readers read them in."""
    found = []
    for shape in slide.shapes:
        box = Box(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
        found.append(Read(shape._element, box, _kind(shape._element)))
    return found


def order_findings(data: bytes) -> list[str]:
    """Where a slide's shapes are not in reading order: the title first, then the body with nothing read
    before a shape above it in its column or left of it in its row, then the footer row, decorations last."""
    findings = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, 1):
        shapes = _read(slide)
        kinds = [shape.kind for shape in shapes]
        rank = {"title": 0, "body": 1, "footer": 2, "decoration": 3}
        if kinds != sorted(kinds, key=rank.__getitem__):
            findings.append(f"slide {number}: shapes read as {kinds}")
        body = [shape.box for shape in shapes if shape.kind == "body"]
        for i, earlier in enumerate(body):
            for later in body[i + 1 :]:
                above = later.bottom <= earlier.y and later.x < earlier.right and earlier.x < later.right
                left = later.right <= earlier.x and later.y < earlier.bottom and earlier.y < later.bottom
                if above or left:
                    findings.append(f"slide {number}: {later} is read after {earlier}, though before it")
    return findings


def alt_findings(data: bytes) -> list[str]:
    """Pictures and graphic frames (charts, tables) without alternative text; shapes that show nothing
    but a fill (our rules and strips) not marked decorative."""
    findings = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, 1):
        tree = slide.shapes._spTree
        for element in tree.iter(qn("p:pic"), qn("p:graphicFrame")):
            if not (_cnvpr(element).get("descr") or "").strip() and not _is_decorative(element):
                findings.append(f"slide {number}: {_cnvpr(element).get('name')} has no alt text")
        for element in tree.iter(qn("p:sp")):
            text = "".join(element.itertext()).strip()
            if not text and element.find(f".//{qn('p:ph')}") is None and not _is_decorative(element):
                findings.append(f"slide {number}: {_cnvpr(element).get('name')} is not marked decorative")
    return findings


def table_findings(data: bytes) -> list[str]:
    """Tables whose first row is not flagged as the header row or has an empty header cell."""
    findings = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, 1):
        for table in slide.shapes._spTree.iter(qn("a:tbl")):
            if table.find(qn("a:tblPr")).get("firstRow") != "1":
                findings.append(f"slide {number}: the table's header row is not flagged")
            first = table.find(qn("a:tr"))
            if any(not "".join(cell.itertext()).strip() for cell in first.iter(qn("a:tc"))):
                findings.append(f"slide {number}: a header cell is empty")
    return findings


def title_findings(data: bytes) -> list[str]:
    """Slides with no title placeholder holding text, or with the title of an earlier slide."""
    findings, seen = [], {}
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, 1):
        titles = [s.text_frame.text for s in slide.shapes if _placeholder_type(s._element) in TITLES]
        title = " ".join(" ".join(titles).split())
        if not title:
            findings.append(f"slide {number}: no title")
        elif title.casefold() in seen:
            findings.append(f"slide {number}: the title of slide {seen[title.casefold()]}")
        seen.setdefault(title.casefold(), number)
    return findings


def language_findings(data: bytes, language: str) -> list[str]:
    """Text runs and fields, on slides, in notes and in charts, whose language is not the report's; and
    the presentation's default language."""
    findings = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if not name.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/charts/")):
                continue
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(package.read(name))
            for run in root.iter(qn("a:r"), qn("a:fld")):
                properties = run.find(qn("a:rPr"))
                said = properties.get("lang") if properties is not None else None
                if said != language:
                    findings.append(f"{name}: {run.findtext(qn('a:t'))!r} in {said}")
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    default = presentation.find(f"{qn('p:defaultTextStyle')}/{qn('a:defPPr')}/{qn('a:defRPr')}")
    if default is None or default.get("lang") != language:
        findings.append("the presentation's default language is not the report's")
    return findings


def findings(data: bytes, language: str) -> list[str]:
    return [
        *order_findings(data),
        *alt_findings(data),
        *table_findings(data),
        *title_findings(data),
        *language_findings(data, language),
    ]


# --- the written deck ---------------------------------------------------------------------------------


def test_every_slide_reads_title_then_body_in_visual_order_then_footer_row_then_decorations(minimal_deck):
    assert order_findings(minimal_deck.data) == []


def test_numbers_are_read_each_with_its_label_and_a_chart_with_its_source_before_the_text(minimal_deck):
    slides = Presentation(io.BytesIO(minimal_deck.data)).slides
    names = [[shape.name for shape in slide.shapes] for slide in slides]
    report = minimal_deck.report
    big = next(i for i, s in enumerate(report.slides) if s.layout == "big_number")
    assert names[big][:5] == ["Title", "Number", "Label", "Number", "Label"]
    side = next(i for i, s in enumerate(report.slides) if s.layout == "chart_text")
    assert names[side][:4] == ["Title", "Text", "Chart investment-bar", "Source"]  # the chart is on the right


def test_pictures_charts_tables_and_logos_have_alt_text_and_decorations_are_marked(report_with, build_deck):
    logo = io.BytesIO()
    Image.new("RGB", (200, 100), "#1F4E79").save(logo, "PNG")
    report, theme = report_with(
        "  - layout: title\n"
        "  - layout: chart\n    title: A chart\n    chart: investment-bar\n"
        "  - layout: table\n    title: A table\n    table: investment-table\n",
        "logo: acme_corp.png",
        {"acme_corp.png": logo.getvalue()},
    )
    for native in (False, True):
        data = build_deck(report, theme, native_charts=native).data
        assert alt_findings(data) == []
        described = {
            _cnvpr(e).get("descr")
            for slide in Presentation(io.BytesIO(data)).slides
            for e in slide.shapes._spTree.iter(qn("p:pic"), qn("p:graphicFrame"))
        }
        assert "Acme corp logo" in described
        assert report.tables["investment-table"].title.plain in described


def test_the_tables_first_row_is_its_flagged_header_row(minimal_deck):
    assert table_findings(minimal_deck.data) == []
    tables = [
        table
        for slide in Presentation(io.BytesIO(minimal_deck.data)).slides
        for table in slide.shapes._spTree.iter(qn("a:tbl"))
    ]
    assert tables and all(table.find(qn("a:tblPr")).get("firstRow") == "1" for table in tables)


def test_every_slide_has_its_own_title_in_a_title_placeholder(minimal_deck):
    assert title_findings(minimal_deck.data) == []


def test_every_text_run_and_the_presentations_default_are_in_the_reports_language(report_with, build_deck):
    report, theme = report_with(SLIDES.replace("  - layout: title\n", "  - layout: title\n    notes: Hi\n"))
    report = report.model_copy(update={"language": "en-GB"})
    for native in (False, True):
        data = build_deck(report, theme, native_charts=native).data
        assert language_findings(data, "en-GB") == []


@pytest.mark.parametrize("native", [False, True], ids=["pictures", "native"])
def test_the_minimal_deck_passes_every_check(build_deck, minimal_deck, native):
    deck = build_deck(minimal_deck.report, minimal_deck.theme, native_charts=native)
    assert findings(deck.data, deck.report.language) == []


def test_a_template_deck_passes_every_check(tmp_path, report_with, build_deck):
    template = corporate_template(tmp_path / "corporate.pptx")
    report, theme = report_with(SLIDES, "template: corporate.pptx", {"corporate.pptx": template})
    assert findings(build_deck(report, theme).data, report.language) == []


def test_the_default_report_deck_passes_every_check(build_deck):
    report, theme = load(ROOT / "content" / "aigap-2025")
    assert findings(build_deck(report, theme, native_charts=True).data, report.language) == []


# --- the planner's check ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_every_shipped_report_plans_a_deck_with_no_accessibility_finding(name):
    report, theme = load(ROOT / "content" / name)
    planned = plan(report, theme)
    assert accessibility.check(planned.slides, [slide.ref for slide in report.slides]) == []


def test_two_slides_with_the_same_title_are_a_warning_naming_both(report_with):
    slides = (
        "  - layout: bullets\n    title: Findings\n    bullets: [a]\n"
        "  - layout: section\n    title: Other\n"
        "  - layout: bullets\n    title: ' findings'\n    bullets: [b]\n"
    )
    planned = plan(*report_with(slides))
    (warning,) = planned.warnings
    assert warning.field == "slides[2].title"
    assert warning.message == (
        "slides[0] has the same title 'findings': screen readers list slides by their titles, "
        "give each slide its own"
    )


def test_a_slide_whose_title_is_empty_is_a_warning(report_with):
    planned = plan(*report_with("  - layout: section\n    title: ' '\n"))
    assert [(w.field, w.message) for w in planned.warnings] == [
        ("slides[0].title", "the slide has no title: screen readers find and announce slides by their titles")
    ]


def test_a_chart_without_alt_text_is_a_warning(minimal_deck):
    planned = plan(minimal_deck.report, minimal_deck.theme)
    index, slide = next(
        (i, s) for i, s in enumerate(planned.slides) if any(isinstance(x, Picture) for x in s.shapes)
    )
    shapes = tuple(replace(x, alt=" ") if isinstance(x, Picture) else x for x in slide.shapes)
    refs = [SourceRef("report.yaml", i + 1) for i in range(len(planned.slides))]
    slides = [replace(slide, shapes=shapes) if i == index else s for i, s in enumerate(planned.slides)]
    (problem,) = accessibility.check(slides, refs)
    assert (problem.where, problem.field) == (refs[index], f"slides[{index}].chart")
    assert problem.message == "the picture has no alternative text"


def test_the_plan_lists_shapes_in_reading_order(minimal_deck):
    planned = plan(minimal_deck.report, minimal_deck.theme)
    for slide in planned.slides:
        kinds = [type(shape) for shape in slide.shapes]
        assert kinds[-1:] == [Rect] or Rect not in kinds
        assert accessibility.is_title(slide.shapes[0])
        footer = [
            i for i, s in enumerate(slide.shapes) if isinstance(s, Logo) or getattr(s, "name", "") == "Footer"
        ]
        body = [i for i, s in enumerate(slide.shapes) if isinstance(s, Picture | TableShape)]
        assert not footer or not body or max(body) < min(footer)


def test_a_layout_without_a_title_placeholder_still_gives_each_slide_its_title_in_one(
    report_with, build_deck
):
    template = (ROOT / "tests" / "templates" / "blank-only" / "template.pptx").read_bytes()
    report, theme = report_with(SLIDES, "template: blank.pptx", {"blank.pptx": template})
    data = build_deck(report, theme).data
    assert findings(data, report.language) == []
    titles = [slide.shapes.title.text for slide in Presentation(io.BytesIO(data)).slides]
    assert titles[1:3] == ["What we counted", "Models"]


def _text(name: str, box: Box, **options) -> TextShape:
    return TextShape(name, box, (), 12, "#000000", **options)


def test_a_floating_footer_is_read_after_the_body_even_where_it_fits_under_one_column():
    title = _text("Title", Box(0, 0, 100, 10), placeholder="title")
    chart = _text("Chart", Box(0, 20, 45, 50))
    source = _text("Source", Box(0, 72, 45, 5))
    text = _text("Text", Box(55, 20, 45, 60))
    footer = _text("Footer", Box(0, 90, 40, 5))
    number = _text("Slide Number", Box(90, 90, 10, 5), slide_number=True)
    rule = Rect(Box(0, 0, 10, 1), "#000000")
    shuffled = (rule, number, text, footer, source, chart, title)
    assert accessibility.reading_order(shuffled) == (title, chart, source, text, footer, number, rule)


def test_cards_side_by_side_are_read_card_by_card_and_a_line_across_them_after():
    values = [_text("Number", Box(x, 10, 30, 10)) for x in (0, 35, 70)]
    labels = [_text("Label", Box(x, 25, 30, 10)) for x in (0, 35, 70)]
    source = _text("Source", Box(0, 50, 100, 5))
    order = accessibility.visual_order([source, *labels, *values])
    assert order == [values[0], labels[0], values[1], labels[1], values[2], labels[2], source]
