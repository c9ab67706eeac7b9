"""Every use of matplotlib's private API, fenced in one module.

The map's speed rests on a few matplotlib internals.  This module is the only
place in ``explorer/`` that touches them; everything else calls the functions
below, which fall back to plain, public matplotlib when :data:`ENABLED` is
false.

What it relies on (checked on matplotlib 3.8, the floor in ``pyproject.toml``,
and on the newest release the suite runs on, see :data:`TESTED`):

- ``RendererAgg._prepare_font(prop)``: the renderer's FreeType font for a
  :class:`~matplotlib.font_manager.FontProperties`, cleared and sized for the
  renderer's resolution, as ``RendererAgg.draw_text`` uses it.
- ``RendererAgg._renderer.draw_text_image(image, x, y, angle, gc)``: the C++
  Agg renderer's blend of a greyscale coverage image in ``gc``'s colour.
- ``FT2Font.get_image()``: the glyphs' bitmap.  Before matplotlib 3.10 it is a
  *view* of FreeType's own buffer, overwritten by the next text laid out with
  the same font, so :func:`layout_text` copies it.
- ``fontManager._find_fonts_by_props(prop)``: the font file list matplotlib's
  own text layout uses, fallback fonts included.
- ``RendererAgg._get_font_height_metrics``: the hook matplotlib 3.11's text
  layout asks a renderer for first (a renderer defines it; older matplotlib
  never calls it).
- ``Text._linespacing``: a text's line spacing (no public getter before 3.10).
- ``Axes._add_text(text)``: what ``Axes.text`` calls after making its text,
  without the per-text clip path ``Axes.add_artist`` makes.
- ``FigureCanvasQT._draw_idle()``: a pending ``draw_idle`` done now (what
  matplotlib's own Qt ``paintEvent`` does first), and its flags
  ``_draw_pending`` and ``_is_drawing`` (see :func:`queue_idle_draw`).

When matplotlib is outside :data:`TESTED`, or the environment variable
``KOREAN_WAR_EXPLORER_PLAIN_MATPLOTLIB`` is set, :data:`ENABLED` is false and
the app draws with public matplotlib alone: Agg lays out every text itself,
halos are ``withStroke`` path effects, labels are added with ``add_artist`` and
the Qt canvas paints with matplotlib's own ``paintEvent``.  The map is the same;
only slower.

The glyph caches of :mod:`explorer.render.halotext` are shared by the window
and the animation export's worker thread; :data:`LOCK` guards them.
"""

from __future__ import annotations

from collections.abc import Callable

import os
import threading
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.text import Text

#: The matplotlib versions (major, minor), both ends included, whose internals
#: this module was tested against.  Outside them the public fallback is used.
TESTED = ((3, 8), (3, 11))

#: Set this environment variable (to anything) to draw with public matplotlib only.
PLAIN_ENV = "KOREAN_WAR_EXPLORER_PLAIN_MATPLOTLIB"


def _minor(version: str) -> tuple[int, int]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(c for c in piece if c.isdigit()) if not piece.isdigit() else piece
        parts.append(int(digits or 0))
    while len(parts) < 2:
        parts.append(0)
    return parts[0], parts[1]


