"""One long export off the GUI thread: progress, cancel and the outcome as Qt signals.

The animation dialog and the lesson export both run their export through
:class:`ExportWorker`: the export function gets a ``progress(done, total)``
callback and a ``cancel()`` poll, and its outcome comes back as exactly one of
:attr:`ExportWorker.succeeded` (the path written), :attr:`~ExportWorker.failed`
(a message for the user) or :attr:`~ExportWorker.cancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from explorer.render.page import ExportCancelled, ExportError

__all__ = ["ExportWorker"]


class ExportWorker(QThread):
    """Runs ``export(**kwargs, progress=..., cancel=...)`` on its own thread.

    Parameters
    ----------
    export
        The export function (it returns the path written; raises
        :class:`ExportCancelled` when cancelled, :class:`ExportError` on a
        failure the user can act on).
    kwargs
        Its other arguments.
    parent
        The Qt parent.
    """

    progressed = Signal(int, int)
    succeeded = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, export: Callable[..., Any], kwargs: dict[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.export = export
        self.kwargs = kwargs
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the export to stop at its next check (before its next frame, page or pair of records)."""
        self._cancel.set()

    def run(self) -> None:  # noqa: D102 (QThread API)
        try:
            path = self.export(**self.kwargs, progress=lambda d, n: self.progressed.emit(d, n),
                               cancel=self._cancel.is_set)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - report anything, never die silently in a thread
            self.failed.emit(f"unexpected error: {exc!r}")
        else:
            self.succeeded.emit(str(path))
