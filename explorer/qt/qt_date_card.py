"""The card over the map's top-left corner: the date, the phase, and what the front is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from explorer.model.chronology import WarState, format_date


class QtDateCard(QFrame):
    """Shows a :class:`WarState`'s date large, its phase, and its front status.

    It floats over the map canvas, so the map never has to redraw text when
    the date changes.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dateCard")
        self.setAccessibleName("Date shown on the map")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "#dateCard { background: rgba(255, 255, 255, 205); border-radius: 6px; }"
            "#dateCard QLabel { color: #141414; background: transparent; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 12, 7)
        lay.setSpacing(1)
        self.date_label = QLabel(self)
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.9)
        f.setBold(True)
        self.date_label.setFont(f)
        self.phase_label = QLabel(self)
        f2 = QFont(self.font())
        f2.setPointSizeF(f2.pointSizeF() * 1.1)
        self.phase_label.setFont(f2)
        self.note_label = QLabel(self)
        f3 = QFont(self.font())
        f3.setItalic(True)
        self.note_label.setFont(f3)
        for w in (self.date_label, self.phase_label, self.note_label):
            lay.addWidget(w)
        self.move(10, 10)

    def show_state(self, state: WarState, status_line: str) -> None:
        """Display *state* with the given front-status line."""
        self.date_label.setText(format_date(state.date))
        self.phase_label.setText(state.phase.title if state.phase else "")
        self.note_label.setText(status_line)
        self.note_label.setVisible(bool(status_line))
        self.adjustSize()
