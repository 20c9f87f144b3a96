"""Broken reports: each folder under tests/fixtures/broken is the good minimal report with one defect.

`check` must fail on it with exit code 1, print exactly the problem lines in its expected.txt (where
`{report}` stands for the folder as given on the command line), then one `Error: N problems in ...` line,
and never a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path("tests", "fixtures", "broken")
GOOD = Path("tests", "fixtures", "good", "minimal")
CASES = sorted(path.name for path in (ROOT / BROKEN).iterdir() if path.is_dir())


def expected_problems(case: str) -> list[str]:
    text = (ROOT / BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    return text.replace("{report}", str(BROKEN / case)).splitlines()


def summary(count: int, folder: Path) -> str:
    return f"Error: {count} problem{'s' if count != 1 else ''} in {folder}"


def test_the_corpus_has_at_least_26_broken_reports():
    assert len(CASES) >= 26


@pytest.mark.parametrize("case", CASES)
def test_every_broken_report_says_which_problems_it_expects(case):
    expected = ROOT / BROKEN / case / "expected.txt"
    assert expected.is_file(), f"{case} has no expected.txt"
    lines = expected.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.startswith("{report}") for line in lines)


def test_the_minimal_good_report_checks_ok(run_cli):
    result = run_cli("--report", str(GOOD), "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{GOOD}: OK (")
    assert result.stderr == ""


@pytest.mark.parametrize("case", CASES)
def test_a_broken_report_fails_with_exactly_its_expected_problems(run_cli, case):
    folder = BROKEN / case
    result = run_cli("--report", str(folder), "check")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    *problems, last = result.stderr.splitlines()
    assert problems == expected_problems(case)
    assert last == summary(len(problems), folder)


def test_a_real_process_exits_with_1_and_no_traceback():
    folder = BROKEN / "several-problems"
    result = subprocess.run(
        [sys.executable, "-m", "aigap_docs", "--report", str(folder), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*expected_problems("several-problems"), summary(5, folder)]
