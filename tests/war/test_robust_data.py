"""Robustness of the bundled data: check-data on a broken copy, and the app dropping only broken items.

Each test copies the bundled geodata and resources to a temporary folder,
breaks them the way a hand edit might, and checks that every fault is named
(file, item, what is wrong) and that the loaders keep the rest.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.sources.catalogue import recognition_data
from explorer.war.chronology import Chronology
from explorer.war.events import EventsError, EventsWarning, load_events
from explorer.validate import check_phases, check_resources, check_sources
from explorer.core.paths import geodata_dir, resources_dir

DOC = (
    "Notes on the crossing of the river, written by the class.\n\n"
    "The regiment crossed the river at dawn on 16 September 1950 and held the far bank by noon.\n\n"
    "Supplies came up the valley road during the following week, in heavy rain and under fire.\n\n"
    "By the end of the month the line had moved north of the old parallel near the coast.\n"
)


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    geo = tmp_path / "geodata"
    res = tmp_path / "resources"
    shutil.copytree(geodata_dir(), geo)
    shutil.copytree(resources_dir(), res, ignore=shutil.ignore_patterns("icons", "packaging"))
    return geo, res


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _break_events(res: Path) -> dict:
    data = _load(res / "events.json")
    evs = data["events"]
    evs[1].pop("start")                                  # missing date
    evs[1].pop("end", None)
    evs[2]["start"] = "1950-02-30"                       # unparseable date
    evs[3]["phase"] = "the-long-lunch"                   # unknown phase
    evs[4]["id"] = evs[5]["id"]                          # duplicated id (the later one is dropped)
    evs[6]["citations"] = [{"source": "no-such-source", "quote": "a few words"}]   # unknown source
    evs[7]["kind"] = 42                                  # bad kind
    evs.append("not an event")                           # not an object
    _save(res / "events.json", data)
    return data


def run_check(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["check-data", *args])
    out = capsys.readouterr()
    return code, [line for line in out.out.splitlines() if line and not line.startswith("check-data:")], out.err


def test_check_data_names_each_broken_event_phase_and_source(tmp_path, capsys):
    geo, res = _copy(tmp_path)
    data = _break_events(res)
    phases = _load(res / "phases.json")
    phases["phases"][1]["colour"] = "red"
    phases["phases"][2]["end"] = "1950-01-01"                          # ends before it starts
    phases["phases"].append(dict(phases["phases"][3]))                # duplicated id
    _save(res / "phases.json", phases)
    sources = _load(res / "sources.json")
    sources["sources"][1]["recognise"]["fingerprints"] = ["xyz"]
    sources["sources"].append({"id": sources["sources"][0]["id"], "title": "again"})
    _save(res / "sources.json", sources)
    code, lines, err = run_check(capsys, "--geodata", str(geo), "--resources", str(res))
    assert code == 1
    text = "\n".join(lines)
    evs = data["events"]
    expect = [
        ("events.json", repr(evs[1]["id"]), "'start'"),
        ("events.json", repr(evs[2]["id"]), "not a date"),
        ("events.json", repr(evs[3]["id"]), "unknown phase 'the-long-lunch'"),
        ("events.json", repr(evs[5]["id"]), "duplicate id"),
        ("events.json", repr(evs[6]["id"]), "'no-such-source', which is not in sources.json"),
        ("events.json", repr(evs[7]["id"]), "'kind'"),
        ("events.json", f"event #{len(evs) - 1}", "must be an object"),
        ("phases.json", repr(phases["phases"][1]["id"]), "'colour'"),
        ("phases.json", repr(phases["phases"][2]["id"]), "before it starts"),
        ("phases.json", repr(phases["phases"][3]["id"]), "duplicate id"),
        ("sources.json", repr(sources["sources"][1]["id"]), "16-hex"),
        ("sources.json", repr(sources["sources"][0]["id"]), "duplicate id"),
    ]
    for file, item, what in expect:
        assert any(line.startswith(file) and item in line and what in line for line in lines), (file, item, what, text)
    assert "not resolved" in err and "--sources" in err


def test_check_data_reports_malformed_json_for_each_resource(tmp_path, capsys):
    geo, res = _copy(tmp_path)
    for name in ("events.json", "phases.json", "sources.json"):
        (res / name).write_text('{"oops": [1, 2,,]}', encoding="utf-8")
    code, lines, _ = run_check(capsys, "--geodata", str(geo), "--resources", str(res))
    assert code == 1
    for name in ("events.json", "phases.json", "sources.json"):
        assert any(line.startswith(name) and ("not valid JSON" in line or "cannot read" in line) for line in lines), \
            (name, lines)


def test_check_data_reports_broken_geojson_features(tmp_path, capsys):
    geo, res = _copy(tmp_path)
    rivers = _load(geo / "rivers.geojson")
    rivers["features"][0]["geometry"]["coordinates"] = [[127.0, 37.0]]          # one point: not a line
    rivers["features"][1]["geometry"] = {"type": "Point", "coordinates": [127, 37]}
    _save(geo / "rivers.geojson", rivers)
    land = _load(geo / "land.geojson")
    land["features"].append({"type": "Feature", "id": "bowtie", "properties": {"country": "KOR"},
                             "geometry": {"type": "Polygon", "coordinates": [[[126, 36], [127, 37], [127, 36],
                                                                              [126, 37], [126, 36]]]}})
    _save(geo / "land.geojson", land)
    fronts = _load(geo / "fronts.geojson")
    fronts["features"][4]["properties"]["date"] = None
    _save(geo / "fronts.geojson", fronts)
    (geo / "places.geojson").write_text("{ not json", encoding="utf-8")
    code, lines, _ = run_check(capsys, "--geodata", str(geo), "--resources", str(res))
    assert code == 1
    text = "\n".join(lines)
    assert "rivers.geojson: feature" in text and "bad geometry" in text
    assert "expected LineString or MultiLineString" in text
    assert "land.geojson: feature bowtie: invalid geometry" in text
    assert f"fronts.geojson: feature {fronts['features'][4].get('id', 4)}: missing or unparseable date" in text
    assert "places.geojson: not valid JSON" in text


def _sources_with_doc(tmp_path: Path, res: Path) -> Path:
    """Add a catalogue entry recognising DOC, and a folder holding DOC."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "class_notes.txt").write_text(DOC, encoding="utf-8")
    sources = _load(res / "sources.json")
    sources["sources"].append({"id": "class-notes", "title": "Class notes", "recognise": recognition_data(DOC)})
    _save(res / "sources.json", sources)
    return folder


