"""Playback goes on while an event's title is read: a beat on the event's day, the titles stacked on the banner."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtWidgets import QWidget


def test_the_banner_stacks_titles_and_each_leaves_when_its_time_is_up(qtbot):
    from explorer.qt.qt_date_card import QtEventBanner

    host = QWidget()
    host.resize(900, 600)
    qtbot.addWidget(host)
    host.show()
    banner = QtEventBanner(host)
    banner.show_text("Inchon landing", 0.4)
    banner.show_text("Seoul recaptured", 3.0)
    assert banner.lines == ["Inchon landing", "Seoul recaptured"] and banner.isVisible()
    one_line = banner.height()
    banner.show_text("MacArthur told he may operate north of the parallel", 3.0)
    # Two titles at once make a taller banner than one; at most three are up.
    assert len(banner.lines) == 3 and banner.height() > one_line
    banner.show_text("Fourth title", 3.0)
    assert banner.lines[0] == "Seoul recaptured" and len(banner.lines) == 3
    banner.clear()
    banner.show_text("Inchon landing", 0.3)
    banner.show_text("Seoul recaptured", 2.0)
    qtbot.waitUntil(lambda: banner.lines == ["Seoul recaptured"], timeout=2000)
    assert banner.isVisible()
    banner.clear()
    assert not banner.isVisible() and banner.text == ""


def test_playback_stops_only_a_beat_at_each_event_and_the_titles_stay_up_to_be_read(main_window, qtbot):
    from explorer.qt.qt_playback import EVENT_BEAT, reading_time

    win = main_window
    banner = win.time_controls.event_banner
    reached: list[tuple[list[str], float]] = []
    win.player.eventReached.connect(lambda evs, secs: reached.append(([e.title for e in evs], secs)))
    win.state.speed = 7.0
    # Three weeks of September 1950 with several events (Inchon, the breakout, Seoul...).
    first, last = dt.date(1950, 9, 14), dt.date(1950, 10, 4)
    win.player.set_range(first, last)
    win.state.date = first
    start = time.perf_counter()
    win.state.playing = True
    qtbot.waitUntil(lambda: win.state.date == last or not win.state.playing, timeout=30000)
    took = time.perf_counter() - start
    stacked = len(banner.lines)
    win.state.playing = False
    assert len(win.player.holds) >= 4
    # Each stop is a beat; each title was handed over with the time it takes to read it.
    assert all(pause <= EVENT_BEAT + 1e-9 for _d, pause in win.player.holds)
    assert all(abs(secs - reading_time(" ".join(titles))) < 1e-6 for titles, secs in reached)
    assert sum(secs for _t, secs in reached) > sum(p for _d, p in win.player.holds) + 3
    # Three weeks at a week a second with its stops: well under the sum of the reading times.
    assert took < 3 + sum(p for _d, p in win.player.holds) + 4, took
    assert stacked >= 1
    assert not banner.isVisible()  # taken down when playback stops


def test_a_loop_back_to_the_start_takes_down_the_titles_of_the_end(main_window, qtbot):
    win = main_window
    tc = win.time_controls
    events = {e.id: e for e in win.events}
    december = [e for e in win.events if e.start.year == 1950 and e.start.month == 12][:2]
    assert len(december) == 2
    for e in december:
        win.player.eventReached.emit([e], 5.0)
    assert tc.event_banner.lines == [e.title for e in december]
    # Two events of one day: one line each.
    june = [e for e in win.events if e.start == dt.date(1950, 6, 25)]
    assert len(june) >= 2 and "inchon-landing" in events
    win.player.eventReached.emit(june, 5.0)
    assert tc.event_banner.lines == [e.title for e in june][-3:]
