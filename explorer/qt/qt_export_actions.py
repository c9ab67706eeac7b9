"""File > Export snapshot... and Export animation...: the menu actions.

Kept apart from :mod:`explorer.qt.qt_export_dialog` so that building the
window does not import the export machinery; the dialogs' module is imported
when one of them is first opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

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
        if app is not None:
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
        if event.type() == QEvent.Type.ShortcutOverride and self.keeps(event):
            event.ignore()
            return True
        return False


def _dialogs():
    from explorer.qt import qt_export_dialog

    return qt_export_dialog


def install_export_actions(window: Any) -> None:
    """Add File > Export snapshot... (Ctrl+E) and File > Export animation... to *window*.

    The actions go before the File menu's Quit action (or at its end), and are
    kept as ``window.export_snapshot_action`` and ``window.export_animation_action``.
    """
    file_menu = None
    for act in window.menuBar().actions():
        menu = act.menu()
        if menu is not None and act.text().replace("&", "").strip().lower() == "file":
            file_menu = menu
            break
    if file_menu is None:
        file_menu = window.menuBar().addMenu("&File")
    quit_keys = [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) if not k.isEmpty()]
    quit_action = None
    for act in file_menu.actions():
        if act.text().replace("&", "").strip().lower() == "quit" or \
                (not act.shortcut().isEmpty() and act.shortcut() in quit_keys):
            quit_action = act
            break

    snap = QAction("Export &snapshot\u2026", window)
    snap.setObjectName("exportSnapshotAction")
    snap.setShortcut(QKeySequence("Ctrl+E"))
    snap.setStatusTip("Save the map of this date as a PNG, SVG or PDF, with title, key and scale bar")
    snap.triggered.connect(lambda: _dialogs().open_snapshot_dialog(window))
    anim = QAction("Export &animation\u2026", window)
    anim.setObjectName("exportAnimationAction")
    anim.setShortcut(QKeySequence("Ctrl+Shift+E"))
    anim.setStatusTip("Save the map over a range of dates as a GIF or MP4")
    anim.triggered.connect(lambda: _dialogs().open_animation_dialog(window))
    window.addAction(snap)
    window.addAction(anim)
    if quit_action is not None:
        file_menu.insertAction(quit_action, snap)
        file_menu.insertAction(quit_action, anim)
        file_menu.insertSeparator(quit_action)
    else:
        file_menu.addAction(snap)
        file_menu.addAction(anim)
    window.export_snapshot_action = snap
    window.export_animation_action = anim
    window.export_shortcut_keeper = KeepShortcuts(window, (snap, anim))
