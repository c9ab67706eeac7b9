"""When Python's cyclic garbage collector runs while the app starts and loads sources.

:func:`hold_gc` and :func:`settle_gc` bracket the building of the main window
(:func:`explorer.qt.app.open_main_window`); :func:`freeze_again` sets aside a
newly loaded library of sources; :func:`quiet_collector_while_loading` keeps
full collections from pausing the window while a library is built.  Kept
apart from :mod:`explorer.qt.app` so the window can use it without importing
the module that builds the window.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


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


_LOADING_LOCK = threading.Lock()
_loading_depth = 0
_saved_threshold: tuple[int, int, int] | None = None
#: The full-collection threshold while sources load: high enough that none runs.
_NO_FULL_COLLECTION = 1 << 30


class LoadingCollector:
    """What :func:`quiet_collector_while_loading` yields: set :attr:`built` when the library is complete."""

    def __init__(self) -> None:
        #: True once the library is built and handed over: it is then set aside with the rest.
        self.built = False


@contextmanager
def quiet_collector_while_loading() -> Iterator[LoadingCollector]:
    """Hold off full garbage collections while a loader thread builds a library of sources.

    A full collection walks every object of the process with the interpreter
    lock held; run by the loader thread half-way through 5,000 documents, it
    froze the window for 90-110 ms (the library's objects on top of the
    window's).  Inside this block the young generations are still collected
    (a few milliseconds each), only full collections wait.  When the block ends
    with the library built (the caller set ``built`` on what is yielded), the
    new library is set aside as start-up's objects were, so the full
    collection never comes; cancelled or failed, the usual thresholds come back
    and it comes once, later.

    Only when the app sets its long-lived objects aside (:func:`settle_gc`,
    as :func:`explorer.qt.app.open_main_window` does): tests and scripts keep
    Python's usual collector, which then runs its full collections in the
    loader thread as before.

    Safe to nest and to enter from any thread.
    """
    global _loading_depth, _saved_threshold
    with _LOADING_LOCK:
        _loading_depth += 1
        if _loading_depth == 1 and gc.get_freeze_count():
            _saved_threshold = gc.get_threshold()
            gc.set_threshold(_saved_threshold[0], _saved_threshold[1], _NO_FULL_COLLECTION)
    state = LoadingCollector()
    try:
        yield state
    finally:
        with _LOADING_LOCK:
            _loading_depth -= 1
            if state.built and gc.get_freeze_count():
                gc.freeze()
            if _loading_depth == 0 and _saved_threshold is not None:
                gc.set_threshold(*_saved_threshold)
                _saved_threshold = None
