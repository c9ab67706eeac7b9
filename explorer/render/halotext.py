"""Map labels with a light halo that draw fast on raster canvases.

matplotlib draws a haloed label (a text with a ``withStroke`` path effect)
by converting every glyph to a vector path and stroking it: about 2 ms a
label, most of a full redraw of the map.  :class:`HaloText` looks the same
but, on an Agg canvas (the window, PNG and GIF exports), draws the text and
its halo from two greyscale bitmaps made once per text, font, size and
resolution: the glyphs as FreeType renders them, and the same glyphs
dilated by the halo's radius.  On vector backends (SVG, PDF) it keeps the
stroked outline, so exported labels stay text-sharp at any zoom.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.colors import to_rgba
from matplotlib.text import Text

#: How many (text, font, size, resolution) bitmaps are kept.
CACHE_SIZE = 2048
_SPRITES: OrderedDict[tuple, tuple] = OrderedDict()


def _disc_weights(radius: float) -> list[tuple[int, int, float]]:
    """Offsets within *radius* pixels and their coverage (1 inside, fading over the last pixel)."""
    r = int(math.ceil(radius))
    out = []
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            w = min(1.0, max(0.0, radius + 0.5 - math.hypot(dx, dy)))
            if w > 0:
                out.append((dx, dy, w))
    return out


def _dilate(img: np.ndarray, radius: float) -> tuple[np.ndarray, int]:
    """*img* (uint8 coverage) grown by *radius* pixels; returns it and the padding added."""
    pad = int(math.ceil(radius))
    h, w = img.shape
    src = img.astype(np.float32)
    out = np.zeros((h + 2 * pad, w + 2 * pad), np.float32)
    for dx, dy, wgt in _disc_weights(radius):
        view = out[pad + dy:pad + dy + h, pad + dx:pad + dx + w]
        np.maximum(view, src * wgt, out=view)
    return np.ascontiguousarray(np.clip(out, 0, 255).astype(np.uint8)), pad


def _sprite(renderer: RendererAgg, s: str, prop, halo_px: float, antialiased: bool):
    key = (s, hash(prop), renderer.dpi, round(halo_px, 3), antialiased)
    got = _SPRITES.get(key)
    if got is not None:
        _SPRITES.move_to_end(key)
        return got
    # The same calls as RendererAgg.get_text_width_height_descent and (before
    # matplotlib 3.11) RendererAgg.draw_text, so the label sits where Agg puts it.
    font = renderer._prepare_font(prop)
    font.set_text(s, 0.0, flags=get_hinting_flag())
    w, h = font.get_width_height()
    descent = font.get_descent() / 64.0
    font.draw_glyphs_to_bitmap(antialiased=antialiased)
    glyphs = np.ascontiguousarray(np.asarray(font.get_image(), dtype=np.uint8))
    halo, pad = _dilate(glyphs, halo_px)
    xo, yo = font.get_bitmap_offset()
    got = (glyphs, halo, pad, xo / 64.0, yo / 64.0 + descent, (w / 64.0, h / 64.0, descent))
    _SPRITES[key] = got
    if len(_SPRITES) > CACHE_SIZE:
        _SPRITES.popitem(last=False)
    return got


class HaloText(Text):
    """A :class:`~matplotlib.text.Text` with a halo of *halo_color*, *halo_width* points wide.

    The halo is the same as a ``withStroke(linewidth=halo_width)`` path
    effect: it reaches half the width beyond the glyphs' outline.
    """

    def __init__(self, *args, halo_color="white", halo_width: float = 2.6, **kwargs) -> None:
        kwargs["path_effects"] = [patheffects.withStroke(linewidth=halo_width, foreground=halo_color)]
        super().__init__(*args, **kwargs)
        self._halo_rgba = to_rgba(halo_color)
        self._halo_width = halo_width

    def draw(self, renderer) -> None:  # noqa: D102 (matplotlib's)
        if (not isinstance(renderer, RendererAgg) or not self.get_visible() or self.get_usetex()
                or self.get_rotation() % 360 != 0):
            return super().draw(renderer)
        effects = self._path_effects
        self._path_effects = []
        halo_px = self._halo_width / 2 * renderer.dpi / 72.0
        halo_rgba = self._halo_rgba

        def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath:
                return patheffects.PathEffectRenderer(effects, renderer).draw_text(
                    gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            glyphs, halo, pad, xo, yo, _ = _sprite(renderer, s, prop, halo_px, gc.get_antialiased())
            if glyphs.size == 0:
                return None
            # As Agg's own text drawing: y is downwards and names the bitmap's bottom row.
            x0 = round(x + xo)
            y0 = round(y + yo) + 1
            hgc = renderer.new_gc()
            hgc.copy_properties(gc)
            hgc.set_foreground(halo_rgba, isRGBA=True)
            renderer._renderer.draw_text_image(halo, x0 - pad, y0 + pad, 0, hgc)
            hgc.restore()
            renderer._renderer.draw_text_image(glyphs, x0, y0, 0, gc)
            return None

        def measure(s, prop, ismath):
            # Measuring is as slow as drawing (FreeType lays the string out):
            # take the size from the bitmap made for drawing.
            if ismath:
                return RendererAgg.get_text_width_height_descent(renderer, s, prop, ismath)
            return _sprite(renderer, s, prop, halo_px, self.get_antialiased())[5]

        renderer.draw_text = draw_text
        renderer.get_text_width_height_descent = measure
        try:
            super().draw(renderer)
        finally:
            del renderer.draw_text
            del renderer.get_text_width_height_descent
            self._path_effects = effects
