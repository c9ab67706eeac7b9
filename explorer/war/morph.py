"""Territory that morphs between two recorded fronts.

Between two consecutive records the UN-held ground is not made by blending
the two front lines point by point (that cannot follow an enclave joining the
main front, or a salient opening); the *territory* is interpolated instead:

1. Where the two records differ (their UN sides' symmetric difference over
   the land, with a margin) a grid is laid, fine where the difference is
   small (down to 250 m) and coarser where it is large (up to 3 km), so that
   a grid never has more than about :data:`MAX_NODES` nodes.
2. On it, the signed distance to each record's UN side (positive inside) is
   computed once per pair of records: ``fa`` and ``fb``.
3. On a day a fraction ``s`` of the way, the field ``(1 - s) * fa + s * fb``
   is contoured at zero, each grid square split into four triangles about
   its centre (so the contour is exactly the zero set of a piecewise-linear
   field).  Outside the grid the earlier record's UN side is used as it is;
   the two records agree there.

Because the field at a point is a linear blend of two values, it changes
sign at most once as ``s`` goes from 0 to 1: **every point changes side at
most once, from its side at the earlier record to its side at the later
one**, and ground held at both records (an enclave about to join the main
front) stays held throughout.  A record's ``moves_from`` / ``moves_until``
warp ``s`` in time for the whole pair; a town "taken on" a known day warps
it locally (the ground within its radius follows the town), still
monotonically, so that the town changes side on that day's map.

:class:`PairMorph` holds the per-pair fields; :meth:`PairMorph.frame` gives a
:class:`MorphFrame`, what a day looks like: rings to fill, front lines, and
a vectorised :meth:`MorphFrame.side_xy` consistent with what is drawn.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

__all__ = ["MAX_CELL_M", "MAX_NODES", "MIN_CELL_M", "RESIDENT_PAIRS", "FieldFile", "MorphFrame", "PairMorph",
           "TownTiming"]

#: Grid nodes per pair of records, at most (about).
MAX_NODES = 48_000
#: Finest and coarsest grid spacing, metres.
MIN_CELL_M = 250.0
MAX_CELL_M = 3000.0
#: The unit of the stored fields, metres (half precision then reaches 1,000 km).
FIELD_UNIT_M = 16.0
#: Margin of the grid around the ground that changes hands, metres.
MARGIN_M = 6000.0

#: Pairs whose fields, read from the disk cache, are kept in memory at once (the
#: most recently used; about 0.2 MB each).  The rest are read again when needed.
RESIDENT_PAIRS = 4

# The node coordinates of the last few grids contoured, as 2-D arrays: given the axes alone,
# contourpy spreads them over the grid again for every frame (half of a frame's set-up).
_GRIDS: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_GRIDS_LOCK = threading.Lock()


def _grid(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.meshgrid(xs, ys)`` for evenly spaced axes, kept for the last two grids asked for."""
    key = (float(xs[0]), float(xs[-1]), len(xs), float(ys[0]), float(ys[-1]), len(ys))
    with _GRIDS_LOCK:
        got = _GRIDS.get(key)
        if got is not None:
            _GRIDS.move_to_end(key)
            return got
    got = (*np.meshgrid(xs, ys),)
    for a in got:
        a.flags.writeable = False
    with _GRIDS_LOCK:
        _GRIDS[key] = got
        while len(_GRIDS) > 2:
            _GRIDS.popitem(last=False)
    return got


class FieldFile:
    """Where the fields of pairs read from the disk cache are: a file, and the offset of its tail.

    The disk cache (:mod:`explorer.war.loadcache`) keeps every pair's two
    fields one after another after the pickled morphs, as raw half-precision
    numbers.  A pair reads its own (two reads of about 100 kB from the page
    cache, a small fraction of a millisecond) when a frame of it is first
    drawn, and gives them up when :data:`RESIDENT_PAIRS` pairs used since
    have read theirs: memory holds a few pairs, not the war's 113.
    """

    def __init__(self, path: Path, start: int) -> None:
        self.path = Path(path)
        self.start = int(start)

    def read(self, offset: int, count: int) -> np.ndarray | None:
        """*count* half-precision numbers from *offset* (in numbers) into the tail; ``None`` if unreadable."""
        out = np.empty(count, dtype=np.float16)
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.start + 2 * offset)
                got = fh.readinto(out.view(np.uint8).data)
        except OSError:
            return None
        return out if got == out.nbytes else None


