"""The hand-written baseline: what a plain script does to make the same deck and brief.

One process; each chart drawn once per format it needs (PNG at 200 dpi for the deck, SVG for the brief)
with pyplot, then the deck with python-pptx, then the brief with reportlab + svglib. No validation, no
cache, no text fitting: the benchmark reports our build's time as a ratio to this.

    python benchmarks/baseline.py content/aigap-2025 OUT_DIR
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import yaml  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table  # noqa: E402
from svglib.svglib import svg2rlg  # noqa: E402


def read_rows(folder: Path, spec: dict) -> list[dict]:
    with open(folder / spec["file"], newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def draw_chart(spec: dict, rows: list[dict], png: Path, svg: Path) -> None:
    columns = spec.get("series") or [spec.get("value") or spec.get("end")]
    category = spec.get("category") or spec.get("x")
    names = [row[category] for row in rows]
    figure, axes = plt.subplots(figsize=(12.33, 4.95))
    for i, column in enumerate(columns):
        axes.barh([n + " " * i for n in names], [float(row[column]) for row in rows])
    axes.set_title(spec["title"])
    figure.savefig(png, dpi=200)
    figure.set_size_inches(6.1, 2.75)
    figure.savefig(svg)
    plt.close(figure)


def main(folder: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    report = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    data = {name: read_rows(folder, spec) for name, spec in report.get("datasets", {}).items()}
    pictures = {}
    for chart_id, spec in report.get("charts", {}).items():
        pictures[chart_id] = (out / f"{chart_id}.png", out / f"{chart_id}.svg")
        draw_chart(spec, data[spec["dataset"]], *pictures[chart_id])

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    for slide_spec in report.get("slides", []):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = str(slide_spec.get("title") or report["title"])
        if "chart" in slide_spec:
            slide.shapes.add_picture(
                str(pictures[slide_spec["chart"]][0]), Inches(0.5), Inches(1.8), Inches(12.33)
            )
        bullets = slide_spec.get("bullets") or (
            report.get("findings") if slide_spec["layout"] == "takeaways" else []
        )
        if bullets:
            box = slide.shapes.add_textbox(Inches(0.5), Inches(1.8), Inches(12), Inches(5)).text_frame
            for bullet in bullets:
                box.add_paragraph().text = str(bullet["text"] if isinstance(bullet, dict) else bullet)
                box.paragraphs[-1].runs[0].font.size = Pt(18)
        if slide_spec.get("notes"):
            slide.notes_slide.notes_text_frame.text = slide_spec["notes"]
    deck.save(out / "baseline.pptx")

    styles = getSampleStyleSheet()
    story = [Paragraph(report["title"], styles["Title"])]
    story += [Paragraph(str(finding), styles["BodyText"]) for finding in report.get("findings", [])]
    for section in report.get("brief", {}).get("sections", []):
        story.append(Paragraph(section["heading"], styles["Heading2"]))
        for block in section["body"]:
            if isinstance(block, str):
                story.append(Paragraph(block, styles["BodyText"]))
            elif "figure" in block:
                story += [svg2rlg(str(pictures[block["figure"]][1])), Spacer(0, 6)]
            else:
                rows = data[report["tables"][block["table"]]["dataset"]]
                story.append(Table([list(rows[0])] + [list(row.values()) for row in rows]))
    SimpleDocTemplate(str(out / "baseline.pdf"), pagesize=A4).build(story)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
