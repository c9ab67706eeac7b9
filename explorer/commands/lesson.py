"""``korean-war-explorer lesson``: list, check and export lessons."""

from __future__ import annotations

import argparse
import sys

from explorer.commands import add_overwrite_argument, refuses_to_overwrite

NAME = "lesson"
HELP = "list the built-in lessons, check a lesson file, or export a lesson as a PDF deck, handout, MP4 or GIF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the sub-command."""
    sub = parser.add_subparsers(dest="lesson_command", required=True, metavar="{list,check,export}")
    sub.add_parser("list", help="name the built-in lessons")
    check = sub.add_parser("check", help="validate a lesson file (and its pinned passages, with --sources)")
    check.add_argument("file", metavar="FILE", help="a .kwelesson file, or a built-in lesson's name")
    check.add_argument("--sources", metavar="DIR", default=None,
                       help="a folder of source documents: report pinned passages that no longer resolve")
    exp = sub.add_parser("export", help="write a lesson as a PDF deck or handout, an MP4 or a GIF")
    exp.add_argument("file", metavar="NAME_OR_FILE", help="a .kwelesson file, or a built-in lesson's name")
    exp.add_argument("--out", required=True, metavar="FILE",
                     help="deck.pdf (one page per stop), handout.pdf (a name with 'handout': two stops a page), "
                          "lesson.mp4 or lesson.gif")
    exp.add_argument("--kind", choices=("deck", "handout", "mp4", "gif"), default=None,
                     help="what to write, when the file name does not say it")
    exp.add_argument("--names", choices=("wartime", "modern"), default="wartime", help="place-name spelling")
    add_overwrite_argument(exp)


def run(args: argparse.Namespace) -> int:
    """Run the sub-command; 0 when all is well, 1 for an invalid lesson, 2 for bad usage."""
    from explorer.core.dates import format_date
    from explorer.state.lesson import LessonError, builtin_lessons, find_lesson, load_lesson

    if args.lesson_command == "list":
        for title, path in builtin_lessons().items():
            lesson = load_lesson(path)
            first, last = lesson.stops[0].date, lesson.stops[-1].date
            print(f"{title}  ({len(lesson.stops)} stops, {format_date(first)} to {format_date(last)}; {path.name})")
        return 0
    if args.lesson_command == "check":
        try:
            path = find_lesson(args.file)
            lesson = load_lesson(path)
        except LessonError as exc:
            print(f"lesson check: {exc}", file=sys.stderr)
            return 1
        print(f"{path}: a valid lesson, \u201c{lesson.title}\u201d, {len(lesson.stops)} stops")
        if args.sources:
            from pathlib import Path

            from explorer.sources.library import SourceLibrary
            from explorer.state.lesson import orphaned_passages

            library = SourceLibrary.load(Path(args.sources))
            orphans = orphaned_passages(lesson, library.passages_by_source())
            for i, c, res in orphans:
                print(f"{path}: stop {i + 1} ({lesson.stops[i].title!r}): pinned passage of {c.source!r} "
                      f"\u201c{c.quote}\u201d is orphaned: {res.note}")
            pinned = sum(len(s.passages) for s in lesson.stops)
            print(f"{pinned - len(orphans)} of {pinned} pinned passages found in {args.sources}")
            return 1 if orphans else 0
        return 0
    if args.lesson_command == "export":
        return _export(args)
    return 2


def _export(args: argparse.Namespace) -> int:
    import time

    from explorer.render.action import action_extent
    from explorer.render.lesson_export import export_lesson, lesson_export_kind
    from explorer.render.page import ExportError
    from explorer.sources.catalogue import Catalogue, CatalogueError
    from explorer.state.lesson import LessonError, find_lesson, load_lesson
    from explorer.war.chronology import Chronology

    try:
        lesson = load_lesson(find_lesson(args.file))
        kind = lesson_export_kind(args.out, args.kind)
    except (LessonError, ExportError) as exc:
        print(f"lesson export: {exc}", file=sys.stderr)
        return 2
    if refuses_to_overwrite("lesson export", args):
        return 2
    try:
        catalogue = Catalogue.bundled()
    except CatalogueError:
        catalogue = None
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{kind}: {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        chronology = Chronology.load()
        path = export_lesson(chronology, lesson, args.out, kind=kind, catalogue=catalogue,
                             romanization=args.names, progress=progress if sys.stderr.isatty() else None,
                             frame_action=lambda d: action_extent(chronology, d))
    except ExportError as exc:
        print(f"lesson export: {exc}", file=sys.stderr)
        return 1
    print(f"{path} ({kind} of \u201c{lesson.title}\u201d, {len(lesson.stops)} stops, "
          f"{time.perf_counter() - t0:.1f} s)")
    return 0
