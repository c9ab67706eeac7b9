"""Entry script of the frozen (PyInstaller) app: the same as the command line, windowed where the OS has the notion."""

import os
import sys
from pathlib import Path


def _cache_home() -> Path:
    """The per-user cache folder of the platform."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    env = os.environ.get("XDG_CACHE_HOME")
    return Path(env) if env else Path.home() / ".cache"


def use_lasting_matplotlib_cache() -> None:
    """Point matplotlib at a lasting cache folder of the app's own.

    PyInstaller's run-time hook gives matplotlib a new temporary config folder
    at every start, so matplotlib would scan the system's fonts again (a second
    or more) each time the app opens.  The folder is the app's own, not
    ``~/.config/matplotlib``, so a user's ``matplotlibrc`` still does not
    restyle the map.  When the folder cannot be made, the temporary one stays.
    """
    folder = _cache_home() / "korean-war-explorer" / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    if os.access(folder, os.W_OK):
        os.environ["MPLCONFIGDIR"] = str(folder)


if __name__ == "__main__":
    use_lasting_matplotlib_cache()
    # Finder on older macOS passes a process serial number; it is no option of ours.
    sys.argv[1:] = [a for a in sys.argv[1:] if not a.startswith("-psn_")]
    from explorer.cli import gui_main

    sys.exit(gui_main())
