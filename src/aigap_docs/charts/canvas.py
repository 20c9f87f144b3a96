"""The canvas every chart figure is drawn on: Agg, saving in the formats the outputs take.

`savefig(format=...)` finds a `print_<format>` method here: "png" is Agg's pixels written by png.py (not
Pillow), "ops" the brief's recording (vector.py), and "svg" and "pdf" matplotlib's own backends.
"""

from __future__ import annotations

from typing import IO, Any

import numpy as np

from aigap_docs.charts import png, vector
from aigap_docs.charts._matplotlib import FigureCanvasAgg


class ChartCanvas(FigureCanvasAgg):
    """Agg, with PNG written by `png.encode` and the "ops" format by `vector.record`.

    What else `print_figure` passes to a print method (dpi, facecolor) it has set on the figure already;
    metadata is never written.
    """

    def print_png(
        self, filename_or_obj: IO[bytes], *, pil_kwargs: dict[str, Any] | None = None, **_: object
    ) -> None:
        """Draw and write the PNG, deflated at `pil_kwargs["compress_level"]` (as Pillow: 6 unless given)."""
        FigureCanvasAgg.draw(self)
        level = (pil_kwargs or {}).get("compress_level", 6)
        filename_or_obj.write(png.encode(np.asarray(self.buffer_rgba()), self.figure.dpi, level))

    def print_ops(self, filename_or_obj: IO[bytes], **_: object) -> None:
        vector.record(self.figure, filename_or_obj)
