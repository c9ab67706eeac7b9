"""``korean-war-explorer control-at``: who held a point on a date."""

from __future__ import annotations

import argparse
import sys

from explorer.commands import DATE_HELP, read_date_option

NAME = "control-at"
HELP = "print who held a point on a date: UN, COMMUNIST, or NONE (at sea or outside Korea)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--date", required=True, metavar="DATE", help=f"the day: {DATE_HELP}")
    parser.add_argument("--lon", required=True, type=float, help="longitude in degrees east")
    parser.add_argument("--lat", required=True, type=float, help="latitude in degrees north")


def run(args: argparse.Namespace) -> int:
    """Print the controller and return 0, or print an error and return 2."""
    from explorer.war.chronology import Chronology

    try:
        date = read_date_option("control-at", "--date", args.date)
    except ValueError as exc:
        print(f"control-at: {exc}", file=sys.stderr)
        return 2
    side = Chronology.load().controller_at(date, args.lon, args.lat)
    print(side if side is not None else "NONE")
    return 0
