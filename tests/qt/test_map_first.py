"""Issue 12, start-up: the map is painted first, the rest of the window comes on the event loop's next turn.

The app opens its window with ``map_first`` (:func:`explorer.qt.app.open_main_window`):
what the map's first paint does not need (the sources package and the source
manager, the menus' actions, the Events panel's controls, lessons and export,
the passage panel's text) is built by :meth:`MainWindow.complete` right after
that paint.  These tests fail if any of it is built before the first paint, or
if the window is not whole (menus, shortcuts, panels, focus) right after it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, os, sys
import datetime as dt
from explorer.qt.app import make_application, open_main_window

app = make_application()
win = open_main_window(dt.date(1950, 9, 15))
seen = {}

def at_first_paint():
    seen["sources_at_paint"] = sorted(m for m in sys.modules if m.startswith("explorer.sources"))
    seen["qt_at_paint"] = sorted(m for m in sys.modules if m.startswith("explorer.qt."))
    seen["complete_at_paint"] = win.is_complete
    seen["panel_at_paint"] = win.passage_panel.browser.toPlainText()

def when_complete():
    seen["sources_after"] = sorted(m for m in sys.modules if m.startswith("explorer.sources"))
    seen["panel_after"] = win.passage_panel.browser.toPlainText()
    print(json.dumps(seen), flush=True)
    os._exit(0)

win.canvas.firstPainted.connect(at_first_paint)
win.canvas.firstPainted.connect(lambda: win.when_complete(when_complete))
win.show()
app.exec()
"""


def test_the_first_paint_imports_nothing_of_the_sources_but_the_citations(tmp_path):
    # A process of its own: the test process has every module imported already.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=300, env=env,
                          cwd=str(ROOT))
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # The events carry citations (the one declared seam between the war and the sources): only those.
    assert seen["sources_at_paint"] == ["explorer.sources", "explorer.sources.anchors"]
    for later in ("explorer.qt.qt_sources", "explorer.qt.qt_sources_panel", "explorer.qt.qt_lessons",
                  "explorer.qt.qt_export_actions", "explorer.qt.qt_time_controls", "explorer.qt.qt_events_panel"):
        assert later not in seen["qt_at_paint"]
    assert seen["complete_at_paint"] is False
    assert seen["panel_at_paint"].strip() == ""
    # Right after it: the catalogue and the source manager, and the panel says what the day holds.
    assert "explorer.sources.catalogue" in seen["sources_after"]
    assert "Inchon" in seen["panel_after"]


def test_the_map_modules_are_imported_before_pyside6_so_its_hook_does_not_read_their_sources():
    # PySide6's import hook reads the source text of every module that imports after it, and
    # linecache keeps it (14 MiB at start-up).  The app's Qt entry module imports the map's
    # modules (matplotlib, numpy, shapely with them) first.
    child = ("import sys, explorer.qt.app; "
             "print(int('PySide6' in sys.modules), int('matplotlib.figure' in sys.modules), "
             "int('shapely' in sys.modules), int('explorer.war.chronology' in sys.modules))")
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          cwd=str(ROOT), env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0", "1", "1", "1"]


def _shortcuts(win) -> dict[str, str]:
    out = {}
    for act in win.actions():
        for seq in act.shortcuts():
            out[seq.toString(QKeySequence.SequenceFormat.PortableText)] = act.text()
    return out


