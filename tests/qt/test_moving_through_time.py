"""Issue 17: a timeline that zooms, events found by name, playback a viewer can follow, the keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _wheel(widget, x: float, y: float, notches: float, mods=Qt.KeyboardModifier.NoModifier) -> None:
    pos = QPointF(x, y)
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, int(120 * notches)),
                     Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


@pytest.fixture
def win(main_window, qtbot):
    """The window at 1280x800, active, the timeline at its default view."""
    main_window.resize(1280, 800)
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    main_window.timeline.setFocus()
    qtbot.waitUntil(main_window.timeline.hasFocus)
    main_window.timeline.repaint()
    return main_window


# ---------------------------------------------------------------------- the timeline


def test_default_view_gives_the_war_of_movement_half_the_bar_and_names_every_phase(win):
    tl = win.timeline
    assert tl.view.full and tl.width() >= 1200
    share = (tl.x_for_date(dt.date(1951, 7, 31)) - tl.x_for_date(dt.date(1950, 6, 1))) / tl._track().width()
    assert share >= 0.5
    names = dict(tl.phase_labels)

    def width(ph):
        return tl.x_for_date(ph.end) - tl.x_for_date(ph.start) + 1

    # Never a nameless band where a letter fits (a band of two days, 4 px, is named by its tooltip
    # and by the zoom).
    assert {ph.id for ph in tl.phases if width(ph) >= 10} <= set(names)
    assert all(names.values())
    # Month ticks in 1950 (there were none), and marks a few pixels apart are clustered.
    months = [d for level, d, _x, label in tl.ticks if level == "month" and label and d.year == 1950]
    assert len(months) >= 5
    assert any(len(evs) > 1 for *_xs, evs in tl.clusters)


def test_wheel_zooms_around_the_cursor_from_days_to_the_whole_timeline(win, qtbot):
    tl = win.timeline
    y = tl._track().center().y()
    x = tl.x_for_date(dt.date(1950, 9, 15))
    under = tl.date_at_x(x)
    _wheel(tl, x, y, 2)
    assert not tl.view.full
    assert abs((tl.date_at_x(x) - under).days) <= 1
    for _ in range(20):
        _wheel(tl, x, y, 2)
    assert 3.9 <= tl.view.days <= 8
    tl.repaint()
    day_labels = [label for level, _d, _x, label in tl.ticks if level in ("day", "week") and label]
    assert len(day_labels) >= 4
    assert win.state.timeline_span is not None
    for _ in range(40):
        _wheel(tl, x, y, -2)
    assert tl.view.full and win.state.timeline_span is None


def test_from_a_fresh_start_the_mouse_alone_reads_every_phase_and_lands_on_a_day_in_september(win, qtbot):
    """The issue's "done when": 1280x800, invasion to Chinese intervention, every name read, a day chosen."""
    tl = win.timeline
    y = int(tl._track().center().y())
    _wheel(tl, tl.x_for_date(dt.date(1950, 9, 20)), y, 2)
    tl.repaint()
    names = dict(tl.phase_labels)
    # Every phase from the invasion to the Chinese intervention is named in full (or by its short name).
    crossed = [ph for ph in tl.phases if ph.start <= dt.date(1950, 11, 30) and ph.end >= dt.date(1950, 6, 25)
               and tl.x_for_date(ph.end) - tl.x_for_date(ph.start) > 40]
    assert len(crossed) >= 3
    for ph in crossed:
        assert names[ph.id] in (ph.title, getattr(ph, "short", None)), (ph.id, names.get(ph.id))
    start = QPoint(round(tl.x_for_date(dt.date(1950, 7, 10))), y)  # in the invasion's band
    target = dt.date(1950, 9, 20)
    end = QPoint(round(tl.x_for_date(target)), y)
    assert tl.x_for_date(target + dt.timedelta(days=1)) - tl.x_for_date(target) >= 3  # a day is wide enough
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=start)
    assert win.state.date == dt.date(1950, 7, 10)
    qtbot.mouseMove(tl, QPoint((start.x() + end.x()) // 2, y))
    qtbot.mouseMove(tl, end)
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=end)
    assert win.state.date == target


def test_dragging_the_ticks_pans_and_a_double_click_fits_a_phase(win, qtbot):
    tl = win.timeline
    y = int(tl._track().center().y())
    qtbot.mouseDClick(tl, Qt.MouseButton.LeftButton, pos=QPoint(round(tl.x_for_date(dt.date(1951, 3, 1))), y))
    assert tl.view.first <= dt.date(1951, 1, 25) and tl.view.last >= dt.date(1951, 4, 21)
    assert tl.view.days < 110
    first, date = tl.view.first, win.state.date
    ky = int(tl.ticks_rect().center().y())
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=QPoint(800, ky))
    qtbot.mouseMove(tl, QPoint(700, ky))
    qtbot.mouseMove(tl, QPoint(500, ky))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(500, ky))
    assert tl.view.first > first + dt.timedelta(days=10)
    assert win.state.date == date  # panning does not move the date
    # The overview strip: a double-click shows everything again.
    oy = int(tl.overview_rect().center().y())
    qtbot.mouseDClick(tl, Qt.MouseButton.LeftButton, pos=QPoint(400, oy))
    assert tl.view.full


