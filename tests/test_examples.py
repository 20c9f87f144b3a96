"""The example reports on other topics (content/, besides the default one) build cleanly: no warning from
planning or drawing, under --strict, with picture and with native charts. They are the awkward-data test
material (long and gappy series, negative values, long names, long tables, Letter paper)."""

from __future__ import annotations

import pytest

from .conftest import ROOT

EXAMPLES = sorted(
    p.parent.name for p in (ROOT / "content").glob("*/report.yaml") if p.parent.name != "aigap-2025"
)


def test_there_are_example_reports_besides_the_default():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("native", [False, True], ids=["pictures", "native"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_report_builds_under_strict_with_no_warning(run_cli, tmp_path, name, native):
    options = ["--native-charts"] if native else []
    result = run_cli("--report", f"content/{name}", "--output", str(tmp_path), "build", "--strict", *options)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert sorted(p.name for p in tmp_path.glob(f"{name}.*")) == [f"{name}.pdf", f"{name}.pptx"]
