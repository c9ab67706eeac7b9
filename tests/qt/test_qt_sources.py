"""Opening sources in the window: the loader thread, progress, cancel, settings, drops, the timeline strip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from explorer.qt.qt_sources import SETTINGS_KEY, QtSourceManager, SourceProblemsDialog, droppable_paths

UI = Path(__file__).resolve().parents[1] / "fixtures" / "ui"


@pytest.fixture
def make_window(qtbot, chronology, settings_dir):
    """Build main windows (at a date) that are closed after the test."""
    from explorer.qt.app import make_application
    from explorer.qt.main_window import MainWindow

    make_application()
    made = []

    def make(date=dt.date(1950, 9, 15)):
        win = MainWindow(chronology, date)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for w in made:
        w.close()


def _copy_fixtures(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in UI.iterdir():
        (dest / f.name).write_bytes(f.read_bytes())
    return dest


def test_manager_reads_a_folder_off_the_ui_thread(qtbot, settings_dir, tmp_path):
    from explorer.war.events import load_events

    folder = _copy_fixtures(tmp_path / "docs")
    mgr = QtSourceManager(load_events())
    seen = []
    mgr.progress.connect(lambda done, total, path: seen.append((done, total, Path(path).name)))
    with qtbot.waitSignal(mgr.finished, timeout=20000) as blocker:
        mgr.open_folder(folder)
        assert mgr.is_loading()
    assert not mgr.is_loading()
    assert set(mgr.library.documents) == {"class-chronology", "lesson-notes", "page"}
    assert mgr.index is not None and mgr.index.library is mgr.library
    assert [s[0] for s in seen] == [1, 2, 3] and all(s[1] == 3 for s in seen)
    assert "3 source documents open" in blocker.args[0]
    # Remembered for the next run.
    assert mgr.remembered() == [folder]
    assert QSettings().value(SETTINGS_KEY) is not None


def test_cancel_keeps_what_was_open(qtbot, settings_dir, tmp_path):
    folder = _copy_fixtures(tmp_path / "first")
    big = tmp_path / "big"
    big.mkdir()
    for i in range(400):
        (big / f"note_{i:03d}.txt").write_text(f"Note {i}.\n\nOn 25 June 1950 something happened, entry {i}.\n",
                                               encoding="utf-8")
    mgr = QtSourceManager([])
    with qtbot.waitSignal(mgr.finished, timeout=20000):
        mgr.open_folder(folder)
    first = mgr.library
    mgr.progress.connect(lambda done, total, path: mgr.cancel())
    with qtbot.waitSignal(mgr.finished, timeout=20000) as blocker:
        mgr.open_folder(big)
    assert "cancelled" in blocker.args[0]
    assert mgr.library is first
    assert mgr.remembered() == [folder]


def test_restore_missing_folder_gives_a_notice(qtbot, settings_dir, tmp_path):
    QSettings().setValue(SETTINGS_KEY, [str(tmp_path / "gone")])
    mgr = QtSourceManager([])
    notice = mgr.restore()
    assert "no longer exists" in notice and "gone" in notice
    assert not mgr.is_loading() and mgr.library is None


def test_window_reopens_remembered_sources_or_says_they_are_gone(make_window, qtbot, tmp_path):
    folder = _copy_fixtures(tmp_path / "docs")
    win = make_window()
    win.open_sources(folder)
    assert win.wait_for_sources(20000)
    win.close()
    # Next start: the folder is opened again.
    win2 = make_window()
    win2.restore_sources()
    assert win2.wait_for_sources(20000)
    assert "class-chronology" in win2.sources.library.documents
    win2.close()
    # The folder disappears: the window starts without sources and says so.
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    win3 = make_window()
    win3.restore_sources()
    assert win3.sources.library is None
    assert "no longer exists" in win3.statusBar().currentMessage()


def test_progress_shows_in_the_status_bar_and_problems_are_listed(make_window, qtbot, tmp_path):
    folder = _copy_fixtures(tmp_path / "docs")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    (folder / "picture.png").write_bytes(b"\x89PNG")
    win = make_window()
    assert not win.problems_action.isEnabled()
    win.open_sources(folder)
    assert win.load_progress.isVisible() and win.load_cancel.isVisible()
    assert win.wait_for_sources(20000)
    assert not win.load_progress.isVisible()
    problems = win.sources.problems()
    assert any("broken.txt" in p for p in problems)
    assert win.problems_action.isEnabled()
    assert "problem" in win.statusBar().currentMessage()
    dlg = SourceProblemsDialog(problems, win)
    qtbot.addWidget(dlg)
    assert "broken.txt" in dlg.text.toPlainText()


def test_dropping_files_and_folders_adds_them(make_window, qtbot, tmp_path):
    a = _copy_fixtures(tmp_path / "a")
    extra = tmp_path / "extra.md"
    extra.write_text("# Extra\n\nOn 19 October 1950 UN troops were in Pyongyang.\n", encoding="utf-8")
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG")
    assert droppable_paths([a, extra, png, tmp_path / "missing.txt"]) == [a, extra]
    win = make_window()

    keep = []  # the events do not own their mime data: keep it alive

    def mime(paths):
        md = QMimeData()
        md.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        keep.append(md)
        return md

    pos = QPointF(200, 200)
    refused = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime([png]),
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(refused)
    assert not refused.isAccepted()
    accepted = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime([a, png]),
                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(accepted)
    assert accepted.isAccepted()
    win.dropEvent(QDropEvent(pos, Qt.DropAction.CopyAction, mime([a]), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier))
    assert win.wait_for_sources(20000)
    assert len(win.sources.library.documents) == 3
    win.dropEvent(QDropEvent(pos, Qt.DropAction.CopyAction, mime([extra, png]), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier))
    assert win.wait_for_sources(20000)
    assert "extra" in win.sources.library.documents and len(win.sources.library.documents) == 4
    assert win.sources.remembered() == [a, extra]
    # The new document is linked to its date at once.
    win.state.date = dt.date(1950, 10, 19)
    win.passage_panel.refresh_now()
    assert any(r.source == "extra" for r in win.passage_panel.items)


def test_the_timeline_strip_counts_dated_passages(make_window, qtbot, tmp_path):
    folder = _copy_fixtures(tmp_path / "docs")
    win = make_window()
    tl = win.timeline
    tl.repaint()
    assert tl.density_all.sum() == 0
    win.open_sources(folder)
    assert win.wait_for_sources(20000)
    tl.repaint()
    strip = tl.strip_rect()

    def count_at(d):
        return int(tl.density_all[int(tl.x_for_date(d) - strip.left())])

    def fine_at(d):
        return int(tl.density_fine[int(tl.x_for_date(d) - strip.left())])

    # 25 June 1950: the chronology's entry, and "In June 1950" of the lesson notes.
    assert fine_at(dt.date(1950, 6, 25)) == 2
    # 1 March 1951: only the heading "1951", a year-only mention.
    assert count_at(dt.date(1951, 3, 1)) == 1 and fine_at(dt.date(1951, 3, 1)) == 0
    # Nothing is dated in 1955; the reference list (1988, 1997, 2001) is never counted.
    assert count_at(dt.date(1955, 6, 1)) == 0
    assert tl.density.max() > 0


def test_timeline_marks_events_and_a_click_on_a_mark_jumps(make_window, qtbot):
    win = make_window(dt.date(1952, 1, 1))
    tl = win.timeline
    x = tl.mark_x("inchon-landing")
    assert x is not None
    assert "inchon-landing" in [e.id for e in tl.marks_near(x)]
    y = int(tl.marks_rect().center().y())
    # Inchon's mark is one of a cluster at the default zoom: a click zooms in until the marks split,
    # and a click on the lone mark then jumps to it.
    for _ in range(6):
        x = tl.mark_x("inchon-landing")
        days = tl.view.days
        qtbot.mouseClick(tl, Qt.MouseButton.LeftButton, pos=QPoint(round(x), y))
        if win.state.date != dt.date(1952, 1, 1):
            break
        assert tl.view.days < days
    assert win.state.date == dt.date(1950, 9, 15)
    # A date change repaints only around the handle, from the cached background.
    builds = tl.background_builds
    tl.repaint()
    win.state.date = dt.date(1951, 6, 1)
    tl.repaint()
    assert tl.background_builds == builds


def test_cli_has_a_sources_option_and_rejects_a_missing_folder(tmp_path, settings_dir):
    from explorer.cli import build_parser
    from explorer.qt.app import run

    args = build_parser().parse_args(["--sources", str(tmp_path)])
    assert args.window_sources == tmp_path
    assert run(dt.date(1950, 6, 25), tmp_path / "shot.png", tmp_path / "missing") == 2


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 39), st.integers(0, 12)), min_size=1, max_size=80),
       st.integers(1, 40))
def test_density_counts_each_passage_once_per_column(rows, width):
    """The timeline's density strip: per column, the number of passages with a date over it."""
    import numpy as np

    from explorer.qt.qt_timeline import _columns_covered

    owner = np.array([r[0] for r in rows])
    x0 = np.array([min(r[1], width - 1) for r in rows])
    x1 = np.array([min(r[1] + r[2], width - 1) for r in rows])
    expected = np.zeros(width)
    for o in set(owner.tolist()):
        covered = np.zeros(width, dtype=bool)
        for k in np.flatnonzero(owner == o):
            covered[x0[k]:x1[k] + 1] = True
        expected += covered
    assert np.array_equal(_columns_covered(owner, x0, x1, width), expected)
