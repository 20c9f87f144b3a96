"""Contrast: WCAG 2.x maths, template backgrounds and fills read, and the planner's warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from aigap_docs.exporters.deck import contrast
from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck.template import read_template

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SCHEME = {"dk1": "#000000", "lt1": "#FFFFFF", "dk2": "#1F497D", "lt2": "#EEECE1", "accent1": "#4F81BD"}


# --- the maths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),
        ("#1A1F27", "#FFFFFF", 16.55),
        ("#E69F00", "#FFFFFF", 2.25),
    ],
)
def test_computes_the_wcag_contrast_ratio(first, second, expected):
    assert contrast.ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast.ratio(second, first) == contrast.ratio(first, second)


def test_knows_black_and_white_luminance():
    assert contrast.luminance("#000000") == 0
    assert contrast.luminance("#FFFFFF") == pytest.approx(1)


@pytest.mark.parametrize(
    ("size", "bold", "needed"),
    [
        (12, False, 4.5),
        (17.9, False, 4.5),
        (18, False, 3.0),
        (14, True, 3.0),
        (14, False, 4.5),
        (13.5, True, 4.5),
    ],
)
def test_asks_less_of_large_text(size, bold, needed):
    assert contrast.needed(size, bold) == needed


def test_shows_ratios_rounded_down_so_a_failing_one_never_looks_passing():
    assert contrast.shown_ratio(4.4999) == "4.4:1"
    assert contrast.shown_ratio(1.0) == "1:1"


def test_reports_the_worst_stop_of_a_gradient():
    backdrop = contrast.extremes(["#FFFFFF", "#0B1F3A", "#808080"])
    assert backdrop == ("#0B1F3A", "#FFFFFF")
    worst = contrast.shortfall("#1F2937", backdrop, 12, False)
    assert worst is not None and worst[1] == "#0B1F3A"
    assert contrast.shortfall("#1F2937", ("#FFFFFF",), 12, False) is None
    assert contrast.shortfall("#1F2937", (), 12, False) is None  # a picture: unknown, not judged


@pytest.mark.parametrize(
    ("modifiers", "expected"),
    [
        ([("lumMod", 0.5)], "#808080"),
        ([("lumMod", 0.75), ("lumOff", 0.25)], "#FFFFFF"),
        ([("shade", 0.5)], "#808080"),
        ([("alpha", 0.5)], "#FFFFFF"),
    ],
)
def test_applies_drawingml_colour_transforms_roughly(modifiers, expected):
    assert contrast.modify("#FFFFFF", modifiers) == expected


def test_lightens_with_tint():
    assert contrast.modify("#000000", [("tint", 0.25)]) == "#BFBFBF"


@pytest.mark.parametrize(
    ("kind", "value", "placeholder", "expected"),
    [
        ("srgbClr", "0b1f3a", None, "#0B1F3A"),
        ("schemeClr", "tx1", None, "#000000"),
        ("schemeClr", "bg2", None, "#EEECE1"),
        ("schemeClr", "accent1", None, "#4F81BD"),
        ("schemeClr", "phClr", "#123456", "#123456"),
        ("sysClr", "FFFFFF", None, "#FFFFFF"),
        ("prstClr", "black", None, "#000000"),
        ("scrgbClr", "100000,100000,100000", None, "#FFFFFF"),
        ("prstClr", "papayaWhip", None, None),
        ("hslClr", "", None, None),
    ],
)
def test_resolves_drawingml_colours(kind, value, placeholder, expected):
    found = contrast.resolve(kind, value, (), SCHEME, contrast.DEFAULT_COLOUR_MAP, placeholder)
    assert found == expected


# --- what a template's text stands on -----------------------------------------------------------------


def _fill(xml: str) -> etree._Element:
    return etree.fromstring(f'<root xmlns:a="{A}">{xml}</root>')[0]


def _set_background(part, fill_xml: str) -> None:
    """Give a master or layout a p:bg/p:bgPr with `fill_xml` as its fill."""
    c_sld = part.find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    bg = etree.SubElement(c_sld, f"{{{P}}}bg")
    c_sld.insert(0, bg)
    properties = etree.SubElement(bg, f"{{{P}}}bgPr")
    properties.append(_fill(fill_xml))
    etree.SubElement(properties, f"{{{A}}}effectLst")


def _title_colour(master, colour_xml: str) -> None:
    """Colour the master's title style (titleStyle lvl1pPr defRPr)."""
    default = master.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr")
    for old in default.findall(f"{{{A}}}solidFill"):
        default.remove(old)
    default.insert(0, _fill(f"<a:solidFill>{colour_xml}</a:solidFill>"))


