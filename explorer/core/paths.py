"""Where the app's data lives: a checkout, an installed wheel, or a frozen bundle.

In the repository the data sits at the top, in ``geodata/`` and ``resources/``.
A built wheel carries what the app reads inside the package, as
``explorer/data/geodata`` and ``explorer/data/resources`` (``setup.py`` copies
them there at build time), so any pip scheme (``--user``, ``--target``, a
venv, pipx, Debian's system pip, a per-user install on Windows) finds them
with :mod:`importlib.resources` wherever the package itself went.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: The import package that holds the data in a built wheel.
DATA_PACKAGE = "explorer.data"

#: Environment variable naming a folder that holds ``geodata/`` and ``resources/``.
DATA_ENV = "KWE_DATA_DIR"


def _has_data(root: Path) -> bool:
    return (root / "geodata").is_dir() and (root / "resources").is_dir()


def _packaged_root() -> Path | None:
    """The ``explorer/data`` folder of an installed wheel, if there is one on disk."""
    try:
        root = resources.files(DATA_PACKAGE)
    except ModuleNotFoundError:
        return None
    # An installed wheel is unpacked on disk, so the traversable is a real path.
    return root if isinstance(root, Path) else None


def data_candidates() -> list[Path]:
    """Every folder :func:`data_root` looks in, in order."""
    candidates: list[Path] = []
    override = os.environ.get(DATA_ENV)
    if override:
        candidates.append(Path(override))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen))
    packaged = _packaged_root()
    if packaged is not None:
        candidates.append(packaged)
    # A checkout (or an editable install of one): the repository's top folder.
    candidates.append(Path(__file__).resolve().parent.parent.parent)
    return candidates


@lru_cache(maxsize=1)
def data_root() -> Path:
    """Return the folder that holds ``geodata/`` and ``resources/``.

    The environment variable ``KWE_DATA_DIR`` wins; then a frozen bundle's
    folder; then the ``explorer.data`` package of an installed wheel; then the
    checkout the package was imported from.

    Raises
    ------
    FileNotFoundError
        When none of them holds both folders; the message names every place
        looked in.
    """
    candidates = data_candidates()
    for root in candidates:
        if _has_data(root):
            return root
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"the app's data folders (geodata/, resources/) were not found in: {searched}")


def geodata_dir() -> Path:
    """The folder of bundled GeoJSON files."""
    return data_root() / "geodata"


def resources_dir() -> Path:
    """The folder of bundled resources (chronology, catalogue, icons)."""
    return data_root() / "resources"


def licence_file(name: str) -> Path | None:
    """``LICENSE`` or ``THIRD_PARTY_NOTICES.md`` as shipped with this copy, or ``None``.

    A checkout has them at the top of the repository, a wheel and a bundle
    beside ``geodata/`` and ``resources/``.
    """
    for root in data_candidates():
        path = root / name
        if path.is_file():
            return path
    return None


def _platform_base(kind: str) -> Path:
    """The per-user base folder for caches (``kind='cache'``) or logs (``kind='log'``)."""
    if kind == "cache" and os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"])
    if kind == "log" and os.environ.get("XDG_STATE_HOME"):
        return Path(os.environ["XDG_STATE_HOME"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    if sys.platform == "darwin":
        return Path.home() / "Library" / ("Logs" if kind == "log" else "Caches")
    if kind == "log":
        return Path.home() / ".local" / "state"
    return Path.home() / ".cache"


def cache_dir() -> Path | None:
    """The folder for caches the app can always rebuild, or ``None`` when caching is off.

    ``KWE_CACHE_DIR`` wins (empty: no cache); then ``XDG_CACHE_HOME``;
    then the platform's usual place (``%LOCALAPPDATA%`` on Windows,
    ``~/Library/Caches`` on macOS, ``~/.cache`` elsewhere).
    """
    override = os.environ.get("KWE_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    return _platform_base("cache") / "korean-war-explorer"


def log_dir() -> Path:
    """The folder for the start-up log.

    ``KWE_LOG_DIR`` wins; then the platform's place for logs:
    ``%LOCALAPPDATA%\\korean-war-explorer\\logs`` on Windows,
    ``~/Library/Logs/korean-war-explorer`` on macOS,
    ``$XDG_STATE_HOME/korean-war-explorer`` (``~/.local/state``) elsewhere.
    """
    override = os.environ.get("KWE_LOG_DIR")
    if override:
        return Path(override)
    base = _platform_base("log") / "korean-war-explorer"
    return base / "logs" if sys.platform == "win32" else base
