"""Property tests: any numbers in a chart's CSV either draw (both outputs built, every label on the canvas
and clear of every other, no warning) or are a located content error from the loader; never a traceback
or a matplotlib warning.

Values mix zero, signs, the very large (1e15, 1e300, past a float's range) and the very small (1e-300),
all-equal columns, a single row and up to 200 categories, in every chart kind and orientation.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from aigap_docs.charts.draw import draw
from aigap_docs.charts.kinds._common import Reach, enclosing_ticks, fit_scale, nice_ticks, spread
from aigap_docs.charts.style import RENDER_RC
from aigap_docs.errors import ContentError
from aigap_docs.pipeline import build, load

from .test_draw import assert_apart

SETTINGS = settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow explain
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

MAGNITUDES = [0.0, 5e-324, 1e-300, 1e-9, 0.001, 0.5, 1.0, 7.0, 42.5, 999.999, 1e3, 123456.789, 1e9]
MAGNITUDES += [999_999_999_999_999.0]
SPELLINGS = ["-0.0", "+3", ".5", "5.", "1e-400", "0e0", "-7E+2"]
TOO_LARGE = ["1e15", "-1e16", "1e100", "-1e300", "1.7976931348623157e308", "1e999", "-1e400", str(10**400)]
"""Beyond what a chart can label (1e15) or a CSV number may hold (1e100 by the loader, or a float at all)."""


def _number(value: float) -> str:
    return repr(float(value))


NUMBER = st.one_of(
    st.builds(lambda m, sign: _number(m * sign), st.sampled_from(MAGNITUDES), st.sampled_from([1, -1])),
    st.floats(-1e12, 1e12).map(_number),
    st.integers(-1000, 1000).map(str),
    st.sampled_from(SPELLINGS),
)
INTEGER = st.one_of(st.integers(-1000, 1000), st.integers(-(10**14), 10**14)).map(str)


@st.composite
def column(draw: st.DrawFn, rows: int, kind: str) -> list[str]:
    """`rows` cells of a number or integer column: independent, all equal, of one sign and size, or with
    one value too large to chart."""
    cell = NUMBER if kind == "number" else INTEGER
    shape = draw(st.sampled_from(["any", "equal", "scaled", "too large"]))
    if shape == "equal":
        return [draw(cell)] * rows
    if shape == "scaled" and kind == "integer":
        scale = 10 ** draw(st.sampled_from([0, 3, 9, 13]))
        return [str(scale * draw(st.integers(-3, 9))) for _ in range(rows)]
    if shape == "scaled":
        scale = draw(st.sampled_from(MAGNITUDES[1:]))
        return [_number(scale * draw(st.integers(-3, 9))) for _ in range(rows)]
    cells = draw(st.lists(cell, min_size=rows, max_size=rows))
    if shape == "too large":
        cells[draw(st.integers(0, rows - 1))] = draw(st.sampled_from(TOO_LARGE))
    return cells


ROWS = st.integers(0, 24).flatmap(
    lambda r: st.integers(1, 6) if r < 12 else st.integers(7, 40) if r < 23 else st.just(177 + r)
)
"""A single row or a few, many, and now and then the most a chart may show (200) or one more."""
KINDS = {
    "dumbbell": {"kind": "dumbbell", "start": "v1", "end": "v2", "start_label": "Then", "end_label": "Now"},
    "bar": {"kind": "bar", "value": "v1", "highlight": {"c0": "us"}},
    "bar-vertical": {"kind": "bar", "value": "v1", "orientation": "vertical", "sort": "none"},
    "grouped_bar": {"kind": "grouped_bar", "series": ["v1", "v2"]},
    "grouped_bar-horizontal": {"kind": "grouped_bar", "series": ["v1", "v2"], "orientation": "horizontal"},
    "stacked_bar": {"kind": "stacked_bar", "series": ["v1", "v2"]},
    "stacked_bar-horizontal": {"kind": "stacked_bar", "series": ["v1", "v2"], "orientation": "horizontal"},
    "line": {"kind": "line", "series": ["v1", "v2"]},
}
X_KINDS = ["text", "integer", "number", "date"]


@st.composite
def dataset(draw: st.DrawFn, chart: str) -> tuple[dict[str, Any], list[list[str]]]:
    """(the chart spec, the CSV rows) for a chart kind: a category (or x) column and two value columns."""
    spec = {"dataset": "data", "title": "Values", "unit": "units", **KINDS[chart]}
    rows = draw(ROWS)
    types = {"v1": draw(st.sampled_from(["number", "integer"])), "v2": "number"}
    x_kind = draw(st.sampled_from(X_KINDS)) if chart == "line" else "text"
    if chart == "line":
        spec["x"] = "c"
        x = draw(_x_values(x_kind, rows))
    else:
        spec["category"] = "c"
        x = [f"c{i}" for i in range(rows)]
    if draw(st.booleans()):
        spec["labels"] = {"prefix": "$", "suffix": "bn", "decimals": draw(st.integers(0, 6))}
    cells = {name: draw(column(rows, kind)) for name, kind in types.items()}
    if spec["kind"] == "stacked_bar" and draw(st.integers(0, 4)):  # mostly parts of 0 or more
        cells = {name: [cell.lstrip("-") for cell in column_] for name, column_ in cells.items()}
    table = [[x[i], cells["v1"][i], cells["v2"][i]] for i in range(rows)]
    return {"spec": spec, "types": {"c": x_kind, **types}}, table


def _x_values(kind: str, rows: int) -> st.SearchStrategy[list[str]]:
    """Distinct x values of a line chart (a repeated one is a duplicate key, tested elsewhere)."""
    if kind == "text":
        return st.just([f"p{i}" for i in range(rows)])
    if kind == "integer":
        start = st.sampled_from([0, 1990, -(10**6), 10**15])
        return st.builds(
            lambda s, step: [str(s + i * step) for i in range(rows)], start, st.sampled_from([1, 5, 10**9])
        )
    if kind == "number":
        return st.lists(NUMBER, min_size=rows, max_size=rows, unique_by=lambda c: float(c))
    first = st.dates(dt.date(1, 1, 1), dt.date(7000, 1, 1))
    step = st.sampled_from([1, 31, 365, 3650])
    return st.builds(
        lambda d, s: [(d + dt.timedelta(days=s * i)).isoformat() for i in range(rows)], first, step
    )


def write_report(folder: Path, chart: dict[str, Any], table: list[list[str]]) -> None:
    """A report with the chart on a slide and in the brief."""
    data = {
        "title": "Numbers",
        "date": "2025-04-07",
        "authors": ["Test"],
        "sources": {"s": {"title": "Survey", "publisher": "Institute"}},
        "datasets": {
            "data": {
                "file": "data/data.csv",
                "source": "s",
                "columns": {
                    name: {"type": kind, "label": name.upper()} for name, kind in chart["types"].items()
                },
            }
        },
        "charts": {"chart": chart["spec"]},
        "slides": [{"layout": "chart", "title": "The chart", "chart": "chart"}],
        "brief": {"sections": [{"heading": "Numbers", "body": [{"figure": "chart"}]}]},
    }
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "report.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with open(folder / "data" / "data.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["c", "v1", "v2"])
        writer.writerows(table)


SLOTS = [
    ("deck_full", "deck", "standalone"),
    ("deck_half", "deck", "embedded"),
    ("brief", "brief", "embedded"),
]
"""Where the labels are checked: the charts command's figure, a chart beside text, the brief's figure."""
LOCATED = re.compile(r"\S+(report\.yaml:\d+:\d+: \S+|data\.csv:\d+): .+")


def texts_inside(fig: Figure) -> None:
    """Every label of the figure lies on its canvas, and every axis has finite limits."""
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    slack = 1.0  # pixels: the empty descent of a crowded chart's last row may reach a pixel past the edge
    for ax in fig.axes:
        assert all(map(math.isfinite, (*ax.get_xlim(), *ax.get_ylim()))), (ax.get_xlim(), ax.get_ylim())
    for text in [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]:
        if text.get_visible() and text.get_text().strip():
            with matplotlib.rc_context(RENDER_RC):  # as the build saves it
                box = text.get_window_extent(renderer)
            inside = min(box.x0, box.y0) >= -slack and box.x1 <= width + slack and box.y1 <= height + slack
            assert inside, f"{text.get_text()!r} lies off the canvas at {box}"


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One report folder every example rewrites, one output folder whose chart cache they share."""
    root = tmp_path_factory.mktemp("numbers")
    return root / "content" / "case", root / "output"


