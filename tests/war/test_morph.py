"""Territory that morphs between records: the invariant, the days teachers show, the finer status."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import shapely

from explorer.war.chronology import CHANGING, COMMUNIST, NEITHER, UN, Chronology
from explorer.war.projection import to_lonlat, to_xy

TOWNS = {
    "Seoul": (126.978, 37.566), "Inchon": (126.625, 37.470), "Kimpo": (126.795, 37.558),
    "Suwon": (127.015, 37.265), "Taejon": (127.385, 36.351),
}


@pytest.fixture(scope="module")
def land_grid(chronology):
    """Land points on a 0.1 degree grid (offset so that no point sits on a waypoint)."""
    lon, lat = np.meshgrid(np.arange(124.0137, 131.0, 0.1), np.arange(33.0171, 43.05, 0.1))
    x, y = to_xy(lon.ravel(), lat.ravel())
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    land = chronology.front_land
    shapely.prepare(land)
    keep = shapely.contains_xy(land, x, y)
    return x[keep], y[keep]


def _sides(ch: Chronology, days, x, y) -> np.ndarray:
    return np.array([ch.state_at(float(d)).sides_xy(x, y) for d in days])


def test_every_land_point_changes_side_at_most_once_between_records(chronology, land_grid):
    """The invariant, over a grid of the land and every day of the war."""
    x, y = land_grid
    assert len(x) > 2000
    ch = chronology
    wrong = []
    for a, b in zip(ch.records, ch.records[1:]):
        days = range(a.date.toordinal(), b.date.toordinal() + 1)
        sides = _sides(ch, days, x, y)
        # Recorded days are exactly the records.
        side_a = a.un_side
        shapely.prepare(side_a)
        exact = shapely.contains_xy(side_a, x, y)
        if ch.offshore is not None:
            exact |= shapely.dwithin(ch.offshore, shapely.points(x, y), 3000.0)
        assert np.array_equal(sides[0], exact), a.date
        flips = np.abs(np.diff(sides.astype(np.int8), axis=0)).sum(axis=0)
        bad = (flips > 1) | ((flips == 1) & (sides[0] == sides[-1]))
        if bad.any():
            wrong.append((a.date, b.date, int(bad.sum())))
    assert not wrong, wrong


def test_september_1950_beachhead_grows_into_seoul_and_the_south_west_turns_without_going_back(chronology):
    ch = chronology
    days = [dt.date(1950, 9, d) for d in range(22, 29)]
    # Inchon, Kimpo and Suwon stay UN through the week (the flip-flop on the 27th).
    for town in ("Inchon", "Kimpo", "Suwon"):
        assert all(ch.controller_at(d, *TOWNS[town]) == UN for d in days), town
    # Seoul falls to the UN once and stays; Taejon is UN only from the 28th.
    seoul = [ch.controller_at(d, *TOWNS["Seoul"]) for d in days]
    assert seoul[0] == COMMUNIST and seoul[-1] == UN
    assert seoul == sorted(seoul, key=lambda s: s == UN)
    taejon = [ch.controller_at(d, *TOWNS["Taejon"]) for d in days]
    assert taejon == [COMMUNIST] * 6 + [UN]
    # The UN share of the south (below 37.7 N) never shrinks from day to day.
    lon, lat = np.meshgrid(np.arange(125.8137, 129.6, 0.05), np.arange(34.3171, 37.7, 0.05))
    x, y = to_xy(lon.ravel(), lat.ravel())
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    land = ch.front_land
    shapely.prepare(land)
    keep = shapely.contains_xy(land, x, y)
    x, y = x[keep], y[keep]
    sides = _sides(ch, [d.toordinal() for d in days], x, y)
    assert np.all(sides[1:] >= sides[:-1]), "a point of the south went back to the communist side"
    # The south-west (below 36.5 N, west of 127.5 E) turns: mostly communist on the 23rd, all UN on the 28th.
    sw_lon, sw_lat = np.asarray(lon.ravel()[keep]), np.asarray(lat.ravel()[keep])
    sw = (sw_lat < 36.5) & (sw_lon < 127.5)
    assert sides[1][sw].mean() < 0.3 and sides[-1][sw].mean() > 0.95


def test_kumsong_gives_no_ground_before_the_chinese_attack(chronology):
    ch = chronology
    before = ch.record_on("1953-07-11")
    assert before is not None
    x, y = to_xy(*np.meshgrid(np.arange(127.40, 127.90, 0.01), np.arange(38.25, 38.50, 0.01)))
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    held = ch.state_at("1953-07-11").sides_xy(x, y)
    for day in ("1953-07-12", "1953-07-13"):
        assert np.array_equal(ch.state_at(day).sides_xy(x, y), held), day
    # The attack of the night of the 13th shows on the 14th, and has taken ground by the 16th.
    assert ch.state_at("1953-07-14").sides_xy(x, y).sum() < held.sum()
    assert ch.state_at("1953-07-16").sides_xy(x, y).sum() < ch.state_at("1953-07-14").sides_xy(x, y).sum()


def test_fractional_days_move_smoothly_and_agree_with_ordinals(chronology):
    ch = chronology
    day = dt.date(1950, 9, 26)
    shares = [ch.state_at(day, f).un_area_share for f in (0.0, 0.25, 0.5, 0.75)]
    shares.append(ch.state_at(day + dt.timedelta(days=1)).un_area_share)
    assert all(a <= b + 1e-9 for a, b in zip(shares, shares[1:]))
    assert shares[0] < shares[2] < shares[-1]
    assert ch.state_at(day.toordinal() + 0.5).un_area_share == pytest.approx(shares[2])
    assert ch.state_at(day, 0.5).date == day


def test_recorded_day_is_exactly_its_record(chronology):
    rec = chronology.record_on("1950-09-26")
    s = chronology.state_at("1950-09-26")
    assert s.record is rec and s.frame is None
    assert s.un_side.equals(rec.un_side)


def test_a_zone_held_by_neither_side_and_the_finer_status(chronology):
    ch = chronology
    gap = (126.75, 39.95)   # the Taebaek mountains between Eighth Army and X Corps
    st = ch.status_at("1950-11-25", *gap)
    assert st is not None and st.kind == NEITHER and st.zone is not None
    assert "Eighth Army" in st.zone.label and "neither side" in st.describe()
    # controller_at keeps its contract there.
    assert ch.controller_at("1950-11-25", *gap) in (UN, COMMUNIST)
    assert [z.name for z in ch.zones_on("1950-11-26")] == ["taebaek-gap"]
    # The gap lay open from the 7th Division's arrival on the Yalu (record of 21 November).
    assert [z.name for z in ch.zones_on("1950-11-23")] == ["taebaek-gap"]
    assert ch.zones_on("1950-11-27") == () and ch.zones_on("1950-11-20") == ()
    # Ground changing hands on a day between records, with the two dates.
    state = ch.state_at("1950-09-24")
    assert state.changing is not None and state.changing.area > 1e9
    lon, lat = to_lonlat(*state.changing.representative_point().coords[0])
    st = ch.status_at("1950-09-24", float(lon), float(lat))
    assert st is not None and st.kind == CHANGING
    assert st.between == (dt.date(1950, 9, 22), dt.date(1950, 9, 26))
    assert "22 September 1950" in st.describe() and "26 September 1950" in st.describe()
    # Held at both records: not changing.
    assert ch.status_at("1950-09-24", *TOWNS["Inchon"]).kind == UN
    # At sea: nothing.
    assert ch.status_at("1950-09-24", 124.0, 36.0) is None


def test_morph_fields_of_the_whole_war_stay_small(chronology):
    """Every pair's fields are built in the background (a jump anywhere is then quick), in bounded memory."""
    ch = chronology
    thread = ch.prepare_morphs_in_background()
    thread.join(timeout=600)
    assert not thread.is_alive()
    assert len(ch._morphs) == len(ch.records) - 1 <= ch.MORPH_CACHE_PAIRS
    assert sum(m.nbytes for m in ch._morphs.values()) < 32 * 2**20
    # A jump to a day of any pair now costs a contour, not a field.
    import time

    day = dt.date(1951, 3, 3)
    t0 = time.perf_counter()
    ch._cache.clear()
    ch.state_at(day, 0.5)
    assert time.perf_counter() - t0 < 0.5


