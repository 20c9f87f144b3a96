"""The briefing deck: writes the slide plan (plan.py) as an editable 16:9 PowerPoint file.

The only module that imports python-pptx. Everything a reader sees was decided by the plan; this module
turns it into native content: titles in title placeholders, text as runs with explicit sizes and no
autofit, tables as PowerPoint tables, charts as pictures at their exact size (or native charts), and
speaker notes. In a template's deck, text in placeholders is written bare (no font, colour, inset or
bullet; a size only where fitting shrank it) so it takes the template's look, and the footer and slide
number go into the layout's own footer placeholders. The file is made byte-for-byte reproducible: fixed
core properties and zip entries; and it must open again in python-pptx before the pipeline may write it.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import io
import pickle
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.serialized import PackageWriter
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.slide import NotesSlidePart
from pptx.table import _Row
from pptx.util import Emu, Pt

from aigap_docs.charts import Figures
from aigap_docs.charts.native import BAR_GAP, NativeChart, NativeSeries, crowded_labels
from aigap_docs.digest import plan_bytes
from aigap_docs.errors import ExportError, Problem, SourceRef
from aigap_docs.exporters import Built, DocumentInfo
from aigap_docs.exporters.deck.boxes import EMU_PER_POINT, Box
from aigap_docs.exporters.deck.layout import Geometry
from aigap_docs.exporters.deck.package import CONTENT_TYPES, NOT_A_TEMPLATE, read_package
from aigap_docs.exporters.deck.plan import (
    CELL_MARGIN,
    DeckPlan,
    Logo,
    Para,
    Picture,
    Rect,
    SlidePlan,
    TableShape,
    TextShape,
)
from aigap_docs.exporters.deck.template import layout_keys
from aigap_docs.exporters.deck.textfit import family_measure
from aigap_docs.theme import Theme

NAME = "slides"
SUFFIX = ".pptx"

_ANCHORS = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}
_ALIGNS = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
_NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
"""PowerPoint's 'No Style, No Grid': the table's look is then only what is set here explicitly."""
_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_UNREADABLE = (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, PythonPptxError)
"""What python-pptx raises for a package it cannot open."""
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def build(plan: DeckPlan, figures: Figures, theme: Theme) -> Built:
    """The deck's bytes, and the plan's warnings (text that does not fit even at its smallest size).

    Raises ExportError if the template cannot be opened or the deck built does not open again.
    """
    data = _reproducible(_written(plan, figures, theme), plan.info)
    gc.collect()  # python-pptx's parts refer to each other: free the deck just written before reopening it
    _check_opens(data, plan)
    return Built(data, list(plan.warnings))


def _written(plan: DeckPlan, figures: Figures, theme: Theme) -> dict[str, bytes]:
    """The deck's members as python-pptx saves them."""
    presentation = _open(plan, theme)
    font = plan.geometry.theme.minor_font if plan.geometry.theme else ""
    writer = _Writer(theme, figures, plan.info.language, font or theme.fonts.deck_family, bool(font))
    layouts = _layouts_by_name(presentation)
    deck = _deck_key(plan, writer) if _kept_slides is not None else b""
    kept: dict[bytes, _KeptSlide] = {}
    for slide in plan.slides:
        if _kept_slides is None:
            writer.slide(presentation, layouts[slide.layout], slide)
            continue
        key = hashlib.sha256(deck + plan_bytes(slide)).digest()
        earlier = _kept_slides.get(key)
        if earlier is not None:
            _add_kept(presentation, layouts[slide.layout], earlier)
        else:
            earlier = _kept(writer.slide(presentation, layouts[slide.layout], slide))
        if earlier is not None:
            kept[key] = earlier
    if _kept_slides is not None:
        _kept_slides.clear()
        _kept_slides.update(kept)
    _set_properties(presentation, plan.info)
    _set_app_properties(presentation)
    _set_default_language(presentation, plan.info.language)
    return _saved(presentation)


class _Members(dict):
    """Takes python-pptx's writes of a package's members, in place of its zip file."""

    def write(self, name: Any, data: bytes) -> None:
        self[name.membername] = data


def _saved(presentation: Any) -> dict[str, bytes]:
    """The members python-pptx's save would zip, without zipping them: _reproducible zips once (the
    members' compression was a tenth of a small deck's writing, done twice)."""
    package = presentation.part.package
    members = _Members()
    try:
        writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))
        writer._write_content_types_stream(members)
        writer._write_pkg_rels(members)
        writer._write_parts(members)
    except AttributeError:  # a python-pptx whose writer is made otherwise: save, and read the zip back
        buffer = io.BytesIO()
        presentation.save(buffer)
        return _members(buffer.getvalue())
    return dict(members)


# --- slides kept from the last build (watch) ----------------------------------------------------------

