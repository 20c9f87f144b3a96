"""The default report holds exactly the verified figures of shared/facts.md, each citing its source."""

from __future__ import annotations

import pytest

from aigap_docs.loader import load_report

from .conftest import ROOT

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
    return load_report(ROOT / "content" / "aigap-2025")


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
