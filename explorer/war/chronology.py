"""The war on the map: dated front lines, territory, interpolation and phases.

Public API
----------
>>> from explorer.war.chronology import Chronology
>>> chron = Chronology.load()
>>> chron.controller_at("1950-11-01", 125.75, 39.02)     # Pyongyang
'UN'
>>> state = chron.state_at("1950-09-20")
>>> state.interpolated, state.between
(True, (datetime.date(1950, 9, 18), datetime.date(1950, 9, 22)))

How a state becomes territory
-----------------------------
Each dated state in ``geodata/fronts.geojson`` is a MultiLineString.  Its first
part is the main front, an open line with the UN side on its right; both ends
lie at sea outside the peninsula.  The UN side is the polygon closed by
dropping from both ends straight south (in map metres) to below Jeju.  Every
further part is a closed ring: clockwise for a UN-held enclave (the Inchon
beachhead, the Hungnam perimeter), anticlockwise for a communist-held pocket.
Territory is the Korean land split by that polygon.

Between two dated states the *territory* morphs (:mod:`explorer.war.morph`):
the signed distance fields of the two UN sides are blended and contoured at
zero where the two differ, so that every point of land changes side at most
once, from its side at the earlier state to its side at the later one.  A
record's ``taken`` towns and ``moves_from`` / ``moves_until`` dates time the
change (:mod:`explorer.war.frontparts`); its ``zones`` are ground held by
neither side, shown in steps (:meth:`Chronology.zones_on`).  A moment may be
a date and a fraction of a day (:meth:`Chronology.state_at`).
:meth:`Chronology.controller_at` says who held a point;
:meth:`Chronology.status_at` also says when neither side held it or it was
changing hands.  Before 25 June 1950 the map shows the division at the 38th
parallel, and after 27 July 1953 the armistice line.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import shapely
from shapely.geometry import LinearRing, Point, Polygon
from shapely.geometry.base import BaseGeometry

from explorer.war.geodata import (
    FRONTS_FILE,
    GeoData,
    GeodataError,
    GeodataProblem,
    read_collection,
)
from explorer.core.dates import DateLike, as_date, format_date
from explorer.war.frontparts import Taken, Zone, parse_moving_window, parse_taken, parse_zones
from explorer.war.morph import FieldFile, MorphFrame, PairMorph, TownTiming
from explorer.war.projection import project_coords, to_xy

#: First and last day of the fighting.
WAR_START = dt.date(1950, 6, 25)
WAR_END = dt.date(1953, 7, 27)
#: The span the timeline covers: liberation and division, the war, its
#: aftermath to the end of 1956, and a narrow stretch of later years to 1999
#: where the sources' historiography (archives opened in the 1990s) sits.
TIMELINE_START = dt.date(1945, 8, 15)
AFTERMATH_END = dt.date(1956, 12, 31)
TIMELINE_END = dt.date(1999, 12, 31)

#: Ends of a main front must lie outside this lon/lat box (in the sea).
INNER_BOX = (123.0, 33.0, 132.0, 43.5)
#: Samples per main line when blending two fronts.
RESAMPLE_POINTS = 400
#: Points this close to Korean land (metres) count as on land (ports, islets).
COAST_TOLERANCE_M = 3000.0
#: Points on a neighbour's land this close to Korea count as Korean (the border
#: data follows the Yalu and Tumen only to within a few hundred metres).
BORDER_TOLERANCE_M = 1000.0

#: Islands farther than this from the mainland were held by the UN side for the
#: whole war (its navies controlled the seas): Jeju, Ulleung, the islands off
#: both coasts of the north.  A front's sea legs never hand them over.
OFFSHORE_M = 10_000.0

UN = "UN"
COMMUNIST = "COMMUNIST"
#: Finer statuses of :meth:`Chronology.status_at`.
NEITHER = "NEITHER"
CHANGING = "CHANGING"

_BOTTOM_Y = float(to_xy(127.5, 30.0)[1])


def as_day(value: DateLike | float) -> float:
    """A day as an ordinal float: a date (or ISO text) is its ``toordinal()``; a number is taken as is."""
    if isinstance(value, (dt.date, str)):
        return float(as_date(value).toordinal())
    return float(value)


_OFFSHORE_ZONES: dict[int, BaseGeometry] = {}


def _offshore_zone(offshore: BaseGeometry) -> BaseGeometry:
    """The offshore islands with the coast tolerance around them, prepared (kept per geometry)."""
    zone = _OFFSHORE_ZONES.get(id(offshore))
    if zone is None:
        zone = offshore.buffer(COAST_TOLERANCE_M, quad_segs=4)
        shapely.prepare(zone)
        _OFFSHORE_ZONES.clear()
        _OFFSHORE_ZONES[id(offshore)] = zone
    return zone


def _join_lines(lines: list[np.ndarray]) -> np.ndarray:
    """Line parts as one (n, 2) array with a row of NaN between parts (matplotlib draws the breaks)."""
    if not lines:
        return np.full((1, 2), np.nan)
    gap = np.full((1, 2), np.nan)
    parts: list[np.ndarray] = []
    for k, ln in enumerate(lines):
        if k:
            parts.append(gap)
        parts.append(np.asarray(ln, dtype=float))
    return np.concatenate(parts)


@dataclass(frozen=True)
class FrontStatus:
    """What :meth:`Chronology.status_at` says of a point on a day.

    Attributes
    ----------
    kind
        ``"UN"``, ``"COMMUNIST"``, ``"NEITHER"`` or ``"CHANGING"``.
    side
        Who held it, as :meth:`Chronology.controller_at` says (the side of
        the drawn front, even inside a zone held by neither side).
    zone
        For ``"NEITHER"``, the zone.
    between
        For ``"CHANGING"``, the dates of the two records it changes hands between.
    """

    kind: str
    side: str
    zone: Zone | None = None
    between: tuple[dt.date, dt.date] | None = None

    def describe(self) -> str:
        """A line for a hover text."""
        if self.kind == NEITHER and self.zone is not None:
            return self.zone.describe()
        if self.kind == CHANGING and self.between is not None:
            a, b = self.between
            held = "UN-held" if self.side == UN else "communist-held"
            return f"Changing hands between {format_date(a)} and {format_date(b)} (now {held})"
        return "UN-held" if self.kind == UN else "Communist-held"


# --------------------------------------------------------------------------- phases


@dataclass(frozen=True)
class Phase:
    """A phase of the war (or of the years around it)."""

    id: str
    title: str
    start: dt.date
    end: dt.date
    colour: str
    summary: str
    short: str = ""

    @property
    def short_title(self) -> str:
        """The short name for tight spaces (the title when the phase has none)."""
        return self.short or self.title


def load_phases(path: Path | None = None) -> list[Phase]:
    """Read ``resources/phases.json``."""
    if path is None:
        from explorer.core.paths import resources_dir

        path = resources_dir() / "phases.json"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        phases = [
            Phase(p["id"], p["title"], as_date(p["start"]), as_date(p["end"]), p["colour"], p.get("summary", ""),
                  p.get("short") or "")
            for p in data["phases"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GeodataError(f"{path}: cannot read the phases: {exc}") from None
    phases.sort(key=lambda p: p.start)
    return phases


# --------------------------------------------------------------------------- geometry helpers


def resample(xy: np.ndarray, n: int) -> np.ndarray:
    """Resample a polyline to *n* points evenly spaced by arc length."""
    seg = np.hypot(*np.diff(xy, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    if cum[-1] == 0:
        return np.repeat(xy[:1], n, axis=0)
    t = np.linspace(0.0, cum[-1], n)
    return np.column_stack([np.interp(t, cum, xy[:, 0]), np.interp(t, cum, xy[:, 1])])


def _ring_from_west(xy: np.ndarray) -> np.ndarray:
    """Rotate a closed ring so that it starts at its westernmost vertex."""
    body = xy[:-1]
    k = int(np.argmin(body[:, 0]))
    body = np.concatenate([body[k:], body[:k]])
    return np.concatenate([body, body[:1]])


def un_side_polygon(main_xy: np.ndarray, rings: tuple[Ring, ...] = ()) -> BaseGeometry:
    """The UN side of a front: the main line closed to the south, with its rings."""
    closing = np.array([[main_xy[-1, 0], _BOTTOM_Y], [main_xy[0, 0], _BOTTOM_Y]])
    poly: BaseGeometry = Polygon(np.concatenate([main_xy, closing]))
    if not poly.is_valid:
        poly = shapely.make_valid(poly)
    for ring in rings:
        rp = Polygon(ring.xy)
        if not rp.is_valid:
            rp = shapely.make_valid(rp)
        poly = poly.union(rp) if ring.un_held else poly.difference(rp)
    return poly


# --------------------------------------------------------------------------- states


@dataclass(frozen=True)
class Ring:
    """A closed part of a front: a UN enclave (``un_held``) or a communist pocket."""

    name: str
    xy: np.ndarray
    un_held: bool


@dataclass(frozen=True)
class FrontRecord:
    """A dated front as recorded in ``geodata/fronts.geojson``."""

    date: dt.date
    status: str
    label: str
    note: str
    citations: tuple[dict[str, Any], ...]
    main_lonlat: np.ndarray
    main_xy: np.ndarray
    rings: tuple[Ring, ...]
    main_name: str = "front"
    #: Ground held by neither side on this date (see :mod:`explorer.war.frontparts`).
    zones: tuple[Zone, ...] = ()
    #: Towns that changed hands on known days since the previous record.
    taken: tuple[Taken, ...] = ()
    #: The ground changing hands since the previous record did not move before this day...
    moves_from: dt.date | None = None
    #: ... and had come to rest by this one.
    moves_until: dt.date | None = None

    @cached_property
    def main_resampled(self) -> np.ndarray:
        return resample(self.main_xy, RESAMPLE_POINTS)

    @cached_property
    def un_side(self) -> BaseGeometry:
        return un_side_polygon(self.main_xy, self.rings)


@dataclass
class WarState:
    """Where things stood on one day.

    Attributes
    ----------
    date
        The day.
    phase
        The phase of the war that day (``None`` outside the phases' span).
    status
        ``"documented"`` or ``"inferred"`` on the date of a recorded front,
        ``"interpolated"`` between two of them, ``"division"`` before the war
        and ``"armistice"`` after it.
    front_xy
        The main front in map metres, UN side on its right.
    rings
        Enclaves and pockets in map metres.
    between
        For an interpolated state, the dates of the two recorded fronts it lies between.
    record
        The recorded front of that very day, if there is one.
    previous
        The last recorded front before this day (the map's faint "ghost").
    """

    date: dt.date
    phase: Phase | None
    status: str
    front_xy: np.ndarray
    rings: tuple[Ring, ...]
    korea: BaseGeometry
    between: tuple[dt.date, dt.date] | None = None
    fraction: float = 0.0
    record: FrontRecord | None = None
    previous: FrontRecord | None = None
    label: str = ""
    offshore: BaseGeometry | None = None
    _un_side: BaseGeometry | None = field(default=None, repr=False)
    #: The moment shown, as a day ordinal with its fraction (``date.toordinal() + fraction``).
    day: float = 0.0
    #: Between two records: the morphed territory of the moment (see :mod:`explorer.war.morph`).
    frame: MorphFrame | None = field(default=None, repr=False)
    #: The later of the two records of an interpolated state.
    next_record: FrontRecord | None = None
    #: Ground held by neither side on this day.
    zones: tuple[Zone, ...] = ()
    _changing: BaseGeometry | None = field(default=None, repr=False)

    @property
    def interpolated(self) -> bool:
        """True when the front is blended between two recorded states."""
        return self.status == "interpolated"

    @property
    def un_side(self) -> BaseGeometry:
        """The UN side of the front as a polygon in map metres (not clipped to land)."""
        if self._un_side is None:
            if self.frame is not None:
                self._un_side = self.frame.geometry
            else:
                self._un_side = un_side_polygon(self.front_xy, self.rings)
        return self._un_side

    @property
    def fill_rings(self) -> list[np.ndarray]:
        """Rings of the UN side to fill (non-zero rule), in map metres; the renderer draws these."""
        if self.frame is not None:
            return self.frame.fill_rings
        from explorer.war.morph import _rings_of

        return _rings_of(self.un_side)

    @property
    def changing(self) -> BaseGeometry | None:
        """Between two records: the Korean land that changes hands between them (else ``None``)."""
        if self.frame is None or self.previous is None or self.next_record is None:
            return None
        if self._changing is None:
            diff = shapely.symmetric_difference(self.previous.un_side, self.next_record.un_side)
            self._changing = diff.intersection(self.korea).buffer(0)
        return self._changing

    @cached_property
    def un_territory(self) -> BaseGeometry:
        """UN-held Korean land, in map metres (offshore islands included in wartime)."""
        land = self.korea.intersection(self.un_side)
        return land.union(self.offshore) if self.offshore is not None else land

    @cached_property
    def communist_territory(self) -> BaseGeometry:
        """Communist-held Korean land, in map metres."""
        return self.korea.difference(self.un_territory)

    @property
    def un_area_share(self) -> float:
        """Share of the Korean land held by the UN side (0..1)."""
        total = self.korea.area
        return self.un_territory.area / total if total else 0.0

    def side_at_xy(self, x: float, y: float) -> str:
        """``"UN"`` or ``"COMMUNIST"`` for a point in map metres (land is not checked)."""
        pt = Point(x, y)
        if self.offshore is not None and self.offshore.distance(pt) <= COAST_TOLERANCE_M:
            return UN
        if self.frame is not None:
            return UN if bool(self.frame.side_xy(x, y)[0]) else COMMUNIST
        return UN if self.un_side.covers(pt) else COMMUNIST

    def sides_xy(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`side_at_xy`: True where a point (map metres) is UN-held (land not checked)."""
        x = np.atleast_1d(np.asarray(x, dtype=float))
        y = np.atleast_1d(np.asarray(y, dtype=float))
        if self.frame is not None:
            out = self.frame.side_xy(x, y)
        else:
            side = self.un_side
            shapely.prepare(side)
            out = shapely.contains_xy(side, x, y)
        if self.offshore is not None:
            near = _offshore_zone(self.offshore)
            out = out | shapely.contains_xy(near, x, y)
        return out

    def describe(self, *, headline: bool = False) -> str:
        """A line of text saying what kind of front this is: the one wording of the app.

        The status bar, the window's date card and exported pages all say
        this.  With *headline*, a recorded front is named by its record's
        label ("Inchon landing \u2014 documented front"), for places that do
        not show the date's headline already.
        """
        if self.status == "interpolated" and self.between:
            return f"Front interpolated between the fronts of {date_pair(*self.between)}"
        if self.status == "division":
            return "Korea divided at the 38th parallel"
        if self.status == "armistice":
            return "Armistice line of 27 July 1953"
        if headline and self.record is not None and self.record.label:
            return f"{self.record.label} \u2014 {self.status} front"
        return f"Front of {format_date(self.date)} ({self.status})"


def date_pair(a: dt.date, b: dt.date) -> str:
    """``18 and 22 September 1950``, ``30 November and 8 December 1950`` or two full dates."""
    if a.year == b.year and a.month == b.month:
        return f"{a.day} and {format_date(b)}"
    if a.year == b.year:
        return f"{a.day} {a.strftime('%B')} and {format_date(b)}"
    return f"{format_date(a)} and {format_date(b)}"


#: The Republic of Korea was proclaimed in Seoul on this day (the US military government ended).
ROK_PROCLAIMED = dt.date(1948, 8, 15)


def side_names(date: DateLike) -> tuple[str, str]:
    """What the map's two colours stand for on *date*: (blue side, orange side).

    During the war, the territory each side held; before it, the two
    occupation zones and then the two states; after the armistice, the two
    states on either side of the demarcation line.
    """
    d = as_date(date)
    if d < ROK_PROCLAIMED:
        return "US occupation zone", "Soviet occupation zone"
    if d < WAR_START or d > WAR_END:
        return "South Korea", "North Korea"
    return "UN-held", "Communist-held"


# --------------------------------------------------------------------------- loading fronts


def _parse_record(fid: str, item: Any, problems: list[GeodataProblem]) -> FrontRecord | None:
    def bad(msg: str) -> None:
        problems.append(GeodataProblem(FRONTS_FILE, fid, msg))

    if not isinstance(item, dict) or item.get("type") != "Feature":
        bad("not a GeoJSON Feature")
        return None
    props = item.get("properties") or {}
    if not isinstance(props, dict):
        bad("properties is not an object")
        return None
    try:
        raw_date = props.get("date")
        if raw_date is None:
            raise ValueError("no date")
        date = as_date(raw_date)
    except ValueError:
        bad(f"missing or unparseable date {props.get('date')!r}")
        return None
    status = props.get("status")
    if status not in ("documented", "inferred"):
        bad(f"status must be 'documented' or 'inferred', not {status!r}")
        return None
    geom = item.get("geometry") or {}
    if not isinstance(geom, dict):
        bad("geometry is not an object")
        return None
    gtype, coords = geom.get("type"), geom.get("coordinates")
    if gtype == "LineString":
        coords = [coords]
    elif gtype != "MultiLineString":
        bad(f"geometry must be a MultiLineString, not {gtype!r}")
        return None
    try:
        if coords is None:
            raise TypeError("no coordinates")
        parts = [np.asarray(p, dtype=float).reshape(-1, 2) for p in coords]
    except (TypeError, ValueError):
        bad("coordinates are not lists of [lon, lat] pairs")
        return None
    if not parts or any(len(p) < 2 for p in parts) or any(not np.all(np.isfinite(p)) for p in parts):
        bad("a part has fewer than two points or a non-numeric coordinate")
        return None
    names = props.get("parts") or []
    if not isinstance(names, list):
        bad("parts must be a list of names, one per geometry part")
        return None
    main = parts[0]
    if np.allclose(main[0], main[-1]):
        bad("the first part (the main front) must be an open line, not a ring")
        return None
    w, s, e, n = INNER_BOX
    for end, which in ((main[0], "start"), (main[-1], "end")):
        if w < end[0] < e and s < end[1] < n:
            bad(f"the main front's {which} ({end[0]:.3f}, {end[1]:.3f}) must lie at sea outside {INNER_BOX}")
            return None
    rings = []
    for k, part in enumerate(parts[1:], start=1):
        name = str(names[k]) if k < len(names) else f"part {k}"
        if len(part) < 4 or not np.allclose(part[0], part[-1]):
            bad(f"part {k} ({name}) must be a closed ring")
            return None
        lr = LinearRing(part)
        if not lr.is_valid:
            bad(f"part {k} ({name}) crosses itself")
            return None
        xy = _ring_from_west(project_coords(part))
        rings.append(Ring(name, xy, un_held=not lr.is_ccw))
    cits = props.get("citations") or []
    if not isinstance(cits, list):
        bad("citations must be a list")
        return None
    zones = parse_zones(props.get("zones"), date, bad)
    taken = parse_taken(props.get("taken"), bad)
    ok, moves_from, moves_until = parse_moving_window(props, bad)
    if zones is None or taken is None or not ok:
        return None
    return FrontRecord(
        date=date,
        status=status,
        label=str(props.get("label") or ""),
        note=str(props.get("note") or ""),
        citations=tuple(c for c in cits if isinstance(c, dict)),
        main_lonlat=main,
        main_xy=project_coords(main),
        rings=tuple(rings),
        main_name=str(names[0]) if names else "front",
        zones=zones,
        taken=taken,
        moves_from=moves_from,
        moves_until=moves_until,
    )


def load_fronts(path: Path, problems: list[GeodataProblem]) -> list[FrontRecord]:
    """Read and validate the dated fronts; broken features are reported and dropped."""
    data = read_collection(path)
    records: list[FrontRecord] = []
    for i, item in enumerate(data["features"]):
        fid = str(item.get("id", i)) if isinstance(item, dict) else str(i)
        rec = _parse_record(fid, item, problems)
        if rec is not None:
            records.append(rec)
    for a, b in zip(records, records[1:]):
        if b.date <= a.date:
            problems.append(GeodataProblem(path.name, b.date.isoformat(),
                                           f"dates must be strictly increasing: {b.date} follows {a.date}"))
    uniq: dict[dt.date, FrontRecord] = {}
    for r in records:
        uniq.setdefault(r.date, r)
    out = sorted(uniq.values(), key=lambda r: r.date)
    for a, b in zip(out, out[1:]):
        _check_between(a, b, path.name, problems)
    return out


def _check_between(a: FrontRecord, b: FrontRecord, file: str, problems: list[GeodataProblem]) -> None:
    """Dates of *b*'s taken towns and moving window must lie after *a* and by *b*."""
    fid = b.date.isoformat()
    for t in b.taken:
        if not a.date < t.date <= b.date:
            problems.append(GeodataProblem(file, fid, f"taken {t.place!r}: date {t.date} must lie after the "
                                                      f"previous record ({a.date}) and no later than {b.date}"))
    for what, d in (("moves_from", b.moves_from), ("moves_until", b.moves_until)):
        if d is not None and not a.date < d <= b.date:
            problems.append(GeodataProblem(file, fid, f"{what} {d} must lie after the previous record "
                                                      f"({a.date}) and no later than {b.date}"))


# --------------------------------------------------------------------------- the chronology


def _front_land(korea: BaseGeometry, offshore: BaseGeometry | None) -> BaseGeometry:
    if korea.is_empty:
        return korea
    land = korea.difference(offshore) if offshore is not None else korea
    simple = land.simplify(300.0, preserve_topology=True)
    parts = [p for p in getattr(simple, "geoms", [simple]) if p.area >= 3e6]
    return shapely.MultiPolygon(parts) if parts else simple


def _stop_at_exit(stop: threading.Event, thread: threading.Thread, timeout: float = 10.0) -> None:
    """Stop a background build of the morphs and wait for the pair under way (see
    :meth:`Chronology.prepare_morphs_in_background`)."""
    stop.set()
    if thread.is_alive():
        thread.join(timeout)


class StopFlag(Protocol):
    """Anything with ``is_set()``, like :class:`threading.Event`: work stops once it is true."""

    def is_set(self) -> bool: ...


class Chronology:
    """The dated fronts of the war over the map's Korean land.

    Use :meth:`load`; then :meth:`state_at` for the map of a day and
    :meth:`controller_at` for who held a point.
    """

    #: The load cache's key it was read or written under (None when it was not cached).
    _load_key: Any = None

    def __init__(self, geodata: GeoData, records: list[FrontRecord], phases: list[Phase],
                 problems: list[GeodataProblem] | None = None, events: list | None = None) -> None:
        if not records:
            raise GeodataError("no usable dated front in the geodata")
        self.geodata = geodata
        self.records = records
        self.phases = phases
        self.problems = list(problems or [])
        #: The chronology of events (``resources/events.json``), sorted by start.
        self.events = list(events or [])
        self._dates = [r.date for r in records]
        from explorer.war.movements import load_movements

        self.movements = load_movements(geodata.folder, self.problems)
        from explorer.war.namedlines import load_named_lines

        #: The named lines (Kansas, Wyoming, Jamestown, the MDL, ...) with their dates.
        self.named_lines = load_named_lines(geodata.folder, self.problems)
        self._cache: OrderedDict[float, WarState] = OrderedDict()
        self._morphs: OrderedDict[int, PairMorph] = OrderedDict()
        self._morph_lock = threading.Lock()
        self._ordinals = [d.toordinal() for d in self._dates]
        parts = list(getattr(geodata.korea, "geoms", [geodata.korea]))
        mainland = max(parts, key=lambda p: p.area) if parts else None
        far = []
        if mainland is not None:
            # dwithin on a prepared mainland is ten times faster than distance().
            shapely.prepare(mainland)
            near = shapely.dwithin(mainland, np.array(parts, dtype=object), OFFSHORE_M)
            far = [p for p, n in zip(parts, near) if not n]
        #: Korean islands far from the mainland (UN-held throughout the war).
        self.offshore = shapely.MultiPolygon(far) if far else None
        if self.offshore is not None:
            shapely.prepare(self.offshore)
        # Land of the neighbouring countries: a point there is never Korean,
        # however close to the border river it lies.
        abroad: list = []
        for c, g in geodata.land:
            if c not in ("KOR", ""):
                abroad.extend(g.geoms if g.geom_type == "MultiPolygon" else [g])
        self._abroad = shapely.MultiPolygon(abroad)
        shapely.prepare(self._abroad)
        div = np.array([[121.5, 38.0], [134.0, 38.0]])
        self._division_xy = resample(project_coords(div), 64)
        #: Korean land the fronts are drawn over: simplified by 300 m, islets
        #: under 3 km^2 dropped, the offshore islands (held by the UN throughout)
        #: left out, so no front's sea leg is drawn across them.  Computed here
        #: so that the data cache keeps it.
        self.front_land = _front_land(geodata.korea, self.offshore)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cache"] = OrderedDict()
        state["_morphs"] = OrderedDict()
        state.pop("_morph_lock", None)
        state.pop("_morph_thread", None)
        state.pop("_load_key", None)
        state.pop("_zones_memo", None)
        state.pop("_zone_spans", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._morph_lock = threading.Lock()
        # Pickling keeps the geometries but not their spatial indexes.
        for g in (self.geodata.korea, self.offshore, self._abroad):
            if g is not None:
                shapely.prepare(g)

    @classmethod
    def load(cls, geodata_dir: Path | None = None, resources_dir: Path | None = None) -> Chronology:
        """Load the bundled (or given) geodata, fronts, phases and events.

        The result is cached on disk (see :mod:`explorer.war.loadcache`)
        and taken from there while none of the files it was read from has
        changed.
        """
        from explorer.core import paths
        from explorer.war import loadcache

        gdir = Path(geodata_dir) if geodata_dir is not None else paths.geodata_dir()
        rdir = Path(resources_dir) if resources_dir is not None else paths.resources_dir()
        try:
            inputs = [*gdir.glob("*.geojson"), rdir / "phases.json", rdir / "events.json"]
            key = loadcache.cache_key(inputs)
        except OSError:
            key = None
        if key is not None:
            cached = loadcache.read("chronology", key)
            if isinstance(cached, cls):
                cached._load_key = key
                return cached
        chronology = cls._read(geodata_dir, resources_dir)
        if key is not None:
            loadcache.write("chronology", key, chronology)
            chronology._load_key = key
        return chronology

    @classmethod
    def _read(cls, geodata_dir: Path | None, resources_dir: Path | None) -> Chronology:
        geodata = GeoData.load(geodata_dir)
        problems: list[GeodataProblem] = list(geodata.problems)
        records = load_fronts(geodata.folder / FRONTS_FILE, problems)
        phases = load_phases(None if resources_dir is None else Path(resources_dir) / "phases.json")
        from explorer.war.events import EventsError, load_events

        event_problems: list[str] = []
        try:
            events = load_events(None if resources_dir is None else Path(resources_dir) / "events.json",
                                 event_problems, phases={p.id for p in phases})
        except EventsError as exc:
            event_problems.append(str(exc))
            events = []
        problems.extend(GeodataProblem("events.json", None, msg) for msg in event_problems)
        return cls(geodata, records, phases, problems, events)

    # ---- lookups

    @property
    def dates(self) -> list[dt.date]:
        """Dates of the recorded fronts, in order."""
        return list(self._dates)

    def phase_at(self, date: DateLike) -> Phase | None:
        """The phase that contains *date*."""
        d = as_date(date)
        for p in self.phases:
            if p.start <= d <= p.end:
                return p
        return None

    def record_on(self, date: DateLike) -> FrontRecord | None:
        """The recorded front of exactly that day, if any."""
        d = as_date(date)
        import bisect

        i = bisect.bisect_left(self._dates, d)
        return self.records[i] if i < len(self._dates) and self._dates[i] == d else None

    def state_at(self, date: DateLike | float, fraction: float = 0.0) -> WarState:
        """The state of the war at a moment (cached for recently asked moments).

        Parameters
        ----------
        date
            A day (:class:`datetime.date` or ISO text), or a day ordinal
            (``date.toordinal()``) as a float whose fractional part is the
            fraction of the way to the next day.
        fraction
            With a day: how far (0..1) towards the next day's map.  Between
            two records the territory moves continuously with it; on a
            recorded day with no fraction the map is exactly the record.
        """
        day = as_day(date) + float(fraction)
        key = round(day, 6)
        state = self._cache.get(key)
        if state is not None:
            self._cache.move_to_end(key)
            return state
        state = self._compute_state(key)
        self._cache[key] = state
        if len(self._cache) > 256:
            self._cache.popitem(last=False)
        return state

    # ---- the morph

    #: Pairs of records whose morphs are kept: all of the war's.  Their fields take
    #: about 0.2 MB a pair (48,000 half-precision nodes, two fields); read from the
    #: disk cache, only a few pairs' are in memory at once (see :class:`FieldFile`).
    MORPH_CACHE_PAIRS = 128

    def morph_land(self) -> BaseGeometry:
        """A coarse outline of the land with a 5 km margin: where differences between records count."""
        land = self.__dict__.get("_morph_land")
        if land is None:
            land = self.front_land.simplify(2000).buffer(5000).simplify(1000)
            if self.offshore is not None:
                land = land.difference(self.offshore.buffer(1000))
            self.__dict__["_morph_land"] = land
        return land

    def pair_morph(self, i: int) -> PairMorph:
        """The morph between records *i* and *i* + 1 (built on first use, then cached).

        Safe to call from two threads (see :meth:`prepare_morphs_in_background`):
        at worst a pair is built twice and one copy kept.
        """
        with self._morph_lock:
            morph = self._morphs.get(i)
            if morph is not None:
                self._morphs.move_to_end(i)
                return morph
        morph = self._build_pair(i)
        with self._morph_lock:
            kept = self._morphs.setdefault(i, morph)
            self._morphs.move_to_end(i)
            while len(self._morphs) > self.MORPH_CACHE_PAIRS:
                self._morphs.popitem(last=False)
        return kept

    def prepare_morphs(self, stop: StopFlag | None = None, cached_only: bool = False,
                       pairs: Iterable[int] | None = None, workers: int = 1) -> None:
        """Build the morph of every pair of records (a few seconds), unless *stop* is set first.

        With *cached_only*, only take what the disk cache has (the rest is
        built when first asked for).  *pairs* limits the building to those
        pairs (the cache is still read whole); *workers* threads build them
        at once (GEOS and numpy work without Python's lock: two threads take
        about 60 % of the time of one).

        With the disk cache on (:mod:`explorer.war.loadcache`), the morphs
        built once are read back on later starts instead of being built again;
        they are written when every pair has been built.  Their fields (about
        16 MB) stay in the file: a pair reads its own when first used, and
        only the last :data:`~explorer.war.morph.RESIDENT_PAIRS` used are kept
        in memory.
        """
        from explorer.war import loadcache

        key = self.__dict__.get("_load_key")
        if key is not None:
            got = loadcache.read_with_tail("morphs", key)
            if got is not None and isinstance(got[0], dict):
                cached, path, start = got
                file = FieldFile(path, start)
                with self._morph_lock:
                    for i, morph in cached.items():
                        if isinstance(i, int) and isinstance(morph, PairMorph):
                            morph.use_file(file)
                            self._morphs.setdefault(i, morph)
        if cached_only:
            return
        n = len(self.records) - 1
        wanted = range(n) if pairs is None else sorted({i for i in pairs if 0 <= i < n})
        with self._morph_lock:
            missing = [i for i in wanted if i not in self._morphs]
        if not missing:
            return

        def build(i: int) -> None:
            if stop is None or not stop.is_set():
                self.pair_morph(i)

        if workers > 1 and len(missing) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="morph-fields") as pool:
                list(pool.map(build, missing))
        else:
            for i in missing:
                build(i)
        if key is not None and (stop is None or not stop.is_set()):
            with self._morph_lock:
                snapshot = dict(self._morphs)
            if len(snapshot) == n:
                # The fields go after the pickle, raw; each pair then reads its own
                # back from there when used, so that memory keeps only a few.
                tail: list[np.ndarray] = []
                at = 0
                for i in sorted(snapshot):
                    parts = snapshot[i].field_tail(at)
                    tail.extend(parts)
                    at += sum(p.size for p in parts)
                written = loadcache.write("morphs", key, snapshot, tail)
                if written is not None:
                    file = FieldFile(*written)
                    for morph in snapshot.values():
                        morph.use_file(file)

    def pairs_between(self, start: DateLike, end: DateLike) -> range:
        """The indices of the pairs of records whose morphs the days from *start* to *end* use."""
        import bisect

        a, b = as_date(start), as_date(end)
        first = max(0, bisect.bisect_right(self._dates, a) - 1)
        last = min(len(self.records) - 2, bisect.bisect_left(self._dates, b))
        return range(first, max(first, last + 1))

    def prepare_morphs_in_background(self) -> threading.Thread:
        """Start :meth:`prepare_morphs` in a daemon thread (once), so that a jump to any day is quick.

        numpy and GEOS do most of the work with the interpreter lock
        released; the window stays responsive while it runs.  When the
        process exits it stops after the pair under way, and the exit waits
        for that pair: a daemon thread left inside GEOS while the C++ runtime
        is torn down can abort the process ("pure virtual method called").
        """
        thread = self.__dict__.get("_morph_thread")
        if thread is None or not thread.is_alive():
            stop = threading.Event()
            thread = threading.Thread(target=self.prepare_morphs, kwargs={"stop": stop}, name="morph-fields",
                                      daemon=True)
            self.__dict__["_morph_thread"] = thread
            atexit.register(_stop_at_exit, stop, thread)
            thread.start()
        return thread

    def morphs_building(self) -> bool:
        """True while :meth:`prepare_morphs_in_background` is still at work."""
        thread = self.__dict__.get("_morph_thread")
        return thread is not None and thread.is_alive()

    def _build_pair(self, i: int) -> PairMorph:
        a, b = self.records[i], self.records[i + 1]
        a_day, b_day = a.date.toordinal(), b.date.toordinal()
        towns = []
        for t in b.taken:
            at = t.date.toordinal() - 0.5   # it changes hands between the maps of the day before and its day
            if a_day < at < b_day:
                x, y = t.xy
                towns.append(TownTiming(x, y, t.radius_m, at))
        lo = b.moves_from.toordinal() - 1 if b.moves_from is not None and a.date < b.moves_from <= b.date else a_day
        hi = b.moves_until.toordinal() if b.moves_until is not None and a.date < b.moves_until <= b.date else b_day
        morph = PairMorph(a.un_side, b.un_side, [a.main_xy, *(r.xy for r in a.rings)], a_day, b_day,
                          self.morph_land(), tuple(towns), (float(lo), float(hi)),
                          lines_b=[b.main_xy, *(r.xy for r in b.rings)])
        return morph

    def zones_on(self, date: DateLike | float) -> tuple[Zone, ...]:
        """The zones held by neither side shown on a day (in steps, never blended).

        A zone recorded with a front is shown from its ``since`` date (or
        the record's) to its ``until`` date (or the day before the next
        record); where two records give a zone of the same name, the later
        one takes over from its own date.
        """
        d = math.floor(as_day(date))
        memo = self.__dict__.setdefault("_zones_memo", {})
        hit = memo.get(d)
        if hit is not None:
            return hit
        spans = self.__dict__.get("_zone_spans")
        if spans is None:
            # Each recorded zone's first and last day and its record's day, in the records' order.
            spans = []
            for k, rec in enumerate(self.records):
                r_day = self._ordinals[k]
                next_day = self._ordinals[k + 1] if k + 1 < len(self._ordinals) else r_day + 1
                for z in rec.zones:
                    start = z.since.toordinal() if z.since is not None else r_day
                    end = z.until.toordinal() if z.until is not None else next_day - 1
                    spans.append((start, end, r_day, z))
            self.__dict__["_zone_spans"] = spans
        best: dict[str, tuple[tuple[int, int], Zone]] = {}
        for start, end, r_day, z in spans:
            if start <= d <= end:
                prior = best.get(z.name)
                # The record nearest before the day wins; else the nearest after it.
                rank = (0, d - r_day) if r_day <= d else (1, r_day - d)
                if prior is None or rank < prior[0]:
                    best[z.name] = (rank, z)
        out = tuple(z for _, z in sorted(best.values(), key=lambda item: item[1].name))
        if len(memo) > 4096:
            memo.clear()
        memo[d] = out
        return out

    def hatches_at(self, date: DateLike | float) -> WarState:
        """A day's state as far as its hatches go (ground changing hands, zones held by neither side).

        Between two records its territory and front are left out (its
        frame has no rings or lines): the morph is not contoured and its
        fields are not read.  The window renders every pair's hatch ahead
        with it in idle time.  Not cached; a day already cached is returned
        whole.
        """
        key = round(as_day(date), 6)
        kept = self._cache.get(key)
        return kept if kept is not None else self._compute_state(key, contour=False)

    def _compute_state(self, day: float, contour: bool = True) -> WarState:
        import bisect

        d = dt.date.fromordinal(int(math.floor(day)))
        phase = self.phase_at(d)
        korea = self.geodata.korea
        last = self.records[-1]
        if day < self._ordinals[0]:
            return WarState(d, phase, "division", self._division_xy, (), korea, label="Korea divided", day=day)
        if day >= self._ordinals[-1] and d > last.date:
            return WarState(d, phase, "armistice", last.main_xy, last.rings, korea, record=None,
                            previous=last, label="Armistice line", _un_side=last.un_side, day=day)
        zones = self.zones_on(day)
        i = bisect.bisect_right(self._ordinals, day) - 1
        a = self.records[i]
        prev = self.records[i - 1] if i > 0 else None
        off = self.offshore
        if self._ordinals[i] == day or i + 1 >= len(self.records):
            return WarState(d, phase, a.status, a.main_xy, a.rings, korea, record=a, previous=prev,
                            label=a.label, offshore=off, _un_side=a.un_side, day=day, zones=zones)
        b = self.records[i + 1]
        t = (day - self._ordinals[i]) / (self._ordinals[i + 1] - self._ordinals[i])
        pair = self.pair_morph(i)
        frame = pair.frame(day) if contour else MorphFrame(pair.natural(day), [], [], pair)
        return WarState(d, phase, "interpolated", _join_lines(frame.lines), (), korea, between=(a.date, b.date),
                        fraction=t, previous=a, label=f"{a.label} \u2192 {b.label}", offshore=off,
                        day=day, frame=frame, next_record=b, zones=zones)

    def status_at(self, date: DateLike | float, lon: float, lat: float) -> FrontStatus | None:
        """The finer status of a point: who held it, or that neither did, or that it was changing hands.

        Returns ``None`` at sea or outside Korea (like :meth:`controller_at`);
        else a :class:`FrontStatus` whose ``kind`` is ``"UN"``,
        ``"COMMUNIST"``, ``"NEITHER"`` (inside a zone held by neither side;
        ``zone`` names it) or ``"CHANGING"`` (on a day between two records,
        ground that is on different sides at the two; ``between`` gives
        their dates).  ``side`` is always what :meth:`controller_at` answers.
        """
        side = self.controller_at(date, lon, lat)
        if side is None:
            return None
        state = self.state_at(date)
        x, y = (float(v) for v in to_xy(float(lon), float(lat)))
        pt = Point(x, y)
        for z in state.zones:
            if z.polygon.covers(pt):
                return FrontStatus(NEITHER, side, zone=z)
        if state.frame is not None and state.previous is not None and state.next_record is not None:
            before = state.previous.un_side.covers(pt)
            after = state.next_record.un_side.covers(pt)
            if before != after:
                return FrontStatus(CHANGING, side, between=(state.previous.date, state.next_record.date))
        return FrontStatus(side, side)

    def controller_at(self, date: DateLike | float, lon: float, lat: float) -> str | None:
        """Who held the point (*lon*, *lat*) on *date*.

        Returns
        -------
        ``"UN"`` for land held by the UN side (South Korea and its allies),
        ``"COMMUNIST"`` for land held by North Korea and China, and ``None`` at
        sea or outside Korea.  Points at sea within 3 km of the Korean coast
        (ports, islets the coastline data leaves out) count as land; points on
        Chinese or Soviet land count only within 1 km of the border rivers.  Before the war
        the two sides are the two Koreas across the 38th parallel; after it,
        the two sides of the armistice line.
        """
        x, y = (float(v) for v in to_xy(float(lon), float(lat)))
        pt = Point(x, y)
        korea = self.geodata.korea
        if not korea.contains(pt):
            gap = korea.distance(pt)
            if gap > COAST_TOLERANCE_M or (gap > BORDER_TOLERANCE_M and self._abroad.contains(pt)):
                return None
        return self.state_at(date).side_at_xy(x, y)