_kept_slides: dict[bytes, _KeptSlide] | None = None
"""The XML of the last build's slides that relate to nothing but their layout and notes, by a digest of
their plan and of everything else their XML depends on; None: nothing is kept (a single build)."""


@dataclass(frozen=True)
class _KeptSlide:
    slide: bytes
    notes: bytes | None


def keep_slides() -> None:
    """From now on, remember each built slide, so the next build in this process (a watcher's) copies
    the slides whose plan did not change instead of writing them again: python-pptx's shape by shape
    writing is most of a small deck's build. The copy is the same XML, so the deck's bytes are too."""
    global _kept_slides
    if _kept_slides is None:
        _kept_slides = {}


def _deck_key(plan: DeckPlan, writer: _Writer) -> bytes:
    """What a slide's XML depends on besides its own plan: the layouts (template or grid), the theme,
    the language and font of its runs."""
    template = (str(plan.template), plan.template.read_bytes()) if plan.template else None
    settings = (plan.geometry, template, writer.theme.fingerprint, writer.language, writer.font)
    return pickle.dumps((settings, writer.templated), pickle.HIGHEST_PROTOCOL)


def _kept(slide: Any) -> _KeptSlide | None:
    """A slide's XML and its notes', if it relates to nothing but its layout and notes (no picture, no
    link, no native chart: parts a copy would have to relate to again)."""
    if any(rel.reltype not in (RT.SLIDE_LAYOUT, RT.NOTES_SLIDE) for rel in slide.part.rels.values()):
        return None
    notes = slide.notes_slide.part.blob if slide.has_notes_slide else None
    return _KeptSlide(slide.part.blob, notes)


def _add_kept(presentation: Any, layout: Any, kept: _KeptSlide) -> None:
    """A new slide (and notes slide) made as python-pptx's add_slide and notes_slide make them, less the
    placeholders they copy from the layout and the notes master, with the kept XML as content: the parts
    and relationships are made in the same order, so their names and the ids the XML names are too."""
    rel_id, slide = presentation.part.add_slide(layout)
    presentation.slides._sldIdLst.add_sldId(rel_id)
    slide.part._element = parse_xml(kept.slide)
    if kept.notes is not None:
        package = slide.part.package
        master = package.presentation_part.notes_master_part
        notes = NotesSlidePart._add_notes_slide_part(package, slide.part, master)
        notes._element = parse_xml(kept.notes)
        slide.part.relate_to(notes, RT.NOTES_SLIDE)


# --- the package --------------------------------------------------------------------------------------


def _open(plan: DeckPlan, theme: Theme) -> Any:
    """The template with its slides removed, or python-pptx's blank deck set to the built-in grid."""
    if plan.template is None:
        presentation = Presentation()
        presentation.slide_width, presentation.slide_height = plan.geometry.size
        _fit_layouts_to_grid(presentation, plan.geometry)
        _colour_theme(presentation, theme)
    else:
        presentation = _open_template(plan.template, plan.template_name)
        _remove_slides(presentation)
    _drop_relationships(presentation.part.package._rels, RT.THUMBNAIL)  # a picture of another deck
    _drop_relationships(presentation.part.rels, RT.PRINTER_SETTINGS)
    return presentation


def _open_template(path: Path, name: str) -> Any:
    """The template as a presentation; ExportError naming the file if python-pptx cannot open it.

    python-pptx is given only the parts package.py has read and checked, never the file itself. layout.py
    has read the layouts already, but python-pptx needs more of the package to be right.
    """
    parts = read_package(path, name)
    # python-pptx opens only presentations; a .potx differs in nothing but its main content type.
    parts[CONTENT_TYPES] = parts[CONTENT_TYPES].replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
    stream = io.BytesIO(_zip(parts))
    try:
        return Presentation(stream)
    except _UNREADABLE as error:
        detail = str(error.args[0] if isinstance(error, KeyError) and error.args else error)
        message = f"{NOT_A_TEMPLATE}: {detail.replace(str(stream), path.name)}"
        raise ExportError([Problem(SourceRef(name), message)]) from None


def _check_opens(data: bytes, plan: DeckPlan) -> None:
    """ExportError unless python-pptx opens the deck again, so a deck nothing can open never replaces a good
    one: python-pptx writes whatever it was given, and a template can give it what it cannot read back."""
    try:
        Presentation(io.BytesIO(data))
    except _UNREADABLE as error:
        where = SourceRef(plan.template_name) if plan.template else plan.where
        detail = str(error.args[0] if isinstance(error, KeyError) and error.args else error)
        raise ExportError([Problem(where, f"the deck built does not open again: {detail}")]) from None


def _remove_slides(presentation: Any) -> None:
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids):
        slide_ids.remove(slide_id)
        presentation.part.drop_rel(slide_id.rId)


