"""A lesson handed out: a PDF deck, a PDF handout, or an MP4/GIF through its stops.

- **Deck** (A4 landscape, one page per stop): a big map of the stop's date and
  view, its number, date, title and note, the citations of its pinned passages,
  a compact key, scale bar and north arrow, page numbers; a title page first and
  a sources page last.
- **Handout** (A4 portrait, two stops a page): each stop's map, date, title and
  note, with ruled room for the student's notes; page numbers.
- **Movie** (MP4 or GIF, 1920x1080 by default): each stop held for a few seconds
  with its title and note, the front moving through the days between stops.

Everything is drawn with matplotlib alone (a bare :class:`~matplotlib.figure.Figure`)
and written atomically: a failed or cancelled export leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend_handler import HandlerTuple
from matplotlib.text import Text

from explorer.core.dates import format_date
from explorer.render import style
from explorer.render.animation import _write_gif, _write_mp4, ffmpeg_path
from explorer.render.credits import CREDITS
from explorer.render.filewrite import atomic_write, check_target
from explorer.render.key import entries_shown, key_entries, legend_handle
from explorer.render.mapview import MapRenderer
from explorer.render.page import ExportCancelled, ExportError
from explorer.render.scalebar import ScaleAndNorth
from explorer.state.lesson import Lesson, Stop, note_paragraphs
from explorer.war.chronology import Chronology
from explorer.war.projection import to_xy

__all__ = ["LESSON_FORMATS", "export_lesson", "lesson_export_kind"]

A4 = (11.69, 8.27)
A4_PORTRAIT = (8.27, 11.69)
#: What each file name asks for.
LESSON_FORMATS = {"deck": ".pdf", "handout": ".pdf", "mp4": ".mp4", "gif": ".gif"}

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


def lesson_export_kind(path: str | os.PathLike[str], kind: str | None = None) -> str:
    """``"deck"``, ``"handout"``, ``"mp4"`` or ``"gif"`` for *path* (a PDF is a deck unless its name says handout).

    Raises
    ------
    ExportError
        The extension is none of ``.pdf``, ``.mp4``, ``.gif``, or *kind* does not fit it.
    """
    p = Path(path)
    ext = p.suffix.lower()
    if kind is not None:
        if kind not in LESSON_FORMATS:
            raise ExportError(f"unknown lesson export {kind!r}: use deck, handout, mp4 or gif")
        if LESSON_FORMATS[kind] != ext:
            raise ExportError(f"a {kind} is written as {LESSON_FORMATS[kind]}, not {ext or 'a file without extension'}")
        return kind
    if ext == ".pdf":
        return "handout" if "handout" in p.stem.lower() else "deck"
    if ext in (".mp4", ".gif"):
        return ext[1:]
    raise ExportError(f"{p.name}: a lesson is exported as .pdf (deck or handout), .mp4 or .gif")


# --------------------------------------------------------------------------- text layout


#: Widths of words already measured, in inches: (text, size, weight, style, dpi) -> width.
_WIDTHS: dict[tuple[str, float, str, str, float], float] = {}


@dataclass
class _Box:
    """A column of text laid out top-down in inches on a figure."""

    figure: Figure
    x: float
    top: float
    width: float
    bottom: float

    def _renderer(self) -> Any:
        return _agg(self.figure).get_renderer()

    def _width(self, text: str, size: float, weight: str = "normal", styl: str = "normal") -> float:
        """Width of *text* in inches (cached per word: a page measures hundreds of them)."""
        key = (text, size, weight, styl, self.figure.dpi)
        w = _WIDTHS.get(key)
        if w is None:
            prop = FontProperties(family=style.FONT_FAMILY, size=size, weight=weight,
                                  style="italic" if styl == "italic" else "normal")
            w = self._renderer().get_text_width_height_descent(text, prop, ismath=False)[0] / self.figure.dpi
            _WIDTHS[key] = w
        return w

    def _line_width(self, words: Sequence[str], size: float, weight: str = "normal") -> float:
        space = self._width(" ", size, weight)
        return sum(self._width(w, size, weight) for w in words) + space * max(0, len(words) - 1)

    def wrap(self, text: str, size: float, weight: str = "normal") -> list[str]:
        lines: list[str] = []
        space = self._width(" ", size, weight)
        for para in text.split("\n"):
            line: list[str] = []
            width = 0.0
            for word in para.split():
                ww = self._width(word, size, weight)
                if line and width + space + ww > self.width:
                    lines.append(" ".join(line))
                    line, width = [word], ww
                else:
                    width = width + space + ww if line else ww
                    line.append(word)
            lines.append(" ".join(line))
        return lines

    def put(self, text: str, size: float, *, weight: str = "normal", colour: str = style.TITLE,
            gap: float = 0.35, max_lines: int | None = None) -> bool:
        """Write wrapped *text*; False (and nothing drawn) when it does not fit above the bottom."""
        lines = self.wrap(text, size, weight)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1].rstrip(" .,;") + "\u2026"
        lh = size / 72 * 1.3
        if self.top - lh * len(lines) < self.bottom:
            return False
        wi, hi = self.figure.get_size_inches()
        for line in lines:
            self.top -= lh
            self.figure.text(self.x / wi, (self.top + lh * 0.25) / hi, line, fontsize=size, fontweight=weight,
                             color=colour, family=style.FONT_FAMILY, va="baseline", ha="left")
        self.top -= gap * size / 72
        return True

    def put_note(self, note: str, size: float) -> None:
        """The note's paragraphs with their emphasis, word by word; stops with "…" at the bottom."""
        wi, hi = self.figure.get_size_inches()
        lh = size / 72 * 1.35
        space = self._width(" ", size)
        for runs in note_paragraphs(note):
            words: list[tuple[str, str]] = []
            for text, kind in runs:
                if text[:1].isspace() and words:
                    words.append((" ", ""))
                for i, w in enumerate(text.split()):
                    if i:
                        words.append((" ", ""))
                    words.append((w, kind))
                if text[-1:].isspace():
                    words.append((" ", ""))
            x = 0.0
            if self.top - lh < self.bottom:
                return
            self.top -= lh
            for w, kind in words:
                if w == " ":
                    x += space if x > 0 else 0
                    continue
                weight = "bold" if kind == "strong" else "normal"
                styl = "italic" if kind == "em" else "normal"
                ww = self._width(w, size, weight, styl)
                if x > 0 and x + ww > self.width:
                    if self.top - lh < self.bottom:
                        self.figure.text((self.x + x) / wi, (self.top + lh * 0.25) / hi, "\u2026", fontsize=size,
                                         family=style.FONT_FAMILY, va="baseline")
                        return
                    self.top -= lh
                    x = 0.0
                self.figure.text((self.x + x) / wi, (self.top + lh * 0.25) / hi, w, fontsize=size,
                                 fontweight=weight, fontstyle=styl, color="#222222", family=style.FONT_FAMILY,
                                 va="baseline", ha="left")
                x += ww
            self.top -= lh * 0.45


