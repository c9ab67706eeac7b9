"""The catalogue of known source documents, and recognising them by content.

``resources/sources.json`` lists the sources the chronology cites: author, title,
publication, date, address or DOI (``null`` when not known) and how to recognise
the document.  It holds no text of the documents, only hashes:

``fingerprints``
    the :func:`~explorer.sources.passages.fingerprint` of the document's longest
    body passages.  A document is recognised when at least two of them (or all,
    when fewer than two are stored) are fingerprints of its passages.
``shingles``
    a bottom-k sketch: the 64 smallest salted hashes (10 hex digits) of the
    word 5-shingles of the document's body passages.  A document whose word
    5-shingles contain at least half of them is recognised too, so a copy with
    small edits, a different paragraphing or another format (HTML, Markdown)
    still matches.

File names play no part.  ``python -m explorer.sources.catalogue update FILE
--set ID=PATH ...`` recomputes these hashes from documents on disk.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from explorer.core.paths import resources_dir
from explorer.sources.cancelling import CancelCheck, check
from explorer.sources.passages import Passage, normalise, segment

__all__ = [
    "Catalogue",
    "CatalogueEntry",
    "CatalogueError",
    "default_sources_path",
    "recognition_data",
    "resources_dir",
    "shingle_hashes",
]

#: How many fingerprints and sketch hashes are stored per source.
N_FINGERPRINTS = 8
SKETCH_SIZE = 64
SHINGLE_WORDS = 5
#: Share of a source's sketch that a document must contain to be recognised.
CONTAINMENT_THRESHOLD = 0.5
_SALT = b"korean-war-explorer/shingle/"
_WORD = re.compile(r"\w+")
_BODY_KINDS = ("paragraph", "entry")


class CatalogueError(Exception):
    """The catalogue file is missing or malformed; the message names the file."""


def default_sources_path() -> Path:
    """The bundled catalogue, ``resources/sources.json``."""
    return resources_dir() / "sources.json"


@dataclass(frozen=True)
class CatalogueEntry:
    """One known source.

    Attributes
    ----------
    id : str
        Catalogue id, used by citations ("weathersby-1999").
    title : str
        The title (without its subtitle; see :attr:`full_title`).
    author, subtitle, publication, date, url, doi : str or None
        Bibliographic facts; ``None`` when not known.
    note : str or None
        Anything a reader should know about the entry.
    fingerprints : tuple of str
        Fingerprints of some of the source's passages.
    shingles : tuple of str
        Bottom-k sketch of the source's word 5-shingles.
    """

    id: str
    title: str
    author: str | None = None
    subtitle: str | None = None
    publication: str | None = None
    date: str | None = None
    url: str | None = None
    doi: str | None = None
    note: str | None = None
    fingerprints: tuple[str, ...] = ()
    shingles: tuple[str, ...] = field(default=(), repr=False)

    @property
    def full_title(self) -> str:
        """Title and subtitle, joined by a colon."""
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    def citation_text(self) -> str:
        """A short human-readable reference: author, title, publication, date."""
        parts = [p for p in (self.author, self.full_title, self.publication, self.date) if p]
        return ", ".join(parts)


def _hash_shingle(shingle: str) -> str:
    return hashlib.sha256(_SALT + shingle.encode("utf-8")).hexdigest()[:10]


def shingle_hashes(text: str, cancel: CancelCheck = None) -> set[str]:
    """Salted hashes of the word 5-shingles of ``normalise(text)``.

    Parameters
    ----------
    text : str
    cancel : callable or None
        Checked every few thousand shingles (:class:`~explorer.sources.cancelling.Cancelled`).

    Returns
    -------
    set of str
    """
    words = _WORD.findall(normalise(text))
    n = SHINGLE_WORDS
    if cancel is None:
        return {_hash_shingle(" ".join(words[i:i + n])) for i in range(len(words) - n + 1)}
    out: set[str] = set()
    step = 5000
    for a in range(0, max(len(words) - n + 1, 0), step):
        check(cancel)
        out.update(_hash_shingle(" ".join(words[i:i + n])) for i in range(a, min(a + step, len(words) - n + 1)))
    return out


def recognition_data(text: str) -> dict[str, list[str]]:
    """Compute the recognition hashes of a document (no text is kept).

    Parameters
    ----------
    text : str
        The document text, as :func:`~explorer.sources.documents.read_document` gives it.

    Returns
    -------
    dict
        ``{"fingerprints": [...], "shingles": [...]}``.
    """
    body = [p for p in segment("", text, with_dates=False) if p.kind in _BODY_KINDS]
    longest = sorted(body, key=lambda p: (-len(p.text), p.index))[:N_FINGERPRINTS]
    fps = [p.fingerprint for p in sorted(longest, key=lambda p: p.index)]
    hashes: set[str] = set()
    for p in body:
        hashes |= shingle_hashes(p.text)
    return {"fingerprints": fps, "shingles": sorted(hashes)[:SKETCH_SIZE]}


def _opt_str(value: Any, where: str, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise CatalogueError(f"{where}: {key!r} must be a string or null")


class Catalogue:
    """The known sources, by id, with recognition by content.

    Parameters
    ----------
    entries : iterable of CatalogueEntry
    """

    def __init__(self, entries: Iterable[CatalogueEntry]) -> None:
        self.entries: list[CatalogueEntry] = list(entries)
        self._by_id = {e.id: e for e in self.entries}

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._by_id

    def get(self, source_id: str) -> CatalogueEntry | None:
        """The entry with id ``source_id``, or ``None``."""
        return self._by_id.get(source_id)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Catalogue:
        """Read a catalogue file (by default the bundled ``resources/sources.json``).

        Raises
        ------
        CatalogueError
            The file is missing or malformed.
        """
        path = Path(path) if path is not None else default_sources_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CatalogueError(f"{path}: the source catalogue is missing") from exc
        except (OSError, ValueError) as exc:
            raise CatalogueError(f"{path}: cannot read the source catalogue ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
            raise CatalogueError(f"{path}: expected an object with a 'sources' list")
        entries = []
        seen: set[str] = set()
        for i, item in enumerate(data["sources"]):
            where = f"{path}: source #{i}"
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
                raise CatalogueError(f"{where}: needs a non-empty string 'id'")
            where = f"{path}: source {item['id']!r}"
            if item["id"] in seen:
                raise CatalogueError(f"{where}: duplicate id")
            seen.add(item["id"])
            if not isinstance(item.get("title"), str):
                raise CatalogueError(f"{where}: needs a string 'title'")
            rec = item.get("recognise") or {}
            fps = rec.get("fingerprints", [])
            shs = rec.get("shingles", [])
            if not all(isinstance(f, str) and re.fullmatch(r"[0-9a-f]{16}", f) for f in fps):
                raise CatalogueError(f"{where}: recognise.fingerprints must be 16-hex strings")
            if not all(isinstance(s, str) and re.fullmatch(r"[0-9a-f]{10}", s) for s in shs):
                raise CatalogueError(f"{where}: recognise.shingles must be 10-hex strings")
            entries.append(CatalogueEntry(
                id=item["id"], title=item["title"],
                **{k: _opt_str(item.get(k), where, k)
                   for k in ("author", "subtitle", "publication", "date", "url", "doi", "note")},
                fingerprints=tuple(fps), shingles=tuple(shs),
            ))
        return cls(entries)

    @classmethod
    def bundled(cls) -> Catalogue:
        """The bundled catalogue, read once and cached."""
        return _bundled()

    def recognise(self, text: str, passages: Iterable[Passage] | None = None,
                  cancel: CancelCheck = None) -> CatalogueEntry | None:
        """Find the catalogue entry whose document ``text`` is, by content.

        Parameters
        ----------
        text : str
            A document's text.
        passages : iterable of Passage or None
            The text already cut into passages (a library loading it has), so
            that it is not cut again here.
        cancel : callable or None
            Checked while the text's shingles are hashed.

        Returns
        -------
        CatalogueEntry or None
            The best-matching entry, or ``None`` when none matches.
        """
        candidates = [e for e in self.entries if e.fingerprints or e.shingles]
        if not candidates:
            return None
        cut = passages if passages is not None else segment("", text, with_dates=False, cancel=cancel)
        fps = {p.fingerprint for p in cut}
        hashes: set[str] | None = None
        best: tuple[float, CatalogueEntry] | None = None
        for entry in candidates:
            hits = sum(1 for f in entry.fingerprints if f in fps)
            needed = min(2, len(entry.fingerprints))
            score = 0.0
            if entry.fingerprints and hits >= needed:
                score = 1.0 + hits / len(entry.fingerprints)
            elif entry.shingles:
                if hashes is None:
                    hashes = shingle_hashes(text, cancel)
                share = sum(1 for s in entry.shingles if s in hashes) / len(entry.shingles)
                if share >= CONTAINMENT_THRESHOLD:
                    score = share
            if score > 0 and (best is None or score > best[0]):
                best = (score, entry)
        return best[1] if best else None


@lru_cache(maxsize=1)
def _bundled() -> Catalogue:
    return Catalogue.load()


def _format_sources(data: dict) -> str:
    """Indent-2 JSON, with the hash lists kept on a few lines."""
    text = json.dumps(data, indent=2, ensure_ascii=False)

    def compact(m: re.Match[str]) -> str:
        items = re.findall(r'"[0-9a-f]+"', m.group(2))
        indent = m.group(1)
        lines, line = [], []
        for it in items:
            line.append(it)
            if len(line) == 6:
                lines.append(", ".join(line))
                line = []
        if line:
            lines.append(", ".join(line))
        inner = (",\n" + indent + "  ").join(lines)
        return f'": [\n{indent}  {inner}\n{indent}]'

    text = re.sub(r'": \[\n( *)  ((?:"[0-9a-f]{10,16}",?\s*)+)\n\1\]', compact, text)
    return text + "\n"
