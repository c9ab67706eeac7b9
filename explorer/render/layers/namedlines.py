"""The named-lines layer: Kansas, Wyoming, Jamestown, the MDL and the DMZ edges, by date.

Each named line (:mod:`explorer.war.namedlines`) is one line with its name
beside it, shown whole on the days of its span and hidden outside it: the
lines appear and go in steps, never blended.  They are dynamic artists (drawn
over the composited territory each frame, like the front they run beside), so
a date that brings or takes a line costs no recapture of the static map.
Their names are written when the view is narrower than :data:`NAMES_BELOW_KM`
(across the whole peninsula the key and the hover text name them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox, TransformedBbox

from explorer.render import internals, style
from explorer.render.halotext import HaloText
from explorer.render.layers.base import Layer
from explorer.war.chronology import WarState
from explorer.war.namedlines import NamedLine

__all__ = ["LINE_STYLES", "NamedLinesLayer"]

#: Line style of each kind of named line: (linestyle, width, colour).
LINE_STYLES: dict[str, tuple[Any, float, str]] = {
    "fallback": ((0, (6, 3)), 1.4, style.NAMED_LINE),
    "defence": ((0, (7, 2, 1.5, 2)), 1.5, style.NAMED_LINE),
    "objective": ((0, (7, 2, 1.5, 2)), 1.5, style.NAMED_LINE),
    "contact": ((0, (2, 2)), 1.5, style.NAMED_LINE),
    "demarcation": ("-", 1.6, style.ARMISTICE),
    "dmz-edge": ((0, (1.5, 1.5)), 1.0, style.DMZ),
}
#: Where along a line its name goes (share of the length) and on which side
#: (points above the line; negative below), chosen so the names of lines shown
#: together do not overlap.
LABEL_AT = {
    "davidson-line": (0.25, 6), "line-d-1951": (0.55, -12), "no-name-line": (0.35, -12),
    "line-kansas": (0.62, -12), "line-wyoming": (0.30, 6), "line-jamestown": (0.45, 6),
    "line-of-contact-1951": (0.80, 6), "mdl": (0.55, 8), "dmz-north": (0.0, 0), "dmz-south": (0.0, 0),
}
#: Under the fronts (5 and up), over the names' halos (4.9).
LINE_ZORDER = 4.95
#: Names of the lines are written only when the view is narrower than this (km).
NAMES_BELOW_KM = 700.0
#: Named lines whose name is not written on the map (the MDL's name covers them).
UNNAMED = frozenset({"dmz-north", "dmz-south"})


def _point_along(parts: tuple[np.ndarray, ...], share: float) -> tuple[float, float]:
    longest = max(parts, key=lambda p: float(np.hypot(*np.diff(p, axis=0).T).sum()))
    seg = np.hypot(*np.diff(longest, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    t = share * cum[-1]
    return float(np.interp(t, cum, longest[:, 0])), float(np.interp(t, cum, longest[:, 1]))


class NamedLinesLayer(Layer):
    """The named lines of the day, each with its name.

    Parameters
    ----------
    ax
        The map's axes.
    named_lines
        The chronology's :class:`~explorer.war.namedlines.NamedLine` list.
    """

    def __init__(self, ax: Axes, named_lines: list) -> None:
        super().__init__(ax)
        self.named_lines = list(named_lines)
        self.lines: list[Line2D] = []
        self.names: list[Text | None] = []
        axes_clip = TransformedBbox(Bbox.unit(), ax.patch.get_transform())
        for ln in self.named_lines:
            dash, width, colour = LINE_STYLES.get(ln.kind, LINE_STYLES["objective"])
            xs = np.concatenate([np.append(p[:, 0], np.nan) for p in ln.parts])
            ys = np.concatenate([np.append(p[:, 1], np.nan) for p in ln.parts])
            artist = Line2D(xs, ys, color=colour, linewidth=width, linestyle=dash, alpha=0.9, zorder=LINE_ZORDER,
                            visible=False)
            artist.set_label(ln.name)
            ax.add_line(artist)  # clipped to the axes, unlike add_artist
            self.lines.append(artist)
            if ln.id in UNNAMED:
                self.names.append(None)
                continue
            share, dy = LABEL_AT.get(ln.id, (0.5, 6))
            x, y = _point_along(ln.parts, share)
            name = HaloText(x, y, ln.name, halo_color=style.HALO, halo_width=2.2, transform=ax.transData,
                            fontsize=7.0, style="italic", color=colour, ha="center",
                            va="bottom" if dy >= 0 else "top", zorder=LINE_ZORDER + 0.01, clip_on=True, visible=False)
            # Nudged off the line by a fixed distance on the page, whatever the zoom.
            from matplotlib.transforms import offset_copy

            figure = ax.figure
            assert isinstance(figure, Figure)  # the map's axes sit on a figure, not a subfigure
            name.set_transform(offset_copy(ax.transData, fig=figure, x=0, y=dy, units="points"))
            name.set_clip_box(axes_clip)
            internals.add_text(ax, name)
            self.names.append(name)
        #: The ids of the lines shown now.
        self.shown: tuple[str, ...] = ()
        self._day: dt.date | None = None
        self._layers: frozenset[str] = frozenset()
        self._width_km = 0.0

    @property
    def dynamic_artists(self) -> list:
        return [*self.lines, *(n for n in self.names if n is not None)]

    def set_view_width(self, km: float) -> None:
        """The width of the view: names are written only when zoomed in enough."""
        self._width_km = km
        self._apply()

    def _apply(self) -> None:
        on = "named_lines" in self._layers and self._day is not None
        names_on = self._width_km < NAMES_BELOW_KM
        shown = []
        for ln, artist, name in zip(self.named_lines, self.lines, self.names):
            visible = on and ln.shown_on(self._day)
            if ln.kind == "demarcation" and "armistice" in self._layers:
                # The armistice layer draws the line itself; here only its name.
                artist.set_visible(False)
            else:
                artist.set_visible(visible)
            if name is not None:
                name.set_visible(visible and names_on)
            if visible:
                shown.append(ln.id)
        self.shown = tuple(shown)

    def set_layers(self, layers: frozenset[str]) -> None:
        self._layers = layers
        self._apply()

    def shown_key(self) -> tuple:
        # Their lines and names are fixed; only which of them show changes with the date, the layers and the view.
        return tuple(a.get_visible() for a in self.dynamic_artists)

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        self._day = state.date
        self._layers = layers
        self._apply()

    def shown_lines(self) -> list[NamedLine]:
        """The named lines drawn now."""
        return [ln for ln in self.named_lines if ln.id in self.shown]

    def key_ids(self) -> set[str]:
        """Ids of the key rows for what is drawn: ``named_line`` and ``dmz``."""
        ids = set()
        for ln in self.shown_lines():
            ids.add("dmz" if ln.kind == "dmz-edge" else "named_line")
        return ids

    def line_at(self, x: float, y: float, tolerance: float) -> NamedLine | None:
        """The named line drawn within *tolerance* map metres of (x, y), if any."""
        best, best_d = None, tolerance
        for ln in self.shown_lines():
            for p in ln.parts:
                a, b = p[:-1], p[1:]
                ab = b - a
                t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1])
                            / np.maximum((ab ** 2).sum(1), 1e-9), 0, 1)
                near = a + ab * t[:, None]
                d = float(np.min(np.hypot(near[:, 0] - x, near[:, 1] - y)))
                if d <= best_d:
                    best, best_d = ln, d
        return best
