"""Author the dated front lines of the Korean War as waypoint lists.

Running ``python geodata/fronts_source.py`` writes ``geodata/fronts.geojson`` (one
feature per dated state) and ``geodata/armistice.geojson`` (the Military Demarcation
Line of 27 July 1953) next to this file. The output is deterministic, so running the
script again reproduces both files byte for byte.

Geometry conventions are those of the project's front-line format: part 0 of each
state is an open line with the UN side on its right, starting west of 123 E (or south
of 33 N) and ending east of 132 E; further parts are closed rings, clockwise for a
UN-held enclave and counter-clockwise for a communist pocket.

Every waypoint was placed by hand from the campaign histories named in the
citations; where the line between two documented dates is our own estimate the
state is marked "inferred".
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

APPLEMAN = "Appleman, South to the Naktong, North to the Yalu (1961)"
MOSSMAN = "Mossman, Ebb and Flow: November 1950-July 1951 (1990)"
HERMES = "Hermes, Truce Tent and Fighting Front (1966)"
WESTPOINT = "Esposito (ed.), The West Point Atlas of American Wars, vol. II (1959)"


def L(text: str) -> list[tuple[float, float]]:
    """Parse waypoints written as ``lon,lat`` tokens; ``#`` starts a comment.

    Parameters
    ----------
    text : str
        Whitespace-separated ``lon,lat`` pairs, optionally commented.

    Returns
    -------
    list of tuple of float
        The waypoints in order.
    """
    pts: list[tuple[float, float]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        for tok in line.split():
            lon, lat = tok.split(",")
            pts.append((float(lon), float(lat)))
    return pts


def ring(text: str) -> list[tuple[float, float]]:
    """Parse waypoints like :func:`L` and close the ring."""
    pts = L(text)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts


def _r(pts: list) -> list[list[float]]:
    return [[round(x, 4), round(y, 4)] for x, y in pts]


def seed(source: str, quote: str, passage: int, fingerprint: str) -> dict[str, Any]:
    """Citation of one of the catalogue's documents, anchored to one of its passages.

    Parameters
    ----------
    source : str
        Catalogue id of the document.
    quote : str
        A run of fewer than ten words of the passage.
    passage, fingerprint : int, str
        Index and fingerprint of the passage holding the quote, as
        ``python -m explorer.sources.anchors fill`` computes them; kept here so that
        regenerating the GeoJSON keeps its anchors.

    Returns
    -------
    dict
        The citation object.
    """
    return {"source": source, "quote": quote, "passage": passage, "fingerprint": fingerprint}


def book(title: str) -> dict[str, str]:
    """Citation of a standard history by title."""
    return {"title": title}


# ---------------------------------------------------------------------------
# Reusable stretches (each runs west -> east with the UN side on its right)
# ---------------------------------------------------------------------------

# The 38th parallel itself, densified so a blend with later lines is smooth.
PARALLEL = [(122.5, 38.0)] + [(round(124.6 + 0.2 * i, 4), 38.0) for i in range(21)] + [(132.5, 38.0)]

# The southern sea approach used while the UN held only the south-east: passes
# between Jeju (UN) and the south-western islands.
SOUTH_SEA = L("122.5,33.8  125.0,33.8  126.2,33.85  127.0,33.9  127.6,34.1")

# Pusan perimeter, west face: Chindong-ni coast, Sobuk-san, Haman, the Nam River
# mouth and then the east bank of the Naktong north to Waegwan.
PERIM_WEST_AUG = L("""
128.10,34.55 128.40,34.98 128.44,35.09 128.40,35.15 128.37,35.21 128.37,35.27
128.39,35.33 128.42,35.38 128.40,35.43 128.37,35.48 128.39,35.53 128.41,35.58
128.44,35.64 128.44,35.70 128.43,35.76 128.44,35.82 128.42,35.88 128.38,35.94
128.36,35.99
""")

# Naktong bulge penetration of 6-18 Aug (Cloverleaf / Obong-ni ridge, short of Yongsan).
PERIM_WEST_BULGE = L("""
128.10,34.55 128.40,34.98 128.44,35.09 128.40,35.15 128.37,35.21 128.37,35.27
128.39,35.33 128.42,35.38 128.45,35.42 128.48,35.43 128.49,35.47 128.46,35.51
128.41,35.55 128.41,35.58 128.44,35.64 128.44,35.70 128.43,35.76 128.44,35.82
128.42,35.88 128.38,35.94 128.36,35.99
""")

# Great Naktong Offensive, early September: Haman front pressed, second bulge
# penetration to the edge of Yongsan, Changnyong threatened, Waegwan lost.
PERIM_WEST_SEP = L("""
128.10,34.55 128.40,34.98 128.45,35.09 128.41,35.16 128.38,35.22 128.37,35.27
128.40,35.32 128.44,35.37 128.48,35.41 128.51,35.43 128.53,35.47 128.50,35.50
128.46,35.52 128.44,35.57 128.44,35.61 128.45,35.65 128.45,35.71 128.44,35.77 128.45,35.83
128.44,35.88 128.43,35.93 128.45,35.97
""")


def perimeter(west: list, north_east: str) -> list:
    """Compose a Pusan-perimeter main line from the sea approach, a west face and a north-east face."""
    return SOUTH_SEA + west + L(north_east)


# North face of the perimeter, 4 Aug: ROK divisions along the upper Naktong and across
# the mountains to the coast just north of Yongdok.
NE_AUG4 = """
128.37,36.05 128.36,36.15 128.33,36.25 128.35,36.33 128.45,36.35 128.58,36.40
128.70,36.45 128.85,36.47 129.00,36.48 129.15,36.46 129.28,36.46 129.40,36.45
130.00,36.50 132.5,36.5
"""

# 11 Aug: Tabu-dong front north of Taegu, Kigye and Pohang lost, Yonil airfield held.
NE_AUG11 = """
128.38,36.04 128.45,36.09 128.53,36.10 128.62,36.11 128.72,36.10 128.85,36.09
128.97,36.06 129.08,36.03 129.16,36.01 129.24,36.01 129.31,36.00 129.37,36.005
129.50,36.02 130.20,36.10 132.5,36.2
"""

# 18-31 Aug: Pohang and Kigye back in UN hands. In the Bowling Alley sector the line
# ran across the Sangju-Taegu road two or three km north of Tabu-dong (the 27th
# Infantry's position in the valley, the ROK 1st Division on Yuhak-san to the west
# and on the ridges to Ka-san in the east), then north-east past Sinnyong to the
# ROK 8th Division's front on the Uihung-Yongchon road and east above Kigye.
NE_AUG18 = """
128.38,36.04 128.42,36.06 128.47,36.075 128.52,36.072 128.556,36.068 128.59,36.072
128.63,36.085 128.67,36.10 128.73,36.12 128.86,36.12
128.98,36.12 129.10,36.13 129.20,36.12 129.27,36.12 129.33,36.13 129.38,36.14
129.60,36.15 130.20,36.20 132.5,36.3
"""

# 6-15 Sep: Tabu-dong and Ka-san lost, front eight miles from Taegu, Yongchon
# threatened from the north, Kigye and Pohang lost, Kyongju covered at Angang-ni.
NE_SEP = """
128.46,36.01 128.52,35.97 128.58,35.97 128.64,35.99 128.72,36.00 128.83,35.99
128.90,36.00 128.96,35.99 129.03,35.97 129.10,35.95 129.18,35.96 129.24,35.97
129.30,35.99 129.36,36.00 129.42,36.00 129.60,36.02 130.20,36.10 132.5,36.2
"""

# Kansas-Wyoming line of June-July 1951 (west part along the Imjin, Wyoming bulge
# over Chorwon and Kumhwa, Kansas past the Hwachon reservoir and the Punchbowl rim).
WEST_SEA_1951 = L("122.5,37.55 124.5,37.6 125.8,37.62 126.2,37.68 126.45,37.74 126.62,37.75")
KANSAS_WYOMING = L("""
126.68,37.77 126.71,37.83 126.76,37.88 126.82,37.92 126.90,37.96 126.98,38.00
127.03,38.06 127.06,38.13 127.10,38.20 127.16,38.26 127.22,38.28 127.30,38.29
127.37,38.30 127.44,38.31 127.51,38.29 127.58,38.25 127.65,38.21 127.72,38.18
127.80,38.16 127.88,38.15 127.96,38.15 128.03,38.19 128.09,38.22 128.15,38.23
128.21,38.25 128.27,38.31 128.32,38.39 128.37,38.45 128.42,38.50 128.47,38.53
128.55,38.55 129.5,38.6 132.5,38.6
""")

# Armistice Military Demarcation Line of 27 July 1953, from the Han estuary past
# Panmunjom to the east coast north of Kansong.
MDL_LAND = L("""
126.687,37.833 126.684,37.89 126.680,37.950 126.700,37.955 126.746,37.958
126.780,37.980 126.807,38.001 126.845,38.050 126.881,38.095 126.915,38.120
126.948,38.141 126.975,38.185 127.000,38.225 127.028,38.228 127.048,38.232
127.060,38.262 127.128,38.297
127.175,38.310 127.222,38.318 127.272,38.316 127.322,38.314 127.362,38.320
127.401,38.327 127.450,38.315 127.506,38.301 127.540,38.311 127.572,38.321
127.612,38.324 127.652,38.326 127.691,38.328 127.731,38.330 127.776,38.333
127.823,38.299 127.865,38.309 127.905,38.318 127.955,38.312 128.003,38.306
128.061,38.307 128.100,38.318 128.140,38.330 128.190,38.360 128.244,38.395
128.275,38.435 128.304,38.475 128.304,38.530 128.304,38.584 128.335,38.605
128.364,38.621 128.390,38.623
""")
MDL_SEA_WEST = L("""
122.5,38.05 124.55,38.05 124.65,38.025 124.719,38.011 124.755,37.988
124.78,37.91 124.81,37.83 124.829,37.759 125.2,37.70 125.638,37.664
125.9,37.66 126.104,37.695 126.184,37.731 126.193,37.789 126.241,37.825
126.428,37.835 126.493,37.797 126.606,37.763 126.659,37.781
""")
MDL_SEA_EAST = L("129.0,38.65 132.5,38.65")
MDL = MDL_SEA_WEST + MDL_LAND + MDL_SEA_EAST

# Stalemate MLR, Oct 1951 - Jun 1953: the MDL trace in the west (Jamestown line
# after Operation Commando) with the Kumsong bulge pushed north toward Kumsong.
# The west end runs just south of Triangle Hill (Hill 598) and Sniper Ridge above
# Kumhwa, which the Chinese held in front of the UN line (Operation Showdown,
# October 1952, failed to keep them), then climbs the bulge's flank.
KUMSONG_BULGE = L("""
127.450,38.300 127.472,38.304 127.492,38.299 127.512,38.295 127.530,38.330
127.548,38.362 127.570,38.385 127.610,38.390
127.650,38.385 127.700,38.370 127.745,38.352 127.776,38.333
""")


def mdl_with(replacements: list[tuple[float, float, list]]) -> list:
    """MDL trace with the stretch between two longitudes replaced by another trace."""
    line = list(MDL)
    for lon0, lon1, pts in replacements:
        i0 = next(i for i, p in enumerate(line) if p[0] >= lon0)
        i1 = max(i for i, p in enumerate(line) if p[0] <= lon1 and i >= i0) + 1
        line = line[:i0] + pts + line[i1:]
    return line


STALEMATE = mdl_with([(127.43, 127.78, KUMSONG_BULGE)])

# ---------------------------------------------------------------------------
# Rings
# ---------------------------------------------------------------------------
INCHON_15SEP = ring("126.57,37.43 126.57,37.51 126.64,37.53 126.70,37.50 126.70,37.44 126.64,37.40")
INCHON_18SEP = ring("""126.52,37.36 126.52,37.56 126.62,37.64 126.72,37.66 126.80,37.62
126.84,37.56 126.86,37.50 126.80,37.42 126.70,37.36 126.60,37.33""")
INCHON_22SEP = ring("""126.50,37.30 126.52,37.58 126.62,37.66 126.72,37.69 126.80,37.66
126.87,37.62 126.93,37.585 126.95,37.54 127.00,37.50 127.06,37.40 127.08,37.28
127.06,37.19 126.96,37.17 126.80,37.18 126.62,37.22""")
TOKSONG_POCKET = ring("129.34,36.25 129.35,36.33 129.41,36.35 129.48,36.30 129.45,36.22 129.38,36.21")
CHOSIN_YUDAM = ring("127.03,40.45 127.05,40.52 127.13,40.52 127.15,40.46 127.10,40.43")
CHOSIN_HAGARU = ring("127.21,40.36 127.22,40.41 127.29,40.41 127.30,40.36 127.26,40.34")
CHOSIN_KOTO = ring("127.27,40.26 127.27,40.30 127.33,40.30 127.34,40.26 127.30,40.25")
CHOSIN_HAGARU_KOTO = ring("""127.20,40.35 127.22,40.42 127.30,40.42 127.32,40.36 127.35,40.30
127.35,40.24 127.29,40.24 127.25,40.29""")
HUNGNAM_11DEC = ring("""127.30,39.78 127.32,39.95 127.42,40.06 127.55,40.09 127.70,40.03
127.80,39.92 127.74,39.72 127.50,39.68""")
HUNGNAM_17DEC = ring("""127.48,39.78 127.50,39.87 127.58,39.90 127.68,39.88 127.74,39.80
127.70,39.70 127.55,39.71""")
# The 23rd RCT's all-round perimeter on the low hills around the village, about
# 2.5-3 km across (Mossman: a ring of roughly a mile and a half in diameter).
CHIPYONG = ring("""127.618,37.462 127.620,37.474 127.632,37.479 127.646,37.476 127.650,37.465
127.644,37.456 127.630,37.453""")

# ---------------------------------------------------------------------------
# The dated states
# ---------------------------------------------------------------------------
S: list[dict[str, Any]] = []


def state(date: str, status: str, label: str, note: str, main: list,
          rings: list[tuple[str, list]] = (), cites: list[dict] = (), *,
          zones: list[dict] = (), taken: list[dict] = (),
          moves_from: str | None = None, moves_until: str | None = None) -> None:
    """Register one dated state.

    *zones*, *taken*, *moves_from* and *moves_until* are the optional
    properties described in ``geodata/README.md`` (ground held by neither
    side; towns taken on known days since the previous state; the days the
    ground changing hands since the previous state began and stopped moving).
    """
    S.append(dict(date=date, status=status, label=label, note=note, main=main,
                  rings=list(rings), cites=list(cites), zones=list(zones), taken=list(taken),
                  moves_from=moves_from, moves_until=moves_until))


def zone(name: str, label: str, kind: str, note: str, pts: list, cites: list[dict],
         since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """A zone held by neither side (kinds: gap, no-mans-land, bypassed, guerrilla)."""
    z: dict[str, Any] = {"name": name, "label": label, "kind": kind}
    if since:
        z["since"] = since
    if until:
        z["until"] = until
    z.update({"note": note, "citations": cites, "ring": _r(pts)})
    return z


def taken(place: str, lon: float, lat: float, date: str, by: str, cites: list[dict],
          radius_km: float | None = None) -> dict[str, Any]:
    """A town that changed hands on a known day (``by``: "UN" or "COMMUNIST")."""
    t: dict[str, Any] = {"place": place, "lon": lon, "lat": lat, "date": date, "by": by}
    if radius_km is not None:
        t["radius_km"] = radius_km
    t["citations"] = cites
    return t


state("1950-06-25", "documented", "Invasion across the 38th parallel",
      "At dawn the Korean People's Army attacked along the whole 38th parallel, from the "
      "Ongjin peninsula in the west to the east coast; the line shown is the prewar boundary.",
      PARALLEL,
      cites=[seed("weathersby-1999", "across the 38th parallel early on the morning", 9, "b69eb4d264b834a5"),
             seed("yungblud-sadakov-2019", "invasion of the south", 2, "f8c449ce78f390cb"),
             book(APPLEMAN), book(WESTPOINT)])

state("1950-06-27", "inferred", "Ongjin, Kaesong, Uijongbu lost",
      "Ongjin and Kaesong were overrun and the Uijongbu corridor broken; the northern "
      "armies stood at the edge of Seoul while Chunchon and Kangnung still held.",
      L("""122.5,37.55 124.5,37.6 125.9,37.7 126.2,37.76 126.40,37.79 126.55,37.80
      126.66,37.80 126.74,37.80 126.82,37.76 126.90,37.71 126.97,37.68 127.03,37.66
      127.10,37.66 127.20,37.69 127.30,37.73 127.40,37.77 127.48,37.81 127.56,37.86
      127.62,37.91 127.70,37.95 127.78,37.96 127.88,37.96 128.00,37.94 128.12,37.92
      128.25,37.91 128.38,37.91 128.50,37.90 128.62,37.89 128.72,37.87 128.80,37.86
      128.88,37.86 129.5,37.9 132.5,37.9"""),
      cites=[book(APPLEMAN)])

state("1950-06-28", "documented", "Seoul falls",
      "Seoul fell on 28 June after the Han bridges were blown; the South Korean army "
      "re-formed along the south bank of the Han while Chunchon and Kangnung were lost.",
      L("""122.5,37.5 124.5,37.55 126.0,37.68 126.40,37.79 126.58,37.78 126.66,37.765
      126.72,37.71 126.77,37.66 126.82,37.60 126.87,37.565 126.92,37.54 126.97,37.525
      127.03,37.515 127.09,37.53 127.15,37.55 127.22,37.56 127.30,37.58 127.38,37.62
      127.46,37.66 127.55,37.70 127.63,37.74 127.72,37.78 127.82,37.79 127.95,37.79
      128.08,37.80 128.22,37.80 128.36,37.79 128.50,37.78 128.62,37.75 128.72,37.71
      128.80,37.68 128.88,37.66 128.98,37.65 129.5,37.6 132.5,37.6"""),
      cites=[book(APPLEMAN)])

state("1950-07-01", "inferred", "Han River line",
      "Kimpo airfield was lost on 29 June but Yongdungpo and Inchon still held behind the "
      "Han; in the centre Hongchon had fallen and on the east coast the line was below Samchok.",
      L("""122.5,37.35 125.5,37.45 126.35,37.56 126.50,37.575 126.60,37.57 126.68,37.555
      126.76,37.54 126.84,37.545 126.90,37.545 126.96,37.527 127.03,37.515 127.09,37.525
      127.17,37.52 127.26,37.51 127.36,37.51 127.46,37.53 127.56,37.56 127.66,37.58
      127.76,37.60 127.86,37.62 127.96,37.62 128.08,37.62 128.22,37.61 128.36,37.60
      128.50,37.59 128.64,37.56 128.78,37.52 128.92,37.47 129.04,37.42 129.16,37.39
      129.5,37.38 132.5,37.35"""),
      cites=[book(APPLEMAN)])

state("1950-07-05", "documented", "Task Force Smith at Osan",
      "Suwon and Inchon were gone; the first American unit met the tanks just north of "
      "Osan, while in the centre the line ran south of Wonju and on the coast below Samchok.",
      L("""122.5,37.1 125.8,37.15 126.45,37.22 126.62,37.20 126.78,37.19 126.92,37.19
      127.00,37.20 127.05,37.195 127.12,37.20 127.22,37.22 127.32,37.25 127.40,37.30
      127.48,37.32 127.56,37.33 127.65,37.33 127.74,37.32 127.82,37.30 127.90,37.28
      127.98,37.27 128.06,37.26 128.16,37.24 128.26,37.25 128.36,37.27 128.46,37.28
      128.56,37.28 128.66,37.27 128.78,37.25 128.90,37.23 129.02,37.21 129.14,37.20
      129.26,37.19 129.40,37.18 129.8,37.18 132.5,37.18"""),
      cites=[seed("history-overview", "the USA sent troops to support South Korea", 9, "fb7b977a9ae21152"),
             book(APPLEMAN)])

state("1950-07-08", "documented", "Chonan falls",
      "Pyongtaek and Chonan were lost in the first battles of the US 24th Division; in the "
      "centre the ROK army fell back past Chungju and Chechon, and on the coast toward Ulchin.",
      L("""122.5,36.75 126.0,36.80 126.35,36.78 126.55,36.77 126.72,36.76 126.88,36.76
      127.00,36.76 127.10,36.755 127.20,36.76 127.30,36.79 127.40,36.83 127.50,36.88
      127.60,36.92 127.70,36.95 127.80,36.98 127.90,37.00 128.00,37.01 128.10,37.04
      128.20,37.06 128.30,37.05 128.40,37.03 128.50,37.02 128.60,37.01 128.72,37.00
      128.84,37.00 128.96,37.01 129.08,37.02 129.20,37.03 129.32,37.04 129.45,37.05
      129.8,37.05 132.5,37.05"""),
      cites=[book(APPLEMAN)])

state("1950-07-13", "documented", "Kum River line",
      "The US 24th Division stood behind the Kum River, still holding Kongju on its south "
      "bank; Chongju had fallen, and the ROK army held the Sobaek passes and Yongju.",
      L("""122.5,36.3 126.0,36.30 126.38,36.33 126.55,36.37 126.72,36.42 126.86,36.46
      126.97,36.475 127.05,36.48 127.12,36.476 127.20,36.485 127.28,36.495 127.35,36.51
      127.42,36.53 127.50,36.57 127.58,36.60 127.68,36.62 127.78,36.64 127.88,36.66
      127.98,36.70 128.08,36.72 128.16,36.74 128.24,36.80 128.32,36.86 128.42,36.90
      128.52,36.90 128.62,36.90 128.74,36.91 128.86,36.92 128.98,36.92 129.10,36.92
      129.22,36.91 129.35,36.91 129.45,36.91 129.8,36.91 132.5,36.9"""),
      cites=[book(APPLEMAN)])

state("1950-07-19", "inferred", "Battle of Taejon",
      "The 24th Division stood in and west of Taejon while two North Korean divisions "
      "closed from the Kum River; the enveloping 6th Division was already deep in the south-west.",
      L("""122.5,35.7 125.8,35.7 126.40,35.72 126.62,35.74 126.85,35.76 127.00,35.74
      127.12,35.74 127.25,35.77 127.33,35.88 127.30,36.02 127.26,36.16 127.25,36.28
      127.28,36.38 127.34,36.44 127.42,36.46 127.52,36.46 127.62,36.46 127.72,36.47
      127.80,36.49 127.92,36.52 128.04,36.56
      128.14,36.62 128.24,36.68 128.34,36.72 128.46,36.74 128.58,36.76 128.70,36.76
      128.82,36.72 128.94,36.66 129.06,36.58 129.18,36.52 129.30,36.48 129.42,36.46
      129.8,36.46 132.5,36.45"""),
      cites=[book(APPLEMAN)])

state("1950-07-20", "documented", "Taejon falls",
      "Taejon was lost on 20 July and General Dean captured; the North Korean 6th Division "
      "was sweeping the south-west past Kunsan and Chonju, and Yongdok on the coast changed hands.",
      L("""122.5,35.7 125.8,35.7 126.40,35.72 126.62,35.74 126.85,35.76 127.00,35.74
      127.12,35.74 127.25,35.77 127.35,35.85 127.42,35.98 127.47,36.10 127.50,36.20
      127.53,36.28 127.60,36.36 127.70,36.42 127.80,36.48 127.92,36.52 128.04,36.56
      128.14,36.62 128.24,36.68 128.34,36.72 128.46,36.74 128.58,36.76 128.70,36.76
      128.82,36.72 128.94,36.66 129.06,36.58 129.18,36.52 129.30,36.48 129.42,36.46
      129.8,36.46 132.5,36.45"""),
      cites=[book(APPLEMAN)])

state("1950-07-23", "inferred", "Kwangju lost; 1st Cavalry at Yongdong",
      "The 1st Cavalry Division relieved the 24th at Yongdong on 22 July; in the south-west "
      "the North Korean 6th Division entered Kwangju and thin police and army units "
      "screened Mokpo and Namwon.",
      L("""122.5,34.95 125.8,34.95 126.30,34.98 126.55,35.05 126.75,35.10 126.95,35.18
      127.10,35.28 127.25,35.45 127.40,35.62 127.55,35.80 127.62,35.98 127.68,36.10
      127.72,36.18 127.78,36.30 127.85,36.42 127.95,36.50 128.04,36.56
      128.14,36.62 128.24,36.68 128.34,36.72 128.46,36.74 128.58,36.76 128.70,36.76
      128.82,36.72 128.94,36.66 129.06,36.58 129.18,36.52 129.30,36.48 129.42,36.46
      129.8,36.46 132.5,36.45"""),
      cites=[book(APPLEMAN)])

state("1950-07-26", "inferred", "Yongdong and Hwanggan; Kwangju lost",
      "The 1st Cavalry Division gave up Yongdong and fell back on Hwanggan, the 25th "
      "Division covered Sangju, and the enveloping 6th Division took Kwangju and Mokpo "
      "and turned east toward Hadong.",
      SOUTH_SEA + L("""127.70,34.55 127.72,34.80 127.73,35.00 127.76,35.15 127.82,35.32
      127.85,35.48 127.88,35.62 127.89,35.75 127.86,35.90 127.82,36.04 127.84,36.14
      127.87,36.22 127.90,36.30 127.96,36.38 128.04,36.45 128.10,36.52 128.18,36.60
      128.28,36.63 128.38,36.65 128.48,36.67 128.60,36.68 128.72,36.68 128.84,36.64
      128.96,36.60 129.08,36.54 129.20,36.48 129.32,36.45
      129.42,36.44 129.8,36.45 132.5,36.45"""),
      cites=[book(APPLEMAN)])

state("1950-07-31", "documented", "South-west swept; Chinju lost",
      "The 6th Division reached Chinju and Kochang fell after the whole south-west "
      "(Mokpo, Kwangju, Yosu) had been overrun; the Eighth Army was ordered back to the Naktong.",
      SOUTH_SEA + L("""128.00,34.55 128.12,34.90 128.16,35.05 128.18,35.16 128.20,35.28
      128.22,35.40 128.24,35.52 128.26,35.64 128.26,35.76 128.20,35.88 128.10,35.98
      128.02,36.08 128.04,36.20 128.14,36.30 128.38,36.44 128.50,36.50 128.62,36.52
      128.74,36.52 128.86,36.50 128.98,36.48 129.10,36.47 129.22,36.46 129.32,36.46
      129.42,36.45 129.8,36.46 132.5,36.46"""),
      cites=[book(APPLEMAN)])

state("1950-08-04", "documented", "Pusan perimeter formed",
      "Behind blown bridges the UN held a rectangle from the Naktong to the sea: Masan, "
      "the river line to Waegwan, and a mountain line east to the coast at Yongdok.",
      perimeter(PERIM_WEST_AUG, NE_AUG4),
      cites=[seed("history-overview", "a small area around Pusan", 8, "44ca97bec038e624"),
             book(APPLEMAN), book(WESTPOINT)])

state("1950-08-11", "documented", "Naktong Bulge; Pohang lost",
      "The North Korean 4th Division held a bridgehead in the Naktong Bulge short of "
      "Yongsan; in the north-east Kigye and Pohang fell and the ROK 3rd Division was cut off on the coast.",
      perimeter(PERIM_WEST_BULGE, NE_AUG11),
      rings=[("ROK 3rd Division pocket at Toksong-ni", TOKSONG_POCKET)],
      cites=[book(APPLEMAN)])

state("1950-08-18", "documented", "Bulge cleared; Pohang regained",
      "The Marines and 24th Division threw the 4th Division back across the Naktong; the ROK "
      "3rd Division was lifted out by sea and Pohang was reoccupied, and fighting began in the Bowling Alley.",
      perimeter(PERIM_WEST_AUG, NE_AUG18),
      cites=[book(APPLEMAN)])

state("1950-08-25", "inferred", "Perimeter holds",
      "After the Bowling Alley battles north of Taegu the perimeter stood much as it had "
      "been drawn at the start of August, with Pohang and Kigye back in UN hands.",
      perimeter(PERIM_WEST_AUG, NE_AUG18),
      cites=[book(APPLEMAN)])

state("1950-09-01", "documented", "Great Naktong Offensive",
      "On the night of 31 August the North Korean army struck all along the perimeter; "
      "the line shown is the one it attacked, from Masan along the Naktong to the coast north of Pohang.",
      perimeter(PERIM_WEST_AUG, NE_AUG18),
      cites=[seed("history-overview", "a small area around Pusan", 8, "44ca97bec038e624"),
             book(APPLEMAN)])

state("1950-09-06", "documented", "Perimeter at its smallest",
      "The offensive had re-entered the Naktong Bulge, crowded Haman, taken Waegwan, "
      "Tabu-dong and Ka-san above Taegu, and retaken Pohang; Yongchon and Kyongju were threatened but held.",
      perimeter(PERIM_WEST_SEP, NE_SEP),
      cites=[book(APPLEMAN), book(WESTPOINT)])

state("1950-09-12", "inferred", "Perimeter restored in part",
      "Counter-attacks cleared the second bulge and restored the line at Haman and east of "
      "Yongchon, but the ground north of Taegu and Pohang stayed in North Korean hands.",
      perimeter(PERIM_WEST_AUG, NE_SEP),
      cites=[book(APPLEMAN)])

state("1950-09-15", "documented", "Inchon landing",
      "X Corps landed at Inchon and took the port in a day, a separate beachhead far behind "
      "the lines, while the Eighth Army still held the Pusan perimeter.",
      perimeter(PERIM_WEST_AUG, NE_SEP),
      rings=[("Inchon beachhead", INCHON_15SEP)],
      cites=[seed("weathersby-1999", "landing at Inchon on September 15, 1950", 12, "46c647b925343f02"),
             seed("history-overview", "landed in Inchon", 11, "d7d3fb7e486bd29f"),
             book(APPLEMAN), book(WESTPOINT)])

state("1950-09-18", "documented", "Kimpo taken; breakout begins",
      "The Marines took Kimpo airfield and reached the Han opposite Seoul; the Eighth "
      "Army had begun its breakout attack on 16 September without yet breaking the ring.",
      perimeter(PERIM_WEST_AUG, NE_SEP),
      rings=[("Inchon beachhead", INCHON_18SEP)],
      cites=[book(APPLEMAN)])

state("1950-09-22", "documented", "Han crossed; Naktong crossed",
      "The Marines crossed the Han and fought toward Seoul while the 7th Division took Suwon; "
      "in the south the Eighth Army crossed the Naktong, retook Waegwan and pressed the retreating enemy.",
      SOUTH_SEA + L("""128.00,34.55 128.30,34.95 128.35,35.10 128.32,35.20 128.30,35.30
      128.33,35.40 128.32,35.50 128.30,35.60 128.30,35.72 128.30,35.84 128.30,35.96
      128.36,36.08 128.45,36.16 128.56,36.20 128.68,36.22 128.80,36.24 128.92,36.26
      129.04,36.26 129.16,36.24 129.28,36.22 129.40,36.22 129.8,36.25 132.5,36.3"""),
      rings=[("Inchon beachhead", INCHON_22SEP)],
      cites=[book(APPLEMAN)])

state("1950-09-26", "documented", "Link-up near Osan",
      "Columns of the 1st Cavalry Division racing north through Chonan met the 7th Division "
      "near Osan; the north-west of the south and the central mountains were still held by cut-off enemy forces.",
      SOUTH_SEA + L("""127.75,34.60 127.85,34.95 127.90,35.20 127.92,35.45 127.90,35.70
      127.80,35.95 127.65,36.20 127.50,36.45 127.35,36.60 127.10,36.75 127.04,36.90
      127.02,37.05 126.98,37.12 126.85,37.10 126.60,37.05 126.30,37.10 126.30,37.70
      126.55,37.72 126.72,37.70 126.82,37.65 126.90,37.61 126.955,37.55 127.00,37.50
      127.08,37.40 127.13,37.25 127.15,37.10 127.25,36.95 127.40,36.80 127.55,36.66
      127.70,36.56 127.85,36.52 128.00,36.55 128.15,36.62 128.30,36.70 128.45,36.78
      128.60,36.85 128.75,36.92 128.90,36.98 129.05,37.02 129.20,37.05 129.35,37.08
      129.8,37.1 132.5,37.1"""),
      cites=[book(APPLEMAN)])

state("1950-09-28", "documented", "Seoul retaken",
      "Seoul was cleared and handed back to the Rhee government; Taejon fell to the 24th "
      "Division and ROK columns closed on the 38th parallel along the east coast.",
      L("""122.5,37.7 125.5,37.65 126.2,37.72 126.45,37.78 126.62,37.77 126.75,37.72
      126.88,37.70 127.00,37.70 127.10,37.66 127.20,37.60 127.30,37.50 127.40,37.38
      127.55,37.30 127.70,37.25 127.85,37.25 128.00,37.30 128.15,37.38 128.30,37.45
      128.45,37.55 128.60,37.65 128.72,37.74 128.82,37.82 128.90,37.88 129.5,37.9
      132.5,37.9"""),
      cites=[seed("history-overview", "pushed the North Koreans back over the 38th parallel", 11, "d7d3fb7e486bd29f"),
             book(APPLEMAN)],
      # The 24th Division entered Taejon late on 28 September, not earlier.
      taken=[taken("Taejon", 127.385, 36.351, "1950-09-28", "UN", [book(APPLEMAN)])])

state("1950-10-01", "documented", "ROK 3rd Division crosses the 38th",
      "South of the parallel the country was back in UN hands; on the east coast the ROK "
      "3rd Division crossed the 38th parallel on 1 October and pushed toward Yangyang.",
      L("""122.5,37.75 125.5,37.7 126.2,37.74 126.45,37.79 126.62,37.79 126.72,37.84
      126.80,37.90 126.88,37.95 126.98,37.98 127.10,37.98 127.25,37.97 127.40,37.96
      127.55,37.96 127.70,37.96 127.85,37.96 128.00,37.96 128.15,37.97 128.30,37.98
      128.45,38.02 128.55,38.10 128.62,38.17 128.66,38.20 129.5,38.25 132.5,38.3"""),
      cites=[seed("weathersby-1999", "retreating North Korean army across the 38th parallel", 12, "46c647b925343f02"),
             book(APPLEMAN)])

state("1950-10-05", "inferred", "East coast advance",
      "The ROK I Corps drove up the east coast past Kansong and Kosong toward Wonsan while "
      "the Eighth Army gathered at Kaesong on the parallel.",
      L("""122.5,37.75 125.5,37.7 126.2,37.74 126.45,37.80 126.60,37.84 126.66,37.90
      126.75,37.95 126.85,37.99 126.98,38.02 127.10,38.02 127.25,38.02 127.40,38.03
      127.55,38.05 127.70,38.08 127.85,38.14 127.98,38.24 128.08,38.36 128.14,38.50
      128.18,38.64 128.22,38.76 128.28,38.86 128.36,38.92 128.6,38.95 129.5,39.0
      132.5,39.0"""),
      cites=[book(APPLEMAN)])

state("1950-10-09", "documented", "Eighth Army crosses at Kaesong",
      "The 1st Cavalry Division attacked north across the parallel from Kaesong on 9 "
      "October; ROK divisions were already well north in the centre and at the gates of Wonsan.",
      L("""122.5,37.9 125.3,37.85 125.9,37.9 126.2,37.98 126.38,38.04 126.50,38.06
      126.62,38.07 126.75,38.08 126.90,38.12 127.05,38.20 127.20,38.30 127.35,38.40
      127.48,38.52 127.58,38.64 127.64,38.76 127.66,38.88 127.64,38.98 127.58,39.05
      127.52,39.10 127.47,39.12 127.6,39.15 129.0,39.2 132.5,39.2"""),
      cites=[book(APPLEMAN), book(WESTPOINT)])

state("1950-10-10", "documented", "Wonsan taken",
      "The ROK 3rd and Capital Divisions entered Wonsan on 10 October, two weeks before the "
      "Marines came ashore there.",
      L("""122.5,37.9 125.3,37.85 125.9,37.9 126.2,37.98 126.38,38.05 126.50,38.08
      126.62,38.09 126.75,38.10 126.90,38.14 127.05,38.22 127.20,38.32 127.33,38.45
      127.42,38.60 127.46,38.75 127.42,38.90 127.36,39.02 127.32,39.12 127.34,39.22
      127.40,39.28 127.5,39.32 129.0,39.35 132.5,39.35"""),
      cites=[book(APPLEMAN)])

state("1950-10-15", "inferred", "Kumchon and the road to Pyongyang",
      "After the fight for Kumchon the Eighth Army columns drove up the Kaesong-Sariwon "
      "road; on the east coast the ROK I Corps moved on Hamhung.",
      L("""122.5,38.0 125.3,38.0 125.7,38.12 126.0,38.22 126.25,38.30 126.45,38.34
      126.62,38.38 126.78,38.44 126.95,38.52 127.10,38.62 127.22,38.74 127.30,38.88
      127.34,39.02 127.36,39.15 127.38,39.30 127.40,39.45 127.44,39.55 127.5,39.58
      129.0,39.6 132.5,39.6"""),
      cites=[book(APPLEMAN)])

state("1950-10-17", "documented", "Sariwon and Hamhung taken",
      "The Eighth Army took Sariwon on the road to Pyongyang, and on the east coast the "
      "ROK Capital Division entered Hamhung and the port of Hungnam.",
      L("""122.5,38.48 124.88,38.48 125.22,38.52 125.56,38.63 125.96,38.73 126.38,38.83
      126.57,38.89 126.80,39.00 126.97,39.11 127.10,39.22 127.20,39.34 127.30,39.60
      127.40,39.85 127.48,39.98 127.60,40.00 127.75,39.98 128.20,40.00 130.0,40.05
      132.5,40.1"""),
      cites=[book(APPLEMAN)])

state("1950-10-19", "documented", "Pyongyang taken",
      "The ROK 1st and US 1st Cavalry Divisions entered Pyongyang on 19 October; in the "
      "north-east the ROK I Corps held Hamhung and Hungnam and was moving up the coast.",
      L("""122.5,38.95 124.8,38.95 125.2,39.05 125.45,39.15 125.65,39.18 125.85,39.20
      126.05,39.24 126.25,39.30 126.45,39.38 126.65,39.48 126.85,39.60 127.02,39.72
      127.16,39.84 127.30,39.96 127.45,40.04 127.60,40.08 127.78,40.10 127.95,40.10
      128.1,40.12 129.0,40.15 132.5,40.2"""),
      cites=[seed("history-overview", "the communists to the Yalu River", 11, "d7d3fb7e486bd29f"),
             book(APPLEMAN), book(WESTPOINT)])

SUKCHON_DROP = ring("125.58,39.37 125.58,39.46 125.66,39.48 125.73,39.45 125.72,39.37 125.65,39.35")
SUNCHON_DROP = ring("125.87,39.39 125.87,39.47 125.94,39.49 126.00,39.46 125.99,39.39 125.93,39.37")

state("1950-10-20", "documented", "Airborne drop at Sukchon and Sunchon",
      "The 187th Airborne Regimental Combat Team dropped at Sukchon and Sunchon north of "
      "Pyongyang to cut the roads to the Chongchon; UN columns linked up with it the next day.",
      L("""122.5,39.04 124.86,39.05 125.25,39.17 125.50,39.29 125.85,39.38 126.24,39.55
      126.72,39.72 126.90,39.80 127.20,39.98 127.33,40.03 127.67,40.09 128.06,40.13
      129.40,40.21 130.94,40.24 132.5,40.24"""),
      rings=[("Sukchon airhead", SUKCHON_DROP), ("Sunchon airhead", SUNCHON_DROP)],
      cites=[book(APPLEMAN)])

YALU_SALIENT_EAST = """
126.10,40.32 126.22,40.25 126.40,40.18 126.58,40.08 126.78,40.00 126.98,40.00
127.16,40.05 127.32,40.10 127.50,40.16 127.70,40.20 127.90,40.24 128.10,40.28
128.30,40.32 128.50,40.36 128.70,40.42 128.86,40.46 129.0,40.47 132.5,40.5
"""

state("1950-10-26", "documented", "ROK patrol reaches the Yalu at Chosan",
      "A reconnaissance force of the ROK 6th Division reached the Yalu at Chosan at the "
      "end of a long thin salient; the first Chinese attacks had already begun around Unsan and Onjong.",
      L("""122.5,39.5 124.8,39.5 125.15,39.50 125.35,39.55 125.45,39.65 125.50,39.76
      125.53,39.90 125.64,39.98 125.74,40.06 125.80,40.18 125.80,40.32 125.76,40.46 125.72,40.60
      125.70,40.74 125.71,40.88 125.83,40.89 125.83,40.76 125.86,40.62 125.90,40.50
      125.96,40.40 126.02,40.34""" + YALU_SALIENT_EAST),
      cites=[seed("history-overview", "the communists to the Yalu River", 11, "d7d3fb7e486bd29f"),
             book(APPLEMAN), book(WESTPOINT)])

state("1950-11-01", "inferred", "Unsan salient before the blow",
      "The ROK II Corps had been broken around Onjong and the Chosan column lost, but the "
      "ROK 1st Division and the 8th Cavalry still held Unsan when the Chinese struck on "
      "the evening of 1 November.",
      L("""122.5,39.7 124.8,39.72 125.12,39.76 125.28,39.82 125.42,39.86 125.56,39.92
      125.66,40.00 125.74,40.08 125.80,40.16 125.90,40.15 125.96,40.05 125.98,39.90
      126.10,39.78 126.25,39.74
      126.42,39.72 126.60,39.72 126.80,39.78 127.00,39.86 127.18,39.96 127.34,40.06
      127.50,40.16 127.70,40.24 127.90,40.30 128.10,40.36 128.30,40.42 128.50,40.48
      128.70,40.54 128.90,40.60 129.06,40.66 129.2,40.70 132.5,40.8"""),
      cites=[book(APPLEMAN)])

state("1950-11-02", "documented", "Chinese first phase: Unsan",
      "Chinese forces had destroyed the ROK II Corps around Onjong and on the night of 1-2 "
      "November overran the 8th Cavalry at Unsan; the Eighth Army began to fall back on the Chongchon.",
      L("""122.5,39.7 124.8,39.72 125.12,39.76 125.28,39.82 125.42,39.86 125.56,39.90
      125.68,39.92 125.78,39.93 125.88,39.90 125.98,39.84 126.10,39.78 126.25,39.74
      126.42,39.72 126.60,39.72 126.80,39.78 127.00,39.86 127.18,39.96 127.34,40.06
      127.50,40.16 127.70,40.24 127.90,40.30 128.10,40.36 128.30,40.42 128.50,40.48
      128.70,40.54 128.90,40.60 129.06,40.66 129.2,40.70 132.5,40.8"""),
      cites=[seed("weathersby-1999", "injection of more than two million Chinese", 20, "fd4d42ae10c0fed4"),
             book(APPLEMAN)])

state("1950-11-06", "documented", "Chongchon bridgehead",
      "At the end of the first phase offensive the Eighth Army held a bridgehead on the "
      "north bank of the Chongchon around Pakchon and Kunu-ri; X Corps was pushing up to the Chosin plateau.",
      L("""122.5,39.55 124.8,39.56 125.22,39.58 125.36,39.62 125.46,39.68 125.56,39.76
      125.66,39.78 125.78,39.77 125.88,39.76 125.98,39.74 126.10,39.72 126.24,39.71
      126.40,39.70 126.58,39.72 126.78,39.80 126.98,39.90 127.16,40.02 127.30,40.12
      127.40,40.20 127.56,40.26 127.74,40.32 127.92,40.40 128.10,40.50 128.30,40.60
      128.50,40.70 128.70,40.80 128.90,40.88 129.10,40.94 129.30,41.00 129.5,41.05
      132.5,41.2"""),
      cites=[book(APPLEMAN)])

state("1950-11-13", "inferred", "Pause and regrouping",
      "The Chinese had broken contact; the Eighth Army edged forward from the Chongchon "
      "while the Marines reached Hagaru-ri and the 7th Division climbed toward the Yalu.",
      L("""122.5,39.6 124.8,39.62 125.20,39.64 125.34,39.68 125.46,39.74 125.58,39.80
      125.70,39.83 125.82,39.83 125.94,39.82 126.06,39.80 126.20,39.79 126.36,39.78
      126.52,39.78 126.68,39.84 126.84,39.96 126.98,40.10 127.12,40.24 127.22,40.34
      127.34,40.44 127.50,40.56 127.68,40.70 127.86,40.84 128.04,40.98 128.22,41.06
      128.42,41.08 128.62,41.08 128.82,41.12 129.02,41.18 129.22,41.26 129.42,41.34
      129.6,41.4 132.5,41.5"""),
      cites=[book(APPLEMAN)])

YALU_NE_21 = """
127.04,40.44 127.10,40.52 127.25,40.58 127.42,40.70 127.60,40.86 127.78,41.04
127.94,41.20 128.06,41.34 128.11,41.43 128.24,41.43 128.30,41.36 128.38,41.28
128.56,41.26 128.76,41.30 128.96,41.38 129.16,41.46 129.34,41.54 129.50,41.62
129.62,41.67 129.8,41.7 132.5,41.8
"""

state("1950-11-21", "documented", "US 7th Division at Hyesanjin",
      "The 17th Infantry reached the Yalu at Hyesanjin on 21 November; the Marines were at "
      "Hagaru-ri and the ROK I Corps was closing on Chongjin.",
      L("""122.5,39.65 124.8,39.66 125.18,39.68 125.32,39.72 125.46,39.80 125.60,39.86
      125.72,39.88 125.84,39.88 125.96,39.86 126.08,39.85 126.22,39.84 126.38,39.84
      126.54,39.86 126.68,39.94 126.80,40.06 126.90,40.20 126.98,40.34""" + YALU_NE_21),
      cites=[book(APPLEMAN)])

state("1950-11-24", "documented", "High-water mark",
      "On the eve of the home-by-Christmas offensive UN forces held the whole peninsula "
      "except the north-west beyond Chongju and Unsan, the Kanggye plateau and the far north-east.",
      L("""122.5,39.72 124.8,39.72 125.16,39.74 125.30,39.80 125.42,39.88 125.54,39.94
      125.66,39.97 125.78,39.97 125.90,39.96 126.02,39.96 126.16,39.98 126.30,40.00
      126.46,40.04 126.62,40.14 126.76,40.26 126.88,40.38 126.98,40.46 127.04,40.52
      127.14,40.58 127.28,40.64 127.44,40.76 127.60,40.90 127.76,41.06 127.92,41.22
      128.04,41.36 128.10,41.45 128.26,41.45 128.34,41.38 128.46,41.36 128.62,41.38
      128.80,41.44 128.98,41.52 129.16,41.62 129.34,41.72 129.52,41.82 129.70,41.88
      129.82,41.90 130.0,41.92 132.5,42.0"""),
      cites=[seed("history-overview", "the communists to the Yalu River", 11, "d7d3fb7e486bd29f"),
             book(APPLEMAN), book(WESTPOINT)],
      zones=[zone("taebaek-gap", "Gap between Eighth Army and X Corps", "gap",
                  "Between the ROK II Corps on the Eighth Army's right near Tokchon and the Marines "
                  "on the west side of the Chosin Reservoir lay some 80 km of roadless Taebaek "
                  "mountains that no UN unit held; Chinese forces moved through them and from the "
                  "night of 25 November turned the Eighth Army's open right flank at Tokchon.",
                  ring("""126.55,40.06 126.75,40.21 126.92,40.35 127.00,40.30 126.98,40.05
                       126.90,39.85 126.78,39.70 126.62,39.66 126.52,39.78 126.50,39.95"""),
                  [book(APPLEMAN), book(MOSSMAN)], until="1950-11-26")])

state("1950-11-27", "inferred", "Tokchon broken; Marines at Yudam-ni",
      "The Chinese had broken the ROK II Corps at Tokchon and turned the Eighth Army's right "
      "flank, while on the Chosin plateau the Marines at Yudam-ni set off westward on the 27th.",
      L("""122.5,39.68 124.76,39.69 125.15,39.72 125.32,39.74 125.61,39.80 125.83,39.82
      125.94,39.76 126.08,39.62 126.20,39.56 126.34,39.53 126.48,39.55 126.65,39.64
      126.80,39.80 126.90,40.00 126.96,40.20 126.98,40.40 127.02,40.50 127.14,40.58
      127.28,40.64 127.44,40.76 127.60,40.90 127.76,41.06 127.92,41.22 128.04,41.36
      128.10,41.45 128.26,41.45 128.34,41.38 128.46,41.36 128.62,41.38 128.80,41.44
      128.98,41.52 129.16,41.62 129.34,41.72 129.52,41.82 129.70,41.88 129.82,41.90
      130.0,41.92 132.5,42.0"""),
      cites=[book(APPLEMAN)])

state("1950-11-28", "documented", "Chinese second phase offensive",
      "The Chinese broke the ROK II Corps at Tokchon and struck the 2nd Division on the "
      "Chongchon, while at the Chosin Reservoir the Marines and 7th Division units were cut off.",
      L("""122.5,39.6 124.8,39.6 125.22,39.62 125.38,39.66 125.52,39.72 125.66,39.76
      125.80,39.78 125.92,39.78 126.00,39.70 126.06,39.60 126.12,39.50 126.22,39.42
      126.36,39.38 126.52,39.40 126.68,39.48 126.84,39.60 127.00,39.74 127.16,39.88
      127.28,40.00 127.36,40.10 127.42,40.18 127.52,40.32 127.64,40.50 127.78,40.70
      127.92,40.92 128.02,41.14 128.08,41.34 128.10,41.45 128.26,41.45 128.34,41.38
      128.46,41.36 128.62,41.38 128.80,41.44 128.98,41.52 129.16,41.62 129.34,41.72
      129.52,41.82 129.70,41.88 129.82,41.90 130.0,41.92 132.5,42.0"""),
      rings=[("Yudam-ni", CHOSIN_YUDAM), ("Hagaru-ri", CHOSIN_HAGARU), ("Koto-ri", CHOSIN_KOTO)],
      cites=[seed("weathersby-1999", "The UN forces were quickly driven south", 20, "fd4d42ae10c0fed4"),
             book(APPLEMAN), book(WESTPOINT)])

state("1950-11-29", "inferred", "2nd Division at Kunu-ri",
      "The Eighth Army's west wing fell back on the Chongchon while the 2nd Division held "
      "Kunu-ri as the rear guard; the Chinese were already across its escape road to the south.",
      L("""122.5,39.53 124.93,39.55 125.17,39.56 125.61,39.66 125.76,39.70 125.86,39.74
      125.94,39.72 126.00,39.62 126.09,39.45 126.20,39.36 126.34,39.32 126.48,39.33
      126.63,39.39 126.79,39.50 127.11,39.79 127.24,39.92 127.40,40.13 127.56,40.38
      127.88,40.78 128.16,41.26 128.30,41.28 128.39,41.25 128.51,41.24 128.68,41.27
      129.01,41.38 129.58,41.61 129.87,41.67 130.78,41.72 132.5,41.77"""),
      rings=[("Yudam-ni", CHOSIN_YUDAM), ("Hagaru-ri", CHOSIN_HAGARU), ("Koto-ri", CHOSIN_KOTO)],
      cites=[book(APPLEMAN)])

state("1950-12-01", "documented", "Kunu-ri gauntlet; retreat from the north",
      "The 2nd Division ran the gauntlet south of Kunu-ri and the Eighth Army fell back to "
      "a line before Pyongyang; X Corps began to pull back its north-eastern columns.",
      # The 2nd Division's survivors came out of the Kunu-ri road to Sunchon, which
      # IX Corps held on 1 December: the line runs just north of the town.
      L("""122.5,39.4 124.8,39.42 125.40,39.44 125.56,39.45 125.72,39.44 125.82,39.47
      125.92,39.475 126.00,39.43 126.06,39.33 126.10,39.26 126.24,39.20 126.40,39.18 126.56,39.22 126.72,39.32
      126.88,39.46 127.04,39.62 127.18,39.78 127.30,39.94 127.38,40.08 127.42,40.18
      127.56,40.28 127.72,40.42 127.88,40.58 128.04,40.74 128.20,40.86 128.40,40.94
      128.60,41.00 128.80,41.04 129.00,41.08 129.20,41.12 129.40,41.16 129.6,41.2
      132.5,41.3"""),
      rings=[("Yudam-ni", CHOSIN_YUDAM), ("Hagaru-ri", CHOSIN_HAGARU), ("Koto-ri", CHOSIN_KOTO)],
      cites=[seed("weathersby-1999", "The UN forces were quickly driven south", 20, "fd4d42ae10c0fed4"),
             book(MOSSMAN)])

state("1950-12-02", "inferred", "Yudam-ni abandoned",
      "The Marines gave up Yudam-ni and fought down the road to Hagaru-ri, while the "
      "Eighth Army fell back from the Chongchon toward Pyongyang.",
      L("""122.5,39.24 124.79,39.26 125.70,39.32 125.85,39.29 126.23,39.16 126.42,39.15
      126.56,39.18 126.72,39.26 126.96,39.44 127.08,39.55 127.21,39.72 127.30,39.87
      127.40,40.12 127.62,40.34 128.05,40.66 128.20,40.76 128.41,40.84 128.62,40.90
      129.11,41.02 129.61,41.11 132.5,41.2"""),
      rings=[("Hagaru-ri", CHOSIN_HAGARU), ("Koto-ri", CHOSIN_KOTO)],
      cites=[book(MOSSMAN)])

state("1950-12-06", "documented", "Pyongyang abandoned",
      "The Eighth Army left Pyongyang on 5 December and fell back toward the parallel; X "
      "Corps held the Hamhung-Hungnam plain and the coast while the Marines fought down from Hagaru-ri.",
      L("""122.5,38.6 124.8,38.62 125.30,38.68 125.50,38.76 125.72,38.84 125.92,38.90
      126.12,38.94 126.32,38.98 126.52,39.02 126.72,39.06 126.92,39.10 127.10,39.16
      127.22,39.26 127.30,39.40 127.32,39.56 127.32,39.72 127.34,39.88 127.38,40.04
      127.42,40.16 127.56,40.20 127.74,40.22 127.92,40.26 128.12,40.32 128.32,40.38
      128.52,40.46 128.72,40.54 128.92,40.62 129.10,40.68 129.3,40.72 132.5,40.8"""),
      rings=[("Hagaru-ri and Koto-ri", CHOSIN_HAGARU_KOTO), ("Hungnam perimeter", HUNGNAM_11DEC)],
      cites=[seed("history-overview", "drove the UN forces back below the 38th parallel", 12, "f6660935af6253d7"),
             book(MOSSMAN)])

state("1950-12-08", "inferred", "Hagaru-ri abandoned",
      "The Marines and the 7th Division's survivors had broken out of Hagaru-ri and gathered at "
      "Koto-ri for the march down the pass, while X Corps held the Hamhung-Hungnam plain.",
      L("""122.5,38.30 124.71,38.31 125.22,38.35 126.04,38.55 126.54,38.76 126.91,38.83
      127.04,38.88 127.16,38.95 127.41,39.23 127.59,39.40 128.07,39.49 128.52,39.65
      129.25,39.81 129.44,39.83 130.24,39.85 132.5,39.88"""),
      rings=[("Koto-ri", CHOSIN_KOTO), ("Hungnam perimeter", HUNGNAM_11DEC)],
      cites=[book(MOSSMAN)])

state("1950-12-11", "documented", "Hungnam perimeter",
      "The Marines reached Hamhung and X Corps drew into a perimeter around Hamhung and "
      "Hungnam for evacuation by sea; the Eighth Army was back near the 38th parallel.",
      L("""122.5,37.85 124.8,37.85 125.50,37.86 125.90,37.95 126.10,38.12 126.25,38.30
      126.50,38.34 126.70,38.30 126.90,38.28 127.10,38.28 127.30,38.27 127.50,38.26
      127.70,38.26 127.90,38.27 128.10,38.30 128.30,38.34 128.45,38.40 128.55,38.46
      128.7,38.5 129.5,38.5 132.5,38.5"""),
      rings=[("Hungnam perimeter", HUNGNAM_11DEC)],
      cites=[book(MOSSMAN)])

state("1950-12-17", "inferred", "Hungnam perimeter contracts",
      "Hamhung was given up and the perimeter shrank around the port of Hungnam; in the "
      "west the Eighth Army held the line of the Imjin and the Hantan at the parallel.",
      L("""122.5,37.85 124.8,37.85 125.6,37.82 126.2,37.86 126.45,37.90 126.62,37.92
      126.76,37.96 126.88,38.00 127.00,38.04 127.14,38.06 127.30,38.06 127.46,38.05
      127.62,38.04 127.78,38.04 127.94,38.05 128.10,38.07 128.26,38.10 128.42,38.14
      128.56,38.18 128.64,38.22 129.5,38.3 132.5,38.3"""),
      rings=[("Hungnam perimeter", HUNGNAM_17DEC)],
      cites=[book(MOSSMAN)])

state("1950-12-24", "documented", "Hungnam evacuated",
      "The last ships left Hungnam on 24 December; the UN line ran along the Imjin and "
      "just north of the parallel in the east.",
      L("""122.5,37.8 124.8,37.8 125.6,37.78 126.2,37.80 126.45,37.82 126.62,37.84
      126.74,37.90 126.86,37.95 126.98,38.00 127.12,38.02 127.28,38.02 127.44,38.01
      127.60,38.00 127.76,38.00 127.92,38.01 128.08,38.03 128.24,38.06 128.40,38.10
      128.54,38.14 128.64,38.17 129.5,38.25 132.5,38.25"""),
      cites=[seed("history-overview", "drove the UN forces back below the 38th parallel", 12, "f6660935af6253d7"),
             book(MOSSMAN)],
      # The shrinking perimeter kept the port itself to the last day of the evacuation.
      taken=[taken("Hungnam", 127.62, 39.83, "1950-12-24", "COMMUNIST", [book(MOSSMAN)])])

state("1950-12-31", "documented", "Line below the parallel",
      "On the eve of the Chinese third phase offensive the Eighth Army stood on a line "
      "just south of the 38th parallel, from the Imjin through Tongduchon and north of Chunchon to the east coast.",
      L("""122.5,37.75 124.8,37.75 125.6,37.74 126.2,37.76 126.45,37.79 126.62,37.80
      126.72,37.86 126.84,37.91 126.96,37.95 127.08,37.96 127.22,37.96 127.36,37.95
      127.50,37.95 127.64,37.95 127.78,37.96 127.92,37.96 128.06,37.97 128.20,37.97
      128.34,37.98 128.48,37.99 128.60,38.00 128.70,38.00 129.5,38.05 132.5,38.1"""),
      cites=[book(MOSSMAN)])

state("1951-01-04", "documented", "Seoul lost again",
      "The Eighth Army evacuated Seoul on 4 January and withdrew behind the Han; Chunchon "
      "and Hongchon were lost and the east-central front was giving way.",
      L("""122.5,37.5 124.8,37.52 125.8,37.55 126.35,37.60 126.52,37.65 126.62,37.72
      126.70,37.70 126.77,37.65 126.84,37.59 126.90,37.545 126.97,37.522 127.04,37.512
      127.11,37.52 127.20,37.52 127.30,37.51 127.42,37.50 127.54,37.52 127.66,37.56
      127.78,37.60 127.92,37.58 128.06,37.58 128.20,37.62 128.34,37.68 128.48,37.74
      128.62,37.80 128.74,37.84 128.86,37.86 129.5,37.88 132.5,37.9"""),
      cites=[seed("history-overview", "drove the UN forces back below the 38th parallel", 12, "f6660935af6253d7"),
             book(MOSSMAN), book(WESTPOINT)])

state("1951-01-08", "documented", "Wonju lost; Line D",
      "Inchon, Kimpo, Suwon and Osan were given up and the Eighth Army settled on Line D; "
      "Wonju fell after hard fighting and the North Koreans pushed down the east-central mountains.",
      L("""122.5,37.05 124.8,37.05 126.0,37.06 126.45,37.08 126.70,37.08 126.90,37.07
      127.02,37.06 127.12,37.08 127.22,37.09 127.32,37.08 127.42,37.10 127.52,37.14
      127.62,37.18 127.72,37.22 127.82,37.25 127.92,37.27 128.02,37.28 128.14,37.26
      128.26,37.25 128.38,37.28 128.50,37.32 128.62,37.38 128.74,37.44 128.86,37.50
      128.98,37.55 129.10,37.58 129.5,37.6 132.5,37.6"""),
      cites=[book(MOSSMAN)])

LINE_D_JAN15 = L("""122.5,36.98 124.8,36.98 126.0,37.02 126.45,37.04 126.72,37.04 126.92,37.03
127.04,37.03 127.14,37.04 127.24,37.05 127.34,37.06 127.46,37.09 127.56,37.13
127.64,37.16 127.74,37.18 127.86,37.20 127.98,37.20 128.08,37.18 128.18,37.16
128.28,37.12 128.38,37.10 128.46,37.21 128.56,37.28 128.68,37.34 128.80,37.40
128.92,37.46 129.04,37.49 129.14,37.48 129.5,37.5 132.5,37.5""")

state("1951-01-15", "documented", "Furthest Chinese advance",
      "The communist advance reached its southern limit on a line from Pyongtaek through "
      "Ansong, Changhowon, the Chechon and Tanyang area and Yongwol to Samchok.",
      LINE_D_JAN15,
      cites=[seed("weathersby-1999", "The UN forces were quickly driven south", 20, "fd4d42ae10c0fed4"),
             book(MOSSMAN), book(WESTPOINT)])

state("1951-01-22", "inferred", "Line D stabilised",
      "The front stayed close to Line D while patrols and the Wolfhound probe found the "
      "Chinese spent; North Korean infiltrators in the eastern mountains were being cleared.",
      LINE_D_JAN15,
      cites=[book(MOSSMAN)])

state("1951-01-25", "documented", "Operation Thunderbolt",
      "I and IX Corps attacked north from the Pyongtaek-Ansong line on 25 January in "
      "Operation Thunderbolt, the first UN counter-offensive against the Chinese.",
      L("""122.5,37.05 124.8,37.05 126.0,37.08 126.45,37.10 126.72,37.10 126.92,37.10
      127.04,37.10 127.14,37.11 127.24,37.12 127.34,37.13 127.46,37.15 127.56,37.18
      127.66,37.22 127.76,37.25 127.88,37.28 127.98,37.27 128.08,37.24 128.18,37.20
      128.28,37.16 128.38,37.16 128.48,37.24 128.58,37.30 128.70,37.36 128.82,37.42
      128.94,37.48 129.06,37.52 129.16,37.53 129.5,37.55 132.5,37.55"""),
      cites=[book(MOSSMAN)])

state("1951-01-27", "inferred", "Suwon reoccupied",
      "Thunderbolt's columns re-entered Suwon and its airfield on 26 January against "
      "stiffening Chinese resistance; further east IX Corps edged north toward Ichon.",
      L("""122.5,37.15 124.8,37.15 126.45,37.22 126.78,37.28 126.92,37.31 127.04,37.32
      127.14,37.30 127.26,37.25 127.43,37.21 127.60,37.24 127.76,37.28 127.86,37.31
      127.96,37.31 128.10,37.27 128.27,37.22 128.35,37.23 128.48,37.29 128.60,37.35
      128.72,37.41 128.82,37.45 128.93,37.51 129.08,37.55 129.18,37.56 129.51,37.58
      130.3,37.59 132.5,37.58"""),
      cites=[book(MOSSMAN)])

state("1951-02-01", "inferred", "Thunderbolt reaches Suwon and Ichon",
      "Suwon and its airfield were back in UN hands and the advance was approaching "
      "Anyang and Ichon; X Corps held Wonju.",
      L("""122.5,37.25 124.8,37.25 126.0,37.28 126.45,37.30 126.70,37.32 126.88,37.34
      127.00,37.36 127.12,37.36 127.24,37.35 127.36,37.35 127.48,37.35 127.58,37.37
      127.68,37.39 127.78,37.40 127.90,37.40 128.00,37.39 128.12,37.38 128.24,37.38
      128.36,37.40 128.48,37.44 128.60,37.48 128.72,37.52 128.84,37.56 128.96,37.60
      129.06,37.62 129.5,37.65 132.5,37.65"""),
      cites=[book(MOSSMAN)])

state("1951-02-08", "inferred", "Operation Roundup",
      "I Corps closed on the Han below Seoul while X Corps attacked north from Wonju "
      "through Hoengsong toward Hongchon in Operation Roundup.",
      L("""122.5,37.38 124.8,37.4 126.0,37.42 126.45,37.42 126.66,37.42 126.80,37.45
      126.90,37.48 127.00,37.48 127.12,37.47 127.26,37.47 127.40,37.48 127.52,37.51
      127.62,37.53 127.72,37.55 127.84,37.57 127.96,37.58 128.08,37.58 128.22,37.60
      128.36,37.62 128.50,37.65 128.62,37.68 128.74,37.70 128.86,37.70 128.98,37.70
      129.5,37.72 132.5,37.75"""),
      cites=[book(MOSSMAN)])

state("1951-02-13", "documented", "Chipyong-ni and Wonju",
      "The Chinese fourth phase offensive routed the forces north of Hoengsong; the 23rd "
      "Infantry stood surrounded at Chipyong-ni and the line in front of Wonju held.",
      L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.58,37.74 126.68,37.73
      126.76,37.66 126.83,37.59 126.89,37.55 126.96,37.523 127.04,37.512 127.12,37.52
      127.22,37.51 127.34,37.49 127.44,37.45 127.52,37.40 127.62,37.36 127.72,37.36
      127.82,37.38 127.92,37.39 128.02,37.40 128.14,37.42 128.28,37.46 128.42,37.52
      128.56,37.58 128.70,37.64 128.84,37.70 128.98,37.72 129.5,37.75 132.5,37.75"""),
      rings=[("Chipyong-ni perimeter", CHIPYONG)],
      cites=[book(MOSSMAN), book(WESTPOINT)])

