"""`aigap-docs new`: a small report folder that passes `check`, to start a new briefing from."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


def create_report(target: Path) -> None:
    """Copy the template report into `target`, titled after its folder name.

    Raises FileExistsError if `target` exists, ValueError if its name is not a valid report id, and
    OSError if it cannot be made (a part of the path is a file, no permission, a full disk); then nothing
    is left behind, as a half-made folder would only stand in the way of the next try.
    """
    if not _NAME.match(target.name):
        raise ValueError(
            f"{target.name!r}: use lower-case letters, digits, '-' and '_' (e.g. 'chip-exports-2026')"
        )
    template = resources.files(__name__) / "template"
    title = target.name.replace("-", " ").replace("_", " ").capitalize()
    target.mkdir(parents=True)  # FileExistsError if it exists: never writes into a folder it did not make
    try:
        (target / "data").mkdir()
        report_yaml = template.joinpath("report.yaml").read_text(encoding="utf-8")
        (target / "report.yaml").write_text(report_yaml.replace("TITLE", title), encoding="utf-8")
        for item in template.joinpath("data").iterdir():
            if item.name.endswith(".csv"):
                (target / "data" / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        raise
