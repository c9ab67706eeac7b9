"""The map of the war, drawn with matplotlib alone.

:class:`MapRenderer` holds the map's layers (:mod:`explorer.render.layers`),
each a small class owning its artists on the ``Axes``, and a camera; it
passes them the date's state and the user's layer choices and never creates
a figure with ``pyplot``.  The same class draws into the window's canvas and
into a bare :class:`matplotlib.figure.Figure` for export.

Artists that change with the date (territory, fronts, arrows, markers, the
date and phase texts) are listed by :attr:`MapRenderer.dynamic_artists`, so a
canvas can blit them over a cached background.

A new kind of thing on the map is a new :class:`~explorer.render.layers.base.Layer`:
create it in :meth:`MapRenderer.__init__` in drawing order and add it to
:attr:`MapRenderer.layer_objects`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.text import Text

from explorer.render import style
from explorer.render.layers.base import Layer
from explorer.render.layers.camera import Camera
from explorer.render.layers.card import CardLayer, status_line
from explorer.render.layers.fronts import FrontsLayer
from explorer.render.layers.labels import (
    HALO_WIDTH,
    HALO_ZORDER,
    DayObstacles,
    LabelsLayer,
    LabelSpec,
    day_obstacles,
    hits_shape,
)
from explorer.render.layers.land import LandLayer
from explorer.render.layers.marks import MarksLayer
from explorer.render.layers.namedlines import NamedLinesLayer
from explorer.render.layers.relief import ReliefLayer
from explorer.render.layers.sourceplaces import SourcePlacesLayer
from explorer.render.layers.territory import TerritoryLayer
from explorer.render.layers.uncertainty import ChangingLayer, ZonesLayer
from explorer.render.paths import polygon_path
from explorer.state.viewstate import LAYERS
from explorer.war.chronology import Chronology, WarState, format_date

__all__ = ["HALO_WIDTH", "HALO_ZORDER", "LabelSpec", "MapRenderer"]

#: Where each old attribute of the renderer lives now: (layer attribute, attribute of that layer).
_DELEGATED = {
    "neighbours": ("land", "neighbours"), "korea_base": ("land", "korea_base"), "coast": ("land", "coast"),
    "relief_image": ("relief", "image"), "rivers": ("land", "rivers"), "borders": ("land", "borders"), "parallel": ("land", "parallel"),
    "un_patch": ("territory", "un_patch"), "un_fill_path": ("territory", "un_fill_path"),
    "ghost": ("fronts", "ghost"), "front_casing": ("fronts", "front_casing"), "front": ("fronts", "front"),
    "armistice": ("fronts", "armistice"), "rings": ("fronts", "rings"), "line_clip": ("fronts", "line_clip"),
    "arrows": ("marks", "arrows"), "active_movements": ("marks", "active_movements"),
    "event_markers": ("marks", "event_markers"), "events": ("marks", "events"),
    "active_events": ("marks", "active_events"), "_event_xy": ("marks", "event_xy"),
    "towns": ("labels", "towns"), "town_labels": ("labels", "town_labels"),
    "_river_labels": ("labels", "river_labels"), "parallel_label": ("labels", "parallel_label"),
    "label_halos": ("labels", "halos"), "_labels_spec": ("labels", "specs"),
    "placed_label_boxes": ("labels", "placed_boxes"), "_axes_clip": ("labels", "axes_clip"),
    "date_text": ("card", "date_text"), "phase_text": ("card", "phase_text"), "note_text": ("card", "note_text"),
    "_overlay_text": ("card", "shown"),
}


class MapRenderer:
    """Draws a :class:`~explorer.war.chronology.WarState` on an Axes.

    Parameters
    ----------
    figure
        The figure to draw into (a window canvas's figure or a bare export figure).
    chronology
        The loaded chronology (fronts, geodata, phases).
    rect
        The axes rectangle in figure coordinates.
    overlay_text
        Whether to draw the big date, phase and front-status texts on the map.
    layers, romanization, view, crowded_rivers_hidden
        Start with these layers shown, these names, this extent (the whole
        peninsula when ``None``) and crowded river names hidden: the window
        starts so, and its names are then laid out once rather than once per
        setting (as :meth:`set_layers`, :meth:`set_romanization` and
        :meth:`set_view` would, each laying them out again).
    auto_layout
        Whether a change of view, layers, names or sizes lays the names out
        again (:attr:`auto_layout`).  An export sets its page up first and lays
        its names out once, for its date, with :meth:`layout_labels`.

    Attributes
    ----------
    land, relief, labels, territory, fronts, marks, card
        The layers (see :mod:`explorer.render.layers`); their artists are also
        reachable under their old names (``mapview.front``, ``mapview.towns``...).
    camera
        The view (extent, zoom, pan).
    """

    def __init__(self, figure: Figure, chronology: Chronology, *, rect: tuple[float, float, float, float] = (0, 0, 1, 1),
                 overlay_text: bool = True, layers: Iterable[str] | None = None, romanization: str = "wartime",
                 view: tuple[float, float, float, float] | None = None, crowded_rivers_hidden: bool = False,
                 auto_layout: bool = True) -> None:
        self.figure = figure
        self.chronology = chronology
        self.geodata = chronology.geodata
        self.layers: frozenset[str] = frozenset(LAYERS)
        self.romanization = "wartime"
        self.state: WarState | None = None
        #: Bumped whenever something static changes (view, layers, names), so
        #: cached renders of the static map know they are stale.
        self.generation = 0
        self.ax: Axes = figure.add_axes(rect)
        self._setup_axes()
        gd = self.geodata
        self.land = LandLayer(self.ax, gd)
        self.relief = ReliefLayer(self.ax)
        self.labels = LabelsLayer(self.ax, gd)
        off = chronology.offshore
        self._offshore_path = polygon_path(off) if off is not None else Path(np.zeros((1, 2)))
        self.territory = TerritoryLayer(self.ax, self.land.korea_base, self._offshore_path)
        self.changing = ChangingLayer(self.ax, self.land.korea_base, off, chronology.front_land)
        self.zones = ZonesLayer(self.ax, self.land.korea_base)
        self.fronts = FrontsLayer(self.ax, _clip_path_for(chronology))
        self.named_lines = NamedLinesLayer(self.ax, getattr(chronology, "named_lines", []))
        self.marks = MarksLayer(self.ax, chronology.movements)
        self.card = CardLayer(self.ax, overlay_text)
        self.source_places = SourcePlacesLayer(self.ax, gd.places)
        #: The layers in drawing order.
        self.layer_objects: list[Layer] = [self.land, self.relief, self.labels, self.territory, self.changing,
                                           self.zones, self.named_lines, self.fronts, self.marks, self.source_places,
                                           self.card]
        #: Display-pixel boxes that names keep clear of (an export's key and scale box).
        self.keep_free_px: list[tuple[float, float, float, float]] = []
        #: Whether names are laid out around the date's front and markers (an export, laid out per
        #: date).  The window lays its names out per view only, so they do not depend on the dates seen.
        self.date_aware_labels = False
        #: Whether the river names a town's name or dot would cross are hidden (the window; an
        #: export does it with its page's key and scale box in mind).
        self.crowded_rivers_hidden = False
        #: Whether a change of view, layers, names or sizes lays the names out again (else only
        #: :meth:`layout_labels` does).
        self.auto_layout = auto_layout
        self.camera = Camera(self.ax, None if gd.korea.is_empty else gd.korea.bounds, self._view_changed)
        if layers is not None:
            self.layers = frozenset(layers)
            for layer in self.layer_objects:
                layer.set_layers(self.layers)
        if romanization != self.romanization:
            self.romanization = romanization
            self.labels.set_romanization(romanization)
        self.crowded_rivers_hidden = crowded_rivers_hidden
        self.set_events(chronology.events)
        if view is None:
            self.home_view()
        else:
            self.set_view(*view)

    def __getattr__(self, name: str) -> Any:
        # Only called for names not found the usual way: the artists that moved into the layers.
        try:
            layer, attr = _DELEGATED[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") from None
        return getattr(self.__dict__[layer] if layer in self.__dict__ else object(), attr)

    # ------------------------------------------------------------------ construction

    def _setup_axes(self) -> None:
        ax = self.ax
        ax.set_facecolor(style.SEA)
        ax.set_aspect("auto")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_autoscale_on(False)
        for spine in ax.spines.values():
            spine.set_edgecolor("#8a96a0")
            spine.set_linewidth(0.8)

    def names_hidden(self, keep_halos: bool = True):
        """Hide the letters of the names and the town dots, keeping the names' halos (a static layer)
        unless *keep_halos* is false."""
        return self.labels.names_hidden(keep_halos)

    @property
    def name_halos(self) -> Artist:
        """The artist that draws the static names' halos (under the fronts)."""
        return self.labels.halos

    # ------------------------------------------------------------------ public API

    @property
    def overlay_artists(self) -> list:
        """Static artists drawn above the fronts: the place and river names and the town dots."""
        return self.labels.overlay_artists

    @property
    def steady_artists(self) -> list:
        """Dynamic artists that change only from one pair of records to the next (hatched zones).

        The compositor renders them once per change and blends their pixels,
        rather than drawing them on every step.
        """
        return [self.changing.patch, *self.zones.patches]

    @property
    def dynamic_artists(self) -> list:
        """Artists that change with the date, in drawing order."""
        return [a for layer in self.layer_objects for a in layer.dynamic_artists]

    def shown_keys(self) -> list:
        """What each layer drawn over the territory shows now (:meth:`Layer.shown_key`; ``None``
        where a layer cannot tell).  The UN side's fill and the hatched zones are left out: the
        compositor follows those itself."""
        apart = {id(a) for a in self.steady_artists} | {id(self.territory.un_patch)}
        return [layer.shown_key() for layer in self.layer_objects
                if any(id(a) not in apart for a in layer.dynamic_artists)]

    def set_date(self, date: dt.date | str) -> WarState:
        """Show the state of *date*; returns it."""
        state = self.chronology.state_at(date)
        self.set_state(state)
        return state

    def set_state(self, state: WarState) -> None:
        """Update the dynamic artists to show *state*."""
        self.state = state
        for layer in self.layer_objects:
            layer.set_state(state, self.layers)

    def set_events(self, events: list) -> None:
        """Events to mark on the map at their dates (those with a place)."""
        self.marks.set_events(events)
        if self.state is not None:
            self.marks.set_state(self.state, self.layers)

    def events_shown(self) -> list:
        """The events marked on the map now."""
        return self.marks.events_shown()

    @staticmethod
    def status_line(state: WarState) -> str:
        """What kind of front is shown: recorded (documented or inferred) or interpolated."""
        return status_line(state)

    def set_layers(self, layers: Iterable[str]) -> None:
        """Show only the given layers (names from :data:`explorer.state.viewstate.LAYERS`)."""
        self.layers = frozenset(layers)
        self.generation += 1
        for layer in self.layer_objects:
            layer.set_layers(self.layers)
        self._relayout()
        if self.state is not None:
            self.set_state(self.state)

    def set_romanization(self, which: str) -> None:
        """Label places with their ``"wartime"`` or ``"modern"`` names."""
        if which == self.romanization:
            return  # nothing to lay out again (the window sets it once at start)
        self.romanization = which
        self.generation += 1
        self.labels.set_romanization(which)
        self._relayout()

    # ------------------------------------------------------------------ view

    def home_bounds(self) -> tuple[float, float, float, float]:
        """The whole peninsula with a margin: (xmin, xmax, ymin, ymax) in map metres."""
        return self.camera.home_bounds()

    def home_view(self) -> None:
        """Show the whole peninsula."""
        self.set_view(*self.home_bounds())

    def set_view(self, xmin: float, xmax: float, ymin: float, ymax: float) -> None:
        """Show at least the given extent (map metres), widened to keep the scale true.

        The extent grows in width or height around its centre so that a metre
        is as long across as up the map, whatever the shape of the axes.
        """
        self.camera.set_view(xmin, xmax, ymin, ymax)

    def _view_changed(self) -> None:
        self.generation += 1
        x0, x1, y0, y1 = self.view()
        self.marks.set_view_span(min(x1 - x0, y1 - y0))
        if self.state is not None:
            self.marks.set_state(self.state, self.layers)
        self._relayout()

    def set_symbol_sizes(self, *, town_pt: float, capital_pt: float, river_pt: float, marker_pt: float,
                         dot_pt: float) -> None:
        """Size names and symbols in points (an export sizes them from its page; the window keeps the style's)."""
        self.generation += 1
        self.labels.set_sizes(town_pt=town_pt, capital_pt=capital_pt, river_pt=river_pt, dot_pt=dot_pt)
        self.marks.event_markers.set_sizes([marker_pt ** 2])
        self.marks.event_markers.set_linewidth(max(0.8, marker_pt / 14))
        self._relayout()

    def dynamic_boxes_px(self) -> list[tuple[float, float, float, float]]:
        """Display-pixel boxes of the day's arrowheads and event markers (names keep clear of them)."""
        return self.marks.boxes_px()

    def _near_the_action(self) -> set[int]:
        """Indices of the towns within 25 km of the shown front or 30 km of a marked event."""
        state = self.state
        specs = self.labels.specs
        if state is None or not specs:
            return set()
        pts = np.array([[sp.x, sp.y] for sp in specs])
        near = np.zeros(len(specs), dtype=bool)
        if self.front.get_visible() and len(state.front_xy) > 1:
            a, b = state.front_xy[:-1], state.front_xy[1:]
            ab = b - a
            for k in range(0, len(pts)):
                p = pts[k]
                t = np.clip(((p - a) * ab).sum(1) / np.maximum((ab ** 2).sum(1), 1e-9), 0, 1)
                d = np.hypot(*(a + ab * t[:, None] - p).T)
                near[k] = d.min() <= 25_000
        ev = self.marks.event_xy[self.marks.active_events] if self.marks.active_events else np.zeros((0, 2))
        for x, y in ev:
            near |= np.hypot(pts[:, 0] - x, pts[:, 1] - y) <= 30_000
        return set(np.flatnonzero(near).tolist())

    @property
    def _requested(self) -> tuple[float, float, float, float]:
        return self.camera.requested or self.home_bounds()

    def refit(self) -> None:
        """Fit the last requested extent to the axes again (after a resize)."""
        self.camera.refit()

    def view(self) -> tuple[float, float, float, float]:
        """The extent shown: (xmin, xmax, ymin, ymax)."""
        return self.camera.view()

    def zoom(self, factor: float, cx: float, cy: float) -> None:
        """Zoom by *factor* (>1 zooms in) keeping the map point (cx, cy) fixed."""
        self.camera.zoom(factor, cx, cy)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) map metres."""
        self.camera.pan(dx, dy)

    # ------------------------------------------------------------------ labels

    def layout_names_for_day(self) -> bool:
        """Lay the names out again clear of the shown day's arrows and markers; True when any moved.

        The window lays its names out per view (so a scrub never waits for
        them) and calls this when the date rests: capitals first, then the
        towns on or near the day's front and events, then the rest by rank,
        all clear of the day's arrows and markers.
        """
        if self.state is None:
            return False
        before = (self.labels.snapshot(), self._river_names_shown())
        day = day_obstacles(self.marks, self.labels.day)
        # The towns on or near the day's front and events come right after the capitals.
        self.labels.layout(self.view(), self.layers, self._card_corner() + list(self.keep_free_px),
                           boost=self._near_the_action(), markers=list(day.markers), soft=list(day.soft),
                           paths=list(day.paths))
        if self.crowded_rivers_hidden:
            self.labels.set_layers(self.layers)
            self.hide_crowded_river_names(day)
        return (self.labels.snapshot(), self._river_names_shown()) != before

    def _river_names_shown(self) -> tuple[bool, ...]:
        return tuple(t.get_visible() for t in [*self.labels.river_labels, self.labels.parallel_label])

    def hide_crowded_river_names(self, day: DayObstacles | None = None) -> None:
        """Hide the river names (and the parallel's) that a town's name or dot would cross, or the day's
        arrows and markers (*day*), or that the map's frame would cut; towns come first."""
        canvas = self.figure.canvas
        get_renderer = getattr(canvas, "get_renderer", None)
        if get_renderer is None:
            return
        r = get_renderer()
        blocked = self._card_corner() + list(self.keep_free_px) + (list(day.soft) if day is not None else [])
        blocked += self.labels.window_boxes([t for t in self.labels.town_labels if t.get_visible()], r)
        offsets = np.asarray(self.labels.towns.get_offsets())
        dots = self.ax.transData.transform(offsets) if len(offsets) else np.zeros((0, 2))
        shapes = [(p, p.get_extents()) for p in day.paths] if day is not None else []
        frame = self.ax.get_window_extent()
        rivers = [t for t in [*self.labels.river_labels, self.labels.parallel_label] if t.get_visible()]
        for t, box in zip(rivers, self.labels.window_boxes(rivers, r)):
            x0, y0, x1, y1 = box
            cut = x0 < frame.x0 or x1 > frame.x1 or y0 < frame.y0 or y1 > frame.y1
            crossed = any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in blocked)
            on_dot = bool(len(dots)) and bool(np.any((dots[:, 0] > x0 - 2) & (dots[:, 0] < x1 + 2)
                                                     & (dots[:, 1] > y0 - 2) & (dots[:, 1] < y1 + 2)))
            if cut or crossed or on_dot or hits_shape(box, shapes):
                t.set_visible(False)
            else:
                blocked.append(box)

    def _card_corner(self) -> list[tuple[float, float, float, float]]:
        """The corner kept free for the date and phase texts drawn on the map (display pixels), if shown."""
        if self.card.shown:
            bbox = self.ax.get_window_extent() if self.figure.canvas is not None else None
            if bbox is not None and bbox.width > 1:
                dpi_scale = self.figure.dpi / 72.0
                return [(bbox.x0, bbox.y1 - 95 * dpi_scale, bbox.x0 + 330 * dpi_scale, bbox.y1)]
        return []

    def _relayout(self) -> None:
        if self.auto_layout:
            self.layout_labels()
        else:
            x0, x1, _y0, _y1 = self.view()
            self.named_lines.set_view_width((x1 - x0) / 1000)

    def layout_labels(self) -> None:
        """Place town labels so that none collide, most important first (see :meth:`LabelsLayer.layout`).

        Capitals come first, then towns on or near the front and the day's
        events, then the rest by rank.  In the window the corner with the date
        and phase is kept free; an export keeps :attr:`keep_free_px` free.
        """
        keep_free = self._card_corner()
        dated = self.date_aware_labels
        day = day_obstacles(self.marks, self.labels.day) if dated else None
        self.labels.layout(self.view(), self.layers, keep_free + list(self.keep_free_px),
                           boost=self._near_the_action() if dated else None,
                           markers=list(day.markers) if day is not None else None,
                           soft=list(day.soft) if day is not None else None,
                           paths=list(day.paths) if day is not None else None)
        if self.crowded_rivers_hidden:
            self.labels.set_layers(self.layers)
            self.hide_crowded_river_names()
        x0, x1, _y0, _y1 = self.view()
        self.named_lines.set_view_width((x1 - x0) / 1000)

    def hover_text(self, x: float, y: float, radius_px: float = 9.0) -> str | None:
        """What a tooltip at map point (x, y) should say, or ``None``.

        Event markers first (title and date), then towns (wartime and modern
        names), then the front (its date, or the two dates it is interpolated
        between), then the movement arrows, then a zone held by neither side
        and ground changing hands between two records (with their dates).
        """
        to_px = self.ax.transData
        px, py = to_px.transform((x, y))
        scale = self.figure.dpi / 72.0
        r = radius_px * max(scale, 1.0)
        if self.active_events:
            pts = to_px.transform(self._event_xy[self.active_events])
            d = np.hypot(pts[:, 0] - px, pts[:, 1] - py)
            k = int(np.argmin(d))
            if d[k] <= r:
                e = self.events[self.active_events[k]]
                when = format_date(e.start) if e.start == e.end else f"{format_date(e.start)} \u2013 {format_date(e.end)}"
                return f"{e.title}\n{when}"
        if "towns" in self.layers:
            s = self.labels.town_at(px, py, r)
            if s is not None:
                return s.wartime if s.wartime == s.modern else f"{s.wartime} (today {s.modern})"
        state = self.state
        if state is not None and self.front.get_visible():
            line = to_px.transform(state.front_xy)
            a, b = line[:-1], line[1:]
            ab = b - a
            with np.errstate(invalid="ignore"):
                t = np.clip(((px - a[:, 0]) * ab[:, 0] + (py - a[:, 1]) * ab[:, 1])
                            / np.maximum((ab ** 2).sum(1), 1e-9), 0, 1)
                near = a + ab * t[:, None]
                dist = np.hypot(near[:, 0] - px, near[:, 1] - py)
            # Parts of a morphed front are separated by NaN rows.
            if np.any(np.isfinite(dist)) and np.nanmin(dist) <= r:
                return state.describe()
        for m, patch in zip(self.active_movements, self.arrows):
            if patch.get_visible() and patch.get_path().contains_point((x, y)):
                return f"{m.label}\n{format_date(m.start)} \u2013 {format_date(m.end)}"
        if "named_lines" in self.layers:
            inv = to_px.inverted()
            tol = abs(inv.transform((px + r, py))[0] - x)
            ln = self.named_lines.line_at(x, y, tol)
            if ln is not None:
                until = "" if ln.end is None else f" \u2013 {format_date(ln.end)}"
                return f"{ln.name}\n{format_date(ln.start)}{until}\n{ln.note}"
        # Ground held by neither side, then ground changing hands (named with the two dates).
        for layer in (self.zones, self.changing):
            text = layer.describe_at(x, y)
            if text is not None:
                return text
        return None

    def place_at(self, x: float, y: float, radius_px: float = 9.0) -> str | None:
        """The gazetteer name of the town whose dot is near map point (x, y), or ``None``."""
        if "towns" not in self.layers:
            return None
        px, py = self.ax.transData.transform((x, y))
        s = self.labels.town_at(px, py, radius_px * max(self.figure.dpi / 72.0, 1.0))
        return s.wartime if s is not None else None

    def visible_labels(self) -> list[Text]:
        """The town labels currently shown."""
        return self.labels.visible()


def _clip_path_for(chronology: Chronology) -> Path:
    """Korea's land as a light clip path for the fronts (see ``Chronology.front_land``)."""
    land = getattr(chronology, "front_land", None)
    if land is None or land.is_empty:
        return Path(np.zeros((1, 2)))
    return polygon_path(land)
