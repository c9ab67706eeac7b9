"""The everyday comforts: playback, stepping, go-to-date, layers, names, settings, launcher."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from explorer.war.chronology import TIMELINE_END, TIMELINE_START, WAR_START
from explorer.qt.qt_goto_dialog import parse_date


def _drain(qtbot, win):
    qtbot.waitUntil(lambda: not win.canvas.has_pending_draw(), timeout=3000)


def test_playback_advances_and_never_outruns_drawing(main_window, qtbot):
    win = main_window
    win.state.date = dt.date(1950, 6, 25)
    _drain(qtbot, win)
    win.canvas.compositor.capture()
    win.state.speed = 30
    win.player.pause_at_events = False  # this test is about drawing, not the pauses at events
    pending_seen = []
    win.player.frameAdvanced.connect(lambda d: pending_seen.append(win.canvas.has_pending_draw()))
    drawn = []
    win.canvas.drawn.connect(lambda: drawn.append(win.state.date))
    qtbot.keyClick(win.timeline, Qt.Key.Key_Space)
    assert win.state.playing and win.playback.play_button.isChecked()
    qtbot.waitUntil(lambda: win.state.date >= dt.date(1950, 7, 20), timeout=10000)
    win.toggle_playback()
    assert not win.state.playing
    # Each frame was drawn before the next was started: frames == drawings (give or take the last).
    assert win.player.frames >= 5
    assert len(drawn) >= win.player.frames - 1
    # When a frame starts, the previous one is on screen (only the new date is pending).
    assert all(pending_seen)
    stopped = win.state.date
    qtbot.wait(200)
    assert win.state.date == stopped


def test_playback_stops_at_the_end_or_loops(main_window, qtbot):
    win = main_window
    win.state.date = TIMELINE_END - dt.timedelta(days=20)
    win.state.speed = 365
    win.state.playing = True
    qtbot.waitUntil(lambda: not win.state.playing, timeout=10000)
    assert win.state.date == TIMELINE_END
    win.player.loop = True
    win.state.playing = True
    qtbot.waitUntil(lambda: win.state.date < dt.date(1950, 1, 1), timeout=10000)
    win.state.playing = False


def test_step_by_event(main_window, qtbot):
    win = main_window
    win.state.date = dt.date(1950, 9, 14)
    win.next_event_action.trigger()
    assert win.state.date == dt.date(1950, 9, 15)  # the Inchon landing
    win.previous_event_action.trigger()
    assert win.state.date < dt.date(1950, 9, 15)
    starts = sorted({e.start for e in win.events})
    assert win.state.date in starts


def test_go_to_date_reads_many_forms():
    assert parse_date("1950-09-15") == dt.date(1950, 9, 15)
    assert parse_date("15 September 1950") == dt.date(1950, 9, 15)
    assert parse_date("Sept. 15, 1950") == dt.date(1950, 9, 15)
    assert parse_date("October 1950") == dt.date(1950, 10, 1)
    assert parse_date("4 July", 1951) == dt.date(1951, 7, 4)
    assert parse_date("nonsense") is None


def test_go_to_date_dialog(main_window, qtbot):
    from explorer.qt.qt_goto_dialog import QtGotoDialog

    dlg = QtGotoDialog(main_window.state.date, TIMELINE_START, TIMELINE_END, main_window)
    qtbot.addWidget(dlg)
    dlg.edit.setText("26 Oct 1950")
    assert dlg.date == dt.date(1950, 10, 26)
    dlg.edit.setText("2005-01-01")
    assert dlg.date is None and "outside" in dlg.hint.text()


def test_layers_menu_hides_and_shows(main_window, qtbot):
    win = main_window
    mv = win.canvas.mapview
    assert mv.rivers.get_visible()
    win.layer_actions["rivers"].trigger()
    assert "rivers" not in win.state.layers and not mv.rivers.get_visible()
    win.layer_actions["territory"].trigger()
    assert not mv.un_patch.get_visible()
    assert all(r[0] != "territory" for r in win.legend._rows)
    win.layer_actions["towns"].trigger()
    assert not mv.visible_labels()
    win.layer_actions["towns"].trigger()
    assert mv.visible_labels()


def test_modern_place_names(main_window, qtbot):
    win = main_window
    win.romanization_actions["modern"].trigger()
    names = {t.get_text() for t in win.canvas.mapview.visible_labels()}
    assert "Busan" in names and "Pusan" not in names
    win.romanization_actions["wartime"].trigger()
    names = {t.get_text() for t in win.canvas.mapview.visible_labels()}
    assert "Pusan" in names


def test_settings_round_trip(qtbot, chronology, settings_dir):
    from explorer.qt.main_window import MainWindow

    win = MainWindow(chronology)
    qtbot.addWidget(win)
    assert win.state.date == WAR_START  # nothing remembered yet
    win.state.date = dt.date(1951, 3, 15)
    win.state.set_layer("rivers", False)
    win.state.romanization = "modern"
    win.state.speed = 60
    win.resize(700, 500)  # inside the offscreen platform's 800x600 screen
    win.close()
    again = MainWindow(chronology)
    qtbot.addWidget(again)
    assert again.state.date == dt.date(1951, 3, 15)
    assert "rivers" not in again.state.layers
    assert again.state.romanization == "modern"
    assert again.state.speed == 60
    assert (again.size().width(), again.size().height()) == (700, 500)
    again.close()


def test_corrupt_settings_file_gives_defaults_and_a_notice(qtbot, chronology, settings_dir):
    from explorer.qt.main_window import MainWindow

    path = Path(QSettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[view\x00\xff\xfe broken\n=\n[[[")
    win = MainWindow(chronology)
    qtbot.addWidget(win)
    assert win.state.date == WAR_START
    assert any("replaced with defaults" in n for n in win.settings.notices)
    assert list(path.parent.glob(path.name + ".corrupt-*")), "the unreadable file is kept aside"
    win.close()


def test_remembered_date_outside_the_timeline(qtbot, chronology, settings_dir):
    from explorer.qt.main_window import MainWindow

    QSettings().setValue("view/date", "2011-01-01")
    win = MainWindow(chronology)
    qtbot.addWidget(win)
    assert win.state.date == WAR_START
    assert any("outside the timeline" in n for n in win.settings.notices)
    win.close()


def test_shortcuts_dialog_lists_the_actions(main_window, qtbot):
    from explorer.qt.qt_shortcuts import QtShortcutsDialog

    dlg = QtShortcutsDialog(main_window.actions(), main_window)
    qtbot.addWidget(dlg)
    texts = [dlg.table.item(r, 2).text() for r in range(dlg.table.rowCount())]
    assert "Next event" in texts and "Go to date or event..." in texts and "Play / pause" in texts


def _cli() -> list[str]:
    exe = shutil.which("korean-war-explorer", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "explorer"]


def test_smoke_test_of_the_installed_app(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.run(_cli() + ["--smoke-test"], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "smoke test: ok" in proc.stdout


def test_install_and_uninstall_desktop_entry(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(_cli() + ["--install-desktop"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    from explorer import APP_ID

    entry = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    assert entry.is_file()
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))[5:]
    import shlex

    ran = subprocess.run(shlex.split(exec_line) + ["--version"], capture_output=True, text=True, timeout=60, env=env)
    assert ran.returncode == 0 and "korean-war-explorer" in ran.stdout
    proc = subprocess.run(_cli() + ["--uninstall-desktop"], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0 and not entry.exists()


def test_bundled_desktop_file_is_valid():
    from explorer import APP_ID
    from explorer.core.paths import resources_dir

    path = resources_dir() / f"{APP_ID}.desktop"
    text = path.read_text()
    assert f"Icon={APP_ID}" in text
    if not shutil.which("desktop-file-validate"):
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    check = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout


def test_timeline_leaves_ctrl_arrows_to_the_window(main_window, qtbot):
    """Ctrl+Right is "next event", never "next day", even when the key reaches the timeline."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtCore import QEvent

    win = main_window
    win.state.date = dt.date(1950, 9, 14)
    ev = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    win.timeline.keyPressEvent(ev)
    assert win.state.date == dt.date(1950, 9, 14)
    qtbot.keyClick(win.timeline, Qt.Key.Key_Right)
    assert win.state.date == dt.date(1950, 9, 15)