def test_clustered_marks_split_when_zoomed(win):
    tl = win.timeline

    def cluster_of(event_id):
        return next(evs for *_xs, evs in tl.clusters if any(e.id == event_id for e in evs))

    assert len(cluster_of("inchon-landing")) > 1
    tl.fit(dt.date(1950, 9, 10), dt.date(1950, 9, 20))
    tl.repaint()
    assert [e.id for e in cluster_of("inchon-landing")] == ["inchon-landing"]


def test_the_zoom_is_remembered(qtbot, chronology, settings_dir):
    from explorer.qt.main_window import MainWindow

    first = MainWindow(chronology, dt.date(1950, 9, 15))
    qtbot.addWidget(first)
    first.timeline.fit(dt.date(1950, 9, 1), dt.date(1950, 10, 31))
    span = first.state.timeline_span
    first.close()
    again = MainWindow(chronology, dt.date(1950, 9, 15))
    qtbot.addWidget(again)
    assert again.state.timeline_span == span
    assert abs((again.timeline.view.first - span[0]).days) <= 1
    assert abs((again.timeline.view.last - span[1]).days) <= 1
    again.close()


def test_the_date_follows_into_view_when_it_leaves_the_zoomed_span(win):
    tl = win.timeline
    tl.fit(dt.date(1950, 9, 1), dt.date(1950, 9, 30))
    win.state.date = dt.date(1951, 2, 13)
    assert tl.view.first <= dt.date(1951, 2, 13) <= tl.view.last


# ---------------------------------------------------------------------- events by name