state("1951-02-21", "documented", "Operation Killer",
      "With Chipyong-ni relieved and the Chinese offensive spent, IX and X Corps attacked "
      "on 21 February to clear the ground south of the Hoengsong-Yangpyong road.",
      L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.58,37.74 126.68,37.73
      126.76,37.66 126.83,37.59 126.89,37.55 126.96,37.523 127.04,37.512 127.12,37.52
      127.22,37.52 127.34,37.52 127.46,37.52 127.56,37.51 127.66,37.50 127.76,37.45
      127.86,37.41 127.96,37.41 128.08,37.42 128.20,37.45 128.34,37.50 128.48,37.56
      128.62,37.64 128.76,37.72 128.88,37.78 128.98,37.80 129.5,37.82 132.5,37.85"""),
      cites=[book(MOSSMAN)])

state("1951-02-28", "inferred", "Killer reaches Line Arizona",
      "Operation Killer pushed the line north of the Han-Yangpyong road and back toward "
      "Hoengsong, and the ROK I Corps advanced up the east coast past Kangnung.",
      L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.58,37.74 126.68,37.73
      126.76,37.66 126.83,37.59 126.89,37.55 126.96,37.523 127.04,37.512 127.12,37.52
      127.22,37.53 127.34,37.54 127.46,37.55 127.58,37.56 127.70,37.56 127.82,37.53
      127.94,37.50 128.06,37.52 128.20,37.56 128.34,37.62 128.48,37.68 128.62,37.76
      128.74,37.82 128.86,37.86 128.96,37.88 129.5,37.9 132.5,37.9"""),
      cites=[book(MOSSMAN)])

