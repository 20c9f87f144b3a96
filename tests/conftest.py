"""Shared test helpers: the repository root, running the CLI in-process, and the real-client check (the
session's last test) that LibreOffice and qpdf accept every deck and PDF the session wrote."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

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


# --- real clients ---------------------------------------------------------------------------------------
# The last test of every session gives every deck and PDF the tests wrote under pytest's base temp dir to
# the programs readers use: LibreOffice must open (convert) each deck, qpdf --check must accept each PDF.
# Files with the same bytes are checked once; all decks go to one LibreOffice run, which dominates the cost.

NOT_DOCUMENTS: set[Path] = set()
"""Files named .pptx or .pdf that tests write broken on purpose; see `not_a_document`."""

_BASETEMP = pytest.StashKey[Path]()
_REAL_CLIENTS = pytest.StashKey[list[str]]()
LIBREOFFICE_TIMEOUT = 900


def not_a_document(path: Path) -> Path:
    """`path`, marked as a file a test breaks on purpose, so the real-client check leaves it out."""
    NOT_DOCUMENTS.add(path.resolve())
    return path


@pytest.fixture(scope="session", autouse=True)
def _remember_basetemp(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    request.config.stash[_BASETEMP] = tmp_path_factory.getbasetemp()


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """The report `aigap-docs new` writes (dated 2026-01-01), in tmp_path/content/demo, for tests that
    change it a line at a time with `edit`."""
    from aigap_docs.scaffold import create_report

    target = tmp_path / "content" / "demo"
    create_report(target, date=dt.date(2026, 1, 1))
    return target


def edit(folder: Path, old: str, new: str, name: str = "report.yaml") -> None:
    """Replace the first `old` in the folder's file `name` (which must hold it) with `new`."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/good/minimal under tmp_path/content/, free to edit and build."""
    target = tmp_path / "content" / "minimal"
    shutil.copytree(FIXTURES / "good" / "minimal", target)
    return target


class RealClientsRefused(Exception):
    """Lines naming each deck LibreOffice could not open and each PDF qpdf did not accept."""


class RealClients(pytest.Item):
    """A test that runs after all others: real clients accept every deck and PDF the session wrote."""

    def runtest(self) -> None:
        base = self.config.stash.get(_BASETEMP, None)
        if base is None:
            pytest.skip("no test wrote a file")
        lines, failures = _check_with_real_clients(base)
        self.config.stash[_REAL_CLIENTS] = lines + failures
        if failures:
            raise RealClientsRefused("\n".join(failures))
        if not (shutil.which("soffice") or shutil.which("qpdf")):
            pytest.skip("neither LibreOffice (soffice) nor qpdf is installed")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, RealClientsRefused):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, self.name


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    """Run the real-client check last, whichever tests were selected (after -k, --lf and the like)."""
    if items:
        name = "test_real_clients_open_every_deck_and_pdf_the_tests_wrote"
        here = Path(__file__)
        nodeid = f"{here.relative_to(session.config.rootpath).as_posix()}::{name}"
        items.append(RealClients.from_parent(session, name=name, path=here, nodeid=nodeid))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(_REAL_CLIENTS, None)
    if lines:
        terminalreporter.section("real clients")
        for line in lines:
            terminalreporter.write_line(line, red=line.startswith("FAILED"))


def _check_with_real_clients(base: Path) -> tuple[list[str], list[str]]:
    """A summary line, and a line per file a client refused (empty when all were accepted)."""
    start = time.monotonic()
    decks, pdfs = _documents(base, ".pptx"), _documents(base, ".pdf")
    soffice, qpdf = shutil.which("soffice"), shutil.which("qpdf")
    failures, done = [], []
    if soffice is None:
        done.append(f"skipped {len(decks)} decks: LibreOffice (soffice) is not installed")
    elif decks:
        opened, refused = _libreoffice(soffice, decks, base)
        done.append(f"LibreOffice opened {opened} of {len(decks)} decks")
        failures += [f"FAILED LibreOffice: {message}" for message in refused]
    if qpdf is None:
        done.append(f"skipped {len(pdfs)} PDFs: qpdf is not installed")
    elif pdfs:
        rejected = [f"FAILED qpdf: {message}" for message in _qpdf(qpdf, pdfs, base)]
        done.append(f"qpdf accepted {len(pdfs) - len(rejected)} of {len(pdfs)} PDFs")
        failures += rejected
    files = sum(len(paths) for paths in (*decks.values(), *pdfs.values()))
    took = f"{files} files, {len(decks) + len(pdfs)} distinct, {time.monotonic() - start:.1f} s"
    return [f"real clients: {', '.join(done) or 'no decks or PDFs were written'} ({took})"], failures


def _documents(base: Path, suffix: str) -> dict[str, list[Path]]:
    """The files with this suffix under `base`, grouped by their bytes' hash (checked once per group)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(base.rglob(f"*{suffix}")):
        if path.is_file() and path.resolve() not in NOT_DOCUMENTS:
            found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(path)
    return found


def _libreoffice(soffice: str, decks: dict[str, list[Path]], base: Path) -> tuple[int, list[str]]:
    """Convert every deck to PDF in one LibreOffice run: how many gave a PDF, a message for each other."""
    with tempfile.TemporaryDirectory(prefix="aigap-real-clients-") as work:
        folder = Path(work)
        inputs = {digest: folder / f"{digest[:16]}.pptx" for digest in decks}
        for digest, copy in inputs.items():
            shutil.copyfile(decks[digest][0], copy)  # unique names: LibreOffice names its PDFs after them
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless"]
        command += ["--convert-to", "pdf", "--outdir", str(folder / "pdf"), *map(str, inputs.values())]
        try:
            subprocess.run(command, capture_output=True, timeout=LIBREOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return 0, [f"timed out after {LIBREOFFICE_TIMEOUT} s converting {len(decks)} decks"]
        made = {digest: folder / "pdf" / f"{copy.stem}.pdf" for digest, copy in inputs.items()}
        refused = [
            f"no PDF from {_named(decks[digest], base)}"
            for digest, pdf in made.items()
            if not (pdf.is_file() and pdf.stat().st_size > 0)
        ]
        return len(decks) - len(refused), refused


def _qpdf(qpdf: str, pdfs: dict[str, list[Path]], base: Path) -> list[str]:
    """Run qpdf --check on one file of each group; a message for each it did not accept (exit code 0)."""
    rejected = []
    for paths in pdfs.values():
        done = subprocess.run([qpdf, "--check", str(paths[0])], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            rejected.append(f"{_named(paths, base)} (exit {done.returncode}: {said[-1] if said else ''})")
    return rejected


def _named(paths: list[Path], base: Path) -> str:
    shown = ", ".join(str(path.relative_to(base)) for path in paths[:3])
    return shown + (f" and {len(paths) - 3} more with the same bytes" if len(paths) > 3 else "")
