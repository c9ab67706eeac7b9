"""Find the places a passage names, in every spelling the sources use.

The gazetteer (``geodata/places.geojson``, built from ``places.csv``) gives each
place its wartime name and its modern one; ``geodata/place_aliases.csv`` adds the
other spellings historians meet: McCune-Reischauer with breves and apostrophes
(``P'yŏngyang``, ``Hŭngnam``, ``Ch'ŏngch'ŏn``), Revised Romanization (``Busan``),
the Japanese colonial names (``Keijō``, ``Fusan``, ``Jinsen``, ``Heijō``,
``Genzan``, ``Kōnan``, ``Chōshin``), older Western ones (``Chemulpo``) and Hangul.

:class:`PlaceMatcher` folds every spelling and the text the same way (accents and
breves dropped, apostrophes dropped, a hyphen or a space between syllables optional)
and finds them all with one compiled pattern, so a passage is scanned once whatever
the number of spellings.  Latin-script spellings must start with a capital letter
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
_DROP = str.maketrans({c: None for c in _APOSTROPHES})


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
    text = _POSSESSIVE.sub(" ", text)
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept).translate(_DROP)


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


def _alias_pattern(alias: str) -> str:
    """The regex of a folded spelling: a hyphen or space between its parts optional."""
    parts = re.split(r"[-\s\u2010\u2011]+", fold(alias).strip())
    return r"[-\s\u2010\u2011]?".join(re.escape(p) for p in parts if p)


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
        latin: dict[str, str] = {}
        hangul: dict[str, str] = {}
        for s in self.spellings:
            key = self.key(s.alias)
            if not key:
                continue
            self._by_key.setdefault(key, s.name)
            self._by_key.setdefault(self.key(s.name), s.name)
            target = hangul if any(_is_hangul(c) for c in s.alias) else latin
            target.setdefault(_alias_pattern(s.alias), s.name)
        #: The names of the places known, in gazetteer order.
        self.names: list[str] = list(dict.fromkeys(s.name for s in self.spellings))
        self._groups: list[str] = []
        # Longest first, so that "Chosin Reservoir" wins over "Chosin".  The spellings are
        # bucketed by their first letter behind a one-letter lookahead: the regex then tries
        # a handful of buckets at each position instead of every spelling (about 20 times faster).
        latin_alts = self._alternation(sorted(latin.items(), key=lambda kv: -len(kv[0])))
        latin_rx = r"(?<![\w])(?:" + latin_alts + r")(?![\w])" if latin_alts else None
        hangul_alts = self._alternation(sorted(hangul.items(), key=lambda kv: -len(kv[0])))
        hangul_rx = r"(?<![\uac00-\ud7a3])(?:" + hangul_alts + ")" if hangul_alts else None
        rx = "|".join(r for r in (latin_rx, hangul_rx) if r)
        self._rx = re.compile(rx, re.IGNORECASE) if rx else None

    def _alternation(self, items: list[tuple[str, str]]) -> str:
        """``(?=[aA])(?:...)|(?=[bB])(?:...)``: the spellings' groups bucketed by first letter, in order."""
        buckets: dict[str, list[str]] = {}
        for pat, name in items:
            first = pat[1] if pat.startswith("\\") and len(pat) > 1 else pat[:1]
            buckets.setdefault(first.lower(), []).append(f"(?P<g{len(self._groups)}>{pat})")
            self._groups.append(name)
        return "|".join(f"(?={re.escape(k)}|{re.escape(k.upper())})(?:" + "|".join(alts) + ")"
                        if k.upper() != k else f"(?={re.escape(k)})(?:" + "|".join(alts) + ")"
                        for k, alts in buckets.items())

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

        The offsets are those of :func:`fold` (text), equal to the text's own
        when it has no accents or apostrophes.
        """
        if self._rx is None or not text:
            return []
        folded = fold(text)
        out = []
        for m in self._rx.finditer(folded):
            first = m.group()[0]
            if first.isalpha() and not _is_hangul(first) and not first.isupper():
                continue
            group = m.lastgroup
            assert group is not None  # every alternative of the pattern is a named group
            out.append((self._groups[int(group[1:])], m.start(), m.end()))
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

