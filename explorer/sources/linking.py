"""Which passages speak about a given day.

:func:`passages_for_date` ranks, for one date,

1. the passages cited by the events whose interval covers the date (the curated
   links), the shorter the event the higher;
2. then every passage with a date mention covering the date, the more precise
   mention first (:data:`~explorer.sources.datetext.PRECISION_ORDER`), and among
   equally precise ones the shorter interval and the nearer centre first.

Reference and metadata passages never appear; headings appear below paragraphs
and entries of the same rank.  The work is done by :class:`LinkIndex`, built once
per library and chronology (interval arrays in numpy), which answers a lookup in
well under a millisecond for a few thousand passages.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from dataclasses import dataclass
from typing import Protocol
from collections.abc import Sequence

import numpy as np

from explorer.sources.anchors import Citation
from explorer.sources.resolving import resolve_in
from explorer.sources.datetext import PRECISION_ORDER, DateMention
from explorer.sources.library import SourceLibrary
from explorer.sources.passages import Passage


class Event(Protocol):
    """What linking needs of an event of the chronology (:class:`explorer.war.events.Event`)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def precision(self) -> str: ...
    @property
    def citations(self) -> tuple[Citation, ...]: ...


__all__ = ["LinkIndex", "RankedPassage", "passages_for_date", "passages_for_place"]

_HIDDEN_KINDS = ("reference", "metadata")
#: Date mentions spanning more than a decade (a book's "1945-1963") are not
#: linked to the days they cover; the passage stays searchable.
MAX_LINKED_SPAN_DAYS = 3653

#: Score of an event's cited passage: above any date-mention score.
EVENT_BASE = 1000.0
_N_PREC = len(PRECISION_ORDER)


@dataclass(frozen=True)
class RankedPassage:
    """A passage proposed for a date.

    Attributes
    ----------
    passage : Passage
    source : str
        Id of the passage's document.
    title : str
        Title of the document.
    score : float
        Higher is better; event citations score at least :data:`EVENT_BASE`.
    reason : str
        Why it was proposed, in words.
    matched : DateMention or None
        The date mention of the passage covering the date (``None`` for an event
        citation whose passage has none).
    event_id : str or None
        The event citing the passage, if any.
    """

    passage: Passage
    source: str
    title: str
    score: float
    reason: str
    matched: DateMention | None
    event_id: str | None = None


def _closeness(span_days: float, dist_days: float) -> float:
    """A value in (0, 10): shorter intervals and nearer centres score higher."""
    return 5.0 / (1.0 + math.log2(1.0 + span_days)) + 5.0 / (1.0 + dist_days / (1.0 + span_days / 2.0))


#: Date precisions that the timeline's density strip weighs less.
COARSE_PRECISIONS = ("year", "decade")


@dataclass(frozen=True)
class DatedIntervals:
    """Every date mention of a library's dated passages, as flat arrays (for the timeline's density strip).

    ``owner`` numbers the passages from 0 (reference and metadata passages,
    and passages without a date, are left out); ``first`` and ``last`` are
    the ordinals of a mention's first and last day; ``coarse`` is True for
    mentions of a year or a decade.
    """

    owner: np.ndarray
    first: np.ndarray
    last: np.ndarray
    coarse: np.ndarray

    @property
    def passages(self) -> int:
        """How many passages have a date."""
        return int(self.owner.max()) + 1 if len(self.owner) else 0


def dated_intervals(passages) -> DatedIntervals:
    """The :class:`DatedIntervals` of *passages*."""
    owner: list[int] = []
    first: list[int] = []
    last: list[int] = []
    coarse: list[bool] = []
    n = 0
    for p in passages:
        if p.kind in _HIDDEN_KINDS or not p.dates:
            continue
        for m in p.dates:
            owner.append(n)
            first.append(m.start.toordinal())
            last.append(m.end.toordinal())
            coarse.append(m.precision in COARSE_PRECISIONS)
        n += 1
    return DatedIntervals(np.array(owner, dtype=np.int64), np.array(first, dtype=np.int64),
                          np.array(last, dtype=np.int64), np.array(coarse, dtype=bool))


