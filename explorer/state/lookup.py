"""One reader for every date a user types: an ISO date, a written date, or an event.

Ctrl+G, the animation dialog's From/To fields and every ``--date`` option of
the command line go through :func:`resolve`, so "15 Sept 1950", "1950-09-15",
"Inchon", "inchon-landing" and "Inchon landing" are read the same way
everywhere.

The order is:

1. an ISO date (``1950-09-15``);
2. an event's id (``chosin-reservoir``);
3. a written date, when the date is all the text says ("15 Sept 1950",
   "October 1950", "Sep 15" with a default year);
4. an event found by name: every word typed must begin a word of the event's
   title, id or place ("Inchon", "Chosin", "armistice", "Battle of the Imjin");
5. a written date that is only part of the text ("Christmas 1950" is read as
   1950), with a note saying what was read.

The module is pure Python: it sits in :mod:`explorer.state`, over both the war
(events) and the sources (:mod:`explorer.sources.datetext`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.dates import format_date
from explorer.war.events import Event

if TYPE_CHECKING:
    from explorer.sources.datetext import DateMention

__all__ = ["DateLookupError", "Resolved", "find_events", "resolve", "search_events"]

#: Little words that carry neither a date nor a name ("the summer of 1951", "battle of the Imjin").
FILLER = frozenset({"the", "of", "in", "on", "at", "a", "an", "around", "about", "and", "to"})

_WORD = re.compile(r"[0-9a-z]+")
_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


class DateLookupError(ValueError):
    """The text is neither a date nor an event; the message says what was tried."""


def _fold(text: str) -> str:
    """Lower case with the apostrophes and accents of romanized names dropped ("Ch'ongch'on")."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("'", "").replace("\u2019", "").replace("\u02bc", "")


def words(text: str) -> list[str]:
    """The words of *text* that carry meaning, folded to lower case."""
    return [w for w in _WORD.findall(_fold(text)) if w not in FILLER]


@dataclass(frozen=True)
class Resolved:
    """What a typed text was read as.

    Attributes
    ----------
    date : datetime.date
        The day to go to (an event's first day, a month's first day...).
    text : str
        What was typed.
    event : Event or None
        The event the text named, if it named one.
    mention : DateMention or None
        The written date read from the text (``None`` for ISO dates and events).
    partial : bool
        True when only part of the text was read as a date.
    """

    date: dt.date
    text: str
    event: Event | None = None
    mention: DateMention | None = None
    partial: bool = False

    def describe(self) -> str:
        """One line saying what was understood: "15 September 1950: MacArthur's landing at Inchon"."""
        day = format_date(self.date)
        if self.event is not None:
            return f"{day}: {self.event.title} (event {self.event.id})"
        if self.mention is not None:
            m = self.mention
            if self.partial:
                return f"{day} (read only \u201c{m.text.strip()}\u201d" + \
                    (": its first day)" if m.start != m.end else ")")
            if m.start != m.end:
                return f"{day} (the first day of {m.text.strip()})"
        return day


def _haystack(e: Event) -> tuple[list[str], list[str], list[str]]:
    place = words(e.place.name) if e.place is not None else []
    return words(e.title), e.id.split("-"), place


def _score(query: list[str], e: Event) -> float:
    """How well the query words name event *e* (0 when a word is not found)."""
    title, ident, place = _haystack(e)
    score = 0.0
    for q in query:
        hit = 0.0
        if any(w.startswith(q) for w in ident):
            hit += 2.0
        if any(w.startswith(q) for w in title):
            hit += 2.0
        if any(w.startswith(q) for w in place):
            hit += 1.0
        if not hit:
            return 0.0
        score += hit
    # The id names what the event is about: an id that begins with the words typed is the best match.
    if ident[:len(query)] == query or "-".join(ident).startswith("-".join(query)):
        score += 1.5
    # Of two events that match alike, the one with fewer other words in its id is the one meant.
    return score - 0.05 * max(len(ident) - len(query), 0)


def find_events(text: str, events: Sequence[Event]) -> list[Event]:
    """The events whose title, id or place contain every word of *text* (as word beginnings), best first."""
    query = words(text)
    if not query:
        return []
    scored = [(s, e) for e in events if (s := _score(query, e)) > 0]
    scored.sort(key=lambda t: (-t[0], t[1].start, t[1].id))
    return [e for _s, e in scored]


def search_events(events: Sequence[Event], text: str = "", kinds: Sequence[str] | None = None) -> list[Event]:
    """The events of *kinds* (all when ``None``) that match the words of *text*, in date order.

    Words are looked for in the title, the id, the place and the summary.
    """
    query = words(text)
    out = []
    for e in events:
        if kinds is not None and e.kind not in kinds:
            continue
        if query:
            hay = words(f"{e.title} {e.id.replace('-', ' ')} {e.place.name if e.place else ''} {e.summary}")
            if not all(any(w.startswith(q) for w in hay) for q in query):
                continue
        out.append(e)
    out.sort(key=lambda e: (e.start, e.end, e.id))
    return out


def _read_written(text: str, default_year: int | None) -> tuple[DateMention | None, bool]:
    # Imported here, not at the top: the window imports this module for its Events
    # panel, and the dates-in-text reader costs about 5 ms of start-up before the
    # map's first paint (tests/benchmarks/startup_child.py, python -X importtime).
    from explorer.sources.datetext import extract_dates

    found = extract_dates(text, default_year)
    if not found:
        return None, False
    m = found[0]
    partial = not set(words(text)) <= set(words(m.text))
    return m, partial


def resolve(text: str, events: Sequence[Event] = (), *, default_year: int | None = None) -> Resolved:
    """Read *text* as a date or an event (see the module's docstring for the order).

    Parameters
    ----------
    text
        What the user typed.
    events
        The chronology to look names up in.
    default_year
        The year of a date written without one ("Sep 15").

    Raises
    ------
    DateLookupError
        When nothing in the text is a date or names an event.
    """
    raw = text
    text = text.strip()
    if not text:
        raise DateLookupError("nothing was typed")
    try:
        return Resolved(dt.date.fromisoformat(text), raw)
    except ValueError as exc:
        if _ISO_LIKE.fullmatch(text):
            raise DateLookupError(f"{text!r} is not a date ({exc}); write it as YYYY-MM-DD, "
                                  "for example 1950-09-15") from None
    by_id = {e.id: e for e in events}
    if text.lower() in by_id:
        e = by_id[text.lower()]
        return Resolved(e.start, raw, event=e)
    mention, partial = _read_written(text, default_year)
    if mention is not None and not partial:
        return Resolved(mention.start, raw, mention=mention)
    found = find_events(text, events)
    if found:
        return Resolved(found[0].start, raw, event=found[0])
    if mention is not None:
        return Resolved(mention.start, raw, mention=mention, partial=True)
    raise DateLookupError(
        f"{text!r} is neither a date (like 1950-09-15 or 15 September 1950) nor the name or id of an event "
        "(like Inchon or chosin-reservoir)")
