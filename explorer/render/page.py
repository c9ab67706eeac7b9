"""Pages and views of an export: what size, at what DPI, showing which part of the map.

A :class:`Page` is a pixel size and a DPI.  Text sizes are in points, so the
DPI decides how large the text is relative to the image: when only a pixel
size is given the DPI is chosen so that the short side is 7.2 inches (a
1920x1080 slide at 150 dpi), and every page then has the same proportions of
text to map.  The presets are :data:`PRESETS`.

A :data:`View` is ``"peninsula"`` or an extent (xmin, xmax, ymin, ymax) in map
metres; :func:`parse_view` reads one from the command line.

Bad options raise :class:`ExportError` with a plain message.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explorer.war.projection import to_xy

__all__ = [
    "FORMATS",
    "PRESETS",
    "ExportCancelled",
    "ExportError",
    "Page",
    "View",
    "format_for",
    "lonlat_extent",
    "page_for",
    "parse_size",
    "parse_view",
]

#: The short side of a page whose DPI was derived from its pixel size, in inches.
REFERENCE_SHORT_SIDE_IN = 7.2
#: Largest accepted page, in pixels per side and in total.
MAX_SIDE_PX = 20_000
MAX_PIXELS = 120_000_000
MIN_SIDE_PX = 64

#: File formats by extension.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}



# A View is the whole peninsula, the day's action, or an extent (xmin, xmax, ymin, ymax) in map metres.
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


#: Named pages: a 16:9 slide, a 4:3 slide, A4 landscape for print, a square for social media.
PRESETS: dict[str, Page] = {
    "slide": Page(1920, 1080, 150),
    "slide43": Page(1440, 1080, 150),
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
        ``"slide"``, ``"slide43"``, ``"a4"`` or ``"square"``; cannot be combined with the others.
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
    """Read a view: ``"peninsula"``, ``"action"`` or ``"W,S,E,N"`` in degrees (like ``125,36.5,128,38.5``).

    Returns
    -------
    str or tuple
        ``"peninsula"``, ``"action"`` (fit the day's moving front, events and
        arrows), or the extent (xmin, xmax, ymin, ymax) in map metres.

    Raises
    ------
    ExportError
        Anything else.
    """
    s = str(text).strip()
    if s.lower() in ("peninsula", "action"):
        return s.lower()
    parts = [p for p in s.replace(";", ",").split(",")]
    try:
        if len(parts) != 4:
            raise ValueError
        w, so, e, n = (float(p) for p in parts)
    except ValueError:
        raise ExportError(f"the view must be 'peninsula', 'action' or W,S,E,N in degrees (like 125,36.5,128,38.5), "
                          f"not {text!r}") from None
    if not all(math.isfinite(v) for v in (w, so, e, n)):
        raise ExportError(f"the view has a value that is not a number: {text!r}")
    return lonlat_extent(w, so, e, n)


