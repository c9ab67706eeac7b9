"""Help > Keyboard shortcuts: every shortcut of the window in one table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

#: Keys the timeline handles itself (they are not menu actions).
TIMELINE_KEYS = (
    ("Left / Right", "Previous / next day (timeline focused)"),
    ("Shift+Left / Shift+Right", "A week back / forward"),
    ("Page Down / Page Up", "A month back / forward"),
    ("Home / End", "First / last day of the war"),
    ("Shift+Home / Shift+End", "Ends of the timeline (1945, 1999)"),
    ("Ctrl+wheel on the timeline", "Widen or narrow the stretch of years under the cursor"),
    ("Wheel / drag on the map", "Zoom around the cursor / pan"),
)


def _dedicated_key(keys: QKeySequence) -> bool:
    """True for a lone multimedia or office key (Zoom In, Close...) that few keyboards have."""
    if keys.count() != 1:
        return False
    combo = keys[0]  # type: ignore[index]  # PySide6 stubs lack QKeySequence.__getitem__
    return combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier and int(combo.key()) >= int(Qt.Key.Key_Back)


class QtShortcutsDialog(QDialog):
    """Lists the menu actions that have shortcuts and the timeline's own keys."""

    def __init__(self, actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        # Every key of an action (Zoom in is Ctrl++ and Ctrl+=), not only its first; dedicated
        # keys of special keyboards ("Zoom In", "Close") are left out.
        rows = [(" or ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in a.shortcuts() if not _dedicated_key(k)),
                 a.text().replace("&", ""))
                for a in actions if not a.shortcut().isEmpty()]
        rows += list(TIMELINE_KEYS)
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Keys", "Does"])
        table.setAccessibleName("Keyboard shortcuts")
        for i, (keys, what) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(what))
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
        # Wide enough for both columns: the keys were cut off behind a horizontal scroll bar.
        columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        margins = lay.contentsMargins()
        self.resize(max(520, columns + frame + margins.left() + margins.right() + 8), 520)
