"""Which files of the repository the app reads at run time: the one list for the wheel and the bundle.

``setup.py`` copies them into ``explorer/data/`` of the wheel; the
PyInstaller spec puts them at the top of the bundle.  Everything under
``geodata/`` and ``resources/`` goes, except the scripts and notes that make
or describe the data, the screenshots and the packaging files; plus the
licence and the third-party notices.
"""

from __future__ import annotations

from pathlib import Path

#: Folders of the repository the app's data lives in.
DATA_FOLDERS = ("geodata", "resources")
#: Top-level files shipped beside them.
TOP_FILES = ("LICENSE", "THIRD_PARTY_NOTICES.md")
#: Left out: build scripts, notes, the README's screenshots, these packaging files.
SKIP_SUFFIXES = (".py", ".pyc", ".md", ".spec")
SKIP_FOLDERS = ("resources/screenshots", "resources/packaging", "__pycache__")


def data_files(root: Path) -> list[tuple[Path, str]]:
    """Each (file, its path relative to the data root, with ``/``) the app needs, sorted."""
    out = [(root / name, name) for name in TOP_FILES if (root / name).is_file()]
    for folder in DATA_FOLDERS:
        for src in sorted((root / folder).rglob("*")):
            rel = src.relative_to(root).as_posix()
            if not src.is_file() or src.suffix in SKIP_SUFFIXES or src.name.startswith("."):
                continue
            if any(rel.startswith(skip + "/") or f"/{skip}/" in f"/{rel}" for skip in SKIP_FOLDERS):
                continue
            out.append((src, rel))
    return out
