"""What a format reader hands back: text, pages, headings, metadata and notes.

Every reader of :mod:`explorer.sources` (HTML, PDF, DOCX, ODT, EPUB) builds
its text with a :class:`TextBuilder`, block by block, so that blocks are
separated by blank lines (what :func:`~explorer.sources.passages.segment`
cuts at), pages and headings are recorded as character offsets into the final
text, and the result is an :class:`Extracted`.  Nothing here reads files.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["ExtractError", "Extracted", "TextBuilder", "page_index"]


class ExtractError(Exception):
    """A file that a format reader cannot read; the message says why, without the file name."""


@dataclass
class Extracted:
    """The text of a document and what is known of its layout.

    Attributes
    ----------
    text : str
        Blocks separated by blank lines, ``"\\n"`` newlines.
    page_starts : list of int
        Offset in ``text`` where each page begins (empty when the format has no pages).
    page_labels : list of str
        The number printed on each page (or its position, 1-based), one per page.
    headings : list of (int, int, int)
        ``(start, end, level)`` of each heading, level 1-6.
    title, author : str
        From the document's metadata ("" when it has none).
    year : int or None
        Year of publication from the metadata, when the format records one.
    notes : list of str
        Sentences about what was left out or capped (shown among the source problems).
    """

    text: str
    page_starts: list[int] = field(default_factory=list)
    page_labels: list[str] = field(default_factory=list)
    headings: list[tuple[int, int, int]] = field(default_factory=list)
    title: str = ""
    author: str = ""
    year: int | None = None
    notes: list[str] = field(default_factory=list)


_SPACES = re.compile(r"[ \r\f\v\u00a0]+")
_TABS = re.compile(r" *\t[ \t]*")


class TextBuilder:
    """Collects blocks (paragraphs, headings, list items) and pages into one text.

    Parameters
    ----------
    max_chars : int
        Text beyond this many characters is dropped (and :attr:`truncated` set).
    """

    def __init__(self, max_chars: int = 20_000_000) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.page_starts: list[int] = []
        self.page_labels: list[str] = []
        self.headings: list[tuple[int, int, int]] = []
        self.max_chars = max_chars
        self.truncated = False

    def __len__(self) -> int:
        return self._len

    def add_block(self, text: str, heading: int = 0, *, keep_lines: bool = False) -> None:
        """Add one block; whitespace runs collapse, empty blocks are ignored.

        Parameters
        ----------
        text : str
        heading : int
            Heading level 1-6, or 0 for body text.
        keep_lines : bool
            Keep the block's newlines (verse, line breaks, preformatted text);
            by default a block is one line.  Tabs (between table cells) are kept.
        """
        if keep_lines:
            lines = [_TABS.sub("\t", _SPACES.sub(" ", ln)).strip() for ln in text.split("\n")]
            text = "\n".join(ln for ln in lines if ln)
        else:
            text = _TABS.sub("\t", _SPACES.sub(" ", text.replace("\n", " "))).strip()
        if not text or self.truncated:
            return
        if self._len + len(text) + 2 > self.max_chars:
            self.truncated = True
            return
        if self._parts:
            self._parts.append("\n\n")
            self._len += 2
        start = self._len
        self._parts.append(text)
        self._len += len(text)
        if heading:
            self.headings.append((start, self._len, max(1, min(6, heading))))

    def new_page(self, label: str) -> None:
        """Start a page: the next block is its first."""
        self.page_starts.append(self._len + (2 if self._parts else 0))
        self.page_labels.append(label)

    def build(self, **meta) -> Extracted:
        """The :class:`Extracted` of what was added (``meta``: title, author, year, notes)."""
        text = "".join(self._parts)
        text = text + "\n" if text else text
        # Pages that ended up empty at the very end point past the text: keep them in range.
        starts = [min(s, max(0, len(text) - 1)) for s in self.page_starts]
        return Extracted(text, starts, list(self.page_labels), list(self.headings), **meta)


def page_index(page_starts: list[int], offset: int) -> int | None:
    """The 0-based page holding character ``offset``, or ``None`` when there are no pages."""
    if not page_starts:
        return None
    return max(0, bisect_right(page_starts, offset) - 1)
