"""Inline text: data references like `{benchmarks[MMLU].gap_2024:.1f}`, then **bold**, *italic* and links.

Content strings are never given to `str.format` or `eval`: references are parsed here by a small grammar,
so `{x.__class__}` is just an error, and a formatted value is escaped before the markup parser sees it.
Markup is CommonMark's inline subset (markdown-it-py), with raw HTML off, so `<`, `>` and `&` stay text;
a link may open only a web or mail address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from aigap_docs.model import RichText, Run, Value, check_characters, check_link

MINUS = "\u2212"
"""The true minus sign that every number printed by format_number carries when negative."""

Lookup = Callable[[str, str, str], "Value | None"]
"""(dataset id, row key, column) -> value (None if the dataset failed to load); ValueError if missing."""

_REFERENCE = re.compile(
    r"\{(?P<dataset>[a-z0-9][a-z0-9_-]*)\[(?P<key>[^\[\]{}]+)\]\.(?P<column>[A-Za-z_][A-Za-z0-9_]*)"
    r"(?::(?P<spec>[^{}]*))?\}"
)
_SPEC = re.compile(r"(?P<grouping>,)?(?:\.(?P<decimals>\d))?(?P<fixed>f)?\Z")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!<>&|~])")
_REFERENCE_HELP = "write {dataset[row].column} or {dataset[row].column:.1f}, and {{ for a literal brace"


@dataclass(frozen=True)
class NumberSymbols:
    """The decimal and grouping symbols a report's language prints numbers with (number_symbols)."""

    decimal: str = "."
    group: str = ","

    def localise(self, digits: str) -> str:
        """`digits` as Python's format() writes them ("1,234.5"), with these symbols ("1.234,5")."""
        if self == ENGLISH:
            return digits
        return digits.translate({ord(","): self.group, ord("."): self.decimal})


ENGLISH = NumberSymbols()
"""English's symbols: "1,234.5". The default everywhere a number is printed."""


@cache
def number_symbols(language: str | None) -> NumberSymbols:
    """The symbols of a language tag ("de" -> "1.234,5", "fr" -> "1\u202f234,5"), from CLDR by Babel.

    English ("en", "en-US" or no tag) is answered without importing Babel, which would cost every
    build. A tag Babel does not know is tried without its last subtags ("de-CH-1996" as "de-CH"), and
    one it knows nothing of prints as English: the model validates tags; numbers never fail a build.
    """
    if language is None or language.casefold() in ("en", "en-us"):
        return ENGLISH
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    parts = language.split("-")
    while parts:
        try:
            locale = Locale.parse("_".join(parts))
        except (UnknownLocaleError, ValueError, TypeError):
            parts.pop()
            continue
        return NumberSymbols(get_decimal_symbol(locale), get_group_symbol(locale))
    return ENGLISH


def parse_inline(text: str, lookup: Lookup | None = None, symbols: NumberSymbols = ENGLISH) -> RichText:
    """Resolve data references (their numbers printed with `symbols`), then parse inline markup into runs.

    Raises ValueError on a bad reference or a link to anything but a web or mail address.
    """
    check_characters(text)
    return RichText(source=text, runs=_runs(resolve_references(text, lookup, symbols)))


def resolve_references(text: str, lookup: Lookup | None, symbols: NumberSymbols = ENGLISH) -> str:
    """Replace each `{dataset[row].column:spec}` with its value, escaped so it reads as plain text."""
    out: list[str] = []
    i = 0
    while i < len(text):
        brace = _next_brace(text, i)
        if brace < 0:
            out.append(text[i:])
            break
        out.append(text[i:brace])
        if text.startswith("{{", brace) or text.startswith("}}", brace):
            out.append("\\" + text[brace])
            i = brace + 2
            continue
        if text[brace] == "}":
            out.append("\\}")
            i = brace + 1
            continue
        match = _REFERENCE.match(text, brace)
        if match is None:
            end = text.find("}", brace)
            shown = text[brace : end + 1] if end >= 0 else text[brace : brace + 40]
            raise ValueError(f"bad data reference {shown!r}: {_REFERENCE_HELP}")
        if lookup is None:
            raise ValueError(f"data reference {match.group(0)!r} cannot be resolved here")
        value = lookup(match["dataset"], match["key"], match["column"])
        out.append(_escape(format_reference(value, match["spec"], match.group(0), symbols)))
        i = match.end()
    return "".join(out)


