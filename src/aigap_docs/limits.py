"""Every resource limit in one place: what one report, template or image may cost a build.

A limit exists so that hostile or mistaken input stops early with a located error instead of stalling a
build or exhausting memory; each is far beyond any real briefing. README's "Limits" table lists them.
"""

from __future__ import annotations

# --- content files (report.yaml, CSV) -------------------------------------------------------------------

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Bytes in one content file (report.yaml or a CSV)."""
MAX_YAML_NODES = 500_000
"""Values in report.yaml after aliases are expanded."""
MAX_CSV_ROWS = 100_000
"""Data rows in one CSV file."""
MAX_TEXT_LENGTH = 20_000
"""Characters in one text field: far beyond any slide or page, short of what could stall a build."""
MAX_CHART_ROWS = 200
"""Categories (rows) one chart can show legibly; more is a content error, not a slow unreadable chart."""
MAX_NUMBER = 1e100
"""Largest magnitude of a number in a CSV file: beyond any statistic, and far enough from the float limit
(1.8e308) that a chart's sums, scales and margins stay finite."""
MAX_NUMBER_LENGTH = 100
"""Characters in one number: Python refuses to read integers of more than 4,300 digits at all."""
MAX_LABELLED = 1e15
"""Magnitude a chart's numbers stay below. Labels and axis numbers print values in full ("1,073"), and a
float holds every whole number only below about 9e15: a larger value would print digits it does not have,
in a label wider than the chart."""

# --- templates and images -------------------------------------------------------------------------------

# --- outputs --------------------------------------------------------------------------------------------

# --- tables and links -----------------------------------------------------------------------------------

MAX_TABLE_ROWS = 2_000
"""Rows one table (`tables.*`) may print, in the deck or the brief. Both lay out every row: about 1 ms a row
for the brief and 2 ms for the deck (a benchmarks/synthetic.py report with the table in the brief and on a
slide, on a busy 2-core machine), so 2,000 rows (some 45 pages) build in about 12 s, deck and brief together:
well under 30 s on a slower machine too. A 99,999-row table ran past 120 s.
Links may open only web and mail addresses (model.check_link)."""
