"""File > Export snapshot... and Export animation...: the menu actions.

Kept apart from :mod:`explorer.qt.qt_export_dialog` so that building the
window does not import the export machinery; the dialogs' module is imported
when one of them is first opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence


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