state("1951-03-07", "documented", "Operation Ripper",
      "Ripper opened on 7 March with crossings of the Han east of Seoul aimed at Hongchon "
      "and Chunchon; Hoengsong was back in UN hands.",
      L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.58,37.74 126.68,37.73
      126.76,37.66 126.83,37.59 126.89,37.55 126.96,37.523 127.04,37.512 127.12,37.52
      127.22,37.54 127.34,37.57 127.46,37.60 127.58,37.62 127.70,37.62 127.82,37.60
      127.94,37.58 128.06,37.60 128.20,37.64 128.34,37.70 128.48,37.75 128.62,37.80
      128.74,37.86 128.86,37.90 128.96,37.92 129.5,37.94 132.5,37.95"""),
      cites=[book(MOSSMAN)])

state("1951-03-15", "documented", "Seoul retaken",
      "Patrols found Seoul abandoned and the ROK 1st Division re-entered the capital on "
      "14-15 March; Hongchon fell to the advance the same day.",
      L("""122.5,37.65 124.8,37.65 126.0,37.68 126.40,37.74 126.58,37.77 126.68,37.77
      126.80,37.73 126.92,37.69 127.02,37.67 127.12,37.66 127.24,37.66 127.36,37.68
      127.48,37.71 127.60,37.74 127.72,37.76 127.84,37.76 127.96,37.76 128.08,37.78
      128.20,37.80 128.34,37.84 128.48,37.88 128.62,37.92 128.74,37.95 128.84,37.96
      128.92,37.96 129.5,37.98 132.5,38.0"""),
      cites=[seed("history-overview", "eventually driven back to the 38th parallel", 13, "c2b8e7facc30f84a"),
             book(MOSSMAN), book(WESTPOINT)])

state("1951-03-22", "inferred", "Chunchon regained",
      "Chunchon was reoccupied and the I Corps pushed north of Seoul toward Uijongbu on the "
      "eve of the airborne drop at Munsan.",
      L("""122.5,37.7 124.8,37.7 126.0,37.72 126.40,37.77 126.58,37.79 126.68,37.79
      126.80,37.77 126.92,37.76 127.02,37.77 127.12,37.78 127.24,37.79 127.36,37.81
      127.48,37.85 127.60,37.90 127.72,37.94 127.84,37.96 127.96,37.96 128.08,37.96
      128.20,37.97 128.34,37.98 128.48,37.99 128.60,38.00 128.70,38.01 129.5,38.02
      132.5,38.05"""),
      cites=[book(MOSSMAN)])

state("1951-03-31", "documented", "Back at the 38th parallel",
      "After the Munsan drop and the taking of Uijongbu the Eighth Army stood close to the "
      "38th parallel along most of its length, on Line Idaho.",
      L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
      126.74,37.86 126.82,37.91 126.92,37.95 127.02,37.97 127.14,37.98 127.28,37.99
      127.42,38.00 127.56,38.02 127.70,38.04 127.84,38.04 127.98,38.03 128.12,38.02
      128.26,38.03 128.40,38.05 128.52,38.08 128.62,38.11 128.70,38.12 129.5,38.15
      132.5,38.2"""),
      cites=[seed("history-overview", "eventually driven back to the 38th parallel", 13, "c2b8e7facc30f84a"),
             book(MOSSMAN)])

