"""When Python's cyclic garbage collector runs while the app starts and loads sources.

:func:`hold_gc` and :func:`settle_gc` bracket the building of the main window
(:func:`explorer.qt.app.open_main_window`); :func:`freeze_again` sets aside a
newly loaded library of sources.  Kept apart from :mod:`explorer.qt.app` so the
window can use it without importing the module that builds the window.
"""

from __future__ import annotations

import gc


def hold_gc() -> None:
    """Pause Python's cyclic garbage collector while the window is built.

    Start-up allocates about 100,000 long-lived objects (geodata, fronts,
    artists, widgets); the collector would walk them several times over
    before the first paint.  :func:`settle_gc` turns it back on.
    """
    gc.disable()


def settle_gc() -> None:
    """Turn the collector back on, with everything alive now set aside.

    ``gc.freeze`` moves the objects of start-up (or of a freshly loaded
    library of sources) out of the collector's sight: a full collection
    then walks only what was made since, about 50 ms less per collection,
    and such pauses are what made scrubbing and playback stutter.
    """
    gc.freeze()
    gc.enable()


def freeze_again() -> None:
    """Set aside a big new set of long-lived objects (a library of sources) as :func:`settle_gc` did.

    Does nothing unless the app started through :func:`open_main_window`
    (tests and scripts keep Python's usual collector).
    """
    if gc.get_freeze_count():
        gc.freeze()
