"""A chart in the brief: the recording charts/vector.py made of it, replayed on the page's canvas.

Paths arrive in PDF's own path syntax and are written as they are; colours, transparency, line styles and
text go through reportlab's canvas, so its graphics state stays true and text is set in the brief's
registered faces (subset, embedded, searchable), as the SVG route through svglib set it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from aigap_docs.exporters.brief.fonts import Faces

_PAINT = {(True, True): "B", (True, False): "f", (False, True): "S"}
"""PDF's painting operator for (filled, stroked)."""


class Chart(Flowable):
    """A recorded chart at its own size (the brief's column width, as it was drawn)."""

    def __init__(self, path: Path, faces: Faces) -> None:
        super().__init__()
        recording = json.loads(path.read_bytes())
        self.width, self.height = recording["size"]
        self.ops: list[list[Any]] = recording["ops"]
        self.faces = faces

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        for op in self.ops:
            canvas.saveState()
            if op[0] == "path":
                self._path(*op[1:])
            else:
                self._text(*op[1:])
            canvas.restoreState()

    def _path(
        self, operators: str, fill: list[float] | None, stroke: list[float] | None, line: list[Any], clip: Any
    ) -> None:
        canvas = self.canv
        _clip(canvas, clip)
        if fill is not None:
            canvas.setFillColorRGB(*fill[:3])
            if fill[3] < 1:
                canvas.setFillAlpha(fill[3])
        if stroke is not None:
            width, cap, join, offset, dashes = line
            canvas.setStrokeColorRGB(*stroke[:3])
            if stroke[3] < 1:
                canvas.setStrokeAlpha(stroke[3])
            canvas.setLineWidth(width)
            canvas.setLineCap(cap)
            canvas.setLineJoin(join)
            if dashes:
                canvas.setDash(dashes, offset)
        canvas.addLiteral(operators + _PAINT[fill is not None, stroke is not None])

    def _text(
        self,
        x: float,
        y: float,
        angle: float,
        anchor: str,
        text: str,
        face: str,
        size: float,
        colour: list[float],
        clip: Any,
    ) -> None:
        canvas = self.canv
        _clip(canvas, clip)
        canvas.setFillColorRGB(*colour[:3])
        if colour[3] < 1:
            canvas.setFillAlpha(colour[3])
        canvas.setFont(getattr(self.faces, face), size)
        canvas.translate(x, y)
        if angle:
            canvas.rotate(angle)
        draw = {"start": canvas.drawString, "middle": canvas.drawCentredString, "end": canvas.drawRightString}
        draw[anchor](0, 0, text)


def _clip(canvas: Any, clip: list[Any] | None) -> None:
    """Clip to the op's rectangle and path (PDF's W n: nothing painted by it)."""
    if clip is None:
        return
    rectangle, operators = clip
    if rectangle is not None:
        canvas.addLiteral("{} {} {} {} re W n".format(*rectangle))
    if operators is not None:
        canvas.addLiteral(f"{operators} W n")
