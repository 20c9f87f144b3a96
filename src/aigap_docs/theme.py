"""The theme (assets/theme.yaml): palette, fixed entity colours, fonts, type sizes and chart slots."""

from __future__ import annotations

import hashlib
import importlib.util
import math
import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, get_args

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from aigap_docs.errors import AigapError, Problem, SourceRef, os_problem, quoted, yaml_problem
from aigap_docs.limits import MAX_CHART_PIXELS

THEME_FILE = "theme.yaml"
Medium = Literal["deck", "brief"]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _hex_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"{value!r} is not a colour like '#1F4E79'")
    return value.upper()


Colour = Annotated[str, AfterValidator(_hex_colour)]


FontStyle = Literal["regular", "bold", "italic", "bold_italic"]


class Fonts(_Part):
    family: str
    deck_family: str
    files: dict[FontStyle, str]

    @field_validator("files")
    @classmethod
    def _every_style(cls, files: dict[str, str]) -> dict[str, str]:
        # Charts, the deck's text fitting and the brief each set text in all four styles.
        missing = [style for style in get_args(FontStyle) if style not in files]
        if missing:
            every = ", ".join(get_args(FontStyle))
            raise ValueError(f"no font file for {', '.join(missing)}: give one for each of {every}")
        return files


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

    def dpi_for(self, size: tuple[float, float]) -> int:
        """The resolution a chart of `size` inches is drawn at: png_dpi, lowered for a slot so large (a
        template's slide may be 56 inches wide) that its picture would exceed MAX_CHART_PIXELS."""
        width, height = size
        fitting = math.isqrt(int(MAX_CHART_PIXELS / max(width * height, 1e-6)))
        return max(1, min(self.png_dpi, fitting))

    def font_path(self, style: str = "regular") -> Path:
        return self.folder / self.fonts.files[style]  # type: ignore[index]

    def with_entities(self, entities: Mapping[str, Any]) -> Theme:
        """This theme with a report's entities (each with a label and colour) added, a report's entity
        replacing the theme's of the same id: the report knows its story best."""
        if not entities:
            return self
        added = {name: {"label": e.label, "colour": e.colour} for name, e in entities.items()}
        # Validated anew, not model_copy'd: a copy would keep the cached fingerprint of the old colours.
        return Theme.model_validate(
            {**self.model_dump(), "entities": {**self.model_dump()["entities"], **added}}
        )

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


class Twin(NamedTuple):
    """A family's bundled metric twin: the stem of its files, and the line height (ems at single spacing)
    text in the family is set with where the twin's own Windows metrics, which fitting otherwise reads,
    say otherwise."""

    stem: str
    line_height: float | None = None


METRIC_FONTS: dict[str, Twin] = {
    "calibri": Twin("Carlito"),
    # Not Calibri Light (the Office 2013-2019 heading font): LibreOffice's replacement table and
    # fontconfig's metric aliases map only Calibri to Carlito, so without Calibri Light installed it renders
    # in the first sans (DejaVu Sans, about 15% wider): it is measured with the stand-in.
    "carlito": Twin("Carlito"),
    "arial": Twin("LiberationSans"),
    "helvetica": Twin("LiberationSans"),
    "arimo": Twin("LiberationSans"),
    "liberation sans": Twin("LiberationSans"),
    "times new roman": Twin("LiberationSerif"),
    "times": Twin("LiberationSerif"),
    "tinos": Twin("LiberationSerif"),
    "liberation serif": Twin("LiberationSerif"),
    "cambria": Twin("Caladea"),
    "caladea": Twin("Caladea"),
    "georgia": Twin("Gelasio", line_height=2600 / 2048),
    "gelasio": Twin("Gelasio"),
    "segoe ui": Twin("Selawik"),
    "selawik": Twin("Selawik"),
}
"""A font family (case aside) -> its bundled, metric-compatible twin, whose files measure and draw it:
the same advance widths, so text fitted with them fits the family itself (assets/fonts/README.md). Georgia's
lines: Gelasio's Windows ascent + descent make 1.66 em, but Georgia's make 1.136 (what PowerPoint sets) and
LibreOffice, where Georgia is missing, sets Gelasio's lines by its typographic metrics (USE_TYPO_METRICS),
1.27: the larger, 2600/2048, fits either way."""
_UPRIGHT_ONLY = {"Selawik"}
"""Twins with no italic: italic text is measured and drawn with the upright of its weight, as LibreOffice
renders it (slanted, same advances)."""

STAND_INS: dict[str, tuple[str, dict[str, str]]] = {
    "sans": (
        "DejaVu Sans",
        {
            "regular": "DejaVuSans.ttf",
            "bold": "DejaVuSans-Bold.ttf",
            "italic": "DejaVuSans-Oblique.ttf",
            "bold_italic": "DejaVuSans-BoldOblique.ttf",
        },
    ),
    "serif": (
        "DejaVu Serif",
        {
            "regular": "DejaVuSerif.ttf",
            "bold": "DejaVuSerif-Bold.ttf",
            "italic": "DejaVuSerif-Italic.ttf",
            "bold_italic": "DejaVuSerif-BoldItalic.ttf",
        },
    ),
}
"""What a font with no bundled twin is measured with, by its kind: the font LibreOffice renders it in on
Linux when it is missing (fontconfig's first sans and serif), and one at least as wide as the common
families we cannot bundle (Verdana, Trebuchet MS, Tahoma, Aptos, Montserrat; Garamond, Palatino), so text
fitted with it fits wherever the font or a fallback renders it. The files ship with
matplotlib, a dependency (found without importing it). Liberation Serif is no stand-in for serifs: it is
narrower than Georgia (0.43 against 0.47 em a character), which would overflow where Georgia is installed."""
_SERIF_WORDS = (
    "serif", "georgia", "garamond", "cambria", "antiqua", "palatino", "times", "baskerville", "bodoni",
    "didot", "century", "bookman", "constantia", "caslon", "goudy", "perpetua", "minion", "merriweather",
    "lora", "playfair", "crimson", "charter", "cochin", "sitka", "rockwell", "slab", "gelasio", "mincho",
    "batang", "myungjo", "song",
)  # fmt: skip
"""Words in a family's name that make it a serif: no name says for sure, so this is a guess by name."""
_SANS_WORDS = ("sans", "gothic", "grotesk", "grotesque")
"""Words that make it a sans all the same (Century Gothic, PT Sans, Microsoft Sans Serif)."""
_STYLE_SUFFIXES: dict[str, str] = {
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bold_italic": "BoldItalic",
}


