"""Render the app icon's SVG source to the PNG sizes the desktop and the window use.

    python resources/icons/build_icons.py

Writes ``<app id>-<size>.png`` for each size in SIZES beside this script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    sys.path.insert(0, str(HERE.parents[1]))
    from explorer import APP_ID

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (needed for painting)
    renderer = QSvgRenderer(str(HERE / f"{APP_ID}.svg"))
    if not renderer.isValid():
        print("the icon's SVG could not be read", file=sys.stderr)
        return 1
    for size in SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        out = HERE / f"{APP_ID}-{size}.png"
        img.save(str(out), "PNG")
        print(out.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