def test_the_key_names_the_colours_for_the_day(main_window):
    win = main_window
    win.state.date = dt.date(1947, 6, 1)
    assert [r[1] for r in win.legend._rows[:2]] == ["US occupation zone", "Soviet occupation zone"]
    win.state.date = dt.date(1950, 9, 15)
    assert [r[1] for r in win.legend._rows[:2]] == ["UN-held", "Communist-held"]
    win.state.date = dt.date(1955, 6, 1)
    assert [r[1] for r in win.legend._rows[:2]] == ["South Korea", "North Korea"]


def test_cursor_position_follows_a_keyboard_zoom(main_window, qtbot, monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    win = main_window
    win.show()
    qtbot.waitExposed(win)
    canvas = win.canvas
    centre = canvas.mapToGlobal(QPoint(canvas.width() // 2, canvas.height() // 3))
    monkeypatch.setattr(QCursor, "pos", staticmethod(lambda: centre))
    seen = []
    canvas.cursorMoved.connect(lambda lon, lat: seen.append((lon, lat)))
    canvas.zoom_by(2.0)
    canvas.reset_view()
    assert len(seen) == 2 and seen[0] != seen[1]


def test_ctrl_shift_n_switches_the_place_names(main_window, qtbot):
    win = main_window
    win.show()
    qtbot.waitExposed(win)
    assert win.state.romanization == "wartime"
    win.switch_names_action.trigger()
    assert win.state.romanization == "modern" and win.romanization_actions["modern"].isChecked()
    assert "Busan" in {t.get_text() for t in win.canvas.mapview.visible_labels()}
    win.switch_names_action.trigger()
    assert win.state.romanization == "wartime"
    assert win.switch_names_action.shortcut().toString() == "Ctrl+Shift+N"


def test_the_app_paints_the_map_before_filling_the_panel(qtbot, settings_dir, request):
    import gc

    from explorer.qt.app import open_main_window

    # The app's start-up path holds the collector, then freezes what exists: undo that after.
    request.addfinalizer(lambda: (gc.unfreeze(), gc.enable()))
    win = open_main_window(dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    assert win.passage_panel.browser.toPlainText().strip() == ""
    painted = []
    win.canvas.firstPainted.connect(lambda: painted.append(win.passage_panel.browser.toPlainText()))
    win.show()
    qtbot.waitUntil(lambda: "Inchon" in win.passage_panel.browser.toPlainText(), timeout=5000)
    assert painted == [""]  # the map was on screen before the panel was filled
