"""Colours and sizes of the map, in one place.

The two sides use a colour-blind-safe blue/orange pair (distinct for
deuteranopia, protanopia and tritanopia, and in greyscale by lightness).
"""

SEA = "#dbe9f4"
LAND_NEIGHBOUR = "#e6e2d8"
NEIGHBOUR_EDGE = "#b9b3a4"
COAST = "#5b6b73"
UN_FILL = "#8fb8de"        # UN-held land: light blue
COMMUNIST_FILL = "#f2b37f"  # communist-held land: light orange
NEUTRAL_LAND = "#efe9dc"
FRONT = "#7a1f12"
FRONT_INTERPOLATED = "#7a1f12"
GHOST = "#6b6b6b"
RIVER = "#4f8fc0"
BORDER = "#6f6a60"
PARALLEL = "#3c3c3c"
ARMISTICE = "#2b2b2b"
TOWN = "#222222"
CAPITAL = "#000000"
LABEL = "#1b1b1b"
HALO = "#ffffffd0"
TITLE = "#111111"
ENCLAVE = "#0b3d91"

FONT_FAMILY = ["DejaVu Sans"]
DATE_SIZE = 22
PHASE_SIZE = 12
NOTE_SIZE = 9.5
LABEL_SIZE = 8.0
CAPITAL_LABEL_SIZE = 9.0
RIVER_LABEL_SIZE = 7.5
FRONT_CASING = "#ffffff"
ARROW_UN = "#1d4f91"
ARROW_COMMUNIST = "#a3221b"
EVENT_MARKER = "#6a1b9a"
#: Landings and evacuations by sea: a sea-blue arrow with a dashed white edge.
ARROW_SEA = "#1f7a8c"
#: Named lines (Kansas, Wyoming, Jamestown...) and the edges of the DMZ.
NAMED_LINE = "#4b2c83"
DMZ = "#4d4d4d"
#: Days before and after an event on which its marker still shows.
EVENT_MARKER_SLACK_DAYS = 3
#: Ground changing hands between two records: a light hatch over the day's fills.
CHANGING_HATCH = "#4a4a4a66"
#: Ground held by neither side: a grey cross-hatch and a dashed grey edge.
NEITHER_FILL = "#d9d4c7b0"
NEITHER_EDGE = "#5f5a4e"
#: Dash patterns of the front: documented solid, inferred dash-dot, interpolated dashed.
DASH_INFERRED = (0, (7.0, 2.2, 1.6, 2.2))
DASH_INTERPOLATED = (0, (5.0, 2.5))