# --------------------------------------------------------------------------- one map


class _StopMap:
    """A map on a figure, showing stops one after another."""

    def __init__(self, figure: Figure, chronology: Chronology, rect_in: tuple[float, float, float, float],
                 default_layers: Iterable[str] | None, romanization: str, scale_pt: float = 7.5,
                 frame_action: Callable[[dt.date], tuple[float, float, float, float]] | None = None) -> None:
        wi, hi = figure.get_size_inches()
        x, y, w, h = rect_in
        self.figure = figure
        self.rect_in = rect_in
        self.mapview = MapRenderer(figure, chronology, rect=(x / wi, y / hi, w / wi, h / hi), overlay_text=False)
        self.mapview.ax.set_frame_on(True)
        for spine in self.mapview.ax.spines.values():
            spine.set_edgecolor("#777777")
            spine.set_linewidth(0.6)
        self.default_layers = frozenset(default_layers) if default_layers is not None else self.mapview.layers
        if romanization != "wartime":
            self.mapview.set_romanization(romanization)
        self.scale = ScaleAndNorth(self.mapview, scale_pt)
        self.frame_action = frame_action

    def extent(self, stop: Stop) -> tuple[float, float, float, float]:
        if isinstance(stop.view, tuple):
            w, s, e, n = stop.view
            xs, ys = to_xy([w, e], [s, n])
            return float(xs[0]), float(xs[1]), float(ys[0]), float(ys[1])
        if stop.view == "action" and self.frame_action is not None:
            return tuple(self.frame_action(stop.date))  # type: ignore[return-value]
        return tuple(self.mapview.home_bounds())  # type: ignore[return-value]

    def show(self, stop: Stop, date: dt.date | None = None, extent: tuple[float, float, float, float] | None = None
             ) -> None:
        mv = self.mapview
        mv.set_layers(stop.layers if stop.layers is not None else self.default_layers)
        mv.set_view(*(extent or self.extent(stop)))
        mv.set_date(date or stop.date)

    def place_scale(self) -> None:
        renderer = _agg(self.figure).get_renderer()

        def width_in(text: str, size: float, weight: str = "normal") -> float:
            t = Text(0, 0, text, fontsize=size, fontweight=weight, family=style.FONT_FAMILY)
            t.set_figure(self.figure)
            return t.get_window_extent(renderer).width / self.figure.dpi

        _, _, w, h = self.rect_in
        self.scale.place(w, h, width_in)

    def key(self, x_in: float, top_in: float, size: float, ncol: int = 1) -> Any:
        wi, hi = self.figure.get_size_inches()
        d = self.mapview.state.date if self.mapview.state is not None else None
        entries = key_entries(self.mapview.layers, date=d, shown=entries_shown(self.mapview))
        if not entries:
            return None
        return self.figure.legend(
            [legend_handle(e) for e in entries], [e.label for e in entries], loc="upper left",
            bbox_to_anchor=(x_in / wi, top_in / hi), bbox_transform=self.figure.transFigure, ncol=ncol,
            frameon=False, fontsize=size, title="Key", alignment="left",
            title_fontproperties={"weight": "bold", "size": size + 1}, handlelength=2.4, borderpad=0.0,
            borderaxespad=0.0, labelspacing=0.35, columnspacing=1.2, handler_map={tuple: HandlerTuple(ndivide=1)})


