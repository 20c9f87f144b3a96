"""The default report holds exactly the verified figures of shared/facts.md, each citing its source, and
builds end to end: a deck and a brief, under --strict, with picture and with native charts.

These are the only tests that read the shipped report (content/aigap-2025); the exporters' own tests build
from tests/fixtures. The real-client check (tests/conftest.py) opens the decks and PDFs built here too.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from pptx import Presentation

from aigap_docs.loader import load_report

from .conftest import ROOT

DEFAULT = ROOT / "content" / "aigap-2025"

# (dataset, row key, column, value) as printed in the AI Index 2025 (see shared/facts.md).
FACTS = [
    ("benchmarks", "MMLU", "gap_2023", 17.5),
    ("benchmarks", "MMLU", "gap_2024", 0.3),
    ("benchmarks", "MMMU", "gap_2023", 13.5),
    ("benchmarks", "MMMU", "gap_2024", 8.1),
    ("benchmarks", "MATH", "gap_2023", 24.3),
    ("benchmarks", "MATH", "gap_2024", 1.6),
    ("benchmarks", "HumanEval", "gap_2023", 31.6),
    ("benchmarks", "HumanEval", "gap_2024", 3.7),
    ("arena_gap", "Jan 2024", "gap_pct", 9.3),
    ("arena_gap", "Feb 2025", "gap_pct", 1.7),
    ("arena_scores", "United States", "score", 1385),
    ("arena_scores", "China", "score", 1362),
    ("investment_2024", "United States", "usd_bn", 109.08),
    ("investment_2024", "China", "usd_bn", 9.29),
    ("investment_2024", "United Kingdom", "usd_bn", 4.52),
    ("investment_2024", "Sweden", "usd_bn", 4.34),
    ("investment_2024", "Canada", "usd_bn", 2.89),
    ("investment_2024", "France", "usd_bn", 2.62),
    ("investment_2024", "Germany", "usd_bn", 1.97),
    ("investment_2024", "United Arab Emirates", "usd_bn", 1.77),
    ("investment_2024", "Austria", "usd_bn", 1.51),
    ("investment_2024", "Israel", "usd_bn", 1.36),
    ("investment_2024", "South Korea", "usd_bn", 1.33),
    ("investment_2024", "India", "usd_bn", 1.16),
    ("investment_2024", "Netherlands", "usd_bn", 1.09),
    ("investment_2024", "Japan", "usd_bn", 0.93),
    ("investment_2024", "Italy", "usd_bn", 0.86),
    ("investment_change", "United States", "change_pct", 50.7),
    ("investment_change", "China", "change_pct", -1.9),
    ("investment_change", "Europe", "change_pct", 60),
    ("notable_models", "United States", "models", 40),
    ("notable_models", "China", "models", 15),
    ("notable_models", "France", "models", 3),
    ("notable_models", "Canada", "models", 1),
    ("notable_models", "Israel", "models", 1),
    ("notable_models", "Saudi Arabia", "models", 1),
    ("notable_models", "South Korea", "models", 1),
    ("research_share", "AI publications (2023)", "us", 9.2),
    ("research_share", "AI publications (2023)", "china", 23.2),
    ("research_share", "AI patents granted (2023)", "us", 14.2),
    ("research_share", "AI patents granted (2023)", "china", 69.7),
    ("us_china", "Private AI investment", "us", 109.08),
    ("us_china", "Private AI investment", "china", 9.29),
    ("us_china", "Generative-AI private investment", "us", 29.04),
    ("us_china", "Generative-AI private investment", "china", 2.11),
    ("us_china", "Cumulative private AI investment", "us", 470.9),
    ("us_china", "Cumulative private AI investment", "china", 119.3),
    ("us_china", "Newly funded AI companies", "us", 1073),
    ("us_china", "Newly funded AI companies", "china", 98),
    ("us_china", "Notable AI models", "us", 40),
    ("us_china", "Notable AI models", "china", 15),
    ("us_china", "Top-100 most-cited AI papers", "us", 50),
    ("us_china", "Top-100 most-cited AI papers", "china", 34),
    ("us_china", "Share of AI publications", "us", 9.2),
    ("us_china", "Share of AI publications", "china", 23.2),
    ("us_china", "Share of granted AI patents", "us", 14.2),
    ("us_china", "Share of granted AI patents", "china", 69.7),
]


@pytest.fixture(scope="module")
def report():
    return load_report(DEFAULT)


@pytest.mark.parametrize(("dataset", "key", "column", "value"), FACTS, ids=lambda v: str(v))
def test_every_figure_matches_the_ai_index(report, dataset, key, column, value):
    assert report.table(dataset).row(key)[column] == value


def test_every_row_of_every_dataset_is_a_verified_figure(report):
    numeric = {
        (d, str(row[report.table(d).key]), c)
        for d in report.datasets
        for row in report.table(d).rows
        for c, kind in report.table(d).types.items()
        if kind in ("number", "integer")
    }
    assert numeric == {(d, k, c) for d, k, c, _ in FACTS}


def test_every_dataset_cites_the_ai_index_with_figure_and_page(report):
    for dataset in report.datasets.values():
        assert dataset.source == "ai-index-2025"
        assert "Fig" in dataset.where


def test_the_source_is_the_2025_edition(report):
    source = report.sources["ai-index-2025"]
    assert (source.title, source.year, str(source.date)) == (
        "The AI Index 2025 Annual Report",
        2025,
        "2025-04-07",
    )


def test_the_prose_says_percentage_points_for_benchmark_gaps(report):
    text = " ".join(p.text.plain for s in report.brief.sections for p in s.body if hasattr(p, "text"))
    assert "percentage points" in text
    assert "AI Index Report 2024" not in text


# --- built end to end -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The output folders of `build --strict` (any warning fails it), with picture and with native charts."""
    from aigap_docs.cli import cli

    outputs = {}
    for name, options in (("pictures", []), ("native", ["--native-charts"])):
        output = tmp_path_factory.mktemp(f"default-{name}")
        args = [
            "--report",
            str(DEFAULT),
            "--output",
            str(output),
            "build",
            "--strict",
            "--jobs",
            "1",
            *options,
        ]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert (result.exit_code, result.stderr) == (0, ""), result.output
        outputs[name] = output
    return outputs


