"""The theme (assets/theme.yaml): palette, fixed entity colours, fonts, type sizes and chart slots."""

from __future__ import annotations

import hashlib
import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from aigap_docs.errors import AigapError, Problem, SourceRef

THEME_FILE = "theme.yaml"
Medium = Literal["deck", "brief"]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _hex_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"{value!r} is not a colour like '#1F4E79'")
    return value.upper()


Colour = Annotated[str, AfterValidator(_hex_colour)]


class Fonts(_Part):
    family: str
    deck_family: str
    files: dict[Literal["regular", "bold", "italic", "bold_italic"], str]


class Colours(_Part):
    text: Colour
    muted: Colour
    grid: Colour
    background: Colour
    accent: Colour
    other: Colour


class Entity(_Part):
    label: str
    colour: Colour


class Sizes(_Part):
    title: float
    subtitle: float
    body: float
    small: float
    chart_title: float
    chart_label: float
    chart_tick: float
    chart_note: float


class Slots(_Part):
    deck_full: tuple[float, float]
    deck_half: tuple[float, float]
    brief: tuple[float, float]


class Theme(_Part):
    """Everything visual that charts and both exporters share; loaded once per build."""

    fonts: Fonts
    colours: Colours
    entities: dict[str, Entity]
    series: list[Colour] = Field(min_length=1)
    sizes: dict[Medium, Sizes]
    slots: Slots
    png_dpi: int = Field(ge=72, le=600)
    folder: Path = Path()

    def font_path(self, style: str = "regular") -> Path:
        return self.folder / self.fonts.files[style]  # type: ignore[index]

    def entity_colour(self, entity: str | None) -> str:
        """The fixed colour of an entity (us, china, ...), or the neutral grey for anything else."""
        known = self.entities.get(entity or "")
        return known.colour if known else self.colours.other

    def series_colours(self, entities: list[str | None]) -> list[str]:
        """One colour per series: its entity's fixed colour, else the theme's series colours in order.

        Beside entity series, the first other series is the neutral grey (the rest of the world is not
        the story) and further ones skip series colours close to an entity colour in the same chart.
        The picture charts and the deck's native charts both colour their series by this rule.
        """
        taken = [self.entity_colour(e) for e in entities if e and e in self.entities]
        spare = [c for c in self.series if all(_distance(c, t) >= 100 for t in taken)]
        spare = ([self.colours.other] if taken else []) + (spare or list(self.series))
        colours, used = [], 0
        for entity in entities:
            if entity and entity in self.entities:
                colours.append(self.entity_colour(entity))
            else:
                colours.append(spare[used % len(spare)])
                used += 1
        return colours

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the theme and its font files: part of every chart's cache key."""
        digest = hashlib.sha256(self.model_dump_json(exclude={"folder"}).encode())
        for style in sorted(self.fonts.files):
            digest.update(self.font_path(style).read_bytes())
        return digest.hexdigest()


def _distance(a: str, b: str) -> float:
    """How far apart two '#RRGGBB' colours look, roughly (Euclidean RGB distance, 0-441)."""
    return sum((int(a[i : i + 2], 16) - int(b[i : i + 2], 16)) ** 2 for i in (1, 3, 5)) ** 0.5


def default_assets() -> Path:
    """The assets/ folder of this checkout (beside src/), where the bundled theme and fonts live."""
    return Path(__file__).resolve().parents[2] / "assets"


def assets_for(report_folder: Path) -> Path:
    """The project's assets/ beside content/ when it has a theme, else the bundled one."""
    project = report_folder.resolve().parent.parent / "assets"
    return project if (project / THEME_FILE).is_file() else default_assets()


def load_theme(assets: Path | None = None) -> Theme:
    """Read assets/theme.yaml; raise AigapError naming the file and field if it is invalid."""
    folder = assets or default_assets()
    path = folder / THEME_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        theme = Theme.model_validate({**(data or {}), "folder": folder})
    except FileNotFoundError:
        raise AigapError([Problem(SourceRef(str(path)), "theme file not found")]) from None
    except yaml.YAMLError as error:
        raise AigapError([Problem(SourceRef(str(path)), f"invalid YAML: {error}")]) from None
    except ValidationError as error:
        raise AigapError(
            [
                Problem(
                    SourceRef(str(path)), e["msg"].removeprefix("Value error, "), ".".join(map(str, e["loc"]))
                )
                for e in error.errors()
            ]
        ) from None
    missing = [p for p in map(theme.font_path, theme.fonts.files) if not p.is_file()]
    if missing:
        raise AigapError(
            [Problem(SourceRef(str(path)), f"font file not found: {p}", "fonts.files") for p in missing]
        )
    return theme
