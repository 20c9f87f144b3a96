"""The format-neutral report: what the content says, with no knowledge of how it is drawn.

The loader validates report.yaml against these models. Checks that need more than one value (a chart's
column must exist in its dataset, a slide's chart must be declared, a path must stay inside the report)
read a ValidationContext, so every problem is reported at the exact field that caused it. Without one (a
bare `model_validate`) those checks are skipped; `Report.from_content` builds one from the content itself.

Chart kinds are not named here. Each kind's spec subclasses `ChartSpec` in its own module under
charts/kinds/, which imports this module; `Report.charts` is the union of the registered specs, built when
Report's schema is first needed (`defer_build`), by which time this module is complete. So this module
imports the registry only then, lazily, and there is no import cycle; registering a kind later rebuilds it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetPydanticSchema,
    PrivateAttr,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from aigap_docs.errors import SourceRef, did_you_mean, quoted
from aigap_docs.limits import MAX_CHART_ROWS, MAX_LABELLED, MAX_TABLE_ROWS, MAX_TEXT_LENGTH

Value = str | int | float | dt.date
Cell = Value | None
"""A value of a dataset's row: None where the CSV has no data (a `nullable` column, or a dataset's `na`)."""


def invalid(kind: str, message: str) -> PydanticCustomError:
    """The error a validator raises: `kind` names the check, `message` is what the user reads."""
    # The message goes in as a value, never as the template, so braces in content cannot break it.
    return PydanticCustomError(kind, "{message}", {"message": message})


@dataclass(frozen=True)
class ValidationContext:
    """What the cross-field checks read while content is validated: the loader/model contract.

    Each part is optional, and a check whose part is missing is skipped: a bare `model_validate` checks
    each value on its own. The loader fills every part; `Report.from_content` fills what the content
    itself gives (its ids) and the tables it is handed.
    """

    ids: Mapping[str, AbstractSet[str]] = field(default_factory=dict)
    """The ids declared per section ('sources', 'datasets', 'charts', 'tables', and the theme's
    'entities'), which references must name."""
    tables: Mapping[str, DataTable] = field(default_factory=dict)
    """The rows of each dataset (by dataset id) that loaded: columns, values and row counts are checked
    against them, and the report keeps them as its data."""
    check_path: Callable[[str], None] | None = None
    """Raises ValueError unless a content path names a file the report may read."""
    parse_text: Callable[[str], RichText] | None = None
    """Parses content text (markup, data references); without it text is kept as written."""
    locate: Callable[[Any], SourceRef | None] | None = None
    """Where a raw mapping or list was written, for each node's `ref`."""
    seen: dict[int, type[Node]] | None = None
    """Filled in: which model each raw mapping was validated as, so the loader can suggest its keys."""

    @classmethod
    def of(cls, content: Any, **parts: Any) -> ValidationContext:
        """A context with the ids `content` (report.yaml as a mapping) declares, and the `parts` given."""
        sections = ("sources", "datasets", "charts", "tables")
        ids = {name: set(content[name]) for name in sections if isinstance(content.get(name), dict)}
        return cls(ids={**ids, **parts.pop("ids", {})}, **parts)

    @staticmethod
    def get(info: ValidationInfo) -> ValidationContext:
        """The context a validation runs with, or an empty one."""
        return info.context if isinstance(info.context, ValidationContext) else _NO_CONTEXT


_NO_CONTEXT = ValidationContext()


# --- text ---------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML (and so PowerPoint) cannot hold, and DEL: no document can show them."""


def check_characters(text: str) -> str:
    """`text` with its line breaks written as '\\n'; ValueError if it holds a control character.

    YAML already turns line breaks in the file into '\\n'; a '\\r' can still arrive through a "\\r"
    escape or a CSV cell, and python-pptx would write it as the literal text '_x000D_'.
    """
    control = _CONTROL.search(text)
    if control:
        raise ValueError(f"control character U+{ord(control.group()):04X} in text (documents cannot hold it)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_plain(value: str) -> str:
    try:
        return check_characters(value)
    except ValueError as error:
        raise invalid("text", str(error)) from None


Plain = Annotated[str, AfterValidator(_check_plain)]
"""Text printed as written, without markup or data references: titles of sources, units, labels."""
Affix = Annotated[str, StringConstraints(strip_whitespace=False), AfterValidator(_check_plain)]
"""Text printed next to a number, spaces kept: `$` before, ` bn` after."""


# --- inline text --------------------------------------------------------------------------------------


class Run(BaseModel):
    """A stretch of text with one style: what exporters turn into a text run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


class RichText(BaseModel):
    """Content text after data references are resolved and inline markup is parsed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    runs: tuple[Run, ...]

    @classmethod
    def plain_text(cls, text: str) -> RichText:
        return cls(source=text, runs=(Run(text=text),) if text else ())

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)

    def __str__(self) -> str:
        return self.plain


def _to_rich_text(value: Any, info: ValidationInfo) -> RichText:
    if isinstance(value, RichText):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise invalid("text_type", f"expected text, got {_kind_of(value)}")
    if len(value) > MAX_TEXT_LENGTH:
        limit = f"the limit is {MAX_TEXT_LENGTH:,} per field"
        raise invalid("text_length", f"text of {len(value):,} characters; {limit}")
    parse = ValidationContext.get(info).parse_text
    if parse is None:
        return RichText.plain_text(value)
    try:
        return parse(value)
    except ValueError as error:
        raise invalid("text", str(error)) from None


