"""What the map draws by date: named lines in steps, place names from their day, growing arrows."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from explorer.render.compositor import TerritoryCompositor
from explorer.render.key import entries_shown
from explorer.render.mapview import MapRenderer
from explorer.state.viewstate import LAYERS


@pytest.fixture(scope="module")
def view(chronology):
    fig = Figure(figsize=(6.4, 7.2), dpi=100)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    fig.canvas.draw()
    mv.home_view()
    return mv


def _zoom_on(mv, lon_lat_box):
    from explorer.war.projection import to_xy

    (w, s, e, n) = lon_lat_box
    x0, y0 = (float(v) for v in to_xy(w, s))
    x1, y1 = (float(v) for v in to_xy(e, n))
    mv.set_view(x0, x1, y0, y1)


def test_battlefields_are_not_named_before_their_fighting(view):
    mv = view
    _zoom_on(mv, (127.4, 37.8, 128.5, 38.6))
    try:
        mv.set_date("1950-06-24")
        shown = {t.get_text() for t in mv.visible_labels()}
        assert not shown & {"Heartbreak Ridge", "Punchbowl", "Bloody Ridge", "Panmunjom"}
        assert "Inje" in shown  # the towns are named throughout
        # A battlefield's room (and dot) is kept before its day: the other names do not move.
        ridge = next(i for i, s in enumerate(mv.labels.specs) if s.wartime == "Heartbreak Ridge")
        assert ridge in mv.labels.shown_towns
        before = {t.get_text(): t.get_position() for t in mv.visible_labels()}
        mv.set_date("1951-10-20")
        shown = {t.get_text() for t in mv.visible_labels()}
        assert {"Heartbreak Ridge", "Bloody Ridge"} <= shown
        after = {t.get_text(): t.get_position() for t in mv.visible_labels()}
        assert all(after[name] == pos for name, pos in before.items())
    finally:
        mv.home_view()


def test_named_lines_come_and_go_on_their_days(view):
    mv = view
    mv.set_date("1951-04-08")
    assert mv.named_lines.shown == ()
    assert "named_line" not in entries_shown(mv)
    mv.set_date("1951-04-09")
    assert mv.named_lines.shown == ("line-kansas",)
    kansas = next(a for a in mv.named_lines.lines if a.get_label() == "Line Kansas")
    assert kansas.get_visible()
    assert "named_line" in entries_shown(mv)
    mv.set_date("1953-07-27")
    assert {"mdl", "dmz-north", "dmz-south"} <= set(mv.named_lines.shown)
    assert {"named_line", "dmz"} <= entries_shown(mv)
    # Across the whole peninsula the lines are not named on the map (the key and hover do it) ...
    names = [n.get_text() for n in mv.named_lines.names if n is not None and n.get_visible()]
    assert names == []
    # ... zoomed in on the front they are.
    _zoom_on(mv, (126.6, 37.75, 128.0, 38.55))
    try:
        names = [n.get_text() for n in mv.named_lines.names if n is not None and n.get_visible()]
        assert "Military Demarcation Line" in names and "Line Jamestown" in names
    finally:
        mv.home_view()


def test_the_named_lines_layer_can_be_hidden(view):
    mv = view
    mv.set_date("1951-07-10")
    mv.set_layers(set(LAYERS) - {"named_lines"})
    try:
        assert mv.named_lines.shown == ()
        assert not any(a.get_visible() for a in mv.named_lines.lines)
    finally:
        mv.set_layers(LAYERS)
    assert mv.named_lines.shown


def test_hovering_a_named_line_names_it_with_its_dates(view):
    mv = view
    mv.set_date("1950-08-25")
    davidson = mv.named_lines.shown_lines()[0]
    x, y = davidson.parts[0][3]  # behind the perimeter, away from the front and the towns
    text = mv.hover_text(float(x), float(y))
    assert text is not None and text.startswith("Davidson Line\n15 August 1950 \u2013 16 September 1950")


def test_arrows_grow_and_sea_moves_have_their_own_style(view):
    mv = view
    mv.set_date("1950-11-27")
    i = next(k for k, m in enumerate(mv.active_movements) if m.id == "ccf-second-phase-west")
    m = mv.active_movements[i]
    path = mv.arrows[i].get_path()
    # The arrow's head stops well short of the end of its course (Pyongyang).
    tip_to_end = np.min(np.hypot(*(path.vertices - m.xy[-1]).T))
    assert tip_to_end > 60_000
    mv.set_date("1950-12-15")
    i = next(k for k, m in enumerate(mv.active_movements) if m.id == "hungnam-evacuation")
    patch = mv.arrows[i]
    assert patch.get_hatch() == "--"
    assert "arrow_sea" in entries_shown(mv)
    mv.set_date("1950-12-30")  # six days after its end: fading
    i = next(k for k, m in enumerate(mv.active_movements) if m.id == "hungnam-evacuation")
    assert 0 < mv.arrows[i].get_alpha() < 0.5


@pytest.mark.parametrize("zoom", [None, (127.4, 37.8, 128.5, 38.6)])
def test_a_composite_across_a_named_line_day_matches_a_full_draw(view, chronology, zoom):
    """Kansas appears on 9 April 1951 (and, zoomed in, its name): no recapture, the same pixels."""
    mv = view
    if zoom is not None:
        _zoom_on(mv, zoom)
    canvas = mv.figure.canvas
    mv.set_date("1951-04-09")
    canvas.draw()
    full = np.array(canvas.buffer_rgba(), copy=True)
    mv.set_date("1951-04-08")
    comp = TerritoryCompositor(mv)
    comp.capture()
    comp.compose(chronology.state_at("1951-04-08"))
    comp.compose(chronology.state_at("1951-04-09"))
    fast = np.asarray(canvas.get_renderer().buffer_rgba())
    gap = np.abs(full.astype(int) - fast.astype(int)).max(axis=2)
    assert (gap > 30).sum() <= 40
    assert comp.is_valid()  # the date's change needed no new capture
    mv.home_view()


def test_a_composite_across_a_battlefields_first_day_matches_a_full_draw(view, chronology):
    """Heartbreak Ridge's name appears on 13 September 1951, in a composited frame too."""
    mv = view
    _zoom_on(mv, (127.4, 37.8, 128.5, 38.6))
    canvas = mv.figure.canvas
    try:
        mv.set_date("1951-09-13")
        canvas.draw()
        full = np.array(canvas.buffer_rgba(), copy=True)
        mv.set_date("1951-09-12")
        comp = TerritoryCompositor(mv)
        comp.capture()
        comp.compose(chronology.state_at("1951-09-12"))
        assert "Heartbreak Ridge" not in {t.get_text() for t in mv.visible_labels()}
        comp.compose(chronology.state_at("1951-09-13"))
        assert "Heartbreak Ridge" in {t.get_text() for t in mv.visible_labels()}
        fast = np.asarray(canvas.get_renderer().buffer_rgba())
        gap = np.abs(full.astype(int) - fast.astype(int)).max(axis=2)
        assert (gap > 30).sum() <= 40
    finally:
        mv.home_view()