def _citation_lines(stop: Stop, catalogue: Any) -> list[str]:
    out = []
    for c in stop.passages:
        entry = catalogue.get(c.source) if catalogue is not None else None
        ref = entry.citation_text() if entry is not None else c.source
        out.append(f"{ref}: \u201c{c.quote}\u2026\u201d")
    return out


def _footer(fig: Figure, page_no: int, pages: int, lesson: Lesson, size: float = 8) -> None:
    fig.text(0.5, 0.018, f"{page_no} / {pages}", ha="center", va="bottom", fontsize=size, color="#555555",
             family=style.FONT_FAMILY)
    fig.text(0.03, 0.018, lesson.title, ha="left", va="bottom", fontsize=size, color="#555555",
             family=style.FONT_FAMILY)


def _agg(fig: Figure) -> FigureCanvasAgg:
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    return canvas


def _new_figure(size: tuple[float, float], dpi: float = 100) -> Figure:
    fig = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


# --------------------------------------------------------------------------- pages


def _title_page(lesson: Lesson, pages: int) -> Figure:
    fig = _new_figure(A4)
    box = _Box(fig, 0.9, A4[1] - 0.9, A4[0] - 1.8, 0.8)
    box.put("Korean War Explorer \u00b7 a lesson", 12, colour=style.FRONT)
    box.put(lesson.title, 30, weight="bold", gap=0.4)
    if lesson.author:
        box.put(lesson.author, 14, colour="#333333")
    if lesson.description:
        box.put(lesson.description, 12, colour="#222222", gap=0.8)
    box.put("Stops", 14, weight="bold", gap=0.3)
    for i, s in enumerate(lesson.stops, start=1):
        if not box.put(f"{i}.  {format_date(s.date)} \u2014 {s.title}", 11.5, gap=0.15, max_lines=1):
            box.put(f"\u2026 and {len(lesson.stops) - i + 1} more", 11.5)
            break
    _footer(fig, 1, pages, lesson)
    return fig


