"""Resource limits: huge or hostile content either builds in bounded memory or stops early with a located
error, and cannot run code or read files outside the report folder and the shared assets/.

The big cases run the real command in a child process, under limits of CPU time and address space, and
measure its peak memory; the alias bomb and nesting cases of tests/test_loader.py are the in-process versions
of the first ones here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from aigap_docs.errors import ContentError
from aigap_docs.limits import MAX_CSV_CELLS, MAX_CSV_ROWS, MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_TEXT
from aigap_docs.loader import load_report

from .conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "good" / "minimal"
PEAK_MB = 500
"""The most memory (resident set) one command may take on any of these inputs."""
CPU_SECONDS = 30
"""CPU time one command may take before the kernel kills it; each takes a few seconds."""
ADDRESS_SPACE = 3 * 2**30
"""Address space one command may map: room for numpy and matplotlib, and a bound that protects the machine
when a case goes wrong. Peak resident memory is checked against PEAK_MB."""
TIMEOUT = 180
"""Seconds a command may take before it counts as stalled, waiting included."""

_MEASURE = """
import json, resource, subprocess, sys
cpu, memory, *args = sys.argv[1:]

def limit():
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu)))
    resource.setrlimit(resource.RLIMIT_AS, (int(memory), int(memory)))

command = [sys.executable, "-m", "aigap_docs", *args]
done = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr, "peak": peak}))
"""


@dataclass(frozen=True)
class Run:
    """What a command printed, its exit code, and the most memory it (or a worker of it) held at once."""

    code: int
    out: str
    err: str
    peak_mb: float


def run_measured(*args: str, timeout: float = TIMEOUT) -> Run:
    """Run `python -m aigap_docs ARGS` in a fresh process of its own, so its peak memory is its alone, with
    at most CPU_SECONDS of CPU time and ADDRESS_SPACE of memory (a command over them is killed, which the
    caller sees as an exit code other than 0 or 1)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(CPU_SECONDS), str(ADDRESS_SPACE), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )
    result = json.loads(done.stdout)
    return Run(result["code"], result["out"], result["err"], result["peak"] / 1024)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A copy of the minimal report to make huge or hostile."""
    folder = tmp_path / "content" / "huge"
    shutil.copytree(MINIMAL, folder)
    return folder


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def more_rows(path: Path, count: int) -> None:
    """Make the investment dataset `count` rows long, keeping the rows the text refers to."""
    rows = "".join(f"Country {i},Region {i % 7},{i / 10:.1f}\n" for i in range(count - 3))
    path.write_text(path.read_text() + rows)


def line_of(folder: Path, start: str) -> int:
    lines = (folder / "report.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def build_fails(folder: Path, output: Path) -> Run:
    """`build` of the folder: it must fail with exit code 1, no traceback, nothing written, in bounded memory."""
    run = run_measured("--report", str(folder), "--output", str(output), "build")
    assert run.code == 1, (run.code, run.err[-3000:])
    assert "Traceback" not in run.err
    assert run.err.splitlines()[-1].endswith("(nothing was written)")
    assert not list(output.glob("*.p*")), "a failed build wrote an output"
    assert run.peak_mb < PEAK_MB
    return run


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_report(folder)
    return [str(problem) for problem in raised.value.problems]


# --- big files ----------------------------------------------------------------------------------------------


def test_a_csv_of_a_million_rows_stops_at_the_row_limit_in_bounded_memory(report, tmp_path):
    rows = "".join(f"c{i},1,2\n" for i in range(1_000_000))
    (report / "data" / "models.csv").write_text("country,models_2023,models_2024\n" + rows)
    assert (report / "data" / "models.csv").stat().st_size < MAX_FILE_BYTES  # the row limit, not the size's
    run = build_fails(report, tmp_path / "output")
    line = MAX_CSV_ROWS + 2  # the header, then the first row over the limit
    assert run.err.splitlines()[0] == (
        f"{report}/data/models.csv:{line}: more than 100,000 rows: aggregate the data first"
    )


def test_a_csv_over_20_mb_is_refused_before_it_is_read(report, tmp_path):
    row = "China,15,15\n"
    data = "country,models_2023,models_2024\n" + row * (MAX_FILE_BYTES // len(row) + 1)
    (report / "data" / "models.csv").write_text(data)
    run = build_fails(report, tmp_path / "output")
    assert run.err.splitlines()[0] == f"{report}/data/models.csv: file is larger than 20 MB"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("title: Minimal test report", "title: {huge}", "title"),
        ("  - China attracted", "  - {huge} China attracted", "findings[1]"),
        (
            "    url: https://example.org/investment",
            "    url: https://example.org/investment\n    note: {huge}",
            "sources.investment-survey.note",
        ),
    ],
    ids=["a title", "a finding", "a source note"],
)
def test_a_10_mb_string_in_report_yaml_stops_at_the_text_limit(report, tmp_path, old, new, field):
    edit(report, old, new.format(huge="word " * 2_000_000))
    line = line_of(report, new.split("{")[0].split("\n")[-1] + "word")
    run = build_fails(report, tmp_path / "output")
    [problem, _] = run.err.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(report))}/report\.yaml:{line}:\d+: {re.escape(field)}: "
        r"text of (9,999,999|10,0[\d,]+) characters; the limit is 20,000 per field",
        problem,
    ), problem


def test_a_chart_of_10000_categories_stops_at_the_chart_limit(report, tmp_path):
    more_rows(report / "data" / "investment.csv", 10_000)
    run = build_fails(report, tmp_path / "output")
    chart = line_of(report, "    dataset: investment")
    assert (
        f"{report}/report.yaml:{chart}:14: charts.investment-bar.dataset: "
        "dataset 'investment' has 10,000 rows; a chart shows at most 200"
    ) in run.err.splitlines()  # and the table of the same dataset is over its own limit


def test_a_table_of_700_rows_builds_a_deck_in_bounded_time_and_memory(report, tmp_path):
    # It takes a few seconds. Before python-pptx's row lookups were taken out of the writer's loop, 600
    # rows took 80 s and 700 over four minutes (the time grew with the cube of the rows). The table
    # continues over as many slides as it needs; on one slide, LibreOffice (which opens every deck the
    # tests write) needed minutes for 2,000 rows.
    chart = "\n    title: Private investment is concentrated"  # the bar chart draws another dataset
    edit(report, f"    dataset: investment{chart}", f"    dataset: models{chart}")
    edit(report, "    value: investment_2024\n", "    value: models_2024\n")
    edit(report, "    highlight:\n      United States: us\n      China: china\n", "")
    more_rows(report / "data" / "investment.csv", 700)
    run = run_measured("--report", str(report), "--output", str(tmp_path / "output"), "slides", timeout=60)
    assert run.code == 0, run.err
    assert (tmp_path / "output" / "huge.pptx").is_file()
    assert "the table does not fit" not in run.err  # it continues on as many slides as it needs
    assert len(Presentation(tmp_path / "output" / "huge.pptx").slides) > 30
    assert run.peak_mb < PEAK_MB


# --- YAML that expands, nests or constructs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "bomb",
    [
        "l0: &l0 [x]\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 11)),
        "m0: &m0 {x: 1}\n"
        + "".join(
            f"m{i}: &m{i} {{{', '.join(f'k{j}: *m{i - 1}' for j in range(10))}}}\n" for i in range(1, 11)
        ),
    ],
    ids=["lists", "mappings"],
)
def test_an_alias_bomb_of_ten_billion_values_stops_early_in_bounded_memory(report, tmp_path, bomb):
    (report / "report.yaml").write_text(bomb)
    run = build_fails(report, tmp_path / "output")
    [problem, _] = run.err.splitlines()
    # It stops at the alias that takes the count over the limit, before building anything.
    assert re.fullmatch(
        rf"{re.escape(str(report))}/report\.yaml:\d+:\d+: "
        r"invalid YAML: too many values \(an alias expanding without end\?\)",
        problem,
    ), problem


@pytest.mark.parametrize(
    "nested",
    [
        "title: " + "{a: " * 100_000 + "b" + "}" * 100_000,
        "".join(" " * i + f"k{i}:\n" for i in range(3_000)) + " " * 3_000 + "x: 1",
    ],
    ids=["flow-mappings", "block-mappings"],
)
def test_yaml_mappings_nested_thousands_deep_are_a_located_error(report, nested):
    # tests/test_loader.py nests lists; mappings and indentation take other paths through the parser.
    (report / "report.yaml").write_text(nested + "\n")
    [problem] = problems(report)
    assert problem.startswith(f"{report}/report.yaml:")
    assert "invalid YAML" in problem and "nest" in problem


def test_2000_aliases_of_a_long_finding_stop_at_the_text_limit(report, tmp_path):
    # 66 KB of YAML that expands to 39 million characters: laying them out took minutes.
    finding = "word " * 3_900  # 19,500 characters, within the limit of one field
    aliases = "  - *long\n" * 2_000
    edit(report, "  - China attracted", f"  - &long {finding}\n{aliases}  - China attracted")
    run = build_fails(report, tmp_path / "output")
    [problem, _] = run.err.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(report))}/report\.yaml:\d+:5: more than {MAX_YAML_TEXT:,} characters of text "
        r"in all, the limit for one report \(an alias counts as the text it repeats\)",
        problem,
    ), problem


def test_yaml_400_deep_and_450000_wide_stops_at_the_nesting_limit_in_bounded_memory(report, tmp_path):
    # It took 1.7 GB: the path to each value, 400 keys long, was kept for every one of them.
    path = report / "report.yaml"
    wide = ", ".join(["1"] * 450_000)
    path.write_text(path.read_text() + "extra: " + "[" * 400 + wide + "]" * 400 + "\n")
    run = build_fails(report, tmp_path / "output")
    [problem, _] = run.err.splitlines()
    line = len(path.read_text().splitlines())
    # The `[` that opens the 21st level: the mapping of the whole file is the first.
    column = len("extra: ") + MAX_YAML_DEPTH
    assert problem == (
        f"{report}/report.yaml:{line}:{column}: invalid YAML: nesting deeper than {MAX_YAML_DEPTH} levels"
    )


# --- CSV files read by many datasets ----------------------------------------------------------------------


def test_one_18_mb_csv_named_by_20_datasets_is_read_once_in_bounded_memory(report, tmp_path):
    # Each dataset read its own copy: 2.7 GB.
    text = (report / "report.yaml").read_text(encoding="utf-8")
    spec = text[text.index("  investment:\n    file:") : text.index("\ncharts:")]
    copies = "".join(spec.replace("  investment:", f"  copy-{i}:") + "\n" for i in range(20))
    edit(report, "\ncharts:", f"\n{copies}charts:")
    rows = "".join(f"Country {i} {'x' * 155},Region {i % 7},{i / 10:.1f}\n" for i in range(99_000))
    with (report / "data" / "investment.csv").open("a") as csv_file:
        csv_file.write(rows)
    assert (report / "data" / "investment.csv").stat().st_size > 18_000_000
    run = build_fails(report, tmp_path / "output")
    chart = line_of(report, "    dataset: investment")  # the bar chart's, the first to name it
    assert (
        f"{report}/report.yaml:{chart}:14: charts.investment-bar.dataset: "
        "dataset 'investment' has 99,003 rows; a chart shows at most 200"
    ) in run.err.splitlines()


def test_a_20_mb_csv_of_98_columns_stops_at_the_cell_limit(report, tmp_path):
    # 98 columns of 99,000 rows took 770 MB: the row limit alone does not bound a table.
    columns = 98
    declared = "".join(f"      c{j}: {{type: number, label: c{j}}}\n" for j in range(columns - 3))
    last = '      models_2024: {type: number, unit: models, label: "2024"}\n'
    edit(report, last, last + declared)
    header = "country,models_2023,models_2024," + ",".join(f"c{j}" for j in range(columns - 3))
    row = ",".join(["1"] * (columns - 1))
    rows = "".join(f"c{i},{row}\n" for i in range(99_000))
    (report / "data" / "models.csv").write_text(f"{header}\n{rows}")
    run = build_fails(report, tmp_path / "output")
    line = MAX_CSV_CELLS // columns + 2  # the header, then the first row over the limit
    assert run.err.splitlines()[0] == (
        f"{report}/data/models.csv:{line}: more than {MAX_CSV_CELLS:,} cells in the report's CSV files: "
        "aggregate the data first"
    )


TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/object:pathlib.Path {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!binary dG91Y2g=",
    "!!set {{a, b}}",
    "!!omap [a: 1]",
    "!include /etc/passwd",
]


@pytest.mark.parametrize("tagged", TAGS, ids=[tag.split()[0] for tag in TAGS])
def test_a_yaml_tag_that_constructs_objects_is_refused_and_runs_nothing(report, tmp_path, tagged):
    marker = tmp_path / "ran"
    value = tagged.format(marker=marker)
    edit(report, "subtitle: Two datasets, two charts, one table", f"subtitle: {value}")
    [problem] = problems(report)
    tag = value.split()[0]
    assert problem == (
        f"{report}/report.yaml:3:11: invalid YAML: tag {tag!r} is not allowed: "
        "write plain text, numbers, dates, lists and mappings"
    )
    assert not marker.exists()


# --- nothing read from outside the report folder and assets/ -------------------------------------------


@pytest.mark.parametrize(
    "reference",
    [
        "{../../../etc/passwd[root].x}",
        "{data/models.csv[China].models_2024}",
        "{/etc/passwd[root].shell}",
        "{models[China].models_2024!r}",
        "{models[China].models_2024:{0.__class__.__init__.__globals__}}",
    ],
)
def test_a_data_reference_cannot_name_a_file_or_reach_into_python(report, reference):
    edit(report, "  - China attracted", f"  - See {reference} China attracted")
    shown = reference[: reference.index("}") + 1]
    assert problems(report) == [
        f"{report}/report.yaml:{line_of(report, '  - See')}:5: findings[1]: bad data reference "
        f"{shown!r}: write {{dataset[row].column}} or {{dataset[row].column:.1f}}, and {{{{ for a literal brace"
    ]


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            "{models[China].models_2024:%s}",
            "bad number format '%s' in '{models[China].models_2024:%s}': "
            "use ',' and/or '.N' (e.g. ':.1f', ':,')",
        ),
        (
            "{models[../../etc/passwd].models_2024}",
            "dataset 'models' has no row '../../etc/passwd' in column "
            "'country' (rows: 'United States', 'China', 'France')",
        ),
    ],
    ids=["a printf format", "a path as the row"],
)
def test_a_data_reference_reads_only_a_declared_dataset(report, reference, message):
    # The corpus (tests/fixtures/broken/reference-*, symlinked-data-folder) has the dunder and link cases.
    edit(report, "  - China attracted", f"  - See {reference} China attracted")
    assert problems(report) == [
        f"{report}/report.yaml:{line_of(report, '  - See')}:5: findings[1]: {message}"
    ]


def test_a_link_in_the_shared_assets_folder_cannot_lead_outside(report, tmp_path):
    assets = report.parent.parent / "assets"
    assets.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the report")
    (assets / "logo.png").symlink_to(secret)
    edit(report, "page_size: A4", "page_size: A4\nlogo: assets/logo.png")
    assert problems(report) == [
        f"{report}/report.yaml:{line_of(report, 'logo:')}:7: logo: "
        "path 'assets/logo.png' is a link to a file outside the report folder"
    ]


def test_the_report_folder_may_itself_be_a_link(report, tmp_path):
    link = tmp_path / "linked-report"
    link.symlink_to(report, target_is_directory=True)
    assert load_report(link).title == "Minimal test report"
