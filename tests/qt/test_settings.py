"""The one settings owner: the whole view state is saved and comes back, and bad values fall back."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QSettings

from explorer.qt.settings import AppSettings
from explorer.state.viewstate import ExportOptions, ViewState

START, END = dt.date(1945, 8, 15), dt.date(1956, 12, 31)


def _store(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_whole_state_comes_back_after_a_restart(tmp_path):
    state = ViewState(dt.date(1951, 4, 22), START, END)
    state.layers = {"front", "towns"}
    state.romanization = "modern"
    state.speed = 90
    state.loop = True
    state.view = (900_000.0, 1_100_000.0, 1_800_000.0, 1_950_000.0)
    state.timeline_span = (dt.date(1950, 6, 1), dt.date(1951, 7, 31))
    state.export = dataclasses.replace(ExportOptions(), folder=str(tmp_path), snapshot_preset="a4",
                                       snapshot_caption=True, animation_fps=2.5,
                                       animation_from=dt.date(1950, 9, 1), animation_to=dt.date(1951, 3, 1))
    settings = AppSettings(_store(tmp_path))
    settings.save_state(state)
    settings.sync()
    del settings

    again = ViewState(dt.date(1950, 6, 25), START, END)
    restored = AppSettings(_store(tmp_path))
    restored.restore_state(again)
    assert again.date == dt.date(1951, 4, 22)
    assert again.layers == frozenset({"front", "towns"})
    assert (again.romanization, again.speed, again.loop) == ("modern", 90.0, True)
    assert again.view == state.view
    assert again.timeline_span == (dt.date(1950, 6, 1), dt.date(1951, 7, 31))
    assert again.export == state.export
    assert restored.notices == []


def test_changes_are_remembered_as_they_happen(tmp_path):
    state = ViewState(dt.date(1950, 6, 25), START, END)
    settings = AppSettings(_store(tmp_path))
    settings.attach(state)
    state.set_layer("rivers", False)
    state.loop = True
    state.export = dataclasses.replace(state.export, animation_step="1d")
    fresh = AppSettings(_store(tmp_path))
    assert "rivers" not in fresh.layers()
    assert fresh.loop() is True
    assert fresh.export_options().animation_step == "1d"


def test_unreadable_values_fall_back_with_a_notice(tmp_path):
    q = _store(tmp_path)
    q.setValue("view/extent", "west,of,nowhere,x")
    q.setValue("export/snapshot/width", "wide")
    q.setValue("export/animation/from", "the spring")
    q.sync()
    settings = AppSettings(_store(tmp_path))
    state = ViewState(dt.date(1950, 6, 25), START, END)
    settings.restore_state(state)
    assert state.view is None
    assert state.export.snapshot_width == ExportOptions().snapshot_width
    assert state.export.animation_from is None
    assert any("map view" in n for n in settings.notices)
