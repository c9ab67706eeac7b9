"""The visible text of an HTML (or XHTML) page, block by block, with its headings.

Read with :mod:`html.parser`: scripts, styles, frames, embedded objects,
forms' controls and navigation are dropped, and nothing is ever fetched (no
image, stylesheet, frame or link of the page is followed).  Used for HTML files
and for the chapters of an EPUB.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from explorer.sources.extracted import Extracted

__all__ = ["html_extract", "html_title", "html_to_text"]

_SKIP_TAGS = {"script", "style", "iframe", "noscript", "object", "embed", "template", "svg",
              "head", "title", "math", "canvas", "audio", "video", "select", "button", "nav"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
               "table", "tr", "blockquote", "section", "article", "header", "footer", "nav",
               "aside", "main", "figure", "figcaption", "pre", "hr", "address", "form",
               "fieldset", "details", "summary", "caption", "body", "html"}
_CELL_TAGS = {"td", "th"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "track", "wbr", "area", "base",
         "col", "param", "embed"}
#: Marks a table cell boundary in the buffer; becomes a tab in the text.
_CELL = "\x01"


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.levels: list[int] = []
        self._buf: list[str] = []
        self._skip = 0
        self._pre = 0
        self._heading = 0
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
        # Table cells: one tab between two cells with text, none at the ends of a row.
        if _CELL in text:
            text = re.sub(rf" ?{_CELL}[ {_CELL}]*", "\t", text).strip("\t ")
        if text.strip():
            self.blocks.append(text)
            self.levels.append(self._heading)

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
        if tag in _CELL_TAGS:
            self._buf.append(_CELL)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = _HEADINGS[tag]
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
        if tag in _CELL_TAGS:
            self._buf.append(_CELL)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = 0
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self._skip:
            self._buf.append(data.replace(_CELL, " "))

    def close(self) -> None:
        super().close()
        self._flush()


def _parse(html: str) -> _TextExtractor:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser


def html_title(html: str) -> str:
    """The text of an HTML document's ``<title>`` element ("" when there is none)."""
    return " ".join(_parse(html).title.split())


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML document.

    Script, style, frame, object, embed, template, SVG, navigation (``<nav>``)
    and ``<head>`` content is dropped; paragraphs, headings, list items, table
    rows and other blocks are separated by blank lines; the cells of a row are
    separated by a tab (so "June 25, 1950" in one cell and the event in the next
    stay apart); list items get a "- " or "1. " marker; ``<br>`` becomes a
    newline; character references are decoded.  No resource is ever fetched.

    Parameters
    ----------
    html : str
        The HTML source.

    Returns
    -------
    str
    """
    return html_extract(html).text


def html_extract(html: str) -> Extracted:
    """The text of an HTML document (as :func:`html_to_text`) with its headings and title.

    Parameters
    ----------
    html : str

    Returns
    -------
    Extracted
        ``headings`` gives the span and level of each ``<h1>``-``<h6>``; no pages.
    """
    parser = _parse(html)
    parts: list[str] = []
    headings: list[tuple[int, int, int]] = []
    pos = 0
    for block, level in zip(parser.blocks, parser.levels):
        if parts:
            parts.append("\n\n")
            pos += 2
        if level:
            headings.append((pos, pos + len(block), level))
        parts.append(block)
        pos += len(block)
    text = "".join(parts) + ("\n" if parts else "")
    return Extracted(text, headings=headings, title=" ".join(parser.title.split())[:120])
