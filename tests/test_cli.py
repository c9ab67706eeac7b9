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


def test_passages_by_place_lists_what_names_pusan(capsys, seeds_dir):
    assert main(["passages", "--place", "Busan", "--sources", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "Pusan" in out and "passage " in out
    assert main(["passages", "--place", "\ubd80\uc0b0", "--sources", str(seeds_dir), "--json"]) == 0
    import json

    got = json.loads(capsys.readouterr().out)
    assert got and all("Pusan" in r["places"] for r in got)
    assert all("page" in r and r["number"] == r["passage"] + 1 for r in got)


def test_passages_numbers_match_the_window_and_export_formats(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("Heading line\n\nOn 15 September 1950 marines landed at Inchon.\n", "utf-8")
    assert main(["passages", "--date", "1950-09-15", "--sources", str(tmp_path)]) == 0
    assert "passage 2" in capsys.readouterr().out
    assert main(["passages", "--date", "1950-09-01", "--to", "1950-09-30", "--sources", str(tmp_path),
                 "--format", "ris"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("TY  - GEN") and "N1  - Passage 2" in out
    assert main(["passages", "--place", "Chemulpo", "--sources", str(tmp_path), "--format", "csv"]) == 0
    assert "Inchon" in capsys.readouterr().out


def test_passages_bad_place_and_missing_sources(capsys, tmp_path):
    assert main(["passages", "--place", "Atlantis", "--sources", str(tmp_path)]) == 2
    assert "not a place the gazetteer knows" in capsys.readouterr().err
    assert main(["passages", "--place", "Pusan"]) == 2
    assert "needs --sources" in capsys.readouterr().err
    assert main(["passages"]) == 2
