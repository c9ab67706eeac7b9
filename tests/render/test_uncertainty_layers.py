"""What the map does not know for sure: line styles, ground changing hands, zones held by neither side."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from explorer.render import style
from explorer.render.export import SnapshotFigure, page_for
from explorer.render.key import day_rows, entries_shown, key_entries
from explorer.render.layers.fronts import front_dashes
from explorer.render.mapview import MapRenderer
from explorer.war.projection import to_xy


@pytest.fixture(scope="module")
def view(chronology):
    fig = Figure(figsize=(6.4, 7.2), dpi=100)
    FigureCanvasAgg(fig)
    mv = MapRenderer(fig, chronology, overlay_text=False)
    mv.home_view()
    return mv


def test_front_style_says_documented_inferred_or_interpolated(view, chronology):
    documented = next(r.date for r in chronology.records if r.status == "documented" and r.date.year == 1951)
    inferred = next(r.date for r in chronology.records if r.status == "inferred" and r.date.year == 1951)
    view.set_date(documented)
    assert view.front.get_linestyle() == "-"
    assert "front" in entries_shown(view) and "front_inferred" not in entries_shown(view)
    state = view.set_date(inferred)
    assert view.front.get_linestyle() != "-" and front_dashes(state) == style.DASH_INFERRED
    assert "front_inferred" in entries_shown(view)
    view.set_date("1950-09-24")
    assert "front_interpolated" in entries_shown(view)


def test_changing_hands_is_hatched_between_records_with_its_dates(view, chronology):
    view.set_date("1950-09-27")
    patch = view.changing.patch
    assert patch.get_visible() and patch.get_hatch() == "////"
    assert "changing" in entries_shown(view)
    # Hovering over the country north of Kwangju (UN at the 28th, communist at the 26th) names the two records.
    x, y = (float(v) for v in to_xy(126.75, 35.45))
    view.set_view(x - 40_000, x + 40_000, y - 40_000, y + 40_000)
    text = view.hover_text(x, y)
    view.home_view()
    assert text is not None and "26 September 1950" in text and "28 September 1950" in text
    # On a recorded day there is no such ground.
    view.set_date("1950-09-28")
    assert not view.changing.patch.get_visible()
    assert "changing" not in entries_shown(view)


def test_zone_held_by_neither_side_is_drawn_named_and_keyed(view, chronology):
    view.set_date("1950-11-25")
    drawn = [p for p in view.zones.patches if p.get_visible()]
    assert len(drawn) == 1 and drawn[0].get_hatch() == "xx"
    x, y = (float(v) for v in to_xy(126.75, 39.85))
    view.set_view(x - 40_000, x + 40_000, y - 40_000, y + 40_000)
    text = view.hover_text(x, y)
    view.home_view()
    assert text is not None and "Eighth Army" in text and "neither side" in text
    rows = day_rows(chronology.state_at("1950-11-25"), view.layers)
    assert "Eighth Army and X Corps" in rows["zone"] and "24\u201327 November 1950" in rows["changing"]
    view.set_date("1950-11-28")
    assert not any(p.get_visible() for p in view.zones.patches)
    # Hidden with the territory layer.
    view.set_layers([name for name in view.layers if name != "territory"])
    view.set_date("1950-11-25")
    assert not any(p.get_visible() for p in view.zones.patches) and not view.changing.patch.get_visible()
    view.set_layers([*view.layers, "territory"])


def test_key_rows_only_on_days_that_show_them(chronology):
    plain = [e.id for e in key_entries()]
    assert "changing" not in plain and "zone" not in plain and "front_inferred" not in plain
    rows = day_rows(chronology.state_at("1950-09-27"), {"territory", "front"})
    labels = [e.label for e in key_entries(day=rows)]
    assert "Changing hands, 26\u201328 September 1950" in labels


def test_export_key_lists_the_days_symbols(chronology):
    snap = SnapshotFigure(chronology, page_for(size=(1280, 720)))
    snap.set_date("1950-11-25")
    texts = [t.get_text() for t in snap.legend.get_texts()]
    assert any(t.startswith("Held by neither side: Gap between Eighth Army") for t in texts)
    assert any(t.startswith("Changing hands, 24") for t in texts)
    snap.set_date("1950-11-28")
    texts = [t.get_text() for t in snap.legend.get_texts()]
    assert not any("neither side" in t for t in texts) and not any("Changing hands" in t for t in texts)


def test_between_records_the_territory_is_the_morph_not_a_line_blend(view, chronology):
    """27 September 1950: Inchon, Kimpo, Seoul and Suwon are blue on the map drawn (the issue's worst day)."""
    view.set_date("1950-09-27")
    path = view.territory.un_fill_path
    for lon, lat in ((126.625, 37.470), (126.795, 37.558), (126.978, 37.566), (127.015, 37.265)):
        x, y = (float(v) for v in to_xy(lon, lat))
        assert path.contains_point((x, y)), (lon, lat)
    assert len(view.front.get_xydata()) > 10 and view.front.get_linestyle() != "-"
    assert front_dashes(view.state) == style.DASH_INTERPOLATED
