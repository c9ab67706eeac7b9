"""Playback: the date advances by itself, never faster than the map can show it.

:class:`Player` moves :class:`~explorer.state.viewstate.ViewState`'s date at
``state.speed`` days per second.  It waits for the map to show each frame
before it computes the next one (it listens to the canvas's ``drawn``
signal), so a slow machine plays fewer frames per second instead of queueing
work: playback never outruns drawing.

Speeds are presets (:data:`SPEEDS`: a day, two days, a week, two weeks, a
month, a season, a year per second), stepped down and up with ``[`` and ``]``.

Playback can be limited to a range (Shift+drag on the timeline, or the From
and To fields): it starts at the range's first day, stops at its last, or
loops back to its start.  Without a range, playing from a day before the
armistice stops at the armistice (27 July 1953), the end of the war a lesson
plays through; pressing Play there goes on through the aftermath to the end
of the timeline.

Playback stops a moment (:data:`EVENT_BEAT`) on the day of each event of the
kinds shown (:attr:`Player.kinds`), and hands its title to the map's banner
(:attr:`Player.eventReached`) with the time it takes to read
(:func:`reading_time`): the title stays up that long while playback goes on,
so a run of events a few days apart does not stop the war for seconds at
each.  At speeds above a month a second it skims on without stopping.

At slow speeds (up to two weeks a second) the front moves smoothly between
days: between two whole days the player asks the map for moments an eighth
of a day apart (:attr:`Player.momentShown`, a day ordinal with its
fraction), which the chronology's morph draws; the date itself (timeline,
card, passages) changes once a day.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Collection, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QWidget,
)

from explorer.war.chronology import WAR_END, WAR_START, format_date
from explorer.war.events import Event
from explorer.state.viewstate import ViewState

#: Frames per second playback aims at.
TARGET_FPS = 30.0

#: The preset speeds, days per second, and their names.
SPEEDS: tuple[tuple[float, str], ...] = (
    (1.0, "a day a second"), (2.0, "2 days a second"), (7.0, "a week a second"),
    (14.0, "2 weeks a second"), (30.0, "a month a second"), (91.0, "a season a second"),
    (365.0, "a year a second"),
)

#: Playback shows moments between days up to this speed (days per second).
SMOOTH_UP_TO = 14.0
#: Moments between days are this fraction of a day apart (so that a loop meets its cached moments again).
SMOOTH_STEP = 1 / 8

#: Playback pauses at events up to this speed (days per second); faster, it skims.
PAUSE_UP_TO = 30.0

#: The speed playback starts at: a week a second (June-December 1950 in half a minute).
DEFAULT_SPEED = 7.0


def nearest_speed(value: float) -> int:
    """Index in :data:`SPEEDS` of the preset nearest ``value`` (by ratio)."""
    import math

    return min(range(len(SPEEDS)), key=lambda i: abs(math.log(SPEEDS[i][0] / max(value, 0.01))))


def reading_time(text: str) -> float:
    """Seconds to read a title aloud to a class: 1.6 s plus 60 ms a character, at most 6 s."""
    return min(1.6 + 0.06 * len(text), 6.0)


#: Seconds playback stops on an event's day (at most; a title read faster stops it less).
EVENT_BEAT = 0.8


def event_pause(text: str) -> float:
    """Seconds playback stops on the day of events titled ``text`` (the title stays up longer)."""
    return min(reading_time(text), EVENT_BEAT)


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
    #: Playback reached events: (events, seconds their titles need on screen to be read).
    eventReached = Signal(object, float)
    #: The range changed: (first, last), both None when cleared.
    rangeChanged = Signal(object, object)
    #: A moment between two days to show on the map (a day ordinal with its fraction).
    momentShown = Signal(float)

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
        self._hold_until = 0.0
        self._announce = False
        self.range: tuple[dt.date, dt.date] | None = None
        #: Events playback pauses at, and the kinds of them it pauses at (all when None).
        self.events: list[Event] = []
        self.kinds: frozenset[str] | None = None
        #: Whether playback pauses at events.
        self.pause_at_events = True
        #: Whether slow playback shows moments between days (:data:`SMOOTH_UP_TO`).
        self.smooth = True
        self._fraction_shown = 0.0
        self.moments = 0
        self.frames = 0
        self.dropped = 0
        self.holds: list[tuple[dt.date, float]] = []
        frame_shown.connect(self._on_frame_shown)
        state.events.playing.connect(self._on_playing_change)

    # ------------------------------------------------------------------ setup

    def set_events(self, events: Sequence[Event], kinds: Collection[str] | None = None) -> None:
        """Pause at ``events`` of ``kinds`` (all kinds when ``None``)."""
        self.events = sorted(events, key=lambda e: (e.start, e.id))
        self.kinds = None if kinds is None else frozenset(kinds)

    def set_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Limit playback to ``first``..``last`` (``None`` for no range)."""
        rng = None if first is None or last is None else (min(first, last), max(first, last))
        if rng != self.range:
            self.range = rng
            if self.state.playing:
                self._stop, self._restart = self.stop_and_restart(self.state.date)
            self.rangeChanged.emit(*(rng or (None, None)))

    def step_speed(self, steps: int) -> None:
        """Go ``steps`` presets faster (negative: slower)."""
        i = nearest_speed(self.state.speed) + steps
        self.state.speed = SPEEDS[min(max(i, 0), len(SPEEDS) - 1)][0]

    # ------------------------------------------------------------------ running

    def _on_playing_change(self, playing: bool) -> None:
        if playing:
            if self.range is not None and not (self.range[0] <= self.state.date < self.range[1]):
                self.state.date = self.range[0]
            elif self.state.date >= self.state.maximum:
                self.state.date = self.state.minimum if self.loop else self.state.date
            self._stop, self._restart = self.stop_and_restart(self.state.date)
            self._carry = 0.0
            self._hold_until = 0.0
            self._fraction_shown = 0.0
            # The events of the first day are shown too (the invasion, when a range starts on 25 June).
            self._announce = True
            self._last = time.perf_counter()
            self._waiting_for_frame = False
            self._timer.start(0)
        else:
            self._timer.stop()

    def stop_and_restart(self, start: dt.date) -> tuple[dt.date, dt.date]:
        """Where playback started at ``start`` stops, and where a loop starts again.

        With a range, its last and first days.  Within the war (before the
        armistice) playback stops at the armistice and loops back to the
        invasion; from the armistice on it runs to the end of the timeline and
        loops back to its start.
        """
        if self.range is not None:
            return self.range[1], self.range[0]
        if start < WAR_END <= self.state.maximum:
            return WAR_END, max(self.state.minimum, min(WAR_START, start))
        return self.state.maximum, self.state.minimum

    def _pausing(self) -> bool:
        return self.pause_at_events and self.state.speed <= PAUSE_UP_TO

    def _hold(self, held: list[Event], now: float) -> float:
        """Stop a beat on ``held`` (events of the date about to be shown); returns the seconds to read them."""
        text = " ".join(e.title for e in held)
        pause = event_pause(text)
        self._hold_until = now + pause
        self._carry = 0.0
        self.holds.append((held[0].start, pause))
        return reading_time(text)

    def _events_between(self, after: dt.date, upto: dt.date) -> list[Event]:
        """The events shown that start after ``after`` and on or before ``upto``, on the first such day."""
        hits = [e for e in self.events if after < e.start <= upto and (self.kinds is None or e.kind in self.kinds)]
        if not hits:
            return []
        first = min(e.start for e in hits)
        return [e for e in hits if e.start == first]

    def _show_moment(self) -> bool:
        """At slow speeds, show the moment ``carry`` of a day past the date; True when a frame was asked for."""
        if not self.smooth or self.state.speed > SMOOTH_UP_TO or self.state.date >= self._stop:
            return False
        q = int(self._carry / SMOOTH_STEP) * SMOOTH_STEP
        if q <= 0 or q == self._fraction_shown:
            return False
        self._fraction_shown = q
        self._waiting_for_frame = True
        self.moments += 1
        self.momentShown.emit(self.state.date.toordinal() + q)
        if not self._is_drawing():
            self._waiting_for_frame = False
            self._timer.start(int(1000 / TARGET_FPS))
        return True

    def _on_frame_shown(self) -> None:
        if not self.state.playing or not self._waiting_for_frame:
            return
        self._waiting_for_frame = False
        spent = time.perf_counter() - self._last
        self._timer.start(max(0, int(1000 / TARGET_FPS - spent * 1000)))

    def _tick(self) -> None:
        if not self.state.playing:
            return
        now = time.perf_counter()
        if self._announce:
            self._announce = False
            held = self._events_between(self.state.date - dt.timedelta(days=1), self.state.date) \
                if self._pausing() else []
            if held:
                self.eventReached.emit(held, self._hold(held, now))
                self._timer.start(1)
                return
        if now < self._hold_until:
            self._timer.start(max(1, int((self._hold_until - now) * 1000)))
            return
        if self._hold_until:
            # The pause at an event is over: the days start counting again from now.
            self._hold_until = 0.0
            self._last = now
            self._carry = 0.0
        if self._is_drawing():
            # The last frame is not on screen yet: try again shortly.
            self.dropped += 1
            self._timer.start(2)
            return
        self._carry += (now - self._last) * self.state.speed
        self._last = now
        days = int(self._carry)
        if days < 1:
            if self._show_moment():
                return
            self._timer.start(int(1000 / TARGET_FPS))
            return
        self._carry -= days
        self._fraction_shown = 0.0
        target = self.state.date + dt.timedelta(days=days)
        if target > self._stop:
            if self.state.date < self._stop:
                # Show the last day (of the range, the war or the timeline) before stopping or looping.
                target = self._stop
            elif self.loop:
                target = self._restart
            else:
                self.state.playing = False
                return
        held = []
        if self._pausing():
            # Forward: the first events on the way; looping back: those of the first day.
            after = self.state.date if target > self.state.date else target - dt.timedelta(days=1)
            held = self._events_between(after, target)
        if held:
            # Stop on the event's day a moment; its title stays up long enough to read.
            target = held[0].start
            seconds = self._hold(held, now)
        self._waiting_for_frame = True
        self.frames += 1
        self.state.date = target
        self.frameAdvanced.emit(target)
        if held:
            self.eventReached.emit(held, seconds)
        if not self._is_drawing():
            # Nothing to draw (the date did not change what is shown): go on.
            self._waiting_for_frame = False
            self._timer.start(int(1000 / TARGET_FPS))


