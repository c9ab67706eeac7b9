"""Long use: scrub the whole war, open every passage, export many snapshots; memory and leaks measured.

``python tests/benchmarks/soak.py`` runs the long form (20,000 scrub steps,
every passage of the source texts in the viewer, 100 snapshots) and prints
its figures; ``tests/qt/test_soak.py`` runs a short form of the same
:func:`run_soak` in CI.  Options: ``--steps``, ``--snapshots``, ``--sources DIR``
(default: the four source texts at ``../shared/seeds`` when present),
``--big-file`` (also check that a 200 MB text file is refused at once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


def rss_mib() -> float:
    """Resident memory of this process in MiB (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_ours() -> dict[str, int]:
    """Live Python wrappers of QObjects whose class is defined in the ``explorer`` package, by class."""
    from PySide6.QtCore import QObject

    gc.collect()
    out: dict[str, int] = {}
    for o in gc.get_objects():
        t = type(o)
        module = t.__dict__.get("__module__")
        if isinstance(module, str) and module.startswith("explorer.") and isinstance(o, QObject):
            out[t.__name__] = out.get(t.__name__, 0) + 1
    return out


def _settle(app, win) -> None:
    for _ in range(3):
        win.canvas._apply_pending()
        app.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()


def run_soak(app, win, steps: int, snapshots: int, out_dir: Path, max_passages: int | None = None,
             snapshot_size: str = "640x360", log=None) -> dict:
    """Scrub, open passages and export snapshots in an open window; return the figures.

    Parameters
    ----------
    app, win
        The QApplication and a shown :class:`~explorer.qt.main_window.MainWindow`
        (with its sources read, if passages are to be opened).
    steps
        Scrub steps, jumping across the whole war.
    snapshots
        Snapshots exported (PNG) into *out_dir*, at dates spread over the war.
    max_passages
        Open at most this many passages in the viewer (``None``: every passage).

    Returns
    -------
    dict
        ``rss_before``, ``rss_after`` (MiB; also ``rss_scrubbed``, ``rss_passages`` after those
        phases and ``rss_quarter`` after a quarter of the snapshots), ``widgets_before``, ``widgets_after``,
        ``ours_before``, ``ours_after`` (class -> count), ``passages``, ``steps``,
        ``snapshots``, ``seconds``.
    """
    from PySide6.QtWidgets import QApplication

    from explorer.war.chronology import WAR_END, WAR_START
    from explorer.render.export import export_snapshot, page_for

    war_days = (WAR_END - WAR_START).days
    page = page_for(size=snapshot_size)
    lib = win.sources.library
    passages = [(doc_id, p.index) for doc_id in (lib.documents if lib else {}) for p in lib.passages(doc_id)]
    if max_passages is not None:
        passages = passages[:max_passages]
    # Warm-up: every cache the steady state needs (state cache, viewer, figure for export).
    for i in range(300):
        win.state.date = WAR_START + dt.timedelta(days=(i * 7919) % (war_days + 1))
        win.canvas._apply_pending()
        if i % 25 == 0:
            app.processEvents()
    if passages:
        win.open_passage(*passages[0])
    export_snapshot(win.chronology, WAR_START, out_dir / "warm.png", page=page)
    _settle(app, win)
    before = {"rss": rss_mib(), "widgets": len(QApplication.topLevelWidgets()), "ours": count_ours()}
    t0 = time.perf_counter()
    for i in range(steps):
        win.state.date = WAR_START + dt.timedelta(days=(i * 104729) % (war_days + 1))
        win.canvas._apply_pending()
        if i % 10 == 0:
            app.processEvents()
        if log and i and i % 5000 == 0:
            log(f"  {i} steps, {rss_mib():.0f} MiB")
    rss_scrubbed = rss_mib()
    for k, (doc_id, index) in enumerate(passages):
        win.open_passage(doc_id, index)
        if k % 5 == 0:
            app.processEvents()
    rss_passages = rss_mib()
    rss_quarter = rss_passages
    for k in range(snapshots):
        if k == snapshots // 4:
            gc.collect()
            rss_quarter = rss_mib()
        d = WAR_START + dt.timedelta(days=(k * war_days) // max(snapshots - 1, 1))
        path = export_snapshot(win.chronology, d, out_dir / f"snap-{k:03d}.png", page=page)
        path.unlink()
        if log and k and k % 25 == 0:
            log(f"  {k} snapshots, {rss_mib():.0f} MiB")
    seconds = time.perf_counter() - t0
    _settle(app, win)
    return {"rss_before": before["rss"], "rss_after": rss_mib(), "rss_scrubbed": rss_scrubbed,
            "rss_passages": rss_passages, "rss_quarter": rss_quarter,
            "widgets_before": before["widgets"], "widgets_after": len(QApplication.topLevelWidgets()),
            "ours_before": before["ours"], "ours_after": count_ours(),
            "passages": len(passages), "steps": steps, "snapshots": snapshots, "seconds": seconds}


def big_file_check(folder: Path, mib: int = 200) -> tuple[float, str]:
    """Write a *mib* MiB text file and read the folder: the file must be refused at once."""
    from explorer.sources.catalogue import Catalogue
    from explorer.sources.library import SourceLibrary

    path = folder / "huge.txt"
    line = b"On 15 September 1950 the marines landed at Inchon, and the war turned.\n\n"
    with open(path, "wb") as fh:
        block = line * (1024 * 1024 // len(line) + 1)
        for _ in range(mib):
            fh.write(block[:1024 * 1024])
    t0 = time.perf_counter()
    lib = SourceLibrary.load(folder, catalogue=Catalogue([]))
    seconds = time.perf_counter() - t0
    path.unlink()
    msgs = [m for p, m in lib.problems if p.name == "huge.txt"]
    return seconds, msgs[0] if msgs else "(read, not refused)"


def main(argv: list[str] | None = None) -> int:
    """Run the long form and print the figures; 1 if a bound is exceeded."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--snapshots", type=int, default=100)
    parser.add_argument("--size", default="1920x1080", help="snapshot size (default 1920x1080)")
    parser.add_argument("--sources", type=Path, default=SEEDS if SEEDS.is_dir() else None)
    parser.add_argument("--big-file", action="store_true", help="also check a 200 MB text file is refused")
    parser.add_argument("--max-growth", type=float, default=120.0,
                        help="allowed RSS growth in MiB over the whole soak (buffers of full-size snapshots and "
                             "the viewer's documents included); growth after the first quarter of the snapshots "
                             "must stay under 10 MiB")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="kwe-soak-") as tmp:
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        from explorer.qt.app import make_application

        app = make_application()
        from explorer.war.chronology import WAR_START, Chronology
        from explorer.qt.main_window import MainWindow

        win = MainWindow(Chronology.load(), WAR_START)
        win.show()
        app.processEvents()
        win.render_now()
        if args.sources is not None:
            win.open_sources(args.sources, remember=False)
            win.wait_for_sources(300000)
        print(f"soak: {args.steps} steps, {args.snapshots} snapshots at {args.size}, "
              f"sources {args.sources or 'none'}", flush=True)
        r = run_soak(app, win, args.steps, args.snapshots, Path(tmp), snapshot_size=args.size,
                     log=lambda m: print(m, flush=True))
        win.close()
        app.processEvents()
        growth = r["rss_after"] - r["rss_before"]
        print(f"time                    {r['seconds']:.1f} s")
        print(f"passages opened         {r['passages']}")
        print(f"resident memory         {r['rss_before']:.1f} -> {r['rss_after']:.1f} MiB ({growth:+.1f} MiB)")
        print(f"    after scrubbing {r['rss_scrubbed']:.1f}, after the passages {r['rss_passages']:.1f}, "
              f"after a quarter of the snapshots {r['rss_quarter']:.1f} MiB")
        steady = r["rss_after"] - r["rss_quarter"]
        print(f"growth over the last three quarters of the snapshots  {steady:+.1f} MiB")
        print(f"top-level widgets       {r['widgets_before']} -> {r['widgets_after']}")
        print(f"our QObjects            {sum(r['ours_before'].values())} -> {sum(r['ours_after'].values())}")
        for name in sorted(set(r["ours_before"]) | set(r["ours_after"])):
            a, b = r["ours_before"].get(name, 0), r["ours_after"].get(name, 0)
            if a != b:
                print(f"    {name}: {a} -> {b}")
        ok = growth < args.max_growth and steady < 10 and r["widgets_after"] == r["widgets_before"] \
            and r["ours_after"] == r["ours_before"]
        if args.big_file:
            seconds, msg = big_file_check(Path(tmp))
            print(f"200 MB text file        {seconds:.2f} s: {msg}")
            ok = ok and "too large" in msg and seconds < 5
    print("soak: ok" if ok else "soak: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
