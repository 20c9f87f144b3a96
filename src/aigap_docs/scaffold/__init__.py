"""`aigap-docs new`: a small report folder that passes `check`, to start a new briefing from."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


def create_report(target: Path) -> None:
    """Copy the template report into `target`, titled after its folder name.

    Raises FileExistsError if `target` exists and ValueError if its name is not a valid report id.
    """
    if not _NAME.match(target.name):
        raise ValueError(
            f"{target.name!r}: use lower-case letters, digits, '-' and '_' (e.g. 'chip-exports-2026')"
        )
    if target.exists():
        raise FileExistsError(target)
    template = resources.files(__name__) / "template"
    title = target.name.replace("-", " ").replace("_", " ").capitalize()
    (target / "data").mkdir(parents=True)
    report_yaml = template.joinpath("report.yaml").read_text(encoding="utf-8")
    (target / "report.yaml").write_text(report_yaml.replace("TITLE", title), encoding="utf-8")
    for item in template.joinpath("data").iterdir():
        if item.name.endswith(".csv"):
            (target / "data" / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
