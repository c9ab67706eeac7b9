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

The matplotlib internals this needs are reached only through
:mod:`explorer.render.internals`; where that module's fast paths are off (an
untested matplotlib), texts are laid out by Agg itself and halos are stroked
outlines, as matplotlib draws them.  The caches are guarded by one lock: the
window and the animation export's worker thread draw at the same time.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from explorer.render import internals

#: How many (text, font, size, resolution) bitmaps are kept, and as many halos.
CACHE_SIZE = 2048
_GLYPHS: OrderedDict[tuple, tuple] = OrderedDict()
_HALOS: OrderedDict[tuple, tuple[np.ndarray, int]] = OrderedDict()


def _remember(cache: OrderedDict, key: tuple, value):
    # Called with internals.LOCK held.
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


def _glyphs(renderer: RendererAgg, s: str, prop, antialiased: bool) -> internals.Layout:
    """(bitmap, x offset, y offset, (width, height, descent)) of *s* as Agg lays it out."""
    key = (s, hash(prop), renderer.dpi, antialiased)
    with internals.LOCK:
        got = _GLYPHS.get(key)
        if got is not None:
            _GLYPHS.move_to_end(key)
            return got
        return _remember(_GLYPHS, key, internals.layout_text(renderer, s, prop, antialiased))


def _halo(renderer: RendererAgg, s: str, prop, antialiased: bool, radius_px: float) -> tuple[np.ndarray, int]:
    key = (s, hash(prop), renderer.dpi, antialiased, round(radius_px, 3))
    with internals.LOCK:
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
        internals.blend_coverage(renderer, grown, x0 - pad, y0 + pad, hgc)
        hgc.restore()
    if glyphs:
        internals.blend_coverage(renderer, bitmap, x0, y0, gc)


class FastTextRendererAgg(internals.RendererAggHooks):
    """An Agg renderer that draws and measures plain text from cached bitmaps."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if not _plain(s, angle, ismath, mtext):
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        _blend(self, gc, x, y, s, prop, None)
        return None

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath or not s:
            return super().get_text_width_height_descent(s, prop, ismath)
        return _glyphs(self, s, prop, True)[3]


class FastTextCanvasMixin:
    """Makes a FigureCanvasAgg (or a subclass, like Qt's) render with :class:`FastTextRendererAgg`.

    Where :data:`explorer.render.internals.ENABLED` is false the canvas keeps
    matplotlib's own renderer.
    """

    figure: Any
    renderer: RendererAgg

    def get_renderer(self) -> RendererAgg:
        if not internals.ENABLED:
            return super().get_renderer()  # type: ignore[misc]
        w, h = self.figure.bbox.size
        key = w, h, self.figure.dpi
        if getattr(self, "_fast_text_key", None) != key or not isinstance(getattr(self, "renderer", None),
                                                                          FastTextRendererAgg):
            self.renderer = FastTextRendererAgg(w, h, self.figure.dpi)
            self._fast_text_key = key
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
        # The path effects of the part being drawn (None: the text's own).
        self._drawing_effects: list | None = None

    def get_path_effects(self) -> list:
        # Text.draw asks for the path effects: answer with the part's while one is drawn
        # (setting them would mark the figure stale in the middle of a draw).
        return self._drawing_effects if self._drawing_effects is not None else super().get_path_effects()

    def _effects(self, part: str) -> list:
        if part == "both":
            return super().get_path_effects()
        if part == "halo":
            return [patheffects.Stroke(linewidth=self._halo_width, foreground=self._halo_rgba)]
        return []

    def draw(self, renderer) -> None:
        part = self.part
        if part == "none" or not self.get_visible():
            return None
        if (not internals.ENABLED or not isinstance(renderer, RendererAgg) or self.get_usetex()
                or self.get_rotation() % 360 != 0):
            self._drawing_effects = self._effects(part)
            try:
                return super().draw(renderer)
            finally:
                self._drawing_effects = None
        key = self._placement_key(renderer)
        if part in ("text", "halo") and self._placed is not None and self._placed[0] == key:
            # A halo pass laid the text out already, on this renderer, at this place, in this
            # wording and font (this draw's, or an earlier one's): put the letters, or the halo
            # again, where it did.
            gc = renderer.new_gc()
            gc.set_foreground(to_rgba(self.get_color()), isRGBA=True)
            alpha = self.get_alpha()
            if alpha is not None:
                gc.set_alpha(alpha)
            gc.set_antialiased(self.get_antialiased())
            self._clip(gc)
            halo_px = (self._halo_rgba, self._halo_width / 2 * renderer.dpi / 72.0) if part == "halo" else None
            for x, y, s, prop in self._placed[1]:
                _blend(renderer, gc, x, y, s, prop, halo_px, part == "text")
            gc.restore()
            self.stale = False
            return None
        self._drawing_effects = []
        halo = (self._halo_rgba, self._halo_width / 2 * renderer.dpi / 72.0) if part in ("both", "halo") else None
        glyphs = part in ("both", "text")
        placed: list[tuple | None] = []
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

        # For this one draw (instance attributes over the class's methods, removed below).
        setattr(renderer, "draw_text", draw_text)  # noqa: B010
        setattr(renderer, "get_text_width_height_descent", measure)  # noqa: B010
        try:
            super().draw(renderer)
        finally:
            del renderer.draw_text
            del renderer.get_text_width_height_descent
            self._drawing_effects = None
        if part == "halo" and None not in placed:
            self._placed = (key, placed)

    def _placement_key(self, renderer) -> tuple:
        """What the text's place on *renderer* depends on (for reusing a layout within one draw)."""
        anchor = tuple(self.get_transform().transform(self.get_unitless_position()))
        return (id(renderer), renderer.width, renderer.height, renderer.dpi, anchor, self.get_text(),
                self.get_horizontalalignment(), self.get_verticalalignment(), hash(self.get_fontproperties()), internals.line_spacing(self))

    def _clip(self, gc) -> None:
        """Clip *gc* as the text is clipped (what Artist._set_gc_clip does, with public calls)."""
        if self.get_clip_on():
            box = self.get_clip_box()
            if box is not None:
                gc.set_clip_rectangle(box)
            gc.set_clip_path(self.get_clip_path())


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

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        for t in self.texts:
            if t.get_visible() and t.part != "both":
                was, t.part = t.part, "halo"
                try:
                    t.draw(renderer)
                finally:
                    t.part = was
