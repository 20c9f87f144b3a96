"""The slide plan: layouts, boxes and fitted type sizes, checked without writing a file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aigap_docs.charts import ChartRequest
from aigap_docs.exporters import BuildOptions
from aigap_docs.exporters.deck.boxes import inches
from aigap_docs.exporters.deck.plan import Picture, Rect, TableShape, TextShape, plan
from aigap_docs.pipeline import load

from ..conftest import MINIMAL


@pytest.fixture(scope="module")
def minimal():
    return load(MINIMAL)


def texts(slide, name: str | None = None) -> list[TextShape]:
    return [s for s in slide.shapes if isinstance(s, TextShape) and (name is None or s.name == name)]


def only(slide, name: str) -> TextShape:
    (text,) = texts(slide, name)
    return text


def plain(text: TextShape) -> str:
    return "\n".join("".join(run.text for run in para.runs) for para in text.paras)


def slide_of(report, layout: str) -> int:
    """The index of the report's first slide of this layout."""
    return next(i for i, slide in enumerate(report.slides) if slide.layout == layout)


def test_each_slide_is_made_from_the_layout_of_its_kind(minimal):
    report, _ = minimal
    slides = zip(report.slides, plan(*minimal).slides, strict=True)
    layouts = {slide.layout: planned.layout for slide, planned in slides}
    assert layouts == {
        "title": "Title Slide",
        "section": "Section Header",
        "bullets": "Title and Content",
        "takeaways": "Title and Content",
        "chart": "Title Only",
        "chart_text": "Title and Content",
        "table": "Title Only",
        "big_number": "Title Only",
        "sources": "Title and Content",
        "closing": "Title Slide",
    }


def test_every_shape_lies_inside_the_slide(minimal):
    deck = plan(*minimal)
    width, height = deck.geometry.size
    for slide in deck.slides:
        for shape in slide.shapes:
            box = shape.box
            assert 0 <= box.x <= box.right <= width and 0 <= box.y <= box.bottom <= height, shape


def test_all_text_fits_at_full_size_or_shrunk(minimal):
    assert plan(*minimal).warnings == ()
    assert all(text.fits for slide in plan(*minimal).slides for text in texts(slide))


def test_headlines_go_in_the_title_placeholder_with_their_content_text(minimal):
    report, _ = minimal
    chart = slide_of(report, "chart")
    headline = only(plan(*minimal).slides[chart], "Title")
    assert plain(headline) == report.slides[chart].title.plain
    assert headline.placeholder == "title"


def test_the_cover_shows_the_reports_title_subtitle_date_and_authors(minimal):
    cover = plan(*minimal).slides[0]
    assert plain(only(cover, "Title")) == "Minimal test report"
    assert plain(only(cover, "Subtitle")) == "Two datasets, two charts, one table"
    assert plain(only(cover, "Byline")) == "7 April 2025  \u00b7  Ada Lovelace, Alan Turing"


def test_takeaways_are_the_reports_findings(minimal):
    report, _ = minimal
    bullets = only(plan(*minimal).slides[slide_of(report, "takeaways")], "Text")
    assert [para.runs for para in bullets.paras] == [finding.runs for finding in report.findings]


def test_charts_are_placed_at_the_themes_slot_sizes(minimal):
    _, theme = minimal
    deck = plan(*minimal)
    pictures = [s for slide in deck.slides for s in slide.shapes if isinstance(s, Picture)]
    assert [p.request.size for p in pictures] == [theme.slots.deck_full, theme.slots.deck_half]
    for picture in pictures:
        assert picture.box.w / 914400 == pytest.approx(picture.request.size[0], abs=1e-6)
    assert [p.alt.split(" chart")[0] for p in pictures] == ["Dumbbell", "Bar"]
    assert ChartRequest("investment-bar", theme.slots.deck_half) in deck.chart_requests()


