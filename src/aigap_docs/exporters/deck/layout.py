"""Where things go on a slide: the built-in 16:9 grid, or the layouts of a .pptx/.potx template.

A template's slide size and placeholder boxes are read here with the standard library, so planning the
deck (and `aigap-docs check`) needs no python-pptx, from the parts package.py has read and checked; a
size PowerPoint would not take, or a body too small to plan in, is an error. Layouts are found by name,
the way PowerPoint's own templates call them; each kind of slide accepts the names below in order, case
and spaces aside:

    cover, closing   'Title Slide'
    section divider  'Section Header', then 'Title Slide'
    text slides      'Title and Content', then 'Title Only'      (bullets, takeaways, sources, chart and text:
                                                                   their text goes in the body placeholder)
    other slides     'Title Only', then 'Title and Content'      (charts, tables, big numbers)

A template without any of a kind's names is an error that lists the layouts it has.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

from aigap_docs.errors import ExportError, Problem, SourceRef, quoted
from aigap_docs.exporters.deck.package import NOT_A_TEMPLATE, read_package
from aigap_docs.model import Report
from aigap_docs.theme import Theme

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
TEMPLATE_FILE = "template.pptx"
"""A template in the assets folder applies to every report that does not name its own."""

Role = Literal["cover", "section", "text", "content"]
LAYOUT_NAMES: dict[Role, tuple[str, ...]] = {
    "cover": ("Title Slide",),
    "section": ("Section Header", "Title Slide"),
    "text": ("Title and Content", "Title Only"),
    "content": ("Title Only", "Title and Content"),
}
_ROLE_NAMES: dict[Role, str] = {
    "cover": "title slides",
    "section": "section dividers",
    "text": "bullet slides",
    "content": "chart, table and other slides",
}


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU (English Metric Units, the integers OOXML stores)."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.w / EMU_PER_POINT, self.h / EMU_PER_POINT


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
    levels: tuple[tuple[int, float | None, float, float], ...] = ((0, None, 0.0, 1.0), (0, None, 0.0, 1.0))
    """Per list level (first, second): left margin in EMU, size in points (None: as the first level's),
    space above in ems of the size, line spacing as a multiple of single."""
    bullet: bool = False
    """Whether the first level shows a bullet character."""


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


@dataclass(frozen=True)
class Geometry:
    """The boxes every slide kind is planned in, and the layout each kind of slide is made from."""

    size: tuple[int, int]
    layouts: dict[Role, str]
    cover_title: Box
    cover_subtitle: Box
    section_title: Box
    section_subtitle: Box
    title: Box
    """The headline of every content slide."""
    body: Box
    """Everything between the headline and the footer."""
    footer: Box
    number: Box
    gutter: int
    column: int
    """The width of one of the 12 grid columns, so side-by-side parts share one rhythm."""
    designed: bool
    """True for the built-in design, which draws its own accent shapes; a template brings its own."""
    theme: TemplateTheme | None = None
    """The template's theme fonts and colours; None for the built-in design."""
    looks: dict[str, dict[str, TextLook]] = field(default_factory=dict)
    """Layout name -> placeholder type (title, body, dt, ftr, sldNum, ...) -> what its text inherits; for
    every layout of `layouts`. Empty for the built-in design, whose text is set explicitly."""
    decorations: dict[str, tuple[Box, ...]] = field(default_factory=dict)
    """Layout name -> the pictures and shapes its master (unless the layout hides them) and the layout draw
    on every slide made from it, which nothing added may cover; backgrounds covering most of the slide
    are left out. Empty for the built-in design."""

    def span(self, count: int) -> int:
        """The width of `count` grid columns and the gutters between them."""
        return count * self.column + (count - 1) * self.gutter


# --- the built-in grid --------------------------------------------------------------------------------

SLIDE = (12192000, 6858000)
"""13.333 x 7.5 in: PowerPoint's own 16:9 size, in EMU."""
SLIDE_SIDES = (inches(1), inches(56))
"""The shortest and longest side of a slide PowerPoint accepts."""
SMALLEST_BODY = (inches(4), inches(2))
"""The smallest body a template's slides may have: charts, tables and columns of text are planned in it."""
MARGIN = inches(0.5)
GUTTER = inches(0.25)
TITLE = Box(MARGIN, inches(0.42), SLIDE[0] - 2 * MARGIN, inches(0.95))
BODY_TOP = inches(1.6)
FOOTER_TOP = inches(6.95)
FOOTER_HEIGHT = inches(0.3)
FOOTER_GAP = inches(0.1)
COVER_RULE = inches(4.0)
"""The line the cover and section titles stand on and their subtitles hang from."""


def builtin_geometry() -> Geometry:
    """The built-in design: 13.333 x 7.5 in, 0.5 in margins, 12 columns, footer on its own row."""
    width = SLIDE[0] - 2 * MARGIN
    body = Box(MARGIN, BODY_TOP, width, FOOTER_TOP - FOOTER_GAP - BODY_TOP)
    footer_row = Box(MARGIN, FOOTER_TOP, width, FOOTER_HEIGHT)
    number_width = inches(1.0)
    display = Box(MARGIN + inches(0.4), 0, width - inches(1.6), 0)
    return Geometry(
        size=SLIDE,
        layouts={role: names[0] for role, names in LAYOUT_NAMES.items()},
        cover_title=Box(display.x, inches(1.7), display.w, COVER_RULE - inches(1.7)),
        cover_subtitle=Box(display.x, COVER_RULE + inches(0.2), display.w, inches(1.0)),
        section_title=Box(display.x, inches(2.2), display.w, COVER_RULE - inches(2.2)),
        section_subtitle=Box(display.x, COVER_RULE + inches(0.2), display.w, inches(1.0)),
        title=TITLE,
        body=body,
        footer=Box(footer_row.x, footer_row.y, footer_row.w - number_width, footer_row.h),
        number=Box(footer_row.right - number_width, footer_row.y, number_width, footer_row.h),
        gutter=GUTTER,
        column=(width - 11 * GUTTER) // 12,
        designed=True,
    )


# --- templates ----------------------------------------------------------------------------------------

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_GENERIC = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}
"""Placeholder types a layout inherits the position of from the master's placeholder of this type."""