def metric_font(family: str) -> tuple[dict[str, Path], str]:
    """The bundled font files (by style) metric-compatible with `family` and '', or, for a family with
    no bundled metric twin, a wide stand-in's files (STAND_INS) and the stand-in's name."""
    name = " ".join(family.split()).casefold()
    twin = METRIC_FONTS.get(name)
    if twin is None:
        shown, files = STAND_INS[_font_kind(name)]
        folder = _matplotlib_fonts()
        return {style: folder / file for style, file in files.items()}, shown
    folder = default_assets() / "fonts"
    suffixes = dict(_STYLE_SUFFIXES)
    if twin.stem in _UPRIGHT_ONLY:
        suffixes.update(italic=suffixes["regular"], bold_italic=suffixes["bold"])
    return {style: folder / f"{twin.stem}-{suffix}.ttf" for style, suffix in suffixes.items()}, ""


def metric_line_height(family: str) -> float | None:
    """The line height (ems at single spacing) `family`'s text is set with where its bundled twin's own
    metrics say otherwise (Twin.line_height), else None: measure with the twin's."""
    twin = METRIC_FONTS.get(" ".join(family.split()).casefold())
    return twin.line_height if twin else None


def _font_kind(name: str) -> Literal["sans", "serif"]:
    """'serif' for a casefolded family name that reads as a serif (Georgia, EB Garamond), else 'sans'."""
    if any(word in name for word in _SANS_WORDS):
        return "sans"
    return "serif" if any(word in name for word in _SERIF_WORDS) else "sans"


def _matplotlib_fonts() -> Path:
    """matplotlib's bundled TrueType folder (DejaVu), found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is a dependency"
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


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
    """Read assets/theme.yaml; raise AigapError naming the file, line and field if it is invalid."""
    folder = assets or default_assets()
    shown = str(folder / THEME_FILE)
    root, data = _read_yaml(folder / THEME_FILE)
    if not isinstance(data, dict):
        raise AigapError([Problem(SourceRef(shown, 1), "expected a mapping of keys (fonts:, colours:, ...)")])
    try:
        theme = Theme.model_validate({**data, "folder": folder})
    except ValidationError as error:
        raise AigapError(
            _located(shown, root, e["loc"], e["msg"].removeprefix("Value error, ")) for e in error.errors()
        ) from None
    problems = [
        _located(shown, root, ("fonts", "files", style), message) for style, message in _font_problems(theme)
    ]
    if problems:
        raise AigapError(problems)
    return theme


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (libyaml's parser where PyYAML has it, as the report loader uses), reporting a
    value it cannot build (a date such as 2025-02-30) at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except ValueError as error:  # PyYAML raises it bare, with no position
            mark = node.start_mark
            raise yaml.constructor.ConstructorError(problem=str(error), problem_mark=mark) from None


def _read_yaml(path: Path) -> tuple[yaml.Node | None, object]:
    """The theme file's node tree (where each value was written) and its data; AigapError if unreadable."""
    shown = str(path)
    try:
        loader = _Loader(path.read_text(encoding="utf-8"))
        try:
            root = loader.get_single_node()
            return root, (loader.construct_document(root) if root is not None else {})
        finally:
            loader.dispose()
    except OSError as error:
        raise AigapError([os_problem(shown, error, "read")]) from None
    except UnicodeDecodeError:
        raise AigapError([Problem(SourceRef(shown), "not UTF-8 text; save the file as UTF-8")]) from None
    except RecursionError:
        raise AigapError([Problem(SourceRef(shown), "invalid YAML: nested too deeply")]) from None
    except yaml.YAMLError as error:
        raise AigapError([yaml_problem(error, shown)]) from None


def _font_problems(theme: Theme) -> list[tuple[str, str]]:
    """(style, message) for each font that is not a file inside the theme's folder.

    Fonts are read into every chart and embedded in every PDF: a path or link out of the folder
    (`../../etc/passwd`, `/home/x/.ssh/id_rsa`) would let a theme publish any file the user can read.
    """
    inside = theme.folder.resolve()
    problems = []
    for style, name in sorted(theme.fonts.files.items()):
        try:
            resolved = theme.font_path(style).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop, before Python 3.13
            problems.append((style, f"font {quoted(name)} cannot be resolved (a symbolic link loop?)"))
            continue
        if not resolved.is_relative_to(inside):
            problems.append((style, f"font {quoted(name)} is outside the theme's folder {inside}"))
        elif not resolved.is_file():
            problems.append((style, f"font file not found: {theme.font_path(style)}"))
    return problems


def _located(shown: str, root: yaml.Node | None, loc: tuple[str | int, ...], message: str) -> Problem:
    return Problem(SourceRef(shown, _line(root, loc)), message, ".".join(map(str, loc)))


def _line(node: yaml.Node | None, loc: tuple[str | int, ...]) -> int | None:
    """The line of the deepest value of `loc` (a pydantic error location) written in the theme file."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line
