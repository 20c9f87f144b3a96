"""Inline text: data references resolve by a small grammar, markup becomes runs, nothing else is special."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigap_docs.model import Run
from aigap_docs.text import format_number, parse_inline

DATA = {
    ("benchmarks", "MMLU", "gap_2024"): 0.3,
    ("benchmarks", "MMLU", "name"): "MMLU*",
    ("n", "US", "count"): 1073,
    ("n", "US", "change"): -1.9,
}


def lookup(dataset: str, key: str, column: str):
    try:
        return DATA[(dataset, key, column)]
    except KeyError:
        raise ValueError(f"no value for {dataset}[{key}].{column}") from None


def test_a_reference_is_replaced_by_its_value():
    assert parse_inline("gap {benchmarks[MMLU].gap_2024} pp", lookup).plain == "gap 0.3 pp"


@pytest.mark.parametrize(
    ("spec", "expected"), [(".1f", "0.3"), (".2f", "0.30"), (".0f", "0"), (",", "0.3"), (",.1f", "0.3")]
)
def test_a_reference_can_carry_a_number_format(spec, expected):
    assert parse_inline(f"{{benchmarks[MMLU].gap_2024:{spec}}}", lookup).plain == expected


def test_grouping_applies_to_whole_numbers():
    assert parse_inline("{n[US].count:,}", lookup).plain == "1,073"


def test_a_substituted_value_is_plain_text_even_if_it_looks_like_markup():
    assert parse_inline("{benchmarks[MMLU].name}*", lookup).runs == (Run(text="MMLU**"),)


@pytest.mark.parametrize(
    "text",
    [
        "{x.__class__}",
        "{benchmarks[MMLU].gap_2024.__class__}",
        "{0}",
        "{}",
        "{benchmarks}",
        "{__import__('os')}",
    ],
)
def test_anything_but_the_reference_grammar_is_an_error(text):
    with pytest.raises(ValueError, match="bad data reference"):
        parse_inline(text, lookup)


@pytest.mark.parametrize("spec", ["!r", ".1%", "d", ".10f", "x>10"])
def test_format_specs_outside_the_small_language_are_errors(spec):
    with pytest.raises(ValueError, match="bad number format"):
        parse_inline(f"{{benchmarks[MMLU].gap_2024:{spec}}}", lookup)


def test_a_number_format_on_text_is_an_error():
    with pytest.raises(ValueError, match="but it is text"):
        parse_inline("{benchmarks[MMLU].name:.1f}", lookup)


def test_the_lookup_error_is_passed_on():
    with pytest.raises(ValueError, match=r"no value for benchmarks\[MATH\]"):
        parse_inline("{benchmarks[MATH].gap_2024}", lookup)


def test_doubled_braces_are_literal_braces():
    assert parse_inline("{{not a reference}} and }", lookup).plain == "{not a reference} and }"


def test_bold_italic_and_links_become_runs():
    runs = parse_inline("a **b** *c* [d](https://example.org/x)").runs
    assert runs == (
        Run(text="a "),
        Run(text="b", bold=True),
        Run(text=" "),
        Run(text="c", italic=True),
        Run(text=" "),
        Run(text="d", href="https://example.org/x"),
    )


def test_nested_styles_combine():
    assert parse_inline("***both***").runs == (Run(text="both", bold=True, italic=True),)


@pytest.mark.parametrize(
    "text", ["<b>bold?</b> & &amp; </para>", "数据 显示 — ملخص", "emoji 🚀 ok", "a < b > c", "x" * 500]
)
def test_html_entities_and_unicode_are_plain_text(text):
    assert parse_inline(text).plain == text


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_are_errors_because_documents_cannot_hold_them(char):
    with pytest.raises(ValueError, match="control character"):
        parse_inline(f"a{char}b")


def test_unsafe_link_targets_are_errors():
    with pytest.raises(ValueError, match="'javascript:alert\\(1\\)' is not a web or mail address"):
        parse_inline("[x](javascript:alert(1))")


def test_a_line_break_in_yaml_text_reads_as_a_space():
    assert parse_inline("one\ntwo").plain == "one two"


@given(st.text(alphabet=st.characters(blacklist_characters="{}*_[]\\`", blacklist_categories=("Cs", "Cc"))))
def test_text_without_markup_characters_reads_back_unchanged(text):
    assert parse_inline(text).plain == text


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        (109.08, {}, "109.08"),
        (40.0, {}, "40"),
        (1073, {}, "1,073"),
        (1073, {"grouping": False}, "1073"),
        (1234.5, {}, "1,234.5"),
        (9.29, {"decimals": 1}, "9.3"),
        (122511, {"decimals": 0}, "122,511"),
        (-1.9, {}, "\u22121.9"),
        (-1.9, {"decimals": 1, "prefix": "$", "suffix": "B"}, "\u2212$1.9B"),
        (27.94, {"decimals": 1, "sign": True}, "+27.9"),
        (-27.94, {"decimals": 1, "sign": True}, "\u221227.9"),
        (-0.04, {"decimals": 1, "sign": True}, "0.0"),
        (9.3, {"suffix": "%"}, "9.3%"),
    ],
)
def test_every_number_prints_by_one_rule_with_explicit_options(value, options, expected):
    assert format_number(value, **options) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("{n[US].count}", "1073"), ("{n[US].count:,}", "1,073"), ("{n[US].change:.1f}", "\u22121.9")],
)
def test_a_reference_prints_ungrouped_unless_asked_and_with_a_true_minus_sign(text, expected):
    assert parse_inline(text, lookup).plain == expected


@given(st.floats(-1e12, 1e12), st.integers(0, 3))
def test_a_number_and_its_negative_differ_only_by_the_minus_sign(value, decimals):
    positive = format_number(abs(value), decimals=decimals)
    assert format_number(-abs(value), decimals=decimals) in (positive, "\u2212" + positive)


@pytest.mark.parametrize(
    "target",
    [
        "smb://files.example.org/x",
        "ms-msdt:/id PCWDiagnostic",
        "../x",
        "/etc/passwd",
        "//example.org/x",
        "file:///etc/passwd",
        "vbscript:x",
        "data:text/html,x",
        "JavaScript:x",
        "",
        "https:example.org",
    ],
)
def test_a_link_may_open_only_a_web_or_mail_address(target):
    with pytest.raises(ValueError, match="is not a web or mail address"):
        parse_inline(f"see [this](<{target}>)")


@pytest.mark.parametrize(
    ("target", "written"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("mailto:team@example.org", "mailto:team@example.org"),
        ("https://bücher.example/ä b", "https://xn--bcher-kva.example/%C3%A4%20b"),
    ],
)
def test_a_web_or_mail_link_is_checked_as_the_outputs_will_carry_it(target, written):
    assert parse_inline(f"[x](<{target}>)").runs == (Run(text="x", href=written),)
