"""Rendering: exact sizes, same bytes every time, a cache that skips unchanged charts, parallel = serial."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from aigap_docs import charts, workers
from aigap_docs.charts import ChartRequest, render_charts
from aigap_docs.pipeline import load
from aigap_docs.scaffold import create_report


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content" / "demo"
    create_report(target)
    return target


def requests(report, theme):
    return [
        ChartRequest("example-change", theme.slots.deck_full, "deck", "embedded", ("png",)),
        ChartRequest("example-change", theme.slots.brief, "brief", "embedded", ("svg", "pdf")),
        ChartRequest("example-change", theme.slots.deck_half, "deck", "standalone", ("png", "svg")),
    ]


def render(folder: Path, cache: Path, jobs: int = 1):
    report, theme = load(folder)
    files, stats = render_charts(report, theme, requests(report, theme), cache, jobs)
    return {key: path.read_bytes() for key, path in files.items()}, stats


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def test_a_png_is_drawn_at_the_exact_slot_size_and_resolution(folder, tmp_path):
    files, _ = render(folder, tmp_path / "cache")
    report, theme = load(folder)
    (request, _), data = next(
        (k, v) for k, v in files.items() if k[1] == "png" and k[0].size == theme.slots.deck_full
    )
    width, height = theme.slots.deck_full
    assert png_size(data) == (round(width * theme.png_dpi), round(height * theme.png_dpi))


def test_the_same_input_gives_the_same_bytes(folder, tmp_path):
    first, _ = render(folder, tmp_path / "one")
    second, _ = render(folder, tmp_path / "two")
    assert first == second


def test_parallel_workers_draw_the_same_bytes_as_one_process(folder, tmp_path):
    assert render(folder, tmp_path / "serial", jobs=1)[0] == render(folder, tmp_path / "parallel", jobs=2)[0]


def test_files_carry_no_date_or_version(folder, tmp_path):
    files, _ = render(folder, tmp_path / "cache")
    for (_, fmt), data in files.items():
        assert b"CreationDate" not in data and b"<dc:date>" not in data and b"Matplotlib v" not in data, fmt


def test_a_second_render_comes_from_the_cache(folder, tmp_path):
    _, first = render(folder, tmp_path / "cache")
    _, second = render(folder, tmp_path / "cache")
    assert (first.drawn, first.cached, second.drawn, second.cached) == (3, 0, 0, 3)


def test_a_data_change_redraws(folder, tmp_path):
    before, _ = render(folder, tmp_path / "cache")
    csv = folder / "data" / "example.csv"
    csv.write_text(csv.read_text().replace("Region C,3.2,2.9", "Region C,3.2,4.9"))
    after, stats = render(folder, tmp_path / "cache")
    assert stats.drawn == 3
    assert all(before[key] != after[key] for key in before)


def test_a_wording_change_elsewhere_keeps_the_cache(folder, tmp_path):
    render(folder, tmp_path / "cache")
    yaml = folder / "report.yaml"
    yaml.write_text(yaml.read_text().replace("Region C was the only region to fall.", "Only Region C fell."))
    assert render(folder, tmp_path / "cache")[1].drawn == 0


def test_the_charts_command_writes_png_and_svg_for_every_chart(run_cli, folder, tmp_path):
    result = run_cli("-r", str(folder), "-o", str(tmp_path / "out"), "charts")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "charts").iterdir()) == [
        "example-change.png",
        "example-change.svg",
    ]
    assert "1 charts drawn, 0 from cache" in result.output


def crowd(folder: Path, rows: int = 60) -> None:
    """Give the scaffold's dumbbell more rows than any of its slots can label."""
    csv = folder / "data" / "example.csv"
    csv.write_text(csv.read_text() + "".join(f"Place {i},{i % 17}.5,{i % 13}.5\n" for i in range(rows)))


def test_a_crowded_chart_says_what_it_left_out_whether_drawn_or_cached(folder, tmp_path):
    assert render(folder, tmp_path / "plain")[1].notes == {}
    crowd(folder)
    _, drawn = render(folder, tmp_path / "cache")
    _, cached = render(folder, tmp_path / "cache")
    assert cached.drawn == 0 and cached.notes == drawn.notes
    notes = drawn.notes["example-change"]
    assert any("rows are too many to print each change" in note for note in notes), notes
    assert any(note.startswith("only ") and "of 63 category names fit" in note for note in notes), notes
    assert all(note.endswith("in chart area)") for note in notes), notes


def test_a_build_warns_at_the_crowded_chart_and_strict_refuses_it(run_cli, folder, tmp_path):
    crowd(folder)
    out = tmp_path / "out"
    line = (folder / "report.yaml").read_text().splitlines().index("  example-change:") + 2  # its first key
    result = run_cli("-r", str(folder), "-o", str(out), "build")
    assert result.exit_code == 0, result.output
    assert f"warning: {folder}/report.yaml:{line}:5: charts.example-change: " in result.output
    assert "category names fit: show fewer categories" in result.output
    strict = run_cli("-r", str(folder), "-o", str(tmp_path / "strict"), "build", "--strict")
    assert strict.exit_code == 1
    assert not (tmp_path / "strict" / "demo.pptx").exists()


@pytest.mark.skipif(not workers.forking(), reason="only forked workers inherit what this process loaded")
def test_with_two_jobs_this_process_draws_beside_one_worker(folder, tmp_path, monkeypatch):
    drawn_by = tmp_path / "drawn-by"
    drawn_by.mkdir()
    real = charts.draw_files

    def draw_files(report, theme, request, targets, notes):
        (drawn_by / f"{request.chart_id}-{request.size}").write_text(str(os.getpid()))
        real(report, theme, request, targets, notes)

    monkeypatch.setattr(charts, "draw_files", draw_files)  # forked workers inherit it
    render(folder, tmp_path / "cache", jobs=2)
    pids = [int(path.read_text()) for path in sorted(drawn_by.iterdir())]
    assert len(pids) == 3
    assert len(set(pids)) <= 2  # one worker at most (which figures it takes depends on timing)
    assert os.getpid() in pids  # a worker fewer to start: this process draws too
