"""What got in a teacher's way during an hour of preparing a lesson, each fixed and checked here."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from explorer.war.chronology import WAR_END


def test_playing_the_war_stops_at_the_armistice_then_goes_on(main_window, qtbot):
    win = main_window
    win.state.date = WAR_END - dt.timedelta(days=40)
    win.state.speed = 365
    win.state.playing = True
    qtbot.waitUntil(lambda: not win.state.playing, timeout=10000)
    assert win.state.date == WAR_END
    # Play again at the armistice: on through the aftermath.
    win.state.playing = True
    qtbot.waitUntil(lambda: win.state.date > WAR_END + dt.timedelta(days=30), timeout=10000)
    win.state.playing = False


def test_playing_with_loop_inside_the_war_starts_the_war_again(main_window, qtbot):
    win = main_window
    win.player.loop = True
    win.state.date = WAR_END - dt.timedelta(days=20)
    win.state.speed = 365
    seen: list[dt.date] = []
    win.player.frameAdvanced.connect(seen.append)
    win.state.playing = True
    qtbot.waitUntil(lambda: any(d < dt.date(1951, 1, 1) for d in seen), timeout=10000)
    win.state.playing = False
    assert max(seen) == WAR_END
    assert dt.date(1950, 6, 25) in seen


def test_play_button_draws_its_label_and_keeps_its_width(main_window, qtbot):
    button = main_window.playback.play_button
    metrics = QFontMetrics(button.font())
    widths = set()
    for playing in (True, False, True):
        main_window.state.playing = playing
        main_window.playback.layout().activate()
        # Every character of the label is in the font (U+23F8, a pause sign, was drawn as a box).
        assert all(metrics.inFontUcs4(ord(c)) for c in button.text()), button.text()
        widths.add(button.width())
        main_window.state.playing = False
    # The same width playing and paused: the timeline beside the button does not shift.
    assert len(widths) == 1


def test_export_shortcut_works_from_a_text_box_that_claims_ctrl_e(main_window, qtbot, monkeypatch):
    """On X11 a line edit claims Ctrl+E ("end of line"): after a search, Ctrl+E exported nothing."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLineEdit

    class X11LineEdit(QLineEdit):
        """A line edit with the X11 key bindings: it wants Ctrl+E for itself."""

        def event(self, e):  # noqa: N802
            if e.type() == QEvent.Type.ShortcutOverride and e.key() == Qt.Key.Key_E \
                    and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
                e.accept()
                return True
            return super().event(e)

    opened = []
    monkeypatch.setattr(main_window.export_actions, "open_snapshot_dialog", lambda: opened.append(True))
    box = X11LineEdit(main_window.search)
    main_window.search.layout().addWidget(box)
    box.show()
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]
    # Other keys stay with the text box.
    qtbot.keyClicks(box, "Inchon")
    assert box.text() == "Inchon" and not main_window.state.playing


def _ui_library():
    from pathlib import Path

    from explorer.sources.library import SourceLibrary

    return SourceLibrary.load(Path(__file__).resolve().parents[1] / "fixtures" / "ui")


def test_escape_in_the_search_box_gives_the_keyboard_back_to_the_timeline(main_window, qtbot):
    win = main_window
    win.search.set_library(_ui_library())
    win.activateWindow()
    qtbot.waitActive(win)
    win.timeline.setFocus()
    qtbot.waitUntil(win.timeline.hasFocus)
    win.find_action.trigger()
    qtbot.waitUntil(win.search.edit.hasFocus)
    qtbot.keyClicks(win.search.edit, "Inchon")
    qtbot.keyClick(win.search.edit, Qt.Key.Key_Escape)
    assert win.search.edit.text() == ""
    qtbot.waitUntil(win.timeline.hasFocus)
    before = win.state.date
    qtbot.keyClick(win.timeline, Qt.Key.Key_Right)
    assert win.state.date == before + dt.timedelta(days=1)


