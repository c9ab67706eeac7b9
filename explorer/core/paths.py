"""Where the bundled data lives: a checkout, an installed copy, or a frozen bundle."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_SHARE = ("share", "korean-war-explorer")


@lru_cache(maxsize=1)
def data_root() -> Path:
    """Return the folder that holds ``geodata/`` and ``resources/``.

    The environment variable ``KWE_DATA_DIR`` wins; then a frozen bundle's
    folder; then the checkout the package was imported from; then the
    ``share/korean-war-explorer`` folder of the installed environment.
    """
    override = os.environ.get("KWE_DATA_DIR")
    candidates: list[Path] = []
    if override:
        candidates.append(Path(override))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen))
    candidates.append(Path(__file__).resolve().parent.parent.parent)
    candidates.append(Path(sys.prefix).joinpath(*_SHARE))
    for root in candidates:
        if (root / "geodata").is_dir() and (root / "resources").is_dir():
            return root
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"the app's data folders (geodata/, resources/) were not found in: {searched}")


def geodata_dir() -> Path:
    """The folder of bundled GeoJSON files."""
    return data_root() / "geodata"


def resources_dir() -> Path:
    """The folder of bundled resources (chronology, catalogue, icons)."""
    return data_root() / "resources"


def cache_dir() -> Path | None:
    """The folder for caches the app can always rebuild, or ``None`` when caching is off.

    ``KWE_CACHE_DIR`` wins (empty: no cache); then ``XDG_CACHE_HOME``;
    then the platform's usual place (``%LOCALAPPDATA%`` on Windows,
    ``~/Library/Caches`` on macOS, ``~/.cache`` elsewhere).
    """
    override = os.environ.get("KWE_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    if os.environ.get("XDG_CACHE_HOME"):
        base = Path(os.environ["XDG_CACHE_HOME"])
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path.home() / ".cache"
    return base / "korean-war-explorer"
