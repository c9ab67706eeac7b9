"""Fast date changes must look exactly like full redraws."""

from __future__ import annotations


import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from explorer.render.compositor import TerritoryCompositor
from explorer.render.mapview import MapRenderer


@pytest.fixture(scope="module")
def view(chronology):
    fig = Figure(figsize=(6.4, 7.2), dpi=100)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    fig.canvas.draw()
    mv.home_view()
    return mv


@pytest.mark.parametrize("day", ["1950-09-01", "1950-09-15", "1950-11-24", "1950-12-15", "1951-01-15",
                                 "1953-07-27", "1955-06-01"])
def test_composited_frame_matches_a_full_draw(view, chronology, day):
    mv = view
    canvas = mv.figure.canvas
    mv.set_date(day)
    canvas.draw()
    full = np.array(canvas.buffer_rgba(), copy=True)
    comp = TerritoryCompositor(mv)
    comp.capture()
    mv.set_date("1950-06-25")  # somewhere else first
    comp.compose(chronology.state_at("1950-06-25"))
    comp.compose(chronology.state_at(day))
    fast = np.asarray(canvas.get_renderer().buffer_rgba())
    gap = np.abs(full.astype(int) - fast.astype(int)).max(axis=2)
    # Names and dots lie over the fronts in both: only rounding in the blends, and a
    # few pixels where the territory's hard-edged mask meets an enclave, differ.
    assert (gap > 30).sum() <= 40, f"{(gap > 30).sum()} pixels differ on {day}"
    # Capturing left the figure as it was: a full draw now looks as before it.
    canvas.draw()
    assert np.array_equal(np.asarray(canvas.buffer_rgba()), full)


def test_zoomed_in_composite_matches_too(view, chronology):
    mv = view
    x0, x1, y0, y1 = mv.home_bounds()
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2 - 250_000
    mv.set_view(cx - 150_000, cx + 150_000, cy - 170_000, cy + 170_000)
    test_composited_frame_matches_a_full_draw(mv, chronology, "1950-09-01")
    mv.home_view()


def test_day_by_day_composites_match_full_draws(view, chronology):
    """Scrubbing redoes only a strip around the front: each frame must still be whole."""
    mv = view
    canvas = mv.figure.canvas
    comp = TerritoryCompositor(mv)
    comp.capture()
    days = ["1950-09-12", "1950-09-13", "1950-09-14", "1950-09-15", "1950-09-16", "1950-11-25",
            "1950-11-26", "1950-09-01", "1951-03-14", "1951-03-15"]
    for day in days:
        comp.compose(chronology.state_at(day))
        fast = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
        mv.set_date(day)
        canvas.draw()
        full = np.asarray(canvas.buffer_rgba())
        gap = np.abs(full.astype(int) - fast.astype(int)).max(axis=2)
        assert (gap > 30).sum() <= 40, f"{(gap > 30).sum()} pixels differ on {day}"
        # The full draw above reset the compositor: put the previous frame back.
        comp.capture()
        comp.compose(chronology.state_at(day))


def test_scrubbing_redoes_a_strip_not_the_whole_map(view, chronology):
    mv = view
    comp = TerritoryCompositor(mv)
    comp.capture()
    whole = comp.compose(chronology.state_at("1950-09-12"))
    step = comp.compose(chronology.state_at("1950-09-13"))
    assert step.width * step.height < 0.8 * whole.width * whole.height


def test_a_drag_redoes_each_pixel_once_and_leaves_a_whole_map(view, chronology):
    """Day after day with no full draw between: no redone box lies inside another (the front's
    and its casing's, the old and the new front's, repeat one another), and after the run the
    map is what a full draw of the last day shows."""
    import datetime as dt

    mv = view
    canvas = mv.figure.canvas
    comp = TerritoryCompositor(mv)
    comp.capture()
    start = dt.date(1951, 2, 25)
    counts = []
    for k in range(20):
        comp.compose(chronology.state_at(start + dt.timedelta(days=k)))
        boxes = [tuple(b.extents) for b in comp.last_boxes]
        counts.append(len(boxes))
        for i, a in enumerate(boxes):
            for j, b in enumerate(boxes):
                inside = b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]
                assert i == j or not inside, (start + dt.timedelta(days=k), a, b)
    assert max(counts[1:]) <= 8, counts
    fast = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
    mv.set_date(start + dt.timedelta(days=19))
    canvas.draw()
    gap = np.abs(np.asarray(canvas.buffer_rgba()).astype(int) - fast.astype(int)).max(axis=2)
    assert (gap > 30).sum() <= 40, f"{(gap > 30).sum()} pixels differ"


def test_a_drag_rasterises_only_the_rings_that_changed_and_the_mask_is_whole(view, chronology):
    """Day by day, the UN side's mask is rasterised again only where the day's rings differ from
    the day before's (the morph's rings outside its grid, and a record's on the days that show it,
    stay the same arrays): on every day it equals the mask of the whole region rasterised anew."""
    import datetime as dt

    mv = view
    comp = TerritoryCompositor(mv)
    comp.capture()
    h = mv.figure.canvas.get_width_height(physical=True)[1]
    windows = []
    calls = comp._mask

    def counted(shape, rows, cols, window=False):
        if window:
            windows.append((rows.stop - rows.start) * (cols.stop - cols.start))
        return calls(shape, rows, cols, window)

    comp._mask = counted
    for start, days in ((dt.date(1950, 9, 10), 30), (dt.date(1951, 1, 20), 40), (dt.date(1952, 9, 25), 20)):
        for k in range(days):
            comp.compose(chronology.state_at(start + dt.timedelta(days=k)))
            r0, r1, c0, c1 = comp._prev_region
            whole = calls((h,), slice(r0, r1), slice(c0, c1))
            assert np.array_equal(comp._prev_mask, whole), start + dt.timedelta(days=k)
    region = (r1 - r0) * (c1 - c0)
    assert len(windows) >= 20 and np.median(windows) < 0.1 * region