def dark_template(path: Path, *, gradient: bool = False, title_colour: str | None = None) -> Path:
    """python-pptx's default template with a navy master background (or a navy-to-white gradient), the
    'Title Only' layout on a picture, and the title style optionally coloured."""
    presentation = Presentation()
    master = presentation.slide_master._element
    if gradient:
        stops = (
            '<a:gs pos="0"><a:srgbClr val="0B1F3A"/></a:gs><a:gs pos="100000"><a:schemeClr val="bg1"/></a:gs>'
        )
        _set_background(master, f'<a:gradFill><a:gsLst>{stops}</a:gsLst><a:lin ang="0"/></a:gradFill>')
    else:
        _set_background(master, '<a:solidFill><a:srgbClr val="0B1F3A"/></a:solidFill>')
    if title_colour:
        _title_colour(master, f'<a:srgbClr val="{title_colour}"/>')
    for layout in presentation.slide_layouts:
        if layout.name == "Title Only":
            _set_background(layout._element, "<a:blipFill><a:stretch><a:fillRect/></a:stretch></a:blipFill>")
    presentation.save(path)
    return path


def test_reads_the_master_background_for_layouts_without_their_own(tmp_path):
    template = read_template(dark_template(tmp_path / "dark.pptx"))
    assert template.backdrops["Title and Content"].background == ("#0B1F3A",)
    assert template.backdrops["Title and Content"].text == "#000000"


def test_takes_a_gradients_darkest_and_lightest_stops(tmp_path):
    template = read_template(dark_template(tmp_path / "gradient.pptx", gradient=True))
    assert template.backdrops["Title Slide"].background == ("#0B1F3A", "#FFFFFF")


def test_knows_nothing_of_a_picture_background(tmp_path):
    template = read_template(dark_template(tmp_path / "dark.pptx"))
    assert template.backdrops["Title Only"].background == ()


def test_reads_the_default_white_background_through_the_themes_background_styles(tmp_path):
    path = tmp_path / "plain.pptx"
    Presentation().save(path)
    backdrop = read_template(path).backdrops["Title Slide"]
    assert backdrop.background == ("#FFFFFF",)
    assert backdrop.behind("title") == ("#FFFFFF",)
    assert backdrop.fills == {}


# --- the planner's warnings ---------------------------------------------------------------------------


SLIDES = """\
  - layout: title
  - layout: bullets
    title: What we counted
    bullets: [Notable models]
  - layout: chart
    title: The United States released the most models in both years
    chart: models-change
"""


def contrast_warnings(report_with, template: Path) -> list[str]:
    report, theme = report_with(
        SLIDES, f"template: {template.name}", files={template.name: template.read_bytes()}
    )
    planned = deck_plan.plan(report, theme)
    return [f"{w.field}: {w.message}" for w in planned.warnings if "contrast" in w.message]


@pytest.mark.parametrize("gradient", [False, True])
def test_warns_of_template_text_dark_on_a_dark_background_once_per_field(report_with, tmp_path, gradient):
    warnings = contrast_warnings(report_with, dark_template(tmp_path / "dark.pptx", gradient=gradient))
    dark = "text #000000 on #0B1F3A has contrast 1.2:1"
    assert warnings == [
        f"slides[0].title: {dark}; needs 3:1",
        f"slides[0].subtitle: {dark}; needs 3:1",
        f"slides[0].byline: {dark}; needs 4.5:1",
        f"slides[1].title: {dark}; needs 3:1",
        f"slides[1].bullets: {dark}; needs 3:1",
        f"slides[1].footer: {dark}; needs 4.5:1",
        f"slides[1].slide_number: {dark}; needs 4.5:1",
    ]  # slides[2] stands on a picture: not judged


def test_accepts_light_template_text_on_a_dark_background(report_with, tmp_path):
    warnings = contrast_warnings(report_with, dark_template(tmp_path / "light.pptx", title_colour="FFFFFF"))
    assert not any(w.startswith("slides[1].title:") for w in warnings)


def test_finds_nothing_to_warn_of_in_the_house_style(minimal_deck):
    planned = deck_plan.plan(minimal_deck.report, minimal_deck.theme)
    assert not [w for w in planned.warnings if "contrast" in w.message]


# --- text on the master's and layout's shapes ---------------------------------------------------------


def _add_shape(part, box: tuple[int, int, int, int], fill_xml: str, style_xml: str = "") -> None:
    """Draw a rectangle with `fill_xml` (or a p:style's fill reference) on a master or layout."""
    x, y, w, h = box
    shape = etree.fromstring(
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="90" name="Bar"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}</p:spPr>{style_xml}</p:sp>'
    )
    tree = part.find(f"{{{P}}}cSld/{{{P}}}spTree")
    tree.insert(2, shape)  # after nvGrpSpPr and grpSpPr: beneath the placeholders, as templates draw it


NAVY = '<a:solidFill><a:srgbClr val="0B1F3A"/></a:solidFill>'


