"""Korean War Explorer: a desktop atlas of the Korean War linked to its sources.

The package is split in layers that import one way only (checked by
``lint-imports``, see ``pyproject.toml``):

``explorer.core``
    Paths of the bundled data, the atomic writer, ISO dates.
``explorer.war`` and ``explorer.sources``
    Pure Python with shapely and pyproj: dates, fronts, territory, events;
    documents, passages, dates in text, citations.  Never Qt or matplotlib.
``explorer.state``
    The evented view state.
``explorer.render``
    Draws a state with matplotlib (``Figure``/``Axes``, never ``pyplot``)
    for the window and for headless export.
``explorer.qt`` and ``explorer.commands``
    The PySide6 window, a thin layer; the command-line subcommands.
"""

__version__ = "0.1.0"

#: Reverse-DNS application id, shared by the entry point, desktop file and icon.
APP_ID = "io.github.koreanwarexplorer.KoreanWarExplorer"
APP_NAME = "Korean War Explorer"
