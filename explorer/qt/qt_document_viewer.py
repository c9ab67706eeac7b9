"""The document viewer: a whole source text, one passage highlighted, every date a link.

:class:`QtDocumentViewer` is a window of its own (one is reused for every
document).  It shows the text as the model read it (layout kept with
``white-space: pre-wrap``), highlights the passage asked for and the date
expression that matched, and scrolls the passage into view.  Every date the
model found in the text is a link: clicking it sets :attr:`ViewState.date
<explorer.state.viewstate.ViewState.date>` to the first day the expression
covers, which moves the timeline and the map.

Nothing is ever fetched: the browser's :meth:`~OfflineTextBrowser.loadResource`
returns nothing, and the text is escaped, so markup in a document is shown as
text, never run.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextEdit, QVBoxLayout, QWidget

from explorer.sources.catalogue import Catalogue
from explorer.sources.datetext import DateMention
from explorer.sources.library import SourceLibrary
from explorer.state.viewstate import ViewState
from explorer.qt.qt_keys import Key, KeyTable
from explorer.qt.qt_passage_panel import HIGHLIGHT, OfflineTextBrowser, format_interval, source_label

__all__ = ["DocumentLink", "QtDocumentViewer", "document_html"]

#: What the line under the text says when the pointer is not on a date.
HINT = "Click a date to move the timeline there. Esc closes this window."

#: Background of the highlighted passage.
PASSAGE_BACKGROUND = "#fff6cf"


@dataclass(frozen=True)
class DocumentLink:
    """A date link of the document shown: where it is and where it leads."""

    begin: int
    stop: int
    mention: DateMention
    passage: int


#: Font size of headings by level (1-6), in percent of the text's.
HEADING_SIZES = {1: 150, 2: 132, 3: 118, 4: 108, 5: 100, 6: 100}


def document_html(text: str, passages, highlight: int | None = None,
                  mark: tuple[int, int] | None = None, *,
                  headings: Sequence[tuple[int, int, int]] = (),
                  pages: Sequence[tuple[int, str]] = ()) -> tuple[str, list[DocumentLink]]:
    """The HTML of a whole document with anchors, date links and one passage highlighted.

    Headings the format marks are shown bold and larger, lists keep their
    markers, and a paged document (PDF) shows each page's number where the page
    begins.  The text itself is escaped: nothing in it is run or fetched.

    Parameters
    ----------
    text : str
        The document's text.
    passages : sequence of Passage
        Its passages (offsets into ``text``).
    highlight : int or None
        Index of the passage to highlight.
    mark : (int, int) or None
        Span, relative to the highlighted passage's text, of the date to mark more strongly.
    headings : sequence of (int, int, int)
        ``(start, end, level)`` of the headings (:attr:`Document.headings
        <explorer.sources.documents.Document.headings>`).
    pages : sequence of (int, str)
        ``(offset, label)`` where each page begins.

    Returns
    -------
    (str, list of DocumentLink)
        The HTML, and the date links in document order (``href="date:N"`` is the
        N-th link).
    """
    # Events at character offsets: ("open"|"close", kind, payload), applied in order.
    links: list[DocumentLink] = []
    for p in passages:
        for m in p.dates:
            links.append(DocumentLink(p.start + m.begin, p.start + m.stop, m, p.index))
    links.sort(key=lambda lk: lk.begin)
    hp = None
    if highlight is not None:
        hp = next((p for p in passages if p.index == highlight), None)
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}

    def add(at_open: int, tag_open: str, at_close: int, tag_close: str) -> None:
        opens.setdefault(at_open, []).append(tag_open)
        closes.setdefault(at_close, []).insert(0, tag_close)

    anchors = {p.start: f'<a name="p{p.index}"></a>' for p in passages}
    for start, end, level in headings:
        if 0 <= start < end <= len(text):
            add(start, f'<span style="font-size:{HEADING_SIZES.get(level, 100)}%; font-weight:bold">', end, "</span>")
    page_marks: dict[int, str] = {}
    for offset, label in pages:
        if 0 <= offset <= len(text):
            page_marks[offset] = (f'<a name="page{html.escape(label, quote=True)}"></a>'
                                  f'<span style="color:#777777; font-size:small">\u2014 page {html.escape(label)} '
                                  "\u2014</span>\n")
    if hp is not None:
        add(hp.start, f'<span style="background-color:{PASSAGE_BACKGROUND}; color:#000000">', hp.end, "</span>")
        if mark is not None and 0 <= mark[0] < mark[1] <= len(hp.text):
            add(hp.start + mark[0], f'<span style="background-color:{HIGHLIGHT}">', hp.start + mark[1], "</span>")
    for n, lk in enumerate(links):
        tip = html.escape(f"Go to {format_interval(lk.mention.start, lk.mention.end)} ({lk.mention.precision})",
                          quote=True)
        add(lk.begin, f'<a href="date:{n}" title="{tip}">', lk.stop, "</a>")
    cuts = sorted(set(opens) | set(closes) | set(anchors) | set(page_marks) | {0, len(text)})
    out = ['<div style="white-space: pre-wrap">']
    prev = 0
    for c in cuts:
        if c > prev:
            out.append(html.escape(text[prev:c], quote=False))
            prev = c
        out.extend(closes.get(c, ()))
        if c in page_marks:
            out.append(page_marks[c])
        if c in anchors:
            out.append(anchors[c])
        out.extend(opens.get(c, ()))
    out.append("</div>")
    return "".join(out), links


class QtDocumentViewer(QWidget):
    """A window showing one source document, a passage highlighted, dates as links.

    Parameters
    ----------
    state : ViewState
        Date links set its ``date``.
    catalogue : Catalogue or None
        For the heading (author, title, year).
    parent : QWidget or None
        The window it belongs to (it stays a separate top-level window).

    Attributes
    ----------
    doc_id : str or None
        The document shown.
    passage : int or None
        The passage highlighted.
    links : list of DocumentLink
        The date links of the text shown.
    """

    def _close_key(self, _event: QKeyEvent) -> None:
        self.close()

    #: Keys the viewer reads itself (the text passes them on): handled and listed by F1 from this one table.
    KEYS = KeyTable(
        "Document viewer",
        Key(("Esc", QKeySequence.StandardKey.Close), "Close the viewer (the keyboard goes back to the timeline)",
            _close_key),
    )

    def __init__(self, state: ViewState, catalogue: Catalogue | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("documentViewer")
        self.setAccessibleName("Source document")
        self.state = state
        self.catalogue = catalogue
        self.library: SourceLibrary | None = None
        self.doc_id: str | None = None
        self.passage: int | None = None
        self.links: list[DocumentLink] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 6)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.heading)
        self.browser = OfflineTextBrowser(self)
        self.browser.setObjectName("documentBrowser")
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.highlighted.connect(self._on_hover)
        lay.addWidget(self.browser, 1)
        self.hint = QLabel(HINT, self)
        self.hint.setObjectName("documentHint")
        lay.addWidget(self.hint)
        self.resize(760, 720)
        self._placed = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The first time it opens, stand beside the main window's map, not on it."""
        if not self._placed:
            self._placed = True
            self.place_beside_map()
        super().showEvent(event)

    def place_beside_map(self) -> None:
        """Put the window right of the main window when the screen has room, else over its right side.

        Left to the window manager it opened over the middle of the map, so a
        click on a date moved a map nobody could see.  Over the right side it
        covers the passage panel and the sea east of Korea; the peninsula, in
        the middle of the map, stays in view.
        """
        parent = self.parentWidget()
        if parent is None:
            return
        main = parent.window()
        screen = main.screen() or self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        frame = main.frameGeometry()
        room = avail.right() - frame.right()
        if room >= 480:
            x, width = frame.right() + 1, min(760, room)
        else:
            width = int(min(760, max(420, 0.45 * frame.width()), avail.width()))
            x = max(avail.left(), min(frame.right(), avail.right()) - width + 1)
        y = max(avail.top(), frame.top())
        # move() places the frame (title bar included), like frameGeometry(); resize() the inside.
        decoration = frame.height() - main.height()
        height = min(max(self.height(), main.height()), avail.bottom() - y + 1 - decoration)
        self.resize(width - (frame.width() - main.width()), height)
        self.move(x, y)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """The keys of :attr:`KEYS`: Esc and the platform's Close keys (Ctrl+W, Ctrl+F4) close the window.

        The text ignores these keys, so they arrive here from it.
        """
        if not self.KEYS.dispatch(self, event):
            super().keyPressEvent(event)

    def show_passage(self, library: SourceLibrary, doc_id: str, index: int | None = None,
                     mark: tuple[int, int] | None = None, words: Sequence[str] = ()) -> None:
        """Show document ``doc_id`` with passage ``index`` highlighted and scrolled into view.

        Parameters
        ----------
        library : SourceLibrary
        doc_id : str
        index : int or None
            The passage to highlight (``None``: the top of the document).
        mark : (int, int) or None
            The matched date's span in the passage text.
        words : sequence of str
            Words searched for (Edit > Find in sources): each place they occur
            in the document is marked.
        """
        doc = library.documents[doc_id]
        self.library, self.doc_id, self.passage = library, doc_id, index
        body, self.links = document_html(doc.text, library.passages(doc_id), index, mark,
                                         headings=doc.headings,
                                         pages=list(zip(doc.page_starts, doc.page_labels)))
        where = html.escape(str(doc.path))
        if doc.pages:
            first, last = doc.page_labels[0], doc.page_labels[-1]
            where += f" \u2014 PDF, {doc.pages} page{'s' if doc.pages != 1 else ''}"
            where += f" (pp. {html.escape(first)}\u2013{html.escape(last)})" if first != "1" else ""
            if index is not None:
                hp = next((p for p in library.passages(doc_id) if p.index == index), None)
                page = doc.page_at(hp.start) if hp is not None else None
                if page is not None:
                    where += f"; this passage is on page {html.escape(page)}"
        self.heading.setText(f"{source_label(library, self.catalogue, doc_id)}<br>"
                             f'<span style="color:#666">{where}</span>')
        self.setWindowTitle(f"{doc.title} \u2014 source document")
        self.browser.setHtml(body)
        self.mark_words(words)
        if index is not None:
            self.scroll_to_passage(index)
            # The layout may change once the window is shown: scroll again then.
            QTimer.singleShot(0, lambda i=index: self.scroll_to_passage(i))

    def mark_words(self, words: Sequence[str], limit: int = 2000) -> int:
        """Mark every place the given words occur (case-insensitive); returns how many were marked."""
        selections: list[QTextEdit.ExtraSelection] = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffd54f"))
        fmt.setForeground(QColor("#111111"))
        doc = self.browser.document()
        for word in words:
            if not word.strip():
                continue
            cursor = QTextCursor(doc)
            while len(selections) < limit:
                cursor = doc.find(word, cursor)
                if cursor.isNull():
                    break
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
        self.browser.setExtraSelections(selections)
        return len(selections)

    def scroll_to_passage(self, index: int) -> None:
        """Bring passage ``index`` into view, with a few lines of what comes before it."""
        if index != self.passage:
            return
        self.browser.scrollToAnchor(f"p{index}")
        bar = self.browser.verticalScrollBar()
        if bar.value() > 0:
            bar.setValue(max(0, bar.value() - 3 * self.browser.fontMetrics().height()))

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if not href.startswith("date:"):
            return
        try:
            lk = self.links[int(href[5:])]
        except (ValueError, IndexError):
            return
        self.go_to_link(lk)

    def go_to_link(self, link: DocumentLink) -> None:
        """Move the timeline to the first day of a date link (clamped to the timeline)."""
        self.state.date = link.mention.start
        shown = self.state.date
        note = ""
        if shown != link.mention.start:
            note = " (outside the timeline; moved to its nearest end)"
        self.hint.setText(f"Timeline moved to {format_interval(shown, shown)}{note}.")

    def _on_hover(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith("date:"):
            try:
                lk = self.links[int(href[5:])]
            except (ValueError, IndexError):
                return
            m = lk.mention
            page = ""
            if self.library is not None and self.doc_id in self.library.documents:
                label = self.library.documents[self.doc_id].page_at(lk.begin)
                page = f" (page {label})" if label is not None else ""
            self.hint.setText(f"\u201c{m.text}\u201d{page}: {format_interval(m.start, m.end)} ({m.precision}). "
                              "Click to move the timeline there.")
        else:
            self.hint.setText(HINT)

    def link_dates(self) -> list[dt.date]:
        """The first days of the date links, in document order (tests, accessibility)."""
        return [lk.mention.start for lk in self.links]
