"""Shared test helpers: the repository root, and running the CLI in-process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def run_cli():
    """Run `aigap-docs ARGS` in-process, from `cwd` (default: the repository root)."""
    from aigap_docs.cli import cli

    def run(*args: str, cwd: Path = ROOT) -> Result:
        old = Path.cwd()
        os.chdir(cwd)
        try:
            return CliRunner().invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)

    return run