_MARKUP = "Text with **bold**, *italic*, [links](https://...) and {dataset[row].column} data references."
InlineText = Annotated[
    RichText,
    BeforeValidator(_to_rich_text),
    WithJsonSchema({"type": ["string", "number"], "description": _MARKUP}),
]


class _OrText:
    """For the JSON Schema only: a model its before-validator also accepts written as one text."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": ["string", "number"]}, handler(core_schema)]}


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


# --- ids, references, paths ---------------------------------------------------------------------------

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise invalid("id", f"{quoted(value)} is not a valid id: use lower-case letters, digits, '-' and '_'")
    return value


Id = Annotated[str, AfterValidator(_check_id)]


def _reference(kind: str, noun: str, listed: bool = False) -> Any:
    """An id that must name an entry of the report's `kind` section (charts, sources, ...); `listed`: an
    unknown one's error lists the known ids (entities, which come from the theme as well as the report)."""

    def check(value: str, info: ValidationInfo) -> str:
        known = ValidationContext.get(info).ids.get(kind)
        if known is not None and value not in known:
            listing = f"; known: {', '.join(sorted(known))}" if listed and known else ""
            message = f"unknown {noun} {quoted(value)}{did_you_mean(value, known)}{listing}"
            raise invalid("unknown_reference", message)
        return value

    return Annotated[Id, AfterValidator(check)]


SourceId = _reference("sources", "source")
DatasetId = _reference("datasets", "dataset")
ChartId = _reference("charts", "chart")
TableId = _reference("tables", "table")
EntityId = _reference("entities", "entity", listed=True)


def _check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise invalid("colour", f"{quoted(value)} is not a colour such as '#1F4E79'")
    return value.upper()


HexColour = Annotated[str, AfterValidator(_check_colour)]
"""A colour as '#RRGGBB' (upper-cased)."""


def _check_path(value: str, info: ValidationInfo) -> str:
    check = ValidationContext.get(info).check_path
    if check is not None:
        try:
            check(value)
        except ValueError as error:
            raise invalid("path", str(error)) from None
    return value


ContentPath = Annotated[str, AfterValidator(_check_path)]


LINK_SCHEMES = ("http", "https", "mailto")
"""What a link in a document may open: a web page or a new e-mail; see `check_link`."""
_LINK = re.compile(r"(?i:https?://[^\s/]+\.\S+|mailto:[^\s@]+@\S+)\Z")


def check_link(url: str) -> str:
    """`url` if a document may link to it: an http(s) address with a host, or a mailto: address.

    The one rule for every link the outputs carry (markup links and sources' urls). Any other target
    would be a live link in both outputs that a click opens with the reader's rights: a file (`../x`,
    `/etc/passwd`, `file:`), a network share (`smb:`), a program (`ms-msdt:`) or a script (`javascript:`).
    Raises ValueError.
    """
    if not _LINK.match(url):
        raise ValueError(f"{quoted(url)} is not a web or mail address (expected https://... or mailto:...)")
    return url


def _check_url(value: str) -> str:
    try:
        return check_link(value)
    except ValueError as error:
        raise invalid("url", str(error)) from None


