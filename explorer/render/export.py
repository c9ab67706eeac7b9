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
- the key (both sides' territory, documented, interpolated and previous
  fronts, enclaves, the 38th parallel and the armistice line) beside the map,
  or below it on a portrait page;
- optionally, a caption listing the sources the app cites for that date;
- the data credits along the bottom.

Pages
-----
A :class:`Page` is a pixel size and a DPI.  Text sizes are in points, so the
DPI decides how large the text is relative to the image: when only a pixel
size is given the DPI is chosen so that the short side is 7.2 inches (a
1920x1080 slide at 150 dpi), and every page then has the same proportions of
text to map.  The presets are :data:`PRESETS`.

Writing
-------
Files are written atomically: the figure goes to a temporary file in the
target folder, which then replaces the target with :func:`os.replace`.  A
failure (missing or unwritable folder, full disk) raises :class:`ExportError`
with a plain message and leaves neither a partial file nor a changed target.
"""

from __future__ import annotations

from explorer.core.atomic import atomic_write as core_atomic_write

import datetime as dt
import errno
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, Polygon, Rectangle
from matplotlib.text import Text

from explorer.war.chronology import WAR_END, Chronology, WarState, as_date, format_date, side_names
from explorer.war.projection import to_xy
from explorer.render import style
from explorer.render.halotext import FastTextCanvasAgg
from explorer.render.mapview import MapRenderer

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
    "lonlat_extent",
    "page_for",
    "parse_size",
    "parse_view",
    "snapshot_title",
]

#: The short side of a page whose DPI was derived from its pixel size, in inches.
REFERENCE_SHORT_SIDE_IN = 7.2
#: Largest accepted page, in pixels per side and in total.
MAX_SIDE_PX = 20_000
MAX_PIXELS = 120_000_000
MIN_SIDE_PX = 64

#: File formats by extension.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

#: The data credits printed on every snapshot (see README "The map and its data").
CREDITS = (
    "Coastlines, borders and rivers: GSHHG and WDBII by P. Wessel and W. H. F. Smith "
    "(GSHHG under the GNU LGPL v3, WDBII public domain). Front lines, places and events: "
    "Korean War Explorer contributors (CC0), after the histories cited for each date; "
    "fronts between recorded dates are interpolated. Projection: EPSG:5179."
)

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

# A View is the whole peninsula or an extent (xmin, xmax, ymin, ymax) in map metres.
View = str | tuple[float, float, float, float]


class ExportError(Exception):
    """An export could not be made; the message says why in plain words."""


class ExportCancelled(ExportError):
    """The user cancelled an export; nothing was written."""


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    """The size of an exported image.

    Attributes
    ----------
    width, height : int
        Pixels of a PNG (and, divided by ``dpi``, the inches of an SVG or PDF).
    dpi : float
        Dots per inch; decides the size of text relative to the image.
    """

    width: int
    height: int
    dpi: float

    @property
    def inches(self) -> tuple[float, float]:
        """The page size in inches, nudged so that Agg renders exactly ``width`` x ``height``."""
        # Agg truncates width * dpi; a hair over the exact value survives float rounding.
        return (self.width + 1e-3) / self.dpi, (self.height + 1e-3) / self.dpi

    def scaled_to(self, width: int) -> Page:
        """The same page (same inches, same layout) drawn *width* pixels wide."""
        f = width / self.width
        return Page(width, max(1, round(self.height * f)), self.dpi * f)

    def describe(self) -> str:
        """``1920 x 1080 px, 150 dpi``."""
        return f"{self.width} \u00d7 {self.height} px, {self.dpi:g} dpi"


#: Named pages: a 16:9 slide, A4 landscape for print, a square for social media.
PRESETS: dict[str, Page] = {
    "slide": Page(1920, 1080, 150),
    "a4": Page(3508, 2480, 300),
    "square": Page(1080, 1080, 150),
}


def parse_size(text: str) -> tuple[int, int]:
    """Read ``"1920x1080"`` (``x``, ``X`` or ``×``) as (width, height) in pixels.

    Raises
    ------
    ExportError
        The text is not two whole numbers, or a side is out of range.
    """
    s = str(text).strip().lower().replace("\u00d7", "x")
    parts = s.split("x")
    try:
        if len(parts) != 2:
            raise ValueError
        w, h = int(parts[0]), int(parts[1])
    except ValueError:
        raise ExportError(f"the size must be WIDTHxHEIGHT in pixels, like 1920x1080, not {text!r}") from None
    _check_pixels(w, h)
    return w, h


def _check_pixels(w: int, h: int) -> None:
    if not (MIN_SIDE_PX <= w <= MAX_SIDE_PX and MIN_SIDE_PX <= h <= MAX_SIDE_PX):
        raise ExportError(f"each side must be between {MIN_SIDE_PX} and {MAX_SIDE_PX} pixels, not {w}x{h}")
    if w * h > MAX_PIXELS:
        raise ExportError(f"{w}x{h} is more than {MAX_PIXELS // 1_000_000} million pixels")
    ratio = max(w / h, h / w)
    if ratio > 4:
        raise ExportError(f"{w}x{h} is too long and thin for a map (at most 4:1)")


def page_for(preset: str | None = None, size: tuple[int, int] | str | None = None,
             dpi: float | None = None) -> Page:
    """The page for a preset name, a pixel size, a DPI, or a pixel size and a DPI.

    Parameters
    ----------
    preset
        ``"slide"``, ``"a4"`` or ``"square"``; cannot be combined with the others.
    size
        (width, height) in pixels, or the text ``"WxH"``.  Without *dpi* the DPI
        makes the short side :data:`REFERENCE_SHORT_SIDE_IN` inches.
    dpi
        Dots per inch.  Alone, it sizes the slide page (12.8 x 7.2 inches).

    Returns
    -------
    Page
        The slide preset when nothing is given.

    Raises
    ------
    ExportError
        An unknown preset, a preset combined with a size or DPI, or a value out of range.
    """
    if preset is not None:
        if size is not None or dpi is not None:
            raise ExportError("give a preset, or a size and/or a DPI, not both")
        try:
            return PRESETS[preset.lower()]
        except KeyError:
            raise ExportError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}") from None
    if dpi is not None:
        try:
            dpi = float(dpi)
        except (TypeError, ValueError):
            raise ExportError(f"the DPI must be a number, not {dpi!r}") from None
        if not (20 <= dpi <= 1200) or not math.isfinite(dpi):
            raise ExportError(f"the DPI must be between 20 and 1200, not {dpi:g}")
    if size is not None:
        w, h = parse_size(size) if isinstance(size, str) else (int(size[0]), int(size[1]))
        _check_pixels(w, h)
        return Page(w, h, dpi if dpi is not None else min(w, h) / REFERENCE_SHORT_SIDE_IN)
    if dpi is not None:
        slide = PRESETS["slide"]
        wi, hi = slide.width / slide.dpi, slide.height / slide.dpi
        w, h = round(wi * dpi), round(hi * dpi)
        _check_pixels(w, h)
        return Page(w, h, dpi)
    return PRESETS["slide"]


def format_for(path: str | os.PathLike[str], allowed: dict[str, str] | None = None) -> str:
    """The format of a file from its extension (``png``, ``svg`` or ``pdf``).

    Raises
    ------
    ExportError
        The extension is missing or not one of *allowed* (default :data:`FORMATS`).
    """
    allowed = FORMATS if allowed is None else allowed
    suffix = Path(path).suffix.lower()
    try:
        return allowed[suffix]
    except KeyError:
        exts = ", ".join(allowed)
        what = f"the extension {suffix!r}" if suffix else "no extension"
        raise ExportError(f"{os.fspath(path)} has {what}: the file name must end in {exts}") from None


# --------------------------------------------------------------------------- views


def lonlat_extent(west: float, south: float, east: float, north: float) -> tuple[float, float, float, float]:
    """The map extent (xmin, xmax, ymin, ymax, metres) covering a lon/lat box.

    The box's edges are sampled and projected, so the extent holds the whole box.

    Raises
    ------
    ExportError
        The box is empty or not in degrees.
    """
    if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
        raise ExportError(f"the view W,S,E,N must be degrees with W < E and S < N, not {west},{south},{east},{north}")
    t = np.linspace(0.0, 1.0, 33)
    lon = np.concatenate([west + (east - west) * t, np.full_like(t, east), east - (east - west) * t,
                          np.full_like(t, west)])
    lat = np.concatenate([np.full_like(t, south), south + (north - south) * t, np.full_like(t, north),
                          north - (north - south) * t])
    x, y = to_xy(lon, lat)
    return float(np.min(x)), float(np.max(x)), float(np.min(y)), float(np.max(y))


def parse_view(text: str) -> View:
    """Read a view: ``"peninsula"`` or ``"W,S,E,N"`` in degrees (like ``125,36.5,128,38.5``).

    Returns
    -------
    str or tuple
        ``"peninsula"``, or the extent (xmin, xmax, ymin, ymax) in map metres.

    Raises
    ------
    ExportError
        Anything else.
    """
    s = str(text).strip()
    if s.lower() == "peninsula":
        return "peninsula"
    parts = [p for p in s.replace(";", ",").split(",")]
    try:
        if len(parts) != 4:
            raise ValueError
        w, so, e, n = (float(p) for p in parts)
    except ValueError:
        raise ExportError(f"the view must be 'peninsula' or W,S,E,N in degrees (like 125,36.5,128,38.5), "
                          f"not {text!r}") from None
    if not all(math.isfinite(v) for v in (w, so, e, n)):
        raise ExportError(f"the view has a value that is not a number: {text!r}")
    return lonlat_extent(w, so, e, n)


# --------------------------------------------------------------------------- words


_KIND_ORDER = {"battle": 0, "operation": 1, "front": 2, "political": 3, "diplomatic": 4, "historiography": 5}
_TITLE_MAX_CHARS = 64


def _day_events(events: Sequence[Any], date: dt.date) -> list[Any]:
    """Events that happened on *date* (known to the day, or a range that starts that day)."""
    hits = [e for e in events if e.start == date and e.precision in ("day", "range")]
    hits.sort(key=lambda e: (e.precision != "day", _KIND_ORDER.get(e.kind, 9), e.id))
    return hits


def _covering_events(events: Sequence[Any], date: dt.date) -> list[Any]:
    """Short ranges (six weeks at most) that cover *date*, shortest first."""
    hits = [e for e in events if e.precision in ("day", "range") and e.start <= date <= e.end
            and (e.end - e.start).days <= 45]
    hits.sort(key=lambda e: ((e.end - e.start).days, _KIND_ORDER.get(e.kind, 9), e.id))
    return hits


def headline(date: dt.date, state: WarState, events: Sequence[Any]) -> str:
    """What happened on *date*, in a few words (may be empty).

    The events of that day (one, or two when both fit), else the label of the
    front recorded that day, else a short operation the day falls in.
    """
    day = _day_events(events, date)
    if day:
        text = day[0].title
        if len(day) > 1 and len(text) + len(day[1].title) + 2 <= _TITLE_MAX_CHARS:
            text = f"{text}; {day[1].title}"
        return text
    if state.record is not None and state.record.label:
        return state.record.label
    if state.status in ("division", "armistice"):
        return "Armistice in force" if state.date > WAR_END else "Korea divided at the 38th parallel"
    cover = _covering_events(events, date)
    return cover[0].title if cover else ""


def snapshot_title(date: dt.date | str, state: WarState, events: Sequence[Any]) -> str:
    """``15 September 1950: Inchon landing`` (or only the date when nothing is known)."""
    d = as_date(date)
    what = headline(d, state, events)
    return f"{format_date(d)}: {what}" if what else format_date(d)


def _date_pair(a: dt.date, b: dt.date) -> str:
    """``18 and 22 September 1950``, ``30 November and 8 December 1950`` or two full dates."""
    if a.year == b.year and a.month == b.month:
        return f"{a.day} and {format_date(b)}"
    if a.year == b.year:
        return f"{a.day} {a.strftime('%B')} and {format_date(b)}"
    return f"{format_date(a)} and {format_date(b)}"


def status_line(state: WarState) -> str:
    """What kind of front the map shows."""
    if state.status in ("documented", "inferred"):
        return f"Front of {format_date(state.date)} ({state.status})"
    if state.status == "interpolated" and state.between:
        return f"Front interpolated between the fronts of {_date_pair(*state.between)}"
    return state.describe()


def date_citations(date: dt.date | str, state: WarState, chronology: Chronology, events: Sequence[Any],
                   catalogue: Any | None = None) -> list[str]:
    """The sources the app cites for *date*, one line per source, then the maps.

    Sources come from the events of that day (and short operations covering it)
    and from the front shown: the front recorded that day, or for an
    interpolated front the two recorded fronts it lies between.

    Parameters
    ----------
    catalogue
        A :class:`explorer.sources.catalogue.Catalogue` (default: the bundled one).

    Returns
    -------
    list of str
        ``["Kathryn Weathersby, The Korean War Revisited, ... (for: ...)", ...,
        "Maps and histories: ..."]``; empty when nothing is cited.
    """
    d = as_date(date)
    if catalogue is None:
        from explorer.sources.catalogue import Catalogue, CatalogueError

        try:
            catalogue = Catalogue.bundled()
        except CatalogueError:
            catalogue = None
    supports: dict[str, list[str]] = {}
    references: list[str] = []

    def add(source: str, what: str) -> None:
        lst = supports.setdefault(source, [])
        if what not in lst:
            lst.append(what)

    seen_events = set()
    for ev in [*_day_events(events, d), *_covering_events(events, d)]:
        if ev.id in seen_events:
            continue
        seen_events.add(ev.id)
        for c in ev.citations:
            add(c.source, ev.title)
        references.extend(r for r in ev.references if r not in references)
    records = []
    if state.record is not None:
        records.append(state.record)
    elif state.status == "interpolated" and state.between:
        records.extend(r for r in (chronology.record_on(state.between[0]), chronology.record_on(state.between[1]))
                       if r is not None)
    for rec in records:
        what = f"front of {format_date(rec.date)}"
        for c in rec.citations:
            if isinstance(c.get("source"), str):
                add(c["source"], what)
            elif isinstance(c.get("title"), str) and c["title"] not in references:
                references.append(c["title"])
    lines = []
    for i, (source, whats) in enumerate(supports.items(), start=1):
        entry = catalogue.get(source) if catalogue is not None else None
        ref = entry.citation_text() if entry is not None else source
        lines.append(f"[{i}] {ref} \u2014 for: {'; '.join(whats)}")
    if references:
        lines.append("Maps and histories: " + "; ".join(references))
    return lines


# --------------------------------------------------------------------------- writing

def _describe_oserror(exc: OSError, path: Path) -> str:
    code = exc.errno
    folder = path.parent
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return f"the disk is full: could not write {path} (nothing was written)"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied: cannot write in the folder {folder}"
    if code == errno.EROFS:
        return f"the folder {folder} is on a read-only disk"
    if code == errno.ENOENT:
        return f"the folder {folder} does not exist"
    if code == errno.ENOTDIR:
        return f"{folder} is not a folder"
    if code == errno.EISDIR:
        return f"{path} is a folder, not a file name"
    reason = exc.strerror or str(exc)
    return f"could not write {path}: {reason}"


def check_target(path: str | os.PathLike[str]) -> Path:
    """Check, before any drawing, that *path* can be a file in an existing folder.

    Returns
    -------
    pathlib.Path
        The absolute path.

    Raises
    ------
    ExportError
        The folder is missing or is not a folder, or *path* is a folder.
    """
    path = Path(os.path.abspath(os.fspath(path)))
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a file name")
    if not folder.exists():
        raise ExportError(f"the folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    return path


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None] | None = None, *,
                 write_path: Callable[[Path], None] | None = None) -> Path:
    """Write a file atomically: a temporary file in the target folder is filled,
    then replaces *path*.

    Parameters
    ----------
    path
        The file to create or replace.
    write
        Called with the open binary temporary file.
    write_path
        Instead of *write*: called with the temporary file's path, for a
        program that writes the file itself (ffmpeg).

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Raises
    ------
    ExportError
        The folder is missing or unwritable, the disk is full, or another
        ``OSError``; the temporary file is removed and *path* is untouched.
        Other exceptions (including :class:`ExportCancelled`) also remove the
        temporary file and propagate.
    """
    path = check_target(path)
    try:
        return core_atomic_write(path, write, write_path=write_path)
    except OSError as exc:
        raise ExportError(_describe_oserror(exc, path)) from None


def _save_figure(figure: Figure, fh: IO[bytes], fmt: str, dpi: float, metadata: dict[str, Any]) -> None:
    """Write *figure* to an open file (one place, so tests can simulate a failing disk)."""
    if fmt == "png" and isinstance(figure.canvas, FigureCanvasAgg) and figure.dpi == dpi \
            and to_rgba(figure.get_facecolor())[3] == 1.0:
        _write_png(figure, fh, dpi, metadata)
        return
    rc = {"svg.fonttype": "none", "svg.hashsalt": "korean-war-explorer", "pdf.fonttype": 42}
    with rc_context(rc):
        figure.savefig(fh, format=fmt, dpi=dpi, metadata=metadata, facecolor=figure.get_facecolor())


def _write_png(figure: Figure, fh: IO[bytes], dpi: float, metadata: dict[str, Any]) -> None:
    """An opaque figure as an RGB PNG, quickly.

    ``savefig`` writes RGBA at zlib level 6; an export's page is opaque, so
    dropping the alpha channel and compressing at level 1 writes a file
    about as small (within 10 %) in well under half the time.
    """
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    figure.canvas.draw()
    rgba = np.asarray(figure.canvas.buffer_rgba())
    image = Image.fromarray(np.ascontiguousarray(rgba[:, :, :3]), "RGB")
    info = PngInfo()
    for key, value in metadata.items():
        if value is not None:
            info.add_text(key, str(value))
    image.save(fh, format="png", compress_level=1, dpi=(dpi, dpi), pnginfo=info)


# --------------------------------------------------------------------------- the figure


def _legend_entries() -> list[tuple[Any, str]]:
    """Proxy artists and labels of the key, styled like the map's artists."""

    def cased(lw: float, casing: float, dashes: Any = "-") -> tuple[Line2D, Line2D]:
        return (Line2D([], [], color=style.FRONT_CASING, linewidth=casing, solid_capstyle="round"),
                Line2D([], [], color=style.FRONT, linewidth=lw, linestyle=dashes, solid_capstyle="round"))

    def arrow(colour: str) -> Patch:
        return Patch(facecolor=colour, edgecolor="white", linewidth=0.8, alpha=0.82)

    return [
        (Patch(facecolor=style.UN_FILL, edgecolor=style.COAST, linewidth=0.5), "UN-held territory"),
        (Patch(facecolor=style.COMMUNIST_FILL, edgecolor=style.COAST, linewidth=0.5), "Communist-held territory"),
        (cased(2.6, 5.4), "Front line (documented or inferred)"),
        (cased(2.2, 4.6, (0, (5, 2.5))), "Front line, interpolated"),
        (Line2D([], [], color=style.GHOST, linewidth=1.1, linestyle=(0, (2, 2)), alpha=0.7),
         "Previous recorded front"),
        (Line2D([], [], color=style.ENCLAVE, linewidth=2.0), "UN beachhead or perimeter"),
        (arrow(style.ARROW_UN), "UN advance"),
        (arrow(style.ARROW_COMMUNIST), "Communist advance"),
        (Line2D([], [], color=style.PARALLEL, linewidth=0.9, linestyle=(0, (6, 3))), "38th parallel"),
        (Line2D([], [], color=style.ARMISTICE, linewidth=1.8), "Armistice line (27 July 1953)"),
        (Line2D([], [], color=style.EVENT_MARKER, marker="*", markersize=10, markeredgecolor="white",
                linestyle="none"), "Event on this date"),
        (Line2D([], [], color=style.TOWN, marker="o", markersize=4, markeredgecolor="white", linestyle="none"),
         "Town"),
        (Line2D([], [], color=style.RIVER, linewidth=0.9), "River"),
    ]


