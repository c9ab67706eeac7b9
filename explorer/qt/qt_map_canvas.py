"""The map canvas: a matplotlib figure in Qt with pan, zoom and blitted date changes."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip

from explorer.war.chronology import Chronology
from explorer.war.projection import to_lonlat
from explorer.render.compositor import TerritoryCompositor
from explorer.render import internals
from explorer.render.halotext import FastTextCanvasMixin
from explorer.render.mapview import MapRenderer
from explorer.state.viewstate import ViewState


class QtMapCanvas(FastTextCanvasMixin, FigureCanvasQTAgg):
    """A Qt widget showing a :class:`~explorer.render.mapview.MapRenderer` (``mapview``).

    Drag with the left button to pan, turn the wheel to zoom around the cursor.
    Date changes are coalesced: however fast the date moves, the canvas draws
    only the latest one, once per event-loop turn.

    Parameters
    ----------
    chronology
        The fronts and geodata drawn.
    parent
        The parent widget.
    state
        The view state whose ``view`` (the map's extent) the canvas shows and
        writes when the user pans or zooms; without one the view is the
        canvas's own.

    Signals
    -------
    cursorMoved(lon, lat)
        The cursor's position on the map, in degrees.
    cursorLeft()
        The cursor left the map.
    townClicked(name)
        A town was clicked (not dragged): its gazetteer name.
    aboutToDraw()
        A waiting date is about to be drawn: whatever adds marks for it
        (the passage panel's places) sets them now, so one drawing shows all.
    """

    cursorMoved = Signal(float, float)
    cursorLeft = Signal()
    townClicked = Signal(str)
    drawn = Signal()
    aboutToDraw = Signal()
    #: Emitted once, when the map has been painted on screen for the first time.
    firstPainted = Signal()

    def __init__(self, chronology: Chronology, parent=None, *, state: ViewState | None = None) -> None:
        self.figure = Figure(figsize=(8, 6), dpi=100, facecolor="white")
        super().__init__(self.figure)
        self.setParent(parent)
        # draw_idle's timer belongs to the canvas (see internals.queue_idle_draw).
        self._idle_draw_timer = QTimer(self)
        self._idle_draw_timer.setSingleShot(True)
        self._idle_draw_timer.setInterval(0)
        self._idle_draw_timer.timeout.connect(lambda: internals.flush_idle_draw(self))
        self.setObjectName("mapCanvas")
        self.setAccessibleName("Map of Korea")
        self.setAccessibleDescription("The front line and territory of each side on the chosen date")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMouseTracking(True)
        self.chronology = chronology
        # The date, phase and front status are a Qt overlay (see MainWindow):
        # redrawing big matplotlib texts would cost more than the whole map update.
        if state is not None:
            # The state's layers, names and view from the start: the names are laid out once.
            self.mapview = MapRenderer(self.figure, chronology, overlay_text=False, layers=state.layers,
                                       romanization=state.romanization, view=state.view,
                                       crowded_rivers_hidden=True)
            if self.mapview.relief.image is not None:
                # The window's first resampled relief is kept on disk for its next start (same size,
                # same view).  Only the window's: the disk cache keeps one picture, and another
                # canvas (a lesson's presenter) would put its own in the window's place.
                self.mapview.relief.image.remember_first = True
        else:
            self.mapview = MapRenderer(self.figure, chronology, overlay_text=False)
            # (Applied from the next layout on.)
            self.mapview.crowded_rivers_hidden = True
        self.compositor = TerritoryCompositor(self.mapview)
        # After the view settles, re-render the cached backgrounds in idle time
        # so that the next date change is fast.
        self._recapture = QTimer(self)
        self._recapture.setSingleShot(True)
        self._recapture.setInterval(250)
        self._recapture.timeout.connect(self._capture_if_stale)
        self._drag_from: QPointF | None = None
        self._pressed_at: QPointF | None = None
        self._pending_date: dt.date | None = None
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._apply_pending)
        # In idle time, the hatch of each pair of records is rendered ahead
        # (see TerritoryCompositor.render_steady_ahead), so that a jump to any
        # day of the war finds it ready.
        self._ahead = QTimer(self)
        self._ahead.setInterval(15)
        self._ahead.timeout.connect(self._render_ahead_step)
        self._ahead_todo: list[float] = []
        # Rings set between two dates wait for the next date's drawing (or this timer).
        self._marks_dirty = False
        self._marks_timer = QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.setInterval(60)
        self._marks_timer.timeout.connect(self._draw_marks)
        self._ahead_key: tuple | None = None
        #: When set and it returns True, idle-time rendering ahead waits (the window sets it to
        #: "sources are loading": its many short numpy calls, each giving up and taking back the
        #: interpreter lock, otherwise wait behind the loader thread and stall the window).
        self.idle_work_waits: Callable[[], bool] | None = None
        self._last_change = 0.0
        # When the date rests, the names are laid out again clear of the day's
        # arrows and markers (a scrub keeps the view's layout, so it never waits for them).
        self._names_timer = QTimer(self)
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(int(self.IDLE_AFTER_S * 1000))
        self._names_timer.timeout.connect(self._layout_names_for_day)
        self.last_draw_ms = 0.0
        self._painted_once = False
        self.state = state
        self._changing_view = False
        if state is not None:
            state.events.view.connect(self._on_view_change)
            # Playback ends where the date rests: lay the names out for it then.
            state.events.playing.connect(lambda playing: None if playing else self._names_timer.start())

    # ----------------------------------------------------------------- the view in the state

    def _on_view_change(self, view) -> None:
        if view is None:
            self.mapview.home_view()
        elif tuple(view) != tuple(self.mapview.view()):
            self.mapview.set_view(*view)
        self.draw_idle()
        self._names_timer.start()
        if not self._changing_view:
            self._cursor_moved_under()

    def _view_changed(self) -> None:
        """The user panned or zoomed: the state hears of the new extent (or draw here without one)."""
        if self.state is None:
            self.draw_idle()
            return
        self._changing_view = True
        try:
            x0, x1, y0, y1 = (float(v) for v in self.mapview.view())
            self.state.view = (x0, x1, y0, y1)
        finally:
            self._changing_view = False

    # ----------------------------------------------------------------- date

    def show_date(self, date: dt.date) -> None:
        """Ask for *date* to be shown; drawing happens on the next event-loop turn."""
        shown = self.mapview.state
        if self._pending_date is None and shown is not None and shown.date == date:
            return
        self._pending_date = date
        self._last_change = time.perf_counter()
        if not self._flush.isActive():
            self._flush.start()
        self._names_timer.start()

    def show_date_now(self, date: dt.date) -> None:
        """Show *date* and draw at once (for screenshots and tests)."""
        self._pending_date = None
        self.mapview.set_date(date)
        self.draw()

    def _apply_pending(self) -> None:
        d = self._pending_date
        if d is None:
            return
        t0 = time.perf_counter()
        # Whatever else shows this date (the passage panel, whose places the
        # map rings) settles now, so that one compose draws it all.
        self.aboutToDraw.emit()
        self._pending_date = None
        self._marks_dirty = False  # this drawing shows the rings too
        if self.compositor.is_valid():
            self.compositor.compose(self.chronology.state_at(d))
            # Repaint just the boxes redone (Qt gathers them into one region).
            for box in self.compositor.last_boxes:
                self.blit(box)
        else:
            # No cached renders yet (first show, or the view just changed):
            # draw in full now and cache the renders when the app is idle.
            self.mapview.set_date(d)
            self.draw()
        self.last_draw_ms = (time.perf_counter() - t0) * 1000
        self._start_ahead()
        self.drawn.emit()

    def mark_source_places(self, names: list[str]) -> None:
        """Ring the places the listed passages name (see :class:`~explorer.render.layers.sourceplaces.SourcePlacesLayer`).

        While the date moves, the rings join the next date's drawing; a
        short timer draws them if no date comes.
        """
        if self.mapview.source_places.set_named(names):
            self._marks_dirty = True
            if not self._marks_timer.isActive():
                self._marks_timer.start()

    def _draw_marks(self) -> None:
        if self._marks_dirty and self._pending_date is None:
            self._redraw_dynamic()

    def hover_source_place(self, name: str) -> None:
        """Ring the place the reader points at in the passage panel ("" for none)."""
        if self.mapview.source_places.set_hovered(name or None):
            self._redraw_dynamic()

    def _redraw_dynamic(self) -> None:
        self._marks_dirty = False
        state = self.mapview.state
        if state is None or self._pending_date is not None:
            return  # the pending date's drawing shows the marks
        if self.compositor.is_valid():
            self.compositor.compose(state)
            for box in self.compositor.last_boxes:
                self.blit(box)
        else:
            self.draw_idle()

    def draw_idle(self) -> None:
        """Draw in full on the next event-loop turn, by a timer that dies with the canvas."""
        timer = self.__dict__.get("_idle_draw_timer")
        if timer is None or not internals.queue_idle_draw(self, timer.start):
            super().draw_idle()

    def blit(self, bbox=None) -> None:
        """Schedule a repaint of *bbox* (display pixels).

        matplotlib's Qt canvas repaints synchronously here; asking Qt for an
        update instead lets the date card, legend, timeline and panel that
        change on the same date paint in the same pass.
        """
        if bbox is None:
            bbox = self.figure.bbox
        ratio = self.device_pixel_ratio
        left, bottom, width, height = (int(v / ratio) for v in bbox.bounds)
        top = bottom + height
        self.update(left, self.rect().height() - top - 1, width + 2, height + 2)

    #: How long the date must rest before idle work (rendering ahead) runs, in seconds.
    IDLE_AFTER_S = 0.4

    def _days_ahead(self) -> list[float]:
        """A day inside each pair of records that has days between them, nearest the shown date first."""
        ch = self.chronology
        records = getattr(ch, "records", [])
        days = [r.date.toordinal() + 1.0 for r, nxt in zip(records, records[1:])
                if (nxt.date - r.date).days >= 2]
        shown = self.mapview.state
        here = shown.date.toordinal() if shown is not None else 0
        return sorted(days, key=lambda d: abs(d - here), reverse=True)  # popped from the end

    def rendering_ahead(self) -> bool:
        """True while idle-time renders of the hatch of each pair of records are still to come."""
        if not self.compositor.is_valid():
            return self.isVisible()  # the renders are made again soon, then the hatches ahead
        return bool(self._ahead_todo) or self._ahead_key != self.compositor._key

    def _start_ahead(self) -> None:
        if self.compositor.is_valid() and self._ahead_key != self.compositor._key:
            self._ahead_key = self.compositor._key
            self._ahead_todo = self._days_ahead()
        if self._ahead_todo and not self._ahead.isActive():
            self._ahead.start()

    def _render_ahead_step(self) -> None:
        if not self.compositor.is_valid() or self._ahead_key != self.compositor._key:
            self._ahead.stop()
            self._ahead_todo = []
            self._ahead_key = None
            return
        if time.perf_counter() - self._last_change < self.IDLE_AFTER_S or self._pending_date is not None:
            return  # the user is moving through time: wait until the date rests
        building = getattr(self.chronology, "morphs_building", None)
        if building is not None and building():
            return  # the morphs are still being made in the background: not on this thread
        if self.idle_work_waits is not None and self.idle_work_waits():
            return  # another thread is at work for the window (sources loading): after it
        t0 = time.perf_counter()
        # A few milliseconds a turn, so that input is never kept waiting.
        while self._ahead_todo and time.perf_counter() - t0 < 0.008:
            day = self._ahead_todo.pop()
            # Only the day's hatches are wanted: its morph is not contoured, nor its state kept.
            self.compositor.render_steady_ahead(self.chronology.hatches_at(day))
        if not self._ahead_todo:
            self._ahead.stop()

    def _layout_names_for_day(self) -> None:
        if self._pending_date is not None or (self.state is not None and self.state.playing):
            return  # still moving: the next rest lays them out
        if self.mapview.layout_names_for_day():
            # The names moved: the cached renders hold the old ones.  Drawn now
            # (the date rests): matplotlib < 3.9's draw_idle would outlive a closed window.
            self.compositor.invalidate()
            self.draw()

    def _capture_if_stale(self) -> None:
        if not self.compositor.is_valid() and self.isVisible():
            self.compositor.capture()
            # capture() leaves the buffer without the dynamic layer: draw it again.
            if self.mapview.state is not None:
                self.compositor.compose(self.mapview.state)
                self.blit(self.figure.bbox)
            self._start_ahead()

    def draw(self) -> None:
        """A full redraw; schedules a refresh of the cached backgrounds."""
        super().draw()
        if not self.compositor.is_valid() and not self._recapture.isActive():
            # Not restarted by later draws, so a stream of date changes (a
            # drag, playback) gets the fast path 250 ms after it begins.
            self._recapture.start()

    def has_pending_draw(self) -> bool:
        """True while a date change waits to be drawn."""
        return self._pending_date is not None

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Paint the damaged rectangles straight from the Agg buffer.

        matplotlib's own paintEvent copies the damaged area out of the buffer
        and has Qt convert it from straight to premultiplied alpha.  The map
        is opaque (its figure has a white face), so straight and
        premultiplied are the same bytes: one QImage over the whole buffer,
        drawn rectangle by rectangle, does without the copy and the conversion.
        Where matplotlib's internals are fenced off (see
        :mod:`explorer.render.internals`) matplotlib's own paintEvent paints.
        """
        # Does a pending draw_idle first, as matplotlib's paintEvent does.
        if not internals.flush_idle_draw(self):
            super().paintEvent(event)
            if getattr(self, "renderer", None) is not None:
                self._first_paint_done()
            return
        renderer = getattr(self, "renderer", None)
        if renderer is None:
            return
        buf = np.asarray(renderer.buffer_rgba())
        h, w = buf.shape[:2]
        image = QImage(buf.data, w, h, w * 4, QImage.Format.Format_RGBA8888_Premultiplied)
        ratio = self.device_pixel_ratio
        bounds = QRectF(0, 0, w, h)
        painter = QPainter(self)
        try:
            for rect in event.region():
                source = QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                                rect.height() * ratio).intersected(bounds)
                if source.isEmpty():
                    continue
                target = QRectF(source.x() / ratio, source.y() / ratio, source.width() / ratio,
                                source.height() / ratio)
                painter.drawImage(target, image, source)
        finally:
            painter.end()
        self._first_paint_done()

    def _first_paint_done(self) -> None:
        if not self._painted_once:
            self._painted_once = True
            self.firstPainted.emit()

    # ----------------------------------------------------------------- view

    def reset_view(self) -> None:
        """Show the whole peninsula."""
        if self.state is not None and self.state.view is not None:
            self.state.view = None
            return
        self.mapview.home_view()
        self.draw_idle()
        self._cursor_moved_under()

    def zoom_by(self, factor: float) -> None:
        """Zoom around the centre of the view."""
        x0, x1, y0, y1 = self.mapview.view()
        self.mapview.zoom(factor, (x0 + x1) / 2, (y0 + y1) / 2)
        self._view_changed()
        self._cursor_moved_under()

    def _cursor_moved_under(self) -> None:
        """The map moved under a still cursor (keyboard zoom): say where the cursor now points."""
        pos = self.mapFromGlobal(QCursor.pos())
        if self.rect().contains(pos):
            lon, lat = to_lonlat(*self._data_xy(QPointF(pos)))
            self.cursorMoved.emit(float(lon), float(lat))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.mapview.refit()

    def _data_xy(self, pos: QPointF) -> tuple[float, float]:
        ratio = self.device_pixel_ratio
        px = pos.x() * ratio
        py = (self.height() - pos.y()) * ratio
        x, y = self.mapview.ax.transData.inverted().transform((px, py))
        return float(x), float(y)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps == 0:
            return
        x, y = self._data_xy(event.position())
        self.mapview.zoom(1.25 ** steps, x, y)
        self._view_changed()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self._pressed_at = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._drag_from is not None:
            x0, y0 = self._data_xy(self._drag_from)
            x1, y1 = self._data_xy(pos)
            self._drag_from = pos
            self.mapview.pan(x0 - x1, y0 - y1)
            self._view_changed()
        x, y = self._data_xy(pos)
        lon, lat = to_lonlat(x, y)
        self.cursorMoved.emit(float(lon), float(lat))
        if self._drag_from is None:
            tip = self.mapview.hover_text(x, y)
            if tip:
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            else:
                QToolTip.hideText()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._drag_from is not None:
            self._drag_from = None
            self.unsetCursor()
            pressed = self._pressed_at
            self._pressed_at = None
            if pressed is not None and (event.position() - pressed).manhattanLength() <= 4:
                name = self.mapview.place_at(*self._data_xy(event.position()))
                if name:
                    self.townClicked.emit(name)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.cursorLeft.emit()
        super().leaveEvent(event)