@pytest.mark.slow
@pytest.mark.parametrize("chart", list(KINDS))
@SETTINGS
@given(data=st.data())
def test_any_numbers_draw_every_chart_kind_or_are_a_located_content_error(place, chart, data):
    spec, table = data.draw(dataset(chart))
    folder, output = place
    write_report(folder, spec, table)
    try:
        report, theme = load(folder)
    except ContentError as error:
        event("a content error")
        problems = [str(problem) for problem in error.problems]
        assert all(LOCATED.fullmatch(problem) for problem in problems), problems
        return
    event("drawn and built")
    build(report, theme, output, jobs=1)  # in this process, so a warning is an error
    slot, medium, frame = data.draw(st.sampled_from(SLOTS))
    fig = draw(report.charts["chart"], report, theme, getattr(theme.slots, slot), medium, frame)
    texts_inside(fig)
    assert_apart(fig)


# --- the inputs that found each bug -------------------------------------------------------------------


def test_labels_moved_in_at_one_end_leave_the_others_by_their_points():
    # Lines ending at 0 and near the top of a short chart: moving the top label down moved every label,
    # taking the bottom one off its point and below the chart (values 0.0 and 148485256929.5, deck_half).
    assert spread([0.0, 290.0], [17.0, 34.0], 1.1, 0.0, 300.0) == [8.5, 283.0]


