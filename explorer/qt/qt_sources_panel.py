"""View > Sources: every open document in one table, and the buttons to change what is open.

:class:`QtSourcesPanel` shows, for each document of the open
:class:`~explorer.sources.library.SourceLibrary`, its title, author, year,
format, pages, passages, dated passages and problems, and for each file that
could not be read, why.  Its buttons add files or a folder, remove the selected
documents (files on disk are never touched), reveal a file in the system's
file manager (:class:`QDesktopServices`, on every platform) and read the
sources again.  A line above the table says what is open.

The table is a :class:`QAbstractTableModel` whose rows are worked out when
they are first shown, so a library of thousands of documents costs the UI
thread next to nothing when it arrives.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.sources.documents import FORMAT_NAMES, format_of
from explorer.sources.library import SourceLibrary
from explorer.qt.qt_sources import QtSourceManager

__all__ = ["COLUMNS", "QtSourcesPanel", "SourcesModel", "SourceRow"]

#: The table's columns.
COLUMNS = ("Title", "Author", "Year", "Format", "Pages", "Passages", "Dated", "Problems")
_NUMERIC = {"Year", "Pages", "Passages", "Dated"}


@dataclass(frozen=True)
class SourceRow:
    """One line of the table: an open document, or a file that could not be read."""

    path: Path
    doc_id: str | None
    title: str
    author: str
    year: str
    fmt: str
    pages: str
    passages: str
    dated: str
    problems: str

    def cell(self, column: int) -> str:
        return (self.title, self.author, self.year, self.fmt, self.pages, self.passages, self.dated,
                self.problems)[column]


class SourcesModel(QAbstractTableModel):
    """The open documents and the unreadable files of a library, one row each."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.library: SourceLibrary | None = None
        self._ids: list[str] = []
        self._failed: list[tuple[Path, str]] = []
        self._notes: dict[str, list[str]] = {}
        self._rows: dict[int, SourceRow] = {}

    def set_library(self, library: SourceLibrary | None) -> None:
        """Show ``library`` (``None``: nothing open)."""
        self.beginResetModel()
        self.library = library
        self._rows = {}
        self._ids = list(library.documents) if library is not None else []
        self._notes = {}
        self._failed = []
        if library is not None and library.problems:
            loaded = {str(d.path) for d in library.documents.values()}
            for path, msg in library.problems:
                key = str(path)
                if key in loaded:
                    self._notes.setdefault(key, []).append(msg)
                else:
                    self._failed.append((path, msg))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids) + len(self._failed)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def row(self, i: int) -> SourceRow:
        """The row ``i``, worked out the first time it is asked for."""
        got = self._rows.get(i)
        if got is None:
            got = self._rows[i] = self._make_row(i)
        return got

    def _make_row(self, i: int) -> SourceRow:
        lib = self.library
        assert lib is not None
        if i < len(self._ids):
            doc = lib.documents[self._ids[i]]
            passages = lib.passages(doc.id)
            notes = self._notes.get(str(doc.path), [])
            prefix = f"{doc.path}: "
            return SourceRow(doc.path, doc.id, doc.title, doc.author, str(doc.year or ""),
                             FORMAT_NAMES.get(doc.fmt, doc.fmt), str(doc.pages) if doc.pages else "",
                             str(len(passages)), str(lib.dated_count(doc.id)),
                             "; ".join(n[len(prefix):] if n.startswith(prefix) else n for n in notes))
        path, msg = self._failed[i - len(self._ids)]
        prefix = f"{path}: "
        fmt = format_of(path)
        return SourceRow(path, None, path.name, "", "", FORMAT_NAMES.get(fmt or "", ""), "", "", "",
                         "not read: " + (msg[len(prefix):] if msg.startswith(prefix) else msg))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.row(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return r.cell(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.path}\n{r.problems}" if r.problems else str(r.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[col] in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (r.doc_id is None or COLUMNS[col] == "Problems"):
            return QBrush(QColor("#a33a00")) if r.problems else None
        return None


class QtSourcesPanel(QWidget):
    """The open sources: a summary line, the table and the buttons.

    Parameters
    ----------
    manager : QtSourceManager
        Owns the library; the buttons ask it to add, remove and rescan.
    parent : QWidget or None

    Signals
    -------
    openDocument(doc_id)
        A document was double-clicked (or Enter pressed on it): show it.
    problemsRequested()
        The Problems button was pressed.
    """

    openDocument = Signal(str)
    problemsRequested = Signal()

    def __init__(self, manager: QtSourceManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesPanel")
        self.setAccessibleName("Open sources")
        self.manager = manager
        self._summary: tuple[tuple, str] | None = None
        #: Opens a URL with the desktop (a file manager for a folder); replaceable in tests.
        self.open_url = QDesktopServices.openUrl
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        self.summary = QLabel("No sources open. Add files or a folder, or drop them on the window.", self)
        self.summary.setObjectName("sourcesSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.summary)
        self.model = SourcesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("sourcesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((300, 150, 48, 90, 48, 64, 52)):
            header.resizeSection(col, width)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_files_button = self._button("Add files\u2026", "Add documents to the open sources",
                                             self.choose_files, buttons)
        self.add_folder_button = self._button("Add folder\u2026", "Add a folder of documents (read with its subfolders)",
                                              self.choose_folder, buttons)
        self.remove_button = self._button("Remove", "Close the selected documents (the files stay where they are)",
                                          self.remove_selected, buttons)
        self.reveal_button = self._button("Show file", "Show the selected document's file in the file manager",
                                          self.reveal_selected, buttons)
        self.rescan_button = self._button("Rescan", "Read the open folders and files again", manager.rescan, buttons)
        buttons.addStretch(1)
        self.problems_button = self._button("Problems\u2026", "Files that could not be read and citations not found",
                                            self.problemsRequested.emit, buttons)
        lay.addLayout(buttons)
        manager.libraryChanged.connect(self.set_library)
        manager.started.connect(lambda _n: self._set_busy(True))
        manager.finished.connect(lambda _msg: self._set_busy(False))
        self.set_library(manager.library)

    def _button(self, text: str, tip: str, slot, layout: QHBoxLayout) -> QPushButton:
        b = QPushButton(text, self)
        b.setToolTip(tip)
        b.clicked.connect(lambda _=False: slot())
        layout.addWidget(b)
        return b

    # ------------------------------------------------------------------ content

    def set_library(self, library: SourceLibrary | None) -> None:
        """Show ``library`` and say what is open."""
        self.model.set_library(library)
        self._summary = None
        self.summary.setText(self.summary_text())
        self._update_buttons()

    def summary_text(self) -> str:
        """The line over the table: how many documents, from where, how many problems."""
        lib = self.manager.library
        key = (id(lib), len(self.manager.excluded), tuple(self.manager.paths[:4]))
        if self._summary is not None and self._summary[0] == key:
            return self._summary[1]
        text = self._summary_text(lib)
        self._summary = (key, text)
        return text

    def _summary_text(self, lib: SourceLibrary | None) -> str:
        if lib is None or (not lib.documents and not lib.problems):
            return "No sources open. Add files or a folder, or drop them on the window."
        n = len(lib.documents)
        where = ", ".join(str(p) for p in self.manager.paths[:3]) + (" \u2026" if len(self.manager.paths) > 3 else "")
        pages = sum(d.pages for d in lib.documents.values())
        text = f"{n} document{'s' if n != 1 else ''} open from {where or 'nowhere'}"
        if pages:
            text += f" ({pages} PDF pages)"
        failed = self.model.rowCount() - n
        if failed:
            text += f"; {failed} file{'s' if failed != 1 else ''} could not be read"
        if self.manager.excluded:
            k = len(self.manager.excluded)
            text += f"; {k} file{'s' if k != 1 else ''} removed from the open folders"
        return text + "."

    def _set_busy(self, busy: bool) -> None:
        for b in (self.add_files_button, self.add_folder_button, self.remove_button, self.rescan_button):
            b.setEnabled(not busy)
        if busy:
            self.summary.setText("Reading the sources\u2026")
        else:
            self.summary.setText(self.summary_text())
            self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        busy = self.manager.is_loading()
        self.remove_button.setEnabled(bool(rows) and not busy)
        self.reveal_button.setEnabled(len(rows) == 1)
        self.rescan_button.setEnabled(bool(self.manager.paths) and not busy)

    def selected_rows(self) -> list[SourceRow]:
        """The rows selected, in table order."""
        sel = self.table.selectionModel()
        return [self.model.row(i.row()) for i in sorted(sel.selectedRows(), key=lambda i: i.row())]

    def select_document(self, doc_id: str) -> bool:
        """Select the row of ``doc_id``; False when it is not open."""
        for i in range(self.model.rowCount()):
            if self.model.row(i).doc_id == doc_id:
                self.table.selectRow(i)
                return True
        return False

    # ------------------------------------------------------------------ actions

    def choose_files(self) -> None:
        """Add files picked in a file dialog."""
        start = str(self.manager.paths[0]) if self.manager.paths else str(Path.home())
        files, _ = QFileDialog.getOpenFileNames(
            self, "Add source documents", start,
            "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx *.odt *.epub);;All files (*)")
        if files:
            self.manager.add_paths(files)

    def choose_folder(self) -> None:
        """Add a folder picked in a folder dialog."""
        start = str(self.manager.paths[0]) if self.manager.paths else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of source documents", start)
        if folder:
            self.manager.add_paths([folder])

    def remove_selected(self) -> None:
        """Close the selected documents (the files on disk are left alone)."""
        rows = self.selected_rows()
        if rows:
            self.manager.remove_documents([r.path for r in rows])

    def reveal_selected(self) -> bool:
        """Show the selected document's folder in the system's file manager."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return False
        folder = rows[0].path.parent
        if not folder.is_dir():
            return False
        return bool(self.open_url(QUrl.fromLocalFile(os.fspath(folder))))

    def _on_activated(self, index: QModelIndex) -> None:
        r = self.model.row(index.row())
        if r.doc_id is not None:
            self.openDocument.emit(r.doc_id)
