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

from explorer.model.chronology import Chronology

UN, CO = "UN", "COMMUNIST"
GEODATA = Path(__file__).resolve().parents[1] / "geodata"

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
