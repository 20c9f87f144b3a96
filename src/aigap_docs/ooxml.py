"""An Office package (a template, a workbook: a zip of XML parts and media) checked before anything parses it.

A hostile or broken package can be a zip bomb, use a compression Office cannot read, or declare a DTD whose
entities python-pptx keeps unresolved (a deck nothing opens) or expands (a billion laughs). Each is refused
with one line naming the file, as a `Kind` of package words it: the template's limits and ExportError for
deck/package.py, the workbook's and ContentError for workbook.py. Every read is bounded by the size the
zip's directory declares, which the limits bound, since a zip's headers can lie.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from aigap_docs.errors import AigapError, Problem, SourceRef, os_problem

CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
"""The only compressions Office writes and reads."""
_AES = 99
_END_OF_DIRECTORY = b"PK\x05\x06"
_CHUNK = 1024 * 1024
"""Bytes of a part decompressed at a time when it is checked without being kept."""
_MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """What a package is: how messages name it, its limits (limits.py), and the error that refuses it."""

    noun: str
    """'template': 'save the template without a password'."""
    application: str
    """'PowerPoint': 'PowerPoint reads only stored and deflated parts'."""
    unreadable: str
    """What a file that is no such package is: 'not a PowerPoint template (.pptx or .potx)'."""
    usual_parts: str
    """How many parts a real one has, after 'more than 10,000 parts; '."""
    error: type[AigapError]
    max_file_bytes: int
    max_bytes: int
    """All its parts decompressed."""
    max_part_bytes: int
    max_ratio: int
    """How many times the size of its file its parts may decompress to."""
    max_parts: int
    max_elements: int | None = None
    """XML elements one part may hold (None: any): what a reader that builds them all (openpyxl reads a
    workbook's shared strings whole) spends its time and memory on, which no size limit bounds."""


class _Refused(Exception):
    """What is wrong with the package, as the message shows it after the file's name."""


def read_package(path: Path, shown: str, kind: Kind) -> dict[str, bytes]:
    """Every part of the package at `path` by name, decompressed and checked.

    `kind.error` naming the file (`shown`, as the user wrote it) if it cannot be read, is not a zip, would
    decompress beyond the kind's limits, is encrypted or compressed in a way Office cannot read, or has an
    XML part that is not well-formed or declares a DTD. A build reads its template twice (planning its
    geometry, then opening it to write): the second read of an unchanged file is a copy of the first.
    """
    with _refusing(shown, kind):
        status = path.stat()
        return dict(_read_once(str(path.resolve()), status.st_size, status.st_mtime_ns, kind))


def read_checked(path: Path, shown: str, kind: Kind) -> bytes:
    """The bytes of the package at `path`, checked as `read_package` checks its parts, but with each part
    decompressed a chunk at a time and dropped: a workbook's sheets may be tens of MB each, which the
    reader that opens these bytes next streams in turn. The bytes read are the bytes checked."""
    with _refusing(shown, kind):
        status = path.stat()
        return _checked_once(str(path.resolve()), status.st_size, status.st_mtime_ns, kind)


@functools.lru_cache(maxsize=2)
def _read_once(path: str, size: int, modified: int, kind: Kind) -> dict[str, bytes]:
    """The checked parts of the package at `path` as it was at this size and modification time."""
    with _opened(_file(Path(path), kind), kind) as package:
        parts = {info.filename: b"".join(_chunks(package, info)) for info in package.infolist()}
    if CONTENT_TYPES not in parts:
        raise _Refused(f"{kind.unreadable}: it has no {CONTENT_TYPES}")
    for part in _xml_parts(parts, [parts[CONTENT_TYPES]], kind):
        _check_xml(part, [parts[part]], kind)
    return parts


@functools.lru_cache(maxsize=1)
def _checked_once(path: str, size: int, modified: int, kind: Kind) -> bytes:
    """The checked bytes of the package at `path`: several datasets may read sheets of one workbook."""
    data = _file(Path(path), kind)
    with _opened(data, kind) as package:
        names = package.namelist()
        if CONTENT_TYPES not in names:
            raise _Refused(f"{kind.unreadable}: it has no {CONTENT_TYPES}")
        types = _chunks(package, package.getinfo(CONTENT_TYPES), _CHUNK)
        xml = set(_xml_parts(names, types, kind))
        for info in package.infolist():
            chunks = _chunks(package, info, _CHUNK)
            if info.filename in xml and info.filename != CONTENT_TYPES:
                _check_xml(info.filename, chunks, kind)
            else:
                for _ in chunks:  # read through all the same: its size and checksum are checked at the end
                    pass
    return data


@contextlib.contextmanager
def _refusing(shown: str, kind: Kind) -> Iterator[None]:
    """Turn what reading a package raises into `kind.error`: one problem naming the file."""
    try:
        yield
    except OSError as error:
        raise kind.error([os_problem(shown, error, "read")]) from None
    except (_Refused, zipfile.BadZipFile, EOFError, zlib.error) as error:
        message = str(error) if isinstance(error, _Refused) else f"{kind.unreadable}: {error}"
        raise kind.error([Problem(SourceRef(shown), message)]) from None


def _file(path: Path, kind: Kind) -> bytes:
    with path.open("rb") as file:
        data = file.read(kind.max_file_bytes + 1)
    if len(data) > kind.max_file_bytes:
        raise _Refused(f"the file is larger than {kind.max_file_bytes // _MB} MB")
    return data


def _opened(data: bytes, kind: Kind) -> zipfile.ZipFile:
    """The zip, once its entry count and the sizes and compressions its directory declares are checked."""
    if _declared_entries(data) > kind.max_parts:
        raise _Refused(f"more than {kind.max_parts:,} parts; {kind.usual_parts}")
    package = zipfile.ZipFile(io.BytesIO(data))
    try:
        _check_sizes(package.infolist(), len(data), kind)
    except _Refused:
        package.close()
        raise
    return package


def _declared_entries(data: bytes) -> int:
    """The number of entries the zip's end record declares (0 if there is none: zipfile then says so).

    Read by hand because zipfile makes an object of every entry of the directory as it opens the file.
    A zip64 archive declares 0xFFFF here, more than the limit allows anyway.
    """
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 22 - 0xFFFF))
    return int.from_bytes(data[end + 10 : end + 12], "little") if end >= 0 else 0


