"""Historical checks of the dated front lines in geodata/fronts.geojson.

Each row of ``CHECKS`` is a town, its position, a day and the side that held it
that day according to the standard campaign histories (Appleman, Mossman,
Hermes). The model's ``Chronology.controller_at`` must agree. Further tests
check facts that span the whole war: Pusan never fell, Seoul changed hands four
times, and the UN's share of the peninsula at the two extremes of 1950.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from explorer.war.chronology import Chronology

UN, CO = "UN", "COMMUNIST"
GEODATA = Path(__file__).resolve().parents[2] / "geodata"

# Positions (lon, lat) of the towns used below.
TOWNS: dict[str, tuple[float, float]] = {
    "Seoul": (126.98, 37.57), "Inchon": (126.63, 37.47), "Kimpo": (126.79, 37.56),
    "Suwon": (127.01, 37.27), "Osan": (127.07, 37.15), "Pyongtaek": (127.09, 36.99),
    "Ansong": (127.28, 37.01), "Chonan": (127.15, 36.81), "Kongju": (127.12, 36.46),
    "Taejon": (127.38, 36.35), "Kumchon": (128.11, 36.12), "Taegu": (128.60, 35.87),
    "Yongchon": (128.94, 35.97), "Kyongju": (129.21, 35.84), "Pohang": (129.36, 36.03),
    "Ulsan": (129.31, 35.54), "Pusan": (129.04, 35.12), "Masan": (128.57, 35.21),
    "Chinju": (128.08, 35.18), "Miryang": (128.75, 35.50), "Andong": (128.73, 36.57),
    "Sangju": (128.16, 36.41), "Chungju": (127.93, 36.99), "Chechon": (128.19, 37.13),
    "Wonju": (127.95, 37.34), "Hoengsong": (127.99, 37.49), "Hongchon": (127.89, 37.69),
    "Chunchon": (127.73, 37.88), "Chipyong-ni": (127.63, 37.47), "Uijongbu": (127.05, 37.74),
    "Munsan": (126.78, 37.86), "Kaesong": (126.55, 37.97), "Haeju": (125.71, 38.04),
    "Ongjin": (125.36, 37.93), "Kangnung": (128.90, 37.75), "Samchok": (129.17, 37.44),
    "Yangyang": (128.62, 38.08), "Kansong": (128.47, 38.38), "Inje": (128.17, 38.07),
    "Yanggu": (127.99, 38.11), "Chorwon": (127.21, 38.24), "Kumhwa": (127.43, 38.27),
    "Pyonggang": (127.29, 38.40), "Kumsong": (127.58, 38.43), "Sariwon": (125.76, 38.51),
    "Pyongyang": (125.75, 39.03), "Wonsan": (127.44, 39.15), "Hamhung": (127.53, 39.92),
    "Hungnam": (127.62, 39.83), "Sinanju": (125.61, 39.60), "Kunu-ri": (125.90, 39.70),
    "Unsan": (125.81, 40.08), "Chongju": (125.33, 39.70), "Sinuiju": (124.40, 40.10),
    "Chosan": (125.79, 40.83), "Kanggye": (126.60, 40.97), "Hyesanjin": (128.18, 41.40),
    "Chongjin": (129.78, 41.80), "Songjin": (129.19, 40.67), "Mokpo": (126.39, 34.81),
    "Kwangju": (126.85, 35.16), "Yosu": (127.66, 34.76), "Chonju": (127.15, 35.82),
    "Kunsan": (126.71, 35.97), "Jeju": (126.53, 33.50), "Yongdok": (129.37, 36.41),
    "Tokchon": (126.30, 39.75), "Pukchong": (128.33, 40.19), "Panmunjom": (126.68, 37.955),
}

CHECKS: list[tuple[str, str, str]] = [
    # invasion and the fall of Seoul
    ("Seoul", "1950-06-25", UN), ("Kaesong", "1950-06-25", UN), ("Haeju", "1950-06-25", CO),
    ("Pyongyang", "1950-06-25", CO), ("Chunchon", "1950-06-25", UN), ("Yangyang", "1950-06-25", CO),
    ("Ongjin", "1950-06-27", CO), ("Kaesong", "1950-06-27", CO), ("Uijongbu", "1950-06-27", CO),
    ("Chunchon", "1950-06-27", UN), ("Seoul", "1950-06-29", CO), ("Suwon", "1950-06-29", UN),
    ("Chunchon", "1950-06-29", CO), ("Inchon", "1950-07-01", UN), ("Kimpo", "1950-07-01", CO),
    # the retreat south
    ("Suwon", "1950-07-05", CO), ("Osan", "1950-07-05", UN), ("Inchon", "1950-07-05", CO),
    ("Chonan", "1950-07-05", UN), ("Chonan", "1950-07-09", CO), ("Pyongtaek", "1950-07-09", CO),
    ("Kongju", "1950-07-13", UN), ("Taejon", "1950-07-13", UN), ("Taejon", "1950-07-20", CO),
    ("Chonju", "1950-07-21", CO), ("Kunsan", "1950-07-21", CO), ("Taegu", "1950-07-21", UN),
    ("Kwangju", "1950-07-27", CO), ("Mokpo", "1950-07-27", CO), ("Yosu", "1950-07-31", CO),
    ("Chinju", "1950-07-31", CO), ("Kumchon", "1950-07-31", UN), ("Andong", "1950-08-04", CO),
    # the Pusan perimeter
    ("Kumchon", "1950-08-04", CO), ("Sangju", "1950-08-04", CO), ("Taegu", "1950-08-04", UN),
    ("Masan", "1950-08-04", UN), ("Miryang", "1950-08-04", UN), ("Pohang", "1950-08-04", UN),
    ("Pohang", "1950-08-12", CO), ("Kyongju", "1950-08-12", UN), ("Pohang", "1950-08-25", UN),
    ("Taegu", "1950-09-06", UN), ("Yongchon", "1950-09-06", UN), ("Kyongju", "1950-09-06", UN),
    ("Pohang", "1950-09-08", CO), ("Chinju", "1950-09-10", CO), ("Ulsan", "1950-09-10", UN),
    ("Andong", "1950-09-14", CO), ("Seoul", "1950-09-14", CO), ("Inchon", "1950-09-14", CO),
    # Inchon and the breakout
    ("Inchon", "1950-09-15", UN), ("Kimpo", "1950-09-15", CO), ("Seoul", "1950-09-15", CO),
    ("Taegu", "1950-09-15", UN), ("Kimpo", "1950-09-18", UN), ("Seoul", "1950-09-20", CO),
    ("Suwon", "1950-09-22", UN), ("Taejon", "1950-09-22", CO), ("Osan", "1950-09-26", UN),
    ("Seoul", "1950-09-28", UN), ("Taejon", "1950-09-28", UN), ("Chunchon", "1950-09-28", CO),
    ("Kwangju", "1950-10-02", UN), ("Yangyang", "1950-10-02", UN), ("Kaesong", "1950-10-02", CO),
    # into the north
    ("Kaesong", "1950-10-09", UN), ("Wonsan", "1950-10-09", CO), ("Wonsan", "1950-10-11", UN),
    ("Pyongyang", "1950-10-15", CO), ("Hamhung", "1950-10-15", CO), ("Pyongyang", "1950-10-19", UN),
    ("Hamhung", "1950-10-19", UN), ("Haeju", "1950-10-19", UN), ("Chosan", "1950-10-26", UN),
    ("Sinuiju", "1950-10-26", CO), ("Kanggye", "1950-10-26", CO), ("Unsan", "1950-10-26", UN),
    ("Unsan", "1950-11-02", CO), ("Chosan", "1950-11-02", CO), ("Sinanju", "1950-11-06", UN),
    ("Kunu-ri", "1950-11-06", UN), ("Pyongyang", "1950-11-06", UN), ("Hyesanjin", "1950-11-21", UN),
    ("Hyesanjin", "1950-11-13", CO), ("Kanggye", "1950-11-24", CO), ("Sinuiju", "1950-11-24", CO),
    ("Songjin", "1950-11-24", UN), ("Chongjin", "1950-11-25", UN), ("Pukchong", "1950-11-24", UN),
    # the Chinese offensives
    ("Tokchon", "1950-11-29", CO), ("Kunu-ri", "1950-12-02", CO), ("Pyongyang", "1950-12-06", CO),
    ("Hamhung", "1950-12-11", UN), ("Hungnam", "1950-12-14", UN), ("Wonsan", "1950-12-14", CO),
    ("Pyongyang", "1950-12-15", CO), ("Hamhung", "1950-12-18", CO), ("Hungnam", "1950-12-20", UN),
    ("Hungnam", "1950-12-26", CO), ("Seoul", "1950-12-31", UN), ("Kaesong", "1950-12-31", CO),
    ("Seoul", "1951-01-05", CO), ("Suwon", "1951-01-10", CO), ("Wonju", "1951-01-10", CO),
    ("Pyongtaek", "1951-01-15", UN), ("Ansong", "1951-01-15", UN), ("Chechon", "1951-01-15", UN),
    ("Samchok", "1951-01-15", UN), ("Osan", "1951-01-15", CO), ("Chungju", "1951-01-15", UN),
    # the UN recovery
    ("Suwon", "1951-02-02", UN), ("Inchon", "1951-02-14", UN), ("Chipyong-ni", "1951-02-14", UN),
    ("Hoengsong", "1951-02-14", CO), ("Wonju", "1951-02-14", UN), ("Seoul", "1951-02-20", CO),
    ("Hoengsong", "1951-03-08", UN), ("Seoul", "1951-03-16", UN), ("Hongchon", "1951-03-16", UN),
    ("Chunchon", "1951-03-16", CO), ("Chunchon", "1951-03-24", UN), ("Munsan", "1951-04-01", UN),
    ("Uijongbu", "1951-04-23", UN), ("Uijongbu", "1951-05-02", CO), ("Seoul", "1951-05-02", UN),
    ("Chunchon", "1951-05-02", CO), ("Hongchon", "1951-05-22", UN), ("Inje", "1951-05-22", CO),
    # the Kansas-Wyoming line and the stalemate
    ("Chorwon", "1951-06-20", UN), ("Kumhwa", "1951-06-20", UN), ("Pyonggang", "1951-06-20", CO),
    ("Kaesong", "1951-07-10", CO), ("Munsan", "1951-07-10", UN), ("Chunchon", "1951-07-10", UN),
    ("Yanggu", "1951-07-10", UN), ("Kansong", "1951-07-10", UN), ("Kumsong", "1951-07-10", CO),
    ("Kaesong", "1952-06-01", CO), ("Chorwon", "1952-10-10", UN), ("Kumhwa", "1952-10-10", UN),
    ("Kumsong", "1952-10-10", CO), ("Pyonggang", "1953-01-01", CO), ("Inje", "1953-01-01", UN),
    # the armistice
    ("Kaesong", "1953-07-27", CO), ("Munsan", "1953-07-27", UN), ("Chorwon", "1953-07-27", UN),
    ("Kumhwa", "1953-07-27", UN), ("Kumsong", "1953-07-27", CO), ("Kansong", "1953-07-27", UN),
    ("Haeju", "1953-07-27", CO), ("Ongjin", "1953-07-27", CO), ("Yanggu", "1953-07-27", UN),
    ("Pyongyang", "1953-07-27", CO), ("Wonsan", "1953-07-27", CO), ("Jeju", "1953-07-27", UN),
]

WAR_START, WAR_END = dt.date(1950, 6, 25), dt.date(1953, 7, 27)


@lru_cache(maxsize=1)
def chronology() -> Chronology:
    """The chronology built from the bundled geodata (loaded once)."""
    return Chronology.load()


def test_table_is_large_and_spread_over_the_war() -> None:
    assert len(CHECKS) >= 120
    years = {d[:4] for _, d, _ in CHECKS}
    assert years == {"1950", "1951", "1952", "1953"}
    assert all(town in TOWNS for town, _, _ in CHECKS)


@pytest.mark.parametrize(("town", "date", "side"), CHECKS,
                         ids=[f"{t}-{d}" for t, d, _ in CHECKS])
def test_town_held_by_expected_side(town: str, date: str, side: str) -> None:
    lon, lat = TOWNS[town]
    assert chronology().controller_at(date, lon, lat) == side


def test_fronts_load_without_problems() -> None:
    ch = chronology()
    fronts = [p for p in ch.problems if "front" in str(p).lower()]
    assert not fronts
    dates = ch.dates
    assert dates[0] == WAR_START and dates[-1] == WAR_END
    assert len(dates) >= 55


def test_weekly_states_in_the_first_year_then_roughly_monthly() -> None:
    dates = chronology().dates
    for a, b in zip(dates, dates[1:]):
        if b <= dt.date(1951, 6, 30):
            assert (b - a).days <= 7, (a, b)
        else:
            assert (b - a).days <= 45, (a, b)


def test_pusan_and_jeju_always_un() -> None:
    ch = chronology()
    days = {WAR_START + dt.timedelta(days=k) for k in range(0, (WAR_END - WAR_START).days + 1, 7)}
    days |= set(ch.dates)
    for day in sorted(days):
        assert ch.controller_at(day, *TOWNS["Pusan"]) == UN, day
        assert ch.controller_at(day, *TOWNS["Jeju"]) == UN, day


def test_pyongyang_taken_and_lost() -> None:
    ch = chronology()
    assert ch.controller_at("1950-11-01", *TOWNS["Pyongyang"]) == UN
    assert ch.controller_at("1950-12-15", *TOWNS["Pyongyang"]) == CO


def test_seoul_changed_hands_four_times() -> None:
    ch = chronology()
    sides = []
    day = WAR_START
    while day <= WAR_END:
        sides.append(ch.controller_at(day, *TOWNS["Seoul"]))
        day += dt.timedelta(days=1)
    assert None not in sides
    changes = sum(1 for a, b in zip(sides, sides[1:]) if a != b)
    assert changes == 4


def test_un_share_of_korea_at_the_extremes_of_1950() -> None:
    ch = chronology()
    assert ch.state_at("1950-09-01").un_area_share < 0.15
    assert ch.state_at("1950-11-24").un_area_share > 0.80


def test_enclaves_are_clockwise_rings() -> None:
    ch = chronology()
    for day, name in (("1950-09-15", "Inchon beachhead"), ("1950-12-11", "Hungnam perimeter")):
        rec = ch.record_on(day)
        assert rec is not None
        assert any(r.name == name and r.un_held for r in rec.rings), day


def test_generator_reproduces_fronts_byte_for_byte(tmp_path: Path) -> None:
    script = GEODATA / "fronts_source.py"
    copy = tmp_path / "fronts_source.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True, cwd=tmp_path)
    for name in ("fronts.geojson", "armistice.geojson"):
        assert (tmp_path / name).read_bytes() == (GEODATA / name).read_bytes(), name


def test_armistice_line_runs_west_to_east_past_panmunjom() -> None:
    from shapely.geometry import Point, shape

    data = json.loads((GEODATA / "armistice.geojson").read_text(encoding="utf-8"))
    feat = data["features"][0]
    assert set(feat["properties"]) >= {"title", "date", "note"}
    line = shape(feat["geometry"])
    coords = list(line.coords)
    assert coords[0][0] < coords[-1][0]
    assert line.distance(Point(TOWNS["Panmunjom"])) < 0.02
    assert 38.5 < coords[-1][1] < 38.7


# ---------------------------------------------------------------------------
# Independent review table. Written from the campaign histories by a second
# reader before looking at CHECKS above, with its own town positions; only the
# facts that reader was sure of are kept. (N) and (S) mark the northern and
# southern towns of the same romanised name.
REVIEW_TOWNS: dict[str, tuple[float, float]] = {
    "Andong": (128.73, 36.57), "Anju": (125.66, 39.62), "Ansong": (127.28, 37.01),
    "Changnyong": (128.49, 35.54), "Chindong-ni": (128.48, 35.10), "Chinju": (128.08, 35.18),
    "Chinnampo": (125.41, 38.74), "Chipyong-ni": (127.64, 37.47), "Chochiwon": (127.30, 36.60),
    "Chonan": (127.15, 36.81), "Chongjin": (129.78, 41.79), "Chongju(N)": (125.33, 39.69),
    "Chonju": (127.15, 35.82), "Chorwon": (127.21, 38.25), "Chosan": (125.80, 40.83),
    "Chunchon": (127.73, 37.88), "Chungju": (127.93, 36.99), "Hadong": (127.75, 35.07),
    "Haeju": (125.71, 38.04), "Hagaru-ri": (127.25, 40.38), "Hamhung": (127.54, 39.92),
    "Hoengsong": (127.99, 37.49), "Hongchon": (127.89, 37.69), "Hungnam": (127.62, 39.83),
    "Hwachon": (127.71, 38.11), "Hyesanjin": (128.18, 41.40), "Hyon-ni": (128.32, 37.95),
    "Inchon": (126.63, 37.46), "Inje": (128.17, 38.07), "Jeju": (126.53, 33.50),
    "Kaesong": (126.55, 37.97), "Kanggye": (126.60, 40.97), "Kanghwa": (126.49, 37.72),
    "Kangnung": (128.90, 37.75), "Kansong": (128.47, 38.38), "Kapyong": (127.51, 37.83),
    "Kimpo": (126.80, 37.56), "Kochang": (127.91, 35.69), "Kojedo": (128.62, 34.88),
    "Kongju": (127.12, 36.46), "Kosong(N)": (128.32, 38.73), "Koto-ri": (127.30, 40.28),
    "Kumchon(S)": (128.11, 36.12), "Kumhwa": (127.43, 38.27), "Kumsong": (127.58, 38.43),
    "Kunsan": (126.71, 35.97), "Kunu-ri": (125.93, 39.58), "Kwangju": (126.85, 35.16),
    "Kyongju": (129.22, 35.84), "Kyongsan": (128.74, 35.83), "Manpojin": (126.30, 41.15),
    "Masan": (128.57, 35.20), "Miryang": (128.75, 35.50), "Mokpo": (126.39, 34.81),
    "Munsan": (126.79, 37.86), "Ongjin": (125.36, 37.93), "Osan": (127.07, 37.15),
    "Paengnyong": (124.68, 37.96), "Pakchon": (125.60, 39.74), "Pohang": (129.36, 36.03),
    "Punchbowl": (128.14, 38.29), "Pusan": (129.04, 35.10), "Pyonggang": (127.29, 38.42),
    "Pyongtaek": (127.09, 36.99), "Pyongyang": (125.75, 39.02), "Samchok": (129.17, 37.44),
    "Sangju": (128.16, 36.41), "Sariwon": (125.76, 38.51), "Seoul": (126.98, 37.57),
    "Sinanju": (125.61, 39.60), "Sinuiju": (124.40, 40.10), "Sokcho": (128.59, 38.21),
    "Songjin": (129.20, 40.67), "Sukchon": (125.65, 39.41), "Sunchon(N)": (125.93, 39.43),
    "Sunchon(S)": (127.49, 34.95), "Suwon": (127.01, 37.27), "Tabu-dong": (128.56, 36.02),
    "Taegu": (128.60, 35.87), "Taejon": (127.38, 36.35), "Tokchon": (126.31, 39.75),
    "Tongduchon": (127.06, 37.90), "Uijongbu": (127.05, 37.74), "Uljin": (129.40, 36.99),
    "Ulsan": (129.31, 35.54), "Unsan": (125.87, 39.96), "Waegwan": (128.40, 35.99),
    "Wonju": (127.95, 37.34), "Wonsan": (127.44, 39.15), "Yanggu": (127.99, 38.11),
    "Yangyang": (128.62, 38.08), "Yoju": (127.64, 37.30), "Yonan": (126.16, 37.91),
    "Yonchon": (127.07, 38.10), "Yongchon": (128.94, 35.97), "Yongdok": (129.36, 36.41),
    "Yongdong": (127.78, 36.17), "Yongdungpo": (126.91, 37.52), "Yongsan": (128.52, 35.45),
    "Yosu": (127.66, 34.76), "Yudam-ni": (127.11, 40.48),
}

REVIEW_CHECKS: list[tuple[str, str, str]] = [
    ("Haeju", "1950-06-25", CO), ("Pyongyang", "1950-06-25", CO), ("Kaesong", "1950-06-26", CO),
    ("Seoul", "1950-06-26", UN), ("Wonsan", "1950-06-26", CO), ("Yangyang", "1950-06-26", CO),
    ("Ongjin", "1950-06-27", CO), ("Inchon", "1950-06-28", UN), ("Munsan", "1950-06-28", CO),
    ("Pusan", "1950-06-28", UN), ("Seoul", "1950-06-28", CO), ("Suwon", "1950-06-28", UN),
    ("Taegu", "1950-06-28", UN), ("Taejon", "1950-06-28", UN), ("Yongdungpo", "1950-06-28", UN),
    ("Chunchon", "1950-06-30", CO), ("Jeju", "1950-06-30", UN), ("Kangnung", "1950-07-01", CO),
    ("Chonan", "1950-07-05", UN), ("Inchon", "1950-07-05", CO), ("Pyongtaek", "1950-07-05", UN),
    ("Suwon", "1950-07-05", CO), ("Yongdungpo", "1950-07-05", CO), ("Osan", "1950-07-07", CO),
    ("Pyongtaek", "1950-07-08", CO), ("Ansong", "1950-07-09", CO), ("Chonan", "1950-07-09", CO),
    ("Taejon", "1950-07-10", UN), ("Chochiwon", "1950-07-13", CO), ("Kongju", "1950-07-16", CO),
    ("Taejon", "1950-07-19", UN), ("Taejon", "1950-07-21", CO), ("Kwangju", "1950-07-25", CO),
    ("Kyongju", "1950-07-25", UN), ("Pohang", "1950-07-25", UN), ("Taegu", "1950-07-25", UN),
    ("Kumchon(S)", "1950-07-27", UN), ("Yongdong", "1950-07-27", CO), ("Chinju", "1950-07-28", UN),
    ("Mokpo", "1950-07-28", CO), ("Hadong", "1950-07-29", CO), ("Sunchon(S)", "1950-07-30", CO),
    ("Yosu", "1950-07-30", CO), ("Masan", "1950-07-31", UN), ("Jeju", "1950-08-01", UN),
    ("Chinju", "1950-08-02", CO), ("Andong", "1950-08-05", CO), ("Kochang", "1950-08-05", CO),
    ("Kumchon(S)", "1950-08-05", CO), ("Sangju", "1950-08-05", CO), ("Chindong-ni", "1950-08-15", UN),
    ("Chinju", "1950-08-15", CO), ("Kyongju", "1950-08-15", UN), ("Kyongsan", "1950-08-15", UN),
    ("Masan", "1950-08-15", UN), ("Miryang", "1950-08-15", UN), ("Taegu", "1950-08-15", UN),
    ("Ulsan", "1950-08-15", UN), ("Yongchon", "1950-08-15", UN), ("Andong", "1950-08-20", CO),
    ("Changnyong", "1950-08-20", UN), ("Kangnung", "1950-08-20", CO), ("Kojedo", "1950-08-20", UN),
    ("Kumchon(S)", "1950-08-20", CO), ("Kunsan", "1950-08-20", CO), ("Kwangju", "1950-08-20", CO),
    ("Mokpo", "1950-08-20", CO), ("Pusan", "1950-08-20", UN), ("Samchok", "1950-08-20", CO),
    ("Sangju", "1950-08-20", CO), ("Seoul", "1950-08-20", CO), ("Taejon", "1950-08-20", CO),
    ("Uljin", "1950-08-20", CO), ("Yongdok", "1950-08-20", CO), ("Yongsan", "1950-08-20", UN),
    ("Yosu", "1950-08-20", CO), ("Yongchon", "1950-09-01", UN), ("Kyongju", "1950-09-10", UN),
    ("Masan", "1950-09-10", UN), ("Miryang", "1950-09-10", UN), ("Taegu", "1950-09-10", UN),
    ("Waegwan", "1950-09-10", CO), ("Inchon", "1950-09-14", CO), ("Kimpo", "1950-09-15", CO),
    ("Inchon", "1950-09-16", UN), ("Seoul", "1950-09-16", CO), ("Suwon", "1950-09-16", CO),
    ("Kimpo", "1950-09-19", UN), ("Seoul", "1950-09-20", CO), ("Tabu-dong", "1950-09-25", UN),
    ("Waegwan", "1950-09-25", UN), ("Suwon", "1950-09-26", UN), ("Kumchon(S)", "1950-09-28", UN),
    ("Osan", "1950-09-28", UN), ("Yongdok", "1950-09-28", UN), ("Seoul", "1950-09-29", UN),
    ("Chinju", "1950-09-30", UN), ("Sangju", "1950-09-30", UN), ("Taejon", "1950-09-30", UN),
    ("Chonju", "1950-10-05", UN), ("Kunsan", "1950-10-05", UN), ("Kwangju", "1950-10-05", UN),
    ("Mokpo", "1950-10-05", UN), ("Yosu", "1950-10-05", UN), ("Kaesong", "1950-10-11", UN),
    ("Wonsan", "1950-10-12", UN), ("Kosong(N)", "1950-10-15", UN), ("Pyongyang", "1950-10-16", CO),
    ("Hamhung", "1950-10-18", UN), ("Hungnam", "1950-10-18", UN), ("Sariwon", "1950-10-18", UN),
    ("Sukchon", "1950-10-18", CO), ("Pyongyang", "1950-10-20", UN), ("Sukchon", "1950-10-21", UN),
    ("Sukchon", "1950-10-22", UN), ("Sunchon(N)", "1950-10-22", UN), ("Anju", "1950-10-24", UN),
    ("Chongju(N)", "1950-10-24", CO), ("Sinanju", "1950-10-24", UN), ("Kanggye", "1950-10-26", CO),
    ("Manpojin", "1950-10-26", CO), ("Sinuiju", "1950-10-26", CO), ("Unsan", "1950-10-28", UN),
    ("Chongju(N)", "1950-11-01", UN), ("Unsan", "1950-11-04", CO), ("Chosan", "1950-11-05", CO),
    ("Anju", "1950-11-10", UN), ("Kanggye", "1950-11-10", CO), ("Pyongyang", "1950-11-10", UN),
    ("Sinuiju", "1950-11-10", CO), ("Songjin", "1950-11-20", UN), ("Hyesanjin", "1950-11-22", UN),
    ("Chinnampo", "1950-11-24", UN), ("Hamhung", "1950-11-24", UN), ("Kanggye", "1950-11-24", CO),
    ("Kunu-ri", "1950-11-24", UN), ("Manpojin", "1950-11-24", CO), ("Pakchon", "1950-11-24", UN),
    ("Sinuiju", "1950-11-24", CO), ("Sukchon", "1950-11-24", UN), ("Wonsan", "1950-11-24", UN),
    ("Hagaru-ri", "1950-11-25", UN), ("Yudam-ni", "1950-11-27", UN), ("Kunu-ri", "1950-12-02", CO),
    ("Tokchon", "1950-12-02", CO), ("Koto-ri", "1950-12-04", UN), ("Yudam-ni", "1950-12-04", CO),
    ("Anju", "1950-12-05", CO), ("Pyongyang", "1950-12-07", CO), ("Hamhung", "1950-12-09", UN),
    ("Hungnam", "1950-12-09", UN), ("Hagaru-ri", "1950-12-10", CO), ("Koto-ri", "1950-12-13", CO),
    ("Hyesanjin", "1950-12-15", CO), ("Chongjin", "1950-12-20", CO), ("Hungnam", "1950-12-20", UN),
    ("Seoul", "1950-12-20", UN), ("Hungnam", "1950-12-26", CO), ("Inchon", "1950-12-31", UN),
    ("Kangnung", "1950-12-31", UN), ("Pyongyang", "1950-12-31", CO), ("Seoul", "1950-12-31", UN),
    ("Uijongbu", "1950-12-31", UN), ("Seoul", "1951-01-05", CO), ("Uijongbu", "1951-01-05", CO),
    ("Inchon", "1951-01-07", CO), ("Kimpo", "1951-01-07", CO), ("Chunchon", "1951-01-08", CO),
    ("Suwon", "1951-01-08", CO), ("Chonan", "1951-01-15", UN), ("Chungju", "1951-01-15", UN),
    ("Pyongtaek", "1951-01-15", UN), ("Suwon", "1951-01-15", CO), ("Taegu", "1951-01-15", UN),
    ("Taejon", "1951-01-15", UN), ("Seoul", "1951-01-20", CO), ("Suwon", "1951-01-28", UN),
    ("Osan", "1951-02-02", UN), ("Suwon", "1951-02-02", UN), ("Wonju", "1951-02-02", UN),
    ("Inchon", "1951-02-12", UN), ("Kimpo", "1951-02-12", UN), ("Seoul", "1951-02-12", CO),
    ("Chipyong-ni", "1951-02-14", UN), ("Yoju", "1951-02-14", UN), ("Chipyong-ni", "1951-02-15", UN),
    ("Hoengsong", "1951-02-15", CO), ("Wonju", "1951-02-15", UN), ("Kaesong", "1951-03-01", CO),
    ("Kangnung", "1951-03-01", UN), ("Pyongyang", "1951-03-01", CO), ("Hoengsong", "1951-03-06", UN),
    ("Seoul", "1951-03-10", CO), ("Chunchon", "1951-03-16", CO), ("Seoul", "1951-03-16", UN),
    ("Chunchon", "1951-03-22", UN), ("Munsan", "1951-03-24", UN), ("Chunchon", "1951-04-10", UN),
    ("Kapyong", "1951-04-10", UN), ("Kapyong", "1951-04-23", UN), ("Hongchon", "1951-04-30", UN),
    ("Seoul", "1951-04-30", UN), ("Hongchon", "1951-05-20", UN), ("Hyon-ni", "1951-05-20", CO),
    ("Inje", "1951-05-20", CO), ("Kangnung", "1951-05-20", UN), ("Seoul", "1951-05-20", UN),
    ("Chunchon", "1951-06-05", UN), ("Chorwon", "1951-06-12", UN), ("Kumhwa", "1951-06-12", UN),
    ("Chorwon", "1951-06-15", UN), ("Kumhwa", "1951-06-15", UN), ("Hwachon", "1951-06-20", UN),
    ("Hyon-ni", "1951-06-20", UN), ("Inje", "1951-06-20", UN), ("Kaesong", "1951-06-20", CO),
    ("Munsan", "1951-06-20", UN), ("Pyonggang", "1951-06-20", CO), ("Yanggu", "1951-06-20", UN),
    ("Yonchon", "1951-06-20", UN), ("Kaesong", "1951-07-10", CO), ("Kaesong", "1951-07-15", CO),
    ("Kosong(N)", "1951-07-15", CO), ("Chorwon", "1951-11-01", UN), ("Haeju", "1951-11-01", CO),
    ("Kaesong", "1951-11-01", CO), ("Kumhwa", "1951-11-01", UN), ("Kumsong", "1951-11-01", CO),
    ("Ongjin", "1951-11-01", CO), ("Pyonggang", "1951-11-01", CO), ("Kanghwa", "1952-01-01", UN),
    ("Paengnyong", "1952-01-01", UN), ("Kojedo", "1952-05-10", UN), ("Chinnampo", "1952-06-01", CO),
    ("Chongjin", "1952-06-01", CO), ("Hamhung", "1952-06-01", CO), ("Hwachon", "1952-06-01", UN),
    ("Inje", "1952-06-01", UN), ("Kansong", "1952-06-01", UN), ("Kosong(N)", "1952-06-01", CO),
    ("Munsan", "1952-06-01", UN), ("Punchbowl", "1952-06-01", UN), ("Pyongyang", "1952-06-01", CO),
    ("Sariwon", "1952-06-01", CO), ("Sokcho", "1952-06-01", UN), ("Wonsan", "1952-06-01", CO),
    ("Yanggu", "1952-06-01", UN), ("Yangyang", "1952-06-01", UN), ("Yonchon", "1952-06-01", UN),
    ("Chorwon", "1952-10-10", UN), ("Kumhwa", "1952-10-20", UN), ("Kumsong", "1952-10-20", CO),
    ("Pyonggang", "1952-10-20", CO), ("Kaesong", "1953-03-28", CO), ("Munsan", "1953-03-28", UN),
    ("Chorwon", "1953-05-01", UN), ("Kumsong", "1953-06-15", CO), ("Kumsong", "1953-07-20", CO),
    ("Chorwon", "1953-07-27", UN), ("Chunchon", "1953-07-27", UN), ("Haeju", "1953-07-27", CO),
    ("Hwachon", "1953-07-27", UN), ("Inje", "1953-07-27", UN), ("Kaesong", "1953-07-27", CO),
    ("Kanghwa", "1953-07-27", UN), ("Kansong", "1953-07-27", UN), ("Kosong(N)", "1953-07-27", CO),
    ("Kumhwa", "1953-07-27", UN), ("Kumsong", "1953-07-27", CO), ("Munsan", "1953-07-27", UN),
    ("Ongjin", "1953-07-27", CO), ("Paengnyong", "1953-07-27", UN), ("Punchbowl", "1953-07-27", UN),
    ("Pyonggang", "1953-07-27", CO), ("Pyongyang", "1953-07-27", CO), ("Sariwon", "1953-07-27", CO),
    ("Seoul", "1953-07-27", UN), ("Sokcho", "1953-07-27", UN), ("Tongduchon", "1953-07-27", UN),
    ("Uijongbu", "1953-07-27", UN), ("Wonsan", "1953-07-27", CO), ("Yanggu", "1953-07-27", UN),
    ("Yonan", "1953-07-27", CO), ("Yonchon", "1953-07-27", UN),
]


def test_independent_review() -> None:
    ch = chronology()
    wrong = []
    for town, day, side in REVIEW_CHECKS:
        got = ch.controller_at(day, *REVIEW_TOWNS[town])
        if got != side:
            wrong.append((town, day, side, got))
    assert not wrong, wrong
    assert len(REVIEW_CHECKS) >= 250


def test_citations_are_anchored_and_titles_plain() -> None:
    import re

    data = json.loads((GEODATA / "fronts.geojson").read_text(encoding="utf-8"))
    for feat in data["features"]:
        cites = feat["properties"]["citations"]
        assert cites, feat["id"]
        for c in cites:
            if "source" in c:
                assert len(c["quote"].split()) < 10, c
                assert isinstance(c["passage"], int) and c["passage"] >= 0, c
                assert re.fullmatch(r"[0-9a-f]{16}", c["fingerprint"]), c
            else:
                # books are cited by author, title and year: no unverified map or page numbers
                assert re.search(r"\(\d{4}\)$", c["title"]), c
                assert not re.search(r"\b(map|page|p\.)\s", c["title"], re.I), c
