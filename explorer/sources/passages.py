"""Cut a document's text into passages and find the dates each passage mentions.

A passage is the unit a citation points at and the unit the passage panel shows:
a paragraph, one entry of a list or chronology, a heading, a metadata block, or a
bibliography entry.  Passages carry character offsets into the document text, so
``text[p.start:p.end] == p.text`` always holds.

Rules, in the order they are applied
------------------------------------
1. The text is cut into *blocks* at blank lines (lines holding only whitespace).
2. Reference sections.  A heading such as "References", "Bibliography", "Works
   cited", "Sources", "Literature" or "How to cite" starts a reference section that
   runs to the next heading or the next long paragraph that does not look like a
   citation.  Independently, a run of blocks that look like citations ("Surname, I.
   (1969). Title. City, Publisher. 798 p.", URLs, DOIs, page counts, "In ... Bull.")
   with at least three citation-like blocks and a density of at least 60 % is a
   reference list even without a heading.  A block of at most 40 words that looks
   like a citation and has a year is a reference on its own ("Surname, Firstname.
   Title 1945-1953. City: Publisher, 1998.").  Reference passages get no dates.
3. Metadata.  A block whose every line is a metadata line ("Date: Summer 1999",
   "Length: 2,440 words", "Copyright ...", "ORCID ...", a postal address, an
   e-mail address, "Document Type: ...", a keyword list "War; USSR; USA; CIA")
   is one "metadata" passage with no dates.
4. Lists and chronologies.  A block whose lines start with list markers ("1.",
   "2)", "(3)", "-", "*", "•") or, when at least two of its lines do so, with a
   date, gives one "entry" passage per item.  The marker itself is not part of the
   passage text (so renumbering a list does not change the passages), a dated line
   keeps its date.  Indented lines, and lines that follow an item that does not
   end a sentence, continue the item; other lines are passages of their own.
5. Headings.  A one-line block of at most 14 words without final punctuation
   (a question of at most ten words counts too), which is not the last block, is a
   "heading".
6. Run-in entries.  A paragraph in which at least three sentences start with a date
   and a dash or colon ("... falls. June 28 -- ...") is a chronology whose entries an
   OCR ran together: one "entry" per date (what comes before is a paragraph).
7. Everything else is a "paragraph".
8. A range broken across lines or blocks ("February 16, 1951—" then "July 27,
   1953 -- ...") is one entry.

Reference headings include the section names of annotated lists: "Books",
"Websites", "Articles", "Films", "Primary sources", "Further reading"...; a run of
citations each followed by one comment is a reference list without a heading.

Dates and the running year
--------------------------
Dates are read with :func:`explorer.sources.datetext.read_dates` from each
paragraph, entry and heading, in document order, with the running year, the last
day read and the dateline carried from passage to passage
(:class:`~explorer.sources.datetext.DateContext`), so that "On 20 July" after "In
June 1950" resolves to 1950 (see :func:`read_passage_dates` for date headings and
year-less entries rolling over).  Metadata passages neither get
dates nor set the running year: "Date: Summer 1999" is the publication date of
an article about 1950, not the year its body is talking about.  Reference passages
get no dates either, and the running year is reset (to ``None``) after a
reference section, because what follows a bibliography (author notes, "how to
cite") does not continue the narrative.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from explorer.sources.cancelling import CancelCheck, check
from explorer.sources.datetext import plain_digits as _plain_digits

if TYPE_CHECKING:  # pragma: no cover - typing only
    from explorer.sources.datetext import DateMention

__all__ = [
    "KINDS",
    "Passage",
    "fingerprint",
    "is_citation_like",
    "assign_dates",
    "normalise",
    "read_passage_dates",
    "segment",
]

#: The kinds of passage :func:`segment` produces.
KINDS = ("paragraph", "entry", "heading", "reference", "metadata")


@dataclass
class Passage:
    """One paragraph, list entry, heading, metadata block or reference of a document.

    Attributes
    ----------
    doc_id : str
        Id of the document (a catalogue id when the document was recognised).
    index : int
        0-based position of the passage in the document.
    start, end : int
        Character offsets of the passage in the document text.
    text : str
        ``document_text[start:end]``.
    kind : str
        One of :data:`KINDS`.
    dates : list of DateMention
        Dates mentioned, with offsets relative to ``text``; empty for reference and
        metadata passages.
    places : tuple of str
        The gazetteer names of the places the passage names
        (:class:`explorer.sources.places.PlaceMatcher`), set when a library loads
        the document; empty for reference and metadata passages.
    page : int or None
        The page the passage begins on, as printed in a paged document (PDF),
        set when a library loads the document; ``None`` for documents without pages.
    """

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    kind: str
    dates: list[DateMention] = field(default_factory=list)
    places: tuple[str, ...] = ()
    page: int | None = None

    @cached_property
    def fingerprint(self) -> str:
        """The 16-hex fingerprint of the passage text (see :func:`fingerprint`); computed once."""
        return fingerprint(self.text)


# --------------------------------------------------------------------------- #
# normalisation and fingerprints
# --------------------------------------------------------------------------- #

_PUNCT_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00ad": None,
})
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return ``text`` in the form used to compare passages and quotes.

    NFKC, lower case, curly quotes and typographic dashes turned into their ASCII
    forms, soft hyphens removed, runs of whitespace collapsed to one space, and
    leading/trailing whitespace stripped.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised text.
    """
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP).lower()
    return _WS.sub(" ", text).strip()