def test_the_window_is_whole_on_the_event_loops_first_turn_after_the_map_is_painted(qtbot, settings_dir, request):
    import gc

    from explorer.qt.app import open_main_window

    # The app's start-up path holds the collector, then freezes what exists: undo that after.
    request.addfinalizer(lambda: (gc.unfreeze(), gc.enable()))
    win = open_main_window(dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    at_paint: list[tuple] = []
    win.canvas.firstPainted.connect(lambda: at_paint.append(
        (win.is_complete, [len(m.actions()) for m in (win.file_menu, win.go_menu, win.lessons_menu)],
         hasattr(win, "sources"), "Ctrl+G" in _shortcuts(win))))
    # The menu bar has its menus from the start (its height is the map's), empty until then.
    assert [a.text() for a in win.menuBar().actions()] == ["&File", "&Edit", "&View", "&Go", "&Lessons", "&Help"]
    win.show()
    qtbot.waitUntil(lambda: bool(at_paint), timeout=5000)
    assert at_paint == [(False, [0, 0, 0], False, False)]
    size_at_paint = win.canvas.size()
    qtbot.waitUntil(lambda: win.is_complete, timeout=2000)
    # Menus, shortcuts, panels and the keyboard's place, as a window built at once has them.
    keys = _shortcuts(win)
    for key, text in (("Ctrl+G", "&Go to date or event..."), ("Ctrl+O", "&Open sources..."), ("Ctrl+9", "&Frame the action"),
                      ("Space", "&Play / pause"), ("F9", "&Sources"), ("Ctrl+Shift+L", "&Events list"),
                      ("Ctrl+L", "&Loop")):
        assert keys.get(key) == text
    assert win.lessons_menu.actions() and win.export_snapshot_action in win.file_menu.actions()
    assert not win.sources_dock.isVisible() and not win.time_controls.events_dock.isVisible()
    assert win.sources.library is None and win.catalogue is not None
    assert win.canvas.size() == size_at_paint  # nothing built after the paint took room from the map
    assert win.focusWidget() is win.timeline
    qtbot.waitUntil(lambda: "Inchon" in win.passage_panel.browser.toPlainText(), timeout=2000)
    # The shortcuts work: Next event (Ctrl+Right) moves the date.
    before = win.state.date
    win.next_event_action.trigger()
    assert win.state.date > before


def test_a_remembered_events_panel_is_built_with_the_map(qtbot, settings_dir, request):
    """The Events panel's dock takes room beside the map: remembered open, it is there at the first paint."""
    import gc

    from explorer.qt.app import open_main_window

    QSettings().setValue("view/events_panel", True)
    QSettings().setValue("view/event_kinds", ["battle", "front"])
    request.addfinalizer(lambda: (gc.unfreeze(), gc.enable()))
    win = open_main_window(dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    assert win.is_complete
    win.show()
    qtbot.waitUntil(lambda: win.time_controls.events_dock.isVisible(), timeout=5000)
    assert win.timeline.kinds == frozenset({"battle", "front"})


def test_the_timeline_marks_the_remembered_kinds_before_the_events_panel_exists(qtbot, settings_dir, request):
    import gc

    from explorer.qt.app import open_main_window

    QSettings().setValue("view/event_kinds", ["battle", "diplomatic"])
    request.addfinalizer(lambda: (gc.unfreeze(), gc.enable()))
    win = open_main_window(dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    assert not win.is_complete
    first = win.timeline.kinds
    assert first == frozenset({"battle", "diplomatic"})
    win.show()
    qtbot.waitUntil(lambda: win.is_complete, timeout=5000)
    assert win.time_controls.events_panel.kinds == first == win.timeline.kinds


def test_a_window_shown_but_never_painted_is_completed_all_the_same(qtbot, settings_dir, request, monkeypatch):
    import gc

    from explorer.qt.app import open_main_window
    from explorer.qt.qt_map_canvas import QtMapCanvas

    request.addfinalizer(lambda: (gc.unfreeze(), gc.enable()))
    # As a window started minimized: shown, its map not painted.
    monkeypatch.setattr(QtMapCanvas, "_first_paint_done", lambda self: None)
    win = open_main_window(dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    win.show()
    qtbot.wait(200)
    assert not win.is_complete
    qtbot.waitUntil(lambda: win.is_complete, timeout=3000)
    assert win.lessons_menu.actions() and win.sources.library is None


def test_a_shortcut_pressed_as_the_map_appears_is_not_lost(qtbot, settings_dir, request):
    """A key pressed right at the first paint, before the actions exist, is read once they do."""
    import gc

    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from explorer.qt.app import open_main_window

    request.addfinalizer(lambda: (gc.unfreeze(), gc.enable()))
    win = open_main_window(dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    assert win.state.romanization == "wartime"
    posted = []

    def press() -> None:
        target = QApplication.focusWidget() or win
        mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            QApplication.postEvent(target, QKeyEvent(kind, Qt.Key.Key_N, mods))  # Switch spelling
        posted.append(win.is_complete)

    win.canvas.firstPainted.connect(press)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.state.romanization == "modern", timeout=5000)
    assert posted == [False]


def test_the_map_modules_are_imported_with_the_collector_paused_and_set_aside():
    """What the app's first imports make (matplotlib's classes and functions, the chronology's
    modules) is set aside from the collector, which is running again afterwards; a process that
    already runs Qt (a test, a script) keeps Python's usual collector."""
    probe = ("import gc, sys; {pre}import explorer.qt.app; "
             "print(int(gc.isenabled()), int(gc.get_freeze_count() > 50_000))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    outs = []
    for pre in ("", "import PySide6.QtCore; "):
        done = subprocess.run([sys.executable, "-c", probe.format(pre=pre)], capture_output=True, text=True,
                              timeout=120, cwd=str(ROOT), env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        outs.append(done.stdout.split())
    assert outs == [["1", "1"], ["1", "0"]]
