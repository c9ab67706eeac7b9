"""The map's projected coordinate reference system.

Everything the map draws and every distance the model measures is in
EPSG:5179 (Korea 2000 / Unified CS): a transverse Mercator projection of the
GRS 80 ellipsoid centred on 127.5 E (latitude of origin 38 N, scale 0.9996,
false easting 1,000,000 m, false northing 2,000,000 m).  Distances are true
to a fraction of a percent across the peninsula, so the scale bar and
interpolation by arc length are honest.

The projection is computed here with Krüger's series to sixth order in the
third flattening (as in Karney, "Transverse Mercator with an accuracy of a
few nanometres", J. Geodesy 2011), which agrees with PROJ to well under a
millimetre in this region (``tests/war/test_projection.py`` checks it against
pyproj) and spares the start-up path pyproj's import.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: The projected CRS of the map, as an EPSG code.
MAP_CRS = "EPSG:5179"

_A = 6378137.0
_F = 1 / 298.257222101
_LON0 = np.radians(127.5)
_LAT0 = np.radians(38.0)
_K0 = 0.9996
_FE = 1_000_000.0
_FN = 2_000_000.0

_N = _F / (2 - _F)
_E = np.sqrt(_F * (2 - _F))
_n = _N
_RECT = _A / (1 + _n) * (1 + _n**2 / 4 + _n**4 / 64 + _n**6 / 256)
_ALPHA = np.array([
    _n / 2 - 2 * _n**2 / 3 + 5 * _n**3 / 16 + 41 * _n**4 / 180 - 127 * _n**5 / 288 + 7891 * _n**6 / 37800,
    13 * _n**2 / 48 - 3 * _n**3 / 5 + 557 * _n**4 / 1440 + 281 * _n**5 / 630 - 1983433 * _n**6 / 1935360,
    61 * _n**3 / 240 - 103 * _n**4 / 140 + 15061 * _n**5 / 26880 + 167603 * _n**6 / 181440,
    49561 * _n**4 / 161280 - 179 * _n**5 / 168 + 6601661 * _n**6 / 7257600,
    34729 * _n**5 / 80640 - 3418889 * _n**6 / 1995840,
    212378941 * _n**6 / 319334400,
])
_BETA = np.array([
    _n / 2 - 2 * _n**2 / 3 + 37 * _n**3 / 96 - _n**4 / 360 - 81 * _n**5 / 512 + 96199 * _n**6 / 604800,
    _n**2 / 48 + _n**3 / 15 - 437 * _n**4 / 1440 + 46 * _n**5 / 105 - 1118711 * _n**6 / 3870720,
    17 * _n**3 / 480 - 37 * _n**4 / 840 - 209 * _n**5 / 4480 + 5569 * _n**6 / 90720,
    4397 * _n**4 / 161280 - 11 * _n**5 / 504 - 830251 * _n**6 / 7257600,
    4583 * _n**5 / 161280 - 108847 * _n**6 / 3991680,
    20648693 * _n**6 / 638668800,
])
_DELTA = np.array([
    2 * _n - 2 * _n**2 / 3 - 2 * _n**3 + 116 * _n**4 / 45 + 26 * _n**5 / 45 - 2854 * _n**6 / 675,
    7 * _n**2 / 3 - 8 * _n**3 / 5 - 227 * _n**4 / 45 + 2704 * _n**5 / 315 + 2323 * _n**6 / 945,
    56 * _n**3 / 15 - 136 * _n**4 / 35 - 1262 * _n**5 / 105 + 73814 * _n**6 / 2835,
    4279 * _n**4 / 630 - 332 * _n**5 / 35 - 399572 * _n**6 / 14175,
    4174 * _n**5 / 315 - 144838 * _n**6 / 6237,
    601676 * _n**6 / 22275,
])
_J2 = 2 * np.arange(1, 7)


def _conformal_tan(phi: np.ndarray) -> np.ndarray:
    s = np.sin(phi)
    return np.sinh(np.arctanh(s) - _E * np.arctanh(_E * s))


def _xi_eta(phi: np.ndarray, dlon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = _conformal_tan(phi)
    xi_p = np.arctan2(t, np.cos(dlon))
    eta_p = np.arctanh(np.sin(dlon) / np.sqrt(1 + t * t))
    j = _J2[:, None]
    xi = xi_p + (_ALPHA[:, None] * np.sin(j * xi_p) * np.cosh(j * eta_p)).sum(0)
    eta = eta_p + (_ALPHA[:, None] * np.cos(j * xi_p) * np.sinh(j * eta_p)).sum(0)
    return xi, eta


_XI0 = float(_xi_eta(np.array([_LAT0]), np.array([0.0]))[0][0])


def to_xy(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Project longitude/latitude (degrees) to map metres."""
    lon_a = np.asarray(lon, dtype=float)
    lat_a = np.asarray(lat, dtype=float)
    shape = np.broadcast(lon_a, lat_a).shape
    phi = np.radians(np.broadcast_to(lat_a, shape).ravel())
    dlon = np.radians(np.broadcast_to(lon_a, shape).ravel()) - _LON0
    xi, eta = _xi_eta(phi, dlon)
    x = _FE + _K0 * _RECT * eta
    y = _FN + _K0 * _RECT * (xi - _XI0)
    return x.reshape(shape), y.reshape(shape)


def to_lonlat(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Unproject map metres to longitude/latitude (degrees)."""
    x_a = np.asarray(x, dtype=float)
    y_a = np.asarray(y, dtype=float)
    shape = np.broadcast(x_a, y_a).shape
    xi = (np.broadcast_to(y_a, shape).ravel() - _FN) / (_K0 * _RECT) + _XI0
    eta = (np.broadcast_to(x_a, shape).ravel() - _FE) / (_K0 * _RECT)
    j = _J2[:, None]
    xi_p = xi - (_BETA[:, None] * np.sin(j * xi) * np.cosh(j * eta)).sum(0)
    eta_p = eta - (_BETA[:, None] * np.cos(j * xi) * np.sinh(j * eta)).sum(0)
    chi = np.arcsin(np.sin(xi_p) / np.cosh(eta_p))
    phi = chi + (_DELTA[:, None] * np.sin(j * chi)).sum(0)
    lam = _LON0 + np.arctan2(np.sinh(eta_p), np.cos(xi_p))
    return np.degrees(lam).reshape(shape), np.degrees(phi).reshape(shape)


def project_coords(coords: Any) -> np.ndarray:
    """Project an (N, 2) array of lon/lat pairs to an (N, 2) array of metres."""
    arr = np.asarray(coords, dtype=float).reshape(-1, 2)
    x, y = to_xy(arr[:, 0], arr[:, 1])
    return np.column_stack([x, y])


def project_geometry(geom: Any) -> Any:
    """Project a shapely geometry from lon/lat to map metres."""
    import shapely

    return shapely.transform(geom, project_coords)


def project_geometries(geoms: list[Any]) -> list[Any]:
    """Project many shapely geometries at once (one call to the projection)."""
    import shapely

    if not geoms:
        return []
    return list(shapely.transform(np.array(geoms, dtype=object), project_coords))
