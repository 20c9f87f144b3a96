"""A native table for the brief: the shared table view, set to the column width with numbers right-aligned."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from aigap_docs.exporters.brief import markup
from aigap_docs.exporters.brief.styles import Styles
from aigap_docs.tables import Measure, TableView, column_widths

PADDING = 4.0
"""Points of space left and right of every cell's text."""
TOP_PADDING, BOTTOM_PADDING = 3.0, 3.5
"""Points of space above and below every cell's text."""
_SLACK = 0.5  # so rounding can never push a measured one-line cell onto two lines


class TooManyColumns(ValueError):
    """The table's columns cannot all fit the page's width, even with every word broken."""


def table_flowable(view: TableView, styles: Styles, width: float) -> Table:
    """The table as a reportlab Table: header row repeated on every page it runs over, light rules only."""
    head = [
        Paragraph(markup.plain(h), styles.cell_head_number if num else styles.cell_head)
        for h, num in zip(view.headers, view.numeric, strict=True)
    ]
    body = [
        [
            Paragraph(markup.plain(cell), styles.cell_number if num else styles.cell)
            for cell, num in zip(row, view.numeric, strict=True)
        ]
        for row in view.rows
    ]
    widths = column_widths(view, _measure(styles), width)
    if min(widths) < 2 * PADDING + 1:  # reportlab fails on a column with no room inside its padding
        message = f"its {len(widths)} columns do not fit the page's width even with words broken"
        raise TooManyColumns(f"{message}: show fewer columns")
    rows = [head, *body]
    heights = [_row_height(row, widths) for row in rows]
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT")
    table.setStyle(_rules(styles))
    return table


def _row_height(cells: list[Paragraph], widths: list[float]) -> float:
    """The height reportlab would measure for a row, measured once here.

    Left to reportlab, a table split over pages measures every remaining row again at each page break,
    so a long table's build time grew with rows x pages.
    """
    tallest = max(cell.wrap(width - 2 * PADDING, 1e6)[1] for cell, width in zip(cells, widths, strict=True))
    return tallest + (BOTTOM_PADDING + TOP_PADDING)  # summed in reportlab's order: the same bytes


def _measure(styles: Styles) -> Measure:
    """A cell's one-line width in points, padding included, in the header's or the body's font."""

    def measure(text: str, head: bool) -> float:
        style = styles.cell_head if head else styles.cell
        return stringWidth(text, style.fontName, style.fontSize) + 2 * PADDING + _SLACK

    return measure


def _rules(styles: Styles) -> TableStyle:
    palette = styles.palette
    return TableStyle(
        [
            # Cells hold paragraphs, but reportlab still sets each cell's font: Helvetica unless told.
            ("FONT", (0, 0), (-1, -1), styles.faces.regular, styles.cell.fontSize),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
            ("BACKGROUND", (0, 0), (-1, 0), palette.box),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, palette.accent),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, palette.accent),
            # One command for every row's rule: a table split over pages carries every command to each
            # part, so a command per row made a long table's build time grow with rows x pages.
            ("LINEBELOW", (0, 1), (-1, -2), 0.4, palette.rule),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, palette.accent),
        ]
    )
