"""Word (DOCX), OpenDocument (ODT) and EPUB documents: zip archives of XML.

Read with :mod:`zipfile` and the standard library's XML and HTML parsers,
nothing else.  Only the parts that hold the text are read: a DOCX's main
document (not its headers, footers, footnotes or comments), an ODT's
``content.xml``, an EPUB's chapters in reading order; deleted tracked changes,
field codes and notes are left out.  Nothing is ever fetched: linked pictures,
remote stylesheets and hyperlinks stay where they are (a note counts the
remote files a document refers to).

Hostile archives are refused before anything is unpacked: more than
:data:`MAX_MEMBERS` entries, a part that would unpack to more than
:data:`MAX_PART_BYTES`, one compressed more than :data:`MAX_RATIO` times
(a zip bomb), encrypted parts, or XML that declares entities.  Reading is
bounded again while unpacking, since the sizes an archive declares are checked
by :mod:`zipfile` as it reads.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from collections.abc import Iterator
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from explorer.sources.extracted import ExtractError, Extracted, TextBuilder
from explorer.sources.htmltext import html_extract

__all__ = ["MAX_MEMBERS", "MAX_PART_BYTES", "MAX_RATIO", "MAX_TOTAL_BYTES", "read_docx", "read_epub", "read_odt"]

#: An archive with more entries than this is refused.
MAX_MEMBERS = 10_000
#: A part that would unpack to more than this is refused (a DOCX's text of a long book is a few MB).
MAX_PART_BYTES = 64 * 1024 * 1024
#: Parts read from one archive at most, unpacked, in total.
MAX_TOTAL_BYTES = 160 * 1024 * 1024
#: A part larger than 1 MB compressed more than this many times is a zip bomb.
MAX_RATIO = 200
#: EPUB chapters read at most.
MAX_CHAPTERS = 5000


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attr(el: ET.Element, name: str) -> str | None:
    for k, v in el.attrib.items():
        if _local(k) == name:
            return v
    return None


class _Archive:
    """A zip archive read within limits; ``kind`` names the format in messages."""

    def __init__(self, path: Path, kind: str) -> None:
        self.kind = kind
        self.read_total = 0
        try:
            self.zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ExtractError(f"not a valid {kind} file (the zip archive is damaged or it is another kind of file)") from exc
        except OSError as exc:
            raise ExtractError(f"cannot read ({exc.strerror or exc})") from exc
        infos = self.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            self.zf.close()
            raise ExtractError(f"refused: the {kind} archive holds {len(infos)} entries (more than {MAX_MEMBERS})")
        self.infos = {i.filename: i for i in infos}

    def close(self) -> None:
        self.zf.close()

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise ExtractError(f"not a valid {self.kind} file ({name} is missing)")
        if info.flag_bits & 0x1:
            raise ExtractError(f"encrypted {self.kind} file: save an unprotected copy to read it")
        size = info.file_size
        if size > MAX_PART_BYTES or (size > 1_000_000 and size > MAX_RATIO * max(1, info.compress_size)):
            raise ExtractError(f"refused: {name} would unpack to {size / 1e6:.0f} MB from "
                               f"{info.compress_size / 1e3:.0f} kB (a zip bomb?)")
        if self.read_total + size > MAX_TOTAL_BYTES:
            raise ExtractError(f"refused: its parts would unpack to more than {MAX_TOTAL_BYTES // 1_000_000} MB")
        try:
            with self.zf.open(info) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, OSError, EOFError,
                RuntimeError, ValueError) as exc:
            raise ExtractError(f"not a valid {self.kind} file ({name}: {exc})") from exc
        self.read_total += len(data)
        if len(data) > MAX_PART_BYTES:
            raise ExtractError(f"refused: {name} unpacks to more than {MAX_PART_BYTES // 1_000_000} MB")
        return data

    def xml(self, name: str) -> ET.Element:
        return _parse_xml(self.read(name), f"{self.kind} part {name}")


def _parse_xml(data: bytes, what: str) -> ET.Element:
    head = data[:4096]
    if b"<!ENTITY" in head or b"<!entity" in head:
        raise ExtractError(f"refused: {what} declares XML entities (never needed for text, a known attack)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ExtractError(f"{what} is not well-formed XML ({exc})") from exc


def _dc(root: ET.Element, name: str) -> str:
    for el in root.iter():
        if _local(el.tag) == name and el.text and el.text.strip():
            return " ".join(el.text.split())[:120]
    return ""


def _year(value: str) -> int | None:
    m = re.match(r"\s*(\d{4})\b", value or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- #
# DOCX
# --------------------------------------------------------------------------- #

_DOCX_SKIP = {"del", "delText", "instrText", "footnoteReference", "endnoteReference", "commentReference",
              "fldChar", "drawing", "pict", "object", "moveFrom"}
_HEADING_STYLE = re.compile(r"heading\s*([1-6])|^title$", re.IGNORECASE)


def _docx_inline(el: ET.Element, out: list[str]) -> None:
    for child in el:
        name = _local(child.tag)
        if name in _DOCX_SKIP:
            continue
        if name == "t":
            out.append(child.text or "")
        elif name == "tab":
            out.append("\t" if _local(el.tag) == "r" else "")
        elif name in ("br", "cr"):
            out.append("\n")
        elif name == "noBreakHyphen":
            out.append("-")
        elif name == "sym":
            out.append(" ")
        elif name in ("pPr", "rPr", "sectPr", "tblPr"):
            continue
        else:
            _docx_inline(child, out)


def _docx_paragraph(p: ET.Element, b: TextBuilder) -> None:
    level = 0
    listed = False
    ppr = next((c for c in p if _local(c.tag) == "pPr"), None)
    if ppr is not None:
        for c in ppr:
            n = _local(c.tag)
            if n == "pStyle":
                m = _HEADING_STYLE.search(_attr(c, "val") or "")
                if m:
                    level = int(m.group(1)) if m.group(1) else 1
            elif n == "outlineLvl":
                v = _attr(c, "val") or ""
                if v.isdigit() and int(v) < 6:
                    level = level or int(v) + 1
            elif n == "numPr":
                listed = True
    out: list[str] = []
    _docx_inline(p, out)
    text = "".join(out)
    if listed and text.strip() and not level:
        text = "- " + text.lstrip()
    b.add_block(text, level, keep_lines=True)


def _docx_block(el: ET.Element, b: TextBuilder) -> None:
    for child in el:
        name = _local(child.tag)
        if name == "p":
            _docx_paragraph(child, b)
        elif name == "tbl":
            for row in child.iter():
                if _local(row.tag) != "tr":
                    continue
                cells = []
                for cell in row:
                    if _local(cell.tag) != "tc":
                        continue
                    out: list[str] = []
                    for p in cell.iter():
                        if _local(p.tag) == "p":
                            part: list[str] = []
                            _docx_inline(p, part)
                            out.append("".join(part).replace("\t", " "))
                    cells.append(" ".join(s.strip() for s in out if s.strip()))
                b.add_block("\t".join(c for c in cells if c))
        elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
            _docx_block(child, b)


def _remote_targets(archive: _Archive, rels_name: str) -> int:
    """How many files outside the document its relationships point to (pictures, frames; not hyperlinks)."""
    if not archive.has(rels_name):
        return 0
    try:
        rels = archive.xml(rels_name)
    except ExtractError:
        return 0
    return sum(1 for r in rels if (_attr(r, "TargetMode") or "").lower() == "external"
               and not (_attr(r, "Type") or "").endswith("/hyperlink"))


def read_docx(path: Path, *, max_chars: int = 20_000_000) -> Extracted:
    """Read the body text of a Word document (.docx).

    Parameters
    ----------
    path : pathlib.Path
    max_chars : int
        Text beyond this many characters is dropped (a note says so).

    Returns
    -------
    Extracted
        Headings from the paragraph styles ("Heading 1"...); no pages (Word lays
        pages out only when it shows them).

    Raises
    ------
    ExtractError
    """
    archive = _Archive(path, "Word (DOCX)")
    try:
        main = "word/document.xml"
        if not archive.has(main):
            rels = archive.xml("_rels/.rels") if archive.has("_rels/.rels") else None
            target = next((_attr(r, "Target") for r in (rels if rels is not None else [])
                           if (_attr(r, "Type") or "").endswith("/officeDocument")), None)
            if not target:
                raise ExtractError("not a valid Word (DOCX) file (it has no main document)")
            main = target.lstrip("/")
        root = archive.xml(main)
        body = next((el for el in root.iter() if _local(el.tag) == "body"), None)
        if body is None:
            raise ExtractError("not a valid Word (DOCX) file (the document has no body)")
        b = TextBuilder(max_chars)
        _docx_block(body, b)
        title = author = ""
        if archive.has("docProps/core.xml"):
            try:
                core = archive.xml("docProps/core.xml")
                title, author = _dc(core, "title"), _dc(core, "creator")
            except ExtractError:
                pass
        folder, base = posixpath.split(main)
        notes = []
        remote = _remote_targets(archive, posixpath.join(folder, "_rels", base + ".rels"))
        if remote:
            notes.append(f"it links to {remote} remote file{'s' if remote != 1 else ''} (pictures or frames), not fetched")
        if b.truncated:
            notes.append("its text was cut at the length limit")
        return b.build(title=title, author=author, year=None, notes=notes)
    finally:
        archive.close()


# --------------------------------------------------------------------------- #
# ODT
# --------------------------------------------------------------------------- #

_ODT_SKIP = {"note", "annotation", "tracked-changes", "bookmark-ref", "sequence-decls",
             "variable-decls", "user-field-decls", "forms", "frame"}


def _odt_inline(el: ET.Element, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        name = _local(child.tag)
        if name == "s":
            n = _attr(child, "c") or "1"
            out.append(" " * min(int(n) if n.isdigit() else 1, 100))
        elif name == "tab":
            out.append(" ")
        elif name == "line-break":
            out.append("\n")
        elif name not in _ODT_SKIP:
            _odt_inline(child, out)
        if child.tail:
            out.append(child.tail)


def _odt_block(el: ET.Element, b: TextBuilder, in_list: bool = False) -> None:
    for child in el:
        name = _local(child.tag)
        if name in _ODT_SKIP:
            continue
        if name in ("p", "h"):
            out: list[str] = []
            _odt_inline(child, out)
            text = "".join(out)
            level = 0
            if name == "h":
                v = _attr(child, "outline-level") or "1"
                level = int(v) if v.isdigit() else 1
            if in_list and text.strip() and not level:
                text = "- " + text.lstrip()
            b.add_block(text, level, keep_lines=True)
        elif name == "list-item":
            first = True
            for sub in child:
                if _local(sub.tag) in ("p", "h") and first:
                    _odt_block([sub], b, in_list=True)  # type: ignore[arg-type]
                    first = False
                else:
                    _odt_block([sub], b, in_list=False)  # type: ignore[arg-type]
        elif name == "table-row":
            cells = []
            for cell in child:
                if _local(cell.tag) != "table-cell":
                    continue
                out = []
                for p in cell.iter():
                    if _local(p.tag) in ("p", "h"):
                        part: list[str] = []
                        _odt_inline(p, part)
                        out.append("".join(part))
                cells.append(" ".join(s.strip() for s in out if s.strip()))
            b.add_block("\t".join(c for c in cells if c))
        else:
            _odt_block(child, b, in_list)


def read_odt(path: Path, *, max_chars: int = 20_000_000) -> Extracted:
    """Read the text of an OpenDocument text file (.odt).

    Parameters
    ----------
    path : pathlib.Path
    max_chars : int

    Returns
    -------
    Extracted
        Headings from ``text:h`` and their outline level; no pages.

    Raises
    ------
    ExtractError
    """
    archive = _Archive(path, "OpenDocument (ODT)")
    try:
        root = archive.xml("content.xml")
        body = next((el for el in root.iter() if _local(el.tag) == "text" and el is not root), None)
        if body is None:
            raise ExtractError("not a valid OpenDocument (ODT) file (no text body)")
        b = TextBuilder(max_chars)
        _odt_block(body, b)
        title = author = ""
        if archive.has("meta.xml"):
            try:
                meta = archive.xml("meta.xml")
                title = _dc(meta, "title")
                author = _dc(meta, "creator") or _dc(meta, "initial-creator")
            except ExtractError:
                pass
        notes = ["its text was cut at the length limit"] if b.truncated else []
        return b.build(title=title, author=author, year=None, notes=notes)
    finally:
        archive.close()


# --------------------------------------------------------------------------- #
# EPUB
# --------------------------------------------------------------------------- #


def _decode_markup(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = re.search(rb"""encoding=["']([A-Za-z0-9_.-]{2,40})""", data[:200])
    enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(enc, errors="replace").lstrip("\ufeff")
    except LookupError:
        return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _spine(opf: ET.Element, folder: str) -> tuple[list[str], int]:
    """Chapter paths in reading order, and how many manifest items are remote."""
    items: dict[str, tuple[str, str]] = {}
    remote = 0
    for el in opf.iter():
        if _local(el.tag) == "item":
            href = _attr(el, "href") or ""
            if re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
                remote += 1
                continue
            ident = _attr(el, "id") or ""
            items[ident] = (posixpath.normpath(posixpath.join(folder, unquote(href.split("#")[0]))),
                            _attr(el, "media-type") or "")
    order = []
    for el in opf.iter():
        if _local(el.tag) == "itemref":
            item = items.get(_attr(el, "idref") or "")
            if item and ("html" in item[1] or item[0].lower().endswith((".xhtml", ".html", ".htm"))):
                order.append(item[0])
    if not order:  # no spine: the HTML items in manifest order
        order = [p for p, mt in items.values() if "html" in mt]
    return order, remote


