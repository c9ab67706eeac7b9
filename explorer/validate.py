"""Checks of the bundled data, for ``check-data`` and for the tests.

:func:`check_geodata` checks the GeoJSON files (and that the phases load);
:func:`check_resources` checks ``events.json``, ``phases.json`` and
``sources.json`` item by item and, given a folder of source documents, that
every citation of the events and fronts still finds its passage.  Each problem
is a :class:`~explorer.war.geodata.GeodataProblem` naming the file, the item
and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, Polygon

from explorer.core.dates import parse_iso
from explorer.war.chronology import WAR_END, WAR_START, load_fronts, load_phases
from explorer.war.geodata import (
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
from explorer.war.namedlines import NAMED_LINES_FILE


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
        from explorer.core.paths import geodata_dir as default_geodata

        geodata_dir = default_geodata()
    folder = Path(geodata_dir)
    problems: list[GeodataProblem] = []
    if not folder.is_dir():
        return [GeodataProblem(str(folder), None, "not a folder")]
    names = (LAND_FILE, SURROUNDINGS_FILE, BORDERS_FILE, RIVERS_FILE, PLACES_FILE, PARALLEL_FILE, ARMISTICE_FILE,
             FRONTS_FILE, NAMED_LINES_FILE, "movements.geojson")
    for name in names[:-3]:
        try:
            read_features(folder / name, None, problems)
        except GeodataError as exc:
            problems.append(GeodataProblem(name, None, str(exc).split(": ", 1)[-1]))
    problems.extend(_gis_reader_problems(folder, names))
    from explorer.war.geodata import _load_cached

    _load_cached.cache_clear()
    gd = GeoData.load(folder)
    # What the app's loader drops (a geometry of the wrong type, a place without a name, ...).
    problems.extend(gd.problems)
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
    problems.extend(_front_part_problems(records, korea))
    for p in gd.places:
        from shapely.geometry import Point

        if korea.distance(Point(p.x, p.y)) > 3000:
            problems.append(GeodataProblem(PLACES_FILE, p.name, "lies more than 3 km from Korean land"))
    problems.extend(_alias_problems(folder, gd))
    from explorer.war.movements import load_movements

    for m in load_movements(folder, problems):
        if not (WAR_START <= m.start and m.end <= WAR_END):
            problems.append(GeodataProblem("movements.geojson", m.id, f"dates {m.start}..{m.end} lie outside the war"))
    problems.extend(check_named_lines(folder, gd))
    try:
        load_phases(None if resources_dir is None else Path(resources_dir) / "phases.json")
    except GeodataError as exc:
        problems.append(GeodataProblem("phases.json", None, str(exc).split(": ", 1)[-1]))
    # Keep the order stable and drop exact duplicates (a file read twice).
    seen: set[str] = set()
    unique: list[GeodataProblem] = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            unique.append(problem)
    return unique


def check_named_lines(folder: Path, gd: GeoData) -> list[GeodataProblem]:
    """Problems of ``named_lines.geojson``: unusable features (see
    :func:`explorer.war.namedlines.load_named_lines`), lines dated outside the
    war, lines that miss the Korean land, and places whose ``from`` date lies
    outside the war."""
    from shapely.geometry import MultiLineString

    from explorer.war.namedlines import load_named_lines

    problems: list[GeodataProblem] = []
    for ln in load_named_lines(folder, problems):
        if not WAR_START <= ln.start <= WAR_END:
            problems.append(GeodataProblem(NAMED_LINES_FILE, ln.id, f"starts on {ln.start}, outside the war"))
        if ln.end is not None and ln.end > WAR_END:
            problems.append(GeodataProblem(NAMED_LINES_FILE, ln.id, f"ends on {ln.end}, after the armistice"))
        if not gd.korea.is_empty and not MultiLineString([p.tolist() for p in ln.parts]).intersects(gd.korea):
            problems.append(GeodataProblem(NAMED_LINES_FILE, ln.id, "does not cross Korean land"))
    for p in gd.places:
        if p.from_date is not None and not WAR_START <= p.from_date <= WAR_END:
            problems.append(GeodataProblem(PLACES_FILE, p.name, f"'from' {p.from_date} lies outside the war"))
    return problems


def _alias_problems(folder: Path, gd: GeoData) -> list[GeodataProblem]:
    """Problems of ``place_aliases.csv`` (the spellings sources use): unreadable, or naming an unknown place.

    A folder without the file is no problem: passages then find places by their
    wartime and modern names only.
    """
    from explorer.sources.places import ALIASES_FILE, read_aliases

    path = folder / ALIASES_FILE
    if not path.exists():
        return []
    try:
        aliases = read_aliases(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [GeodataProblem(ALIASES_FILE, None, str(exc).replace(f"{path}, ", ""))]
    if not gd.places:
        return []  # the gazetteer's own problems are reported; each alias would only repeat them
    known = {p.name for p in gd.places} | {r.name for r in gd.rivers}
    return [GeodataProblem(ALIASES_FILE, a.alias, f"names {a.name!r}, which is in neither places.geojson nor "
                           "rivers.geojson") for a in aliases if a.name not in known]


def _front_part_problems(records: list, korea: Any) -> list[GeodataProblem]:
    """Check the records' zones and "taken on" towns against the map.

    A zone must cover Korean land; a town taken between two records must lie
    on the taker's side at the later record and on the other side at the
    earlier one (else the morph cannot honour its date).
    """
    from shapely.geometry import Point

    out: list[GeodataProblem] = []
    for prev, rec in zip([None, *records], records):
        fid = rec.date.isoformat()
        for z in rec.zones:
            if not z.polygon.intersects(korea):
                out.append(GeodataProblem(FRONTS_FILE, fid, f"zone {z.name!r} covers no Korean land"))
            if not z.citations:
                out.append(GeodataProblem(FRONTS_FILE, fid, f"zone {z.name!r} has no citation"))
        for t in rec.taken:
            pt = Point(*t.xy)
            if korea.distance(pt) > 3000:
                out.append(GeodataProblem(FRONTS_FILE, fid, f"taken {t.place!r} lies off Korean land"))
                continue
            now = "UN" if rec.un_side.covers(pt) else "COMMUNIST"
            if now != t.by:
                out.append(GeodataProblem(FRONTS_FILE, fid, f"taken {t.place!r} by {t.by}, but the record "
                                                            f"of {fid} puts it on the {now} side"))
            elif prev is not None and ("UN" if prev.un_side.covers(pt) else "COMMUNIST") == t.by:
                out.append(GeodataProblem(FRONTS_FILE, fid, f"taken {t.place!r} by {t.by} on {t.date}, but the "
                                                            f"previous record ({prev.date}) already has it there"))
    return out


# --------------------------------------------------------------------------- resources

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_HEX16 = re.compile(r"^[0-9a-f]{16}$")
_HEX10 = re.compile(r"^[0-9a-f]{10}$")


def _read_json(path: Path, key: str, problems: list[GeodataProblem]) -> list[Any] | None:
    """The list under *key* of a JSON file, or ``None`` with a problem naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(GeodataProblem(path.name, None, "file not found"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(GeodataProblem(path.name, None, f"cannot be read: {exc}"))
        return None
    except json.JSONDecodeError as exc:
        problems.append(GeodataProblem(path.name, None,
                                       f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"))
        return None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(GeodataProblem(path.name, None, f"expected an object with a {key!r} list"))
        return None
    return data[key]


def _iso(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None


def check_phases(path: Path) -> tuple[list[GeodataProblem], set[str]]:
    """Check ``phases.json`` phase by phase.

    Parameters
    ----------
    path
        The phases file.

    Returns
    -------
    (problems, ids)
        The problems found and the ids of the valid phases.
    """
    problems: list[GeodataProblem] = []
    items = _read_json(path, "phases", problems)
    if items is None:
        return problems, set()
    good: list[tuple[str, dt.date, dt.date]] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        def bad(msg: str, where: str = f"phase #{i}") -> None:
            problems.append(GeodataProblem(path.name, None, f"{where}: {msg}"))

        if not isinstance(item, dict):
            bad("a phase must be an object")
            continue
        pid = item.get("id")
        if not isinstance(pid, str) or not pid.strip():
            bad(f"'id' must be a non-empty string, not {pid!r}")
            continue
        where = f"phase {pid!r}"
        if pid in seen:
            bad("duplicate id", where)
            continue
        seen.add(pid)
        errors = []
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            errors.append("'title' must be a non-empty string")
        start, end = _iso(item.get("start")), _iso(item.get("end"))
        if start is None:
            errors.append(f"missing or unparseable start date {item.get('start')!r}")
        if end is None:
            errors.append(f"missing or unparseable end date {item.get('end')!r}")
        if start is not None and end is not None and end < start:
            errors.append(f"ends ({end}) before it starts ({start})")
        if not isinstance(item.get("colour"), str) or not _COLOUR.match(item["colour"]):
            errors.append(f"'colour' must be #rrggbb, not {item.get('colour')!r}")
        if not isinstance(item.get("summary", ""), str):
            errors.append("'summary' must be a string")
        short = item.get("short")
        if short is not None and (not isinstance(short, str) or not short.strip()):
            errors.append(f"'short' must be a non-empty string when given, not {short!r}")
        elif isinstance(short, str) and len(short) > 24:
            errors.append(f"'short' is for tight spaces: {len(short)} characters, at most 24")
        for e in errors:
            bad(e, where)
        if not errors and start is not None and end is not None:
            good.append((pid, start, end))
    good.sort(key=lambda g: g[1])
    for (a, _sa, ea), (b, sb, _eb) in zip(good, good[1:]):
        if sb <= ea:
            problems.append(GeodataProblem(path.name, None, f"phase {b!r}: starts ({sb}) before {a!r} ends ({ea})"))
    return problems, {g[0] for g in good}


def check_sources(path: Path) -> tuple[list[GeodataProblem], set[str]]:
    """Check the source catalogue ``sources.json`` entry by entry.

    Parameters
    ----------
    path
        The catalogue file.

    Returns
    -------
    (problems, ids)
        The problems found and the ids the catalogue names (an entry with a
        bad field still names its source, so citations of it are not flagged).
    """
    problems: list[GeodataProblem] = []
    items = _read_json(path, "sources", problems)
    if items is None:
        return problems, set()
    ids: set[str] = set()
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"source #{i}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(GeodataProblem(path.name, None, f"{where}: needs a non-empty string 'id'"))
            continue
        where = f"source {item['id']!r}"
        if item["id"] in seen:
            problems.append(GeodataProblem(path.name, None, f"{where}: duplicate id"))
            continue
        seen.add(item["id"])
        errors = []
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            errors.append("needs a string 'title'")
        for key in ("author", "subtitle", "publication", "date", "url", "doi", "note"):
            if item.get(key) is not None and not isinstance(item[key], str):
                errors.append(f"{key!r} must be a string or null")
        rec = item.get("recognise")
        if rec is not None and not isinstance(rec, dict):
            errors.append("'recognise' must be an object")
        else:
            rec = rec or {}
            fps, shs = rec.get("fingerprints", []), rec.get("shingles", [])
            if not isinstance(fps, list) or not all(isinstance(f, str) and _HEX16.match(f) for f in fps):
                errors.append("recognise.fingerprints must be a list of 16-hex strings")
            if not isinstance(shs, list) or not all(isinstance(h, str) and _HEX10.match(h) for h in shs):
                errors.append("recognise.shingles must be a list of 10-hex strings")
        for e in errors:
            problems.append(GeodataProblem(path.name, None, f"{where}: {e}"))
        ids.add(item["id"])
    return problems, ids


def _phase_spans(path: Path) -> dict[str, tuple[dt.date, dt.date]]:
    try:
        return {p.id: (p.start, p.end) for p in load_phases(path)}
    except GeodataError:
        return {}


def check_resources(resources_dir: Path | None = None, sources_dir: Path | None = None,
                    geodata_dir: Path | None = None) -> list[GeodataProblem]:
    """Every problem of ``events.json``, ``phases.json`` and ``sources.json``.

    Events are checked one by one (malformed fields, missing or unparseable
    dates, duplicated ids, unknown phases, a start outside its phase, a place
    off the map, citations of sources the catalogue does not know).  When
    *sources_dir* is given its documents are read and every citation of the
    events and of ``fronts.geojson`` is resolved against them; an orphaned
    citation is a problem.

    Parameters
    ----------
    resources_dir
        The resources folder (the bundled one by default).
    sources_dir
        A folder of source documents, or ``None`` to skip citation resolution.
    geodata_dir
        The geodata folder whose ``fronts.geojson`` citations are resolved.

    Returns
    -------
    list of GeodataProblem
    """
    from explorer.sources.anchors import Citation, citations_in
    from explorer.sources.resolving import resolve_in
    from explorer.war.events import EventsError, load_events
    from explorer.war.geodata import REGION

    if resources_dir is None:
        from explorer.core.paths import resources_dir as default_resources

        resources_dir = default_resources()
    folder = Path(resources_dir)
    if not folder.is_dir():
        return [GeodataProblem(str(folder), None, "not a folder")]
    problems: list[GeodataProblem] = []
    phase_problems, phase_ids = check_phases(folder / "phases.json")
    problems.extend(phase_problems)
    spans = _phase_spans(folder / "phases.json")
    source_problems, source_ids = check_sources(folder / "sources.json")
    problems.extend(source_problems)

    events_path = folder / "events.json"
    messages: list[str] = []
    try:
        events = load_events(events_path, messages, phases=phase_ids if phase_ids or spans else None)
    except EventsError as exc:
        messages.append(str(exc))
        events = []
    prefix = f"{events_path}: "
    for m in messages:
        problems.append(GeodataProblem(events_path.name, None, m.removeprefix(prefix)))
    w, s, e, n = REGION
    for ev in events:
        where = f"event {ev.id!r}"
        if ev.phase is not None and ev.phase in spans:
            p0, p1 = spans[ev.phase]
            if not p0 <= ev.start <= p1:
                problems.append(GeodataProblem(events_path.name, None,
                                               f"{where}: starts {ev.start}, outside its phase {ev.phase!r} "
                                               f"({p0} to {p1})"))
        if ev.place is not None and not (w <= ev.place.lon <= e and s <= ev.place.lat <= n):
            problems.append(GeodataProblem(events_path.name, None,
                                           f"{where}: place {ev.place.name!r} ({ev.place.lon}, {ev.place.lat}) "
                                           "lies outside the map"))
        for j, c in enumerate(ev.citations):
            if source_ids and c.source not in source_ids:
                problems.append(GeodataProblem(events_path.name, None,
                                               f"{where}: citation {j} names source {c.source!r}, "
                                               "which is not in sources.json"))
    if sources_dir is None:
        return problems

    # Resolve every citation against the documents of the folder.
    from explorer.sources.catalogue import Catalogue, CatalogueError
    from explorer.sources.library import SourceLibrary

    try:
        catalogue = Catalogue.load(folder / "sources.json")
    except CatalogueError:
        catalogue = Catalogue([])
    try:
        library = SourceLibrary.load(sources_dir, catalogue=catalogue)
    except NotADirectoryError:
        problems.append(GeodataProblem(str(sources_dir), None, "not a folder: citations not resolved"))
        return problems
    by_source = library.passages_by_source()
    cited: list[tuple[str, str, Citation]] = []
    for ev in events:
        for j, c in enumerate(ev.citations):
            cited.append((events_path.name, f"event {ev.id!r} citation {j}", c))
    if geodata_dir is None:
        from explorer.core.paths import geodata_dir as default_geodata

        geodata_dir = default_geodata()
    for geo_file in (FRONTS_FILE, NAMED_LINES_FILE):
        try:
            geo_data = json.loads((Path(geodata_dir) / geo_file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            geo_data = None  # reported by check_geodata
        for label, raw in citations_in(geo_data):
            try:
                cited.append((geo_file, label, Citation.from_dict(raw)))
            except ValueError as exc:
                problems.append(GeodataProblem(geo_file, None, f"{label}: {exc}"))
    missing: dict[str, int] = {}
    for file, label, c in cited:
        if c.source not in by_source:
            missing[c.source] = missing.get(c.source, 0) + 1
            continue
        res = resolve_in(library, c)
        if res.orphaned:
            problems.append(GeodataProblem(file, None, f"{label}: does not resolve in {c.source}: {res.note}"))
    for source, count in sorted(missing.items()):
        problems.append(GeodataProblem(str(sources_dir), None,
                                       f"no document is recognised as {source!r}: its {count} citation(s) "
                                       "could not be resolved"))
    return problems
