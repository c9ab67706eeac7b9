"""Front records where they were thin: who held the named places on the recorded days.

Our own records (geodata/fronts_source.py), checked here against the dates the
histories give for the places (Appleman, Mossman, Hermes).
"""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from explorer.war.projection import to_xy


@pytest.mark.parametrize(("place", "day", "side"), [
    # Pusan perimeter, Bowling Alley sector: Tabu-dong held on the recorded days of late August.
    ("Tabu-dong", "1950-08-18", "UN"), ("Tabu-dong", "1950-08-25", "UN"), ("Tabu-dong", "1950-09-01", "UN"),
    # Sunchon reached by the Kunu-ri survivors on 1 December 1950.
    ("Sunchon", "1950-12-01", "UN"),
    # Old Baldy held from Operation Counter (June 1952) to late March 1953.
    ("Old Baldy", "1952-05-31", "COMMUNIST"), ("Old Baldy", "1952-06-30", "UN"),
    ("Old Baldy", "1953-02-28", "UN"), ("Old Baldy", "1953-03-31", "COMMUNIST"),
    # Pork Chop held through the April battle, given up on 11 July 1953.
    ("Pork Chop Hill", "1953-04-18", "UN"), ("Pork Chop Hill", "1953-07-11", "COMMUNIST"),
    ("Pork Chop Hill", "1953-07-27", "COMMUNIST"),
    # Outposts held to the end.
    ("Outpost Harry", "1953-06-18", "UN"), ("The Hook", "1953-05-31", "UN"),
    ("White Horse Hill", "1952-10-15", "UN"),
    # Triangle Hill and Sniper Ridge lay in front of the 1952 line.
    ("Triangle Hill", "1952-09-30", "COMMUNIST"), ("Sniper Ridge", "1952-09-30", "COMMUNIST"),
    ("Triangle Hill", "1952-11-20", "COMMUNIST"),
    # Kumsong itself stayed beyond the salient named after it.
    ("Kumsong", "1953-07-11", "COMMUNIST"), ("Kumsong", "1953-07-20", "COMMUNIST"),
])
def test_named_places_are_on_their_recorded_side(chronology, place, day, side):
    p = chronology.geodata.place(place)
    assert chronology.controller_at(day, p.lon, p.lat) == side


def test_the_triangle_hill_line_lies_close_south_of_the_hill(chronology):
    rec = chronology.state_at("1952-09-30")
    x, y = (float(v) for v in to_xy(127.475, 38.315))
    from shapely.geometry import LineString

    d = LineString(rec.front_xy).distance(Point(x, y))
    assert 500 < d < 2500


def test_chipyong_ni_is_a_perimeter_a_couple_of_kilometres_across(chronology):
    import datetime as dt

    rec = next(r for r in chronology.records if r.date == dt.date(1951, 2, 13))
    ring = next(r for r in rec.rings if "Chipyong" in r.name)
    from shapely.geometry import Polygon

    area_km2 = Polygon(ring.xy).area / 1e6
    assert 3 < area_km2 < 12
    x, y = (float(v) for v in to_xy(127.633, 37.467))
    assert Polygon(ring.xy).contains(Point(x, y))


def test_the_bypassed_forces_of_october_1950_are_a_zone_of_neither_side(chronology):
    import datetime as dt

    recs = [r for r in chronology.records if dt.date(1950, 10, 1) <= r.date <= dt.date(1950, 10, 26)]
    assert recs and all(any(z.kind == "bypassed" for z in r.zones) for r in recs)
    gap = next(r for r in chronology.records if r.date == dt.date(1950, 11, 21))
    assert any(z.kind == "gap" for z in gap.zones)
