"""The map's projected coordinate reference system.

Everything the map draws and every distance the model measures is in
EPSG:5179 (Korea 2000 / Unified CS), a transverse Mercator projection centred
on 127.5 E that keeps distances within a fraction of a percent across the
peninsula, so the scale bar and interpolation by arc length are true.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

#: The projected CRS of the map, as an EPSG code.
MAP_CRS = "EPSG:5179"


@lru_cache(maxsize=1)
def _forward() -> Any:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)


@lru_cache(maxsize=1)
def _inverse() -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(MAP_CRS, "EPSG:4326", always_xy=True)


def to_xy(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Project longitude/latitude (degrees) to map metres."""
    x, y = _forward().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def to_lonlat(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Unproject map metres to longitude/latitude (degrees)."""
    lon, lat = _inverse().transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


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
