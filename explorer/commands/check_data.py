"""``korean-war-explorer check-data``: validate the geodata (and resources)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "check-data"
HELP = "validate the bundled geodata (or a copy): one line per problem, non-zero exit if any"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--geodata", type=Path, default=None, metavar="DIR",
                        help="the geodata folder to check (default: the bundled one)")
    parser.add_argument("--resources", type=Path, default=None, metavar="DIR",
                        help="the resources folder (default: the bundled one)")


def run(args: argparse.Namespace) -> int:
    """Print each problem on its own line; return 1 if there is any, else 0."""
    from explorer.model.validate import check_geodata

    problems = check_geodata(args.geodata, args.resources)
    for p in problems:
        print(p)
    if problems:
        print(f"check-data: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("check-data: no problems")
    return 0
