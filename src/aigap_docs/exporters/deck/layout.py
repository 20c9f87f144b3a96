"""Where things go on a slide (Geometry): the built-in 16:9 grid, or the boxes of the layouts a template
(template.py) offers for each kind of slide (roles.py).

A layout found for a role without the title placeholder its slides need is passed over for the next
one found that has it, then for the role's fallback; only when neither has one is it used (or when
report.yaml chooses it), its slides' text laid out in boxes of the built-in grid scaled to the template's
slide, with one warning naming it. Every role no layout fits is one error listing the layouts the
template has. A template none of whose layouts has a title placeholder (only 'Blank') is built on the
built-in grid, scaled to its slide size, on that layout, with one warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from aigap_docs.errors import ExportError, Problem, SourceRef, did_you_mean, quoted
from aigap_docs.exporters.deck.backdrops import Backdrop
from aigap_docs.exporters.deck.boxes import EMU_PER_INCH, SLIDE, Box, inches
from aigap_docs.exporters.deck.looks import TemplateTheme, TextLook
from aigap_docs.exporters.deck.roles import (
    LAYOUT_NAMES,
    REPORT_KEYS,
    ROLE_NAMES,
    ROLES,
    Layout,
    Role,
    name_key,
)
from aigap_docs.exporters.deck.template import Template, read_template
from aigap_docs.model import Report
from aigap_docs.theme import Theme

TEMPLATE_FILE = "template.pptx"
"""A template in the assets folder applies to every report that does not name its own."""


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


def _chosen_layouts(
    template: Template, chosen: Mapping[str, str], where: SourceRef
) -> tuple[list[Problem], dict[Role, str]]:
    """The layouts report.yaml's `layouts` names, by role, and a problem for each the template lacks."""
    by_key = {name_key(name): name for name in template.layouts}
    problems, picked = [], {}
    for key, name in chosen.items():
        if name_key(name) in by_key:
            picked[REPORT_KEYS[key]] = by_key[name_key(name)]
            continue
        found = ", ".join(quoted(each) for each in template.layouts) or "none"
        message = (
            f"{template.name or template.path} has no layout {quoted(name)}"
            f"{did_you_mean(name, template.layouts)}; it has {found}"
        )
        problems.append(Problem(where, message, f"layouts.{key}"))
    return problems, picked


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
        served = " and ".join(ROLE_NAMES[r] for r in roles)
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
