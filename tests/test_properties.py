"""Property tests: any text in any field builds both outputs and reads back as written, or is a located
content error; never a traceback.

Each example writes a whole report (every slide layout, a chart, a table and a brief) whose text fields
and text cells hypothesis drew, builds the deck and the brief with the pipeline and reads them back:
python-pptx for the deck, `pdftotext -raw` for the brief. The report folder and the output folder (with
its chart cache) are shared by the examples of a module, so an example costs one warm build (~0.3 s).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from aigap_docs.errors import ContentError
from aigap_docs.exporters.brief.markup import plain as pdf_plain
from aigap_docs.model import Report
from aigap_docs.pipeline import build, load
from aigap_docs.text import parse_inline

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow explain
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (CI has it)")

# --- text that looks like trouble ---------------------------------------------------------------------

MARKUP = [
    *"<>&\"'*_[]()}\\#",
    "{{",
    "}}",
    "**bold**",
    "*it*",
    "_it_",
    "***both***",
    "[link](https://example.org/a?b=1&c=2)",
    "[x](mailto:a@example.org)",
    "<b>not bold</b>",
    "&amp;",
    "&#65;",
    "</para>",
    "<br/>",
    "`code`",
    "# heading?",
    "- item",
    "~~x~~",
    "\\*",
    "\\\\",
    "a  \n",  # a hard line break
    "$1.2B",
    "100%",
    "_x000D_",  # how OOXML escapes a carriage return
]
SCRIPTS = [
    "数据显示",
    "中国人工智能",
    "한국어",
    "日本語のテキスト",
    "αβγ Δ λόγος",
    "Жизнь и данные",
    "e\u0301",  # combining marks
    "a\u0308o\u0308",
    "n\u0303",
    "\u00a0",  # no-break space
    "\u2011",  # non-breaking hyphen
    "\u00ad",  # soft hyphen
    "\u2014\u2212\u201cq\u201d\u2026",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\x85",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "🚀",
    "𝔸",
    "\U0001f1fa\U0001f1f8",
    "ǅﬁİß",
]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""What content may never hold (model.check_characters)."""

_PIECE = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(SCRIPTS),
    st.text(st.characters(codec="utf-8", max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=6),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=2),
    st.text("abc xyz.,", min_size=1, max_size=12),
    # A word longer than a table cell's or a big number's line.
    st.text(
        st.characters(categories=("L", "N", "P", "S", "M"), max_codepoint=0xFFFF), min_size=40, max_size=90
    ),
)


def _valid(text: str) -> str:
    """`text` as content may hold it: no control characters, every brace doubled to be literal."""
    return re.sub(r"[{}]", lambda m: m.group() * 2, CONTROL.sub("", text))


ANY_TEXT = st.lists(_PIECE, max_size=6).map("".join)
TEXT = ANY_TEXT.map(_valid)

# --- a report with every text field -------------------------------------------------------------------

RICH = {
    "chart_title": "charts.values.title",
    "chart_subtitle": "charts.values.subtitle",
    "chart_note": "charts.values.note",
    "table_title": "tables.values-table.title",
    "table_note": "tables.values-table.note",
    "finding": "findings[0]",
    "section_title": "slides[1].title",
    "section_subtitle": "slides[1].subtitle",
    "notes": "slides[1].notes",
    "bullets_title": "slides[2].title",
    "bullet": "slides[2].bullets[0].text",
    "sub": "slides[2].bullets[0].sub[0]",
    "takeaways_title": "slides[3].title",
    "chart_slide_title": "slides[4].title",
    "table_slide_title": "slides[5].title",
    "big_title": "slides[6].title",
    "big_value": "slides[6].numbers[0].value",
    "big_label": "slides[6].numbers[0].label",
    "big_text": "slides[6].text",
    "sources_slide_title": "slides[7].title",
    "closing_title": "slides[8].title",
    "closing_text": "slides[8].text",
    "summary": "brief.summary",
    "heading": "brief.sections[0].heading",
    "paragraph": "brief.sections[0].body[0]",
    "figure_caption": "brief.sections[0].body[1].caption",
    "table_caption": "brief.sections[0].body[2].caption",
}
"""Fields that take inline markup and data references, with their report.yaml paths (the loader's words)."""
PLAIN = {
    "title": "title",
    "subtitle": "subtitle",
    "short_title": "short_title",
    "author": "authors[0]",
    "keyword": "keywords[0]",
    "source_title": "sources.survey.title",
    "publisher": "sources.survey.publisher",
    "source_note": "sources.survey.note",
    "where": "datasets.rows.where",
    "name_label": "datasets.rows.columns.name.label",
    "group_label": "datasets.rows.columns.group.label",
    "unit": "datasets.rows.columns.value.unit",
    "value_header": "tables.values-table.columns[2].label",
    "prefix": "charts.values.labels.prefix",
    "suffix": "charts.values.labels.suffix",
    "alt": "charts.values.alt",
    "findings_title": "brief.findings_title",
    "sources_title": "brief.sources_title",
}
"""Fields of plain text, printed as written."""
FIELDS = {**RICH, **PLAIN}
CELLS = {
    "cell_a": ("a", "name"),
    "cell_b": ("b", "name"),
    "group_a": ("a", "group"),
    "group_b": ("b", "group"),
}
"""Text cells of data/rows.csv: (row, column)."""
ALL = [*FIELDS, *CELLS]


