"""The chronology of events in ``resources/events.json``.

Each event has an id, a date interval with its precision, a title, a summary in
our own words, the war phase it belongs to, an optional place, a kind, and
citations of the source passages that support it (see :mod:`explorer.sources.anchors`).
"""

from __future__ import annotations

from explorer.core.dates import parse_iso

import datetime as dt
import json
import re
import warnings
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.sources.anchors import Citation
from explorer.core.paths import resources_dir

__all__ = ["EVENT_KINDS", "EVENT_PRECISIONS", "Event", "EventsError", "EventsWarning", "Place",
           "default_events_path", "events_at", "kinds_present", "kinds_ticked", "load_events"]

EVENT_PRECISIONS = ("day", "range", "month", "part-month", "season", "year")
EVENT_KINDS = ("battle", "political", "diplomatic", "operation", "front", "historiography")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class EventsError(ValueError):
    """The events file is missing or invalid; the message names the file and the event."""


class EventsWarning(UserWarning):
    """An event was dropped because it is invalid; the message names the file and the event."""


@dataclass(frozen=True)
class Place:
    """Where an event happened (WGS84)."""

    name: str
    lon: float
    lat: float


@dataclass(frozen=True)
class Event:
    """One event of the chronology.

    Attributes
    ----------
    id : str
        Unique kebab-case id.
    start, end : datetime.date
        First and last day (inclusive).
    precision : str
        One of :data:`EVENT_PRECISIONS`.
    title, summary : str
        In our own words.
    phase : str or None
        Id of a phase of ``resources/phases.json``; ``None`` for events outside
        the phases (later historiography).
    place : Place or None
    kind : str
        One of :data:`EVENT_KINDS`.
    citations : tuple of Citation
        Anchored citations of source passages.
    references : tuple of str
        Literature cited by title only (``{"title": ...}`` entries), not anchored.
    """

    id: str
    start: dt.date
    end: dt.date
    precision: str
    title: str
    summary: str
    phase: str | None
    place: Place | None
    kind: str
    citations: tuple[Citation, ...] = field(default=())
    references: tuple[str, ...] = field(default=())

    def covers(self, date: dt.date) -> bool:
        """Whether ``date`` lies in ``[start, end]``."""
        return self.start <= date <= self.end


def default_events_path() -> Path:
    """The bundled chronology, ``resources/events.json``."""
    return resources_dir() / "events.json"


def _date(value: Any, where: str, key: str) -> dt.date:
    if not isinstance(value, str):
        raise EventsError(f"{where}: {key!r} must be a date string YYYY-MM-DD")
    try:
        return parse_iso(value)
    except ValueError:
        raise EventsError(f"{where}: {key!r} is not a date YYYY-MM-DD: {value!r}") from None


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise EventsError(f"{where}: {key!r} must be a non-empty string")
    return value


def _parse_event(item: Any, where: str) -> Event:
    if not isinstance(item, dict):
        raise EventsError(f"{where}: an event must be an object")
    eid = item.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise EventsError(f"{where}: 'id' must be a kebab-case string, not {eid!r}")
    where = f"{where.rsplit(':', 1)[0]}: event {eid!r}"
    start = _date(item.get("start"), where, "start")
    end = _date(item.get("end", item.get("start")), where, "end")
    if end < start:
        raise EventsError(f"{where}: ends ({end}) before it starts ({start})")
    precision = item.get("precision")
    if precision not in EVENT_PRECISIONS:
        raise EventsError(f"{where}: 'precision' must be one of {', '.join(EVENT_PRECISIONS)}, not {precision!r}")
    kind = item.get("kind")
    if kind not in EVENT_KINDS:
        raise EventsError(f"{where}: 'kind' must be one of {', '.join(EVENT_KINDS)}, not {kind!r}")
    place = item.get("place")
    if place is not None:
        if not isinstance(place, dict):
            raise EventsError(f"{where}: 'place' must be an object or null")
        try:
            lon, lat = float(place["lon"]), float(place["lat"])
            name = place["name"]
        except (KeyError, TypeError, ValueError, OverflowError):
            raise EventsError(f"{where}: 'place' needs 'name', 'lon' and 'lat'") from None
        if not isinstance(name, str) or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise EventsError(f"{where}: 'place' has a bad name or coordinates")
        place = Place(name, lon, lat)
    cits = item.get("citations", [])
    if not isinstance(cits, list):
        raise EventsError(f"{where}: 'citations' must be a list")
    citations = []
    references = []
    for j, c in enumerate(cits):
        if isinstance(c, dict) and "source" not in c and "quote" not in c and isinstance(c.get("title"), str):
            references.append(c["title"])
            continue
        try:
            citations.append(Citation.from_dict(c))
        except ValueError as exc:
            raise EventsError(f"{where}: citation {j}: {exc}") from None
    phase = item.get("phase")
    if phase is not None and (not isinstance(phase, str) or not phase.strip()):
        raise EventsError(f"{where}: 'phase' must be a phase id or null")
    return Event(eid, start, end, precision, _text(item, "title", where), _text(item, "summary", where),
                 phase, place, kind, tuple(citations), tuple(references))


