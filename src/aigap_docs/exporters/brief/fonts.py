"""The theme's bundled fonts for reportlab, so that nothing ever falls back to Helvetica."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from aigap_docs.theme import Theme

_STYLES = ("regular", "bold", "italic", "bold_italic")
_LAST_BMP = 0xFFFF


class _MissingAsBox(dict):  # type: ignore[type-arg]
    """A font's character map that also answers for the characters the font lacks, with glyph 0.

    reportlab gives an unknown character code 0, so it prints as a box and vanishes from the text layer.
    Mapped to glyph 0 (.notdef, Carlito's box) under its own code instead, it still prints as a box but
    keeps its ToUnicode entry: copy, paste and search find the real character. Characters beyond U+FFFF
    (emoji) are left out, because reportlab writes their ToUnicode entries as invalid 5-digit hex.
    """

    def __contains__(self, code: object) -> bool:
        return dict.__contains__(self, code) or (isinstance(code, int) and code <= _LAST_BMP)

    def __missing__(self, code: int) -> int:
        return 0


@dataclass(frozen=True)
class Faces:
    """The reportlab names of the theme's four faces (which characters they draw: glyphs.coverage)."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def name(self, bold: bool = False, italic: bool = False) -> str:
        """The face for a weight and a slant."""
        return ((self.regular, self.italic), (self.bold, self.bold_italic))[bold][italic]


def register_fonts(theme: Theme) -> Faces:
    """Register the theme's four font files with reportlab (once per file) and return their names."""
    names = [_register(theme.font_path(style).resolve()) for style in _STYLES]
    pdfmetrics.registerFontFamily(
        names[0], normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    return Faces(*names)


@cache
def _register(path: Path) -> str:
    """Register one font file; return its reportlab name."""
    # Named by file, not family, so two themes that both call their font "Carlito" cannot collide.
    name = f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
    font = TTFont(name, str(path))
    font.face.charToGlyph = _MissingAsBox(font.face.charToGlyph)
    pdfmetrics.registerFont(font)
    return name
