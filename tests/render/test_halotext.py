"""Cached-bitmap text: drawn where matplotlib's Agg puts it, with a real halo on labels."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from explorer.render import halotext, internals
from explorer.render.halotext import FastTextCanvasAgg, HaloText

BACKGROUND = "#4a6a8a"


def _blank_axes(canvas_cls, figsize, dpi):
    """A figure on *canvas_cls* whose one axes fills it, unit limits, no frame."""
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=BACKGROUND)
    canvas_cls(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return fig, ax


def _draw(canvas_cls, make_text, dpi=120):
    fig, ax = _blank_axes(canvas_cls, (3, 1), dpi)
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


def _label_crops(canvas_cls, names, halo: bool, stroke: bool = False):
    """Draw *names* in one figure (one font), then crop each label's box from the render."""
    fig, ax = _blank_axes(canvas_cls, (4, 3), 100)
    texts = []
    for i, name in enumerate(names):
        y = 0.9 - i * (0.8 / max(len(names) - 1, 1))
        if halo:
            t = HaloText(0.5, y, name, color="black", fontsize=11, ha="center", va="center",
                         halo_color="white", halo_width=2.6)
            ax.add_artist(t)
        else:
            effects = [patheffects.withStroke(linewidth=2.6, foreground="white")] if stroke else None
            t = ax.text(0.5, y, name, color="black", fontsize=11, ha="center", va="center",
                        path_effects=effects)
        texts.append(t)
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)
    height = img.shape[0]
    crops = []
    renderer = fig.canvas.get_renderer()
    for t in texts:
        bb = t.get_window_extent(renderer).expanded(1.0, 1.0)
        x0, x1 = int(bb.x0) - 4, int(bb.x1) + 4
        y0, y1 = height - int(bb.y1) - 4, height - int(bb.y0) + 4
        crops.append(img[y0:y1, x0:x1])
    return crops


NAMES = ["Pyongyang", "Wonsan", "Hamhung", "Chosin", "Hungnam", "Kaesong"]


def _stroked_crops(names):
    return _label_crops(FigureCanvasAgg, names, halo=False, stroke=True)


def _fresh_caches():
    halotext._GLYPHS.clear()
    halotext._HALOS.clear()


def _assert_same_label(name, ref, got, mask, slack_px, share):
    a, b = mask(ref), mask(got)
    assert a.sum() > 40, name
    assert abs(int(b.sum()) - int(a.sum())) <= share * a.sum(), name
    for u, v in zip(_box(a), _box(b)):
        assert abs(u - v) <= slack_px, name


def test_many_labels_in_one_figure_each_show_their_own_letters():
    # On matplotlib 3.8 and 3.9 FreeType's bitmap is a view of the font's buffer:
    # a cache keeping the view drew another label's glyphs (or noise) for every
    # label once several were laid out with one font.  Each label must match Agg's,
    # on the first draw and on a second one from the warm cache.
    _fresh_caches()
    ref = _label_crops(FigureCanvasAgg, NAMES, halo=False)
    first = _label_crops(FastTextCanvasAgg, NAMES, halo=False)
    second = _label_crops(FastTextCanvasAgg, NAMES, halo=False)
    dark = lambda img: img.sum(axis=2) < 200  # noqa: E731
    for name, r, a, b in zip(NAMES, ref, first, second):
        _assert_same_label(name, r, a, dark, 1, 0.15)
        assert np.array_equal(a, b), name


def test_many_halo_labels_in_one_figure_each_show_their_own_letters_and_halo():
    # The halo is dilated from the cached bitmap: it must have its own word's shape too.
    _fresh_caches()
    ref = _stroked_crops(NAMES)
    first = _label_crops(FastTextCanvasAgg, NAMES, halo=True)
    second = _label_crops(FastTextCanvasAgg, NAMES, halo=True)
    white = lambda img: img.min(axis=2) > 230  # noqa: E731
    for name, r, a, b in zip(NAMES, ref, first, second):
        _assert_same_label(name, r, a, white, 4, 0.3)
        assert np.array_equal(a, b), name


def test_labels_drawn_in_two_threads_at_once_match_one_thread():
    # The window draws while the animation export's worker draws: the glyph caches are shared.
    import threading

    _fresh_caches()
    alone = _label_crops(FastTextCanvasAgg, NAMES, halo=True)
    results: list = [None] * 4
    errors: list = []

    def work(i):
        try:
            for _ in range(3):
                _fresh_caches()
                results[i] = _label_crops(FastTextCanvasAgg, NAMES, halo=True)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for got in results:
        for name, a, b in zip(NAMES, alone, got):
            assert np.array_equal(a, b), name


def test_fast_paths_are_on_only_for_tested_matplotlib(monkeypatch):
    assert internals.enabled_for("3.8.4", {})
    assert internals.enabled_for("3.11.2", {})
    assert not internals.enabled_for("3.7.5", {})
    assert not internals.enabled_for("3.12.0rc1", {})
    assert not internals.enabled_for("4.0.0", {})
    assert not internals.enabled_for("3.10.1", {internals.PLAIN_ENV: "1"})


def test_plain_matplotlib_fallback_draws_the_same_labels(monkeypatch):
    # With the internals fenced off, texts are Agg's own and halos are stroked outlines.
    stroked = _stroked_crops(NAMES)
    monkeypatch.setattr(internals, "ENABLED", False)
    fig = Figure(figsize=(1, 1))
    canvas = FastTextCanvasAgg(fig)
    assert type(canvas.get_renderer()).__name__ == "RendererAgg"
    plain = _label_crops(FastTextCanvasAgg, NAMES, halo=True)
    for name, a, b in zip(NAMES, stroked, plain):
        assert np.array_equal(a, b), name


def test_a_halo_layer_drawn_again_reuses_its_layout_and_draws_the_same_pixels(monkeypatch):
    """Halos under the fronts, letters over them (a HaloLayer): a second draw of the same labels
    puts each halo where the first draw laid it out, without laying the text out again; moving
    one label lays out that one again, and it lands where a new figure puts it."""
    if not internals.ENABLED:
        pytest.skip("the cached-bitmap text is off on this matplotlib")
    from matplotlib.text import Text

    def make(moved: bool):
        fig, ax = _blank_axes(FastTextCanvasAgg, (3, 1.5), 120)
        texts = [HaloText(0.05 + 0.3 * (i % 3), 0.2 + 0.4 * (i // 3), name, halo_color="white", fontsize=9)
                 for i, name in enumerate(NAMES)]
        if moved:
            texts[0].set_position((0.1, 0.25))
        for t in texts:
            ax.add_artist(t)
        layer = halotext.HaloLayer(texts)
        layer.set_zorder(1)
        ax.add_artist(layer)
        return fig, texts

    def pixels(fig):
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()

    fig, texts = make(False)
    first = pixels(fig)
    layouts = []
    real = Text.draw

    def counting(self, renderer):
        if isinstance(self, HaloText):
            layouts.append(self.get_text())
        return real(self, renderer)

    monkeypatch.setattr(Text, "draw", counting)
    second = pixels(fig)
    assert np.array_equal(first, second)
    assert layouts == []  # neither the halos nor the letters were laid out again
    texts[0].set_position((0.1, 0.25))
    moved = pixels(fig)
    assert layouts == [NAMES[0]]  # only the label that moved
    monkeypatch.setattr(Text, "draw", real)
    fresh, _ = make(True)
    assert np.array_equal(moved, pixels(fresh))
