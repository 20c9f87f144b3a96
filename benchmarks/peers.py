"""aigap-docs against the tools a user would pick instead, building the same small briefing (issue 16).

    python benchmarks/peers.py [--runs 9] [--peers /work/shared/peers] [--also NAME=SRC ...]

The peers (PEERS/README.md; install each first with `bash PEERS/<peer>/install.sh`) build 8 slides, 4
charts and a 3-page A4 brief from their own source; benchmarks/peer-report/ is the same content as an
aigap-docs report. Each round runs every command once, in turn (A B C A B C ...), so a slow moment of a
shared machine falls on all of them alike; every run is cold: the peers' run.sh start from an empty output
folder, and aigap-docs builds into an empty one (no chart cache, no manifest). Wall time is measured around
the whole process, CPU time (user + system) from wait4's rusage, which includes every child the process
waited for (pandoc, typst, the chart workers). Prints medians and the ratios of aigap-docs to each peer.

`--also NAME=SRC` adds aigap-docs run from another source tree (SRC/src on PYTHONPATH, e.g. an unpacked
`git archive` of an earlier commit), paired with the rest: before/after comparisons in one session.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _bytecode import compile_sources

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "benchmarks" / "peer-report"
PEERS = Path("/work/shared/peers")


@dataclass(frozen=True)
class Command:
    name: str
    argv: list[str]
    env: dict[str, str]
    output: Path | None = None
    """A folder emptied before each run (aigap-docs' output, with its chart cache)."""


def run(command: Command) -> tuple[float, float]:
    """One cold run: wall and CPU seconds of the process and the children it waited for."""
    if command.output is not None:
        shutil.rmtree(command.output, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(
        command.argv, cwd=ROOT, env=command.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{command.name} failed: {' '.join(command.argv)}\n{error}")
    return wall, usage.ru_utime + usage.ru_stime


def commands(peers: Path, scratch: Path, also: list[str]) -> list[Command]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("PYTHONPATH", None)
    cli = str(Path(sys.executable).with_name("aigap-docs"))

    def aigap(name: str, src: str | None) -> Command:
        output = scratch / name
        argv = [cli, "-q", "--report", str(REPORT), "--output", str(output), "build"]
        extra = {"PYTHONPATH": str(Path(src) / "src")} if src else {}
        return Command(name, argv, {**env, **extra}, output)

    found = [
        Command("pandoc + typst", ["bash", str(peers / "pandoc" / "run.sh")], env),
        Command("plain script", ["bash", str(peers / "handwritten" / "run.sh")], env),
        aigap("aigap-docs", None),
    ]
    for spec in also:
        name, _, src = spec.partition("=")
        found.append(aigap(f"aigap-docs {name}", src))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--peers", type=Path, default=PEERS)
    parser.add_argument("--also", action="append", default=[], metavar="NAME=SRC")
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"peers, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load {load[0]:.2f}; "
        f"{args.runs} paired cold runs each, medians"
    )
    compile_sources(ROOT / "src", *(Path(spec.partition("=")[2]) / "src" for spec in args.also))
    with tempfile.TemporaryDirectory(prefix="aigap-peers-") as work:
        runs = commands(args.peers, Path(work), args.also)
        for command in runs:  # one warm-up each: the page cache
            run(command)
        samples: dict[str, list[tuple[float, float]]] = {c.name: [] for c in runs}
        for _ in range(args.runs):
            for command in runs:
                samples[command.name].append(run(command))
    medians = {
        name: (statistics.median(s[0] for s in found), statistics.median(s[1] for s in found))
        for name, found in samples.items()
    }
    peers = [c.name for c in runs[:2]]
    header = f"{'':<24} {'wall':>8} {'CPU':>8}" + "".join(f"   vs {p:<14}" for p in peers)
    print(header)
    for name, (wall, cpu) in medians.items():
        ratios = "".join(f"   {wall / medians[p][0]:4.2f}x / {cpu / medians[p][1]:4.2f}x " for p in peers)
        print(f"{name:<24} {wall:7.3f}s {cpu:7.3f}s{ratios if name not in peers else ''}")
    print("(ratios: wall / CPU of the row over the peer's; wall and CPU include children)")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
