"""Stopping a long read part-way: the cancel check the readers share.

A loader thread hands the readers a ``cancel()`` callable (for example
``threading.Event.is_set``).  The long loops of reading a document (the pages
of a PDF, the blocks cut into passages, the passages whose dates and places
are read, the shingles of the recognition) call :func:`check` as they go, so a
cancelled load stops within a page or a block, even in the middle of a
3,000-page book, instead of at the end of the file.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CancelCheck", "Cancelled", "check"]

#: ``cancel()`` returning True asks the reader to stop; ``None`` never stops.
CancelCheck = Callable[[], bool] | None


class Cancelled(Exception):
    """The read was cancelled part-way; nothing of it is kept."""


def check(cancel: CancelCheck) -> None:
    """Raise :class:`Cancelled` when ``cancel`` says so.

    Parameters
    ----------
    cancel : callable or None
        ``None`` never cancels.

    Raises
    ------
    Cancelled
    """
    if cancel is not None and cancel():
        raise Cancelled("cancelled")
