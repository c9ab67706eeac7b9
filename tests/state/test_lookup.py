"""One reader for typed dates: ISO, written, an event's id or name (Ctrl+G, From/To, every --date)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.state.lookup import DateLookupError, find_events, resolve, search_events
from explorer.war.events import load_events


@pytest.fixture(scope="module")
def events():
    return load_events()


@pytest.mark.parametrize("text, day, event_id", [
    ("Inchon", dt.date(1950, 9, 15), "inchon-landing"),
    ("Inchon landing", dt.date(1950, 9, 15), "inchon-landing"),
    ("inchon-landing", dt.date(1950, 9, 15), "inchon-landing"),
    ("Chosin", dt.date(1950, 11, 27), "chosin-reservoir"),
    ("armistice", dt.date(1953, 7, 27), "armistice-signed"),
    ("Battle of the Imjin", dt.date(1951, 4, 22), "battle-of-the-imjin"),
    ("1 July 1950", dt.date(1950, 7, 1), None),
    ("31 December 1950", dt.date(1950, 12, 31), None),
    ("15 Sept 1950", dt.date(1950, 9, 15), None),
    ("1950-09-15", dt.date(1950, 9, 15), None),
    ("October 1950", dt.date(1950, 10, 1), None),
])
def test_typed_text_is_read_as_a_day_or_an_event(events, text, day, event_id):
    found = resolve(text, events)
    assert found.date == day
    assert (found.event.id if found.event else None) == event_id


def test_what_was_understood_is_said(events):
    assert "MacArthur's landing at Inchon" in resolve("Inchon", events).describe()
    assert "first day of October 1950" in resolve("October 1950", events).describe()
    assert "read only" in resolve("Christmas 1950", events).describe()


def test_nonsense_and_impossible_days_are_refused(events):
    with pytest.raises(DateLookupError, match="neither a date"):
        resolve("xyzzy", events)
    with pytest.raises(DateLookupError, match="YYYY-MM-DD"):
        resolve("1950-13-01", events)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(1999, 12, 31)),
       st.sampled_from(["%d %B %Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y"]))
def test_any_written_day_keeps_its_day(d, fmt):
    assert resolve(d.strftime(fmt)).date == d


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_message(text):
    try:
        resolve(text, [])
    except DateLookupError as exc:
        assert str(exc)


def test_search_and_kinds(events):
    assert [e.id for e in search_events(events, "Chosin")] == ["chosin-reservoir"]
    battles = search_events(events, kinds=["battle"])
    assert battles and all(e.kind == "battle" for e in battles)
    assert battles == sorted(battles, key=lambda e: e.start)
    assert find_events("Inch", events)[0].id == "inchon-landing"


def test_events_command(capsys):
    assert main(["events", "--search", "chosin", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"id": "chosin-reservoir", "title": rows[0]["title"], "start": "1950-11-27",
                     "end": rows[0]["end"], "kind": "battle", "place": rows[0]["place"]}]
    assert main(["events", "--kind", "diplomatic", "--search", "armistice"]) == 0
    out = capsys.readouterr().out
    assert "armistice-signed" in out and "battle" not in out.split()


@pytest.mark.parametrize("argv", [
    ["control-at", "--lon", "126.63", "--lat", "37.47", "--date"],
    ["passages", "--date"],
])
def test_every_date_option_takes_an_event_or_a_written_day(capsys, argv):
    assert main([*argv, "Inchon landing"]) == 0
    assert "inchon-landing" in capsys.readouterr().err
    assert main([*argv, "15 Sept 1950"]) == 0
    assert "15 September 1950" in capsys.readouterr().err


def test_top_level_date_is_read_by_the_resolver():
    from explorer.cli import build_parser

    assert build_parser().parse_args(["--date", "Chosin"]).date == dt.date(1950, 11, 27)
    assert build_parser().parse_args(["--date", "15 Sept 1950"]).date == dt.date(1950, 9, 15)


def test_export_date_by_event_name(tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["export", "--date", "Inchon landing", "--out", str(out), "--size", "320x200"]) == 0
    captured = capsys.readouterr()
    assert out.exists() and "15 September 1950" in captured.err


def test_export_animation_takes_view_and_event_names(tmp_path, capsys):
    out = tmp_path / "a.gif"
    assert main(["export-animation", "--from", "Inchon", "--to", "1 October 1950", "--step", "8d",
                 "--view", "126,37,127.6,38.2", "--size", "160x120", "--out", str(out), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert out.exists() and "inchon-landing" in captured.err
    assert main(["export-animation", "--from", "Inchon", "--to", "1 October 1950", "--view", "nowhere",
                 "--out", str(tmp_path / "b.gif")]) == 2
