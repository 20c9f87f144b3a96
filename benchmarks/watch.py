"""Watch latency: from a save to the outputs rewritten, on a copy of the default report (medians of N).

    python benchmarks/watch.py [--runs 5]

Starts `aigap-docs watch` on a copy of content/aigap-2025, then alternates two edits, each N times there and back: one
word of a slide title (issue 16's target: under 0.25 s) and one number in a CSV (under 0.6 s). A run is
timed from the rename that saves the file to the modification time of the last output rewritten; the
rebuild's own time, from its status line, is printed beside it. Prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUS = re.compile(r"^(deck|brief|up to date|not rebuilt).* in (\d+\.\d+) s\)?$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="aigap-watch-bench-") as work:
        folder = Path(work) / "content" / "aigap-2025"
        shutil.copytree(ROOT / "content" / "aigap-2025", folder)
        shutil.copytree(ROOT / "assets", Path(work) / "assets")
        output = Path(work) / "out"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        command = [sys.executable, "-m", "aigap_docs", "-r", str(folder), "-o", str(output), "watch"]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        try:
            print("first build:", _status(process))
            edits = {
                "slide title, one word": (
                    folder / "report.yaml",
                    "title: What it means",
                    "title: What it implies",
                ),
                "CSV, one number": (
                    folder / "data" / "benchmarks.csv",
                    "MMLU,general knowledge,17.5,0.3",
                    "MMLU,general knowledge,17.5,0.4",
                ),
            }
            found: dict[str, list[tuple[float, float, str]]] = {name: [] for name in edits}
            for run in range(runs):
                for name, (path, old, new) in edits.items():
                    # a number not seen before each time, so its chart is really redrawn (not cached)
                    fresh = new.replace("0.4", f"0.{4 + run}") if name.startswith("CSV") else new
                    found[name].append(_timed(process, output, path, old, fresh))
                    found[name].append(_timed(process, output, path, fresh, old))
            for name, results in found.items():
                saved = statistics.median(r[0] for r in results)
                rebuild = statistics.median(r[1] for r in results)
                print(
                    f"{name}: save -> outputs rewritten {saved:.3f} s, rebuild {rebuild:.3f} s (median of {len(results)})"
                )
                print(f"  e.g. {results[-1][2]}")
        finally:
            process.terminate()
            process.wait()


def _timed(
    process: subprocess.Popen, output: Path, path: Path, old: str, new: str
) -> tuple[float, float, str]:
    time.sleep(0.5)  # let the watcher settle, so each save is its own burst
    text = path.read_text(encoding="utf-8")
    temporary = path.with_name(f".{path.name}.bench")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    saved = time.time()
    os.replace(temporary, path)
    line = _status(process)
    written = max(p.stat().st_mtime for p in output.glob("aigap-2025.*"))
    return written - saved, float(STATUS.match(line).group(2)), line


def _status(process: subprocess.Popen) -> str:
    for line in process.stdout:
        if STATUS.match(line.strip()):
            return line.strip()
    raise SystemExit("watch ended")


if __name__ == "__main__":
    main()
