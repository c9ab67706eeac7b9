"""Named lines: built deterministically, dated, shown in steps, checked by check-data."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point

from explorer.validate import check_geodata
from explorer.war.namedlines import (
    NAMED_LINES_FILE,
    NamedLine,
    lines_on,
    load_named_lines,
)
from explorer.war.projection import to_xy

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


@pytest.fixture(scope="module")
def lines() -> list[NamedLine]:
    problems: list = []
    out = load_named_lines(GEODATA, problems)
    assert problems == []
    return out


def _by_name(lines: list[NamedLine]) -> dict[str, NamedLine]:
    return {ln.name: ln for ln in lines}


def test_the_script_rebuilds_the_file_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(GEODATA / "named_lines_source.py"), str(tmp_path)],
                   check=True, capture_output=True)
    assert (tmp_path / NAMED_LINES_FILE).read_bytes() == (GEODATA / NAMED_LINES_FILE).read_bytes()


def test_the_lines_the_histories_name_are_all_there(lines: list[NamedLine]) -> None:
    names = set(_by_name(lines))
    assert {"Davidson Line", "Line D", "No Name Line", "Line Kansas", "Line Wyoming", "Line Jamestown",
            "Line of contact, 27 Nov 1951", "Military Demarcation Line", "DMZ north edge",
            "DMZ south edge"} <= names
    for ln in lines:
        assert ln.citations and ln.note and ln.status in ("documented", "inferred")


@pytest.mark.parametrize(("day", "shown"), [
    ("1950-06-24", set()),
    ("1950-08-25", {"Davidson Line"}),
    ("1951-01-10", {"Line D"}),
    ("1951-04-08", set()),
    ("1951-04-09", {"Line Kansas"}),
    ("1951-05-01", {"Line Kansas", "No Name Line"}),
    ("1951-06-12", {"Line Kansas", "Line Wyoming"}),
    ("1951-10-03", {"Line Kansas", "Line Wyoming", "Line Jamestown"}),
    ("1951-12-01", {"Line Kansas", "Line Wyoming", "Line Jamestown", "Line of contact, 27 Nov 1951"}),
    ("1951-12-28", {"Line Kansas", "Line Wyoming", "Line Jamestown"}),
    ("1953-07-26", {"Line Kansas", "Line Wyoming", "Line Jamestown"}),
    ("1953-07-27", {"Line Kansas", "Line Wyoming", "Line Jamestown", "Military Demarcation Line",
                    "DMZ north edge", "DMZ south edge"}),
    ("1956-01-01", {"Military Demarcation Line", "DMZ north edge", "DMZ south edge"}),
])
def test_lines_appear_and_go_in_steps_on_their_days(lines: list[NamedLine], day: str, shown: set) -> None:
    assert {ln.name for ln in lines_on(lines, dt.date.fromisoformat(day))} == shown


def test_a_line_is_the_same_on_every_day_it_is_shown(lines: list[NamedLine]) -> None:
    kansas = _by_name(lines)["Line Kansas"]
    again = _by_name(load_named_lines(GEODATA))["Line Kansas"]
    assert all((a == b).all() for a, b in zip(kansas.parts, again.parts))
    assert kansas.shown_on(dt.date(1951, 4, 25)) and kansas.shown_on(dt.date(1952, 6, 1))


def test_the_dmz_edges_lie_two_km_either_side_of_the_mdl(lines: list[NamedLine]) -> None:
    by = _by_name(lines)
    mdl = LineString(by["Military Demarcation Line"].parts[0])
    north = LineString(by["DMZ north edge"].parts[0])
    south = LineString(by["DMZ south edge"].parts[0])
    for edge in (north, south):
        for x, y in list(edge.coords)[3:-3]:
            assert 1700 < mdl.distance(Point(x, y)) < 2300
    px, py = (float(v) for v in to_xy(126.9, 38.2))  # north of the MDL
    assert north.distance(Point(px, py)) < south.distance(Point(px, py))


def test_kansas_runs_north_of_seoul_and_the_no_name_line_south_of_it(lines: list[NamedLine]) -> None:
    by = _by_name(lines)
    sx, sy = (float(v) for v in to_xy(126.978, 37.566))
    for name, lo, hi in [("Line Kansas", 25_000, 80_000), ("No Name Line", 8_000, 30_000)]:
        d = LineString(by[name].parts[0]).distance(Point(sx, sy))
        assert lo < d < hi, (name, d)


def _copy_geodata(tmp_path: Path) -> Path:
    for f in GEODATA.glob("*.geojson"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def test_a_broken_named_line_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    folder = _copy_geodata(tmp_path)
    data = json.loads((folder / NAMED_LINES_FILE).read_text(encoding="utf-8"))
    data["features"][3]["properties"]["start"] = "9 April 1951"
    data["features"][4]["properties"]["citations"] = []
    (folder / NAMED_LINES_FILE).write_text(json.dumps(data), encoding="utf-8")
    problems: list = []
    got = load_named_lines(folder, problems)
    assert len(got) == len(data["features"]) - 2
    text = "\n".join(str(p) for p in problems)
    assert "named_lines.geojson: feature line-kansas: unusable named line" in text and "9 April 1951" in text
    assert "feature line-wyoming" in text and "citations" in text
    assert any("line-kansas" in str(p) for p in check_geodata(folder))


def test_check_data_flags_lines_outside_the_war_and_a_missing_file(tmp_path: Path) -> None:
    folder = _copy_geodata(tmp_path)
    data = json.loads((folder / NAMED_LINES_FILE).read_text(encoding="utf-8"))
    data["features"][0]["properties"]["start"] = "1949-08-15"
    (folder / NAMED_LINES_FILE).write_text(json.dumps(data), encoding="utf-8")
    text = "\n".join(str(p) for p in check_geodata(folder))
    assert "named_lines.geojson: feature davidson-line: starts on 1949-08-15, outside the war" in text
    (folder / NAMED_LINES_FILE).unlink()
    text = "\n".join(str(p) for p in check_geodata(folder))
    assert "named_lines.geojson: file not found" in text
