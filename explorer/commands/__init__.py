"""Sub-commands of the ``korean-war-explorer`` command line.

Each module here defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; :mod:`explorer.cli` registers the modules listed in
:data:`COMMANDS`.
"""

COMMANDS = ("control_at", "check_data", "passages", "events", "export", "export_animation", "export_data", "lesson")


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


#: Help text of every ``--date`` option: what it accepts.
DATE_HELP = ("a date as YYYY-MM-DD, a written date ('15 Sept 1950', 'October 1950'), "
             "or an event's id or name ('inchon-landing', 'Inchon landing', 'Chosin')")


def read_date_option(name: str, option: str, text, events=None):
    """The day an option's text means, saying on stderr which event it took.

    Parameters
    ----------
    name
        The command's name, for messages ("export").
    option
        The option's name ("--date").
    text
        What was given (a string, or a date already).
    events
        The chronology to look event names up in (the bundled one by default).

    Raises
    ------
    ValueError
        With a message naming the option, when the text is neither a date nor an event.
    """
    import datetime as dt
    import sys

    from explorer.state.lookup import DateLookupError, resolve

    if isinstance(text, dt.date):
        return text
    if events is None:
        from explorer.war.events import load_events

        events = load_events()
    try:
        found = resolve(str(text), events)
    except DateLookupError as exc:
        raise ValueError(f"{option}: {exc}") from None
    if found.event is not None or found.mention is not None:
        print(f"{name}: {option} {str(text).strip()!r} read as {found.describe()}", file=sys.stderr)
    return found.date


def load_chronology():
    """The bundled chronology, set aside from the garbage collector as the window sets its start-up aside.

    A full collection walks every object of the process; in a one-off export
    the chronology's (geodata, fronts, events) are most of them, and one such
    collection took about 20 ms of a command-line export.  ``gc.freeze`` moves
    them out of its sight (explorer.qt.gcpolicy does the same for the window).
    """
    import gc

    from explorer.war.chronology import Chronology

    chronology = Chronology.load()
    gc.freeze()
    return chronology

