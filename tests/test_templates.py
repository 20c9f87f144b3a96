"""The template corpus (tests/templates/): the minimal and the default report build a deck on every template,
and the default report's deck looks as the template designed it (issue 13's acceptance), read from its XML."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation

from aigap_docs.exporters.deck.boxes import Box
from aigap_docs.exporters.deck.template import Template, layout_keys, read_template

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "templates"
MINIMAL = Path(__file__).parent / "fixtures" / "good" / "minimal"
DEFAULT = ROOT / "content" / "aigap-2025"
EXPECTED_WARNINGS = "expected-warnings.txt"
"""Per template folder: the contrast warnings the default report's build prints, one `field: message` a
line (lines starting with # are comments); an empty file when none is expected."""

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

REFUSED_TODAY: dict[str, str] = {}
"""Templates whose decks do not build yet: template folder -> the error, for an xfail."""

# Known defects, each a strict xfail naming it: when it is fixed the test passes and pytest says so, and
# the entry goes. Template folder -> what is wrong.
NOT_INHERITED: dict[str, str] = {}
"""Placeholder text that still names a font, colour or inset of its own."""
FLOATING_FOOTER: dict[str, str] = {}
"""Footer or slide number drawn as floating text boxes though the layout has their placeholders."""
COVERING: dict[str, str] = {}
"""Added shapes that cover a picture or shape of the master or layout."""
FALSE_CONTRAST: dict[str, str] = {}
"""Contrast warnings that are wrong (the text does not stand where it is judged). Their
expected-warnings.txt holds what should be printed (the true warnings only), so the test fails until the
check is fixed."""


def _folders() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_dir())


def _template(folder: Path) -> Path:
    (template,) = sorted(folder.glob("template.p[po]tx"))
    return template


def _templates(extra: dict[str, str] | None = None) -> list:
    """One param per corpus template; xfail where refused today, and (strict) where `extra` names it."""
    params = []
    for folder in _folders():
        marks = []
        if folder.name in REFUSED_TODAY:
            marks.append(pytest.mark.xfail(strict=False, reason=REFUSED_TODAY[folder.name]))
        elif extra and folder.name in extra:
            marks.append(pytest.mark.xfail(strict=True, reason=extra[folder.name]))
        params.append(pytest.param(_template(folder), id=folder.name, marks=marks))
    return params


def _slide_size(template: Path) -> tuple[int, int]:
    """The template's slide size from ppt/presentation.xml (python-pptx does not open a .potx)."""
    with zipfile.ZipFile(template) as package:
        root = ElementTree.fromstring(package.read("ppt/presentation.xml"))
    size = root.find("p:sldSz", NS)
    return int(size.get("cx")), int(size.get("cy"))


def _build(report: Path, template: Path, out: Path) -> subprocess.CompletedProcess:
    """Copy `report` next to it with `template` in it and `template:` appended; build its slides."""
    copy = out.parent / f"{out.name}-report"
    shutil.copytree(report, copy)
    shutil.copyfile(template, copy / template.name)
    yaml = copy / "report.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + f"\ntemplate: {template.name}\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "aigap_docs", "-q", "-r", str(copy), "-o", str(out), "slides"],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("template", _templates())
