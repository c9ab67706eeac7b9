"""Read a source document from disk as plain text, with its pages and headings.

Plain text, Markdown, HTML, PDF, Word (DOCX), OpenDocument (ODT) and EPUB are
accepted.  Markdown keeps its text and loses its markup; HTML is reduced to its
visible text (:mod:`explorer.sources.htmltext`); PDFs give their text layer
page by page with running heads, footers and page numbers left out
(:mod:`explorer.sources.extract_pdf`); DOCX, ODT and EPUB are read from their
zip archives with the standard library (:mod:`explorer.sources.extract_zip`).
Nothing is ever fetched: no image, stylesheet, frame or link of a document is
followed.  Newlines are normalised to ``"\\n"``; every offset in the model
refers to the text returned here.
"""

from __future__ import annotations


import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

from explorer.sources.cancelling import CancelCheck, Cancelled
from explorer.sources.catalogue import Catalogue
from explorer.sources.extracted import ExtractError, Extracted, page_index
from explorer.sources.htmltext import html_extract, html_title, html_to_text
from explorer.sources.passages import Passage, segment

__all__ = [
    "BINARY_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_SUFFIXES",
    "FORMAT_NAMES",
    "format_of",
    "Document",
    "DocumentError",
    "TEXT_SUFFIXES",
    "decode_bytes",
    "html_title",
    "html_to_text",
    "markdown_to_text",
    "read_document",
    "slug",
]

#: Text files larger than this are refused (20 MB: a long book is 1-2 MB of text, and
#: reading costs a few seconds per MB on the loader thread).  PDF, DOCX, ODT and
#: EPUB files, which hold pictures and fonts besides their text, may be
#: :data:`BINARY_FACTOR` times larger; their text is held to this many characters.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
BINARY_FACTOR = 10
#: File name endings read as text documents ("" is a file without an extension).
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".xhtml": "html", "": "text"}
#: File name endings of the formats that are not plain text.
BINARY_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".epub": "epub"}
#: Every file name ending read as a document.
DOCUMENT_SUFFIXES = {**TEXT_SUFFIXES, **BINARY_SUFFIXES}
#: How each format is named to the user.
FORMAT_NAMES = {"text": "Text", "markdown": "Markdown", "html": "HTML", "pdf": "PDF",
                "docx": "Word", "odt": "OpenDocument", "epub": "EPUB"}
_SNIFF = 8192


class DocumentError(Exception):
    """A file that cannot be read as a document; the message names the file."""


@dataclass
class Document:
    """A source document read into memory.

    Attributes
    ----------
    id : str
        The catalogue id when the content was recognised, else a slug of the file name.
    path : pathlib.Path
        Where it was read from.
    title : str
        The catalogue title, else the title the file's metadata gives (HTML
        ``<title>``, PDF, DOCX, ODT or EPUB metadata), else the first non-empty
        line of the text; at most 120 characters.
    text : str
        The document's text, with ``"\\n"`` newlines.
    fmt : str
        ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"``, ``"odt"`` or ``"epub"``.
    page_starts : list of int
        Offset in ``text`` where each page begins; empty for formats without pages.
    page_labels : list of str
        The number of each page as printed on it (else its position from 1).
    headings : list of (int, int, int)
        ``(start, end, level)`` of each heading the format marks (HTML ``<h1>``,
        Markdown ``#``, Word heading styles...).
    author : str
        From the catalogue or the file's metadata ("" when unknown).
    year : int or None
        Year of publication, from the catalogue or the file's metadata.
    notes : list of str
        What was left out or capped while reading, each a sentence naming the file.
    passages : list of Passage or None
        The text cut into passages (without dates), once, while reading:
        recognition needs them, and the library reads their dates; ``None``
        for a document made by hand.
    """

    id: str
    path: Path
    title: str
    text: str
    fmt: str
    page_starts: list[int] = field(default_factory=list)
    page_labels: list[str] = field(default_factory=list)
    headings: list[tuple[int, int, int]] = field(default_factory=list)
    author: str = ""
    year: int | None = None
    notes: list[str] = field(default_factory=list)
    passages: list[Passage] | None = field(default=None, repr=False, compare=False)

    @property
    def pages(self) -> int:
        """How many pages the document has (0 for formats without pages)."""
        return len(self.page_starts)

    def page_at(self, offset: int) -> str | None:
        """The label of the page holding character ``offset`` ("145"), or ``None`` without pages."""
        i = page_index(self.page_starts, offset)
        if i is None:
            return None
        return self.page_labels[i] if i < len(self.page_labels) else str(i + 1)