def test_check_data_resolves_citations_only_with_sources(tmp_path, capsys):
    geo, res = _copy(tmp_path)
    folder = _sources_with_doc(tmp_path, res)
    data = _load(res / "events.json")
    good, bad = data["events"][10], data["events"][11]
    good["citations"] = [{"source": "class-notes", "quote": "crossed the river at dawn"}]
    bad["citations"] = [{"source": "class-notes", "quote": "the bridge was blown in July"}]
    _save(res / "events.json", data)
    code, lines, err = run_check(capsys, "--geodata", str(geo), "--resources", str(res))
    assert not any("class-notes" in line for line in lines)
    assert "not resolved" in err
    code, lines, err = run_check(capsys, "--geodata", str(geo), "--resources", str(res), "--sources", str(folder))
    assert code == 1
    orphans = [line for line in lines if "does not resolve" in line]
    assert len(orphans) == 1 and orphans[0].startswith("events.json") and repr(bad["id"]) in orphans[0], lines
    # The catalogued sources absent from the folder are named, once each.
    assert any("no document is recognised as" in line for line in lines)
    assert "not resolved" not in err


@pytest.mark.skipif(not (Path(__file__).resolve().parents[3] / "shared" / "seeds").is_dir(),
                    reason="the source texts are not at ../shared/seeds")
def test_check_data_with_the_real_sources_is_clean(capsys):
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    code, lines, err = run_check(capsys, "--sources", str(seeds))
    assert code == 0, lines
    assert "not resolved" not in err


def test_check_data_rejects_a_missing_folder(tmp_path, capsys):
    assert main(["check-data", "--sources", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_check_functions_on_the_bundled_resources_find_nothing():
    assert check_phases(resources_dir() / "phases.json")[0] == []
    assert check_sources(resources_dir() / "sources.json")[0] == []
    assert check_resources() == []


# --------------------------------------------------------------------------- the loaders keep the rest


def test_load_events_drops_only_the_broken_events(tmp_path):
    _geo, res = _copy(tmp_path)
    data = _break_events(res)
    problems: list[str] = []
    phases = {p["id"] for p in _load(res / "phases.json")["phases"]}
    events = load_events(res / "events.json", problems, phases=phases)
    # 1, 2, 3, 5 (duplicate), 7 and the string are dropped; 6 cites an unknown source but is valid.
    assert len(events) == len(data["events"]) - 6
    assert len(problems) == 6
    assert all(str(res / "events.json") in p for p in problems)
    ids = {e.id for e in events}
    assert data["events"][4]["id"] in ids and data["events"][6]["id"] in ids
    with pytest.raises(EventsError):
        load_events(res / "events.json", strict=True)
    # Without a problems list each dropped event is a warning, never silence.
    with pytest.warns(EventsWarning):
        assert len(load_events(res / "events.json")) == len(data["events"]) - 5  # the phase is not checked


def test_app_start_keeps_the_good_events_and_fronts(tmp_path):
    geo, res = _copy(tmp_path)
    data = _break_events(res)
    fronts = _load(geo / "fronts.geojson")
    fronts["features"][6]["properties"]["status"] = "rumoured"
    _save(geo / "fronts.geojson", fronts)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        chron = Chronology.load(geo, res)
    assert len(chron.events) >= len(data["events"]) - 6
    assert len(chron.dates) == len(fronts["features"]) - 1
    assert any("fronts.geojson" in str(p) and "rumoured" in str(p) for p in chron.problems)
    assert chron.controller_at("1950-09-01", 129.04, 35.10) == "UN"


def test_dropped_events_reach_the_start_up_problems(tmp_path):
    geo, res = _copy(tmp_path)
    data = _break_events(res)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chron = Chronology.load(geo, res)
    assert any(repr(data["events"][2]["id"]) in str(p) for p in chron.problems)


def test_check_data_reports_place_aliases_of_unknown_places_and_bad_rows(tmp_path, capsys):
    geo, res = _copy(tmp_path)
    aliases = geo / "place_aliases.csv"
    aliases.write_text("alias,name,system\nFusan,Pusan,japanese\nAtlantis City,Atlantis,other\n", encoding="utf-8")
    code, lines, _ = run_check(capsys, "--geodata", str(geo), "--resources", str(res))
    assert code == 1
    assert any("place_aliases.csv: feature Atlantis City: names 'Atlantis'" in line for line in lines)
    assert not any("Fusan" in line for line in lines)
    aliases.write_text("alias,name,system\n,Pusan,mr\n", encoding="utf-8")
    code, lines, _ = run_check(capsys, "--geodata", str(geo), "--resources", str(res))
    assert code == 1 and any("place_aliases.csv: line 2" in line for line in lines)
