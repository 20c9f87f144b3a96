"""Slide geometry: the built-in grid, and a template's layouts read without python-pptx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

from aigap_docs.errors import ExportError, SourceRef
from aigap_docs.exporters.deck.boxes import EMU_PER_INCH, Box, inches
from aigap_docs.exporters.deck.layout import builtin_geometry, size_note, template_geometry
from aigap_docs.exporters.deck.plan import SOURCE_HEIGHT
from aigap_docs.exporters.deck.roles import LAYOUT_NAMES
from aigap_docs.exporters.deck.template import layout_keys, read_template
from aigap_docs.theme import load_theme

from ...conftest import not_a_document


def save(presentation, path: Path) -> Path:
    presentation.save(path)
    return path


def test_the_built_in_slide_is_powerpoints_16_by_9():
    width, height = builtin_geometry().size
    assert (width / EMU_PER_INCH, height / EMU_PER_INCH) == (pytest.approx(13.333, abs=1e-3), 7.5)


def test_the_themes_deck_slots_are_the_grids_chart_areas():
    grid, slots = builtin_geometry(), load_theme().slots
    chart_height = (grid.body.h - SOURCE_HEIGHT) / EMU_PER_INCH
    assert slots.deck_full == (
        pytest.approx(grid.body.w / EMU_PER_INCH, abs=0.01),
        pytest.approx(chart_height),
    )
    assert slots.deck_half == (
        pytest.approx(grid.span(7) / EMU_PER_INCH, abs=0.01),
        pytest.approx(chart_height),
    )


def test_the_grid_keeps_title_body_and_footer_apart_and_inside_the_margins():
    grid = builtin_geometry()
    assert grid.title.bottom < grid.body.y < grid.body.bottom < grid.footer.y
    assert grid.footer.bottom < grid.size[1] and grid.body.right <= grid.size[0] - grid.body.x
    assert grid.span(12) == grid.body.w


def test_twelve_columns_and_their_gutters_fill_the_body():
    grid = builtin_geometry()
    assert grid.span(7) + grid.gutter + grid.span(5) == pytest.approx(grid.body.w, abs=12)


def test_a_templates_layouts_are_read_with_the_positions_python_pptx_sees(tmp_path):
    presentation = Presentation()
    path = save(presentation, tmp_path / "plain.pptx")
    template = read_template(path)
    assert list(template.layouts) == [layout.name for layout in presentation.slide_layouts]
    for layout in presentation.slide_layouts:
        title = next((p for p in layout.placeholders if p.placeholder_format.idx == 0), None)
        if title is not None:
            assert template.placeholder(layout.name, "title") == Box(
                title.left, title.top, title.width, title.height
            )


def test_layouts_are_chosen_by_name_whatever_the_case(tmp_path):
    presentation = untyped(Presentation())
    title_only = next(layout for layout in presentation.slide_layouts if layout.name == "Title Only")
    title_only._element.cSld.set("name", "title  only")
    template = read_template(save(presentation, tmp_path / "cased.pptx"))
    assert template.choose("content") == "title  only"


def untyped(presentation, names: dict[str, str] | None = None):
    """`presentation` with PowerPoint's type taken off its layouts, and those in `names` renamed."""
    for layout in presentation.slide_layouts:
        layout._element.attrib.pop("type", None)
        layout._element.cSld.set("name", (names or {}).get(layout.name, layout.name))
    return presentation


ROLES_OF_DEFAULT = {"cover": 0, "section": 2, "text": 1, "content": 5}
"""The index of the layout of python-pptx's default template each role is made from."""


@pytest.mark.parametrize(
    ("names", "typed"),
    [
        ({"Title Slide": "Titelfolie", "Title Only": "Nur Titel", "Section Header": "Abschnitt"}, True),
        ({"Title Slide": "Slajd tytułowy", "Title and Content": "Tytuł i zawartość"}, False),
        ({"Title Slide": "제목 슬라이드", "Section Header": "구역 머리글", "Title Only": "제목만"}, False),
        (
            {
                "Title Slide": "TITLE",
                "Title and Content": "TITLE_AND_BODY",
                "Section Header": "SECTION_HEADER",
                "Title Only": "TITLE_ONLY",
            },
            False,
        ),
    ],
    ids=["german-by-type", "polish-by-name", "korean-by-name", "google-slides"],
)
def test_it_finds_each_roles_layout_by_its_type_or_its_name_in_any_language(tmp_path, names, typed):
    presentation = Presentation()
    if typed:
        for layout in presentation.slide_layouts:
            layout._element.cSld.set("name", names.get(layout.name, f"Folie {layout.name}"))
    else:
        untyped(presentation, names)
    expected = {role: presentation.slide_layouts[i].name for role, i in ROLES_OF_DEFAULT.items()}
    geometry = template_geometry(read_template(save(presentation, tmp_path / "t.pptx")))
    assert geometry.layouts == expected


