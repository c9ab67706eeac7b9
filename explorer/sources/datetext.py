"""Find dates in running English text and turn them into date intervals.

The app links every passage of a source document to the timeline through the dates
written in it. :func:`extract_dates` returns one :class:`DateMention` per date
expression: an inclusive interval ``start..end`` with a precision, and the character
span of the expression in the text. Pure Python (``re``, ``datetime``, ``calendar``).

Forms recognised
----------------
Days (precision ``"day"``)
    ``June 25, 1950``, ``Sunday, June 25, 1950`` (the weekday is part of the span),
    ``Jun 25, 1950``, ``Sept. 15, 1950``, ``Sep 15 1950``, ``September 15th, 1950``,
    ``25 June 1950``, ``15th September 1950``, ``the 15th of September 1950``,
    ISO ``1950-06-25``, ``1950/03/10``, dotted ``10.03.1950`` / ``17.08. 2019``,
    slashed ``25/06/1950`` (see the rules below), and year-less ``July 20``,
    ``20 July``, ``April 30``.
Day ranges (``"range"``)
    ``June 24-30, 1950``, ``August 30–31``, ``25-27 July 1950``, ``Sept. 15-22``,
    ``Aug. 27-Sept. 15``, ``September 16 – October 15, 1950``,
    ``25 June – 6 July 1950``, ``June 25, 1950 – July 27, 1953``.
Months (``"month"``)
    ``June 1950``, ``July, 2002``, ``Jan. 1951``, ``In March`` / ``that May`` (year from
    context), ``the beginning of 1950`` (January), ``the end of 1949`` (December), and
    month ranges ``June-August 1950`` (interval June 1..August 31, precision "month"
    because its ends are whole months).
Parts of months (``"part-month"``)
    ``early October 1950`` (1-10), ``mid-October`` / ``the middle of October`` (11-20),
    ``late October 1950`` / ``the end of October`` (21-last day).
Seasons and parts of years (``"season"``)
    ``the summer of 1951``, ``summer 1999``, ``autumn of 1950``, ``the fall of 1950``,
    ``Winter 1995``, ``the winter of 1950-51``, and with the year from context
    ``that fall``, ``by that fall``, ``in the summer``. Spring is March-May, summer
    June-August, autumn/fall September-November, winter December of the year named to
    February of the next. ``early 1950`` / ``early in 1995`` is January-April,
    ``mid-1950`` / ``the middle of 1950`` May-August, ``late 1952`` September-December,
    ``the first half of 1950`` January-June, ``the second half`` July-December.
Years (``"year"``)
    ``1950``, ``in 1953``, ``1992 and '93`` (two mentions), year ranges ``1950–1953``,
    ``1950-53``, ``1949–50``, ``1950/51``, ``from 1945 to 1948``, ``between 1945 and 1948``
    (precision "year" because the ends are whole years).
Decades (``"decade"``)
    ``the 1980s``, ``1930s``, ``the 1950's``, ``'50s`` (century from the running year),
    ``the early 1950s`` (1950-1953), ``mid-1950s`` (1954-1956), ``late 1950s`` (1957-1959).
Korean numeric dates
    ``1950.6.25`` and ``1950. 6. 25.`` (year first); year-less ``10월 1일`` and ``10월``;
    year-less month.day ``(06. 28)`` in brackets, ``6.26`` at the start of a line that
    has Hangul in it, is zero-padded or goes on with a dash or colon (so ``3.1
    Background`` is not a date); ranges ``(08.01~09. 14)`` and ``(07.20~25)``.
Chronology entries led by a bare month
    ``November -- ...``, ``August-October -- ...``, ``July-August: ...`` at the start
    of a line, with the running year.
Styled digits
    Superscript, subscript, full-width and mathematical digits read as digits
    (``June ²⁵``); superscripts right after a word or a digit are footnote marks.
Telegram file numbers
    ``795.00/6-2550`` (the State Department's decimal file, month-dayyear): 25 June 1950.
Dates by dateline or reference (:func:`read_dates`, with a :class:`DateContext`)
    ``today``, ``tonight``, ``this morning``, ``yesterday``, ``tomorrow`` count from the
    dateline (``SEOUL, June 27 (AP) --``, a file number heading a telegram, or a
    heading that is only a date); ``three days later``, ``a week later``, ``two days
    earlier``, ``the next day``, ``the following morning``, ``on the 26th`` (not ``the
    24th Division``) count from the last day read.

Rules chosen
------------
* Spans leave out a leading preposition or determiner: ``in March 1953`` gives the span
  ``March 1953``, ``that May`` gives ``May``, ``the summer of 1951`` gives
  ``summer of 1951``, ``from 1945 to 1948`` gives ``1945 to 1948``.
* Years are 1800..2099, written as a standalone four-digit token: not inside a longer
  number (``610000``, ``1,950``), not joined by a dash to other digits (ORCID, DOI
  ``2071–8160–2018–4``), not in a token that looks like a URL or DOI, not after
  ``p.``/``pp.``/``No.``/``Vol.``/``Iss.``, not before ``p.``, ``pp.``, ``%``, or a unit
  (``hours``, ``km``, ``men``, ``troops``, ...). Numbers are never read as days unless
  a month name is next to them (``38th parallel``, ``20th Party Congress``: nothing).
* Month names must be capitalised (``June``/``JUNE``); abbreviations (``Jan``,
  ``Sept.``) only count next to a day or a year. A bare month name (no day, no year)
  counts only after one of: in, on, of, since, until, till, by, during, through,
  throughout, before, after, around, from, that, this, last, next, early, late, mid;
  so ``it may``, ``May I``, ``March on Seoul`` give nothing. In ``June and July 1950``
  the first month takes the year of the second.
* Bare season words need a determiner: ``that``/``this``/``last``/``next`` or
  ``in the``/``by the``/``during the``/``by that``/...; summer, winter and autumn also
  accept a plain ``the``. ``fall`` and ``spring`` never do (``the fall of Seoul``,
  ``the fall in prices``). A bare season followed by ``of`` + something other than a
  year is not a date.
* Dotted numeric dates (``10.03.1950``) are always day.month.year: the dot separator is
  the convention of day-first locales (German, Russian, French ...), and month-first
  writers use slashes. Slashed ``a/b/YYYY`` is read day-first when ``a > 12``,
  month-first when ``b > 12``, and when both are <= 12 and differ it is ambiguous and
  only its year is reported (precision "year", the span being the whole token).
  Year-first numerics (``1950-06-25``, ``1950/03/10``) are year-month-day.
* ``'93`` is a year only when a four-digit year was written earlier in the same text
  no more than 80 characters before; its century is the one that puts it nearest to
  that year.
* The running year starts at ``default_year``. Every mention whose year is written in
  the text sets it (for ranges, the first year written; decades do not set it).
  Year-less dates take the running year; with no running year they are dropped. In a
  year-less cross-month range whose second month comes earlier in the calendar
  (``Dec. 28 - Jan. 3``), the range ends in the next year.
* Overlaps: all candidate readings are collected, then the longest span wins, ties
  going to the more precise reading. No two mentions overlap; mentions are sorted.
* Not dates: access dates (``Retrieved March 21, 2017``, ``accessed 3 May 2019``), APA
  publication dates (``(2016, August 15)``), page markers (``[Page 1922]``, ``Page
  1950``) and a count before a people or weapons noun (``1982 North Koreans``, ``1950
  prisoners``) unless a word that announces a year comes before (``in 1950 Chinese
  troops``).

Known limits
------------
* Within a text the running year never rolls over by itself: after ``December 1950``
  a later ``January 5`` is read as 1950-01-05. Rolling over would misread flashbacks
  ("in August 1956 ... at the congress in April"), which are common in narrative
  prose. Chronology entries that start with a year-less date do roll over, one entry
  to the next (:func:`explorer.sources.passages.read_passage_dates`).
* ``on the 4th Seoul fell``: an ordinal followed by a capitalised word is not read
  (it would be ``the 24th Division``).
* ``between June 24 and 30, 1950`` is not a range (only its year is found); ``Aug
  1950–Jan 1951`` gives two month mentions, not one range.
* Numbers followed by a word that is not in the unit list can still be taken for years
  (``Chapter 1950``; ``2000 tanks`` is skipped but ``2000 vehicles`` is not).
* Spelled-out dates (``the twenty-fifth of June``) and centuries are not recognised.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from collections.abc import Callable

__all__ = ["DateContext", "DateMention", "PRECISION_ORDER", "extract_dates", "last_year", "plain_digits", "read_dates"]

PRECISION_ORDER: dict[str, int] = {
    "day": 0,
    "range": 1,
    "part-month": 2,
    "month": 3,
    "season": 4,
    "year": 5,
    "decade": 6,
}
"""Sort key for "more precise first": smaller is more precise."""

MIN_YEAR = 1800
MAX_YEAR = 2099


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text.

    Attributes
    ----------
    start : datetime.date
        First day covered (inclusive).
    end : datetime.date
        Last day covered (inclusive), ``end >= start``.
    precision : str
        One of the keys of :data:`PRECISION_ORDER`.
    begin, stop : int
        Character span of the expression: ``text[begin:stop] == self.text``.
    text : str
        The matched text.
    inferred : bool
        The year is not written in the document: it was inferred from what the
        entries say against the chronology's events (see
        :mod:`explorer.sources.yearguess`).
    via : str
        How the date was found: ``"text"`` (written in the passage), ``"heading"``
        (the date heading the passage stands under; its span is empty and
        ``said`` holds the heading's words),
        ``"dateline"`` ("today" in a dated report), ``"reference"`` ("three days
        later", "the next day", "on the 26th": counted from the date before).
    """

    start: datetime.date
    end: datetime.date
    precision: str
    begin: int
    stop: int
    text: str
    inferred: bool = False
    via: str = "text"
    said: str = ""

    @property
    def label(self) -> str:
        """The date as the reader should see it named.

        The words of the passage (``text``); for a date the passage takes from its
        heading, the heading's words ("under the heading June 25, 1950"); and
        "year inferred" when the year is not written in the document.
        """
        words = self.text or self.said
        if self.via == "heading":
            words = f"under the heading {words}"
        if self.inferred:
            words += " (year inferred)"
        return words


