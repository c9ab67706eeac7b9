"""The words of an exported map: its title, the front's status line and the citations.

:func:`headline` says in a few words what happened on a date (the day's
events, else the front recorded that day, else a short operation covering
it); :func:`snapshot_title` puts the date in front.  :func:`date_citations`
lists the sources the app cites for the date, one line per source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from explorer.war.chronology import WAR_END, WAR_START, Chronology, WarState, as_date, format_date
from explorer.war.events import EventsError, load_events

__all__ = ["bundled_events", "date_citations", "day_events", "headline", "snapshot_title", "status_line"]


_KIND_ORDER = {"battle": 0, "operation": 1, "front": 2, "political": 3, "diplomatic": 4, "historiography": 5}
_TITLE_MAX_CHARS = 64


def day_events(events: Sequence[Any], date: dt.date) -> list[Any]:
    """Events that happened on *date* (known to the day, or a range that starts that day)."""
    hits = [e for e in events if e.start == date and e.precision in ("day", "range")]
    hits.sort(key=lambda e: (e.precision != "day", _KIND_ORDER.get(e.kind, 9), e.id))
    return hits


def covering_events(events: Sequence[Any], date: dt.date) -> list[Any]:
    """Short ranges (six weeks at most) that cover *date*, shortest first."""
    hits = [e for e in events if e.precision in ("day", "range") and e.start <= date <= e.end
            and (e.end - e.start).days <= 45]
    hits.sort(key=lambda e: ((e.end - e.start).days, _KIND_ORDER.get(e.kind, 9), e.id))
    return hits


def _last_event(events: Sequence[Any], date: dt.date) -> Any | None:
    """The latest event known to the day (or a range) that started on or before *date*."""
    best = None
    for e in events:
        if e.precision in ("day", "range") and e.start <= date and (best is None or e.start > best.start or (
                e.start == best.start and _KIND_ORDER.get(e.kind, 9) < _KIND_ORDER.get(best.kind, 9))):
            best = e
    return best


def headline(date: dt.date, state: WarState, events: Sequence[Any], last_event: bool = False) -> str:
    """What happened on *date*, in a few words (may be empty).

    The events of that day (one, or two when both fit), else the label of the
    front recorded that day, else a short operation the day falls in.  With
    *last_event* (an animation's frames), a day without an event of its own
    names the last event before it, with its date: ``Since 15 September:
    MacArthur's landing at Inchon``.
    """
    day = day_events(events, date)
    if not day and last_event and WAR_START <= date <= WAR_END:
        ev = _last_event(events, date)
        if ev is not None and (date - ev.start).days <= 120:
            return f"Since {ev.start.day} {ev.start.strftime('%B')}: {ev.title}"
    if day:
        text = day[0].title
        if len(day) > 1 and len(text) + len(day[1].title) + 2 <= _TITLE_MAX_CHARS:
            text = f"{text}; {day[1].title}"
        return text
    if state.record is not None and state.record.label:
        return state.record.label
    if state.status in ("division", "armistice"):
        return "Armistice in force" if state.date > WAR_END else "Korea divided at the 38th parallel"
    cover = covering_events(events, date)
    return cover[0].title if cover else ""


def snapshot_title(date: dt.date | str, state: WarState, events: Sequence[Any], last_event: bool = False) -> str:
    """``15 September 1950: Inchon landing`` (or only the date when nothing is known)."""
    d = as_date(date)
    what = headline(d, state, events, last_event)
    return f"{format_date(d)}: {what}" if what else format_date(d)


def status_line(state: WarState) -> str:
    """What kind of front the map shows (:meth:`WarState.describe`, the app's one wording)."""
    return state.describe()


def date_citations(date: dt.date | str, state: WarState, chronology: Chronology, events: Sequence[Any],
                   catalogue: Any | None = None) -> list[str]:
    """The sources the app cites for *date*, one line per source, then the maps.

    Sources come from the events of that day (and short operations covering it)
    and from the front shown: the front recorded that day, or for an
    interpolated front the two recorded fronts it lies between.

    Parameters
    ----------
    catalogue
        A :class:`explorer.sources.catalogue.Catalogue` (default: the bundled one).

    Returns
    -------
    list of str
        ``["Kathryn Weathersby, The Korean War Revisited, ... (for: ...)", ...,
        "Maps and histories: ..."]``; empty when nothing is cited.
    """
    d = as_date(date)
    if catalogue is None:
        from explorer.sources.catalogue import Catalogue, CatalogueError

        try:
            catalogue = Catalogue.bundled()
        except CatalogueError:
            catalogue = None
    supports: dict[str, list[str]] = {}
    references: list[str] = []

    def add(source: str, what: str) -> None:
        lst = supports.setdefault(source, [])
        if what not in lst:
            lst.append(what)

    seen_events = set()
    for ev in [*day_events(events, d), *covering_events(events, d)]:
        if ev.id in seen_events:
            continue
        seen_events.add(ev.id)
        for c in ev.citations:
            add(c.source, ev.title)
        references.extend(r for r in ev.references if r not in references)
    records = []
    if state.record is not None:
        records.append(state.record)
    elif state.status == "interpolated" and state.between:
        records.extend(r for r in (chronology.record_on(state.between[0]), chronology.record_on(state.between[1]))
                       if r is not None)
    for rec in records:
        what = f"front of {format_date(rec.date)}"
        for c in rec.citations:
            if isinstance(c.get("source"), str):
                add(c["source"], what)
            elif isinstance(c.get("title"), str) and c["title"] not in references:
                references.append(c["title"])
    lines = []
    for i, (source, whats) in enumerate(supports.items(), start=1):
        entry = catalogue.get(source) if catalogue is not None else None
        ref = entry.citation_text() if entry is not None else source
        lines.append(f"[{i}] {ref} \u2014 for: {'; '.join(whats)}")
    if references:
        lines.append("Maps and histories: " + "; ".join(references))
    return lines




def bundled_events() -> list[Any]:
    """The app's own chronology of events (empty when it cannot be read)."""
    try:
        return load_events()
    except EventsError:
        return []


#: The last event before a date (see :func:`headline`).
last_event_before = _last_event
