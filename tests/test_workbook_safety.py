"""Hostile workbooks a build must refuse with one line naming the file, in bounded time and memory, before
openpyxl sees them: zip bombs, lying headers, DTDs, encryption, files that are no zip (ooxml.py).

The heavy cases run the real command under 30 s of CPU and 3 GB of address space, and measure its peak
memory (test_limits.run_measured); the others load the report in-process. The broken-report corpus
(tests/fixtures/broken/workbook-*) has one case of each kind run through the command line.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from aigap_docs.errors import ContentError
from aigap_docs.limits import MAX_WORKBOOK_BYTES, MAX_WORKBOOK_PARTS
from aigap_docs.loader import load_report

from .exporters.deck.test_template_safety import LAUGHS, XXE, patched, zipped
from .test_limits import MINIMAL, build_fails

SHEET = "xl/worksheets/sheet1.xml"
MIB = 1024 * 1024


def workbook_parts() -> dict[str, bytes]:
    """The parts of a workbook holding the minimal report's models.csv as its sheet 'Models'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Models"
    for row in (MINIMAL / "data" / "models.csv").read_text().splitlines():
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def with_sheet_edit(edit) -> bytes:
    parts = workbook_parts()
    parts[SHEET] = edit(parts[SHEET].decode()).encode()
    return zipped(parts)


def bomb(parts: int, mib_each: int) -> bytes:
    """A workbook with `parts` more sheets of `mib_each` MiB of zeros each, in about 1 KB a MiB: a stored
    deflate stream marked deflated, with the size and checksum of what it decompresses to."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    mib = bytes(MIB)
    stream = (compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)) * mib_each + compressor.flush()
    crc = 0
    for _ in range(mib_each):
        crc = zlib.crc32(mib, crc)
    names = [f"xl/worksheets/sheet{i}.xml" for i in range(2, parts + 2)]
    data = zipped({**workbook_parts(), **dict.fromkeys(names, stream)}, zipfile.ZIP_STORED)
    for name in names:
        data = patched(data, name, method=zipfile.ZIP_DEFLATED, size=mib_each * MIB, crc=crc)
    return data


def many_strings(count: int) -> bytes:
    """A workbook whose shared strings are `count` one-letter strings (14 MB for 800,000), padded with a
    picture of random bytes so that it decompresses to less than 100 times its size."""
    strings = "".join(f"<si><t>{chr(97 + i % 26)}</t></si>" for i in range(count))
    xml = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}">{strings}</sst>'
    parts = {
        **workbook_parts(),
        "xl/sharedStrings.xml": xml.encode(),
        "xl/media/padding.bin": os.urandom(MIB),
    }
    return zipped(parts)


def report_with(folder: Path, workbook: bytes) -> Path:
    """The minimal report copied to `folder`, its models dataset read from the sheet 'Models' of `workbook`."""
    shutil.copytree(MINIMAL, folder)
    (folder / "data" / "models.xlsx").write_bytes(workbook)
    path = folder / "report.yaml"
    old = "    file: data/models.csv\n"
    assert path.read_text().count(old) == 1
    path.write_text(path.read_text().replace(old, "    file: data/models.xlsx\n    sheet: Models\n"))
    return folder


def refusal(tmp_path: Path, workbook: bytes) -> str:
    """What loading the report says after the workbook's name, which must start its one line."""
    folder = report_with(tmp_path / "content" / "book", workbook)
    with pytest.raises(ContentError) as raised:
        load_report(folder)
    [line] = [str(problem) for problem in raised.value.problems]
    shown = f"{folder}/data/models.xlsx: "
    assert line.startswith(shown), line
    return line[len(shown) :]


def test_the_workbook_these_tests_break_loads(tmp_path):
    folder = report_with(tmp_path / "content" / "book", zipped(workbook_parts()))
    assert load_report(folder).table("models").row("China")["models_2024"] == 15


# --- bombs and lying headers: the real command, measured -----------------------------------------------------


