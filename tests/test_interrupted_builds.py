"""Concurrent and interrupted builds: outputs stay valid, previous outputs survive a kill, nothing stray remains."""

from __future__ import annotations

import fcntl
import os
import random
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
    subprocess.run(command(folder, output), cwd=ROOT, check=True, capture_output=True, timeout=60)


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


# --- the build alone is killed (as a timeout or a service manager does): its workers must not outlive it ---

MARKER = "AIGAP_DOCS_TEST_BUILD"
"""An environment variable each killed build is started with, inherited by every process it starts."""


def processes(marker: str) -> list[int]:
    """The live processes started with MARKER=marker: a build and its workers (zombies have no environment)."""
    variable, found = f"{MARKER}={marker}".encode(), []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and variable in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # ended meanwhile, or not ours to read
            continue
    return found


def left_behind(marker: str, grace: float = 3.0) -> list[int]:
    """The processes still alive `grace` seconds after a build ended (killed ones, once they are gone)."""
    deadline = time.monotonic() + grace
    while (found := processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.02)
    for pid in found:  # so that a failing test leaves nothing running either
        os.kill(pid, signal.SIGKILL)
    return found


def lock_is_free(output: Path) -> bool:
    """Whether this process could take the folder's lock at once, of either kind (flock or POSIX)."""
    if not (output / ".lock").exists():
        return True
    with open(output / ".lock", "r+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
    return True


def kill_alone(folder: Path, output: Path, marker: str, signum: int, when: object) -> int:
    """Start a build, send `signum` to its main process alone once `when` (seconds, or a test of the output
    folder) says so, and return its exit code once every process holding its stderr has ended."""
    environment = {**os.environ, MARKER: marker}
    run = subprocess.Popen(
        command(folder, output), cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if callable(when):
        deadline = time.monotonic() + 30
        while not when(output) and time.monotonic() < deadline:
            time.sleep(0.005)
    else:
        time.sleep(when)
    run.send_signal(signum)
    try:
        run.communicate(timeout=10)  # the end of stderr: workers that outlived the build would keep it open
    except subprocess.TimeoutExpired:
        left_behind(marker, grace=0)
        name = signal.Signals(signum).name
        raise AssertionError(f"processes of a build killed by {name} kept its stderr open") from None
    return run.returncode


def documenting(output: Path) -> bool:
    """Every chart is drawn: the build is writing its documents (the brief in a forked process)."""
    return len(list((output / ".cache" / "charts").glob("*.notes.json"))) >= 4


needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").is_file(), reason="reads /proc")


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("moment", [drawing, documenting], ids=["while drawing charts", "while documenting"])
def test_a_build_killed_alone_leaves_no_worker_and_a_free_lock(folder, tmp_path, moment, signum):
    output = tmp_path / "out"
    marker = f"{os.getpid()}-{tmp_path.name}"
    code = kill_alone(folder, output, marker, signum, moment)
    assert code == -signum, "the build finished before it could be interrupted"
    assert left_behind(marker) == []
    assert lock_is_free(output)
    build(folder, output)


@needs_proc
def test_twenty_builds_killed_at_random_moments_leave_no_process_a_free_lock_and_whole_outputs(
    folder, tmp_path
):
    """A mix of SIGKILL and SIGTERM, to the build alone, at seeded moments spread over a build that draws
    every chart (its cache is cleared) and alternates between two versions of the content."""
    csv = folder / "data" / "investment.csv"
    versions = [csv.read_text(), csv.read_text().replace("109.1", "110.1")]
    output = tmp_path / "out"
    start = time.monotonic()
    build(folder, output)
    took = time.monotonic() - start
    csv.write_text(versions[1])
    build(folder, tmp_path / "other")
    expected = [outputs(output), outputs(tmp_path / "other")]
    assert expected[0] != expected[1]

    rng = random.Random(11)
    interrupted = 0
    for round_ in range(20):
        new = (round_ + 1) % 2
        csv.write_text(versions[new])
        shutil.rmtree(output / ".cache")
        signum, delay = rng.choice([signal.SIGKILL, signal.SIGTERM]), rng.uniform(0, took)
        marker = f"{os.getpid()}-{tmp_path.name}-{round_}"
        interrupted += kill_alone(folder, output, marker, signum, delay) == -signum
        said = f"round {round_}: {signal.Signals(signum).name} after {delay:.2f} s"
        assert left_behind(marker) == [], said
        assert lock_is_free(output), said
        found = outputs(output)
        assert all(data in (expected[0][name], expected[1][name]) for name, data in found.items()), said
        build(folder, output)
        assert outputs(output) == expected[new], said
        assert not list(output.rglob("*.partial")), said
    assert interrupted >= 10, "too few builds were interrupted to test anything"
    assert len(Presentation(str(output / "minimal.pptx")).slides) > 0
    assert len(PdfReader(output / "minimal.pdf").pages) > 0
