"""Starting the Qt application."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from explorer import APP_ID, APP_NAME, __version__


def make_application(argv: list[str] | None = None):
    """Return the QApplication, creating it with the app's identity if needed."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("KoreanWarExplorer")
    app.setDesktopFileName(APP_ID)
    return app


def run(date: dt.date, screenshot: Path | None = None) -> int:
    """Open the main window at *date*; with *screenshot*, save a PNG of it and quit."""
    app = make_application()
    from explorer.model.chronology import Chronology
    from explorer.qt.main_window import MainWindow

    chronology = Chronology.load()
    window = MainWindow(chronology, date)
    if chronology.problems:
        for p in chronology.problems:
            print(f"korean-war-explorer: data problem: {p}", file=sys.stderr)
    window.show()
    if screenshot is not None:
        app.processEvents()
        window.render_now()
        app.processEvents()
        image = window.grab()
        screenshot = Path(screenshot)
        tmp = screenshot.with_name(f".{screenshot.name}.tmp.png")
        if not image.save(str(tmp), "PNG"):
            print(f"korean-war-explorer: cannot write {screenshot}", file=sys.stderr)
            tmp.unlink(missing_ok=True)
            return 1
        tmp.replace(screenshot)
        print(f"wrote {screenshot} ({image.width()}x{image.height()})")
        window.close()
        return 0
    if chronology.problems:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(window, "Problems in the map data",
                            "Some items of the bundled data could not be used and were left out:\n\n"
                            + "\n".join(str(p) for p in chronology.problems[:20]))
    return app.exec()
