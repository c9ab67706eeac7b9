"""The lesson file format: round trip, clear messages for bad files, orphaned passages."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sources.anchors import Citation
from explorer.sources.passages import segment
from explorer.state.lesson import (
    FORMAT_VERSION,
    Lesson,
    LessonError,
    Stop,
    builtin_lessons,
    find_lesson,
    lesson_from_json,
    lesson_to_json,
    load_lesson,
    note_paragraphs,
    orphaned_passages,
    save_lesson,
)
from explorer.state.viewstate import LAYERS

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _doc(**stop):
    base = {"date": "1950-09-15", "title": "Inchon"}
    base.update(stop)
    return {"format": "korean-war-explorer-lesson", "version": 1, "title": "T", "stops": [base]}


def _write(tmp_path, data, name="l.kwelesson"):
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(lambda s: s.strip())
_quote = st.lists(st.sampled_from(["Seoul", "fell", "on", "the", "28th", "marines", "Naktong"]), min_size=1,
                  max_size=9).map(" ".join)
_stop = st.builds(
    Stop,
    date=st.dates(dt.date(1945, 8, 15), dt.date(1999, 12, 31)),
    title=_text,
    note=st.text(max_size=200),
    view=st.one_of(st.sampled_from(["peninsula", "action"]),
                   st.tuples(st.floats(124, 126), st.floats(34, 36), st.floats(127, 130), st.floats(37, 42))),
    layers=st.one_of(st.none(), st.lists(st.sampled_from(LAYERS), unique=True).map(tuple)),
    passages=st.lists(st.builds(Citation, source=st.sampled_from(["a", "b"]), quote=_quote,
                                passage=st.one_of(st.none(), st.integers(0, 500)),
                                fingerprint=st.one_of(st.none(), st.just("0123456789abcdef"))),
                      max_size=3).map(tuple),
)
_lesson = st.builds(Lesson, title=_text, author=st.text(max_size=30), description=st.text(max_size=60),
                    stops=st.lists(_stop, min_size=1, max_size=5).map(tuple))


@settings(max_examples=60, deadline=None)
@given(_lesson)
def test_the_format_round_trips(lesson):
    assert lesson_from_json(json.loads(json.dumps(lesson_to_json(lesson)))) == lesson


def test_save_and_load_a_file(tmp_path):
    lesson = Lesson("Summer", "A. Teacher", "", (Stop(dt.date(1950, 9, 15), "Inchon", "The *landing*.", "action"),))
    path = save_lesson(lesson, tmp_path / "summer.kwelesson")
    assert load_lesson(path) == lesson
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == FORMAT_VERSION


def test_damaged_file_names_the_file_and_says_so(tmp_path):
    p = _write(tmp_path, '{"format": "korean-war-explorer-lesson", "version": 1, "title": "T", "stops": [')
    with pytest.raises(LessonError, match=r"l\.kwelesson: damaged, not valid JSON"):
        load_lesson(p)
    p2 = _write(tmp_path, "", "empty.kwelesson")
    with pytest.raises(LessonError, match="empty.kwelesson: damaged"):
        load_lesson(p2)
    p3 = tmp_path / "bin.kwelesson"
    p3.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LessonError, match="not UTF-8"):
        load_lesson(p3)


def test_unknown_field_is_named(tmp_path):
    p = _write(tmp_path, _doc(colour="red"))
    with pytest.raises(LessonError, match=r"stops\[0\] has an unknown field 'colour'"):
        load_lesson(p)
    doc = _doc()
    doc["theme"] = "dark"
    with pytest.raises(LessonError, match="unknown field 'theme'"):
        lesson_from_json(doc)


def test_stop_outside_the_timeline(tmp_path):
    p = _write(tmp_path, _doc(date="2003-03-20", title="Iraq"))
    with pytest.raises(LessonError, match=r"'Iraq'\) is dated 20 March 2003, outside the timeline"):
        load_lesson(p)
    with pytest.raises(LessonError, match="not a real day"):
        lesson_from_json(_doc(date="1950-02-30"))


def test_newer_version_is_refused_and_the_file_kept(tmp_path):
    data = _doc()
    data["version"] = 7
    data["slides"] = []
    p = _write(tmp_path, data)
    before = p.read_bytes()
    with pytest.raises(LessonError, match="newer Korean War Explorer.*format 7.*not changed"):
        load_lesson(p)
    assert p.read_bytes() == before


@pytest.mark.parametrize("stop, message", [
    ({"view": "zoomed"}, r"stops\[0\]\.view"),
    ({"view": [130, 34, 125, 38]}, "west < east"),
    ({"layers": ["territory", "dragons"]}, "unknown layer.*'dragons'"),
    ({"passages": [{"source": "x", "quote": "one two three four five six seven eight nine ten eleven"}]},
     "more than 9"),
    ({"date": "15 Sept 1950"}, "not in the form"),
    ({"title": ""}, r"stops\[0\]\.title is empty"),
])
def test_bad_stops_give_their_message(stop, message):
    with pytest.raises(LessonError, match=message):
        lesson_from_json(_doc(**stop), source="my.kwelesson")


def test_missing_stops_and_wrong_format():
    with pytest.raises(LessonError, match="lacks the field 'stops'"):
        lesson_from_json({"format": "korean-war-explorer-lesson", "version": 1, "title": "T"})
    with pytest.raises(LessonError, match="format must be"):
        lesson_from_json({"format": "something-else", "version": 1, "title": "T", "stops": []})


def test_orphaned_passage_is_reported_not_reattached():
    text = ("Seoul fell on 28 June 1950 after three days of fighting north of the city.\n\n"
            "The marines landed at Inchon on 15 September 1950 on the evening tide.\n")
    passages = segment("doc", text)
    found = Citation("doc", "marines landed at Inchon", 1, passages[1].fingerprint)
    gone = Citation("doc", "tanks crossed the Imjin at dawn", 0, "ffffffffffffffff")
    lesson = Lesson("T", stops=(Stop(dt.date(1950, 9, 15), "Inchon", passages=(found, gone)),))
    orphans = orphaned_passages(lesson, {"doc": passages})
    assert [(i, c.quote) for i, c, _ in orphans] == [(0, "tanks crossed the Imjin at dawn")]
    assert orphans[0][2].status == "orphaned"


def test_note_emphasis_and_paragraphs():
    assert note_paragraphs("A *b* **c**\nd\n\n  e ") == [[("A ", ""), ("b", "em"), (" ", ""), ("c", "strong"),
                                                        (" d", "")], [("e", "")]]
    assert note_paragraphs("") == []


def test_builtin_lessons_are_valid_and_found_by_name():
    lessons = builtin_lessons()
    assert set(lessons) == {"The Korean War in twelve maps", "Summer to winter 1950"}
    twelve = load_lesson(find_lesson("the korean war in twelve maps"))
    assert len(twelve.stops) == 12
    assert [s.date for s in twelve.stops] == sorted(s.date for s in twelve.stops)
    summer = load_lesson(find_lesson("Summer to winter 1950"))
    assert 8 <= len(summer.stops) <= 10
    assert summer.stops[0].date == dt.date(1950, 6, 25) and summer.stops[-1].date.month == 12
    with pytest.raises(LessonError, match="built-in"):
        find_lesson("A lesson nobody wrote")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_builtin_lessons_pinned_passages_resolve_in_the_seeds():
    from explorer.sources.library import SourceLibrary

    by_source = SourceLibrary.load(SEEDS).passages_by_source()
    for path in builtin_lessons().values():
        lesson = load_lesson(path)
        assert sum(len(s.passages) for s in lesson.stops) >= 5
        assert orphaned_passages(lesson, by_source) == []


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "explorer", "lesson", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def test_cli_list_and_check(tmp_path):
    out = _cli("list")
    assert out.returncode == 0
    assert "The Korean War in twelve maps  (12 stops" in out.stdout
    bad = _write(tmp_path, _doc(date="1944-01-01"))
    res = _cli("check", str(bad))
    assert res.returncode == 1 and "outside the timeline" in res.stderr and str(bad) in res.stderr
    ok = _cli("check", "Summer to winter 1950")
    assert ok.returncode == 0 and "a valid lesson" in ok.stdout


def _stop(day, title="s"):
    return Stop(dt.date(1950, 9, day), title)


def test_every_edit_undoes_and_redoes():
    from explorer.state.lesson import LessonEditor

    ed = LessonEditor()
    seen = []
    ed.connect(lambda: seen.append(len(ed.lesson.stops)))
    history = [ed.lesson]
    ed.add_stop(_stop(15, "Inchon"))
    history.append(ed.lesson)
    ed.add_stop(_stop(28, "Seoul"))
    history.append(ed.lesson)
    ed.add_stop(_stop(1, "Perimeter"), 0)
    history.append(ed.lesson)
    ed.move_stop(0, 2)
    history.append(ed.lesson)
    assert [s.title for s in ed.lesson.stops] == ["Inchon", "Seoul", "Perimeter"]
    ed.update_stop(1, title="Seoul retaken", note="*Street* fighting.")
    history.append(ed.lesson)
    ed.duplicate_stop(1)
    history.append(ed.lesson)
    assert ed.pin_passage(0, Citation("doc", "marines landed", 3, "abcd"))
    assert not ed.pin_passage(0, Citation("doc", "marines landed", 3, "abcd"))
    history.append(ed.lesson)
    ed.remove_stop(3)
    history.append(ed.lesson)
    ed.set_title("Autumn 1950")
    history.append(ed.lesson)
    assert ed.undo_text == "Rename lesson" and ed.modified
    for expected in reversed(history[:-1]):
        assert ed.undo()
        assert ed.lesson == expected
    assert not ed.undo() and not ed.modified
    for expected in history[1:]:
        assert ed.redo()
        assert ed.lesson == expected
    assert not ed.redo()
    assert len(seen) == 2 * (len(history) - 1) + len(history) - 1
    ed.undo()
    ed.add_stop(_stop(20))
    assert ed.redo_text is None


def test_editor_saves_atomically_and_follows_the_date(tmp_path):
    from explorer.state.lesson import LessonEditor

    ed = LessonEditor()
    with pytest.raises(LessonError, match="no file yet"):
        ed.save()
    with pytest.raises(LessonError, match="at least one stop"):
        ed.save(tmp_path / "x")
    for day in (1, 15, 28):
        ed.add_stop(_stop(day))
    path = ed.save(tmp_path / "autumn")
    assert path.name == "autumn.kwelesson" and not ed.modified
    assert load_lesson(path) == ed.lesson
    assert ed.stop_for_date(dt.date(1950, 9, 15)) == 1
    assert ed.stop_for_date(dt.date(1950, 9, 20)) == 1
    assert ed.stop_for_date(dt.date(1950, 8, 20)) is None
    other = LessonEditor()
    other.open(path)
    assert other.lesson == ed.lesson and other.undo_text is None


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["format", "version", "title", "stops", "date", "view", "layers", "passages", "note",
                         "source", "quote", "x"]), children, max_size=6),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_any_json_gives_a_lesson_or_a_clear_error(data):
    try:
        lesson = lesson_from_json(data, source="fuzz.kwelesson")
    except LessonError as exc:
        assert str(exc).startswith("fuzz.kwelesson: ")
    else:
        assert lesson.stops