# ---------------------------------------------------------------------------
# Building blocks of the patterns
# ---------------------------------------------------------------------------

_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")
_FULL_RE = "|".join(_FULL + tuple(m.upper() for m in _FULL))
_ABBR_RE = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"
DASH = f"[{_DASH}]"
_SEP_DAYS = rf"\s*{DASH}\s*|\s+(?:to|through|until|till)\s+"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_NUM_LEFT = rf"(?<![\w.,/'\u2019])(?<!\d{DASH})"


def _month(name: str, abbr: bool = True) -> str:
    if abbr:
        return rf"(?P<{name}>(?:{_FULL_RE})\b|(?:{_ABBR_RE})(?:\.|\b))"
    return rf"(?P<{name}>(?:{_FULL_RE})\b)"


def _day(name: str) -> str:
    return rf"(?P<{name}>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\w])(?![.,]\d)"


def _year(name: str, tail: bool = True) -> str:
    y = rf"(?P<{name}>1[89]\d\d|20\d\d)(?![\w%])(?![.,]\d)"
    if tail:
        y += rf"(?!{DASH}\d)"
    return y


def _days_in(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _mnum(s: str) -> int:
    return _MONTH_NUM[s[:3].lower()]


def _date(y: int, m: int, d: int) -> datetime.date | None:
    if not (MIN_YEAR <= y <= MAX_YEAR + 1) or not 1 <= m <= 12:
        return None
    if not 1 <= d <= _days_in(y, m):
        return None
    return datetime.date(y, m, d)


def _month_span(y: int, m: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(y, m, 1), datetime.date(y, m, _days_in(y, m))


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}


def _season_span(name: str, y: int) -> tuple[datetime.date, datetime.date]:
    m1, m2 = _SEASONS[name.lower()]
    y2 = y + 1 if m2 < m1 else y
    return datetime.date(y, m1, 1), datetime.date(y2, m2, _days_in(y2, m2))


_PART_MONTH = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10),
               "mid": (11, 20), "middle": (11, 20),
               "late": (21, 31), "end": (21, 31)}


def _part_month_span(part: str, y: int, m: int) -> tuple[datetime.date, datetime.date]:
    d1, d2 = _PART_MONTH[part.lower()]
    return datetime.date(y, m, d1), datetime.date(y, m, min(d2, _days_in(y, m)))


# A candidate reading: (begin, stop, precision, resolve, written_year, extra)
#   resolve(running_year) -> (start, end, precision) | None
#   written_year: the year the text states (sets the running year), or None
#   extra: a condition key checked during resolution (or None)
_Resolve = Callable[[int | None], "tuple[datetime.date, datetime.date, str] | None"]


def _fixed(start: datetime.date | None, end: datetime.date | None,
           precision: str) -> _Resolve | None:
    if start is None or end is None or end < start:
        return None
    result = (start, end, precision)
    return lambda _ry: result


# ---------------------------------------------------------------------------
# Patterns and their handlers
# ---------------------------------------------------------------------------

# Patterns are tried with ``Pattern.match`` at an anchor (a month name, a run of digits,
# an apostrophe year, a season word) or at the start of one of the few words before it,
# never scanned over the whole text: that keeps the cost proportional to the number of
# anchors instead of text length x number of patterns.
# The sources of the patterns are registered at import and compiled on first
# use: compiling them all takes about 0.1 s, which the app's start-up need not pay.
_SOURCES: dict[str, list[tuple[str, Callable]]] = {
    "mon": [], "year": [], "day": [], "apos": [], "season": [], "file": []}
