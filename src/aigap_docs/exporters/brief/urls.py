"""Long URLs in the brief break where text.url_break_points allows, never mid-word ('https://a' / 'bout').

reportlab breaks lines at spaces only; a word too long for what is left of a line moves to the next, and one
longer than a whole line is cut at the last letter that fits. For a word that looks like a URL, and a style
with `uriWasteReduce` set, it first asks `_uri_split_pairs` where the word may split (its own rule allows
only '/'). Answering that with our rule keeps the text exactly the URL, with no zero-width characters: copy
and paste, screen readers and the link target see the address as written. pdftotext reads a wrapped URL as
two lines, as it reads any wrapped text.
"""

from __future__ import annotations

import re

from reportlab.platypus import paragraph

from aigap_docs.text import url_break_points

WASTE = 1.0
"""reportlab's `uriWasteReduce`: a URL breaks where it is to save more than this share of a line. At 1, a
URL that fits on a line of its own starts the next line whole; only one longer than a line breaks, filling
what is left of the line it starts on."""

_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|mailto:|www\.)\S+\Z")
_tails: dict[str, None] = {}
"""The tails of URLs broken so far (insertion-ordered, bounded): a tail comes back to be broken again when it
is longer than a line, and reportlab hands it over as a bare string with nothing to say it ends a URL."""
_MAX_TAILS = 4096


def _split_pairs(word: str) -> list[tuple[str, str]] | None:
    """Every (head, tail) a URL, or the tail of one, may split into, the longest head first; None for a
    word that is neither."""
    if not (_URL.match(word) or word in _tails):
        return None
    pairs = [(word[:i], word[i:]) for i in reversed(url_break_points(word))]
    for _, tail in pairs:
        _tails[tail] = None
    while len(_tails) > _MAX_TAILS:
        del _tails[next(iter(_tails))]
    return pairs


def install() -> None:
    """Make reportlab paragraphs break URLs by our rule (idempotent; the brief's styles call it)."""
    paragraph._uri_split_pairs = _split_pairs
