"""Slide geometry: the built-in grid, and a template's layouts read without python-pptx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

from aigap_docs.errors import ExportError
from aigap_docs.exporters.deck.layout import (
    EMU_PER_INCH,
    LAYOUT_NAMES,
    Box,
    builtin_geometry,
    read_template,
    template_geometry,
)
from aigap_docs.exporters.deck.plan import SOURCE_HEIGHT
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
    presentation = Presentation()
    title_only = next(layout for layout in presentation.slide_layouts if layout.name == "Title Only")
    title_only._element.cSld.set("name", "title  only")
    template = read_template(save(presentation, tmp_path / "cased.pptx"))
    assert template.choose("content") == "title  only"


def test_a_template_without_a_needed_layout_names_the_layouts_it_has(tmp_path):
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        layout._element.cSld.set("name", f"Corporate {layout.name}")
    template = read_template(save(presentation, tmp_path / "corporate.pptx"))
    with pytest.raises(ExportError) as raised:
        template.choose("cover")
    message = str(raised.value)
    assert "corporate.pptx: no slide layout for title slides: expected 'Title Slide'" in message
    assert "the template has 'Corporate Title Slide', 'Corporate Title and Content'" in message


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
    assert geometry.layouts == {role: names[0] for role, names in LAYOUT_NAMES.items()}
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
