"""Colour maths for legible slides: WCAG 2.x contrast, and DrawingML colours resolved to hex.

Pure and small: colours are "#RRGGBB" strings, as the theme and the plan hold them. layout.py reads a
template's colour elements and hands them here as (value, modifiers); plan.py asks `shortfall` of every
text run against what it stands on.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Mapping, Sequence

from aigap_docs.charts.ink import luminance, ratio, rgb  # WCAG's, shared with the charts

BODY_RATIO = 4.5
LARGE_RATIO = 3.0
"""WCAG 2.x minimum contrast for body text, and for large text: at least 18 pt, or 14 pt bold."""

SCHEME_SLOTS = (
    "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    "hlink", "folHlink",
)  # fmt: skip
"""A theme's colour scheme, in the order PowerPoint's colour picker shows it."""

DEFAULT_COLOUR_MAP = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
    "accent5": "accent5", "accent6": "accent6", "hlink": "hlink", "folHlink": "folHlink",
}  # fmt: skip
"""The master's colour map when it has none: the mapping of PowerPoint's light themes."""

PRESET_COLOURS = {
    "black": "#000000", "white": "#FFFFFF", "red": "#FF0000", "green": "#008000", "blue": "#0000FF",
    "yellow": "#FFFF00", "gray": "#808080", "grey": "#808080", "darkGray": "#A9A9A9",
    "lightGray": "#D3D3D3", "navy": "#000080", "orange": "#FFA500", "silver": "#C0C0C0",
}  # fmt: skip
"""The preset colours (a:prstClr) templates use; others are rare enough to count as unknown."""


def hex_colour(red: float, green: float, blue: float) -> str:
    """The "#RRGGBB" form of channels from 0 to 1 (clipped)."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (red, green, blue))


def needed(size: float, bold: bool) -> float:
    """The contrast text set at `size` points needs: 3:1 if it is large, else 4.5:1."""
    return LARGE_RATIO if size >= 18 or (bold and size >= 14) else BODY_RATIO


def extremes(colours: Iterable[str]) -> tuple[str, ...]:
    """The darkest and the lightest of a gradient's stops (one colour if they are all alike): text on
    a gradient is as legible as where it is worst, and that is at one of these."""
    ordered = sorted(set(colours), key=luminance)
    return tuple(dict.fromkeys((ordered[0], ordered[-1]))) if ordered else ()


def shortfall(
    text: str, backdrop: Sequence[str], size: float, bold: bool, least: float | None = None
) -> tuple[float, str] | None:
    """The lowest contrast of `text` on any colour of `backdrop` and that colour, if it is below what
    text of this size needs (or `least`, for a graphic); None if it is legible everywhere (or the backdrop
    is unknown: empty)."""
    if not backdrop:
        return None
    worst, behind = min((ratio(text, colour), colour) for colour in backdrop)
    return (worst, behind) if worst < (least or needed(size, bold)) else None


def shown_ratio(value: float) -> str:
    """A ratio as messages show it, rounded down: 4.47 is "4.4:1", never a passing-looking "4.5:1"."""
    return f"{int(value * 10) / 10:g}:1"


Modifier = tuple[str, float]
"""A DrawingML colour transform: its element name (lumMod, tint, ...) and its value as a fraction."""


def modify(colour: str, modifiers: Iterable[Modifier]) -> str:
    """A colour with DrawingML's transforms applied, roughly as PowerPoint does: lumMod and lumOff scale
    and shift the HSL lightness, tint mixes with white, shade with black, satMod scales the saturation.
    Others (alpha, hueOff, ...) do not change how light the colour is and are ignored."""
    red, green, blue = rgb(colour)
    for name, value in modifiers:
        if name in ("lumMod", "lumOff", "satMod"):
            hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
            if name == "lumMod":
                light *= value
            elif name == "lumOff":
                light += value
            else:
                saturation *= value
            light, saturation = min(max(light, 0.0), 1.0), min(max(saturation, 0.0), 1.0)
            red, green, blue = colorsys.hls_to_rgb(hue, light, saturation)
        elif name == "tint":
            red, green, blue = (1 - (1 - c) * value for c in (red, green, blue))
        elif name == "shade":
            red, green, blue = (c * value for c in (red, green, blue))
    return hex_colour(red, green, blue)


def resolve(
    kind: str,
    value: str,
    modifiers: Sequence[Modifier],
    scheme: Mapping[str, str],
    colour_map: Mapping[str, str],
    placeholder: str | None = None,
) -> str | None:
    """A DrawingML colour as "#RRGGBB", or None if it cannot be known.

    `kind` is the element's name (srgbClr, schemeClr, sysClr, prstClr, scrgbClr) and `value` its colour:
    hex digits, a scheme name (tx1 and bg1 go through the master's `colour_map` to dk1, lt1, ...; phClr
    is `placeholder`, the colour a style reference passes on), a system colour's last value, a preset
    name, or a scRGB "r,g,b" in linear thousandths of a percent.
    """
    base: str | None
    if kind in ("srgbClr", "sysClr"):
        base = f"#{value.upper()}" if len(value) == 6 else None
    elif kind == "schemeClr":
        base = placeholder if value == "phClr" else scheme.get(colour_map.get(value, value))
    elif kind == "prstClr":
        base = PRESET_COLOURS.get(value)
    elif kind == "scrgbClr":
        try:
            linear = [int(part) / 100000 for part in value.split(",")]
        except ValueError:
            return None
        gamma = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in linear]
        base = hex_colour(*gamma) if len(gamma) == 3 else None
    else:
        base = None
    if base is None:
        return None
    try:
        return modify(base, modifiers)
    except ValueError:
        return None
