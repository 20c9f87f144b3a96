"""Concurrent and interrupted builds: outputs stay valid, previous outputs survive a kill, nothing stray remains."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from .conftest import ROOT


@pytest.fixture
def folder(minimal_copy: Path) -> Path:
    return minimal_copy


def command(folder: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "aigap_docs", "-q", "-r", str(folder), "-o", str(output), "build"]


def build(folder: Path, output: Path) -> None:
    subprocess.run(command(folder, output), cwd=ROOT, check=True, capture_output=True)


def outputs(output: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(output.glob("minimal.*"))}


def test_two_builds_at_once_both_succeed_and_leave_the_serial_bytes(folder, tmp_path):
    build(folder, tmp_path / "serial")
    runs = [
        subprocess.Popen(command(folder, tmp_path / "shared"), cwd=ROOT, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert outputs(tmp_path / "shared") == outputs(tmp_path / "serial")
    assert len(Presentation(str(tmp_path / "shared" / "minimal.pptx")).slides) > 0
    assert len(PdfReader(tmp_path / "shared" / "minimal.pdf").pages) > 0


def started(output: Path) -> bool:
    return True


def drawing(output: Path) -> bool:
    return any((output / ".cache" / "charts").glob("*"))


@pytest.mark.parametrize("moment", [started, drawing], ids=["while starting", "while drawing charts"])
def test_a_build_killed_midway_keeps_the_previous_outputs_and_the_next_build_leaves_nothing_stray(
    folder, tmp_path, moment
):
    output = tmp_path / "out"
    build(folder, output)
    previous = outputs(output)
    shutil.rmtree(output / ".cache")  # an empty chart cache: the killed build has work to be caught in
    csv = folder / "data" / "investment.csv"
    csv.write_text(csv.read_text().replace("109.1", "110.1"))
    run = subprocess.Popen(command(folder, output), cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 30
    while not moment(output) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(run.pid, signal.SIGKILL)  # the build and its chart workers
    assert run.wait() == -signal.SIGKILL, "the build finished before it could be interrupted"
    assert outputs(output) == previous
    build(folder, output)
    assert outputs(output) != previous
    assert not list(output.rglob("*.partial"))