def read_epub(path: Path, *, max_chars: int = 20_000_000) -> Extracted:
    """Read the chapters of an EPUB book in reading order.

    Parameters
    ----------
    path : pathlib.Path
    max_chars : int

    Returns
    -------
    Extracted
        Headings from the chapters' ``<h1>``-``<h6>``, title, author and year
        (``dc:date``) from the package metadata; no pages.

    Raises
    ------
    ExtractError
    """
    archive = _Archive(path, "EPUB")
    try:
        container = archive.xml("META-INF/container.xml")
        rootfile = next((_attr(el, "full-path") for el in container.iter() if _local(el.tag) == "rootfile"), None)
        if not rootfile:
            raise ExtractError("not a valid EPUB file (its container names no package)")
        opf = archive.xml(rootfile)
        chapters, remote = _spine(opf, posixpath.dirname(rootfile))
        if any(el for el in opf.iter() if _local(el.tag) == "encryption"):
            raise ExtractError("encrypted EPUB (DRM): it cannot be read")
        if archive.has("META-INF/encryption.xml"):
            raise ExtractError("encrypted EPUB (DRM): it cannot be read")
        b = TextBuilder(max_chars)
        notes: list[str] = []
        missing = 0
        for name in chapters[:MAX_CHAPTERS]:
            if not archive.has(name):
                missing += 1
                continue
            part = html_extract(_decode_markup(archive.read(name)))
            for (start, end, level) in _blocks_with_levels(part):
                b.add_block(part.text[start:end], level, keep_lines=True)
            if b.truncated:
                notes.append("its text was cut at the length limit")
                break
        if len(chapters) > MAX_CHAPTERS:
            notes.append(f"only the first {MAX_CHAPTERS} of its {len(chapters)} chapters were read")
        if missing:
            notes.append(f"{missing} chapter{'s' if missing != 1 else ''} named in its table of contents "
                         f"{'are' if missing != 1 else 'is'} missing from the file")
        if remote:
            notes.append(f"it refers to {remote} remote file{'s' if remote != 1 else ''}, not fetched")
        meta = next((el for el in opf.iter() if _local(el.tag) == "metadata"), opf)
        return b.build(title=_dc(meta, "title"), author=_dc(meta, "creator"),
                       year=_year(_dc(meta, "date")), notes=notes)
    finally:
        archive.close()


def _blocks_with_levels(part: Extracted) -> Iterator[tuple[int, int, int]]:
    """The blank-line-separated blocks of ``part.text`` with their heading level (0 for body text)."""
    levels = {(s, e): lv for s, e, lv in part.headings}
    pos = 0
    text = part.text
    for m in re.finditer(r"\n\n+|\n?$", text):
        if m.start() > pos:
            yield pos, m.start(), levels.get((pos, m.start()), 0)
        pos = m.end()
        if pos >= len(text):
            break
