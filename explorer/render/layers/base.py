"""What every layer of the map provides."""

from __future__ import annotations

from typing import Any

import numpy as np
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

    def shown_key(self) -> Any:
        """What the dynamic artists show now, as a value :func:`same_shown` finds equal to an
        earlier one only when they draw the same pixels; ``None`` when the layer cannot tell
        (it then counts as changed)."""
        return None


def same_shown(a: Any, b: Any) -> bool:
    """Whether two :meth:`Layer.shown_key` values are equal: ``None`` (cannot tell) never is;
    within them, arrays compare by their values, tuples and lists item by item, anything else by ``==``."""
    return a is not None and b is not None and _equal(a, b)


def _equal(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and bool(np.array_equal(a, b)))
    if isinstance(a, (tuple, list)):
        return isinstance(b, (tuple, list)) and len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)