def fingerprint(passage_text: str) -> str:
    """Return the first 16 hex digits of the SHA-256 of ``normalise(passage_text)``.

    Parameters
    ----------
    passage_text : str
        The text of a passage.

    Returns
    -------
    str
        16 lower-case hexadecimal characters.
    """
    return hashlib.sha256(normalise(passage_text).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- #
# line classification
# --------------------------------------------------------------------------- #

_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*\u2022\u25e6\u25aa\u2023\u2043\u00b7]|\(?\d{1,3}[.)]|\(\d{1,3}\))[ \t]+(?=\S)")
_REF_HEADING = re.compile(
    r"^\W*(references?( list| cited)?|bibliography|select(ed)? bibliography|works cited|"
    r"literature( cited)?|sources( and literature)?|sources and references|further reading|"
    r"how to cite( this article)?|cite this( article)?|source citation|"
    r"(annotated |select(ed)? |suggested |recommended |additional |further |print |online |web |digital )?"
    r"(books?|websites?|web ?sites|web resources|articles|journal articles|films?|videos?|documentar(y|ies)|"
    r"resources|reading|readings|primary sources|secondary sources|books and articles|print resources|"
    r"online resources|web links|links|bibliography|sources)( and (articles|websites|films|videos|resources))?"
    r"( for (further|more) (reading|information))?)\W*$",
    re.IGNORECASE,
)
_META_KEYS = (
    "date", "from", "publisher", "published", "document type", "length", "author",
    "authors", "by", "source", "keywords", "key words", "doi", "issn", "isbn", "volume",
    "vol", "issue", "pages", "url", "retrieved", "accessed", "language", "copyright",
    "gale document number", "document number", "received", "accepted", "citation",
    "e-mail", "email", "affiliation", "orcid", "word count", "subjects", "publication",
)
_META_LINE = re.compile(r"^\s*(?:" + "|".join(re.escape(k) for k in _META_KEYS) + r")\s*:\s*\S", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|\u00a9|\(c\)\s*\d{4}|all rights reserved)", re.IGNORECASE)
_ORCID = re.compile(r"\borcid\b|\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b", re.IGNORECASE)
_EMAIL = re.compile(r"^\s*\S+@\S+\.\w+\s*$")
# A keyword list: "Korean War; USSR; USA; CIA" (four or more short items).
_KEYWORDS = re.compile(r"^\s*[^;.!?]{1,60}(?:;\s*[^;.!?]{1,60}){3,}\s*$")
_ADDRESS = re.compile(
    r"^\s*\d{1,5}[a-z]?,?\s+[\w .'-]+(?:str\.|street|st\.|avenue|ave\.|road|rd\.|lane|blvd\.?|prospekt|ulitsa|pl\.)"
    r".*\b\d{4,6}\b", re.IGNORECASE)
_ADDRESS2 = re.compile(r"^\s*[\w .,'-]*\b\d{5,6}\b,\s*[A-Z][\w .'-]+,\s*[A-Z][\w .'-]+\.?\s*$")

# Pieces of a bibliographic citation.
_CITE_AUTHOR = re.compile(r"^\s*[A-Z\u0400-\u042f][\w'\u2019\u2010-]+(?: [A-Z][\w'\u2019-]+)?,\s+(?:[A-Z\u0400-\u042f][a-z]?\.[\s-]?){1,3}")
_CITE_YEAR_PAREN = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\)|\(n\.\s?d\.\)",
                              re.IGNORECASE)