def load_events(path: str | Path | None = None, problems: list[str] | None = None, *,
                phases: Collection[str] | None = None, strict: bool = False) -> list[Event]:
    """Read and check the chronology, dropping only the events that are broken.

    Parameters
    ----------
    path : str or pathlib.Path or None
        The events file; by default :func:`default_events_path`.
    problems : list of str or None
        Receives one line per dropped event, naming the file, the event and what
        is wrong.  When ``None`` (and not ``strict``) each is issued as an
        :class:`EventsWarning` instead, so nothing is dropped silently.
    phases : collection of str or None
        The known phase ids; when given, an event naming another phase is broken.
    strict : bool
        Raise :class:`EventsError` at the first broken event instead of dropping it.

    Returns
    -------
    list of Event
        The valid events, sorted by start date (then end date, then id).  Of two
        events sharing an id the first is kept.

    Raises
    ------
    EventsError
        The file is missing, is not JSON or has no ``events`` list; in ``strict``
        mode also for the first invalid event or duplicated id.
    """
    path = Path(path) if path is not None else default_events_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EventsError(f"{path}: the events file is missing") from None
    except (OSError, ValueError) as exc:
        raise EventsError(f"{path}: cannot read the events ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise EventsError(f"{path}: expected an object with an 'events' list")

    def drop(message: str) -> None:
        if strict:
            raise EventsError(message)
        if problems is not None:
            problems.append(message)
        else:
            warnings.warn(message, EventsWarning, stacklevel=3)

    known_phases = None if phases is None else set(phases)
    events: list[Event] = []
    seen: set[str] = set()
    for i, item in enumerate(data["events"]):
        try:
            ev = _parse_event(item, f"{path}: event #{i}")
        except EventsError as exc:
            drop(str(exc))
            continue
        if ev.id in seen:
            drop(f"{path}: event {ev.id!r}: duplicate id (event #{i}; the first one is kept)")
            continue
        seen.add(ev.id)
        if known_phases is not None and ev.phase is not None and ev.phase not in known_phases:
            drop(f"{path}: event {ev.id!r}: unknown phase {ev.phase!r}")
            continue
        events.append(ev)
    events.sort(key=lambda e: (e.start, e.end, e.id))
    return events


def kinds_present(events: Collection[Event]) -> list[str]:
    """The kinds of :data:`EVENT_KINDS` that some of *events* have, in that order (all when none has one).

    The Events panel has a box for each.
    """
    return [k for k in EVENT_KINDS if any(e.kind == k for e in events)] or list(EVENT_KINDS)


def kinds_ticked(events: Collection[Event], remembered: Collection[str] | None) -> frozenset[str]:
    """The kinds of :func:`kinds_present` that are in *remembered* (all of them when it is ``None``).

    The kinds the Events panel ticks when it is made, and the timeline marks.
    """
    return frozenset(k for k in kinds_present(events) if remembered is None or k in remembered)


def events_at(events: list[Event], date: dt.date) -> list[Event]:
    """The events whose interval covers ``date``, shortest interval first."""
    hits = [e for e in events if e.start <= date <= e.end]  # (Event.covers, inlined: every date change asks)
    hits.sort(key=lambda e: ((e.end - e.start).days, e.start, e.id))
    return hits
