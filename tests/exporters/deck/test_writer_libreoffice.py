"""A real client: LibreOffice opens the minimal deck and prints every title, number and cell it shows.

One conversion for the whole module (it takes seconds); skipped where LibreOffice or poppler is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
    ),
]


@pytest.fixture(scope="module")
def converted(minimal_deck, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The minimal deck converted to PDF by LibreOffice, and the text pdftotext reads from it."""
    folder = tmp_path_factory.mktemp("libreoffice")
    deck = folder / "minimal.pptx"
    deck.write_bytes(minimal_deck.data)
    profile = (folder / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(folder), str(deck)], check=True, capture_output=True, timeout=180
    )
    pdf = folder / "minimal.pdf"
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return pdf, _words(text)


def _words(text: str) -> str:
    return " ".join(text.split())


def shown_text(data_path: Path) -> list[str]:
    """Every paragraph and table cell the slides show as text."""
    found = []
    for slide in Presentation(data_path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells]
    return [_words(text) for text in found if text.strip()]


def test_libreoffice_converts_the_deck_to_one_page_per_slide(converted, minimal_deck):
    pdf, _ = converted
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(rf"^Pages:\s+{len(minimal_deck.report.slides)}$", info, re.MULTILINE)


def test_the_pdf_shows_every_title_bullet_number_and_table_cell(converted):
    pdf, text = converted
    missing = [shown for shown in shown_text(pdf.with_suffix(".pptx")) if shown not in text]
    assert missing == []


def test_the_big_numbers_are_there_as_text(converted):
    _, text = converted
    assert "Two numbers 40 US models in 2024 15 Chinese models in 2024" in text  # read card by card
