"""Content text as reportlab paragraph markup: every string escaped, so content can never become markup.

reportlab's Paragraph parses its text as XML-like markup. Content is already parsed into runs (text.py), so
here each run's text is escaped and only the tags we write (<b>, <i>, <a>) are markup; `<`, `&` and
`</para>` in content print literally.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from aigap_docs.model import RichText, Run

# Characters the bundled font lacks that have an exact stand-in it has (the charts use the same ones).
_STAND_INS = str.maketrans({"\u2011": "-", "\u00ad": ""})


def plain(text: str) -> str:
    """A plain string as paragraph markup that prints exactly that string; a line break (a hard break in
    content, or one inside a table cell) stays a line break, as in the deck."""
    return escape(text.translate(_STAND_INS)).replace("\n", "<br/>")


def rich(text: RichText, link_colour: str) -> str:
    """Runs as paragraph markup: bold, italic and links kept, every character of content escaped."""
    return "".join(_run(run, link_colour) for run in text.runs)


def link(href: str, markup: str, colour: str) -> str:
    """`markup` as a clickable link to `href`; the address is escaped as an attribute value."""
    return f"<a href={quoteattr(href)} color={quoteattr(colour)}>{markup}</a>"


def _run(run: Run, link_colour: str) -> str:
    out = plain(run.text)
    if run.italic:
        out = f"<i>{out}</i>"
    if run.bold:
        out = f"<b>{out}</b>"
    return link(run.href, out, link_colour) if run.href else out
