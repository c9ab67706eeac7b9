"""The war as GIS layers: fronts, territory, places and events for QGIS and other GIS programs.

:func:`build_layers` turns a :class:`~explorer.war.chronology.Chronology`
into plain tables (a geometry and fields per feature, in longitude/latitude,
EPSG:4326); :func:`write_layers` writes them with geopandas (the optional
``gis`` extra) as a GeoPackage (one file, one layer each), or as GeoJSON or
Shapefile (one file per layer).  geopandas is imported only here and only
when writing, never on the window's start-up path.

Every dated feature has ``valid_from`` and ``valid_to`` fields (both days
included; date-time fields in a GeoPackage, ``YYYY-MM-DD`` text in GeoJSON
and Shapefile), so QGIS's Temporal Controller can play the war ("Layer
Properties > Temporal > Separate fields for start and end date/time").  A
recorded front is valid from its date to the day before the next recorded
front; the map in the app blends the fronts in between, the layers do not.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from explorer.core.atomic import atomic_write
from explorer.war.chronology import COMMUNIST, UN, WAR_END, Chronology, side_names
from explorer.war.projection import to_lonlat

#: The CRS of every layer written (GeoJSON requires it; every GIS reads it).
CRS = "EPSG:4326"

#: Formats by file extension: (GDAL driver, one file holds every layer).
FORMATS = {".gpkg": ("GPKG", True), ".geojson": ("GeoJSON", False), ".shp": ("ESRI Shapefile", False)}


class GisExportError(Exception):
    """A GIS export that cannot be made: no geopandas, a bad file name, a failed write."""


@dataclass
class Layer:
    """One layer: a name, its features' fields and geometries, and which fields are dates."""

    name: str
    geometry: list[BaseGeometry | None] = field(default_factory=list)
    fields: dict[str, list[Any]] = field(default_factory=dict)
    date_fields: tuple[str, ...] = ("valid_from", "valid_to")

    def add(self, geom: BaseGeometry | None, **values: Any) -> None:
        """Append a feature."""
        n = len(self.geometry)
        for key in values:
            self.fields.setdefault(key, [None] * n)
        for key, column in self.fields.items():
            column.append(values.get(key))
        self.geometry.append(geom)

    def __len__(self) -> int:
        return len(self.geometry)


def _lonlat(geom: BaseGeometry) -> BaseGeometry:
    """Map metres (EPSG:5179) to longitude/latitude."""

    def unproject(xy: Any) -> Any:
        import numpy as np

        lon, lat = to_lonlat(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, unproject)


