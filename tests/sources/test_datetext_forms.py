"""The date forms of issue 15, one table per form, and properties of the reader.

Every sentence here is our own, written to imitate a form real sources use.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.sources.datetext import DateContext, extract_dates, plain_digits, read_dates
from explorer.sources.passages import segment

D = dt.date.fromisoformat


def _got(text: str, year: int | None):
    return [(m.text, m.start.isoformat(), m.end.isoformat(), m.precision) for m in extract_dates(text, year)]


# (form, text, running year, expected mentions)
CASES = [
    # Korean numeric dates
    ("ymd dotted", "1950.6.25 \ubd81\ud55c\uad70 \uacf5\uaca9", None, [("1950.6.25", "1950-06-25", "1950-06-25", "day")]),
    ("ymd dotted spaced", "1951. 1. 4. \uc11c\uc6b8 \ucca0\uc218", None, [("1951. 1. 4", "1951-01-04", "1951-01-04", "day")]),
    ("md in brackets", "(06. 28) \uc11c\uc6b8 \ud568\ub77d", 1950, [("06. 28", "1950-06-28", "1950-06-28", "day")]),
    ("md at line start", "6.26 \uc548\ubcf4\ub9ac \uacb0\uc758", 1950, [("6.26", "1950-06-26", "1950-06-26", "day")]),
    ("md range", "(08.01~09. 14) \ubc29\uc5b4\uc120", 1950, [("08.01~09. 14", "1950-08-01", "1950-09-14", "range")]),
    ("md range same month", "(07.20~25) \uc804\ud22c", 1950, [("07.20~25", "1950-07-20", "1950-07-25", "range")]),
    ("month-day hangul", "10\uc6d4 1\uc77c \uad6d\uad70 \ubd81\uc9c4", 1950, [("10\uc6d4 1\uc77c", "1950-10-01", "1950-10-01", "day")]),
    ("md without year", "(06. 28) \uc11c\uc6b8", None, []),
    ("section number is no date", "3.1 Background of the crisis", 1950, []),
    ("decimal is no date", "the ratio rose to 6.25 in the report", 1950, []),
    # superscript and styled digits
    ("superscript day", "June \u00b2\u2075 -- attack", 1950, [("June \u00b2\u2075", "1950-06-25", "1950-06-25", "day")]),
    ("full-width digits", "June \uff12\uff15, \uff11\uff19\uff15\uff10", None,
     [("June \uff12\uff15, \uff11\uff19\uff15\uff10", "1950-06-25", "1950-06-25", "day")]),
    ("footnote mark", "They held until 1951\u00b2 and then", None, [("1951", "1951-01-01", "1951-12-31", "year")]),
    # bare-month entries
    ("bare month entry", "November -- Chinese armies attack", 1950, [("November", "1950-11-01", "1950-11-30", "month")]),
    ("month range entry", "August-October -- guerrillas", 1950, [("August-October", "1950-08-01", "1950-10-31", "month")]),
    ("month range over new year", "December-February: snow on the line", 1950,
     [("December-February", "1950-12-01", "1951-02-28", "month")]),
    ("bare month mid-sentence", "Troops will march -- as they may -- north", 1950, []),
    # datelines and references
    ("dateline today", "PUSAN, July 3, 1950 (UP) -- Troops today dug in.", None,
     [("July 3, 1950", "1950-07-03", "1950-07-03", "day"), ("today", "1950-07-03", "1950-07-03", "day")]),
    ("today without dateline", "Today historians agree on little.", 1950, []),
    ("days later", "It began on June 25, 1950; two days later the city fell.", None,
     [("June 25, 1950", "1950-06-25", "1950-06-25", "day"), ("two days later", "1950-06-27", "1950-06-27", "day")]),
    ("next day", "On 15 September 1950 they landed. The next day they pushed inland.", None,
     [("15 September 1950", "1950-09-15", "1950-09-15", "day"), ("The next day", "1950-09-16", "1950-09-16", "day")]),
    ("on the nth", "Seoul fell on June 28, 1950, and on the 30th the order came.", None,
     [("June 28, 1950", "1950-06-28", "1950-06-28", "day"), ("30th", "1950-06-30", "1950-06-30", "day")]),
    ("on the nth next month", "By December 24, 1950 the port was empty; on the 4th the capital fell.", None,
     [("December 24, 1950", "1950-12-24", "1950-12-24", "day"), ("4th", "1951-01-04", "1951-01-04", "day")]),
    ("unit after ordinal", "On June 25, 1950 the 24th Division was in Japan.", None,
     [("June 25, 1950", "1950-06-25", "1950-06-25", "day")]),
    ("file number", "795B.00/7-1950: Telegram", None, [("795B.00/7-1950", "1950-07-19", "1950-07-19", "day")]),
    # not dates: access dates, APA dates, page markers, counts
    ("retrieved", "Retrieved March 21, 2017, from the site", None, []),
    ("accessed", "accessed 3 May 2019", None, []),
    ("apa date", "Lee, K. (2016, August 15). A page.", None, []),
    ("page marker", "[Page 1922] The minister replied", None, []),
    ("count of people", "some 1982 North Koreans surrendered", None, []),
    ("count after a year word", "In 1950 Chinese troops were few", None, [("1950", "1950-01-01", "1950-12-31", "year")]),
]


@pytest.mark.parametrize("form, text, year, expected", CASES, ids=[c[0] for c in CASES])
def test_form(form, text, year, expected):
    assert _got(text, year) == expected


# Passages: (form, document, [(words of a passage, first day, last day)])
SEGMENT_CASES = [
    ("date line, blank line, entry", "June 25, 1950\n\nThe northern army crossed the parallel at dawn.\n",
     [("northern army", "1950-06-25", "1950-06-25")]),
    ("blog heading with a title", "Intro line of the post.\n\nSeptember 15, 1950: Inchon\n\nMarines landed at high tide.\n",
     [("Marines landed", "1950-09-15", "1950-09-15")]),
    ("heading date does not override the entry's own day",
     "June 1950\n\nOn June 28 the capital fell to the north.\n", [("capital fell", "1950-06-28", "1950-06-28")]),
    ("range broken across lines", "Chronology\n\nMay 20\u2014\nSeptember 20, 1951 -- Fighting on the ridges.\n"
     "October 3 -- A new offensive.\n", [("Fighting on the ridges", "1951-05-20", "1951-09-20"),
                                        ("A new offensive", "1951-10-03", "1951-10-03")]),
    ("range broken across blocks keeps the first year",
     "Notes\n\nFebruary 16, 1951\u2014\n\nJuly 27, 1953 -- The stalemate.\n\nApril 22 -- The spring offensive.\n",
     [("The stalemate", "1951-02-16", "1953-07-27"), ("spring offensive", "1951-04-22", "1951-04-22")]),
    ("year rolls over in a list", "1950\n(11. 26) \uccad\ucc9c\uac15 \uc804\ud22c\n(12. 24) \ud765\ub0a8 \ucca0\uc218\n(01. 04) \uc11c\uc6b8 \ucca0\uc218\n",
     [("\ud765\ub0a8", "1950-12-24", "1950-12-24"), ("\uc11c\uc6b8", "1951-01-04", "1951-01-04")]),
    ("run-in entries", "Events\nJune 25, 1950 \u2014 Attack. June 27 \u2014 The council votes. "
     "June 28 \u2014 Seoul falls. June 30 \u2014 Troops are sent.\n",
     [("The council votes", "1950-06-27", "1950-06-27"), ("Seoul falls", "1950-06-28", "1950-06-28"),
      ("Troops are sent", "1950-06-30", "1950-06-30")]),
]


@pytest.mark.parametrize("form, text, expected", SEGMENT_CASES, ids=[c[0] for c in SEGMENT_CASES])
def test_segment_form(form, text, expected):
    passages = segment("doc", text)
    for words, first, last in expected:
        p = min((p for p in passages if words in p.text), key=lambda p: len(p.text))
        assert (D(first), D(last)) in [(m.start, m.end) for m in p.dates], (words, p.text, p.dates)


def test_run_in_entries_split_one_passage_each():
    text = ("Events\nJune 25, 1950 \u2014 Attack. June 27 \u2014 The council votes. "
            "June 28 \u2014 Seoul falls. June 30 \u2014 Troops are sent.\n")
    entries = [p for p in segment("doc", text) if p.kind == "entry"]
    assert [p.text.split(" \u2014")[0] for p in entries] == ["June 25, 1950", "June 27", "June 28", "June 30"]


def test_narrative_sentences_starting_with_dates_are_not_split():
    text = ("On the first day the army moved. June 25 was a Sunday, and few officers were at their posts; "
            "the attack found the border thinly held.")
    assert [p.kind for p in segment("doc", text)] == ["paragraph"]


def test_annotated_bibliography_under_books_heading():
    text = ("Guide\n\nThe war in brief, with 1950 as the turning year and more words to make it a paragraph.\n\n"
            "Books\n\nDoe, Jane. Winter War: Korea 1945-1953. London: Example Press, 2001.\n\n"
            "A lively account of the retreat from the reservoir in December 1950.\n\n"
            "Websites\n\nWar notes. (2014, May 2). Example. Retrieved June 1, 2015, from https://example.org\n")
    ps = segment("doc", text)
    refs = [p for p in ps if p.kind == "reference"]
    assert len(refs) == 3 and all(not p.dates for p in refs)


def test_read_dates_carries_the_dateline_and_anchor():
    ctx = DateContext()
    read_dates("SEOUL, June 26, 1950 (AP) -- The line held today.", ctx)
    assert ctx.dateline == D("1950-06-26") and ctx.year == 1950 and ctx.written
    got = read_dates("Yesterday the bridges were blown.", ctx)
    assert [(m.text, m.start) for m in got] == [("Yesterday", D("1950-06-25"))]


def test_plain_digits_keeps_offsets():
    s = "June \u00b2\u2075, \uff11\uff19\uff15\uff10\u00b9 x"
    out = plain_digits(s)
    assert len(out) == len(s) and out.startswith("June 25, 1950 ")


# --- properties --------------------------------------------------------------

_KOREAN_LINE = st.builds(
    lambda m, d, sep, word: f"{'(' if sep else ''}{m:02d}.{' ' if sep else ''}{d:02d}{')' if sep else ''} {word}",
    st.integers(1, 12), st.integers(1, 31), st.booleans(),
    st.sampled_from(["\uc11c\uc6b8", "\ud3c9\uc591 \uc810\ub839", "\uc804\ud22c", "\ud6c4\ud1f4"]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_KOREAN_LINE, min_size=1, max_size=12), st.integers(1946, 1955))
def test_korean_lists_read_in_order(lines, year):
    """Never crashes; intervals ordered; years only the list's year or the years it rolls into."""
    text = f"{year}\ub144\n" + "\n".join(lines) + "\n"
    passages = segment("k", text)
    for p in passages:
        for m in p.dates:
            assert m.start <= m.end
            assert year <= m.start.year <= year + len(lines)
            assert p.text[m.begin:m.stop] == m.text


