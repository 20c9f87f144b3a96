"""A native stacked bar prints each series' values in the ink that contrasts more with its parts."""

from __future__ import annotations

import io
import zipfile

from aigap_docs.exporters.deck import plan as deck_plan
from aigap_docs.exporters.deck import writer as pptx_deck

TEXT = "#1A1F27"
"""The built-in theme's text colour."""


STACKED = """  - layout: chart
    title: Shares
    chart: shares
"""
CHART = """  shares:
    kind: stacked_bar
    dataset: models
    title: Shares
    category: country
    series: [models_2024, models_2023]
    colors: {models_2024: "#01665E", models_2023: "#9E9AC8"}
    native: true

tables:"""


def test_a_native_stacked_bar_prints_each_series_values_in_its_ink(report_with):
    report, theme = report_with(STACKED, replace={"tables:": CHART})
    built = pptx_deck.build(deck_plan.plan(report, theme), {}, theme)
    with zipfile.ZipFile(io.BytesIO(built.data)) as deck:
        (name,) = [n for n in deck.namelist() if n.startswith("ppt/charts/chart")]
        xml = deck.read(name).decode()
    series = xml.split("<c:ser>")[1:]
    assert [s.split("</c:dLbls>")[0].count('srgbClr val="FFFFFF"') for s in series] == [1, 0]
    assert f'srgbClr val="{TEXT[1:]}"' in series[1].split("</c:dLbls>")[0]
