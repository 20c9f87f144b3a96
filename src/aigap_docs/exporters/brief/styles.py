"""The brief's type scale and colours, derived from the theme's brief sizes so one setting moves them all."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from aigap_docs.exporters.brief import urls
from aigap_docs.exporters.brief.fonts import Faces
from aigap_docs.theme import Theme


def mix(colour: str, other: str, share: float) -> str:
    """`share` of `colour` over `other` ('#RRGGBB'): the tints of the accent on paper, say."""
    channels = [
        round(int(colour[i : i + 2], 16) * share + int(other[i : i + 2], 16) * (1 - share)) for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02X}" for c in channels)


@dataclass(frozen=True)
class Palette:
    """The theme colours the brief uses, plus the accent tints it derives for the band and the boxes."""

    text: str
    muted: str
    accent: str
    rule: str
    paper: str
    on_accent: str
    on_accent_muted: str
    box: str

    @classmethod
    def of(cls, theme: Theme) -> Palette:
        c = theme.colours
        return cls(
            text=c.text,
            muted=c.muted,
            accent=c.accent,
            rule=c.grid,
            paper=c.background,
            on_accent=c.background,
            on_accent_muted=mix(c.accent, c.background, 0.22),
            box=mix(c.accent, c.background, 0.07),
        )


@dataclass(frozen=True)
class Styles:
    """Every paragraph style of the brief, with the faces and colours they are made of."""

    faces: Faces
    palette: Palette
    small: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    byline: ParagraphStyle
    lede: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    box_title: ParagraphStyle
    finding: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    source: ParagraphStyle
    cell: ParagraphStyle
    cell_number: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_number: ParagraphStyle
    reference: ParagraphStyle


def brief_styles(theme: Theme, faces: Faces) -> Styles:
    """The styles for one theme: sizes are the theme's brief sizes and fixed ratios of them."""
    size = theme.sizes["brief"]
    body, small = size.body, size.small
    palette = Palette.of(theme)
    urls.install()

    def style(name: str, font_size: float, leading: float, **more: object) -> ParagraphStyle:
        more.setdefault("fontName", faces.regular)
        more.setdefault("textColor", palette.text)
        # Bullets default to Helvetica in reportlab; naming our face keeps base-14 fonts out of the file.
        # uriWasteReduce turns on breaking long URLs at the places urls.py allows.
        return ParagraphStyle(
            name,
            fontSize=font_size,
            leading=leading,
            bulletFontName=faces.regular,
            allowWidows=0,
            uriWasteReduce=urls.WASTE,
            **more,
        )

    cell = style("cell", small + 0.5, (small + 0.5) * 1.25)
    cell_head = style("cell_head", small + 0.5, (small + 0.5) * 1.25, fontName=faces.bold)
    return Styles(
        faces=faces,
        palette=palette,
        small=small,
        title=style("title", size.title, size.title * 1.15, fontName=faces.bold, textColor=palette.on_accent),
        subtitle=style(
            "subtitle", size.subtitle, size.subtitle * 1.3, textColor=palette.on_accent_muted, spaceBefore=6
        ),
        byline=style(
            "byline", small + 1, (small + 1) * 1.3, textColor=palette.on_accent_muted, spaceBefore=10
        ),
        lede=style("lede", body * 1.15, body * 1.65, spaceAfter=body * 1.2),
        body=style("body", body, body * 1.45, spaceAfter=body * 0.7),
        heading=style(
            "heading",
            body * 1.4,
            body * 1.7,
            fontName=faces.bold,
            textColor=palette.accent,
            spaceBefore=body * 1.5,
            spaceAfter=body * 0.5,
        ),
        box_title=style("box_title", body * 1.1, body * 1.4, fontName=faces.bold, textColor=palette.accent),
        finding=style("finding", body, body * 1.4, leftIndent=body * 1.1, spaceBefore=body * 0.35),
        caption=style("caption", body * 0.95, body * 1.25, spaceBefore=body * 0.6, spaceAfter=body * 0.4),
        note=style("note", small, small * 1.3, textColor=palette.muted, spaceBefore=2),
        source=style(
            "source", small, small * 1.3, textColor=palette.muted, spaceBefore=2, spaceAfter=body * 1.2
        ),
        cell=cell,
        cell_number=ParagraphStyle("cell_number", cell, alignment=TA_RIGHT),
        cell_head=cell_head,
        cell_head_number=ParagraphStyle("cell_head_number", cell_head, alignment=TA_RIGHT),
        reference=style(
            "reference",
            small + 0.5,
            (small + 0.5) * 1.35,
            leftIndent=body,
            firstLineIndent=-body,
            spaceAfter=4,
        ),
    )
