"""File > Export data...: the war as GIS layers (GeoPackage, GeoJSON, Shapefile) from the window.

The same as ``korean-war-explorer export-data`` (:mod:`explorer.war.gis`).
geopandas is imported only when the user picks a file, never at start-up;
without it the dialog says how to install the ``gis`` extra.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from explorer.war.chronology import Chronology

FILTERS = "GeoPackage (*.gpkg);;GeoJSON, one file per layer (*.geojson);;Shapefile, one file per layer (*.shp)"


def make_export_data_action(parent: QWidget, chronology: Chronology) -> QAction:
    """The File > Export data... action of *parent*'s window."""
    act = QAction("Export &data\u2026", parent)
    act.setObjectName("exportDataAction")
    act.setStatusTip("Save the fronts, each side's territory, the places and the events as GIS layers "
                     "(for QGIS: dated for its Temporal Controller)")
    act.triggered.connect(lambda: export_data_dialog(parent, chronology))
    return act


def add_export_data_action(window: QWidget, chronology: Chronology, menu: QMenu, after: QAction | None) -> QAction:
    """Make File > Export data... and put it in *menu* just after *after* (at the end if it is not there)."""
    act = make_export_data_action(window, chronology)
    actions = menu.actions()
    i = actions.index(after) + 1 if after is not None and after in actions else len(actions)
    if i < len(actions):
        menu.insertAction(actions[i], act)
    else:
        menu.addAction(act)
    return act


def export_data_to(parent: QWidget, chronology: Chronology, path: str | Path) -> list[Path] | None:
    """Write the layers to *path* with a wait cursor; report the outcome in a message box. Returns the files."""
    from explorer.war.gis import GisExportError, export_data

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        # The file dialog already asked before replacing a file.
        written = export_data(chronology, path, overwrite=True)
    except GisExportError as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Export data", str(exc))
        return None
    QGuiApplication.restoreOverrideCursor()
    files = sorted({p.name for p in written if p.suffix.lower() in (".gpkg", ".geojson", ".shp")})
    top = parent.window()
    if isinstance(top, QMainWindow):
        top.statusBar().showMessage(f"Exported the war's GIS layers to {', '.join(files)}", 10000)
    return written


def export_data_dialog(parent: QWidget, chronology: Chronology) -> list[Path] | None:
    """Ask for a file, then export; ``None`` if cancelled or failed."""
    from explorer.war.gis import GisExportError, import_geopandas

    try:
        import_geopandas()
    except GisExportError as exc:
        QMessageBox.information(parent, "Export data", str(exc))
        return None
    path, chosen = QFileDialog.getSaveFileName(parent, "Export data", str(Path.home() / "korean-war.gpkg"),
                                               FILTERS)
    if not path:
        return None
    if not Path(path).suffix:
        path += {"GeoJSON": ".geojson", "Shapefile": ".shp"}.get(chosen.split(",")[0].split(" ")[0], ".gpkg")
    return export_data_to(parent, chronology, path)
