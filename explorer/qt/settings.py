"""Remembered settings, read defensively.

Settings live in ``QSettings`` (on Linux an INI file under ``~/.config``).
A file that cannot be parsed is moved aside (``*.corrupt-<time>``, so nothing
of the user's is lost) and replaced by defaults; a value of the wrong type or
out of range falls back to its default.  Each such repair leaves a line in
:attr:`AppSettings.notices`, which the window shows once in its status bar.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from explorer.state.viewstate import LAYERS

KEY_DATE = "view/date"
KEY_LAYERS = "view/layers"
KEY_ROMANIZATION = "view/romanization"
KEY_TIMELINE_SPAN = "view/timeline_span"
KEY_SPEED = "playback/speed"
KEY_LOOP = "playback/loop"
KEY_GEOMETRY = "window/geometry"
KEY_WINDOW_STATE = "window/state"


class AppSettings:
    """Typed, validated access to the app's QSettings.

    Parameters
    ----------
    settings
        The store; a fresh ``QSettings()`` of the application by default.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self.q = settings if settings is not None else QSettings()
        self.notices: list[str] = []
        if self.q.status() != QSettings.Status.NoError:
            self._replace_corrupt()

    def _replace_corrupt(self) -> None:
        path = Path(self.q.fileName())
        moved = ""
        if path.is_file():
            backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                path.replace(backup)
                moved = f" (the old file was kept as {backup.name})"
            except OSError:
                moved = ""
        self.q = QSettings(self.q.fileName(), self.q.format()) if path.name else QSettings()
        self.q.clear()
        self.q.sync()
        self.notices.append(f"The settings file could not be read and was replaced with defaults{moved}.")

    # ------------------------------------------------------------------ date

    def date(self, default: dt.date, minimum: dt.date, maximum: dt.date) -> dt.date:
        """The remembered date, or *default* if none, unreadable or outside the timeline."""
        raw = self.q.value(KEY_DATE)
        if raw in (None, ""):
            return default
        try:
            d = dt.date.fromisoformat(str(raw))
        except ValueError:
            self.notices.append(f"The remembered date {raw!r} could not be read; showing {default.isoformat()}.")
            return default
        if not minimum <= d <= maximum:
            self.notices.append(f"The remembered date {d.isoformat()} lies outside the timeline; "
                                f"showing {default.isoformat()}.")
            return default
        return d

    def set_date(self, d: dt.date) -> None:
        """Remember the date shown."""
        self.q.setValue(KEY_DATE, d.isoformat())

    # ------------------------------------------------------------------ view

    def layers(self) -> frozenset[str]:
        """The visible layers (all by default); unknown names are dropped."""
        raw = self.q.value(KEY_LAYERS)
        if raw is None:
            return frozenset(LAYERS)
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else None
        if items is None:
            self.notices.append("The remembered map layers could not be read; showing all layers.")
            return frozenset(LAYERS)
        if items == [""]:
            return frozenset()
        return frozenset(str(x) for x in items if str(x) in LAYERS)

    def set_layers(self, layers: frozenset[str]) -> None:
        """Remember the visible layers."""
        self.q.setValue(KEY_LAYERS, sorted(layers) if layers else "")

    def romanization(self) -> str:
        """``"wartime"`` or ``"modern"``."""
        raw = str(self.q.value(KEY_ROMANIZATION, "wartime"))
        return raw if raw in ("wartime", "modern") else "wartime"

    def set_romanization(self, value: str) -> None:
        """Remember the place-name spelling."""
        self.q.setValue(KEY_ROMANIZATION, value)

    def timeline_span(self, minimum: dt.date, maximum: dt.date) -> tuple[dt.date, dt.date] | None:
        """The timeline's remembered zoom (first and last day shown), or ``None`` for its default view."""
        raw = self.q.value(KEY_TIMELINE_SPAN)
        if raw in (None, ""):
            return None
        try:
            a, b = (dt.date.fromisoformat(x.strip()) for x in str(raw).split("/"))
        except ValueError:
            self.notices.append(f"The remembered timeline zoom {raw!r} could not be read; showing the default.")
            return None
        if not (minimum <= a < b <= maximum):
            return None
        return a, b

    def set_timeline_span(self, span: tuple[dt.date, dt.date] | None) -> None:
        """Remember the timeline's zoom (``None`` forgets it)."""
        self.q.setValue(KEY_TIMELINE_SPAN, "" if span is None else f"{span[0].isoformat()}/{span[1].isoformat()}")

    def speed(self) -> float:
        """Playback speed in days per second (1..365; a week a second, 7, by default)."""
        try:
            v = float(self.q.value(KEY_SPEED, 7.0))
        except (TypeError, ValueError):
            return 7.0
        return v if 1.0 <= v <= 365.0 else 7.0

    def set_speed(self, value: float) -> None:
        """Remember the playback speed."""
        self.q.setValue(KEY_SPEED, float(value))

    def loop(self) -> bool:
        """Whether playback loops."""
        return str(self.q.value(KEY_LOOP, "false")).lower() in ("true", "1")

    def set_loop(self, value: bool) -> None:
        """Remember whether playback loops."""
        self.q.setValue(KEY_LOOP, bool(value))

    # ------------------------------------------------------------------ window

    def geometry(self) -> QByteArray | None:
        """The saved window geometry, if any."""
        v = self.q.value(KEY_GEOMETRY)
        return v if isinstance(v, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        """Remember the window geometry."""
        self.q.setValue(KEY_GEOMETRY, value)

    def sync(self) -> None:
        """Write to disk now."""
        self.q.sync()


def reset_settings() -> str:
    """Forget every setting (``--reset-settings``); returns the settings file's path."""
    q = QSettings()
    path = q.fileName()
    q.clear()
    q.sync()
    return path
