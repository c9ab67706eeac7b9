"""Reading the bundled GeoJSON: land, borders, rivers, places and the 38th parallel.

Files are RFC 7946 GeoJSON in WGS84 lon/lat.  Geometries are projected once,
at load time, into the map CRS (:mod:`explorer.war.projection`).  A broken
file or feature is reported as a :class:`GeodataProblem` that names the file,
the feature and what is wrong; the loader drops only the broken item and keeps
the rest, so the app keeps working.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from explorer.core.dates import parse_iso
from explorer.war.projection import project_geometries, project_geometry

#: The map's region in lon/lat: west, south, east, north.
REGION = (123.0, 33.0, 132.0, 43.5)

LAND_FILE = "land.geojson"
SURROUNDINGS_FILE = "surroundings.geojson"
BORDERS_FILE = "borders.geojson"
RIVERS_FILE = "rivers.geojson"
PLACES_FILE = "places.geojson"
PARALLEL_FILE = "parallel38.geojson"
ARMISTICE_FILE = "armistice.geojson"
FRONTS_FILE = "fronts.geojson"


class GeodataError(ValueError):
    """A geodata file that cannot be used at all (missing, not JSON, not GeoJSON)."""


@dataclass(frozen=True)
class GeodataProblem:
    """One problem found in a geodata file."""

    file: str
    feature: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: feature {self.feature}" if self.feature is not None else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Feature:
    """A GeoJSON feature: its id, its properties and its lon/lat geometry."""

    id: str
    properties: dict[str, Any]
    geometry: BaseGeometry


def read_collection(path: Path) -> dict[str, Any]:
    """Parse a GeoJSON FeatureCollection, raising :class:`GeodataError` with the file named."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeodataError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GeodataError(f"{path}: cannot be read: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GeodataError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise GeodataError(f"{path}: not a GeoJSON FeatureCollection")
    return data


def read_features(
    path: Path, kinds: tuple[str, ...] | None = None, problems: list[GeodataProblem] | None = None
) -> list[Feature]:
    """Read the features of a GeoJSON file, dropping (and reporting) broken ones.

    Parameters
    ----------
    path
        The GeoJSON file.
    kinds
        Geometry types accepted, e.g. ``("Polygon", "MultiPolygon")``; ``None`` accepts any.
    problems
        A list that receives a :class:`GeodataProblem` per dropped feature.
    """
    data = read_collection(path)
    candidates: list[tuple[str, dict[str, Any], BaseGeometry]] = []

    def report(fid: str, msg: str) -> None:
        if problems is not None:
            problems.append(GeodataProblem(path.name, fid, msg))

    for i, item in enumerate(data["features"]):
        fid = str(item.get("id", i)) if isinstance(item, dict) else str(i)
        if not isinstance(item, dict) or item.get("type") != "Feature":
            report(fid, "not a GeoJSON Feature")
            continue
        props = item.get("properties") or {}
        if not isinstance(props, dict):
            report(fid, "properties is not an object")
            continue
        geom_json = item.get("geometry")
        if not isinstance(geom_json, dict):
            report(fid, "has no geometry")
            continue
        if kinds is not None and geom_json.get("type") not in kinds:
            report(fid, f"geometry is {geom_json.get('type')!r}, expected {' or '.join(kinds)}")
            continue
        try:
            geom = shape(geom_json)
        except Exception as exc:  # shapely raises several types for malformed coordinates
            report(fid, f"bad geometry: {exc}")
            continue
        if geom.is_empty:
            report(fid, "empty geometry")
            continue
        candidates.append((fid, props, geom))
    if not candidates:
        return []
    # Validity and bounds for all features in one vectorised call each.
    geoms = np.array([g for _, _, g in candidates], dtype=object)
    valid = shapely.is_valid(geoms)
    bounds = shapely.bounds(geoms)
    out: list[Feature] = []
    for (fid, props, geom), ok, (w, s, e, n) in zip(candidates, valid, bounds):
        if not ok:
            report(fid, f"invalid geometry: {shapely.is_valid_reason(geom)}")
            continue
        if not np.all(np.isfinite((w, s, e, n))) or w < 110 or e > 146 or s < 24 or n > 51:
            report(fid, f"lies outside the region (bounds {w:.2f},{s:.2f},{e:.2f},{n:.2f})")
            continue
        out.append(Feature(fid, props, geom))
    return out


@dataclass(frozen=True)
class Place:
    """A place of the war: wartime and modern names, kind, label rank and position."""

    name: str
    modern: str
    kind: str
    rank: int
    lon: float
    lat: float
    x: float
    y: float
    #: The day from which the place matters to the war (a battlefield's first
    #: fighting; Panmunjom from the move of the talks); ``None``: always.
    from_date: dt.date | None = None

    def labelled_on(self, day: dt.date) -> bool:
        """True when the map labels the place on *day* (its dot may show before)."""
        return self.from_date is None or day >= self.from_date


@dataclass(frozen=True)
class River:
    """A named river, projected."""

    name: str
    modern: str
    geometry: BaseGeometry


