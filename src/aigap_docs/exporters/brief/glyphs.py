"""Which printed text the bundled font cannot draw, as warnings that name the content field holding it.

The brief still builds: such characters print as the font's empty box and stay in the text layer (see
fonts.py). The warning tells the writer before a reader sees the boxes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from aigap_docs.errors import Problem, SourceRef
from aigap_docs.fonts import load_face
from aigap_docs.model import Figure, Node, Report, TableBlock, TextBlock
from aigap_docs.tables import table_view
from aigap_docs.theme import Theme

_SHOWN = 8  # characters named in one warning; a paragraph of Chinese needs no list of hundreds
_STYLES = ("regular", "bold", "italic", "bold_italic")
_SPACE, _NO_BREAK_SPACE = 0x20, 0xA0


def missing_glyphs(report: Report, theme: Theme) -> list[Problem]:
    """A warning for each printed field with characters the bundled font has no glyph for."""
    drawn = coverage(theme)
    return [
        located(report, node, field, _message(missing, theme.fonts.family))
        for node, field, text in printed_text(report)
        if (missing := _missing(text, drawn))
    ]


def coverage(theme: Theme) -> frozenset[int]:
    """The characters all four of the theme's faces can draw, read from the font files (no renderer).

    reportlab prints a no-break space the font lacks as a space, so it counts whenever space does.
    """
    drawn = frozenset.intersection(
        *(frozenset(load_face(theme.font_path(style).resolve()).advances) for style in _STYLES)
    )
    return drawn | {_NO_BREAK_SPACE} if _SPACE in drawn else drawn


def _missing(text: str, drawn: frozenset[int]) -> str:
    """The characters of `text` the faces cannot draw, each once, in order (spaces never count)."""
    return "".join(dict.fromkeys(c for c in text if ord(c) not in drawn and not c.isspace()))


def _message(missing: str, family: str) -> str:
    shown = missing[:_SHOWN]
    codes = ", ".join(f"U+{ord(c):04X}" for c in shown) + (", ..." if len(missing) > _SHOWN else "")
    message = f"{family} has no glyph for {shown!r} ({codes}): they print as empty boxes"
    if any(ord(c) > 0xFFFF for c in missing):
        message += "; those beyond U+FFFF (emoji) cannot be searched or copied either"
    return message


def located(report: Report, node: Node | None, field: str, message: str) -> Problem:
    """A problem at `where(report, node)`."""
    return Problem(where(report, node), message, field)


def where(report: Report, node: Node | None) -> SourceRef:
    """The node's line, else the report's, else just its file (for reports built in code)."""
    return (node and node.ref) or report.ref or SourceRef(str(Path(report.folder) / "report.yaml"))


def printed_text(report: Report) -> Iterator[tuple[Node, str, str]]:
    """(node, field, text) for every string the brief prints, the field named as the content names it."""
    brief = report.brief
    assert brief is not None
    yield report, "title", report.title
    yield report, "subtitle", report.subtitle or ""
    yield report, "short_title", report.label
    yield from ((report, f"authors[{i}]", author) for i, author in enumerate(report.authors))
    yield brief, "brief.summary", brief.summary.plain if brief.summary else ""
    yield brief, "brief.findings_title", brief.findings_title
    yield from ((report, f"findings[{i}]", finding.plain) for i, finding in enumerate(report.findings))
    for s, section in enumerate(brief.sections):
        where = f"brief.sections[{s}]"
        yield section, f"{where}.heading", section.heading.plain
        for b, block in enumerate(section.body):
            if isinstance(block, TextBlock):  # written as a bare string, it has no line of its own
                yield block if block.ref else section, f"{where}.body[{b}].text", block.text.plain
            elif isinstance(block, Figure):
                yield from _figure_text(report, block, f"{where}.body[{b}]")
            elif isinstance(block, TableBlock):
                yield from _table_text(report, block, f"{where}.body[{b}]")
    yield brief, "brief.sources_title", brief.sources_title
    for source_id, source in report.sources.items():
        for name in ("publisher", "title", "note"):
            yield source, f"sources.{source_id}.{name}", getattr(source, name) or ""


def _figure_text(report: Report, block: Figure, where: str) -> Iterator[tuple[Node, str, str]]:
    if block.caption:
        yield block, f"{where}.caption", block.caption.plain
    else:
        yield (
            report.charts[block.figure],
            f"charts.{block.figure}.title",
            report.charts[block.figure].title.plain,
        )


def _table_text(report: Report, block: TableBlock, where: str) -> Iterator[tuple[Node, str, str]]:
    view = table_view(report, block.table)
    spec = report.tables[block.table]
    if block.caption:
        yield block, f"{where}.caption", block.caption.plain
    else:
        yield spec, f"tables.{block.table}.title", view.title.plain
    yield spec, f"tables.{block.table}.columns", " ".join(view.headers)
    yield spec, f"tables.{block.table}.note", view.note.plain if view.note else ""
    yield (
        report.datasets[spec.dataset],
        f"datasets.{spec.dataset}",
        " ".join(c for row in view.rows for c in row),
    )
