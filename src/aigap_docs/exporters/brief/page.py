"""The brief's pages and document: page size, one centred text column, the cover band, running header and
footer, metadata, outline, and the two passes that let every footer say "page N of M".
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NullDraw, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError, _FrameBreak

from aigap_docs import __version__
from aigap_docs.exporters import DocumentInfo
from aigap_docs.exporters.brief import markup
from aigap_docs.exporters.brief.structure import tag
from aigap_docs.exporters.brief.styles import Styles
from aigap_docs.exporters.brief.tagging import FOOTER, HEADER, Element, TaggingCanvas

PAGE_SIZES = {"A4": A4, "letter": LETTER}
_BAND_PAD_TOP = 15 * mm
_BAND_PAD_BOTTOM = 9 * mm
_BELOW_BAND = 9 * mm
_TOP = 22 * mm  # the text column starts here on later pages, under the running header
_BOTTOM = 20 * mm
_HEADER = 12 * mm  # baseline of the running header, from the top edge
_FOOTER = 11 * mm  # baseline of the footer, from the bottom edge


@dataclass(frozen=True)
class Layout:
    """The page and its one text column, centred: as wide as the charts drawn for it."""

    width: float
    height: float
    column: float

    @classmethod
    def of(cls, page_size: str, column: float) -> Layout:
        """The layout of a page named 'A4' or 'letter'."""
        width, height = PAGE_SIZES[page_size]
        return cls(width, height, column)

    @property
    def margin(self) -> float:
        return (self.width - self.column) / 2


def long_date(date: dt.date) -> str:
    """'27 November 2026': unambiguous in every English-speaking country, unlike 11/27/2026."""
    return f"{date.day} {date:%B %Y}"


class OutlineEntry(Flowable):
    """An invisible mark that puts the heading after it into the PDF outline (the bookmarks pane).

    It keeps with the heading, so the bookmark lands on the heading's page, at its top.
    """

    keepWithNext = 1

    def __init__(self, title: str, key: str):
        super().__init__()
        self.title, self.key = title, key

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def floating(flowable: Flowable) -> Flowable:
    """`flowable` (a numbered figure or table) marked as one that may wait for the next page's top while the
    text after it fills this page (see BriefDocument.handle_flowable)."""
    flowable.floats = True  # type: ignore[attr-defined]
    return flowable


class FloatBarrier(NullDraw):
    """An invisible mark no text passes a waiting figure or table at: a heading (the figure belongs to its
    section) and the story's end. It takes no room and keeps the space between its neighbours."""

    _ZEROSIZE = True  # fits even on a full page, so it never starts one of its own
    _SPACETRANSFER = True  # the space after the flowable above still merges with the one below


class CoverTooTall(LayoutError):
    """The title, subtitle and byline need more than half of page one."""


class _Cover:
    """The title block printed on the accent band across the top of page one: the document's H1 (the title)
    and two paragraphs (subtitle, byline), added to `document` first as they come first in reading order."""

    def __init__(self, info: DocumentInfo, styles: Styles, layout: Layout, document: Element):
        parts = [Paragraph(markup.plain(info.title), styles.title)]
        if info.subtitle:
            parts.append(Paragraph(markup.plain(info.subtitle), styles.subtitle))
        byline = f"{', '.join(info.authors)}  \u00b7  {long_date(info.date)}"
        parts.append(Paragraph(markup.plain(byline), styles.byline))
        self.parts = parts
        self.elements = [document.add("H1")] + [document.add("P") for _ in parts[1:]]
        self.layout = layout
        self.colour = styles.palette.accent
        heights = [p.wrap(balanced_width(p, layout.column), layout.height)[1] for p in parts]
        gaps = [p.getSpaceBefore() if i else 0 for i, p in enumerate(parts)]
        self.height = _BAND_PAD_TOP + sum(heights) + sum(gaps) + _BAND_PAD_BOTTOM
        if self.height > layout.height / 2:
            raise CoverTooTall(f"the title band would be {self.height:.0f} pt tall, over half the page")

    def draw(self, canvas: TaggingCanvas) -> None:
        layout = self.layout
        canvas.setFillColor(self.colour)
        with canvas.artifact():
            canvas.rect(0, layout.height - self.height, layout.width, self.height, stroke=0, fill=1)
        y = layout.height - _BAND_PAD_TOP
        for i, (part, element) in enumerate(zip(self.parts, self.elements, strict=True)):
            y -= (part.getSpaceBefore() if i else 0) + part.height
            with canvas.marked(element):
                part.drawOn(canvas, layout.margin, y)


