"""Finding words across all the open sources.

:class:`QtSearchBox` is a line edit with a list of results under it.  Typing
searches (after a short pause) with :meth:`SourceLibrary.search
<explorer.sources.library.SourceLibrary.search>`; each result shows its source,
the date the passage speaks of and a snippet around the first word found.
Choosing a result (click or Enter) moves the timeline to the passage's date;
double-clicking it (or Shift+Enter) also opens the document at that passage.
Escape clears the box and gives the keyboard back to where it was before the
search (the timeline, usually), so the arrow keys move the date again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from explorer.state.viewstate import ViewState
from explorer.qt.qt_keys import Key, KeyTable
from explorer.qt.qt_passage_panel import format_interval, precision_rank

if TYPE_CHECKING:
    from explorer.sources.datetext import DateMention
    from explorer.sources.library import SourceLibrary
    from explorer.sources.passages import Passage

__all__ = ["MAX_RESULTS", "QtSearchBox", "passage_date", "snippet"]

#: At most this many results are listed.
MAX_RESULTS = 200
_HIDDEN = ("reference", "metadata")


def passage_date(p: Passage) -> DateMention | None:
    """The date a passage is placed at: its most precise mention, the first among equals."""
    if p.kind in _HIDDEN or not p.dates:
        return None
    return min(p.dates, key=lambda m: (precision_rank(m.precision), m.begin))


def snippet(text: str, words: Sequence[str], width: int = 110) -> str:
    """About ``width`` characters of ``text`` around the first of ``words`` found (case-insensitive)."""
    flat = " ".join(text.split())
    low = flat.lower()
    at = min((i for i in (low.find(w.lower()) for w in words if w) if i >= 0), default=0)
    a = max(0, at - width // 3)
    if a > 0:
        sp = flat.find(" ", a, at)
        a = sp + 1 if sp != -1 else a
    b = min(len(flat), a + width)
    if b < len(flat):
        sp = flat.rfind(" ", at, b)
        b = sp if sp > at else b
    return ("\u2026" if a > 0 else "") + flat[a:b] + ("\u2026" if b < len(flat) else "")


#: Enter with Shift or Ctrl: "open the document" (as a double-click does).
_OPEN_KEYS = ("Shift+Return", "Ctrl+Return", "Shift+Enter", "Ctrl+Enter")


class _ResultList(QListWidget):
    """The result list; Escape hands the focus back to the line edit, Shift+Enter opens."""

    escaped = Signal()
    openRequested = Signal()

    def _escape(self, _event: QKeyEvent) -> None:
        self.escaped.emit()

    def _open(self, _event: QKeyEvent) -> None:
        self.openRequested.emit()

    #: Keys the result list reads itself: handled and listed by F1 from this one table.
    KEYS = KeyTable(
        "Search results",
        Key(("Esc",), "Back to the search field", _escape),
        Key(_OPEN_KEYS, "Open the result's document", _open, "Shift+Enter or Ctrl+Enter"),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.KEYS.dispatch(self, event):
            super().keyPressEvent(event)


class QtSearchBox(QWidget):
    """A search box over the open sources with its list of results.

    Parameters
    ----------
    state : ViewState
        Choosing a result sets its ``date``.
    parent : QWidget or None

    Signals
    -------
    openPassage(doc_id, index)
        A result was double-clicked: open the document at that passage.

    Attributes
    ----------
    results : list of Passage
        The passages found for the current query.
    """

    openPassage = Signal(str, int)

    def _enter(self, _event: QKeyEvent) -> None:
        self._on_return()

    def _open_first(self, _event: QKeyEvent) -> bool:
        if self._timer.isActive():
            self.search_now()
        return self.open_result(max(0, self.list.currentRow()))

    def _into_results(self, _event: QKeyEvent) -> bool:
        if not self.list.count():
            return False
        self.list.setFocus()
        self.list.setCurrentRow(0)
        return True

    def _escape(self, _event: QKeyEvent) -> None:
        self.edit.clear()
        self.leave()

    #: Keys the search box reads itself (those its line edit passes on): handled and
    #: listed by F1 from this one table.
    KEYS = KeyTable(
        "Search",
        Key(("Return", "Enter"), "Go to the date of the first result", _enter, "Enter"),
        Key(("Down",), "Into the results (Up/Down move, Enter goes to the date)", _into_results),
        Key(_OPEN_KEYS, "Open the result's document", _open_first, "Shift+Enter or Ctrl+Enter"),
        Key(("Esc",), "Clear the search and give the keyboard back to the timeline", _escape),
    )

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceSearch")
        self.state = state
        self.library: SourceLibrary | None = None
        self.results: list[Passage] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 4, 0)
        lay.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("sourceSearchEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find in sources")
        lay.addWidget(self.edit)
        self.count = QLabel(self)
        self.count.setObjectName("sourceSearchCount")
        lay.addWidget(self.count)
        self.list = _ResultList(self)
        self.list.setObjectName("sourceSearchResults")
        self.list.setAccessibleName("Passages found")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)  # where one result ends and the next begins
        self.list.setSpacing(1)
        self.list.setMaximumHeight(220)
        lay.addWidget(self.list)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(180)
        self._timer.timeout.connect(self.search_now)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.list.itemActivated.connect(self._on_activated)
        self.list.itemClicked.connect(self._on_activated)
        self.list.itemDoubleClicked.connect(self._on_double)
        self.list.escaped.connect(self.edit.setFocus)
        self.list.openRequested.connect(lambda: self.open_result(self.list.currentRow()))
        self._return_focus: QWidget | None = None
        #: Where Escape gives the keyboard (the timeline, set by the window); where it came from when None.
        self.home: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_change)
        self.set_library(None)

    def _on_focus_change(self, old: QWidget | None, new: QWidget | None) -> None:
        # Remember where the keyboard was when it came into the search box, to give it back on Escape.
        if new is not None and self.isAncestorOf(new) and old is not None and not self.isAncestorOf(old) \
                and old.window() is self.window():
            self._return_focus = old

    def leave(self) -> None:
        """Give the keyboard back to :attr:`home` (or where it was before the search); nothing else changes."""
        target = self.home if self.home is not None else self._return_focus
        try:
            usable = target is not None and target.isVisible() and target.isEnabled()
        except RuntimeError:  # the widget has been deleted since
            usable = False
        if usable and target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.edit.clearFocus()

    def set_library(self, library: SourceLibrary | None) -> None:
        """Search ``library`` from now on (``None``: nothing to search)."""
        self.library = library
        self.edit.setEnabled(library is not None)
        self.edit.setPlaceholderText("Find in sources (Ctrl+F)" if library is not None
                                     else "Open sources to search them (Ctrl+O)")
        self.search_now()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The line edit passes on the keys it does not use (Enter too, after its returnPressed).
        if not self.KEYS.dispatch(self, event):
            super().keyPressEvent(event)

    def search_now(self) -> None:
        """Search for the words typed, at once."""
        self._timer.stop()
        words = self.edit.text().split()
        self.list.clear()
        self.results = []
        if self.library is None or not words:
            self.list.hide()
            self.count.hide()
            return
        found = self.library.search(words)
        self.results = found[:MAX_RESULTS]
        for p in self.results:
            m = passage_date(p)
            when = format_interval(m.start, m.end) if m else "no date"
            title = self.library.title(p.doc_id)
            item = QListWidgetItem(f"{title} \u00b7 {when}\n{snippet(p.text, words)}")
            item.setToolTip(f"{title}, passage {p.index + 1}\nClick or Enter: go to its date. "
                            "Double-click or Shift+Enter: open it.")
            self.list.addItem(item)
        n = len(found)
        more = f" (the first {MAX_RESULTS} listed)" if n > MAX_RESULTS else ""
        self.count.setText(f"{n} passage{'s' if n != 1 else ''} found{more}" if n else "Nothing found")
        self.count.show()
        self.list.setVisible(bool(self.results))

    def _on_return(self) -> None:
        if self._timer.isActive():
            self.search_now()
        if self.results:
            self.choose(0)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.choose(self.list.row(item))

    def _on_double(self, item: QListWidgetItem) -> None:
        self.open_result(self.list.row(item))

    def open_result(self, row: int) -> bool:
        """Move to result ``row``'s date and open its document at the passage; False if there is no such row."""
        if not 0 <= row < len(self.results):
            return False
        self.choose(row)
        p = self.results[row]
        self.openPassage.emit(p.doc_id, p.index)
        return True

    def choose(self, row: int) -> dt.date | None:
        """Move the timeline to the date of result ``row``; returns that date (``None``: no date)."""
        if not 0 <= row < len(self.results):
            return None
        if self.list.currentRow() != row:
            self.list.setCurrentRow(row)
        m = passage_date(self.results[row])
        if m is None:
            self.count.setText("That passage has no date; double-click it to read it.")
            return None
        self.state.date = m.start
        return m.start
