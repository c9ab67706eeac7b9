"""A piecewise-linear time scale, and a zoomable window onto it.

The timeline runs from the division of Korea (1945) through the aftermath
(1956) to the later decades of the historians (1999), but most of its width
belongs to the war itself, and most of that to the year the front moved (June
1950 to July 1951).  A :class:`TimeScale` maps a date to a fraction of the
width and back; each stretch has a weight (its share of the width), and any
stretch can be widened with :meth:`TimeScale.widen`.

A :class:`TimeView` is the part of a scale the timeline shows: a window
``[lo, hi]`` of the scale's fractions, zoomed around a point, panned, or
fitted to a span of days.  At the full window the timeline is the whole
scale; zoomed in to a few days, it is linear in days.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Stretch:
    """A span of days and its share of the width."""

    start: dt.date
    end: dt.date
    weight: float


class TimeScale:
    """Maps dates to fractions of a width (0..1) and back.

    Parameters
    ----------
    stretches
        Consecutive spans (each starts the day after the previous one ends)
        with positive weights; the weights are normalised.
    """

    def __init__(self, stretches: list[Stretch]) -> None:
        if not stretches:
            raise ValueError("a time scale needs at least one stretch")
        for a, b in zip(stretches, stretches[1:]):
            if b.start != a.end + dt.timedelta(days=1):
                raise ValueError(f"stretches must be consecutive: {a.end} then {b.start}")
        if any(s.weight <= 0 or s.end < s.start for s in stretches):
            raise ValueError("every stretch needs a positive weight and end >= start")
        self.stretches = list(stretches)
        total = sum(s.weight for s in stretches)
        self._fracs = [0.0]
        for s in stretches:
            self._fracs.append(self._fracs[-1] + s.weight / total)
        self._fracs[-1] = 1.0
        # Day offsets of each stretch start, counting a stretch as end - start + 1 days.
        self._starts = [s.start for s in stretches]
        # The scale as knots: day ordinals where each stretch starts (and the day after the last ends).
        self._knots = np.array([s.start.toordinal() for s in stretches] + [stretches[-1].end.toordinal() + 1],
                               dtype=float)
        self._knot_fracs = np.array(self._fracs, dtype=float)

    def fraction_of(self, ordinal):
        """Where a (fractional) day ordinal lies: :meth:`fractions` for one number or an array."""
        return np.interp(ordinal, self._knots, self._knot_fracs)

    def ordinal_at(self, f):
        """The (fractional) day ordinal at fraction ``f``: the inverse of :meth:`fraction_of`."""
        return np.interp(f, self._knot_fracs, self._knots)

    @property
    def start(self) -> dt.date:
        """First day on the scale."""
        return self.stretches[0].start

    @property
    def end(self) -> dt.date:
        """Last day on the scale."""
        return self.stretches[-1].end

    def to_fraction(self, d: dt.date) -> float:
        """Where *d* lies (0 at the start of the first day, 1 at the end of the last)."""
        return float(self.fractions(np.array([d.toordinal()], dtype=float))[0])

    def fractions(self, ordinals: np.ndarray) -> np.ndarray:
        """Where the starts of the days with these ordinals (floats allowed) lie, as fractions of the width.

        The one computation of the scale: :meth:`to_fraction` and the
        timeline widget's columns both come from it.
        """
        return np.interp(ordinals, self._knots, self._knot_fracs)

    def from_fraction(self, f: float) -> dt.date:
        """The day at fraction *f* of the width."""
        f = min(max(f, 0.0), 1.0)
        i = min(bisect.bisect_right(self._fracs, f) - 1, len(self.stretches) - 1)
        s = self.stretches[i]
        span = self._fracs[i + 1] - self._fracs[i]
        days = (s.end - s.start).days + 1
        k = int((f - self._fracs[i]) / span * days) if span > 0 else 0
        return min(s.start + dt.timedelta(days=min(max(k, 0), days - 1)), s.end)

    def stretch_at(self, d: dt.date) -> int:
        """Index of the stretch holding *d*."""
        i = bisect.bisect_right(self._starts, min(max(d, self.start), self.end)) - 1
        return max(i, 0)

    @property
    def weights(self) -> tuple[float, ...]:
        """The weight of each stretch (what a zoom changes)."""
        return tuple(s.weight for s in self.stretches)

    def with_weights(self, weights: tuple[float, ...]) -> TimeScale:
        """The same stretches with these weights (ValueError if they do not fit)."""
        if len(weights) != len(self.stretches):
            raise ValueError(f"{len(weights)} weights for {len(self.stretches)} stretches")
        return TimeScale([Stretch(s.start, s.end, float(w)) for s, w in zip(self.stretches, weights)])

    def widen(self, index: int, factor: float) -> TimeScale:
        """A new scale with stretch *index* given *factor* times its weight."""
        out = list(self.stretches)
        s = out[index]
        out[index] = Stretch(s.start, s.end, max(s.weight * factor, 1e-3))
        return TimeScale(out)


#: The last day of the war of movement: the armistice talks opened at Kaesong the next day.
MOVING_END = dt.date(1951, 7, 9)


def default_scale() -> TimeScale:
    """1945-1999 with the war (25 Jun 1950 - 27 Jul 1953) taking 80% of the width.

    The year the front moved (25 June 1950 - 9 July 1951) takes 54% of it,
    the two years of stalemate 26%; the years before the war take 8%, the
    aftermath to 1956 7%, and the later decades (where the sources'
    historiography lies) a narrow 5%.
    """
    from explorer.war.chronology import AFTERMATH_END, TIMELINE_END, TIMELINE_START, WAR_END, WAR_START

    return TimeScale([
        Stretch(TIMELINE_START, WAR_START - dt.timedelta(days=1), 0.08),
        Stretch(WAR_START, MOVING_END, 0.54),
        Stretch(MOVING_END + dt.timedelta(days=1), WAR_END, 0.26),
        Stretch(WAR_END + dt.timedelta(days=1), AFTERMATH_END, 0.07),
        Stretch(AFTERMATH_END + dt.timedelta(days=1), TIMELINE_END, 0.05),
    ])


#: The fewest days a zoomed timeline shows.
MIN_DAYS = 4.0


@dataclass(frozen=True)
class TimeView:
    """The window ``[lo, hi]`` (fractions of ``scale``) that the timeline shows.

    Positions returned by :meth:`position` are fractions of the timeline's
    width: 0 at its left edge, 1 at its right; days outside the window fall
    outside 0..1.
    """

    scale: TimeScale
    lo: float = 0.0
    hi: float = 1.0

    # ------------------------------------------------------------------ mapping

    def position(self, d: dt.date) -> float:
        """Where the start of day *d* lies across the timeline."""
        return self.position_of(d.toordinal())

    def position_of(self, ordinal):
        """Where a (fractional) day ordinal lies across the timeline (arrays too)."""
        return (self.scale.fraction_of(ordinal) - self.lo) / (self.hi - self.lo)

    def ordinal_at(self, p):
        """The (fractional) day ordinal at position ``p`` of the timeline."""
        return self.scale.ordinal_at(self.lo + np.clip(p, 0.0, 1.0) * (self.hi - self.lo))

    def date_at(self, p: float) -> dt.date:
        """The day under position ``p`` (clamped to the scale's days)."""
        o = int(np.floor(float(self.ordinal_at(p))))
        return min(max(dt.date.fromordinal(o), self.scale.start), self.scale.end)

    @property
    def first(self) -> dt.date:
        """The first day (wholly or partly) shown."""
        return self.date_at(0.0)

    @property
    def last(self) -> dt.date:
        """The last day (wholly or partly) shown."""
        o = float(self.ordinal_at(1.0))
        return min(dt.date.fromordinal(max(int(np.ceil(o)) - 1, 1)), self.scale.end)

    @property
    def days(self) -> float:
        """How many days the window shows."""
        return float(self.ordinal_at(1.0) - self.ordinal_at(0.0))

    @property
    def full(self) -> bool:
        """True when the whole scale is shown."""
        return self.lo <= 1e-9 and self.hi >= 1 - 1e-9

    # ------------------------------------------------------------------ moving

    def _clamped(self, lo: float, hi: float) -> TimeView:
        width = min(max(hi - lo, 0.0), 1.0)
        # No narrower than MIN_DAYS around the window's middle.
        mid = (lo + hi) / 2
        o_mid = float(self.scale.ordinal_at(min(max(mid, 0.0), 1.0)))
        a = float(self.scale.fraction_of(o_mid - MIN_DAYS / 2))
        b = float(self.scale.fraction_of(o_mid + MIN_DAYS / 2))
        if width < b - a:
            lo, hi, width = a, b, b - a
        lo = min(max(lo, 0.0), 1.0 - width)
        return TimeView(self.scale, lo, lo + width)

    def zoomed(self, factor: float, around: float = 0.5) -> TimeView:
        """Zoom in (``factor`` > 1) or out around position ``around``, which stays where it is."""
        width = (self.hi - self.lo) / factor
        pivot = self.lo + around * (self.hi - self.lo)
        return self._clamped(pivot - around * width, pivot - around * width + width)

    def panned(self, by: float) -> TimeView:
        """Moved by ``by`` timeline widths (positive shows later days)."""
        shift = by * (self.hi - self.lo)
        return self._clamped(self.lo + shift, self.hi + shift)

    def fitted(self, first: dt.date, last: dt.date, margin: float = 0.04) -> TimeView:
        """Showing the days ``first`` to ``last`` (inclusive), with a small margin each side."""
        a = float(self.scale.fraction_of(first.toordinal()))
        b = float(self.scale.fraction_of(last.toordinal() + 1))
        pad = (b - a) * margin
        return self._clamped(a - pad, b + pad)

    def following(self, d: dt.date, at: float = 0.25) -> TimeView:
        """The same zoom, moved (if need be) so that day *d* is shown, ``at`` across the timeline."""
        p = self.position(d)
        p1 = float(self.position_of(d.toordinal() + 1))
        if p >= 0.0 and p1 <= 1.0:
            return self
        return self.panned(p - at)
