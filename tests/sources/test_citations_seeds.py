"""The real source documents: recognition, reference lists, and every citation anchored.

The seed texts are copyrighted and live outside the project, in ../shared/seeds;
these tests skip when that folder is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest

from explorer.sources.anchors import Citation, citations_in, resolve
from explorer.sources.catalogue import Catalogue
from explorer.sources.documents import html_to_text
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import passages_for_date

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
IDS = {"000": "weathersby-1999", "001": "yungblud-sadakov-2019", "002": "history-overview",
       "003": "radchenko-1956"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found at {SEEDS}")


@pytest.fixture(scope="module")
def library() -> SourceLibrary:
    t0 = time.perf_counter()
    lib = SourceLibrary.load(SEEDS)
    print(f"\nloaded the seeds in {(time.perf_counter() - t0) * 1000:.0f} ms")
    return lib


def test_seeds_recognised(library: SourceLibrary) -> None:
    assert sorted(library.documents) == sorted(IDS.values())
    assert library.problems == []
    for doc in library.documents.values():
        assert IDS[doc.path.name[:3]] == doc.id
        assert doc.title == Catalogue.bundled().get(doc.id).full_title


def test_recognised_when_renamed_and_edited(tmp_path: Path) -> None:
    folder = tmp_path / "renamed"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i, seed in enumerate(seeds):
        shutil.copy(seed, folder / f"document {i * 7}.txt")
    # an edited copy, and an HTML copy, of the first seed in another folder
    other = tmp_path / "other"
    other.mkdir()
    text = seeds[0].read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    edited = "\n\n".join(p.replace(" the ", " the  ").replace(",", ";", 1) for p in paragraphs[:-3])
    (other / "edited.txt").write_text("My own heading\n\n" + edited, encoding="utf-8")
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    (other / "page.html").write_text(html, encoding="utf-8")
    lib = SourceLibrary.load(folder)
    assert sorted(lib.documents) == sorted(IDS.values())
    cat = Catalogue.bundled()
    assert cat.recognise((other / "edited.txt").read_text(encoding="utf-8")).id == IDS["000"]
    assert cat.recognise(html_to_text(html)).id == IDS["000"]
    assert cat.recognise("A text of our own about the harbour war of 1950.\n\nAnother paragraph.") is None


def test_reference_list_of_001(library: SourceLibrary) -> None:
    ps = library.passages(IDS["001"])
    refs = [p for p in ps if p.kind == "reference"]
    assert len(refs) >= 40
    assert all(p.dates == [] for p in refs)
    # the last passages of the document are references, the abstract is not
    assert ps[-1].kind == "reference"
    abstract = max(ps, key=lambda p: len(p.text))
    assert abstract.kind == "paragraph" and abstract.dates
    # no date on the timeline comes from the reference list
    for p in ps:
        if p.kind == "reference":
            assert not p.dates


def test_metadata_of_000_sets_no_year(library: SourceLibrary) -> None:
    ps = library.passages(IDS["000"])
    meta = [p for p in ps if p.kind == "metadata"]
    assert meta and all(p.dates == [] for p in meta)
    years = {m.start.year for p in ps for m in p.dates}
    assert 1950 in years


def test_chronology_of_002_is_entries(library: SourceLibrary) -> None:
    entries = [p for p in library.passages(IDS["002"]) if p.kind == "entry"]
    assert len(entries) == 7
    assert entries[0].dates[0].start == dt.date(1950, 6, 1)
    assert entries[-1].dates[0].start == dt.date(1953, 7, 1)


def _data_files() -> list[Path]:
    return [f for f in (REPO / "resources" / "events.json", REPO / "geodata" / "fronts.geojson") if f.exists()]


def test_every_citation_resolves(library: SourceLibrary) -> None:
    files = _data_files()
    if not files:
        pytest.skip("no events.json or fronts.geojson yet")
    by_source = library.passages_by_source()
    orphans, count = [], 0
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        for label, c in citations_in(data):
            count += 1
            cit = Citation.from_dict(c)
            res = resolve(cit, by_source)
            if res.orphaned:
                orphans.append(f"{f.name}: {label}: {res.note}")
            elif cit.fingerprint is not None:
                assert res.status == "exact", f"{f.name}: {label}: {res.status} ({res.note})"
    assert count > 0
    assert orphans == []


def test_lookup_speed_on_seeds(library: SourceLibrary) -> None:
    from explorer.war.events import default_events_path, load_events

    events = load_events() if default_events_path().exists() else []
    passages_for_date(dt.date(1950, 6, 25), library, events)
    days = [dt.date(1950, 6, 25) + dt.timedelta(days=11 * k) for k in range(100)]
    t0 = time.perf_counter()
    found = [passages_for_date(d, library, events) for d in days]
    per_lookup = (time.perf_counter() - t0) / len(days)
    print(f"\n{per_lookup * 1000:.3f} ms per lookup over the seeds and {len(events)} events")
    assert per_lookup < 0.005
    # The fast lookups found something: most of these days (every 11th of the war) have passages,
    # each ranked best first and dated on or around its day.
    assert sum(1 for ranked in found if ranked) >= len(days) // 2
    for d, ranked in zip(days, found):
        assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
        dated = [r.matched for r in ranked if r.matched is not None]
        assert all(m.start <= d <= m.end for m in dated), d
