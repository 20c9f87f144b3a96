"""A template's zip package, read safely: sizes, compression and XML checked before anything parses it.

A .pptx or .potx is a zip of XML parts and media. A hostile or broken one can be a zip bomb, use a
compression PowerPoint cannot read, or declare a DTD whose entities python-pptx keeps unresolved and so
writes a deck nothing opens. `read_package` refuses each of these with one line naming the template, before
layout.py reads its geometry (`check` does too) and before writer.py gives python-pptx the parts.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from aigap_docs.errors import ExportError, Problem, SourceRef, os_problem
from aigap_docs.limits import (
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_PART_BYTES,
    MAX_TEMPLATE_PARTS,
    MAX_TEMPLATE_RATIO,
)

NOT_A_TEMPLATE = "not a PowerPoint template (.pptx or .potx)"
CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
"""The only compressions Office writes and reads."""
_AES = 99
_END_OF_DIRECTORY = b"PK\x05\x06"
_MB = 1024 * 1024


class _Refused(Exception):
    """What is wrong with the package, as the message shows it after the template's name."""


def read_package(path: Path, name: str) -> dict[str, bytes]:
    """Every part of the template at `path` by name, decompressed and checked.

    ExportError naming the template (`name`, as the user wrote it) if it cannot be read, is not a zip,
    would decompress beyond the limits of limits.py, is encrypted or compressed in a way PowerPoint cannot
    read, or has an XML part that is not well-formed or declares a DTD. A build reads its template twice
    (planning its geometry, then opening it to write): the second read of an unchanged file is a copy of
    the first.
    """
    try:
        status = path.stat()
        return dict(_read_once(str(path.resolve()), status.st_size, status.st_mtime_ns))
    except OSError as error:
        raise ExportError([os_problem(name, error, "read")]) from None
    except (_Refused, zipfile.BadZipFile, EOFError, zlib.error) as error:
        message = str(error) if isinstance(error, _Refused) else f"{NOT_A_TEMPLATE}: {error}"
        raise ExportError([Problem(SourceRef(name), message)]) from None


@functools.lru_cache(maxsize=2)
def _read_once(path: str, size: int, modified: int) -> dict[str, bytes]:
    """The checked parts of the template at `path` as it was at this size and modification time."""
    return _read(Path(path))


def _read(path: Path) -> dict[str, bytes]:
    with path.open("rb") as file:
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise _Refused(f"the file is larger than {MAX_TEMPLATE_BYTES // _MB} MB")
    if _declared_entries(data) > MAX_TEMPLATE_PARTS:
        raise _Refused(f"more than {MAX_TEMPLATE_PARTS:,} parts; a PowerPoint template has a few hundred")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        _check_sizes(infos, len(data))
        parts = {info.filename: _read_part(package, info) for info in infos}
    if CONTENT_TYPES not in parts:
        raise _Refused(f"{NOT_A_TEMPLATE}: it has no {CONTENT_TYPES}")
    _check_xml(CONTENT_TYPES, parts[CONTENT_TYPES])
    for part in _xml_parts(parts):
        _check_xml(part, parts[part])
    return parts


def _declared_entries(data: bytes) -> int:
    """The number of entries the zip's end record declares (0 if there is none: zipfile then says so).

    Read by hand because zipfile makes an object of every entry of the directory as it opens the file.
    A zip64 archive declares 0xFFFF here, more than the limit allows anyway.
    """
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 22 - 0xFFFF))
    return int.from_bytes(data[end + 10 : end + 12], "little") if end >= 0 else 0


def _check_sizes(infos: list[zipfile.ZipInfo], file_size: int) -> None:
    """Refuse, from the sizes the zip's directory declares, what would decompress beyond the limits."""
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type == _AES:
            raise _Refused(f"{info.filename} is encrypted: save the template without a password")
        if info.compress_type not in _METHODS:
            raise _Refused(
                f"{info.filename} is compressed with method {info.compress_type}: "
                "PowerPoint reads only stored and deflated parts"
            )
        if info.file_size > MAX_TEMPLATE_PART_BYTES:
            raise _Refused(
                f"{info.filename} decompresses to {info.file_size / _MB:,.0f} MB; "
                f"a part of a template may have at most {MAX_TEMPLATE_PART_BYTES // _MB} MB"
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TEMPLATE_BYTES:
        raise _Refused(
            f"its parts decompress to {total / _MB:,.0f} MB; a template may have at most "
            f"{MAX_TEMPLATE_BYTES // _MB} MB"
        )
    if total > MAX_TEMPLATE_RATIO * file_size:
        raise _Refused(
            f"its parts decompress to {total // max(file_size, 1):,} times the size of the file "
            f"(a zip bomb?); a template may decompress to at most {MAX_TEMPLATE_RATIO} times"
        )


def _read_part(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, at most its declared size, which _check_sizes has bounded. A zip's headers can lie:
    zipfile returns no more than the declared size, but read() without a size decompresses up to 2 GB
    at once before it cuts them."""
    with package.open(info) as part:
        data = part.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise _Refused(f"{info.filename} does not have the size the zip's directory declares")
    return data


def _xml_parts(parts: dict[str, bytes]) -> list[str]:
    """The parts a reader parses as XML: by name (.xml, .rels), or as [Content_Types].xml declares them."""
    types = ElementTree.fromstring(parts[CONTENT_TYPES])
    by_extension = {
        element.get("Extension", "").casefold(): element.get("ContentType", "")
        for element in types.iter(f"{_TYPES_NS}Default")
    }
    by_part = {
        element.get("PartName", "").lstrip("/").casefold(): element.get("ContentType", "")
        for element in types.iter(f"{_TYPES_NS}Override")
    }

    def is_xml(part: str) -> bool:
        extension = posixpath.splitext(part)[1].lstrip(".").casefold()
        content_type = by_part.get(part.casefold()) or by_extension.get(extension, "")
        return extension in ("xml", "rels") or content_type.endswith("xml")

    return sorted(part for part in parts if part != CONTENT_TYPES and is_xml(part))


def _check_xml(part: str, data: bytes) -> None:
    """Refuse a part that is not well-formed XML, or declares a DTD: Office never writes one, and python-pptx
    keeps the entities it declares unresolved, writing a deck nothing opens."""

    def refuse(*_: object) -> None:
        raise _Refused(f"{part} declares a DTD (<!DOCTYPE ...>), which PowerPoint files never do")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = f"{expat.ErrorString(error.code)} (line {error.lineno})"
        raise _Refused(f"{NOT_A_TEMPLATE}: {part} is not well-formed XML: {reason}") from None