KANSAS_APR = L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
126.74,37.86 126.82,37.92 126.92,37.97 127.02,38.02 127.10,38.08 127.20,38.10
127.32,38.10 127.44,38.09 127.56,38.09 127.66,38.11 127.76,38.13 127.86,38.13
127.96,38.13 128.06,38.12 128.18,38.13 128.30,38.17 128.42,38.22 128.52,38.26
128.60,38.28 128.66,38.30 129.5,38.35 132.5,38.4""")

state("1951-04-09", "documented", "Operation Rugged: Line Kansas",
      "Operation Rugged carried the Eighth Army to Line Kansas, a few miles beyond the "
      "parallel from the Imjin past the Hwachon reservoir to the east coast above Yangyang.",
      KANSAS_APR,
      cites=[book(MOSSMAN)])

state("1951-04-15", "inferred", "Dauntless toward the Iron Triangle",
      "Operation Dauntless pushed beyond Kansas toward Line Utah, north of Yonchon and "
      "Hwachon, aiming at the Chorwon-Kumhwa base of the Iron Triangle.",
      L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
      126.74,37.86 126.82,37.93 126.92,37.99 127.02,38.06 127.10,38.14 127.20,38.18
      127.32,38.17 127.44,38.15 127.56,38.14 127.66,38.15 127.76,38.16 127.86,38.15
      127.96,38.14 128.06,38.13 128.18,38.14 128.30,38.18 128.42,38.23 128.52,38.27
      128.60,38.29 128.66,38.31 129.5,38.35 132.5,38.4"""),
      cites=[book(MOSSMAN)])

