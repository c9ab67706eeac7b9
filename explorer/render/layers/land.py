"""The land layer: neighbouring countries, Korea's land, its coast, rivers, borders and the 38th parallel."""

from __future__ import annotations

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from explorer.render import style
from explorer.render.layers.base import Layer
from explorer.render.paths import line_path, polygon_path

__all__ = ["LandLayer", "lines_of"]


def lines_of(geom) -> list:
    """The LineStrings of a line geometry (a LineString, a MultiLineString or a collection)."""
    t = geom.geom_type
    if t == "LineString":
        return [geom]
    if t in ("MultiLineString", "GeometryCollection"):
        return [g for g in geom.geoms if g.geom_type == "LineString"]
    return []


class LandLayer(Layer):
    """The static map under everything else.

    Korea's land (:attr:`korea_base`) is drawn in the communist colour: the UN
    side's fill of :class:`~explorer.render.layers.territory.TerritoryLayer`
    lies over it, clipped to it.
    """

    def __init__(self, ax: Axes, geodata) -> None:
        super().__init__(ax)
        gd = geodata
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
        self.rivers = LineCollection([np.asarray(ls.coords) for r in gd.rivers for ls in lines_of(r.geometry)],
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

    def set_layers(self, layers: frozenset[str]) -> None:
        self.korea_base.set_facecolor(style.COMMUNIST_FILL if "territory" in layers else style.NEUTRAL_LAND)
        self.rivers.set_visible("rivers" in layers)
        self.parallel.set_visible("parallel" in layers)
