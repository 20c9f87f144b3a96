"""The brief's structure tree, written into reportlab's PDF with pikepdf: what makes it tagged PDF/UA-1.

tagging.py recorded, while the pages were drawn, which marked content (page, MCID) and which link annotation
belongs to which structure element. Here the tree becomes StructElem objects under a StructTreeRoot, with
the ParentTree that maps each page's MCIDs and each annotation back to its element, and the catalog and
pages get what PDF/UA-1 asks for: /MarkInfo, /Lang, /DisplayDocTitle, /StructParents, /Tabs /S, and XMP
metadata naming the part of PDF/UA. Objects are made in reading order and the file ID is derived from the
content, so the same plan gives the same bytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from aigap_docs.exporters import DocumentInfo
from aigap_docs.exporters.brief.tagging import Annotation, Content, Element


def tag(data: bytes, root: Element, info: DocumentInfo) -> bytes:
    """`data` (reportlab's PDF, drawn on a TaggingCanvas) with `root`'s structure tree and PDF/UA metadata."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [page.obj for page in pdf.pages]
        tree = _Tree(pdf, pages)
        tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        tree_root.K = Array([tree.element(root, tree_root)])
        tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=tree.parent_tree()))
        tree_root.ParentTreeNextKey = tree.next_key
        for number, page in enumerate(pages):
            page.StructParents = number
            page.Tabs = Name.S
        catalog = pdf.Root
        catalog.StructTreeRoot = tree_root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = String(info.language)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        catalog.Metadata = pdf.make_stream(xmp(pdf.docinfo, info).encode("utf-8"))
        catalog.Metadata.Type = Name.Metadata
        catalog.Metadata.Subtype = Name.XML
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version="1.7")
    return out.getvalue()


class _Tree:
    """StructElem objects for one PDF, and the ParentTree entries they need."""

    def __init__(self, pdf: pikepdf.Pdf, pages: list[pikepdf.Object]):
        self.pdf, self.pages = pdf, pages
        self.marks: list[dict[int, pikepdf.Object]] = [{} for _ in pages]
        """Per page, the element of each MCID."""
        self.annotations: list[pikepdf.Object] = []
        """The Link element of each annotation, by its StructParent key less the number of pages."""

    @property
    def next_key(self) -> int:
        return len(self.pages) + len(self.annotations)

    def element(self, element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        """`element` and everything under it as StructElem objects, in reading order."""
        made = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role), P=parent))
        if element.alt is not None:
            made.Alt = String(element.alt)
        if element.scope is not None:
            made.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
        kids = Array()
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(self.element(kid, made))
            elif isinstance(kid, Content):
                page = self.pages[kid.page - 1]
                self.marks[kid.page - 1][kid.mcid] = made
                kids.append(Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
            else:
                kids.append(self._link(kid, made))
        made.K = kids
        return made

    def _link(self, kid: Annotation, link: pikepdf.Object) -> Dictionary:
        page = self.pages[kid.page - 1]
        annotation = page.Annots[kid.index]
        annotation.StructParent = self.next_key
        annotation.Contents = String(kid.contents)
        self.annotations.append(link)
        return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)

    def parent_tree(self) -> Array:
        """The ParentTree's number-tree entries: each page's elements by MCID, then each annotation's Link."""
        nums = Array()
        for number, marks in enumerate(self.marks):
            if sorted(marks) != list(range(len(marks))):
                raise RuntimeError(f"page {number + 1} has marked content no element claims")  # a bug of ours
            nums.extend([number, self.pdf.make_indirect(Array([marks[mcid] for mcid in range(len(marks))]))])
        for key, link in enumerate(self.annotations, len(self.pages)):
            nums.extend([key, link])
        return nums


def xmp(docinfo: pikepdf.Dictionary, info: DocumentInfo) -> str:
    """The XMP packet: the document info dictionary's entries again (PDF/UA asks for dc:title), the language,
    and pdfuaid:part 1, the claim that this file conforms to PDF/UA-1."""

    def text(key: str) -> str:
        return escape(str(docinfo.get(key, "")))

    def date(key: str) -> str:  # D:20231114221320+00'00' -> 2023-11-14T22:13:20+00:00
        d = str(docinfo.get(key, ""))[2:]
        return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}{d[14:17]}:{d[18:20]}"

    creators = "".join(f"<rdf:li>{escape(author)}</rdf:li>" for author in info.authors)
    description = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text("/Subject")}</rdf:li></rdf:Alt>'
        "</dc:description>"
    )
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text("/Title")}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>{creators}</rdf:Seq></dc:creator>
{description}
<dc:language><rdf:Bag><rdf:li>{escape(info.language)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{text("/Keywords")}</pdf:Keywords>
<pdf:Producer>{text("/Producer")}</pdf:Producer>
<xmp:CreatorTool>{text("/Creator")}</xmp:CreatorTool>
<xmp:CreateDate>{date("/CreationDate")}</xmp:CreateDate>
<xmp:ModifyDate>{date("/ModDate")}</xmp:ModifyDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
