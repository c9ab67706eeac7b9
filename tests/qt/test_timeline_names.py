"""Every phase band of the timeline is named, readably, at every width and zoom (issue 17: no nameless band)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFontMetricsF

from explorer.state.viewstate import ViewState
from explorer.war.chronology import TIMELINE_END, TIMELINE_START

WIDTHS = (1024, 1280, 1600, 1920)
#: Spans shown: None is the default (whole) view.
SPANS = (
    None,
    (dt.date(1950, 6, 1), dt.date(1951, 7, 31)),    # the war of movement
    (dt.date(1950, 6, 15), dt.date(1950, 7, 20)),   # the invasion's two days and their neighbours
    (dt.date(1950, 6, 24), dt.date(1950, 6, 28)),   # a few days
    (dt.date(1950, 9, 1), dt.date(1950, 11, 30)),   # Inchon to the Chinese intervention
    (dt.date(1951, 6, 1), dt.date(1953, 8, 31)),    # the stalemate
    (dt.date(1945, 1, 1), dt.date(1960, 12, 31)),   # the war and the years around it
)


@pytest.fixture
def timeline(qtbot, chronology):
    from explorer.qt.qt_timeline import QtTimeline

    state = ViewState(dt.date(1950, 9, 15), TIMELINE_START, TIMELINE_END)
    tl = QtTimeline(state, chronology.phases)
    tl.set_events(chronology.events)
    qtbot.addWidget(tl)
    tl.show()
    qtbot.waitExposed(tl)
    return tl


def _shown(tl, ph) -> bool:
    tr = tl._track()
    x0, x1 = tl._x_of(ph.start.toordinal()), tl._x_of(ph.end.toordinal() + 1)
    return x1 >= tr.left() and x0 <= tr.right()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_band_is_named_in_full_or_by_its_short_name_and_no_names_overlap(timeline, width):
    tl = timeline
    fm = QFontMetricsF(tl._small_font())
    for span in SPANS:
        tl.resize(width, tl.sizeHint().height())
        tl.reset_zoom() if span is None else tl.fit(*span)
        tl.repaint()
        where = f"{width} px, span {span}"
        tr = tl._track()
        drawn = {n.phase_id: n for n in tl.phase_names_drawn}
        shown = [ph for ph in tl.phases if _shown(tl, ph)]
        assert shown, where
        for ph in shown:
            assert ph.id in drawn, f"{ph.id} has no name at {where}"
            n = drawn[ph.id]
            # Its own name, whole, perhaps on two lines: never an abbreviation nobody can read.
            assert " ".join(n.text.split("\n")) in (ph.title, ph.short), (where, ph.id, n.text)
            lines = n.text.split("\n")
            assert max(fm.horizontalAdvance(t) for t in lines) <= n.box.width() + 0.5, (where, ph.id)
            assert fm.height() * len(lines) <= n.box.height() + 0.5, (where, ph.id)
            # Inside the widget, and either inside the part of its band shown or in the row above the track.
            assert 0 <= n.box.left() and n.box.right() <= tl.width(), (where, ph.id, n.box)
            x0 = max(tl._x_of(ph.start.toordinal()), tr.left())
            x1 = min(tl._x_of(ph.end.toordinal() + 1), tr.right())
            if n.callout:
                assert 0 <= n.box.top() and n.box.bottom() <= tr.top(), (where, ph.id, n.box)
                # The leader starts at the band and the tag is not far from it.
                assert x0 - 0.5 <= n.anchor_x <= x1 + 0.5
                assert min(abs(n.box.left() - n.anchor_x), abs(n.box.right() - n.anchor_x),
                           0 if n.box.left() <= n.anchor_x <= n.box.right() else 1e9) <= 160, (where, ph.id)
            else:
                assert x0 - 0.5 <= n.box.left() and n.box.right() <= x1 + 0.5, (where, ph.id, n.box, x0, x1)
                assert tr.top() <= n.box.top() and n.box.bottom() <= tr.bottom(), (where, ph.id)
        for a, b in itertools.combinations(tl.phase_names_drawn, 2):
            assert not a.box.intersects(b.box), f"{a.phase_id} and {b.phase_id} overlap at {where}"


def test_the_invasion_is_named_at_the_default_zoom_and_the_date_keeps_clear_of_its_tag(timeline, qtbot):
    tl = timeline
    for width in (1280, 1920):
        tl.resize(width, tl.sizeHint().height())
        tl.reset_zoom()
        tl.repaint()
        drawn = {n.phase_id: n for n in tl.phase_names_drawn}
        invasion = drawn["invasion"]
        # Two days are a few pixels: the name is a callout beside the band, not in it.
        assert invasion.callout and invasion.text == "Invasion"
        tag = invasion.box
        # On the invasion's first day, the handle's head and date label leave the tag readable.
        tl.state.date = dt.date(1950, 6, 25)
        tl.repaint()
        x = tl.x_for_date(tl.state.date)
        assert not (tag.left() <= x - 7 <= tag.right() or tag.left() <= x + 7 <= tag.right())
        label_w = 110.0
        lx, covers = tl.date_label_place(x, label_w)
        assert not covers
        assert lx >= tag.right() or lx + label_w <= tag.left()
        # Just before it, the label goes to the side where it hides no tag.
        tl.state.date = dt.date(1950, 6, 10)
        x = tl.x_for_date(tl.state.date)
        lx, covers = tl.date_label_place(x, label_w)
        assert not covers and (lx + label_w <= tag.left() or lx >= tag.right())


def test_a_click_on_a_tag_goes_to_its_phase_and_a_double_click_fits_it(timeline, qtbot):
    from PySide6.QtCore import QPoint, Qt

    tl = timeline
    tl.resize(1280, tl.sizeHint().height())
    tl.reset_zoom()
    tl.repaint()
    tag = next(n for n in tl.phase_names_drawn if n.phase_id == "invasion")
    at = QPoint(round(tag.box.center().x()), round(tag.box.center().y()))
    assert "North Korean invasion" in tl.tip_at(at.x(), at.y())
    tl.state.date = dt.date(1951, 1, 1)
    qtbot.mouseClick(tl, Qt.MouseButton.LeftButton, pos=at)
    # The tag is beside its two-day band: the click goes to the invasion, not to the day under the mouse.
    assert tl.state.date == dt.date(1950, 6, 25)
    qtbot.mouseDClick(tl, Qt.MouseButton.LeftButton, pos=at)
    assert tl.view.first <= dt.date(1950, 6, 25) and tl.view.last >= dt.date(1950, 6, 26) and tl.view.days <= 4


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.sampled_from((900, 1024, 1280, 1920)), start=st.integers(0, 20000), log_days=st.floats(0.5, 4.3))
def test_any_span_names_every_band_without_overlaps(timeline, width, start, log_days):
    tl = timeline
    first = dt.date(1945, 1, 1) + dt.timedelta(days=start)
    last = min(first + dt.timedelta(days=int(10 ** log_days)), dt.date(1999, 12, 31))
    tl.resize(width, tl.sizeHint().height())
    tl.fit(first, last)
    tl._build_background()  # lays the names out as a paint does
    drawn = {n.phase_id: n for n in tl.phase_names_drawn}
    for ph in tl.phases:
        if _shown(tl, ph):
            assert ph.id in drawn and " ".join(drawn[ph.id].text.split("\n")) in (ph.title, ph.short), ph.id
    for a, b in itertools.combinations(tl.phase_names_drawn, 2):
        assert not a.box.intersects(b.box), (a.phase_id, b.phase_id)
