"""Hashes of files and of our own code, shared by the chart cache and the build manifest."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


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
