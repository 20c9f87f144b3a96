"""Every resource limit in one place: what one report, template, workbook or image may cost a build.

A limit exists so that hostile or mistaken input stops early with a located error instead of stalling a
build or exhausting memory; each is far beyond any real briefing. README's "Limits" table lists them.
"""

from __future__ import annotations

# --- content files (report.yaml, CSV) -------------------------------------------------------------------

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Bytes in one content file (report.yaml or a CSV)."""
MAX_YAML_NODES = 100_000
"""Keys and values in report.yaml, each alias counted as the value it repeats: the default report has 800.
Checked from the parser's events before any node is built, as a built node takes some 300 bytes."""
MAX_YAML_DEPTH = 20
"""Levels of lists and mappings in report.yaml: a report's deepest value (a slide's sub-bullet) is 6 levels
down. Kept short because the loader remembers the path to every value (a 400-deep file took 1.7 GB)."""
MAX_YAML_TEXT = 1_000_000
"""Characters of all of report.yaml's keys and values, each alias counted as the text it repeats: the
default report has 27,000. A build lays out a million in about 15 s; 2,000 aliases of one 19,500-character
finding (39 million) took minutes. A value over MAX_TEXT_LENGTH counts as that many (it is reported alone)."""
MAX_CSV_ROWS = 100_000
"""Data rows in one CSV file."""
MAX_CSV_CELLS = 1_000_000
"""Cells (rows times columns) of all the tables a report reads: some 80 MB of typed values. A file named by
several datasets is read once, and counted once for all the datasets that declare the same columns."""
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

# --- templates, workbooks and images -----------------------------------------------------------------------

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""Bytes of a PowerPoint template, both its file and its parts decompressed: a corporate template with its
pictures and fonts takes a few MB, and a build holds every part in memory several times over."""
MAX_TEMPLATE_PART_BYTES = 20 * 1024 * 1024
"""Bytes of one part of a template decompressed: its largest picture or font."""
MAX_TEMPLATE_RATIO = 100
"""How many times the size of its file a template's parts may decompress to. Office files compress about
4 times and none of their parts 20 times; a zip bomb compresses a thousand times."""
MAX_TEMPLATE_PARTS = 10_000
"""Parts (zip entries) in a template: a real one has a few hundred. Checked before the zip's directory is
read, as reading it takes about 1 KB of memory an entry."""
MAX_WORKBOOK_BYTES = 400 * 1024 * 1024
"""Bytes of an Excel workbook's parts decompressed (its file may have MAX_FILE_BYTES, as a CSV). A sheet's
XML takes some 40 bytes a cell, ten times its CSV: 200,000 rows of 4 columns are 40 MB, 100,000 rows of
10 columns of text 75 MB, compressed 10 to 20 times. Each part is checked a chunk at a time (about 1 s per
100 MB) and openpyxl streams the sheets, so this bounds time, not memory."""
MAX_WORKBOOK_PART_BYTES = 200 * 1024 * 1024
"""Bytes of one part of a workbook decompressed: a sheet of 500,000 cells of text, five times the cells a
report may read from all its tables."""
MAX_WORKBOOK_RATIO = 100
"""How many times the size of its file a workbook's parts may decompress to: a sheet of numbers compresses
about 10 times, one of repeated text 20 to 30; a zip bomb a thousand times."""
MAX_WORKBOOK_PARTS = 10_000
"""Parts (zip entries) in a workbook: one per sheet, chart and picture, and a few dozen more."""
MAX_WORKBOOK_PART_ELEMENTS = 1_500_000
"""XML elements in one part of a workbook: a sheet of about 500,000 cells (a <c> and a <v> each, and the
rows). openpyxl builds each, and reads the shared strings whole, twice (values, then formulas), at about 16
µs a string: at this limit, 750,000 strings cost about 24 s of CPU, which no size limit would bound."""
MAX_LOGO_BYTES = 20 * 1024 * 1024
"""Bytes of a logo's file, which python-pptx reads whole into the deck: a logo takes a few hundred KB."""
MAX_LOGO_PIXELS = 25_000_000
"""Pixels in a logo: more than a 5,000 x 5,000 picture is far beyond a footer row; python-pptx reads the
whole file, and Pillow warns of a decompression bomb above 89 million."""
MAX_LOGO_ASPECT = 20
"""How many times wider than tall (or taller than wide) a logo may be: set as tall as the footer row, a
60,000 x 1 logo would run some 450 m off the slide, and a tall one shrink to a sliver."""

MAX_CHART_PIXELS = 16_000_000
"""Pixels in one chart picture: a slide-wide chart at 200 dpi has 2.4 million; on a template's largest
slide (56 inches a side) the theme's resolution would make 125 million, 500 MB a picture, so the
resolution is lowered to stay within this."""

# --- tables and links -----------------------------------------------------------------------------------

MAX_TABLE_ROWS = 2_000
"""Rows one table (`tables.*`) may print, in the deck or the brief. Both lay out every row: about 1 ms a row
for the brief and 2 ms for the deck (a benchmarks/synthetic.py report with the table in the brief and on a
slide, on a busy 2-core machine), so 2,000 rows (some 45 pages) build in about 12 s, deck and brief together:
well under 30 s on a slower machine too. A 99,999-row table ran past 120 s.
Links may open only web and mail addresses (model.check_link)."""
