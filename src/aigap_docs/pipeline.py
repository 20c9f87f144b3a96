"""Load -> render -> export. Everything is gathered before anything is written, and writes are atomic.

Builds into one output folder take turns (an exclusive lock on output/.lock), so two builds at once both
leave valid files; a build killed half-way leaves only `.NAME.XXXXXXXX.partial` files, which the next build
removes. An OS error on the output side (a read-only folder, a full disk, a folder where a file goes) is
a one-line located error, and the outputs stay as they were.

SIGTERM keeps its default action: like SIGKILL, it ends a build at once, with no cleanup that could hang
or half-run. Nothing is lost by that: the kernel frees the lock, the workers die with the build (see
workers.py), and the next build clears the leftovers.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import os
import threading

try:
    import fcntl
except ImportError:  # not POSIX: builds into one folder are not serialised
    fcntl = None  # type: ignore[assignment]
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigap_docs import manifest
from aigap_docs.atomic import clear_leftovers, replace_all
from aigap_docs.digest import file_digest, plan_bytes
from aigap_docs.errors import ExportError, Problem, SourceRef, os_problem
from aigap_docs.loader import load_report
from aigap_docs.model import Report
from aigap_docs.theme import Theme, assets_for, load_theme

if TYPE_CHECKING:
    from aigap_docs.charts.drawer import Drawer
    from aigap_docs.exporters import BuildOptions


@dataclass(frozen=True)
class Written:
    """What a build wrote, what it warned about, and how much of the chart work the cache saved."""

    files: list[Path]
    charts_drawn: int = 0
    charts_cached: int = 0
    warnings: list[Problem] = field(default_factory=list)
    skipped: bool = False
    """Nothing had changed since the last build, whose outputs are still in place."""
    made: dict[str, Made] = field(default_factory=dict)
    """Each output as this build made or kept it, for the next build to compare with (see `build`)."""
    rebuilt: tuple[str, ...] = ()
    """The outputs built anew; the others were kept as the last build wrote them."""
    charts_redrawn: tuple[str, ...] = ()
    """The ids of the charts drawn anew (not found in the cache)."""


@dataclass(frozen=True)
class Made:
    """An output as a build made it: a digest of everything its writer read (plan, figures, theme, the
    files the plan names) and what the writer returned. A later build whose digest is the same keeps it."""

    inputs: str
    built: Any
    path: Path


def load(folder: Path) -> tuple[Report, Theme]:
    """The validated report and the theme it is drawn with: the theme's entities with the report's merged
    over them (content may name only those)."""
    theme = load_theme(assets_for(folder))
    report = load_report(folder, entities=theme.entities)
    return report, theme.with_entities(report.entities)


def cache_dir(output: Path) -> Path:
    """Where rendered charts are kept between builds, keyed by content hash."""
    return output / ".cache" / "charts"


def build_charts(report: Report, theme: Theme, output: Path, jobs: int | None = None) -> Written:
    """Write every chart as output/charts/<id>.png and .svg, titled and sourced, for web and social use."""
    from aigap_docs.charts import render_charts, standalone_requests

    with exclusive(output):
        files, stats = render_charts(
            report, theme, standalone_requests(report, theme), cache_dir(output), jobs
        )
        contents = {
            output / "charts" / f"{request.chart_id}.{fmt}": path.read_bytes()
            for (request, fmt), path in files.items()
        }
        replace_all(dict(sorted(contents.items())))
    return Written(sorted(contents), stats.drawn, stats.cached, _chart_warnings(report, stats.notes))


def build(
    report: Report,
    theme: Theme,
    output: Path,
    outputs: Sequence[str] = ("slides", "pdf"),
    jobs: int | None = None,
    strict: bool = False,
    options: BuildOptions | None = None,
    last: dict[str, Made] | None = None,
    drawer: Drawer | None = None,
) -> Written:
    """Build the named outputs (deck, brief) into output/<report>.<suffix>, all or nothing.

    Charts for every output are drawn in one pass (shared, cached, in parallel); each document is built
    in memory; only when all succeeded (and, with `strict`, nothing warned) is anything written, and then
    every output or none (see atomic.replace_all). Raises ExportError otherwise, leaving the previous
    outputs untouched. When nothing changed since the last build and its outputs are intact, nothing is
    done at all (see manifest.py).

    `last` is what a previous build in this process made (its `Written.made`, filled only when `last`
    is given): an output whose writer would read the same plan, figures and files, and whose file is
    still as that build wrote it, is kept, neither built nor rewritten. `watch` starts with {}, which
    builds even when the manifest says nothing changed, to learn what each output is made from.
    `drawer` (charts/drawer.py), started by the caller before it loaded the report, draws the charts.
    """
    from aigap_docs.charts import render_charts
    from aigap_docs.exporters import BuildOptions, Built, writer

    options = options or BuildOptions()
    key = manifest.fingerprint(report, theme, tuple(outputs), options)
    with exclusive(output):
        earlier = manifest.previous(output, report, key) if last != {} else None
        if earlier is not None:
            _fail_if_strict(strict, earlier.warnings)
            return Written(earlier.files, warnings=earlier.warnings, skipped=True)
        plans = plan(report, theme, outputs, options)
        requests = [r for planned in plans.values() for r in planned.chart_requests()]
        modules = {}
        cached = _cached_names(output)
        figures, stats = render_charts(
            report,
            theme,
            requests,
            cache_dir(output),
            jobs,
            while_drawing=lambda: modules.update((name, writer(name)) for name in outputs),
            drawer=drawer,
        )
        paths = {name: output / f"{report.slug}{modules[name].SUFFIX}" for name in outputs}
        inputs = {}
        if last is not None:  # only a watcher keeps outputs: a single build need not digest its plans
            inputs = {name: _inputs_digest(plans[name], figures, theme) for name in outputs}
        kept = {
            name: last[name]
            for name in outputs
            if last and name in last and _still_valid(last[name], inputs[name], paths[name])
        }
        rebuild = {name: modules[name] for name in outputs if name not in kept}
        with _collecting_only_new_objects(last is None):
            fresh = _build_documents(rebuild, plans, theme, figures, jobs)
        # A kept output's warnings are its new plan's (writers warn through their plans): the same
        # warnings, at the lines where things are written now.
        kept_built = {name: Built(made.built.data, list(plans[name].warnings)) for name, made in kept.items()}
        built = {**kept_built, **fresh}
        found = [w for r in built.values() for w in r.warnings] + _chart_warnings(report, stats.notes)
        warnings = in_order(found)
        _fail_if_strict(strict, warnings)
        files = {paths[name]: built[name].data for name in outputs}
        changed = {path: data for path, data in files.items() if path not in (m.path for m in kept.values())}
        if last is not None:  # a watcher's first build: a file already as built keeps its time too
            changed = {path: data for path, data in changed.items() if not _holds(path, data)}
        # The manifest goes last: a build killed before it is in place is redone in full.
        replace_all({**changed, manifest.path(output, report): manifest.encode(key, files, warnings)})
        redrawn = _redrawn(report, _cached_names(output) - cached)
    made = {name: Made(inputs[name], built[name], paths[name]) for name in inputs}
    return Written(sorted(files), stats.drawn, stats.cached, warnings, False, made, tuple(rebuild), redrawn)


def plan(report: Report, theme: Theme, outputs: Sequence[str], options: BuildOptions) -> dict[str, Any]:
    """Each named output's plan: everything it will show, its chart requests and its warnings.

    The one planning step of both `build` and `check`, so `check` reports what `build` would. Raises
    ExportError when an output cannot be planned (a template without the layouts it needs, no brief).
    """
    from aigap_docs.exporters import planner

    return {name: planner(name).plan(report, theme, options) for name in outputs}


def in_order(warnings: Sequence[Problem]) -> list[Problem]:
    """Warnings once each, by place, field and message: how a build and `check` list them."""
    return sorted(set(warnings), key=lambda w: (w.where, w.field, w.message))


def _inputs_digest(planned: Any, figures: Any, theme: Theme) -> str:
    """A digest of what an output's writer reads: its plan (but for where things were written), the
    figure files of its charts (named by their content hash), the theme, and the bytes of every file the
    plan names (template, logo)."""
    named: list[Path] = []
    wanted = set(planned.chart_requests())
    figure_files = sorted((repr(key), str(path)) for key, path in figures.items() if key[0] in wanted)
    digest = hashlib.sha256(plan_bytes((planned, figure_files, theme.fingerprint), named.append))
    for path in sorted(set(named)):
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + file_digest(path))
    return digest.hexdigest()


def _still_valid(made: Made, inputs: str, path: Path) -> bool:
    """Whether an earlier output can stay: made from the same inputs, and its file untouched since."""
    return made.inputs == inputs and made.path == path and _holds(path, made.built.data)


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and file_digest(path) == hashlib.sha256(data).digest()


def _cached_names(output: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(cache_dir(output))}
    except OSError:
        return set()


def _redrawn(report: Report, new_files: set[str]) -> tuple[str, ...]:
    """The charts whose cached figures are new (cache files are named <chart id>-<hash>.<format>)."""
    stems = {name.rsplit(".", 1)[0].rsplit("-", 1)[0] for name in new_files}
    return tuple(sorted(chart_id for chart_id in report.charts if chart_id in stems))


@contextlib.contextmanager
def _collecting_only_new_objects(enabled: bool) -> Iterator[None]:
    """While the documents are built, the garbage collector walks only the objects made from here on.

    The deck writer collects in full before reopening its deck; walking every object the imports of
    matplotlib, reportlab and pydantic made took 0.07 s of each build, and those live on anyway. Forked
    workers then share these pages undisturbed. A watcher froze them once for good (watch.py): not here.
    """
    if not enabled:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _build_documents(
    modules: dict, plans: dict[str, Any], theme: Theme, figures: Any, jobs: int | None
) -> dict:
    """Each output's Built, from its plan; with two outputs and a spare core, the last is built in a
    forked process."""
    from aigap_docs import workers

    names = list(modules)
    if len(names) < 2 or (jobs or os.cpu_count() or 1) < 2 or not workers.forking():
        return {name: modules[name].build(plans[name], figures, theme) for name in names}

    with workers.pool(1) as pool:
        last = pool.submit(modules[names[-1]].build, plans[names[-1]], figures, theme)
        built = {name: modules[name].build(plans[name], figures, theme) for name in names[:-1]}
        built[names[-1]] = last.result()
    return built


def _chart_warnings(report: Report, notes: dict[str, list[str]]) -> list[Problem]:
    """What crowded charts left out to stay legible, as warnings located at the chart."""
    where = report.ref or SourceRef(report.slug)
    return [
        Problem(report.charts[chart_id].ref or where, message, f"charts.{chart_id}")
        for chart_id, messages in sorted(notes.items())
        for message in messages
    ]


def _fail_if_strict(strict: bool, warnings: list[Problem]) -> None:
    if strict and warnings:
        raise ExportError([Problem(w.where, f"{w.message} (--strict)", w.field) for w in warnings])


_IN_PROCESS = threading.Lock()
"""A record lock excludes other processes, not this one's threads, and closing any descriptor of the
file drops it: builds in one process take turns here before taking the folder's lock."""

