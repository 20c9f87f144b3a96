"""The brief's vector route: a recorded figure replayed by reportlab looks as matplotlib's own PDF does."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import numpy as np
import pytest
from matplotlib.font_manager import FontProperties
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from aigap_docs.charts._matplotlib import Figure
from aigap_docs.charts.canvas import ChartCanvas
from aigap_docs.charts.vector import Recorder
from aigap_docs.exporters.brief.chart import Chart
from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.theme import load_theme

THEME = load_theme()
FONT = str(THEME.font_path("regular"))
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _figure() -> Figure:
    """Bars, a dashed line clipped by its axes, markers, transparency, and text of every anchor and face."""
    figure = Figure(figsize=(4, 2.5), dpi=72, facecolor="#fafafa")
    ChartCanvas(figure)
    axes = figure.add_axes((0.15, 0.2, 0.8, 0.65))
    axes.bar([0, 1, 2], [3, -1, 2], color=["#1f4e79", "#c0392b", "#7f8c8d"])
    axes.plot([-0.5, 1, 2.5], [4, 0.5, 6], color="#2f4f4f", linestyle="--", linewidth=2, marker="o")
    axes.fill_between([0, 2], [1, 1], [2.5, 2.5], color="#f5b041", alpha=0.4)
    axes.set_ylim(-2, 5)
    font = FontProperties(fname=FONT, size=9)
    for x, align in ((0, "left"), (1, "center"), (2, "right")):
        axes.text(x, 4.5, f"{align} 1,234", ha=align, fontproperties=font)
    axes.set_title(
        "Bold title", fontproperties=FontProperties(fname=FONT, size=11, weight="bold"), loc="left"
    )
    axes.set_ylabel("rotated label", fontproperties=font)
    for label in axes.get_xticklabels() + axes.get_yticklabels():
        label.set_fontproperties(font)
    return figure


def _pixels(pdf: bytes, tmp_path, name: str) -> np.ndarray:
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", f"{name}.pdf", name], cwd=tmp_path, check=True
    )
    return np.asarray(Image.open(tmp_path / f"{name}.png").convert("L"), dtype=np.int16)


def _replayed(recording: bytes, tmp_path) -> bytes:
    path = tmp_path / "chart.ops"
    path.write_bytes(recording)
    chart = Chart(path, register_fonts(THEME))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(chart.width, chart.height), invariant=True)
    chart.drawOn(canvas, 0, 0)
    canvas.save()
    return buffer.getvalue()


def _both(figure: Figure, tmp_path) -> tuple[bytes, bytes]:
    """The figure recorded and replayed by reportlab, and as matplotlib's own PDF backend writes it."""
    recording, reference = io.BytesIO(), io.BytesIO()
    figure.savefig(recording, format="ops", dpi=72)
    figure.savefig(reference, format="pdf", dpi=72)
    return _replayed(recording.getvalue(), tmp_path), reference.getvalue()


@needs_poppler
def test_paths_paint_clip_and_blend_as_in_matplotlibs_pdf(tmp_path):
    figure = _figure()
    for text in figure.findobj(lambda artist: hasattr(artist, "get_text")):
        text.set_visible(False)
    ours, theirs = _both(figure, tmp_path)
    differs = np.abs(_pixels(ours, tmp_path, "ours") - _pixels(theirs, tmp_path, "theirs")) > 32
    assert differs.sum() < 20, f"{differs.sum()} pixels differ"


@needs_poppler
def test_text_stands_where_matplotlibs_pdf_puts_it(tmp_path):
    """Words in the replayed PDF where matplotlib's PDF sets them, along their line (matplotlib splits some
    words at kerned pairs: those are compared where whole; across a line, boxes are the font's or the
    glyphs' heights)."""
    ours, theirs = (_words(pdf, tmp_path) for pdf in _both(_figure(), tmp_path))
    matched = 0
    for x0, y0, x1, y1, word in ours:
        upright = x1 - x0 > y1 - y0 or len(word) == 1
        across = (y0 + y1) / 2 if upright else (x0 + x1) / 2
        same = [
            w
            for w in theirs
            if w[4] == word and abs((w[1] + w[3] if upright else w[0] + w[2]) / 2 - across) < 3
        ]
        if not same:
            continue
        along = (x0, x1) if upright else (y0, y1)
        nearest = min(same, key=lambda w: abs((w[0] if upright else w[1]) - along[0]))
        expected = (nearest[0], nearest[2]) if upright else (nearest[1], nearest[3])
        assert along == pytest.approx(expected, abs=0.75), word
        matched += 1
    assert matched >= 15


def _words(pdf: bytes, tmp_path) -> list[tuple[float, float, float, float, str]]:
    """Each word's box (points, y down) and text, as pdftotext finds them."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True)
    found = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html.stdout
    )
    return [(float(x0), float(y0), float(x1), float(y1), word) for x0, y0, x1, y1, word in found]


def test_a_recording_is_the_same_bytes_each_time():
    first, second = io.BytesIO(), io.BytesIO()
    _figure().savefig(first, format="ops", dpi=72)
    _figure().savefig(second, format="ops", dpi=72)
    assert first.getvalue() == second.getvalue()


def test_text_is_kept_as_text_with_its_anchor_and_face():
    recording = io.BytesIO()
    _figure().savefig(recording, format="ops", dpi=72)
    texts = {op[5]: op for op in json.loads(recording.getvalue())["ops"] if op[0] == "text"}
    assert [texts[f"{align} 1,234"][4] for align in ("left", "center", "right")] == ["start", "middle", "end"]
    assert texts["Bold title"][6] == "bold"
    assert texts["rotated label"][3] == 90
    assert texts["rotated label"][6] == "regular"


@pytest.mark.parametrize(
    ("weight", "style", "face"),
    [
        ("normal", "normal", "regular"),
        ("bold", "normal", "bold"),
        (700, "normal", "bold"),
        ("normal", "italic", "italic"),
        ("semibold", "oblique", "bold_italic"),
    ],
)
def test_weights_and_slants_pick_the_matching_face(weight, style, face):
    figure = Figure(figsize=(1, 1), dpi=72)
    ChartCanvas(figure)
    figure.text(0.5, 0.5, "x", fontproperties=FontProperties(fname=FONT, weight=weight, style=style))
    recorder = Recorder(72, 72)
    figure.draw(recorder)
    assert [op[6] for op in recorder.ops if op[0] == "text"] == [face]


def test_what_it_cannot_record_is_an_error_not_a_silent_loss():
    figure = Figure(figsize=(1, 1), dpi=72)
    ChartCanvas(figure)
    figure.add_axes((0, 0, 1, 1)).bar([0], [1], hatch="//")
    with pytest.raises(NotImplementedError, match="hatched"):
        figure.savefig(io.BytesIO(), format="ops", dpi=72)
