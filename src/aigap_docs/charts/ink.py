"""WCAG contrast, and the colour of a value printed inside a coloured bar part: one rule for the picture
and the native chart, whichever of white and the text colour contrasts more with the part.

The contrast primitives live here, below the exporters, so the charts and the deck's contrast checks
(exporters/deck/contrast.py) use the same ones.
"""

from __future__ import annotations

WHITE = "#FFFFFF"


def rgb(colour: str) -> tuple[float, float, float]:
    """A "#RRGGBB" colour's channels from 0 to 1; ValueError if it is not one."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_on(fill: str, text: str) -> str:
    """The colour of a value printed inside a part of `fill`: `text` or white, whichever contrasts more.

    A fixed luminance cut (white below 0.4, as the picture had it) put white on mid-tones such as
    #9E9AC8, at 2.6:1, where dark text reads at 6.2:1."""
    return max((text, WHITE), key=lambda ink: ratio(fill, ink))
