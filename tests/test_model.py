"""The content model on its own: format-neutral, usable without the loader's context."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from aigap_docs.model import Report

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


def _table_of(rows: int) -> dict:
    from aigap_docs.model import Table

    data = Table(types={"k": "text"}, rows=tuple({"k": str(i)} for i in range(rows)), key="k")
    return {"tables": {"d": data}}


def test_a_table_prints_at_most_max_table_rows_in_either_output():
    from aigap_docs.limits import MAX_TABLE_ROWS
    from aigap_docs.model import TableSpec

    spec = {"dataset": "d", "title": "T", "columns": ["k"]}
    assert TableSpec.model_validate(spec, context=_table_of(MAX_TABLE_ROWS)).dataset == "d"
    with pytest.raises(ValidationError, match=f"has {MAX_TABLE_ROWS + 1:,} rows; a table prints at most"):
        TableSpec.model_validate(spec, context=_table_of(MAX_TABLE_ROWS + 1))
