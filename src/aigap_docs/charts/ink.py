"""The colour of a value printed inside a coloured bar part: one rule for the picture and the native chart,
whichever of white and the text colour contrasts more with the part (WCAG's ratio)."""

from __future__ import annotations

WHITE = "#FFFFFF"


def luminance(colour: str) -> float:
    """Relative luminance of a '#RRGGBB' colour (WCAG 2.x)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_on(fill: str, text: str) -> str:
    """The colour of a value printed inside a part of `fill`: `text` or white, whichever contrasts more.

    A fixed luminance cut (white below 0.4, as the picture had it) put white on mid-tones such as
    #9E9AC8, at 2.6:1, where dark text reads at 6.3:1."""
    return max((text, WHITE), key=lambda ink: contrast(fill, ink))