def title_bar_template(path: Path, *, title_colour: str | None = None, hidden_on: str = "") -> Path:
    """python-pptx's default template (white background, black text) with a navy bar drawn on the master
    behind the title placeholder, the title style optionally coloured, and layout `hidden_on` hiding the
    master's shapes."""
    presentation = Presentation()
    master = presentation.slide_master
    title = next(p for p in master.placeholders if p.placeholder_format.type == 1)  # PP_PLACEHOLDER.TITLE
    _add_shape(master._element, (0, title.top, presentation.slide_width, title.height), NAVY)
    if title_colour:
        _title_colour(master._element, f'<a:srgbClr val="{title_colour}"/>')
    for layout in presentation.slide_layouts:
        if layout.name == hidden_on:
            layout._element.set("showMasterSp", "0")
    presentation.save(path)
    return path


def test_reads_the_fills_of_the_masters_shapes(tmp_path):
    template = read_template(title_bar_template(tmp_path / "bar.pptx"))
    ((box, fill),) = template.backdrops["Title and Content"].shapes
    assert fill == ("#0B1F3A",)
    title = template.placeholder("Title and Content", "title")
    assert title is not None and (box.y, box.h, box.w) == (title.y, title.h, template.size[0])


def test_leaves_out_the_masters_shapes_where_a_layout_hides_them(tmp_path):
    template = read_template(title_bar_template(tmp_path / "bar.pptx", hidden_on="Title Only"))
    assert template.backdrops["Title Only"].shapes == ()
    assert len(template.backdrops["Title and Content"].shapes) == 1


@pytest.mark.parametrize(
    ("fill_xml", "style_xml", "expected"),
    [
        ("", '<p:style><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef></p:style>', ("#4F81BD",)),
        (
            '<a:solidFill><a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>'
            "</a:solidFill>",
            "",
            ("#595959",),
        ),  # fmt: skip
        ("<a:blipFill><a:stretch><a:fillRect/></a:stretch></a:blipFill>", "", ()),
        ('<a:solidFill><a:srgbClr val="0B1F3A"><a:alpha val="40000"/></a:srgbClr></a:solidFill>', "", ()),
    ],
)
def test_reads_a_shapes_style_scheme_picture_and_see_through_fills(tmp_path, fill_xml, style_xml, expected):
    presentation = Presentation()
    _add_shape(presentation.slide_master._element, (0, 0, 914400, 914400), fill_xml, style_xml)
    presentation.save(tmp_path / "shape.pptx")
    ((_, fill),) = read_template(tmp_path / "shape.pptx").backdrops["Title Slide"].shapes
    assert fill == expected


@pytest.mark.parametrize("fill_xml", ["<a:noFill/>", ""])
def test_sees_through_shapes_without_a_fill(tmp_path, fill_xml):
    presentation = Presentation()
    _add_shape(presentation.slide_master._element, (0, 0, 914400, 914400), fill_xml)
    presentation.save(tmp_path / "shape.pptx")
    assert read_template(tmp_path / "shape.pptx").backdrops["Title Slide"].shapes == ()


def test_puts_text_on_its_own_fill_else_the_topmost_shape_under_it_else_the_background():
    from aigap_docs.exporters.deck.backdrops import Backdrop
    from aigap_docs.exporters.deck.boxes import Box

    bar, band = Box(0, 0, 1000, 200), Box(0, 100, 1000, 100)
    backdrop = Backdrop(("#FFFFFF",), {"title": ("#111111",)}, shapes=((bar, ("#222222",)), (band, ())))
    assert backdrop.behind("title", Box(0, 0, 1000, 200)) == ("#111111",)
    assert backdrop.behind("body", Box(100, 20, 800, 60)) == ("#222222",)
    assert backdrop.behind("body", Box(100, 120, 800, 60)) == ()  # a picture on top: unknown
    assert backdrop.behind("body", Box(100, 150, 800, 400)) == ("#FFFFFF",)  # mostly on the background
    assert backdrop.behind("body", Box(0, 0, 1000, 150)) == ("#222222",)  # centre off, most of it on
    assert backdrop.behind(None) == ("#FFFFFF",)


def test_accepts_light_title_text_on_a_dark_title_bar(report_with, tmp_path):
    warnings = contrast_warnings(
        report_with, title_bar_template(tmp_path / "bar.pptx", title_colour="FFFFFF")
    )
    assert warnings == [  # the cover's title is centred on the white slide, off the bar
        "slides[0].title: text #FFFFFF on #FFFFFF has contrast 1:1; needs 3:1"
    ]


def test_warns_of_dark_title_text_on_a_dark_title_bar(report_with, tmp_path):
    warnings = contrast_warnings(report_with, title_bar_template(tmp_path / "bar.pptx"))
    assert "slides[1].title: text #000000 on #0B1F3A has contrast 1.2:1; needs 3:1" in warnings
    assert not [w for w in warnings if not w.startswith(("slides[1].title", "slides[2].title"))]
