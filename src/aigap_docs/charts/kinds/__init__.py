"""The chart kinds registry: each kind is one module of this package, compare plotnine's geoms.

A kind module defines the kind's spec (a `model.ChartSpec` subclass: its `kind`, its column fields and its
options with their defaults) and a `ChartKind` subclass that names the spec and says how the kind orders its
rows, draws, reads as alt text and, if it can, maps to a native PowerPoint chart. Subclassing `ChartKind`
registers the kind; every public module of this package is imported (and so registered) the first time the
registry is asked for its kinds. Modules whose names start with '_' hold code that kinds share.

A kind module imports no matplotlib at its top: the model imports it (through `specs()`) to validate content,
in processes that never draw. `draw` imports what it needs (the layout tools of `_common`) when called.

The model's `Chart` union is built from `specs()` when Report's schema is first built; registering or
unregistering a kind after that rebuilds it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any, ClassVar

from aigap_docs.model import ChartSpec, Report, Value
from aigap_docs.rows import ranking, select_rows

if TYPE_CHECKING:
    from aigap_docs.charts.kinds._common import Canvas, Extent
    from aigap_docs.charts.native import NativeChart
    from aigap_docs.theme import Medium, Theme

Row = dict[str, Value]


class ChartKind:
    """A chart kind: its spec, and what it does with a chart of that spec and the report's data."""

    spec: ClassVar[type[ChartSpec]]
    """The pydantic model of the kind's content; its `kind` literal is the kind's name."""
    title: ClassVar[str]
    """The kind as alt text names it: 'Bar chart'."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "spec" in cls.__dict__:  # a base shared by kinds names no spec of its own
            register(cls())

    @classmethod
    def name(cls) -> str:
        """What `kind:` says in the content."""
        return cls.spec.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]

    def rows(self, chart: Any, report: Report) -> list[Row]:
        """The rows in the order the chart shows them: those the chart's `where`, `sort` and `top` select
        (rows.select_rows, as tables do), in the dataset's order unless the kind ranks them."""
        table = report.table(chart.dataset)
        return select_rows(table.rows, chart.where, ranking(chart), chart.top)

    def draw(self, canvas: Canvas, box: Extent, chart: Any, report: Report) -> None:
        """Draw the chart into `box` of `canvas` (charts.draw has set the text around it)."""
        raise NotImplementedError

    def natural_height(
        self, chart: Any, report: Report, theme: Theme, medium: Medium, width: float
    ) -> float | None:
        """The height (inches) the chart needs at `width` inches, text around it included, where its content
        sets one (a few horizontal bars); None to fill whatever slot it is given."""
        return None

    def subject(self, chart: Any, what: str) -> str:
        """What the alt text says the chart shows, from its subtitle or title `what`."""
        return what

    def alt_values(self, chart: Any, rows: list[Row], label: Any, report: Report) -> list[str]:
        """Every value the chart shows, in words, in its order; `label(value)` prints one as the chart
        does."""
        raise NotImplementedError

    def native(self, chart: Any, report: Report, theme: Theme) -> NativeChart | None:
        """The chart as an editable PowerPoint chart, decided by the picture's rules; None if the kind has
        no native form."""
        return None

    @classmethod
    def can_be_native(cls) -> bool:
        return cls.native is not ChartKind.native


_registry: dict[str, ChartKind] = {}
_discovered = False


def register(kind: ChartKind) -> None:
    """Add `kind` (done by subclassing ChartKind), replacing any of its name; the model then knows it."""
    _registry[kind.name()] = kind
    _rebuild()


def unregister(name: str) -> None:
    """Forget the kind called `name` (for tests that register a kind of their own)."""
    del _registry[name]
    _rebuild()


def _rebuild() -> None:
    if Report.__pydantic_complete__:  # else it is built on first use, from the kinds registered by then
        Report.model_rebuild(force=True)


def kinds() -> dict[str, ChartKind]:
    """Every registered kind by name, in name order."""
    global _discovered
    if not _discovered:
        _discovered = True
        for module in pkgutil.iter_modules(__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(_registry.items()))


def specs() -> list[type[ChartSpec]]:
    """The spec of every registered kind: the members of the model's `Chart` union."""
    return [kind.spec for kind in kinds().values()]


def kind_of(chart: ChartSpec) -> ChartKind:
    """The kind of `chart`."""
    return kinds()[chart.kind]  # type: ignore[attr-defined]


def ordered_rows(chart: ChartSpec, report: Report) -> list[Row]:
    """The chart's rows in the order it shows them."""
    return kind_of(chart).rows(chart, report)
