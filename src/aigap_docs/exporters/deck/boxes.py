"""Units and rectangles on a slide: EMU (the integers OOXML stores), points, inches, the Box, and the slide
sizes PowerPoint has and accepts."""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914400


EMU_PER_POINT = 12700


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU (English Metric Units, the integers OOXML stores)."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.w / EMU_PER_POINT, self.h / EMU_PER_POINT


SLIDE = (12192000, 6858000)
"""13.333 x 7.5 in: PowerPoint's own 16:9 size, in EMU."""


SLIDE_SIDES = (inches(1), inches(56))
"""The shortest and longest side of a slide PowerPoint accepts."""