def enabled_for(version: str, environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether the private fast paths are used with matplotlib *version* (and *environ*)."""
    env = os.environ if environ is None else environ
    if env.get(PLAIN_ENV):
        return False
    return TESTED[0] <= _minor(version) <= TESTED[1]


#: Whether the private fast paths are in use in this process.
ENABLED = enabled_for(matplotlib.__version__)

#: Guards the glyph and halo caches, shared by the GUI thread and the export worker.
LOCK = threading.RLock()

#: One text laid out by FreeType: (bitmap, x offset, y offset, (width, height, descent)),
#: offsets and sizes in pixels.
Layout = tuple[np.ndarray, float, float, tuple[float, float, float]]


def layout_text(renderer: RendererAgg, s: str, prop: FontProperties, antialiased: bool) -> Layout:
    """Lay *s* out as ``RendererAgg.draw_text`` does, and return a copy of its bitmap.

    The calls of ``RendererAgg.get_text_width_height_descent`` and (before
    matplotlib 3.11) ``RendererAgg.draw_text``, so the text sits where Agg
    puts it.  Only called when :data:`ENABLED`.
    """
    font = renderer._prepare_font(prop)
    font.set_text(s, 0.0, flags=get_hinting_flag())
    w, h = font.get_width_height()
    descent = font.get_descent() / 64.0
    font.draw_glyphs_to_bitmap(antialiased=antialiased)
    # np.array copies: before matplotlib 3.10 get_image() is a view of the
    # font's buffer, which the next text laid out with this font overwrites
    # (every cached label then showed another label's glyphs).
    bitmap = np.array(font.get_image(), dtype=np.uint8, copy=True, order="C")
    xo, yo = font.get_bitmap_offset()
    return bitmap, xo / 64.0, yo / 64.0 + descent, (w / 64.0, h / 64.0, descent)


def blend_coverage(renderer: RendererAgg, image: np.ndarray, x: int, y: int, gc: Any) -> None:
    """Blend the uint8 coverage *image* in *gc*'s colour, its bottom-left pixel at (x, y) (y downwards)."""
    renderer._renderer.draw_text_image(image, x, y, 0, gc)


def font_height_metrics(prop: FontProperties, dpi: float) -> tuple[float | None, float | None, float | None]:
    """(ascent, descent, line gap) of *prop*'s font in pixels, from its OpenType tables."""
    font: Any = get_font(fontManager._find_fonts_by_props(prop))  # Any: the sfnt tables' stubs vary by version
    head = font.get_sfnt_table("head")
    for table_name, gap_key, ascent_key, descent_key in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                         ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None or head is None:
            continue
        scale = prop.get_size_in_points() * dpi / 72 / head["unitsPerEm"]
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


def line_spacing(text: Text) -> object:
    """The line spacing of *text* (a multiple of the font size, or 3.11's ``"normal"``)."""
    getter = getattr(text, "get_linespacing", None)
    return getter() if getter is not None else text._linespacing  # type: ignore[attr-defined]


def add_text(ax: Axes, text: Text) -> None:
    """Add *text* to *ax* keeping the clip box it has (no clip path of its own).

    Making a clip path per label is most of the cost of adding a hundred
    labels; the fallback ``add_artist`` makes one (the same clipping).
    """
    if ENABLED:
        ax._add_text(text)  # type: ignore[attr-defined]
    else:
        ax.add_artist(text)


def queue_idle_draw(canvas: Any, start: Callable[[], None]) -> bool:
    """matplotlib's Qt ``draw_idle``, but started by the caller's own timer (*start*).

    matplotlib queues the draw with a static ``QTimer.singleShot``, which on
    PySide6 before 6.8 still runs after its canvas was deleted (a window
    closed just after a change) and raises there.  A timer the canvas owns
    dies with it.  Returns False when the fast paths are off: the caller then
    calls matplotlib's own ``draw_idle``.
    """
    if not ENABLED:
        return False
    if not (getattr(canvas, "_draw_pending", False) or getattr(canvas, "_is_drawing", False)):
        canvas._draw_pending = True
        start()
    return True


def flush_idle_draw(canvas: Any) -> bool:
    """Do a pending ``draw_idle`` of a matplotlib Qt *canvas* now.

    Returns False when the fast paths are off: the caller then paints with
    matplotlib's own ``paintEvent``.
    """
    if not ENABLED:
        return False
    canvas._draw_idle()
    return True


_HEIGHTS: dict[tuple, tuple[float | None, float | None, float | None]] = {}


class RendererAggHooks(RendererAgg):
    """A :class:`RendererAgg` that answers matplotlib 3.11's private text-layout hook from a cache.

    Text layout (3.11 and later) asks a renderer for ``_get_font_height_metrics``
    first, which by default looks the font file up for every text drawn; here
    once per font, size and resolution.  Older matplotlib never calls it.
    """

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[float | None, float | None, float | None]:
        key = (hash(prop), self.dpi)
        with LOCK:
            got = _HEIGHTS.get(key)
            if got is None:
                got = _HEIGHTS[key] = font_height_metrics(prop, self.dpi)
            return got
