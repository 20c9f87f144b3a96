"""How the brief flows over pages (tests/fixtures/good/brief-flow): a long table splits where it falls with
its header and a '(continued)' caption, figures keep their place in the text, long URLs break at their
punctuation, and a chart of three bars is only as tall as its bars.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from aigap_docs.exporters.brief import plan as brief_plan
from aigap_docs.exporters.brief.table import MIN_ROWS
from aigap_docs.pipeline import load
from aigap_docs.text import url_break_points

from ...conftest import FIXTURES
from .test_writer import build_brief, needs, tool

FLOW = FIXTURES / "good" / "brief-flow"
SITE_REGISTER = (
    "https://data.example.org/registers/sites-and-staff/2025/annual-register_of_sites_with_their_staff_and_"
    "budgets_for_the_year_under_review.csv?format=csv&version=2"
)
RUNNING_TEXT_URL = (
    "https://data.example.org/registers/sites-and-staff/2025/annual-register_of_sites_with_their_staff.csv"
    "?format=csv&version=2"
)
HEADER = "Staff (people)"


def flow_report(tmp_path: Path, rows: int) -> Path:
    """The brief-flow report with only the first `rows` rows of its long table."""
    folder = tmp_path / f"flow-{rows}"
    shutil.copytree(FLOW, folder)
    csv = folder / "data" / "sites.csv"
    csv.write_text("\n".join(csv.read_text().splitlines()[: rows + 1]) + "\n")
    return folder


def pages(pdf: Path) -> list[str]:
    """The text of each page as poppler reads it, one line per text line."""
    count = len(pypdf.PdfReader(pdf).pages)
    return [tool("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, count + 1)]


@pytest.fixture(scope="module", params=[60, 30], ids=["60-rows", "30-rows"])
def flow(request, chart_cache, tmp_path_factory) -> tuple[int, Path, list[str]]:
    rows = request.param
    folder = flow_report(tmp_path_factory.mktemp("flow"), rows)
    built, _ = build_brief(folder, chart_cache)
    assert built.warnings == []
    pdf = folder / "brief.pdf"
    pdf.write_bytes(built.data)
    return rows, pdf, pages(pdf)


def page_of(texts: list[str], needle: str) -> int:
    return next(n for n, text in enumerate(texts, 1) if needle in text)


def last_page_of(texts: list[str], needle: str) -> int:
    return max(n for n, text in enumerate(texts, 1) if needle in text)


def site(n: int) -> str:
    return f"Site {n:02d}\n"


@needs("pdftotext")
def test_a_table_that_does_not_fit_the_rest_of_a_page_starts_there(flow):
    _, _, texts = flow
    start = page_of(texts, "Table 1.")
    assert page_of(texts, "Every site reports once a year") == start  # the text just before it
    assert page_of(texts, site(1)) == start
    assert len(re.findall(r"Site \d\d\n", texts[start - 1])) >= MIN_ROWS


@needs("pdftotext")
def test_every_part_after_the_first_is_captioned_continued_with_the_header_repeated(flow):
    rows, _, texts = flow
    first, last = page_of(texts, site(1)), page_of(texts, site(rows))
    assert last > first
    for page in texts[first:last]:
        assert "Table 1 (continued)" in page and "Table 1." not in page
        assert page.index("Table 1 (continued)") < page.index(HEADER) < page.index("Site ")
    assert HEADER in texts[first - 1] and "continued" not in texts[first - 1]


@needs("pdftotext")
def test_no_part_of_a_split_table_holds_fewer_than_the_minimum_rows(flow):
    _, _, texts = flow
    counts = [len(re.findall(r"Site \d\d\n", text)) for text in texts]
    assert all(count == 0 or count >= MIN_ROWS for count in counts)


@needs("pdftotext")
def test_the_note_and_source_line_end_the_last_part(flow):
    rows, _, texts = flow
    last = page_of(texts, site(rows))
    assert page_of(texts, "Source: Example Institute") == last


@needs("pdftotext")
def test_a_figure_after_a_table_keeps_its_place_in_the_text(flow):
    rows, pdf, texts = flow
    assert page_of(texts, "Figure 1.") >= last_page_of(texts, "Site ")
    text = " ".join(tool("pdftotext", str(pdf), "-").split())
    order = ["Every site reports", "Table 1.", f"Site {rows:02d}", "Figure 1.", "Three teams share", "Teams"]
    positions = [text.index(needle) for needle in order]
    assert positions == sorted(positions)


def test_a_short_table_that_does_not_fit_moves_on_whole(tmp_path, chart_cache):
    """Too few rows to leave the minimum on each side of a page break: the table does not split."""
    folder = flow_report(tmp_path, 2 * MIN_ROWS - 1)
    report = folder / "report.yaml"
    filler = "          Every site reports once a year. " + "More words to fill the page. " * 95
    report.write_text(
        report.read_text().replace(
            "        - table: all-sites\n", f"        - >-\n{filler}\n        - table: all-sites\n"
        )
    )
    built, _ = build_brief(folder, chart_cache)
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(built.data)
    texts = pages(pdf)
    assert page_of(texts, "Table 1.") == page_of(texts, site(2 * MIN_ROWS - 1)) > page_of(texts, "More words")
    assert "continued" not in "".join(texts)


# --- URLs -----------------------------------------------------------------------------------------------


def url_lines(text: str, url: str) -> list[str]:
    """The lines `url` was set on, as pdftotext reads them (the first may start with other words)."""
    head = text.index(url[: url.index("/", 8)])
    lines, rest = [], url
    for line in text[head:].splitlines():
        part = line.strip()
        if not rest.startswith(part):
            part = part[: len(rest)]  # the URL's last line may go on with other words
        assert rest.startswith(part), f"{part!r} is not the next piece of {url!r}"
        lines.append(part)
        rest = rest[len(part) :]
        if not rest:
            return lines
    raise AssertionError(f"{url!r} is not all there")


@needs("pdftotext")
def test_a_url_longer_than_a_line_breaks_only_where_url_break_points_allows(flow):
    _, _, texts = flow
    sources = texts[-1][texts[-1].index("Sources") :]
    lines = url_lines(sources, SITE_REGISTER)
    assert len(lines) > 1
    breaks = [sum(len(line) for line in lines[:i]) for i in range(1, len(lines))]
    assert set(breaks) <= set(url_break_points(SITE_REGISTER))


@needs("pdftotext")
def test_a_url_in_running_text_breaks_at_its_punctuation(flow):
    _, _, texts = flow
    url = RUNNING_TEXT_URL
    lines = url_lines(texts[0][texts[0].index("The full register") :], url)
    assert len(lines) > 1
    breaks = [sum(len(line) for line in lines[:i]) for i in range(1, len(lines))]
    assert set(breaks) <= set(url_break_points(url))


def test_a_broken_url_links_every_piece_to_the_whole_address(flow):
    _, pdf, _ = flow
    targets = [
        annot.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(pdf).pages
        for annot in page.get("/Annots") or []
        if annot.get_object()["/Subtype"] == "/Link"
    ]
    assert targets.count(SITE_REGISTER) > 1  # one link per line the address is set on
    assert set(targets) == {
        SITE_REGISTER,
        RUNNING_TEXT_URL,
        "https://example.org/about/publications/census-of-teams-2025-edition-with-a-long-address.pdf",
    }


@needs("pdftotext")
def test_a_url_is_one_unbroken_string_of_text_with_no_invisible_characters(flow):
    _, pdf, _ = flow
    text = tool("pdftotext", str(pdf), "-")
    assert "\u200b" not in text and "\u00ad" not in text
    assert SITE_REGISTER in "".join(text.split())


# --- figure sizes ---------------------------------------------------------------------------------------


def test_a_chart_of_three_bars_is_drawn_only_as_tall_as_its_bars():
    report, theme = load(FLOW)
    (request,) = brief_plan.plan(report, theme).chart_requests()
    width, height = request.size
    assert width == theme.slots.brief[0]
    assert 0.8 < height < 0.7 * theme.slots.brief[1]


@needs("pdftotext")
def test_the_short_chart_is_placed_at_its_own_height(flow):
    _, pdf, texts = flow
    page = str(page_of(texts, "Figure 1."))
    boxes = tool("pdftotext", "-f", page, "-l", page, "-bbox", str(pdf), "-")

    def top(word: str) -> float:
        return float(re.search(rf'yMin="([\d.]+)"[^>]*>{word}<', boxes).group(1))

    slot = load(FLOW)[1].slots.brief[1] * 72
    assert top("Analytics,") - top("Figure") < 0.8 * slot  # caption to source line: less than the slot
