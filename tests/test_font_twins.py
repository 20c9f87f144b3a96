"""The bundled metric twins of Georgia (Gelasio) and Segoe UI (Selawik): a template naming them is measured
and drawn with them, the files are what they claim, reportlab embeds them, and LibreOffice renders with them."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont
from reportlab.pdfgen.canvas import Canvas

from aigap_docs.exporters.deck.textfit import family_measure
from aigap_docs.fonts import load_face
from aigap_docs.theme import default_assets, metric_font

FONTS = default_assets() / "fonts"
SAMPLE = "Quarterly revenue grew 14% in 2024, ahead of forecast"
TWINS = [("Georgia", "Gelasio"), ("Segoe UI", "Selawik")]


@pytest.mark.parametrize(("family", "twin"), TWINS)
def test_a_template_font_with_a_bundled_twin_is_measured_with_the_twin_not_a_stand_in(family, twin):
    measure, stand_in = family_measure(family)
    face = load_face(FONTS / f"{twin}-Regular.ttf")
    assert stand_in == ""
    assert measure.width(SAMPLE, 10) == pytest.approx(face.text_width(SAMPLE) * 10)


def test_georgia_text_is_measured_narrower_than_with_the_wide_serif_stand_in_it_had():
    # DejaVu Serif widened was what Georgia was measured with; Gelasio has Georgia's own advances.
    georgia, _ = family_measure("Georgia")
    stand_in, name = family_measure("Palatino")
    assert name == "DejaVu Serif"
    assert georgia.width(SAMPLE, 10) < 0.9 * stand_in.width(SAMPLE, 10)


@pytest.mark.parametrize(
    ("family", "style", "file", "bold", "italic"),
    [
        ("Georgia", "regular", "Gelasio-Regular.ttf", False, False),
        ("Georgia", "bold", "Gelasio-Bold.ttf", True, False),
        ("Georgia", "italic", "Gelasio-Italic.ttf", False, True),
        ("Georgia", "bold_italic", "Gelasio-BoldItalic.ttf", True, True),
        # Selawik has no italic: LibreOffice slants the upright, so italic is measured with it.
        ("Segoe UI", "regular", "Selawik-Regular.ttf", False, False),
        ("Segoe UI", "bold", "Selawik-Bold.ttf", True, False),
        ("Segoe UI", "italic", "Selawik-Regular.ttf", False, False),
        ("Segoe UI", "bold_italic", "Selawik-Bold.ttf", True, False),
    ],
)
def test_each_style_maps_to_a_file_of_that_weight_and_slant(family, style, file, bold, italic):
    path = metric_font(family)[0][style]
    assert path == FONTS / file
    with TTFont(path, lazy=True) as font:
        selection = font["OS/2"].fsSelection
        assert font["OS/2"].fsType == 0  # installable: may be embedded in PDFs
    assert (bool(selection & 0x20), bool(selection & 0x01)) == (bold, italic)


def test_gelasio_claims_georgias_metrics_and_each_twin_ships_its_licence():
    with TTFont(FONTS / "Gelasio-Regular.ttf", lazy=True) as font:
        assert "metrics match Georgia" in font["name"].getDebugName(10)
    for twin in ("Gelasio", "Selawik"):
        assert "SIL Open Font License" in (FONTS / f"OFL-{twin}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "file", sorted(p.name for p in FONTS.glob("*.ttf") if p.stem.split("-")[0] in {"Gelasio", "Selawik"})
)
def test_reportlab_embeds_each_bundled_twin_file(file):
    name = f"twin-{Path(file).stem}"
    pdfmetrics.registerFont(ReportlabFont(name, str(FONTS / file)))
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont(name, 12)
    canvas.drawString(72, 720, SAMPLE)
    canvas.save()
    pdf = out.getvalue()
    assert b"/FontFile2" in pdf
    assert Path(file).stem.encode() in pdf  # the file's PostScript name, e.g. Gelasio-BoldItalic


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) is not installed")
def test_libreoffice_renders_georgia_and_segoe_ui_in_their_twins(tmp_path):
    # Needs the twins installed for fontconfig, with assets/fonts/fontconfig-twins.conf (see .ci/run).
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    for row, (family, bold) in enumerate(
        [("Georgia", False), ("Georgia", True), ("Segoe UI", False), ("Segoe UI", True)]
    ):
        box = slide.shapes.add_textbox(Inches(0.5), Inches(0.5 + row), Inches(9), Inches(0.8))
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.name, run.font.bold, run.font.size = SAMPLE, family, bold, Pt(20)
    deck.save(tmp_path / "twins.pptx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "twins.pptx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    listed = subprocess.run(
        ["pdffonts", str(tmp_path / "twins.pdf")], check=True, capture_output=True, text=True
    ).stdout
    fonts = {line.split()[0].split("+")[-1] for line in listed.splitlines()[2:]}
    assert fonts == {"Gelasio-Regular", "Gelasio-Bold", "Selawik-Regular", "Selawik-Bold"}


def test_georgia_lines_are_measured_at_the_height_they_are_set_not_at_gelasios_windows_metrics():
    # Gelasio's Windows ascent + descent make 1.66 em; Georgia's 1.136 and LibreOffice's Gelasio 1.27.
    georgia, _ = family_measure("Georgia")
    gelasio, _ = family_measure("Gelasio")
    assert load_face(FONTS / "Gelasio-Regular.ttf").line_height == pytest.approx(1.66, abs=0.005)
    assert georgia.line_height(10) == pytest.approx(12.695, abs=0.001)
    assert gelasio.line_height(10) == pytest.approx(16.6, abs=0.005)  # Gelasio itself keeps its own
    assert georgia.width(SAMPLE, 10) == gelasio.width(SAMPLE, 10)


def test_a_twin_whose_lines_match_its_familys_keeps_its_own_line_height():
    segoe, _ = family_measure("Segoe UI")
    assert segoe.line_height(10) == pytest.approx(10 * load_face(FONTS / "Selawik-Regular.ttf").line_height)
