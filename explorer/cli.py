"""The ``korean-war-explorer`` command line.

With no sub-command it opens the window; sub-commands work without one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from pathlib import Path

from explorer import APP_NAME, __version__
from explorer.commands import COMMANDS, DATE_HELP


def _date(text: str) -> dt.date:
    from explorer.commands import read_date_option

    try:
        return read_date_option("korean-war-explorer", "--date", text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every option and sub-command."""
    parser = argparse.ArgumentParser(
        prog="korean-war-explorer",
        description=f"{APP_NAME}: the front lines of the Korean War on a real map, "
                    "linked to the passages of your source documents. "
                    "Run without a sub-command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--date", type=_date, default=None, metavar="DATE",
                        help=f"open at this date, {DATE_HELP} (default: the date shown when the app was last closed, "
                             "else 25 June 1950)")
    parser.add_argument("--screenshot", type=Path, default=None, metavar="FILE",
                        help="open the window at 1280x800 at --date, render it fully, save a PNG "
                             "of the window to FILE and exit")
    parser.add_argument("--sources", dest="window_sources", type=Path, default=None, metavar="DIR",
                        help="open this folder of source documents (text, Markdown, HTML, PDF, DOCX, ODT, "
                             "EPUB) in the window, besides the sources open last time; it is remembered "
                             "for the next start")
    parser.add_argument("--reset-settings", action="store_true",
                        help="forget every remembered setting (window, date, map view, sources folder, layers, export "
                             "options) before starting")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add the app to the applications menu for the current user, then exit: a desktop entry and "
                             "icons on Linux, a Start-menu shortcut on Windows; on macOS it says what to do instead")
    parser.add_argument("--uninstall-desktop", action="store_true",
                        help="remove what --install-desktop installed, then exit")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the window, step through the whole war, export a snapshot to a temporary "
                             "folder and exit 0 if all went well")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="sub-commands")
    for name in COMMANDS:
        mod = _command_module(name)
        if mod is None:
            continue
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _command_module(name: str):
    try:
        return importlib.import_module(f"explorer.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"explorer.commands.{name}":
            return None
        raise


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m explorer``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is not None:
        return int(args._run(args) or 0)
    if args.install_desktop or args.uninstall_desktop:
        from explorer import desktop

        if sys.platform == "darwin":
            print(desktop.MACOS_ADVICE, file=sys.stderr)
            return 1
        if sys.platform == "win32":
            try:
                if args.uninstall_desktop:
                    link = desktop.shortcut_path()
                    link.unlink(missing_ok=True)
                    print(f"removed {link}")
                else:
                    print(f"made the Start-menu shortcut {desktop.install_start_menu_shortcut()}")
            except OSError as exc:
                print(f"korean-war-explorer: cannot change the Start menu: {exc}\n"
                      "Instead, right-click korean-war-explorer-gui.exe (or the bundle's korean-war-explorer.exe) "
                      "and choose 'Pin to Start'.", file=sys.stderr)
                return 1
            return 0
        try:
            if args.uninstall_desktop:
                removed = desktop.uninstall()
                print(f"removed {len(removed)} file(s) from {desktop.data_home()}")
            else:
                for path in desktop.install():
                    print(f"installed {path}")
        except OSError as exc:
            print(f"korean-war-explorer: cannot change the desktop files: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.smoke_test:
        from explorer.qt.smoke import run_smoke_test

        return run_smoke_test()
    if args.reset_settings:
        from explorer.qt.app import make_application
        from explorer.qt.settings import reset_settings

        make_application()
        print(f"settings reset ({reset_settings()})")
    from explorer.war.chronology import WAR_START

    try:
        from explorer.qt.app import run
    except ImportError as exc:  # PySide6 or one of its libraries is missing: say so, never vanish
        from explorer.qt.startup import report_exception

        report_exception(exc)
        return 1

    date = args.date
    if date is None and args.screenshot is not None:
        date = WAR_START
    return run(date, args.screenshot, args.window_sources)


def gui_main() -> int:
    """Entry point of the windowed launcher (``korean-war-explorer-gui``; no console on Windows).

    A windowed program on Windows has no standard output or error; they are
    sent to the null device so that a ``print`` cannot fail.  Errors at
    start-up go to a log file and a dialog (see :mod:`explorer.qt.startup`).
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the app)
    return main()


if __name__ == "__main__":
    sys.exit(main())