def test_morph_fields_are_read_back_from_the_disk_cache(tmp_path, monkeypatch):
    """Built once, the fields of every pair come back from the cache on the next start, unchanged."""
    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))
    first = Chronology.load()
    first.prepare_morphs()
    assert any(p.name.startswith("morphs-") for p in tmp_path.iterdir())
    second = Chronology.load()
    assert not second._morphs
    second.prepare_morphs()
    assert len(second._morphs) == len(second.records) - 1
    day = dt.date(1950, 9, 27).toordinal()
    a, b = first.state_at(float(day)), second.state_at(float(day))
    assert a.un_area_share == pytest.approx(b.un_area_share)
    assert second.controller_at("1950-09-27", *TOWNS["Seoul"]) == UN


def test_fields_read_from_the_disk_cache_are_kept_for_a_few_pairs_only_and_draw_the_same_fronts(tmp_path,
                                                                                              monkeypatch):
    """On a later start the fields stay in the cache file: a pair reads its own when drawn, memory keeps
    the last few pairs used, and every day of every pair is the territory the built fields give."""
    from explorer.war import morph as morph_module

    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))
    built = Chronology.load()
    built.prepare_morphs()
    again = Chronology.load()
    again.prepare_morphs()
    assert sum(m.nbytes for m in again._morphs.values()) < 3 * 2**20   # built: about 16 MB
    days = [r.date.toordinal() + 0.5 * (n.date - r.date).days for r, n in zip(built.records, built.records[1:])]
    for day in days:
        a, b = built.state_at(day), again.state_at(day)
        assert len(a.frame.fill_rings) == len(b.frame.fill_rings)
        for ra, rb in zip(a.frame.fill_rings, b.frame.fill_rings):
            np.testing.assert_array_equal(ra, rb)
    kept = [m for m in again._morphs.values() if m._loaded is not None]
    assert 0 < len(kept) <= morph_module.RESIDENT_PAIRS
    assert sum(m.nbytes for m in again._morphs.values()) < 3 * 2**20


