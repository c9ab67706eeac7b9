"""The frozen (PyInstaller) bundle, when one has been built.

CI does not build the bundle (PyInstaller takes about a minute and needs its
own clean environment), so these tests run only when ``KWE_FROZEN_APP`` names
a built bundle's executable::

    KWE_FROZEN_APP=/tmp/kwe-dist/korean-war-explorer/korean-war-explorer pytest tests/test_frozen_bundle.py

The installed app's smoke test is in tests/qt/test_app_comforts.py.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ENV_VAR = "KWE_FROZEN_APP"


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    """The frozen executable named by ``KWE_FROZEN_APP``; skips when the variable is not set."""
    value = os.environ.get(ENV_VAR)
    if not value:
        pytest.skip(f"{ENV_VAR} is not set: build the bundle with resources/packaging/korean-war-explorer.spec "
                    f"and set {ENV_VAR} to its executable to test it (CI does not build it: PyInstaller is slow)")
    exe = Path(value)
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        pytest.fail(f"{ENV_VAR}={value} is not an executable file")
    return exe


def _internal(exe: Path) -> Path:
    # PyInstaller 6 keeps everything but the executable in _internal/; older versions beside it.
    inner = exe.parent / "_internal"
    return inner if inner.is_dir() else exe.parent


def _run(exe: Path, args: list[str], home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "data"))
    env.pop("KWE_DATA_DIR", None)  # the bundle must find its own data
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=str(home))


def test_bundle_carries_its_data_and_leaves_out_the_gis_stack(frozen_app):
    inner = _internal(frozen_app)
    assert (inner / "geodata" / "fronts.geojson").is_file()
    assert (inner / "resources" / "events.json").is_file()
    assert (inner / "resources" / "icons").is_dir()
    for left_out in ("geopandas", "pandas", "pyogrio"):
        assert not (inner / left_out).exists(), f"{left_out} should not be in the bundle"
    assert not (inner / "PySide6" / "Qt" / "translations").exists()


def test_smoke_test_of_the_frozen_app(frozen_app, tmp_path):
    proc = _run(frozen_app, ["--smoke-test"], tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "smoke test: ok" in proc.stdout
    # The matplotlib font list is kept between starts, not rebuilt in a temporary folder each time.
    assert list((tmp_path / "cache" / "korean-war-explorer" / "matplotlib").glob("fontlist-*.json"))


def test_frozen_app_answers_on_the_command_line(frozen_app, tmp_path):
    version = _run(frozen_app, ["--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("korean-war-explorer ")
    held = _run(frozen_app, ["control-at", "--date", "1950-11-01", "--lon", "125.75", "--lat", "39.02"], tmp_path)
    assert held.returncode == 0, held.stderr
    assert held.stdout.strip() == "UN"  # Pyongyang, taken by the UN on 19 October 1950
    out = tmp_path / "snapshot.png"
    exported = _run(frozen_app, ["export", "--date", "1950-09-15", "--out", str(out)], tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_frozen_check_data_passes_without_the_gis_reader(frozen_app, tmp_path):
    proc = _run(frozen_app, ["check-data"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no problems" in proc.stdout
