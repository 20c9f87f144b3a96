"""Broken reports: each case under tests/fixtures/broken is the good minimal report with one defect.

A case folder holds a `mutation.yaml` (the edits that turn a copy of good/minimal into the broken report)
and what the test expects of it. Each test materialises the case under its tmp_path, as broken/<case>, and
runs the commands there: `check` must fail with exit code 1 and print exactly the problem lines in its
expected.txt (where `{report}` stands for the folder as given on the command line), then one
`Error: N problems in ...` line, and never a traceback; unless the case is marked `check-passes`, when
only a build can find the defect. `build` must fail the same way on every case, and leave the outputs of
an earlier build byte-for-byte as they were. The format is described in tests/fixtures/README.md.
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
import yaml

from .conftest import not_a_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOOD = FIXTURES / "good" / "minimal"
BROKEN = FIXTURES / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())
CASE_FILES = {"mutation.yaml", "expected.txt", "args", "check-passes", "layer"}
LAYERS = ("loader", "charts", "exporters")
CHECK_OPTIONS = ("--strict",)
BUILD_OPTIONS = ("--strict", "--native-charts")


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def materialise(case: Path, root: Path) -> Path:
    """The case folder `case` made under `root` as broken/<case>: good/minimal with its mutation applied.

    root/good links to the fixtures' good/, so a link the case copies in resolves as it does in the
    repository; files the case writes or copies are marked as no documents for the real-client check. Raises ValueError for an edit that cannot apply (a `replace` must match exactly once).
    """
    name, folder = case.name, root / "broken" / case.name
    folder.parent.mkdir(parents=True, exist_ok=True)
    if not (root / "good").exists():
        (root / "good").symlink_to(FIXTURES / "good", target_is_directory=True)
    shutil.copytree(GOOD, folder)
    for edit in yaml.safe_load((case / "mutation.yaml").read_text(encoding="utf-8")):
        target = folder / edit["file"]
        if "replace" in edit:
            data, old = target.read_bytes(), _bytes(edit["replace"])
            if data.count(old) != 1:
                raise ValueError(
                    f"{name}: {edit['file']}: {edit['replace']!r} is found {data.count(old)} times"
                )
            target.write_bytes(data.replace(old, _bytes(edit["with"])))
        elif "write" in edit:
            target.parent.mkdir(parents=True, exist_ok=True)
            not_a_document(target).write_bytes(_bytes(edit["write"]))
        elif edit.get("delete"):
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        elif edit.get("copy"):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # copying a link never replaces a file
            shutil.copy2(case / edit["file"], not_a_document(target), follow_symlinks=False)
        else:
            raise ValueError(f"{name}: an edit must replace, write, delete or copy: {edit}")
    return folder


@dataclass(frozen=True)
class Case:
    """One broken report and what the fixture says about it."""

    name: str

    @property
    def folder(self) -> Path:
        """The report folder as the commands are given it, relative to where `materialise` made it."""
        return Path("broken", self.name)

    def _file(self, name: str) -> Path:
        return BROKEN / self.name / name

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

    @property
    def copied(self) -> set[str]:
        """The files the mutation copies in from the case folder."""
        edits = yaml.safe_load(self._file("mutation.yaml").read_text(encoding="utf-8"))
        return {edit["file"] for edit in edits if edit.get("copy")}


CHECKED = [name for name in CASES if not Case(name).check_passes]
BUILD_ONLY = [name for name in CASES if Case(name).check_passes]


def summary(count: int, folder: Path, suffix: str = "") -> str:
    return f"Error: {count} problem{'s' if count != 1 else ''} in {folder}{suffix}"


def case_files(name: str) -> set[str]:
    """Every file and link in the case folder, by its path there."""
    folder = BROKEN / name
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_symlink() or p.is_file()}


# --- the corpus -------------------------------------------------------------------------------------------


def test_the_corpus_has_at_least_40_broken_reports():
    assert len(CASES) >= 40


def test_the_corpus_covers_the_loader_the_charts_and_the_exporters():
    counts = Counter(Case(name).layer for name in CASES)
    assert sorted(counts) == sorted(LAYERS)
    assert all(count >= 5 for count in counts.values()), counts


@pytest.mark.parametrize("case", CASES)
def test_every_broken_report_says_which_problems_it_expects(case):
    expected = BROKEN / case / "expected.txt"
    assert expected.is_file(), f"{case} has no expected.txt"
    lines = expected.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.startswith("{report}") for line in lines)
    assert Case(case).layer in LAYERS
    assert all(arg in BUILD_OPTIONS for arg in Case(case).args)


@pytest.mark.parametrize("case", CASES)
def test_every_case_is_a_mutation_of_the_minimal_report_that_applies(case, tmp_path):
    assert case_files(case) - CASE_FILES == Case(case).copied, "files in the case folder no edit copies"
    folder = materialise(BROKEN / case, tmp_path)
    assert folder.is_dir()


@pytest.mark.parametrize(("text", "found"), [("no such text", "0 times"), ("layout: ", r"\d+ times")])
def test_a_replace_that_does_not_match_exactly_once_is_refused(tmp_path, text, found):
    case = tmp_path / "ambiguous"
    case.mkdir()
    (case / "mutation.yaml").write_text(f"- {{file: report.yaml, replace: '{text}', with: x}}\n")
    with pytest.raises(ValueError, match=f"ambiguous: report.yaml: '{text}' is found {found}"):
        materialise(case, tmp_path / "made")


def test_the_minimal_good_report_checks_ok(run_cli):
    good = GOOD.relative_to(ROOT)
    result = run_cli("--report", str(good), "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{good}: OK (")
    assert result.stderr == ""


# --- check ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHECKED)
def test_check_fails_on_a_broken_report_with_exactly_its_expected_problems(run_cli, tmp_path, name):
    case = Case(name)
    materialise(BROKEN / name, tmp_path)
    result = run_cli("--report", str(case.folder), "check", *case.check_args, cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    *problems, last = result.stderr.splitlines()
    assert problems == case.expected
    assert last == summary(len(problems), case.folder)


@pytest.mark.parametrize("name", BUILD_ONLY)
def test_check_passes_a_report_whose_defect_only_a_build_can_find(run_cli, tmp_path, name):
    case = Case(name)
    materialise(BROKEN / name, tmp_path)
    result = run_cli("--report", str(case.folder), "check", *case.check_args, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout.startswith(f"{case.folder}: OK (")


def real_process(*args: str, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """`python -m aigap_docs ARGS` run as a user runs it, in a process of its own."""
    command = [sys.executable, "-m", "aigap_docs", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def test_a_real_process_exits_with_1_and_no_traceback(tmp_path):
    case = Case("several-problems")
    materialise(BROKEN / case.name, tmp_path)
    result = real_process("--report", str(case.folder), "check", cwd=tmp_path, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*case.expected, summary(5, case.folder)]


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
    build(*load(GOOD), output, jobs=1)
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
    run_cli, previous_outputs, tmp_path, name
):
    case = Case(name)
    materialise(BROKEN / name, tmp_path)
    output = previous_outputs(name)
    before = snapshot(output)
    # One chart process: charts the minimal report shares come from the copied cache anyway.
    result = run_cli(
        "--report",
        str(case.folder),
        "--output",
        str(output),
        "build",
        "--jobs",
        "1",
        *case.args,
        cwd=tmp_path,
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
    case = Case("template-without-content-types")
    materialise(BROKEN / case.name, tmp_path)
    output = tmp_path / "output"
    output.mkdir()
    result = real_process("-r", str(case.folder), "-o", str(output), "build", cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*case.expected, summary(1, case.folder, " (nothing was written)")]
    assert sorted(path.name for path in output.iterdir() if path.is_file()) == [".lock"]
