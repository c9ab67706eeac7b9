"""The card over the map's top-left corner: the date, the phase, and what the front is."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from explorer.war.chronology import WarState, format_date

#: Padding inside the card: left, top, right, bottom.
_PAD = (10, 6, 12, 7)
#: The card's width grows and shrinks in steps of this many pixels, so that
#: scrubbing day by day does not resize it (and repaint the map under it) at every step.
_WIDTH_STEP = 32
_BACKGROUND = QColor(255, 255, 255, 205)
_INK = QColor("#141414")


class QtDateCard(QWidget):
    """Shows a :class:`WarState`'s date large, its phase, and its front status.

    It floats over the map canvas, so the map never has to redraw text when
    the date changes.  It paints its three lines itself rather than holding
    labels in a layout: a date change then costs one small repaint, with no
    layout pass through the window.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dateCard")
        self.setAccessibleName("Date shown on the map")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        base = QFont(self.font())
        date_font = QFont(base)
        date_font.setPointSizeF(base.pointSizeF() * 1.9)
        date_font.setBold(True)
        phase_font = QFont(base)
        phase_font.setPointSizeF(base.pointSizeF() * 1.1)
        note_font = QFont(base)
        note_font.setItalic(True)
        self._fonts = (date_font, phase_font, note_font)
        self._metrics = tuple(QFontMetricsF(f) for f in self._fonts)
        #: The three lines shown: date, phase, front status (empty when absent).
        self.lines: tuple[str, str, str] = ("", "", "")
        self.move(10, 10)
        self.resize(0, 0)

    @property
    def date_text(self) -> str:
        """The date line as shown."""
        return self.lines[0]

    def show_state(self, state: WarState, status_line: str) -> None:
        """Display *state* with the given front-status line."""
        lines = (format_date(state.date), state.phase.title if state.phase else "", status_line)
        if lines == self.lines:
            return
        self.lines = lines
        self.setAccessibleDescription("\n".join(t for t in lines if t))
        width = max((m.horizontalAdvance(t) for m, t in zip(self._metrics, lines) if t), default=0.0)
        width = math.ceil((width + _PAD[0] + _PAD[2]) / _WIDTH_STEP) * _WIDTH_STEP
        height = math.ceil(sum(m.height() + 1 for m, t in zip(self._metrics, lines) if t) + _PAD[1] + _PAD[3])
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_BACKGROUND)
        p.drawRoundedRect(QRectF(self.rect()), 6, 6)
        p.setPen(_INK)
        y = float(_PAD[1])
        for font, metrics, text in zip(self._fonts, self._metrics, self.lines):
            if not text:
                continue
            p.setFont(font)
            p.drawText(QRectF(_PAD[0], y, self.width() - _PAD[0], metrics.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            y += metrics.height() + 1
        p.end()
