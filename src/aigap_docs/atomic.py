"""Files replaced in one step, so a reader never sees half a file and a failure keeps the old one.

Each new file is written beside its target under a name only aigap-docs makes, `.NAME.XXXXXXXX.partial`,
and renamed into place when whole; `clear_leftovers` removes what a killed build left under such names.
An OS error names the target, never the temporary file, so messages point at the file a user knows.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

PARTIAL = ".partial"
"""Suffix of a file still being written, or of a replaced one kept until its set of files is in place."""

_OURS = re.compile(r"\..+\.[0-9a-z_]{8}" + re.escape(PARTIAL))
"""Names `_partial_name` makes (and tempfile made, in earlier versions): the only names builds delete."""

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[IO[bytes]]:
    """A file to write that takes `target`'s place only when the block completes."""
    with _naming(target):
        partial, handle = _new_partial(target)
        try:
            with handle:
                yield handle
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise


def replace_all(files: Mapping[Path, bytes]) -> None:
    """Put every file in place, in order, or none: if one cannot be, those already replaced are restored.

    All are written first (a full disk stops the build here, before anything is replaced), and every
    target is set aside under a second name before any is replaced (a hard link, so it stays in place
    meanwhile). A kill between two renames can still leave some files new and some old, each one whole.
    """
    made: list[Path] = []
    olds: dict[Path, Path | None] = {}
    done: list[Path] = []
    try:
        news = {target: _written(target, data, made) for target, data in files.items()}
        for target in files:
            olds[target] = _set_aside(target, made)
        for target, new in news.items():
            with _naming(target):
                os.replace(new, target)
            done.append(target)
    except BaseException:
        _restore(olds, done)
        raise
    finally:
        for path in made:
            path.unlink(missing_ok=True)


def clear_leftovers(folder: Path) -> None:
    """Delete what killed builds left in `folder` (not in folders below it): files named as ours only."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if _OURS.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)


def _partial_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL}")


def _new_partial(target: Path) -> tuple[Path, IO[bytes]]:
    """A new empty file beside `target`, created by us (never through a link planted under its name)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        partial = _partial_name(target)
        try:
            return partial, os.fdopen(os.open(partial, _NEW_FILE, 0o644), "wb")
        except FileExistsError:
            continue


def _written(target: Path, data: bytes, made: list[Path]) -> Path:
    with _naming(target):
        partial, handle = _new_partial(target)
        made.append(partial)
        with handle:
            handle.write(data)
    return partial


def _set_aside(target: Path, made: list[Path]) -> Path | None:
    """A second name for `target`'s current file, to restore it from; None when there is none yet."""
    with _naming(target):
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            return None
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        backup = _partial_name(target)
        made.append(backup)
        try:
            os.link(target, backup, follow_symlinks=False)
        except OSError:  # no hard links on this file system: the old file steps aside until replaced
            os.replace(target, backup)
        return backup


def _restore(olds: dict[Path, Path | None], done: list[Path]) -> None:
    """Put back every file set aside, and remove the new files that had none before (best effort)."""
    for target, backup in olds.items():
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, target)
            elif target in done:
                target.unlink()


@contextlib.contextmanager
def _naming(target: Path) -> Iterator[None]:
    """Re-raise an OS error on `target` or on the temporary files beside it as an error naming `target`."""
    try:
        yield
    except OSError as error:
        name = error.filename
        if error.errno is None or (name is not None and Path(os.fsdecode(name)).parent != target.parent):
            raise
        raise OSError(error.errno, error.strerror, str(target)) from error
