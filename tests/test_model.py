"""The content model on its own: format-neutral, usable without the loader's context."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from aigap_docs.model import DataTable, Report, ValidationContext

MINIMAL = {
    "title": "T",
    "date": "2026-01-01",
    "authors": ["A"],
    "sources": {"s": {"title": "S", "publisher": "P", "url": "https://example.org"}},
    "slides": [
        {"layout": "title"},
        {"layout": "bullets", "title": "B", "bullets": ["one", {"text": "two", "sub": ["2a"]}]},
    ],
    "brief": {"sections": [{"heading": "H", "body": ["Para **bold**."]}]},
}


def test_a_report_validates_without_a_loader_context_leaving_text_unparsed():
    report = Report.model_validate(MINIMAL)
    assert report.label == "T"
    assert report.slides[1].bullets[1].sub[0].plain == "2a"
    assert report.brief.sections[0].body[0].text.plain == "Para **bold**."  # markup is parsed by the loader


def test_nodes_built_in_code_have_no_source_reference():
    assert Report.model_validate(MINIMAL).ref is None


def test_reports_are_immutable():
    report = Report.model_validate(MINIMAL)
    with pytest.raises(ValidationError):
        report.title = "changed"


@pytest.mark.parametrize(
    "layout",
    [
        "title",
        "section",
        "bullets",
        "takeaways",
        "chart",
        "chart_text",
        "table",
        "big_number",
        "sources",
        "closing",
    ],
)
def test_every_slide_layout_is_known(layout):
    with pytest.raises(ValidationError) as caught:
        Report.model_validate({**MINIMAL, "slides": [{"layout": layout, "unexpected": 1}]})
    assert {"extra_forbidden"} <= {e["type"] for e in caught.value.errors()}


def test_the_model_imports_no_renderer_or_cli():
    script = "import sys, aigap_docs.model; print([m for m in ('matplotlib', 'reportlab', 'pptx', 'click') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "a\x01b"), ("subtitle", "\x7f"), ("authors", ["A", "B\x1b"]), ("keywords", ["\ufffe"])],
)
def test_plain_text_fields_refuse_control_characters(field, value):
    with pytest.raises(ValidationError, match="control character U\\+"):
        Report.model_validate({**MINIMAL, field: value})


def test_plain_text_writes_every_line_break_as_a_newline():
    # python-pptx writes a carriage return as the literal text "_x000D_".
    assert Report.model_validate({**MINIMAL, "title": "one\r\ntwo\rthree"}).title == "one\ntwo\nthree"


@pytest.mark.parametrize("url", ["ms-msdt:/id", "smb://files.example.org/x", "/etc/passwd", "../x"])
def test_a_source_url_follows_the_one_rule_for_links(url):
    with pytest.raises(ValidationError, match="is not a web or mail address"):
        Report.model_validate({**MINIMAL, "sources": {"s": {"title": "S", "publisher": "P", "url": url}}})


def test_a_source_url_may_be_a_mail_address():
    sources = {"s": {"title": "S", "publisher": "P", "url": "mailto:data@example.org"}}
    assert (
        Report.model_validate({**MINIMAL, "sources": sources}).sources["s"].url == "mailto:data@example.org"
    )


def _table_of(rows: int) -> ValidationContext:
    data = DataTable(types={"k": "text"}, rows=tuple({"k": str(i)} for i in range(rows)), key="k")
    return ValidationContext(tables={"d": data})


def test_a_table_prints_at_most_max_table_rows_in_either_output():
    from aigap_docs.limits import MAX_TABLE_ROWS
    from aigap_docs.model import TableSpec

    spec = {"dataset": "d", "title": "T", "columns": ["k"]}
    assert TableSpec.model_validate(spec, context=_table_of(MAX_TABLE_ROWS)).dataset == "d"
    with pytest.raises(ValidationError, match=f"has {MAX_TABLE_ROWS + 1:,} rows; a table prints at most"):
        TableSpec.model_validate(spec, context=_table_of(MAX_TABLE_ROWS + 1))


# --- a report built in code ---------------------------------------------------------------------------

COUNTS = DataTable(
    types={"country": "text", "models": "integer"},
    rows=({"country": "US", "models": 40}, {"country": "China", "models": 15}),
    key="country",
)
WITH_DATA = {
    **MINIMAL,
    "datasets": {
        "counts": {
            "file": "data/counts.csv",
            "source": "s",
            "columns": {"country": {"type": "text"}, "models": {"type": "integer"}},
        }
    },
    "charts": {
        "c": {"kind": "bar", "dataset": "counts", "title": "C", "category": "country", "value": "models"}
    },
    "tables": {"t": {"dataset": "counts", "title": "T", "columns": ["country", "models"]}},
}


def test_a_report_built_in_code_carries_the_data_it_was_checked_against():
    report = Report.from_content(
        WITH_DATA, ValidationContext.of(WITH_DATA, tables={"counts": COUNTS}), folder="x/r"
    )
    assert report.table("counts") is COUNTS
    assert (report.folder, report.slug) == ("x/r", "r")


@pytest.mark.parametrize(
    ("where", "edit", "message"),
    [
        (
            "charts.c.value",
            {"value": "model"},
            "dataset 'counts' has no column 'model' (did you mean 'models'?)",
        ),
        ("charts.c.category", {"category": "land"}, "dataset 'counts' has no column 'land'"),
        ("charts.c.source", {"source": "nope"}, "unknown source 'nope'"),
        ("charts.c.dataset", {"dataset": "count"}, "unknown dataset 'count' (did you mean 'counts'?)"),
    ],
)
def test_a_report_built_in_code_is_checked_as_the_loader_checks_one(where, edit, message):
    content = {**WITH_DATA, "charts": {"c": {**WITH_DATA["charts"]["c"], **edit}}}
    with pytest.raises(ValidationError) as caught:
        Report.from_content(content, ValidationContext.of(content, tables={"counts": COUNTS}))
    [error] = caught.value.errors()
    assert ".".join(str(part) for part in error["loc"] if "=" not in str(part)) == where
    assert error["msg"] == message


def test_a_tables_columns_are_checked_against_its_dataset_without_changing_the_context():
    content = {
        **WITH_DATA,
        "tables": {"t": {"dataset": "counts", "title": "T", "columns": ["country", "modles"]}},
    }
    context = ValidationContext.of(content, tables={"counts": COUNTS})
    with pytest.raises(ValidationError) as caught:
        Report.from_content(content, context)
    [error] = caught.value.errors()
    assert error["loc"] == ("tables", "t", "columns", 1, "column")
    assert error["msg"] == "dataset 'counts' has no column 'modles' (did you mean 'models'?)"
    assert context == ValidationContext.of(content, tables={"counts": COUNTS})


def test_a_prefix_or_suffix_keeps_its_spaces_where_other_text_is_trimmed():
    from aigap_docs.model import TableColumn, ValueLabels

    assert ValueLabels(prefix="US$ ", suffix=" bn").model_dump() == {
        "prefix": "US$ ",
        "suffix": " bn",
        "decimals": None,
    }
    column = TableColumn.model_validate({"column": " gdp ", "suffix": " bn", "label": " GDP "})
    assert (column.column, column.label, column.suffix) == ("gdp", "GDP", " bn")
