"""`aigap-docs watch`: build once, then rebuild what each save changes, until Ctrl-C or SIGTERM.

The process stays warm between rebuilds (imports, fonts, the template's checked parts), and a rebuild
redoes only what the change touched: charts come from the content-hashed cache unless their spec or data
changed, and an output whose writer would read what the last rebuild's read is kept, file and all
(pipeline.build's `last`). Broken content is reported as `build` reports it, and since nothing is written
then, the last good outputs stay. A signal ends the loop between steps of a rebuild; atomic writes and the
worker pools' own cleanup leave no partial file and no worker behind.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigap_docs.errors import AigapError
from aigap_docs.pipeline import Made, Written, build, load
from aigap_docs.theme import assets_for

STEP_MS = 30
"""Quiet time that ends a burst of saves: an editor's write-temp-then-rename takes microseconds, a
'save all' a few milliseconds."""
LONGEST_BURST_MS = 1600
"""A stream of saves longer than this is rebuilt in parts."""
POLL_MS = 100
"""How often the watcher wakes to let Python handle signals."""

OUTPUT_NAMES = {"slides": "deck", "pdf": "brief"}


class Stopped(BaseException):
    """SIGINT or SIGTERM reached the watcher: unwind (writes are atomic, pools wait for their workers)."""


@dataclass(frozen=True)
class Outcome:
    """One rebuild: what it wrote, or the problems that stopped it; and how long it took."""

    seconds: float
    written: Written | None = None
    error: AigapError | None = None


@dataclass
class Session:
    """One report built again and again in this process, remembering what each output was made from."""

    folder: Path
    output: Path
    outputs: tuple[str, ...]
    jobs: int | None = None
    strict: bool = False
    options: Any = None
    made: dict[str, Made] = field(default_factory=dict)

    def rebuild(self) -> Outcome:
        started = time.perf_counter()
        try:
            report, theme = load(self.folder)
            written = build(
                report, theme, self.output, self.outputs, self.jobs, self.strict, self.options, self.made
            )
        except AigapError as error:
            return Outcome(time.perf_counter() - started, error=error)
        if not written.skipped:
            self.made = written.made
        return Outcome(time.perf_counter() - started, written)


def status_line(outcome: Outcome, outputs: Sequence[str]) -> str:
    """The one line a rebuild prints: what was rebuilt, kept and redrawn, and how long it took."""
    took = f"in {outcome.seconds:.2f} s"
    if outcome.error is not None:
        count = len(outcome.error.problems)
        return f"not rebuilt: {count} problem{'s' if count != 1 else ''}; the last outputs are kept ({took})"
    written = outcome.written
    assert written is not None
    if written.skipped:
        return f"up to date ({took})"
    parts = [f"{OUTPUT_NAMES[n]} {'rebuilt' if n in written.rebuilt else 'kept'}" for n in outputs]
    redrawn = written.charts_redrawn
    charts = f"{len(redrawn)} chart{'s' if len(redrawn) != 1 else ''} redrawn"
    if redrawn:
        charts += f" ({', '.join(redrawn)})"
    return f"{', '.join(parts)}, {charts} {took}"


def watched_folders(folder: Path) -> list[Path]:
    """The report's folder and the theme's (theme.yaml, fonts, a shared template or logo)."""
    found = [folder.resolve(), assets_for(folder).resolve()]
    return [path for i, path in enumerate(found) if path.is_dir() and path not in found[:i]]


def run(session: Session, report: Callable[[Outcome], None]) -> None:
    """Build, then rebuild on every burst of saves, passing each outcome to `report`; returns on SIGINT
    or SIGTERM."""
    import watchfiles

    if "slides" in session.outputs:
        from aigap_docs.exporters.deck.writer import keep_slides

        keep_slides()  # a slide whose plan a change leaves as it was is copied, not written again
    ignored = watchfiles.DefaultFilter(ignore_paths=[str(session.output.resolve())])
    with _stopped_by_signals():
        batches = watchfiles.watch(
            *watched_folders(session.folder),
            watch_filter=ignored,
            debounce=LONGEST_BURST_MS,
            step=STEP_MS,
            rust_timeout=POLL_MS,
            yield_on_timeout=True,
            raise_interrupt=True,
        )
        try:
            next(batches)  # the watcher runs from here on: a save during the first build is not missed
            report(session.rebuild())
            # What the first build imported and cached lives as long as the watcher: out of the
            # collector's sight, the full collection the deck writer makes per build costs a few ms
            # instead of a tenth of a second.
            gc.freeze()
            for changes in batches:
                if changes:
                    report(session.rebuild())
        except (Stopped, KeyboardInterrupt):
            pass
        finally:
            batches.close()


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise Stopped in this process; forked workers, which inherit the handler,
    ignore them and finish their job or die with this process."""
    owner = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() == owner:
            raise Stopped

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
