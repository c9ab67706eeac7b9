"""Anchor citations to passages, and find them again after the documents change.

A citation names a source, a short quote (fewer than ten words) and, once filled,
the index and fingerprint of the passage holding the quote.  Like the W3C Web
Annotation selectors and the Hypothesis client, resolution tries, in order:

1. ``exact``: a passage of the source with the stored fingerprint (the nearest to
   the stored index if several);
2. ``position``: the passage at the stored index, if it still holds the quote;
3. ``quote``: a passage holding the quote (the nearest to the stored index);
4. ``fuzzy``: the passage, within :data:`FUZZY_WINDOW` passages of the stored index,
   holding a run of words whose similarity with the quote (both normalised) is at
   least :data:`FUZZY_THRESHOLD`: the Indel ratio ``2 * LCS / (len(a) + len(b))``
   computed by rapidfuzz (C++), windows of the quote's length in words give or
   take two;
5. otherwise ``orphaned``: the citation is reported and attached nowhere.

Command line::

    python -m explorer.sources.anchors fill FILE --sources DIR
    python -m explorer.sources.anchors check FILE --sources DIR

``fill`` writes "passage" and "fingerprint" into every citation of FILE (the
``events[*].citations`` of resources/events.json or the
``features[*].properties.citations`` of a GeoJSON file) from its source and quote,
reports the quotes it cannot find (exit status 1) and rewrites FILE atomically.
``check`` prints one line per citation that is orphaned or has moved, and exits
with status 1 when any is orphaned.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Iterator, Mapping, Sequence

if TYPE_CHECKING:
    from explorer.sources.passages import Passage

__all__ = [
    "FUZZY_THRESHOLD",
    "FUZZY_WINDOW",
    "MAX_QUOTE_WORDS",
    "Citation",
    "Resolution",
    "citations_in",
    "fill_citations",
    "find_quote",
    "resolve",
]

#: A quote kept as an anchor has at most this many words.
MAX_QUOTE_WORDS = 9
#: Minimum similarity (rapidfuzz ``fuzz.ratio`` / 100) of a fuzzy match.
FUZZY_THRESHOLD = 0.85
#: A fuzzy match is looked for within this many passages of the stored index.
FUZZY_WINDOW = 25
STATUSES = ("exact", "position", "quote", "fuzzy", "orphaned")


@dataclass
class Citation:
    """A pointer from our data to a passage of a source.

    Attributes
    ----------
    source : str
        Catalogue id of the source.
    quote : str
        Words of the passage, at most :data:`MAX_QUOTE_WORDS`.
    passage : int or None
        Index of the passage when the citation was filled.
    fingerprint : str or None
        Fingerprint of that passage.

    Raises
    ------
    ValueError
        The quote is empty or longer than :data:`MAX_QUOTE_WORDS` words.
    """

    source: str
    quote: str
    passage: int | None = None
    fingerprint: str | None = None

    def __post_init__(self) -> None:
        n = len(self.quote.split())
        if n == 0:
            raise ValueError(f"citation of {self.source!r}: the quote is empty")
        if n > MAX_QUOTE_WORDS:
            raise ValueError(
                f"citation of {self.source!r}: the quote has {n} words, more than {MAX_QUOTE_WORDS}: {self.quote!r}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Citation:
        """Build a citation from its JSON object.

        Raises
        ------
        ValueError
            A field is missing or of the wrong type, or the quote is too long.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a citation must be an object")
        source, quote = data.get("source"), data.get("quote")
        if not isinstance(source, str) or not source:
            raise ValueError("a citation needs a 'source' string")
        if not isinstance(quote, str):
            raise ValueError(f"citation of {source!r} needs a 'quote' string")
        passage = data.get("passage")
        if passage is not None and (not isinstance(passage, int) or isinstance(passage, bool) or passage < 0):
            raise ValueError(f"citation of {source!r}: 'passage' must be a non-negative integer")
        fp = data.get("fingerprint")
        if fp is not None and (not isinstance(fp, str) or not re.fullmatch(r"[0-9a-f]{16}", fp)):
            raise ValueError(f"citation of {source!r}: 'fingerprint' must be 16 hex digits")
        return cls(source, quote, passage, fp)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the citation (unfilled fields left out)."""
        out: dict[str, Any] = {"source": self.source, "quote": self.quote}
        if self.passage is not None:
            out["passage"] = self.passage
        if self.fingerprint is not None:
            out["fingerprint"] = self.fingerprint
        return out


@dataclass(frozen=True)
class Resolution:
    """Where a citation landed.

    Attributes
    ----------
    status : str
        ``"exact"``, ``"position"``, ``"quote"``, ``"fuzzy"`` or ``"orphaned"``.
    passage : Passage or None
        The passage found; ``None`` when orphaned.
    note : str
        A sentence saying how it was found or why not.
    stored : int or None
        The passage index the citation had stored.
    """

    status: str
    passage: Passage | None
    note: str
    stored: int | None = None

    @property
    def moved(self) -> bool:
        """Whether a filled citation did not resolve exactly at its stored passage.

        An unfilled citation (no stored passage) has not moved; an orphaned one has.
        """
        if self.status == "orphaned":
            return True
        if self.stored is None:
            return False
        return self.status != "exact" or (self.passage is not None and self.passage.index != self.stored)

    @property
    def orphaned(self) -> bool:
        """Whether the citation could not be anchored."""
        return self.status == "orphaned"


def normalise(text: str) -> str:
    """:func:`explorer.sources.passages.normalise` (imported when first needed)."""
    # Imported here, not at the top: the events of the chronology carry citations
    # (explorer.war.events imports this module), and passages with its dates in
    # text cost about 15 ms of the window's start-up before the map's first paint
    # (tests/benchmarks/startup_child.py, measured with python -X importtime).
    from explorer.sources.passages import normalise as _normalise

    return _normalise(text)


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    """:func:`normalise`, cached: passages are compared with many quotes."""
    return normalise(text)


def _nearest(candidates: list[Passage], index: int | None) -> Passage:
    if index is None:
        return candidates[0]
    return min(candidates, key=lambda p: (abs(p.index - index), p.index))


def find_quote(quote: str, passages: Sequence[Passage]) -> list[Passage]:
    """The passages whose normalised text contains the normalised quote.

    Parameters
    ----------
    quote : str
    passages : sequence of Passage

    Returns
    -------
    list of Passage
        In document order.
    """
    q = normalise(quote)
    if not q:
        return []
    return [p for p in passages if q in _norm(p.text)]


def _best_window_ratio(quote_norm: str, passage_norm: str) -> float:
    """Best similarity between the quote and a run of the passage's words.

    The runs are the passage's word windows of the quote's length give or take
    two; the similarity is rapidfuzz's Indel ratio (``2 * LCS / total length``),
    the measure :class:`difflib.SequenceMatcher` approximates, computed in C++
    with a cut-off that skips hopeless windows early.
    """
    from rapidfuzz import fuzz, process

    qwords = quote_norm.split()
    words = passage_norm.split()
    if not qwords or not words:
        return 0.0
    n = len(qwords)
    windows: list[str] = []
    for size in sorted({max(1, n - 2), max(1, n - 1), n, n + 1, n + 2}):
        size = min(size, len(words))
        windows.extend(" ".join(words[i:i + size]) for i in range(0, len(words) - size + 1))
    best = process.extractOne(quote_norm, windows, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD * 100.0)
    return best[1] / 100.0 if best is not None else 0.0


def resolve(citation: Citation, passages_by_source: Mapping[str, Sequence[Passage]]) -> Resolution:
    """Find the passage a citation points at.

    Parameters
    ----------
    citation : Citation
    passages_by_source : mapping of str to sequence of Passage
        The passages of each loaded source, by catalogue id, in document order.

    Returns
    -------
    Resolution
        Never a silent re-attachment: anything but ``exact`` at the stored index
        says so in its status and note.
    """
    stored = citation.passage
    passages = passages_by_source.get(citation.source)
    if not passages:
        return Resolution("orphaned", None, f"source {citation.source!r} is not loaded", stored)
    if citation.fingerprint:
        same = [p for p in passages if p.fingerprint == citation.fingerprint]
        if same:
            p = _nearest(same, stored)
            if stored is None or p.index == stored:
                return Resolution("exact", p, "same passage", stored)
            return Resolution("exact", p, f"same text, moved from passage {stored} to {p.index}", stored)
    quote_norm = normalise(citation.quote)
    if stored is not None and 0 <= stored < len(passages):
        here = passages[stored]
        if quote_norm and quote_norm in _norm(here.text):
            note = "passage edited; the quote is still at its position" if citation.fingerprint else \
                "no fingerprint; the quote is at the stored position"
            return Resolution("position", here, note, stored)
    found = find_quote(citation.quote, passages)
    if found:
        p = _nearest(found, stored)
        extra = f" ({len(found)} passages hold it; took the nearest)" if len(found) > 1 else ""
        where = f"moved from passage {stored} to {p.index}" if stored is not None else f"found in passage {p.index}"
        return Resolution("quote", p, f"quote {where}{extra}", stored)
    if stored is not None:
        lo, hi = max(0, stored - FUZZY_WINDOW), min(len(passages), stored + FUZZY_WINDOW + 1)
        window = passages[lo:hi]
    else:
        window = list(passages)
    best: tuple[float, int, Passage] | None = None
    for p in window:
        if p.kind in ("reference", "metadata") and (stored is None or p.index != stored):
            continue
        r = _best_window_ratio(quote_norm, _norm(p.text))
        if r >= FUZZY_THRESHOLD:
            dist = abs(p.index - stored) if stored is not None else p.index
            if best is None or (r, -dist) > (best[0], -best[1]):
                best = (r, dist, p)
    if best is not None:
        note = f"quote matched fuzzily (ratio {best[0]:.2f}) in passage {best[2].index}"
        return Resolution("fuzzy", best[2], note, stored)
    where = f" near passage {stored}" if stored is not None else ""
    return Resolution("orphaned", None, f"quote not found{where}: {citation.quote!r}", stored)


# --------------------------------------------------------------------------- #
# files of citations
# --------------------------------------------------------------------------- #


def _is_anchor(c: Any) -> bool:
    """Whether a citation object is an anchor (has "source" or "quote"), not a title-only reference."""
    return isinstance(c, dict) and ("source" in c or "quote" in c)


def citations_in(data: Any) -> Iterator[tuple[str, dict]]:
    """Yield ``(label, citation_dict)`` for every anchored citation in an events or GeoJSON document.

    Citation objects without "source" and "quote" (literature cited by title only)
    are not anchors and are passed over.

    Parameters
    ----------
    data : object
        Parsed JSON: ``{"events": [{"id":..., "citations": [...]}, ...]}`` or a
        GeoJSON ``FeatureCollection`` whose features' properties hold ``citations``.

    Yields
    ------
    (str, dict)
        A label naming where the citation is, and the citation object itself
        (mutable, so callers may fill it).
    """
    if not isinstance(data, dict):
        return
    if isinstance(data.get("events"), list):
        for i, ev in enumerate(data["events"]):
            if not isinstance(ev, dict):
                continue
            name = ev.get("id", f"#{i}")
            for j, c in enumerate(ev.get("citations") or []):
                if _is_anchor(c):
                    yield f"event {name} citation {j}", c
    if isinstance(data.get("features"), list):
        for i, ft in enumerate(data["features"]):
            props = ft.get("properties") if isinstance(ft, dict) else None
            if not isinstance(props, dict):
                continue
            name = props.get("id") or props.get("date") or f"#{i}"
            for j, c in enumerate(props.get("citations") or []):
                if _is_anchor(c):
                    yield f"feature {name} citation {j}", c


def fill_citations(data: Any, passages_by_source: Mapping[str, Sequence[Passage]]) -> list[str]:
    """Fill "passage" and "fingerprint" of every citation in ``data`` in place.

    A citation whose stored passage still holds the quote keeps that passage (so an
    ambiguous quote stays where an author put it); otherwise the first paragraph
    or list entry holding the quote is taken (a heading, metadata or reference
    passage only when no paragraph or entry holds it).  The keys are inserted after "quote" when new, and
    updated in place otherwise.

    Parameters
    ----------
    data : object
        Parsed events or GeoJSON document.
    passages_by_source : mapping of str to sequence of Passage

    Returns
    -------
    list of str
        One message per citation that could not be filled (empty when all were).
    """
    problems: list[str] = []
    for label, c in citations_in(data):
        try:
            cit = Citation.from_dict(c)
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
            continue
        passages = passages_by_source.get(cit.source)
        if passages is None:
            problems.append(f"{label}: source {cit.source!r} is not among the loaded documents")
            continue
        found = find_quote(cit.quote, passages)
        if not found:
            problems.append(f"{label}: quote not found in {cit.source}: {cit.quote!r}")
            continue
        body = [p for p in found if p.kind in ("paragraph", "entry")] or found
        chosen = next((p for p in found if p.index == cit.passage), body[0])
        if len(found) > 1 and chosen.index != cit.passage:
            problems.append(
                f"{label}: warning: quote is in {len(found)} passages of {cit.source} "
                f"({', '.join(str(p.index) for p in found)}); took {chosen.index}")
        _set_after(c, "quote", "passage", chosen.index)
        _set_after(c, "passage", "fingerprint", chosen.fingerprint)
    return problems


def _set_after(d: dict, after: str, key: str, value: Any) -> None:
    if key in d:
        d[key] = value
        return
    items = list(d.items())
    d.clear()
    placed = False
    for k, v in items:
        d[k] = v
        if k == after:
            d[key] = value
            placed = True
    if not placed:
        d[key] = value


def _detect_indent(text: str) -> int | None:
    m = re.search(r"\n( +)\S", text)
    if m is None:
        return None
    return len(m.group(1))


def dump_like(data: Any, original: str) -> str:
    """Serialise ``data`` in the style of ``original``: its indent, UTF-8 text, final newline."""
    indent = _detect_indent(original)
    if indent is None:
        return json.dumps(data, ensure_ascii=False) + "\n"
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def _passages_of(folder: Path) -> tuple[dict[str, list[Passage]], list[tuple[Path, str]]]:
    from explorer.sources.library import SourceLibrary

    lib = SourceLibrary.load(folder)
    return {doc_id: lib.passages(doc_id) for doc_id in lib.documents}, lib.problems


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m explorer.sources.anchors``."""
    parser = argparse.ArgumentParser(prog="python -m explorer.sources.anchors",
                                     description="Fill or check the citation anchors of a data file.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("fill", "fill passage and fingerprint of every citation"),
                           ("check", "report citations that moved or are orphaned")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("file", type=Path, help="resources/events.json or a GeoJSON file")
        p.add_argument("--sources", type=Path, required=True, help="folder of source documents")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"{args.sources}: no such folder", file=sys.stderr)
        return 2
    try:
        original = args.file.read_text(encoding="utf-8")
        data = json.loads(original)
    except (OSError, ValueError) as exc:
        print(f"{args.file}: cannot read ({exc})", file=sys.stderr)
        return 2
    by_source, problems = _passages_of(args.sources)
    for _path, msg in problems:
        print(f"warning: {msg}", file=sys.stderr)
    if args.command == "fill":
        messages = fill_citations(data, by_source)
        failures = [m for m in messages if ": warning: " not in m]
        for m in messages:
            print(f"{args.file}: {m}")
        new = dump_like(data, original)
        if new != original:
            from explorer.core.atomic import atomic_write_text
            atomic_write_text(args.file, new)
        return 1 if failures else 0
    orphans = 0
    for label, c in citations_in(data):
        try:
            cit = Citation.from_dict(c)
        except ValueError as exc:
            print(f"{args.file}: {label}: ORPHANED: {exc}")
            orphans += 1
            continue
        res = resolve(cit, by_source)
        if res.orphaned:
            orphans += 1
            print(f"{args.file}: {label}: ORPHANED: {res.note}")
        elif res.moved:
            print(f"{args.file}: {label}: {res.status}: {res.note}")
    return 1 if orphans else 0


if __name__ == "__main__":
    sys.exit(main())
