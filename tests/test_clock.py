"""The build date: SOURCE_DATE_EPOCH when set, the report's date otherwise, and a malformed value refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aigap_docs.clock import build_time
from aigap_docs.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
GOOD = Path("tests", "fixtures", "good", "minimal")
EXPECTED = "a whole number of seconds since 1970-01-01 UTC, from 0 to 253402300799 (year 9999)"


@pytest.mark.parametrize(
    ("value", "when"),
    [
        ("", dt.datetime(2025, 4, 7, tzinfo=dt.timezone.utc)),
        (" 1700000000 ", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        ("0", dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)),
        ("253402300799", dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)),
    ],
)
def test_the_build_date_is_source_date_epoch_else_the_reports_date(monkeypatch, value, when):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    report, _ = load(ROOT / GOOD)
    assert build_time(report) == when


@pytest.mark.parametrize("value", ["abc", "1e9", "1.5", "\u00b2", "9" * 20, "253402300800", "-1"])
def test_a_malformed_source_date_epoch_stops_the_build_before_anything_is_written(
    run_cli, monkeypatch, tmp_path, value
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    output = tmp_path / "out"
    result = run_cli("--report", str(GOOD), "--output", str(output), "build", "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"SOURCE_DATE_EPOCH: {value!r} is not {EXPECTED}",
        f"Error: 1 problem in {GOOD} (nothing was written)",
    ]
    assert not output.exists()
