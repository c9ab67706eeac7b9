"""File > Export snapshot... and File > Export animation...: dialogs over :mod:`explorer.render.export`.

Both dialogs take the view state and the chronology: they export the state's
date, place names and map view, and the layers ticked in their Layers box
(:class:`LayerChooser`; at first the window's), and keep the last folder and their
options in the state's :class:`~explorer.state.viewstate.ExportOptions` (which
:mod:`explorer.qt.settings` remembers).  They ask before overwriting a file and
report failures in plain words.  The snapshot dialog shows a live preview
drawn by the same code as the file.  The animation runs in a worker
``QThread`` behind a progress dialog with Cancel, so the window never
freezes; a cancelled animation leaves no file.

:class:`explorer.qt.qt_export_actions.ExportActions` adds both actions to a
window's File menu and opens these dialogs.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.war.chronology import TIMELINE_END, TIMELINE_START, WAR_END, WAR_START, Chronology, format_date
from explorer.qt.qt_export_worker import ExportWorker
from explorer.qt.qt_goto_dialog import QtDateField
from explorer.render.layers.camera import home_bounds
from explorer.state.viewstate import LAYER_TITLES, LAYERS, Extent, ViewState
from explorer.render.animation import ANIMATION_FORMATS, export_animation, ffmpeg_path, frame_dates, parse_step
from explorer.render.export import (
    PRESETS,
    ExportError,
    Page,
    SnapshotFigure,
    View,
    page_for,
)

__all__ = ["FigureCache", "LayerChooser", "QtExportAnimationDialog", "QtExportSnapshotDialog"]

#: The preview box: every page is drawn whole inside it (a 16:9 slide or a 4:3
#: or A4 page fills its width, a square page its height).
PREVIEW_WIDTH = 420
PREVIEW_HEIGHT = PREVIEW_WIDTH * 3 // 4
_PRESET_NAMES = {"slide": "Slide 16:9 (1920 \u00d7 1080)", "slide43": "Slide 4:3 (1440 \u00d7 1080)",
                 "a4": "A4 landscape, print (300 dpi)",
                 "square": "Square (1080 \u00d7 1080)", "custom": "Custom size"}
_SNAPSHOT_FORMATS = {"png": "PNG image", "svg": "SVG (vector, editable)", "pdf": "PDF (vector, print)"}
_STEPS = [("1d", "Every day"), ("7d", "Every week"), ("14d", "Every two weeks"), ("28d", "Every four weeks"),
          ("event", "One frame per event")]
_ANIM_SIZES = ["1920x1080", "1440x1080", "1280x720", "960x540", "1080x1080"]


@dataclasses.dataclass
class FigureCache:
    """The full-size snapshot figure built last, and the options it was built for.

    Building one (map, labels, key) takes about as long as drawing and writing
    it; the window keeps one of these so that a second snapshot with the same
    options, the common case in a lesson's worth of slides, only draws and writes.
    """

    key: tuple | None = None
    figure: SnapshotFigure | None = None


def _last_folder(state: ViewState) -> str:
    folder = state.export.folder
    if folder and Path(folder).is_dir():
        return folder
    pics = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return pics if pics and Path(pics).is_dir() else str(Path.home())


def _private_chronology(chronology: Chronology) -> Chronology:
    """A shallow copy with its own state cache, for a worker thread (the data are shared, read-only)."""
    clone = copy.copy(chronology)
    if hasattr(clone, "_cache"):
        clone._cache = OrderedDict()
    return clone


def _map_view(state: ViewState, home: Extent) -> Extent:
    """The map's current view as an export view (the whole peninsula when not zoomed)."""
    return state.view if state.view is not None else home


def _zoomed_in(state: ViewState, home: Extent) -> bool:
    """True when the map shows less than the whole peninsula (its zoom is worth exporting)."""
    x0, x1, y0, y1 = _map_view(state, home)
    hx0, hx1, hy0, hy1 = home
    return not (x0 <= hx0 and x1 >= hx1 and y0 <= hy0 and y1 >= hy1)


def _choose_view(state: ViewState, home: Extent, remembered: str, whole: QRadioButton, zoom: QRadioButton,
                 action: QRadioButton | None = None) -> None:
    """Check the remembered view (a first snapshot frames the day's action), but the whole
    peninsula when "current zoom" is remembered and the map is not zoomed in.

    "Current zoom" remembered from a zoomed export made a wide, mostly empty
    map of the next one, when the window was showing the whole peninsula.
    """
    if remembered == "zoom":
        (zoom if _zoomed_in(state, home) else whole).setChecked(True)
    elif remembered == "action" and action is not None:
        action.setChecked(True)
    else:
        whole.setChecked(True)