def _check_language(value: str) -> str:
    if not re.match(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z", value):
        raise invalid("language", f"{quoted(value)} is not a language tag such as 'en' or 'en-GB'")
    return value


def _at_most_rows(dataset: str, info: ValidationInfo, limit: int, limit_text: str) -> str:
    """`dataset`, unless its loaded table has more than `limit` rows (`limit_text` says so and why)."""
    table = ValidationContext.get(info).tables.get(dataset)
    if table is not None and len(table.rows) > limit:
        raise invalid("too_many_rows", f"dataset {dataset!r} has {len(table.rows):,} rows; {limit_text}")
    return dataset


def _column_problem(table: DataTable, dataset: str, name: str, numeric: bool) -> PydanticCustomError | None:
    """Why `name` is not a column of `dataset` (a number column, if `numeric`) that can be read, or None."""
    if name not in table.types:
        hint = did_you_mean(name, table.types)
        return invalid("unknown_column", f"dataset {quoted(dataset)} has no column {quoted(name)}{hint}")
    if numeric and table.types[name] not in ("number", "integer"):
        return invalid("column_type", f"column {quoted(name)} is {table.types[name]}, not a number column")
    return None


def _column_checker(numeric: bool) -> Any:
    """A column name that must exist in the dataset named by the model's `dataset` field."""

    def check(name: str, info: ValidationInfo) -> str:
        dataset = info.data.get("dataset")
        table = ValidationContext.get(info).tables.get(dataset)
        problem = _column_problem(table, dataset, name, numeric) if table is not None else None
        if problem is not None:
            raise problem
        return name

    return Annotated[str, AfterValidator(check)]


AnyColumn = _column_checker(numeric=False)
NumberColumn = _column_checker(numeric=True)


# --- the base node ------------------------------------------------------------------------------------


class Node(BaseModel):
    """A content object: immutable, strict about keys, and aware of where it was written."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    _ref: SourceRef | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        context = ValidationContext.get(info)
        if context.seen is not None and isinstance(data, dict):
            context.seen[id(data)] = cls  # lets the loader suggest this model's keys for a typo
        node = handler(data)
        if context.locate is not None and isinstance(node, Node) and node._ref is None:
            node._ref = context.locate(data)
        return node

    @property
    def ref(self) -> SourceRef | None:
        """The file and line this node was read from (None for nodes built in code)."""
        return self._ref


def _choice(field_name: str, *members: type[Node]) -> Any:
    """A union picked by the value of one key (`layout`, `kind`); the loader words its errors."""
    values = [member.model_fields[field_name].annotation.__args__[0] for member in members]

    def pick(data: Any) -> str | None:
        if isinstance(data, dict):
            return f"{field_name}={data.get(field_name, '')}"
        value = getattr(data, field_name, None)
        return f"{field_name}={value}" if value else None

    pick.__name__ = field_name  # pydantic names the discriminator in its error context
    tagged = tuple(Annotated[m, Tag(f"{field_name}={v}")] for m, v in zip(members, values, strict=True))
    return Annotated[Union[tagged], Discriminator(pick)]  # noqa: UP007 (a tuple of Annotated members)


# --- sources and data ---------------------------------------------------------------------------------


class Source(Node):
    """A publication that figures are taken from; every dataset, chart and table cites one."""

    title: Plain
    """The publication's title, as printed."""
    publisher: Plain
    """Who published it (an organisation, or the authors)."""
    year: int | None = None
    """Year of publication."""
    date: dt.date | None = None
    """Date of publication (YYYY-MM-DD), when the year is not precise enough."""
    url: Annotated[str, AfterValidator(_check_plain), AfterValidator(_check_url)] | None = None
    """Where to read it: an http(s) or mailto: address; the deck and brief link to it."""
    note: Plain | None = None
    """A remark printed with the source: edition, licence, what was taken from it."""


ColumnType = Literal["text", "number", "integer", "date"]


class Column(Node):
    """A declared CSV column: its type, its unit, and how to label it."""

    type: ColumnType = "number"
    """How cells are read: text, number, integer or date (YYYY-MM-DD)."""
    unit: Plain | None = None
    """The unit of a number column (`%`, `US$ billions`), shown on chart axes and table headers."""
    label: Plain | None = None
    """The column's name in charts, tables and alt text (default: the column name)."""
    entity: EntityId | None = None
    """The entity this column is about: its series takes the entity's colour."""
    nullable: bool = False
    """An empty cell (or one of the dataset's `na` markers) is a missing value, not an error."""
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    """How many decimals the column prints with in tables and as a chart series, unless they say."""


class Dataset(Node):
    """A CSV file under the report folder, with declared columns and the source it comes from."""

    file: ContentPath
    """A CSV file (or .xlsx workbook, with `sheet`) under the report folder, or under assets/."""
    source: SourceId
    """The id of the source (in `sources`) the figures come from."""
    where: Plain | None = None
    """Where in the source the figures are (figure, table, page): printed in source lines."""
    description: Plain | None = None
    """What the figures are, for readers of report.yaml; not printed."""
    key: str | None = None
    """The column whose values name rows in data references, {dataset[row].column} (default: the first)."""
    sheet: Plain | None = None
    """The sheet to read when `file` is an Excel workbook (.xlsx); its first row names the columns."""
    na: list[Annotated[str, AfterValidator(_check_plain)]] = []
    """Cells that mean 'no data' (`NA`, `n/a`, `..`): with `na`, every column but the key may have gaps."""
    columns: dict[str, Column] = Field(min_length=1)
    """Every column of the file, by its name in the header row, with its type, unit and label."""

    @property
    def key_column(self) -> str:
        return self.key or next(iter(self.columns))

    def may_be_missing(self, column: str) -> bool:
        """Whether `column` may have no data in a row: declared `nullable`, or any column but the key when
        the dataset lists `na` markers (a dataset with gaps says so once)."""
        return self.columns[column].nullable or (bool(self.na) and column != self.key_column)

    def is_missing(self, column: str, cell: str) -> bool:
        """Whether the CSV text `cell` (stripped) is a missing value of `column`."""
        return self.may_be_missing(column) and (cell == "" or cell in self.na)

    @model_validator(mode="after")
    def _check_columns(self) -> Dataset:
        for name in self.columns:
            if not COLUMN_NAME.match(name):
                raise invalid("column_name", f"column name {quoted(name)} must be letters, digits and '_'")
        if self.key is not None and self.key not in self.columns:
            hint = did_you_mean(self.key, self.columns)
            raise invalid("key", f"key {quoted(self.key)} is not a declared column{hint}")
        workbook = PurePath(self.file).suffix.lower() in (".xlsx", ".xlsm")
        if workbook and not self.sheet:
            raise invalid("sheet", f"{quoted(self.file)} is a workbook: name the sheet to read (sheet: Name)")
        if self.sheet and not workbook:
            raise invalid(
                "sheet",
                f"sheet {quoted(self.sheet)} is given, but {quoted(self.file)} is not an .xlsx workbook",
            )
        if self.columns[self.key_column].nullable:
            message = f"the key column {quoted(self.key_column)} names every row, so it cannot be nullable"
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [
                    InitErrorDetails(
                        type=invalid("nullable_key", message),
                        loc=("columns", self.key_column, "nullable"),
                        input=True,
                    )
                ],
            )
        return self


@dataclass(frozen=True)
class DataTable:
    """The typed rows of one dataset's CSV file, as read by the loader."""

    types: dict[str, ColumnType]
    rows: tuple[dict[str, Cell], ...]
    key: str
    lines: tuple[int, ...] = field(default=(), compare=False, repr=False)
    _index: dict[str, int] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update((str(row[self.key]), i) for i, row in reversed(list(enumerate(self.rows))))

    def column(self, name: str) -> list[Cell]:
        return [row[name] for row in self.rows]

    def keys(self) -> list[str]:
        return [str(row[self.key]) for row in self.rows]

    def row(self, key: str) -> dict[str, Cell] | None:
        """The row whose key column reads `key`, or None."""
        index = self._index.get(key)
        return None if index is None else self.rows[index]

    def line(self, key: str) -> int | None:
        """The CSV line the row whose key column reads `key` starts on, if known."""
        index = self._index.get(key)
        return self.lines[index] if index is not None and index < len(self.lines) else None