def report_data(t: dict[str, str]) -> dict[str, Any]:
    """report.yaml for the texts `t`: one dataset, a bar chart, a table, every slide layout, a brief."""
    return {
        "title": t["title"],
        "subtitle": t["subtitle"],
        "short_title": t["short_title"],
        "date": "2025-04-07",
        "authors": [t["author"]],
        "keywords": [t["keyword"]],
        "sources": {
            "survey": {
                "title": t["source_title"],
                "publisher": t["publisher"],
                "year": 2025,
                "url": "https://example.org/survey",
                "note": t["source_note"],
            }
        },
        "datasets": {
            "rows": {
                "file": "data/rows.csv",
                "source": "survey",
                "where": t["where"],
                "key": "id",
                "columns": {
                    "id": {"type": "text"},
                    "name": {"type": "text", "label": t["name_label"]},
                    "group": {"type": "text", "label": t["group_label"]},
                    "value": {"type": "number", "unit": t["unit"], "label": "Value"},
                },
            }
        },
        "charts": {
            "values": {
                "kind": "bar",
                "dataset": "rows",
                "title": t["chart_title"],
                "subtitle": t["chart_subtitle"],
                "note": t["chart_note"],
                "unit": t["unit"],
                "category": "name",
                "value": "value",
                "labels": {"prefix": t["prefix"], "suffix": t["suffix"]},
                "alt": t["alt"],
            }
        },
        "tables": {
            "values-table": {
                "dataset": "rows",
                "title": t["table_title"],
                "note": t["table_note"],
                "columns": ["name", "group", {"column": "value", "label": t["value_header"]}],
            }
        },
        "findings": [t["finding"]],
        "slides": [
            {"layout": "title"},
            {
                "layout": "section",
                "title": t["section_title"],
                "subtitle": t["section_subtitle"],
                "notes": t["notes"],
            },
            {
                "layout": "bullets",
                "title": t["bullets_title"],
                "bullets": [{"text": t["bullet"], "sub": [t["sub"]]}],
            },
            {"layout": "takeaways", "title": t["takeaways_title"]},
            {"layout": "chart", "title": t["chart_slide_title"], "chart": "values"},
            {"layout": "table", "title": t["table_slide_title"], "table": "values-table"},
            {
                "layout": "big_number",
                "title": t["big_title"],
                "numbers": [{"value": t["big_value"], "label": t["big_label"]}],
                "text": t["big_text"],
            },
            {"layout": "sources", "title": t["sources_slide_title"]},
            {"layout": "closing", "title": t["closing_title"], "text": t["closing_text"]},
        ],
        "brief": {
            "summary": t["summary"],
            "findings_title": t["findings_title"],
            "sources_title": t["sources_title"],
            "sections": [
                {
                    "heading": t["heading"],
                    "body": [
                        t["paragraph"],
                        {"figure": "values", "caption": t["figure_caption"]},
                        {"table": "values-table", "caption": t["table_caption"]},
                    ],
                }
            ],
        },
    }


