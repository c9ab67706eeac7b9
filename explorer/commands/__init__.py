"""Sub-commands of the ``korean-war-explorer`` command line.

Each module here defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; :mod:`explorer.cli` registers the modules listed in
:data:`COMMANDS`.
"""

COMMANDS = ("control_at", "check_data", "passages", "export", "export_animation")
