"""What every layer of the map provides."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes

from explorer.war.chronology import WarState


class Layer:
    """A part of the map owning its artists on one Axes.

    Subclasses create their artists in ``__init__`` (adding them to the axes),
    update them in :meth:`set_state` and show or hide them in :meth:`set_layers`.

    Parameters
    ----------
    ax
        The map's axes.
    """

    def __init__(self, ax: Axes) -> None:
        self.ax = ax

    @property
    def dynamic_artists(self) -> list[Any]:
        """Artists that change with the date, in drawing order (blitted over a cached background)."""
        return []

    def set_layers(self, layers: frozenset[str]) -> None:
        """Show or hide artists for the user's layer choice (names of ``explorer.state.viewstate.LAYERS``)."""

    def set_state(self, state: WarState, layers: frozenset[str]) -> None:
        """Show *state* (the date's territory, fronts, movements...)."""
