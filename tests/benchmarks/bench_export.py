"""Export timings: ``python tests/benchmarks/bench_export.py`` prints a table.

1. a 1920x1080 PNG from a running app: the chronology is loaded as in the
   window, and set aside from the garbage collector as the window does after
   its first paint; timed once with a new export figure per file (what the dialog
   did until it kept its figure) and once rendering into an existing
   figure (set the date, draw, write: what the dialog does, its figure being
   built while the dialog is open or kept from the last export); medians of 5;
2. a whole-process command-line export (``korean-war-explorer export`` as a
   subprocess, interpreter start-up included; median of 5);
3. a whole-war animation, 25 June 1950 to 27 July 1953 at one frame per week,
   written as a GIF at 1920x1080 (150 dpi, the default) and at 1280x720
   (100 dpi, the default before issue 16), twice each: first (a new page:
   names and headlines measured for the first time at its size) and again
   (the process has seen that page; what a second export from the app costs).
   The same pages are asked of the code before (whose own default differs), so
   its rows compare one to one.  The notes say whether the morph fields
   between records came from the disk cache or were built.

Not collected by pytest (``--ignore=tests/benchmarks`` in pyproject).
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("MPLBACKEND", "Agg")


def main() -> int:
    try:
        from explorer.war.chronology import Chronology
    except ImportError:  # the code before the house moved it (for before-and-after runs)
        from explorer.model.chronology import Chronology  # type: ignore[no-redef]
    from explorer.render.animation import export_animation, frame_dates
    from explorer.render.export import SnapshotFigure, export_snapshot, page_for
    try:
        from explorer.render.page import Page
    except ImportError:  # before the house split export.py
        from explorer.render.export import Page  # type: ignore[no-redef,attr-defined]

    rows: list[tuple[str, str, str]] = []
    chronology = Chronology.load()
    # As in the app: the window sets everything alive after its first paint aside from the
    # garbage collector (explorer.qt.gcpolicy.settle_gc); the exports come after.
    gc.freeze()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "snap.png"
        export_snapshot(chronology, "1950-09-15", out, page=page_for("slide"))  # warm-up (fonts, caches)
        times = []
        for date in ["1950-06-25", "1950-09-15", "1950-11-24", "1951-01-15", "1953-07-27"]:
            t = time.perf_counter()
            export_snapshot(chronology, date, out, page=page_for("slide"))
            times.append(time.perf_counter() - t)
        rows.append(("1920x1080 PNG, building a new figure", f"{statistics.median(times) * 1000:.0f} ms",
                     f"median of 5 (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} ms)"))
        snap = SnapshotFigure(chronology, page_for("slide"))
        snap.set_date("1950-09-15")
        times = []
        for date in ["1950-06-25", "1950-09-15", "1950-11-24", "1951-01-15", "1953-07-27"]:
            t = time.perf_counter()
            snap.set_date(date)
            snap.save(out)
            times.append(time.perf_counter() - t)
        rows.append(("1920x1080 PNG, in the app (figure ready)", f"{statistics.median(times) * 1000:.0f} ms",
                     f"median of 5 (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} ms)"))

        cli = []
        env = dict(os.environ, PYTHONPATH=str(REPO))
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "explorer", "export", "--date", "1950-09-15", "--out",
                            str(Path(tmp) / "cli.png"), "--preset", "slide", "--overwrite"], check=True, env=env,
                           capture_output=True)
            cli.append(time.perf_counter() - t)
        rows.append(("CLI export, whole process (slide PNG)", f"{statistics.median(cli):.2f} s",
                     f"median of 5 (min {min(cli):.2f}, max {max(cli):.2f} s)"))

        n = len(frame_dates("1950-06-25", "1953-07-27", "7d"))
        pairs = len(chronology.records) - 1
        # The default now, and the default before issue 16 (given whole: the code before has another default).
        for page in (Page(1920, 1080, 150), Page(1280, 720, 100)):
            for run in ("first", "again"):
                prepare = getattr(chronology, "prepare_morphs", None)  # (no morphs before issue 14)
                if prepare is not None:
                    prepare(cached_only=True)
                had = len(getattr(chronology, "_morphs", ())) if prepare is not None else pairs
                gif = Path(tmp) / "war.gif"
                t = time.perf_counter()
                export_animation(chronology, gif, "1950-06-25", "1953-07-27", "7d", fps=6, page=page)
                dt_anim = time.perf_counter() - t
                morphs = "morph fields cached" if had == pairs else f"{pairs - had} of {pairs} morph fields built"
                rows.append((f"Whole war, weekly GIF ({n} frames, {page.width}x{page.height}, {run})",
                             f"{dt_anim:.1f} s", f"{dt_anim / n * 1000:.0f} ms per frame, "
                                                 f"{gif.stat().st_size / 1e6:.1f} MB; {morphs}"))
    w = max(len(r[0]) for r in rows)
    print(f"{'export':<{w}}  {'time':>9}  notes")
    print("-" * (w + 40))
    for name, value, note in rows:
        print(f"{name:<{w}}  {value:>9}  {note}")
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{v:.1f}' for v in os.getloadavg())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
