"""The document viewer: the whole text, the passage highlighted and in view, dates as links, nothing fetched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from explorer.sources.library import SourceLibrary
from explorer.state.viewstate import ViewState
from explorer.qt.qt_document_viewer import QtDocumentViewer, document_html

UI = Path(__file__).resolve().parents[1] / "fixtures" / "ui"
START, END = dt.date(1945, 8, 15), dt.date(1956, 12, 31)


@pytest.fixture(scope="module")
def library():
    return SourceLibrary.load(UI)


@pytest.fixture
def viewer(qtbot):
    state = ViewState(dt.date(1952, 1, 1), START, END)
    v = QtDocumentViewer(state)
    qtbot.addWidget(v)
    v.resize(500, 300)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_document_html_links_every_date_and_keeps_the_text(library):
    doc = library.documents["class-chronology"]
    passages = library.passages("class-chronology")
    body, links = document_html(doc.text, passages, highlight=6, mark=(0, 10))
    mentions = [m for p in passages for m in p.dates]
    assert len(links) == len(mentions) == body.count('<a href="date:')
    assert [doc.text[lk.begin:lk.stop] for lk in links] == [m.text for m in mentions]
    # The text reads the same once the markup is gone, layout included.
    qd = QTextDocument()
    qd.setHtml(body)
    assert qd.toPlainText().split() == doc.text.split()
    # No link inside the reference list.
    refs = [p for p in passages if p.kind == "reference"]
    assert refs and not any(lk.passage in {p.index for p in refs} for lk in links)
    assert '<a name="p6"></a>' in body


def test_markup_in_a_document_is_text_and_nothing_is_fetched(viewer, library):
    viewer.show_passage(library, "page", 3)
    text = viewer.browser.toPlainText()
    assert "<b>not bold</b>" in text
    assert "never run" not in text
    html = viewer.browser.toHtml()
    assert "<img" not in html and "example.invalid" not in html
    assert viewer.browser.loadResource(0, QUrl("http://example.invalid/picture.png")) is None


def test_the_passage_is_highlighted_and_scrolled_into_view(viewer, library, qtbot):
    doc_id = "class-chronology"
    p = library.passages(doc_id)[12]  # 27 July 1953, near the end
    viewer.show_passage(library, doc_id, 12, (p.dates[0].begin, p.dates[0].stop))
    bar = viewer.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
    # The highlighted passage starts inside the visible part of the browser.
    cur = viewer.browser.textCursor()
    found = viewer.browser.document().find("27 July 1953 - the armistice", cur)
    rect = viewer.browser.cursorRect(found)
    assert 0 <= rect.top() < viewer.browser.viewport().height()
    # The passage's background and the date's stronger mark are there.
    fmt = found.charFormat()
    assert fmt.background().color().name() in ("#fff6cf", "#ffe27a")
    assert viewer.windowTitle().startswith("A classroom chronology")


def test_clicking_a_date_link_moves_the_timeline(viewer, library, qtbot):
    viewer.show_passage(library, "lesson-notes", 2)
    dates = viewer.link_dates()
    assert dates == [dt.date(1950, 6, 1), dt.date(1950, 8, 4), dt.date(1950, 8, 31)]
    viewer.browser.anchorClicked.emit(QUrl("date:1"))
    assert viewer.state.date == dt.date(1950, 8, 4)
    # A real click on the link text.
    viewer.show_passage(library, "class-chronology", 9)
    doc = viewer.browser.document()
    cur = doc.find("10 July 1951")
    assert not cur.isNull()
    cur.setPosition(cur.selectionStart() + 3)
    viewer.browser.ensureCursorVisible()
    qtbot.wait(10)
    rect = viewer.browser.cursorRect(cur)
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(viewer.browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x() + 2, rect.center().y()))
    assert viewer.state.date == dt.date(1951, 7, 10)


def test_the_window_opens_the_viewer_from_the_panel(qtbot, chronology, settings_dir):
    from explorer.qt.main_window import MainWindow

    win = MainWindow(chronology, dt.date(1950, 10, 19))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_sources(UI, remember=False)
    assert win.wait_for_sources(20000)
    n = next(i for i, r in enumerate(win.passage_panel.items) if r.source == "class-chronology")
    win.passage_panel.activate_item(n)
    assert win.viewer is not None and win.viewer.isVisible()
    assert win.viewer.doc_id == "class-chronology" and win.viewer.passage == 6
    win.close()
    assert not win.viewer.isVisible()
