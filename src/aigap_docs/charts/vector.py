"""A chart as the drawing operations the brief replays on its PDF canvas: the brief's vector route.

The brief's charts went through SVG: matplotlib wrote XML, svglib parsed it back into reportlab shapes, and
reportlab wrote those as PDF. Writing and parsing the XML was most of the cost (0.02 s a chart) for nothing
the brief needs. This matplotlib renderer records what a figure draws, in the units and orientation of PDF
(points, y up): each path already in PDF's path syntax with its paint, line and clip, each line of text as
a string with its anchor, face, size and colour, as SVG with real text would have placed it. The brief
replays the recording (exporters/brief/chart.py), so chart text stays text in the brief's own faces,
searchable and in its fonts, and nothing is parsed.

A recording is JSON: {"size": [width, height], "ops": [op, ...]}, each op a list whose first item names it:
    ["path", operators, fill, stroke, line, clip]
    ["text", x, y, angle, anchor, text, face, size, colour, clip]
fill, stroke and colour are [r, g, b, alpha] or null; line is [width, cap, join, dash offset, dashes];
clip is [rectangle or null, path operators or null]; anchor is start, middle or end; face is regular,
bold, italic or bold_italic.
"""

from __future__ import annotations

import json
from typing import IO, Any

import numpy as np
from matplotlib import _path
from matplotlib import font_manager as fm
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Transform

FORMAT = "ops"
"""The figure format of a recording, as a chart request names it."""

_PATH_CODES = [b"m", b"l", b"", b"c", b"h"]
"""PDF's operators for matplotlib's path codes; quadratic curves (b"") are made cubic."""

_PRECISION = 3
"""Decimals of a coordinate, in points."""

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_ANCHORS = {"left": "start", "center": "middle", "right": "end"}


def record(figure: Any, handle: IO[bytes]) -> None:
    """Write the recording of `figure`, drawn at 72 dpi (one unit a point), to `handle`."""
    width, height = (float(side) * 72 for side in figure.get_size_inches())
    recorder = Recorder(width, height)
    figure.draw(recorder)
    recording = {"size": [round(width, _PRECISION), round(height, _PRECISION)], "ops": recorder.ops}
    handle.write(json.dumps(recording, ensure_ascii=False, separators=(",", ":")).encode())


class Recorder(RendererBase):
    """A renderer that keeps what it is asked to draw as operations (see the module docstring)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.ops: list[list[Any]] = []

    def flipy(self) -> bool:
        return False  # y up, as in PDF

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: float) -> float:
        return points

    def draw_path(
        self,
        gc: GraphicsContextBase,
        path: Path,
        transform: Transform,
        rgbFace: Any = None,  # noqa: N803
    ) -> None:
        if gc.get_hatch() is not None:  # no chart kind hatches: one that did would lose it silently here
            raise NotImplementedError("hatched fills are not recorded for the brief")
        forced = gc.get_alpha() if gc.get_forced_alpha() else None
        fill = _paint(rgbFace, forced)
        stroke = _paint(gc.get_rgb(), forced) if gc.get_linewidth() > 0 else None
        if fill is None and stroke is None:
            return
        outline = rgbFace is None  # an outline only may be cut to the page and simplified, as PDF does
        operators = _operators(
            path,
            transform,
            (0.0, 0.0, self.width, self.height) if outline else None,
            bool(outline and path.should_simplify),
            gc.get_sketch_params(),
        )
        offset, dashes = gc.get_dashes()
        line = [
            round(gc.get_linewidth(), _PRECISION),
            _CAPS[gc.get_capstyle()],
            _JOINS[gc.get_joinstyle()],
            round(offset or 0.0, _PRECISION),
            [round(float(dash), _PRECISION) for dash in dashes] if dashes is not None else [],
        ]
        self.ops.append(["path", operators, fill, stroke, line, _clip(gc)])

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | str = False,
        mtext: Text | None = None,
    ) -> None:
        if ismath:  # mathtext and TeX have no plain string: drawn as outlines
            self._draw_text_as_path(gc, x, y, s, prop, angle, ismath, mtext)
            return
        anchor = "start"
        if mtext is not None and (angle == 0 or mtext.get_rotation_mode() == "anchor"):
            # Where SVG anchors text: at the text's own alignment point, moved onto this line's baseline, so
            # centred and right-aligned text stays aligned in fonts measured without matplotlib's kerning.
            ax, ay = mtext.get_transform().transform(mtext.get_unitless_position())
            up = np.array([-np.sin(np.deg2rad(angle)), np.cos(np.deg2rad(angle))])
            x, y = np.array([ax, ay]) + up * np.dot(up, [x - ax, y - ay])
            anchor = _ANCHORS[mtext.get_horizontalalignment()]
        weight = fm.weight_dict.get(prop.get_weight(), prop.get_weight())
        bold = int(weight) >= 600
        italic = prop.get_style() in ("italic", "oblique")
        face = ("regular", "italic", "bold", "bold_italic")[2 * bold + italic]
        forced = gc.get_alpha() if gc.get_forced_alpha() else None
        colour = _paint(gc.get_rgb(), forced)
        if colour is None:
            return
        self.ops.append(
            [
                "text",
                round(float(x), _PRECISION),
                round(float(y), _PRECISION),
                round(float(angle), _PRECISION),
                anchor,
                s,
                face,
                round(prop.get_size_in_points(), _PRECISION),
                colour,
                _clip(gc),
            ]
        )


def _paint(rgba: Any, forced_alpha: float | None) -> list[float] | None:
    """[r, g, b, alpha] of a colour, or None when it paints nothing (no colour, or fully transparent)."""
    if rgba is None:
        return None
    red, green, blue, *rest = (float(channel) for channel in rgba)
    alpha = forced_alpha if forced_alpha is not None else (rest[0] if rest else 1.0)
    if alpha <= 0:
        return None
    return [round(red, 4), round(green, 4), round(blue, 4), round(alpha, 4)]


def _clip(gc: GraphicsContextBase) -> list[Any] | None:
    """The clip rectangle and clip path of `gc`, or None when it has neither."""
    box = gc.get_clip_rectangle()
    rectangle = [round(float(value), _PRECISION) for value in box.bounds] if box is not None else None
    path, affine = gc.get_clip_path()
    operators = _operators(path, affine, None, False, None) if path is not None else None
    if rectangle is None and operators is None:
        return None
    return [rectangle, operators]


def _operators(
    path: Path, transform: Transform, clip: tuple[float, ...] | None, simplify: bool, sketch: Any
) -> str:
    """`path` in PDF's path syntax, by the C converter matplotlib's own PDF, PS and SVG backends use: a
    private module, so tests/charts/test_vector.py checks what it writes against matplotlib's PDF."""
    return _path.convert_to_string(
        path, transform, clip, simplify, sketch, _PRECISION, _PATH_CODES, True
    ).decode("ascii")
