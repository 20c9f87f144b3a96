"""Reads a report folder into a validated Report; the only module that opens content files.

Every problem is collected, located (`report.yaml:LINE:COL: field: message`, `data/x.csv:LINE: ...`) and
raised together as one ContentError, so a user fixes a whole batch per run.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError

from aigap_docs import text
from aigap_docs.errors import (
    ContentError,
    Problem,
    SourceRef,
    did_you_mean,
    os_problem,
    os_reason,
    quoted,
    yaml_problem,
)
from aigap_docs.limits import (
    MAX_CSV_CELLS,
    MAX_CSV_ROWS,
    MAX_FILE_BYTES,
    MAX_NUMBER,
    MAX_NUMBER_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    MAX_YAML_TEXT,
)
from aigap_docs.model import (
    Cell,
    Dataset,
    DataTable,
    Node,
    Report,
    ValidationContext,
    Value,
    check_characters,
)
from aigap_docs.workbook import is_workbook, open_sheet

REPORT_FILE = "report.yaml"
_MAX_NUMBER_SHOWN = f"{MAX_NUMBER:.0e}".replace("+", "")  # 1e100
_TAG = "tag:yaml.org,2002:"
_TYPES = {
    f"{_TAG}map": "a mapping",
    f"{_TAG}seq": "a list",
    f"{_TAG}str": "text",
    f"{_TAG}int": "a whole number",
    f"{_TAG}float": "a number",
    f"{_TAG}bool": "true or false",
    f"{_TAG}null": "nothing",
    f"{_TAG}timestamp": "a date such as 2025-04-07",
}
"""The only types a report is written in, and how a message names each; any other tag (!!python/object,
!!binary, !!set) is an error."""
_UNREADABLE = object()
"""What a scalar that does not read as its type (`date: 2025-02-30`, `!!int abc`) stands in as: its problem is
recorded where it was written, and what pydantic says about it is left out."""
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""A character a YAML file cannot hold (a control character, say), which the parser would report in two lines
and without the line it is on."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
Path_ = tuple[str | int, ...]


def load_report(folder: str | os.PathLike[str], entities: Iterable[str] | None = None) -> Report:
    """Load and validate content/<report>/; raise ContentError listing every problem found.

    `entities` are the theme's entity ids (us, china, ...); when given, content may name no others but
    those and the ones report.yaml's `entities:` declares.
    """
    root = Path(folder)
    shown = os.path.normpath(str(folder))
    with _reading(shown):
        if not root.is_dir():
            raise ContentError([Problem(SourceRef(shown), "report folder not found")])
    if not os.path.lexists(root / REPORT_FILE):
        raise ContentError([Problem(SourceRef(shown), f"no {REPORT_FILE} in the report folder")])
    files: dict[str, Path] = {}
    check_path = _path_checker(root, files)
    try:
        check_path(REPORT_FILE)  # confined like every file the content names
    except ValueError as error:
        raise ContentError([Problem(SourceRef(shown), str(error))]) from None
    yaml_shown = _join(shown, REPORT_FILE)
    raw, marks = _read_yaml(files.pop(REPORT_FILE), yaml_shown)
    if raw is None:
        raise ContentError(
            [Problem(SourceRef(yaml_shown, 1), "the file is empty: start with title:, date:, authors:")]
        )
    if not isinstance(raw, dict):
        message = f"expected a mapping of keys (title:, sources:, ...), got {_describe(raw)}"
        raise ContentError([Problem(SourceRef(yaml_shown, 1), message)])

    ids = dict(ValidationContext.of(raw).ids)
    if entities is not None:
        declared = raw.get("entities")
        ids["entities"] = set(entities) | (set(declared) if isinstance(declared, dict) else set())
    tables, problems = _read_tables(
        raw.get("datasets"), files, shown, ValidationContext(ids, check_path=check_path)
    )
    lookup = _lookup(ids.get("datasets", set()), tables, _csv_names(raw.get("datasets"), shown))
    language = raw.get("language")  # validated with the rest; a bad tag prints numbers the English way
    symbols = text.number_symbols(language if isinstance(language, str) else None)
    context = ValidationContext(
        ids,
        tables,
        check_path,
        parse_text=lambda value: text.parse_inline(value, lookup, symbols),
        locate=marks.locate,
        seen={},
    )
    try:
        report = Report.from_content(raw, context, files=files, folder=shown)
    except ValidationError as error:
        errors = [e for e in error.errors(include_url=False) if e.get("input") is not _UNREADABLE]
        missing = _missing_keys(errors, raw)
        problems += [_problem(e, raw, marks, context.seen or {}, missing) for e in errors]
    problems += marks.problems
    if problems:
        raise ContentError(sorted(set(problems), key=lambda p: (p.where, p.field, p.message)))
    return report


@contextlib.contextmanager
def _reading(shown: str) -> Iterator[None]:
    """Turn what reading the content file (or folder) `shown` raises into one located problem: YAML errors
    at their mark, OS errors (a name too long, a link loop, no permission) as `os_problem` words them."""
    try:
        yield
    except yaml.YAMLError as error:
        raise ContentError([yaml_problem(error, shown)]) from None
    except OSError as error:
        raise ContentError([os_problem(shown, error, "read")]) from None


def _read_text(path: Path, shown: str) -> str:
    """A content file's text; ContentError if it cannot be read, is over MAX_FILE_BYTES or is not UTF-8."""
    with _reading(shown), path.open("rb") as file:
        if os.fstat(file.fileno()).st_size > MAX_FILE_BYTES:
            message = f"file is larger than {MAX_FILE_BYTES // 2**20} MB"
            raise ContentError([Problem(SourceRef(shown), message)])
        data = file.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise ContentError([Problem(_position(shown, data[: error.start]), message)]) from None


