"""The data model: pure Python, shapely and pyproj; no Qt, no matplotlib."""
