"""Frame the action: the view that fits what matters on a date.

:func:`action_extent` fits the part of the front that moved since the
previous recorded front (or the whole front when it is short, like the Pusan
perimeter), the day's events (those the map marks) and the movements under
way, with a margin.  The window's View > Frame the action, ``export --view
action`` and a new slide use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from explorer.render import style
from explorer.war.chronology import WAR_END, WAR_START, Chronology, as_date
from explorer.war.projection import to_xy

__all__ = ["action_extent", "action_points"]

#: A front shorter than this (metres) is framed whole: a perimeter or a beachhead.
SHORT_FRONT_M = 600_000.0
#: Front points further than this from the previous front have moved (metres).
MOVED_M = 12_000.0
#: Smallest side of the framed view (metres), and the margin around what is framed.
MIN_SPAN_M = 280_000.0
MARGIN = 0.14


def _dist_to_line(pts: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance of each point to a polyline (both in metres)."""
    if len(line) < 2:
        return np.full(len(pts), np.inf)
    a, b = line[:-1], line[1:]
    ab = b - a
    ll = np.maximum((ab ** 2).sum(1), 1e-9)
    out = np.empty(len(pts))
    for k, p in enumerate(pts):
        t = np.clip(((p - a) * ab).sum(1) / ll, 0, 1)
        out[k] = np.hypot(*(a + ab * t[:, None] - p).T).min()
    return out


def action_points(chronology: Chronology, date: dt.date | str, events: Sequence[Any] = ()) -> np.ndarray:
    """The map points (metres) that matter on *date*: moving front, marked events, movements, enclaves."""
    d = as_date(date)
    state = chronology.state_at(d)
    parts: list[np.ndarray] = []
    if WAR_START <= d <= WAR_END and state.status != "division":
        front = np.asarray(state.front_xy, dtype=float)
        if len(front) > 1:
            length = float(np.hypot(*np.diff(front, axis=0).T).sum())
            prev = state.previous
            if length <= SHORT_FRONT_M or prev is None:
                parts.append(front)
            else:
                moved = front[_dist_to_line(front, np.asarray(prev.main_xy, dtype=float)) > MOVED_M]
                parts.append(moved if len(moved) >= 2 else front)
        for ring in state.rings:
            parts.append(np.asarray(ring.xy, dtype=float))
    for m in getattr(chronology, "movements", ()):
        if m.active(d):
            parts.append(np.asarray(m.xy, dtype=float))
    slack = dt.timedelta(days=style.EVENT_MARKER_SLACK_DAYS)
    placed = [e for e in events if getattr(e, "place", None) is not None and e.start - slack <= d <= e.end + slack]
    if placed:
        xs, ys = to_xy([e.place.lon for e in placed], [e.place.lat for e in placed])
        parts.append(np.column_stack([np.atleast_1d(xs), np.atleast_1d(ys)]))
    parts = [p for p in parts if len(p)]
    return np.vstack(parts) if parts else np.zeros((0, 2))


def action_extent(chronology: Chronology, date: dt.date | str,
                  events: Sequence[Any] | None = None) -> tuple[float, float, float, float]:
    """The view (xmin, xmax, ymin, ymax, metres) framing the action of *date*.

    The whole peninsula when nothing moves (before and after the war).
    """
    if events is None:
        events = getattr(chronology, "events", None) or ()
    korea = chronology.geodata.korea
    kx0, ky0, kx1, ky1 = korea.bounds if not korea.is_empty else (7e5, 1.4e6, 1.3e6, 2.6e6)
    home = (kx0 - (kx1 - kx0) * 0.06, kx1 + (kx1 - kx0) * 0.06, ky0 - (ky1 - ky0) * 0.04, ky1 + (ky1 - ky0) * 0.04)
    pts = action_points(chronology, date, events)
    pts = pts[np.isfinite(pts).all(axis=1)]  # lines of several parts carry NaN separators
    if not len(pts):
        return home
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w = max(w * (1 + 2 * MARGIN), MIN_SPAN_M)
    h = max(h * (1 + 2 * MARGIN), MIN_SPAN_M)
    # Never wider than the whole peninsula's view.
    w, h = min(w, home[1] - home[0]), min(h, home[3] - home[2])
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
