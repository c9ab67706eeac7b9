"""Opening the user's source documents: a loader thread, progress, cancel, problems.

The window never reads files itself.  :class:`QtSourceManager` runs
:meth:`~explorer.sources.library.SourceLibrary.add` on a :class:`QThread`
(:class:`SourceLoadThread`), reports each file as it is read, stops when asked,
and hands the finished :class:`~explorer.sources.library.SourceLibrary` to the UI
thread in one piece.  The UI only ever swaps whole libraries: a library being
built is never read by the panel, so no lock is needed.

What was opened (folders and files) is remembered in the settings (under
:data:`SETTINGS_KEY`, through :class:`explorer.qt.settings.AppSettings`) and
reopened at the next start when it still exists.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.qt.gcpolicy import LoadingCollector, quiet_collector_while_loading
from explorer.qt.settings import KEY_SOURCES, AppSettings
from explorer.sources.catalogue import Catalogue
from explorer.sources.resolving import resolve_in
from explorer.sources.documents import DEFAULT_MAX_BYTES, DOCUMENT_SUFFIXES
from explorer.war.events import Event
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import LinkIndex

__all__ = ["DROP_SUFFIXES", "SETTINGS_KEY", "LatestCall", "QtSourceManager", "SourceLoadThread", "SourceProblemsDialog",
           "droppable_paths"]

#: QSettings key holding the list of opened folders and files.
SETTINGS_KEY = KEY_SOURCES
#: How many names of skipped (non-document) files the problem list spells out.
SKIPPED_NAMES = 20
#: File endings accepted when dropped on the window (folders are always accepted).
DROP_SUFFIXES = frozenset(s for s in DOCUMENT_SUFFIXES if s)


def droppable_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The folders and document files among ``paths`` (others are left out).

    Parameters
    ----------
    paths : iterable of str or pathlib.Path
        Local paths, for example from the URLs of a drop.

    Returns
    -------
    list of pathlib.Path
    """
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir() or (p.is_file() and p.suffix.lower() in DROP_SUFFIXES):
            out.append(p)
    return out


def citation_problems(library: SourceLibrary, events: Sequence[Event]) -> list[str]:
    """Citations of the chronology whose source is open but whose passage is not found.

    Parameters
    ----------
    library : SourceLibrary
    events : sequence of Event

    Returns
    -------
    list of str
        One sentence per orphaned citation (citations of sources that are not
        open are not checked).
    """
    out = []
    for e in events:
        for c in e.citations:
            if c.source not in library.documents:
                continue
            res = resolve_in(library, c)
            if res.orphaned:
                out.append(f"event \u201c{e.title}\u201d ({e.id}): the passage it cites in {c.source} "
                           f"was not found: {res.note}")
    return out