def slug(name: str) -> str:
    """Return a lower-case kebab-case id made from ``name`` ("doc" when nothing is left)."""
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s or "doc"


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a text file.

    UTF-32/UTF-16 with a byte order mark, UTF-16 without one when every other
    byte is NUL (mostly-ASCII text), UTF-8 (with or without a BOM); then the
    charset an HTML or XML file declares; then Korean (EUC-KR/cp949),
    Japanese (Shift JIS/cp932) or Chinese (GB2312/GB18030) when the bytes
    decode as one of them into text mostly of that script; then Russian
    (cp1251) when the high bytes come in runs, as Cyrillic words do; then
    cp1252, then latin-1.  Newlines are normalised to ``"\\n"``.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        Used in error messages.

    Returns
    -------
    str

    Raises
    ------
    DocumentError
        When the bytes look binary (NUL bytes in the first 8 KiB without a UTF-16
        or UTF-32 byte order mark).
    """
    text: str | None = None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name}: not valid {enc.upper()} text ({exc.reason})") from exc
            break
    if text is None and b"\x00" in data[:_SNIFF]:
        wide = _utf16_without_bom(data[:_SNIFF])
        if wide is None:
            raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not a text document")
        try:
            text = data[:len(data) - len(data) % 2].decode(wide)
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: looks like {wide.upper()} text but is not valid ({exc.reason})") from exc
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _declared(data) or _east_asian(data)
    if text is None:
        text = _cyrillic(data)
    if text is None:
        for enc in ("cp1252", "latin-1"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    assert text is not None  # latin-1 decodes anything
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def _declared(data: bytes) -> str | None:
    """The text decoded with the charset its HTML meta tag or XML prolog names, if that works."""
    m = _CHARSET.search(data[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in ("utf-8", "utf-16", "utf-32"):
        return None  # already tried (UTF-8) or would need a byte order mark
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _script_share(text: str, ranges: tuple[tuple[int, int], ...]) -> float:
    """The share of the non-ASCII characters of *text* that fall in *ranges*."""
    wide = [ord(c) for c in text if ord(c) > 127]
    if not wide:
        return 0.0
    return sum(any(a <= o <= b for a, b in ranges) for o in wide) / len(wide)


_HANGUL = ((0xAC00, 0xD7A3), (0x3130, 0x318F))
_KANA = ((0x3040, 0x30FF),)
_HAN = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))
_CJK_PUNCT = ((0x3000, 0x303F), (0xFF00, 0xFFEF))


def _east_asian(data: bytes) -> str | None:
    """Korean, Japanese or Chinese text in a legacy encoding, when the bytes clearly are one.

    A guess is kept only if the bytes decode without error in the strict,
    two-high-bytes form of the encoding (EUC-KR, Shift JIS, GB2312), give
    at least a few characters, and most of the non-ASCII characters are of
    that language's script (Japanese also needs kana).  Western text in
    cp1252 has its accented letters between ASCII ones, which these forms
    reject.  The whole file is then decoded with the encoding's superset
    (cp949, cp932, GB18030).
    """
    sample = data[:65536]
    if len(sample) < len(data):
        # Do not cut a two-byte character in half: end the sample at an ASCII byte.
        cut = max(sample.rfind(b"\n"), sample.rfind(b" "))
        sample = sample[:cut] if cut > 0 else sample
    candidates = (
        ("euc_kr", "cp949", _HANGUL + _HAN + _CJK_PUNCT, _HANGUL, 0.6),
        ("shift_jis", "cp932", _KANA + _HAN + _CJK_PUNCT, _KANA, 0.05),
        ("gb2312", "gb18030", _HAN + _CJK_PUNCT, _HAN, 0.5),
    )
    for strict, superset, script, marker, marker_share in candidates:
        try:
            head = sample.decode(strict)
        except UnicodeDecodeError:
            continue
        if sum(ord(c) > 127 for c in head) < 4:
            continue
        if _script_share(head, script) >= 0.9 and _script_share(head, marker) >= marker_share:
            try:
                return data.decode(superset)
            except UnicodeDecodeError:
                continue
    return None


_RU_VOWELS = frozenset(b"\xe0\xe5\xe8\xee")  # а е и о in cp1251 (à å è î in cp1252)


def _cyrillic(data: bytes) -> str | None:
    """Russian (or other Cyrillic) text in Windows-1251, when the bytes clearly are.

    In cp1251 the Cyrillic letters are the bytes 0xC0-0xFF, where cp1252 has
    the accented Latin letters.  Western text has its accented letters here
    and there among ASCII letters ("été", "Größe"); Russian text is almost
    all such bytes, in runs (words), of many different letters, a fifth or
    more of them the common vowels а, е, и, о.  All of that must hold: at
    least 20 such bytes, most letters among them, runs of three or more on
    average, at least ten different ones, and the vowels' share.
    """
    sample = data[:65536]
    high = [c for c in sample if c >= 0xC0]
    if len(high) < 20:
        return None
    ascii_letters = sum(1 for c in sample if 65 <= c <= 90 or 97 <= c <= 122)
    if len(high) < 0.6 * (len(high) + ascii_letters):
        return None
    runs = [len(m) for m in re.findall(rb"[\xc0-\xff]+", sample)]
    if sum(runs) / len(runs) < 3 or len(set(high)) < 10:
        return None
    if sum(1 for c in high if c in _RU_VOWELS) < 0.2 * len(high):
        return None
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when *head* looks like mostly-ASCII UTF-16 with no BOM, else ``None``.

    Such text has a NUL in every other byte (the high byte of each ASCII
    character); binary files do not keep to that pattern.
    """
    n = len(head) - len(head) % 2
    if n < 8:
        return None
    even, odd = head[0:n:2], head[1:n:2]
    half = n // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.02 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) <= 0.02 * half:
        return "utf-16-be"
    return None


