"""Where the key and the scale box go: the land under a box, counted from a raster, agrees with the coast."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.render.scalebar import COVER_CELLS_PER_IN, LandCover, _line_pieces
from explorer.war.projection import to_xy

AW, AH = 13.0, 9.0
GEO = VIEW = COVER = OTHERS = None


@pytest.fixture(autouse=True)
def _cover(chronology):
    """A 13 x 9 inch map of the peninsula with its neighbours (about a 1920 x 1080 slide's)."""
    global GEO, VIEW, COVER, OTHERS
    if COVER is None:
        GEO = chronology.geodata
        x0, y0 = (float(v) for v in to_xy(123.5, 32.8))
        x1, y1 = (float(v) for v in to_xy(131.5, 43.0))
        VIEW = (x0, x1, y0, y1)
        COVER = LandCover(GEO, VIEW, AW, AH)
        OTHERS = shapely.union_all([g for c, g in GEO.land if c != "KOR"])


def _exact(bx: float, by: float, bw: float, bh: float) -> tuple[float, float]:
    x0, x1, y0, y1 = VIEW
    mx, my = (x1 - x0) / AW, (y1 - y0) / AH
    rect = (x0 + bx * mx, y0 + by * my, x0 + (bx + bw) * mx, y0 + (by + bh) * my)
    per_in2 = mx * my
    return (shapely.clip_by_rect(GEO.korea, *rect).area / per_in2,
            shapely.clip_by_rect(OTHERS, *rect).area / per_in2)


@settings(max_examples=200, deadline=None)
@given(bx=st.floats(0, AW - 0.5), by=st.floats(0, AH - 0.5), bw=st.floats(0.3, 4.0), bh=st.floats(0.3, 4.0))
def test_land_under_any_box_is_the_coasts_to_a_cell_at_its_edges(bx, by, bw, bh):
    assume(bx + bw <= AW and by + bh <= AH)  # boxes are tried on the map only
    k, o = (float(v[0]) for v in COVER.under(np.array([bx]), np.array([by]), np.array([bx + bw]),
                                               np.array([by + bh])))
    ek, eo = _exact(bx, by, bw, bh)
    # The cells along the coast are anti-aliased, and a cell's land is taken as spread over it:
    # off by at most about half a cell all along the coast inside the box.
    edge = 2 * (bw + bh) / COVER_CELLS_PER_IN
    assert abs(k - ek) <= 0.5 * edge + 0.002
    assert abs(o - eo) <= 0.5 * edge + 0.002
    if k == 0:  # a box counted clear of Korean land is (but for specks under a hundredth of a cell)
        assert ek < 0.01 / COVER_CELLS_PER_IN ** 2
    if ek > 0.01 / COVER_CELLS_PER_IN ** 2:  # and any land that shows is counted
        assert k > 0


def test_boxes_over_the_sea_and_over_land_are_told_apart():
    x0, x1, y0, y1 = VIEW
    mx, my = (x1 - x0) / AW, (y1 - y0) / AH
    sx, sy = (float(v) for v in to_xy(127.0, 37.55))  # Seoul
    wx, wy = (float(v) for v in to_xy(124.0, 34.0))  # the Yellow Sea, south-west of the peninsula
    bx = np.array([(sx - x0) / mx - 0.2, (wx - x0) / mx - 0.2])
    by = np.array([(sy - y0) / my - 0.2, (wy - y0) / my - 0.2])
    k, o = COVER.under(bx, by, bx + 0.4, by + 0.4)
    assert abs(k[0] - 0.16) < 0.002 and o[0] == 0  # all Korean land round Seoul
    assert k[1] == 0 and o[1] == 0


def test_a_line_is_cut_into_short_pieces_of_its_whole_length():
    line = shapely.MultiLineString([[(0, 0), (1000, 0), (1000, 500)], [(2000, 0), (2000, 30)]])
    mids, lengths = _line_pieces(line, 10.0)
    assert lengths.max() <= 10.0 + 1e-9
    assert abs(lengths.sum() - line.length) < 1e-6
    assert len(mids) == len(lengths)
