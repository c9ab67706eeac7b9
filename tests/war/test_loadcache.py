"""The disk cache of the loaded chronology: used when valid, never trusted when not."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from explorer.war.chronology import Chronology
from explorer.core.paths import geodata_dir, resources_dir

DAYS = [dt.date(1950, 6, 25), dt.date(1950, 9, 1), dt.date(1950, 11, 24), dt.date(1951, 1, 15)]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KWE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def data(tmp_path):
    """A private copy of the bundled geodata and resources, free to edit."""
    g = tmp_path / "geodata"
    shutil.copytree(geodata_dir(), g, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    r = tmp_path / "resources"
    r.mkdir()
    for name in ("phases.json", "events.json"):
        shutil.copy(resources_dir() / name, r / name)
    return g, r


def _shares(chron):
    return [round(chron.state_at(d).un_area_share, 6) for d in DAYS]


def test_second_load_comes_from_the_cache_and_shows_the_same_war(cache, data, monkeypatch):
    g, r = data
    first = Chronology.load(g, r)
    assert len(list(cache.glob("chronology-*.pickle"))) == 1

    def no_reading(*_a, **_k):
        raise AssertionError("the data were read again despite a valid cache")

    monkeypatch.setattr(Chronology, "_read", classmethod(no_reading))
    second = Chronology.load(g, r)
    assert second.dates == first.dates
    assert [e.id for e in second.events] == [e.id for e in first.events]
    assert _shares(second) == _shares(first)
    # Prepared again after unpickling: point lookups work.
    assert second.controller_at("1950-09-01", 129.06, 35.21) == "UN"


def test_an_edited_file_is_read_again(cache, data):
    g, r = data
    before = Chronology.load(g, r)
    fronts = g / "fronts.geojson"
    doc = json.loads(fronts.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:-1]
    fronts.write_text(json.dumps(doc), encoding="utf-8")
    after = Chronology.load(g, r)
    assert len(after.records) == len(before.records) - 1


def test_a_corrupt_cache_entry_is_replaced(cache, data):
    g, r = data
    good = Chronology.load(g, r)
    (entry,) = cache.glob("chronology-*.pickle")
    entry.write_bytes(b"not a pickle at all")
    again = Chronology.load(g, r)
    assert again.dates == good.dates
    (entry,) = cache.glob("chronology-*.pickle")
    assert entry.read_bytes() != b"not a pickle at all"


def test_no_cache_when_turned_off_or_unwritable(tmp_path, data, monkeypatch):
    g, r = data
    monkeypatch.setenv("KWE_CACHE_DIR", "")
    assert Chronology.load(g, r).dates
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("KWE_CACHE_DIR", str(blocker / "cache"))
    assert Chronology.load(g, r).dates
    assert blocker.read_text() == "in the way"


def test_an_entry_with_a_tail_gives_back_its_object_and_where_the_raw_tail_starts(cache):
    """Arrays written after the pickle come back byte for byte from the offset the reader is given;
    an entry cut inside its pickle is not trusted (and removed)."""
    import numpy as np

    from explorer.war import loadcache

    parts = [np.arange(7, dtype=np.float16), np.linspace(-3, 3, 11).astype(np.float16)]
    path, start = loadcache.write("sample", "k1", {"a": [1, 2]}, parts)
    obj, got_path, got_start = loadcache.read_with_tail("sample", "k1")
    assert obj == {"a": [1, 2]} and got_path == path and got_start == start
    with open(path, "rb") as fh:
        fh.seek(start)
        raw = np.frombuffer(fh.read(), dtype=np.float16)
    np.testing.assert_array_equal(raw, np.concatenate(parts))
    assert loadcache.read("sample", "k1") == {"a": [1, 2]}
    # A plain entry's tail is empty: it starts at the end of the file.
    plain, plain_start = loadcache.write("plain", "k1", [3])
    assert loadcache.read_with_tail("plain", "k1")[2] == plain_start == plain.stat().st_size
    # Cut inside the pickle: nothing comes back, and the file is gone.
    path.write_bytes(path.read_bytes()[:20])
    assert loadcache.read_with_tail("sample", "k1") is None
    assert not path.exists()
