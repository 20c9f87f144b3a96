"""The canvas every chart figure is drawn on: Agg, saving in the formats the outputs take.

`savefig(format=...)` finds a `print_<format>` method here: "png" is Agg's pixels written by png.py (not
Pillow), "ops" the brief's recording (vector.py), and "svg" and "pdf" matplotlib's own backends.
"""

from __future__ import annotations

from typing import IO

import numpy as np

from aigap_docs.charts import png, vector
from aigap_docs.charts._matplotlib import FigureCanvasAgg


class ChartCanvas(FigureCanvasAgg):
    """Agg, with PNG written by `png.encode` and the "ops" format by `vector.record`.

    What else `print_figure` passes to a print method (dpi, facecolor) it has set on the figure already;
    metadata is never written.
    """

    def print_png(self, filename_or_obj: IO[bytes], **_: object) -> None:
        FigureCanvasAgg.draw(self)
        filename_or_obj.write(png.encode(np.asarray(self.buffer_rgba()), self.figure.dpi))

    def print_ops(self, filename_or_obj: IO[bytes], **_: object) -> None:
        vector.record(self.figure, filename_or_obj)