def _position(shown: str, before: str | bytes) -> SourceRef:
    """The line and column just after `before`, the start of a file (in bytes, the column counts bytes)."""
    newline: Any = "\n" if isinstance(before, str) else b"\n"
    return SourceRef(shown, before.count(newline) + 1, len(before) - before.rfind(newline))


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

    def add(self, where: SourceRef, message: str, path: Path_) -> None:
        self.problems.append(Problem(where, message, _format_path(path)))


def _read_yaml(path: Path, shown: str) -> tuple[Any, _Marks]:
    source = _read_text(path, shown)
    not_yaml = _NOT_YAML.search(source)
    if not_yaml:
        message = f"invalid YAML: character U+{ord(not_yaml.group()):04X} cannot be written in a YAML file"
        raise ContentError([Problem(_position(shown, source[: not_yaml.start()]), message)])
    marks = _Marks(shown)
    with _reading(shown):
        _measure(source, shown)
        loader = _LOADER(source)
        try:
            node = loader.get_single_node()
            data = _construct(node, (), loader, marks) if node is not None else None
        finally:
            loader.dispose()
    return data, marks


def _measure(source: str, shown: str) -> None:
    """Stop at the first place where report.yaml nests deeper than MAX_YAML_DEPTH or, each alias counted as
    the value it repeats, holds more than MAX_YAML_NODES values or MAX_YAML_TEXT characters.

    It reads the parser's events, so it holds nothing but a count per open list or mapping and per anchor:
    building the nodes first would take some 300 bytes a value, and an alias bomb would never finish.
    """
    loader = _LOADER(source)
    total = (0, 0)  # values and characters so far
    opened: list[tuple[str | None, int, int]] = []  # each open collection's anchor, and the total before it
    anchored: dict[str, tuple[int, int]] = {}  # what each anchor's value adds to the total

    def stop(event: yaml.Event, message: str) -> ContentError:
        return ContentError([Problem(_at(shown, event.start_mark), message)])

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, values, characters = opened.pop()
                if anchor is not None:
                    anchored[anchor] = (total[0] - values, total[1] - characters)
                continue
            if isinstance(event, yaml.CollectionStartEvent):
                if len(opened) == MAX_YAML_DEPTH:
                    raise stop(event, f"invalid YAML: nesting deeper than {MAX_YAML_DEPTH} levels")
                opened.append((event.anchor, *total))
                added = (1, 0)
            elif isinstance(event, yaml.ScalarEvent):
                # A longer value is reported by itself, and only its first MAX_TEXT_LENGTH characters kept.
                added = (1, min(len(event.value), MAX_TEXT_LENGTH))
                if event.anchor is not None:
                    anchored[event.anchor] = added
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _, _ in opened):
                    alias = quoted(f"*{event.anchor}")
                    raise stop(event, f"invalid YAML: alias {alias} is inside the value it names (a loop)")
                added = anchored.get(event.anchor, (0, 0))  # an unknown anchor is the composer's error
            else:
                continue
            total = (total[0] + added[0], total[1] + added[1])
            if total[0] > MAX_YAML_NODES:
                raise stop(event, "invalid YAML: too many values (an alias expanding without end?)")
            if total[1] > MAX_YAML_TEXT:
                limit = f"more than {MAX_YAML_TEXT:,} characters of text in all, the limit for one report"
                raise stop(event, f"{limit} (an alias counts as the text it repeats)")
    finally:
        loader.dispose()