def test_values_a_few_denormals_apart_scale_without_an_overflow_warning():
    # A column of 5e-324 beside 0: numpy warned "overflow encountered in scalar divide".
    reaches = [Reach(0.0, -1), Reach(0.0, 1), Reach(5e-324, 1, 10.0), Reach(1e-323, 1, 10.0)]
    lo, hi = fit_scale(reaches, np.float64(300.0))
    assert math.isfinite(lo) and math.isfinite(hi) and lo < hi


def test_ticks_over_a_range_of_denormals_are_one_tick_not_a_crash():
    # A crowded bar chart of 0 and 5e-324 got a value axis; dividing the range raised StopIteration.
    assert nice_ticks(0.0, 5e-324, 10) == [0.0]
    ticks = nice_ticks(0.0, 1e-300, 10)
    assert len(ticks) == len(set(ticks))


def test_a_line_flat_at_the_precision_of_its_axis_gets_an_axis_with_height():
    # Values of 0 and 1e-300: every tick rounded to 0, and matplotlib warned of identical limits.
    ticks = enclosing_ticks(0.0, 1e-300, 5)
    assert ticks[0] < 0.0 < ticks[-1]


@pytest.mark.parametrize(
    ("chart", "table"),
    [
        # A value label wider than its column, over the first of a few columns: half off the chart.
        ("grouped_bar", [["c0", "-999999999999999", "0"], *([f"c{i}", "1", "2"] for i in range(1, 5))]),
        # Upright names of a hundred columns: the first was centred half off the chart.
        ("bar-vertical", [[f"c{i}", "0.0", "0.0"] for i in range(100)]),
        # Two hundred rows of two bars: names and value labels of the last row below the chart.
        ("grouped_bar-horizontal", [[f"c{i}", "0.0", "16"] for i in range(200)]),
    ],
)
def test_labels_of_crowded_charts_stay_on_the_canvas(place, chart, table):
    folder, _ = place
    spec = {"dataset": "data", "title": "T", **KINDS[chart], "category": "c"}
    write_report(folder, {"spec": spec, "types": {"c": "text", "v1": "number", "v2": "number"}}, table)
    report, theme = load(folder)
    texts_inside(draw(report.charts["chart"], report, theme, theme.slots.deck_half, "deck", "embedded"))


@pytest.mark.parametrize(
    ("chart", "table", "types"),
    [
        # A bar of zero beside a negative one: its value and the category's name both went right of zero.
        ("grouped_bar-horizontal", [["c0", "-1", "0.0"]], ("integer", "number")),
        # Side by side, values a little wider than their bar: each reached over its neighbour's.
        ("grouped_bar", [[f"c{i}", "0.0", "0.0"] for i in range(7)], ("number", "number")),
        # Axis numbers of a dumbbell wider than the ticks were apart.
        ("dumbbell", [["c0", "1e12", "9e12"], ["c1", "5e12", "2e12"]], ("number", "number")),
        # Fifteen rows: each change label ran into the row above.
        (
            "dumbbell",
            [[f"c{i}", str(i * 37 % 100), str(i * 53 % 100)] for i in range(15)],
            ("number", "number"),
        ),
    ],
)
def test_labels_that_collided_are_apart(place, chart, table, types):
    folder, _ = place
    spec = {"dataset": "data", "title": "T", **KINDS[chart], "category": "c"}
    if chart == "grouped_bar":
        spec["labels"] = {"prefix": "$", "suffix": "bn", "decimals": 2}
    write_report(folder, {"spec": spec, "types": {"c": "text", "v1": types[0], "v2": types[1]}}, table)
    report, theme = load(folder)
    for slot, medium, frame in SLOTS:
        fig = draw(report.charts["chart"], report, theme, getattr(theme.slots, slot), medium, frame)
        texts_inside(fig)
        assert_apart(fig)


