"""The loader: located errors, source references on nodes, safe paths and bounded YAML."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from aigap_docs.errors import ContentError
from aigap_docs.loader import load_report

from .conftest import edit


@pytest.fixture
def folder(starter: Path) -> Path:
    return starter


def line_of(folder: Path, text: str) -> int:
    lines = (folder / "report.yaml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def messages(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    return [f"{p.where.line}: {p.field}: {p.message}" for p in caught.value.problems]


def test_every_node_knows_the_line_it_was_written_on(folder):
    report = load_report(folder)
    lines = (folder / "report.yaml").read_text().splitlines()
    chart_slide = report.slides[2]
    assert lines[chart_slide.ref.line - 1].strip() == "- layout: chart"
    assert report.ref.path == str(folder / "report.yaml")


def test_data_references_resolve_at_load_time(folder):
    assert load_report(folder).findings[0].plain == "Region B rose the most, from 8.0 to 11.5 units."


def test_markup_is_parsed_into_runs(folder):
    assert [r.bold for r in load_report(folder).findings[0].runs] == [True, False]


def test_the_loaded_data_is_typed(folder):
    table = load_report(folder).table("example")
    assert table.row("Region C") == {"region": "Region C", "value_2023": 3.2, "value_2024": 2.9}
    assert table.lines == (2, 3, 4)


TOP_KEYS = (
    "valid keys: title, subtitle, short_title, date, authors, language, page_size, keywords, logo, template, "
    "layouts, entities, sources, datasets, charts, tables, findings, slides, brief"
)


def test_all_problems_are_reported_in_file_order(folder):
    edit(folder, "subtitle:", "subtitel:")
    edit(folder, "chart: example-change", "chart: example-chnage")
    edit(folder, "- layout: sources", "- layout: source")
    assert messages(folder) == [
        f"{line_of(folder, 'subtitel')}: subtitel: unknown key 'subtitel' (did you mean 'subtitle'?); {TOP_KEYS}",
        f"{line_of(folder, 'chnage')}: slides[2].chart: unknown chart 'example-chnage' (did you mean 'example-change'?)",
        f"{line_of(folder, 'layout: source')}: slides[4].layout: unknown layout 'source' (did you mean 'sources'?); expected one of: title, section, "
        "bullets, takeaways, chart, chart_text, table, big_number, sources, closing",
    ]


def test_a_missing_key_is_reported_at_its_mapping(folder):
    edit(folder, "    title: Region B rose the most between 2023 and 2024\n    subtitle", "    subtitle")
    assert messages(folder) == [
        f"{line_of(folder, 'kind: dumbbell')}: charts.example-change: missing required key 'title'"
    ]


def test_an_alias_bomb_stops_early(folder):
    bomb = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
    (folder / "report.yaml").write_text("l0: &l0 [x]\n" + bomb)
    [message] = messages(folder)
    assert message.endswith("invalid YAML: too many values (an alias expanding without end?)")


def test_deeply_nested_yaml_is_an_error_not_a_crash(folder):
    (folder / "report.yaml").write_text("title: " + "[" * 5000 + "]" * 5000 + "\n")
    [message] = messages(folder)
    assert "invalid YAML" in message and "nesting" in message


def test_a_symlink_out_of_the_report_is_rejected(folder, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text((folder / "data" / "example.csv").read_text())
    (folder / "data" / "link.csv").symlink_to(outside)
    edit(folder, "file: data/example.csv", "file: data/link.csv")
    assert messages(folder) == [
        f"{line_of(folder, 'link.csv')}: datasets.example.file: path 'data/link.csv' is a link to a file outside the report folder"
    ]


def test_a_symlink_inside_the_report_is_fine(folder):
    (folder / "data" / "link.csv").symlink_to(folder / "data" / "example.csv")
    edit(folder, "file: data/example.csv", "file: data/link.csv")
    assert load_report(folder).table("example").row("Region A")["value_2024"] == 14.0


def test_a_path_under_assets_may_name_the_shared_assets_folder(folder, tmp_path):
    shared = tmp_path / "assets"
    shared.mkdir()
    (shared / "logo.png").write_bytes(b"png")
    edit(folder, "page_size: A4", "page_size: A4\nlogo: assets/logo.png")
    assert load_report(folder).logo == "assets/logo.png"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/hostname", "path '/etc/hostname' must be relative to the report folder, with '/' separators"),
        (
            "data\\example.csv",
            "path 'data\\\\example.csv' must be relative to the report folder, with '/' separators",
        ),
        (
            "../demo/data/example.csv",
            "path '../demo/data/example.csv' leaves the report folder ('..' is not allowed)",
        ),
        ("data/nothing.csv", "file 'data/nothing.csv' not found"),
        ("data", "'data' is a folder, not a file"),
    ],
)
def test_unsafe_or_missing_paths_are_errors(folder, path, message):
    edit(folder, "file: data/example.csv", f"file: '{path}'")
    assert messages(folder) == [f"{line_of(folder, 'file: ')}: datasets.example.file: {message}"]


def test_datasets_naming_one_file_read_it_once_and_share_a_table_when_typed_alike(folder, monkeypatch):
    spec = "    file: data/example.csv\n    source: example-source\n    columns:\n"
    alike = (
        spec
        + "      region: {type: text}\n      value_2023: {type: number}\n      value_2024: {type: number}\n"
    )
    other = (
        spec
        + "      region: {type: text}\n      value_2023: {type: text}\n      value_2024: {type: number}\n"
    )
    edit(folder, "\ncharts:", f"  alike:\n{alike}  other:\n{other}\ncharts:")
    opened: list[Path] = []
    open_file = Path.open

    def counting(path: Path, *args, **kwargs):
        opened.append(path)
        return open_file(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting)
    report = load_report(folder)
    assert opened.count((folder / "data" / "example.csv").resolve()) == 1
    assert report.table("alike") is report.table("example")
    assert report.table("other").row("Region A")["value_2023"] == "12.5"


# --- CSV cells and chart values (found by tests/test_properties.py and tests/charts/test_numeric_properties.py)


def write_csv(folder: Path, text: str) -> None:
    (folder / "data" / "example.csv").write_bytes(text.encode())


def test_a_quoted_cell_keeps_its_line_breaks_and_its_row_is_located_where_it_starts(folder):
    # Split into lines first, the file read "Region\nA" as "RegionA", and a U+2028 broke a row in two.
    rows = 'region,value_2023,value_2024\r\n"Region\nA",1,2\r\nRegion B,3,4\r\nRegion C\u2028x,5,{}\r\n'
    write_csv(folder, rows.format("x"))
    assert messages(folder) == ["5: : column 'value_2024': 'x' is not a number"]
    write_csv(folder, rows.format("6"))
    table = load_report(folder).table("example")
    assert table.keys() == ["Region\nA", "Region B", "Region C\u2028x"]
    assert table.lines == (2, 4, 5)


def test_a_carriage_return_in_a_text_cell_is_a_line_break(folder):
    write_csv(folder, 'region,value_2023,value_2024\r\n"Region\r\nA",1,2\r\nRegion B,3,4\r\nRegion C,5,6\r\n')
    assert load_report(folder).table("example").keys()[0] == "Region\nA"


def test_a_control_character_in_a_text_cell_is_a_located_error(folder):
    write_csv(folder, "region,value_2023,value_2024\nRegion A,1,2\nRegion B\x01,3,4\nRegion C,5,6\n")
    assert messages(folder) == [
        "3: : column 'region': control character U+0001 in text (documents cannot hold it)"
    ]


def test_a_cell_beyond_the_csv_field_limit_is_a_located_error_not_a_traceback(folder):
    write_csv(folder, f'region,value_2023,value_2024\nRegion A,1,2\n"{"x" * 200_000}",3,4\n')
    assert messages(folder) == ["3: : not readable as CSV: field larger than field limit (131072)"]


@pytest.mark.parametrize("value", ["1e15", "-2500000000000000", "1e+20"])
def test_a_chart_value_too_large_to_print_in_full_is_an_error_naming_column_and_row(folder, value):
    write_csv(
        folder, f"region,value_2023,value_2024\nRegion A,12.5,{value}\nRegion B,8.0,11.5\nRegion C,3.2,2.9\n"
    )
    found = f"'value_2024' is {float(value):g} for 'Region A'"
    assert messages(folder) == [
        f"{line_of(folder, 'end: value_2024')}: charts.example-change.end: charts print numbers in full, so they "
        f"must be below 1e15 in size; {found}: scale the column (to billions, say) and name the scale in its unit"
    ]


# --- what cannot be read is one located problem: no traceback, no file contents ----------------------


def test_report_yaml_linked_to_a_file_outside_the_folder_is_refused_unread(folder):
    (folder / "report.yaml").unlink()
    (folder / "report.yaml").symlink_to("/etc/passwd")
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{folder}: path 'report.yaml' is a link to a file outside the report folder"
    ]


def test_report_yaml_that_is_not_a_mapping_is_quoted_by_its_first_characters(folder):
    (folder / "report.yaml").write_text("root:x:0:0:root:/root:/bin/bash\n" * 100)
    assert messages(folder) == [
        "1: : expected a mapping of keys (title:, sources:, ...), got 'root:x:0:0:root:/root:/bin/bash root:x:0'..."
    ]


LONG = "x" * 1_000  # implicit YAML keys may be at most 1,024 characters long


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("page_size: A4", f"page_size: {LONG}"),
        ("language: en", f"language: {LONG}"),
        ("date: 2026-01-01", f"date: {LONG}"),
        ("- layout: sources", f"- layout: {LONG}"),
        ("subtitle:", f"{LONG}:"),
        ("  example-change:\n    kind", f"  'x {LONG}':\n    kind"),
        ("chart: example-change", f"chart: {LONG}"),
        ("file: data/example.csv", f"file: data/{LONG}.csv"),
        ("findings:\n", "findings:\n  - See {example[" + LONG + "].value_2024}\n"),
    ],
    ids=["a choice", "a language", "a date", "a layout", "a key", "an id", "a reference", "a path", "a row"],
)
def test_a_long_value_is_quoted_by_its_first_characters_in_every_message(folder, old, new):
    edit(folder, old, new)
    found = messages(folder)
    assert found and all("x" * 41 not in message for message in found), found


def test_a_long_cell_is_quoted_by_its_first_characters(folder):
    write_csv(folder, f"region,value_2023,value_2024\n{LONG},1,2\n{LONG},3,4\nRegion C,5,6\n")
    found = messages(folder)
    assert found and all("x" * 41 not in message for message in found), found


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2025-02-30",
            "expected a date such as 2025-04-07, got '2025-02-30' (day is out of range for month)",
        ),
        ("2025-13-01", "expected a date such as 2025-04-07, got '2025-13-01' (month must be in 1..12)"),
        ("!!timestamp soon", "expected a date such as 2025-04-07, got 'soon'"),
        ("!!int abc", "expected a whole number, got 'abc'"),
        ("!!float abc", "expected a number, got 'abc'"),
        ("!!bool maybe", "expected true or false, got 'maybe'"),
        ("!!map abc", "expected a mapping, got 'abc'"),
        (
            "1" * 5_000,
            "'1111111111111111111111111111111111111111'... has 5,000 characters, too many for a number",
        ),
    ],
    ids=[
        "February 30",
        "month 13",
        "a timestamp tag",
        "an int tag",
        "a float tag",
        "a bool tag",
        "a map tag",
        "5,000 digits",
    ],
)
def test_a_value_yaml_cannot_construct_is_a_problem_where_it_was_written(folder, value, message):
    edit(folder, "date: 2026-01-01", f"date: {value}")
    assert messages(folder) == [f"{line_of(folder, 'date:')}: date: {message}"]


def test_a_yaml_problem_does_not_hide_the_others(folder):
    edit(folder, "date: 2026-01-01", "date: 2025-02-30")
    edit(folder, "subtitle:", "subtitel:")
    assert messages(folder) == [
        f"{line_of(folder, 'subtitel')}: subtitel: unknown key 'subtitel' (did you mean 'subtitle'?); {TOP_KEYS}",
        f"{line_of(folder, 'date:')}: date: expected a date such as 2025-04-07, got '2025-02-30' "
        "(day is out of range for month)",
    ]


def test_an_alias_inside_the_value_it_names_is_an_error(folder):
    edit(folder, "authors: [Your name]", "authors: &a [Your name, *a]")
    assert messages(folder) == [
        f"{line_of(folder, 'authors:')}: : invalid YAML: alias '*a' is inside the value it names (a loop)"
    ]


def test_a_file_name_too_long_for_the_file_system_is_a_located_error(folder):
    edit(folder, "file: data/example.csv", f"file: data/{'n' * 300}.csv")
    assert messages(folder) == [
        f"{line_of(folder, 'file: ')}: datasets.example.file: cannot read 'data/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn'...: "
        "the name is too long for the file system"
    ]


def test_a_symlink_loop_is_a_located_error(folder):
    (folder / "data" / "loop.csv").symlink_to("loop.csv")
    edit(folder, "file: data/example.csv", "file: data/loop.csv")
    assert messages(folder) == [
        f"{line_of(folder, 'file: ')}: datasets.example.file: cannot read 'data/loop.csv': "
        "a symbolic link that points to itself (a loop)"
    ]


def test_report_yaml_in_a_symlink_loop_is_a_located_error(folder):
    (folder / "report.yaml").unlink()
    (folder / "report.yaml").symlink_to("report.yaml")
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{folder}: cannot read 'report.yaml': a symbolic link that points to itself (a loop)"
    ]


def test_a_csv_file_that_cannot_be_opened_is_a_located_error(folder, monkeypatch):
    # Tests run as root, whom a mode of 000 does not stop: the file system's refusal is simulated.
    csv_file = (folder / "data" / "example.csv").resolve()
    open_file = Path.open

    def refuse(path: Path, *args, **kwargs):
        if path == csv_file:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return open_file(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{folder}/data/example.csv: cannot read: permission denied"
    ]


def test_a_report_folder_name_too_long_for_the_file_system_is_a_located_error(tmp_path):
    folder = tmp_path / ("n" * 300)
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{folder}: cannot read: the name is too long for the file system"
    ]


def test_an_unknown_key_names_the_one_required_key_its_mapping_lacks(folder):
    edit(folder, "    category: region", "    rows: region")
    (problem,) = [m for m in messages(folder) if "unknown key" in m]
    assert problem.startswith(
        f"{line_of(folder, 'rows: region')}: charts.example-change.rows: unknown key 'rows' "
        "(did you mean 'category'? it is required and missing); valid keys: dataset, title, subtitle,"
    )
