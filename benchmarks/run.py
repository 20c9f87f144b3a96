"""Measure aigap-docs: build (cold and warm cache), check, import, phases, a hand-written baseline, scale.

    python benchmarks/run.py [--runs 5] [--scale 50,200,800] [--table-rows 500,2000]

Prints medians of several runs of real commands (wall time, CPU time, peak memory of the process tree),
then ratios to the baseline measured in the same run: shared machines are noisy, ratios less so.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "content" / "aigap-2025"
CLI = [sys.executable, "-m", "aigap_docs"]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bytecode import compile_sources  # noqa: E402
from synthetic import write_report  # noqa: E402


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], before: Callable[[], None] | None = None) -> Sample:
    """Run a command once; wall time, CPU time of it and its children, and its peak resident memory."""
    if before:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}"
        )
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(command: list[str], runs: int, before: Callable[[], None] | None = None) -> Sample:
    samples = [run(command, before) for _ in range(runs)]
    return Sample(
        *(statistics.median(getattr(s, name) for s in samples) for name in ("wall", "cpu", "peak_mb"))
    )


def show(name: str, sample: Sample, baseline: Sample | None = None) -> None:
    ratio = f"  {sample.wall / baseline.wall:5.2f}x baseline" if baseline else ""
    print(
        f"{name:<34} wall {sample.wall:6.3f} s   cpu {sample.cpu:6.3f} s   peak {sample.peak_mb:7.1f} MB{ratio}"
    )


def phases(folder: Path, output: Path) -> dict[str, float]:
    """Seconds per phase of one cold build, measured in this process."""
    from aigap_docs.charts import render_charts
    from aigap_docs.exporters import BuildOptions, writer
    from aigap_docs.pipeline import cache_dir, load, plan

    times: dict[str, float] = {}
    start = time.perf_counter()
    report, theme = load(folder)
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    plans = plan(report, theme, ("slides", "pdf"), BuildOptions())
    times["plan"] = time.perf_counter() - start
    requests = [r for planned in plans.values() for r in planned.chart_requests()]
    start = time.perf_counter()
    figures, _ = render_charts(report, theme, requests, cache_dir(output))
    times["charts"] = time.perf_counter() - start
    for name, label in (("slides", "deck"), ("pdf", "brief")):
        start = time.perf_counter()
        writer(name).build(plans[name], figures, theme)
        times[label] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", default="50,200,800", help="slide counts for the scale run ('' to skip)")
    parser.add_argument(
        "--table-rows", default="500,2000", help="rows of a long table in the brief ('' to skip)"
    )
    args = parser.parse_args()
    print(
        f"aigap-docs benchmarks, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; medians of {args.runs} runs\n"
    )
    compile_sources(ROOT / "src")
    scratch = Path(tempfile.mkdtemp(prefix="aigap-bench-"))
    output = scratch / "out"
    try:
        baseline = median(
            [sys.executable, "benchmarks/baseline.py", str(REPORT), str(scratch / "baseline")], args.runs
        )
        show("baseline (plain script)", baseline)
        build = [*CLI, "-q", "-r", str(REPORT), "-o", str(output), "build"]
        cold = median(build, args.runs, before=lambda: shutil.rmtree(output, ignore_errors=True))
        show("build, empty chart cache", cold, baseline)
        show("build, warm cache", median(build, args.runs), baseline)
        show("check", median([*CLI, "-q", "-r", str(REPORT), "check"], args.runs))
        show("--help", median([*CLI, "--help"], args.runs))
        show("import aigap_docs.cli", median([sys.executable, "-c", "import aigap_docs.cli"], args.runs))

        print("\nphases of one cold build (in-process):")
        for name, seconds in phases(REPORT, scratch / "phases").items():
            print(f"  {name:<8} {seconds:6.3f} s")

        sizes = [int(n) for n in args.scale.split(",") if n]
        if sizes:
            print("\nscale (synthetic reports, a quarter as many charts as slides, cold build):")
        per_slide = {}
        for slides in sizes:
            folder = write_report(
                scratch / "content" / f"s{slides}", slides, max(1, slides // 4), max(2, slides // 100)
            )
            out = scratch / f"out{slides}"
            sample = run([*CLI, "-q", "-r", str(folder), "-o", str(out), "build"])
            per_slide[slides] = sample.wall / slides
            print(
                f"  {slides:>4} slides, {slides // 4:>3} charts: wall {sample.wall:7.2f} s   "
                f"{per_slide[slides] * 1000:6.1f} ms/slide   peak {sample.peak_mb:7.1f} MB"
            )
        if len(sizes) > 1:
            print(
                f"  time per slide, {sizes[-1]} vs {sizes[0]} slides: {per_slide[sizes[-1]] / per_slide[sizes[0]]:.2f}x"
            )

        rows = [int(n) for n in args.table_rows.split(",") if n]
        if rows:
            print("\nlong tables (a small synthetic report, `pdf` with a table of R rows in the brief):")
            per_row = long_tables(scratch, rows)
            if len(rows) > 1:
                print(
                    f"  time per row, {rows[-1]:,} vs {rows[0]:,} rows: {per_row[rows[-1]] / per_row[rows[0]]:.2f}x"
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def long_tables(scratch: Path, sizes: list[int]) -> dict[int, float]:
    """Seconds per row of the brief's table: the time beyond the same report without it, over R."""

    def pdf(rows: int) -> Sample:
        folder = write_report(scratch / "content" / f"t{rows}", 5, 1, 1, table_rows=rows)
        return run([*CLI, "-q", "-r", str(folder), "-o", str(scratch / f"tables{rows}"), "pdf"])

    without = pdf(0)
    per_row = {}
    for rows in sizes:
        sample = pdf(rows)
        per_row[rows] = (sample.wall - without.wall) / rows
        print(
            f"  {rows:>6,} rows: wall {sample.wall:6.2f} s   {per_row[rows] * 1000:5.2f} ms/row   "
            f"peak {sample.peak_mb:7.1f} MB"
        )
    return per_row


if __name__ == "__main__":
    main()
