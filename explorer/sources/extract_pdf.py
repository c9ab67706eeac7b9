"""The text layer of a PDF, page by page, with running heads and page numbers left out.

PDFs are read with pypdfium2 (PDFium, BSD/Apache-2.0), which only parses the
file: no link, form, script or remote resource of the document is ever
followed.  For each page the text layer is split into lines and the lines are
joined into paragraphs:

- a word hyphenated at a line end is joined again (PDFium marks such hyphens
  with U+FFFE; a line ending in a hyphen after a letter, followed by a line
  starting with a lower-case letter, is joined the same way);
- a line much shorter than the page's full lines ends its paragraph (a last
  line, a heading, a one-line entry); so does a line ending a sentence that is
  not quite full, and a line before a bullet or numbered item;
- running heads and footers are left out: among the first and last two lines of
  each page, a line that is only a page number ("12", "- 12 -", "Page 12",
  "xii", "12 of 300") and a line that recurs (digits aside) on many pages.

The numbers printed on the pages are kept as page labels when they agree with
the pages' order (a chapter printed as pp. 145-170 is cited as such); else the
pages are numbered from 1.

Limits: at most :data:`MAX_PAGES` pages are read (the rest is named in a note),
and reading stops once the text reaches the builder's character limit.  A PDF
without text is refused as scanned, an encrypted one as encrypted.

PDFium is not thread-safe: call :func:`read_pdf` from one thread at a time (the
library's loader thread does).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path
from collections.abc import Callable

from explorer.sources.cancelling import CancelCheck, check
from explorer.sources.extracted import ExtractError, Extracted, TextBuilder

__all__ = ["MAX_PAGES", "read_pdf"]

#: Pages read from one PDF at most (a 10,000-page file is capped, not refused).
MAX_PAGES = 3000
_LOCK = threading.Lock()

_PAGE_NUMBER = re.compile(
    r"^[\s\-\u2013\u2014(\[]*(?:page|p\.|pg\.?)?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*(?:(?:of|/)\s*\d{1,5})?[\s\-\u2013\u2014)\]]*$",
    re.IGNORECASE)
_BULLET = re.compile(r"^(?:[\u2022\u25cf\u25aa\u2023\u2043*\-]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)")
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019)\]]$")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")


def _roman(s: str) -> int | None:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    s = s.lower()
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def _page_number(line: str) -> tuple[int, bool] | None:
    """The number a page-number line shows and whether it is explicit ("Page 3", "3 of 9", "- 3 -", roman).

    A bare arabic number is not explicit: it may be a year heading ("1951").
    """
    m = _PAGE_NUMBER.match(line)
    if m is None:
        return None
    g = m.group(1)
    explicit = line.strip() != g or not g.isdigit()
    if g.isdigit():
        return int(g), explicit
    r = _roman(g)
    return (-r, True) if r else None  # roman numbers are negative: never labels


def _shape(line: str) -> str:
    """A line without a page number at its start or end, to find running heads that carry one.

    Only a number at either end is blurred: a date heading ("June 26, 1950")
    keeps its day, so dated entries that open each page are never taken for a
    running head.
    """
    s = " ".join(line.lower().replace("\ufffe", "-").split())
    return re.sub(r"^\d{1,4}\s+|\s+\d{1,4}$", "#", s)


def _page_lines(raw: str, tp=None) -> list[str]:
    """The lines of a page's text; an empty line where the gap above a line is wider than the page's spacing.

    ``tp`` is the page's PDFium text page, whose character boxes give each
    line's height on the page (without it no gap is found).
    """
    raw = raw.replace("\x02", "\ufffe").replace("\x00", " ")
    spans = []  # (start, end) of each line in raw
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", raw):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(raw)))
    # Where each line begins and, for a line PDFium joined across a hyphen
    # (U+FFFE, no line break), where its last printed line lies.
    ys: list[float | None] = [None] * len(spans)
    last_ys: list[float | None] = [None] * len(spans)
    heights: list[float] = []
    if tp is not None:
        try:
            if tp.count_chars() == len(raw):
                for k, (a, b) in enumerate(spans):
                    i = next((j for j in range(a, b) if not raw[j].isspace()), None)
                    if i is not None:
                        _l, bottom, _r, top = tp.get_charbox(i)
                        ys[k] = last_ys[k] = bottom
                        if top > bottom:
                            heights.append(top - bottom)
                    joined = raw.rfind("\ufffe", a, b)
                    if joined >= 0:
                        j = next((j for j in range(joined + 1, b) if not raw[j].isspace()), None)
                        if j is not None:
                            last_ys[k] = tp.get_charbox(j)[1]
        except Exception:  # noqa: BLE001 - geometry is a help, never a reason to fail
            ys = [None] * len(spans)
            last_ys = [None] * len(spans)
    drops = [_drop(last_ys[k - 1], ys[k]) for k in range(1, len(ys))]
    steps = sorted(d for d in drops if d is not None and d > 0)
    step = steps[len(steps) // 2] if steps else None
    if step and heights:
        # On a page of few lines the median step may be a paragraph gap: a line is at most ~2 letters high.
        step = min(step, 2.2 * sorted(heights)[len(heights) // 2])
    out: list[str] = []
    for k, (a, b) in enumerate(spans):
        gap = drops[k - 1] if k else None
        if step and gap is not None:
            if gap > 1.6 * step or gap < -step:  # a blank line's gap, or a new column
                out.append("")
        # PDFium marks a hyphen it found at a line end with U+FFFE and drops the line break.
        out.extend(part.strip() for part in raw[a:b].replace("\ufffe", "\ufffe\n").split("\n"))
    return out


def _drop(above: float | None, below: float | None) -> float | None:
    """How far a line lies under the one above it (``None`` when either height is unknown)."""
    return None if above is None or below is None else above - below


def _glue(cur: str, line: str) -> str:
    """Join a paragraph and its next line, mending a word hyphenated at the line end."""
    if cur.endswith("\ufffe"):
        return cur[:-1] + (line if line[:1].islower() else "-" + line)
    if _HYPHEN_END.search(cur[-3:]) and line[:1].islower():
        return cur[:-1] + line
    return f"{cur} {line}"


def _join_lines(lines: list[str], full: int) -> list[str]:
    """Paragraphs from a page's lines; ``full`` is the length of a full line."""
    paras: list[str] = []
    cur = ""
    prev = ""
    for line in lines:
        if not line:
            if cur:
                paras.append(cur)
            cur, prev = "", ""
            continue
        if cur:
            ends = not cur.endswith("\ufffe") and (len(prev) < 0.7 * full
                    or (_SENTENCE_END.search(prev[-1:]) and len(prev) < 0.9 * full)
                    or _BULLET.match(line))
            if ends:
                paras.append(cur)
                cur = line
            else:
                cur = _glue(cur, line)
        else:
            cur = line
        prev = line
    if cur:
        paras.append(cur)
    return paras


