"""The passage panel: events and passages for the date, links, coalescing, speed; the search box."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from explorer.war.events import load_events
from explorer.sources.library import SourceLibrary
from explorer.state.viewstate import ViewState
from explorer.qt.qt_passage_panel import QtPassagePanel, excerpt, format_interval
from explorer.qt.qt_search import QtSearchBox, passage_date, snippet

UI = Path(__file__).resolve().parents[1] / "fixtures" / "ui"
START, END = dt.date(1945, 8, 15), dt.date(1956, 12, 31)


@pytest.fixture(scope="module")
def events():
    return load_events()


@pytest.fixture(scope="module")
def ui_library():
    return SourceLibrary.load(UI)


@pytest.fixture
def panel(qtbot, events):
    state = ViewState(dt.date(1950, 9, 15), START, END)
    w = QtPassagePanel(state, events)
    qtbot.addWidget(w)
    w.resize(340, 700)
    w.show()
    return w


def _text(panel) -> str:
    return panel.browser.toPlainText()


def test_without_sources_the_panel_shows_events_citations_and_how_to_open(panel, events):
    text = _text(panel)
    inchon = next(e for e in events if e.id == "inchon-landing")
    assert panel.header.text() == "15 September 1950"
    assert inchon.title in text and inchon.summary[:40] in text
    # The citations: source and short quote.
    assert inchon.citations and inchon.citations[0].quote in text
    assert "Open sources" in text and "--sources" in text
    assert panel.items == []


def test_a_day_without_event_names_the_neighbours_and_their_links_move_the_date(panel):
    panel.state.date = dt.date(1946, 3, 1)
    panel.refresh_now()
    text = _text(panel)
    assert "No event of the chronology on this day" in text
    assert "Before:" in text or "After:" in text
    after = panel._neighbours(dt.date(1946, 3, 1))[1]
    panel.browser.anchorClicked.emit(QUrl(f"date:{after.start.isoformat()}"))
    assert panel.state.date == after.start


def test_passages_of_a_document_follow_the_date_with_the_date_marked(panel, ui_library, qtbot):
    panel.set_library(ui_library)
    panel.state.date = dt.date(1950, 10, 19)
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    items = panel.items
    mine = [r for r in items if r.source == "class-chronology"]
    assert mine and mine[0].matched.text == "1950/10/19"
    html = panel.browser.toHtml()
    # The matched expression is highlighted (its own span with the highlight class colour).
    assert "1950/10/19</span>" in html
    text = _text(panel)
    assert "A classroom chronology of the Korean War" in text
    assert "\u201c1950/10/19\u201d \u00b7 day" in text
    # A range covering the day: Sept. 15-22 at 18 September 1950, with its precision.
    panel.state.date = dt.date(1950, 9, 18)
    panel.refresh_now()
    r = next(r for r in panel.items if r.source == "class-chronology")
    assert r.matched.text == "Sept. 15-22" and r.matched.precision == "range"
    assert "range of days, 15\u201322 September 1950" in _text(panel)


def test_clicking_a_passage_asks_for_the_viewer(panel, ui_library, qtbot):
    panel.set_library(ui_library)
    panel.state.date = dt.date(1953, 7, 27)
    panel.refresh_now()
    n = next(i for i, r in enumerate(panel.items) if r.source == "page")
    with qtbot.waitSignal(panel.passageActivated) as blocker:
        panel.browser.anchorClicked.emit(QUrl(f"item:{n}"))
    doc, index, begin, stop = blocker.args
    p = ui_library.passages("page")[index]
    assert doc == "page" and p.text[begin:stop] == "27 July 1953"


def test_date_changes_are_coalesced(panel, ui_library, qtbot):
    panel.set_library(ui_library)
    panel.refresh_now()
    calls = []
    orig = panel._build_html
    panel._build_html = lambda *a: calls.append(a[0]) or orig(*a)
    for k in range(30):
        panel.state.step_days(1)
    assert panel.has_pending_refresh()
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    assert len(calls) <= 1
    assert panel.header.text() == format_interval(panel.state.date, panel.state.date)


def test_show_more_lists_the_rest(panel, qtbot, tmp_path):
    for i in range(12):
        (tmp_path / f"n{i:02d}.txt").write_text(f"Note {i}\n\nIn the summer of 1951 the line moved, says note {i}.\n",
                                                encoding="utf-8")
    panel.set_library(SourceLibrary.load(tmp_path))
    panel.state.date = dt.date(1951, 7, 20)
    panel.refresh_now()
    shown = len(panel.items)
    assert "Show" in _text(panel) and "more passage" in _text(panel)
    panel.browser.anchorClicked.emit(QUrl("more:"))
    assert len(panel.items) > shown
    assert len([r for r in panel.items if r.source.startswith("n")]) == 12


def test_excerpt_keeps_the_match_and_says_where_it_cut():
    text = " ".join(f"w{i}" for i in range(400)) + " 15 September 1950 " + " ".join(f"v{i}" for i in range(400))
    b = text.index("15 September")
    ex, eb, es = excerpt(text, b, b + 17, 300)
    assert ex[eb:es] == "15 September 1950"
    assert ex.startswith("\u2026 ") and ex.endswith(" \u2026") and len(ex) <= 310
    assert excerpt("short", 0, 5) == ("short", 0, 5)
    assert format_interval(dt.date(1950, 1, 1), dt.date(1953, 12, 31)) == "1950\u20131953"
    assert format_interval(dt.date(1950, 6, 1), dt.date(1950, 8, 31)) == "June\u2013August 1950"
    assert format_interval(dt.date(1950, 8, 31), dt.date(1950, 9, 15)) == "31 August\u201315 September 1950"


def test_search_finds_words_and_moves_the_timeline(qtbot, ui_library):
    state = ViewState(dt.date(1952, 1, 1), START, END)
    box = QtSearchBox(state)
    qtbot.addWidget(box)
    box.show()
    assert not box.edit.isEnabled()
    box.set_library(ui_library)
    assert box.edit.isEnabled()
    box.edit.setText("Pyongyang troops")
    box.search_now()
    assert len(box.results) == 1 and box.list.count() == 1
    assert "19 October 1950" in box.list.item(0).text()
    box.list.itemClicked.emit(box.list.item(0))
    assert state.date == dt.date(1950, 10, 19)
    # Enter picks the first result; a passage with only a range goes to its first day.
    box.edit.setText("Inchon")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert state.date == dt.date(1950, 9, 15)
    with qtbot.waitSignal(box.openPassage) as blocker:
        box.list.itemDoubleClicked.emit(box.list.item(0))
    assert blocker.args == ["class-chronology", 5]
    box.edit.setText("zeppelin")
    box.search_now()
    assert box.results == [] and box.count.text() == "Nothing found"
    assert passage_date(ui_library.passages("class-chronology")[14]) is None  # a reference
    assert snippet("alpha beta gamma delta", ["gamma"], 10).startswith("\u2026")


def test_ctrl_f_focuses_the_search_box(qtbot, chronology, settings_dir):
    from explorer.qt.main_window import MainWindow

    win = MainWindow(chronology, dt.date(1950, 9, 15))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.search.set_library(SourceLibrary.load(UI))
    win.find_action.trigger()
    qtbot.waitUntil(win.search.edit.hasFocus, timeout=2000)
    assert win.find_action.shortcut().toString() == "Ctrl+F"
    assert win.open_sources_action.shortcut().toString() == "Ctrl+O"
    win.close()


def test_with_the_seeds_the_panel_is_right_and_fast(qtbot, seeds_dir, events):
    lib = SourceLibrary.load(seeds_dir)
    state = ViewState(dt.date(1950, 6, 25), START, END)
    panel = QtPassagePanel(state, events)
    qtbot.addWidget(panel)
    panel.resize(340, 700)
    panel.show()
    panel.set_library(lib)
    panel.refresh_now()
    # 25 June 1950: the invasion first, with passages of the seeds that it cites.
    assert panel.shown_events[0].id == "north-korean-invasion"
    assert panel.items and panel.items[0].event_id == "north-korean-invasion"
    # Inchon: the Weathersby passage that names the day, its date marked.
    state.date = dt.date(1950, 9, 15)
    panel.refresh_now()
    hit = [r for r in panel.items if r.source == "weathersby-1999" and r.matched is not None
           and r.matched.start == r.matched.end == dt.date(1950, 9, 15)]
    assert hit
    # Every passage shown covers the day (or is cited by an event at the day).
    for r in panel.items:
        assert r.event_id is not None or r.matched.start <= state.date <= r.matched.end
    # Speed: a year of daily steps.
    times = []
    for k in range(366):
        state.date = dt.date(1950, 6, 25) + dt.timedelta(days=k)
        panel.refresh_now()
        times.append(panel.last_refresh_ms)
    assert statistics.mean(times) < 3.0, f"mean {statistics.mean(times):.2f} ms per date change"


def test_panel_text_follows_a_dark_palette(qtbot):
    """On a dark palette the panel's text is light: nothing dark-on-dark."""
    from PySide6.QtGui import QColor, QPalette

    from explorer.qt.qt_passage_panel import PANEL_CSS, panel_css

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    css = panel_css(dark)
    assert "#1b1b1b" not in css and "#444444" not in css
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    assert panel_css(light) == PANEL_CSS


