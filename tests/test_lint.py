"""ruff and mypy on explorer/, with the configuration in pyproject.toml (run when they are installed).

Install them with ``pip install -e ".[test,lint]"``.  mypy's verdict depends on
the stubs that the installed matplotlib, numpy and PySide6 ship, so it is run
at the newest versions only (CI's first stage); at the floors it skips.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[lint]')")
    done = _run([ruff, "check", "--no-cache", "explorer"])
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean():
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[lint]')")
    import matplotlib

    if tuple(int(p) for p in matplotlib.__version__.split(".")[:2]) < (3, 10):
        pytest.skip("mypy runs against the newest dependencies' stubs, not the floors'")
    done = _run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull])
    assert done.returncode == 0, done.stdout + done.stderr
