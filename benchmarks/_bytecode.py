"""Bytecode for the source trees a benchmark times, written before it times them.

An installed package gets its .pyc files from pip, and a source checkout on its first import, unless
PYTHONDONTWRITEBYTECODE is set, as it is on the machine these figures come from: then every timed run
compiles each module of the tree again (0.1 s and more of a small build) that no user's build pays.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_sources(*trees: Path) -> None:
    """Write the bytecode of every module under each tree (quietly; failures are the tests' business)."""
    for tree in trees:
        compileall.compile_dir(str(tree), quiet=2)
