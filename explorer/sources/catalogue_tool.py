"""Upkeep of the catalogue's recognition hashes, from the command line.

``python -m explorer.sources.catalogue_tool update FILE --set ID=PATH`` and
``python -m explorer.sources.catalogue_tool identify PATH...``: see :func:`main`.
Kept apart from :mod:`explorer.sources.catalogue` because it reads documents,
and :mod:`explorer.sources.documents` uses the catalogue.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from explorer.core.atomic import atomic_write_text
from explorer.sources.catalogue import Catalogue, _format_sources, recognition_data
from explorer.sources.documents import DocumentError, read_document


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: recompute the recognition hashes of catalogue entries.

    ``python -m explorer.sources.catalogue_tool update FILE --set ID=PATH [--set ...]``
    reads each document, computes its hashes and writes them into the entry
    ``ID`` of ``FILE`` (atomically).  ``python -m explorer.sources.catalogue_tool
    identify PATH...`` prints which entry each document is recognised as.
    """
    parser = argparse.ArgumentParser(prog="python -m explorer.sources.catalogue_tool")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="recompute recognition hashes from documents")
    up.add_argument("file", type=Path)
    up.add_argument("--set", dest="pairs", action="append", required=True, metavar="ID=PATH")
    ident = sub.add_parser("identify", help="tell which catalogue entry documents are")
    ident.add_argument("paths", nargs="+", type=Path)
    ident.add_argument("--catalogue", type=Path, default=None)
    args = parser.parse_args(argv)
    empty = Catalogue([])
    if args.command == "identify":
        cat = Catalogue.load(args.catalogue)
        status = 0
        for p in args.paths:
            try:
                doc = read_document(p, catalogue=cat)
            except DocumentError as exc:
                print(exc, file=sys.stderr)
                status = 1
                continue
            entry = cat.recognise(doc.text)
            print(f"{p}: {entry.id if entry else 'not recognised'}")
        return status
    data = json.loads(args.file.read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in data["sources"]}
    for pair in args.pairs:
        sid, _, path = pair.partition("=")
        if sid not in by_id or not path:
            print(f"{args.file}: no source {sid!r} (or no path given in {pair!r})", file=sys.stderr)
            return 2
        try:
            doc = read_document(path, catalogue=empty)
        except DocumentError as exc:
            print(exc, file=sys.stderr)
            return 1
        by_id[sid]["recognise"] = recognition_data(doc.text)
    atomic_write_text(args.file, _format_sources(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
