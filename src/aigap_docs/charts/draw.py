"""Draw one chart of a report as a matplotlib figure of an exact size, for a deck slot or the brief."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from aigap_docs.charts import Framing
from aigap_docs.charts import kinds as kinds_package
from aigap_docs.charts._matplotlib import Figure, style_context
from aigap_docs.charts.canvas import ChartCanvas
from aigap_docs.charts.data import heading
from aigap_docs.charts.kinds import kind_of, kinds
from aigap_docs.charts.kinds._common import Canvas, Extent
from aigap_docs.charts.style import Style
from aigap_docs.fonts import load_face
from aigap_docs.model import ChartSpec, Report
from aigap_docs.theme import Theme


def draw(
    chart: ChartSpec,
    report: Report,
    theme: Theme,
    size: tuple[float, float],
    medium: Literal["deck", "brief"],
    frame: Framing,
    notes: list[str] | None = None,
) -> Figure:
    """Draw `chart` at exactly `size` inches with the type sizes of `medium`.

    A 'standalone' figure carries its title, subtitle, note and source line; an 'embedded' one only the
    subtitle and note, since the slide or the brief sets the title and source as text. Nothing is saved
    and no global matplotlib state is changed: the style applies only while the figure is built.
    What a crowded chart leaves out to stay legible is appended to `notes`.
    """
    style = Style(theme, medium)
    # matplotlib's defaults, then ours: a user's matplotlibrc cannot change how a chart is laid out.
    with style_context(["default", style.rc()]):
        fig = Figure(figsize=size, dpi=theme.dpi_for(size), facecolor=style.background)
        ChartCanvas(fig)
        canvas = Canvas(fig, style, notes)
        box = _frame(canvas, chart, report, frame)
        kind_of(chart).draw(canvas, box, chart, report)
        canvas.note_unprintable()
    return fig


def import_drawing_code() -> None:
    """Import every kind module and the drawing code they share here: worker processes forked after this
    inherit them, where each imported what its charts needed."""
    kinds()
    for module in pkgutil.iter_modules(kinds_package.__path__):
        importlib.import_module(f"{kinds_package.__name__}.{module.name}")


def prepare(theme: Theme, formats: Iterable[str] = ()) -> None:
    """Load here, once, what drawing any chart in `theme` reads the first time, for the worker processes
    forked after this to inherit: the drawing code (`import_drawing_code`), matplotlib's backends for the
    vector `formats` it will save ("svg", "pdf"), the text fonts' advances and their registration with
    matplotlib. Each worker loaded them again: 0.05-0.1 s of CPU a worker."""
    import_drawing_code()
    for fmt in sorted(set(formats) & {"svg", "pdf"}):
        importlib.import_module(f"matplotlib.backends.backend_{fmt}")
    style = Style(theme, "deck")
    style.rc()
    style.clean("")
    for bold in (False, True):
        load_face(Path(style.font(1, bold).get_file()))


def _frame(canvas: Canvas, chart: ChartSpec, report: Report, frame: Framing) -> Extent:
    """Set the text around the chart (title, subtitle above; note, source below); return the box left."""
    style = canvas.style
    em = style.em
    standalone = frame == "standalone"
    pad = 0.5 * em if standalone else 0.15 * em
    width = canvas.width - 2 * pad
    top, bottom = canvas.height - pad, pad

    def stack_down(text: str, size: float, colour: str, bold: bool = False, after: float = 0.0) -> None:
        nonlocal top
        font = canvas.font(size, bold=bold)
        artist = canvas.text(pad, top, canvas.wrap(text, font, width), font, colour, ha="left", va="top")
        top -= canvas.extent(artist).height + after

    def stack_up(text: str, size: float, colour: str, after: float = 0.0) -> None:
        nonlocal bottom
        font = canvas.font(size)
        artist = canvas.text(
            pad, bottom, canvas.wrap(text, font, width), font, colour, ha="left", va="bottom"
        )
        bottom += canvas.extent(artist).height + after

    if standalone:
        stack_down(chart.title.plain, style.title_size, style.text, bold=True, after=0.3 * em)
    subtitle = heading(chart)
    if subtitle:  # says what is measured, in which unit
        stack_down(subtitle, style.label_size, style.text)
    top -= 0.9 * em

    if standalone:
        stack_up(report.citation(chart), style.note_size, style.muted, after=0.2 * em)
    note = chart.note.plain if chart.note else ""
    if note:
        stack_up(note if note.lower().startswith("note") else f"Note: {note}", style.note_size, style.muted)
    if bottom > pad:
        bottom += 0.7 * em
    return Extent(pad, bottom, canvas.width - pad, top)