def test_fields_come_right_when_the_cache_file_is_cut_short_under_the_app(tmp_path, monkeypatch):
    """Another copy of the app may replace the cache file while this one runs: a pair whose fields
    cannot be read back makes them again, and the map is the same."""
    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))
    built = Chronology.load()
    built.prepare_morphs()
    again = Chronology.load()
    again.prepare_morphs()
    (path,) = [p for p in tmp_path.iterdir() if p.name.startswith("morphs-")]
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    for day in (dt.date(1950, 9, 20), dt.date(1951, 2, 10), dt.date(1953, 7, 1)):
        a, b = built.state_at(day, 0.5), again.state_at(day, 0.5)
        assert b.un_area_share == pytest.approx(a.un_area_share, abs=1e-12)
        assert again.controller_at(day, *TOWNS["Seoul"]) == built.controller_at(day, *TOWNS["Seoul"])


def test_the_pairs_an_animation_crosses_are_built_on_two_threads_and_cached_once_all_are(tmp_path, monkeypatch):
    """An animation builds the morphs of the days it shows (on two threads), and the same fields
    as one thread would; once every pair is built they go to the disk cache for the next start."""
    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))
    ch = Chronology.load()
    pairs = ch.pairs_between("1950-09-20", "1950-10-10")
    # Every record pair a day of that span falls in, and no other.
    days = [dt.date(1950, 9, 20) + dt.timedelta(days=k) for k in range(21)]
    dates = [r.date for r in ch.records]
    inside = {max(i for i, d0 in enumerate(dates[:-1]) if d0 <= d) for d in days}
    assert inside <= set(pairs) and len(pairs) <= len(inside) + 1
    ch.prepare_morphs(pairs=pairs, workers=2)
    assert set(ch._morphs) == set(pairs)
    assert not any(p.name.startswith("morphs-") for p in tmp_path.iterdir())  # not all pairs yet
    one = Chronology.load()
    for i in pairs:
        one.pair_morph(i)
    for d in days:
        assert ch.state_at(d, 0.5).un_area_share == pytest.approx(one.state_at(d, 0.5).un_area_share)
    ch.prepare_morphs(pairs=ch.pairs_between(ch.records[0].date, ch.records[-1].date), workers=2)
    assert len(ch._morphs) == len(ch.records) - 1
    assert any(p.name.startswith("morphs-") for p in tmp_path.iterdir())


