"""The PDF brief: the Report laid out with reportlab platypus, its charts as vector drawings from SVG.

The brief reads top to bottom: a title band, the summary as a lede, the key-findings box, the sections
(paragraphs, numbered figures and tables, each with its source line), then the sources. Charts come from
the shared renderer as SVG with real text and are converted with svglib, so they stay sharp at any zoom and
their numbers can be searched. Every font is the theme's bundled one, embedded and subset.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError
from svglib.svglib import svg2rlg

from aigap_docs.charts import Figures
from aigap_docs.clock import build_time
from aigap_docs.errors import ExportError
from aigap_docs.exporters import BuildOptions, Built
from aigap_docs.exporters.brief import markup
from aigap_docs.exporters.brief.fonts import Faces, register_fonts
from aigap_docs.exporters.brief.glyphs import located, missing_glyphs
from aigap_docs.exporters.brief.page import BodyText, CoverTooTall, Float, Layout, OutlineEntry, render
from aigap_docs.exporters.brief.plan import chart_requests
from aigap_docs.exporters.brief.styles import Styles, brief_styles
from aigap_docs.exporters.brief.table import TooManyColumns, table_flowable
from aigap_docs.model import Figure, Report, RichText, TableBlock
from aigap_docs.tables import table_view
from aigap_docs.theme import Theme

NAME = "pdf"
SUFFIX = ".pdf"

_LINES_UNDER_HEADING = 3


def build(report: Report, theme: Theme, figures: Figures, options: BuildOptions) -> Built:
    """The brief as PDF bytes, and a warning for every piece of text the bundled font cannot draw.

    Raises ExportError if the report has no brief or its content cannot be laid out on the page.
    """
    if report.brief is None:
        raise ExportError(
            [located(report, report, "brief", "no brief: add a brief: with sections to build the PDF")]
        )
    faces = register_fonts(theme)
    styles = brief_styles(theme, faces)
    layout = Layout.of(report, theme.slots.brief[0] * inch)
    wanted = set(chart_requests(report, theme))
    drawings = {request.chart_id: _drawing(figures[request, "svg"], faces) for request in wanted}
    try:
        data = render(
            lambda: _story(report, styles, drawings, layout.column),
            report,
            styles,
            layout,
            build_time(report),
        )
    except CoverTooTall as error:
        message = f"the brief cannot be laid out: {error}; shorten the title, subtitle or authors"
        raise ExportError([located(report, report, "title", message)]) from None
    except LayoutError:
        # reportlab names the flowable by its memory address; what helps a writer is what to shorten.
        message = (
            "the brief cannot be laid out: a title, finding, table cell or caption is too long for a page"
        )
        raise ExportError([located(report, report.brief, "brief", message)]) from None
    return Built(data, missing_glyphs(report, faces, theme.fonts.family))


# --- the story ------------------------------------------------------------------------------------------


def _story(report: Report, styles: Styles, drawings: dict[str, Drawing], width: float) -> list[Flowable]:
    """Everything below the title band, in reading order (made afresh for each layout pass)."""
    brief = report.brief
    assert brief is not None
    link = styles.palette.accent
    story: list[Flowable] = []
    if brief.summary:
        story.append(Paragraph(markup.rich(brief.summary, link), styles.lede))
    if report.findings:
        story.append(_findings_box(brief.findings_title, report.findings, styles, width))
    figure_numbers, table_numbers = itertools.count(1), itertools.count(1)
    for number, section in enumerate(brief.sections, 1):
        heading = Paragraph(markup.rich(section.heading, link), styles.heading)
        story += _heading(heading, styles, width, OutlineEntry(section.heading.plain, f"section-{number}"))
        for block in section.body:
            if isinstance(block, Figure):
                story.append(_figure(block, next(figure_numbers), report, styles, drawings[block.figure]))
            elif isinstance(block, TableBlock):
                story.append(_table(block, next(table_numbers), report, styles, width))
            else:
                story.append(BodyText(markup.rich(block.text, link), styles.body))
    story.extend(_sources(report, styles, width))
    return story


def _heading(heading: Paragraph, styles: Styles, width: float, *marks: Flowable) -> list[Flowable]:
    """A heading that starts a new page unless there is room under it for a few lines of text.

    Keeping it with the whole next paragraph (keepWithNext) would push a long paragraph, and leave a hole
    of up to its height; room for a few lines is what readers expect under a heading.
    """
    below = styles.heading.spaceBefore + heading.wrap(width, 1e6)[1] + styles.heading.spaceAfter
    return [CondPageBreak(below + _LINES_UNDER_HEADING * styles.body.leading), *marks, heading]


def _findings_box(title: str, findings: list[RichText], styles: Styles, width: float) -> Table:
    """The key findings on a tinted panel with an accent rule; one row each, so a long list can split."""
    link = styles.palette.accent
    rows = [[Paragraph(markup.plain(title), styles.box_title)]] + [
        [Paragraph(markup.rich(finding, link), styles.finding, bulletText="\u2022")] for finding in findings
    ]
    box = Table(rows, colWidths=[width], hAlign="LEFT", spaceAfter=styles.body.fontSize * 1.2)
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


def _figure(block: Figure, number: int, report: Report, styles: Styles, drawing: Drawing) -> Float:
    """'Figure N.' and its caption (else the chart's title) above the chart, the source line below."""
    chart = report.charts[block.figure]
    caption = block.caption or chart.title
    return Float(
        [
            Paragraph(
                _label("Figure", number, styles) + markup.rich(caption, styles.palette.accent),
                styles.caption,
            ),
            drawing,
            Paragraph(markup.plain(report.citation(chart)), styles.source),
        ]
    )


def _table(block: TableBlock, number: int, report: Report, styles: Styles, width: float) -> Float:
    """'Table N.' and caption, the table, its note and source line; on one page if it fits on one."""
    view = table_view(report, block.table)
    link = styles.palette.accent
    try:
        table = table_flowable(view, styles, width)
    except TooManyColumns as error:
        where = located(report, report.tables[block.table], f"tables.{block.table}.columns", str(error))
        raise ExportError([where]) from None
    parts: list[Flowable] = [
        Paragraph(
            _label("Table", number, styles) + markup.rich(block.caption or view.title, link),
            styles.caption,
        ),
        table,
    ]
    if view.note:
        parts.append(Paragraph("Note: " + markup.rich(view.note, link), styles.note))
    parts.append(Paragraph(markup.plain(view.citation), styles.source))
    return Float(parts)


def _label(kind: str, number: int, styles: Styles) -> str:
    return f'<font color="{styles.palette.accent}"><b>{kind} {number}.</b></font> '


def _sources(report: Report, styles: Styles, width: float) -> list[Flowable]:
    """The sources heading and one entry per source: publisher, title, year, the link, the note."""
    assert report.brief is not None
    entries = _heading(Paragraph(markup.plain(report.brief.sources_title), styles.heading), styles, width)
    for source in report.sources.values():
        text = f"{markup.plain(source.publisher)}. <i>{markup.plain(source.title)}</i>"
        if source.year:
            text += f", {source.year}"
        text += "."
        if source.url:
            text += " " + markup.link(source.url, markup.plain(source.url), styles.palette.accent)
        if source.note:
            text += f'<br/><font color="{styles.palette.muted}">{markup.plain(source.note)}</font>'
        entries.append(Paragraph(text, styles.reference))
    return entries


def _drawing(path: Path, faces: Faces) -> Drawing:
    """A chart's SVG as a reportlab Drawing, its text in the theme's faces (svglib would pick Helvetica)."""
    drawing = svg2rlg(str(path), font_map=faces)
    if drawing is None:
        raise RuntimeError(f"svglib could not read the chart {path}")  # our own SVG: a bug, not content
    drawing.initialFontName = faces.regular  # reportlab's graphics state starts in Helvetica otherwise
    return drawing
