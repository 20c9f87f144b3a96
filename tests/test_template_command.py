"""`aigap-docs template FILE`: layouts, placeholders, roles, theme, size and problems; a preview deck."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from .conftest import not_a_document
from .exporters.deck.test_contrast import dark_template


def plain_template(path: Path) -> Path:
    """python-pptx's default template: 4:3, PowerPoint's eleven layouts, Calibri, white."""
    Presentation().save(path)
    return path


def test_it_describes_the_layouts_their_placeholders_and_roles(run_cli, tmp_path):
    result = run_cli("template", str(plain_template(tmp_path / "plain.pptx")))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{tmp_path / 'plain.pptx'}: slides 10.00 x 7.50 in (4:3)"
    assert lines[1] == "theme fonts: headings Calibri, body Calibri"
    assert lines[2].startswith("theme colours: dk1 #000000, lt1 #FFFFFF, dk2 #1F497D,")
    assert "layouts (11):" in lines
    at = lines.index("  'Title Slide': cover and closing slides")
    assert lines[at + 1] == "    ctrTitle   idx 0   at 0.75, 2.33 in, 8.50 x 1.61 in"
    assert lines[at + 2].startswith("    subTitle   idx 1   at ")
    assert "  'Section Header': section dividers" in lines
    assert "  'Blank': not used" in lines
    assert lines[-1] == "problems: none"


def test_it_lists_text_that_is_hard_to_read_on_its_layouts_background(run_cli, tmp_path):
    template = dark_template(tmp_path / "dark.pptx")
    result = run_cli("template", str(template))
    assert result.exit_code == 0, result.output
    problems = result.output.split("problems (", 1)[1].splitlines()[1:]
    expected = (
        f"  {template}: layout 'Title and Content': title text #000000 on #0B1F3A has contrast 1.2:1; "
        "needs 3:1"
    )
    assert expected in problems
    assert not any("'Title Only'" in line for line in problems), "a picture background is not judged"


def test_it_writes_a_preview_deck_built_on_the_template(run_cli, tmp_path):
    out = tmp_path / "preview.pptx"
    result = run_cli("template", str(plain_template(tmp_path / "plain.pptx")), "--preview", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote: {out}" in result.output
    deck = Presentation(str(out))
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts == ["Title Slide", "Section Header", "Title and Content", "Title Only", "Title Slide"]
    assert deck.slide_width == Presentation().slide_width


def test_a_file_that_is_not_a_template_is_one_line_and_exit_1(run_cli, tmp_path):
    bad = not_a_document(tmp_path / "notes.pptx")
    bad.write_text("not a zip")
    result = run_cli("template", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: {bad}: not a PowerPoint template (.pptx or .potx): File is not a zip file"
    ]


def test_a_missing_file_is_one_line_and_exit_1(run_cli, tmp_path):
    result = run_cli("template", str(tmp_path / "nowhere.pptx"))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'nowhere.pptx'}: ")


def test_help_lists_the_template_command(run_cli):
    assert "  template " in run_cli("--help").output