def test_shift_enter_opens_a_search_result_without_the_mouse(main_window, qtbot):
    win = main_window
    win.search.set_library(_ui_library())
    win.activateWindow()
    qtbot.waitActive(win)
    win.find_action.trigger()
    qtbot.waitUntil(win.search.edit.hasFocus)
    qtbot.keyClicks(win.search.edit, "Inchon")
    win.search.search_now()
    assert win.search.results
    with qtbot.waitSignal(win.search.openPassage) as blocker:
        qtbot.keyClick(win.search.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == ["class-chronology", 5]
    assert win.state.date == dt.date(1950, 9, 15)
    # From the list too: Down, then Shift+Enter.
    win.search.list.setFocus()
    win.search.list.setCurrentRow(0)
    with qtbot.waitSignal(win.search.openPassage):
        qtbot.keyClick(win.search.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)


def test_escape_and_ctrl_w_close_the_document_viewer(main_window, qtbot):
    from pathlib import Path

    from PySide6.QtGui import QKeySequence

    win = main_window
    win.open_sources(Path(__file__).resolve().parents[1] / "fixtures" / "ui", remember=False)
    assert win.wait_for_sources(20000)
    for keys in (Qt.Key.Key_Escape, QKeySequence(QKeySequence.StandardKey.Close)):
        win.open_passage("lesson-notes", 2)
        viewer = win.viewer
        qtbot.waitExposed(viewer)
        qtbot.waitActive(viewer)
        viewer.browser.setFocus()
        if isinstance(keys, QKeySequence):
            combo = keys[0]
            qtbot.keyClick(viewer.browser, combo.key(), combo.keyboardModifiers())
        else:
            qtbot.keyClick(viewer.browser, keys)
        qtbot.waitUntil(lambda v=viewer: not v.isVisible())
    assert "Esc" in win.viewer.hint.text()


def test_export_preview_shows_the_whole_page_for_every_preset(main_window, qtbot):
    """Switching to A4 in the open dialog cropped the preview: no title, no credits."""
    from explorer.qt import qt_export_dialog as qd
    from explorer.render.export import PRESETS

    main_window.export_snapshot_action.trigger()
    dlg = main_window.export_actions.dialog
    qtbot.waitExposed(dlg)
    for key in ("slide", "a4", "square", "slide"):
        dlg.preset.setCurrentIndex(dlg.preset.findData(key))
        dlg.update_preview()
        qtbot.wait(10)
        pix = dlg.preview.pixmap()
        box = dlg.preview.contentsRect()
        assert pix.width() <= box.width() and pix.height() <= box.height(), (key, pix.size(), box.size())
        page = PRESETS[key]
        assert abs(pix.width() / pix.height() - page.width / page.height) < 0.02
        assert max(pix.width() / qd.PREVIEW_WIDTH, pix.height() / qd.PREVIEW_HEIGHT) > 0.98  # fills the box
    dlg.reject()


def test_animation_dialog_remembers_the_range_of_the_last_export(main_window, qtbot, tmp_path):
    from explorer.qt import qt_export_dialog as qd

    dlg = qd.QtExportAnimationDialog(main_window.state, main_window.chronology, main_window)
    qtbot.addWidget(dlg)
    dlg.start.set_date(dlg.start.date + dt.timedelta(days=82))  # 15 September 1950
    dlg.end.set_date(dlg.start.date + dt.timedelta(days=14))
    dlg.step.setCurrentIndex(dlg.step.findData("7d"))
    dlg.frame_size.setCurrentIndex(dlg.frame_size.findData("960x540"))
    dlg.path.edit.setText(str(tmp_path / "inchon.gif"))
    with qtbot.waitSignal(dlg.export_finished, timeout=60000) as blocker:
        assert dlg.start_export()
        assert dlg.progress.minimumWidth() >= 300  # its title fits
    assert blocker.args == ["done"]
    again = qd.QtExportAnimationDialog(main_window.state, main_window.chronology, main_window)
    qtbot.addWidget(again)
    assert again._dates() == (dt.date(1950, 9, 15), dt.date(1950, 9, 29))


def test_shortcuts_dialog_shows_both_columns_without_scrolling_sideways(main_window, qtbot):
    from explorer.qt.qt_shortcuts import QtShortcutsDialog

    dlg = QtShortcutsDialog(main_window.actions(), main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    table = dlg.table
    assert table.horizontalScrollBar().maximum() == 0
    keys = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Ctrl+E" in keys and "PgUp" in keys and "PgDown" in keys
    assert "Ctrl++ or Ctrl+=" in keys  # every key of an action is listed


def test_a_click_folds_the_key_away_and_brings_it_back(main_window, qtbot):
    """In a small window the key covered the south-east coast (the Pusan perimeter)."""
    win = main_window
    win.resize(820, 600)
    qtbot.wait(50)
    legend = win.legend
    assert legend.isVisible()
    whole = legend.geometry()
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton)
    folded = legend.geometry()
    assert legend.folded and legend.isVisible()
    assert folded.width() < whole.width() / 2 and folded.height() < whole.height() / 3
    assert folded.bottomRight() == whole.bottomRight()  # it stays in its corner
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton)
    assert not legend.folded and legend.geometry() == whole


