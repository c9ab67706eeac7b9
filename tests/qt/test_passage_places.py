"""The passage panel's places, citations and exports, and the map's rings around the places named."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication

from explorer.qt.qt_passage_export import QtPassageExportDialog
from explorer.qt.qt_passage_panel import QtPassagePanel
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import LinkIndex
from explorer.state.viewstate import ViewState
from explorer.war.events import load_events

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "linkforms"
START, END = dt.date(1945, 8, 15), dt.date(1956, 12, 31)


@pytest.fixture(scope="module")
def events():
    return load_events()


@pytest.fixture(scope="module")
def library(events):
    lib = SourceLibrary.load(FOLDER)
    LinkIndex(lib, events)  # infers the year of the year-less chronology
    return lib


@pytest.fixture
def panel(qtbot, events, library):
    state = ViewState(dt.date(1950, 6, 28), START, END)
    w = QtPassagePanel(state, events)
    qtbot.addWidget(w)
    w.resize(360, 700)
    w.show()
    w.set_library(library)
    w.refresh_now()
    return w


def test_the_day_lists_passages_with_their_places_and_numbers(panel, qtbot):
    named = []
    panel.placesNamed.connect(named.append)
    panel.state.date = dt.date(1950, 10, 19)
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    text = panel.browser.toPlainText()
    assert "Places: Pyongyang" in text
    assert "passage " in text and "Copy with citation" in text
    assert named and "Pyongyang" in named[-1]


def test_year_inferred_is_shown(panel, qtbot):
    panel.state.date = dt.date(1950, 10, 19)
    qtbot.waitUntil(lambda: not panel.has_pending_refresh())
    assert "Oct. 19 (year inferred)" in panel.browser.toPlainText()


def test_copy_with_citation(panel):
    item = next(n for n, r in enumerate(panel.items) if r.source == "12-spellings")
    copied = []
    panel.copied.connect(copied.append)
    panel.browser.anchorClicked.emit(QUrl(f"copy:{item}"))
    clip = QGuiApplication.clipboard().text()
    assert clip.startswith("\u201cOn 28 June 1950 the northern army took Keij\u014d")
    assert "Old names on old maps" in clip and "passage 5" in clip
    assert copied and "passage 5" in panel.note.text()


def test_pointing_at_a_place_and_clicking_it(panel, qtbot):
    hovered = []
    panel.placeHovered.connect(hovered.append)
    panel.browser.highlighted.emit(QUrl("place:Seoul"))
    panel.browser.highlighted.emit(QUrl(""))
    assert hovered == ["Seoul", ""]
    panel.browser.anchorClicked.emit(QUrl("place:Seoul"))
    assert panel.place == "Seoul" and panel.header.text() == "Seoul"
    text = panel.browser.toPlainText()
    assert "What the sources say about Seoul" in text
    # every date, each with its date: the fall in June 1950 and the second loss in January 1951
    assert "28 June 1950" in text and "4 January 1951" in text
    panel.browser.anchorClicked.emit(QUrl("day:"))
    assert panel.place is None and panel.header.text() == "28 June 1950"


def test_export_a_place_and_a_range(panel, library, tmp_path):
    dialog = QtPassageExportDialog(library, panel.index, panel.state.date, "Pusan", ["Pusan", "Seoul"], panel)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    n = dialog.save_to(tmp_path / "pusan.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "pusan.csv").read_text("utf-8"))))
    assert n == len(rows) >= 2 and all("Pusan" in r["places"] for r in rows)
    dialog.range.setChecked(True)
    dialog.first.setDate(dialog.first.date().fromString("1950-06-25", "yyyy-MM-dd"))
    dialog.last.setDate(dialog.last.date().fromString("1950-06-30", "yyyy-MM-dd"))
    dialog.format.setCurrentIndex(dialog.format.findData("ris"))
    n = dialog.save_to(tmp_path / "week.ris")
    ris = (tmp_path / "week.ris").read_text("utf-8")
    assert n >= 5 and ris.startswith("TY  - GEN") and ris.count("ER  - ") == n


def test_the_map_rings_the_places_named_and_the_one_pointed_at(main_window, qtbot, library):
    win = main_window
    win.passage_panel.set_library(library)
    win.state.date = dt.date(1950, 10, 19)
    qtbot.waitUntil(lambda: not win.passage_panel.has_pending_refresh())
    win.passage_panel.refresh_now()
    layer = win.canvas.mapview.source_places
    assert "Pyongyang" in layer.named_places
    assert len(layer.named.get_offsets()) == len([n for n in layer.named_places if n in layer.xy])
    win.passage_panel.browser.highlighted.emit(QUrl("place:Pyongyang"))
    assert layer.hovered_place == "Pyongyang" and len(layer.hovered.get_offsets()) == 1
    win.passage_panel.browser.highlighted.emit(QUrl(""))
    assert layer.hovered_place is None and len(layer.hovered.get_offsets()) == 0


def test_clicking_a_town_on_the_map_lists_its_passages(main_window, qtbot, library):
    win = main_window
    win.passage_panel.set_library(library)
    got = []
    win.canvas.townClicked.connect(got.append)
    mv = win.canvas.mapview
    x, y = mv.source_places.xy["Seoul"]
    assert mv.place_at(x, y) == "Seoul"
    px, py = mv.ax.transData.transform((x, y))
    ratio = win.canvas.device_pixel_ratio
    pos = QPoint(int(round(px / ratio)), int(round(win.canvas.height() - py / ratio)))
    qtbot.mouseClick(win.canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert got == ["Seoul"]
    assert win.passage_panel.place == "Seoul"
    assert "What the sources say about Seoul" in win.passage_panel.browser.toPlainText()


def test_a_new_day_is_drawn_once_with_its_places_ringed(main_window, qtbot, library):
    """The day's places are ringed in the same drawing as the day's front (not in a second one after it)."""
    win = main_window
    win.passage_panel.set_library(library)
    win.passage_panel.refresh_now()
    qtbot.waitUntil(lambda: win.canvas.compositor.is_valid(), timeout=5000)
    composes = []
    original = win.canvas.compositor.compose
    win.canvas.compositor.compose = lambda state: composes.append(state.date) or original(state)
    layer = win.canvas.mapview.source_places
    for day in (dt.date(1950, 10, 19), dt.date(1950, 6, 28), dt.date(1950, 10, 19)):
        qtbot.wait(int(win.passage_panel.FOLLOW_INTERVAL_S * 1000) + 50)  # a date chosen, not dragged through
        composes.clear()
        win.state.date = day
        win.canvas._apply_pending()  # the map's turn may come before the panel's
        qtbot.waitUntil(lambda: not win.canvas.has_pending_draw() and not win.passage_panel.has_pending_refresh())
        qtbot.wait(30)
        assert composes == [day]
        assert list(layer.named_places) == win.passage_panel._named
    assert "Pyongyang" in layer.named_places


def test_while_the_date_moves_the_panel_follows_a_few_times_a_second(main_window, qtbot, library):
    """A drag redraws the map at every step; the panel's text follows at most 1/FOLLOW_INTERVAL_S a second and settles on the last day."""
    win = main_window
    panel = win.passage_panel
    panel.set_library(library)
    panel.refresh_now()
    refreshes = 0
    last = panel._last_refresh
    drawn = []
    win.canvas.drawn.connect(lambda: drawn.append(1))
    start = dt.date(1950, 6, 25)
    t0 = time.perf_counter()
    for k in range(60):  # a drag through two months, a day every 10 ms
        win.state.date = start + dt.timedelta(days=k)
        qtbot.wait(10)
        if panel._last_refresh != last:
            refreshes, last = refreshes + 1, panel._last_refresh
    took = time.perf_counter() - t0
    assert len(drawn) >= 30  # the map followed
    assert 1 <= refreshes <= took / panel.FOLLOW_INTERVAL_S + 2
    qtbot.waitUntil(lambda: not panel.has_pending_refresh(), timeout=2000)
    assert panel.header.text() == "23 August 1950"
