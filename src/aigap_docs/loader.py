"""Reads a report folder into a validated Report; the only module that opens content files.

Every problem is collected, located (`report.yaml:LINE:COL: field: message`, `data/x.csv:LINE: ...`) and
raised together as one ContentError, so a user fixes a whole batch per run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError

from aigap_docs import text
from aigap_docs.errors import ContentError, Problem, SourceRef, did_you_mean, quoted
from aigap_docs.limits import (
    MAX_CSV_ROWS,
    MAX_FILE_BYTES,
    MAX_NUMBER,
    MAX_NUMBER_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_YAML_NODES,
)
from aigap_docs.model import Dataset, Node, Report, Table, Value, check_characters

REPORT_FILE = "report.yaml"
_MAX_NUMBER_SHOWN = f"{MAX_NUMBER:.0e}".replace("+", "")  # 1e100
_TYPES = ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
_YAML_TAGS = {f"tag:yaml.org,2002:{name}" for name in _TYPES}
"""The only types a report is written in; any other tag (!!python/object, !!binary, !!set) is an error."""

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
Path_ = tuple[str | int, ...]


def load_report(folder: str | os.PathLike[str], entities: Iterable[str] | None = None) -> Report:
    """Load and validate content/<report>/; raise ContentError listing every problem found.

    `entities` are the theme's entity ids (us, china, ...); when given, content may name no others.
    """
    root = Path(folder)
    shown = os.path.normpath(str(folder))
    yaml_shown = _join(shown, REPORT_FILE)
    if not root.is_dir():
        raise ContentError([Problem(SourceRef(shown), "report folder not found")])
    if not (root / REPORT_FILE).is_file():
        raise ContentError([Problem(SourceRef(shown), f"no {REPORT_FILE} in the report folder")])
    raw, marks = _read_yaml(root / REPORT_FILE, yaml_shown)
    if raw is None:
        raise ContentError(
            [Problem(SourceRef(yaml_shown, 1), "the file is empty: start with title:, date:, authors:")]
        )
    if not isinstance(raw, dict):
        message = f"expected a mapping of keys (title:, sources:, ...), got {_describe(raw)}"
        raise ContentError([Problem(SourceRef(yaml_shown, 1), message)])

    files: dict[str, Path] = {}
    check_path = _path_checker(root, files)
    ids = {
        name: set(raw[name])
        for name in ("sources", "datasets", "charts", "tables")
        if isinstance(raw.get(name), dict)
    }
    if entities is not None:
        ids["entities"] = set(entities)
    tables, problems = _read_tables(raw.get("datasets"), files, shown, {"ids": ids, "check_path": check_path})
    context = {
        "ids": ids,
        "tables": tables,
        "check_path": check_path,
        "parse_text": lambda value: text.parse_inline(value, _lookup(ids.get("datasets", set()), tables)),
        "locate": marks.locate,
        "seen": {},
    }
    try:
        report = Report.model_validate(raw, context=context)
    except ValidationError as error:
        problems += [_problem(e, raw, marks, context["seen"]) for e in error.errors(include_url=False)]
    problems += marks.problems
    if problems:
        raise ContentError(sorted(set(problems), key=lambda p: (p.where, p.field, p.message)))
    report._data = tables
    report._files = files
    report._folder = shown
    return report


# --- YAML with positions ------------------------------------------------------------------------------


class _Marks:
    """Line and column of every value and key in report.yaml, by path (`("slides", 3, "chart")`)."""

    def __init__(self, shown: str):
        self.shown = shown
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.paths: dict[int, Path_] = {}
        self.problems: list[Problem] = []  # found while reading, such as duplicate keys

    def at(self, path: Path_, key: bool = False) -> SourceRef:
        table = self.keys if key and path in self.keys else self.values
        while path and path not in table:
            path = path[:-1]
        line, column = table.get(path, (1, 1))
        return SourceRef(self.shown, line, column)

    def locate(self, data: Any) -> SourceRef | None:
        path = self.paths.get(id(data))
        return None if path is None else self.at(path)


def _read_yaml(path: Path, shown: str) -> tuple[Any, _Marks]:
    marks = _Marks(shown)
    source = _read_text(path, shown)
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        budget = [MAX_YAML_NODES]
        data = _construct(node, (), loader, marks, budget) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise ContentError([_yaml_problem(error, shown)]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(SourceRef(shown), f"invalid YAML: {error}")]) from None
    except RecursionError:
        raise ContentError([Problem(SourceRef(shown), "invalid YAML: nested too deeply")]) from None
    finally:
        loader.dispose()
    return data, marks


def _yaml_problem(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = SourceRef(shown, mark.line + 1, mark.column + 1) if mark else SourceRef(shown)
    message = f"invalid YAML: {error.problem or error.context}"
    if error.context and error.context_mark and error.problem_mark and error.context_mark.line != mark.line:
        message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
    return Problem(where, message)


def _construct(node: yaml.Node, path: Path_, loader: Any, marks: _Marks, budget: list[int]) -> Any:
    """Build plain Python values from YAML nodes, remembering where each one was written."""
    budget[0] -= 1
    if budget[0] < 0:
        raise yaml.MarkedYAMLError(
            problem="too many values (an alias expanding without end?)", problem_mark=node.start_mark
        )
    marks.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _YAML_TAGS:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise yaml.MarkedYAMLError(
            problem=f"tag {shown!r} is not allowed: write plain text, numbers, dates, lists and mappings",
            problem_mark=node.start_mark,
        )
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.MarkedYAMLError(
                    problem="a key must be plain text", problem_mark=key_node.start_mark
                )
            key = key_node.value
            if key in first_line:
                where = SourceRef(marks.shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                message = f"duplicate key {key!r} (first on line {first_line[key]})"
                marks.problems.append(Problem(where, message, _format_path((*path, key))))
                continue
            first_line[key] = key_node.start_mark.line + 1
            marks.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = _construct(value_node, (*path, key), loader, marks, budget)
        marks.paths[id(mapping)] = path
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = [_construct(item, (*path, i), loader, marks, budget) for i, item in enumerate(node.value)]
        marks.paths[id(items)] = path
        return items
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
        # Every string, not only marked-up text: fitting a title of millions of characters would stall.
        message = f"text of {len(value):,} characters; the limit is {MAX_TEXT_LENGTH:,} per field"
        marks.problems.append(Problem(marks.at(path), message, _format_path(path)))
    return value


def _read_text(path: Path, shown: str) -> str:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ContentError([Problem(SourceRef(shown), f"file is larger than {MAX_FILE_BYTES // 2**20} MB")])
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = path.read_bytes()[: error.start]
        line, column = before.count(b"\n") + 1, error.start - before.rfind(b"\n")
        byte = error.object[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        raise ContentError([Problem(SourceRef(shown, line, column), message)]) from None


# --- files named by the content -----------------------------------------------------------------------


def _path_checker(root: Path, found: dict[str, Path]) -> Callable[[str], None]:
    """A check that a path named in content is a file inside the report folder or the shared assets/.

    Each path that passes is recorded in `found`, resolved, so nothing after the loader resolves it again.
    """
    report_root = root.resolve()
    assets_root = (report_root.parent.parent / "assets").resolve()

    def check(value: str) -> None:
        parts = PurePosixPath(value).parts
        if not value or value.startswith(("/", "~", "\\")) or re.match(r"[A-Za-z]:", value) or "\\" in value:
            raise ValueError(f"path {value!r} must be relative to the report folder, with '/' separators")
        if ".." in parts:
            raise ValueError(f"path {value!r} leaves the report folder ('..' is not allowed)")
        candidate = report_root / value
        if not candidate.exists() and parts[0] == "assets":
            candidate = assets_root.parent / value
        resolved = candidate.resolve()
        if not (resolved.is_relative_to(report_root) or resolved.is_relative_to(assets_root)):
            raise ValueError(f"path {value!r} is a link to a file outside the report folder")
        if resolved.is_dir():
            raise ValueError(f"{value!r} is a folder, not a file")
        if not resolved.is_file():
            raise ValueError(f"file {value!r} not found")
        found[value] = resolved

    return check


# --- CSV datasets -------------------------------------------------------------------------------------


def _read_tables(
    specs: Any, files: dict[str, Path], shown: str, context: dict[str, Any]
) -> tuple[dict[str, Table], list[Problem]]:
    """Read the CSV file of every well-formed dataset; malformed specs are reported with the report."""
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for dataset_id, spec in specs.items() if isinstance(specs, dict) else ():
        try:
            dataset = Dataset.model_validate(spec, context=context)
        except ValidationError:
            continue
        table, found = _read_table(dataset, files[dataset.file], _join(shown, dataset.file))
        problems += found
        if table is not None:
            tables[dataset_id] = table
    return tables, problems


def _read_table(dataset: Dataset, path: Path, shown: str) -> tuple[Table | None, list[Problem]]:
    try:
        content = _read_text(path, shown)
    except ContentError as error:
        return None, list(error.problems)
    # Records end only at \n, \r\n or \r, and a quoted cell keeps its line breaks (str.splitlines would
    # also break at U+2028, U+0085 and the like, and split a row in two).
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        return _parse_table(dataset, reader, shown)
    except csv.Error as error:  # a cell beyond the csv module's field size limit
        return None, [Problem(SourceRef(shown, reader.line_num), f"not readable as CSV: {error}")]


def _parse_table(dataset: Dataset, reader: Any, shown: str) -> tuple[Table | None, list[Problem]]:
    header = [name.strip() for name in next(reader, [])]
    if not any(header):
        return None, [Problem(SourceRef(shown, 1), "empty file: expected a header row naming the columns")]

    problems = _check_header(header, dataset, shown)
    if problems:
        return None, problems
    rows: list[dict[str, Value]] = []
    row_lines: list[int] = []
    seen_keys: dict[str, int] = {}
    start = reader.line_num + 1
    for record in reader:
        line, start = start, reader.line_num + 1  # the line a row starts on: a quoted cell may span lines
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_CSV_ROWS:
            return None, [
                Problem(SourceRef(shown, line), f"more than {MAX_CSV_ROWS:,} rows: aggregate the data first")
            ]
        if len(record) != len(header):
            problems.append(
                Problem(SourceRef(shown, line), f"row has {len(record)} fields, the header has {len(header)}")
            )
            continue
        row: dict[str, Value] = {}
        for name, cell in zip(header, record, strict=True):
            value, message = _parse_cell(cell.strip(), dataset.columns[name].type)
            if message:
                problems.append(Problem(SourceRef(shown, line), f"column {name!r}: {message}"))
            row[name] = value
        key = str(row[dataset.key_column])
        if key in seen_keys:
            problems.append(
                Problem(
                    SourceRef(shown, line),
                    f"duplicate key {key!r} in column {dataset.key_column!r} "
                    f"(first on line {seen_keys[key]})",
                )
            )
        seen_keys.setdefault(key, line)
        rows.append(row)
        row_lines.append(line)
    if not rows and not problems:
        problems.append(Problem(SourceRef(shown, 1), "no data rows: the dataset is empty"))
    if problems:
        return None, problems
    types = {name: column.type for name, column in dataset.columns.items()}
    return Table(types=types, rows=tuple(rows), key=dataset.key_column, lines=tuple(row_lines)), []


def _check_header(header: list[str], dataset: Dataset, shown: str) -> list[Problem]:
    where = SourceRef(shown, 1)
    problems = []
    for i, name in enumerate(header):
        if name in header[:i]:
            problems.append(Problem(where, f"column {name!r} appears twice in the header"))
        elif name not in dataset.columns:
            problems.append(
                Problem(
                    where,
                    f"column {name!r} is not declared in the dataset's columns"
                    + did_you_mean(name, dataset.columns),
                )
            )
    for name in dataset.columns:
        if name not in header:
            problems.append(Problem(where, f"missing column {name!r}, declared in the dataset's columns"))
    return problems


def _parse_cell(cell: str, kind: str) -> tuple[Value, str]:
    """The typed value of one CSV cell, or an error message."""
    if kind == "text":
        try:
            return check_characters(cell), ""
        except ValueError as error:
            return cell, str(error)
    if not cell:
        return cell, "empty value (every cell of a number or date column needs a value)"
    if kind in ("number", "integer"):
        pattern, noun = (_NUMBER, "a number") if kind == "number" else (_INTEGER, "a whole number")
        if not pattern.match(cell):
            return cell, f"{quoted(cell)} is not {noun}"
        if len(cell) > MAX_NUMBER_LENGTH:
            return cell, f"{quoted(cell)} has {len(cell):,} characters, too many for a number"
        if not abs(float(cell)) <= MAX_NUMBER:
            return cell, f"{cell!r} is out of range: a number must lie within ±{_MAX_NUMBER_SHOWN}"
        return (float(cell) if kind == "number" else int(cell)), ""
    try:
        return dt.date.fromisoformat(cell), ""
    except ValueError:
        return cell, f"{quoted(cell)} is not a date (expected YYYY-MM-DD)"


def _lookup(dataset_ids: set[str], tables: dict[str, Table]) -> text.Lookup:
    """Resolve `{dataset[row].column}` against the loaded tables, with did-you-mean errors."""

    def lookup(dataset_id: str, key: str, column: str) -> Value | None:
        if dataset_id not in dataset_ids:
            raise ValueError(
                f"data reference to unknown dataset {dataset_id!r}{did_you_mean(dataset_id, dataset_ids)}"
            )
        table = tables.get(dataset_id)
        if table is None:
            return None  # the dataset's own problems are reported where they are
        if column not in table.types:
            raise ValueError(
                f"dataset {dataset_id!r} has no column {column!r}{did_you_mean(column, table.types)}"
            )
        row = table.row(key)
        if row is None:
            raise ValueError(
                f"dataset {dataset_id!r} has no row {key!r} in column {table.key!r}"
                + (did_you_mean(key, table.keys()) or _some(table.keys()))
            )
        return row[column]

    return lookup


# --- pydantic errors as located problems --------------------------------------------------------------


def _problem(error: Any, raw: Any, marks: _Marks, seen: dict[int, type[Node]]) -> Problem:
    path, rest = _walk(error["loc"], raw)
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    message = error["msg"]
    at_key = error["loc"][-1:] == ("[key]",)
    if kind == "extra_forbidden":
        model = seen.get(id(_get(raw, path[:-1])))
        allowed = model.model_fields if model else ()
        message = f"unknown key {path[-1]!r}{did_you_mean(str(path[-1]), allowed)}"
        at_key = True
    elif kind == "missing":
        message = f"missing required key {rest[0]!r}" if rest else "missing a required value"
    elif kind == "union_tag_invalid":
        message, path = _unknown_choice(ctx, _get(raw, path), path)
    elif kind == "union_tag_not_found":
        name = str(ctx.get("discriminator", "")).removesuffix("()")
        message = (
            "expected a paragraph (text), or a mapping with 'figure:' or 'table:'"
            if name == "block"
            else f"expected a mapping with a {name!r} key, got {_describe(given)}"
        )
    elif kind.startswith("date"):
        message = f"expected a date such as 2025-04-07, got {_describe(given)}"
    elif kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = f"expected one of {ctx.get('expected')}, got {given!r}{did_you_mean(str(given), choices)}"
    elif kind in ("too_short", "too_long"):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        bound = "at least" if kind == "too_short" else "at most"
        message = f"needs {bound} {limit} item{'s' if limit != 1 else ''}, has {ctx.get('actual_length')}"
    elif kind == "list_type":
        message = f"expected a list such as [first, second], got {_describe(given)}"
    elif kind == "string_type":
        quote = " (put it in quotes)" if isinstance(given, (int, float, bool, dt.date)) else ""
        message = f"expected text, got {_describe(given)}{quote}"
    elif message.startswith("Input should be"):
        message = f"expected {message[len('Input should be ') :]}, got {_describe(given)}"
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return Problem(marks.at(path, key=at_key), message, _format_path(path))


def _unknown_choice(ctx: dict[str, Any], written: Any, path: Path_) -> tuple[str, Path_]:
    """Word a missing, mistyped or non-text `layout:` / `kind:`, listing the choices."""
    field = str(ctx.get("tag", "")).partition("=")[0]
    tags = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
    choices = [tag.partition("=")[2] for tag in tags]
    listing = ", ".join(choices)
    value = written.get(field) if isinstance(written, dict) else None
    if value is None:
        return f"missing required key {field!r} (one of: {listing})", path
    if not isinstance(value, str):
        return f"expected one of: {listing}; got {_describe(value)}", (*path, field)
    return f"unknown {field} {value!r}{did_you_mean(value, choices)}; expected one of: {listing}", (
        *path,
        field,
    )


def _walk(loc: tuple[Any, ...], raw: Any) -> tuple[Path_, list[Any]]:
    """Split a pydantic location into the path that exists in the YAML and what is missing below it."""
    path: list[str | int] = []
    current = raw
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        if _has(current, part):
            current = current[part]
            path.append(part)
        elif not (isinstance(part, str) and ("=" in part or part == "[key]")):
            parts.insert(0, part)
            break  # otherwise the part was a union member's tag, not a key of the content
    return tuple(path), parts if isinstance(current, dict) else []


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return isinstance(part, str) and part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _get(raw: Any, path: Path_) -> Any:
    for part in path:
        raw = raw[part]
    return raw


def _format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z0-9_-]+", part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


def _some(keys: list[str], shown: int = 4) -> str:
    listed = ", ".join(repr(k) for k in keys[:shown])
    return f" (rows: {listed}{', ...' if len(keys) > shown else ''})"


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return {dict: "a mapping", list: "a list"}.get(type(value), "nothing")
    return repr(value)


def _join(folder: str, name: str) -> str:
    return os.path.normpath(os.path.join(folder, name))
