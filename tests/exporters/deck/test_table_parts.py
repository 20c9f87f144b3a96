"""A table too long for its slide continues on the next slides: the first keeps the slide's title, the
next are '(continued)'; each repeats the header row and the note and source lines, at the one size and
column widths of the whole table; the speaker notes stay on the first; warnings name the report's slide."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck import writer as pptx_deck
from aigap_docs.exporters.deck.plan import MIN_ROWS, TableShape, TextShape
from aigap_docs.pipeline import load
from aigap_docs.tables import table_view

ROOT = Path(__file__).parents[3]
OTELO = ROOT / "tests" / "templates" / "google-slides-otelo" / "template.pptx"
POPULATION = ROOT / "content" / "us-population-1850-2000"
TABLE = "  - layout: table\n    title: All of them\n    table: investment-table\n"


@pytest.fixture(scope="module")
def otelo(build_deck, tmp_path_factory):
    """content/us-population-1850-2000 (a 19-row table) on google-slides-otelo (10 x 5.625 in), with
    speaker notes on its table slide: the report, its deck read back, and the table slide's index."""
    folder = tmp_path_factory.mktemp("otelo") / "us-population"
    shutil.copytree(POPULATION, folder)
    shutil.copyfile(OTELO, folder / "template.pptx")
    yaml = folder / "report.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = text.replace(
        "    table: census-table\n", "    table: census-table\n    notes: Read it by decade.\n"
    )
    yaml.write_text(f"{text}\ntemplate: template.pptx\n", encoding="utf-8")
    report, theme = load(folder)
    deck = build_deck(report, theme)
    index = next(i for i, slide in enumerate(report.slides) if slide.layout == "table")
    return report, Presentation(io.BytesIO(deck.data)), index, deck.built.warnings


def frame(slide):
    (table,) = [shape for shape in slide.shapes if shape.has_table]
    return table


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.table.rows]


def investment(report_with, count: int, slides: str = TABLE, **options):
    """The minimal report with `count` more countries in its investment table, and `slides`."""
    rows = "".join(f"Country {i},Somewhere,{i}.5\n" for i in range(count))
    csv = f"country,region,investment_2024\nUnited States,North America,109.1\nChina,Asia,9.3\n{rows}"
    return report_with(slides, files={"data/investment.csv": csv.encode()}, **options)


def tables(planned) -> list[TableShape]:
    return [shape for slide in planned.slides for shape in slide.shapes if isinstance(shape, TableShape)]


# --- the otelo case, read back from the built deck ------------------------------------------------------


def test_the_otelo_table_continues_on_the_next_slide_under_a_continued_title(otelo):
    report, presentation, index, warnings = otelo
    slides = list(presentation.slides)
    assert len(slides) == len(report.slides) + 1
    title = str(report.slides[index].title)
    assert [slide.shapes.title.text for slide in slides[index : index + 3]] == [
        title,
        f"{title} (continued)",
        "Sources",
    ]
    assert not [w for w in warnings if "table" in w.message or w.field.endswith(".title")]


def test_every_part_repeats_the_header_and_together_they_hold_every_row_once(otelo):
    report, presentation, index, _ = otelo
    view = table_view(report, "census-table")
    parts = [frame(slide) for slide in list(presentation.slides)[index : index + 2]]
    for part in parts:
        assert cells(part)[0] == view.headers
        assert part.table.first_row  # announced as the header row on every part
        assert len(cells(part)) - 1 >= MIN_ROWS
    assert [row for part in parts for row in cells(part)[1:]] == view.rows
    assert [part._element.nvGraphicFramePr.cNvPr.get("descr") for part in parts] == [
        view.title.plain,
        f"{view.title.plain} (continued)",
    ]


def test_the_parts_share_their_column_widths_and_text_size(otelo):
    _, presentation, index, _ = otelo
    parts = [frame(slide).table for slide in list(presentation.slides)[index : index + 2]]
    assert len({tuple(column.width for column in part.columns) for part in parts}) == 1
    sizes = {
        run.font.size
        for part in parts
        for row in part.rows
        for c in row.cells
        for run in c.text_frame.paragraphs[0].runs
    }
    assert len(sizes) == 1


def test_no_shape_of_a_part_reaches_past_the_slide_or_over_its_note_and_source_lines(otelo):
    _, presentation, index, _ = otelo
    for slide in list(presentation.slides)[index : index + 2]:
        assert all(shape.top + shape.height <= presentation.slide_height for shape in slide.shapes)
        (source,) = [shape for shape in slide.shapes if shape.name == "Source"]
        assert source.text_frame.text.startswith("Note: People are weighted counts")
        table = frame(slide)
        assert table.top + table.height <= source.top


def test_the_notes_stay_on_the_first_part_and_every_slide_is_numbered(otelo):
    _, presentation, index, _ = otelo
    slides = list(presentation.slides)
    assert slides[index].notes_slide.notes_text_frame.text == "Read it by decade."
    assert not slides[index + 1].has_notes_slide
    numbers = []
    for slide in slides:
        fields = slide.shapes._spTree.iter(qn("a:fld"))
        numbers += [field.findtext(qn("a:t")) for field in fields if field.get("type") == "slidenum"]
    assert numbers == [str(n) for n in range(2, len(slides) + 1)]  # the cover shows none


