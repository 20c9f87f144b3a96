"""Missing values (None) in a chart's rows: a row with no data is left out of bars and dumbbells and named
in a note under the chart, with no warning (the dataset declared its gaps, and the note tells the reader);
the dumbbell's change labels can be switched off without a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds import kinds
from aigap_docs.loader import load_report
from aigap_docs.model import DataTable
from aigap_docs.theme import load_theme

from .test_draw import assert_inside_and_apart, texts

THEME = load_theme()
FIXTURE = Path(__file__).parent / "fixtures" / "kinds"
CHARTS = {
    "bar": {"kind": "bar", "category": "name", "value": "a"},
    "bar-vertical": {"kind": "bar", "category": "name", "value": "a", "orientation": "vertical"},
    "grouped_bar": {"kind": "grouped_bar", "category": "name", "series": ["a", "b"]},
    "stacked_bar": {
        "kind": "stacked_bar",
        "category": "name",
        "series": ["a", "b"],
        "orientation": "horizontal",
    },
    "dumbbell": {"kind": "dumbbell", "category": "name", "start": "a", "end": "b"},
}


def report_with(rows: list[tuple[str, float | None, float | None]], chart: str):
    """The kinds fixture with `rows` as dataset 'one' (name, a, b) and a chart of kind `chart` on it."""
    report = load_report(FIXTURE)
    table = tuple({"name": n, "a": a, "b": b, "zero": 0.0} for n, a, b in rows)
    report._data = {**report._data, "one": DataTable(report.table("one").types, table, "name")}
    spec = kinds()[CHARTS[chart]["kind"]].spec
    fields = {"dataset": "one", "title": report.charts["one-row-dumbbell"].title, **CHARTS[chart]}
    if chart == "dumbbell":
        fields |= {"start_label": "Then", "end_label": "Now"}
    defaults = {n: f.default for n, f in spec.model_fields.items() if not f.is_required()}
    return report, spec.model_construct(**(defaults | fields))


ROWS = [("Alpha", 3.0, 4.0), ("Beta", None, 2.0), ("Gamma", 5.0, None), ("Delta", 1.0, 6.0)]


@pytest.mark.parametrize("chart", list(CHARTS))
def test_rows_with_no_data_are_left_out_and_named_under_the_chart_without_a_warning(chart):
    report, spec = report_with(ROWS, chart)
    notes: list[str] = []
    fig = draw(spec, report, THEME, THEME.slots.deck_half, "deck", "embedded", notes)
    assert_inside_and_apart(fig)
    shown = [t.get_text() for t in texts(fig)]
    missing = ["Beta", "Gamma"] if chart != "bar" and chart != "bar-vertical" else ["Beta"]
    note = next(text for text in shown if text.startswith("No data: "))
    assert sorted(note.removeprefix("No data: ").split(", ")) == missing
    assert not set(missing) & set(shown)
    assert notes == []


@pytest.mark.parametrize("slot", ["deck_half", "brief"])
def test_many_rows_with_no_data_are_named_in_at_most_three_lines(slot):
    rows = [(f"Region number {i} of the long list", None if i % 3 else 1.0, 2.0) for i in range(60)]
    report, spec = report_with(rows, "bar")
    fig = draw(spec, report, THEME, getattr(THEME.slots, slot), "deck", "embedded")
    assert_inside_and_apart(fig)
    note = next(t.get_text() for t in texts(fig) if t.get_text().startswith("No data: "))
    assert note.count("\n") <= 2
    assert note.endswith(" more")


def test_a_dumbbell_without_change_labels_prints_none_and_does_not_warn():
    rows = [(f"Place {i}", float(i % 7), float(i % 5)) for i in range(14)]
    report, spec = report_with(rows, "dumbbell")
    notes: list[str] = []
    draw(spec, report, THEME, THEME.slots.brief, "brief", "embedded", notes)
    assert any("each change" in note for note in notes)  # too many rows for change labels: it warns
    quiet: list[str] = []
    fig = draw(
        spec.model_copy(update={"change_labels": False}),
        report,
        THEME,
        THEME.slots.deck_full,
        "deck",
        "embedded",
        quiet,
    )
    assert quiet == []
    assert not any(t.get_text().endswith(" pts") or t.get_text() == "no change" for t in texts(fig))
