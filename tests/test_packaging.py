"""Packaging: the data travels inside the package, the licences go everywhere, the lock covers pyproject."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest

from explorer.core import paths

ROOT = Path(__file__).resolve().parents[1]


def _datafiles():
    spec = importlib.util.spec_from_file_location("kwe_datafiles", ROOT / "resources" / "packaging" / "datafiles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wheel_and_the_bundle_carry_every_data_file_the_app_reads():
    shipped = {rel for _src, rel in _datafiles().data_files(ROOT)}
    for rel in ["LICENSE", "THIRD_PARTY_NOTICES.md", "geodata/fronts.geojson", "geodata/land.geojson",
                "resources/events.json", "resources/phases.json", "resources/sources.json",
                "resources/io.github.koreanwarexplorer.KoreanWarExplorer.desktop",
                "resources/icons/io.github.koreanwarexplorer.KoreanWarExplorer.svg"]:
        assert rel in shipped
    for path in (ROOT / "geodata").glob("*.geojson"):
        assert f"geodata/{path.name}" in shipped
    for folder in ("lessons", "schemas"):
        for path in (ROOT / "resources" / folder).glob("*"):
            assert f"resources/{folder}/{path.name}" in shipped
    # Scripts, notes, screenshots and the packaging files themselves stay out.
    assert not any(rel.endswith((".py", ".md", ".spec")) for rel in shipped if rel != "THIRD_PARTY_NOTICES.md")
    assert not any(rel.startswith(("resources/screenshots/", "resources/packaging/")) for rel in shipped)


def test_data_is_found_in_an_installed_package_before_the_checkout(tmp_path, monkeypatch):
    pkg = tmp_path / "kwe_fake_data"
    (pkg / "geodata").mkdir(parents=True)
    (pkg / "resources").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "LICENSE").write_text("licence of this copy")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("KWE_DATA_DIR", raising=False)
    monkeypatch.setattr(paths, "DATA_PACKAGE", "kwe_fake_data")
    paths.data_root.cache_clear()
    try:
        assert paths.data_root() == pkg
        assert paths.geodata_dir() == pkg / "geodata"
        assert paths.licence_file("LICENSE") == pkg / "LICENSE"
        # The environment variable still wins.
        other = tmp_path / "other"
        (other / "geodata").mkdir(parents=True)
        (other / "resources").mkdir()
        monkeypatch.setenv("KWE_DATA_DIR", str(other))
        paths.data_root.cache_clear()
        assert paths.data_root() == other
    finally:
        paths.data_root.cache_clear()


def test_missing_data_names_every_place_looked_in(tmp_path, monkeypatch):
    monkeypatch.setenv("KWE_DATA_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setattr(paths, "data_candidates", lambda: [tmp_path / "nowhere", tmp_path / "neither"])
    paths.data_root.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="nowhere.*neither"):
            paths.data_root()
    finally:
        paths.data_root.cache_clear()


def test_log_folder_is_the_platforms(monkeypatch, tmp_path):
    monkeypatch.delenv("KWE_LOG_DIR", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setattr(paths.Path, "home", classmethod(lambda cls: tmp_path))
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.log_dir() == tmp_path / "Library" / "Logs" / "korean-war-explorer"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert paths.log_dir() == tmp_path / "Local" / "korean-war-explorer" / "logs"
    monkeypatch.setattr(sys, "platform", "linux")
    assert paths.log_dir() == tmp_path / ".local" / "state" / "korean-war-explorer"
    monkeypatch.setenv("KWE_LOG_DIR", str(tmp_path / "mine"))
    assert paths.log_dir() == tmp_path / "mine"


def test_licence_is_the_gpl_3_declared():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "GPL-3.0-or-later"
    assert set(meta["license-files"]) == {"LICENSE", "THIRD_PARTY_NOTICES.md"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    notices = (ROOT / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8")
    for name in ("Qt", "PySide6", "GSHHG", "WDBII", "matplotlib", "NumPy", "shapely", "pyproj", "Pillow",
                 "FFmpeg", "GNU Lesser General Public License"):
        assert name in notices


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_the_lock_pins_every_dependency_and_the_floors_every_runtime_one():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _names(meta["dependencies"])
    wanted = runtime | set().union(*(_names(v) for v in meta["optional-dependencies"].values()))
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    pinned = {m.group(1).lower() for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", lock, re.M)}
    missing = {n for n in wanted if n not in pinned}
    assert not missing, f"not in requirements/lock.txt (refresh it, see README): {sorted(missing)}"
    floors = (ROOT / "requirements" / "floors.txt").read_text(encoding="utf-8")
    floor = {m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", floors, re.M)}
    assert runtime <= set(floor), sorted(runtime - set(floor))
    # Each floor is the lower bound pyproject.toml declares.
    for req in meta["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", req)
        if m:
            assert floor[m.group(1).lower()].startswith(m.group(2)), req


def test_entry_points_console_and_windowed():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["scripts"]["korean-war-explorer"] == "explorer.cli:main"
    assert meta["gui-scripts"]["korean-war-explorer-gui"] == "explorer.cli:gui_main"
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    assert "setuptools>=77" in build["requires"]
    assert "geopandas" not in " ".join(meta["dependencies"])  # the 'gis' extra


def test_the_gis_stack_and_ffmpeg_are_not_on_the_windows_start_up_path(tmp_path):
    import os
    import subprocess

    code = ("import sys\n"
            "from explorer.qt.app import make_application, open_main_window\n"
            "make_application()\n"
            "w = open_main_window(None)\n"
            "w.show()\n"
            "print(sorted(m for m in ('geopandas', 'pandas', 'pyogrio', 'imageio_ffmpeg') if m in sys.modules))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env,
                          cwd=str(ROOT))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
