"""Render the default report's deck into docs/deck/slide-N.png thumbnails, for the README and reviewers.

Needs LibreOffice (soffice) and poppler (pdftoppm). Run from the repository root: python scripts/docs_deck.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from aigap_docs.pipeline import build, load

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 640
"""Thumbnail width in pixels: small enough to keep the repository light, large enough to read titles."""


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(
            f"docs_deck: {', '.join(missing)} not found (apt-get install libreoffice-impress poppler-utils)"
        )
        return 2
    report, theme = load(ROOT / "content" / "aigap-2025")
    target = ROOT / "docs" / "deck"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("slide-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (deck,) = build(report, theme, folder, outputs=("slides",)).files
        profile = (folder / "profile").as_uri()
        convert = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        subprocess.run([*convert, "--outdir", scratch, str(deck)], check=True, capture_output=True)
        pages = folder / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-scale-to", str(WIDTH), str(deck.with_suffix(".pdf")), str(pages)],
            check=True,
        )
        for page in sorted(folder.glob("page-*.png")):
            name = f"slide-{int(page.stem.removeprefix('page-'))}.png"
            shutil.copyfile(page, target / name)
            print(target.relative_to(ROOT) / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
