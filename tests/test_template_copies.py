"""The re-authored template copies (tests/templates/*/spec.json): each is what _author.py makes of its spec,
byte for byte, and keeps the original's layout types (the layout chooser's first hint)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

CORPUS = Path(__file__).parent / "templates"
SPECS = sorted(p.parent.name for p in CORPUS.glob("*/spec.json"))
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _author():
    spec = importlib.util.spec_from_file_location("template_author", CORPUS / "_author.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", SPECS)
def test_the_copy_is_what_its_spec_makes_byte_for_byte(name, tmp_path):
    folder = tmp_path / name
    folder.mkdir()
    shutil.copyfile(CORPUS / name / "spec.json", folder / "spec.json")
    made = _author().author(folder)
    assert made.read_bytes() == (CORPUS / name / "template.pptx").read_bytes()


@pytest.mark.parametrize("name", SPECS)
def test_each_layout_keeps_the_originals_type(name):
    spec = json.loads((CORPUS / name / "spec.json").read_text(encoding="utf-8"))
    wanted = {layout["name"]: layout["type"] for master in spec["masters"] for layout in master["layouts"]}
    with zipfile.ZipFile(CORPUS / name / "template.pptx") as package:
        found = {}
        for part in package.namelist():
            if part.startswith("ppt/slideLayouts/slideLayout") and part.endswith(".xml"):
                root = ElementTree.fromstring(package.read(part))
                found[root.find(f"{P}cSld").get("name")] = root.get("type")
    assert found == wanted