def _drop_relationships(relationships: Any, reltype: str) -> None:
    """Leave out the parts of this type: python-pptx saves only the parts it can reach."""
    for rel_id, rel in list(relationships.items()):
        if rel.reltype == reltype:
            relationships.pop(rel_id)


def _layouts_by_name(presentation: Any) -> dict[str, Any]:
    """Every layout by the key layout.py gave it: its name, numbered when a name comes again."""
    layouts = [layout for master in presentation.slide_masters for layout in master.slide_layouts]
    return dict(zip(layout_keys([layout.name for layout in layouts]), layouts, strict=True))


def _fit_layouts_to_grid(presentation: Any, geometry: Geometry) -> None:
    """Move the blank deck's title and body placeholders onto the grid, so a slide added by hand in
    PowerPoint lines up with the built ones."""
    boxes = {
        "cover": (geometry.cover_title, geometry.cover_subtitle),
        "section": (geometry.section_title, geometry.section_subtitle),
        "text": (geometry.title, geometry.body),
        "content": (geometry.title, geometry.body),
    }
    layouts = _layouts_by_name(presentation)
    targets = [(presentation.slide_master, boxes["text"])]
    targets += [(layouts[geometry.layouts[role]], pair) for role, pair in boxes.items()]
    for owner, (title, body) in targets:
        for placeholder in owner.placeholders:
            kind = _placeholder_kind(placeholder)
            if kind:
                _place(placeholder, title if kind == "title" else body)


def _placeholder_kind(placeholder: Any) -> str | None:
    """'title' or 'body' for the placeholders a plan fills; None for dates, footers and the like."""
    kind = placeholder.placeholder_format.type
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        return "title"
    if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.OBJECT):
        return "body"
    return None


_FURNITURE = {"ftr": PP_PLACEHOLDER.FOOTER, "sldNum": PP_PLACEHOLDER.SLIDE_NUMBER, "dt": PP_PLACEHOLDER.DATE}
"""The footer row's placeholders, which python-pptx does not copy from the layout onto a new slide."""


def _furniture(slide: Any, layout: Any, kind: str) -> Any | None:
    """The layout's footer, slide-number or date placeholder copied onto the slide, with no position or
    text of its own so it inherits both (as PowerPoint does when Insert > Header & Footer is ticked);
    None if the layout has none."""
    wanted = _FURNITURE[kind]
    source = next((p for p in layout.placeholders if p.placeholder_format.type == wanted), None)
    if source is None:
        return None
    element = copy.deepcopy(source._element)
    for child in list(element):
        if child.tag not in (qn("p:nvSpPr"), qn("p:spPr"), qn("p:txBody")):
            element.remove(child)
    properties = element.find(qn("p:spPr"))
    properties.clear()
    body = element.find(qn("p:txBody"))
    if body is not None:
        element.remove(body)
    element.append(
        etree.fromstring(
            '<p:txBody xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            "<a:bodyPr/><a:lstStyle/><a:p/></p:txBody>"
        )
    )
    element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
    slide.shapes._spTree.insert_element_before(element, "p:extLst")
    return next(p for p in slide.placeholders if p._element is element)


_LINK_IN_TEXT_COLOUR = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{A12FA001-AC4F-418D-AE19-62706E023703}">'
    '<ahyp:hlinkClr xmlns:ahyp="http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor" val="tx"/>'
    "</a:ext></a:extLst>"
)
"""Office 2019's mark that a link shows in its run's own colour, not the theme's hyperlink colour
(LibreOffice shows a link that has a colour of its own in that colour anyway)."""


def _make_title(box: Any) -> None:
    """A text box made the slide's title placeholder, where its layout has none: screen readers,
    PowerPoint's outline and its accessibility checker know a slide's title only by its placeholder. Its
    text is written with every property explicit, so it looks as the text box would."""
    properties = box._element.nvSpPr
    properties.cNvSpPr.attrib.pop("txBox", None)
    placeholder = OxmlElement("p:ph")
    placeholder.set("type", "title")
    properties.nvPr.append(placeholder)


def _box_of(shape: Any) -> Box:
    """Where a shape is, its own position or the one its placeholder inherits from the layout."""
    return Box(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in (box.x, box.y, box.w, box.h))


def _colour_theme(presentation: Any, theme: Theme) -> None:
    """Give the blank deck's Office theme our colours, so links and shapes added in PowerPoint match."""
    part = presentation.slide_master.part.part_related_by(RT.THEME)
    colours = theme.colours
    slots = {
        "dk2": colours.text,
        "accent1": colours.accent,
        "hlink": colours.accent,
        "folHlink": colours.muted,
    }
    xml = part.blob
    for slot, colour in slots.items():
        value = f'<a:{slot}><a:srgbClr val="{colour.lstrip("#")}"/></a:{slot}>'.encode()
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>".encode(), value, xml, flags=re.DOTALL)
    part._blob = xml  # a theme is a plain part to python-pptx, with no API to edit it


