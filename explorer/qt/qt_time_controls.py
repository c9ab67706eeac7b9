"""What the window adds for moving through time: the Events panel, playback menus, the banner, the keyboard.

:func:`install` is called once by the main window.  It adds

- the Events panel (View > Events list, Ctrl+Shift+L) in a dock, whose kinds
  are the kinds the timeline marks, Next/Previous event step through and
  playback pauses at;
- Go > Loop (Ctrl+L), Pause at events, Speed (presets, ``[`` slower, ``]``
  faster) and Play the whole war (drops the range);
- the banner that shows an event's title on the map while playback pauses at it;
- the range: Shift+drag on the timeline, or the From/To fields, limit playback;
- :class:`FocusKeeper`: the keyboard comes back to the timeline after every
  dialog, the document viewer and Esc in a search; Tab and Shift+Tab move
  between the main areas (timeline, map, passages, search, events list,
  playback controls); Up/Down move between the links of the passage panel;
  arrows pan the map when it has the keyboard; Space on a focused button or
  check box presses it (it does not start playback).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QDialog, QDockWidget, QMenu, QWidget

from explorer.qt.qt_date_card import QtEventBanner
from explorer.qt.qt_events_panel import QtEventsPanel
from explorer.qt.qt_playback import SPEEDS

#: Settings keys of what this module remembers.
KEY_EVENTS_PANEL = "view/events_panel"
KEY_EVENT_KINDS = "view/event_kinds"

#: Keys handled by the focus keeper, for the shortcut list (F1).
FOCUS_KEYS = (
    ("Tab / Shift+Tab", "Next / previous area: timeline, map, passages, search, events list, playback controls"),
    ("Up / Down", "Passage panel: previous / next link (Enter opens it)"),
    ("Arrows, + / -", "Map (after Tab): pan, zoom"),
    ("Space", "Play / pause; on a focused button or check box, press it"),
)


def _mirrored_toggle(window: Any, text: str, key: str, tip: str, box: Any) -> QAction:
    """A checkable menu action kept in step with the playback bar's check *box* (both ways)."""
    act = QAction(text, window)
    act.setCheckable(True)
    act.setChecked(box.isChecked())
    act.setShortcut(QKeySequence(key))
    act.setStatusTip(tip)
    act.toggled.connect(box.setChecked)
    box.toggled.connect(act.setChecked)
    return act


def _go_menu(window: Any) -> QMenu:
    """The window's Go menu (kept by reference, never looked up by its text)."""
    return window.go_menu


def _view_menu(window: Any) -> QMenu:
    """The window's View menu."""
    return window.view_menu


def _remembered_kinds(window) -> frozenset[str] | None:
    raw = window.settings.q.value(KEY_EVENT_KINDS)
    if raw is None:
        return None
    items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
    return frozenset(str(x) for x in items if str(x))


