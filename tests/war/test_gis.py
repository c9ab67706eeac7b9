"""export-data: the war as GIS layers a GIS program reads back, with dates QGIS's Temporal Controller plays."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from explorer.war import gis
from explorer.war.chronology import COMMUNIST, UN

gpd = pytest.importorskip("geopandas", reason="the gis extra (geopandas) is not installed")


@pytest.fixture(scope="module")
def layers(chronology):
    return {layer.name: layer for layer in gis.build_layers(chronology)}


def test_geopackage_has_one_feature_per_recorded_front_with_its_dates(chronology, tmp_path):
    out = tmp_path / "war.gpkg"
    assert gis.export_data(chronology, out) == [out]
    assert [p.name for p in tmp_path.iterdir()] == ["war.gpkg"]  # no temporary file left
    import pyogrio

    listed = [tuple(row) for row in pyogrio.list_layers(out)]
    assert listed[:2] == [("fronts", "MultiLineString"), ("territory", "MultiPolygon")]
    assert listed[-2:] == [("places", "Point"), ("events", "Point")]
    fronts = gpd.read_file(out, layer="fronts")
    assert fronts.crs.to_epsg() == 4326
    assert len(fronts) == len(chronology.records)
    records = chronology.records
    assert list(fronts["front_date"]) == [r.date.isoformat() for r in records]
    assert [d.date() for d in fronts["valid_from"]] == [r.date for r in records]
    # Each front stands until the day before the next: the layer's dates tile the war without gaps.
    for i in range(len(records) - 1):
        assert fronts["valid_to"][i].date() == records[i + 1].date - dt.timedelta(days=1)
    assert fronts["valid_to"].iloc[-1].date() == dt.date(1953, 7, 27)
    # The main line of 15 September 1950 (Pusan perimeter and Inchon) lies in Korea.
    inchon = fronts[fronts["front_date"] == "1950-09-15"].iloc[0]
    minx, miny, maxx, maxy = inchon.geometry.bounds
    assert 121 < minx and maxx < 133 and 33 < miny and maxy < 43  # sea legs reach off the coasts
    assert inchon["enclaves"] == len(chronology.record_on(dt.date(1950, 9, 15)).rings)


def test_territory_per_record_splits_korea_between_the_sides(chronology, layers):
    terr = layers["territory"]
    assert len(terr) == 2 * len(chronology.records)
    sides = terr.fields["side"]
    assert sides[:2] == [UN, COMMUNIST]
    # On 15 September 1950 the UN held the Pusan perimeter only: far less than half of Korea.
    i = terr.fields["front_date"].index("1950-09-15")
    un_km2, communist_km2 = terr.fields["area_km2"][i], terr.fields["area_km2"][i + 1]
    assert un_km2 < communist_km2 / 2
    assert terr.geometry[i].is_valid and terr.geometry[i + 1].is_valid


def test_places_and_events_layers(chronology, layers):
    places, events = layers["places"], layers["events"]
    assert len(places) == len(chronology.geodata.places)
    assert "Pusan" in places.fields["name"] and "Busan" in places.fields["modern"]
    assert len(events) == len(chronology.events)
    i = [e.id for e in chronology.events].index(chronology.events[0].id)
    assert events.fields["valid_from"][i] == chronology.events[0].start
    with_place = [e for e in chronology.events if e.place is not None]
    assert sum(g is not None for g in events.geometry) == len(with_place) > 0


def test_geojson_writes_one_file_per_layer_with_iso_dates(chronology, tmp_path):
    written = gis.export_data(chronology, tmp_path / "war.geojson")
    names = [layer.name for layer in gis.build_layers(chronology)]
    assert {"fronts", "territory", "places", "events"} <= set(names)
    assert sorted(p.name for p in written) == sorted(f"war_{n}.geojson" for n in names)
    data = json.loads((tmp_path / "war_fronts.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) == len(chronology.records)
    assert data["features"][0]["properties"]["valid_from"] == chronology.records[0].date.isoformat()


def test_existing_file_and_bad_names_are_refused(chronology, tmp_path, capsys):
    from explorer.cli import main

    out = tmp_path / "war.gpkg"
    out.write_bytes(b"someone's map")
    assert main(["export-data", "--out", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert out.read_bytes() == b"someone's map"
    assert main(["export-data", "--out", str(tmp_path / "war.kml")]) == 2
    assert ".gpkg, .geojson or .shp" in capsys.readouterr().err
    assert main(["export-data", "--out", str(out), "--overwrite"]) == 0
    assert "fronts (" in capsys.readouterr().out
    assert len(gpd.read_file(out, layer="fronts")) == len(chronology.records)


def test_without_geopandas_the_message_says_how_to_install_it(chronology, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "geopandas", None)
    with pytest.raises(gis.GisExportError, match=r"korean-war-explorer\[gis\]"):
        gis.export_data(chronology, tmp_path / "war.gpkg")
    from explorer.cli import main

    assert main(["export-data", "--out", str(tmp_path / "war.gpkg")]) == 2
    assert "needs geopandas" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_zones_and_towns_taken_are_dated_layers(chronology, layers):
    zones = [(rec, z) for rec in chronology.records for z in rec.zones]
    taken = [(rec, tk) for rec in chronology.records for tk in rec.taken]
    if not zones and not taken:
        pytest.skip("the fronts record no zones and no towns taken")
    if zones:
        layer = layers["zones"]
        assert len(layer) == len(zones)
        rec, z = zones[0]
        assert layer.fields["name"][0] == z.name and layer.fields["kind"][0] == z.kind
        assert layer.fields["valid_from"][0] == (z.since or rec.date)
        assert layer.geometry[0].is_valid and layer.geometry[0].area > 0
    if taken:
        layer = layers["taken"]
        assert len(layer) == len(taken)
        rec, tk = taken[0]
        assert layer.fields["place"][0] == tk.place and layer.fields["valid_from"][0] == tk.date
        assert layer.fields["by"][0] in (UN, COMMUNIST)
