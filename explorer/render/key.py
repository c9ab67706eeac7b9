"""The map's key, defined once for the window and for exports.

:data:`KEY` lists every symbol the map can show, in the order of the key, with
the layer it belongs to, its label (the long one of exports and the short one
of the window's corner key), how it is drawn and its colour.  The window's
:class:`explorer.qt.qt_legend.QtLegend` paints the rows with Qt; an export's
key draws them with :func:`legend_handle`.  :func:`key_entries` picks the
rows a map shows: by layer, or by what a :class:`~explorer.render.mapview.MapRenderer`
actually draws on its date (no armistice line in 1950, no advance before
the war).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from explorer.render import style
from explorer.war.chronology import side_names

__all__ = ["DAY_ONLY", "KEY", "KeyEntry", "day_rows", "entries_shown", "key_entries", "legend_handle",
           "territory_labels"]


@dataclass(frozen=True)
class KeyEntry:
    """One row of the key.

    Attributes
    ----------
    id
        A stable name (``"front"``, ``"arrow_un"``...), used to ask whether the map draws it.
    layer
        The layer of :data:`explorer.state.viewstate.LAYERS` the symbol belongs to.
    label
        The words of an exported key.
    short
        The words of the window's compact corner key.
    kind
        How the symbol is drawn: ``fill``, ``line``, ``dash``, ``dashdot``, ``dot``,
        ``hatch``, ``crosshatch``, ``arrow``, ``star``, ``town`` or ``relief``.
    colour
        The symbol's colour (from :mod:`explorer.render.style`).
    """

    id: str
    layer: str
    label: str
    short: str
    kind: str
    colour: str


#: Every row the key can have, in order.
KEY: tuple[KeyEntry, ...] = (
    KeyEntry("un", "territory", "UN-held territory", "UN-held", "fill", style.UN_FILL),
    KeyEntry("communist", "territory", "Communist-held territory", "Communist-held", "fill", style.COMMUNIST_FILL),
    KeyEntry("front", "front", "Front line, documented", "Front (documented)", "line", style.FRONT),
    KeyEntry("front_inferred", "front", "Front line, inferred", "Front (inferred)", "dashdot", style.FRONT),
    KeyEntry("front_interpolated", "front", "Front line, interpolated", "Front (interpolated)", "dash",
             style.FRONT),
    KeyEntry("changing", "territory", "Changing hands between two recorded fronts", "Changing hands", "hatch",
             style.CHANGING_HATCH),
    KeyEntry("zone", "territory", "Held by neither side", "Held by neither side", "crosshatch",
             style.NEITHER_EDGE),
    KeyEntry("previous", "previous", "Previous front", "Previous recorded front", "dot", style.GHOST),
    KeyEntry("enclave", "front", "UN perimeter or beachhead", "UN enclave", "line", style.ENCLAVE),
    KeyEntry("arrow_un", "movements", "UN advance", "UN advance", "arrow", style.ARROW_UN),
    KeyEntry("arrow_communist", "movements", "Communist advance", "Communist advance", "arrow",
             style.ARROW_COMMUNIST),
    KeyEntry("arrow_sea", "movements", "Landing or evacuation by sea", "By sea", "arrow", style.ARROW_SEA),
    KeyEntry("named_line", "named_lines", "Named line (Kansas, Wyoming, Jamestown...)", "Named line", "dash",
             style.NAMED_LINE),
    KeyEntry("dmz", "named_lines", "Edge of the Demilitarized Zone", "DMZ edge", "dot", style.DMZ),
    KeyEntry("parallel", "parallel", "38th parallel", "38th parallel", "dash", style.PARALLEL),
    KeyEntry("armistice", "armistice", "Armistice line", "Armistice line", "line", style.ARMISTICE),
    KeyEntry("event", "events", "Event on this date", "Event on this date", "star", style.EVENT_MARKER),
    KeyEntry("town", "towns", "Town", "Town", "town", style.TOWN),
    KeyEntry("river", "rivers", "River", "River", "line", style.RIVER),
)

_BY_ID = {e.id: e for e in KEY}

#: Rows listed only on a day whose map shows them (the others follow the layers).
DAY_ONLY = frozenset({"front_inferred", "changing", "zone"})


def day_rows(state: Any, layers: Iterable[str]) -> dict[str, str]:
    """The :data:`DAY_ONLY` rows the map of *state* shows with *layers*, each with its words for the day.

    Named from the state itself (the two records' dates of ground changing
    hands, the names of zones held by neither side), so that the window's key
    and an export's say the same.
    """
    from explorer.render.layers.uncertainty import date_span

    layers = set(layers)
    out: dict[str, str] = {}
    if state is None:
        return out
    if "front" in layers and state.status == "inferred" and state.record is not None:
        out["front_inferred"] = _BY_ID["front_inferred"].label
    if "territory" in layers and getattr(state, "frame", None) is not None and state.between:
        out["changing"] = f"Changing hands, {date_span(*state.between)}"
    zones = getattr(state, "zones", ())
    if "territory" in layers and zones:
        out["zone"] = "Held by neither side: " + "; ".join(z.label for z in zones)
    return out


def territory_labels(date: dt.date | None, long: bool) -> tuple[str, str]:
    """What the blue and the orange land are called on *date* (sides of a front, zones or states).

    ``("UN-held territory", "Communist-held territory")`` in wartime when *long*,
    ``("South Korea", "North Korea")`` before and after the war.
    """
    if date is None:
        blue, orange = _BY_ID["un"].short, _BY_ID["communist"].short
    else:
        blue, orange = side_names(date)
    if long and blue.endswith("-held"):
        return f"{blue} territory", f"{orange} territory"
    return blue, orange


def _named(entries: Iterable[KeyEntry], date: dt.date | None, long: bool) -> list[KeyEntry]:
    blue, orange = territory_labels(date, long)
    out = []
    for e in entries:
        if e.id == "un":
            e = replace(e, label=blue, short=blue)
        elif e.id == "communist":
            e = replace(e, label=orange, short=orange)
        out.append(e)
    return out


def key_entries(layers: Iterable[str] | None = None, *, date: dt.date | None = None, long: bool = True,
                shown: Iterable[str] | None = None, day: dict[str, str] | None = None) -> list[KeyEntry]:
    """The rows of a key.

    Parameters
    ----------
    layers
        Keep the rows of these layers only (default: every layer).
    date
        Name the territory colours as on this date (see :func:`territory_labels`).
    long
        The labels of an export (True) or of the window's corner key (False).
    shown
        Keep only the rows with these ids (see :func:`entries_shown`).
    day
        Words for the :data:`DAY_ONLY` rows (see :func:`day_rows`); without
        them (and without *shown*) those rows are left out.
    """
    keep = set(layers) if layers is not None else None
    ids = set(shown) if shown is not None else None
    extra = day or {}
    # Rows asked for by id (what a map shows) are listed; otherwise a day-only row
    # is listed only with its words for the day.
    rows = [e for e in KEY if (keep is None or e.layer in keep) and (ids is None or e.id in ids)
            and (e.id not in DAY_ONLY or e.id in extra or ids is not None)]
    rows = [replace(e, label=extra[e.id]) if e.id in extra else e for e in rows]
    return _named(rows, date, long)


def _drawn(artist: Artist | None) -> bool:
    return artist is not None and artist.get_visible()


def entries_shown(mapview: Any) -> set[str]:
    """The ids of the :data:`KEY` rows that *mapview* (a ``MapRenderer``) draws now.

    Asked of the map's own artists, so the key cannot list a symbol the map
    does not show on that day.
    """
    ids: set[str] = set()
    state = mapview.state
    if "territory" in mapview.layers:
        ids |= {"un", "communist"}
    front = mapview.front
    if _drawn(front) and len(front.get_xdata()):
        if state is not None and state.interpolated:
            ids.add("front_interpolated")
        elif state is not None and state.status == "inferred":
            ids.add("front_inferred")
        else:
            ids.add("front")
    changing = getattr(mapview, "changing", None)
    if changing is not None and _drawn(changing.patch):
        ids.add("changing")
    zones = getattr(mapview, "zones", None)
    if zones is not None and any(_drawn(p) for p in zones.patches):
        ids.add("zone")
    if _drawn(mapview.ghost):
        ids.add("previous")
    for ring in mapview.rings:
        if _drawn(ring):
            ids.add("enclave" if ring.get_color() == style.ENCLAVE else
                    ("front_interpolated" if state is not None and state.interpolated else "front"))
    for m, patch in zip(mapview.active_movements, mapview.arrows):
        if _drawn(patch):
            ids.add("arrow_sea" if getattr(m, "by_sea", False) else
                    "arrow_un" if m.side == "UN" else "arrow_communist")
    named = getattr(mapview, "named_lines", None)
    if named is not None:
        ids |= named.key_ids()
    if _drawn(mapview.parallel):
        ids.add("parallel")
    if _drawn(mapview.armistice):
        ids.add("armistice")
    if _drawn(mapview.event_markers):
        ids.add("event")
    if _drawn(mapview.towns):
        ids.add("town")
    if _drawn(mapview.rivers):
        ids.add("river")
    return ids


def legend_handle(entry: KeyEntry) -> Any:
    """A matplotlib proxy artist drawing *entry* as the map draws it (for ``Figure.legend``)."""

    def cased(lw: float, casing: float, dashes: Any = "-") -> tuple[Line2D, Line2D]:
        return (Line2D([], [], color=style.FRONT_CASING, linewidth=casing, solid_capstyle="round"),
                Line2D([], [], color=style.FRONT, linewidth=lw, linestyle=dashes, solid_capstyle="round"))

    i = entry.id
    if entry.kind == "fill":
        return Patch(facecolor=entry.colour, edgecolor=style.COAST, linewidth=0.5)
    if i == "front":
        return cased(2.6, 5.4)
    if i == "front_interpolated":
        return cased(2.2, 4.6, style.DASH_INTERPOLATED)
    if i == "front_inferred":
        return cased(2.2, 4.6, style.DASH_INFERRED)
    if i == "changing":
        return Patch(facecolor="none", edgecolor=style.CHANGING_HATCH, hatch="////", linewidth=0.0)
    if i == "zone":
        return Patch(facecolor=style.NEITHER_FILL, edgecolor=style.NEITHER_EDGE, hatch="xx", linewidth=0.8,
                     linestyle=(0, (3, 2)))
    if i == "previous":
        return Line2D([], [], color=style.GHOST, linewidth=1.1, linestyle=(0, (2, 2)), alpha=0.7)
    if i == "enclave":
        return Line2D([], [], color=style.ENCLAVE, linewidth=2.0)
    if i == "arrow_sea":
        return Patch(facecolor=entry.colour, edgecolor="white", linewidth=0.9, linestyle=(0, (3, 2)), alpha=0.82,
                     hatch="--")
    if entry.kind == "arrow":
        return Patch(facecolor=entry.colour, edgecolor="white", linewidth=0.8, alpha=0.82)
    if i == "named_line":
        return Line2D([], [], color=style.NAMED_LINE, linewidth=1.5, linestyle=(0, (7, 2, 1.5, 2)))
    if i == "dmz":
        return Line2D([], [], color=style.DMZ, linewidth=1.0, linestyle=(0, (1.5, 1.5)))
    if i == "parallel":
        return Line2D([], [], color=style.PARALLEL, linewidth=0.9, linestyle=(0, (6, 3)))
    if i == "armistice":
        return Line2D([], [], color=style.ARMISTICE, linewidth=1.8)
    if entry.kind == "star":
        return Line2D([], [], color=entry.colour, marker="*", markersize=10, markeredgecolor="white",
                      linestyle="none")
    if entry.kind == "town":
        return Line2D([], [], color=entry.colour, marker="o", markersize=4, markeredgecolor="white",
                      linestyle="none")
    if entry.kind == "relief":
        return Patch(facecolor=entry.colour, edgecolor="none")
    return Line2D([], [], color=entry.colour, linewidth=0.9)
