"""Pictures of the slides and pages that changed, and a contact sheet of all of them, in OUTPUT/preview/.

The deck goes through LibreOffice (pptx -> PDF) and both PDFs through poppler's pdftoppm; each is an
optional tool, and without it the preview says so in one line and the build stands. Rendering is what
costs, so only what changed is rendered: a slide is its XML and the parts it shows (pictures, charts)
with the layouts, masters and theme around it; a page is its content streams and what they draw (fonts
by name only: a font's subset grows with text elsewhere without changing this page). The digests of what
was last rendered are kept in OUTPUT/.cache/preview.json.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from aigap_docs.atomic import replacing

DPI = 60
TOOL_SECONDS = 300
"""LibreOffice's first start with a new profile is slow on a busy machine."""
THUMBNAIL = 320
"""A contact sheet cell's side, in pixels."""

_SHARED_PARTS = re.compile(r"ppt/(slideMasters|slideLayouts|theme)/[^/]+\.xml|ppt/presentation\.xml")
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SLIDE_ID = "{http://schemas.openxmlformats.org/presentationml/2006/main}sldId"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NUMBERED = re.compile(r"(slide|page)-(\d+)\.png")


@dataclass
class Previewed:
    """What a preview rendered and removed, and what it could not do (a missing tool)."""

    folder: Path
    rendered: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.rendered and not self.removed:
            return f"Preview up to date: {self.folder}"
        count = len(self.rendered)
        return f"Preview: {count} picture{'s' if count != 1 else ''} rendered in {self.folder}"


class PreviewSession:
    """A LibreOffice profile kept for the session's conversions: a fresh profile costs seconds a start."""

    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="aigap-docs-lo-"))

    def close(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)


def write_previews(files: list[Path], output: Path, session: PreviewSession | None = None) -> Previewed:
    """Render the slides of each .pptx and the pages of each .pdf in `files` that differ from the last
    pictures, remove pictures of slides or pages that no longer exist, and redo the contact sheet."""
    from aigap_docs.pipeline import exclusive

    own = session or PreviewSession()
    try:
        with exclusive(output):
            return _write(files, output, own)
    finally:
        if session is None:
            own.close()


def _write(files: list[Path], output: Path, session: PreviewSession) -> Previewed:
    folder = output / "preview"
    state_path = output / ".cache" / "preview.json"
    try:
        state: dict[str, str] = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    result = Previewed(folder)
    if shutil.which("pdftoppm") is None:
        result.problems.append("pdftoppm not found: install poppler-utils to write previews")
        return result
    for file in files:
        kind = {".pptx": "slide", ".pdf": "page"}.get(file.suffix)
        if kind is None:
            continue
        data = file.read_bytes()
        digests = slide_digests(data) if kind == "slide" else page_digests(data)
        wanted = {f"{kind}-{n}.png": digest for n, digest in enumerate(digests, 1)}
        for name in sorted(set(state) - set(wanted)):
            if name.startswith(f"{kind}-"):
                state.pop(name)
                (folder / name).unlink(missing_ok=True)
                result.removed.append(folder / name)
        changed = [
            n
            for n, name in enumerate(wanted, 1)
            if state.get(name) != wanted[name] or not (folder / name).is_file()
        ]
        if changed:
            for name in _render(file, kind, changed, folder, session, result.problems):
                state[name] = wanted[name]
                result.rendered.append(folder / name)
    if result.rendered or result.removed or not (folder / "contact.png").is_file():
        _contact_sheet(folder)
    with replacing(state_path) as handle:
        handle.write(json.dumps(state, indent=1, sort_keys=True).encode())
    return result


def slide_digests(data: bytes) -> list[str]:
    """Per slide, in order: a digest of its XML, the parts it shows, and the layouts, masters and theme."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        shared = hashlib.sha256()
        for name in sorted(n for n in names if _SHARED_PARTS.fullmatch(n)):
            shared.update(name.encode() + package.read(name))
        targets = _relationships(package, "ppt/presentation.xml")
        order = ElementTree.fromstring(package.read("ppt/presentation.xml")).iter(_SLIDE_ID)
        digests = []
        for slide in (targets[element.get(_R_ID, "")] for element in order):
            digest = shared.copy()
            digest.update(package.read(slide))
            for part in sorted(_relationships(package, slide).values()):
                if part in names and "notesSlide" not in part:
                    digest.update(part.encode() + package.read(part))
            digests.append(digest.hexdigest())
    return digests


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """A part's internal relationships: id -> the target part's name."""
    folder, name = posixpath.split(part)
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in package.namelist():
        return {}
    return {
        rel.get("Id", ""): posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        for rel in ElementTree.fromstring(package.read(rels)).iter(_RELS)
        if rel.get("TargetMode") != "External"
    }


def page_digests(data: bytes) -> list[str]:
    """Per page, in order: a digest of its content and everything it draws, fonts by name only."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        digests = []
        for page in pdf.pages:
            digest = hashlib.sha256()
            for chunk in _walk(page.obj, set()):
                digest.update(chunk)
            digests.append(digest.hexdigest())
    return digests


