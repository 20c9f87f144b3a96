"""The PDF brief, read back as a reader's tools see it: pypdf for structure, poppler for text, fonts and
images, qpdf for well-formedness; then the same checks against content written to break it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml

from aigap_docs.charts import render_charts
from aigap_docs.errors import ExportError
from aigap_docs.exporters import BuildOptions, Built
from aigap_docs.exporters.brief import plan as brief_plan
from aigap_docs.exporters.brief import writer as pdf_brief
from aigap_docs.pipeline import load
from aigap_docs.tables import format_cell
from aigap_docs.theme import load_theme

from ..conftest import MINIMAL


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed (CI installs it)")


@pytest.fixture(scope="session")
def chart_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("charts")


def build_brief(folder: Path, cache: Path) -> tuple[Built, object]:
    report, theme = load(folder)
    planned = brief_plan.plan(report, theme, BuildOptions())
    figures, _ = render_charts(report, theme, planned.chart_requests(), cache)
    return pdf_brief.build(planned, figures, theme), report


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def words(text: str) -> str:
    """Text with every run of whitespace as one space, minus signs as hyphens: how we compare extracted text."""
    return " ".join(text.replace("\u2212", "-").split())


@pytest.fixture(scope="module")
def minimal(chart_cache, tmp_path_factory):
    """The brief of tests/fixtures/good/minimal: two sections, a dumbbell, a bar chart and a table."""
    built, report = build_brief(MINIMAL, chart_cache)
    path = tmp_path_factory.mktemp("brief") / "minimal.pdf"
    path.write_bytes(built.data)
    return built, report, path


@pytest.fixture(scope="module")
def reader(minimal) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(minimal[0].data))


# --- the minimal brief ----------------------------------------------------------------------------------


def test_the_brief_builds_without_warnings(minimal):
    assert minimal[0].warnings == []


def test_pages_are_the_size_the_report_asks_for(reader):
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)  # A4


def test_metadata_names_title_author_subject_keywords_creator_and_language(reader, minimal):
    report = minimal[1]
    info = reader.metadata
    assert info.title == report.title
    assert info.author == ", ".join(report.authors)
    assert info.subject == report.subtitle
    assert info["/Keywords"] == ", ".join(report.keywords)
    assert info.creator.startswith("aigap-docs ")
    assert reader.trailer["/Root"]["/Lang"] == report.language


def test_viewers_show_the_document_title_not_the_file_name(reader):
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject)


def test_document_dates_are_the_build_date(reader):
    assert reader.metadata["/CreationDate"] == "D:20250407000000+00'00'"  # the report's date, at midnight UTC


def test_the_outline_lists_the_section_headings_in_order(reader, minimal):
    sections = minimal[1].brief.sections
    assert [entry.title for entry in reader.outline] == [s.heading.plain for s in sections]


def test_every_source_url_is_a_clickable_link(reader, minimal):
    uris = {
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object()["/Subtype"] == "/Link"
    }
    assert {source.url for source in minimal[1].sources.values()} <= uris


def test_footers_count_pages_as_n_of_m(reader):
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_the_same_report_builds_the_same_bytes(minimal, chart_cache):
    again, _ = build_brief(MINIMAL, chart_cache)
    assert again.data == minimal[0].data


def test_source_date_epoch_sets_the_document_dates(chart_cache, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built, _ = build_brief(MINIMAL, chart_cache)
    assert pypdf.PdfReader(io.BytesIO(built.data)).metadata["/CreationDate"] == "D:20231114221320+00'00'"


@needs("pdftotext")
def test_the_text_holds_every_heading_caption_and_figure_number(minimal):
    _, report, path = minimal
    text = words(tool("pdftotext", str(path), "-"))
    brief = report.brief
    assert words(report.title) in text
    assert words(brief.summary.plain) in text
    for section in brief.sections:
        assert words(section.heading.plain) in text
    figures = [b for s in brief.sections for b in s.body if hasattr(b, "figure")]
    for number, figure in enumerate(figures, 1):
        caption = figure.caption or report.charts[figure.figure].title  # no caption: the chart's title
        assert words(f"Figure {number}. {caption.plain}") in text
    assert "Table 1." in text
    assert words(brief.sources_title) in text


@needs("pdftotext")
def test_the_text_holds_every_value_of_every_dataset_as_displayed(minimal):
    _, report, path = minimal
    text = words(tool("pdftotext", str(path), "-"))
    for dataset_id in report.datasets:
        for row in report.table(dataset_id).rows:
            for value in row.values():
                if isinstance(value, (int, float)):
                    shown = {words(format_cell(value)), f"{value:g}", f"{value:.1f}"}
                    assert any(s in text for s in shown), f"{dataset_id}: {value} is not in the brief"


@needs("pdftotext")
def test_the_text_reads_in_order_title_summary_findings_sections_sources(minimal):
    _, report, path = minimal
    text = words(tool("pdftotext", str(path), "-"))
    brief = report.brief
    milestones = [
        report.title,
        brief.summary.plain[:60],
        brief.findings_title,
        *(s.heading.plain for s in brief.sections),
        brief.sources_title,
    ]
    positions = [text.index(words(m)) for m in milestones]
    assert positions == sorted(positions)


@needs("pdffonts")
def test_every_font_is_the_bundled_one_embedded_and_subset(minimal):
    rows = tool("pdffonts", str(minimal[2])).splitlines()[2:]
    assert rows, "the brief has no fonts"
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert (emb, sub) == ("yes", "yes"), row
        assert "Carlito" in name, row


def test_bold_chart_labels_print_in_the_bold_face(reader):
    """The dumbbell's row names are bold in the chart (its change labels are not); the SVG must say so for
    the PDF to show it."""
    faces: dict[str, set[str]] = {}

    def visit(text, _cm, _tm, font, _size):
        if font and text.strip():
            faces.setdefault(text.strip(), set()).add(str(font.get("/BaseFont")))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert {face.split("+")[-1] for face in faces["France"]} == {"Carlito-Bold"}
    assert {face.split("+")[-1] for face in faces["no change"]} == {"Carlito"}


@needs("pdfimages")
def test_charts_are_vector_graphics_not_images(minimal):
    listing = tool("pdfimages", "-list", str(minimal[2])).splitlines()
    assert listing[2:] == []


@needs("qpdf")
def test_qpdf_finds_no_structural_errors(minimal):
    assert "No syntax or stream encoding errors" in tool("qpdf", "--check", str(minimal[2]))


# --- other reports --------------------------------------------------------------------------------------


def edited_minimal(tmp_path: Path, edit) -> Path:
    """A copy of the minimal fixture report with `edit(yaml_data)` applied, and its CSVs."""
    folder = tmp_path / "content" / "edited"
    shutil.copytree(MINIMAL, folder)
    data = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    edit(data)
    (folder / "report.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def test_a_letter_report_prints_on_letter_pages(tmp_path, chart_cache):
    folder = edited_minimal(tmp_path, lambda data: data.update(page_size="letter"))
    built, _ = build_brief(folder, chart_cache)
    box = pypdf.PdfReader(io.BytesIO(built.data)).pages[0].mediabox
    assert (box.width, box.height) == (612, 792)


def test_a_report_without_a_brief_is_an_error_not_a_crash(tmp_path, chart_cache):
    folder = edited_minimal(tmp_path, lambda data: data.pop("brief"))
    with pytest.raises(ExportError, match="no brief"):
        build_brief(folder, chart_cache)


def test_the_brief_asks_for_each_chart_once_as_a_recording_with_text_at_the_column_width():
    report, theme = load(MINIMAL)
    requests = brief_plan.plan(report, theme).chart_requests()
    assert [r.chart_id for r in requests] == ["models-change", "investment-bar"]
    assert {(r.size[0], r.medium, r.formats, r.selectable_text) for r in requests} == {
        (theme.slots.brief[0], "brief", ("ops",), True)
    }
    dumbbell, three_bars = (r.size[1] for r in requests)
    assert dumbbell == theme.slots.brief[1]  # a kind with no natural height fills its slot
    assert three_bars < theme.slots.brief[1]  # three bars are as tall as they need


# --- hostile text ---------------------------------------------------------------------------------------

MARKUP = '<b>not bold</b> & </para> <font name="Helvetica">x</font> 5 < 6 &amp; 7 > 3'
CJK, HEBREW, EMOJI = "中文字符", "עברית", "\U0001f600"
LONG_WORD = "x" * 300


def hostile(data: dict) -> None:
    data["title"] = MARKUP
    data["subtitle"] = f"{CJK} {HEBREW}"
    data["short_title"] = LONG_WORD
    data["brief"]["summary"] = MARKUP
    data["findings"] = [MARKUP, f"{CJK} and {EMOJI}"]
    data["brief"]["sections"][0]["heading"] = f"Models {CJK}"
    data["brief"]["sections"][0]["body"][0] = f"{MARKUP} {CJK} {HEBREW} {EMOJI} {LONG_WORD} end."
    data["sources"]["model-survey"]["note"] = MARKUP


@pytest.fixture(scope="module")
def attacked(chart_cache, tmp_path_factory):
    folder = edited_minimal(tmp_path_factory.mktemp("hostile"), hostile)
    csv = folder / "data" / "investment.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("North America", LONG_WORD), encoding="utf-8")
    built, report = build_brief(folder, chart_cache)
    path = folder / "brief.pdf"
    path.write_bytes(built.data)
    return built, report, path


def test_markup_in_content_prints_literally(attacked):
    built, report, _ = attacked
    text = words("".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(built.data)).pages))
    assert words(MARKUP) in text  # the title is plain text: printed exactly as written
    assert words(report.brief.summary.plain) in text  # parsed as markdown, then printed as parsed


def test_characters_the_font_lacks_warn_with_the_field_that_holds_them(attacked):
    fields = {w.field: w.message for w in attacked[0].warnings}
    assert "brief.sections[0].heading" in fields
    assert "U+4E2D" in fields["brief.sections[0].heading"]
    assert "subtitle" in fields
    assert "beyond U+FFFF" in fields["findings[1]"]  # emoji cannot even be searched: say so
    assert all(w.where.path.endswith("report.yaml") and w.where.line for w in attacked[0].warnings)


@needs("pdftotext")
def test_characters_the_font_lacks_stay_in_the_text_layer(attacked):
    text = tool("pdftotext", str(attacked[2]), "-")
    assert CJK in text
    assert set(HEBREW) <= set(text)  # poppler may reorder right-to-left text, but keeps every letter


@needs("pdftotext")
def test_a_300_character_word_breaks_inside_the_margins(attacked):
    html = tool("pdftotext", "-bbox", str(attacked[2]), "-")
    page_width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', html)]
    margin = (page_width - load_theme().slots.brief[0] * 72) / 2
    assert max(right_edges) <= page_width - margin + 1
    assert "x" * 60 in html  # the word is still there, broken across lines


@needs("pdffonts")
def test_hostile_text_brings_in_no_other_font(attacked):
    rows = tool("pdffonts", str(attacked[2])).splitlines()[2:]
    assert all("Carlito" in row.split()[0] for row in rows)


@pytest.mark.parametrize("field", ["findings", "title"])
def test_content_taller_than_a_page_is_a_located_error_not_a_crash(field, tmp_path, chart_cache):
    essay = " ".join(["word"] * 3900)  # under the 20,000-character field limit, still pages long
    folder = edited_minimal(
        tmp_path, lambda data: data.update({field: [essay] if field == "findings" else essay})
    )
    with pytest.raises(ExportError, match="cannot be laid out"):
        build_brief(folder, chart_cache)
