"""Templates and logos a build must refuse with one line naming the file, in bounded time and memory:
zip bombs, encryption, DTDs, slide sizes PowerPoint does not take, huge or thin logos (limits.py).

`check` plans the deck, reading the template's geometry and the logo, so each case is refused by `check`
and by the build alike. The broken-report corpus (tests/fixtures/broken/template-*, logo-*) has one case
of each kind run through the command line; the variants are here.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib

import pytest
from pptx import Presentation

from aigap_docs.errors import ExportError
from aigap_docs.exporters.deck import writer as pptx_deck
from aigap_docs.exporters.deck.plan import plan
from aigap_docs.exporters.deck.template import read_template
from aigap_docs.limits import MAX_TEMPLATE_BYTES, MAX_TEMPLATE_PARTS

from ...conftest import not_a_document
from ...test_limits import MINIMAL, PEAK_MB, run_measured

SLIDES = "  - layout: title\n  - layout: chart\n    title: Money\n    chart: investment-bar\n"
CORE = "docProps/core.xml"
MIB = 1024 * 1024


# --- making templates -----------------------------------------------------------------------------------


def default_parts() -> dict[str, bytes]:
    """The parts of python-pptx's default template, by name."""
    buffer = io.BytesIO()
    Presentation().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def with_part(name: str, edit) -> bytes:
    """The default template with part `name` replaced by `edit(its text)`."""
    parts = default_parts()
    parts[name] = edit(parts.get(name, b"").decode()).encode()
    return zipped(parts)


_HEADERS = {  # field: (offset in the local header, offset in the central directory's, struct format)
    "flags": (6, 8, "<H"),
    "method": (8, 10, "<H"),
    "crc": (14, 16, "<I"),
    "size": (22, 24, "<I"),
}


def patched(data: bytes, name: str, **fields: int) -> bytes:
    """The zip with fields of `name`'s local header and directory entry changed, as no zip writer would."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, name_at, column in ((b"PK\x03\x04", 30, 0), (b"PK\x01\x02", 46, 1)):
        start = out.find(signature)
        while start >= 0:
            if out[start + name_at : start + name_at + len(encoded)] == encoded:
                for field, value in fields.items():
                    at, fmt = _HEADERS[field][column], _HEADERS[field][2]
                    struct.pack_into(fmt, out, start + at, value)
            start = out.find(signature, start + 4)
    return bytes(out)


def bomb(parts: int, mib_each: int) -> bytes:
    """The default template with `parts` parts of `mib_each` MiB of zeros, in about 1 KB a MiB.

    Made as a stored part holding a deflate stream, then marked deflated, with the size and checksum of
    what it decompresses to: deflating a gigabyte would take seconds.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    mib = bytes(MIB)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)  # the same for every MiB
    stream = block * mib_each + compressor.flush()
    crc = 0
    for _ in range(mib_each):
        crc = zlib.crc32(mib, crc)
    names = [f"ppt/media/bomb{i}.bin" for i in range(parts)]
    data = zipped({**default_parts(), **dict.fromkeys(names, stream)}, zipfile.ZIP_STORED)
    for name in names:
        data = patched(data, name, method=zipfile.ZIP_DEFLATED, size=mib_each * MIB, crc=crc)
    return data


def png(width: int, height: int) -> bytes:
    """A black-and-white PNG of any size in a few KB (Pillow would hold every pixel to write one)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = (b"\0" * (1 + (width + 7) // 8)) * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# --- what check and build say -----------------------------------------------------------------------------


def refusal(report_with, build_deck, extra: str, name: str, data: bytes) -> str:
    """The one line both `check` (the deck's plan) and the build refuse the report with."""
    report, theme = report_with(SLIDES, extra, {name: data})
    not_a_document(report_with.folder / name)
    lines = []
    for attempt in (lambda: plan(report, theme), lambda: build_deck(report, theme)):
        with pytest.raises(ExportError) as raised:
            attempt()
        lines.append([str(problem) for problem in raised.value.problems])
    assert lines[0] == lines[1] and len(lines[0]) == 1, lines
    return lines[0][0]


def template_refusal(report_with, build_deck, data: bytes) -> str:
    """What is said after the template's name, which must start the line."""
    line = refusal(report_with, build_deck, "template: brand.pptx", "brand.pptx", data)
    shown = f"{report_with.folder}/brand.pptx: "
    assert line.startswith(shown), line
    return line[len(shown) :]


def builds(report_with, build_deck, template: bytes) -> None:
    report, theme = report_with(SLIDES, "template: brand.pptx", {"brand.pptx": template})
    assert len(Presentation(io.BytesIO(build_deck(report, theme).data)).slides) == 2


# --- XML: no DTD, well-formed -----------------------------------------------------------------------------

XXE = '<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (  # &l9; is a billion "ha"s
    '<!DOCTYPE l [<!ENTITY l0 "ha">'
    + "".join(f'<!ENTITY l{i} "{10 * f"&l{i - 1};"}">' for i in range(1, 10))
    + "]>"
)


