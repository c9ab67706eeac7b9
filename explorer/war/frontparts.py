"""The optional parts of a dated front record: zones, "taken on" dates, the moving window.

A record of ``geodata/fronts.geojson`` (see ``geodata/README.md``) may carry,
besides its front line and rings, three optional properties:

``zones``
    Ground held by neither side on the record's date (a gap between two
    corps, no-man's land, an area of bypassed forces or guerrillas).  Each is
    an object ``{"name", "label", "kind", "since"?, "until"?, "note"?,
    "citations"?, "ring"}`` where ``ring`` is a closed list of ``[lon, lat]``.
``taken``
    The days towns changed hands between the previous record and this one:
    objects ``{"place", "lon", "lat", "date", "by", "radius_km"?,
    "citations"?}``; ``by`` is ``"UN"`` or ``"COMMUNIST"``, the side holding the
    town at this record; ``date`` lies after the previous record's date and
    no later than this record's.
``moves_from`` / ``moves_until``
    ISO dates between the previous record and this one: the ground that
    changes hands between the two records did not move before
    ``moves_from`` and had come to rest by ``moves_until``.

This module parses them; :mod:`explorer.war.morph` uses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from shapely.geometry import LinearRing, Polygon

from explorer.core.dates import format_date, parse_iso
from explorer.war.projection import project_coords, to_xy

__all__ = [
    "ZONE_KINDS",
    "ZONE_KIND_NAMES",
    "Taken",
    "Zone",
    "parse_moving_window",
    "parse_taken",
    "parse_zones",
]

#: Kinds of ground held by neither side, with the words the key uses.
ZONE_KIND_NAMES = {
    "gap": "gap between the lines",
    "no-mans-land": "no-man's land",
    "bypassed": "bypassed enemy forces",
    "guerrilla": "guerrilla country",
}
ZONE_KINDS = tuple(ZONE_KIND_NAMES)

#: Ground within this distance of a town taken on a known day follows the town's timing.
DEFAULT_TAKEN_RADIUS_KM = 8.0


@dataclass(frozen=True)
class Zone:
    """Ground held by neither side, as recorded with one dated front.

    Attributes
    ----------
    name
        Identifier, unique within its record; zones of the same name in
        consecutive records are the same zone seen twice.
    label
        What the key and the hover text call it.
    kind
        One of :data:`ZONE_KINDS`.
    since, until
        The first and last day the histories give for it (``None``: from the
        record's date; until the next record).
    polygon
        The zone in map metres.
    """

    name: str
    label: str
    kind: str
    since: dt.date | None
    until: dt.date | None
    note: str
    citations: tuple[dict[str, Any], ...]
    lonlat: np.ndarray = field(repr=False)
    polygon: Polygon = field(repr=False)

    def describe(self) -> str:
        """``"Gap between Eighth Army and X Corps (held by neither side)"``."""
        return f"{self.label} (held by neither side)"


@dataclass(frozen=True)
class Taken:
    """A town that changed hands on a known day between two records."""

    place: str
    lon: float
    lat: float
    date: dt.date
    by: str
    radius_m: float
    citations: tuple[dict[str, Any], ...] = ()

    @property
    def xy(self) -> tuple[float, float]:
        """The town in map metres."""
        x, y = to_xy(self.lon, self.lat)
        return float(x), float(y)

    def describe(self) -> str:
        """``"Taejon taken by the UN side on 28 September 1950"``."""
        side = "the UN side" if self.by == "UN" else "the communist side"
        return f"{self.place} taken by {side} on {format_date(self.date)}"


def _citations(value: Any, where: str, bad: Any) -> tuple[dict[str, Any], ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
        bad(f"{where}: citations must be a list of objects")
        return None
    return tuple(value)


def _opt_date(value: Any, what: str, bad: Any) -> tuple[bool, dt.date | None]:
    if value is None:
        return True, None
    try:
        return True, parse_iso(value)
    except ValueError as exc:
        bad(f"{what}: {exc}")
        return False, None


def parse_zones(value: Any, record_date: dt.date, bad: Any) -> tuple[Zone, ...] | None:
    """Read a record's ``zones`` list; *bad* is called with each problem.

    Returns ``None`` (after reporting) when the list is unusable.
    """
    if value is None:
        return ()
    if not isinstance(value, list):
        bad("zones must be a list of objects")
        return None
    zones: list[Zone] = []
    names: set[str] = set()
    for k, item in enumerate(value):
        where = f"zone {k}"
        if not isinstance(item, dict):
            bad(f"{where} is not an object")
            return None
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            bad(f"{where} has no name")
            return None
        where = f"zone {name!r}"
        if name in names:
            bad(f"{where} appears twice in the record")
            return None
        names.add(name)
        label = item.get("label") or name
        if not isinstance(label, str):
            bad(f"{where}: label must be text")
            return None
        kind = item.get("kind")
        if kind not in ZONE_KINDS:
            bad(f"{where}: kind must be one of {', '.join(ZONE_KINDS)}, not {kind!r}")
            return None
        ok1, since = _opt_date(item.get("since"), f"{where} since", bad)
        ok2, until = _opt_date(item.get("until"), f"{where} until", bad)
        if not (ok1 and ok2):
            return None
        if since is not None and since > record_date:
            bad(f"{where}: since {since} is after the record's date {record_date}")
            return None
        if until is not None and until < record_date:
            bad(f"{where}: until {until} is before the record's date {record_date}")
            return None
        try:
            ring = np.asarray(item.get("ring"), dtype=float).reshape(-1, 2)
        except (TypeError, ValueError):
            bad(f"{where}: ring must be a list of [lon, lat] pairs")
            return None
        if len(ring) < 4 or not np.all(np.isfinite(ring)) or not np.allclose(ring[0], ring[-1]):
            bad(f"{where}: ring must be closed and have at least three distinct points")
            return None
        if not LinearRing(ring).is_valid or not Polygon(ring).is_valid:
            bad(f"{where}: ring crosses itself")
            return None
        cits = _citations(item.get("citations"), where, bad)
        if cits is None:
            return None
        zones.append(Zone(name=name, label=label, kind=kind, since=since, until=until,
                          note=str(item.get("note") or ""), citations=cits, lonlat=ring,
                          polygon=Polygon(project_coords(ring))))
    return tuple(zones)


def parse_taken(value: Any, bad: Any) -> tuple[Taken, ...] | None:
    """Read a record's ``taken`` list; *bad* is called with each problem.

    The date's place between the records and the side are checked by the
    chronology, which knows the previous record.
    """
    if value is None:
        return ()
    if not isinstance(value, list):
        bad("taken must be a list of objects")
        return None
    out: list[Taken] = []
    for k, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("place"), str):
            bad(f"taken {k} must be an object with a place name")
            return None
        where = f"taken {item['place']!r}"
        try:
            lon, lat = float(item["lon"]), float(item["lat"])
        except (KeyError, TypeError, ValueError):
            bad(f"{where}: lon and lat must be numbers")
            return None
        if not (123.0 <= lon <= 131.5 and 33.0 <= lat <= 43.1):
            bad(f"{where}: ({lon}, {lat}) is not in Korea")
            return None
        ok, date = _opt_date(item.get("date"), f"{where} date", bad)
        if not ok or date is None:
            if ok:
                bad(f"{where}: a date is required")
            return None
        by = item.get("by")
        if by not in ("UN", "COMMUNIST"):
            bad(f"{where}: by must be 'UN' or 'COMMUNIST', not {by!r}")
            return None
        radius = item.get("radius_km", DEFAULT_TAKEN_RADIUS_KM)
        if not isinstance(radius, (int, float)) or not 1.0 <= float(radius) <= 40.0:
            bad(f"{where}: radius_km must be a number from 1 to 40")
            return None
        cits = _citations(item.get("citations"), where, bad)
        if cits is None:
            return None
        out.append(Taken(item["place"], lon, lat, date, by, float(radius) * 1000.0, cits))
    return tuple(out)


def parse_moving_window(props: dict[str, Any], bad: Any) -> tuple[bool, dt.date | None, dt.date | None]:
    """Read ``moves_from`` and ``moves_until``; ``(ok, from, until)``."""
    ok1, start = _opt_date(props.get("moves_from"), "moves_from", bad)
    ok2, end = _opt_date(props.get("moves_until"), "moves_until", bad)
    if ok1 and ok2 and start is not None and end is not None and end <= start:
        bad(f"moves_until {end} must come after moves_from {start}")
        return False, None, None
    return ok1 and ok2, start, end