def format_reference(
    value: Value | None, spec: str | None = None, where: str = "", symbols: NumberSymbols = ENGLISH
) -> str:
    """A referenced value with the small spec language: optional ',' (grouping) then optional '.N' and 'f'.

    Without a spec a number prints as the source wrote it, ungrouped. The spec is written the English way
    in any language: ',' asks for grouping and '.N' for decimals, printed with `symbols`. Raises
    ValueError on a bad spec or a spec on text.
    """
    if value is None:
        return ""  # a value whose dataset failed to load; that failure is reported on its own
    parsed = _SPEC.match(spec or "")
    if parsed is None:
        raise ValueError(f"bad number format {spec!r} in {where!r}: use ',' and/or '.N' (e.g. ':.1f', ':,')")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if spec:
            raise ValueError(f"{where!r} formats {value!r} as a number, but it is text")
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    decimals = None if parsed["decimals"] is None else int(parsed["decimals"])
    return format_number(value, decimals=decimals, grouping=bool(parsed["grouping"]), symbols=symbols)


def format_number(
    value: float,
    *,
    decimals: int | None = None,
    grouping: bool = True,
    sign: bool = False,
    prefix: str = "",
    suffix: str = "",
    symbols: NumberSymbols = ENGLISH,
) -> str:
    """A number as every output prints it: in tables, chart labels and ticks, alt text and data references.

    `decimals` fixed, else the shortest exact form the source wrote (40.0 prints 40); thousands grouped
    unless `grouping` is off; a true minus sign before negatives, and a plus before positives if `sign`;
    no sign at all on a number that prints as zero. The sign goes before `prefix` ("\u2212$1.2B").
    The decimal and grouping marks are the report language's `symbols` ("1.234,5" in German); prefix and
    suffix stay as the author wrote them, so "%" and a unit's spacing ("12 %" or "12%") are theirs.
    """
    magnitude = abs(value)
    comma = "," if grouping else ""
    if decimals is not None:
        digits = f"{magnitude:{comma}.{decimals}f}"
    elif isinstance(magnitude, int) or (magnitude.is_integer() and magnitude < 1e15):
        digits = f"{int(magnitude):{comma}d}"
    else:
        digits = f"{magnitude:{comma}}" if grouping else repr(magnitude)
    zero = float(digits.replace(",", "")) == 0
    digits = symbols.localise(digits)
    if zero:
        return f"{prefix}{digits}{suffix}"
    mark = MINUS if value < 0 else "+" if sign else ""
    return f"{mark}{prefix}{digits}{suffix}"


def _next_brace(text: str, start: int) -> int:
    positions = [p for p in (text.find("{", start), text.find("}", start)) if p >= 0]
    return min(positions) if positions else -1


def _escape(value: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", value)


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "escape", "newline"])
    # markdown-it would leave a `javascript:` link as literal text and pass `smb:` or `../x` on; every
    # target instead reaches check_link, as normalizeLink wrote it (percent-encoded, punycode host),
    # which is how both outputs will carry it.
    markdown.validateLink = lambda url: True
    return markdown


def _runs(markup: str) -> tuple[Run, ...]:
    if not markup:
        return ()
    bold = italic = 0
    href: str | None = None
    runs: list[Run] = []
    for token in _markdown().parseInline(markup)[0].children or ():
        kind = token.type
        if kind == "strong_open" or kind == "strong_close":
            bold += 1 if kind == "strong_open" else -1
        elif kind == "em_open" or kind == "em_close":
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            href = check_link(str(token.attrs.get("href", "")))
        elif kind == "link_close":
            href = None
        else:
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, token.content)
            style = (bold > 0, italic > 0, href)
            last = runs[-1] if runs else None
            if last is not None and (last.bold, last.italic, last.href) == style:
                runs[-1] = Run(text=last.text + text, bold=last.bold, italic=last.italic, href=last.href)
            elif text:
                runs.append(Run(text=text, bold=style[0], italic=style[1], href=href))
    return tuple(runs)


def url_break_points(url: str) -> list[int]:
    """Where a URL may break across lines: each index i splits it into url[:i] and url[i:].

    Chicago's rule, so neither line reads as ending a word or a sentence: after the scheme's `//` (or
    `mailto:`), before a `/`, `.`, `-`, `?`, `#`, `%`, `~` or `_`, and before or after a `=` or `&`;
    never inside the scheme, never between two of the same mark (`//`), never at either end.
    Both outputs ask here, so a URL breaks alike in the brief and on the deck.
    """
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:(?://)?", url)
    start = scheme.end() if scheme and (scheme.group().endswith("//") or url.startswith("mailto:")) else 0
    points = {start} if start else set()
    for i in range(start, len(url)):
        mark = url[i]
        if mark in "/.-?#%~_=&" and i and url[i - 1] != mark:
            points.add(i)
        if mark in "=&" and i + 1 < len(url) and url[i + 1] != mark:
            points.add(i + 1)
    return sorted(p for p in points if 0 < p < len(url))
