"""Named lines of the war (Kansas, Wyoming, Jamestown, the MDL, ...) with their dates.

``geodata/named_lines.geojson`` (written by ``geodata/named_lines_source.py``)
holds one feature per named line: its name, kind, the day from which it is
shown (``start``) and the last day (``end``; ``null`` for the armistice lines,
which hold to this day), documented or inferred, how closely it is placed
(``accuracy_km``), a note and its citations.  A line is shown whole on every
day of its span and not at all outside it: named lines appear and go in steps,
never blended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from explorer.core.dates import parse_iso
from explorer.war.geodata import GeodataError, GeodataProblem, read_collection
from explorer.war.projection import project_coords

NAMED_LINES_FILE = "named_lines.geojson"

#: What a named line was, in the key's words.
KINDS = {
    "fallback": "fallback line",
    "defence": "defence line",
    "objective": "objective line",
    "contact": "agreed line of contact",
    "demarcation": "armistice demarcation line",
    "dmz-edge": "edge of the Demilitarized Zone",
}
STATUSES = ("documented", "inferred")


@dataclass(frozen=True)
class NamedLine:
    """A named line: what it was, when it is shown, where it ran (map metres).

    Attributes
    ----------
    parts
        The line's parts, each an (N, 2) array in the map CRS.
    end
        The last day shown; ``None`` for a line that still holds (the MDL).
    """

    id: str
    name: str
    kind: str
    start: dt.date
    end: dt.date | None
    status: str
    note: str
    accuracy_km: float | None
    citations: tuple[dict[str, Any], ...]
    parts: tuple[np.ndarray, ...] = field(compare=False)

    def shown_on(self, day: dt.date) -> bool:
        """True when the line is drawn on *day* (from its start to its end, inclusive)."""
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def span_text(self) -> str:
        """Its dates for the key and hover text, e.g. ``9 Apr 1951 - 27 Jul 1953``."""
        def short(d: dt.date) -> str:
            return f"{d.day} {d.strftime('%b')} {d.year}"
        return f"{short(self.start)} \u2013 " + ("" if self.end is None else short(self.end))


def lines_on(lines: list[NamedLine], day: dt.date) -> list[NamedLine]:
    """The named lines shown on *day*, in file order."""
    return [ln for ln in lines if ln.shown_on(day)]


def _citations(raw: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("needs a non-empty list of citations")
    for i, c in enumerate(raw):
        if not isinstance(c, dict):
            raise ValueError(f"citation {i} is not an object")
        if not (isinstance(c.get("source"), str) and c["source"]) and not (
                isinstance(c.get("title"), str) and c["title"].strip()):
            raise ValueError(f"citation {i} names neither a catalogue 'source' nor a 'title'")
    return tuple(raw)


def load_named_lines(folder: Path, problems: list[GeodataProblem] | None = None) -> list[NamedLine]:
    """Read ``named_lines.geojson`` in *folder*; broken features are reported and skipped.

    Parameters
    ----------
    folder
        The geodata folder.
    problems
        Receives a :class:`GeodataProblem` naming the file and the feature for
        each feature dropped (and one for a missing or unreadable file).
    """
    path = Path(folder) / NAMED_LINES_FILE
    out: list[NamedLine] = []
    try:
        data = read_collection(path)
    except GeodataError as exc:
        if problems is not None:
            problems.append(GeodataProblem(NAMED_LINES_FILE, None, str(exc).split(": ", 1)[-1]))
        return out
    seen: set[str] = set()
    for i, f in enumerate(data["features"]):
        fid = str(f.get("id", i)) if isinstance(f, dict) else str(i)
        try:
            if fid in seen:
                raise ValueError("duplicate id")
            props = f["properties"]
            name = props["name"]
            if not isinstance(name, str) or not name.strip():
                raise ValueError("needs a non-empty 'name'")
            kind = props.get("kind")
            if kind not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
            start = parse_iso(props["start"])
            end = None if props.get("end") is None else parse_iso(props["end"])
            if end is not None and end < start:
                raise ValueError(f"ends ({end}) before it starts ({start})")
            status = props.get("status")
            if status not in STATUSES:
                raise ValueError(f"status must be documented or inferred, not {status!r}")
            acc = props.get("accuracy_km")
            if acc is not None and (isinstance(acc, bool) or not isinstance(acc, (int, float)) or acc <= 0):
                raise ValueError(f"accuracy_km must be a positive number, not {acc!r}")
            cites = _citations(props.get("citations"))
            geom = f["geometry"]
            gtype = geom.get("type")
            if gtype == "LineString":
                raw_parts = [geom["coordinates"]]
            elif gtype == "MultiLineString":
                raw_parts = geom["coordinates"]
            else:
                raise ValueError(f"geometry must be a LineString or MultiLineString, not {gtype!r}")
            parts = []
            for part in raw_parts:
                arr = np.asarray(part, dtype=float)
                if arr.ndim != 2 or arr.shape[0] < 2 or arr.shape[1] < 2 or not np.all(np.isfinite(arr)):
                    raise ValueError("each part needs two or more finite lon, lat points")
                if not (np.all((arr[:, 0] >= 123) & (arr[:, 0] <= 132))
                        and np.all((arr[:, 1] >= 33) & (arr[:, 1] <= 43.5))):
                    raise ValueError("lies outside Korea (lon, lat order?)")
                parts.append(project_coords(arr[:, :2].tolist()))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if problems is not None:
                problems.append(GeodataProblem(NAMED_LINES_FILE, fid, f"unusable named line: {exc}"))
            continue
        seen.add(fid)
        out.append(NamedLine(fid, name.strip(), kind, start, end, status, str(props.get("note") or ""),
                             None if acc is None else float(acc), cites, tuple(parts)))
    return out
