"""Find the places a passage names, in every spelling the sources use.

The gazetteer (``geodata/places.geojson``, built from ``places.csv``) gives each
place its wartime name and its modern one; ``geodata/place_aliases.csv`` adds the
other spellings historians meet: McCune-Reischauer with breves and apostrophes
(``P'yŏngyang``, ``Hŭngnam``, ``Ch'ŏngch'ŏn``), Revised Romanization (``Busan``),
the Japanese colonial names (``Keijō``, ``Fusan``, ``Jinsen``, ``Heijō``,
``Genzan``, ``Kōnan``, ``Chōshin``), older Western ones (``Chemulpo``) and Hangul.

:class:`PlaceMatcher` folds every spelling and the text the same way (accents and
breves dropped, apostrophes dropped, a hyphen or a space between syllables optional)
and finds them by looking the text's words (and runs of two or three words) up in
a table, so a passage is scanned once whatever the number of spellings.  Latin-script spellings must start with a capital letter
in the text ("Inje" is a town, "inje" is not) and stand as a word; Hangul spellings
must not follow another Hangul syllable (Korean attaches particles after a name, as
in 부산에서, so nothing is required after it).  Short Hangul names that are also
common words (인제 "now", 안주, 진주, 전주, 공주, 상주, 오산) are left out of the
aliases file on purpose.

This module reads data files only; it imports nothing of :mod:`explorer.war`.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable

__all__ = ["ALIASES_FILE", "PlaceMatcher", "PlaceSpelling", "fold", "read_aliases"]

#: The aliases file, beside the gazetteer.
ALIASES_FILE = "place_aliases.csv"

_APOSTROPHES = "'\u2018\u2019\u02bb\u02bc\u0060\u00b4"
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}](?=s\b)")
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
# Latin letters with a mark (ŏ, ŭ, ō, é, ...): the marks are dropped.
_LATIN_MARKED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
# Combining marks (breves, macrons, accents), dropped after decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def fold(text: str) -> str:
    """Return *text* without accents, breves or apostrophes, case kept.

    ``"P'yŏngyang's"`` becomes ``"Pyongyang s"``: a possessive ``'s`` is split off
    so that the name still ends a word. Hangul is kept whole (NFC).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    if "'" in text or "\u2019" in text or "\u02bc" in text:
        text = _POSSESSIVE.sub(" ", text)
    if not text.isascii():
        if _LATIN_MARKED.search(text):
            text = _LATIN_MARKED.sub(_unmark, text)
        if _COMBINING.search(text):
            text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
    return _APOS_RE.sub("", text)


@lru_cache(maxsize=1024)
def _unmark_char(c: str) -> str:
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", c)))


def _unmark(m: re.Match) -> str:
    return _unmark_char(m.group())


@dataclass(frozen=True)
class PlaceSpelling:
    """One spelling of a place.

    Attributes
    ----------
    alias : str
        The spelling as written in the aliases file or the gazetteer.
    name : str
        The gazetteer's name of the place.
    system : str
        ``mr``, ``rr``, ``japanese``, ``western``, ``hangul``, ``wartime``, ``modern``
        or ``other``.
    """

    alias: str
    name: str
    system: str


def read_aliases(path: str | Path) -> list[PlaceSpelling]:
    """Read an aliases file (``alias,name,system``; ``#`` lines are comments).

    Raises
    ------
    ValueError
        A row without an alias or a name; the message names the file and line.
    """
    path = Path(path)
    out: list[PlaceSpelling] = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.reader(line for _n, line in lines)
    header = True
    for (n, _line), row in zip(lines, rows):
        if header:
            header = False
            if [c.strip() for c in row[:2]] == ["alias", "name"]:
                continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ValueError(f"{path}, line {n}: expected 'alias,name,system', got {','.join(row)!r}")
        system = row[2].strip() if len(row) > 2 and row[2].strip() else "other"
        out.append(PlaceSpelling(row[0].strip(), row[1].strip(), system))
    return out


# Where a spelling can start: a capitalised word (after folding, breves gone) or a
# run of Hangul syllables not inside a longer Hangul word.
_CANDIDATE = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]*|[\uac00-\ud7a3]+")
_NEXT_WORD = re.compile(r"[ \n\u2010\u2011-]?([^\W\d_]+)")
_NEXT_HANGUL = re.compile(r" ([\uac00-\ud7a3]+)")


