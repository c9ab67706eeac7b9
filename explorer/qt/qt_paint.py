"""Small painting helpers shared by the widgets that repaint on every date change.

An antialiased rounded rectangle costs Qt's raster engine about 60 µs to
fill; the date card and the timeline's date box each drew one on every step
of a drag (about a tenth of a step's painting).  :func:`rounded_box` draws
it once per size and colours into a pixmap, which is then copied.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

__all__ = ["rounded_box"]


@lru_cache(maxsize=32)
def _box(width: float, height: float, radius: float, fill: int, pen: int | None, pen_width: float,
         ratio: float) -> QPixmap:
    pixmap = QPixmap(max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if pen is None:
            p.setPen(Qt.PenStyle.NoPen)
            rect = QRectF(0, 0, width, height)
        else:
            p.setPen(QPen(QColor.fromRgba(pen), pen_width))
            # The outline is centred on the rectangle's edge, as it is when drawn in place.
            rect = QRectF(pen_width / 2, pen_width / 2, width - pen_width, height - pen_width)
        p.setBrush(QColor.fromRgba(fill))
        p.drawRoundedRect(rect, radius, radius)
    finally:
        p.end()
    return pixmap


def rounded_box(width: float, height: float, radius: float, fill: QColor, pen: QColor | None = None,
                pen_width: float = 1.0, ratio: float = 1.0) -> QPixmap:
    """A *width* x *height* rounded rectangle (device-independent pixels) filled with *fill* and, with
    *pen*, outlined inside its bounds, on a transparent pixmap for a screen of device pixel *ratio*."""
    return _box(round(width, 2), round(height, 2), radius, fill.rgba(), None if pen is None else pen.rgba(),
                pen_width, ratio)
