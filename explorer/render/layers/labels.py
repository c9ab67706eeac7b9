"""The labels layer: town dots and the haloed names of towns, rivers and the 38th parallel.

Town names are placed by :meth:`LabelsLayer.layout` so that none collide,
most important first.  The names' halos are one :class:`~explorer.render.halotext.HaloLayer`
under the fronts and their letters lie over them, so a front through a row of
names shows between the letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox, TransformedBbox

from explorer.render import internals, style
from explorer.render.halotext import HaloLayer, HaloText
from explorer.render.layers.base import Layer
from explorer.render.layers.land import lines_of

__all__ = ["HALO_WIDTH", "HALO_ZORDER", "DatedLayouts", "DayObstacles", "LabelSpec", "LabelsLayer", "day_obstacles",
           "hits_shape"]

#: Width in points of the light halo around map labels.
HALO_WIDTH = 2.6
#: The halos' z-order: over the land, rivers and the 38th parallel, under the fronts (5 and up).
HALO_ZORDER = 4.9


@dataclass(frozen=True)
class LabelSpec:
    """A place label candidate: where, what, how important."""

    x: float
    y: float
    wartime: str
    modern: str
    rank: int
    capital: bool
    #: Labelled only from this day (a battlefield's first fighting); ``None``: always.
    from_date: dt.date | None = None


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class LabelsLayer(Layer):
    """Town dots and names, river names, the parallel's name.

    Parameters
    ----------
    ax
        The map's axes.
    geodata
        Places, rivers and the 38th parallel.
    """

    def __init__(self, ax: Axes, geodata) -> None:
        super().__init__(ax)
        gd = geodata
        self.axes_clip = TransformedBbox(Bbox.unit(), ax.patch.get_transform())
        self.parallel_label = self._label(0, 0, "38th parallel", fontsize=7.5, color=style.PARALLEL,
                                          style="italic", ha="left", va="bottom", zorder=7)
        par = gd.parallel38
        if par is not None:
            x0, y0, x1, y1 = par.bounds
            self.parallel_label.set_position((x1 + 8000, y1 - 9000))
        self.specs = [LabelSpec(p.x, p.y, p.name, p.modern, p.rank, p.kind == "capital",
                                getattr(p, "from_date", None)) for p in gd.places]
        #: The day shown (``None``: before any date is shown).
        self.day: dt.date | None = None
        #: Indices of the places named only from a date: their names change with the
        #: date, so they are dynamic artists (with their own halos) and not part of the
        #: static names; the layout keeps their room on every day.
        self.dated = [i for i, s in enumerate(self.specs) if s.from_date is not None]
        self._placed = [False] * len(self.specs)
        xs = np.array([s.x for s in self.specs]) if self.specs else np.zeros(0)
        ys = np.array([s.y for s in self.specs]) if self.specs else np.zeros(0)
        sizes = np.array([30 if s.capital else 10 for s in self.specs], dtype=float)
        self._xy = np.column_stack([xs, ys]) if self.specs else np.zeros((0, 2))
        self._dot_sizes = sizes
        #: Indices of the towns named (and dotted) after the last layout.
        self.shown_towns: list[int] = list(range(len(self.specs)))
        self.towns = ax.scatter(xs, ys, s=sizes, c=style.TOWN, marker="o", linewidths=0.6,
                                edgecolors="white", zorder=8)
        self.town_labels: list[HaloText] = []
        for s in self.specs:
            t = self._label(s.x, s.y, s.wartime,
                            fontsize=style.CAPITAL_LABEL_SIZE if s.capital else style.LABEL_SIZE,
                            fontweight="bold" if s.capital else "normal", color=style.LABEL, zorder=9, clip_on=True)
            self.town_labels.append(t)
        self.river_labels: list[HaloText] = []
        for r in gd.rivers:
            lines = lines_of(r.geometry)
            if not lines:
                continue
            longest = max(lines, key=lambda g: g.length)
            mid = longest.interpolate(0.5, normalized=True)
            t = self._label(mid.x, mid.y, r.name, fontsize=style.RIVER_LABEL_SIZE, color=style.RIVER,
                            style="italic", ha="center", va="center", zorder=7, clip_on=True)
            self.river_labels.append(t)
        dated = set(self.dated)
        self.static_town_labels = [t for i, t in enumerate(self.town_labels) if i not in dated]
        self.dated_labels = [self.town_labels[i] for i in self.dated]
        self.halos = HaloLayer([*self.river_labels, self.parallel_label, *self.static_town_labels])
        for t in self.dated_labels:
            t.part = "both"  # drawn with its own halo, over the fronts
        self.halos.set_zorder(HALO_ZORDER)
        self.halos.set_clip_box(self.axes_clip)
        ax.add_artist(self.halos)
        self.placed_boxes: list[tuple[float, float, float, float]] = []
        self._sizes: dict[tuple, tuple[float, float]] = {}
        # Labels' display boxes about their anchors, by wording, alignment, font and resolution.
        self._window_boxes: dict[tuple, tuple[float, float, float, float]] = {}

    def _label(self, x: float, y: float, text: str, **kwargs) -> HaloText:
        """Add a haloed map label at data point (x, y)."""
        t = HaloText(x, y, text, halo_color=style.HALO, halo_width=HALO_WIDTH, transform=self.ax.transData,
                     **kwargs)
        # Clipped to the axes as Axes.text does, by one box that all labels
        # share: making a clip box per label is most of the cost of adding a
        # hundred labels (see internals.add_text).
        t.set_clip_box(self.axes_clip)
        internals.add_text(self.ax, t)
        return t

    @property
    def overlay_artists(self) -> list:
        """Static artists drawn above the fronts: the place and river names and the town dots."""
        return [*self.river_labels, self.parallel_label, self.towns, *self.static_town_labels]

    @property
    def dynamic_artists(self) -> list:
        """The names of the places named only from a date (shown from that day)."""
        return self.dated_labels

    @contextmanager
    def names_hidden(self, keep_halos: bool = True):
        """Hide the letters of the names and the town dots, keeping the names' halos (a static
        layer) unless *keep_halos* is false."""
        dots_were = self.towns.get_visible()
        halos_were = self.halos.get_visible()
        labels = self.halos.texts
        self.towns.set_visible(False)
        if not keep_halos:
            self.halos.set_visible(False)
        for t in labels:
            t.part = "none"
        try:
            yield
        finally:
            for t in labels:
                t.part = "text"
            self.towns.set_visible(dots_were)
            self.halos.set_visible(halos_were)

    def shown_key(self) -> tuple:
        return tuple((t.get_text(), t.get_position(), t.get_color()) if t.get_visible() else False
                     for t in self.dated_labels)

    def set_state(self, state, layers: frozenset[str]) -> None:
        """Show the names of dated places from the day they matter (where the layout placed them)."""
        self.day = state.date
        self._show_dated()

    def _show_dated(self) -> None:
        for i in self.dated:
            self.town_labels[i].set_visible(self._placed[i] and self.labelled_on(self.specs[i]))

    def labelled_on(self, spec: LabelSpec) -> bool:
        """True when *spec* may be labelled on the current day (its dot shows regardless)."""
        return spec.from_date is None or (self.day is not None and self.day >= spec.from_date)

    def set_layers(self, layers: frozenset[str]) -> None:
        for t in self.river_labels:
            t.set_visible("rivers" in layers)
        self.parallel_label.set_visible("parallel" in layers)
        self.towns.set_visible("towns" in layers)

    def set_romanization(self, which: str) -> None:
        """Name places with their ``"wartime"`` or ``"modern"`` names."""
        for spec, t in zip(self.specs, self.town_labels):
            t.set_text(spec.modern if which == "modern" else spec.wartime)

    def set_sizes(self, *, town_pt: float, capital_pt: float, river_pt: float, dot_pt: float) -> None:
        """Size the names and town dots in points."""
        for spec, t in zip(self.specs, self.town_labels):
            t.set_fontsize(capital_pt if spec.capital else town_pt)
        for t in self.river_labels:
            t.set_fontsize(river_pt)
        self.parallel_label.set_fontsize(river_pt)
        self._dot_sizes = np.array([(dot_pt * (1.7 if s.capital else 1.0)) ** 2 for s in self.specs], dtype=float)
        self.towns.set_sizes(self._dot_sizes)

    def layout(self, view: tuple[float, float, float, float], layers: frozenset[str],
               keep_free: list[tuple[float, float, float, float]] | None = None,
               boost: set[int] | None = None,
               markers: list[tuple[float, float, float, float]] | None = None,
               soft: list[tuple[float, float, float, float]] | None = None,
               paths: list[Path] | None = None) -> None:
        """Place town labels so that none collide, most important first.

        Rank 1 places are always tried first; rank 3 places only when zoomed in
        to less than about 350 km across.  A place with a ``from_date`` is
        labelled only from that day (see :meth:`set_state`); its room is kept on
        every day, so the other names do not move when it appears.  Each label tries four positions
        around its dot and is hidden when all four overlap a placed label.

        Parameters
        ----------
        view
            The extent shown (xmin, xmax, ymin, ymax).
        layers
            The user's layers (no names without ``towns``).
        keep_free
            Boxes (display pixels) where no label may go.
        boost
            Indices of towns placed right after the capitals (near the front or the day's events).
        markers
            Boxes (display pixels) of event markers: a town under one is named beyond it.
        soft
            Boxes (display pixels) names avoid, but a capital may cover when nothing else is left
            (the day's arrowheads and markers); *keep_free* boxes are never covered.
        paths
            Filled shapes (display pixels) names avoid like *soft* boxes: the day's whole arrows.
        """
        ax = self.ax
        figure = ax.figure
        show = "towns" in layers
        x0, x1, y0, y1 = view
        width_km = (x1 - x0) / 1000
        bbox = ax.get_window_extent() if figure.canvas is not None else None
        if bbox is None or bbox.width <= 1:
            return
        to_px = ax.transData
        dpi_scale = figure.dpi / 72.0
        hard: list[tuple[float, float, float, float]] = list(keep_free or [])
        placed: list[tuple[float, float, float, float]] = hard + list(soft or [])
        boost = boost or set()
        shapes = [(p, p.get_extents()) for p in paths or () if np.shape(p.vertices)[0] > 2]
        dots = to_px.transform(self._xy) if self.specs else np.zeros((0, 2))
        # The places of the day's events come right after the capitals, with the boosted towns.
        boost = set(boost) | {k for k, (dx, dy) in enumerate(dots)
                              if any(b[0] <= dx <= b[2] and b[1] <= dy <= b[3] for b in markers or ())}
        order = sorted(range(len(self.specs)), key=lambda i: (not self.specs[i].capital, i not in boost,
                                                                self.specs[i].rank))
        pad = 3 * dpi_scale
        names: list[tuple[float, float, float, float]] = []
        shown: list[int] = []
        for i in order:
            spec, t = self.specs[i], self.town_labels[i]
            max_rank = 3 if width_km < 350 or (i in boost and width_km < 700) else 2
            self._placed[i] = False
            if not show or spec.rank > max_rank:
                t.set_visible(False)
                continue
            px, py = dots[i]
            if not (bbox.x0 <= px <= bbox.x1 and bbox.y0 <= py <= bbox.y1):
                t.set_visible(False)
                continue
            # A town is shown with its name or not at all: its dot must not lie under a placed name.
            r = float(np.sqrt(self._dot_sizes[i])) * dpi_scale * 0.5 + 1.0
            dot = (px - r, py - r, px + r, py + r)
            if any(_overlap(dot, b) for b in names):
                t.set_visible(False)
                continue
            w, h = self._text_size_px(t, figure)
            # A dot under a small obstacle (an event's star) gets its name beyond the obstacle.
            gap = pad
            marked = False
            for b in markers or ():
                if b[0] <= px <= b[2] and b[1] <= py <= b[3]:
                    gap = max(gap, px - b[0] + 1, b[2] - px + 1, py - b[1] + 1, b[3] - py + 1)
                    marked = True
            Option = tuple[float, float, Literal["left", "center", "right"], Literal["bottom", "center", "top"]]
            options: tuple[Option, ...]
            options = ((px + gap, py - h / 2, "left", "center"),
                       (px - gap - w, py - h / 2, "right", "center"),
                       (px - w / 2, py + gap, "center", "bottom"),
                       (px - w / 2, py - gap - h, "center", "top"))
            # A capital is always named: when the day's marks leave it no room, it may lie over them.
            tries: list[tuple[Option, list[tuple[float, float, float, float]], bool]]
            tries = [(o, placed, True) for o in options]
            if spec.capital or marked or i in boost:
                # A capital, the place of a day's event or a town at the front: its corners, then
                # farther out, before it goes unnamed (or, a capital, lies over the day's marks).
                far = 2.5 * gap + 2 * pad
                more: tuple[Option, ...] = (
                    (px + gap, py + gap, "left", "bottom"), (px - gap - w, py + gap, "right", "bottom"),
                    (px + gap, py - gap - h, "left", "top"), (px - gap - w, py - gap - h, "right", "top"),
                    (px + far, py - h / 2, "left", "center"), (px - far - w, py - h / 2, "right", "center"),
                    (px - w / 2, py + far, "center", "bottom"), (px - w / 2, py - far - h, "center", "top"))
                tries += [(o, placed, True) for o in more]
            if spec.capital:
                # Then over an arrow but not the day's markers; at the last, over them too.
                around: tuple[Option, ...] = (*options, *more)
                tries += [(o, names + hard + list(markers or ()), False) for o in around]
                tries += [(o, names + hard, False) for o in options]
            for (lx, ly, ha, va), obstacles, avoid_shapes in tries:
                box = (lx, ly, lx + w, ly + h)
                if box[0] < bbox.x0 or box[2] > bbox.x1 or box[1] < bbox.y0 or box[3] > bbox.y1:
                    continue
                if any(_overlap(box, b) for b in obstacles):
                    continue
                if avoid_shapes and shapes and hits_shape(box, shapes):
                    continue
                placed.append(box)
                placed.append(dot)
                names.append(box)
                shown.append(i)
                # The text's anchor: the point of the box its alignment names.
                dx = {"left": lx, "right": lx + w, "center": lx + w / 2}[ha] - px
                dy = {"bottom": ly, "top": ly + h, "center": ly + h / 2}[va] - py
                inv = to_px.inverted()
                tx, ty = inv.transform((px + dx, py + dy))
                t.set_position((tx, ty))
                t.set_horizontalalignment(ha)
                t.set_verticalalignment(va)
                t.set_visible(True)
                self._placed[i] = True
                break
            else:
                t.set_visible(False)
        # Only the towns that are named get a dot.
        shown.sort()
        self.shown_towns = shown
        self.towns.set_offsets(self._xy[shown] if shown else np.zeros((0, 2)))
        self.towns.set_sizes(self._dot_sizes[shown] if shown else np.zeros(0))
        self.placed_boxes = names
        self._show_dated()

    def snapshot(self) -> tuple:
        """Where the names are now (see :meth:`restore`): cheap to take and to put back."""
        return (tuple((t.get_visible(), tuple(t.get_position()), t.get_horizontalalignment(),
                       t.get_verticalalignment()) for t in self.town_labels),
                tuple(self._placed), tuple(self.shown_towns), tuple(self.placed_boxes))

    def restore(self, snap: tuple) -> None:
        """Put the names back where :meth:`snapshot` found them (for the same view, sizes and layers)."""
        texts, placed, shown, boxes = snap
        for t, (vis, pos, ha, va) in zip(self.town_labels, texts):
            t.set_position(pos)
            t.set_horizontalalignment(ha)
            t.set_verticalalignment(va)
            t.set_visible(vis)
        self._placed = list(placed)
        self.shown_towns = list(shown)
        self.placed_boxes = list(boxes)
        self.towns.set_offsets(self._xy[list(shown)] if shown else np.zeros((0, 2)))
        self.towns.set_sizes(self._dot_sizes[list(shown)] if shown else np.zeros(0))
        self._show_dated()

    def window_boxes(self, texts: Sequence[Text], renderer: Any) -> list[tuple[float, float, float, float]]:
        """The display boxes of map labels (x0, y0, x1, y1): a label's box about its anchor is
        measured once per wording, font, alignment and resolution, then moved to where it stands
        (an animation asks for the same names' boxes on every frame)."""
        if not texts:
            return []
        cache = self._window_boxes
        anchors = self.ax.transData.transform([t.get_position() for t in texts])
        out = []
        for t, (ax_, ay) in zip(texts, anchors.tolist()):
            if t.get_transform() is not self.ax.transData or not t.get_visible() or not t.get_text():
                e = t.get_window_extent(renderer=renderer)
                out.append((e.x0, e.y0, e.x1, e.y1))
                continue
            key = (t.get_text(), t.get_horizontalalignment(), t.get_verticalalignment(), t.get_rotation(),
                   hash(t.get_fontproperties()), internals.line_spacing(t), renderer.dpi)
            rel = cache.get(key)
            if rel is None:
                e = t.get_window_extent(renderer=renderer)
                rel = (e.x0 - ax_, e.y0 - ay, e.x1 - ax_, e.y1 - ay)
                if len(cache) > 4000:
                    cache.clear()
                cache[key] = rel
            out.append((ax_ + rel[0], ay + rel[1], ax_ + rel[2], ay + rel[3]))
        return out

    def _text_size_px(self, t: Text, figure) -> tuple[float, float]:
        """A label's width and height in display pixels, measured once per text, size and weight."""
        key = (t.get_text(), t.get_fontsize(), t.get_fontweight(), figure.dpi)
        got = self._sizes.get(key)
        if got is None:
            renderer = getattr(figure.canvas, "get_renderer", None)
            if renderer is None:
                size = t.get_fontsize() * figure.dpi / 72.0
                got = (0.58 * size * len(t.get_text()) + 2, 1.15 * size)
            else:
                w, h, _d = renderer().get_text_width_height_descent(t.get_text(), t.get_fontproperties(),
                                                                    ismath=False)
                size = t.get_fontsize() * figure.dpi / 72.0
                got = (w + 0.25 * size, max(h, 1.05 * size) + 0.15 * size)
            self._sizes[key] = got
        return got

    def town_at(self, px: float, py: float, r: float) -> LabelSpec | None:
        """The town whose dot is within *r* display pixels of (px, py), if any."""
        if not self.specs:
            return None
        pts = self.ax.transData.transform(np.array([[s.x, s.y] for s in self.specs]))
        d = np.hypot(pts[:, 0] - px, pts[:, 1] - py)
        k = int(np.argmin(d))
        return self.specs[k] if d[k] <= r else None

    def visible(self) -> list[Text]:
        """The town labels shown now."""
        return [t for t in self.town_labels if t.get_visible()]


def hits_shape(box: tuple[float, float, float, float], shapes: list[tuple[Path, Bbox]]) -> bool:
    """True when *box* (display pixels) touches one of the filled *shapes* (paths with their extents)."""
    b = None
    for path, ext in shapes:
        if box[0] < ext.x1 and ext.x0 < box[2] and box[1] < ext.y1 and ext.y0 < box[3]:
            if b is None:
                b = Bbox.from_extents(*box)
            if path.intersects_bbox(b, filled=True):
                return True
    return False


@dataclass(frozen=True)
class DayObstacles:
    """What a date puts on the map that names must keep clear of, in display pixels.

    Attributes
    ----------
    soft
        Boxes round the arrowheads and the event markers (a capital may cover them when
        nothing else is left; see :meth:`LabelsLayer.layout`).
    markers
        The event markers' boxes alone (a town under one is named beyond it).
    paths
        The arrows' whole outlines.
    key
        A hashable digest of all of them, rounded to whole pixels: equal keys, equal layouts.
    """

    soft: tuple[tuple[float, float, float, float], ...]
    markers: tuple[tuple[float, float, float, float], ...]
    paths: tuple[Path, ...]
    key: tuple


def day_obstacles(marks, day: dt.date | None = None) -> DayObstacles:
    """The obstacles of the date a :class:`~explorer.render.layers.marks.MarksLayer` shows.

    Call it after the marks were set to the date (``set_state``) and the view was set.
    With *day* (the date shown), an arrow's head is where the arrow had come that day
    (as drawn), not the end of its whole course.
    """
    markers = tuple(marks.marker_boxes_px())
    paths = []
    heads = []
    to_px = marks.ax.transData
    for m, patch in zip(marks.active_movements, marks.arrows):
        if not patch.get_visible():
            continue
        path = patch.get_transform().transform_path(patch.get_path())
        if np.shape(path.vertices)[0] <= 2:
            continue  # not drawn: the movement has not begun to move
        paths.append(path)
        course = m.course_on(day) if day is not None and hasattr(m, "course_on") else m.xy
        tip = np.asarray(course[-1], dtype=float)
        r = 2.0 * marks.arrow_width_m
        (x0, y0), (x1, y1) = to_px.transform([tip - r, tip + r])
        heads.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    soft = (*heads, *markers)
    key = (tuple(tuple(round(v) for v in b) for b in soft), len(markers),
           tuple(np.round(p.vertices).astype(np.int32).tobytes() for p in paths))
    return DayObstacles(soft, markers, tuple(paths), key)


class DatedLayouts:
    """Names laid out around each date's arrows and markers, one layout per set of obstacles.

    An animation (or the window, when its date changes) asks for the names of
    a date with :meth:`apply`: for obstacles already seen (most frames of a
    weekly animation share theirs with another, or have none) the names are
    put back from the cache; when the names shown are clear of the new
    obstacles they stay; else they are laid out and cached.  The cache belongs to
    one view, page size, set of layers and spelling: call :meth:`clear` when
    any of those change.

    Parameters
    ----------
    labels
        The names' layer.
    size
        How many layouts to keep (the oldest is dropped first).
    """

    def __init__(self, labels: LabelsLayer, size: int = 256) -> None:
        self.labels = labels
        self.size = size
        self._cache: dict[tuple, tuple] = {}
        self._current: tuple | None = None
        #: Layouts computed, put back from the cache, and kept because still clear (for tests and benchmarks).
        self.computed = 0
        self.reused = 0
        self.kept = 0

    def _remember(self, key: tuple, layout: tuple) -> None:
        if len(self._cache) >= self.size:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = layout

    @staticmethod
    def _still_clear(layout: tuple, obstacles: DayObstacles) -> bool:
        """True when no name of *layout* (see :meth:`LabelsLayer.snapshot`) touches *obstacles*."""
        boxes = layout[3]
        shapes = [(p, p.get_extents()) for p in obstacles.paths]
        for box in boxes:
            if any(_overlap(box, b) for b in obstacles.soft) or hits_shape(box, shapes):
                return False
        return True

    def clear(self) -> None:
        """Forget every layout (the view, sizes, layers or spelling changed)."""
        self._cache.clear()
        self._current = None

    def apply(self, view: tuple[float, float, float, float], layers: frozenset[str], obstacles: DayObstacles,
              keep_free: list[tuple[float, float, float, float]] | None = None,
              boost: set[int] | None = None) -> bool:
        """Lay the names out clear of *obstacles* (and *keep_free*); True when they moved.

        *keep_free* and *boost* must be the same for every call between two :meth:`clear`.
        """
        key = obstacles.key
        if key == self._current:
            return False
        before = self._cache.get(self._current) if self._current is not None else None
        got = self._cache.get(key)
        if got is None and before is not None and self._still_clear(before, obstacles):
            # The names shown are clear of these obstacles too: they stay (an animation's names do
            # not jump about while an arrow grows beside them).
            self._remember(key, before)
            self._current = key
            self.kept += 1
            return False
        if got is None:
            self.labels.layout(view, layers, list(keep_free or []), boost=boost, markers=list(obstacles.markers),
                               soft=list(obstacles.soft), paths=list(obstacles.paths))
            got = self.labels.snapshot()
            self._remember(key, got)
            self.computed += 1
        else:
            self.labels.restore(got)
            self.reused += 1
        self._current = key
        return before is None or got != before
