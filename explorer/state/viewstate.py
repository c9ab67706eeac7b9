"""The one evented object that says "where we are" in the app.

Widgets write to a :class:`ViewState` and listen to it; it knows nothing of Qt.
Each field has its own event, so a listener hears only what it cares about
(the pattern of napari's ``Dims`` model).  It holds everything a user sets and
expects back on the next start: the date, playback (playing, speed, loop), the
visible layers, the place-name spelling, the map's view extent, the timeline's zoom and the export
options.  :mod:`explorer.qt.settings` saves and restores all of it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

#: Map layers a user can show or hide.
LAYERS = ("territory", "front", "previous", "movements", "towns", "rivers", "parallel", "armistice", "events",
          "relief", "named_lines")

#: How each layer is named in menus and legends.
LAYER_TITLES = {
    "territory": "Territory of each side",
    "front": "Front line",
    "previous": "Previous front",
    "movements": "Movement arrows",
    "towns": "Towns",
    "rivers": "Rivers",
    "parallel": "38th parallel",
    "armistice": "Armistice line",
    "events": "Event markers",
    "relief": "Relief (mountains)",
    "named_lines": "Named lines (Kansas, Jamestown, DMZ...)",
}


#: A map extent in map metres: (xmin, xmax, ymin, ymax).
Extent = tuple[float, float, float, float]


@dataclass(frozen=True)
class ExportOptions:
    """What the export dialogs were last set to (remembered after each export).

    ``folder`` is where the last file went ("" for none yet); ``*_view`` is
    ``"peninsula"`` or ``"zoom"`` (the map's current zoom); dates of ``None``
    mean the whole war.

    The layers of an export default to the window's: ``*_layers_off`` are the
    layers the user left out of the last export although the window showed
    them, ``*_layers_on`` those added although the window hid them (see
    :meth:`export_layers`).
    """

    folder: str = ""
    snapshot_preset: str = "slide"
    snapshot_width: int = 1920
    snapshot_height: int = 1080
    snapshot_dpi: int = 150
    snapshot_format: str = "png"
    snapshot_view: str = "action"
    snapshot_caption: bool = False
    animation_step: str = "7d"
    animation_fps: float = 4.0
    animation_size: str = "1920x1080"
    animation_format: str = "gif"
    animation_view: str = "peninsula"
    animation_from: dt.date | None = None
    animation_to: dt.date | None = None
    snapshot_layers_off: frozenset[str] = frozenset()
    snapshot_layers_on: frozenset[str] = frozenset()
    animation_layers_off: frozenset[str] = frozenset()
    animation_layers_on: frozenset[str] = frozenset()

    def export_layers(self, kind: str, window_layers: frozenset[str]) -> frozenset[str]:
        """The layers an export starts with: the window's, less those left out last time, plus those added.

        Parameters
        ----------
        kind
            ``"snapshot"`` or ``"animation"``.
        window_layers
            The layers the window shows.
        """
        off, on = getattr(self, f"{kind}_layers_off"), getattr(self, f"{kind}_layers_on")
        return (frozenset(window_layers) - off) | (on & frozenset(LAYERS))

    def with_export_layers(self, kind: str, window_layers: frozenset[str],
                           chosen: frozenset[str]) -> ExportOptions:
        """These options remembering *chosen* as the layers of a *kind* export from a window showing
        *window_layers* (stored as the difference, so the next export follows the window again)."""
        window_layers, chosen = frozenset(window_layers), frozenset(chosen)
        changes: dict[str, Any] = {f"{kind}_layers_off": window_layers - chosen,
                                   f"{kind}_layers_on": chosen - window_layers}
        return replace(self, **changes)


class Event:
    """A list of callbacks called with the new value when a field changes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[[Any], None]] = []
        self._blocked = 0

    @contextmanager
    def blocked(self) -> Iterator[None]:
        """Within this block, changes are not announced (for restoring a saved state)."""
        self._blocked += 1
        try:
            yield
        finally:
            self._blocked -= 1

    def connect(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """Call *callback(value)* on every change; returns it (usable as a decorator)."""
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[Any], None]) -> None:
        """Stop calling *callback*."""
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, value: Any) -> None:
        """Call every connected callback with *value* (none while :meth:`blocked`)."""
        if self._blocked:
            return
        for cb in list(self._callbacks):
            cb(value)


class ViewStateEvents:
    """The events of a :class:`ViewState`, one per field."""

    def __init__(self) -> None:
        self.date = Event("date")
        self.playing = Event("playing")
        self.speed = Event("speed")
        self.layers = Event("layers")
        self.romanization = Event("romanization")
        self.loop = Event("loop")
        self.view = Event("view")
        self.export = Event("export")
        self.timeline_span = Event("timeline_span")

    def __iter__(self) -> Iterator[Event]:
        return iter((self.date, self.playing, self.speed, self.layers, self.romanization, self.loop, self.view,
                     self.export, self.timeline_span))


