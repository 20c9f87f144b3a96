"""`aigap-docs template FILE`: what a template offers a deck, what it lacks, and a preview built with it.

The description reads the template as planning does (layout.py) and adds what only a person choosing a
template needs: every placeholder of every layout as written, with its index. The preview is a small
built-in report built through the normal pipeline on the template, so it is exactly what a deck made
with it looks like.
"""

from __future__ import annotations

import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from aigap_docs.errors import ExportError, Problem, SourceRef
from aigap_docs.exporters.deck import contrast
from aigap_docs.exporters.deck.boxes import EMU_PER_INCH, Box
from aigap_docs.exporters.deck.layout import template_geometry
from aigap_docs.exporters.deck.looks import GENERIC_TYPES, NS
from aigap_docs.exporters.deck.package import read_package
from aigap_docs.exporters.deck.roles import ROLES, Role
from aigap_docs.exporters.deck.template import Template, read_template

ROLE_LABELS: dict[Role, str] = {
    "cover": "cover and closing slides",
    "section": "section dividers",
    "text": "bullet, takeaway and source slides",
    "content": "chart, table and number slides",
}


@dataclass(frozen=True)
class Placeholder:
    """A layout's placeholder as written: its type, its index, its box (its master's if it has none)."""

    kind: str
    idx: int
    box: Box | None


@dataclass(frozen=True)
class LayoutSummary:
    name: str
    placeholders: tuple[Placeholder, ...]
    roles: tuple[Role, ...]
    """The roles the deck would make slides of this layout for (none: unused)."""


@dataclass(frozen=True)
class Inspection:
    """What `aigap-docs template` prints."""

    name: str
    size: tuple[int, int]
    layouts: tuple[LayoutSummary, ...]
    fonts: tuple[str, str]
    """The theme's heading and body typefaces ('' if it names none)."""
    colours: dict[str, str]
    problems: tuple[Problem, ...]

    def lines(self) -> list[str]:
        """The inspection as the command prints it."""
        width, height = (side / EMU_PER_INCH for side in self.size)
        out = [f"{self.name}: slides {width:.2f} x {height:.2f} in ({_aspect(self.size)})"]
        heading, body = (font or "(none)" for font in self.fonts)
        out.append(f"theme fonts: headings {heading}, body {body}")
        scheme = [f"{slot} {self.colours[slot]}" for slot in contrast.SCHEME_SLOTS if slot in self.colours]
        out.append(f"theme colours: {', '.join(scheme) or '(none)'}")
        out.append(f"layouts ({len(self.layouts)}):")
        for layout in self.layouts:
            serves = "; ".join(ROLE_LABELS[role] for role in layout.roles) or "not used"
            out.append(f"  {layout.name!r}: {serves}")
            for placeholder in layout.placeholders:
                out.append(f"    {placeholder.kind:<10} idx {placeholder.idx:<3} {_inches(placeholder.box)}")
            if not layout.placeholders:
                out.append("    (no placeholders)")
        out.append(f"problems ({len(self.problems)}):" if self.problems else "problems: none")
        out += [f"  {problem}" for problem in self.problems]
        return out


def inspect_template(path: Path, name: str = "") -> Inspection:
    """Describe the template at `path` (shown as `name`); ExportError, one line, if it cannot be read."""
    shown = name or str(path)
    template = read_template(path, shown)
    problems: list[Problem] = []
    try:
        template_geometry(template)
    except ExportError as error:
        problems += error.problems
    roles = template.roles()
    placeholders = _placeholders(read_package(path, shown), template)
    layouts = tuple(
        LayoutSummary(
            layout,
            placeholders.get(layout, ()),
            tuple(role for role in ROLES if roles[role] == layout),
        )
        for layout in template.layouts
    )
    problems += _low_contrast(template)
    theme = template.theme
    return Inspection(
        shown, template.size, layouts, (theme.major_font, theme.minor_font), theme.colours, tuple(problems)
    )