def _nice_length_km(max_km: float) -> float:
    """The largest round length (1, 1.5, 2, 2.5, 3, 4 or 5 x 10^n) not over *max_km*."""
    if max_km <= 0:
        return 1.0
    exp = math.floor(math.log10(max_km))
    best = 10.0 ** exp
    for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0):
        if m * 10.0 ** exp <= max_km:
            best = m * 10.0 ** exp
    return best


def _fmt_km(v: float) -> str:
    return f"{v:g}"


_NEIGHBOURS: dict[int, Any] = {}


def _neighbour_land(geodata: Any) -> Any:
    """The union of the land that is not Korea (cached per geodata object)."""
    key = id(geodata)
    if key not in _NEIGHBOURS:
        import shapely

        others = [g for c, g in geodata.land if c != "KOR"]
        _NEIGHBOURS.clear()
        _NEIGHBOURS[key] = shapely.union_all(others) if others else None
    return _NEIGHBOURS[key]


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
            events = getattr(chronology, "events", None) or _bundled_events()
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
        self._decor: list[Any] = []
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
        handles, labels = zip(*_legend_entries())
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

    def _scale_box_position(self, box_w: float, box_h: float, aw: float, ah: float) -> tuple[float, float]:
        """Where (inches from the axes' lower-left) the scale box covers no Korean land and the least other land.

        Positions on a grid over the map are tried; among those clear of Korea
        the one covering the least other land wins, then the one nearest a
        corner.  When none is clear, the one covering the least Korean land.
        """
        import shapely

        x0, x1, y0, y1 = self.mapview.view()
        mx, my = (x1 - x0) / aw, (y1 - y0) / ah
        korea = self.chronology.geodata.korea
        others = _neighbour_land(self.chronology.geodata)
        inset = 0.1
        xs = np.linspace(inset, max(inset, aw - box_w - inset), 11)
        ys = np.linspace(inset, max(inset, ah - box_h - inset), 15)
        area = box_w * mx * box_h * my
        best = None
        for bx in xs:
            for by in ys:
                rect = (x0 + bx * mx, y0 + by * my, x0 + (bx + box_w) * mx, y0 + (by + box_h) * my)
                k = shapely.clip_by_rect(korea, *rect).area / area if not korea.is_empty else 0.0
                o = shapely.clip_by_rect(others, *rect).area / area if others is not None else 0.0
                corner = min(bx, aw - box_w - bx) / aw + min(by, ah - box_h - by) / ah
                score = (1000.0 + 1000 * k if k > 0 else 0.0) + o + 0.05 * corner + 0.01 * (bx / aw + by / ah)
                if best is None or score < best[0]:
                    best = (score, float(bx), float(by))
        assert best is not None
        return best[1], best[2]

    def _place_scale_and_north(self) -> None:
        """A north arrow above a scale bar in km, boxed where they cover the least land."""
        for a in self._decor:
            a.remove()
        self._decor = []
        ax = self.mapview.ax
        fig = self.figure
        aw, ah = self._extent_in(ax)
        x0, x1, y0, y1 = self.mapview.view()
        m_per_in = (x1 - x0) / aw
        km = _nice_length_km(min(1.2, 0.22 * aw) * m_per_in / 1000)
        bar_in = km * 1000 / m_per_in
        pad = 0.08
        end_label = f"{_fmt_km(km)} km"
        label_room = self._text_width_in(end_label, SCALE_PT) / 2
        zero_room = self._text_width_in("0", SCALE_PT) / 2
        box_w = pad + zero_room + bar_in + label_room + pad
        arrow_len, half, bar_h = 0.32, 0.075, 0.065
        label_h = SCALE_PT * 1.3 / 72
        n_h = (SCALE_PT + 2) * 1.2 / 72
        box_h = pad + label_h + 0.03 + bar_h + 0.12 + arrow_len + n_h + pad * 0.5
        if aw <= 0 or ah <= 0:
            # A custom page of few inches (many pixels at a high DPI) left no room for the map at
            # all (its axes collapsed and shapely failed on an empty rectangle): say so plainly.
            raise ExportError(f"a page of {self.page.width} \u00d7 {self.page.height} px at {self.page.dpi:g} dpi "
                              f"is too small for the map with its key and scale bar; "
                              f"use a lower DPI or more pixels")
        bx, by = self._scale_box_position(box_w, box_h, aw, ah)
        ta = ax.transAxes

        def at(xin: float, yin: float) -> tuple[float, float]:
            return xin / aw, yin / ah

        self._decor.append(FancyBboxPatch(at(bx, by), box_w / aw, box_h / ah,
                                          boxstyle="round,pad=0,rounding_size=0.012", transform=ta,
                                          facecolor="white", edgecolor="#9aa5ad", linewidth=0.6, alpha=0.9,
                                          zorder=30, clip_on=False))
        # Scale bar: four alternating segments, labels at 0, half and full length.
        sx, sy = bx + pad + zero_room, by + pad + label_h + 0.03
        seg = bar_in / 4
        for i in range(4):
            self._decor.append(Rectangle(at(sx + i * seg, sy), seg / aw, bar_h / ah, transform=ta,
                                         facecolor="#222222" if i % 2 == 0 else "white", edgecolor="#222222",
                                         linewidth=0.6, zorder=31, clip_on=False))
        for frac, text in ((0.0, "0"), (0.5, _fmt_km(km / 2)), (1.0, end_label)):
            self._decor.append(Text(*at(sx + frac * bar_in, sy - 0.03), text, transform=ta, fontsize=SCALE_PT,
                                    ha="center", va="top", color="#222222", zorder=31, clip_on=False))
        # North arrow above the bar, turned to true north at the centre of the view.
        from explorer.war.projection import to_lonlat

        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        lon, lat = (float(v) for v in to_lonlat(cx, cy))
        nx, ny = (float(v) for v in to_xy(lon, min(lat + 0.2, 89.0)))
        #: Angle of true north, clockwise from the map's up, at the centre of the view (degrees).
        self.north_angle = math.degrees(math.atan2(nx - cx, ny - cy))
        ux, uy = math.sin(math.radians(self.north_angle)), math.cos(math.radians(self.north_angle))
        px, py = uy, -ux
        acx, acy = sx, sy + bar_h + 0.12 + arrow_len / 2
        tip = (acx + ux * arrow_len / 2, acy + uy * arrow_len / 2)
        base = (acx - ux * arrow_len / 2, acy - uy * arrow_len / 2)
        notch = (acx - ux * arrow_len * 0.25, acy - uy * arrow_len * 0.25)
        for side, face in ((-1, "#222222"), (1, "white")):
            corner = (base[0] + side * px * half, base[1] + side * py * half)
            self._decor.append(Polygon([at(*tip), at(*corner), at(*notch)], closed=True, transform=ta,
                                       facecolor=face, edgecolor="#222222", linewidth=0.6, zorder=31,
                                       clip_on=False))
        self._decor.append(Text(*at(tip[0] + ux * 0.02, tip[1] + uy * 0.02), "N", transform=ta,
                                fontsize=SCALE_PT + 2, fontweight="bold", ha="center", va="bottom",
                                color="#222222", zorder=31, clip_on=False))
        for a in self._decor:
            ax.add_artist(a)
        self._decor_box_px = ta.transform([at(bx, by), at(bx + box_w, by + box_h)])
        #: The scale bar's length in km and in pixels (for tests and checks).
        self.scale_km = km
        self.scale_bar_px = bar_in * fig.dpi

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


def _bundled_events() -> list[Any]:
    from explorer.war.events import EventsError, load_events

    try:
        return load_events()
    except EventsError:
        return []


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