# --- the planner ----------------------------------------------------------------------------------------


def test_a_table_that_fits_stays_one_slide_under_its_own_title(report_with):
    planned = deck_plan.plan(*investment(report_with, 3))
    (slide,) = planned.slides
    (table,) = tables(planned)
    assert len(table.view.rows) == 5 and table.view.title.plain == "Private AI investment by country, 2024"
    (title,) = [s for s in slide.shapes if isinstance(s, TextShape) and s.placeholder == "title"]
    assert title.paras[0].runs[-1].text == "All of them"


def test_the_last_part_takes_rows_from_the_one_before_to_keep_at_least_three(report_with):
    full = len(tables(deck_plan.plan(*investment(report_with, 80)))[0].view.rows)  # a full part's rows
    parts = tables(deck_plan.plan(*investment(report_with, full + 1 - 2)))  # one row over: 2 extra rows
    assert [len(part.view.rows) for part in parts] == [full + 1 - MIN_ROWS, MIN_ROWS]
    assert len({part.widths for part in parts}) == 1 and len({part.size for part in parts}) == 1


def test_the_parts_titles_share_one_size_the_continued_ones_need(report_with):
    def titles(title: str, rows: int) -> list[TextShape]:
        slides = f"  - layout: table\n    title: {title}\n    table: investment-table\n"
        planned = deck_plan.plan(*investment(report_with, rows, slides))
        return [
            s
            for slide in planned.slides
            for s in slide.shapes
            if isinstance(s, TextShape) and s.name == "Title"
        ]

    # The shortest title that '(continued)' pushes to a smaller size, found by the planner itself.
    words = ("Private", "investment", "in", "artificial", "intelligence", "by", "region", "in", "2024") * 3
    for count in range(4, len(words)):
        title = " ".join(words[:count])
        if titles(f"{title} (continued)", 3)[0].size < titles(title, 3)[0].size:
            break
    else:
        pytest.fail("no title needs a smaller size with '(continued)'")
    parts = titles(title, 60)
    assert len(parts) > 1
    assert {part.size for part in parts} == {titles(f"{title} (continued)", 3)[0].size}


def test_parts_are_titled_numbered_and_warned_of_as_the_reports_slide(report_with):
    bullets = "".join(f"      - Bullet number {i} with a few words to set\n" for i in range(30))
    slides = f"{TABLE}  - layout: bullets\n    title: After\n    bullets:\n{bullets}"
    report, theme = investment(report_with, 120, slides)
    planned = deck_plan.plan(report, theme)
    assert len(planned.slides) > 3
    titles = [
        "".join(run.text for run in shape.paras[0].runs)
        for slide in planned.slides
        for shape in slide.shapes
        if isinstance(shape, TextShape) and shape.placeholder == "title"
    ]
    assert titles == ["All of them", *["All of them (continued)"] * (len(planned.slides) - 2), "After"]
    numbers = [
        "".join(run.text for run in shape.paras[0].runs)
        for slide in planned.slides
        for shape in slide.shapes
        if isinstance(shape, TextShape) and shape.slide_number
    ]
    assert numbers == [str(n) for n in range(1, len(planned.slides) + 1)]
    # No warning of the parts' shared title; the bullets' warning names the report's second slide.
    (warning,) = planned.warnings
    assert (warning.field, warning.where) == ("slides[1].bullets", report.slides[1].ref)


def test_a_row_too_tall_for_the_slide_even_alone_still_warns(report_with):
    words = " ".join(f"word{i % 10}" for i in range(700))
    report, theme = report_with(
        TABLE,
        replace={},
        files={
            "data/investment.csv": (
                "country,region,investment_2024\nUnited States,North America,109.1\nChina,Asia,9.3\n"
                f"United Kingdom,Europe {words},4.5\n"
            ).encode()
        },
    )
    (warning,) = deck_plan.plan(report, theme).warnings
    assert warning.field == "slides[0].table"
    assert warning.message == (
        "row 3 of the table ('United Kingdom') is too tall for its area even alone at 10 pt: "
        "shorten its cells or show fewer columns"
    )


def test_a_watchers_rebuild_copies_the_parts_a_change_left_as_they_were(monkeypatch, build_deck, report_with):
    monkeypatch.setattr(pptx_deck, "_kept_slides", None)
    pptx_deck.keep_slides()
    copied = []
    add_kept = pptx_deck._add_kept
    monkeypatch.setattr(pptx_deck, "_add_kept", lambda *args: copied.append(1) or add_kept(*args))
    first = build_deck(*investment(report_with, 60))
    slides = len(Presentation(io.BytesIO(first.data)).slides)
    rows = "".join(f"Country {i},Somewhere,{i}.5\n" for i in range(60))
    csv = f"country,region,investment_2024\nUnited States,North America,109.1\nChina,Asia,9.3\n{rows}"
    edited = csv.replace("Country 0,Somewhere", "Country 0,Elsewhere")  # the last row (sorted by value)
    again = build_deck(*report_with(TABLE, files={"data/investment.csv": edited.encode()}))
    assert len(copied) == slides - 1  # all but the last part
    monkeypatch.setattr(pptx_deck, "_kept_slides", None)
    assert again.data == build_deck(*report_with(TABLE, files={"data/investment.csv": edited.encode()})).data
