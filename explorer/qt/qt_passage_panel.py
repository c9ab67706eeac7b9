"""The passage panel: what the chronology and the source documents say about the day shown.

:class:`QtPassagePanel` follows :attr:`ViewState.date <explorer.state.viewstate.ViewState.date>`.
For the date it lists

1. the events of the chronology at that date, each with its summary and the
   passages its citations point at (or, without sources open, the citations
   themselves);
2. then the passages of the open documents whose dates cover the day, best
   first (:func:`explorer.sources.linking.passages_for_date`).

Each passage shows its source (author, title, year), its number (the same
number the ``passages`` command prints), the date expression that matched with
its precision ("year inferred" when the document writes no year), the places it
names, and the passage with that expression highlighted.
Clicking a passage emits :attr:`QtPassagePanel.passageActivated`; clicking a
date moves the timeline; "Copy with citation" puts the passage and its citation
(author, title, publication, year, page, passage number) on the clipboard;
pointing at a place emits :attr:`QtPassagePanel.placeHovered` (the map rings it)
and clicking it lists what the sources say about that place, at every date
(:meth:`QtPassagePanel.show_place`, also called when a town is clicked on the
map). The places the listed passages name are sent to the map with
:attr:`QtPassagePanel.placesNamed`. "Export…" writes the passages of the
day, a range of days or a place as CSV, Markdown or RIS.

Updates are cheap: date changes are coalesced with a zero-timer, the result of
a lookup is compared with the one shown and the HTML is rebuilt only when it
differs (scrubbing through a stretch the sources speak of only by year changes
nothing but the header).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from urllib.parse import quote, unquote

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.war.chronology import format_date
from explorer.war.events import Event, events_at
from explorer.state.viewstate import ViewState

if TYPE_CHECKING:
    from explorer.sources.catalogue import Catalogue
    from explorer.sources.datetext import DateMention
    from explorer.sources.library import SourceLibrary
    from explorer.sources.linking import LinkIndex, RankedPassage

__all__ = ["HIGHLIGHT", "OfflineTextBrowser", "QtPassagePanel", "excerpt", "format_interval", "precision_rank",
           "source_label"]

#: Background of a highlighted date expression.
HIGHLIGHT = "#ffe27a"
#: Passages listed below the events at first ("Show more" lists up to MAX_PASSAGES).
FIRST_PASSAGES = 6
#: At most this many passages below the events.
MAX_PASSAGES = 30
#: Passages longer than this are cut around the matched date in the panel.
MAX_CHARS = 420
#: How many laid-out panel documents are kept (the whole war has about 160 different ones).
DOCUMENT_CACHE = 200

#: The panel's style sheet for a light palette (classes rather than inline
#: styles: cheaper to parse).  :func:`panel_css` adapts it to the palette.
PANEL_CSS = (
    f".hl {{ background-color: {HIGHLIGHT}; color: #000000; }}"
    "p.ev { margin-top: 8px; margin-bottom: 2px; }"
    "p.sum { margin-top: 0px; margin-bottom: 4px; }"
    "p.src { margin-top: 6px; margin-bottom: 0px; color: #444444; }"
    "p.txt { margin-top: 1px; margin-bottom: 6px; margin-left: 8px; }"
    "a.txt { color: #1b1b1b; text-decoration: none; }"
    "p.cit { margin-top: 0px; margin-bottom: 6px; margin-left: 8px; color: #444444; }"
    "p.note { margin-top: 4px; color: #555555; }"
    "p.head { margin-top: 12px; margin-bottom: 0px; }"
    "p.pl { margin-top: 0px; margin-bottom: 6px; margin-left: 8px; color: #555555; }"
    ".when { color: #666666; }"
    ".match { color: #7a4b00; }"
)

def panel_css(palette) -> str:
    """The panel's style sheet in the colours of *palette* (light or dark)."""
    from PySide6.QtGui import QPalette

    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    if base.lightness() >= 128:
        return PANEL_CSS

    def mix(t: float) -> str:
        r = round(text.red() * (1 - t) + base.red() * t)
        g = round(text.green() * (1 - t) + base.green() * t)
        b = round(text.blue() * (1 - t) + base.blue() * t)
        return f"#{r:02x}{g:02x}{b:02x}"

    return (PANEL_CSS.replace("color: #444444", f"color: {mix(0.25)}")
            .replace("color: #1b1b1b", f"color: {text.name()}")
            .replace("color: #555555", f"color: {mix(0.3)}")
            .replace("color: #666666", f"color: {mix(0.35)}")
            .replace("color: #7a4b00", "color: #f0b95a"))