_GROUPS: dict[str, list[tuple[re.Pattern[str], Callable]]] = {}


def _pattern(regex: str, *groups: str) -> Callable:
    def register(fn: Callable) -> Callable:
        for g in groups:
            _SOURCES[g].append((regex, fn))
        return fn
    return register


def _group(name: str) -> list[tuple[re.Pattern[str], Callable]]:
    """The compiled patterns of anchor group *name* (compiled on first use)."""
    got = _GROUPS.get(name)
    if got is None:
        got = _GROUPS[name] = [(re.compile(rx), fn) for rx, fn in _SOURCES[name]]
    return got


@_pattern(_NUM_LEFT + _year("y", tail=False) + r"(?P<s>[-/])(?P<m>0?[1-9]|1[0-2])"
          r"(?P=s)" + r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\w])(?![.,/]\d)" + rf"(?!{DASH}\d)", "year")
def _iso(m: re.Match) -> list:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    dt = _date(y, mo, d)
    r = _fixed(dt, dt, "day")
    return [(m.start(), m.end(), "day", r, y)] if r else []


@_pattern(r"(?P<y>1[89]\d\d|20\d\d)\s?[\ub144\u5e74](?:\s?(?P<m>1[0-2]|0?[1-9])\s?[\uc6d4\u6708]"
          r"(?:\s?(?P<d>3[01]|[12]\d|0?[1-9])\s?[\uc77c\u65e5])?)?", "year")