# --- row selection: where, sort, top ------------------------------------------------------------------

OPERATORS = ("=", "not", "in", "not_in", ">", ">=", "<", "<=")
"""The conditions `where:` knows; `rows.matches` applies them."""
_ORDERED = (">", ">=", "<", "<=")

Where = dict[str, dict[str, Any]]
"""`where:` as validated: column -> {operator: value (a list for in/not_in)}, values of the column's type."""


def _short_order(order: str) -> str:
    """`ascending` and `descending` (as a bar chart's `sort` spells them) are `asc` and `desc`."""
    return {"ascending": "asc", "descending": "desc"}.get(order, order)


class RowSort(Node):
    """`sort: {by: column, order: desc}`: the rows in one column's order (missing values last)."""

    by: str
    """The column to sort by."""
    order: Annotated[Literal["asc", "desc", "ascending", "descending"], AfterValidator(_short_order)] = "asc"
    """`asc` or `ascending` (smallest first), `desc` or `descending`; missing values go last either way."""


def _typed(value: Any, kind: str, column: str) -> Any:
    """A condition's `value` as a value of a `kind` column; ValueError if it cannot be one."""
    if kind == "text":
        if isinstance(value, (dict, list)) or value is None:
            raise ValueError(f"expected text to compare column {quoted(column)} with, got {_kind_of(value)}")
        return str(value)
    if kind == "date":
        if isinstance(value, dt.date):
            return value
        raise ValueError(
            f"column {quoted(column)} is a date column: compare it with a date such as 2024-01-31"
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"column {quoted(column)} is a number column: compare it with a number, not {quoted(value)}"
        )
    return value


def _condition(written: Any, kind: str, column: str) -> dict[str, Any]:
    """One column's condition in the validated form {operator: value}; ValueError saying what is wrong."""
    if isinstance(written, list):
        written = {"in": written}
    elif not isinstance(written, dict):
        written = {"=": written}
    condition: dict[str, Any] = {}
    for operator, value in written.items():
        if operator not in OPERATORS:
            listing = ", ".join(OPERATORS)
            hint = did_you_mean(str(operator), OPERATORS)
            raise ValueError(f"unknown condition {quoted(operator)}{hint}; expected one of: {listing}")
        if operator in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                raise ValueError(f"'{operator}' takes a list of values such as [a, b]")
            condition[operator] = [_typed(v, kind, column) for v in value]
            continue
        if operator in _ORDERED and kind == "text":
            raise ValueError(f"column {quoted(column)} is text: '{operator}' compares numbers and dates")
        condition[operator] = _typed(value, kind, column)
    return condition


def _check_where(where: Any, info: ValidationInfo) -> Where | None:
    """`where:` in its validated form, its columns and values checked against the dataset's."""
    if where is None:
        return None
    if not isinstance(where, dict) or not where:
        raise invalid("where", "expected a mapping of column: condition, such as {region: Europe}")
    dataset = info.data.get("dataset")
    table = ValidationContext.get(info).tables.get(dataset)
    checked: Where = {}
    problems = []
    for column, written in where.items():
        problem = _column_problem(table, dataset, column, False) if table is not None else None
        if problem is not None:
            problems.append(InitErrorDetails(type=problem, loc=(column,), input=column))
            continue
        try:
            checked[column] = _condition(written, table.types[column] if table else "text", column)
        except ValueError as error:
            problems.append(InitErrorDetails(type=invalid("where", str(error)), loc=(column,), input=written))
    if problems:
        raise ValidationError.from_exception_data("where", problems)
    from aigap_docs.rows import matches  # applies what this module validates; it imports this module

    if table is not None and not any(matches(row, checked) for row in table.rows):
        raise invalid("where", f"no row of dataset {quoted(dataset)} meets every condition")
    return checked


def _check_sort(sort: Any, info: ValidationInfo) -> Any:
    """A RowSort's column must be one of the dataset's."""
    if not isinstance(sort, RowSort):
        return sort
    dataset = info.data.get("dataset")
    table = ValidationContext.get(info).tables.get(dataset)
    problem = _column_problem(table, dataset, sort.by, False) if table is not None else None
    if problem is not None:
        raise ValidationError.from_exception_data(
            "sort", [InitErrorDetails(type=problem, loc=("by",), input=sort.by)]
        )
    return sort


def _sort_mapping(written: Any) -> Any:
    """A chart's `sort:` is a mapping: one line saying so, for a word such as a bar chart's `descending`."""
    if written is None or isinstance(written, (dict, RowSort)):
        return written
    shown = "a list" if isinstance(written, list) else quoted(written)
    raise invalid("sort", f"expected a mapping {{by: column, order: asc or desc}}, got {shown}")


_WRITTEN = {"type": ["string", "number", "boolean"]}
_CONDITION = {"anyOf": [_WRITTEN, {"type": "array", "items": _WRITTEN}]}
_WHERE_SCHEMA = {
    "type": "object",
    "description": "column: a value (equal to), a list (one of) or {operator: value}",
    "additionalProperties": {
        "anyOf": [
            *_CONDITION["anyOf"],
            {
                "type": "object",
                "propertyNames": {"enum": list(OPERATORS)},
                "additionalProperties": _CONDITION,
            },
        ]
    },
}
RowFilter = Annotated[Where | None, BeforeValidator(_check_where), WithJsonSchema(_WHERE_SCHEMA)]
"""`where: {region: Europe, year: {">=": 2015}, code: [DE, FR], name: {not: Total}}`: only the rows that
meet every condition (a missing value meets only `not` and `not_in`)."""
TopN = Annotated[int, Field(ge=1)] | None
"""`top: N`: the first N rows after `where` and `sort`."""


