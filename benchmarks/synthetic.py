"""A synthetic report of any size, for scale measurements: N slides, M charts, a brief of about P pages
(and, if asked, a table of R rows in the brief).

    python benchmarks/synthetic.py OUT_FOLDER --slides 200 --charts 50 --pages 6 [--table-rows 2000]

The data are made up (deterministically), never figures to quote.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

KINDS = ("bar", "dumbbell", "grouped_bar", "line", "stacked_bar")
REGIONS = ["Region " + chr(ord("A") + i) for i in range(8)]
PARAGRAPH = (
    "Region {name} moved from {a:.1f} to {b:.1f} units over the period, a change that the rest of this "
    "section puts in context. The measure is reported as published; see the source for its method. "
) * 2


def write_report(
    folder: Path, slides: int, charts: int, pages: int, table_rows: int = 0, seed: int = 7
) -> Path:
    """Write content for a report of the given size into `folder` (created) and return it."""
    rng = random.Random(seed)
    (folder / "data").mkdir(parents=True, exist_ok=True)
    datasets, chart_specs = {}, {}
    for i in range(charts):
        name = f"series_{i:04d}"
        rows = ["region,start,end,other"] + [
            f"{region},{rng.uniform(1, 90):.1f},{rng.uniform(1, 90):.1f},{rng.uniform(1, 40):.1f}"
            for region in REGIONS
        ]
        (folder / "data" / f"{name}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        datasets[name] = {
            "file": f"data/{name}.csv",
            "source": "synthetic",
            "where": f"Table {i + 1}",
            "columns": {
                "region": {"type": "text", "label": "Region"},
                "start": {"type": "number", "unit": "units", "label": "Start", "entity": "us"},
                "end": {"type": "number", "unit": "units", "label": "End", "entity": "china"},
                "other": {"type": "number", "unit": "units", "label": "Other"},
            },
        }
        chart_specs[f"chart-{i:04d}"] = _chart(KINDS[i % len(KINDS)], name, i)
    chart_ids = sorted(chart_specs)
    tables = {
        "first": {
            "dataset": "series_0000",
            "title": "The first series",
            "columns": ["region", "start", "end"],
        }
    }
    sections = _sections(pages, chart_ids)
    if table_rows:
        datasets["long"] = _long_dataset(folder, table_rows, rng)
        tables["long"] = {
            "dataset": "long",
            "title": f"A table of {table_rows:,} rows",
            "columns": ["place", "region", "value"],
        }
        sections[0]["body"].append({"table": "long"})
    report = {
        "title": f"Synthetic report: {slides} slides, {charts} charts",
        "short_title": "Synthetic report",
        "date": "2026-01-01",
        "authors": ["aigap-docs benchmarks"],
        "sources": {"synthetic": {"title": "Synthetic data", "publisher": "aigap-docs", "year": 2026}},
        "datasets": datasets,
        "charts": chart_specs,
        "tables": tables,
        "findings": [
            f"Finding {i}: Region A reads {{series_0000[Region A].start:.1f}} units." for i in range(4)
        ],
        "slides": _slides(slides, chart_ids),
        "brief": {
            "summary": "A synthetic brief for measuring build time at scale.",
            "sections": sections,
        },
    }
    (folder / "report.yaml").write_text(
        yaml.safe_dump(report, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return folder


def _long_dataset(folder: Path, rows: int, rng: random.Random) -> dict:
    lines = ["place,region,value"] + [
        f"Place {i},{REGIONS[i % len(REGIONS)]},{rng.uniform(1, 900):.1f}" for i in range(rows)
    ]
    (folder / "data" / "long.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "file": "data/long.csv",
        "source": "synthetic",
        "where": "Long table",
        "columns": {
            "place": {"type": "text", "label": "Place"},
            "region": {"type": "text", "label": "Region"},
            "value": {"type": "number", "unit": "units", "label": "Value"},
        },
    }


def _chart(kind: str, dataset: str, i: int) -> dict:
    spec = {
        "kind": kind,
        "dataset": dataset,
        "title": f"Chart {i}: how the regions compare",
        "subtitle": "Units",
    }
    if kind == "bar":
        return {
            **spec,
            "category": "region",
            "value": "end",
            "highlight": {"Region A": "us", "Region B": "china"},
        }
    if kind == "dumbbell":
        return {
            **spec,
            "category": "region",
            "start": "start",
            "end": "end",
            "start_label": "Start",
            "end_label": "End",
            "entity": "us",
        }
    if kind == "line":
        return {**spec, "x": "region", "series": ["start", "end"]}
    return {**spec, "category": "region", "series": ["start", "end", "other"]}


def _slides(count: int, chart_ids: list[str]) -> list[dict]:
    slides: list[dict] = [{"layout": "title"}, {"layout": "takeaways", "title": "Key takeaways"}]
    charts = iter(chart_ids)
    while len(slides) < count - 1:
        chart = next(charts, None)
        if chart is not None:
            slides.append(
                {
                    "layout": "chart",
                    "title": f"What {chart} shows, in one line",
                    "chart": chart,
                    "notes": "Say why it matters.",
                }
            )
        elif len(slides) % 3:
            slides.append(
                {
                    "layout": "bullets",
                    "title": f"Point {len(slides)}",
                    "bullets": ["First point", {"text": "Second point", "sub": ["Detail"]}],
                }
            )
        else:
            slides.append({"layout": "table", "title": f"Table {len(slides)}", "table": "first"})
    return [*slides, {"layout": "sources"}][:count]


def _sections(pages: int, chart_ids: list[str]) -> list[dict]:
    sections = []
    for i in range(max(1, pages)):
        figures = [{"figure": chart_ids[i % len(chart_ids)]}] if chart_ids else []
        body = [PARAGRAPH.format(name="A", a=i, b=i + 1.5)] * 3 + figures
        sections.append({"heading": f"Section {i + 1}", "body": body})
    return sections


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--slides", type=int, default=50)
    parser.add_argument("--charts", type=int, default=12)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--table-rows", type=int, default=0)
    args = parser.parse_args()
    print(write_report(args.folder, args.slides, args.charts, args.pages, args.table_rows))


if __name__ == "__main__":
    main()
