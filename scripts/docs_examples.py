"""Render every example report under content/ into docs/examples/<report>-deck.png and -brief.png.

Each picture is a contact sheet: every slide (or page) of the report's deck (or brief), small, in order, so
reviewers see at a glance how a report on another topic and data shape comes out. docs/examples/README.md
lists them. Needs LibreOffice (soffice) and poppler (pdftoppm).
Run from the repository root: python scripts/docs_examples.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from aigap_docs.pipeline import build, load

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "examples"
THUMB = 320
"""Width of one slide or page on a sheet, in pixels."""
COLUMNS = {"deck": 4, "brief": 6}
GAP = 6


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        tools = ", ".join(missing)
        print(f"docs_examples: {tools} not found (apt-get install libreoffice-impress poppler-utils)")
        return 2
    TARGET.mkdir(parents=True, exist_ok=True)
    listing = [
        "# Example reports",
        "",
        "Made by `scripts/docs_examples.py` from each report in `content/`.",
        "",
    ]
    for folder in sorted(path.parent for path in (ROOT / "content").glob("*/report.yaml")):
        report, theme = load(folder)
        with tempfile.TemporaryDirectory() as scratch:
            deck, brief = sorted(build(report, theme, Path(scratch)).files, key=lambda p: p.suffix != ".pptx")
            pdf = _deck_as_pdf(deck, Path(scratch))
            for kind, document in (("deck", pdf), ("brief", brief)):
                name = f"{folder.name}-{kind}.png"
                sheet = _sheet(_pages(document, Path(scratch) / kind), COLUMNS[kind])
                sheet.save(TARGET / name, optimize=True)
                print(TARGET.relative_to(ROOT) / name)
        listing += [
            f"## {report.title}",
            "",
            f"`content/{folder.name}`: {len(report.slides)} slides, {len(report.charts)} charts, "
            f"{len(report.datasets)} datasets, {report.page_size} brief.",
            "",
            f"![deck]({folder.name}-deck.png)",
            "",
            f"![brief]({folder.name}-brief.png)",
            "",
        ]
    (TARGET / "README.md").write_text("\n".join(listing), encoding="utf-8")
    return 0


def _deck_as_pdf(deck: Path, scratch: Path) -> Path:
    profile = (scratch / "profile").as_uri()
    convert = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    outdir = scratch / "deck-pdf"
    subprocess.run([*convert, "--outdir", str(outdir), str(deck)], check=True, capture_output=True)
    return outdir / deck.with_suffix(".pdf").name


def _pages(pdf: Path, prefix: Path) -> list[Image.Image]:
    prefix.mkdir()
    subprocess.run(["pdftoppm", "-png", "-scale-to", str(THUMB), str(pdf), str(prefix / "p")], check=True)
    return [Image.open(path) for path in sorted(prefix.glob("p-*.png"), key=lambda p: int(p.stem[2:]))]


def _sheet(pages: list[Image.Image], columns: int) -> Image.Image:
    width, height = max(page.width for page in pages), max(page.height for page in pages)
    rows = -(-len(pages) // columns)
    columns = min(columns, len(pages))
    size = (columns * width + (columns - 1) * GAP, rows * height + (rows - 1) * GAP)
    sheet = Image.new("RGB", size, "#9AA3AD")
    for i, page in enumerate(pages):
        sheet.paste(page, ((i % columns) * (width + GAP), (i // columns) * (height + GAP)))
    return sheet


if __name__ == "__main__":
    sys.exit(main())
