"""The chart style: the theme's fonts, colours and type sizes resolved for one medium."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from matplotlib import font_manager, ft2font
from matplotlib.font_manager import FontProperties

from aigap_docs.theme import Medium, Theme

# Characters the bundled font lacks, and what to draw instead (same look, no missing-glyph warning).
_STAND_INS = {
    "\u00a0": " ",  # no-break space
    "\u2011": "-",  # non-breaking hyphen
    "\u00ad": "",  # soft hyphen
}


@cache
def _register(path: str) -> frozenset[int]:
    """Make one bundled font file known to matplotlib (once) and return the characters it covers."""
    font_manager.fontManager.addfont(path)
    return frozenset(ft2font.FT2Font(path).get_charmap())


RENDER_RC = {"text.hinting": "no_hinting"}
"""rcParams while a chart is drawn *and* saved, so text is measured as it is drawn: unhinted, at the
outlines' own advances (as SVG and PDF set them, and as wrapping's first pass assumes) rather than snapped
to pixels. At 200 dpi hinting adds nothing, and unhinted text is measured twice as fast."""


@cache
def _covered(*paths: str) -> frozenset[int]:
    """The characters every one of the font files has."""
    return frozenset.intersection(*map(_register, paths))


@cache
def _cap_height(path: str) -> float:
    font = ft2font.FT2Font(path)
    table = font.get_sfnt_table("OS/2") or {}
    return table.get("sCapHeight", 0.7 * font.units_per_EM) / font.units_per_EM


@dataclass(frozen=True)
class Style:
    """What a chart needs from the theme for one medium: colours, font files, type sizes, lengths.

    Every text artist gets a `FontProperties` pinned to a bundled font *file*, so a system copy of the
    same family can never be picked instead; the family is also registered for anything matplotlib
    styles from rcParams.
    """

    theme: Theme
    medium: Medium
    unprintable: dict[str, None] = field(default_factory=dict, compare=False)
    """Characters `clean` met that the font cannot draw (drawn as '?'), in order: for one warning."""

    @property
    def _sizes(self) -> Any:
        return self.theme.sizes[self.medium]

    # --- type sizes (points) ---
    @property
    def title_size(self) -> float:
        return self._sizes.chart_title

    @property
    def label_size(self) -> float:
        return self._sizes.chart_label

    @property
    def tick_size(self) -> float:
        return self._sizes.chart_tick

    @property
    def note_size(self) -> float:
        return self._sizes.chart_note

    @property
    def em(self) -> float:
        """The unit every gap, dot and line width is a multiple of, so both media keep one look."""
        return self._sizes.chart_label

    def label_sizes(self) -> list[float]:
        """Label sizes to try, largest first, when a chart is crowded; never below the note size."""
        sizes = [self.label_size, self.tick_size, (self.tick_size + self.note_size) / 2, self.note_size]
        return sorted(set(sizes), reverse=True)

    @property
    def cap_height(self) -> float:
        """The height of capitals and figures, as a fraction of the type size."""
        return _cap_height(str(self.theme.font_path("regular")))

    # --- colours ---
    @property
    def text(self) -> str:
        return self.theme.colours.text

    @property
    def muted(self) -> str:
        return self.theme.colours.muted

    @property
    def grid(self) -> str:
        return self.theme.colours.grid

    @property
    def background(self) -> str:
        return self.theme.colours.background

    @property
    def other(self) -> str:
        return self.theme.colours.other

    @property
    def accent(self) -> str:
        return self.theme.colours.accent

    def entity_colour(self, entity: str | None, default: str | None = None) -> str:
        """The entity's fixed colour; `default` (else the neutral grey) for an unknown or missing entity."""
        if entity and entity in self.theme.entities:
            return self.theme.entity_colour(entity)
        return default or self.other

    def series_colours(self, entities: list[str | None]) -> list[str]:
        return self.theme.series_colours(entities)

    # --- fonts ---
    def _path(self, bold: bool, italic: bool) -> str:
        style = {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
            (bold, italic), "bold_italic"
        )
        return str(self.theme.font_path(style))

    def font(self, size: float, bold: bool = False, italic: bool = False) -> FontProperties:
        """The font file of that weight and slant; weight and slant are also named, as the file alone
        draws bold in a PNG but an SVG with text as text needs `font-weight` for its reader."""
        path = self._path(bold, italic)
        _register(path)
        weight, slant = ("bold" if bold else "normal"), ("italic" if italic else "normal")
        return FontProperties(fname=path, size=size, weight=weight, style=slant)

    def clean(self, text: str) -> str:
        """`text` with characters the bundled font lacks replaced by look-alikes it has.

        Anything with no look-alike is folded to its compatibility form, else drawn as '?', so a chart
        never fails on unusual content; such characters are kept in `unprintable`, for a warning. Accents
        typed as combining marks ("e" + U+0301) are composed first: the font has "é" but no combining acute.
        """
        out = []
        for char in unicodedata.normalize("NFC", text):
            drawn = self._stand_in(char)
            if drawn is None:
                self.unprintable[char] = None
            out.append("?" if drawn is None else drawn)
        return "".join(out)

    def _stand_in(self, char: str) -> str | None:
        """`char` as the font can draw it: itself, a look-alike (a soft hyphen: nothing) or its
        compatibility form; None when the font has none of these."""
        if char in _STAND_INS:
            return _STAND_INS[char]
        covered = _covered(self._path(False, False), self._path(True, False))
        if ord(char) in covered or char == "\n":
            return char
        folded = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) in covered and c != " ")
        return folded or None

    def rc(self) -> dict[str, Any]:
        """rcParams applied over matplotlib's defaults while a chart is drawn (then restored).

        Every artist also gets its font, colour and size explicitly; these cover what matplotlib reads
        from rcParams when an artist is made.
        """
        for style in ("regular", "bold", "italic", "bold_italic"):
            _register(str(self.theme.font_path(style)))
        return {
            "font.family": [self.theme.fonts.family],
            "font.size": self.label_size,
            "text.color": self.text,
            "text.parse_math": False,  # '$' is money in our charts, never mathtext
            "axes.unicode_minus": True,
            "axes.facecolor": self.background,
            "figure.facecolor": self.background,
            **RENDER_RC,
        }
