"""Author a template from its spec.json: the measured masters and layouts of a template we may not redistribute.

The spec holds facts measured from the original (slide size, layout names and PowerPoint `type`s, null where
the original has none; placeholder boxes and types, decoration boxes and fill colours, pictures' boxes and
mean colours, background colours, theme fonts and colours, text colours, sizes and alignment); this script
rebuilds a presentation with them on python-pptx's own default template (MIT). No part, text or picture of
the original is copied: pictures become plain 'LOGO' tiles drawn here in the picture's mean colour,
decorations become rectangles (or their preset shape) in the measured colour. A spec with several masters is
folded into one: the other masters' decorations go onto their layouts, which then hide the master's shapes.
The same spec gives the same bytes.

    python tests/templates/_author.py tests/templates/<name>   # writes <name>/template.pptx
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'
NS = {"a": A, "p": P, "r": R}
PH_NAMES = {
    "title": "Title",
    "ctrTitle": "Title",
    "subTitle": "Subtitle",
    "body": "Text Placeholder",
    "obj": "Content Placeholder",
    "pic": "Picture Placeholder",
    "dt": "Date Placeholder",
    "ftr": "Footer Placeholder",
    "sldNum": "Slide Number Placeholder",
}


def _logo(w: int, h: int, tone: str | None) -> bytes:
    """A tile with 'LOGO' on it, in the box's proportions, small, in the picture's measured mean colour
    (`tone`, over white; grey if not measured) with a faintly darker frame and label, so text the original
    sets over a pale picture band stays as readable on the copy."""
    scale = 120 / max(w, h)
    size = (max(8, round(w * scale)), max(8, round(h * scale)))
    fill = tuple(int((tone or "969696")[i : i + 2], 16) for i in (0, 2, 4))
    ink = tuple(round(c * 0.8) for c in fill)
    image = Image.new("RGB", size, fill)
    draw = ImageDraw.Draw(image)
    draw.rectangle([2, 2, size[0] - 3, size[1] - 3], outline=ink, width=2)
    draw.text((size[0] // 2 - 12, size[1] // 2 - 5), "LOGO", fill=ink)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _fill(colour) -> str:
    if not colour:
        return "<a:noFill/>"
    if isinstance(colour, list):
        stops = [c for c in colour if c]
        if not stops:
            return "<a:noFill/>"
        step = 100000 // max(1, len(stops) - 1)
        gs = "".join(
            f'<a:gs pos="{min(i * step, 100000)}"><a:srgbClr val="{c}"/></a:gs>' for i, c in enumerate(stops)
        )
        return f'<a:gradFill><a:gsLst>{gs}</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill>'
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _xfrm(box) -> str:
    if not box:
        return ""
    x, y, w, h = box
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _run_props(style) -> str:
    if not style:
        return ""
    attrs = "".join(f' {k}="{style[s]}"' for k, s in (("sz", "size"), ("b", "bold")) if style.get(s))
    inner = _fill(style["colour"]) if style.get("colour") else ""
    if style.get("font") and not style["font"].startswith("+"):
        inner += f'<a:latin typeface="{style["font"]}"/>'
    algn = f' algn="{style["align"]}"' if style.get("align") else ""
    return f"<a:lvl1pPr{algn}><a:defRPr{attrs}>{inner}</a:defRPr></a:lvl1pPr>"


def _placeholder(shape, sid: int, on_master: bool) -> str:
    kind = shape["type"]
    ph_type = "" if kind == "obj" else f' type="{kind}"'
    idx = f' idx="{shape["idx"]}"' if shape["idx"] else ""
    anchor = f' anchor="{shape["anchor"]}"' if shape.get("anchor") else ""
    fill = _fill(shape.get("fill")) if shape.get("fill") not in (None, "", "none") else ""
    if shape.get("fill") == "none":  # the placeholder hides its master's fill
        fill = "<a:noFill/>"
    if kind == "sldNum":
        text = '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US"/><a:t>&lt;#&gt;</a:t></a:fld>'
    elif kind in ("dt", "ftr"):
        text = ""
    else:
        text = f'<a:r><a:rPr lang="en-US"/><a:t>{PH_NAMES.get(kind, "Text")}</a:t></a:r>'
    xfrm = _xfrm(shape.get("box")) if (on_master or shape.get("box")) else ""
    return (
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{sid}" name="{PH_NAMES.get(kind, "Placeholder")} {sid}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{ph_type}{idx}/></p:nvPr></p:nvSpPr>'
        f"<p:spPr>{xfrm}{fill}</p:spPr><p:txBody><a:bodyPr{anchor}/><a:lstStyle>{_run_props(shape.get('style'))}"
        f"</a:lstStyle><a:p>{text}</a:p></p:txBody></p:sp>"
    )


def _decoration(shape, sid: int, part) -> str:
    if shape["kind"] == "pic":
        x, y, w, h = shape["box"]
        _, rid = part.get_or_add_image_part(io.BytesIO(_logo(w, h, shape.get("tone"))))
        return (
            f'<p:pic {NSDECL}><p:nvPicPr><p:cNvPr id="{sid}" name="Logo {sid}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{_xfrm(shape["box"])}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )
    if shape["kind"] == "line":
        return (
            f'<p:cxnSp {NSDECL}><p:nvCxnSpPr><p:cNvPr id="{sid}" name="Line {sid}"/><p:cNvCxnSpPr/><p:nvPr/>'
            f'</p:nvCxnSpPr><p:spPr>{_xfrm(shape["box"])}<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            f'<a:ln w="12700">{_fill(shape.get("fill") or "808080")}</a:ln></p:spPr></p:cxnSp>'
        )
    geom = shape.get("geom") or "rect"
    return (
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{sid}" name="Decoration {sid}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(shape["box"])}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{_fill(shape.get("fill"))}'
        f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def _fill_tree(element, shapes, part, on_master: bool) -> None:
    tree = element.find("p:cSld/p:spTree", NS)
    for child in list(tree)[2:]:
        tree.remove(child)
    for sid, shape in enumerate(shapes, start=2):
        xml = _placeholder(shape, sid, on_master) if shape["kind"] == "ph" else _decoration(shape, sid, part)
        tree.append(etree.fromstring(xml))


def _background(element, colour) -> None:
    csld = element.find("p:cSld", NS)
    old = csld.find("p:bg", NS)
    if old is not None:
        csld.remove(old)
    if colour:
        bg = etree.fromstring(f"<p:bg {NSDECL}><p:bgPr>{_fill(colour)}<a:effectLst/></p:bgPr></p:bg>")
        csld.insert(0, bg)


def _theme(part, master) -> None:
    theme = etree.fromstring(part.blob)
    for key, value in master["scheme"].items():
        slot = theme.find(f".//a:clrScheme/a:{key}", NS)
        if slot is not None and value:
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{{{A}}}srgbClr", val=value)
    for key in ("major", "minor"):
        theme.find(f".//a:{key}Font/a:latin", NS).set("typeface", master["fonts"][key])
        ea = master.get("ea_fonts", {}).get(key)
        if ea:
            theme.find(f".//a:{key}Font/a:ea", NS).set("typeface", ea)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_styles(master_el, spec) -> None:
    for tag, key in (("p:titleStyle", "title_style"), ("p:bodyStyle", "body_style")):
        lvl = master_el.find(f"p:txStyles/{tag}/a:lvl1pPr", NS)
        style = spec.get(key) or {}
        rpr = lvl.find("a:defRPr", NS)
        if style.get("align"):  # the base template centres titles; most originals set them left
            lvl.set("algn", style["align"])
        if style.get("size"):
            rpr.set("sz", style["size"])
        if style.get("colour"):
            old = rpr.find("a:solidFill", NS)
            if old is not None:
                old.find("*").attrib.clear()
                for child in list(old):
                    old.remove(child)
                etree.SubElement(old, f"{{{A}}}srgbClr", val=style["colour"])


def _with_master_boxes(layout, master) -> list:
    """A folded layout's placeholders take their box from their own master when they inherit it."""
    by_type = {s["type"]: s["box"] for s in master["shapes"] if s["kind"] == "ph"}
    fallback = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body"}
    out = []
    for shape in layout["shapes"]:
        if shape["kind"] == "ph" and not shape.get("box"):
            shape = {
                **shape,
                "box": by_type.get(shape["type"]) or by_type.get(fallback.get(shape["type"], "")),
            }
        out.append(shape)
    return out


