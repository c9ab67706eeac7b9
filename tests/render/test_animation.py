"""Animations: frame dates, frame counts in GIF and MP4, frames equal full draws, cancel and failures."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from explorer.render import animation as an
from explorer.render import export as ex
from explorer.render.animation import export_animation, frame_dates, parse_step
from explorer.render.export import ExportCancelled, ExportError, Page
from explorer.war.chronology import format_date

SMALL = Page(320, 180, 25)  # the slide layout, drawn small


def test_parse_step():
    assert parse_step("7d").days == 7 and parse_step("2W").days == 14 and parse_step("event").per_event
    for bad in ["", "0d", "7", "d7", "7m", "week"]:
        with pytest.raises(ExportError):
            parse_step(bad)


def test_frame_dates_end_on_the_last_day(chronology):
    d = frame_dates("1950-06-25", "1950-07-23", "7d")
    assert d == [dt.date(1950, 6, 25) + dt.timedelta(days=7 * k) for k in range(5)]
    d = frame_dates("1950-06-25", "1950-07-25", "1w")
    assert len(d) == 6 and d[-1] == dt.date(1950, 7, 25)
    assert frame_dates("1950-06-25", "1950-06-25", "7d") == [dt.date(1950, 6, 25)]
    whole = frame_dates("1950-06-25", "1953-07-27", "7d")
    assert len(whole) == (dt.date(1953, 7, 27) - dt.date(1950, 6, 25)).days // 7 + 2
    with pytest.raises(ExportError, match="before it starts"):
        frame_dates("1950-07-01", "1950-06-01", "7d")


def test_frame_dates_per_event(chronology):
    events = chronology.events
    got = frame_dates("1950-09-01", "1950-10-31", "event", events)
    want = sorted({e.start for e in events if e.precision in ("day", "range")
                   and dt.date(1950, 9, 1) <= e.start <= dt.date(1950, 10, 31)})
    assert got == want and dt.date(1950, 9, 15) in got
    with pytest.raises(ExportError, match="no event"):
        frame_dates("1950-09-01", "1950-10-31", "event", [])


def test_gif_has_one_frame_per_date_and_each_carries_its_date(chronology, tmp_path):
    seen = []
    out = export_animation(chronology, tmp_path / "a.gif", "1950-06-25", "1950-07-25", "1w", fps=5, page=SMALL,
                           progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 6) for i in range(1, 7)]
    with Image.open(out) as im:
        assert im.n_frames == 6 and im.size == (320, 180)
        assert im.info["loop"] == 0
        im.seek(1)
        assert im.info["duration"] == 200
        frames = []
        for k in range(im.n_frames):
            im.seek(k)
            frames.append(np.asarray(im.convert("RGB")).astype(int))
    # Consecutive frames differ (the date in the title changes at the least).
    assert all(np.abs(a - b).sum() > 0 for a, b in zip(frames, frames[1:]))


def test_composited_frames_equal_full_draws(chronology):
    """Frames after the first are composited; they must look like a full draw of the same date."""
    snap = ex.SnapshotFigure(chronology, Page(640, 360, 50))
    frames = an._Frames(snap, [], None, None)
    frames.render(dt.date(1950, 6, 25))
    for d in (dt.date(1950, 8, 15), dt.date(1950, 11, 24), dt.date(1951, 1, 15)):
        fast = frames.render(d).astype(int)
        full = snap.render_rgba().astype(int)
        diff = np.abs(fast - full).max(axis=2)
        # Only the aliased seam of the territory mask (under the front line) may differ.
        assert (diff > 40).mean() < 0.005, d
        assert snap.title_text.get_text().startswith(f"{d.day} ")


def _no_ffmpeg(monkeypatch) -> None:
    """Neither the bundled ffmpeg nor one on PATH."""
    monkeypatch.delenv("KWE_FFMPEG", raising=False)
    monkeypatch.setattr(an, "bundled_ffmpeg", lambda: None)
    monkeypatch.setattr(an.shutil, "which", lambda name: None)


def test_mp4_uses_the_ffmpeg_of_the_imageio_ffmpeg_wheel_first(monkeypatch, tmp_path):
    import imageio_ffmpeg

    monkeypatch.delenv("KWE_FFMPEG", raising=False)
    system = tmp_path / "bin" / "ffmpeg"
    system.parent.mkdir()
    system.write_text("#!/bin/sh\nexit 1\n")
    system.chmod(0o755)
    monkeypatch.setenv("PATH", str(system.parent))
    assert an.ffmpeg_path() == imageio_ffmpeg.get_ffmpeg_exe()
    # Without the wheel's program, the one on PATH.
    monkeypatch.setattr(an, "bundled_ffmpeg", lambda: None)
    assert an.ffmpeg_path() == str(system)


def test_mp4_with_only_a_system_ffmpeg_on_path(chronology, tmp_path, monkeypatch):
    """The fallback really exports: a 'system' ffmpeg on PATH (the wheel's program, linked there)."""
    import imageio_ffmpeg

    monkeypatch.delenv("KWE_FFMPEG", raising=False)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    name = "ffmpeg.exe" if sys.platform == "win32" else "ffmpeg"
    shutil.copy(imageio_ffmpeg.get_ffmpeg_exe(), bindir / name)
    monkeypatch.setenv("PATH", str(bindir))
    monkeypatch.setattr(an, "bundled_ffmpeg", lambda: None)
    assert an.ffmpeg_path() == str(bindir / name)
    out = export_animation(chronology, tmp_path / "b.mp4", "1950-09-01", "1950-09-15", "7d", fps=2, page=SMALL)
    assert out.read_bytes()[4:8] == b"ftyp"


def test_mp4_frame_count(chronology, tmp_path, monkeypatch):
    # With the ffmpeg of the imageio-ffmpeg wheel (a dependency): no system ffmpeg needed.
    monkeypatch.delenv("KWE_FFMPEG", raising=False)
    monkeypatch.setattr(an.shutil, "which", lambda name: None)
    assert an.ffmpeg_path() is not None
    out = export_animation(chronology, tmp_path / "a.mp4", "1950-09-01", "1950-09-29", "7d", fps=2, page=SMALL)
    assert out.read_bytes()[4:8] == b"ftyp"
    import imageio_ffmpeg

    frames, _secs = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert frames == 5
    reader = imageio_ffmpeg.read_frames(str(out))
    meta = next(reader)
    reader.close()
    assert tuple(meta["size"]) == (320, 180)
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp4"]


def test_mp4_without_ffmpeg_says_so(chronology, tmp_path, monkeypatch):
    _no_ffmpeg(monkeypatch)
    with pytest.raises(ExportError, match="ffmpeg, which is not installed"):
        export_animation(chronology, tmp_path / "a.mp4", "1950-09-01", "1950-09-29", "7d", page=SMALL)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("ext", ["gif", "mp4"])
def test_cancel_leaves_no_file_and_keeps_the_old_one(chronology, tmp_path, ext):
    target = tmp_path / f"a.{ext}"
    target.write_bytes(b"old animation")
    done = []
    with pytest.raises(ExportCancelled):
        export_animation(chronology, target, "1950-06-25", "1950-09-25", "7d", page=SMALL,
                         progress=lambda d, n: done.append(d), cancel=lambda: len(done) >= 3)
    assert len(done) == 3
    assert target.read_bytes() == b"old animation"
    assert [p.name for p in tmp_path.iterdir()] == [f"a.{ext}"]


def test_failing_write_leaves_nothing(chronology, tmp_path, monkeypatch):
    def full_disk(fh, frames, fps, cancel):
        for _ in frames:
            pass
        fh.write(b"GIF89a partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(an, "_write_gif", full_disk)
    with pytest.raises(ExportError, match="disk is full"):
        export_animation(chronology, tmp_path / "a.gif", "1950-06-25", "1950-07-09", "7d", page=SMALL)
    assert list(tmp_path.iterdir()) == []


def test_bad_options(chronology, tmp_path):
    for kwargs, message in [(dict(path=tmp_path / "a.avi"), "must end in"), (dict(fps=0), "frames per second"),
                            (dict(step="3x"), "step"), (dict(path=tmp_path / "no" / "a.gif"), "does not exist")]:
        args = dict(path=tmp_path / "a.gif", start="1950-06-25", end="1950-07-09", step="7d", fps=4, page=SMALL)
        args.update(kwargs)
        with pytest.raises(ExportError, match=message):
            export_animation(chronology, **args)
    assert list(tmp_path.iterdir()) == []


def test_cli_export_animation(tmp_path, monkeypatch, capsys):
    from explorer.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["export-animation", "--from", "1950-06-25", "--to", "1950-07-09", "--step", "7d", "--fps", "3",
                 "--out", "a.gif", "--size", "320x180"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {tmp_path / 'a.gif'} (3 frames of 320x180")
    with Image.open(tmp_path / "a.gif") as im:
        assert im.n_frames == 3
    assert main(["export-animation", "--from", "1950-07-09", "--to", "1950-06-25", "--out", "b.gif"]) == 2
    assert "before it starts" in capsys.readouterr().err
    assert main(["export-animation", "--from", "1950-06-25", "--to", "1950-07-09", "--step", "soon",
                 "--out", "b.gif"]) == 2
    assert "export-animation: the step" in capsys.readouterr().err
    _no_ffmpeg(monkeypatch)
    assert main(["export-animation", "--from", "1950-06-25", "--to", "1950-07-09", "--out", "b.mp4"]) == 1
    assert "ffmpeg, which is not installed" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gif"]


def test_cli_export_animation_leaves_an_existing_file_alone(tmp_path, capsys):
    from explorer.cli import main

    out = tmp_path / "war.gif"
    out.write_bytes(b"last week's animation")
    assert main(["export-animation", "--from", "1950-06-25", "--to", "1950-07-09", "--out", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert out.read_bytes() == b"last week's animation"


def test_gif_keeps_the_sea_landing_arrow_colour(chronology, tmp_path):
    """The first frame has no landing; the Inchon frame's sea-blue arrow keeps its colour (not a grey-blue)."""
    import numpy as np
    from matplotlib.colors import to_rgb
    from PIL import Image

    from explorer.render import style
    from explorer.render.animation import export_animation
    from explorer.render.layers.marks import ARROW_ALPHA
    from explorer.render.page import Page

    out = tmp_path / "inchon.gif"
    export_animation(chronology, out, "1950-09-10", "1950-09-15", "5d", fps=2, page=Page(960, 540, 75))
    a, u = np.array(to_rgb(style.ARROW_SEA)), np.array(to_rgb(style.SEA))
    arrow = np.round((ARROW_ALPHA * a + (1 - ARROW_ALPHA) * u) * 255).astype(int)
    with Image.open(out) as im:
        im.seek(1)
        rgb = np.asarray(im.convert("RGB")).astype(int)
    assert int(np.all(rgb == arrow, axis=-1).sum()) > 50


def _name_boxes(snap) -> list[tuple[int, int, int, int]]:
    """Buffer boxes (r0, r1, c0, c1) of the map's visible static names, as drawn now."""
    mv = snap.mapview
    h = int(snap.figure.bbox.height)
    r = snap.figure.canvas.get_renderer()
    boxes = []
    for t in [*mv.labels.static_town_labels, *mv.labels.river_labels, mv.labels.parallel_label]:
        if t.get_visible():
            e = t.get_window_extent(r)
            boxes.append((max(h - int(e.y1), 0), h - int(e.y0), max(int(e.x0), 0), int(e.x1)))
    return boxes


def test_frames_whose_names_moved_show_the_names_where_a_full_draw_puts_them(chronology):
    """An animation's names move round each week's arrows; the frames where they move are
    composited with the names rendered again (not the map): they look like a full draw of the
    page, names included, and no name is left where it was the frame before."""
    dates = an.frame_dates("1950-09-01", "1950-12-31", "7d")
    snap = an.animation_figure(chronology, dates, Page(800, 450, 60), events=chronology.events)
    # The full draws are made on a page of their own that steps through the same dates (a full
    # draw on the animation's own page would repair what the composite left behind).
    reference = an.animation_figure(chronology, dates, Page(800, 450, 60), events=chronology.events)
    frames = an._Frames(snap, dates, None, None)
    moved = []
    before_boxes: list = []
    for d in dates:
        version = snap.static_version
        fast = frames.render(d).astype(int)
        comp = frames._compositor
        assert comp is not None and comp.names_apart
        boxes = _name_boxes(snap)
        reference.set_date(d)
        assert _name_boxes(reference) == boxes
        full = reference.render_rgba().astype(int)
        diff = np.abs(fast - full).max(axis=2)
        assert (diff > 40).mean() < 0.005, d  # the composited seam under the front line
        if version != snap.static_version and before_boxes:
            moved.append(d)
            # Where a name stood the frame before and stands no longer, the frame is what a full
            # draw shows there: no ghost of the old name (its halo or its letters) is left.
            gone = [b for b in before_boxes if b not in boxes]
            for r0, r1, c0, c1 in gone:
                assert (diff[r0:r1, c0:c1] > 40).mean() < 0.05, (d, (r0, r1, c0, c1))
            # And the names where they are now are the full draw's, letter for letter.
            for r0, r1, c0, c1 in boxes:
                assert (diff[r0:r1, c0:c1] > 40).mean() < 0.05, (d, (r0, r1, c0, c1))
        before_boxes = boxes
    assert len(moved) >= 2  # the names did move on some frames (else this tests nothing)


def test_every_frame_shows_its_own_date_and_texts_as_a_new_page_would(chronology):
    """Weeks with the same headline, phase and status (the Battle of Triangle Hill, October 1952):
    each frame still shows its own date, and its texts (wrapped to the column) and their pixels
    are those of a new page showing that date alone.  (The date once stayed at the first of such
    weeks, and the status ran off the page unwrapped.)"""
    page = Page(1280, 720, 100)
    dates = an.frame_dates("1952-10-05", "1952-11-09", "7d")
    snap = an.animation_figure(chronology, dates, page, events=chronology.events)
    frames = an._Frames(snap, dates, None, None)
    headlines = set()
    for d in dates:
        img = frames.render(d).astype(int)
        fresh = an.animation_figure(chronology, dates, page, events=chronology.events)
        fresh.set_date(d)
        texts = [t.get_text() for t in (snap.title_text, snap.headline_text, snap.phase_text, snap.status_text)]
        assert texts == [t.get_text() for t in (fresh.title_text, fresh.headline_text, fresh.phase_text,
                                                fresh.status_text)], d
        assert texts[0] == format_date(d)
        headlines.add(texts[1])
        box = snap.dated_text_bbox()
        h = img.shape[0]
        r0, r1, c0, c1 = h - int(box.y1), h - int(box.y0), int(box.x0), int(box.x1)
        diff = np.abs(img - fresh.render_rgba().astype(int))[r0:r1, c0:c1].max(axis=2)
        assert (diff > 40).sum() == 0, d
    assert len(headlines) < len(dates)  # weeks with one headline (else this tests less than it says)


def test_a_dated_name_past_koreas_bounds_leaves_nothing_behind(chronology):
    """Heartbreak Ridge is named from September 1951, by the east coast: its name reaches past
    the box of Korea a composite redoes.  Every frame must still be what a full draw shows (a
    sliver of its halo, drawn again and again over itself, once stayed beside it for the rest of
    the war)."""
    page = Page(1280, 720, 100)
    dates = an.frame_dates("1951-09-16", "1951-11-04", "7d")
    snap = an.animation_figure(chronology, dates, page, events=chronology.events)
    reference = an.animation_figure(chronology, dates, page, events=chronology.events)
    frames = an._Frames(snap, dates, None, None)
    for d in dates:
        fast = frames.render(d).astype(int)
        reference.set_date(d)
        full = reference.render_rgba().astype(int)
        assert int((np.abs(fast - full).max(axis=2) > 40).sum()) == 0, d
    assert any(t.get_visible() and t.get_text() == "Heartbreak Ridge" for t in snap.mapview.labels.dated_labels)


def test_a_compositor_with_names_apart_draws_what_one_with_names_in_its_renders_draws(chronology):
    """Keeping the names' halos out of the cached renders (an animation's compositor) changes
    nothing that shows: the same frames as the window's compositor, within the blending's rounding."""
    from explorer.render.compositor import TerritoryCompositor

    snaps = [ex.SnapshotFigure(chronology, Page(800, 450, 60)) for _ in range(2)]
    comps = [TerritoryCompositor(s.mapview, names_apart=apart) for s, apart in zip(snaps, (False, True))]
    for d in ("1950-08-15", "1950-11-24", "1951-04-22"):
        out = []
        for s, c in zip(snaps, comps):
            s.set_date(d)
            c.compose(s.mapview.state)
            out.append(np.asarray(s.figure.canvas.buffer_rgba()).astype(int))
        diff = np.abs(out[0] - out[1]).max(axis=2)
        assert diff.max() <= 3, d


def test_the_gif_is_written_frame_by_frame_as_pillow_would_write_the_list(tmp_path, monkeypatch):
    """Frames written as they come: a frame like the one before lasts longer, a changed one is
    written as its changed rectangle with the unchanged pixels in it transparent, and read back
    every frame is whole, with its duration."""
    from PIL import GifImagePlugin, Image

    rng = np.random.default_rng(5)
    colours = list(dict.fromkeys(tuple(int(v) for v in c) for c in rng.integers(0, 256, (100, 3))))
    first = Image.fromarray(rng.integers(0, 256, (30, 30, 3), dtype=np.uint8), "RGB")
    palette = an.gif_palette(first, colours)
    lut = np.array(palette.getpalette()[:768], dtype=np.uint8).reshape(256, 3)
    # The transparent entry repeats the first colour.
    assert tuple(int(v) for v in lut[an.TRANSPARENT]) == colours[0]

    def rgba(ix: np.ndarray) -> np.ndarray:
        out = np.full(ix.shape + (4,), 255, dtype=np.uint8)
        out[..., :3] = np.array(colours, dtype=np.uint8)[ix]
        return out

    a = rng.integers(0, len(colours), (40, 60))
    a[0, 0] = 0  # the colour the transparent entry repeats is drawn with its own index
    a[a == 7] = 8
    b = a.copy()
    b[10:15, 20:33] = 7
    b[12, 25] = a[12, 25]  # a pixel inside the changed rectangle that did not change
    c = b.copy()
    c[39, 0] = (b[39, 0] + 1) % len(colours)
    written = []
    getdata = GifImagePlugin.getdata
    monkeypatch.setattr(GifImagePlugin, "getdata",
                        lambda im, at, **kw: written.append((np.asarray(im), at, kw)) or getdata(im, at, **kw))
    path = tmp_path / "s.gif"
    with open(path, "wb") as fh:
        stream = an._GifStream(fh, palette, 200, colours)
        for frame in (a, a, b, c, c):
            stream.add(rgba(frame))
        stream.close(1500)
    im = Image.open(path)
    assert im.n_frames == 3 and im.info.get("loop") == 0
    durations = []
    for k in range(im.n_frames):
        im.seek(k)
        durations.append(im.info["duration"])
    # As save_all(duration=[200, 200, 200, 200, 1500]) merges them: the last two frames, alike,
    # are one lasting 200 + 1500 ms.
    assert durations == [400, 200, 1700]
    for k, want in enumerate((a, b, c)):
        im.seek(k)
        assert np.array_equal(np.asarray(im.convert("RGB")), rgba(want)[..., :3]), k
    # What was written: the first frame whole, with no transparent pixel; then the changed
    # rectangles, the pixel that stayed inside frame 1's written transparent.
    assert [(part.shape, at) for part, at, _ in written] == [((40, 60), (0, 0)), ((5, 13), (20, 10)),
                                                             ((1, 1), (0, 39))]
    assert [kw.get("transparency") for _, _, kw in written] == [None, an.TRANSPARENT, an.TRANSPARENT]
    assert not (written[0][0] == an.TRANSPARENT).any()
    assert np.flatnonzero(written[1][0].ravel() == an.TRANSPARENT).tolist() == [2 * 13 + 5]
