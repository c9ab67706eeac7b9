"""``korean-war-explorer export``: a map snapshot of one date as PNG, SVG or PDF."""

from __future__ import annotations

import argparse
import sys

from explorer.commands import (DATE_HELP, add_overwrite_argument, load_chronology, read_date_option,
                               refuses_to_overwrite)

NAME = "export"
HELP = ("export the map of a date as a finished map (title, phase, key, scale bar, north arrow, credits) "
        "to a PNG, SVG or PDF file, chosen by the file's extension")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--date", required=True, metavar="DATE", help=f"the day to show: {DATE_HELP}")
    parser.add_argument("--out", required=True, metavar="FILE", help="the file to write (.png, .svg or .pdf)")
    add_overwrite_argument(parser)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--size", metavar="WxH", default=None,
                      help="pixel size, like 1920x1080 (text is scaled so the short side is 7.2 inches)")
    size.add_argument("--dpi", type=float, default=None, metavar="N",
                      help="dots per inch of a 12.8 x 7.2 inch page (150 gives 1920x1080)")
    size.add_argument("--preset", choices=("slide", "slide43", "a4", "square"), default=None,
                      help="slide: 1920x1080; slide43: a 4:3 slide, 1440x1080; a4: A4 landscape at 300 dpi; "
                           "square: 1080x1080 (default: slide)")
    parser.add_argument("--view", default="peninsula", metavar="peninsula|action|W,S,E,N",
                        help="the whole peninsula (default), 'action' (fit the day's moving front, events and "
                             "arrows) or a box in degrees: west,south,east,north "
                             "(for example 126,37,127.6,38.2 for the Seoul area)")
    parser.add_argument("--layers", default=None, metavar="NAME,...",
                        help="the layers to draw (default: all); names: " + ", ".join(_layer_names()))
    parser.add_argument("--caption", action="store_true",
                        help="add the sources the app cites for that date")


def _layer_names() -> tuple[str, ...]:
    from explorer.state.viewstate import LAYERS

    return LAYERS


def parse_layers(text: str | None) -> frozenset[str] | None:
    """Read ``--layers territory,front,relief``: ``None`` (all layers) when not given.

    Raises
    ------
    ExportError
        An unknown layer name (the message lists the known ones).
    """
    from explorer.render.page import ExportError

    if text is None:
        return None
    names = [n.strip().lower() for n in str(text).split(",") if n.strip()]
    unknown = [n for n in names if n not in _layer_names()]
    if unknown:
        raise ExportError(f"unknown layer {', '.join(map(repr, unknown))}: choose from {', '.join(_layer_names())}")
    return frozenset(names)


def run(args: argparse.Namespace) -> int:
    """Write the snapshot; print where. Return 0, 2 for a bad option, 1 when the file cannot be written."""
    from explorer.render.export import ExportError, export_snapshot, format_for, page_for, parse_view

    try:
        date = read_date_option("export", "--date", args.date)
    except ValueError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    try:
        format_for(args.out)
        page = page_for(args.preset, args.size, args.dpi)
        view = parse_view(args.view)
        layers = parse_layers(args.layers)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    if refuses_to_overwrite("export", args):
        return 2
    chronology = load_chronology()
    cut: list[str] = []
    try:
        path = export_snapshot(chronology, date, args.out, page=page, view=view, caption=args.caption,
                               layers=layers, cut=cut)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    what = page.describe() if path.suffix.lower() == ".png" else \
        f"{page.width / page.dpi:.2f} x {page.height / page.dpi:.2f} in"
    print(f"wrote {path} ({what})")
    if cut:
        print("note: the page shortened some words with \u2026 (too many citations for it); "
              "the file's description holds them in full")
    return 0