# --- charts -------------------------------------------------------------------------------------------


class ValueLabels(Node):
    """How a chart prints its values: prefix, suffix and number of decimals."""

    prefix: Affix = ""
    """Printed before each value label, such as `$`."""
    suffix: Affix = ""
    """Printed after each value label, such as `%` or ` bn`."""
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    """Decimals of every value label (default: each series' fewest that print its values exactly)."""


class Entity(Node):
    """A thing the story follows (a country, 'rest of world'): its name and fixed colour in every chart.

    The theme declares some; report.yaml's `entities:` adds its own and overrides the theme's by id.
    """

    label: Plain
    """The entity's name in legends and labels."""
    colour: HexColour
    """Its fixed colour in every chart, as #RRGGBB."""


class ChartSpec(Node):
    """What every chart kind's spec shares: its dataset, title, unit, source, notes and value labels.

    A kind (charts/kinds/, one module each) subclasses this with a `kind: Literal[...]` field, its
    column fields and its options, and lists in `column_fields` the fields that name dataset columns.
    """

    column_fields: ClassVar[tuple[str, ...]] = ()
    """The fields naming the dataset columns the chart reads (a field may hold a list, or None)."""

    dataset: DatasetId
    """The id of the dataset (in `datasets`) the chart draws."""
    title: InlineText
    """The chart's headline: says what the reader should see. Markup and data references allowed."""
    subtitle: InlineText | None = None
    """What is measured, in what unit, when (default: the unit)."""
    unit: Plain | None = None
    """The unit of the values, shown on the axis or in the heading."""
    source: SourceId | None = None
    """A source id, when the chart's source differs from its dataset's."""
    note: InlineText | None = None
    """A note printed under the chart."""
    alt: Plain | None = None
    """Alternative text for screen readers (default: written from the chart's data)."""
    labels: ValueLabels = ValueLabels()
    """How value labels print: prefix, suffix, decimals."""
    native: bool = False
    """Draw as an editable PowerPoint chart in the deck (kinds that have a native form)."""
    where: RowFilter = None
    """Keep only the rows that meet every condition, e.g. {region: Europe, year: {'>=': 2015}}."""
    sort: Annotated[RowSort | None, BeforeValidator(_sort_mapping)] = None
    """Order the rows by a column, `{by: column, order: desc}` (`order`: asc, the default, or desc; missing
    values last), before `top` keeps the first N. A bar chart also takes a shorthand by its value column
    (`descending`, its default); a dumbbell draws the rows kept by start value, a line chart by date or
    number x."""
    top: TopN = None
    """Keep only the first N rows after `where` and `sort`."""
    colors: dict[str, HexColour] = {}
    """Series (a column the chart reads) or category (a value of one) -> colour, over the theme's rule."""

    @field_validator("dataset")
    @classmethod
    def _not_too_many_rows(cls, dataset: str, info: ValidationInfo) -> str:
        return _at_most_rows(dataset, info, MAX_CHART_ROWS, f"a chart shows at most {MAX_CHART_ROWS}")

    @field_validator("sort")
    @classmethod
    def _sort_by_a_column(cls, sort: Any, info: ValidationInfo) -> Any:
        return _check_sort(sort, info)

    @field_validator("*")
    @classmethod
    def _labelled_in_full(cls, columns: Any, info: ValidationInfo) -> Any:
        if info.field_name not in cls.column_fields or columns is None:
            return columns
        table = ValidationContext.get(info).tables.get(info.data.get("dataset"))
        names = [columns] if isinstance(columns, str) else columns
        numeric = [name for name in names if table is not None and table.types[name] in ("number", "integer")]
        for row in table.rows if numeric else ():
            for what, value in cls.labelled(row, [n for n in numeric if row[n] is not None]):
                if abs(value) >= MAX_LABELLED:
                    found = f"{what} is {value:g} for {quoted(row[table.key])}"
                    limit = "charts print numbers in full, so they must be below 1e15 in size"
                    advice = "scale the column (to billions, say) and name the scale in its unit"
                    raise invalid("too_large", f"{limit}; {found}: {advice}")
        return columns

    @classmethod
    def labelled(cls, row: dict[str, Value], columns: list[str]) -> list[tuple[str, float]]:
        """The numbers the chart prints for `row` from these number columns, each with how to name it."""
        return [(quoted(name), row[name]) for name in columns]  # type: ignore[misc]

    def columns(self) -> list[str]:
        """Every dataset column the chart reads."""
        named = (getattr(self, name) for name in self.column_fields)
        return [c for value in named for c in ([value] if isinstance(value, str) else value or ())]

    @model_validator(mode="after")
    def _colours_name_series(self, info: ValidationInfo) -> ChartSpec:
        # After the kind's column fields are read (`colors` is validated before them).
        table = ValidationContext.get(info).tables.get(self.dataset)
        if table is None or not self.colors:
            return self
        names = set(self.columns())
        names |= {str(v) for c in self.columns() if table.types.get(c) == "text" for v in table.column(c)}
        problems = [
            InitErrorDetails(
                type=invalid(
                    "unknown_series",
                    f"{quoted(name)} is neither a column nor a category of the "
                    f"chart{did_you_mean(name, names)}",
                ),
                loc=("colors", name),
                input=name,
            )
            for name in self.colors
            if name not in names
        ]
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self


