"""``korean-war-explorer passages``: what the sources say about a day, a range of days or a place.

Passages are numbered as the window's passage panel numbers them ("passage 12"
is the twelfth passage of its document); ``--format csv|markdown|ris`` writes
them with their citations for a reference manager or a handout.
"""

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
HELP = ("print the source passages about a date (curated event citations first), a range of "
        "dates (--to) or a place (--place), as text, JSON, CSV, Markdown or RIS; "
        "without --sources, the chronology's events for the date")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    parser.add_argument("--date", default=None, metavar="DATE",
                        help=f"the day: {DATE_HELP} (required unless --place is given)")
    parser.add_argument("--to", default=None, metavar="DATE",
                        help="with --date: the last day of a range (read as --date is); lists the passages "
                             "dated in it, in date order")
    parser.add_argument("--place", default=None, metavar="NAME",
                        help="a place in any spelling the gazetteer knows (Pusan, Busan, Fusan or the Hangul): "
                             "the passages naming it, best first; with --date, those dated that day")
    parser.add_argument("--sources", type=Path, default=None, metavar="DIR",
                        help="folder of source documents to read")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text (same as --format json)")
    parser.add_argument("--format", default=None, choices=("text", "json", "csv", "markdown", "md", "ris"),
                        help="output: text (default), json, or the passages with their citations as "
                             "csv, markdown or ris (needs --sources)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="at most N passages (default 10 for text and JSON, all for csv, markdown and ris)")
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


def _events_for_names(path) -> list:
    """The chronology whose event names and ids --date may give (none when it cannot be read)."""
    from explorer.war.events import EventsError, load_events

    try:
        return load_events(path, [])
    except (EventsError, OSError):
        return []


def _mention_json(m) -> dict:
    out = {"start": m.start.isoformat(), "end": m.end.isoformat(), "precision": m.precision, "text": m.text}
    # Only for dates not plainly written: the heading's date, a dateline, a reference; an inferred year.
    if m.via != "text":
        out["via"] = m.via
    if m.said:
        out["heading"] = m.said
    if m.inferred:
        out["year_inferred"] = True
    return out


def _citation_json(c, catalogue) -> dict:
    entry = catalogue.get(c.source)
    out = {"source": c.source, "title": entry.full_title if entry else None, "quote": c.quote}
    if c.passage is not None:
        out["passage"] = c.passage
    return out


def _passage_json(r, library) -> dict:
    p = r.passage
    return {
        "source": r.source, "title": r.title, "passage": p.index, "number": p.index + 1, "kind": p.kind,
        "text": p.text, "score": round(r.score, 3), "reason": r.reason, "event_id": r.event_id,
        "matched": _mention_json(r.matched) if r.matched else None,
        "dates": [_mention_json(m) for m in p.dates],
        "places": list(p.places),
        "page": getattr(p, "page", None),
    }


def _fail(message: str) -> int:
    print(f"passages: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Print the passages (or events) asked for; 0 on success, 2 on bad input."""
    from explorer.sources.catalogue import Catalogue, CatalogueError
    from explorer.war.events import EventsError, default_events_path, events_at, load_events

    date_arg = getattr(args, "date", None)
    to_arg = getattr(args, "to", None)
    place_arg = getattr(args, "place", None)
    fmt = getattr(args, "format", None) or ("json" if getattr(args, "json", False) else "text")
    fmt = {"md": "markdown"}.get(fmt, fmt)
    if getattr(args, "json", False) and fmt != "json":
        return _fail("--json and --format disagree; give one of them")
    if date_arg is None and place_arg is None:
        return _fail("give --date DATE, --place NAME, or both")
    if to_arg is not None and date_arg is None:
        return _fail("--to needs --date (the first day of the range)")
    day = last = None
    try:
        if date_arg is not None or to_arg is not None:
            names = _events_for_names(getattr(args, "events", None))
        if date_arg is not None:
            day = read_date_option("passages", "--date", date_arg, names)
        if to_arg is not None:
            last = read_date_option("passages", "--to", to_arg, names)
    except ValueError as exc:
        return _fail(str(exc))
    if day is not None and last is not None and last < day:
        return _fail(f"--to {last.isoformat()} is before --date {day.isoformat()}")
    citing = fmt in ("csv", "markdown", "ris")
    limit = getattr(args, "limit", None)
    if limit is None:
        limit = None if citing else 10
    elif limit < 1:
        return _fail("--limit must be at least 1")
    sources = getattr(args, "sources", None)
    if sources is not None and not Path(sources).is_dir():
        return _fail(f"{sources}: no such folder")
    if sources is None and (citing or place_arg is not None or last is not None):
        what = "--place" if place_arg is not None else ("--to" if last is not None else f"--format {fmt}")
        return _fail(f"{what} needs --sources DIR (the folder of your source documents)")
    events_path = getattr(args, "events", None)
    if events_path is None and not default_events_path().exists():
        print(f"passages: warning: {default_events_path()} is missing; no curated events", file=sys.stderr)
        events = []
    else:
        try:
            events = load_events(events_path)
        except EventsError as exc:
            return _fail(str(exc))
    try:
        catalogue = Catalogue.bundled()
    except CatalogueError as exc:
        return _fail(str(exc))
    width = 78

    if sources is None:
        assert day is not None
        hits = events_at(events, day)[:limit]
        if fmt == "json":
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
    from explorer.sources.linking import LinkIndex, passages_for_date, passages_for_place

    library = SourceLibrary.load(sources, catalogue=catalogue)
    for _path, message in library.problems:
        print(f"passages: warning: {message}", file=sys.stderr)
    library.infer_years(events)
    place = None
    if place_arg is not None:
        place = library.places.canonical(place_arg)
        if place is None:
            return _fail(f"{place_arg!r} is not a place the gazetteer knows "
                         "(geodata/places.csv and geodata/place_aliases.csv)")
    # --to needs --date (checked above), and without --place a date is given.
    if place is not None:
        if last is not None:
            assert day is not None
            ranked = [r for r in passages_for_place(place, library, None, None)
                      if r.passage.dates and any(m.start <= last and m.end >= day for m in r.passage.dates)]
            ranked = ranked[:limit] if limit else ranked
        else:
            ranked = passages_for_place(place, library, day, limit)
        what = f"naming {place}" + (f" on {day.isoformat()}" if day and last is None else "") + (
            f" between {day.isoformat()} and {last.isoformat()}" if day is not None and last is not None else "")
    elif last is not None:
        assert day is not None
        ranked = LinkIndex(library, events).lookup_range(day, last, limit)
        what = f"dated between {day.isoformat()} and {last.isoformat()}"
    else:
        assert day is not None
        ranked = passages_for_date(day, library, events, limit=limit or 10**6)
        what = f"about {day.isoformat()}"
    if fmt == "json":
        print(json.dumps([_passage_json(r, library) for r in ranked], indent=2, ensure_ascii=False))
        return 0
    if citing:
        from explorer.sources.citing import cite, export_citations

        rows = [cite(r.passage, library, r.matched) for r in ranked]
        sys.stdout.write(export_citations(rows, fmt, heading=f"Passages {what}"))
        return 0
    if not library.documents:
        print(f"No readable document in {sources}.")
        return 0
    if not ranked:
        print(f"No passage of the {len(library.documents)} documents {what}.")
        return 0
    for n, r in enumerate(ranked, 1):
        m = r.matched
        date_part = f"{m.label} ({m.precision})" if m else "no date in the passage"
        page = library.page_of(r.passage) or getattr(r.passage, "page", None)  # as printed, as in the window
        where = f"passage {r.passage.index + 1}" + (f", p. {page}" if page is not None else "")
        print(f"{n}. {r.title}, {where}  [{date_part}; score {r.score:.1f}]")
        print(f"   {r.reason}")
        if r.passage.places:
            print(f"   places: {', '.join(r.passage.places)}")
        print(textwrap.fill(" ".join(r.passage.text.split()), width,
                            initial_indent="   ", subsequent_indent="   "))
        print()
    return 0
