"""Marked content as the brief is drawn: every mark on a page belongs to a structure element or an artifact.

reportlab has no tagging of its own. The brief's logical structure (Document > H1, H2, P, L, Figure, Table,
...) is built as a tree of `Element`s when the story is made, in reading order; as each flowable draws, the
`TaggingCanvas` wraps its operators in `/Role <</MCID n>> BDC ... EMC`, recording (page, MCID) on the element.
Running heads, page numbers, bands and rules are drawn as `/Artifact`. structure.py then writes the tree into
the PDF. A table split over pages keeps one element per cell, so it stays one Table in reading order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, paragraph


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: the MCID-th on page `page` (1-based)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """The `index`-th link annotation of page `page` (1-based), and what it says to a screen reader."""

    page: int
    index: int
    contents: str


@dataclass(eq=False)
class Element:
    """A structure element: its standard role, what it says of itself, and its kids in reading order."""

    role: str
    alt: str | None = None
    """The alternative text that replaces the element's content for a screen reader (a Figure's)."""
    scope: str | None = None
    """'Column' or 'Row': what a TH heads."""
    kids: list[Element | Content | Annotation] = field(default_factory=list)

    def add(self, role: str, alt: str | None = None, scope: str | None = None) -> Element:
        """A new last kid of this element."""
        kid = Element(role, alt, scope)
        self.kids.append(kid)
        return kid

    def walk(self) -> Iterator[Element]:
        """This element and every one under it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()


LAYOUT = "<</Type /Layout>>"
"""An artifact of the page's design: bands, boxes, rules."""
HEADER = "<</Type /Pagination /Subtype /Header>>"
FOOTER = "<</Type /Pagination /Subtype /Footer>>"
PAGINATION = "<</Type /Pagination>>"
"""An artifact repeated because the content ran onto another page: a repeated header row, '(continued)'."""


class TaggingCanvas(Canvas):
    """A reportlab canvas that can wrap what is drawn in marked content and records where each MCID went."""

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self._next_mcid = 0
        self._links_on_page = 0
        self._open: list[Element | None] = []
        self._after_bullet: Element | None = None

    @contextmanager
    def marked(self, element: Element) -> Iterator[None]:
        """What is drawn inside is `element`'s content: one marked-content sequence with the next MCID."""
        self._begin(element)
        try:
            yield
        finally:
            self._end()

    @contextmanager
    def artifact(self, kind: str = LAYOUT) -> Iterator[None]:
        """What is drawn inside is no content: a reader skips it (kind is one of the artifact dicts above)."""
        self.addLiteral(f"/Artifact {kind} BDC")
        self._open.append(None)
        try:
            yield
        finally:
            self._end()

    @contextmanager
    def list_item(self, label: Element, body: Element) -> Iterator[None]:
        """A paragraph whose bullet is `label`'s content and whose text is `body`'s (see _draw_bullet)."""
        self._begin(label)
        self._after_bullet = body
        try:
            yield
        finally:
            self._after_bullet = None
            self._end()

    def _begin(self, element: Element) -> None:
        mcid, self._next_mcid = self._next_mcid, self._next_mcid + 1
        self.addLiteral(f"/{element.role} <</MCID {mcid}>> BDC")
        element.kids.append(Content(self.getPageNumber(), mcid))
        self._open.append(element)

    def _end(self) -> None:
        self.addLiteral("EMC")
        self._open.pop()

    def bullet_drawn(self) -> None:
        """The list item's label is drawn: what follows is its body."""
        if self._after_bullet is not None:
            body, self._after_bullet = self._after_bullet, None
            self._end()
            self._begin(body)

    def linkURL(self, url: str, rect: object, relative: int = 0, *args: object, **kwargs: object) -> None:  # noqa: N802
        """A link annotation, tied to a Link element under the element being drawn (PDF/UA wants both)."""
        super().linkURL(url, rect, relative, *args, **kwargs)
        owner = next((e for e in reversed(self._open) if e is not None), None)
        if owner is None:
            raise RuntimeError(f"a link to {url} drawn outside any structure element")  # a bug of ours
        owner.add("Link").kids.append(Annotation(self.getPageNumber(), self._links_on_page, url))
        self._links_on_page += 1

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        if self._open:
            raise RuntimeError("marked content left open at the end of a page")  # a bug of ours
        super().showPage()
        self._next_mcid = 0
        self._links_on_page = 0


class Marked(Flowable):
    """A flowable drawn as `element`'s content, or as an artifact of `artifact` kind when element is None.

    Wrapping, splitting and spacing are the inner flowable's, so tagging moves nothing on the page. The
    parts of a split share the element: a paragraph over two pages is one P. With `label`, the flowable is a
    paragraph with a bullet: the bullet is the label's content, the text the element's (an LI's Lbl and
    LBody). With `once`, only the first drawing is content and later ones are artifacts: a table's header
    row, repeated on each page the table runs over.
    """

    def __init__(
        self,
        flowable: Flowable,
        element: Element | None,
        artifact: str = LAYOUT,
        label: Element | None = None,
        once: bool = False,
    ):
        super().__init__()
        self.flowable, self.element, self.artifact, self.label, self.once = (
            flowable,
            element,
            artifact,
            label,
            once,
        )

    def _like(self, flowable: Flowable) -> Marked:
        return Marked(flowable, self.element, self.artifact, self.label, self.once)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        canvas = getattr(self, "canv", None)
        inner = self.flowable
        width, height = (
            inner.wrapOn(canvas, availWidth, availHeight) if canvas else inner.wrap(availWidth, availHeight)
        )
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        canvas = getattr(self, "canv", None)
        inner = self.flowable
        parts = (
            inner.splitOn(canvas, availWidth, availHeight) if canvas else inner.split(availWidth, availHeight)
        )
        return [self._like(part) for part in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        return self.flowable.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab API)
        return self.flowable.getSpaceAfter()

    def getKeepWithNext(self) -> bool:  # noqa: N802 (reportlab API)
        return self.flowable.getKeepWithNext()

    def minWidth(self) -> float:  # noqa: N802 (reportlab API)
        return self.flowable.minWidth()

    def drawOn(self, canvas: TaggingCanvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        element = self.element
        if element is not None and self.once and any(isinstance(k, Content) for k in element.kids):
            element = None
        if element is None:
            mark = canvas.artifact(PAGINATION if self.once else self.artifact)
        elif self.label is not None:
            mark = canvas.list_item(self.label, element)
        else:
            mark = canvas.marked(element)
        with mark:
            self.flowable.drawOn(canvas, x, y, _sW)


def rules_as_artifacts(table: object, event: str, *args: object) -> None:
    """A reportlab Table's renderCB: its backgrounds and rules are artifacts (its cells are Marked)."""
    canvas = table.canv  # type: ignore[attr-defined]
    if event in ("startBG", "startLines"):
        canvas.addLiteral(f"/Artifact {LAYOUT} BDC")
    elif event in ("endBG", "endLines"):
        canvas.addLiteral("EMC")


_reportlab_draw_bullet = paragraph._drawBullet


def _draw_bullet(canvas: Canvas, *args: object, **kwargs: object) -> float:
    offset = _reportlab_draw_bullet(canvas, *args, **kwargs)
    if isinstance(canvas, TaggingCanvas):
        canvas.bullet_drawn()
    return offset


def install() -> None:
    """Let a list item's bullet close its Lbl and open its LBody (idempotent; the brief's writer calls it).

    reportlab draws a paragraph's bullet and then its text in one go, through this module-level function.
    """
    paragraph._drawBullet = _draw_bullet
