"""Decks for the exporter tests: the minimal test report built once, and small reports made per test.

They never read the shipped report (content/): its end-to-end tests are in tests/test_default_report.py."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from aigap_docs.charts import render_charts
from aigap_docs.exporters import BuildOptions, Built
from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck import writer as pptx_deck
from aigap_docs.loader import load_report
from aigap_docs.model import ChartSlide, Report
from aigap_docs.pipeline import load
from aigap_docs.theme import Theme

from ..conftest import FIXTURES

MINIMAL = FIXTURES / "good" / "minimal"


@dataclass(frozen=True)
class Deck:
    report: Report
    theme: Theme
    built: Built

    @property
    def data(self) -> bytes:
        return self.built.data


BuildDeck = Callable[..., Deck]


@pytest.fixture(scope="session")
def chart_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One chart cache for the whole session: the same chart is drawn once, whichever test asks."""
    return tmp_path_factory.mktemp("chart-cache")


@pytest.fixture(scope="session")
def build_deck(chart_cache: Path) -> BuildDeck:
    """Build a report's deck in memory, as the pipeline does: charts first, then the exporter."""

    def build(report: Report, theme: Theme, native_charts: bool = False) -> Deck:
        planned = deck_plan.plan(report, theme, BuildOptions(native_charts))
        figures, _ = render_charts(report, theme, planned.chart_requests(), chart_cache, jobs=1)
        return Deck(report, theme, pptx_deck.build(planned, figures, theme))

    return build


@pytest.fixture(scope="session")
def minimal_deck(build_deck: BuildDeck) -> Deck:
    """The deck of tests/fixtures/good/minimal: every slide layout, a dumbbell, a bar chart and a table."""
    return build_deck(*load(MINIMAL))


class ReportWith:
    """Makes copies of the minimal report with other slides, top-level keys and files, in one folder."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __call__(
        self,
        slides: str,
        extra: str = "",
        files: dict[str, bytes] | None = None,
        replace: dict[str, str] | None = None,
    ) -> tuple[Report, Theme]:
        """The minimal report with its slides replaced by `slides` (YAML), `extra` keys added, and each
        text of `replace` (which must occur once) replaced, e.g. to add a chart after `charts:`."""
        if not self.folder.exists():
            shutil.copytree(MINIMAL, self.folder)
        for name, data in (files or {}).items():
            (self.folder / name).write_bytes(data)
        text = (MINIMAL / "report.yaml").read_text(encoding="utf-8")
        head, _, rest = text.partition("\nslides:\n")
        brief = rest[rest.index("\nbrief:") :]
        text = f"{head}\n{extra}\nslides:\n{slides}{brief}"
        for old, new in (replace or {}).items():
            assert text.count(old) == 1, f"{old!r} is in the minimal report {text.count(old)} times"
            text = text.replace(old, new)
        (self.folder / "report.yaml").write_text(text, encoding="utf-8")
        return load(self.folder)


@pytest.fixture
def report_with(tmp_path: Path) -> ReportWith:
    return ReportWith(tmp_path / "content" / "case")


def written_report(folder: Path, yaml: str, data: dict[str, str]) -> Report:
    """A report written into `folder` from its report.yaml text and its data files' texts, loaded."""
    (folder / "report.yaml").write_text(yaml, encoding="utf-8")
    (folder / "data").mkdir()
    for name, text in data.items():
        (folder / "data" / name).write_text(text, encoding="utf-8")
    return load_report(folder)


def on_chart_slides(report: Report, *chart_ids: str) -> Report:
    """`report` with a chart slide for each of `chart_ids`, and no other slide."""
    slides = [ChartSlide(layout="chart", title=f"Chart {c}", chart=c) for c in chart_ids]
    return report.model_copy(update={"slides": slides})


def native_deck(build_deck: BuildDeck, report: Report, theme: Theme, chart_ids: tuple[str, ...], path: Path):
    """The native deck of `chart_ids`, one a slide, saved at `path` (under a test's tmp folder, where the
    real-clients check opens it), and each chart's frame by id."""
    built = build_deck(on_chart_slides(report, *chart_ids), theme, native_charts=True)
    path.write_bytes(built.data)
    frames = [s for slide in Presentation(io.BytesIO(built.data)).slides for s in slide.shapes if s.has_chart]
    return dict(zip(chart_ids, frames, strict=True))