class PlaceMatcher:
    """Finds the places a text names.

    Parameters
    ----------
    spellings : iterable of PlaceSpelling
        Every spelling to look for; a place is known by its ``name``.
    """

    def __init__(self, spellings: Iterable[PlaceSpelling]) -> None:
        self.spellings = list(spellings)
        self._by_key: dict[str, str] = {}
        self._latin: dict[str, str] = {}
        self._hangul: dict[str, str] = {}
        self._max_words = 1
        self._max_hangul = 1
        #: Keys of the first words of spellings of several words ("chosin" of "Chosin Reservoir").
        self._starts_longer: set[str] = set()
        for sp in self.spellings:
            key = self.key(sp.alias)
            if not key:
                continue
            self._by_key.setdefault(key, sp.name)
            self._by_key.setdefault(self.key(sp.name), sp.name)
            nwords = len([w for w in re.split(r"[-\s\u2010\u2011]+", fold(sp.alias)) if w])
            if any(_is_hangul(c) for c in sp.alias):
                self._hangul.setdefault(key, sp.name)
                self._max_hangul = max(self._max_hangul, len(key))
            else:
                self._latin.setdefault(key, sp.name)
                words = [w.casefold() for w in re.split(r"[-\s\u2010\u2011]+", fold(sp.alias)) if w]
                for k in range(1, len(words)):
                    self._starts_longer.add("".join(words[:k]))
            self._max_words = max(self._max_words, nwords)
        #: The names of the places known, in gazetteer order.
        self.names: list[str] = list(dict.fromkeys(s.name for s in self.spellings))

    @staticmethod
    def key(name: str) -> str:
        """The lookup key of a spelling: folded, lower case, without hyphens or spaces."""
        return re.sub(r"[-\s\u2010\u2011]+", "", fold(name)).casefold()

    def canonical(self, name: str) -> str | None:
        """The gazetteer name of the place spelt *name* (any known spelling), or None."""
        return self._by_key.get(self.key(name))

    def find(self, text: str) -> tuple[str, ...]:
        """The places *text* names, each once, in the order they first appear.

        Parameters
        ----------
        text : str

        Returns
        -------
        tuple of str
            Gazetteer names.
        """
        return tuple(dict.fromkeys(name for name, _b, _e in self.find_spans(text)))

    def find_spans(self, text: str) -> list[tuple[str, int, int]]:
        """Every naming of a place in *text*: ``(name, begin, end)`` in the folded text.

        The text is cut into words once; each word, and runs of up to as many
        words as the longest spelling has joined by a space or a hyphen, are
        looked up in a table of folded spellings (longest run first). A Hangul
        word matches by its start (a particle may follow the name).
        The offsets are those of :func:`fold` (text), equal to the text's own
        when it has no accents or apostrophes.
        """
        if not text or not (self._latin or self._hangul):
            return []
        folded = fold(text)
        out: list[tuple[str, int, int]] = []
        last = 0
        latin, hangul, max_words, max_hangul = self._latin, self._hangul, self._max_words, self._max_hangul
        for m in _CANDIDATE.finditer(folded):
            b = m.start()
            if b < last:
                continue
            word = m.group()
            found = None
            if word[0] >= "\uac00":
                nm = _NEXT_HANGUL.match(folded, m.end())
                spans = ((word + nm.group(1), nm.end()), (word, None)) if nm else ((word, None),)
                for span, stop_two in spans:
                    for length in range(min(len(span), max_hangul), 1, -1):
                        if stop_two is not None and length <= len(word):
                            break
                        name = hangul.get(span[:length])
                        if name is not None:
                            found = (name, b + length + (1 if stop_two is not None else 0))
                            break
                    if found:
                        break
            else:
                key = word.casefold()
                name = latin.get(key)
                if name is not None:
                    found = (name, m.end())
                pos = m.end()
                for _ in range(max_words - 1 if key in self._starts_longer else 0):
                    nm = _NEXT_WORD.match(folded, pos)
                    if nm is None:
                        break
                    key += nm.group(1).casefold()
                    pos = nm.end()
                    name = latin.get(key)
                    if name is not None:
                        found = (name, pos)
            if found is not None:
                out.append((found[0], b, found[1]))
                last = found[1]
        return out

    @classmethod
    def from_gazetteer(cls, places: Iterable[tuple[str, str]], rivers: Iterable[tuple[str, str]] = (),
                       aliases: Iterable[PlaceSpelling] = ()) -> PlaceMatcher:
        """A matcher from plain data.

        Parameters
        ----------
        places : iterable of (name, modern)
            The gazetteer's places.
        rivers : iterable of (name, modern)
            Rivers; a bare river name counts only when it has four letters or more
            ("Naktong" does, "Han" needs "Han River").
        aliases : iterable of PlaceSpelling
            Other spellings; those of unknown places are ignored.
        """
        spellings: list[PlaceSpelling] = []
        known: set[str] = set()
        for name, modern in places:
            known.add(name)
            spellings.append(PlaceSpelling(name, name, "wartime"))
            if modern and modern != name:
                spellings.append(PlaceSpelling(modern, name, "modern"))
        for name, modern in rivers:
            known.add(name)
            for spelling, system in ((name, "wartime"), (modern, "modern")):
                if spelling and len(spelling) >= 4:
                    spellings.append(PlaceSpelling(spelling, name, system))
        spellings.extend(a for a in aliases if a.name in known)
        return cls(spellings)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> PlaceMatcher:
        """The matcher of the gazetteer and aliases in *folder* (the bundled ``geodata/``).

        Files that are missing or unreadable leave their spellings out; see
        ``check-data`` for their problems.
        """
        if folder is None:
            from explorer.core.paths import geodata_dir

            folder = geodata_dir()
        return _load(str(Path(folder).resolve()))

    @classmethod
    def bundled(cls) -> PlaceMatcher:
        """The matcher of the bundled gazetteer (read once per process)."""
        return cls.load()


def _names(path: Path) -> list[tuple[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [(str(f["properties"]["name"]), str(f["properties"].get("modern") or ""))
                for f in data.get("features", []) if f.get("properties", {}).get("name")]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


@lru_cache(maxsize=4)
def _load(folder: str) -> PlaceMatcher:
    root = Path(folder)
    try:
        aliases = read_aliases(root / ALIASES_FILE)
    except (OSError, ValueError):
        aliases = []
    return PlaceMatcher.from_gazetteer(_names(root / "places.geojson"), _names(root / "rivers.geojson"), aliases)