# --------------------------------------------------------------------------- #
# Markdown
# --------------------------------------------------------------------------- #

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_LINKDEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_MD_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-{2,})[ \t]*$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:\*[ \t]*){3,}$|^[ \t]{0,3}(?:_[ \t]*){3,}$", re.MULTILINE)
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~).*$", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


_MD_SETEXT_HEADING = re.compile(r"^[ \t]{0,3}(\S[^\n]*?)[ \t]*\n[ \t]{0,3}(=+|-{2,})[ \t]*$", re.MULTILINE)
_MD_MARK = re.compile(r"\x02([1-6])(.*?)\x03")


def markdown_to_text(md: str) -> str:
    """Return the text of a Markdown document without its markup.

    Heading hashes, emphasis markers, block-quote markers, code fences, horizontal
    rules and inline HTML tags are removed; links and images keep their text and
    lose their URLs; list markers ("-", "*", "1.") are kept, since they mark the
    entries of a list.

    Parameters
    ----------
    md : str
        Markdown source.

    Returns
    -------
    str
    """
    return markdown_extract(md).text


def _mark_atx(m: re.Match[str]) -> str:
    level = len(m.group(0).lstrip(" \t")) - len(m.group(0).lstrip(" \t").lstrip("#"))
    return "\x02" + str(level) + m.group(1) + "\x03"