def _registered_charts(source: Any, handler: GetCoreSchemaHandler) -> Any:
    """The union of every registered chart kind's spec, picked by `kind` (see the module docstring)."""
    from aigap_docs.charts.kinds import specs

    return handler.generate_schema(_choice("kind", *specs()))


Chart = Annotated[ChartSpec, GetPydanticSchema(_registered_charts)]
"""A chart of any registered kind."""


# --- tables -------------------------------------------------------------------------------------------


class TableColumn(Node):
    """One column of a native table: which dataset column, its header, and how its numbers print."""

    column: str
    """Checked against the dataset by the TableSpec, which names it."""
    label: Plain | None = None
    """The header (default: the dataset column's label)."""
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    """Fixed decimals; else the dataset column's `decimals`, else each number as the CSV wrote it."""
    thousands: bool = True
    """Group thousands with commas (off for years and codes)."""
    percent: bool = False
    """The values are already in percent (9.5 means 9.5%): print a '%' after each. Write fractions
    (0.095) as percent in the CSV; nothing is multiplied, so tables, charts and text agree."""
    sign: bool = False
    """A '+' before positive numbers (changes)."""
    prefix: Affix = ""
    """Printed before each number, such as `$`."""
    suffix: Affix = ""
    """Printed after each number, such as ` bn`."""
    unit: Literal["header", "none"] = "header"
    """`header`: the dataset column's unit goes in brackets after the label, unless the label already
    names it; `none`: the header is the label alone (prefix, suffix or percent say the unit)."""

    NUMBER_OPTIONS: ClassVar[tuple[str, ...]] = (
        "decimals",
        "thousands",
        "percent",
        "sign",
        "prefix",
        "suffix",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data


class TableSpec(Node):
    """A native table drawn from a dataset, shared by the deck and the brief."""

    dataset: DatasetId
    """The id of the dataset (in `datasets`) the table prints."""
    title: InlineText
    """The table's title. Markup and data references allowed."""
    columns: Annotated[list[Annotated[TableColumn, _OrText()]], Field(min_length=1)]
    """The columns to print, in order: a dataset column's name, or a mapping with print options."""
    where: RowFilter = None
    """Keep only the rows that meet every condition."""
    sort: RowSort | None = None
    """Order the rows by a column: {by: column, order: asc or desc}."""
    top: TopN = None
    """Keep only the first N rows after `where` and `sort`."""
    sort_by: AnyColumn | None = None
    """The older form of `sort: {by: column, order: desc}` (with `descending`, default true)."""
    descending: bool = True
    """With `sort_by`: largest first (the default)."""
    source: SourceId | None = None
    """A source id, when the table's source differs from its dataset's."""
    note: InlineText | None = None
    """A note printed under the table."""

    @field_validator("dataset")
    @classmethod
    def _not_too_many_rows(cls, dataset: str, info: ValidationInfo) -> str:
        # Every row is laid out in both outputs (the deck too, before it finds the table does not fit).
        limit = f"a table prints at most {MAX_TABLE_ROWS:,}"
        advice = "filter or aggregate the data into a dataset of its own for the table"
        return _at_most_rows(dataset, info, MAX_TABLE_ROWS, f"{limit}: {advice}")

    @field_validator("sort")
    @classmethod
    def _sort_by_a_column(cls, sort: Any, info: ValidationInfo) -> Any:
        return _check_sort(sort, info)

    @property
    def order(self) -> RowSort | None:
        """How the rows are sorted: `sort`, else `sort_by` and `descending`."""
        if self.sort is None and self.sort_by:
            return RowSort(by=self.sort_by, order="desc" if self.descending else "asc")
        return self.sort

    @field_validator("columns")
    @classmethod
    def _columns_of_dataset(cls, columns: list[TableColumn], info: ValidationInfo) -> list[TableColumn]:
        # Here rather than in TableColumn, which has no `dataset` of its own to check against.
        dataset = info.data.get("dataset")
        table = ValidationContext.get(info).tables.get(dataset)
        problems = [
            InitErrorDetails(type=problem, loc=(i, "column"), input=column.column)
            for i, column in enumerate(columns)
            if table is not None and (problem := _column_problem(table, dataset, column.column, False))
        ]
        for i, column in enumerate(columns):
            kind = table.types.get(column.column) if table is not None else None
            for option in [o for o in TableColumn.NUMBER_OPTIONS if o in column.model_fields_set and kind]:
                if kind not in ("number", "integer"):
                    message = f"{option} formats numbers, and column {quoted(column.column)} is {kind}"
                    problems.append(
                        InitErrorDetails(type=invalid("not_a_number", message), loc=(i, option), input=option)
                    )
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return columns


# --- slides -------------------------------------------------------------------------------------------


class Bullet(Node):
    """A bullet, with optional second-level bullets under it."""

    text: InlineText
    """The bullet's text. Markup and data references allowed."""
    sub: list[InlineText] = []
    """Second-level bullets under it."""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, (str, int, float)) else data


class _Slide(Node):
    notes: InlineText | None = None
    """Speaker notes for the slide."""


class TitleSlide(_Slide):
    """The cover: report title, subtitle, date and authors unless overridden."""

    layout: Literal["title"]
    """The cover: the report's title, subtitle, date and authors."""
    title: InlineText | None = None
    """Overrides the report's title on the cover."""
    subtitle: InlineText | None = None
    """Overrides the report's subtitle on the cover."""


