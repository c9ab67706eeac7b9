"""Arrows that grow with time: never ahead of what they depict, fading after, sea moves marked."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from explorer.war.movements import FADE_DAYS, MOVEMENTS_FILE, Movement, load_movements
from explorer.war.projection import to_xy
import itertools

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


@pytest.fixture(scope="module")
def moves() -> dict[str, Movement]:
    problems: list = []
    out = {m.id: m for m in load_movements(GEODATA, problems)}
    assert problems == []
    return out


def _km_to(xy: np.ndarray, lon: float, lat: float) -> float:
    x, y = (float(v) for v in to_xy(lon, lat))
    return float(np.hypot(xy[0] - x, xy[1] - y)) / 1000


def test_the_second_phase_arrow_reaches_pyongyang_only_when_it_fell(moves: dict[str, Movement]) -> None:
    arrow = moves["ccf-second-phase-west"]
    day = dt.date(1950, 11, 25)
    while day < dt.date(1950, 12, 5):
        head = arrow.course_on(day)[-1]
        assert _km_to(head, 125.754, 39.020) > 15, day
        day += dt.timedelta(days=1)
    assert _km_to(arrow.course_on(dt.date(1950, 12, 6))[-1], 125.754, 39.020) < 10


def test_the_june_arrow_reaches_seoul_on_the_28th(moves: dict[str, Movement]) -> None:
    arrow = moves["kpa-invasion-seoul"]
    assert _km_to(arrow.course_on(dt.date(1950, 6, 25))[-1], 126.978, 37.566) > 30
    assert _km_to(arrow.course_on(dt.date(1950, 6, 28))[-1], 126.978, 37.566) < 6


def test_every_arrow_grows_steadily_and_is_whole_at_its_end(moves: dict[str, Movement]) -> None:
    for m in moves.values():
        last = 0.0
        day = m.start
        while day <= m.end:
            p = m.progress(day)
            assert 0.0 < p <= 1.0 and p >= last, (m.id, day)
            last = p
            day += dt.timedelta(days=1)
        assert m.progress(m.end) == 1.0
        if m.end > m.start:
            assert m.progress(m.start) < 1.0, m.id
        assert m.course_on(m.end).shape == m.xy.shape


def test_arrows_fade_after_their_end_and_then_go(moves: dict[str, Movement]) -> None:
    m = moves["inchon-landing"]
    assert m.opacity(m.end) == 1.0
    fading = [m.opacity(m.end + dt.timedelta(days=k)) for k in range(1, FADE_DAYS + 1)]
    assert all(a > b for a, b in itertools.pairwise(fading)) and 0 < fading[-1] < 0.2
    assert m.active(m.end + dt.timedelta(days=FADE_DAYS))
    assert not m.active(m.end + dt.timedelta(days=FADE_DAYS + 1))
    assert not m.active(m.start - dt.timedelta(days=1))


def test_hungnam_is_an_evacuation_by_sea_from_11_december(moves: dict[str, Movement]) -> None:
    m = moves["hungnam-evacuation"]
    assert m.kind == "evacuation" and m.by_sea
    assert m.start == dt.date(1950, 12, 11) and m.end == dt.date(1950, 12, 24)
    assert moves["inchon-landing"].kind == "landing"
    assert not moves["drive-to-pyongyang"].by_sea


@pytest.mark.parametrize(("change", "message"), [
    ({"kind": "retreat"}, "kind must be one of"),
    ({"reached": ["1950-06-25"]}, "one date per vertex"),
    ({"reached": ["1950-06-25", "1950-06-27", "1950-06-26", "1950-06-28"]}, "must not go back"),
])
def test_bad_movement_fields_are_reported_by_name(tmp_path: Path, change: dict, message: str) -> None:
    shutil.copy(GEODATA / MOVEMENTS_FILE, tmp_path / MOVEMENTS_FILE)
    data = json.loads((tmp_path / MOVEMENTS_FILE).read_text(encoding="utf-8"))
    data["features"][0]["properties"].update(change)
    (tmp_path / MOVEMENTS_FILE).write_text(json.dumps(data), encoding="utf-8")
    problems: list = []
    got = load_movements(tmp_path, problems)
    assert len(got) == len(data["features"]) - 1
    assert len(problems) == 1 and "kpa-invasion-seoul" in str(problems[0]) and message in str(problems[0])
