"""Shapely geometries as matplotlib paths."""

from __future__ import annotations

import numpy as np
import shapely
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry


def polygon_path(geom: BaseGeometry) -> Path:
    """A compound path (holes included) for a Polygon, MultiPolygon or collection.

    Outer rings run anticlockwise and holes clockwise, whatever the
    geometry's own orientation: matplotlib fills by the non-zero winding
    rule, so two paths of the same land joined into one (the UN side and
    the offshore islands) still fill it once instead of cancelling out.
    """
    polys = _polygons(geom)
    if not polys:
        return Path(np.zeros((1, 2)), [Path.MOVETO])
    # shapely.orient_polygons would do, but needs shapely 2.1: orient the rings here.
    shapes = np.array(polys, dtype=object)
    rings = shapely.get_rings(shapes)
    outer = np.zeros(len(rings), bool)
    counts = shapely.get_num_interior_rings(shapes) + 1
    outer[np.concatenate(([0], np.cumsum(counts)[:-1]))] = True
    flip = shapely.is_ccw(rings) != outer
    if flip.any():
        rings[flip] = shapely.reverse(rings[flip])
    xy, which = shapely.get_coordinates(rings, return_index=True)
    sizes = np.bincount(which, minlength=len(rings))
    keep = sizes >= 4
    if not keep.all():
        xy = xy[keep[which]]
        sizes = sizes[keep]
    if not len(xy):
        return Path(np.zeros((1, 2)), [Path.MOVETO])
    codes = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
    ends = np.cumsum(sizes)
    codes[ends - sizes] = Path.MOVETO
    codes[ends - 1] = Path.CLOSEPOLY
    return Path(xy, codes)


def rings_path(rings: list[np.ndarray]) -> Path:
    """One compound path of closed rings (filled by the non-zero rule)."""
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return Path(np.zeros((1, 2)))
    codes = []
    for r in rings:
        c = np.full(len(r), Path.LINETO, dtype=Path.code_type)
        c[0] = Path.MOVETO
        c[-1] = Path.CLOSEPOLY
        codes.append(c)
    return Path(np.concatenate(rings), np.concatenate(codes))


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