def install(window) -> None:
    """Add the Events panel, the playback menus, the banner and the keyboard handling to ``window``."""
    state, player, timeline = window.state, window.player, window.timeline
    q = window.settings.q
    # ------------------------------------------------------------------ Events panel
    panel = QtEventsPanel(state, window.events, _remembered_kinds(window), window)
    dock = QDockWidget("Events", window)
    dock.setObjectName("eventsDock")
    dock.setWidget(panel)
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.events_panel = panel
    window.events_dock = dock
    toggle = dock.toggleViewAction()
    toggle.setText("&Events list")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
    toggle.setStatusTip("Show or hide the list of the chronology's events, with kind filters and a search")
    window.addAction(toggle)
    view = _view_menu(window)
    view.addSeparator()
    view.addAction(toggle)
    dock.setVisible(str(q.value(KEY_EVENTS_PANEL, "false")).lower() in ("true", "1"))
    # Remembered when the user shows or hides it (not when the window closes and hides everything).
    toggle.triggered.connect(lambda on: q.setValue(KEY_EVENTS_PANEL, bool(on)))
    find_event = QAction("Find an &event...", window)
    find_event.setShortcut(QKeySequence("Ctrl+Shift+F"))
    find_event.setStatusTip("Show the events list and type a name")
    def find() -> None:
        if not dock.isVisible():
            toggle.trigger()
        dock.raise_()
        panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        panel.search.selectAll()

    find_event.triggered.connect(find)
    window.addAction(find_event)
    view.addAction(find_event)

    def on_kinds(kinds: frozenset[str]) -> None:
        window.event_kinds = frozenset(kinds)
        timeline.set_kinds(kinds)
        player.set_events(window.events, kinds)
        q.setValue(KEY_EVENT_KINDS, sorted(kinds) if kinds else "")

    panel.kindsChanged.connect(on_kinds)
    panel.escaped.connect(lambda: timeline.setFocus(Qt.FocusReason.OtherFocusReason))
    on_kinds(panel.kinds)
    # ------------------------------------------------------------------ banner and range
    banner = QtEventBanner(window.canvas)
    banner.avoid = window.date_card
    window.event_banner = banner
    player.eventReached.connect(lambda evs, secs: banner.show_text("\n".join(e.title for e in evs), secs))
    state.events.playing.connect(lambda on: None if on else banner.hide())
    timeline.rangeSelected.connect(player.set_range)
    # Slow playback: moments between days on the map; when it stops, the map shows the whole day again.
    player.momentShown.connect(window.canvas.show_date)

    def whole_day(on: bool) -> None:
        shown = window.canvas.mapview.state
        if not on and shown is not None and getattr(shown, "day", None) not in (None, float(state.date.toordinal())):
            window.canvas.show_date_now(state.date)

    state.events.playing.connect(whole_day)
    player.rangeChanged.connect(timeline.set_play_range)
    # ------------------------------------------------------------------ Go menu
    go = _go_menu(window)
    first = go.actions()[1] if len(go.actions()) > 1 else None
    loop = _mirrored_toggle(window, "&Loop", "Ctrl+L",
                            "At the end of the range (or of the war), start again from its beginning",
                            window.playback.loop)
    window.loop_action = loop
    pause = _mirrored_toggle(window, "Pause at &events", "Ctrl+Shift+P",
                             "Stop a moment at each event of the kinds listed and show its title on the map",
                             window.playback.pause_events)
    window.pause_action = pause
    speed_menu: Any = go.addMenu("&Speed") if first is None else None
    if first is not None:
        go.insertAction(first, loop)
        go.insertAction(first, pause)
        speed_menu = go.insertMenu(first, _new_menu(go, "&Speed")).menu()
        go.insertSeparator(first)
    else:
        go.addAction(loop)
        go.addAction(pause)
    group = QActionGroup(window)
    window.speed_actions = []
    for i, (value, name) in enumerate(SPEEDS):
        act = QAction(name[0].upper() + name[1:], window)
        act.setCheckable(True)
        act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
        act.triggered.connect(lambda _on=False, v=value: setattr(state, "speed", v))
        group.addAction(act)
        speed_menu.addAction(act)
        window.addAction(act)
        window.speed_actions.append(act)
    speed_menu.addSeparator()
    slower = QAction("S&lower", window)
    slower.setShortcut(QKeySequence("["))
    slower.triggered.connect(lambda: player.step_speed(-1))
    faster = QAction("&Faster", window)
    faster.setShortcut(QKeySequence("]"))
    faster.triggered.connect(lambda: player.step_speed(1))
    for act in (slower, faster):
        speed_menu.addAction(act)
        window.addAction(act)
    window.slower_action, window.faster_action = slower, faster
    whole = QAction("Play the &whole war (no range)", window)
    whole.setStatusTip("Forget the range chosen by Shift+drag on the timeline or From/To")
    whole.triggered.connect(lambda: player.set_range(None, None))
    (go.insertAction(first, whole) if first is not None else go.addAction(whole))
    for act in (loop, pause):
        window.addAction(act)

    def on_speed(value: float) -> None:
        from explorer.qt.qt_playback import nearest_speed

        window.speed_actions[nearest_speed(value)].setChecked(True)

    state.events.speed.connect(on_speed)
    on_speed(state.speed)
    # ------------------------------------------------------------------ keyboard
    keeper = FocusKeeper(window)
    window.focus_keeper = keeper
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(keeper)
    window.destroyed.connect(lambda *_: _remove_filter(keeper))
    if hasattr(window.search, "home"):
        window.search.home = timeline
    window.canvas.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def _remove_filter(keeper) -> None:
    app = QApplication.instance()
    if app is not None:
        try:
            app.removeEventFilter(keeper)
        except RuntimeError:
            pass


