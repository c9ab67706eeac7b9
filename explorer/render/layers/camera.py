"""The camera: which part of the map the axes show, kept at a true scale."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.axes import Axes

__all__ = ["Camera", "home_bounds"]

#: Korea's bounds in map metres when the geodata has none.
_DEFAULT_KOREA = (7e5, 1.4e6, 1.3e6, 2.6e6)


def home_bounds(geodata) -> tuple[float, float, float, float]:
    """The whole peninsula of *geodata* with a margin: (xmin, xmax, ymin, ymax) in map metres."""
    return _with_margin(_DEFAULT_KOREA if geodata.korea.is_empty else geodata.korea.bounds)


def _with_margin(korea: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = korea
    mx, my = (x1 - x0) * 0.06, (y1 - y0) * 0.04
    return x0 - mx, x1 + mx, y0 - my, y1 + my


class Camera:
    """The view of the map's axes: the whole peninsula, an extent, zoom and pan.

    The extent always grows in width or height around its centre so that a
    metre is as long across as up the map, whatever the shape of the axes.

    Parameters
    ----------
    ax
        The map's axes.
    korea_bounds
        Korea's (xmin, ymin, xmax, ymax) in map metres, or ``None`` for a default.
    on_change
        Called after every change of view (the renderer lays out its labels again).
    """

    #: Narrowest view, in metres across.
    MIN_SPAN_M = 20_000.0

    def __init__(self, ax: Axes, korea_bounds: tuple[float, float, float, float] | None,
                 on_change: Callable[[], None]) -> None:
        self.ax = ax
        self._korea = korea_bounds if korea_bounds is not None else _DEFAULT_KOREA
        self._on_change = on_change
        self.requested: tuple[float, float, float, float] | None = None

    def home_bounds(self) -> tuple[float, float, float, float]:
        """The whole peninsula with a margin: (xmin, xmax, ymin, ymax) in map metres."""
        return _with_margin(self._korea)

    def set_view(self, xmin: float, xmax: float, ymin: float, ymax: float) -> None:
        """Show at least the given extent (map metres), widened to keep the scale true."""
        self.requested = (xmin, xmax, ymin, ymax)
        ax = self.ax
        bbox = ax.get_window_extent() if ax.figure.canvas is not None else None
        if bbox is not None and bbox.width > 1 and bbox.height > 1:
            cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
            dw, dh = max(xmax - xmin, 1.0), max(ymax - ymin, 1.0)
            want = bbox.width / bbox.height
            if dw / dh < want:
                dw = dh * want
            else:
                dh = dw / want
            xmin, xmax, ymin, ymax = cx - dw / 2, cx + dw / 2, cy - dh / 2, cy + dh / 2
        ax.set_xlim(xmin, xmax)
        ax.set_ylim(ymin, ymax)
        self._on_change()

    def refit(self) -> None:
        """Fit the last requested extent to the axes again (after a resize)."""
        self.set_view(*(self.requested or self.home_bounds()))

    def view(self) -> tuple[float, float, float, float]:
        """The extent shown: (xmin, xmax, ymin, ymax)."""
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        return x0, x1, y0, y1

    def zoom(self, factor: float, cx: float, cy: float) -> None:
        """Zoom by *factor* (>1 zooms in) keeping the map point (cx, cy) fixed."""
        x0, x1, y0, y1 = self.view()
        span = max(x1 - x0, 1.0)
        hx0, hx1, _, _ = self.home_bounds()
        new_span = min(max(span / factor, self.MIN_SPAN_M), (hx1 - hx0) * 3)
        f = new_span / span
        self.set_view(cx - (cx - x0) * f, cx + (x1 - cx) * f, cy - (cy - y0) * f, cy + (y1 - cy) * f)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) map metres."""
        x0, x1, y0, y1 = self.view()
        self.set_view(x0 + dx, x1 + dx, y0 + dy, y1 + dy)
