"""Figure tests that see the map: text-free renders at a tight tolerance, and fast paths against full draws.

The map is drawn without any text (names, river names, the parallel's label),
so what is compared is what the map *says* with lines and areas, the same on
every supported matplotlib (text layout differs between 3.8 and 3.11).  A
render is compared by counting the pixels that changed clearly (any channel by
more than :data:`STEP`): a hidden previous front, hidden event markers or a
thinner front line change hundreds; a faithful render changes none or a few.

``tests/baseline_images/map_<date>.png`` are those renders.  After an intended
change of the map, regenerate them and look at them before committing::

    KWE_UPDATE_BASELINES=1 pytest tests/render/test_map_figures.py -k baseline
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from explorer.render.compositor import TerritoryCompositor
from explorer.render.halotext import HaloLayer, HaloText
from explorer.render.mapview import MapRenderer

BASELINES = Path(__file__).resolve().parents[1] / "baseline_images"
DATES = ["1950-06-25", "1950-09-15", "1951-01-15"]
#: A pixel "changed" when a channel moved by more than this (0-255).
STEP = 24
#: How many changed pixels a faithful render may have (none on 3.8 or 3.11 without the relief).
SLACK = 12


@contextmanager
def _no_text():
    """Within this block no text is drawn (names, river names, labels, their halos), visible or not.

    The renderer shows and hides names itself as the date moves, so texts are
    left alone and their drawing is switched off instead.
    """
    saved = (Text.draw, HaloText.draw, HaloLayer.draw)

    def skip(self, renderer):
        return None

    Text.draw = HaloText.draw = HaloLayer.draw = skip  # type: ignore[method-assign]
    try:
        yield
    finally:
        Text.draw, HaloText.draw, HaloLayer.draw = saved  # type: ignore[method-assign]


def _renderer(chronology) -> MapRenderer:
    fig = Figure(figsize=(4.8, 5.4), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    # Without the shaded relief: a raster that matplotlib 3.8 and 3.11 resample a little
    # differently (test_every_layer_shows_on_the_map still checks that it is drawn).
    mv.set_layers(set(mv.layers) - {"relief"})
    fig.canvas.draw()
    mv.home_view()
    return mv


def _draw(mv: MapRenderer) -> np.ndarray:
    with _no_text():
        mv.figure.canvas.draw()
    return np.array(mv.figure.canvas.buffer_rgba(), copy=True)[..., :3]


def render_map(chronology, date: str, mutate=None) -> np.ndarray:
    """The text-free map of *date* (after *mutate(renderer)*, when given) as RGB pixels."""
    mv = _renderer(chronology)
    mv.set_date(date)
    mv.layout_labels()  # the names (and so the dots) of that date, as a layer or view change would lay them out
    if mutate is not None:
        mutate(mv)
    return _draw(mv)


def changed(a: np.ndarray, b: np.ndarray) -> int:
    """How many pixels differ clearly between two renders of one size."""
    assert a.shape == b.shape
    return int((np.abs(a.astype(int) - b.astype(int)).max(axis=2) > STEP).sum())


@pytest.mark.parametrize("date", DATES)
def test_text_free_map_matches_baseline(chronology, date):
    got = render_map(chronology, date)
    path = BASELINES / f"map_{date}.png"
    if os.environ.get("KWE_UPDATE_BASELINES") == "1":
        BASELINES.mkdir(exist_ok=True)
        Image.fromarray(got).save(path)
        pytest.skip(f"baseline {path.name} written")
    if not path.exists():
        pytest.fail(f"missing baseline {path}: run with KWE_UPDATE_BASELINES=1 and look at it")
    with Image.open(path) as im:
        expected = np.asarray(im.convert("RGB"))
    assert changed(expected, got) <= SLACK, f"{changed(expected, got)} pixels of the map of {date} changed"


def _hide_ghost(mv):
    mv.fronts.ghost.set_visible(False)


def _hide_event_markers(mv):
    mv.marks.event_markers.set_visible(False)


def _thin_front(mv):
    mv.fronts.front.set_linewidth(mv.fronts.front.get_linewidth() * 0.6)


@pytest.mark.parametrize("mutate", [_hide_ghost, _hide_event_markers, _thin_front],
                         ids=["hidden previous front", "hidden event markers", "thinner front"])
def test_the_comparison_sees_what_the_old_baselines_missed(chronology, mutate):
    # The whole-page baselines passed all three at their tolerance (RMS 0.02 to 1.29 of 2).
    date = "1950-09-28"  # Seoul retaken: a previous front far to the south, event markers, a documented front
    plain = render_map(chronology, date)
    wrong = render_map(chronology, date, mutate)
    assert changed(plain, wrong) > 5 * SLACK
    assert changed(plain, render_map(chronology, date)) == 0  # and a render is repeatable


def test_every_layer_shows_on_the_map(chronology):
    """Hiding any layer changes what the map shows (on a day when that layer has something)."""
    from explorer.state.viewstate import LAYERS

    mv = _renderer(chronology)
    # Each layer shows on one of these days (the armistice line from the armistice on, the
    # named lines of 1951 in their time, everything else on 28 September 1950).
    seen = {name: 0 for name in LAYERS}
    for date in ("1950-09-28", "1951-06-15", "1954-06-01"):
        mv.set_date(date)
        mv.set_layers(LAYERS)  # lays the names out for this date (the relief too, here)
        fresh = _draw(mv)
        for name in LAYERS:
            mv.set_layers(set(LAYERS) - {name})
            seen[name] = max(seen[name], changed(fresh, _draw(mv)))
            mv.set_layers(LAYERS)
            fresh = _draw(mv)
    assert all(n > SLACK for n in seen.values()), seen


def test_layers_toggled_off_and_on_draw_as_a_fresh_map(chronology):
    """set_layers updates artists in place: hiding and showing a layer again is the map drawn anew."""
    from explorer.state.viewstate import LAYERS

    mv = _renderer(chronology)
    mv.set_date("1950-09-28")
    mv.set_layers(LAYERS)
    fresh = _draw(mv)
    for name in LAYERS:
        mv.set_layers(set(LAYERS) - {name})
        _draw(mv)
        mv.set_layers(LAYERS)
        assert changed(fresh, _draw(mv)) == 0, f"hiding and showing {name} again changed the map"


@pytest.mark.parametrize("day", ["1950-09-15", "1950-11-26", "1951-01-15", "1953-07-27"])
def test_fast_date_change_equals_the_full_draw_without_text(chronology, day):
    """The compositor's fast path against a full draw, text-free, at the same tight count."""
    mv = _renderer(chronology)
    mv.set_date("1950-06-25")
    with _no_text():
        comp = TerritoryCompositor(mv)
        comp.capture()
        comp.compose(chronology.state_at("1950-08-01"))
        comp.compose(chronology.state_at(day))
    fast = np.array(mv.figure.canvas.get_renderer().buffer_rgba(), copy=True)[..., :3]
    mv.set_date(day)
    full = _draw(mv)
    assert changed(full, fast) <= 40, f"{changed(full, fast)} pixels differ on {day}"
