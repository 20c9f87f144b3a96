"""Report-level entities merged over the theme's, and a chart's own colours over the theme's rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigap_docs.charts.data import series_colours
from aigap_docs.charts.kinds import ordered_rows
from aigap_docs.charts.kinds.bar import bar_colours
from aigap_docs.errors import ContentError
from aigap_docs.loader import load_report
from aigap_docs.pipeline import load
from aigap_docs.theme import load_theme

from .conftest import edit


@pytest.fixture
def folder(starter: Path) -> Path:
    return starter


def problems(folder: Path, entities=None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_report(folder, entities=entities)
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


ENTITIES = "entities:\n  world: {label: World, colour: '#333333'}\n  us: {label: USA, colour: '#00aa00'}\n\n"


def test_a_report_declares_entities_that_content_may_name(folder):
    edit(folder, "sources:", ENTITIES + "sources:")
    edit(folder, '    end_label: "2024"', '    end_label: "2024"\n    entity: world')
    report = load_report(folder, entities=load_theme().entities)
    assert report.entities["world"].colour == "#333333"
    assert report.charts["example-change"].entity == "world"


def test_report_entities_override_the_themes_and_add_to_them(folder):
    edit(folder, "sources:", ENTITIES + "sources:")
    _, theme = load(folder)
    assert theme.entity_colour("world") == "#333333"
    assert theme.entity_colour("us") == "#00AA00"
    assert theme.entities["us"].label == "USA"
    assert theme.entity_colour("china") == load_theme().entity_colour("china")
    assert theme.fingerprint != load_theme().fingerprint  # charts drawn in the old colours are not reused


def test_an_unknown_entity_lists_the_known_ones(folder):
    edit(folder, "sources:", ENTITIES + "sources:")
    edit(folder, '    end_label: "2024"', '    end_label: "2024"\n    entity: wrld')
    assert problems(folder, entities=["us", "china"]) == [
        "charts.example-change.entity: unknown entity 'wrld' (did you mean 'world'?); known: china, us, world"
    ]


def test_a_report_entity_needs_a_label_and_a_colour(folder):
    edit(
        folder,
        "sources:",
        "entities:\n  world: {label: World, colour: grey}\n  eu: {colour: '#112233'}\n\nsources:",
    )
    assert problems(folder) == [
        "entities.world.colour: 'grey' is not a colour such as '#1F4E79'",
        "entities.eu: missing required key 'label'",
    ]


def test_chart_colors_override_series_and_categories(folder):
    edit(folder, "tables:", BARS + "tables:")
    report, theme = load(folder)
    chart = report.charts["bars"]
    rows = ordered_rows(chart, report)
    colours = dict(zip([r["region"] for r in rows], bar_colours(chart, rows, theme), strict=True))
    assert colours["Region B"] == "#FF0000"
    assert colours["Region A"] == theme.colours.accent
    assert series_colours(report, theme, chart, ["value_2024"]) == ["#00FF00"]


BARS = """  bars:
    kind: bar
    dataset: example
    title: Bars
    category: region
    value: value_2024
    colors: {Region B: '#ff0000', value_2024: '#00ff00'}

"""


def test_chart_colors_must_name_a_series_or_category(folder):
    edit(folder, "tables:", BARS.replace("Region B:", "Region Z:") + "tables:")
    assert problems(folder) == [
        "charts.bars.colors['Region Z']: 'Region Z' is neither a column nor a category of the chart"
        " (did you mean 'Region C'?)"
    ]
