"""A load cuts each document into passages once and reads each passage's dates once."""

from __future__ import annotations

from pathlib import Path

from explorer.sources import datetext, passages
from explorer.sources.library import SourceLibrary

UI = Path(__file__).resolve().parents[1] / "fixtures" / "ui"


def test_each_document_is_segmented_once_and_each_passage_read_once(monkeypatch):
    cuts: list[str] = []
    reads: list[str] = []
    real_pieces, real_run = passages._pieces, datetext._run

    def pieces(text):
        cuts.append(text)
        return real_pieces(text)

    def run(text, default_year):
        reads.append(text)
        return real_run(text, default_year)

    monkeypatch.setattr(passages, "_pieces", pieces)
    monkeypatch.setattr(datetext, "_run", run)
    lib = SourceLibrary.load(UI)
    assert lib.documents
    # One cut per document (recognising it by content reuses the cut) ...
    assert len(cuts) == len(lib.documents)
    # ... and one reading of dates per dated passage (not one for the dates and one for the running year).
    dated = [p for p in lib.all_passages() if p.kind not in ("metadata", "reference")]
    assert len(reads) == len(dated)
    # The passages carry their document's id and their dates all the same.
    for doc_id in lib.documents:
        assert all(p.doc_id == doc_id for p in lib.passages(doc_id))
    assert any(p.dates for p in lib.all_passages())
