"""Fuzzing the loaders: random and mutated inputs never raise anything but our own clear errors.

GeoJSON layers (``read_features``), the dated fronts (``load_fronts``), the
events (``load_events``) and the document reader (``decode_bytes``,
``html_to_text``, ``markdown_to_text``, ``read_document``) are fed random and
mutated inputs.  A broken item must be reported (a problem naming it) or the
whole file refused with ``GeodataError`` / ``EventsError`` / ``DocumentError``.
Passage segmentation, anchor matching and the date extractor are fuzzed in
``test_passages.py``, ``test_anchors.py`` and ``test_datetext.py``.
"""

from __future__ import annotations

import copy
import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.sources.catalogue import Catalogue
from explorer.war.chronology import load_fronts
from explorer.sources.documents import DocumentError, decode_bytes, html_to_text, markdown_to_text, read_document
from explorer.war.events import EventsError, load_events
from explorer.war.geodata import GeodataError, GeodataProblem, read_features
from explorer.war.projection import project_geometries
from explorer.core.paths import geodata_dir, resources_dir

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.data_too_large])
NONE = Catalogue([])

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
json_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                             st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)
coords = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-1000, 1000),
                   st.sampled_from([126.0, 127.5, 37.5, 38.0, 1e308, -1e308]), st.text(max_size=3), st.none())
GEOM_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
              "GeometryCollection", "Feature", "", None, 7]


def _nested(depth: int):
    s = st.lists(coords, min_size=0, max_size=3)
    for _ in range(depth):
        s = st.lists(s, min_size=0, max_size=4)
    return s


geometries = st.fixed_dictionaries({
    "type": st.sampled_from(GEOM_TYPES),
    "coordinates": st.one_of(_nested(0), _nested(1), _nested(2), _nested(3), json_values),
})
features = st.one_of(
    json_values,
    st.fixed_dictionaries({"type": st.sampled_from(["Feature", "feature", "FeatureCollection", None]),
                           "id": st.one_of(st.none(), st.text(max_size=6), st.integers()),
                           "properties": st.one_of(st.none(), json_values,
                                                   st.dictionaries(st.text(max_size=6), json_values, max_size=3)),
                           "geometry": st.one_of(st.none(), geometries, json_values)}),
)
collections = st.one_of(
    json_values,
    st.fixed_dictionaries({"type": st.sampled_from(["FeatureCollection", "Feature", None]),
                           "features": st.one_of(st.lists(features, max_size=5), json_values)}),
)


def _write(folder: str, name: str, data) -> Path:
    path = Path(folder) / name
    path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    return path


def _check_problems(problems: list) -> None:
    for p in problems:
        assert isinstance(p, GeodataProblem) and p.file and str(p)


@FUZZ
@given(collections, st.sampled_from([None, ("Polygon", "MultiPolygon"), ("LineString", "MultiLineString"),
                                     ("Point",)]))
def test_random_feature_collections(data, kinds) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "random.geojson", data)
        problems: list[GeodataProblem] = []
        try:
            out = read_features(path, kinds, problems)
        except GeodataError as exc:
            assert "random.geojson" in str(exc)
            return
        _check_problems(problems)
        project_geometries([f.geometry for f in out])     # what the loader does next never raises
        for f in out:
            assert kinds is None or f.geometry.geom_type in kinds


def _sample_features(name: str, n: int) -> list[dict]:
    data = json.loads((geodata_dir() / name).read_text(encoding="utf-8"))
    feats = data["features"]
    small = sorted(feats, key=lambda f: len(json.dumps(f)))[:n]
    return small


REAL = {name: _sample_features(name, 4) for name in ("rivers.geojson", "places.geojson", "borders.geojson",
                                                      "parallel38.geojson")}


