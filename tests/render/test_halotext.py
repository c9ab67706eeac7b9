"""Cached-bitmap text: drawn where matplotlib's Agg puts it, with a real halo on labels."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from explorer.render.halotext import FastTextCanvasAgg, HaloText

BACKGROUND = "#4a6a8a"


def _draw(canvas_cls, make_text, dpi=120):
    fig = Figure(figsize=(3, 1), dpi=dpi, facecolor=BACKGROUND)
    canvas_cls(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    make_text(ax)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)


def _box(mask):
    rows, cols = np.nonzero(mask)
    return rows.min(), rows.max(), cols.min(), cols.max()


@pytest.mark.parametrize("ha,va", [("left", "baseline"), ("center", "center"), ("right", "top")])
def test_plain_text_lands_where_agg_puts_it(ha, va):
    def text(ax):
        ax.text(0.5, 0.5, "Hagaru-ri 1950", color="black", fontsize=11, ha=ha, va=va)

    ref = _draw(FigureCanvasAgg, text)
    fast = _draw(FastTextCanvasAgg, text)
    dark = lambda img: img.sum(axis=2) < 200  # noqa: E731
    assert dark(fast).sum() > 100
    for a, b in zip(_box(dark(ref)), _box(dark(fast))):
        assert abs(a - b) <= 1


def test_halo_label_has_a_light_rim_and_matches_the_stroked_version():
    def stroked(ax):
        ax.text(0.5, 0.5, "Chinnampo", color="black", fontsize=11, ha="center", va="center",
                path_effects=[patheffects.withStroke(linewidth=2.6, foreground="white")])

    def halo(ax):
        ax.add_artist(HaloText(0.5, 0.5, "Chinnampo", color="black", fontsize=11, ha="center", va="center",
                               halo_color="white", halo_width=2.6))

    ref = _draw(FigureCanvasAgg, stroked)
    fast = _draw(FigureCanvasAgg, halo)
    white = lambda img: img.min(axis=2) > 230  # noqa: E731
    # The halo is there (white pixels on a dark blue ground) and about as big as the stroke's.
    assert white(fast).sum() > 0.7 * white(ref).sum()
    # Within 4 px: the stroked version lays glyphs out unhinted, a little wider.
    for a, b in zip(_box(white(ref)), _box(white(fast))):
        assert abs(a - b) <= 4


def test_halo_label_stays_vector_in_svg(tmp_path):
    fig = Figure(figsize=(3, 1))
    FigureCanvasSVG(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.add_artist(HaloText(0.5, 0.5, "Kaesong", halo_color="white"))
    out = tmp_path / "label.svg"
    fig.savefig(out)
    svg = out.read_text()
    # No bitmap: the label is outlines, stroked in the halo colour under the glyphs.
    assert "<image" not in svg
    assert "stroke: #ffffff" in svg