# The fields of the pair contoured last, in single precision (a drag contours the same pair day after day).
_LAST32: tuple[PairMorph, np.ndarray, np.ndarray] | None = None

# The pairs whose fields were read from a FieldFile, least recently used first.
_RESIDENT: OrderedDict[int, PairMorph] = OrderedDict()
_RESIDENT_LOCK = threading.Lock()


def _resident(morph: PairMorph) -> None:
    """Note *morph* as just used; the least recently used beyond :data:`RESIDENT_PAIRS` drop their fields."""
    with _RESIDENT_LOCK:
        _RESIDENT[id(morph)] = morph
        _RESIDENT.move_to_end(id(morph))
        while len(_RESIDENT) > RESIDENT_PAIRS:
            _, old = _RESIDENT.popitem(last=False)
            old._loaded = None


@dataclass(frozen=True)
class TownTiming:
    """A town that changes side at a known moment of a pair's morph.

    ``at`` is a day ordinal (``date.toordinal()``, fractions allowed): the
    moment the town crosses over.
    """

    x: float
    y: float
    radius: float
    at: float


def _rings_of(geom: BaseGeometry) -> list[np.ndarray]:
    """Exterior rings counter-clockwise and holes clockwise (non-zero fill)."""
    out: list[np.ndarray] = []
    polys = getattr(geom, "geoms", [geom])
    for p in polys:
        if p.is_empty or p.geom_type != "Polygon":
            continue
        for k, ring in enumerate([p.exterior, *p.interiors]):
            xy = np.asarray(ring.coords)
            out.append(_orient(xy, ccw=(k == 0)))
    return out


def _signed_area(xy: np.ndarray) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def _orient(xy: np.ndarray, ccw: bool) -> np.ndarray:
    return xy if (_signed_area(xy) > 0) == ccw else xy[::-1]


def _line_parts(geom: BaseGeometry) -> list[np.ndarray]:
    if geom.is_empty:
        return []
    parts = getattr(geom, "geoms", [geom])
    out = []
    for g in parts:
        if g.geom_type in ("LineString", "LinearRing"):
            out.append(np.asarray(g.coords))
        elif hasattr(g, "geoms"):
            out.extend(_line_parts(g))
    return out


def pl_interpolate(field_: np.ndarray | Any, x0: float, y0: float, cell: float,
                   x: np.ndarray, y: np.ndarray, shape: tuple[int, int] | None = None) -> np.ndarray:
    """The piecewise-linear field at points: each square cut in four triangles about its centre.

    This is the interpolation ``contourpy`` contours with ``quad_as_tri``,
    so a point's sign here is the side the drawn contour puts it on.
    Points must lie inside the grid.  *field_* is the grid of values, or a
    function of (row indices, column indices) giving them (then *shape* is
    the grid's shape).
    """
    if callable(field_):
        assert shape is not None
        ny, nx = shape
        at = field_
    else:
        ny, nx = field_.shape
        arr = np.asarray(field_, dtype=np.float64)

        def at(jj: np.ndarray, ii: np.ndarray) -> np.ndarray:
            return arr[jj, ii]
    gx = (np.asarray(x, dtype=float) - x0) / cell
    gy = (np.asarray(y, dtype=float) - y0) / cell
    i = np.clip(np.floor(gx).astype(int), 0, nx - 2)
    j = np.clip(np.floor(gy).astype(int), 0, ny - 2)
    u = np.clip(gx - i, 0.0, 1.0)
    v = np.clip(gy - j, 0.0, 1.0)
    z00 = at(j, i)
    z10 = at(j, i + 1)
    z01 = at(j + 1, i)
    z11 = at(j + 1, i + 1)
    zc = 0.25 * (z00 + z10 + z01 + z11)
    # Which triangle: bottom (v below both diagonals), right, top, left.
    below_main = v <= u              # under the diagonal (0,0)-(1,1)
    below_anti = v <= 1.0 - u        # under the diagonal (0,1)-(1,0)
    out = np.empty_like(u)
    # bottom: corners (0,0), (1,0), centre
    m = below_main & below_anti
    out[m] = (1 - u[m] - v[m]) * z00[m] + (u[m] - v[m]) * z10[m] + 2 * v[m] * zc[m]
    # right: corners (1,0), (1,1), centre
    m = below_main & ~below_anti
    out[m] = (u[m] - v[m]) * z10[m] + (u[m] + v[m] - 1) * z11[m] + 2 * (1 - u[m]) * zc[m]
    # top: corners (1,1), (0,1), centre
    m = ~below_main & ~below_anti
    out[m] = (u[m] + v[m] - 1) * z11[m] + (v[m] - u[m]) * z01[m] + 2 * (1 - v[m]) * zc[m]
    # left: corners (0,1), (0,0), centre
    m = ~below_main & below_anti
    out[m] = (v[m] - u[m]) * z01[m] + (1 - u[m] - v[m]) * z00[m] + 2 * u[m] * zc[m]
    return out