class ViewState:
    """Current date, playback, visible layers, place names, map view and export options.

    Parameters
    ----------
    date
        The day shown.
    minimum, maximum
        The span the date is clamped to.
    """

    def __init__(self, date: dt.date, minimum: dt.date, maximum: dt.date) -> None:
        self.events = ViewStateEvents()
        self.minimum = minimum
        self.maximum = maximum
        self._date = self._clamp(date)
        self._playing = False
        self._speed = 7.0
        self._layers = frozenset(LAYERS)
        self._romanization = "wartime"
        self._loop = False
        self._view: Extent | None = None
        self._export = ExportOptions()
        self._timeline_span: tuple[dt.date, dt.date] | None = None

    def _clamp(self, d: dt.date) -> dt.date:
        return min(max(d, self.minimum), self.maximum)

    @property
    def date(self) -> dt.date:
        """The day shown; setting it clamps to the span and emits ``events.date``."""
        return self._date

    @date.setter
    def date(self, value: dt.date) -> None:
        value = self._clamp(value)
        if value != self._date:
            self._date = value
            self.events.date.emit(value)

    def step_days(self, days: int) -> None:
        """Move the date by *days* (negative goes back)."""
        self.date = self._date + dt.timedelta(days=days)

    def step_months(self, months: int) -> None:
        """Move the date by whole months, keeping the day where the month allows."""
        m = self._date.month - 1 + months
        y = self._date.year + m // 12
        m = m % 12 + 1
        day = min(self._date.day, calendar.monthrange(y, m)[1])
        self.date = dt.date(y, m, day)

    @property
    def playing(self) -> bool:
        """Whether playback runs."""
        return self._playing

    @playing.setter
    def playing(self, value: bool) -> None:
        if bool(value) != self._playing:
            self._playing = bool(value)
            self.events.playing.emit(self._playing)

    @property
    def speed(self) -> float:
        """Playback speed in days per second."""
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        value = float(min(max(value, 1.0), 365.0))
        if value != self._speed:
            self._speed = value
            self.events.speed.emit(value)

    @property
    def layers(self) -> frozenset[str]:
        """The visible layers (names from :data:`LAYERS`)."""
        return self._layers

    @layers.setter
    def layers(self, value: frozenset[str] | set[str]) -> None:
        value = frozenset(v for v in value if v in LAYERS)
        if value != self._layers:
            self._layers = value
            self.events.layers.emit(value)

    def set_layer(self, name: str, visible: bool) -> None:
        """Show or hide one layer."""
        self.layers = (self._layers | {name}) if visible else (self._layers - {name})

    @property
    def romanization(self) -> str:
        """``"wartime"`` (Pusan, Inchon) or ``"modern"`` (Busan, Incheon) place names."""
        return self._romanization

    @romanization.setter
    def romanization(self, value: str) -> None:
        if value not in ("wartime", "modern"):
            raise ValueError(f"romanization must be 'wartime' or 'modern', not {value!r}")
        if value != self._romanization:
            self._romanization = value
            self.events.romanization.emit(value)

    @property
    def loop(self) -> bool:
        """Whether playback starts again at the end of the timeline."""
        return self._loop

    @loop.setter
    def loop(self, value: bool) -> None:
        if bool(value) != self._loop:
            self._loop = bool(value)
            self.events.loop.emit(self._loop)

    @property
    def view(self) -> Extent | None:
        """The map extent asked for, in map metres, or ``None`` for the whole peninsula.

        The map widens it to the shape of its window (a metre as long across as
        up the map).
        """
        return self._view

    @view.setter
    def view(self, value: Extent | None) -> None:
        if value is not None:
            x0, x1, y0, y1 = (float(v) for v in value)
            if not (x1 > x0 and y1 > y0):
                raise ValueError(f"a view extent needs xmin < xmax and ymin < ymax, not {value!r}")
            value = (x0, x1, y0, y1)
        if value != self._view:
            self._view = value
            self.events.view.emit(value)

    @property
    def export(self) -> ExportOptions:
        """The export dialogs' options (replace the whole :class:`ExportOptions` to change them)."""
        return self._export

    @export.setter
    def export(self, value: ExportOptions) -> None:
        if not isinstance(value, ExportOptions):
            raise TypeError(f"export options must be ExportOptions, not {type(value).__name__}")
        if value != self._export:
            self._export = value
            self.events.export.emit(value)

    @property
    def timeline_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the timeline shows (its zoom); ``None`` for its default view."""
        return self._timeline_span

    @timeline_span.setter
    def timeline_span(self, value: tuple[dt.date, dt.date] | None) -> None:
        if value is not None:
            a, b = (self._clamp(value[0]), self._clamp(value[1]))
            if b < a:
                a, b = b, a
            value = (a, b)
        if value != self._timeline_span:
            self._timeline_span = value
            self.events.timeline_span.emit(value)
