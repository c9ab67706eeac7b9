"""Lessons: the war told as an ordered sequence of maps.

A lesson file (``.kwelesson``, UTF-8 JSON) holds a title, an author, an optional
description and ordered *stops*. A stop is a date, a view of the map (the whole
peninsula, "frame the action", or a box in degrees), the layers shown, a title, a
note in the teacher's words and optionally pinned passages of the sources, kept
as anchored citations (:class:`explorer.sources.anchors.Citation`) so they
survive a source being edited, and are reported when orphaned.

The format is versioned (``"version": 1``) and described by
``resources/schemas/lesson.schema.json``, which :func:`load_lesson` applies to
every file it reads: a damaged file, an unknown field, a stop outside the
timeline or a newer version gives a :class:`LessonError` that names the file
and the problem; the file itself is never touched. :func:`save_lesson` writes
atomically.

>>> lesson = Lesson("Summer 1950", stops=(Stop(dt.date(1950, 9, 15), "Inchon"),))
>>> lesson_from_json(lesson_to_json(lesson)) == lesson
True
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from explorer.core.atomic import atomic_write_text
from explorer.core.dates import format_date, parse_iso
from explorer.core.paths import resources_dir
from explorer.sources.anchors import Citation, Resolution, resolve
from explorer.sources.passages import Passage
from explorer.state.viewstate import LAYERS
from explorer.war.chronology import TIMELINE_END, TIMELINE_START

__all__ = [
    "FORMAT_ID", "FORMAT_VERSION", "LESSON_SUFFIX", "Lesson", "LessonError", "Stop", "View",
    "builtin_lessons", "find_lesson", "lesson_from_json", "lesson_to_json", "load_lesson",
    "LessonEditor", "citation_for", "lesson_from_events", "note_paragraphs", "orphaned_passages", "save_lesson", "schema",
]

LESSON_SUFFIX = ".kwelesson"
FORMAT_ID = "korean-war-explorer-lesson"
FORMAT_VERSION = 1

#: ``"peninsula"``, ``"action"`` or (west, south, east, north) in degrees.
View = str | tuple[float, float, float, float]


class LessonError(ValueError):
    """A lesson cannot be read or is not valid; the message names the file and the problem."""


@dataclass(frozen=True)
class Stop:
    """One stop of a lesson.

    Attributes
    ----------
    date : datetime.date
        The day the map shows.
    title : str
        A few words, shown large.
    note : str
        The teacher's words; ``*emphasis*`` and ``**strong**``; a blank line
        starts a paragraph.
    view : str or tuple
        ``"peninsula"``, ``"action"`` or (west, south, east, north) in degrees.
    layers : tuple of str or None
        Layers shown; ``None`` keeps the window's.
    passages : tuple of Citation
        Pinned passages, as anchors.
    """

    date: dt.date
    title: str
    note: str = ""
    view: View = "peninsula"
    layers: tuple[str, ...] | None = None
    passages: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Lesson:
    """A titled, ordered sequence of :class:`Stop`."""

    title: str
    author: str = ""
    description: str = ""
    stops: tuple[Stop, ...] = field(default_factory=tuple)

    def with_stops(self, stops: Iterable[Stop]) -> Lesson:
        """A copy with other stops."""
        return replace(self, stops=tuple(stops))


# --------------------------------------------------------------------------- schema


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the format (``resources/schemas/lesson.schema.json``)."""
    with open(resources_dir() / "schemas" / "lesson.schema.json", encoding="utf-8") as fh:
        return json.load(fh)


_TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool,
}


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return isinstance(value, _TYPES[kind])


