"""The mixed folder with one document of each paged or packaged format: PDF, DOCX, ODT, EPUB.

The documents are made here (tests/sources/docfactory.py) from sentences of our own,
each holding one of the awkward forms; with the text, Markdown and HTML files of
``tests/fixtures/linkforms`` the folder has every format and every form. The PDF's
passages cite their page.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from explorer.sources.citing import cite, citation_text
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import LinkIndex, passages_for_place
from tests.sources.docfactory import make_docx, make_epub, make_odt, make_pdf

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "linkforms"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, chronology):
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(FOLDER, root, dirs_exist_ok=True)
    make_pdf(root / "wire_reports.pdf", [
        ["PUSAN, July 31, 1950 (AP) -- Marines landed at the port today",
         "and moved west toward Masan before night."],
        ["Two days later they were in the line near Chinju."],
    ], head="Dispatches from the south", title="Dispatches from the south", author="A. Reporter")
    make_docx(root / "class_notes.docx", [
        ("h1", "Notes for the second week"),
        ("h2", "November 26, 1950"),
        ("p", "The Chinese attack broke the line along the Ch\u2019\u014fngch\u2019\u014fn and the army fell back."),
        ("h2", "December 24, 1950"),
        ("p", "The last ships sailed from H\u016dngnam with the corps and many refugees aboard."),
    ], title="Notes for the second week", author="B. Teacher")
    make_odt(root / "months.odt", [
        ("h1", "The second winter, 1951"),
        ("p", "January -- The front steadies south of Wonju."),
        ("p", "March-April -- The UN armies come back up to the parallel past Chunchon."),
    ], title="The second winter", author="C. Student")
    make_epub(root / "timeline.epub", [
        "<h1>\ud55c\uad6d\uc804\uc7c1</h1><p>1950\ub144</p>"
        "<p>(06. 28) \uc11c\uc6b8\uc774 \ud568\ub77d\ub418\ub2e4</p>"
        "<p>(09. 28) \uc11c\uc6b8\uc744 \ub418\ucc3e\ub2e4</p>"
        "<p>(01.04 \ud6c4\ud1f4) \ub2e4\uc2dc \uc11c\uc6b8\uc744 \ub0b4\uc8fc\ub2e4</p>",
    ], title="\ud55c\uad6d\uc804\uc7c1 \uc5f0\ud45c", author="D. Writer")
    library = SourceLibrary.load(root)
    return library, LinkIndex(library, chronology.events)


# (file name, words of the passage, first day, last day, places)
EXPECTED = [
    ("wire_reports.pdf", "Marines landed at the port today", "1950-07-31", "1950-07-31", ["Pusan", "Masan"]),
    ("wire_reports.pdf", "Two days later", "1950-08-02", "1950-08-02", ["Chinju"]),
    ("class_notes.docx", "broke the line", "1950-11-26", "1950-11-26", ["Chongchon"]),
    ("class_notes.docx", "The last ships sailed", "1950-12-24", "1950-12-24", ["Hungnam"]),
    ("months.odt", "January --", "1951-01-01", "1951-01-31", ["Wonju"]),
    ("months.odt", "March-April --", "1951-03-01", "1951-04-30", ["Chunchon"]),
    ("timeline.epub", "(06. 28)", "1950-06-28", "1950-06-28", ["Seoul"]),
    ("timeline.epub", "(09. 28)", "1950-09-28", "1950-09-28", ["Seoul"]),
    ("timeline.epub", "(01.04", "1951-01-04", "1951-01-04", ["Seoul"]),
]


def _passage(library, file_name: str, words: str):
    doc = next(d for d in library.documents.values() if d.path.name == file_name)
    hits = [p for p in library.passages(doc.id) if words in p.text]
    assert hits, f"{file_name}: no passage with {words!r}: {[p.text for p in library.passages(doc.id)]}"
    return min(hits, key=lambda p: len(p.text))


def test_every_format_is_in_the_folder_and_read(mixed):
    library, _index = mixed
    suffixes = {d.path.suffix for d in library.documents.values()}
    assert {".txt", ".md", ".html", ".pdf", ".docx", ".odt", ".epub"} <= suffixes
    assert not [m for _p, m in library.problems if "could not" in m or "cannot" in m]


@pytest.mark.parametrize("file_name, words, first, last, places", EXPECTED, ids=[f"{e[0]}:{e[1][:12]}" for e in EXPECTED])
def test_linked_at_the_date_and_places_expected(mixed, file_name, words, first, last, places):
    library, index = mixed
    p = _passage(library, file_name, words)
    assert (D(first), D(last)) in [(m.start, m.end) for m in p.dates], (p.text, p.dates)
    assert any(r.passage is p for r in index.lookup(D(first), limit=500))
    for place in places:
        assert place in p.places, (p.text, p.places)
        assert any(r.passage is p for r in passages_for_place(place, library))


def test_a_pdf_passage_is_cited_with_its_page(mixed):
    library, _index = mixed
    p = _passage(library, "wire_reports.pdf", "Two days later")
    c = cite(p, library, p.dates[0])
    assert c.page is not None and str(c.page) == "2"
    assert c.author == "A. Reporter"
    assert "p. 2" in citation_text(c)
