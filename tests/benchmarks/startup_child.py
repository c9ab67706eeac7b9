"""Child process for the start-up benchmark: start the app, print when the map is painted, quit.

``python startup_child.py app``  the real start-up path (explorer.qt.app.run's steps)
``python startup_child.py floor`` the floor: PySide6 + matplotlib's Qt backend painting
                                  a window that holds an empty canvas

It prints ``painted <seconds since the process started> cpu <CPU seconds used>``
once the canvas has finished its first paint, then exits.  The CPU time is
steadier than the wall-clock time on a busy machine.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _since_start() -> float:
    # Wall-clock time since the process was created (Linux: /proc/self/stat starttime).
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])
    hz = os.sysconf("SC_CLK_TCK")
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / hz


def _cpu_seconds() -> float:
    # User + system CPU time of this process so far (all threads), from /proc/self/stat.
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(mode: str) -> None:
    if mode == "floor":
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([sys.argv[0]])
        win = QMainWindow()
        canvas = FigureCanvasQTAgg(Figure())
        win.setCentralWidget(canvas)
        win.resize(1280, 800)
    else:
        import datetime as dt

        from explorer.qt.app import make_application, open_main_window

        app = make_application()
        win = open_main_window(dt.date(1950, 9, 15))
        canvas = win.canvas
    original = type(canvas).paintEvent

    def paint(self, event):  # noqa: ANN001
        original(self, event)
        print(f"painted {_since_start():.4f} cpu {_cpu_seconds():.3f}", flush=True)
        os._exit(0)

    type(canvas).paintEvent = paint
    win.show()
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app")
