"""The chart kinds registry: each kind is one registered unit, and nothing else names a kind."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, ClassVar, Literal

import pytest
import yaml
from pydantic import ValidationError

from aigap_docs.charts.data import heading
from aigap_docs.charts.kinds import ChartKind, kind_of, kinds, ordered_rows, unregister
from aigap_docs.charts.kinds.bar import bar_colours
from aigap_docs.loader import load_report
from aigap_docs.model import AnyColumn, ChartSpec, NumberColumn, Report
from aigap_docs.theme import load_theme

from ..conftest import ROOT

SRC = ROOT / "src" / "aigap_docs"
KINDS = load_report(Path(__file__).parent / "fixtures" / "kinds")
THEME = load_theme()
BUILT_IN = ["bar", "dumbbell", "grouped_bar", "line", "stacked_bar"]


def test_every_built_in_kind_is_registered_from_its_own_module():
    registered = kinds()
    assert list(registered) == BUILT_IN
    for name, kind in registered.items():
        assert type(kind).__module__ == f"aigap_docs.charts.kinds.{name}"
        assert kind.spec.__module__ == type(kind).__module__


def test_the_reports_chart_union_is_the_registry():
    assert _kinds_expected("pie") == BUILT_IN


def test_no_module_outside_the_registry_names_a_chart_kind():
    names = [kind.spec.__name__ for kind in kinds().values()] + [type(k).__name__ for k in kinds().values()]
    pattern = re.compile(r"\b(" + "|".join(names) + r")\b")
    outside = [p for p in sorted(SRC.rglob("*.py")) if SRC / "charts" / "kinds" not in p.parents]
    assert [f"{p.relative_to(SRC)}: {m}" for p in outside for m in pattern.findall(p.read_text())] == []


def test_the_registry_and_every_kind_load_without_any_drawing_library():
    script = (
        "import sys; from aigap_docs.charts.kinds import kinds; kinds(); "
        "print([m for m in ('matplotlib', 'numpy', 'PIL', 'pptx', 'reportlab') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("chart_id", sorted(KINDS.charts))
def test_a_native_chart_says_what_its_picture_says(chart_id):
    chart = KINDS.charts[chart_id]
    kind = kind_of(chart)
    native = kind.native(chart, KINDS, THEME)
    if native is None:
        assert not kind.can_be_native()
        return
    rows = ordered_rows(chart, KINDS)
    assert native.title == heading(chart)
    assert len(native.categories) == len(rows)
    assert [len(series.values) for series in native.series] == [len(rows)] * len(native.series)


def test_the_subtitle_else_the_unit_with_a_capital_heads_picture_and_native_chart_alike():
    chart = KINDS.charts["bar-negative"].model_copy(update={"subtitle": None, "unit": "change, %"})
    assert heading(chart) == "Change, %"
    assert kind_of(chart).native(chart, KINDS, THEME).title == "Change, %"


def test_native_ranked_bars_are_coloured_as_the_picture_colours_them():
    chart = KINDS.charts["bar-negative"]
    native = kind_of(chart).native(chart, KINDS, THEME)
    assert native.series[0].colour == tuple(bar_colours(chart, ordered_rows(chart, KINDS), THEME))


def test_a_line_charts_rows_run_in_x_order_for_picture_alt_text_and_native_chart_alike():
    chart = KINDS.charts["line-years"]
    xs = [row[chart.x] for row in ordered_rows(chart, KINDS)]
    assert xs == sorted(xs)
    assert kind_of(chart).native(chart, KINDS, THEME).categories == tuple(str(x) for x in xs)


# --- a kind of one's own ----------------------------------------------------------------------------


@pytest.fixture
def toy_kind():
    """A 'toy' kind registered for one test only: adding a kind needs nothing outside its module."""

    class ToyChart(ChartSpec):
        column_fields: ClassVar[tuple[str, ...]] = ("category", "value")

        kind: Literal["toy"]
        category: AnyColumn
        value: NumberColumn

    class ToyKind(ChartKind):
        spec = ToyChart
        title = "Toy chart"

        def draw(self, canvas: Any, box: Any, chart: Any, report: Report) -> None:
            rows = self.rows(chart, report)
            ax = canvas.axes(box)
            ax.bar(range(len(rows)), [row[chart.value] for row in rows], color=canvas.style.accent)

        def alt_values(self, chart: Any, rows: list, label: Any, report: Report) -> list[str]:
            return [f"{row[chart.category]} {label(row[chart.value])}" for row in rows]

    yield ToyKind
    unregister("toy")


def test_a_kind_registered_in_a_test_builds_a_deck_and_a_brief(toy_kind, minimal_copy, run_cli, tmp_path):
    path = minimal_copy / "report.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["charts"]["toy-chart"] = {
        "kind": "toy",
        "dataset": "investment",
        "title": "A toy",
        "category": "country",
        "value": "investment_2024",
    }
    content["slides"].insert(1, {"layout": "chart", "title": "A toy chart", "chart": "toy-chart"})
    content["brief"]["sections"][0]["body"].append({"figure": "toy-chart"})
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = run_cli("--report", str(minimal_copy), "-o", str(tmp_path / "out"), "-q", "build", "-j", "1")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "minimal.pptx") as deck:
        slide = deck.read("ppt/slides/slide2.xml").decode()
    assert 'descr="Toy chart: A toy: United States 109.1; China 9.3; United Kingdom 4.5."' in slide
    assert (tmp_path / "out" / "minimal.pdf").stat().st_size > 0
    report = load_report(minimal_copy)
    assert kind_of(report.charts["toy-chart"]) is kinds()["toy"]


def test_an_unregistered_kind_is_unknown_again():
    assert "toy" not in kinds()
    assert _kinds_expected("toy") == BUILT_IN


def _kinds_expected(kind: str) -> list[str]:
    """The kinds the Report's validation says a chart may be, given one of `kind`."""
    content = {
        "title": "T",
        "date": "2026-01-01",
        "authors": ["A"],
        "sources": {"s": {"title": "S", "publisher": "P"}},
    }
    with pytest.raises(ValidationError) as caught:
        Report.model_validate({**content, "charts": {"c": {"kind": kind}}})
    [error] = caught.value.errors()
    assert error["type"] == "union_tag_invalid"
    return re.findall(r"kind=(\w+)", error["ctx"]["expected_tags"])
