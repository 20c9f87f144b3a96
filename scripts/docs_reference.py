"""Write docs/reference.md (every report.yaml key) and docs/report.schema.json from the model.

The examples in the reference are the first values the example reports (content/*) and the good test
fixtures write for each key. tests/test_schema.py fails when the committed files differ from these.
Run from the repository root: python scripts/docs_reference.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from aigap_docs.schema import reference, schema_text

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ("content/*/report.yaml", "tests/fixtures/good/*/report.yaml")


def generated(root: Path = ROOT) -> dict[Path, str]:
    """Each generated file under `root` and the text it should hold."""
    files = sorted(path for pattern in REPORTS for path in root.glob(pattern))
    documents = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]
    return {
        root / "docs" / "reference.md": reference(documents),
        root / "docs" / "report.schema.json": schema_text(),
    }


def main() -> int:
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
        print(f"Wrote: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
