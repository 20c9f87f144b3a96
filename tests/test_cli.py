"""The command line: commands listed, exit codes, `new` scaffolds a report that passes `check`, and it is light."""

from __future__ import annotations

import json
import subprocess
import sys

from aigap_docs import __version__

from .conftest import ROOT


def test_help_lists_the_commands(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("build", "charts", "check", "new", "pdf", "slides"):
        assert f"  {command} " in result.output


def test_version_prints_the_package_version(run_cli):
    assert run_cli("--version").output.strip() == f"aigap-docs, version {__version__}"


def test_check_passes_on_the_default_report(run_cli):
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("content/aigap-2025: OK (")


def test_quiet_check_prints_nothing(run_cli):
    result = run_cli("--quiet", "check")
    assert (result.exit_code, result.output) == (0, "")


def test_an_unknown_option_is_a_usage_error(run_cli):
    assert run_cli("--colour", "check").exit_code == 2


def test_a_missing_report_folder_is_a_content_error(run_cli, tmp_path):
    result = run_cli("--report", str(tmp_path / "nowhere"), "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{tmp_path / 'nowhere'}: report folder not found"


def test_without_a_default_report_the_only_report_under_content_is_used(run_cli, tmp_path):
    assert run_cli("new", "solo", cwd=tmp_path).exit_code == 0
    result = run_cli("check", cwd=tmp_path)
    assert (result.exit_code, result.output.split(":")[0]) == (0, "content/solo")


def test_with_several_reports_and_no_default_the_user_must_choose(run_cli, tmp_path):
    run_cli("new", "one", cwd=tmp_path)
    run_cli("new", "two", cwd=tmp_path)
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert "several reports under content/: choose one with --report PATH" in result.stderr


def test_new_creates_a_report_that_passes_check(run_cli, tmp_path):
    result = run_cli("new", "chip-exports", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "content" / "chip-exports").rglob("*")) == [
        "data",
        "example.csv",
        "report.schema.json",
        "report.yaml",
    ]
    assert run_cli("-r", "content/chip-exports", "check", cwd=tmp_path).exit_code == 0


def test_new_takes_a_path(run_cli, tmp_path):
    assert run_cli("new", "./reports/q3-brief", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "reports" / "q3-brief" / "report.yaml").is_file()


def test_new_never_overwrites(run_cli, tmp_path):
    run_cli("new", "mine", cwd=tmp_path)
    (tmp_path / "content" / "mine" / "report.yaml").write_text("title: kept\n")
    result = run_cli("new", "mine", cwd=tmp_path)
    assert result.exit_code == 1
    assert "content/mine already exists" in result.stderr
    assert (tmp_path / "content" / "mine" / "report.yaml").read_text() == "title: kept\n"


def test_new_rejects_a_name_that_is_not_an_id(run_cli, tmp_path):
    result = run_cli("new", "My Report", cwd=tmp_path)
    assert result.exit_code == 2
    assert not (tmp_path / "content").exists()


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "aigap_docs", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"aigap-docs, version {__version__}"


HEAVY = ("matplotlib", "reportlab", "pptx", "PIL", "numpy")


def test_check_imports_no_rendering_library():
    script = (
        "import sys, json\n"
        "from aigap_docs.cli import cli\n"
        "try:\n"
        "    cli.main(['--quiet', 'check'], standalone_mode=False)\n"
        "finally:\n"
        f"    print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_importing_the_cli_loads_neither_pydantic_nor_any_renderer():
    script = f"import sys, aigap_docs.cli; print([m for m in {HEAVY + ('pydantic', 'yaml')!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_new_under_a_file_is_one_clear_error(run_cli, tmp_path):
    (tmp_path / "notes").write_text("a file, not a folder\n")
    result = run_cli("new", "notes/q3", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot create notes/q3: a part of the path is a file, not a folder\n"


def test_new_reports_any_other_os_error_and_leaves_nothing_behind(run_cli, tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full_disk)
    result = run_cli("new", "q3", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot create content/q3: no space left on the device\n"
    assert list((tmp_path / "content").iterdir()) == []


MINIMAL = "tests/fixtures/good/minimal"


def test_charts_that_cannot_be_written_are_one_clear_error_and_none_is_written(run_cli, tmp_path):
    output = tmp_path / "out"
    (output / "charts" / "investment-bar.png").mkdir(parents=True)
    result = run_cli("-q", "-r", MINIMAL, "-o", str(output), "charts", "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{output}/charts/investment-bar.png: cannot write: is a folder, not a file",
        f"Error: 1 problem in {MINIMAL} (nothing was written)",
    ]
    assert sorted(path.name for path in (output / "charts").iterdir()) == ["investment-bar.png"]


def test_a_real_build_that_cannot_write_exits_with_1_and_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    output = tmp_path / "file" / "out"
    result = subprocess.run(
        [sys.executable, "-m", "aigap_docs", "-r", MINIMAL, "-o", str(output), "build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"{output}: cannot write: a part of the path is a file, not a folder",
        f"Error: 1 problem in {MINIMAL} (nothing was written)",
    ]


# --- check plans what build plans ------------------------------------------------------------------------


def _with_long_chart_note(folder):
    """The minimal report with a chart note too long for a native chart's source line (a picture draws its
    note itself, so only native charts warn about it)."""
    report = folder / "report.yaml"
    note = "    note: " + "A note about how the investment figures were gathered. " * 20 + "\n"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("    value: investment_2024\n", "    value: investment_2024\n" + note, 1))
    return folder


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


def test_check_with_native_charts_warns_what_a_native_build_warns(run_cli, minimal_copy, tmp_path):
    folder = str(_with_long_chart_note(minimal_copy))
    assert _warnings(run_cli("-q", "-r", folder, "check").stderr) == []
    checked = run_cli("-q", "-r", folder, "check", "--native-charts")
    built = run_cli("-q", "-r", folder, "-o", str(tmp_path / "out"), "slides", "--native-charts", "-j", "1")
    assert checked.exit_code == built.exit_code == 0, checked.output + built.output
    (warning,) = _warnings(checked.stderr)
    assert "charts.investment-bar.note: note and source line under it do not fit even at 9 pt" in warning
    assert _warnings(checked.stderr) == _warnings(built.stderr)


def test_check_strict_with_native_charts_fails_where_the_build_would(run_cli, minimal_copy):
    result = run_cli(
        "-q", "-r", str(_with_long_chart_note(minimal_copy)), "check", "--native-charts", "--strict"
    )
    assert result.exit_code == 1
    assert "(--strict)" in result.stderr


def test_check_warns_of_characters_the_briefs_font_cannot_draw_as_the_build_does(
    run_cli, minimal_copy, tmp_path
):
    report = minimal_copy / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("title: Minimal test report", "title: Minimal test report \u4e2d\u6587", 1)
    )
    checked = run_cli("-q", "-r", str(minimal_copy), "check")
    built = run_cli("-q", "-r", str(minimal_copy), "-o", str(tmp_path / "out"), "build", "-j", "1")
    assert "has no glyph for '\u4e2d\u6587'" in checked.stderr
    assert _warnings(checked.stderr) == _warnings(built.stderr)