_NOT_DRAWN = {"/Parent", "/P", "/StructParents", "/StructParent", "/Annots", "/Metadata"}
"""Page keys that link to the document's other pages or structure, not to what the page shows."""


def _walk(obj: object, seen: set[tuple[int, int]]) -> Iterator[bytes]:
    import pikepdf

    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        if obj.objgen in seen:
            yield b"<again>"  # object numbers differ between builds: only say it repeats
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Stream):
        yield from _walk_dict(obj.stream_dict, seen)
        yield obj.read_raw_bytes()
    elif isinstance(obj, pikepdf.Dictionary):
        yield from _walk_dict(obj, seen)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            yield from _walk(item, seen)
            yield b","
    else:
        yield repr(obj).encode()


def _walk_dict(dictionary: object, seen: set[tuple[int, int]]) -> Iterator[bytes]:
    for key in sorted(dictionary.keys()):  # type: ignore[attr-defined]
        if key in _NOT_DRAWN or key == "/Length":
            continue
        yield key.encode()
        value = dictionary[key]  # type: ignore[index]
        if key == "/Font":
            yield from (f"{name}={value[name].get('/BaseFont')};".encode() for name in sorted(value.keys()))
        else:
            yield from _walk(value, seen)


def _render(
    file: Path, kind: str, numbers: list[int], folder: Path, session: PreviewSession, problems: list[str]
) -> list[str]:
    """Render the numbered slides or pages of `file` into `folder`; the names rendered."""
    with tempfile.TemporaryDirectory(prefix="aigap-docs-preview-") as scratch:
        pdf = file
        if kind == "slide":
            converted = _deck_pdf(file, Path(scratch), session, problems)
            if converted is None:
                return []
            pdf = converted
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for number in numbers:
            stem = Path(scratch) / f"{kind}-{number}"
            _run(
                ["pdftoppm", "-png", "-r", str(DPI), "-f", str(number), "-l", str(number), "-singlefile"]
                + [str(pdf), str(stem)]
            )
            with replacing(folder / f"{kind}-{number}.png") as handle:
                handle.write(stem.with_suffix(".png").read_bytes())
            names.append(f"{kind}-{number}.png")
    return names


def _deck_pdf(deck: Path, scratch: Path, session: PreviewSession, problems: list[str]) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        problems.append("soffice not found: install LibreOffice Impress to preview slides")
        return None
    profile = f"-env:UserInstallation={session.profile.resolve().as_uri()}"
    try:
        _run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(scratch), str(deck)])
    except subprocess.CalledProcessError:
        problems.append(f"cannot render {deck.name}: LibreOffice could not convert it")
        return None
    converted = scratch / f"{deck.stem}.pdf"
    if not converted.is_file():
        problems.append(f"cannot render {deck.name}: LibreOffice wrote no PDF")
        return None
    return converted


def _run(command: list[str]) -> None:
    """Run a tool in its own session (Ctrl-C in the terminal is the watcher's to handle); `run` kills it
    if we are interrupted meanwhile."""
    subprocess.run(command, check=True, capture_output=True, timeout=TOOL_SECONDS, start_new_session=True)


def _contact_sheet(folder: Path) -> None:
    """All slides, then all pages, as thumbnails in rows of four: contact.png."""
    from PIL import Image

    pictures = sorted(
        (path for path in folder.glob("*.png") if _NUMBERED.fullmatch(path.name)),
        key=lambda path: (path.name.startswith("page"), int(_NUMBERED.fullmatch(path.name).group(2))),  # type: ignore[union-attr]
    )
    if not pictures:
        (folder / "contact.png").unlink(missing_ok=True)
        return
    columns, gap = 4, 8
    rows = -(-len(pictures) // columns)
    cell = THUMBNAIL + gap
    sheet = Image.new("RGB", (columns * cell + gap, rows * cell + gap), "#888888")
    for i, path in enumerate(pictures):
        with Image.open(path) as picture:
            picture.thumbnail((THUMBNAIL, THUMBNAIL))
            x = gap + (i % columns) * cell + (THUMBNAIL - picture.width) // 2
            y = gap + (i // columns) * cell + (THUMBNAIL - picture.height) // 2
            sheet.paste(picture.convert("RGB"), (x, y))
    with replacing(folder / "contact.png") as handle:
        sheet.save(handle, format="PNG")
