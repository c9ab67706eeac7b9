"""The command line: --help, control-at, check-data, and the window screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import build_parser, main

REPO = Path(__file__).resolve().parents[1]


def test_help_lists_every_option_and_subcommand(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in ("--date", "--screenshot", "control-at", "check-data", "--version"):
        assert word in out
    # every registered sub-command is named in the help
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert name in out


def test_control_at_prints_the_side(capsys):
    assert main(["control-at", "--date", "1950-09-01", "--lon", "129.04", "--lat", "35.10"]) == 0
    assert capsys.readouterr().out.strip() == "UN"
    assert main(["control-at", "--date", "1950-09-01", "--lon", "126.98", "--lat", "37.57"]) == 0
    assert capsys.readouterr().out.strip() == "COMMUNIST"
    assert main(["control-at", "--date", "1950-09-01", "--lon", "124.5", "--lat", "36.5"]) == 0
    assert capsys.readouterr().out.strip() == "NONE"


def test_control_at_rejects_a_bad_date(capsys):
    assert main(["control-at", "--date", "1950-13-01", "--lon", "129", "--lat", "35"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_check_data_passes_on_the_bundled_data(capsys):
    assert main(["check-data"]) == 0, capsys.readouterr().out


def test_screenshot_writes_a_1280x800_png(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.run([sys.executable, "-m", "explorer", "--date", "1950-09-15", "--screenshot", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 800)
    # Not a blank window: many distinct colours (sea, land, both sides, text).
    colours = {img.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 20