def after_declaration(doctype: str, entity: str = "", element: str = "<dc:description>"):
    """An edit putting `doctype` after the XML declaration and `entity` at the start of `element`."""
    return lambda xml: xml.replace("?>", "?>" + doctype, 1).replace(element, element + entity, 1)


@pytest.mark.parametrize(
    ("part", "edit", "message"),
    [
        (  # python-pptx keeps the entity unresolved: before, a deck nothing could open, with exit 0
            CORE,
            after_declaration(XXE, "&xxe;"),
            f"{CORE} declares a DTD (<!DOCTYPE ...>), which PowerPoint files never do",
        ),
        (
            "ppt/slideLayouts/slideLayout1.xml",
            after_declaration(LAUGHS, "&l9;", "<a:t>"),
            "ppt/slideLayouts/slideLayout1.xml declares a DTD (<!DOCTYPE ...>), which PowerPoint files never do",
        ),
        (
            "ppt/presentation.xml",
            after_declaration("<!DOCTYPE p:presentation>"),
            "ppt/presentation.xml declares a DTD (<!DOCTYPE ...>), which PowerPoint files never do",
        ),
        (  # before, only the build saw it: check read the layouts, not the properties
            CORE,
            after_declaration("", "&undefined;"),
            "not a PowerPoint template (.pptx or .potx): "
            f"{CORE} is not well-formed XML: undefined entity (line 2)",
        ),
    ],
    ids=["external entity", "billion laughs", "doctype only", "undefined entity"],
)
def test_a_template_part_with_a_dtd_or_not_well_formed_is_refused(
    report_with, build_deck, part, edit, message
):
    assert template_refusal(report_with, build_deck, with_part(part, edit)) == message


def test_a_dtd_is_found_in_any_encoding_and_in_a_part_xml_only_by_its_content_type(report_with, build_deck):
    parts = default_parts()
    parts["customXml/item1.dat"] = ('<?xml version="1.0" encoding="UTF-16"?>' + XXE + "<c/>").encode("utf-16")
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", '<Override PartName="/customXml/item1.dat" ContentType="application/xml"/></Types>'
    ).encode()
    assert template_refusal(report_with, build_deck, zipped(parts)) == (
        "customXml/item1.dat declares a DTD (<!DOCTYPE ...>), which PowerPoint files never do"
    )


# --- slide size and placeholders ----------------------------------------------------------------------------


def with_slide_width(value: str) -> bytes:
    return with_part("ppt/presentation.xml", lambda xml: xml.replace('cx="9144000"', f'cx="{value}"', 1))


@pytest.mark.parametrize("width", ["0", "-9144000", "914399", "51206401", "100000000000000000000"])
def test_a_slide_size_powerpoint_does_not_take_is_refused(report_with, build_deck, width):
    assert template_refusal(report_with, build_deck, with_slide_width(width)) == (
        f"ppt/presentation.xml: slide size {int(width):,} x 6,858,000 EMU; PowerPoint's slides are 1 to 56 "
        "inches (914,400 to 51,206,400 EMU) a side"
    )


@pytest.mark.parametrize("width", ["abc", "1e7", "9144000.5", ""])
def test_a_slide_size_that_is_not_a_whole_number_is_refused(report_with, build_deck, width):
    assert template_refusal(report_with, build_deck, with_slide_width(width)) == (
        f"ppt/presentation.xml: cx={width!r} is not a whole number of EMU"
    )


@pytest.mark.parametrize("width", [914400, 51206400])
def test_the_narrowest_and_widest_slides_powerpoint_takes_are_read(tmp_path, width):
    path = not_a_document(tmp_path / "brand.pptx")
    path.write_bytes(with_slide_width(str(width)))
    assert read_template(path).size == (width, 6858000)


def test_a_placeholder_position_that_is_not_a_whole_number_is_refused(report_with, build_deck):
    part = "ppt/slideLayouts/slideLayout1.xml"
    template = with_part(part, lambda xml: xml.replace('<a:off x="685800"', '<a:off x="abc"', 1))
    assert (
        template_refusal(report_with, build_deck, template) == f"{part}: x='abc' is not a whole number of EMU"
    )


