"""--preview: pictures of the slides and pages that changed, a contact sheet, and a clear line without tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from aigap_docs.preview import page_digests, slide_digests, write_previews

TOOLS = shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


@pytest.fixture
def build_twice(minimal_copy: Path, tmp_path: Path, run_cli, monkeypatch):
    """Build the minimal report, apply an edit to report.yaml, build again: both outputs' bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def run(old: str, new: str, *options: str) -> list[tuple[bytes, bytes]]:
        found = []
        for _ in range(2):
            result = run_cli("-q", "-r", str(minimal_copy), "-o", str(tmp_path / "out"), "build", *options)
            assert result.exit_code == 0, result.output
            found.append(tuple((tmp_path / "out" / f"minimal.{s}").read_bytes() for s in ("pptx", "pdf")))
            report = minimal_copy / "report.yaml"
            report.write_text(report.read_text().replace(old, new, 1))
        return found

    return run


def test_a_slide_title_edit_changes_that_slide_s_digest_only(build_twice):
    (deck_before, pdf_before), (deck_after, pdf_after) = build_twice("What we counted", "What we measured")
    before, after = slide_digests(deck_before), slide_digests(deck_after)
    assert len(before) == len(after) == 10
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [2]  # the third slide
    assert page_digests(pdf_before) == page_digests(pdf_after)


def test_a_brief_edit_changes_the_digest_of_its_page_only_and_no_slide(build_twice):
    (deck_before, pdf_before), (deck_after, pdf_after) = build_twice(
        "summary: The United States leads", "summary: The United States still leads"
    )
    assert slide_digests(deck_before) == slide_digests(deck_after)
    before, after = page_digests(pdf_before), page_digests(pdf_after)
    assert len(before) == len(after) >= 1
    assert before[0] != after[0] and before[1:] == after[1:]


@pytest.mark.skipif(not TOOLS, reason="needs LibreOffice (soffice) and poppler (pdftoppm)")
def test_build_preview_renders_every_slide_and_page_then_only_what_changed(
    minimal_copy, tmp_path, run_cli, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    args = ("-r", str(minimal_copy), "-o", str(tmp_path / "out"), "build", "--preview")
    first = run_cli(*args)
    assert first.exit_code == 0, first.output
    folder = tmp_path / "out" / "preview"
    slides = sorted(folder.glob("slide-*.png"))
    pages = sorted(folder.glob("page-*.png"))
    assert len(slides) == 10 and pages
    with Image.open(folder / "contact.png") as sheet:
        assert sheet.width > 4 * 300
    times = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.png")}

    report = minimal_copy / "report.yaml"
    report.write_text(report.read_text().replace("What we counted", "What we measured"))
    second = run_cli(*args)
    assert second.exit_code == 0, second.output
    assert "Preview: 1 picture rendered" in second.output
    changed = sorted(p.name for p in folder.glob("*.png") if p.stat().st_mtime_ns != times.get(p.name))
    assert changed == ["contact.png", "slide-3.png"]


def test_without_pdftoppm_the_build_succeeds_and_says_so_in_one_line(
    minimal_copy, tmp_path, run_cli, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    result = run_cli("-q", "-r", str(minimal_copy), "-o", str(tmp_path / "out"), "build", "--preview")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "preview: pdftoppm not found: install poppler-utils to write previews"
    ]
    assert (tmp_path / "out" / "minimal.pptx").is_file()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler (pdftoppm)")
def test_without_soffice_pages_are_rendered_and_slides_said_to_need_it(tmp_path, minimal_copy, run_cli):
    result = run_cli("-q", "-r", str(minimal_copy), "-o", str(tmp_path / "out"), "build")
    assert result.exit_code == 0, result.output
    tools = tmp_path / "tools"
    tools.mkdir()
    os.symlink(shutil.which("pdftoppm"), tools / "pdftoppm")
    old = os.environ["PATH"]
    os.environ["PATH"] = str(tools)
    try:
        files = [tmp_path / "out" / "minimal.pptx", tmp_path / "out" / "minimal.pdf"]
        previewed = write_previews(files, tmp_path / "out")
    finally:
        os.environ["PATH"] = old
    assert previewed.problems == ["soffice not found: install LibreOffice Impress to preview slides"]
    assert [p.name for p in previewed.rendered][:1] == ["page-1.png"]
    assert (tmp_path / "out" / "preview" / "contact.png").is_file()
