"""Drawing charts: every kind at every size and frame, text inside the figure and never overlapping, and
image regression of the default report's charts.

Image baselines live in tests/charts/baseline/<chart>-<slot>.png, rendered at 100 dpi. A missing baseline
fails the test; to (re)write baselines after a reviewed change of the drawing code, run

    AIGAP_UPDATE_BASELINES=1 pytest tests/charts/test_draw.py

and look at every changed PNG before committing it.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text

from aigap_docs.charts.draw import draw
from aigap_docs.charts.style import RENDER_RC, Style
from aigap_docs.loader import load_report
from aigap_docs.model import RichText, Run
from aigap_docs.theme import load_theme

from ..conftest import ROOT

HERE = Path(__file__).parent
BASELINES = HERE / "baseline"
KINDS = load_report(HERE / "fixtures" / "kinds")
DEFAULT = load_report(ROOT / "content" / "aigap-2025")
THEME = load_theme()
SLOTS = {
    "deck_full": (THEME.slots.deck_full, "deck"),
    "deck_half": (THEME.slots.deck_half, "deck"),
    "brief": (THEME.slots.brief, "brief"),
}
FRAMES = ("standalone", "embedded")
TOLERANCE = 0.5  # RMS of 0-255 grey levels: moving one axis number by half a point scores 0.7


def texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text artist of the figure (figure texts and axes texts)."""
    found = list(fig.texts) + [t for ax in fig.axes for t in ax.texts]
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def extents(fig: Figure):
    """Where each text lies as the saved file draws it (unhinted, like the build)."""
    renderer = fig.canvas.get_renderer()
    with matplotlib.rc_context(RENDER_RC):
        return [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]


def assert_inside_and_apart(fig: Figure) -> None:
    width, height = fig.bbox.width, fig.bbox.height
    for text, box in extents(fig):
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, f"{text!r} is clipped"
    assert_apart(fig)