def _layout_type(layout_el, kind: str | None) -> None:
    """The original's `type` (the chooser's first hint), not the base template's type at that position."""
    if kind:
        layout_el.set("type", kind)
    else:
        layout_el.attrib.pop("type", None)  # OOXML reads a missing type as 'cust'


def _save_reproducibly(prs, out: Path) -> None:
    """Same spec, same bytes: python-pptx stamps each zip entry with the time of saving; this stamps none."""
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)),
                source.read(info),
                compress_type=zipfile.ZIP_DEFLATED,
            )


def author(folder: Path) -> Path:
    spec = json.loads((folder / "spec.json").read_text(encoding="utf-8"))
    prs = Presentation()
    prs.slide_width, prs.slide_height = spec["size"]
    master = prs.slide_masters[0]
    first = spec["masters"][0]
    _theme(master.part.part_related_by(RT.THEME), first)
    _fill_tree(master._element, first["shapes"], master.part, on_master=True)
    _background(master._element, first.get("bg"))
    _text_styles(master._element, first)
    layouts = []
    for number, source in enumerate(spec["masters"]):
        for layout in source["layouts"]:
            if number == 0:
                layouts.append((layout, layout["shapes"], layout["show_master"], layout.get("bg")))
            else:
                decorations = (
                    [s for s in source["shapes"] if s["kind"] != "ph"] if layout["show_master"] else []
                )
                shapes = decorations + _with_master_boxes(layout, source)
                layouts.append((layout, shapes, False, layout.get("bg") or source.get("bg") or "FFFFFF"))
    available = list(prs.slide_layouts)
    if len(layouts) > len(available):
        raise SystemExit(f"{folder}: {len(layouts)} layouts, the base template has {len(available)}")
    for target, (layout, shapes, show_master, bg) in zip(available, layouts, strict=False):
        target._element.find("p:cSld", NS).set("name", layout["name"])
        _layout_type(target._element, layout["type"])
        target._element.set("showMasterSp", "1" if show_master else "0")
        _fill_tree(target._element, shapes, target.part, on_master=False)
        _background(target._element, bg)
    for extra in available[len(layouts) :]:
        prs.slide_layouts.remove(extra)
    prs.core_properties.title = spec.get("title", folder.name)
    out = folder / "template.pptx"
    _save_reproducibly(prs, out)
    return out


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(author(Path(arg)))
