"""Go > Go to date... (Ctrl+G): type a date in any common form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.war.chronology import format_date
from explorer.sources.datetext import DateMention, extract_dates


def read_date(text: str, default_year: int | None = None) -> tuple[dt.date | None, DateMention | None]:
    """The first day meant by *text*, and the date expression it was read from.

    The expression is ``None`` for an ISO date (all of the text was read) and
    when nothing was understood.
    """
    text = text.strip()
    if not text:
        return None, None
    try:
        return dt.date.fromisoformat(text), None
    except ValueError:
        pass
    found = extract_dates(text, default_year)
    return (found[0].start, found[0]) if found else (None, None)


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first day meant by *text*: "1950-09-15", "15 Sept 1950", "October 1950", "Sep 15"..."""
    return read_date(text, default_year)[0]


#: Little words that carry no date ("the summer of 1951" is all read when "summer of 1951" is).
_FILLER = frozenset({"the", "of", "in", "on", "at", "a", "an", "around", "about"})


def _words(text: str) -> set[str]:
    return set("".join(c if c.isalnum() else " " for c in text.lower()).split()) - _FILLER


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
        d, mention = read_date(text, self.current.year)
        ok = d is not None and self.minimum <= d <= self.maximum
        if d is None:
            self.hint.setText("Not a date I can read.")
        elif not ok:
            self.hint.setText(f"{format_date(d)} is outside the timeline "
                              f"({format_date(self.minimum)} to {format_date(self.maximum)}).")
        else:
            note = ""
            if mention is not None:
                # Say what was read when it was not all of the text ("Christmas 1950" is read as "1950")
                # or when it is wider than a day (the first day of it is shown).
                partial = not _words(text) <= _words(mention.text)
                if partial:
                    note = f" (read only \u201c{mention.text.strip()}\u201d"
                    note += ": its first day)" if mention.start != mention.end else ")"
                elif mention.start != mention.end:
                    note = f" (the first day of {mention.text.strip()})"
            self.hint.setText(f"\u2192 {format_date(d)}{note}")
        self.date = d if ok else None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