def test_a_cited_passage_dated_otherwise_says_its_own_date(qtbot, seeds_dir):
    """4 January 1951 cites a passage dated "October 1950": the panel said it had no date at all."""
    from explorer.war.events import load_events
    from explorer.sources.library import SourceLibrary
    from explorer.state.viewstate import ViewState
    from explorer.qt.qt_passage_panel import QtPassagePanel

    state = ViewState(dt.date(1951, 1, 4), dt.date(1945, 8, 15), dt.date(1956, 12, 31))
    panel = QtPassagePanel(state, load_events())
    qtbot.addWidget(panel)
    panel.set_library(SourceLibrary.load(seeds_dir))
    panel.refresh_now()
    undated_here = [r for r in panel.items if r.event_id and r.matched is None and r.passage.dates]
    assert undated_here, "the chronology cites a passage dated otherwise on 4 January 1951"
    text = panel.browser.toPlainText()
    assert "the passage itself says \u201cOctober 1950\u201d" in text
    assert "no date in the passage itself" not in text


def test_passages_dated_only_by_the_year_have_their_own_heading(qtbot, seeds_dir):
    """On 5 August 1950 every passage shown was dated just "1950", under "what the sources say about this day"."""
    from explorer.war.events import load_events
    from explorer.sources.library import SourceLibrary
    from explorer.state.viewstate import ViewState
    from explorer.qt.qt_passage_panel import QtPassagePanel

    state = ViewState(dt.date(1950, 8, 5), dt.date(1945, 8, 15), dt.date(1956, 12, 31))
    panel = QtPassagePanel(state, load_events())
    qtbot.addWidget(panel)
    panel.set_library(SourceLibrary.load(seeds_dir))
    panel.refresh_now()
    text = panel.browser.toPlainText()
    assert "Passages dated only by the year or decade" in text
    assert "What the sources say about this day" not in text
    # Inchon: a passage names the very day; the year-only ones come after their own heading.
    state.date = dt.date(1950, 9, 15)
    panel.refresh_now()
    text = panel.browser.toPlainText()
    day, loose = text.find("What the sources say about this day"), text.find("Passages dated only by the year")
    assert 0 <= day < loose


def test_the_status_line_of_a_snapshot_stays_on_the_page(chronology):
    """A slide of the window's zoom (a wide map) ran "Front interpolated between ..." off the right edge."""
    from explorer.war.projection import to_xy
    from explorer.render.export import PRESETS, STATUS_PT, SnapshotFigure

    (x0, x1), (y0, y1) = zip(*(to_xy(lon, lat) for lon, lat in ((124.2, 33.9), (131.0, 39.9))))
    snap = SnapshotFigure(chronology, PRESETS["slide"], view=(x0, x1, y0, y1))
    snap.set_date(dt.date(1950, 8, 31))
    snap.render_rgba()
    box = snap.status_text.get_window_extent(renderer=snap.figure.canvas.get_renderer())
    assert "interpolated" in snap.status_text.get_text()
    assert box.x1 <= snap.figure.bbox.width
    assert snap.status_text.get_fontsize() >= STATUS_PT - 2.0
    # A whole-peninsula slide keeps its status line as it was.
    whole = SnapshotFigure(chronology, PRESETS["slide"])
    whole.set_date(dt.date(1950, 8, 31))
    assert whole.status_text.get_fontsize() == STATUS_PT and not whole.status_text.get_text().endswith("\u2026")


