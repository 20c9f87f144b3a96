"""A native table for the brief: the shared table view, set to the column width with numbers right-aligned,
and its block (caption, table, note, source) that splits over pages where it falls."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from aigap_docs.exporters.brief import markup
from aigap_docs.exporters.brief.styles import Styles
from aigap_docs.exporters.brief.tagging import Element, Marked, rules_as_artifacts
from aigap_docs.tables import Measure, TableView, column_widths

PADDING = 4.0
"""Points of space left and right of every cell's text."""
TOP_PADDING, BOTTOM_PADDING = 3.0, 3.5
"""Points of space above and below every cell's text."""
_SLACK = 0.5  # so rounding can never push a measured one-line cell onto two lines
MIN_ROWS = 3
"""Body rows a table keeps on each side of a page break: fewer, and the table moves on whole."""


class TooManyColumns(ValueError):
    """The table's columns cannot all fit the page's width, even with every word broken."""


def table_flowable(view: TableView, styles: Styles, width: float, element: Element) -> Table:
    """The table as a reportlab Table: header row repeated on every page it runs over, light rules only.

    Its structure goes under `element` (a Table): THead with a TR of TH (Scope Column), TBody with a TR per
    row, each cell a TD, or a TH (Scope Row) in a first column of text, which names the row. Each cell keeps
    its element on every page, so a table split over pages is still one Table; the header row repeated on a
    later page is an artifact. Backgrounds and rules are artifacts.
    """
    head_row = element.add("THead").add("TR")
    head = [
        Marked(
            Paragraph(markup.plain(h), styles.cell_head_number if num else styles.cell_head),
            head_row.add("TH", scope="Column"),
            once=True,
        )
        for h, num in zip(view.headers, view.numeric, strict=True)
    ]
    body_element = element.add("TBody")
    body = []
    for row in view.rows:
        tr = body_element.add("TR")
        body.append(
            [
                Marked(
                    Paragraph(markup.plain(cell), styles.cell_number if num else styles.cell),
                    tr.add("TH", scope="Row") if column == 0 and not num else tr.add("TD"),
                )
                for column, (cell, num) in enumerate(zip(row, view.numeric, strict=True))
            ]
        )
    widths = column_widths(view, _measure(styles), width)
    if min(widths) < 2 * PADDING + 1:  # reportlab fails on a column with no room inside its padding
        message = f"its {len(widths)} columns do not fit the page's width even with words broken"
        raise TooManyColumns(f"{message}: show fewer columns")
    rows = [head, *body]
    heights = [_row_height(row, widths) for row in rows]
    table = Table(
        rows, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT", renderCB=rules_as_artifacts
    )
    table.setStyle(_rules(styles))
    return table


def _row_height(cells: list[Marked], widths: list[float]) -> float:
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
            # Each part of a table split over pages ends on the same rule as the whole table.
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.8, palette.accent),
        ]
    )


class TableBlock(Flowable):
    """A table under its caption, with its note and source line below, that splits where it falls.

    Kept whole while it fits in what is left of the page. Otherwise the table breaks between rows there
    (MIN_ROWS at least on each side, else the block moves on whole), its header row repeated, and each
    part after the first goes under a '(continued)' caption; the note and the source line stay with the
    last part. The caption is never left without rows under it.
    """

    def __init__(
        self,
        caption: Paragraph,
        table: Table,
        below: Sequence[Paragraph],
        continued: Callable[[], Paragraph],
    ):
        super().__init__()
        self.caption, self.table, self.below, self.continued = caption, table, list(below), continued
        # Where reportlab may break the table: after the header and MIN_ROWS rows, before the last
        # MIN_ROWS. Set on each part, as reportlab gives the part it splits off no range (5.1 reads its
        # own, empty, range when it carries the whole table's over).
        table._rowSplitRange = (1 + MIN_ROWS, table._nrows - MIN_ROWS)

    def _parts(self) -> list[Flowable]:
        return [self.caption, self.table, *self.below]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        return self.caption.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab API)
        return self._parts()[-1].getSpaceAfter()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._placed = _stack(self._parts(), availWidth)
        self.height = self._placed[-1][1] + self._placed[-1][2] if self._placed else 0.0
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        _, table_top, table_height = self._placed[1]
        below = self.height - table_top - table_height  # the note and source line, with their gaps
        room = availHeight - table_top
        parts = self.table.split(availWidth, room)
        if len(parts) == 1:  # every row fits but the note or source line would not: rows go on with them
            parts = self.table.split(availWidth, room - below)
        if len(parts) != 2:
            return []
        first, rest = parts
        return [
            TableBlock(self.caption, first, [], self.continued),
            TableBlock(self.continued(), rest, self.below, self.continued),
        ]

    def draw(self) -> None:
        for part, top, height in self._placed:
            part.drawOn(self.canv, 0, self.height - top - height)


def _stack(parts: list[Flowable], width: float) -> list[tuple[Flowable, float, float]]:
    """Each part with its top (from the block's top) and height, one under the other; the space between two
    is the larger of the upper one's space after and the lower one's space before, as a frame sets it."""
    placed: list[tuple[Flowable, float, float]] = []
    top = 0.0
    for i, part in enumerate(parts):
        if i:
            top += max(parts[i - 1].getSpaceAfter(), part.getSpaceBefore())
        height = part.wrap(width, 1e6)[1]
        placed.append((part, top, height))
        top += height
    return placed