class LinkIndex:
    """Interval index of a library's date mentions and a chronology's citations.

    Parameters
    ----------
    library : SourceLibrary
    events : sequence of Event
    """

    def __init__(self, library: SourceLibrary, events: Sequence[Event]) -> None:
        self.library = library
        self.events = list(events)
        # Documents that write no year get the one their entries agree on with the events.
        library.infer_years(self.events)
        self.generation = library.generation
        #: The mentions as the timeline's density strip counts them (built with
        #: the index, on the loading thread, so the window need not).
        self.dated = dated_intervals(library.all_passages())
        self._passages: list[Passage] = []
        self._mentions: list[DateMention] = []
        starts, ends, ranks, owner = [], [], [], []
        for p in library.all_passages():
            if p.kind in _HIDDEN_KINDS or not p.dates:
                continue
            pi = len(self._passages)
            self._passages.append(p)
            for m in p.dates:
                if (m.end - m.start).days > MAX_LINKED_SPAN_DAYS:
                    continue  # "1945-1963" in a book title says nothing about a day
                self._mentions.append(m)
                starts.append(m.start.toordinal())
                ends.append(m.end.toordinal())
                ranks.append(PRECISION_ORDER.get(m.precision, _N_PREC))
                owner.append(pi)
        self._start = np.asarray(starts, dtype=np.int64)
        self._end = np.asarray(ends, dtype=np.int64)
        self._rank = np.asarray(ranks, dtype=np.int64)
        self._owner = np.asarray(owner, dtype=np.int64)
        self._span = self._end - self._start
        self._centre2 = self._start + self._end  # twice the centre, in ordinals
        self._heading = np.asarray([self._passages[o].kind == "heading" for o in owner], dtype=bool)
        # events: their cited passages, resolved once
        self._event_start = np.asarray([e.start.toordinal() for e in self.events], dtype=np.int64)
        self._event_end = np.asarray([e.end.toordinal() for e in self.events], dtype=np.int64)
        self._event_passages: list[list[Passage]] = []
        for e in self.events:
            cited = []
            for c in e.citations:
                res = resolve_in(library, c)
                if res.passage is not None and res.passage.kind not in _HIDDEN_KINDS:
                    cited.append(res.passage)
            self._event_passages.append(cited)

    def lookup(self, date: dt.date, limit: int = 50) -> list[RankedPassage]:
        """The passages for ``date``, best first (see the module docstring).

        Parameters
        ----------
        date : datetime.date
        limit : int
            At most this many results.

        Returns
        -------
        list of RankedPassage
        """
        d = date.toordinal()
        out: list[RankedPassage] = []
        seen: set[tuple[str, int]] = set()
        if len(self.events):
            hit = np.nonzero((self._event_start <= d) & (self._event_end >= d))[0]
            order = sorted(hit.tolist(), key=lambda i: (self._event_end[i] - self._event_start[i], i))
            for i in order:
                e = self.events[i]
                span = int(self._event_end[i] - self._event_start[i])
                dist = abs(2 * d - int(self._event_start[i] + self._event_end[i])) / 2.0
                rank = PRECISION_ORDER.get(e.precision, _N_PREC)
                score = EVENT_BASE + (_N_PREC - rank) * 20.0 + 2.0 * _closeness(span, dist)
                for p in self._event_passages[i]:
                    key = (p.doc_id, p.index)
                    if key in seen:
                        continue
                    seen.add(key)
                    matched = next((m for m in p.dates if m.start <= date <= m.end), None)
                    out.append(RankedPassage(p, p.doc_id, self.library.title(p.doc_id), score,
                                             f"cited by the event \u201c{e.title}\u201d", matched, e.id))
        if len(out) >= limit:
            return out[:limit]
        if self._start.size:
            idx = np.nonzero((self._start <= d) & (self._end >= d))[0]
            if idx.size:
                spans = self._span[idx].astype(float)
                dists = np.abs(2 * d - self._centre2[idx]) / 2.0
                closeness = 5.0 / (1.0 + np.log2(1.0 + spans)) + 5.0 / (1.0 + dists / (1.0 + spans / 2.0))
                scores = (_N_PREC - self._rank[idx]) * 20.0 + 2.0 * closeness - 10.0 * self._heading[idx]
                for j in np.lexsort((idx, -scores)):
                    mi = int(idx[j])
                    p = self._passages[int(self._owner[mi])]
                    key = (p.doc_id, p.index)
                    if key in seen:
                        continue
                    seen.add(key)
                    m = self._mentions[mi]
                    out.append(RankedPassage(p, p.doc_id, self.library.title(p.doc_id), float(scores[j]),
                                             f"mentions {m.label} ({m.precision})", m, None))
                    if len(out) >= limit:
                        break
        return out[:limit]

    def lookup_range(self, first: dt.date, last: dt.date, limit: int | None = None) -> list[RankedPassage]:
        """The passages with a date in ``first..last``, in date order.

        Each passage appears once, under its earliest mention in the range; among
        mentions starting the same day the more precise comes first. Curated event
        citations are not added (use :meth:`lookup` per day for them).

        Parameters
        ----------
        first, last : datetime.date
            The range, inclusive.
        limit : int or None
            At most this many (None: all).
        """
        a, b = first.toordinal(), last.toordinal()
        if b < a:
            a, b = b, a
        out: list[RankedPassage] = []
        if not self._start.size:
            return out
        # A mention of a whole year or decade around the range says nothing of its days.
        coarse = (self._rank >= PRECISION_ORDER["year"]) & (self._start < a) & (self._end > b)
        idx = np.nonzero((self._start <= b) & (self._end >= a) & ~coarse)[0]
        order = np.lexsort((idx, self._span[idx], self._rank[idx], np.maximum(self._start[idx], a)))
        seen: set[tuple[str, int]] = set()
        for j in order:
            mi = int(idx[j])
            p = self._passages[int(self._owner[mi])]
            key = (p.doc_id, p.index)
            if key in seen:
                continue
            seen.add(key)
            m = self._mentions[mi]
            score = float((_N_PREC - self._rank[mi]) * 20.0)
            out.append(RankedPassage(p, p.doc_id, self.library.title(p.doc_id), score,
                                     f"mentions {m.label} ({m.precision})", m, None))
            if limit is not None and len(out) >= limit:
                break
        return out


