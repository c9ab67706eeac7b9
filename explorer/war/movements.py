"""The main movements of the war, drawn on the map as arrows that grow with time.

An arrow in ``geodata/movements.geojson`` runs from tail to head between its
``start`` and ``end`` dates.  On a day of its range it is drawn only as far as
the movement had come by the end of that day, never ahead of what it depicts:
the head moves along the course at an even pace, or through the optional
``reached`` dates (the day the head reached each vertex).  After its end the
arrow stays whole for :data:`FADE_DAYS` days, fading out.  ``kind`` says what
the movement was: ``advance``, ``withdrawal``, ``landing`` (from the sea) or
``evacuation`` (by sea), each drawn in its own style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from explorer.core.dates import parse_iso
from explorer.war.geodata import GeodataError, GeodataProblem, read_collection
from explorer.war.projection import project_coords
import itertools

MOVEMENTS_FILE = "movements.geojson"

#: Days an arrow stays on the map after its end, fading out.
FADE_DAYS = 10
#: What a movement was.
KINDS = ("advance", "withdrawal", "landing", "evacuation")
#: Kinds that move by sea: drawn in the sea style, with their own key entry.
SEA_KINDS = ("landing", "evacuation")


@dataclass(frozen=True)
class Movement:
    """An arrow: who moved, how, from where to where, between which dates.

    Attributes
    ----------
    xy
        The course from tail to head, (N, 2) map metres.
    reached
        The day the head reached each vertex of the course (the first is the
        start); ``None`` for an even pace from start to end.
    """

    id: str
    label: str
    side: str
    start: dt.date
    end: dt.date
    xy: np.ndarray = field(compare=False)
    kind: str = "advance"
    reached: tuple[dt.date, ...] | None = None

    def active(self, d: dt.date) -> bool:
        """True when the arrow is on the map on *d* (its range and the fade after it)."""
        return self.start <= d <= self.end + dt.timedelta(days=FADE_DAYS)

    @property
    def by_sea(self) -> bool:
        """True for a landing or an evacuation by sea."""
        return self.kind in SEA_KINDS

    def progress(self, d: dt.date) -> float:
        """Share of the course's length the head has covered by the end of *d*, 0 to 1.

        0 before the start, 1 from the end on.  The tail is left at the start of
        the start day, so the start day already shows that day's movement.
        """
        if d < self.start:
            return 0.0
        if d >= self.end:
            return 1.0
        seg = np.hypot(*np.diff(self.xy, axis=0).T)
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        total = float(cum[-1])
        if total <= 0:
            return 1.0
        origin = self.start.toordinal() - 1  # the end of the day before the start
        if self.reached is None:
            knots = np.array([origin, self.end.toordinal()], dtype=float)
            lengths = np.array([0.0, total])
        else:
            knots = np.array([origin] + [r.toordinal() for r in self.reached[1:]], dtype=float)
            lengths = cum
        # Several vertices reached the same day: the head is at the furthest.
        at = float(np.interp(d.toordinal(), knots, lengths, left=0.0, right=total))
        same = knots == d.toordinal()
        if same.any():
            at = max(at, float(lengths[same].max()))
        return min(max(at / total, 0.0), 1.0)

    def course_on(self, d: dt.date) -> np.ndarray:
        """The part of the course drawn on *d*: from the tail to where the head had come."""
        frac = self.progress(d)
        if frac >= 1.0:
            return self.xy
        seg = np.hypot(*np.diff(self.xy, axis=0).T)
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        target = frac * cum[-1]
        i = int(np.searchsorted(cum, target, side="right"))
        i = min(max(i, 1), len(cum) - 1)
        t = 0.0 if seg[i - 1] == 0 else (target - cum[i - 1]) / seg[i - 1]
        head = self.xy[i - 1] + t * (self.xy[i] - self.xy[i - 1])
        return np.vstack([self.xy[:i], head[None, :]])

    def opacity(self, d: dt.date) -> float:
        """1 over the arrow's range; after its end it fades out over :data:`FADE_DAYS` days."""
        if d <= self.end:
            return 1.0 if d >= self.start else 0.0
        gone = (d - self.end).days
        return max(0.0, 1.0 - gone / (FADE_DAYS + 1))


def load_movements(folder: Path, problems: list[GeodataProblem] | None = None) -> list[Movement]:
    """Read ``movements.geojson`` in *folder*; broken features are reported and skipped."""
    path = Path(folder) / MOVEMENTS_FILE
    out: list[Movement] = []
    try:
        data = read_collection(path)
    except GeodataError as exc:
        if problems is not None:
            problems.append(GeodataProblem(MOVEMENTS_FILE, None, str(exc).split(": ", 1)[-1]))
        return out
    for i, f in enumerate(data["features"]):
        fid = str(f.get("id", i)) if isinstance(f, dict) else str(i)
        try:
            props = f["properties"]
            start = parse_iso(props["start"])
            end = parse_iso(props["end"])
            side = props["side"]
            if side not in ("UN", "COMMUNIST"):
                raise ValueError(f"side must be UN or COMMUNIST, not {side!r}")
            if end < start:
                raise ValueError(f"ends ({end}) before it starts ({start})")
            kind = props.get("kind", "advance")
            if kind not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
            geom = f["geometry"]
            if geom.get("type") != "LineString" or len(geom["coordinates"]) < 2:
                raise ValueError("geometry must be a LineString of two or more points")
            reached = None
            if props.get("reached") is not None:
                raw = props["reached"]
                if not isinstance(raw, list) or len(raw) != len(geom["coordinates"]):
                    raise ValueError("'reached' must list one date per vertex of the course")
                reached = tuple(parse_iso(r) for r in raw)
                if reached[0] != start or reached[-1] != end:
                    raise ValueError("'reached' must begin on the start date and finish on the end date")
                if any(b < a for a, b in itertools.pairwise(reached)):
                    raise ValueError("'reached' dates must not go back in time")
            xy = project_coords(geom["coordinates"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if problems is not None:
                problems.append(GeodataProblem(MOVEMENTS_FILE, fid, f"unusable movement: {exc}"))
            continue
        out.append(Movement(fid, str(props.get("label", "")), side, start, end, xy, kind, reached))
    return out