def test_without_types_or_known_names_layouts_are_chosen_by_their_placeholders(tmp_path):
    presentation = untyped(Presentation())
    for i, layout in enumerate(presentation.slide_layouts):
        layout._element.cSld.set("name", f"Layout {i}")
    geometry = template_geometry(read_template(save(presentation, tmp_path / "t.pptx")))
    # A section header looks like a content slide: section dividers take the cover's layout.
    assert geometry.layouts == {
        "cover": "Layout 0",
        "section": "Layout 0",
        "text": "Layout 1",
        "content": "Layout 5",
    }


def test_the_report_chooses_layouts_by_name_before_anything_else(tmp_path):
    template = read_template(save(Presentation(), tmp_path / "t.pptx"))
    geometry = template_geometry(template, {"cover": "section header", "title_only": "Title and Content"})
    assert geometry.layouts["cover"] == "Section Header"
    assert geometry.layouts["content"] == "Title and Content"
    assert geometry.layouts["text"] == "Title and Content"


def test_a_chosen_layout_the_template_lacks_is_an_error_at_the_field_with_a_suggestion(tmp_path):
    template = read_template(save(Presentation(), tmp_path / "t.pptx"), "brand.pptx")
    where = SourceRef("report.yaml", 12, 3)
    with pytest.raises(ExportError) as raised:
        template_geometry(template, {"cover": "Title Slid", "section": "Kapitel"}, where)
    lines = str(raised.value).splitlines()
    assert lines[0].startswith(
        "report.yaml:12:3: layouts.cover: brand.pptx has no layout 'Title Slid' (did you mean 'Title Slide'?); "
        "it has 'Title Slide', 'Title and Content'"
    )
    assert lines[1].startswith(
        "report.yaml:12:3: layouts.section: brand.pptx has no layout 'Kapitel'; it has"
    )


def test_a_template_without_the_needed_layouts_names_every_missing_role_at_once(tmp_path):
    presentation = untyped(Presentation())
    for layout in list(presentation.slide_layouts):
        if layout.name not in ("Two Content", "Blank"):
            presentation.slide_layouts.remove(layout)
    template = read_template(save(presentation, tmp_path / "brand.pptx"), "brand.pptx")
    with pytest.raises(ExportError) as raised:
        template_geometry(template)
    lines = str(raised.value).splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "brand.pptx: no slide layout for title slides",
        "brand.pptx: no slide layout for section dividers",
        "brand.pptx: no slide layout for bullet slides",
        "brand.pptx: no slide layout for chart, table and other slides",
    ]
    assert lines[0].endswith(
        "the template has 'Two Content', 'Blank': choose one in report.yaml, `layouts: {cover: <name>}`"
    )


def test_a_template_with_only_a_blank_layout_is_laid_out_on_the_grid_scaled_to_its_slide(tmp_path):
    presentation = Presentation()  # python-pptx's default is 4:3, 10 x 7.5 in
    for layout in list(presentation.slide_layouts):
        if layout.name != "Blank":
            presentation.slide_layouts.remove(layout)
    geometry = template_geometry(read_template(save(presentation, tmp_path / "blank.pptx"), "blank.pptx"))
    grid = builtin_geometry()
    assert geometry.layouts == dict.fromkeys(LAYOUT_NAMES, "Blank")
    assert geometry.size == (inches(10), inches(7.5)) and not geometry.designed
    assert geometry.body.right <= inches(10) - geometry.body.x + 1
    assert (geometry.title.y, geometry.body.bottom) == (grid.title.y, grid.body.bottom)
    (warning,) = geometry.warnings
    assert str(warning) == (
        "blank.pptx: no layout has a title placeholder: every slide is made from layout 'Blank' and laid out "
        "on the built-in grid"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda title: setattr(title, "height", 0),
            "brand.pptx: layout 'Title Only': its title placeholder is 9.00 x 0.00 in: it has no size",
        ),
        (
            lambda title: setattr(title, "left", Inches(12)),
            "brand.pptx: layout 'Title Only': its title placeholder lies off the slide",
        ),
    ],
    ids=["no-height", "off-the-slide"],
)
def test_a_chosen_layouts_placeholder_of_no_size_or_off_the_slide_is_an_error(tmp_path, edit, message):
    presentation = Presentation()
    title_only = next(layout for layout in presentation.slide_layouts if layout.name == "Title Only")
    title = title_only.placeholders[0]
    # its own position, where it had the master's
    title.left, title.top, title.width, title.height = title.left, title.top, title.width, title.height
    edit(title)
    template = read_template(save(presentation, tmp_path / "brand.pptx"), "brand.pptx")
    with pytest.raises(ExportError) as raised:
        template_geometry(template)
    assert str(raised.value) == message