def balanced_width(paragraph: Paragraph, width: float) -> float:
    """The narrowest width that keeps `paragraph` on as many lines as `width` does.

    Wrapped at that width, a two-line title breaks near its middle instead of leaving one word alone on
    the second line (CSS calls this text-wrap: balance).
    """
    height = paragraph.wrap(width, 1e6)[1]
    low, high = width / 2, width
    for _ in range(12):  # bisection to well under a point
        middle = (low + high) / 2
        low, high = (low, middle) if paragraph.wrap(middle, 1e6)[1] <= height else (middle, high)
    return high


class BriefDocument(BaseDocTemplate):
    """A platypus document with the brief's two page templates, metadata and fixed dates, drawn on a
    TaggingCanvas: the cover's elements go into `document`, running heads and footers are artifacts.

    Figures and tables float as in LaTeX, with the rules readers of policy briefs expect: one that
    neither fits in what is left of the page nor splits there waits for the top of the next page, and the
    text after it fills this page. Floats never pass each other, nor a heading (FloatBarrier). reportlab
    5.1 has no float queue (KeepTogether only moves a block to the next frame, leaving the hole), and its
    page-top flowables cannot run over a page; so handle_flowable, its hook for taking the story's next
    flowable, holds the waiting float and puts it back at the front of the story on the next page.
    The structure tree is made with the story, in source order, so a float that waits is still read where
    the source has it.

    `total_pages` is None on the first pass (footers say "Page N") and the count from that pass on the
    second, when footers say "Page N of M". The layout never depends on it, so both passes break alike.
    """

    def __init__(
        self,
        out: io.BytesIO,
        info: DocumentInfo,
        styles: Styles,
        layout: Layout,
        total_pages: int | None,
        document: Element,
    ):
        super().__init__(
            out,
            pagesize=(layout.width, layout.height),
            leftMargin=layout.margin,
            rightMargin=layout.margin,
            topMargin=_TOP,
            bottomMargin=_BOTTOM,
            title=info.title,
            author=", ".join(info.authors),
            subject=info.subtitle or info.title,
            keywords=list(info.keywords),
            creator=f"aigap-docs {__version__}",
            lang=info.language,
            displayDocTitle=1,
            invariant=1,
            initialFontName=styles.faces.regular,
        )
        self.info, self.styles, self.layout = info, styles, layout
        self.total_pages = total_pages
        self.cover = _Cover(info, styles, layout, document)
        cover_frame = self._frame(layout.height - self.cover.height - _BELOW_BAND)
        body_frame = self._frame(layout.height - _TOP)
        self.addPageTemplates(
            [
                PageTemplate(
                    "cover",
                    [cover_frame],
                    onPage=self._draw_cover,
                    onPageEnd=self._draw_footer,
                    autoNextPageTemplate="body",
                ),
                PageTemplate("body", [body_frame], onPage=self._draw_header, onPageEnd=self._draw_footer),
            ]
        )

    def build(self, flowables: list[Flowable], *args: object, **kwargs: object) -> None:
        super().build([*flowables, FloatBarrier()], *args, **kwargs)  # a float left waiting still prints

    def handle_documentBegin(self) -> None:  # noqa: N802 (reportlab hook)
        self._waiting: Flowable | None = None
        """A float that starts the next page (one at most: floats do not pass each other)."""
        self._waiting_since = 0
        """The page it did not fit on."""
        self._floated_onto = 0
        """The last page a waiting float was placed on, at its top."""
        super().handle_documentBegin()

    def handle_flowable(self, flowables: list[Flowable]) -> None:  # noqa: N802 (reportlab hook)
        first = flowables[0]
        if self._waiting is not None and flowables is not self._hanging:  # the story, not a page's start
            if self.page > self._waiting_since:  # the float goes first on the new page, before the text
                flowables.insert(0, self._waiting)
                first, self._waiting, self._floated_onto = self._waiting, None, self.page
            elif isinstance(first, FloatBarrier) or getattr(first, "floats", False):
                self.handle_frameEnd()  # no text left to pass the waiting float: it starts the next page
                return
        if getattr(first, "floats", False) and self._moves_on(first):
            self._waiting, self._waiting_since = flowables.pop(0), self.page
            return
        if self._floated_onto == self.page and getattr(first, "_postponed", False):
            # Text that passed a float ran over, and the float took its room on this page: it may wait once
            # more instead of reportlab calling it too large for a page.
            del first._postponed
        super().handle_flowable(flowables)

    def _moves_on(self, flowable: Flowable) -> bool:
        """Whether reportlab would move `flowable` whole to the next page: it neither fits nor splits here."""
        frame = self.frame
        if frame._atTop:
            return False
        space = max(flowable.getSpaceBefore() - frame._prevASpace, 0)
        room = frame._y - frame._y1p - space
        if flowable.wrapOn(self.canv, frame._getAvailableWidth(), room)[1] <= room:
            return False
        parts = frame.split(flowable, self.canv)
        return not parts or isinstance(parts[0], _FrameBreak)  # KeepTogether moving on

    def _frame(self, top: float) -> Frame:
        layout = self.layout
        return Frame(
            layout.margin,
            _BOTTOM,
            layout.column,
            top - _BOTTOM,
            id="column",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab hook)
        # invariant=1 pins the dates to 2000-01-01; the build clock says which date they should be.
        pdf_date = self.info.built.strftime("D:%Y%m%d%H%M%S+00'00'")
        self.canv.setDateFormatter(lambda *_: pdf_date)

    def _draw_cover(self, canvas: TaggingCanvas, doc: object) -> None:
        self.cover.draw(canvas)

    def _draw_header(self, canvas: TaggingCanvas, doc: object) -> None:
        layout, styles = self.layout, self.styles
        font, size = styles.faces.regular, styles.small
        y = layout.height - _HEADER
        date = long_date(self.info.date)
        room = layout.column - stringWidth(date, font, size) - 4 * size
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(styles.palette.muted)
        with canvas.artifact(HEADER):
            canvas.drawString(layout.margin, y, fit(self.info.label, font, size, room))
            canvas.drawRightString(layout.margin + layout.column, y, date)
            canvas.setStrokeColor(styles.palette.rule)
            canvas.setLineWidth(0.5)
            canvas.line(layout.margin, y - 0.6 * size, layout.margin + layout.column, y - 0.6 * size)
        canvas.restoreState()

    def _draw_footer(self, canvas: TaggingCanvas, doc: object) -> None:
        layout, styles = self.layout, self.styles
        number = canvas.getPageNumber()
        label = f"Page {number}" + (f" of {self.total_pages}" if self.total_pages else "")
        canvas.saveState()
        canvas.setFont(styles.faces.regular, styles.small)
        canvas.setFillColor(styles.palette.muted)
        with canvas.artifact(FOOTER):
            canvas.drawRightString(layout.margin + layout.column, _FOOTER, label)
        canvas.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut and ended with '…' if it is wider than `width`: a running head has one line.

    The cut falls at the last space that fits, or inside the word when a single word is too wide.
    """
    if stringWidth(text, font, size) <= width:
        return text

    def fits(n: int) -> bool:
        return stringWidth(text[:n].rstrip() + "\u2026", font, size) <= width

    low, high = 0, len(text)  # the longest prefix that fits, by bisection: widths only grow with length
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    space = text.rfind(" ", 0, low + 1)
    return text[: space if space > 0 else low].rstrip() + "\u2026"


def render(
    make_story: Callable[[Element], list[Flowable]], info: DocumentInfo, styles: Styles, layout: Layout
) -> bytes:
    """Lay the story out twice: once to count the pages, once to print "page N of M" with that count; then
    write the structure tree the second pass drew into the PDF.

    `make_story(document)` adds the story's structure elements to `document` (after the cover's) and returns
    its flowables.
    """
    counting_document = Element("Document")
    counting = BriefDocument(io.BytesIO(), info, styles, layout, None, counting_document)
    counting.build(make_story(counting_document), canvasmaker=TaggingCanvas)
    out, document = io.BytesIO(), Element("Document")
    final = BriefDocument(out, info, styles, layout, counting.page, document)
    final.build(make_story(document), canvasmaker=TaggingCanvas)
    return tag(out.getvalue(), document, info)
