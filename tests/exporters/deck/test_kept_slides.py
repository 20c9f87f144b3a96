"""A watcher's deck copies the slides whose plan did not change (writer.keep_slides): same bytes as a
deck written in full, and only the changed slides and those with pictures or links are written again."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigap_docs.exporters.deck import writer as pptx_deck
from tests.exporters.deck.test_writer import corporate_template

MINIMAL = Path(__file__).parents[2] / "fixtures" / "good" / "minimal" / "report.yaml"
EDITS = {  # the edit, and how many of the 10 slides are copied: not the edited one, nor those with a
    # chart (2) or links (sources), which relate to parts a copy would have to relate to again
    "a section title": ("    title: Models\n", "    title: Model counts\n", 6),
    "a bullet": ("Notable models, by the country", "Notable AI models, by the country", 6),
    "a chart slide's notes": ("notes: Read from top to bottom.", "notes: Read from the top.", 7),
}


@pytest.fixture
def counted(monkeypatch):
    """Kept slides on for this test only; counts how many slides were copied rather than written."""
    monkeypatch.setattr(pptx_deck, "_kept_slides", None)
    pptx_deck.keep_slides()
    copied = []
    add_kept = pptx_deck._add_kept
    monkeypatch.setattr(pptx_deck, "_add_kept", lambda *args: copied.append(args[1].name) or add_kept(*args))
    return copied


def full_deck(monkeypatch, build_deck, report, theme) -> bytes:
    """The deck written slide by slide, nothing copied, leaving what the watcher keeps as it was."""
    kept = pptx_deck._kept_slides
    monkeypatch.setattr(pptx_deck, "_kept_slides", None)
    try:
        return build_deck(report, theme).data
    finally:
        monkeypatch.setattr(pptx_deck, "_kept_slides", kept)


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("templated", [False, True], ids=["grid", "template"])
def test_a_rebuilt_deck_copies_unchanged_slides_and_has_the_bytes_of_one_written_in_full(
    tmp_path, monkeypatch, report_with, build_deck, counted, edit, templated
):
    extra, files = "", None
    if templated:
        extra, files = "template: corporate.pptx", {"corporate.pptx": corporate_template(tmp_path / "t.pptx")}
    slides_yaml = MINIMAL.read_text().partition("\nslides:\n")[2].partition("\nbrief:")[0] + "\n"
    report, theme = report_with(slides_yaml, extra, files)
    first = build_deck(report, theme).data
    assert counted == []  # nothing kept yet: every slide written
    assert first == full_deck(monkeypatch, build_deck, report, theme)

    old, new, copies = EDITS[edit]
    report, theme = report_with(slides_yaml.replace(old, new), extra, files)
    assert slides_yaml.count(old) == 1
    again = build_deck(report, theme).data
    assert again == full_deck(monkeypatch, build_deck, report, theme)
    assert again != first
    assert len(counted) == copies
