"""Long use, short form: scrubbing, every passage of the sources, snapshots; no leak, little memory growth.

The long form is ``python tests/benchmarks/soak.py`` (20,000 steps, 100 snapshots).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]
UI = HERE / "fixtures" / "ui"
#: Allowed growth of resident memory over the short soak, in MiB.
MAX_GROWTH_MIB = 40.0


def _soak_module():
    spec = importlib.util.spec_from_file_location("kwe_soak", HERE / "benchmarks" / "soak.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def sources_folder(tmp_path) -> Path:
    """The four source texts when present, else the UI fixtures."""
    seeds = HERE.parents[1] / "shared" / "seeds"
    if seeds.is_dir() and any(seeds.glob("*.txt")):
        return seeds
    folder = tmp_path / "ui"
    folder.mkdir()
    for f in UI.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


def test_short_soak(qtbot, chronology, settings_dir, tmp_path, sources_folder, capsys):
    from PySide6.QtWidgets import QApplication

    from explorer.qt.app import make_application
    from explorer.qt.main_window import MainWindow

    soak = _soak_module()
    app = make_application()
    win = MainWindow(chronology, dt.date(1950, 6, 25))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.render_now()
    win.open_sources(sources_folder, remember=False)
    assert win.wait_for_sources(120000)
    out = tmp_path / "out"
    out.mkdir()
    r = soak.run_soak(app, win, steps=1000, snapshots=5, out_dir=out)
    with capsys.disabled():
        print(f"\n[short soak] {r['steps']} steps, {r['passages']} passages, {r['snapshots']} snapshots in "
              f"{r['seconds']:.1f} s; RSS {r['rss_before']:.1f} -> {r['rss_after']:.1f} MiB; "
              f"widgets {r['widgets_before']} -> {r['widgets_after']}; "
              f"our QObjects {sum(r['ours_before'].values())} -> {sum(r['ours_after'].values())}")
    assert r["passages"] > 0
    assert win.viewer is not None and win.viewer.doc_id is not None
    assert r["rss_after"] - r["rss_before"] < MAX_GROWTH_MIB, r
    assert r["widgets_after"] == r["widgets_before"], r
    assert r["ours_after"] == r["ours_before"], r
    assert list(out.iterdir()) == [out / "warm.png"]        # every snapshot written, then removed by the soak
    win.close()
    # Closing the window closes what it opened (the document viewer, dialogs): nothing stays on screen.
    assert not win.isVisible()
    assert [w.objectName() or type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()] == []
