"""The map of the war, drawn with matplotlib alone.

:class:`MapRenderer` owns every artist it puts on its ``Axes`` and updates
them in place when the date, the layers or the view change; it never creates
a figure with ``pyplot``.  The same class draws into the window's canvas and
into a bare :class:`matplotlib.figure.Figure` for export.

Artists that change with the date (territory, fronts, the date and phase
texts) are listed by :attr:`MapRenderer.dynamic_artists`, so a canvas can
blit them over a cached background.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox, TransformedBbox

from explorer.war.chronology import WAR_END, WAR_START, Chronology, WarState, format_date
from explorer.war.projection import to_xy
from explorer.render.arrows import arrow_path
from explorer.render import internals
from explorer.render.halotext import HaloLayer, HaloText
from explorer.state.viewstate import LAYERS
from explorer.render import style
from explorer.render.paths import line_path, polygon_path

#: Width in points of the light halo around map labels.
HALO_WIDTH = 2.6
#: The halos' z-order: over the land, rivers and the 38th parallel, under the fronts (5 and up).
HALO_ZORDER = 4.9
_MAX_RINGS = 6
_MAX_ARROWS = 6
_ARROW_WIDTH_M = 15_000.0


def home_bounds(geodata) -> tuple[float, float, float, float]:
    """The whole peninsula of *geodata* with a margin: (xmin, xmax, ymin, ymax) in map metres."""
    x0, y0, x1, y1 = geodata.korea.bounds if not geodata.korea.is_empty else (7e5, 1.4e6, 1.3e6, 2.6e6)
    mx, my = (x1 - x0) * 0.06, (y1 - y0) * 0.04
    return x0 - mx, x1 + mx, y0 - my, y1 + my


@dataclass(frozen=True)
class LabelSpec:
    """A place label candidate: where, what, how important."""

    x: float
    y: float
    wartime: str
    modern: str
    rank: int
    capital: bool


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
    """

    def __init__(self, figure: Figure, chronology: Chronology, *, rect: tuple[float, float, float, float] = (0, 0, 1, 1),
                 overlay_text: bool = True) -> None:
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
        self._build_static()
        self._build_dynamic(overlay_text)
        self.set_events(chronology.events)
        self.home_view()

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

    def _label(self, x: float, y: float, text: str, **kwargs) -> Text:
        """Add a haloed map label at data point (x, y)."""
        t = HaloText(x, y, text, halo_color=style.HALO, halo_width=HALO_WIDTH, transform=self.ax.transData,
                     **kwargs)
        # Clipped to the axes as Axes.text does, by one box that all labels
        # share: making a clip box per label is most of the cost of adding a
        # hundred labels (see internals.add_text).
        t.set_clip_box(self._axes_clip)
        internals.add_text(self.ax, t)
        return t

    def _build_static(self) -> None:
        ax, gd = self.ax, self.geodata
        self._axes_clip = TransformedBbox(Bbox.unit(), ax.patch.get_transform())
        others = [g for c, g in gd.land if c != "KOR"]
        self.neighbours = PathPatch(polygon_path(shapely.GeometryCollection(others)) if others
                                    else Path(np.zeros((1, 2))),
                                    facecolor=style.LAND_NEIGHBOUR, edgecolor="none", linewidth=0,
                                    zorder=1)
        ax.add_artist(self.neighbours)  # add_artist: no autoscaling over 19,000 vertices
        korea_path = polygon_path(gd.korea)
        self.korea_base = PathPatch(korea_path, facecolor=style.COMMUNIST_FILL, edgecolor="none", zorder=1.5)
        ax.add_artist(self.korea_base)
        self.coast = PathPatch(korea_path, facecolor="none", edgecolor=style.COAST, linewidth=0.6, zorder=3)
        ax.add_artist(self.coast)
        self.rivers = LineCollection([np.asarray(ls.coords) for r in gd.rivers for ls in _lines(r.geometry)],
                                     colors=style.RIVER, linewidths=0.9, zorder=3.2)
        ax.add_artist(self.rivers)
        self.borders = PathPatch(line_path(shapely.GeometryCollection(gd.borders)) if gd.borders
                                 else Path(np.zeros((1, 2))),
                                 facecolor="none", edgecolor=style.BORDER, linewidth=1.0, linestyle=(0, (4, 2, 1, 2)),
                                 zorder=3.3)
        ax.add_artist(self.borders)
        par = gd.parallel38
        self.parallel = PathPatch(line_path(par) if par is not None else Path(np.zeros((1, 2))), facecolor="none",
                                  edgecolor=style.PARALLEL, linewidth=0.9, linestyle=(0, (6, 3)), zorder=3.4)
        ax.add_artist(self.parallel)
        self.parallel_label = self._label(0, 0, "38th parallel", fontsize=7.5, color=style.PARALLEL,
                                          style="italic", ha="left", va="bottom", zorder=7)
        if par is not None:
            x0, y0, x1, y1 = par.bounds
            self.parallel_label.set_position((x1 + 8000, y1 - 9000))
        # Places.
        self._labels_spec = [LabelSpec(p.x, p.y, p.name, p.modern, p.rank, p.kind == "capital") for p in gd.places]
        xs = np.array([s.x for s in self._labels_spec]) if self._labels_spec else np.zeros(0)
        ys = np.array([s.y for s in self._labels_spec]) if self._labels_spec else np.zeros(0)
        sizes = np.array([30 if s.capital else 10 for s in self._labels_spec])
        self.towns = ax.scatter(xs, ys, s=sizes, c=style.TOWN, marker="o", linewidths=0.6,
                                edgecolors="white", zorder=8)
        self.town_labels: list[Text] = []
        for s in self._labels_spec:
            t = self._label(s.x, s.y, s.wartime,
                            fontsize=style.CAPITAL_LABEL_SIZE if s.capital else style.LABEL_SIZE,
                            fontweight="bold" if s.capital else "normal", color=style.LABEL, zorder=9, clip_on=True)
            self.town_labels.append(t)
        self._river_labels: list[Text] = []
        for r in gd.rivers:
            lines = _lines(r.geometry)
            if not lines:
                continue
            longest = max(lines, key=lambda g: g.length)
            mid = longest.interpolate(0.5, normalized=True)
            t = self._label(mid.x, mid.y, r.name, fontsize=style.RIVER_LABEL_SIZE, color=style.RIVER,
                            style="italic", ha="center", va="center", zorder=7, clip_on=True)
            self._river_labels.append(t)
        # The names' halos lie under the fronts, their letters over them: where the
        # front runs through a row of names (the stalemate line through Kaesong,
        # Chorwon and Heartbreak Ridge) it shows between the letters.
        self.label_halos = HaloLayer([*self._river_labels, self.parallel_label, *self.town_labels])
        self.label_halos.set_zorder(HALO_ZORDER)
        self.label_halos.set_clip_box(self._axes_clip)
        ax.add_artist(self.label_halos)

    @contextmanager
    def names_hidden(self):
        """Hide the letters of the names and the town dots, keeping the names' halos (a static layer)."""
        dots_were = self.towns.get_visible()
        labels = self.label_halos.texts
        self.towns.set_visible(False)
        for t in labels:
            t.part = "none"
        try:
            yield
        finally:
            for t in labels:
                t.part = "text"
            self.towns.set_visible(dots_were)

    def _build_dynamic(self, overlay_text: bool) -> None:
        ax = self.ax
        self.un_patch = PathPatch(Path(np.zeros((1, 2))), facecolor=style.UN_FILL, edgecolor="none", zorder=2)
        ax.add_artist(self.un_patch)
        self.un_patch.set_clip_path(self.korea_base)
        self.ghost = Line2D([], [], color=style.GHOST, linewidth=1.2, linestyle=(0, (2, 2)), alpha=0.75, zorder=5)
        # A white casing under the front keeps it readable over both fills.
        self.front_casing = Line2D([], [], color=style.FRONT_CASING, linewidth=5.4, solid_capstyle="round",
                                   alpha=0.9, zorder=5.9)
        self.front = Line2D([], [], color=style.FRONT, linewidth=3.0, solid_capstyle="round", zorder=6)
        self.armistice = Line2D([], [], color=style.ARMISTICE, linewidth=1.8, zorder=5.5)
        # Fronts end at sea; they are clipped to a simplified coast (a few
        # hundred metres off at most), which Agg clips far faster than the
        # full coastline.
        off = self.chronology.offshore
        self._offshore_path = polygon_path(off) if off is not None else Path(np.zeros((1, 2)))
        self.line_clip = PathPatch(_clip_path_for(self.chronology), transform=ax.transData,
                                   facecolor="none", edgecolor="none")
        for ln in (self.ghost, self.front_casing, self.front, self.armistice):
            ln.set_clip_path(self.line_clip)
            ax.add_artist(ln)
        self.rings = [Line2D([], [], color=style.ENCLAVE, linewidth=2.0, zorder=6.1) for _ in range(_MAX_RINGS)]
        for ln in self.rings:
            ax.add_artist(ln)
        self.arrows = [PathPatch(Path(np.zeros((1, 2))), facecolor=style.ARROW_UN, edgecolor="white",
                                 linewidth=0.8, alpha=0.82, zorder=6.5, visible=False) for _ in range(_MAX_ARROWS)]
        for a in self.arrows:
            ax.add_artist(a)
        self.active_movements: list = []
        self.event_markers = ax.scatter([], [], s=70, marker="*", c=style.EVENT_MARKER, edgecolors="white",
                                        linewidths=0.8, zorder=10)
        self.events: list = []
        self.active_events: list = []
        self._event_xy = np.zeros((0, 2))
        # The title card: plain text on a translucent box (text drawn through a
        # halo path effect is an order of magnitude slower to redraw).
        card = dict(boxstyle="round,pad=0.35", facecolor="white", alpha=0.78, edgecolor="none")
        self.date_text = ax.text(0.015, 0.985, "", transform=ax.transAxes, fontsize=style.DATE_SIZE,
                                 fontweight="bold", color=style.TITLE, ha="left", va="top", zorder=20, bbox=card)
        self.phase_text = ax.text(0.015, 0.915, "", transform=ax.transAxes, fontsize=style.PHASE_SIZE,
                                  color=style.TITLE, ha="left", va="top", zorder=20, bbox=card)
        self.note_text = ax.text(0.015, 0.87, "", transform=ax.transAxes, fontsize=style.NOTE_SIZE,
                                 color="#333333", style="italic", ha="left", va="top", zorder=20, bbox=card)
        for t in (self.date_text, self.phase_text, self.note_text):
            t.set_visible(overlay_text)
        self._overlay_text = overlay_text

    # ------------------------------------------------------------------ public API

    @property
    def overlay_artists(self) -> list:
        """Static artists drawn above the fronts: the place and river names and the town dots."""
        return [*self._river_labels, self.parallel_label, self.towns, *self.town_labels]

    @property
    def dynamic_artists(self) -> list:
        """Artists that change with the date, in drawing order."""
        arts = [self.un_patch, self.ghost, self.armistice, self.front_casing, self.front, *self.rings,
                *self.arrows, self.event_markers]
        if self._overlay_text:
            arts += [self.date_text, self.phase_text, self.note_text]
        return arts

    def set_date(self, date: dt.date | str) -> WarState:
        """Show the state of *date*; returns it."""
        state = self.chronology.state_at(date)
        self.set_state(state)
        return state

    def set_state(self, state: WarState) -> None:
        """Update the dynamic artists to show *state*."""
        self.state = state
        division = state.status == "division"
        after = state.date > WAR_END
        path = polygon_path(state.un_side)
        if state.offshore is not None:
            path = Path.make_compound_path(path, self._offshore_path)
        #: The UN side as drawn (with the offshore islands in wartime).
        self.un_fill_path = path
        self.un_patch.set_path(path)
        front = state.front_xy
        self.front.set_data(front[:, 0], front[:, 1])
        self.front.set_linestyle((0, (5, 2.5)) if state.interpolated else "-")
        self.front.set_linewidth(2.2 if state.interpolated else 2.6)
        self.front.set_visible("front" in self.layers and not division and not after)
        self.front_casing.set_data(front[:, 0], front[:, 1])
        self.front_casing.set_visible(self.front.get_visible())
        self.front_casing.set_linewidth(4.6 if state.interpolated else 5.4)
        arm = state.date >= WAR_END
        self.armistice.set_data(front[:, 0], front[:, 1])
        self.armistice.set_visible(arm and "armistice" in self.layers)
        prev = state.previous
        show_ghost = prev is not None and "previous" in self.layers and not after and state.date >= WAR_START
        if show_ghost:
            gx = prev.main_xy
            self.ghost.set_data(gx[:, 0], gx[:, 1])
        self.ghost.set_visible(bool(show_ghost))
        for i, ln in enumerate(self.rings):
            if i < len(state.rings) and "front" in self.layers and not after:
                r = state.rings[i]
                ln.set_data(r.xy[:, 0], r.xy[:, 1])
                ln.set_color(style.ENCLAVE if r.un_held else style.FRONT)
                ln.set_linestyle((0, (5, 2.5)) if state.interpolated else "-")
                ln.set_visible(True)
            else:
                ln.set_visible(False)
        self.un_patch.set_visible("territory" in self.layers)
        self._update_arrows(state.date)
        self._update_events(state.date)
        self.date_text.set_text(format_date(state.date))
        self.phase_text.set_text(state.phase.title if state.phase else "")
        self.note_text.set_text(self.status_line(state))

    def _update_arrows(self, d: dt.date) -> None:
        moves = [m for m in self.chronology.movements if m.active(d)] if "movements" in self.layers else []
        self.active_movements = moves[:_MAX_ARROWS]
        for i, patch in enumerate(self.arrows):
            if i < len(self.active_movements):
                m = self.active_movements[i]
                patch.set_path(arrow_path(m.xy, _ARROW_WIDTH_M))
                patch.set_facecolor(style.ARROW_UN if m.side == "UN" else style.ARROW_COMMUNIST)
                patch.set_visible(True)
            else:
                patch.set_visible(False)

    def set_events(self, events: list) -> None:
        """Events to mark on the map at their dates (those with a place)."""
        self.events = [e for e in events if getattr(e, "place", None) is not None]
        xs, ys = to_xy([e.place.lon for e in self.events], [e.place.lat for e in self.events]) if self.events \
            else (np.zeros(0), np.zeros(0))
        self._event_xy = np.column_stack([np.atleast_1d(xs), np.atleast_1d(ys)]) if self.events else np.zeros((0, 2))
        if self.state is not None:
            self._update_events(self.state.date)

    def _update_events(self, d: dt.date) -> None:
        slack = dt.timedelta(days=style.EVENT_MARKER_SLACK_DAYS)
        if "events" not in self.layers or not self.events:
            self.active_events = []
        else:
            self.active_events = [i for i, e in enumerate(self.events) if e.start - slack <= d <= e.end + slack]
        self.event_markers.set_offsets(self._event_xy[self.active_events] if self.active_events
                                       else np.zeros((0, 2)))
        self.event_markers.set_visible(bool(self.active_events))

    def events_shown(self) -> list:
        """The events marked on the map now."""
        return [self.events[i] for i in self.active_events]

    @staticmethod
    def status_line(state: WarState) -> str:
        """What kind of front is shown: recorded (documented or inferred) or interpolated."""
        if state.status == "interpolated":
            return state.describe()
        if state.status in ("division", "armistice"):
            return state.describe()
        if state.record is not None:
            return f"{state.record.label} \u2014 {state.status} front"
        return ""

    def set_layers(self, layers: Iterable[str]) -> None:
        """Show only the given layers (names from :data:`explorer.state.viewstate.LAYERS`)."""
        self.layers = frozenset(layers)
        self.generation += 1
        self.korea_base.set_facecolor(style.COMMUNIST_FILL if "territory" in self.layers else style.NEUTRAL_LAND)
        self.rivers.set_visible("rivers" in self.layers)
        for t in self._river_labels:
            t.set_visible("rivers" in self.layers)
        self.parallel.set_visible("parallel" in self.layers)
        self.parallel_label.set_visible("parallel" in self.layers)
        self.towns.set_visible("towns" in self.layers)
        self.layout_labels()
        if self.state is not None:
            self.set_state(self.state)

    def set_romanization(self, which: str) -> None:
        """Label places with their ``"wartime"`` or ``"modern"`` names."""
        self.romanization = which
        self.generation += 1
        for spec, t in zip(self._labels_spec, self.town_labels):
            t.set_text(spec.modern if which == "modern" else spec.wartime)
        self.layout_labels()

    # ------------------------------------------------------------------ view

    def home_bounds(self) -> tuple[float, float, float, float]:
        """The whole peninsula with a margin: (xmin, xmax, ymin, ymax) in map metres."""
        return home_bounds(self.geodata)

    def home_view(self) -> None:
        """Show the whole peninsula."""
        self.set_view(*self.home_bounds())

    def set_view(self, xmin: float, xmax: float, ymin: float, ymax: float) -> None:
        """Show at least the given extent (map metres), widened to keep the scale true.

        The extent grows in width or height around its centre so that a metre
        is as long across as up the map, whatever the shape of the axes.
        """
        self._requested = (xmin, xmax, ymin, ymax)
        self.generation += 1
        bbox = self.ax.get_window_extent() if self.figure.canvas is not None else None
        if bbox is not None and bbox.width > 1 and bbox.height > 1:
            cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
            dw, dh = max(xmax - xmin, 1.0), max(ymax - ymin, 1.0)
            want = bbox.width / bbox.height
            if dw / dh < want:
                dw = dh * want
            else:
                dh = dw / want
            xmin, xmax, ymin, ymax = cx - dw / 2, cx + dw / 2, cy - dh / 2, cy + dh / 2
        self.ax.set_xlim(xmin, xmax)
        self.ax.set_ylim(ymin, ymax)
        self.layout_labels()

    def refit(self) -> None:
        """Fit the last requested extent to the axes again (after a resize)."""
        self.set_view(*getattr(self, "_requested", self.home_bounds()))

    def view(self) -> tuple[float, float, float, float]:
        """The extent shown: (xmin, xmax, ymin, ymax)."""
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        return x0, x1, y0, y1

    def zoom(self, factor: float, cx: float, cy: float) -> None:
        """Zoom by *factor* (>1 zooms in) keeping the map point (cx, cy) fixed."""
        x0, x1, y0, y1 = self.view()
        span = max(x1 - x0, 1.0)
        hx0, hx1, _, _ = self.home_bounds()
        new_span = min(max(span / factor, 20_000.0), (hx1 - hx0) * 3)
        f = new_span / span
        self.set_view(cx - (cx - x0) * f, cx + (x1 - cx) * f, cy - (cy - y0) * f, cy + (y1 - cy) * f)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) map metres."""
        x0, x1, y0, y1 = self.view()
        self.set_view(x0 + dx, x1 + dx, y0 + dy, y1 + dy)

    # ------------------------------------------------------------------ labels

    def layout_labels(self) -> None:
        """Place town labels so that none collide, most important first.

        Rank 1 places are always tried first; rank 3 places only when zoomed in
        to less than about 350 km across.  Each label tries four positions
        around its dot and is hidden when all four overlap a placed label.
        """
        ax = self.ax
        show = "towns" in self.layers
        x0, x1, y0, y1 = self.view()
        width_km = (x1 - x0) / 1000
        bbox = ax.get_window_extent() if self.figure.canvas is not None else None
        if bbox is None or bbox.width <= 1:
            return
        to_px = ax.transData
        dpi_scale = self.figure.dpi / 72.0
        placed: list[tuple[float, float, float, float]] = []
        # Keep the corner with the date and phase free.
        if self._overlay_text:
            placed.append((bbox.x0, bbox.y1 - 95 * dpi_scale, bbox.x0 + 330 * dpi_scale, bbox.y1))
        order = sorted(range(len(self._labels_spec)), key=lambda i: (self._labels_spec[i].rank,
                                                                     not self._labels_spec[i].capital))
        dots = to_px.transform(np.array([[s.x, s.y] for s in self._labels_spec])) if self._labels_spec else []
        pad = 3 * dpi_scale
        for i in order:
            spec, t = self._labels_spec[i], self.town_labels[i]
            max_rank = 3 if width_km < 350 else 2
            if not show or spec.rank > max_rank:
                t.set_visible(False)
                continue
            px, py = dots[i]
            if not (bbox.x0 <= px <= bbox.x1 and bbox.y0 <= py <= bbox.y1):
                t.set_visible(False)
                continue
            size = t.get_fontsize() * dpi_scale
            w = 0.58 * size * len(t.get_text()) + 2
            h = 1.15 * size
            options = ((px + pad, py - h / 2, "left", "center"),
                       (px - pad - w, py - h / 2, "right", "center"),
                       (px - w / 2, py + pad, "center", "bottom"),
                       (px - w / 2, py - pad - h, "center", "top"))
            for lx, ly, ha, va in options:
                box = (lx, ly, lx + w, ly + h)
                if box[0] < bbox.x0 or box[2] > bbox.x1 or box[1] < bbox.y0 or box[3] > bbox.y1:
                    continue
                if any(_overlap(box, b) for b in placed):
                    continue
                placed.append(box)
                dx = {"left": pad, "right": -pad, "center": 0}[ha]
                dy = {"center": 0, "bottom": pad, "top": -pad}[va]
                inv = to_px.inverted()
                tx, ty = inv.transform((px + dx, py + dy))
                t.set_position((tx, ty))
                t.set_ha(ha)
                t.set_va(va)
                t.set_visible(True)
                break
            else:
                t.set_visible(False)
        self.placed_label_boxes = placed

    def hover_text(self, x: float, y: float, radius_px: float = 9.0) -> str | None:
        """What a tooltip at map point (x, y) should say, or ``None``.

        Event markers first (title and date), then towns (wartime and modern
        names), then the front (its date, or the two dates it is interpolated
        between), then the movement arrows.
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
        if "towns" in self.layers and self._labels_spec:
            pts = to_px.transform(np.array([[s.x, s.y] for s in self._labels_spec]))
            d = np.hypot(pts[:, 0] - px, pts[:, 1] - py)
            k = int(np.argmin(d))
            if d[k] <= r:
                s = self._labels_spec[k]
                names = s.wartime if s.wartime == s.modern else f"{s.wartime} (today {s.modern})"
                return names
        state = self.state
        if state is not None and self.front.get_visible():
            line = to_px.transform(state.front_xy)
            a, b = line[:-1], line[1:]
            ab = b - a
            t = np.clip(((px - a[:, 0]) * ab[:, 0] + (py - a[:, 1]) * ab[:, 1]) / np.maximum((ab ** 2).sum(1), 1e-9), 0, 1)
            near = a + ab * t[:, None]
            if np.min(np.hypot(near[:, 0] - px, near[:, 1] - py)) <= r:
                return state.describe()
        for m, patch in zip(self.active_movements, self.arrows):
            if patch.get_visible() and patch.get_path().contains_point((x, y)):
                return f"{m.label}\n{format_date(m.start)} \u2013 {format_date(m.end)}"
        return None

    def visible_labels(self) -> list[Text]:
        """The town labels currently shown."""
        return [t for t in self.town_labels if t.get_visible()]


def _clip_path_for(chronology: Chronology) -> Path:
    """Korea's land as a light clip path for the fronts (see ``Chronology.front_land``)."""
    land = getattr(chronology, "front_land", None)
    if land is None or land.is_empty:
        return Path(np.zeros((1, 2)))
    return polygon_path(land)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _lines(geom) -> list:
    t = geom.geom_type
    if t == "LineString":
        return [geom]
    if t in ("MultiLineString", "GeometryCollection"):
        return [g for g in geom.geoms if g.geom_type == "LineString"]
    return []
