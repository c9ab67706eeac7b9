"""A lesson handed out: the deck, the handout and the movie."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PIL import Image

from explorer.render.animation import ffmpeg_path
from explorer.render.lesson_export import export_lesson, lesson_export_kind
from explorer.render.page import ExportCancelled, ExportError
from explorer.sources.catalogue import Catalogue
from explorer.state.lesson import Lesson, Stop, builtin_lessons, load_lesson


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture(scope="module")
def small_lesson():
    return Lesson("Autumn 1950", "A. Teacher", "", (
        Stop(dt.date(1950, 9, 15), "Inchon", "The *landing*.", "peninsula"),
        Stop(dt.date(1950, 9, 28), "Seoul", "Retaken.", (125.5, 36.5, 128.5, 38.5)),
        Stop(dt.date(1950, 10, 19), "Pyongyang", "", "peninsula", ("territory", "front", "towns")),
    ))


def test_deck_has_a_title_page_a_page_per_stop_and_a_sources_page(chronology, tmp_path, small_lesson):
    out = export_lesson(chronology, small_lesson, tmp_path / "deck.pdf", catalogue=Catalogue.bundled())
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert _pages(data) == len(small_lesson.stops) + 2


def test_handout_has_two_stops_a_page(chronology, tmp_path, small_lesson):
    out = export_lesson(chronology, small_lesson, tmp_path / "class-handout.pdf")
    assert lesson_export_kind(out) == "handout"
    assert _pages(out.read_bytes()) == 2


def test_builtin_deck_page_count(chronology, tmp_path):
    lesson = load_lesson(builtin_lessons()["Summer to winter 1950"])
    out = export_lesson(chronology, lesson, tmp_path / "summer.pdf")
    assert _pages(out.read_bytes()) == len(lesson.stops) + 2


def test_gif_moves_through_the_stops(chronology, tmp_path, small_lesson):
    seen = []
    out = export_lesson(chronology, small_lesson, tmp_path / "lesson.gif", size=(480, 270), fps=2, hold_s=1,
                        move_s=1, progress=lambda d, t: seen.append((d, t)))
    total = 3 * 2 + 2 * 2  # three stops held 2 frames, two moves of 2 frames
    assert seen[-1] == (total, total)
    with Image.open(out) as im:
        assert im.size == (480, 270)
        durations = []
        for i in range(im.n_frames):
            im.seek(i)
            durations.append(im.info["duration"])
    # Identical held frames may be merged by the GIF writer; the time shown is what counts.
    assert sum(durations) >= total * 500


@pytest.mark.skipif(ffmpeg_path() is None, reason="no ffmpeg")
def test_mp4(chronology, tmp_path, small_lesson):
    out = export_lesson(chronology, small_lesson, tmp_path / "lesson.mp4", size=(480, 270), fps=2, hold_s=1,
                        move_s=0.5)
    assert out.read_bytes()[4:8] == b"ftyp"


def test_cancel_and_bad_names_leave_nothing(chronology, tmp_path, small_lesson):
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"my old deck")
    with pytest.raises(ExportCancelled):
        export_lesson(chronology, small_lesson, target, cancel=lambda: True)
    assert target.read_bytes() == b"my old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pdf"]
    with pytest.raises(ExportError, match="as .pdf"):
        export_lesson(chronology, small_lesson, tmp_path / "deck.docx")
    with pytest.raises(ExportError, match="no stop"):
        export_lesson(chronology, Lesson("Empty"), tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="written as .pdf"):
        lesson_export_kind(tmp_path / "x.gif", "deck")


def test_movie_caption_dates_follow_the_map(chronology, small_lesson):
    from explorer.core.dates import format_date
    from explorer.render.lesson_export import _MovieFrames

    frames = _MovieFrames(chronology, small_lesson, (320, 180), 2, 0.5, 2, None, "wartime", None, None, None)
    shown = []
    for _ in frames:
        shown.append((frames._date_text.get_text(), frames.map.mapview.state.date))
    assert all(text == format_date(d) for text, d in shown)
    days = [d for _, d in shown]
    assert days == sorted(days) and days[0] == small_lesson.stops[0].date and days[-1] == small_lesson.stops[-1].date
    assert any(small_lesson.stops[0].date < d < small_lesson.stops[1].date for d in days)