def test_check_strict_passes_the_default_report(run_cli):
    result = run_cli("--report", "content/aigap-2025", "check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_the_default_deck_has_one_titled_slide_per_content_slide(report, built):
    for output in built.values():
        slides = Presentation(output / "aigap-2025.pptx").slides
        assert len(slides) == len(report.slides)
        assert all(slide.shapes.title.text for slide in slides)


def test_native_charts_take_the_place_of_pictures_on_the_default_deck(report, built):
    def charts(output: Path) -> tuple[int, int]:
        shapes = [s for slide in Presentation(output / "aigap-2025.pptx").slides for s in slide.shapes]
        return sum(s.shape_type == 13 for s in shapes), sum(s.has_chart for s in shapes)

    pictures, native = charts(built["pictures"]), charts(built["native"])
    assert pictures[1] == 0 and native[1] > 0
    assert native[0] + native[1] == pictures[0] == sum(bool(getattr(s, "chart", None)) for s in report.slides)


def test_the_default_brief_has_two_to_six_pages(built):
    for output in built.values():
        pages = len(pypdf.PdfReader(io.BytesIO((output / "aigap-2025.pdf").read_bytes())).pages)
        assert 2 <= pages <= 6


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed (CI installs it)")
def test_the_default_brief_shows_every_figure_of_every_dataset(report, built):
    from aigap_docs.tables import format_cell

    pdf = built["pictures"] / "aigap-2025.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(text.replace("\u2212", "-").split())
    missing = []
    for dataset in report.datasets:
        for row in report.table(dataset).rows:
            for value in (v for v in row.values() if isinstance(v, (int, float))):
                shown = {" ".join(format_cell(value).split()), f"{value:g}", f"{value:.1f}"}
                if not any(form in text for form in shown):
                    missing.append((dataset, value))
    assert missing == []