def _set_properties(presentation: Any, info: DocumentInfo) -> None:
    when = info.built.replace(tzinfo=None)
    properties = presentation.core_properties
    properties.title = _property(info.title)
    properties.subject = _property(info.subtitle or "")
    properties.author = _property(", ".join(info.authors))
    properties.last_modified_by = _property(", ".join(info.authors))
    properties.keywords = _property(", ".join(info.keywords))
    properties.language = info.language
    properties.comments = ""
    properties.category = ""
    properties.created = properties.modified = when
    properties.revision = 1


def _set_default_language(presentation: Any, language: str) -> None:
    """The report's language as the deck's default (presentation.xml's defaultTextStyle), for text added
    in PowerPoint and every run that names none: a blank deck or template says en-US or its own."""
    root = presentation.part._element
    style = root.find(qn("p:defaultTextStyle"))
    if style is None:
        style = OxmlElement("p:defaultTextStyle")
        follows = [qn(f"p:{tag}") for tag in ("modifyVerifier", "extLst")]
        later = next((child for child in root if child.tag in follows), None)
        if later is None:
            root.append(style)
        else:
            later.addprevious(style)
    default = style.find(qn("a:defPPr"))
    if default is None:
        default = OxmlElement("a:defPPr")
        style.insert(0, default)
    properties = default.find(qn("a:defRPr"))
    if properties is None:
        properties = OxmlElement("a:defRPr")
        default.append(properties)
    properties.set("lang", language)


def _property(text: str) -> str:
    """Text cut to the 255 characters a core property may hold (python-pptx refuses more)."""
    return text if len(text) <= 255 else text[:254] + "\u2026"


def _set_app_properties(presentation: Any) -> None:
    """Replace the blank deck's or template's application properties (slide counts of another deck)."""
    slides = presentation.slides
    notes = sum(slide.has_notes_slide for slide in slides)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>aigap-docs</Application><Slides>{len(slides)}</Slides><Notes>{notes}</Notes>"
        "</Properties>"
    )
    for rel in presentation.part.package._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = xml.encode()


def _reproducible(members: dict[str, bytes], info: DocumentInfo) -> bytes:
    """The members zipped with entries in a fixed order and fixed times; embedded workbooks (native
    charts) get the build time instead of the time they were written."""
    stamp = info.built.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    members = dict(members)
    for name, member in members.items():
        if name.endswith(".xlsx"):
            inner = _members(member)
            inner["docProps/core.xml"] = re.sub(
                rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, inner["docProps/core.xml"]
            )
            members[name] = _zip(inner)
    return _zip(members)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    """A zip with [Content_Types].xml first (as OOXML readers expect), then every entry by name."""
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [name for name in first if name in members] + sorted(set(members) - set(first))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in order:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            package.writestr(info, members[name])
    return buffer.getvalue()


# --- slides -------------------------------------------------------------------------------------------