def _paths(obj, prefix=()):
    """Every (path, value) inside a JSON value."""
    yield prefix, obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw, originals: list[dict], avoid: tuple = ()):
    """A copy of a real feature with a few parts replaced, deleted or duplicated (shallow parts as often as deep)."""
    feat = copy.deepcopy(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 3))):
        spots = [p for p, _v in _paths(feat) if p and p not in avoid]
        shallow = [p for p in spots if len(p) <= 2]
        if not spots:
            break
        where = draw(st.sampled_from(shallow if shallow and draw(st.booleans()) else spots))
        parent = feat
        for key in where[:-1]:
            parent = parent[key]
        last = where[-1]
        action = draw(st.sampled_from(["replace", "delete", "number", "nan", "empty", "wrap"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(json_values)
        elif action == "number":
            parent[last] = draw(st.floats(allow_nan=False, allow_infinity=True) | st.integers(-10**30, 10**30))
        elif action == "nan":
            parent[last] = math.nan
        elif action == "empty":
            parent[last] = [] if isinstance(parent[last], list) else {}
        else:
            parent[last] = [parent[last]]
    return feat


@FUZZ
@given(st.sampled_from(sorted(REAL)), st.data())
def test_mutated_real_features(name, data) -> None:
    feats = data.draw(st.lists(mutated(REAL[name]), min_size=1, max_size=4))
    kinds = {"places.geojson": ("Point",)}.get(name, ("LineString", "MultiLineString"))
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, name, {"type": "FeatureCollection", "features": feats})
        problems: list[GeodataProblem] = []
        out = read_features(path, kinds, problems)
        _check_problems(problems)
        assert len(out) + len({p.feature for p in problems}) >= 1
        project_geometries([f.geometry for f in out])


FRONTS = json.loads((geodata_dir() / "fronts.geojson").read_text(encoding="utf-8"))["features"]
FRONT_SAMPLE = [FRONTS[i] for i in (0, 40, 60, len(FRONTS) - 1)]


@FUZZ
@given(st.lists(mutated(FRONT_SAMPLE), min_size=1, max_size=3))
def test_mutated_fronts(feats) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "fronts.geojson", {"type": "FeatureCollection", "features": FRONT_SAMPLE[:1] + feats})
        problems: list[GeodataProblem] = []
        records = load_fronts(path, problems)
        _check_problems(problems)
        assert records, "the unmutated first front is always kept"
        for r in records:
            r.un_side          # territory can be built from every record kept
            r.main_resampled


@pytest.mark.parametrize("change", ["properties-list", "geometry-list", "parts-dict", "citations-number"])
def test_front_with_wrong_json_types_is_reported_not_raised(change) -> None:
    feat = copy.deepcopy(FRONT_SAMPLE[1])
    if change == "properties-list":
        feat["properties"] = [feat["properties"]]
    elif change == "geometry-list":
        feat["geometry"] = [feat["geometry"]]
    elif change == "parts-dict":
        feat["properties"]["parts"] = {"front": 1}
    else:
        feat["properties"]["citations"] = 1.0
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "fronts.geojson", {"type": "FeatureCollection", "features": [FRONT_SAMPLE[0], feat]})
        problems: list[GeodataProblem] = []
        records = load_fronts(path, problems)
    assert len(records) + len(problems) >= 2


PLACES = _sample_features("places.geojson", 6)


def test_place_with_infinite_rank_is_reported_not_raised() -> None:
    from explorer.war.geodata import _load_cached

    feat = copy.deepcopy(PLACES[0])
    feat["properties"]["rank"] = math.inf
    with tempfile.TemporaryDirectory() as tmp:
        _write(tmp, "places.geojson", {"type": "FeatureCollection", "features": [feat]})
        gd = _load_cached.__wrapped__(Path(tmp))
    assert any("rank" in str(p) for p in gd.problems)


@FUZZ
@given(st.lists(mutated(PLACES), min_size=1, max_size=4))
def test_mutated_places_through_the_geodata_loader(feats) -> None:
    """The whole layer loader (names, ranks, projection) on a folder holding only mutated places."""
    from explorer.war.geodata import _load_cached

    with tempfile.TemporaryDirectory() as tmp:
        _write(tmp, "places.geojson", {"type": "FeatureCollection", "features": feats})
        gd = _load_cached.__wrapped__(Path(tmp))
        _check_problems(gd.problems)
        assert all(math.isfinite(p.x) and math.isfinite(p.y) for p in gd.places)


EVENTS = json.loads((resources_dir() / "events.json").read_text(encoding="utf-8"))["events"]
EVENT_SAMPLE = [e for e in EVENTS if e.get("citations")][:3] + [e for e in EVENTS if e.get("place")][:2]


@FUZZ
@given(st.lists(mutated(EVENT_SAMPLE), min_size=1, max_size=4), st.lists(json_values, max_size=2))
def test_mutated_events(evs, junk) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "events.json", {"events": EVENT_SAMPLE[:1] + evs + junk})
        problems: list[str] = []
        out = load_events(path, problems, phases={"invasion", "pusan", "inchon", "division", "chinese",
                                                  "stalemate", "armistice"})
        assert all("events.json" in p for p in problems)
        assert len(out) + len(problems) == 1 + len(evs) + len(junk)


@FUZZ
@given(json_values)
def test_random_events_files(data) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "events.json", data)
        try:
            load_events(path, [])
        except EventsError as exc:
            assert "events.json" in str(exc)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_decode_or_refuse(data) -> None:
    try:
        text = decode_bytes(data, "x.txt")
    except DocumentError as exc:
        assert "x.txt" in str(exc)
        return
    assert "\r" not in text


HTML_BITS = st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<iframe src='http://e.invalid'>", "</iframe>",
                             "<br>", "<li>", "<ol>", "</ol>", "<pre>", "</pre>", "<title>", "</title>", "&amp;",
                             "&#0;", "&#xD800;", "<!--", "-->", "<![CDATA[", "<img src=http://e.invalid/a.png>",
                             "<svg>", "</svg>", "\x00", "<", ">", "1950", "June 25, 1950", "# ", "**", "[a](b)"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(HTML_BITS, st.text(max_size=8)), max_size=30))
def test_html_and_markdown_text_never_raise(parts) -> None:
    src = "".join(parts)
    out = html_to_text(src)
    if "<!--" not in src and "<![" not in src:
        # Markup is never text (an unterminated comment makes the rest plain text, which is harmless).
        assert "e.invalid" not in out
    markdown_to_text(src)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".html", ""]))
def test_read_document_reads_or_refuses(data, suffix) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path, catalogue=NONE)
        except DocumentError as exc:
            assert str(path) in str(exc)
            return
        assert doc.text.strip()
