"""Over the map: the date card (the date, the phase, what is happening) and the event banner.

The card's third line says what is happening that day: the event of the
chronology that covers it (the shortest, when several do).  What kind of
front is drawn (recorded, or interpolated between two recorded fronts) is
detail for the status bar and the card's tooltip.

:class:`QtEventBanner` shows events' titles large across the top of the
map during playback, each long enough to read (those of close events stacked).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from explorer.qt.qt_paint import rounded_box
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
        p.drawPixmap(0, 0, rounded_box(self.width(), self.height(), 6, _BACKGROUND,
                                       ratio=self.devicePixelRatioF()))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
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
    """Events' titles across the top of the map, each for as long as it takes to read.

    It floats over the map canvas (its parent) and ignores the mouse.  Playback
    goes on while a title is up, so titles of events a few days apart stack:
    the newest at the bottom in full white, the older ones (at most
    :attr:`MAX_LINES` in all) above it, dimmer, each leaving when its time is up.
    """

    #: At most this many titles at once.
    MAX_LINES = 3

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("eventBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        #: The titles shown, oldest first, one a line.
        self.text = ""
        #: A widget the banner keeps clear of (the date card).
        self.avoid: QWidget | None = None
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self._font = font
        self._lines: list[tuple[str, float]] = []  # (title, monotonic time it leaves)
        self._heights: list[float] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        self.hide()

    @property
    def lines(self) -> list[str]:
        """The titles shown, oldest first."""
        return [t for t, _until in self._lines]

    def show_text(self, text: str, seconds: float) -> None:
        """Show *text* for *seconds* under the titles still up, across the top of the parent."""
        now = time.monotonic()
        kept = [(t, u) for t, u in self._lines if u > now and t != text]
        self._lines = (kept + [(text, now + seconds)])[-self.MAX_LINES:]
        self._layout()

    def clear(self) -> None:
        """Take every title down."""
        self._lines = []
        self._timer.stop()
        self.text = ""
        self.hide()

    def _expire(self) -> None:
        now = time.monotonic()
        self._lines = [(t, u) for t, u in self._lines if u > now + 0.02]
        if not self._lines:
            self.clear()
            return
        self._layout()

    def _layout(self) -> None:
        self.text = "\n".join(self.lines)
        self.setAccessibleName(self.text)
        parent = self.parentWidget()
        if parent is None or not self._lines:
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
        widest = max(fm.horizontalAdvance(t) for t in self.lines)
        inner = min(widest * 1.08 + 8, max_w - 32)
        self._heights = [fm.boundingRect(QRectF(0, 0, inner, 10000), Qt.TextFlag.TextWordWrap, t).height()
                         for t in self.lines]
        gap = fm.height() * 0.25
        w = int(inner) + 32
        h = int(sum(self._heights) + gap * (len(self._heights) - 1) + fm.height() * 0.3) + 18
        self.setGeometry(left + (max_w - w) // 2, top, w, h)
        self.show()
        self.raise_()
        self.update()
        soonest = min(u for _t, u in self._lines) - time.monotonic()
        self._timer.start(max(1, int(soonest * 1000)))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(20, 20, 20, 215))
        p.drawRoundedRect(QRectF(self.rect()), 8, 8)
        p.setFont(self._font)
        fm = QFontMetricsF(self._font)
        area = QRectF(self.rect()).adjusted(16, 9, -16, -9)
        total = sum(self._heights) + fm.height() * 0.25 * (len(self._heights) - 1)
        y = area.top() + max(0.0, (area.height() - total) / 2)
        n = len(self._lines)
        for i, (title, h) in enumerate(zip(self.lines, self._heights)):
            # The newest title in full white; the older ones fade back.
            p.setPen(QColor(255, 255, 255, 255 if i == n - 1 else 170))
            p.drawText(QRectF(area.left(), y, area.width(), h + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, title)
            y += h + fm.height() * 0.25
        p.end()
