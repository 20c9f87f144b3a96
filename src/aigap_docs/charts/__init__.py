"""Charts, drawn once per size and format from the Report with matplotlib, cached by content hash.

Exporters ask for what they need as ChartRequests (which chart, the exact slot size, deck or brief type
sizes, which formats); `render_charts` answers with files in the cache, drawing only what changed, several
charts at once in worker processes. matplotlib is imported only in the process that actually draws.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from aigap_docs.atomic import replacing
from aigap_docs.digest import source_digest
from aigap_docs.model import Report
from aigap_docs.text import number_symbols
from aigap_docs.theme import Medium, Theme, metric_font

if TYPE_CHECKING:
    from aigap_docs.charts.drawer import Drawer

Framing = Literal["standalone", "embedded"]
Format = Literal["png", "svg", "pdf", "ops"]
Figures = dict[tuple["ChartRequest", Format], Path]
"""(request, format) -> the rendered file in the cache."""


@dataclass(frozen=True, order=True)
class ChartRequest:
    """One chart drawn at one slot size, in one or more formats."""

    chart_id: str
    size: tuple[float, float]
    medium: Medium = "deck"
    frame: Framing = "embedded"
    formats: tuple[Format, ...] = ("png",)
    selectable_text: bool = False
    """SVG/PDF text as text in the theme's font (searchable, for the brief) instead of outlines (portable)."""
    palette: tuple[str, ...] = ()
    """Colours for series that are no entity, instead of the theme's (a template's accent1 .. accent6)."""
    font: str = ""
    """A font family to draw the text in instead of the theme's (a template's theme font), with its bundled
    metric-compatible files (theme.METRIC_FONTS), else the theme's own font files."""
    ink: str = ""
    """A colour for the chart's text, instead of the theme's text and muted colours (a template's text
    colour, so text stays readable on its background)."""
    transparent: bool = False
    """A PNG with no background, so a template's master decorations show through around the chart."""


@dataclass(frozen=True)
class RenderStats:
    """What a render did: how many figures were drawn and how many were found in the cache, and what
    crowded charts left out to stay legible (chart id -> messages), drawn now or before."""

    drawn: int
    cached: int
    notes: dict[str, list[str]] = field(default_factory=dict)


def render_charts(
    report: Report,
    theme: Theme,
    requests: Iterable[ChartRequest],
    cache_dir: Path,
    jobs: int | None = None,
    while_drawing: Callable[[], object] | None = None,
    drawer: Drawer | None = None,
) -> tuple[Figures, RenderStats]:
    """Return the cached file of every (request, format), drawing the missing ones.

    `while_drawing` runs in this process while worker processes draw (the pipeline imports the document
    writers then), or before drawing when it happens here. With a `drawer` (drawer.py), the drawing
    happens there.

    Content problems are caught by the loader; an exception here is a bug and keeps its traceback.
    """
    requests = sorted(set(requests))
    cache_dir.mkdir(parents=True, exist_ok=True)
    files: Figures = {}
    notes: dict[ChartRequest, Path] = {}
    missing: list[tuple[ChartRequest, dict[Format, Path], Path]] = []
    for request in requests:
        stem = f"{request.chart_id}-{cache_key(report, theme, request)[:20]}"
        targets = {fmt: cache_dir / f"{stem}.{fmt}" for fmt in request.formats}
        files.update(((request, fmt), path) for fmt, path in targets.items())
        notes[request] = cache_dir / f"{stem}.notes.json"
        if not all(path.is_file() for path in [*targets.values(), notes[request]]):
            missing.append((request, targets, notes[request]))
    missing.sort(key=lambda job: -job[0].size[0] * job[0].size[1])  # largest first: even out the workers
    count = min(jobs or os.cpu_count() or 1, len(missing))
    if drawer is not None and missing:
        drawer.run((_draw, report, theme, missing, count), while_drawing)
    else:
        _draw(report, theme, missing, count, while_drawing)
    said: dict[str, list[str]] = {}
    for request, path in notes.items():
        said.setdefault(request.chart_id, []).extend(json.loads(path.read_text(encoding="utf-8")))
    said = {chart_id: sorted(set(messages)) for chart_id, messages in said.items() if messages}
    return files, RenderStats(len(missing), len(requests) - len(missing), said)


def _draw(
    report: Report,
    theme: Theme,
    missing: list[tuple[ChartRequest, dict[Format, Path], Path]],
    count: int,
    while_drawing: Callable[[], object] | None = None,
) -> None:
    """Draw the missing figures, in `count` processes when more than one: this one and workers forked
    from it, which inherit what it loaded (spawned workers, where there is no fork, draw them all).

    This process draws too: a worker fewer to start, whose copy of this process's memory cost 0.03-0.04 s
    of CPU for the small reports' 4 figures. Each process takes the next figure of the list (largest
    first) when it is free, by a counter they share.
    """
    if count > 1:
        import multiprocessing

        from aigap_docs import workers

        if not workers.forking():
            with workers.pool(count, _start_worker, (report, theme)) as pool:
                drawn = pool.map(_draw_in_worker, missing)
                if while_drawing:
                    while_drawing()
                list(drawn)
            return
        from aigap_docs.charts.draw import prepare

        prepare(theme, {fmt for _, targets, _ in missing for fmt in targets})  # inherited by every worker
        taken = multiprocessing.get_context("fork").Value("i", 0)
        with workers.pool(count - 1, _start_worker, (report, theme, taken)) as pool:
            drawn = pool.map(_draw_in_turn, [missing] * (count - 1))
            if while_drawing:
                while_drawing()
            _start_worker(report, theme, taken)
            _draw_in_turn(missing)
            list(drawn)
    else:
        if while_drawing:
            while_drawing()
        _start_worker(report, theme)
        list(map(_draw_in_worker, missing))


