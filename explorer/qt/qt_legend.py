"""The map legend: a small key in the map's lower-right corner, listing what the map draws.

Its rows come from the one key definition (:data:`explorer.render.key.KEY`),
filtered by the visible layers and by what the map shows on the date
(:meth:`QtLegend.set_shown`), like an export's key.

A click folds the key down to a small "Key" tab (in a small window it hid the
south-east coast, where the Pusan perimeter is) and another click unfolds it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QFrame, QWidget

from explorer.render.key import DAY_ONLY, KEY

#: Rows of the shared key (:data:`explorer.render.key.KEY`) the window's compact key leaves out:
#: the map names its towns and rivers itself.
WINDOW_OMITS = frozenset({"town", "river"})

#: (layer, label, kind, colour) rows of the key, from the one key definition.
ROWS = tuple((e.layer, e.short, e.kind, e.colour) for e in KEY if e.id not in WINDOW_OMITS)
#: The ids of :data:`ROWS`, in the same order.
ROW_IDS = tuple(e.id for e in KEY if e.id not in WINDOW_OMITS)


class QtLegend(QFrame):
    """A painted key of the map's symbols; rows of hidden layers are left out; a click folds it."""

    FOLDED_LABEL = "Key"

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.setAccessibleName("Map legend")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.folded = False
        self._update_tip()
        f = self.font()
        f.setPointSizeF(max(f.pointSizeF() * 0.88, 7.0))
        self.setFont(f)
        self.layers: frozenset[str] = frozenset(r[0] for r in ROWS)
        #: What the two territory colours are called (they are not sides of a front before the war).
        self.sides: tuple[str, str] = (ROWS[0][1], ROWS[1][1])
        #: Ids of the key rows the map draws now (``None``: every row of the visible layers).
        self.shown: frozenset[str] | None = None
        #: Words for the day's rows (see :func:`explorer.render.key.day_rows`): the dates of
        #: ground changing hands, the names of zones held by neither side.
        self.day: dict[str, str] = {}
        self._make_rows()

    def _make_rows(self) -> None:
        names = {"un": self.sides[0], "communist": self.sides[1]}
        names.update({k: v for k, v in self.day.items() if k != "front_inferred"})
        # A day-only row (inferred front, changing hands, zone) is listed when the map
        # draws it (or, before the map has said, when the day has words for it).
        self._rows = [(r[0], names.get(i, r[1]), *r[2:]) for i, r in zip(ROW_IDS, ROWS)
                      if r[0] in self.layers and (self.shown is None or i in self.shown)
                      and (i not in DAY_ONLY or i in self.day or (self.shown is not None and i in self.shown))]

    def set_day(self, rows: dict[str, str]) -> None:
        """Name the day's ground changing hands and zones held by neither side (see :func:`day_rows`)."""
        if rows == self.day:
            return
        self.day = dict(rows)
        corner = self.geometry().bottomRight()
        self._make_rows()
        self.adjustSize()
        self.move(max(corner.x() - self.width() + 1, 0), max(corner.y() - self.height() + 1, 0))
        self.update()

    def set_shown(self, ids: set[str] | frozenset[str]) -> None:
        """List only these rows (see :func:`explorer.render.key.entries_shown`); the lower-right corner stays put."""
        ids = frozenset(ids)
        if ids == self.shown:
            return
        self.shown = ids
        corner = self.geometry().bottomRight()
        self._make_rows()
        self.adjustSize()
        self.move(max(corner.x() - self.width() + 1, 0), max(corner.y() - self.height() + 1, 0))
        self.update()

    def set_layers(self, layers: frozenset[str]) -> None:
        """Show the rows of these layers only."""
        self.layers = frozenset(layers)
        self._make_rows()
        self.setVisible(bool(self._rows))
        self.adjustSize()
        self.update()

    def set_sides(self, sides: tuple[str, str]) -> None:
        """Name the blue and the orange territory (see :func:`explorer.war.chronology.side_names`)."""
        if tuple(sides) == self.sides:
            return
        self.sides = (sides[0], sides[1])
        corner = self.geometry().bottomRight()
        self._make_rows()
        self.adjustSize()
        self.move(max(corner.x() - self.width() + 1, 0), max(corner.y() - self.height() + 1, 0))
        self.update()

    def set_folded(self, folded: bool) -> None:
        """Fold the key to a small tab (True) or show it whole; its lower-right corner stays put."""
        if folded == self.folded:
            return
        corner = self.geometry().bottomRight()
        self.folded = folded
        self._update_tip()
        self.adjustSize()
        self.move(max(corner.x() - self.width() + 1, 0), max(corner.y() - self.height() + 1, 0))
        self.update()

    def _update_tip(self) -> None:
        self.setToolTip("Click to show the key" if self.folded else "Click to fold the key away")

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.set_folded(not self.folded)
            event.accept()
            return
        super().mousePressEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        if self.folded:
            return QSize(fm.horizontalAdvance(self.FOLDED_LABEL) + 30, fm.height() + 10)
        w = max((fm.horizontalAdvance(r[1]) for r in self._rows), default=0)
        return QSize(w + 48, len(self._rows) * (fm.height() + 3) + 10)

    def paintEvent(self, event) -> None:  # noqa: N802
        # The map under the key changes on every date: the key itself is painted
        # once per content and size, then copied.
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.folded, tuple(self._rows), self.font().key())
        if self.__dict__.get("_pixmap_key") != key:
            pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            self._paint_key(QPainter(pixmap))
            self._pixmap, self._pixmap_key = pixmap, key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.end()

    def _paint_key(self, p: QPainter) -> None:
        """Paint the key (its rounded box, swatches and words) with *p*, and end *p*."""
        p.setFont(self.font())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 215))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        fm = self.fontMetrics()
        if self.folded:
            # A small triangle pointing up (the key opens upwards) and the word "Key".
            cy = 5 + fm.height() / 2
            p.setBrush(QColor("#1b1b1b"))
            p.drawPolygon(QPolygonF([QPointF(8, cy + 3), QPointF(18, cy + 3), QPointF(13, cy - 3)]))
            p.setPen(QColor("#1b1b1b"))
            p.drawText(24, int(5 + fm.ascent()), self.FOLDED_LABEL)
            p.end()
            return
        y = 6
        for _layer, label, kind, colour in self._rows:
            h = fm.height()
            cy = y + h / 2
            c = QColor(colour)
            if kind == "fill":
                p.setPen(QPen(QColor("#5b6b73"), 0.8))
                p.setBrush(c)
                p.drawRect(QRectF(8, cy - 6, 26, 12))
            elif kind == "star":
                p.setPen(QPen(QColor("white"), 1))
                p.setBrush(c)
                p.drawEllipse(QRectF(16, cy - 5, 10, 10))
            elif kind in ("hatch", "crosshatch"):
                p.setPen(QPen(QColor("#5b6b73"), 0.8, Qt.PenStyle.DashLine if kind == "crosshatch"
                              else Qt.PenStyle.SolidLine))
                p.setBrush(QColor("#d9d4c7") if kind == "crosshatch" else Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(8, cy - 6, 26, 12))
                p.setBrush(QBrush(QColor("#4a4a4a"), Qt.BrushStyle.DiagCrossPattern if kind == "crosshatch"
                                  else Qt.BrushStyle.BDiagPattern))
                p.setPen(Qt.PenStyle.NoPen)
                p.drawRect(QRectF(8, cy - 6, 26, 12))
            elif kind == "arrow":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(c)
                x0 = 12
                p.drawPolygon(QPolygonF([QPointF(x0, cy - 3), QPointF(x0 + 10, cy - 3), QPointF(x0 + 10, cy - 6),
                                         QPointF(x0 + 18, cy), QPointF(x0 + 10, cy + 6), QPointF(x0 + 10, cy + 3),
                                         QPointF(x0, cy + 3)]))
            else:
                pen = QPen(c, 2.6 if kind != "dot" else 1.6)
                if kind == "dash":
                    pen.setStyle(Qt.PenStyle.DashLine)
                elif kind == "dashdot":
                    pen.setStyle(Qt.PenStyle.DashDotLine)
                elif kind == "dot":
                    pen.setStyle(Qt.PenStyle.DotLine)
                p.setPen(pen)
                p.drawLine(8, int(cy), 34, int(cy))
            p.setPen(QColor("#1b1b1b"))
            p.drawText(42, int(y + fm.ascent()), label)
            y += h + 3
        p.end()
