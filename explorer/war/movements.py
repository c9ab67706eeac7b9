"""The main movements of the war, drawn on the map as arrows at their dates."""

from __future__ import annotations

from explorer.core.dates import parse_iso

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explorer.war.geodata import GeodataError, GeodataProblem, read_collection
from explorer.war.projection import project_coords

MOVEMENTS_FILE = "movements.geojson"


@dataclass(frozen=True)
class Movement:
    """An arrow: who moved, from where to where, between which dates."""

    id: str
    label: str
    side: str
    start: dt.date
    end: dt.date
    xy: np.ndarray

    def active(self, d: dt.date) -> bool:
        """True when the arrow is shown on *d*."""
        return self.start <= d <= self.end


def load_movements(folder: Path, problems: list[GeodataProblem] | None = None) -> list[Movement]:
    """Read ``movements.geojson`` in *folder*; broken features are reported and skipped."""
    path = Path(folder) / MOVEMENTS_FILE
    out: list[Movement] = []
    try:
        data = read_collection(path)
    except GeodataError as exc:
        if problems is not None:
            problems.append(GeodataProblem(MOVEMENTS_FILE, None, str(exc).split(": ", 1)[-1]))
        return out
    for i, f in enumerate(data["features"]):
        fid = str(f.get("id", i)) if isinstance(f, dict) else str(i)
        try:
            props = f["properties"]
            start = parse_iso(props["start"])
            end = parse_iso(props["end"])
            side = props["side"]
            if side not in ("UN", "COMMUNIST"):
                raise ValueError(f"side must be UN or COMMUNIST, not {side!r}")
            if end < start:
                raise ValueError(f"ends ({end}) before it starts ({start})")
            geom = f["geometry"]
            if geom.get("type") != "LineString" or len(geom["coordinates"]) < 2:
                raise ValueError("geometry must be a LineString of two or more points")
            xy = project_coords(geom["coordinates"])
        except (KeyError, TypeError, ValueError) as exc:
            if problems is not None:
                problems.append(GeodataProblem(MOVEMENTS_FILE, fid, f"unusable movement: {exc}"))
            continue
        out.append(Movement(fid, str(props.get("label", "")), side, start, end, xy))
    return out