def _low_contrast(template: Template) -> list[Problem]:
    """Layouts whose title or body text, as their text styles colour and size it, is hard to read on the
    placeholder's own fill, the master's or layout's shape under it, or the layout's background."""
    problems = []
    where = SourceRef(template.name or str(template.path))
    for layout, looks in template.looks.items():
        backdrop = template.backdrops.get(layout)
        if backdrop is None:
            continue
        for kind in ("title", "body"):
            look = looks.get(kind)
            if look is None:
                continue
            colour = look.colour or backdrop.text
            size, bold = look.size or 18.0, bool(look.bold)
            behind = backdrop.behind(kind, template.placeholder(layout, kind))
            short = contrast.shortfall(colour, behind, size, bold) if colour else None
            if short:
                problems.append(
                    Problem(
                        where,
                        f"layout {layout!r}: {kind} text {colour} on {short[1]} has contrast "
                        f"{contrast.shown_ratio(short[0])}; needs {contrast.needed(size, bold):g}:1",
                    )
                )
    return problems


def _placeholders(parts: dict[str, bytes], template: Template) -> dict[str, tuple[Placeholder, ...]]:
    """Each layout's placeholders as written, in order (the first layout of a name, as layout.py reads)."""

    def xml(part: str) -> ElementTree.Element:
        return ElementTree.fromstring(parts[part])

    def related(part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if rels_part not in parts:
            return {}
        return {
            rel.get("Id", ""): posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            for rel in xml(rels_part).findall("rel:Relationship", NS)
            if rel.get("TargetMode") != "External"
        }

    found: dict[str, tuple[Placeholder, ...]] = {}
    main = "ppt/presentation.xml"
    targets = related(main)
    for master_id in xml(main).iterfind("p:sldMasterIdLst/p:sldMasterId", NS):
        master_part = targets.get(master_id.get(f"{{{NS['r']}}}id", ""), "")
        if master_part not in parts:
            continue
        master = xml(master_part)
        layouts = related(master_part)
        for layout_id in master.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
            layout_part = layouts.get(layout_id.get(f"{{{NS['r']}}}id", ""), "")
            if layout_part not in parts:
                continue
            layout = xml(layout_part)
            data = layout.find("p:cSld", NS)
            label = data.get("name", "") if data is not None else ""
            if label in found:
                continue
            boxes = template.layouts.get(label, {})
            listed = []
            for ph in layout.iterfind("p:cSld/p:spTree//p:nvPr/p:ph", NS):
                kind = ph.get("type", "obj")
                idx = ph.get("idx", "0")
                listed.append(Placeholder(kind, int(idx) if idx.isdigit() else 0, None))
            own = _own_boxes(layout)
            found[label] = tuple(
                Placeholder(
                    p.kind, p.idx, own.get((p.kind, p.idx)) or boxes.get(GENERIC_TYPES.get(p.kind, p.kind))
                )
                for p in listed
            )
    return found


def _own_boxes(layout: ElementTree.Element) -> dict[tuple[str, int], Box]:
    """The boxes the layout's placeholders give themselves, by (type, idx)."""
    boxes = {}
    for shape in layout.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        offset = shape.find("p:spPr/a:xfrm/a:off", NS)
        extent = shape.find("p:spPr/a:xfrm/a:ext", NS)
        if ph is None or offset is None or extent is None:
            continue
        try:
            box = Box(
                *(
                    int(e.get(k, "0"))
                    for e, k in ((offset, "x"), (offset, "y"), (extent, "cx"), (extent, "cy"))
                )
            )
        except ValueError:
            continue
        idx = ph.get("idx", "0")
        boxes.setdefault((ph.get("type", "obj"), int(idx) if idx.isdigit() else 0), box)
    return boxes


def _inches(box: Box | None) -> str:
    if box is None:
        return "(no box)"
    x, y, w, h = (value / EMU_PER_INCH for value in (box.x, box.y, box.w, box.h))
    return f"at {x:.2f}, {y:.2f} in, {w:.2f} x {h:.2f} in"


def _aspect(size: tuple[int, int]) -> str:
    ratio = size[0] / size[1]
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10), ("A4", 297 / 210)):
        if abs(ratio - value) < 0.01:
            return name
    return f"{ratio:.2f}:1"


