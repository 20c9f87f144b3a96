"""The brief's page furniture: page sizes and the centred column, running heads that fit, balanced titles."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from aigap_docs.exporters import DocumentInfo
from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.exporters.brief.page import Layout, balanced_width, fit, long_date, render
from aigap_docs.exporters.brief.styles import brief_styles
from aigap_docs.loader import load_report
from aigap_docs.theme import load_theme

from ...conftest import FIXTURES

THEME = load_theme()
FACES = register_fonts(THEME)
FONT, SIZE = FACES.regular, 8
MINIMAL = load_report(FIXTURES / "good" / "minimal")


@pytest.mark.parametrize(("size", "width", "height"), [("A4", 595.28, 841.89), ("letter", 612, 792)])
def test_the_text_column_is_centred_on_the_page_size_the_report_names(size, width, height):
    report = MINIMAL.model_copy(update={"page_size": size})
    layout = Layout.of(report.page_size, 432)
    assert (layout.width, layout.height) == pytest.approx((width, height), abs=0.01)
    assert layout.margin * 2 + layout.column == pytest.approx(layout.width)


def test_a_running_head_that_fits_is_left_alone():
    assert fit("US-China AI gap", FONT, SIZE, 200) == "US-China AI gap"


def test_a_long_running_head_is_cut_at_a_word_and_ends_with_an_ellipsis():
    cut = fit("How far has China closed the AI gap with the United States", FONT, SIZE, 100)
    assert cut.endswith("\u2026") and not cut.endswith(" \u2026")
    assert "How far has China closed the AI gap with the United States".startswith(cut[:-1])
    assert stringWidth(cut, FONT, SIZE) <= 100


def test_a_single_word_too_wide_for_the_head_is_cut_inside_the_word():
    cut = fit("x" * 300, FONT, SIZE, 100)
    assert cut.startswith("xxxx") and cut.endswith("\u2026")
    assert stringWidth(cut, FONT, SIZE) <= 100


def test_a_balanced_title_keeps_its_line_count_and_breaks_near_the_middle():
    style = ParagraphStyle("title", fontName=FACES.bold, fontSize=22, leading=25)
    title = Paragraph("How far has China closed the AI gap with the US?", style)
    narrow = balanced_width(title, 439.2)
    assert len(title.breakLines([439.2]).lines) == len(title.breakLines([narrow]).lines) == 2
    assert narrow < 439.2 * 0.75  # unbalanced, the second line would hold just "US?"


def test_dates_read_day_month_year():
    assert long_date(dt.date(2026, 11, 27)) == "27 November 2026"


def pages_of(story) -> list[str]:
    styles = brief_styles(THEME, FACES)
    layout = Layout.of(MINIMAL.page_size, 432)
    data = render(lambda _document: story(styles), DocumentInfo.of(MINIMAL), styles, layout)
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_a_figure_that_no_longer_fits_starts_the_next_page_before_the_text_after_it():
    """Source order: the text after a figure may say "the chart above", so it never runs ahead of it."""

    def story(styles):
        return [
            Spacer(1, 400),
            KeepTogether([Paragraph("FIGURE", styles.caption), Spacer(1, 300)]),
            Paragraph("AFTER the figure in the content", styles.body),
        ]

    first, second = pages_of(story)[:2]
    assert "FIGURE" not in first and "AFTER" not in first
    assert second.index("FIGURE") < second.index("AFTER")


def test_a_figure_never_jumps_a_heading():
    def story(styles):
        return [
            Spacer(1, 400),
            KeepTogether([Paragraph("FIGURE", styles.caption), Spacer(1, 300)]),
            Paragraph("HEADING of the next section", styles.heading),
        ]

    first, second = pages_of(story)[:2]
    assert "HEADING" not in first and second.index("FIGURE") < second.index("HEADING")