_CITE_FEATURES = [
    re.compile(r"\bURL\s*:|https?://|www\.", re.IGNORECASE),
    re.compile(r"\bdoi\b|10\.\d{4,9}/", re.IGNORECASE),
    re.compile(r"\bISBN\b|\bISSN\b"),
    re.compile(r"\bpp?\.\s*\d|\b\d{2,4}\s*p\.(?:\s|$)"),
    re.compile(r"\bVol\.\s*\d|\bIss\.\s*\d|\bNo\.\s*\d", re.IGNORECASE),
    re.compile(r"\[(?:official )?website\]|mode of access|accessed|retrieved", re.IGNORECASE),
    re.compile(r"\b(?:NY|N\. ?Y\.|L\.|M\.|Moscow|London|New York|Washington|Oxford|Cambridge|Boston|Chicago),\s+[A-Z]"),
    re.compile(r"\b(?:Press|Publ\.|Publishers?|University|Univ\.|GPO|Routledge|Norton)\b"),
    re.compile(r"\(Ed(?:s)?\.\)|\bed\.\s+by\b|\bIn\s+[A-Z][\w.]*.*\b(?:Bull|J\.|Journal|Review|Quarterly)\b"),
    # MLA and Chicago: "New York: Example Press, 1998", "Surname, Firstname. Title."
    re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?: [A-Z][\w&.' ]{2,60}, (?:1[5-9]|20)\d\d\b"),
    re.compile(r"^\s*[A-Z][\w'\u2019-]+, [A-Z][a-z]+(?: [A-Z]\.)?\. [A-Z*_]"),
]


_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")

# What each of _CITE_FEATURES cannot match without: (words in the line as written,
# words in the line case-folded).  A feature none of whose words is in the line is
# not searched; most prose has none, and the features cost 0.1 s a 300-page book.
_CITE_GATES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    ((), ("url", "http", "www.")),
    (("10.",), ("doi",)),
    (("ISBN", "ISSN"), ()),
    (("p.",), ()),
    ((), ("vol.", "iss.", "no.")),
    ((), ("website]", "mode of access", "accessed", "retrieved")),
    (("NY", "N.", "L.", "M.", "Moscow", "London", "New York", "Washington", "Oxford", "Cambridge", "Boston",
      "Chicago"), ()),
    (("Press", "Publ", "Univ", "GPO", "Routledge", "Norton"), ()),
    (("(Ed", "ed.", "Bull", "J.", "Journal", "Review", "Quarterly"), ()),
    ((": ",), ()),
    ((), ()),  # anchored at the start: always searched
]
assert len(_CITE_GATES) == len(_CITE_FEATURES)


