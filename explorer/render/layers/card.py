"""The card layer: the date, the phase and the front's status written on the map (the window's title card)."""

from __future__ import annotations

from matplotlib.axes import Axes

from explorer.render import style
from explorer.render.layers.base import Layer
from explorer.war.chronology import WarState, format_date

__all__ = ["CardLayer", "status_line"]


def status_line(state: WarState) -> str:
    """What kind of front is shown, named by its record (:meth:`WarState.describe` with the headline)."""
    return state.describe(headline=True)


class CardLayer(Layer):
    """Plain text on translucent boxes in the map's top-left corner.

    (Text drawn through a halo path effect is an order of magnitude slower to redraw.)

    Parameters
    ----------
    ax
        The map's axes.
    shown
        Whether the card is drawn at all (exports print the date outside the map).
    """

    def __init__(self, ax: Axes, shown: bool) -> None:
        super().__init__(ax)
        card = dict(boxstyle="round,pad=0.35", facecolor="white", alpha=0.78, edgecolor="none")
        self.date_text = ax.text(0.015, 0.985, "", transform=ax.transAxes, fontsize=style.DATE_SIZE,
                                 fontweight="bold", color=style.TITLE, ha="left", va="top", zorder=20, bbox=card)
        self.phase_text = ax.text(0.015, 0.915, "", transform=ax.transAxes, fontsize=style.PHASE_SIZE,
                                  color=style.TITLE, ha="left", va="top", zorder=20, bbox=card)
        self.note_text = ax.text(0.015, 0.87, "", transform=ax.transAxes, fontsize=style.NOTE_SIZE,
                                 color="#333333", style="italic", ha="left", va="top", zorder=20, bbox=card)
        self.shown = shown
        for t in self.texts:
            t.set_visible(shown)

    @property
    def texts(self) -> list:
        """The three texts, top to bottom."""
        return [self.date_text, self.phase_text, self.note_text]

    @property
    def dynamic_artists(self) -> list:
        return self.texts if self.shown else []

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        self.date_text.set_text(format_date(state.date))
        self.phase_text.set_text(state.phase.title if state.phase else "")
        self.note_text.set_text(status_line(state))
