"""The passage panel says on which page of a PDF each passage is, as the page is printed.

The PDF is made here with matplotlib's PDF backend (a real text layer): two
pages of front matter without a printed number, then pages printed 1 to 4,
each telling of one day in our own words.  PDF pages get their printed labels
("i", "ii", then "1", "2", ...), and the panel, the citation it copies and the
viewer agree on them; a Word document has no pages, and the panel says none.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from explorer.qt.qt_passage_panel import QtPassagePanel
from explorer.sources.catalogue import Catalogue
from explorer.sources.library import SourceLibrary
from explorer.state.viewstate import ViewState
from explorer.war.events import load_events
from tests.sources.docfactory import make_docx, make_pdf

START, END = dt.date(1945, 8, 15), dt.date(1956, 12, 31)

#: (the page's lines, what its foot prints) for each page of the book.
PAGES = [
    (["A word before the chapter", "",
      "On 25 June 1950 the northern army crossed the parallel at dawn, and this short book starts there."],
     None),
    (["On 28 June 1950 Seoul fell to the northern army after three days of hard fighting in its streets."], None),
    (["On 15 September 1950 the marines came ashore at Inchon on the evening tide, far behind the front."], "1"),
    (["On 26 September 1950 the capital was taken back, street by street, by the southern and allied troops."],
     "2"),
    (["On 19 October 1950 Pyongyang was entered from the south and the east by the advancing divisions."], "3"),
    (["On 25 November 1950 the Chinese armies struck hard in the west, along the valley of the Chongchon."], "4"),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paged")
    make_pdf(folder / "chapter.pdf", [lines for lines, _ in PAGES], numbers=[foot for _, foot in PAGES],
             head="A SHORT CHAPTER OF A WAR", title="A Short Chapter of a War", author="Page Tester")
    make_docx(folder / "diary.docx", [("h1", "A field diary"),
                                      ("p", "On 15 September 1950 the ships stood off the harbour all day.")],
              title="A Field Diary", author="Diary Keeper")
    return SourceLibrary.load(folder, catalogue=Catalogue([]))


@pytest.fixture
def panel(qtbot, library):
    state = ViewState(dt.date(1950, 6, 25), START, END)
    w = QtPassagePanel(state, load_events())
    qtbot.addWidget(w)
    w.resize(380, 760)
    w.show()
    w.set_library(library)
    w.refresh_now()
    return w


def _item(panel, doc_id: str) -> int:
    return next(n for n, r in enumerate(panel.items) if r.source == doc_id)


def test_the_pdf_has_its_printed_page_labels(library):
    doc = library.documents["chapter"]
    assert doc.pages == 6
    assert doc.page_labels == ["i", "ii", "1", "2", "3", "4"]
    assert "A SHORT CHAPTER" not in doc.text  # the running head is left out


@pytest.mark.parametrize("day, label", [(dt.date(1950, 6, 25), "i"), (dt.date(1950, 6, 28), "ii"),
                                        (dt.date(1950, 9, 15), "1"), (dt.date(1950, 10, 19), "3"),
                                        (dt.date(1950, 11, 25), "4")])
def test_each_pdf_passage_shows_its_printed_page_in_the_panel(panel, library, qtbot, day, label):
    panel.state.date = day
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    r = panel.items[_item(panel, "chapter")]
    assert library.page_of(r.passage) == label
    text = panel.browser.toPlainText()
    assert f"A Short Chapter of a War (chapter.pdf) \u00b7 passage {r.passage.index + 1}, p. {label} \u00b7" in text


def test_the_copied_citation_and_the_panel_give_the_same_page(panel, qtbot):
    panel.state.date = dt.date(1950, 10, 19)
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    n = _item(panel, "chapter")
    panel.browser.anchorClicked.emit(QUrl(f"copy:{n}"))
    clip = QGuiApplication.clipboard().text()
    assert "Pyongyang was entered" in clip
    assert "p. 3" in clip and "Page Tester" in clip and "A Short Chapter of a War" in clip


def test_a_word_document_shows_no_page(panel, qtbot):
    panel.state.date = dt.date(1950, 9, 15)
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    r = panel.items[_item(panel, "diary")]
    text = panel.browser.toPlainText()
    line = next(ln for ln in text.splitlines() if ln.startswith("A Field Diary (diary.docx) \u00b7 passage"))
    assert f"passage {r.passage.index + 1} \u00b7" in line and "p. " not in line


def test_the_viewer_opened_from_the_panel_names_the_same_page(main_window, qtbot, library, tmp_path):
    win = main_window
    folder = library.documents["chapter"].path.parent
    win.open_sources(folder)
    assert win.wait_for_sources(60000)
    win.state.date = dt.date(1950, 9, 15)
    panel = win.passage_panel
    panel.refresh_now()
    n = _item(panel, "chapter")
    panel.browser.anchorClicked.emit(QUrl(f"item:{n}"))
    qtbot.waitUntil(lambda: win.viewer is not None and win.viewer.isVisible())
    assert "this passage is on page 1" in win.viewer.heading.text()
    assert "p. 1 \u00b7" in panel.browser.toPlainText()
