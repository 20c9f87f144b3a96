"""The pipeline's writes: a build killed at each rename leaves every output whole, and the next build both
finishes the job and clears what the killed one left half-written (and nothing else). A write the output
folder refuses (a full disk, a folder in a file's place, a read-only mount) is one located line, and the
previous outputs stay as they were.

tests/test_interrupted_builds.py kills builds while they start and while they draw charts, and runs two
at once; these tests stop a build at the exact moments it writes, which no timer can hit reliably.
"""

from __future__ import annotations

import errno
import inspect
import io
import os
import pickle
import re
import signal
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from click.testing import Result
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


_OURS = ".minimal.*.????????.partial"
"""How the files a build writes or sets aside are named while it runs."""


def partial_files(output: Path) -> list[str]:
    return sorted(path.relative_to(output).as_posix() for path in output.rglob("*.partial"))


def assert_readable(output: Path) -> None:
    assert len(Presentation(str(output / "minimal.pptx")).slides) > 0
    assert len(PdfReader(output / "minimal.pdf").pages) > 0


@pytest.mark.parametrize(
    ("kill_at", "new_outputs"),
    [(1, []), (2, ["minimal.pptx"]), (3, ["minimal.pptx", "minimal.pdf"])],
    ids=["before the deck is renamed", "between the deck and the brief", "before the manifest"],
)
def test_a_build_killed_at_a_rename_leaves_each_output_whole_and_the_next_build_finishes_the_job(
    folder, tmp_path, kill_at, new_outputs
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
    # What is left: the files not yet renamed, and the replaced ones kept until all were in place.
    left = partial_files(output)
    assert any(fnmatch(name, ".minimal.pdf.*.partial") for name in left)
    assert all(fnmatch(name, _OURS) or fnmatch(name, f".cache/{_OURS}") for name in left), left
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
        output / ".minimal.pptx.k3j2h1q0.partial",
        output / ".cache" / ".minimal.build.json.x9y8w7v6.partial",
        output / ".cache" / "charts" / ".models-change-0123.png.abcd1234.partial",
        output / "charts" / ".models-change.svg.efgh5678.partial",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"half a file")
    assert len(partial_files(output)) == len(leftovers)
    build(folder, output)  # unchanged: skipped, but only after the leftovers were cleared
    assert partial_files(output) == []
    assert outputs(output) == built


def test_a_build_deletes_no_file_it_did_not_write(folder, tmp_path):
    output = tmp_path / "out"
    theirs = [
        output / "draft.partial",  # not named as a build names its files
        output / ".notes.txt.partial",
        output / "work" / ".minimal.pptx.k3j2h1q0.partial",  # named so, but where no build writes
        output / "work" / "deep" / "report.partial",
    ]
    for path in theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"a user's file")
    build(folder, output)
    assert [path.read_bytes() for path in theirs] == [b"a user's file"] * len(theirs)


# --- output-side OS errors: one located line, exit 1, the previous outputs kept, nothing half-written ---------


def one_problem(result: Result) -> str:
    """The one problem a failed build printed, after checking it failed as a user error does."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    problem, summary = result.stderr.splitlines()
    assert summary.startswith("Error: 1 problem in ") and summary.endswith(" (nothing was written)")
    return problem


def revise(folder: Path) -> None:
    """Change the report's title: every output changes, no chart does."""
    report = folder / "report.yaml"
    report.write_text(report.read_text().replace("title: Minimal test report", "title: Minimal, revised"))


def test_a_folder_where_the_brief_goes_stops_the_build_before_the_deck_is_replaced(run_cli, folder, tmp_path):
    output = tmp_path / "out"
    build(folder, output)
    deck = (output / "minimal.pptx").read_bytes()
    (output / "minimal.pdf").unlink()
    (output / "minimal.pdf").mkdir()
    revise(folder)
    problem = one_problem(run_cli(*command(folder, output)))
    assert problem == f"{output / 'minimal.pdf'}: cannot write: is a folder, not a file"
    assert (output / "minimal.pptx").read_bytes() == deck
    assert partial_files(output) == []


def no_hard_links(source, target, **kwargs):
    raise OSError(errno.EPERM, os.strerror(errno.EPERM), str(source), None, str(target))


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "no hard links"])
def test_when_the_brief_cannot_be_renamed_into_place_the_new_deck_is_taken_back(
    run_cli, folder, tmp_path, monkeypatch, hard_links
):
    output = tmp_path / "out"
    build(folder, output)
    previous = outputs(output)
    revise(folder)
    rename = os.replace
    if not hard_links:  # as on FAT or some network shares: the old files step aside instead
        monkeypatch.setattr(os, "link", no_hard_links)

    def replace(source, target):  # the new brief cannot take its place (busy); the old one can go back
        if Path(target).name == "minimal.pdf" and Path(source).read_bytes() != previous["minimal.pdf"]:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source), None, str(target))
        rename(source, target)

    monkeypatch.setattr(os, "replace", replace)
    problem = one_problem(run_cli(*command(folder, output)))
    assert problem == f"{output / 'minimal.pdf'}: cannot write: busy (in use, or a mount point)"
    assert outputs(output) == previous
    assert partial_files(output) == []
    monkeypatch.undo()
    build(folder, output)  # the manifest was not replaced either: the next build does the work
    assert all(data != previous[name] for name, data in outputs(output).items())


