"""The main window: the map and the passage panel above, the timeline below, menus and status bar."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer import APP_ID, APP_NAME, __version__
from explorer.war.chronology import TIMELINE_END, TIMELINE_START, WAR_START, Chronology, format_date, side_names
from explorer.war.events import Event, kinds_ticked
from explorer.state.viewstate import LAYER_TITLES, LAYERS, ViewState
from explorer.qt.gcpolicy import freeze_again
from explorer.qt.qt_date_card import QtDateCard, happening
from explorer.qt.qt_legend import QtLegend
from explorer.render.credits import CREDITS
from explorer.render.key import day_rows, entries_shown
from explorer.qt.qt_playback import Player, QtPlaybackControls
from explorer.qt.settings import AppSettings
from explorer.qt.qt_map_canvas import QtMapCanvas
from explorer.qt.qt_passage_panel import QtPassagePanel
from explorer.qt.qt_search import QtSearchBox
from explorer.qt.qt_timeline import QtTimeline

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from explorer.qt.qt_document_viewer import QtDocumentViewer
    from explorer.sources.catalogue import Catalogue

DEFAULT_SIZE = (1280, 800)



def _licence_links() -> str:
    """Links to the licence and the third-party notices shipped with this copy (Help > About)."""
    from PySide6.QtCore import QUrl

    from explorer.core.paths import licence_file

    links = []
    for name, text in (("LICENSE", "The licence (GNU GPL v3)"),
                       ("THIRD_PARTY_NOTICES.md", "Third-party notices")):
        path = licence_file(name)
        if path is not None:
            links.append(f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{text}</a>')
    return " \u00b7 ".join(links) if links else "The licence files are missing from this copy."


def _app_icon() -> QIcon:
    """The app icon in every size shipped under resources/icons."""
    from explorer.core.paths import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for png in sorted(folder.glob(f"{APP_ID}-*.png")):
        icon.addFile(str(png))
    return icon


class MainWindow(QMainWindow):
    """The Korean War Explorer window.

    Parameters
    ----------
    chronology
        The loaded fronts and geodata.
    date
        The first date shown.
    events
        The chronology of events (the chronology's own when not given).
    settings
        Where the window keeps its settings (the user's QSettings when not given).
    map_first
        Paint the map first: what its first paint does not need (the menus'
        actions, the sources, the Events panel's controls, lessons, export,
        the passage panel's text) is built by :meth:`complete` on the event
        loop's next turn after it.  How the app starts; tests and scripts get
        the whole window at once.  (When the Events panel is remembered open,
        its dock takes room beside the map and the window is built at once.)
    """

    def __init__(self, chronology: Chronology, date: dt.date | None = None,
                 events: Sequence[Event] | None = None, settings: AppSettings | None = None,
                 *, map_first: bool = False) -> None:
        super().__init__()
        self.chronology = chronology
        self.setObjectName("mainWindow")
        self.setWindowIcon(_app_icon())
        self.settings = settings if settings is not None else AppSettings()
        self.data_problems: list[str] = []
        self.events = list(chronology.events if events is None else events)
        #: The catalogue of known sources (None until the window is complete, or when it cannot be read).
        self.catalogue: Catalogue | None = None
        self._complete = False
        self._when_complete: list[Callable[[], object]] = []
        self._complete_soon: QTimer | None = None
        # Everything a user sets lives in the state; the settings restore it and remember its changes.
        self.state = ViewState(date if date is not None else WAR_START, TIMELINE_START, TIMELINE_END)
        self.settings.restore_state(self.state, date=date is None)
        self.settings.attach(self.state)
        self.canvas = QtMapCanvas(chronology, self, state=self.state)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_card = QtDateCard(self.canvas)
        self.legend = QtLegend(self.canvas)
        self.legend.set_layers(self.state.layers)
        self.canvas.drawn.connect(self._update_key)
        # The first paint is a full draw that emits no drawn(): the key is narrowed to the day then too.
        self.canvas.firstPainted.connect(self._update_key)
        self.timeline = QtTimeline(self.state, chronology.phases, self)
        self.player = Player(self.state, self.canvas.drawn, self.canvas.has_pending_draw, self)
        self.player.loop = self.state.loop
        self.playback = QtPlaybackControls(self.player, self, resolve=self._read_typed_date)
        self.playback.loop.setChecked(self.state.loop)
        self.timeline.set_events(self.events)
        # The kinds of event the timeline marks, as the Events panel (built with the rest) will tick them.
        self.timeline.set_kinds(kinds_ticked(self.events, self.settings.event_kinds()))
        # The right side: the search box over the passage panel.
        side = QWidget(self)
        side.setObjectName("sidePanel")
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.setSpacing(0)
        self.search = QtSearchBox(self.state, side)
        # The panel is filled when the window is complete (at once unless map_first).
        self.passage_panel = QtPassagePanel(self.state, self.events, None, side, fill=False)
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
        # The playback controls over the timeline, which has the window's whole width.
        layout.addWidget(self.playback, 0)
        layout.addWidget(self.timeline, 0)
        self.setCentralWidget(central)
        self.resize(*DEFAULT_SIZE)
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        w = DEFAULT_SIZE[0]
        self.splitter.setSizes([w * 3 // 4, w - w * 3 // 4])
        self._restore_splitter()
        self.splitter.splitterMoved.connect(lambda *_: self._save_splitter())
        # The key keeps to the map's corner when the divider moves (it was left behind the panel).
        self.splitter.splitterMoved.connect(lambda *_: self._place_overlays())
        self.viewer: QtDocumentViewer | None = None
        # The menu bar's menus; their actions come with the rest of the window (see complete()).
        mb = self.menuBar()
        self.file_menu = mb.addMenu("&File")
        self.edit_menu = mb.addMenu("&Edit")
        self.view_menu = mb.addMenu("&View")
        self.go_menu = mb.addMenu("&Go")
        self.lessons_menu = mb.addMenu("&Lessons")
        self.help_menu = mb.addMenu("&Help")
        self.layer_actions: dict[str, QAction] = {}
        self.romanization_actions: dict[str, QAction] = {}
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
        self.load_cancel.hide()
        self.statusBar().addPermanentWidget(self.load_progress)
        self.statusBar().addPermanentWidget(self.load_cancel)
        self.statusBar().addPermanentWidget(self.cursor_label)
        self.passage_panel.passageActivated.connect(self.open_passage)
        # Places: the day's passages' places ringed on the map, the one pointed at
        # in the panel ringed strongly; a town clicked lists what the sources say of it.
        self.passage_panel.placesNamed.connect(self.canvas.mark_source_places)
        self.canvas.aboutToDraw.connect(self.passage_panel.flush)
        self.passage_panel.placeHovered.connect(self.canvas.hover_source_place)
        self.canvas.townClicked.connect(self.passage_panel.show_place)
        self.search.openPassage.connect(
            lambda doc, i: self.open_passage(doc, i, -1, -1, words=self.search.edit.text().split()))
        self.setAcceptDrops(True)
        self.canvas.cursorMoved.connect(self._on_cursor_moved)
        self.canvas.cursorLeft.connect(lambda: self.cursor_label.setText(""))
        self.state.events.date.connect(self._on_date_change)
        self.state.events.layers.connect(self._on_layers_change)
        self.state.events.romanization.connect(self._on_romanization_change)
        self.playback.loop.toggled.connect(lambda on: setattr(self.state, "loop", on))
        self.state.events.loop.connect(self._on_loop_change)
        self.canvas.mapview.set_date(self.state.date)
        self._on_date_change(self.state.date)
        self.timeline.setFocus()
        for notice in self.settings.notices:
            print(f"korean-war-explorer: {notice}", file=sys.stderr)
        if self.settings.notices:
            self.statusBar().showMessage(" ".join(self.settings.notices), 20000)
        if map_first and not self._rest_takes_room():
            # Paint the map first; the rest of the window (menus' actions, sources,
            # lessons, export, the Events panel's controls) and the passage panel's
            # text come on the event loop's next turn after the map's first paint.
            self.canvas.firstPainted.connect(lambda: QTimer.singleShot(0, self.complete))
        else:
            self.complete()

    def _rest_takes_room(self) -> bool:
        """Whether a part built by :meth:`complete` shows at once (the Events panel's dock, remembered open).

        The map is then laid out and painted with it, as before: built after
        the first paint, the dock would shrink the map and have it drawn twice.
        """
        return self.settings.events_panel_open()

    def complete(self) -> None:
        """Build what the map's first paint does not need; fill the passage panel.

        Called at the end of ``__init__``, or, with ``map_first``, on the event
        loop's first turn after the map's first paint.  Idempotent: whatever
        needs the sources (opening folders, waiting for them) calls it first.
        """
        if self._complete:
            return
        self._complete = True
        if self._complete_soon is not None:
            self._complete_soon.stop()
        # Imported here, not at the top: kept off the path to the map's first paint.
        # These imports (the sources package, the source manager, the Events panel) take
        # about 28 ms of CPU and the rest of this method about 15 ms; built before the
        # first paint with the sources package, start-up was 1.47x the floor, 1.3x after
        # (tests/benchmarks/startup_child.py pairs, python -X importtime; README "Performance").
        from explorer.qt.qt_sources import LatestCall, QtSourceManager
        from explorer.qt.qt_sources_panel import QtSourcesPanel
        from explorer.qt.qt_time_controls import TimeControls
        from explorer.sources.catalogue import Catalogue, CatalogueError
        from PySide6.QtWidgets import QDockWidget

        try:
            self.catalogue = Catalogue.bundled()
        except CatalogueError as exc:
            self.data_problems.append(str(exc))
            self.catalogue = None
        self.passage_panel.catalogue = self.catalogue
        self.sources = QtSourceManager(self.events, self.catalogue, self, settings=self.settings)
        # View > Sources: the open documents, in a dock under the timeline (hidden until asked for).
        self.sources_panel = QtSourcesPanel(self.sources, self)
        self.sources_panel.openDocument.connect(lambda doc_id: self.open_passage(doc_id, None))
        self.sources_panel.problemsRequested.connect(self.show_source_problems)
        self.sources_dock = QDockWidget("Sources", self)
        self.sources_dock.setObjectName("sourcesDock")
        self.sources_dock.setWidget(self.sources_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.sources_dock)
        self.resizeDocks([self.sources_dock], [220], Qt.Orientation.Vertical)
        self.sources_dock.hide()
        self._build_menus()
        self.problems_action.setEnabled(False)
        self.load_cancel.clicked.connect(self.sources.cancel)
        self.sources.started.connect(self._on_sources_started)
        # The bar shows the latest of the files and pages read, at most 20 times a second.
        self._bar_update = LatestCall(self)
        # The map renders ahead in idle time only when no sources are being read.
        self.canvas.idle_work_waits = self.sources.is_loading
        self.sources.progress.connect(lambda *a: self._bar_update.push(self._on_sources_progress, *a))
        self.sources.pages.connect(lambda *a: self._bar_update.push(self._on_sources_pages, *a))
        self.sources.libraryChanged.connect(self._on_library_change)
        self.sources.finished.connect(self._on_sources_finished)
        self.export_actions.exported.connect(lambda path: self.statusBar().showMessage(f"Exported {path}", 8000))
        # The Events panel, Go > Loop / Speed, the event banner and the keyboard's way back to the timeline.
        self.time_controls = TimeControls(
            self, self.state, self.events, self.settings, player=self.player, playback=self.playback,
            timeline=self.timeline, canvas=self.canvas, date_card=self.date_card,
            passage_panel=self.passage_panel, search=self.search, go_menu=self.go_menu, view_menu=self.view_menu,
            viewer=lambda: self.viewer)
        self.passage_panel.refresh_now()
        waiting, self._when_complete = self._when_complete, []
        for call in waiting:
            call()

    @property
    def is_complete(self) -> bool:
        """Whether :meth:`complete` has built the whole window."""
        return self._complete

    def when_complete(self, call: Callable[[], object]) -> None:
        """Call *call* once the window is complete (now, if it is)."""
        if self._complete:
            call()
        else:
            self._when_complete.append(call)

    # ------------------------------------------------------------------ menus

    def _action(self, text: str, slot, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
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
        file_menu = self.file_menu
        self.open_sources_action = self._action(
            "&Open sources...", self.choose_sources_folder, QKeySequence.StandardKey.Open,
            "Open a folder of source documents (text, Markdown, HTML, PDF, Word, OpenDocument, EPUB); "
            "drop folders or files on the window to add more")
        file_menu.addAction(self.open_sources_action)
        self.add_files_action = self._action("&Add source files...", self.choose_source_files, None,
                                             "Add documents to the open sources")
        file_menu.addAction(self.add_files_action)
        self.problems_action = self._action("Source &problems...", self.show_source_problems, None,
                                            "Files that could not be read and citations whose passage was not found")
        file_menu.addAction(self.problems_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Close the window")
        file_menu.addAction(self.quit_action)
        edit = self.edit_menu
        self.find_action = self._action("&Find in sources", self.search.focus_search, QKeySequence.StandardKey.Find,
                                        "Search words across all the open sources")
        edit.addAction(self.find_action)
        view = self.view_menu
        self.reset_view_action = self._action("&Reset view", self.canvas.reset_view, "Ctrl+0",
                                              "Show the whole peninsula")
        view.addAction(self.reset_view_action)
        self.zoom_in_action = self._action("Zoom &in", lambda: self.canvas.zoom_by(1.5),
                                           QKeySequence.StandardKey.ZoomIn, "Zoom in on the centre of the map")
        # Ctrl+= too: the key under "+" on most keyboards, without Shift (as browsers do).
        self.zoom_in_action.setShortcuts([*QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn),
                                          QKeySequence("Ctrl+=")])
        view.addAction(self.zoom_in_action)
        view.addAction(self._action("Zoom &out", lambda: self.canvas.zoom_by(1 / 1.5),
                                    QKeySequence.StandardKey.ZoomOut, "Zoom out"))
        self.frame_action_action = self._action("&Frame the action", self.frame_action, "Ctrl+9",
                                                "Fit the map to the day's moving front, events and arrows")
        view.addAction(self.frame_action_action)
        self.sources_panel_action = self.sources_dock.toggleViewAction()
        self.sources_panel_action.setText("&Sources")
        self.sources_panel_action.setShortcut(QKeySequence("F9"))
        self.sources_panel_action.setStatusTip("Show or hide the list of open source documents")
        self.addAction(self.sources_panel_action)
        view.addAction(self.sources_panel_action)
        view.addSeparator()
        layers_menu = view.addMenu("&Layers")
        for i, name in enumerate(LAYERS):
            act = self._action(LAYER_TITLES[name], lambda on, n=name: self.state.set_layer(n, on),
                               f"Ctrl+Shift+{i + 1}" if i < 9 else None,
                               f"Show or hide: {LAYER_TITLES[name].lower()}")
            act.setCheckable(True)
            act.setChecked(name in self.state.layers)
            layers_menu.addAction(act)
            self.layer_actions[name] = act
        names_menu = view.addMenu("Place &names")
        from PySide6.QtGui import QActionGroup  # (off the start-up path: see complete())

        group = QActionGroup(self)
        for key, text, tip in (("wartime", "&Wartime (Pusan, Inchon)", "Spellings the wartime sources use"),
                               ("modern", "&Modern (Busan, Incheon)", "Today's romanization")):
            act = self._action(text, lambda on, k=key: self._set_romanization(k) if on else None, None, tip)
            act.setCheckable(True)
            act.setChecked(self.state.romanization == key)
            group.addAction(act)
            names_menu.addAction(act)
            self.romanization_actions[key] = act
        names_menu.addSeparator()
        self.switch_names_action = self._action(
            "&Switch spelling", lambda: setattr(self.state, "romanization",
                                                "modern" if self.state.romanization == "wartime" else "wartime"),
            "Ctrl+Shift+N", "Switch place names between the wartime and today's spelling")
        names_menu.addAction(self.switch_names_action)
        go = self.go_menu
        self.play_action = self._action("&Play / pause", self.toggle_playback, "Space",
                                        "Play the war forward at the chosen speed")
        go.addAction(self.play_action)
        self.next_event_action = self._action("&Next event", self.next_event, "Ctrl+Right",
                                              "Jump to the next event of the chronology")
        self.previous_event_action = self._action("P&revious event", self.previous_event, "Ctrl+Left",
                                                  "Jump to the previous event of the chronology")
        go.addAction(self.next_event_action)
        go.addAction(self.previous_event_action)
        go.addAction(self._action("Next recorded &front", self.next_front, "Ctrl+Shift+Right",
                                  "Jump to the next dated front line"))
        go.addAction(self._action("Previous recorded fro&nt", self.previous_front, "Ctrl+Shift+Left",
                                  "Jump to the previous dated front line"))
        self.goto_action = self._action("&Go to date or event...", self.go_to_date, "Ctrl+G",
                                        "Type a date, or an event or place (Inchon, Chosin, armistice), to go to")
        go.addAction(self.goto_action)
        go.addSeparator()
        go.addAction(self._action("Start of the &war", lambda: self._go(self.chronology.records[0].date), None,
                                  "25 June 1950 (Home on the timeline)"))
        go.addAction(self._action("&Armistice", lambda: self._go(self.chronology.records[-1].date), None,
                                  "27 July 1953 (End on the timeline)"))
        # Before Quit, by reference: looking Quit up by its text tripped a PySide6 < 6.11.2 bug.
        from explorer.qt.qt_export_actions import ExportActions  # (off the start-up path: see complete())

        self.export_actions = ExportActions(self.state, self.chronology, self, file_menu, self.quit_action)
        self.export_snapshot_action = self.export_actions.snapshot_action
        self.export_animation_action = self.export_actions.animation_action
        from explorer.qt.qt_lessons import LessonsController

        self.lessons = LessonsController(self, self.state, self.chronology, self.events, self.canvas,
                                         self.timeline.setFocus)
        self.lessons.build_menu(self.lessons_menu)
        self.lessons.attach_passage_panel(self.passage_panel)
        help_menu = self.help_menu
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1",
                                         "Every keyboard shortcut in one list"))
        examples = help_menu.addMenu("Example &lessons")
        for act in self.lessons.builtin_actions:
            examples.addAction(act)
        help_menu.addAction(self._action("&About Korean War Explorer", self.show_about, None,
                                         "Version, data credits and licences"))
        from explorer.qt.qt_export_data import add_export_data_action

        # File > Export data... (GIS layers), just after File > Export animation...
        self.export_data_action = add_export_data_action(self, self.chronology, file_menu,
                                                         after=self.export_animation_action)

    def _set_romanization(self, which: str) -> None:
        self.state.romanization = which

    def _go(self, d: dt.date) -> None:
        self.state.date = d

    # ------------------------------------------------------------------ playback and stepping

    def toggle_playback(self) -> None:
        """Go > Play / pause (Space)."""
        self.state.playing = not self.state.playing

    def _event_starts(self) -> list[dt.date]:
        """Days on which an event of the kinds listed (the Events panel's) starts."""
        kinds = self.time_controls.event_kinds
        return sorted({e.start for e in self.events if TIMELINE_START <= e.start <= TIMELINE_END
                       and (kinds is None or e.kind in kinds)})

    def _read_typed_date(self, text: str) -> tuple[dt.date, str]:
        """A typed date or event (as Ctrl+G reads it) and what was understood; ValueError if neither."""
        from explorer.state.lookup import resolve

        found = resolve(text, self.events, default_year=self.state.date.year)
        return found.date, found.describe()

    def next_event(self) -> None:
        """Go > Next event (Ctrl+Right): the first event that starts after the date shown."""
        later = [d for d in self._event_starts() if d > self.state.date]
        if later:
            self.state.date = later[0]

    def previous_event(self) -> None:
        """Go > Previous event (Ctrl+Left): the last event that starts before the date shown."""
        earlier = [d for d in self._event_starts() if d < self.state.date]
        if earlier:
            self.state.date = earlier[-1]

    def next_front(self) -> None:
        """Go > Next recorded front."""
        later = [d for d in self.chronology.dates if d > self.state.date]
        if later:
            self.state.date = later[0]

    def previous_front(self) -> None:
        """Go > Previous recorded front."""
        earlier = [d for d in self.chronology.dates if d < self.state.date]
        if earlier:
            self.state.date = earlier[-1]

    def go_to_date(self) -> None:
        """Go > Go to date or event... (Ctrl+G); the keyboard comes back to the timeline."""
        from explorer.qt.qt_goto_dialog import QtGotoDialog

        dlg = QtGotoDialog(self.state.date, self.state.minimum, self.state.maximum, self, events=self.events)
        self.goto_dialog = dlg
        if dlg.exec() and dlg.date is not None:
            self.state.date = dlg.date
            if dlg.chosen_event is not None:
                self.statusBar().showMessage(f"{dlg.chosen_event.title}: {format_date(dlg.date)}", 8000)
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts."""
        from explorer.qt.qt_shortcuts import QtShortcutsDialog

        self.shortcuts_dialog = QtShortcutsDialog(self.actions(), self, window=self)
        self.shortcuts_dialog.exec()
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_layers_change(self, layers: frozenset[str]) -> None:
        self.canvas.mapview.set_layers(layers)
        self.legend.set_layers(layers)
        self.legend.set_day(day_rows(self.chronology.state_at(self.state.date), layers))
        self._place_overlays()
        for name, act in self.layer_actions.items():
            act.setChecked(name in layers)
        self.canvas.draw_idle()

    def _on_romanization_change(self, which: str) -> None:
        self.canvas.mapview.set_romanization(which)
        if which in self.romanization_actions:  # (made with the rest of the window)
            self.romanization_actions[which].setChecked(True)
        self.canvas.draw_idle()

    def _on_loop_change(self, on: bool) -> None:
        self.player.loop = on
        if self.playback.loop.isChecked() != on:
            self.playback.loop.setChecked(on)

    def _place_overlays(self) -> None:
        self.legend.adjustSize()
        # In a small window the key would hide the map: leave it out there.
        roomy = (self.legend.height() < 0.55 * self.canvas.height()
                 and self.legend.width() < 0.45 * self.canvas.width())
        self.legend.setVisible(roomy and bool(self.legend._rows))
        # Bottom-right: the Sea of Japan side is the emptier one at every war-time view.
        self.legend.move(max(self.canvas.width() - self.legend.width() - 10, 0),
                         max(self.canvas.height() - self.legend.height() - 10, 0))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_overlays()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._place_overlays()
        if not self._complete and self._complete_soon is None:
            # Shown but not painted (started minimized, say): the rest comes anyway, a moment later.
            self._complete_soon = QTimer(self)
            self._complete_soon.setSingleShot(True)
            self._complete_soon.timeout.connect(self.complete)
            self._complete_soon.start(1000)

    # ------------------------------------------------------------------ sources

    def open_sources(self, folder: str | Path, remember: bool = True) -> None:
        """Open the folder of source documents ``folder`` (read in the background)."""
        self.complete()
        self.sources.open_folder(folder, remember)

    def add_sources(self, paths: Sequence[str | Path], remember: bool = True) -> None:
        """Add folders or document files to the open sources."""
        self.complete()
        self.sources.add_paths(paths, remember)

    def choose_sources_folder(self) -> None:
        """File > Open sources...: pick a folder."""
        start = str(self.sources.paths[0]) if self.sources.paths else str(Path.home())
        from PySide6.QtWidgets import QFileDialog  # (off the start-up path: see complete())

        folder = QFileDialog.getExistingDirectory(self, "Open a folder of source documents", start)
        if folder:
            self.open_sources(folder)

    def choose_source_files(self) -> None:
        """File > Add source files...: pick documents to add."""
        start = str(self.sources.paths[0]) if self.sources.paths else str(Path.home())
        from PySide6.QtWidgets import QFileDialog  # (off the start-up path: see complete())

        files, _filter = QFileDialog.getOpenFileNames(
            self, "Add source documents", start,
            "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx *.odt *.epub);;All files (*)")
        if files:
            self.add_sources(files)

    def show_source_problems(self) -> None:
        """File > Source problems...: every problem of the open sources in one list."""
        from explorer.qt.qt_sources import SourceProblemsDialog  # (imported by complete(): see there)

        SourceProblemsDialog(self.sources.problems(), self).exec()

    def restore_sources(self) -> None:
        """Reopen the sources remembered from the last run; a notice if they are gone."""
        self.complete()
        notice = self.sources.restore()
        if notice:
            self.statusBar().showMessage(notice, 15000)

    def open_passage(self, doc_id: str, index: int | None, begin: int = -1, stop: int = -1,
                     words: Sequence[str] = ()) -> None:
        """Open the document viewer at a passage, its matched date marked (and searched *words*)."""
        lib = self.sources.library if self._complete else None
        if lib is None or doc_id not in lib.documents:
            return
        viewer = self.viewer
        if viewer is None:
            from explorer.qt.qt_document_viewer import QtDocumentViewer

            viewer = self.viewer = QtDocumentViewer(self.state, self.catalogue, self)
        mark = (begin, stop) if 0 <= begin < stop else None
        viewer.show_passage(lib, doc_id, index, mark, words)
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()

    def _on_sources_started(self, _n: int) -> None:
        self._bar_update.drop()
        self.load_progress.setRange(0, 0)
        self.load_progress.show()
        self.load_cancel.show()
        self.passage_panel.set_loading(True)
        self.statusBar().showMessage("Reading the source documents\u2026")

    def _on_sources_pages(self, done: int, total: int, path: str) -> None:
        """A long PDF shows its pages in the progress bar while it is read."""
        self.load_progress.setFormat(f"{Path(path).name[:24]}: page %v/%m")
        self.load_progress.setRange(0, max(total, 1))
        self.load_progress.setValue(done)
        self.load_progress.setToolTip(path)

    def _on_sources_progress(self, done: int, total: int, path: str) -> None:
        self.load_progress.setFormat("Reading sources %v/%m")
        self.load_progress.setRange(0, max(total, 1))
        self.load_progress.setValue(done)
        self.load_progress.setToolTip(path)

    def _on_library_change(self, library) -> None:
        self.passage_panel.set_library(library, self.sources.index)
        self.search.set_library(library)
        self.timeline.set_sources(library, self.sources.index)
        # The library lives until the next one: out of the collector's sight, as start-up's objects.
        freeze_again()
        if self.viewer is not None and self.viewer.doc_id is not None:
            if self.viewer.doc_id in library.documents:
                self.viewer.show_passage(library, self.viewer.doc_id, self.viewer.passage)
            else:
                self.viewer.hide()

    def _on_sources_finished(self, message: str) -> None:
        self._bar_update.drop()
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
        self.complete()
        ok = self.sources.wait(timeout_ms)
        self.passage_panel.refresh_now()
        return ok

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def _dropped(event) -> list[Path]:
        md = event.mimeData()
        if not md.hasUrls():
            return []
        from explorer.qt.qt_sources import droppable_paths  # (imported by complete(): see there)

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
        value = self.settings.splitter()
        if value is not None:
            self.splitter.restoreState(value)

    def _save_splitter(self) -> None:
        self.settings.set_splitter(self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.state.playing = False
        if self._complete:
            self.sources.shutdown()
        self._save_splitter()
        self.settings.save_state(self.state)
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        if self.viewer is not None:
            self.viewer.close()
        super().closeEvent(event)

    def show_about(self) -> None:
        """Help > About: version, data credits and licences."""
        from PySide6.QtWidgets import QMessageBox  # (off the start-up path: see complete())

        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setIconPixmap(_app_icon().pixmap(96, 96))
        box.setText(
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>The front lines of the Korean War on a real map, linked to the passages of your sources.</p>"
            f"<p><b>Data.</b> {CREDITS} Source documents are read from your own folder and never copied "
            "into the app.</p>"
            "<p><b>Software.</b> Korean War Explorer is free software under the GNU GPL v3 or later. "
            "It is built on Qt and PySide6 (LGPL v3), matplotlib (PSF-based licence), shapely and "
            "GEOS (BSD / LGPL), NumPy (BSD), pyproj and PROJ (MIT), Pillow (MIT-CMU), pypdfium2 with "
            "PDFium (Apache-2.0 / BSD), rapidfuzz (MIT) and FFmpeg through imageio-ffmpeg (GPL v3 / BSD); "
            "with the GIS extra, geopandas (BSD).</p>"
            f"<p>{_licence_links()}</p>"
            f"<p>App id: {APP_ID}</p>"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.about_box = box
        box.exec()

    # ------------------------------------------------------------------ state

    def _on_date_change(self, d: dt.date) -> None:
        self.canvas.show_date(d)
        state = self.chronology.state_at(d)
        self.setWindowTitle(f"{format_date(d)} \u2014 {APP_NAME}")
        self.front_label.setText(state.describe())
        self.date_card.show_state(state, self.canvas.mapview.status_line(state), happening(self.events, state))
        self.legend.set_sides(side_names(d))
        self.legend.set_day(day_rows(state, self.state.layers))

    def frame_action(self) -> None:
        """View > Frame the action: fit the map to what matters on the date shown."""
        from explorer.render.action import action_extent

        self.canvas.mapview.set_view(*action_extent(self.chronology, self.state.date, self.chronology.events))
        self.canvas.draw_idle()

    def _update_key(self) -> None:
        """The corner key lists what the map draws now (no armistice line in 1950)."""
        self.legend.set_shown(entries_shown(self.canvas.mapview))

    def _on_cursor_moved(self, lon: float, lat: float) -> None:
        ns = "N" if lat >= 0 else "S"
        ew = "E" if lon >= 0 else "W"
        self.cursor_label.setText(f"{abs(lat):.3f}\u00b0 {ns}, {abs(lon):.3f}\u00b0 {ew}")

    def render_now(self) -> None:
        """Draw the map for the current date at once (screenshots, tests)."""
        self.canvas.show_date_now(self.state.date)
