"""The scale bar and north arrow of an exported map, boxed where they hide the least land.

:class:`ScaleAndNorth` owns its artists (a white box, four bar segments, three
numbers, the two halves of the arrow and its "N") and places them on a
:class:`~explorer.render.mapview.MapRenderer`'s axes each time the layout
changes.  The bar is true in EPSG:5179 metres; the arrow points to true north
at the centre of the view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely
from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle
from matplotlib.text import Text

from explorer.war.projection import to_lonlat, to_xy

__all__ = ["ScaleAndNorth", "fmt_km", "nice_length_km"]


def nice_length_km(max_km: float) -> float:
    """The largest round length (1, 1.5, 2, 2.5, 3, 4 or 5 x 10^n) not over *max_km*."""
    if max_km <= 0:
        return 1.0
    exp = math.floor(math.log10(max_km))
    best = 10.0 ** exp
    for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0):
        if m * 10.0 ** exp <= max_km:
            best = m * 10.0 ** exp
    return best


def _next_nice(km: float) -> float:
    """The next round length above *km* (see :func:`nice_length_km`)."""
    exp = math.floor(math.log10(km))
    for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 10.0):
        if m * 10.0 ** exp > km * 1.0001:
            return m * 10.0 ** exp
    return 10.0 ** (exp + 1)


def fmt_km(v: float) -> str:
    """A length in km without trailing zeros (``50``, ``2.5``)."""
    return f"{v:g}"


#: Cells per inch of the land coverage that boxes are placed by (a fiftieth of an inch: three
#: pixels of a 150-dpi page; finer took four times as long for no better place).
COVER_CELLS_PER_IN = 50


class LandCover:
    """How much Korean and other land lies under any box on the map, at a glance.

    The land is rasterised once per view and map size onto cells of
    1/:data:`COVER_CELLS_PER_IN` inch (anti-aliased, so a cell half covered
    counts half), and summed-area tables give the land under a box in four
    look-ups.  Placing a key tries a few hundred boxes; clipping the coast
    for each one took most of an export's layout time.  A box's edges are
    taken outwards to whole cells, so a box counted clear of Korean land hides
    none that could be seen (an islet under a hundredth of a cell may not count).
    """

    def __init__(self, geodata: Any, view: tuple[float, float, float, float], aw: float, ah: float) -> None:
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.transforms import Affine2D

        from explorer.render.paths import polygon_path

        x0, x1, y0, y1 = view
        self.nx = max(1, math.ceil(aw * COVER_CELLS_PER_IN))
        self.ny = max(1, math.ceil(ah * COVER_CELLS_PER_IN))
        to_cells = Affine2D().translate(-x0, -y0).scale(aw * COVER_CELLS_PER_IN / (x1 - x0),
                                                        ah * COVER_CELLS_PER_IN / (y1 - y0))
        renderer = RendererAgg(self.nx, self.ny, 72)

        def table(geoms: list[Any]) -> np.ndarray:
            renderer.clear()
            if geoms:
                gc = renderer.new_gc()
                gc.set_linewidth(0)
                renderer.draw_path(gc, polygon_path(shapely.GeometryCollection(geoms)), to_cells,
                                   (1.0, 1.0, 1.0, 1.0))
                gc.restore()
            # Rows from the bottom (Agg's buffer runs from the top); coverage in 255ths of a cell,
            # summed in integers (exact: no land is exactly zero).
            cover = np.asarray(renderer.buffer_rgba())[::-1, :, 3]
            summed = np.zeros((self.ny + 1, self.nx + 1), dtype=np.int64)
            np.cumsum(cover, axis=0, dtype=np.int64, out=summed[1:, 1:])
            np.cumsum(summed[1:, 1:], axis=1, out=summed[1:, 1:])
            return summed

        korea = geodata.korea
        self.korea = table([] if korea.is_empty else [korea])
        self.others = table([g for c, g in geodata.land if c != "KOR"])

    def _cells(self, x0_in: np.ndarray, y0_in: np.ndarray, x1_in: np.ndarray, y1_in: np.ndarray):
        c = COVER_CELLS_PER_IN
        i0 = np.clip(np.floor(x0_in * c).astype(int), 0, self.nx)
        i1 = np.clip(np.ceil(x1_in * c).astype(int), 0, self.nx)
        j0 = np.clip(np.floor(y0_in * c).astype(int), 0, self.ny)
        j1 = np.clip(np.ceil(y1_in * c).astype(int), 0, self.ny)
        return i0, i1, j0, j1

    def _summed_at(self, s: np.ndarray, x_in: np.ndarray, y_in: np.ndarray) -> np.ndarray:
        """The summed-area table at any point (inches), interpolated: a cell's land counts as spread over it."""
        x = np.clip(x_in * COVER_CELLS_PER_IN, 0, self.nx)
        y = np.clip(y_in * COVER_CELLS_PER_IN, 0, self.ny)
        i = np.minimum(np.floor(x).astype(int), self.nx - 1)
        j = np.minimum(np.floor(y).astype(int), self.ny - 1)
        fx, fy = x - i, y - j
        return ((s[j, i] * (1 - fx) + s[j, i + 1] * fx) * (1 - fy)
                + (s[j + 1, i] * (1 - fx) + s[j + 1, i + 1] * fx) * fy)

    def under(self, x0_in: np.ndarray, y0_in: np.ndarray, x1_in: np.ndarray, y1_in: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
        """Korean and other land under boxes (inches from the map's lower-left), in square inches.

        Any land at all in the cells a box touches counts (never less than a
        millionth of a square inch); how much is read between the cells' corners.
        """
        i0, i1, j0, j1 = self._cells(x0_in, y0_in, x1_in, y1_in)
        per_step = 1.0 / (255 * COVER_CELLS_PER_IN ** 2)

        def area(s: np.ndarray) -> np.ndarray:
            touched = s[j1, i1] - s[j0, i1] - s[j1, i0] + s[j0, i0]
            inside = (self._summed_at(s, x1_in, y1_in) - self._summed_at(s, x0_in, y1_in)
                      - self._summed_at(s, x1_in, y0_in) + self._summed_at(s, x0_in, y0_in))
            return np.where(touched > 0, np.maximum(inside * per_step, 1e-6), 0.0)

        return area(self.korea), area(self.others)


_COVER: dict[tuple, LandCover] = {}


def land_cover(geodata: Any, view: tuple[float, float, float, float], aw: float, ah: float) -> LandCover:
    """The :class:`LandCover` of *view* on a map *aw* x *ah* inches (the last four kept: an export's
    view, and where its key slid it aside for some dates)."""
    key = (id(geodata), tuple(float(v) for v in view), round(aw, 4), round(ah, 4))
    cover = _COVER.get(key)
    if cover is None:
        cover = LandCover(geodata, view, aw, ah)
        while len(_COVER) >= 4:
            _COVER.pop(next(iter(_COVER)))
        _COVER[key] = cover
    return cover


def _line_pieces(line: Any, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Midpoints and lengths of *line* cut into pieces no longer than *step* (map metres)."""
    if line is None or line.is_empty:
        return np.zeros((0, 2)), np.zeros(0)
    parts = shapely.get_parts(shapely.segmentize(line, step))
    mids, lengths = [], []
    for part in parts:
        xy = shapely.get_coordinates(part)
        if len(xy) < 2:
            continue
        mids.append((xy[1:] + xy[:-1]) / 2)
        lengths.append(np.hypot(*(xy[1:] - xy[:-1]).T))
    if not mids:
        return np.zeros((0, 2)), np.zeros(0)
    return np.concatenate(mids), np.concatenate(lengths)


class ScaleAndNorth:
    """A north arrow above a scale bar in km, in a white box on the map.

    Parameters
    ----------
    mapview
        The :class:`~explorer.render.mapview.MapRenderer` whose axes carry the box.
    font_pt
        The size of the numbers, in points.

    Attributes
    ----------
    scale_km, scale_bar_px
        The bar's length in km and in pixels (after :meth:`place`).
    north_angle
        The angle of true north, clockwise from the map's up, at the centre of the view (degrees).
    box_px
        The box's corners in display pixels, ``((x0, y0), (x1, y1))``.
    """

    def __init__(self, mapview: Any, font_pt: float) -> None:
        self.mapview = mapview
        self.font_pt = font_pt
        self.artists: list[Any] = []
        self.scale_km = 0.0
        self.scale_bar_px = 0.0
        self.north_angle = 0.0
        self.box_px: Any = None

    def box_position(self, box_w: float, box_h: float, aw: float, ah: float,
                     avoid: Sequence[tuple[float, float, float, float]] = (), with_score: bool = False,
                     avoid_line: Any = None) -> Any:
        """Where (inches from the axes' lower-left) a box covers no Korean land and the least other land.

        Positions on a grid over the map are tried; among those clear of Korea
        (and of the *avoid* boxes, inches from the axes' lower-left) the one
        covering the least other land wins, then the one nearest a corner.
        When none is clear, the one covering the least Korean land.  With
        *with_score*, returns ``(x, y, score)`` (lower is better).  *avoid_line*
        (a shapely geometry in map metres, like the day's front) counts as more
        than land: a box over a stretch of it scores up to 2000 more (and at least 1000).
        """
        x0, x1, y0, y1 = self.mapview.view()
        mx, my = (x1 - x0) / aw, (y1 - y0) / ah
        inset = 0.1
        xs = np.linspace(inset, max(inset, aw - box_w - inset), 11)
        ys = np.linspace(inset, max(inset, ah - box_h - inset), 15)
        bx, by = (v.ravel() for v in np.meshgrid(xs, ys, indexing="ij"))  # xs outer, as tried before
        k_in, o_in = land_cover(self.mapview.geodata, (x0, x1, y0, y1), aw, ah).under(bx, by, bx + box_w, by + box_h)
        k, o = k_in / (box_w * box_h), o_in / (box_w * box_h)
        corner = np.minimum(bx, aw - box_w - bx) / aw + np.minimum(by, ah - box_h - by) / ah
        score = np.where(k > 0, 1000.0 + 1000 * k, 0.0) + o + 0.05 * corner + 0.01 * (bx / aw + by / ah)
        for a in avoid:
            score += np.where((bx < a[2]) & (a[0] < bx + box_w) & (by < a[3]) & (a[1] < by + box_h), 1e6, 0.0)
        if avoid_line is not None:
            # The line's pieces (no longer than a hundredth of an inch) whose middles fall in a box.
            mids, lengths = _line_pieces(avoid_line, 0.01 * mx)
            if len(mids):
                px, py = (mids[:, 0] - x0) / mx, (mids[:, 1] - y0) / my
                near = (px > -box_w) & (px < aw + box_w) & (py > -box_h) & (py < ah + box_h)
                px, py, lengths = px[near], py[near], lengths[near]
                inside_in = ((px[None, :] >= bx[:, None]) & (px[None, :] <= (bx + box_w)[:, None])
                             & (py[None, :] >= by[:, None]) & (py[None, :] <= (by + box_h)[:, None])) @ lengths
                half_perimeter = 0.5 * (box_w * mx + box_h * my)
                # Hiding a stretch of the line counts for more than hiding land, the more of it the more.
                score += np.where(inside_in > 0, np.where(k == 0, 1000.0, 0.0)
                                  + 2000.0 * np.minimum(1.0, inside_in / half_perimeter), 0.0)
        best = int(np.argmin(score))  # the first of equals, in the order tried before
        if with_score:
            return float(bx[best]), float(by[best]), float(score[best])
        return float(bx[best]), float(by[best])

    def remove(self) -> None:
        """Take the box off the map."""
        for a in self.artists:
            a.remove()
        self.artists = []

    def place(self, aw: float, ah: float, text_width_in: Callable[[str, float], float],
              at_in: tuple[float, float] | None = None,
              avoid: Sequence[tuple[float, float, float, float]] = ()) -> None:
        """Draw the box on axes of *aw* x *ah* inches.

        Parameters
        ----------
        aw, ah
            The axes' size in inches.
        text_width_in
            Width in inches of a text at a size in points (the figure's renderer measures it).
        at_in
            The box's lower-left corner in inches from the axes' lower-left; by
            default where it hides the least land.
        avoid
            Boxes (inches from the axes' lower-left) it must not cover, like the key.
        """
        self.remove()
        ax = self.mapview.ax
        fig = ax.figure
        x0, x1, y0, y1 = self.mapview.view()
        m_per_in = (x1 - x0) / aw
        km = nice_length_km(min(1.2, 0.22 * aw) * m_per_in / 1000)
        pt = self.font_pt
        # Long enough that its three numbers do not run into each other ("25" and "50 km" did).
        for _ in range(6):
            need = 1.25 * (text_width_in(fmt_km(km / 2), pt) + text_width_in(f"{fmt_km(km)} km", pt))
            if km * 1000 / m_per_in >= need or km * 1000 / m_per_in > 0.45 * aw:
                break
            km = _next_nice(km)
        bar_in = km * 1000 / m_per_in
        pad = 0.08 * pt / 8.0
        end_label = f"{fmt_km(km)} km"
        label_room = text_width_in(end_label, pt) / 2
        zero_room = text_width_in("0", pt) / 2
        box_w = pad + zero_room + bar_in + label_room + pad
        k = pt / 8.0
        arrow_len, half, bar_h = 0.32 * k, 0.075 * k, 0.065 * k
        label_h = pt * 1.3 / 72
        n_h = (pt + 2) * 1.2 / 72
        box_h = pad + label_h + 0.03 + bar_h + 0.12 + arrow_len + n_h + pad * 0.5
        bx, by = at_in if at_in is not None else self.box_position(box_w, box_h, aw, ah, avoid)
        ta = ax.transAxes
        art = self.artists

        def at(xin: float, yin: float) -> tuple[float, float]:
            return xin / aw, yin / ah

        art.append(FancyBboxPatch(at(bx, by), box_w / aw, box_h / ah,
                                  boxstyle="round,pad=0,rounding_size=0.012", transform=ta,
                                  facecolor="white", edgecolor="#9aa5ad", linewidth=0.6, alpha=0.9,
                                  zorder=30, clip_on=False))
        # Scale bar: four alternating segments, labels at 0, half and full length.
        sx, sy = bx + pad + zero_room, by + pad + label_h + 0.03
        seg = bar_in / 4
        for i in range(4):
            art.append(Rectangle(at(sx + i * seg, sy), seg / aw, bar_h / ah, transform=ta,
                                 facecolor="#222222" if i % 2 == 0 else "white", edgecolor="#222222",
                                 linewidth=0.6, zorder=31, clip_on=False))
        for frac, text in ((0.0, "0"), (0.5, fmt_km(km / 2)), (1.0, end_label)):
            art.append(Text(*at(sx + frac * bar_in, sy - 0.03), text, transform=ta, fontsize=pt,
                            ha="center", va="top", color="#222222", zorder=31, clip_on=False))
        # North arrow above the bar, turned to true north at the centre of the view.
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        lon, lat = (float(v) for v in to_lonlat(cx, cy))
        nx, ny = (float(v) for v in to_xy(lon, min(lat + 0.2, 89.0)))
        self.north_angle = math.degrees(math.atan2(nx - cx, ny - cy))
        ux, uy = math.sin(math.radians(self.north_angle)), math.cos(math.radians(self.north_angle))
        px, py = uy, -ux
        acx, acy = sx, sy + bar_h + 0.12 + arrow_len / 2
        tip = (acx + ux * arrow_len / 2, acy + uy * arrow_len / 2)
        base = (acx - ux * arrow_len / 2, acy - uy * arrow_len / 2)
        notch = (acx - ux * arrow_len * 0.25, acy - uy * arrow_len * 0.25)
        for side, face in ((-1, "#222222"), (1, "white")):
            corner = (base[0] + side * px * half, base[1] + side * py * half)
            art.append(Polygon([at(*tip), at(*corner), at(*notch)], closed=True, transform=ta,
                               facecolor=face, edgecolor="#222222", linewidth=0.6, zorder=31, clip_on=False))
        art.append(Text(*at(tip[0] + ux * 0.02, tip[1] + uy * 0.02), "N", transform=ta,
                        fontsize=pt + 2, fontweight="bold", ha="center", va="bottom",
                        color="#222222", zorder=31, clip_on=False))
        for a in art:
            ax.add_artist(a)
        self.box_px = ta.transform([at(bx, by), at(bx + box_w, by + box_h)])
        self.scale_km = km
        self.scale_bar_px = bar_in * fig.dpi