def test_go_to_date_says_when_it_read_only_part_of_the_text(main_window, qtbot):
    """ "Christmas 1950" went to 1 January 1950 without a word."""
    from explorer.war.chronology import TIMELINE_END, TIMELINE_START
    from explorer.qt.qt_goto_dialog import QtGotoDialog

    dlg = QtGotoDialog(main_window.state.date, TIMELINE_START, TIMELINE_END, main_window)
    qtbot.addWidget(dlg)
    dlg.edit.setText("Christmas 1950")
    assert dlg.date == dt.date(1950, 1, 1)
    assert "read only \u201c1950\u201d" in dlg.hint.text()
    dlg.edit.setText("October 1950")
    assert dlg.hint.text() == "\u2192 1 October 1950 (the first day of October 1950)"
    dlg.edit.setText("15 Sept 1950")
    assert dlg.hint.text() == "\u2192 15 September 1950"
    dlg.edit.setText("1951-03-14")
    assert dlg.hint.text() == "\u2192 14 March 1951"
    dlg.edit.setText("the summer of 1951")
    assert "read only" not in dlg.hint.text() and dlg.hint.text().startswith("\u2192 1 June 1951 (the first day of")


def test_a_remembered_zoom_view_is_not_used_when_the_map_is_not_zoomed(main_window, qtbot):
    """After one zoomed export, the next slide (map not zoomed) came out wide and mostly empty."""
    import dataclasses

    from explorer.qt import qt_export_dialog as qd

    main_window.state.export = dataclasses.replace(main_window.state.export, snapshot_view="zoom",
                                                   animation_view="zoom")
    main_window.canvas.reset_view()
    for make in (qd.QtExportSnapshotDialog, qd.QtExportAnimationDialog):
        dlg = make(main_window.state, main_window.chronology, main_window)
        qtbot.addWidget(dlg)
        assert dlg.view_whole.isChecked()
    main_window.canvas.zoom_by(2.0)
    for make in (qd.QtExportSnapshotDialog, qd.QtExportAnimationDialog):
        dlg = make(main_window.state, main_window.chronology, main_window)
        qtbot.addWidget(dlg)
        assert dlg.view_zoom.isChecked()


def test_animation_info_speaks_proper_english_at_one_frame_per_second(main_window, qtbot):
    from explorer.qt import qt_export_dialog as qd

    dlg = qd.QtExportAnimationDialog(main_window.state, main_window.chronology, main_window)
    qtbot.addWidget(dlg)
    dlg.fps.setValue(1.0)
    assert dlg.info.text().endswith("at 1 frame per second.")
    dlg.fps.setValue(4.0)
    assert dlg.info.text().endswith("at 4 frames per second.")