def test_ctrl_g_goes_to_an_event_by_name_and_gives_the_keyboard_back(win, qtbot):
    seen = {}

    def fill() -> None:
        dlg = win.goto_dialog
        completer = dlg.edit.completer()
        completer.setCompletionPrefix("Chos")
        seen["completion"] = [completer.completionModel().index(i, 0).data()
                              for i in range(completer.completionCount())]
        dlg.edit.setText("Inchon")
        seen["hint"] = dlg.hint.text()
        dlg.accept()

    QTimer.singleShot(50, fill)
    qtbot.keyClick(win.timeline, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert win.state.date == dt.date(1950, 9, 15)
    assert "MacArthur's landing at Inchon" in seen["hint"]
    assert any("Chosin" in c for c in seen["completion"])
    qtbot.waitUntil(lambda: win.focusWidget() is win.timeline)
    qtbot.keyClick(win.timeline, Qt.Key.Key_Right)
    assert win.state.date == dt.date(1950, 9, 16)


def test_events_panel_finds_by_name_and_limits_next_event_to_the_kinds_ticked(win, qtbot):
    panel = win.time_controls.events_panel
    win.time_controls.events_dock.show()
    panel.search.setText("Chosin")
    assert [e.id for e in panel.shown()] == ["chosin-reservoir"]
    panel.list.setCurrentRow(0)
    assert win.state.date == dt.date(1950, 11, 27)
    panel.search.setText("")
    panel.set_kinds({"battle"})
    assert {e.kind for e in panel.shown()} == {"battle"}
    assert win.timeline.kinds == {"battle"} and win.player.kinds == {"battle"}
    win.state.date = dt.date(1950, 6, 25)
    win.next_event_action.trigger()
    assert win.state.date == dt.date(1950, 6, 28)  # Seoul falls; not the diplomatic 27 June
    panel.set_kinds(set(panel.kind_boxes))
    win.state.date = dt.date(1950, 6, 25)
    win.next_event_action.trigger()
    assert win.state.date == dt.date(1950, 6, 27)


# ---------------------------------------------------------------------- playback


def test_a_range_plays_and_loops_at_a_week_a_second_pausing_at_events(win, qtbot, monkeypatch):
    from explorer.qt import qt_playback

    monkeypatch.setattr(qt_playback, "reading_time", lambda text: 0.3)
    banners = []
    win.player.eventReached.connect(lambda evs, secs: banners.append(win.time_controls.event_banner.text))
    win.playback.speed.setCurrentIndex(2)
    assert win.state.speed == 7
    win.player.set_range(dt.date(1950, 9, 10), dt.date(1950, 9, 30))
    assert win.playback.start_edit.text() == "10 September 1950"
    win.time_controls.loop_action.trigger()
    assert win.playback.loop.isChecked() and win.player.loop
    seen: list[dt.date] = []
    win.player.frameAdvanced.connect(seen.append)
    win.state.date = dt.date(1950, 9, 12)
    win.state.playing = True
    qtbot.waitUntil(lambda: dt.date(1950, 9, 30) in seen and seen[-1] < dt.date(1950, 9, 20), timeout=20000)
    win.state.playing = False
    assert min(seen) >= dt.date(1950, 9, 10) and max(seen) == dt.date(1950, 9, 30)
    assert any("Inchon" in b for b in banners)
    held_days = [d for d, _s in win.player.holds]
    assert dt.date(1950, 9, 15) in held_days
    # Looping back, the first day's events are shown too.
    assert held_days.count(dt.date(1950, 9, 15)) >= 1
    # The card said what was happening on the day playback paused at.
    assert not win.time_controls.event_banner.isVisible()  # hidden when playback stops


def test_shift_drag_on_the_timeline_and_typed_from_to_choose_the_range(win, qtbot):
    tl = win.timeline
    y = int(tl._track().center().y())
    a = QPoint(round(tl.x_for_date(dt.date(1950, 7, 1))), y)
    b = QPoint(round(tl.x_for_date(dt.date(1950, 12, 1))), y)
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, a)
    qtbot.mouseMove(tl, b)
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, b)
    first, last = win.player.range
    assert abs((first - dt.date(1950, 7, 1)).days) <= 1 and abs((last - dt.date(1950, 12, 1)).days) <= 1
    assert tl.play_range == win.player.range
    pb = win.playback
    pb.start_edit.setText("Inchon")
    pb.end_edit.setText("1 October 1950")
    pb.end_edit.editingFinished.emit()
    assert win.player.range == (dt.date(1950, 9, 15), dt.date(1950, 10, 1))
    pb.clear_range.click()
    assert win.player.range is None and tl.play_range is None


def test_the_date_card_says_what_is_happening_and_keeps_the_detail_for_the_hover(win, qtbot):
    win.state.date = dt.date(1950, 9, 15)
    assert "Inchon" in win.date_card.lines[2]
    assert "documented front" in win.date_card.toolTip()
    for d in (dt.date(1950, 8, 20), dt.date(1952, 3, 10), dt.date(1951, 10, 1)):
        win.state.date = d
        assert not win.date_card.lines[2].startswith("Front interpolated")
    assert "interpolated" in win.front_label.text() or "Front of" in win.front_label.text()


