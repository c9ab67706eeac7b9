"""What the window adds for moving through time: the Events panel, playback menus, the banner, the keyboard.

:class:`TimeControls` is made once by the main window, which keeps it as one
attribute (``window.time_controls``).  It takes the view state, the events and
the widgets it works with, and owns what it makes:

- the Events panel (View > Events list, Ctrl+Shift+L) in a dock, whose kinds
  are the kinds the timeline marks, Next/Previous event step through and
  playback pauses at;
- Go > Loop (Ctrl+L), Pause at events, Speed (presets, ``[`` slower, ``]``
  faster) and Play the whole war (drops the range);
- the banner that shows events' titles on the map during playback, each long enough to read;
- the range: Shift+drag on the timeline, or the From/To fields, limit playback;
- :class:`FocusKeeper`: the keyboard comes back to the timeline after every
  dialog, the document viewer and Esc in a search; Tab and Shift+Tab move
  between the main areas (timeline, map, passages, search, events list,
  playback controls); Up/Down move between the links of the passage panel;
  arrows pan the map when it has the keyboard; Space on a focused button or
  check box presses it (it does not start playback).  Its keys are one
  :class:`~explorer.qt.qt_keys.KeyTable` that both handles them and lists
  them in F1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QWidget,
)

from explorer.qt.qt_date_card import QtEventBanner
from explorer.qt.qt_events_panel import QtEventsPanel
from explorer.qt.qt_keys import Key, KeyTable
from explorer.qt.qt_map_canvas import QtMapCanvas
from explorer.qt.qt_passage_panel import QtPassagePanel
from explorer.qt.qt_playback import SPEEDS, Player, QtPlaybackControls, nearest_speed
from explorer.qt.qt_search import QtSearchBox
from explorer.qt.qt_timeline import QtTimeline
from explorer.qt.settings import KEY_EVENT_KINDS, KEY_EVENTS_PANEL, AppSettings
from explorer.state.viewstate import ViewState
from explorer.war.events import Event

def _mirrored_toggle(parent: QObject, text: str, key: str, tip: str, box: QAbstractButton) -> QAction:
    """A checkable menu action kept in step with the playback bar's check *box* (both ways)."""
    act = QAction(text, parent)
    act.setCheckable(True)
    act.setChecked(box.isChecked())
    act.setShortcut(QKeySequence(key))
    act.setStatusTip(tip)
    act.toggled.connect(box.setChecked)
    box.toggled.connect(act.setChecked)
    return act


