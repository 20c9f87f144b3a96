"""Build the default brief and render its pages as thumbnails, docs/brief/page-N.png, for the README.

Run from the repository root: python scripts/docs_brief.py   (needs pdftoppm, from poppler-utils)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from aigap_docs.pipeline import build, load

ROOT = Path(__file__).resolve().parent.parent
DPI = 60  # an A4 page becomes about 500 x 700 pixels: the layout reads, the text need not


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("docs_brief: pdftoppm is missing: apt-get install -y poppler-utils", file=sys.stderr)
        return 2
    report, theme = load(ROOT / "content" / "aigap-2025")
    (pdf,) = build(report, theme, ROOT / "output", outputs=("pdf",)).files
    target = ROOT / "docs" / "brief"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("page-*.png"):
        old.unlink()  # a shorter brief must not leave the last pages of a longer one behind
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), f"{scratch}/page"], check=True)
        for page in sorted(Path(scratch).glob("page-*.png")):
            number = int(re.search(r"-(\d+)\.png$", page.name).group(1))  # pdftoppm pads: page-01.png
            shutil.copyfile(page, target / f"page-{number}.png")
            print(target.relative_to(ROOT) / f"page-{number}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
