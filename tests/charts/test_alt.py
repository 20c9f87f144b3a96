"""Alt text is written from the data and lists every value the chart shows, in the order it shows them."""

from __future__ import annotations

import pytest

from aigap_docs.charts.alt import alt_text
from aigap_docs.loader import load_report
from aigap_docs.text import format_number

from ..conftest import ROOT


@pytest.fixture(scope="module")
def report():
    return load_report(ROOT / "content" / "aigap-2025")


def test_the_gap_chart_reads_like_a_sentence(report):
    assert alt_text(report, "benchmark-gap") == (
        "Dumbbell chart: Lead of the best US model over the best Chinese model, percentage points, "
        "End 2023 to End 2024: HumanEval (coding) 31.6 to 3.7; MATH (mathematics) 24.3 to 1.6; "
        "MMLU (general knowledge) 17.5 to 0.3; MMMU (multimodal reasoning) 13.5 to 8.1."
    )


def test_ranked_bars_are_listed_largest_first_with_their_labels(report):
    text = alt_text(report, "private-investment")
    assert text.startswith(
        "Bar chart: Private investment in AI by country, 2024, US$ billions: United States $109.08B; China $9.29B;"
    )


@pytest.mark.parametrize(
    "chart_id", ["benchmark-gap", "arena-gap", "private-investment", "notable-models", "research-share"]
)
def test_every_value_of_the_chart_is_in_its_alt_text(report, chart_id):
    chart = report.charts[chart_id]
    table = report.table(chart.dataset)
    text = alt_text(report, chart_id)
    for name in chart.columns():
        for value in table.column(name):
            shown = (
                format_number(value, decimals=chart.labels.decimals)
                if isinstance(value, (int, float))
                else str(value)
            )
            assert shown in text, (name, value)


def test_alt_text_from_content_wins(report):
    chart = report.charts["arena-gap"].model_copy(update={"alt": "Two bars."})
    custom = report.model_copy(update={"charts": {**report.charts, "arena-gap": chart}})
    assert alt_text(custom, "arena-gap") == "Two bars."
