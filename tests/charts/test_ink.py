"""Values inside bar parts: the colour that contrasts more with the part (the picture and native charts)."""

from __future__ import annotations

import pytest

from aigap_docs.charts.ink import WHITE, ink_on
from aigap_docs.charts.ink import ratio as contrast

TEXT = "#1A1F27"


@pytest.mark.parametrize(
    ("fill", "ink"),
    [("#01665E", WHITE), ("#1F4E79", WHITE), ("#9E9AC8", TEXT), ("#7F8C8D", TEXT), ("#F5B041", TEXT)],
)
def test_the_ink_is_whichever_contrasts_more(fill, ink):
    assert ink_on(fill, TEXT) == ink
    assert contrast(fill, ink) == max(contrast(fill, WHITE), contrast(fill, TEXT))


def test_contrast_is_wcags_ratio():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
