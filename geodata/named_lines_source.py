"""Author the named lines of the Korean War and write ``geodata/named_lines.geojson``.

Running ``python geodata/named_lines_source.py`` writes ``named_lines.geojson`` next
to this file; the output is deterministic (the same bytes on every run, checked by
``tests/war/test_named_lines.py``).

A named line is a line the commands drew on their maps and the histories name:
fallback lines (the Davidson Line, Line D), the lines an offensive was told to
reach (Kansas, Wyoming, Jamestown), the line a retreat stopped on (No Name), the
line of contact the truce negotiators agreed on 27 November 1951, and the
Military Demarcation Line of the armistice with the edges of the Demilitarized
Zone two kilometres to each side.  Each is shown from the day the histories give
for it to the day it stopped mattering, in steps (never blended), whatever the
front did meanwhile: a line the UN fell back from stays drawn as the named line
it was.

Every waypoint was placed by hand, in our own reading of the campaign maps of the
histories named in each feature's citations; ``accuracy_km`` says how closely.
Where a line shares its trace with a front record (Kansas, No Name, the line of
contact) the waypoints are the same as in ``fronts_source.py``.  The MDL is the
trace of ``armistice.geojson`` over land; the DMZ edges are that trace offset by
2 km in a metric projection (EPSG:5179), as the armistice agreement fixed them.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiLineString

HERE = Path(__file__).resolve().parent
OUT = "named_lines.geojson"
GRID = 1e-4  # degrees: every output coordinate lies on this grid

APPLEMAN = "Appleman, South to the Naktong, North to the Yalu (1961)"
MOSSMAN = "Mossman, Ebb and Flow: November 1950-July 1951 (1990)"
HERMES = "Hermes, Truce Tent and Fighting Front (1966)"
WESTPOINT = "Esposito (ed.), The West Point Atlas of American Wars, vol. II (1959)"
ARMISTICE = "Korean Armistice Agreement, 27 July 1953, Article I (the MDL and the DMZ)"


def L(text: str) -> list[tuple[float, float]]:
    """Waypoints written as ``lon,lat`` tokens; ``#`` starts a comment."""
    pts: list[tuple[float, float]] = []
    for line in text.splitlines():
        for tok in line.split("#", 1)[0].split():
            lon, lat = tok.split(",")
            pts.append((float(lon), float(lat)))
    return pts


def book(title: str) -> dict[str, str]:
    """Citation of a standard history by title."""
    return {"title": title}


def seed(source: str, quote: str, passage: int, fingerprint: str) -> dict[str, Any]:
    """Citation of a catalogue document anchored to one of its passages (quote under ten words)."""
    return {"source": source, "quote": quote, "passage": passage, "fingerprint": fingerprint}


# ---------------------------------------------------------------------------
# The lines, west to east
# ---------------------------------------------------------------------------

# Walker's fallback position behind the Pusan perimeter, surveyed in August 1950 by
# Brig. Gen. Garrison Davidson: from the east coast north of Ulsan west past the
# south of Kyongju to Miryang and on to the Naktong near Samnangjin.
DAVIDSON = L("""
129.45,35.70 129.33,35.69 129.20,35.67 129.06,35.62 128.93,35.56 128.82,35.51
128.75,35.49 128.74,35.44 128.78,35.39 128.82,35.37
""")

# Line D, the line near the 37th parallel Ridgway ordered after the third Chinese
# offensive: Pyongtaek on Asan Bay, Ansong, Changhowon-ni, Wonju and east to the
# coast at Samchok.
LINE_D = L("""
126.93,36.97 127.09,36.99 127.20,37.00 127.28,37.01 127.40,37.05 127.52,37.09
127.64,37.12 127.76,37.22 127.86,37.30 127.93,37.34 128.05,37.35 128.20,37.36
128.40,37.37 128.60,37.38 128.80,37.40 128.98,37.43 129.17,37.44
""")

# The No Name Line of late April 1951, just north of Seoul and bending north-east
# past Hongchon to the coast below Yangyang (the trace of the 30 April front record).
NO_NAME = L("""
126.55,37.74 126.64,37.74 126.74,37.71 126.84,37.68 126.94,37.66 127.04,37.67
127.14,37.66 127.26,37.64 127.38,37.64 127.48,37.68 127.58,37.72 127.68,37.74
127.78,37.76 127.88,37.78 127.98,37.80 128.10,37.84 128.22,37.89 128.34,37.94
128.46,37.99 128.56,38.04 128.64,38.08 128.70,38.10
""")

# Line Kansas of Operation Rugged (April 1951): the lower Imjin, a few miles above
# the parallel past the Hwachon reservoir, to the coast above Yangyang.
KANSAS = L("""
126.68,37.79 126.74,37.86 126.82,37.92 126.92,37.97 127.02,38.02 127.10,38.08
127.20,38.10 127.32,38.10 127.44,38.09 127.56,38.09 127.66,38.11 127.76,38.13
127.86,38.13 127.96,38.13 128.06,38.12 128.18,38.13 128.30,38.17 128.42,38.22
128.52,38.26 128.60,38.28 128.66,38.30 128.70,38.31
""")

