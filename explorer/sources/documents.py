"""Read a source document from disk as plain text.

Plain text, Markdown and HTML are accepted.  Markdown keeps its text and loses its
markup; HTML is reduced to its visible text with :mod:`html.parser` (scripts,
styles, frames and embedded objects are dropped and nothing is ever fetched).
Newlines are normalised to ``"\\n"``; every offset in the model refers to the
text returned here.
"""

from __future__ import annotations


import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from explorer.sources.catalogue import Catalogue
from explorer.sources.passages import Passage, segment

__all__ = [
    "DEFAULT_MAX_BYTES",
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

#: Files larger than this are refused (20 MB: a long book is 1-2 MB of text, and
#: reading costs a few seconds per MB on the loader thread).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: File name endings read as documents ("" is a file without an extension).
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".xhtml": "html", "": "text"}
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
        The catalogue title, else (for HTML) the ``<title>`` element, else the first
        non-empty line of the text; at most 120 characters.
    text : str
        The document's text, with ``"\\n"`` newlines.
    fmt : str
        ``"text"``, ``"markdown"`` or ``"html"``.
    passages : list of Passage or None
        The text cut into passages with their dates, once, while reading
        (recognition needs them too); ``None`` for a document made by hand.
    """

    id: str
    path: Path
    title: str
    text: str
    fmt: str
    passages: list[Passage] | None = field(default=None, repr=False, compare=False)


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
    decode as one of them into text mostly of that script; then cp1252,
    then latin-1.  Newlines are normalised to ``"\\n"``.

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
# HTML
# --------------------------------------------------------------------------- #

_SKIP_TAGS = {"script", "style", "iframe", "noscript", "object", "embed", "template", "svg",
              "head", "title", "math", "canvas", "audio", "video", "select", "button", "nav"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
               "table", "tr", "blockquote", "section", "article", "header", "footer", "nav",
               "aside", "main", "figure", "figcaption", "pre", "hr", "address", "form",
               "fieldset", "details", "summary", "caption", "body", "html"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "track", "wbr", "area", "base",
         "col", "param", "embed"}


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._pre = 0
        self._lists: list[list] = []  # [tag, counter]
        self.title = ""
        self._in_title = False

    def _flush(self) -> None:
        raw = "".join(self._buf)
        self._buf = []
        if self._pre:
            text = raw.replace("\x00", "\n").strip("\n")
        else:
            lines = [re.sub(r"[ \t\r\f\v\n]+", " ", part).strip() for part in raw.split("\x00")]
            text = "\n".join(line for line in lines if line)
        if text.strip():
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            if tag not in _VOID:
                self._skip += 1
            return
        if self._skip:
            return
        if tag == "br":
            self._buf.append("\x00")
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self._pre += 1
        if tag in ("ul", "ol"):
            self._lists.append([tag, 0])
        elif tag == "li":
            if self._lists and self._lists[-1][0] == "ol":
                self._lists[-1][1] += 1
                self._buf.append(f"{self._lists[-1][1]}. ")
            else:
                self._buf.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self._buf.append("\x00")
        elif tag in _BLOCK_TAGS and not self._skip:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            if tag not in _VOID and self._skip:
                self._skip -= 1
            return
        if self._skip:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_title(html: str) -> str:
    """The text of an HTML document's ``<title>`` element ("" when there is none)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join(parser.title.split())


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML document.

    Script, style, frame, object, embed, template, SVG, navigation (``<nav>``)
    and ``<head>`` content is dropped; paragraphs, headings, list items and other blocks are separated by
    blank lines; list items get a "- " or "1. " marker; ``<br>`` becomes a newline;
    character references are decoded.  No resource is ever fetched.

    Parameters
    ----------
    html : str
        The HTML source.

    Returns
    -------
    str
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.blocks) + ("\n" if parser.blocks else "")


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
    text = _MD_FENCE.sub("", md)
    text = _MD_LINKDEF.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REFLINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis
        text = _MD_EMPH.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    return text


# --------------------------------------------------------------------------- #
# reading
# --------------------------------------------------------------------------- #


def format_of(path: Path) -> str | None:
    """The format read for ``path`` from its suffix, or ``None`` if not a document type."""
    return TEXT_SUFFIXES.get(path.suffix.lower())


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        s = " ".join(line.split())
        if s:
            return s[:120]
    return ""


def read_document(
    path: str | Path,
    *,
    catalogue: Catalogue | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
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
        Larger files are refused.
    fmt : str or None
        ``"text"``, ``"markdown"`` or ``"html"``; by default chosen from the suffix
        (unknown suffixes are read as plain text).

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        The file is missing, unreadable, too large, empty or binary; the message
        names the file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    if size > max_bytes:
        raise DocumentError(f"{path}: too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    if size == 0:
        raise DocumentError(f"{path}: the file is empty")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    raw = decode_bytes(data, str(path))
    fmt = fmt or format_of(path) or "text"
    if fmt == "html":
        text = html_to_text(raw)
    elif fmt == "markdown":
        text = markdown_to_text(raw)
    else:
        text = raw
    if not text.strip():
        raise DocumentError(f"{path}: the file has no text")
    if catalogue is None:
        catalogue = Catalogue.bundled()
    # Cut into passages (and their dates read) once: recognition and the library both use them.
    passages = segment("", text)
    entry = catalogue.recognise(text, passages)
    if entry is not None:
        doc = Document(entry.id, path, entry.full_title, text, fmt, passages)
    else:
        title = html_title(raw)[:120] if fmt == "html" else ""
        doc = Document(slug(path.stem), path, title or _first_line(text), text, fmt, passages)
    for p in passages:
        p.doc_id = doc.id
    return doc
