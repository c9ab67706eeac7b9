"""Animations of the war: a GIF (Pillow) or an MP4 (ffmpeg) of the map over a range of dates.

Every frame is a finished map from :class:`explorer.render.export.SnapshotFigure`
(so it carries its date, the phase and the key).  One figure and one
:class:`~explorer.render.mapview.MapRenderer` are built for the whole
animation; each frame only changes the date.

Frames
------
A step is ``"Nd"`` (every N days), ``"Nw"`` (every N weeks) or ``"event"``
(one frame per date on which an event of the chronology starts, for events
known to the day or to a range of days).  Stepped animations always end on
the last day asked for, so ``1950-06-25`` to ``1950-07-25`` every 7 days has
six frames: five a week apart and 25 July.

Safety
------
The file is written to a temporary file in the target folder and renamed
over the target at the end.  A progress callback hears ``(done, total)``
after each frame; a cancel callable is polled between frames.  A cancelled
or failed export leaves no partial file and does not touch an existing one.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import shutil
import subprocess
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from explorer.war.chronology import Chronology, as_date
from explorer.render import style
from explorer.render.action import action_extent
from explorer.render.compositor import TerritoryCompositor
from explorer.render.key import entries_shown
from explorer.render.layers.marks import ARROW_ALPHA
from explorer.render.export import SnapshotFigure
from explorer.render.filewrite import atomic_write, check_target
from explorer.render.page import ExportCancelled, ExportError, Page, View, format_for
from explorer.render.words import bundled_events

__all__ = [
    "ANIMATION_FORMATS",
    "DEFAULT_PAGE",
    "Step",
    "check_fps",
    "export_animation",
    "ffmpeg_path",
    "frame_dates",
    "parse_step",
]

#: Animation formats by extension.
ANIMATION_FORMATS = {".gif": "gif", ".mp4": "mp4"}
#: The default frame size: the 1920x1080 slide (type sized as for slides).
DEFAULT_PAGE = Page(1920, 1080, 150)
#: How long the last frame stays, at least (GIF), in milliseconds.
LAST_FRAME_HOLD_MS = 1500
MAX_FRAMES = 5000

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class Step:
    """How far apart frames are: ``days`` days, or one frame per event date (``days == 0``)."""

    days: int

    @property
    def per_event(self) -> bool:
        """True for one frame per event date."""
        return self.days == 0

    def describe(self) -> str:
        """``every 7 days`` or ``one frame per event``."""
        return "one frame per event" if self.per_event else f"every {self.days} day{'s' if self.days != 1 else ''}"


_STEP = re.compile(r"^\s*(\d+)\s*([dw])\s*$", re.IGNORECASE)


def parse_step(text: str) -> Step:
    """Read ``"7d"``, ``"2w"`` or ``"event"``.

    Raises
    ------
    ExportError
        Anything else, or a step of zero.
    """
    s = str(text).strip().lower()
    if s in ("event", "events"):
        return Step(0)
    m = _STEP.match(s)
    if not m:
        raise ExportError(f"the step must be a number of days or weeks (like 7d or 2w) or 'event', not {text!r}")
    n = int(m.group(1)) * (7 if m.group(2) == "w" else 1)
    if n <= 0:
        raise ExportError("the step must be at least one day")
    return Step(n)


def frame_dates(start: dt.date | str, end: dt.date | str, step: Step | str,
                events: Sequence[Any] = (), with_events: bool = False) -> list[dt.date]:
    """The dates of the frames from *start* to *end* (inclusive).

    With *with_events* a stepped animation also has a frame on every day an
    event starts ("every week and every event"), so a weekly step does not
    skip the day of the Inchon landing.

    Raises
    ------
    ExportError
        *end* is before *start*, no event falls in the range (per-event step),
        or there would be more than :data:`MAX_FRAMES` frames.
    """
    try:
        a, b = as_date(start), as_date(end)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    if b < a:
        raise ExportError(f"the animation ends ({b}) before it starts ({a})")
    if isinstance(step, str):
        step = parse_step(step)
    if step.per_event:
        dates = sorted({e.start for e in events if e.precision in ("day", "range") and a <= e.start <= b})
        if not dates:
            raise ExportError(f"no event of the chronology starts between {a} and {b}")
        return dates
    n = (b - a).days // step.days + 1
    if n > MAX_FRAMES:
        raise ExportError(f"{n} frames is too many (at most {MAX_FRAMES}): use a longer step")
    dates = [a + dt.timedelta(days=k * step.days) for k in range(n)]
    if dates[-1] != b:
        dates.append(b)
    if with_events:
        dates = sorted(set(dates) | {e.start for e in events
                                     if e.precision in ("day", "range") and a <= e.start <= b})
        if len(dates) > MAX_FRAMES:
            raise ExportError(f"{len(dates)} frames is too many (at most {MAX_FRAMES}): use a longer step")
    return dates


def bundled_ffmpeg() -> str | None:
    """The ffmpeg program shipped inside the ``imageio-ffmpeg`` wheel, if it is there and runs here."""
    try:
        import imageio_ffmpeg  # a dependency; imported only when MP4 is asked about
    except ImportError:
        return None
    try:
        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except (RuntimeError, OSError):
        # No binary for this platform in the wheel (and none it could find).
        return None
    return exe if exe and os.path.isfile(exe) else None


def ffmpeg_path() -> str | None:
    """The ffmpeg program MP4 export runs, or ``None``.

    The one in the ``imageio-ffmpeg`` wheel first (so MP4 works on a computer
    with no ffmpeg, and in an app started from Finder or the Start menu without
    the user's ``PATH``); then an ``ffmpeg`` on ``PATH``.  ``KWE_FFMPEG`` names
    a program to use instead of both (an empty value turns MP4 off).
    """
    override = os.environ.get("KWE_FFMPEG")
    if override is not None:
        return override if override and os.path.isfile(override) else None
    return bundled_ffmpeg() or shutil.which("ffmpeg")


class _CancelFlag:
    """A cancel callback seen as the stop flag (``is_set``) of :meth:`Chronology.prepare_morphs`."""

    def __init__(self, cancel: CancelFn) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        return bool(self._cancel())


def check_fps(fps: float) -> float:
    """Check a frame rate (0.1 to 60 frames per second); raise :class:`ExportError` otherwise."""
    try:
        fps = float(fps)
    except (TypeError, ValueError):
        raise ExportError(f"frames per second must be a number, not {fps!r}") from None
    if not math.isfinite(fps) or not (0.1 <= fps <= 60):
        raise ExportError(f"frames per second must be between 0.1 and 60, not {fps:g}")
    return fps


class _Frames:
    """Renders the frames of an animation with one figure, reporting progress and polling cancel.

    The first frame is a full draw.  Later frames change only the territory,
    the fronts and the dated texts, so they are drawn the way the window
    scrubs: :class:`~explorer.render.compositor.TerritoryCompositor` takes
    each map pixel from a cached render in one side's colour or the other's,
    the fronts are drawn over the seam, and the header is restored from a
    cached background before the new title is drawn.  The names, which move
    round each week's arrows and markers, are kept apart from the cached
    renders (``names_apart``): when they move only they are rendered again.
    """

    def __init__(self, snap: SnapshotFigure, dates: list[dt.date], progress: ProgressFn | None,
                 cancel: CancelFn | None, fast: bool = True) -> None:
        self.snap, self.dates, self.progress, self.cancel = snap, dates, progress, cancel
        self.fast = fast
        self._compositor: TerritoryCompositor | None = None
        self._text_bg: Any = None
        self._text_box: Any = None
        self._version = -1
        # The page round the map as last captured (see _draw_map), and its version.
        self._page_bg: Any = None
        self._page_version = -1

    def render(self, d: dt.date) -> np.ndarray:
        """The RGBA image of the frame for *d*."""
        snap = self.snap
        snap.set_date(d)
        if not self.fast:
            return snap.render_rgba()
        canvas = snap.figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)  # the page's own Agg canvas
        comp = self._compositor
        if comp is None:
            comp = self._compositor = TerritoryCompositor(snap.mapview, names_apart=True)
        if not comp.is_valid() or self._text_bg is None or self._page_version != snap.page_version:
            self._version, self._page_version, self._page_bg = snap.static_version, snap.page_version, None
            texts = snap.dated_texts
            for t in texts:
                t.set_visible(False)
            try:
                comp.capture(draw=self._draw_map)
            finally:
                for t in texts:
                    t.set_visible(True)
            self._text_box = snap.dated_text_bbox()
            self._text_bg = canvas.copy_from_bbox(self._text_box)
        elif self._version != snap.static_version:
            # The names moved round this frame's arrows and markers: only they are rendered again.
            self._version = snap.static_version
            comp.names_moved()
        assert snap.mapview.state is not None
        comp.compose(snap.mapview.state, shown=True)
        canvas.restore_region(self._text_bg)
        for t in snap.dated_texts:
            snap.figure.draw_artist(t)
        return np.asarray(canvas.buffer_rgba())

    def _draw_map(self) -> np.ndarray:
        """The map drawn as a full draw would, but the page round it (its key, credits and frame,
        most of a draw's time at 1920x1080) restored from a render of it alone."""
        snap = self.snap
        canvas = snap.figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        ax = snap.mapview.ax
        if self._page_bg is None:  # (once per capture)
            hidden = [ax, *snap.dated_texts]
            was = [a.get_visible() for a in hidden]
            for a in hidden:
                a.set_visible(False)
            try:
                canvas.draw()
            finally:
                for a, v in zip(hidden, was):
                    a.set_visible(v)
            self._page_bg = canvas.copy_from_bbox(snap.figure.bbox)
        canvas.restore_region(self._page_bg)
        snap.figure.draw_artist(ax)
        for t in snap.dated_texts:
            if t.get_visible():
                snap.figure.draw_artist(t)
        return np.asarray(canvas.buffer_rgba())

    def __iter__(self):
        total = len(self.dates)
        for i, d in enumerate(self.dates):
            if self.cancel is not None and self.cancel():
                raise ExportCancelled("the export was cancelled; nothing was written")
            yield self.render(d)
            if self.progress is not None:
                self.progress(i + 1, total)


def app_colours(chronology: Chronology | None = None) -> list[tuple[int, int, int]]:
    """The colours the map and its page must keep exactly in a GIF (style colours and phase swatches)."""
    names = ["#ffffff", "#000000", style.SEA, style.LAND_NEIGHBOUR, style.COAST, style.UN_FILL,
             style.COMMUNIST_FILL, style.NEUTRAL_LAND, style.FRONT, style.GHOST, style.RIVER, style.BORDER,
             style.PARALLEL, style.ARMISTICE, style.TOWN, style.LABEL, style.TITLE, style.ENCLAVE, style.ARROW_UN,
             style.ARROW_COMMUNIST, style.EVENT_MARKER, "#444444", "#555555", "#222222", "#9aa5ad"]
    names += [style.ARROW_SEA, style.NAMED_LINE, style.DMZ]
    if chronology is not None:
        names += [p.colour for p in getattr(chronology, "phases", ()) if getattr(p, "colour", None)]
    out: list[tuple[int, int, int]] = []
    for n in names:
        r, g, b = (round(v * 255) for v in to_rgb(n))
        if (r, g, b) not in out:
            out.append((r, g, b))
    # The arrows are translucent: their colours over the sea and over the page (the key's swatches)
    # are kept too, or a landing's sea-blue arrow became a grey-blue one.
    for arrow in (style.ARROW_UN, style.ARROW_COMMUNIST, style.ARROW_SEA):
        for under in (style.SEA, "#ffffff"):
            a, u = np.array(to_rgb(arrow)), np.array(to_rgb(under))
            mixed = tuple(int(round(v * 255)) for v in ARROW_ALPHA * a + (1 - ARROW_ALPHA) * u)
            if mixed not in out:
                out.append(mixed)  # type: ignore[arg-type]
    return out


# The palette index a GIF frame after the first gives the pixels that did not change since the
# frame before: they are transparent, and the frame before shows through (disposal 1).  No colour
# is drawn with it: its palette entry repeats the first colour's, to which it is mapped.
TRANSPARENT = 255


def gif_palette(first: Any, colours: Sequence[tuple[int, int, int]]) -> Any:
    """A 256-colour palette image: *colours* first, then the commonest other colours of *first*;
    the last entry (:data:`TRANSPARENT`) is kept for the pixels a frame leaves as they were."""
    from PIL import Image

    fixed = list(colours)[:128]
    room = TRANSPARENT - len(fixed)
    rest = first.quantize(colors=room, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    extra = rest.getpalette()[: 3 * room]
    flat = [c for rgb in fixed for c in rgb] + extra
    flat += [0] * (3 * TRANSPARENT - len(flat))
    flat += flat[:3]  # the transparent entry: a copy of the first colour
    pal = Image.new("P", (1, 1))
    pal.putpalette(flat)
    return pal


class _PaletteIndices:
    """Palette indices of pixels, one table lookup each, the app's colours exact.

    A table of all 2**24 colours (32 MB, built once per animation) holds the
    palette index of each colour met so far.  The app's own colours (the
    palette's first entries) have theirs from the start: Pillow's palette
    lookup goes through a coarse cache and can give a near colour (white
    became 252, 252, 252).  Colours not yet in the table (the blends of
    anti-aliasing and relief; most of them in the first frames) are
    quantized by Pillow once, as a row of distinct colours, and kept: Pillow
    maps each colour on its own (no dithering), so the indices are those it
    gives a whole frame, but for :data:`TRANSPARENT`, which is never given
    (its entry repeats the first colour's).  Quantizing every frame whole
    took about 7 ms at 1280x720 and held the drawing thread back.
    """

    UNKNOWN = 0xFFFF

    def __init__(self, palette: Any, colours: Sequence[tuple[int, int, int]]) -> None:
        self.palette = palette
        self.colours = list(colours)[:128]
        self.table: np.ndarray | None = None  # made by the first frame's call (on the writing thread)

    def _make_table(self) -> np.ndarray:
        table = np.full(1 << 24, self.UNKNOWN, dtype=np.uint16)
        # Keys as the RGBA bytes read as one little-endian number, alpha masked off: 0xBBGGRR.
        # The first of two equal colours wins, as the palette lookup would find it.
        for i, (r, g, b) in reversed(list(enumerate(self.colours))):
            table[(b << 16) | (g << 8) | r] = i
        return table

    def __call__(self, pixels: np.ndarray) -> np.ndarray:
        """The palette indices (uint8) of *pixels*, RGBA bytes read as little-endian uint32s
        (``rgba.view("<u4")[..., 0]`` of a contiguous frame), in the same shape."""
        from PIL import Image

        if self.table is None:
            self.table = self._make_table()
        keys = pixels & np.uint32(0xFFFFFF)
        idx = self.table[keys]
        unknown = idx == self.UNKNOWN
        if unknown.any():
            new = np.unique(keys[unknown])
            row = np.empty((1, len(new), 3), dtype=np.uint8)
            row[0, :, 0], row[0, :, 1], row[0, :, 2] = new & 0xFF, (new >> 8) & 0xFF, new >> 16
            q = np.asarray(Image.fromarray(row, "RGB").quantize(palette=self.palette, dither=Image.Dither.NONE))[0]
            self.table[new] = np.where(q == TRANSPARENT, 0, q)
            idx[unknown] = self.table[keys[unknown]]
        return idx.astype(np.uint8)


def _rgb_image(rgba: np.ndarray) -> Any:
    """A contiguous (height, width, 4) frame as a Pillow RGB image (Pillow drops the alpha
    channel in C: a sixth of the time of slicing and copying it with NumPy)."""
    from PIL import Image

    rgba = np.ascontiguousarray(rgba)
    h, w = rgba.shape[:2]
    return Image.frombuffer("RGBA", (w, h), rgba, "raw", "RGBA", 0, 1).convert("RGB")


class _GifStream:
    """Writes a GIF a frame at a time from RGBA frames, keeping nothing but the last.

    The first frame is written whole.  Each later one is written as the
    rectangle that changed since the frame before, left in place for the
    next (disposal 1), and inside it the pixels that did not change are
    :data:`TRANSPARENT`: only the changed pixels are looked up in the
    palette, and the runs of one index pack tightly.  (A whole-war animation
    at 1280x720 was 11.7 MB with each rectangle written whole, 1.8 MB so.)
    A frame that shows what the one before showed makes that one last
    longer, so one frame is held back until the next shows whether it does.
    The GIF header and each frame's bytes come from Pillow's
    ``GifImagePlugin.getheader`` and ``getdata``.
    """

    def __init__(self, fh: IO[bytes], palette: Any, frame_ms: int,
                 colours: Sequence[tuple[int, int, int]] = ()) -> None:
        self.fh, self.palette, self.frame_ms = fh, palette, frame_ms
        self.indices = _PaletteIndices(palette, colours)
        self._pixels: np.ndarray | None = None  # the last frame's RGBA, as uint32s
        self._shown: np.ndarray | None = None  # its palette indices
        self._held: tuple[np.ndarray, tuple[int, int], int, bool] | None = None

    def add(self, rgba: np.ndarray) -> None:
        """The next frame, a (height, width, 4) RGBA array the stream may keep (not a view of a canvas)."""
        from PIL import GifImagePlugin, Image

        pixels = np.ascontiguousarray(rgba).view("<u4")[..., 0]
        if self._pixels is None or self._shown is None:
            shown = self.indices(pixels)
            first = Image.fromarray(shown, "P")
            first.putpalette(self.palette.getpalette())
            header, _ = GifImagePlugin.getheader(first, None, {"loop": 0, "optimize": False})
            for chunk in header:
                self.fh.write(chunk)
            self._held, self._pixels, self._shown = (shown.copy(), (0, 0), self.frame_ms, False), pixels, shown
            return
        changed = pixels != self._pixels
        rows = np.flatnonzero(changed.any(axis=1))
        if len(rows):
            r0, r1 = int(rows[0]), int(rows[-1]) + 1
            cols = np.flatnonzero(changed[r0:r1].any(axis=0))
            c0, c1 = int(cols[0]), int(cols[-1]) + 1
            mask = changed[r0:r1, c0:c1]
            new = self.indices(pixels[r0:r1, c0:c1][mask])
            shown = self._shown[r0:r1, c0:c1]
            self._pixels = pixels
            if not np.array_equal(new, shown[mask]):
                self._write_held()
                part = np.full(mask.shape, TRANSPARENT, dtype=np.uint8)
                part[mask] = new
                shown[mask] = new
                self._held = (part, (c0, r0), self.frame_ms, True)
                return
        # The frame shows what the one before showed (its changes, if any, fell on the same indices).
        assert self._held is not None
        held, at, ms, clear = self._held
        self._held = (held, at, ms + self.frame_ms, clear)

    def _write_held(self, extra_ms: int = 0) -> None:
        from PIL import GifImagePlugin, Image

        assert self._held is not None
        part, at, ms, clear = self._held
        im = Image.fromarray(np.ascontiguousarray(part), "P")
        params: dict[str, Any] = {"duration": ms + extra_ms, "disposal": 1}
        if clear:
            params["transparency"] = TRANSPARENT
        for chunk in GifImagePlugin.getdata(im, at, **params):
            self.fh.write(chunk)

    def close(self, last_ms: int) -> None:
        """Write the frame held back (the last lasting at least *last_ms*) and the GIF's end."""
        if self._held is None:
            raise ExportError("no frame to write")
        self._write_held(max(0, last_ms - self.frame_ms))
        self.fh.write(b";")


def _write_gif(fh: IO[bytes], frames: Iterable[np.ndarray], fps: float, cancel: CancelFn | None) -> None:
    colours = app_colours(getattr(getattr(frames, "snap", None), "chronology", None))
    frame_ms = round(1000.0 / fps)
    stream: _GifStream | None = None
    # Each frame is compared with the one before, looked up in the palette and written on a
    # second thread while the next one is drawn (NumPy and Pillow work there without Python's
    # lock), in order: the frame is copied off the canvas first.
    pending: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gif-writer") as pool:
        try:
            for rgba in frames:
                if stream is None:
                    # One palette for the whole animation: the app's own colours exactly (both sides,
                    # fronts, arrows, every phase's swatch), then the first frame's other colours.
                    stream = _GifStream(fh, gif_palette(_rgb_image(rgba), colours), frame_ms, colours)
                pending.append(pool.submit(stream.add, np.array(rgba, copy=True)))
                while len(pending) > 2:  # at most two frames' copies waiting
                    pending.popleft().result()
            while pending:
                pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()
    if cancel is not None and cancel():
        raise ExportCancelled("the export was cancelled; nothing was written")
    if stream is None:
        raise ExportError("no frame to write")
    stream.close(max(frame_ms, LAST_FRAME_HOLD_MS))


def _write_mp4(tmp_path: Path, frames: Iterable[np.ndarray], fps: float, size: tuple[int, int],
               ffmpeg: str) -> None:
    w, h = size
    cmd = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba",
           "-s", f"{w}x{h}", "-r", f"{fps:g}", "-i", "-",
           # H.264 in yuv420p needs even sides; pad by a pixel when they are odd.
           "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white", "-c:v", "libx264", "-pix_fmt", "yuv420p",
           "-movflags", "+faststart", "-f", "mp4", str(tmp_path)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as exc:
        raise ExportError(f"could not start ffmpeg ({exc.strerror or exc})") from None
    assert proc.stdin is not None and proc.stderr is not None
    try:
        for rgba in frames:
            proc.stdin.write(np.ascontiguousarray(rgba).tobytes())
        proc.stdin.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        code = proc.wait()
    except BrokenPipeError:
        proc.wait()
        err = proc.stderr.read().decode("utf-8", "replace")
        raise ExportError(f"ffmpeg stopped: {err.strip()[-400:] or 'no message'}") from None
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        proc.stderr.close()
    if code != 0:
        raise ExportError(f"ffmpeg failed (exit {code}): {err.strip()[-400:] or 'no message'}")


def export_animation(chronology: Chronology, path: str | os.PathLike[str], start: dt.date | str,
                     end: dt.date | str, step: Step | str = "7d", fps: float = 4.0, *, page: Page | None = None,
                     view: View = "peninsula", layers: Iterable[str] | None = None, romanization: str = "wartime",
                     events: Sequence[Any] | None = None, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None, with_events: bool = False) -> Path:
    """Write an animation of the map from *start* to *end* to *path* (``.gif`` or ``.mp4``).

    Parameters
    ----------
    chronology
        The loaded chronology.
    path
        The file to write; ``.gif`` (Pillow) or ``.mp4`` (needs ffmpeg).
    start, end
        The first and last day.
    step
        ``"Nd"``, ``"Nw"``, ``"event"`` or a :class:`Step`.
    fps
        Frames per second (the last GIF frame is held for at least 1.5 s).
    page
        Frame size (default :data:`DEFAULT_PAGE`, the 1920x1080 slide).
    view, layers, romanization, events
        As for :class:`~explorer.render.export.SnapshotFigure`.  ``"action"``
        frames the action of all the frames' dates at once (the view does not
        jump from frame to frame).
    with_events
        Add a frame on every day an event starts (see :func:`frame_dates`).
    progress
        Called with ``(frames done, total)`` after each frame.
    cancel
        Polled before each frame; when it returns True the export stops,
        removes its temporary file and raises :class:`ExportCancelled`.

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Raises
    ------
    ExportError
        A bad option, ffmpeg missing for MP4, or a failed write; nothing is left behind.
    ExportCancelled
        The export was cancelled; nothing is left behind.
    """
    fmt = format_for(path, ANIMATION_FORMATS)
    check_target(path)
    fps = check_fps(fps)
    if events is None:
        events = getattr(chronology, "events", None)
        if events is None:
            events = bundled_events()
    dates = frame_dates(start, end, step, events, with_events=with_events)
    ffmpeg = None
    if fmt == "mp4":
        ffmpeg = ffmpeg_path()
        if ffmpeg is None:
            raise ExportError("MP4 needs ffmpeg, which is not installed on this computer; "
                              "install ffmpeg or export a GIF instead")
    page = page or DEFAULT_PAGE
    # The territory between records comes from the morph fields of the pairs of records the
    # frames cross: read from the disk cache, or built at once on two threads (about 1.5 s for
    # the whole war, 2.5 s one at a time), polling cancel between pairs.
    prepare = getattr(chronology, "prepare_morphs", None)
    if callable(prepare):
        pairs = chronology.pairs_between(dates[0], dates[-1]) if hasattr(chronology, "pairs_between") else None
        prepare(stop=_CancelFlag(cancel) if cancel is not None else None, pairs=pairs, workers=2)
        if cancel is not None and cancel():
            raise ExportCancelled("the export was cancelled; nothing was written")
    snap = animation_figure(chronology, dates, page, view=view, layers=layers, romanization=romanization,
                            events=events)
    frames = _Frames(snap, dates, progress, cancel)
    if fmt == "gif":
        return atomic_write(path, lambda fh: _write_gif(fh, frames, fps, cancel))

    def write_mp4(tmp: Path) -> None:
        # ffmpeg writes the temporary file itself (MP4 needs seeking for its index).
        assert ffmpeg is not None
        _write_mp4(tmp, frames, fps, (page.width, page.height), ffmpeg)

    return atomic_write(path, write_path=write_mp4)


def animation_figure(chronology: Chronology, dates: Sequence[dt.date], page: Page, *, view: View = "peninsula",
                     layers: Iterable[str] | None = None, romanization: str = "wartime",
                     events: Sequence[Any] = ()) -> SnapshotFigure:
    """The one page every frame of an animation over *dates* is drawn on: one view (``"action"``
    frames the action of all the dates at once) and one key, of what any frame's map shows."""
    if view == "action":
        view = _union_extent([action_extent(chronology, d, events) for d in dates])
    probe = SnapshotFigure(chronology, Page(320, 180, 25), view=view, layers=layers, events=events)
    shown: set[str] = set()
    for d in dates:
        probe.mapview.set_date(d)
        shown |= entries_shown(probe.mapview)
    return SnapshotFigure(chronology, page, view=view, caption=False, layers=layers, romanization=romanization,
                          events=events, key_ids=sorted(shown), animation=True)


def _union_extent(extents: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    a = np.asarray(extents, dtype=float)
    return float(a[:, 0].min()), float(a[:, 1].max()), float(a[:, 2].min()), float(a[:, 3].max())
