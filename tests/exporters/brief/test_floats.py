"""Figures and tables float (page.BriefDocument): one that does not fit in what is left of a page waits for the
top of the next, and the text after it fills this page; floats keep their order and never pass a heading; the
structure tree keeps the source's order. Read back with poppler's word boxes and pikepdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from ...conftest import ROOT
from .test_tagging import elements, structure, unmarked
from .test_writer import build_brief, edited_minimal, needs, tool

FILLER = "Filler words that take up most of the first page before the figure arrives. " * 31
PASSING = "Passing text that may flow past the waiting figure to fill the page. " * 30 + "Passend."
COLUMN_BOTTOM = 842 - 20 * 72 / 25.4
"""Where the text column of an A4 page ends, from the top (page.py's _BOTTOM)."""
UNDER_HEADER = 18 * 72 / 25.4
"""Between the running header's rule and the text column's top (page.py's _HEADER and _TOP)."""


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    top: float
    bottom: float
    left: float
    right: float


def words_of(pdf: Path) -> list[Word]:
    """Every word poppler reads, with its page (from 1) and box (points from the page's top left)."""
    html = tool("pdftotext", "-bbox", str(pdf), "-")
    found = []
    for number, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", html, re.S), 1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            found.append(Word(text, number, float(y0), float(y1), float(x0), float(x1)))
    return found


def at(words: list[Word], *texts: str) -> Word:
    """The first word of the first run of words that reads `texts`."""
    for i in range(len(words) - len(texts) + 1):
        if tuple(w.text for w in words[i : i + len(texts)]) == texts:
            return words[i]
    raise AssertionError(f"{' '.join(texts)!r} is not in the brief")


def last(words: list[Word], text: str) -> Word:
    return [w for w in words if w.text == text][-1]


def place(word: Word) -> tuple[int, float]:
    """Where a word is in the order a reader turns pages and reads down them."""
    return word.page, word.top


def body_top(words: list[Word], page: int) -> Word:
    """The first word under the running header of `page`."""
    return min((w for w in words if w.page == page and w.top > UNDER_HEADER), key=lambda w: w.top)


def overlaps(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words on one page whose boxes overlap by more than a point each way."""
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.page != a.page:
                continue
            if (
                min(a.bottom, b.bottom) - max(a.top, b.top) > 1
                and min(a.right, b.right) - max(a.left, b.left) > 1
            ):
                found.append((a.text, b.text))
    return found


def build(tmp_path: Path, chart_cache: Path, sections: list[dict]) -> tuple[Path, list[Word]]:
    """The minimal report with these brief sections, built; its PDF and its words."""

    def edit(data: dict) -> None:
        data["brief"]["sections"] = sections

    folder = edited_minimal(tmp_path, edit)
    built, _ = build_brief(folder, chart_cache)
    assert built.warnings == []
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(built.data)
    return pdf, words_of(pdf)


FIGURE_ONE = {"figure": "models-change", "caption": "First figure."}
FIGURE_TWO = {"figure": "investment-bar", "caption": "Second figure."}
TABLE = {"table": "investment-table", "caption": "The table."}


@pytest.fixture(scope="module")
def passed(chart_cache, tmp_path_factory) -> tuple[Path, list[Word]]:
    """A figure that does not fit at the end of page 1, a long paragraph after it, then a second figure, a
    table and another section."""
    sections = [
        {"heading": "Models", "body": [FILLER, FIGURE_ONE, PASSING, FIGURE_TWO, "After figure two.", TABLE]},
        {"heading": "Investment", "body": ["Closing words."]},
    ]
    return build(tmp_path_factory.mktemp("passed"), chart_cache, sections)


@needs("pdftotext")
def test_the_figure_did_not_fit_where_the_source_has_it(passed):
    _, words = passed
    figure = at(words, "Figure", "1.")
    source = at(words[words.index(figure) :], "Source:")
    room = COLUMN_BOTTOM - last(words, "arrives.").bottom
    assert source.bottom - figure.top > room > 100  # else this test would not test floating


@needs("pdftotext")
def test_text_after_a_figure_that_does_not_fit_fills_the_page_and_the_figure_starts_the_next(passed):
    _, words = passed
    figure = at(words, "Figure", "1.")
    assert at(words, "Passing", "text").page == 1 == last(words, "arrives.").page
    assert figure.page == 2 and body_top(words, 2) == figure
    assert place(last(words, "Passend.")) > place(figure)  # the rest of the text goes on under it


@needs("pdftotext")
def test_floats_keep_their_order_and_stay_in_their_section(passed):
    _, words = passed
    order = [
        at(words, "Figure", "1."),
        last(words, "Passend."),
        at(words, "Figure", "2."),
        at(words, "After", "figure", "two."),
        at(words, "Table", "1."),
        at(words, "Investment"),
    ]
    assert [place(w) for w in order] == sorted(place(w) for w in order)


@needs("pdftotext")
def test_nothing_overlaps(passed):
    _, words = passed
    assert overlaps(words) == []


@needs("pdfinfo")
def test_the_structure_tree_keeps_the_source_order(passed):
    pdf, _ = passed
    tree = [line for _, line in structure(pdf)]
    figure = next(i for i, line in enumerate(tree) if line.startswith("Figure"))
    filler = next(i for i, line in enumerate(tree) if "Filler words" in line)
    text = next(i for i, line in enumerate(tree) if "Passing text" in line)
    assert filler < figure < text
    with pikepdf.open(pdf) as document:
        assert unmarked(document) == []
        roles = [str(e.S) for e in elements(document)]
        assert roles.index("/Figure") < roles.index("/Table")


@needs("pdftotext")
def test_a_table_after_a_waiting_figure_waits_behind_it(chart_cache, tmp_path):
    """The three-row table would fit where the figure does not, but it is numbered after it."""
    sections = [{"heading": "Models", "body": [FILLER, FIGURE_ONE, TABLE, "After the table."]}]
    _, words = build(tmp_path, chart_cache, sections)
    figure, table = at(words, "Figure", "1."), at(words, "Table", "1.")
    assert figure.page == 2 and body_top(words, 2) == figure
    assert place(figure) < place(table) < place(at(words, "After", "the", "table."))
    assert overlaps(words) == []


@needs("pdftotext")
def test_no_heading_passes_a_waiting_figure(chart_cache, tmp_path):
    sections = [
        {"heading": "Models", "body": [FILLER, FIGURE_ONE, "Short text after it."]},
        {"heading": "Investment", "body": ["Closing words."]},
    ]
    _, words = build(tmp_path, chart_cache, sections)
    figure = at(words, "Figure", "1.")
    assert at(words, "Short", "text").page == 1  # the short text passes it
    assert figure.page == 2 and body_top(words, 2) == figure
    assert place(figure) < place(at(words, "Investment")) < place(at(words, "Closing", "words."))


def blank_end(words: list[Word], page: int, height: float) -> float:
    """The share of the page's height left blank between its last line and the text column's bottom."""
    bottom = height - 20 * 72 / 25.4  # page.py's _BOTTOM, as COLUMN_BOTTOM
    return (bottom - max(w.bottom for w in words if w.page == page and w.bottom < bottom)) / height


@needs("pdftotext")
@pytest.mark.parametrize(
    ("report", "passing", "most_blank"),
    [
        ("aigap-2025", ("User", "preferences"), 0.05),  # was 0.14 before figures floated
        ("us-jobs-2006-2015", ("The", "monthly", "losses"), 0.25),  # was 0.27: one short paragraph passes
    ],
)
def test_page_one_of_the_shipped_reports_ends_with_the_text_that_passed_its_figure(
    report, passing, most_blank, chart_cache, tmp_path
):
    built, _ = build_brief(ROOT / "content" / report, chart_cache)
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(built.data)
    words = words_of(pdf)
    with pikepdf.open(pdf) as document:
        height = float(document.pages[0].mediabox[3])
    assert at(words, *passing).page == 1
    assert at(words, "Figure", "1.").page == 2
    assert blank_end(words, 1, height) < most_blank


@needs("pdftotext")
def test_text_that_passed_a_figure_as_tall_as_a_page_goes_on_after_it(chart_cache, tmp_path):
    """The figure leaves under two lines on its page: the passed text's rest waits once more, not an error."""
    caption = "A caption long enough to make the figure nearly a page tall. " * 71
    sections = [
        {"heading": "Models", "body": [FILLER, {"figure": "models-change", "caption": caption}, PASSING]}
    ]
    _, words = build(tmp_path, chart_cache, sections)
    figure = at(words, "Figure", "1.")
    source = at(words[words.index(figure) :], "Source:")
    assert figure.page == source.page == 2 and body_top(words, 2) == figure
    assert COLUMN_BOTTOM - source.bottom < 30  # else this test would not test it
    assert at(words, "Passing", "text").page == 1 and last(words, "Passend.").page == 3
