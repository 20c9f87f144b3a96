"""A templated deck looks as the template designed it: inherited fonts and colours, its own footer
placeholders, nothing added over its decorations, transparent charts, text measured in its font."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from aigap_docs.exporters import BuildOptions
from aigap_docs.exporters.deck import contrast
from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck.boxes import Box
from aigap_docs.exporters.deck.plan import Logo, Picture, TableShape, TextShape
from aigap_docs.exporters.deck.textfit import WIDTH_SLACK, family_measure
from aigap_docs.fonts import load_face
from aigap_docs.model import Run
from aigap_docs.pipeline import load
from aigap_docs.theme import default_assets, metric_font

CORPUS = Path(__file__).parents[2] / "templates"
DEFAULT_REPORT = Path(__file__).parents[3] / "content" / "aigap-2025"
SLIDES = (
    "  - layout: title\n"
    "  - layout: bullets\n    title: What we counted\n    bullets: [Models, Money]\n"
    "  - layout: chart\n    title: Charts fill the layout\n    chart: investment-bar\n"
    "  - layout: table\n    title: The figures\n    table: investment-table\n"
)
DECORATION = Box(10_000_000, 4_500_000, 1_500_000, 1_200_000)
"""A filled shape the template's master draws in the body's lower right corner (a logo, say)."""


def template(path: Path, font: str = "Calibri", decoration: bool = False, tweak=None) -> bytes:
    """python-pptx's default template at 16:9, its theme's minor font set to `font`, optionally a
    filled rectangle on its master, and `tweak` (given the Presentation) applied before saving."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = 12192000, 6858000
    if tweak is not None:
        tweak(presentation)
    if decoration:
        box = DECORATION
        presentation.slide_master.shapes._spTree.append(
            _element(
                '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
                ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                '<p:nvSpPr><p:cNvPr id="99" name="Brand mark"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
                f'<p:spPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="C00000"/>'
                "</a:solidFill></p:spPr></p:sp>"
            )
        )
    buffer = io.BytesIO()
    presentation.save(buffer)
    members = {}
    with zipfile.ZipFile(buffer) as package:
        for name in package.namelist():
            members[name] = package.read(name)
    theme = "ppt/theme/theme1.xml"
    members[theme] = re.sub(
        rb'(<a:minorFont><a:latin typeface=")[^"]*', rb"\g<1>" + font.encode(), members[theme]
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    path.write_bytes(out.getvalue())
    return out.getvalue()


def _rect(box: Box, colour: str, shape_id: int = 98) -> object:
    """A filled rectangle shape element (a decoration of a master or layout)."""
    return _element(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="Band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/>'
        "</a:solidFill></p:spPr></p:sp>"
    )


def _element(xml: str):
    from pptx.oxml import parse_xml

    return parse_xml(xml)


@pytest.fixture
def templated(tmp_path, report_with):
    def make(font: str = "Calibri", decoration: bool = False):
        data = template(tmp_path / "corporate.pptx", font, decoration)
        return report_with(SLIDES, "template: corporate.pptx", {"corporate.pptx": data})

    return make


def test_placeholder_text_names_no_font_colour_or_inset(templated, build_deck):
    report, theme = templated()
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    placeholders = [shape for slide in deck.slides for shape in slide.placeholders]
    assert placeholders
    for shape in placeholders:
        body = shape._element.find(qn("p:txBody"))
        assert not {k for k in body.find(qn("a:bodyPr")).attrib if k.endswith("Ins")}, shape.name
        for properties in body.iter(qn("a:rPr")):
            assert properties.find(qn("a:latin")) is None, shape.name
            assert properties.find(qn("a:solidFill")) is None, shape.name
            assert properties.get("b") != "0", shape.name
        for paragraph in body.iter(qn("a:pPr")):
            assert paragraph.find(qn("a:buChar")) is None and paragraph.find(qn("a:buClr")) is None


def test_the_built_in_design_still_sets_every_run_explicitly(minimal_deck):
    deck = Presentation(io.BytesIO(minimal_deck.data))
    title = deck.slides[1].shapes.title
    properties = title._element.find(qn("p:txBody")).find(f".//{qn('a:rPr')}")
    assert properties.find(qn("a:latin")).get("typeface") == "Calibri"
    assert properties.find(qn("a:solidFill")) is not None


def test_footer_and_slide_number_go_into_the_layouts_own_placeholders(templated, build_deck):
    report, theme = templated()
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    for slide in list(deck.slides)[1:]:
        kinds = {p.placeholder_format.type: p for p in slide.placeholders}
        footer, number = kinds[PP_PLACEHOLDER.FOOTER], kinds[PP_PLACEHOLDER.SLIDE_NUMBER]
        assert footer.text_frame.text == report.label
        assert number._element.find(f".//{qn('a:fld')}").get("type") == "slidenum"
        for shape in (footer, number):  # no position of their own: the layout's
            assert len(shape._element.find(qn("p:spPr"))) == 0
        assert not [s for s in slide.shapes if not s.is_placeholder and s.name in ("Footer", "Slide Number")]


def test_nothing_added_overlaps_the_masters_decorations(templated):
    report, theme = templated(decoration=True)
    planned = deck_plan.plan(report, theme, BuildOptions())
    for layout, boxes in planned.geometry.decorations.items():
        assert DECORATION in boxes, layout
    for slide in planned.slides:
        for shape in slide.shapes:
            added = isinstance(shape, Picture | TableShape | Logo) or (
                isinstance(shape, TextShape) and shape.placeholder is None
            )
            if added:
                box = shape.box
                assert not (
                    box.x < DECORATION.right
                    and DECORATION.x < box.right
                    and box.y < DECORATION.bottom
                    and DECORATION.y < box.bottom
                ), (slide.layout, shape)


def test_chart_pictures_of_a_templated_deck_are_transparent_in_its_accents(templated, build_deck):
    report, theme = templated()
    data = build_deck(report, theme).data
    deck = Presentation(io.BytesIO(data))
    (picture,) = [s for s in deck.slides[2].shapes if s.shape_type == 13]
    image = Image.open(io.BytesIO(picture.image.blob))
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0
    (request,) = deck_plan.plan(report, theme, BuildOptions()).chart_requests()
    assert request.transparent and request.palette[:2] == ("#4F81BD", "#C0504D")  # accent1, accent2


def test_the_built_in_designs_charts_stay_opaque(minimal_deck):
    deck = Presentation(io.BytesIO(minimal_deck.data))
    picture = next(s for slide in deck.slides for s in slide.shapes if s.shape_type == 13)
    image = Image.open(io.BytesIO(picture.image.blob))
    assert image.mode != "RGBA" or image.getpixel((0, 0))[3] == 255


@pytest.mark.parametrize(
    ("family", "stem"),
    [
        ("Arial", "LiberationSans"),
        ("Times New Roman", "LiberationSerif"),
        ("Cambria", "Caladea"),
    ],
)
def test_a_theme_font_with_a_bundled_metric_twin_is_measured_with_it(family, stem):
    measure, stand_in = family_measure(family)
    face = load_face(default_assets() / "fonts" / f"{stem}-Regular.ttf")
    assert stand_in == ""
    assert measure.width("Quarterly revenue", 10) == pytest.approx(face.text_width("Quarterly revenue") * 10)


@pytest.mark.parametrize(
    ("family", "stand_in"),
    [
        ("Verdana", "DejaVu Sans"),
        ("Calibri Light", "DejaVu Sans"),  # LibreOffice substitutes Carlito for Calibri only
        ("Trebuchet MS", "DejaVu Sans"),
        ("Aptos", "DejaVu Sans"),
        ("Century Gothic", "DejaVu Sans"),
        ("Constantia", "DejaVu Serif"),
        ("EB Garamond", "DejaVu Serif"),
        ("Cambria Math", "DejaVu Serif"),
        ("Book Antiqua", "DejaVu Serif"),
    ],
)
def test_a_theme_font_without_a_twin_is_measured_with_a_wider_stand_in(family, stand_in):
    measure, used = family_measure(family)
    carlito, _ = family_measure("Calibri")
    sample = "Quarterly revenue grew in 2024"
    assert used == stand_in
    assert measure.width(sample, 10) > 1.2 * carlito.width(sample, 10)
    assert measure.line_height(10) >= 12.5


def test_a_stand_in_measures_at_least_as_wide_as_verdana_on_dejavu_sans_widths():
    # Verdana's advances are up to 2.2% wider than DejaVu Sans's (measured with fontTools on English prose):
    # the stand-in's widening and the line's slack together cover that.
    measure, _ = family_measure("Verdana")
    dejavu = load_face(metric_font("Verdana")[0]["regular"])
    widened = measure.width("Quarterly revenue", 10) / WIDTH_SLACK
    assert widened >= 1.022 * dejavu.text_width("Quarterly revenue") * 10


def test_a_theme_font_without_metrics_is_measured_with_a_stand_in_and_named_once(templated):
    report, theme = templated(font="Verdana")
    planned = deck_plan.plan(report, theme, BuildOptions())
    said = [w.message for w in planned.warnings if "Verdana" in w.message]
    assert said == [
        "the template's font 'Verdana' is not bundled: its text is measured with DejaVu Sans (wide), "
        "so it fits where Verdana or a fallback renders it"
    ]


@pytest.mark.parametrize("family", ["Arial", "Calibri"])
def test_a_theme_font_with_metrics_gives_no_warning(templated, family):
    report, theme = templated(font=family)
    planned = deck_plan.plan(report, theme, BuildOptions())
    assert not [w for w in planned.warnings if "measured with" in w.message]


def test_placeholder_text_is_fitted_with_the_inherited_size(templated):
    report, theme = templated()
    planned = deck_plan.plan(report, theme, BuildOptions())
    body = next(s for s in planned.slides[1].shapes if isinstance(s, TextShape) and s.placeholder == "body")
    assert body.style == "inherit"
    assert body.inherited == 32.0  # python-pptx's default master: bodyStyle lvl1 sz=3200
    assert body.size == 32.0  # two short bullets fit at the template's own size: no size is written


@pytest.mark.skipif(not (CORPUS / "company-rstudio").is_dir(), reason="template corpus not present")
def test_a_real_templates_deck_inherits_its_white_on_blue_text(tmp_path, report_with, build_deck):
    (path,) = sorted((CORPUS / "company-rstudio").glob("template.p[po]tx"))
    report, theme = report_with(SLIDES, f"template: {path.name}", {path.name: path.read_bytes()})
    planned = deck_plan.plan(report, theme, BuildOptions())
    assert planned.geometry.theme is not None
    looks = planned.geometry.looks[planned.slides[1].layout]
    assert looks["body"].colour == "#FFFFFF"  # tx1 mapped to lt1 by the master's colour map
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    for shape in deck.slides[1].placeholders:
        assert not list(shape._element.iter(qn("a:solidFill")))


BIG_NUMBERS = (
    "  - layout: big_number\n    title: Two figures\n    text: Counted by hand.\n    numbers:\n"
    "      - {value: '40', label: US models, entity: us}\n"
    "      - {value: '15', label: Chinese models, entity: china}\n"
)


def _dark_master(presentation) -> None:
    """A navy background on the master: the template's own text colour (tx1, black) is unreadable there."""
    background = _element(
        '<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:bgPr><a:solidFill>'
        '<a:srgbClr val="1F2A44"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
    )
    presentation.slide_master.element.cSld.insert(0, background)


def test_text_we_place_is_readable_on_what_it_stands_on(tmp_path, report_with):
    data = template(tmp_path / "dark.pptx", tweak=_dark_master)
    report, theme = report_with(SLIDES + BIG_NUMBERS, "template: dark.pptx", {"dark.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    placed = [
        shape
        for slide in planned.slides
        for shape in slide.shapes
        if isinstance(shape, TextShape) and shape.style == "theme"
    ]
    assert {shape.name for shape in placed} >= {"Source", "Number", "Label"}
    for shape in placed:
        assert shape.colour == "#FFFFFF", shape.name  # lt1: the template's text colour (dk1) fails
    ours = (".chart", ".table", ".text", ".value", ".label")  # the placeholders' are the template's own
    texts = [w for w in planned.warnings if w.message.startswith("text ") and w.field.endswith(ours)]
    assert not texts


def test_an_entity_colour_that_stands_out_is_kept(templated, report_with, tmp_path):
    data = template(tmp_path / "light.pptx")
    report, theme = report_with(SLIDES + BIG_NUMBERS, "template: light.pptx", {"light.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    numbers = [s for s in planned.slides[4].shapes if isinstance(s, TextShape) and s.name == "Number"]
    assert [n.colour for n in numbers] == [theme.entity_colour("us"), theme.entity_colour("china")]


def _high_footer(presentation) -> None:
    """The master's footer row moved up into the body's bottom (as polish-pwr's 4:3 master has it)."""
    for placeholder in presentation.slide_master.placeholders:
        if placeholder.placeholder_format.type in (
            PP_PLACEHOLDER.FOOTER,
            PP_PLACEHOLDER.SLIDE_NUMBER,
            PP_PLACEHOLDER.DATE,
        ):
            placeholder.top = 5_600_000


def test_charts_tables_and_source_lines_end_above_the_footer_row(tmp_path, report_with):
    data = template(tmp_path / "high.pptx", tweak=_high_footer)
    report, theme = report_with(SLIDES, "template: high.pptx", {"high.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    assert planned.geometry.body.bottom > 5_600_000  # the layout's body reaches into the footer row
    for slide in planned.slides[2:4]:
        placed = [s for s in slide.shapes if isinstance(s, Picture | TableShape) or s.name == "Source"]
        assert len(placed) == 2
        for shape in placed:
            assert shape.box.bottom <= 5_600_000, shape


def _short_titles(presentation) -> None:
    """Title boxes 0.3 in tall, as Google Slides exports them (its boxes grow with their text)."""
    for part in (presentation.slide_master, *presentation.slide_layouts):
        for placeholder in part.placeholders:
            if placeholder.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                placeholder.height = 274_320


def test_a_title_box_too_short_for_one_line_grows_downwards_above_the_body(tmp_path, report_with):
    data = template(tmp_path / "short.pptx", tweak=_short_titles)
    report, theme = report_with(SLIDES, "template: short.pptx", {"short.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    for slide in planned.slides[1:]:
        title = next(s for s in slide.shapes if isinstance(s, TextShape) and s.placeholder == "title")
        assert title.box.h > 2 * 274_320
        assert title.size == 44.0 and title.fits  # the placeholder's own size (python-pptx's master)
        for shape in slide.shapes:
            body = isinstance(shape, Picture | TableShape) or (
                isinstance(shape, TextShape) and shape.placeholder in (None, "body") and shape is not title
            )
            if body and shape.box.y < 5_000_000:
                assert shape.box.y >= title.box.bottom, shape


TILE = Box(0, 1_400_000, 12_192_000, 2_400_000)
"""A big picture-like tile across the cover layout, where the built-in grid puts the cover's title."""


def _bare_cover(presentation) -> None:
    """The 'Title Slide' layout without placeholders, a tile across its middle."""
    layout = presentation.slide_layouts[0]
    tree = layout.shapes._spTree
    for placeholder in list(layout.placeholders):
        tree.remove(placeholder.element)
    tree.append(_rect(TILE, "808080"))


def test_a_cover_on_the_built_in_grid_avoids_the_layouts_decorations(tmp_path, report_with):
    data = template(tmp_path / "tile.pptx", tweak=_bare_cover)
    yaml = "template: tile.pptx\nlayouts: {cover: Title Slide}"
    report, theme = report_with(SLIDES, yaml, {"tile.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    cover = planned.slides[0]
    assert cover.layout == "Title Slide"
    texts = [s for s in cover.shapes if isinstance(s, TextShape)]
    assert {t.name for t in texts} >= {"Title", "Subtitle", "Byline"}
    for text in texts:
        box = text.box
        assert box.h > 0 and not (box.y < TILE.bottom and TILE.y < box.bottom), text.name


def test_a_calibri_light_title_is_fitted_as_libreoffice_renders_it_in_dejavu_sans(tmp_path, report_with):
    # LibreOffice substitutes Carlito for Calibri but not for Calibri Light, which it renders in DejaVu Sans:
    # a title measured with Carlito fitted two lines at 44 pt and ran to a third (company-rstudio, slide 10).
    data = template(tmp_path / "light.pptx")
    theme_part = "ppt/theme/theme1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members[theme_part] = re.sub(
        rb'(<a:majorFont><a:latin typeface=")[^"]*', rb"\g<1>Calibri Light", members[theme_part]
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, member in members.items():
            package.writestr(name, member)
    title = "China leads the US on the volume of AI publications and granted AI patents"
    slides = f"  - layout: bullets\n    title: {title}\n    bullets: [Models, Money]\n"
    report, theme = report_with(slides, "template: light.pptx", {"light.pptx": out.getvalue()})
    planned = deck_plan.plan(report, theme, BuildOptions())
    shape = next(s for s in planned.slides[0].shapes if isinstance(s, TextShape) and s.placeholder == "title")
    dejavu, _ = family_measure("DejaVu Sans")
    left, top, right, bottom = planned.geometry.looks[planned.slides[0].layout]["title"].insets
    width, height = (shape.box.w - left - right) / 12700, (shape.box.h - top - bottom) / 12700
    lines, broken = dejavu.lines(shape.paras[0].runs, shape.size, width * WIDTH_SLACK)
    assert shape.fits and not broken
    assert lines * dejavu.line_height(shape.size, 0.9) <= height
    assert shape.size < 44  # fitting shrank it


def _first_level_sized_on_the_master(presentation) -> None:
    """The master's body placeholder sets its first level to 18 pt and not its second, which inherits
    28 pt from the master's bodyStyle (as Google Slides exports a master)."""
    for placeholder in presentation.slide_master.placeholders:
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.BODY:
            styles = placeholder._element.find(qn("p:txBody")).find(qn("a:lstStyle"))
            styles.append(
                _element(
                    '<a:lvl1pPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                    '<a:defRPr sz="1800"/></a:lvl1pPr>'
                )
            )


@pytest.mark.parametrize("bullets", [2, 12])
def test_a_sub_bullet_is_never_set_larger_than_its_bullet(tmp_path, report_with, build_deck, bullets):
    # google-slides-otelo, slide 13: 16 pt bullets over 24.89 pt sub-bullets once fitting shrank them.
    data = template(tmp_path / "sized.pptx", tweak=_first_level_sized_on_the_master)
    items = "".join(
        f"      - text: Bullet {i} on what was counted\n        sub: [A point under bullet {i}]\n"
        for i in range(bullets)
    )
    slides = f"  - layout: bullets\n    title: Levels\n    bullets:\n{items}"
    report, theme = report_with(slides, "template: sized.pptx", {"sized.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    body = next(s for s in planned.slides[0].shapes if isinstance(s, TextShape) and s.placeholder == "body")
    assert body.inherited_levels == (18.0, 28.0)
    assert (body.size == 18.0) == (bullets == 2)  # twelve bullets with their points are shrunk
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    (shape,) = [p for p in deck.slides[0].placeholders if p.placeholder_format.idx == 1]  # the body
    sizes = {}
    for paragraph in shape.text_frame.paragraphs:
        (run,) = paragraph.runs
        sizes.setdefault(paragraph.level, set()).add(run.font.size and run.font.size.pt)
    (bullet,), (point,) = sizes[0], sizes[1]
    assert point is not None and point == (bullet or 18.0)  # written: the placeholder would give 28 pt
    assert (bullet is None) == (bullets == 2)  # the first level inherits its own size unless shrunk


def _footerless(band: Box):
    """Layouts without footer-row placeholders, `band` drawn on the master (a logo, or a bar)."""

    def tweak(presentation) -> None:
        kinds = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
        for layout in presentation.slide_layouts:
            for placeholder in list(layout.placeholders):
                if placeholder.placeholder_format.type in kinds:
                    layout.shapes._spTree.remove(placeholder.element)
        presentation.slide_master.shapes._spTree.append(_rect(band, "206040"))

    return tweak


def test_a_floating_footer_and_number_avoid_the_decorations_in_the_footer_row(tmp_path, report_with):
    mark = Box(0, 6_100_000, 2_600_000, 758_000)  # a logo at the footer row's left
    data = template(tmp_path / "mark.pptx", tweak=_footerless(mark))
    report, theme = report_with(SLIDES, "template: mark.pptx", {"mark.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    assert not [w for w in planned.warnings if "no room for the footer" in w.message]
    for slide in planned.slides[1:]:
        placed = {
            s.name: s.box
            for s in slide.shapes
            if isinstance(s, TextShape) and s.name in ("Footer", "Slide Number")
        }
        assert set(placed) == {"Footer", "Slide Number"}
        assert placed["Footer"].x >= mark.right and placed["Footer"].right <= placed["Slide Number"].x
        assert placed["Footer"].y == planned.geometry.footer.y  # still in the footer row


def test_a_footer_row_without_room_leaves_them_out_warned_once_per_layout(tmp_path, report_with):
    bar = Box(0, 6_100_000, 12_192_000, 758_000)  # a bar across the bottom (german-anderscore)
    data = template(tmp_path / "bar.pptx", tweak=_footerless(bar))
    report, theme = report_with(SLIDES, "template: bar.pptx", {"bar.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    for slide in planned.slides[1:]:
        for shape in [s for s in slide.shapes if isinstance(s, TextShape)]:
            assert not (shape.name in ("Footer", "Slide Number") and _covers(shape.box, bar)), shape.name
    layouts = {slide.layout for slide in planned.slides[1:]}
    warned = [w.message for w in planned.warnings if "no room for the footer" in w.message]
    assert len(warned) == len(set(warned)) and {m.split("'")[1] for m in warned} <= layouts
    assert all("mark" not in m for m in warned)


def _covers(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _sub_bullets_in(font: str):
    """The master's bodyStyle sets its second level in `font` (its first stays the theme's Calibri), as
    google-slides-otelo's sub-bullets inherit Arial under Calibri bullets."""

    def tweak(presentation) -> None:
        style = presentation.slide_master._element.find(qn("p:txStyles")).find(qn("p:bodyStyle"))
        properties = style.find(qn("a:lvl2pPr")).find(qn("a:defRPr"))
        latin = properties.find(qn("a:latin"))
        if latin is None:
            latin = properties.makeelement(qn("a:latin"), {})
            properties.append(latin)
        latin.set("typeface", font)

    return tweak


def test_each_list_level_is_measured_in_the_font_it_inherits(tmp_path, report_with):
    data = template(tmp_path / "levels.pptx", tweak=_sub_bullets_in("Verdana"))
    point = "A long point under the bullet, set in a wide typeface that takes far more room on the line"
    items = "".join(f"      - text: Bullet {i}\n        sub: [{point}]\n" for i in range(4))
    slides = f"  - layout: bullets\n    title: Levels\n    bullets:\n{items}"
    report, theme = report_with(slides, "template: levels.pptx", {"levels.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    look = planned.geometry.looks[planned.geometry.layouts["text"]]["body"]
    assert (look.font, look.levels[0].font, look.levels[1].font) == ("Calibri", "Calibri", "Verdana")
    body = next(s for s in planned.slides[0].shapes if isinstance(s, TextShape) and s.placeholder == "body")
    left, top, right, bottom = look.insets
    width = (body.box.w - left - right) / 12700

    def height(size: float, sub_font: str) -> float:
        """The body's height at `size`, its points measured in `sub_font`."""
        calibri, sub = family_measure("Calibri")[0], family_measure(sub_font)[0]
        total = 0.0
        for i, para in enumerate(body.paras):
            font = sub if para.level else calibri
            own = size * para.scale
            indent = look.levels[para.level].margin / 12700
            lines, _ = font.lines(para.runs, own, width - indent)
            gap = para.space_before * own if i else 0.0
            total += gap + lines * font.line_height(own, look.levels[0].line)
        return total

    room = (body.box.h - top - bottom) / 12700
    assert height(body.size, "Verdana") <= room  # fits as it will render
    assert body.size < 32 and height(body.size + 1, "Verdana") > room  # the largest size that does
    assert height(body.size + 1, "Calibri") <= room  # measured all in Calibri, it would be set too large
    assert any("'Verdana' is not bundled" in w.message for w in planned.warnings)


NARROW_NUMBER = 127_000
"""A slide-number placeholder as narrow as google-slides-otelo's: one digit, less than its insets."""


def _narrow_slide_numbers(presentation) -> None:
    """Every slide-number placeholder, on the master and the layouts, made NARROW_NUMBER wide, its right
    edge (the edge its right-aligned text keeps to) where it was."""
    for part in [presentation.slide_master, *presentation.slide_layouts]:
        for placeholder in part.placeholders:
            if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                right = placeholder.left + placeholder.width
                placeholder.left, placeholder.width = right - NARROW_NUMBER, NARROW_NUMBER


def test_a_slide_number_never_wraps_in_a_narrow_placeholder(tmp_path, report_with, build_deck):
    data = template(tmp_path / "narrow.pptx", tweak=_narrow_slide_numbers)
    slides = "".join(f"  - layout: bullets\n    title: Slide {i}\n    bullets: [One]\n" for i in range(12))
    report, theme = report_with(slides, "template: narrow.pptx", {"narrow.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    layout = planned.geometry.layouts["text"]
    given = planned.geometry.placeholders[layout]["sldNum"]
    look = planned.geometry.looks[layout]["sldNum"]
    assert given.w == NARROW_NUMBER and look.align == "r"
    measure = family_measure(look.font)[0]
    left, _, right, _ = look.insets
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    for slide, written in zip(planned.slides, deck.slides, strict=True):
        (number,) = [s for s in slide.shapes if isinstance(s, TextShape) and s.slide_number]
        inner = (number.box.w - left - right) / 12700
        assert measure.lines([Run(text="12")], look.size or 18.0, inner) == (1, False)
        assert number.box.right == given.right and number.box.y == given.y  # keeps its right edge
        (placeholder,) = [
            p for p in written.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
        ]
        assert (placeholder.left, placeholder.width) == (number.box.x, number.box.w)


def test_a_slide_number_placeholder_wide_enough_keeps_its_inherited_place(templated, build_deck):
    report, theme = templated()
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    numbers = [
        p
        for s in deck.slides
        for p in s.placeholders
        if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
    ]
    assert numbers and all(p._element.spPr.find(qn("a:xfrm")) is None for p in numbers)


def _low_cover_subtitle(presentation) -> None:
    """The title layout's subtitle reaches down to the slide's bottom edge, into the footer row (as
    polish-pwr's does: its title slide has no footer)."""
    cover = presentation.slide_layouts[0]
    for placeholder in cover.placeholders:
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE:
            placeholder.top, placeholder.height = 5_300_000, 1_500_000


def test_a_closing_slides_text_ends_above_its_footer_row(tmp_path, report_with):
    data = template(tmp_path / "low.pptx", tweak=_low_cover_subtitle)
    slides = (
        "  - layout: bullets\n    title: First\n    bullets: [One]\n"
        "  - layout: closing\n    title: Questions\n    text: The team, and where the figures come from.\n"
    )
    report, theme = report_with(slides, "template: low.pptx", {"low.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    closing = planned.slides[1].shapes
    texts = {s.name: s for s in closing if isinstance(s, TextShape)}
    row = min(s.box.y for s in texts.values() if s.placeholder in ("ftr", "sldNum", "dt") or s.slide_number)
    subtitle = texts["Subtitle"]
    assert subtitle.box.bottom < row and subtitle.box.y > texts["Title"].box.bottom
    assert subtitle.box.h == 1_500_000  # lifted, not squeezed
    assert subtitle.fits


def _pale_links(presentation) -> None:
    """The theme's hyperlink colour a pale peach, unreadable on the white slides (polish-pwr's)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = presentation.slide_master.part.part_related_by(RT.THEME)
    part._blob = re.sub(
        rb"<a:hlink>.*?</a:hlink>", b'<a:hlink><a:srgbClr val="FFD9AF"/></a:hlink>', part.blob, flags=re.S
    )


LINKED = (
    "  - layout: sources\n"
    "  - layout: big_number\n    title: Two numbers\n    numbers:\n"
    '      - {value: "1", label: One}\n      - {value: "2", label: Two}\n'
    "    text: Figures from [the survey](https://example.org/models).\n"
)


def test_links_are_judged_in_the_colour_they_show_in(tmp_path, report_with, build_deck):
    data = template(tmp_path / "pale.pptx", tweak=_pale_links)
    report, theme = report_with(LINKED, "template: pale.pptx", {"pale.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    warned = [(w.field, w.message) for w in planned.warnings if "contrast" in w.message]
    # The sources slide's links are in the body placeholder: they take the theme's hyperlink colour.
    assert warned == [
        (
            "slides[0].sources",
            "text #FFD9AF on #FFFFFF has contrast 1.3:1; needs 3:1: a link, in the template's "
            "hyperlink colour (hlink): change it in its theme",
        )
    ]
    # The big number's source line is our text box: its link shows in the line's own, readable colour.
    deck = Presentation(io.BytesIO(build_deck(report, theme).data))
    (source,) = [s for s in deck.slides[1].shapes if s.name == "Source"]
    (linked,) = [r for p in source.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    click = linked._r.find(qn("a:rPr")).find(qn("a:hlinkClick"))
    assert (
        click.find(f"{qn('a:extLst')}/{qn('a:ext')}").get("uri") == "{A12FA001-AC4F-418D-AE19-62706E023703}"
    )
    assert str(linked.font.color.rgb) != "FFD9AF"


def test_the_built_in_designs_links_are_judged_in_its_accent(report_with):
    report, theme = report_with(LINKED)
    planned = deck_plan.plan(report, theme, BuildOptions())
    assert not [w for w in planned.warnings if "contrast" in w.message]


def test_chart_colours_stand_out_from_the_fill_behind_the_chart(tmp_path, report_with):
    data = template(tmp_path / "dark.pptx", tweak=_dark_master)
    again = "  - layout: chart\n    title: The same chart again\n    chart: investment-bar\n"
    report, theme = report_with(SLIDES + again, "template: dark.pptx", {"dark.pptx": data})
    planned = deck_plan.plan(report, theme, BuildOptions())
    picture, _ = [s for slide in planned.slides for s in slide.shapes if isinstance(s, Picture)]
    navy = "#1F2A44"
    accents = planned.geometry.theme.accents
    standing = [c for c in accents if contrast.ratio(c, navy) >= 3]
    assert 0 < len(standing) < len(accents)  # some of the template's accents fade on its navy
    assert picture.request.palette == tuple(standing)  # series that are no entity skip those
    assert contrast.ratio(picture.request.ink, navy) >= 4.5
    # An entity keeps its colour, and one that fades is the report's to change: a warning saying so.
    entities = {e: theme.entity_colour(e) for e in ("us", "china")}
    fading = sorted(e for e, c in entities.items() if contrast.ratio(c, navy) < 3)
    assert fading
    warned = [w for w in planned.warnings if "entity" in w.message]
    assert {w.field for w in warned} == {"slides[2].chart"}  # once an entity, at the first chart
    assert [w.message.split("'")[3] for w in warned] == fading
    assert warned[0].message.startswith("chart 'investment-bar': entity ")
    assert warned[0].message.endswith(
        "give the entity a colour that stands out here in report.yaml's entities"
    )


def test_the_built_in_designs_charts_are_drawn_as_before(report_with):
    report, theme = report_with(SLIDES)
    planned = deck_plan.plan(report, theme, BuildOptions())
    (picture,) = [s for slide in planned.slides for s in slide.shapes if isinstance(s, Picture)]
    assert (picture.request.palette, picture.request.ink, picture.request.transparent) == ((), "", False)
    assert not [w for w in planned.warnings if "entity" in w.message]


@pytest.mark.skipif(not (CORPUS / "google-slides-otelo").is_dir(), reason="template corpus not present")
def test_a_section_title_word_too_wide_for_its_box_goes_below_the_smallest_size_unbroken(tmp_path):
    # google-slides-otelo, slide 4: 'Performance' in a 2.4 in title box broke as 'Performanc/e' at 28 pt.
    report = tmp_path / "report"
    shutil.copytree(DEFAULT_REPORT, report)
    shutil.copyfile(CORPUS / "google-slides-otelo" / "template.pptx", report / "template.pptx")
    with (report / "report.yaml").open("a", encoding="utf-8") as yaml:
        yaml.write("\ntemplate: template.pptx\n")
    planned = deck_plan.plan(*load(report), BuildOptions())
    title = next(s for s in planned.slides[3].shapes if isinstance(s, TextShape) and s.placeholder == "title")
    assert "".join(run.text for run in title.paras[0].runs) == "Performance"
    assert title.fits and 21 <= title.size < 28
    measure, _ = family_measure("Arial")
    inner = title.box.w / 12700 - 14.4  # Google Slides' 0.1 in insets
    assert measure.width("Performance", title.size, bold=True) <= inner * WIDTH_SLACK
    assert not [w for w in planned.warnings if w.field == "slides[3].title"]


RECOLOURED = (
    "  - layout: chart\n    title: Models by country\n    chart: models-grouped\n"
    "  - layout: chart\n    title: Investment by country\n    chart: investment-bar\n"
)
GROUPED = (
    "charts:\n  models-grouped:\n    kind: grouped_bar\n    dataset: models\n    title: Models\n"
    "    category: country\n    series: [models_2023, models_2024]\n"
    "    colors: {models_2023: '#FFD166', models_2024: '#2A3A5C'}\n"
)


def test_an_entity_recoloured_by_a_charts_colors_is_judged_in_the_colour_drawn(tmp_path, report_with):
    data = template(tmp_path / "dark.pptx", tweak=_dark_master)
    report, theme = report_with(
        RECOLOURED,
        "template: dark.pptx",
        {"dark.pptx": data},
        replace={
            "charts:\n": GROUPED,
            'models_2023: {type: number, unit: models, label: "2023"}': (
                'models_2023: {type: number, unit: models, label: "2023", entity: us}'
            ),
            'models_2024: {type: number, unit: models, label: "2024"}': (
                'models_2024: {type: number, unit: models, label: "2024", entity: china}'
            ),
            "    highlight:\n": "    colors: {United States: '#FFD166'}\n    highlight:\n",
        },
    )
    planned = deck_plan.plan(report, theme, BuildOptions())
    warned = [f"{w.field}: {w.message}" for w in planned.warnings if "entity" in w.message]
    # us (#1F4E79 fades on navy) is drawn in a bright yellow by both charts: no warning for it; china's
    # column is drawn in a navy the chart chose, the chart's to change; its bar in its own red.
    assert warned == [
        "slides[0].chart: chart 'models-grouped': entity 'china' in #2A3A5C on #1F2A44 has contrast 1.2:1; "
        "needs 3:1: change its colour in the chart's colors: models_2024",
        "slides[1].chart: chart 'investment-bar': entity 'china' in #C0392B on #1F2A44 has contrast 2.6:1; "
        "needs 3:1: give the entity a colour that stands out here in report.yaml's entities",
    ]
