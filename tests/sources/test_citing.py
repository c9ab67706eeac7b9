"""Passages with their citations: the clipboard text and CSV, Markdown and RIS exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from explorer.sources.citing import PassageCitation, cite, citation_text, clipboard_text, export_citations
from explorer.sources.library import SourceLibrary

ROW = PassageCitation(source="doc", number=4, text="Marines came ashore at the sea wall.", title="A Harbour War",
                      author="Doe, Jane", publication="Example Quarterly", year="1999", page=12,
                      date="1950-09-15", date_text="15 September 1950", places=("Inchon",))


def test_citation_text_has_author_title_publication_year_page_and_number():
    assert citation_text(ROW) == ("Doe, Jane, \u201cA Harbour War\u201d, Example Quarterly, 1999, p. 12, passage 4.")
    assert clipboard_text(ROW).startswith("\u201cMarines came ashore at the sea wall.\u201d\n\u2014 Doe, Jane")


def test_csv_round_trips():
    rows = list(csv.DictReader(io.StringIO(export_citations([ROW, ROW], "csv"))))
    assert len(rows) == 2
    assert rows[0]["page"] == "12" and rows[0]["number"] == "4" and rows[0]["places"] == "Inchon"
    assert rows[0]["text"] == ROW.text


def test_markdown_quotes_each_passage_under_its_citation():
    md = export_citations([ROW], "markdown", heading="Passages naming Inchon")
    assert md.startswith("# Passages naming Inchon\n")
    assert "1. Doe, Jane" in md and "   > Marines came ashore" in md


def test_ris_records():
    ris = export_citations([ROW], "ris")
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - GEN"
    assert "AU  - Doe, Jane" in lines and "TI  - A Harbour War" in lines and "SP  - 12" in lines
    assert "PY  - 1999" in lines and "KW  - Inchon" in lines and "ER  - " in lines
    assert any(line.startswith("N1  - Passage 4, dated 15 September 1950") for line in lines)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format"):
        export_citations([ROW], "docx")


def test_cite_a_document_the_catalogue_does_not_know(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("My notes\n\nOn 15 September 1950 marines landed at Inchon.\n", "utf-8")
    lib = SourceLibrary.load(tmp_path)
    p = lib.all_passages()[1]
    c = cite(p, lib, p.dates[0])
    assert (c.title, c.number, c.page, c.date, c.places) == ("My notes", 2, None, "1950-09-15", ("Inchon",))


def test_cite_a_catalogue_source(seeds_dir):
    lib = SourceLibrary.load(seeds_dir)
    p = next(p for p in lib.passages("weathersby-1999") if p.dates)
    c = cite(p, lib, p.dates[0])
    assert c.author and c.year == "1999" and c.publication


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.text(max_size=40), st.one_of(st.none(), st.integers(1, 2000)))
def test_csv_round_trips_any_text(text, title, page):
    row = PassageCitation(source="s", number=1, text=text, title=title, page=page)
    got = list(csv.DictReader(io.StringIO(export_citations([row], "csv"), newline="")))
    assert len(got) == 1 and got[0]["title"] == title and got[0]["page"] == ("" if page is None else str(page))
    assert got[0]["text"] == text