def cache_key(report: Report, theme: Theme, request: ChartRequest) -> str:
    """A hash of everything that decides a chart's pixels: spec, data, source, theme, request, renderer, and
    the language's number symbols."""
    chart = report.charts[request.chart_id]
    dataset = report.datasets[chart.dataset]
    table = report.table(chart.dataset)
    payload = {
        "renderer": source_digest(Path(__file__).parent),
        "theme": theme.fingerprint,
        "chart": chart.model_dump(mode="json"),
        "dataset": dataset.model_dump(mode="json", exclude={"file"}),
        "rows": [[row[name] for name in table.types] for row in table.rows],
        "source": report.source_of(chart).model_dump(mode="json"),
        "request": asdict(request),
        "numbers": asdict(number_symbols(report.language)),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def draw_files(
    report: Report, theme: Theme, request: ChartRequest, targets: dict[Format, Path], notes: Path
) -> None:
    """Draw one chart and save it in each format, and what it left out in `notes` (JSON), deterministically
    and atomically."""
    import matplotlib

    from aigap_docs.charts.draw import draw
    from aigap_docs.charts.style import RENDER_RC

    left_out: list[str] = []
    chart = report.charts[request.chart_id]
    theme = _themed(theme, request)
    figure = draw(chart, report, theme, request.size, request.medium, request.frame, left_out)
    for fmt, path in sorted(targets.items()):
        with (
            replacing(path) as handle,
            matplotlib.rc_context(
                {
                    "svg.hashsalt": "aigap-docs",
                    "svg.fonttype": _svg_text(request),
                    "pdf.fonttype": 42,
                    **RENDER_RC,
                }
            ),
        ):
            figure.savefig(
                handle,
                format=fmt,
                dpi=72 if fmt == "ops" else theme.dpi_for(request.size),  # a recording is in points
                metadata=_NO_METADATA[fmt],
                **(_png_options(request) if fmt == "png" else {}),
            )
    with replacing(notes) as handle:
        handle.write(json.dumps(left_out).encode())


def _png_options(request: ChartRequest) -> dict[str, object]:
    """savefig's PNG options: transparent for a template's backdrop; zlib level 3 for a picture on a slide,
    as the deck's zip deflates it again (half the time of level 6, the deck 20% larger: 150 KB for the
    peer report's four charts, against 124 KB, and 179 KB as Pillow wrote them), level 6 for a file of
    its own."""
    level = 3 if request.frame == "embedded" else 6
    return {"transparent": request.transparent, "pil_kwargs": {"compress_level": level}}


def _themed(theme: Theme, request: ChartRequest) -> Theme:
    """The theme with the request's palette and font (a template's), where it asks for them."""
    update: dict[str, object] = {}
    if request.palette:
        update["series"] = list(request.palette)
    if request.ink:
        update["colours"] = theme.colours.model_copy(update={"text": request.ink, "muted": request.ink})
    if request.font:
        files, substituted = metric_font(request.font)
        if not substituted:
            from matplotlib import ft2font

            family = ft2font.FT2Font(str(files["regular"])).family_name
            fonts = {"family": family, "files": {style: str(path) for style, path in files.items()}}
            update["fonts"] = theme.fonts.model_copy(update=fonts)
    return theme.model_copy(update=update) if update else theme


def _svg_text(request: ChartRequest) -> str:
    return "none" if request.selectable_text else "path"


# No dates, versions or random ids in the files, so the same chart is the same bytes.
_NO_METADATA: dict[str, dict[str, None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "ops": {},
}


_worker_state: dict[str, object] = {}


def _start_worker(report: Report, theme: Theme, taken: Any = None) -> None:
    _worker_state.update(report=report, theme=theme, taken=taken)


def _draw_in_worker(job: tuple[ChartRequest, dict[Format, Path], Path]) -> None:
    draw_files(_worker_state["report"], _worker_state["theme"], *job)  # type: ignore[arg-type]


def _draw_in_turn(jobs: list[tuple[ChartRequest, dict[Format, Path], Path]]) -> None:
    """Draw the next figure not yet taken by another process (the shared counter), until none is left."""
    taken: Any = _worker_state["taken"]
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(jobs):
            return
        _draw_in_worker(jobs[index])


def standalone_requests(report: Report, theme: Theme, ids: Sequence[str] | None = None) -> list[ChartRequest]:
    """Every chart (or those named) at the deck's full slot, with title and source: for web and social use."""
    return [
        ChartRequest(chart_id, theme.slots.deck_full, "deck", "standalone", ("png", "svg"))
        for chart_id in (ids or sorted(report.charts))
    ]
