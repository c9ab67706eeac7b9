"""Checks on the curated chronology in resources/events.json.

These tests read the JSON directly (no project modules), so they guard the data
itself: identifiers, ordering, dates, phases, summaries, places and the short
quotes that anchor each citation in the seed documents.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVENTS_PATH = REPO / "resources" / "events.json"
PHASES_PATH = REPO / "resources" / "phases.json"
SEEDS_DIR = REPO.parent / "shared" / "seeds"

#: Catalogue id -> file-name prefix of the seed document (see the sources contract).
SEED_PREFIX = {
    "weathersby-1999": "000_",
    "yungblud-sadakov-2019": "001_",
    "history-overview": "002_",
    "radchenko-1956": "003_",
}

WAR_START = dt.date(1950, 6, 25)
WAR_END = dt.date(1953, 7, 27)
SCOPE_START = dt.date(1945, 8, 15)
SCOPE_END = dt.date(1956, 12, 31)

PRECISIONS = {"day", "range", "month", "part-month", "season", "year"}
KINDS = {"battle", "political", "diplomatic", "operation", "front", "historiography"}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A sentence ends at . ! or ? followed by white space and a capital, digit or quote.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")

LON_RANGE = (122.5, 132.5)
LAT_RANGE = (32.5, 44.0)

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00ad": None,
})


def normalise(text: str) -> str:
    """Return ``text`` lower-cased with ASCII quotes/dashes and collapsed spaces.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised form used to compare quotes with the seed documents.
    """
    text = unicodedata.normalize("NFKC", text).lower().translate(_TRANSLATE)
    return re.sub(r"\s+", " ", text).strip()


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def events() -> list[dict]:
    data = json.loads(EVENTS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data.get("description"), str) and data["description"].strip()
    assert isinstance(data["events"], list)
    return data["events"]


@pytest.fixture(scope="module")
def phases() -> dict[str, tuple[dt.date, dt.date]]:
    data = json.loads(PHASES_PATH.read_text(encoding="utf-8"))
    return {p["id"]: (_date(p["start"]), _date(p["end"])) for p in data["phases"]}


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS_DIR}")
    texts: dict[str, str] = {}
    for source, prefix in SEED_PREFIX.items():
        matches = sorted(SEEDS_DIR.glob(prefix + "*.txt"))
        if not matches:
            pytest.skip(f"seed document {prefix}*.txt for {source} not found")
        texts[source] = normalise(matches[0].read_text(encoding="utf-8"))
    return texts


def test_required_fields_and_types(events: list[dict]) -> None:
    required = {"id", "start", "end", "precision", "title", "summary", "phase",
                "place", "kind", "citations"}
    for event in events:
        missing = required - event.keys()
        assert not missing, f"{event.get('id')}: missing {sorted(missing)}"
        assert event["precision"] in PRECISIONS, event["id"]
        assert event["kind"] in KINDS, event["id"]
        assert isinstance(event["citations"], list), event["id"]
        assert 0 < len(event["title"]) <= 60, f"{event['id']}: title too long"


def test_ids_unique_and_kebab_case(events: list[dict]) -> None:
    ids = [e["id"] for e in events]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    bad = [i for i in ids if not KEBAB.match(i)]
    assert not bad, f"ids not in kebab case: {bad}"


def test_sorted_by_start_and_start_not_after_end(events: list[dict]) -> None:
    starts = [_date(e["start"]) for e in events]
    assert starts == sorted(starts), "events are not sorted by start date"
    for event in events:
        start, end = _date(event["start"]), _date(event["end"])
        assert start <= end, f"{event['id']}: start {start} after end {end}"
        if event["precision"] == "day":
            assert start == end, f"{event['id']}: a day event must end on its start"


def test_phase_exists_and_contains_start(
        events: list[dict], phases: dict[str, tuple[dt.date, dt.date]]) -> None:
    last_phase_end = max(end for _, end in phases.values())
    for event in events:
        start = _date(event["start"])
        if event["phase"] is None:
            # Only the later historiographical milestones lie outside every phase.
            assert start > last_phase_end, f"{event['id']}: phase missing"
            assert event["kind"] == "historiography", event["id"]
            continue
        assert event["phase"] in phases, f"{event['id']}: unknown phase {event['phase']}"
        first, last = phases[event["phase"]]
        assert first <= start <= last, (
            f"{event['id']}: start {start} outside phase {event['phase']} ({first}..{last})")


def test_enough_events_in_scope_and_in_the_war(events: list[dict]) -> None:
    in_scope = [e for e in events if SCOPE_START <= _date(e["start"]) <= SCOPE_END]
    in_war = [e for e in events if WAR_START <= _date(e["start"]) <= WAR_END]
    assert len(in_scope) >= 70, len(in_scope)
    assert len(in_war) >= 40, len(in_war)


def test_key_turning_points_present(events: list[dict]) -> None:
    by_day = {(e["start"], e["end"]) for e in events}
    for day in ("1950-06-25", "1950-09-15", "1950-10-19", "1951-04-11",
                "1951-07-10", "1953-03-05", "1953-07-27"):
        assert (day, day) in by_day, f"no single-day event on {day}"


def test_summaries_have_two_to_four_sentences(events: list[dict]) -> None:
    for event in events:
        summary = event["summary"].strip()
        assert summary.endswith((".", "!", "?")), f"{event['id']}: unfinished summary"
        sentences = SENTENCE_BREAK.split(summary)
        assert 2 <= len(sentences) <= 4, f"{event['id']}: {len(sentences)} sentences"


def test_quotes_shorter_than_ten_words(events: list[dict]) -> None:
    for event in events:
        for citation in event["citations"]:
            assert citation["source"] in SEED_PREFIX, f"{event['id']}: {citation['source']}"
            words = citation["quote"].split()
            assert 0 < len(words) < 10, f"{event['id']}: quote of {len(words)} words"


def test_places_inside_the_map_region(events: list[dict]) -> None:
    for event in events:
        place = event["place"]
        if place is None:
            continue
        assert place["name"].strip(), event["id"]
        assert LON_RANGE[0] <= place["lon"] <= LON_RANGE[1], f"{event['id']}: lon {place['lon']}"
        assert LAT_RANGE[0] <= place["lat"] <= LAT_RANGE[1], f"{event['id']}: lat {place['lat']}"


def test_quotes_occur_in_their_seed(events: list[dict], seeds: dict[str, str]) -> None:
    missing = []
    for event in events:
        for citation in event["citations"]:
            if normalise(citation["quote"]) not in seeds[citation["source"]]:
                missing.append((event["id"], citation["source"], citation["quote"]))
    assert not missing, f"quotes not found in their seed: {missing}"


def test_normalise_folds_typography() -> None:
    assert normalise("  \u201cA\u201d \u2013 B\u2019s\n\tC ") == '"a" - b\'s c'
