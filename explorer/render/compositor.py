"""Fast date changes: composite cached renders through a territory mask.

A full redraw of the map (coast, rivers, a hundred labels) takes tens of
milliseconds.  Scrubbing only changes the territory and the fronts, so
:class:`TerritoryCompositor` renders the static map per view: once with all
Korean land in the communist colour and once in the UN colour (rivers and
borders included, names left out), and once the place and river names and
town dots alone on a transparent page.  For a new date it rasterises the UN
side into a mask and, only in the boxes that can have changed (the old and
new places of each front, ring, arrow and marker, and where the territory
changed), takes each pixel from one render or the other, draws the fronts
and arrows, blends the names back over them (they lie above the fronts, as
in a full draw) and draws the event markers.  Where the two renders differ,
the boundary is the front itself, which is drawn over the seam.

An animation's names move round each week's arrows and markers.  With
``names_apart`` the two base renders leave the names' halos out as well:
the halos and the letters are each rendered alone (text only, no map) and
laid over every composite, the halos under the fronts and the letters over
them, so names that move cost two renders of the names and one composite of
the map, not three draws of the whole map.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox

from explorer.war.chronology import WarState
from explorer.render import style
from explorer.render.layers.base import same_shown
from explorer.render.mapview import MapRenderer


_EMPTY_INDEX = np.zeros(0, dtype=np.intp)
#: No inked pixels: rows, columns, flat indices, what is kept of the map, premultiplied colour.
_NO_INK: tuple = (_EMPTY_INDEX, _EMPTY_INDEX, _EMPTY_INDEX, np.zeros(0, dtype=np.uint32),
                  np.zeros((0, 3), dtype=np.uint32))


def _ink(rgba: np.ndarray, first_row: int = 0, end_row: int | None = None) -> tuple:
    """The inked pixels of a render on a transparent page (only its rows *first_row* to *end_row*
    looked at), row by row: rows, columns, flat indices, and in 1/256ths (for integer blending)
    what each leaves of the map under it and its colour times its opacity.  A few per cent of the map."""
    h, w = rgba.shape[:2]
    end_row = h if end_row is None else end_row
    # One 32-bit word per pixel, the opacity in its high byte (little-endian RGBA): a pixel is
    # inked when its word is above 0x00FFFFFF (a search of the contiguous words, not of a strided channel).
    words = np.ascontiguousarray(rgba).view(np.uint32).reshape(h, w)[first_row:end_row]
    flat = np.flatnonzero(words > np.uint32(0x00FFFFFF)) + first_row * w
    rows, cols = np.divmod(flat, w)
    px = rgba.reshape(-1, 4)[flat]
    alpha = px[:, 3].astype(np.uint32)
    keep = ((255 - alpha) * 256 + 127) // 255
    premul = (px[:, :3].astype(np.uint32) * alpha[:, None] * 256 + 127) // 255
    return rows, cols, flat, keep, premul


def _ink_box(ink: tuple) -> tuple[int, int, int, int] | None:
    """The buffer box (r0, r1, c0, c1) of inked pixels (rows sorted), or None."""
    rows, cols = ink[0], ink[1]
    if not len(rows):
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols.min()), int(cols.max()) + 1


def _bounds(xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The least and greatest x and y of (n, 2) points; NaN (a break in a line) ignored, as
    nanmin would, along the rows of a transposed copy (a twentieth of nanmin's time down the
    columns of a front)."""
    cols = np.ascontiguousarray(xy.T)
    return np.fmin.reduce(cols, axis=1), np.fmax.reduce(cols, axis=1)


