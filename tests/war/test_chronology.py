"""The model of the war: states, interpolation, territory, phases, who held what."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from shapely.geometry import Point

from explorer.war.chronology import WAR_END, WAR_START, Chronology, as_date
from explorer.war.projection import to_xy


def test_recorded_dates_span_the_war(chronology):
    dates = chronology.dates
    assert dates[0] == WAR_START and dates[-1] == WAR_END
    assert len(dates) >= 40
    assert all(a < b for a, b in zip(dates, dates[1:]))
    # A state every week or better in the war's first year.
    first_year = [d for d in dates if d <= dt.date(1951, 6, 30)]
    assert max((b - a).days for a, b in zip(first_year, first_year[1:])) <= 7


def test_state_on_a_recorded_date_is_that_record(chronology):
    s = chronology.state_at("1950-09-15")
    assert not s.interpolated and s.record is not None and s.status in ("documented", "inferred")
    assert s.between is None


def test_interpolated_state_lies_between_its_neighbours(chronology):
    dates = chronology.dates
    # Pick the longest gap in 1950 so the halfway day is well inside it.
    gaps = [(b - a, a, b) for a, b in zip(dates, dates[1:]) if a.year == 1950]
    _, a, b = max(gaps)
    mid = a + (b - a) / 2
    s = chronology.state_at(mid)
    assert s.interpolated and s.between == (a, b)
    assert "interpolated" in s.describe() and a.strftime("%B") in s.describe()
    ra, rb = chronology.record_on(a), chronology.record_on(b)
    # Halfway in time, the UN's share of the land lies between the two states' shares.
    sa = chronology.state_at(a).un_area_share
    sb = chronology.state_at(b).un_area_share
    assert min(sa, sb) - 0.02 <= s.un_area_share <= max(sa, sb) + 0.02
    # And the morphed UN territory holds all the land held at both records
    # and nothing held at neither (to within the morph grid's cell).
    korea = chronology.front_land
    both = korea.intersection(ra.un_side.intersection(rb.un_side))
    either = korea.intersection(ra.un_side.union(rb.un_side))
    land_now = korea.intersection(s.un_side)
    assert both.difference(land_now).area < 0.002 * both.area
    assert land_now.difference(either).area < 0.002 * either.area


def test_before_and_after_the_war(chronology):
    pre = chronology.state_at("1949-01-01")
    assert pre.status == "division" and pre.phase.id == "division"
    # Before the war the sides are the two Koreas across the 38th parallel.
    assert chronology.controller_at("1949-01-01", 126.98, 37.57) == "UN"        # Seoul
    assert chronology.controller_at("1949-01-01", 125.75, 39.02) == "COMMUNIST"  # Pyongyang
    post = chronology.state_at("1955-01-01")
    assert post.status == "armistice" and post.phase.id == "aftermath"
    assert chronology.controller_at("1955-01-01", 126.56, 37.97) == "COMMUNIST"  # Kaesong


def test_controller_at_sea_and_abroad_is_none(chronology):
    assert chronology.controller_at("1951-01-01", 124.5, 36.5) is None   # Yellow Sea
    assert chronology.controller_at("1951-01-01", 130.5, 38.0) is None   # Sea of Japan
    assert chronology.controller_at("1951-01-01", 124.39, 40.13) is None  # Dandong, China
    assert chronology.controller_at("1951-01-01", 131.9, 43.1) is None   # Vladivostok


def test_territories_partition_the_land(chronology):
    s = chronology.state_at("1951-01-15")
    korea = chronology.geodata.korea
    assert s.un_territory.area + s.communist_territory.area == pytest.approx(korea.area, rel=1e-6)
    x, y = (float(v) for v in to_xy(129.04, 35.10))
    assert s.un_territory.buffer(3000).contains(Point(x, y))


def test_phase_names_each_stage(chronology):
    assert chronology.phase_at("1950-06-25").id == "invasion"
    assert chronology.phase_at("1950-07-01").id == "un-defensive"
    assert chronology.phase_at("1950-10-01").id == "un-offensive"
    assert chronology.phase_at("1950-12-01").id == "ccf-intervention"
    assert chronology.phase_at("1952-06-01").id == "korea-summer-fall-1952"


def test_movements_are_loaded_and_dated(chronology):
    ids = {m.id for m in chronology.movements}
    assert {"inchon-landing", "hungnam-evacuation", "perimeter-breakout"} <= ids
    inchon = next(m for m in chronology.movements if m.id == "inchon-landing")
    assert inchon.active(dt.date(1950, 9, 15)) and not inchon.active(dt.date(1951, 9, 15))


def test_as_date_rejects_nonsense():
    assert as_date("1950-06-25") == dt.date(1950, 6, 25)
    with pytest.raises(ValueError):
        as_date("25/06/1950")


def test_broken_front_is_reported_and_the_rest_kept(tmp_path):
    """A hand-edited fronts file with one bad feature: that feature is dropped, named, and the rest work."""
    import json
    import shutil

    from explorer.core.paths import geodata_dir, resources_dir

    src = geodata_dir()
    dst = tmp_path / "geodata"
    shutil.copytree(src, dst)
    data = json.loads((dst / "fronts.geojson").read_text(encoding="utf-8"))
    data["features"][5]["properties"]["date"] = "1950-13-45"
    data["features"][7]["geometry"]["coordinates"][0][0] = [127.5, 38.0]  # an end on land
    (dst / "fronts.geojson").write_text(json.dumps(data), encoding="utf-8")
    c = Chronology.load(dst, resources_dir())
    msgs = [str(p) for p in c.problems]
    assert any("fronts.geojson" in m and "unparseable date" in m for m in msgs)
    assert any("must lie at sea" in m for m in msgs)
    assert len(c.dates) == len(data["features"]) - 2
    assert c.controller_at("1950-09-01", 129.04, 35.10) == "UN"
