"""The deck as a pure plan: each slide's layout, shapes, boxes and fitted type sizes; no pptx here.

Planning decides everything a reader sees (where each shape goes, at what size its text is set, which
text did not fit), so it can be tested without opening a file, and `aigap-docs check` reports the same
warnings as the build. writer.py only writes the plan out.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from aigap_docs.charts import ChartRequest
from aigap_docs.charts.alt import alt_text
from aigap_docs.charts.data import column_entity, drawn_colour, series_colours
from aigap_docs.charts.kinds import kind_of, kinds
from aigap_docs.charts.missing import NO_DATA_LINES, no_data_note
from aigap_docs.charts.native import NativeChart
from aigap_docs.errors import ExportError, Problem, SourceRef, quoted
from aigap_docs.exporters import BuildOptions, DocumentInfo
from aigap_docs.exporters.deck import contrast
from aigap_docs.exporters.deck.boxes import EMU_PER_INCH, EMU_PER_POINT, Box, inches
from aigap_docs.exporters.deck.layout import (
    SMALLEST_BODY,
    Geometry,
    find_template,
    geometry_for,
    template_name,
)
from aigap_docs.exporters.deck.looks import TextLook
from aigap_docs.exporters.deck.roles import Role
from aigap_docs.exporters.deck.textfit import (
    WIDTH_SLACK,
    Fit,
    FitParagraph,
    Measure,
    family_measure,
    stand_in_warning,
    steps,
    theme_measure,
    with_line_breaks,
    word_steps,
)
from aigap_docs.limits import MAX_LOGO_ASPECT, MAX_LOGO_BYTES, MAX_LOGO_PIXELS
from aigap_docs.model import (
    BigNumberSlide,
    BulletsSlide,
    ChartSlide,
    ChartSpec,
    ChartTextSlide,
    ClosingSlide,
    Report,
    RichText,
    Run,
    SectionSlide,
    SourcesSlide,
    TableSlide,
    TableSpec,
    TakeawaysSlide,
    TitleSlide,
)
from aigap_docs.tables import TableView, column_widths, table_view
from aigap_docs.theme import Theme

GRAPHIC_RATIO = 3.0
"""WCAG 2.x non-text contrast (SC 1.4.11): a chart's series against what it stands on."""
LOGO_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF")
"""Image formats (as Pillow names them) that PowerPoint shows and python-pptx can place."""

Align = Literal["l", "ctr", "r"]
Anchor = Literal["t", "ctr", "b"]


# --- the plan -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """A paragraph as the slide shows it: runs, size relative to its shape's, bullet, margins, colour."""

    runs: tuple[Run, ...]
    scale: float = 1.0
    bullet: str = ""
    indent: int = 0
    """Left margin in EMU; a bullet hangs in the `hang` before it."""
    hang: int = 0
    space_before: float = 0.0
    """Gap above, in ems of the paragraph's size (none above the first paragraph)."""
    align: Align = "l"
    colour: str | None = None
    level: int = 0
    """List level (0: a bullet, 1: a point under it): in a template's placeholder, the level whose bullet,
    margin and size the paragraph inherits."""


@dataclass(frozen=True)
class TextShape:
    """A text box or placeholder whose paragraphs, set at `size` points, were measured to fit `box`.

    Text shapes have no insets: the box is the text's own area, so text aligns with the grid.
    """

    name: str
    box: Box
    paras: tuple[Para, ...]
    size: float
    colour: str
    fits: bool = True
    anchor: Anchor = "t"
    spacing: float = 1.0
    placeholder: Literal["title", "body", "ftr", "sldNum", "dt"] | None = None
    slide_number: bool = False
    """The text is the slide-number field, so the number stays right when slides are moved."""
    style: Literal["house", "inherit", "theme"] = "house"
    """How the writer formats the text. 'house': every run in `font`, `colour` and its size, no insets,
    bullets and margins explicit (the built-in design). 'inherit': a template's placeholder; its text takes
    font, colour, insets, bullets and margins from the layout and master, and a size only where fitting
    shrank it below `inherited` or its level is planned apart from `inherited_levels`. 'theme': a text
    box of a templated deck, as 'house' but in the template's theme font (`font`)."""
    font: str = ""
    """The typeface named on the runs ('' for the theme's deck family); unused when inheriting."""
    inherited: float | None = None
    """The size in points the placeholder gives its first level, which an inheriting text leaves unset."""
    inherited_levels: tuple[float, ...] = ()
    """The size in points the placeholder gives each list level (first, second): an inheriting text
    leaves a paragraph's size unset only where its planned size is the one its level inherits."""
    field: str = ""
    """The slide's field the text comes from (title, bullets, numbers[0].value, ...), for warnings."""


@dataclass(frozen=True)
class Picture:
    """A chart drawn at exactly its box's size, or (native) a PowerPoint chart with the same data."""

    box: Box
    request: ChartRequest
    alt: str
    native: NativeChart | None = None
    """The chart's native form (decided by its kind), when PowerPoint draws it instead of a picture."""


@dataclass(frozen=True)
class Logo:
    box: Box
    path: Path
    alt: str


@dataclass(frozen=True)
class TableShape:
    """A native table: cells as the brief prints them, columns and rows sized to the measured text."""

    box: Box
    view: TableView
    widths: tuple[int, ...]
    heights: tuple[int, ...]
    size: float
    colour: str | None = None
    """The cells' text colour; None for the theme's (a template's deck gives its text colour)."""


@dataclass(frozen=True)
class Rect:
    """A filled rectangle of the built-in design: an accent rule or strip."""

    box: Box
    colour: str


Shape = TextShape | Picture | Logo | TableShape | Rect


@dataclass(frozen=True)
class SlidePlan:
    layout: str
    shapes: tuple[Shape, ...]
    notes: str = ""
    background: str | None = None


@dataclass(frozen=True)
class DeckPlan:
    """Everything the deck shows, decided: the writer turns this into a .pptx and sees nothing else."""

    geometry: Geometry
    slides: tuple[SlidePlan, ...]
    warnings: tuple[Problem, ...]
    info: DocumentInfo
    """The document properties, the language of every run and the build date."""
    template: Path | None
    """The .pptx/.potx the deck is made from, or None for python-pptx's blank deck on the built-in grid."""
    template_name: str
    """The template's path as messages show it."""
    where: SourceRef
    """The report's report.yaml, where a problem of the deck as a whole is reported."""

    def chart_requests(self) -> list[ChartRequest]:
        """Every chart the deck shows as a picture, at the size it is placed at."""
        pictures = (shape for slide in self.slides for shape in slide.shapes if isinstance(shape, Picture))
        return sorted({picture.request for picture in pictures if not picture.native})


def plan(report: Report, theme: Theme, options: BuildOptions | None = None) -> DeckPlan:
    """Plan every slide of the report's deck; ExportError if its template lacks a layout it needs or its
    logo is no image PowerPoint shows."""
    native_charts = (options or BuildOptions()).native_charts
    from aigap_docs.exporters.deck import accessibility  # it reads the shapes defined here

    geometry = geometry_for(report, theme)
    count, grids = len(report.slides), {}
    for _ in range(MAX_REPLANS):
        planner = _Planner(report, theme, geometry, native_charts, count, grids)
        parts = [planner.slide(i, slide) for i, slide in enumerate(report.slides)]
        if sum(map(len, parts)) == count:
            break
        count = sum(map(len, parts))  # a table split over slides: the slide numbers' room is planned again
    slides = tuple(
        replace(slide, shapes=accessibility.reading_order(slide.shapes)) for part in parts for slide in part
    )
    origins = [i for i, part in enumerate(parts) for _ in part]
    refs = [report.slides[i].ref or planner.where for i in origins]
    planner.warnings += accessibility.check(slides, refs, origins)
    template = find_template(report, theme)
    return DeckPlan(
        planner.geometry,
        slides,
        tuple(dict.fromkeys(planner.warnings)),
        DocumentInfo.of(report),
        template,
        template_name(report, template) if template else "",
        report.ref or SourceRef(f"{report.folder}/report.yaml"),
    )


# --- the type scale -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Role:
    """How one kind of text is set: from its largest size down to its smallest, line spacing, lines."""

    sizes: tuple[float, float]
    spacing: float = 1.0
    max_lines: int | None = None


