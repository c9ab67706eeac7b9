"""The drawn map puts land and sea where they are: checked on the rendered pixels."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from explorer.war.projection import to_xy
from explorer.state.viewstate import LAYERS
from explorer.render import style
from explorer.render.mapview import MapRenderer

LAND = {"Pusan": (129.06, 35.21), "Seoul": (126.98, 37.57), "Pyongyang": (125.75, 39.02)}
SEA = {"Yellow Sea": (124.5, 36.5), "Sea of Japan": (130.5, 38.0), "Korea Strait": (128.9, 34.3)}


@pytest.fixture(scope="module")
def drawn(chronology):
    fig = Figure(figsize=(6, 8), dpi=100)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    # Only land and territory: no towns, rivers or lines over the probed points.
    mv.set_layers({"territory"})
    fig.canvas.draw()
    mv.home_view()
    mv.set_date("1950-09-01")
    fig.canvas.draw()
    rgb = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(float) / 255
    return mv, rgb


def _pixel(mv, rgb, lon, lat):
    x, y = (float(v) for v in to_xy(lon, lat))
    px, py = mv.ax.transData.transform((x, y))
    h = rgb.shape[0]
    return rgb[int(round(h - py)), int(round(px))]


def _near(colour, ref, tol=0.08):
    return np.max(np.abs(colour - np.asarray(to_rgb(ref)))) < tol


@pytest.mark.parametrize("name", sorted(LAND))
def test_towns_are_drawn_on_land(drawn, name):
    mv, rgb = drawn
    c = _pixel(mv, rgb, *LAND[name])
    assert _near(c, style.UN_FILL) or _near(c, style.COMMUNIST_FILL), f"{name}: {c}"


def test_on_1_september_1950_pusan_is_blue_and_seoul_orange(drawn):
    mv, rgb = drawn
    assert _near(_pixel(mv, rgb, *LAND["Pusan"]), style.UN_FILL)
    assert _near(_pixel(mv, rgb, *LAND["Seoul"]), style.COMMUNIST_FILL)


@pytest.mark.parametrize("name", sorted(SEA))
def test_seas_are_drawn_as_sea(drawn, name):
    mv, rgb = drawn
    assert _near(_pixel(mv, rgb, *SEA[name]), style.SEA), name


def test_all_layers_are_known():
    assert {"territory"} <= set(LAYERS)


# Offshore islands are UN-held through the war; on these days the UN side of
# the front also covers them, and the two must not cancel each other out.
ISLANDS = {"Cheju": (126.55, 33.38), "Ullung": (130.87, 37.50)}


@pytest.mark.parametrize("day", ["1950-06-25", "1950-09-01", "1951-01-15", "1952-06-01"])
@pytest.mark.parametrize("name", sorted(ISLANDS))
def test_offshore_islands_are_drawn_un_held(chronology, day, name):
    fig = Figure(figsize=(6, 8), dpi=100)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    mv.set_layers({"territory"})
    mv.home_view()
    mv.set_date(day)
    fig.canvas.draw()
    rgb = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(float) / 255
    c = _pixel(mv, rgb, *ISLANDS[name])
    assert _near(c, style.UN_FILL), f"{name} on {day}: {c}"


def _front_pixels(chronology, day, layers):
    fig = Figure(figsize=(6.4, 7.2), dpi=100)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    fig.canvas.draw()
    mv.home_view()
    mv.set_layers(layers)
    mv.set_date(day)
    fig.canvas.draw()
    rgb = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(float) / 255
    return int((np.abs(rgb - np.asarray(to_rgb(style.FRONT))).max(axis=2) < 0.12).sum())


@pytest.mark.parametrize("day", ["1951-09-01", "1952-06-01", "1953-07-20"])
def test_the_stalemate_front_shows_through_the_names_along_it(chronology, day):
    """The line ran through Kaesong, Chorwon and Heartbreak Ridge: their halos must not hide it."""
    with_names = _front_pixels(chronology, day, set(LAYERS))
    without = _front_pixels(chronology, day, set(LAYERS) - {"towns", "rivers", "parallel"})
    assert with_names >= 0.6 * without, (with_names, without)