class LatestCall(QObject):
    """Pass on only the latest of many calls, at most one every ``interval_ms`` (progress bars).

    A folder of 5,000 documents reports 5,000 files; repainting the progress
    bar for each cost the window 0.15 ms apiece, and a burst of them queued up
    behind a busy moment came out as one long stall.  :meth:`push` remembers the
    call; the first after a quiet spell runs at once, the others at most every
    ``interval_ms``, the last one always.

    Parameters
    ----------
    parent : QObject or None
    interval_ms : int
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 50) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self._last = float("-inf")
        self._pending: tuple | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def push(self, fn, *args) -> None:
        """Call ``fn(*args)`` now, or later in place of any call pushed before it."""
        self._pending = (fn, args)
        wait = self._last + self.interval - time.perf_counter()
        if wait <= 0:
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000)))

    def flush(self) -> None:
        """Make the waiting call now (nothing if none waits)."""
        self._timer.stop()
        pending, self._pending = self._pending, None
        if pending is not None:
            self._last = time.perf_counter()
            pending[0](*pending[1])

    def drop(self) -> None:
        """Forget the waiting call."""
        self._timer.stop()
        self._pending = None


class SourceLoadThread(QThread):
    """Reads documents into a new library off the UI thread.

    Parameters
    ----------
    paths : sequence of pathlib.Path
        Folders and files to read, in order.
    events : sequence of Event
        The chronology, to check its citations against the documents read.
    catalogue : Catalogue or None
        Recognises the catalogued sources (the bundled catalogue by default).
    max_bytes : int
        Larger files are refused (and listed among the problems).
    excluded : iterable of str
        Real paths of files not to read (removed by the user from an open folder).

    Signals
    -------
    progress(done, total, path)
        After each file.
    pages(done, total, path)
        Every few pages of a PDF being read.
    loaded(library, index, citation_problems)
        At the end, unless cancelled or failed: the library, its
        :class:`~explorer.sources.linking.LinkIndex` with the events (built here,
        so the UI thread never pays for it) and the orphaned citations.
    failed(message)
        An unexpected error stopped the loading.
    """

    progress = Signal(int, int, str)
    pages = Signal(int, int, str)
    loaded = Signal(object, object, object)
    failed = Signal(str)

    def __init__(self, paths: Sequence[Path], events: Sequence[Event], catalogue: Catalogue | None,
                 parent: QObject | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 settings: AppSettings | None = None, excluded: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else AppSettings()
        self.paths = list(paths)
        self.excluded = set(excluded)
        self.events = list(events)
        self.catalogue = catalogue
        self.max_bytes = max_bytes
        self._cancel = threading.Event()
        self.cancelled = False
        self.seconds = 0.0
        #: How many passages of the library read carry a date (references and metadata aside).
        self.dated = 0

    def cancel(self) -> None:
        """Stop reading (safe from any thread): within a page or a few passages, even inside a big PDF."""
        self._cancel.set()

    def run(self) -> None:
        with quiet_collector_while_loading() as collector:
            self._run(collector)

    def _run(self, collector: LoadingCollector) -> None:
        t0 = time.perf_counter()
        try:
            lib = SourceLibrary(self.catalogue, self.max_bytes)
            lib.excluded = set(self.excluded)
            missing = [p for p in self.paths if not p.exists()]
            for p in missing:
                lib.problems.append((p, f"{p}: no such file or folder"))
            lib.add([p for p in self.paths if p.exists()],
                    lambda done, total, path: self.progress.emit(done, total, str(path)),
                    self._cancel.is_set,
                    lambda done, total, path: self.pages.emit(done, total, str(path)))
            if lib.cancelled or self._cancel.is_set():
                self.cancelled = True
                return
            problems = citation_problems(lib, self.events)
            index = LinkIndex(lib, self.events)
            # Counted here, not on the UI thread when the load ends (5,000 documents: ~10 ms).
            self.dated = sum(1 for p in lib.all_passages() if p.dates and p.kind not in ("reference", "metadata"))
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        finally:
            self.seconds = time.perf_counter() - t0
        collector.built = True
        self.loaded.emit(lib, index, problems)


class QtSourceManager(QObject):
    """Owns the open :class:`SourceLibrary` and the loading of new ones.

    Parameters
    ----------
    events : sequence of Event
        The chronology (its citations are checked against what is loaded).
    catalogue : Catalogue or None
        The source catalogue (bundled by default).
    parent : QObject or None
    max_bytes : int
        Larger files are refused (and listed among the problems).
    settings : AppSettings or None
        Where the open sources are remembered (the user's settings by default).

    Attributes
    ----------
    library : SourceLibrary or None
        What is open now; ``None`` before anything was loaded.
    index : LinkIndex or None
        The date index of :attr:`library` with the events.
    paths : list of pathlib.Path
        The folders and files the library was read from.
    citation_problems : list of str
        Orphaned citations found in the open library.
    excluded : set of str
        Real paths of documents the user removed from a folder that stays open.

    Signals
    -------
    started(total_paths)
        A load began.
    progress(done, total, path)
        A file was read.
    pages(done, total, path)
        Some pages of a PDF were read (a long book shows its progress).
    libraryChanged(library)
        A load finished; the new library is in :attr:`library`.
    finished(message)
        A load ended (loaded, cancelled or failed), with a sentence for the status bar.
    """

    started = Signal(int)
    progress = Signal(int, int, str)
    pages = Signal(int, int, str)
    libraryChanged = Signal(object)
    finished = Signal(str)

    def __init__(self, events: Sequence[Event], catalogue: Catalogue | None = None,
                 parent: QObject | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else AppSettings()
        self.events = list(events)
        self.catalogue = catalogue
        self.max_bytes = max_bytes
        self.library: SourceLibrary | None = None
        self.index: LinkIndex | None = None
        self.paths: list[Path] = []
        self.citation_problems: list[str] = []
        self.last_message = ""
        self._thread: SourceLoadThread | None = None
        self._pending_paths: list[Path] = []
        self._remember = True
        self.excluded: set[str] = set()
        self._pending_excluded: set[str] = set()
        #: A sentence put before the next "N source documents open" message (what the command line did).
        self.notice = ""

    # ------------------------------------------------------------------ queries

    def is_loading(self) -> bool:
        """Whether a load runs now."""
        return self._thread is not None

    def problems(self) -> list[str]:
        """Every problem of the open library: unreadable files, then orphaned citations.

        Files passed over because they are not documents (pictures, spreadsheets, ...)
        are summed up in one more line, so the user learns why they are missing.
        """
        if self.library is None:
            return []
        out = [msg for _p, msg in self.library.problems] + list(self.citation_problems)
        skipped = self.library.skipped
        if skipped:
            names = ", ".join(p.name for p in skipped[:SKIPPED_NAMES])
            more = f" and {len(skipped) - SKIPPED_NAMES} more" if len(skipped) > SKIPPED_NAMES else ""
            out.append(f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} not read because "
                       f"{'they are' if len(skipped) != 1 else 'it is'} not a document type (text, Markdown, HTML, "
                       f"PDF, Word, OpenDocument, EPUB): {names}{more}")
        return out

    # ------------------------------------------------------------------ loading

    def open_folder(self, folder: str | Path, remember: bool = True) -> None:
        """Replace the open sources with the documents of ``folder`` (read in the background)."""
        self._start([Path(folder)], remember, excluded=set())

    def open_with_remembered(self, folder: str | Path) -> str:
        """Open ``folder`` together with the sources remembered from the last run (``--sources DIR``).

        Nothing the user had open is dropped: the remembered folders and files
        that still exist are opened too, and all are remembered.

        Returns
        -------
        str
            The sentence the window shows about what it opened.
        """
        folder = Path(folder)
        try:
            stored = self.remembered()
            self.excluded = self.remembered_excluded()
        except Exception:  # noqa: BLE001 - a broken settings file never stops the start
            stored = []
        known = {folder.resolve()}
        kept = [p for p in stored if p.exists() and p.resolve() not in known]
        gone = [p for p in stored if not p.exists()]
        note = f"Opened {folder}"
        if kept:
            names = ", ".join(str(p) for p in kept[:3]) + (" ..." if len(kept) > 3 else "")
            note += f" with the sources open last time ({names}); remove any in View > Sources"
        if gone:
            note += f"; {len(gone)} remembered source{'s' if len(gone) != 1 else ''} no longer exist{'s' if len(gone) == 1 else ''}"
        self.notice = note + "."
        self._start([folder] + kept, True, excluded=self.excluded)
        return self.notice

    def remove_documents(self, paths: Iterable[str | Path]) -> None:
        """Close documents: a file opened by itself is forgotten, one of an open folder is excluded.

        The library is read again without them (in the background).  Files on
        disk are never touched.
        """
        remove = {Path(p).resolve() for p in paths}
        kept = [p for p in self.paths if p.resolve() not in remove]
        excluded = set(self.excluded)
        opened = {p.resolve() for p in self.paths}
        excluded |= {str(p) for p in remove if p not in opened}
        self._start(kept, True, excluded=excluded)

    def rescan(self) -> None:
        """Read the open folders and files again (new, changed and deleted files are noticed)."""
        self._start(list(self.paths), self._remember, excluded=self.excluded)

    def add_paths(self, paths: Iterable[str | Path], remember: bool = True) -> None:
        """Add folders or files to the open sources (the library is read again with them)."""
        new = [Path(p) for p in paths]
        known = {p.resolve() for p in self.paths}
        merged = list(self.paths) + [p for p in new if p.resolve() not in known]
        excluded = self.excluded - {str(p.resolve()) for p in new}
        self._start(merged, remember, excluded=excluded)

    def _start(self, paths: list[Path], remember: bool, excluded: set[str] | None = None) -> None:
        if self._thread is not None:
            old = self._thread
            old.cancel()
            old.wait()
            self._cleanup(old)
        self._pending_excluded = set(self.excluded if excluded is None else excluded)
        thread = SourceLoadThread(paths, self.events, self.catalogue, self, self.max_bytes, settings=self.settings,
                                  excluded=self._pending_excluded)
        self._pending_paths = paths
        self._remember = remember
        thread.progress.connect(self.progress)
        thread.pages.connect(self.pages)
        thread.loaded.connect(self._on_loaded)
        thread.failed.connect(self._on_failed)
        thread.finished.connect(lambda t=thread: self._on_thread_finished(t))
        self._thread = thread
        self.started.emit(len(paths))
        thread.start()

    def cancel(self) -> None:
        """Stop the load that runs (the sources open before it stay open)."""
        if self._thread is not None:
            self._thread.cancel()

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Run the event loop until no load runs (for screenshots and tests).

        Returns
        -------
        bool
            False when the time ran out first.
        """
        if self._thread is None:
            return True
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        if self._thread is not None:
            loop.exec()
        self.finished.disconnect(loop.quit)
        return self._thread is None

    def _on_loaded(self, library: SourceLibrary, index: LinkIndex, problems: list[str]) -> None:
        if self.sender() is not self._thread:
            return  # a superseded load
        self.library = library
        self.index = index
        self.paths = list(self._pending_paths)
        self.excluded = set(self._pending_excluded)
        self.citation_problems = list(problems)
        if self._remember:
            self.remember()
        self.libraryChanged.emit(library)

    def _on_failed(self, message: str) -> None:
        if self.sender() is self._thread:
            self.last_message = f"Could not read the sources: {message}"

    def _on_thread_finished(self, thread: SourceLoadThread) -> None:
        if thread is not self._thread:
            return
        if thread.cancelled:
            self.last_message = "Loading the sources was cancelled; the sources open before stay open."
        elif self.library is not None and not self.last_message.startswith("Could not"):
            n = len(self.library.documents)
            npass = thread.dated
            bad = len(self.problems())
            self.last_message = (f"{self.notice + ' ' if self.notice else ''}"
                                 f"{n} source document{'s' if n != 1 else ''} open, {npass} dated passages"
                                 f" (read in {thread.seconds:.1f} s)"
                                 + (f"; {bad} problem{'s' if bad != 1 else ''}: File > Source problems"
                                    if bad else ""))
        self._cleanup(thread)
        self._thread = None
        self.notice = ""
        msg, self.last_message = self.last_message, ""
        self.finished.emit(msg)

    def _cleanup(self, thread: SourceLoadThread) -> None:
        for sig in (thread.progress, thread.pages, thread.loaded, thread.failed, thread.finished):
            try:
                sig.disconnect()
            except (RuntimeError, TypeError):
                pass
        thread.deleteLater()

    def shutdown(self) -> None:
        """Cancel and join a running load (before the window closes)."""
        if self._thread is not None:
            t = self._thread
            t.cancel()
            t.wait()
            self._cleanup(t)
            self._thread = None

    # ------------------------------------------------------------------ settings

    def remember(self) -> None:
        """Store :attr:`paths` and :attr:`excluded` in the settings."""
        self.settings.set_source_paths([str(p) for p in self.paths])
        self.settings.set_source_excluded(sorted(self.excluded))

    def remembered_excluded(self) -> set[str]:
        """The files removed from open folders, as stored in the settings."""
        return set(self.settings.source_excluded())

    def remembered(self) -> list[Path]:
        """The folders and files stored in the settings (existing or not)."""
        return [Path(v) for v in self.settings.source_paths() or []]

    def restore(self) -> str:
        """Reopen the remembered sources that still exist.

        Returns
        -------
        str
            A notice for the status bar ("" when there is nothing to say).
        """
        try:
            stored = self.remembered()
        except Exception:
            return "The remembered source folder could not be read from the settings."
        if not stored:
            return ""
        present = [p for p in stored if p.exists()]
        gone = [p for p in stored if not p.exists()]
        try:
            self.excluded = self.remembered_excluded()
        except Exception:  # noqa: BLE001
            self.excluded = set()
        if present:
            self._start(present, remember=bool(gone), excluded=self.excluded)
        if gone:
            names = ", ".join(str(p) for p in gone[:3]) + (" ..." if len(gone) > 3 else "")
            return (f"The source folder {names} no longer exists; open another with File > Open sources..."
                    if len(gone) == 1 else
                    f"These sources no longer exist: {names}; open others with File > Open sources...")
        return ""


class SourceProblemsDialog(QDialog):
    """Every problem of the open sources, in one list that can be copied.

    Parameters
    ----------
    problems : list of str
    parent : QWidget or None
    """

    def __init__(self, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source problems")
        self.setObjectName("sourceProblems")
        lay = QVBoxLayout(self)
        if problems:
            head = (f"{len(problems)} problem{'s' if len(problems) != 1 else ''} with the open sources. "
                    "Files listed here were not read; citations listed here are shown without their passage.")
        else:
            head = "No problem with the open sources."
        label = QLabel(head, self)
        label.setWordWrap(True)
        lay.addWidget(label)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(problems))
        self.text.setVisible(bool(problems))
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(640, 320 if problems else 120)
