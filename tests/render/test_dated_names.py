"""Names laid out per date in exports and animations: clear of the day's arrows, markers and each other.

Checks on the artists (the names' boxes against the arrows' outlines and the
markers' boxes), on every page preset, for single exports and for the frames
of an animation, whose names are laid out again when the obstacles change
(one layout per set of obstacles: :class:`explorer.render.layers.labels.DatedLayouts`).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from matplotlib.transforms import Bbox

from explorer.render.export import PRESETS, SnapshotFigure
from explorer.render.key import entries_shown
from explorer.render.layers.labels import DatedLayouts, day_obstacles

PAGES = {
    "slide": PRESETS["slide"],
    "slide43": PRESETS["slide43"],
    "square": PRESETS["square"],
    "a4": PRESETS["a4"].scaled_to(1754),
}


def _collisions(snap: SnapshotFigure) -> list[str]:
    """Each visible town name that touches an arrow, a marker or another name.

    A capital is always named: where the day's arrows leave it no room at all, it may lie
    over an arrow (never over a marker).
    """
    mv = snap.mapview
    r = snap.figure.canvas.get_renderer()
    day = day_obstacles(mv.marks, mv.labels.day)
    capitals = {t for spec, t in zip(mv.labels.specs, mv.labels.town_labels) if spec.capital}
    names = [(t.get_text(), t.get_window_extent(renderer=r), t in capitals) for t in mv.visible_labels()]
    out = []
    for text, e, capital in names:
        box = Bbox.from_extents(e.x0 + 1, e.y0 + 1, e.x1 - 1, e.y1 - 1)
        for p in day.paths:
            if not capital and p.intersects_bbox(box, filled=True):
                out.append(f"{text} on an arrow")
        for m in day.markers:
            if box.overlaps(Bbox.from_extents(*m)):
                out.append(f"{text} on a marker")
    for (ta, a, _), (tb, b, _) in itertools.combinations(names, 2):
        if a.shrunk(0.98, 0.9).overlaps(b.shrunk(0.98, 0.9)):
            out.append(f"{ta} on {tb}")
    return out


@pytest.mark.parametrize("preset", list(PAGES))
@pytest.mark.parametrize("date", ["1950-09-15", "1950-11-28", "1951-01-04"])
def test_export_names_keep_clear_of_arrows_markers_and_each_other(chronology, preset, date):
    snap = SnapshotFigure(chronology, PAGES[preset], view="action")
    snap.set_date(date)
    snap.render_rgba()
    assert day_obstacles(snap.mapview.marks, snap.mapview.labels.day).paths, "a day with arrows"
    assert len(snap.mapview.visible_labels()) >= 8
    assert _collisions(snap) == []


@pytest.mark.parametrize("preset", ["slide", "square"])
def test_animation_frames_lay_names_out_again_when_the_arrows_change(chronology, preset):
    dates = [dt.date(1950, 9, 1) + dt.timedelta(days=7 * k) for k in range(12)]
    # One key for all frames, as export_animation makes it.
    probe = SnapshotFigure(chronology, PAGES[preset].scaled_to(320), view="peninsula")
    shown: set[str] = set()
    for d in dates:
        probe.mapview.set_date(d)
        shown |= entries_shown(probe.mapview)
    snap = SnapshotFigure(chronology, PAGES[preset], view="peninsula", animation=True, key_ids=sorted(shown))
    seen = {}
    for d in dates:
        snap.set_date(d)
        snap.render_rgba()
        assert _collisions(snap) == [], d
        seen[d] = [(t.get_text(), tuple(t.get_position())) for t in snap.mapview.visible_labels()]
    assert len({tuple(v) for v in seen.values()}) > 1, "the names never moved over three months of arrows"
    layouts = snap._dated_layouts
    computed = layouts.computed
    # Back to a date seen before: its layout comes from the cache, and it is the same.
    snap.set_date(dates[2])
    assert layouts.computed == computed and layouts.reused >= 1
    assert [(t.get_text(), tuple(t.get_position())) for t in snap.mapview.visible_labels()] == seen[dates[2]]


def test_dated_layouts_reuse_a_layout_for_the_same_obstacles(chronology):
    snap = SnapshotFigure(chronology, PAGES["slide"], view="peninsula")
    snap.set_date("1950-09-15")
    snap.render_rgba()
    mv = snap.mapview
    layouts = DatedLayouts(mv.labels)
    inchon = day_obstacles(mv.marks, mv.labels.day)
    assert layouts.apply(mv.view(), mv.layers, inchon) is True  # the first layout
    assert layouts.apply(mv.view(), mv.layers, inchon) is False  # same obstacles: nothing to do
    placed = mv.labels.snapshot()
    mv.set_date("1950-06-10")  # before the war: no arrows, no markers
    quiet = day_obstacles(mv.marks, mv.labels.day)
    assert quiet.paths == () and quiet.key != inchon.key
    layouts.apply(mv.view(), mv.layers, quiet)
    assert layouts.computed == 2
    mv.set_date("1950-09-15")
    assert layouts.apply(mv.view(), mv.layers, day_obstacles(mv.marks, mv.labels.day)) in (True, False)
    assert layouts.computed == 2 and layouts.reused == 1
    assert mv.labels.snapshot() == placed
