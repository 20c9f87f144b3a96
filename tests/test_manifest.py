"""Rebuilding with nothing changed does no work; any change to an input, or to an output on disk, rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigap_docs.pipeline import build, load


@pytest.fixture
def folder(minimal_copy: Path) -> Path:
    return minimal_copy


def build_once(folder: Path, output: Path):
    report, theme = load(folder)
    return build(report, theme, output, jobs=1)


def test_a_second_build_with_nothing_changed_is_skipped(folder, tmp_path):
    first = build_once(folder, tmp_path / "out")
    before = {path: path.read_bytes() for path in first.files}
    second = build_once(folder, tmp_path / "out")
    assert (first.skipped, second.skipped) == (False, True)
    assert second.files == first.files
    assert {path: path.read_bytes() for path in second.files} == before


def test_a_data_change_rebuilds(folder, tmp_path):
    build_once(folder, tmp_path / "out")
    csv = folder / "data" / "investment.csv"
    csv.write_text(csv.read_text().replace("109.1", "109.2"))
    assert not build_once(folder, tmp_path / "out").skipped


def test_a_wording_change_rebuilds_but_draws_no_chart(folder, tmp_path):
    build_once(folder, tmp_path / "out")
    yaml = folder / "report.yaml"
    yaml.write_text(yaml.read_text().replace("title: ", "title: Revised ", 1))
    again = build_once(folder, tmp_path / "out")
    assert (again.skipped, again.charts_drawn) == (False, 0)


def test_an_output_changed_on_disk_is_rebuilt(folder, tmp_path):
    first = build_once(folder, tmp_path / "out")
    deck = next(path for path in first.files if path.suffix == ".pptx")
    original = deck.read_bytes()
    deck.write_bytes(b"edited by hand")
    assert not build_once(folder, tmp_path / "out").skipped
    assert deck.read_bytes() == original


def test_a_different_build_date_rebuilds(folder, tmp_path, monkeypatch):
    build_once(folder, tmp_path / "out")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert not build_once(folder, tmp_path / "out").skipped


def test_a_skipped_build_reports_the_same_warnings(folder, tmp_path):
    yaml = folder / "report.yaml"
    yaml.write_text(
        yaml.read_text().replace("title: What we counted", "title: " + "A headline far too long " * 40)
    )
    first = build_once(folder, tmp_path / "out")
    second = build_once(folder, tmp_path / "out")
    assert first.warnings and second.skipped and second.warnings == first.warnings
