"""The source-places layer: the places the day's passages name, and the one a reader points at.

The passage panel tells the map which places the passages listed for the date
name (:meth:`SourcePlacesLayer.set_named`) and which one the pointer is over
(:meth:`SourcePlacesLayer.set_hovered`); this layer rings them. Places without a
point in the gazetteer (rivers) are not marked.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes

from explorer.render.layers.base import Layer

__all__ = ["NAMED_COLOUR", "HOVER_COLOUR", "SourcePlacesLayer"]

#: Edge colour of the rings around the places the day's passages name.
NAMED_COLOUR = "#00796b"
#: Colour of the ring around the place the reader points at in the panel.
HOVER_COLOUR = "#d81b60"


class SourcePlacesLayer(Layer):
    """Rings around places named by the sources.

    Parameters
    ----------
    ax
        The map's axes.
    places
        The gazetteer's places (each with ``name``, ``x`` and ``y`` in map metres).
    """

    def __init__(self, ax: Axes, places: Iterable) -> None:
        super().__init__(ax)
        self.xy: dict[str, tuple[float, float]] = {p.name: (p.x, p.y) for p in places}
        self.named_places: tuple[str, ...] = ()
        self.hovered_place: str | None = None
        self.named = ax.scatter([], [], s=150, marker="o", facecolors="none", edgecolors=NAMED_COLOUR,
                                linewidths=1.6, zorder=9.5)
        self.hovered = ax.scatter([], [], s=420, marker="o", facecolors="none", edgecolors=HOVER_COLOUR,
                                  linewidths=2.6, zorder=11)
        self.named.set_gid("source-places")
        self.hovered.set_gid("source-place-hovered")
        # Hidden while empty: matplotlib 3.8 draws an empty scatter's marker once, at the axes' corner.
        self.named.set_visible(False)
        self.hovered.set_visible(False)

    @property
    def dynamic_artists(self) -> list:
        return [self.named, self.hovered]

    def shown_key(self) -> tuple:
        return tuple((c.get_offsets(), c.get_sizes()) if c.get_visible() else False for c in (self.named, self.hovered))

    def _offsets(self, names: Iterable[str]) -> np.ndarray:
        pts = [self.xy[n] for n in names if n in self.xy]
        return np.array(pts, dtype=float).reshape(-1, 2)

    def set_named(self, names: Iterable[str]) -> bool:
        """Ring *names* (gazetteer names; unknown ones are left out). True when it changed."""
        names = tuple(dict.fromkeys(names))
        if names == self.named_places:
            return False
        self.named_places = names
        offsets = self._offsets(names)
        self.named.set_offsets(offsets)
        self.named.set_visible(len(offsets) > 0)
        return True

    def set_hovered(self, name: str | None) -> bool:
        """Ring *name* strongly (None: none). True when it changed."""
        if name == self.hovered_place:
            return False
        self.hovered_place = name
        offsets = self._offsets([name] if name else [])
        self.hovered.set_offsets(offsets)
        self.hovered.set_visible(len(offsets) > 0)
        return True

    def marked(self) -> list[str]:
        """The names ringed now, the hovered one last."""
        out = [n for n in self.named_places if n in self.xy]
        if self.hovered_place in self.xy:
            out.append(self.hovered_place)
        return out
