"""Map snapshots as finished maps: PNG, SVG and PDF drawn into a bare Figure.

This is the one export path of the app: the window's dialog, the command line
(``korean-war-explorer export``), the animation writer and the tests all go
through :class:`SnapshotFigure` and :func:`export_snapshot`.  Nothing here
opens a window or touches ``pyplot``.

A snapshot is laid out like a printed map:

- a header with the title (``15 September 1950: Inchon landing``), the phase
  of the war (with its timeline colour) and what kind of front is shown;
- the map, in EPSG:5179 metres so that the scale bar is true, with a north
  arrow pointing to true north at the centre of the view;
- the key beside the map, or below it on a portrait page;
- optionally, a caption listing the sources the app cites for that date;
- the data credits along the bottom.

The pieces live beside this module: pages, presets and views in
:mod:`explorer.render.page`, the title and citations in
:mod:`explorer.render.words`, file writing in :mod:`explorer.render.filewrite`,
the key in :mod:`explorer.render.key`, the credits in
:mod:`explorer.render.credits`, the scale bar and north arrow in
:mod:`explorer.render.scalebar`.  This module lays them out on a page.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from explorer.render import style
from explorer.render.credits import CREDITS
from explorer.render.filewrite import atomic_write, check_target, save_figure
from explorer.render.halotext import FastTextCanvasAgg
from explorer.render.key import key_entries, legend_handle
from explorer.render.mapview import MapRenderer
from explorer.render.page import (
    FORMATS,
    PRESETS,
    ExportCancelled,
    ExportError,
    Page,
    View,
    format_for,
    lonlat_extent,
    page_for,
    parse_size,
    parse_view,
)
from explorer.render.scalebar import ScaleAndNorth
from explorer.render.words import (
    bundled_events,
    date_citations,
    headline,
    snapshot_title,
    status_line,
)
from explorer.war.chronology import (
    Chronology,
    WarState,
    as_date,
    format_date,
    side_names,
)

__all__ = [
    "CREDITS",
    "FORMATS",
    "PRESETS",
    "ExportCancelled",
    "ExportError",
    "Page",
    "SnapshotFigure",
    "View",
    "atomic_write",
    "check_target",
    "date_citations",
    "export_snapshot",
    "format_for",
    "headline",
    "lonlat_extent",
    "page_for",
    "parse_size",
    "parse_view",
    "snapshot_title",
]

# Text sizes in points.
TITLE_PT = 22.0
HEADLINE_PT = 16.0
TITLE_MIN_PT = 12.0
PHASE_PT = 13.0
STATUS_PT = 10.5
LEGEND_PT = 10.0
CAPTION_PT = 8.0
CAPTION_MIN_PT = 5.5
CREDITS_PT = 6.5
SCALE_PT = 8.0
MARGIN_IN = 0.2
GAP_IN = 0.18

#: The one place a snapshot's figure is written (tests replace it to simulate a failing disk).
_save_figure = save_figure


#: Page shapes: wide pages get a text column beside the map, squarish pages a
#: header with the key beside the map, tall pages a header with the key below.
COLUMN_MIN_RATIO = 1.3
SIDE_MIN_RATIO = 0.95


class SnapshotFigure:
    """A finished-map figure for one page and view; show any date on it.

    The figure, its :class:`~explorer.render.mapview.MapRenderer` and the
    layout are built once.  :meth:`set_date` changes only what depends on the
    date (territory, fronts, title, phase, status and caption), so one
    instance renders every frame of an animation.

    Parameters
    ----------
    chronology
        The loaded chronology.
    page
        Pixel size and DPI (see :func:`page_for`).
    view
        ``"peninsula"`` or an extent (xmin, xmax, ymin, ymax) in map metres,
        for example the window's ``mapview.view()``.
    caption
        Print the sources cited for the date.
    layers, romanization
        As the window shows them (default: every layer, wartime names).
    events
        The chronology of events (default: the chronology's own).
    catalogue
        The source catalogue (default: the bundled one).
    """

    def __init__(self, chronology: Chronology, page: Page | None = None, *, view: View = "peninsula",
                 caption: bool = False, layers: Iterable[str] | None = None, romanization: str = "wartime",
                 events: Sequence[Any] | None = None, catalogue: Any | None = None) -> None:
        self.chronology = chronology
        self.page = page or PRESETS["slide"]
        self.caption = bool(caption)
        if events is None:
            events = getattr(chronology, "events", None) or bundled_events()
        self.events = list(events)
        self.catalogue = catalogue
        self.figure = Figure(figsize=self.page.inches, dpi=self.page.dpi, facecolor="white")
        FastTextCanvasAgg(self.figure)
        self.mapview = MapRenderer(self.figure, chronology, overlay_text=False)
        if layers is not None:
            self.mapview.set_layers(layers)
        if romanization != "wartime":
            self.mapview.set_romanization(romanization)
        if isinstance(view, str):
            if view != "peninsula":
                raise ExportError(f"unknown view {view!r}: use 'peninsula' or an extent")
            self.extent = self.mapview.home_bounds()
        else:
            x0, x1, y0, y1 = (float(v) for v in view)
            if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or not (x1 > x0 and y1 > y0):
                raise ExportError(f"the view extent must have xmin < xmax and ymin < ymax, not {view!r}")
            self.extent = (x0, x1, y0, y1)
        wi, hi = self.figure.get_size_inches()
        ratio = wi / hi
        self.mode = "column" if ratio >= COLUMN_MIN_RATIO else "side" if ratio >= SIDE_MIN_RATIO else "bottom"
        self.state: WarState | None = None
        self.title = ""
        self._caption_lines: list[str] | None = None
        self.scale_north = ScaleAndNorth(self.mapview, SCALE_PT)
        self.legend: Legend | None = None
        self._build_texts()
        self._layout_done = False

    # ------------------------------------------------------------------ building

    def _build_texts(self) -> None:
        fig = self.figure
        self.title_text = fig.text(0, 1, "", fontsize=TITLE_PT, fontweight="bold", color=style.TITLE,
                                   ha="left", va="top")
        self.headline_text = fig.text(0, 1, "", fontsize=HEADLINE_PT, fontweight="bold", color=style.TITLE,
                                      ha="left", va="top")
        self.phase_swatch = Rectangle((0, 0), 0.01, 0.01, transform=fig.transFigure, facecolor="white",
                                      edgecolor="#555555", linewidth=0.5)
        fig.add_artist(self.phase_swatch)
        self.phase_text = fig.text(0, 1, "", fontsize=PHASE_PT, color=style.TITLE, ha="left", va="top")
        self.status_text = fig.text(0, 1, "", fontsize=STATUS_PT, color="#444444", style="italic",
                                    ha="left", va="top")
        self.credits_text = fig.text(0, 0, "", fontsize=CREDITS_PT, color="#555555", ha="left", va="bottom",
                                     linespacing=1.25)
        self.caption_head = fig.text(0, 0, "Sources for this date", fontsize=CAPTION_PT + 1.5, fontweight="bold",
                                     color=style.TITLE, ha="left", va="top", visible=self.caption)
        self.caption_text = fig.text(0, 0, "", fontsize=CAPTION_PT, color="#222222", ha="left", va="top",
                                     linespacing=1.3, visible=self.caption)

    def _renderer(self):
        return self.figure.canvas.get_renderer()

    def _extent_in(self, artist: Any) -> tuple[float, float]:
        e = artist.get_window_extent(renderer=self._renderer())
        return e.width / self.figure.dpi, e.height / self.figure.dpi

    def _text_width_in(self, text: str, size: float, weight: str = "normal") -> float:
        prop = FontProperties(family=style.FONT_FAMILY, size=size, weight=weight)
        w = self._renderer().get_text_width_height_descent(text, prop, ismath=False)[0]
        return w / self.figure.dpi

    def _wrap(self, text: str, width_in: float, size: float, weight: str = "normal") -> str:
        """Greedy word wrap of *text* (its own lines kept) to *width_in* inches at *size* points.

        Continuation lines of a ``[n]`` entry are indented.
        """
        out: list[str] = []
        for word in ("vol. ", "no. ", "map ", "pp. "):
            text = text.replace(word, word[:-1] + "\u00a0")
        for para in text.split("\n"):
            indent = "     " if para.startswith("[") else ""
            line = ""
            for w in para.split(" "):
                cand = f"{line} {w}" if line else w
                if line and self._text_width_in(cand, size, weight) > width_in:
                    out.append(line)
                    line = indent + w
                else:
                    line = cand
            out.append(line)
        return "\n".join(out)

    def _make_legend(self, ncol: int, anchor_in: tuple[float, float]) -> tuple[float, float]:
        """Place the key with its top-left corner at *anchor_in* (inches); return its size in inches."""
        if self.legend is not None:
            self.legend.remove()
        wi, hi = self.figure.get_size_inches()
        entries = key_entries()
        handles, labels = [legend_handle(e) for e in entries], [e.label for e in entries]
        self.legend = self.figure.legend(
            handles, labels, loc="upper left", bbox_to_anchor=(anchor_in[0] / wi, anchor_in[1] / hi),
            bbox_transform=self.figure.transFigure, ncol=ncol, frameon=False, fontsize=LEGEND_PT,
            title="Key", title_fontproperties={"weight": "bold", "size": LEGEND_PT + 1.5}, alignment="left",
            handlelength=2.8, handleheight=1.0, borderpad=0.0, borderaxespad=0.0, labelspacing=0.5,
            columnspacing=1.5, handler_map={tuple: HandlerTuple(ndivide=1)})
        return self._extent_in(self.legend)

    def _put(self, artist: Text, x_in: float, y_in: float) -> None:
        wi, hi = self.figure.get_size_inches()
        artist.set_position((x_in / wi, y_in / hi))

    # ------------------------------------------------------------------ layout

    def _layout(self) -> None:
        """Place the texts, the map, the key, the caption and the credits (all in inches)."""
        wi, hi = (float(v) for v in self.figure.get_size_inches())
        m, gap = MARGIN_IN, GAP_IN
        x0, x1, y0, y1 = self.extent
        aspect = (x1 - x0) / (y1 - y0)
        if self.mode == "column":
            map_h = hi - 2 * m
            map_w = min(map_h * aspect * 1.25, wi * 0.58)
            map_h = min(map_h, map_w / aspect * 1.2)
            map_rect = (m, (hi - map_h) / 2, map_w, map_h)
            cx = m + map_w + 2.5 * gap
            cw = wi - m - cx
            top = map_rect[1] + map_h
            self._title_box = (cx, cw)
            self._put(self.title_text, cx, top + 0.04)
            self._put(self.headline_text, cx, top - TITLE_PT * 1.3 / 72)
            y = top - TITLE_PT * 1.3 / 72 - HEADLINE_PT * 1.35 / 72 - 0.14
            y = self._place_phase(cx, y)
            y -= 0.22
            lw, lh = self._make_legend(1, (cx, y))
            if lw * 2 + 0.4 <= cw:
                lw, lh = self._make_legend(2, (cx, y))
            y -= lh + 0.3
            self.credits_text.set_text(self._wrap(CREDITS, cw, CREDITS_PT))
            self._put(self.credits_text, cx, map_rect[1])
            credits_top = map_rect[1] + self._extent_in(self.credits_text)[1]
            self._caption_box = (cx, y, cw, y - credits_top - 0.15)
        else:
            top = hi - m
            self._title_box = (m, wi - 2 * m)
            self._put(self.title_text, m, top)
            self._put(self.headline_text, m, top - TITLE_PT * 1.25 / 72)
            header_bottom = self._place_phase(m, top - TITLE_PT * 1.25 / 72 - HEADLINE_PT * 1.35 / 72 - 0.06)
            self.credits_text.set_text(self._wrap(CREDITS, wi - 2 * m, CREDITS_PT))
            self._put(self.credits_text, m, m * 0.7)
            footer_top = m * 0.7 + self._extent_in(self.credits_text)[1]
            region_top, region_bottom = header_bottom - gap, footer_top + gap
            avail_h = region_top - region_bottom
            full_w = wi - 2 * m
            if self.mode == "side":
                lw, lh = self._make_legend(1, (0, hi))
                map_w = min(full_w - lw - 2 * gap, avail_h * aspect * 1.45)
                map_h = min(avail_h, map_w / aspect * 1.2)
                spare = full_w - map_w - 2 * gap - lw
                panel_w = lw + (min(spare, max(0.0, 3.6 - lw)) if self.caption else 0.0)
                left = m + (full_w - map_w - 2 * gap - panel_w) / 2
                map_rect = (left, region_bottom + (avail_h - map_h) / 2, map_w, map_h)
                px = left + map_w + 2 * gap
                map_top = map_rect[1] + map_h
                self._make_legend(1, (px, map_top))
                self._caption_box = (px, map_top - lh - 0.3, panel_w, map_top - lh - 0.3 - map_rect[1])
            else:
                lw, lh = self._make_legend(2, (0, hi))
                cap_h = 0.0
                if self.caption:
                    cap_h = min(self._caption_height(full_w), avail_h * 0.25) + 0.2
                map_h = min(avail_h - lh - gap - cap_h, full_w / aspect * 1.3)
                map_w = min(full_w, map_h * aspect * 1.3)
                map_rect = (m + (full_w - map_w) / 2, region_top - map_h, map_w, map_h)
                leg_top = map_rect[1] - gap
                self._make_legend(2, (m + (full_w - lw) / 2, leg_top))
                self._caption_box = (m, leg_top - lh - 0.2, full_w, cap_h - 0.2)
        self.mapview.ax.set_position((map_rect[0] / wi, map_rect[1] / hi, map_rect[2] / wi, map_rect[3] / hi))
        self.map_rect_in = map_rect
        self.mapview.set_view(*self.extent)
        self._place_scale_and_north()
        self._hide_covered_labels()
        self._layout_done = True

    def _place_phase(self, x: float, y: float) -> float:
        """Phase (with its timeline colour) and front status from *y* down; returns the bottom."""
        wi, hi = (float(v) for v in self.figure.get_size_inches())
        sw = PHASE_PT * 0.8 / 72
        self.phase_swatch.set_bounds(x / wi, (y - PHASE_PT * 1.02 / 72) / hi, sw / wi, sw / hi)
        self._put(self.phase_text, x + sw + 0.08, y)
        y -= PHASE_PT * 1.5 / 72
        self._put(self.status_text, x, y)
        return y - STATUS_PT * 1.45 / 72

    def _caption_height(self, width_in: float) -> float:
        lines = self._caption_lines or ["-"]
        n = self._wrap("\n".join(lines), width_in, CAPTION_PT).count("\n") + 1
        return n * CAPTION_PT * 1.3 / 72 + (CAPTION_PT + 1.5) * 1.7 / 72

    def _fill_caption(self) -> None:
        """Wrap the citations into the caption box, shrinking the text (then cutting it) to fit."""
        if not self.caption:
            return
        x, top, w, h = self._caption_box
        lines = self._caption_lines or ["The app cites no source for this date."]
        head_h = (CAPTION_PT + 1.5) * 1.7 / 72
        self._put(self.caption_head, x, top)
        size = CAPTION_PT
        while True:
            text = self._wrap("\n".join(lines), w, size)
            n = text.count("\n") + 1
            if n * size * 1.3 / 72 <= h - head_h or size <= CAPTION_MIN_PT:
                break
            size -= 0.5
        max_lines = max(1, int((h - head_h) / (size * 1.3 / 72)))
        rows = text.split("\n")
        if len(rows) > max_lines:
            rows = rows[:max_lines]
            rows[-1] = rows[-1].rstrip() + " \u2026"
        self.caption_text.set_fontsize(size)
        self.caption_text.set_text("\n".join(rows))
        self._put(self.caption_text, x, top - head_h)

    def _place_scale_and_north(self) -> None:
        """A north arrow above a scale bar in km, boxed where they cover the least land."""
        aw, ah = self._extent_in(self.mapview.ax)
        if aw <= 0 or ah <= 0:
            # A custom page of few inches (many pixels at a high DPI) left no room for the map at
            # all (its axes collapsed and shapely failed on an empty rectangle): say so plainly.
            raise ExportError(f"a page of {self.page.width} \u00d7 {self.page.height} px at {self.page.dpi:g} dpi "
                              f"is too small for the map with its key and scale bar; "
                              f"use a lower DPI or more pixels")
        sn = self.scale_north
        sn.place(aw, ah, self._text_width_in)
        self._decor_box_px = sn.box_px
        #: Angle of true north, clockwise from the map's up, at the centre of the view (degrees).
        self.north_angle = sn.north_angle
        #: The scale bar's length in km and in pixels (for tests and checks).
        self.scale_km = sn.scale_km
        self.scale_bar_px = sn.scale_bar_px

    def _hide_covered_labels(self) -> None:
        """Hide labels under the scale box, and river names that collide with town names."""
        (bx0, by0), (bx1, by1) = self._decor_box_px
        r = self._renderer()
        mv = self.mapview

        def hit(e: Any, box: tuple[float, float, float, float]) -> bool:
            return e.x0 < box[2] and box[0] < e.x1 and e.y0 < box[3] and box[1] < e.y1

        scale_box = (bx0, by0, bx1, by1)
        towns = []
        for t in mv.town_labels:
            if t.get_visible():
                e = t.get_window_extent(renderer=r)
                if hit(e, scale_box):
                    t.set_visible(False)
                else:
                    towns.append((e.x0, e.y0, e.x1, e.y1))
        dots = mv.ax.transData.transform(mv.towns.get_offsets()) if len(mv.towns.get_offsets()) else []
        for t in [*getattr(mv, "_river_labels", []), mv.parallel_label]:
            if not t.get_visible():
                continue
            e = t.get_window_extent(renderer=r)
            if hit(e, scale_box) or any(hit(e, b) for b in towns) or \
                    any(e.x0 - 2 < x < e.x1 + 2 and e.y0 - 2 < y < e.y1 + 2 for x, y in dots):
                t.set_visible(False)

    # ------------------------------------------------------------------ dates

    def set_date(self, date: dt.date | str) -> WarState:
        """Show *date*: territory, fronts, title, phase, status and (if asked) the caption."""
        d = as_date(date)
        state = self.mapview.set_date(d)
        self.state = state
        self.headline = headline(d, state, self.events)
        self.title = snapshot_title(d, state, self.events)
        self.phase_text.set_text(f"Phase: {state.phase.title}" if state.phase else "Outside the war's phases")
        self.phase_swatch.set_facecolor(state.phase.colour if state.phase else "white")
        self.status_text.set_text(status_line(state))
        if self.caption:
            lines = date_citations(d, state, self.chronology, self.events, self.catalogue)
            if lines != self._caption_lines:
                self._caption_lines = lines
                if self.mode == "bottom":
                    self._layout_done = False
        if not self._layout_done:
            self._layout()
        if self.legend is not None:
            # The key is laid out with the wartime names, the longest; before and
            # after the war the colours are the zones or states, not sides of a front.
            blue, orange = side_names(d)
            texts = self.legend.get_texts()
            territory = blue.endswith("-held")
            texts[0].set_text(f"{blue} territory" if territory else blue)
            texts[1].set_text(f"{orange} territory" if territory else orange)
        self._fill_caption()
        self._fit_title(d)
        return state

    def _fit(self, artist: Text, text: str, size: float, width: float,
             min_size: float = TITLE_MIN_PT, weight: str = "bold") -> None:
        """Set *text*, shrinking it (to *min_size*) and then cutting it to fit *width* inches."""
        artist.set_text(text)
        artist.set_fontsize(size)
        while self._text_width_in(text, size, weight) > width and size > min_size:
            size -= 0.5 if min_size < TITLE_MIN_PT else 1.0
            artist.set_fontsize(size)
        cut = text
        while self._text_width_in(artist.get_text(), size, weight) > width and len(cut) > 8:
            cut = cut[:-2].rstrip()
            artist.set_text(cut + "\u2026")

    def _fit_title(self, d: dt.date) -> None:
        """The date on the first line, what happened on the second (both kept to the width)."""
        _, width = self._title_box
        self._fit(self.title_text, format_date(d) + (":" if self.headline else ""), TITLE_PT, width)
        self._fit(self.headline_text, self.headline, HEADLINE_PT, width)
        # The front's status line too: with a wide map (the window's zoom) it ran off the page.
        self._fit(self.status_text, self.status_text.get_text(), STATUS_PT, width, STATUS_PT - 2.0, "normal")

    # ------------------------------------------------------------------ output

    def metadata(self, fmt: str) -> dict[str, Any]:
        """File metadata for *fmt*, stable from run to run (no software version or date)."""
        if fmt == "png":
            return {"Software": None, "Title": self.title}
        if fmt == "svg":
            return {"Title": self.title, "Date": None, "Creator": "Korean War Explorer"}
        if fmt == "pdf":
            return {"Title": self.title, "Creator": "Korean War Explorer", "Producer": None, "CreationDate": None}
        return {}

    def write(self, fh: IO[bytes], fmt: str) -> None:
        """Write the figure to an open binary file in *fmt* (``png``, ``svg`` or ``pdf``)."""
        _save_figure(self.figure, fh, fmt, self.page.dpi, self.metadata(fmt))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the figure atomically, in the format of *path*'s extension."""
        fmt = format_for(path)
        return atomic_write(path, lambda fh: self.write(fh, fmt))

    def render_rgba(self) -> np.ndarray:
        """Draw with Agg and return the (height, width, 4) uint8 image (a view of the canvas buffer)."""
        self.figure.canvas.draw()
        return np.asarray(self.figure.canvas.buffer_rgba())

    @property
    def dated_texts(self) -> list[Any]:
        """The artists outside the map that change with the date (title, headline, phase, status)."""
        return [self.title_text, self.headline_text, self.phase_swatch, self.phase_text, self.status_text]

    def dated_text_bbox(self) -> Any:
        """The figure region (display pixels) that :attr:`dated_texts` can occupy on any date."""
        from matplotlib.transforms import Bbox

        dpi = self.figure.dpi
        x, width = self._title_box
        _, hi = self.figure.get_size_inches()
        top = min(self.title_text.get_position()[1] * hi + 0.12, hi)
        bottom = self.status_text.get_position()[1] * hi - STATUS_PT * 1.45 / 72 - 0.04
        return Bbox.from_extents(max(x - 0.05, 0) * dpi, bottom * dpi, (x + width + 0.05) * dpi, top * dpi)


def export_snapshot(chronology: Chronology, date: dt.date | str, path: str | os.PathLike[str], *,
                    page: Page | None = None, view: View = "peninsula", caption: bool = False,
                    layers: Iterable[str] | None = None, romanization: str = "wartime",
                    events: Sequence[Any] | None = None) -> Path:
    """Export the map of *date* to *path* (PNG, SVG or PDF by extension), atomically.

    Parameters
    ----------
    chronology
        The loaded chronology.
    date
        The day to show.
    path
        The file to write; its extension chooses the format.
    page, view, caption, layers, romanization, events
        See :class:`SnapshotFigure`.

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Raises
    ------
    ExportError
        A bad option, or the file could not be written (nothing is left behind).
    """
    format_for(path)
    check_target(path)
    try:
        d = as_date(date)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    snap = SnapshotFigure(chronology, page, view=view, caption=caption, layers=layers,
                          romanization=romanization, events=events)
    snap.set_date(d)
    return snap.save(path)
