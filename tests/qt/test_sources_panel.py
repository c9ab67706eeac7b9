"""View > Sources: the open documents listed, added, removed, revealed and read again; the viewer's pages.

The documents are made here (our own words): a three-page PDF chapter printed
as pages 31-33, a Word file, a text note, a broken PDF.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from explorer.qt.qt_document_viewer import document_html
from explorer.qt.qt_sources_panel import COLUMNS
from tests.sources.docfactory import make_docx, make_pdf


def _page(n: int) -> list[str]:
    return [f"Section {n}. The brigade dug in along the ridge and waited for the relief column, which",
            "came up the valley road after two days of rain had turned it into a river of mud and",
            "stones that no truck could climb without the help of the men.",
            "",
            f"On {n + 10} October 1951 the relief arrived at last."]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    root.mkdir()
    make_pdf(root / "chapter.pdf", [_page(n) for n in (1, 2, 3)], head="THE RIDGE", first_number=31,
             title="The Ridge in Autumn", author="B. Historian")
    make_docx(root / "letters.docx", [("h1", "Letters Home"), ("p", "Written near the river on 3 May 1952."),
                                      ("li", "12 May 1952: the rain stopped."), ("li", "14 May 1952: mail came.")],
              title="Letters Home", author="C. Soldier")
    (root / "note.txt").write_text("A note of my own about 25 June 1950.\n", encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.5\nnot really a pdf\n")
    return root


def _rows(panel) -> dict[str, dict[str, str]]:
    m = panel.model
    return {m.row(i).title: {c: m.row(i).cell(k) for k, c in enumerate(COLUMNS)} for i in range(m.rowCount())}


def _open(win, qtbot, folder: Path) -> None:
    win.open_sources(folder)
    assert win.wait_for_sources(60000)
    win.sources_dock.show()
    qtbot.waitUntil(lambda: win.sources_panel.model.rowCount() > 0)


def test_the_panel_lists_every_document_with_what_it_holds(main_window, qtbot, folder: Path) -> None:
    win = main_window
    assert not win.sources_dock.isVisible()
    win.sources_panel_action.trigger()
    assert win.sources_dock.isVisible()
    _open(win, qtbot, folder)
    rows = _rows(win.sources_panel)
    pdf = rows["The Ridge in Autumn"]
    assert (pdf["Author"], pdf["Format"], pdf["Pages"]) == ("B. Historian", "PDF", "3")
    assert pdf["Dated"] == "3"
    docx = rows["Letters Home"]
    assert (docx["Author"], docx["Format"], docx["Pages"]) == ("C. Soldier", "Word", "")
    assert int(docx["Dated"]) == 3
    assert rows["A note of my own about 25 June 1950."]["Format"] == "Text"
    assert rows["broken.pdf"]["Problems"].startswith("not read: not a readable PDF")
    summary = win.sources_panel.summary.text()
    assert "3 documents open from" in summary and str(folder) in summary
    assert "1 file could not be read" in summary and "3 PDF pages" in summary


def test_remove_rescan_and_reveal(main_window, qtbot, folder: Path) -> None:
    win = main_window
    _open(win, qtbot, folder)
    panel = win.sources_panel
    assert panel.select_document(next(d.id for d in win.sources.library.documents.values()
                                      if d.path.name == "letters.docx"))
    opened: list[QUrl] = []
    panel.open_url = lambda url: opened.append(url) or True
    assert panel.reveal_selected()
    assert opened == [QUrl.fromLocalFile(str(folder))]
    panel.remove_button.click()
    assert win.wait_for_sources(60000)
    names = {d.path.name for d in win.sources.library.documents.values()}
    assert names == {"chapter.pdf", "note.txt"}
    assert (folder / "letters.docx").exists()  # the file itself is never touched
    assert "1 file removed from the open folders" in panel.summary.text()
    # Rescan notices a new file (and keeps the removed one out).
    (folder / "later.md").write_text("# Later\n\nAdded on 1 August 1952.\n", encoding="utf-8")
    panel.rescan_button.click()
    assert win.wait_for_sources(60000)
    names = {d.path.name for d in win.sources.library.documents.values()}
    assert names == {"chapter.pdf", "note.txt", "later.md"}


def test_double_click_opens_the_pdf_in_the_viewer_with_its_page_numbers(main_window, qtbot, folder: Path) -> None:
    win = main_window
    _open(win, qtbot, folder)
    panel = win.sources_panel
    doc = next(d for d in win.sources.library.documents.values() if d.fmt == "pdf")
    assert doc.page_labels == ["31", "32", "33"]
    panel.select_document(doc.id)
    panel.table.doubleClicked.emit(panel.table.currentIndex())
    viewer = win.viewer
    assert viewer is not None and viewer.isVisible() and viewer.doc_id == doc.id
    shown = viewer.browser.toPlainText()
    for label in ("31", "32", "33"):
        assert f"\u2014 page {label} \u2014" in shown
    assert "THE RIDGE" not in shown
    assert "PDF, 3 pages (pp. 31\u201333)" in viewer.heading.text()
    # A passage opened from the panel says its page.
    lib = win.sources.library
    dated = [p for p in lib.passages(doc.id) if p.dates]
    win.open_passage(doc.id, dated[1].index)
    assert "this passage is on page 32" in viewer.heading.text()
    assert dated[1].dates[0].start == dt.date(1951, 10, 12)


def test_document_html_shows_headings_and_lists_and_escapes_markup() -> None:
    text = "Title <b>here</b>\n\n- first item\n- second item\n"
    body, _ = document_html(text, [], headings=[(0, 17, 1)], pages=[(0, "7")])
    assert '<span style="font-size:150%; font-weight:bold">Title &lt;b&gt;here&lt;/b&gt;</span>' in body
    assert "- first item" in body
    assert "\u2014 page 7 \u2014" in body
    assert "<b>" not in body


def test_sources_on_the_command_line_keep_what_was_open(main_window, qtbot, folder: Path, tmp_path: Path) -> None:
    win = main_window
    win.open_sources(folder)
    assert win.wait_for_sources(60000)
    other = tmp_path / "more"
    other.mkdir()
    (other / "extra.txt").write_text("Another note, of 9 July 1953.\n", encoding="utf-8")
    notice = win.sources.open_with_remembered(other)
    assert win.wait_for_sources(60000)
    assert {p.name for p in win.sources.paths} == {"sources", "more"}
    assert str(folder) in notice
    names = {d.path.name for d in win.sources.library.documents.values()}
    assert {"extra.txt", "note.txt", "chapter.pdf"} <= names
    assert win.sources.remembered() == win.sources.paths


def test_a_long_pdf_shows_its_pages_while_it_is_read(main_window, qtbot, tmp_path: Path) -> None:
    root = tmp_path / "book"
    root.mkdir()
    make_pdf(root / "long.pdf", [_page(n % 20 + 1) for n in range(60)], head="A LONG BOOK")
    seen: list[tuple[int, int, str]] = []
    shown: list[str] = []
    main_window.sources.pages.connect(lambda done, total, path: seen.append((done, total, path)))
    main_window.sources.pages.connect(lambda *_: shown.append(main_window.load_progress.format()))
    main_window.open_sources(root)
    assert main_window.wait_for_sources(60000)
    assert [s[:2] for s in seen] == [(20, 60), (40, 60), (60, 60)]
    assert all(s[2].endswith("long.pdf") for s in seen)
    assert shown and set(shown) == {"long.pdf: page %v/%m"}