def _gate_open(line: str, folded: str, gate: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    plain, fold = gate
    if not plain and not fold:
        return True
    return any(w in line for w in plain) or any(w in folded for w in fold)


def is_citation_like(line: str) -> bool:
    """Tell whether ``line`` looks like a bibliographic reference.

    A line is citation-like when it starts like "Surname, I." and has a year in
    brackets, or when it shows at least two bibliographic features (a URL or
    "URL:", a DOI, an ISBN, a page count "798 p." or "pp. 54", a volume or issue
    number, "[website]"/"mode of access", a place and publisher, "In ... Bull./J.").

    Parameters
    ----------
    line : str
        One line or block of text.

    Returns
    -------
    bool
    """
    if len(line) > 1200:
        return False
    author = bool(_CITE_AUTHOR.match(line))
    year = bool(_CITE_YEAR_PAREN.search(line))
    if author and year:
        return True
    need = 2 - author - year
    # Case-insensitive patterns also match "ſ", "ı", "İ" and the Kelvin sign: fold them too.
    folded = line.casefold().replace("\u0131", "i").replace("i\u0307", "i")
    score = 0
    for pat, gate in zip(_CITE_FEATURES, _CITE_GATES):
        if _gate_open(line, folded, gate) and pat.search(line):
            score += 1
            if score >= need:
                return True
    return False


def _is_citation_like_plainly(line: str) -> bool:
    """:func:`is_citation_like` without the shortcuts (what the tests compare it with)."""
    if len(line) > 1200:
        return False
    score = sum(1 for pat in _CITE_FEATURES if pat.search(line))
    author = bool(_CITE_AUTHOR.match(line))
    year = bool(_CITE_YEAR_PAREN.search(line))
    if author and year:
        return True
    return score + author + year >= 2


def _is_metadata_line(line: str) -> bool:
    return bool(
        _META_LINE.match(line) or _COPYRIGHT.match(line) or _ORCID.search(line)
        or _EMAIL.match(line) or _ADDRESS.match(line) or _ADDRESS2.match(line)
        or _KEYWORDS.match(line)
    )


def _is_heading_text(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 120 or "\n" in s:
        return False
    words = len(s.split())
    if words > 14:
        return False
    if s.endswith("?"):  # a question as a heading: "What caused the war?"
        return words <= 10
    return s[-1] not in ".!;,\u2026" and not s.endswith(('."', ".\u201d", ".'"))


# --------------------------------------------------------------------------- #
# blocks and items
# --------------------------------------------------------------------------- #


@dataclass
class _Line:
    start: int
    end: int  # end of the line's content, without the newline
    text: str


@dataclass
class _Piece:
    start: int
    end: int
    kind: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _blocks(text: str) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in _lines(text):
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _block_span(text: str, block: list[_Line]) -> tuple[int, int]:
    return _trim(text, block[0].start, block[-1].end)


def _starts_with_date(line: str, date_start: re.Pattern[str]) -> bool:
    return bool(date_start.match(line))


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A chronology line starts with a date: "June 25, 1950", "25 June 1950", "June 1950:",
# "1950-06-25", "1950/06/25", "1950:", "1950 -", or the Korean, Chinese and Japanese
# "1950년 6월 25일" and "1950年6月25日".
_FULL_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_START = re.compile(
    r"^\s*(?:"
    rf"(?-i:{_FULL_MONTHS}(?:\s*[-\u2013]\s*{_FULL_MONTHS})?)\s*(?:--|[\u2014\u2013:]|-\s)"
    r"|\(?\d{1,2}\.\s?\d{1,2}(?!\d)(?!\.\d)\)?(?=[\s~\uff5e\u2013-]|$)"
    r"|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}"
    r"|\d{1,2}\s?\uc6d4(?:\s?\d{1,2}\s?\uc77c)?"
    r"|(?:"
    rf"{_MONTHS}\s+\d{{1,2}}(?:\s*[-\u2013]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:\s*[-\u2013]\s*\d{{1,2}})?\s+{_MONTHS}(?:,?\s+\d{{4}})?"
    rf"|(?:early|mid|late|end of)?[- ]?{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{4}\s*(?=[:\u2013\u2014-])"
    r"|\d{4}\s?[\ub144\u5e74]\s?\d{1,2}\s?[\uc6d4\u6708](?:\s?\d{1,2}\s?[\uc77c\u65e5])?"
    r")\b)",
    re.IGNORECASE,
)
_NUMERIC_MD = re.compile(r"\s*\(?\d{1,2}\.\s?\d{1,2}(?!\d)")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


def _ends_with_dash(s: str) -> bool:
    """A line ending in a dash ("February 16, 1951\u2014") is the first half of a range."""
    s = s.rstrip()
    return bool(s) and s[-1] in _DASHES and len(s) > 1 and (s[-2].isalnum() or s[-2] in " " + _DASHES)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip("\"'\u201d\u2019)]")
    return bool(s) and s[-1] in ".!?:;"


def _split_list_block(text: str, block: list[_Line]) -> list[_Piece] | None:
    """Cut a list or chronology block into entries; ``None`` when it is not a list."""
    dated = [bool(_DATE_START.match(_plain_digits(line.text))) for line in block]
    # "(06. 28)" and "6.26" start a dated entry; they are not list numbers.
    bullets = [None if is_dated and _NUMERIC_MD.match(line.text) else _BULLET.match(line.text)
               for line, is_dated in zip(block, dated)]
    n_bullets = sum(1 for b in bullets if b)
    n_dated = sum(dated)
    use_dates = n_dated >= 2
    if n_bullets == 0 and not use_dates:
        return None
    pieces: list[_Piece] = []
    current: _Piece | None = None
    current_indent = 0
    for line, bullet, is_dated in zip(block, bullets, dated):
        indent = len(line.text) - len(line.text.lstrip())
        if bullet:
            if current:
                pieces.append(current)
            current = _Piece(line.start + bullet.end(), line.end, "entry")
            current_indent = len(bullet.group("indent"))
            continue
        if current is not None and current.kind == "entry" and _ends_with_dash(text[current.start:current.end]):
            current.end = line.end  # "May 20\u2014" / "September 20": one range, one entry
            continue
        if use_dates and is_dated and (current is None or indent <= current_indent):
            if current:
                pieces.append(current)
            current = _Piece(line.start, line.end, "entry")
            current_indent = indent
            continue
        if current is not None and (
            indent > current_indent or not _ends_sentence(text[current.start:current.end])
        ):
            current.end = line.end  # continuation of the item
            continue
        if current is not None and current.kind != "entry":
            current.end = line.end  # a paragraph of several lines
            continue
        if current:
            pieces.append(current)
        current = _Piece(line.start, line.end, "paragraph")
        current_indent = indent
    if current:
        pieces.append(current)
    out = []
    for p in pieces:
        s, e = _trim(text, p.start, p.end)
        if s < e:
            out.append(_Piece(s, e, p.kind))
    return out


def _reference_runs(texts: list[str], cancel: CancelCheck = None) -> set[int]:
    """Indices of blocks in runs dense with citation-like blocks."""
    flags = []
    for k, t in enumerate(texts):
        if k % 20 == 19:
            check(cancel)
        flags.append(is_citation_like(t))
    result: set[int] = set()
    i = 0
    n = len(texts)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        last = i
        count = 1
        k = i + 1
        # extend while the next citation-like block is at most two blocks away and
        # the blocks in between are short
        while k < n:
            if flags[k]:
                count += 1
                last = k
                k += 1
                continue
            if k - last > 2 or len(texts[k].split()) > 60:
                break
            k += 1
        span = last - j + 1
        # An annotated list alternates a citation and a comment on it: as dense as
        # that, provided no two comments follow each other.
        alternating = all(flags[x] or flags[x + 1] for x in range(j, last))
        if count >= 3 and (count / span >= 0.6 or (alternating and count / span >= 0.45)):
            result.update(range(j, last + 1))
        i = last + 1
    return result


def _pieces(text: str, cancel: CancelCheck = None) -> list[_Piece]:
    blocks = _blocks(text)
    block_texts = [text[slice(*_block_span(text, b))] for b in blocks]
    dense = _reference_runs(block_texts, cancel)
    pieces: list[_Piece] = []
    in_refs = False
    for bi, block in enumerate(blocks):
        if bi % 20 == 19:
            check(cancel)
        btext = block_texts[bi]
        first = block[0].text.strip()
        is_last = bi == len(blocks) - 1
        single = len(block) == 1
        start, end = _block_span(text, block)
        if single and _REF_HEADING.match(first) and not is_last:
            in_refs = True
            pieces.append(_Piece(start, end, "heading"))
            continue
        if in_refs:
            ends_refs = (
                (single and _is_heading_text(first) and not is_citation_like(first) and not is_last)
                or (len(btext.split()) > 80 and not is_citation_like(btext))
            )
            if ends_refs:
                in_refs = False
        if in_refs or bi in dense:
            if len(block) > 1 and all(is_citation_like(line.text) for line in block):
                for line in block:
                    s, e = _trim(text, line.start, line.end)
                    pieces.append(_Piece(s, e, "reference"))
            else:
                pieces.append(_Piece(start, end, "reference"))
            continue
        if all(_is_metadata_line(line.text) for line in block):
            pieces.append(_Piece(start, end, "metadata"))
            continue
        if len(btext.split()) <= 40 and _YEARISH.search(btext) and is_citation_like(btext):
            # A citation on its own ("Surname, Firstname. Title 1945-1953. City: Publisher, 1998."):
            # its years are the book's, not the days it tells of.
            pieces.append(_Piece(start, end, "reference"))
            continue
        listed = _split_list_block(text, block)
        if listed is not None:
            pieces.extend(listed)
            continue
        if single and not is_last and _is_heading_text(first):
            pieces.append(_Piece(start, end, "heading"))
            continue
        run_in = _split_run_in(text, start, end)
        if run_in is not None:
            pieces.extend(run_in)
            continue
        pieces.append(_Piece(start, end, "paragraph"))
    return _join_broken_ranges(text, pieces)


_CAP_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
              r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# An entry run into a paragraph: a date at the start of a sentence, then a dash or a colon
# ("... fell. June 28 \u2014 Seoul ..."), or a full date and a full stop.
_RUN_IN = re.compile(
    rf"(?:{_CAP_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{{1,2}})?|\d{{1,2}}\s+{_CAP_MONTH})"
    r"(?:(?:,?\s+\d{4})?\s*(?:--|[\u2014\u2013:]|-\s)|,?\s+\d{4}\.\s)")
_SENTENCE_END = '.!?"\u201d\')]'


def _split_run_in(text: str, start: int, end: int) -> list[_Piece] | None:
    """Entries of a chronology run into one paragraph (as OCR leaves them), one piece each.

    ``None`` unless at least three entries start a sentence with a date and a dash,
    a colon, or a full date and a full stop.
    """
    if end - start < 60:
        return None
    cuts = []
    for m in _RUN_IN.finditer(text, start, end):
        b = m.start()
        if b > start and not text[b - 1].isspace():
            continue
        k = b
        while k > start and text[k - 1] in " \t":
            k -= 1
        if k == start or text[k - 1] == "\n" or (k < b and text[k - 1] in _SENTENCE_END):
            cuts.append(b)
    if len(cuts) < 3:
        return None
    out = []
    if cuts[0] > start:
        s0, e0 = _trim(text, start, cuts[0])
        if s0 < e0:
            out.append(_Piece(s0, e0, "paragraph"))
    for a, b in zip(cuts, cuts[1:] + [end]):
        s0, e0 = _trim(text, a, b)
        if s0 < e0:
            out.append(_Piece(s0, e0, "entry"))
    return out


def _join_broken_ranges(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Join a piece ending in a dash to the next one when that starts with a date.

    "February 16, 1951\u2014" then "July 27, 1953 ..." is one range, not two
    entries (which would also leave the running year at 1953).
    """
    out: list[_Piece] = []
    for piece in pieces:
        if out and out[-1].kind in ("entry", "heading", "paragraph") and piece.kind in ("entry", "heading", "paragraph"):
            prev = out[-1]
            ptext = text[prev.start:prev.end]
            if _ends_with_dash(ptext) and "\n" not in ptext.strip() and len(ptext) < 80 \
                    and _DATE_START.match(_plain_digits(text[piece.start:piece.end])) \
                    and _DATE_START.match(_plain_digits(ptext)):
                kind = "entry" if "entry" in (prev.kind, piece.kind) else (
                    "paragraph" if piece.kind == "paragraph" else prev.kind)
                out[-1] = _Piece(prev.start, piece.end, kind)
                continue
        out.append(piece)
    return out


def segment(doc_id: str, text: str, default_year: int | None = None, *, with_dates: bool = True,
            cancel: CancelCheck = None) -> list[Passage]:
    """Cut ``text`` into passages and read their dates.

    See the module docstring for the rules.

    Parameters
    ----------
    doc_id : str
        Id of the document, stored in every passage.
    text : str
        The document text (newlines normalised to ``"\\n"``).
    default_year : int or None
        The year assumed for year-less dates before the text names a year.
    with_dates : bool
        Read dates (the default).  ``False`` skips date extraction, for callers
        that only need the passages' text, such as document recognition.
    cancel : callable or None
        Checked every few dozen blocks (and passages, when dates are read):
        when it returns True, :class:`~explorer.sources.cancelling.Cancelled`
        is raised.

    Returns
    -------
    list of Passage
        In document order, with ``index`` 0, 1, 2, ...
    """
    passages = [Passage(doc_id, i, piece.start, piece.end, text[piece.start:piece.end], piece.kind)
                for i, piece in enumerate(_pieces(text, cancel))]
    if with_dates:
        assign_dates(passages, default_year, cancel=cancel)
    return passages


_YEAR_WRITTEN = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|['\u2019]\d\d\b|[\ub144\u5e74]")
#: Precisions a date heading passes on to the passages under it.
_CARRIED = ("day", "range", "part-month", "month")
#: A year-less entry dated this much before the entry above it starts a new year.
ROLLOVER_DAYS = 45


def _only_date(text: str, m: DateMention) -> bool:
    """Whether *text* is the date *m* and nothing else but punctuation."""
    rest = text[:m.begin] + text[m.stop:]
    return not re.sub(r"[\W_]+", "", rest)


def read_passage_dates(passages: list[Passage], default_year: int | None = None, *,
                       year_inferred: bool = False,
                       cancel: CancelCheck = None) -> tuple[list[list[DateMention]], bool]:
    """The dates of each passage, read in document order.

    The reader carries the running year, the last day read and the dateline from
    passage to passage (:class:`~explorer.sources.datetext.DateContext`), and

    * gives the passages under a date heading ("June 25, 1950", "July 27, 1953: The
      End") that date, unless they name dates apart from it (``via="heading"``);
    * moves to the next year when a chronology entry that starts with a year-less
      date comes more than :data:`ROLLOVER_DAYS` before the entry above it
      ("(01.04)" after "(12.24)");
    * reads nothing in reference and metadata passages, and forgets the running
      year after a reference section.

    Parameters
    ----------
    passages : list of Passage
    default_year : int or None
        The running year at the start.
    year_inferred : bool
        ``default_year`` was inferred: dates that take it are marked ``inferred``.
    cancel : callable or None
        Checked every few dozen passages (:class:`~explorer.sources.cancelling.Cancelled`).

    Returns
    -------
    (list of list of DateMention, bool)
        The dates of each passage, and whether any year is written in the text.
    """
    from dataclasses import replace

    from explorer.sources.datetext import DateContext, DateMention, read_dates

    ctx = DateContext(year=default_year, year_inferred=year_inferred and default_year is not None)
    out: list[list[DateMention]] = []
    carry: DateMention | None = None
    headings: set[str] = set()
    prev_lead = None
    was_reference = False
    for k, p in enumerate(passages):
        if k % 20 == 19:
            check(cancel)
        if p.kind == "reference":
            was_reference = True
            out.append([])
            continue
        if was_reference:
            ctx = DateContext(written=ctx.written)
            was_reference = False
            carry = prev_lead = None
        if p.kind == "metadata":
            out.append([])
            continue
        before = replace(ctx)
        dates = read_dates(p.text, ctx)
        lead = dates[0] if dates and dates[0].begin <= 1 and dates[0].via == "text" else None
        if (lead is not None and prev_lead is not None and before.year is not None
                and not _YEAR_WRITTEN.search(lead.text)
                and (prev_lead - lead.start).days > ROLLOVER_DAYS):
            ctx = replace(before, year=before.year + 1)
            dates = read_dates(p.text, ctx)
            lead = dates[0] if dates and dates[0].begin <= 1 and dates[0].via == "text" else None
        if lead is not None and lead.precision in ("day", "range", "month", "part-month"):
            prev_lead = lead.start
        # The last day the passage reached is where the next entry rolls over from (a dated
        # telegram inside an entry moves the running day as well as its lead date).
        last = [m for m in dates if m.via == "text" and m.precision in ("day", "range", "month", "part-month")]
        if lead is not None and last and prev_lead is not None and last[-1].start.year != prev_lead.year:
            prev_lead = last[-1].start
        one_line = "\n" not in p.text
        if (one_line and lead is not None and lead.precision in _CARRIED
                and (p.kind == "heading" or _only_date(p.text, lead))):
            carry = lead
            if lead.precision == "day" and _only_date(p.text, lead):
                ctx.dateline = ctx.anchor = lead.start
        elif p.kind == "heading" and p.text not in headings:
            # A new section; a heading seen before is a running head left in (a page's top line).
            carry = None
            ctx.anchor = None
        elif (carry is not None
              and not any(m.precision in ("day", "range", "part-month") for m in dates)
              and all(m.start <= carry.end and carry.start <= m.end for m in dates)):
            # Under a date heading, a passage with no day of its own and no date apart
            # from the heading's tells of the heading's date; one that names other
            # dates ("In 1945 the country was divided") does not.
            dates = [DateMention(carry.start, carry.end, carry.precision, 0, 0, "", inferred=carry.inferred,
                                 via="heading", said=carry.text)] + dates
        if p.kind == "heading":
            headings.add(p.text)
        out.append(dates)
    return out, ctx.written


def assign_dates(passages: list[Passage], default_year: int | None = None, *,
                 year_inferred: bool = False, cancel: CancelCheck = None) -> bool:
    """Read the dates of *passages* (see :func:`read_passage_dates`) and store them.

    Returns
    -------
    bool
        Whether any year is written in the text.
    """
    dates, written = read_passage_dates(passages, default_year, year_inferred=year_inferred, cancel=cancel)
    for p, d in zip(passages, dates):
        p.dates = d
    return written
