"""Robustness of the user's source folder: anything at all may be in it.

Binary, empty, oversized, oddly encoded and hostile files, symlink loops,
FIFOs, unreadable files and a folder of 5,000 documents: nothing is executed or
fetched, each bad file is listed (with its name) in the one problem list, the
good files work, progress is shown and the UI thread never stalls for long.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import urllib.request
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from explorer.sources.catalogue import Catalogue
from explorer.sources.library import SourceLibrary
from explorer.qt.qt_sources import QtSourceManager, SourceProblemsDialog

NONE = Catalogue([])
#: The size limit used in these tests instead of the real 20 MB one.
SMALL_LIMIT = 64 * 1024
#: Longest wall-clock gap between two ticks of a 5 ms UI timer allowed while 5,000 documents load.
#: Generous: the test machine is shared (2 cores, other jobs), so the OS may deschedule the UI thread.
STALL_BOUND_MS = 1000
#: Longest run of UI-thread CPU work between two ticks: the work the app itself does on the UI thread
#: (CPU time, so other jobs on the machine do not count).  Measured 15-45 ms (the library handed over,
#: the panels and the timeline's source strip redone); the progress bar once took 0.15 ms per file and a
#: full collection of the library 90-110 ms.  A load run on the UI thread would take seconds.
UI_WORK_BOUND_MS = 150

GOOD = "Notes on the war.\n\nOn 15 September 1950 the marines landed at Inchon.\n\nIn March 1951 Seoul changed hands again.\n"

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Hostile page</title>
<meta http-equiv="refresh" content="0; url=http://example.invalid/go">
<link rel="stylesheet" href="http://example.invalid/style.css">
<script src="http://example.invalid/evil.js"></script>
<script>window.location = "http://example.invalid/"; SCRIPTRAN = 1;</script>
<base href="http://example.invalid/">
</head>
<body onload="alert('ONLOADRAN')">
<iframe src="http://example.invalid/frame.html">IFRAMETEXT</iframe>
<img src="http://example.invalid/pixel.png" alt="remote image">
<img src="file:///etc/passwd">
<object data="http://example.invalid/movie.swf">OBJECTTEXT</object>
<p style="background: url(http://example.invalid/bg.png)">The landing at Inchon began on 15 September 1950.</p>
<p><a href="javascript:alert('LINKRAN')">A link</a> and <a href="http://example.invalid/">another</a>.</p>
<svg><image href="http://example.invalid/x.png"/>SVGTEXT</svg>
</body></html>
"""


class NetworkAttempt(AssertionError):
    """Raised by the blocked socket functions."""


