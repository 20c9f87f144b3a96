"""Chart labels take decimals per series: the chart's, else the column's, else the fewest its values need."""

from __future__ import annotations

from pathlib import Path

from aigap_docs.charts.data import series_decimals
from aigap_docs.loader import load_report
from aigap_docs.scaffold import create_report


def report_with(tmp_path: Path, old: str = "", new: str = ""):
    folder = tmp_path / "content" / "demo"
    create_report(folder)
    path = folder / "report.yaml"
    path.write_text(path.read_text().replace(old, new, 1))
    return load_report(folder)


def test_each_series_takes_the_fewest_decimals_its_own_values_need(tmp_path):
    report = report_with(tmp_path)
    chart = report.charts["example-change"]
    assert series_decimals(report, chart, "value_2023", [0.4, None]) == 1  # not '0' beside integers
    assert series_decimals(report, chart, "value_2024", [3.0, 12.0]) == 0  # nor '3.0' beside 0.4


def test_a_columns_declared_decimals_apply_unless_the_chart_sets_its_own(tmp_path):
    declared = 'value_2023: {type: number, unit: units, label: "2023", decimals: 2}'
    report = report_with(tmp_path, 'value_2023: {type: number, unit: units, label: "2023"}', declared)
    chart = report.charts["example-change"]
    assert series_decimals(report, chart, "value_2023", [1.0]) == 2
    assert series_decimals(report, chart, "value_2024", [1.0]) == 0
    chart = chart.model_copy(update={"labels": chart.labels.model_copy(update={"decimals": 1})})
    assert series_decimals(report, chart, "value_2023", [1.0]) == 1


def test_grouped_bars_label_each_series_with_its_own_decimals(tmp_path):
    from aigap_docs.charts.kinds import kinds, ordered_rows

    chart = (
        "  grouped:\n    kind: grouped_bar\n    dataset: example\n    title: Grouped\n"
        "    category: region\n    series: [value_2023, value_2024]\n\ntables:"
    )
    report = report_with(tmp_path, "tables:", chart)
    (tmp_path / "content" / "demo" / "data" / "example.csv").write_text(
        "region,value_2023,value_2024\nRegion A,0.4,14\nRegion B,8,11\nRegion C,3,2\n"
    )
    report = load_report(tmp_path / "content" / "demo")
    grouped = report.charts["grouped"]
    rows = ordered_rows(grouped, report)
    assert kinds()["grouped_bar"].places(grouped, report, rows) == {"value_2023": 1, "value_2024": 0}