class TimeControls(QObject):
    """The Events panel, the playback menus and keys, the event banner and the keyboard's way home.

    Parameters
    ----------
    window
        The main window: the dock, the actions and the status bar's messages belong to it.
    state
        The evented view state (date, playing, speed).
    events
        The chronology's events.
    settings
        Where the panel's visibility and the kinds ticked are remembered.
    player, playback
        The playback engine and its bar (Loop, Pause at events, From/To).
    timeline, canvas, date_card, passage_panel, search
        The widgets the keyboard moves between and the banner stands on.
    go_menu, view_menu
        The menus the actions go in.
    viewer
        Returns the document viewer when it has been opened (None before).

    Attributes
    ----------
    events_panel : QtEventsPanel
    events_dock : QDockWidget
    events_list_action, find_event_action : QAction
        View > Events list (Ctrl+Shift+L), View > Find an event (Ctrl+Shift+F).
    event_banner : QtEventBanner
    loop_action, pause_action : QAction
        Go > Loop (Ctrl+L), Go > Pause at events (Ctrl+Shift+P), in step with the bar's boxes.
    speed_actions : list of QAction
        Go > Speed presets (Ctrl+1...), in the order of :data:`~explorer.qt.qt_playback.SPEEDS`.
    slower_action, faster_action, whole_war_action : QAction
    focus_keeper : FocusKeeper
    event_kinds : frozenset of str or None
        The kinds ticked in the Events panel (None before it reports them).
    """

    def __init__(self, window: QMainWindow, state: ViewState, events: Sequence[Event], settings: AppSettings, *,
                 player: Player, playback: QtPlaybackControls, timeline: QtTimeline, canvas: QtMapCanvas,
                 date_card: QWidget, passage_panel: QtPassagePanel, search: QtSearchBox,
                 go_menu: QMenu, view_menu: QMenu, viewer: Callable[[], QWidget | None]) -> None:
        super().__init__(window)
        self.window_ = window
        self.state = state
        self.events = list(events)
        self.player = player
        self.playback = playback
        self.timeline = timeline
        self.canvas = canvas
        self.event_kinds: frozenset[str] | None = None
        self._build_events_panel(settings, view_menu)
        self._build_banner(date_card)
        self._build_go_menu(go_menu)
        self.focus_keeper = FocusKeeper(window, self, timeline, canvas, passage_panel, search, playback, viewer)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.focus_keeper)
        window.destroyed.connect(lambda *_: _remove_filter(self.focus_keeper))
        search.home = timeline
        canvas.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    # ------------------------------------------------------------------ Events panel

    def _build_events_panel(self, settings: AppSettings, view: QMenu) -> None:
        window, q = self.window_, settings.q
        panel = self.events_panel = QtEventsPanel(self.state, self.events, settings.event_kinds(), window)
        dock = self.events_dock = QDockWidget("Events", window)
        dock.setObjectName("eventsDock")
        dock.setWidget(panel)
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        toggle = self.events_list_action = dock.toggleViewAction()
        toggle.setText("&Events list")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        toggle.setStatusTip("Show or hide the list of the chronology's events, with kind filters and a search")
        window.addAction(toggle)
        view.addSeparator()
        view.addAction(toggle)
        dock.setVisible(settings.events_panel_open())
        # Remembered when the user shows or hides it (not when the window closes and hides everything).
        toggle.triggered.connect(lambda on: q.setValue(KEY_EVENTS_PANEL, bool(on)))
        find_event = self.find_event_action = QAction("Find an &event...", window)
        find_event.setShortcut(QKeySequence("Ctrl+Shift+F"))
        find_event.setStatusTip("Show the events list and type a name")
        find_event.triggered.connect(self.find_event)
        window.addAction(find_event)
        view.addAction(find_event)

        def on_kinds(kinds: frozenset[str]) -> None:
            self.event_kinds = frozenset(kinds)
            self.timeline.set_kinds(kinds)
            self.player.set_events(self.events, kinds)
            q.setValue(KEY_EVENT_KINDS, sorted(kinds) if kinds else "")

        panel.kindsChanged.connect(on_kinds)
        panel.escaped.connect(lambda: self.timeline.setFocus(Qt.FocusReason.OtherFocusReason))
        on_kinds(panel.kinds)

    def find_event(self) -> None:
        """View > Find an event: show the events list and put the keyboard in its search field."""
        if not self.events_dock.isVisible():
            self.events_list_action.trigger()
        self.events_dock.raise_()
        self.events_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.events_panel.search.selectAll()

    # ------------------------------------------------------------------ banner and range

    def _build_banner(self, date_card: QWidget) -> None:
        state, player, timeline, canvas = self.state, self.player, self.timeline, self.canvas
        banner = self.event_banner = QtEventBanner(canvas)
        self._banner_day: dt.date | None = None
        banner.avoid = date_card
        player.eventReached.connect(self._on_events_reached)
        state.events.playing.connect(lambda on: None if on else self._clear_banner())
        timeline.rangeSelected.connect(player.set_range)
        # Slow playback: moments between days on the map; when it stops, the map shows the whole day again.
        player.momentShown.connect(canvas.show_date)

        def whole_day(on: bool) -> None:
            shown = canvas.mapview.state
            if not on and shown is not None and getattr(shown, "day", None) not in (None, float(state.date.toordinal())):
                canvas.show_date_now(state.date)

        state.events.playing.connect(whole_day)
        player.rangeChanged.connect(timeline.set_play_range)

    def _clear_banner(self) -> None:
        self.event_banner.clear()
        self._banner_day = None

    def _on_events_reached(self, events: Sequence[Event], seconds: float) -> None:
        """Playback reached ``events``: their titles on the banner, one a line, for ``seconds``."""
        if not events:
            return
        day = min(e.start for e in events)
        if self._banner_day is not None and day < self._banner_day:
            # Looped back to the range's start: December's titles are not June's.
            self.event_banner.clear()
        self._banner_day = day
        for e in events:
            self.event_banner.show_text(e.title, seconds)

    # ------------------------------------------------------------------ Go menu

    def _build_go_menu(self, go: QMenu) -> None:
        window, state, player = self.window_, self.state, self.player
        first = go.actions()[1] if len(go.actions()) > 1 else None
        loop = self.loop_action = _mirrored_toggle(
            window, "&Loop", "Ctrl+L", "At the end of the range (or of the war), start again from its beginning",
            self.playback.loop)
        pause = self.pause_action = _mirrored_toggle(
            window, "Pause at &events", "Ctrl+Shift+P",
            "Stop a moment at each event of the kinds listed and show its title on the map",
            self.playback.pause_events)
        speed_menu = QMenu("&Speed", go)
        self.speed_menu = speed_menu
        if first is not None:
            go.insertAction(first, loop)
            go.insertAction(first, pause)
            go.insertMenu(first, speed_menu)
            go.insertSeparator(first)
        else:
            go.addAction(loop)
            go.addAction(pause)
            go.addMenu(speed_menu)
        group = QActionGroup(window)
        self.speed_actions: list[QAction] = []
        for i, (value, name) in enumerate(SPEEDS):
            act = QAction(name[0].upper() + name[1:], window)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _on=False, v=value: setattr(state, "speed", v))
            group.addAction(act)
            speed_menu.addAction(act)
            window.addAction(act)
            self.speed_actions.append(act)
        speed_menu.addSeparator()
        slower = self.slower_action = QAction("S&lower", window)
        slower.setShortcut(QKeySequence("["))
        slower.triggered.connect(lambda: player.step_speed(-1))
        faster = self.faster_action = QAction("&Faster", window)
        faster.setShortcut(QKeySequence("]"))
        faster.triggered.connect(lambda: player.step_speed(1))
        for act in (slower, faster):
            speed_menu.addAction(act)
            window.addAction(act)
        whole = self.whole_war_action = QAction("Play the &whole war (no range)", window)
        whole.setStatusTip("Forget the range chosen by Shift+drag on the timeline or From/To")
        whole.triggered.connect(lambda: player.set_range(None, None))
        if first is not None:
            go.insertAction(first, whole)
        else:
            go.addAction(whole)
        for act in (loop, pause):
            window.addAction(act)
        state.events.speed.connect(self._on_speed)
        self._on_speed(state.speed)

    def _on_speed(self, value: float) -> None:
        self.speed_actions[nearest_speed(value)].setChecked(True)

    def actions(self) -> list[QAction]:
        """Every action this object made (they are also the window's, for their shortcuts)."""
        return [self.events_list_action, self.find_event_action, self.loop_action, self.pause_action,
                *self.speed_actions, self.slower_action, self.faster_action, self.whole_war_action]


