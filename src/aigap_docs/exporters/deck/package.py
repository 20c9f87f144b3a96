"""A template's zip package, read safely (ooxml.py): sizes, compression and XML checked before anything
parses it, as a template's limits allow (limits.py).

`read_package` refuses a zip bomb, a compression PowerPoint cannot read or a DTD with one line naming the
template, before template.py reads its geometry (`check` does too) and before writer.py gives python-pptx
the parts.
"""

from __future__ import annotations

from pathlib import Path

from aigap_docs import ooxml
from aigap_docs.errors import ExportError
from aigap_docs.limits import (
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_PART_BYTES,
    MAX_TEMPLATE_PARTS,
    MAX_TEMPLATE_RATIO,
)
from aigap_docs.ooxml import CONTENT_TYPES as CONTENT_TYPES  # what writer.py rewrites for python-pptx

NOT_A_TEMPLATE = "not a PowerPoint template (.pptx or .potx)"
TEMPLATE = ooxml.Kind(
    noun="template",
    application="PowerPoint",
    unreadable=NOT_A_TEMPLATE,
    usual_parts="a PowerPoint template has a few hundred",
    error=ExportError,
    max_file_bytes=MAX_TEMPLATE_BYTES,
    max_bytes=MAX_TEMPLATE_BYTES,
    max_part_bytes=MAX_TEMPLATE_PART_BYTES,
    max_ratio=MAX_TEMPLATE_RATIO,
    max_parts=MAX_TEMPLATE_PARTS,
)


def read_package(path: Path, name: str) -> dict[str, bytes]:
    """Every part of the template at `path` by name, decompressed and checked; ExportError naming the
    template (`name`, as the user wrote it) if it is unreadable, hostile or beyond the limits."""
    return ooxml.read_package(path, name, TEMPLATE)