_PIECES = st.sampled_from([
    "June 25", "Sept. 15", "(06. 28)", "6.26", "10\uc6d4 1\uc77c", "June \u00b2\u2075", "November --", "today",
    "three days later", "on the 26th", "[Page 1922]", "1982 North Koreans", "Retrieved March 21, 2017",
    "(2016, August 15)", "\u2014\n", "\n\n", "Books\n\n", "the 8th Army", "795.00/6-2550", " ", ". ", "\uc11c\uc6b8",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30), st.one_of(st.none(), st.integers(1948, 1953)))
@example(["795.00/6-2550", "\n\n", "Sept. 15", "\n\n", "June 25"], None)   # June 25 rolls over into 1951
def test_forms_mixed_never_crash_and_stay_in_the_years_written(pieces, year):
    """No year outside what the text (or the running year) supports."""
    text = " ".join(pieces)
    for p in segment("mix", text, default_year=year):
        for m in p.dates:
            assert m.start <= m.end
            written = {1950}  # the telegram's file number writes 1950
            # a day next to a written year takes it ("June 25 2017"); a bare count or page does not
            written |= {int(y) for y in re.findall(r"[^\s\]]\s+(\d{4})", text)}
            assert m.text not in ("1922", "1982", "2016", "2017"), (text, m)
            if year is not None:
                written |= {year, year - 1}
            # Entries that start with a year-less day earlier than the last entry's roll over to the
            # next year ("Sept. 15" then "June 25": 1951), at most once an entry.
            allowed = {y + k for y in written for k in range(len(pieces) + 1)}
            assert m.start.year in allowed or m.end.year in allowed, (text, m)
            if m.via == "text":
                assert p.text[m.begin:m.stop] == m.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.()~- \n\uc6d4\uc77c\ub144\u00b2\u2075JuneNovember")), max_size=80),
       st.one_of(st.none(), st.integers(1800, 2099)))
def test_numeric_noise_never_crashes(text, year):
    ctx = DateContext(year=year)
    for m in read_dates(text, ctx):
        assert m.start <= m.end


def test_a_citation_on_its_own_keeps_its_title_years_off_the_war():
    text = ("Guide\n\nAn introduction to the war that began in 1950, written for the class.\n\n"
            "Brown, Alice. The Frozen Front: Korea 1945-1953. New York: Example Press, 1998.\n\n"
            "Lee, K. (2016, August 15). Notes on the armistice. Example Site.\n")
    kinds = [(p.kind, [m.text for m in p.dates]) for p in segment("doc", text)]
    assert kinds[2] == ("reference", []) and kinds[3] == ("reference", [])


def test_a_date_heading_does_not_date_background_under_it():
    text = ("June 25, 1950\n\nThe northern army crossed the parallel at dawn.\n\n"
            "In 1945 the country had been divided at the same line.\n")
    ps = segment("doc", text)
    assert [(m.start.isoformat(), m.via) for m in ps[1].dates] == [("1950-06-25", "heading")]
    assert [m.text for m in ps[2].dates] == ["1945"]