def _remove_filter(keeper: QObject) -> None:
    app = QApplication.instance()
    if app is not None:
        try:
            app.removeEventFilter(keeper)
        except RuntimeError:
            pass


class FocusKeeper(QObject):
    """Keeps the keyboard where a viewer expects it (see the module's docstring).

    An application-wide event filter: it gives the keyboard back to the
    timeline when a dialog of the window or the document viewer closes, and
    reads the keys of :attr:`KEYS` on the window's widgets.
    """

    def __init__(self, window: QMainWindow, controls: TimeControls, timeline: QtTimeline, canvas: QtMapCanvas,
                 passage_panel: QtPassagePanel, search: QtSearchBox, playback: QtPlaybackControls,
                 viewer: Callable[[], QWidget | None]) -> None:
        super().__init__(controls)
        self.window_ = window
        self.controls = controls
        self.timeline = timeline
        self.canvas = canvas
        self.browser = passage_panel.browser
        self.search_edit = search.edit
        self.playback = playback
        self.viewer = viewer
        #: The widget a key event being dispatched went to.
        self._target: QWidget | None = None

    # ------------------------------------------------------------------ areas

    def areas(self) -> list[QWidget]:
        """The widgets Tab moves between, in order (only those that can take the keyboard now)."""
        out: list[QWidget] = [self.timeline, self.canvas, self.browser, self.search_edit]
        if self.controls.events_dock.isVisible():
            out += [self.controls.events_panel.search, self.controls.events_panel.list]
        pb = self.playback
        out += [pb.play_button, pb.speed, pb.loop, pb.pause_events, pb.start_edit, pb.end_edit, pb.clear_range]
        return [a for a in out if a.isVisible() and a.isEnabled()]

    def _area_of(self, widget: QWidget | None) -> int:
        areas = self.areas()
        while widget is not None:
            if widget in areas:
                return areas.index(widget)
            widget = widget.parentWidget()
        return -1

    def move(self, forward: bool) -> QWidget | None:
        """Give the keyboard to the next (or previous) area."""
        areas = self.areas()
        if not areas:
            return None
        i = self._area_of(QApplication.focusWidget())
        j = (i + (1 if forward else -1)) % len(areas) if i >= 0 else 0
        target = areas[j]
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        if target is self.canvas:
            self.window_.statusBar().showMessage(
                "Map: arrow keys pan, + and - zoom, 0 shows the whole peninsula; Tab goes on to the passages", 6000)
        return target

    def to_timeline(self) -> None:
        """Give the keyboard back to the timeline (soon: after the closing window has gone)."""
        QTimer.singleShot(0, lambda: self.timeline.setFocus(Qt.FocusReason.OtherFocusReason))

    # ------------------------------------------------------------------ keys

    def _tab(self, event: QKeyEvent) -> bool:
        # Only from one of the main areas: a panel of fields (the lesson's title and note) keeps its own
        # Tab, and so do dropped-down lists and the completer's popup.
        if event.type() != QEvent.Type.KeyPress or self._area_of(self._target) < 0:
            return False
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.move(event.key() == Qt.Key.Key_Tab and not shift)
        return True

    def _link(self, event: QKeyEvent) -> bool:
        # Up and Down go from link to link (they scrolled line by line and Tab visited every link).
        if event.type() != QEvent.Type.KeyPress or self._target is not self.browser:
            return False
        return bool(self.browser.focusNextPrevChild(event.key() == Qt.Key.Key_Down))

    def _map(self, event: QKeyEvent) -> bool:
        # The map's keys belong to it when it has the keyboard (over the window's shortcuts too).
        if self._target is not self.canvas:
            return False
        if event.type() == QEvent.Type.KeyPress:
            self._map_key(event.key())
        return True

    def _space(self, event: QKeyEvent) -> bool:
        # Claimed from the Play shortcut on a button or box, whose own key handling then presses it.
        return event.type() == QEvent.Type.ShortcutOverride and isinstance(self._target, (QAbstractButton, QComboBox))

    #: The keys the keeper reads on the window's widgets: handled and listed by F1 from this one table.
    KEYS = KeyTable(
        "Window",
        Key(("Tab", "Backtab", "Shift+Tab", "Shift+Backtab"),
            "Next / previous area: timeline, map, passages, search, events list, playback controls",
            _tab, "Tab / Shift+Tab"),
        Key(("Up", "Down"), "Passage panel: previous / next link (Enter opens it)", _link, "Up / Down"),
        Key(("Left", "Right", "Up", "Down", "+", "Shift++", "=", "-", "0"),
            "Map (after Tab): arrows pan, + and - zoom, 0 shows the whole peninsula", _map, "Arrows, + / -, 0"),
        Key(("Space",), "On a focused button or check box: press it (elsewhere Space plays and pauses)", _space),
    )

    # ------------------------------------------------------------------ events

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        et = event.type()
        if et == QEvent.Type.Hide and isinstance(obj, QWidget) and obj.isWindow():
            parent = obj.parentWidget()
            if (isinstance(obj, QDialog) and parent is not None and parent.window() is self.window_) \
                    or obj is self.viewer():
                self.to_timeline()
            return False
        if et not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(obj, QWidget) \
                or not isinstance(event, QKeyEvent):
            return False
        if obj.window() is not self.window_ or obj is not QApplication.focusWidget():
            return False
        self._target = obj
        try:
            return self.KEYS.dispatch(self, event)
        finally:
            self._target = None

    def _map_key(self, key: int) -> None:
        canvas = self.canvas
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            canvas.zoom_by(1.5)
            return
        if key == Qt.Key.Key_Minus:
            canvas.zoom_by(1 / 1.5)
            return
        if key == Qt.Key.Key_0:
            canvas.reset_view()
            return
        x0, x1, y0, y1 = canvas.mapview.view()
        step_x, step_y = 0.15 * (x1 - x0), 0.15 * (y1 - y0)
        dx, dy = {Qt.Key.Key_Left: (-step_x, 0), Qt.Key.Key_Right: (step_x, 0),
                  Qt.Key.Key_Up: (0, step_y), Qt.Key.Key_Down: (0, -step_y)}[Qt.Key(key)]
        canvas.mapview.pan(dx, dy)
        canvas.draw_idle()
