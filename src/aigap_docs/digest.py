"""Hashes of files, of our own code and of plans, shared by the chart cache, the build manifest and watch."""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from aigap_docs.errors import SourceRef


@cache
def source_digest(folder: Path) -> str:
    """A hash of every Python file under `folder`: editing the code invalidates what it made before,
    without a version bump."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> bytes:
    """The SHA-256 of a file, read in blocks: an input may be far larger than the limits that will
    refuse it later, and hashing must not hold it in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def plan_bytes(plan: object, on_path: Callable[[Path], object] | None = None) -> bytes:
    """`plan` pickled without the line and column of each place it names (its SourceRefs keep their file).

    Where a thing was written decides what messages say about it, never what is drawn: `watch` compares
    plans by these bytes, so a line added to one slide does not rebuild the brief, nor redraw the slides
    below it, because everything after it moved down a line. `on_path` sees every Path the plan holds.
    """

    class _Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, SourceRef):
                return SourceRef, (obj.path,)
            if on_path is not None and isinstance(obj, Path):
                on_path(obj)
            return NotImplemented

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(plan)
    return buffer.getvalue()
