"""Presenting a lesson full screen, stop by stop, with the front moving between stops.

:class:`QtPresenter` is a top-level window with its own map canvas, as large as
the screen allows, and a column with the stop's date, title and note in type
sized for a projector (from the screen's height). PgDn, Right, Down, Space,
Enter or a left click (what presentation clickers send) go to the next stop;
PgUp, Left, Up, Backspace or a right click go back; Home and End go to the
first and last stop; Esc ends. Going forward, the map moves through the days
between the two stops in about a second and a half, so the class sees the war
move; the view glides from one stop's frame to the next at the same time.
"""

from __future__ import annotations

import datetime as dt
import html
import time

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from explorer.core.dates import format_date
from explorer.qt.qt_keys import Key, KeyTable
from explorer.qt.qt_map_canvas import QtMapCanvas
from explorer.state.lesson import Lesson, Stop, note_paragraphs
from explorer.war.chronology import Chronology
from explorer.war.projection import to_xy

__all__ = ["QtPresenter", "TRANSITION_MS"]

#: How long the map takes to move from one stop's date to the next.
TRANSITION_MS = 1500
_FRAME_MS = 50



def note_html(note: str) -> str:
    """The note as HTML paragraphs with its emphasis (everything else escaped)."""
    out = []
    for runs in note_paragraphs(note):
        parts = []
        for text, style in runs:
            t = html.escape(text)
            parts.append(f"<b>{t}</b>" if style == "strong" else f"<i>{t}</i>" if style == "em" else t)
        out.append(f"<p>{''.join(parts)}</p>")
    return "".join(out)