def _roles(theme: Theme) -> dict[str, _Role]:
    """The deck's type scale, from the theme's deck sizes (display sizes are multiples of the title's)."""
    size = theme.sizes["deck"]
    return {
        "display": _Role((round(size.title * 1.5), size.title), spacing=0.9),
        "headline": _Role((size.title, round(size.title * 0.72)), spacing=0.9),
        "subtitle": _Role((size.subtitle + 2, size.subtitle - 4)),
        "body": _Role((size.body, size.body - 4)),
        "number": _Role((round(size.title * 2.25), round(size.title * 1.2)), spacing=0.9, max_lines=1),
        "label": _Role((size.body, size.small)),
        "table": _Role((size.body - 2, size.small - 2)),
        "source": _Role((size.chart_note, size.chart_note - 2)),
        "byline": _Role((size.small + 2, size.small - 2), max_lines=1),
        "footer": _Role((size.small - 2, size.small - 3), max_lines=1),
    }


# --- the planner --------------------------------------------------------------------------------------

SOURCE_HEIGHT = inches(0.3)
NOTE_HEIGHT = inches(0.55)
ACCENT_RULE = (inches(0.6), inches(0.06))
STRIP_WIDTH = inches(0.25)
CARD_RULE = inches(0.08)
BULLET_HANG = inches(0.3)
SUB_INDENT = inches(0.6)
SUB_SCALE = 0.85
CELL_MARGIN = (inches(0.08), inches(0.05))
"""Table cell margins, left/right and top/bottom, written explicitly and included in the measurement."""
MIN_ROWS = 3
"""Body rows each part of a table split over slides keeps, where the table has enough (as the brief's)."""
MAX_REPLANS = 3
"""Plans of the deck at most: a table split over slides adds slides, and the slide numbers' room (a
template's number placeholder widened for the widest number) is planned for the deck's own count."""

Items = Sequence[tuple[RichText, Sequence[RichText]]]
"""Bullets: each a text and the second-level texts under it."""


