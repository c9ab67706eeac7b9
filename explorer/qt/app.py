"""Starting the Qt application."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path

# The map's own modules (with matplotlib, numpy and shapely) are imported before anything
# imports PySide6.  PySide6's import hook reads the source of every module imported after
# it (it looks for the word "PySide6") and the text stays in ``linecache``.  Measured at the
# first paint: 351 source files and 10 million characters read, against 84 files and 3 million
# this way, and 14 MiB less resident memory.
#
# When this starts the app (nothing has imported PySide6 yet), the collector is paused for these
# imports and what they made (modules, classes, functions: as long-lived as the process) is set
# aside as settle_gc() sets aside start-up's objects later; collected as they were made, they
# cost about 20 ms of the first paint (the code before imported them with the collector held).
from explorer.qt.gcpolicy import hold_gc, settle_gc  # (gc, threading and contextlib only)

_STARTING = "PySide6" not in sys.modules and gc.isenabled()
if _STARTING:
    hold_gc()
import explorer.render.mapview  # noqa: E402, F401  (imported for its place before PySide6)
import explorer.war.chronology  # noqa: E402, F401  (likewise)
from explorer import APP_ID, APP_NAME, __version__  # noqa: E402

if _STARTING:
    settle_gc()


def make_application(argv: list[str] | None = None):
    """Return the QApplication, creating it with the app's identity if needed."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("KoreanWarExplorer")
    app.setDesktopFileName(APP_ID)
    return app


def open_main_window(date: dt.date | None, settings=None):
    """Build the main window the way the app starts: map first, collector held until the window is complete.

    The window paints its map before it builds the rest (its menus' actions,
    the sources, lessons and export; see :meth:`MainWindow.complete`), on the
    event loop's next turn.  Returns the window (not yet shown).  Used by
    :func:`run` and the start-up benchmark.
    """
    hold_gc()
    from explorer.war.chronology import Chronology
    from explorer.qt.main_window import MainWindow

    try:
        window = MainWindow(Chronology.load(), date, settings=settings, map_first=True)
    except BaseException:
        gc.enable()
        raise
    window.canvas.firstPainted.connect(lambda: window.when_complete(settle_gc))
    # Once the map is up and the window complete, the morph fields of every pair of records
    # are built in a background thread, so that a jump to any day costs a contour only.
    window.canvas.firstPainted.connect(
        lambda: window.when_complete(window.chronology.prepare_morphs_in_background))
    return window


def run(date: dt.date | None, screenshot: Path | None = None, sources: Path | None = None) -> int:
    """Open the main window at *date*.

    Parameters
    ----------
    date : datetime.date or None
        The first date shown; ``None`` reopens at the date remembered from
        the last run (25 June 1950 the first time).
    screenshot : pathlib.Path or None
        Save a PNG of the window there (after the sources are read and the
        passage panel is filled) and quit.
    sources : pathlib.Path or None
        A folder of source documents to open, with the sources remembered from
        the last run (nothing open is dropped).  It is remembered for the next
        run, except in screenshot mode.  Without it the window reopens the
        sources remembered from the last run (not in screenshot mode).

    Returns
    -------
    int
        The exit status.
    """
    from explorer.qt import startup

    if sources is not None and not Path(sources).is_dir():
        print(f"korean-war-explorer: --sources {sources}: no such folder", file=sys.stderr)
        return 2
    startup.install_qt_message_handler()
    try:
        app = make_application()
        return _run(app, date, screenshot, sources)
    except Exception as exc:  # the last line of defence: say so, in a log and a dialog, never vanish
        startup.report_exception(exc)
        return 1


def _run(app, date: dt.date | None, screenshot: Path | None, sources: Path | None) -> int:
    from explorer.qt import startup

    settings = None
    if screenshot is not None:
        # A screenshot shows the defaults (1280x800, all layers), whatever the
        # user's remembered settings, and leaves those settings untouched.
        import tempfile

        from PySide6.QtCore import QSettings

        from explorer.qt.settings import AppSettings

        scratch = tempfile.mkdtemp(prefix="kwe-shot-")
        settings = AppSettings(QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat))
    window = open_main_window(date, settings=settings)
    chronology = window.chronology
    if screenshot is not None:
        from explorer.qt.main_window import DEFAULT_SIZE

        window.resize(*DEFAULT_SIZE)
        window.complete()  # a screenshot waits for the sources anyway
    if chronology.problems:
        for p in chronology.problems:
            print(f"korean-war-explorer: data problem: {p}", file=sys.stderr)

    def when_complete() -> None:
        # The window is complete once its map has first painted: the catalogue's problems
        # are known, and the sources are read (in the background) from then on.
        for p in window.data_problems:
            print(f"korean-war-explorer: data problem: {p}", file=sys.stderr)
        if sources is not None and screenshot is None:
            window.sources.open_with_remembered(sources)
        elif sources is not None:
            window.open_sources(sources, remember=False)
        elif screenshot is None:
            window.restore_sources()

    window.when_complete(when_complete)
    window.show()
    if screenshot is not None:
        app.processEvents()
        if not window.wait_for_sources(120000):
            print("korean-war-explorer: the sources took too long to read; screenshot taken without them",
                  file=sys.stderr)
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
    startup.install_excepthook()
    # Ctrl+C in the terminal and SIGTERM (a logout, `kill`) close the window as
    # its close button does, so the date, layers and geometry are saved.
    undo = startup.install_signal_handlers(app, window.close)
    try:
        return app.exec()
    finally:
        undo()
