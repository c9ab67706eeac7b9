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


_NEIGHBOURS: dict[int, Any] = {}


def neighbour_land(geodata: Any) -> Any:
    """The union of the land that is not Korea (cached per geodata object)."""
    key = id(geodata)
    if key not in _NEIGHBOURS:
        others = [g for c, g in geodata.land if c != "KOR"]
        _NEIGHBOURS.clear()
        _NEIGHBOURS[key] = shapely.union_all(others) if others else None
    return _NEIGHBOURS[key]


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
        geodata = self.mapview.geodata
        korea = geodata.korea
        others = neighbour_land(geodata)
        inset = 0.1
        xs = np.linspace(inset, max(inset, aw - box_w - inset), 11)
        ys = np.linspace(inset, max(inset, ah - box_h - inset), 15)
        area = box_w * mx * box_h * my
        best = None
        for bx in xs:
            for by in ys:
                rect = (x0 + bx * mx, y0 + by * my, x0 + (bx + box_w) * mx, y0 + (by + box_h) * my)
                k = shapely.clip_by_rect(korea, *rect).area / area if not korea.is_empty else 0.0
                o = shapely.clip_by_rect(others, *rect).area / area if others is not None else 0.0
                corner = min(bx, aw - box_w - bx) / aw + min(by, ah - box_h - by) / ah
                score = (1000.0 + 1000 * k if k > 0 else 0.0) + o + 0.05 * corner + 0.01 * (bx / aw + by / ah)
                if any(bx < a[2] and a[0] < bx + box_w and by < a[3] and a[1] < by + box_h for a in avoid):
                    score += 1e6
                if avoid_line is not None:
                    inside = shapely.clip_by_rect(avoid_line, *rect).length
                    if inside > 0:
                        # Hiding a stretch of the line counts for more than hiding land, the more of it the more.
                        score += (1000.0 if k == 0 else 0.0) + 2000.0 * min(1.0, inside / (0.5 * (rect[2] - rect[0] + rect[3] - rect[1])))
                if best is None or score < best[0]:
                    best = (score, float(bx), float(by))
        assert best is not None
        return (best[1], best[2], best[0]) if with_score else (best[1], best[2])

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