MASTER = "ppt/slideMasters/slideMaster1.xml"


def with_master_sizes(size: int) -> bytes:
    """The default template with every box of its master `size` EMU wide and tall."""
    return with_part(
        MASTER, lambda xml: re.sub(r'<a:ext cx="\d+" cy="\d+"/>', f'<a:ext cx="{size}" cy="{size}"/>', xml)
    )


def test_placeholders_reaching_beyond_the_slide_are_cut_to_it(report_with, build_deck):
    # Before, the chart was drawn 10^12 EMU wide: matplotlib's traceback.
    template = with_master_sizes(10**12)
    report, theme = report_with(SLIDES, "template: brand.pptx", {"brand.pptx": template})
    geometry = plan(report, theme).geometry
    assert (geometry.body.right, geometry.body.bottom) == geometry.size
    builds(report_with, build_deck, template)


def test_a_body_too_small_to_plan_in_is_refused(report_with, build_deck):
    # Before, a chart of negative size: matplotlib's traceback.
    assert template_refusal(report_with, build_deck, with_master_sizes(10)) == (
        "the body of layout 'Title and Content' is 0.00 x 0.00 in on the slide; charts, tables and text "
        "need at least 4 x 2 in"
    )


def test_a_template_without_a_title_placeholder_is_refused(report_with, build_deck):
    # Before, a KeyError's traceback.
    template = with_part(MASTER, lambda xml: xml.replace('<p:ph type="title"/>', '<p:ph type="clipArt"/>'))
    report, theme = report_with(SLIDES, "template: brand.pptx", {"brand.pptx": template})
    for attempt in (lambda: plan(report, theme), lambda: build_deck(report, theme)):
        with pytest.raises(ExportError) as raised:
            attempt()
        assert [problem.message for problem in raised.value.problems] == [
            f"layout {name!r}: its title placeholder has no position, nor has the master's"
            for name in ("Title and Content", "Title Only")
        ]


# --- the zip --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"flags": 0x1}, f"{CORE} is encrypted: save the template without a password"),
        ({"method": 99}, f"{CORE} is encrypted: save the template without a password"),  # AES
        (
            {"method": 9},
            f"{CORE} is compressed with method 9: PowerPoint reads only stored and deflated parts",
        ),
    ],
    ids=["encrypted", "aes", "deflate64"],
)
def test_an_encrypted_part_or_one_zipfile_cannot_decompress_is_refused(
    report_with, build_deck, fields, message
):
    # Before, check passed (it reads the layouts only) and the build ended in zipfile's traceback.
    template = patched(zipped(default_parts()), CORE, **fields)
    assert template_refusal(report_with, build_deck, template) == message


def test_a_part_compressed_as_powerpoint_cannot_read_is_refused(report_with, build_deck):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in default_parts().items():
            package.writestr(name, data, zipfile.ZIP_BZIP2 if name == CORE else zipfile.ZIP_DEFLATED)
    assert template_refusal(report_with, build_deck, buffer.getvalue()) == (
        f"{CORE} is compressed with method 12: PowerPoint reads only stored and deflated parts"
    )


def test_a_template_that_decompresses_100_times_its_size_is_refused(report_with, build_deck):
    template = bomb(parts=2, mib_each=10)
    total = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(template)).infolist())
    assert total < MAX_TEMPLATE_BYTES
    assert template_refusal(report_with, build_deck, template) == (
        f"its parts decompress to {total // len(template):,} times the size of the file (a zip bomb?); "
        "a template may decompress to at most 100 times"
    )


def test_a_template_file_over_the_size_limit_is_refused_before_it_is_read(report_with, build_deck):
    template = bytes(MAX_TEMPLATE_BYTES) + zipped(default_parts())  # a zip may follow other data
    assert template_refusal(report_with, build_deck, template) == "the file is larger than 50 MB"