def markdown_extract(md: str) -> Extracted:
    """The text of a Markdown document (as :func:`markdown_to_text`) with its headings.

    Parameters
    ----------
    md : str

    Returns
    -------
    Extracted
        ``headings`` gives the span and level of each ``#`` or underlined heading.
    """
    text = md.replace("\x02", "").replace("\x03", "")
    text = _MD_FENCE.sub("", text)
    text = _MD_LINKDEF.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REFLINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    # Headings are marked \x02<level>...\x03 until the end, where the marks become offsets.
    text = _MD_HEADING.sub(_mark_atx, text)
    text = _MD_RULE.sub("", text)
    text = _MD_SETEXT_HEADING.sub(
        lambda m: m.group(0) if m.group(1).startswith(("\x02", "-", "*", ">", "|")) or "\x03" in m.group(1)
        else "\x02" + ("1" if m.group(2)[0] == "=" else "2") + m.group(1) + "\x03\n", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis
        text = _MD_EMPH.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    headings: list[tuple[int, int, int]] = []
    parts: list[str] = []
    pos = 0
    last = 0
    for m in _MD_MARK.finditer(text):
        parts.append(text[last:m.start()])
        pos += m.start() - last
        body = m.group(2)
        if body.strip():
            headings.append((pos, pos + len(body), int(m.group(1))))
        parts.append(body)
        pos += len(body)
        last = m.end()
    parts.append(text[last:])
    out = "".join(parts).replace("\x02", "").replace("\x03", "")
    return Extracted(out, headings=headings if len(out) == pos + len(text) - last else [])
# --------------------------------------------------------------------------- #
# reading
# --------------------------------------------------------------------------- #


def format_of(path: Path) -> str | None:
    """The format read for ``path`` from its suffix, or ``None`` if not a document type."""
    return DOCUMENT_SUFFIXES.get(path.suffix.lower())


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        s = " ".join(line.split())
        if s:
            return s[:120]
    return ""


def _extract(path: Path, fmt: str, size: int, max_bytes: int,
             progress: Callable[[int, int], None] | None = None, cancel: CancelCheck = None) -> Extracted:
    """The text and layout of the file at ``path`` read as ``fmt``; ExtractError or DocumentError if not."""
    if fmt in BINARY_SUFFIXES.values():
        limit = max_bytes * BINARY_FACTOR
        if size > limit:
            raise DocumentError(f"{path}: too large ({size / 1e6:.1f} MB; the limit for "
                                f"{FORMAT_NAMES[fmt]} files is {limit / 1e6:.0f} MB)")
        if fmt == "pdf":
            from explorer.sources.extract_pdf import read_pdf
            return read_pdf(path, max_chars=max_bytes, progress=progress, cancel=cancel)
        from explorer.sources import extract_zip
        reader = {"docx": extract_zip.read_docx, "odt": extract_zip.read_odt, "epub": extract_zip.read_epub}[fmt]
        return reader(path, max_chars=max_bytes)
    if size > max_bytes:
        raise DocumentError(f"{path}: too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    raw = decode_bytes(data, str(path))
    if fmt == "html":
        return html_extract(raw)
    if fmt == "markdown":
        return markdown_extract(raw)
    return Extracted(raw)


def read_document(
    path: str | Path,
    *,
    catalogue: Catalogue | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelCheck = None,
) -> Document:
    """Read one document.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    catalogue : Catalogue or None
        Used to recognise the document by its content (id and title).  ``None``
        uses the bundled catalogue; ``Catalogue([])`` recognises nothing.
    max_bytes : int
        Larger text files are refused; PDF, DOCX, ODT and EPUB files may be
        :data:`BINARY_FACTOR` times larger, and their text is cut at this many
        characters (with a note).
    fmt : str or None
        ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"``, ``"odt"``
        or ``"epub"``; by default chosen from the suffix (unknown suffixes are
        read as plain text).
    progress : callable or None
        ``progress(pages_read, pages_to_read)`` while a PDF is read.
    cancel : callable or None
        Checked page by page while a PDF is read and block by block while the
        text is cut into passages; when it returns True the read stops with
        :class:`~explorer.sources.cancelling.Cancelled`.

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        The file is missing, unreadable, too large, empty, binary, damaged,
        encrypted, a zip bomb, or a PDF without a text layer ("scanned, no
        text: run OCR first"); the message names the file.
    Cancelled
        ``cancel`` said so.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    if size == 0:
        raise DocumentError(f"{path}: the file is empty")
    fmt = fmt or format_of(path) or "text"
    try:
        ext = _extract(path, fmt, size, max_bytes, progress, cancel)
    except ExtractError as exc:
        raise DocumentError(f"{path}: {exc}") from exc
    except (DocumentError, Cancelled):
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is a problem listed, never a crash
        raise DocumentError(f"{path}: could not be read as {FORMAT_NAMES.get(fmt, fmt)} "
                            f"({type(exc).__name__}: {exc})") from exc
    text = ext.text
    if not text.strip():
        raise DocumentError(f"{path}: the file has no text")
    notes = [f"{path}: {n}" for n in ext.notes]
    if catalogue is None:
        catalogue = Catalogue.bundled()
    # Cut into passages once: recognition uses them here, the library reads their dates.
    passages = segment("", text, with_dates=False, cancel=cancel)
    entry = catalogue.recognise(text, passages, cancel=cancel)
    if entry is not None:
        year = _year_of(entry.date) or ext.year
        doc = Document(entry.id, path, entry.full_title, text, fmt, author=entry.author or ext.author,
                       year=year, passages=passages)
    else:
        doc = Document(slug(path.stem), path, ext.title or _first_line(text), text, fmt,
                       author=ext.author, year=ext.year, passages=passages)
    doc.page_starts, doc.page_labels, doc.headings, doc.notes = ext.page_starts, ext.page_labels, ext.headings, notes
    for p in passages:
        p.doc_id = doc.id
    return doc


def _year_of(date: str | None) -> int | None:
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", date or "")
    return int(m.group(1)) if m else None