UTAH_APR22 = L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
126.74,37.86 126.82,37.94 126.92,38.01 127.02,38.08 127.10,38.17 127.20,38.21
127.32,38.20 127.44,38.18 127.56,38.16 127.66,38.17 127.76,38.17 127.86,38.16
127.96,38.15 128.06,38.14 128.18,38.15 128.30,38.19 128.42,38.24 128.52,38.28
128.60,38.30 128.66,38.32 129.5,38.35 132.5,38.4""")

state("1951-04-22", "documented", "Chinese spring offensive opens",
      "The line on Utah and Kansas when the Chinese fifth phase offensive struck on the "
      "night of 22 April, with the heaviest blows on the Imjin and in the Kapyong valley.",
      UTAH_APR22,
      cites=[book(MOSSMAN), book(WESTPOINT)])

state("1951-04-25", "inferred", "Imjin and Kapyong",
      "The Gloucesters were overwhelmed on the Imjin and the Commonwealth brigade held at "
      "Kapyong while the Eighth Army pulled back toward Seoul; Chunchon was given up.",
      L("""122.5,37.68 124.8,37.68 126.0,37.70 126.40,37.74 126.60,37.76 126.70,37.77
      126.80,37.80 126.92,37.82 127.04,37.83 127.16,37.83 127.28,37.83 127.40,37.84
      127.52,37.86 127.62,37.84 127.72,37.82 127.84,37.83 127.96,37.86 128.08,37.90
      128.20,37.95 128.32,37.99 128.44,38.03 128.54,38.07 128.62,38.10 128.68,38.12
      129.5,38.15 132.5,38.2"""),
      cites=[book(MOSSMAN)])

NO_NAME = L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.55,37.74 126.64,37.74
126.74,37.71 126.84,37.68 126.94,37.66 127.04,37.67 127.14,37.66 127.26,37.64
127.38,37.64 127.48,37.68 127.58,37.72 127.68,37.74 127.78,37.76 127.88,37.78
127.98,37.80 128.10,37.84 128.22,37.89 128.34,37.94 128.46,37.99 128.56,38.04
128.64,38.08 128.70,38.10 129.5,38.15 132.5,38.2""")

