"""Numbers print with the decimal and grouping symbols of the report's language: in tables, the
pictures' labels and ticks, alt text, and data references; English never imports Babel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aigap_docs.text import MINUS, NumberSymbols, format_number, format_reference, number_symbols

from .conftest import ROOT, edit

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("language", "decimal", "group"),
    [
        ("en", ".", ","),
        ("en-US", ".", ","),
        ("en-GB", ".", ","),
        ("de", ",", "."),
        ("fr", ",", NNBSP),
        ("fr-CA", ",", "\u00a0"),
        ("de-CH-1996", ".", None),  # de-CH: a variant Babel does not know is read as its region
        ("xx", ".", ","),  # no language Babel knows: English, without an error
        ("de-QQ", ",", "."),  # a region Babel does not know: its language's symbols
    ],
)
def test_a_language_has_cldr_symbols_and_unknown_ones_fall_back(language, decimal, group):
    symbols = number_symbols(language)
    assert symbols.decimal == decimal
    assert symbols.group == group or (group is None and symbols.group in ("'", "\u2019"))


@pytest.mark.parametrize(
    ("language", "value", "options", "expected"),
    [
        ("de", 1234.5, {"decimals": 1}, "1.234,5"),
        ("de", -1234567.25, {"decimals": 2}, f"{MINUS}1.234.567,25"),
        ("de", 1234.5, {"decimals": 1, "grouping": False}, "1234,5"),
        ("de", 1234.5, {}, "1.234,5"),
        ("de", 0.04, {"decimals": 1, "sign": True}, "0,0"),
        ("de", -0.04, {"decimals": 1}, "0,0"),
        ("de", 9.3, {"decimals": 1, "prefix": "$", "suffix": " %"}, "$9,3 %"),
        ("de", 5, {"sign": True}, "+5"),
        ("fr", 1234.5, {"decimals": 1}, f"1{NNBSP}234,5"),
        ("fr", -1234, {"suffix": "\u00a0%"}, f"{MINUS}1{NNBSP}234\u00a0%"),
        ("de-CH", 1234.5, {"decimals": 1}, "1{group}234.5"),
        ("en", 1234.5, {"decimals": 1}, "1,234.5"),
        ("en", -1234, {"prefix": "$"}, f"{MINUS}$1,234"),
        ("en", 0.0, {"decimals": 2}, "0.00"),
    ],
)
def test_format_number_prints_the_languages_symbols(language, value, options, expected):
    symbols = number_symbols(language)
    printed = format_number(value, symbols=symbols, **options)
    assert printed == expected.format(group=symbols.group)


def test_format_number_is_english_unless_told():
    assert format_number(-1234.5, decimals=1) == f"{MINUS}1,234.5"
    assert format_number(1234.5, symbols=NumberSymbols(decimal="·", group=" ")) == "1 234·5"


def test_a_reference_spec_is_written_the_english_way_and_printed_in_the_language():
    german = number_symbols("de")
    assert format_reference(1234.5, ",.1f", "{x[a].b:,.1f}", german) == "1.234,5"
    assert format_reference(1234.5, None, "{x[a].b}", german) == "1234,5"  # as written, ungrouped
    assert format_reference("1.5 text", None, "{x[a].b}", german) == "1.5 text"  # text stays as written


# --- a German copy of the minimal report --------------------------------------------------------------


def _report_in(minimal_copy: Path, language: str) -> Path:
    """The minimal report in `language`, the United States' investment at 1234.5 (bn), referenced in a
    finding and a slide's bullet with grouping."""
    edit(minimal_copy, "language: en", f"language: {language}")
    edit(
        minimal_copy,
        "United States,North America,109.1",
        "United States,North America,1234.5",
        "data/investment.csv",
    )
    edit(
        minimal_copy,
        "China attracted ${investment[China].investment_2024:.1f} bn",
        "The US attracted ${investment[United States].investment_2024:,.1f} bn",
    )
    return minimal_copy


