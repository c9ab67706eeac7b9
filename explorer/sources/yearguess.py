"""The year of a chronology that never writes one.

Some chronologies give only days and months ("June 25-27 -- ...", "Oct. 19 --
..."): the reader knows the year from what the entries tell. :func:`infer_year`
does the same against the app's chronology of events: it reads the document's
dates with each candidate first year (entries roll over to the next year as the
list goes on, see :func:`explorer.sources.passages.read_passage_dates`) and keeps
the year under which the entries agree best with the events of their days: an
entry saying that Pyongyang fell, dated Oct. 19, agrees with the event of
Pyongyang's capture on 19 October 1950 and with nothing on 19 October 1951.

Agreement is counted in words: the content words (four letters or more, not a
month or a common word) and the places an entry shares with the title and summary
of an event whose days its date touches (two days' slack either side).

The events are plain data (any objects with ``start``, ``end``, ``title`` and,
optionally, ``summary``): this module does not import :mod:`explorer.war`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol
from collections.abc import Iterable, Sequence

from explorer.sources.passages import Passage, read_passage_dates

__all__ = ["CANDIDATE_YEARS", "YearEvent", "infer_year"]

#: The first years tried: the war and the years around it.
CANDIDATE_YEARS = tuple(range(1945, 1955))
#: The best year must score at least this much...
MIN_SCORE = 2.0
#: ... and this many times the second best.
MARGIN = 1.25

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset("""
about above across after again against along also among another around away back been before began
begin being below between both came come could days during each early either enemy even ever every
first following force forces from further great had has have here into just last late later less
made make many march more most much near next north northern once only other over part same since
some south southern still such than that their them then there these they this those through
toward towards under until upon very were what when where which while will with within without
would year years january february april june july august september october november december
troops army began attack attacks korean koreans korea united nations
""".split())


class YearEvent(Protocol):
    """What the inference needs of an event."""

    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def title(self) -> str: ...


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in (x.casefold() for x in _WORD.findall(text)) if w not in _STOP)


def _event_words(e: YearEvent) -> frozenset[str]:
    place = getattr(e, "place", None)
    parts = [e.title, str(getattr(e, "summary", "") or ""), str(getattr(place, "name", "") or "")]
    return _words(" ".join(parts))


def infer_year(passages: list[Passage], events: Sequence[YearEvent] | Iterable[YearEvent],
               years: Sequence[int] = CANDIDATE_YEARS) -> int | None:
    """The first year under which the passages' dates agree best with *events*.

    Parameters
    ----------
    passages : list of Passage
        A document's passages (their dates are not changed).
    events : sequence of YearEvent
    years : sequence of int
        The candidate first years.

    Returns
    -------
    int or None
        None when no year wins clearly (see :data:`MIN_SCORE`, :data:`MARGIN`).
    """
    evs = [(e.start.toordinal() - 2, e.end.toordinal() + 2, _event_words(e)) for e in events]
    if not evs:
        return None
    pwords = [_words(p.text) | frozenset(x.casefold() for x in p.places) for p in passages]
    scores: dict[int, float] = {}
    for y in years:
        dates, _written = read_passage_dates(passages, y, year_inferred=True)
        total = 0.0
        for words, ds in zip(pwords, dates):
            best = 0.0
            for m in ds:
                if (m.end - m.start).days > 62:
                    continue
                a, b = m.start.toordinal(), m.end.toordinal()
                for s, e, ew in evs:
                    if s <= b and a <= e:
                        best = max(best, float(len(words & ew)))
            total += best
        scores[y] = total
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best_year, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    if top < MIN_SCORE or top < MARGIN * second:
        return None
    return best_year
