"""The theme: fixed entity colours, bundled fonts, and clear errors for a broken theme file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aigap_docs.errors import AigapError
from aigap_docs.limits import MAX_CHART_PIXELS
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


def _replace_in_theme(assets: Path, old: str, new: str) -> None:
    theme_file = assets / "theme.yaml"
    text = theme_file.read_text()
    assert old in text
    theme_file.write_text(text.replace(old, new))


@pytest.mark.parametrize("font", ["../../etc/passwd", "/etc/passwd", "fonts/link.ttf"])
def test_a_font_outside_the_themes_folder_is_an_error_at_its_line(assets, font):
    (assets / "fonts" / "link.ttf").symlink_to("/etc/passwd")
    _replace_in_theme(assets, "regular: fonts/Carlito-Regular.ttf", f"regular: {font}")
    with pytest.raises(AigapError) as caught:
        load_theme(assets)
    [problem] = caught.value.problems
    assert str(problem) == (
        f"{assets / 'theme.yaml'}:7: fonts.files.regular: font {font!r} is outside the theme's folder "
        f"{assets.resolve()}"
    )


def test_every_font_style_needs_a_file(assets):
    _replace_in_theme(assets, "    bold: fonts/Carlito-Bold.ttf\n", "")
    with pytest.raises(AigapError, match="fonts.files: no font file for bold"):
        load_theme(assets)


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ("2025-02-30", 10, "invalid YAML: day is out of range for month"),
        ("!!int two hundred", 10, "invalid YAML: invalid literal for int() with base 10: 'two hundred'"),
        ("200: 300", 13, "invalid YAML: mapping values are not allowed in this context"),
    ],
)
def test_a_value_yaml_cannot_build_is_one_located_line(assets, value, column, message):
    _replace_in_theme(assets, "png_dpi: 200", f"png_dpi: {value}")
    line = (assets / "theme.yaml").read_text().splitlines().index(f"png_dpi: {value}") + 1
    with pytest.raises(AigapError) as caught:
        load_theme(assets)
    assert [str(p) for p in caught.value.problems] == [f"{assets / 'theme.yaml'}:{line}:{column}: {message}"]


def test_a_broken_theme_is_one_line_from_the_cli_without_a_traceback(run_cli, minimal_copy):
    assets = minimal_copy.parent.parent / "assets"
    shutil.copytree(default_assets(), assets)
    _replace_in_theme(assets, "regular: fonts/Carlito-Regular.ttf", "regular: ../../etc/passwd")
    result = run_cli("--report", str(minimal_copy), "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[0].startswith(f"{assets / 'theme.yaml'}:7: fonts.files.regular: font ")


def test_charts_are_drawn_at_the_themes_resolution_unless_the_picture_would_be_too_large():
    theme = load_theme()
    assert theme.dpi_for(theme.slots.deck_full) == theme.png_dpi
    huge = theme.dpi_for((56.0, 56.0))  # the largest slide PowerPoint makes
    assert huge < theme.png_dpi
    assert (56 * huge) ** 2 <= MAX_CHART_PIXELS < (56 * (huge + 1)) ** 2
