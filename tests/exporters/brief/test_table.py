"""Native tables in the brief: column widths by the shared rule that fill the text column, numbers
right-aligned, and a six-column table of long labels and short numbers legible at the column width.
"""

from __future__ import annotations

import io

import pytest
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.exporters.brief.styles import brief_styles
from aigap_docs.exporters.brief.table import MIN_ROWS, PADDING, TableBlock, _rules, table_flowable
from aigap_docs.exporters.brief.tagging import Element, TaggingCanvas
from aigap_docs.model import RichText
from aigap_docs.tables import TableView, table_view
from aigap_docs.theme import load_theme

from ..conftest import ReportWith

THEME = load_theme()
STYLES = brief_styles(THEME, register_fonts(THEME))
WIDTH = THEME.slots.brief[0] * inch

SIDE_BY_SIDE = """indicator,unit,period,us,china,figure
Private AI investment,US$ billions,2024,109.08,9.29,Fig 4.3.8
Cumulative private AI investment,US$ billions,2013\u20132024,470.9,119.3,Fig 4.3.9
Newly funded AI companies,companies,2024,1073,98,Fig 4.3.12
Notable AI models,models,2024,40,15,Figs 1.3.1\u20131.3.2
Share of granted AI patents,% of world,2023,14.2,69.7,Fig 1.2.3
"""
WIDE = {
    "\ndatasets:\n": """\ndatasets:
  sides:
    file: data/sides.csv
    source: investment-survey
    key: indicator
    columns:
      indicator: {type: text, label: Indicator}
      unit: {type: text, label: Unit}
      period: {type: text, label: Period}
      us: {type: number, label: United States, entity: us}
      china: {type: number, label: China, entity: china}
      figure: {type: text, label: Source figure}
""",
    "\ntables:\n": """\ntables:
  side-by-side:
    dataset: sides
    title: Two countries side by side
    columns: [indicator, unit, period, us, china, figure]
""",
}


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    """The minimal report with a six-column table (long labels, short numbers) on its only slide."""
    report_with = ReportWith(tmp_path_factory.mktemp("wide") / "content" / "wide")
    slides = "  - layout: table\n    title: Side by side\n    table: side-by-side\n"
    return report_with(slides, files={"data/sides.csv": SIDE_BY_SIDE.encode()}, replace=WIDE)


@pytest.fixture(scope="module")
def glance(wide):
    view = table_view(wide[0], "side-by-side")
    table = table_flowable(view, STYLES, WIDTH, Element("Table"))
    return view, table


def test_a_six_column_table_fills_the_text_column(glance):
    view, table = glance
    assert len(view.headers) == 6
    assert sum(table._colWidths) == pytest.approx(WIDTH)


def test_a_six_column_table_never_breaks_a_word_or_a_number(glance):
    view, table = glance
    for column, width in enumerate(table._colWidths):
        cells = [(view.headers[column], STYLES.cell_head)] + [(row[column], STYLES.cell) for row in view.rows]
        longest = max(stringWidth(w, s.fontName, s.fontSize) for text, s in cells for w in text.split())
        assert longest + 2 * PADDING <= width, view.headers[column]


def test_the_deck_lays_out_the_table_in_the_same_proportions(wide, glance):
    """One rule for both outputs: only the fonts, sizes and padding differ, so the fractions nearly match."""
    from aigap_docs.exporters.deck.plan import TableShape, plan

    _, table = glance
    shapes = (shape for slide in plan(*wide).slides for shape in slide.shapes)
    deck = next(shape for shape in shapes if isinstance(shape, TableShape))
    brief = [w / WIDTH for w in table._colWidths]
    assert [w / sum(deck.widths) for w in deck.widths] == pytest.approx(brief, abs=0.01)


def test_number_columns_are_right_aligned_and_text_columns_left(glance):
    view, table = glance
    for column, numeric in enumerate(view.numeric):
        alignments = {row[column].flowable.style.alignment for row in table._cellvalues}
        assert alignments == ({TA_RIGHT} if numeric else {0})


def test_the_header_row_repeats_on_every_page_the_table_runs_over(glance):
    assert glance[1].repeatRows == 1


