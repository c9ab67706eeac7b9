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
