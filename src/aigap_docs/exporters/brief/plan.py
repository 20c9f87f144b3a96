"""The brief as a pure plan: every text, figure, table and source it prints, in reading order; no reportlab.

Planning resolves what the brief shows from the Report (captions, else chart and table titles; source lines;
numbering; the table cells), locates the problems the layout may meet, and checks that the bundled font can
draw every printed character, so `aigap-docs check` reports the same warnings as the build. writer.py lays
the plan out and never sees the Report.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from aigap_docs.charts import ChartRequest
from aigap_docs.charts.alt import alt_text
from aigap_docs.charts.kinds import kind_of
from aigap_docs.errors import ExportError, Problem, SourceRef
from aigap_docs.exporters import BuildOptions, DocumentInfo
from aigap_docs.exporters.brief.glyphs import located, missing_glyphs, where
from aigap_docs.model import Figure, Report, RichText, Source, TableBlock, TextBlock
from aigap_docs.tables import TableView, table_view
from aigap_docs.theme import Theme


@dataclass(frozen=True)
class FigurePlan:
    """A chart as 'Figure N.' and its caption above the drawing, its source line below."""

    number: int
    caption: RichText
    request: ChartRequest
    alt: str
    citation: str


@dataclass(frozen=True)
class TablePlan:
    """A table as 'Table N.' and its caption, the cells, the note and the source line."""

    number: int
    caption: RichText
    view: TableView
    where: SourceRef
    field: str
    """Where a table too wide for the page is reported: the table spec's columns."""


Block = RichText | FigurePlan | TablePlan
"""A paragraph of running text, a figure or a table."""


@dataclass(frozen=True)
class SectionPlan:
    heading: RichText
    body: tuple[Block, ...]


@dataclass(frozen=True)
class BriefPlan:
    """Everything the brief prints, decided: the writer lays this out with reportlab and nothing else."""

    info: DocumentInfo
    page_size: str
    """'A4' or 'letter'."""
    summary: RichText | None
    findings_title: str
    findings: tuple[RichText, ...]
    sections: tuple[SectionPlan, ...]
    sources_title: str
    sources: tuple[Source, ...]
    where: SourceRef
    """The report's title, where a title band too tall for the page is reported."""
    brief_where: SourceRef
    """The brief, where content too long for a page is reported."""
    warnings: tuple[Problem, ...]

    def chart_requests(self) -> list[ChartRequest]:
        """Every chart the brief shows, once, at the text column's slot, as SVG whose text stays text."""
        figures = (block for s in self.sections for block in s.body if isinstance(block, FigurePlan))
        return list(dict.fromkeys(figure.request for figure in figures))


def plan(report: Report, theme: Theme, options: BuildOptions | None = None) -> BriefPlan:
    """Plan the report's brief (no option changes it yet); ExportError if the report has none."""
    brief = report.brief
    if brief is None:
        message = "no brief: add a brief: with sections to build the PDF"
        raise ExportError([located(report, report, "brief", message)])
    figures, tables = count(1), count(1)

    def block(item: TextBlock | Figure | TableBlock) -> Block:
        if isinstance(item, Figure):
            return _figure(report, theme, item, next(figures))
        if isinstance(item, TableBlock):
            return _table(report, item, next(tables))
        return item.text

    sections = tuple(SectionPlan(s.heading, tuple(block(b) for b in s.body)) for s in brief.sections)
    return BriefPlan(
        info=DocumentInfo.of(report),
        page_size=report.page_size,
        summary=brief.summary,
        findings_title=brief.findings_title,
        findings=tuple(report.findings),
        sections=sections,
        sources_title=brief.sources_title,
        sources=tuple(report.sources.values()),
        where=where(report, report),
        brief_where=where(report, brief),
        warnings=tuple(missing_glyphs(report, theme)),
    )


def _figure(report: Report, theme: Theme, block: Figure, number: int) -> FigurePlan:
    chart = report.charts[block.figure]
    width, height = theme.slots.brief
    natural = kind_of(chart).natural_height(chart, report, theme, "brief", width)
    if natural is not None:  # a chart of a few bars is as tall as they are, not as its slot
        height = min(height, round(natural, 2))
    request = ChartRequest(block.figure, (width, height), "brief", "embedded", ("ops",), selectable_text=True)
    caption = block.caption or chart.title
    return FigurePlan(number, caption, request, alt_text(report, block.figure), report.citation(chart))


def _table(report: Report, block: TableBlock, number: int) -> TablePlan:
    view = table_view(report, block.table)
    spec = where(report, report.tables[block.table])
    return TablePlan(number, block.caption or view.title, view, spec, f"tables.{block.table}.columns")
