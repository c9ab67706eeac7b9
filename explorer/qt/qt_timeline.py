"""The timeline: phases as coloured bands, a handle for the current date.

:class:`QtTimeline` is a thin view over :class:`~explorer.model.viewstate.ViewState`:
it writes the date the user picks and repaints when the date changes.

Keys: Left/Right a day, PgUp/PgDn a month, Home/End the first and last day of
the war, Shift+Home/Shift+End the ends of the timeline.  Click anywhere to jump,
drag the handle to scrub, Ctrl+wheel to widen or narrow the stretch under the
cursor.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPalette, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from explorer.model.chronology import WAR_END, WAR_START, Phase, format_date
from explorer.model.timescale import TimeScale, default_scale
from explorer.model.viewstate import ViewState

_MARGIN = 14


class QtTimeline(QWidget):
    """A horizontal timeline bound to a :class:`ViewState`.

    Parameters
    ----------
    state
        The evented view state whose ``date`` this widget shows and sets.
    phases
        Phases drawn as coloured bands.
    """

    scrubbing = Signal(bool)

    def __init__(self, state: ViewState, phases: list[Phase], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.phases = phases
        self.scale: TimeScale = default_scale()
        self._dragging = False
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("The date shown on the map. Arrow keys move a day, Page Up and Page Down a month.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setMinimumHeight(84)
        state.events.date.connect(self._on_date_change)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 92)

    # ------------------------------------------------------------------ geometry

    def _track(self) -> QRectF:
        return QRectF(_MARGIN, 26, max(self.width() - 2 * _MARGIN, 10), 26)

    def x_for_date(self, d: dt.date) -> float:
        """Widget x coordinate of the middle of day *d*."""
        tr = self._track()
        f0 = self.scale.to_fraction(d)
        f1 = self.scale.to_fraction(d + dt.timedelta(days=1)) if d < self.scale.end else 1.0
        return tr.left() + tr.width() * (f0 + f1) / 2

    def date_at_x(self, x: float) -> dt.date:
        """The day under widget x coordinate *x*."""
        tr = self._track()
        return self.scale.from_fraction((x - tr.left()) / tr.width())

    # ------------------------------------------------------------------ state

    def _on_date_change(self, _date: dt.date) -> None:
        self.update()
        self.setAccessibleDescription(f"Date shown: {format_date(self.state.date)}")

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_col = pal.color(QPalette.ColorRole.WindowText)
        tr = self._track()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        # Phase bands.
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.82, 6.5))
        p.setFont(small)
        fm = p.fontMetrics()
        for ph in self.phases:
            x0 = tr.left() + tr.width() * self.scale.to_fraction(ph.start)
            x1 = tr.left() + tr.width() * self.scale.to_fraction(ph.end + dt.timedelta(days=1))
            band = QRectF(x0, tr.top(), max(x1 - x0, 1), tr.height())
            col = QColor(ph.colour)
            col.setAlpha(150)
            p.fillRect(band, col)
            title = fm.elidedText(ph.title, Qt.TextElideMode.ElideRight, int(band.width() - 4))
            if fm.horizontalAdvance(title) > 18:
                p.setPen(QColor("#111111"))
                p.drawText(band.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignCenter, title)
        p.setPen(QPen(text_col, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(tr)
        # Year ticks and labels; month ticks inside the war.
        y_base = tr.bottom()
        for year in range(self.scale.start.year, self.scale.end.year + 2):
            d = dt.date(year, 1, 1)
            if not (self.scale.start <= d <= self.scale.end):
                continue
            x = tr.left() + tr.width() * self.scale.to_fraction(d)
            p.drawLine(QPointF(x, y_base), QPointF(x, y_base + 7))
            label = str(year)
            w = fm.horizontalAdvance(label)
            p.drawText(QPointF(x - w / 2, y_base + 8 + fm.ascent()), label)
        month_pen = QPen(text_col, 1)
        month_pen.setColor(QColor(text_col.red(), text_col.green(), text_col.blue(), 120))
        p.setPen(month_pen)
        d = dt.date(WAR_START.year, WAR_START.month, 1)
        while d <= WAR_END:
            if d.month != 1 and d >= self.scale.start:
                x = tr.left() + tr.width() * self.scale.to_fraction(d)
                p.drawLine(QPointF(x, y_base), QPointF(x, y_base + 3))
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        # Handle.
        x = self.x_for_date(self.state.date)
        accent = pal.color(QPalette.ColorRole.Highlight)
        p.setPen(QPen(accent.darker(130), 2))
        p.drawLine(QPointF(x, tr.top() - 4), QPointF(x, tr.bottom() + 4))
        tri = QPainterPath()
        tri.moveTo(x - 7, tr.top() - 12)
        tri.lineTo(x + 7, tr.top() - 12)
        tri.lineTo(x, tr.top() - 3)
        tri.closeSubpath()
        p.fillPath(tri, accent)
        if self.hasFocus():
            focus_pen = QPen(accent, 1, Qt.PenStyle.DotLine)
            p.setPen(focus_pen)
            p.drawRect(self.rect().adjusted(1, 1, -2, -2))
        big = QFont(self.font())
        big.setBold(True)
        p.setFont(big)
        label = format_date(self.state.date)
        w = p.fontMetrics().horizontalAdvance(label)
        lx = min(max(x - w / 2, 2), self.width() - w - 2)
        p.setPen(text_col)
        p.drawText(QPointF(lx, tr.top() - 14), label)
        p.end()

    # ------------------------------------------------------------------ input

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self.scrubbing.emit(True)
            self.state.date = self.date_at_x(event.position().x())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        x = event.position().x()
        if self._dragging:
            self.state.date = self.date_at_x(x)
        else:
            d = self.date_at_x(x)
            ph = next((ph for ph in self.phases if ph.start <= d <= ph.end), None)
            tip = format_date(d) + (f"\n{ph.title}" if ph else "")
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            self.scrubbing.emit(False)
            event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if not steps:
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            i = self.scale.stretch_at(self.date_at_x(event.position().x()))
            self.scale = self.scale.widen(i, 1.25 ** steps)
            self.update()
        else:
            self.state.step_days(int(round(steps)) * 7)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Right:
            self.state.step_days(7 if shift else 1)
        elif key == Qt.Key.Key_Left:
            self.state.step_days(-7 if shift else -1)
        elif key == Qt.Key.Key_PageUp:
            self.state.step_months(1)
        elif key == Qt.Key.Key_PageDown:
            self.state.step_months(-1)
        elif key == Qt.Key.Key_Home:
            self.state.date = self.state.minimum if shift else WAR_START
        elif key == Qt.Key.Key_End:
            self.state.date = self.state.maximum if shift else WAR_END
        else:
            super().keyPressEvent(event)
            return
        event.accept()