# Line Wyoming: the bulge above Kansas over Chorwon and Kumhwa at the base of the
# Iron Triangle, leaving Kansas on the Imjin and rejoining it by the Hwachon reservoir.
WYOMING = L("""
126.98,38.00 127.03,38.06 127.06,38.13 127.10,38.20 127.16,38.26 127.22,38.28
127.30,38.29 127.37,38.30 127.44,38.31 127.51,38.29 127.58,38.25 127.65,38.21
127.72,38.18 127.80,38.16 127.88,38.15 127.96,38.13
""")

# Line Jamestown, I Corps' objective in Operation Commando (October 1951) and its
# main line of resistance to the armistice: from the Imjin north of Munsan across
# the Samichon, past Hill 355 and Maryang-san, to the Chorwon valley.
JAMESTOWN = L("""
126.687,37.833 126.684,37.890 126.680,37.950 126.700,37.955 126.746,37.958
126.780,37.980 126.807,38.001 126.845,38.050 126.881,38.095 126.915,38.120
126.948,38.141 126.975,38.185 127.000,38.225 127.060,38.262 127.128,38.297
127.175,38.310 127.222,38.318 127.272,38.316
""")

# The line of contact the truce delegates agreed on 27 November 1951 (the trace of
# the front record of that day): the MDL in the west, the Kumsong bulge, the hills
# north of the Punchbowl to the coast north of Kansong.
CONTACT_1951 = L("""
126.687,37.833 126.684,37.890 126.680,37.950 126.700,37.955 126.746,37.958
126.780,37.980 126.807,38.001 126.845,38.050 126.881,38.095 126.915,38.120
126.948,38.141 126.975,38.185 127.000,38.225 127.060,38.262 127.128,38.297
127.175,38.310 127.222,38.318 127.272,38.316 127.322,38.314 127.362,38.320
127.401,38.327 127.450,38.300 127.472,38.304 127.492,38.299 127.512,38.295
127.530,38.330 127.548,38.362 127.570,38.385
127.610,38.390 127.650,38.385 127.700,38.370 127.745,38.352 127.776,38.333
127.823,38.299 127.865,38.309 127.905,38.318 127.955,38.312 128.003,38.306
128.061,38.307 128.100,38.318 128.140,38.330 128.190,38.360 128.244,38.395
128.275,38.435 128.304,38.475 128.304,38.530 128.304,38.584 128.335,38.605
128.364,38.621 128.390,38.623
""")

LINES: list[dict[str, Any]] = [
    {"id": "davidson-line", "name": "Davidson Line", "kind": "fallback",
     "start": "1950-08-15", "end": "1950-09-16", "status": "documented", "accuracy_km": 5,
     "note": "A fallback position surveyed behind the Pusan perimeter in August 1950 in case the "
             "Naktong line broke: from the coast north of Ulsan through Miryang to the Naktong. It "
             "was prepared but never occupied; the breakout of 16 September made it moot.",
     "cites": [book(APPLEMAN)], "trace": DAVIDSON},
    {"id": "line-d-1951", "name": "Line D", "kind": "fallback",
     "start": "1951-01-04", "end": "1951-01-24", "status": "documented", "accuracy_km": 5,
     "note": "After Seoul fell again Ridgway pulled the Eighth Army back to Line D, from Pyongtaek "
             "through Ansong, Changhowon-ni and Wonju to Samchok, near the 37th parallel; the "
             "advance north began from it with Operation Thunderbolt on 25 January.",
     "cites": [book(MOSSMAN)], "trace": LINE_D},
    {"id": "no-name-line", "name": "No Name Line", "kind": "defence",
     "start": "1951-04-30", "end": "1951-05-22", "status": "documented", "accuracy_km": 4,
     "note": "The line the Eighth Army stopped the first Chinese spring offensive on, just north of "
             "Seoul and north-east past Hongchon to the coast; it held in the west in May while the "
             "second offensive broke through in the east.",
     "cites": [book(MOSSMAN), book(WESTPOINT)], "trace": NO_NAME},
    {"id": "line-kansas", "name": "Line Kansas", "kind": "objective",
     "start": "1951-04-09", "end": "1953-07-27", "status": "documented", "accuracy_km": 4,
     "note": "Ridgway's objective line of Operation Rugged, reached on 9 April 1951; lost in the "
             "spring offensives, regained in June and fortified as the main defence line behind "
             "the front until the armistice.",
     "cites": [book(MOSSMAN), book(HERMES)], "trace": KANSAS},
    {"id": "line-wyoming", "name": "Line Wyoming", "kind": "objective",
     "start": "1951-06-12", "end": "1953-07-27", "status": "documented", "accuracy_km": 4,
     "note": "The bulge above Line Kansas over Chorwon and Kumhwa at the base of the Iron "
             "Triangle, taken in Operation Piledriver in June 1951 and held as an outpost line.",
     "cites": [book(MOSSMAN), book(WESTPOINT)], "trace": WYOMING},
    {"id": "line-jamestown", "name": "Line Jamestown", "kind": "objective",
     "start": "1951-10-03", "end": "1953-07-27", "status": "documented", "accuracy_km": 3,
     "note": "I Corps' objective in Operation Commando (3-8 October 1951), from the Imjin across "
             "the Samichon and past Maryang-san to the Chorwon valley; its main line of resistance "
             "for the rest of the war.",
     "cites": [book(HERMES)], "trace": JAMESTOWN},
    {"id": "line-of-contact-1951", "name": "Line of contact, 27 Nov 1951", "kind": "contact",
     "start": "1951-11-27", "end": "1951-12-27", "status": "documented", "accuracy_km": 3,
     "note": "The negotiators agreed that the line of contact of 27 November 1951 would be the "
             "demarcation line if an armistice were signed within thirty days; none was, and the "
             "provisional line lapsed on 27 December.",
     "cites": [seed("weathersby-1999", "dragging out the Panmunjom talks for two years", 12, "46c647b925343f02"),
               book(HERMES)],
     "trace": CONTACT_1951},
]
MDL_CITES = [seed("history-overview", "An armistice was finally signed at Panmunjom", 14, "5d3c38e2698eef27"),
             book(ARMISTICE), book(HERMES)]


