"""The Events panel: the chronology as a list, filtered by kind and by words.

Typing in the search field keeps the events whose title, id, place or
summary contain every word typed (as word beginnings: "Inch" finds Inchon);
the kind boxes keep the kinds ticked.  The kinds ticked here are the kinds
the timeline marks, Next/Previous event (Ctrl+Right, Ctrl+Left) step through
and playback pauses at (:attr:`QtEventsPanel.kindsChanged`).

Up and Down move through the list and go to each event's day; Enter in the
search field goes to the first event listed.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPixmap, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.war.chronology import format_date
from explorer.war.events import Event, kinds_present, kinds_ticked
from explorer.state.lookup import search_events
from explorer.qt.qt_keys import Key, KeyTable
from explorer.state.viewstate import ViewState

#: The kinds of event, as the panel names them.
KIND_TITLES = {
    "battle": "Battles", "operation": "Operations", "front": "Front changes",
    "diplomatic": "Diplomatic", "political": "Political", "historiography": "Historiography",
}
#: Colours of the kinds (as on the timeline's marks).
KIND_COLOURS = {
    "battle": "#b3261e", "operation": "#1f5fa8", "front": "#6b4f1d",
    "political": "#3d3d3d", "diplomatic": "#2e7d32", "historiography": "#7b5ea7",
}


def _dot(colour: str) -> QIcon:
    pm = QPixmap(10, 10)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(1, 1, 8, 8)
    p.end()
    return QIcon(pm)


class _EventList(QListWidget):
    """The list; Up and Down go from event to event (and to each one's day), Escape hands the keyboard on."""

    escaped = Signal()

    def _step(self, event: QKeyEvent) -> bool:
        if not self.count():
            return False
        row = self.currentRow()
        down = event.key() == Qt.Key.Key_Down
        self.setCurrentRow(0 if row < 0 else max(0, min(self.count() - 1, row + (1 if down else -1))))
        return True

    def _escape(self, _event: QKeyEvent) -> None:
        self.escaped.emit()

    #: Keys the list reads itself: handled and listed by F1 from this one table.
    KEYS = KeyTable(
        "Events list",
        Key(("Up", "Down"), "Previous / next event (goes to its day)", _step, "Up / Down"),
        Key(("Esc",), "Back to the timeline", _escape),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.KEYS.dispatch(self, event):
            super().keyPressEvent(event)


class QtEventsPanel(QWidget):
    """A filterable list of the chronology's events, bound to the view state's date.

    Parameters
    ----------
    state
        Choosing an event sets its ``date``; the list marks the events of the date shown.
    events
        The chronology.
    kinds
        The kinds ticked at first (all when ``None``).
    """

    #: The kinds ticked changed (a frozenset of kind names).
    kindsChanged = Signal(object)
    #: Escape in the panel: the keyboard should go back to the timeline.
    escaped = Signal()

    def _enter(self, _event: QKeyEvent) -> None:
        self._go_first()

    def _into_list(self, _event: QKeyEvent) -> bool:
        if not self.list.count():
            return False
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _escape(self, _event: QKeyEvent) -> None:
        self.escaped.emit()

    #: Keys the panel reads itself (those its search field passes on): handled and
    #: listed by F1 from this one table.
    KEYS = KeyTable(
        "Events list search",
        Key(("Return", "Enter"), "Go to the first event listed", _enter, "Enter"),
        Key(("Down",), "Into the list", _into_list),
        Key(("Esc",), "Back to the timeline", _escape),
    )

    def __init__(self, state: ViewState, events: Sequence[Event], kinds=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsPanel")
        self.state = state
        self.all_events = sorted(events, key=lambda e: (e.start, e.end, e.id))
        self._syncing = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find an event: Inchon, Chosin, armistice\u2026")
        self.search.setAccessibleName("Find an event by name")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        lay.addWidget(self.search)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        self.kind_boxes: dict[str, QCheckBox] = {}
        present = kinds_present(self.all_events)
        ticked = kinds_ticked(self.all_events, kinds)  # as the timeline marks them
        for i, kind in enumerate(present):
            box = QCheckBox(KIND_TITLES.get(kind, kind.title()), self)
            box.setIcon(_dot(KIND_COLOURS.get(kind, "#333333")))
            box.setChecked(kind in ticked)
            box.toggled.connect(self._on_kinds)
            grid.addWidget(box, i // 2, i % 2)
            self.kind_boxes[kind] = box
        lay.addLayout(grid)
        self.list = _EventList(self)
        self.list.setAccessibleName("Events of the chronology")
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setSpacing(1)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(self._on_activated)
        self.list.escaped.connect(self.escaped)
        lay.addWidget(self.list, 1)
        self.count_label = QLabel("", self)
        lay.addWidget(self.count_label)
        self.setFocusProxy(self.list)
        state.events.date.connect(self._on_date)
        self.refresh()

    # ------------------------------------------------------------------ filters

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds ticked."""
        return frozenset(k for k, b in self.kind_boxes.items() if b.isChecked())

    def set_kinds(self, kinds) -> None:
        """Tick exactly ``kinds``."""
        for k, b in self.kind_boxes.items():
            b.blockSignals(True)
            b.setChecked(k in kinds)
            b.blockSignals(False)
        self._on_kinds()

    def _on_kinds(self, *_args) -> None:
        self.refresh()
        self.kindsChanged.emit(self.kinds)

    def shown(self) -> list[Event]:
        """The events listed, in date order."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self, *_args) -> None:
        """List the events that pass the filters."""
        found = search_events(self.all_events, self.search.text(), sorted(self.kinds))
        self._syncing = True
        try:
            self.list.clear()
            self._starts = [e.start for e in found]
            for e in found:
                when = format_date(e.start) if e.start == e.end else \
                    f"{format_date(e.start)} \u2013 {format_date(e.end)}"
                # The title first (a narrow panel cuts the end of a line), the date under it.
                item = QListWidgetItem(_dot(KIND_COLOURS.get(e.kind, "#333333")), f"{e.title}\n{when}")
                item.setData(Qt.ItemDataRole.UserRole, e)
                tip = f"{e.title}\n{when} \u00b7 {e.kind}" + (f" \u00b7 {e.place.name}" if e.place else "")
                item.setToolTip(tip + f"\n\n{e.summary}")
                self.list.addItem(item)
            self._mark_date(self.state.date)
        finally:
            self._syncing = False
        total = len(self.all_events)
        self.count_label.setText(f"{len(found)} of {total} events")

    # ------------------------------------------------------------------ date

    def _mark_date(self, d: dt.date) -> None:
        """Make the last event that starts on or before ``d`` current (without going anywhere)."""
        # The list is in date order: the last start on or before d, by bisection
        # (a scrub marks a date on every step).
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != self.list.count():
            starts = self._starts = [self.list.item(i).data(Qt.ItemDataRole.UserRole).start
                                     for i in range(self.list.count())]
        row = bisect.bisect_right(starts, d) - 1
        if row == self.list.currentRow() and row >= 0:
            return
        if row >= 0:
            self.list.setCurrentRow(row)
            self.list.scrollToItem(self.list.item(row))
        else:
            self.list.setCurrentRow(-1)

    def _on_date(self, d: dt.date) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self._mark_date(d)
        finally:
            self._syncing = False

    def _go(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        e = item.data(Qt.ItemDataRole.UserRole)
        self._syncing = True
        try:
            self.state.date = e.start
        finally:
            self._syncing = False

    def _on_current(self, item, _previous) -> None:
        if not self._syncing:
            self._go(item)

    def _on_activated(self, item) -> None:
        self._go(item)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The search field passes on the keys it does not use (Enter too, after its returnPressed).
        if not self.KEYS.dispatch(self, event):
            super().keyPressEvent(event)

    def _go_first(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self._go(self.list.item(0))
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
