"""The keys widgets read themselves come from one table: pressing each key listed does what F1 says.

Each test takes one :class:`~explorer.qt.qt_keys.KeyTable` (or the timeline's
key actions), checks that it has a check for every row (a row added without
one fails), then presses every key of every row to the widget that has the
keyboard and checks what the user would see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from explorer.qt.qt_keys import KeyTable, dedicated_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def win(main_window, qtbot):
    main_window.resize(1280, 800)
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    return main_window


def _focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _press(qtbot, widget: QWidget, seq: QKeySequence) -> None:
    combo = seq[0]
    key, mods = combo.key(), combo.keyboardModifiers()
    if key == Qt.Key.Key_Enter:
        mods |= Qt.KeyboardModifier.KeypadModifier
    qtbot.keyClick(widget, key, mods)


def _run(table, checks: dict[str, Callable[[QKeySequence], None]]) -> int:
    """Press every key of every row; returns how many keys were pressed."""
    rows = list(table)
    assert {r.does for r in rows} == set(checks), "every row of the table needs its check here"
    pressed = 0
    for row in rows:
        for seq in row.sequences():
            if seq.isEmpty() or dedicated_key(seq):
                continue
            checks[row.does](seq)
            pressed += 1
    return pressed


def _listed(win, table: KeyTable) -> None:
    """F1 lists each row of the table, as the table says it."""
    from explorer.qt.qt_shortcuts import shortcut_rows

    rows = shortcut_rows(win.actions(), win)
    for r in table:
        assert (r.text(), table.where, r.does) in rows


# ---------------------------------------------------------------------- search


def test_search_keys(win, qtbot):
    from explorer.qt.qt_search import QtSearchBox, _ResultList, passage_date

    win.open_sources(FIXTURES / "ui", remember=False)
    assert win.wait_for_sources(20000)
    box = win.search
    opened: list[tuple[str, int]] = []
    box.openPassage.connect(lambda doc, i: opened.append((doc, i)))

    def typed() -> None:
        _focus(qtbot, box.edit)
        box.edit.setText("Inchon")
        box.search_now()
        assert box.results
        win.state.date = dt.date(1952, 1, 1)

    def enter(seq):
        typed()
        _press(qtbot, box.edit, seq)
        assert win.state.date == passage_date(box.results[0]).start

    def down(seq):
        typed()
        _press(qtbot, box.edit, seq)
        assert box.list.hasFocus() and box.list.currentRow() == 0

    def open_(seq):
        typed()
        opened.clear()
        _press(qtbot, box.edit, seq)
        assert len(opened) == 1 and win.state.date == passage_date(box.results[0]).start
        win.viewer.hide()

    def escape(seq):
        typed()
        _press(qtbot, box.edit, seq)
        assert box.edit.text() == ""
        qtbot.waitUntil(win.timeline.hasFocus)

    assert _run(QtSearchBox.KEYS, {
        "Go to the date of the first result": enter,
        "Into the results (Up/Down move, Enter goes to the date)": down,
        "Open the result's document": open_,
        "Clear the search and give the keyboard back to the timeline": escape,
    }) >= 7
    _listed(win, QtSearchBox.KEYS)

    def in_list() -> None:
        typed()
        _focus(qtbot, box.list)
        box.list.setCurrentRow(0)

    def back(seq):
        in_list()
        _press(qtbot, box.list, seq)
        assert box.edit.hasFocus()

    def open_here(seq):
        in_list()
        opened.clear()
        _press(qtbot, box.list, seq)
        assert len(opened) == 1
        win.viewer.hide()

    assert _run(_ResultList.KEYS, {"Back to the search field": back, "Open the result's document": open_here}) == 5
    _listed(win, _ResultList.KEYS)


# ---------------------------------------------------------------------- document viewer


def test_document_viewer_keys(win, qtbot):
    from explorer.qt.qt_document_viewer import QtDocumentViewer

    win.open_sources(FIXTURES / "ui", remember=False)
    assert win.wait_for_sources(20000)

    def close(seq):
        win.open_passage("lesson-notes", 2)
        viewer = win.viewer
        qtbot.waitExposed(viewer)
        viewer.activateWindow()
        qtbot.waitActive(viewer)
        _focus(qtbot, viewer.browser)
        _press(qtbot, viewer.browser, seq)
        qtbot.waitUntil(lambda: not viewer.isVisible())

    assert _run(QtDocumentViewer.KEYS, {"Close the viewer (the keyboard goes back to the timeline)": close}) >= 2
    _listed(win, QtDocumentViewer.KEYS)


# ---------------------------------------------------------------------- events panel


def test_events_panel_keys(win, qtbot):
    from explorer.qt.qt_events_panel import QtEventsPanel, _EventList

    tc = win.time_controls
    tc.events_dock.show()
    panel = tc.events_panel

    def searched() -> None:
        _focus(qtbot, panel.search)
        panel.search.setText("Inchon")
        assert panel.shown()
        win.state.date = dt.date(1952, 1, 1)

    def enter(seq):
        searched()
        _press(qtbot, panel.search, seq)
        assert win.state.date == panel.shown()[0].start
        assert panel.list.hasFocus()

    def down(seq):
        searched()
        _press(qtbot, panel.search, seq)
        assert panel.list.hasFocus()

    def escape(seq):
        searched()
        _press(qtbot, panel.search, seq)
        qtbot.waitUntil(win.timeline.hasFocus)

    assert _run(QtEventsPanel.KEYS, {"Go to the first event listed": enter, "Into the list": down,
                                     "Back to the timeline": escape}) == 4
    _listed(win, QtEventsPanel.KEYS)

    def step(seq):
        panel.search.setText("")
        _focus(qtbot, panel.list)
        panel.list.setCurrentRow(5)
        shown = panel.shown()
        _press(qtbot, panel.list, seq)
        row = 6 if seq == QKeySequence("Down") else 4
        assert panel.list.currentRow() == row and win.state.date == shown[row].start

    def leave(seq):
        _focus(qtbot, panel.list)
        _press(qtbot, panel.list, seq)
        qtbot.waitUntil(win.timeline.hasFocus)

    assert _run(_EventList.KEYS, {"Previous / next event (goes to its day)": step,
                                  "Back to the timeline": leave}) == 3
    _listed(win, _EventList.KEYS)


# ---------------------------------------------------------------------- the window's focus keeper


def test_focus_keeper_keys(win, qtbot):
    from explorer.qt.qt_time_controls import FocusKeeper

    win.open_sources(FIXTURES / "ui", remember=False)
    assert win.wait_for_sources(20000)
    keeper = win.time_controls.focus_keeper
    canvas = win.canvas

    def tab(seq):
        _focus(qtbot, win.timeline)
        _press(qtbot, win.timeline, seq)
        areas = keeper.areas()
        forward = seq == QKeySequence("Tab")
        assert QApplication.focusWidget() is (areas[1] if forward else areas[-1]), seq.toString()

    def link(seq):
        browser = win.passage_panel.browser
        _focus(qtbot, browser)
        browser.focusNextPrevChild(True)
        browser.focusNextPrevChild(True)
        at = browser.textCursor().selectionStart()
        _press(qtbot, browser, seq)
        moved = browser.textCursor().selectionStart()
        assert (moved > at) if seq == QKeySequence("Down") else (moved < at), seq.toString()

    def map_key(seq):
        _focus(qtbot, canvas)
        canvas.reset_view()
        x0, x1, y0, y1 = before = canvas.mapview.view()
        date = win.state.date
        if seq == QKeySequence("0"):
            canvas.zoom_by(1.5)
        _press(qtbot, canvas, seq)
        a0, a1, b0, b1 = canvas.mapview.view()
        name = seq.toString()
        expected = {"Left": a0 < x0, "Right": a0 > x0, "Up": b0 > y0, "Down": b0 < y0,
                    "+": a1 - a0 < x1 - x0, "Shift++": a1 - a0 < x1 - x0, "=": a1 - a0 < x1 - x0,
                    "-": a1 - a0 > x1 - x0,
                    "0": all(abs(p - q) < 1e-6 for p, q in zip(canvas.mapview.view(), before))}
        assert expected[name], name
        assert win.state.date == date  # the map's keys, not the timeline's

    def space(seq):
        box = win.playback.loop
        _focus(qtbot, box)
        was = box.isChecked()
        _press(qtbot, box, seq)
        assert box.isChecked() != was and not win.state.playing

    assert _run(FocusKeeper.KEYS, {
        "Next / previous area: timeline, map, passages, search, events list, playback controls": tab,
        "Passage panel: previous / next link (Enter opens it)": link,
        "Map (after Tab): arrows pan, + and - zoom, 0 shows the whole peninsula": map_key,
        "On a focused button or check box: press it (elsewhere Space plays and pauses)": space,
    }) == 16
    _listed(win, FocusKeeper.KEYS)


# ---------------------------------------------------------------------- the timeline's key actions


def test_timeline_keys(win, qtbot):
    from explorer.qt.qt_shortcuts import shortcut_rows
    from explorer.war.chronology import WAR_END, WAR_START

    tl, st = win.timeline, win.state

    def moved(to: Callable[[dt.date], dt.date]):
        def check(seq):
            tl.reset_zoom()
            st.date = dt.date(1951, 3, 15)
            _focus(qtbot, tl)
            _press(qtbot, tl, seq)
            assert st.date == to(dt.date(1951, 3, 15)), seq.toString()
        return check

    def zoom(inwards: bool):
        def check(seq):
            st.date = dt.date(1951, 3, 15)
            tl.fit(dt.date(1950, 6, 1), dt.date(1952, 6, 1))
            days = tl.view.days
            _focus(qtbot, tl)
            _press(qtbot, tl, seq)
            assert (tl.view.days < days) if inwards else (tl.view.days > days), seq.toString()
        return check

    def fit_phase(seq):
        st.date = dt.date(1951, 3, 15)  # First UN Counteroffensive, 25 January - 21 April 1951
        tl.reset_zoom()
        _focus(qtbot, tl)
        _press(qtbot, tl, seq)
        assert tl.view.first <= dt.date(1951, 1, 25) and tl.view.last >= dt.date(1951, 4, 21)
        assert tl.view.days < 120

    def whole(seq):
        tl.fit(dt.date(1950, 6, 1), dt.date(1950, 7, 1))
        _focus(qtbot, tl)
        _press(qtbot, tl, seq)
        assert tl.view.full

    checks = {
        "Next day": moved(lambda d: d + dt.timedelta(days=1)),
        "Previous day": moved(lambda d: d - dt.timedelta(days=1)),
        "A week forward": moved(lambda d: d + dt.timedelta(days=7)),
        "A week back": moved(lambda d: d - dt.timedelta(days=7)),
        "A month forward": moved(lambda d: d.replace(month=d.month + 1)),
        "A month back": moved(lambda d: d.replace(month=d.month - 1)),
        "First day of the war": moved(lambda d: WAR_START),
        "Last day of the war (the armistice)": moved(lambda d: WAR_END),
        "Start of the timeline (1945)": moved(lambda d: st.minimum),
        "End of the timeline (1999)": moved(lambda d: st.maximum),
        "Zoom the timeline in around the date": zoom(True),
        "Zoom the timeline out": zoom(False),
        "Fit the timeline to the phase of the date": fit_phase,
        "Show the whole timeline": whole,
    }
    actions = tl.key_actions
    assert {a.text() for a in actions} == set(checks)
    pressed = 0
    for act in actions:
        for seq in act.shortcuts():
            checks[act.text()](seq)
            pressed += 1
    assert pressed == 15
    rows = shortcut_rows(win.actions(), win)
    for act in actions:
        assert any(where == "Timeline" and what == act.text() for _k, where, what in rows)


# ---------------------------------------------------------------------- the lesson presenter


def test_presenter_keys(win, qtbot):
    from explorer.qt.qt_presenter import QtPresenter
    from explorer.state.lesson import builtin_lessons

    ctl = win.lessons
    ctl.open_file(builtin_lessons()["The Korean War in twelve maps"])
    p = ctl.present()
    qtbot.waitExposed(p)
    last = len(p.lesson.stops) - 1

    def at(index: int) -> None:
        p.go_to(index)
        qtbot.waitUntil(lambda: not p.moving, timeout=5000)

    def step(forward: bool):
        def check(seq):
            at(4)
            _press(qtbot, p, seq)
            assert p.index == (5 if forward else 3), seq.toString()
            # The presenter's keys are its own, even while the main window is the active one.
            assert not win.state.playing
        return check

    def first(seq):
        at(4)
        _press(qtbot, p, seq)
        assert p.index == 0

    def final(seq):
        at(4)
        _press(qtbot, p, seq)
        assert p.index == last

    checks = {"Next stop": step(True), "Previous stop": step(False), "First stop": first, "Last stop": final,
              "End the presentation": lambda seq: None}
    rows = [r for r in QtPresenter.KEYS if r.does != "End the presentation"]
    from explorer.qt.qt_keys import KeyTable

    assert _run(KeyTable(QtPresenter.KEYS.where, *rows), {k: v for k, v in checks.items()
                                                          if k != "End the presentation"}) == 14
    # Esc last: it ends the presentation.
    assert {r.does for r in QtPresenter.KEYS} == set(checks)
    _press(qtbot, p, QKeySequence("Esc"))
    qtbot.waitUntil(lambda: ctl.presenter is None, timeout=5000)
    _listed(win, QtPresenter.KEYS)
