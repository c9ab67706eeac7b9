"""A disk cache of loaded data, so that start-up need not parse and project GeoJSON again.

Reading the bundled GeoJSON, building shapely geometries and projecting
them takes a few hundred milliseconds; unpickling the result takes a few.
An entry is valid only for the exact input files (path, size, modification
time), the exact code that read them (the model's source files, likewise)
and the same Python, numpy and shapely.  Anything amiss (a missing,
truncated or foreign file, an unwritable folder) means the data are read
afresh; the cache never changes what the app shows.

An entry may carry a *tail*: arrays written after the pickled object, raw,
which the object's owner reads back a piece at a time when it needs them
(:class:`explorer.war.morph.FieldFile` keeps the morph fields there rather
than in memory).

The cache lives in :func:`explorer.core.paths.cache_dir` (``KWE_CACHE_DIR``
overrides it; an empty value turns caching off).
"""

from __future__ import annotations

from explorer.core.atomic import atomic_write

import hashlib
import pickle
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The first bytes of an entry with a tail, then the pickle's length (8 bytes, little-endian).
_TAIL_MAGIC = b"KWE-tail"
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
    got = read_with_tail(name, key)
    return None if got is None else got[0]


def read_with_tail(name: str, key: str) -> tuple[Any, Path, int] | None:
    """The object cached as *name* under *key*, its file, and where the file's tail starts; or ``None``.

    An entry written without a tail has its tail start at the end of the file.
    """
    folder = _folder()
    if folder is None:
        return None
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_TAIL_MAGIC) + 8)
            if head[:len(_TAIL_MAGIC)] == _TAIL_MAGIC:
                size = int.from_bytes(head[len(_TAIL_MAGIC):], "little")
                data = fh.read(size)
                if len(data) != size:
                    raise EOFError(f"{path}: truncated")
                return pickle.loads(data), path, len(head) + size
            fh.seek(0)
            obj = pickle.load(fh)
            return obj, path, fh.seek(0, 2)
    except FileNotFoundError:
        return None
    except Exception:
        try:
            path.unlink()
        except OSError:
            pass
        return None


def write(name: str, key: str, obj: Any, tail: Sequence[Any] = ()) -> tuple[Path, int] | None:
    """Cache *obj* as *name* under *key* (atomically), dropping older entries of *name*.

    *tail* is a sequence of C-contiguous buffers (numpy arrays) written raw
    after the pickle, in order.  Returns the file written and where its tail
    starts, or ``None`` if nothing was written.
    """
    folder = _folder()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name}-{key}.pickle"
        start = 0

        def dump(fh: Any) -> None:
            nonlocal start
            if not tail:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
                start = fh.tell()
                return
            data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
            fh.write(_TAIL_MAGIC + len(data).to_bytes(8, "little"))
            fh.write(data)
            start = len(_TAIL_MAGIC) + 8 + len(data)
            for part in tail:
                fh.write(memoryview(part).cast("B"))

        atomic_write(target, dump)
    except Exception:
        return None
    for old in folder.glob(f"{name}-*.pickle"):
        if old != target:
            try:
                old.unlink(missing_ok=True)
            except OSError:
                pass   # (on Windows, a file another copy of the app is reading cannot be removed)
    return target, start
