"""A disk cache of loaded data, so that start-up need not parse and project GeoJSON again.

Reading the bundled GeoJSON, building shapely geometries and projecting
them takes a few hundred milliseconds; unpickling the result takes a few.
An entry is valid only for the exact input files (path, size, modification
time), the exact code that read them (the model's source files, likewise)
and the same Python, numpy and shapely.  Anything amiss (a missing,
truncated or foreign file, an unwritable folder) means the data are read
afresh; the cache never changes what the app shows.

The cache lives in :func:`explorer.core.paths.cache_dir` (``KWE_CACHE_DIR``
overrides it; an empty value turns caching off).
"""

from __future__ import annotations

from explorer.core.atomic import atomic_write

import hashlib
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Bump when the layout of cached objects changes in a way file stamps would miss.
CACHE_VERSION = 1
_MODEL_DIR = Path(__file__).resolve().parent


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}|missing"
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"


def cache_key(inputs: Iterable[Path]) -> str:
    """A key naming *inputs* as they are now, with the code and libraries that read them."""
    import numpy
    import shapely

    from explorer import __version__

    h = hashlib.blake2b(digest_size=16)
    # The app's version too: a frozen bundle has no source files to stamp.
    h.update(f"{CACHE_VERSION}|{__version__}|{sys.version}|{numpy.__version__}|{shapely.__version__}".encode())
    for path in sorted(_MODEL_DIR.glob("*.py")):
        h.update(_stamp(path).encode())
    for path in sorted(Path(p) for p in inputs):
        h.update(_stamp(path).encode())
    return h.hexdigest()


def _folder() -> Path | None:
    from explorer.core.paths import cache_dir

    return cache_dir()


def read(name: str, key: str) -> Any | None:
    """The object cached as *name* under *key*, or ``None``."""
    folder = _folder()
    if folder is None:
        return None
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:
        try:
            path.unlink()
        except OSError:
            pass
        return None


def write(name: str, key: str, obj: Any) -> None:
    """Cache *obj* as *name* under *key* (atomically), dropping older entries of *name*."""
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name}-{key}.pickle"
        atomic_write(target, lambda fh: pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.glob(f"{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except Exception:
        return
