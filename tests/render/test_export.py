"""Snapshot export: pixel sizes, vector formats, layout, figure comparisons, atomic writes, CLI.

What the map shows is compared with baselines in ``tests/render/test_map_figures.py``
(text-free renders at a tight tolerance); here a reused page is compared with a
fresh one, on whatever matplotlib runs.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from explorer.render import export as ex
from explorer.render.export import ExportError, SnapshotFigure, export_snapshot, page_for

PAGE = ex.Page(480, 270, 480 / 12.8)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def small_page():
    return page_for(size=(320, 180))


# --------------------------------------------------------------------------- options


def test_presets_and_page_rules():
    assert page_for() == ex.PRESETS["slide"] == ex.Page(1920, 1080, 150)
    assert page_for("a4") == ex.Page(3508, 2480, 300)
    assert page_for("square") == ex.Page(1080, 1080, 150)
    assert page_for(size="800x600").dpi == pytest.approx(600 / 7.2)
    assert page_for(dpi=100) == ex.Page(1280, 720, 100)
    assert page_for(size=(1000, 500), dpi=72) == ex.Page(1000, 500, 72)
    for bad in [dict(preset="poster"), dict(preset="slide", dpi=100), dict(size="12x12"), dict(size="axb"),
                dict(size="1920x1080x3"), dict(dpi=5), dict(size="20000x20000"), dict(size="4000x500")]:
        with pytest.raises(ExportError):
            page_for(**bad)


def test_formats_and_views():
    assert ex.format_for("a/b.PNG") == "png"
    assert ex.format_for("x.svg") == "svg" and ex.format_for("x.pdf") == "pdf"
    with pytest.raises(ExportError, match="must end in"):
        ex.format_for("map.jpg")
    with pytest.raises(ExportError, match="no extension"):
        ex.format_for("map")
    assert ex.parse_view(" Peninsula ") == "peninsula"
    x0, x1, y0, y1 = ex.parse_view("126,37,127.6,38.2")
    assert x1 - x0 == pytest.approx(141_000, rel=0.05)  # 1.6 degrees of longitude at 37-38 N
    assert y1 - y0 == pytest.approx(133_000, rel=0.05)  # 1.2 degrees of latitude
    for bad in ["seoul", "126,37,125,38", "1,2,3", "126,37,127,nan", "126,95,127,96"]:
        with pytest.raises(ExportError):
            ex.parse_view(bad)


def test_titles_come_from_events_then_fronts(chronology):
    events = chronology.events
    s = chronology.state_at("1950-09-15")
    assert ex.snapshot_title("1950-09-15", s, events).startswith("15 September 1950: ")
    assert "Inchon" in ex.headline(s.date, s, events)
    s = chronology.state_at("1951-01-15")
    # No event starts that day: the label of the front recorded that day.
    assert ex.headline(s.date, s, events) == s.record.label
    s = chronology.state_at("1953-07-27")
    assert "rmistice" in ex.headline(s.date, s, events)
    assert ex.snapshot_title("1950-09-15", s, []) == "15 September 1950: " + s.record.label


def test_caption_lists_sources_from_the_catalogue(chronology):
    from explorer.sources.catalogue import Catalogue

    s = chronology.state_at("1950-09-15")
    lines = ex.date_citations(s.date, s, chronology, chronology.events)
    cat = Catalogue.bundled()
    cited = {c["source"] for c in s.record.citations if "source" in c}
    for source in cited:
        assert any(cat.get(source).citation_text() in line for line in lines)
    assert lines[-1].startswith("Maps and histories: ")
    # An interpolated day cites the two recorded fronts around it.
    s = chronology.state_at("1950-09-20")
    assert s.interpolated
    lines = ex.date_citations(s.date, s, chronology, [])
    text = "\n".join(lines)
    records = [chronology.record_on(d) for d in s.between]
    for rec in records:
        for c in rec.citations:
            if "title" in c:
                assert c["title"] in text
            else:
                assert cat.get(c["source"]).citation_text() in text
                assert f"front of {rec.date.day} " in text
    assert ex.date_citations(s.date, s, chronology, [], cat) == lines


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize("preset", ["slide", "a4", "square"])
def test_png_has_exactly_the_preset_size(chronology, tmp_path, preset):
    page = page_for(preset)
    snap = SnapshotFigure(chronology, page)
    snap.set_date("1950-09-15")
    w, h = snap.figure.canvas.get_width_height()
    assert (w, h) == (page.width, page.height)
    # Writing an A4 PNG takes a second; the small custom sizes below write real files.
    if preset == "square":
        out = snap.save(tmp_path / "sq.png")
        with Image.open(out) as im:
            assert im.size == (1080, 1080)
            assert im.info.get("Title", "").startswith("15 September 1950")
            assert "Software" not in im.info


@pytest.mark.parametrize("size", [(640, 360), (500, 500), (333, 517), (1001, 667)])
def test_png_has_exactly_the_asked_size(chronology, tmp_path, size):
    out = export_snapshot(chronology, "1950-11-24", tmp_path / "m.png", page=page_for(size=size))
    with Image.open(out) as im:
        assert im.size == size


def test_svg_is_valid_and_holds_the_title(chronology, tmp_path, small_page):
    out = export_snapshot(chronology, "1950-09-15", tmp_path / "m.svg", page=small_page, caption=True)
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join(t for t in root.itertext())
    assert "15 September 1950:" in texts
    assert "Inchon" in texts
    assert "Sources for this date" in texts and "Weathersby" in texts
    assert "GSHHG" in texts


def test_pdf_is_valid_and_holds_the_title(chronology, tmp_path, small_page):
    out = export_snapshot(chronology, "1950-09-15", tmp_path / "m.pdf", page=small_page)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]
    assert b"15 September 1950" in data  # the document title in the info dictionary
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "15 September 1950" in text and "Inchon" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(out), str(tmp_path / "r")], check=True)
        with Image.open(tmp_path / "r.png") as im:
            arr = np.asarray(im.convert("RGB"))
        want = (small_page.width / small_page.dpi * 40, small_page.height / small_page.dpi * 40)
        assert abs(im.size[0] - want[0]) <= 1 and abs(im.size[1] - want[1]) <= 1  # 12.8 x 7.2 inches
        assert arr.std() > 10  # a drawing, not a blank page


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("preset", ["slide", "square", "portrait"])
def test_layout_keeps_things_apart(chronology, preset):
    page = page_for(size=(600, 900)) if preset == "portrait" else page_for(preset).scaled_to(600)
    snap = SnapshotFigure(chronology, page, caption=True)
    snap.set_date("1950-09-15")
    snap.render_rgba()
    r = snap.figure.canvas.get_renderer()
    fig_box = snap.figure.bbox
    ax_box = snap.mapview.ax.get_window_extent(r)
    outside = [snap.title_text, snap.headline_text, snap.phase_text, snap.status_text, snap.legend,
               snap.credits_text, snap.caption_head, snap.caption_text]
    boxes = [a.get_window_extent(r) for a in outside]
    for a, b in zip(outside, boxes):
        assert fig_box.x0 - 1 <= b.x0 and b.x1 <= fig_box.x1 + 1 and fig_box.y0 - 1 <= b.y0 and b.y1 <= fig_box.y1 + 1, a
        if a is snap.legend and snap.key_in_map:
            # A square or tall page puts the key in a box on the map: wholly inside its frame.
            assert ax_box.x0 <= b.x0 and b.x1 <= ax_box.x1 and ax_box.y0 <= b.y0 and b.y1 <= ax_box.y1
        else:
            assert not b.overlaps(ax_box), f"{a} overlaps the map"
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if boxes[i].width and boxes[j].width:
                assert not boxes[i].overlaps(boxes[j]), (outside[i], outside[j])


def test_scale_bar_is_true_and_north_arrow_points_north(chronology):
    snap = SnapshotFigure(chronology, page_for(size=(800, 450)))
    snap.set_date("1950-09-15")
    x0, x1, _, _ = snap.mapview.view()
    ax_px = snap.mapview.ax.get_window_extent(snap.figure.canvas.get_renderer()).width
    metres_per_px = (x1 - x0) / ax_px
    assert snap.scale_bar_px * metres_per_px == pytest.approx(snap.scale_km * 1000, rel=1e-6)
    # EPSG:5179 is centred on 127.5 E: grid north and true north agree near the middle of Korea.
    assert abs(snap.north_angle) < 1.0
    # A view well east of the central meridian turns the arrow to the west of grid north.
    east = SnapshotFigure(chronology, page_for(size=(400, 400)), view=ex.parse_view("129,35,131,37"))
    east.set_date("1950-09-15")
    assert -3 < east.north_angle < -0.5


def test_scale_box_does_not_cover_korea(chronology):
    import shapely

    for size in [(640, 360), (400, 400)]:
        snap = SnapshotFigure(chronology, page_for(size=size))
        snap.set_date("1950-09-15")
        (bx0, by0), (bx1, by1) = snap._decor_box_px
        inv = snap.mapview.ax.transData.inverted()
        (mx0, my0), (mx1, my1) = inv.transform([(bx0, by0), (bx1, by1)])
        assert shapely.clip_by_rect(chronology.geodata.korea, mx0, my0, mx1, my1).area == 0


@pytest.mark.parametrize("first,then", [("1950-06-25", "1950-09-15"), ("1953-07-27", "1951-01-15")])
def test_a_reused_page_draws_as_a_fresh_one(chronology, first, then):
    """check_figures_equal-style: the page redrawn for another date is that date's page drawn anew.

    Exports and the preview reuse one figure (set_date updates its artists in
    place); nothing of the first date may stay behind.  Text included: both
    sides run on the same matplotlib.
    """
    reused = SnapshotFigure(chronology, PAGE)
    reused.set_date(first)
    reused.render_rgba()
    reused.set_date(then)
    fresh = SnapshotFigure(chronology, PAGE)
    fresh.set_date(then)
    assert np.array_equal(reused.render_rgba(), fresh.render_rgba())


# --------------------------------------------------------------------------- safety


def test_failing_write_leaves_old_file_intact(chronology, tmp_path, monkeypatch, small_page):
    target = tmp_path / "map.png"
    target.write_bytes(b"the old map")

    def full_disk(figure, fh, fmt, dpi, metadata):
        fh.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ex, "_save_figure", full_disk)
    with pytest.raises(ExportError, match="disk is full"):
        export_snapshot(chronology, "1950-09-15", target, page=small_page)
    assert target.read_bytes() == b"the old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


def test_unwritable_or_missing_folder(chronology, tmp_path, monkeypatch, small_page):
    with pytest.raises(ExportError, match="does not exist"):
        export_snapshot(chronology, "1950-09-15", tmp_path / "nope" / "m.png", page=small_page)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        export_snapshot(chronology, "1950-09-15", tmp_path / "file" / "m.png", page=small_page)
    (tmp_path / "sub.png").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_snapshot(chronology, "1950-09-15", tmp_path / "sub.png", page=small_page)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    import explorer.core.atomic as atomic

    monkeypatch.setattr(atomic, "_open_temp", denied)
    with pytest.raises(ExportError, match="permission denied"):
        export_snapshot(chronology, "1950-09-15", tmp_path / "m.png", page=small_page)
    monkeypatch.undo()
    if os.geteuid() != 0:  # root writes anywhere: the monkeypatched case above covers it
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        try:
            with pytest.raises(ExportError, match="permission denied"):
                export_snapshot(chronology, "1950-09-15", ro / "m.png", page=small_page)
        finally:
            ro.chmod(0o755)
    assert not list(tmp_path.glob("**/*.part"))


def test_atomic_write_replaces_and_keeps_permissions(tmp_path):
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")
    target.chmod(0o640)
    ex.atomic_write(target, lambda fh: fh.write(b"new"))
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(RuntimeError):
        ex.atomic_write(target, lambda fh: (_ for _ in ()).throw(RuntimeError("boom")))
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


# --------------------------------------------------------------------------- command line


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def test_cli_export_writes_and_says_where(tmp_path):
    r = _cli("export", "--date", "1950-09-15", "--out", "m.png", "--size", "400x300", "--caption", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "m.png"
    assert f"wrote {out}" in r.stdout
    with Image.open(out) as im:
        assert im.size == (400, 300)


@pytest.mark.parametrize("args, code, message", [
    (["--date", "1950-02-30", "--out", "m.png"], 2, "not a date"),
    (["--date", "1950-09-15", "--out", "m.jpg"], 2, "must end in"),
    (["--date", "1950-09-15", "--out", "m.png", "--size", "big"], 2, "WIDTHxHEIGHT"),
    (["--date", "1950-09-15", "--out", "m.png", "--view", "somewhere"], 2, "peninsula"),
    (["--date", "1950-09-15", "--out", "missing/m.png", "--size", "200x200"], 1, "does not exist"),
])
def test_cli_export_errors(tmp_path, monkeypatch, capsys, args, code, message):
    from explorer.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["export", *args]) == code
    err = capsys.readouterr().err
    assert err.startswith("export: ") and message in err
    assert list(tmp_path.iterdir()) == []


def test_cli_export_full_disk(tmp_path, monkeypatch, capsys):
    from explorer.cli import main

    def full_disk(figure, fh, fmt, dpi, metadata):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ex, "_save_figure", full_disk)
    assert main(["export", "--date", "1950-09-15", "--out", str(tmp_path / "m.png"), "--size", "200x200"]) == 1
    assert "disk is full" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_export_leaves_an_existing_file_alone_unless_told(tmp_path, capsys):
    from explorer.cli import main

    out = tmp_path / "lesson.png"
    out.write_bytes(b"the teacher's own picture")
    assert main(["export", "--date", "1950-09-15", "--out", str(out), "--size", "200x200"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert out.read_bytes() == b"the teacher's own picture"
    assert main(["export", "--date", "1950-09-15", "--out", str(out), "--size", "200x200", "--overwrite"]) == 0
    with Image.open(out) as im:
        assert im.size == (200, 200)


def test_cli_size_options_are_exclusive(tmp_path, capsys):
    from explorer.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["export", "--date", "1950-09-15", "--out", str(tmp_path / "m.png"), "--size", "400x300",
              "--preset", "a4"])
    assert exc.value.code == 2 and "not allowed with" in capsys.readouterr().err


@pytest.mark.parametrize("day,blue,orange", [
    ("1947-06-01", "US occupation zone", "Soviet occupation zone"),
    ("1949-05-01", "South Korea", "North Korea"),
    ("1950-09-15", "UN-held territory", "Communist-held territory"),
    ("1955-06-01", "South Korea", "North Korea"),
])
def test_the_key_names_what_the_colours_are_on_that_day(chronology, day, blue, orange):
    snap = SnapshotFigure(chronology, PAGE)
    snap.set_date("1950-09-15")
    snap.set_date(day)
    texts = [t.get_text() for t in snap.legend.get_texts()]
    assert texts[:2] == [blue, orange]


def test_cli_export_says_when_the_page_shortened_the_citations(tmp_path, capsys):
    from PIL import Image

    from explorer.cli import main

    out = tmp_path / "square.png"
    assert main(["export", "--date", "1950-06-25", "--preset", "square", "--caption", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "description holds them in full" in said
    with Image.open(out) as im:
        assert "Maps and histories:" in im.info["Description"]
    assert main(["export", "--date", "1950-09-15", "--preset", "slide", "--out", str(tmp_path / "s.png")]) == 0
    assert "description" not in capsys.readouterr().out


@pytest.mark.parametrize("preset, caption, before, date", [
    ("slide", True, "1950-10-26", "1951-01-15"),   # the key of 26 Oct slid the view aside
    ("square", False, "1950-09-15", "1951-02-15"),
])
def test_a_kept_figure_shows_a_date_as_a_new_one_does(chronology, preset, caption, before, date):
    """The export dialog keeps its figure from one export to the next: a date must come out as
    it would from a new figure, whatever was exported before (the view, the key, the names)."""
    kept = ex.SnapshotFigure(chronology, ex.PRESETS[preset], caption=caption)
    kept.set_date(before)
    kept.render_rgba()
    kept.set_date(date)
    new = ex.SnapshotFigure(chronology, ex.PRESETS[preset], caption=caption)
    new.set_date(date)
    assert np.array_equal(kept.render_rgba(), new.render_rgba())