# --- the preview ---------------------------------------------------------------------------------------

SAMPLE_REPORT = """\
title: Template preview
subtitle: One slide for each kind of layout this deck uses
short_title: Template preview
date: 2025-01-01
authors: [aigap-docs]
language: en
template: TEMPLATE

sources:
  sample:
    title: A sample source
    publisher: Example Institute
    year: 2025
    url: https://example.org/source

datasets:
  sample:
    file: data/sample.csv
    source: sample
    columns:
      region: {type: text, label: Region}
      value_2023: {type: number, unit: units, label: "2023"}
      value_2024: {type: number, unit: units, label: "2024"}

charts:
  sample-bar:
    kind: bar
    dataset: sample
    title: Region B has the largest value
    unit: units
    category: region
    value: value_2024

findings:
  - "**Region B leads**, with {sample[Region B].value_2024:.1f} units in 2024."
  - Region C was the only region to fall.

slides:
  - layout: title
  - layout: section
    title: A section divider
    subtitle: Its subtitle, in the layout's own style
  - layout: bullets
    title: A bullet slide in the body placeholder
    bullets:
      - First point, with **bold** and *italic* text
      - text: Second point
        sub: [A point under it, Another one]
      - Third point
  - layout: chart
    title: A chart slide, drawn for this template
    chart: sample-bar
  - layout: closing
    title: Thank you
"""
SAMPLE_DATA = "region,value_2023,value_2024\nRegion A,12.5,14.0\nRegion B,18.0,21.5\nRegion C,9.2,8.9\n"


def write_preview(path: Path, out: Path, name: str = "") -> list[Problem]:
    """Build the sample report's deck on the template at `path` into `out` (atomically), through the normal
    pipeline; its warnings (with the template's name in them). ExportError if it cannot be built."""
    from aigap_docs.atomic import replace_all
    from aigap_docs.pipeline import build, load

    shown = name or str(path)
    read_template(path, shown)  # a template that cannot be read is reported as the user named it
    with tempfile.TemporaryDirectory(prefix="aigap-preview-") as scratch:
        folder = Path(scratch) / "content" / "template-preview"
        (folder / "data").mkdir(parents=True)
        copy = f"template{path.suffix.lower() if path.suffix.lower() in ('.pptx', '.potx') else '.pptx'}"
        shutil.copyfile(path, folder / copy)
        (folder / "report.yaml").write_text(SAMPLE_REPORT.replace("TEMPLATE", copy), encoding="utf-8")
        (folder / "data" / "sample.csv").write_text(SAMPLE_DATA, encoding="utf-8")
        report, theme = load(folder)
        output = Path(scratch) / "output"
        try:
            written = build(report, theme, output, ("slides",), jobs=1)
        except ExportError as error:
            raise ExportError(_renamed(error.problems, folder / copy, shown)) from None
        replace_all({out: written.files[0].read_bytes()})
    return _renamed(written.warnings, folder / copy, shown)


def _renamed(problems: tuple[Problem, ...] | list[Problem], copy: Path, shown: str) -> list[Problem]:
    """Problems of the scratch report, naming the template as the user did and the sample report as
    '<template> (preview)'."""
    scratch = str(copy.parent)
    renamed = []
    for problem in problems:
        where = problem.where
        if where.path == str(copy) or where.path.endswith(f"/{copy.name}"):
            where = SourceRef(shown)
        elif where.path.startswith(scratch):
            where = SourceRef(f"{shown} (preview)")
        renamed.append(Problem(where, problem.message.replace(str(copy), shown), problem.field))
    return renamed