def test_building_the_morphs_stops_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))  # nothing cached: every pair to build

    class Stop:
        calls = 0

        def is_set(self):
            self.calls += 1
            return self.calls > 3

    ch = Chronology.load()
    ch.prepare_morphs(stop=Stop(), workers=1)
    assert 0 < len(ch._morphs) < len(ch.records) - 1
    assert not any(tmp_path.iterdir()) or not any(p.name.startswith("morphs-") for p in tmp_path.iterdir())


def test_frames_of_many_pairs_in_turn_are_contoured_on_their_own_grids(chronology):
    """Frames are contoured on node grids kept for the last few pairs: taking pairs in turn
    (more than are kept, then back) gives each pair's own front, as contouring its grid anew does."""
    import contourpy

    pairs = [i for i in range(len(chronology.records) - 1)
             if chronology.pair_morph(i).values_a is not None][:7]
    assert len(pairs) == 7
    for rnd in range(2):
        for i in pairs if rnd == 0 else reversed(pairs):
            m = chronology.pair_morph(i)
            day = m.a_day + 0.37 * (m.b_day - m.a_day)
            got = m.frame(day)
            if got.exact is not None:
                continue
            values = m.values_a.astype(np.float32) + np.float32(got.s) * m.delta.astype(np.float32)
            if m.weights and m.town_weight_total is not None:
                field = (1.0 - m.town_weight_total) * np.float32(got.s)
                for (wgt, _, _), ts in zip(m.weights, got.town_s or ()):
                    field = field + wgt * np.float32(ts)
                values = m.values_a.astype(np.float32) + field * m.delta.astype(np.float32)
            gen = contourpy.contour_generator(m.xs, m.ys, values, name="serial", quad_as_tri=True,
                                              line_type="Separate")
            want = [ln for ln in gen.lines(0.0) if len(ln) >= 2]
            drawn = got.lines[len(m.outside_lines):]
            assert len(drawn) == len(want) and all(np.array_equal(a, b) for a, b in zip(drawn, want)), i


def test_a_process_that_exits_while_the_morphs_are_built_waits_for_the_pair_under_way():
    """Leaving the window while the first start builds the morph fields: the build stops after its
    pair, and the process exits only then (a thread left inside GEOS can abort the exit)."""
    import os
    import subprocess
    import sys
    import time

    child = (
        "import atexit, sys, time\n"
        "from explorer.war.chronology import Chronology\n"
        "ch = Chronology.load()\n"
        "atexit.register(lambda: print('alive at exit', ch.morphs_building(), flush=True))\n"
        "ch.prepare_morphs_in_background()\n"
        "time.sleep(0.3)\n"
        "print('building', ch.morphs_building(), len(ch._morphs), flush=True)\n"
        "sys.exit(0)\n"
    )
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, KWE_CACHE_DIR=""))
    took = time.perf_counter() - t0
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.split("\n")
    assert lines[0].startswith("building True")   # (still at work when asked to exit)
    assert "alive at exit False" in done.stdout
    assert int(lines[0].split()[2]) < 113 and took < 60


def test_a_days_hatches_come_without_contouring_its_morph(tmp_path, monkeypatch):
    """What the window renders ahead for each pair of records (the hatch of ground changing hands,
    the zones) is the day's own, and costs no contour and no read of the pair's fields."""
    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))
    Chronology.load().prepare_morphs()   # (written to the cache)
    ch = Chronology.load()
    ch.prepare_morphs()
    days = [r.date.toordinal() + 1.0 for r, n in zip(ch.records, ch.records[1:]) if (n.date - r.date).days >= 2]
    for day in days:
        light = ch.hatches_at(day)
        assert light.frame is not None and not light.frame.fill_rings and not light.frame.lines
    assert all(m._loaded is None for m in ch._morphs.values())   # no field was read
    assert not ch._cache                                          # nor any state kept
    for day in days[::9]:
        light, full = ch.hatches_at(day), ch.state_at(day)
        assert light.frame.pair is full.frame.pair and light.frame.pair.changing.equals(full.frame.pair.changing)
        assert (light.previous, light.next_record, light.zones, light.status) == (
            full.previous, full.next_record, full.zones, full.status)
        assert ch.hatches_at(day) is full   # a day already drawn is given whole