def _check_sizes(infos: list[zipfile.ZipInfo], file_size: int, kind: Kind) -> None:
    """Refuse, from the sizes the zip's directory declares, what would decompress beyond the limits."""
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type == _AES:
            raise _Refused(f"{info.filename} is encrypted: save the {kind.noun} without a password")
        if info.compress_type not in _METHODS:
            raise _Refused(
                f"{info.filename} is compressed with method {info.compress_type}: "
                f"{kind.application} reads only stored and deflated parts"
            )
        if info.file_size > kind.max_part_bytes:
            raise _Refused(
                f"{info.filename} decompresses to {info.file_size / _MB:,.0f} MB; "
                f"a part of a {kind.noun} may have at most {kind.max_part_bytes // _MB} MB"
            )
    total = sum(info.file_size for info in infos)
    if total > kind.max_bytes:
        raise _Refused(
            f"its parts decompress to {total / _MB:,.0f} MB; a {kind.noun} may have at most "
            f"{kind.max_bytes // _MB} MB"
        )
    if total > kind.max_ratio * file_size:
        raise _Refused(
            f"its parts decompress to {total // max(file_size, 1):,} times the size of the file "
            f"(a zip bomb?); a {kind.noun} may decompress to at most {kind.max_ratio} times"
        )


def _chunks(package: zipfile.ZipFile, info: zipfile.ZipInfo, size: int | None = None) -> Iterator[bytes]:
    """A part's bytes, `size` at a time (else at once), at most its declared size, which _check_sizes has
    bounded. zipfile returns no more than the declared size, but read() without a size decompresses up to
    2 GB at once before it cuts them; it checks the part's checksum as its last byte is read."""
    read = 0
    with package.open(info) as part:
        while data := part.read(min(size or info.file_size + 1, info.file_size + 1 - read)):
            read += len(data)
            yield data
    if read != info.file_size:
        raise _Refused(f"{info.filename} does not have the size the zip's directory declares")


def _xml_parts(names: Iterable[str], types: Iterable[bytes], kind: Kind) -> list[str]:
    """The parts a reader parses as XML, [Content_Types].xml (`types`, checked here) first: by name
    (.xml, .rels), or as [Content_Types].xml declares them. Only the parts there are are looked up,
    so a directory of a million declarations costs no memory."""
    parts = {name.casefold(): name for name in names if name != CONTENT_TYPES}
    extensions = {_extension(part) for part in parts}
    by_extension: dict[str, str] = {}
    by_part: dict[str, str] = {}

    def declared(tag: str, attributes: dict[str, str]) -> None:
        if tag == f"{_TYPES_NS} Default" and attributes.get("Extension", "").casefold() in extensions:
            by_extension[attributes["Extension"].casefold()] = attributes.get("ContentType", "")
        part = attributes.get("PartName", "").lstrip("/").casefold()
        if tag == f"{_TYPES_NS} Override" and part in parts:
            by_part[part] = attributes.get("ContentType", "")

    _check_xml(CONTENT_TYPES, types, kind, declared)

    def is_xml(part: str) -> bool:
        extension = _extension(part)
        content_type = by_part.get(part) or by_extension.get(extension, "")
        return extension in ("xml", "rels") or content_type.endswith("xml")

    return [CONTENT_TYPES] + sorted(parts[part] for part in parts if is_xml(part))


def _extension(part: str) -> str:
    return posixpath.splitext(part)[1].lstrip(".").casefold()


def _check_xml(
    part: str,
    chunks: Iterable[bytes],
    kind: Kind,
    elements: Callable[[str, dict[str, str]], None] | None = None,
) -> None:
    """Refuse a part that is not well-formed XML, or declares a DTD: Office never writes one, python-pptx
    keeps the entities it declares unresolved, and a billion laughs expands them. `elements`, if given,
    sees each element's name (namespace, a space, local name) and attributes."""

    def refuse(*_: object) -> None:
        raise _Refused(f"{part} declares a DTD (<!DOCTYPE ...>), which {kind.application} files never do")

    parser = expat.ParserCreate(namespace_separator=" ") if elements else expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    if kind.max_elements is not None:
        elements = _counting(part, kind, elements)
    if elements:
        parser.StartElementHandler = elements
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        reason = f"{expat.ErrorString(error.code)} (line {error.lineno})"
        raise _Refused(f"{kind.unreadable}: {part} is not well-formed XML: {reason}") from None


def _counting(
    part: str, kind: Kind, elements: Callable[[str, dict[str, str]], None] | None
) -> Callable[[str, dict[str, str]], None]:
    """`elements`, refusing the part once it has opened more than `kind.max_elements` elements."""
    count = itertools.count(1)
    limit = kind.max_elements or 0

    def counted(tag: str, attributes: dict[str, str]) -> None:
        if next(count) > limit:
            raise _Refused(
                f"{part} has more than {limit:,} XML elements, the most a part of a {kind.noun} may have"
            )
        if elements:
            elements(tag, attributes)

    return counted
