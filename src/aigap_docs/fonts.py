"""Advance widths of the bundled font files: how wide text is, without drawing it.

Charts and the deck both need to know how much room text takes before anything is rendered; reading a
TrueType file's advances once and summing them is exact for unhinted (vector) output and fast.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont


@dataclass(frozen=True)
class Face:
    """One font file's advance widths (in ems) and line height (in ems, at single spacing)."""

    advances: dict[int, float]
    line_height: float

    def width(self, char: str) -> float:
        """The advance of `char` in ems; 1 em for wide characters the font lacks, 0 for invisible ones."""
        advance = self.advances.get(ord(char))
        if advance is not None:
            return advance
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
            return 0.0
        return 1.0

    def text_width(self, text: str) -> float:
        """The advance of a whole line of text, in ems."""
        return sum(map(self.width, text))


@cache
def load_face(path: Path) -> Face:
    """Read a TrueType file once: its cmap's advances and the line height PowerPoint uses (win metrics)."""
    with TTFont(path, lazy=True) as font:
        # unitsPerEm from the raw 'head' table: decoding it logs a warning about Carlito's odd date.
        em = int.from_bytes(font.reader["head"][18:20], "big")
        # Glyphs by number: fontTools would otherwise name every glyph (from 'post', or made up from the
        # cmap with the Adobe glyph list) before it reads a width, 40% of this function's time.
        glyphs = int.from_bytes(font.reader["maxp"][4:6], "big")
        font.setGlyphOrder([f"g{index}" for index in range(glyphs)])
        metrics = font["hmtx"]
        advances = {code: metrics[glyph][0] / em for code, glyph in font.getBestCmap().items()}
        os2 = font["OS/2"]
        line_height = (os2.usWinAscent + os2.usWinDescent) / em
    return Face(advances, line_height)
