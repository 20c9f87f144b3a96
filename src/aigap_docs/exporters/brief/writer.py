"""The PDF brief: the plan (plan.py) laid out with reportlab platypus, its charts as vector drawings.

The brief reads top to bottom: a title band, the summary as a lede, the key-findings box, the sections
(paragraphs, numbered figures and tables, each with its source line), then the sources. Charts come from
the shared renderer as recordings of their paths and text (charts/vector.py, replayed by chart.py), so they
stay sharp at any zoom and their numbers can be searched. Every font is the theme's bundled one, embedded
and subset.

The brief is a tagged PDF/UA-1 file: each flowable is made with its structure element (tagging.py), in
reading order, and structure.py writes the tree into the PDF after the layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from aigap_docs.charts import ChartRequest, Figures
from aigap_docs.errors import ExportError, Problem
from aigap_docs.exporters import Built
from aigap_docs.exporters.brief import markup
from aigap_docs.exporters.brief.chart import Chart
from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.exporters.brief.page import CoverTooTall, FloatBarrier, Layout, OutlineEntry, floating, render
from aigap_docs.exporters.brief.plan import BriefPlan, FigurePlan, TablePlan
from aigap_docs.exporters.brief.styles import Styles, brief_styles
from aigap_docs.exporters.brief.table import TableBlock, TooManyColumns, table_flowable
from aigap_docs.exporters.brief.tagging import PAGINATION, Element, Marked, rules_as_artifacts
from aigap_docs.exporters.brief.tagging import install as install_tagging
from aigap_docs.model import RichText, Source
from aigap_docs.theme import Theme

NAME = "pdf"
SUFFIX = ".pdf"

_LINES_UNDER_HEADING = 3


def build(plan: BriefPlan, figures: Figures, theme: Theme) -> Built:
    """The brief as PDF bytes, with the plan's warnings (text the bundled font cannot draw).

    Raises ExportError if the content cannot be laid out on the page.
    """
    install_tagging()
    faces = register_fonts(theme)
    styles = brief_styles(theme, faces)
    layout = Layout.of(plan.page_size, theme.slots.brief[0] * inch)
    drawings = {request: Chart(figures[request, "ops"], faces) for request in plan.chart_requests()}
    try:
        data = render(
            lambda document: _story(plan, styles, drawings, layout.column, document),
            plan.info,
            styles,
            layout,
        )
    except CoverTooTall as error:
        message = f"the brief cannot be laid out: {error}; shorten the title, subtitle or authors"
        raise ExportError([Problem(plan.where, message, "title")]) from None
    except LayoutError:
        # reportlab names the flowable by its memory address; what helps a writer is what to shorten.
        message = (
            "the brief cannot be laid out: a title, finding, table cell or caption is too long for a page"
        )
        raise ExportError([Problem(plan.brief_where, message, "brief")]) from None
    return Built(data, list(plan.warnings))


# --- the story ------------------------------------------------------------------------------------------


def _story(
    plan: BriefPlan, styles: Styles, drawings: dict[ChartRequest, Chart], width: float, document: Element
) -> list[Flowable]:
    """Everything below the title band, in reading order (made afresh for each layout pass), each flowable
    tied to its structure element under `document`.

    Figures and tables float (page.BriefDocument): one that does not fit in what is left of a page, and
    cannot split there, starts the next page, and the text after it in its section fills this page first.
    A table that can split there splits.
    """
    link = styles.palette.accent
    story: list[Flowable] = []
    if plan.summary:
        story.append(Marked(Paragraph(markup.rich(plan.summary, link), styles.lede), document.add("P")))
    if plan.findings:
        story.append(_findings_box(plan.findings_title, plan.findings, styles, width, document))
    for number, section in enumerate(plan.sections, 1):
        heading = Paragraph(markup.rich(section.heading, link), styles.heading)
        outline = OutlineEntry(section.heading.plain, f"section-{number}")
        story += _heading(heading, styles, width, document, outline)
        for block in section.body:
            if isinstance(block, FigurePlan):
                story.append(floating(_figure(block, styles, drawings[block.request], document)))
            elif isinstance(block, TablePlan):
                story.append(floating(_table(block, styles, width, document)))
            else:
                story.append(Marked(Paragraph(markup.rich(block, link), styles.body), document.add("P")))
    story.extend(_sources(plan.sources_title, plan.sources, styles, width, document))
    return story


def _heading(
    heading: Paragraph, styles: Styles, width: float, parent: Element, *marks: Flowable
) -> list[Flowable]:
    """A heading (an H2 under `parent`) that starts a new page unless there is room under it for a few lines.

    Keeping it with the whole next paragraph (keepWithNext) would push a long paragraph, and leave a hole
    of up to its height; room for a few lines is what readers expect under a heading. A figure or table
    waiting for the next page is placed before it: it belongs to the section above.
    """
    below = styles.heading.spaceBefore + heading.wrap(width, 1e6)[1] + styles.heading.spaceAfter
    marked = Marked(heading, parent.add("H2"))
    return [FloatBarrier(), CondPageBreak(below + _LINES_UNDER_HEADING * styles.body.leading), *marks, marked]


def _findings_box(
    title: str, findings: Sequence[RichText], styles: Styles, width: float, document: Element
) -> Table:
    """The key findings on a tinted panel with an accent rule; one row each, so a long list can split.

    Structure: a Sect with the box's heading (H2) and a list (L), each finding an LI whose bullet is its
    Lbl and whose text is its LBody; the panel and its rule are artifacts.
    """
    link = styles.palette.accent
    section = document.add("Sect")
    rows: list[list[Flowable]] = [
        [Marked(Paragraph(markup.plain(title), styles.box_title), section.add("H2"))]
    ]
    items = section.add("L")
    for finding in findings:
        item = items.add("LI")
        paragraph = Paragraph(markup.rich(finding, link), styles.finding, bulletText="\u2022")
        label = item.add("Lbl")
        rows.append([Marked(paragraph, item.add("LBody"), label=label)])
    box = Table(
        rows,
        colWidths=[width],
        hAlign="LEFT",
        spaceAfter=styles.body.fontSize * 1.2,
        renderCB=rules_as_artifacts,
    )
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.faces.regular),  # else reportlab sets Helvetica per cell
                ("BACKGROUND", (0, 0), (-1, -1), styles.palette.box),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, styles.palette.accent),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    return box


def _figure(figure: FigurePlan, styles: Styles, drawing: Chart, document: Element) -> KeepTogether:
    """'Figure N.' and its caption above the chart, the source line below, on one page.

    Structure: a Figure whose Alt is the chart's alt text, its Caption first, then the drawing, every
    operator of it inside the Figure's marked content; the source line a P after it.
    """
    element = document.add("Figure", alt=figure.alt)
    caption = Paragraph(
        _label("Figure", figure.number, styles) + markup.rich(figure.caption, styles.palette.accent),
        styles.caption,
    )
    source = Paragraph(markup.plain(figure.citation), styles.source)
    return KeepTogether(
        [
            Marked(caption, element.add("Caption")),
            Marked(drawing, element),
            Marked(source, document.add("P")),
        ]
    )


def _table(planned: TablePlan, styles: Styles, width: float, document: Element) -> TableBlock:
    """'Table N.' and caption, the table, its note and source line; split where it falls, each part after
    the first under 'Table N (continued)'.

    Structure: a Table with its Caption first, then its rows (table.py); the note and the source line are
    P after it; each '(continued)' caption is an artifact, as it repeats what the caption said.
    """
    view = planned.view
    link = styles.palette.accent
    element = document.add("Table")
    caption = Paragraph(
        _label("Table", planned.number, styles) + markup.rich(planned.caption, link), styles.caption
    )
    marked_caption = Marked(caption, element.add("Caption"))
    try:
        table = table_flowable(view, styles, width, element)
    except TooManyColumns as error:
        raise ExportError([Problem(planned.where, str(error), planned.field)]) from None
    below = []
    if view.note:
        below.append(Paragraph("Note: " + markup.rich(view.note, link), styles.note))
    below.append(Paragraph(markup.plain(view.citation), styles.source))
    continued = f'<font color="{styles.palette.accent}"><b>Table {planned.number}</b></font> (continued)'
    return TableBlock(
        marked_caption,
        table,
        [Marked(p, document.add("P")) for p in below],
        lambda: Marked(Paragraph(continued, styles.caption), None, PAGINATION),
    )


def _label(kind: str, number: int, styles: Styles) -> str:
    return f'<font color="{styles.palette.accent}"><b>{kind} {number}.</b></font> '


def _sources(
    title: str, sources: Sequence[Source], styles: Styles, width: float, document: Element
) -> list[Flowable]:
    """The sources heading (H2) and one entry (P) per source: publisher, title, year, the link, the note."""
    entries = _heading(Paragraph(markup.plain(title), styles.heading), styles, width, document)
    for source in sources:
        text = f"{markup.plain(source.publisher)}. <i>{markup.plain(source.title)}</i>"
        if source.year:
            text += f", {source.year}"
        text += "."
        if source.url:
            text += " " + markup.link(source.url, markup.plain(source.url), styles.palette.accent)
        if source.note:
            text += f'<br/><font color="{styles.palette.muted}">{markup.plain(source.note)}</font>'
        entries.append(Marked(Paragraph(text, styles.reference), document.add("P")))
    return entries