def write_report(folder: Path, t: dict[str, str]) -> None:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    # Every scalar double-quoted: in other styles PyYAML writes a raw NEL (U+0085), read back as a break.
    text = yaml.safe_dump(
        report_data(t), allow_unicode=True, sort_keys=False, width=10_000, default_style='"'
    )
    (folder / "report.yaml").write_text(text, encoding="utf-8")
    with open(folder / "data" / "rows.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # "\r\n" records, so a cell holding "\r" or "\n" is quoted
        writer.writerow(["id", "name", "group", "value"])
        writer.writerow(["a", t["cell_a"], t["group_a"], "12.5"])
        writer.writerow(["b", t["cell_b"], t["group_b"], "-3"])


def expected(field: str, text: str) -> str:
    """What a field reads back as: the text of its parsed markup, or its plain text stripped, with its
    line breaks as '\\n' (as YAML reads the line breaks of the file itself)."""
    if field in RICH:
        return parse_inline(text).plain
    return text.strip().replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One report folder every example rewrites, one output folder whose chart cache they share."""
    root = tmp_path_factory.mktemp("properties")
    return root / "content" / "case", root / "output"


# --- reading the outputs back -------------------------------------------------------------------------


def build_outputs(folder: Path, output: Path) -> tuple[Report, Any, str]:
    """Load and build the report; return it, the deck as python-pptx reads it and the brief's text."""
    report, theme = load(folder)
    build(report, theme, output, jobs=1)  # in this process, so a warning is an error
    pdf_text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(output / f"{folder.name}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return report, Presentation(str(output / f"{folder.name}.pptx")), pdf_text


def lines(paragraph: Any) -> str:
    """A paragraph's text with its line breaks (which python-pptx reads as vertical tabs) as '\\n'."""
    return paragraph.text.replace("\v", "\n")


def shown(slide: Any, name: str) -> list[str]:
    """The paragraphs of the slide's shape called `name` ([""] if the slide has no such shape)."""
    shape = next((shape for shape in slide.shapes if shape.name == name), None)
    return [lines(p) for p in shape.text_frame.paragraphs] if shape is not None else [""]


def same(actual: Any, wanted: Any, what: str) -> None:
    assert actual == wanted, f"{what}: {actual!r} != {wanted!r}"


def headers(want: dict[str, str]) -> list[str]:
    """The table's headers by the documented rule: label, else column name; a number's unit after it."""
    value = want["value_header"] or "Value"
    if want["unit"] and want["unit"] not in value:
        value += f" ({want['unit']})"
    return [want["name_label"] or "name", want["group_label"] or "group", value]


def check_deck(deck: Any, want: dict[str, str], report: Report) -> None:
    """Every slide title, bullet, note, table cell, big number and source line as the content says."""
    slides = list(deck.slides)
    cover, section, bullets, takeaways, chart, table, big, sources, closing = slides

    def title(slide: Any, field: str) -> None:
        same(shown(slide, "Title"), [want[field]], field)

    def display(slide: Any, heading: str, subtitle: str) -> None:
        title(slide, heading)
        same(shown(slide, "Subtitle"), [want[subtitle]], subtitle)

    display(cover, "title", "subtitle")
    same(shown(cover, "Byline")[0].partition("\u00b7  ")[2], want["author"], "author")
    display(section, "section_title", "section_subtitle")
    notes = section.notes_slide.notes_text_frame.text if section.has_notes_slide else ""
    same(notes, want["notes"], "notes")
    title(bullets, "bullets_title")
    same(shown(bullets, "Text"), [want["bullet"], want["sub"]], "bullet, sub")
    title(takeaways, "takeaways_title")
    same(shown(takeaways, "Text"), [want["finding"]], "finding")
    title(chart, "chart_slide_title")
    same(shown(chart, "Source"), [report.citation(report.charts["values"])], "chart source")
    if want["alt"]:  # else the alt text is written from the data
        picture = next(shape for shape in chart.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
        same(picture._element.nvPicPr.cNvPr.get("descr"), want["alt"], "alt")
    title(table, "table_slide_title")
    native = next(shape for shape in table.shapes if shape.has_table).table
    cells = [[lines(cell.text_frame.paragraphs[0]) for cell in row.cells] for row in native.rows]
    rows = [[want["cell_a"], want["group_a"], "12.5"], [want["cell_b"], want["group_b"], "\u22123"]]
    same(cells, [headers(want), *rows], "table cells")
    note = [f"Note: {want['table_note']}"] if want["table_note"] else []
    same(shown(table, "Source"), [*note, report.citation(report.tables["values-table"])], "table note")
    title(big, "big_title")
    same(shown(big, "Number"), [want["big_value"]], "big_value")
    same(shown(big, "Label"), [want["big_label"]], "big_label")
    same(shown(big, "Source"), [want["big_text"]], "big_text")
    title(sources, "sources_slide_title")
    details = ", ".join(part for part in (want["publisher"], "2025") if part)
    same(shown(sources, "Text"), [want["source_title"], details, "https://example.org/survey"], "sources")
    display(closing, "closing_title", "closing_text")
    for slide in slides[1:]:
        same(shown(slide, "Footer"), [want["short_title"] or want["title"]], "short_title")


PRINTED = [
    *("title", "subtitle", "author", "summary", "finding", "heading", "paragraph", "figure_caption"),
    *("table_caption", "table_note", "source_title", "publisher", "source_note", "where"),
    *("findings_title", "sources_title", *CELLS),
]
"""The fields the brief prints as text (chart text is drawn, cleaned to the font's glyphs, not compared)."""


_RIGHT_TO_LEFT = {"R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI"}
_RIGHT_TO_LEFT_BLOCKS = [(0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF)]
"""Hebrew, Arabic and their presentation forms: poppler reads even their symbols as right-to-left."""


def comparable(text: str) -> bool:
    """Whether pdftotext can read `text` back as written (see the test's docstring)."""
    return not any(
        ord(c) > 0xFFFF
        or unicodedata.bidirectional(c) in _RIGHT_TO_LEFT
        or unicodedata.category(c) == "Cn"
        or any(lo <= ord(c) <= hi for lo, hi in _RIGHT_TO_LEFT_BLOCKS)
        for c in text
    )


def squash(text: str) -> str:
    """Text without whitespace, so where the page breaks lines does not count (reportlab also takes a
    zero-width space for a space between words)."""
    return "".join(text.replace("\u200b", " ").split())


def as_printed(text: str) -> str:
    """Text with the brief's stand-ins for characters the font lacks (a soft hyphen is dropped); its
    line breaks stay line breaks."""
    markup = pdf_plain(text).replace("<br/>", "\n")
    return markup.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def check_brief(pdf_text: str, want: dict[str, str]) -> None:
    page = squash(pdf_text)
    for text in [*(want[field] for field in PRINTED), *headers(want)]:
        if comparable(text):
            assert squash(as_printed(text)) in page, f"{text!r} is not in the brief"


# --- the properties -----------------------------------------------------------------------------------


def case(**texts: str) -> dict[str, str]:
    """Texts with every field empty but those given."""
    return {**dict.fromkeys(ALL, ""), **texts}


@needs_pdftotext
@pytest.mark.slow
@SETTINGS
@given(texts=st.fixed_dictionaries(dict.fromkeys(ALL, TEXT)))
# Found by this test: the loader split CSV files at U+2028 and lost a quoted cell's line breaks ...
@example(texts=case(cell_a="one\u2028two", group_a="three\nfour", cell_b="five\x85six"))
# ... and a carriage return in plain text reached the deck as the literal text "_x000D_".
@example(texts=case(author="Ada\rLovelace", publisher="Example\r\nInstitute", where="p.\r3"))
def test_any_text_in_any_field_builds_both_outputs_and_reads_back_as_written(place, texts):
    """Markup-looking text, CJK, Greek, Cyrillic, combining marks, no-break spaces, emoji, long words.

    The brief is compared where the text is in the Basic Multilingual Plane and in left-to-right
    scripts: reportlab writes no text-layer entry for characters beyond U+FFFF (see pdf_fonts), and
    pdftotext returns right-to-left text in visual order, wrapped in bidi embedding marks, so neither
    can read back as written. Characters this Python's Unicode tables do not know are left out too: a
    newer poppler may know them as right-to-left, as it does every character of the Hebrew and Arabic
    blocks. The deck is compared for every character.
    """
    folder, output = place
    write_report(folder, texts)
    report, deck, pdf_text = build_outputs(folder, output)
    want = {field: expected(field, text) for field, text in texts.items()}
    check_deck(deck, want, report)
    check_brief(pdf_text, want)


BAD_REFERENCES = [
    "{",
    "{0}",
    "{}",
    "{ }",
    "{x.__class__}",
    "{rows}",
    "{rows[a].value:%}",
    "{rows[a].value!r}",
    "{nope[a].value}",
    "{rows[zz].value}",
    "{rows[a].nope}",
    "{rows[a].name:.1f}",
]
CONTROLS = st.sampled_from([c for c in map(chr, [*range(0x20), 0x7F, 0xFFFE, 0xFFFF]) if CONTROL.match(c)])


@st.composite
def broken_texts(draw: st.DrawFn) -> tuple[dict[str, str], str, str]:
    """Valid texts with one field made invalid: a control character anywhere, or a bad reference where
    text takes references; returns the texts, the field and what was put in."""
    texts = draw(st.fixed_dictionaries(dict.fromkeys(ALL, TEXT)))
    field = draw(st.sampled_from(ALL))
    bad = draw(st.sampled_from(BAD_REFERENCES) | CONTROLS if field in RICH else CONTROLS)
    at = draw(st.integers(0, len(texts[field])))
    texts[field] = f"{texts[field][:at]}a{bad}a{texts[field][at:]}"  # not at an end, where it is stripped
    return texts, field, bad


LOCATED = re.compile(r"\S+report\.yaml:\d+:\d+: (?P<field>\S+): .+|\S+rows\.csv:(?P<line>\d+): .+")


@SETTINGS
@given(broken=broken_texts())
# Found by this test: control characters in plain text and in CSV cells went through to the deck,
# where lxml raised "All strings must be XML compatible" (a traceback).
@example(broken=(case(title="a\x01a"), "title", "\x01"))
@example(broken=(case(cell_b="a\x1ba"), "cell_b", "\x1b"))
def test_a_bad_reference_or_a_control_character_is_a_content_error_naming_its_field(place, broken):
    texts, field, bad = broken
    folder, _ = place
    write_report(folder, texts)
    with pytest.raises(ContentError) as raised:
        load(folder)
    problems = [str(problem) for problem in raised.value.problems]
    assert all("\n" not in problem and LOCATED.fullmatch(problem) for problem in problems), problems
    if field in CELLS:
        row, column = CELLS[field]
        line = (
            2
            if row == "a"
            else 3 + sum(len(re.findall(r"\r\n|\r|\n", texts[f])) for f in ("cell_a", "group_a"))
        )
        assert f"rows.csv:{line}: column {column!r}: control character" in "\n".join(problems)
    else:
        named = [m["field"] for m in map(LOCATED.fullmatch, problems) if m["field"]]
        assert FIELDS[field] in named, (FIELDS[field], problems)


@st.composite
def unfiltered_texts(draw: st.DrawFn) -> dict[str, str]:
    """Texts with a few fields of anything at all: braces, control characters, surrogate-free Unicode.

    A few, not all: with every field unfiltered, nearly every report has a bad reference somewhere and
    nothing would be built.
    """
    texts = draw(st.fixed_dictionaries(dict.fromkeys(ALL, TEXT)))
    for field in draw(st.lists(st.sampled_from(ALL), max_size=3, unique=True)):
        texts[field] = draw(ANY_TEXT)
    return texts


@pytest.mark.slow
@SETTINGS
@given(texts=unfiltered_texts())
def test_any_text_at_all_builds_both_outputs_or_is_a_content_error(place, texts):
    folder, output = place
    write_report(folder, texts)
    try:
        report, theme = load(folder)
    except ContentError as error:
        event("a content error")
        assert all(LOCATED.fullmatch(str(problem)) for problem in error.problems), error.problems
    else:
        event("built")
        build(report, theme, output, jobs=1)