state("1951-04-30", "documented", "No Name Line",
      "The first spring offensive ended against the No Name Line just north of Seoul, "
      "which bent north-east past Hongchon to the east coast.",
      NO_NAME,
      cites=[book(MOSSMAN), book(WESTPOINT)])

NO_NAME_MAY = L("""122.5,37.65 124.8,37.65 126.0,37.67 126.40,37.72 126.56,37.76 126.66,37.77
126.76,37.76 126.86,37.74 126.96,37.72 127.06,37.73 127.16,37.72 127.28,37.71
127.40,37.72 127.50,37.75 127.60,37.78 127.70,37.80 127.80,37.82 127.90,37.84
128.00,37.87 128.10,37.90 128.22,37.93 128.34,37.96 128.46,38.00 128.56,38.04
128.64,38.08 128.70,38.10 129.5,38.15 132.5,38.2""")

state("1951-05-07", "inferred", "Patrolling forward of No Name",
      "The Eighth Army pushed patrol bases north of the No Name Line toward Uijongbu and "
      "Chunchon while the Chinese regrouped in the east.",
      NO_NAME_MAY,
      cites=[book(MOSSMAN)])

state("1951-05-14", "inferred", "Before the second blow",
      "The front stood a few miles beyond the No Name Line; Chinese armies were shifting "
      "east against the ROK III Corps sector around Hyon-ni.",
      NO_NAME_MAY,
      cites=[book(MOSSMAN)])

