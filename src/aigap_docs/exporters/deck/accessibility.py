"""What a screen reader needs of each planned slide: its shapes in reading order, and the check of it.

Screen readers (PowerPoint's own, NVDA, VoiceOver) read a slide's shapes in the order the file holds
them, so the plan lists them in the order they are to be read: the title, the body as a reader's eye
goes (columns side by side one after another, each from the top: a big number before its label, a chart
before its source line), then the footer row, then decorations, which are marked decorative and skipped.
The check (run by `plan`, so by `check` and `build`) warns of what PowerPoint's accessibility checker
flags and our plans could still produce: a picture, chart or table with no alternative text, a slide
with no title or the title of another slide, a table with an empty column header. Contrast is checked
where text is planned (`plan.check_contrast`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from aigap_docs.errors import Problem, SourceRef
from aigap_docs.exporters.deck.boxes import Box
from aigap_docs.exporters.deck.plan import Logo, Picture, Rect, Shape, SlidePlan, TableShape, TextShape


def reading_order(shapes: Sequence[Shape]) -> tuple[Shape, ...]:
    """The slide's shapes as they are to be read: title, body in visual order, footer row, decorations."""
    titles = [shape for shape in shapes if is_title(shape)]
    furniture = sorted((s for s in shapes if _is_furniture(s)), key=lambda s: (s.box.x, s.box.y))
    decorations = [shape for shape in shapes if isinstance(shape, Rect)]
    placed = {id(shape) for shape in (*titles, *furniture, *decorations)}
    body = [shape for shape in shapes if id(shape) not in placed]
    return (*titles, *visual_order(body), *furniture, *decorations)


def visual_order(shapes: Sequence[Shape]) -> list[Shape]:
    """Shapes in the order the eye reads them (an XY cut): where they fall into columns side by side, no
    shape reaching across the gap between two, column by column from the left; else row by row from the
    top, rows of the same columns (cards: numbers over their labels) read together as columns; each
    column or row read the same way within. So a number is read with its label, and a chart with its
    source line before the text beside them."""
    if len(shapes) < 2:
        return list(shapes)
    columns = _bands(shapes, _across)
    if len(columns) > 1:
        return [shape for column in columns for shape in visual_order(column)]
    rows = _bands(shapes, _down)
    if len(rows) < 2:
        return sorted(shapes, key=lambda shape: (shape.box.y, shape.box.x))
    merged = [rows[0]]
    for row in rows[1:]:
        if _same_columns(merged[-1], row):
            merged[-1] = [*merged[-1], *row]
        else:
            merged.append(row)
    groups = merged if len(merged) > 1 else rows
    return [shape for group in groups for shape in visual_order(group)]


def _across(box: Box) -> tuple[int, int]:
    return box.x, box.right


def _down(box: Box) -> tuple[int, int]:
    return box.y, box.bottom


def _same_columns(above: Sequence[Shape], below: Sequence[Shape]) -> bool:
    """Whether two rows fall into as many columns (more than one), each over the other's."""
    upper, lower = _bands(above, _across), _bands(below, _across)
    if len(upper) < 2 or len(upper) != len(lower):
        return False
    return all(
        min(b.box.x for b in low) < max(a.box.right for a in up)
        and min(a.box.x for a in up) < max(b.box.right for b in low)
        for up, low in zip(upper, lower, strict=True)
    )


def _bands(shapes: Sequence[Shape], span: Callable[[Box], tuple[int, int]]) -> list[list[Shape]]:
    """The shapes in groups along one axis, split wherever no shape spans the gap between two groups."""
    groups: list[list[Shape]] = []
    end = None
    for shape in sorted(shapes, key=lambda s: (*span(s.box), s.box.y, s.box.x)):
        start, stop = span(shape.box)
        if end is None or start >= end:
            groups.append([])
            end = stop
        groups[-1].append(shape)
        end = max(end, stop)
    return groups


def is_title(shape: Shape) -> bool:
    """The slide's title: the text that goes into its title placeholder."""
    return isinstance(shape, TextShape) and shape.placeholder == "title"


def _is_furniture(shape: Shape) -> bool:
    """What every slide repeats in its footer row: the short title, the logo, the slide number."""
    if isinstance(shape, Logo):
        return True
    if not isinstance(shape, TextShape):
        return False
    return shape.slide_number or shape.placeholder == "ftr" or shape.name == "Footer"


def title_text(shape: TextShape) -> str:
    """A title as a screen reader says it: its words, whitespace and line breaks as single spaces."""
    words = "".join(run.text for para in shape.paras for run in para.runs)
    return re.sub(r"\s+", " ", words).strip()


def check(
    slides: Sequence[SlidePlan], refs: Sequence[SourceRef], origins: Sequence[int] | None = None
) -> list[Problem]:
    """Warnings of what a screen reader would miss on the planned slides (`refs`: each slide's place in
    report.yaml; `origins`: the index of the report's slide each was planned from, where a table split
    over slides makes several of one; else one each): see the module's docstring. The parts of a split
    table share their '(continued)' title, and are not warned of as slides of the same title."""
    problems = []
    seen: dict[str, int] = {}
    origins = range(len(slides)) if origins is None else origins
    for slide, where, index in zip(slides, refs, origins, strict=True):
        field = f"slides[{index}]"
        titles = [
            title_text(shape) for shape in slide.shapes if isinstance(shape, TextShape) and is_title(shape)
        ]
        title = next((text for text in titles if text), "")
        if not title:
            message = "the slide has no title: screen readers find and announce slides by their titles"
            problems.append(Problem(where, message, f"{field}.title"))
        elif title.casefold() not in seen:
            seen[title.casefold()] = index
        elif seen[title.casefold()] != index:
            message = (
                f"slides[{seen[title.casefold()]}] has the same title {title!r}: screen readers list "
                "slides by their titles, give each slide its own"
            )
            problems.append(Problem(where, message, f"{field}.title"))
        for shape in slide.shapes:
            problem = _undescribed(shape)
            if problem:
                problems.append(Problem(where, problem, f"{field}.{_field_of(shape)}"))
    return problems


def _undescribed(shape: Shape) -> str:
    """What a screen reader could not say of a picture, chart, logo or table: '' if nothing."""
    if isinstance(shape, Picture | Logo) and not shape.alt.strip():
        return "the picture has no alternative text"
    if isinstance(shape, TableShape):
        if not shape.view.title.plain.strip():
            return "the table has no title, which is its alternative text"
        empty = [i + 1 for i, header in enumerate(shape.view.headers) if not header.strip()]
        if empty:
            return f"the table's column {empty[0]} has no header for screen readers to announce"
    return ""


def _field_of(shape: Shape) -> str:
    if isinstance(shape, Picture):
        return "chart"
    if isinstance(shape, TableShape):
        return "table"
    return "logo"
