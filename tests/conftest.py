"""Shared fixtures: headless Qt, isolated settings, the real seeds when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI replays the same hypothesis examples every run (a red CI then means a
# change broke something); a developer's run keeps exploring new ones.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
os.environ.setdefault("MPLBACKEND", "Agg")
# The tests' own cache of loaded data, never the user's.
if "KWE_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["KWE_CACHE_DIR"] = tempfile.mkdtemp(prefix="kwe-test-cache-")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the four real source documents; skips when it is not there."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"the source documents are not at {SEEDS} (CI has them; they are not in the project)")
    return SEEDS


@pytest.fixture(scope="session")
def chronology():
    """The bundled chronology, loaded once."""
    from explorer.war.chronology import Chronology

    return Chronology.load()


@pytest.fixture
def settings_dir(tmp_path, monkeypatch) -> Path:
    """Point QSettings at a temporary folder so tests never touch a user's settings."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def main_window(qtbot, chronology, settings_dir):
    """The main window at 15 September 1950, shown and drawn; closed afterwards."""
    import datetime as dt

    from explorer.qt.app import make_application
    from explorer.qt.main_window import MainWindow

    make_application()
    win = MainWindow(chronology, dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.render_now()
    yield win
    win.close()


@pytest.fixture(autouse=True)
def _no_unexpected_message_box(monkeypatch):
    """A message box nobody expected fails the test instead of waiting for a click forever.

    Tests that expect one patch ``QMessageBox.<kind>`` themselves (their patch wins).
    """
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:  # pragma: no cover - a run without Qt
        yield
        return

    def unexpected(kind):
        def fail(*args, **kwargs):
            text = next((a for a in args if isinstance(a, str) and len(a) > 20), args[2] if len(args) > 2 else "")
            raise AssertionError(f"unexpected QMessageBox.{kind}: {text}")
        return fail

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))
    yield
