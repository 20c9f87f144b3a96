"""The pipeline's writes: a build killed at each rename leaves every output whole, and the next build both
finishes the job and clears what the killed one left half-written.

tests/test_interrupted_builds.py kills builds while they start and while they draw charts, and runs two
at once; these tests stop a build at the exact moments it writes, which no timer can hit reliably.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from .conftest import ROOT

OUTPUTS = ("minimal.pptx", "minimal.pdf")

_KILLED_AT_RENAME = """
import os, signal, sys
from aigap_docs import pipeline
from aigap_docs.cli import main

kill_at = int(sys.argv.pop(1))
renames = 0
rename = os.replace

def replace(source, target):  # SIGKILL just before the kill_at-th rename into place
    global renames
    renames += 1
    if renames == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    rename(source, target)

pipeline.os.replace = replace
sys.argv[0] = "aigap-docs"
main()
"""


@pytest.fixture
def folder(minimal_copy: Path) -> Path:
    return minimal_copy


def command(folder: Path, output: Path) -> list[str]:
    return ["-q", "-r", str(folder), "-o", str(output), "build", "--jobs", "1"]


def build(folder: Path, output: Path) -> None:
    subprocess.run([sys.executable, "-m", "aigap_docs", *command(folder, output)], cwd=ROOT, check=True)


def outputs(output: Path) -> dict[str, bytes]:
    return {name: (output / name).read_bytes() for name in OUTPUTS}


def partial_files(output: Path) -> list[str]:
    return sorted(path.relative_to(output).as_posix() for path in output.rglob("*.partial"))


def assert_readable(output: Path) -> None:
    assert len(Presentation(str(output / "minimal.pptx")).slides) > 0
    assert len(PdfReader(output / "minimal.pdf").pages) > 0


@pytest.mark.parametrize(
    ("kill_at", "new_outputs", "left_over"),
    [
        (1, [], ".minimal.pptx.*.partial"),
        (2, ["minimal.pptx"], ".minimal.pdf.*.partial"),
        (3, ["minimal.pptx", "minimal.pdf"], ".cache/.minimal.build.json.*.partial"),
    ],
    ids=["before the deck is renamed", "between the deck and the brief", "before the manifest"],
)
def test_a_build_killed_at_a_rename_leaves_each_output_whole_and_the_next_build_finishes_the_job(
    folder, tmp_path, kill_at, new_outputs, left_over
):
    output = tmp_path / "out"
    build(folder, output)  # the previous outputs, and a warm chart cache: only the outputs are renamed
    previous = outputs(output)
    report = folder / "report.yaml"
    report.write_text(report.read_text().replace("title: Minimal test report", "title: Minimal, revised"))
    build(folder, tmp_path / "serial")
    new = outputs(tmp_path / "serial")
    assert all(new[name] != previous[name] for name in OUTPUTS)

    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AT_RENAME, str(kill_at), *command(folder, output)], cwd=ROOT
    )
    assert killed.returncode == -signal.SIGKILL

    # Each file is renamed into place whole: it is the previous build's or the new one's, never a mix.
    # The two are renamed one after the other, so a kill between them leaves a new deck beside the
    # previous brief; the manifest, renamed last, makes the next build redo both.
    assert outputs(output) == {name: new[name] if name in new_outputs else previous[name] for name in OUTPUTS}
    [half_written] = partial_files(output)
    assert fnmatch(half_written, left_over)
    assert_readable(output)

    build(folder, output)
    assert outputs(output) == new
    assert partial_files(output) == []
    assert_readable(output)


def test_a_build_with_nothing_to_do_still_clears_what_killed_builds_left(folder, tmp_path):
    output = tmp_path / "out"
    build(folder, output)
    built = outputs(output)
    leftovers = [
        output / ".minimal.pptx.k3j2h1.partial",
        output / ".cache" / ".minimal.build.json.x9y8.partial",
        output / ".cache" / "charts" / ".models-change-0123.png.abcd.partial",
        output / "charts" / ".models-change.svg.efgh.partial",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"half a file")
    assert len(partial_files(output)) == len(leftovers)
    build(folder, output)  # unchanged: skipped, but only after the leftovers were cleared
    assert partial_files(output) == []
    assert outputs(output) == built
