"""Broken reports: each folder under tests/fixtures/broken is the good minimal report with one defect.

`check` must fail on it with exit code 1 and print exactly the problem lines in its expected.txt (where
`{report}` stands for the folder as given on the command line), then one `Error: N problems in ...` line,
and never a traceback; unless the case is marked `check-passes`, when only a build can find the defect.
`build` must fail the same way on every case, and leave the outputs of an earlier build byte-for-byte as
they were. The fixture format is described in tests/fixtures/README.md.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path("tests", "fixtures", "broken")
GOOD = Path("tests", "fixtures", "good", "minimal")
CASES = sorted(path.name for path in (ROOT / BROKEN).iterdir() if path.is_dir())
LAYERS = ("loader", "charts", "exporters")
CHECK_OPTIONS = ("--strict",)
BUILD_OPTIONS = ("--strict", "--native-charts")


@dataclass(frozen=True)
class Case:
    """One broken report and what the fixture says about it."""

    name: str

    @property
    def folder(self) -> Path:
        """The report folder, relative to the repository root (as the commands are given it)."""
        return BROKEN / self.name

    def _file(self, name: str) -> Path:
        return ROOT / self.folder / name

    @property
    def expected(self) -> list[str]:
        text = self._file("expected.txt").read_text(encoding="utf-8")
        return text.replace("{report}", str(self.folder)).splitlines()

    @property
    def args(self) -> list[str]:
        path = self._file("args")
        return path.read_text(encoding="utf-8").split() if path.is_file() else []

    @property
    def check_args(self) -> list[str]:
        return [arg for arg in self.args if arg in CHECK_OPTIONS]

    @property
    def check_passes(self) -> bool:
        return self._file("check-passes").is_file()

    @property
    def layer(self) -> str:
        path = self._file("layer")
        return path.read_text(encoding="utf-8").strip() if path.is_file() else "loader"


CHECKED = [name for name in CASES if not Case(name).check_passes]
BUILD_ONLY = [name for name in CASES if Case(name).check_passes]


def summary(count: int, folder: Path, suffix: str = "") -> str:
    return f"Error: {count} problem{'s' if count != 1 else ''} in {folder}{suffix}"


# --- the corpus -------------------------------------------------------------------------------------------


def test_the_corpus_has_at_least_40_broken_reports():
    assert len(CASES) >= 40


def test_the_corpus_covers_the_loader_the_charts_and_the_exporters():
    counts = Counter(Case(name).layer for name in CASES)
    assert sorted(counts) == sorted(LAYERS)
    assert all(count >= 5 for count in counts.values()), counts


@pytest.mark.parametrize("case", CASES)
def test_every_broken_report_says_which_problems_it_expects(case):
    expected = ROOT / BROKEN / case / "expected.txt"
    assert expected.is_file(), f"{case} has no expected.txt"
    lines = expected.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.startswith("{report}") for line in lines)
    assert Case(case).layer in LAYERS
    assert all(arg in BUILD_OPTIONS for arg in Case(case).args)


def test_the_minimal_good_report_checks_ok(run_cli):
    result = run_cli("--report", str(GOOD), "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{GOOD}: OK (")
    assert result.stderr == ""


# --- check ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHECKED)
def test_check_fails_on_a_broken_report_with_exactly_its_expected_problems(run_cli, name):
    case = Case(name)
    result = run_cli("--report", str(case.folder), "check", *case.check_args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    *problems, last = result.stderr.splitlines()
    assert problems == case.expected
    assert last == summary(len(problems), case.folder)


@pytest.mark.parametrize("name", BUILD_ONLY)
def test_check_passes_a_report_whose_defect_only_a_build_can_find(run_cli, name):
    case = Case(name)
    result = run_cli("--report", str(case.folder), "check", *case.check_args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout.startswith(f"{case.folder}: OK (")


def real_process(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """`python -m aigap_docs ARGS` run as a user runs it, in a process of its own."""
    command = [sys.executable, "-m", "aigap_docs", *args]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )


def test_a_real_process_exits_with_1_and_no_traceback():
    folder = BROKEN / "several-problems"
    result = real_process("--report", str(folder), "check", timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*Case("several-problems").expected, summary(5, folder)]


# --- build ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoodBuild:
    """What a successful build of good/minimal wrote: the deck, the brief, and its chart cache."""

    deck: bytes
    brief: bytes
    cache: Path


@pytest.fixture(scope="session")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> GoodBuild:
    """The minimal report built once per session, as the outputs a broken build must not touch."""
    from aigap_docs.pipeline import build, load

    output = tmp_path_factory.mktemp("good-build")
    build(*load(ROOT / GOOD), output, jobs=1)
    return GoodBuild(
        (output / "minimal.pptx").read_bytes(), (output / "minimal.pdf").read_bytes(), output / ".cache"
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder`, by relative path, with a hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def previous_outputs(good_build: GoodBuild, tmp_path: Path):
    """An output folder as a good build left it, for the case named: <case>.pptx, <case>.pdf, .cache/."""

    def make(name: str) -> Path:
        output = tmp_path / "output"
        output.mkdir()
        (output / f"{name}.pptx").write_bytes(good_build.deck)
        (output / f"{name}.pdf").write_bytes(good_build.brief)
        shutil.copytree(good_build.cache, output / ".cache")
        return output

    return make


@pytest.mark.parametrize("name", CASES)
def test_build_fails_on_a_broken_report_and_leaves_the_previous_outputs_as_they_were(
    run_cli, previous_outputs, name
):
    case = Case(name)
    output = previous_outputs(name)
    before = snapshot(output)
    # One chart process: charts the minimal report shares come from the copied cache anyway.
    result = run_cli(
        "--report", str(case.folder), "--output", str(output), "build", "--jobs", "1", *case.args
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    *problems, last = result.stderr.splitlines()
    assert problems == case.expected
    assert last == summary(len(problems), case.folder, " (nothing was written)")
    after = snapshot(output)
    assert {path: after.get(path) for path in before} == before
    new = sorted(set(after) - set(before))
    assert [path for path in new if not (path.startswith(".cache/") or path == ".lock")] == []


def test_a_real_build_process_of_a_broken_template_exits_with_1_and_no_traceback(tmp_path):
    folder = BROKEN / "template-without-content-types"
    result = real_process("-r", str(folder), "-o", str(tmp_path), "build", timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    expected = Case("template-without-content-types").expected
    assert result.stderr.splitlines() == [*expected, summary(1, folder, " (nothing was written)")]
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == [".lock"]