def _new_menu(parent, title):
    from PySide6.QtWidgets import QMenu

    return QMenu(title, parent)


class FocusKeeper(QObject):
    """Keeps the keyboard where a viewer expects it (see the module's docstring)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window: Any = window

    # ------------------------------------------------------------------ areas

    def areas(self) -> list[QWidget]:
        """The widgets Tab moves between, in order (only those that can take the keyboard now)."""
        w = self.window
        out = [w.timeline, w.canvas, getattr(w.passage_panel, "browser", w.passage_panel), w.search.edit]
        if getattr(w, "events_dock", None) is not None and w.events_dock.isVisible():
            out += [w.events_panel.search, w.events_panel.list]
        pb = w.playback
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
        if target is self.window.canvas:
            self.window.statusBar().showMessage(
                "Map: arrow keys pan, + and - zoom, 0 shows the whole peninsula; Tab goes on to the passages", 6000)
        return target

    def to_timeline(self) -> None:
        """Give the keyboard back to the timeline (soon: after the closing window has gone)."""
        QTimer.singleShot(0, lambda: self.window.timeline.setFocus(Qt.FocusReason.OtherFocusReason))

    # ------------------------------------------------------------------ events

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        win: Any = self.window
        et = event.type()
        if et == QEvent.Type.Hide and isinstance(obj, QWidget) and obj.isWindow():
            parent = obj.parentWidget()
            viewer = getattr(self.window, "viewer", None)
            if (isinstance(obj, QDialog) and parent is not None and parent.window() is self.window) or obj is viewer:
                self.to_timeline()
            return False
        if et not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(obj, QWidget):
            return False
        if obj.window() is not self.window or obj is not QApplication.focusWidget():
            return False
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if et == QEvent.Type.ShortcutOverride:
            # Space presses a focused button or ticks a focused box instead of playing.
            if key == Qt.Key.Key_Space and not mods and isinstance(obj, (QAbstractButton, QComboBox)):
                event.accept()
                return True
            # Arrows, + and - belong to the map when it has the keyboard.
            if obj is win.canvas and key in _MAP_KEYS and not mods:
                event.accept()
                return True
            return False
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (mods & Qt.KeyboardModifier.ControlModifier) \
                and self._area_of(obj) >= 0:
            # Only from one of the main areas: a panel of fields (the lesson's title and note) keeps its own Tab.
            # Dropping down lists and the completer's popup keep their own Tab.
            self.move(key == Qt.Key.Key_Tab and not (mods & Qt.KeyboardModifier.ShiftModifier))
            return True
        if obj is win.canvas and key in _MAP_KEYS and not mods:
            self._map_key(key)
            return True
        browser = getattr(win.passage_panel, "browser", None)
        if obj is browser and key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods:
            # Up and Down go from link to link (they scrolled line by line and Tab visited every link).
            moved = browser.focusNextPrevChild(key == Qt.Key.Key_Down)
            return bool(moved)
        return False

    def _map_key(self, key) -> None:
        canvas = self.window.canvas
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
                  Qt.Key.Key_Up: (0, step_y), Qt.Key.Key_Down: (0, -step_y)}[key]
        canvas.mapview.pan(dx, dy)
        canvas.draw_idle()


_MAP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
             Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_0)


def key_event_text(event: QKeyEvent) -> str:
    """The key of a key event as the shortcut list writes it (for messages and tests)."""
    return QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.NativeText)
