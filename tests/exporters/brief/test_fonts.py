"""The bundled fonts in reportlab and svglib: every family maps to them, and missing characters are named."""

from __future__ import annotations

import pytest

from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.theme import load_theme

FACES = register_fonts(load_theme())


@pytest.mark.parametrize("family", ["Carlito", "Helvetica", "sans-serif", "Times New Roman", ""])
def test_svg_text_in_any_family_is_drawn_in_the_theme_font(family):
    assert FACES.find_font(family) == (FACES.regular, True)


@pytest.mark.parametrize(
    ("weight", "style", "face"),
    [
        ("normal", "normal", "regular"),
        ("bold", "normal", "bold"),
        ("700", "normal", "bold"),
        ("400", "italic", "italic"),
        ("600", "oblique", "bold_italic"),
    ],
)
def test_svg_weights_and_slants_pick_the_matching_face(weight, style, face):
    assert FACES.find_font("Carlito", weight, style) == (getattr(FACES, face), True)


def test_missing_characters_are_listed_once_each_in_order_and_spaces_never_count():
    assert FACES.missing("Côte d\u2019Ivoire \u2212 5\u00a0%") == ""
    assert FACES.missing("中文 中 \U0001f600 abc") == "中文\U0001f600"


def test_registering_twice_gives_the_same_names():
    assert register_fonts(load_theme()) == FACES
