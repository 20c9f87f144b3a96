"""What a template draws under every slide: the master's and layout's own pictures and shapes, which nothing
added may cover (decorations), and what text stands on, for the contrast check (Backdrop)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree

from aigap_docs.exporters.deck import contrast
from aigap_docs.exporters.deck.boxes import Box
from aigap_docs.exporters.deck.looks import NS, master_colour_map, placeholder_shapes

_DECORATIONS = ("p:sp", "p:pic", "p:grpSp", "p:graphicFrame", "p:cxnSp")


BACKGROUND_SHARE = 0.6
"""A picture or shape covering this share of the slide or more is a background, not a decoration to avoid."""


def read_decorations(
    layout: ElementTree.Element, master: ElementTree.Element, slide: tuple[int, int]
) -> tuple[Box, ...]:
    """Boxes of the pictures and visible shapes (not placeholders) the master and layout draw."""
    parts = [layout] if layout.get("showMasterSp") in ("0", "false") else [master, layout]
    boxes = []
    for part in parts:
        tree = part.find("p:cSld/p:spTree", NS)
        for shape in tree if tree is not None else ():
            kind = shape.tag.rsplit("}", 1)[-1]
            if f"p:{kind}" not in _DECORATIONS or shape.find("./*/p:nvPr/p:ph", NS) is not None:
                continue
            if kind == "sp" and _invisible(shape):
                continue
            xfrm = shape.find("p:xfrm" if kind == "graphicFrame" else "*/a:xfrm", NS)
            offset = xfrm.find("a:off", NS) if xfrm is not None else None
            extent = xfrm.find("a:ext", NS) if xfrm is not None else None
            if offset is None or extent is None:
                continue
            try:
                x, y = int(offset.get("x", "0")), int(offset.get("y", "0"))
                w, h = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
            except ValueError:
                continue
            left, top = min(max(x, 0), slide[0]), min(max(y, 0), slide[1])
            box = Box(left, top, max(min(x + w, slide[0]) - left, 0), max(min(y + h, slide[1]) - top, 0))
            if box.w * box.h < BACKGROUND_SHARE * slide[0] * slide[1] and (box.w or box.h):
                boxes.append(box)
    return tuple(boxes)


def _invisible(shape: ElementTree.Element) -> bool:
    """A shape with no fill, no outline and no text draws nothing (a layout's guide or empty frame)."""
    properties = shape.find("p:spPr", NS)
    styled = shape.find("p:style", NS) is not None
    filled = properties is not None and any(
        properties.find(f"a:{fill}", NS) is not None
        for fill in ("solidFill", "gradFill", "blipFill", "pattFill")
    )
    line = properties.find("a:ln", NS) if properties is not None else None
    outlined = line is not None and line.find("a:noFill", NS) is None and len(line)
    if line is None and styled:
        outlined = True
    if properties is not None and properties.find("a:noFill", NS) is None and styled and not filled:
        filled = True
    text = "".join(t.text or "" for t in shape.iterfind(".//a:t", NS)).strip()
    return not (filled or outlined or text)


@dataclass(frozen=True)
class Backdrop:
    """What the text of slides made from one layout stands on, and the colour of text nothing colours.

    A fill is given as the colours text on it may stand on: a solid fill's one colour, a gradient's darkest
    and lightest stops (contrast.extremes), or none at all for a picture or pattern, which is unknown.
    """

    background: tuple[str, ...]
    """The layout's background, else its master's, else PowerPoint's default (bg1)."""
    fills: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Placeholder type (title, body, ftr, ...) -> its own fill (the layout's placeholder's, else the
    master's), for the placeholders that have one; a placeholder without is transparent."""
    text: str | None = None
    """The colour of text in a text box: the presentation's default text style's, else tx1."""
    shapes: tuple[tuple[Box, tuple[str, ...]], ...] = ()
    """The filled shapes and pictures the master (unless the layout hides them) and the layout draw under
    every slide's text, bottom to top, each with its fill (a picture's, a pattern's: empty, unknown)."""

    def behind(self, placeholder: str | None, box: Box | None = None) -> tuple[str, ...]:
        """What the text of `placeholder` (None: a text box) in `box` stands on: the placeholder's own
        fill, else the topmost shape under the box's centre or most of its area, else the background."""
        if placeholder in self.fills:
            return self.fills[placeholder]
        if box is not None:
            for shape, fill in reversed(self.shapes):
                if _covers(shape, box):
                    return fill
        return self.background


def _covers(shape: Box, box: Box) -> bool:
    """Whether `shape` lies under the centre of `box` or under more than half of it."""
    centre = (box.x + box.w / 2, box.y + box.h / 2)
    if shape.x <= centre[0] <= shape.right and shape.y <= centre[1] <= shape.bottom:
        return True
    width = min(shape.right, box.right) - max(shape.x, box.x)
    height = min(shape.bottom, box.bottom) - max(shape.y, box.y)
    return width > 0 and height > 0 and 2 * width * height > box.w * box.h


_FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")


_COLOURS = ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")


FillStyles = tuple[list[ElementTree.Element], list[ElementTree.Element]]


def read_fill_styles(theme: ElementTree.Element | None) -> FillStyles:
    """The theme's shape fill styles and background fill styles, which style references (bgRef) index."""
    if theme is None:
        return [], []
    styles = theme.find("a:themeElements/a:fmtScheme", NS)
    if styles is None:
        return [], []
    shapes, backgrounds = (styles.find(f"a:{name}", NS) for name in ("fillStyleLst", "bgFillStyleLst"))
    return (list(shapes) if shapes is not None else [], list(backgrounds) if backgrounds is not None else [])


def read_backdrop(
    layout: ElementTree.Element,
    master: ElementTree.Element,
    scheme: dict[str, str],
    fill_styles: FillStyles,
    presentation: ElementTree.Element,
) -> Backdrop:
    """The layout's background, its placeholders' own fills and the colour of text boxes' text."""
    colour_map = {**contrast.DEFAULT_COLOUR_MAP, **master_colour_map(master)}
    override = layout.find("p:clrMapOvr/a:overrideClrMapping", NS)
    if override is not None:
        colour_map.update(override.attrib)

    def colour(element: ElementTree.Element | None, placeholder: str | None = None) -> str | None:
        if element is None:
            return None
        kind = element.tag.rsplit("}", 1)[-1]
        if kind == "scrgbClr":
            value = ",".join(element.get(c, "0") for c in "rgb")
        else:
            value = element.get("lastClr" if kind == "sysClr" else "val", "")
        modifiers = []
        for change in element:
            amount = change.get("val", "")
            if amount.lstrip("-").isdigit():
                modifiers.append((change.tag.rsplit("}", 1)[-1], int(amount) / 100000))
        return contrast.resolve(kind, value, modifiers, scheme, colour_map, placeholder)

    def colour_in(holder: ElementTree.Element | None, placeholder: str | None = None) -> str | None:
        found = _first_child(holder, _COLOURS)
        return colour(found, placeholder)

    def paint(fill: ElementTree.Element, placeholder: str | None = None) -> tuple[str, ...] | None:
        """The colours of a fill element; None for noFill (what is behind shows through)."""
        kind = fill.tag.rsplit("}", 1)[-1]
        if kind == "noFill":
            return None
        if kind == "solidFill":
            found = colour_in(fill, placeholder)
            return (found,) if found else ()
        if kind == "gradFill":
            stops = [colour_in(stop, placeholder) for stop in fill.iterfind("a:gsLst/a:gs", NS)]
            return () if None in stops else contrast.extremes(s for s in stops if s)
        return ()  # a picture or a pattern: unknown

    def shape_fill(shape: ElementTree.Element, group: tuple[str, ...] | None) -> tuple[str, ...] | None:
        """A shape's fill: its own, else its style's fill reference; None where it has none."""
        fill = _first_child(shape.find("p:spPr", NS), _FILLS)
        if fill is not None and fill.tag.endswith("}grpFill"):
            return group
        if fill is not None:
            return () if _translucent(fill) else paint(fill)
        reference = shape.find("p:style/a:fillRef", NS)
        index = reference.get("idx", "") if reference is not None else ""
        styles = fill_styles[0]
        if not index.isdigit() or not 0 < int(index) <= len(styles):
            return None
        style = styles[int(index) - 1]
        return () if _translucent(style) else paint(style, colour_in(reference))

    def shapes(tree: ElementTree.Element | None, place: _Place, group: tuple[str, ...] | None) -> list:
        """The boxes and fills of the filled shapes and pictures in `tree`, bottom to top."""
        found: list[tuple[Box, tuple[str, ...]]] = []
        for shape in tree if tree is not None else ():
            kind = shape.tag.rsplit("}", 1)[-1]
            if kind not in ("sp", "pic", "grpSp", "graphicFrame"):
                continue
            names = shape.find("*/p:cNvPr", NS)
            if shape.find("*/p:nvPr/p:ph", NS) is not None or (
                names is not None and names.get("hidden") in ("1", "true")
            ):
                continue
            xfrm = shape.find("p:xfrm" if kind == "graphicFrame" else "*/a:xfrm", NS)
            box = place(xfrm)
            if box is None:
                continue
            if kind == "grpSp":
                own = _first_child(shape.find("p:grpSpPr", NS), _FILLS)
                fill = paint(own) if own is not None and not own.tag.endswith("}grpFill") else group
                found += shapes(shape, _group_place(xfrm, place), fill)
                continue
            fill = shape_fill(shape, group) if kind == "sp" else ()
            if fill is not None:
                found.append((box, fill))
        return found

    def background(part: ElementTree.Element) -> tuple[str, ...] | None:
        found = part.find("p:cSld/p:bg", NS)
        if found is None:
            return None
        fill = _first_child(found.find("p:bgPr", NS), _FILLS)
        if fill is not None:
            return paint(fill)
        reference = found.find("p:bgRef", NS)
        if reference is None:
            return None
        index = int(reference.get("idx", "0")) if reference.get("idx", "").isdigit() else 0
        shape_styles, background_styles = fill_styles
        styles, position = (background_styles, index - 1001) if index > 1000 else (shape_styles, index - 1)
        if not 0 <= position < len(styles):
            return None
        return paint(styles[position], colour_in(reference))

    behind = background(layout)
    if behind is None:
        behind = background(master)
    if behind is None:
        default = colour(ElementTree.Element(f"{{{NS['a']}}}schemeClr", {"val": "bg1"}))
        behind = (default,) if default else ()
    fills: dict[str, tuple[str, ...]] = {}
    masters = placeholder_shapes(master)
    for kind, shape in placeholder_shapes(layout).items():
        for source in (shape, masters.get(kind)):
            fill = _first_child(source.find("p:spPr", NS), _FILLS) if source is not None else None
            if fill is not None:
                own = paint(fill)
                if own is not None:
                    fills[kind] = own
                break
    text = colour_in(presentation.find("p:defaultTextStyle/a:lvl1pPr/a:defRPr/a:solidFill", NS))
    if text is None:
        text = colour(ElementTree.Element(f"{{{NS['a']}}}schemeClr", {"val": "tx1"}))
    parts = [layout] if layout.get("showMasterSp") in ("0", "false") else [master, layout]
    drawn = [s for part in parts for s in shapes(part.find("p:cSld/p:spTree", NS), _place, None)]
    return Backdrop(behind, fills, text, tuple(drawn))


_Place = Callable[[ElementTree.Element | None], Box | None]
"""Where a shape's a:xfrm puts it on the slide (None: nowhere known)."""


def _place(xfrm: ElementTree.Element | None) -> Box | None:
    """The box of a shape's offset and extent, as the slide's own coordinates."""
    offset = xfrm.find("a:off", NS) if xfrm is not None else None
    extent = xfrm.find("a:ext", NS) if xfrm is not None else None
    if offset is None or extent is None:
        return None
    try:
        x, y = int(offset.get("x", "0")), int(offset.get("y", "0"))
        w, h = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
    except ValueError:
        return None
    return Box(x, y, w, h) if w > 0 and h > 0 else None


def _group_place(xfrm: ElementTree.Element | None, outer: _Place) -> _Place:
    """Placement for a group's children: their child coordinates (chOff, chExt) scaled into the group's
    box, which `outer` places."""
    group = outer(xfrm)
    offset = xfrm.find("a:chOff", NS) if xfrm is not None else None
    extent = xfrm.find("a:chExt", NS) if xfrm is not None else None
    inner = _place(_xfrm(offset, extent))

    def place(child: ElementTree.Element | None) -> Box | None:
        box = _place(child)
        if box is None or group is None:
            return None
        if inner is None:
            return box
        sx, sy = group.w / inner.w, group.h / inner.h
        x, y = group.x + (box.x - inner.x) * sx, group.y + (box.y - inner.y) * sy
        return Box(round(x), round(y), round(box.w * sx), round(box.h * sy))

    return place


def _xfrm(offset: ElementTree.Element | None, extent: ElementTree.Element | None) -> ElementTree.Element:
    """An a:xfrm made of a group's child offset and extent, so _place can read them."""
    xfrm = ElementTree.Element(f"{{{NS['a']}}}xfrm")
    if offset is not None and extent is not None:
        ElementTree.SubElement(xfrm, f"{{{NS['a']}}}off", offset.attrib)
        ElementTree.SubElement(xfrm, f"{{{NS['a']}}}ext", extent.attrib)
    return xfrm


def _translucent(fill: ElementTree.Element) -> bool:
    """Whether a fill lets what is behind it show through (an alpha below 100%): its colour is not what
    text on it stands on, which is then unknown."""
    return any(
        alpha.get("val", "100000").isdigit() and int(alpha.get("val", "100000")) < 100000
        for alpha in fill.iter(f"{{{NS['a']}}}alpha")
    )


def _first_child(holder: ElementTree.Element | None, names: tuple[str, ...]) -> ElementTree.Element | None:
    """The first child of `holder` that is one of the DrawingML elements `names`."""
    for child in holder if holder is not None else ():
        if child.tag.rsplit("}", 1)[-1] in names and child.tag.startswith(f"{{{NS['a']}}}"):
            return child
    return None