def _edges(lines: list[str]) -> list[int]:
    idx = [i for i, ln in enumerate(lines) if ln]
    return sorted(set(idx[:2] + idx[-2:]))


_HEAD_NUMBER = re.compile(r"^(\d{1,4})\s+\S.*|.*\S\s+(\d{1,4})$")


def _head_number(line: str) -> int | None:
    """The page number a running head carries at its start or end ("12 A HISTORY", "Chapter 4: Notes 10")."""
    if len(line) > 120:
        return None
    m = _HEAD_NUMBER.match(line)
    if m is None:
        return None
    return int(m.group(1) or m.group(2))


def _roman_label(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _furniture(pages: list[list[str]], cancel: CancelCheck = None) -> tuple[list[set[int]], list[str]]:
    """Which lines of each page are running heads, footers or page numbers, and each page's label.

    The printed page numbers are found on lines of their own ("12", "- 12 -",
    "Page 12") and at either end of a running head ("Chapter 4: Notes 10"); when
    at least half of the pages agree on how their printed number follows their
    position, those numbers are the labels (pages before the first printed
    number get roman numerals, as front matter does), and every edge line that
    carries its page's number is left out.
    """
    n = len(pages)
    edges = [_edges(lines) for lines in pages]
    found: list[list[tuple[int, int, bool]]] = []  # per page: (line, number, explicit)
    heads: list[list[tuple[int, int]]] = []  # per page: (line, number at an end of a longer line)
    for p, (lines, ix) in enumerate(zip(pages, edges)):
        if p % 100 == 99:
            check(cancel)
        found.append([(i, *num) for i in ix if (num := _page_number(lines[i])) is not None])
        heads.append([(i, head) for i in ix if (head := _head_number(lines[i])) is not None])
    offsets: Counter[int] = Counter()
    for p in range(n):  # each page votes once for each offset its numbers suggest
        offsets.update({num - p for _i, num, _e in found[p] if num > 0} | {num - p for _i, num in heads[p]})
    off = None
    if offsets:
        # The offset most pages agree on; of equals the smaller (a footer's "3" beats a heading's "1952").
        best, agree = min(offsets.items(), key=lambda kv: (-kv[1], kv[0]))
        if agree >= max(2, 0.5 * n) and best > -n:
            off = best
    labels = [str(p + off) if off is not None and p + off >= 1 else (_roman_label(p + 1) if off is not None
                                                                    else str(p + 1)) for p in range(n)]
    counts: Counter[str] = Counter()
    for lines, ix in zip(pages, edges):
        counts.update({_shape(lines[i]) for i in ix})
    repeat = max(2, int(0.3 * n + 0.5)) if n >= 3 else n + 1  # a two-page text has no furniture to learn
    drop: list[set[int]] = []
    for p, (lines, ix) in enumerate(zip(pages, edges)):
        if p % 100 == 99:
            check(cancel)
        gone = {i for i, num, explicit in found[p] if explicit or (off is not None and num == p + off)}
        if off is not None:
            gone |= {i for i, num in heads[p] if num == p + off}
        gone |= {i for i in ix if counts[_shape(lines[i])] >= repeat and len(lines[i]) <= 120
                 and not lines[i].strip().isdigit()}
        drop.append(gone)
    return drop, labels


def _meta_year(value: str) -> int | None:
    m = re.match(r"(?:D:)?(\d{4})", value or "")
    return int(m.group(1)) if m else None


def read_pdf(path: Path, *, max_pages: int = MAX_PAGES, max_chars: int = 20_000_000,
             progress: Callable[[int, int], None] | None = None, cancel: CancelCheck = None) -> Extracted:
    """Read the text layer of the PDF at ``path``.

    Parameters
    ----------
    path : pathlib.Path
    max_pages : int
        Pages beyond this number are not read (a note says so).
    max_chars : int
        Text beyond this many characters is dropped (a note says so).
    progress : callable or None
        ``progress(pages_read, pages_to_read)`` every few pages.
    cancel : callable or None
        Checked before every page (and every hundred pages of the layout work
        after): when it returns True, :class:`~explorer.sources.cancelling.Cancelled`
        is raised, within a few milliseconds even in a 3,000-page book.

    Returns
    -------
    Extracted
        With one page start and label per page read.

    Raises
    ------
    ExtractError
        Not a PDF PDFium can open, encrypted, or without a text layer.
    Cancelled
        ``cancel`` said so.
    """
    import pypdfium2 as pdfium  # heavy: imported when a PDF is read

    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            msg = str(exc)
            if "password" in msg.lower() or "security" in msg.lower():
                raise ExtractError("encrypted PDF (it needs a password): save an unprotected copy to read it") from exc
            raise ExtractError(f"not a readable PDF ({msg.rstrip('.')})") from exc
        try:
            return _read(pdf, max_pages, max_chars, progress, cancel)
        finally:
            pdf.close()


def _read(pdf, max_pages: int, max_chars: int, progress: Callable[[int, int], None] | None,
          cancel: CancelCheck = None) -> Extracted:
    total = len(pdf)
    if total == 0:
        raise ExtractError("the PDF has no pages")
    count = min(total, max_pages)
    import pypdfium2 as pdfium

    pages: list[list[str]] = []
    unreadable: list[int] = []
    chars = 0
    for i in range(count):
        check(cancel)
        try:
            page = pdf[i]
        except pdfium.PdfiumError:
            unreadable.append(i + 1)
            pages.append([])
            continue
        try:
            tp = page.get_textpage()
            try:
                lines = _page_lines(tp.get_text_range(), tp)
            finally:
                tp.close()
        except pdfium.PdfiumError:
            unreadable.append(i + 1)
            lines = []
        finally:
            page.close()
        pages.append(lines)
        chars += sum(len(ln) for ln in lines)
        if progress is not None and (i % 20 == 19 or i + 1 == count):
            progress(i + 1, count)
        if chars > max_chars:
            break
    read = len(pages)
    if sum(1 for lines in pages for ln in lines if ln.strip()) == 0 or chars < 8 * read and chars < 200:
        raise ExtractError("scanned, no text: run OCR first (the PDF has no text layer)")
    drop, labels = _furniture(pages, cancel)
    paras: list[list[str]] = []
    for p, (lines, gone) in enumerate(zip(pages, drop)):
        if p % 100 == 99:
            check(cancel)
        body = [ln for i, ln in enumerate(lines) if i not in gone]
        lengths = sorted(len(ln) for ln in body if ln)
        full = lengths[(3 * len(lengths)) // 4] if lengths else 0
        paras.append(_join_lines(body, full))
    # A paragraph that runs on over a page break stays one (its page is where it begins).
    for p in range(1, len(paras)):
        prev = next((q for q in range(p - 1, -1, -1) if paras[q]), None)
        if prev is None or not paras[p]:
            continue
        last, first = paras[prev][-1], paras[p][0]
        if not _SENTENCE_END.search(last[-1:]) and first[:1].islower():
            paras[prev][-1] = _glue(last, first)
            paras[p].pop(0)
    b = TextBuilder(max_chars)
    for p, (page_paras, label) in enumerate(zip(paras, labels)):
        if p % 100 == 99:
            check(cancel)
        b.new_page(label)
        for para in page_paras:
            b.add_block(para.replace("\ufffe", "-"))
    notes = []
    if unreadable:
        shown = ", ".join(map(str, unreadable[:10])) + (" ..." if len(unreadable) > 10 else "")
        notes.append(f"{len(unreadable)} damaged page{'s' if len(unreadable) != 1 else ''} could not be read ({shown})")
    if read < total:
        why = (f"only the first {read} of its {total} pages were read (the limit is {max_pages})"
               if read == max_pages else f"only the first {read} of its {total} pages were read (text limit reached)")
        notes.append(why)
    elif b.truncated:
        notes.append("its text was cut at the length limit")
    try:
        meta = pdf.get_metadata_dict()
    except Exception:  # noqa: BLE001 - broken metadata never stops reading the text
        meta = {}
    title = " ".join(str(meta.get("Title") or "").split())[:120]
    author = " ".join(str(meta.get("Author") or "").split())[:120]
    return b.build(title=title, author=author, year=None, notes=notes)
