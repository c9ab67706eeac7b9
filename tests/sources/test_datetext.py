"""Tests of explorer.sources.datetext: dates in running text as intervals."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.sources.datetext import PRECISION_ORDER, DateMention, extract_dates, last_year

D = dt.date
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# (text, default_year, [(mention text, start, end, precision), ...]) -- the whole list of
# mentions expected, in order. Sentences are our own.
CASES: list[tuple[str, int | None, list[tuple[str, str, str, str]]]] = [
    # --- full dates
    ("The war began on June 25, 1950.", None,
     [("June 25, 1950", "1950-06-25", "1950-06-25", "day")]),
    ("Tanks moved at dawn on Sunday, June 25, 1950, near Kaesong.", None,
     [("Sunday, June 25, 1950", "1950-06-25", "1950-06-25", "day")]),
    ("On 25 June 1950 the attack came.", None,
     [("25 June 1950", "1950-06-25", "1950-06-25", "day")]),
    ("It started on Jun 25, 1950 in the west.", None,
     [("Jun 25, 1950", "1950-06-25", "1950-06-25", "day")]),
    ("Marines landed Sept. 15, 1950 at high tide.", None,
     [("Sept. 15, 1950", "1950-09-15", "1950-09-15", "day")]),
    ("Landing day: Sep 15 1950.", None,
     [("Sep 15 1950", "1950-09-15", "1950-09-15", "day")]),
    ("They landed on 15th September 1950.", None,
     [("15th September 1950", "1950-09-15", "1950-09-15", "day")]),
    ("They landed on the 15th of September 1950.", None,
     [("15th of September 1950", "1950-09-15", "1950-09-15", "day")]),
    ("They landed on September 15th, 1950.", None,
     [("September 15th, 1950", "1950-09-15", "1950-09-15", "day")]),
    ("Filed 1950-06-25 by the embassy.", None,
     [("1950-06-25", "1950-06-25", "1950-06-25", "day")]),
    ("Filed 1950/03/10 by the embassy.", None,
     [("1950/03/10", "1950-03-10", "1950-03-10", "day")]),
    ("Dated 10.03.1950 in Moscow.", None,
     [("10.03.1950", "1950-03-10", "1950-03-10", "day")]),
    ("(mode of access: 17.08.2019).", None,
     [("17.08.2019", "2019-08-17", "2019-08-17", "day")]),
    ("(mode of access: 12.05. 2019).", None,
     [("12.05. 2019", "2019-05-12", "2019-05-12", "day")]),
    ("Cable of 25/06/1950.", None, [("25/06/1950", "1950-06-25", "1950-06-25", "day")]),
    ("Cable of 06/25/1950.", None, [("06/25/1950", "1950-06-25", "1950-06-25", "day")]),
    ("Cable of 03/04/1950.", None, [("03/04/1950", "1950-01-01", "1950-12-31", "year")]),
    ("Leap day Feb 29, 1952 came.", None,
     [("Feb 29, 1952", "1952-02-29", "1952-02-29", "day")]),
    ("No such day as February 30, 1950 exists.", None,
     [("1950", "1950-01-01", "1950-12-31", "year")]),
    # --- ranges
    ("The drive lasted Aug. 27-Sept. 15 in the south.", 1950,
     [("Aug. 27-Sept. 15", "1950-08-27", "1950-09-15", "range")]),
    ("The plenum sat August 30-31 that year.", 1956,
     [("August 30-31", "1956-08-30", "1956-08-31", "range")]),
    ("The plenum sat August 30\u201331 that year.", 1956,
     [("August 30\u201331", "1956-08-30", "1956-08-31", "range")]),
    ("Decisions of June 24\u201330, 1950 are studied.", None,
     [("June 24\u201330, 1950", "1950-06-24", "1950-06-30", "range")]),
    ("Fighting on 25-27 July 1950 was heavy.", None,
     [("25-27 July 1950", "1950-07-25", "1950-07-27", "range")]),
    ("Talks ran September 16 \u2013 October 15, 1950 in secret.", None,
     [("September 16 \u2013 October 15, 1950", "1950-09-16", "1950-10-15", "range")]),
    ("Crisis of 25 June \u2013 6 July 1950 in Washington.", None,
     [("25 June \u2013 6 July 1950", "1950-06-25", "1950-07-06", "range")]),
    ("The war ran June 25, 1950 \u2013 July 27, 1953 in all.", None,
     [("June 25, 1950 \u2013 July 27, 1953", "1950-06-25", "1953-07-27", "range")]),
    ("The retreat of Dec. 28 - Jan. 3 was bitter.", 1950,
     [("Dec. 28 - Jan. 3", "1950-12-28", "1951-01-03", "range")]),
    ("The offensive of Sept. 15-22 broke the siege.", 1950,
     [("Sept. 15-22", "1950-09-15", "1950-09-22", "range")]),
    ("The war of 1950\u20131953 ended in a truce.", None,
     [("1950\u20131953", "1950-01-01", "1953-12-31", "year")]),
    ("The war of 1950-53 ended in a truce.", None,
     [("1950-53", "1950-01-01", "1953-12-31", "year")]),
    ("Korea, 1949\u201350: a prelude.", None,
     [("1949\u201350", "1949-01-01", "1950-12-31", "year")]),
    ("Budget for 1950/51 was cut.", None,
     [("1950/51", "1950-01-01", "1951-12-31", "year")]),
    ("He served from 1945 to 1948 in Seoul.", None,
     [("1945 to 1948", "1945-01-01", "1948-12-31", "year")]),
    ("He served between 1945 and 1948 in Seoul.", None,
     [("1945 and 1948", "1945-01-01", "1948-12-31", "year")]),
    # --- months
    ("The invasion came in June 1950.", None,
     [("June 1950", "1950-06-01", "1950-06-30", "month")]),
    ("He died in March 1953.", None,
     [("March 1953", "1953-03-01", "1953-03-31", "month")]),
    ("In March, a plenum met.", 1956, [("March", "1956-03-01", "1956-03-31", "month")]),
    ("That May, the leader flew north.", 1950, [("May", "1950-05-01", "1950-05-31", "month")]),
    ("He flew north that May.", 1950, [("May", "1950-05-01", "1950-05-31", "month")]),
    ("Supplies arrived in Jan. 1951 at last.", None,
     [("Jan. 1951", "1951-01-01", "1951-01-31", "month")]),
    ("Working Paper, July, 2002.", None,
     [("July, 2002", "2002-07-01", "2002-07-31", "month")]),
    ("Heavy rain fell June-August 1950.", None,
     [("June-August 1950", "1950-06-01", "1950-08-31", "month")]),
    ("Raids in June and July 1950 grew.", None,
     [("June", "1950-06-01", "1950-06-30", "month"),
      ("July 1950", "1950-07-01", "1950-07-31", "month")]),
    # --- parts of months and of years
    ("Talks in early October 1950 went badly.", None,
     [("early October 1950", "1950-10-01", "1950-10-10", "part-month")]),
    ("By mid-October 1950 the army crossed.", None,
     [("mid-October 1950", "1950-10-11", "1950-10-20", "part-month")]),
    ("By mid October the army crossed.", 1950,
     [("mid October", "1950-10-11", "1950-10-20", "part-month")]),
    ("Snow fell in late October 1950.", None,
     [("late October 1950", "1950-10-21", "1950-10-31", "part-month")]),
    ("Snow fell in late February 1952.", None,
     [("late February 1952", "1952-02-21", "1952-02-29", "part-month")]),
    ("They met at the end of October 1950.", None,
     [("end of October 1950", "1950-10-21", "1950-10-31", "part-month")]),
    ("A policy adopted at the end of 1949 held.", None,
     [("end of 1949", "1949-12-01", "1949-12-31", "month")]),
    ("At the beginning of 1950 plans changed.", None,
     [("beginning of 1950", "1950-01-01", "1950-01-31", "month")]),
    ("Only in early 1950 did he agree.", None,
     [("early 1950", "1950-01-01", "1950-04-30", "season")]),
    ("Early in 1995, more files came out.", None,
     [("Early in 1995", "1995-01-01", "1995-04-30", "season")]),
    ("Talks stalled in late 1952.", None,
     [("late 1952", "1952-09-01", "1952-12-31", "season")]),
    ("By mid-1950 the plan was set.", None,
     [("mid-1950", "1950-05-01", "1950-08-31", "season")]),
    ("In the first half of 1951 the line moved.", None,
     [("first half of 1951", "1951-01-01", "1951-06-30", "season")]),
    # --- seasons
    ("By the summer of 1951 the front was still.", None,
     [("summer of 1951", "1951-06-01", "1951-08-31", "season")]),
    ("Issue of summer 1999.", None, [("summer 1999", "1999-06-01", "1999-08-31", "season")]),
    ("Troops came in the autumn of 1950.", None,
     [("autumn of 1950", "1950-09-01", "1950-11-30", "season")]),
    ("Troops came in the fall of 1950.", None,
     [("fall of 1950", "1950-09-01", "1950-11-30", "season")]),
    ("They agreed that fall.", 1952, [("fall", "1952-09-01", "1952-11-30", "season")]),
    ("They agreed by that fall.", 1952, [("fall", "1952-09-01", "1952-11-30", "season")]),
    ("Bulletin, Winter 1995.", None,
     [("Winter 1995", "1995-12-01", "1996-02-29", "season")]),
    ("Bulletin, Spring 1995.", None, [("Spring 1995", "1995-03-01", "1995-05-31", "season")]),
    ("Men froze in the winter of 1950-51.", None,
     [("winter of 1950-51", "1950-12-01", "1951-02-28", "season")]),
    ("Lines held in the summer.", 1951, [("summer", "1951-06-01", "1951-08-31", "season")]),
    # --- years and decades
    ("The armistice of 1953 held.", None, [("1953", "1953-01-01", "1953-12-31", "year")]),
    ("Files came out in 1992 and '93 slowly.", None,
     [("1992", "1992-01-01", "1992-12-31", "year"),
      ("'93", "1993-01-01", "1993-12-31", "year")]),
    ("Scholars agreed by the 1980s.", None,
     [("1980s", "1980-01-01", "1989-12-31", "decade")]),
    ("China in the 1930s was at war.", None,
     [("1930s", "1930-01-01", "1939-12-31", "decade")]),
    ("Power grew in the late 1950s.", None,
     [("late 1950s", "1957-01-01", "1959-12-31", "decade")]),
    ("Fashion of the 1950's returned.", None,
     [("1950's", "1950-01-01", "1959-12-31", "decade")]),
    ("Music of the '50s returned.", 1953, [("'50s", "1950-01-01", "1959-12-31", "decade")]),
    ("Copyright 1999 by the author.", None, [("1999", "1999-01-01", "1999-12-31", "year")]),
    # --- year-less dates resolved from the running year
    ("1950\n20 July: the line held.", None,
     [("1950", "1950-01-01", "1950-12-31", "year"),
      ("20 July", "1950-07-20", "1950-07-20", "day")]),
    ("He left on June 1, 1956 and returned on July 20.", None,
     [("June 1, 1956", "1956-06-01", "1956-06-01", "day"),
      ("July 20", "1956-07-20", "1956-07-20", "day")]),
    ("A meeting on April 30 went well.", 1956,
     [("April 30", "1956-04-30", "1956-04-30", "day")]),
    ("In 1956 the plenum met. In March it purged.", None,
     [("1956", "1956-01-01", "1956-12-31", "year"),
      ("March", "1956-03-01", "1956-03-31", "month")]),
    ("Talks of September 16, 1956; in 1958 he recalled it; arrival on September 19.", None,
     [("September 16, 1956", "1956-09-16", "1956-09-16", "day"),
      ("1958", "1958-01-01", "1958-12-31", "year"),
      ("September 19", "1958-09-19", "1958-09-19", "day")]),
    ("In July he met the premier.", None, []),       # no running year: dropped
    ("A meeting on April 30 went well.", None, []),
    # --- negatives: nothing is a date
    ("More than 33,000 Americans lay dead.", None, []),
    ("36, Moskovskaya Str., 610000, Kirov.", None, []),
    ("Of the 150 or so members, only 20 spoke.", None, []),
    ("The wage stood at 600 won a month.", None, []),
    ("More than 400,000 troops stayed.", None, []),
    ("NY, W. W. Norton. 798 p.", None, []),
    ("Bull. Iss. 6\u20137, pp. 54\u201368.", None, []),
    ("Vestnik. No. 4 (61), pp. 241\u2013261.", None, []),
    ("A huge volume, pp. 1950\u20131960 of it.", None, []),
    ("ORCID 0000-0002-2706-3904 and 0000-0003-1950-7276.", None, []),
    ("DOI 10.24833/2071\u20138160\u20132018\u20134\u201361\u2013241\u2013261.", None, []),
    ("At the 20th Party Congress he spoke.", None, []),
    ("They crossed the 38th parallel.", None, []),
    ("The Seventh Fleet sailed.", None, []),
    ("It lasted until two in the morning.", None, []),
    ("It may rain. May I ask why?", 1950, []),
    ("March on Seoul, they cried.", 1950, []),
    ("He feared the fall of Seoul.", 1950, []),
    ("A sharp fall in prices followed.", 1950, []),
    ("The winter of discontent came.", 1950, []),
    ("Attack at 1930 hours precisely.", None, []),
    ("A book of 1950 pages.", None, []),
    ("See URL: http://example.org/1950/06/report now.", None, []),
    ("Vol. 3. Winter. No. 2, pp. 101\u2013118.", None, []),
    ("Ratio 1950.5 and 1,950 units.", None, []),
    ("I said '93 percent' of them.", None, []),
]


@pytest.mark.parametrize(("text", "default_year", "expected"), CASES)
def test_forms(text: str, default_year: int | None,
               expected: list[tuple[str, str, str, str]]) -> None:
    got = [(m.text, m.start.isoformat(), m.end.isoformat(), m.precision)
           for m in extract_dates(text, default_year)]
    assert got == [(t, s, e, p) for t, s, e, p in expected]


def test_table_is_large() -> None:
    assert len(CASES) >= 60
    assert sum(1 for _t, _y, e in CASES if not e) >= 20


def test_spans_point_into_text() -> None:
    text = "In 1956 the plenum met; on August 30\u201331 it purged critics."
    for m in extract_dates(text):
        assert text[m.begin:m.stop] == m.text


def test_last_year() -> None:
    assert last_year("No dates here at all.", 1950) == 1950
    assert last_year("No dates here at all.", None) is None
    assert last_year("In 1951 and then in June 1952 it moved.", None) == 1952
    assert last_year("In March it moved.", 1956) == 1956      # year-less: unchanged
    assert last_year("By the 1980s they agreed.", 1950) == 1950  # decades do not set it
    assert last_year("The war of 1950\u20131953.", None) == 1950  # first year of a range


def test_precision_order() -> None:
    order = sorted(PRECISION_ORDER, key=PRECISION_ORDER.get)
    assert order == ["day", "range", "part-month", "month", "season", "year", "decade"]


def test_mention_is_frozen() -> None:
    m = extract_dates("June 25, 1950")[0]
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.start = D(1951, 1, 1)  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------

def _check_invariants(text: str, mentions: list[DateMention]) -> None:
    prev_stop = 0
    for m in mentions:
        assert m.start <= m.end
        assert 0 <= m.begin < m.stop <= len(text)
        assert text[m.begin:m.stop] == m.text
        assert m.begin >= prev_stop, "mentions overlap or are out of order"
        assert m.precision in PRECISION_ORDER
        prev_stop = m.stop


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.integers(1800, 2099)))
def test_random_text_never_raises(text: str, year: int | None) -> None:
    _check_invariants(text, extract_dates(text, year))
    last_year(text, year)


DATEISH = ["June", "May", "Sept.", "Aug.", "March", "Jan", "25", "1950", "1953", "'93", "30",
           "31", "-", "\u2013", ",", ".", "/", "the", "of", "in", "that", "early", "mid-",
           "late", "summer", "fall", "Winter", "1980s", "to", "and", "between", "from",
           "Sunday,", "15th", "17.08.2019", "1950-06-25", "pp.", "p.", "No.", "0", "12",
           "2099", "1800", "1799", "2100", "end", "beginning", "first", "half", "'50s"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DATEISH), max_size=25),
       st.lists(st.sampled_from(["", " ", "  ", "\n"]), min_size=25, max_size=25),
       st.one_of(st.none(), st.integers(1800, 2099)))
def test_date_like_soup_keeps_invariants(tokens: list[str], gaps: list[str],
                                         year: int | None) -> None:
    text = "".join(t + g for t, g in zip(tokens, gaps))
    _check_invariants(text, extract_dates(text, year))


FILLER = ["the", "army", "crossed", "river", "report", "said", "envoys", "north", "south",
          "cable", "sent", "a", "to", "Moscow", "Beijing", "talks", "were", "held", "on",
          "Kim", "Stalin", "wrote", "(", ")", ";", "and", "then", "envoy"]
MONTHS = list(calendar.month_name)[1:]
ABBR = {1: "Jan.", 2: "Feb.", 3: "Mar.", 4: "Apr.", 5: "May", 6: "Jun.", 7: "Jul.",
        8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


def _ordinal(d: int) -> str:
    if 10 <= d % 100 <= 20:
        return f"{d}th"
    return f"{d}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th') }"


DAY_FORMATS = [
    lambda x: f"{MONTHS[x.month - 1]} {x.day}, {x.year}",
    lambda x: f"{ABBR[x.month]} {x.day}, {x.year}",
    lambda x: f"{ABBR[x.month].rstrip('.')} {x.day} {x.year}",
    lambda x: f"{x.day} {MONTHS[x.month - 1]} {x.year}",
    lambda x: f"{_ordinal(x.day)} {MONTHS[x.month - 1]} {x.year}",
    lambda x: f"{MONTHS[x.month - 1]} {_ordinal(x.day)}, {x.year}",
    lambda x: f"{calendar.day_name[x.weekday()]}, {MONTHS[x.month - 1]} {x.day}, {x.year}",
    lambda x: x.isoformat(),
    lambda x: f"{x.year}/{x.month:02d}/{x.day:02d}",
    lambda x: f"{x.day:02d}.{x.month:02d}.{x.year}",
]

dates = st.dates(min_value=D(1800, 1, 1), max_value=D(2099, 12, 31))
filler = st.lists(st.sampled_from(FILLER), max_size=8).map(" ".join)


def _embed(before: str, rendered: str, after: str) -> tuple[str, int]:
    text = f"{before} {rendered} {after}."
    return text, len(before) + 1


def _only(text: str, at: int, rendered: str, year: int | None = None) -> DateMention:
    found = extract_dates(text, year)
    assert len(found) == 1, (text, found)
    m = found[0]
    assert (m.begin, m.stop, m.text) == (at, at + len(rendered), rendered)
    return m


@settings(max_examples=400, deadline=None)
@given(dates, st.integers(0, len(DAY_FORMATS) - 1), filler, filler)
def test_day_formats_round_trip(day: dt.date, fmt: int, before: str, after: str) -> None:
    rendered = DAY_FORMATS[fmt](day)
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    assert (m.start, m.end, m.precision) == (day, day, "day")


@settings(max_examples=200, deadline=None)
@given(dates, st.booleans(), filler, filler)
def test_month_round_trip(day: dt.date, abbr: bool, before: str, after: str) -> None:
    name = ABBR[day.month] if abbr else MONTHS[day.month - 1]
    rendered = f"{name} {day.year}"
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    last = calendar.monthrange(day.year, day.month)[1]
    assert (m.start, m.end, m.precision) == (
        day.replace(day=1), day.replace(day=last), "month")


@settings(max_examples=200, deadline=None)
@given(st.integers(1800, 2099), filler, filler)
def test_year_round_trip(year: int, before: str, after: str) -> None:
    rendered = str(year)
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    assert (m.start, m.end, m.precision) == (D(year, 1, 1), D(year, 12, 31), "year")


@settings(max_examples=200, deadline=None)
@given(st.integers(1800, 2098), st.sampled_from(["spring", "summer", "autumn", "fall",
                                                  "winter", "Summer", "Winter"]),
       st.booleans(), filler, filler)
def test_season_round_trip(year: int, season: str, of: bool, before: str,
                           after: str) -> None:
    rendered = f"{season} of {year}" if of else f"{season} {year}"
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    first = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[season.lower()]
    end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
    end = D(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    assert (m.start, m.end, m.precision) == (D(year, first, 1), end, "season")


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(1, 27), st.sampled_from(["-", "\u2013", " - ", " to "]),
       st.booleans(), filler, filler)
def test_day_range_round_trip(day: dt.date, span: int, sep: str, day_first: bool,
                              before: str, after: str) -> None:
    last = calendar.monthrange(day.year, day.month)[1]
    d1 = min(day.day, last - 1)
    d2 = min(d1 + span, last)
    month = MONTHS[day.month - 1]
    rendered = (f"{d1}{sep}{d2} {month} {day.year}" if day_first
                else f"{month} {d1}{sep}{d2}, {day.year}")
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    assert (m.start, m.end, m.precision) == (
        day.replace(day=d1), day.replace(day=d2), "range")


@settings(max_examples=200, deadline=None)
@given(st.integers(1800, 2098), st.integers(1, 40), st.sampled_from(["-", "\u2013"]),
       filler, filler)
def test_year_range_round_trip(y1: int, span: int, sep: str, before: str,
                               after: str) -> None:
    y2 = min(y1 + span, 2099)
    rendered = f"{y1}{sep}{y2}"
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    assert (m.start, m.end, m.precision) == (D(y1, 1, 1), D(y2, 12, 31), "year")


@settings(max_examples=200, deadline=None)
@given(dates, st.sampled_from(["early", "mid-", "late"]), filler, filler)
def test_part_month_round_trip(day: dt.date, part: str, before: str, after: str) -> None:
    rendered = f"{part}{'' if part.endswith('-') else ' '}{MONTHS[day.month - 1]} {day.year}"
    text, at = _embed(before, rendered, after)
    m = _only(text, at, rendered)
    last = calendar.monthrange(day.year, day.month)[1]
    d1, d2 = {"early": (1, 10), "mid-": (11, 20), "late": (21, last)}[part]
    assert (m.start, m.end, m.precision) == (
        day.replace(day=d1), day.replace(day=d2), "part-month")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much])
@given(st.integers(1800, 2099), dates, filler)
def test_yearless_day_takes_running_year(year: int, day: dt.date, middle: str) -> None:
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        day = day.replace(day=28)
    text = f"In {year} {middle} on {MONTHS[day.month - 1]} {day.day} it ended."
    found = extract_dates(text)
    assert [m.precision for m in found] == ["year", "day"]
    assert found[1].start == found[1].end == D(year, day.month, day.day)


# ---------------------------------------------------------------------------
# The real seed documents (read from disk, never copied here)
# ---------------------------------------------------------------------------

def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix}_* not found in {SEEDS}")
    return found[0].read_text(encoding="utf-8")


def _key(m: DateMention) -> tuple[dt.date, dt.date, str]:
    return (m.start, m.end, m.precision)


def test_seed_weathersby() -> None:
    found = {_key(m): m for m in extract_dates(_seed("000"))}
    assert (D(1950, 6, 25), D(1950, 6, 25), "day") in found
    assert (D(1953, 7, 27), D(1953, 7, 27), "day") in found
    assert (D(1950, 9, 15), D(1950, 9, 15), "day") in found
    assert (D(1950, 10, 1), D(1950, 10, 10), "part-month") in found
    assert (D(1950, 9, 1), D(1950, 11, 30), "season") in found
    assert (D(1951, 6, 1), D(1951, 8, 31), "season") in found
    assert (D(1949, 12, 1), D(1949, 12, 31), "month") in found
    assert (D(1930, 1, 1), D(1939, 12, 31), "decade") in found
    # the fall after "early 1952" is that year's autumn
    fall = found.get((D(1952, 9, 1), D(1952, 11, 30), "season"))
    assert fall is not None and fall.text.lower() == "fall"
    # "1992 and '93"
    assert (D(1993, 1, 1), D(1993, 12, 31), "year") in found
    # "that May" right after "early 1950"
    assert (D(1950, 5, 1), D(1950, 5, 31), "month") in found
    # "33,000" and "38th" are not years or days
    assert all(m.start.year >= 1900 for m in found.values())


def test_seed_radchenko() -> None:
    text = _seed("003")
    found = extract_dates(text)
    keys = {_key(m) for m in found}
    assert (D(1956, 7, 20), D(1956, 7, 20), "day") in keys
    assert (D(1956, 8, 30), D(1956, 8, 31), "range") in keys
    assert (D(1956, 4, 30), D(1956, 4, 30), "day") in keys
    assert (D(1956, 6, 1), D(1956, 6, 1), "day") in keys
    assert (D(1956, 3, 1), D(1956, 3, 31), "month") in keys
    assert (D(1956, 9, 19), D(1956, 9, 19), "day") in keys
    # nothing from "20th Party Congress", "600 won", "400,000", "150 or so", "100%"
    for m in found:
        assert 1950 <= m.start.year <= 1963, m


def test_seed_yungblud_sadakov_reference_numbers() -> None:
    text = _seed("001")
    found = extract_dates(text)
    assert found
    # page counts, page ranges, issue numbers, ORCIDs, addresses, DOIs: none is a date
    for m in found:
        assert 1917 <= m.start.year and m.end.year <= 2019, m
        assert not re.search(r"\bpp?\.", m.text), m
    covered = [(m.begin, m.stop) for m in found]
    for pat in (r"\d+ p\.", r"pp\. \d+\S*", r"ORCID [\d-]+", r"DOI \S+", r"\d{6}",
                r"No\. \d+ \(\d+\)", r"Iss\. \S+"):
        for hit in re.finditer(pat, text):
            assert not any(b < hit.end() and hit.start() < s for b, s in covered), hit
    keys = {_key(m) for m in found}
    assert (D(1950, 6, 24), D(1950, 6, 30), "range") in keys
    assert (D(1950, 9, 16), D(1950, 10, 15), "range") in keys
    assert (D(2019, 8, 17), D(2019, 8, 17), "day") in keys


def test_seed_overview() -> None:
    keys = {_key(m) for m in extract_dates(_seed("002"))}
    assert (D(1950, 1, 1), D(1953, 12, 31), "year") in keys
    assert (D(1950, 6, 1), D(1950, 6, 30), "month") in keys
    assert (D(1953, 7, 1), D(1953, 7, 31), "month") in keys


def test_speed_on_prose() -> None:
    """A loose bound (10x the measured cost) that catches a pathological slowdown."""
    para = ("When the armistice talks stalled in late 1952, the negotiators met again on "
            "March 30 and returned to the question of prisoners; by that fall neither side "
            "had moved, and 33,000 men had died since June 25, 1950. ") * 5
    words = len(para.split())
    extract_dates(para)
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        extract_dates(para, 1952)
    per_100_words = (time.perf_counter() - t0) / n / words * 100
    assert per_100_words < 2e-3


@pytest.mark.parametrize("text,start,end,precision,span", [
    ("1950년 6월 25일 새벽, 북한군이 38선을 넘었다.", "1950-06-25", "1950-06-25", "day", "1950년 6월 25일"),
    ("1951년 1월 4일 서울이 다시 함락되었다.", "1951-01-04", "1951-01-04", "day", "1951년 1월 4일"),
    ("1950年6月25日、朝鮮戦争が始まった。", "1950-06-25", "1950-06-25", "day", "1950年6月25日"),
    ("1950年10月，志愿军入朝。", "1950-10-01", "1950-10-31", "month", "1950年10月"),
    ("1953년에 정전협정이 서명되었다.", "1953-01-01", "1953-12-31", "year", "1953년"),
])
def test_korean_chinese_and_japanese_dates(text, start, end, precision, span):
    (m,) = extract_dates(text)
    assert (m.start.isoformat(), m.end.isoformat(), m.precision) == (start, end, precision)
    assert text[m.begin:m.stop] == span


def test_an_impossible_korean_date_is_not_read():
    assert [m.precision for m in extract_dates("1950년 2월 30일")] != ["day"]
