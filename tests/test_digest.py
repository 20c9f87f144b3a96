"""The hash of our own code that keys the chart cache and the build manifest."""

from __future__ import annotations

from pathlib import Path

from aigap_docs.digest import source_digest


def digest_of(folder: Path) -> str:
    source_digest.cache_clear()  # it is computed once per process: the code does not change under it
    return source_digest(folder)


def test_editing_any_python_file_below_the_folder_changes_the_digest(tmp_path):
    (tmp_path / "kinds").mkdir()
    (tmp_path / "draw.py").write_text("x = 1\n")
    (tmp_path / "kinds" / "bars.py").write_text("y = 2\n")
    before = digest_of(tmp_path)
    (tmp_path / "kinds" / "bars.py").write_text("y = 3\n")
    assert digest_of(tmp_path) != before


def test_other_files_and_the_folders_place_do_not_count(tmp_path):
    for place in (tmp_path / "a", tmp_path / "b"):
        place.mkdir()
        (place / "draw.py").write_text("x = 1\n")
    (tmp_path / "b" / "notes.txt").write_text("not code\n")
    assert digest_of(tmp_path / "a") == digest_of(tmp_path / "b")
