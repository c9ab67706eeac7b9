"""Sub-commands of the ``korean-war-explorer`` command line.

Each module here defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; :mod:`explorer.cli` registers the modules listed in
:data:`COMMANDS`.
"""

COMMANDS = ("control_at", "check_data", "passages", "export", "export_animation", "export_data", "lesson")


def add_overwrite_argument(parser) -> None:
    """The ``--overwrite`` option of the commands that write a file given by ``--out``."""
    parser.add_argument("--overwrite", action="store_true",
                        help="replace FILE if it exists (without this, an existing file is left alone)")


def refuses_to_overwrite(name: str, args) -> bool:
    """True (after saying why, on stderr) when ``args.out`` exists and ``--overwrite`` was not given."""
    import sys
    from pathlib import Path

    if Path(args.out).exists() and not args.overwrite:
        print(f"{name}: {args.out} exists; give --overwrite to replace it", file=sys.stderr)
        return True
    return False