# --- arbitrary small datasets: negative, missing, long names, 1-60 categories, 1-8 series -------------

WORDS = ["Côte d'Ivoire", "Türkiye", "Bosnia and Herzegovina", "EU", "Rest of the world", "a", "Q3 2024"]
SHAPES = {
    "bar": {"kind": "bar", "value": "s0"},
    "bar-vertical": {"kind": "bar", "value": "s0", "orientation": "vertical"},
    "grouped_bar": {"kind": "grouped_bar"},
    "grouped_bar-horizontal": {"kind": "grouped_bar", "orientation": "horizontal"},
    "stacked_bar": {"kind": "stacked_bar"},
    "stacked_bar-horizontal": {"kind": "stacked_bar", "orientation": "horizontal"},
    "line": {"kind": "line", "start_labels": True},
    "dumbbell": {"kind": "dumbbell", "start": "s0", "end": "s1", "start_label": "Then", "end_label": "Now"},
}


@st.composite
def small_dataset(draw: st.DrawFn, shape: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(series, rows): 1-60 categories with long or repeated-word names and 1-8 series of small values,
    negative (but for stacked parts) or missing."""
    rows = draw(st.integers(1, 60))
    count = 2 if shape == "dumbbell" else 1 if shape.startswith("bar") else draw(st.integers(1, 8))
    series = [f"s{i}" for i in range(count)]
    low = 0 if shape.startswith("stacked") else -500
    value = st.one_of(st.none(), st.integers(low, 500).map(float), st.floats(low, 500, allow_nan=False))
    names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
    keys = draw(st.lists(names, min_size=rows, max_size=rows, unique=True))
    return series, [{"c": key, **{s: draw(value) for s in series}} for key in keys]


def small_chart(shape: str, series: list[str], rows: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The kinds fixture with `rows` as dataset 'one', and a chart of `shape` on it."""
    from aigap_docs.charts.kinds import kinds
    from aigap_docs.model import DataTable

    report = _KINDS_REPORT.model_copy()
    types = {"c": "text", **dict.fromkeys(series, "number")}
    report._data = {**report._data, "one": DataTable(types, tuple(rows), "c")}
    spec = kinds()[SHAPES[shape]["kind"]].spec
    fields = {"dataset": "one", "title": report.charts["one-row-dumbbell"].title, **SHAPES[shape]}
    fields |= {"x": "c"} if shape == "line" else {"category": "c"}
    if "value" not in fields and "start" not in fields:
        fields["series"] = series
    defaults = {n: f.default for n, f in spec.model_fields.items() if not f.is_required()}
    return report, spec.model_construct(**(defaults | fields))


def _kinds_report():
    from aigap_docs.loader import load_report

    return load_report(Path(__file__).parent / "fixtures" / "kinds")


_KINDS_REPORT = _kinds_report()


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(SHAPES))
@SETTINGS
@given(data=st.data())
def test_any_small_dataset_draws_every_kind_with_labels_apart_and_a_native_form_that_matches(shape, data):
    from aigap_docs.charts.kinds import kind_of
    from aigap_docs.theme import load_theme

    report, chart = small_chart(shape, *data.draw(small_dataset(shape)))
    theme = load_theme()
    slot, medium, frame = data.draw(st.sampled_from(SLOTS))
    notes: list[str] = []
    fig = draw(chart, report, theme, getattr(theme.slots, slot), medium, frame, notes)
    texts_inside(fig)
    assert_apart(fig)
    native = kind_of(chart).native(chart, report, theme)
    if native is not None:  # the same rows, and a missing value an empty point, never a zero
        rows = kind_of(chart).rows(chart, report)
        assert len(native.categories) == len(rows)
        for series in native.series:
            assert len(series.values) == len(rows)
        columns = [chart.value] if chart.kind == "bar" else chart.series
        for series, column in zip(native.series, columns, strict=True):
            assert [v is None for v in series.values] == [row[column] is None for row in rows]