def signed_distance(side: BaseGeometry, xx: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """Signed distance (metres, positive inside *side*) at grid points, as float32."""
    shapely.prepare(side)
    inside = shapely.contains_xy(side, xx, yy)
    dist = boundary_distance(side, xx, yy)
    return np.where(inside, dist, -dist).astype(np.float32)


def boundary_distance(geom: BaseGeometry, xx: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """Distance from grid points to the boundary of *geom*, segment by segment in numpy.

    A front's boundary has a few hundred segments at most; looping over them
    with the grid vectorised is several times faster than asking GEOS point by
    point.
    """
    segs = []
    for part in _line_parts(geom.boundary):
        if len(part) >= 2:
            segs.append(np.column_stack([part[:-1], part[1:]]))
    best = np.full(xx.shape, np.inf)
    if not segs:
        return best
    allsegs = np.concatenate(segs)
    px = xx.astype(float)
    py = yy.astype(float)
    # Segments nearest the grid first; stop once the next one's box is farther
    # from the grid's box than the farthest point's nearest segment so far.
    gx0, gx1, gy0, gy1 = float(px.min()), float(px.max()), float(py.min()), float(py.max())
    sx0 = np.minimum(allsegs[:, 0], allsegs[:, 2])
    sx1 = np.maximum(allsegs[:, 0], allsegs[:, 2])
    sy0 = np.minimum(allsegs[:, 1], allsegs[:, 3])
    sy1 = np.maximum(allsegs[:, 1], allsegs[:, 3])
    gapx = np.maximum(0.0, np.maximum(sx0 - gx1, gx0 - sx1))
    gapy = np.maximum(0.0, np.maximum(sy0 - gy1, gy0 - sy1))
    lower = gapx ** 2 + gapy ** 2
    order = np.argsort(lower)
    worst = np.inf
    for k, idx in enumerate(order):
        if lower[idx] > worst:
            break
        ax, ay, bx, by = allsegs[idx]
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        if len2 == 0.0:
            d2 = (px - ax) ** 2 + (py - ay) ** 2
        else:
            t = ((px - ax) * dx + (py - ay) * dy) / len2
            np.clip(t, 0.0, 1.0, out=t)
            d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
        np.minimum(best, d2, out=best)
        if k % 8 == 7:
            worst = float(best.max())
    return np.sqrt(best)


@dataclass
class MorphFrame:
    """The territory of one moment between two records.

    Attributes
    ----------
    s
        How far the morph has gone (0: the earlier record, 1: the later), the
        pair-wide value (towns taken on known days may run ahead or behind).
    fill_rings
        Rings of the UN side in map metres, exteriors counter-clockwise and
        holes clockwise (fill with the non-zero rule).
    lines
        The front as drawn: the zero contour inside the grid and the earlier
        record's lines outside it, in map metres.
    """

    s: float
    fill_rings: list[np.ndarray]
    lines: list[np.ndarray]
    pair: PairMorph = field(repr=False)
    #: The fractions of the towns taken on known days (see :class:`PairMorph`), when contoured.
    town_s: tuple[float, ...] | None = field(default=None, repr=False)
    #: When the moment shows one of the two records exactly, its UN side.
    exact: BaseGeometry | None = field(default=None, repr=False)

    def side_xy(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        """True where a point (map metres) is on the UN side, as drawn."""
        x = np.atleast_1d(np.asarray(x, dtype=float))
        y = np.atleast_1d(np.asarray(y, dtype=float))
        if self.exact is not None:
            return shapely.contains_xy(self.exact, x, y)
        p = self.pair
        out = shapely.contains_xy(p.side_a, x, y)
        if self.town_s is not None:
            inside = (x >= p.x0) & (x <= p.x1) & (y >= p.y0) & (y <= p.y1)
            if inside.any():
                out[inside] = p.values_at(x[inside], y[inside], self.s, self.town_s) >= 0.0
        return out

    @cached_property
    def geometry(self) -> BaseGeometry:
        """The UN side as a shapely geometry (built on demand; the drawing does not need it)."""
        if self.exact is not None:
            return self.exact
        inner = []
        for ring in self.fill_rings:
            if len(ring) >= 4 and _signed_area(ring) > 0:
                inner.append(ring)
        # Rebuild polygons with their holes: holes are the clockwise rings.
        polys = [Polygon(r) for r in inner]
        holes = [Polygon(r) for r in self.fill_rings if len(r) >= 4 and _signed_area(r) < 0]
        geom = shapely.union_all([shapely.make_valid(p) for p in polys]) if polys else Polygon()
        if holes:
            geom = geom.difference(shapely.union_all([shapely.make_valid(h) for h in holes]))
        return geom


class PairMorph:
    """The morph between two consecutive records.

    Parameters
    ----------
    side_a, side_b
        The UN sides of the two records, map metres (not clipped to land).
    lines_a
        The earlier record's drawn lines (main front and rings), map metres.
    a_day, b_day
        The records' day ordinals.
    land
        A coarse outline of the land (buffered): only differences over it count.
    towns
        Towns that change side at known moments.
    window
        Ordinals before which nothing moves and by which all has moved.
    """

    def __init__(self, side_a: BaseGeometry, side_b: BaseGeometry, lines_a: list[np.ndarray],
                 a_day: float, b_day: float, land: BaseGeometry,
                 towns: tuple[TownTiming, ...] = (), window: tuple[float, float] | None = None,
                 lines_b: list[np.ndarray] | None = None) -> None:
        self.side_a = side_a
        self.side_b = side_b
        self.lines_a = list(lines_a)
        self.lines_b = list(lines_b) if lines_b is not None else None
        shapely.prepare(side_a)
        shapely.prepare(side_b)
        self.a_day = float(a_day)
        self.b_day = float(b_day)
        lo, hi = window if window is not None else (self.a_day, self.b_day)
        self.window = (max(self.a_day, lo), min(self.b_day, hi))
        diff = shapely.symmetric_difference(side_a, side_b).intersection(land)
        self.changes = not diff.is_empty and diff.area > 1e4
        #: The ground on different sides at the two records, over the land with a
        #: 5 km margin (the map clips it to the coast): what changes hands.
        self.changing = diff if self.changes else Polygon()
        # The two fields: built here (``_mem``), or read back from the disk cache's
        # tail (``_file`` at ``_at``) into ``_loaded`` while the pair is in use.
        self._mem: tuple[np.ndarray, np.ndarray] | None = None
        self._loaded: tuple[np.ndarray, np.ndarray] | None = None
        self._file: FieldFile | None = None
        self._at: int | None = None
        self.weights: list[tuple[np.ndarray, TownTiming, float]] = []
        self.town_weight_total: np.ndarray | None = None
        if not self.changes:
            self.x0 = self.y0 = self.x1 = self.y1 = 0.0
            self.cell = 0.0
            self.outside_rings = _rings_of(side_a)
            self.outside_lines = list(lines_a)
            return
        bx0, by0, bx1, by1 = diff.bounds
        w, h = bx1 - bx0 + 2 * MARGIN_M, by1 - by0 + 2 * MARGIN_M
        cell = min(MAX_CELL_M, max(MIN_CELL_M, math.sqrt(w * h / MAX_NODES)))
        nx = int(math.ceil(w / cell)) + 1
        ny = int(math.ceil(h / cell)) + 1
        self.cell = cell
        self.x0, self.y0 = bx0 - MARGIN_M, by0 - MARGIN_M
        self.x1, self.y1 = self.x0 + (nx - 1) * cell, self.y0 + (ny - 1) * cell
        self.xs = self.x0 + cell * np.arange(nx)
        self.ys = self.y0 + cell * np.arange(ny)
        xx, yy = np.meshgrid(self.xs, self.ys)
        self._mem = self._make_fields(xx, yy)
        frame_box = box(self.x0, self.y0, self.x1, self.y1)
        self.outside_rings = _rings_of(side_a.difference(frame_box))
        lines = shapely.MultiLineString([ln for ln in lines_a if len(ln) >= 2]) if lines_a else None
        self.outside_lines = _line_parts(lines.difference(frame_box)) if lines is not None else []
        self._setup_towns(towns, xx, yy)

    def _make_fields(self, xx: np.ndarray, yy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        fa = signed_distance(self.side_a, xx, yy)
        fb = signed_distance(self.side_b, xx, yy)
        # Half precision in units of 16 m (so that 1,000 km fits): a few metres
        # off near the front, where the contour is drawn (the values there are
        # small), and half the memory.  Only signs and ratios are used.
        top = float(np.finfo(np.float16).max)   # (1,048 km: no field comes near it, but none may be infinite)
        va = np.clip(fa / FIELD_UNIT_M, -top, top).astype(np.float16)
        dv = np.clip((fb - fa) / FIELD_UNIT_M, -top, top).astype(np.float16)
        va.flags.writeable = dv.flags.writeable = False
        return va, dv

    def _fields(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The two fields (earlier record, and later minus earlier), or ``None`` if nothing changes hands."""
        if not self.changes:
            return None
        mem = self._mem
        if mem is not None:
            return mem
        got = self._loaded
        if got is None:
            shape = (len(self.ys), len(self.xs))
            n = shape[0] * shape[1]
            flat = self._file.read(self._at, 2 * n) if self._file is not None and self._at is not None else None
            if flat is not None:
                flat.flags.writeable = False
                got = (flat[:n].reshape(shape), flat[n:].reshape(shape))
            else:
                # The cache file is gone or cut short (another copy of the app replaced it):
                # the same fields, made again (a few tens of milliseconds).
                got = self._make_fields(*_grid(self.xs, self.ys))   # (the grid the frame then contours)
            self._loaded = got
        _resident(self)
        return got

    def _fields32(self) -> tuple[np.ndarray, np.ndarray]:
        """The two fields in single precision, as frames blend them: kept for the pair contoured last."""
        global _LAST32
        last = _LAST32
        if last is not None and last[0] is self:
            return last[1], last[2]
        fields = self._fields()
        assert fields is not None   # (the pair changes)
        va, dv = fields[0].astype(np.float32), fields[1].astype(np.float32)
        va.flags.writeable = dv.flags.writeable = False
        _LAST32 = (self, va, dv)
        return va, dv

    @property
    def values_a(self) -> np.ndarray | None:
        """The earlier record's signed distance field, in units of :data:`FIELD_UNIT_M` (``None`` if nothing changes)."""
        got = self._fields()
        return None if got is None else got[0]

    @property
    def delta(self) -> np.ndarray | None:
        """The later record's field minus the earlier's (``None`` if nothing changes)."""
        got = self._fields()
        return None if got is None else got[1]

    def field_tail(self, offset: int) -> list[np.ndarray]:
        """The fields to write to the disk cache's tail at *offset* (in numbers); notes the offset."""
        mem = self._mem if self._mem is not None else self._fields()
        if mem is None:
            return []
        self._at = int(offset)
        return [np.ascontiguousarray(a).ravel() for a in mem]

    def use_file(self, file: FieldFile) -> None:
        """Read the fields from *file* (at the offset noted when they were written) from now on."""
        if self._at is not None:
            self._file = file
            self._mem = None

    def _exact_rings(self, which: int) -> list[np.ndarray]:
        """The rings of the earlier (0) or the later (1) record's UN side, made once: the days
        that show a record exactly share the same arrays (a composite redoes only rings that differ)."""
        kept = self.__dict__.setdefault("_exact", {})
        got = kept.get(which)
        if got is None:
            got = kept[which] = _rings_of(self.side_a if which == 0 else self.side_b)
        return list(got)

    def __getstate__(self) -> dict:
        # The rings of the exact days are made again after unpickling rather than stored;
        # the fields go to the disk cache's tail (see field_tail), not into the pickle.
        return {k: v for k, v in self.__dict__.items() if k not in ("_exact", "_mem", "_loaded", "_file")}

    def __setstate__(self, state: dict) -> None:
        # Unpickled from the disk cache: the geometries lose their spatial indexes; the
        # fields are read from the file's tail once use_file() says where it is.
        self.__dict__.update(state)
        self._mem = self._loaded = None
        self._file = None
        shapely.prepare(self.side_a)
        shapely.prepare(self.side_b)

    # ---- timing

    def natural(self, day: float) -> float:
        """The pair-wide fraction at *day* (an ordinal), after the moving window."""
        lo, hi = self.window
        if hi <= lo:
            return 0.0 if day < hi else 1.0
        return min(1.0, max(0.0, (day - lo) / (hi - lo)))

    def _setup_towns(self, towns: tuple[TownTiming, ...], xx: np.ndarray, yy: np.ndarray) -> None:
        fields = self._fields()
        assert fields is not None
        va, dv = fields
        total = np.zeros(xx.shape, dtype=np.float32)
        for town in towns:
            if not (self.x0 < town.x < self.x1 and self.y0 < town.y < self.y1):
                continue
            if not self.a_day < town.at < self.b_day:
                continue
            fa = float(pl_interpolate(va, self.x0, self.y0, self.cell, np.array([town.x]),
                                      np.array([town.y]))[0])
            fd = float(pl_interpolate(dv, self.x0, self.y0, self.cell, np.array([town.x]),
                                      np.array([town.y]))[0])
            fb = fa + fd
            if fa == 0.0 or fb == 0.0 or (fa > 0) == (fb > 0):
                continue   # the records do not have it change side: nothing to time
            tau = fa / (fa - fb)   # the blend fraction at which it crosses
            d = np.hypot(xx - town.x, yy - town.y)
            # Full weight within half the radius (so the town's own triangle
            # follows the town), falling smoothly to nothing at the radius.
            r = np.clip((d - 0.5 * town.radius) / (0.5 * town.radius), 0.0, 1.0)
            wgt = ((1 - r * r) ** 2).astype(np.float32)
            self.weights.append((wgt, town, tau))
            total += wgt
        if self.weights:
            over = total > 1.0
            if over.any():
                for k, (wgt, town, tau) in enumerate(self.weights):
                    wgt = wgt.copy()
                    wgt[over] /= total[over]
                    self.weights[k] = (wgt, town, tau)
                total = np.minimum(total, 1.0)
            self.town_weight_total = total

    def _town_s(self, town: TownTiming, tau: float, day: float) -> float:
        """The fraction for ground timed by *town*: through (a, 0), (town.at, tau), (b, 1)."""
        if day <= self.a_day:
            return 0.0
        if day >= self.b_day:
            return 1.0
        if day <= town.at:
            return tau * (day - self.a_day) / (town.at - self.a_day)
        return tau + (1 - tau) * (day - town.at) / (self.b_day - town.at)

    # ---- frames

    def frame(self, day: float) -> MorphFrame:
        """The territory at *day* (a day ordinal, fractions allowed)."""
        s = self.natural(day)
        if not self.changes:
            return MorphFrame(s, list(self.outside_rings), list(self.outside_lines), self)
        town_s = [self._town_s(town, tau, day) for _, town, tau in self.weights]
        # Before anything moves (a moving window, towns not yet taken) the map
        # is exactly the earlier record; once all has moved, the later one.
        if s == 0.0 and all(t == 0.0 for t in town_s):
            return MorphFrame(0.0, self._exact_rings(0), list(self.lines_a), self, exact=self.side_a)
        if s == 1.0 and all(t == 1.0 for t in town_s) and self.lines_b is not None:
            return MorphFrame(1.0, self._exact_rings(1), list(self.lines_b), self, exact=self.side_b)
        from contourpy import FillType, LineType, SerialContourGenerator, ZInterp

        va, dv = self._fields32()
        if self.weights and self.town_weight_total is not None:
            s_field = (1.0 - self.town_weight_total) * np.float32(s)
            for (wgt, _, _), ts in zip(self.weights, town_s):
                s_field = s_field + wgt * np.float32(ts)
            values = va + s_field * dv
        else:
            values = va + np.float32(s) * dv
        xx, yy = _grid(self.xs, self.ys)
        # contourpy's generator class itself (public API): its contour_generator() would look
        # for masked or non-finite values on every frame, which the fields never hold (they are
        # clipped to finite values when made), at about a tenth of a frame's contouring.
        no_mask: Any = None   # (the stubs want an array; None is what contour_generator passes when unmasked)
        gen = SerialContourGenerator(xx, yy, values.astype(np.float64), no_mask, corner_mask=True,
                                     line_type=LineType.Separate, fill_type=FillType.OuterOffset,
                                     quad_as_tri=True, z_interp=ZInterp.Linear)
        # OuterOffset gives (points, offsets); contourpy's stubs type every fill type's result at once.
        filled: Any = gen.filled(0.0, np.inf)
        points, offsets = filled
        rings = list(self.outside_rings)
        for pts, offs in zip(points, offsets):
            for k in range(len(offs) - 1):
                ring = np.asarray(pts[offs[k]:offs[k + 1]], dtype=float)
                if len(ring) >= 4:
                    rings.append(_orient(ring, ccw=(k == 0)))
        lines = [np.asarray(ln, dtype=float) for ln in gen.lines(0.0) if len(ln) >= 2]
        return MorphFrame(s, rings, [*self.outside_lines, *lines], self, tuple(town_s))

    def values_at(self, x: np.ndarray, y: np.ndarray, s: float, town_s: tuple[float, ...]) -> np.ndarray:
        """The blended field at points inside the grid, as :meth:`frame` contours it (computed at their nodes only)."""
        fields = self._fields()
        assert fields is not None   # (called for points inside the grid, which a pair that changes has)
        fa, fd = fields

        def at(jj: np.ndarray, ii: np.ndarray) -> np.ndarray:
            sn = np.full(jj.shape, s, dtype=np.float64)
            if self.weights and self.town_weight_total is not None:
                sn = (1.0 - self.town_weight_total[jj, ii].astype(np.float64)) * s
                for (wgt, _, _), ts in zip(self.weights, town_s):
                    sn = sn + wgt[jj, ii].astype(np.float64) * ts
            # The same arithmetic as the contoured grid (float32), so both agree on the sign.
            va = fa[jj, ii].astype(np.float32)
            return (va + sn.astype(np.float32) * fd[jj, ii].astype(np.float32)).astype(np.float64)

        return pl_interpolate(at, self.x0, self.y0, self.cell, x, y, shape=fa.shape)

    @property
    def nbytes(self) -> int:
        """Memory the pair's arrays take now (fields read from the disk cache count while kept)."""
        n = 0
        fields = self._mem if self._mem is not None else self._loaded
        for arr in (*(fields or ()), self.town_weight_total):
            if arr is not None:
                n += arr.nbytes
        return n + sum(w.nbytes for w, _, _ in self.weights)
