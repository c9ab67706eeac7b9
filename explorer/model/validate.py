"""Checks of the bundled data, for ``check-data`` and for the tests."""

from __future__ import annotations

from pathlib import Path

import shapely
from shapely.geometry import LineString, Polygon

from explorer.model.chronology import WAR_END, WAR_START, load_fronts, load_phases
from explorer.model.geodata import (
    ARMISTICE_FILE,
    BORDERS_FILE,
    FRONTS_FILE,
    LAND_FILE,
    PARALLEL_FILE,
    PLACES_FILE,
    RIVERS_FILE,
    SURROUNDINGS_FILE,
    GeoData,
    GeodataError,
    GeodataProblem,
    read_features,
)


def _gis_reader_problems(folder: Path, names: tuple[str, ...]) -> list[GeodataProblem]:
    """Read each file with GDAL (through geopandas) as a GIS user would, and compare counts.

    The app reads its GeoJSON with the standard library for speed; this makes
    sure the same files open in QGIS and other GIS tools.  Skipped, with no
    problem reported, where geopandas is not installed (the frozen bundle).
    """
    try:
        import json

        import geopandas
    except ImportError:
        return []
    out = []
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        try:
            frame = geopandas.read_file(path)
            expected = len(json.loads(path.read_text(encoding="utf-8")).get("features", []))
        except Exception as exc:  # GDAL raises its own error types
            out.append(GeodataProblem(name, None, f"a GIS reader (GDAL) cannot open it: {exc}"))
            continue
        if len(frame) != expected:
            out.append(GeodataProblem(name, None, f"a GIS reader (GDAL) sees {len(frame)} features, not {expected}"))
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            out.append(GeodataProblem(name, None, f"CRS is {frame.crs}, not WGS84 lon/lat"))
    return out


def check_geodata(geodata_dir: Path | None = None, resources_dir: Path | None = None) -> list[GeodataProblem]:
    """Every problem found in the geodata (and phases): an empty list when all is well.

    Checks that each file is readable GeoJSON with valid geometry inside the
    region; that the dated fronts have parseable, strictly increasing dates
    from the start of the war to its end; that each main front crosses the
    Korean land from sea to sea with the UN on its right, and each ring
    closes; that every place lies on Korean land.
    """
    if geodata_dir is None:
        from explorer.paths import geodata_dir as default_geodata

        geodata_dir = default_geodata()
    folder = Path(geodata_dir)
    problems: list[GeodataProblem] = []
    if not folder.is_dir():
        return [GeodataProblem(str(folder), None, "not a folder")]
    names = (LAND_FILE, SURROUNDINGS_FILE, BORDERS_FILE, RIVERS_FILE, PLACES_FILE, PARALLEL_FILE, ARMISTICE_FILE,
             FRONTS_FILE, "movements.geojson")
    for name in names[:-2]:
        try:
            read_features(folder / name, None, problems)
        except GeodataError as exc:
            problems.append(GeodataProblem(name, None, str(exc).split(": ", 1)[-1]))
    problems.extend(_gis_reader_problems(folder, names))
    from explorer.model.geodata import _load_cached

    _load_cached.cache_clear()
    gd = GeoData.load(folder)
    korea = gd.korea
    if korea.is_empty:
        problems.append(GeodataProblem(LAND_FILE, None, "no Korean land: fronts cannot be checked"))
        return problems
    try:
        records = load_fronts(folder / FRONTS_FILE, problems)
    except GeodataError as exc:
        problems.append(GeodataProblem(FRONTS_FILE, None, str(exc).split(": ", 1)[-1]))
        records = []
    if records:
        if records[0].date != WAR_START:
            problems.append(GeodataProblem(FRONTS_FILE, None, f"the first front is dated {records[0].date}, not {WAR_START}"))
        if records[-1].date != WAR_END:
            problems.append(GeodataProblem(FRONTS_FILE, None, f"the last front is dated {records[-1].date}, not {WAR_END}"))
    for rec in records:
        fid = rec.date.isoformat()
        main = LineString(rec.main_xy)
        if not main.is_simple:
            problems.append(GeodataProblem(FRONTS_FILE, fid, "the main front crosses itself"))
        if not main.intersects(korea):
            problems.append(GeodataProblem(FRONTS_FILE, fid, "the main front does not cross Korean land"))
        closing = Polygon(list(rec.main_xy) + [(rec.main_xy[-1, 0], 0), (rec.main_xy[0, 0], 0)])
        if not closing.is_valid:
            problems.append(GeodataProblem(FRONTS_FILE, fid,
                                           "the main front, closed to the south, is not a simple polygon "
                                           f"({shapely.is_valid_reason(closing)})"))
        elif closing.exterior.is_ccw:
            problems.append(GeodataProblem(FRONTS_FILE, fid,
                                           "the main front runs the wrong way: the UN side must be on its right"))
        for ring in rec.rings:
            rp = Polygon(ring.xy)
            if not rp.intersects(korea):
                problems.append(GeodataProblem(FRONTS_FILE, fid, f"ring {ring.name!r} encloses no Korean land"))
        share = korea.intersection(rec.un_side).area / korea.area
        if not 0.0 < share < 1.0:
            problems.append(GeodataProblem(FRONTS_FILE, fid, f"the UN holds {share:.0%} of Korea: the front splits nothing"))
    for p in gd.places:
        from shapely.geometry import Point

        if korea.distance(Point(p.x, p.y)) > 3000:
            problems.append(GeodataProblem(PLACES_FILE, p.name, "lies more than 3 km from Korean land"))
    from explorer.model.movements import load_movements

    for m in load_movements(folder, problems):
        if not (WAR_START <= m.start and m.end <= WAR_END):
            problems.append(GeodataProblem("movements.geojson", m.id, f"dates {m.start}..{m.end} lie outside the war"))
    try:
        load_phases(None if resources_dir is None else Path(resources_dir) / "phases.json")
    except GeodataError as exc:
        problems.append(GeodataProblem("phases.json", None, str(exc).split(": ", 1)[-1]))
    # Keep the order stable and drop exact duplicates (a file read twice).
    seen: set[str] = set()
    unique = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            unique.append(p)
    return unique
