"""Tables: cells print as format_number prints them, and one column-width rule lays out both outputs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigap_docs.model import RichText
from aigap_docs.tables import TableView, column_widths, format_cell, share_width


def view(headers: list[str], rows: list[list[str]], numeric: list[bool]) -> TableView:
    return TableView(RichText.plain_text("T"), headers, rows, numeric, None, "")


def letters(text: str, head: bool) -> float:
    """A measure of 1 a letter, 2 a letter in the header, and 1 of padding."""
    return len(text) * (2 if head else 1) + 1


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1073, None, "1,073"),
        (-1.9, None, "\u22121.9"),
        (-0.04, 1, "0.0"),
        (9.29, 1, "9.3"),
        ("US$ billions", None, "US$ billions"),
        (dt.date(2024, 5, 1), None, "2024-05-01"),
    ],
)
def test_a_cell_prints_numbers_grouped_with_a_true_minus_and_dates_in_iso_form(value, decimals, expected):
    assert format_cell(value, decimals) == expected


def test_a_table_that_fits_on_one_line_a_row_is_widened_in_proportion():
    assert share_width([100, 50, 50], [40, 50, 20], 400) == [200, 100, 100]


def test_a_table_too_wide_shares_the_room_beyond_each_columns_longest_word():
    widths = share_width([300, 100, 50], [100, 60, 50], 300)
    share = (300 - 210) / (450 - 210)  # the room left after the minimums, over what they would like more
    assert widths == pytest.approx([100 + 200 * share, 60 + 40 * share, 50])


def test_a_very_long_word_may_claim_only_its_share_and_then_breaks():
    widths = share_width([1200, 80], [1100, 40], 400)
    assert widths[0] <= 400 - 40 and widths[1] >= 40


def test_when_even_the_longest_words_do_not_fit_they_are_scaled_down():
    widths = share_width([50, 50, 50], [40, 30, 40], 100)
    assert widths == pytest.approx([w * 100 / 110 for w in (40, 30, 40)])


@given(
    st.lists(st.tuples(st.floats(1, 2000), st.floats(1, 2000)), min_size=1, max_size=8),
    st.floats(50, 600),
)
def test_columns_always_fill_the_width_exactly(columns, width):
    natural, minimum = zip(*columns, strict=True)
    widths = share_width(natural, minimum, width)
    assert sum(widths) == pytest.approx(width)
    assert all(w > 0 for w in widths)


def test_a_text_column_may_wrap_to_its_longest_word_but_a_number_column_never_wraps():
    table = view(["Name", "N"], [["a long name here", "1,234,567"]], [False, True])
    # natural: 17 and 10; minimum: the longest word "Name" in the header (9), and the whole number (10)
    assert column_widths(table, letters, 25) == pytest.approx([9 + 8 * 6 / 8, 10])


def test_the_header_is_measured_in_its_own_font():
    table = view(["Country"], [["US"]], [False])
    assert column_widths(table, letters, 100) == [100]
    assert column_widths(table, letters, 10) == pytest.approx([10])  # 15 wanted: the header breaks


@given(st.floats(0.5, 20), st.floats(10, 200))
def test_a_table_is_laid_out_the_same_way_at_any_scale(scale, width):
    """The deck and the brief measure in different units and fonts; given widths in proportion, their
    layouts are in proportion too."""
    table = view(
        ["Indicator", "Unit", "US"], [["Private AI investment", "US$ billions", "1.5"]], [False, False, True]
    )
    base = column_widths(table, letters, width)
    scaled = column_widths(table, lambda text, head: letters(text, head) * scale, width * scale)
    assert scaled == pytest.approx([w * scale for w in base])


# --- per-column formats (issue 14) ---------------------------------------------------------------------


@pytest.fixture
def folder(starter):
    return starter


def with_columns(folder, columns: str, csv: str | None = None) -> None:
    path = folder / "report.yaml"
    text = path.read_text()
    old = "    columns: [region, value_2023, value_2024]"
    assert old in text
    path.write_text(
        text.replace(old, "    columns:\n" + "".join(f"      - {c}\n" for c in columns.splitlines()))
    )
    if csv is not None:
        (folder / "data" / "example.csv").write_text(csv)


def cells(folder) -> list[list[str]]:
    from aigap_docs.loader import load_report
    from aigap_docs.tables import table_view

    view = table_view(load_report(folder), "example-table")
    return [view.headers, *view.rows]


CSV = "region,value_2023,value_2024\nRegion A,9.5,1234.5\nRegion B,10,-3.25\nRegion C,0.05,0\n"


def test_table_columns_format_decimals_thousands_sign_prefix_and_suffix(folder):
    with_columns(
        folder,
        "region\n{column: value_2023, decimals: 1, percent: true, unit: none}\n"
        "{column: value_2024, decimals: 2, thousands: false, sign: true, prefix: $, suffix: bn}",
        CSV,
    )
    assert cells(folder) == [
        ["Region", "2023", "2024 (units)"],
        ["Region A", "9.5%", "+$1234.50bn"],
        ["Region B", "10.0%", "\u2212$3.25bn"],
        ["Region C", "0.1%", "$0.00bn"],
    ]


def test_a_dataset_columns_decimals_are_the_tables_default(folder):
    path = folder / "report.yaml"
    path.write_text(path.read_text().replace('label: "2023"}', 'label: "2023", decimals: 2}'))
    with_columns(folder, "region\nvalue_2023\n{column: value_2024, decimals: 0}", CSV)
    assert [row[1:] for row in cells(folder)[1:]] == [["9.50", "1,234"], ["10.00", "\u22123"], ["0.05", "0"]]


@pytest.mark.parametrize(
    ("label", "header"),
    [
        ("Value", "Value (units)"),
        ("Value (Units)", "Value (Units)"),  # a label that names the unit does not get it twice
        ("Units of value", "Units of value"),
    ],
)
def test_the_unit_goes_into_the_header_once(folder, label, header):
    with_columns(folder, f"region\n{{column: value_2023, label: '{label}'}}")
    assert cells(folder)[0][1] == header


def test_number_formats_on_a_text_column_are_a_located_error(folder):
    from aigap_docs.errors import ContentError
    from aigap_docs.loader import load_report

    with_columns(folder, "{column: region, decimals: 1, sign: true}\nvalue_2023")
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    assert [f"{p.field}: {p.message}" for p in caught.value.problems] == [
        "tables.example-table.columns[0].decimals: decimals formats numbers, and column 'region' is text",
        "tables.example-table.columns[0].sign: sign formats numbers, and column 'region' is text",
    ]
