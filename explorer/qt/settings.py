"""Remembered settings, read defensively: the one owner of ``QSettings``.

:class:`AppSettings` is the only code of the app that reaches ``QSettings``:
it restores the whole :class:`~explorer.state.viewstate.ViewState` at start
(:meth:`AppSettings.restore_state`), saves each field a user changes
(:meth:`AppSettings.attach`) and the date and map view on closing
(:meth:`AppSettings.save_state`), and keeps the window's own things (geometry,
splitter, the folders of source documents, whether the Events panel is open and
the kinds it ticks).

Settings live in ``QSettings`` (on Linux an INI file under ``~/.config``).
A file that cannot be parsed is moved aside (``*.corrupt-<time>``, so nothing
of the user's is lost) and replaced by defaults; a value of the wrong type or
out of range falls back to its default.  Each such repair leaves a line in
:attr:`AppSettings.notices`, which the window shows once in its status bar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from explorer.state.viewstate import LAYERS, Extent, ExportOptions, ViewState

KEY_DATE = "view/date"
KEY_LAYERS = "view/layers"
KEY_ROMANIZATION = "view/romanization"
KEY_TIMELINE_SPAN = "view/timeline_span"
KEY_SPEED = "playback/speed"
KEY_LOOP = "playback/loop"
KEY_GEOMETRY = "window/geometry"
KEY_WINDOW_STATE = "window/state"
KEY_VIEW = "view/extent"
KEY_SPLITTER = "window/splitter"
KEY_SOURCES = "sources/paths"
KEY_SOURCES_EXCLUDED = "sources/excluded"
KEY_EVENTS_PANEL = "view/events_panel"
KEY_EVENT_KINDS = "view/event_kinds"

#: Each export option and its QSettings key (the keys the export dialogs have always used).
EXPORT_KEYS = {
    "folder": "export/folder",
    "snapshot_preset": "export/snapshot/preset",
    "snapshot_width": "export/snapshot/width",
    "snapshot_height": "export/snapshot/height",
    "snapshot_dpi": "export/snapshot/dpi",
    "snapshot_format": "export/snapshot/format",
    "snapshot_view": "export/snapshot/view",
    "snapshot_caption": "export/snapshot/caption",
    "animation_step": "export/animation/step",
    "animation_fps": "export/animation/fps",
    "animation_size": "export/animation/size",
    "animation_format": "export/animation/format",
    "animation_view": "export/animation/view",
    "animation_from": "export/animation/from",
    "animation_to": "export/animation/to",
    "snapshot_layers_off": "export/snapshot/layers_off",
    "snapshot_layers_on": "export/snapshot/layers_on",
    "animation_layers_off": "export/animation/layers_off",
    "animation_layers_on": "export/animation/layers_on",
}


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
        # Only a file that cannot be parsed is replaced: an AccessError (no folder
        # yet, or no application name set) is no reason to clear anything.
        if self.q.status() == QSettings.Status.FormatError:
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
            v = float(str(self.q.value(KEY_SPEED, 7.0)))
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

    def events_panel_open(self) -> bool:
        """Whether the Events panel was open when the window last closed (it opens so again)."""
        return str(self.q.value(KEY_EVENTS_PANEL, "false")).lower() in ("true", "1")

    def event_kinds(self) -> frozenset[str] | None:
        """The kinds of event last ticked in the Events panel (``None``: never chosen, all of them)."""
        raw = self.q.value(KEY_EVENT_KINDS)
        if raw is None:
            return None
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
        return frozenset(str(x) for x in items if str(x))

    def splitter(self) -> QByteArray | None:
        """The saved state of the map/panel splitter, if any."""
        v = self.q.value(KEY_SPLITTER)
        return v if isinstance(v, QByteArray) else None

    def set_splitter(self, value: QByteArray) -> None:
        """Remember the map/panel splitter."""
        self.q.setValue(KEY_SPLITTER, value)

    # ------------------------------------------------------------------ sources

    def source_paths(self) -> list[str] | None:
        """The folders and files of source documents last open; None when unreadable."""
        value = self.q.value(KEY_SOURCES, [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value if str(v)]
        return None

    def set_source_paths(self, paths: list[str]) -> None:
        """Remember the open sources."""
        self.q.setValue(KEY_SOURCES, list(paths))

    def source_excluded(self) -> list[str]:
        """Files removed from an open folder in View > Sources (never read while it stays open)."""
        value = self.q.value(KEY_SOURCES_EXCLUDED, [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value if str(v)]
        return []

    def set_source_excluded(self, paths: list[str]) -> None:
        """Remember the files removed from open folders."""
        self.q.setValue(KEY_SOURCES_EXCLUDED, list(paths))

    # ------------------------------------------------------------------ map view

    def view(self) -> Extent | None:
        """The remembered map extent (map metres), or None for the whole peninsula."""
        raw = self.q.value(KEY_VIEW)
        if raw in (None, "", []):
            return None
        try:
            items = [raw] if isinstance(raw, str) else list(raw)
            if len(items) == 1:
                items = str(items[0]).split(",")
            x0, x1, y0, y1 = (float(v) for v in items)
        except (TypeError, ValueError):
            self.notices.append("The remembered map view could not be read; showing the whole peninsula.")
            return None
        if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or not (x1 > x0 and y1 > y0):
            self.notices.append("The remembered map view could not be read; showing the whole peninsula.")
            return None
        return x0, x1, y0, y1

    def set_view(self, view: Extent | None) -> None:
        """Remember the map extent (None: the whole peninsula)."""
        self.q.setValue(KEY_VIEW, "" if view is None else ",".join(repr(float(v)) for v in view))

    # ------------------------------------------------------------------ export options

    def export_options(self) -> ExportOptions:
        """The remembered export options; an unreadable one falls back to its default."""
        default = ExportOptions()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(ExportOptions):
            raw = self.q.value(EXPORT_KEYS[f.name])
            fallback = getattr(default, f.name)
            if raw is None:
                continue
            values[f.name] = _coerce(raw, fallback, f.name)
        return ExportOptions(**values)

    def set_export_options(self, options: ExportOptions) -> None:
        """Remember the export options (written to disk at once)."""
        for f in dataclasses.fields(ExportOptions):
            value = getattr(options, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, frozenset):
                value = ",".join(sorted(value))
            elif value is None:
                value = ""
            self.q.setValue(EXPORT_KEYS[f.name], value)
        self.q.sync()

    # ------------------------------------------------------------------ the whole state

    def restore_state(self, state: ViewState, *, date: bool = True) -> None:
        """Put every remembered setting into *state* (the date too, unless *date* is false)."""
        if date:
            state.date = self.date(state.date, state.minimum, state.maximum)
        state.layers = self.layers()
        state.romanization = self.romanization()
        state.speed = self.speed()
        state.loop = self.loop()
        state.view = self.view()
        state.export = self.export_options()
        state.timeline_span = self.timeline_span(state.minimum, state.maximum)

    def attach(self, state: ViewState) -> None:
        """Remember each setting of *state* as it changes (the date and view: see :meth:`save_state`)."""
        state.events.layers.connect(self.set_layers)
        state.events.romanization.connect(self.set_romanization)
        state.events.speed.connect(self.set_speed)
        state.events.loop.connect(self.set_loop)
        state.events.export.connect(self.set_export_options)
        state.events.timeline_span.connect(self.set_timeline_span)

    def save_state(self, state: ViewState) -> None:
        """Remember all of *state* now (the app calls this when its window closes)."""
        self.set_date(state.date)
        self.set_view(state.view)
        self.set_layers(state.layers)
        self.set_romanization(state.romanization)
        self.set_speed(state.speed)
        self.set_loop(state.loop)
        self.set_export_options(state.export)
        self.set_timeline_span(state.timeline_span)


def _coerce(raw: Any, fallback: Any, name: str) -> Any:
    """*raw* read from QSettings as the type of *fallback* (or *fallback* when it cannot be)."""
    if name in ("animation_from", "animation_to"):
        try:
            return dt.date.fromisoformat(str(raw)) if str(raw) else None
        except ValueError:
            return None
    if isinstance(fallback, frozenset):
        # Layer names, comma-separated (a list from an older QSettings backend is read too).
        items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
        return frozenset(str(x).strip() for x in items if str(x).strip() in LAYERS)
    try:
        if isinstance(fallback, bool):
            return str(raw).lower() in ("true", "1")
        if isinstance(fallback, int):
            return int(raw)
        if isinstance(fallback, float):
            v = float(raw)
            return v if math.isfinite(v) else fallback
        return str(raw)
    except (TypeError, ValueError):
        return fallback


def reset_settings() -> str:
    """Forget every setting (``--reset-settings``); returns the settings file's path."""
    q = QSettings()
    path = q.fileName()
    q.clear()
    q.sync()
    return path
