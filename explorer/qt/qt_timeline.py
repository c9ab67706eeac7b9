"""The timeline: phases as coloured bands, event marks, source density, a handle for the date.

:class:`QtTimeline` is a thin view over :class:`~explorer.state.viewstate.ViewState`:
it writes the date the user picks and repaints when the date changes.

It zooms: the wheel zooms around the cursor, from a few days to the whole of
1945-1999; dragging the tick row or the density strip (the "empty" strips)
pans; a double-click on a phase fits the timeline to it; the overview strip
at the bottom shows the whole scale with a box around the span shown (click
or drag it to move the box, double-click it for the whole timeline).  The
ticks follow the zoom: years, months, weeks, days.  Every band shown is
named: in full where the name fits in it, else by its short name, on one line
or two; a band too narrow for either (the invasion's two days at the default
zoom) gets a callout, a tag of its colour in the row above the bands, joined
to the band by a leader.  No two names overlap, and the date beside the
handle keeps to the side where it hides no tag.
The zoom is the view state's ``timeline_span``, so it is remembered.

Under the bands, a row of small marks shows the events of the chronology
(hover for the title and date, click to jump to it).  Marks closer than a few
pixels are drawn as one numbered cluster: clicking a cluster zooms in until
its events split.  A strip shows how much the open sources say about each
stretch of time: for each pixel column, the number of dated passages whose
dates cover it, drawn as a small histogram (square-root scaled; passages
dated only by a year or a decade count a fifth, so that "1950" does not drown
"25 June 1950").

Shift+drag on the bands selects a range for playback (:attr:`QtTimeline.rangeSelected`).

Everything but the handle and the selected range is painted once into a
cached pixmap; a date change repaints only the strip of widget around the
old and the new handle.

The keys (Left/Right a day, PgUp/PgDn a month, + and - to zoom...) are
:class:`QAction` s (:attr:`QtTimeline.key_actions`) that :meth:`QtTimeline.keyPressEvent`
triggers, so the shortcut list (F1) is made from them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from explorer.qt.qt_paint import rounded_box
from explorer.war.chronology import WAR_END, WAR_START, Phase, format_date
from explorer.war.events import Event
from explorer.war.timescale import TimeView, default_scale
from explorer.state.viewstate import ViewState

if TYPE_CHECKING:
    from explorer.sources.linking import DatedIntervals

_MARGIN = 14
# Heights are kept low: every pixel here is a pixel less of map (Pusan's label needs the room).
_TRACK_TOP = 20
_TRACK_H = 26
_MARKS_H = 11     # the row of event marks under the bands
_STRIP_H = 8      # the source-density strip under the marks
_TICKS_H = 18     # ticks and their labels
_OVERVIEW_H = 6   # the whole timeline, with the span shown boxed
_MARK_HIT = 4     # pixels either side of a mark that still hit it
_CLUSTER_PX = 6   # marks closer than this are drawn as one cluster
_HANDLE_HALF = 170  # half-width of the area repainted around the handle (its date label)
_DRAG_SLOP = 3    # pixels a press may move and still be a click
#: Weight of a passage dated only by a year or a decade in the density strip.
COARSE_WEIGHT = 0.2
_KIND_COLOURS = {
    "battle": "#b3261e", "operation": "#1f5fa8", "front": "#6b4f1d",
    "political": "#3d3d3d", "diplomatic": "#2e7d32", "historiography": "#7b5ea7",
}
#: Words left out of an abbreviated phase name.
_FILLER = frozenset({"the", "of", "and", "to", "a", "an", "in", "on"})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _columns_covered(owner: np.ndarray, x0: np.ndarray, x1: np.ndarray, width: int) -> np.ndarray:
    """Per column, how many owners have an interval [x0, x1] over it (an owner counts once).

    Each owner's intervals are merged first (sorted by owner and start, a new
    run begins where a start passes the furthest end so far), then the
    merged runs are counted with a difference array: no loop per passage.
    """
    counts = np.zeros(width)
    if not len(owner):
        return counts
    span = width + 2  # keeps each owner's columns apart in one number line
    order = np.lexsort((x0, owner))
    key0 = owner[order] * span + x0[order]
    key1 = owner[order] * span + x1[order]
    reach = np.maximum.accumulate(key1)
    new_run = np.ones(len(key0), dtype=bool)
    new_run[1:] = key0[1:] > reach[:-1]
    first = np.flatnonzero(new_run)
    last = np.append(first[1:] - 1, len(key0) - 1)
    run_owner = owner[order][first]
    a = key0[first] - run_owner * span
    b = reach[last] - run_owner * span
    diff = np.zeros(width + 1)
    np.add.at(diff, a, 1)
    np.add.at(diff, b + 1, -1)
    return np.cumsum(diff[:width])


def phase_names(phase: Phase) -> list[str]:
    """A phase's names from the longest to the shortest: title, short name, abbreviations.

    The short name is the phase's ``short_title`` (or ``short``) when the data
    has one; the abbreviations are our own (two significant words, one, then
    initials: "UN Summer-Fall Offensive" ends as "USFO"), so a band always has
    some name to show where a few letters fit.
    """
    import re

    names = [phase.title]
    short = getattr(phase, "short_title", None) or getattr(phase, "short", None)
    if short:
        # The data's short name, then the same with its year shortened ("Summer-Fall '52"), then its initials.
        short = str(short)
        names.append(short)
        year = re.search(r"\b(1[89]\d\d)$", short)
        if year:
            names.append(short[:year.start()] + "\u2019" + year.group(1)[2:])
        words = re.findall(r"[A-Za-z0-9]+", short)
        initials = "".join(w[-2:] if w.isdigit() and len(w) == 4 else w[0].upper() for w in words)
    else:
        words = [w for w in re.findall(r"[A-Za-z0-9]+", phase.title) if w.lower() not in _FILLER]
        if len(words) > 1:
            names.append(" ".join(words[:2]))
        if words and len(words[0]) > 3:  # not "UN" for "UN counteroffensive"
            names.append(words[0])
        initials = "".join(w[0].upper() for w in words if not w.isdigit())
    if len(initials) > 1:
        names.append(initials)
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def _readable_names(phase: Phase) -> list[str]:
    """The names a reader knows a phase by: its title, then its short name."""
    return list(dict.fromkeys(n for n in (phase.title, phase.short_title) if n))


def _two_lines(name: str) -> str:
    """``name`` broken at the space that makes its longer line shortest (unchanged without a space)."""
    words = name.split(" ")
    if len(words) < 2:
        return name
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    a, b = min(splits, key=lambda ab: (max(len(ab[0]), len(ab[1])), -len(ab[0])))
    return f"{a}\n{b}"


class PhaseName(NamedTuple):
    """A phase's name as the timeline draws it."""

    phase_id: str
    #: The name (a band's name may be on two lines, with a line break).
    text: str
    #: The text's box (a callout's tag) in widget coordinates.
    box: QRectF
    #: Widget x of the middle of the part of the band shown (where a callout's leader starts).
    anchor_x: float
    #: True when the name is in a callout above the track, not in the band.
    callout: bool


