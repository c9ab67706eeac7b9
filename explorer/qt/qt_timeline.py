"""The timeline: phases as coloured bands, event marks, source density, a handle for the date.

:class:`QtTimeline` is a thin view over :class:`~explorer.state.viewstate.ViewState`:
it writes the date the user picks and repaints when the date changes.

Under the bands, a row of small marks shows the events of the chronology
(hover for the title and date, click to jump to it), and a strip shows how
much the open sources say about each stretch of time: for each pixel column,
the number of dated passages whose dates cover it, drawn as a small histogram
(square-root scaled; passages dated only by a year or a decade count a fifth,
so that "1950" does not drown "25 June 1950").

Everything but the handle is painted once into a cached pixmap; a date change
repaints only the strip of widget around the old and the new handle.

Keys: Left/Right a day, PgUp/PgDn a month, Home/End the first and last day of
the war, Shift+Home/Shift+End the ends of the timeline.  Click anywhere to jump,
drag the handle to scrub, Ctrl+wheel to widen or narrow the stretch under the
cursor.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from explorer.war.chronology import WAR_END, WAR_START, Phase, format_date
from explorer.war.events import Event
from explorer.war.timescale import TimeScale, default_scale
from explorer.sources.linking import DatedIntervals, dated_intervals
from explorer.state.viewstate import ViewState

_MARGIN = 14
_TRACK_TOP = 26
_TRACK_H = 26
_MARKS_H = 9      # the row of event marks under the bands
_STRIP_H = 14     # the source-density strip under the marks
_MARK_HIT = 4     # pixels either side of a mark that still hit it
_HANDLE_HALF = 170  # half-width of the area repainted around the handle (its date label)
#: Weight of a passage dated only by a year or a decade in the density strip.
COARSE_WEIGHT = 0.2
_KIND_COLOURS = {
    "battle": "#b3261e", "operation": "#1f5fa8", "front": "#6b4f1d",
    "political": "#3d3d3d", "diplomatic": "#2e7d32", "historiography": "#7b5ea7",
}


def _columns_covered(owner: np.ndarray, x0: np.ndarray, x1: np.ndarray, width: int) -> np.ndarray:
    """Per column, how many owners have an interval [x0, x1] over it (an owner counts once).

    Each owner's intervals are merged first (sorted by owner and start, a new
    run begins where a start passes the furthest end so far), then the
    merged runs are counted with a difference array: no loop per passage.
    """
    counts = np.zeros(width)
    if not len(owner):
        return counts
    span = width + 2  # keeps each owner's columns apart in one number line
    order = np.lexsort((x0, owner))
    key0 = owner[order] * span + x0[order]
    key1 = owner[order] * span + x1[order]
    reach = np.maximum.accumulate(key1)
    new_run = np.ones(len(key0), dtype=bool)
    new_run[1:] = key0[1:] > reach[:-1]
    first = np.flatnonzero(new_run)
    last = np.append(first[1:] - 1, len(key0) - 1)
    run_owner = owner[order][first]
    a = key0[first] - run_owner * span
    b = reach[last] - run_owner * span
    diff = np.zeros(width + 1)
    np.add.at(diff, a, 1)
    np.add.at(diff, b + 1, -1)
    return np.cumsum(diff[:width])


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
        self._scale: TimeScale = default_scale()
        self._dragging = False
        self.events: list[Event] = []
        self._marks: list[tuple[float, Event]] = []  # (x, event), sorted by x; built with the pixmap
        self._mark_xs: list[float] = []
        self._dated: DatedIntervals | None = None
        self.density = np.zeros(0)       # weighted passages per track column
        self.density_fine = np.zeros(0)  # passages dated finer than a year, per column
        self.density_all = np.zeros(0)   # all dated passages, per column
        self._background: QPixmap | None = None
        self._handle_x: float | None = None
        self.background_builds = 0
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("The date shown on the map. Arrow keys move a day, Page Up and Page Down a month.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setMinimumHeight(104)
        state.events.date.connect(self._on_date_change)
        # The zoom lives in the state (remembered with it): follow it, and write it on Ctrl+wheel.
        self._apply_zoom(state.timeline_zoom)
        state.events.timeline_zoom.connect(self._apply_zoom)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 108)

    # ------------------------------------------------------------------ inputs

    @property
    def scale(self) -> TimeScale:
        """The time scale (setting it repaints everything)."""
        return self._scale

    @scale.setter
    def scale(self, value: TimeScale) -> None:
        self._scale = value
        self.invalidate()
        if value.weights != default_scale().weights or self.state.timeline_zoom is not None:
            self.state.timeline_zoom = value.weights

    def _apply_zoom(self, weights: tuple[float, ...] | None) -> None:
        base = default_scale()
        try:
            scale = base if weights is None else base.with_weights(weights)
        except ValueError:  # weights of another scale (a remembered zoom from another version)
            scale = base
        if scale.weights != self._scale.weights:
            self._scale = scale
            self.invalidate()

    def set_events(self, events: Sequence[Event]) -> None:
        """Mark ``events`` under the bands."""
        self.events = list(events)
        self.invalidate()

    def set_sources(self, library, index=None) -> None:
        """Show the density of the dated passages of ``library`` (a SourceLibrary, or None).

        ``index`` is the library's :class:`~explorer.sources.linking.LinkIndex`
        when there is one: its mentions are taken from it instead of being
        gathered again.
        """
        if library is None:
            self._dated = None
        elif index is not None and index.library is library and index.generation == library.generation:
            self._dated = index.dated
        else:
            self._dated = dated_intervals(library.all_passages())
        self.invalidate()

    def invalidate(self) -> None:
        """Drop the cached background and repaint."""
        self._background = None
        self.update()

    # ------------------------------------------------------------------ geometry

    def _track(self) -> QRectF:
        return QRectF(_MARGIN, _TRACK_TOP, max(self.width() - 2 * _MARGIN, 10), _TRACK_H)

    def marks_rect(self) -> QRectF:
        """Where the event marks are drawn (and clicked)."""
        tr = self._track()
        return QRectF(tr.left(), tr.bottom() + 1, tr.width(), _MARKS_H)

    def strip_rect(self) -> QRectF:
        """Where the source-density strip is drawn."""
        mr = self.marks_rect()
        return QRectF(mr.left(), mr.bottom() + 1, mr.width(), _STRIP_H)

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

    def _handle_area(self, x: float) -> QRect:
        bottom = int(self._track().bottom()) + 6
        return QRect(int(x) - _HANDLE_HALF, 0, 2 * _HANDLE_HALF, bottom)

    def _on_date_change(self, _date: dt.date) -> None:
        new_x = self.x_for_date(self.state.date)
        if self._background is None or self._handle_x is None:
            self.update()
        else:
            self.update(self._handle_area(self._handle_x))
            self.update(self._handle_area(new_x))
        self.setAccessibleDescription(f"Date shown: {format_date(self.state.date)}")

    # ------------------------------------------------------------------ density

    def _columns(self, ordinals: np.ndarray, width: float) -> np.ndarray:
        """Track column (float) of the start of each day ordinal, by the piecewise scale."""
        return self.scale.fractions(ordinals) * width

    def _compute_density(self, width: int) -> None:
        fine = np.zeros(width)
        allc = np.zeros(width)
        dated = self._dated
        if width > 0 and dated is not None and len(dated.owner):
            owner, coarse = dated.owner, dated.coarse
            starts, ends = dated.first.astype(float), dated.last.astype(float) + 1
            x0 = np.clip(np.floor(self._columns(starts, width)), 0, width - 1).astype(int)
            x1 = np.clip(np.ceil(self._columns(ends, width)) - 1, 0, width - 1).astype(int)
            x1 = np.maximum(x0, x1)
            # Mentions wholly outside the timeline do not count.
            inside = (ends > self._ordinal(self.scale.start)) & (starts <= self._ordinal(self.scale.end))
            allc = _columns_covered(owner[inside], x0[inside], x1[inside], width)
            keep = inside & ~coarse
            fine = _columns_covered(owner[keep], x0[keep], x1[keep], width)
        self.density_fine = fine
        self.density_all = allc
        self.density = fine + COARSE_WEIGHT * (allc - fine)

    @staticmethod
    def _ordinal(d: dt.date) -> float:
        return float(d.toordinal())

    # ------------------------------------------------------------------ painting

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._background = None
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._background = None
        super().resizeEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def _build_background(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pm = QPixmap(max(int(self.width() * ratio), 1), max(int(self.height() * ratio), 1))
        pm.setDevicePixelRatio(ratio)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_background(p)
        p.end()
        self.background_builds += 1
        return pm

    def _paint_background(self, p: QPainter) -> None:
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
            # The full title where it fits, else the short name (elided if need be).
            title = ph.title if fm.horizontalAdvance(ph.title) <= band.width() - 4 else ph.short_title
            title = fm.elidedText(title, Qt.TextElideMode.ElideRight, int(band.width() - 4))
            if fm.horizontalAdvance(title) > 18:
                p.setPen(QColor("#111111"))
                p.drawText(band.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignCenter, title)
        p.setPen(QPen(text_col, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(tr)
        self._paint_marks(p)
        self._paint_strip(p)
        # Year ticks and labels; month ticks inside the war.
        p.setPen(QPen(text_col, 1))
        y_base = self.strip_rect().bottom()
        # Year ticks everywhere; a year's label only where it fits (the war's
        # years always, the narrow years around it as room allows, the ends first).
        ticks = []
        last_tick = -1e9
        for year in range(self.scale.start.year, self.scale.end.year + 2):
            d = dt.date(year, 1, 1)
            if not (self.scale.start <= d <= self.scale.end):
                continue
            x = tr.left() + tr.width() * self.scale.to_fraction(d)
            if x - last_tick < 4 and year % 10:
                continue  # in a squeezed stretch, keep the decades only
            last_tick = x
            p.drawLine(QPointF(x, y_base), QPointF(x, y_base + 7))
            ticks.append((year, x))
        placed: list[tuple[float, float]] = []
        order = sorted(ticks, key=lambda t: (not (WAR_START.year <= t[0] <= WAR_END.year + 1),
                                             t[0] not in (ticks[0][0], ticks[-1][0]) if ticks else True, t[0]))
        for year, x in order:
            label = str(year)
            w = fm.horizontalAdvance(label)
            box = (x - w / 2 - 3, x + w / 2 + 3)
            if any(box[0] < b[1] and b[0] < box[1] for b in placed):
                continue
            placed.append(box)
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

    def _paint_marks(self, p: QPainter) -> None:
        mr = self.marks_rect()
        tr = self._track()
        marks = []
        for e in self.events:
            if e.end < self.scale.start or e.start > self.scale.end:
                continue
            x0 = tr.left() + tr.width() * self.scale.to_fraction(max(e.start, self.scale.start))
            x1 = tr.left() + tr.width() * self.scale.to_fraction(min(e.end, self.scale.end) + dt.timedelta(days=1))
            col = QColor(_KIND_COLOURS.get(e.kind, "#333333"))
            if x1 - x0 > 3:
                span = QColor(col)
                span.setAlpha(90)
                p.fillRect(QRectF(x0, mr.bottom() - 2, x1 - x0, 2), span)
            xm = x0 if x1 - x0 > 3 else (x0 + x1) / 2
            p.setPen(QPen(col, 1.6))
            p.drawLine(QPointF(xm, mr.top() + 1), QPointF(xm, mr.bottom() - 1))
            marks.append((xm, e))
        marks.sort(key=lambda t: t[0])
        self._marks = marks
        self._mark_xs = [m[0] for m in marks]

    def _paint_strip(self, p: QPainter) -> None:
        sr = self.strip_rect()
        width = int(sr.width())
        self._compute_density(width)
        base = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        base.setAlpha(22)
        p.fillRect(sr, base)
        top = float(self.density.max()) if self.density.size else 0.0
        if top <= 0:
            return
        heights = np.sqrt(self.density / top) * (sr.height() - 1)
        col = QColor("#3b5b7a")
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        x = 0
        left, bottom = sr.left(), sr.bottom()
        # Draw runs of equal height as one rectangle.
        while x < width:
            h = heights[x]
            x2 = x + 1
            while x2 < width and heights[x2] == h:
                x2 += 1
            if h > 0:
                p.fillRect(QRectF(left + x, bottom - max(h, 1.0), x2 - x, max(h, 1.0)), col)
            x = x2
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def paintEvent(self, event) -> None:  # noqa: N802
        if self._background is None or self._background.size() != self.size() * self.devicePixelRatioF():
            self._background = self._build_background()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._background)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_col = pal.color(QPalette.ColorRole.WindowText)
        tr = self._track()
        # Handle.
        x = self.x_for_date(self.state.date)
        self._handle_x = x
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

    def marks_near(self, x: float) -> list[Event]:
        """The events whose marks lie within a few pixels of widget x coordinate ``x``, nearest first."""
        i = bisect.bisect_left(self._mark_xs, x - _MARK_HIT)
        out = []
        while i < len(self._marks) and self._marks[i][0] <= x + _MARK_HIT:
            out.append(self._marks[i])
            i += 1
        out.sort(key=lambda t: abs(t[0] - x))
        return [e for _x, e in out]

    def mark_x(self, event_id: str) -> float | None:
        """Widget x coordinate of an event's mark (after the first paint)."""
        if self._background is None:
            self._background = self._build_background()
        return next((x for x, e in self._marks if e.id == event_id), None)

    def _in_marks_row(self, y: float) -> bool:
        mr = self.marks_rect()
        return mr.top() - 2 <= y <= mr.bottom() + 2

    def _density_tip(self, x: float) -> str:
        col = int(x - self.strip_rect().left())
        if not (0 <= col < self.density_all.size):
            return ""
        n = int(self.density_all[col])
        if self._dated is None or not len(self._dated.owner):
            return "Open sources to see how much they say about each stretch of time."
        if n == 0:
            return "No passage of the open sources is dated here."
        fine = int(self.density_fine[col])
        return (f"{n} passage{'s' if n != 1 else ''} of the sources dated here"
                f" ({fine} more precisely than by the year)")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._in_marks_row(event.position().y()):
            hits = self.marks_near(event.position().x())
            if hits:
                self.state.date = hits[0].start
                event.accept()
                return
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
            y = event.position().y()
            hits = self.marks_near(x) if self._in_marks_row(y) else []
            if hits:
                lines = []
                for e in hits[:6]:
                    when = format_date(e.start) if e.start == e.end else \
                        f"{format_date(e.start)} \u2013 {format_date(e.end)}"
                    lines.append(f"{e.title}\n    {when}")
                more = f"\n(and {len(hits) - 6} more)" if len(hits) > 6 else ""
                tip = "\n".join(lines) + more + "\nClick to go there."
            else:
                d = self.date_at_x(x)
                ph = next((ph for ph in self.phases if ph.start <= d <= ph.end), None)
                tip = format_date(d) + (f"\n{ph.title}" if ph else "")
                sr = self.strip_rect()
                if sr.top() - 1 <= y <= sr.bottom() + 1:
                    tip += "\n" + self._density_tip(x)
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
        else:
            self.state.step_days(int(round(steps)) * 7)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier |
                   Qt.KeyboardModifier.MetaModifier):
            # Ctrl+Right and the like belong to the window's actions (next event...).
            super().keyPressEvent(event)
            return
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
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