def test_the_minimal_report_builds_on_the_template(template: Path, tmp_path: Path):
    done = _build(MINIMAL, template, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    (deck,) = (tmp_path / "out").glob("*.pptx")
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == _slide_size(template)
    assert len(prs.slides) == 10


def test_the_corpus_has_at_least_eight_templates_each_with_its_source_and_expected_warnings():
    folders = _folders()
    assert len(folders) >= 8
    for folder in folders:
        assert (folder / "SOURCE.md").is_file(), folder.name
        assert (folder / EXPECTED_WARNINGS).is_file(), folder.name


# --- the default report's deck on each template, built once per session ------------------------------


@dataclass(frozen=True)
class Built:
    """The default report built on one template: the run, and the deck read back."""

    template: Path
    done: subprocess.CompletedProcess
    deck: Path | None

    def slides(self) -> Iterator[tuple[int, ElementTree.Element, str, str]]:
        """Each slide's number (from 1), its XML root, its layout part and that layout's key (the name
        layout.py files it under: 'Blank #2' for a second 'Blank')."""
        with zipfile.ZipFile(self.deck) as package:
            part = _Parts(package)
            keys = part.layout_keys()
            for number, slide in enumerate(part.slides(), start=1):
                layout = part.layout_of(slide)
                yield number, part.xml(slide), layout, keys[layout]

    def layout_xml(self, layout: str) -> ElementTree.Element:
        with zipfile.ZipFile(self.deck) as package:
            return ElementTree.fromstring(package.read(layout))

    def contrast_warnings(self) -> list[str]:
        """The `field: message` part of each contrast warning the build printed: text, and the entities
        charts draw."""
        found = []
        subject = r"(?:text #\w+|chart '[^']*': entity '[^']*' in #\w+)"
        for line in self.done.stderr.splitlines():
            match = re.match(rf"warning: \S+?:\d+(?::\d+)?: (\S+: {subject} on #\w+ has contrast .*)$", line)
            if match:
                found.append(match.group(1))
        return found


class _Parts:
    """A deck's parts as the presentation lists them: slides in order, layouts under their masters."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self.package = package

    def xml(self, part: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.package.read(part))

    def related(self, part: str) -> dict[str, str]:
        folder, name = part.rsplit("/", 1)
        rels = self.xml(f"{folder}/_rels/{name}.rels")
        targets = {}
        for rel in rels.iter(REL):
            if rel.get("TargetMode") != "External":
                path = [*folder.split("/"), *rel.get("Target", "").split("/")]
                normal: list[str] = []
                for step in path:
                    if step == "..":
                        normal.pop()
                    elif step not in ("", "."):
                        normal.append(step)
                targets[rel.get("Id", "")] = "/".join(normal)
        return targets

    def slides(self) -> list[str]:
        targets = self.related("ppt/presentation.xml")
        ids = self.xml("ppt/presentation.xml").iterfind("p:sldIdLst/p:sldId", NS)
        return [targets[s.get(f"{{{NS['r']}}}id")] for s in ids]

    def layout_of(self, slide: str) -> str:
        return next(t for t in self.related(slide).values() if "/slideLayouts/" in t)

    def layout_keys(self) -> dict[str, str]:
        main = self.related("ppt/presentation.xml")
        parts, names = [], []
        for master_id in self.xml("ppt/presentation.xml").iterfind("p:sldMasterIdLst/p:sldMasterId", NS):
            master = main[master_id.get(f"{{{NS['r']}}}id")]
            targets = self.related(master)
            for layout_id in self.xml(master).iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
                layout = targets[layout_id.get(f"{{{NS['r']}}}id")]
                parts.append(layout)
                names.append(self.xml(layout).find("p:cSld", NS).get("name", ""))
        return dict(zip(parts, layout_keys(names), strict=True))


@pytest.fixture(scope="module")
def default_deck(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Built]:
    """The default report's deck on a template, built once per session and template."""
    built: dict[Path, Built] = {}

    def build(template: Path) -> Built:
        if template not in built:
            out = tmp_path_factory.mktemp(template.parent.name) / "out"
            done = _build(DEFAULT, template, out)
            decks = sorted(out.glob("*.pptx")) if done.returncode == 0 else []
            built[template] = Built(template, done, decks[0] if decks else None)
        return built[template]

    return build


def _deck(default_deck: Callable[[Path], Built], template: Path) -> Built:
    built = default_deck(template)
    assert built.done.returncode == 0, built.done.stdout + built.done.stderr
    return built


def _placeholder(shape: ElementTree.Element) -> ElementTree.Element | None:
    return shape.find("./*/p:nvPr/p:ph", NS)


def _text(shape: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in shape.iterfind(".//a:t", NS))


def _name(shape: ElementTree.Element) -> str:
    found = shape.find("./*/p:cNvPr", NS)
    return found.get("name", "") if found is not None else ""


def _box(shape: ElementTree.Element) -> Box | None:
    xfrm = shape.find("p:xfrm" if shape.tag.endswith("}graphicFrame") else "*/a:xfrm", NS)
    if xfrm is None or xfrm.find("a:off", NS) is None or xfrm.find("a:ext", NS) is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    return Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))


def _overlap(one: Box, other: Box) -> bool:
    return one.x < other.right and other.x < one.right and one.y < other.bottom and other.y < one.bottom


def _inside(box: Box, other: Box) -> bool:
    return other.x <= box.x and box.right <= other.right and other.y <= box.y and box.bottom <= other.bottom


def _report_label() -> str:
    from aigap_docs.loader import load_report

    return load_report(DEFAULT).label


@pytest.mark.parametrize("template", _templates())
def test_the_default_report_builds_on_the_template_at_its_size(default_deck, template: Path):
    from aigap_docs.loader import load_report

    built = _deck(default_deck, template)
    prs = Presentation(str(built.deck))
    assert (prs.slide_width, prs.slide_height) == _slide_size(template)
    assert len(prs.slides) == len(load_report(DEFAULT).slides)


