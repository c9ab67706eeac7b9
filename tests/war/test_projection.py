"""Our transverse Mercator agrees with PROJ's EPSG:5179 across the map's region."""

import numpy as np
import pytest

from explorer.war.projection import to_lonlat, to_xy


def test_forward_and_inverse_match_proj_to_a_millimetre():
    pyproj = pytest.importorskip("pyproj")
    rng = np.random.default_rng(1950)
    lon = rng.uniform(118, 138, 5000)
    lat = rng.uniform(28, 47, 5000)
    ref = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:5179", always_xy=True)
    rx, ry = ref.transform(lon, lat)
    x, y = to_xy(lon, lat)
    assert np.max(np.abs(x - rx)) < 1e-3 and np.max(np.abs(y - ry)) < 1e-3
    blon, blat = to_lonlat(x, y)
    assert np.max(np.abs(blon - lon)) < 1e-8 and np.max(np.abs(blat - lat)) < 1e-8


def test_origin_and_scalars():
    x, y = to_xy(127.5, 38.0)
    assert float(x) == pytest.approx(1_000_000.0, abs=1e-6) and float(y) == pytest.approx(2_000_000.0, abs=1e-6)
    lon, lat = to_lonlat(1_000_000.0, 2_000_000.0)
    assert float(lon) == pytest.approx(127.5) and float(lat) == pytest.approx(38.0)
