"""The war on the map: dated fronts and territory, geodata, projection, movements,
events, phases and the time scale.  Pure Python with shapely, numpy and pyproj:
no Qt, no matplotlib.  The one import from :mod:`explorer.sources` is the
citation type events carry (:class:`explorer.sources.anchors.Citation`).
"""
