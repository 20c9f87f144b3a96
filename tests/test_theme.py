"""The theme: fixed entity colours, bundled fonts, and clear errors for a broken theme file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aigap_docs.errors import AigapError
from aigap_docs.theme import default_assets, load_theme


def test_the_bundled_theme_loads_with_its_fonts():
    theme = load_theme()
    assert theme.fonts.family == "Carlito"
    assert all(theme.font_path(style).is_file() for style in theme.fonts.files)
    assert (default_assets() / "fonts" / "OFL.txt").is_file()


def test_each_entity_keeps_one_colour_and_others_are_grey():
    theme = load_theme()
    assert theme.entity_colour("us") != theme.entity_colour("china")
    assert theme.entity_colour("atlantis") == theme.entity_colour(None) == theme.colours.other


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    target = tmp_path / "assets"
    shutil.copytree(default_assets(), target)
    return target


def test_a_bad_colour_names_the_field(assets):
    theme_file = assets / "theme.yaml"
    theme_file.write_text(
        theme_file.read_text().replace(
            'us: {label: United States, colour: "#1F4E79"}', "us: {label: United States, colour: navy}"
        )
    )
    with pytest.raises(AigapError) as caught:
        load_theme(assets)
    [problem] = caught.value.problems
    assert (problem.field, problem.message) == ("entities.us.colour", "'navy' is not a colour like '#1F4E79'")


def test_a_missing_font_file_is_an_error(assets):
    (assets / "fonts" / "Carlito-Bold.ttf").unlink()
    with pytest.raises(AigapError, match="font file not found"):
        load_theme(assets)


def test_the_fingerprint_changes_with_the_theme(assets):
    before = load_theme(assets).fingerprint
    theme_file = assets / "theme.yaml"
    theme_file.write_text(theme_file.read_text().replace("png_dpi: 200", "png_dpi: 300"))
    assert load_theme(assets).fingerprint != before