@pytest.mark.parametrize(
    ("workbook", "message"),
    [
        (
            lambda: bomb(parts=1, mib_each=2048),
            "xl/worksheets/sheet2.xml decompresses to 2,048 MB; a part of a workbook may have at most 200 MB",
        ),
        (
            lambda: bomb(parts=8, mib_each=128),
            "its parts decompress to 1,024 MB; a workbook may have at most 400 MB",
        ),
        (  # zipfile returns the declared size, but read() decompressed up to 2 GB to cut it from
            lambda: patched(bomb(parts=1, mib_each=1024), "xl/worksheets/sheet2.xml", size=1000),
            "not readable as an Excel workbook (.xlsx): Bad CRC-32 for file 'xl/worksheets/sheet2.xml'",
        ),
        (  # entities expanded would be a billion "ha"s
            lambda: with_sheet_edit(lambda xml: (LAUGHS + xml).replace("<v>", "<v>&l9;", 1)),
            f"{SHEET} declares a DTD (<!DOCTYPE ...>), which Excel files never do",
        ),
        (
            lambda: b"country,models_2023,models_2024\n" * 1000,
            "not readable as an Excel workbook (.xlsx): File is not a zip file",
        ),
        (  # openpyxl reads the shared strings whole, twice: 800,000 cost it about 26 s of CPU before
            lambda: many_strings(800_000),
            "xl/sharedStrings.xml has more than 1,500,000 XML elements, the most a part of a workbook may have",
        ),
    ],
    ids=[
        "two gigabytes in one sheet",
        "a gigabyte in 8 sheets",
        "a gigabyte declared as a kilobyte",
        "billion laughs",
        "not a zip",
        "800,000 shared strings",
    ],
)
def test_a_hostile_workbook_is_refused_in_bounded_time_and_memory(tmp_path, workbook, message):
    # Before, the three bombs built with exit 0 (openpyxl reads only the sheet asked for, never the bomb
    # beside it), the billion laughs ended in expat's traceback at 420 MB; a file no zip was refused already.
    folder = report_with(tmp_path / "content" / "book", workbook())
    run = build_fails(folder, tmp_path / "output")
    assert run.err.splitlines() == [
        f"{folder}/data/models.xlsx: {message}",
        f"Error: 1 problem in {folder} (nothing was written)",
    ]


# --- the zip and its XML: in-process ----------------------------------------------------------------------------


def test_a_workbook_that_decompresses_100_times_its_size_is_refused(tmp_path):
    workbook = bomb(parts=2, mib_each=10)
    total = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(workbook)).infolist())
    assert total < MAX_WORKBOOK_BYTES
    assert refusal(tmp_path, workbook) == (
        f"its parts decompress to {total // len(workbook):,} times the size of the file (a zip bomb?); "
        "a workbook may decompress to at most 100 times"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"flags": 0x1}, f"{SHEET} is encrypted: save the workbook without a password"),
        ({"method": 99}, f"{SHEET} is encrypted: save the workbook without a password"),  # AES
        ({"method": 9}, f"{SHEET} is compressed with method 9: Excel reads only stored and deflated parts"),
    ],
    ids=["encrypted", "aes", "deflate64"],
)
def test_an_encrypted_part_or_one_excel_cannot_decompress_is_refused(tmp_path, fields, message):
    assert refusal(tmp_path, patched(zipped(workbook_parts()), SHEET, **fields)) == message


def test_a_password_protected_workbook_is_told_apart_from_a_broken_one(tmp_path):
    # Excel saves a workbook with a password in its older container (OLE), not as a zip at all.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert refusal(tmp_path, ole) == (
        "not readable as an Excel workbook (.xlsx): it is encrypted or an old .xls: save it as .xlsx "
        "without a password"
    )


def test_a_local_header_that_lies_about_its_part_is_refused(tmp_path):
    data = bytearray(zipped(workbook_parts()))
    at = data.find(SHEET.encode())  # in the local header, which comes before the directory
    data[at : at + len(SHEET)] = b"xl/worksheets/sheetX.xml"
    assert refusal(tmp_path, bytes(data)) == (
        "not readable as an Excel workbook (.xlsx): File name in directory 'xl/worksheets/sheet1.xml' and "
        "header b'xl/worksheets/sheetX.xml' differ."
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda xml: (XXE + xml).replace("<v>", "<v>&xxe;", 1),
            f"{SHEET} declares a DTD (<!DOCTYPE ...>), which Excel files never do",
        ),
        (
            lambda xml: xml.replace("<v>", "<v>&undefined;", 1),
            f"not readable as an Excel workbook (.xlsx): {SHEET} is not well-formed XML: undefined entity "
            "(line 1)",
        ),
    ],
    ids=["external entity", "undefined entity"],
)
def test_a_sheet_with_a_dtd_or_not_well_formed_is_refused(tmp_path, edit, message):
    assert refusal(tmp_path, with_sheet_edit(edit)) == message


def test_a_workbook_without_content_types_or_of_too_many_parts_is_refused(tmp_path):
    parts = workbook_parts()
    del parts["[Content_Types].xml"]
    assert refusal(tmp_path / "a", zipped(parts)) == (
        "not readable as an Excel workbook (.xlsx): it has no [Content_Types].xml"
    )
    many = {**workbook_parts(), **{f"customXml/{i}.bin": b"" for i in range(MAX_WORKBOOK_PARTS)}}
    assert refusal(tmp_path / "b", zipped(many, zipfile.ZIP_STORED)) == (
        "more than 10,000 parts; an Excel workbook has a few dozen"
    )