state("1951-05-18", "documented", "Soyang offensive",
      "The Chinese struck the east-central front on the night of 16 May; the ROK III Corps "
      "broke near Hyon-ni and the 2nd Division was pressed on the No Name Line.",
      L("""122.5,37.65 124.8,37.65 126.0,37.67 126.40,37.72 126.56,37.76 126.66,37.77
      126.76,37.76 126.86,37.74 126.96,37.72 127.06,37.73 127.16,37.72 127.28,37.71
      127.40,37.72 127.50,37.75 127.60,37.78 127.70,37.80 127.80,37.82 127.90,37.83
      128.00,37.84 128.08,37.82 128.16,37.78 128.26,37.74 128.38,37.72 128.50,37.74
      128.60,37.80 128.68,37.88 128.74,37.92 128.82,37.94 129.5,37.98 132.5,38.0"""),
      cites=[book(MOSSMAN)])

state("1951-05-22", "documented", "East-central bulge at its deepest",
      "The offensive had driven a deep bulge through the former ROK III Corps sector past "
      "Hyon-ni toward Hajinbu-ri before the 3rd Division and the 187th Airborne sealed it.",
      L("""122.5,37.68 124.8,37.68 126.0,37.70 126.40,37.74 126.58,37.77 126.68,37.78
      126.78,37.78 126.88,37.77 126.98,37.76 127.08,37.77 127.18,37.77 127.30,37.77
      127.42,37.78 127.52,37.80 127.62,37.82 127.72,37.83 127.82,37.83 127.92,37.82
      128.02,37.78 128.10,37.72 128.18,37.66 128.28,37.60 128.40,37.58 128.52,37.60
      128.60,37.66 128.66,37.74 128.72,37.82 128.80,37.88 129.5,37.95 132.5,38.0"""),
      cites=[book(MOSSMAN), book(WESTPOINT)])

state("1951-05-29", "inferred", "UN counter-offensive",
      "The Chinese were thrown back: Chunchon was regained, the bulge eliminated, and UN "
      "columns closed on the Hwachon reservoir, Inje and the coast beyond Kansong.",
      L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
      126.74,37.86 126.82,37.92 126.92,37.97 127.02,38.01 127.12,38.04 127.24,38.05
      127.36,38.05 127.48,38.04 127.60,38.05 127.70,38.07 127.80,38.08 127.90,38.08
      128.00,38.06 128.10,38.07 128.20,38.12 128.30,38.20 128.38,38.28 128.46,38.36
      128.52,38.42 128.58,38.45 129.5,38.5 132.5,38.55"""),
      cites=[book(MOSSMAN)])

state("1951-06-05", "inferred", "Operation Piledriver",
      "Line Kansas was regained along most of its length and Operation Piledriver set off "
      "toward Chorwon and Kumhwa at the base of the Iron Triangle.",
      L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
      126.74,37.86 126.82,37.93 126.92,37.99 127.02,38.05 127.10,38.12 127.20,38.16
      127.32,38.17 127.44,38.16 127.56,38.15 127.66,38.15 127.76,38.15 127.86,38.14
      127.96,38.14 128.04,38.16 128.12,38.19 128.20,38.22 128.28,38.28 128.34,38.36
      128.40,38.43 128.46,38.48 128.54,38.52 129.5,38.55 132.5,38.6"""),
      cites=[book(MOSSMAN)])

state("1951-06-12", "documented", "Iron Triangle base taken",
      "Chorwon and Kumhwa fell to Piledriver on 11 June; a raid into Pyonggang was "
      "withdrawn and the Eighth Army began to fortify Lines Kansas and Wyoming.",
      WEST_SEA_1951 + KANSAS_WYOMING,
      cites=[book(MOSSMAN), book(WESTPOINT)])

state("1951-06-19", "inferred", "Fortifying Kansas-Wyoming",
      "Active operations wound down as the UN dug in on Kansas with Wyoming as an outpost "
      "line; the Marines held the southern rim of the Punchbowl.",
      WEST_SEA_1951 + KANSAS_WYOMING,
      cites=[book(MOSSMAN)])

state("1951-06-26", "inferred", "Malik proposes talks",
      "After the Soviet delegate's call for a ceasefire on 23 June the front stood still "
      "on the Kansas-Wyoming line.",
      WEST_SEA_1951 + KANSAS_WYOMING,
      cites=[seed("weathersby-1999", "the two sides had reached a stalemate", 20, "fd4d42ae10c0fed4"),
             book(MOSSMAN)])

state("1951-07-03", "inferred", "Waiting for the talks",
      "Liaison officers arranged the first meeting at Kaesong while the front remained on "
      "the Kansas-Wyoming line.",
      WEST_SEA_1951 + KANSAS_WYOMING,
      cites=[book(HERMES)])

state("1951-07-10", "documented", "Truce talks open at Kaesong",
      "Armistice negotiations opened at Kaesong, inside the communist lines, with the front "
      "on the Imjin, over Chorwon and Kumhwa and along the Punchbowl's southern rim to the coast above Kansong.",
      WEST_SEA_1951 + KANSAS_WYOMING,
      cites=[seed("yungblud-sadakov-2019", "negotiations for a truce on the Korean peninsula", 2, "f8c449ce78f390cb"),
             seed("weathersby-1999", "arrayed roughly along the 38th parallel", 20, "fd4d42ae10c0fed4"),
             book(HERMES), book(WESTPOINT)])

BLOODY_RIDGE = L("""
127.96,38.15 128.00,38.22 128.04,38.26 128.09,38.26 128.15,38.24 128.21,38.26
128.27,38.31 128.32,38.39 128.37,38.45 128.42,38.50 128.47,38.53
""")


def kw_with(east: list) -> list:
    """Kansas-Wyoming line with its eastern stretch (from 127.96 E) replaced."""
    head = [p for p in KANSAS_WYOMING if p[0] < 127.96 or p[1] < 38.1 and p[0] < 127.97]
    tail = [p for p in KANSAS_WYOMING if p[0] > 128.47]
    return WEST_SEA_1951 + head + east + tail


state("1951-08-18", "inferred", "Bloody Ridge opens",
      "The front was unchanged while the talks stalled; on 18 August the ROK and US 2nd "
      "Divisions began the attack on Bloody Ridge west of the Punchbowl.",
      WEST_SEA_1951 + KANSAS_WYOMING,
      cites=[book(HERMES)])

state("1951-09-05", "documented", "Bloody Ridge taken",
      "Bloody Ridge was finally held at the start of September, pushing the line a few "
      "kilometres north on the hills west of the Punchbowl.",
      kw_with(BLOODY_RIDGE),
      cites=[book(HERMES)])

PUNCHBOWL_SEP = L("""
127.96,38.15 128.00,38.22 128.04,38.27 128.09,38.30 128.14,38.33 128.20,38.34
128.25,38.38 128.29,38.44 128.30,38.50 128.34,38.56 128.40,38.58 128.47,38.60
""")

state("1951-09-30", "documented", "Punchbowl secured",
      "The Marines took the ridges north of the Punchbowl and the ROK I Corps advanced up "
      "the coast; the 2nd Division was fighting for Heartbreak Ridge.",
      WEST_SEA_1951 + [p for p in KANSAS_WYOMING if p[0] < 127.96]
      + PUNCHBOWL_SEP + L("128.55,38.61 129.5,38.65 132.5,38.65"),
      cites=[book(HERMES)])

# Maryang-san (Hill 317), taken in Operation Commando in early October 1951 and lost
# to the Chinese on 4-5 November: a small salient of the line round it in October.
MARYANG_HELD = L("126.948,38.141 126.960,38.172 126.970,38.205 126.980,38.226 126.992,38.229")
OCT1951 = mdl_with([(126.94, 126.99, MARYANG_HELD), (127.43, 127.78, KUMSONG_BULGE)])

state("1951-10-15", "documented", "Heartbreak Ridge; Commando and Nomad",
      "Heartbreak Ridge fell on 13 October; Operation Commando moved I Corps up to the "
      "Jamestown line and IX Corps pushed a salient toward Kumsong.",
      OCT1951,
      cites=[book(HERMES), book(WESTPOINT)])

state("1951-11-27", "documented", "Agreed line of contact",
      "The negotiators agreed the current line of contact as the demarcation line if an "
      "armistice were signed within thirty days; the UN went over to an active defence.",
      STALEMATE,
      cites=[seed("weathersby-1999", "dragging out the Panmunjom talks for two years", 12, "46c647b925343f02"),
             book(HERMES)])

# Old Baldy (Hill 266), taken with Pork Chop in Operation Counter in June 1952 and
# held as an outpost until late March 1953: a small salient of the line round it.
OLD_BALDY_HELD = L("""
126.975,38.185 127.000,38.225 127.006,38.236 127.010,38.247 127.020,38.251
127.030,38.247 127.040,38.250 127.060,38.262 127.128,38.297
""")
STALEMATE_1952 = mdl_with([(126.97, 127.13, OLD_BALDY_HELD), (127.43, 127.78, KUMSONG_BULGE)])

for d, lab, note in [
    ("1951-12-31", "Winter stalemate",
     "The thirty-day line lapsed without an armistice but the front stayed where it had "
     "been agreed, fought over by raids and patrols."),
    ("1952-01-31", "Outpost war",
     "Both sides dug deeper along the line of contact; the fighting was for outposts "
     "in front of the main lines."),
    ("1952-02-29", "Outpost war",
     "No change in the line; the talks were deadlocked over the exchange of prisoners."),
    ("1952-03-31", "Outpost war",
     "The 1st Marine Division moved to the western end of the line opposite Panmunjom; "
     "the trace itself did not move."),
    ("1952-04-30", "Outpost war",
     "The front held steady as the prisoner question stalled the negotiations."),
    ("1952-05-31", "Outpost war",
     "Raids and counter-raids along the line changed no ground of consequence."),
    ("1952-06-30", "Old Baldy",
     "The 45th Division took the outpost hills of Old Baldy and Pork Chop west of "
     "Chorwon in June; the main line stayed put."),
    ("1952-07-31", "Summer stalemate",
     "Old Baldy changed hands in July fighting without moving the main line of resistance."),
    ("1952-08-31", "Bunker Hill",
     "The Marines fought for Bunker Hill in the west; the line of contact did not change."),
    ("1952-09-30", "Outpost war",
     "Chinese attacks on outposts along the whole front heralded the autumn battles."),
    ("1952-10-15", "White Horse and Triangle Hill",
     "The ROK 9th Division held White Horse Hill north-west of Chorwon against repeated "
     "attacks while Operation Showdown failed to take Triangle Hill above Kumhwa."),
    ("1952-11-20", "Winter positions",
     "The line settled for a second winter in the positions held since late 1951."),
    ("1952-12-31", "Winter positions",
     "No movement of the front; the talks had been in recess since October."),
    ("1953-01-31", "Winter positions",
     "Raids in the Old Baldy and Hook sectors changed nothing on the map."),
    ("1953-02-28", "Winter positions",
     "The front was unchanged as both sides prepared for spring."),
]:
    state(d, "inferred" if d not in ("1952-10-15",) else "documented", lab, note,
          STALEMATE_1952 if d >= "1952-06-30" else STALEMATE,
          cites=[book(HERMES)])

OLD_BALDY_LOST = L("""
126.975,38.185 127.000,38.215 127.060,38.255 127.128,38.292
""")
# Pork Chop (Hill 255) given up on 11 July 1953: the line falls back south of it.
PORK_CHOP_LOST = L("""
126.975,38.185 127.000,38.215 127.028,38.226 127.048,38.230 127.060,38.255
127.128,38.292
""")
STALEMATE_1953 = mdl_with([(126.97, 127.13, OLD_BALDY_LOST), (127.43, 127.78, KUMSONG_BULGE)])

state("1953-03-31", "documented", "Old Baldy lost",
      "Chinese attacks took Old Baldy from the 7th Division's Colombian battalion late in "
      "March; the outpost was not retaken and the line west of Chorwon bent back slightly.",
      STALEMATE_1953,
      cites=[book(HERMES)])

state("1953-04-18", "documented", "Pork Chop Hill",
      "Pork Chop Hill was held after a bitter fight in mid-April, while the talks resumed "
      "with an exchange of sick and wounded prisoners.",
      STALEMATE_1953,
      cites=[book(HERMES)])

