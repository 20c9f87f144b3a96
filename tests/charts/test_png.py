"""Chart PNGs: the pixels Agg drew, exactly, in the smallest colour type that holds them."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from aigap_docs.charts._matplotlib import Figure
from aigap_docs.charts.canvas import ChartCanvas
from aigap_docs.charts.png import encode


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@settings(max_examples=40, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 9), st.integers(1, 9), st.just(4))), st.booleans())
def test_any_image_reads_back_as_the_same_pixels(rgba: np.ndarray, opaque: bool) -> None:
    if opaque:
        rgba[:, :, 3] = 255
    image = _decoded(encode(rgba, 200))
    assert image.mode == ("RGB" if (rgba[:, :, 3] == 255).all() else "RGBA")
    assert np.array_equal(np.asarray(image.convert("RGBA")), rgba)


def test_the_resolution_is_recorded_and_nothing_else() -> None:
    image = _decoded(encode(np.full((2, 3, 4), 255, np.uint8), 150))
    assert image.size == (3, 2)
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.02)  # whole pixels a metre
    assert set(image.info) == {"dpi"}  # no software name, no date


@pytest.mark.parametrize("transparent", [False, True])
def test_savefig_writes_agg_pixels(transparent: bool) -> None:
    figure = Figure(figsize=(2, 1), dpi=50, facecolor="#f0f0f0")
    ChartCanvas(figure)
    figure.add_subplot().plot([0, 1], [1, 0], color="#c0392b")
    ours, agg = io.BytesIO(), io.BytesIO()
    figure.savefig(ours, format="png", transparent=transparent)
    figure.savefig(agg, format="rgba", transparent=transparent)
    image = _decoded(ours.getvalue())
    assert image.mode == ("RGBA" if transparent else "RGB")
    assert image.size == (100, 50)
    expected = np.frombuffer(agg.getvalue(), np.uint8).reshape(50, 100, 4)
    assert np.array_equal(np.asarray(image.convert("RGBA")), expected)
    again = io.BytesIO()
    figure.savefig(again, format="png", transparent=transparent)
    assert again.getvalue() == ours.getvalue()


def test_savefig_takes_pillows_compression_level() -> None:
    figure = Figure(figsize=(4, 2), dpi=100, facecolor="white")
    ChartCanvas(figure)
    figure.add_subplot().bar(range(12), range(12), color="#1f4e79")
    sizes = {}
    for level in (1, 6):
        written = io.BytesIO()
        figure.savefig(written, format="png", pil_kwargs={"compress_level": level})
        sizes[level] = len(written.getvalue())
    assert sizes[6] < sizes[1]
