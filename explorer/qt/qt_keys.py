"""Keys a widget reads itself, defined once: the handler dispatches from the table F1 lists.

A widget that handles keys in ``keyPressEvent`` (or an event filter) instead
of through :class:`~PySide6.QtGui.QAction` s keeps a class attribute ``KEYS``,
a :class:`KeyTable`.  Its ``keyPressEvent`` calls :meth:`KeyTable.dispatch`,
which finds the row whose keys match the event and calls the row's handler;
Help > Keyboard shortcuts (F1) lists the same rows
(:func:`explorer.qt.qt_shortcuts.shortcut_rows`).  A key added to the table
is handled and listed; a key removed is neither, so the two cannot drift.

The handlers are plain functions of the class (written before the table in
the class body) taking the widget and the key event; one returns ``False``
when the key does not apply at the moment (Down with no results), and the
key then goes to the next row that has it, or on as if no row had matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

#: A row's handler: called with the widget (or filter) and the event; False when the key does not apply now.
Handler = Callable[[Any, QKeyEvent], "bool | None"]


def _sequences(keys: tuple[str | QKeySequence.StandardKey, ...]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for k in keys:
        if isinstance(k, QKeySequence.StandardKey):
            out += QKeySequence.keyBindings(k)
        else:
            out.append(QKeySequence(k))
    return out


def dedicated_key(keys: QKeySequence) -> bool:
    """True for a lone multimedia or office key (Zoom In, Close...) that few keyboards have."""
    if keys.count() != 1:
        return False
    combo = keys[0]  # type: ignore[index]  # PySide6 stubs lack QKeySequence.__getitem__
    return combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier and int(combo.key()) >= int(Qt.Key.Key_Back)


@dataclass(frozen=True)
class Key:
    """One row: the keys, what they do (as F1 says it) and the function that does it.

    Parameters
    ----------
    keys
        Key sequences as Qt writes them ("Esc", "Shift+Return") or standard keys
        (``QKeySequence.StandardKey.Close``); any of them triggers the row.
    does
        What the keys do, for the shortcut list.
    handler
        ``handler(widget, event)``; returns ``False`` when the key does not apply now.
    label
        How F1 writes the keys when the plain list would mislead ("Up / Down").
    """

    keys: tuple[str | QKeySequence.StandardKey, ...]
    does: str
    handler: Handler
    label: str = ""

    def sequences(self) -> list[QKeySequence]:
        """The key sequences of the row (a standard key expands to the platform's bindings)."""
        return _sequences(self.keys)

    def text(self) -> str:
        """The keys as the shortcut list writes them."""
        if self.label:
            return self.label
        native = QKeySequence.SequenceFormat.NativeText
        return " or ".join(dict.fromkeys(s.toString(native) for s in self.sequences()
                                         if not s.isEmpty() and not dedicated_key(s)))

    def matches(self, event: QKeyEvent) -> bool:
        """True when ``event``'s key and modifiers are one of the row's keys (keypad or not)."""
        combo = QKeySequence(QKeyCombination(_modifiers(event), Qt.Key(event.key())))
        return any(s.matches(combo) == QKeySequence.SequenceMatch.ExactMatch for s in self.sequences())


def _modifiers(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class KeyTable:
    """The keys a widget reads itself, where F1 places them, and their handlers.

    Parameters
    ----------
    where
        The area F1 names for these keys ("Search", "Document viewer").
    *rows
        The keys.
    """

    def __init__(self, where: str, *rows: Key) -> None:
        self.where = where
        self.rows = tuple(rows)

    def __iter__(self) -> Iterator[Key]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row_for(self, event: QKeyEvent) -> Key | None:
        """The row whose keys ``event`` pressed (None when none)."""
        return next((r for r in self.rows if r.matches(event)), None)

    def dispatch(self, owner: Any, event: QKeyEvent) -> bool:
        """Run the row ``event`` pressed on ``owner``; True (and the event accepted) when a row took it.

        Rows are tried in order; a row whose handler returns ``False`` (the key
        does not apply now) passes the key on to the next row with that key.
        """
        for row in self.rows:
            if row.matches(event) and row.handler(owner, event) is not False:
                event.accept()
                return True
        return False

    def listed(self) -> list[tuple[str, str, str]]:
        """(keys, where, what) for the shortcut list."""
        return [(r.text(), self.where, r.does) for r in self.rows]
