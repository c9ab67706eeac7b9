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
import itertools
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
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
from explorer.render.key import day_rows, entries_shown, key_entries, legend_handle
from explorer.render.layers.labels import DatedLayouts, day_obstacles
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

#: The keys' sizes (inches) by wording, type size, columns, place and resolution, shared by every
#: page of the process (see SnapshotFigure._legend_size).
_LEGEND_SIZES: dict[tuple, tuple[float, float]] = {}
#: Widths of texts (inches) by wording, size, weight and resolution, shared likewise.
_TEXT_WIDTHS: dict[tuple, float] = {}


def _size_to_go_on_from(size: float, least: float, got: tuple[float, float], room: tuple[float, float]) -> float:
    """Where a key shrinking from *size* in half-point steps (down to *least*) may go on from.

    *got* is its width and height at *size*, *room* the most it may take.  A
    key's lengths grow with its type, none faster: the sizes more than half a
    point above the one that would just fit, were they in proportion, cannot
    fit and are skipped unmeasured.  The size returned is a step of the same
    ladder, so the search ends on the size it would have ended on.
    """
    (w, h), (room_w, room_h) = got, room
    if not (w > room_w or h > room_h) or size <= least or w <= 0 or h <= 0:
        return size
    guess = size * min(room_w / w if w > room_w else 1.0, room_h / h if h > room_h else 1.0)
    skip = max(0, math.ceil((size - guess - 0.5) / 0.5))
    return max(least, size - 0.5 * (skip - 1)) if skip > 1 else size


# Type is sized from the page: each size is a fraction of the page's height
# (so a 1080-pixel slide and an A4 sheet read alike).  The *_PT constants are
# the sizes on the 7.2-inch-high slide.
_SLIDE_H_IN = 7.2
TITLE_FRAC = 0.050
HEADLINE_FRAC = 0.036
PHASE_FRAC = 0.028
STATUS_FRAC = 0.023
KEY_FRAC = 0.023
KEY_MIN_FRAC = 0.017
CAPTION_FRAC = 0.020
CAPTION_MIN_FRAC = 0.014
CREDITS_FRAC = 0.0135
SCALE_FRAC = 0.019
#: Town names at least 2.2 % of the page's height (24 px on a 1080-pixel slide).
TOWN_FRAC = 0.023
CAPITAL_FRAC = 0.027
RIVER_FRAC = 0.019
EVENT_MARKER_FRAC = 0.030
TOWN_DOT_FRAC = 0.0075

TITLE_PT = TITLE_FRAC * _SLIDE_H_IN * 72
HEADLINE_PT = HEADLINE_FRAC * _SLIDE_H_IN * 72
PHASE_PT = PHASE_FRAC * _SLIDE_H_IN * 72
STATUS_PT = STATUS_FRAC * _SLIDE_H_IN * 72
LEGEND_PT = KEY_FRAC * _SLIDE_H_IN * 72
CAPTION_PT = CAPTION_FRAC * _SLIDE_H_IN * 72
CREDITS_PT = CREDITS_FRAC * _SLIDE_H_IN * 72
SCALE_PT = SCALE_FRAC * _SLIDE_H_IN * 72
TITLE_MIN_PT = 12.0
MARGIN_IN = 0.2
GAP_IN = 0.18

#: The least share of the page the map takes.
MAP_SHARE = 0.61
#: On a square or tall page with the citations asked for, the map gives up some room to them
#: (a band between the map and the credits) but keeps at least this share.
MAP_SHARE_WITH_CITATIONS = 0.605
#: The gaps between header, map, citations and credits of a square or tall page with citations.
COMPACT_GAP_IN = 0.07
#: On such a page the citations sit right of a narrow "Sources" column this wide (inches per inch of page).
SOURCES_HEAD_FRAC = 0.105

#: The one place a snapshot's figure is written (tests replace it to simulate a failing disk).
_save_figure = save_figure


#: Page shapes: wide pages (16:9, 4:3, A4 landscape) get a text column beside
#: the map; squarish and tall pages a header above it and the key on the map.
COLUMN_MIN_RATIO = 1.2


