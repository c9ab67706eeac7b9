"""``korean-war-explorer passages``: what the sources say about a day."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from explorer.commands import DATE_HELP, read_date_option

NAME = "passages"
HELP = ("print the source passages about a date, curated event citations first; "
        "without --sources, the chronology's events for the date")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--date", required=True, metavar="DATE", help=f"the day: {DATE_HELP}")
    parser.add_argument("--sources", type=Path, default=None, metavar="DIR",
                        help="folder of source documents to read")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--limit", type=int, default=10, metavar="N",
                        help="at most N passages (default 10)")
    parser.add_argument("--events", type=Path, default=None, metavar="FILE",
                        help="the chronology to use (default: the bundled resources/events.json)")


def parse_day(value: Any) -> dt.date:
    """Read a day from ``YYYY-MM-DD`` or written English ("June 25, 1950").

    Raises
    ------
    ValueError
        When the text is not exactly one day.
    """
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    from explorer.sources.datetext import extract_dates

    found = extract_dates(text)
    if len(found) == 1 and found[0].precision == "day" and found[0].text.strip() == text.strip(" ,."):
        return found[0].start
    raise ValueError(f"not a day: {text!r} (write it as YYYY-MM-DD, e.g. 1950-09-15)")


def _mention_json(m) -> dict:
    return {"start": m.start.isoformat(), "end": m.end.isoformat(), "precision": m.precision, "text": m.text}


def _citation_json(c, catalogue) -> dict:
    entry = catalogue.get(c.source)
    out = {"source": c.source, "title": entry.full_title if entry else None, "quote": c.quote}
    if c.passage is not None:
        out["passage"] = c.passage
    return out


def run(args: argparse.Namespace) -> int:
    """Print the passages (or events) for ``args.date``; 0 on success, 2 on bad input."""
    from explorer.sources.catalogue import Catalogue, CatalogueError
    from explorer.war.events import EventsError, default_events_path, events_at, load_events

    limit = getattr(args, "limit", 10) or 10
    if limit < 1:
        print("passages: --limit must be at least 1", file=sys.stderr)
        return 2
    sources = getattr(args, "sources", None)
    if sources is not None and not Path(sources).is_dir():
        print(f"passages: {sources}: no such folder", file=sys.stderr)
        return 2
    events_path = getattr(args, "events", None)
    if events_path is None and not default_events_path().exists():
        print(f"passages: warning: {default_events_path()} is missing; no curated events", file=sys.stderr)
        events = []
    else:
        try:
            events = load_events(events_path)
        except EventsError as exc:
            print(f"passages: {exc}", file=sys.stderr)
            return 2
    try:
        day = read_date_option("passages", "--date", args.date, events)
    except ValueError as exc:
        print(f"passages: {exc}", file=sys.stderr)
        return 2
    try:
        catalogue = Catalogue.bundled()
    except CatalogueError as exc:
        print(f"passages: {exc}", file=sys.stderr)
        return 2
    width = 78

    if sources is None:
        hits = events_at(events, day)[:limit]
        if args.json:
            print(json.dumps([{
                "event_id": e.id, "title": e.title, "start": e.start.isoformat(), "end": e.end.isoformat(),
                "precision": e.precision, "kind": e.kind, "phase": e.phase, "summary": e.summary,
                "citations": [_citation_json(c, catalogue) for c in e.citations],
            } for e in hits], indent=2, ensure_ascii=False))
            return 0
        if not hits:
            print(f"No event of the chronology covers {day.isoformat()}.")
            return 0
        for e in hits:
            when = e.start.isoformat() if e.start == e.end else f"{e.start.isoformat()} to {e.end.isoformat()}"
            print(f"{e.title}  [{when}, {e.precision}]")
            print(textwrap.fill(e.summary, width, initial_indent="    ", subsequent_indent="    "))
            for c in e.citations:
                entry = catalogue.get(c.source)
                print(f"    - {entry.full_title if entry else c.source}: \u201c{c.quote}\u201d")
            print()
        return 0

    from explorer.sources.library import SourceLibrary
    from explorer.sources.linking import passages_for_date

    library = SourceLibrary.load(sources, catalogue=catalogue)
    for _path, message in library.problems:
        print(f"passages: warning: {message}", file=sys.stderr)
    ranked = passages_for_date(day, library, events, limit=limit)
    if args.json:
        print(json.dumps([{
            "source": r.source, "title": r.title, "passage": r.passage.index, "kind": r.passage.kind,
            "text": r.passage.text, "score": round(r.score, 3), "reason": r.reason, "event_id": r.event_id,
            "matched": _mention_json(r.matched) if r.matched else None,
            "dates": [_mention_json(m) for m in r.passage.dates],
        } for r in ranked], indent=2, ensure_ascii=False))
        return 0
    if not library.documents:
        print(f"No readable document in {sources}.")
        return 0
    if not ranked:
        print(f"No passage of the {len(library.documents)} documents speaks of {day.isoformat()}.")
        return 0
    for n, r in enumerate(ranked, 1):
        m = r.matched
        date_part = f"{m.text} ({m.precision})" if m else "no date in the passage"
        print(f"{n}. {r.title} \u00a7{r.passage.index}  [{date_part}; score {r.score:.1f}]")
        print(f"   {r.reason}")
        print(textwrap.fill(" ".join(r.passage.text.split()), width,
                            initial_indent="   ", subsequent_indent="   "))
        print()
    return 0
