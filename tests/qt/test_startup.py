"""A start-up that never fails silently; Ctrl+C and SIGTERM close the window and keep the settings."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys

import pytest

from explorer.qt import startup


def _cli() -> list[str]:
    return [sys.executable, "-m", "explorer"]


def _env(tmp_path, **extra) -> dict[str, str]:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), KWE_LOG_DIR=str(tmp_path / "logs"), KWE_NO_DIALOG="1")
    env.update(extra)
    return env


def test_a_platform_plugin_that_cannot_load_is_logged_and_named(tmp_path):
    env = _env(tmp_path, QT_QPA_PLATFORM="nosuchplatform")
    proc = subprocess.run(_cli() + ["--date", "1950-09-15"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode != 0
    log = tmp_path / "logs" / startup.LOG_NAME
    assert log.is_file(), proc.stderr
    text = log.read_text(encoding="utf-8")
    assert "could not start" in text and "nosuchplatform" in text
    assert str(log) in proc.stderr  # the message names the log file


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux session without a display")
def test_smoke_test_does_not_fall_back_to_offscreen_by_itself(tmp_path):
    env = _env(tmp_path)
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    proc = subprocess.run(_cli() + ["--smoke-test"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode != 0
    assert "smoke test: ok" not in proc.stdout
    assert "platform plugin" in (tmp_path / "logs" / startup.LOG_NAME).read_text(encoding="utf-8")


def test_an_exception_at_start_up_is_logged_with_its_traceback(tmp_path, monkeypatch, capsys, settings_dir):
    from explorer.qt import app as qtapp

    def broken(*_args, **_kwargs):
        raise RuntimeError("the map data is unreadable")

    monkeypatch.setenv("KWE_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(qtapp, "open_main_window", broken)
    assert qtapp.run(dt.date(1950, 9, 15)) == 1
    text = (tmp_path / "logs" / startup.LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: the map data is unreadable" in text and "Traceback" in text
    err = capsys.readouterr().err
    assert str(tmp_path / "logs" / startup.LOG_NAME) in err


def test_dialog_text_names_the_log():
    text = startup.dialog_text("Qt could not open a window", startup.log_path())
    assert "could not start" in text and str(startup.log_path()) in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signals_close_the_window_and_save_the_settings(main_window, qtbot, signum):
    from PySide6.QtWidgets import QApplication

    from explorer.qt.settings import AppSettings

    win = main_window
    win.state.date = dt.date(1951, 3, 14)
    app = QApplication.instance()
    undo = startup.install_signal_handlers(app, win.close)
    try:
        os.kill(os.getpid(), signum)
        qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)
    finally:
        undo()
    remembered = AppSettings().date(dt.date(1950, 6, 25), dt.date(1945, 1, 1), dt.date(1999, 12, 31))
    assert remembered == dt.date(1951, 3, 14)


def test_install_desktop_on_macos_says_what_to_do_and_installs_nothing(tmp_path, monkeypatch, capsys):
    from explorer.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr(sys, "platform", "darwin")
    assert main(["--install-desktop"]) == 1
    err = capsys.readouterr().err
    assert "Korean War Explorer.app" in err and "Nothing was installed" in err
    assert not (tmp_path / "share").exists()


def test_install_desktop_on_windows_makes_a_start_menu_shortcut(tmp_path, monkeypatch, capsys):
    from explorer import desktop
    from explorer.cli import main

    calls = []

    def fake_run(cmd, **kwargs):
        calls.append(cmd)
        link = desktop.shortcut_path()
        link.write_bytes(b"L\0\0\0")  # what WScript.Shell would have written
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(subprocess, "run", fake_run)
    assert main(["--install-desktop"]) == 0
    link = tmp_path / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Korean War Explorer.lnk"
    assert link.is_file() and str(link) in capsys.readouterr().out
    script = calls[0][-1]
    assert "WScript.Shell" in script and str(link) in script and "$s.Save()" in script
    assert not (tmp_path / "share").exists()  # no freedesktop files on Windows
    assert main(["--uninstall-desktop"]) == 0 and not link.exists()
