"""The kinds of slide (roles) a deck's layouts are chosen for, and how a template's layout is recognised.

Each role is made from the first layout that fits, asked in this order:

    1. the report's own choice: `layouts: {cover: Titelfolie, ...}` in report.yaml;
    2. PowerPoint's type of the layout (`<p:sldLayout type="title">`), which no translation changes;
    3. its name, as PowerPoint names it in English and other languages or Google Slides exports it;
    4. its placeholders: a title and a subtitle make a cover, a title and one large body a content slide,
       a title alone a title-only slide.

    role      report key   slides                                     PowerPoint type  else
    cover     cover        cover, closing                             title            (an error)
    section   section      section dividers                           secHead          the cover's layout
    text      content      bullets, takeaways, sources, chart + text  obj, tx          the title-only one
    content   title_only   charts, tables, big numbers                titleOnly        the content one
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["cover", "section", "text", "content"]


ROLES: tuple[Role, ...] = ("cover", "section", "text", "content")


REPORT_KEYS: dict[str, Role] = {
    "cover": "cover",
    "section": "section",
    "content": "text",
    "title_only": "content",
}
"""The keys of report.yaml's `layouts`, named as users know the layouts, and the role each chooses for."""


LAYOUT_TYPES: dict[Role, tuple[str, ...]] = {
    "cover": ("title",),
    "section": ("secHead",),
    "text": ("obj", "tx"),
    "content": ("titleOnly",),
}
"""PowerPoint's own, language-independent types of the layouts each role is made from."""


LAYOUT_NAMES: dict[Role, tuple[str, ...]] = {
    "cover": (
        "Title Slide", "TITLE", "Titelfolie", "Diapositive de titre", "Diapositiva de título",
        "Diapositiva titolo", "Slide de Título", "Titeldia", "Slajd tytułowy", "Rubrikbild",
        "Титульный слайд", "タイトル スライド", "标题幻灯片", "제목 슬라이드",
    ),
    "section": (
        "Section Header", "SECTION_HEADER", "Abschnittsüberschrift", "Titre de section",
        "Encabezado de sección", "Intestazione sezione", "Cabeçalho da Seção", "Sectiekop",
        "Nagłówek sekcji", "Avsnittsrubrik", "Заголовок раздела", "セクション見出し", "节标题", "구역 머리글",
    ),
    "text": (
        "Title and Content", "TITLE_AND_BODY", "Titel und Inhalt", "Titre et contenu", "Título y objetos",
        "Titolo e contenuto", "Título e Conteúdo", "Titel en object", "Tytuł i zawartość",
        "Rubrik och innehåll", "Заголовок и объект", "タイトルとコンテンツ", "标题和内容", "제목 및 내용",
    ),
    "content": (
        "Title Only", "TITLE_ONLY", "Nur Titel", "Titre seul", "Solo el título", "Solo titolo",
        "Somente Título", "Alleen titel", "Tylko tytuł", "Endast rubrik", "Только заголовок",
        "タイトルのみ", "仅标题", "제목만",
    ),
}  # fmt: skip
"""Layout names, in PowerPoint's languages and as Google Slides exports them: a hint after the type."""


FALLBACK: dict[Role, Role | None] = {"cover": None, "section": "cover", "text": "content", "content": "text"}


ROLE_NAMES: dict[Role, str] = {
    "cover": "title slides",
    "section": "section dividers",
    "text": "bullet slides",
    "content": "chart, table and other slides",
}


STRUCTURES: dict[Role, str] = {
    "cover": "a title and a subtitle placeholder",
    "section": "",
    "text": "a title and one body placeholder",
    "content": "a title placeholder alone",
}


_FURNITURE = {"dt", "ftr", "sldNum", "hdr"}
"""Placeholders of the master's footer row, which do not make a layout a content layout."""


@dataclass(frozen=True)
class Layout:
    """What layout.py knows of one slide layout to choose it for a role: PowerPoint's type for it, the
    types of its placeholders, and what is wrong with their boxes."""

    name: str
    type: str = "cust"
    """The `type` of its p:sldLayout (title, obj, secHead, titleOnly, blank, ...); 'cust' if none."""
    kinds: tuple[str, ...] = ()
    """Its placeholders' types as written (title, ctrTitle, subTitle, body, obj, pic, dt, ...), in order."""
    faults: dict[str, str] = field(default_factory=dict)
    """Generic type (title, body) -> what is wrong with its box: 'is 12.00 x 0.00 in: it has no size', ..."""

    @property
    def has_title(self) -> bool:
        return any(kind in ("title", "ctrTitle") for kind in self.kinds)

    @property
    def content(self) -> tuple[str, ...]:
        """Its placeholders other than the title and the footer row's."""
        return tuple(k for k in self.kinds if k not in ("title", "ctrTitle") and k not in _FURNITURE)


def serves(role: Role, layout: Layout) -> bool:
    """Whether a layout found for `role` has the placeholders its slides need: a title, and for the
    cover no content placeholder (a layout typed or named a title slide that holds one is not)."""
    return layout.has_title and not (role == "cover" and "obj" in layout.kinds)


def fits(role: Role, layout: Layout) -> bool:
    """Whether a layout's placeholders make it one for `role` (a section header cannot be told apart)."""
    others = layout.content
    if role == "cover":
        return "ctrTitle" in layout.kinds or (layout.has_title and "subTitle" in others)
    if role == "text":
        return layout.has_title and len(others) == 1 and others[0] in ("body", "obj")
    if role == "content":
        return layout.has_title and not others
    return False


def name_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()
