"""How fast the sources are read: a 300-page PDF book, 5,000 mixed documents, passage lookup.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_sources.py [--quick] [--keep DIR]

1. A 300-page PDF book of about 700,000 characters (written here, in our own
   words, with a dated sentence in every paragraph) is read, cut into passages
   and linked to the chronology, as the window's loader thread does it; the
   time of each step is printed.  Then the window opens it and the UI thread's
   longest stall while it loads is measured (a 5 ms timer, as in
   tests/sources/test_robust_sources.py).
2. A folder of 5,000 mixed documents (text, Markdown, HTML, PDF, DOCX, ODT,
   EPUB) is opened in the window, and the UI thread's longest stall is measured.
3. The passages of a day are looked up in the linked index (median and worst
   of 200 days).

Targets (issue 15): the book in under 2 s, stalls under 100 ms, lookup under
5 ms.  ``--quick`` uses 1,000 documents for step 2.  Nothing here is collected
by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.sources.docfactory import make_docx, make_epub, make_odt, make_pdf  # noqa: E402

_UNITS = ["the first battalion", "a tank company", "the engineers", "two rifle companies", "the artillery",
          "a reconnaissance patrol", "the supply column", "the medical platoon"]
_PLACES = ["the river", "the ridge", "the pass", "the village", "the coast road", "the reservoir", "the airfield"]
_DEEDS = ["moved up to", "fell back from", "held", "crossed", "dug in on", "reached", "was relieved near"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_UNITS).capitalize()} {rng.choice(_DEEDS)} {rng.choice(_PLACES)}"


def book_lines(rng: random.Random, pages: int = 300, chars: int = 700_000) -> list[list[str]]:
    """The lines of a book: paragraphs of full lines, each opened by a dated sentence."""
    per_page = chars // pages
    out = []
    for p in range(pages):
        lines: list[str] = []
        size = 0
        while size < per_page and len(lines) < 44:
            year = 1950 + (p * 3) // pages
            words = f"On {rng.randint(1, 28)} {rng.choice(_MONTHS)} {year} " + ", then ".join(
                _sentence(rng) for _ in range(5)) + ". " + ". ".join(_sentence(rng) for _ in range(4)) + "."
            para = []
            cur = ""
            for w in words.split():
                if len(cur) + len(w) + 1 > 95:
                    para.append(cur)
                    cur = w
                else:
                    cur = f"{cur} {w}".strip()
            para.append(cur)
            lines.extend(para + [""])
            size += len(words)
        out.append(lines)
    return out


def make_book(folder: Path) -> Path:
    rng = random.Random(1950)
    path = folder / "book.pdf"
    if not path.exists():
        t0 = time.perf_counter()
        make_pdf(path, book_lines(rng), head="A SHORT HISTORY OF A LONG WAR", first_number=1,
                 title="A Short History of a Long War", author="Bench Writer")
        print(f"  (made the book in {time.perf_counter() - t0:.1f} s)")
    return path


def bench_book(folder: Path, chronology) -> None:
    from explorer.sources.catalogue import Catalogue
    from explorer.sources.documents import read_document
    from explorer.sources.library import SourceLibrary
    from explorer.sources.linking import LinkIndex
    from explorer.sources.passages import segment

    book = make_book(folder)
    for attempt in range(2):
        t0 = time.perf_counter()
        doc = read_document(book, catalogue=Catalogue([]))
        t1 = time.perf_counter()
        passages = segment(doc.id, doc.text)
        t2 = time.perf_counter()
        lib = SourceLibrary(Catalogue([]))
        lib.add([book])
        t3 = time.perf_counter()
        index = LinkIndex(lib, chronology.events)
        t4 = time.perf_counter()
        if attempt:
            print(f"300-page PDF book: {doc.pages} pages, {len(doc.text):,} characters, {len(passages)} passages")
            print(f"  read (text layer, paragraphs, heads): {t1 - t0:.2f} s")
            print(f"  cut into passages and dated:          {t2 - t1:.2f} s")
            print(f"  library add (read + cut + places):    {t3 - t2:.2f} s")
            print(f"  link index with the chronology:       {t4 - t3:.2f} s")
            print(f"  read, segmented and linked:           {(t3 - t2) + (t4 - t3):.2f} s   (target < 2 s)")
    days = [dt.date(1950, 6, 25) + dt.timedelta(days=int(i * 1128 / 200)) for i in range(200)]
    times = []
    for d in days:
        t0 = time.perf_counter()
        index.lookup(d)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"  passage lookup over 200 days: median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms"
          "   (target < 5 ms)")


def make_mixed(folder: Path, n: int) -> Path:
    """``n`` documents of every format (copies of a few of each, renamed), in five subfolders."""
    root = folder / f"mixed{n}"
    if root.exists():
        return root
    tpl = folder / "templates"
    tpl.mkdir(exist_ok=True)
    rng = random.Random(7)
    made = []
    for k in range(3):
        lines = [[f"On {k + 3} March 1951 " + _sentence(rng) + "."], [_sentence(rng) + " in April 1951."]]
        made.append(make_pdf(tpl / f"t{k}.pdf", lines, title=f"Report {k}"))
        made.append(make_docx(tpl / f"t{k}.docx", [("h1", f"Diary {k}"), ("p", f"On {k + 5} May 1952 " +
                                                                          _sentence(rng) + ".")]))
        made.append(make_odt(tpl / f"t{k}.odt", [("h1", f"Notes {k}"), ("p", f"{k + 1} June 1953: " +
                                                                        _sentence(rng) + ".")]))
        made.append(make_epub(tpl / f"t{k}.epub", [f"<h1>Book {k}</h1><p>In July 1950 {_sentence(rng)}.</p>"]))
    root.mkdir()
    for i in range(n):
        sub = root / f"part{i % 5}"
        sub.mkdir(exist_ok=True)
        kind = i % 10
        if kind < 4:
            (sub / f"note_{i:05d}.txt").write_text(f"Note {i}.\n\nOn {1 + i % 28} September 1950 unit {i} "
                                                   "moved north.\n", encoding="utf-8")
        elif kind == 4:
            (sub / f"page_{i:05d}.md").write_text(f"# Page {i}\n\n- {1 + i % 28} October 1950: unit {i}.\n",
                                                  encoding="utf-8")
        elif kind == 5:
            (sub / f"page_{i:05d}.html").write_text(f"<h2>Entry {i}</h2><table><tr><td>{1 + i % 28} November 1950"
                                                    f"</td><td>unit {i} fell back</td></tr></table>",
                                                    encoding="utf-8")
        else:
            src = made[(i * 7) % len(made)]
            shutil.copyfile(src, sub / f"doc_{i:05d}{src.suffix}")
    return root


def bench_window(folder: Path, n: int, chronology) -> None:
    from PySide6.QtWidgets import QApplication  # noqa: F401

    from explorer.qt.app import make_application
    from explorer.qt.gcpolicy import hold_gc, settle_gc
    from explorer.qt.main_window import MainWindow
    from tests.sources.test_robust_sources import measure_load

    make_application()
    hold_gc()
    win = MainWindow(chronology, dt.date(1950, 9, 15))
    win.show()
    win.render_now()
    win.sources_dock.show()
    # As the app does (explorer.qt.app.open_main_window): start-up's objects are set aside after the first paint.
    settle_gc()
    book = make_book(folder)
    single = folder / "bookonly"
    single.mkdir(exist_ok=True)
    shutil.copyfile(book, single / "book.pdf")
    m = measure_load(win, single)
    print(f"Window, the 300-page book: read in {m['seconds']:.2f} s; longest UI stall {m['max_gap_ms']:.0f} ms "
          f"(UI-thread CPU {m['max_work_ms']:.0f} ms), p99 {m['p99_ms']:.0f} ms")
    mixed = make_mixed(folder, n)
    m = measure_load(win, mixed)
    lib = win.sources.library
    print(f"Window, {n:,} mixed documents: {len(lib.documents):,} read in {m['seconds']:.1f} s; longest UI stall "
          f"{m['max_gap_ms']:.0f} ms (UI-thread CPU {m['max_work_ms']:.0f} ms), p99 {m['p99_ms']:.0f} ms"
          f" over {m['ticks']} ticks   (target < 100 ms)")
    win.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1,000 mixed documents instead of 5,000")
    ap.add_argument("--keep", type=Path, default=None, help="make and keep the test files in this folder")
    args = ap.parse_args()
    from explorer.war.chronology import Chronology

    chronology = Chronology.load()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kwe-bench-sources-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        bench_book(folder, chronology)
        bench_window(folder, 1000 if args.quick else 5000, chronology)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
