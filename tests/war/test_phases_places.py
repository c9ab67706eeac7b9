"""Phases as the U.S. Army's campaigns, places that know their dates, and events
that put their markers where the gazetteer puts the place."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import pytest

from explorer.validate import check_phases
from explorer.war.chronology import load_phases
from explorer.war.geodata import GeoData
import itertools

ROOT = Path(__file__).resolve().parents[2]
EVENTS = json.loads((ROOT / "resources" / "events.json").read_text(encoding="utf-8"))["events"]

#: The U.S. Army's ten Korean War campaigns, names and dates as the Army lists them.
ARMY_CAMPAIGNS = [
    ("UN Defensive", "1950-06-27", "1950-09-15"),
    ("UN Offensive", "1950-09-16", "1950-11-02"),
    ("CCF Intervention", "1950-11-03", "1951-01-24"),
    ("First UN Counteroffensive", "1951-01-25", "1951-04-21"),
    ("CCF Spring Offensive", "1951-04-22", "1951-07-08"),
    ("UN Summer-Fall Offensive", "1951-07-09", "1951-11-27"),
    ("Second Korean Winter", "1951-11-28", "1952-04-30"),
    ("Korea, Summer-Fall 1952", "1952-05-01", "1952-11-30"),
    ("Third Korean Winter", "1952-12-01", "1953-04-30"),
    ("Korea, Summer 1953", "1953-05-01", "1953-07-27"),
]


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    k = math.pi / 180
    x = (lon2 - lon1) * k * math.cos(0.5 * (lat1 + lat2) * k)
    return 6371.0 * math.hypot(x, (lat2 - lat1) * k)


def test_the_war_years_are_the_armys_ten_campaigns() -> None:
    phases = load_phases(ROOT / "resources" / "phases.json")
    war = [p for p in phases if dt.date(1950, 6, 27) <= p.start <= dt.date(1953, 7, 27)]
    got = [(p.title, p.start.isoformat(), p.end.isoformat()) for p in war]
    assert got == ARMY_CAMPAIGNS


def test_phases_leave_no_day_of_the_war_unnamed() -> None:
    phases = load_phases(ROOT / "resources" / "phases.json")
    day = dt.date(1950, 6, 25)
    while day <= dt.date(1953, 7, 27):
        assert sum(p.start <= day <= p.end for p in phases) == 1, day
        day += dt.timedelta(days=7)
    assert phases[1].id == "invasion" and phases[1].start == dt.date(1950, 6, 25)
    for a, b in itertools.pairwise(phases):
        assert b.start == a.end + dt.timedelta(days=1), (a.id, b.id)


def test_every_phase_has_a_short_name_for_tight_spaces() -> None:
    for p in load_phases(ROOT / "resources" / "phases.json"):
        assert p.short and len(p.short) <= 24, p.id
        assert len(p.short_title) <= len(p.title)


def test_check_data_rejects_a_bad_short_name(tmp_path: Path) -> None:
    data = json.loads((ROOT / "resources" / "phases.json").read_text(encoding="utf-8"))
    data["phases"][2]["short"] = ""
    data["phases"][3]["short"] = "A name far too long to fit into a timeline band"
    path = tmp_path / "phases.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems, _ids = check_phases(path)
    text = "\n".join(str(p) for p in problems)
    assert "phase 'un-defensive': 'short' must be a non-empty string" in text
    assert "phase 'un-offensive': 'short' is for tight spaces" in text


def test_a_phase_without_a_short_name_falls_back_to_its_title(tmp_path: Path) -> None:
    data = json.loads((ROOT / "resources" / "phases.json").read_text(encoding="utf-8"))
    del data["phases"][0]["short"]
    path = tmp_path / "phases.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_phases(path)[0].short_title == "Divided Korea"
    assert check_phases(path)[0] == []


# --------------------------------------------------------------------------- places


@pytest.fixture(scope="module")
def geodata() -> GeoData:
    return GeoData.load(ROOT / "geodata")


@pytest.mark.parametrize("name", [
    "Kumsong", "Old Baldy", "The Hook", "Outpost Harry", "Sniper Ridge", "Triangle Hill",
    "Maryang-san", "Gloster Hill", "Yudam-ni", "Koto-ri", "Toktong Pass", "Funchilin Pass",
    "Sudong", "Chinhung-ni", "White Horse Hill",
])
def test_the_battlefields_are_in_the_gazetteer(geodata: GeoData, name: str) -> None:
    assert geodata.place(name).name == name


def test_unsan_and_bloody_ridge_are_where_they_were(geodata: GeoData) -> None:
    unsan = geodata.place("Unsan")
    assert _km(unsan.lon, unsan.lat, 125.82, 39.97) < 3
    ridge = geodata.place("Bloody Ridge")
    assert _km(ridge.lon, ridge.lat, 128.04, 38.25) < 2


@pytest.mark.parametrize(("name", "first_day"), [
    ("Heartbreak Ridge", "1951-09-13"), ("Punchbowl", "1951-08-31"), ("Bloody Ridge", "1951-08-18"),
    ("Pork Chop Hill", "1952-06-06"), ("Chipyong-ni", "1951-02-13"), ("Panmunjom", "1951-10-25"),
])
def test_battlefields_are_labelled_only_from_their_first_fighting(geodata: GeoData, name: str,
                                                                  first_day: str) -> None:
    place = geodata.place(name)
    day = dt.date.fromisoformat(first_day)
    assert not place.labelled_on(dt.date(1950, 6, 24))
    assert not place.labelled_on(day - dt.timedelta(days=1))
    assert place.labelled_on(day) and place.labelled_on(dt.date(1953, 7, 27))


def test_towns_are_labelled_throughout(geodata: GeoData) -> None:
    for name in ("Seoul", "Kaesong", "Chorwon", "Kumsong", "Unsan"):
        assert geodata.place(name).from_date is None


def test_a_bad_from_date_is_reported_and_the_place_kept(tmp_path: Path) -> None:
    for f in (ROOT / "geodata").glob("*.geojson"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    data = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))
    hook = next(f for f in data["features"] if f["properties"]["name"] == "The Hook")
    hook["properties"]["from"] = "26 Oct 1952"
    (tmp_path / "places.geojson").write_text(json.dumps(data), encoding="utf-8")
    gd = GeoData.load(tmp_path)
    assert any("places.geojson" in str(p) and "The Hook" in str(p) and "26 Oct 1952" in str(p)
               for p in gd.problems)
    assert gd.place("The Hook").from_date is None


def _gazetteer_names(place_name: str) -> list[str]:
    """The names an event place gives: itself, and the part in brackets."""
    m = re.match(r"^(.*?)\s*\((.*)\)$", place_name)
    return [m.group(1), m.group(2)] if m else [place_name]


def test_event_places_lie_at_their_gazetteer_namesake(geodata: GeoData) -> None:
    known = {p.name.casefold(): p for p in geodata.places}
    checked = 0
    for ev in EVENTS:
        place = ev.get("place")
        if not place:
            continue
        matches = [known[n.casefold()] for n in _gazetteer_names(place["name"]) if n.casefold() in known]
        if not matches:
            continue
        checked += 1
        best = min(_km(place["lon"], place["lat"], p.lon, p.lat) for p in matches)
        assert best <= 3.0, f"{ev['id']}: {place['name']} is {best:.1f} km from the gazetteer"
    assert checked >= 60


def test_battle_events_name_their_battlefield() -> None:
    by_id = {e["id"]: e for e in EVENTS}
    for eid, name in [("bloody-ridge", "Bloody Ridge"), ("heartbreak-ridge", "Heartbreak Ridge"),
                      ("battle-of-unsan", "Unsan"), ("kumsong-offensive", "Kumsong"),
                      ("triangle-hill", "Triangle Hill"), ("operation-commando", "Maryang-san")]:
        assert by_id[eid]["place"]["name"] == name


# --------------------------------------------------------------------------- event slips


def test_event_slips_are_fixed() -> None:
    by_id = {e["id"]: e for e in EVENTS}
    assert by_id["hungnam-evacuation"]["start"] == "1950-12-11"
    assert by_id["hungnam-evacuation"]["end"] == "1950-12-24"
    assert by_id["operation-ripper"]["end"] == "1951-03-31"
    assert "27,000" in by_id["rhee-releases-prisoners"]["summary"]
    assert "five hundred American officers and men" in by_id["us-troops-withdraw-1949"]["summary"]
    assert "7th Regiment" in by_id["chosan-reached"]["summary"]
    assert by_id["chinese-third-phase-offensive"]["title"] == "Chinese Third Phase Offensive"
    assert not any("New Year" in e["title"] for e in EVENTS)
