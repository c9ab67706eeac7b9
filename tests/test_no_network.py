"""Never a network: the app and the command line behave the same with every socket blocked.

In this process the socket functions are replaced by ones that raise; for the
command line a ``sitecustomize.py`` on ``PYTHONPATH`` does the same in each
child process and logs any attempt to a file.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UI = REPO / "tests" / "fixtures" / "ui"

SITECUSTOMIZE = '''
import os, socket

_LOG = os.environ["KWE_NETLOG"]


def _refuse(*args, **kwargs):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(repr(args[:3]) + "\\n")
    raise OSError("network blocked by the test")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.socket.sendto = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


@pytest.fixture
def blocked(monkeypatch):
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:3]))
        raise OSError("network blocked by the test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def test_the_block_works(blocked):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert len(blocked) == 1


def _sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for f in UI.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "remote.html").write_text(
        '<html><head><link rel="stylesheet" href="http://example.invalid/a.css"></head><body>'
        '<img src="https://example.invalid/p.png"><iframe src="http://example.invalid/"></iframe>'
        '<p>On 15 September 1950 the landing began.</p></body></html>', encoding="utf-8")
    return folder


def test_window_sources_viewer_and_export_without_network(blocked, main_window, qtbot, chronology, tmp_path):
    from explorer.render.export import export_snapshot, page_for

    win = main_window
    win.open_sources(_sources(tmp_path))
    assert win.wait_for_sources(30000)
    assert "remote" in win.sources.library.documents
    items = win.passage_panel.items
    assert items
    for r in items[:5]:
        win.open_passage(r.source, r.passage.index)
    win.open_passage("remote", 0)
    qtbot.wait(50)
    for d in (dt.date(1950, 6, 25), dt.date(1951, 4, 11), dt.date(1953, 7, 27)):
        win.state.date = d
        win.render_now()
    out = tmp_path / "snap.png"
    export_snapshot(chronology, dt.date(1950, 9, 15), out, page=page_for(size="640x360"))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    win.close()
    assert blocked == []


def _run(args: list[str], tmp_path: Path, block: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    if block:
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        env["KWE_NETLOG"] = str(tmp_path / "netlog.txt")
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=180)


def test_sitecustomize_blocks_a_child_process(tmp_path):
    proc = _run(["-c", "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"], tmp_path, True)
    assert proc.returncode != 0 and "network blocked by the test" in proc.stderr
    assert (tmp_path / "netlog.txt").read_text(encoding="utf-8").count("\n") == 1


def test_command_line_behaves_the_same_without_network(tmp_path):
    sources = _sources(tmp_path)
    commands = [
        ["-m", "explorer", "passages", "--date", "1950-09-15", "--sources", str(sources)],
        ["-m", "explorer", "passages", "--date", "1950-09-15", "--json"],
        ["-m", "explorer", "check-data"],
        ["-m", "explorer", "control-at", "--date", "1950-09-01", "--lon", "129.04", "--lat", "35.10"],
    ]
    for args in commands:
        free = _run(args, tmp_path, False)
        cut = _run(args, tmp_path, True)
        assert (cut.returncode, cut.stdout) == (free.returncode, free.stdout), args
        assert free.returncode == 0, (args, free.stderr)
    outs = {}
    for block in (False, True):
        out = tmp_path / f"snap-{block}.png"
        proc = _run(["-m", "explorer", "export", "--date", "1950-09-15", "--out", str(out), "--size", "640x360"],
                    tmp_path, block)
        assert proc.returncode == 0, proc.stderr
        outs[block] = out.read_bytes()
    assert outs[True] == outs[False]
    # The window itself, with the sources read, in a child process.
    shot = tmp_path / "window.png"
    proc = _run(["-m", "explorer", "--date", "1950-09-15", "--sources", str(sources), "--screenshot", str(shot)],
                tmp_path, True)
    assert proc.returncode == 0, proc.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    log = tmp_path / "netlog.txt"
    assert not log.exists() or log.read_text(encoding="utf-8") == ""