def find_template(report: Report, theme: Theme) -> Path | None:
    """The report's own template (report.template), else assets/template.pptx if there is one."""
    if report.template:
        return report.file(report.template)
    shared = theme.folder / TEMPLATE_FILE
    return shared if shared.is_file() else None


def template_name(report: Report, path: Path) -> str:
    """The template's path in messages: under the report folder as the user named it, not resolved."""
    folder = Path(report.folder)
    try:
        return str(folder / path.relative_to(folder.resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Template:
    """A template's slide size and, per layout name, its placeholders' boxes by type."""

    path: Path
    size: tuple[int, int]
    layouts: dict[str, dict[str, Box]]
    master: dict[str, Box]
    name: str = ""
    """The path shown in messages (default: `path`)."""
    theme: TemplateTheme = field(default_factory=TemplateTheme)
    """The first master's theme fonts and colour scheme."""
    looks: dict[str, dict[str, TextLook]] = field(default_factory=dict)
    """Layout name -> placeholder type -> what its text inherits (see TextLook)."""
    decorations: dict[str, tuple[Box, ...]] = field(default_factory=dict)
    """Layout name -> boxes of the master's and layout's own pictures and shapes (see Geometry)."""

    def choose(self, role: Role) -> str:
        """The name of the layout to make `role` slides from; ExportError listing the names if none fits."""
        by_key = {_key(name): name for name in self.layouts}
        for wanted in LAYOUT_NAMES[role]:
            if _key(wanted) in by_key:
                return by_key[_key(wanted)]
        expected = " or ".join(repr(name) for name in LAYOUT_NAMES[role])
        found = ", ".join(repr(name) for name in self.layouts) or "none"
        raise self.error(
            f"no slide layout for {_ROLE_NAMES[role]}: expected {expected}; the template has {found}"
        )

    def error(self, message: str) -> ExportError:
        """An ExportError naming the template."""
        return ExportError([Problem(SourceRef(self.name or str(self.path)), message)])

    def placeholder(self, layout: str, kind: str) -> Box | None:
        return self.layouts[layout].get(kind)


def read_template(path: Path, name: str = "") -> Template:
    """Read a .pptx or .potx file's slide size and layout placeholders; ExportError if it is not one, or
    if its package (package.py) or its sizes are not what PowerPoint accepts.

    `name` is the path messages show (default: `path`).
    """
    shown = name or str(path)
    parts = read_package(path, shown)
    try:
        return replace(_read_parts(path, parts), name=name)
    except KeyError as error:
        message = f"{NOT_A_TEMPLATE}: missing {quoted(error.args[0])}"
    except _Invalid as error:
        message = str(error)
    raise ExportError([Problem(SourceRef(shown), message)])


def template_geometry(template: Template) -> Geometry:
    """The boxes of a template's own layouts: its title placeholders, its body, its footer row."""
    layouts = {role: template.choose(role) for role in LAYOUT_NAMES}
    width, height = template.size
    title = template.placeholder(layouts["content"], "title") or template.master.get("title")
    if title is None:
        raise template.error(f"layout {layouts['content']!r} has no title placeholder, nor has its master")
    footer = template.master.get("ftr")
    number = template.master.get("sldNum")
    bottom_row = [box.y for box in (footer, number, template.master.get("dt")) if box and box.y > height // 2]
    floor = min(bottom_row, default=height - title.y)
    gap = title.y // 3
    body = template.placeholder(layouts["text"], "body") or Box(
        title.x, title.bottom + gap, title.w, floor - gap - title.bottom - gap
    )
    if body.w < SMALLEST_BODY[0] or body.h < SMALLEST_BODY[1]:
        size = " x ".join(f"{side / EMU_PER_INCH:.2f}" for side in (body.w, body.h))
        raise template.error(
            f"the body of layout {layouts['text']!r} is {size} in on the slide; charts, tables and text "
            "need at least 4 x 2 in"
        )
    cover_title = template.placeholder(layouts["cover"], "title") or title
    section_title = template.placeholder(layouts["section"], "title") or cover_title
    row_height = footer.h if footer else FOOTER_HEIGHT
    footer = footer or Box(title.x, height - row_height - gap, title.w // 2, row_height)
    number = number or Box(title.right - title.w // 6, footer.y, title.w // 6, footer.h)
    return Geometry(
        size=template.size,
        layouts=layouts,
        cover_title=cover_title,
        cover_subtitle=template.placeholder(layouts["cover"], "body") or _below(cover_title, gap),
        section_title=section_title,
        section_subtitle=template.placeholder(layouts["section"], "body") or _below(section_title, gap),
        title=title,
        body=body,
        footer=footer,
        number=number,
        gutter=GUTTER,
        column=(body.w - 11 * GUTTER) // 12,
        designed=False,
        theme=template.theme,
        looks={name: template.looks.get(name, {}) for name in layouts.values()},
        decorations={name: template.decorations.get(name, ()) for name in layouts.values()},
    )


def geometry_for(report: Report, theme: Theme) -> Geometry:
    """The geometry the report's deck is built on: its template's, or the built-in grid."""
    path = find_template(report, theme)
    return template_geometry(read_template(path, template_name(report, path))) if path else builtin_geometry()


def _below(box: Box, gap: int) -> Box:
    return Box(box.x, box.bottom + gap, box.w, box.h // 2)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


class _Invalid(Exception):
    """A value PowerPoint would not accept, as the message shows it after the template's name."""


def _read_parts(path: Path, parts: dict[str, bytes]) -> Template:
    """The template from its parts, which package.py has checked are well-formed XML without a DTD."""

    def xml(part: str) -> ElementTree.Element:
        return ElementTree.fromstring(parts[part])

    def related(part: str) -> dict[str, str]:
        """Relationship id -> target part of `part`."""
        folder, name = posixpath.split(part)
        rels = xml(posixpath.join(folder, "_rels", name + ".rels"))
        return {
            rel.get("Id", ""): posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            for rel in rels.findall("rel:Relationship", _NS)
            if rel.get("TargetMode") != "External"
        }

    main = "ppt/presentation.xml"
    presentation = xml(main)
    slide_size = _slide_size(presentation.find("p:sldSz", _NS), main)
    main_targets = related(main)
    layouts: dict[str, dict[str, Box]] = {}
    first_master: dict[str, Box] = {}
    themes: list[TemplateTheme] = []
    looks: dict[str, dict[str, TextLook]] = {}
    decorations: dict[str, tuple[Box, ...]] = {}
    for master_id in presentation.iterfind("p:sldMasterIdLst/p:sldMasterId", _NS):
        master_part = main_targets[master_id.get(f"{{{_NS['r']}}}id", "")]
        master_xml = xml(master_part)
        master = _placeholders(master_xml, master_part, {}, slide_size)
        first_master = first_master or master
        targets = related(master_part)
        theme_parts = sorted(
            t for t in targets.values() if posixpath.basename(posixpath.dirname(t)) == "theme"
        )
        theme = _read_theme(xml(theme_parts[0]) if theme_parts and theme_parts[0] in parts else None)
        themes.append(theme)
        for layout_id in master_xml.iterfind("p:sldLayoutIdLst/p:sldLayoutId", _NS):
            layout_part = targets[layout_id.get(f"{{{_NS['r']}}}id", "")]
            layout = xml(layout_part)
            name = layout.find("p:cSld", _NS)
            label = name.get("name", "") if name is not None else ""
            layouts.setdefault(label, _placeholders(layout, layout_part, master, slide_size))
            looks.setdefault(label, _looks(layout, master_xml, theme))
            decorations.setdefault(label, _decorations(layout, master_xml, slide_size))
    return Template(
        path,
        slide_size,
        layouts,
        first_master,
        theme=themes[0] if themes else TemplateTheme(),
        looks=looks,
        decorations=decorations,
    )


def _slide_size(size: ElementTree.Element | None, part: str) -> tuple[int, int]:
    """The slide size, if PowerPoint accepts it: a size python-pptx would copy into the deck as it is."""
    if size is None:
        return SLIDE
    width, height = _emu(size, "cx", part, SLIDE[0]), _emu(size, "cy", part, SLIDE[1])
    shortest, longest = SLIDE_SIDES
    if not (shortest <= width <= longest and shortest <= height <= longest):
        raise _Invalid(
            f"{part}: slide size {width:,} x {height:,} EMU; PowerPoint's slides are 1 to 56 inches "
            f"({shortest:,} to {longest:,} EMU) a side"
        )
    return width, height


def _emu(element: ElementTree.Element, attribute: str, part: str, default: int = 0) -> int:
    """An attribute's whole number of EMU; _Invalid naming `part` if it is not one."""
    value = element.get(attribute)
    if value is None:
        return default
    if not re.fullmatch(r"\s*-?\d{1,30}\s*", value):
        raise _Invalid(f"{part}: {attribute}={quoted(value)} is not a whole number of EMU")
    return int(value)


def _placeholders(
    part: ElementTree.Element, name: str, master: dict[str, Box], slide: tuple[int, int]
) -> dict[str, Box]:
    """Placeholder boxes by generic type (title, body, dt, ftr, sldNum, ...), inheriting from `master`,
    cut to the slide: what lies off it shows nothing, and a chart planned 10^12 EMU wide fails to draw."""
    boxes: dict[str, Box] = {}
    for shape in part.iterfind("p:cSld/p:spTree/p:sp", _NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        generic = _GENERIC.get(kind, kind)
        offset = shape.find("p:spPr/a:xfrm/a:off", _NS)
        extent = shape.find("p:spPr/a:xfrm/a:ext", _NS)
        if offset is not None and extent is not None:
            x, y, w, h = (
                _emu(e, k, name) for e, k in ((offset, "x"), (offset, "y"), (extent, "cx"), (extent, "cy"))
            )
            left, top = min(max(x, 0), slide[0]), min(max(y, 0), slide[1])
            box = Box(left, top, max(min(x + w, slide[0]) - left, 0), max(min(y + h, slide[1]) - top, 0))
        else:
            box = master.get(generic)
        if box is not None:
            boxes.setdefault(generic, box)
    return boxes


# --- what a template's text and decorations look like -------------------------------------------------

_TEXT_STYLES = {"title": "p:titleStyle", "body": "p:bodyStyle"}
"""The master's text style each generic placeholder type inherits from; every other type: otherStyle."""
_SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink")
_DEFAULT_COLOUR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_DECORATIONS = ("p:sp", "p:pic", "p:grpSp", "p:graphicFrame", "p:cxnSp")
BACKGROUND_SHARE = 0.6
"""A picture or shape covering this share of the slide or more is a background, not a decoration to avoid."""


def _read_theme(theme: ElementTree.Element | None) -> TemplateTheme:
    """The theme part's major and minor Latin fonts and its colour scheme."""
    if theme is None:
        return TemplateTheme()
    elements = theme.find("a:themeElements", _NS)
    if elements is None:
        return TemplateTheme()
    fonts = {kind: elements.find(f"a:fontScheme/a:{kind}Font/a:latin", _NS) for kind in ("major", "minor")}
    colours = {}
    scheme = elements.find("a:clrScheme", _NS)
    for slot in _SCHEME_SLOTS:
        holder = scheme.find(f"a:{slot}", _NS) if scheme is not None else None
        colour = _colour(holder, {}, {}) if holder is not None else None
        if colour:
            colours[slot] = colour
    return TemplateTheme(
        *(font.get("typeface", "") if font is not None else "" for font in fonts.values()), colours
    )


def _colour_map(master: ElementTree.Element) -> dict[str, str]:
    found = master.find("p:clrMap", _NS)
    return {**_DEFAULT_COLOUR_MAP, **(dict(found.attrib) if found is not None else {})}


def _colour(
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


def _placeholder_shapes(part: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """A part's first placeholder shape of each generic type."""
    shapes: dict[str, ElementTree.Element] = {}
    for shape in part.iterfind("p:cSld/p:spTree/p:sp", _NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is not None:
            kind = ph.get("type", "obj")
            shapes.setdefault(_GENERIC.get(kind, kind), shape)
    return shapes


def _looks(
    layout: ElementTree.Element, master: ElementTree.Element, theme: TemplateTheme
) -> dict[str, TextLook]:
    """What the text of each of the layout's placeholders inherits, by generic type."""
    colour_map = _colour_map(master)
    masters = _placeholder_shapes(master)
    fonts = {"+mj-lt": theme.major_font, "+mn-lt": theme.minor_font}
    looks = {}
    for kind, shape in _placeholder_shapes(layout).items():
        style = master.find(f"p:txStyles/{_TEXT_STYLES.get(kind, 'p:otherStyle')}", _NS)
        chain = [s.find("p:txBody/a:lstStyle", _NS) for s in (shape, masters.get(kind)) if s is not None]
        chain = [element for element in [*chain, style] if element is not None]
        bodies = [s.find("p:txBody/a:bodyPr", _NS) for s in (shape, masters.get(kind)) if s is not None]

        def first(level: int, path: str, attribute: str | None = None, chain: list = chain) -> Any:
            for styles in chain:
                found = styles.find(f"a:lvl{level}pPr/{path}" if path else f"a:lvl{level}pPr", _NS)
                if found is not None and (attribute is None or found.get(attribute) is not None):
                    return found.get(attribute) if attribute else found
            return None

        def size(level: int) -> float | None:
            value = first(level, "a:defRPr", "sz")
            return int(value) / 100 if value and value.isdigit() else None

        def level(n: int) -> tuple[int, float | None, float, float]:
            margin = first(n, "", "marL")
            before = first(n, "a:spcBef/a:spcPts", "val")
            before_pct = first(n, "a:spcBef/a:spcPct", "val")
            own = size(n) or size(1) or 18.0
            space = int(before) / 100 / own if before and before.isdigit() else 0.0
            if before_pct and before_pct.isdigit():
                space = int(before_pct) / 100000
            line = first(n, "a:lnSpc/a:spcPct", "val")
            return (
                int(margin) if margin and margin.lstrip("-").isdigit() else 0,
                size(n),
                space,
                int(line) / 100000 if line and line.isdigit() else 1.0,
            )

        typeface = first(1, "a:defRPr/a:latin", "typeface")
        bold = first(1, "a:defRPr", "b")
        insets = []
        for name, default in (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720)):
            values = [body.get(name) for body in bodies if body is not None and body.get(name) is not None]
            insets.append(int(values[0]) if values and values[0].isdigit() else default)
        bullet = first(1, "a:buChar") is not None and first(1, "a:buNone") is None
        looks[kind] = TextLook(
            font=fonts.get(typeface, typeface) if typeface else theme.minor_font or None,
            size=size(1),
            colour=_colour(first(1, "a:defRPr/a:solidFill"), theme.colours, colour_map),
            bold=bold in ("1", "true") if bold is not None else None,
            insets=(insets[0], insets[1], insets[2], insets[3]),
            levels=(level(1), level(2)),
            bullet=bullet,
        )
        if kind == "title" and not typeface and theme.major_font:
            looks[kind] = replace(looks[kind], font=theme.major_font)
    return looks


def _decorations(
    layout: ElementTree.Element, master: ElementTree.Element, slide: tuple[int, int]
) -> tuple[Box, ...]:
    """Boxes of the pictures and visible shapes (not placeholders) the master and layout draw."""
    parts = [layout] if layout.get("showMasterSp") in ("0", "false") else [master, layout]
    boxes = []
    for part in parts:
        tree = part.find("p:cSld/p:spTree", _NS)
        for shape in tree if tree is not None else ():
            kind = shape.tag.rsplit("}", 1)[-1]
            if f"p:{kind}" not in _DECORATIONS or shape.find("./*/p:nvPr/p:ph", _NS) is not None:
                continue
            if kind == "sp" and _invisible(shape):
                continue
            xfrm = shape.find("p:xfrm" if kind == "graphicFrame" else "*/a:xfrm", _NS)
            offset = xfrm.find("a:off", _NS) if xfrm is not None else None
            extent = xfrm.find("a:ext", _NS) if xfrm is not None else None
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
    properties = shape.find("p:spPr", _NS)
    styled = shape.find("p:style", _NS) is not None
    filled = properties is not None and any(
        properties.find(f"a:{fill}", _NS) is not None
        for fill in ("solidFill", "gradFill", "blipFill", "pattFill")
    )
    line = properties.find("a:ln", _NS) if properties is not None else None
    outlined = line is not None and line.find("a:noFill", _NS) is None and len(line)
    if line is None and styled:
        outlined = True
    if properties is not None and properties.find("a:noFill", _NS) is None and styled and not filled:
        filled = True
    text = "".join(t.text or "" for t in shape.iterfind(".//a:t", _NS)).strip()
    return not (filled or outlined or text)