_PRECISION_WORDS = {
    "day": "day", "range": "range of days", "part-month": "part of a month", "month": "month",
    "season": "season", "year": "year", "decade": "decade",
}
_OPEN_HINT = ("The source texts are not open. Open their folder with <b>File &gt; Open sources...</b> "
              "(Ctrl+O), drop a folder or files on the window, or start with "
              "<code>korean-war-explorer --sources DIR</code>; the passages that speak of each day "
              "then appear here.")


class OfflineTextBrowser(QTextBrowser):
    """A :class:`QTextBrowser` that never loads anything: no images, no style sheets, no pages.

    Links are reported through ``anchorClicked`` and never followed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, _type: int, _name: QUrl | str):  # noqa: N802 (Qt API)
        """Return nothing for every resource (the documents are text; nothing is fetched)."""
        return None


def _year_of(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return m.group(1) if m else None


def source_label(library: SourceLibrary | None, catalogue: Catalogue | None, doc_id: str) -> str:
    """``Author, <i>Title</i> (year)`` for a source, as HTML.

    Catalogued sources use the catalogue's author, title and year; other
    documents their title and file name.
    """
    entry = catalogue.get(doc_id) if catalogue is not None else None
    if entry is None and library is not None:
        entry = library.catalogue.get(doc_id)
    if entry is not None:
        year = _year_of(entry.date)
        parts = []
        if entry.author:
            parts.append(html.escape(entry.author) + ", ")
        parts.append(f"<i>{html.escape(entry.full_title)}</i>")
        if year:
            parts.append(f" ({year})")
        return "".join(parts)
    if library is not None and doc_id in library.documents:
        doc = library.documents[doc_id]
        return f"<i>{html.escape(doc.title)}</i> ({html.escape(doc.path.name)})"
    return html.escape(doc_id)


def format_interval(start: dt.date, end: dt.date) -> str:
    """A date interval in words: "15 September 1950", "September 1950", "1950-1953", "1-10 October 1950"."""
    if start == end:
        return format_date(start)
    whole_start = start.day == 1
    nxt = end + dt.timedelta(days=1)
    whole_end = nxt.day == 1
    if whole_start and whole_end and start.month == 1 and end.month == 12:
        return str(start.year) if start.year == end.year else f"{start.year}\u2013{end.year}"
    if whole_start and whole_end:
        a, b = start.strftime("%B"), end.strftime("%B")
        if (start.year, start.month) == (end.year, end.month):
            return f"{a} {start.year}"
        if start.year == end.year:
            return f"{a}\u2013{b} {start.year}"
        return f"{a} {start.year}\u2013{b} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {start.strftime('%B')} {start.year}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')}\u2013{format_date(end)}"
    return f"{format_date(start)}\u2013{format_date(end)}"


def precision_rank(precision: str) -> int:
    """Where a date mention's precision stands, finest first (:data:`explorer.sources.datetext.PRECISION_ORDER`)."""
    # Imported here, not at the top: the sources package is kept off the path to the
    # map's first paint (about 30 ms of start-up: tests/benchmarks/startup_child.py,
    # python -X importtime); the panel needs it only once there is something to show.
    from explorer.sources.datetext import PRECISION_ORDER

    return PRECISION_ORDER.get(precision, 99)


