"""Places named in passages, in every spelling the sources use."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from explorer.sources.places import ALIASES_FILE, PlaceMatcher, PlaceSpelling, fold, read_aliases

GEODATA = Path(__file__).resolve().parents[2] / "geodata"

# (text, places expected, in order) -- sentences our own.
CASES = [
    ("The city of P'y\u014fngyang fell on 19 October.", ("Pyongyang",)),
    ("Troops left Pyongyang's airfield.", ("Pyongyang",)),
    ("The port of H\u016dngnam, Hungnam and Heungnam are one place.", ("Hungnam",)),
    ("Fighting on the Ch'\u014fngch'\u014fn and the Chongchon River.", ("Chongchon",)),
    ("Keij\u014d, Fusan, Jinsen, Heij\u014d, Genzan, K\u014dnan, Ch\u014dshin.",
     ("Seoul", "Pusan", "Inchon", "Pyongyang", "Wonsan", "Hungnam", "Chosin Reservoir")),
    ("Keijo and Heijo without their macrons.", ("Seoul", "Pyongyang")),
    ("The old harbour of Chemulpo.", ("Inchon",)),
    ("Busan, Daegu, Daejeon and Incheon on a modern map.", ("Pusan", "Taegu", "Taejon", "Inchon")),
    ("\ubd80\uc0b0\uc5d0\uc11c \ud3c9\uc591\uae4c\uc9c0", ("Pusan", "Pyongyang")),
    ("The Chosin Reservoir and Yudam ni, Yudam-ni, Yudamni.", ("Chosin Reservoir", "Yudam-ni")),
    ("The Han River and the Naktong.", ("Han", "Naktong")),
    # not places
    ("The Han dynasty and a man named Han.", ()),
    ("he said inje and osan in lower case", ()),
    ("\ubd81\ud55c\uc758 \uc785\uc7a5", ()),                # 북한 (North Korea) is not the Pukhan river
    ("Unsanctioned moves", ()),
]


@pytest.fixture(scope="module")
def matcher() -> PlaceMatcher:
    return PlaceMatcher.load(GEODATA)


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:24] for c in CASES])
def test_places_found(matcher, text, expected):
    assert matcher.find(text) == expected


def test_every_alias_names_a_place_of_the_gazetteer(matcher):
    names = {f["properties"]["name"] for f in json.loads((GEODATA / "places.geojson").read_text("utf-8"))["features"]}
    names |= {f["properties"]["name"] for f in json.loads((GEODATA / "rivers.geojson").read_text("utf-8"))["features"]}
    aliases = read_aliases(GEODATA / ALIASES_FILE)
    assert len(aliases) > 150
    unknown = sorted({a.name for a in aliases} - names)
    assert not unknown, f"aliases of places not in the gazetteer: {unknown}"
    systems = {a.system for a in aliases}
    assert {"mr", "rr", "japanese", "western", "hangul"} <= systems


def test_canonical_names_from_any_spelling(matcher):
    for spelling in ("Busan", "busan", "Fusan", "\ubd80\uc0b0", "Pusan"):
        assert matcher.canonical(spelling) == "Pusan"
    assert matcher.canonical("Chemulpo") == "Inchon"
    assert matcher.canonical("Kunuri") == "Kunu-ri"
    assert matcher.canonical("Atlantis") is None


def test_fold_drops_breves_and_apostrophes_not_hangul():
    assert fold("P'y\u014fngyang") == "Pyongyang"
    assert fold("Ch\u2019\u014fngch\u2019\u014fn") == "Chongchon"
    assert fold("\ubd80\uc0b0") == "\ubd80\uc0b0"


def test_bad_aliases_file_names_the_file_and_line(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("alias,name,system\nFusan,Pusan,japanese\n,Pusan,mr\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"aliases\.csv, line 3"):
        read_aliases(f)


def test_missing_files_give_an_empty_matcher(tmp_path):
    m = PlaceMatcher.load(tmp_path)
    assert m.find("Pusan and Seoul") == ()


def test_aliases_of_unknown_places_are_ignored():
    m = PlaceMatcher.from_gazetteer([("Pusan", "Busan")], aliases=[PlaceSpelling("Fusan", "Pusan", "japanese"),
                                                                    PlaceSpelling("Nowhere", "Atlantis", "other")])
    assert m.find("Fusan and Nowhere") == ("Pusan",)


def test_matching_is_fast(matcher):
    text = ("The regiment moved from Taejon through Kumhwa toward the Chosin Reservoir while "
            "other units held near Pusan and Masan. ") * 500
    t = time.perf_counter()
    found = matcher.find(text)
    assert time.perf_counter() - t < 0.5
    assert found == ("Taejon", "Kumhwa", "Chosin Reservoir", "Pusan", "Masan")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["Pusan", "Busan", "P'y\u014fngyang", "Yudam", "ni", "-", " ", "'s", "\ubd80\uc0b0",
                          "\uc5d0\uc11c", "Han", "River", "the", "Chosin", "Reservoir", "\u0306", "\n", "Keij\u014d",
                          "x", "\u2019", "Ch"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=25))
def test_matching_never_crashes_and_names_only_known_places(words):
    m = PlaceMatcher.load(GEODATA)
    text = "".join(words)
    found = m.find(text)
    assert set(found) <= set(m.names)
    assert len(found) == len(set(found))
    for name, b, e in m.find_spans(text):
        assert 0 <= b < e <= len(fold(text))
