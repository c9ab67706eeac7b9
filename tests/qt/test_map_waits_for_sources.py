"""While sources load, the map's idle-time rendering ahead waits, so the two never fight over the window.

Rendering ahead makes many short numpy calls, each giving up the interpreter
lock and taking it back; behind a loader thread busy with a 300-page book,
every taking back waited, and the window stalled for 150-250 ms (measured with
``tests/benchmarks/bench_sources.py``; 30-100 ms with the rendering waiting).
"""

from __future__ import annotations


def test_rendering_ahead_waits_while_sources_load_and_resumes_after(main_window, qtbot, tmp_path):
    win = main_window
    canvas = win.canvas
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "note.txt").write_text("On 3 May 1951 the engineers crossed the pass.\n", encoding="utf-8")
    # The window asks the sources whether they are loading.
    assert canvas.idle_work_waits is not None and not canvas.idle_work_waits()
    win.open_sources(folder)
    assert canvas.idle_work_waits()  # a load runs
    assert win.wait_for_sources(60000)
    assert not canvas.idle_work_waits()

    canvas._capture_if_stale()  # the cached renders are made (as in the first idle moment)
    canvas._start_ahead()
    todo = len(canvas._ahead_todo)
    assert todo > 0
    canvas._last_change = 0.0
    canvas.idle_work_waits = lambda: True
    canvas._render_ahead_step()
    assert len(canvas._ahead_todo) == todo  # held back while "loading"
    canvas.idle_work_waits = lambda: False
    canvas._render_ahead_step()
    assert len(canvas._ahead_todo) < todo  # and goes on once the load is over
