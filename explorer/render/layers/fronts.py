"""The fronts layer: the day's front (with a white casing), the previous front, the armistice line, enclaves."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from explorer.render import style
from explorer.render.layers.base import Layer
from explorer.war.chronology import WAR_END, WAR_START, WarState

__all__ = ["MAX_RINGS", "FrontsLayer", "front_dashes"]


def front_dashes(state: WarState) -> Any:
    """The front's line style: solid when documented, dash-dot when inferred, dashed when interpolated."""
    if state.interpolated:
        return style.DASH_INTERPOLATED
    if state.status == "inferred":
        return style.DASH_INFERRED
    return "-"

#: Enclaves (beachheads, perimeters) drawn at most on one date.
MAX_RINGS = 6


class FrontsLayer(Layer):
    """Lines of the front, clipped to Korea's land (they end at sea).

    Parameters
    ----------
    ax
        The map's axes.
    clip_path
        Korea's land simplified (a few hundred metres off at most), which Agg
        clips far faster than the full coastline.
    """

    def __init__(self, ax: Axes, clip_path: Path) -> None:
        super().__init__(ax)
        self.ghost = Line2D([], [], color=style.GHOST, linewidth=1.2, linestyle=(0, (2, 2)), alpha=0.75, zorder=5)
        # A white casing under the front keeps it readable over both fills.
        self.front_casing = Line2D([], [], color=style.FRONT_CASING, linewidth=5.4, solid_capstyle="round",
                                   alpha=0.9, zorder=5.9)
        self.front = Line2D([], [], color=style.FRONT, linewidth=3.0, solid_capstyle="round", zorder=6)
        self.armistice = Line2D([], [], color=style.ARMISTICE, linewidth=1.8, zorder=5.5)
        self.line_clip = PathPatch(clip_path, transform=ax.transData, facecolor="none", edgecolor="none")
        for ln in (self.ghost, self.front_casing, self.front, self.armistice):
            ln.set_clip_path(self.line_clip)
            ln.set_clip_box(ax.bbox)  # the land runs on beyond a zoomed map's frame: clip to the frame too
            ax.add_artist(ln)
            # The land clip alone let a zoomed-in map's fronts run on over the page outside the axes.
            ln.set_clip_box(ax.bbox)
        self.rings = [Line2D([], [], color=style.ENCLAVE, linewidth=2.0, zorder=6.1) for _ in range(MAX_RINGS)]
        # The dash pattern last set (a line reports any custom pattern as "--"): for shown_key.
        self._dashes: object = None
        for ln in self.rings:
            ax.add_artist(ln)

    @property
    def dynamic_artists(self) -> list:
        return [self.ghost, self.armistice, self.front_casing, self.front, *self.rings]

    def shown_key(self) -> tuple:
        return (self._dashes,
                *((ln.get_xdata(orig=True), ln.get_ydata(orig=True), ln.get_color(), ln.get_linewidth(),
                   ln.get_linestyle()) if ln.get_visible() else False for ln in self.dynamic_artists))

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        division = state.status == "division"
        after = state.date > WAR_END
        front = state.front_xy
        self.front.set_data(front[:, 0], front[:, 1])
        # Documented fronts solid, inferred ones dash-dot, interpolated ones dashed.
        dashes = front_dashes(state)
        self._dashes = dashes
        self.front.set_linestyle(dashes)
        self.front.set_linewidth(2.6 if dashes == "-" else 2.2)
        self.front.set_visible("front" in layers and not division and not after)
        self.front_casing.set_data(front[:, 0], front[:, 1])
        self.front_casing.set_visible(self.front.get_visible())
        self.front_casing.set_linewidth(5.4 if dashes == "-" else 4.6)
        arm = state.date >= WAR_END
        self.armistice.set_data(front[:, 0], front[:, 1])
        self.armistice.set_visible(arm and "armistice" in layers)
        prev = state.previous
        show_ghost = prev is not None and "previous" in layers and not after and state.date >= WAR_START
        if show_ghost and prev is not None:
            gx = prev.main_xy
            self.ghost.set_data(gx[:, 0], gx[:, 1])
        self.ghost.set_visible(bool(show_ghost))
        for i, ln in enumerate(self.rings):
            if i < len(state.rings) and "front" in layers and not after:
                r = state.rings[i]
                ln.set_data(r.xy[:, 0], r.xy[:, 1])
                ln.set_color(style.ENCLAVE if r.un_held else style.FRONT)
                ln.set_linestyle(dashes)
                ln.set_visible(True)
            else:
                ln.set_visible(False)