class Sizes:
    """Type and symbol sizes in points for a page *height_in* inches high."""

    def __init__(self, height_in: float) -> None:
        k = height_in * 72
        self.title, self.headline, self.phase = TITLE_FRAC * k, HEADLINE_FRAC * k, PHASE_FRAC * k
        self.status, self.key, self.key_min = STATUS_FRAC * k, KEY_FRAC * k, KEY_MIN_FRAC * k
        self.caption, self.caption_min = CAPTION_FRAC * k, CAPTION_MIN_FRAC * k
        self.credits, self.scale = CREDITS_FRAC * k, SCALE_FRAC * k
        self.town, self.capital, self.river = TOWN_FRAC * k, CAPITAL_FRAC * k, RIVER_FRAC * k
        self.marker, self.dot = EVENT_MARKER_FRAC * k, TOWN_DOT_FRAC * k


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class SnapshotFigure:
    """A finished-map figure for one page and view; show any date on it.

    The figure, its :class:`~explorer.render.mapview.MapRenderer` and the
    page's frame are built once.  :meth:`set_date` changes what depends on the
    date: territory, fronts, title, phase, status, the key (only what the map
    shows that day), the caption, and where names go around the day's arrows
    and markers.

    Parameters
    ----------
    chronology
        The loaded chronology.
    page
        Pixel size and DPI (see :func:`page_for`).
    view
        ``"peninsula"``, ``"action"`` (fit the day's moving front, events and
        arrows; see :func:`explorer.render.action.action_extent`) or an extent
        (xmin, xmax, ymin, ymax) in map metres, for example the window's
        ``mapview.view()``.
    caption
        Print the sources cited for the date.
    layers, romanization
        As the window shows them (default: every layer, wartime names).
    events
        The chronology of events (default: the chronology's own).
    catalogue
        The source catalogue (default: the bundled one).
    key_ids
        Fix the key's rows (ids of :data:`explorer.render.key.KEY`) instead of
        asking the map each date: an animation keeps one key for all frames.
    animation
        Frames of an animation: the title names the last event when the day has none,
        and names are not moved from frame to frame.
    """

    #: How much land the key hides where it was last put in the map (lower is better).
    _key_score: float = 0.0

    def __init__(self, chronology: Chronology, page: Page | None = None, *, view: View = "peninsula",
                 caption: bool = False, layers: Iterable[str] | None = None, romanization: str = "wartime",
                 events: Sequence[Any] | None = None, catalogue: Any | None = None,
                 key_ids: Iterable[str] | None = None, animation: bool = False) -> None:
        self.chronology = chronology
        self.page = page or PRESETS["slide"]
        self.caption = bool(caption)
        if events is None:
            events = getattr(chronology, "events", None) or bundled_events()
        self.events = list(events)
        self.catalogue = catalogue
        self.animation = bool(animation)
        self.fixed_key = tuple(key_ids) if key_ids is not None else None
        self.figure = Figure(figsize=self.page.inches, dpi=self.page.dpi, facecolor="white")
        FastTextCanvasAgg(self.figure)
        wi_exact, hi_exact = self.page.width / self.page.dpi, self.page.height / self.page.dpi
        self.sizes = Sizes(hi_exact)
        # The names are laid out once the page is framed, for each date (see _layout_names).
        self.mapview = MapRenderer(self.figure, chronology, overlay_text=False, layers=layers,
                                   romanization=romanization, auto_layout=False)
        self.mapview.date_aware_labels = not animation
        sz = self.sizes
        self.mapview.set_symbol_sizes(town_pt=sz.town, capital_pt=sz.capital, river_pt=sz.river,
                                      marker_pt=sz.marker, dot_pt=sz.dot)
        self.view_kind = "extent"
        if isinstance(view, str):
            if view not in ("peninsula", "action"):
                raise ExportError(f"unknown view {view!r}: use 'peninsula', 'action' or an extent")
            self.view_kind = view
            self.extent = self.mapview.home_bounds()
        else:
            x0, x1, y0, y1 = (float(v) for v in view)
            if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or not (x1 > x0 and y1 > y0):
                raise ExportError(f"the view extent must have xmin < xmax and ymin < ymax, not {view!r}")
            self.extent = (x0, x1, y0, y1)
        ratio = wi_exact / hi_exact
        self.mode = "column" if ratio >= COLUMN_MIN_RATIO else "stacked"
        self.state: WarState | None = None
        self.title = ""
        self.headline = ""
        self._caption_lines: list[str] | None = None
        self.scale_north = ScaleAndNorth(self.mapview, sz.scale)
        self.legend: Legend | None = None
        self.key_in_map = self.mode != "column"
        self._key_ids: tuple | None = None
        #: How much Korean land the key on the map hides (see ScaleAndNorth.box_position; 1000 and up: some).
        self._key_score: float = 0.0
        # The key's size (inches) per wording, size and columns: placing it on the map tries
        # several, and building a matplotlib legend to measure it costs a few milliseconds.
        self._legend_made: tuple[tuple, tuple[float, float]] | None = None
        self._shifted = False
        #: Bumped when something outside the dated texts moved (the key's rows, the names):
        #: an animation's cached renders are stale then.
        self.static_version = 0
        #: Bumped when the page round the map may have changed (a new layout of the key, the
        #: scale box and the texts), not when only the names on the map moved.
        self.page_version = 0
        #: The full wording of each text shortened with "…" on the page (see :attr:`cut_texts`).
        self._cut_full: dict[Text, str] = {}
        #: An animation's names, laid out per set of the frames' arrows and markers.
        self._dated_layouts = DatedLayouts(self.mapview.labels)
        self._build_texts()
        self._frame_done = False

    # ------------------------------------------------------------------ building

    def _build_texts(self) -> None:
        fig, sz = self.figure, self.sizes
        self.title_text = fig.text(0, 1, "", fontsize=sz.title, fontweight="bold", color=style.TITLE,
                                   ha="left", va="top", linespacing=1.1)
        self.headline_text = fig.text(0, 1, "", fontsize=sz.headline, fontweight="bold", color=style.TITLE,
                                      ha="left", va="top", linespacing=1.15)
        self.phase_swatch = Rectangle((0, 0), 0.01, 0.01, transform=fig.transFigure, facecolor="white",
                                      edgecolor="#555555", linewidth=0.5)
        fig.add_artist(self.phase_swatch)
        self.phase_text = fig.text(0, 1, "", fontsize=sz.phase, color=style.TITLE, ha="left", va="top")
        self.status_text = fig.text(0, 1, "", fontsize=sz.status, color="#444444", style="italic",
                                    ha="left", va="top", linespacing=1.15)
        self.credits_text = fig.text(0, 0, "", fontsize=sz.credits, color="#555555", ha="left", va="bottom",
                                     linespacing=1.25)
        self.caption_head = fig.text(0, 0, "Sources for this date", fontsize=sz.caption * 1.12,
                                     fontweight="bold", color=style.TITLE, ha="left", va="top",
                                     visible=self.caption)
        self.caption_text = fig.text(0, 0, "", fontsize=sz.caption, color="#222222", ha="left", va="top",
                                     linespacing=1.3, visible=self.caption)

    def _renderer(self):
        return self._canvas().get_renderer()

    def _canvas(self) -> FigureCanvasAgg:
        canvas = self.figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)  # the page's own (see __init__)
        return canvas

    def _extent_in(self, artist: Any) -> tuple[float, float]:
        e = artist.get_window_extent(renderer=self._renderer())
        return e.width / self.figure.dpi, e.height / self.figure.dpi

    def _text_width_in(self, text: str, size: float, weight: str = "normal") -> float:
        # Wrapping measures every line it tries, and an animation's frames try the same ones
        # again (phase, status, most titles), as does the next export: each width is measured
        # once per resolution in the process.
        key = (text, size, weight, self.figure.dpi)
        got = _TEXT_WIDTHS.get(key)
        if got is None:
            prop = FontProperties(family=style.FONT_FAMILY, size=size, weight=weight)
            got = self._renderer().get_text_width_height_descent(text, prop, ismath=False)[0] / self.figure.dpi
            if len(_TEXT_WIDTHS) > 20_000:
                _TEXT_WIDTHS.clear()
            _TEXT_WIDTHS[key] = got
        return got

    def _wrap(self, text: str, width_in: float, size: float, weight: str = "normal") -> str:
        """Greedy word wrap of *text* (its own lines kept) to *width_in* inches at *size* points.

        Continuation lines of a ``[n]`` entry are indented.
        """
        return "\n".join(self._wrap_lines(text, width_in, size, weight)[0])

    def _wrap_lines(self, text: str, width_in: float, size: float, weight: str = "normal") -> tuple[list[str], bool]:
        """The lines of :meth:`_wrap`, and whether one of them is wider than *width_in* (a word too
        long for a line of its own)."""
        out: list[str] = []
        too_wide = False
        for word in ("vol. ", "no. ", "map ", "pp. "):
            text = text.replace(word, word[:-1] + "\u00a0")
        width = self._text_width_in
        space = width(" ", size, weight)
        # A line's width and the sum of its words' differ by kerning and rounding, well under
        # this margin: only a break that close is measured.
        margin = 0.01 + 0.005 * width_in
        for para in text.split("\n"):
            indent = "     " if para.startswith("[") else ""
            words = para.split(" ")
            n, i = len(words), 0
            while i < n:
                # A line holds words[i:j] (one at least).  It is the longest that fits, as if words
                # were added one by one and measured each time; but most of those measurements are
                # estimated from the words' own widths and only the break is measured, from both sides.
                prefix = indent if i > 0 else ""
                while not prefix and i < n - 1 and not words[i]:
                    i += 1  # a line does not start with the space of a doubled or leading space

                def line(j: int, prefix: str = prefix, i: int = i, words: list[str] = words) -> str:
                    return prefix + " ".join(words[i:j])

                def fits(j: int, size: float = size, weight: str = weight) -> bool:
                    return width(line(j), size, weight) <= width_in

                j = i + 1
                first = est = width(prefix, size, weight) + width(words[i], size, weight)
                while j < n and est + space + width(words[j], size, weight) <= width_in:
                    est += space + width(words[j], size, weight)
                    j += 1
                if j > i + 1 and est > width_in - margin:
                    while j > i + 1 and not fits(j):
                        j -= 1
                if j < n and est + space + width(words[j], size, weight) <= width_in + margin:
                    while j < n and fits(j + 1):
                        j += 1
                # Lines of two words or more fit (measured, or well inside by their words' widths);
                # a word on its own line may not.
                if j == i + 1 and first > width_in - margin and not fits(j):
                    too_wide = True
                out.append(line(j))
                i = j
        return out, too_wide

    def _wrap_fit(self, artist: Text, text: str, size: float, min_size: float, width: float, max_lines: int,
                  weight: str = "normal", floor: float | None = None) -> int:
        """Wrap *text* to *width* inches in at most *max_lines* lines, shrinking it to *min_size*,
        then cutting the last line with "…"; returns the number of lines.

        With *floor* (an event's title, never cut) the text shrinks on down to *floor* points
        and, should it still not fit, takes more lines instead of being cut.  A cut text's
        full wording is kept for the file's description (see :attr:`cut_texts`).
        """
        while True:
            rows, too_wide = self._wrap_lines(text, width, size, weight)
            if (len(rows) <= max_lines and not too_wide) or size <= min_size:
                break
            size = max(min_size, size - 0.5)
        if floor is not None:
            while (len(rows) > max_lines or too_wide) and size > floor:
                size = max(floor, size - 0.5)
                rows, too_wide = self._wrap_lines(text, width, size, weight)
            max_lines = max(max_lines, len(rows))
            too_wide = False  # a single word wider than the page stays whole
        self._cut_full.pop(artist, None)
        if len(rows) > max_lines or too_wide:
            self._cut_full[artist] = text
            rows = rows[:max_lines]
            last = rows[-1]
            while last and self._text_width_in(last + " \u2026", size, weight) > width:
                last = last[:-1]
            rows[-1] = last.rstrip() + " \u2026"
        artist.set_fontsize(size)
        artist.set_text("\n".join(rows))
        return len(rows)

    def _make_legend(self, entries: Sequence[Any], size: float, ncol: int, anchor: tuple[float, float],
                     in_map: bool) -> tuple[float, float]:
        """Draw the key: on the page with its top-left corner at *anchor* (inches), or in the map
        with its lower-left corner at *anchor* (inches from the map's lower-left); returns its size.

        The key already drawn is kept when it is the one asked for (a size tried last is often kept).
        """
        made = (tuple((e.id, e.label) for e in entries), size, ncol, tuple(anchor), in_map,
                self._extent_in(self.mapview.ax) if in_map else None)
        if self.legend is not None and self._legend_made is not None and self._legend_made[0] == made:
            return self._legend_made[1]
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        handles, labels = [legend_handle(e) for e in entries], [e.label for e in entries]
        common = dict(ncol=ncol, fontsize=size, title="Key", alignment="left",
                      title_fontproperties={"weight": "bold", "size": size * 1.1},
                      handlelength=2.4, handleheight=0.9, labelspacing=0.35, columnspacing=1.2,
                      handletextpad=0.6, handler_map={tuple: HandlerTuple(ndivide=1)})
        if in_map:
            ax = self.mapview.ax
            aw, ah = self._extent_in(ax)
            self.legend = ax.legend(handles, labels, loc="lower left",
                                    bbox_to_anchor=(anchor[0] / aw, anchor[1] / ah), bbox_transform=ax.transAxes,
                                    frameon=True, fancybox=True, framealpha=0.92, edgecolor="#9aa5ad",
                                    facecolor="white", borderpad=0.45, borderaxespad=0.0, **common)
            self.legend.set_zorder(29)
            self.legend.get_frame().set_linewidth(0.6)
        else:
            wi, hi = self.figure.get_size_inches()
            self.legend = self.figure.legend(handles, labels, loc="upper left",
                                             bbox_to_anchor=(anchor[0] / wi, anchor[1] / hi),
                                             bbox_transform=self.figure.transFigure, frameon=False,
                                             borderpad=0.0, borderaxespad=0.0, **common)
        got = self._extent_in(self.legend)
        self._legend_made = (made, got)
        if len(_LEGEND_SIZES) > 512:
            _LEGEND_SIZES.clear()
        _LEGEND_SIZES[(made[0], size, ncol, in_map, self.figure.dpi)] = got
        return got

    def _legend_size(self, entries: Sequence[Any], size: float, ncol: int, in_map: bool = True,
                     anchor: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float]:
        """The size (inches) of the key at *size* points in *ncol* columns, on the map or on the page.

        Measured once per wording and resolution in the process (every export and animation
        frame tries the same sizes): a miss draws the key at *anchor* (the caller
        draws the one it keeps with :meth:`_make_legend`, at no cost when it is that one).
        """
        got = _LEGEND_SIZES.get((tuple((e.id, e.label) for e in entries), size, ncol, in_map, self.figure.dpi))
        if got is None:
            got = self._make_legend(entries, size, ncol, anchor, in_map=in_map)
        return got

    def _put(self, artist: Text, x_in: float, y_in: float) -> None:
        wi, hi = self.figure.get_size_inches()
        artist.set_position((x_in / wi, y_in / hi))

    def _bottom_in(self, artist: Any) -> float:
        return artist.get_window_extent(renderer=self._renderer()).y0 / self.figure.dpi

    # ------------------------------------------------------------------ layout

    def _frame(self) -> None:
        """Place the map, the credits and the text column or header (the parts that do not depend on the date)."""
        wi, hi = (float(v) for v in self.figure.get_size_inches())
        m, gap, sz = MARGIN_IN, GAP_IN, self.sizes
        if self.mode == "column":
            map_h = hi - 2 * m
            map_w = min(MAP_SHARE * wi * hi / map_h + 0.05, wi - 2 * m - gap - 0.3 * hi)
            map_rect = (m, m, map_w, map_h)
            cx = m + map_w + 1.6 * gap
            cw = wi - m - cx
            self._col = (cx, cw)
            self.credits_text.set_text(self._wrap(CREDITS, cw, sz.credits))
            self._put(self.credits_text, cx, m)
            self._credits_top = m + self._extent_in(self.credits_text)[1]
            self._title_box = (cx, cw)
        else:
            full_w = wi - 2 * m
            self.credits_text.set_text(self._wrap(CREDITS, full_w, sz.credits))
            self._put(self.credits_text, m, m * 0.7)
            self._credits_top = m * 0.7 + self._extent_in(self.credits_text)[1]
            self._title_box = (m, full_w)
            if self.caption:
                # With the citations: a compact header (the title at the headline's size, phase and
                # status on one row), narrow gaps, and the citations in the band left between the map
                # (at least MAP_SHARE_WITH_CITATIONS of the page) and the credits.
                g = COMPACT_GAP_IN
                header_h = (2 * sz.headline * 1.15 + sz.phase * 1.45) / 72 + 0.06
                map_top = hi - m - header_h - g
                least = (sz.caption_min * 1.3 * 2) / 72 + 0.02
                cap_h = max(least, map_top - MAP_SHARE_WITH_CITATIONS * wi * hi / full_w - 2 * g
                            - self._credits_top)
                map_bottom = self._credits_top + g + cap_h + g
                self._caption_box = (m, map_bottom - g, full_w, cap_h)
            else:
                # Header: the title on up to two lines, the headline on one, phase and status one each.
                header_h = (sz.title * 1.25 + sz.headline * 1.3 + sz.phase * 1.45 + sz.status * 1.4) / 72 + 0.1
                map_top = hi - m - header_h - gap
                map_bottom = self._credits_top + gap
                self._caption_box = (m, map_bottom - gap * 0.6, full_w, 0.0)
            map_rect = (m, map_bottom, full_w, map_top - map_bottom)
        self.mapview.ax.set_position((map_rect[0] / wi, map_rect[1] / hi, map_rect[2] / wi, map_rect[3] / hi))
        self.map_rect_in = map_rect
        self._frame_done = True

    def _layout_texts(self, entries: Sequence[Any], texts_only: bool = False) -> None:
        """Place the title, phase, status, the key and the caption for the current date.

        With *texts_only* (an animation's next frame, same key) only the dated texts are placed.
        """
        wi, hi = (float(v) for v in self.figure.get_size_inches())
        m, gap, sz = MARGIN_IN, GAP_IN, self.sizes
        x, width = self._title_box
        top = hi - m
        date_text = format_date(self.state.date) if self.state is not None else ""
        if self.mode == "column":
            # The date, then what happened (wrapped, up to three lines), phase, status.
            self._wrap_fit(self.title_text, date_text, sz.title, TITLE_MIN_PT, width, 1, "bold")
            self._put(self.title_text, x, top + 0.02)
            y = top - self._extent_in(self.title_text)[1] - 0.08
            if self.headline:
                n = self._wrap_fit(self.headline_text, self.headline, sz.headline, sz.headline * 0.8, width, 3,
                                   "bold", floor=sz.status)
                self._put(self.headline_text, x, y)
                line_h = float(self.headline_text.get_fontsize()) * 1.15 / 72
                # An animation keeps room for three lines, so the key stays put from frame to frame.
                y -= (3 if self.animation else n) * line_h + 0.14
            else:
                self.headline_text.set_text("")
                y -= (3 * sz.headline * 1.15 / 72 + 0.14) if self.animation else 0.06
            bottom = self._place_phase(x, y, width)
            y = (y - sz.phase * 1.45 / 72 - 2 * sz.status * 1.35 / 72) if self.animation else bottom
            if texts_only:
                return
            y -= 0.22
            cw = width
            size = sz.key
            lw, lh = self._legend_size(entries, size, 1, in_map=False, anchor=(x, y))
            room_for_caption = (sz.caption * 1.3 * 5 / 72) if self.caption else 0.0
            # Smaller (down to its least size) while too wide for the column, or too tall for it
            # (a long key, like an animation's, stays beside the map rather than going on it).
            room = y - gap - room_for_caption - self._credits_top
            if room > 0:
                size = _size_to_go_on_from(size, sz.key_min, (lw, lh), (cw, room))
            while (lw > cw or y - lh - gap - room_for_caption < self._credits_top) and size > sz.key_min:
                size = max(sz.key_min, size - 0.5)
                lw, lh = self._legend_size(entries, size, 1, in_map=False, anchor=(x, y))
            lw, lh = self._make_legend(entries, size, 1, (x, y), in_map=False)
            bottom = y - lh
            in_map_ok = to_map = False
            if self.caption:
                # The citations need the column: the key goes on the map if it hides no Korean land there.
                self._shifted = True  # do not move the map for it
                self._place_key_in_map(entries)
                self._shifted = False
                in_map_ok = self._key_score < 1000
                if not in_map_ok:
                    lw, lh = self._make_legend(entries, size, 1, (x, y), in_map=False)
                    # The key stays in the column: it gets smaller (down to its least size) before
                    # the citations under it would be cut.
                    need = self._caption_need(cw)
                    small = size
                    while y - lh - 0.28 - self._credits_top - 0.15 < need and small > sz.key_min:
                        small = max(sz.key_min, small - 0.5)
                        lw, lh = self._make_legend(entries, small, 1, (x, y), in_map=False)
                    if y - lh - 0.28 - self._credits_top - 0.15 >= need:
                        bottom = y - lh
                    else:  # no size of key leaves them room: the key goes on the map, where it hides least
                        to_map = True
            if in_map_ok:
                self.key_in_map = True
                caption_top = y
                self._caption_box = (x, caption_top, cw, caption_top - self._credits_top - 0.15)
                return
            if to_map or bottom - gap - room_for_caption < self._credits_top or lw > cw:
                # No room in the column: the key goes into the map, over the least land.
                self.key_in_map = True
                if self.legend is not None:
                    self.legend.remove()
                self.legend = None
                caption_top = y
            else:
                self.key_in_map = False
                caption_top = bottom - 0.28
            self._caption_box = (x, caption_top, cw, caption_top - self._credits_top - 0.15)
        else:
            line = f"{date_text}: {self.headline}" if self.headline else date_text
            self.headline_text.set_text("")
            if self.caption:
                # The compact header of a page with citations (see _frame).
                self._wrap_fit(self.title_text, line, sz.headline, sz.headline * 0.8, width, 2, "bold",
                               floor=sz.status)
                self._put(self.title_text, x, top + 0.02)
                y = top - 2 * sz.headline * 1.15 / 72 - 0.04
                self._place_phase_row(x, y, width)
            else:
                n = self._wrap_fit(self.title_text, line, sz.title, sz.title * 0.72, width, 2, "bold",
                                   floor=sz.status)
                self._put(self.title_text, x, top)
                y = top - self._extent_in(self.title_text)[1] - 0.1
                if n == 1:
                    y -= 0.02
                self._place_phase(x, y, width)
            if texts_only:
                return
            self.key_in_map = True
        if self.key_in_map:
            self._place_key_in_map(entries)

    def _place_phase(self, x: float, y: float, width: float) -> float:
        """Phase (with its timeline colour) and front status from *y* down; returns the bottom."""
        wi, hi = (float(v) for v in self.figure.get_size_inches())
        sz = self.sizes
        sw = sz.phase * 0.8 / 72
        self.phase_swatch.set_bounds(x / wi, (y - sz.phase * 1.0 / 72) / hi, sw / wi, sw / hi)
        n = self._wrap_fit(self.phase_text, self._phase, sz.phase, sz.phase * 0.8, width - sw - 0.08,
                           2 if self.mode == "column" else 1)
        self._put(self.phase_text, x + sw + 0.08, y)
        y -= sz.phase * (1.45 + 1.15 * (n - 1)) / 72
        lines = 2 if self.mode == "column" else 1
        n = self._wrap_fit(self.status_text, self._status, sz.status, sz.status * 0.85, width, lines)
        self._put(self.status_text, x, y)
        return y - n * sz.status * 1.35 / 72

    def _place_phase_row(self, x: float, y: float, width: float) -> None:
        """Phase (with its swatch) and, after it on the same row, the front's status."""
        wi, hi = (float(v) for v in self.figure.get_size_inches())
        sz = self.sizes
        sw = sz.phase * 0.8 / 72
        self.phase_swatch.set_bounds(x / wi, (y - sz.phase * 1.0 / 72) / hi, sw / wi, sw / hi)
        self._wrap_fit(self.phase_text, self._phase, sz.phase, sz.phase * 0.8, width - sw - 0.08, 1)
        self._put(self.phase_text, x + sw + 0.08, y)
        used = sw + 0.08 + self._text_width_in(self.phase_text.get_text(), float(self.phase_text.get_fontsize()))
        sx = x + used + 0.25
        self._wrap_fit(self.status_text, self._status, sz.status, sz.status * 0.8, x + width - sx, 1)
        # The status is smaller than the phase: set on the phase's baseline, near enough.
        self._put(self.status_text, sx, y - (sz.phase - float(self.status_text.get_fontsize())) * 0.8 / 72)

    def _front_line(self) -> Any:
        """The day's front as a shapely line in map metres (None when it is not drawn): the key keeps off it."""
        import shapely

        st = self.mapview.state
        if st is None or "front" not in self.mapview.layers or len(getattr(st, "front_xy", ())) < 2:
            return None
        xy = np.asarray(st.front_xy, dtype=float)
        # Pieces of the front are separated by rows of NaN.
        bad = ~np.isfinite(xy).all(axis=1)
        cuts = np.flatnonzero(bad)
        pieces = [part[np.isfinite(part).all(axis=1)] for part in np.split(xy, cuts)]
        lines = [shapely.LineString(part) for part in pieces if len(part) >= 2]
        return shapely.MultiLineString(lines) if lines else None

    def _action_boxes_in(self) -> list[tuple[float, float, float, float]]:
        """The boxes of the day's arrows and markers, in inches from the map's lower-left corner
        (the key keeps off them)."""
        mv = self.mapview
        a = mv.ax.get_window_extent()
        dpi = self.figure.dpi
        day = day_obstacles(mv.marks, mv.labels.day)
        boxes = [tuple(b) for b in day.soft] + [tuple(p.get_extents().extents) for p in day.paths]
        return [((b[0] - a.x0) / dpi, (b[1] - a.y0) / dpi, (b[2] - a.x0) / dpi, (b[3] - a.y0) / dpi) for b in boxes]

    def _place_key_in_map(self, entries: Sequence[Any]) -> None:
        """The key in a white box on the map, where it hides the least Korean land."""
        aw, ah = self._extent_in(self.mapview.ax)
        best = None
        action = self._action_boxes_in()
        front = self._front_line()
        # One, two or three columns at the key's size (or a little smaller): whichever hides the least land.
        # The smaller sizes are tried only when no full-sized key scores under what shrinking costs.
        shrink_cost = 2.0 * (self.sizes.key - self.sizes.key_min) / self.sizes.key
        for least, ncol in itertools.product((False, True), (1, 2, 3)):
            if least and best is not None and best[0] < shrink_cost:
                break
            size = self.sizes.key_min if least else self.sizes.key
            lw, lh = self._legend_size(entries, size, ncol)
            skipped = _size_to_go_on_from(size, self.sizes.key_min, (lw, lh), (0.9 * aw, 0.5 * ah))
            if skipped != size:
                size = skipped
                lw, lh = self._legend_size(entries, size, ncol)
            while (lh > 0.5 * ah or lw > 0.9 * aw) and size > self.sizes.key_min:
                size = max(self.sizes.key_min, size - 0.5)
                lw, lh = self._legend_size(entries, size, ncol)
            if lw > 0.95 * aw:
                continue
            bx, by, score = self.scale_north.box_position(lw, lh, aw, ah, avoid=action, with_score=True,
                                                          avoid_line=front)
            fallback = score >= 1e6
            if fallback:
                # Every place hides some of the day's arrows or markers: as before, the least land.
                bx, by, score = self.scale_north.box_position(lw, lh, aw, ah, avoid=[], with_score=True,
                                                              avoid_line=front)
            if score >= 1000:
                # Korean land (or the front) hidden: counted as a share of the map (a smaller key hides less).
                score = 1000 + (score - 1000) * lw * lh / (aw * ah)
            if fallback:
                score += 5000
            score += 2.0 * (self.sizes.key - size) / self.sizes.key
            if best is None or score < best[0]:
                best = (score, size, ncol, bx, by)
        if best is None:
            best = (0.0, self.sizes.key_min, 1, 0.1, 0.1)
        if best[0] >= 1000 and not getattr(self, "_shifted", False):
            # The key would hide Korean land: slide what was asked for to one side of the
            # frame (the frame shows more than was asked for) and try again.
            self._shifted = True
            x0, x1, y0, y1 = self.mapview.view()
            rx0, rx1, ry0, ry1 = self.extent
            spare = (x1 - x0) - (rx1 - rx0)
            if spare > 0:
                tries = []
                for sign in (1, -1):
                    cx = (rx0 + rx1) / 2 + sign * spare / 2 * 0.97
                    self.mapview.set_view(cx - (x1 - x0) / 2, cx + (x1 - x0) / 2, y0, y1)
                    self._place_key_in_map(entries)
                    tries.append((self._key_score, sign))
                    self._shifted = True
                score, sign = min(tries)
                if sign != tries[-1][1]:
                    cx = (rx0 + rx1) / 2 + sign * spare / 2 * 0.97
                    self.mapview.set_view(cx - (x1 - x0) / 2, cx + (x1 - x0) / 2, y0, y1)
                    self._place_key_in_map(entries)
                self._shifted = False
                return
        _, size, ncol, bx, by = best
        self._key_score = best[0]
        self._make_legend(entries, size, ncol, (bx, by), in_map=True)

    def _caption_height(self, width_in: float) -> float:
        lines = self._caption_lines or ["-"]
        n = self._wrap("\n".join(lines), width_in, self.sizes.caption).count("\n") + 1
        return n * self.sizes.caption * 1.3 / 72 + self.sizes.caption * 1.12 * 1.7 / 72

    def _caption_need(self, width_in: float) -> float:
        """The height (inches) of the citations and their heading in a column *width_in* wide, at their
        least size."""
        lines = self._caption_lines or ["-"]
        size = self.sizes.caption_min
        n = self._wrap("\n".join(lines), width_in, size).count("\n") + 1
        return n * size * 1.3 / 72 + self.sizes.caption * 1.12 * 1.6 / 72

    def _fill_caption(self) -> None:
        """Wrap the citations into the caption box, shrinking the text (then cutting it) to fit."""
        if not self.caption:
            return
        x, top, w, h = self._caption_box
        sz = self.sizes
        lines = self._caption_lines or ["The app cites no source for this date."]
        head_h = sz.caption * 1.12 * 1.6 / 72
        if self.mode != "column":
            # A band under the map: "Sources" in a narrow column on the left, the citations right of it.
            head_w = SOURCES_HEAD_FRAC * float(self.figure.get_size_inches()[0])
            self.caption_head.set_text("Sources")
            self.caption_head.set_fontsize(sz.caption)
            self._put(self.caption_head, x, top)
            x, w, head_h = x + head_w, w - head_w, 0.0
        else:
            self._put(self.caption_head, x, top)
        # The band under the map of a square page is tight: its lines a little closer.
        ls = 1.3 if self.mode == "column" else 1.18
        self.caption_text.set_linespacing(ls)
        size = sz.caption
        while True:
            text = self._wrap("\n".join(lines), w, size)
            n = text.count("\n") + 1
            if n * size * ls / 72 <= h - head_h or size <= sz.caption_min:
                break
            size = max(sz.caption_min, size - 0.5)
        max_lines = max(1, int((h - head_h) / (size * ls / 72)))
        rows = text.split("\n")
        self._cut_full.pop(self.caption_text, None)
        if len(rows) > max_lines:
            rows = rows[:max_lines]
            rows[-1] = rows[-1].rstrip() + " \u2026"
            self._cut_full[self.caption_text] = "\n".join(lines)
        self.caption_text.set_fontsize(size)
        if self.mode != "column":
            self.caption_head.set_fontsize(size)
        self.caption_text.set_text("\n".join(rows))
        self._put(self.caption_text, x, top - head_h)

    def _place_scale_and_north(self) -> None:
        """A north arrow above a scale bar in km, boxed where they cover the least land (and not the key)."""
        aw, ah = self._extent_in(self.mapview.ax)
        if aw <= 0 or ah <= 0:
            # A custom page of few inches (many pixels at a high DPI) left no room for the map at
            # all (its axes collapsed and shapely failed on an empty rectangle): say so plainly.
            raise ExportError(f"a page of {self.page.width} \u00d7 {self.page.height} px at {self.page.dpi:g} dpi "
                              f"is too small for the map with its key and scale bar; "
                              f"use a lower DPI or more pixels")
        avoid = []
        if self.key_in_map and self.legend is not None:
            e = self.legend.get_window_extent(renderer=self._renderer())
            a = self.mapview.ax.get_window_extent()
            dpi = self.figure.dpi
            avoid.append(((e.x0 - a.x0) / dpi - 0.08, (e.y0 - a.y0) / dpi - 0.08,
                          (e.x1 - a.x0) / dpi + 0.08, (e.y1 - a.y0) / dpi + 0.08))
        sn = self.scale_north
        sn.place(aw, ah, self._text_width_in, avoid=[*avoid, *self._action_boxes_in()])
        if avoid:
            # Where the day's arrows leave no room but over the key, the key wins: place it again.
            a = self.mapview.ax.get_window_extent()
            dpi = self.figure.dpi
            (bx0, by0), (bx1, by1) = sn.box_px
            box = ((bx0 - a.x0) / dpi, (by0 - a.y0) / dpi, (bx1 - a.x0) / dpi, (by1 - a.y0) / dpi)
            if any(_overlaps(box, k) for k in avoid):
                sn.place(aw, ah, self._text_width_in, avoid=avoid)
        self._decor_box_px = sn.box_px
        #: Angle of true north, clockwise from the map's up, at the centre of the view (degrees).
        self.north_angle = sn.north_angle
        #: The scale bar's length in km and in pixels (for tests and checks).
        self.scale_km = sn.scale_km
        self.scale_bar_px = sn.scale_bar_px

    def boxes_on_map(self) -> list[tuple[float, float, float, float]]:
        """Display-pixel boxes on the map that names must keep clear of: the key and the scale box."""
        boxes = []
        (bx0, by0), (bx1, by1) = self._decor_box_px
        boxes.append((bx0, by0, bx1, by1))
        if self.key_in_map and self.legend is not None:
            e = self.legend.get_window_extent(renderer=self._renderer())
            boxes.append((e.x0, e.y0, e.x1, e.y1))
        return boxes

    def _layout_names(self) -> None:
        """Lay the names out clear of the key, the scale box and the day's arrows and markers;
        then hide river names that collide with town names or dots."""
        mv = self.mapview
        mv.keep_free_px = self.boxes_on_map()  # and, for one date, the day's arrows and markers
        mv.labels.set_layers(mv.layers)  # river names hidden for another date may show again
        if self.animation:
            # Frames: one layout per set of arrows and markers (see _relayout_frame_names).
            self._dated_layouts.clear()
            day = day_obstacles(mv.marks, mv.labels.day)
            self._dated_layouts.apply(mv.view(), mv.layers, day, list(mv.keep_free_px))
        else:
            mv.layout_labels()
        self._hide_crowded_river_names()

    def _relayout_frame_names(self) -> bool:
        """An animation's next frame: lay the names out again when its arrows and markers differ
        from the last frame's (a cached layout when these obstacles were seen before); True when
        the names moved."""
        mv = self.mapview
        day = day_obstacles(mv.marks, mv.labels.day)
        if self._dated_layouts.apply(mv.view(), mv.layers, day, list(mv.keep_free_px)):
            mv.labels.set_layers(mv.layers)  # river names hidden for another frame may show again
            self._hide_crowded_river_names()
            return True
        # The town names stay: only a river name the new arrows or markers cover is hidden.
        rivers = [*mv.labels.river_labels, mv.parallel_label]
        shown = [t.get_visible() for t in rivers]
        mv.hide_crowded_river_names(day)
        return [t.get_visible() for t in rivers] != shown

    def _hide_crowded_river_names(self) -> None:
        """Hide the river names (and the parallel's) that collide with town names or dots, the key, the
        scale box or the day's arrows and markers, or that the map's frame would cut."""
        mv = self.mapview
        mv.hide_crowded_river_names(day_obstacles(mv.marks, mv.labels.day))

    # ------------------------------------------------------------------ dates

    def _current_key(self) -> list[Any]:
        ids = self.fixed_key if self.fixed_key is not None else tuple(sorted(entries_shown(self.mapview)))
        # A day's ground changing hands and zones held by neither side are named with
        # their dates and names (an animation's one key keeps the general words).
        day = day_rows(self.state, self.mapview.layers) if self.fixed_key is None and self.state is not None else None
        return key_entries(date=self.state.date if self.state is not None else None, shown=ids, day=day)

    def set_date(self, date: dt.date | str) -> WarState:
        """Show *date*: territory, fronts, title, phase, status, key and (if asked) the caption."""
        d = as_date(date)
        if self.view_kind == "action":
            from explorer.render.action import action_extent

            self.extent = action_extent(self.chronology, d, self.events)
        state = self.mapview.set_date(d)
        self.state = state
        self.headline = headline(d, state, self.events, last_event=self.animation)
        self.title = snapshot_title(d, state, self.events, last_event=self.animation)
        # (The texts themselves are set, wrapped to the page, when they are laid out below.)
        self._phase = f"Phase: {state.phase.title}" if state.phase else "Outside the war's phases"
        self.phase_swatch.set_facecolor(state.phase.colour if state.phase else "white")
        self._status = status_line(state)
        if self.caption:
            self._caption_lines = date_citations(d, state, self.chronology, self.events, self.catalogue)
        if not self._frame_done:
            self._frame()
        slid = not self.animation and tuple(self.mapview.view()) != getattr(self, "_extent_view", None)
        if tuple(self.extent) != getattr(self, "_shown_extent", None) or slid:
            # (Also when the last date's key slid the view aside: each date starts from its extent,
            # so a kept figure shows a date as a new one would.  An animation keeps its frames' view.)
            self.mapview.set_view(*self.extent)
            self.mapview.set_state(state)  # arrows and markers sized for the view
            self._shown_extent = tuple(self.extent)
            self._extent_view = tuple(self.mapview.view())
        entries = self._current_key()
        key = (tuple(e.id for e in entries), tuple(e.label for e in entries), self.headline, self._status,
               self._phase, d)
        if self.animation and self._key_ids is not None and key[:2] == self._key_ids[:2]:
            # The next frame of an animation: the key and the scale box stay put; the names
            # move only where this frame's arrows and markers differ from the last one's.
            if key != self._key_ids:
                self._key_ids = key
                self._layout_texts(entries, texts_only=True)
            if self._relayout_frame_names():
                self.static_version += 1
        elif key != self._key_ids or not self.animation:
            if self._key_ids is None or key[:2] != self._key_ids[:2]:
                self.static_version += 1
            self._key_ids = key
            self._layout_texts(entries)
            self._place_scale_and_north()
            self._layout_names()
            self.static_version += 1
            self.page_version += 1
        self._fill_caption()
        return state

    @property
    def key_labels(self) -> list[str]:
        """The key's rows as printed."""
        return [t.get_text() for t in self.legend.get_texts()] if self.legend is not None else []

    # ------------------------------------------------------------------ output

    @property
    def cut_texts(self) -> list[str]:
        """The full wording of every text the page shows shortened with "…" (empty when none is)."""
        return [full for artist, full in self._cut_full.items() if artist.get_visible() and artist.get_text()]

    def description(self) -> str:
        """The page's words in full, for the file's description: title, phase and front, citations.

        Whatever the page had to shorten with "…" is here whole (the citations as the
        app lists them, every one).
        """
        parts = [self.title, f"{self._phase}. {self._status}" if self.state is not None else ""]
        if self.caption:
            lines = self._caption_lines or ["The app cites no source for this date."]
            parts.append("Sources for this date:\n" + "\n".join(lines))
        return "\n".join(p for p in parts if p)

    def metadata(self, fmt: str) -> dict[str, Any]:
        """File metadata for *fmt*, stable from run to run (no software version or date).

        The title, and the page's words in full as the description (:meth:`description`;
        PDF has no description field: its Subject holds it).
        """
        text = self.description()
        if fmt == "png":
            return {"Software": None, "Title": self.title, "Description": text}
        if fmt == "svg":
            return {"Title": self.title, "Description": text, "Date": None, "Creator": "Korean War Explorer"}
        if fmt == "pdf":
            return {"Title": self.title, "Subject": text, "Creator": "Korean War Explorer", "Producer": None,
                    "CreationDate": None}
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
        canvas = self._canvas()
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())

    @property
    def dated_texts(self) -> list[Any]:
        """The artists outside the map that change with the date (title, headline, phase, status)."""
        return [self.title_text, self.headline_text, self.phase_swatch, self.phase_text, self.status_text]

    def dated_text_bbox(self) -> Any:
        """The figure region (display pixels) that :attr:`dated_texts` can occupy on any date."""
        from matplotlib.transforms import Bbox

        dpi = self.figure.dpi
        x, width = self._title_box
        wi, hi = self.figure.get_size_inches()
        top = hi
        if self.mode == "column":
            bottom = self.legend.get_window_extent(renderer=self._renderer()).y1 / dpi + 0.02 \
                if self.legend is not None and not self.key_in_map else self._credits_top + 0.05
        else:
            bottom = self.map_rect_in[1] + self.map_rect_in[3] + 0.02
        return Bbox.from_extents(max(x - 0.1, 0) * dpi, bottom * dpi, min(x + width + 0.1, wi) * dpi, top * dpi)


def export_snapshot(chronology: Chronology, date: dt.date | str, path: str | os.PathLike[str], *,
                    page: Page | None = None, view: View = "peninsula", caption: bool = False,
                    layers: Iterable[str] | None = None, romanization: str = "wartime",
                    events: Sequence[Any] | None = None, cut: list[str] | None = None) -> Path:
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
    cut
        A list that gets the full wording of each text the page shortened with "…"
        (the file's description holds them whole; see :meth:`SnapshotFigure.description`).

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
    written = snap.save(path)
    if cut is not None:
        cut.extend(snap.cut_texts)
    return written
