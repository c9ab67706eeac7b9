"""The one atomic file writer of the app.

Every file the app writes for a user (exports, settings backups, filled citation
files, the desktop entry, cache entries) goes through :func:`atomic_write`: the
content goes to a temporary file in the target's folder, is flushed and synced,
then replaces the target with :func:`os.replace`, so a reader sees the old file
or the new one, never half of one, and a failure leaves the target untouched.

A new file gets the permissions the process's umask gives any new file (the
temporary file is created with mode ``0o666`` and the umask applies as usual);
a replaced file keeps its permission bits.  The umask is never read or changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["atomic_write", "atomic_write_bytes", "atomic_write_text"]


def _open_temp(folder: Path, name: str) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        # os.urandom, not the secrets module: importing that (hmac, random) cost 6 ms of start-up.
        tmp = folder / f".{name}.{os.urandom(4).hex()}.part"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file in {folder}")


def atomic_write(
    path: str | os.PathLike[str],
    write: Callable[[IO[bytes]], object] | None = None,
    *,
    write_path: Callable[[Path], None] | None = None,
    make_folder: bool = False,
) -> Path:
    """Write *path* atomically and return it as an absolute path.

    Parameters
    ----------
    path
        The file to create or replace.
    write
        Called with the open binary temporary file.
    write_path
        Instead of (or after) *write*: called with the temporary file's path,
        for a program that writes the file itself (ffmpeg).
    make_folder
        Create the target's folder first if it is missing.

    Raises
    ------
    OSError
        The folder is missing or unwritable, the disk is full...; the temporary
        file is removed and *path* is untouched.  Any other exception raised by
        *write* or *write_path* also removes the temporary file and propagates.
    """
    target = Path(os.path.abspath(os.fspath(path)))
    folder = target.parent
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = _open_temp(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            if write is not None:
                write(fh)
                fh.flush()
            if write_path is None:
                os.fsync(fh.fileno())
        if write_path is not None:
            write_path(tmp)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        try:
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o777)
        except OSError:
            pass
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, make_folder: bool = False) -> Path:
    """Write *data* to *path* atomically (see :func:`atomic_write`)."""
    return atomic_write(path, lambda fh: fh.write(data), make_folder=make_folder)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, make_folder: bool = False) -> Path:
    """Write *text* as UTF-8 with ``\\n`` line ends to *path* atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"), make_folder=make_folder)
