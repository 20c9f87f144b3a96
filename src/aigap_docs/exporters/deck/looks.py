"""What a template's text looks like: its theme's fonts and colour scheme, and what each placeholder's text
inherits from its layout, its master and the master's text styles (TextLook), read from the XML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree


@dataclass(frozen=True)
class Level:
    """What one list level of a placeholder's text inherits: its own margin, size, gaps and typeface."""

    margin: int = 0
    """Left margin in EMU."""
    size: float | None = None
    """Points; None: as the first level's."""
    space: float = 0.0
    """Space above, in ems of the size."""
    line: float = 1.0
    """Line spacing as a multiple of single."""
    font: str | None = None
    """The Latin typeface; a master may set each level in another one (Google Slides' exports do)."""


@dataclass(frozen=True)
class TextLook:
    """How a placeholder's text looks when the slide sets nothing: what it inherits from its layout, the
    master's placeholder of its type and the master's text styles (titleStyle for titles, bodyStyle for
    bodies and subtitles, otherStyle for the rest), with theme fonts and scheme colours resolved.

    Each field is None where nothing in the chain sets it (PowerPoint then uses 18 pt, the theme's minor
    font, the text colour tx1).
    """

    font: str | None = None
    """The Latin typeface ('+mj-lt' and '+mn-lt' resolved to the theme's major and minor fonts)."""
    size: float | None = None
    """Points, at the first level."""
    colour: str | None = None
    """'#RRGGBB', a scheme colour resolved through the master's colour map (lumMod/lumOff applied)."""
    bold: bool | None = None
    insets: tuple[int, int, int, int] = (91440, 45720, 91440, 45720)
    """The text frame's left, top, right and bottom insets in EMU (OOXML's default 0.1 and 0.05 in)."""
    levels: tuple[Level, ...] = (Level(), Level())
    """Per list level (first, second): what its paragraphs inherit (the first level's font is `font`)."""
    bullet: bool = False
    """Whether the first level shows a bullet character."""
    align: str = "l"
    """The first level's alignment (l, ctr, r, just, ...): the edge a widened box keeps."""


@dataclass(frozen=True)
class TemplateTheme:
    """A template's theme (ppt/theme/themeN.xml of its first master): its Latin fonts and colour scheme."""

    major_font: str = ""
    """Headings' typeface ('+mj-lt')."""
    minor_font: str = ""
    """Body text's typeface ('+mn-lt')."""
    colours: dict[str, str] = field(default_factory=dict)
    """Scheme slot (dk1, lt1, dk2, lt2, accent1 .. accent6, hlink, folHlink) -> '#RRGGBB'."""

    @property
    def accents(self) -> tuple[str, ...]:
        """accent1 .. accent6, those the scheme has: colours for chart series that are no entity."""
        return tuple(self.colours[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in self.colours)


NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


GENERIC_TYPES = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}
"""Placeholder types a layout inherits the position of from the master's placeholder of this type."""


_TEXT_STYLES = {"title": "p:titleStyle", "body": "p:bodyStyle"}
"""The master's text style each generic placeholder type inherits from; every other type: otherStyle."""


_SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink")


_DEFAULT_COLOUR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


def read_theme(theme: ElementTree.Element | None) -> TemplateTheme:
    """The theme part's major and minor Latin fonts and its colour scheme."""
    if theme is None:
        return TemplateTheme()
    elements = theme.find("a:themeElements", NS)
    if elements is None:
        return TemplateTheme()
    fonts = {kind: elements.find(f"a:fontScheme/a:{kind}Font/a:latin", NS) for kind in ("major", "minor")}
    colours = {}
    scheme = elements.find("a:clrScheme", NS)
    for slot in _SCHEME_SLOTS:
        holder = scheme.find(f"a:{slot}", NS) if scheme is not None else None
        colour = scheme_colour(holder, {}, {}) if holder is not None else None
        if colour:
            colours[slot] = colour
    return TemplateTheme(
        *(font.get("typeface", "") if font is not None else "" for font in fonts.values()), colours
    )


def master_colour_map(master: ElementTree.Element) -> dict[str, str]:
    found = master.find("p:clrMap", NS)
    return {**_DEFAULT_COLOUR_MAP, **(dict(found.attrib) if found is not None else {})}