class QtPlaybackControls(QWidget):
    """Play/pause, speed presets, loop, pause at events and the range, bound to a :class:`Player`.

    ``resolve`` reads what is typed in From and To (a date or an event, as
    Ctrl+G does); it returns a day and a description of what it understood,
    or raises ``ValueError``.
    """

    def __init__(self, player: Player, parent: QWidget | None = None, resolve=None) -> None:
        super().__init__(parent)
        self.player = player
        self._resolve = resolve
        state = player.state
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 1, 6, 0)
        self.play_button = QToolButton(self)
        self.play_button.setCheckable(True)
        self.play_button.setAccessibleName("Play")
        self.play_button.setToolTip("Play or pause the war (Space); from a day of the war it stops at the armistice")
        # Icons from the style, not symbol characters: a font without U+23F8 drew the pause sign as a box.
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._icons = {True: self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause),
                       False: self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)}
        self.play_button.toggled.connect(lambda on: setattr(state, "playing", on))
        self.speed = QComboBox(self)
        for value, name in SPEEDS:
            self.speed.addItem(name, value)
        self.speed.setAccessibleName("Playback speed")
        self.speed.setToolTip("How much time passes each second of playback ([ slower, ] faster)")
        self.speed.setCurrentIndex(nearest_speed(state.speed))
        self.speed.currentIndexChanged.connect(lambda i: setattr(state, "speed", SPEEDS[i][0]))
        self.loop = QCheckBox("Loop", self)
        self.loop.setToolTip("Start again from the beginning of the range (or of the war) at its end (Ctrl+L)")
        self.loop.toggled.connect(lambda on: setattr(player, "loop", on))
        self.pause_events = QCheckBox("Pause at events", self)
        self.pause_events.setChecked(player.pause_at_events)
        self.pause_events.setToolTip("Stop a moment at each event of the kinds shown and show its title on the map")
        self.pause_events.toggled.connect(lambda on: setattr(player, "pause_at_events", on))
        self.start_edit = self._date_edit("From", "First day of the range to play (a date or an event)")
        self.end_edit = self._date_edit("To", "Last day of the range to play (a date or an event)")
        self.clear_range = QToolButton(self)
        self.clear_range.setText("Whole war")
        self.clear_range.setToolTip("Play without a range (Shift+drag on the timeline chooses one)")
        self.clear_range.clicked.connect(lambda: player.set_range(None, None))
        self.range_note = QLabel("", self)
        self.range_note.setObjectName("rangeNote")
        lay.addWidget(self.play_button)
        lay.addWidget(QLabel("Speed", self))
        lay.addWidget(self.speed)
        lay.addWidget(self.loop)
        lay.addWidget(self.pause_events)
        lay.addSpacing(12)
        lay.addWidget(QLabel("Range", self))
        lay.addWidget(self.start_edit)
        lay.addWidget(QLabel("\u2013", self))
        lay.addWidget(self.end_edit)
        lay.addWidget(self.clear_range)
        lay.addWidget(self.range_note, 1)
        state.events.playing.connect(self._on_playing_change)
        state.events.speed.connect(self._on_speed_change)
        player.rangeChanged.connect(self._on_range_change)
        # The same width playing or paused, so that nothing beside it shifts.
        widths = []
        for playing in (True, False):
            self._on_playing_change(playing)
            widths.append(self.play_button.sizeHint().width())
        self.play_button.setFixedWidth(max(widths))
        self._on_playing_change(state.playing)
        self._on_range_change(*(player.range or (None, None)))

    def _date_edit(self, name: str, tip: str) -> QLineEdit:
        e = QLineEdit(self)
        e.setPlaceholderText(name)
        e.setAccessibleName(f"Range {name.lower()}")
        e.setToolTip(tip)
        e.setMinimumWidth(e.fontMetrics().horizontalAdvance("30 September 1950") + 14)
        e.setMaximumWidth(e.minimumWidth() + 40)
        e.editingFinished.connect(self._apply_range)
        return e

    def _apply_range(self) -> None:
        texts = (self.start_edit.text().strip(), self.end_edit.text().strip())
        if not all(texts) or self._resolve is None:
            if not any(texts):
                self.player.set_range(None, None)
            return
        try:
            (a, note_a), (b, note_b) = (self._resolve(t) for t in texts)
        except ValueError as exc:
            self.range_note.setText(str(exc))
            return
        self.player.set_range(a, b)
        self.range_note.setToolTip(f"From {note_a}\nTo {note_b}")

    def _on_range_change(self, first: dt.date | None, last: dt.date | None) -> None:
        for edit, d in ((self.start_edit, first), (self.end_edit, last)):
            text = format_date(d) if d is not None else ""
            if edit.text() != text and not (d is not None and self._reads_as(edit.text(), d)):
                edit.setText(text)
        if first is None or last is None:
            self.range_note.setText("")
            self.range_note.setToolTip("")
        else:
            days = (last - first).days + 1
            self.range_note.setText(f"{format_date(first)} to {format_date(last)} ({days} days)")
        self.clear_range.setEnabled(first is not None)

    def _reads_as(self, text: str, d: dt.date) -> bool:
        if self._resolve is None or not text.strip():
            return False
        try:
            return self._resolve(text)[0] == d
        except ValueError:
            return False

    def _on_playing_change(self, playing: bool) -> None:
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.blockSignals(False)
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.setIcon(self._icons[bool(playing)])
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    def _on_speed_change(self, speed: float) -> None:
        i = nearest_speed(speed)
        if self.speed.currentIndex() != i:
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(i)
            self.speed.blockSignals(False)