def _where(path: Sequence[str | int]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out or "the file"


def _check(value: Any, sch: Mapping[str, Any], path: list[str | int], problems: list[str]) -> None:
    """Apply the subset of JSON Schema the lesson schema uses; append readable problems."""
    where = _where(path)
    if "const" in sch and value != sch["const"]:
        problems.append(f"{where} must be {sch['const']!r}")
        return
    if "enum" in sch and "type" not in sch and value not in sch["enum"]:
        problems.append(f"{where} must be one of {', '.join(map(repr, sch['enum']))}")
        return
    if "oneOf" in sch:
        matches = 0
        for alt in sch["oneOf"]:
            sub: list[str] = []
            _check(value, alt, path, sub)
            matches += not sub
        if matches != 1:
            problems.append(f"{where}: {sch.get('description', 'not a valid value')}")
        return
    kind = sch.get("type")
    if kind and not _type_ok(value, kind):
        problems.append(f"{where} must be {'an' if kind[0] in 'aeiou' else 'a'} {kind}")
        return
    if kind == "object":
        props = sch.get("properties", {})
        for key in sch.get("required", ()):
            if key not in value:
                problems.append(f"{where} lacks the field {key!r}")
        for key, item in value.items():
            if key in props:
                _check(item, props[key], [*path, key], problems)
            elif sch.get("additionalProperties") is False:
                known = ", ".join(sorted(props))
                problems.append(f"{where} has an unknown field {key!r} (known: {known})")
    elif kind == "array":
        if len(value) < sch.get("minItems", 0):
            problems.append(f"{where} needs at least {sch['minItems']} item(s)")
        if "maxItems" in sch and len(value) > sch["maxItems"]:
            problems.append(f"{where} has more than {sch['maxItems']} items")
        items = sch.get("items")
        if items:
            for i, item in enumerate(value):
                _check(item, items, [*path, i], problems)
    elif kind == "string":
        if len(value) < sch.get("minLength", 0):
            problems.append(f"{where} is empty")
        if "maxLength" in sch and len(value) > sch["maxLength"]:
            problems.append(f"{where} is longer than {sch['maxLength']} characters")
        if "pattern" in sch and not re.search(sch["pattern"], value):
            problems.append(f"{where} is not in the form the format needs ({value!r})")
    elif kind in ("integer", "number"):
        if "minimum" in sch and value < sch["minimum"]:
            problems.append(f"{where} must be at least {sch['minimum']}")


# --------------------------------------------------------------------------- JSON


def _view_from_json(value: Any) -> View:
    if isinstance(value, str):
        return value
    w, s, e, n = (float(v) for v in value)
    return (w, s, e, n)


def lesson_from_json(data: Any, *, source: str = "the lesson") -> Lesson:
    """Build a :class:`Lesson` from parsed JSON, checking it against the schema.

    Parameters
    ----------
    data
        The parsed JSON document.
    source
        How to name the document in messages (its file name).

    Raises
    ------
    LessonError
        Naming *source* and every problem found.
    """
    if isinstance(data, dict) and data.get("format") == FORMAT_ID and isinstance(data.get("version"), int) \
            and not isinstance(data.get("version"), bool) and data["version"] > FORMAT_VERSION:
        raise LessonError(f"{source}: written by a newer Korean War Explorer (lesson format {data['version']}); "
                          f"this version reads format {FORMAT_VERSION}. The file was not changed.")
    problems: list[str] = []
    _check(data, schema(), [], problems)
    if not problems:
        for i, stop in enumerate(data["stops"]):
            try:
                d = parse_iso(stop["date"])
            except ValueError:
                problems.append(f"stops[{i}].date {stop['date']!r} is not a real day")
                continue
            if not TIMELINE_START <= d <= TIMELINE_END:
                problems.append(f"stops[{i}] ({stop['title']!r}) is dated {format_date(d)}, outside the timeline "
                                f"({format_date(TIMELINE_START)} to {format_date(TIMELINE_END)})")
            view = stop.get("view")
            if isinstance(view, list):
                w, s, e, n = view
                if not (w < e and s < n and -180 <= w and e <= 180 and -90 <= s and n <= 90):
                    problems.append(f"stops[{i}].view must be [west, south, east, north] with west < east "
                                    f"and south < north, in degrees")
            unknown = [name for name in stop.get("layers", ()) if name not in LAYERS]
            if unknown:
                problems.append(f"stops[{i}].layers names unknown layer(s) {', '.join(map(repr, unknown))} "
                                f"(known: {', '.join(LAYERS)})")
            for j, c in enumerate(stop.get("passages", ())):
                try:
                    Citation.from_dict(c)
                except ValueError as exc:
                    problems.append(f"stops[{i}].passages[{j}]: {exc}")
    if problems:
        shown = problems[:8]
        more = f" (and {len(problems) - 8} more)" if len(problems) > 8 else ""
        raise LessonError(f"{source}: not a valid lesson: " + "; ".join(shown) + more)
    stops = []
    for stop in data["stops"]:
        layers = stop.get("layers")
        stops.append(Stop(
            date=parse_iso(stop["date"]),
            title=stop["title"],
            note=stop.get("note", ""),
            view=_view_from_json(stop.get("view", "peninsula")),
            layers=tuple(layers) if layers is not None else None,
            passages=tuple(Citation.from_dict(c) for c in stop.get("passages", ())),
        ))
    return Lesson(data["title"], data.get("author", ""), data.get("description", ""), tuple(stops))


def _citation_json(c: Citation) -> dict[str, Any]:
    out: dict[str, Any] = {"source": c.source, "quote": c.quote}
    if c.passage is not None:
        out["passage"] = c.passage
    if c.fingerprint:
        out["fingerprint"] = c.fingerprint
    return out


def lesson_to_json(lesson: Lesson) -> dict[str, Any]:
    """The JSON document of *lesson* (format :data:`FORMAT_VERSION`)."""
    doc: dict[str, Any] = {"format": FORMAT_ID, "version": FORMAT_VERSION, "title": lesson.title}
    if lesson.author:
        doc["author"] = lesson.author
    if lesson.description:
        doc["description"] = lesson.description
    stops = []
    for s in lesson.stops:
        item: dict[str, Any] = {"date": s.date.isoformat(), "title": s.title}
        if s.note:
            item["note"] = s.note
        item["view"] = s.view if isinstance(s.view, str) else list(s.view)
        if s.layers is not None:
            item["layers"] = list(s.layers)
        if s.passages:
            item["passages"] = [_citation_json(c) for c in s.passages]
        stops.append(item)
    doc["stops"] = stops
    return doc


# --------------------------------------------------------------------------- files


def load_lesson(path: str | Path) -> Lesson:
    """Read and check a lesson file.

    Raises
    ------
    LessonError
        The file cannot be read, is not JSON, is of a newer format or is not a
        valid lesson; the message names the file. The file is never changed.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LessonError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > 8_000_000:
        raise LessonError(f"{path}: too large for a lesson ({len(raw) // 1_000_000} MB)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LessonError(f"{path}: not a lesson (not UTF-8 text)") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        line = getattr(exc, "lineno", None)
        raise LessonError(f"{path}: damaged, not valid JSON ({msg}{f' at line {line}' if line else ''})") from None
    return lesson_from_json(data, source=str(path))


def save_lesson(lesson: Lesson, path: str | Path) -> Path:
    """Write *lesson* to *path* atomically (the old file stays whole if anything fails)."""
    text = json.dumps(lesson_to_json(lesson), ensure_ascii=False, indent=2) + "\n"
    return atomic_write_text(path, text)


def builtin_lessons() -> dict[str, Path]:
    """The lessons that come with the app, by title, in file-name order."""
    folder = resources_dir() / "lessons"
    out: dict[str, Path] = {}
    for p in sorted(folder.glob(f"*{LESSON_SUFFIX}")):
        try:
            out[load_lesson(p).title] = p
        except LessonError:
            continue
    return out


def find_lesson(name_or_file: str) -> Path:
    """A lesson file named by path, by built-in title (any case) or by built-in file stem.

    Raises
    ------
    LessonError
        Nothing matches; the message lists the built-in lessons.
    """
    p = Path(name_or_file)
    if p.suffix == LESSON_SUFFIX or p.exists():
        return p
    wanted = name_or_file.strip().casefold()
    builtins = builtin_lessons()
    for title, path in builtins.items():
        if title.casefold() == wanted or path.stem.casefold() == wanted:
            return path
    names = "; ".join(f"\u201c{t}\u201d" for t in builtins) or "none"
    raise LessonError(f"no lesson file or built-in lesson called {name_or_file!r} (built-in: {names})")


# --------------------------------------------------------------------------- notes and passages


_EMPHASIS = re.compile(r"(\*\*[^*\n]+\*\*|\*[^*\n]+\*)")


def note_paragraphs(note: str) -> list[list[tuple[str, str]]]:
    """Split a note into paragraphs of (text, style) runs; style is ``""``, ``"em"`` or ``"strong"``.

    >>> note_paragraphs("The *Inchon* landing.\\n\\n**Seoul** next.")
    [[('The ', ''), ('Inchon', 'em'), (' landing.', '')], [('Seoul', 'strong'), (' next.', '')]]
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", note.strip()):
        block = " ".join(block.split())
        if not block:
            continue
        runs: list[tuple[str, str]] = []
        for part in _EMPHASIS.split(block):
            if not part:
                continue
            if part.startswith("**") and part.endswith("**") and len(part) > 4:
                runs.append((part[2:-2], "strong"))
            elif part.startswith("*") and part.endswith("*") and len(part) > 2:
                runs.append((part[1:-1], "em"))
            else:
                runs.append((part, ""))
        paragraphs.append(runs)
    return paragraphs


def orphaned_passages(lesson: Lesson, passages_by_source: Mapping[str, Sequence[Passage]]
                      ) -> list[tuple[int, Citation, Resolution]]:
    """Pinned passages that no longer resolve: (stop index, citation, resolution).

    Only sources that are open are judged: a citation of a source that is not
    loaded is reported too, since the lesson cannot show it.
    """
    out = []
    for i, stop in enumerate(lesson.stops):
        for c in stop.passages:
            res = resolve(c, passages_by_source)
            if res.passage is None:
                out.append((i, c, res))
    return out


# --------------------------------------------------------------------------- editing


def citation_for(passage: Passage, source: str | None = None, max_words: int = 8) -> Citation:
    """An anchored citation of *passage*: its fingerprint, index and its first words as the quote."""
    words = passage.text.split()[:max_words]
    return Citation(source or passage.doc_id, " ".join(words) or "(empty)", passage.index, passage.fingerprint)


class LessonEditor:
    """A lesson being edited, with undo and redo of every change.

    Lessons are immutable, so the history is simply the list of earlier
    lessons. Listeners registered with :meth:`connect` are called with no
    argument after every change (an edit, an undo, a redo, a new lesson).

    Parameters
    ----------
    lesson
        The lesson to start from (an empty, untitled one when ``None``).
    path
        Where it was read from, or ``None`` for a new lesson.
    """

    def __init__(self, lesson: Lesson | None = None, path: Path | None = None) -> None:
        self.lesson = lesson if lesson is not None else Lesson("Untitled lesson")
        self.path = path
        self._undo: list[tuple[str, Lesson]] = []
        self._redo: list[tuple[str, Lesson]] = []
        self._saved = self.lesson
        self._listeners: list[Any] = []

    # listeners
    def connect(self, callback: Any) -> None:
        """Call *callback()* after every change."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        for cb in list(self._listeners):
            cb()

    # state
    @property
    def modified(self) -> bool:
        """Whether the lesson differs from what was last opened or saved."""
        return self.lesson != self._saved

    @property
    def undo_text(self) -> str | None:
        """What :meth:`undo` would undo (``"Add stop"``...), or ``None``."""
        return self._undo[-1][0] if self._undo else None

    @property
    def redo_text(self) -> str | None:
        """What :meth:`redo` would redo, or ``None``."""
        return self._redo[-1][0] if self._redo else None

    def _apply(self, label: str, lesson: Lesson) -> None:
        if lesson == self.lesson:
            return
        self._undo.append((label, self.lesson))
        self._redo.clear()
        self.lesson = lesson
        self._changed()

    def undo(self) -> bool:
        """Undo the last change; False when there is none."""
        if not self._undo:
            return False
        label, before = self._undo.pop()
        self._redo.append((label, self.lesson))
        self.lesson = before
        self._changed()
        return True

    def redo(self) -> bool:
        """Redo the last undone change; False when there is none."""
        if not self._redo:
            return False
        label, after = self._redo.pop()
        self._undo.append((label, self.lesson))
        self.lesson = after
        self._changed()
        return True

    # files
    def open(self, path: str | Path) -> None:
        """Replace the lesson with the one in *path* (history cleared). Raises :class:`LessonError`."""
        lesson = load_lesson(path)
        self.lesson, self.path, self._saved = lesson, Path(path), lesson
        self._undo.clear()
        self._redo.clear()
        self._changed()

    def new(self, title: str = "Untitled lesson") -> None:
        """Start an empty lesson (history cleared)."""
        self.lesson, self.path = Lesson(title), None
        self._saved = self.lesson
        self._undo.clear()
        self._redo.clear()
        self._changed()

    def save(self, path: str | Path | None = None) -> Path:
        """Write the lesson (to *path*, or where it came from) atomically.

        Raises
        ------
        LessonError
            The lesson has no stop, or has no file yet and no *path* was given.
        OSError
            The file could not be written (the old file is untouched).
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise LessonError("the lesson has no file yet: choose where to save it")
        if not self.lesson.stops:
            raise LessonError(f"{target}: a lesson needs at least one stop")
        if target.suffix != LESSON_SUFFIX:
            target = target.with_name(target.name + LESSON_SUFFIX)
        save_lesson(self.lesson, target)
        self.path, self._saved = target, self.lesson
        self._changed()
        return target

    # edits
    def set_title(self, title: str) -> None:
        """Rename the lesson."""
        if title.strip():
            self._apply("Rename lesson", replace(self.lesson, title=title.strip()))

    def add_stop(self, stop: Stop, index: int | None = None) -> int:
        """Insert *stop* at *index* (at the end when ``None``); returns its index."""
        stops = list(self.lesson.stops)
        i = len(stops) if index is None else max(0, min(index, len(stops)))
        stops.insert(i, stop)
        self._apply("Add stop", self.lesson.with_stops(stops))
        return i

    def remove_stop(self, index: int) -> None:
        """Delete the stop at *index*."""
        stops = list(self.lesson.stops)
        del stops[index]
        self._apply("Delete stop", self.lesson.with_stops(stops))

    def duplicate_stop(self, index: int) -> int:
        """Copy the stop at *index* just after it; returns the copy's index."""
        stops = list(self.lesson.stops)
        stops.insert(index + 1, stops[index])
        self._apply("Duplicate stop", self.lesson.with_stops(stops))
        return index + 1

    def move_stop(self, index: int, to: int) -> None:
        """Move the stop at *index* so that it ends up at *to*."""
        stops = list(self.lesson.stops)
        to = max(0, min(to, len(stops) - 1))
        if to == index:
            return
        stop = stops.pop(index)
        stops.insert(to, stop)
        self._apply("Move stop", self.lesson.with_stops(stops))

    def update_stop(self, index: int, label: str = "Edit stop", **fields: Any) -> None:
        """Change fields of the stop at *index* (``title``, ``note``, ``date``, ``view``, ``layers``, ``passages``)."""
        stops = list(self.lesson.stops)
        stops[index] = replace(stops[index], **fields)
        self._apply(label, self.lesson.with_stops(stops))

    def pin_passage(self, index: int, citation: Citation) -> bool:
        """Pin *citation* to the stop at *index*; False when it is already pinned there."""
        stop = self.lesson.stops[index]
        if any(c.source == citation.source and c.fingerprint == citation.fingerprint for c in stop.passages):
            return False
        self.update_stop(index, "Pin passage", passages=stop.passages + (citation,))
        return True

    def stop_for_date(self, date: dt.date) -> int | None:
        """The stop the timeline is at: the last stop dated on or before *date* (``None`` before the first)."""
        best = None
        for i, s in enumerate(self.lesson.stops):
            if s.date == date:
                return i
            if s.date <= date and (best is None or s.date >= self.lesson.stops[best].date):
                best = i
        return best


def lesson_from_events(events: Iterable[Any], kinds: Iterable[str], start: dt.date = TIMELINE_START,
                       end: dt.date = TIMELINE_END, title: str = "The chronology's events") -> Lesson:
    """A lesson with one stop per event of *kinds* (what Present walks when no lesson is open).

    Each stop is the event's first day, framing the action, titled with the
    event's title and noted with its summary; its citations become the pinned
    passages.
    """
    wanted = set(kinds)
    stops = [Stop(e.start, e.title, e.summary, "action", None, tuple(e.citations))
             for e in sorted(events, key=lambda e: (e.start, e.id))
             if e.kind in wanted and start <= e.start <= end]
    return Lesson(title, stops=tuple(stops))