def _view_setting(zoom: QRadioButton, action: QRadioButton) -> str:
    return "zoom" if zoom.isChecked() else "action" if action.isChecked() else "peninsula"


def _confirm_overwrite(parent: QWidget, path: Path) -> bool:
    """Ask before replacing an existing file."""
    if not path.exists():
        return True
    answer = QMessageBox.question(
        parent, "Replace the file?",
        f"{path.name} already exists in {path.parent}.\nDo you want to replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _with_suffix(text: str, ext: str) -> Path:
    p = Path(text).expanduser()
    return p if p.suffix.lower() == ext else p.with_suffix(ext)


class _PathRow(QWidget):
    """A file name field with a Browse... button."""

    def __init__(self, caption: str, filters: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("exportPath")
        self.browse = QPushButton("Browse\u2026", self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.browse)
        self._caption, self._filters = caption, filters
        self.browse.clicked.connect(self._on_browse)

    def _on_browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self._caption, self.edit.text(), self._filters,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.edit.setText(name)


def _view_choice(parent: QWidget) -> tuple[QWidget, QRadioButton, QRadioButton, QRadioButton]:
    box = QWidget(parent)
    action = QRadioButton("The day's action", box)
    action.setToolTip("Fit the map to the moving front, the day's events and the arrows")
    whole = QRadioButton("Whole peninsula", box)
    zoom = QRadioButton("Current zoom of the map", box)
    group = QButtonGroup(box)
    group.addButton(action)
    group.addButton(whole)
    group.addButton(zoom)
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(action)
    lay.addWidget(whole)
    lay.addWidget(zoom)
    lay.addStretch(1)
    return box, whole, zoom, action


class LayerChooser(QWidget):
    """Checkboxes of the map's layers (the View menu's, in its order), for an export.

    Starts with *layers* ticked; :meth:`layers` is the chosen set and
    :attr:`changed` is emitted when a box is ticked or unticked.
    """

    changed = Signal()

    def __init__(self, layers: frozenset[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportLayers")
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for i, name in enumerate(LAYERS):
            box = QCheckBox(LAYER_TITLES[name], self)
            box.setObjectName(f"exportLayer_{name}")
            box.setChecked(name in layers)
            box.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(box, i // 2, i % 2)
            self.boxes[name] = box

    def layers(self) -> frozenset[str]:
        """The ticked layers."""
        return frozenset(name for name, box in self.boxes.items() if box.isChecked())

    def set_layers(self, layers: frozenset[str]) -> None:
        """Tick exactly *layers*."""
        for name, box in self.boxes.items():
            box.setChecked(name in layers)


# --------------------------------------------------------------------------- snapshot


class QtExportSnapshotDialog(QDialog):
    """File > Export snapshot...: page, format, view and caption, with a live preview.

    Parameters
    ----------
    state
        The view state: its date, map view, layers and place names are
        exported, and its export options are the dialog's.
    chronology
        The fronts and geodata drawn.
    parent
        The window the dialog belongs to.
    cache
        Keeps the full-size figure for the next snapshot with the same options.
    """

    exported = Signal(str)

    def __init__(self, state: ViewState, chronology: Chronology, parent: QWidget | None = None,
                 cache: FigureCache | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.chronology = chronology
        self.cache = cache if cache is not None else FigureCache()
        self.setObjectName("exportSnapshotDialog")
        self.setWindowTitle("Export snapshot")
        self.date: dt.date = state.date
        home = home_bounds(chronology.geodata)
        self._zoom_view: View = _map_view(state, home)
        self._preview_snap: SnapshotFigure | None = None
        self._preview_key: tuple | None = None
        opts = state.export

        self.preset = QComboBox(self)
        for key, name in _PRESET_NAMES.items():
            self.preset.addItem(name, key)
        self.width_spin = QSpinBox(self)
        self.height_spin = QSpinBox(self)
        for sp in (self.width_spin, self.height_spin):
            sp.setRange(64, 20000)
            sp.setSuffix(" px")
        self.dpi_spin = QSpinBox(self)
        self.dpi_spin.setRange(20, 1200)
        self.dpi_spin.setSuffix(" dpi")
        size_row = QWidget(self)
        sl = QHBoxLayout(size_row)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.width_spin)
        sl.addWidget(QLabel("\u00d7", size_row))
        sl.addWidget(self.height_spin)
        sl.addWidget(self.dpi_spin)
        self.format = QComboBox(self)
        for key, name in _SNAPSHOT_FORMATS.items():
            self.format.addItem(name, key)
        view_box, self.view_whole, self.view_zoom, self.view_action = _view_choice(self)
        self.caption = QCheckBox("Add the sources cited for this date", self)
        self.layer_choice = LayerChooser(opts.export_layers("snapshot", state.layers), self)
        self.path = _PathRow("Export snapshot", "Images (*.png *.svg *.pdf)", self)

        self.preview = QLabel(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setMinimumSize(PREVIEW_WIDTH + 2, PREVIEW_HEIGHT + 2)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel#exportPreview { background: #f0f0f0; border: 1px solid #c8c8c8; }")
        self.info = QLabel(self)
        self.info.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Date:", QLabel(format_date(self.date), self))
        form.addRow("Page:", self.preset)
        form.addRow("Size:", size_row)
        form.addRow("Format:", self.format)
        form.addRow("View:", view_box)
        form.addRow("", self.caption)
        form.addRow("Layers:", self.layer_choice)
        form.addRow("File:", self.path)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.preview, 1)
        lay.addLayout(form)
        lay.addWidget(self.info)
        lay.addWidget(self.buttons)

        # Remembered options.
        self.preset.setCurrentIndex(max(0, self.preset.findData(opts.snapshot_preset)))
        self.width_spin.setValue(opts.snapshot_width)
        self.height_spin.setValue(opts.snapshot_height)
        self.dpi_spin.setValue(opts.snapshot_dpi)
        self.format.setCurrentIndex(max(0, self.format.findData(opts.snapshot_format)))
        _choose_view(state, home, opts.snapshot_view, self.view_whole, self.view_zoom, self.view_action)
        self.caption.setChecked(opts.snapshot_caption)
        self.path.edit.setText(str(Path(_last_folder(state)) / f"korean-war-{self.date.isoformat()}.{self.fmt}"))

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(120)
        self._preview_timer.timeout.connect(self.update_preview)
        self.preset.currentIndexChanged.connect(self._on_preset_change)
        self.format.currentIndexChanged.connect(self._on_format_change)
        for spin in (self.width_spin, self.height_spin, self.dpi_spin):
            spin.valueChanged.connect(self._schedule_preview)
        for button in (self.view_whole, self.view_zoom, self.view_action, self.caption):
            button.toggled.connect(self._schedule_preview)
        self.layer_choice.changed.connect(self._schedule_preview)
        self._on_preset_change()
        self.update_preview()
        QTimer.singleShot(300, self._prepare_export_figure)

    # ------------------------------------------------------------------ options

    @property
    def fmt(self) -> str:
        """The chosen format: ``png``, ``svg`` or ``pdf``."""
        return str(self.format.currentData())

    def page(self) -> Page:
        """The chosen page (raises ExportError for a bad custom size)."""
        key = self.preset.currentData()
        if key == "custom":
            return page_for(size=(self.width_spin.value(), self.height_spin.value()), dpi=self.dpi_spin.value())
        return PRESETS[key]

    def view(self) -> View:
        """``"peninsula"`` or the window's zoom when the dialog opened."""
        if self.view_action.isChecked():
            return "action"
        return self._zoom_view if self.view_zoom.isChecked() else "peninsula"

    def _on_preset_change(self) -> None:
        key = self.preset.currentData()
        custom = key == "custom"
        for w in (self.width_spin, self.height_spin, self.dpi_spin):
            w.setEnabled(custom)
        if not custom:
            p = PRESETS[key]
            for sp, v in ((self.width_spin, p.width), (self.height_spin, p.height), (self.dpi_spin, int(p.dpi))):
                sp.blockSignals(True)
                sp.setValue(v)
                sp.blockSignals(False)
        self._schedule_preview()

    def _on_format_change(self) -> None:
        text = self.path.edit.text().strip()
        if text:
            self.path.edit.setText(str(_with_suffix(text, f".{self.fmt}")))
        self._schedule_preview()

    def _schedule_preview(self, *args: Any) -> None:
        self._preview_timer.start()

    # ------------------------------------------------------------------ preview

    def update_preview(self) -> None:
        """Draw the small preview with the chosen options (the same layout as the file)."""
        try:
            page = self.page()
        except ExportError as exc:
            self.preview.setText(str(exc))
            self.info.setText("")
            return
        # Fit the whole page in the box: a page taller than it was cropped (an A4 preview lost its title).
        small = page.scaled_to(max(1, min(PREVIEW_WIDTH, PREVIEW_HEIGHT * page.width // page.height)))
        view = self.view()
        key = (small, view if isinstance(view, str) else tuple(view), self.caption.isChecked(),
               self.layer_choice.layers())
        try:
            if key != self._preview_key:
                self._preview_key = None
                self._preview_snap = SnapshotFigure(
                    self.chronology, small, view=view, caption=self.caption.isChecked(),
                    layers=self.layer_choice.layers(), romanization=self.state.romanization)
                self._preview_snap.set_date(self.date)
                self._preview_key = key
        except ExportError as exc:
            # A page too small for the map (many pixels at a high DPI: few inches; the preview has the
            # same inches): say so instead of an error on the console and a stale preview.
            self.preview.clear()
            self.preview.setText(f"Cannot draw this page:\n{exc}")
            self.info.setText("")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        assert self._preview_snap is not None
        rgba = np.ascontiguousarray(self._preview_snap.render_rgba())
        h, wpx = rgba.shape[:2]
        image = QImage(rgba.data, wpx, h, 4 * wpx, QImage.Format.Format_RGBA8888).copy()
        self.preview.setPixmap(QPixmap.fromImage(image))
        what = page.describe() if self.fmt == "png" else \
            f"{page.width / page.dpi:.1f} \u00d7 {page.height / page.dpi:.1f} in, vector"
        w_in, h_in = page.width / page.dpi, page.height / page.dpi
        if w_in < 5 or h_in < 3.5:
            # Pixels are not inches: 1024 x 768 px at 400 dpi is a 2.6 x 1.9 in page, its texts crowding the map.
            what += f" \u2014 only {w_in:.1f} \u00d7 {h_in:.1f} in: lower the DPI if the texts crowd"
        text = f"{self._preview_snap.title} \u2014 {what}"
        if self._preview_snap.cut_texts:
            text += ("\nSome words are shortened (\u2026) on this page: the file's description keeps them "
                     "in full, and Export copies them to the clipboard.")
        self.info.setText(text)

    # ------------------------------------------------------------------ export

    def export_figure(self) -> SnapshotFigure:
        """The full-size figure for the chosen options, kept in :attr:`cache` for the next export.

        Building one (map, labels, key) takes about as long as drawing and
        writing it; a second snapshot with the same options, the common case
        in a lesson's worth of slides, only draws and writes.
        """
        view = self.view()
        key = (self.page(), view if isinstance(view, str) else tuple(view), self.caption.isChecked(),
               self.layer_choice.layers(), self.state.romanization, id(self.chronology))
        if self.cache.key == key and self.cache.figure is not None:
            return self.cache.figure
        snap = SnapshotFigure(self.chronology, self.page(), view=view, caption=self.caption.isChecked(),
                              layers=self.layer_choice.layers(), romanization=self.state.romanization)
        self.cache.key, self.cache.figure = key, snap
        return snap

    def _prepare_export_figure(self) -> None:
        # While the reader chooses a file name: build the figure for the options shown.
        if self.isVisible() and self.fmt == "png":
            try:
                self.export_figure()
            except ExportError:
                pass

    def _remember(self, path: Path) -> None:
        self.state.export = dataclasses.replace(
            self.state.export, folder=str(path.parent), snapshot_preset=str(self.preset.currentData()),
            snapshot_width=self.width_spin.value(), snapshot_height=self.height_spin.value(),
            snapshot_dpi=self.dpi_spin.value(), snapshot_format=self.fmt,
            snapshot_view=_view_setting(self.view_zoom, self.view_action),
            snapshot_caption=self.caption.isChecked(),
        ).with_export_layers("snapshot", self.state.layers, self.layer_choice.layers())

    def export(self) -> Path | None:
        """Write the file (asking before replacing one); close the dialog on success.

        Returns the path written, or ``None`` when nothing was written.
        """
        text = self.path.edit.text().strip()
        if not text:
            QMessageBox.warning(self, "Export snapshot", "Choose a file name first.")
            return None
        path = _with_suffix(text, f".{self.fmt}").absolute()
        self.path.edit.setText(str(path))
        if not _confirm_overwrite(self, path):
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            snap = self.export_figure()
            snap.set_date(self.date)
            written = snap.save(path)
            if snap.cut_texts:
                # What the page had to shorten, in full, for the slide's notes or a caption.
                clipboard = QGuiApplication.clipboard()
                if clipboard is not None:
                    clipboard.setText(snap.description())
        except ExportError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Export snapshot", f"The snapshot was not exported:\n{exc}")
            return None
        QGuiApplication.restoreOverrideCursor()
        self._remember(written)
        self.exported.emit(str(written))
        self.accept()
        return written


# --------------------------------------------------------------------------- animation


class QtExportAnimationDialog(QDialog):
    """File > Export animation...: range, step, speed, size, format; runs with a progress dialog.

    Parameters
    ----------
    state
        The view state: its map view, layers and place names are used, and
        its export options are the dialog's.
    chronology
        The fronts, geodata and events drawn.
    parent
        The window the dialog belongs to.
    """

    exported = Signal(str)
    export_finished = Signal(str)  # "done", "cancelled" or "failed"

    def __init__(self, state: ViewState, chronology: Chronology, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.chronology = chronology
        self.setObjectName("exportAnimationDialog")
        self.setWindowTitle("Export animation")
        home = home_bounds(chronology.geodata)
        self._zoom_view: View = _map_view(state, home)
        self.worker: ExportWorker | None = None
        self.progress: QProgressDialog | None = None
        opts = state.export

        def date_edit(d: dt.date, name: str) -> QtDateField:
            # Typed as Ctrl+G reads it (a date, or an event: "Inchon"); it says what it understood.
            return QtDateField(d, TIMELINE_START, TIMELINE_END, chronology.events, self, name)

        # The range of the last export (a lesson on 1950-51 exports 1950-51 again), else the war.
        self.start = date_edit(opts.animation_from or WAR_START, "First day")
        self.end = date_edit(opts.animation_to or WAR_END, "Last day")
        self.step = QComboBox(self)
        for key, name in _STEPS:
            self.step.addItem(name, key)
        self.fps = QDoubleSpinBox(self)
        self.fps.setRange(0.5, 30)
        self.fps.setDecimals(1)
        self.fps.setSuffix(" frames/s")
        self.frame_size = QComboBox(self)
        for sz in _ANIM_SIZES:
            self.frame_size.addItem(sz.replace("x", " \u00d7 "), sz)
        self.format = QComboBox(self)
        self.format.addItem("GIF (plays everywhere)", "gif")
        self.format.addItem("MP4 video", "mp4")
        self.has_ffmpeg = ffmpeg_path() is not None
        if not self.has_ffmpeg:
            model = self.format.model()
            assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
            item = model.item(1)
            item.setEnabled(False)
            item.setText("MP4 video (needs ffmpeg, which is not installed)")
        view_box, self.view_whole, self.view_zoom, self.view_action = _view_choice(self)
        self.layer_choice = LayerChooser(opts.export_layers("animation", state.layers), self)
        self.path = _PathRow("Export animation", "Animations (*.gif *.mp4)", self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        form = QFormLayout()
        form.addRow("From:", self.start)
        form.addRow("To:", self.end)
        form.addRow("Step:", self.step)
        self.with_events = QCheckBox("and every event (a frame on each day an event starts)", self)
        form.addRow("", self.with_events)
        form.addRow("Speed:", self.fps)
        form.addRow("Frame size:", self.frame_size)
        form.addRow("Format:", self.format)
        form.addRow("View:", view_box)
        form.addRow("Layers:", self.layer_choice)
        form.addRow("File:", self.path)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.info)
        lay.addWidget(self.buttons)

        self.step.setCurrentIndex(max(0, self.step.findData(opts.animation_step)))
        self.fps.setValue(opts.animation_fps)
        self.frame_size.setCurrentIndex(max(0, self.frame_size.findData(opts.animation_size)))
        self.format.setCurrentIndex(1 if opts.animation_format == "mp4" and self.has_ffmpeg else 0)
        _choose_view(state, home, opts.animation_view, self.view_whole, self.view_zoom, self.view_action)
        self.path.edit.setText(str(Path(_last_folder(state)) / f"korean-war-animation.{self.fmt}"))
        for sig in (self.start.dateChanged, self.end.dateChanged, self.step.currentIndexChanged,
                    self.fps.valueChanged, self.with_events.toggled):
            sig.connect(self._update_info)
        self.format.currentIndexChanged.connect(self._on_format_change)
        self._update_info()

    @property
    def fmt(self) -> str:
        """``gif`` or ``mp4``."""
        return str(self.format.currentData())

    def _dates(self) -> tuple[dt.date | None, dt.date | None]:
        return self.start.date, self.end.date

    def _on_format_change(self) -> None:
        text = self.path.edit.text().strip()
        if text:
            self.path.edit.setText(str(_with_suffix(text, f".{self.fmt}")))

    def _update_info(self, *args: Any) -> None:
        a, b = self._dates()
        if a is None or b is None:
            self.info.setText(f"{'From' if a is None else 'To'}: type a date (1 July 1950) or an event (Inchon).")
            self.export_button.setEnabled(False)
            return
        try:
            n = len(frame_dates(a, b, parse_step(self.step.currentData()), self.chronology.events,
                                with_events=self.with_events.isChecked()))
        except ExportError as exc:
            self.info.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        fps = self.fps.value()
        secs = n / fps
        self.info.setText(f"{n} frame{'s' if n != 1 else ''}, about {secs:.0f} s at {fps:g} "
                          f"frame{'s' if fps != 1 else ''} per second.")

    def _remember(self, path: Path) -> None:
        a, b = self._dates()
        self.state.export = dataclasses.replace(
            self.state.export, folder=str(path.parent), animation_step=str(self.step.currentData()),
            animation_fps=self.fps.value(), animation_size=str(self.frame_size.currentData()),
            animation_format=self.fmt, animation_view=_view_setting(self.view_zoom, self.view_action),
            animation_from=a if a is not None else self.state.export.animation_from,
            animation_to=b if b is not None else self.state.export.animation_to,
        ).with_export_layers("animation", self.state.layers, self.layer_choice.layers())

    def start_export(self) -> bool:
        """Start the export in a worker thread with a progress dialog; False when it did not start."""
        if self.worker is not None:
            return False
        text = self.path.edit.text().strip()
        if not text:
            QMessageBox.warning(self, "Export animation", "Choose a file name first.")
            return False
        if self.fmt not in ANIMATION_FORMATS.values():
            return False
        path = _with_suffix(text, f".{self.fmt}").absolute()
        self.path.edit.setText(str(path))
        a, b = self._dates()
        if a is None or b is None:
            return False
        if not _confirm_overwrite(self, path):
            return False
        kwargs = dict(chronology=_private_chronology(self.chronology), path=path, start=a, end=b,
                      step=parse_step(self.step.currentData()), fps=self.fps.value(),
                      page=page_for(size=self.frame_size.currentData()),
                      view="action" if self.view_action.isChecked() else
                      self._zoom_view if self.view_zoom.isChecked() else "peninsula",
                      with_events=self.with_events.isChecked(),
                      layers=self.layer_choice.layers(), romanization=self.state.romanization,
                      events=list(self.chronology.events))
        self._path = path
        self.worker = ExportWorker(export_animation, kwargs, self)
        self.progress = QProgressDialog("Rendering frames\u2026", "Cancel", 0, 0, self)
        self.progress.setObjectName("exportProgress")
        self.progress.setWindowTitle("Export animation")
        self.progress.setMinimumWidth(360)  # room for its title and "Frame 1000 of 1129"
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel_export)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.finished.connect(self._on_thread_finished)
        self.export_button.setEnabled(False)
        self.progress.show()
        self.worker.start()
        return True

    def cancel_export(self) -> None:
        """Stop the running export (it removes its temporary file)."""
        if self.worker is not None:
            self.worker.cancel()
            if self.progress is not None:
                self.progress.setLabelText("Cancelling\u2026")

    def _on_progress(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is None:
            return
        progress.setLabelText(f"Frame {done} of {total}")
        progress.setMaximum(total)
        # Last: a window-modal dialog's setValue runs the event loop, where the
        # export may finish and close (and forget) the dialog.
        progress.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel_export)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_succeeded(self, path: str) -> None:
        self._close_progress()
        self._remember(Path(path))
        self.exported.emit(path)
        self._result = ("done", path)

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self._result = ("failed", message)
        QMessageBox.warning(self, "Export animation", f"The animation was not exported:\n{message}")

    def _on_cancelled(self) -> None:
        self._close_progress()
        self._result = ("cancelled", "")
        self.info.setText("Cancelled: nothing was written.")

    def _on_thread_finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self.export_button.setEnabled(True)
        kind, _ = getattr(self, "_result", ("failed", ""))
        self.export_finished.emit(kind)
        if kind == "done":
            self.accept()

    def reject(self) -> None:
        """Close; a running export is cancelled first."""
        if self.worker is not None:
            self.cancel_export()
            self.worker.wait()
        super().reject()
