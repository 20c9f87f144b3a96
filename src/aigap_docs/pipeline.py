"""Load -> render -> export. Everything is gathered before anything is written, and writes are atomic."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from aigap_docs.loader import load_report
from aigap_docs.model import Report
from aigap_docs.theme import Theme, assets_for, load_theme


@dataclass(frozen=True)
class Written:
    """What a build wrote, and how much of the chart work the cache saved."""

    files: list[Path]
    charts_drawn: int = 0
    charts_cached: int = 0


def load(folder: Path) -> tuple[Report, Theme]:
    """The validated report and the theme it is drawn with (content may name only the theme's entities)."""
    theme = load_theme(assets_for(folder))
    return load_report(folder, entities=theme.entities), theme


def cache_dir(output: Path) -> Path:
    """Where rendered charts are kept between builds, keyed by content hash."""
    return output / ".cache" / "charts"


def build_charts(report: Report, theme: Theme, output: Path, jobs: int | None = None) -> Written:
    """Write every chart as output/charts/<id>.png and .svg, titled and sourced, for web and social use."""
    from aigap_docs.charts import render_charts, standalone_requests

    files, stats = render_charts(report, theme, standalone_requests(report, theme), cache_dir(output), jobs)
    contents = {
        output / "charts" / f"{request.chart_id}.{fmt}": path.read_bytes()
        for (request, fmt), path in files.items()
    }
    for target, data in sorted(contents.items()):
        write_atomic(target, data)
    return Written(sorted(contents), stats.drawn, stats.cached)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` in one step, so a reader never sees half a file and a failure keeps the old one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
        handle.write(data)
    try:
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
