"""Build step of the wheel: the app's data goes inside the import package.

Everything else is declared in ``pyproject.toml``.  The repository keeps the
data at its top (``geodata/``, ``resources/``, ``LICENSE``,
``THIRD_PARTY_NOTICES.md``); a built wheel carries the files the app reads
as ``explorer/data/...``, where :mod:`explorer.core.paths` finds them with
:mod:`importlib.resources` under any installation scheme.  An editable
install reads them from the checkout instead, so nothing is copied then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

#: (folder of the repository, glob patterns) copied into explorer/data/<folder>.
DATA = {
    "geodata": ["*.geojson"],
    "resources": ["*.json", "*.desktop"],
    "resources/icons": ["*.svg", "*.png"],
    ".": ["LICENSE", "THIRD_PARTY_NOTICES.md"],
}


def data_files() -> list[tuple[Path, str]]:
    """Each (source file, path inside ``explorer/data``) the wheel carries."""
    out = []
    for folder, patterns in DATA.items():
        for pattern in patterns:
            for src in sorted((HERE / folder).glob(pattern)):
                rel = src.relative_to(HERE).as_posix()
                out.append((src, rel))
    return out


class BuildPyWithData(build_py):
    """``build_py`` that also lays the app's data into ``explorer/data``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "explorer" / "data"
        target.mkdir(parents=True, exist_ok=True)
        (target / "__init__.py").write_text('"""The app\'s bundled data (copied here when the wheel is built)."""\n',
                                            encoding="utf-8")
        for src, rel in data_files():
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)


setup(cmdclass={"build_py": BuildPyWithData})