def test_the_document_viewer_opens_beside_the_map_not_on_it(main_window, qtbot):
    """It opened over the middle of the map: clicking a date moved a map nobody could see."""
    from pathlib import Path

    from PySide6.QtCore import QPoint

    win = main_window
    avail = win.screen().availableGeometry()
    win.setGeometry(avail.left(), avail.top(), min(1200, avail.width() - 20), min(760, avail.height() - 40))
    win.open_sources(Path(__file__).resolve().parents[1] / "fixtures" / "ui", remember=False)
    assert win.wait_for_sources(20000)
    win.open_passage("lesson-notes", 2)
    viewer = win.viewer
    qtbot.waitExposed(viewer)
    centre = win.canvas.mapToGlobal(QPoint(win.canvas.width() // 2, win.canvas.height() // 2))
    assert not viewer.frameGeometry().contains(centre)
    assert viewer.frameGeometry().width() >= 420


def test_show_more_passages_keeps_the_reader_where_they_were(qtbot, seeds_dir):
    """Clicking "Show 1 more passage..." at the bottom of the panel jumped back to its top."""
    from PySide6.QtCore import QUrl

    from explorer.war.events import load_events
    from explorer.sources.library import SourceLibrary
    from explorer.state.viewstate import ViewState
    from explorer.qt.qt_passage_panel import QtPassagePanel

    state = ViewState(dt.date(1950, 6, 2), dt.date(1945, 8, 15), dt.date(1956, 12, 31))
    panel = QtPassagePanel(state, load_events())
    qtbot.addWidget(panel)
    panel.resize(340, 500)
    panel.show()
    panel.set_library(SourceLibrary.load(seeds_dir))
    panel.refresh_now()
    assert "more passage" in panel.browser.toPlainText()
    bar = panel.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    bottom = bar.value()
    assert bottom > 0
    panel.browser.anchorClicked.emit(QUrl("more:"))
    assert "more passage" not in panel.browser.toPlainText()
    assert bar.value() == bottom


def test_speed_presets_from_the_box_and_the_keys(main_window, qtbot):
    """The speed box stepped by one (30 to 5 was 25 presses): it is now presets, and [ ] step through them."""
    from explorer.qt.qt_playback import SPEEDS

    win = main_window
    win.activateWindow()
    qtbot.waitActive(win)
    assert win.state.speed == 7  # a week a second by default
    win.playback.speed.setCurrentIndex(0)
    assert win.state.speed == 1
    win.timeline.setFocus()
    qtbot.waitUntil(win.timeline.hasFocus)
    qtbot.keyClick(win.timeline, Qt.Key.Key_BracketRight)
    qtbot.keyClick(win.timeline, Qt.Key.Key_BracketRight)
    assert win.state.speed == 7 and win.playback.speed.currentText() == "a week a second"
    qtbot.keyClick(win.timeline, Qt.Key.Key_BracketLeft)
    assert win.state.speed == 2
    win.time_controls.speed_actions[4].trigger()
    assert win.state.speed == 30 and win.playback.speed.currentIndex() == 4
    for _ in range(10):
        win.time_controls.faster_action.trigger()
    assert win.state.speed == SPEEDS[-1][0]

def test_ctrl_equals_zooms_in_like_ctrl_plus(main_window, qtbot):
    """Ctrl+= (the '+' key without Shift) did nothing; only Ctrl+Shift+= zoomed in."""
    win = main_window
    win.activateWindow()
    qtbot.waitActive(win)
    win.timeline.setFocus()
    win.canvas.reset_view()
    x0, x1, _, _ = win.canvas.mapview.view()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    z0, z1, _, _ = win.canvas.mapview.view()
    assert (z1 - z0) < 0.8 * (x1 - x0)


def test_the_key_follows_the_map_corner_when_the_divider_moves(main_window, qtbot):
    """Widening the passage panel left the key behind it, cut off."""
    from PySide6.QtCore import QPoint

    win = main_window
    win.resize(1200, 800)
    qtbot.wait(50)
    handle = win.splitter.handle(1)
    start = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start - QPoint(200, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start - QPoint(200, 0))
    qtbot.wait(50)
    legend, canvas = win.legend, win.canvas
    assert canvas.width() < 850
    assert legend.geometry().right() <= canvas.width() - 1
    assert legend.geometry().right() >= canvas.width() - 30  # still in the corner


def test_a_custom_page_of_few_inches_is_drawn_with_type_sized_from_the_page(main_window, qtbot):
    """1024 x 1080 px at 300 dpi (a few inches) raised a GEOS error on the console; the preview went stale.

    Type is now sized from the page, so a page of few inches is the same map
    drawn smaller, with names still 2.2 % of its height.
    """
    from explorer.qt import qt_export_dialog as qd
    from explorer.render.export import SnapshotFigure, page_for

    snap = SnapshotFigure(main_window.chronology, page_for(size=(1024, 1080), dpi=300))
    snap.set_date(dt.date(1953, 7, 27))
    snap.render_rgba()
    names = snap.mapview.visible_labels()
    assert names and min(t.get_fontsize() for t in names) * 300 / 72 >= 0.022 * 1080
    dlg = qd.QtExportSnapshotDialog(main_window.state, main_window.chronology, main_window)
    qtbot.addWidget(dlg)
    dlg.preset.setCurrentIndex(dlg.preset.findData("custom"))
    dlg.width_spin.setValue(1024)
    dlg.height_spin.setValue(1080)
    dlg.dpi_spin.setValue(300)
    dlg.update_preview()
    assert not dlg.preview.pixmap().isNull() and dlg.export_button.isEnabled()


def test_words_searched_for_are_marked_in_the_document_viewer(main_window, qtbot):
    from pathlib import Path

    win = main_window
    win.open_sources(Path(__file__).resolve().parents[1] / "fixtures" / "ui", remember=False)
    assert win.wait_for_sources(30000)
    win.search.edit.setText("Inchon")
    win.search.search_now()
    assert win.search.results
    win.search.open_result(0)
    viewer = win.viewer
    assert viewer is not None and viewer.isVisible()
    marked = [sel.cursor.selectedText() for sel in viewer.browser.extraSelections()]
    assert marked and all(t.lower() == "inchon" for t in marked)
    # Opening a passage from the panel marks no searched words.
    win.open_passage(viewer.doc_id, 0)
    assert viewer.browser.extraSelections() == []