def _grid(line: Any) -> Any:
    return shapely.set_precision(line, GRID)


def _mdl_land() -> LineString:
    """The MDL of ``armistice.geojson`` from where it reaches land at the Imjin mouth."""
    data = json.loads((HERE / "armistice.geojson").read_text(encoding="utf-8"))
    coords = data["features"][0]["geometry"]["coordinates"]
    return LineString([tuple(c) for c in coords if c[0] >= 126.68])


def _offset(line: LineString, metres: float) -> LineString:
    """*line* offset sideways by *metres* in EPSG:5179 (positive: to the left, i.e. north)."""
    fwd = Transformer.from_crs("EPSG:4326", "EPSG:5179", always_xy=True)
    inv = Transformer.from_crs("EPSG:5179", "EPSG:4326", always_xy=True)
    xy = np.array(line.coords)
    px, py = fwd.transform(xy[:, 0], xy[:, 1])
    off = LineString(np.column_stack([px, py])).offset_curve(metres, join_style="round", quad_segs=2)
    off = off.simplify(50.0)
    ox, oy = np.array(off.coords).T
    lon, lat = inv.transform(ox, oy)
    return LineString(np.column_stack([np.round(lon, 4), np.round(lat, 4)]))


def _feature(fid: str, props: dict[str, Any], geom: Any) -> dict[str, Any]:
    geom = _grid(geom)
    parts = list(geom.geoms) if isinstance(geom, MultiLineString) else [geom]
    coords = [[[round(x, 4), round(y, 4)] for x, y in p.coords] for p in parts]
    return {"type": "Feature", "id": fid, "properties": props,
            "geometry": {"type": "MultiLineString", "coordinates": coords}}


def build() -> dict[str, Any]:
    """The named lines as a GeoJSON FeatureCollection (a dict)."""
    feats = []
    for item in LINES:
        props = {k: item[k] for k in ("name", "kind", "start", "end", "status", "accuracy_km", "note")}
        props["citations"] = item["cites"]
        feats.append(_feature(item["id"], props, LineString(item["trace"])))
    mdl = _mdl_land()
    feats.append(_feature("mdl", {
        "name": "Military Demarcation Line", "kind": "demarcation", "start": "1953-07-27", "end": None,
        "status": "documented", "accuracy_km": 2,
        "note": "The armistice line of 27 July 1953, the line of contact on the day it was signed, "
                "from the Imjin mouth past Panmunjom to the east coast north of Kansong; it is still "
                "the line between the two Koreas.",
        "citations": MDL_CITES}, mdl))
    for side, metres in (("north", 2000.0), ("south", -2000.0)):
        feats.append(_feature(f"dmz-{side}", {
            "name": f"DMZ {side} edge", "kind": "dmz-edge", "start": "1953-07-27", "end": None,
            "status": "documented", "accuracy_km": 2,
            "note": f"The {side}ern edge of the Demilitarized Zone, 2 km {side} of the Military "
                    "Demarcation Line, to which each side withdrew its forces within 72 hours of "
                    "the armistice.",
            "citations": [book(ARMISTICE)]}, _offset(mdl, metres)))
    return {
        "type": "FeatureCollection",
        "title": "Named lines of the Korean War, August 1950 - July 1953",
        "description": "Lines the commands drew and the histories name, each shown from 'start' to 'end' "
                       "(null: to this day). Hand-placed from the campaign histories cited; generated by "
                       "geodata/named_lines_source.py.",
        "license": "CC0-1.0",
        "features": feats,
    }


def dump(data: dict[str, Any]) -> str:
    """Deterministic text: one feature per line."""
    head = {k: v for k, v in data.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in data["features"]]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return text + ',\n "features": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def main(out: Path | None = None) -> Path:
    """Write ``named_lines.geojson`` into *out* (default: beside this script)."""
    from explorer.core.atomic import atomic_write_text

    path = (out or HERE) / OUT
    atomic_write_text(path, dump(build()))
    return path


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
