"""`aigap-docs new`: the starter report is dated by the clock and titled by the user, not by its folder."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import yaml

from aigap_docs import clock
from aigap_docs.schema import json_schema


def written(folder) -> dict:
    return yaml.safe_load((folder / "report.yaml").read_text())


def test_new_dates_the_report_from_source_date_epoch(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_cli("new", "ev-transition", "--title", "The EV transition: 2024", cwd=tmp_path).exit_code == 0
    content = written(tmp_path / "content" / "ev-transition")
    assert content["date"] == dt.date(2023, 11, 14)
    assert content["title"] == content["short_title"] == "The EV transition: 2024"


def test_new_dates_the_report_today_without_source_date_epoch(run_cli, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.date.today()
    assert run_cli("new", "ev-transition", cwd=tmp_path).exit_code == 0
    assert written(tmp_path / "content" / "ev-transition")["date"] in (before, dt.date.today())


def test_without_a_title_and_a_terminal_the_title_is_a_placeholder_not_the_folder_name(run_cli, tmp_path):
    assert run_cli("new", "ev-transition", cwd=tmp_path).exit_code == 0
    assert written(tmp_path / "content" / "ev-transition")["title"] == "Untitled report"


def test_the_new_report_passes_check(run_cli, tmp_path):
    run_cli("new", "q3", "--title", 'Quotes "and" colons: fine', cwd=tmp_path)
    assert run_cli("--report", "content/q3", "check", cwd=tmp_path).exit_code == 0


def test_a_malformed_source_date_epoch_is_refused_by_new_too(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    try:
        clock.today()
    except clock.ClockError as error:
        assert "'soon' is not a whole number of seconds" in str(error.problems[0])
    else:
        raise AssertionError("accepted")


def test_new_with_a_malformed_source_date_epoch_is_one_line_and_writes_nothing(
    run_cli, tmp_path, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = run_cli("new", "q3", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith("Error: SOURCE_DATE_EPOCH: 'soon' is not a whole number")
    assert not (tmp_path / "content").exists()


def test_the_new_report_points_editors_at_its_json_schema(run_cli, tmp_path):
    assert run_cli("new", "q3", cwd=tmp_path).exit_code == 0
    folder = tmp_path / "content" / "q3"
    first_line = (folder / "report.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=report.schema.json"
    schema = json.loads((folder / "report.schema.json").read_text())
    assert schema == json_schema()
    document = json.loads(json.dumps(written(folder), default=str))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
