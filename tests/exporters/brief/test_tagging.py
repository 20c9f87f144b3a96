"""The tagged brief, read back with tools that are not ours: poppler's `pdfinfo -struct-text` for the structure a
screen reader walks, pikepdf for what poppler does not print (Alt, Scope, annotations, the ParentTree) and for
every operator of every content stream. Run on the shipped report, on a table split over pages and on hostile
text."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from aigap_docs.exporters import BuildOptions
from aigap_docs.exporters.brief import plan as brief_plan
from aigap_docs.exporters.brief.plan import FigurePlan, TablePlan
from aigap_docs.pipeline import load

from ...conftest import FIXTURES, ROOT
from .test_writer import LONG_WORD, build_brief, edited_minimal, hostile, needs


@pytest.fixture(scope="module")
def chart_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("charts")


TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}


def _hostile_folder(tmp_path: Path) -> Path:
    folder = edited_minimal(tmp_path, hostile)
    csv = folder / "data" / "investment.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("North America", LONG_WORD), encoding="utf-8")
    return folder


REPORTS = sorted(path.parent.name for path in (ROOT / "content").glob("*/report.yaml"))
"""The shipped report and the example reports on other topics."""


@pytest.fixture(scope="module", params=[*REPORTS, "brief-flow", "hostile"])
def brief(request, chart_cache, tmp_path_factory):
    """(plan, path of the built PDF) for each report the structure must hold for."""
    tmp = tmp_path_factory.mktemp(request.param)
    folder = {
        "brief-flow": lambda: FIXTURES / "good" / "brief-flow",
        "hostile": lambda: _hostile_folder(tmp),
    }.get(request.param, lambda: ROOT / "content" / request.param)()
    built, _ = build_brief(folder, chart_cache)
    path = tmp / "brief.pdf"
    path.write_bytes(built.data)
    report, theme = load(folder)
    return brief_plan.plan(report, theme, BuildOptions()), path


def structure(path: Path) -> list[tuple[int, str]]:
    """`pdfinfo -struct-text` as (depth, line): an element's role, or the quoted text of its content."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True, text=True)
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    return [((len(line) - len(line.lstrip())) // 2, line.strip()) for line in lines]


def roles(path: Path) -> list[str]:
    return [re.split(r"[ :]", line)[0] for _, line in structure(path) if not line.startswith(('"', "/"))]


def texts_after(path: Path, role: str) -> list[str]:
    """The text right under each element of `role`, in reading order (whitespace dropped: poppler joins lines)."""
    tree = structure(path)
    return [
        "".join(tree[i + 1][1].strip('"').split())
        for i, (_, line) in enumerate(tree)
        if line.split(" ")[0] == role and i + 1 < len(tree)
    ]


def squeezed(text: str) -> str:
    return "".join(text.split())


# --- poppler ---------------------------------------------------------------------------------------------


@needs("pdfinfo")
def test_pdfinfo_says_tagged(brief):
    out = subprocess.run(["pdfinfo", str(brief[1])], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", out, re.M)


@needs("pdfinfo")
def test_the_title_is_the_one_h1_and_headings_follow_in_reading_order(brief):
    planned, path = brief
    assert roles(path)[:2] == ["Document", "H1"]
    assert texts_after(path, "H1") == [squeezed(planned.info.title)]
    expected = ([planned.findings_title] if planned.findings else []) + [
        s.heading.plain for s in planned.sections
    ]
    assert texts_after(path, "H2") == [squeezed(h) for h in [*expected, planned.sources_title]]


@needs("pdfinfo")
def test_findings_are_a_list_of_items_each_with_a_label_and_a_body(brief):
    planned, path = brief
    assert roles(path).count("LI") == len(planned.findings)
    assert roles(path).count("Lbl") == roles(path).count("LBody") == len(planned.findings)
    assert set(texts_after(path, "Lbl")) <= {"\u2022"}


@needs("pdfinfo")
def test_each_table_is_one_table_with_every_row_once_and_header_cells_with_a_scope(brief):
    planned, path = brief
    tables = [b for s in planned.sections for b in s.body if isinstance(b, TablePlan)]
    found = roles(path)
    assert found.count("Table") == len(tables)  # a table split over pages stays one Table
    assert found.count("TR") == sum(len(t.view.rows) + 1 for t in tables)  # the repeated header is not read
    tree = structure(path)
    th = [i for i, (_, line) in enumerate(tree) if line == "TH:"]
    assert all(tree[i + 1][1] in ("/Scope /Column", "/Scope /Row") for i in th)
    header_cells = sum(len(t.view.headers) for t in tables)
    assert [tree[i + 1][1] for i in th].count("/Scope /Column") == header_cells


@needs("pdfinfo")
def test_a_split_table_reads_its_rows_in_order(chart_cache, tmp_path):
    folder = FIXTURES / "good" / "brief-flow"
    built, _ = build_brief(folder, chart_cache)
    path = tmp_path / "flow.pdf"
    path.write_bytes(built.data)
    tree = structure(path)
    rows = [
        tree[i + 2][1]
        for i, (_, line) in enumerate(tree)
        if line == "TH:" and tree[i + 1][1] == "/Scope /Row"
    ]
    assert rows == [f'"Site {n:02d}"' for n in range(1, 61)]
    with pikepdf.open(path) as pdf:
        table = next(e for e in elements(pdf) if e.S == "/Table")
        pages = {
            mcr.Pg.objgen
            for e in walk(table)
            for mcr in e.K
            if isinstance(mcr, pikepdf.Dictionary) and mcr.get("/Type") == "/MCR"
        }
        assert len(pages) == 2  # the table did split, and both parts are the one Table


# --- pikepdf ---------------------------------------------------------------------------------------------


def walk(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """`element` and every structure element under it, in reading order."""
    found = [element]
    for kid in element.get("/K", []):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            found += walk(kid)
    return found


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in reading order."""
    return [e for top in pdf.Root.StructTreeRoot.K for e in walk(top)]


def test_every_figure_has_the_charts_alt_text_and_its_caption(brief):
    planned, path = brief
    figures = [b for s in planned.sections for b in s.body if isinstance(b, FigurePlan)]
    with pikepdf.open(path) as pdf:
        tagged = [e for e in elements(pdf) if e.S == "/Figure"]
        assert [str(e.Alt) for e in tagged] == [f.alt for f in figures]
        assert all(e.K[0].S == "/Caption" for e in tagged)


def test_every_link_annotation_has_a_link_element_and_contents(brief):
    _, path = brief
    with pikepdf.open(path) as pdf:
        links = [e for e in elements(pdf) if e.S == "/Link"]
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert len(links) == len(annotations)
        parents = {
            int(n): v
            for n, v in zip(
                pdf.Root.StructTreeRoot.ParentTree.Nums[::2],
                pdf.Root.StructTreeRoot.ParentTree.Nums[1::2],
                strict=True,
            )
        }
        for link in links:
            (objr,) = link.K
            assert objr.Type == "/OBJR" and str(objr.Obj.Contents)
            assert parents[int(objr.Obj.StructParent)].objgen == link.objgen


def test_catalog_pages_and_metadata_say_what_pdf_ua_asks(brief):
    planned, path = brief
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True and str(root.Lang) == planned.info.language
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert all(p.obj.Tabs == "/S" and int(p.obj.StructParents) == n for n, p in enumerate(pdf.pages))
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == planned.info.title
        assert meta["dc:creator"] == list(planned.info.authors)
        assert meta["dc:language"] == {planned.info.language}


def test_each_mcid_of_each_page_belongs_to_one_element(brief):
    _, path = brief
    with pikepdf.open(path) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        by_page = {int(k): v for k, v in zip(nums[::2], nums[1::2], strict=True) if int(k) < len(pdf.pages)}
        for number, page in enumerate(pdf.pages):
            mcids = [
                int(ops[1].MCID)
                for ops, op in pikepdf.parse_content_stream(page)
                if str(op) == "BDC" and isinstance(ops[1], pikepdf.Dictionary) and "/MCID" in ops[1]
            ]
            assert mcids == list(range(len(by_page[number])))


def unmarked(pdf: pikepdf.Pdf) -> list[str]:
    """Every text-showing or painting operator outside marked content with an MCID and outside an artifact,
    in page content streams and in the form XObjects they draw."""
    problems: list[str] = []

    def walk(owner, resources, marks: list[bool], where: str) -> None:
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            if op == "BMC":
                marks.append(operands[0] == "/Artifact")
            elif op == "BDC":
                tag, properties = operands
                has_mcid = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                marks.append(tag == "/Artifact" or has_mcid)
            elif op == "EMC":
                marks.pop()
            elif op in TEXT_SHOWING | PAINTING and not any(marks):
                problems.append(f"{where}: {op} {operands[:1]}")
            if op == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.Subtype == "/Form":
                    walk(xobject, xobject.get("/Resources", resources), list(marks), f"{where} {operands[0]}")
        assert not marks, f"{where}: marked content left open"

    for number, page in enumerate(pdf.pages, 1):
        walk(page, page.Resources, [], f"page {number}")
    return problems


def test_every_text_and_painting_operator_is_tagged_or_an_artifact(brief):
    with pikepdf.open(brief[1]) as pdf:
        assert unmarked(pdf) == []


def test_the_checker_finds_untagged_text():
    """The walker itself: reportlab's own, untagged output fails it."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 72, "untagged")
    canvas.rect(10, 10, 20, 20, stroke=0, fill=1)
    canvas.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        assert [p.split(":")[1].split()[0] for p in unmarked(pdf)] == ["Tj", "f*"]


# --- an independent checker ------------------------------------------------------------------------------


def test_the_pdfua_checker_finds_nothing(brief):
    """pdfua (PyPI, built on pikepdf) runs the machine-checkable subset of PDF/UA-1 it implements: structure
    tree, MarkInfo, untagged content, language, Figure Alt, table structure, link and annotation
    descriptions, title, DisplayDocTitle, the XMP identifier. Its heading rule crashes on any /K array
    (its bug, reported as skipped), so only the rules it could run are held to: none may find anything."""
    out = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(brief[1])],
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout)
    assert result["findings"] == [] and out.returncode == 0
    assert result["summary"]["rules_run"] >= 11