def test_row_heights_are_what_reportlab_measures(glance):
    """Heights are measured once, up front; they must be the ones reportlab would find itself."""
    _, table = glance
    unmeasured = Table(table._cellvalues, colWidths=table._colWidths)
    unmeasured.setStyle(_rules(STYLES))
    unmeasured.wrap(WIDTH, 1e6)
    assert table._argH == unmeasured._rowHeights


def long_view(rows: int) -> TableView:
    return TableView(
        title=RichText.plain_text("A long table"),
        headers=["Country", "Region", "Value"],
        rows=[[f"Country {i}", f"Region {i % 7} of a longer name", f"{i / 10:.1f}"] for i in range(rows)],
        numeric=[False, False, True],
        note=None,
        citation="",
    )


def test_a_long_table_brings_reportlab_nothing_to_redo_at_each_page_break():
    """Split over pages, reportlab measured every remaining row again at each break and copied each
    style command into every part: a command per row made the work grow with rows x pages. Row heights
    are now given up front and the style's size does not depend on the rows (timed in benchmarks/)."""
    short, long = (table_flowable(long_view(rows), STYLES, WIDTH, Element("Table")) for rows in (200, 800))
    assert None not in long._argH
    assert len(long._linecmds) == len(short._linecmds)
    assert len(long._bkgrndcmds) == len(short._bkgrndcmds)
    # and it still prints, over many pages
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([long], canvasmaker=TaggingCanvas)


# --- splitting over pages -------------------------------------------------------------------------------

ROW = 10.0  # points per row of the blocks below


def block_of(rows: int, note: bool = True) -> TableBlock:
    """A captioned table of a header and `rows` rows of ROW points each, with a source line under it."""
    data = [["Site"]] + [[f"Site {n}"] for n in range(1, rows + 1)]
    table = Table(data, rowHeights=[ROW] * (rows + 1), repeatRows=1)
    below = [Paragraph("Source: here", STYLES.source)] if note else []
    return TableBlock(
        Paragraph("Table 1. Sites", STYLES.caption),
        table,
        below,
        lambda: Paragraph("Table 1 (continued)", STYLES.caption),
    )


def room_for(block: TableBlock, rows: int) -> float:
    """The height that takes the caption, the header and `rows` rows, and a little to spare."""
    block.wrap(WIDTH, 1e6)
    return block._placed[1][1] + ROW * (rows + 1) + ROW / 2


def body_rows(block: TableBlock) -> list[str]:
    return [row[0] for row in block.table._cellvalues[1:]]


def test_a_table_block_splits_between_the_rows_that_fit_and_the_rest():
    block = block_of(60)
    first, rest = block.split(WIDTH, room_for(block, 10))
    assert body_rows(first) == [f"Site {n}" for n in range(1, 11)]
    assert body_rows(rest)[0] == "Site 11" and rest.table._cellvalues[0] == ["Site"]  # header repeated
    assert first.caption.text == "Table 1. Sites" and rest.caption.text == "Table 1 (continued)"
    assert first.below == [] and [p.text for p in rest.below] == ["Source: here"]


def test_a_block_with_room_for_fewer_than_the_minimum_rows_moves_on_whole():
    block = block_of(60)
    assert block.split(WIDTH, room_for(block, MIN_ROWS - 1)) == []


def test_the_last_part_keeps_the_minimum_rows():
    block = block_of(20)
    first, rest = block.split(WIDTH, room_for(block, 19))
    assert len(body_rows(rest)) == MIN_ROWS and len(body_rows(first)) == 20 - MIN_ROWS


def test_a_continued_part_splits_again_by_the_same_rule():
    block = block_of(60)
    _, rest = block.split(WIDTH, room_for(block, 10))
    second, third = rest.split(WIDTH, room_for(rest, 49))
    assert len(body_rows(third)) == MIN_ROWS  # reportlab drops the range on the parts it makes
    assert third.caption.text == "Table 1 (continued)"


def test_rows_that_fit_without_their_source_line_leave_the_minimum_rows_to_go_with_it():
    block = block_of(10)
    first, rest = block.split(WIDTH, room_for(block, 10))
    assert len(body_rows(rest)) == MIN_ROWS and [p.text for p in rest.below] == ["Source: here"]