@pytest.mark.parametrize("template", _templates(NOT_INHERITED))
def test_placeholder_text_inherits_the_templates_fonts_colours_and_insets(default_deck, template: Path):
    built = _deck(default_deck, template)
    wrong, runs = [], 0
    for number, slide, layout, _ in built.slides():
        kinds = (_placeholder(s) for s in built.layout_xml(layout).iterfind("p:cSld/p:spTree/*", NS))
        offered = {ph.get("type", "body") for ph in kinds if ph is not None}
        for shape in slide.iterfind("p:cSld/p:spTree/p:sp", NS):
            placeholder = _placeholder(shape)
            if placeholder is None or placeholder.get("type", "body") not in offered:
                continue  # a title placeholder of our own where the layout has none: nothing to inherit
            where = f"slide {number} {_name(shape)!r}"
            body = shape.find("p:txBody", NS)
            if body is None:
                continue
            insets = sorted(k for k in body.find("a:bodyPr", NS).attrib if k.endswith("Ins"))
            if insets:
                wrong.append(f"{where}: bodyPr sets {', '.join(insets)}")
            for run in body.iter(f"{{{NS['a']}}}rPr"):
                runs += 1
                latin = run.find("a:latin", NS)
                if latin is not None:
                    wrong.append(f"{where}: a run sets typeface {latin.get('typeface')!r}")
                if run.find("a:solidFill", NS) is not None:
                    wrong.append(f"{where}: a run sets a solid fill")
    assert runs, "no placeholder text to check"
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("template", _templates(FLOATING_FOOTER))
def test_footer_and_slide_number_go_into_the_layouts_own_placeholders(default_deck, template: Path):
    built = _deck(default_deck, template)
    label = _report_label()
    wrong = []
    for number, slide, layout, key in built.slides():
        kinds = (_placeholder(s) for s in built.layout_xml(layout).iterfind("p:cSld/p:spTree/*", NS))
        offered = {ph.get("type") for ph in kinds if ph is not None}
        shapes = list(slide.iterfind("p:cSld/p:spTree/*", NS))
        used = {_placeholder(s).get("type"): s for s in shapes if _placeholder(s) is not None}
        floating = [s for s in shapes if _placeholder(s) is None]
        if "ftr" in offered:
            if any(_text(s) == label for s in floating):
                wrong.append(f"slide {number} ({key!r}): the footer is a floating text box")
            if number > 1 and ("ftr" not in used or _text(used["ftr"]) != label):
                wrong.append(f"slide {number} ({key!r}): no footer placeholder holding {label!r}")
        if "sldNum" in offered:
            if any(_text(s) == str(number) and _name(s) == "Slide Number" for s in floating):
                wrong.append(f"slide {number} ({key!r}): the slide number is a floating text box")
            field = used["sldNum"].find(".//a:fld", NS) if "sldNum" in used else None
            if number > 1 and (field is None or field.get("type") != "slidenum"):
                wrong.append(f"slide {number} ({key!r}): no slide-number placeholder with its field")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("template", _templates(COVERING))
def test_nothing_added_covers_the_masters_or_layouts_pictures_and_shapes(default_deck, template: Path):
    """Pictures, tables and shapes we add lie clear of the decorations layout.py reads for the slide's
    layout (the master's and the layout's own pictures and shapes); text we add may stand on one only inside
    the box of a title or footer-row placeholder of the layout or master, where the template sets text
    itself. What goes into a placeholder is where the layout puts it."""
    built = _deck(default_deck, template)
    read: Template = read_template(template)
    wrong = []
    for number, slide, _, key in built.slides():
        decorations = read.decorations.get(key, ())
        texts = [
            box for kind, box in [*read.master.items(), *read.layouts.get(key, {}).items()] if kind != "body"
        ]
        for shape in slide.iterfind("p:cSld/p:spTree/*", NS):
            box = _box(shape)
            if box is None or _placeholder(shape) is not None:
                continue
            if _text(shape).strip() and any(_inside(box, other) for other in texts):
                continue
            for decoration in decorations:
                if _overlap(box, decoration):
                    wrong.append(f"slide {number} ({key!r}): {_name(shape)!r} {box} covers {decoration}")
    assert not wrong, "\n".join(wrong)


def _expected_warnings(template: Path) -> list[str]:
    text = (template.parent / EXPECTED_WARNINGS).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("template", _templates(FALSE_CONTRAST))
def test_contrast_warnings_are_exactly_the_expected_ones(default_deck, template: Path):
    built = _deck(default_deck, template)
    assert sorted(built.contrast_warnings()) == sorted(_expected_warnings(template))
