"""The output formats, each a planner module and a writer module (pandoc's shape: plan once, then write).

A planner's `plan(report, theme, options) -> Plan` decides everything the output shows, without importing a
renderer: `aigap-docs check` runs it too, so it reports the plan's warnings just as `build` does. The plan
says which charts it needs (`plan.chart_requests()`, at which slot sizes and formats) and holds its
warnings (`plan.warnings`). The pipeline plans each output once, draws every chart at once (shared,
cached, in worker processes) and meanwhile imports the writers. A writer's `build(plan, figures, theme)
-> Built` lays the plan out with its renderer and never sees the Report: whatever it needs is in the
plan. It returns the document's bytes and writes nothing, so the pipeline writes the outputs only after
every one of them built; its SUFFIX names the file.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from types import ModuleType

from aigap_docs.clock import build_time
from aigap_docs.errors import Problem
from aigap_docs.model import Report

EXPORTERS = {
    "slides": ("aigap_docs.exporters.deck.plan", "aigap_docs.exporters.deck.writer"),
    "pdf": ("aigap_docs.exporters.brief.plan", "aigap_docs.exporters.brief.writer"),
}
"""Command name -> (planner module, writer module); each imported only when needed."""


@dataclass(frozen=True)
class BuildOptions:
    """Choices a user makes per build, shared by every exporter."""

    native_charts: bool = False
    """Deck: draw bar, grouped-bar and line charts as native, editable PowerPoint charts."""


@dataclass(frozen=True)
class DocumentInfo:
    """What both outputs record about themselves (document properties, language) and print on every page."""

    title: str
    subtitle: str | None
    label: str
    """The short title, for footers and running heads."""
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    language: str
    date: dt.date
    """The report's date, as printed."""
    built: dt.datetime
    """The one timestamp of the build (SOURCE_DATE_EPOCH, else the report's date), in UTC."""

    @classmethod
    def of(cls, report: Report) -> DocumentInfo:
        """The report's metadata; ClockError if SOURCE_DATE_EPOCH is set to no date a build can stamp."""
        return cls(
            report.title,
            report.subtitle,
            report.label,
            tuple(report.authors),
            tuple(report.keywords),
            report.language,
            report.date,
            build_time(report),
        )


@dataclass(frozen=True)
class Built:
    """A built document: its bytes, and warnings (text shrunk or overflowing, ...) with their locations."""

    data: bytes
    warnings: list[Problem] = field(default_factory=list)


def planner(name: str) -> ModuleType:
    """The light module that plans an output ('slides' or 'pdf'); it imports no renderer."""
    return importlib.import_module(EXPORTERS[name][0])


def writer(name: str) -> ModuleType:
    """The module that writes an output's plan with its renderer (python-pptx, reportlab)."""
    return importlib.import_module(EXPORTERS[name][1])
