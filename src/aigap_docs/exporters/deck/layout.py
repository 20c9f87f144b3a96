"""Where things go on a slide: the built-in 16:9 grid, or the layouts of a .pptx/.potx template.

A template's slide size and placeholder boxes are read here with the standard library, so planning the
deck (and `aigap-docs check`) needs no python-pptx, from the parts package.py has read and checked; a
size PowerPoint would not take, a placeholder of no size or off the slide, or a body too small to plan in
is an error naming the template and the layout.

Each kind of slide (a role) is made from the first layout that fits, asked in this order:

    1. the report's own choice: `layouts: {cover: Titelfolie, ...}` in report.yaml;
    2. PowerPoint's type of the layout (`<p:sldLayout type="title">`), which no translation changes;
    3. its name, as PowerPoint names it in English and other languages or Google Slides exports it;
    4. its placeholders: a title and a subtitle make a cover, a title and one large body a content slide,
       a title alone a title-only slide.

    role      report key   slides                                     PowerPoint type  else
    cover     cover        cover, closing                             title            (an error)
    section   section      section dividers                           secHead          the cover's layout
    text      content      bullets, takeaways, sources, chart + text  obj, tx          the title-only one
    content   title_only   charts, tables, big numbers                titleOnly        the content one

A layout found for a role without the title placeholder its slides need is passed over for the next
one found that has it, then for the role's fallback; only when neither has one is it used (or when
report.yaml chooses it), its slides' text laid out in boxes of the built-in grid scaled to the template's
slide, with one warning naming it. Every role no layout fits is one error listing the layouts the
template has. A template none of whose layouts has a title placeholder (only 'Blank') is built on the
built-in grid, scaled to its slide size, on that layout, with one warning.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

from aigap_docs.errors import ExportError, Problem, SourceRef, did_you_mean, quoted
from aigap_docs.exporters.deck import contrast
from aigap_docs.exporters.deck.package import NOT_A_TEMPLATE, read_package
from aigap_docs.model import Report
from aigap_docs.theme import Theme

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
TEMPLATE_FILE = "template.pptx"
"""A template in the assets folder applies to every report that does not name its own."""

Role = Literal["cover", "section", "text", "content"]
ROLES: tuple[Role, ...] = ("cover", "section", "text", "content")
REPORT_KEYS: dict[str, Role] = {
    "cover": "cover",
    "section": "section",
    "content": "text",
    "title_only": "content",
}
"""The keys of report.yaml's `layouts`, named as users know the layouts, and the role each chooses for."""
LAYOUT_TYPES: dict[Role, tuple[str, ...]] = {
    "cover": ("title",),
    "section": ("secHead",),
    "text": ("obj", "tx"),
    "content": ("titleOnly",),
}
"""PowerPoint's own, language-independent types of the layouts each role is made from."""
LAYOUT_NAMES: dict[Role, tuple[str, ...]] = {
    "cover": (
        "Title Slide", "TITLE", "Titelfolie", "Diapositive de titre", "Diapositiva de título",
        "Diapositiva titolo", "Slide de Título", "Titeldia", "Slajd tytułowy", "Rubrikbild",
        "Титульный слайд", "タイトル スライド", "标题幻灯片", "제목 슬라이드",
    ),
    "section": (
        "Section Header", "SECTION_HEADER", "Abschnittsüberschrift", "Titre de section",
        "Encabezado de sección", "Intestazione sezione", "Cabeçalho da Seção", "Sectiekop",
        "Nagłówek sekcji", "Avsnittsrubrik", "Заголовок раздела", "セクション見出し", "节标题", "구역 머리글",
    ),
    "text": (
        "Title and Content", "TITLE_AND_BODY", "Titel und Inhalt", "Titre et contenu", "Título y objetos",
        "Titolo e contenuto", "Título e Conteúdo", "Titel en object", "Tytuł i zawartość",
        "Rubrik och innehåll", "Заголовок и объект", "タイトルとコンテンツ", "标题和内容", "제목 및 내용",
    ),
    "content": (
        "Title Only", "TITLE_ONLY", "Nur Titel", "Titre seul", "Solo el título", "Solo titolo",
        "Somente Título", "Alleen titel", "Tylko tytuł", "Endast rubrik", "Только заголовок",
        "タイトルのみ", "仅标题", "제목만",
    ),
}  # fmt: skip
"""Layout names, in PowerPoint's languages and as Google Slides exports them: a hint after the type."""
_FALLBACK: dict[Role, Role | None] = {"cover": None, "section": "cover", "text": "content", "content": "text"}
_ROLE_NAMES: dict[Role, str] = {
    "cover": "title slides",
    "section": "section dividers",
    "text": "bullet slides",
    "content": "chart, table and other slides",
}
_STRUCTURES: dict[Role, str] = {
    "cover": "a title and a subtitle placeholder",
    "section": "",
    "text": "a title and one body placeholder",
    "content": "a title placeholder alone",
}
_FURNITURE = {"dt", "ftr", "sldNum", "hdr"}
"""Placeholders of the master's footer row, which do not make a layout a content layout."""


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
    warnings: tuple[Problem, ...] = ()
    """What the deck's planner reports about the template (a template with no placeholders to use)."""
    theme: TemplateTheme | None = None
    """The template's theme fonts and colours; None for the built-in design."""
    looks: dict[str, dict[str, TextLook]] = field(default_factory=dict)
    """Layout name -> placeholder type (title, body, dt, ftr, sldNum, ...) -> what its text inherits; for
    every layout of `layouts`. Empty for the built-in design, whose text is set explicitly."""
    placeholders: dict[str, dict[str, Box]] = field(default_factory=dict)
    """Layout name -> its placeholders' boxes by type, as layout.py reads them (footer row included);
    empty for the built-in design."""
    decorations: dict[str, tuple[Box, ...]] = field(default_factory=dict)
    """Layout name -> the pictures and shapes its master (unless the layout hides them) and the layout draw
    on every slide made from it, which nothing added may cover; backgrounds covering most of the slide
    are left out. Empty for the built-in design."""
    backdrops: dict[str, Backdrop] = field(default_factory=dict)
    """Layout name -> what text on its slides stands on (see Backdrop); empty for the built-in design."""

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

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
GENERIC_TYPES = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}
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
class Layout:
    """What layout.py knows of one slide layout to choose it for a role: PowerPoint's type for it, the
    types of its placeholders, and what is wrong with their boxes."""

    name: str
    type: str = "cust"
    """The `type` of its p:sldLayout (title, obj, secHead, titleOnly, blank, ...); 'cust' if none."""
    kinds: tuple[str, ...] = ()
    """Its placeholders' types as written (title, ctrTitle, subTitle, body, obj, pic, dt, ...), in order."""
    faults: dict[str, str] = field(default_factory=dict)
    """Generic type (title, body) -> what is wrong with its box: 'is 12.00 x 0.00 in: it has no size', ..."""

    @property
    def has_title(self) -> bool:
        return any(kind in ("title", "ctrTitle") for kind in self.kinds)

    @property
    def content(self) -> tuple[str, ...]:
        """Its placeholders other than the title and the footer row's."""
        return tuple(k for k in self.kinds if k not in ("title", "ctrTitle") and k not in _FURNITURE)


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
                found[role] = next((name for name in candidates if _serves(role, self.details[name])), None)
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
            fallback = _FALLBACK[role]
            if found[role] is None and fallback is not None:
                found[role] = found[fallback]

    def _candidates(self, role: Role) -> list[str]:
        """The layouts that could make `role` slides, best first: by type, by name, by placeholders."""
        by_key = {_key(name): name for name in self.details}
        candidates = [name for name, layout in self.details.items() if layout.type in LAYOUT_TYPES[role]]
        candidates += [by_key[_key(hint)] for hint in LAYOUT_NAMES[role] if _key(hint) in by_key]
        candidates += [name for name, layout in self.details.items() if _fits(role, layout)]
        return list(dict.fromkeys(candidates))

    def _missing(self, role: Role) -> Problem:
        key = next(key for key, each in REPORT_KEYS.items() if each == role)
        found = ", ".join(quoted(name) for name in self.layouts) or "none"
        how = ", ".join(filter(None, (f"PowerPoint's type {LAYOUT_TYPES[role][0]!r}", _STRUCTURES[role])))
        how += ", or a name like "
        return Problem(
            SourceRef(self.name or str(self.path)),
            f"no slide layout for {_ROLE_NAMES[role]} ({how}{LAYOUT_NAMES[role][0]!r}); the template has "
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


def template_geometry(
    template: Template, chosen: Mapping[str, str] | None = None, where: SourceRef | None = None
) -> Geometry:
    """The boxes of a template's own layouts: its title placeholders, its body, its footer row.

    `chosen` is report.yaml's `layouts` (report key -> layout name), located at `where`. ExportError
    listing every problem at once: a chosen layout the template lacks, a role no layout fits, a layout
    without the title placeholder its slides need, a placeholder of no size or off the slide.
    """
    problems, picked = _chosen_layouts(template, chosen or {}, where or SourceRef(template.name))
    blank = None if chosen else template.blank()
    if blank is not None:
        return _blank_geometry(template, blank)
    found = template.roles(picked)
    problems += [template._missing(role) for role in ROLES if found[role] is None]
    if not problems:
        problems += _layout_faults(template, {role: name or "" for role, name in found.items()})
    if problems:
        raise ExportError(problems)
    layouts: dict[Role, str] = {role: name or "" for role, name in found.items()}
    width, height = template.size
    grid = _scaled_grid(template.size)
    bare = {role for role in ROLES if not template.details.get(layouts[role], Layout("")).has_title}
    if {"text", "content"} <= bare:  # no slide has a title placeholder to take its headline's box from
        title = grid.title
    else:
        title = (
            template.placeholder(layouts["content"], "title")
            or template.placeholder(layouts["text"], "title")
            or template.master.get("title")
        )
    if title is None:
        raise template.error(f"layout {layouts['content']!r} has no title placeholder, nor has its master")
    footer = template.master.get("ftr")
    number = template.master.get("sldNum")
    bottom_row = [box.y for box in (footer, number, template.master.get("dt")) if box and box.y > height // 2]
    floor = min(bottom_row, default=height - title.y)
    gap = title.y // 3
    below_title = Box(title.x, title.bottom + gap, title.w, floor - gap - title.bottom - gap)
    body = template.placeholder(layouts["text"], "body") or below_title
    if {"text", "content"} <= bare:
        body = grid.body
    if not _plannable(body):  # a Google Slides export's body is one line tall and grows with its text
        body = next((box for box in (template.master.get("body"), below_title) if _plannable(box)), body)
    if not _plannable(body):
        size = " x ".join(f"{side / EMU_PER_INCH:.2f}" for side in (body.w, body.h))
        raise template.error(
            f"the body of layout {layouts['text']!r} is {size} in on the slide; charts, tables and text "
            "need at least 4 x 2 in"
        )
    cover_title = template.placeholder(layouts["cover"], "title") or title
    cover_subtitle = template.placeholder(layouts["cover"], "body") or _below(cover_title, gap)
    if "cover" in bare:
        cover_title, cover_subtitle = grid.cover_title, grid.cover_subtitle
    section_title = template.placeholder(layouts["section"], "title") or cover_title
    section_subtitle = template.placeholder(layouts["section"], "body") or _below(section_title, gap)
    if "section" in bare:
        section_title, section_subtitle = grid.section_title, grid.section_subtitle
    row_height = footer.h if footer else FOOTER_HEIGHT
    footer = footer or Box(title.x, height - row_height - gap, title.w // 2, row_height)
    number = number or Box(title.right - title.w // 6, footer.y, title.w // 6, footer.h)
    return Geometry(
        size=template.size,
        layouts=layouts,
        cover_title=cover_title,
        cover_subtitle=cover_subtitle,
        section_title=section_title,
        section_subtitle=section_subtitle,
        title=title,
        body=body,
        footer=footer,
        number=number,
        gutter=GUTTER,
        column=(body.w - 11 * GUTTER) // 12,
        designed=False,
        warnings=_bare_warnings(template, layouts, bare, grid_title=title == grid.title),
        theme=template.theme,
        looks={name: template.looks.get(name, {}) for name in layouts.values()},
        placeholders={name: template.layouts.get(name, {}) for name in layouts.values()},
        decorations={name: template.decorations.get(name, ()) for name in layouts.values()},
        backdrops={name: template.backdrops[name] for name in layouts.values() if name in template.backdrops},
    )


def geometry_for(report: Report, theme: Theme) -> Geometry:
    """The geometry the report's deck is built on: its template's, or the built-in grid."""
    path = find_template(report, theme)
    chosen = report.layouts.chosen() if report.layouts else {}
    where = (report.layouts.ref if report.layouts else None) or report.ref or SourceRef(report.folder)
    if path is None:
        if not chosen:
            return builtin_geometry()
        message = "no template to choose layouts from: name one with `template:` (the layouts are ignored)"
        return replace(builtin_geometry(), warnings=(Problem(where, message, "layouts"),))
    return template_geometry(read_template(path, template_name(report, path)), chosen, where)


def size_note(report: Report, theme: Theme) -> str | None:
    """'4:3 template: deck is 10 x 7.5 in' when the report's template is not PowerPoint's 16:9
    13.333 x 7.5 in, else None. ExportError if the template cannot be read."""
    path = find_template(report, theme)
    if path is None:
        return None
    width, height = read_template(path, template_name(report, path)).size
    if abs(width - SLIDE[0]) < inches(0.01) and abs(height - SLIDE[1]) < inches(0.01):
        return None
    ratios = {"16:9": 16 / 9, "4:3": 4 / 3, "16:10": 16 / 10, "A4": 297 / 210, "1:1": 1.0, "3:4": 3 / 4}
    ratio = next((name for name, value in ratios.items() if abs(width / height - value) < 0.005), "")
    size = f"{round(width / EMU_PER_INCH, 3):g} x {round(height / EMU_PER_INCH, 3):g} in"
    return f"{ratio or f'{width / height:.2f}:1'} template: deck is {size}"


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


def _chosen_layouts(
    template: Template, chosen: Mapping[str, str], where: SourceRef
) -> tuple[list[Problem], dict[Role, str]]:
    """The layouts report.yaml's `layouts` names, by role, and a problem for each the template lacks."""
    by_key = {_key(name): name for name in template.layouts}
    problems, picked = [], {}
    for key, name in chosen.items():
        if _key(name) in by_key:
            picked[REPORT_KEYS[key]] = by_key[_key(name)]
            continue
        found = ", ".join(quoted(each) for each in template.layouts) or "none"
        message = (
            f"{template.name or template.path} has no layout {quoted(name)}"
            f"{did_you_mean(name, template.layouts)}; it has {found}"
        )
        problems.append(Problem(where, message, f"layouts.{key}"))
    return problems, picked


def _serves(role: Role, layout: Layout) -> bool:
    """Whether a layout found for `role` has the placeholders its slides need: a title, and for the
    cover no content placeholder (a layout typed or named a title slide that holds one is not)."""
    return layout.has_title and not (role == "cover" and "obj" in layout.kinds)


def _fits(role: Role, layout: Layout) -> bool:
    """Whether a layout's placeholders make it one for `role` (a section header cannot be told apart)."""
    others = layout.content
    if role == "cover":
        return "ctrTitle" in layout.kinds or (layout.has_title and "subTitle" in others)
    if role == "text":
        return layout.has_title and len(others) == 1 and others[0] in ("body", "obj")
    if role == "content":
        return layout.has_title and not others
    return False


def _layout_faults(template: Template, layouts: dict[Role, str]) -> list[Problem]:
    """One problem per chosen layout's title, body or subtitle of no size or off the slide."""
    where = SourceRef(template.name or str(template.path))
    problems = []
    for name in dict.fromkeys(layouts.values()):
        layout = template.details.get(name, Layout(name))
        for kind, fault in layout.faults.items():
            label = "subtitle" if kind == "body" and name in (layouts["cover"], layouts["section"]) else kind
            problems.append(Problem(where, f"layout {quoted(name)}: its {label} placeholder {fault}"))
    return problems


def _scaled_grid(size: tuple[int, int]) -> Geometry:
    """The built-in grid scaled to a template's slide size, for the slides of layouts without the
    placeholders to take boxes from."""
    grid = builtin_geometry()
    (width, height), (base_w, base_h) = size, grid.size

    def scaled(box: Box) -> Box:
        return Box(
            box.x * width // base_w,
            box.y * height // base_h,
            box.w * width // base_w,
            box.h * height // base_h,
        )

    body = scaled(grid.body)
    gutter = GUTTER * width // base_w
    return replace(
        grid,
        size=size,
        cover_title=scaled(grid.cover_title),
        cover_subtitle=scaled(grid.cover_subtitle),
        section_title=scaled(grid.section_title),
        section_subtitle=scaled(grid.section_subtitle),
        title=scaled(grid.title),
        body=body,
        footer=scaled(grid.footer),
        number=scaled(grid.number),
        gutter=gutter,
        column=(body.w - 11 * gutter) // 12,
        designed=False,
    )


def _bare_warnings(
    template: Template, layouts: dict[Role, str], bare: set[Role], grid_title: bool
) -> tuple[Problem, ...]:
    """One warning per layout without the title placeholder its roles need, saying where their slides'
    text goes instead: the built-in grid, or for a content layout beside one with placeholders, the
    other's boxes."""
    where = SourceRef(template.name or str(template.path))
    warnings = []
    for name in dict.fromkeys(layouts[role] for role in ROLES if role in bare):
        roles = [role for role in ROLES if layouts[role] == name and role in bare]
        layout = template.details.get(name, Layout(name))
        what = "no title placeholder" if layout.content else "no placeholders"
        on_grid = any(role in ("cover", "section") for role in roles) or grid_title
        other = layouts["content"] if layouts["content"] != name else layouts["text"]
        how = (
            "on the built-in grid"
            if on_grid
            else f"in text boxes where layout {quoted(other)} has its placeholders"
        )
        served = " and ".join(_ROLE_NAMES[r] for r in roles)
        message = f"layout {quoted(name)} has {what}: {served} are laid out {how}"
        warnings.append(Problem(where, message))
    return tuple(warnings)


def _blank_geometry(template: Template, layout: str) -> Geometry:
    """The built-in grid scaled to the template's slide, every role on `layout`, and a warning."""
    message = (
        f"no layout has a title placeholder: every slide is made from layout {quoted(layout)} and laid out "
        "on the built-in grid"
    )
    return replace(
        _scaled_grid(template.size),
        layouts=dict.fromkeys(ROLES, layout),
        warnings=(Problem(SourceRef(template.name or str(template.path)), message),),
        theme=template.theme,
        looks={layout: template.looks.get(layout, {})},
        placeholders={layout: template.layouts.get(layout, {})},
        decorations={layout: template.decorations.get(layout, ())},
        backdrops={layout: template.backdrops[layout]} if layout in template.backdrops else {},
    )


def _plannable(body: Box | None) -> bool:
    """Whether charts, tables and columns of text can be planned in `body`."""
    return body is not None and body.w >= SMALLEST_BODY[0] and body.h >= SMALLEST_BODY[1]


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
        theme = _read_theme(xml(theme_parts[0]) if theme_parts and theme_parts[0] in parts else None)
        themes.append(theme)
        fill_styles = _fill_styles(xml(theme_parts[0]) if theme_parts and theme_parts[0] in parts else None)
        for layout_id in master_xml.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
            layout_part = targets[layout_id.get(f"{{{NS['r']}}}id", "")]
            layout = xml(layout_part)
            name = layout.find("p:cSld", NS)
            label = layout_keys([*layouts, name.get("name", "") if name is not None else ""])[-1]
            layouts.setdefault(label, _placeholders(layout, layout_part, master, slide_size))
            details[label] = _layout(label, layout, layout_part, master, slide_size)
            looks.setdefault(label, _looks(layout, master_xml, theme))
            decorations.setdefault(label, _decorations(layout, master_xml, slide_size))
            backdrop = _backdrop(layout, master_xml, theme.colours, fill_styles, presentation)
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
    elements = theme.find("a:themeElements", NS)
    if elements is None:
        return TemplateTheme()
    fonts = {kind: elements.find(f"a:fontScheme/a:{kind}Font/a:latin", NS) for kind in ("major", "minor")}
    colours = {}
    scheme = elements.find("a:clrScheme", NS)
    for slot in _SCHEME_SLOTS:
        holder = scheme.find(f"a:{slot}", NS) if scheme is not None else None
        colour = _colour(holder, {}, {}) if holder is not None else None
        if colour:
            colours[slot] = colour
    return TemplateTheme(
        *(font.get("typeface", "") if font is not None else "" for font in fonts.values()), colours
    )


def _colour_map(master: ElementTree.Element) -> dict[str, str]:
    found = master.find("p:clrMap", NS)
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
    for shape in part.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None:
            kind = ph.get("type", "obj")
            shapes.setdefault(GENERIC_TYPES.get(kind, kind), shape)
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
            colour=_colour(first(1, "a:defRPr/a:solidFill"), theme.colours, colour_map),
            bold=bold in ("1", "true") if bold is not None else None,
            insets=(insets[0], insets[1], insets[2], insets[3]),
            levels=(level(1), level(2)),
            bullet=bullet,
            align=first(1, "", "algn") or "l",
        )
    return looks


def _decorations(
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


# --- what text stands on: backgrounds and placeholder fills, for the contrast check (contrast.py) ------


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


_FillStyles = tuple[list[ElementTree.Element], list[ElementTree.Element]]


def _fill_styles(theme: ElementTree.Element | None) -> _FillStyles:
    """The theme's shape fill styles and background fill styles, which style references (bgRef) index."""
    if theme is None:
        return [], []
    styles = theme.find("a:themeElements/a:fmtScheme", NS)
    if styles is None:
        return [], []
    shapes, backgrounds = (styles.find(f"a:{name}", NS) for name in ("fillStyleLst", "bgFillStyleLst"))
    return (list(shapes) if shapes is not None else [], list(backgrounds) if backgrounds is not None else [])


def _backdrop(
    layout: ElementTree.Element,
    master: ElementTree.Element,
    scheme: dict[str, str],
    fill_styles: _FillStyles,
    presentation: ElementTree.Element,
) -> Backdrop:
    """The layout's background, its placeholders' own fills and the colour of text boxes' text."""
    colour_map = {**contrast.DEFAULT_COLOUR_MAP, **_colour_map(master)}
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
    masters = _placeholder_shapes(master)
    for kind, shape in _placeholder_shapes(layout).items():
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
