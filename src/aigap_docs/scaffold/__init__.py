"""`aigap-docs new`: a small report folder that passes `check`, to start a new briefing from."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from importlib import resources
from pathlib import Path

from aigap_docs.clock import today
from aigap_docs.schema import schema_text

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
SCHEMA = "report.schema.json"
"""Written beside report.yaml, whose first line points editors' YAML language server at it."""


def create_report(target: Path, title: str = "Untitled report", date: dt.date | None = None) -> None:
    """Copy the template report into `target`, with `title` and `date` (default: clock.today()), and the
    JSON Schema beside it, so an editor with the YAML language server validates and completes as you type.

    Raises FileExistsError if `target` exists, ValueError if its name is not a valid report id, and
    OSError if it cannot be made (a part of the path is a file, no permission, a full disk); then nothing
    is left behind, as a half-made folder would only stand in the way of the next try.
    """
    if not _NAME.match(target.name):
        raise ValueError(
            f"{target.name!r}: use lower-case letters, digits, '-' and '_' (e.g. 'chip-exports-2026')"
        )
    template = resources.files(__name__) / "template"
    date = date or today()
    target.mkdir(parents=True)  # FileExistsError if it exists: never writes into a folder it did not make
    try:
        (target / "data").mkdir()
        report_yaml = template.joinpath("report.yaml").read_text(encoding="utf-8")
        text = report_yaml.replace("TITLE", json.dumps(title)).replace("DATE", date.isoformat())
        (target / "report.yaml").write_text(text, encoding="utf-8")
        (target / SCHEMA).write_text(schema_text(), encoding="utf-8")
        for item in template.joinpath("data").iterdir():
            if item.name.endswith(".csv"):
                (target / "data" / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        raise
