"""The export dialogs in the window: menu actions, preview, overwrite question, settings, worker thread."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from explorer.qt import qt_export_dialog as qd


@pytest.fixture
def window(main_window):
    return main_window


def test_actions_sit_before_quit_with_ctrl_e(window):
    # By reference: reading the menu's actions' texts trips a PySide6 < 6.11.2 bug (its separator
    # counts as deleted), which once kept the window from opening.
    acts = window.file_menu.actions()

    def at(action):
        return next(i for i, a in enumerate(acts) if a is action)

    assert at(window.export_snapshot_action) < at(window.quit_action)
    assert at(window.export_animation_action) < at(window.quit_action)
    assert window.export_snapshot_action.shortcut().toString() == "Ctrl+E"
    assert window.quit_action.text().replace("&", "") == "Quit"


def test_snapshot_dialog_previews_and_exports_the_window_date(window, qtbot, tmp_path, monkeypatch):
    window.export_snapshot_action.trigger()
    dlg = window.export_actions.dialog
    qtbot.waitExposed(dlg)
    assert dlg.date == window.state.date == dt.date(1950, 9, 15)
    pix = dlg.preview.pixmap()
    assert not pix.isNull() and pix.width() == qd.PREVIEW_WIDTH
    assert "Inchon" in dlg.info.text()
    dlg.preset.setCurrentIndex(dlg.preset.findData("custom"))
    dlg.width_spin.setValue(400)
    dlg.height_spin.setValue(300)
    dlg.dpi_spin.setValue(50)
    dlg.caption.setChecked(True)
    dlg.update_preview()
    assert dlg.preview.pixmap().height() == 300 * qd.PREVIEW_WIDTH // 400
    dlg.path.edit.setText(str(tmp_path / "snap.png"))
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        written = dlg.export()
    assert written == tmp_path / "snap.png"
    with Image.open(written) as im:
        assert im.size == (400, 300)
    assert "Exported" in window.statusBar().currentMessage()
    s = QSettings()
    assert s.value("export/folder") == str(tmp_path)
    assert s.value("export/snapshot/preset") == "custom"
    assert s.value("export/snapshot/caption", type=bool) is True
    # The next dialog starts in the same folder with the same options.
    again = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(again)
    assert again.preset.currentData() == "custom" and again.width_spin.value() == 400
    assert again.caption.isChecked()
    assert again.path.edit.text().startswith(str(tmp_path))


def test_format_choice_sets_the_extension(window, qtbot, tmp_path):
    dlg = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    dlg.path.edit.setText(str(tmp_path / "map.png"))
    dlg.format.setCurrentIndex(dlg.format.findData("svg"))
    assert dlg.path.edit.text().endswith("map.svg")


def test_overwrite_asks_first(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "old.png"
    target.write_bytes(b"keep me")
    dlg = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    dlg.preset.setCurrentIndex(dlg.preset.findData("custom"))
    dlg.width_spin.setValue(640)
    dlg.height_spin.setValue(360)
    dlg.path.edit.setText(str(target))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert dlg.export() is None
    assert target.read_bytes() == b"keep me" and len(asked) == 1 and "old.png" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert dlg.export() == target
    assert target.read_bytes().startswith(b"\x89PNG")


def test_failed_export_is_reported(window, qtbot, tmp_path, monkeypatch):
    dlg = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    dlg.path.edit.setText(str(tmp_path / "missing" / "m.png"))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert dlg.export() is None
    assert warned and "does not exist" in warned[0]


def test_current_zoom_is_exported(window, qtbot):
    window.canvas.zoom_by(3)
    dlg = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    dlg.view_zoom.setChecked(True)
    x0, x1, y0, y1 = window.canvas.mapview.view()
    vx0, vx1, vy0, vy1 = dlg.view()
    assert (vx0, vx1, vy0, vy1) == pytest.approx((x0, x1, y0, y1))
    dlg.update_preview()
    px0, px1, py0, py1 = dlg._preview_snap.mapview.view()
    # The preview shows at least the window's extent (widened to keep the scale true), not the peninsula.
    assert px0 <= x0 + 1 and px1 >= x1 - 1 and py0 <= y0 + 1 and py1 >= y1 - 1
    hx0, hx1, hy0, hy1 = dlg._preview_snap.mapview.home_bounds()
    assert (px1 - px0) * (py1 - py0) < 0.5 * (hx1 - hx0) * (hy1 - hy0)


def test_animation_runs_in_a_thread_and_completes(window, qtbot, tmp_path):
    window.export_animation_action.trigger()
    dlg = window.export_actions.dialog
    qtbot.waitExposed(dlg)
    dlg.start.set_date(dlg.start.date)
    dlg.end.set_date(dlg.start.date + dt.timedelta(days=14))
    dlg.step.setCurrentIndex(dlg.step.findData("7d"))
    dlg.frame_size.setCurrentIndex(dlg.frame_size.findData("960x540"))
    assert dlg.info.text().startswith("3 frames")
    dlg.path.edit.setText(str(tmp_path / "war.gif"))
    with qtbot.waitSignal(dlg.export_finished, timeout=60000) as blocker:
        assert dlg.start_export()
        assert dlg.progress is not None and dlg.progress.isVisible()
        assert dlg.worker.isRunning() or dlg.worker.isFinished()
    assert blocker.args == ["done"]
    with Image.open(tmp_path / "war.gif") as im:
        assert im.n_frames == 3 and im.size == (960, 540)
    assert QSettings().value("export/animation/step") == "7d"


def test_animation_cancel_leaves_no_file(window, qtbot, tmp_path):
    dlg = qd.QtExportAnimationDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    dlg.frame_size.setCurrentIndex(dlg.frame_size.findData("960x540"))
    dlg.step.setCurrentIndex(dlg.step.findData("1d"))
    dlg.end.set_date(dlg.start.date + dt.timedelta(days=40))
    out = tmp_path / "out"
    out.mkdir()
    dlg.path.edit.setText(str(out / "war.gif"))
    seen = []

    def on_progress(done, total):
        seen.append(done)
        if done == 2:  # the user presses Cancel in the progress dialog
            dlg.progress.canceled.emit()

    with qtbot.waitSignal(dlg.export_finished, timeout=60000) as blocker:
        assert dlg.start_export()
        dlg.worker.progressed.connect(on_progress)
    assert blocker.args == ["cancelled"]
    assert list(out.iterdir()) == []
    assert "nothing was written" in dlg.info.text()
    assert dlg.worker is None and dlg.export_button.isEnabled()
    assert 2 <= len(seen) < 41


def test_a_second_snapshot_reuses_the_figure_and_shows_its_own_date(window, qtbot, tmp_path):
    def export(day, name):
        window.state.date = day
        dlg = window.export_actions.open_snapshot_dialog()  # the window keeps the figure between dialogs
        dlg.preset.setCurrentIndex(dlg.preset.findData("custom"))
        dlg.width_spin.setValue(480)
        dlg.height_spin.setValue(270)
        dlg.dpi_spin.setValue(40)
        dlg.path.edit.setText(str(tmp_path / name))
        written = dlg.export()
        with Image.open(written) as im:
            return im.info.get("Title"), dlg.export_figure()

    title1, fig1 = export(dt.date(1950, 9, 15), "a.png")
    title2, fig2 = export(dt.date(1951, 1, 4), "b.png")
    assert fig1 is fig2  # same options: built once
    assert title1.startswith("15 September 1950") and title2.startswith("4 January 1951")
    window.state.romanization = "modern"
    _, fig3 = export(dt.date(1951, 1, 4), "c.png")
    assert fig3 is not fig2  # other place names: a new figure


def _visible_town_names(snap):
    return [t.get_text() for t in snap.mapview.visible_labels()]


def test_snapshot_layer_chooser_starts_from_the_window_and_leaves_a_layer_out(window, qtbot, tmp_path):
    window.state.set_layer("relief", False)  # the window hides relief: so does the chooser, at first
    dlg = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    assert dlg.layer_choice.layers() == window.state.layers
    assert not dlg.layer_choice.boxes["relief"].isChecked() and dlg.layer_choice.boxes["towns"].isChecked()
    dlg.preset.setCurrentIndex(dlg.preset.findData("custom"))
    dlg.width_spin.setValue(640)
    dlg.height_spin.setValue(360)
    dlg.dpi_spin.setValue(50)
    assert _visible_town_names(dlg.export_figure()), "towns ticked: names on the map"
    dlg.layer_choice.boxes["towns"].setChecked(False)
    dlg.path.edit.setText(str(tmp_path / "no-towns.png"))
    written = dlg.export()
    assert written is not None
    drawn = dlg.export_figure()
    assert _visible_town_names(drawn) == [] and not drawn.mapview.towns.get_visible()
    assert "towns" in window.state.layers  # the window keeps its towns
    # Remembered as "leave the towns out": the next dialog does, and follows the window for the rest.
    window.state.set_layer("relief", True)
    again = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(again)
    assert again.layer_choice.layers() == window.state.layers - {"towns"}
    assert QSettings().value("export/snapshot/layers_off") == "towns"


def _orange_share(path):
    """The share of a GIF's first frame in the communist side's light orange (and its shades under relief)."""
    import numpy as np

    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return float(np.mean((r - b > 70) & (r > 190)))


def test_animation_layer_chooser_leaves_the_territory_out_of_the_frames(window, qtbot, tmp_path):
    shares = {}
    for name, territory in (("with.gif", True), ("without.gif", False)):
        dlg = qd.QtExportAnimationDialog(window.state, window.chronology, window)
        qtbot.addWidget(dlg)
        assert dlg.layer_choice.boxes["territory"].isChecked()  # as in the window
        dlg.layer_choice.boxes["territory"].setChecked(territory)
        dlg.start.set_date(dt.date(1950, 9, 15))
        dlg.end.set_date(dt.date(1950, 9, 15))
        dlg.frame_size.setCurrentIndex(dlg.frame_size.findData("960x540"))
        dlg.path.edit.setText(str(tmp_path / name))
        with qtbot.waitSignal(dlg.export_finished, timeout=60000) as blocker:
            assert dlg.start_export()
        assert blocker.args == ["done"]
        shares[territory] = _orange_share(tmp_path / name)
    # North Korea's orange is a few per cent of a 15 September frame (4.9% at matplotlib 3.8, 5-6% later).
    assert shares[True] > 0.02, shares
    assert shares[False] < 0.2 * shares[True], shares
    # The last export left the territory out: the next dialog starts so.
    dlg = qd.QtExportAnimationDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    assert not dlg.layer_choice.boxes["territory"].isChecked()
    assert dlg.layer_choice.layers() == window.state.layers - {"territory"}


def test_words_cut_on_the_page_are_on_the_clipboard_after_export(window, qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("before")
    dlg = qd.QtExportSnapshotDialog(window.state, window.chronology, window)
    qtbot.addWidget(dlg)
    dlg.preset.setCurrentIndex(dlg.preset.findData("square"))
    dlg.caption.setChecked(True)
    window.state.date = dt.date(1950, 6, 25)
    dlg.date = window.state.date
    dlg._preview_key = None
    dlg.update_preview()
    assert "shortened" in dlg.info.text()
    dlg.path.edit.setText(str(tmp_path / "square.png"))
    written = dlg.export()
    full = dlg.export_figure().description()
    assert QGuiApplication.clipboard().text() == full
    with Image.open(written) as im:
        assert im.info["Description"] == full
    assert "Sources for this date:" in full and full.startswith("25 June 1950")
