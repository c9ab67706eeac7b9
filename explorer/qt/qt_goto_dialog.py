"""Go > Go to date... (Ctrl+G): type a date in any common form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.model.chronology import format_date
from explorer.model.datetext import extract_dates


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first day meant by *text*: "1950-09-15", "15 Sept 1950", "October 1950", "Sep 15"..."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    found = extract_dates(text, default_year)
    return found[0].start if found else None


class QtGotoDialog(QDialog):
    """Asks for a date; :attr:`date` holds it after ``exec()`` returns Accepted."""

    def __init__(self, current: dt.date, minimum: dt.date, maximum: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date")
        self.minimum, self.maximum = minimum, maximum
        self.current = current
        self.date: dt.date | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Date (for example 15 September 1950, Oct 1950, 1951-03-14):", self))
        self.edit = QLineEdit(format_date(current), self)
        self.edit.setAccessibleName("Date to go to")
        self.edit.selectAll()
        self.edit.textChanged.connect(self._on_text_change)
        lay.addWidget(self.edit)
        self.hint = QLabel("", self)
        lay.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._on_text_change(self.edit.text())

    def _on_text_change(self, text: str) -> None:
        d = parse_date(text, self.current.year)
        ok = d is not None and self.minimum <= d <= self.maximum
        if d is None:
            self.hint.setText("Not a date I can read.")
        elif not ok:
            self.hint.setText(f"{format_date(d)} is outside the timeline "
                              f"({format_date(self.minimum)} to {format_date(self.maximum)}).")
        else:
            self.hint.setText(f"\u2192 {format_date(d)}")
        self.date = d if ok else None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