_OWN_FILES = (".lock", ".cache", ".cache/charts")
"""What a build keeps in the output folder besides its outputs: never written through a symbolic link."""


@contextlib.contextmanager
def exclusive(output: Path) -> Iterator[None]:
    """Hold the output folder's lock and clear what killed builds left half-written there; an OS error on
    the output side, here or in the block, becomes an ExportError naming the path.

    The lock is a POSIX record lock (lockf), which belongs to this process alone: worker processes forked
    while it is held never hold it, and it is free the moment this process ends, however it ends.
    Raises ExportError when .lock or .cache is a symbolic link (the next build would write through it).
    """
    with _IN_PROCESS, _output_errors(output):
        linked = [output / name for name in _OWN_FILES if (output / name).is_symlink()]
        if linked:
            raise ExportError([_linked(path) for path in linked])
        output.mkdir(parents=True, exist_ok=True)
        lock = _open_lock(output / ".lock")
        try:
            if fcntl is not None:
                fcntl.lockf(lock, fcntl.LOCK_EX)
            for folder in (output, output / ".cache", cache_dir(output), output / "charts"):
                clear_leftovers(folder)
            yield
        finally:
            os.close(lock)


def _open_lock(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:  # made a link since exclusive() looked
            raise ExportError([_linked(path)]) from None
        raise


def _linked(path: Path) -> Problem:
    message = "is a symbolic link; aigap-docs writes no file through one (remove it)"
    return Problem(SourceRef(str(path)), message)


@contextlib.contextmanager
def _output_errors(output: Path) -> Iterator[None]:
    """An OS error on the output folder, a folder above it or a file in it is the user's to fix: say so
    in one located line. Others (the content, the theme) are not expected here and keep their traceback."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise
        path = Path(os.fsdecode(error.filename))
        if not (path == output or path in output.parents or output in path.parents):
            raise
        raise ExportError([os_problem(str(path), error, "write")]) from None
