"""fonts.load_face reads every bundled font's advances as fontTools reads them by glyph name."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from aigap_docs.fonts import load_face

FONTS = sorted((Path(__file__).parent.parent / "assets" / "fonts").glob("*.ttf"))


@pytest.mark.parametrize("path", FONTS, ids=lambda path: path.name)
def test_advances_by_glyph_number_match_advances_by_name(path: Path) -> None:
    with TTFont(path) as font:
        em = font["head"].unitsPerEm
        expected = {code: font["hmtx"][glyph][0] / em for code, glyph in font.getBestCmap().items()}
    assert load_face(path).advances == expected
