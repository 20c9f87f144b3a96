"""Where a URL may break across lines (text.url_break_points), the rule the brief and the deck share."""

from __future__ import annotations

import pytest

from aigap_docs.text import url_break_points


def pieces(url: str) -> list[str]:
    points = url_break_points(url)
    return [url[a:b] for a, b in zip([0, *points], [*points, len(url)], strict=True)]


def test_a_url_breaks_after_its_scheme_and_before_each_dot_slash_hyphen_and_underscore():
    assert pieces("https://data.example.org/a-b/c_d.csv") == [
        "https://",
        "data",
        ".example",
        ".org",
        "/a",
        "-b",
        "/c",
        "_d",
        ".csv",
    ]


def test_a_query_breaks_before_its_question_mark_and_on_both_sides_of_equals_and_ampersand():
    assert pieces("https://a.org/x?k=1&v=2") == [
        "https://",
        "a",
        ".org",
        "/x",
        "?k",
        "=",
        "1",
        "&",
        "v",
        "=",
        "2",
    ]


@pytest.mark.parametrize("url", ["https://a.org//x", "https://a.org/x--y"])
def test_a_doubled_mark_is_never_split(url):
    assert all(not (url[i - 1] == url[i] and url[i] in "/-") for i in url_break_points(url))


def test_a_mail_address_breaks_after_mailto_and_before_its_dots():
    assert pieces("mailto:ada@example.org") == ["mailto:", "ada@example", ".org"]


def test_the_tail_of_a_broken_url_breaks_by_the_same_rule_and_never_at_its_start():
    assert pieces("/2025/annual-report.pdf") == ["/2025", "/annual", "-report", ".pdf"]


@pytest.mark.parametrize("word", ["", "/", "https://", "abc"])
def test_a_word_with_no_marks_inside_has_no_break(word):
    assert url_break_points(word) == []
