"""The report format described from the model: JSON Schema for editors, docs/reference.md for people."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from typing import Any

import jsonschema
import pytest
import yaml

from aigap_docs.schema import json_schema, reference, schema_text

from .conftest import ROOT


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "scripts" / "docs_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_reference_and_schema_are_current():
    for path, text in _script().generated().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is stale: run python scripts/docs_reference.py"
        )


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_schema_refuses_an_unknown_key():
    validator = jsonschema.Draft202012Validator(json_schema())
    document = {
        "title": "T",
        "date": "2025-01-01",
        "authors": ["A"],
        "sources": {"s": {"title": "T", "publisher": "P"}},
        "colour": "red",
    }
    assert [error.message for error in validator.iter_errors(document)] == [
        "Additional properties are not allowed ('colour' was unexpected)"
    ]


def test_the_reference_has_a_section_for_every_chart_kind_and_slide_layout():
    text = reference()
    for kind in ("bar", "dumbbell", "grouped_bar", "line", "stacked_bar"):
        assert f"(kind: {kind})" in text
    for layout in ("title", "chart", "table", "big_number", "sources", "closing"):
        assert f"(layout: {layout})" in text


def test_the_reference_shows_the_first_value_an_example_report_writes():
    document = {"sources": {"s": {"title": "A title", "publisher": "Someone", "year": 2021}}}
    row = next(line for line in reference([document]).splitlines() if line.startswith("| `year` |"))
    assert row == "| `year` | whole number |  | Year of publication. | `2021` |"


def test_the_schema_command_prints_the_schema(run_cli):
    result = run_cli("schema")
    assert result.exit_code == 0
    assert result.output == schema_text()
    assert json.loads(result.output)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_command_writes_a_file(run_cli, tmp_path):
    target = tmp_path / "report.schema.json"
    result = run_cli("schema", "-o", str(target))
    assert (result.exit_code, result.output) == (0, f"Wrote: {target}\n")
    assert target.read_text(encoding="utf-8") == schema_text()


def test_a_schema_file_that_cannot_be_written_is_one_line(run_cli, tmp_path):
    result = run_cli("schema", "-o", str(tmp_path / "missing" / "report.schema.json"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {tmp_path / 'missing' / 'report.schema.json'}: cannot write: not found"
    ]


def _as_json(value: Any) -> Any:
    """A parsed YAML document as the YAML language server sees it (dates are strings to it)."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


REPORTS = sorted(ROOT.glob("content/*/report.yaml")) + sorted(ROOT.glob("tests/fixtures/good/*/report.yaml"))


@pytest.mark.parametrize("path", REPORTS, ids=lambda path: path.parent.name)
def test_every_example_report_is_valid_under_the_schema(path):
    document = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(json_schema())
    problems = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message[:120]}" for e in validator.iter_errors(document)
    ]
    assert problems == []