state("1953-05-31", "inferred", "Late-May attacks",
      "Chinese attacks on the Nevada outposts and the Hook in the west gained little; the "
      "line was essentially that of late 1951.",
      STALEMATE_1953,
      cites=[book(HERMES)])

KUMSONG_JUNE = L("""
127.450,38.300 127.472,38.304 127.492,38.299 127.512,38.295 127.530,38.330
127.548,38.362 127.570,38.385 127.610,38.388
127.650,38.375 127.690,38.355 127.725,38.335 127.760,38.320 127.790,38.315
127.823,38.299
""")

state("1953-06-18", "documented", "June offensive east of Kumsong",
      "Chinese attacks between 10 and 18 June pushed the ROK II Corps back a few "
      "kilometres on the eastern shoulder of the Kumsong bulge and near the Pukhan River.",
      mdl_with([(126.97, 127.13, OLD_BALDY_LOST), (127.43, 127.83, KUMSONG_JUNE)]),
      cites=[book(HERMES)])

state("1953-07-11", "inferred", "Pork Chop abandoned",
      "The 7th Division gave up Pork Chop Hill on 11 July; the Kumsong bulge was still "
      "held as the Chinese gathered for a last offensive.",
      mdl_with([(126.97, 127.13, PORK_CHOP_LOST), (127.43, 127.83, KUMSONG_JUNE)]),
      cites=[book(HERMES)])

KUMSONG_JULY = L("""
127.450,38.300 127.490,38.300 127.530,38.305 127.572,38.312 127.612,38.316
127.652,38.318 127.691,38.320 127.731,38.322 127.776,38.325 127.823,38.299
""")

state("1953-07-20", "documented", "Kumsong offensive",
      "The Chinese offensive of 13-20 July eliminated the Kumsong bulge and drove the "
      "ROK divisions back about ten kilometres to the south bank of the Kumsong River.",
      mdl_with([(126.97, 127.13, PORK_CHOP_LOST), (127.43, 127.83, KUMSONG_JULY)]),
      cites=[book(HERMES), book(WESTPOINT)],
      # The Chinese attack opened on the night of 13 July: no ground moved before the 14th;
      # by the 16th the ROK divisions were back behind the Kumsong River, where the
      # counterattacks of the following days left the line.
      moves_from="1953-07-14", moves_until="1953-07-16")

state("1953-07-27", "documented", "Armistice signed",
      "The armistice signed at Panmunjom fixed the Military Demarcation Line on the line of "
      "contact: Kaesong to the north, Panmunjom on the line, Chorwon and Kumhwa to the south.",
      MDL,
      cites=[seed("weathersby-1999", "the armistice was signed, on July 27, 1953", 23, "7f18f6b053023fd5"),
             seed("history-overview", "An armistice was finally signed at Panmunjom", 14, "5d3c38e2698eef27"),
             book(HERMES), book(WESTPOINT)])


state("1950-11-17", "inferred", "Closing up to the Yalu",
      "The Eighth Army held its Chongchon line and prepared to attack; in the north-east "
      "the Marines were on the Chosin plateau and the 7th Division was near Kapsan.",
      L("""122.5,39.62 124.8,39.64 125.19,39.66 125.33,39.70 125.46,39.77 125.59,39.83
      125.71,39.855 125.83,39.855 125.95,39.84 126.07,39.825 126.21,39.815 126.37,39.81
      126.53,39.82 126.68,39.89 126.82,40.01 126.94,40.17 127.04,40.32 127.10,40.42
      127.24,40.52 127.42,40.64 127.62,40.78 127.82,40.94 128.00,41.08 128.16,41.18
      128.32,41.20 128.52,41.20 128.72,41.22 128.92,41.28 129.12,41.36 129.32,41.44
      129.50,41.52 129.62,41.56 129.8,41.6 132.5,41.7"""),
      cites=[book(APPLEMAN)])

state("1951-02-17", "inferred", "Chipyong-ni relieved",
      "The 5th Cavalry broke through to Chipyong-ni on 15 February and the Chinese "
      "offensive died in front of Wonju; the line ran from the Han past Chipyong-ni to the coast.",
      L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.58,37.74 126.68,37.73
      126.76,37.66 126.83,37.59 126.89,37.55 126.96,37.523 127.04,37.512 127.12,37.52
      127.22,37.52 127.34,37.52 127.46,37.52 127.56,37.52 127.64,37.52 127.72,37.45
      127.82,37.39 127.92,37.39 128.02,37.40 128.14,37.42 128.28,37.46 128.42,37.52
      128.56,37.58 128.70,37.64 128.84,37.70 128.98,37.72 129.5,37.75 132.5,37.75"""),
      cites=[book(MOSSMAN)])

state("1951-03-11", "inferred", "Ripper across the Han",
      "IX and X Corps advanced north of the Han and the Yangpyong-Hoengsong road toward "
      "Hongchon; Seoul itself was still held by the Chinese.",
      L("""122.5,37.62 124.8,37.62 126.0,37.64 126.40,37.70 126.58,37.74 126.68,37.73
      126.76,37.66 126.83,37.59 126.89,37.55 126.96,37.523 127.04,37.512 127.12,37.53
      127.22,37.56 127.34,37.60 127.46,37.64 127.58,37.67 127.70,37.68 127.82,37.66
      127.94,37.65 128.06,37.67 128.20,37.71 128.34,37.76 128.48,37.80 128.62,37.85
      128.74,37.90 128.86,37.93 128.96,37.94 129.5,37.96 132.5,37.97"""),
      cites=[book(MOSSMAN)])

MUNSAN_AIRHEAD = ring("126.72,37.83 126.72,37.92 126.80,37.95 126.88,37.92 126.88,37.84 126.80,37.81")

state("1951-03-23", "documented", "Operation Tomahawk",
      "The 187th Airborne Regimental Combat Team dropped around Munsan on 23 March to trap "
      "the enemy retreating from Seoul; an armoured task force from the south reached it the same day.",
      L("""122.5,37.70 124.79,37.70 126.0,37.72 126.40,37.77 126.57,37.79 126.70,37.79
      126.80,37.79 126.91,37.79 127.06,37.80 127.23,37.82 127.36,37.84 127.54,37.90
      127.73,37.96 127.93,37.96 128.13,37.97 128.42,38.00 128.71,38.03 129.5,38.05
      130.81,38.06 132.5,38.07"""),
      rings=[("Munsan airhead", MUNSAN_AIRHEAD)],
      cites=[book(MOSSMAN)])

state("1951-03-27", "inferred", "Munsan drop and Uijongbu",
      "The 187th Airborne dropped at Munsan on 23 March and I Corps took Uijongbu; the "
      "ROK I Corps crossed the parallel on the east coast.",
      L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
      126.74,37.86 126.82,37.90 126.92,37.91 127.02,37.90 127.14,37.91 127.28,37.93
      127.42,37.95 127.56,37.98 127.70,38.01 127.84,38.01 127.98,38.00 128.12,37.99
      128.26,38.00 128.40,38.02 128.52,38.05 128.62,38.08 128.70,38.09 129.5,38.12
      132.5,38.15"""),
      cites=[book(MOSSMAN)])

state("1951-04-04", "inferred", "Rugged begins",
      "The Eighth Army stood on Line Idaho at the parallel as Operation Rugged got under "
      "way toward Line Kansas.",
      L("""122.5,37.72 124.8,37.72 126.0,37.74 126.40,37.77 126.60,37.78 126.68,37.79
      126.74,37.86 126.82,37.915 126.92,37.96 127.02,37.995 127.12,38.02 127.24,38.03
      127.38,38.04 127.50,38.05 127.62,38.07 127.74,38.08 127.86,38.08 127.98,38.07
      128.12,38.07 128.26,38.09 128.40,38.13 128.52,38.17 128.62,38.20 128.70,38.22
      129.5,38.25 132.5,38.3"""),
      cites=[book(MOSSMAN)])

# ---------------------------------------------------------------------------
# Zones held by neither side spanning several records
# ---------------------------------------------------------------------------

# October 1950: the North Korean divisions broken on the Naktong were bypassed by the
# UN pursuit; thousands of their men held out in the Chiri-san massif and the
# Sobaek ridges of the south-west and fought on as guerrillas. The zone is the
# mountain country they held, not the roads and towns the UN occupied.
SW_BYPASSED_RING = ring("""127.40,35.12 127.36,35.32 127.42,35.52 127.55,35.66 127.72,35.72
127.88,35.64 127.95,35.46 127.92,35.28 127.80,35.14 127.60,35.08""")


def _sw_bypassed() -> dict[str, Any]:
    return zone("sw-bypassed", "Bypassed North Korean forces, Chiri-san", "bypassed",
                "North Korean troops cut off by the breakout and the link-up at Osan held the "
                "Chiri-san massif and the mountains of the south-west behind the UN lines, "
                "raiding roads and towns; the UN held the roads and the towns, not these hills.",
                SW_BYPASSED_RING, [book(APPLEMAN)])


# The Taebaek gap between the Eighth Army and X Corps (see the record of 24 November)
# already lay open when the 7th Division reached the Yalu.
TAEBAEK_GAP_RING = ring("""126.55,40.06 126.75,40.21 126.92,40.35 127.00,40.30 126.98,40.05
126.90,39.85 126.78,39.70 126.62,39.66 126.52,39.78 126.50,39.95""")

for _rec in S:
    if "1950-10-01" <= _rec["date"] <= "1950-10-26":
        _rec["zones"].append(_sw_bypassed())
    if _rec["date"] == "1950-11-21":
        _rec["zones"].append(zone(
            "taebaek-gap", "Gap between Eighth Army and X Corps", "gap",
            "Some 80 km of roadless Taebaek mountains between the ROK II Corps near Tokchon and "
            "the Marines west of the Chosin Reservoir were held by no UN unit.",
            TAEBAEK_GAP_RING, [book(APPLEMAN), book(MOSSMAN)]))

# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def _dump(obj: Any) -> str:
    """Stable JSON text: one coordinate part per line keeps diffs readable."""
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def _props(s: dict[str, Any], parts: list[str]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "date": s["date"], "status": s["status"], "label": s["label"],
        "note": s["note"], "parts": parts, "citations": s["cites"],
    }
    # Optional members only where used, so that older files stay as they were.
    if s["zones"]:
        props["zones"] = s["zones"]
    if s["taken"]:
        props["taken"] = s["taken"]
    if s["moves_from"]:
        props["moves_from"] = s["moves_from"]
    if s["moves_until"]:
        props["moves_until"] = s["moves_until"]
    return props


def build_fronts() -> dict[str, Any]:
    """Return the fronts FeatureCollection as a dict."""
    feats = []
    for s in sorted(S, key=lambda s: s["date"]):
        parts = ["front"] + [name for name, _ in s["rings"]]
        coords = [_r(s["main"])] + [_r(r) for _, r in s["rings"]]
        feats.append({
            "type": "Feature",
            "id": s["date"],
            "properties": _props(s, parts),
            "geometry": {"type": "MultiLineString", "coordinates": coords},
        })
    return {
        "type": "FeatureCollection",
        "title": "Front lines of the Korean War, 25 June 1950 - 27 July 1953",
        "description": ("Dated front-line states. Part 0 of each geometry is an open line "
                        "with the UN side on its right; further parts are closed rings, "
                        "clockwise for UN-held enclaves and counter-clockwise for communist "
                        "pockets. Hand-digitised from standard campaign histories; "
                        "generated by geodata/fronts_source.py."),
        "license": "CC0-1.0",
        "features": feats,
    }


def build_armistice() -> dict[str, Any]:
    """Return the armistice line (Military Demarcation Line) FeatureCollection."""
    line = MDL_SEA_WEST[-5:] + MDL_LAND
    return {
        "type": "FeatureCollection",
        "title": "Military Demarcation Line, 27 July 1953",
        "license": "CC0-1.0",
        "features": [{
            "type": "Feature",
            "id": "1953-07-27",
            "properties": {
                "title": "Military Demarcation Line (armistice line)",
                "date": "1953-07-27",
                "note": ("Line fixed by the armistice of 27 July 1953, drawn west to east "
                         "from the Han estuary near Kyodong island past Panmunjom (on the "
                         "line, with Kaesong to the north) and north of Chorwon, Kumhwa, "
                         "Yanggu and the Punchbowl to the east coast north of Kansong."),
            },
            "geometry": {"type": "LineString", "coordinates": _r(line)},
        }],
    }


def _write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main() -> None:
    """Write fronts.geojson and armistice.geojson beside this script."""
    _write(HERE / "fronts.geojson", _dump(build_fronts()))
    _write(HERE / "armistice.geojson", _dump(build_armistice()))


if __name__ == "__main__":
    main()
