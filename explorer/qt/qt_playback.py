"""Playback: the date advances by itself, never faster than the map can show it.

:class:`Player` moves :class:`~explorer.state.viewstate.ViewState`'s date at
``state.speed`` days per second.  It waits for the map to show each frame
before it computes the next one (it listens to the canvas's ``drawn``
signal), so a slow machine plays fewer frames per second instead of queueing
work: playback never outruns drawing.

Playing from a day before the armistice stops at the armistice (27 July
1953), the end of the war a lesson plays through; pressing Play there goes on
through the aftermath to the end of the timeline.
"""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from explorer.war.chronology import WAR_END, WAR_START
from explorer.state.viewstate import ViewState

#: Frames per second playback aims at.
TARGET_FPS = 30.0


class Player(QObject):
    """Drives the date during playback.

    Parameters
    ----------
    state
        The view state whose date advances.
    frame_shown
        A signal emitted when the map has shown a frame (``QtMapCanvas.drawn``).
    is_drawing
        A callable that is true while a frame is waiting to be drawn.
    """

    frameAdvanced = Signal(object)

    def __init__(self, state: ViewState, frame_shown, is_drawing, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.loop = False
        self._is_drawing = is_drawing
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._carry = 0.0
        self._last = 0.0
        self._waiting_for_frame = False
        self._stop = state.maximum
        self._restart = state.minimum
        self.frames = 0
        self.dropped = 0
        frame_shown.connect(self._on_frame_shown)
        state.events.playing.connect(self._on_playing_change)

    def _on_playing_change(self, playing: bool) -> None:
        if playing:
            if self.state.date >= self.state.maximum:
                self.state.date = self.state.minimum if self.loop else self.state.date
            self._stop, self._restart = self.stop_and_restart(self.state.date)
            self._carry = 0.0
            self._last = time.perf_counter()
            self._waiting_for_frame = False
            self._timer.start(0)
        else:
            self._timer.stop()

    def stop_and_restart(self, start: dt.date) -> tuple[dt.date, dt.date]:
        """Where playback started at ``start`` stops, and where a loop starts again.

        Within the war (before the armistice) playback stops at the armistice
        and loops back to the invasion; from the armistice on it runs to the
        end of the timeline and loops back to its start.
        """
        if start < WAR_END <= self.state.maximum:
            return WAR_END, max(self.state.minimum, min(WAR_START, start))
        return self.state.maximum, self.state.minimum

    def _on_frame_shown(self) -> None:
        if not self.state.playing or not self._waiting_for_frame:
            return
        self._waiting_for_frame = False
        spent = time.perf_counter() - self._last
        self._timer.start(max(0, int(1000 / TARGET_FPS - spent * 1000)))

    def _tick(self) -> None:
        if not self.state.playing:
            return
        if self._is_drawing():
            # The last frame is not on screen yet: try again shortly.
            self.dropped += 1
            self._timer.start(2)
            return
        now = time.perf_counter()
        self._carry += (now - self._last) * self.state.speed
        self._last = now
        days = int(self._carry)
        if days < 1:
            self._timer.start(int(1000 / TARGET_FPS))
            return
        self._carry -= days
        target = self.state.date + dt.timedelta(days=days)
        if target > self._stop:
            if self.state.date < self._stop:
                # Show the last day (the armistice, or the end of the timeline) before stopping or looping.
                target = self._stop
            elif self.loop:
                target = self._restart
            else:
                self.state.playing = False
                return
        self._waiting_for_frame = True
        self.frames += 1
        self.state.date = target
        self.frameAdvanced.emit(target)
        if not self._is_drawing():
            # Nothing to draw (the date did not change what is shown): go on.
            self._waiting_for_frame = False
            self._timer.start(int(1000 / TARGET_FPS))


class QtPlaybackControls(QWidget):
    """Play/pause, speed (days per second) and loop, bound to a :class:`Player`."""

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        state = player.state
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        self.play_button = QToolButton(self)
        self.play_button.setCheckable(True)
        self.play_button.setAccessibleName("Play")
        self.play_button.setToolTip("Play or pause the war (Space); from a day of the war it stops at the armistice")
        # Icons from the style, not symbol characters: a font without U+23F8 drew the pause sign as a box.
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._icons = {True: self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause),
                       False: self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)}
        self.play_button.toggled.connect(lambda on: setattr(state, "playing", on))
        self.speed = QDoubleSpinBox(self)
        self.speed.setRange(1, 365)
        self.speed.setDecimals(0)
        self.speed.setSuffix(" days/s")
        self.speed.setValue(state.speed)
        self.speed.setAccessibleName("Playback speed in days per second")
        self.speed.setToolTip("How many days of the war pass each second during playback")
        self.speed.valueChanged.connect(lambda v: setattr(state, "speed", v))
        # Enter in the speed box is "done": the focus moves to Play, so Space then plays
        # (it typed a space into the box, which showed " days/s").
        self.speed.lineEdit().returnPressed.connect(
            lambda: self.play_button.setFocus(Qt.FocusReason.OtherFocusReason))
        self.loop = QCheckBox("Loop", self)
        self.loop.setToolTip("Start again from the beginning at the end of the timeline")
        self.loop.toggled.connect(lambda on: setattr(player, "loop", on))
        lay.addWidget(self.play_button)
        lay.addWidget(QLabel("Speed", self))
        lay.addWidget(self.speed)
        lay.addWidget(self.loop)
        lay.addStretch(1)
        state.events.playing.connect(self._on_playing_change)
        state.events.speed.connect(self._on_speed_change)
        # The same width playing or paused, so that the timeline beside it does not shift.
        widths = []
        for playing in (True, False):
            self._on_playing_change(playing)
            widths.append(self.play_button.sizeHint().width())
        self.play_button.setFixedWidth(max(widths))
        self._on_playing_change(state.playing)

    def _on_playing_change(self, playing: bool) -> None:
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.blockSignals(False)
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.setIcon(self._icons[bool(playing)])
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    def _on_speed_change(self, speed: float) -> None:
        if self.speed.value() != speed:
            self.speed.blockSignals(True)
            self.speed.setValue(speed)
            self.speed.blockSignals(False)
