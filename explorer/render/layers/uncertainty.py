"""What the map does not know for sure: ground changing hands, ground held by neither side.

:class:`ChangingLayer` draws, on a day between two recorded fronts, the land
that is on different sides at the two records as a light hatch (the morphed
territory under it shows how far the change has gone; the key and the hover
text give the two dates).  :class:`ZonesLayer` draws the zones a record says
were held by neither side (a gap between two corps, no-man's land, bypassed
forces) grey and cross-hatched, named in the key and the hover text.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry

from explorer.core.dates import format_date
from explorer.render import style
from explorer.render.layers.base import Layer
from explorer.render.paths import polygon_path
from explorer.war.chronology import WarState
from explorer.war.frontparts import Zone

__all__ = ["ChangingLayer", "ZonesLayer", "date_span"]

_EMPTY = Path(np.zeros((1, 2)))


def date_span(a: dt.date, b: dt.date) -> str:
    """``26–28 September 1950``, ``30 November – 1 December 1950``, ``24 December 1950 – 3 January 1951``."""
    if a.year != b.year:
        return f"{format_date(a)} \u2013 {format_date(b)}"
    if a.month != b.month:
        return f"{a.day} {format_date(a).split(' ')[1]} \u2013 {format_date(b)}"
    return f"{a.day}\u2013{format_date(b)}"


class ChangingLayer(Layer):
    """A light hatch over the land that changes hands between the two records around the day."""

    #: Paths of the pairs of records seen last, kept (oldest dropped first):
    #: enough for all of the war's pairs.
    PATHS_KEPT = 160

    def __init__(self, ax: Axes, clip: PathPatch, offshore: BaseGeometry | None, land: BaseGeometry) -> None:
        super().__init__(ax)
        self.patch = PathPatch(_EMPTY, facecolor="none", edgecolor=style.CHANGING_HATCH, linewidth=0.0,
                               hatch="////", zorder=4.95, visible=False)
        ax.add_artist(self.patch)
        self.patch.set_clip_path(clip)
        self._offshore = offshore
        self._land = land
        self._key: tuple[dt.date, dt.date] | None = None
        self._paths: dict[tuple[dt.date, dt.date], Path] = {}
        #: The hatched ground (map metres, not clipped to land), or ``None``.
        self.geometry: BaseGeometry | None = None
        #: The two records' dates while the hatch shows.
        self.between: tuple[dt.date, dt.date] | None = None

    @property
    def dynamic_artists(self) -> list:
        return [self.patch]

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        show = (state.frame is not None and state.previous is not None and state.next_record is not None
                and "territory" in layers)
        if show and state.previous is not None and state.next_record is not None and state.frame is not None:
            key = (state.previous.date, state.next_record.date)
            if key != self._key:
                # The morph has it ready (the map clips it to the coast); built in the
                # background with the pair's fields.
                diff = state.frame.pair.changing
                self.geometry = diff
                shapely.prepare(diff)
                # The same path object for the same pair: a canvas keeps its render by the path.
                path = self._paths.pop(key, None)
                if path is None:
                    path = polygon_path(diff) if not diff.is_empty else _EMPTY
                self._paths[key] = path
                while len(self._paths) > self.PATHS_KEPT:
                    del self._paths[next(iter(self._paths))]
                self.patch.set_path(path)
                self._key = key
            show = self.geometry is not None and not self.geometry.is_empty
        self.between = self._key if show else None
        self.patch.set_visible(show)

    def describe_at(self, x: float, y: float) -> str | None:
        """Hover text for a map point under the hatch, else ``None``."""
        if self.between is None or self.geometry is None:
            return None
        if not shapely.contains_xy(self.geometry, x, y) or not shapely.contains_xy(self._land, x, y):
            return None
        a, b = self.between
        return f"Changing hands between the fronts of {format_date(a)} and {format_date(b)}"

    def key_label(self) -> str | None:
        """The key's words while the hatch shows."""
        if self.between is None:
            return None
        return f"Changing hands, {date_span(*self.between)}"


class ZonesLayer(Layer):
    """Zones held by neither side: grey, cross-hatched, with a dashed edge."""

    MAX_ZONES = 6

    def __init__(self, ax: Axes, clip: PathPatch) -> None:
        super().__init__(ax)
        self.patches = [PathPatch(_EMPTY, facecolor=style.NEITHER_FILL, edgecolor=style.NEITHER_EDGE,
                                  linewidth=1.1, linestyle=(0, (3, 2)), hatch="xx", zorder=4.96, visible=False)
                        for _ in range(self.MAX_ZONES)]
        for p in self.patches:
            ax.add_artist(p)
            p.set_clip_path(clip)
        self.zones: tuple[Zone, ...] = ()
        self._paths: dict[int, Path] = {}

    @property
    def dynamic_artists(self) -> list:
        return list(self.patches)

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        self.zones = state.zones[: self.MAX_ZONES] if "territory" in layers else ()
        for i, patch in enumerate(self.patches):
            if i < len(self.zones):
                z = self.zones[i]
                path = self._paths.get(id(z))
                if path is None:
                    path = self._paths[id(z)] = polygon_path(z.polygon)
                patch.set_path(path)
                patch.set_visible(True)
            else:
                patch.set_visible(False)

    def describe_at(self, x: float, y: float) -> str | None:
        """Hover text for a map point in a zone, else ``None``."""
        for z in self.zones:
            if shapely.contains_xy(z.polygon, x, y):
                when = []
                if z.since is not None:
                    when.append(f"from {format_date(z.since)}")
                if z.until is not None:
                    when.append(f"to {format_date(z.until)}")
                tail = f"\n{' '.join(when)}" if when else ""
                return f"{z.describe()}{tail}"
        return None

    def key_label(self) -> str | None:
        """The key's words while zones show."""
        if not self.zones:
            return None
        return "Held by neither side: " + "; ".join(z.label for z in self.zones)
