"""File > Export snapshot... and Export animation...: the menu actions.

Kept apart from :mod:`explorer.qt.qt_export_dialog` so that building the
window does not import the export machinery; the dialogs' module is imported
when one of them is first opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from explorer.state.viewstate import ViewState
from explorer.war.chronology import Chronology

#: Text widgets that may claim a window shortcut as an editing key (on X11 a line
#: edit takes Ctrl+E as "end of line", so File > Export snapshot never fired there).
_TEXT_WIDGETS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


class KeepShortcuts(QObject):
    """Lets chosen window shortcuts through when a text widget of the window has the focus.

    Qt first offers a shortcut to the focused widget (a ``ShortcutOverride``
    event); a text widget accepts the keys it edits with, and the platform's
    key bindings decide which those are. This filter, installed on the text
    widget that has the focus (and removed when it loses it), declines the
    override for ``actions``' shortcuts, so they work wherever the focus is.
    Nothing runs for widgets that are not text widgets.

    Parameters
    ----------
    window : QWidget
        Only text widgets inside this window are filtered.
    actions : sequence of QAction
        The actions whose shortcuts must always reach the window.
    """

    def __init__(self, window: QWidget, actions) -> None:
        super().__init__(window)
        self.window_ = window
        self.actions = list(actions)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_change)
            focused = QApplication.focusWidget()
            if focused is not None:
                self._on_focus_change(None, focused)

    def _on_focus_change(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and isinstance(old, _TEXT_WIDGETS):
            old.removeEventFilter(self)
        if new is not None and isinstance(new, _TEXT_WIDGETS) and new.window() is self.window_:
            new.installEventFilter(self)

    def keeps(self, event: QKeyEvent) -> bool:
        """True when ``event``'s keys are the shortcut of one of the actions."""
        pressed = QKeySequence(event.keyCombination())
        return any(a.isEnabled() and any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch
                                         for k in a.shortcuts())
                   for a in self.actions)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self.keeps(event):
            event.ignore()
            return True
        return False


def _dialogs():
    # Imported when a dialog is first opened: building the window does not load the export machinery.
    from explorer.qt import qt_export_dialog

    return qt_export_dialog


class ExportActions(QObject):
    """File > Export snapshot... (Ctrl+E) and File > Export animation...: the actions and their dialogs.

    Parameters
    ----------
    state : ViewState
        What is exported (date, map view, layers, names) and the export options.
    chronology : Chronology
        The fronts, geodata and events drawn.
    window : QWidget
        The window the actions and dialogs belong to.
    file_menu : QMenu
        The actions are added to it, before *before* (the Quit action) when given.
    before : QAction or None

    Attributes
    ----------
    snapshot_action, animation_action : QAction
    dialog : QDialog or None
        The export dialog opened last (it deletes itself when closed).

    Signals
    -------
    exported(path)
        A file was written.
    """

    exported = Signal(str)

    def __init__(self, state: ViewState, chronology: Chronology, window: QWidget, file_menu: QMenu,
                 before: QAction | None = None) -> None:
        super().__init__(window)
        self.state = state
        self.chronology = chronology
        self.window_ = window
        self.dialog: QDialog | None = None
        self._figures: Any = None
        snap = QAction("Export &snapshot\u2026", window)
        snap.setObjectName("exportSnapshotAction")
        snap.setShortcut(QKeySequence("Ctrl+E"))
        snap.setStatusTip("Save the map of this date as a PNG, SVG or PDF, with title, key and scale bar")
        snap.triggered.connect(lambda: self.open_snapshot_dialog())
        anim = QAction("Export &animation\u2026", window)
        anim.setObjectName("exportAnimationAction")
        anim.setShortcut(QKeySequence("Ctrl+Shift+E"))
        anim.setStatusTip("Save the map over a range of dates as a GIF or MP4")
        anim.triggered.connect(lambda: self.open_animation_dialog())
        window.addAction(snap)
        window.addAction(anim)
        if before is not None:
            file_menu.insertAction(before, snap)
            file_menu.insertAction(before, anim)
            file_menu.insertSeparator(before)
        else:
            file_menu.addAction(snap)
            file_menu.addAction(anim)
        self.snapshot_action = snap
        self.animation_action = anim
        self.shortcut_keeper = KeepShortcuts(window, (snap, anim))

    def _show(self, dlg: Any) -> None:
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.exported.connect(self.exported)
        dlg.destroyed.connect(lambda *_: self._forget(dlg))
        self.dialog = dlg
        dlg.open()

    def _forget(self, dlg: QDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None

    def open_snapshot_dialog(self) -> QDialog:
        """Show the snapshot dialog for the state's date (non-blocking)."""
        d = _dialogs()
        if self._figures is None:
            self._figures = d.FigureCache()
        dlg = d.QtExportSnapshotDialog(self.state, self.chronology, self.window_, cache=self._figures)
        self._show(dlg)
        return dlg

    def open_animation_dialog(self) -> QDialog:
        """Show the animation dialog (non-blocking)."""
        dlg = _dialogs().QtExportAnimationDialog(self.state, self.chronology, self.window_)
        self._show(dlg)
        return dlg
