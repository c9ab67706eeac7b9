"""A folder of mixed documents in every awkward form is linked at the dates and places expected.

The documents in ``tests/fixtures/linkforms`` are written for these tests in our own
words, each imitating one form that real sources use (issue 15's eight causes):
date headings, Korean numeric dates, ranges broken across lines, superscript days
and bare-month entries, a chronology with no year, a wire report with a dateline,
dates by reference, a telegram's file number, an annotated bibliography, run-in OCR
entries, and places spelt in McCune-Reischauer, Japanese, Western and Hangul forms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explorer.sources.library import SourceLibrary
from explorer.sources.linking import LinkIndex, passages_for_place

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "linkforms"
D = dt.date.fromisoformat

# (document, words of the passage, first day, last day, precision, year inferred, places)
EXPECTED = [
    # 1. a date heading, its entry in the next block (HTML <h2> then <p>; blog headings)
    ("01-date-headings", "Before dawn the northern army", "1950-06-25", "1950-06-25", "day", False, ["Uijongbu"]),
    ("01-date-headings", "Marines waded ashore", "1950-09-15", "1950-09-15", "day", False, ["Inchon"]),
    ("02-blog-headings", "The guns along the line fell silent", "1953-07-27", "1953-07-27", "day", False,
     ["Panmunjom"]),
    ("02-blog-headings", "Chinese divisions hidden in the hills", "1950-11-27", "1950-11-27", "day", False,
     ["Chosin Reservoir"]),
    # 2. Korean numeric dates, a year's list, ranges, 월/일, the year rolling over
    ("03-korean-timeline", "6.25 ", "1950-06-25", "1950-06-25", "day", False, []),
    ("03-korean-timeline", "(06. 28)", "1950-06-28", "1950-06-28", "day", False, ["Seoul"]),
    ("03-korean-timeline", "(08.01~09. 14)", "1950-08-01", "1950-09-14", "range", False, ["Naktong"]),
    ("03-korean-timeline", "9.15 ", "1950-09-15", "1950-09-15", "day", False, ["Inchon"]),
    ("03-korean-timeline", "10\uc6d4 1\uc77c", "1950-10-01", "1950-10-01", "day", False, []),
    ("03-korean-timeline", "(10. 19)", "1950-10-19", "1950-10-19", "day", False, ["Pyongyang"]),
    ("03-korean-timeline", "(01.04", "1951-01-04", "1951-01-04", "day", False, ["Seoul"]),
    ("03-korean-timeline", "1953.7.27", "1953-07-27", "1953-07-27", "day", False, ["Panmunjom"]),
    # 3. ranges broken across lines; the running year stays at the range's start
    ("04-broken-ranges", "August 4", "1950-08-04", "1950-09-15", "range", False, ["Naktong", "Pusan"]),
    ("04-broken-ranges", "February 16, 1951", "1951-02-16", "1953-07-27", "range", False, []),
    ("04-broken-ranges", "April 22", "1951-04-22", "1951-04-22", "day", False, ["Seoul"]),
    # 4. superscript days, bare-month entries in a chronology whose year was set earlier
    ("05-superscripts-months", "June \u00b2\u2075", "1950-06-25", "1950-06-25", "day", False, []),
    ("05-superscripts-months", "July-August", "1950-07-01", "1950-08-31", "month", False, ["Taegu"]),
    ("05-superscripts-months", "August-October", "1950-08-01", "1950-10-31", "month", False, []),
    ("05-superscripts-months", "November --", "1950-11-01", "1950-11-30", "month", False, ["Chosin Reservoir"]),
    # 5. no year anywhere: inferred from the events, and marked
    ("06-no-year", "June 25-27", "1950-06-25", "1950-06-27", "range", True, ["Seoul", "Han"]),
    ("06-no-year", "Sept. 15", "1950-09-15", "1950-09-15", "day", True, ["Inchon"]),
    ("06-no-year", "Oct. 19", "1950-10-19", "1950-10-19", "day", True, ["Pyongyang"]),
    ("06-no-year", "Jan. 4", "1951-01-04", "1951-01-04", "day", True, ["Seoul"]),
    # 6. a dateline and "today"/"yesterday"; "three days later", "on the 30th"; a file number
    ("07-wire-report", "American fighter planes", "1950-06-27", "1950-06-27", "day", False, ["Kimpo"]),
    ("07-wire-report", "Reporters who left yesterday", "1950-06-26", "1950-06-26", "day", False, []),
    ("08-narrative-reference", "Three days later", "1950-06-28", "1950-06-28", "day", False, []),
    ("08-narrative-reference", "on the 30th", "1950-06-30", "1950-06-30", "day", False, []),
    ("09-telegram", "Telegram", "1950-06-25", "1950-06-25", "day", False, []),
    ("09-telegram", "this morning", "1950-06-25", "1950-06-25", "day", False, ["Ongjin"]),
    # 8. run-in OCR entries, one passage each
    ("11-ocr-pamphlet", "June 25, 1950 \u2014", "1950-06-25", "1950-06-25", "day", False, []),
    ("11-ocr-pamphlet", "June 27 \u2014", "1950-06-27", "1950-06-27", "day", False, []),
    ("11-ocr-pamphlet", "June 28 \u2014", "1950-06-28", "1950-06-28", "day", False, ["Seoul"]),
    ("11-ocr-pamphlet", "July 5 \u2014", "1950-07-05", "1950-07-05", "day", False, ["Osan"]),
    ("11-ocr-pamphlet", "July 20 \u2014", "1950-07-20", "1950-07-20", "day", False, ["Taejon"]),
    # places in other spellings
    ("12-spellings", "P'y\u014fngyang", "1950-10-19", "1950-10-19", "day", False, ["Pyongyang"]),
    ("12-spellings", "H\u016dngnam", "1950-12-24", "1950-12-24", "day", False, ["Hungnam"]),
    ("12-spellings", "Ch'\u014fngch'\u014fn", "1950-11-26", "1950-11-26", "day", False, ["Chongchon"]),
    ("12-spellings", "Keij\u014d", "1950-06-28", "1950-06-28", "day", False, ["Seoul"]),
    ("12-spellings", "Fusan", "1950-08-01", "1950-08-01", "day", False, ["Pusan"]),
    ("12-spellings", "Chemulpo", "1950-09-15", "1950-09-15", "day", False, ["Inchon"]),
    ("12-spellings", "Genzan", "1950-10-10", "1950-10-10", "day", False, ["Wonsan"]),
    ("12-spellings", "\uc11c\uc6b8\uc774 \ud568\ub77d", "1950-06-28", "1950-06-28", "day", False, ["Seoul"]),
]


@pytest.fixture(scope="module")
def linked(chronology):
    library = SourceLibrary.load(FOLDER)
    index = LinkIndex(library, chronology.events)
    return library, index


def _passage(library, doc_id: str, words: str):
    hits = [p for p in library.passages(doc_id) if words in p.text]
    assert hits, f"{doc_id}: no passage with {words!r}"
    return min(hits, key=lambda p: len(p.text))


def test_every_document_of_the_folder_is_read(linked):
    library, _index = linked
    assert not library.problems
    assert len(library.documents) == len(list(FOLDER.iterdir()))


@pytest.mark.parametrize("doc_id, words, first, last, precision, inferred, places", EXPECTED,
                         ids=[f"{e[0]}:{e[1][:14]}" for e in EXPECTED])
def test_linked_at_the_date_and_places_expected(linked, doc_id, words, first, last, precision, inferred, places):
    library, index = linked
    p = _passage(library, doc_id, words)
    got = [(m.start, m.end, m.precision, m.inferred) for m in p.dates]
    assert (D(first), D(last), precision, inferred) in got, f"{p.text!r}: {got}"
    ranked = index.lookup(D(first), limit=500)
    assert any(r.passage is p for r in ranked), f"{p.text!r} is not listed on {first}"
    for place in places:
        assert place in p.places, f"{p.text!r} names {place}; found {p.places}"
        assert any(r.passage is p for r in passages_for_place(place, library)), place


def test_expected_link_count_reported(linked, capsys):
    """How many of the expected (date, place) links the folder gets: all of them."""
    library, index = linked
    total = got = 0
    for doc_id, words, first, _last, _prec, _inf, places in EXPECTED:
        p = _passage(library, doc_id, words)
        total += 1
        got += any(r.passage is p for r in index.lookup(D(first), limit=500))
        for place in places:
            total += 1
            got += any(r.passage is p for r in passages_for_place(place, library))
    with capsys.disabled():
        print(f"\n[linkforms] {got} of {total} expected links")
    assert got == total


def test_bibliography_and_counts_stay_off_the_timeline(linked):
    library, _index = linked
    bib = library.passages("10-annotated-bibliography")
    # the annotated list under "Books" and "Websites", its comments included
    for p in bib:
        if p.kind != "heading" and p.index >= 3:
            assert p.kind == "reference" and not p.dates, p.text
    # "1982 North Koreans" is a count, not a year
    count = _passage(library, "10-annotated-bibliography", "1982 North Koreans")
    assert count.dates == []
    # "[Page 1951]" is a page marker, not a year
    page = _passage(library, "09-telegram", "[Page 1951]")
    assert all(m.text != "1951" for m in page.dates)


def test_run_in_entries_are_one_passage_each(linked):
    library, _index = linked
    entries = [p for p in library.passages("11-ocr-pamphlet") if p.kind == "entry"]
    assert len(entries) == 5
    assert all(len(p.dates) == 1 for p in entries)


def test_year_inferred_only_where_no_year_is_written(linked):
    library, _index = linked
    assert library.inferred_years.get("06-no-year") == 1950
    for p in library.all_passages():
        if p.doc_id != "06-no-year":
            assert not any(m.inferred for m in p.dates), p.text
    assert "year inferred" in _passage(library, "06-no-year", "Oct. 19").dates[0].label


def test_no_year_and_no_chronology_leaves_the_dates_out(chronology):
    library = SourceLibrary.load(FOLDER)
    library.infer_years([])
    assert all(not p.dates for p in library.passages("06-no-year"))
