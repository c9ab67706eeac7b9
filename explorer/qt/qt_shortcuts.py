"""Help > Keyboard shortcuts (F1): every key of the window in one table, made from the actions themselves.

The rows come from

- the window's actions (menus) and the actions of every widget inside it
  (the timeline's keys are actions of the timeline), read when F1 is
  pressed, so a key added to an action is listed and a key removed is gone;
- the ``KEYS`` table (:class:`~explorer.qt.qt_keys.KeyTable`) of each class
  that reads keys itself (the search box and its results, the document
  viewer, the Events panel and its list, the lesson presenter, the window's
  focus keeper: Tab, arrows in the passages and on the map); the same table
  dispatches those keys, so what F1 lists is what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from explorer.qt.qt_keys import KeyTable, dedicated_key

#: Mouse gestures (not keys, so no action holds them), listed after the keys.
MOUSE = (
    ("Wheel on the timeline", "Timeline", "Zoom around the cursor (Shift+wheel: move sideways)"),
    ("Drag the ticks under the timeline", "Timeline", "Move the timeline"),
    ("Double-click a phase", "Timeline", "Fit the timeline to the phase"),
    ("Click a phase's tag over the bands", "Timeline", "Go to the phase's first day (double-click: fit to it)"),
    ("Shift+drag on the timeline", "Timeline", "Choose a range to play"),
    ("Click a numbered mark", "Timeline", "Zoom in until its events split"),
    ("Wheel / drag on the map", "Map", "Zoom around the cursor / pan"),
)


def _keys_text(action) -> str:
    # Every key of an action (Zoom in is Ctrl++ and Ctrl+=), not only its first; dedicated
    # keys of special keyboards ("Zoom In", "Close") are left out.
    return " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                       for k in action.shortcuts() if not dedicated_key(k))


def _area(widget: QWidget | None, window: QWidget | None) -> str:
    if widget is None or widget is window:
        return "Window"
    name = widget.accessibleName() or widget.objectName() or type(widget).__name__
    return name


def shortcut_rows(actions, window: QWidget | None = None) -> list[tuple[str, str, str]]:
    """(keys, where, what) for every action with a shortcut, and every ``KEYS`` table.

    Parameters
    ----------
    actions
        The window's own actions.
    window
        The window whose widgets' actions and ``KEYS`` tables are listed too.
    """
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(act, where: str) -> None:
        if id(act) in seen or act.shortcut().isEmpty():
            return
        seen.add(id(act))
        keys = _keys_text(act)
        if keys:
            rows.append((keys, where, act.text().replace("&", "")))

    for act in actions:
        add(act, "Window")
    tables: list[KeyTable] = []
    if window is not None:
        for widget in window.findChildren(QWidget):
            # A widget may shadow actions() with an attribute; key_actions are keys a widget reads itself.
            for act in [*QWidget.actions(widget), *getattr(widget, "key_actions", [])]:
                add(act, _area(widget, window))
        # The key tables of every object of the window that reads keys itself (widgets, the focus keeper).
        classes = {type(o) for o in window.findChildren(QObject)}
        # Made when first opened: the document viewer and the lesson presenter.
        from explorer.qt.qt_document_viewer import QtDocumentViewer
        from explorer.qt.qt_presenter import QtPresenter

        classes |= {QtDocumentViewer, QtPresenter}
        for cls in sorted(classes, key=lambda c: c.__name__):
            keys = cls.__dict__.get("KEYS")
            if isinstance(keys, KeyTable):
                tables.append(keys)
    for table in tables:
        rows += table.listed()
    rows += [(k, where, what) for k, where, what in MOUSE]
    return rows


class QtShortcutsDialog(QDialog):
    """Lists every shortcut: the window's actions, its widgets' actions and keys, and mouse gestures."""

    def __init__(self, actions, parent: QWidget | None = None, window: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        if window is None and parent is not None:
            window = parent.window()
        rows = shortcut_rows(actions, window)
        self.rows = rows
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels(["Keys", "Where", "Does"])
        table.setAccessibleName("Keyboard shortcuts")
        for i, (keys, where, what) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(where))
            table.setItem(i, 2, QTableWidgetItem(what))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = table
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        # Wide enough for all columns: the keys were cut off behind a horizontal scroll bar.
        columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        margins = lay.contentsMargins()
        self.resize(min(max(560, columns + frame + margins.left() + margins.right() + 8), 1100), 600)