def _valid(geom: BaseGeometry) -> BaseGeometry:
    """*geom* made valid, keeping only its polygons (a repair can leave stray lines or points)."""
    if geom.is_valid:
        return geom
    fixed = shapely.make_valid(geom)
    polys = [g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else fixed


def _valid_to(records: list, i: int) -> dt.date:
    """The last day the *i*-th recorded front stands: the day before the next one (the armistice: itself)."""
    if i + 1 < len(records):
        return records[i + 1].date - dt.timedelta(days=1)
    return max(records[i].date, WAR_END)


def build_layers(chronology: Chronology) -> list[Layer]:
    """The war as layers, in longitude/latitude.

    Returns
    -------
    list of Layer
        ``fronts`` (one feature per recorded front: its main line and the
        outlines of its enclaves), ``territory`` (for each recorded front, the
        land each side held: two features), ``zones`` (ground held by neither
        side, per record), ``taken`` (towns that changed hands on a known day
        between two records), ``places`` (the gazetteer) and ``events`` (the
        chronology; a point where the event has a place).  A layer with no
        feature is left out.
    """
    records = chronology.records
    fronts = Layer("fronts")
    territory = Layer("territory")
    for i, rec in enumerate(records):
        start, end = rec.date, _valid_to(records, i)
        lines = [LineString(rec.main_lonlat)]
        lines += [_lonlat(LineString(ring.xy)) for ring in rec.rings]
        fronts.add(MultiLineString(lines), front_date=rec.date.isoformat(), valid_from=start, valid_to=end,
                   name=rec.main_name, status=rec.status, label=rec.label, note=rec.note, enclaves=len(rec.rings),
                   citations=len(rec.citations))
        state = chronology.state_at(rec.date)
        un_name, communist_name = side_names(rec.date)
        for side, name, geom in ((UN, un_name, state.un_territory),
                                 (COMMUNIST, communist_name, state.communist_territory)):
            # A difference of polygons may touch itself along the front; GIS programs want valid ones.
            territory.add(_valid(_lonlat(geom)), front_date=rec.date.isoformat(), valid_from=start, valid_to=end,
                          side=side, side_name=name, area_km2=round(geom.area / 1e6, 1))
    zones = Layer("zones")
    taken = Layer("taken")
    for i, rec in enumerate(records):
        end = _valid_to(records, i)
        for z in getattr(rec, "zones", ()):
            # Ground held by neither side (a gap between corps, no-man's land...), as seen on this record.
            zones.add(_valid(Polygon(z.lonlat)), front_date=rec.date.isoformat(), valid_from=z.since or rec.date,
                      valid_to=z.until or end, name=z.name, label=z.label, kind=z.kind, note=z.note,
                      citations=len(z.citations))
        for tk in getattr(rec, "taken", ()):
            # A town that changed hands on a known day; it stays with that side until the next record at least.
            taken.add(Point(tk.lon, tk.lat), front_date=rec.date.isoformat(), valid_from=tk.date, valid_to=end,
                      place=tk.place, by=tk.by, radius_km=round(tk.radius_m / 1000, 1),
                      citations=len(tk.citations))
    places = Layer("places", date_fields=())
    for p in chronology.geodata.places:
        places.add(Point(p.lon, p.lat), name=p.name, modern=p.modern, kind=p.kind, rank=p.rank)
    events = Layer("events")
    for e in chronology.events:
        geom = Point(e.place.lon, e.place.lat) if e.place is not None else None
        events.add(geom, event_id=e.id, title=e.title, valid_from=e.start, valid_to=e.end,
                   precision=e.precision, kind=e.kind, phase=e.phase or "",
                   place=e.place.name if e.place is not None else "", summary=e.summary,
                   citations=len(e.citations))
    return [layer for layer in (fronts, territory, zones, taken, places, events) if len(layer)]


def layer_paths(out: Path, layers: list[Layer]) -> dict[str, Path]:
    """Where each layer goes: all in *out* (GeoPackage) or ``<stem>_<layer><ext>`` beside it."""
    driver, single = _format(out)
    del driver
    if single:
        return {layer.name: out for layer in layers}
    return {layer.name: out.with_name(f"{out.stem}_{layer.name}{out.suffix}") for layer in layers}


def _format(out: Path) -> tuple[str, bool]:
    ext = out.suffix.lower()
    if ext not in FORMATS:
        raise GisExportError(f"{out.name}: the file name must end in .gpkg, .geojson or .shp")
    return FORMATS[ext]


def import_geopandas() -> Any:
    """geopandas, or a :class:`GisExportError` saying how to install it."""
    try:
        import geopandas
    except ImportError as exc:
        raise GisExportError(
            "exporting GIS data needs geopandas, which is not installed: "
            'install the app with its GIS extra, for example  pipx install "korean-war-explorer[gis]"  '
            'or  pip install "korean-war-explorer[gis]"' + (f" ({exc})" if exc.name != "geopandas" else "")
        ) from None
    return geopandas


def _frame(gpd: Any, layer: Layer, driver: str) -> Any:
    import pandas as pd

    columns: dict[str, Any] = {}
    for key, values in layer.fields.items():
        if key in layer.date_fields:
            if driver == "GPKG":
                columns[key] = pd.to_datetime(pd.Series(values, dtype="object"))  # DATETIME fields
            else:
                # GeoJSON has no date type and a Shapefile none that GDAL writes: ISO text (YYYY-MM-DD).
                columns[key] = [v.isoformat() if v is not None else None for v in values]
        else:
            columns[key] = values
    if driver == "ESRI Shapefile":
        # A dBase field name holds at most 10 characters; ours already do, but say so if one does not.
        assert all(len(k) <= 10 for k in columns), sorted(columns)
    return gpd.GeoDataFrame(columns, geometry=list(layer.geometry), crs=CRS)


def write_layers(layers: list[Layer], out: str | os.PathLike[str], *, overwrite: bool = False,
                 progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write *layers* to *out* (``.gpkg``, ``.geojson`` or ``.shp``); return the files written.

    Each file is written atomically (a temporary file or folder beside it,
    then renamed), so a failed export leaves no partial file and never
    damages one that was there.

    Raises
    ------
    GisExportError
        geopandas is missing, the extension is not one of the three, a file
        exists and *overwrite* is false, or the write failed.
    """
    out = Path(os.path.abspath(os.fspath(out)))
    driver, single = _format(out)
    gpd = import_geopandas()
    targets = layer_paths(out, layers)
    existing = sorted({str(p) for p in targets.values() if p.exists()})
    if existing and not overwrite:
        raise GisExportError(f"{', '.join(existing)} already exists (give --overwrite to replace it)")
    if not out.parent.is_dir():
        raise GisExportError(f"{out.parent}: no such folder")
    written: list[Path] = []
    try:
        if single:

            def write_all(tmp: Path) -> None:
                # GDAL makes the GeoPackage itself, under a name that ends in .gpkg.
                made = tmp.with_name(tmp.name + out.suffix)
                try:
                    for layer in layers:
                        if progress:
                            progress(layer.name)
                        _frame(gpd, layer, driver).to_file(made, layer=layer.name, driver=driver)
                    os.replace(made, tmp)
                finally:
                    made.unlink(missing_ok=True)

            written.append(atomic_write(out, write_path=write_all))
        elif driver == "GeoJSON":
            for layer in layers:
                if progress:
                    progress(layer.name)
                frame = _frame(gpd, layer, driver)

                def write_one(tmp: Path, frame: Any = frame) -> None:
                    made = tmp.with_name(tmp.name + out.suffix)
                    try:
                        frame.to_file(made, driver=driver)
                        os.replace(made, tmp)
                    finally:
                        made.unlink(missing_ok=True)

                written.append(atomic_write(targets[layer.name], write_path=write_one))
        else:
            for layer in layers:
                if progress:
                    progress(layer.name)
                written.extend(_write_shapefile(_frame(gpd, layer, driver), targets[layer.name]))
    except GisExportError:
        raise
    except Exception as exc:  # GDAL, pyogrio and the OS raise many kinds
        raise GisExportError(f"could not write {out.name}: {exc}") from exc
    return written


def _write_shapefile(frame: Any, target: Path) -> list[Path]:
    """A Shapefile is several files: write them in a temporary folder beside *target*, then move each."""
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.stem}.", suffix=".part", dir=target.parent))
    try:
        with warnings.catch_warnings():
            # dBase text fields hold 254 characters: long event summaries are cut (GeoPackage keeps them whole).
            warnings.filterwarnings("ignore", message=".*truncated to 254 characters.*")
            frame.to_file(tmpdir / target.name, driver="ESRI Shapefile", encoding="UTF-8")
        moved = []
        for part in sorted(tmpdir.iterdir()):
            dest = target.with_suffix(part.suffix)
            os.replace(part, dest)
            moved.append(dest)
        return moved
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def export_data(chronology: Chronology, out: str | os.PathLike[str], *, overwrite: bool = False,
                progress: Callable[[str], None] | None = None) -> list[Path]:
    """Build the layers of *chronology* and write them to *out*; return the files written."""
    return write_layers(build_layers(chronology), out, overwrite=overwrite, progress=progress)