def _deck_page(chronology: Chronology, lesson: Lesson, i: int, pages: int, catalogue: Any,
               layers: Iterable[str] | None, romanization: str, frame_action: Any) -> Figure:
    stop = lesson.stops[i]
    fig = _new_figure(A4)
    W, H = A4
    sm = _StopMap(fig, chronology, (0.35, 0.45, 7.2, H - 0.8), layers, romanization, frame_action=frame_action)
    sm.show(stop)
    sm.place_scale()
    x = 7.85
    box = _Box(fig, x, H - 0.45, W - x - 0.35, 0.55)
    box.put(f"Stop {i + 1} of {len(lesson.stops)}", 10, colour="#666666", gap=0.2)
    box.put(format_date(stop.date), 17, weight="bold", colour=style.FRONT, gap=0.15)
    box.put(stop.title, 21, weight="bold", gap=0.4, max_lines=3)
    cites = _citation_lines(stop, catalogue)
    key_top = 3.05
    box.bottom = key_top + 0.25 + (0.2 + 0.16 * min(4, len(cites)) * 2 if cites else 0)
    box.put_note(stop.note, 11.5)
    if cites:
        cbox = _Box(fig, x, box.bottom - 0.05, W - x - 0.35, key_top + 0.1)
        cbox.put("Passages", 9.5, weight="bold", gap=0.1)
        for line in cites:
            if not cbox.put(line, 8, colour="#333333", gap=0.15, max_lines=2):
                break
    sm.key(x, key_top, 8.5)
    fig.text(x / W, 0.55 / H, "\n".join(_Box(fig, x, 0, W - x - 0.35, 0).wrap(CREDITS, 5.5)), fontsize=5.5,
             color="#666666", va="bottom", family=style.FONT_FAMILY)
    _footer(fig, i + 2, pages, lesson)
    return fig


def _front_histories(chronology: Chronology, lesson: Lesson) -> list[str]:
    """The histories the recorded fronts of the lesson's dates cite (titles, in order of first use)."""
    out: list[str] = []
    for stop in lesson.stops:
        state = chronology.state_at(stop.date)
        records = []
        if state.record is not None:
            records.append(state.record)
        elif state.between:
            records.extend(r for r in (chronology.record_on(state.between[0]), chronology.record_on(state.between[1]))
                           if r is not None)
        for rec in records:
            for c in rec.citations:
                title = c.get("title") if isinstance(c, dict) else None
                if isinstance(title, str) and title not in out:
                    out.append(title)
    return out


def _sources_page(lesson: Lesson, pages: int, catalogue: Any, histories: Sequence[str] = ()) -> Figure:
    fig = _new_figure(A4)
    box = _Box(fig, 0.9, A4[1] - 0.9, A4[0] - 1.8, 0.7)
    box.put("Sources", 24, weight="bold", gap=0.5)
    by_source: dict[str, list[int]] = {}
    for i, s in enumerate(lesson.stops, start=1):
        for c in s.passages:
            stops = by_source.setdefault(c.source, [])
            if i not in stops:
                stops.append(i)
    if not by_source:
        box.put("No passage is pinned to the stops of this lesson.", 12)
    for source, stops in by_source.items():
        entry = catalogue.get(source) if catalogue is not None else None
        ref = entry.citation_text() if entry is not None else source
        which = ", ".join(map(str, stops))
        if not box.put(f"{ref} \u2014 stop{'s' if len(stops) > 1 else ''} {which}", 11.5, gap=0.3):
            break
    box.put("The maps", 14, weight="bold", gap=0.3)
    if histories:
        box.put("Front lines after: " + "; ".join(histories) + ".", 10, colour="#333333", gap=0.3)
    box.put(CREDITS, 10, colour="#333333", gap=0.3)
    box.put("Front lines between recorded dates are interpolated and drawn dashed; each recorded front cites "
            "the histories it follows. Passages are quoted from the teacher's own source documents, by anchor.",
            10, colour="#333333")
    _footer(fig, pages, pages, lesson)
    return fig


