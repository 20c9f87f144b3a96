"""The output formats. Each exporter module has NAME, SUFFIX, `chart_requests()` and `build()`.

`chart_requests(report, theme)` says which charts it needs at which slot sizes and formats; the pipeline
draws them all at once (shared between exporters, cached), then calls
`build(report, theme, figures, options) -> Built`, which returns the document's bytes and writes nothing,
so the pipeline writes the outputs only after every one of them built.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from aigap_docs.errors import Problem

EXPORTERS = {"slides": "aigap_docs.exporters.pptx_deck", "pdf": "aigap_docs.exporters.pdf_brief"}
"""Command name -> module; imported only when that output is built."""


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


def exporter(name: str) -> ModuleType:
    """The exporter module for a command name ('slides' or 'pdf')."""
    return importlib.import_module(EXPORTERS[name])
