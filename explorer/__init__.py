"""Korean War Explorer: a desktop atlas of the Korean War linked to its sources.

The package is split in three layers that import one way only:

``explorer.model``
    Pure Python with shapely and pyproj: dates, front lines, territory, events,
    sources, passages.  It never imports Qt or matplotlib.
``explorer.render``
    Draws a model state with matplotlib (``Figure``/``Axes``, never ``pyplot``)
    for the window and for headless export.
``explorer.qt``
    The PySide6 window: a thin layer over the two above.
"""

__version__ = "0.1.0"

#: Reverse-DNS application id, shared by the entry point, desktop file and icon.
APP_ID = "io.github.koreanwarexplorer.KoreanWarExplorer"
APP_NAME = "Korean War Explorer"
