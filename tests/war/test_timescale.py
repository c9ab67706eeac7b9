import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.war.chronology import TIMELINE_END, TIMELINE_START, WAR_END, WAR_START
from explorer.war.timescale import Stretch, TimeScale, default_scale


def test_war_takes_most_of_the_width():
    s = default_scale()
    war = s.to_fraction(WAR_END + dt.timedelta(days=1)) - s.to_fraction(WAR_START)
    assert war == pytest.approx(0.8, abs=0.01)
    moving = s.to_fraction(dt.date(1951, 7, 10)) - s.to_fraction(dt.date(1950, 6, 1))
    assert moving >= 0.5
    # a day of war is wider than a day of peace
    assert s.to_fraction(dt.date(1951, 1, 2)) - s.to_fraction(dt.date(1951, 1, 1)) > \
        5 * (s.to_fraction(dt.date(1947, 1, 2)) - s.to_fraction(dt.date(1947, 1, 1)))


@given(st.dates(min_value=TIMELINE_START, max_value=TIMELINE_END))
def test_round_trip_every_day(d):
    s = default_scale()
    f0 = s.to_fraction(d)
    f1 = s.to_fraction(d + dt.timedelta(days=1)) if d < TIMELINE_END else 1.0
    assert s.from_fraction((f0 + f1) / 2) == d


def test_monotonic_and_widen():
    s = default_scale()
    fr = [s.to_fraction(TIMELINE_START + dt.timedelta(days=k)) for k in range(0, 4000, 10)]
    assert fr == sorted(fr)
    wide = s.widen(0, 4.0)
    assert wide.to_fraction(WAR_START) > s.to_fraction(WAR_START)


def test_rejects_gaps():
    with pytest.raises(ValueError):
        TimeScale([Stretch(dt.date(1950, 1, 1), dt.date(1950, 1, 31), 1),
                   Stretch(dt.date(1950, 2, 2), dt.date(1950, 3, 1), 1)])


def test_view_zooms_around_a_point_and_keeps_it():
    from explorer.war.timescale import TimeView

    v = TimeView(default_scale())
    d = dt.date(1950, 9, 15)
    p = v.position(d)
    z = v.zoomed(8.0, around=p)
    assert z.position(d) == pytest.approx(p, abs=1e-9)
    assert z.days < v.days / 4
    # Zoomed all the way in: a few days, never fewer than MIN_DAYS.
    for _ in range(60):
        z = z.zoomed(2.0, around=z.position(d))
    assert 3.9 <= z.days <= 8 and z.first <= d <= z.last
    # All the way out: the whole 1945-1999 scale.
    for _ in range(80):
        z = z.zoomed(0.5)
    assert z.full and z.first == TIMELINE_START and z.last == TIMELINE_END


def test_view_fits_pans_and_follows():
    from explorer.war.timescale import TimeView

    v = TimeView(default_scale()).fitted(dt.date(1950, 9, 15), dt.date(1950, 10, 24))
    assert v.first < dt.date(1950, 9, 15) and v.last > dt.date(1950, 10, 24)
    assert v.days < 50
    later = v.panned(0.5)
    assert later.first > v.first
    assert later.panned(-10).first == TIMELINE_START
    f = v.following(dt.date(1952, 1, 1))
    assert f.first <= dt.date(1952, 1, 1) <= f.last and f.hi - f.lo == pytest.approx(v.hi - v.lo)


@given(st.floats(0.0, 1.0), st.floats(0.01, 1.0))
def test_view_round_trip(lo, w):
    from explorer.war.timescale import TimeView

    v = TimeView(default_scale())._clamped(lo, lo + w)
    d = v.date_at(0.5)
    assert v.position(d) <= 0.5 + 1e-9 <= v.position(d + dt.timedelta(days=1)) + 1e-9
