"""What `watch` keeps when a save only moves things down the file: a line added to one slide rebuilds the
deck, keeps the brief, and every warning still names the line where its text is written now."""

from __future__ import annotations

from pathlib import Path

from aigap_docs.pipeline import build, load

from .conftest import edit


def _build(folder: Path, output: Path, last: dict) -> object:
    report, theme = load(folder)
    return build(report, theme, output, last=last, jobs=1)


def test_a_line_added_above_the_brief_keeps_the_brief_and_moves_its_warnings(minimal_copy, tmp_path):
    # A character the brief's font cannot draw: a warning located in the brief, below the edit.
    edit(minimal_copy, "models in 2024.\n", "models in 2024 (\u4e2d).\n")
    output = tmp_path / "out"
    first = _build(minimal_copy, output, {})
    brief = (output / "minimal.pdf").read_bytes()

    edit(
        minimal_copy,
        "      - Notable models,",
        "      - A bullet added above the brief\n      - Notable models,",
    )
    second = _build(minimal_copy, output, first.made)

    assert second.rebuilt == ("slides",)
    assert (output / "minimal.pdf").read_bytes() == brief
    before, after = ([w for w in built.warnings if "\u4e2d" in w.message] for built in (first, second))
    assert len(after) == len(before) == 1
    assert after[0].where.line == before[0].where.line + 1
    assert after[0].message == before[0].message


def test_a_kept_brief_is_the_brief_a_full_build_makes(minimal_copy, tmp_path):
    output = tmp_path / "out"
    first = _build(minimal_copy, output, {})
    edit(
        minimal_copy,
        "      - Notable models,",
        "      - A bullet added above the brief\n      - Notable models,",
    )
    _build(minimal_copy, output, first.made)
    fresh = tmp_path / "fresh"
    _build(minimal_copy, fresh, {})
    for name in ("minimal.pdf", "minimal.pptx"):
        assert (output / name).read_bytes() == (fresh / name).read_bytes(), name
