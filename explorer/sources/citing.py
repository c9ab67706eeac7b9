"""Citations a scholar can use: one passage with its source, and lists of passages as CSV, Markdown or RIS.

:func:`cite` gathers what is known of a passage's source: the catalogue entry
when the document was recognised (author, title, publication, date), else what
the document itself says (its title, and the author, year and pages a reader of
PDF, DOCX or EPUB files may give it); the page of the passage when the document
has pages; and the passage number, the same number the window and the
``passages`` command show (``index + 1``).

:func:`export_citations` writes a list of them as

``csv``
    one row per passage (RFC 4180 quoting) with a header row;
``markdown``
    a numbered list, each passage quoted under its citation;
``ris``
    RIS records (``TY  - GEN`` ... ``ER  -``), the quoted passage in ``N1``,
    which Zotero, EndNote and Mendeley import.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from collections.abc import Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover - typing only
    from explorer.sources.datetext import DateMention
    from explorer.sources.library import SourceLibrary
    from explorer.sources.passages import Passage

__all__ = ["FORMATS", "PassageCitation", "cite", "citation_text", "clipboard_text", "export_citations"]

#: The export formats and their usual file suffixes.
FORMATS = {"csv": ".csv", "markdown": ".md", "ris": ".ris"}

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class PassageCitation:
    """A passage and the facts of its source.

    Attributes
    ----------
    source : str
        Document id (a catalogue id when recognised).
    number : int
        The passage number shown to the user (1-based).
    text : str
        The passage, whitespace collapsed.
    title : str
    author, publication, year, url : str or None
    page : int, str or None
        The page the passage begins on in a paged document, as printed ("145", "xii").
    date : str
        The date the passage was listed under ("1950-06-25", "1950-06-25/1950-06-27"),
        empty when none.
    date_text : str
        That date as the passage writes it.
    year_inferred : bool
        The date's year is not written in the document but inferred.
    places : tuple of str
        The places the passage names.
    """

    source: str
    number: int
    text: str
    title: str
    author: str | None = None
    publication: str | None = None
    year: str | None = None
    url: str | None = None
    page: int | str | None = None
    date: str = ""
    date_text: str = ""
    year_inferred: bool = False
    places: tuple[str, ...] = field(default=())


def _doc_attr(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None)
    if value in (None, ""):
        return None
    return str(value)


def cite(passage: Passage, library: SourceLibrary, matched: DateMention | None = None) -> PassageCitation:
    """The citation of *passage*, a passage of a document of *library*.

    Parameters
    ----------
    passage : Passage
    library : SourceLibrary
    matched : DateMention or None
        The date the passage is cited for (for example the one matched in the panel).

    Returns
    -------
    PassageCitation
    """
    entry = library.catalogue.get(passage.doc_id)
    doc = library.documents.get(passage.doc_id)
    if entry is not None:
        title, author, publication, url = entry.full_title, entry.author, entry.publication, entry.url or (
            f"https://doi.org/{entry.doi}" if entry.doi else None)
        ym = _YEAR.search(entry.date or "")
        year = ym.group(1) if ym else None
    else:
        title = doc.title if doc is not None else passage.doc_id
        author = _doc_attr(doc, "author")
        publication = _doc_attr(doc, "publication")
        year = _doc_attr(doc, "year")
        url = None
    date = ""
    date_text = ""
    inferred = False
    if matched is not None:
        date = matched.start.isoformat() if matched.start == matched.end else (
            f"{matched.start.isoformat()}/{matched.end.isoformat()}")
        date_text = matched.text or matched.said
        inferred = bool(getattr(matched, "inferred", False))
    # The page as printed (a chapter printed as pp. 145-170 is cited so; "xii" in front matter).
    page_of = getattr(library, "page_of", None)
    page = page_of(passage) if page_of is not None else None
    if page is None:
        page = getattr(passage, "page", None)
    return PassageCitation(
        source=passage.doc_id, number=passage.index + 1, text=" ".join(passage.text.split()),
        title=title, author=author, publication=publication, year=year, url=url,
        page=page if isinstance(page, (int, str)) else None, date=date, date_text=date_text,
        year_inferred=inferred, places=tuple(passage.places))


def citation_text(c: PassageCitation) -> str:
    """The citation in one line: author, title, publication, year, page, passage number.

    >>> citation_text(PassageCitation("x", 3, "t", "A Title", author="Doe, J.", year="1999", page=12))
    'Doe, J., \u201cA Title\u201d, 1999, p. 12, passage 3.'
    """
    parts = [c.author, f"\u201c{c.title}\u201d" if c.title else None, c.publication, c.year,
             f"p. {c.page}" if c.page is not None else None, f"passage {c.number}"]
    out = ", ".join(p for p in parts if p)
    if c.url:
        out += f", {c.url}"
    return out + "."


def clipboard_text(c: PassageCitation) -> str:
    """What "Copy with citation" puts on the clipboard: the passage in quotes, then its citation."""
    return f"\u201c{c.text}\u201d\n\u2014 {citation_text(c)}"


_CSV_FIELDS = ("number", "source", "author", "title", "publication", "year", "page", "date",
               "date_text", "year_inferred", "places", "url", "text")


def _csv(rows: Sequence[PassageCitation]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_CSV_FIELDS)
    for c in rows:
        w.writerow([c.number, c.source, c.author or "", c.title, c.publication or "", c.year or "",
                    "" if c.page is None else c.page, c.date, c.date_text,
                    "yes" if c.year_inferred else "", "; ".join(c.places), c.url or "", c.text])
    return buf.getvalue()


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _markdown(rows: Sequence[PassageCitation], heading: str | None) -> str:
    out = []
    if heading:
        out += [f"# {_md_escape(heading)}", ""]
    for n, c in enumerate(rows, 1):
        when = ""
        if c.date:
            when = f" ({c.date_text or c.date}{', year inferred' if c.year_inferred else ''})"
        out.append(f"{n}. {_md_escape(citation_text(c))}{_md_escape(when)}")
        out.append("")
        out.append("   > " + _md_escape(c.text))
        if c.places:
            out.append("")
            out.append("   Places: " + _md_escape(", ".join(c.places)))
        out.append("")
    return "\n".join(out)


def _ris_value(text: str) -> str:
    return " ".join(str(text).split())


def _ris(rows: Sequence[PassageCitation]) -> str:
    out: list[str] = []
    for c in rows:
        rec = [("TY", "GEN")]
        if c.author:
            rec.extend(("AU", a.strip()) for a in re.split(r"\s+and\s+|;", c.author) if a.strip())
        rec.append(("TI", c.title))
        if c.publication:
            rec.append(("T2", c.publication))
        if c.year:
            rec.append(("PY", c.year))
        if c.page is not None:
            rec.append(("SP", str(c.page)))
        if c.url:
            rec.append(("UR", c.url))
        if c.date:
            rec.append(("DA", c.date.split("/")[0].replace("-", "/")))
        rec.extend(("KW", p) for p in c.places)
        note = f"Passage {c.number}" + (f", dated {c.date_text or c.date}" if c.date else "") + (
            " (year inferred)" if c.year_inferred else "") + f": \u201c{c.text}\u201d"
        rec.append(("N1", note))
        rec.append(("ER", ""))
        out.extend(f"{tag}  - {_ris_value(value)}" for tag, value in rec)
        out.append("")
    return "\r\n".join(out)


def export_citations(rows: Iterable[PassageCitation], fmt: str, heading: str | None = None) -> str:
    """The citations as text in format *fmt* (a key of :data:`FORMATS`).

    Parameters
    ----------
    rows : iterable of PassageCitation
    fmt : str
        ``"csv"``, ``"markdown"`` (or ``"md"``) or ``"ris"``.
    heading : str or None
        A title for the Markdown list ("Passages naming Pusan").

    Raises
    ------
    ValueError
        An unknown format.
    """
    rows = list(rows)
    fmt = {"md": "markdown"}.get(fmt.lower(), fmt.lower())
    if fmt == "csv":
        return _csv(rows)
    if fmt == "markdown":
        return _markdown(rows, heading)
    if fmt == "ris":
        return _ris(rows)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