def _loosely_dated(r: RankedPassage) -> bool:
    """True when the passage's date covering the day is a year, a decade or wider."""
    m = r.matched
    return m is not None and precision_rank(m.precision) >= precision_rank("year")


def describe_mention(m: DateMention) -> str:
    """HTML: the matched expression, its precision, and the days it covers when that helps."""
    words = _PRECISION_WORDS.get(m.precision, m.precision)
    span = format_interval(m.start, m.end)
    said = html.escape(m.label.strip())
    if m.precision == "day" or span == m.text.strip():
        return f"\u201c{said}\u201d \u00b7 {words}"
    return f"\u201c{said}\u201d \u00b7 {words}, {html.escape(span)}"


def excerpt(text: str, begin: int | None, stop: int | None, limit: int = MAX_CHARS) -> tuple[str, int, int]:
    """Cut ``text`` to about ``limit`` characters around ``text[begin:stop]``.

    Returns
    -------
    (str, int, int)
        The excerpt (with an ellipsis where it was cut) and the span of the
        matched expression in it (``-1, -1`` when there is none).
    """
    if len(text) <= limit:
        return text, (begin if begin is not None else -1), (stop if stop is not None else -1)
    if begin is None or stop is None:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        return text[:cut].rstrip() + " \u2026", -1, -1
    a = max(0, begin - limit // 3)
    b = min(len(text), a + limit)
    a = max(0, min(a, b - limit))
    if a > 0:
        sp = text.find(" ", a, begin)
        a = sp + 1 if sp != -1 else a
    if b < len(text):
        sp = text.rfind(" ", stop, b)
        b = sp if sp != -1 else b
    pre = "\u2026 " if a > 0 else ""
    post = " \u2026" if b < len(text) else ""
    return pre + text[a:b] + post, len(pre) + begin - a, len(pre) + stop - a


def _marked_html(text: str, begin: int, stop: int) -> str:
    if 0 <= begin < stop <= len(text):
        return (html.escape(text[:begin]) + '<span class="hl">'
                + html.escape(text[begin:stop]) + "</span>" + html.escape(text[stop:]))
    return html.escape(text)


class QtPassagePanel(QWidget):
    """The list of events and passages for the date of a :class:`ViewState`.

    Parameters
    ----------
    state : ViewState
        The view state followed (its ``date``) and written (date links).
    events : sequence of Event
        The chronology.
    catalogue : Catalogue or None
        Used to name the sources of citations when no document is open.
    parent : QWidget or None
    fill : bool
        Fill the panel for the date at once (``False``: on the first
        :meth:`refresh_now` or date change; the window starts that way, so
        that the map is painted first).

    Signals
    -------
    passageActivated(doc_id, index, begin, stop)
        A passage was clicked: its document, its position, and the span of the
        matched date in the passage text (``-1, -1`` when none).
    placesNamed(list)
        The gazetteer names of the places the listed passages name (sent when they change).
    placeHovered(str)
        The place the pointer is over in the panel ("" when none).
    copied(str)
        A passage and its citation were put on the clipboard (the citation).

    Attributes
    ----------
    last_refresh_ms : float
        Time the last refresh took, in milliseconds.
    """

    passageActivated = Signal(str, int, int, int)
    placesNamed = Signal(list)
    placeHovered = Signal(str)
    copied = Signal(str)

    def __init__(self, state: ViewState, events: Sequence[Event], catalogue: Catalogue | None = None,
                 parent: QWidget | None = None, *, fill: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("passagePanel")
        self.setAccessibleName("Passages about the date")
        self.state = state
        self.events = list(events)
        self.catalogue = catalogue
        self.library: SourceLibrary | None = None
        self.index: LinkIndex | None = None
        self.loading = False
        self.last_refresh_ms = 0.0
        self.ranked: list[RankedPassage] = []
        self.shown_events: list[Event] = []
        self._shown_key: object = None
        self._shown_date: dt.date | None = None
        self._items: list[RankedPassage] = []
        self._starts = [e.start for e in self.events]
        self._expanded = False
        #: The place whose passages are listed (None: the day's passages are).
        self.place: str | None = None
        self._named: list[str] = []

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 4, 4)
        lay.setSpacing(3)
        self.header = QLabel(self)
        self.header.setObjectName("passageHeader")
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.header.setFont(f)
        # The header only ever holds a date: a fixed height and a width set by
        # the panel keep each date change from laying the window out again.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        lay.addWidget(self.header)
        self.browser = OfflineTextBrowser(self)
        self.browser.setObjectName("passageBrowser")
        self.browser.setAccessibleName("Events and passages")
        # Laid-out documents of recent contents, newest last: going back to a
        # date already shown (scrubbing back and forth, playback on loop)
        # swaps a document in instead of parsing and laying out HTML again.
        self._docs: OrderedDict[str, tuple[QTextDocument, list[RankedPassage]]] = OrderedDict()
        self.browser.setDocument(self._new_document())
        # A scroll bar that comes and goes would lay the text out twice per change.
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.highlighted.connect(self._on_link_hovered)
        lay.addWidget(self.browser, 1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(self)
        self.note.setObjectName("passageNote")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.note, 1)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("passageExport")
        self.export_button.setText("Export\u2026")
        self.export_button.setToolTip("Save the passages of this day, of a range of days or of a place, "
                                      "with their citations, as CSV, Markdown or RIS")
        self.export_button.clicked.connect(self.open_export_dialog)
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        lay.addLayout(row)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_now)
        self._prefetch_days: list[dt.date] = []
        self._last_change = 0.0
        self._last_refresh = 0.0
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setInterval(20)
        self._prefetch_timer.timeout.connect(self._prefetch_step)
        state.events.date.connect(self._on_date_change)
        if fill:
            self.refresh_now()

    # ------------------------------------------------------------------ inputs

    def set_library(self, library: SourceLibrary | None, index: LinkIndex | None = None) -> None:
        """Show the passages of ``library`` (``None``: no sources open).

        Parameters
        ----------
        library : SourceLibrary or None
        index : LinkIndex or None
            The library's date index with this panel's events, if already built
            (the loader thread builds it); otherwise it is built here.
        """
        self.library = library
        if library is not None and (index is None or index.library is not library):
            from explorer.sources.linking import LinkIndex  # off the start-up path, as precision_rank's import

            index = LinkIndex(library, self.events)
        self.index = index if library is not None else None
        self.export_button.setEnabled(library is not None)
        self._shown_key = None
        self._drop_documents()
        self.schedule()
        self._start_prefetch()

    def set_loading(self, loading: bool) -> None:
        """Say in the panel that sources are being read."""
        if loading != self.loading:
            self.loading = loading
            self._shown_key = None
            self.schedule()
            self._start_prefetch()

    def _on_date_change(self, _date: dt.date) -> None:
        self._expanded = False
        self.place = None
        if self.note.text():
            self.note.clear()
        self._last_change = time.perf_counter()
        self.schedule(moving=True)

    #: While the date moves (a drag, playback), the panel follows it at most this
    #: often, in seconds, and at once when it rests: text that changes faster
    #: cannot be read, and rebuilding it on every step would slow the map.
    FOLLOW_INTERVAL_S = 0.2

    def schedule(self, moving: bool = False) -> None:
        """Refresh on the next event-loop turn (many date changes, one refresh).

        With *moving* (a date change), no sooner than :attr:`FOLLOW_INTERVAL_S`
        after the last refresh.
        """
        if self._timer.isActive():
            return
        wait = 0.0
        if moving:
            wait = max(0.0, self.FOLLOW_INTERVAL_S - (time.perf_counter() - self._last_refresh))
        self._timer.start(int(wait * 1000))

    def flush(self) -> None:
        """Refresh now if a refresh is due (before the map draws the date, so it rings the day's places)."""
        if self._timer.isActive() and self._timer.remainingTime() <= 0:
            self.refresh_now()

    def has_pending_refresh(self) -> bool:
        """True while a refresh waits for the event loop."""
        return self._timer.isActive()

    def changeEvent(self, event) -> None:  # noqa: N802
        # Follow the system's light or dark palette when it changes.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_shown_key"):
            # The panel's own palette is already the new one; its children's follow later.
            self._drop_documents()
            self._shown_key = None  # rebuild with the new colours
            self.refresh_now()
            self._start_prefetch()
        super().changeEvent(event)

    # ------------------------------------------------------------------ building

    def refresh_now(self) -> None:
        """Rebuild the panel for the current date at once."""
        self._timer.stop()
        t0 = self._last_refresh = time.perf_counter()
        d = self.state.date
        if self.place is not None and self.library is not None:
            self._refresh_place(d)
            self.last_refresh_ms = (time.perf_counter() - t0) * 1000
            return
        if d != self._shown_date:
            self._shown_date = d
            self.header.setText(format_date(d))
        evs = events_at(self.events, d)
        lib = self.library
        ranked = self.index.lookup(d, MAX_PASSAGES + 40) if self.index is not None else []
        key: tuple = (id(lib), lib.generation if lib is not None else -1, self.loading, self._expanded,
               tuple(e.id for e in evs),
               tuple((r.source, r.passage.index, r.event_id,
                      (r.matched.begin, r.matched.stop) if r.matched else None) for r in ranked))
        if not evs:
            key = (*key, self._neighbours(d))
        if key != self._shown_key:
            self._shown_key = key
            self.ranked = ranked
            self.shown_events = evs
            got = self._document(*self._build_html(d, evs, ranked))
            self._items = got[1]
            shown = self.browser.document()
            if shown is not got[0]:
                self.browser.setDocument(got[0])
                if not any(doc is shown for doc, _ in self._docs.values()):
                    shown.deleteLater()  # dropped from the cache while on screen
            self.browser.verticalScrollBar().setValue(0)
            self._send_named()
        self.last_refresh_ms = (time.perf_counter() - t0) * 1000

    def _send_named(self) -> None:
        named = list(dict.fromkeys(p for r in self._items for p in r.passage.places))
        if named != self._named:
            self._named = named
            self.placesNamed.emit(named)

    def _refresh_place(self, d: dt.date) -> None:
        """List what the sources say about :attr:`place`, at every date, best first."""
        place = self.place
        assert place is not None and self.library is not None
        self._shown_date = None
        self.header.setText(place)
        from explorer.sources.linking import passages_for_place  # off the start-up path, as precision_rank's import

        ranked = passages_for_place(place, self.library, None, MAX_PASSAGES)
        key = ("place", place, id(self.library), self.library.generation,
               tuple((r.source, r.passage.index) for r in ranked))
        if key == self._shown_key:
            return
        self._shown_key = key
        items: list[RankedPassage] = []
        out = [f'<p class="head"><b>What the sources say about {html.escape(place)}</b> \u00b7 '
               f'<a href="day:">back to {html.escape(format_date(d))}</a></p>']
        if ranked:
            out.extend(self._item_html(r, items, date_link=True) for r in ranked)
        else:
            n = len(self.library.documents)
            out.append(f'<p class="note">No passage of the {n} open document{"s" if n != 1 else ""} '
                       f'names {html.escape(place)}.</p>')
        got = self._document("".join(out), items)
        self._items = got[1]
        shown = self.browser.document()
        if shown is not got[0]:
            self.browser.setDocument(got[0])
        self.browser.verticalScrollBar().setValue(0)
        self._send_named()

    def show_place(self, name: str) -> None:
        """List what the open sources say about the place *name* (a gazetteer name), at every date."""
        if self.library is None:
            self.note.setText(f"Open source documents to see what they say about {name}.")
            return
        self.place = name
        self._shown_key = None
        self.refresh_now()

    def show_day(self) -> None:
        """Go back from a place's passages to the day's."""
        if self.place is not None:
            self.place = None
            self._shown_key = None
            self.refresh_now()

    def _document(self, html_text: str, items: list[RankedPassage]) -> tuple[QTextDocument, list[RankedPassage]]:
        """The laid-out page for *html_text*, made (and kept) if it is new."""
        got = self._docs.get(html_text)
        if got is not None:
            self._docs.move_to_end(html_text)
            return got
        doc = self._new_document()
        # setHtml on the document skips QTextBrowser's history and resource handling.
        doc.setHtml(html_text)
        doc.setTextWidth(self.browser.viewport().width())
        got = (doc, items)
        self._docs[html_text] = got
        while len(self._docs) > DOCUMENT_CACHE:
            old_doc, _ = self._docs.popitem(last=False)[1]
            if old_doc is not doc and old_doc is not self.browser.document():
                old_doc.deleteLater()
        return got

    # ------------------------------------------------------------------ pages made ahead

    def _start_prefetch(self) -> None:
        """Make the pages of the war's days ahead of time, in the event loop's idle moments.

        A new page costs about 9 ms to parse and lay out: as much as the rest
        of a scrub step.  Starting from the date shown and working outwards,
        each idle turn makes at most one page, and none while the date is
        moving (a drag, playback) or the panel is hidden.
        """
        from explorer.war.chronology import WAR_END, WAR_START

        self._prefetch_timer.stop()
        if self.library is None or self.index is None or self.loading:
            self._prefetch_days = []
            return
        here = min(max(self.state.date, WAR_START), WAR_END)
        span = (WAR_END - WAR_START).days
        order = sorted(range(span + 1), key=lambda k: abs((WAR_START + dt.timedelta(days=k) - here).days))
        self._prefetch_days = [WAR_START + dt.timedelta(days=k) for k in reversed(order)]
        self._prefetch_timer.start()

    def _prefetch_step(self) -> None:
        if not self._prefetch_days:
            self._prefetch_timer.stop()
            return
        if (self.state.playing or not self.isVisible() or self._timer.isActive()
                or time.perf_counter() - self._last_change < 0.3):
            return  # busy: try again on a later turn
        t0 = time.perf_counter()
        while self._prefetch_days and time.perf_counter() - t0 < 0.004:
            d = self._prefetch_days.pop()
            evs = events_at(self.events, d)
            ranked = self.index.lookup(d, MAX_PASSAGES + 40) if self.index is not None else []
            html_text, items = self._build_html(d, evs, ranked)
            if html_text not in self._docs:
                doc, _ = self._document(html_text, items)
                doc.documentLayout().documentSize()  # lay it out now, not when first shown
                break  # one new page per turn

    def prefetch_pending(self) -> int:
        """How many days are still to be visited by the page making (0 when done)."""
        return len(self._prefetch_days)

    def _new_document(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDocumentMargin(6)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultStyleSheet(panel_css(self.palette()))
        return doc

    def _drop_documents(self) -> None:
        """Forget the laid-out documents (their colours or sources are out of date)."""
        current = self.browser.document()
        for doc, _ in self._docs.values():
            if doc is not current:
                doc.deleteLater()
        self._docs.clear()
        current.setDefaultStyleSheet(panel_css(self.palette()))

    def _neighbours(self, d: dt.date) -> tuple[Event | None, Event | None]:
        import bisect

        i = bisect.bisect_right(self._starts, d)
        before = None
        for e in reversed(self.events[:i]):
            if e.end < d:
                before = e
                break
        after = self.events[i] if i < len(self.events) else None
        return before, after

    def _event_html(self, e: Event) -> str:
        when = format_interval(e.start, e.end)
        return (f'<p class="ev"><b>{html.escape(e.title)}</b><br>'
                f'<span class="when">{html.escape(when)} \u00b7 {html.escape(e.kind)}</span></p>'
                f'<p class="sum">{html.escape(e.summary)}</p>')

    def _item_html(self, r: RankedPassage, items: list[RankedPassage], *, date_link: bool = False) -> str:
        """A passage's entry; *r* joins *items*, whose index its links carry."""
        n = len(items)
        items.append(r)
        m = r.matched
        text = r.passage.text
        ex, b, s = excerpt(text, m.begin if m else None, m.stop if m else None)
        if m is not None:
            matched = describe_mention(m)
            if date_link:
                matched = (f'<a href="date:{m.start.isoformat()}">{html.escape(format_interval(m.start, m.end))}'
                           f'</a> \u00b7 {matched}')
        elif r.passage.dates:
            # The passage has a date, only not this one: say which, rather than "no date".
            own = min(r.passage.dates, key=lambda d: (precision_rank(d.precision), d.begin))
            matched = f"cited by the event; the passage itself says {describe_mention(own)}"
        elif date_link:
            matched = "no date in the passage"
        else:
            matched = "cited by the event; no date in the passage itself"
        src = source_label(self.library, self.catalogue, r.source)
        # The page as printed ("p. 145", "p. xii"), as the viewer and the citation give it.
        page = self.library.page_of(r.passage) if self.library is not None else None
        if page is None:
            page = getattr(r.passage, "page", None)
        where = f"passage {r.passage.index + 1}" + (f", p. {html.escape(str(page))}" if page is not None else "")
        places = ""
        if r.passage.places:
            links = ", ".join(f'<a href="place:{quote(p)}">{html.escape(p)}</a>' for p in r.passage.places)
            places = f'<p class="pl">Places: {links}</p>'
        return (f'<p class="src">{src} \u00b7 '
                f'<span class="when">{where}</span> \u00b7 <a href="copy:{n}">Copy with citation</a><br>'
                f'<span class="match">{matched}</span></p>'
                f'<p class="txt"><a class="txt" href="item:{n}">{_marked_html(ex, b, s)}</a></p>'
                + places)

    def _citations_html(self, e: Event, lib: SourceLibrary | None) -> str:
        # Without sources, every citation; with sources, those of documents not open.
        cits = [c for c in e.citations if lib is None or c.source not in lib.documents]
        if not cits and not e.references:
            return ""
        rows = []
        for c in cits:
            rows.append(f"{source_label(None, self.catalogue, c.source)}: \u201c{html.escape(c.quote)}\u201d")
        for t in e.references:
            rows.append(f"<i>{html.escape(t)}</i>")
        return ('<p class="cit">'
                + "<br>".join(rows) + "</p>")

    def _build_html(self, d: dt.date, evs: list[Event],
                    ranked: list[RankedPassage]) -> tuple[str, list[RankedPassage]]:
        """The page for day *d* and the passages it lists, in the order of its ``item:`` links."""
        items: list[RankedPassage] = []
        out: list[str] = []
        lib = self.library
        if self.loading:
            out.append('<p class="match"><i>Reading the source documents\u2026</i></p>')
        elif lib is None:
            out.append(f'<p class="note"><i>{_OPEN_HINT}</i></p>')
        if evs:
            by_event: dict[str, list[RankedPassage]] = {}
            for r in ranked:
                if r.event_id is not None:
                    by_event.setdefault(r.event_id, []).append(r)
            for e in evs:
                out.append(self._event_html(e))
                if lib is not None:
                    out.extend(self._item_html(r, items) for r in by_event.get(e.id, []))
                out.append(self._citations_html(e, lib))
        else:
            before, after = self._neighbours(d)
            links = []
            if before is not None:
                links.append(f'Before: <a href="date:{before.end.isoformat()}">{html.escape(before.title)}</a> '
                             f'({html.escape(format_interval(before.start, before.end))})')
            if after is not None:
                links.append(f'After: <a href="date:{after.start.isoformat()}">{html.escape(after.title)}</a> '
                             f'({html.escape(format_interval(after.start, after.end))})')
            out.append('<p class="note">No event of the chronology on this day.'
                       + ("<br>" + "<br>".join(links) if links else "") + "</p>")
        if lib is not None:
            others = [r for r in ranked if r.event_id is None][:MAX_PASSAGES]
            if others:
                shown = others if self._expanded else others[:FIRST_PASSAGES]
                # Passages dated only by a year or a decade say little about the day itself: a
                # heading of their own, so that they do not pass for what the sources say of it.
                close = [r for r in shown if not _loosely_dated(r)]
                loose = [r for r in shown if _loosely_dated(r)]
                if close:
                    out.append('<p class="head"><b>What the sources say about this day'
                               '</b></p>')
                    out.extend(self._item_html(r, items) for r in close)
                if loose:
                    out.append('<p class="head"><b>Passages dated only by the year or decade'
                               '</b></p>')
                    out.extend(self._item_html(r, items) for r in loose)
                if len(shown) < len(others):
                    k = len(others) - len(shown)
                    out.append(f'<p class="note"><a href="more:">Show {k} more passage'
                               f'{"s" if k != 1 else ""}\u2026</a></p>')
            elif not any(r.event_id for r in ranked):
                n = len(lib.documents)
                out.append(f'<p class="head">No passage of the {n} open '
                           f'document{"s" if n != 1 else ""} speaks of this day.</p>')
        return "".join(out), items

    # ------------------------------------------------------------------ links

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith("item:"):
            try:
                r = self._items[int(href[5:])]
            except (ValueError, IndexError):
                return
            m = r.matched
            self.passageActivated.emit(r.source, r.passage.index, m.begin if m else -1, m.stop if m else -1)
        elif href.startswith("more:"):
            # Stay where the reader is: the new passages appear under what they were reading.
            bar = self.browser.verticalScrollBar()
            at = bar.value()
            self._expanded = True
            self.refresh_now()
            bar.setValue(min(at, bar.maximum()))
        elif href.startswith("date:"):
            try:
                self.state.date = dt.date.fromisoformat(href[5:])
            except ValueError:
                return
            self.show_day()
        elif href.startswith("place:"):
            self.show_place(unquote(href[6:]))
        elif href.startswith("day:"):
            self.show_day()
        elif href.startswith("copy:"):
            try:
                r = self._items[int(href[5:])]
            except (ValueError, IndexError):
                return
            self.copy_citation(r)

    def copy_citation(self, r: RankedPassage) -> str:
        """Put passage *r* with its citation on the clipboard; returns the text copied."""
        from explorer.sources.citing import cite, citation_text, clipboard_text

        if self.library is None:
            return ""
        c = cite(r.passage, self.library, r.matched)
        text = clipboard_text(c)
        QGuiApplication.clipboard().setText(text)
        self.note.setText(f"Copied passage {c.number} with its citation.")
        self.copied.emit(citation_text(c))
        return text

    def _on_link_hovered(self, url: QUrl) -> None:
        href = url.toString()
        self.placeHovered.emit(unquote(href[6:]) if href.startswith("place:") else "")

    def open_export_dialog(self) -> None:
        """Ask what to export (this day, a range, a place) and where, then write it."""
        from explorer.qt.qt_passage_export import QtPassageExportDialog

        if self.library is None:
            return
        dialog = QtPassageExportDialog(self.library, self.index, self.state.date, self.place,
                                       sorted({p for q in self.library.all_passages() for p in q.places}), self)
        dialog.saved.connect(lambda n, path: self.note.setText(
            f"Saved {n} passage{'s' if n != 1 else ''} to {Path(path).name}."))
        dialog.exec()

    def activate_item(self, n: int) -> None:
        """Act as if the ``n``-th passage shown had been clicked (keyboard, tests)."""
        self._on_anchor(QUrl(f"item:{n}"))

    @property
    def items(self) -> list[RankedPassage]:
        """The passages shown, in the order of the panel."""
        return list(self._items)