def test_hatched_ground_does_not_darken_over_steps(view, chronology):
    """The changing-hands hatch and the zones are translucent: a run of steps must leave them as one full draw does."""
    mv = view
    canvas = mv.figure.canvas
    comp = TerritoryCompositor(mv)
    comp.capture()
    days = ["1950-09-22", "1950-09-23", "1950-09-24", "1950-09-25", "1950-09-26", "1950-09-27",
            "1950-11-25", "1950-11-26"]
    for day in days:
        comp.compose(chronology.state_at(day))
    assert mv.changing.patch.get_visible() and any(p.get_visible() for p in mv.zones.patches)
    fast = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
    mv.set_date(days[-1])
    canvas.draw()
    full = np.asarray(canvas.buffer_rgba())
    gap = np.abs(full.astype(int) - fast.astype(int)).max(axis=2)
    assert (gap > 15).sum() <= 20, f"{(gap > 15).sum()} pixels differ"


def test_hatch_rendered_ahead_is_the_hatch_a_jump_shows(view, chronology):
    """A pair's hatch made ahead in idle time changes nothing shown, and a jump to that pair draws the same map."""
    mv = view
    canvas = mv.figure.canvas
    days = ["1950-09-27", "1950-11-26", "1951-01-02"]
    # Without rendering ahead: the frames a jump draws.
    plain = TerritoryCompositor(mv)
    plain.capture()
    plain.compose(chronology.state_at("1950-06-25"))
    expected = {}
    for day in days:
        plain.compose(chronology.state_at(day))
        expected[day] = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
    comp = TerritoryCompositor(mv)
    comp.capture()
    comp.compose(chronology.state_at("1950-06-25"))
    shown = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
    for day in days:
        assert comp.render_steady_ahead(chronology.state_at(day))
        assert not comp.render_steady_ahead(chronology.state_at(day))  # kept: not made twice
    # Nothing on screen moved, and the layers still describe the shown day.
    assert np.array_equal(np.asarray(canvas.get_renderer().buffer_rgba()), shown)
    assert mv.changing.between is None and mv.state.date.isoformat() == "1950-06-25"
    made = []
    original = comp._render_steady
    comp._render_steady = lambda *a, **k: made.append(1) or original(*a, **k)
    for day in days:
        comp.compose(chronology.state_at(day))
        assert np.array_equal(np.asarray(canvas.get_renderer().buffer_rgba()), expected[day]), day
    assert made == [], "a jump to a pair rendered ahead rendered its hatch again"


def test_a_day_that_changes_nothing_on_the_map_is_not_redone_and_the_map_is_still_right(view, chronology):
    """Between two records of the same front many days draw the very same map: their composite
    redoes nothing.  Each such day must still look like a full draw of that day."""
    import datetime as dt

    mv = view
    canvas = mv.figure.canvas
    comp = TerritoryCompositor(mv)
    comp.capture()
    start = dt.date(1952, 3, 1)
    comp.compose(chronology.state_at(start))
    skipped = 0
    for k in range(1, 30):
        day = start + dt.timedelta(days=k)
        before = comp.unchanged_steps
        comp.compose(chronology.state_at(day))
        if comp.unchanged_steps == before:
            continue
        skipped += 1
        assert comp.last_boxes == []
        fast = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
        mv.set_date(day)
        canvas.draw()
        gap = np.abs(np.asarray(canvas.buffer_rgba()).astype(int) - fast.astype(int)).max(axis=2)
        assert (gap > 30).sum() <= 40, f"{(gap > 30).sum()} pixels differ on {day}"
        comp.capture()  # (the full draw reset the compositor)
        comp.compose(chronology.state_at(day))
    assert skipped >= 10, skipped


def test_a_change_without_a_new_date_is_redone(view, chronology):
    """Places a passage names are ringed on the same date: that composite is not skipped."""
    mv = view
    canvas = mv.figure.canvas
    comp = TerritoryCompositor(mv)
    comp.capture()
    state = chronology.state_at("1952-03-05")
    comp.compose(state)
    comp.compose(state)
    assert comp.last_boxes == []  # nothing changed
    assert mv.source_places.set_named(["Seoul", "Pusan"])
    comp.compose(state)
    assert comp.last_boxes, "the ringed places were not drawn"
    fast = np.array(canvas.get_renderer().buffer_rgba(), copy=True)
    mv.set_state(state)
    canvas.draw()
    gap = np.abs(np.asarray(canvas.buffer_rgba()).astype(int) - fast.astype(int)).max(axis=2)
    assert (gap > 30).sum() <= 40, f"{(gap > 30).sum()} pixels differ"
    mv.source_places.set_named([])
