"""Errors that name the content file and line at fault, so a user can fix them without a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where something was written: a content file, and a 1-based line and column when known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content: where, which field, and what."""

    where: SourceRef
    message: str
    field: str = ""

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.message}"


class AigapError(Exception):
    """An error a user can fix; printed as one line per problem, never with a traceback."""

    def __init__(self, problems: Iterable[Problem] | str):
        self.problems: tuple[Problem, ...] = (
            (Problem(SourceRef("aigap-docs"), problems),) if isinstance(problems, str) else tuple(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class ContentError(AigapError):
    """The report's content (YAML, CSV, referenced files) is invalid."""


class ExportError(AigapError):
    """An output could not be built or written."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` for the closest choice, or '' when nothing is close."""
    options = sorted(map(str, choices))
    by_case = {option.lower(): option for option in options}
    close = difflib.get_close_matches(str(word).lower(), sorted(by_case), n=1, cutoff=0.6)
    if not close and len(str(word)) >= 3:
        close = [option for option in sorted(by_case) if option.startswith(str(word).lower())][:1]
    return f" (did you mean {by_case[close[0]]!r}?)" if close else ""
