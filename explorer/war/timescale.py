"""A piecewise-linear time scale: the war wide, the years around it narrow.

The timeline runs from the division of Korea (1945) through the aftermath
(1956) to the later decades of the historians (1999), but most of its width
belongs to the war itself.  A :class:`TimeScale` maps a
date to a fraction of the width and back; each stretch has a weight (its share
of the width), and any stretch can be widened with :meth:`TimeScale.widen`.
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


def default_scale() -> TimeScale:
    """1945-1999 with the war (25 Jun 1950 - 27 Jul 1953) taking 80% of the width.

    The years before the war take 9%, the aftermath to 1956 7%, and the later
    decades (where the sources' historiography lies) a narrow 4%.
    """
    from explorer.war.chronology import AFTERMATH_END, TIMELINE_END, TIMELINE_START, WAR_END, WAR_START

    return TimeScale([
        Stretch(TIMELINE_START, WAR_START - dt.timedelta(days=1), 0.09),
        Stretch(WAR_START, WAR_END, 0.80),
        Stretch(WAR_END + dt.timedelta(days=1), AFTERMATH_END, 0.07),
        Stretch(AFTERMATH_END + dt.timedelta(days=1), TIMELINE_END, 0.04),
    ])