class QtPresenter(QWidget):
    """A lesson shown full screen, one stop at a time.

    Parameters
    ----------
    chronology
        The fronts and territory.
    lesson
        What to present (at least one stop).
    layers
        Layers shown at stops that do not name their own.
    romanization
        ``"wartime"`` or ``"modern"`` place names.
    start
        Index of the first stop shown.
    frame_action
        Optional: given a date, the map extent (xmin, xmax, ymin, ymax) that frames
        what moves that day; stops whose view is ``"action"`` use it (the whole
        peninsula otherwise).

    Signals
    -------
    finished(int)
        The presentation ended (Esc); the index of the stop shown last.
    """

    finished = Signal(int)

    def __init__(self, chronology: Chronology, lesson: Lesson, layers: frozenset[str], romanization: str = "wartime",
                 start: int = 0, frame_action=None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        if not lesson.stops:
            raise ValueError("a lesson with no stop cannot be presented")
        self.setObjectName("presenter")
        self.setWindowTitle(f"{lesson.title} \u2014 Korean War Explorer")
        # Not deleted on close: a draw the canvas scheduled may still be pending, and matplotlib before
        # 3.10 would run it on a deleted widget.  The controller deletes an old presenter later.
        self.setStyleSheet("QWidget#presenter { background: white; }")
        self.lesson = lesson
        self.default_layers = layers
        self.frame_action = frame_action
        self.index = max(0, min(start, len(lesson.stops) - 1))
        self.canvas = QtMapCanvas(chronology, self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.canvas.mapview.set_romanization(romanization)
        side = QWidget(self)
        side.setObjectName("presenterText")
        side.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        col = QVBoxLayout(side)
        col.setContentsMargins(24, 32, 32, 24)
        self.date_label = QLabel("", side)
        self.date_label.setObjectName("presenterDate")
        self.title_label = QLabel("", side)
        self.title_label.setObjectName("presenterTitle")
        self.title_label.setWordWrap(True)
        self.note_label = QLabel("", side)
        self.note_label.setObjectName("presenterNote")
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.RichText)
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.count_label = QLabel("", side)
        self.count_label.setObjectName("presenterCount")
        for w in (self.date_label, self.title_label, self.note_label):
            col.addWidget(w, 0)
        col.addStretch(1)
        col.addWidget(self.count_label, 0)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.canvas, 7)
        lay.addWidget(side, 3)
        self._timer = QTimer(self)
        self._timer.setInterval(_FRAME_MS)
        self._timer.timeout.connect(self._frame)
        self._from: tuple[dt.date, tuple[float, float, float, float]] | None = None
        self._to: tuple[dt.date, tuple[float, float, float, float]] | None = None
        self._started = 0.0
        self._size_type(720)
        self._show_stop(self.index, animate=False)

    # ------------------------------------------------------------------ showing

    def present_on(self, screen: QScreen | None = None) -> None:
        """Show full screen on *screen* (the primary screen when ``None``)."""
        screen = screen or QGuiApplication.primaryScreen()
        geo: QRect = screen.geometry()
        self.setGeometry(geo)
        self._size_type(geo.height())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def _size_type(self, height: int) -> None:
        """Type sized for projection from the screen's height (title ~5%, note ~2.8%)."""
        title_px = max(22, round(height * 0.05))
        date_px = max(16, round(height * 0.034))
        note_px = max(14, round(height * 0.028))
        self.date_label.setStyleSheet(f"color: #7a1f12; font-size: {date_px}px; font-weight: 600;")
        self.title_label.setStyleSheet(f"color: #111; font-size: {title_px}px; font-weight: 700;")
        self.note_label.setStyleSheet(f"color: #222; font-size: {note_px}px;")
        self.count_label.setStyleSheet(f"color: #666; font-size: {max(12, round(height * 0.02))}px;")
        # Map labels for the back of the room: more dots per inch, same view.
        self.canvas.figure.set_dpi(max(100.0, 100.0 * height / 720))

    def _extent_for(self, stop: Stop) -> tuple[float, float, float, float]:
        mv = self.canvas.mapview
        if isinstance(stop.view, tuple):
            w, s, e, n = stop.view
            xs, ys = to_xy([w, e, w, e], [s, s, n, n])
            return float(min(xs)), float(max(xs)), float(min(ys)), float(max(ys))
        if stop.view == "action" and self.frame_action is not None:
            return tuple(self.frame_action(stop.date))
        return tuple(mv.home_bounds())  # type: ignore[return-value]

    def _show_stop(self, index: int, animate: bool) -> None:
        stops = self.lesson.stops
        old = stops[self.index]
        self.index = index
        stop = stops[index]
        self.canvas.mapview.set_layers(stop.layers if stop.layers is not None else self.default_layers)
        self.date_label.setText(format_date(stop.date))
        self.title_label.setText(stop.title)
        self.note_label.setText(note_html(stop.note))
        self.count_label.setText(f"{self.lesson.title} \u00b7 {index + 1} / {len(stops)}")
        target = (stop.date, self._extent_for(stop))
        if animate and old.date != stop.date:
            self._from = (old.date, self.canvas.mapview.view())
            self._to = target
            self._started = time.monotonic()
            self._timer.start()
        else:
            self._timer.stop()
            self._from = self._to = None
            self.canvas.mapview.set_view(*target[1])
            self.canvas.show_date_now(stop.date)

    def _frame(self) -> None:
        assert self._from is not None and self._to is not None
        # Time, not frame count, says how far along: a slow machine shows fewer frames, never a slower move.
        t = min(1.0, (time.monotonic() - self._started) * 1000 / TRANSITION_MS)
        ease = t * t * (3 - 2 * t)
        (d0, v0), (d1, v1) = self._from, self._to
        days = round((d1 - d0).days * ease)
        view = tuple(a + (b - a) * ease for a, b in zip(v0, v1))
        day = d0 + dt.timedelta(days=days)
        # The date on screen is the map's while it moves, so nobody reads the stop's date over an older front.
        self.date_label.setText(format_date(day))
        if view != tuple(self.canvas.mapview.view()):
            self.canvas.mapview.set_view(*view)
            self.canvas.show_date_now(day)
        else:
            self.canvas.show_date(day)
        if t >= 1.0:
            self._timer.stop()
            self.date_label.setText(format_date(d1))
            self.canvas.show_date_now(d1)

    @property
    def moving(self) -> bool:
        """Whether the map is still moving towards the current stop."""
        return self._timer.isActive()

    # ------------------------------------------------------------------ stepping

    def next_stop(self) -> None:
        """The next stop, moving through the days between (at the last stop: nothing)."""
        if self.index + 1 < len(self.lesson.stops):
            self._show_stop(self.index + 1, animate=True)

    def previous_stop(self) -> None:
        """The previous stop, shown at once."""
        if self.index > 0:
            self._show_stop(self.index - 1, animate=False)

    def go_to(self, index: int) -> None:
        """Show stop *index* at once."""
        self._show_stop(max(0, min(index, len(self.lesson.stops) - 1)), animate=False)

    def _key_end(self, _event: QKeyEvent) -> None:
        self.close()

    def _key_next(self, _event: QKeyEvent) -> None:
        self.next_stop()

    def _key_previous(self, _event: QKeyEvent) -> None:
        self.previous_stop()

    def _key_first(self, _event: QKeyEvent) -> None:
        self.go_to(0)

    def _key_last(self, _event: QKeyEvent) -> None:
        self.go_to(len(self.lesson.stops) - 1)

    #: The presenter's keys (what presentation clickers send among them): handled and listed by F1
    #: from this one table.
    KEYS = KeyTable(
        "Presenting a lesson",
        Key(("PgDown", "Right", "Down", "Space", "Return", "Enter", "N"), "Next stop", _key_next,
            "PgDown, Right, Down, Space, Enter or N"),
        Key(("PgUp", "Left", "Up", "Backspace", "P"), "Previous stop", _key_previous,
            "PgUp, Left, Up, Backspace or P"),
        Key(("Home",), "First stop", _key_first),
        Key(("End",), "Last stop", _key_last),
        Key(("Esc",), "End the presentation", _key_end),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if not self.KEYS.dispatch(self, event):
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # The presenter's keys are its own: a window shortcut (Space plays the main window) never takes them.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self.KEYS.row_for(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.next_stop()
        elif event.button() == Qt.MouseButton.RightButton:
            self.previous_stop()
        else:
            super().mousePressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._timer.stop()
        self.finished.emit(self.index)
        super().closeEvent(event)
