"""Render every chart of the default report into docs/charts/ (PNG), for the README and reviewers.

Run from the repository root: python scripts/docs_charts.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from aigap_docs.pipeline import build_charts, load

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    report, theme = load(ROOT / "content" / "aigap-2025")
    target = ROOT / "docs" / "charts"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        written = build_charts(report, theme, Path(scratch))
        for path in written.files:
            if path.suffix == ".png":
                shutil.copyfile(path, target / path.name)
                print(target.relative_to(ROOT) / path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