class SectionSlide(_Slide):
    """A divider that opens a part of the deck."""

    layout: Literal["section"]
    """A section divider."""
    title: InlineText
    """The section's name."""
    subtitle: InlineText | None = None
    """A line under it."""


class BulletsSlide(_Slide):
    """A headline over up to two levels of bullets."""

    layout: Literal["bullets"]
    """A title over bullets."""
    title: InlineText
    """The slide's title."""
    bullets: Annotated[list[Annotated[Bullet, _OrText()]], Field(min_length=1)]
    """The bullets: text, or {text, sub: [...]}."""


class TakeawaysSlide(_Slide):
    """The report's key findings as bullets (the brief shows the same findings in a box)."""

    layout: Literal["takeaways"]
    """The report's `findings` as bullets."""
    title: InlineText
    """The slide's title."""


class ChartSlide(_Slide):
    """An action headline over one chart that fills the content area."""

    layout: Literal["chart"]
    """One chart across the slide."""
    title: InlineText
    """The slide's title."""
    chart: ChartId
    """The id of the chart (in `charts`)."""


class ChartTextSlide(_Slide):
    """A chart beside a column of text."""

    layout: Literal["chart_text"]
    """A chart beside bullets."""
    title: InlineText
    """The slide's title."""
    chart: ChartId
    """The id of the chart (in `charts`)."""
    bullets: Annotated[list[Annotated[Bullet, _OrText()]], Field(min_length=1)]
    """The bullets beside the chart."""
    chart_side: Literal["left", "right"] = "left"
    """Which side the chart is on."""


class TableSlide(_Slide):
    """An action headline over a native table."""

    layout: Literal["table"]
    """One table across the slide; one too long for it continues on the next slides, titled
    '(continued)', under its header row."""
    title: InlineText
    """The slide's title."""
    table: TableId
    """The id of the table (in `tables`)."""


class BigNumber(Node):
    """A headline figure with what it measures."""

    value: InlineText
    """The number as printed, usually a data reference such as "{investment[US].usd_bn:.1f}B"."""
    label: InlineText
    """What the number is."""
    entity: EntityId | None = None
    """An entity whose colour the number takes."""


class BigNumberSlide(_Slide):
    """Two to four headline figures side by side."""

    layout: Literal["big_number"]
    """Up to four headline numbers."""
    title: InlineText
    """The slide's title."""
    numbers: Annotated[list[BigNumber], Field(min_length=1, max_length=4)]
    """One to four numbers with their labels."""
    text: InlineText | None = None
    """A line under the numbers, such as their sources."""


class SourcesSlide(_Slide):
    """The sources cited, with links; all of the report's sources unless listed."""

    layout: Literal["sources"]
    """The sources, each linked to its address."""
    title: InlineText | None = None
    """The slide's title (default: Sources)."""
    sources: list[SourceId] = []
    """The source ids to list (default: every source, in report order)."""


class ClosingSlide(_Slide):
    """The last slide: a closing message and optional contact line."""

    layout: Literal["closing"]
    """The last slide."""
    title: InlineText
    """The slide's title."""
    text: InlineText | None = None
    """A line under it, such as a contact."""


Slide = _choice(
    "layout",
    TitleSlide,
    SectionSlide,
    BulletsSlide,
    TakeawaysSlide,
    ChartSlide,
    ChartTextSlide,
    TableSlide,
    BigNumberSlide,
    SourcesSlide,
    ClosingSlide,
)


# --- the brief ----------------------------------------------------------------------------------------


class TextBlock(Node):
    text: InlineText
    """A paragraph. Markup and data references allowed."""


class Figure(Node):
    """A chart placed in the brief, numbered "Figure N." with a caption."""

    figure: ChartId
    """The id of the chart (in `charts`) to show."""
    caption: InlineText | None = None
    """The figure's caption, after 'Figure N.'."""


class TableBlock(Node):
    """A table placed in the brief."""

    table: TableId
    """The id of the table (in `tables`) to show."""
    caption: InlineText | None = None
    """A caption instead of the table's title."""


def block(data: Any) -> str | None:
    """Which kind of brief block `data` is (the name shows in pydantic's error context)."""
    if isinstance(data, (str, RichText, TextBlock)):
        kind = "paragraph"
    elif isinstance(data, dict):
        kind = next((k for k in ("figure", "table") if k in data), "")
    else:
        kind = {Figure: "figure", TableBlock: "table"}.get(type(data), "")
    return f"block={kind}" if kind else None


def _paragraph(data: Any) -> Any:
    return {"text": data} if isinstance(data, str) else data


Block = Annotated[
    Union[  # noqa: UP007 (the members are Annotated forms, which `|` does not accept)
        Annotated[Annotated[TextBlock, BeforeValidator(_paragraph), _OrText()], Tag("block=paragraph")],
        Annotated[Figure, Tag("block=figure")],
        Annotated[TableBlock, Tag("block=table")],
    ],
    Discriminator(block),
]


class Section(Node):
    """A headed part of the brief: paragraphs, figures and tables in reading order."""

    heading: InlineText
    """The section's heading."""
    body: Annotated[list[Block], Field(min_length=1)]
    """Paragraphs (text), {figure: chart-id} and {table: table-id}, in order."""


class Brief(Node):
    """The printed brief: a summary, the key findings box, sections, then the sources."""

    summary: InlineText | None = None
    """The opening summary paragraph."""
    findings_title: Plain = "Key findings"
    """The heading of the findings box."""
    sections: Annotated[list[Section], Field(min_length=1)]
    """The brief's sections, in order."""
    sources_title: Plain = "Sources"
    """The heading of the sources list."""


