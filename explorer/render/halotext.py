"""Text that draws fast on raster canvases, and map labels with a light halo.

matplotlib 3.11's Agg renderer lays out and rasterises a text glyph by glyph
every time it is drawn, and draws a haloed label (a text with a
``withStroke`` path effect) by turning every glyph into a vector path and
stroking it: a few milliseconds a text, which adds up to most of a map
redraw or a snapshot export.

Here a text is laid out once per string, font, size and resolution with
FreeType (the way Agg itself did before 3.11), and the greyscale bitmap is
kept; drawing it again is one image blend.  For a halo, the bitmap is
dilated by the halo's radius and blended first in the halo's colour.

- :class:`FastTextRendererAgg` draws every plain (non-mathtext, unrotated)
  text from the cache; :class:`FastTextCanvasAgg` and
  :class:`FastTextCanvasMixin` give a canvas that renderer.
- :class:`HaloText` is a label with a halo.  On any Agg renderer it draws
  from the cache; on vector backends (SVG, PDF) it keeps the stroked
  outline, so exported labels stay sharp at any zoom.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.colors import to_rgba
from matplotlib.artist import Artist
from matplotlib.text import Text

#: How many (text, font, size, resolution) bitmaps are kept, and as many halos.
CACHE_SIZE = 2048
_GLYPHS: OrderedDict[tuple, tuple] = OrderedDict()
_HALOS: OrderedDict[tuple, tuple[np.ndarray, int]] = OrderedDict()


def _remember(cache: OrderedDict, key: tuple, value):
    cache[key] = value
    if len(cache) > CACHE_SIZE:
        cache.popitem(last=False)
    return value


def _disc_weights(radius: float) -> list[tuple[int, int, float]]:
    """Offsets within *radius* pixels (coverage 1) and the pixel beyond (fading out)."""
    r = int(math.ceil(radius)) + 1
    out = []
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            w = min(1.0, max(0.0, radius + 1.0 - math.hypot(dx, dy)))
            if w > 0:
                out.append((dx, dy, w))
    return out


def _dilate(img: np.ndarray, radius: float) -> tuple[np.ndarray, int]:
    """*img* (uint8 coverage) grown by *radius* pixels; returns it and the padding added."""
    pad = int(math.ceil(radius)) + 1
    h, w = img.shape
    # A glyph's thin strokes rarely cover a whole pixel: count half covered as
    # covered, so the halo is as solid as a stroked outline's.
    src = np.minimum(img.astype(np.float32) * 2.0, 255.0)
    out = np.zeros((h + 2 * pad, w + 2 * pad), np.float32)
    for dx, dy, wgt in _disc_weights(radius):
        view = out[pad + dy:pad + dy + h, pad + dx:pad + dx + w]
        np.maximum(view, src * wgt, out=view)
    return np.ascontiguousarray(np.clip(out, 0, 255).astype(np.uint8)), pad


def _glyphs(renderer: RendererAgg, s: str, prop, antialiased: bool) -> tuple:
    """(bitmap, x offset, y offset, (width, height, descent)) of *s* as Agg lays it out."""
    key = (s, hash(prop), renderer.dpi, antialiased)
    got = _GLYPHS.get(key)
    if got is not None:
        _GLYPHS.move_to_end(key)
        return got
    # The calls of RendererAgg.get_text_width_height_descent and (before
    # matplotlib 3.11) RendererAgg.draw_text, so the text sits where Agg puts it.
    font = renderer._prepare_font(prop)
    font.set_text(s, 0.0, flags=get_hinting_flag())
    w, h = font.get_width_height()
    descent = font.get_descent() / 64.0
    font.draw_glyphs_to_bitmap(antialiased=antialiased)
    bitmap = np.ascontiguousarray(np.asarray(font.get_image(), dtype=np.uint8))
    xo, yo = font.get_bitmap_offset()
    return _remember(_GLYPHS, key, (bitmap, xo / 64.0, yo / 64.0 + descent, (w / 64.0, h / 64.0, descent)))


def _halo(renderer: RendererAgg, s: str, prop, antialiased: bool, radius_px: float) -> tuple[np.ndarray, int]:
    key = (s, hash(prop), renderer.dpi, antialiased, round(radius_px, 3))
    got = _HALOS.get(key)
    if got is not None:
        _HALOS.move_to_end(key)
        return got
    return _remember(_HALOS, key, _dilate(_glyphs(renderer, s, prop, antialiased)[0], radius_px))


def _plain(s: str, angle: float, ismath, mtext) -> bool:
    """True for text the cache can draw: no mathtext, unrotated, no OpenType features or language."""
    if ismath or angle % 360 != 0 or not s:
        return False
    if mtext is not None and (mtext.get_fontfeatures() if hasattr(mtext, "get_fontfeatures") else None):
        return False
    return not (mtext is not None and hasattr(mtext, "get_language") and mtext.get_language())


def _blend(renderer: RendererAgg, gc, x: float, y: float, s: str, prop, halo: tuple | None,
           glyphs: bool = True) -> None:
    bitmap, xo, yo, _ = _glyphs(renderer, s, prop, gc.get_antialiased())
    if bitmap.size == 0:
        return
    # As Agg's own text drawing: y is downwards and names the bitmap's bottom row.
    x0 = round(x + xo)
    y0 = round(y + yo) + 1
    if halo is not None:
        rgba, radius = halo
        grown, pad = _halo(renderer, s, prop, gc.get_antialiased(), radius)
        hgc = renderer.new_gc()
        hgc.copy_properties(gc)
        hgc.set_foreground(rgba, isRGBA=True)
        renderer._renderer.draw_text_image(grown, x0 - pad, y0 + pad, 0, hgc)
        hgc.restore()
    if glyphs:
        renderer._renderer.draw_text_image(bitmap, x0, y0, 0, gc)


_HEIGHTS: dict[tuple, tuple] = {}


def _font_height_metrics(prop, dpi: float) -> tuple:
    """(ascent, descent, line gap) of *prop*'s font in pixels, from its OpenType tables.

    What matplotlib 3.11's Text layout reads for every text it draws, looking
    the font file up each time; here once per font, size and resolution.
    """
    key = (hash(prop), dpi)
    got = _HEIGHTS.get(key)
    if got is not None:
        return got
    from matplotlib.font_manager import fontManager, get_font

    font = get_font(fontManager._find_fonts_by_props(prop))
    got = (None, None, None)
    for table_name, gap_key, ascent_key, descent_key in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                         ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = prop.get_size_in_points() * dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
        got = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
        break
    _HEIGHTS[key] = got
    return got


class FastTextRendererAgg(RendererAgg):
    """An Agg renderer that draws and measures plain text from cached bitmaps."""

    def _get_font_height_metrics(self, prop) -> tuple:
        # The hook matplotlib's Text layout (3.11 and later) asks renderers for first.
        return _font_height_metrics(prop, self.dpi)

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):  # noqa: D102 (matplotlib's)
        if not _plain(s, angle, ismath, mtext):
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        _blend(self, gc, x, y, s, prop, None)
        return None

    def get_text_width_height_descent(self, s, prop, ismath):  # noqa: D102
        if ismath or not s:
            return super().get_text_width_height_descent(s, prop, ismath)
        return _glyphs(self, s, prop, True)[3]


class FastTextCanvasMixin:
    """Makes a FigureCanvasAgg (or a subclass, like Qt's) render with :class:`FastTextRendererAgg`."""

    def get_renderer(self):  # noqa: D102 (matplotlib's)
        w, h = self.figure.bbox.size
        key = w, h, self.figure.dpi
        if self._lastKey != key or not isinstance(getattr(self, "renderer", None), FastTextRendererAgg):
            self.renderer = FastTextRendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


class FastTextCanvasAgg(FastTextCanvasMixin, FigureCanvasAgg):
    """An Agg canvas whose texts are drawn from cached bitmaps."""


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
        #: What :meth:`draw` draws: ``"both"``, ``"text"`` (a :class:`HaloLayer`
        #: draws the halo), ``"halo"`` or ``"none"``.
        self.part = "both"
        # Where the last halo pass put the text: (placement key, [(x, y, string, font)]).
        self._placed: tuple | None = None

    def _effects(self, part: str) -> list:
        if part == "both":
            return self._path_effects
        if part == "halo":
            return [patheffects.Stroke(linewidth=self._halo_width, foreground=self._halo_rgba)]
        return []

    def draw(self, renderer) -> None:  # noqa: D102 (matplotlib's)
        part = self.part
        if part == "none" or not self.get_visible():
            return None
        effects = self._path_effects
        if (not isinstance(renderer, RendererAgg) or self.get_usetex()
                or self.get_rotation() % 360 != 0):
            self._path_effects = self._effects(part)
            try:
                return super().draw(renderer)
            finally:
                self._path_effects = effects
        key = self._placement_key(renderer)
        if part == "text" and self._placed is not None and self._placed[0] == key:
            # The halo pass of this draw laid the text out already: put the letters where it did.
            gc = renderer.new_gc()
            gc.set_foreground(to_rgba(self.get_color()), isRGBA=True)
            gc.set_alpha(self.get_alpha())
            gc.set_antialiased(self._antialiased)
            self._set_gc_clip(gc)
            for x, y, s, prop in self._placed[1]:
                _blend(renderer, gc, x, y, s, prop, None, True)
            gc.restore()
            self.stale = False
            return None
        self._path_effects = []
        halo = (self._halo_rgba, self._halo_width / 2 * renderer.dpi / 72.0) if part in ("both", "halo") else None
        glyphs = part in ("both", "text")
        placed: list[tuple] = []
        self._placed = None

        def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if not _plain(s, angle, ismath, mtext):
                placed.append(None)  # not reusable
                return patheffects.PathEffectRenderer(self._effects(part), renderer).draw_text(
                    gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            placed.append((x, y, s, prop))
            _blend(renderer, gc, x, y, s, prop, halo, glyphs)
            return None

        def measure(s, prop, ismath):
            # Measuring lays the string out as drawing does: share the bitmap's.
            if ismath or not s:
                return RendererAgg.get_text_width_height_descent(renderer, s, prop, ismath)
            return _glyphs(renderer, s, prop, True)[3]

        renderer.draw_text = draw_text
        renderer.get_text_width_height_descent = measure
        try:
            super().draw(renderer)
        finally:
            del renderer.draw_text
            del renderer.get_text_width_height_descent
            self._path_effects = effects
        if part == "halo" and None not in placed:
            self._placed = (key, placed)

    def _placement_key(self, renderer) -> tuple:
        """What the text's place on *renderer* depends on (for reusing a layout within one draw)."""
        anchor = tuple(self.get_transform().transform(self.get_unitless_position()))
        return (id(renderer), renderer.width, renderer.height, renderer.dpi, anchor, self.get_text(),
                self.get_ha(), self.get_va(), hash(self._fontproperties), self._linespacing)


class HaloLayer(Artist):
    """Draws the halos of some :class:`HaloText` labels at its own z-order; the labels then draw only their letters.

    On a map the halos go under the front lines and the letters over them:
    a front running through a row of names stays visible between the
    letters instead of vanishing under their halos.
    """

    def __init__(self, texts: list[HaloText]) -> None:
        super().__init__()
        self.texts = list(texts)
        for t in self.texts:
            t.part = "text"

    def draw(self, renderer) -> None:  # noqa: D102 (matplotlib's)
        if not self.get_visible():
            return
        for t in self.texts:
            if t.get_visible() and t.part != "both":
                was, t.part = t.part, "halo"
                try:
                    t.draw(renderer)
                finally:
                    t.part = was
