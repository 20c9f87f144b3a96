"""What the last build of a report was made from, so rebuilding with nothing changed does no work.

The fingerprint covers every input that decides the output bytes: report.yaml and every file it names, the
theme's folder (theme, fonts, logo, template), this package's code and the versions of the libraries that
write the files, the build options and the build date. A build whose fingerprint matches the last one, and
whose outputs are still on disk unmodified, is skipped; its warnings are replayed from the manifest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, is_dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from aigap_docs import __version__
from aigap_docs.clock import build_time
from aigap_docs.digest import file_digest, source_digest
from aigap_docs.errors import Problem, SourceRef
from aigap_docs.model import Report
from aigap_docs.theme import Theme

_LIBRARIES = ("python-pptx", "reportlab", "matplotlib", "Pillow", "fonttools")


@dataclass(frozen=True)
class Previous:
    """An earlier build that is still valid: its files and the warnings it gave."""

    files: list[Path]
    warnings: list[Problem]


def fingerprint(report: Report, theme: Theme, outputs: tuple[str, ...], options: Any) -> str:
    """A hash of everything that decides the bytes of this build's outputs."""
    digest = hashlib.sha256()
    inputs = [Path(report.folder) / "report.yaml", *report.files(), *sorted(theme.folder.rglob("*"))]
    for item in inputs:
        if item.is_file():
            digest.update(item.name.encode() + b"\0" + file_digest(item))
    settings = {
        "outputs": list(outputs),
        "options": asdict(options) if is_dataclass(options) else repr(options),
        "date": build_time(report).isoformat(),
        "code": _code(),
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def previous(output: Path, report: Report, key: str) -> Previous | None:
    """The last build, if it had this fingerprint and its outputs are on disk as it wrote them."""
    try:
        record = json.loads(path(output, report).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key:
        return None
    files = {output / name: digest for name, digest in record.get("files", {}).items()}
    for file, digest in files.items():
        if not file.is_file() or file_digest(file).hex() != digest:
            return None
    warnings = [Problem(SourceRef(*w["where"]), w["message"], w["field"]) for w in record.get("warnings", [])]
    return Previous(sorted(files), warnings)


def encode(key: str, files: dict[Path, bytes], warnings: list[Problem]) -> bytes:
    """The manifest of a build about to be written; it is written after the outputs it describes."""
    content = {
        "fingerprint": key,
        "files": {file.name: hashlib.sha256(data).hexdigest() for file, data in sorted(files.items())},
        "warnings": [
            {"where": [w.where.path, w.where.line, w.where.column], "message": w.message, "field": w.field}
            for w in warnings
        ],
    }
    return json.dumps(content, indent=1, sort_keys=True).encode()


def path(output: Path, report: Report) -> Path:
    """Where a report's manifest lives in the output folder."""
    return output / ".cache" / f"{report.slug}.build.json"


@cache
def _code() -> dict[str, str]:
    versions = {}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return {"aigap-docs": __version__, "sources": source_digest(Path(__file__).parent), **versions}
