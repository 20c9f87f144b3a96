"""Content as reportlab paragraph markup: styles and links survive, nothing in the content becomes markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from aigap_docs.exporters.brief import markup as pdf_markup
from aigap_docs.exporters.brief.fonts import register_fonts
from aigap_docs.model import RichText, Run
from aigap_docs.theme import load_theme

FACES = register_fonts(load_theme())
STYLE = ParagraphStyle("test", fontName=FACES.regular)
LINK = "#1F4E79"


def parsed(markup: str) -> list[tuple[str, str, str | None]]:
    """What reportlab made of the markup: (text, font, link) per fragment."""
    return [
        (frag.text, frag.fontName, frag.link[0][1] if frag.link else None)
        for frag in Paragraph(markup, STYLE).frags
    ]


def text_of(markup: str) -> str:
    return "".join(text for text, _, _ in parsed(markup))


def rich(*runs: Run) -> RichText:
    return RichText(source="", runs=runs)


def test_markup_characters_in_plain_text_print_literally():
    hostile = '<b>x</b> & </para> &amp; <font name="Helvetica"> <a href="javascript:x">'
    assert text_of(pdf_markup.plain(hostile)) == hostile


def test_every_run_keeps_its_weight_and_slant_in_the_theme_faces():
    runs = (
        Run(text="plain "),
        Run(text="bold ", bold=True),
        Run(text="italic ", italic=True),
        Run(text="both", bold=True, italic=True),
    )
    fonts = [font for _, font, _ in parsed(pdf_markup.rich(rich(*runs), LINK))]
    assert fonts == [FACES.regular, FACES.bold, FACES.italic, FACES.bold_italic]


def test_a_link_keeps_its_exact_address_even_with_quotes_and_ampersands():
    href = "https://example.org/?a=1&b=\"2\"&c='3'<4>"
    fragments = parsed(pdf_markup.rich(rich(Run(text="see <this> & that", href=href)), LINK))
    assert {link for _, _, link in fragments} == {href}
    assert "".join(text for text, _, _ in fragments) == "see <this> & that"


def test_a_hard_line_break_in_content_breaks_the_line():
    """A markdown hard break ("two spaces" or a backslash at a line's end) is a "\\n" in its run."""
    markup = pdf_markup.rich(rich(Run(text="first line\nsecond <line>")), LINK)
    paragraph = Paragraph(markup, STYLE)
    paragraph.wrap(500, 1000)  # room for both on one line
    assert len(paragraph.blPara.lines) == 2
    assert text_of(markup) == "first linesecond <line>"  # the break is markup, not a character


def test_characters_with_an_exact_stand_in_are_replaced():
    assert text_of(pdf_markup.plain("e\u2011mail hy\u00adphen")) == "e-mail hyphen"


# Any character content can hold: the loader refuses control characters, Python strings cannot hold
# lone surrogates in UTF-8 files.
content_text = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2011\u00ad"))


@given(content_text)
def test_any_text_parses_and_prints_as_written(text):
    assert " ".join(text_of(pdf_markup.plain(text)).split()) == " ".join(text.split())


@given(st.lists(st.tuples(content_text, st.booleans(), st.booleans()), max_size=5))
def test_any_runs_parse_and_print_as_written(parts):
    runs = tuple(Run(text=text, bold=bold, italic=italic) for text, bold, italic in parts)
    expected = "".join(run.text for run in runs)
    assert " ".join(text_of(pdf_markup.rich(rich(*runs), LINK)).split()) == " ".join(expected.split())
