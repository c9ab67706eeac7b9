"""Segmentation of documents into passages, and their dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sources.passages import fingerprint, is_citation_like, normalise, segment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "passages"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _kinds(passages) -> list[tuple[str, str]]:
    return [(p.kind, p.text[:25]) for p in passages]


def test_paragraphs_split_on_blank_lines() -> None:
    text = "First paragraph, line one\nline two of it.\n\n  \n\nSecond paragraph here.\n"
    ps = segment("d", text)
    assert [p.text for p in ps] == ["First paragraph, line one\nline two of it.", "Second paragraph here."]
    assert [p.kind for p in ps] == ["paragraph", "paragraph"]
    assert [p.index for p in ps] == [0, 1]


def test_chronology_fixture_kinds() -> None:
    text = _read("chronology.txt")
    ps = segment("chron", text)
    kinds = [p.kind for p in ps]
    assert kinds[0] == "heading"
    assert kinds[1] == "metadata"
    assert ps[2].kind == "paragraph" and ps[2].text.startswith("The campaign")
    assert ps[3].kind == "heading" and ps[3].text == "Main events"
    entries = [p for p in ps if p.kind == "entry"]
    assert len(entries) == 8
    # list markers are not part of entries; continuation lines are
    assert entries[0].text.startswith("June 1950: Northern")
    assert entries[2].text.startswith("The garrison asks")
    assert entries[3].text.startswith("August 3: A night") and entries[3].text.endswith("before dawn.")
    assert entries[4].text.startswith("September 15, 1950")
    # the dated lines of a chronology without markers are entries too
    assert [e.text[:13] for e in entries[5:]] == ["June 25, 1951", "July 10, 1951", "late July 195"]
    refs = [p for p in ps if p.kind == "reference"]
    assert [r.text[:6] for r in refs] == ["Miller", "Osei, "]
    assert all(r.dates == [] for r in refs)
    # a heading after the reference list ends it
    assert ps[-2].kind == "heading" and ps[-1].kind == "paragraph"


def test_running_year_carried_and_metadata_ignored() -> None:
    ps = segment("chron", _read("chronology.txt"))
    by_start = {p.text[:12]: p for p in ps}
    # metadata "Date: Spring 2004" has no dates and does not set the year
    assert by_start["Date: Spring"].dates == []
    # "August 3" takes 1950 from the entries before it
    aug = by_start["August 3: A "]
    assert aug.dates[0].start == dt.date(1950, 8, 3)
    # "20 August" after the 1951 chronology is 1951
    later = by_start["Later on 20 "]
    assert later.dates[0].start == dt.date(1951, 8, 20)
    # dates are relative to the passage text
    for p in ps:
        for m in p.dates:
            assert p.text[m.begin:m.stop] == m.text


def test_metadata_does_not_set_running_year() -> None:
    text = "Title of it\n\nDate: Summer 1999\nLength: 900 words\n\nOn 20 July the talks resumed.\n"
    ps = segment("d", text)
    assert ps[1].kind == "metadata"
    assert ps[2].dates == []  # no year known yet: the year-less date is dropped
    assert segment("d", text, default_year=1951)[2].dates[0].start == dt.date(1951, 7, 20)


def test_reference_list_without_heading_detected_by_density() -> None:
    ps = segment("b", _read("biblio_noheading.txt"))
    assert [p.kind for p in ps] == ["heading", "paragraph"] + ["reference"] * 5
    assert ps[1].dates and ps[1].dates[0].precision == "season"
    assert all(p.dates == [] for p in ps[2:])


def test_year_reset_after_references() -> None:
    text = ("Account\n\nFighting resumed in May 1952.\n\nReferences\n\n"
            "Smith, J. (1990). A Book. NY, Press. 100 p.\n\nAbout the author\n\n"
            "She visited on 4 June and wrote it up.\n")
    ps = segment("d", text)
    assert ps[-1].kind == "paragraph"
    assert ps[-1].dates == []


def test_heading_rules() -> None:
    text = "Short heading\n\nA paragraph follows here.\n\nWhat happened next?\n\nMore text.\n\nLast line no stop"
    kinds = [p.kind for p in segment("d", text)]
    assert kinds == ["heading", "paragraph", "heading", "paragraph", "paragraph"]


def test_metadata_lines() -> None:
    for line in ("Copyright 2001 by Someone", "ORCID 0000-0001-2345-6789",
                 "12, Lenina Str., 123456, Kazan, Russia.", "author@example.org",
                 "Document Type: Article", "War; Peace; Treaties; Borders"):
        ps = segment("d", f"Body text here.\n\n{line}\n\nMore body.\n")
        assert ps[1].kind == "metadata", line


def test_citation_like() -> None:
    assert is_citation_like("Acheson, D. (1969). Present at the Creation. NY, W. W. Norton. 798 p.")
    assert is_citation_like("FBIS. 1950. In Korean War Release [website]. URL: (mode of access: 17.08.2019).")
    assert not is_citation_like("In June 1950 the army crossed the river, and by July it reached the sea.")
    assert not is_citation_like("Truman, the president, met MacArthur on Wake Island in October 1950.")


def test_offsets_and_fingerprint() -> None:
    text = _read("chronology.txt")
    for p in segment("c", text):
        assert text[p.start:p.end] == p.text
        assert p.fingerprint == fingerprint(p.text)
        assert re.fullmatch(r"[0-9a-f]{16}", p.fingerprint)


def test_normalise() -> None:
    assert normalise("  \u201cSmart\u201d \u2018quotes\u2019 \u2013 and\u00a0 DASHES\u2014\n x ") == \
        "\"smart\" 'quotes' - and dashes- x"
    assert normalise("\ufb01ne") == "fine"  # NFKC ligature
    assert fingerprint("The  Text\n") == fingerprint("the text")
    assert fingerprint("the text") != fingerprint("the texts")


def test_renumbered_list_keeps_fingerprints() -> None:
    a = segment("d", "1. First event.\n2. Second event.\n")
    b = segment("d", "4. First event.\n5. Second event.\n")
    assert [p.fingerprint for p in a] == [p.fingerprint for p in b]


_GAP = re.compile(r"(?:\s|[-*\u2022\u25e6\u25aa\u2023\u2043\u00b7]|\(?\d{1,3}[.)]|\(\d{1,3}\))*")

_line = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=40),
    st.sampled_from(["", "  ", "1. June 1950: a thing.", "- item", "  2) next", "\u2022 bullet", "June 25, 1950 - x",
                     "References", "Smith, J. (1999). Book. NY, Press. 12 p.", "Date: Summer 1999",
                     "Heading", "A sentence ends.", "   indented continuation", "late July 1951 - y"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, max_size=25))
def test_segmentation_properties(lines: list[str]) -> None:
    text = "\n".join(lines)
    ps = segment("h", text)
    pos = 0
    for i, p in enumerate(ps):
        assert p.index == i
        assert p.start >= pos, "passages overlap or are out of order"
        assert p.end > p.start
        assert text[p.start:p.end] == p.text
        assert p.text == p.text.strip()
        # what lies between passages is whitespace and list markers only
        assert _GAP.fullmatch(text[pos:p.start]), repr(text[pos:p.start])
        pos = p.end
        assert p.kind in ("paragraph", "entry", "heading", "reference", "metadata")
        if p.kind in ("reference", "metadata"):
            assert p.dates == []
        for m in p.dates:
            assert p.text[m.begin:m.stop] == m.text
    assert text[pos:].strip() == ""


def test_korean_notes_one_dated_line_each_are_one_passage_each():
    notes = ("수업 메모\n"
             "1950년 6월 25일 북한군이 38선을 넘었다.\n"
             "1950년 9월 15일 유엔군이 인천에 상륙하였다.\n"
             "1951년 1월 4일 서울이 다시 함락되었다.\n")
    dated = [p for p in segment("notes", notes) if p.dates]
    assert [p.dates[0].start.isoformat() for p in dated] == ["1950-06-25", "1950-09-15", "1951-01-04"]
    assert all(len(p.dates) == 1 for p in dated)
