"""Benchmarks of Korean War Explorer: one command, one table.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/run.py [--quick]

Each figure is printed beside the target it is held to and, where there is
one, the floor it is measured against in the same run.  Nothing here is
collected by the normal test run (pytest ignores tests/benchmarks).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
ROWS: list[tuple[str, str, str, str]] = []
QUICK = False


def row(name: str, value: str, target: str = "", floor: str = "") -> None:
    ROWS.append((name, value, target, floor))
    print(f"  {name}: {value}" + (f"   (target {target})" if target else "") + (f"   [floor {floor}]" if floor else ""),
          flush=True)


def _child_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # As on a user's machine: Python keeps the compiled .pyc files of the app's
    # modules (an installed copy ships them; a checkout writes them on first run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _child(mode: str, cpu: list[float] | None = None, **env: str) -> float:
    out = subprocess.run([sys.executable, str(HERE / "startup_child.py"), mode], capture_output=True, text=True,
                         timeout=120, env=dict(_child_env(), **env))
    for line in out.stdout.splitlines():
        if line.startswith("painted "):
            parts = line.split()
            if cpu is not None and len(parts) >= 4:
                cpu.append(float(parts[3]))
            return float(parts[1])
    raise RuntimeError(f"start-up child ({mode}) printed no time: {out.stderr[-500:]}")


def _drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def bench_startup(runs: int) -> None:
    _child("floor"), _child("app"), _child("app")  # warm the page cache, the .pyc files and the data cache
    floor: list[float] = []
    app: list[float] = []
    floor_cpu: list[float] = []
    app_cpu: list[float] = []
    for _ in range(runs):  # interleaved, so that a busy spell of the machine hits both alike
        floor.append(_child("floor", floor_cpu))
        app.append(_child("app", app_cpu))
    f, a = statistics.median(floor), statistics.median(app)
    row("start-up to first painted map (median of %d)" % runs, f"{a:.3f} s = {a / f:.2f}x floor", "<= 1.25x floor",
        f"{f:.3f} s bare PySide6 + matplotlib")
    # Each app run beside the floor run just before it: a busy spell of the host
    # slows both, so the median of these ratios is steadier than the ratio of medians.
    pairs = statistics.median(x / y for x, y in zip(app, floor))
    row("  median of the %d paired ratios (app run / floor run before it)" % runs, f"{pairs:.2f}x", "<= 1.25x")
    if floor_cpu and app_cpu:
        fc, ac = statistics.median(floor_cpu), statistics.median(app_cpu)
        row("  the same in CPU time (steadier on a busy machine)", f"{ac:.3f} s = {ac / fc:.2f}x floor", "",
            f"{fc:.3f} s")
    first = [_child("app", KWE_CACHE_DIR="") for _ in range(max(runs // 2, 2))]
    row("start-up without the data cache (the first run after installing)", f"{statistics.median(first):.3f} s")
    if _drop_caches():
        cold = []
        cold_floor = []
        for _ in range(max(runs // 2, 2)):
            _drop_caches()
            cold_floor.append(_child("floor"))
            _drop_caches()
            cold.append(_child("app"))
        row("start-up with a cold page cache", f"{statistics.median(cold):.3f} s", "",
            f"{statistics.median(cold_floor):.3f} s")
    else:
        row("start-up with a cold page cache", "not measured: cannot drop the page cache here (needs root)")


def _rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bench_window(steps: int, memory_steps: int) -> None:
    from explorer.qt.app import make_application, open_main_window

    app = make_application()
    from explorer.war.chronology import WAR_END, WAR_START

    import tempfile

    from PySide6.QtCore import QSettings

    from explorer.qt.main_window import DEFAULT_SIZE
    from explorer.qt.settings import AppSettings

    scratch = Path(tempfile.mkdtemp(prefix="kwe-bench-")) / "settings.ini"
    # As the app starts (explorer.qt.app.run): the same window, the same garbage-collector handling.
    win = open_main_window(WAR_START, settings=AppSettings(QSettings(str(scratch), QSettings.Format.IniFormat)))
    win.resize(*DEFAULT_SIZE)
    win.show()
    app.processEvents()
    win.render_now()
    if SEEDS.is_dir():
        win.open_sources(SEEDS, remember=False)
        win.wait_for_sources()
        # As a user does after opening sources, leave the window idle while the
        # passage panel makes its pages ahead (explorer.qt.qt_passage_panel).
        t0 = time.perf_counter()
        while win.passage_panel.prefetch_pending() and time.perf_counter() - t0 < 60:
            app.processEvents()
            time.sleep(0.002)
        row("passage pages made ahead in idle time after opening the sources",
            f"{time.perf_counter() - t0:.1f} s, {len(win.passage_panel._docs)} pages")
    # As a user does after the window opens: idle while the map renders the
    # hatch of each pair of records ahead (explorer.qt.qt_map_canvas).
    t0 = time.perf_counter()
    win.canvas._start_ahead()
    while win.canvas.rendering_ahead() and time.perf_counter() - t0 < 60:
        app.processEvents()
        time.sleep(0.002)
    row("map hatches rendered ahead in idle time after start", f"{time.perf_counter() - t0:.1f} s")
    win.canvas.compositor.capture()
    app.processEvents()
    rss_start = _rss_mib()
    row("resident memory after start", f"{rss_start:.0f} MiB", "< 260 MiB")
    war_days = (WAR_END - WAR_START).days
    def stats(xs: list[float]) -> str:
        xs = sorted(xs)
        return f"{statistics.median(xs) * 1000:.2f} / {xs[int(0.95 * len(xs))] * 1000:.2f} ms"

    times, cpu = [], []
    for i in range(steps):
        d = WAR_START + dt.timedelta(days=(i * 7919) % (war_days + 1))  # jumps all over the war
        t0, c0 = time.perf_counter(), time.process_time()
        win.state.date = d
        win.canvas._apply_pending()
        app.processEvents()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    panel = "with the passage panel on the four sources" if SEEDS.is_dir() else "no sources open"
    row(f"scrub step, {steps} random jumps across the war, {panel} (median / p95)", stats(times), "p95 <= 8 ms")
    row("  the same in CPU time", stats(cpu))
    # A drag: every day of the war in order, each drawn before the next.
    seq, cpu = [], []
    for k in range(war_days + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        win.state.date = WAR_START + dt.timedelta(days=k)
        win.canvas._apply_pending()
        app.processEvents()
        seq.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    total = sum(seq)
    row(f"scrub step, dragging through all {war_days + 1} days (median / p95)", stats(seq), "p95 <= 8 ms")
    row("  the same in CPU time", stats(cpu))
    row("whole war at one frame per day, unthrottled", f"{total:.1f} s ({(war_days + 1) / total:.0f} frames/s)",
        ">= 30 frames/s")
    # Real playback at 30 days per second: one frame per day at 30 frames per second.
    from PySide6.QtCore import QEventLoop, QTimer

    play_days = war_days if not QUICK else 120
    win.state.date = WAR_START
    app.processEvents()
    shown: list[float] = []
    win.canvas.drawn.connect(lambda: shown.append(time.perf_counter()))
    win.state.speed = 30
    # Drawing throughput: the pauses at events (a reading aid, seconds long by design) are off.
    win.player.pause_at_events = False
    end = WAR_START + dt.timedelta(days=play_days)
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: (win.state.date >= end or not win.state.playing) and loop.quit())
    timer.start(5)
    t0 = time.perf_counter()
    win.state.playing = True
    loop.exec()
    win.state.playing = False
    played = time.perf_counter() - t0
    gaps = np.diff(shown) if len(shown) > 1 else np.zeros(1)
    late = int((gaps > 1 / 30 * 1.5).sum())
    row(f"playback at 30 days/s over {play_days} days", f"{played:.1f} s, {len(shown)} frames, "
        f"{late} gaps > 50 ms, {win.player.frames / max(played, 1e-9):.1f} frames/s",
        f"{play_days / 30:.1f} s, 30 frames/s, no dropped frame")
    # Memory growth over many steps.
    gc.collect()
    before = _rss_mib()
    for i in range(memory_steps):
        win.state.date = WAR_START + dt.timedelta(days=(i * 104729) % (war_days + 1))
        win.canvas._apply_pending()
        if i % 50 == 0:
            app.processEvents()
    gc.collect()
    app.processEvents()
    after = _rss_mib()
    row(f"memory growth over {memory_steps} steps", f"{after - before:+.1f} MiB ({before:.0f} -> {after:.0f})",
        "< 2 MiB")
    win.close()


def bench_scrub_floor(steps: int) -> None:
    """The floor for a scrub step, as issue 7 describes it, on this machine in this run.

    A bare QtAgg canvas 1280x800 showing Korea's coast; per step: interpolate
    the front between two recorded states, set the paths of two territory
    patches clipped to the land, restore the cached background, draw the
    three artists and blit.  No labels, rivers, rings, arrows, markers,
    date card, timeline or passage panel.
    """
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath
    from PySide6.QtWidgets import QApplication, QMainWindow

    from explorer.war.chronology import Chronology
    from explorer.render.paths import polygon_path

    app = QApplication.instance() or QApplication([sys.argv[0]])
    chron = Chronology.load()
    recs = chron.records
    win = QMainWindow()
    fig = Figure(facecolor="white")
    canvas = FigureCanvasQTAgg(fig)
    win.setCentralWidget(canvas)
    win.resize(1280, 800)
    ax = fig.add_axes((0, 0, 1, 1))
    x0, y0, x1, y1 = chron.geodata.korea.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    land = PathPatch(polygon_path(chron.geodata.korea), facecolor="#f2b37e", edgecolor="#333333", lw=0.6)
    ax.add_artist(land)
    un = PathPatch(MPath(np.zeros((1, 2))), facecolor="#8fb3dc", edgecolor="none", animated=True)
    red = PathPatch(MPath(np.zeros((1, 2))), facecolor="#f2b37e", edgecolor="none", animated=True)
    for patch in (un, red):
        ax.add_artist(patch)
        patch.set_clip_path(land)
    front = Line2D([], [], color="#8b1a1a", lw=2.6, animated=True)
    ax.add_line(front)
    win.show()
    app.processEvents()
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    bottom, top = y0 - 1e5, y1 + 1e5
    times = []
    for i in range(steps):
        k = i % (len(recs) - 1)
        t = (i % 7) / 7
        t0 = time.perf_counter()
        a, b = recs[k].main_resampled, recs[k + 1].main_resampled
        xy = (1 - t) * a + t * b
        south = np.concatenate([xy, [[xy[-1, 0], bottom], [xy[0, 0], bottom]]])
        north = np.concatenate([xy, [[xy[-1, 0], top], [xy[0, 0], top]]])
        un.set_path(MPath(south, closed=True))
        red.set_path(MPath(north, closed=True))
        front.set_data(xy[:, 0], xy[:, 1])
        canvas.restore_region(background)
        for artist in (red, un, front):
            ax.draw_artist(artist)
        canvas.blit(fig.bbox)
        app.processEvents()
        times.append(time.perf_counter() - t0)
    times.sort()
    row(f"  floor: a bare blitted step (issue 7's description), {steps} steps (median / p95)",
        f"{statistics.median(times) * 1000:.2f} / {times[int(0.95 * len(times))] * 1000:.2f} ms")
    win.close()


def bench_passages() -> None:
    if not SEEDS.is_dir():
        row("passage lookup for a date", f"not measured: no source texts at {SEEDS}")
        return
    from explorer.war.chronology import Chronology
    from explorer.sources.library import SourceLibrary
    from explorer.sources.linking import passages_for_date

    events = Chronology.load().events
    t0 = time.perf_counter()
    lib = SourceLibrary.load(SEEDS)
    load = time.perf_counter() - t0
    passages_for_date(dt.date(1950, 9, 15), lib, events)  # builds the index
    times = []
    for k in range(0, 1130, 3):
        d = dt.date(1950, 6, 25) + dt.timedelta(days=k)
        t0 = time.perf_counter()
        passages_for_date(d, lib, events)
        times.append(time.perf_counter() - t0)
    times.sort()
    row("load the four source texts", f"{load * 1000:.0f} ms")
    row("passage lookup for a date (median / max)", f"{statistics.median(times) * 1000:.2f} / "
        f"{times[-1] * 1000:.2f} ms", "< 5 ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs and steps (a smoke run)")
    args = ap.parse_args()
    global QUICK
    QUICK = args.quick
    print(f"Korean War Explorer benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_startup(3 if args.quick else 11)
    bench_window(300 if args.quick else 1200, 1000 if args.quick else 10_000)
    bench_scrub_floor(300 if args.quick else 1200)
    bench_passages()
    print()
    width = max(len(r[0]) for r in ROWS)
    print(f"{'measure':<{width}}  {'figure':<38}  target / floor")
    for name, value, target, floor in ROWS:
        extra_text = "; ".join(x for x in (target, f"floor {floor}" if floor else "") if x)
        print(f"{name:<{width}}  {value:<38}  {extra_text}")
    # Export timings (their own table): in-app 1920x1080 PNG (target < 0.25 s), a whole CLI
    # process, and the whole war as a weekly GIF (target < 30 s).
    print()
    sys.path.insert(0, str(HERE))
    import bench_export  # noqa: E402

    return bench_export.main()


if __name__ == "__main__":
    sys.exit(main())
