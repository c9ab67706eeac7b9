"""Over the map: the date card (the date, the phase, what is happening) and the event banner.

The card's third line says what is happening that day: the event of the
chronology that covers it (the shortest, when several do).  What kind of
front is drawn (recorded, or interpolated between two recorded fronts) is
detail for the status bar and the card's tooltip.

:class:`QtEventBanner` shows an event's title large across the top of the
map while playback pauses at it, long enough to read.
"""

from __future__ import annotations

import math

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from explorer.war.chronology import WarState, format_date
from explorer.war.events import Event, events_at

#: Kinds of event the card names as "what is happening" (the historiography is not an event of the day).
HAPPENING_KINDS = frozenset({"battle", "operation", "front", "political", "diplomatic"})


def happening(events: Sequence[Event], state: WarState) -> str:
    """What is happening on the state's day: the event that covers it, else "" (the phase says it).

    Events known only to the month or year are left out: they do not say what happened that day.
    """
    hits = [e for e in events_at(list(events), state.date)
            if e.kind in HAPPENING_KINDS and e.precision in ("day", "range")]
    if not hits:
        return ""
    # The event of the very day first, then the shortest running one.
    hits.sort(key=lambda e: (e.start != state.date, (e.end - e.start).days))
    more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
    return hits[0].title + more

#: Padding inside the card: left, top, right, bottom.
_PAD = (10, 6, 12, 7)
#: The card's width grows and shrinks in steps of this many pixels, so that
#: scrubbing day by day does not resize it (and repaint the map under it) at every step.
_WIDTH_STEP = 32
_BACKGROUND = QColor(255, 255, 255, 205)
_INK = QColor("#141414")


class QtDateCard(QWidget):
    """Shows a :class:`WarState`'s date large, its phase, and what is happening.

    It floats over the map canvas, so the map never has to redraw text when
    the date changes.  It paints its three lines itself rather than holding
    labels in a layout: a date change then costs one small repaint, with no
    layout pass through the window.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dateCard")
        self.setAccessibleName("Date shown on the map")
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
        #: The three lines shown: date, phase, what is happening (empty when absent).
        self.lines: tuple[str, str, str] = ("", "", "")
        self.move(10, 10)
        self.resize(0, 0)

    @property
    def date_text(self) -> str:
        """The date line as shown."""
        return self.lines[0]

    def show_state(self, state: WarState, status_line: str, what: str = "") -> None:
        """Display *state*: its date, phase and *what* is happening; *status_line* in the tooltip."""
        lines = (format_date(state.date), state.phase.title if state.phase else "", what)
        self.setToolTip("\n".join(t for t in (*lines, status_line) if t))
        if lines == self.lines:
            return
        self.lines = lines
        self.setAccessibleDescription("\n".join(t for t in (*lines, status_line) if t))
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


class QtEventBanner(QWidget):
    """An event's title across the top of the map, shown for a few seconds.

    It floats over the map canvas (its parent) and ignores the mouse.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("eventBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.text = ""
        #: A widget the banner keeps clear of (the date card).
        self.avoid: QWidget | None = None
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self._font = font
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str, seconds: float) -> None:
        """Show *text* for *seconds*, centred across the top of the parent."""
        self.text = text
        self.setAccessibleName(text)
        parent = self.parentWidget()
        if parent is None:
            return
        fm = QFontMetricsF(self._font)
        # Right of the date card (``avoid``) when there is room, else under it.
        left, top = 12, 12
        if self.avoid is not None and self.avoid.isVisible():
            card = self.avoid.geometry()
            if parent.width() - card.right() - 24 >= 320:
                left = card.right() + 12
            else:
                top = card.bottom() + 8
        max_w = max(parent.width() - left - 12, 200)
        # Measured with room to spare: the painter's metrics can be a little wider than these.
        inner = min(fm.horizontalAdvance(text) * 1.08 + 8, max_w - 32)
        rect = fm.boundingRect(QRectF(0, 0, inner, 10000), Qt.TextFlag.TextWordWrap, text)
        w, h = int(inner) + 32, int(rect.height() + fm.height() * 0.3) + 18
        self.setGeometry(left + (max_w - w) // 2, top, w, h)
        self.show()
        self.raise_()
        self.update()
        self._timer.start(int(seconds * 1000))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(20, 20, 20, 215))
        p.drawRoundedRect(QRectF(self.rect()), 8, 8)
        p.setPen(QColor("#ffffff"))
        p.setFont(self._font)
        p.drawText(QRectF(self.rect()).adjusted(16, 9, -16, -9),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
        p.end()