class LayoutChoice(Node):
    """report.yaml's `layouts`: the template layout, by name, to make each kind of slide from, where the
    deck would not find it by itself (names in another language, a layout of its own)."""

    cover: Plain | None = None
    """Title and closing slides."""
    section: Plain | None = None
    """Section dividers."""
    content: Plain | None = None
    """A title and a body: bullets, takeaways, sources, chart and text."""
    title_only: Plain | None = None
    """A title alone: charts, tables, big numbers."""

    def chosen(self) -> dict[str, str]:
        """The keys given, and the layout name each names."""
        return {key: value for key, value in self.model_dump().items() if value}


# --- the report ---------------------------------------------------------------------------------------


class Report(Node):
    """One briefing: metadata, its sources and data, and the deck's and brief's narrative.

    Build one with `from_content`, which validates the content against its data and keeps both.
    """

    model_config = ConfigDict(defer_build=True)  # `charts` is a union of the kinds registered by then

    title: Plain
    """The report's title, on the cover of both outputs."""
    subtitle: Plain | None = None
    """A line under the title."""
    short_title: Plain | None = None
    """A shorter title for slide footers and page headers (default: the title)."""
    date: dt.date
    """The report's date (YYYY-MM-DD): printed, and the documents' date."""
    authors: Annotated[list[Plain], Field(min_length=1)]
    """Who wrote it: people or a team."""
    language: Annotated[str, AfterValidator(_check_language)] = "en"
    """The language of the text, as a tag such as en, de or fr-CA: for screen readers and hyphenation, and
    the decimal and grouping marks every number prints with (de: 1.234,5)."""
    page_size: Literal["A4", "letter"] = "A4"
    """The brief's paper: A4 or letter."""
    keywords: list[Plain] = []
    """Keywords for the documents' properties."""
    logo: ContentPath | None = None
    """A logo image (PNG or JPEG) for the cover and slide corners."""
    template: ContentPath | None = None
    """A PowerPoint template (.pptx or .potx) to build the deck in."""
    layouts: LayoutChoice | None = None
    """Which template layout, by name, makes each kind of slide (when not found by itself)."""
    entities: dict[Id, Entity] = {}
    """Merged over the theme's entities (see `Theme.with_entities`); the loader makes them known ids."""

    sources: Annotated[dict[Id, Source], Field(min_length=1)]
    """Every publication a figure comes from, by id."""
    datasets: dict[Id, Dataset] = {}
    """Every data file, by id, with its columns and source."""
    charts: dict[Id, Chart] = {}
    """Every chart, by id; `kind` chooses the kind."""
    tables: dict[Id, TableSpec] = {}
    """Every table, by id, printed natively in both outputs."""
    findings: list[InlineText] = []
    """The key findings: the deck's takeaways slide and the brief's findings box."""
    slides: list[Slide] = []
    """The deck, in order; `layout` chooses each slide's kind."""
    brief: Brief | None = None
    """The PDF brief: summary and sections."""

    _data: dict[str, DataTable] = PrivateAttr(default_factory=dict)
    _files: dict[str, Path] = PrivateAttr(default_factory=dict)
    _folder: str = PrivateAttr(default="")

    @classmethod
    def from_content(
        cls,
        content: Any,
        context: ValidationContext | None = None,
        *,
        files: Mapping[str, Path] | None = None,
        folder: str = "",
    ) -> Report:
        """The report `content` (report.yaml as plain values) describes, validated and holding its data.

        `context` holds the tables the content is checked against, which the report keeps as its data
        (default: the ids the content declares, and no tables); `files` maps each content path to the
        file it names, and `folder` is the report folder as the user named it. The loader builds reports
        this way, and so can code: both are checked alike. Raises pydantic's ValidationError.
        """
        context = context or ValidationContext.of(content)
        report = cls.model_validate(content, context=context)
        report._data = dict(context.tables)
        report._files = dict(files or {})
        report._folder = folder
        return report

    @property
    def label(self) -> str:
        """The short title, for footers and running heads."""
        return self.short_title or self.title

    @property
    def folder(self) -> str:
        """The report folder as the user named it."""
        return self._folder

    @property
    def slug(self) -> str:
        """The report's id, its folder name: outputs are named <slug>.pptx and <slug>.pdf."""
        return PurePath(self._folder).name or "report"

    def file(self, value: str) -> Path:
        """The file a content path (dataset file, logo, template) names, as the loader resolved it."""
        return self._files[value]

    def files(self) -> list[Path]:
        """Every file the content names, beside report.yaml: what a build reads."""
        return sorted(set(self._files.values()))

    def table(self, dataset_id: str) -> DataTable:
        """The rows of a dataset, as loaded from its CSV file."""
        return self._data[dataset_id]

    def source_of(self, item: ChartSpec | TableSpec) -> Source:
        """The source a chart or table cites: its own, or its dataset's."""
        return self.sources[item.source or self.datasets[item.dataset].source]

    def citation(self, item: ChartSpec | TableSpec) -> str:
        """'Source: <publisher>, <title>, <where in it>': the line under a chart or table."""
        dataset = self.datasets[item.dataset]
        source = self.source_of(item)
        publisher = re.sub(r"\s*\([^()]*\)\s*$", "", source.publisher)  # drop a trailing "(HAI)"
        parts = [publisher, source.title]
        if dataset.where and (item.source is None or item.source == dataset.source):
            parts.append(dataset.where)
        return "Source: " + ", ".join(part for part in parts if part)
