"""A folder of source documents, read and cut into passages.

:class:`SourceLibrary` holds no Qt object: it is built on a worker thread by
:meth:`SourceLibrary.load`, which reports progress through a plain callable and
stops early when another callable says so.
"""

from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Callable, Iterable

from explorer.sources.cancelling import Cancelled, check
from explorer.sources.catalogue import Catalogue
from explorer.sources.documents import (
    DEFAULT_MAX_BYTES,
    DOCUMENT_SUFFIXES,
    Document,
    DocumentError,
    read_document,
)
from explorer.sources.passages import Passage, assign_dates, normalise, read_passage_dates, segment
from explorer.sources.places import PlaceMatcher

__all__ = ["ProgressCallback", "CancelCallback", "PageCallback", "SourceLibrary"]

#: ``progress(done, total, path)`` is called after each file.
ProgressCallback = Callable[[int, int, Path], None]
#: ``pages(done, total, path)`` is called every few pages while a PDF is read.
PageCallback = Callable[[int, int, Path], None]
#: ``cancel()`` returning True stops loading, within a page or a few passages even inside a big file.
CancelCallback = Callable[[], bool]


def _looks_text(path: Path) -> bool:
    """Whether an extensionless file looks like text (no NUL in its first 8 KiB)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return True  # let read_document report the problem
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


class SourceLibrary:
    """The user's source documents and their passages.

    Parameters
    ----------
    catalogue : Catalogue or None
        Used to recognise documents; the bundled catalogue by default.
    max_bytes : int
        Larger files are refused.
    places : PlaceMatcher or None
        Finds the places each passage names; the bundled gazetteer by default.

    Attributes
    ----------
    documents : dict of str to Document
        The loaded documents by id, in loading order.
    problems : list of (pathlib.Path, str)
        Files that could not be loaded, with a message naming the file.
    skipped : list of pathlib.Path
        Files passed over because their type is not a document type.
    cancelled : bool
        Whether the last :meth:`load`/:meth:`add` stopped early.
    generation : int
        Increases whenever documents are added; lets caches notice changes.
    excluded : set of str
        Real paths of files never to read (documents the user removed from a
        folder that stays open).
    """

    def __init__(self, catalogue: Catalogue | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 places: PlaceMatcher | None = None) -> None:
        self.catalogue = catalogue if catalogue is not None else Catalogue.bundled()
        self.places = places if places is not None else PlaceMatcher.bundled()
        self.max_bytes = max_bytes
        self.documents: dict[str, Document] = {}
        self.problems: list[tuple[Path, str]] = []
        self.skipped: list[Path] = []
        self.cancelled = False
        self.generation = 0
        self._passages: dict[str, list[Passage]] = {}
        self._by_place: tuple[int, int, dict[str, list[Passage]]] | None = None
        #: Documents with year-less dates and no year written anywhere.
        self._yearless: set[str] = set()
        #: The year inferred for each of them (None: none won), per chronology.
        self.inferred_years: dict[str, int | None] = {}
        self._inferred_key: object = None
        self._norm: dict[str, list[str]] = {}
        self._real_paths: dict[str, str] = {}
        self.excluded: set[str] = set()

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(
        cls,
        folder: str | Path,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
        *,
        catalogue: Catalogue | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> SourceLibrary:
        """Read every document under ``folder``.

        The folder is walked recursively, following symbolic links but never
        entering a folder twice (real paths are tracked, so link loops end),
        skipping hidden files and folders.  Files ending in .txt, .md,
        .markdown, .html, .htm, .xhtml, .pdf, .docx, .odt and .epub (and
        extensionless text files) are read; the others are listed in
        :attr:`skipped`.

        Parameters
        ----------
        folder : str or pathlib.Path
        progress : callable or None
            ``progress(done, total, path)`` after each file.
        cancel : callable or None
            Checked before each file, and while a file is read (page by page in
            a PDF, every few blocks while the text is cut and its dates and
            places are read); when it returns True loading stops and
            :attr:`cancelled` is set.  A file being read when the load is
            cancelled is not added.
        catalogue : Catalogue or None
        max_bytes : int

        Returns
        -------
        SourceLibrary

        Raises
        ------
        NotADirectoryError
            ``folder`` is not a folder.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise NotADirectoryError(f"{folder}: not a folder")
        lib = cls(catalogue, max_bytes)
        lib.add(lib._walk(folder), progress, cancel)
        return lib

    def _walk(self, folder: Path) -> list[Path]:
        files: list[Path] = []
        seen_dirs: set[str] = set()
        for root, dirs, names in os.walk(folder, followlinks=True, onerror=self._walk_error):
            real = os.path.realpath(root)
            if real in seen_dirs:
                dirs[:] = []
                continue
            seen_dirs.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and os.path.realpath(os.path.join(root, d)) not in seen_dirs)
            for name in sorted(names):
                if name.startswith("."):
                    continue
                files.append(Path(root) / name)
        return files

    def _walk_error(self, exc: OSError) -> None:
        self.problems.append((Path(exc.filename or ""), f"{exc.filename}: cannot list the folder ({exc.strerror})"))

    def add(
        self,
        paths: Iterable[str | Path],
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
        pages: PageCallback | None = None,
    ) -> list[Document]:
        """Read more documents (a folder's files, or files dropped on the window).

        Files already loaded (same real path), files that are the same catalogue
        source as one already loaded, and files of other types are not added; the
        first two are reported in :attr:`problems`, the last listed in
        :attr:`skipped`.  Folders among ``paths`` are walked as by :meth:`load`.

        Parameters
        ----------
        paths : iterable of str or pathlib.Path
        progress, cancel : callable or None
            As for :meth:`load`.
        pages : callable or None
            ``pages(done, total, path)`` every few pages while a PDF is read.

        Returns
        -------
        list of Document
            The documents added.
        """
        todo: list[Path] = []
        for p in paths:
            p = Path(p)
            if p.is_dir():
                todo.extend(self._walk(p))
            else:
                todo.append(p)
        added: list[Document] = []
        self.cancelled = False
        total = len(todo)
        for done, path in enumerate(todo, 1):
            if cancel is not None and cancel():
                self.cancelled = True
                break
            try:
                doc = self._load_one(path, pages, cancel)
            except Cancelled:
                self.cancelled = True
                break
            if doc is not None:
                added.append(doc)
            if progress is not None:
                progress(done, total, path)
        if added:
            self.generation += 1
        return added

    def _load_one(self, path: Path, pages: PageCallback | None = None,
                  cancel: CancelCallback | None = None) -> Document | None:
        """Read one file into the library (``None`` if it is not added); :class:`Cancelled` leaves no trace."""
        suffix = path.suffix.lower()
        if suffix not in DOCUMENT_SUFFIXES:
            self.skipped.append(path)
            return None
        if suffix == "" and path.is_file() and not _looks_text(path):
            self.skipped.append(path)
            return None
        real = os.path.realpath(path)
        if real in self._real_paths.values() or real in self.excluded:
            return None
        try:
            on_page = None if pages is None else (lambda done, total: pages(done, total, path))
            doc = read_document(path, catalogue=self.catalogue, max_bytes=self.max_bytes, progress=on_page,
                                cancel=cancel)
        except DocumentError as exc:
            self.problems.append((path, str(exc)))
            return None
        if doc.id in self.documents and doc.id in self.catalogue:
            first = self.documents[doc.id].path
            self.problems.append((path, f"{path}: the same source as {first} ({doc.id}); not loaded twice"))
            return None
        passages = doc.passages if doc.passages is not None else segment(doc.id, doc.text, with_dates=False,
                                                                          cancel=cancel)
        yearless = not assign_dates(passages, cancel=cancel) and any(read_passage_dates(passages, 1950,
                                                                                        cancel=cancel)[0])
        find = self.places.find
        for k, p in enumerate(passages):
            if k % 20 == 19:
                check(cancel)
            if p.kind not in ("reference", "metadata"):
                p.places = find(p.text)
        # Nothing is changed above this line: a cancelled read leaves the library as it was.
        if doc.id in self.documents:
            base, n = doc.id, 2
            while f"{base}-{n}" in self.documents:
                n += 1
            doc.id = f"{base}-{n}"
        # The cut made while reading (recognition needed it), under the id the document has now.
        for p in passages:
            p.doc_id = doc.id
        if yearless:
            self._yearless.add(doc.id)
        self.problems.extend((path, note) for note in doc.notes)
        if doc.page_starts:
            for p in passages:
                label = doc.page_at(p.start)
                p.page = int(label) if label is not None and label.isdigit() else None
        self.documents[doc.id] = doc
        self._passages[doc.id] = passages
        self._real_paths[doc.id] = real
        return doc

    # ------------------------------------------------------------------ access

    def passages(self, doc_id: str) -> list[Passage]:
        """The passages of document ``doc_id`` in order (KeyError if not loaded)."""
        return self._passages[doc_id]

    def page_of(self, passage: Passage) -> str | None:
        """The page a passage begins on, as printed in its document ("145"), or ``None``.

        ``None`` for documents without pages (text, Markdown, HTML, DOCX, ODT,
        EPUB) and for passages of documents that are not open.
        """
        doc = self.documents.get(passage.doc_id)
        return doc.page_at(passage.start) if doc is not None else None

    def dated_count(self, doc_id: str) -> int:
        """How many passages of ``doc_id`` carry a date (references and metadata aside)."""
        return sum(1 for p in self._passages[doc_id] if p.dates and p.kind not in ("reference", "metadata"))

    def problems_of(self, path: str | Path) -> list[str]:
        """The problems reported for one file (notes on what was capped or left out, or why it was not read)."""
        real = os.path.realpath(path)
        return [msg for p, msg in self.problems if os.path.realpath(p) == real]

    def all_passages(self) -> list[Passage]:
        """Every passage of every document, document by document."""
        return [p for doc_id in self.documents for p in self._passages[doc_id]]

    def passages_by_source(self) -> dict[str, list[Passage]]:
        """The passages of each document by id (what :func:`~explorer.sources.anchors.resolve` takes)."""
        return dict(self._passages)

    def infer_years(self, events) -> dict[str, int | None]:
        """Give the documents that write no year the year their entries agree on with *events*.

        See :mod:`explorer.sources.yearguess`; their dates are marked ``inferred``.
        Done once per set of documents and chronology; :class:`~explorer.sources.linking.LinkIndex`
        calls it.

        Parameters
        ----------
        events : sequence
            The chronology's events (``start``, ``end``, ``title``, ``summary``).

        Returns
        -------
        dict of str to int or None
            :attr:`inferred_years`.
        """
        from explorer.sources.yearguess import infer_year

        events = list(events)
        key = (self.generation, tuple((e.start, e.end, e.title) for e in events))
        if key == self._inferred_key:
            return self.inferred_years
        for doc_id in sorted(self._yearless):
            if doc_id not in self._passages:
                continue
            passages = self._passages[doc_id]
            year = infer_year(passages, events) if events else None
            self.inferred_years[doc_id] = year
            assign_dates(passages, year, year_inferred=year is not None)
        self._inferred_key = key
        return self.inferred_years

    def passages_naming(self, place: str) -> list[Passage]:
        """The passages naming *place* (a gazetteer name), in document order.

        The index by place is built on the first call after documents change
        (a new :attr:`generation` or another number of documents).
        """
        key = (self.generation, len(self.documents))
        if self._by_place is None or self._by_place[:2] != key:
            by_place: dict[str, list[Passage]] = {}
            for p in self.all_passages():
                for name in p.places:
                    by_place.setdefault(name, []).append(p)
            self._by_place = (*key, by_place)
        return list(self._by_place[2].get(place, ()))

    def title(self, doc_id: str) -> str:
        """The title of a loaded document, else of the catalogue entry, else the id."""
        if doc_id in self.documents:
            return self.documents[doc_id].title
        entry = self.catalogue.get(doc_id)
        return entry.full_title if entry else doc_id

    def search(self, words: str | Iterable[str]) -> list[Passage]:
        """Passages containing all ``words`` (case-insensitive, normalised).

        Parameters
        ----------
        words : str or iterable of str
            A string is split on whitespace.

        Returns
        -------
        list of Passage
            In document order; empty when no word is given.
        """
        if isinstance(words, str):
            words = words.split()
        needles = [normalise(w) for w in words]
        needles = [w for w in needles if w]
        if not needles:
            return []
        out = []
        for doc_id in self.documents:
            norms = self._norm.get(doc_id)
            if norms is None:
                norms = self._norm[doc_id] = [normalise(p.text) for p in self._passages[doc_id]]
            for p, n in zip(self._passages[doc_id], norms):
                if all(w in n for w in needles):
                    out.append(p)
        return out
