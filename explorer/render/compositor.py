"""Fast date changes: composite two cached renders through a territory mask.

A full redraw of the map (coast, rivers, dozens of haloed labels) takes about
a hundred milliseconds.  Scrubbing only changes the territory and the fronts,
so :class:`TerritoryCompositor` renders the static map twice per view: once
with all Korean land in the communist colour and once in the UN colour, each
with every label and river on top.  For a new date it rasterises the UN side
into a mask, takes each pixel from one render or the other, and draws only
the fronts and the date texts over the result.  Where the two renders differ,
the boundary is the front itself, which is drawn over the seam.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.transforms import Affine2D, Bbox

from explorer.model.chronology import WarState
from explorer.render import style
from explorer.render.mapview import MapRenderer


class TerritoryCompositor:
    """Draws date changes of a :class:`MapRenderer` by compositing cached renders.

    Parameters
    ----------
    mapview
        The renderer whose figure lives on an Agg canvas.
    """

    def __init__(self, mapview: MapRenderer) -> None:
        self.mapview = mapview
        self._key: tuple | None = None
        self._communist: np.ndarray | None = None
        self._un: np.ndarray | None = None
        self._mask_renderer: RendererAgg | None = None

    @property
    def canvas(self) -> FigureCanvasAgg:
        return self.mapview.figure.canvas

    def _current_key(self) -> tuple:
        w, h = self.canvas.get_width_height(physical=True)
        return (w, h, self.mapview.generation)

    def is_valid(self) -> bool:
        """True while the cached renders match the view, size and layers."""
        return self._key == self._current_key() and self._communist is not None

    def invalidate(self) -> None:
        """Drop the cached renders (the next :meth:`compose` captures again)."""
        self._key = None

    def capture(self) -> None:
        """Render the static map in both colourings (two full draws)."""
        mv = self.mapview
        dyn = mv.dynamic_artists
        was = [a.get_visible() for a in dyn]
        for a in dyn:
            a.set_visible(False)
        base = mv.korea_base
        old_face = base.get_facecolor()
        territory = "territory" in mv.layers
        try:
            base.set_facecolor(style.COMMUNIST_FILL if territory else style.NEUTRAL_LAND)
            self.canvas.draw()
            self._communist = np.array(self.canvas.buffer_rgba(), copy=True).view(np.uint32)[:, :, 0]
            base.set_facecolor(style.UN_FILL if territory else style.NEUTRAL_LAND)
            self.canvas.draw()
            self._un = np.array(self.canvas.buffer_rgba(), copy=True).view(np.uint32)[:, :, 0]
        finally:
            base.set_facecolor(old_face)
            for a, v in zip(dyn, was):
                a.set_visible(v)
        self._key = self._current_key()

    def _mask(self, state: WarState, shape: tuple[int, int], rows: slice, cols: slice) -> np.ndarray:
        """The UN side rasterised over the given rows and columns of the canvas only."""
        h = shape[0]
        mh, mw = rows.stop - rows.start, cols.stop - cols.start
        r = self._mask_renderer
        if r is None or (r.width, r.height) != (mw, mh):
            r = self._mask_renderer = RendererAgg(mw, mh, self.mapview.figure.dpi)
        r.clear()
        gc = r.new_gc()
        gc.set_antialiased(False)
        gc.set_linewidth(0)
        # Agg flips display y (origin bottom-left) by its own height: shift the
        # display coordinates so that canvas row `rows.start` (counted from the
        # top) lands on the mask's first row and column `cols.start` on its first column.
        trans = self.mapview.ax.transData + Affine2D().translate(-cols.start, mh - h + rows.start)
        r.draw_path(gc, self.mapview.un_fill_path, trans, (1.0, 1.0, 1.0, 1.0))
        gc.restore()
        return np.asarray(r.buffer_rgba())[:, :, 3] > 127

    def changed_bbox(self) -> Bbox:
        """The display box that a date change can touch: Korea's bounds within the axes."""
        mv = self.mapview
        x0, y0, x1, y1 = mv.geodata.korea.bounds
        box = Bbox.from_extents(*mv.ax.transData.transform([(x0, y0), (x1, y1)]).ravel())
        box = Bbox.intersection(box.padded(6), mv.ax.bbox) or mv.ax.bbox
        if mv._overlay_text:
            for t in (mv.date_text, mv.phase_text, mv.note_text):
                box = Bbox.union([box, t.get_window_extent().padded(8)])
        return Bbox.intersection(box, mv.figure.bbox) or mv.figure.bbox

    def compose(self, state: WarState) -> Bbox:
        """Show *state*: composite the territory, then draw the dynamic artists.

        Returns the display box that changed (for blitting).
        """
        if not self.is_valid():
            self.capture()
        mv = self.mapview
        mv.set_state(state)  # also sets mv.un_fill_path
        # One 32-bit word per RGBA pixel: a quarter of the element count.
        buf = np.asarray(self.canvas.get_renderer().buffer_rgba()).view(np.uint32)[:, :, 0]
        assert self._communist is not None and self._un is not None
        h, w = buf.shape
        box = self.changed_bbox()
        c0, c1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), w)
        r0, r1 = max(h - int(np.ceil(box.y1)), 0), min(h - int(box.y0), h)
        if r1 <= r0 or c1 <= c0:
            return box
        mask = self._mask(state, buf.shape, slice(r0, r1), slice(c0, c1))
        region = buf[r0:r1, c0:c1]
        np.copyto(region, self._communist[r0:r1, c0:c1])
        np.copyto(region, self._un[r0:r1, c0:c1], where=mask)
        fig = mv.figure
        for a in mv.dynamic_artists:
            if a is mv.un_patch or not a.get_visible():
                continue
            fig.draw_artist(a)
        return box