def test_when_the_brief_cannot_be_set_aside_the_deck_set_aside_goes_back(
    run_cli, folder, tmp_path, monkeypatch
):
    output = tmp_path / "out"
    build(folder, output)
    previous = outputs(output)
    revise(folder)
    rename = os.replace

    def replace(source, target):  # the brief is a busy mount point: it cannot be moved aside
        if Path(source).name == "minimal.pdf":
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source), None, str(target))
        rename(source, target)

    monkeypatch.setattr(os, "link", no_hard_links)
    monkeypatch.setattr(os, "replace", replace)
    problem = one_problem(run_cli(*command(folder, output)))
    assert problem == f"{output / 'minimal.pdf'}: cannot write: busy (in use, or a mount point)"
    assert outputs(output) == previous
    assert partial_files(output) == []


@pytest.fixture
def full_disk(monkeypatch):
    """Every file a build starts is created, then filled as on a full disk: each write fails with ENOSPC
    (the kernel's, from /dev/full), in this process and in the chart workers it forks."""
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    create = os.open

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        handle = create(path, flags, mode, dir_fd=dir_fd)
        if os.fspath(path).endswith(".partial"):
            full = create("/dev/full", os.O_WRONLY)
            os.dup2(full, handle)
            os.close(full)
        return handle

    monkeypatch.setattr(os, "open", open_)


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["charts drawn here", "charts drawn in workers"])
def test_a_fresh_build_on_a_full_disk_fails_in_one_line_and_leaves_no_partial_file(
    run_cli, folder, tmp_path, full_disk, jobs
):
    output = tmp_path / "out"
    problem = one_problem(run_cli(*command(folder, output)[:-1], jobs))
    cache = re.escape(str(output / ".cache" / "charts"))
    assert re.fullmatch(rf"{cache}/[\w-]+\.(png|svg): cannot write: no space left on the device", problem)
    assert sorted(path.name for path in output.glob("minimal.*")) == []
    assert [path for path in output.rglob("*") if path.is_file()] == [output / ".lock"]


def test_a_full_disk_keeps_the_previous_outputs(run_cli, folder, tmp_path, full_disk):
    output = tmp_path / "out"
    build(folder, output)
    previous = outputs(output)
    revise(folder)
    problem = one_problem(run_cli(*command(folder, output)))
    assert problem == f"{output / 'minimal.pptx'}: cannot write: no space left on the device"
    assert outputs(output) == previous
    assert partial_files(output) == []


def test_a_read_only_output_folder_is_one_line(run_cli, folder, tmp_path, monkeypatch):
    output = tmp_path / "out"
    output.mkdir()
    create = os.open

    def open_(path, flags, *args, **kwargs):  # as on a read-only mount: no file in it can be opened to write
        if Path(path).parent == output and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
        return create(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    problem = one_problem(run_cli(*command(folder, output)))
    assert problem == f"{output / '.lock'}: cannot write: the file system is read-only"


def test_an_output_folder_under_a_file_is_one_line(run_cli, folder, tmp_path):
    (tmp_path / "file").write_text("")
    output = tmp_path / "file" / "out"
    problem = one_problem(run_cli(*command(folder, output)))
    assert problem == f"{output}: cannot write: a part of the path is a file, not a folder"


def test_an_output_no_one_may_read_or_write_is_replaced(folder, tmp_path):
    output = tmp_path / "out"
    build(folder, output)
    (output / "minimal.pdf").chmod(0o000)
    revise(folder)
    build(folder, output)  # a file's own mode does not stop a rename in its folder
    assert (output / "minimal.pdf").stat().st_mode & 0o600 == 0o600
    assert_readable(output)


@pytest.mark.parametrize("name", [".lock", ".cache"])
def test_a_lock_or_cache_that_is_a_symbolic_link_is_refused_and_nothing_is_written_through_it(
    run_cli, folder, tmp_path, name
):
    output = tmp_path / "out"
    output.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ".minimal.build.json.abcd1234.partial").write_bytes(b"not ours to delete")
    (output / name).symlink_to(outside if name == ".cache" else outside / "lock")
    problem = one_problem(run_cli(*command(folder, output)))
    assert (
        problem == f"{output / name}: is a symbolic link; aigap-docs writes no file through one (remove it)"
    )
    assert [path.name for path in outside.rglob("*")] == [".minimal.build.json.abcd1234.partial"]


# --- one plan per output: the writers see the plan, never the Report ---------------------------------------


class _NoReport(pickle.Pickler):
    """Pickles a plan as the pipeline ships it to a worker, failing on any Report reached from it."""

    def persistent_id(self, obj: object) -> None:
        from aigap_docs.model import Report

        assert not isinstance(obj, Report), "a plan holds the Report"


@pytest.mark.parametrize("name", ["slides", "pdf"])
def test_a_writer_builds_from_its_plan_the_figures_and_the_theme_only(name):
    from aigap_docs.exporters import writer

    parameters = inspect.signature(writer(name).build).parameters
    assert list(parameters) == ["plan", "figures", "theme"]
    assert not [p for p in parameters.values() if "Report" in str(p.annotation)]


def test_plans_hold_no_report_and_build_with_none_in_reach(folder, tmp_path):
    from aigap_docs import pipeline
    from aigap_docs.charts import render_charts
    from aigap_docs.exporters import BuildOptions, writer

    report, theme = pipeline.load(folder)
    plans = pipeline.plan(report, theme, ("slides", "pdf"), BuildOptions(native_charts=True))
    requests = [r for planned in plans.values() for r in planned.chart_requests()]
    figures, _ = render_charts(report, theme, requests, tmp_path / "cache", jobs=1)
    shipped = io.BytesIO()
    _NoReport(shipped).dump(plans)
    del report, plans
    for name, planned in pickle.loads(shipped.getvalue()).items():
        built = writer(name).build(planned, figures, theme)
        assert built.data and built.warnings == []