class _Planner:
    """Plans slides one at a time, collecting the warnings of text that does not fit."""

    def __init__(
        self,
        report: Report,
        theme: Theme,
        geometry: Geometry,
        native_charts: bool,
        slide_count: int,
        grids: dict[Any, tuple[list[int], list[int], bool]],
    ):
        self.report = report
        self.slide_count = slide_count
        """The deck's slides, whose numbers the footer makes room for."""
        self.grids = grids
        """Tables' measured grids, by table, width and size: kept when the deck is planned again."""
        self.theme = theme
        self.geometry = geometry
        self.native_charts = native_charts
        self.colours = theme.colours
        self.roles = _roles(theme)
        self.measure = theme_measure(theme)
        self.warnings: list[Problem] = list(geometry.warnings)
        self.where = report.ref or SourceRef(f"{report.folder}/report.yaml")
        self.field = ""
        self._logos: dict[Role, list[Shape]] = {}
        self.templated = geometry.theme is not None
        path = find_template(report, theme) if self.templated else None
        self.geometry_name = template_name(report, path) if path else ""
        """A template's deck: placeholders inherit its look, our text boxes take its theme font."""
        self.font = ""
        if geometry.theme is not None:
            self.font = geometry.theme.minor_font or theme.fonts.deck_family
            self.measure = self.measure_for(self.font)
            self.colours = self.colours.model_copy(update=self._template_colours(geometry))
            self.geometry = self._grown_title(geometry)
        self._contrast_reported: set[tuple[str, str, str]] = set()
        self._floating: dict[Role, tuple[Box | None, Box | None]] = {}
        self.planned = 0
        """The deck's slides planned so far."""

    def slide(self, index: int, slide: Any) -> list[SlidePlan]:
        """The deck's slides for the report's slide `index`: one, or a table's parts. Warnings name the
        report's slide; the layouts are given the deck's index of their (first) slide, for its number."""
        self.where = slide.ref or self.report.ref or self.where
        self.field = f"slides[{index}]"
        planned: SlidePlan | list[SlidePlan] = getattr(self, f"_{slide.layout}")(self.planned, slide)
        parts = planned if isinstance(planned, list) else [planned]
        self.planned += len(parts)
        parts = [self.readable(part) for part in parts]
        for part in parts:
            self.check_contrast(part)
        notes = slide.notes.plain if slide.notes else ""
        return [replace(parts[0], notes=notes), *parts[1:]]  # a reader's notes once, on the first part

    # --- text -----------------------------------------------------------------------------------------

    def text(
        self,
        name: str,
        box: Box,
        paras: Sequence[Para],
        role: str,
        colour: str,
        where: str | None,
        **options: Any,
    ) -> TextShape:
        """Text set at the largest size of its role that fits its box; warns at `where` if none does.

        In a template's placeholder the text inherits the layout's look (see `inherited_text`)."""
        look = self.look(options.get("placeholder"), options.pop("layout_role", None))
        if look is not None:
            return self.inherited_text(name, box, paras, role, colour, where, look, **options)
        if self.templated:
            options = {"style": "theme", "font": self.font, **options}
        fit = self._fit(paras, box, role)
        if not fit.fits and where is not None:
            self.warn(where, f"text does not fit its box even at {fit.size:g} pt: shorten it")
        measured = [FitParagraph(p.runs, p.scale, p.indent / EMU_PER_POINT) for p in paras]
        cuts = self.measure.paragraph_url_cuts(measured, fit.size, box.size_pt[0])
        paras = [replace(p, runs=with_line_breaks(p.runs, at)) for p, at in zip(paras, cuts, strict=True)]
        spacing = self.roles[role].spacing
        return TextShape(
            name, box, tuple(paras), fit.size, colour, fit.fits, spacing=spacing, field=where or "", **options
        )

    def look(self, placeholder: str | None, role: Role | None) -> TextLook | None:
        """What a placeholder of the role's layout inherits, in a template's deck; None elsewhere."""
        if not self.templated or placeholder is None or role is None:
            return None
        return self.geometry.looks.get(self.geometry.layouts[role], {}).get(placeholder)

    def inherited_text(
        self,
        name: str,
        box: Box,
        paras: Sequence[Para],
        role: str,
        colour: str,
        where: str | None,
        look: TextLook,
        **options: Any,
    ) -> TextShape:
        """Text in a template's placeholder, measured as the placeholder will set it: in its font (or
        the font measured instead), from its own size down to the role's smallest (or lower, in the role's
        proportion), inside its insets, with its levels' margins, sizes, gaps and line spacing; bold where
        the template makes it bold."""
        largest = look.size or 18.0
        high, low = self.roles[role].sizes
        sizes = (largest, max(1.0, min(low, round(largest * low / high))))  # down to our own smallest
        left, top, right, bottom = look.insets
        inner = Box(box.x, box.y, max(box.w - left - right, 0), max(box.h - top - bottom, 0))
        inherited = tuple(level.size or largest for level in look.levels)
        # A level is never set larger than the one above it: a master that sizes only its first level
        # (Google Slides' exports) leaves the second at bodyStyle's larger size, sub-bullets over bullets.
        planned = tuple(min(inherited[: i + 1]) for i in range(len(inherited)))
        measure = self.measure_for(look.font or self.font)
        measured = []
        for para in paras:
            level = look.levels[min(para.level, len(look.levels) - 1)]
            runs = para.runs
            if look.bold:
                runs = tuple(run.model_copy(update={"bold": True}) for run in runs)
            scale = planned[min(para.level, len(planned) - 1)] / largest if para.level else para.scale
            indent = level.margin / EMU_PER_POINT if para.bullet else 0.0
            own = self.measure_for(level.font) if level.font and level.font != look.font else None
            measured.append(FitParagraph(runs, scale, indent, level.space, own))
        spacing = look.levels[0].line
        fit = measure.fit(measured, inner.size_pt, sizes, spacing, self.roles[role].max_lines)
        if not fit.fits and where is not None:
            self.warn(where, f"text does not fit its box even at {fit.size:g} pt: shorten it")
        cuts = measure.paragraph_url_cuts(measured, fit.size, inner.size_pt[0])
        paras = tuple(
            replace(
                para,
                runs=with_line_breaks(para.runs, at),
                colour=None,
                scale=m.scale,
                space_before=m.space_before,
            )
            for para, m, at in zip(paras, measured, cuts, strict=True)
        )
        return TextShape(
            name,
            box,
            paras,
            fit.size,
            "",
            fit.fits,
            spacing=spacing,
            style="inherit",
            inherited=look.size,
            inherited_levels=inherited,
            field=where or "",
            **options,
        )

    def measure_for(self, family: str) -> Measure:
        """The measure of a template's font; warns once per font measured with a stand-in."""
        measure, stand_in = family_measure(family)
        if stand_in:
            where = SourceRef(self.geometry_name) if self.geometry_name else self.where
            self.warnings.append(Problem(where, stand_in_warning(family, stand_in)))
        return measure

    def _grown_title(self, geometry: Geometry) -> Geometry:
        """A template's geometry whose content title box, if too short for one line at the headline's
        smallest size (a Google Slides export's boxes grow with their text), is grown downwards to hold
        two lines at the placeholder's own size, the body moved down below it where it was in the way."""
        title = geometry.title
        look = self.look("title", "content") or self.look("title", "text")
        if look is None:
            return geometry
        largest = look.size or 18.0
        high, low = self.roles["headline"].sizes
        smallest = max(1.0, min(low, round(largest * low / high)))
        measure = self.measure_for(look.font or self.font)
        spacing = look.levels[0].line
        insets = look.insets[1] + look.insets[3]
        if title.h >= insets + measure.line_height(smallest, spacing) * EMU_PER_POINT:
            return geometry
        height = insets + math.ceil(2 * measure.line_height(largest, spacing) * EMU_PER_POINT)
        title = replace(title, h=height)
        body, gap = geometry.body, geometry.gutter // 2
        if body.y < title.bottom + gap:
            top = title.bottom + gap
            body = replace(body, y=top, h=max(body.bottom - top, 0))
        return replace(geometry, title=title, body=body)

    @staticmethod
    def _template_colours(geometry: Geometry) -> dict[str, str]:
        """Our text boxes' colours in a template's deck: its body text colour (else dk1) for text and
        muted text alike, the template's accent1 for accents."""
        assert geometry.theme is not None
        scheme = geometry.theme.colours
        body = geometry.looks.get(geometry.layouts["content"], {}).get("body") or geometry.looks.get(
            geometry.layouts["text"], {}
        ).get("body")
        text = (body.colour if body else None) or scheme.get("dk1")
        update = {"text": text, "muted": text} if text else {}
        if "accent1" in scheme:
            update["accent"] = scheme["accent1"]
        return update

    def _fit(self, paras: Sequence[Para], box: Box, role: str) -> Fit:
        spec = self.roles[role]
        measured = [FitParagraph(p.runs, p.scale, p.indent / EMU_PER_POINT, p.space_before) for p in paras]
        return self.measure.fit(measured, box.size_pt, spec.sizes, spec.spacing, spec.max_lines)

    def readable(self, planned: SlidePlan) -> SlidePlan:
        """A templated slide with our own text (footer, slide number, byline, source lines, big numbers,
        table cells) in colours readable on what each stands on, found as the contrast check finds it:
        a colour that passes is kept (an entity's, the template's text colour), else `readable_colour`."""
        backdrop = self.geometry.backdrops.get(planned.layout)
        if not self.templated or backdrop is None:
            return planned
        shapes = []
        for shape in planned.shapes:
            if isinstance(shape, TextShape) and shape.style == "theme":
                behind = backdrop.behind(None, shape.box)
                plain = [p for p in shape.paras if not p.colour] or list(shape.paras)
                smallest = min(shape.size * para.scale for para in plain)
                paras = tuple(
                    replace(
                        para,
                        colour=self.readable_colour(
                            para.colour, behind, shape.size * para.scale, _all_bold(para.runs)
                        ),
                    )
                    if para.colour
                    else para
                    for para in shape.paras
                )
                colour = self.readable_colour(shape.colour, behind, smallest, False)
                shape = replace(shape, colour=colour, paras=paras)
            elif isinstance(shape, TableShape) and shape.colour:
                behind = backdrop.behind(None, shape.box)
                shape = replace(shape, colour=self.readable_colour(shape.colour, behind, shape.size, False))
            shapes.append(shape)
        return replace(planned, shapes=tuple(shapes))

    def readable_colour(self, colour: str, behind: Sequence[str], size: float, bold: bool) -> str:
        """`colour` if text of this size in it stands out enough from every colour of `behind` (or that
        is unknown), else the template's text colour if that does, else whichever of its dk1 and lt1
        (failing both, of dk1, lt1, dk2 and lt2) stands out best."""
        if not behind or not contrast.shortfall(colour, behind, size, bold):
            return colour
        if not contrast.shortfall(self.colours.text, behind, size, bold):
            return self.colours.text
        scheme = self.geometry.theme.colours if self.geometry.theme is not None else {}

        def worst(candidate: str) -> float:
            return min(contrast.ratio(candidate, fill) for fill in behind)

        for slots in (("dk1", "lt1"), ("dk1", "lt1", "dk2", "lt2")):
            candidates = [scheme[slot] for slot in slots if slot in scheme]
            if candidates:
                best = max(candidates, key=worst)
                if not contrast.shortfall(best, behind, size, bold) or len(slots) == 4:
                    return best
        return colour

    def check_contrast(self, planned: SlidePlan) -> None:
        """Warn of text that does not stand out enough from what it stands on (WCAG 2.x: 4.5:1, or 3:1 for
        large text): its own colour, else what it inherits from the layout, on the placeholder's fill,
        else the master's or layout's shape under it (a title bar, a footer band), else the slide's
        background. Text on a picture is not judged. Text shown on every slide (the footer, the slide
        number) is reported once, at the first slide it fails on."""
        backdrop = self.geometry.backdrops.get(planned.layout)
        looks = self.geometry.looks.get(planned.layout, {})
        background = backdrop.background if backdrop else (self.colours.background,)
        if planned.background:
            background = (planned.background,)
        if backdrop and planned.background:
            backdrop = replace(backdrop, background=background)
        default = (backdrop.text if backdrop else None) or self.colours.text
        for shape in planned.shapes:
            if isinstance(shape, TableShape):
                view = shape.view
                cells = [(True, view.headers), *((False, row) for row in view.rows)]
                runs = {
                    (shape.colour or self.colours.text, shape.size, bold, False)
                    for bold, row in cells
                    if any(row)
                }
                behind = backdrop.behind(None, shape.box) if backdrop else background
                self._judge(runs, behind, "table", once=False)
                continue
            if not isinstance(shape, TextShape):
                continue
            placeholder = shape.placeholder if shape.placeholder in looks else None
            behind = backdrop.behind(placeholder, shape.box) if backdrop else background
            look = looks.get(placeholder) if placeholder else None
            inherited = (look.colour if look else None) or default
            bold = bool(look and look.bold)
            link = self.link_colour(shape)
            runs = {
                (
                    link if run.href and link else para.colour or shape.colour or inherited,
                    shape.size * para.scale,
                    run.bold or bold,
                    bool(run.href and link and shape.style == "inherit"),
                )
                for para in shape.paras
                for run in para.runs
                if run.text.strip()
            }
            name = shape.field or shape.name.lower().replace(" ", "_")
            self._judge(runs, behind, name, once=not shape.field)

    def link_colour(self, shape: TextShape) -> str | None:
        """The colour a link in `shape` shows in where that is not its run's: in a template's placeholder
        its theme's hyperlink colour (hlink); in the built-in design the deck theme's hlink, our accent.
        None in our text boxes of a templated deck, which the writer marks to show links in their own
        colour (made readable like their other text)."""
        if shape.style == "inherit":
            scheme = self.geometry.theme.colours if self.geometry.theme is not None else {}
            return scheme.get("hlink")
        return None if self.templated else self.colours.accent

    def _judge(
        self, runs: set[tuple[str, float, bool, bool]], behind: Sequence[str], name: str, once: bool
    ) -> None:
        """Warn at `name` of the run that falls shortest of the contrast it needs, if any does; a link
        in the template's hyperlink colour with what to change."""
        failing = []
        for colour, size, bold, link in sorted(runs):
            short = contrast.shortfall(colour, behind, size, bold)
            if short:
                failing.append((short[0] / contrast.needed(size, bold), colour, short, size, bold, link))
        if not failing:
            return
        _, colour, (value, on), size, bold, link = min(failing)
        if once:
            if (name, colour, on) in self._contrast_reported:
                return
            self._contrast_reported.add((name, colour, on))
        hint = ": a link, in the template's hyperlink colour (hlink): change it in its theme" if link else ""
        self.warn(
            name,
            f"text {colour.upper()} on {on.upper()} has contrast {contrast.shown_ratio(value)}; "
            f"needs {contrast.needed(size, bold):g}:1{hint}",
        )

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Problem(self.where, message, f"{self.field}.{where}"))

    def warn_report(self, field: str, message: str) -> None:
        """A warning about a report-wide field (shown on every slide, reported once)."""
        self.warnings.append(Problem(self.report.ref or self.where, f"{message}: shorten it", field))

    def headline(self, title: RichText, role: Role = "content") -> TextShape:
        runs = title.runs if self.templated else _bold(title.runs)  # a template's titles are as it sets them
        return self.text(
            "Title",
            self.geometry.title,
            [Para(runs)],
            "headline",
            self.colours.text,
            "title",
            placeholder="title",
            layout_role=role,
        )

    def bullets(self, items: Items) -> list[Para]:
        """Two levels of bullets: a dot in the accent colour, then a dash for the points under it."""
        paras = []
        for text, subs in items:
            paras.append(Para(text.runs, 1.0, "\u2022", BULLET_HANG, BULLET_HANG, 0.6))
            paras += [
                Para(sub.runs, SUB_SCALE, "\u2013", SUB_INDENT, BULLET_HANG, 0.2, level=1) for sub in subs
            ]
        return paras

    # --- what every slide has -------------------------------------------------------------------------

    def footer(self, index: int, colour: str | None = None, role: Role = "content") -> list[Shape]:
        """The short title at the left of the footer row, the logo and the slide number at its right.

        A template's layout with footer and slide-number placeholders gets them filled (they inherit
        their place and look); floating text boxes stand in only for those it lacks."""
        colour = colour or self.colours.muted
        own = self.furniture(role)
        floating_label, floating_number = self.floating(role)
        label = self.text(
            "Footer",
            own.get("ftr", floating_label or self.geometry.footer),
            [Para(_runs(self.report.label))],
            "footer",
            colour,
            None,
            **({"placeholder": "ftr", "layout_role": role} if "ftr" in own else {}),
        )
        if not label.fits:
            self.warn_report(
                "short_title", f"the short title does not fit the footer even at {label.size:g} pt"
            )
        paras = (Para(_runs(str(index + 1)), align="r"),)
        look = self.look("sldNum", role) if "sldNum" in own else None
        if look is not None:
            number = TextShape(
                "Slide Number",
                self.number_box(own["sldNum"], look),
                paras,
                look.size or label.size,
                "",
                slide_number=True,
                placeholder="sldNum",
                style="inherit",
                inherited=look.size,
            )
        else:
            style: dict[str, Any] = {"style": "theme", "font": self.font} if self.templated else {}
            number = TextShape(
                "Slide Number",
                floating_number or self.geometry.number,
                paras,
                label.size,
                colour,
                slide_number=True,
                **style,
            )
        shapes: list[Shape] = [label] if "ftr" in own or floating_label else []
        shapes += self.logo(role)
        if look is not None or floating_number:
            shapes.append(number)
        return shapes

    def number_box(self, box: Box, look: TextLook) -> Box:
        """The slide-number placeholder's box, widened where the deck's widest number would wrap in it
        (a Google Slides export's is as narrow as one digit): a number never wraps. It keeps the edge its
        text is aligned to (the right edge of a right-aligned number, the centre of a centred one) and
        stays on the slide."""
        measure = self.measure_for(look.font or self.font)
        size, bold = look.size or 18.0, bool(look.bold)
        widest = max(measure.width(str(n), size, bold) for n in range(1, self.slide_count + 1))
        left, _, right, _ = look.insets
        width = math.ceil(widest * EMU_PER_POINT / WIDTH_SLACK) + left + right + 1
        if box.w >= width:
            return box
        slide = self.geometry.size[0]
        width = min(width, slide)
        x = {"r": box.right - width, "ctr": box.x + (box.w - width) // 2}.get(look.align, box.x)
        return replace(box, x=min(max(x, 0), slide - width), w=width)

    def floating(self, role: Role) -> tuple[Box | None, Box | None]:
        """Where the floating footer text box and slide number go on the layout for `role` (None where
        left out): on the built-in grid, or, in a template's deck where that covers a decoration of the
        layout or its master, in the free part of the footer row (the label in its leftmost free stretch
        wide enough for it, the number in its rightmost); failing one, just above the highest decoration in
        the row if the body's free area ends above that; else left out, warned once for the layout."""
        if role not in self._floating:
            self._floating[role] = self._place_floating(role)
        return self._floating[role]

    def _place_floating(self, role: Role) -> tuple[Box | None, Box | None]:
        geometry = self.geometry
        label, number = geometry.footer, geometry.number
        if not self.templated:
            return label, number
        layout = geometry.layouts[role]
        decorations = geometry.decorations.get(layout, ())
        own = self.furniture(role)
        wanted = [
            kind == "ftr" and "ftr" not in own or kind == "sldNum" and self.look("sldNum", role) is None
            for kind in ("ftr", "sldNum")
        ]
        if not any(
            want and any(_overlap(box, decoration) for decoration in decorations)
            for want, box in zip(wanted, (label, number), strict=True)
        ):
            return label, number
        size = self._fit([Para(_runs(self.report.label))], label, "footer").size
        pad = geometry.gutter // 2

        def needed(text: str) -> int:
            return math.ceil(self.measure.width(text, size) * EMU_PER_POINT / WIDTH_SLACK) + 1

        def stretches(row: Box, taken: Sequence[Box]) -> list[tuple[int, int]]:
            """The free stretches of the footer row's span, left to right, clear of what is taken in it."""
            start, end = min(label.x, number.x), max(label.right, number.right)
            cuts = sorted(
                (box.x - pad, box.right + pad) for box in taken if box.y < row.bottom and row.y < box.bottom
            )
            free, x = [], start
            for left, right in cuts:
                if left > x:
                    free.append((x, min(left, end)))
                x = max(x, right)
            if x < end:
                free.append((x, end))
            return [(a, b) for a, b in free if b > a]

        def above(box: Box) -> Box | None:
            """`box` just above the highest decoration in its row, if the body's free area ends above it
            and no other decoration is there."""
            tops = [d.y for d in decorations if d.y < box.bottom and box.y < d.bottom]
            if not tops:
                return None
            moved = replace(box, y=min(tops) - box.h - pad // 2)
            body = self._body_area(role, self._footer_top(role, []))
            if moved.y < body.bottom or any(_overlap(moved, d) for d in decorations):
                return None
            return moved

        placed: list[Box | None] = [label, number]
        digits = "0" * len(str(max(self.slide_count, 1)))
        if wanted[1] and any(_overlap(number, d) for d in decorations):
            room = [(a, b) for a, b in stretches(number, decorations) if b - a >= needed(digits)]
            if room:
                left, right = room[-1]
                width = min(number.w, right - left)
                placed[1] = Box(right - width, number.y, width, number.h)
            else:
                placed[1] = above(number)
        if wanted[0] and any(_overlap(label, d) for d in decorations):
            taken = [*decorations, *(shape.box for shape in self.logo(role) if isinstance(shape, Logo))]
            taken += [box for box in (placed[1],) if box is not None and wanted[1]]
            room = [(a, b) for a, b in stretches(label, taken) if b - a >= needed(self.report.label)]
            if room:
                left, right = room[0]
                placed[0] = Box(left, label.y, min(label.w, right - left), label.h)
            else:
                placed[0] = above(label)
        if any(want and box is None for want, box in zip(wanted, placed, strict=True)):
            message = f"layout {layout!r} has no room for the footer clear of its decorations: left out"
            self.warnings.append(
                Problem(SourceRef(self.geometry_name) if self.geometry_name else self.where, message)
            )
        return placed[0], placed[1]

    def furniture(self, role: Role) -> dict[str, Box]:
        """The footer-row placeholders (ftr, sldNum) of a template's layout for `role`, by type."""
        if not self.templated:
            return {}
        layout = self.geometry.layouts[role]
        boxes = self.geometry.placeholders.get(layout, {})
        looks = self.geometry.looks.get(layout, {})
        return {kind: boxes[kind] for kind in ("ftr", "sldNum") if kind in boxes and kind in looks}

    def logo(self, role: Role = "content") -> list[Shape]:
        """The report's logo at the right of the footer row, as tall as the row. In a template's deck it
        is left out (with a warning) of slides whose layout has a decoration or used footer placeholder
        where it would go: nothing added covers the template's own furniture."""
        if role not in self._logos:
            self._logos[role] = self._place_logo(role)
        return self._logos[role]

    def _place_logo(self, role: Role) -> list[Shape]:
        if not self.report.logo:
            return []
        path, (width, height) = self._logo_image
        row = self.geometry.number
        box_width = round(row.h * width / height)
        box = Box(row.x - box_width - self.geometry.gutter, row.y, box_width, row.h)
        if self.templated:
            layout = self.geometry.layouts[role]
            taken = [*self.geometry.decorations.get(layout, ()), *self.furniture(role).values()]
            if any(_overlap(box, other) for other in taken):
                message = (
                    f"the logo would cover the template's own footer or decorations on layout {layout!r}: "
                    "left out of its slides"
                )
                self.warnings.append(Problem(self.report.ref or self.where, message, "logo"))
                return []
        return [Logo(box, path, _logo_alt(self.report.logo or ""))]

    @cached_property
    def _logo_image(self) -> tuple[Path, tuple[int, int]]:
        """The logo's file and size in pixels (read once per deck)."""
        path = self.report.file(self.report.logo or "")
        return path, _logo_size(path, self.report.logo or "", self.report.ref or self.where)

    def chart_theme(self, behind: Sequence[str]) -> Theme:
        """The theme a chart on `behind` is coloured by: in a template's deck, its accent colours that
        stand out from it (WCAG 2.x non-text contrast, 3:1) for series that are no entity (else our own
        series colours that do; else all its accents); entities keep their fixed colours."""
        accents = self.geometry.theme.accents if self.geometry.theme is not None else ()
        if not accents:
            return self.theme
        for colours in (accents, tuple(self.theme.series)):
            standing = [c for c in colours if not contrast.shortfall(c, behind, 0, False, GRAPHIC_RATIO)]
            if standing:
                return self.theme.model_copy(update={"series": standing})
        return self.theme.model_copy(update={"series": list(accents)})

    def chart_look(self, behind: Sequence[str]) -> dict[str, Any]:
        """What a chart picture of a template's deck on `behind` is drawn with: the accents that stand
        out from it for series, its theme font (drawn with its bundled metric twin), its text colour
        (else one readable there) and a transparent background."""
        if self.geometry.theme is None:
            return {}
        smallest = self.theme.sizes["deck"].chart_note
        return {
            "palette": tuple(self.chart_theme(behind).series),
            "font": self.font,
            "ink": self.readable_colour(self.colours.text, behind, smallest, False),
            "transparent": True,
        }

    def check_entities(self, chart_id: str, behind: Sequence[str]) -> None:
        """Warn of each entity whose fixed colour a chart draws that does not stand out from the fill
        behind the chart (WCAG 2.x non-text contrast, 3:1): only the report can give it another. One
        colour is changed once for every chart, so each entity on each fill is reported once, at the first
        chart it fades in. An entity the chart's `colors:` recolours is judged in the colour drawn, and
        that colour is the chart's to change."""
        chart = self.report.charts[chart_id]
        for entity, colour, key in _chart_entities(self.report, chart, self.theme):
            short = contrast.shortfall(colour, behind, 0, False, GRAPHIC_RATIO)
            reported = (f"entity {entity}", colour, short[1] if short else "")
            if short and (key or reported not in self._contrast_reported):
                value, on = short
                self._contrast_reported.add(reported)
                fix = (
                    f"change its colour in the chart's colors: {key}"
                    if key
                    else "give the entity a colour that stands out here in report.yaml's entities"
                )
                self.warn(
                    "chart",
                    f"chart {chart_id!r}: entity {entity!r} in {colour.upper()} on {on.upper()} has contrast "
                    f"{contrast.shown_ratio(value)}; needs {GRAPHIC_RATIO:g}:1: {fix}",
                )

    def area(self, role: Role) -> Box:
        """Where charts, tables and their source lines go: the body, and in a template's deck the largest
        part of it above the footer row that no picture or shape of the layout or its master covers
        (warned and ignored if that leaves less than the smallest body)."""
        if not self.templated:
            return self.geometry.body
        return self._body_area(role, self.footer_top(role), warn=True)

    def _body_area(self, role: Role, top: int | None, warn: bool = False) -> Box:
        """The largest part of the body above `top` clear of the layout's decorations (see `area`)."""
        body = self.geometry.body
        layout = self.geometry.layouts[role]
        if top is not None and body.bottom > top - self.geometry.gutter // 2:
            body = replace(body, h=max(top - self.geometry.gutter // 2 - body.y, 0))
        free = _free_area(body, self.geometry.decorations.get(layout, ()))
        if free.w < SMALLEST_BODY[0] or free.h < SMALLEST_BODY[1]:
            if not warn:
                return body
            message = (
                f"the decorations of layout {layout!r} leave too little of its body free: they may be covered"
            )
            self.warnings.append(
                Problem(SourceRef(self.geometry_name) if self.geometry_name else self.where, message)
            )
            return body
        return free

    def footer_top(self, role: Role) -> int | None:
        """The top of the footer row of a template's layout for `role`: of its (else the master's)
        footer, slide-number and date placeholders, or of our own footer boxes, whichever is highest in
        the slide's lower half below the body's top."""
        moved = self.floating(role) if self.templated else ()
        return self._footer_top(role, [box for box in moved if box is not None])

    def _footer_top(self, role: Role, floating: Sequence[Box]) -> int | None:
        geometry = self.geometry
        boxes = [geometry.footer, geometry.number, *floating]
        own = geometry.placeholders.get(geometry.layouts[role], {})
        boxes += [own[kind] for kind in ("ftr", "sldNum", "dt") if kind in own]
        low = max(geometry.size[1] // 2, geometry.body.y)
        return min((box.y for box in boxes if box.y > low), default=None)

    def content(self, index: int, layout: Role, title: RichText, body: Sequence[Shape]) -> SlidePlan:
        """A content slide: accent rule, headline, the body's shapes, footer."""
        rule: list[Shape] = []
        if self.geometry.designed:
            width, height = ACCENT_RULE
            top = self.geometry.title
            rule.append(Rect(Box(top.x, top.y - inches(0.16), width, height), self.colours.accent))
        shapes = [*rule, self.headline(title, layout), *body, *self.footer(index, role=layout)]
        return SlidePlan(self.geometry.layouts[layout], tuple(shapes))

    def display(
        self,
        title: RichText,
        subtitle: RichText | None,
        boxes: tuple[Box, Box],
        colour: str | None,
        role: Role = "cover",
        footer: bool = False,
    ) -> list[Shape]:
        """A display title standing on a line and its subtitle hanging from it (cover, section, closing);
        above the footer row where the slide has a `footer`."""
        boxes = self.clear_of_decorations(role, boxes)
        if footer:
            boxes = self.above_footer(role, boxes)
        text_colour, muted = (colour, colour) if colour else (self.colours.text, self.colours.muted)
        heading = self.text(
            "Title",
            boxes[0],
            [Para(title.runs if self.templated else _bold(title.runs))],
            "display",
            text_colour,
            "title",
            anchor="b",
            placeholder="title",
            layout_role=role,
        )
        if not subtitle or not subtitle.runs:
            return [heading]
        sub = self.text(
            "Subtitle",
            boxes[1],
            [Para(subtitle.runs)],
            "subtitle",
            muted,
            "subtitle",
            placeholder="body",
            layout_role=role,
        )
        return [heading, sub]

    def above_footer(self, role: Role, boxes: tuple[Box, Box]) -> tuple[Box, Box]:
        """A template's title and subtitle boxes ending above the footer row of a slide that shows one:
        a cover layout's subtitle may reach into the row (polish-pwr's), as its title slide has no footer.
        A box reaching lower is lifted to end above it, not higher than the box before it ends (the title,
        the top of the slide), and shortened where it cannot be lifted that far."""
        top = self.footer_top(role) if self.templated else None
        if top is None:
            return boxes
        gap = self.geometry.gutter // 2
        floor = top - gap
        placed: list[Box] = []
        for box in boxes:
            if box.bottom > floor:
                y = max(floor - box.h, placed[-1].bottom + gap if placed else 0)
                box = Box(box.x, min(y, box.y), box.w, max(floor - min(y, box.y), 0))
            placed.append(box)
        return placed[0], placed[1]

    def clear_of_decorations(self, role: Role, boxes: tuple[Box, Box]) -> tuple[Box, Box]:
        """A title's and subtitle's boxes on the built-in grid (their layout has no title placeholder)
        moved and, if need be, shrunk into the largest part of the slide above the footer row that none
        of the layout's or its master's decorations cover, if any covers them; else as they are."""
        if not self.templated:
            return boxes
        geometry = self.geometry
        layout = geometry.layouts[role]
        decorations = geometry.decorations.get(layout, ())
        if "title" in geometry.placeholders.get(layout, {}) or not any(
            _overlap(box, decoration) for box in boxes for decoration in decorations
        ):
            return boxes
        first, last = boxes
        x, right = min(first.x, last.x), max(first.right, last.right)
        top, bottom = min(first.y, last.y), max(first.bottom, last.bottom)
        margin = 2 * geometry.gutter
        floor = min(self.footer_top(role) or geometry.size[1], geometry.size[1]) - margin
        free = _free_area(Box(x, margin, right - x, floor - margin), decorations)
        if free.w < SMALLEST_BODY[0] or free.h < geometry.footer.h * 3:
            return boxes
        scale = min(1.0, free.h / (bottom - top))
        start = min(max(top, free.y), free.bottom - round((bottom - top) * scale))

        def moved(box: Box) -> Box:
            left = max(box.x, free.x)
            return Box(
                left,
                start + round((box.y - top) * scale),
                min(box.right, free.right) - left,
                round(box.h * scale),
            )

        return moved(first), moved(last)

    def strip(self) -> list[Shape]:
        """The accent strip down the left edge of the cover and closing slides (built-in design only)."""
        if not self.geometry.designed:
            return []
        return [Rect(Box(0, 0, STRIP_WIDTH, self.geometry.size[1]), self.colours.accent)]

    # --- the layouts, one per slide kind --------------------------------------------------------------

    def _title(self, index: int, slide: TitleSlide) -> SlidePlan:
        report, geometry = self.report, self.geometry
        title = slide.title or RichText.plain_text(report.title)
        subtitle = slide.subtitle or RichText.plain_text(report.subtitle or "")
        byline = f"{report.date.day} {report.date:%B %Y}  \u00b7  {', '.join(report.authors)}"
        paras = [Para(_runs(byline))]
        box = Box(geometry.cover_title.x, geometry.footer.y, geometry.cover_title.w, geometry.footer.h)
        above, below = geometry.cover_title, geometry.cover_subtitle
        if self.templated:
            above, below = self.clear_of_decorations("cover", (above, below))
            below, box = _byline_box(geometry, below)
        shapes = self.display(title, subtitle, (above, below), None)
        own = geometry.placeholders.get(geometry.layouts["cover"], {}) if self.templated else {}
        text = None
        if self.look("dt", "cover") and "dt" in own:  # the template's date placeholder, if it holds them
            date = {"placeholder": "dt", "layout_role": "cover"}
            text = self.text("Byline", own["dt"], paras, "byline", self.colours.muted, None, **date)
        if text is None or not text.fits:
            text = self.text("Byline", box, paras, "byline", self.colours.muted, None)
        if not text.fits:
            self.warn_report("authors", f"the date and authors do not fit one line even at {text.size:g} pt")
        shapes.append(text)
        return SlidePlan(geometry.layouts["cover"], (*self.strip(), *shapes, *self.logo("cover")))

    def _section(self, index: int, slide: SectionSlide) -> SlidePlan:
        geometry = self.geometry
        on_accent = self.colours.background if geometry.designed else None
        boxes = (geometry.section_title, geometry.section_subtitle)
        shapes = [
            *self.display(slide.title, slide.subtitle, boxes, on_accent, "section", footer=True),
            *self.footer(index, on_accent, "section"),
        ]
        background = self.colours.accent if geometry.designed else None
        return SlidePlan(geometry.layouts["section"], tuple(shapes), background=background)

    def _closing(self, index: int, slide: ClosingSlide) -> SlidePlan:
        geometry = self.geometry
        boxes = (geometry.cover_title, geometry.cover_subtitle)
        shapes = self.display(slide.title, slide.text, boxes, None, footer=True)
        return SlidePlan(
            geometry.layouts["cover"], (*self.strip(), *shapes, *self.footer(index, role="cover"))
        )

    def _bullets(self, index: int, slide: BulletsSlide) -> SlidePlan:
        items = [(bullet.text, bullet.sub) for bullet in slide.bullets]
        return self.text_slide(index, slide.title, items, "bullets")

    def _takeaways(self, index: int, slide: TakeawaysSlide) -> SlidePlan:
        items = [(finding, ()) for finding in self.report.findings]
        return self.text_slide(index, slide.title, items, "findings")

    def text_slide(self, index: int, title: RichText, items: Items, where: str) -> SlidePlan:
        body = self.geometry.body
        width = self.geometry.span(10) if self.geometry.designed else body.w
        box = Box(body.x, body.y, width, body.h)
        text = self.text(
            "Text",
            box,
            self.bullets(items),
            "body",
            self.colours.text,
            where,
            placeholder="body",
            layout_role="text",
        )
        return self.content(index, "text", title, [text])

    def _chart(self, index: int, slide: ChartSlide) -> SlidePlan:
        body = self.area("content")
        shapes = self.chart(slide.chart, body, self.theme.slots.deck_full, "content")
        return self.content(index, "content", slide.title, shapes)

    def _chart_text(self, index: int, slide: ChartTextSlide) -> SlidePlan:
        body, gutter = self.area("text"), self.geometry.gutter
        chart_width = self.geometry.span(7) if body == self.geometry.body else 7 * body.w // 12
        text_width = body.w - chart_width - gutter
        if slide.chart_side == "left":
            chart_column = Box(body.x, body.y, chart_width, body.h)
            text_column = Box(body.right - text_width, body.y, text_width, body.h)
        else:
            text_column = Box(body.x, body.y, text_width, body.h)
            chart_column = Box(body.right - chart_width, body.y, chart_width, body.h)
        shapes = self.chart(slide.chart, chart_column, self.theme.slots.deck_half, "text")
        items = [(bullet.text, bullet.sub) for bullet in slide.bullets]
        paras = self.bullets(items)
        shapes.append(
            self.text(
                "Text",
                text_column,
                paras,
                "body",
                self.colours.text,
                "bullets",
                placeholder="body",
                layout_role="text",
            )
        )
        return self.content(index, "text", slide.title, shapes)

    def chart(self, chart_id: str, column: Box, slot: tuple[float, float], role: Role) -> list[Shape]:
        """The chart over its source line. A picture is drawn at the theme's slot size in the built-in
        grid, else at the size of the template's column: never scaled. A native chart fills the column
        and takes the chart's note into its source line, as it cannot draw the note itself, and after it
        the rows it has no data for ('No data: X, Y'), which the picture names under itself. In a template's
        deck its colours are checked against the fill behind it (see `chart_theme`, `check_entities`)."""
        chart = self.report.charts[chart_id]
        backdrop = self.geometry.backdrops.get(self.geometry.layouts[role]) if self.templated else None
        behind = backdrop.behind(None, column) if backdrop else ()
        if behind:
            self.check_entities(chart_id, behind)
        wanted = self.native_charts or chart.native
        theme = self.chart_theme(behind)
        native = kind_of(chart).native(chart, self.report, theme) if wanted else None
        if chart.native and native is None:
            able = ", ".join(name for name, kind in kinds().items() if kind.can_be_native())
            message = f"a {chart.kind} chart cannot be native (only {able} can): drawn as a picture"
            self.warnings.append(Problem(chart.ref or self.where, message, f"charts.{chart_id}.native"))
        lines = [Para(_runs(self.report.citation(chart)))]
        gaps = self.no_data(native.no_data, column.w) if native else ""
        if gaps:
            lines.insert(0, Para(_runs(gaps)))
        if native and chart.note and chart.note.plain:
            lines.insert(0, Para(_runs(f"Note: {chart.note.plain}")))
        source_height = self.source_height(lines, column.w)
        area = Box(column.x, column.y, column.w, column.h - source_height)
        if native or not self.geometry.designed:
            slot = (_hundredths(area.w), _hundredths(area.h))
        slot = (slot[0], min(slot[1], _hundredths(area.h)))  # shorter where a long source line takes room
        box = Box(area.x, area.y, inches(slot[0]), inches(slot[1]))
        request = ChartRequest(chart_id, slot, **self.chart_look(behind))
        picture = Picture(box, request, alt_text(self.report, chart_id), native)
        source = Box(column.x, column.bottom - source_height, column.w, source_height)
        return [picture, self.source_lines(source, lines, chart, f"charts.{chart_id}", len(lines) > 1)]

    def source_height(self, lines: list[Para], width: int) -> int:
        """The height source lines need in `width` at full size: a line each, and up to two more where they
        wrap (beyond that, they shrink)."""
        largest = self.roles["source"].sizes[0]
        heights = [SOURCE_HEIGHT * (len(lines) + extra) for extra in range(3)]
        for height in heights:
            fit = self._fit(lines, Box(0, 0, width, height), "source")
            if fit.fits and fit.size >= largest:
                return height
        return heights[-1]

    def no_data(self, names: Sequence[str], width: int) -> str:
        """'No data: X, Y and N more' for a native chart's empty points, as the picture words it under
        itself: as many names as NO_DATA_LINES lines of the source lines' `width` hold at full size."""
        size, points = self.roles["source"].sizes[0], width / EMU_PER_POINT
        return no_data_note(
            names, lambda note: self.measure.lines(_runs(note), size, points)[0] <= NO_DATA_LINES
        )

    def source_lines(
        self, box: Box, lines: list[Para], item: ChartSpec | TableSpec, field: str, note: bool, **options: Any
    ) -> TextShape:
        """The note and source lines under a chart or table (`field`: 'charts.<id>'). If they do not fit, the
        warning names the fields they are made of, which a user can shorten: the item's note (then at the
        item), the source's title and publisher, the dataset's `where` (else at the dataset)."""
        shape = self.text("Source", box, lines, "source", self.colours.muted, None, **options)
        if not shape.fits:
            dataset = self.report.datasets[item.dataset]
            fields = [f"{field}.note"] if note else []
            fields.append(f"sources.{item.source or dataset.source} (title, publisher)")
            fields += [f"datasets.{item.dataset}.where"] if dataset.where else []
            what = "note and source line under it do" if note else "source line under it does"
            message = f"{what} not fit even at {shape.size:g} pt: shorten {' or '.join(fields)}"
            where, named = (item.ref, f"{field}.note") if note else (dataset.ref, f"datasets.{item.dataset}")
            self.warnings.append(Problem(where or self.where, message, named))
        return shape

    def _table(self, index: int, slide: TableSlide) -> list[SlidePlan]:
        """The table over its note and source lines; a table too long for the slide continues on the
        next slides, each titled '<title> (continued)', with the same note and source lines."""
        view = table_view(self.report, slide.table)
        body = self.area("content")
        area = Box(body.x, body.y, body.w, body.h - NOTE_HEIGHT - inches(0.1))
        note = [Para(_runs(f"Note: {view.note.plain}"))] if view.note and view.note.plain else []
        lines = [*note, Para(_runs(view.citation))]
        note_box = Box(body.x, body.bottom - NOTE_HEIGHT, body.w, NOTE_HEIGHT)
        table = self.report.tables[slide.table]
        source = self.source_lines(note_box, lines, table, f"tables.{slide.table}", bool(note), anchor="b")
        parts = self.table(view, area, slide.table)
        titles = [slide.title] + [_continued(slide.title)] * (len(parts) - 1)
        slides = [
            self.content(index + i, "content", title, [part, source])
            for i, (title, part) in enumerate(zip(titles, parts, strict=True))
        ]
        return _one_title_size(slides)

    def table(self, view: TableView, area: Box, table_id: str) -> list[TableShape]:
        """The table at the largest text size at which its columns fit the width and its rows the height;
        below the role's smallest only as far as a word too wide for its column needs (word_steps). Rows
        that do not fit at that size are split over parts (`_row_parts`), each under the header row, at
        the one size and with the same column widths, so that the parts read as one table."""
        sizes = self.roles["table"].sizes
        for size in steps(*sizes):
            widths, heights, whole = self._grid(view, area.w, size, table_id)
            if whole and sum(heights) <= area.h:
                break
        else:
            smallest = size, widths, heights
            for size in word_steps(sizes[1]) if not whole else ():
                widths, heights, whole = self._grid(view, area.w, size, table_id)
                if whole:
                    break
            if not whole:
                size, widths, heights = smallest
                message = f"the table does not fit its area even at {size:g} pt: show fewer rows or columns"
                self.warn("table", message)
        colour = self.colours.text if self.templated else None
        parts = []
        for number, (first, last) in enumerate(_row_parts(heights, area.h)):
            rows = heights[1 + first : 1 + last]
            if heights[0] + sum(rows) > area.h:
                message = (
                    f"row {first + 1} of the table ({quoted(view.rows[first][0])}) is too tall for its "
                    f"area even alone at {size:g} pt: shorten its cells or show fewer columns"
                )
                self.warn("table", message)
            part = view if (first, last) == (0, len(view.rows)) else replace(view, rows=view.rows[first:last])
            if number:
                part = replace(part, title=_continued(view.title))  # its alternative text
            box = Box(area.x, area.y, sum(widths), heights[0] + sum(rows))
            parts.append(TableShape(box, part, tuple(widths), (heights[0], *rows), size, colour))
        return parts

    def _grid(
        self, view: TableView, width: int, size: float, table_id: str
    ) -> tuple[list[int], list[int], bool]:
        """`_table_grid`, measured once for a table of the report however often the deck is planned."""
        key = (table_id, width, size)
        if key not in self.grids:
            self.grids[key] = self._table_grid(view, width, size)
        return self.grids[key]

    def _table_grid(self, view: TableView, width: int, size: float) -> tuple[list[int], list[int], bool]:
        """Column widths and row heights at `size` points, and whether no cell had to break a word.

        The columns are laid out by the rule the brief uses too (tables.column_widths), in whole EMU.
        """
        pad_x, pad_y = CELL_MARGIN
        rows = [(view.headers, True), *((cells, False) for cells in view.rows)]

        def measure(text: str, bold: bool) -> int:
            return round(self.measure.width(text, size, bold) / WIDTH_SLACK * EMU_PER_POINT) + 2 * pad_x + 1

        widths = [int(w) for w in column_widths(view, measure, width)]
        widths[0] += width - sum(widths)
        heights, whole = [], True
        for cells, bold in rows:
            measured = [
                self.measure.lines([Run(text=cell, bold=bold)], size, (w - 2 * pad_x) / EMU_PER_POINT)
                for cell, w in zip(cells, widths, strict=True)
            ]
            heights.append(
                round(max(n for n, _ in measured) * self.measure.line_height(size) * EMU_PER_POINT)
                + 2 * pad_y
            )
            whole = whole and not any(broken for _, broken in measured)
        return widths, heights, whole

    def _big_number(self, index: int, slide: BigNumberSlide) -> SlidePlan:
        """Two to four figures side by side, each over a rule and in its entity's colour, with a label."""
        geometry = self.geometry
        body = self.area("content")
        count = len(slide.numbers)
        span = (
            geometry.span(12 // count)
            if body == geometry.body
            else (body.w - (count - 1) * geometry.gutter) // count
        )
        value_height, label_height, gap = inches(1.15), inches(1.2), inches(0.25)
        top = body.y + (body.h - SOURCE_HEIGHT - (CARD_RULE + gap + value_height + gap + label_height)) // 2
        rules: list[Shape] = []
        values, labels = [], []
        for j, number in enumerate(slide.numbers):
            x = body.x + j * (span + geometry.gutter)
            colour = self.theme.entity_colour(number.entity) if number.entity else self.colours.text
            rules.append(Rect(Box(x, top, span, CARD_RULE), colour))
            value = Box(x, top + CARD_RULE + gap, span, value_height)
            label = Box(x, value.bottom + gap, span, label_height)
            paras = [Para(_bold(number.value.runs))]
            values.append(
                self.text("Number", value, paras, "number", colour, f"numbers[{j}].value", anchor="b")
            )
            paras = [Para(number.label.runs)]
            labels.append(self.text("Label", label, paras, "label", self.colours.text, f"numbers[{j}].label"))
        shapes = [*rules, *_same_size(values), *_same_size(labels)]
        if slide.text:
            source = Box(body.x, body.bottom - SOURCE_HEIGHT, body.w, SOURCE_HEIGHT)
            shapes.append(
                self.text("Source", source, [Para(slide.text.runs)], "source", self.colours.muted, "text")
            )
        return self.content(index, "content", slide.title, shapes)

    def _sources(self, index: int, slide: SourcesSlide) -> SlidePlan:
        """Each source: its title linked to its address, then publisher and year, then the address."""
        paras = []
        for source_id in slide.sources or list(self.report.sources):
            source = self.report.sources[source_id]
            paras.append(Para((Run(text=source.title, bold=True, href=source.url),), space_before=0.9))
            details = ", ".join(str(part) for part in (source.publisher, source.year) if part)
            paras.append(Para(_runs(details), colour=self.colours.muted))
            if source.url:
                paras.append(
                    Para((Run(text=source.url, href=source.url),), SUB_SCALE, colour=self.colours.accent)
                )
        text = self.text(
            "Text",
            self.geometry.body,
            paras,
            "body",
            self.colours.text,
            "sources",
            placeholder="body",
            layout_role="text",
        )
        return self.content(index, "text", slide.title or RichText.plain_text("Sources"), [text])


def _byline_box(geometry: Geometry, subtitle: Box) -> tuple[Box, Box]:
    """A template's cover subtitle box and the byline's one line under it, as wide as the subtitle and
    above the footer row's bottom; where the subtitle reaches lower, it gives up its bottom to the byline."""
    row = geometry.footer.h
    width, height = geometry.size
    gap = geometry.gutter // 2
    floor = min(geometry.footer.bottom, height)
    top = min(subtitle.bottom + gap, floor - row)
    x = min(subtitle.x, max(width - subtitle.w, 0))
    byline = Box(x, top, min(subtitle.w, width - x), row)
    if top < subtitle.bottom + gap:
        subtitle = replace(subtitle, h=max(top - gap - subtitle.y, row))
    return subtitle, byline


def _row_parts(heights: Sequence[int], room: int) -> list[tuple[int, int]]:
    """Where a table's rows (`heights`: the header's, then each row's) split into parts of at most `room`
    each under the header: (first, end) of each part's rows, each part as many rows as fit and at least
    one. The last part takes rows from the one before it up to MIN_ROWS, where that one keeps MIN_ROWS
    and they fit; one part where all fit."""
    header, rows = heights[0], heights[1:]
    parts, first, used = [], 0, header
    for i, height in enumerate(rows):
        if i > first and used + height > room:
            parts.append((first, i))
            first, used = i, header
        used += height
    parts.append((first, len(rows)))
    if len(parts) > 1:
        (start, split), (_, end) = parts[-2:]
        moved = min(MIN_ROWS - (end - split), split - start - MIN_ROWS)
        while moved > 0 and header + sum(rows[split - moved : end]) > room:
            moved -= 1
        if moved > 0:
            parts[-2:] = [(start, split - moved), (split - moved, end)]
    return parts


def _one_title_size(parts: list[SlidePlan]) -> list[SlidePlan]:
    """The slides of one table under titles of one size: the smallest any part's title was fitted at (a
    '(continued)' title is longer), so the parts read as one table and no title jumps in size."""
    titles = [next(s for s in p.shapes if isinstance(s, TextShape) and s.name == "Title") for p in parts]
    size = min(title.size for title in titles)
    return [
        replace(part, shapes=tuple(replace(s, size=size) if s is title else s for s in part.shapes))
        for part, title in zip(parts, titles, strict=True)
    ]


def _continued(title: RichText) -> RichText:
    """The title of a table's part after the first: the table's, then '(continued)', as the brief says."""
    return RichText(source=f"{title.source} (continued)", runs=(*title.runs, Run(text=" (continued)")))


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _free_area(body: Box, obstacles: Sequence[Box]) -> Box:
    """The largest rectangle left of `body` when each obstacle overlapping it is cut away: above, below,
    left or right of the obstacle, whichever keeps the most area."""
    area = body
    for obstacle in sorted(obstacles, key=lambda box: (box.y, box.x, box.w, box.h)):
        if not _overlap(area, obstacle):
            continue
        candidates = [
            Box(area.x, area.y, area.w, obstacle.y - area.y),
            Box(area.x, obstacle.bottom, area.w, area.bottom - obstacle.bottom),
            Box(area.x, area.y, obstacle.x - area.x, area.h),
            Box(obstacle.right, area.y, area.right - obstacle.right, area.h),
        ]
        area = max(candidates, key=lambda box: max(box.w, 0) * max(box.h, 0))
        if area.w <= 0 or area.h <= 0:
            return Box(body.x, body.y, 0, 0)
    return area


def _chart_entities(report: Report, chart: Any, theme: Theme) -> list[tuple[str, str, str]]:
    """The entities a chart draws, each with the colour it is drawn in and the chart's `colors:` key that
    sets that colour ('' where it is the entity's fixed one): the entities of the dataset columns it reads
    (coloured by charts.data.series_colours), and those its options name (a dumbbell's entity; a bar
    chart's highlighted categories, each of which its `colors:` may recolour)."""
    columns = [c for c in chart.columns() if column_entity(report, chart.dataset, c) in theme.entities]
    drawn = series_colours(report, theme, chart, columns)
    found = {
        (column_entity(report, chart.dataset, c) or "", colour, c if c in chart.colors else "")
        for c, colour in zip(columns, drawn, strict=True)
    }
    for name in type(chart).model_fields:
        if name in (*chart.column_fields, "dataset", "colors"):
            continue
        value = getattr(chart, name)
        named = value.items() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        for item in named:
            key, entity = item if isinstance(item, tuple) else ("", item)
            if isinstance(entity, str) and entity in theme.entities:
                colour = drawn_colour(chart, key, theme.entity_colour(entity))
                found.add((entity, colour, key if key in chart.colors else ""))
    return sorted(found)


def _all_bold(runs: Sequence[Run]) -> bool:
    return bool(runs) and all(run.bold for run in runs)


def _bold(runs: Sequence[Run]) -> tuple[Run, ...]:
    return tuple(run.model_copy(update={"bold": True}) for run in runs)


def _runs(text: str) -> tuple[Run, ...]:
    return (Run(text=text),) if text else ()


def _same_size(texts: list[TextShape]) -> list[TextShape]:
    """Texts of one kind at one size, the smallest any of them needed, so side-by-side text lines up."""
    size = min(text.size for text in texts)
    return [replace(text, size=size) for text in texts]


def _hundredths(length: int) -> float:
    """A length in inches, rounded down to 0.01 in: a chart size that stays inside its area."""
    return math.floor(length * 100 / EMU_PER_INCH) / 100


def _logo_alt(name: str) -> str:
    """A logo's alternative text, from its file's name (the report does not say whose logo it is):
    'acme-corp.png' reads 'Acme corp logo', 'logo.png' 'Logo'."""
    words = " ".join(re.split(r"[\s_.-]+", Path(name).stem)).strip()
    if "logo" not in words.casefold():
        words = f"{words} logo".strip()
    return words[:1].upper() + words[1:]


def _logo_size(path: Path, shown: str, where: SourceRef) -> tuple[int, int]:
    """A logo's width and height in pixels; ExportError at the logo field unless it is an image PowerPoint
    shows, within the limits of limits.py. The one check of the logo: python-pptx reads it again to place
    it, and then Pillow has no decompression bomb to warn of."""
    from PIL import Image

    def refuse(problem: str) -> ExportError:
        return ExportError([Problem(where, f"{shown!r} {problem}", "logo")])

    formats = f"a logo must be {', '.join(LOGO_FORMATS[:-1])} or {LOGO_FORMATS[-1]}"
    most_pixels = f"a logo may have at most {MAX_LOGO_PIXELS:,} pixels"
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise refuse(f"is larger than {MAX_LOGO_BYTES // 2**20} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our limit is far lower
            with Image.open(path) as image:
                width, height, kind = *image.size, image.format
    except Image.DecompressionBombError:  # over twice Pillow's own limit, and it does not say the size
        limit = 2 * Image.MAX_IMAGE_PIXELS
        raise refuse(f"has more than {limit:,} pixels; {most_pixels}") from None
    except OSError:
        raise refuse(f"is not an image file: {formats}") from None
    if kind not in LOGO_FORMATS or not width or not height:
        raise refuse(f"is a {kind} image: {formats}")
    size = f"is {width:,} x {height:,} pixels"
    if width * height > MAX_LOGO_PIXELS:
        raise refuse(f"{size}; {most_pixels}")
    if max(width, height) > MAX_LOGO_ASPECT * min(width, height):
        raise refuse(
            f"{size}; a logo may be at most {MAX_LOGO_ASPECT} times as wide as tall, or as tall as wide"
        )
    return width, height
