import datetime as dt

import pytest

from explorer.state.viewstate import ViewState


def make():
    return ViewState(dt.date(1950, 6, 25), dt.date(1945, 8, 15), dt.date(1956, 12, 31))


def test_date_events_fire_once_per_change_and_clamp():
    vs = make()
    seen = []
    vs.events.date.connect(seen.append)
    vs.step_days(1)
    vs.date = dt.date(1950, 6, 26)  # unchanged: no event
    vs.date = dt.date(1900, 1, 1)
    assert seen == [dt.date(1950, 6, 26), dt.date(1945, 8, 15)]


def test_month_steps_keep_the_day_where_possible():
    vs = make()
    vs.date = dt.date(1951, 1, 31)
    vs.step_months(1)
    assert vs.date == dt.date(1951, 2, 28)
    vs.step_months(-2)
    assert vs.date == dt.date(1950, 12, 28)


def test_layers_and_romanization():
    vs = make()
    got = []
    vs.events.layers.connect(got.append)
    vs.set_layer("rivers", False)
    assert "rivers" not in vs.layers and got
    with pytest.raises(ValueError):
        vs.romanization = "klingon"
