"""Build step of the wheel: the app's data goes inside the import package.

Everything else is declared in ``pyproject.toml``.  The repository keeps the
data at its top (``geodata/``, ``resources/``, ``LICENSE``,
``THIRD_PARTY_NOTICES.md``); a built wheel carries the files the app reads
(listed by ``resources/packaging/datafiles.py``) as ``explorer/data/...``, where :mod:`explorer.core.paths` finds them with
:mod:`importlib.resources` under any installation scheme.  An editable
install reads them from the checkout instead, so nothing is copied then.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def data_files() -> list[tuple[Path, str]]:
    """Each (source file, path inside ``explorer/data``) the wheel carries (resources/packaging/datafiles.py)."""
    spec = importlib.util.spec_from_file_location("kwe_datafiles", HERE / "resources" / "packaging" / "datafiles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.data_files(HERE)


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
