"""Go > Go to date or event... (Ctrl+G), and the date field every typed date uses.

Both read text with :func:`explorer.state.lookup.resolve`: an ISO date, a
written date ("15 Sept 1950", "October 1950", "Sep 15"), an event's id, or an
event or place name ("Inchon", "Chosin", "armistice"), and say what they
understood under the field.  Event titles, ids and places complete as one
types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.war.chronology import format_date
from explorer.war.events import Event
from explorer.sources.datetext import DateMention
from explorer.state.lookup import DateLookupError, Resolved, resolve


def read_date(text: str, default_year: int | None = None,
              events: Sequence[Event] = ()) -> tuple[dt.date | None, DateMention | None]:
    """The first day meant by *text*, and the date expression it was read from.

    The expression is ``None`` for an ISO date, for an event, and when nothing
    was understood.
    """
    try:
        found = resolve(text, events, default_year=default_year)
    except DateLookupError:
        return None, None
    return found.date, found.mention


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first day meant by *text*: "1950-09-15", "15 Sept 1950", "October 1950", "Sep 15"..."""
    return read_date(text, default_year)[0]


def completions(events: Sequence[Event]) -> list[str]:
    """What the fields complete: every event's title and id, and every place named by an event."""
    out: list[str] = []
    seen: set[str] = set()
    for e in sorted(events, key=lambda e: e.start):
        for text in (e.title, e.id, e.place.name if e.place else ""):
            if text and text.lower() not in seen:
                seen.add(text.lower())
                out.append(text)
    return out


class QtDateField(QWidget):
    """A line edit for a date or an event, with a line under it saying what it understood.

    Parameters
    ----------
    date
        The day shown at first (``None`` for an empty field).
    minimum, maximum
        The days accepted.
    events
        The chronology, for event names and their completion.
    label
        Accessible name of the line edit.
    """

    #: The day understood changed (a date, or None when the text is not usable).
    dateChanged = Signal(object)

    def __init__(self, date: dt.date | None, minimum: dt.date, maximum: dt.date,
                 events: Sequence[Event] = (), parent: QWidget | None = None, label: str = "Date") -> None:
        super().__init__(parent)
        self.minimum, self.maximum = minimum, maximum
        self.events = list(events)
        self.default_year = (date or minimum).year
        self.date: dt.date | None = None
        self.resolved: Resolved | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = QLineEdit(format_date(date) if date else "", self)
        self.edit.setAccessibleName(label)
        if self.events:
            completer = QCompleter(QStringListModel(completions(self.events), self), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setMaxVisibleItems(12)
            self.edit.setCompleter(completer)
        self.edit.textChanged.connect(self._on_text_change)
        lay.addWidget(self.edit)
        self.hint = QLabel("", self)
        self.hint.setObjectName("dateHint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self._on_text_change(self.edit.text())

    def set_date(self, d: dt.date) -> None:
        """Show day ``d``."""
        self.edit.setText(format_date(d))

    @property
    def ok(self) -> bool:
        """True when the text is a day inside the range."""
        return self.date is not None

    def _on_text_change(self, text: str) -> None:
        try:
            found = resolve(text, self.events, default_year=self.default_year)
        except DateLookupError:
            found = None
        self.resolved = found
        if found is None:
            self.hint.setText("Not a date or an event I can read (try 15 September 1950, Oct 1950, Inchon)."
                              if text.strip() else "")
            d = None
        elif not self.minimum <= found.date <= self.maximum:
            self.hint.setText(f"{format_date(found.date)} is outside the timeline "
                              f"({format_date(self.minimum)} to {format_date(self.maximum)}).")
            d = None
        else:
            self.hint.setText(f"\u2192 {found.describe()}")
            d = found.date
        if d != self.date:
            self.date = d
            self.dateChanged.emit(d)


class QtGotoDialog(QDialog):
    """Asks for a date or an event; :attr:`date` (and :attr:`event`) hold it after ``exec()`` returns Accepted."""

    def __init__(self, current: dt.date, minimum: dt.date, maximum: dt.date, parent: QWidget | None = None,
                 events: Sequence[Event] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date or event")
        self.current = current
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("A date (15 September 1950, Oct 1950, 1951-03-14) or an event or place "
                             "(Inchon, Chosin, armistice):", self))
        self.field = QtDateField(current, minimum, maximum, events, self, "Date or event to go to")
        self.edit = self.field.edit
        self.hint = self.field.hint
        self.edit.selectAll()
        lay.addWidget(self.field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.field.dateChanged.connect(self._on_date)
        self._on_date(self.field.date)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    @property
    def date(self) -> dt.date | None:
        """The day understood (None when the text is not a usable day)."""
        return self.field.date

    @property
    def chosen_event(self) -> Event | None:
        """The event the text named, if it named one."""
        r = self.field.resolved
        return r.event if r is not None and self.field.ok else None

    def _on_date(self, d) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(d is not None)