class _Writer:
    """Writes planned slides: each shape of the plan becomes one native shape."""

    def __init__(self, theme: Theme, figures: Figures, language: str, font: str, templated: bool = False):
        self.theme = theme
        self.figures = figures
        self.language = language
        self.font = font
        """The typeface named on our own text boxes and tables: the theme's deck family, or a template's
        minor font."""
        self.templated = templated

    def slide(self, presentation: Any, layout: Any, planned: SlidePlan) -> Any:
        slide = presentation.slides.add_slide(layout)
        placeholders: dict[str | None, Any] = {}
        for placeholder in slide.placeholders:  # the first of each kind, as layout.py reads templates
            placeholders.setdefault(_placeholder_kind(placeholder), placeholder)
        filled = set()
        written = []  # each shape's element, in the plan's (reading) order
        if planned.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = _rgb(planned.background)
        for shape in planned.shapes:
            if isinstance(shape, TextShape):
                target = placeholders.pop(shape.placeholder, None) if shape.placeholder else None
                if target is None and shape.placeholder in _FURNITURE:
                    target = _furniture(slide, layout, shape.placeholder)
                if target is not None:
                    filled.add(target._element)
                    if shape.placeholder not in _FURNITURE or _box_of(target) != shape.box:
                        _place(target, shape.box)  # a footer-row placeholder only where the plan moved it
                else:
                    target = slide.shapes.add_textbox(*_emu(shape.box))
                    if shape.placeholder == "title":
                        _make_title(target)
                        filled.add(target._element)
                target.name = shape.name
                self.text(target.text_frame, shape)
                written.append(target._element)
            elif isinstance(shape, Picture):
                written.append(self.chart(slide, shape))
            elif isinstance(shape, TableShape):
                written.append(self.table(slide, shape))
            elif isinstance(shape, Rect):
                written.append(_rectangle(slide, shape))
            elif isinstance(shape, Logo):
                picture = slide.shapes.add_picture(str(shape.path), *_emu(shape.box))
                picture._element.nvPicPr.cNvPr.set("descr", shape.alt)
                written.append(picture._element)
        for placeholder in list(slide.placeholders):  # an empty one would say "Click to add text"
            if placeholder._element not in filled:
                placeholder._element.getparent().remove(placeholder._element)
        _in_reading_order(slide, written)
        if planned.notes:
            frame = slide.notes_slide.notes_text_frame
            frame.text = planned.notes
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run._r.get_or_add_rPr().set("lang", self.language)
        return slide

    # --- text -----------------------------------------------------------------------------------------

    def text(self, frame: Any, shape: TextShape) -> None:
        """Paragraphs with explicit sizes, margins and bullets, no insets and no autofit, so PowerPoint
        and LibreOffice lay out exactly what was measured; a template's placeholder text is left to
        inherit its look (see `inherited_text`)."""
        if shape.style == "inherit":
            self.inherited_text(frame, shape)
            return
        font = shape.font or self.font
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = _ANCHORS[shape.anchor]
        for i, para in enumerate(shape.paras):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            size = round(shape.size * para.scale, 2)
            paragraph.alignment = _ALIGNS[para.align]
            paragraph.line_spacing = shape.spacing
            paragraph.space_before = Pt(para.space_before * size if i else 0)
            paragraph.space_after = Pt(0)
            self.bullet(paragraph, para)
            colour = para.colour or shape.colour
            if shape.slide_number:
                self.slide_number(paragraph, para.runs[0].text, size, colour, font)
                continue
            for run in para.runs:
                for j, piece in enumerate(run.text.split("\n")):
                    if j:
                        paragraph.add_line_break()
                    if piece:
                        self.run(
                            paragraph.add_run(), piece, size, colour, run.bold, run.italic, run.href, font
                        )

    def inherited_text(self, frame: Any, shape: TextShape) -> None:
        """Text that takes its font, colour, insets, spacing, bullets and margins from the template's
        layout and master: only its words, bold and italic where set, its list level, and a size where
        fitting shrank it or the plan sets its level apart from what it inherits (an explicit size)."""
        shrunk = shape.size != (shape.inherited or 18.0)
        levels = shape.inherited_levels or (shape.inherited or 18.0,)
        for i, para in enumerate(shape.paras):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            properties = paragraph._p.get_or_add_pPr()
            if para.bullet:
                if para.level:
                    properties.set("lvl", str(para.level))
            elif shape.placeholder == "body":  # a list placeholder's paragraph that is no list item
                properties.set("marL", "0")
                properties.set("indent", "0")
                properties.insert_element_before(OxmlElement("a:buNone"), "a:tabLst", "a:defRPr", "a:extLst")
            size: float | None = round(shape.size * para.scale, 2)
            if not shrunk and size == round(levels[min(para.level, len(levels) - 1)], 2):
                size = None
            if shape.slide_number:
                self.slide_number(paragraph, para.runs[0].text, size, None)
                continue
            for run in para.runs:
                for j, piece in enumerate(run.text.split("\n")):
                    if j:
                        paragraph.add_line_break()
                    if not piece:
                        continue
                    added = paragraph.add_run()
                    added.text = piece
                    if size is not None:
                        added.font.size = Pt(size)
                    if run.bold:
                        added.font.bold = True
                    if run.italic:
                        added.font.italic = True
                    added._r.get_or_add_rPr().set("lang", self.language)
                    if run.href:
                        added.hyperlink.address = run.href

    def run(
        self,
        run: Any,
        text: str,
        size: float,
        colour: str,
        bold: bool,
        italic: bool,
        href: str | None,
        typeface: str = "",
    ) -> None:
        run.text = text
        font = run.font
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        font.name = typeface or self.font
        font.color.rgb = _rgb(colour)
        properties = run._r.get_or_add_rPr()
        properties.set("lang", self.language)
        properties.set("cap", "none")  # a template's title style may set capitals or letter spacing,
        properties.set("spc", "0")  # and the text was measured without either
        if href:
            run.hyperlink.address = href
            if self.templated:  # a template's hyperlink colour may not stand out where we put the link
                click = properties.find(qn("a:hlinkClick"))
                click.append(etree.fromstring(_LINK_IN_TEXT_COLOUR))

    def bullet(self, paragraph: Any, para: Para) -> None:
        """Margins and bullet set on the paragraph itself, never inherited from a master's list style."""
        properties = paragraph._p.get_or_add_pPr()
        properties.set("marL", str(para.indent))
        properties.set("indent", str(-para.hang if para.bullet else 0))
        if not para.bullet:
            properties.insert_element_before(OxmlElement("a:buNone"), "a:tabLst", "a:defRPr", "a:extLst")
            return
        colour = OxmlElement("a:buClr")
        colour.append(_colour_element(self.theme.colours.accent))
        font = OxmlElement("a:buFont")
        font.set("typeface", self.font)
        char = OxmlElement("a:buChar")
        char.set("char", para.bullet)
        for element in (colour, font, char):
            properties.insert_element_before(element, "a:tabLst", "a:defRPr", "a:extLst")

    def slide_number(
        self, paragraph: Any, shown: str, size: float | None, colour: str | None, typeface: str = ""
    ) -> None:
        """A slide-number field: PowerPoint and LibreOffice renumber it when slides are moved. With no
        colour it inherits its look (a template's slide-number placeholder)."""
        field = OxmlElement("a:fld")
        field.set("id", _SLIDE_NUMBER_FIELD)
        field.set("type", "slidenum")
        properties = OxmlElement("a:rPr")
        properties.set("lang", self.language)
        if size is not None:
            properties.set("sz", str(round(size * 100)))
        if colour is not None:
            fill = OxmlElement("a:solidFill")
            fill.append(_colour_element(colour))
            properties.append(fill)
            latin = OxmlElement("a:latin")
            latin.set("typeface", typeface or self.font)
            properties.append(latin)
        text = OxmlElement("a:t")
        text.text = shown
        field.append(properties)
        field.append(text)
        paragraph._p.append(field)

    # --- charts and tables ----------------------------------------------------------------------------

    def chart(self, slide: Any, shape: Picture) -> Any:
        """The chart's picture or native chart, described by the plan's alt text; its element."""
        if shape.native:
            frame = self.native_chart(slide, shape)
            frame._element.nvGraphicFramePr.cNvPr.set("descr", shape.alt)
            return frame._element
        path = self.figures[shape.request, "png"]
        picture = slide.shapes.add_picture(str(path), *_emu(shape.box))
        picture.name = f"Chart {shape.request.chart_id}"
        picture._element.nvPicPr.cNvPr.set("descr", shape.alt)
        return picture._element

    def native_chart(self, slide: Any, shape: Picture) -> Any:
        """An editable PowerPoint chart with the picture chart's rows, colours and value labels."""
        theme, chart = self.theme, shape.native
        assert chart is not None
        from aigap_docs.exporters.deck.chart_data import ValuesChartData

        data = ValuesChartData()
        data.categories = list(chart.categories)
        for series in chart.series:  # its workbook cells in the format of its labels
            data.add_series(series.label, list(series.values), series.number_format)
        kind = _CHART_TYPES[chart.form]
        frame = slide.shapes.add_chart(kind, *_emu(shape.box), data)
        frame.name = f"Chart {chart.kind}"
        native = frame.chart
        if not self.templated:  # a template's chart text takes its theme font and text colour
            native.font.name = self.font
            native.font.color.rgb = _rgb(theme.colours.text)
        native.font.size = Pt(theme.sizes["deck"].chart_tick)
        native.has_title = bool(chart.title)  # the subtitle (what is measured, in what unit) as drawn
        if chart.title:
            native.chart_title.text_frame.text = chart.title
            run = native.chart_title.text_frame.paragraphs[0].runs[0]
            run.font.size, run.font.bold = Pt(theme.sizes["deck"].chart_label), False
            run._r.get_or_add_rPr().set("lang", self.language)
        native.has_legend = len(chart.series) > 1
        if native.has_legend:
            native.legend.position = XL_LEGEND_POSITION.TOP
            native.legend.include_in_layout = False
        plot = native.plots[0]
        for series, planned in zip(plot.series, chart.series, strict=True):
            self.colour_series(series, planned.colour, kind)
        stacked = chart.form.startswith("stacked")
        if chart.value_labels:
            plot.gap_width = BAR_GAP
            if stacked:
                plot.overlap = 100
            plot.has_data_labels = True
            position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END
            self.value_labels(plot.data_labels, chart.series[0].number_format, position)
            if len({planned.number_format for planned in chart.series}) > 1:  # each its own decimals
                for series, planned in zip(plot.series, chart.series, strict=True):
                    self.value_labels(series.data_labels, planned.number_format, position)
            if stacked:  # a part too thin for its value shows none, as the picture draws it
                self.thin_labels(plot, chart, shape.box, position)
                self.label_inks(plot, chart, position)
            native.value_axis.visible = False
        else:  # the axis numbers carry the chart's prefix and suffix, as the picture's do
            native.value_axis.tick_labels.number_format = chart.axis.number_format
            native.value_axis.tick_labels.number_format_is_linked = False
            if chart.axis.step is not None:  # the step its number format is made for
                native.value_axis.major_unit = chart.axis.step
        if chart.end_labels:  # lines named at their ends, as the picture names them, not in a legend
            native.has_legend = False
        if chart.end_labels or chart.start_labels:
            for series, planned in zip(plot.series, chart.series, strict=True):
                self.line_labels(series, planned, chart)
        native.value_axis.has_major_gridlines = not chart.value_labels
        native.category_axis.reverse_order = kind in _HORIZONTAL  # first row on top
        native.category_axis.format.line.color.rgb = _rgb(theme.colours.grid)
        if chart.negative:  # names beside the axis, not on the zero line over the bars
            native.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        _number_axes(native._chartSpace)
        return frame

    def value_labels(self, labels: Any, number_format: str, position: Any) -> None:
        """Values printed at their bars in `number_format`: a plot's labels, or one series' (a series'
        own labels replace the plot's, so they say everything)."""
        labels.number_format = number_format
        labels.number_format_is_linked = False
        labels.position = position
        labels.font.size = Pt(self.theme.sizes["deck"].chart_label)
        labels.show_value = True

    def label_inks(self, plot: Any, chart: NativeChart, position: Any) -> None:
        """Values inside stacked parts in their series' ink (white on a dark part), as the picture prints
        them: the plot's labels when every series has the same, else each series' own."""
        inks = [planned.ink for planned in chart.series]
        if len(set(inks)) == 1:
            if inks[0]:
                plot.data_labels.font.color.rgb = _rgb(inks[0])
            return
        for series, planned in zip(plot.series, chart.series, strict=True):
            if series._element.find(qn("c:dLbls")) is None:
                self.value_labels(series.data_labels, planned.number_format, position)
            if planned.ink:
                series.data_labels.font.color.rgb = _rgb(planned.ink)

    def thin_labels(self, plot: Any, chart: NativeChart, box: Box, position: Any) -> None:
        """Each value label deleted that does not fit inside its stacked part (native.crowded_labels),
        measured in the font the chart's text is set in. A series with one deleted gets labels of its own
        that say everything (as `value_labels`), and a `c:dLbl` of that point's index with `c:delete`."""
        sizes = self.theme.sizes["deck"]
        measure, _ = family_measure(self.font)
        frame = (box.w / EMU_PER_POINT, box.h / EMU_PER_POINT)
        crowded = crowded_labels(chart, frame, measure, sizes.chart_label, sizes.chart_tick)
        for series, planned, points in zip(plot.series, chart.series, crowded, strict=True):
            if not points:
                continue
            if series._element.find(qn("c:dLbls")) is None:
                self.value_labels(series.data_labels, planned.number_format, position)
            labels = series._element.find(qn("c:dLbls"))
            for at, index in enumerate(points):  # c:dLbl come first in c:dLbls, in order of index
                label = OxmlElement("c:dLbl")
                for tag, value in (("c:idx", str(index)), ("c:delete", "1")):
                    label.append(OxmlElement(tag))
                    label[-1].set("val", value)
                labels.insert(at, label)

    def line_labels(self, series: Any, planned: NativeSeries, chart: NativeChart) -> None:
        """A line's name and last value beside its last point; its first value beside its first."""
        known = [i for i, value in enumerate(planned.values) if value is not None]
        if not known:
            return
        ends = [(known[-1], XL_LABEL_POSITION.RIGHT, True)] if chart.end_labels else []
        if chart.start_labels and known[0] != known[-1]:
            ends.append((known[0], XL_LABEL_POSITION.LEFT, False))
        for index, position, named in ends:
            label = series.points[index].data_label
            label.position = position
            label.font.size = Pt(self.theme.sizes["deck"].chart_label)
            label.font.bold = named
            label.font.color.rgb = _rgb(planned.colour)  # type: ignore[arg-type]
            element = label._dLbl  # a point's label: python-pptx sets what it shows only through XML
            element.find(qn("c:showVal")).set("val", "1")
            element.find(qn("c:showSerName")).set("val", "1" if named else "0")
            number = OxmlElement("c:numFmt")
            number.set("formatCode", planned.number_format)
            number.set("sourceLinked", "0")
            element.find(qn("c:spPr")).addprevious(number)
            if named:  # 'China 9.3', as the picture prints it
                separator = OxmlElement("c:separator")
                separator.text = " "
                element.find(qn("c:showBubbleSize")).addnext(separator)

    def colour_series(self, series: Any, colour: str | tuple[str, ...], kind: Any) -> None:
        """One colour for a series, or (ranked bars) one per bar: the story's entities, the rest grey."""
        if kind == XL_CHART_TYPE.LINE_MARKERS:
            series.format.line.color.rgb = _rgb(colour)  # type: ignore[arg-type]
            series.format.line.width = Pt(2.5)
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE  # as the picture marks points
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(colour)  # type: ignore[arg-type]
            return
        if isinstance(colour, str):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
            return
        for point, fill in zip(series.points, colour, strict=True):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(fill)

    def table(self, slide: Any, shape: TableShape) -> Any:
        """A native table: header row in bold over an accent rule, thin rules between rows, numbers
        right-aligned, every margin and size explicit (no table style), rows as tall as measured. Its
        first row is flagged as the header row (screen readers announce a cell's column header), and its
        title is its alternative text. Returns its element."""
        view = shape.view
        rows = [view.headers, *view.rows]
        frame = slide.shapes.add_table(len(rows), len(view.headers), *_emu(shape.box))
        frame.name = "Table"
        frame._element.nvGraphicFramePr.cNvPr.set("descr", view.title.plain)
        table = frame.table
        table._tbl.tblPr.find(qn("a:tableStyleId")).text = _NO_TABLE_STYLE
        table.first_row, table.horz_banding = True, False
        for column, width in zip(table.columns, shape.widths, strict=True):
            column.width = Emu(width)
        colours = self.theme.colours
        # Rows through their XML, read once: python-pptx looks its row list up afresh for every index, and
        # setting row.height re-adds every row's height; together they made a 400-row table take minutes.
        for r, (tr, height) in enumerate(zip(table._tbl.tr_lst, shape.heights, strict=True)):
            tr.h = Emu(height)  # the frame is already as tall as the rows together (the plan's box)
            for c, cell in enumerate(_Row(tr, table.rows).cells):
                cell.margin_left = cell.margin_right = Emu(CELL_MARGIN[0])
                cell.margin_top = cell.margin_bottom = Emu(CELL_MARGIN[1])
                cell.vertical_anchor = MSO_ANCHOR.BOTTOM if r == 0 else MSO_ANCHOR.MIDDLE
                cell.text_frame.word_wrap = True
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.alignment = PP_ALIGN.RIGHT if view.numeric[c] else PP_ALIGN.LEFT
                for j, line in enumerate(rows[r][c].split("\n")):  # a cell's line breaks, as measured
                    if j:
                        paragraph.add_line_break()
                    ink = shape.colour or colours.text
                    self.run(paragraph.add_run(), line, shape.size, ink, r == 0, False, None)
                _borders(cell, bottom=(colours.accent, 19050) if r == 0 else (colours.grid, 9525))
        return frame._element


_CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
}
"""PowerPoint's chart type for each NativeChart form."""
_HORIZONTAL = (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED)
_FIRST_AXIS_ID = 100000001


def _number_axes(chart_space: Any) -> None:
    """Axis ids as valid unsigned numbers, the same in every build: python-pptx writes fixed negative ids
    for bar charts, which OOXML's xsd:unsignedInt does not allow (validators reject them)."""
    found = chart_space.xpath(".//c:axId/@val | .//c:crossAx/@val")
    ids = {old: str(_FIRST_AXIS_ID + i) for i, old in enumerate(dict.fromkeys(found))}
    for element in chart_space.xpath(".//c:axId | .//c:crossAx"):
        element.set("val", ids[element.get("val")])


def _rectangle(slide: Any, shape: Rect) -> Any:
    """An accent rule or strip, marked decorative so screen readers pass over it; its element."""
    rect = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(shape.box))
    rect.name = "Accent"
    rect._element.nvSpPr.cNvPr.append(etree.fromstring(_DECORATIVE))
    rect.fill.solid()
    rect.fill.fore_color.rgb = _rgb(shape.colour)
    rect.line.fill.background()
    style = rect._element.find(qn("p:style"))
    if style is not None:  # the theme's shape style would add its outline, shadow and text colour
        rect._element.remove(style)
    return rect._element


_DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)
"""Office 2019's mark of a decorative shape (Alt Text > Mark as decorative): screen readers skip it and
PowerPoint's accessibility checker asks it for no alternative text."""


def _in_reading_order(slide: Any, elements: list[Any]) -> None:
    """The slide's shapes in the plan's order, which is the order screen readers read them in: python-pptx
    puts the placeholders copied from the layout first, whatever the order they are filled in."""
    tree = slide.shapes._spTree
    for element in elements:
        tree.remove(element)
        tree.insert_element_before(element, "p:extLst")


def _borders(cell: Any, bottom: tuple[str, int]) -> None:
    """Only a bottom rule: left, right and top are explicitly none, whatever the table style says."""
    properties = cell._tc.get_or_add_tcPr()
    for side in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        line = OxmlElement(side)
        if side == "a:lnB":
            colour, width = bottom
            line.set("w", str(width))
            fill = OxmlElement("a:solidFill")
            fill.append(_colour_element(colour))
            line.append(fill)
        else:
            line.set("w", "0")
            line.append(OxmlElement("a:noFill"))
        properties.append(line)


def _colour_element(colour: str) -> Any:
    element = OxmlElement("a:srgbClr")
    element.set("val", colour.lstrip("#").upper())
    return element


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _emu(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h)
