"""Ranking passages for a date, and the ``passages`` command."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

import pytest

from explorer.commands import passages as command
from explorer.sources.anchors import Citation
from explorer.sources.catalogue import Catalogue
from explorer.war.events import Event, load_events
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import EVENT_BASE, passages_for_date

DOC = """Notes on the harbour

The harbour war began in 1950 and lasted three years.

In the summer of 1950 the columns reached the river.

In September 1950 the relief force gathered offshore.

In mid-September 1950 the fleet sailed from the south.

The war of 1950-1953 changed the harbour for ever.

On 15 September 1950 the relief force landed north of the town.

References

Smith, J. (1950). Harbour Days. NY, Press. 99 p.

Jones, K. (1950). More Harbour Days. NY, Press. 120 p.

Brown, L. (1950). The Ferry. London, Dock Press. 80 p.
"""


def _library(tmp_path: Path) -> SourceLibrary:
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    (folder / "harbour.txt").write_text(DOC, encoding="utf-8")
    return SourceLibrary.load(folder, catalogue=Catalogue([]))


def _event(quote: str | None = "columns reached the river") -> Event:
    cits = (Citation("harbour", quote),) if quote else ()
    return Event("river-reached", dt.date(1950, 6, 1), dt.date(1950, 9, 30), "season", "River reached",
                 "Our summary.", "invasion", None, "battle", cits)


def test_ranking_order(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    ranked = passages_for_date(dt.date(1950, 9, 15), lib, [_event()])
    firsts = [r.passage.text[:20] for r in ranked]
    # the event's cited passage first, then day < part-month < month < year
    assert firsts == ["In the summer of 195", "On 15 September 1950", "In mid-September 195",
                      "In September 1950 th", "The harbour war bega", "The war of 1950-1953"]
    assert ranked[0].event_id == "river-reached" and ranked[0].score >= EVENT_BASE
    # the cited passage's own date (summer) does not cover 15 September: no matched mention
    assert ranked[0].matched is None
    assert [r.matched.precision for r in ranked[1:]] == ["day", "part-month", "month", "year", "year"]
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:]))
    # references never appear although they mention 1950
    assert all(r.passage.kind not in ("reference", "metadata") for r in ranked)
    assert passages_for_date(dt.date(1950, 9, 15), lib, [_event()], limit=2)[1].matched.precision == "day"


def test_nearer_interval_first(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    ranked = passages_for_date(dt.date(1950, 9, 25), lib, [])
    # outside the summer and mid-September: the month, then the year, then the longer range
    assert [r.matched.text for r in ranked] == ["September 1950", "1950", "1950-1953"]
    # without the event, the summer passage competes on its own and is a season
    ranked = passages_for_date(dt.date(1950, 7, 1), lib, [])
    assert [r.matched.text for r in ranked] == ["summer of 1950", "1950", "1950-1953"]
    assert passages_for_date(dt.date(1949, 1, 1), lib, []) == []


def test_index_rebuilt_when_library_grows(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    assert passages_for_date(dt.date(1955, 3, 3), lib, []) == []
    extra = tmp_path / "extra.txt"
    extra.write_text("The ceasefire talks stalled on 3 March 1955.\n", encoding="utf-8")
    lib.add([extra])
    assert [r.source for r in passages_for_date(dt.date(1955, 3, 3), lib, [])] == ["extra"]


def test_lookup_speed(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    paras = [f"On {1 + i % 28} {months[i % 12]} {1950 + i % 4} event number {i} happened; "
             f"by {months[(i + 3) % 12]} the matter was settled." for i in range(1000)]
    (folder / "synthetic.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    lib = SourceLibrary.load(folder, catalogue=Catalogue([]))
    assert len(lib.all_passages()) == 1000
    passages_for_date(dt.date(1950, 1, 1), lib, [_event()])  # builds the index
    days = [dt.date(1950, 6, 25) + dt.timedelta(days=7 * k) for k in range(100)]
    t0 = time.perf_counter()
    for d in days:
        passages_for_date(d, lib, [_event()])
    per_lookup = (time.perf_counter() - t0) / len(days)
    assert per_lookup < 0.005, f"{per_lookup * 1000:.2f} ms per lookup"


def _args(**kw) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    argv = []
    for k, v in kw.items():
        if v is True:
            argv.append(f"--{k}")
        else:
            argv += [f"--{k}", str(v)]
    return parser.parse_args(argv)


def _events_file(tmp_path: Path) -> Path:
    f = tmp_path / "events.json"
    f.write_text(json.dumps({"events": [{
        "id": "landing", "start": "1950-09-15", "end": "1950-09-15", "precision": "day",
        "title": "Harbour landing", "summary": "A relief force comes ashore north of the town.",
        "phase": "un-offensive", "place": None, "kind": "operation",
        "citations": [{"source": "harbour", "quote": "relief force landed north"}]}]}), encoding="utf-8")
    return f


def test_command_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _library(tmp_path)
    ev = _events_file(tmp_path)
    assert command.run(_args(date="1950-09-15", sources=tmp_path / "src", events=ev)) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. ") and "Harbour landing" in out and "15 September 1950 (day)" in out
    assert command.run(_args(date="15 September 1950", sources=tmp_path / "src", events=ev, json=True,
                             limit=3)) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3
    first = data[0]
    assert first["event_id"] == "landing" and first["source"] == "harbour"
    assert first["text"] == "On 15 September 1950 the relief force landed north of the town."
    assert first["dates"] == [{"start": "1950-09-15", "end": "1950-09-15", "precision": "day",
                               "text": "15 September 1950"}]
    assert {"title", "score", "reason", "passage"} <= set(first)


def test_command_without_sources_lists_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ev = _events_file(tmp_path)
    assert command.run(_args(date="1950-09-15", events=ev)) == 0
    out = capsys.readouterr().out
    assert "Harbour landing" in out and "relief force landed north" in out
    assert command.run(_args(date="1950-09-15", events=ev, json=True)) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["event_id"] == "landing" and data[0]["citations"][0]["quote"] == "relief force landed north"
    assert command.run(_args(date="1950-09-16", events=ev)) == 0
    assert "No event" in capsys.readouterr().out


def test_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert command.run(_args(date="1950-13-45")) == 2
    assert "not a date" in capsys.readouterr().err
    assert command.run(_args(date="1950-09-15", sources=tmp_path / "missing")) == 2
    assert "no such folder" in capsys.readouterr().err


def test_bundled_events_load() -> None:
    from explorer.war.events import default_events_path

    if not default_events_path().exists():
        pytest.skip("resources/events.json is not there yet")
    events = load_events()
    assert events == sorted(events, key=lambda e: (e.start, e.end, e.id))
    assert len({e.id for e in events}) == len(events)