@pytest.fixture
def no_network(monkeypatch):
    """Make every way out to the network raise, and record the attempts."""
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise NetworkAttempt(f"network access attempted: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def _make_bad_folder(root: Path) -> dict[str, str]:
    """A folder holding every kind of bad input; returns name -> what the app must say about it."""
    root.mkdir(parents=True)
    expect: dict[str, str] = {}
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    # Encodings.
    (root / "utf16_bom.txt").write_bytes(GOOD.replace("Notes", "Utf16bom").encode("utf-16"))
    (root / "utf16_nobom.txt").write_bytes(GOOD.replace("Notes", "Utf16nobom").encode("utf-16-le"))
    (root / "utf32.txt").write_bytes(GOOD.replace("Notes", "Utf32").encode("utf-32"))
    (root / "cp1252.txt").write_bytes("\u201cQuoted\u201d notes \u2014 on 25 June 1950 the war began.\n".encode("cp1252"))
    (root / "latin1.txt").write_bytes("Caf\u00e9 notes: on 27 July 1953 the armistice was signed.\n".encode("latin-1"))
    (root / "shift_jis.txt").write_bytes("\u671d\u9bae\u6226\u4e89 1950\u5e746\u670825\u65e5\n".encode("shift_jis"))
    (root / "euc_kr.txt").write_bytes("\ud55c\uad6d\uc804\uc7c1 1950\ub144 6\uc6d4 25\uc77c\n".encode("euc-kr"))
    (root / "mixed_bytes.md").write_bytes(b"# Notes\n\nBroken \xff\xfe\xfa bytes in 1951.\n")
    # Files that cannot be documents.
    (root / "binary.txt").write_bytes(os.urandom(2048) + b"\x00" * 64)
    expect["binary.txt"] = "binary"
    (root / "empty.txt").write_bytes(b"")
    expect["empty.txt"] = "empty"
    (root / "blank.md").write_text("   \n\n\t\n", encoding="utf-8")
    expect["blank.md"] = "no text"
    (root / "scripts_only.html").write_text("<script>var x = 1;</script><style>p{}</style>", encoding="utf-8")
    expect["scripts_only.html"] = "no text"
    (root / "big.txt").write_text("On 1 July 1950 a long day.\n\n" * (SMALL_LIMIT // 20), encoding="utf-8")
    expect["big.txt"] = "too large"
    (root / "bad_utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8\x41\x00")   # a lone surrogate
    expect["bad_utf16.txt"] = "not valid UTF-16"
    (root / "locked.txt").write_text(GOOD, encoding="utf-8")
    expect["locked.txt"] = "Permission denied"
    (root / "scan.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(64))             # a PDF with nothing in it
    expect["scan.pdf"] = "not a readable PDF"
    # Other types: skipped and summed up.
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (root / "NOEXT").write_bytes(b"\x00\x01\x02" * 100)                       # extensionless binary
    # Special files.
    os.mkfifo(root / "pipe.txt")
    expect["pipe.txt"] = "not a regular file"
    (root / "folder.txt").mkdir()                                               # a folder named like a file
    (root / "folder.txt" / "inside.txt").write_text(GOOD.replace("Notes", "Inside"), encoding="utf-8")
    os.symlink(root / "self.txt", root / "self.txt")                            # a link to itself
    expect["self.txt"] = "cannot read"
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    expect["dangling.txt"] = "cannot read"
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "loop")                                     # a folder loop
    os.symlink(root / "good.txt", root / "sub" / "alias.txt")                   # the same file twice
    return expect


def _lock(monkeypatch, name: str) -> None:
    """Make one file unreadable (the tests run as root, so chmod 000 would not stop the reader)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_library_handles_every_bad_input(tmp_path, monkeypatch, no_network):
    root = tmp_path / "sources"
    expect = _make_bad_folder(root)
    _lock(monkeypatch, "locked.txt")
    t0 = time.perf_counter()
    lib = SourceLibrary.load(root, catalogue=NONE, max_bytes=SMALL_LIMIT)
    assert time.perf_counter() - t0 < 20
    problems = {p.name: msg for p, msg in lib.problems}
    for name, what in expect.items():
        assert name in problems, (name, problems)
        assert what in problems[name] and name in problems[name], (name, problems[name])
    assert set(problems) == set(expect), problems
    assert {p.name for p in lib.skipped} == {"picture.png", "NOEXT"}
    docs = {d.path.name: d for d in lib.documents.values()}
    for name in ("good.txt", "hostile.html", "utf16_bom.txt", "utf16_nobom.txt", "utf32.txt", "cp1252.txt",
                 "latin1.txt", "shift_jis.txt", "euc_kr.txt", "mixed_bytes.md", "inside.txt"):
        assert name in docs, (name, sorted(docs))
    assert "alias.txt" not in docs                       # the same real file is read once
    assert docs["utf16_nobom.txt"].text.startswith("Utf16nobom")
    assert "\u201cQuoted\u201d notes \u2014" in docs["cp1252.txt"].text
    assert "Caf\u00e9" in docs["latin1.txt"].text
    # The hostile page: its text only; nothing of the scripts, frames or objects; nothing fetched.
    page = docs["hostile.html"]
    assert page.title == "Hostile page"
    assert "The landing at Inchon began on 15 September 1950." in page.text
    for gone in ("SCRIPTRAN", "ONLOADRAN", "LINKRAN", "IFRAMETEXT", "OBJECTTEXT", "SVGTEXT", "example.invalid",
                 "passwd"):
        assert gone not in page.text
    assert no_network == []
    # Good files have dated passages.
    dated = [p for p in lib.passages(docs["good.txt"].id) if p.dates]
    assert [p.dates[0].start for p in dated] == [dt.date(1950, 9, 15), dt.date(1951, 3, 1)]


@pytest.fixture
def window(main_window):
    """The shared main window of tests/conftest.py (15 September 1950, isolated settings)."""
    return main_window


def test_window_lists_every_bad_file_in_one_place_and_uses_the_good_ones(window, qtbot, tmp_path, monkeypatch,
                                                                          no_network):
    root = tmp_path / "sources"
    expect = _make_bad_folder(root)
    _lock(monkeypatch, "locked.txt")
    window.sources.max_bytes = SMALL_LIMIT
    window.open_sources(root)
    assert window.wait_for_sources(30000)
    problems = window.sources.problems()
    for name in expect:
        assert any(name in p for p in problems), name
    summary = [p for p in problems if "not a document type" in p]
    assert len(summary) == 1 and all(n in summary[0] for n in ("picture.png", "NOEXT"))
    assert f"{len(problems)} problems: File > Source problems" in window.statusBar().currentMessage()
    assert window.problems_action.isEnabled()
    dlg = SourceProblemsDialog(problems, window)
    qtbot.addWidget(dlg)
    listed = dlg.text.toPlainText()
    assert all(name in listed for name in expect)
    # The good files work: the panel shows the good note for its date, and the hostile page opens as text.
    items = window.passage_panel.items
    assert any(r.source == "good" for r in items), [r.source for r in items]
    window.open_passage("hostile", 0)
    assert window.viewer is not None and window.viewer.isVisible()
    html = window.viewer.browser.toHtml()
    assert "example.invalid" not in html and "<img" not in html.lower()
    assert "The landing at Inchon" in window.viewer.browser.toPlainText()
    qtbot.wait(50)
    assert no_network == []


def test_manager_max_bytes_and_missing_paths(qtbot, settings_dir, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "small.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a" / "large.txt").write_text("x" * 5000, encoding="utf-8")
    mgr = QtSourceManager([], max_bytes=1000)
    with qtbot.waitSignal(mgr.finished, timeout=20000):
        mgr.add_paths([tmp_path / "a", tmp_path / "gone.txt"])
    assert set(mgr.library.documents) == {"small"}
    msgs = mgr.problems()
    assert any("large.txt" in m and "too large" in m for m in msgs)
    assert any("gone.txt" in m and "no such file" in m for m in msgs)


def test_restore_keeps_the_folders_that_exist_and_names_the_gone_one(qtbot, settings_dir, tmp_path):
    from PySide6.QtCore import QSettings

    from explorer.qt.qt_sources import SETTINGS_KEY

    here = tmp_path / "here"
    here.mkdir()
    (here / "n.txt").write_text(GOOD, encoding="utf-8")
    QSettings().setValue(SETTINGS_KEY, [str(here), str(tmp_path / "gone")])
    mgr = QtSourceManager([])
    with qtbot.waitSignal(mgr.finished, timeout=20000):
        notice = mgr.restore()
    assert "gone" in notice and "no longer exists" in notice
    assert set(mgr.library.documents) == {"n"}
    # What exists is remembered again without the folder that is gone.
    assert mgr.remembered() == [here]
    # A settings value of a strange type never stops the start.
    QSettings().setValue(SETTINGS_KEY, 12345)
    mgr2 = QtSourceManager([])
    assert isinstance(mgr2.restore(), str)
    mgr2.shutdown()


def make_big_folder(root: Path, n: int) -> Path:
    """*n* small dated notes in a folder (and a few subfolders)."""
    root.mkdir(parents=True)
    for i in range(n):
        sub = root / f"part{i % 5}"
        sub.mkdir(exist_ok=True)
        (sub / f"note_{i:05d}.txt").write_text(
            f"Note {i} of the class.\n\nOn {1 + i % 28} September 1950 unit {i} moved north of the river.\n\n"
            f"In March 1951 it came back south.\n", encoding="utf-8")
    return root


def measure_load(win, folder: Path, timeout_ms: int = 300000) -> dict:
    """Open *folder* in *win* and measure the UI thread's longest stall while it loads.

    A 5 ms QTimer on the UI thread records the largest gap between two of its
    ticks, from the call that starts the load until the panel shows the result,
    both in wall-clock time (what the user sees) and in CPU time of the UI thread
    (the work our code does there, without the time the OS gave to other jobs).
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    # Let the first paint of the window finish: that is start-up, not loading.
    deadline = time.perf_counter() + 2
    while time.perf_counter() < deadline and win.canvas.has_pending_draw():
        app.processEvents()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.005)
    gaps: list[float] = []
    work: list[float] = []
    last = [0.0, 0.0]
    progress: list[int] = []

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append(now - last[0])
        work.append(cpu - last[1])
        last[0], last[1] = now, cpu

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    win.sources.progress.connect(lambda done, total, path: progress.append(done))
    bar_seen = []
    win.sources.progress.connect(
        lambda *a: bar_seen.append(win.load_progress.isVisible()) if len(bar_seen) < 5 else None)
    t0 = time.perf_counter()
    last[0], last[1] = t0, time.thread_time()
    timer.start()
    win.open_sources(folder)
    ok = win.wait_for_sources(timeout_ms)
    app.processEvents()
    tick()
    timer.stop()
    seconds = time.perf_counter() - t0
    return {"ok": ok, "seconds": seconds, "max_gap_ms": max(gaps) * 1000, "ticks": len(gaps),
            "max_work_ms": max(work) * 1000,
            "progress": progress, "bar_seen": bar_seen,
            "p99_ms": sorted(gaps)[int(0.99 * (len(gaps) - 1))] * 1000}


def test_a_folder_of_5000_documents_keeps_the_window_responsive(window, qtbot, tmp_path, capsys):
    """5,000 notes: all read, progress shown, and the UI thread never stalls for long.

    The bound is generous for a shared 2-core machine; the figure measured is
    printed (run with -s) and reported in the issue.
    """
    import gc

    n = 5000
    folder = make_big_folder(tmp_path / "many", n)
    # As the app runs (explorer.qt.app.open_main_window): start-up's objects set aside, so that the
    # loader thread holds off full collections (explorer.qt.gcpolicy.quiet_collector_while_loading).
    gc.freeze()
    try:
        m = measure_load(window, folder)
    finally:
        gc.unfreeze()
    with capsys.disabled():
        print(f"\n[5,000 documents] read in {m['seconds']:.1f} s; longest UI stall {m['max_gap_ms']:.0f} ms "
              f"(UI-thread work {m['max_work_ms']:.0f} ms), p99 {m['p99_ms']:.0f} ms over {m['ticks']} ticks")
    assert m["ok"]
    assert len(window.sources.library.documents) == n
    assert m["progress"][-1] == n and len(m["progress"]) == n
    assert m["bar_seen"] and all(m["bar_seen"])
    assert m["ticks"] > m["seconds"] * 1000 / 5 * 0.3        # the timer kept running through the load
    assert m["max_gap_ms"] < STALL_BOUND_MS, m
    assert m["max_work_ms"] < UI_WORK_BOUND_MS, m
    assert not window.load_progress.isVisible()
    assert "5000 source documents open" in window.statusBar().currentMessage()
