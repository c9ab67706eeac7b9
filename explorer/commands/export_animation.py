"""``korean-war-explorer export-animation``: the map over a range of dates as a GIF or MP4."""

from __future__ import annotations

import argparse
import sys

from explorer.commands import (DATE_HELP, add_overwrite_argument, load_chronology, read_date_option,
                               refuses_to_overwrite)
from explorer.commands.export import _layer_names, parse_layers

NAME = "export-animation"
HELP = ("export an animation of the map from one date to another, one frame per step, "
        "as a GIF (always) or an MP4 (when ffmpeg is installed)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--from", dest="start", required=True, metavar="DATE", help=f"the first day: {DATE_HELP}")
    parser.add_argument("--to", dest="end", required=True, metavar="DATE", help=f"the last day: {DATE_HELP}")
    parser.add_argument("--step", default="7d", metavar="Nd|Nw|event",
                        help="days (7d) or weeks (2w) between frames, or 'event' for one frame per event "
                             "date (default: 7d); the last frame is always the --to date")
    parser.add_argument("--and-events", dest="with_events", action="store_true",
                        help="also a frame on every day an event starts (a weekly step then keeps 15 September 1950)")
    parser.add_argument("--view", default="peninsula", metavar="peninsula|action|W,S,E,N",
                        help="the whole peninsula (default), the action of all the frames' dates, "
                             "or a box in degrees: west,south,east,north")
    parser.add_argument("--layers", default=None, metavar="NAME,...",
                        help="the layers to draw (default: all); names: " + ", ".join(_layer_names()))
    parser.add_argument("--fps", type=float, default=4.0, metavar="N", help="frames per second (default: 4)")
    parser.add_argument("--out", required=True, metavar="FILE", help="the file to write (.gif or .mp4)")
    add_overwrite_argument(parser)
    parser.add_argument("--size", default=None, metavar="WxH", help="frame size in pixels (default: 1920x1080, the slide)")
    parser.add_argument("--quiet", action="store_true", help="do not show progress")


def run(args: argparse.Namespace) -> int:
    """Write the animation; print where. Return 0, 2 for a bad option, 1 when it cannot be written."""
    from explorer.render.animation import (
        ANIMATION_FORMATS,
        DEFAULT_PAGE,
        check_fps,
        export_animation,
        frame_dates,
        parse_step,
    )
    from explorer.render.export import ExportError, format_for, page_for, parse_view

    try:
        format_for(args.out, ANIMATION_FORMATS)
        step = parse_step(args.step)
        fps = check_fps(args.fps)
        page = page_for(size=args.size) if args.size else DEFAULT_PAGE
        view = parse_view(args.view)
        layers = parse_layers(args.layers)
    except ExportError as exc:
        print(f"export-animation: {exc}", file=sys.stderr)
        return 2
    if refuses_to_overwrite("export-animation", args):
        return 2
    chronology = load_chronology()
    try:
        start = read_date_option("export-animation", "--from", args.start, chronology.events)
        end = read_date_option("export-animation", "--to", args.end, chronology.events)
    except ValueError as exc:
        print(f"export-animation: {exc}", file=sys.stderr)
        return 2
    try:
        n = len(frame_dates(start, end, step, chronology.events, with_events=args.with_events))
    except ExportError as exc:
        print(f"export-animation: {exc}", file=sys.stderr)
        return 2
    tty = sys.stderr.isatty() and not args.quiet

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\rframe {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    try:
        path = export_animation(chronology, args.out, start, end, step, fps, page=page,
                                progress=progress, view=view, layers=layers, with_events=args.with_events)
    except ExportError as exc:
        print(f"export-animation: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({n} frames of {page.width}x{page.height}, {step.describe()}{' and every event' if args.with_events else ''}, "
          f"{fps:g} frames per second)")
    return 0
