"""The Lessons panel: build a lesson of stops from the window, with undo and redo.

:class:`QtLessonPanel` shows the lesson held by a
:class:`~explorer.state.lesson.LessonEditor`: its title, its stops (drag to
reorder), the selected stop's title and note (edited in place) and its pinned
passages. Every change goes through the editor, so Undo and Redo (Ctrl+Z,
Ctrl+Shift+Z while the panel has the keyboard) cover all of them. The stop
the timeline is at is selected as the date moves; choosing a stop emits
:attr:`QtLessonPanel.stopActivated` for the window to show it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.dates import format_date
from explorer.core.paths import resources_dir
from explorer.qt.qt_export_worker import ExportWorker
from explorer.qt.qt_map_canvas import QtMapCanvas
from explorer.qt.qt_passage_panel import QtPassagePanel
from explorer.qt.qt_presenter import QtPresenter
from explorer.state.lesson import (
    LESSON_SUFFIX,
    Lesson,
    LessonEditor,
    LessonError,
    Stop,
    builtin_lessons,
    citation_for,
    lesson_from_events,
)
from explorer.state.viewstate import LAYERS, ViewState
from explorer.war.chronology import Chronology

if TYPE_CHECKING:  # the panel's module is the window's to import
    from explorer.qt.qt_passage_panel import QtPassagePanel

__all__ = ["LessonsController", "QtLessonPanel"]

_FILTER = f"Lessons (*{LESSON_SUFFIX})"


def _is_builtin(path: Path) -> bool:
    try:
        return path.resolve().parent == (resources_dir() / "lessons").resolve()
    except OSError:
        return False


def _view_text(stop: Stop) -> str:
    if stop.view == "peninsula":
        return "whole peninsula"
    if stop.view == "action":
        return "framing the action"
    assert isinstance(stop.view, tuple)
    w, s, e, n = stop.view
    return f"{s:.1f}\u2013{n:.1f}\u00b0N, {w:.1f}\u2013{e:.1f}\u00b0E"


class _StopList(QListWidget):
    """The stops; dragging one to another place emits :attr:`moved` (from, to)."""

    moved = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonStops")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAccessibleName("Stops of the lesson")

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        src = self.currentRow()
        super().dropEvent(event)
        dst = self.currentRow()
        if src >= 0 and dst >= 0 and src != dst:
            self.moved.emit(src, dst)


class QtLessonPanel(QWidget):
    """A panel to create, open, save and edit a lesson.

    Parameters
    ----------
    state
        The window's view state (the stop the timeline is at follows its date).
    editor
        The lesson being edited.
    capture_stop
        Returns a new stop for what the window shows now (date, view, layers).
    parent
        The parent widget.

    Signals
    -------
    stopActivated(int)
        The user chose a stop: the window should show it.
    presentRequested()
        The user asked to present the lesson (F5 does the same in the window).
    """

    stopActivated = Signal(int)
    presentRequested = Signal()
    statusMessage = Signal(str)

    def __init__(self, state: ViewState, editor: LessonEditor, capture_stop: Callable[[], Stop],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.state = state
        self.editor = editor
        self.capture_stop = capture_stop
        self._rebuilding = False
        self._shown: int | None = None  # the stop whose title and note the editors hold
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("lessonTitle")
        self.title_edit.setPlaceholderText("Title of the lesson")
        self.title_edit.setToolTip("The lesson's title (shown on the deck's first page)")
        self.title_edit.editingFinished.connect(lambda: self.editor.set_title(self.title_edit.text()))
        lay.addWidget(self.title_edit)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        self.edit_actions: dict[str, QAction] = {}  # not "actions": that would hide QWidget.actions()
        for key, text, tip, slot, shortcut in (
            ("new", "New", "Start a new lesson", self.new_lesson, None),
            ("open", "Open\u2026", "Open a lesson file", self.open_dialog, None),
            ("save", "Save", "Save the lesson", self.save, None),
            ("add", "Add stop", "Add what the map shows now as a stop, after the selected one (Ctrl+Shift+A)",
             self.add_current_view, None),
            ("duplicate", "Duplicate", "Copy the selected stop (Ctrl+D)", self.duplicate_selected, "Ctrl+D"),
            ("delete", "Delete", "Delete the selected stop (Del)", self.delete_selected, "Del"),
            ("up", "\u2191", "Move the selected stop earlier (Alt+Up)", lambda: self.move_selected(-1), "Alt+Up"),
            ("down", "\u2193", "Move the selected stop later (Alt+Down)", lambda: self.move_selected(1), "Alt+Down"),
            ("undo", "Undo", "Undo the last change to the lesson (Ctrl+Z)", self.undo,
             QKeySequence.StandardKey.Undo),
            ("redo", "Redo", "Redo (Ctrl+Shift+Z)", self.redo, QKeySequence.StandardKey.Redo),
            ("present", "Present", "Present the lesson full screen (F5)", self.presentRequested.emit, None),
        ):
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            act.triggered.connect(lambda _=False, s=slot: s())
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(act)
            self.edit_actions[key] = act
            btn = QToolButton(self)
            btn.setDefaultAction(act)
            btn.setAutoRaise(True)
            bar.addWidget(btn)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.stops = _StopList(self)
        self.stops.moved.connect(self.editor.move_stop)
        self.stops.currentRowChanged.connect(self._on_row_change)
        self.stops.itemActivated.connect(lambda item: self.stopActivated.emit(self.stops.row(item)))
        self.stops.itemClicked.connect(lambda item: self.stopActivated.emit(self.stops.row(item)))
        lay.addWidget(self.stops, 2)
        self.stop_title = QLineEdit(self)
        self.stop_title.setObjectName("stopTitle")
        self.stop_title.setPlaceholderText("Title of the stop")
        self.stop_title.editingFinished.connect(self._commit_title)
        lay.addWidget(self.stop_title)
        self.stop_info = QLabel("", self)
        self.stop_info.setObjectName("stopInfo")
        lay.addWidget(self.stop_info)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("stopNote")
        self.note.setPlaceholderText("Your note for this stop. *emphasis*, **strong**; a blank line starts a "
                                     "paragraph.")
        self.note.setTabChangesFocus(True)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(700)
        self._note_timer.timeout.connect(self._commit_note)
        self.note.textChanged.connect(lambda: None if self._rebuilding else self._note_timer.start())
        lay.addWidget(self.note, 1)
        lay.addWidget(QLabel("Pinned passages", self))
        self.pinned = QListWidget(self)
        self.pinned.setObjectName("pinnedPassages")
        self.pinned.setWordWrap(True)
        self.pinned.setToolTip("Passages pinned to this stop (pin one from the passage panel); Del unpins")
        unpin = QAction("Unpin", self.pinned)
        unpin.setShortcut(QKeySequence("Del"))
        unpin.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        unpin.triggered.connect(self.unpin_selected)
        self.pinned.addAction(unpin)
        lay.addWidget(self.pinned, 1)
        self.editor.connect(self._rebuild)
        state.events.date.connect(self._on_date_change)
        self._rebuild()

    # ------------------------------------------------------------------ reading the editor

    def selected(self) -> int | None:
        """Index of the selected stop, or ``None``."""
        row = self.stops.currentRow()
        return row if 0 <= row < len(self.editor.lesson.stops) else None

    def _rebuild(self) -> None:
        self._rebuilding = True
        try:
            lesson = self.editor.lesson
            keep = self.stops.currentRow()
            with QSignalBlocker(self.title_edit):
                if self.title_edit.text() != lesson.title:
                    self.title_edit.setText(lesson.title)
            with QSignalBlocker(self.stops):
                self.stops.clear()
                for i, s in enumerate(lesson.stops, start=1):
                    item = QListWidgetItem(f"{i}. {format_date(s.date)}\n{s.title}")
                    item.setToolTip(f"{s.title} \u2014 {format_date(s.date)}, {_view_text(s)}")
                    self.stops.addItem(item)
                if lesson.stops:
                    self.stops.setCurrentRow(min(max(keep, 0), len(lesson.stops) - 1))
            self._show_stop(self.selected())
            for key in ("duplicate", "delete", "up", "down", "present"):
                self.edit_actions[key].setEnabled(bool(lesson.stops))
            self.edit_actions["undo"].setEnabled(self.editor.undo_text is not None)
            self.edit_actions["undo"].setToolTip(f"Undo {self.editor.undo_text.lower()} (Ctrl+Z)"
                                            if self.editor.undo_text else "Nothing to undo")
            self.edit_actions["redo"].setEnabled(self.editor.redo_text is not None)
            self.edit_actions["redo"].setToolTip(f"Redo {self.editor.redo_text.lower()} (Ctrl+Shift+Z)"
                                            if self.editor.redo_text else "Nothing to redo")
        finally:
            self._rebuilding = False

    def _show_stop(self, index: int | None) -> None:
        stops = self.editor.lesson.stops
        stop = stops[index] if index is not None else None
        self._shown = index
        for w in (self.stop_title, self.note, self.pinned):
            w.setEnabled(stop is not None)
        with QSignalBlocker(self.stop_title):
            self.stop_title.setText(stop.title if stop else "")
        was = self._rebuilding
        self._rebuilding = True
        if self.note.toPlainText() != (stop.note if stop else ""):
            self.note.setPlainText(stop.note if stop else "")
        self._rebuilding = was
        self.stop_info.setText(f"{format_date(stop.date)} \u00b7 {_view_text(stop)}" if stop else
                               "No stop yet: set the map and press Add stop.")
        self.pinned.clear()
        if stop:
            for c in stop.passages:
                item = QListWidgetItem(f"{c.source}: \u201c{c.quote}\u2026\u201d")
                self.pinned.addItem(item)

    def _on_row_change(self, row: int) -> None:
        if not self._rebuilding:
            self._commit_note()
            self._show_stop(self.selected())

    def _on_date_change(self, date) -> None:
        i = self.editor.stop_for_date(date)
        if i is not None and i != self.stops.currentRow():
            self._commit_note()
            with QSignalBlocker(self.stops):
                self.stops.setCurrentRow(i)
            self._show_stop(i)

    # ------------------------------------------------------------------ edits

    def _commit_title(self) -> None:
        i = self._shown
        text = self.stop_title.text().strip()
        if i is not None and text and text != self.editor.lesson.stops[i].title:
            self.editor.update_stop(i, "Edit stop title", title=text)

    def _commit_note(self) -> None:
        self._note_timer.stop()
        i = self._shown
        if i is None or self._rebuilding or i >= len(self.editor.lesson.stops):
            return
        text = self.note.toPlainText()
        if text != self.editor.lesson.stops[i].note:
            self.editor.update_stop(i, "Edit note", note=text)

    def undo(self) -> None:
        """Undo the last change (a note being typed is kept first, so it is what goes)."""
        self._commit_note()
        self.editor.undo()

    def redo(self) -> None:
        """Redo the last undone change."""
        self._commit_note()
        self.editor.redo()

    def add_current_view(self) -> int:
        """Add what the window shows as a new stop after the selected one; returns its index."""
        self._commit_note()
        sel = self.selected()
        i = self.editor.add_stop(self.capture_stop(), None if sel is None else sel + 1)
        self.stops.setCurrentRow(i)
        self.stop_title.setFocus()
        self.stop_title.selectAll()
        self.statusMessage.emit(f"Stop {i + 1} added: {format_date(self.editor.lesson.stops[i].date)}")
        return i

    def duplicate_selected(self) -> None:
        """Copy the selected stop just after it."""
        i = self.selected()
        if i is not None:
            self._commit_note()
            j = self.editor.duplicate_stop(i)
            self.stops.setCurrentRow(j)

    def delete_selected(self) -> None:
        """Delete the selected stop (Undo brings it back)."""
        i = self.selected()
        if i is not None:
            self._commit_note()
            self.editor.remove_stop(i)
            self.statusMessage.emit("Stop deleted (Ctrl+Z in the panel brings it back)")

    def move_selected(self, by: int) -> None:
        """Move the selected stop *by* places."""
        i = self.selected()
        if i is not None and 0 <= i + by < len(self.editor.lesson.stops):
            self._commit_note()
            self.editor.move_stop(i, i + by)
            self.stops.setCurrentRow(i + by)

    def unpin_selected(self) -> None:
        """Unpin the selected passage of the selected stop."""
        i, j = self.selected(), self.pinned.currentRow()
        if i is not None and j >= 0:
            stop = self.editor.lesson.stops[i]
            self.editor.update_stop(i, "Unpin passage", passages=stop.passages[:j] + stop.passages[j + 1:])

    # ------------------------------------------------------------------ files

    def _may_discard(self) -> bool:
        if not self.editor.modified or not self.editor.lesson.stops:
            return True
        answer = QMessageBox.question(
            self, "Unsaved lesson", f"Save the changes to \u201c{self.editor.lesson.title}\u201d first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_lesson(self) -> None:
        """Start an empty lesson (asking first about unsaved changes)."""
        if self._may_discard():
            self.editor.new()

    def open_dialog(self) -> None:
        """Choose a lesson file and open it."""
        if not self._may_discard():
            return
        start = str(self.editor.path.parent) if self.editor.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open lesson", start, _FILTER)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        """Open *path*; a bad file is reported and the current lesson kept."""
        try:
            self.editor.open(path)
        except LessonError as exc:
            QMessageBox.warning(self, "Cannot open the lesson", str(exc))
            return False
        self.statusMessage.emit(f"Opened the lesson \u201c{self.editor.lesson.title}\u201d "
                                f"({len(self.editor.lesson.stops)} stops)")
        return True

    def save(self, ask: bool = False) -> bool:
        """Save to the lesson's file (choosing one first if it has none, or if *ask*)."""
        path = self.editor.path
        if path is not None and _is_builtin(path):
            path = None  # a built-in lesson is saved as the user's own copy
        if path is None or ask:
            name, _ = QFileDialog.getSaveFileName(self, "Save lesson", "", _FILTER)
            if not name:
                return False
            path = Path(name)
        if self.editor.lesson.title == "Untitled lesson" and path.stem:
            # A new lesson takes its file's name as its title (the teacher can change it above).
            self.editor.set_title(path.stem.replace("-", " ").replace("_", " ").strip().capitalize())
        try:
            written = self.editor.save(path)
        except (LessonError, OSError) as exc:
            QMessageBox.warning(self, "Cannot save the lesson", str(exc))
            return False
        self.statusMessage.emit(f"Lesson saved to {written}")
        return True


