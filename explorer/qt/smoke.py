"""``korean-war-explorer --smoke-test``: a whole-app check that a person could run.

Opens the window on the platform Qt would use for a user (never falling back
to ``offscreen`` by itself: set ``QT_QPA_PLATFORM=offscreen`` for that), draws the map, steps
through the whole war a week at a time and through every recorded front,
exports one snapshot to a temporary folder, and quits with 0 -- or prints
what failed and quits with 1.  Settings go to a temporary folder, so a smoke
test never touches the user's own.  The test suite runs it against the
installed app, and the README tells how to run it against the frozen bundle.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import traceback
from pathlib import Path


def run_smoke_test() -> int:
    """Run the smoke test; returns the exit status."""
    # No fallback to the offscreen platform: the smoke test loads the platform
    # plugin a user's start would (xcb or wayland, cocoa, windows), unless
    # QT_QPA_PLATFORM says otherwise.  A plugin that cannot load is logged and
    # reported (explorer.qt.startup) and the test fails.
    from explorer.qt.startup import install_qt_message_handler

    install_qt_message_handler()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kwe-smoke-") as tmp:
        try:
            from PySide6.QtCore import QSettings

            QSettings.setDefaultFormat(QSettings.Format.IniFormat)
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
            from explorer.qt.app import make_application

            app = make_application()
            platform_name = app.platformName()
            from explorer.war.chronology import WAR_END, WAR_START, Chronology
            from explorer.qt.main_window import MainWindow
            from explorer.render.export import export_snapshot, page_for

            chronology = Chronology.load()
            if chronology.problems:
                raise RuntimeError("data problems: " + "; ".join(str(p) for p in chronology.problems[:5]))
            win = MainWindow(chronology, WAR_START)
            win.show()
            app.processEvents()
            win.render_now()
            win.canvas.compositor.capture()
            steps = 0
            d = WAR_START
            days = sorted({WAR_START + dt.timedelta(days=k) for k in range(0, (WAR_END - WAR_START).days + 1, 7)}
                          | set(chronology.dates))
            for d in days:
                win.state.date = d
                win.canvas._apply_pending()
                app.processEvents()
                steps += 1
            if win.canvas.mapview.state is None or win.canvas.mapview.state.date != WAR_END:
                raise RuntimeError("the map did not follow the timeline to the armistice")
            out = Path(tmp) / "smoke-snapshot.png"
            export_snapshot(chronology, dt.date(1950, 9, 15), out, page=page_for(size="800x450"))
            if not out.is_file() or out.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
                raise RuntimeError("the snapshot was not written as a PNG")
            win.close()
            app.processEvents()
        except Exception:  # report anything at all: this is the last line of defence
            traceback.print_exc()
            print("smoke test: FAILED", file=sys.stderr)
            return 1
    print(f"smoke test: ok ({steps} dates drawn, snapshot exported, {time.perf_counter() - t0:.1f} s, "
          f"Qt platform {platform_name})")
    return 0
