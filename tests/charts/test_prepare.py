"""What a chart worker inherits: forked after `prepare`, it loads no code and no font of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from pathlib import Path
from aigap_docs.charts import draw_files, standalone_requests
from aigap_docs.charts.draw import prepare
from aigap_docs.fonts import load_face
from aigap_docs.pipeline import load

report, theme = load(Path(sys.argv[1]))
requests = standalone_requests(report, theme)
prepare(theme, {fmt for request in requests for fmt in request.formats})
modules, faces = set(sys.modules), load_face.cache_info().misses
for request in requests:
    out = Path(sys.argv[2]) / request.chart_id
    draw_files(report, theme, request, {fmt: out.with_suffix("." + fmt) for fmt in request.formats},
               out.with_suffix(".json"))
print(json.dumps([sorted(set(sys.modules) - modules), load_face.cache_info().misses - faces]))
"""


def test_a_chart_drawn_after_prepare_imports_nothing_and_reads_no_font_file(tmp_path):
    # A fresh interpreter: in this one, earlier tests may have imported and loaded everything already.
    report = ROOT / "content" / "aigap-2025"
    found = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(report), str(tmp_path)], capture_output=True, text=True, check=True
    )
    imported, faces_read = json.loads(found.stdout.splitlines()[-1])
    assert len(list(tmp_path.glob("*.png"))) > 3  # it drew
    assert imported == []
    assert faces_read == 0