def test_big_numbers_share_one_size_and_take_their_entitys_colour(minimal):
    report, theme = minimal
    numbers = texts(plan(*minimal).slides[slide_of(report, "big_number")], "Number")
    assert len({n.size for n in numbers}) == 1
    assert [n.colour for n in numbers] == [theme.entities["us"].colour, theme.entities["china"].colour]
    assert [plain(n) for n in numbers] == ["40", "15"]


def test_a_tables_columns_fill_the_width_and_its_rows_fit_the_area(minimal):
    report, _ = minimal
    deck = plan(*minimal)
    slide = deck.slides[slide_of(report, "table")]
    (table,) = [s for s in slide.shapes if isinstance(s, TableShape)]
    assert sum(table.widths) == deck.geometry.body.w
    assert table.box.bottom < only(slide, "Source").box.y
    assert table.view.rows[0] == ["United States", "North America", "109.1"]


def test_speaker_notes_come_from_the_slides_notes(minimal):
    report, _ = minimal
    chart = slide_of(report, "chart")
    assert (
        plan(*minimal).slides[chart].notes == report.slides[chart].notes.plain == "Read from top to bottom."
    )


def test_a_long_title_shrinks_before_it_warns(report_with):
    title = "The United States released the most notable models in both years, China closed in fast " * 2
    deck = plan(*report_with(f"  - layout: bullets\n    title: {title}\n    bullets: [one]\n"))
    headline = only(deck.slides[0], "Title")
    assert headline.fits and 20 <= headline.size < 28
    assert deck.warnings == ()


def test_a_title_too_long_even_at_the_smallest_size_warns_at_its_slide(report_with):
    title = " ".join(["an overlong action headline"] * 12)
    report, theme = report_with(f"  - layout: bullets\n    title: {title}\n    bullets: [one]\n")
    (warning,) = plan(report, theme).warnings
    assert warning.field == "slides[0].title"
    assert warning.message == "text does not fit its box even at 20 pt: shorten it"
    lines = (report_with.folder / "report.yaml").read_text().splitlines()
    assert (warning.where.path, warning.where.line) == (
        str(report_with.folder / "report.yaml"),
        1 + lines.index("  - layout: bullets"),
    )


def test_many_bullets_shrink_then_warn_naming_the_bullets(report_with):
    bullets = "".join(f"      - Bullet number {i} with a few words to set\n" for i in range(30))
    report, theme = report_with(f"  - layout: bullets\n    title: Many\n    bullets:\n{bullets}")
    deck = plan(report, theme)
    assert only(deck.slides[0], "Text").size == 14
    assert [w.field for w in deck.warnings] == ["slides[0].bullets"]


def test_cjk_characters_are_measured_one_em_wide(report_with):
    # 70 ideographs need 70 em: two lines of 870 pt hold them at 24 pt, not at 25 pt.
    deck = plan(*report_with(f"  - layout: bullets\n    title: {'中' * 70}\n    bullets: [文字]\n"))
    assert only(deck.slides[0], "Title").size == 24


def test_markup_characters_stay_text(report_with):
    deck = plan(
        *report_with('  - layout: bullets\n    title: "R&D < capex > 0"\n    bullets: ["a < b & c"]\n')
    )
    assert plain(only(deck.slides[0], "Title")) == "R&D < capex > 0"
    assert plain(only(deck.slides[0], "Text")) == "a < b & c"


def test_a_long_short_title_warns_once_for_the_whole_deck(report_with):
    report, theme = report_with("  - layout: section\n    title: One\n  - layout: section\n    title: Two\n")
    report = report.model_copy(update={"short_title": "A footer " * 30})
    warnings = plan(report, theme).warnings
    assert [w.field for w in warnings] == ["short_title"]


def test_native_charts_replace_bar_pictures_but_not_dumbbells(minimal):
    deck = plan(*minimal, BuildOptions(native_charts=True))
    pictures = {
        s.request.chart_id: s.native is not None
        for slide in deck.slides
        for s in slide.shapes
        if isinstance(s, Picture)
    }
    assert pictures == {"models-change": False, "investment-bar": True}
    assert [r.chart_id for r in deck.chart_requests()] == ["models-change"]
    assert deck.warnings == ()


