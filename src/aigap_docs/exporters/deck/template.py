"""A .pptx/.potx template read: its slide size, its layouts' types and placeholder boxes, and per layout
what its text inherits (looks.py) and what it draws under every slide (backdrops.py).

It is read here with the standard library, so planning the deck (and `aigap-docs check`) needs no
python-pptx, from the parts package.py has read and checked; a size PowerPoint would not take, a
placeholder of no size or off the slide, or a body too small to plan in is an error naming the template
and the layout. `Template.roles` chooses the layout each kind of slide is made from (roles.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree import ElementTree

from aigap_docs.errors import ExportError, Problem, SourceRef, quoted
from aigap_docs.exporters.deck.backdrops import Backdrop, read_backdrop, read_decorations, read_fill_styles
from aigap_docs.exporters.deck.boxes import EMU_PER_INCH, SLIDE, SLIDE_SIDES, Box
from aigap_docs.exporters.deck.looks import GENERIC_TYPES, NS, TemplateTheme, TextLook, read_looks, read_theme
from aigap_docs.exporters.deck.package import NOT_A_TEMPLATE, read_package
from aigap_docs.exporters.deck.roles import (
    FALLBACK,
    LAYOUT_NAMES,
    LAYOUT_TYPES,
    REPORT_KEYS,
    ROLE_NAMES,
    ROLES,
    STRUCTURES,
    Layout,
    Role,
    fits,
    name_key,
    serves,
)


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
    backdrops: dict[str, Backdrop] = field(default_factory=dict)
    """Layout name -> its background, its placeholders' own fills and text boxes' colour (see Backdrop)."""

    details: dict[str, Layout] = field(default_factory=dict)
    """Layout name -> its type, placeholder types and faults, to choose layouts by."""

    def choose(self, role: Role) -> str:
        """The name of the layout to make `role` slides from (by type, name, then structure, else the
        role's fallback); ExportError listing the layouts if none fits."""
        chosen = self.roles()
        if chosen[role] is None:
            raise ExportError([self._missing(role)])
        return chosen[role] or ""

    def roles(self, chosen: Mapping[Role, str] | None = None) -> dict[Role, str | None]:
        """The layout each role is made from, `chosen` ones first (report.yaml's `layouts`), then found
        as the module says; None for a role no layout fits.

        A layout found for a role but without the title placeholder its slides need is passed over for
        the next one found that has it, then for the role's fallback; only when neither has one is it
        used (laid out in our own boxes, see template_geometry). A template none of whose layouts has a
        title placeholder gives its blank layout to the roles nothing else fits."""
        found: dict[Role, str | None] = {role: (chosen or {}).get(role) for role in ROLES}
        bare: dict[Role, str] = {}
        for role in ROLES:
            if found[role] is None:
                candidates = self._candidates(role)
                found[role] = next((name for name in candidates if serves(role, self.details[name])), None)
                untitled = [name for name in candidates if not self.details[name].has_title]
                if found[role] is None and candidates:
                    bare[role] = (untitled or candidates)[0]
        self._fall_back(found)
        for role, name in bare.items():
            found[role] = found[role] or name
        self._fall_back(found)
        blank = self.blank()
        return {role: name or blank for role, name in found.items()}

    def blank(self) -> str | None:
        """The layout to build on when no layout has a title placeholder ('Blank'), else None."""
        if not self.details or any(layout.has_title for layout in self.details.values()):
            return None
        return next((n for n, d in self.details.items() if d.type == "blank"), next(iter(self.details)))

    @staticmethod
    def _fall_back(found: dict[Role, str | None]) -> None:
        for role in ROLES:
            fallback = FALLBACK[role]
            if found[role] is None and fallback is not None:
                found[role] = found[fallback]

    def _candidates(self, role: Role) -> list[str]:
        """The layouts that could make `role` slides, best first: by type, by name, by placeholders."""
        by_key = {name_key(name): name for name in self.details}
        candidates = [name for name, layout in self.details.items() if layout.type in LAYOUT_TYPES[role]]
        candidates += [by_key[name_key(hint)] for hint in LAYOUT_NAMES[role] if name_key(hint) in by_key]
        candidates += [name for name, layout in self.details.items() if fits(role, layout)]
        return list(dict.fromkeys(candidates))

    def _missing(self, role: Role) -> Problem:
        key = next(key for key, each in REPORT_KEYS.items() if each == role)
        found = ", ".join(quoted(name) for name in self.layouts) or "none"
        how = ", ".join(filter(None, (f"PowerPoint's type {LAYOUT_TYPES[role][0]!r}", STRUCTURES[role])))
        how += ", or a name like "
        return Problem(
            SourceRef(self.name or str(self.path)),
            f"no slide layout for {ROLE_NAMES[role]} ({how}{LAYOUT_NAMES[role][0]!r}); the template has "
            f"{found}: choose one in report.yaml, `layouts: {{{key}: <name>}}`",
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


def layout_keys(names: list[str]) -> list[str]:
    """Each layout's key, in the order masters and layouts are listed: its name, and for a name used
    before (two masters with the same layouts, a Google Slides export) the name and its count, 'Blank #2'.
    The writer finds layouts by the same keys."""
    keys: list[str] = []
    for name in names:
        key, count = name, 1
        while key in keys:
            count += 1
            key = f"{name} #{count}"
        keys.append(key)
    return keys


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
            for rel in rels.findall("rel:Relationship", NS)
            if rel.get("TargetMode") != "External"
        }

    main = "ppt/presentation.xml"
    presentation = xml(main)
    slide_size = _slide_size(presentation.find("p:sldSz", NS), main)
    main_targets = related(main)
    layouts: dict[str, dict[str, Box]] = {}
    first_master: dict[str, Box] = {}
    themes: list[TemplateTheme] = []
    looks: dict[str, dict[str, TextLook]] = {}
    decorations: dict[str, tuple[Box, ...]] = {}
    backdrops: dict[str, Backdrop] = {}
    details: dict[str, Layout] = {}
    for master_id in presentation.iterfind("p:sldMasterIdLst/p:sldMasterId", NS):
        master_part = main_targets[master_id.get(f"{{{NS['r']}}}id", "")]
        master_xml = xml(master_part)
        master = _placeholders(master_xml, master_part, {}, slide_size)
        first_master = first_master or master
        targets = related(master_part)
        theme_parts = sorted(
            t for t in targets.values() if posixpath.basename(posixpath.dirname(t)) == "theme"
        )
        theme = read_theme(xml(theme_parts[0]) if theme_parts and theme_parts[0] in parts else None)
        themes.append(theme)
        fill_styles = read_fill_styles(
            xml(theme_parts[0]) if theme_parts and theme_parts[0] in parts else None
        )
        for layout_id in master_xml.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
            layout_part = targets[layout_id.get(f"{{{NS['r']}}}id", "")]
            layout = xml(layout_part)
            name = layout.find("p:cSld", NS)
            label = layout_keys([*layouts, name.get("name", "") if name is not None else ""])[-1]
            layouts.setdefault(label, _placeholders(layout, layout_part, master, slide_size))
            details[label] = _layout(label, layout, layout_part, master, slide_size)
            looks.setdefault(label, read_looks(layout, master_xml, theme))
            decorations.setdefault(label, read_decorations(layout, master_xml, slide_size))
            backdrop = read_backdrop(layout, master_xml, theme.colours, fill_styles, presentation)
            backdrops.setdefault(label, backdrop)
    return Template(
        path,
        slide_size,
        layouts,
        first_master,
        theme=themes[0] if themes else TemplateTheme(),
        details=details,
        looks=looks,
        decorations=decorations,
        backdrops=backdrops,
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
    for shape in part.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        generic = GENERIC_TYPES.get(kind, kind)
        offset = shape.find("p:spPr/a:xfrm/a:off", NS)
        extent = shape.find("p:spPr/a:xfrm/a:ext", NS)
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


def _layout(
    label: str, layout: ElementTree.Element, part: str, master: dict[str, Box], slide: tuple[int, int]
) -> Layout:
    """A layout's type, its placeholders' types, and its title and body placeholders that have no size,
    lie off the slide, or have no position (nor has the master's placeholder of their type)."""
    kinds, faults = [], {}
    for shape in layout.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        kinds.append(kind)
        generic = GENERIC_TYPES.get(kind, kind)
        if generic not in ("title", "body") or generic in faults or kinds.count(kind) > 1:
            continue
        offset = shape.find("p:spPr/a:xfrm/a:off", NS)
        extent = shape.find("p:spPr/a:xfrm/a:ext", NS)
        if offset is None or extent is None:
            box = master.get(generic)
            if box is None:
                faults[generic] = "has no position, nor has the master's"
            elif not box.w or not box.h:
                faults[generic] = f"takes the master's, which {_fault(box.w, box.h)}"
            continue
        x, y, w, h = (
            _emu(e, k, part) for e, k in ((offset, "x"), (offset, "y"), (extent, "cx"), (extent, "cy"))
        )
        if w <= 0 or h <= 0:
            faults[generic] = _fault(w, h)
        elif x >= slide[0] or y >= slide[1] or x + w <= 0 or y + h <= 0:
            faults[generic] = "lies off the slide"
    return Layout(label, layout.get("type", "cust"), tuple(kinds), faults)


def _fault(width: int, height: int) -> str:
    size = " x ".join(f"{max(side, 0) / EMU_PER_INCH:.2f}" for side in (width, height))
    return f"is {size} in: it has no size"
