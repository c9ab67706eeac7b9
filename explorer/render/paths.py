"""Shapely geometries as matplotlib paths."""

from __future__ import annotations

import numpy as np
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry


def _ring_codes(n: int) -> np.ndarray:
    codes = np.full(n, Path.LINETO, dtype=Path.code_type)
    codes[0] = Path.MOVETO
    codes[-1] = Path.CLOSEPOLY
    return codes


def _signed_area2(xy: np.ndarray) -> float:
    """Twice the signed area of a closed ring (positive when anticlockwise)."""
    x, y = xy[:, 0], xy[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def polygon_path(geom: BaseGeometry) -> Path:
    """A compound path (holes included) for a Polygon, MultiPolygon or collection.

    Outer rings run anticlockwise and holes clockwise, whatever the
    geometry's own orientation: matplotlib fills by the non-zero winding
    rule, so two paths of the same land joined into one (the UN side and
    the offshore islands) still fill it once instead of cancelling out.
    """
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for poly in _polygons(geom):
        for k, ring in enumerate([poly.exterior, *poly.interiors]):
            xy = np.asarray(ring.coords)
            if len(xy) < 4:
                continue
            if (_signed_area2(xy) > 0) != (k == 0):
                xy = xy[::-1]
            verts.append(xy)
            codes.append(_ring_codes(len(xy)))
    if not verts:
        return Path(np.zeros((1, 2)), [Path.MOVETO])
    return Path(np.concatenate(verts), np.concatenate(codes))


def line_path(geom: BaseGeometry) -> Path:
    """A path of all the line parts of a (Multi)LineString or collection."""
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for line in _lines(geom):
        xy = np.asarray(line.coords)
        if len(xy) < 2:
            continue
        c = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
        c[0] = Path.MOVETO
        verts.append(xy)
        codes.append(c)
    if not verts:
        return Path(np.zeros((1, 2)), [Path.MOVETO])
    return Path(np.concatenate(verts), np.concatenate(codes))


def _polygons(geom: BaseGeometry) -> list[BaseGeometry]:
    t = geom.geom_type
    if t == "Polygon":
        return [geom]
    if t in ("MultiPolygon", "GeometryCollection"):
        out = []
        for g in geom.geoms:
            out.extend(_polygons(g))
        return out
    return []


def _lines(geom: BaseGeometry) -> list[BaseGeometry]:
    t = geom.geom_type
    if t in ("LineString", "LinearRing"):
        return [geom]
    if t in ("MultiLineString", "GeometryCollection"):
        out = []
        for g in geom.geoms:
            out.extend(_lines(g))
        return out
    return []