def test_a_chosen_layout_without_a_title_placeholder_is_used_with_a_warning(tmp_path):
    template = read_template(save(Presentation(), tmp_path / "brand.pptx"), "brand.pptx")
    geometry = template_geometry(template, {"title_only": "Blank"})
    assert (geometry.layouts["content"], geometry.layouts["text"]) == ("Blank", "Title and Content")
    assert geometry.title == template.placeholder("Title and Content", "title")
    assert [str(warning) for warning in geometry.warnings] == [
        "brand.pptx: layout 'Blank' has no placeholders: chart, table and other slides are laid out in text "
        "boxes where layout 'Title and Content' has its placeholders"
    ]


def test_a_layout_found_without_a_title_is_passed_over_for_the_next_with_one(tmp_path):
    presentation = untyped(Presentation())
    names = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt"}
    for layout in list(presentation.slide_layouts):
        if layout.name not in names:
            presentation.slide_layouts.remove(layout)
            continue
        layout._element.cSld.set("name", names[layout.name])
    cover = presentation.slide_layouts[0]
    for placeholder in list(cover.placeholders):  # a title slide of pictures only
        placeholder._element.getparent().remove(placeholder._element)
    grid = builtin_geometry()
    geometry = template_geometry(read_template(save(presentation, tmp_path / "brand.pptx"), "brand.pptx"))
    assert geometry.layouts == {
        "cover": "Titelfolie", "section": "Titelfolie", "text": "Titel und Inhalt", "content": "Titel und Inhalt"
    }  # fmt: skip
    assert geometry.cover_title.y == grid.cover_title.y  # 7.5 in tall, as the grid
    assert [str(warning) for warning in geometry.warnings] == [
        "brand.pptx: layout 'Titelfolie' has no placeholders: title slides and section dividers are laid out "
        "on the built-in grid"
    ]


def test_layouts_of_the_same_name_get_numbered_keys_as_the_writer_finds_them(tmp_path):
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        layout._element.cSld.set("name", "Layout")
    template = read_template(save(presentation, tmp_path / "same.pptx"))
    assert list(template.layouts)[:3] == ["Layout", "Layout #2", "Layout #3"]
    assert layout_keys(["A", "A", "A #2"]) == ["A", "A #2", "A #2 #2"]


@pytest.mark.parametrize(
    ("size", "note"),
    [
        ((Inches(13.333), Inches(7.5)), None),
        ((Inches(10), Inches(7.5)), "4:3 template: deck is 10 x 7.5 in"),
        ((Inches(10), Inches(5.625)), "16:9 template: deck is 10 x 5.625 in"),
        ((Inches(11), Inches(8.5)), "1.29:1 template: deck is 11 x 8.5 in"),
    ],
)
def test_the_size_note_names_a_template_slide_other_than_powerpoints_16_by_9(
    tmp_path, report_with, size, note
):
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = size
    report, theme = report_with(
        "  - layout: title\n", "template: brand.pptx", {"brand.pptx": save_bytes(presentation)}
    )
    assert size_note(report, theme) == note


def save_bytes(presentation) -> bytes:
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def test_a_file_that_is_not_a_presentation_is_a_clear_error(tmp_path):
    path = not_a_document(tmp_path / "template.pptx")
    path.write_text("not a zip")
    with pytest.raises(ExportError, match=r"template.pptx: not a PowerPoint template \(.pptx or .potx\)"):
        read_template(path)


def test_a_template_geometry_uses_its_own_title_body_and_footer(tmp_path):
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    geometry = template_geometry(read_template(save(presentation, tmp_path / "wide.pptx")))
    master = {p.placeholder_format.type: p for p in presentation.slide_master.placeholders}
    title, footer = master[PP_PLACEHOLDER.TITLE], master[PP_PLACEHOLDER.FOOTER]
    assert not geometry.designed
    assert geometry.layouts == {
        "cover": "Title Slide",
        "section": "Section Header",
        "text": "Title and Content",
        "content": "Title Only",
    }
    assert geometry.title == Box(title.left, title.top, title.width, title.height)
    assert geometry.footer == Box(footer.left, footer.top, footer.width, footer.height)


def test_a_potx_template_is_read_like_a_pptx(tmp_path):
    buffer = io.BytesIO()
    Presentation().save(buffer)
    path = tmp_path / "corporate.potx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            target.writestr(name, data)
    assert "Title Slide" in read_template(path).layouts
