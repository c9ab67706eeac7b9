"""``korean-war-explorer check-data``: validate the geodata and resources (of the app or of a copy)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "check-data"
HELP = ("validate the bundled geodata and resources (or a copy): events, phases, source catalogue and, "
        "with --sources, every citation against the source texts; one line per problem, non-zero exit if any")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--geodata", type=Path, default=None, metavar="DIR",
                        help="the geodata folder to check (default: the bundled one)")
    parser.add_argument("--resources", type=Path, default=None, metavar="DIR",
                        help="the resources folder to check: events.json, phases.json, sources.json "
                             "(default: the bundled one)")
    parser.add_argument("--sources", type=Path, default=None, metavar="DIR",
                        help="a folder of the source documents: resolve every citation of the events and "
                             "fronts against their text (without it citations are not resolved)")


def run(args: argparse.Namespace) -> int:
    """Print each problem on its own line; return 1 if there is any, 2 for a missing folder, else 0."""
    from explorer.validate import check_geodata, check_resources

    for option, folder in (("--geodata", args.geodata), ("--resources", args.resources),
                           ("--sources", getattr(args, "sources", None))):
        if folder is not None and not Path(folder).is_dir():
            print(f"check-data: {option} {folder}: no such folder", file=sys.stderr)
            return 2
    sources = getattr(args, "sources", None)
    import importlib.util

    if importlib.util.find_spec("geopandas") is None:
        print("check-data: the GIS reader (GDAL) test was skipped: geopandas is not installed "
              "(it comes with the 'gis' extra: pip install \"korean-war-explorer[gis]\"; "
              "the desktop bundle leaves it out)", file=sys.stderr)
    problems = check_geodata(args.geodata, args.resources)
    more = check_resources(args.resources, sources, args.geodata)
    if any(p.file == "phases.json" for p in more):
        # check_resources names each broken phase; drop the one-line summary of the same fault.
        problems = [p for p in problems if p.file != "phases.json"]
    seen = {str(p) for p in problems}
    for p in more:
        if str(p) not in seen:
            seen.add(str(p))
            problems.append(p)
    for p in problems:
        print(p)
    if sources is None:
        print("check-data: citations were not resolved against the source texts "
              "(give --sources DIR to check them)", file=sys.stderr)
    if problems:
        print(f"check-data: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("check-data: no problems")
    return 0