@dataclass
class GeoData:
    """All the static map layers, projected into the map CRS.

    Attributes
    ----------
    land
        ``(country code, projected polygon)`` pairs: KOR, CHN, RUS, JPN.
    korea
        The union of the Korean land (the territory the war was fought over).
    korea_lonlat
        The same in lon/lat.
    """

    folder: Path
    land: list[tuple[str, BaseGeometry]] = field(default_factory=list)
    korea: BaseGeometry = field(default_factory=shapely.Polygon)
    korea_lonlat: BaseGeometry = field(default_factory=shapely.Polygon)
    borders: list[BaseGeometry] = field(default_factory=list)
    rivers: list[River] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    parallel38: BaseGeometry | None = None
    problems: list[GeodataProblem] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path | None = None) -> GeoData:
        """Load the geodata in *folder* (the bundled ``geodata/`` by default)."""
        if folder is None:
            from explorer.core.paths import geodata_dir

            folder = geodata_dir()
        return _load_cached(Path(folder).resolve())

    def place(self, name: str) -> Place:
        """The place called *name* (wartime or modern spelling, case-insensitive)."""
        key = name.casefold()
        for p in self.places:
            if p.name.casefold() == key or p.modern.casefold() == key:
                return p
        raise KeyError(name)


def _try(problems: list[GeodataProblem], path: Path, fn: Any) -> Any:
    try:
        return fn()
    except GeodataError as exc:
        problems.append(GeodataProblem(path.name, None, str(exc).split(": ", 1)[-1]))
        return None


def _multipolygon(parts: list[BaseGeometry]) -> BaseGeometry:
    polys: list[BaseGeometry] = []
    for g in parts:
        polys.extend(g.geoms if g.geom_type == "MultiPolygon" else [g])
    return shapely.MultiPolygon(polys)


@lru_cache(maxsize=4)
def _load_cached(folder: Path) -> GeoData:
    gd = GeoData(folder)
    problems = gd.problems
    polys = ("Polygon", "MultiPolygon")
    lines = ("LineString", "MultiLineString")

    land = _try(problems, folder / LAND_FILE, lambda: read_features(folder / LAND_FILE, polys, problems)) or []
    korea_parts = []
    korea_xy = []
    for f, g in zip(land, project_geometries([f.geometry for f in land])):
        country = str(f.properties.get("country", ""))
        gd.land.append((country, g))
        if country == "KOR":
            korea_parts.append(f.geometry)
            korea_xy.append(g)
    if korea_parts:
        # Land polygons never overlap, so a MultiPolygon of the parts is their union.
        gd.korea_lonlat = _multipolygon(korea_parts)
        gd.korea = _multipolygon(korea_xy)
        shapely.prepare(gd.korea)
    elif land:
        problems.append(GeodataProblem(LAND_FILE, None, 'no feature has country "KOR": Korean land is unknown'))

    # Low-resolution land around the region: background only.
    around = _try(problems, folder / SURROUNDINGS_FILE,
                  lambda: read_features(folder / SURROUNDINGS_FILE, polys, problems)) or []
    gd.land.extend(("", g) for g in project_geometries([f.geometry for f in around]))

    borders = _try(problems, folder / BORDERS_FILE, lambda: read_features(folder / BORDERS_FILE, lines, problems)) or []
    gd.borders = project_geometries([f.geometry for f in borders])

    rivers = _try(problems, folder / RIVERS_FILE, lambda: read_features(folder / RIVERS_FILE, lines, problems)) or []
    for f in rivers:
        name = str(f.properties.get("name") or "")
        gd.rivers.append(River(name, str(f.properties.get("modern") or name), project_geometry(f.geometry)))

    places = _try(problems, folder / PLACES_FILE, lambda: read_features(folder / PLACES_FILE, ("Point",), problems)) or []
    for f in places:
        name = f.properties.get("name")
        if not isinstance(name, str) or not name:
            problems.append(GeodataProblem(PLACES_FILE, f.id, "place has no name"))
            continue
        try:
            rank = int(f.properties.get("rank", 3))
        except (TypeError, ValueError, OverflowError):
            problems.append(GeodataProblem(PLACES_FILE, f.id, f"rank {f.properties.get('rank')!r} is not a number"))
            continue
        since = f.properties.get("from")
        from_date = None
        if since is not None:
            try:
                from_date = parse_iso(since)
            except (TypeError, ValueError):
                problems.append(GeodataProblem(PLACES_FILE, f.id, f"place {name!r}: 'from' {since!r} is not an "
                                               "ISO date (YYYY-MM-DD); the place is labelled on every day"))
        lon, lat = f.geometry.x, f.geometry.y
        pt = project_geometry(f.geometry)
        gd.places.append(
            Place(name, str(f.properties.get("modern") or name), str(f.properties.get("kind") or "town"),
                  rank, lon, lat, pt.x, pt.y, from_date)
        )

    par = _try(problems, folder / PARALLEL_FILE, lambda: read_features(folder / PARALLEL_FILE, lines, problems)) or []
    if par:
        gd.parallel38 = project_geometry(shapely.union_all([f.geometry for f in par]))
    return gd
