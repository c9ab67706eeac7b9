"""``korean-war-explorer events``: the chronology's events, found by words and kinds."""

from __future__ import annotations

import argparse
import json
import sys

NAME = "events"
HELP = ("list the events of the chronology (id, title, start, end, kind, place), "
        "optionally only those matching words or of some kinds")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    from explorer.war.events import EVENT_KINDS

    parser.add_argument("--search", nargs="+", default=[], metavar="WORD",
                        help="only events whose title, id, place or summary contain every word "
                             "(as the start of a word: 'Inch' finds Inchon)")
    parser.add_argument("--kind", action="append", choices=EVENT_KINDS, default=None, metavar="KIND",
                        help=f"only events of this kind ({', '.join(EVENT_KINDS)}); repeat for several")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    """Print the events; 0 on success (even when none matched), 2 when the chronology cannot be read."""
    from explorer.state.lookup import search_events
    from explorer.war.events import EventsError, load_events

    try:
        events = load_events()
    except EventsError as exc:
        print(f"events: {exc}", file=sys.stderr)
        return 2
    found = search_events(events, " ".join(args.search), args.kind)
    if args.json:
        print(json.dumps([{
            "id": e.id, "title": e.title, "start": e.start.isoformat(), "end": e.end.isoformat(),
            "kind": e.kind, "place": e.place.name if e.place else None,
        } for e in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No event matches.", file=sys.stderr)
        return 0
    id_w = max(len(e.id) for e in found)
    for e in found:
        when = e.start.isoformat() if e.start == e.end else f"{e.start.isoformat()}..{e.end.isoformat()}"
        place = f"  ({e.place.name})" if e.place else ""
        print(f"{when:<22} {e.kind:<14} {e.id:<{id_w}}  {e.title}{place}")
    print(f"{len(found)} event{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return 0