def _drawn_texts(report, theme, chart_id: str) -> list[str]:
    from aigap_docs.charts.draw import draw

    figure = draw(report.charts[chart_id], report, theme, (7.0, 4.5), "deck", "embedded")
    artists = [*figure.texts, *(text for ax in figure.axes for text in ax.texts)]
    return [artist.get_text() for artist in artists]


@pytest.mark.parametrize(("language", "number"), [("de", "1.234,5"), ("en", "1,234.5")])
def test_the_reports_numbers_print_in_its_language(minimal_copy, language, number):
    from aigap_docs.charts.alt import alt_text
    from aigap_docs.pipeline import load
    from aigap_docs.tables import table_view

    report, theme = load(_report_in(minimal_copy, language))

    assert [row[2] for row in table_view(report, "investment-table").rows][0] == number
    assert f"${number} bn" in report.findings[1].plain
    assert f"${number}bn" in alt_text(report, "investment-bar")
    assert f"${number}bn" in _drawn_texts(report, theme, "investment-bar")


def test_a_charts_axis_numbers_print_in_its_language(minimal_copy):
    from aigap_docs.pipeline import load

    folder = _report_in(minimal_copy, "de")
    edit(folder, 'labels: {prefix: "$", suffix: bn, decimals: 1}', "value_labels: false")
    report, theme = load(folder)

    texts = _drawn_texts(report, theme, "investment-bar")
    assert "1.000" in texts  # an axis number, grouped the German way
    assert not [text for text in texts if "," in text and text[0].isdigit()]


def test_a_german_report_builds_with_german_numbers_on_its_slides(minimal_copy, tmp_path, run_cli):
    from pptx import Presentation

    folder = _report_in(minimal_copy, "de")
    result = run_cli("-q", "--report", str(folder), "--output", str(tmp_path / "out"), "build")
    assert result.exit_code == 0, result.output

    deck = Presentation(str(tmp_path / "out" / "minimal.pptx"))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            elif shape.has_text_frame:
                texts.append(shape.text_frame.text)
    assert "1.234,5" in texts  # the table's cell
    assert any("$1.234,5 bn" in text for text in texts)  # a data reference in a bullet


# --- English never imports Babel ----------------------------------------------------------------------

_BUILD = """
import sys
from aigap_docs.cli import cli
cli.main(["-q", "--report", sys.argv[1], "--output", sys.argv[2], "build", "--jobs", "1"], standalone_mode=False)
print("babel" in sys.modules)
"""


@pytest.mark.parametrize(("language", "imports_babel"), [("en", False), ("en-US", False), ("de", True)])
def test_an_english_build_does_not_import_babel(minimal_copy, tmp_path, language, imports_babel):
    # A fresh interpreter: this one may have imported Babel for an earlier test.
    folder = _report_in(minimal_copy, language)
    found = subprocess.run(
        [sys.executable, "-c", _BUILD, str(folder), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(found.stdout.splitlines()[-1].lower()) is imports_babel


def test_a_dumbbells_values_and_changes_print_in_its_language(minimal_copy):
    from aigap_docs.pipeline import load

    folder = _report_in(minimal_copy, "de")
    edit(folder, "United States,61,40", "United States,61.5,40", "data/models.csv")
    report, theme = load(folder)

    texts = _drawn_texts(report, theme, "models-change")
    assert {"61,5", f"{MINUS}21,5 models"} <= set(texts)


def test_a_chart_drawn_in_one_language_is_not_reused_for_another(minimal_copy):
    from aigap_docs.charts import ChartRequest, cache_key
    from aigap_docs.pipeline import load

    english, theme = load(minimal_copy)
    edit(minimal_copy, "language: en", "language: de")
    german, _ = load(minimal_copy)

    request = ChartRequest("investment-bar", (7.0, 4.5))
    assert cache_key(english, theme, request) != cache_key(german, theme, request)
