"""Build the default report on each corpus template (tests/templates/) into docs/templates/<name>.png rows.

Each row shows six slides of the deck side by side (cover, big numbers, a chart, the table, bullets and
the closing slide), so reviewers see at a glance how our content slides sit in each template.
docs/templates/README.md lists the templates, their origin, whether the deck built (with the error when
not) and the warnings its build printed. Needs LibreOffice (soffice) and poppler (pdftoppm).
Run from the repository root: python scripts/docs_templates.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "templates"
TARGET = ROOT / "docs" / "templates"
REPORT = ROOT / "content" / "aigap-2025"
ROW_WIDTH = 1200
SHOWN = ("title", "big_number", "chart", "table", "bullets", "closing")
"""The layouts whose first slide each row shows, in the deck's order: content slides more than sections."""
SLIDES_PER_ROW = len(SHOWN)
GAP = 6


def _shown() -> list[int]:
    """The indexes of the default report's slides a row shows: the first of each layout in SHOWN."""
    text = (REPORT / "report.yaml").read_text(encoding="utf-8")
    layouts = re.findall(r"^  - layout: (\w+)", text, flags=re.MULTILINE)
    return sorted(layouts.index(layout) for layout in SHOWN if layout in layouts)


def _origin(folder: Path) -> str:
    """The first line of SOURCE.md after its heading: where the template comes from."""
    for line in (folder / "SOURCE.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("Origin:"):
            return line.removeprefix("Origin:").strip()
    return "see SOURCE.md"


def _build(template: Path, scratch: Path) -> tuple[Path | None, str, list[str]]:
    """Build the default report on `template`: the deck (None if refused), its status and its warnings."""
    report = scratch / "report"
    shutil.copytree(REPORT, report)
    shutil.copyfile(template, report / template.name)
    yaml = report / "report.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + f"\ntemplate: {template.name}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "aigap_docs", "-q", "-r", str(report), "-o", str(scratch / "out"), "slides"],
        capture_output=True,
        text=True,
    )
    output = (done.stdout + done.stderr).replace(str(report) + "/", "")
    if done.returncode != 0:
        lines = [line for line in output.splitlines() if line.strip()]
        problem = next((line for line in lines if "template" in line), lines[-1] if lines else "failed")
        return None, problem, []
    (deck,) = (scratch / "out").glob("*.pptx")
    warnings = [
        line.removeprefix("warning: ") for line in output.splitlines() if line.startswith("warning: ")
    ]
    count = len(warnings)
    return deck, f"builds ({count} warning{'s' if count != 1 else ''})" if warnings else "builds", warnings


def _row(deck: Path, scratch: Path, out: Path) -> int:
    profile = (scratch / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(scratch),
            str(deck),
        ],
        check=True,
        capture_output=True,
    )
    width = (ROW_WIDTH - GAP * (SLIDES_PER_ROW - 1)) // SLIDES_PER_ROW
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(scratch / f"{deck.stem}.pdf"),
            str(scratch / "page"),
        ],
        check=True,
    )
    pages = sorted(scratch.glob("page-*.png"), key=lambda p: int(re.sub(r"\D", "", p.stem)))
    chosen = [i for i in _shown() if i < len(pages)]
    images = [Image.open(pages[i]).convert("RGB") for i in chosen]
    height = max(image.height for image in images)
    row = Image.new("RGB", (ROW_WIDTH, height), (136, 136, 136))
    for n, image in enumerate(images):
        row.paste(image, (n * (width + GAP), 0))
    row.save(out, optimize=True)
    return len(pages)


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        tools = ", ".join(missing)
        print(f"docs_templates: {tools} not found (apt-get install libreoffice-impress poppler-utils)")
        return 2
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.png"):
        old.unlink()
    rows = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        (template,) = sorted(folder.glob("template.p[po]tx"))
        with tempfile.TemporaryDirectory() as temp:
            scratch = Path(temp)
            deck, status, warnings = _build(template, scratch)
            picture = ""
            if deck is not None:
                count = _row(deck, scratch, TARGET / f"{folder.name}.png")
                picture = f"![{folder.name}]({folder.name}.png)"
                status += f", {count} slides"
        print(f"{folder.name}: {status}")
        listed = "".join(f"- `{warning}`\n" for warning in warnings)
        rows.append(
            f"### {folder.name}\n\n{_origin(folder)}\n\n{status.replace('|', '/')}\n\n{listed}\n{picture}\n"
        )
    readme = [
        "# The default report on each corpus template",
        "",
        "Made by `python scripts/docs_templates.py`: the default report (content/aigap-2025) built on every",
        "template of tests/templates/ (each folder's SOURCE.md: origin, licence, what was changed),",
        f"rendered with LibreOffice; each row shows its {', '.join(SHOWN)} slides.",
        "",
        *rows,
    ]
    (TARGET / "README.md").write_text("\n".join(readme), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
