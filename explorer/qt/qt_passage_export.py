"""The passage panel's export dialog: the passages of a day, a range of days or a place, with citations.

Writes CSV, Markdown or RIS (:func:`explorer.sources.citing.export_citations`),
the same as ``korean-war-explorer passages --format``, atomically
(:func:`explorer.core.atomic.atomic_write_text`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from explorer.sources.citing import FORMATS, PassageCitation, cite, export_citations
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import LinkIndex, passages_for_place

__all__ = ["QtPassageExportDialog"]

_FORMAT_NAMES = {"csv": "CSV (spreadsheet)", "markdown": "Markdown (notes, handouts)",
                 "ris": "RIS (Zotero, EndNote, Mendeley)"}


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class QtPassageExportDialog(QDialog):
    """Choose passages (a day, a range, a place) and a format, then a file to save them in.

    Parameters
    ----------
    library : SourceLibrary
    index : LinkIndex or None
        The library's date index (built here when None).
    date : datetime.date
        The day shown.
    place : str or None
        The place shown, if the panel lists a place's passages.
    places : list of str
        The places the open documents name.
    parent : QWidget or None

    Signals
    -------
    saved(count, path)
        The passages were written (how many, and the file).
    """

    saved = Signal(int, str)

    def __init__(self, library: SourceLibrary, index: LinkIndex | None, date: dt.date, place: str | None,
                 places: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passageExportDialog")
        self.setWindowTitle("Export passages with their citations")
        self.library = library
        self.index = index if index is not None and index.library is library else LinkIndex(library, [])
        self.saved_to: Path | None = None
        lay = QVBoxLayout(self)
        self.day = QRadioButton(f"The passages of {date.isoformat()}", self)
        self.range = QRadioButton("The passages dated from", self)
        self.by_place = QRadioButton("The passages naming", self)
        group = QButtonGroup(self)
        for b in (self.day, self.range, self.by_place):
            group.addButton(b)
        self.first = QDateEdit(_qdate(date), self)
        self.last = QDateEdit(_qdate(date + dt.timedelta(days=6)), self)
        for w in (self.first, self.last):
            w.setDisplayFormat("yyyy-MM-dd")
            w.setCalendarPopup(True)
        self.place = QComboBox(self)
        self.place.addItems(places)
        if place:
            if place not in places:
                self.place.addItem(place)
            self.place.setCurrentText(place)
        self.by_place.setEnabled(bool(places) or bool(place))
        self._date = date
        lay.addWidget(self.day)
        row = QHBoxLayout()
        row.addWidget(self.range)
        row.addWidget(self.first)
        row.addWidget(QLabel("to", self))
        row.addWidget(self.last)
        lay.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.by_place)
        row.addWidget(self.place, 1)
        lay.addLayout(row)
        (self.by_place if place else self.day).setChecked(True)
        form = QFormLayout()
        self.format = QComboBox(self)
        for key in FORMATS:
            self.format.addItem(_FORMAT_NAMES[key], key)
        form.addRow("Format", self.format)
        lay.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def rows(self) -> tuple[list[PassageCitation], str]:
        """The passages chosen, with their citations, and a heading naming the choice."""
        lib = self.library
        if self.by_place.isChecked() and self.place.currentText():
            name = self.place.currentText()
            ranked = passages_for_place(name, lib, None, None)
            heading = f"Passages naming {name}"
        elif self.range.isChecked():
            a, b = _pydate(self.first.date()), _pydate(self.last.date())
            ranked = self.index.lookup_range(min(a, b), max(a, b))
            heading = f"Passages dated {min(a, b).isoformat()} to {max(a, b).isoformat()}"
        else:
            ranked = self.index.lookup(self._date, limit=500)
            heading = f"Passages about {self._date.isoformat()}"
        return [cite(r.passage, lib, r.matched) for r in ranked], heading

    def save_to(self, path: str | Path) -> int:
        """Write the chosen passages to *path* in the chosen format; returns how many."""
        from explorer.core.atomic import atomic_write_text

        rows, heading = self.rows()
        atomic_write_text(path, export_citations(rows, self.format.currentData(), heading=heading))
        self.saved_to = Path(path)
        return len(rows)

    def _save(self) -> None:
        fmt = self.format.currentData()
        suffix = FORMATS[fmt]
        path, _filter = QFileDialog.getSaveFileName(self, "Export passages", f"passages{suffix}",
                                                    f"{_FORMAT_NAMES[fmt]} (*{suffix})")
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            n = self.save_to(path)
        except OSError as exc:
            QMessageBox.warning(self, "Export passages", f"Could not write {path}: {exc.strerror or exc}")
            return
        self.saved.emit(n, path)
        self.accept()