def test_a_template_of_more_parts_than_the_limit_is_refused(report_with, build_deck):
    parts = {**default_parts(), **{f"customXml/{i}.bin": b"" for i in range(MAX_TEMPLATE_PARTS)}}
    assert template_refusal(report_with, build_deck, zipped(parts, zipfile.ZIP_STORED)) == (
        "more than 10,000 parts; a PowerPoint template has a few hundred"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            lambda: bomb(parts=1, mib_each=1024),
            "ppt/media/bomb0.bin decompresses to 1,024 MB; a part of a template may have at most 20 MB",
        ),
        (
            lambda: bomb(parts=64, mib_each=16),
            "its parts decompress to 1,024 MB; a template may have at most 50 MB",
        ),
        (  # zipfile returns the declared size, but read() decompressed up to 2 GB to cut it from (2.1 GB)
            lambda: patched(bomb(parts=1, mib_each=1024), "ppt/media/bomb0.bin", size=1000),
            "not a PowerPoint template (.pptx or .potx): Bad CRC-32 for file 'ppt/media/bomb0.bin'",
        ),
    ],
    ids=["a gigabyte in one part", "a gigabyte in 64 parts", "a gigabyte declared as a kilobyte"],
)
def test_a_zip_bomb_template_is_refused_in_bounded_time_and_memory(tmp_path, template, message):
    # Before, the first two built with exit 0 at a peak of 2.2 and 1.2 GB. The command runs with 30 s of CPU
    # and 3 GB of address space, so a bomb that got past the checks would fail the test rather than the machine.
    folder = tmp_path / "content" / "bomb"
    shutil.copytree(MINIMAL, folder)
    (folder / "brand.pptx").write_bytes(template())
    not_a_document(folder / "brand.pptx")
    with (folder / "report.yaml").open("a", encoding="utf-8") as yaml:
        yaml.write("template: brand.pptx\n")
    run = run_measured("--report", str(folder), "--output", str(tmp_path / "output"), "build")
    assert run.code == 1, run.err
    assert run.err.splitlines() == [
        f"{folder}/brand.pptx: {message}",
        f"Error: 1 problem in {folder} (nothing was written)",
    ]
    assert run.peak_mb < PEAK_MB


# --- the deck written -------------------------------------------------------------------------------------------


def test_a_deck_python_pptx_cannot_open_again_is_an_error_not_an_output(report_with, build_deck, monkeypatch):
    written = pptx_deck._reproducible

    def broken(members, report) -> bytes:  # what a template python-pptx misreads could lead to
        return written(members, report).replace(b"PK\x01\x02", b"PK\x01\x00", 1)

    monkeypatch.setattr(pptx_deck, "_reproducible", broken)
    report, theme = report_with(SLIDES)
    with pytest.raises(ExportError) as raised:
        build_deck(report, theme)
    [problem] = raised.value.problems
    assert str(problem).startswith(f"{report_with.folder}/report.yaml:")
    assert "the deck built does not open again: " in str(problem)


# --- logos ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (5_001, 5_000, "is 5,001 x 5,000 pixels; a logo may have at most 25,000,000 pixels"),
        (
            10_000,
            10_000,
            "is 10,000 x 10,000 pixels; a logo may have at most 25,000,000 pixels",
        ),  # Pillow warns
        (
            20_000,
            10_000,
            "has more than 178,956,970 pixels; a logo may have at most 25,000,000 pixels",
        ),  # refuses
        (
            60_000,
            1,
            "is 60,000 x 1 pixels; a logo may be at most 20 times as wide as tall, or as tall as wide",
        ),
        (10, 201, "is 10 x 201 pixels; a logo may be at most 20 times as wide as tall, or as tall as wide"),
    ],
)
def test_a_logo_of_too_many_pixels_or_too_thin_is_refused_at_the_logo_field(
    report_with, build_deck, width, height, message
):
    line = refusal(report_with, build_deck, "logo: logo.png", "logo.png", png(width, height))
    assert line.endswith(f": logo: 'logo.png' {message}")


def test_a_logo_file_over_the_size_limit_is_refused(report_with, build_deck):
    logo = png(200, 100) + bytes(20 * MIB)  # what follows the image's end is never drawn, but kept
    line = refusal(report_with, build_deck, "logo: logo.png", "logo.png", logo)
    assert line.endswith(": logo: 'logo.png' is larger than 20 MB")


def test_a_logo_at_the_limits_builds(report_with, build_deck):
    report, theme = report_with(SLIDES, "logo: logo.png", {"logo.png": png(4_000, 200)})
    assert build_deck(report, theme).data


def test_a_huge_logo_is_refused_without_pillows_warning(tmp_path):
    folder = tmp_path / "content" / "logo"
    shutil.copytree(MINIMAL, folder)
    (folder / "logo.png").write_bytes(png(10_000, 10_000))
    with (folder / "report.yaml").open("a", encoding="utf-8") as yaml:
        yaml.write("logo: logo.png\n")
    run = run_measured("--report", str(folder), "--output", str(tmp_path / "output"), "build")
    assert run.code == 1
    problem, summary = run.err.splitlines()
    assert problem.endswith(
        ": logo: 'logo.png' is 10,000 x 10,000 pixels; a logo may have at most 25,000,000 pixels"
    )
    assert summary == f"Error: 1 problem in {folder} (nothing was written)"