def _handout_page(chronology: Chronology, lesson: Lesson, first: int, page_no: int, pages: int,
                  layers: Iterable[str] | None, romanization: str, frame_action: Any) -> Figure:
    fig = _new_figure(A4_PORTRAIT)
    W, H = A4_PORTRAIT
    half = (H - 0.9) / 2
    for k in range(2):
        i = first + k
        if i >= len(lesson.stops):
            break
        stop = lesson.stops[i]
        top = H - 0.45 - k * half
        sm = _StopMap(fig, chronology, (0.45, top - half + 0.35, 4.1, half - 0.45), layers, romanization,
                      scale_pt=6.5, frame_action=frame_action)
        sm.show(stop)
        sm.place_scale()
        box = _Box(fig, 4.8, top, W - 4.8 - 0.45, top - half + 0.4)
        box.put(f"{i + 1}.  {format_date(stop.date)}", 11, weight="bold", colour=style.FRONT, gap=0.1)
        box.put(stop.title, 14, weight="bold", gap=0.3, max_lines=2)
        box.bottom = top - half + 2.0
        box.put_note(stop.note, 9.5)
        # Room for notes: ruled lines to the bottom of the half.
        y = min(box.top - 0.25, top - half + 1.9)
        fig.text(4.8 / W, (y + 0.08) / H, "Notes", fontsize=9, fontweight="bold", color="#555555",
                 family=style.FONT_FAMILY)
        while y > top - half + 0.45:
            fig.add_artist(_rule(fig, 4.8, W - 0.45, y))
            y -= 0.3
        if k == 0:
            fig.add_artist(_rule(fig, 0.45, W - 0.45, top - half + 0.12, colour="#999999", dash=True))
    _footer(fig, page_no, pages, lesson)
    return fig


def _rule(fig: Figure, x0: float, x1: float, y: float, colour: str = "#c8c8c8", dash: bool = False) -> Any:
    from matplotlib.lines import Line2D

    W, H = fig.get_size_inches()
    return Line2D([x0 / W, x1 / W], [y / H, y / H], transform=fig.transFigure, color=colour, linewidth=0.6,
                  linestyle=(0, (4, 3)) if dash else "-")


# --------------------------------------------------------------------------- movie