def test_a_dumbbell_asked_to_be_native_warns_and_stays_a_picture(tmp_path, report_with):
    report, theme = report_with("  - layout: chart\n    title: Models\n    chart: models-change\n")
    chart = report.charts["models-change"].model_copy(update={"native": True})
    report = report.model_copy(update={"charts": {**report.charts, "models-change": chart}})
    (warning,) = plan(report, theme).warnings
    assert warning.field == "charts.models-change.native"
    assert warning.message.startswith("a dumbbell chart cannot be native")


def test_the_built_in_design_draws_accent_shapes_in_the_accent_colour(minimal):
    report, theme = minimal
    rules = [s for s in plan(*minimal).slides[slide_of(report, "chart")].shapes if isinstance(s, Rect)]
    assert [r.colour for r in rules] == [theme.colours.accent]


def test_planning_imports_neither_pptx_nor_matplotlib():
    code = (
        "import sys, aigap_docs.exporters.deck.plan; print(sorted({'pptx', 'matplotlib'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_a_table_too_long_for_the_slide_shrinks_then_continues_on_the_next_slide(report_with):
    rows = "".join(f"Country {i},Somewhere,{i}.5\n" for i in range(40))
    csv = f"country,region,investment_2024\nUnited States,North America,109.1\nChina,Asia,9.3\n{rows}"
    slides = "  - layout: table\n    title: All of them\n    table: investment-table\n"
    deck = plan(*report_with(slides, files={"data/investment.csv": csv.encode()}))
    tables = [s for slide in deck.slides for s in slide.shapes if isinstance(s, TableShape)]
    assert len(tables) > 1 and {table.size for table in tables} == {10}
    assert deck.warnings == ()  # tests/exporters/deck/test_table_parts.py tests the parts


def test_a_table_whose_longest_word_is_too_wide_at_the_smallest_size_goes_below_it_unbroken(report_with):
    word = "Abcdefghij" * 18  # too wide for the widest column at the table's smallest size, 10 pt
    csv = f"country,region,investment_2024\nUnited States,{word},109.1\nChina,Asia,9.3\n"
    slides = "  - layout: table\n    title: All of them\n    table: investment-table\n"
    deck = plan(*report_with(slides, files={"data/investment.csv": csv.encode()}))
    (table,) = [s for s in deck.slides[0].shapes if isinstance(s, TableShape)]
    assert table.size == 9
    assert deck.warnings == ()


def test_a_source_line_that_wraps_gets_the_lines_it_needs_under_a_chart(report_with):
    where = "Table 2, p.14, summed over the regional annexes A to F and the online appendix"
    slides = "  - layout: chart_text\n    title: T\n    chart: models-change\n    bullets: [one]\n"
    (slide,) = plan(*report_with(slides, replace={"where: Table 2, p.14": f"where: {where}"})).slides
    source, picture = only(slide, "Source"), next(s for s in slide.shapes if isinstance(s, Picture))
    assert source.fits and source.box.h > inches(0.3)
    assert picture.box.bottom <= source.box.y


def test_a_source_line_too_long_for_any_size_names_the_fields_it_is_made_of(report_with):
    where = " ".join(["Table 2, p.14, summed over the regional annexes"] * 30)
    slides = "  - layout: chart_text\n    title: T\n    chart: models-change\n    bullets: [one]\n"
    report, theme = report_with(slides, replace={"where: Table 2, p.14": f"where: {where}"})
    (warning,) = plan(report, theme).warnings
    assert warning.field == "datasets.models"
    assert warning.message == (
        "source line under it does not fit even at 9 pt: "
        "shorten sources.model-survey (title, publisher) or datasets.models.where"
    )
    lines = (report_with.folder / "report.yaml").read_text().splitlines()
    assert warning.where.line == 2 + lines.index("  models:")  # its first key, as every mapping's line
