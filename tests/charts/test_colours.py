"""The theme's colours: the accent is nobody's colour, and reads on the page as text and as a mark."""

from __future__ import annotations

import pytest

from aigap_docs.exporters.deck.contrast import ratio, rgb
from aigap_docs.theme import load_theme

THEME = load_theme()


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a '#RRGGBB' colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb(colour)]
    r, g, b = linear
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    x, y, z = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


def _difference(a: str, b: str) -> float:
    """CIE76 colour difference: about 2.3 is just noticeable, 20 and up reads as another colour."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


@pytest.mark.parametrize(
    "colour",
    [
        *(f"entity {name} {e.colour}" for name, e in THEME.entities.items()),
        *(f"series {c}" for c in THEME.series),
    ],
)
def test_the_accent_is_no_entity_or_series_colour(colour):
    # Bars in the accent read as 'United States' when the accent is the US colour.
    assert _difference(THEME.colours.accent, colour.split()[-1]) >= 20


def test_the_accent_reads_as_text_on_the_background_and_the_background_on_it():
    # Links are set in the accent on white; section slides set white text on the accent.
    assert ratio(THEME.colours.accent, THEME.colours.background) >= 4.5