class _MovieFrames:
    """The frames of a lesson movie: each stop held, the front moving between stops."""

    def __init__(self, chronology: Chronology, lesson: Lesson, size: tuple[int, int], fps: float, hold_s: float,
                 move_s: float, layers: Iterable[str] | None, romanization: str, frame_action: Any,
                 progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        w, h = size
        dpi = h / 6.0
        self.fig = _new_figure((w / dpi, h / dpi), dpi)
        self.W, self.H = w / dpi, h / dpi
        self.map = _StopMap(self.fig, chronology, (0.12, 0.12, self.W * 0.6, self.H - 0.24), layers, romanization,
                            frame_action=frame_action)
        self.lesson = lesson
        self.hold = max(1, round(hold_s * fps))
        self.move = max(0, round(move_s * fps))
        self.progress, self.cancel = progress, cancel
        self.total = len(lesson.stops) * self.hold + (len(lesson.stops) - 1) * self.move
        self._texts: list[Any] = []
        self._date_text: Any = None

    def _caption(self, i: int) -> None:
        for t in self._texts:
            t.remove()
        before = set(self.fig.texts)
        stop = self.lesson.stops[i]
        x = 0.12 + self.W * 0.6 + 0.25
        box = _Box(self.fig, x, self.H - 0.3, self.W - x - 0.2, 0.35)
        box.put(format_date(stop.date), 15, weight="bold", colour=style.FRONT, gap=0.1)
        box.put(stop.title, 19, weight="bold", gap=0.35, max_lines=3)
        box.put_note(stop.note, 10.5)
        self.fig.text((self.W - 0.2) / self.W, 0.12 / self.H, f"{self.lesson.title} \u00b7 {i + 1} / "
                      f"{len(self.lesson.stops)}", ha="right", fontsize=8, color="#666666", family=style.FONT_FAMILY)
        self._texts = [t for t in self.fig.texts if t not in before]
        self._date_text = self._texts[0] if self._texts else None

    def _render(self) -> np.ndarray:
        canvas = _agg(self.fig)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()

    def __iter__(self):
        done = 0
        stops = self.lesson.stops
        for i, stop in enumerate(stops):
            if i > 0 and self.move:
                # The next stop's title and note while the front moves there, its date ticking with the map.
                self._caption(i)
                prev = stops[i - 1]
                v0, v1 = self.map.extent(prev), self.map.extent(stop)
                for f in range(1, self.move + 1):
                    t = f / (self.move + 1)
                    e = t * t * (3 - 2 * t)
                    d = prev.date + dt.timedelta(days=round((stop.date - prev.date).days * e))
                    ext = tuple(a + (b - a) * e for a, b in zip(v0, v1))
                    self.map.show(stop, d, ext)  # type: ignore[arg-type]
                    if self._date_text is not None:
                        self._date_text.set_text(format_date(d))
                    done += 1
                    yield self._frame_now(done)
            self._caption(i)
            self.map.show(stop)
            self.map.place_scale()
            frame = None
            for _ in range(self.hold):
                if self.cancel is not None and self.cancel():
                    raise ExportCancelled("the export was cancelled; nothing was written")
                if frame is None:
                    frame = self._render()
                done += 1
                if self.progress is not None:
                    self.progress(done, self.total)
                yield frame

    def _frame_now(self, done: int) -> np.ndarray:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled("the export was cancelled; nothing was written")
        frame = self._render()
        if self.progress is not None:
            self.progress(done, self.total)
        return frame


# --------------------------------------------------------------------------- the one entry point


def export_lesson(chronology: Chronology, lesson: Lesson, path: str | os.PathLike[str], *, kind: str | None = None,
                  catalogue: Any = None, layers: Iterable[str] | None = None, romanization: str = "wartime",
                  size: tuple[int, int] = (1920, 1080), fps: float = 10.0, hold_s: float = 4.0,
                  move_s: float = 2.0, frame_action: Callable[[dt.date], Sequence[float]] | None = None,
                  progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> Path:
    """Write *lesson* to *path* as a deck, a handout, an MP4 or a GIF.

    Parameters
    ----------
    chronology
        The fronts and territory.
    lesson
        The lesson (at least one stop).
    path
        ``.pdf`` (a deck; a handout when the name contains "handout" or *kind* says so),
        ``.mp4`` or ``.gif``.
    kind
        ``"deck"``, ``"handout"``, ``"mp4"`` or ``"gif"``; by default from *path*.
    catalogue
        The source catalogue, for the citations (ids are printed without it).
    layers, romanization
        For stops that do not name their layers; place-name spelling.
    size, fps, hold_s, move_s
        Movies: frame size in pixels, frames per second, seconds each stop is held
        and seconds the map takes to move to the next stop.
    frame_action
        Gives the extent (xmin, xmax, ymin, ymax) that frames a date's action, for
        stops whose view is ``"action"`` (the whole peninsula when not given).
    progress, cancel
        Called with (done, total) after each page or frame; polled before each.

    Raises
    ------
    ExportError
        A bad name, no stop, MP4 without ffmpeg, or a failed write; nothing is left behind.
    ExportCancelled
        Cancelled; nothing is left behind.
    """
    kind = lesson_export_kind(path, kind)
    if not lesson.stops:
        raise ExportError("the lesson has no stop to export")
    check_target(path)
    if kind in ("deck", "handout"):
        n = len(lesson.stops)
        pages = n + 2 if kind == "deck" else (n + 1) // 2

        def builders() -> Iterable[Callable[[], Figure]]:
            if kind == "deck":
                yield functools.partial(_title_page, lesson, pages)
                for i in range(n):
                    yield functools.partial(_deck_page, chronology, lesson, i, pages, catalogue, layers, romanization,
                                            frame_action)
                yield functools.partial(_sources_page, lesson, pages, catalogue,
                                        _front_histories(chronology, lesson))
            else:
                for p, first in enumerate(range(0, n, 2), start=1):
                    yield functools.partial(_handout_page, chronology, lesson, first, p, pages, layers, romanization,
                                            frame_action)

        def write(fh: Any) -> None:
            meta = {"Title": lesson.title, "Author": lesson.author or "Korean War Explorer",
                    "Creator": "Korean War Explorer", "Subject": f"A lesson: {kind}", "CreationDate": None,
                    "ModDate": None}
            with PdfPages(fh, metadata=meta) as pdf:
                for done, build in enumerate(builders(), start=1):
                    if cancel is not None and cancel():
                        raise ExportCancelled("the export was cancelled; nothing was written")
                    fig = build()
                    pdf.savefig(fig)
                    if progress is not None:
                        progress(done, pages)

        return atomic_write(path, write)
    frames = _MovieFrames(chronology, lesson, size, fps, hold_s, move_s, layers, romanization, frame_action,
                          progress, cancel)
    if kind == "gif":
        return atomic_write(path, lambda fh: _write_gif(fh, frames, fps, cancel))
    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        raise ExportError("MP4 needs ffmpeg, which is not installed on this computer; export a GIF instead")
    return atomic_write(path, write_path=lambda tmp: _write_mp4(tmp, frames, fps, size, ffmpeg))