def _at(shown: str, mark: yaml.Mark) -> SourceRef:
    return SourceRef(shown, mark.line + 1, mark.column + 1)


def _construct(node: yaml.Node, path: Path_, loader: Any, marks: _Marks) -> Any:
    """Build plain Python values from YAML nodes, remembering where each one was written.

    `_measure` has bounded how deep this recurses and how many values it builds, aliases expanded.
    """
    marks.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    noun = _TYPES.get(node.tag)
    if noun is None:
        tag = quoted(node.tag.replace(_TAG, "!!"))
        raise yaml.MarkedYAMLError(
            problem=f"tag {tag} is not allowed: write plain text, numbers, dates, lists and mappings",
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
            where = _at(marks.shown, key_node.start_mark)
            key = _within_limit(key_node.value, where, path, marks)
            if key in first_line:
                message = f"duplicate key {quoted(key)} (first on line {first_line[key]})"
                marks.add(where, message, (*path, key))
                continue
            first_line[key] = where.line
            marks.keys[(*path, key)] = (where.line, where.column)
            mapping[key] = _construct(value_node, (*path, key), loader, marks)
        marks.paths[id(mapping)] = path
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = [_construct(item, (*path, i), loader, marks) for i, item in enumerate(node.value)]
        marks.paths[id(items)] = path
        return items
    return _scalar(node, noun, path, loader, marks)


def _scalar(node: yaml.ScalarNode, noun: str, path: Path_, loader: Any, marks: _Marks) -> Any:
    """One scalar's value; one that does not read as its type is a problem where written, and _UNREADABLE."""
    problem = _too_long_number(node.value) if node.tag in (f"{_TAG}int", f"{_TAG}float") else ""
    if not problem:
        try:
            value = loader.construct_object(node, deep=True)
        except (ValueError, KeyError, AttributeError, yaml.constructor.ConstructorError) as error:
            # How PyYAML's constructors fail on text that does not fit the type: int("abc"), "maybe" not in
            # the table of booleans, a timestamp pattern that does not match, 30 February, !!map on text.
            # Only a date's error says more than the text itself (which part of it is out of range).
            reason = f" ({error})" if isinstance(error, ValueError) and node.tag == f"{_TAG}timestamp" else ""
            problem = f"expected {noun}, got {quoted(node.value)}{reason}"
    if problem:
        marks.add(marks.at(path), problem, path)
        return _UNREADABLE
    return _within_limit(value, marks.at(path), path, marks) if isinstance(value, str) else value


def _within_limit(value: str, where: SourceRef, path: Path_, marks: _Marks) -> str:
    """`value`, or its first MAX_TEXT_LENGTH characters and a problem: fitting a title of millions of
    characters would stall a build, and with the text cut every later check stays cheap."""
    if len(value) <= MAX_TEXT_LENGTH:
        return value
    marks.add(where, f"text of {len(value):,} characters; the limit is {MAX_TEXT_LENGTH:,} per field", path)
    return value[:MAX_TEXT_LENGTH]


# --- files named by the content -----------------------------------------------------------------------


def _path_checker(root: Path, found: dict[str, Path]) -> Callable[[str], None]:
    """A check that a path named in content is a file inside the report folder or the shared assets/.

    Each path that passes is recorded in `found`, resolved, so nothing after the loader resolves it again.
    """
    report_root = Path(os.path.realpath(root))
    assets_root = Path(os.path.realpath(report_root.parent.parent / "assets"))

    def check(value: str) -> None:
        parts = PurePosixPath(value).parts
        if not value or value.startswith(("/", "~", "\\")) or re.match(r"[A-Za-z]:", value) or "\\" in value:
            relative = "must be relative to the report folder, with '/' separators"
            raise ValueError(f"path {quoted(value)} {relative}")
        if ".." in parts:
            raise ValueError(f"path {quoted(value)} leaves the report folder ('..' is not allowed)")
        candidate = report_root / value
        if parts[0] == "assets" and not os.path.lexists(candidate):
            candidate = assets_root.parent / value
        try:
            resolved = Path(os.path.realpath(candidate, strict=True))
        except OSError as error:  # not there, a link loop, a name too long, no permission
            if error.errno == errno.ENOENT:
                raise ValueError(f"file {quoted(value)} not found") from None
            raise ValueError(f"cannot read {quoted(value)}: {os_reason(error)}") from None
        if not (resolved.is_relative_to(report_root) or resolved.is_relative_to(assets_root)):
            raise ValueError(f"path {quoted(value)} is a link to a file outside the report folder")
        if resolved.is_dir():
            raise ValueError(f"{quoted(value)} is a folder, not a file")
        if not resolved.is_file():
            raise ValueError(f"file {quoted(value)} not found")
        found[value] = resolved

    return check


# --- CSV datasets -------------------------------------------------------------------------------------


def _read_tables(
    specs: Any, files: dict[str, Path], shown: str, context: ValidationContext
) -> tuple[dict[str, DataTable], list[Problem]]:
    """Read the CSV file of every well-formed dataset; malformed specs are reported with the report.

    A file is read once however many datasets name it, and parsed once for all of them that declare the same
    columns and key: twenty datasets naming one 18 MB file took 2.7 GB when each read its own copy.
    """
    named: dict[Path, list[tuple[str, Dataset]]] = {}
    for dataset_id, spec in specs.items() if isinstance(specs, dict) else ():
        try:
            dataset = Dataset.model_validate(spec, context=context)
        except ValidationError:
            continue
        named.setdefault(files[dataset.file], []).append((dataset_id, dataset))
    tables: dict[str, DataTable] = {}
    problems: list[Problem] = []
    cells = MAX_CSV_CELLS  # what the tables still to be read may hold
    for path, datasets in named.items():
        file_shown = _join(shown, datasets[0][1].file)
        try:
            content = _read_text(path, file_shown) if not is_workbook(path) else ""
            if is_workbook(path):
                _check_size(path, file_shown)
        except ContentError as error:
            problems += error.problems
            continue
        read: dict[tuple[Any, ...], tuple[DataTable | None, list[Problem]]] = {}
        for dataset_id, dataset in datasets:
            columns = (
                dataset.sheet,
                dataset.key_column,
                tuple(dataset.na),
                *(
                    (name, column.type, dataset.may_be_missing(name))
                    for name, column in dataset.columns.items()
                ),
            )
            if columns not in read:
                read[columns] = (
                    _read_sheet(dataset, path, file_shown, cells)
                    if is_workbook(path)
                    else _read_table(dataset, content, file_shown, cells)
                )
                kept = read[columns][0]
                cells -= len(kept.rows) * len(kept.types) if kept else 0
            table, found = read[columns]
            problems += found
            if table is not None:
                tables[dataset_id] = table
    return tables, problems


def _read_table(
    dataset: Dataset, content: str, shown: str, cells: int
) -> tuple[DataTable | None, list[Problem]]:
    # Records end only at \n, \r\n or \r, and a quoted cell keeps its line breaks (str.splitlines would
    # also break at U+2028, U+0085 and the like, and split a row in two).
    reader = csv.reader(io.StringIO(content, newline=""))

    def records() -> Iterator[tuple[int, list[str]]]:
        start = 1
        for record in reader:
            yield start, record  # the line a row starts on: a quoted cell may span lines
            start = reader.line_num + 1

    try:
        return parse_table(dataset, records(), lambda line, column: SourceRef(shown, line), cells)
    except csv.Error as error:  # a cell beyond the csv module's field size limit
        return None, [Problem(SourceRef(shown, reader.line_num), f"not readable as CSV: {error}")]


Locate = Callable[[int, "int | None"], SourceRef]
"""(line or row, column index or None) -> where a table file's problem is: `data/x.csv:7`, or
`data/x.xlsx: sheet 'GDP' cell C7`."""


def parse_table(
    dataset: Dataset, records: Iterator[tuple[int, list[str]]], at: Locate, cells: int, line: str = "line"
) -> tuple[DataTable | None, list[Problem]]:
    """The dataset's table, holding at most `cells` cells, or the problems found in its file.

    `records` are the file's rows as text, each with its line (a CSV) or row (a sheet) number, the header
    first; CSV files and Excel sheets are checked alike from here on. `line` is what a number is called.
    """
    first = next(records, None)
    header = [name.strip() for name in (first[1] if first else [])]
    if not any(header):
        return None, [Problem(at(1, None), "empty file: expected a header row naming the columns")]

    problems = _check_header(header, dataset, at(first[0] if first else 1, None))
    if problems:
        return None, problems
    rows: list[dict[str, Cell]] = []
    row_lines: list[int] = []
    seen_keys: dict[str, int] = {}
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_CSV_ROWS:
            return None, [
                Problem(at(number, None), f"more than {MAX_CSV_ROWS:,} rows: aggregate the data first")
            ]
        if (len(rows) + 1) * len(header) > cells:
            too_many = f"more than {MAX_CSV_CELLS:,} cells in the report's CSV files"
            return None, [Problem(at(number, None), f"{too_many}: aggregate the data first")]
        if len(record) != len(header):
            problems.append(
                Problem(at(number, None), f"row has {len(record)} fields, the header has {len(header)}")
            )
            continue
        row: dict[str, Cell] = {}
        for index, (name, cell) in enumerate(zip(header, record, strict=True)):
            if dataset.is_missing(name, cell.strip()):
                row[name] = None
                continue
            value, message = _parse_cell(cell.strip(), dataset.columns[name].type)
            if message:
                problems.append(Problem(at(number, index), f"column {quoted(name)}: {message}"))
            row[name] = value
        key = str(row[dataset.key_column])
        if key in seen_keys:
            problems.append(
                Problem(
                    at(number, None),
                    f"duplicate key {quoted(key)} in column {quoted(dataset.key_column)} "
                    f"(first on {line} {seen_keys[key]})",
                )
            )
        seen_keys.setdefault(key, number)
        rows.append(row)
        row_lines.append(number)
    if not rows and not problems:
        problems.append(Problem(at(1, None), "no data rows: the dataset is empty"))
    if problems:
        return None, problems
    types = {name: column.type for name, column in dataset.columns.items()}
    return DataTable(types=types, rows=tuple(rows), key=dataset.key_column, lines=tuple(row_lines)), []


def _check_header(header: list[str], dataset: Dataset, where: SourceRef) -> list[Problem]:
    problems = []
    for i, name in enumerate(header):
        if name in header[:i]:
            problems.append(Problem(where, f"column {quoted(name)} appears twice in the header"))
        elif name not in dataset.columns:
            problems.append(
                Problem(
                    where,
                    f"column {quoted(name)} is not declared in the dataset's columns"
                    + did_you_mean(name, dataset.columns),
                )
            )
    for name in dataset.columns:
        if name not in header:
            message = f"missing column {quoted(name)}, declared in the dataset's columns"
            problems.append(Problem(where, message))
    return problems


def _parse_cell(cell: str, kind: str) -> tuple[Value, str]:
    """The typed value of one CSV cell, or an error message."""
    if kind == "text":
        try:
            return check_characters(cell), ""
        except ValueError as error:
            return cell, str(error)
    if not cell:
        return cell, "empty value: declare the column `nullable: true` (or the dataset's `na:`) to allow gaps"
    if kind in ("number", "integer"):
        pattern, noun = (_NUMBER, "a number") if kind == "number" else (_INTEGER, "a whole number")
        if not pattern.match(cell):
            return cell, f"{quoted(cell)} is not {noun}"
        too_long = _too_long_number(cell)
        if too_long:
            return cell, too_long
        if not abs(float(cell)) <= MAX_NUMBER:
            return cell, f"{quoted(cell)} is out of range: a number must lie within ±{_MAX_NUMBER_SHOWN}"
        return (float(cell) if kind == "number" else int(cell)), ""
    try:
        return dt.date.fromisoformat(cell), ""
    except ValueError:
        return cell, f"{quoted(cell)} is not a date (expected YYYY-MM-DD)"


def _check_size(path: Path, shown: str) -> None:
    """ContentError unless the file at `path` is at most MAX_FILE_BYTES, as every content file must be."""
    with _reading(shown):
        if path.stat().st_size > MAX_FILE_BYTES:
            message = f"file is larger than {MAX_FILE_BYTES // 2**20} MB"
            raise ContentError([Problem(SourceRef(shown), message)])


def _read_sheet(
    dataset: Dataset, path: Path, shown: str, cells: int
) -> tuple[DataTable | None, list[Problem]]:
    """The dataset's table from its sheet of an Excel workbook, checked as a CSV file is."""
    try:
        with _reading(shown), open_sheet(path, dataset.sheet or "", shown, len(dataset.columns)) as sheet:
            table, problems = parse_table(dataset, sheet.records(), sheet.at, cells, line="row")
            formulas = {problem.where for problem in sheet.problems}  # said once: not also "empty value"
            problems = sheet.problems + [problem for problem in problems if problem.where not in formulas]
    except ContentError as error:
        return None, error.problems
    return (None if problems else table), problems


def _too_long_number(written: str) -> str:
    """Why `written` is too long to read as a number, or '': Python refuses integers of over 4,300 digits."""
    if len(written) <= MAX_NUMBER_LENGTH:
        return ""
    return f"{quoted(written)} has {len(written):,} characters, too many for a number"


def _csv_names(specs: Any, shown: str) -> dict[str, str]:
    """How a problem names a line of each dataset's file, by dataset id: `content/x/data/y.csv:` or
    `content/x/data/y.xlsx: sheet 'GDP' row`, to be followed by the number."""
    return {
        dataset_id: _join(shown, spec["file"])
        + (f": sheet {quoted(str(spec.get('sheet')))} row" if is_workbook(Path(spec["file"])) else ":")
        for dataset_id, spec in (specs.items() if isinstance(specs, dict) else ())
        if isinstance(spec, dict) and isinstance(spec.get("file"), str)
    }


def _lookup(dataset_ids: set[str], tables: dict[str, DataTable], files: dict[str, str]) -> text.Lookup:
    """Resolve `{dataset[row].column}` against the loaded tables, with did-you-mean errors; a reference
    to a missing value is an error naming the cell, as prose cannot print a gap."""

    def lookup(dataset_id: str, key: str, column: str) -> Value | None:
        if dataset_id not in dataset_ids:
            raise ValueError(
                f"data reference to unknown dataset {quoted(dataset_id)}"
                + did_you_mean(dataset_id, dataset_ids)
            )
        table = tables.get(dataset_id)
        if table is None:
            return None  # the dataset's own problems are reported where they are
        if column not in table.types:
            raise ValueError(
                f"dataset {quoted(dataset_id)} has no column {quoted(column)}"
                + did_you_mean(column, table.types)
            )
        row = table.row(key)
        if row is None:
            raise ValueError(
                f"dataset {quoted(dataset_id)} has no row {quoted(key)} in column {quoted(table.key)}"
                + (did_you_mean(key, table.keys()) or _some(table.keys()))
            )
        value = row[column]
        if value is None:
            cell = f"{files.get(dataset_id, dataset_id + ':')}{table.line(key)}, column {quoted(column)}"
            raise ValueError(f"data reference to a missing value: {cell} has no data")
        return value

    return lookup


# --- pydantic errors as located problems --------------------------------------------------------------


def _missing_keys(errors: list[Any], raw: Any) -> dict[Path_, list[str]]:
    """The required keys each mapping lacks, by its path: an unknown key there may be one of them."""
    missing: dict[Path_, list[str]] = {}
    for error in errors:
        path, rest = _walk(error["loc"], raw)
        if error["type"] == "missing" and len(rest) == 1:
            missing.setdefault(path, []).append(str(rest[0]))
    return missing


def _unknown_key(key: str, model: type[Node] | None, missing: list[str]) -> str:
    """Word an unknown key: the near valid one, else the one required key the mapping lacks, and every key."""
    allowed = list(model.model_fields) if model else []
    hint = did_you_mean(key, allowed)
    if not hint and len(missing) == 1:
        hint = f" (did you mean {quoted(missing[0])}? it is required and missing)"
    listing = f"; valid keys: {', '.join(allowed)}" if allowed else ""
    return f"unknown key {quoted(key)}{hint}{listing}"


def _problem(
    error: Any, raw: Any, marks: _Marks, seen: dict[int, type[Node]], missing: dict[Path_, list[str]]
) -> Problem:
    path, rest = _walk(error["loc"], raw)
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    message = error["msg"]
    at_key = error["loc"][-1:] == ("[key]",)
    if kind == "extra_forbidden":
        model = seen.get(id(_get(raw, path[:-1])))
        message = _unknown_key(str(path[-1]), model, missing.get(tuple(path[:-1]), []))
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
        expected = f"expected one of {ctx.get('expected')}, got {quoted(given)}"
        message = expected + did_you_mean(str(given), choices)
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
    return f"unknown {field} {quoted(value)}{did_you_mean(value, choices)}; expected one of: {listing}", (
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
        elif re.fullmatch(r"[A-Za-z0-9_-]{1,40}", part):  # a longer key is quoted by its start
            out += f".{part}" if out else part
        else:
            out += f"[{quoted(part)}]"
    return out


def _some(keys: list[str], shown: int = 4) -> str:
    listed = ", ".join(quoted(k) for k in keys[:shown])
    return f" (rows: {listed}{', ...' if len(keys) > shown else ''})"


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return {dict: "a mapping", list: "a list"}.get(type(value), "nothing")
    return quoted(value)


def _join(folder: str, name: str) -> str:
    return os.path.normpath(os.path.join(folder, name))
