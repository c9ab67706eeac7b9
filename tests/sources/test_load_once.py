"""A load cuts each document into passages once and reads each passage's dates once."""

from __future__ import annotations

from pathlib import Path

from explorer.sources import datetext, passages
from explorer.sources.library import SourceLibrary

UI = Path(__file__).resolve().parents[1] / "fixtures" / "ui"


def test_each_document_is_segmented_once_and_each_passage_read_once(monkeypatch):
    cuts: list[str] = []
    reads: list[str] = []
    real_pieces, real_read = passages._pieces, datetext.read_dates

    def pieces(text, *args):
        cuts.append(text)
        return real_pieces(text, *args)

    def read(text, ctx):
        reads.append(text)
        return real_read(text, ctx)

    monkeypatch.setattr(passages, "_pieces", pieces)
    monkeypatch.setattr(datetext, "read_dates", read)
    lib = SourceLibrary.load(UI)
    assert lib.documents
    # One cut per document (recognising it by content reuses the cut) ...
    assert len(cuts) == len(lib.documents)
    # ... and one reading of dates per dated passage (these fixtures write their years).
    dated = [p for p in lib.all_passages() if p.kind not in ("metadata", "reference")]
    assert sorted(reads) == sorted(p.text for p in dated)
    # The passages carry their document's id and their dates all the same.
    for doc_id in lib.documents:
        assert all(p.doc_id == doc_id for p in lib.passages(doc_id))
    assert any(p.dates for p in lib.all_passages())


def test_each_citation_is_resolved_once_per_load(monkeypatch, seeds_dir):
    """The date index and the list of source problems share one resolution of each citation."""
    from explorer.qt.qt_sources import citation_problems
    from explorer.sources import resolving
    from explorer.sources.linking import LinkIndex
    from explorer.war.events import load_events

    events = load_events()
    lib = SourceLibrary.load(seeds_dir)
    calls: list[str] = []
    real = resolving.resolve

    def counting(citation, by_source):
        calls.append(citation.source)
        return real(citation, by_source)

    monkeypatch.setattr(resolving, "resolve", counting)
    LinkIndex(lib, events)
    citation_problems(lib, events)
    LinkIndex(lib, events)
    loaded = [c for e in events for c in e.citations if c.source in lib.documents]
    assert loaded
    distinct = {(c.source, c.quote, c.passage, c.fingerprint) for c in loaded}
    assert len(calls) == len(distinct)
    # Adding a document is a new load: the citations are resolved again.
    lib.add([UI / "page.html"])
    calls.clear()
    citation_problems(lib, events)
    assert len(calls) == len(distinct)