_CACHE: weakref.WeakKeyDictionary[SourceLibrary, tuple[int, tuple, LinkIndex]] = weakref.WeakKeyDictionary()


def _events_key(events: Sequence[Event]) -> tuple:
    return tuple((e.id, e.start, e.end, e.citations) for e in events)


def passages_for_date(date: dt.date, library: SourceLibrary, events: Sequence[Event],
                      limit: int = 50) -> list[RankedPassage]:
    """Rank the passages of ``library`` for ``date``.

    The :class:`LinkIndex` is built on the first call and reused while the library
    (its :attr:`~SourceLibrary.generation`) and the events stay the same.

    Parameters
    ----------
    date : datetime.date
    library : SourceLibrary
    events : sequence of Event
    limit : int

    Returns
    -------
    list of RankedPassage
        Best first.
    """
    key = _events_key(events)
    cached = _CACHE.get(library)
    if cached is None or cached[0] != library.generation or cached[1] != key:
        index = LinkIndex(library, events)
        _CACHE[library] = (library.generation, key, index)
    else:
        index = cached[2]
    return index.lookup(date, limit)


def _best_mention(p: Passage, date: dt.date | None = None) -> DateMention | None:
    """The passage's most precise linkable date mention (covering *date*, when given)."""
    best = None
    for m in p.dates:
        if (m.end - m.start).days > MAX_LINKED_SPAN_DAYS:
            continue
        if date is not None and not m.start <= date <= m.end:
            continue
        key = (PRECISION_ORDER.get(m.precision, _N_PREC), (m.end - m.start).days, m.begin)
        if best is None or key < best[0]:
            best = (key, m)
    return best[1] if best else None


def passages_for_place(place: str, library: SourceLibrary, date: dt.date | None = None,
                       limit: int | None = 50) -> list[RankedPassage]:
    """What the sources say about a place, best first, each with its date.

    Ranking: passages with a date before those without, the more precise date
    first; then passages about the place (named first, few other places named)
    before passing mentions; headings last; ties in date order, then document order.

    Parameters
    ----------
    place : str
        A gazetteer name (see :meth:`explorer.sources.places.PlaceMatcher.canonical`).
    library : SourceLibrary
    date : datetime.date or None
        Only the passages with a date covering this day.
    limit : int or None
        At most this many (None: all).

    Returns
    -------
    list of RankedPassage
        ``matched`` is the date shown with the passage (None when it has none).
    """
    scored = []
    for p in library.passages_naming(place):
        if p.kind in _HIDDEN_KINDS:
            continue
        m = _best_mention(p, date)
        if date is not None and m is None:
            continue
        rank = PRECISION_ORDER.get(m.precision, _N_PREC) if m is not None else _N_PREC + 1
        score = (_N_PREC + 1 - rank) * 20.0
        score += 6.0 if p.places and p.places[0] == place else 0.0
        score -= min(len(p.places) - 1, 8)
        score -= 10.0 if p.kind == "heading" else 0.0
        when = m.start.toordinal() if m is not None else 10**7
        scored.append((-score, when, p.doc_id, p.index, p, m, score))
    scored.sort(key=lambda t: t[:4])
    if limit is not None:
        scored = scored[:limit]
    out = []
    for *_k, p, m, score in scored:
        reason = f"names {place}" + (f"; mentions {m.label} ({m.precision})" if m is not None else "; no date")
        out.append(RankedPassage(p, p.doc_id, library.title(p.doc_id), score, reason, m, None))
    return out
