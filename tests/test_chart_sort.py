"""One `sort:` on every chart: the generic `{by, order}` everywhere, a bar chart's shorthand as a sort by
its value column, and `top` keeping the first N rows in that order."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from aigap_docs.charts.alt import alt_text
from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds import kind_of, ordered_rows
from aigap_docs.errors import ContentError
from aigap_docs.loader import load_report
from aigap_docs.model import Report, RowSort
from aigap_docs.rows import ranking
from aigap_docs.schema import json_schema
from aigap_docs.theme import load_theme

from .conftest import edit

THEME = load_theme()
# value_2024 ranks D, A, B, C; value_2023 ranks A, D, B, C; the data's order is A, B, C, D.
NAMES = ["Region A", "Region B", "Region C", "Region D"]


@pytest.fixture
def folder(starter: Path) -> Path:
    edit(starter, "Region C,3.2,2.9", "Region C,3.2,2.9\nRegion D,9.0,20.0", name="data/example.csv")
    return starter


def add_chart(folder: Path, kind: str, options: str = "") -> None:
    values = "value: value_2024" if kind == "bar" else "series: [value_2024, value_2023]"
    chart = f"  ranked:\n    kind: {kind}\n    dataset: example\n    title: Ranked\n    category: region\n"
    lines = [values, *options.splitlines()]
    edit(folder, "tables:", chart + "".join(f"    {line}\n" for line in lines) + "\ntables:")


def shown(folder: Path, kind: str, options: str = "") -> list[str]:
    add_chart(folder, kind, options)
    report = load_report(folder)
    return [str(row["region"]) for row in ordered_rows(report.charts["ranked"], report)]


def letters(names: list[str]) -> str:
    return "".join(name[-1] for name in names)


@pytest.mark.parametrize(
    ("options", "order"),
    [
        ("sort: {by: region, order: desc}", "DCBA"),
        ("sort: {by: value_2023, order: desc}", "ADBC"),
        ("sort: {by: value_2023}", "CBDA"),  # asc is the default order
        ("sort: {by: value_2023, order: descending}", "ADBC"),  # the shorthand's words mean the same
        ("sort: {by: region, order: ascending}", "ABCD"),
    ],
)
def test_a_bar_chart_sorts_by_any_column_with_the_generic_mapping(folder, options, order):
    assert letters(shown(folder, "bar", options)) == order


@pytest.mark.parametrize(
    ("options", "order"),
    [("", "DABC"), ("sort: descending", "DABC"), ("sort: ascending", "CBAD"), ("sort: none", "ABCD")],
)
def test_the_bar_shorthand_ranks_by_value_as_before(folder, options, order):
    assert letters(shown(folder, "bar", options)) == order


@pytest.mark.parametrize(("shorthand", "order"), [("descending", "desc"), ("ascending", "asc")])
def test_the_shorthand_is_the_generic_sort_by_the_value_column(folder, shorthand, order):
    add_chart(folder, "bar", f"sort: {shorthand}")
    chart = load_report(folder).charts["ranked"]
    assert ranking(chart) == RowSort(by="value_2024", order=order)


def test_sort_none_keeps_the_datas_order(folder):
    add_chart(folder, "bar", "sort: none")
    assert ranking(load_report(folder).charts["ranked"]) is None


@pytest.mark.parametrize(
    ("options", "order"),
    [
        ("top: 2", "DA"),  # the default, descending: the two largest
        ("sort: ascending\ntop: 2", "CB"),
        ("sort: none\ntop: 2", "AB"),
        ("sort: {by: region, order: desc}\ntop: 2", "DC"),
        ("sort: {by: value_2023, order: desc}\ntop: 3\nwhere: {region: {not: Region A}}", "DBC"),
    ],
)
def test_top_keeps_the_first_bars_after_sorting(folder, options, order):
    assert letters(shown(folder, "bar", options)) == order


@pytest.mark.parametrize(
    ("options", "order"),
    [
        ("", "ABCD"),
        ("sort: {by: value_2023, order: desc}", "ADBC"),
        ("sort: {by: region, order: desc}\ntop: 2", "DC"),
    ],
)
def test_a_grouped_bar_shows_its_rows_in_the_generic_sorts_order(folder, options, order):
    assert letters(shown(folder, "grouped_bar", options)) == order


def _picture_names(report: Report) -> list[str]:
    """The category names the drawn bar chart prints, top to bottom."""
    fig = draw(report.charts["ranked"], report, THEME, THEME.slots.deck_full, "deck", "embedded")
    texts = [t for ax in fig.axes for t in ax.texts if t.get_text() in NAMES]
    return [t.get_text() for t in sorted(texts, key=lambda t: -t.get_position()[1])]


def test_the_picture_the_native_chart_and_the_alt_text_follow_the_sort(folder):
    add_chart(folder, "bar", "sort: {by: region, order: desc}")
    report = load_report(folder)
    chart = report.charts["ranked"]
    expected = ["Region D", "Region C", "Region B", "Region A"]
    assert list(kind_of(chart).native(chart, report, THEME).categories) == expected
    alt = alt_text(report, "ranked")
    assert sorted(expected, key=alt.index) == expected
    assert _picture_names(report) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "sort: {by: regoin, order: desc}",
            "charts.ranked.sort.by: dataset 'example' has no column 'regoin' (did you mean 'region'?)",
        ),
        (
            "sort: {by: region, order: down}",
            "charts.ranked.sort.order: expected one of 'asc', 'desc', 'ascending' or 'descending', got 'down'",
        ),
        ("sort: {order: desc}", "charts.ranked.sort: missing required key 'by'"),
        (
            "sort: descnding",
            "charts.ranked.sort: expected none, ascending, descending or {by: column, order: asc or desc}, "
            "got 'descnding' (did you mean 'descending'?)",
        ),
        (
            "sort: 3",
            "charts.ranked.sort: expected none, ascending, descending or {by: column, order: asc or desc}, got 3",
        ),
        (
            "sort:",
            "charts.ranked.sort: expected none, ascending, descending or {by: column, order: asc or desc}, "
            "got nothing",
        ),
    ],
)
def test_a_bad_bar_sort_is_one_located_line_naming_the_field(folder, options, message):
    add_chart(folder, "bar", options)
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [f"{p.field}: {p.message}" for p in caught.value.problems] == [message]
    assert caught.value.problems[0].where.line is not None


@pytest.mark.parametrize("kind", ["grouped_bar", "stacked_bar"])
def test_other_kinds_take_only_the_mapping_and_say_so_in_one_line(folder, kind):
    add_chart(folder, kind, "sort: descending")
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [f"{p.field}: {p.message}" for p in caught.value.problems] == [
        "charts.ranked.sort: expected a mapping {by: column, order: asc or desc}, got 'descending'"
    ]


@pytest.mark.parametrize(
    ("sort", "valid"),
    [
        ("descending", True),
        ("none", True),
        ({"by": "region", "order": "desc"}, True),
        ({"by": "region"}, True),
        ("up", False),
        ({"by": "region", "order": "down"}, False),
        ({"order": "desc"}, False),
    ],
)
def test_the_schema_takes_both_forms_of_a_bar_charts_sort(starter, sort, valid):
    document = json.loads(json.dumps(yaml.safe_load((starter / "report.yaml").read_text()), default=str))
    chart = {"kind": "bar", "dataset": "example", "title": "T", "category": "region", "value": "value_2024"}
    document["charts"]["ranked"] = {**chart, "sort": sort}
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(document))
    assert (errors == []) is valid, [e.message for e in errors]
