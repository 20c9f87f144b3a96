"""The bundled fonts in reportlab: the theme's four faces are registered, and missing characters are named."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.exporters.brief.glyphs import _missing, coverage
from aigap_docs.theme import load_theme

THEME = load_theme()
FACES = register_fonts(THEME)


def test_missing_characters_are_listed_once_each_in_order_and_spaces_never_count():
    drawn = coverage(THEME)
    assert _missing("Côte d\u2019Ivoire \u2212 5\u00a0%", drawn) == ""
    assert _missing("中文 中 \U0001f600 abc", drawn) == "中文\U0001f600"


def test_the_planner_reads_the_characters_reportlab_draws_from_the_font_files():
    register_fonts(THEME)
    by_reportlab = frozenset.intersection(
        *(frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in _names(FACES))
    )
    assert coverage(THEME) == by_reportlab - {0xFFFF}  # the end of a cmap segment, not a character


def _names(faces):
    return (faces.regular, faces.bold, faces.italic, faces.bold_italic)


def test_registering_twice_gives_the_same_names():
    assert register_fonts(load_theme()) == FACES