def assert_apart(fig: Figure) -> None:
    """No two texts overlap (by more than half a pixel): every label can be read."""
    for (a, box_a), (b, box_b) in itertools.combinations(extents(fig), 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert overlap_x <= 0.5 or overlap_y <= 0.5, f"{a!r} overlaps {b!r}"


def cases(report):
    return [
        pytest.param(chart_id, slot, frame, id=f"{chart_id}-{slot}-{frame}")
        for chart_id in report.charts
        for slot in SLOTS
        for frame in FRAMES
    ]


@pytest.mark.parametrize(("chart_id", "slot", "frame"), cases(KINDS))
def test_every_kind_draws_at_its_exact_size_with_all_text_inside_and_apart(chart_id, slot, frame):
    size, medium = SLOTS[slot]
    fig = draw(KINDS.charts[chart_id], KINDS, THEME, size, medium, frame)
    assert tuple(fig.get_size_inches()) == pytest.approx(size)
    assert_inside_and_apart(fig)


@pytest.mark.parametrize(("chart_id", "slot", "frame"), cases(DEFAULT))
def test_the_default_charts_keep_all_text_inside_and_apart(chart_id, slot, frame):
    size, medium = SLOTS[slot]
    assert_inside_and_apart(draw(DEFAULT.charts[chart_id], DEFAULT, THEME, size, medium, frame))


@pytest.mark.parametrize("frame", FRAMES)
def test_only_a_standalone_chart_carries_its_title_and_source(frame):
    chart = DEFAULT.charts["benchmark-gap"]
    fig = draw(chart, DEFAULT, THEME, THEME.slots.brief, "brief", frame)
    shown = {t.get_text().replace("\n", " ") for t in texts(fig)}
    assert chart.subtitle.plain in shown
    assert "Note: " + chart.note.plain in shown
    assert (chart.title.plain in shown) is (frame == "standalone")
    assert (DEFAULT.citation(chart) in shown) is (frame == "standalone")


def test_the_source_line_names_publisher_publication_and_figure():
    assert DEFAULT.citation(DEFAULT.charts["benchmark-gap"]) == (
        "Source: Stanford Institute for Human-Centered AI, The AI Index 2025 Annual Report, Fig 2.1.37, p.98"
    )


def test_labels_use_a_true_minus_and_the_dumbbell_labels_each_change():
    fig = draw(DEFAULT.charts["benchmark-gap"], DEFAULT, THEME, THEME.slots.deck_full, "deck", "embedded")
    shown = [t.get_text() for t in texts(fig)]
    assert "\u221227.9 pts" in shown
    assert not any(text.startswith("-") for text in shown)


def test_every_text_is_set_in_the_bundled_font():
    fig = draw(KINDS.charts["line-years"], KINDS, THEME, THEME.slots.brief, "brief", "standalone")
    bundled = {str(THEME.font_path(style)) for style in THEME.fonts.files}
    assert {t.get_fontproperties().get_file() for t in texts(fig)} <= bundled


def test_characters_the_font_lacks_are_replaced_and_kept_for_a_warning():
    style = Style(THEME, "deck")
    assert style.clean("C\u00f4te d\u2019Ivoire\u00a0\u2212 5") == "C\u00f4te d\u2019Ivoire \u2212 5"
    assert style.unprintable == {}
    assert style.clean("\u4e2d\u56fd \u4e2d") == "?? ?"
    assert list(style.unprintable) == ["\u4e2d", "\u56fd"]


def test_a_chart_with_characters_its_font_lacks_says_so_once_at_any_size():
    chart = KINDS.charts["bar-negative"]
    subtitle = RichText(source="\u4e2d\u56fd", runs=(Run(text="\u4e2d\u56fd"),))
    chart = chart.model_copy(update={"subtitle": subtitle})
    notes: list[str] = []
    for slot, medium in ((THEME.slots.brief, "brief"), (THEME.slots.deck_full, "deck")):
        draw(chart, KINDS, THEME, slot, medium, "embedded", notes)
    unprintable = [note for note in notes if "no glyph" in note]
    assert len(set(unprintable)) == 1
    assert "'\u4e2d' (U+4E2D), '\u56fd' (U+56FD): drawn as '?'" in unprintable[0]
    latin: list[str] = []
    draw(KINDS.charts["bar-negative"], KINDS, THEME, THEME.slots.brief, "brief", "embedded", latin)
    assert not [note for note in latin if "no glyph" in note]


def test_accents_typed_as_combining_marks_are_drawn_composed():
    # Seen in the charts of tests/test_properties.py: "e" + U+0301 was drawn "e?" (the font has no U+0301).
    assert Style(THEME, "deck").clean("Cafe\u0301 n\u0303") == "Caf\u00e9 \u00f1"


def test_drawing_leaves_matplotlib_settings_as_they_were():
    before = dict(matplotlib.rcParams)
    draw(DEFAULT.charts["research-share"], DEFAULT, THEME, THEME.slots.deck_half, "deck", "standalone")
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize(
    ("chart_id", "slot", "frame"),
    [
        pytest.param(chart_id, slot, frame, id=f"{chart_id}-{slot}")
        for chart_id in DEFAULT.charts
        for slot, frame in (("deck_full", "standalone"), ("brief", "embedded"))
    ],
)
def test_the_default_charts_look_as_reviewed(chart_id, slot, frame, tmp_path):
    size, medium = SLOTS[slot]
    fig = draw(DEFAULT.charts[chart_id], DEFAULT, THEME, size, medium, frame)
    buffer = io.BytesIO()
    with matplotlib.rc_context(RENDER_RC):
        fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    baseline = BASELINES / f"{chart_id}-{slot}.png"
    if os.environ.get("AIGAP_UPDATE_BASELINES") == "1":
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(buffer.getvalue())
    if not baseline.is_file():
        pytest.fail(
            f"no baseline {baseline.relative_to(ROOT)}: run with AIGAP_UPDATE_BASELINES=1 and review it"
        )
    actual = tmp_path / baseline.name
    actual.write_bytes(buffer.getvalue())
    problem = compare_images(str(baseline), str(actual), tol=TOLERANCE)
    assert problem is None, problem


# --- crowded charts -------------------------------------------------------------------------------------

CROWDED = [
    *("bar-vertical-many", "bar-vertical-negative", "grouped-vertical", "stacked-vertical"),
    *("bar-negative", "grouped-horizontal", "stacked-horizontal"),
    "dumbbell",
]


@pytest.fixture(scope="module")
def crowded(tmp_path_factory) -> dict[int, object]:
    """The kinds report with its bar datasets grown to 45, 120 and 200 (the limit) rows."""
    reports = {}
    for rows in (45, 120, 200):
        folder = tmp_path_factory.mktemp(f"crowded{rows}") / "kinds"
        shutil.copytree(HERE / "fixtures" / "kinds", folder)
        for name, row in (
            ("countries", "Country {i},{v:.2f}"),
            ("regions", "Region {i},Kind,{i},{v:.0f},{c:.1f},{s:.1f},{s:.1f},{r:.1f}"),
        ):
            path = folder / "data" / f"{name}.csv"
            have = len(path.read_text().splitlines()) - 1
            more = [
                row.format(i=i, v=(i * 37) % 500 / 3, c=(i * 53) % 400 - 200, s=i % 30, r=100 - 2 * (i % 30))
                for i in range(rows - have)
            ]
            path.write_text(path.read_text() + "\n".join(more) + "\n")
        reports[rows] = load_report(folder)
    return reports


@pytest.mark.parametrize("rows", [45, 120, 200])
@pytest.mark.parametrize("slot", list(SLOTS))
@pytest.mark.parametrize("chart_id", CROWDED)
def test_crowded_bars_keep_their_numbers_legible_and_apart(crowded, chart_id, slot, rows):
    """Values that cannot be set across their columns stand upright; with no room for that either (or,
    for horizontal bars, rows thinner than a line), the chart gets a value axis. Names that cannot all
    be set leave blanks, never the highlighted ones. A crowded dumbbell drops its change labels, then
    its values (its axis has them)."""
    report = crowded[rows]
    size, medium = SLOTS[slot]
    fig = draw(report.charts[chart_id], report, THEME, size, medium, "embedded")
    assert_inside_and_apart(fig)
    shown = [t.get_text() for t in texts(fig)]
    numbers = [t for t in shown if any(c.isdigit() for c in t) and not t.startswith(("Country", "Region"))]
    assert len(numbers) >= 2, shown  # every bar's value, or an axis
    if chart_id == "bar-vertical-many":
        assert "United States" in shown
