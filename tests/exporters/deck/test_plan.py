"""The slide plan: layouts, boxes and fitted type sizes, checked without writing a file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aigap_docs.charts import ChartRequest
from aigap_docs.exporters.deck.plan import Picture, Rect, Table, Text, fit_warnings, plan
from aigap_docs.pipeline import load

from ...conftest import ROOT


@pytest.fixture(scope="module")
def default():
    return load(ROOT / "content" / "aigap-2025")


def texts(slide, name: str | None = None) -> list[Text]:
    return [s for s in slide.shapes if isinstance(s, Text) and (name is None or s.name == name)]


def only(slide, name: str) -> Text:
    (text,) = texts(slide, name)
    return text


def plain(text: Text) -> str:
    return "\n".join("".join(run.text for run in para.runs) for para in text.paras)


def test_each_slide_is_made_from_the_layout_of_its_kind(default):
    layouts = [slide.layout for slide in plan(*default).slides]
    assert layouts[:6] == [
        "Title Slide",
        "Title and Content",
        "Title Only",
        "Section Header",
        "Title Only",
        "Title and Content",
    ]
    assert len(layouts) == len(default[0].slides) == 16


def test_every_shape_of_the_default_deck_lies_inside_the_slide(default):
    deck = plan(*default)
    width, height = deck.geometry.size
    for slide in deck.slides:
        for shape in slide.shapes:
            box = shape.box
            assert 0 <= box.x <= box.right <= width and 0 <= box.y <= box.bottom <= height, shape


def test_all_text_of_the_default_deck_fits_at_full_size_or_shrunk(default):
    assert plan(*default).warnings == ()
    assert all(text.fits for slide in plan(*default).slides for text in texts(slide))


def test_headlines_go_in_the_title_placeholder_with_their_content_text(default):
    deck = plan(*default)
    report = default[0]
    assert plain(only(deck.slides[4], "Title")) == report.slides[4].title.plain
    assert only(deck.slides[4], "Title").placeholder == "title"


def test_the_cover_shows_the_reports_title_subtitle_date_and_authors(default):
    cover = plan(*default).slides[0]
    assert plain(only(cover, "Title")) == "How far has China closed the AI gap with the US?"
    assert plain(only(cover, "Byline")) == "27 November 2026  \u00b7  aigap-docs briefing team"


def test_takeaways_are_the_reports_findings(default):
    report, _ = default
    bullets = only(plan(*default).slides[1], "Text")
    assert [para.runs for para in bullets.paras] == [finding.runs for finding in report.findings]


def test_charts_are_placed_at_the_themes_slot_sizes(default):
    report, theme = default
    deck = plan(*default)
    pictures = [s for slide in deck.slides for s in slide.shapes if isinstance(s, Picture)]
    assert {p.request.size for p in pictures} == {theme.slots.deck_full, theme.slots.deck_half}
    for picture in pictures:
        assert picture.box.w / 914400 == pytest.approx(picture.request.size[0], abs=1e-6)
        assert picture.alt.startswith(("Dumbbell chart", "Bar chart", "Grouped bar chart"))
    assert ChartRequest("arena-gap", theme.slots.deck_half) in deck.chart_requests()


def test_big_numbers_share_one_size_and_take_their_entitys_colour(default):
    report, theme = default
    slide = plan(*default).slides[2]
    numbers = texts(slide, "Number")
    assert len({n.size for n in numbers}) == 1
    assert [n.colour for n in numbers] == [theme.colours.text, theme.entities["us"].colour, "#C0392B"]
    assert [plain(n) for n in numbers] == ["1.7%", "$109.1B", "$9.3B"]


def test_a_tables_columns_fill_the_width_and_its_rows_fit_the_area(default):
    deck = plan(*default)
    (table,) = [s for s in deck.slides[10].shapes if isinstance(s, Table)]
    assert sum(table.widths) == deck.geometry.body.w
    assert table.box.bottom < only(deck.slides[10], "Source").box.y
    assert table.view.rows[0][3] == "109.08"


def test_speaker_notes_come_from_the_slides_notes(default):
    report, _ = default
    assert plan(*default).slides[4].notes == report.slides[4].notes.plain


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


def test_check_reports_the_same_warnings_as_the_plan(report_with):
    bullets = "".join(f"      - Bullet {i}\n" for i in range(40))
    report, theme = report_with(f"  - layout: bullets\n    title: Many\n    bullets:\n{bullets}")
    assert fit_warnings(report, theme) == list(plan(report, theme).warnings) != []


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


def test_native_charts_replace_bar_pictures_but_not_dumbbells(default):
    deck = plan(*default, native_charts=True)
    pictures = {
        s.request.chart_id: s.native for slide in deck.slides for s in slide.shapes if isinstance(s, Picture)
    }
    assert pictures == {
        "benchmark-gap": False,
        "arena-gap": True,
        "private-investment": True,
        "notable-models": True,
        "research-share": True,
    }
    assert [r.chart_id for r in deck.chart_requests()] == ["benchmark-gap"]
    assert deck.warnings == ()


def test_a_dumbbell_asked_to_be_native_warns_and_stays_a_picture(tmp_path, report_with):
    report, theme = report_with("  - layout: chart\n    title: Models\n    chart: models-change\n")
    chart = report.charts["models-change"].model_copy(update={"native": True})
    report = report.model_copy(update={"charts": {**report.charts, "models-change": chart}})
    (warning,) = plan(report, theme).warnings
    assert warning.field == "charts.models-change.native"
    assert warning.message.startswith("a dumbbell chart cannot be native")


def test_the_built_in_design_draws_accent_shapes_in_the_accent_colour(default):
    _, theme = default
    rules = [s for s in plan(*default).slides[4].shapes if isinstance(s, Rect)]
    assert [r.colour for r in rules] == [theme.colours.accent]


def test_planning_imports_neither_pptx_nor_matplotlib():
    code = (
        "import sys, aigap_docs.exporters.deck.plan; print(sorted({'pptx', 'matplotlib'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_a_table_too_long_for_the_slide_shrinks_then_warns(report_with):
    rows = "".join(f"Country {i},Somewhere,{i}.5\n" for i in range(40))
    csv = f"country,region,investment_2024\nUnited States,North America,109.1\nChina,Asia,9.3\n{rows}"
    slides = "  - layout: table\n    title: All of them\n    table: investment-table\n"
    deck = plan(*report_with(slides, files={"data/investment.csv": csv.encode()}))
    (table,) = [s for s in deck.slides[0].shapes if isinstance(s, Table)]
    assert table.size == 10
    assert [w.field for w in deck.warnings] == ["slides[0].table"]