def scheme_colour(
    holder: ElementTree.Element | None, scheme: dict[str, str], colour_map: dict[str, str]
) -> str | None:
    """The '#RRGGBB' of the colour element inside `holder` (a solidFill, a scheme slot), or None."""
    if holder is None:
        return None
    for element in holder:
        kind = element.tag.rsplit("}", 1)[-1]
        if kind == "srgbClr":
            value = element.get("val", "")
        elif kind == "sysClr":
            value = element.get("lastClr", "")
        elif kind == "schemeClr":
            name = element.get("val", "")
            value = scheme.get(colour_map.get(name, name), "").lstrip("#")
        else:
            continue
        if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
            return None
        return _modified(value.upper(), element)
    return None


def _modified(value: str, element: ElementTree.Element) -> str:
    """The colour with the element's lumMod/lumOff (PowerPoint's 'lighter 40%', 'darker 25%') applied."""
    import colorsys

    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
    for change in element:
        kind, amount = change.tag.rsplit("}", 1)[-1], change.get("val", "")
        if not amount.lstrip("-").isdigit():
            continue
        if kind == "lumMod":
            light *= int(amount) / 100000
        elif kind == "lumOff":
            light += int(amount) / 100000
    light = min(max(light, 0.0), 1.0)
    return "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, sat))


def placeholder_shapes(part: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """A part's first placeholder shape of each generic type."""
    shapes: dict[str, ElementTree.Element] = {}
    for shape in part.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None:
            kind = ph.get("type", "obj")
            shapes.setdefault(GENERIC_TYPES.get(kind, kind), shape)
    return shapes


def read_looks(
    layout: ElementTree.Element, master: ElementTree.Element, theme: TemplateTheme
) -> dict[str, TextLook]:
    """What the text of each of the layout's placeholders inherits, by generic type."""
    colour_map = master_colour_map(master)
    masters = placeholder_shapes(master)
    fonts = {"+mj-lt": theme.major_font, "+mn-lt": theme.minor_font}
    looks = {}
    for kind, shape in placeholder_shapes(layout).items():
        style = master.find(f"p:txStyles/{_TEXT_STYLES.get(kind, 'p:otherStyle')}", NS)
        chain = [s.find("p:txBody/a:lstStyle", NS) for s in (shape, masters.get(kind)) if s is not None]
        chain = [element for element in [*chain, style] if element is not None]
        bodies = [s.find("p:txBody/a:bodyPr", NS) for s in (shape, masters.get(kind)) if s is not None]

        def first(level: int, path: str, attribute: str | None = None, chain: list = chain) -> Any:
            for styles in chain:
                found = styles.find(f"a:lvl{level}pPr/{path}" if path else f"a:lvl{level}pPr", NS)
                if found is not None and (attribute is None or found.get(attribute) is not None):
                    return found.get(attribute) if attribute else found
            return None

        def size(level: int) -> float | None:
            value = first(level, "a:defRPr", "sz")
            return int(value) / 100 if value and value.isdigit() else None

        def font(n: int, kind: str = kind) -> str | None:
            typeface = first(n, "a:defRPr/a:latin", "typeface")
            if typeface:
                return fonts.get(typeface, typeface)
            return (theme.major_font if kind == "title" else theme.minor_font) or None

        def level(n: int) -> Level:
            margin = first(n, "", "marL")
            before = first(n, "a:spcBef/a:spcPts", "val")
            before_pct = first(n, "a:spcBef/a:spcPct", "val")
            own = size(n) or size(1) or 18.0
            space = int(before) / 100 / own if before and before.isdigit() else 0.0
            if before_pct and before_pct.isdigit():
                space = int(before_pct) / 100000
            line = first(n, "a:lnSpc/a:spcPct", "val")
            return Level(
                int(margin) if margin and margin.lstrip("-").isdigit() else 0,
                size(n),
                space,
                int(line) / 100000 if line and line.isdigit() else 1.0,
                font(n),
            )

        bold = first(1, "a:defRPr", "b")
        insets = []
        for name, default in (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720)):
            values = [body.get(name) for body in bodies if body is not None and body.get(name) is not None]
            insets.append(int(values[0]) if values and values[0].isdigit() else default)
        bullet = first(1, "a:buChar") is not None and first(1, "a:buNone") is None
        looks[kind] = TextLook(
            font=font(1),
            size=size(1),
            colour=scheme_colour(first(1, "a:defRPr/a:solidFill"), theme.colours, colour_map),
            bold=bold in ("1", "true") if bold is not None else None,
            insets=(insets[0], insets[1], insets[2], insets[3]),
            levels=(level(1), level(2)),
            bullet=bullet,
            align=first(1, "", "algn") or "l",
        )
    return looks
