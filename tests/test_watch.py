"""`aigap-docs watch`, driven in a subprocess as an author would: edit, save, read the status line.

The machine is shared and slow: every wait polls for the status line with a generous timeout, and no
test asserts on speed (benchmarks/watch.py measures it).
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from aigap_docs.watch import Outcome, status_line

from .conftest import ROOT

WAIT = 240.0
"""Seconds to wait for a rebuild on a loaded machine (the first one draws every chart)."""
STATUS = re.compile(r"^(deck (rebuilt|kept)|brief (rebuilt|kept)|up to date|not rebuilt)")


class Watcher:
    """A running `aigap-docs watch`, its output read line by line as it comes."""

    def __init__(self, folder: Path, output: Path, *options: str):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "MPLBACKEND": "Agg"}
        command = [
            sys.executable,
            "-m",
            "aigap_docs",
            "-r",
            str(folder),
            "-o",
            str(output),
            "watch",
            *options,
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(stream,), daemon=True)
            for stream in (self.process.stdout, self.process.stderr)
        ]
        for reader in self.readers:
            reader.start()

    def _read(self, stream) -> None:
        with stream:
            for line in stream:
                self.lines.put(line.rstrip("\n"))

    def status(self) -> str:
        """The next status line; the lines before it (problems, warnings) are kept in `seen`."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, f"watch ended: {self.seen}"
                continue
            self.seen.append(line)
            if STATUS.match(line):
                return line
        raise AssertionError(f"no status line within {WAIT} s: {self.seen}")

    def stop(self, signum: int = signal.SIGINT) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=WAIT)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for reader in self.readers:
            reader.join(timeout=WAIT)


@pytest.fixture
def watched(minimal_copy: Path, tmp_path: Path):
    started: list[Watcher] = []

    def start(*options: str) -> Watcher:
        watcher = Watcher(minimal_copy, tmp_path / "out", *options)
        started.append(watcher)
        return watcher

    yield start
    for watcher in started:
        watcher.kill()


def edit(path: Path, old: str, new: str) -> None:
    """Save as many editors do: write a temporary file beside it, then rename it into place."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def snapshot(output: Path) -> dict[str, tuple[bytes, int]]:
    return {name: ((output / name).read_bytes(), (output / name).stat().st_mtime_ns) for name in OUTPUTS}


OUTPUTS = ("minimal.pptx", "minimal.pdf")


def test_each_save_rebuilds_only_what_it_touches_and_broken_content_keeps_the_last_outputs(
    watched, minimal_copy, tmp_path
):
    output = tmp_path / "out"
    watcher = watched()
    first = watcher.status()
    assert first.startswith("deck rebuilt, brief rebuilt, 2 charts redrawn"), first

    before = snapshot(output)
    edit(minimal_copy / "report.yaml", "title: What we counted", "title: What we measured")
    line = watcher.status()
    assert line.startswith("deck rebuilt, brief kept, 0 charts redrawn"), line
    after = snapshot(output)
    assert after["minimal.pdf"] == before["minimal.pdf"]  # bytes and modification time
    assert after["minimal.pptx"][0] != before["minimal.pptx"][0]

    edit(minimal_copy / "data" / "models.csv", "France,3,3", "France,3,4")
    line = watcher.status()
    assert line.startswith("deck rebuilt, brief rebuilt, 1 chart redrawn (models-change)"), line

    good = snapshot(output)
    edit(minimal_copy / "report.yaml", "title: What we measured", "title: [What we measured")
    line = watcher.status()
    assert line.startswith("not rebuilt: 1 problem; the last outputs are kept"), line
    assert any(re.match(r".*report\.yaml:\d+:\d+: invalid YAML", seen) for seen in watcher.seen)
    assert any(seen.startswith("Error: 1 problem in") for seen in watcher.seen)
    assert snapshot(output) == good

    edit(minimal_copy / "report.yaml", "title: [What we measured", "title: What we measured")
    line = watcher.status()
    assert line.startswith(("up to date", "deck kept, brief kept")), line
    assert snapshot(output) == good

    assert watcher.stop() == 0


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_ends_watch_with_status_0_no_traceback_no_partial_file_and_no_worker(
    watched, tmp_path, signum
):
    watcher = watched("--jobs", "2")
    watcher.status()
    assert watcher.stop(signum) == 0
    assert not [line for line in watcher.seen if "Traceback" in line]
    time.sleep(0.5)
    assert not list((tmp_path / "out").rglob("*.partial"))
    assert not _processes_naming(tmp_path / "out")


def test_slides_watches_and_builds_the_deck_only(watched, tmp_path):
    watcher = watched("--slides")
    line = watcher.status()
    assert line.startswith("deck rebuilt, 2 charts redrawn"), line
    assert (tmp_path / "out" / "minimal.pptx").is_file()
    assert not (tmp_path / "out" / "minimal.pdf").exists()
    assert watcher.stop() == 0


def test_the_status_line_says_what_was_rebuilt_kept_and_redrawn():
    from aigap_docs.pipeline import Written

    written = Written([], rebuilt=("pdf",), charts_redrawn=("a", "b"))
    assert status_line(Outcome(0.314, written), ("slides", "pdf")) == (
        "deck kept, brief rebuilt, 2 charts redrawn (a, b) in 0.31 s"
    )
    assert status_line(Outcome(0.05, Written([], skipped=True)), ("slides",)) == "up to date (in 0.05 s)"


def _processes_naming(path: Path) -> list[int]:
    """Processes whose command line names `path` (a watcher's workers share its command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(path).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
