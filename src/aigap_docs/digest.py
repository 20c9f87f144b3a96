"""Hashes of our own code, shared by the chart cache and the build manifest."""

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
