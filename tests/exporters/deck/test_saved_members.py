"""The deck's members are taken from python-pptx's package writer unzipped, and zipped once: the same
bytes as its save read back, which is also what a python-pptx with another writer gets."""

from __future__ import annotations

from aigap_docs.exporters.deck import writer as pptx_deck


def test_members_taken_unzipped_are_those_python_pptx_saves(minimal_deck, build_deck, monkeypatch):
    class OtherWriter:  # a python-pptx whose package writer has none of the methods used
        def __init__(self, *args):
            pass

    monkeypatch.setattr(pptx_deck, "PackageWriter", OtherWriter)
    assert build_deck(minimal_deck.report, minimal_deck.theme).data == minimal_deck.data
