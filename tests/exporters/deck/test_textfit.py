"""Text measurement: Carlito's advance widths, line breaking, and shrinking text until it fits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigap_docs.exporters.deck.textfit import (
    WIDTH_SLACK,
    WORD_SHRINK,
    FitParagraph,
    steps,
    theme_measure,
    with_line_breaks,
    word_steps,
)
from aigap_docs.fonts import load_face
from aigap_docs.model import Run
from aigap_docs.text import url_break_points
from aigap_docs.theme import load_theme

THEME = load_theme()
MEASURE = theme_measure(THEME)


def runs(text: str, bold: bool = False) -> list[Run]:
    return [Run(text=text, bold=bold)]


def test_widths_are_carlitos_advances_scaled_to_the_size():
    # Carlito (like Calibri) sets figures at 1038/2048 em.
    assert MEASURE.width("0", 10) == pytest.approx(10 * 1038 / 2048)
    assert MEASURE.width("00", 10) == pytest.approx(2 * MEASURE.width("0", 10))


def test_bold_text_is_measured_with_the_bold_font():
    assert MEASURE.width("Models", 20, bold=True) > MEASURE.width("Models", 20)


def test_cjk_characters_missing_from_carlito_measure_one_em():
    assert MEASURE.width("中国", 18) == pytest.approx(36)


def test_combining_marks_take_no_width():
    assert MEASURE.width("e\u0301", 12) == pytest.approx(MEASURE.width("e", 12))


def test_single_spacing_is_the_fonts_win_ascent_plus_descent():
    face = load_face(THEME.font_path("regular"))
    assert face.line_height == pytest.approx((1950 + 550) / 2048)
    assert MEASURE.line_height(20, 0.9) == pytest.approx(20 * 0.9 * face.line_height)


def test_text_that_fits_on_a_line_takes_one_line():
    assert MEASURE.lines(runs("Near-parity in performance"), 18, 1000) == (1, False)


def test_lines_break_at_spaces_and_trailing_spaces_take_no_room():
    word = MEASURE.width("word", 18)
    space = MEASURE.width(" ", 18)
    width = (2 * word + space) / WIDTH_SLACK
    assert MEASURE.lines(runs("word word "), 18, width) == (1, False)
    assert MEASURE.lines(runs("word word word"), 18, width) == (2, False)


def test_a_hard_line_break_starts_a_new_line():
    assert MEASURE.lines(runs("one\ntwo"), 18, 1000) == (2, False)


def test_cjk_text_breaks_between_characters():
    assert MEASURE.lines(runs("中" * 10), 10, 52) == (2, False)


def test_a_word_wider_than_the_line_is_broken_and_reported():
    lines, broken = MEASURE.lines(runs("incomprehensibilities"), 18, 60)
    assert lines > 1 and broken


def test_text_goes_below_its_smallest_size_just_far_enough_for_a_word_wider_than_the_line():
    # google-slides-otelo, slide 4: "Performanc/e" at the display role's smallest size, 28 pt.
    word = "Performance"
    width = MEASURE.width(word, 25, bold=True) / WIDTH_SLACK + 0.5
    fit = MEASURE.fit([FitParagraph(tuple(runs(word, bold=True)))], (width, 500), (42, 28))
    assert (fit.size, fit.lines, fit.fits) == (25, 1, True)


def test_text_goes_below_its_smallest_size_for_no_other_reason():
    fit = MEASURE.fit([FitParagraph(tuple(runs("word " * 200)))], (200, 40), (18, 12))
    assert fit.size == 12


def test_a_word_that_needs_more_than_the_word_shrink_breaks_at_the_smallest_size_and_does_not_fit():
    word = "incomprehensibilities"
    width = MEASURE.width(word, 28 * WORD_SHRINK) / WIDTH_SLACK - 1
    fit = MEASURE.fit([FitParagraph(tuple(runs(word)))], (width, 500), (42, 28))
    assert (fit.size, fit.fits) == (28, False)


def test_word_steps_go_a_point_apart_down_to_the_word_shrink():
    assert word_steps(28) == [27, 26, 25, 24, 23, 22, 21]
    assert word_steps(9) == [8, 7]


URL = "https://hai.stanford.edu/ai-index/2025-ai-index-report/technical-performance?chapter=2&figure=2.1.4"


def test_a_url_wider_than_the_line_breaks_only_where_url_break_points_allows_and_is_no_broken_word():
    width = MEASURE.width(URL, 12) / 3
    lines, broken = MEASURE.lines([Run(text=URL, href=URL)], 12, width)
    cuts = MEASURE.url_cuts([Run(text=URL, href=URL)], 12, width)
    assert not broken and lines == len(cuts) + 1 >= 3
    assert set(cuts) <= set(url_break_points(URL))
    for a, b in zip([0, *cuts], [*cuts, len(URL)], strict=True):
        assert MEASURE.width(URL[a:b], 12) <= width * WIDTH_SLACK


def test_a_url_that_fits_its_line_is_not_cut():
    assert MEASURE.url_cuts([Run(text=URL)], 12, MEASURE.width(URL, 12) / WIDTH_SLACK + 1) == []


def test_a_word_that_is_no_url_still_breaks_letter_by_letter_and_is_reported():
    word = URL.replace("https://", "").replace("/", "x")
    assert MEASURE.lines(runs(word), 12, MEASURE.width(word, 12) / 3)[1]
    assert MEASURE.url_cuts(runs(word), 12, MEASURE.width(word, 12) / 3) == []


def test_a_url_after_other_runs_is_cut_at_offsets_of_the_joined_text_and_keeps_its_link():
    shown = (Run(text="Source: ", bold=True), Run(text=URL, href=URL))
    width = MEASURE.width(URL, 12) / 2
    cuts = MEASURE.url_cuts(shown, 12, width)
    assert cuts and all(cut - len("Source: ") in url_break_points(URL) for cut in cuts)
    label, url = with_line_breaks(shown, cuts)
    assert label == shown[0]
    assert url.href == URL and url.text.replace("\n", "") == URL and url.text.count("\n") == len(cuts)
    assert MEASURE.lines([label, url], 12, width) == MEASURE.lines(shown, 12, width)


def test_the_gap_above_a_paragraph_counts_except_above_the_first():
    one = FitParagraph(tuple(runs("a")), space_before=1.0)
    height, lines, _ = MEASURE.height([one, one], 10, 100)
    assert lines == 2
    assert height == pytest.approx(2 * MEASURE.line_height(10) + 10)


def test_fit_takes_the_largest_size_that_fits():
    text = [FitParagraph(tuple(runs("The US lead narrowed on every benchmark")))]
    width = MEASURE.width("The US lead narrowed on every benchmark", 20) / WIDTH_SLACK + 1
    fit = MEASURE.fit(text, (width, 100), (28, 14), max_lines=1)
    assert (fit.size, fit.lines, fit.fits) == (20, 1, True)


def test_fit_gives_the_smallest_size_and_says_so_when_nothing_fits():
    fit = MEASURE.fit([FitParagraph(tuple(runs("word " * 200)))], (200, 40), (18, 12))
    assert (fit.size, fit.fits) == (12, False)


def test_sizes_are_tried_a_point_apart_down_to_the_smallest():
    assert steps(28, 20) == [28, 27, 26, 25, 24, 23, 22, 21, 20]
    assert steps(11.5, 9) == [11.5, 10.5, 9.5, 9]


@given(st.text(alphabet="ab 中\n", max_size=60), st.floats(20, 400), st.floats(0, 200))
def test_more_room_never_takes_more_lines(text, width, extra):
    narrow, _ = MEASURE.lines(runs(text), 12, width)
    wide, _ = MEASURE.lines(runs(text), 12, width + extra)
    assert wide <= narrow


@given(st.text(alphabet="abc XYZ 12.%$", max_size=120), st.floats(60, 600), st.floats(20, 300))
def test_fitted_text_is_never_taller_than_its_box(text, width, height):
    fit = MEASURE.fit([FitParagraph(tuple(runs(text)))], (width, height), (28, 10))
    if fit.fits:
        assert MEASURE.height([FitParagraph(tuple(runs(text)))], fit.size, width)[0] <= height