def _outer_boxes(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """*boxes* (r0, r1, c0, c1) less those inside another (and repeats), largest first.

    A step's boxes repeat one another: the front and its casing have one box,
    and the old front's, rings' and markers' boxes mostly lie inside the new
    ones.  Redoing a box inside another redoes the same pixels again (and
    repaints them again on screen): a drag's 15-19 boxes a step are 3-8.
    """
    out: list[tuple[int, int, int, int]] = []
    for b in sorted(set(boxes), key=lambda b: (b[1] - b[0]) * (b[3] - b[2]), reverse=True):
        if not any(o[0] <= b[0] and b[1] <= o[1] and o[2] <= b[2] and b[3] <= o[3] for o in out):
            out.append(b)
    return out


class TerritoryCompositor:
    """Draws date changes of a :class:`MapRenderer` by compositing cached renders.

    Parameters
    ----------
    mapview
        The renderer whose figure lives on an Agg canvas.
    names_apart
        Keep the names' halos out of the base renders too, so that
        :meth:`names_moved` can lay out names anew without drawing the map.
    """

    #: Renders of the steady artists (hatched zones) kept, one per pair of
    #: records (the war has about 110 pairs; all of them take about 3 MB).
    STEADY_CACHE = 160

    def __init__(self, mapview: MapRenderer, names_apart: bool = False) -> None:
        self.mapview = mapview
        self.names_apart = names_apart
        self._key: tuple | None = None
        self._steady_cache: OrderedDict[tuple, tuple] = OrderedDict()
        self._communist: np.ndarray | None = None
        self._un: np.ndarray | None = None
        self._mask_renderer: RendererAgg | None = None
        self._ink_rows = self._ink_cols = np.zeros(0, dtype=np.intp)
        self._names_z = np.inf
        self._bbox_key: tuple | None = None
        self._bbox: Bbox | None = None
        self._ink_flat = np.zeros(0, dtype=np.intp)
        self._ink_keep = np.zeros(0, dtype=np.uint32)
        self._ink_premul = np.zeros((0, 3), dtype=np.uint32)
        # With names apart: the halos' inked pixels (as the steady ink) and the renderer the names
        # are rendered on.
        self._halo_ink: tuple = _NO_INK
        self._names_renderer: RendererAgg | None = None
        # The buffer box (r0, r1, c0, c1) that names (with names apart) and the names of dated places
        # have covered since the capture: each composite's region takes it in, so that a name that
        # reaches past Korea's bounds is put right wherever it was drawn.
        self._drawn_box: tuple[int, int, int, int] | None = None
        # What the buffer holds since the last compose: the UN mask and the
        # box of the dynamic artists, in buffer pixels (rows from the top).
        # A full draw of the figure (a draw_event) makes them unknown again.
        self._prev_mask: np.ndarray | None = None
        # The rings the previous mask was rasterised from (kept, so that their ids stay theirs),
        # the offshore ground and the view it was made with (see _mask_now).
        self._prev_rings: list[np.ndarray] | None = None
        self._prev_fill_key: tuple | None = None
        self._window_renderer: RendererAgg | None = None
        self._prev_region: tuple[int, int, int, int] | None = None
        self._prev_dynamic: list[tuple[int, int, int, int]] | None = None
        # What the layers over the territory showed at the last composite (MapRenderer.shown_keys).
        self._prev_shown: list | None = None
        #: Composites that found nothing to redo (the map the same as the last one's): counted for tests.
        self.unchanged_steps = 0
        self.last_boxes: list[Bbox] = []
        self._cid: int | None = None
        self._connect()

    def _connect(self) -> None:
        canvas = self.mapview.figure.canvas
        if canvas is not None and self._cid is None:
            self._cid = canvas.mpl_connect("draw_event", lambda _event: self._forget())

    def _forget(self) -> None:
        self._prev_mask = None
        self._prev_dynamic = None
        self._prev_shown = None
        self._steady_key: tuple | None = None

    @property
    def canvas(self) -> FigureCanvasAgg:
        canvas = self.mapview.figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)  # an Agg canvas (or Qt's, built on it)
        return canvas

    def _current_key(self) -> tuple:
        w, h = self.canvas.get_width_height(physical=True)
        return (w, h, self.mapview.generation)

    def is_valid(self) -> bool:
        """True while the cached renders match the view, size and layers."""
        return self._key == self._current_key() and self._communist is not None

    def invalidate(self) -> None:
        """Drop the cached renders (the next :meth:`compose` captures again)."""
        self._key = None

    def capture(self, draw: Callable[[], object] | None = None) -> None:
        """Render the static map in both colourings, and its names and dots on their own (three full draws).

        The names and dots go above the fronts, as in a full draw; keeping
        them out of the two base renders lets each composite lay them over
        the fronts again.  *draw* draws the two base renders (default: the
        canvas's full draw); an export's animation draws only its map there,
        over its page kept from before.  With names apart the base renders
        leave out the halos too, and the names are rendered alone after them.
        """
        draw_base = draw if draw is not None else self.canvas.draw
        mv = self.mapview
        dyn = mv.dynamic_artists
        over = mv.overlay_artists
        was = [a.get_visible() for a in dyn]
        for a in dyn:
            a.set_visible(False)
        base = mv.korea_base
        old_face = base.get_facecolor()
        territory = "territory" in mv.layers
        try:
            if not self.names_apart:
                self._capture_overlay(over)
            # The base renders keep the names' halos (under the fronts), not their letters;
            # with names apart, neither.
            with mv.names_hidden(keep_halos=not self.names_apart):
                base.set_facecolor(style.COMMUNIST_FILL if territory else style.NEUTRAL_LAND)
                draw_base()
                self._communist = np.array(self.canvas.buffer_rgba(), copy=True).view(np.uint32)[:, :, 0]
                base.set_facecolor(style.UN_FILL if territory else style.NEUTRAL_LAND)
                draw_base()
                self._un = np.array(self.canvas.buffer_rgba(), copy=True).view(np.uint32)[:, :, 0]
            self._drawn_box = None
            if self.names_apart:
                # (After the base renders: a draw sets the map's final place on the page.)
                self._render_names()
            # Leave the buffer a whole static map: the names over the last render.
            self._blend_ink(None, *self._halo_ink)
            self._lay_overlay(None)
        finally:
            base.set_facecolor(old_face)
            for a, v in zip(dyn, was):
                a.set_visible(v)
        self._key = self._current_key()
        self._forget()  # the buffer no longer holds the last composite
        #: The lowest z-order of the names: dynamic artists above it are drawn after them.
        self._names_z = min((a.get_zorder() for a in over), default=np.inf)

    def names_moved(self) -> None:
        """The names were laid out anew (names apart only): render them again, and redo the whole
        map at the next :meth:`compose`, where they were as well as where they are."""
        if not self.names_apart or not self.is_valid():
            self.invalidate()
            return
        self._render_names()
        self._forget()

    def _render_names(self) -> None:
        """Render the names' halos, then their letters and the town dots, alone (names apart)."""
        mv = self.mapview
        canvas = self.canvas
        w, h = canvas.get_width_height(physical=True)
        r = self._names_renderer
        renderer_type = type(canvas.get_renderer())  # the canvas's own kind, for the same glyphs
        if r is None or (r.width, r.height, r.dpi) != (w, h, mv.figure.dpi) or type(r) is not renderer_type:
            r = self._names_renderer = renderer_type(w, h, mv.figure.dpi)
        # The names are clipped to the map: only its rows are searched for ink.
        box = mv.ax.bbox
        rows = (max(h - int(np.ceil(box.y1)) - 1, 0), min(h - int(np.floor(box.y0)) + 1, h))
        r.clear()
        mv.name_halos.draw(r)
        self._halo_ink = _ink(np.asarray(r.buffer_rgba()), *rows)
        r.clear()
        for a in sorted(mv.overlay_artists, key=lambda a: a.get_zorder()):
            a.draw(r)
        (self._ink_rows, self._ink_cols, self._ink_flat, self._ink_keep,
         self._ink_premul) = _ink(np.asarray(r.buffer_rgba()), *rows)
        self._grow_drawn_box([b for b in (_ink_box(self._halo_ink), _ink_box((self._ink_rows, self._ink_cols)))
                              if b is not None])

    def _grow_drawn_box(self, boxes: list[tuple[int, int, int, int]]) -> None:
        """Take *boxes* (r0, r1, c0, c1) into the box names have covered since the capture."""
        if self._drawn_box is not None:
            boxes = [self._drawn_box, *boxes]
        if boxes:
            self._drawn_box = (min(b[0] for b in boxes), max(b[1] for b in boxes),
                               min(b[2] for b in boxes), max(b[3] for b in boxes))

    def _capture_overlay(self, over: list) -> None:
        """Render the overlay artists (the names' letters, the dots) alone on a transparent page."""
        fig, ax = self.mapview.figure, self.mapview.ax
        # Only the overlay: hide every other child of the axes, and both backgrounds.
        patches = (fig.patch, ax.patch)
        was_patch = [p.get_visible() for p in patches]
        # (An export's page also has a title, a key and a scale box around or on the map.)
        others = [a for a in fig.get_children() if a is not ax and a not in patches and a.get_visible()]
        others += [a for a in ax.get_children() if a not in over and a not in patches and a.get_visible()]
        for a in others:
            a.set_visible(False)
        for p in patches:
            p.set_visible(False)
        try:
            self.canvas.draw()
            rgba = np.array(self.canvas.buffer_rgba(), copy=True)
        finally:
            for a in others:
                a.set_visible(True)
            for p, v in zip(patches, was_patch):
                p.set_visible(v)
        (self._ink_rows, self._ink_cols, self._ink_flat, self._ink_keep, self._ink_premul) = _ink(rgba)

    def _mask_now(self, state: WarState, shape: tuple[int, int],
                  region: tuple[int, int, int, int]) -> tuple[np.ndarray, tuple[int, int, int, int] | None]:
        """The UN side rasterised over the *region* (r0, r1, c0, c1) of the canvas, and the window
        of it that was rasterised again (``None``: all of it, and the change is not bounded).

        Between two records a day's rings are the morph's: the rings outside its grid (and,
        before anything moves or once all has, the record's) are the same arrays from one day
        to the next.  The rasteriser's coverage is a sum over the rings' edges, so pixels
        outside the rings that differ keep their value: only the box of the rings that went or
        came is rasterised again, and the rest of the last mask kept (a drag between records
        rasterised the whole of Korea's box, about 0.3 ms a step, for a change in 2-3% of it).
        """
        r0, r1, c0, c1 = region
        rings = list(state.frame.fill_rings) if state.frame is not None else None
        fill_key = (region, id(state.offshore), self.mapview.ax.viewLim.bounds, self.mapview.generation)
        prev, prev_rings, prev_key = self._prev_mask, self._prev_rings, self._prev_fill_key
        self._prev_rings, self._prev_fill_key = rings, fill_key
        if prev is None or prev_rings is None or rings is None or prev_key != fill_key:
            return self._mask(shape, slice(r0, r1), slice(c0, c1)), None
        before = {id(a): a for a in prev_rings}
        now = {id(a): a for a in rings}
        gone = [a for k, a in before.items() if k not in now] + [a for k, a in now.items() if k not in before]
        gone = [a for a in gone if len(a)]
        if not gone:
            return prev, (r0, r0, c0, c0)
        lo, hi = _bounds(np.concatenate(gone))
        (x0, y0), (x1, y1) = self.mapview.ax.transData.transform([lo, hi])
        if not np.isfinite([x0, y0, x1, y1]).all():
            return self._mask(shape, slice(r0, r1), slice(c0, c1)), None
        h = shape[0]
        pad = 2  # a pixel whose centre lies on the box's edge, and rounding
        wr0, wr1 = max(h - int(np.ceil(max(y0, y1))) - pad, r0), min(h - int(np.floor(min(y0, y1))) + pad, r1)
        wc0, wc1 = max(int(np.floor(min(x0, x1))) - pad, c0), min(int(np.ceil(max(x0, x1))) + pad, c1)
        if wr1 <= wr0 or wc1 <= wc0:
            return prev, (r0, r0, c0, c0)
        mask = prev.copy()
        mask[wr0 - r0:wr1 - r0, wc0 - c0:wc1 - c0] = self._mask(shape, slice(wr0, wr1), slice(wc0, wc1), window=True)
        return mask, (wr0, wr1, wc0, wc1)

    def _mask(self, shape: tuple[int, int], rows: slice, cols: slice, window: bool = False) -> np.ndarray:
        """The UN side rasterised over the given rows and columns of the canvas only (with
        *window*, on a renderer kept for windows, at least that large)."""
        h = shape[0]
        mh, mw = rows.stop - rows.start, cols.stop - cols.start
        if window:
            r = self._window_renderer
            if r is None or r.width < mw or r.height < mh:
                size = (64 * -(-max(mw, r.width if r else 0) // 64), 64 * -(-max(mh, r.height if r else 0) // 64))
                r = self._window_renderer = RendererAgg(size[0], size[1], self.mapview.figure.dpi)
        else:
            r = self._mask_renderer
            if r is None or (r.width, r.height) != (mw, mh):
                r = self._mask_renderer = RendererAgg(mw, mh, self.mapview.figure.dpi)
        r.clear()
        gc = r.new_gc()
        gc.set_antialiased(False)
        gc.set_linewidth(0)
        # Agg flips display y (origin bottom-left) by its own height: shift the
        # display coordinates so that canvas row `rows.start` (counted from the
        # top) lands on the renderer's first row and column `cols.start` on its first column.
        trans = self.mapview.ax.transData + Affine2D().translate(-cols.start, r.height - h + rows.start)
        r.draw_path(gc, self.mapview.territory.un_fill_path, trans, (1.0, 1.0, 1.0, 1.0))
        gc.restore()
        return np.asarray(r.buffer_rgba())[:mh, :mw, 3] > 127

    def changed_bbox(self) -> Bbox:
        """The display box that a date change can touch: Korea's bounds within the axes."""
        key = (self._current_key(), self.mapview.ax.viewLim.bounds)
        if self._bbox_key != key or self.mapview.card.shown:  # overlaid date texts change with the date
            self._bbox = self._changed_bbox()
            self._bbox_key = key
        assert self._bbox is not None
        if self._drawn_box is not None:
            # Names are redone wherever they were drawn, even beyond Korea's bounds.
            # (Plain numbers: Bbox.union and Bbox.intersection took a tenth of a millisecond a step.)
            h = self.canvas.get_width_height(physical=True)[1]
            r0, r1, c0, c1 = self._drawn_box
            b, f = self._bbox, self.mapview.figure.bbox
            x0, x1 = max(min(b.x0, c0), f.x0), min(max(b.x1, c1), f.x1)
            y0, y1 = max(min(b.y0, h - r1), f.y0), min(max(b.y1, h - r0), f.y1)
            return Bbox.from_extents(x0, y0, x1, y1) if x0 <= x1 and y0 <= y1 else self._bbox
        return self._bbox

    def _changed_bbox(self) -> Bbox:
        mv = self.mapview
        x0, y0, x1, y1 = mv.geodata.korea.bounds
        box = Bbox.from_extents(*mv.ax.transData.transform([(x0, y0), (x1, y1)]).ravel())
        box = Bbox.intersection(box.padded(6), mv.ax.bbox) or mv.ax.bbox
        if mv.card.shown:
            for t in (mv.card.date_text, mv.card.phase_text, mv.card.note_text):
                box = Bbox.union([box, t.get_window_extent().padded(8)])
        return Bbox.intersection(box, mv.figure.bbox) or Bbox(mv.figure.bbox.get_points())

    def compose(self, state: WarState, shown: bool = False) -> Bbox:
        """Show *state*: composite the territory, then draw the dynamic artists.

        With *shown* the renderer's artists show *state* already (an animation's page has just
        been set to its date), and are not set again.  Returns the display box that changed
        (for blitting); an empty one when nothing drawn differs from the last composite (the
        same territory, hatches and :meth:`MapRenderer.shown_keys`), which is then not redone.
        """
        if not self.is_valid():
            self.capture()
        mv = self.mapview
        if not (shown and mv.state is state):
            mv.set_state(state)  # also sets mv.un_fill_path
        # One 32-bit word per RGBA pixel: a quarter of the element count.
        buf = np.asarray(self.canvas.get_renderer().buffer_rgba()).view(np.uint32)[:, :, 0]
        assert self._communist is not None and self._un is not None
        h, w = buf.shape
        dynamic, names = self._dynamic_boxes(h, w)
        self._grow_drawn_box(names)
        box = self.changed_bbox()
        c0, c1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), w)
        r0, r1 = max(h - int(np.ceil(box.y1)), 0), min(h - int(box.y0), h)
        if r1 <= r0 or c1 <= c0:
            return box
        self._connect()
        region_key = (r0, r1, c0, c1)
        mask, window = self._mask_now(state, buf.shape, region_key)
        # (No change of the mask can lie outside the window rasterised again: all of the region when unbounded.)
        wr0, wr1, wc0, wc1 = window if window is not None else region_key
        mask_redone = wr1 > wr0 and wc1 > wc0
        steady_changed = self._update_steady(h, w)
        shown_now = mv.shown_keys()
        shown_before, self._prev_shown = self._prev_shown, shown_now
        if (self._prev_mask is not None and self._prev_region == region_key and self._prev_dynamic is not None
                and not mask_redone and not steady_changed
                and shown_before is not None and all(k is not None for k in shown_now)
                and same_shown(shown_now, shown_before)):
            # The same territory, hatches, fronts, arrows, markers and names as the last composite
            # (many days between two records of the same front): the buffer shows this date already.
            self._prev_mask, self._prev_dynamic = mask, dynamic
            self.unchanged_steps += 1
            self.last_boxes = []
            return Bbox.from_extents(c0, h - r0, c0, h - r0)
        # Only what can differ from the buffer is redone: where the territory
        # changed, and where the old and the new fronts, rings, arrows and
        # markers lie.  Dragging day by day, that is a few strips and spots.
        if self._prev_mask is None or self._prev_region != region_key or self._prev_dynamic is None:
            boxes = [(r0, r1, c0, c1)]
        else:
            boxes = dynamic + self._prev_dynamic + steady_changed
            if mask_redone:
                changed = mask[wr0 - r0:wr1 - r0, wc0 - c0:wc1 - c0] != self._prev_mask[wr0 - r0:wr1 - r0,
                                                                                         wc0 - c0:wc1 - c0]
                rows = np.flatnonzero(changed.any(axis=1))
                if len(rows):
                    cols = np.flatnonzero(changed.any(axis=0))
                    boxes.append((wr0 + rows[0], wr0 + rows[-1] + 1, wc0 + cols[0], wc0 + cols[-1] + 1))
            boxes = [(max(a, r0), min(b, r1), max(c, c0), min(d, c1)) for a, b, c, d in boxes]
            boxes = _outer_boxes([b for b in boxes if b[1] > b[0] and b[3] > b[2]])
        self._prev_mask, self._prev_region, self._prev_dynamic = mask, region_key, dynamic
        for ur0, ur1, uc0, uc1 in boxes:
            sub = mask[ur0 - r0:ur1 - r0, uc0 - c0:uc1 - c0]
            region = buf[ur0:ur1, uc0:uc1]
            np.copyto(region, self._communist[ur0:ur1, uc0:uc1])
            np.copyto(region, self._un[ur0:ur1, uc0:uc1], where=sub)
        if self.names_apart:
            self._blend_ink(boxes, *self._halo_ink)  # the names' halos, under all that changes
        # Ground changing hands and zones held by neither side change only from
        # one pair of records to the next: their pixels, rendered once, are
        # blended into the redone boxes (drawing them whole each step would
        # darken their translucent hatch outside the boxes, or cost a box as
        # large as themselves).
        self._blend_ink(boxes, *self._steady_ink)
        fig = mv.figure
        steady = set(map(id, self._steady_artists()))
        un_patch = mv.territory.un_patch
        top = [a for a in mv.dynamic_artists if a is not un_patch and a.get_visible() and id(a) not in steady]
        names_z = self._names_z
        for a in top:
            if a.get_zorder() < names_z:
                fig.draw_artist(a)
        self._lay_overlay(boxes)
        for a in top:
            if a.get_zorder() >= names_z:
                fig.draw_artist(a)
        #: The display boxes redone by the last compose (for blitting them one by one).
        self.last_boxes = [Bbox.from_extents(c, h - b, d, h - a) for a, b, c, d in boxes]
        if not boxes:
            return Bbox.from_extents(c0, h - r0, c0, h - r0)
        return Bbox.from_extents(min(b[2] for b in boxes), h - max(b[1] for b in boxes),
                                 max(b[3] for b in boxes), h - min(b[0] for b in boxes))

    def _lay_overlay(self, boxes: list[tuple[int, int, int, int]] | None) -> None:
        """Blend the names and dots over the redone boxes (all of the map for ``None``), each pixel once."""
        self._blend_ink(boxes, self._ink_rows, self._ink_cols, self._ink_flat, self._ink_keep, self._ink_premul)

    def _blend_ink(self, boxes: list[tuple[int, int, int, int]] | None, rows: np.ndarray, cols: np.ndarray,
                   flat_all: np.ndarray, keep_all: np.ndarray, premul_all: np.ndarray) -> None:
        """Blend pre-rendered ink (its pixels, what it keeps of the map, its premultiplied colour) over the boxes."""
        if boxes is None:
            pick = np.arange(len(rows))
        else:
            # Boxes overlap: marking the pixels first blends one in two boxes once.
            marked = np.zeros(len(rows), dtype=bool)
            for r0, r1, c0, c1 in boxes:
                lo, hi = np.searchsorted(rows, (r0, r1))
                marked[lo:hi] |= (cols[lo:hi] >= c0) & (cols[lo:hi] < c1)
            pick = np.flatnonzero(marked)
        if not len(pick):
            return
        # One 32-bit word per pixel, R in the low byte (little-endian RGBA).
        words = np.asarray(self.canvas.get_renderer().buffer_rgba()).view(np.uint32).reshape(-1)
        flat = flat_all[pick]
        px = words[flat]
        keep = keep_all[pick]
        premul = premul_all[pick]
        out = px & np.uint32(0xFF000000)
        for k, shift in enumerate((0, 8, 16)):
            channel = (px >> np.uint32(shift)) & np.uint32(0xFF)
            out |= ((channel * keep + premul[:, k] + np.uint32(128)) >> np.uint32(8)) << np.uint32(shift)
        words[flat] = out

    def _steady_artists(self) -> list:
        return list(getattr(self.mapview, "steady_artists", []))

    def _steady_cache_key(self, arts: list, h: int, w: int) -> tuple:
        return (tuple(id(a.get_path()) if a.get_visible() else None for a in arts), h, w,
                self.mapview.generation, self.mapview.ax.viewLim.bounds)

    def _cached_steady(self, key: tuple, paths: tuple) -> tuple | None:
        """The kept render for *key*, if its paths are the same objects (ids are never reused while kept)."""
        hit = self._steady_cache.get(key)
        if hit is not None and all(p is q for p, q in zip(hit[2], paths)):
            self._steady_cache.move_to_end(key)
            return hit
        return None

    def _update_steady(self, h: int, w: int) -> list[tuple[int, int, int, int]]:
        """Render the steady artists' pixels again when they changed; the boxes to redo then (old and new)."""
        arts = self._steady_artists()
        key = self._steady_cache_key(arts, h, w)
        if key == getattr(self, "_steady_key", None):
            return []
        old_box = getattr(self, "_steady_box", None)
        self._steady_key = key
        # A scrub goes back and forth over the same pairs of records: their
        # renders are kept (a few thousand pixels each), and made ahead in
        # idle time (see :meth:`render_steady_ahead`).
        paths = tuple(a.get_path() if a.get_visible() else None for a in arts)
        hit = self._cached_steady(key, paths)
        if hit is None:
            hit = self._render_steady(arts, h, w, key, paths)
        self._steady_ink, self._steady_box = hit[0], hit[1]
        return [b for b in (old_box, self._steady_box) if b is not None]

    def render_steady_ahead(self, state: WarState) -> bool:
        """Render and keep the steady artists of *state* (another date) without changing what is shown.

        Returns True if a render was made (False if it was already kept or
        the cached renders are stale).  The window calls this in idle time
        for a day of each pair of records, so that a jump to any day finds
        its hatch ready.
        """
        if not self.is_valid():
            return False
        mv = self.mapview
        shown = mv.state
        h, w = self._un.shape if self._un is not None else (0, 0)
        layers = [mv.changing, mv.zones] if hasattr(mv, "changing") else []
        arts = self._steady_artists()
        made = False
        try:
            for layer in layers:
                layer.set_state(state, mv.layers)
            key = self._steady_cache_key(arts, h, w)
            paths = tuple(a.get_path() if a.get_visible() else None for a in arts)
            if self._cached_steady(key, paths) is None:
                self._render_steady(arts, h, w, key, paths)
                made = True
        finally:
            if shown is not None:
                for layer in layers:
                    layer.set_state(shown, mv.layers)
        return made

    def _render_steady(self, arts: list, h: int, w: int, key: tuple, paths: tuple) -> tuple:
        """Render the visible steady artists alone and keep their inked pixels under *key*."""
        shown = [a for a in arts if a.get_visible()]
        empty = np.zeros(0, dtype=np.intp)
        box: tuple[int, int, int, int] | None
        if not shown:
            ink: tuple = (empty, empty, empty, np.zeros(0, dtype=np.uint32), np.zeros((0, 3), dtype=np.uint32))
            box = None
        else:
            r = RendererAgg(w, h, self.mapview.figure.dpi)
            for a in shown:
                a.draw(r)
            rgba = np.asarray(r.buffer_rgba())
            # Look for ink only within the artists' extents (a full-page search costs more than the drawing).
            ext = [self._extents(a.get_path()) for a in shown]
            lo = self.mapview.ax.transData.transform([(e.x0, e.y0) for e in ext])
            hi = self.mapview.ax.transData.transform([(e.x1, e.y1) for e in ext])
            bx0 = max(int(np.floor(min(lo[:, 0].min(), hi[:, 0].min()))) - 2, 0)
            bx1 = min(int(np.ceil(max(lo[:, 0].max(), hi[:, 0].max()))) + 2, w)
            by0 = max(h - int(np.ceil(max(lo[:, 1].max(), hi[:, 1].max()))) - 2, 0)
            by1 = min(h - int(np.floor(min(lo[:, 1].min(), hi[:, 1].min()))) + 2, h)
            if bx1 <= bx0 or by1 <= by0:
                rows = cols = np.zeros(0, dtype=np.intp)
            else:
                rows, cols = np.nonzero(rgba[by0:by1, bx0:bx1, 3])
                rows, cols = rows + by0, cols + bx0
            alpha = rgba[rows, cols, 3].astype(np.uint32)
            # As for the names: in 1/256ths, colour times opacity and what is left of the map.
            premul = (rgba[rows, cols, :3].astype(np.uint32) * alpha[:, None] * 256 + 127) // 255
            ink = (rows, cols, rows * w + cols, ((255 - alpha) * 256 + 127) // 255, premul)
            box = (int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1) if len(rows) else None
        entry = (ink, box, paths)
        cache = self._steady_cache
        cache[key] = entry
        while len(cache) > self.STEADY_CACHE:
            cache.popitem(last=False)
        return entry

    def _extents(self, path):
        """A path's data extents, remembered while the same path object is shown (the hatch of a pair of records)."""
        cache = self.__dict__.setdefault("_extent_cache", {})
        hit = cache.get(id(path))
        if hit is not None and hit[0] is path:
            return hit[1]
        e = path.get_extents()
        if len(cache) > 32:
            cache.clear()
        cache[id(path)] = (path, e)
        return e

    def _dynamic_boxes(self, h: int, w: int) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
        """Buffer boxes (r0, r1, c0, c1) that the visible dynamic artists can touch, one per artist or
        marker; and, among them, those of the dynamic names."""
        mv = self.mapview
        corners = []  # data-space boxes: x0, y0, x1, y1
        un_patch = mv.territory.un_patch
        steady = set(map(id, self._steady_artists()))
        texts: list[tuple[float, float, float, float]] = []  # display boxes of names: x0, y0, x1, y1
        names: list[Text] = []
        for a in mv.dynamic_artists:
            if a is un_patch or not a.get_visible() or id(a) in steady:
                continue
            if isinstance(a, Line2D):
                xy = np.asarray(a.get_xydata())
                if len(xy):
                    lo, hi = _bounds(xy)
                    corners.append((lo[0], lo[1], hi[0], hi[1]))
            elif isinstance(a, PathPatch):
                e = self._extents(a.get_path())
                corners.append((e.x0, e.y0, e.x1, e.y1))
            elif isinstance(a, PathCollection):
                corners.extend((x, y, x, y) for x, y in np.asarray(a.get_offsets()))
            elif isinstance(a, Text):  # a name that changes with the date: its box on the page
                names.append(a)
            else:  # an artist of another kind: redo the whole region
                return [(0, h, 0, w)], []
        if names:
            # (Measured once per wording and moved to the name's anchor, as the labels layer does.)
            pad_px = 4.0
            texts = [(x0 - pad_px, y0 - pad_px, x1 + pad_px, y1 + pad_px)
                     for x0, y0, x1, y1 in mv.labels.window_boxes(names, self.canvas.get_renderer())]
        text_boxes = [(max(h - int(np.ceil(y1)), 0), min(h - int(np.floor(y0)), h),
                       max(int(np.floor(x0)), 0), min(int(np.ceil(x1)), w)) for x0, y0, x1, y1 in texts]
        if not corners:
            return text_boxes, text_boxes
        c = np.asarray(corners, dtype=float)
        lo = mv.ax.transData.transform(c[:, :2])
        hi = mv.ax.transData.transform(c[:, 2:])
        if not (np.isfinite(lo).all() and np.isfinite(hi).all()):
            return [(0, h, 0, w)], text_boxes
        pad = 14 * mv.figure.dpi / 72  # the widest line's half width, a marker's half size, anti-aliasing
        x0 = np.floor(np.minimum(lo[:, 0], hi[:, 0]) - pad).astype(int)
        x1 = np.ceil(np.maximum(lo[:, 0], hi[:, 0]) + pad).astype(int)
        y0 = np.floor(np.minimum(lo[:, 1], hi[:, 1]) - pad).astype(int)
        y1 = np.ceil(np.maximum(lo[:, 1], hi[:, 1]) + pad).astype(int)
        return [(max(h - b, 0), min(h - a, h), max(left, 0), min(r, w))
                for left, a, r, b in zip(x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist())] + text_boxes, text_boxes
