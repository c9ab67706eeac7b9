"""``korean-war-explorer export-data``: the war as GIS layers (GeoPackage, GeoJSON or Shapefile)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.commands import add_overwrite_argument

NAME = "export-data"
HELP = ("export the fronts (dated, with valid_from/valid_to for QGIS's Temporal Controller), each side's "
        "territory per recorded front, the places and the events as GIS layers in EPSG:4326: one GeoPackage "
        "(.gpkg) or one GeoJSON or Shapefile per layer (.geojson, .shp); needs the 'gis' extra (geopandas)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="FILE.gpkg (every layer in one file), or FILE.geojson / FILE.shp "
                             "(one file per layer: FILE_fronts, FILE_territory, FILE_places, FILE_events)")
    add_overwrite_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the layers; print each file. Return 0, 2 for a bad option or existing file, 1 on failure."""
    from explorer.war.chronology import Chronology
    from explorer.war.gis import GisExportError, build_layers, import_geopandas, layer_paths, write_layers

    out = Path(args.out)
    try:
        import_geopandas()
        chronology = Chronology.load()
        layers = build_layers(chronology)
        existing = sorted({str(p) for p in layer_paths(out, layers).values() if p.exists()})
    except GisExportError as exc:
        print(f"export-data: {exc}", file=sys.stderr)
        return 2
    if existing and not args.overwrite:
        print(f"export-data: {', '.join(existing)} exists; give --overwrite to replace it", file=sys.stderr)
        return 2
    try:
        written = write_layers(layers, out, overwrite=True)
    except GisExportError as exc:
        print(f"export-data: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{layer.name} ({len(layer)})" for layer in layers)
    for path in dict.fromkeys(written):
        print(f"wrote {path}")
    print(f"layers: {counts}; CRS EPSG:4326")
    return 0
