"""The territory layer: the UN side's fill over Korea's land (which is drawn in the other side's colour)."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from explorer.render import style
from explorer.render.layers.base import Layer
from explorer.render.paths import polygon_path, rings_path
from explorer.war.chronology import WarState

__all__ = ["TerritoryLayer"]


class TerritoryLayer(Layer):
    """The UN side as one patch, clipped to Korea's land (*clip*), with the offshore islands in wartime.

    Attributes
    ----------
    un_fill_path
        The UN side as drawn on the last date (the compositor masks with it).
    """

    def __init__(self, ax: Axes, clip: PathPatch, offshore_path: Path) -> None:
        super().__init__(ax)
        self.un_patch = PathPatch(Path(np.zeros((1, 2))), facecolor=style.UN_FILL, edgecolor="none", zorder=2)
        ax.add_artist(self.un_patch)
        self.un_patch.set_clip_path(clip)
        self.un_patch.set_clip_box(ax.bbox)
        self._offshore_path = offshore_path
        self.un_fill_path = Path(np.zeros((1, 2)))
        # The rings (kept, so that their ids stay theirs) and offshore ground of the last path made.
        self._made_from: tuple[list[np.ndarray], object] | None = None

    @property
    def dynamic_artists(self) -> list:
        return [self.un_patch]

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        self.un_patch.set_visible("territory" in layers)
        rings = list(state.frame.fill_rings) if state.frame is not None else None
        made = self._made_from
        if (rings is not None and made is not None and made[1] is state.offshore and len(made[0]) == len(rings)
                and all(a is b for a, b in zip(made[0], rings))):
            return  # the same rings as the last date's (days that show a record exactly): the same path
        # Between two records the morph gives its rings ready to fill (no shapely geometry is built).
        path = rings_path(rings) if rings is not None else polygon_path(state.un_side)
        if state.offshore is not None:
            path = Path.make_compound_path(path, self._offshore_path)
        self._made_from = (rings, state.offshore) if rings is not None else None
        self.un_fill_path = path
        self.un_patch.set_path(path)