def test_the_date_card_and_the_timeline_date_box_look_as_drawn_in_place_while_scrubbing(win, qtbot):
    """The card's translucent rounded ground and the timeline's outlined date box are painted from
    pixmaps made once per size: the card shows the map through its ground and at its rounded
    corners, exactly as a rounded rectangle drawn in place, on every day of a scrub."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from explorer.qt import qt_paint
    from explorer.qt.qt_date_card import _BACKGROUND

    card = win.date_card
    for d in (dt.date(1950, 9, 20), dt.date(1951, 1, 10), dt.date(1952, 10, 8)):
        win.state.date = d
        qtbot.waitUntil(lambda: not win.canvas.has_pending_draw())
        # The card over a plain dark ground, and the same card's ground drawn in place over it.
        w, h = card.width(), card.height()
        shown = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        shown.fill(QColor(40, 60, 80))
        p = QPainter(shown)
        p.drawPixmap(0, 0, qt_paint.rounded_box(w, h, 6, _BACKGROUND))
        p.end()
        direct = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        direct.fill(QColor(40, 60, 80))
        p = QPainter(direct)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_BACKGROUND)
        p.drawRoundedRect(QRectF(0, 0, w, h), 6, 6)
        p.end()
        for x, y in ((0, 0), (w - 1, h - 1), (w // 2, h // 2), (3, h // 2), (w // 2, 1)):
            a, b = QColor(shown.pixel(x, y)), QColor(direct.pixel(x, y))
            assert max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 2, (d, x, y)
        assert QColor(shown.pixel(0, 0)).red() == 40          # a rounded corner shows the ground
        assert QColor(shown.pixel(w // 2, h // 2)).red() > 180  # the translucent white ground
        # The window shows it: the card's middle is light over the (darker) map.
        grab = card.grab().toImage()
        assert QColor(grab.pixel(w - 4, h // 2)).lightness() > 180
    # The pixmaps are made once per size and colours, not once per step.
    before = qt_paint._box.cache_info().misses
    for k in range(10):
        win.state.date = dt.date(1951, 3, 1) + dt.timedelta(days=k % 2)
        qtbot.waitUntil(lambda: not win.canvas.has_pending_draw())
        card.repaint()
        win.timeline.repaint()
    assert qt_paint._box.cache_info().misses - before <= 4


# ---------------------------------------------------------------------- keyboard and focus


def test_space_on_a_focused_check_box_ticks_it_and_does_not_play(win, qtbot):
    loop = win.playback.loop
    loop.setFocus()
    qtbot.waitUntil(loop.hasFocus)
    before = loop.isChecked()
    qtbot.keyClick(loop, Qt.Key.Key_Space)
    assert loop.isChecked() != before
    assert not win.state.playing
    # On the timeline, Space plays.
    win.timeline.setFocus()
    qtbot.waitUntil(win.timeline.hasFocus)
    qtbot.keyClick(win.timeline, Qt.Key.Key_Space)
    assert win.state.playing
    win.state.playing = False


def test_tab_moves_between_the_main_areas(win, qtbot):
    keeper = win.time_controls.focus_keeper
    areas = keeper.areas()
    assert areas[:2] == [win.timeline, win.canvas]
    qtbot.keyClick(win.timeline, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is win.canvas
    # Arrows pan the map while it has the keyboard.
    before = win.canvas.mapview.view()
    qtbot.keyClick(win.canvas, Qt.Key.Key_Right)
    assert win.canvas.mapview.view()[0] > before[0]
    qtbot.keyClick(win.canvas, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is win.passage_panel.browser  # one Tab, not one per link
    qtbot.keyClick(win.passage_panel.browser, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(win.canvas, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is win.timeline


def test_keyboard_comes_back_to_the_timeline_after_search_viewer_and_help(win, qtbot):
    win.open_sources(FIXTURES / "passages", remember=False)
    assert win.wait_for_sources()
    win.search.focus_search()
    qtbot.waitUntil(win.search.edit.hasFocus)
    qtbot.keyClicks(win.search.edit, "landing")
    qtbot.keyClick(win.search.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(win.timeline.hasFocus)
    # The document viewer: Esc closes it and the timeline has the keyboard.
    lib = win.sources.library
    doc_id = next(iter(lib.documents))
    win.passage_panel.browser.setFocus()
    win.open_passage(doc_id, 0)
    qtbot.waitExposed(win.viewer)
    qtbot.keyClick(win.viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not win.viewer.isVisible())
    qtbot.waitUntil(lambda: win.focusWidget() is win.timeline)
    # Help > Keyboard shortcuts (F1), closed.
    win.activateWindow()
    qtbot.waitActive(win)
    win.canvas.setFocus()
    QTimer.singleShot(50, lambda: win.shortcuts_dialog.reject())
    help_action = next(a for a in win.actions() if a.shortcut().toString() == "F1")
    help_action.trigger()
    qtbot.waitUntil(lambda: win.focusWidget() is win.timeline)


def test_f1_lists_every_key_from_the_actions_and_the_key_tables(win, qtbot):
    from explorer.qt.qt_shortcuts import QtShortcutsDialog

    dlg = QtShortcutsDialog(win.actions(), win)
    qtbot.addWidget(dlg)
    rows = dlg.rows
    does = {what for _k, _w, what in rows}
    where = {w for _k, w, _what in rows}
    assert {"Loop", "Slower", "Faster", "A week a second", "Next day", "Zoom the timeline in around the date",
            "Go to date or event...", "Events list"} <= does
    assert {"Timeline", "Search", "Document viewer", "Events list"} <= where
    # A key given to an action appears; the table is made when F1 is pressed.
    win.time_controls.loop_action.setShortcut("Ctrl+Alt+L")
    assert ("Ctrl+Alt+L", "Window", "Loop") in QtShortcutsDialog(win.actions(), win).rows


# ---------------------------------------------------------------------- typed dates


def test_animation_dialog_keeps_the_typed_day_and_reads_events(win, qtbot):
    from explorer.qt import qt_export_dialog as qd

    dlg = qd.QtExportAnimationDialog(win.state, win.chronology, win)
    qtbot.addWidget(dlg)
    dlg.start.edit.setText("1 July 1950")
    dlg.end.edit.setText("31 December 1950")
    assert dlg._dates() == (dt.date(1950, 7, 1), dt.date(1950, 12, 31))  # were 25 July and 27 December
    assert dlg.start.hint.text() == "\u2192 1 July 1950"
    dlg.start.edit.setText("Inchon")
    assert dlg.start.date == dt.date(1950, 9, 15) and "Inchon" in dlg.start.hint.text()
    dlg.end.edit.setText("no such day")
    assert dlg.end.date is None and not dlg.export_button.isEnabled()


def test_slow_playback_moves_the_front_between_days(win, qtbot):
    """At a day a second the map showed each day for a second, then jumped: now it shows moments between."""
    win.player.pause_at_events = False
    win.state.date = dt.date(1950, 7, 1)
    win.playback.speed.setCurrentIndex(0)
    moments: list[float] = []
    win.player.momentShown.connect(moments.append)
    win.state.playing = True
    qtbot.waitUntil(lambda: win.state.date >= dt.date(1950, 7, 3), timeout=15000)
    win.state.playing = False
    fractions = {round(m % 1, 3) for m in moments}
    assert len(fractions - {0.0}) >= 3
    assert all(dt.date(1950, 7, 1).toordinal() < m < dt.date(1950, 7, 4).toordinal() for m in moments)
    # Stopped, the map shows the whole day the timeline shows.
    assert win.canvas.mapview.state.day == win.state.date.toordinal()
    # Fast playback steps whole days.
    win.player.moments = 0
    win.state.speed = 91
    win.state.playing = True
    qtbot.waitUntil(lambda: win.player.frames > 8, timeout=15000)
    win.state.playing = False
    assert win.player.moments == 0


def test_playback_shows_the_events_of_the_day_it_starts_on(win, qtbot, monkeypatch):
    """A range from 25 June 1950 went straight past the invasion: the first day's events are shown too."""
    from explorer.qt import qt_playback

    monkeypatch.setattr(qt_playback, "reading_time", lambda text: 0.2)
    shown = []
    win.player.eventReached.connect(lambda evs, secs: shown.append([e.id for e in evs]))
    win.player.set_range(dt.date(1950, 9, 15), dt.date(1950, 9, 17))
    win.state.date = dt.date(1950, 9, 15)
    win.state.playing = True
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=10000)
    win.state.playing = False
    assert shown[0] == ["inchon-landing"] and shown[1] == ["pusan-perimeter-breakout"]