def _cjk(m: re.Match) -> list:
    """Korean ``1950년 6월 25일`` and Chinese or Japanese ``1950年6月25日``, to the day, month or year."""
    y = int(m["y"])
    if m["d"]:
        day = _date(y, int(m["m"]), int(m["d"]))
        r = _fixed(day, day, "day")
        return [(m.start(), m.end(), "day", r, y)] if r else []
    if m["m"]:
        s, e = _month_span(y, int(m["m"]))
        return [(m.start(), m.end(), "month", _fixed(s, e, "month"), y)]
    return [(m.start(), m.end(), "year", _fixed(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year"), y)]


@_pattern(_NUM_LEFT + r"(?P<a>\d\d?)(?P<s>[./])(?P<b>\d\d?)(?P=s)(?P<sp>\s?)"
          + _year("y") + r"(?!/\d)", "day")
def _numeric_dmy(m: re.Match) -> list:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sp"] and m["s"] == "/":
        return []
    if m["s"] == ".":
        d, mo = a, b
    elif a > 12:
        d, mo = a, b
    elif b > 12:
        d, mo = b, a
    elif a == b:
        d, mo = a, a
    else:
        r = _fixed(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year")
        return [(m.start(), m.end(), "year", r, y)] if r else []
    dt = _date(y, mo, d)
    r = _fixed(dt, dt, "day")
    return [(m.start(), m.end(), "day", r, y)] if r else []


def _resolve_range(y1: int | None, m1: int, d1: int, y2: int | None, m2: int, d2: int,
                   ) -> _Resolve:
    """Day range whose years may be missing (filled from the running year)."""
    def resolve(ry: int | None):
        a, b = y1, y2
        if a is None and b is None:
            if ry is None:
                return None
            a = ry
            b = ry + 1 if (m2, d2) < (m1, d1) else ry
        elif a is None:
            assert b is not None
            a = b - 1 if (m2, d2) < (m1, d1) else b
        elif b is None:
            b = a + 1 if (m2, d2) < (m1, d1) else a
        assert a is not None and b is not None
        s, e = _date(a, m1, d1), _date(b, m2, d2)
        if s is None or e is None or e <= s:
            return None
        return s, e, "range"
    return resolve


# Cross-month day range, month first: "Aug. 27-Sept. 15", "September 16 – October 15,
# 1950", "June 25, 1950 – July 27, 1953", "June 25 – July 6 1950".
@_pattern(r"\b" + _month("m1") + r"\s*" + _day("d1") + rf"(?:,?\s*{_year('y1', False)})?"
          rf"(?:{_SEP_DAYS})" + _month("m2") + r"\s*" + _day("d2")
          + rf"(?:,?\s*{_year('y2')})?", "mon")
def _range_md_md(m: re.Match) -> list:
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    r = _resolve_range(y1, _mnum(m["m1"]), int(m["d1"]), y2, _mnum(m["m2"]), int(m["d2"]))
    return [(m.start(), m.end(), "range", r, y1 or y2)]


# Cross-month day range, day first: "25 June – 6 July 1950".
@_pattern(_NUM_LEFT + _day("d1") + r"\s+(?:of\s+)?" + _month("m1")
          + rf"(?:,?\s+{_year('y1', False)})?" + rf"(?:{_SEP_DAYS})"
          + _day("d2") + r"\s+(?:of\s+)?" + _month("m2") + rf"(?:,?\s+{_year('y2')})?", "day")
def _range_dm_dm(m: re.Match) -> list:
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    r = _resolve_range(y1, _mnum(m["m1"]), int(m["d1"]), y2, _mnum(m["m2"]), int(m["d2"]))
    return [(m.start(), m.end(), "range", r, y1 or y2)]


# Same-month day range: "June 24–30, 1950", "August 30–31", "Sept. 15-22".
@_pattern(r"\b" + _month("m") + r"\s*" + _day("d1") + rf"(?:{_SEP_DAYS})" + _day("d2")
          + rf"(?:,?\s*{_year('y')})?", "mon")
def _range_m_dd(m: re.Match) -> list:
    y = int(m["y"]) if m["y"] else None
    mo = _mnum(m["m"])
    r = _resolve_range(y, mo, int(m["d1"]), y, mo, int(m["d2"]))
    if int(m["d2"]) <= int(m["d1"]):
        return []
    return [(m.start(), m.end(), "range", r, y)]


# Same-month day range, day first: "25-27 July 1950".
@_pattern(_NUM_LEFT + _day("d1") + rf"(?:{_SEP_DAYS})" + _day("d2") + r"\s+(?:of\s+)?"
          + _month("m") + rf"(?:,?\s+{_year('y')})?", "day")
def _range_dd_m(m: re.Match) -> list:
    y = int(m["y"]) if m["y"] else None
    mo = _mnum(m["m"])
    if int(m["d2"]) <= int(m["d1"]):
        return []
    r = _resolve_range(y, mo, int(m["d1"]), y, mo, int(m["d2"]))
    return [(m.start(), m.end(), "range", r, y)]


def _resolve_day(y: int | None, mo: int, d: int) -> _Resolve:
    def resolve(ry: int | None):
        yy = y if y is not None else ry
        if yy is None:
            return None
        dt = _date(yy, mo, d)
        return (dt, dt, "day") if dt else None
    return resolve


# "June 25, 1950", "Sunday, June 25, 1950", "Sep 15 1950", "September 15th, 1950",
# year-less "July 20".
@_pattern(r"\b" + _WEEKDAY + _month("m") + r"\s*" + _day("d")
          + rf"(?:,?\s*{_year('y')})?", "mon")
def _day_md(m: re.Match) -> list:
    y = int(m["y"]) if m["y"] else None
    return [(m.start(), m.end(), "day", _resolve_day(y, _mnum(m["m"]), int(m["d"])), y)]


# "25 June 1950", "15th September 1950", "the 15th of September", year-less "20 July".
@_pattern(r"(?:\b" + _WEEKDAY + r"(?:the\s+)?)?" + _NUM_LEFT + _day("d")
          + r"\s+(?:of\s+)?" + _month("m") + rf"(?:,?\s+{_year('y')})?", "day")
def _day_dm(m: re.Match) -> list:
    y = int(m["y"]) if m["y"] else None
    b = m.start()
    if m.group(0)[:4].lower() == "the ":
        b += 4
    return [(b, m.end(), "day", _resolve_day(y, _mnum(m["m"]), int(m["d"])), y)]


def _resolve_part_month(part: str, y: int | None, mo: int) -> _Resolve:
    def resolve(ry: int | None):
        yy = y if y is not None else ry
        if yy is None or not MIN_YEAR <= yy <= MAX_YEAR:
            return None
        s, e = _part_month_span(part, yy, mo)
        return s, e, "part-month"
    return resolve


# "early October 1950", "mid-October", "late in October 1950", "the end of October".
@_pattern(r"\b(?:(?P<p>[Ee]arly|[Mm]id|[Ll]ate)(?:\s*" + DASH + r"\s*|\s+)(?:in\s+)?"
          r"|(?:[Tt]he\s+)?(?P<q>beginning|start|middle|end)\s+of\s+)"
          + _month("m") + rf"(?:,?\s+{_year('y')})?", "mon")
def _part_month(m: re.Match) -> list:
    part = m["p"] or m["q"]
    y = int(m["y"]) if m["y"] else None
    b = m.start("q") if m["q"] else m.start()
    return [(b, m.end(), "part-month", _resolve_part_month(part, y, _mnum(m["m"])), y)]


# "early 1950", "early in 1995", "mid-1950", "late 1952", "the end of 1949",
# "the beginning of 1950", "the first half of 1950".
@_pattern(r"\b(?:(?P<p>[Ee]arly|[Mm]id|[Ll]ate)(?:\s*" + DASH + r"\s*|\s+)(?:in\s+)?"
          r"|(?:[Tt]he\s+)?(?P<q>beginning|start|middle|end|first\s+half|second\s+half)"
          r"\s+of\s+)" + _year("y"), "year")
def _part_year(m: re.Match) -> list:
    y = int(m["y"])
    part = (m["p"] or m["q"]).lower()
    if part in ("beginning", "start"):
        s, e, prec = (*_month_span(y, 1), "month")
    elif part == "end":
        s, e, prec = (*_month_span(y, 12), "month")
    else:
        m1, m2 = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}.get(
            part, (1, 6) if part.startswith("first") else (7, 12))
        s, e, prec = datetime.date(y, m1, 1), datetime.date(y, m2, _days_in(y, m2)), "season"
    b = m.start("q") if m["q"] else m.start()
    return [(b, m.end(), prec, _fixed(s, e, prec), y)]


# "June 1950", "Jan. 1951", "July, 2002".
@_pattern(r"\b" + _month("m") + r",?\s+" + _year("y"), "mon")
def _month_year(m: re.Match) -> list:
    y, mo = int(m["y"]), _mnum(m["m"])
    return [(m.start(), m.end(), "month", _fixed(*_month_span(y, mo), "month"), y)]


# Month ranges "June-August 1950", "June to August, 1950"; "June and July 1950" gives
# the first month the year of the second.
@_pattern(r"\b" + _month("m1") + rf"(?P<sep>\s*{DASH}\s*|\s+(?:to|through|until|till|and|or)\s+)"
          + _month("m2") + r",?\s+" + _year("y"), "mon")
def _month_range(m: re.Match) -> list:
    y, m1, m2 = int(m["y"]), _mnum(m["m1"]), _mnum(m["m2"])
    y1 = y - 1 if m2 < m1 else y
    if m["sep"].strip() in ("and", "or"):
        s, e = _month_span(y1, m1)
        return [(m.start(), m.end("m1"), "month", _fixed(s, e, "month"), y1)]
    if m1 == m2:
        return []
    s, e = _month_span(y1, m1)[0], _month_span(y, m2)[1]
    return [(m.start(), m.end(), "month", _fixed(s, e, "month"), y1)]


def _resolve_month(mo: int) -> _Resolve:
    def resolve(ry: int | None):
        if ry is None or not MIN_YEAR <= ry <= MAX_YEAR:
            return None
        return (*_month_span(ry, mo), "month")
    return resolve


_TRIGGERS = ("in|on|of|since|until|till|by|during|through|throughout|before|after|around"
             "|from|that|this|last|next|early|late|mid")
_TRIGGERS_RE = "|".join(f"{w}|{w.capitalize()}" for w in _TRIGGERS.split("|"))


# Bare month after a trigger word: "In March", "that May", "in April".
@_pattern(rf"\b(?:{_TRIGGERS_RE})(?:\s+|\s*{DASH}\s*)" + _month("m", abbr=False)
          + r"(?!\s*\d)", "mon")
def _bare_month(m: re.Match) -> list:
    return [(m.start("m"), m.end("m"), "month", _resolve_month(_mnum(m["m"])), None)]


# Seasons with a year: "the summer of 1951", "summer 1999", "Winter 1995",
# "the winter of 1950-51".
@_pattern(r"\b(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|SPRING|SUMMER|AUTUMN"
          r"|FALL|WINTER)(?:\s+of)?,?\s+" + _year("y", tail=False)
          + rf"(?:(?P<sep>{DASH}|/)(?P<y2>\d\d(?:\d\d)?)(?![\w]))?", "season")
def _season_year(m: re.Match) -> list:
    y = int(m["y"])
    name = m["s"].lower()
    stop = m.end()
    if m["y2"]:
        y2 = int(m["y2"])
        if len(m["y2"]) == 2:
            y2 += y // 100 * 100
        if not (name == "winter" and y2 == y + 1):
            return []
    elif re.match(rf"{DASH}\d", m.string[stop:stop + 2]):
        return []
    s, e = _season_span(name, y)
    return [(m.start(), stop, "season", _fixed(s, e, "season"), y)]


def _resolve_season(name: str) -> _Resolve:
    def resolve(ry: int | None):
        if ry is None or not MIN_YEAR <= ry <= MAX_YEAR:
            return None
        return (*_season_span(name, ry), "season")
    return resolve


# Bare seasons: "that fall", "by that fall", "in the summer", "the winter".
@_pattern(r"\b(?:(?P<det>[Tt]hat|[Tt]his|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate)"
          r"|(?P<prep>[Ii]n|[Bb]y|[Dd]uring|[Tt]hrough|[Tt]hroughout|[Uu]ntil|[Ss]ince)\s+"
          r"(?:the|that|this)|(?P<the>[Tt]he))\s+"
          r"(?P<s>spring|summer|autumn|fall|winter)\b(?!\s+of\s+(?!\d))(?!\s*\d)", "season")
def _bare_season(m: re.Match) -> list:
    name = m["s"]
    if m["the"] and name in ("fall", "spring"):
        return []
    return [(m.start("s"), m.end("s"), "season", _resolve_season(name), None)]


# Decades: "the 1980s", "1930s", "the 1950's", "early 1950s", "mid-1950s".
@_pattern(r"(?:\b(?P<p>[Ee]arly|[Mm]id|[Ll]ate)(?:\s*" + DASH + r"\s*|\s+))?"
          + _NUM_LEFT + r"(?P<y>1[89]\d0|20\d0)(?P<ap>['\u2019]?)s\b", "year")
def _decade(m: re.Match) -> list:
    y = int(m["y"])
    if m["ap"]:
        before = m.string[max(0, m.start() - 4):m.start()].lower()
        if not before.endswith("the ") and not m["p"]:
            return []
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(
        (m["p"] or "").lower(), (0, 9))
    s, e = datetime.date(y + lo, 1, 1), datetime.date(y + hi, 12, 31)
    return [(m.start(), m.end(), "decade", _fixed(s, e, "decade"), None)]


def _resolve_short_decade(dd: int) -> _Resolve:
    def resolve(ry: int | None):
        if ry is None:
            return None
        y = ry // 100 * 100 + dd
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None
        return datetime.date(y, 1, 1), datetime.date(y + 9, 12, 31), "decade"
    return resolve


# "'50s", "the ’60s": century from the running year.
@_pattern(r"(?<![\w])['\u2019](?P<d>\d0)s\b", "apos")
def _short_decade(m: re.Match) -> list:
    return [(m.start(), m.end(), "decade", _resolve_short_decade(int(m["d"])), None)]


# Year ranges: "1950–1953", "1950-53", "1949–50", "from 1945 to 1948",
# "between 1945 and 1948".
@_pattern(r"(?:\b(?P<btw>[Bb]etween)\s+)?" + _NUM_LEFT + _year("y1", tail=False)
          + rf"(?P<sep>\s*{DASH}\s*|/|\s+(?:to|through|until|till|and)\s+)"
          r"(?P<y2>1[89]\d\d|20\d\d|\d\d)(?![\w%])(?![.,]\d)" + rf"(?!{DASH}\d)", "year")
def _year_range(m: re.Match) -> list:
    y1 = int(m["y1"])
    sep = m["sep"].strip()
    if sep == "and" and not m["btw"]:
        return []
    raw2 = m["y2"]
    if len(raw2) == 2:
        if sep not in _DASH and sep != "/":
            return []
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if y2 <= y1 or not MIN_YEAR <= y2 <= MAX_YEAR:
        return []
    b = m.start("y1")
    s, e = datetime.date(y1, 1, 1), datetime.date(y2, 12, 31)
    return [(b, m.end(), "year", _fixed(s, e, "year"), y1)]


# A standalone year: "1950", "(1990)".
@_pattern(_NUM_LEFT + _year("y"), "year")
def _year_alone(m: re.Match) -> list:
    y = int(m["y"])
    return [(m.start(), m.end(), "year",
             _fixed(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year"), y)]


def _resolve_short_year(yy: int) -> _Resolve:
    def resolve(ry: int | None):
        if ry is None:
            return None
        best = min((c * 100 + yy for c in (ry // 100 - 1, ry // 100, ry // 100 + 1)),
                   key=lambda y: abs(y - ry))
        if not MIN_YEAR <= best <= MAX_YEAR:
            return None
        return datetime.date(best, 1, 1), datetime.date(best, 12, 31), "year"
    return resolve


# "'93" after a written year ("1992 and '93").
@_pattern(r"(?<![\w'\u2019])['\u2019](?P<d>\d\d)(?![\w'\u2019%])(?![.,]\d)", "apos")
def _short_year(m: re.Match) -> list:
    return [(m.start(), m.end(), "year", _resolve_short_year(int(m["d"])), "'")]


# Korean and Japanese year-first dotted dates: "1950.6.25", "1950. 6. 25.", "1950.06.25".
@_pattern(_NUM_LEFT + r"(?P<y>1[89]\d\d|20\d\d)\.\s?(?P<m>1[0-2]|0?[1-9])\.\s?(?P<d>3[01]|[12]\d|0?[1-9])"
          r"(?!\d)(?!\.\d)\.?", "year")
def _ymd_dot(m: re.Match) -> list:
    y = int(m["y"])
    dt = _date(y, int(m["m"]), int(m["d"]))
    r = _fixed(dt, dt, "day")
    stop = m.end() - (1 if m.group().endswith(".") else 0)
    return [(m.start(), stop, "day", r, y)] if r else []


# Korean month and day without a year: "10월 1일", "6월 25일", and a month "10월".
@_pattern(_NUM_LEFT + r"(?P<m>1[0-2]|0?[1-9])\s?\uc6d4(?:\s?(?P<d>3[01]|[12]\d|0?[1-9])\s?\uc77c)?", "day")
def _korean_md(m: re.Match) -> list:
    mo = int(m["m"])
    if m["d"]:
        return [(m.start(), m.end(), "day", _resolve_day(None, mo, int(m["d"])), None)]
    return [(m.start(), m.end(), "month", _resolve_month(mo), None)]


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_RANGE_TILDE = "~\uff5e\u301c" + _DASH[1:] + "\\-"


# Korean numeric month.day without a year: "(06. 28)", "6.26" at the start of a line of a
# year's list, ranges "(08.01~09. 14)". Accepted inside brackets, or at the start of a line
# that has Hangul in it, is zero-padded ("06.28"), or goes on with a dash or a colon.
@_pattern(_NUM_LEFT + r"(?P<m>1[0-2]|0?[1-9])\.\s?(?P<d>3[01]|[12]\d|0?[1-9])(?![\d%])(?!\.\d)"
          rf"(?:\s*[{_RANGE_TILDE}]\s*(?:(?P<m2>1[0-2]|0?[1-9])\.\s?)?(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d%])(?!\.\d))?",
          "day")
def _numeric_md(m: re.Match) -> list:
    text = m.string
    b = m.start()
    line_start = text.rfind("\n", 0, b) + 1
    before = text[line_start:b]
    line_end = text.find("\n", m.end())
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    in_brackets = before.rstrip().endswith(("(", "[", "\uff08"))
    at_line_start = not before.strip(" \t\u2022*-")
    if not in_brackets:
        if not at_line_start:
            return []
        after = text[m.end():m.end() + 3]
        padded = m["m"].startswith("0") or (len(m["d"]) == 2 and m["d"].startswith("0"))
        if not (_HANGUL.search(line) or padded or re.match(rf"\s*(?:[{_DASH}]|:)", after)):
            return []
    mo, d = int(m["m"]), int(m["d"])
    if m["d2"]:
        mo2 = int(m["m2"]) if m["m2"] else mo
        return [(b, m.end(), "range", _resolve_range(None, mo, d, None, mo2, int(m["d2"])), None)]
    return [(b, m.end(), "day", _resolve_day(None, mo, d), None)]


def _resolve_months(m1: int, m2: int) -> _Resolve:
    def resolve(ry: int | None):
        if ry is None or not MIN_YEAR <= ry <= MAX_YEAR:
            return None
        y2 = ry + 1 if m2 < m1 else ry
        return _month_span(ry, m1)[0], _month_span(y2, m2)[1], "month"
    return resolve


# A chronology entry led by a bare month or months, the year set earlier:
# "November -- ...", "August-October -- ...", "July-August: ...".
@_pattern(r"\b" + _month("m1", abbr=False) + rf"(?:\s*{DASH}\s*" + _month("m2", abbr=False) + r")?"
          rf"(?=\s*(?:{DASH}{{1,2}}|:)\s)", "mon")
def _month_entry(m: re.Match) -> list:
    text = m.string
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start:m.start()].strip(" \t\u2022*-"):
        return []
    m1 = _mnum(m["m1"])
    m2 = _mnum(m["m2"]) if m["m2"] else m1
    return [(m.start(), m.end(), "month", _resolve_months(m1, m2), None)]


# A telegram's file number carries its date: "795.00/6-2550" is 25 June 1950.
@_pattern(r"(?<![\w.])\d{3}[A-Z]?\.\d{2,3}[A-Z]?/(?P<m>1[0-2]|[1-9])[" + _DASH + r"](?P<d>3[01]|[12]\d|0[1-9]|[1-9])"
          r"(?P<y>[4-6]\d)(?!\d)", "file")
def _file_number(m: re.Match) -> list:
    y = 1900 + int(m["y"])
    dt = _date(y, int(m["m"]), int(m["d"]))
    r = _fixed(dt, dt, "day")
    return [(m.start(), m.end(), "day", r, y)] if r else []


# ---------------------------------------------------------------------------
# Context filters
# ---------------------------------------------------------------------------

_BAD_BEFORE = re.compile(r"(?:\b(?:pp?|[Nn]o|[Nn]os|[Vv]ol|[Vv]ols|[Ii]ss|[Nn]r|[Cc]h|[Ff]ig"
                         r"|[Tt]ab|[Pp]age|PAGE|[Pp]g)\.?|№|#|\$|£|€)\s*$")
# "1982 North Koreans", "1950 prisoners": a count of people or things, unless a word
# that announces a year comes before ("in 1950 Chinese troops").
_COUNTED = re.compile(r"\s+(?:(?:North|South)\s+Koreans|Koreans|Americans|Chinese|Britons|Turks|Filipinos"
                      r"|Australians|Canadians|prisoners|POWs|PWs|civilians|refugees|marines|Marines|sailors"
                      r"|airmen|officers|guns|vehicles|trucks|rounds|shells|sorties|bombs|dead|wounded|killed"
                      r"|captured|missing|enemy|communists|Communists|guerrillas|volunteers)\b")
_YEAR_WORD_BEFORE = re.compile(r"(?:\b(?:[Ii]n|[Oo]f|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Dd]uring|[Ff]rom|[Tt]o|[Ee]arly"
                               r"|[Ll]ate|[Mm]id|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|[Aa]fter|[Bb]efore"
                               r"|[Tt]hrough|[Jj]anuary|[Ff]ebruary|[Mm]arch|[Aa]pril|[Mm]ay|[Jj]une|[Jj]uly|[Aa]ugust"
                               r"|[Ss]eptember|[Oo]ctober|[Nn]ovember|[Dd]ecember))\s*$")
_BAD_AFTER = re.compile(r"\s*(?:pp?\.|(?:hours?|hrs?|h|GMT|UTC|km|kilomet(?:er|re)s?|miles?"
                        r"|mi|feet|ft|met(?:er|re)s?|m|tons?|tonnes?|men|troops|soldiers"
                        r"|people|persons|won|yen|r[o]?ubles?|dollars|aircraft|tanks|planes"
                        r"|words|pages|casualties)\b)")
_DOI = re.compile(r"(?:doi:?)?10\.\d{4,}/", re.IGNORECASE)
_URLISH = ("://", "www.", "http", "URL:", "url:", "=", "@", "_", "doi.org")
_QMARK = re.compile(r"\?\S")


def _token_around(text: str, b: int, s: int) -> str:
    n = len(text)
    while b > 0 and not text[b - 1].isspace():
        b -= 1
    while s < n and not text[s].isspace():
        s += 1
    return text[b:s]


def _bad_context(text: str, b: int, s: int) -> bool:
    """True when the candidate at ``text[b:s]`` sits in a URL, DOI, page count etc."""
    tok = _token_around(text, b, s)
    if any(u in tok for u in _URLISH) or _DOI.match(tok.lstrip("([")) or _QMARK.search(tok):
        return True
    if text[b].isdigit() and _BAD_BEFORE.search(text, max(0, b - 8), b):
        return True
    if text[s - 1].isdigit() and _BAD_AFTER.match(text, s):
        return True
    if s - b == 4 and _COUNTED.match(text, s) and not _YEAR_WORD_BEFORE.search(text, max(0, b - 12), b):
        return True
    return False


# Dates that say when a page was read or an entry published, not what it tells of:
# "Retrieved March 21, 2017", "accessed 3 May 2019", APA "(2016, August 15)".
_ACCESS_DATE = re.compile(r"\b(?:[Rr]etrieved|RETRIEVED|[Aa]ccessed|[Vv]iewed|[Ll]ast (?:modified|updated|accessed)"
                          r"|[Pp]age last)(?:\s+on)?(?:\s+from)?:?\s+"
                          r"(?P<d>[^.;()\n]{0,30}?\b(?:1[89]|20)\d\d\b|[A-Z][a-z]+\.?\s+\d{1,2}\b|\d{1,2}\s+[A-Z][a-z]+)")
_APA_DATE = re.compile(r"\((?:1[89]\d\d|20\d\d),\s+(?:" + _FULL_RE + r"|" + _ABBR_RE
                       + r")\.?(?:\s+\d{1,2}(?:\s*[" + _DASH + r"]\s*\d{1,2})?)?\)")


def _blocked(text: str) -> list[tuple[int, int]]:
    """Spans of access dates and APA publication dates, never read as dates."""
    out: list[tuple[int, int]] = []
    if "etriev" in text or "ccess" in text or "iewed" in text or "last" in text or "RETRIEV" in text:
        out.extend((m.start("d"), m.end("d")) for m in _ACCESS_DATE.finditer(text))
    if "(" in text:
        out.extend((m.start(), m.end()) for m in _APA_DATE.finditer(text))
    return out


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------

# The leading lookahead gives the regex engine a first-character set to skip ahead with,
# which makes this scan several times faster than the bare alternation.
_ANCHOR = re.compile(rf"(?=[JFMASOND0-9'\u2019])(?:(?P<mon>(?:{_FULL_RE})\b|(?:{_ABBR_RE})(?:\.|\b))|(?P<num>\d+)"
                     r"|(?P<apos>['\u2019]\d\d))")
_SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter")
_SEASON_ANCHOR = re.compile(r"\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|SPRING"
                            r"|SUMMER|AUTUMN|FALL|WINTER)\b")
_PREFIX_WORDS = frozenset(
    "the early mid late in beginning start middle end of first second half that this last"
    " next by during through throughout until till since on before after around from"
    " between monday tuesday wednesday thursday friday saturday sunday".split())
_GAP = frozenset(" \t\n\r,-\u2010\u2011")


def _starts(text: str, p: int) -> list[int]:
    """``p`` and the starts of up to three prefix words ("the end of", "Sunday,") before it."""
    out = [p]
    q = p
    for _ in range(3):
        j = q
        while j > 0 and text[j - 1] in _GAP:
            j -= 1
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if k == j or q - j > 3 or text[k:j].lower() not in _PREFIX_WORDS:
            break
        out.append(k)
        q = k
    return out


def _try(text: str, group: str, starts: list[int], out: list) -> None:
    for rx, handler in _group(group):
        for q in starts:
            m = rx.match(text, q)
            if m is None:
                continue
            for c in handler(m):
                if c[3] is None:
                    continue
                if type(c[4]) is int:
                    # The year is written, so the reading does not depend on the running
                    # year: check it now, so that an impossible date ("February 30,
                    # 1950") does not hide the shorter readings it overlaps.
                    got = c[3](None)
                    if got is None:
                        continue
                    c = (c[0], c[1], c[2], _fixed(*got), c[4])
                out.append(c)


def _candidates(text: str) -> list:
    out: list = []
    for a in _ANCHOR.finditer(text):
        kind = a.lastgroup
        p = a.start()
        if kind == "num":
            n = a.end() - p
            if n == 4:
                if MIN_YEAR <= int(a.group()) <= MAX_YEAR:
                    _try(text, "year", _starts(text, p), out)
            elif n <= 2:
                _try(text, "day", _starts(text, p), out)
            elif n == 3 and (text.startswith(".", a.end()) or text[a.end():a.end() + 2][-1:] == "."):
                _try(text, "file", [p], out)
        elif kind == "mon":
            _try(text, "mon", _starts(text, p), out)
        else:
            _try(text, "apos", [p], out)
    low = text.lower()
    for w in _SEASON_WORDS:
        i = low.find(w)
        while i >= 0:
            if _SEASON_ANCHOR.match(text, i):
                _try(text, "season", _starts(text, i), out)
            i = low.find(w, i + len(w))
    return out


def _select(cands: list) -> list:
    """Non-overlapping candidates: longest first, then more precise; sorted by begin.

    The chosen spans never overlap, so kept sorted by their start they are
    sorted by their end too, and a candidate need only be checked against its
    two neighbours (found by bisection): O(n log n) however dense the text.
    """
    import bisect

    cands.sort(key=lambda c: (c[0] - c[1], PRECISION_ORDER[c[2]], c[0]))
    starts: list[int] = []
    taken: list = []
    for c in cands:
        b, s = c[0], c[1]
        i = bisect.bisect_right(starts, b)
        if i > 0 and taken[i - 1][1] > b:
            continue
        if i < len(taken) and taken[i][0] < s:
            continue
        starts.insert(i, b)
        taken.insert(i, c)
    return taken


# Superscript, subscript, full-width and mathematical digits read as plain digits
# (one character each, so offsets do not move). A run of superscripts straight after
# a word or a digit is a footnote mark ("1950¹", "Inchon.²") and reads as spaces.
_STYLED_DIGITS: dict[str, str] = {}
for _i, _c in enumerate("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"):
    _STYLED_DIGITS[_c] = str(_i)
for _i in range(10):
    _STYLED_DIGITS[chr(0x2080 + _i)] = str(_i)          # subscripts
    _STYLED_DIGITS[chr(0xFF10 + _i)] = str(_i)          # full width
    for _base in (0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6):  # bold, double-struck, sans, ...
        _STYLED_DIGITS[chr(_base + _i)] = str(_i)
_SUPERS = frozenset("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
_STYLED_RUN = re.compile("[" + "".join(sorted(_SUPERS)) + "]+|["
                         + "".join(sorted(set(_STYLED_DIGITS) - _SUPERS)) + "]+")


def plain_digits(text: str) -> str:
    """*text* with superscript, subscript, full-width and mathematical digits as plain digits.

    Each character stays one character, so offsets into the result are offsets into
    *text*. Superscripts straight after a word, a digit or punctuation are footnote
    marks and become spaces ("1950\u00b9" is "1950 ").
    """
    if text.isascii():
        return text

    def repl(m: re.Match) -> str:
        run = m.group()
        b = m.start()
        prev = text[b - 1] if b else " "
        if run[0] in _SUPERS and not (prev.isspace() or prev in "([{\u2014\u2013-"):
            return " " * len(run)
        return "".join(_STYLED_DIGITS[c] for c in run)

    return _STYLED_RUN.sub(repl, text)


@dataclass
class DateContext:
    """What a reader carries from one passage of a document to the next.

    Attributes
    ----------
    year : int or None
        The running year: year-less dates take it.
    year_inferred : bool
        The running year was inferred, not read: dates that take it are marked.
    anchor : datetime.date or None
        The last day written ("three days later", "on the 26th" count from it).
    dateline : datetime.date or None
        The date of the report being read (from a dateline "SEOUL, June 27 (AP) --"
        or a heading that is only a date): "today" is that day.
    written : bool
        A year written in the text has been read.
    """

    year: int | None = None
    year_inferred: bool = False
    anchor: datetime.date | None = None
    dateline: datetime.date | None = None
    written: bool = False


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "fourteen": 14, "several": None}
_RELATIVE = re.compile(
    r"\b(?:(?P<today>[Tt]oday|[Tt]onight|[Tt]his (?:morning|afternoon|evening))"
    r"|(?P<yesterday>[Yy]esterday)|(?P<tomorrow>[Tt]omorrow)"
    r"|(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven"
    r"|[Tt]welve|[Ff]ourteen|\d{1,2})\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|afterwards?|after\s+that|earlier)"
    r"|(?P<next>(?:[Tt]he\s+)?(?:next|following)\s+(?:day|morning|night))"
    r"|(?P<on>(?:[Oo]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom)\s+the)\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"
    r"(?!\s+(?:of\b|[A-Z]|parallel|[Dd]ivision|[Rr]egiment|[Aa]rmy|[Cc]orps|[Bb]rigade|[Bb]attalion|[Ii]nfantry"
    r"|[Cc]avalry|[Mm]arines?|[Ff]leet|[Ww]ing|[Gg]roup|[Ss]quadron|[Cc]ongress|[Pp]lenum|[Cc]entury|[Aa]mendment)))")
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z.'\u2019 -]{1,40}(?:,\s*[A-Z][\w.]*)?,\s*$")
_DATELINE_AFTER = re.compile(rf"\s*(?:\((?:AP|UP|UPI|INS|Reuters|AFP|TASS|Kyodo)\)\s*)?(?:{DASH}{{1,2}}|:)")


def _relatives(text: str, taken: list[DateMention], ctx: DateContext) -> list[DateMention]:
    """Dates given by reference ("today", "three days later", "on the 26th"), with *taken* merged in."""
    cands = [m for m in _RELATIVE.finditer(text)]
    if not cands:
        for mm in taken:
            if mm.precision == "day":
                ctx.anchor = mm.start
        return taken
    out: list[DateMention] = []
    ti = 0
    spans = [(t.begin, t.stop) for t in taken]
    for rm in cands:
        b, e = rm.start(), rm.end()
        while ti < len(taken) and taken[ti].begin < b:
            t = taken[ti]
            out.append(t)
            if t.precision == "day":
                ctx.anchor = t.start
            ti += 1
        if any(sb < e and b < se for sb, se in spans):
            continue
        day: datetime.date | None = None
        if rm["today"] or rm["yesterday"] or rm["tomorrow"]:
            if ctx.dateline is None:
                continue
            day = ctx.dateline + datetime.timedelta(days=-1 if rm["yesterday"] else 1 if rm["tomorrow"] else 0)
        elif rm["n"]:
            if ctx.anchor is None:
                continue
            word = rm["n"].lower()
            n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
            if not n:
                continue
            if rm["unit"].startswith("week"):
                n *= 7
            sign = -1 if rm["dir"] == "earlier" else 1
            day = ctx.anchor + datetime.timedelta(days=sign * n)
        elif rm["next"]:
            if ctx.anchor is None:
                continue
            day = ctx.anchor + datetime.timedelta(days=1)
            b = rm.start("next")
        elif rm["on"]:
            if ctx.anchor is None:
                continue
            d = int(rm["d"])
            y, mo = ctx.anchor.year, ctx.anchor.month
            if d < ctx.anchor.day:
                y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
            day = _date(y, mo, d)
            b = rm.start("on") + len(rm["on"]) + 1
        if day is None:
            continue
        m = DateMention(day, day, "day", b, e, text[b:e], via="dateline" if rm["today"] or rm["yesterday"]
                        or rm["tomorrow"] else "reference")
        out.append(m)
        if not (rm["today"] or rm["yesterday"] or rm["tomorrow"]):
            ctx.anchor = day
    for t in taken[ti:]:
        out.append(t)
        if t.precision == "day":
            ctx.anchor = t.start
    return out


def read_dates(text: str, ctx: DateContext) -> list[DateMention]:
    """The dates of *text*, read with what *ctx* carries; *ctx* is updated for the next text.

    Parameters
    ----------
    text : str
    ctx : DateContext

    Returns
    -------
    list of DateMention
        Sorted by position, never overlapping.
    """
    if not text:
        return []
    scan = plain_digits(text)
    blocked = _blocked(scan)
    unique: dict = {}
    for c in _candidates(scan):
        if blocked and any(b < c[1] and c[0] < e for b, e in blocked):
            continue
        if (c[:3] not in unique or type(c[4]) is int) and not _bad_context(scan, c[0], c[1]):
            unique[c[:3]] = c     # same span read twice: keep the reading with a year
    cands = list(unique.values())
    out: list[DateMention] = []
    last_written_stop = -10**9
    running = ctx.year
    inferred = ctx.year_inferred
    for b, s, _prec, resolve, written in _select(cands):
        if written == "'":
            if b - last_written_stop > 80:
                continue
        got = resolve(running)
        if got is None:
            continue
        start, end, prec = got
        m = DateMention(start, end, prec, b, s, text[b:s], inferred=inferred and written is None)
        out.append(m)
        if written == "'":
            running = start.year
            inferred = False
            last_written_stop = s
        elif written is not None:
            running = written
            inferred = False
            last_written_stop = s
        if written is not None:
            ctx.written = True
        if prec == "day" and (b == 0 or _DATELINE_BEFORE.search(scan, max(0, b - 60), b)) \
                and _DATELINE_AFTER.match(scan, s):
            ctx.dateline = start
    ctx.year = running
    ctx.year_inferred = inferred
    return _relatives(scan, out, ctx) if ("day" in scan or "od" in scan or "the " in scan
                                          or "week" in scan or "orrow" in scan) else _relatives("", out, ctx)


def _run(text: str, default_year: int | None) -> tuple[list[DateMention], int | None]:
    ctx = DateContext(year=default_year)
    out = read_dates(text, ctx)
    return out, ctx.year


def extract_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Find the date expressions of a text.

    Parameters
    ----------
    text : str
        Any text (a paragraph, an entry of a chronology, a whole document).
    default_year : int or None
        The running year at the start of the text, used for year-less dates
        ("20 July", "In March", "that fall") until the text writes a year itself.

    Returns
    -------
    list of DateMention
        Sorted by position, never overlapping. Year-less dates are left out when no
        running year is known.
    """
    return _run(text, default_year)[0]


def last_year(text: str, default_year: int | None) -> int | None:
    """The running year at the end of a text.

    Parameters
    ----------
    text : str
        The text just read.
    default_year : int or None
        The running year before it.

    Returns
    -------
    int or None
        The year of the last mention whose year is written in the text, or
        ``default_year`` when there is none. Carries the year from one passage to the
        next.
    """
    return _run(text, default_year)[1]