def test_going_back_to_a_date_reuses_its_laid_out_page(panel, ui_library, qtbot):
    panel.set_library(ui_library)
    panel.refresh_now()
    first_doc, first_text, first_items = panel.browser.document(), _text(panel), panel.items
    assert first_items
    panel.state.date = dt.date(1950, 11, 26)
    panel.refresh_now()
    assert _text(panel) != first_text
    panel.state.date = dt.date(1950, 9, 15)
    panel.refresh_now()
    assert panel.browser.document() is first_doc
    assert _text(panel) == first_text
    assert [(r.source, r.passage.index) for r in panel.items] == [(r.source, r.passage.index) for r in first_items]
    # The links of the reused page still open the right passage.
    with qtbot.waitSignal(panel.passageActivated) as sig:
        panel.activate_item(0)
    assert sig.args[:2] == [first_items[0].source, first_items[0].passage.index]
    # Other sources: nothing of the old pages is reused.
    panel.set_library(None)
    panel.refresh_now()
    assert panel.browser.document() is not first_doc


def test_pages_are_made_ahead_while_idle_and_then_shown_at_once(panel, ui_library, qtbot):
    panel.set_library(ui_library)
    panel.refresh_now()
    qtbot.waitUntil(lambda: panel.prefetch_pending() == 0, timeout=30000)
    made = len(panel._docs)
    assert made > 1
    # Every day of the war now finds its page made: no new one is parsed.
    for k in range(0, 1129, 37):
        panel.state.date = dt.date(1950, 6, 25) + dt.timedelta(days=k)
        panel.refresh_now()
    assert len(panel._docs) == made


def test_no_pages_are_made_while_the_date_moves(panel, ui_library, qtbot):
    panel.set_library(ui_library)
    panel.refresh_now()
    before = panel.prefetch_pending()
    for k in range(20):
        panel.state.date = dt.date(1951, 1, 1) + dt.timedelta(days=k)
        panel._prefetch_step()
    assert panel.prefetch_pending() == before
