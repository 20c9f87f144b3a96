"""The output formats, each a planner module and a writer module.

The planner's `chart_requests(report, theme, options)` says which charts the output needs at which slot
sizes and formats, without importing a renderer; the pipeline draws them all at once (shared, cached, in
worker processes) and meanwhile imports the writers. The writer's `build(report, theme, figures, options)
-> Built` returns the document's bytes and writes nothing, so the pipeline writes the outputs only after
every one of them built; its SUFFIX names the file.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from aigap_docs.errors import Problem

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
class Built:
    """A built document: its bytes, and warnings (text shrunk or overflowing, ...) with their locations."""

    data: bytes
    warnings: list[Problem] = field(default_factory=list)


def planner(name: str) -> ModuleType:
    """The light module that plans an output ('slides' or 'pdf'): it knows which charts it needs."""
    return importlib.import_module(EXPORTERS[name][0])


def writer(name: str) -> ModuleType:
    """The module that writes an output with its renderer (python-pptx, reportlab)."""
    return importlib.import_module(EXPORTERS[name][1])