class LessonsController(QObject):
    """The window's lessons: the panel in a dock, the Lessons menu, and presenting.

    Parameters
    ----------
    window
        The main window the dock and menu belong to.
    state
        The view state (date and layers of stops).
    chronology
        The fronts, for presenting.
    events
        The chronology's events (Present walks them when no lesson has stops).
    canvas
        The window's map canvas (the view of a stop is read from and applied to it).
    focus_home
        Gives the keyboard back to the timeline after presenting.
    """

    def __init__(self, window: QMainWindow, state: ViewState, chronology: Chronology, events: Sequence[Any],
                 canvas: QtMapCanvas, focus_home: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.chronology = chronology
        self.events = events
        self.canvas = canvas
        self.focus_home = focus_home
        self.editor = LessonEditor()
        self.presenter: QtPresenter | None = None
        self._old_presenter: QtPresenter | None = None
        self.export_worker: ExportWorker | None = None
        self.passage_panel: QtPassagePanel | None = None
        self.chosen_screen_name = ""
        self.event_kinds: tuple[str, ...] = ("battle", "operation", "front")
        self.panel = QtLessonPanel(state, self.editor, self.capture_stop, window)
        self.panel.stopActivated.connect(self.show_stop)
        self.panel.presentRequested.connect(self.present)
        self.panel.statusMessage.connect(lambda m: window.statusBar().showMessage(m, 6000))
        self.dock = QDockWidget("Lesson", window)
        self.dock.setObjectName("lessonDock")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.toggle_panel_action = self.dock.toggleViewAction()
        self.toggle_panel_action.setText("&Lesson panel")
        self.toggle_panel_action.setShortcut(QKeySequence("F8"))
        self.toggle_panel_action.setToolTip("Show or hide the panel where you build a lesson")
        self.add_stop_action = self._action("&Add this view as a stop", self.add_stop, "Ctrl+Shift+A",
                                            "Add the date, view and layers shown now to the lesson")
        self.present_action = self._action("&Present", self.present, "F5",
                                           "Present the lesson full screen (with no lesson: the chronology's "
                                           "battles, operations and fronts)")
        self.open_action = self._action("&Open lesson...", self.open_dialog, None, "Open a lesson file")
        self.save_action = self._action("&Save lesson", lambda: self.panel.save(), None, "Save the lesson")
        self.save_as_action = self._action("Save lesson &as...", lambda: self.panel.save(ask=True), None,
                                           "Save the lesson to another file")
        self.new_action = self._action("&New lesson", self.new_lesson, None, "Start a new lesson")
        self.export_action = self._action("&Export lesson...", self.export_dialog, None,
                                          "Write the lesson as a PDF deck or handout, an MP4 or a GIF")
        self.builtin_actions: list[QAction] = []
        for title, path in builtin_lessons().items():
            act = self._action(title, functools.partial(self._open_builtin, path), None,
                               f"Open the built-in lesson \u201c{title}\u201d")
            self.builtin_actions.append(act)

    def _action(self, text: str, slot: Callable[[], Any], shortcut: str | None, tip: str) -> QAction:
        act = QAction(text, self.window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _=False: slot())
        self.window.addAction(act)
        return act

    def build_menu(self, menu: QMenu) -> None:
        """Fill the window's Lessons menu."""
        menu.addAction(self.toggle_panel_action)
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        builtin = menu.addMenu("Built-in &lessons")
        for act in self.builtin_actions:
            builtin.addAction(act)
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.add_stop_action)
        menu.addAction(self.present_action)
        self.screens_menu = menu.addMenu("Present &on")
        self.screens_menu.setToolTip("Choose the screen (or projector) F5 presents on")
        self.screens_menu.aboutToShow.connect(self._fill_screens_menu)

    def _fill_screens_menu(self) -> None:
        self.screens_menu.clear()
        chosen = self._screen_choice()
        for screen in QGuiApplication.screens():
            geo = screen.geometry()
            act = self.screens_menu.addAction(f"{screen.name() or 'Screen'} ({geo.width()}\u00d7{geo.height()})")
            act.setCheckable(True)
            act.setChecked(screen is chosen)
            act.triggered.connect(lambda _=False, s=screen: self._choose_screen(s))

    def _choose_screen(self, screen: QScreen) -> None:
        self.chosen_screen_name = screen.name()
        self.present(screen)

    def _screen_choice(self) -> QScreen:
        """The screen chosen in Present on, else a second screen when there is one, else the window's."""
        screens = QGuiApplication.screens()
        for s in screens:
            if self.chosen_screen_name and s.name() == self.chosen_screen_name:
                return s
        here = self.window.screen()
        others = [s for s in screens if s is not here]
        return others[0] if others else here

    # ------------------------------------------------------------------ stops and views

    def capture_stop(self) -> Stop:
        """A stop for what the window shows now."""
        from explorer.war.projection import to_lonlat

        mv = self.canvas.mapview
        view: Any = "peninsula"
        x0, x1, y0, y1 = mv.view()
        hx0, hx1, hy0, hy1 = mv.home_bounds()
        tol = 0.02 * max(hx1 - hx0, hy1 - hy0)
        covers = x0 <= hx0 + tol and x1 >= hx1 - tol and y0 <= hy0 + tol and y1 >= hy1 - tol
        fitted = abs((x1 - x0) - (hx1 - hx0)) <= tol or abs((y1 - y0) - (hy1 - hy0)) <= tol
        if not (covers and fitted):  # anything but the whole peninsula fitted to the map
            lons, lats = to_lonlat([x0, x1], [y0, y1])
            view = (round(float(lons[0]), 3), round(float(lats[0]), 3), round(float(lons[1]), 3),
                    round(float(lats[1]), 3))
        d = self.state.date
        todays = [e for e in self.events if e.start == d]
        title = todays[0].title if todays else f"The front on {format_date(d)}"
        layers = tuple(name for name in LAYERS if name in self.state.layers)
        return Stop(d, title, "", view, layers)

    def frame_action(self, date: dt.date) -> tuple[float, float, float, float]:
        """The view that frames what moves on *date* (as View > Frame the action and ``--view action``)."""
        from explorer.render.action import action_extent

        return action_extent(self.chronology, date, self.events)

    def show_stop(self, index: int) -> None:
        """Show stop *index* in the window: its date, layers and view."""
        stop = self.editor.lesson.stops[index]
        if stop.layers is not None:
            self.state.layers = frozenset(stop.layers)
        if isinstance(stop.view, tuple):
            from explorer.war.projection import to_xy

            w, s, e, n = stop.view
            xs, ys = to_xy([w, e], [s, n])
            # Through the state, which keeps the map's view (the canvas follows it).
            self.state.view = (float(xs[0]), float(xs[1]), float(ys[0]), float(ys[1]))
        elif stop.view == "action":
            self.canvas.mapview.set_view(*self.frame_action(stop.date))
            self.canvas.draw_idle()
        else:
            self.canvas.reset_view()
        self.state.date = stop.date

    def add_stop(self) -> None:
        """Lessons > Add this view as a stop (Ctrl+Shift+A): shows the panel too."""
        self.dock.show()
        self.panel.add_current_view()

    def new_lesson(self) -> None:
        """Lessons > New lesson."""
        self.dock.show()
        self.panel.new_lesson()

    def open_dialog(self) -> None:
        """Lessons > Open lesson..."""
        self.dock.show()
        self.panel.open_dialog()
        self.focus_home()

    def _open_builtin(self, path: Path, _checked: bool = False) -> None:
        self.open_file(path)

    def open_file(self, path: Path) -> bool:
        """Open a lesson file into the panel and go to its first stop."""
        self.dock.show()
        if not self.panel._may_discard():
            return False
        if self.panel.open_file(path):
            if self.editor.lesson.stops:
                self.show_stop(0)
            return True
        return False

    # ------------------------------------------------------------------ export and pinning


    def export_dialog(self) -> None:
        """Lessons > Export lesson...: choose a file and a kind, then export with progress and Cancel."""
        lesson = self.editor.lesson
        if not lesson.stops:
            QMessageBox.information(self.window, "Export lesson", "The lesson has no stop yet: add one first.")
            return
        stem = re.sub(r"[^\w\- ]+", "", lesson.title).strip() or "lesson"
        start = str((self.editor.path.parent if self.editor.path else Path.home()) / f"{stem}.pdf")
        name, chosen = QFileDialog.getSaveFileName(self.window, "Export lesson", start, ";;".join(_EXPORT_FILTERS))
        if not name:
            self.focus_home()
            return
        kind = _EXPORT_FILTERS.get(chosen, "deck")
        path = Path(name)
        if path.suffix.lower() != _SUFFIX[kind]:
            path = path.with_name(path.name + _SUFFIX[kind])
        self.export_to(path, kind)

    def export_to(self, path: Path, kind: str) -> ExportWorker:
        """Export the lesson to *path* as *kind* on a worker thread, behind a progress dialog."""
        from explorer.sources.catalogue import Catalogue, CatalogueError

        try:
            catalogue = Catalogue.bundled()
        except CatalogueError:
            catalogue = None
        # Imported at the first lesson export, as before: the window's start does not need it.
        from explorer.render.lesson_export import export_lesson

        worker = ExportWorker(export_lesson, dict(chronology=self.chronology, lesson=self.editor.lesson, path=path,
                                                  kind=kind, catalogue=catalogue, layers=self.state.layers,
                                                  romanization=self.state.romanization,
                                                  frame_action=self.frame_action), self)
        progress = QProgressDialog(f"Exporting \u201c{self.editor.lesson.title}\u201d\u2026", "Cancel", 0, 0,
                                   self.window)
        progress.setWindowTitle("Export lesson")
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(worker.cancel)

        def done(message: str | None, error: bool = False) -> None:
            progress.reset()
            progress.deleteLater()
            if error and message:
                QMessageBox.warning(self.window, "Export lesson", message)
            elif message:
                self.window.statusBar().showMessage(message, 8000)
            self.export_worker = None
            self.focus_home()

        def on_progress(d: int, n: int) -> None:
            progress.setLabelText(f"Exporting \u201c{self.editor.lesson.title}\u201d: {d} of {n}")
            progress.setMaximum(n)
            progress.setValue(d)  # last: a modal dialog's setValue runs the event loop

        worker.progressed.connect(on_progress)
        worker.succeeded.connect(lambda p: done(f"Lesson exported to {p}"))
        worker.failed.connect(lambda m: done(f"The lesson could not be exported: {m}", error=True))
        worker.cancelled.connect(lambda: done("Export cancelled; nothing was written"))
        self.export_worker = worker
        worker.start()
        return worker

    def pin(self, doc_id: str, index: int) -> bool:
        """Pin passage *index* of document *doc_id* to the stop the lesson is at."""
        library = self.passage_panel.library if self.passage_panel is not None else None
        stop = self.panel.selected()
        if stop is None:
            self.window.statusBar().showMessage("Add a stop to the lesson first (Ctrl+Shift+A), then pin passages "
                                                "to it", 6000)
            return False
        passages = library.passages_by_source().get(doc_id, []) if library is not None else []
        if not 0 <= index < len(passages):
            return False
        ok = self.editor.pin_passage(stop, citation_for(passages[index]))
        self.dock.show()
        self.window.statusBar().showMessage(
            f"Passage pinned to stop {stop + 1}" if ok else "That passage is already pinned to this stop", 5000)
        return ok

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """A right click on a passage of the passage panel offers to pin it."""
        if isinstance(event, QContextMenuEvent) and self.passage_panel is not None \
                and obj is self.passage_panel.browser.viewport():
            href = self.passage_panel.browser.anchorAt(event.pos())
            if href.startswith("item:"):
                try:
                    r = self.passage_panel.items[int(href[5:])]
                except (ValueError, IndexError):
                    return False
                menu = QMenu(self.passage_panel)
                act = menu.addAction("Pin to the lesson's current stop")
                act.setEnabled(self.panel.selected() is not None)
                if menu.exec(event.globalPos()) is act:
                    self.pin(r.source, r.passage.index)
                return True
        return False

    def attach_passage_panel(self, panel: QtPassagePanel) -> None:
        """Offer "Pin to the lesson's current stop" on the passages of *panel* (right click)."""
        self.passage_panel = panel
        panel.browser.viewport().installEventFilter(self)

    # ------------------------------------------------------------------ presenting

    def present(self, screen: QScreen | None = None) -> QtPresenter:
        """Present the lesson (or the chronology's events) full screen, from the stop the timeline is at."""
        lesson = self.editor.lesson
        if not lesson.stops:
            lesson = lesson_from_events(self.events, self.event_kinds)
        start = LessonEditor(lesson).stop_for_date(self.state.date) or 0
        if self._old_presenter is not None:
            self._old_presenter.deleteLater()  # closed long ago: nothing of it is pending now
            self._old_presenter = None
        self.presenter = QtPresenter(self.chronology, lesson, self.state.layers, self.state.romanization, start,
                                     frame_action=self.frame_action)
        self.presenter.finished.connect(lambda i, lesson=lesson: self._presented(lesson, i))
        self.presenter.present_on(screen if screen is not None else self._screen_choice())
        return self.presenter

    def _presented(self, lesson: Lesson, index: int) -> None:
        self._old_presenter, self.presenter = self.presenter, None
        self.state.date = lesson.stops[index].date
        self.window.activateWindow()
        self.focus_home()


_EXPORT_FILTERS = {
    "PDF deck, a page per stop (*.pdf)": "deck",
    "PDF handout, two stops a page (*.pdf)": "handout",
    "MP4 video through the stops (*.mp4)": "mp4",
    "GIF animation through the stops (*.gif)": "gif",
}
_SUFFIX = {"deck": ".pdf", "handout": ".pdf", "mp4": ".mp4", "gif": ".gif"}
