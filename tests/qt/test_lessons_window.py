"""Building a lesson in the window, and presenting it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from explorer.state.lesson import builtin_lessons, load_lesson


def _until(qtbot, cond, timeout=10000):
    qtbot.waitUntil(cond, timeout=timeout)


def test_add_this_view_as_a_stop_and_undo(main_window, qtbot):
    win = main_window
    ctl = win.lessons
    win.state.date = dt.date(1950, 9, 15)
    ctl.add_stop_action.trigger()
    assert ctl.dock.isVisibleTo(win)
    win.state.date = dt.date(1950, 11, 28)
    win.canvas.zoom_by(2.0)
    ctl.add_stop_action.trigger()
    stops = ctl.editor.lesson.stops
    assert [s.date for s in stops] == [dt.date(1950, 9, 15), dt.date(1950, 11, 28)]
    assert stops[0].view == "peninsula" and isinstance(stops[1].view, tuple)
    assert stops[0].title == "MacArthur's landing at Inchon"
    panel = ctl.panel
    panel.stops.setCurrentRow(1)
    panel.stop_title.setText("The Chinese strike")
    panel.stop_title.editingFinished.emit()
    panel.note.setPlainText("Two wings, *one gap*.")
    panel._commit_note()
    assert ctl.editor.lesson.stops[1].title == "The Chinese strike"
    assert ctl.editor.lesson.stops[1].note == "Two wings, *one gap*."
    panel.move_selected(-1)
    assert [s.title for s in ctl.editor.lesson.stops][0] == "The Chinese strike"
    panel.edit_actions["undo"].trigger()
    panel.edit_actions["undo"].trigger()
    assert ctl.editor.lesson.stops[1].note == ""
    panel.edit_actions["redo"].trigger()
    assert ctl.editor.lesson.stops[1].note == "Two wings, *one gap*."
    panel.stops.setCurrentRow(0)
    panel.edit_actions["duplicate"].trigger()
    assert len(ctl.editor.lesson.stops) == 3
    panel.edit_actions["delete"].trigger()
    assert len(ctl.editor.lesson.stops) == 2


def test_dragging_a_stop_reorders(main_window, qtbot):
    ctl = main_window.lessons
    ctl.open_file(builtin_lessons()["Summer to winter 1950"])
    titles = [s.title for s in ctl.editor.lesson.stops]
    ctl.panel.stops.moved.emit(0, 3)
    assert [s.title for s in ctl.editor.lesson.stops] == titles[1:4] + titles[:1] + titles[4:]
    ctl.panel.edit_actions["undo"].trigger()
    assert [s.title for s in ctl.editor.lesson.stops] == titles


def test_the_current_stop_follows_the_timeline(main_window):
    ctl = main_window.lessons
    ctl.open_file(builtin_lessons()["Summer to winter 1950"])
    main_window.state.date = dt.date(1950, 9, 20)
    assert ctl.panel.selected() == 4
    assert ctl.panel.stop_title.text() == "Inchon"
    ctl.panel.stopActivated.emit(6)
    assert main_window.state.date == dt.date(1950, 10, 26)


def test_presenting_steps_through_every_stop_and_gives_focus_back(main_window, qtbot, monkeypatch):
    import explorer.qt.qt_presenter as presenter

    # Eleven moves of 1.5 s each would take most of the test's time; a short move is the same move.
    monkeypatch.setattr(presenter, "TRANSITION_MS", 300)
    win = main_window
    ctl = win.lessons
    path = builtin_lessons()["The Korean War in twelve maps"]
    ctl.open_file(path)
    lesson = load_lesson(path)
    win.state.date = lesson.stops[0].date
    p = ctl.present()
    qtbot.waitExposed(p)
    assert p.isFullScreen() or p.windowState() & Qt.WindowState.WindowFullScreen
    assert p.title_label.text() == lesson.stops[0].title
    seen = []
    for i in range(1, len(lesson.stops)):
        qtbot.keyClick(p, Qt.Key.Key_PageDown)
        assert p.index == i
        mid = p.canvas.mapview.state.date
        _until(qtbot, lambda: not p.moving)
        seen.append((mid, p.canvas.mapview.state.date))
        assert p.canvas.mapview.state.date == lesson.stops[i].date
        assert p.title_label.text() == lesson.stops[i].title
    # The front moved through the days between: the first frames were between the two stops.
    assert any(lesson.stops[i].date > m for i, (m, _) in enumerate(seen, start=1))
    qtbot.keyClick(p, Qt.Key.Key_PageDown)  # past the end: stays
    assert p.index == len(lesson.stops) - 1
    qtbot.keyClick(p, Qt.Key.Key_PageUp)
    assert p.index == len(lesson.stops) - 2
    qtbot.keyClick(p, Qt.Key.Key_Home)
    assert p.index == 0
    qtbot.keyClick(p, Qt.Key.Key_Space)
    assert p.index == 1
    qtbot.keyClick(p, Qt.Key.Key_Escape)
    _until(qtbot, lambda: ctl.presenter is None)
    assert win.state.date == lesson.stops[1].date
    assert win.timeline.hasFocus() or win.focusWidget() is win.timeline


def test_present_with_no_lesson_walks_the_events(main_window, qtbot):
    ctl = main_window.lessons
    main_window.state.date = dt.date(1950, 9, 15)
    p = ctl.present()
    qtbot.waitExposed(p)
    kinds = {e.kind for e in main_window.events if e.title in {s.title for s in p.lesson.stops}}
    assert kinds <= {"battle", "operation", "front"}
    assert p.lesson.stops[p.index].date == dt.date(1950, 9, 15)
    p.close()


def test_pin_a_passage_from_the_panel(main_window, qtbot):
    from pathlib import Path

    win = main_window
    ctl = win.lessons
    assert not ctl.pin("anything", 0)  # no stop yet: says so, pins nothing
    assert "Add a stop" in win.statusBar().currentMessage()
    win.open_sources(Path(__file__).resolve().parents[1] / "fixtures" / "ui", remember=False)
    qtbot.waitUntil(lambda: win.passage_panel.library is not None, timeout=20000)
    win.state.date = dt.date(1950, 9, 15)
    win.passage_panel.refresh_now()
    ctl.add_stop_action.trigger()
    items = [r for r in win.passage_panel.items if r.passage is not None]
    assert items, "the fixtures speak of 15 September 1950"
    r = items[0]
    assert ctl.pin(r.source, r.passage.index)
    pinned = ctl.editor.lesson.stops[0].passages
    assert len(pinned) == 1 and pinned[0].fingerprint == r.passage.fingerprint
    assert not ctl.pin(r.source, r.passage.index)  # already there
    assert ctl.panel.pinned.count() == 1
    ctl.panel.edit_actions["undo"].trigger()
    assert ctl.editor.lesson.stops[0].passages == ()


def test_export_from_the_window_with_progress(main_window, qtbot, tmp_path):
    ctl = main_window.lessons
    ctl.open_file(builtin_lessons()["Summer to winter 1950"])
    worker = ctl.export_to(tmp_path / "handout.pdf", "handout")
    with qtbot.waitSignal(worker.succeeded, timeout=120000):
        pass
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: ctl.export_worker is None)
    assert "Lesson exported" in main_window.statusBar().currentMessage()


def test_the_presenter_shows_the_date_the_map_is_at_while_it_moves(main_window, qtbot):
    ctl = main_window.lessons
    ctl.open_file(builtin_lessons()["Summer to winter 1950"])
    main_window.state.date = dt.date(1950, 6, 25)
    p = ctl.present()
    qtbot.waitExposed(p)
    qtbot.keyClick(p, Qt.Key.Key_PageDown)
    shown = []
    qtbot.waitUntil(lambda: shown.append(p.date_label.text()) or not p.moving, timeout=20000)
    assert p.date_label.text() == "5 July 1950"
    assert all(s in {"25 June 1950"} | {f"{d} {m} 1950" for d in range(1, 32) for m in ("June", "July")}
               for s in shown)
    p.close()


def test_builtin_lessons_open_from_help(main_window):
    help_menu = main_window.lessons.builtin_actions[0].associatedObjects()
    menus = [o for o in help_menu if hasattr(o, "title")]
    assert any(m.title() == "Example &lessons" for m in menus)
    main_window.lessons.builtin_actions[0].trigger()
    assert main_window.lessons.editor.lesson.title in builtin_lessons()
    assert main_window.lessons.dock.isVisibleTo(main_window)


def test_tab_in_the_lesson_panel_goes_from_the_title_to_the_note(main_window, qtbot):
    """Tab between the main areas must not take the keyboard out of the panel's fields (typing a note
    would then toggle playback with every space)."""
    from PySide6.QtWidgets import QApplication

    ctl = main_window.lessons
    main_window.activateWindow()
    ctl.add_stop_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ctl.panel.stop_title, timeout=5000)
    qtbot.keyClick(ctl.panel.stop_title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ctl.panel.note
    date = main_window.state.date
    qtbot.keyClicks(ctl.panel.note, "A note with spaces")
    assert not main_window.state.playing and main_window.state.date == date
    assert ctl.panel.note.toPlainText() == "A note with spaces"
