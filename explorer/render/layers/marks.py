"""The marks layer: the movement arrows active on a date and the markers of its events."""

from __future__ import annotations

import datetime as dt

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from explorer.render import style
from explorer.render.arrows import arrow_path
from explorer.render.layers.base import Layer
from explorer.war.chronology import WarState
from explorer.war.projection import to_xy

__all__ = ["MAX_ARROWS", "MarksLayer"]

#: Movement arrows drawn at most on one date.
MAX_ARROWS = 6
#: Width of an arrow's shaft in map metres, at most (the whole peninsula in view).
ARROW_WIDTH_M = 15_000.0
#: Zoomed in, an arrow's shaft is this share of the view's short side (so it keeps its size on screen).
ARROW_SPAN_FRACTION = 0.0135
#: Opacity of an arrow over its range (it fades after its end).
ARROW_ALPHA = 0.82


class MarksLayer(Layer):
    """Arrows of the movements under way and stars at the places of the day's events.

    An arrow is drawn as far as its movement had come that day and fades
    after its end; a landing or evacuation by sea is sea-blue with a dashed,
    line-hatched body.

    Parameters
    ----------
    ax
        The map's axes.
    movements
        The chronology's movements (each with ``active(date)``, ``xy`` and ``side``).
    """

    def __init__(self, ax: Axes, movements) -> None:
        super().__init__(ax)
        self.movements = movements
        self.arrows = [PathPatch(Path(np.zeros((1, 2))), facecolor=style.ARROW_UN, edgecolor="white",
                                 linewidth=0.8, alpha=0.82, zorder=6.5, visible=False) for _ in range(MAX_ARROWS)]
        for a in self.arrows:
            ax.add_artist(a)
        self.active_movements: list = []
        self.event_markers = ax.scatter([], [], s=70, marker="*", c=style.EVENT_MARKER, edgecolors="white",
                                        linewidths=0.8, zorder=10)
        self.events: list = []
        self.active_events: list[int] = []
        self.event_xy = np.zeros((0, 2))
        self.arrow_width_m = ARROW_WIDTH_M

    def set_view_span(self, span_m: float) -> None:
        """Size the arrows for a view *span_m* metres across (its short side): narrower when zoomed in."""
        self.arrow_width_m = float(min(ARROW_WIDTH_M, max(span_m * ARROW_SPAN_FRACTION, 600.0)))

    def boxes_px(self) -> list[tuple[float, float, float, float]]:
        """Display-pixel boxes around the visible arrowheads and event markers."""
        out = []
        to_px = self.ax.transData
        for m, patch in zip(self.active_movements, self.arrows):
            if not patch.get_visible():
                continue
            tip = np.asarray(m.xy[-1], dtype=float)
            r = 2.0 * self.arrow_width_m
            (x0, y0), (x1, y1) = to_px.transform([tip - r, tip + r])
            out.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        return out + self.marker_boxes_px()

    def marker_boxes_px(self) -> list[tuple[float, float, float, float]]:
        """Display-pixel boxes around the visible event markers."""
        out = []
        if self.active_events and self.event_markers.get_visible():
            size = float(np.sqrt(self.event_markers.get_sizes()[0])) if len(self.event_markers.get_sizes()) else 8.0
            half = size * self.ax.figure.dpi / 72.0 * 0.5
            for x, y in self.ax.transData.transform(self.event_xy[self.active_events]):
                out.append((x - half, y - half, x + half, y + half))
        return out

    @property
    def dynamic_artists(self) -> list:
        return [*self.arrows, self.event_markers]

    def shown_key(self) -> tuple:
        arrows = tuple((p.get_path().vertices, p.get_facecolor(), p.get_alpha(), p.get_linestyle(), p.get_hatch())
                       if p.get_visible() else False for p in self.arrows)
        m = self.event_markers
        return arrows, (m.get_offsets(), m.get_sizes(), m.get_facecolor(), m.get_edgecolor()) if m.get_visible() else False

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        self._update_arrows(state.date, layers)
        self._update_events(state.date, layers)

    def _update_arrows(self, d: dt.date, layers: frozenset[str]) -> None:
        moves = [m for m in self.movements if m.active(d)] if "movements" in layers else []
        self.active_movements = moves[:MAX_ARROWS]
        for i, patch in enumerate(self.arrows):
            if i < len(self.active_movements):
                m = self.active_movements[i]
                # Only as far as the movement had come that day; fading after its end.
                course = m.course_on(d) if hasattr(m, "course_on") else m.xy
                patch.set_path(arrow_path(course, self.arrow_width_m))
                sea = getattr(m, "by_sea", False)
                patch.set_facecolor(style.ARROW_SEA if sea else
                                    style.ARROW_UN if m.side == "UN" else style.ARROW_COMMUNIST)
                patch.set_linestyle((0, (3, 2)) if sea else "-")
                patch.set_hatch("--" if sea else "")
                fade = m.opacity(d) if hasattr(m, "opacity") else 1.0
                patch.set_alpha(ARROW_ALPHA * fade)
                patch.set_visible(fade > 0)
            else:
                patch.set_visible(False)

    def set_events(self, events: list) -> None:
        """Events to mark at their dates (those with a place)."""
        self.events = [e for e in events if getattr(e, "place", None) is not None]
        if self.events:
            xs, ys = to_xy([e.place.lon for e in self.events], [e.place.lat for e in self.events])
            self.event_xy = np.column_stack([np.atleast_1d(xs), np.atleast_1d(ys)])
        else:
            self.event_xy = np.zeros((0, 2))

    def _update_events(self, d: dt.date, layers: frozenset[str]) -> None:
        slack = dt.timedelta(days=style.EVENT_MARKER_SLACK_DAYS)
        if "events" not in layers or not self.events:
            self.active_events = []
        else:
            self.active_events = [i for i, e in enumerate(self.events) if e.start - slack <= d <= e.end + slack]
        self.event_markers.set_offsets(self.event_xy[self.active_events] if self.active_events
                                       else np.zeros((0, 2)))
        self.event_markers.set_visible(bool(self.active_events))

    def events_shown(self) -> list:
        """The events marked on the map now."""
        return [self.events[i] for i in self.active_events]