class QtTimeline(QWidget):
    """A horizontal, zoomable timeline bound to a :class:`ViewState`.

    Parameters
    ----------
    state
        The evented view state whose ``date`` this widget shows and sets, and
        whose ``timeline_span`` holds its zoom.
    phases
        Phases drawn as coloured bands.
    """

    scrubbing = Signal(bool)
    #: A range was selected by Shift+drag: first and last day (dates).
    rangeSelected = Signal(object, object)

    def __init__(self, state: ViewState, phases: list[Phase], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.phases = phases
        self._view = TimeView(default_scale())
        self._dragging = False
        self._panning: tuple[float, TimeView] | None = None  # press x and the view then
        self._pan_moved = False
        self._overview_drag = False
        self._selecting: dt.date | None = None
        self._selection_now: dt.date | None = None
        self.play_range: tuple[dt.date, dt.date] | None = None
        self.kinds: frozenset[str] | None = None
        self.events: list[Event] = []
        self._marks: list[tuple[float, Event]] = []  # (x, event), sorted by x; built with the pixmap
        self._mark_xs: list[float] = []
        #: Clusters of marks as drawn: (left x, right x, centre x, events), sorted by x.
        self.clusters: list[tuple[float, float, float, list[Event]]] = []
        #: Phase labels as drawn: (phase id, text shown).
        self.phase_labels: list[tuple[str, str]] = []
        #: Phase names as drawn, with their boxes and whether each is a callout.
        self.phase_names_drawn: list[PhaseName] = []
        #: Ticks as drawn: (level, date, x, label or "").
        self.ticks: list[tuple[str, dt.date, float, str]] = []
        self._dated: DatedIntervals | None = None
        self.density = np.zeros(0)       # weighted passages per track column
        self.density_fine = np.zeros(0)  # passages dated finer than a year, per column
        self.density_all = np.zeros(0)   # all dated passages, per column
        self._background: QPixmap | None = None
        self._handle_x: float | None = None
        self._writing_span = False
        self.background_builds = 0
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("The date shown on the map. Arrow keys move a day, Page Up and Page Down a month.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setMinimumHeight(int(self.overview_rect().bottom()) + 3)
        self.key_actions: list[QAction] = []
        self._build_key_actions()
        state.events.date.connect(self._on_date_change)
        state.events.timeline_span.connect(self._on_span_change)
        if state.timeline_span is not None:
            self._on_span_change(state.timeline_span)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, int(self.overview_rect().bottom()) + 3)

    # ------------------------------------------------------------------ keys

    def _key(self, text: str, keys: Sequence[str], slot: Callable[[], None]) -> QAction:
        # Not added to the widget (so not in Qt's shortcut map, where a key meant for another
        # window could reach it): keyPressEvent matches the keys against these actions.
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        act.triggered.connect(slot)
        self.key_actions.append(act)
        return act

    def _build_key_actions(self) -> None:
        st = self.state
        self._key("Next day", ["Right"], lambda: st.step_days(1))
        self._key("Previous day", ["Left"], lambda: st.step_days(-1))
        self._key("A week forward", ["Shift+Right"], lambda: st.step_days(7))
        self._key("A week back", ["Shift+Left"], lambda: st.step_days(-7))
        self._key("A month forward", ["PgUp"], lambda: st.step_months(1))
        self._key("A month back", ["PgDown"], lambda: st.step_months(-1))
        self._key("First day of the war", ["Home"], lambda: setattr(st, "date", WAR_START))
        self._key("Last day of the war (the armistice)", ["End"], lambda: setattr(st, "date", WAR_END))
        self._key("Start of the timeline (1945)", ["Shift+Home"], lambda: setattr(st, "date", st.minimum))
        self._key("End of the timeline (1999)", ["Shift+End"], lambda: setattr(st, "date", st.maximum))
        self._key("Zoom the timeline in around the date", ["+", "="], lambda: self.zoom(2.0))
        self._key("Zoom the timeline out", ["-"], lambda: self.zoom(0.5))
        self._key("Fit the timeline to the phase of the date", ["F"], self.fit_phase_of_date)
        self._key("Show the whole timeline", ["0"], self.reset_zoom)

    # ------------------------------------------------------------------ inputs

    @property
    def scale(self):
        """The time scale under the zoom."""
        return self._view.scale

    @property
    def view(self) -> TimeView:
        """The span shown (setting it repaints and stores it in the view state)."""
        return self._view

    @view.setter
    def view(self, value: TimeView) -> None:
        if value == self._view:
            return
        self._view = value
        self._writing_span = True
        try:
            self.state.timeline_span = None if value.full else (value.first, value.last)
        finally:
            self._writing_span = False
        self.invalidate()

    def _on_span_change(self, span: tuple[dt.date, dt.date] | None) -> None:
        if self._writing_span:
            return
        base = TimeView(self._view.scale)
        self._view = base if span is None else base.fitted(span[0], span[1], margin=0.0)
        self.invalidate()

    def zoom(self, factor: float, around_x: float | None = None) -> None:
        """Zoom in (``factor`` > 1) or out around widget x ``around_x`` (the handle by default)."""
        tr = self._track()
        x = self.x_for_date(self.state.date) if around_x is None else around_x
        p = min(max((x - tr.left()) / tr.width(), 0.0), 1.0)
        self.view = self._view.zoomed(factor, p)

    def fit(self, first: dt.date, last: dt.date) -> None:
        """Show the days ``first`` to ``last``."""
        self.view = self._view.fitted(first, last)

    def fit_phase_of_date(self) -> None:
        """Fit the timeline to the phase of the date shown."""
        ph = self.phase_at(self.state.date)
        if ph is not None:
            self.fit(ph.start, ph.end)

    def reset_zoom(self) -> None:
        """Show the whole timeline."""
        self.view = TimeView(self._view.scale)

    def phase_at(self, d: dt.date) -> Phase | None:
        """The phase that holds day ``d``."""
        return next((ph for ph in self.phases if ph.start <= d <= ph.end), None)

    def set_events(self, events: Sequence[Event]) -> None:
        """Mark ``events`` under the bands."""
        self.events = list(events)
        self.invalidate()

    def set_kinds(self, kinds: Collection[str] | None) -> None:
        """Mark only the events of these kinds (all when ``None``)."""
        kinds = None if kinds is None else frozenset(kinds)
        if kinds == self.kinds:
            return  # (the window sets them before its Events panel does, the same)
        self.kinds = kinds
        self.invalidate()

    def set_play_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Show the range playback is limited to (``None`` for none)."""
        self.play_range = None if first is None or last is None else (min(first, last), max(first, last))
        self.update()

    def set_sources(self, library, index=None) -> None:
        """Show the density of the dated passages of ``library`` (a SourceLibrary, or None).

        ``index`` is the library's :class:`~explorer.sources.linking.LinkIndex`
        when there is one: its mentions are taken from it instead of being
        gathered again.
        """
        if library is None:
            self._dated = None
        elif index is not None and index.library is library and index.generation == library.generation:
            self._dated = index.dated
        else:
            # Imported here, not at the top: the sources package is kept off the path to the
            # map's first paint (about 30 ms of start-up: tests/benchmarks/startup_child.py,
            # python -X importtime); the timeline needs it only once sources are open.
            from explorer.sources.linking import dated_intervals

            self._dated = dated_intervals(library.all_passages())
        self.invalidate()

    def invalidate(self) -> None:
        """Drop the cached background and repaint."""
        self._background = None
        self.update()

    # ------------------------------------------------------------------ geometry

    def _track(self) -> QRectF:
        return QRectF(_MARGIN, _TRACK_TOP, max(self.width() - 2 * _MARGIN, 10), _TRACK_H)

    def marks_rect(self) -> QRectF:
        """Where the event marks are drawn (and clicked)."""
        tr = self._track()
        return QRectF(tr.left(), tr.bottom() + 1, tr.width(), _MARKS_H)

    def strip_rect(self) -> QRectF:
        """Where the source-density strip is drawn."""
        mr = self.marks_rect()
        return QRectF(mr.left(), mr.bottom() + 1, mr.width(), _STRIP_H)

    def ticks_rect(self) -> QRectF:
        """Where the ticks and their labels are drawn (drag here to pan)."""
        sr = self.strip_rect()
        return QRectF(sr.left(), sr.bottom(), sr.width(), _TICKS_H)

    def overview_rect(self) -> QRectF:
        """The overview strip: the whole timeline, the span shown boxed."""
        kr = self.ticks_rect()
        return QRectF(kr.left(), kr.bottom() + 2, kr.width(), _OVERVIEW_H)

    def _x_of(self, ordinal) -> float:
        tr = self._track()
        return tr.left() + tr.width() * self._view.position_of(ordinal)

    def x_for_date(self, d: dt.date) -> float:
        """Widget x coordinate of the middle of day *d* (outside the track when not shown)."""
        return float(self._x_of(d.toordinal() + 0.5))

    def date_at_x(self, x: float) -> dt.date:
        """The day under widget x coordinate *x*."""
        tr = self._track()
        return self._view.date_at((x - tr.left()) / tr.width())

    def _overview_x(self, frac: float) -> float:
        ov = self.overview_rect()
        return ov.left() + ov.width() * frac

    # ------------------------------------------------------------------ state

    def _handle_area(self, x: float) -> QRect:
        bottom = int(self.ticks_rect().bottom()) + 2
        return QRect(int(x) - _HANDLE_HALF, 0, 2 * _HANDLE_HALF, bottom)

    def _on_date_change(self, _date: dt.date) -> None:
        d = self.state.date
        if not self._dragging:
            followed = self._view.following(d)
            if followed != self._view:
                self.view = followed
        new_x = self.x_for_date(d)
        if self._background is None or self._handle_x is None:
            self.update()
        else:
            self.update(self._handle_area(self._handle_x))
            self.update(self._handle_area(new_x))
        self.setAccessibleDescription(f"Date shown: {format_date(d)}")

    # ------------------------------------------------------------------ density

    def _columns(self, ordinals: np.ndarray, width: float) -> np.ndarray:
        """Track column (float) of the start of each day ordinal, by the zoomed scale."""
        return np.asarray(self._view.position_of(ordinals)) * width

    def _compute_density(self, width: int) -> None:
        fine = np.zeros(width)
        allc = np.zeros(width)
        dated = self._dated
        if width > 0 and dated is not None and len(dated.owner):
            owner, coarse = dated.owner, dated.coarse
            starts, ends = dated.first.astype(float), dated.last.astype(float) + 1
            c0, c1 = self._columns(starts, width), self._columns(ends, width)
            x0 = np.clip(np.floor(c0), 0, width - 1).astype(int)
            x1 = np.clip(np.ceil(c1) - 1, 0, width - 1).astype(int)
            x1 = np.maximum(x0, x1)
            # Mentions wholly outside the span shown do not count.
            inside = (c1 > 0) & (c0 < width)
            allc = _columns_covered(owner[inside], x0[inside], x1[inside], width)
            keep = inside & ~coarse
            fine = _columns_covered(owner[keep], x0[keep], x1[keep], width)
        self.density_fine = fine
        self.density_all = allc
        self.density = fine + COARSE_WEIGHT * (allc - fine)

    # ------------------------------------------------------------------ painting

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._background = None
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._background = None
        super().resizeEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def _build_background(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pm = QPixmap(max(int(self.width() * ratio), 1), max(int(self.height() * ratio), 1))
        pm.setDevicePixelRatio(ratio)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_background(p)
        p.end()
        self.background_builds += 1
        return pm

    def _small_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.82, 6.5))
        return small

    def _paint_background(self, p: QPainter) -> None:
        pal = self.palette()
        text_col = pal.color(QPalette.ColorRole.WindowText)
        tr = self._track()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        p.setFont(self._small_font())
        self._paint_phases(p)
        p.setPen(QPen(text_col, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(tr)
        self._paint_marks(p)
        self._paint_strip(p)
        self._paint_ticks(p)
        self._paint_overview(p)

    def _layout_phase_names(self, fm: QFontMetricsF) -> list[PhaseName]:
        """Where each phase shown is named: in its band, or in a callout above the track.

        A band whose full or short name fits inside it is named there.  A band
        too narrow for either (the two days of the invasion at the default
        zoom) gets a callout: its short name in a small tag of the band's
        colour in the row above the track, over the band when the band is
        wide enough to point at, else just beside it, joined to it by a short
        leader.  No two tags overlap; a tag slides away from its band until it
        finds room.  Only when there is no room at all (a very narrow window)
        does a band fall back to an abbreviation inside it.
        """
        tr = self._track()
        out: list[PhaseName] = []
        pending: list[tuple[Phase, QRectF]] = []
        two_lines = 2 * fm.height() <= tr.height() - 1
        for ph in self.phases:
            x0 = float(self._x_of(ph.start.toordinal()))
            x1 = float(self._x_of(ph.end.toordinal() + 1))
            if x1 < tr.left() or x0 > tr.right():
                continue
            left, right = max(x0, tr.left()), min(x1, tr.right())
            seen = QRectF(left, tr.top(), max(right - left, 0.0), tr.height())
            room = seen.width() - 6
            name = next((n for n in _readable_names(ph) if fm.horizontalAdvance(n) <= room), "")
            if not name and two_lines:
                # On two lines ("CCF Spring" over "Offensive") where one is too long.
                name = next((n for n in map(_two_lines, _readable_names(ph))
                             if "\n" in n and max(map(fm.horizontalAdvance, n.split("\n"))) <= room), "")
            if name:
                w = max(map(fm.horizontalAdvance, name.split("\n")))
                h = fm.height() * (name.count("\n") + 1)
                box = QRectF(seen.center().x() - w / 2, seen.center().y() - h / 2, w, h)
                out.append(PhaseName(ph.id, name, box, seen.center().x(), False))
            else:
                pending.append((ph, seen))
        pad, gap = 4.0, 5.0
        h = fm.height() + 1
        top = tr.top() - 2 - h
        lo, hi = 1.0, float(self.width()) - 1
        # Each tag wants to sit over its band (beside a thin band, so that the handle's head on
        # the band does not hide it); the tags keep the bands' order, and are pushed apart
        # left to right, then back from the right end, until none overlaps another.
        wanted: list[tuple[float, float, str, Phase, QRectF]] = []  # (left, width, name, phase, band)
        for ph, seen in pending:
            name = ph.short_title
            w = fm.horizontalAdvance(name) + 2 * pad
            xc = seen.center().x()
            # Clear of the handle's head (7 px either side of a day on the band).
            left = xc - w / 2 if seen.width() >= 16 else seen.left() - 9 - w
            if left < lo:
                left = seen.right() + 9 if seen.width() < 16 else lo
            wanted.append((min(max(left, lo), hi - w), w, name, ph, seen))
        wanted.sort(key=lambda t: t[0] + t[1] / 2)
        lefts = [t[0] for t in wanted]
        for i in range(1, len(wanted)):
            lefts[i] = max(lefts[i], lefts[i - 1] + wanted[i - 1][1] + gap)
        for i in range(len(wanted) - 1, -1, -1):
            right_end = hi if i == len(wanted) - 1 else lefts[i + 1] - gap
            lefts[i] = min(lefts[i], right_end - wanted[i][1])
        fits = bool(wanted) and lefts[0] >= lo - 0.5
        for (want, w, name, ph, seen), left in zip(wanted, lefts):
            xc = seen.center().x()
            # A tag pushed far from its band would point at the wrong phase: the band's abbreviation then.
            if fits and abs(left - want) <= max(140.0, w):
                out.append(PhaseName(ph.id, name, QRectF(left, top, w, h), xc, True))
                continue
            room = seen.width() - 6
            abbr = next((n for n in phase_names(ph) if fm.horizontalAdvance(n) <= room), "")
            if not abbr and room >= fm.horizontalAdvance(ph.title[0]):
                abbr = ph.title[0]
            if abbr:
                aw = fm.horizontalAdvance(abbr)
                out.append(PhaseName(ph.id, abbr, QRectF(xc - aw / 2, seen.center().y() - fm.height() / 2,
                                                         aw, fm.height()), xc, False))
        order = {ph.id: i for i, ph in enumerate(self.phases)}
        out.sort(key=lambda n: order[n.phase_id])
        return out

    def _paint_phases(self, p: QPainter) -> None:
        tr = self._track()
        fm = QFontMetricsF(p.font())
        colours = {}
        p.save()
        p.setClipRect(tr)
        for ph in self.phases:
            x0 = self._x_of(ph.start.toordinal())
            x1 = self._x_of(ph.end.toordinal() + 1)
            if x1 < tr.left() or x0 > tr.right():
                continue
            band = QRectF(x0, tr.top(), max(x1 - x0, 1), tr.height())
            col = QColor(ph.colour)
            col.setAlpha(150)
            colours[ph.id] = col
            p.fillRect(band, col)
        p.restore()
        names = self._layout_phase_names(fm)
        ink = QColor("#111111")
        for n in names:
            if not n.callout:
                p.setPen(ink)
                p.drawText(n.box, Qt.AlignmentFlag.AlignCenter, n.text)
                continue
            # The leader: up from the band's middle, then across to the tag.
            box = n.box
            lead = QColor(ink)
            lead.setAlpha(170)
            p.setPen(QPen(lead, 1))
            mid_y = box.center().y()
            if box.left() <= n.anchor_x <= box.right():
                p.drawLine(QPointF(n.anchor_x, tr.top()), QPointF(n.anchor_x, box.bottom()))
            else:
                edge = box.left() if n.anchor_x < box.left() else box.right()
                p.drawLine(QPointF(n.anchor_x, tr.top()), QPointF(n.anchor_x, mid_y))
                p.drawLine(QPointF(n.anchor_x, mid_y), QPointF(edge, mid_y))
            p.setBrush(self.palette().color(QPalette.ColorRole.Window))
            p.drawRoundedRect(box, 3, 3)
            p.setBrush(colours.get(n.phase_id, QColor("#cccccc")))
            p.drawRoundedRect(box, 3, 3)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(ink)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, n.text)
        self.phase_names_drawn = names
        self.phase_labels = [(n.phase_id, n.text) for n in names]

    def _visible_events(self) -> list[Event]:
        first, last = self._view.first, self._view.last
        return [e for e in self.events
                if (self.kinds is None or e.kind in self.kinds) and not (e.end < first or e.start > last)]

    def _paint_marks(self, p: QPainter) -> None:
        mr = self.marks_rect()
        tr = self._track()
        marks = []
        spans = []
        for e in self._visible_events():
            x0 = float(self._x_of(e.start.toordinal()))
            x1 = float(self._x_of(e.end.toordinal() + 1))
            xm = x0 if x1 - x0 > 3 else (x0 + x1) / 2
            if not (tr.left() - 1 <= xm <= tr.right() + 1):
                continue
            marks.append((xm, e))
            if x1 - x0 > 3:
                spans.append((max(x0, tr.left()), min(x1, tr.right()), e))
        marks.sort(key=lambda t: (t[0], t[1].start, t[1].id))
        self._marks = marks
        self._mark_xs = [m[0] for m in marks]
        for x0, x1, e in spans:
            span = QColor(_KIND_COLOURS.get(e.kind, "#333333"))
            span.setAlpha(70)
            p.fillRect(QRectF(x0, mr.bottom() - 2, x1 - x0, 2), span)
        # Marks closer than _CLUSTER_PX to the previous one join its cluster.
        clusters: list[tuple[float, float, float, list[Event]]] = []
        group: list[tuple[float, Event]] = []
        for xm, e in marks:
            # A cluster is at most a few marks wide: a long run of close marks makes several.
            if group and (xm - group[-1][0] >= _CLUSTER_PX or xm - group[0][0] >= 2.5 * _CLUSTER_PX):
                clusters.append(self._cluster(group))
                group = []
            group.append((xm, e))
        if group:
            clusters.append(self._cluster(group))
        self.clusters = clusters
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.7, 6.0))
        small.setBold(True)
        fm = QFontMetricsF(small)
        for left, right, xc, evs in clusters:
            if len(evs) == 1:
                col = QColor(_KIND_COLOURS.get(evs[0].kind, "#333333"))
                p.setPen(QPen(col, 1.6))
                p.drawLine(QPointF(xc, mr.top() + 1), QPointF(xc, mr.bottom() - 2))
                continue
            label = str(len(evs))
            w = max(fm.horizontalAdvance(label) + 5, right - left + 4, 10)
            box = QRectF(xc - w / 2, mr.top() + 0.5, w, mr.height() - 2)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#4a4a4a"))
            p.drawRoundedRect(box, 3, 3)
            p.setPen(QColor("#ffffff"))
            p.setFont(small)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setFont(self._small_font())

    @staticmethod
    def _cluster(group: list[tuple[float, Event]]) -> tuple[float, float, float, list[Event]]:
        xs = [x for x, _e in group]
        return xs[0], xs[-1], (xs[0] + xs[-1]) / 2, [e for _x, e in group]

    def _paint_strip(self, p: QPainter) -> None:
        sr = self.strip_rect()
        width = int(sr.width())
        self._compute_density(width)
        base = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        base.setAlpha(22)
        p.fillRect(sr, base)
        top = float(self.density.max()) if self.density.size else 0.0
        if top <= 0:
            return
        heights = np.sqrt(self.density / top) * (sr.height() - 1)
        col = QColor("#3b5b7a")
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        x = 0
        left, bottom = sr.left(), sr.bottom()
        # Draw runs of equal height as one rectangle.
        while x < width:
            h = heights[x]
            x2 = x + 1
            while x2 < width and heights[x2] == h:
                x2 += 1
            if h > 0:
                p.fillRect(QRectF(left + x, bottom - max(h, 1.0), x2 - x, max(h, 1.0)), col)
            x = x2
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _tick_dates(self) -> dict[str, list[dt.date]]:
        """Candidate tick dates of each level within the span shown (bounded in number)."""
        first, last = self._view.first, self._view.last
        days = (last - first).days + 1
        out: dict[str, list[dt.date]] = {"year": [dt.date(y, 1, 1) for y in range(first.year, last.year + 2)
                                                  if y <= dt.MAXYEAR]}
        months = []
        y, m = first.year, first.month
        while dt.date(y, m, 1) <= last + dt.timedelta(days=1):
            if m != 1:
                months.append(dt.date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        out["month"] = months
        if days <= 3000:
            monday = first - dt.timedelta(days=first.weekday())
            out["week"] = [monday + dt.timedelta(days=7 * k) for k in range(days // 7 + 2)]
        if days <= 400:
            out["day"] = [first + dt.timedelta(days=k) for k in range(days + 1)]
        return out

    def _paint_ticks(self, p: QPainter) -> None:
        pal = self.palette()
        text_col = pal.color(QPalette.ColorRole.WindowText)
        faint = QColor(text_col)
        faint.setAlpha(120)
        kr = self.ticks_rect()
        tr = self._track()
        fm = p.fontMetrics()
        y0 = kr.top()
        # Level: tick length, pen, least spacing for ticks, for labels.
        levels = {"year": (8, text_col, 6.0), "month": (5, faint, 4.0), "week": (3, faint, 5.0),
                  "day": (2, faint, 4.0)}
        dates = self._tick_dates()
        occupied: set[int] = set()
        ticks: list[tuple[str, dt.date, float, str]] = []
        for level, (length, colour, least) in levels.items():
            ds = dates.get(level, [])
            xs = [float(self._x_of(d.toordinal())) for d in ds]
            p.setPen(QPen(colour, 1))
            last_x = -1e9
            for i, (d, x) in enumerate(zip(ds, xs)):
                if not (tr.left() - 0.5 <= x <= tr.right() + 0.5):
                    continue
                col = int(round(x))
                gap = min(x - xs[i - 1] if i else 1e9, xs[i + 1] - x if i + 1 < len(xs) else 1e9)
                if x - last_x < least or col in occupied:
                    # In a squeezed stretch, keep the decades only.
                    if not (level == "year" and d.year % 10 == 0 and col not in occupied):
                        continue
                if gap < least and level != "year":
                    continue
                last_x = x
                occupied.add(col)
                p.drawLine(QPointF(x, y0), QPointF(x, y0 + length))
                ticks.append((level, d, x, ""))
        # Labels: years first, then months, weeks, days; each only where its neighbours leave room.
        placed: list[tuple[float, float]] = []
        labelled: list[tuple[str, dt.date, float, str]] = []
        any_year = any(t[0] == "year" for t in ticks)
        by_level: dict[str, list[tuple[str, dt.date, float, str]]] = {}
        for t in ticks:
            by_level.setdefault(t[0], []).append(t)
        # Days before weeks: where days have room for their numbers, a Monday is labelled as a day.
        for level in ("year", "month", "day", "week"):
            row = by_level.get(level, [])
            for i, (lv, d, x, _l) in enumerate(row):
                if level == "year":
                    label = str(d.year)
                elif level == "month":
                    label = _MONTHS[d.month - 1]
                    if not any_year and not labelled:
                        label += f" {d.year}"
                else:
                    label = str(d.day)
                room = min(x - row[i - 1][2] if i else 1e9, row[i + 1][2] - x if i + 1 < len(row) else 1e9)
                if level in ("day", "week") and not any(t[0] in ("year", "month") for t in labelled):
                    # No month or year in sight (a few days shown): the first day says which.
                    long = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
                    if room >= fm.horizontalAdvance(long) + 8:
                        label = long
                w = fm.horizontalAdvance(label)
                if level != "year" and room < w + 8:
                    continue
                lx = x + 2 if level != "year" else x - w / 2
                if level == "year" and room > 4 * w:
                    lx = x + 2  # a wide year: its label after its tick, like the months'
                box = (lx - 3, lx + w + 3)
                if box[0] < tr.left() - 8 or box[1] > tr.right() + 8:
                    continue
                if any(box[0] < b[1] and b[0] < box[1] for b in placed):
                    continue
                placed.append(box)
                p.setPen(text_col if level == "year" else QColor(text_col.red(), text_col.green(),
                                                                   text_col.blue(), 200))
                p.drawText(QPointF(lx, y0 + 7 + fm.ascent()), label)
                labelled.append((lv, d, x, label))
        self.ticks = labelled + [t for t in ticks if (t[0], t[1]) not in {(a, b) for a, b, _x, _l in labelled}]

    def _paint_overview(self, p: QPainter) -> None:
        ov = self.overview_rect()
        scale = self._view.scale
        for ph in self.phases:
            a = float(scale.fraction_of(ph.start.toordinal()))
            b = float(scale.fraction_of(ph.end.toordinal() + 1))
            col = QColor(ph.colour)
            col.setAlpha(110)
            p.fillRect(QRectF(self._overview_x(a), ov.top(), max(self._overview_x(b) - self._overview_x(a), 1),
                              ov.height()), col)
        text_col = self.palette().color(QPalette.ColorRole.WindowText)
        if self._view.full:
            return
        x0, x1 = self._overview_x(self._view.lo), self._overview_x(self._view.hi)
        shade = QColor(self.palette().color(QPalette.ColorRole.Window))
        shade.setAlpha(150)
        p.fillRect(QRectF(ov.left(), ov.top(), x0 - ov.left(), ov.height()), shade)
        p.fillRect(QRectF(x1, ov.top(), ov.right() - x1, ov.height()), shade)
        p.setPen(QPen(text_col, 1.4))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x0, ov.top() - 1, max(x1 - x0, 3), ov.height() + 2))
        # Lines from the box to the ends of the track say "this is what is shown above".
        faint = QColor(text_col)
        faint.setAlpha(70)
        p.setPen(QPen(faint, 1))
        tr = self._track()
        p.drawLine(QPointF(x0, ov.top() - 1), QPointF(tr.left(), ov.top() - 3))
        p.drawLine(QPointF(x1, ov.top() - 1), QPointF(tr.right(), ov.top() - 3))

    def paintEvent(self, event) -> None:  # noqa: N802
        if self._background is None or self._background.size() != self.size() * self.devicePixelRatioF():
            self._background = self._build_background()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._background)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_col = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        tr = self._track()
        # The range playback is limited to (or being selected).
        shown = self._selection()
        if shown is not None:
            a = max(float(self._x_of(shown[0].toordinal())), tr.left())
            b = min(float(self._x_of(shown[1].toordinal() + 1)), tr.right())
            if b > a:
                fill = QColor(accent)
                fill.setAlpha(60)
                p.fillRect(QRectF(a, tr.top(), b - a, tr.height()), fill)
                p.setPen(QPen(accent.darker(120), 2))
                for x in (a, b):
                    p.drawLine(QPointF(x, tr.top() - 2), QPointF(x, tr.bottom() + 2))
        # Handle.
        x = self.x_for_date(self.state.date)
        self._handle_x = x
        if tr.left() - 1 <= x <= tr.right() + 1:
            p.setPen(QPen(accent.darker(130), 2))
            p.drawLine(QPointF(x, tr.top() - 4), QPointF(x, tr.bottom() + 4))
            tri = QPainterPath()
            tri.moveTo(x - 7, tr.top() - 12)
            tri.lineTo(x + 7, tr.top() - 12)
            tri.lineTo(x, tr.top() - 3)
            tri.closeSubpath()
            p.fillPath(tri, accent)
            # The day's date under the handle, in the row of ticks (over the tick labels there).
            kr = self.ticks_rect()
            thin = QColor(accent.darker(130))
            thin.setAlpha(150)
            p.setPen(QPen(thin, 1))
            p.drawLine(QPointF(x, tr.bottom() + 4), QPointF(x, kr.top() + 2))
            small = self._small_font()
            small.setBold(True)
            p.setFont(small)
            d = self.state.date
            short = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
            fm = p.fontMetrics()
            w, h = fm.horizontalAdvance(short) + 8, fm.height() + 2
            bx = min(max(x - w / 2, 1), self.width() - w - 1)
            box = QRectF(bx, kr.top() + 3, w, h)
            # The box with its 1-pixel outline centred on its edge, drawn once per size and copied.
            p.drawPixmap(QPointF(bx - 0.5, kr.top() + 2.5),
                         rounded_box(w + 1, h + 1, 3, pal.color(QPalette.ColorRole.Base), accent.darker(130), 1,
                                     self.devicePixelRatioF()))
            p.setPen(text_col)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, short)
        else:
            # The date is off the span shown: an arrow at that end says where it is.
            edge = tr.left() if x < tr.left() else tr.right()
            sign = -1 if x < tr.left() else 1
            tri = QPainterPath()
            tri.moveTo(edge + sign * 8, tr.center().y())
            tri.lineTo(edge - sign * 2, tr.top() + 4)
            tri.lineTo(edge - sign * 2, tr.bottom() - 4)
            tri.closeSubpath()
            p.fillPath(tri, accent)
            x = edge
        if self.hasFocus():
            focus_pen = QPen(accent, 1, Qt.PenStyle.DotLine)
            p.setPen(focus_pen)
            p.drawRect(self.rect().adjusted(1, 1, -2, -2))
        big = QFont(self.font())
        big.setBold(True)
        p.setFont(big)
        label = format_date(self.state.date)
        lx, covers = self.date_label_place(x, p.fontMetrics().horizontalAdvance(label))
        fmb = p.fontMetrics()
        if covers:
            # Over a phase's callout on both sides: the date wins while the handle is there, on a plain ground.
            p.fillRect(QRectF(lx - 2, tr.top() - 5 - fmb.ascent(), fmb.horizontalAdvance(label) + 4,
                              fmb.ascent() + fmb.descent()), pal.color(QPalette.ColorRole.Window))
        p.setPen(text_col)
        p.drawText(QPointF(lx, tr.top() - 5), label)
        p.end()

    def date_label_place(self, x: float, w: float) -> tuple[float, bool]:
        """Left x of the date's label (``w`` wide) beside the handle at ``x``, and whether it covers a callout.

        Right of the handle's head, or left of it near the right end or where
        the right side would cover a phase's callout.
        """
        tags = [n.box for n in self.phase_names_drawn if n.callout]
        candidates = [x + 11, x - 11 - w]
        best, best_cover = None, None
        for lx in candidates:
            lx = max(lx, 2.0)
            if lx + w > self.width() - 2:
                continue
            cover = sum(max(0.0, min(lx + w, t.right()) - max(lx, t.left())) for t in tags)
            if best_cover is None or cover < best_cover - 0.5:
                best, best_cover = lx, cover
        if best is None:
            return max(x - 11 - w, 2.0), False
        return best, bool(best_cover)

    def _selection(self) -> tuple[dt.date, dt.date] | None:
        if self._selecting is not None and self._selection_now is not None:
            a, b = self._selecting, self._selection_now
            return (min(a, b), max(a, b))
        return self.play_range

    # ------------------------------------------------------------------ input

    def marks_near(self, x: float) -> list[Event]:
        """The events whose marks (or cluster) lie within a few pixels of widget x ``x``, nearest first."""
        out = []
        for left, right, xc, evs in self.clusters:
            half = 0.0 if len(evs) == 1 else max(right - left + 4, 10) / 2
            if xc - half - _MARK_HIT <= x <= xc + half + _MARK_HIT:
                out += [(abs(xm - x), e) for xm, e in self._marks if e in evs]
        if not out:
            i = bisect.bisect_left(self._mark_xs, x - _MARK_HIT)
            while i < len(self._marks) and self._marks[i][0] <= x + _MARK_HIT:
                out.append((abs(self._marks[i][0] - x), self._marks[i][1]))
                i += 1
        out.sort(key=lambda t: (t[0], t[1].start))
        seen: list[Event] = []
        for _d, e in out:
            if e not in seen:
                seen.append(e)
        return seen

    def cluster_at(self, x: float) -> list[Event]:
        """The events of the cluster (or lone mark) drawn at widget x ``x``."""
        for left, right, xc, evs in self.clusters:
            half = 0.0 if len(evs) == 1 else max(right - left + 4, 10) / 2
            if xc - half - _MARK_HIT <= x <= xc + half + _MARK_HIT:
                return list(evs)
        return []

    def mark_x(self, event_id: str) -> float | None:
        """Widget x coordinate of an event's mark (after the first paint)."""
        if self._background is None:
            self._background = self._build_background()
        return next((x for x, e in self._marks if e.id == event_id), None)

    def _in_marks_row(self, y: float) -> bool:
        mr = self.marks_rect()
        return mr.top() - 2 <= y <= mr.bottom() + 1

    def _in_pan_rows(self, y: float) -> bool:
        return self.strip_rect().top() + 1 < y <= self.ticks_rect().bottom() + 1

    def _in_overview(self, y: float) -> bool:
        ov = self.overview_rect()
        return ov.top() - 2 <= y <= self.height()

    def _density_tip(self, x: float) -> str:
        col = int(x - self.strip_rect().left())
        if not (0 <= col < self.density_all.size):
            return ""
        n = int(self.density_all[col])
        if self._dated is None or not len(self._dated.owner):
            return "Open sources to see how much they say about each stretch of time."
        if n == 0:
            return "No passage of the open sources is dated here."
        fine = int(self.density_fine[col])
        return (f"{n} passage{'s' if n != 1 else ''} of the sources dated here"
                f" ({fine} more precisely than by the year)")

    def _move_overview_to(self, x: float) -> None:
        ov = self.overview_rect()
        f = (x - ov.left()) / ov.width()
        width = self._view.hi - self._view.lo
        self.view = self._view._clamped(f - width / 2, f + width / 2)

    def callout_at(self, x: float, y: float) -> Phase | None:
        """The phase whose callout tag (above the track) is at widget point (x, y)."""
        for n in self.phase_names_drawn:
            if n.callout and n.box.adjusted(-1, -1, 1, 1).contains(QPointF(x, y)):
                return next((ph for ph in self.phases if ph.id == n.phase_id), None)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        x, y = event.position().x(), event.position().y()
        tagged = self.callout_at(x, y)
        if tagged is not None:
            # A phase's tag: to the first day of the phase (its band may be too thin to hit).
            self.state.date = tagged.start
            event.accept()
            return
        if self._in_marks_row(y):
            hits = self.cluster_at(x)
            if len({e.start for e in hits}) > 1:
                # A cluster of marks: zoom in until they split.
                self.fit(min(e.start for e in hits), max(e.end if e.end > e.start else e.start for e in hits))
                event.accept()
                return
            hits = hits or self.marks_near(x)
            if hits:
                self.state.date = hits[0].start
                event.accept()
                return
        if self._in_overview(y):
            self._overview_drag = True
            self._move_overview_to(x)
        elif self._in_pan_rows(y):
            self._panning = (x, self._view)
            self._pan_moved = False
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._selecting = self.date_at_x(x)
            self._selection_now = self._selecting
            self.update()
        else:
            self._dragging = True
            self.scrubbing.emit(True)
            self.state.date = self.date_at_x(x)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        x, y = event.position().x(), event.position().y()
        tagged = self.callout_at(x, y)
        if tagged is not None:
            self.fit(tagged.start, tagged.end)
        elif self._in_overview(y):
            self.reset_zoom()
        elif self._track().adjusted(0, -4, 0, 4).contains(event.position()):
            self._dragging = False
            ph = self.phase_at(self.date_at_x(x))
            if ph is not None:
                self.fit(ph.start, ph.end)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        x = event.position().x()
        y = event.position().y()
        if self._overview_drag:
            self._move_overview_to(x)
        elif self._panning is not None:
            x_press, view0 = self._panning
            if abs(x - x_press) > _DRAG_SLOP:
                self._pan_moved = True
            if self._pan_moved:
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.view = view0.panned(-(x - x_press) / self._track().width())
        elif self._selecting is not None:
            self._selection_now = self.date_at_x(x)
            self.update()
        elif self._dragging:
            self.state.date = self.date_at_x(x)
        else:
            if self._in_pan_rows(y) and not self._view.full:
                self.setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.unsetCursor()
            QToolTip.showText(event.globalPosition().toPoint(), self.tip_at(x, y), self)
        event.accept()

    def tip_at(self, x: float, y: float) -> str:
        """The hover text at widget point (x, y)."""
        tagged = self.callout_at(x, y)
        if tagged is not None:
            return (f"{tagged.title}\n{format_date(tagged.start)} \u2013 {format_date(tagged.end)}\n"
                    "Click to go to its first day; double-click to fit the timeline to it.")
        hits = self.marks_near(x) if self._in_marks_row(y) else []
        if hits:
            lines = []
            for e in hits[:6]:
                when = format_date(e.start) if e.start == e.end else \
                    f"{format_date(e.start)} \u2013 {format_date(e.end)}"
                lines.append(f"{e.title}\n    {when}")
            more = f"\n(and {len(hits) - 6} more)" if len(hits) > 6 else ""
            act = "Click to zoom in on them." if len({e.start for e in hits}) > 1 else "Click to go there."
            return "\n".join(lines) + more + "\n" + act
        if self._in_overview(y):
            return "The whole timeline, 1945\u20131999; the box is the span shown above.\n" \
                   "Click or drag to move it; double-click to show everything."
        d = self.date_at_x(x)
        ph = self.phase_at(d)
        tip = format_date(d) + (f"\n{ph.title}" if ph else "")
        sr = self.strip_rect()
        if sr.top() - 1 <= y <= sr.bottom() + 1:
            tip += "\n" + self._density_tip(x)
        if self._in_pan_rows(y):
            tip += "\nDrag to move the timeline; the wheel zooms."
        elif ph is not None:
            tip += "\nDouble-click to fit the timeline to this phase; Shift+drag to choose a range to play."
        return tip

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        x = event.position().x()
        if self._overview_drag:
            self._overview_drag = False
        elif self._panning is not None:
            if not self._pan_moved:
                self.state.date = self.date_at_x(x)
            self._panning = None
            self.unsetCursor()
        elif self._selecting is not None:
            a, b = self._selecting, self.date_at_x(x)
            self._selecting = self._selection_now = None
            if a != b:
                self.play_range = (min(a, b), max(a, b))
                self.rangeSelected.emit(min(a, b), max(a, b))
            self.update()
        elif self._dragging:
            self._dragging = False
            self.scrubbing.emit(False)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        dy = event.angleDelta().y() / 120.0
        dx = event.angleDelta().x() / 120.0
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if shift and not dx:
            dx, dy = dy, 0.0
        if dx:
            # Sideways (a touchpad, or Shift+wheel): pan, a tenth of the width a notch.
            self.view = self._view.panned(-dx * 0.1)
        elif dy:
            self.zoom(1.35 ** dy, event.position().x())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The keys are the widget's actions; a key that reaches here (sent straight to the
        # widget) is matched against them, so both ways do the same.
        combo = QKeySequence(event.keyCombination())
        for act in self.key_actions:
            if any(k.matches(combo) == QKeySequence.SequenceMatch.ExactMatch for k in act.shortcuts()):
                act.trigger()
                event.accept()
                return
        super().keyPressEvent(event)
