"""Errors that name the content file and line at fault, so a user can fix them without a traceback."""

from __future__ import annotations

import difflib
import errno
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
    """Return ` (did you mean 'x'?)` for the closest choice, or '' when nothing is close.

    Words and choices longer than any id or name are not compared: difflib's cost grows with the square
    of their length, and a suggestion of a 20,000-character value helps no one.
    """
    if len(str(word)) > _MAX_SUGGESTED:
        return ""
    options = sorted(option for option in map(str, choices) if len(option) <= _MAX_SUGGESTED)
    by_case = {option.lower(): option for option in options}
    close = difflib.get_close_matches(str(word).lower(), sorted(by_case), n=1, cutoff=0.6)
    if not close and len(str(word)) >= 3:
        close = [option for option in sorted(by_case) if option.startswith(str(word).lower())][:1]
    return f" (did you mean {quoted(by_case[close[0]])}?)" if close else ""


_MAX_SUGGESTED = 200
"""Characters in a word `did_you_mean` compares."""


_OS_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.ENOENT: "not found",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ELOOP: "a symbolic link that points to itself (a loop)",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EROFS: "the file system is read-only",
    errno.EEXIST: "already exists",
    errno.EBUSY: "busy (in use, or a mount point)",
    errno.EXDEV: "on another device",
}


def os_reason(error: OSError) -> str:
    """What an OS error means to a user, in a few words and without the path (messages name it once)."""
    reason = _OS_REASONS.get(error.errno or 0)
    if reason is None:
        reason = (error.strerror or type(error).__name__).lower()
    return reason


def os_problem(shown: str, error: OSError, doing: str = "") -> Problem:
    """A located problem for a file that could not be read or written: `out/x.pdf: cannot write: ...`."""
    prefix = f"cannot {doing}: " if doing else ""
    return Problem(SourceRef(shown), prefix + os_reason(error))


def yaml_problem(error: Exception, shown: str) -> Problem:
    """A YAML parser's error (PyYAML's YAMLError, marked or not) as one problem at its line and column."""
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    where = SourceRef(shown, mark.line + 1, mark.column + 1) if mark else SourceRef(shown)
    problem, context = getattr(error, "problem", None), getattr(error, "context", None)
    message = f"invalid YAML: {problem or context or str(error).splitlines()[0]}"
    if context and context_mark and problem_mark and context_mark.line != problem_mark.line:
        message += f" ({context} that starts on line {context_mark.line + 1})"
    return Problem(where, message)


def quoted(value: object, limit: int = 40) -> str:
    """A value as quoted in a message: at most `limit` characters of it, so no message can leak a file
    or grow to megabytes."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "..."
    return repr(value) if len(value) <= limit else repr(value[:limit]) + "..."
