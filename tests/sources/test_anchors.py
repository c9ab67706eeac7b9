"""Citation anchors: exact, moved, edited, orphaned; the fill and check commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sources.anchors import Citation, fill_citations, main, resolve
from explorer.sources.passages import normalise, segment

DOC = """The river campaign

The northern columns crossed the river at dawn on 3 June 1950 and took the ferry town.

By the middle of the month the defenders had fallen back to the harbour hills.

A relief force landed north of the harbour on 15 September 1950, cutting the supply road.

The truce commission first met in the schoolhouse in July 1951.
"""


def _passages(text: str = DOC, doc_id: str = "river") -> dict:
    return {doc_id: segment(doc_id, text)}


def _filled(quote: str) -> Citation:
    cit = Citation("river", quote)
    data = {"events": [{"id": "e", "citations": [cit.to_dict()]}]}
    assert fill_citations(data, _passages()) == []
    return Citation.from_dict(data["events"][0]["citations"][0])


def test_quote_too_long() -> None:
    with pytest.raises(ValueError):
        Citation("river", "one two three four five six seven eight nine ten")
    Citation("river", "one two three four five six seven eight nine")


def test_exact() -> None:
    cit = _filled("landed north of the harbour")
    assert cit.passage == 3
    res = resolve(cit, _passages())
    assert res.status == "exact" and res.passage.index == 3 and not res.moved


def test_moved_position_is_exact_but_reported() -> None:
    cit = _filled("landed north of the harbour")
    moved = DOC.replace("The river campaign\n", "The river campaign\n\nA new opening paragraph.\n")
    res = resolve(cit, _passages(moved))
    assert res.status == "exact"
    assert res.passage.index == 4
    assert res.moved and "moved" in res.note


def test_edited_passage_resolved_by_position() -> None:
    cit = _filled("landed north of the harbour")
    edited = DOC.replace("cutting the supply road", "cutting the main supply road")
    res = resolve(cit, _passages(edited))
    assert res.status == "position" and res.passage.index == 3


def test_edited_and_moved_resolved_by_quote() -> None:
    cit = _filled("landed north of the harbour")
    edited = DOC.replace("cutting the supply road", "cutting the road").replace(
        "The river campaign\n", "The river campaign\n\nOne more paragraph.\n\nAnd another.\n")
    res = resolve(cit, _passages(edited))
    assert res.status == "quote" and res.passage.index == 5 and res.moved


def test_quote_edited_resolved_fuzzily() -> None:
    cit = _filled("landed north of the harbour")
    edited = DOC.replace("landed north of the harbour", "landed north of the harbor")
    res = resolve(cit, _passages(edited))
    assert res.status == "fuzzy"
    assert res.passage.index == 3
    assert "ratio" in res.note


def test_orphaned_never_moved_silently() -> None:
    cit = _filled("landed north of the harbour")
    gone = DOC.replace("A relief force landed north of the harbour on 15 September 1950, cutting the supply road.",
                       "Something else entirely happened then.")
    res = resolve(cit, _passages(gone))
    assert res.status == "orphaned" and res.passage is None and res.orphaned
    assert resolve(cit, {}).status == "orphaned"


def test_unfilled_citation_resolves_by_quote() -> None:
    res = resolve(Citation("river", "truce commission first met"), _passages())
    assert res.status == "quote" and res.passage.index == 4


def test_fill_keeps_key_order_and_reports_missing() -> None:
    data = {"events": [{"id": "a", "citations": [
        {"source": "river", "quote": "took the ferry town", "note": "kept"},
        {"source": "river", "quote": "not in the document"},
        {"source": "elsewhere", "quote": "whatever"},
    ]}]}
    problems = fill_citations(data, _passages())
    c = data["events"][0]["citations"]
    assert list(c[0]) == ["source", "quote", "passage", "fingerprint", "note"]
    assert c[0]["passage"] == 1 and len(c[0]["fingerprint"]) == 16
    assert "passage" not in c[1]
    assert len(problems) == 2
    assert "not in the document" in problems[0] and "elsewhere" in problems[1]


def _write_sources(folder: Path) -> None:
    folder.mkdir()
    (folder / "river.txt").write_text(DOC, encoding="utf-8")


def test_fill_and_check_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    _write_sources(src)
    events = tmp_path / "events.json"
    data = {"description": "t\u00e9st", "events": [
        {"id": "landing", "start": "1950-09-15", "citations": [{"source": "river", "quote": "relief force landed"}]}]}
    events.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["fill", str(events), "--sources", str(src)]) == 0
    text = events.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "t\u00e9st" in text and '\n "events"' in text  # indent 1 kept
    cit = json.loads(text)["events"][0]["citations"][0]
    assert cit["passage"] == 3
    assert list(cit) == ["source", "quote", "passage", "fingerprint"]
    capsys.readouterr()
    assert main(["check", str(events), "--sources", str(src)]) == 0
    assert capsys.readouterr().out == ""
    # the document changes: the passage moves, then disappears
    (src / "river.txt").write_text(DOC.replace("The river campaign\n", "The river campaign\n\nNew text.\n"),
                                   encoding="utf-8")
    assert main(["check", str(events), "--sources", str(src)]) == 0
    assert "moved" in capsys.readouterr().out
    (src / "river.txt").write_text(DOC.replace("A relief force landed", "Marines came ashore"), encoding="utf-8")
    assert main(["check", str(events), "--sources", str(src)]) == 1
    assert "ORPHANED" in capsys.readouterr().out


def test_fill_geojson_and_unfound_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    _write_sources(src)
    gj = tmp_path / "fronts.geojson"
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"date": "1950-06-03", "citations": [
            {"source": "river", "quote": "crossed the river at dawn"}]}},
        {"type": "Feature", "geometry": None, "properties": {"date": "1951-07-01", "citations": [
            {"source": "river", "quote": "never written anywhere"}]}}]}
    gj.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    assert main(["fill", str(gj), "--sources", str(src)]) == 1
    out = capsys.readouterr().out
    assert "never written anywhere" in out
    new = json.loads(gj.read_text(encoding="utf-8"))
    assert new["features"][0]["properties"]["citations"][0]["passage"] == 1
    assert "passage" not in new["features"][1]["properties"]["citations"][0]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


_edit = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 10_000),
                  st.integers(0, 40), st.text(max_size=30))


@settings(max_examples=150, deadline=None)
@given(st.lists(_edit, max_size=6))
def test_random_edits_never_raise(edits) -> None:
    quotes = ["crossed the river at dawn", "fallen back to the harbour hills",
              "landed north of the harbour", "met in the schoolhouse"]
    cits = [_filled(q) for q in quotes]
    text = DOC
    for op, at, n, s in edits:
        at %= len(text) + 1
        if op == "insert":
            text = text[:at] + s + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + n:]
        else:
            text = text[:at] + s + text[at + n:]
    by_source = _passages(text)
    for c in cits:
        res = resolve(c, by_source)
        assert res.status in ("exact", "position", "quote", "fuzzy", "orphaned")
        assert (res.passage is None) == (res.status == "orphaned")
        if res.passage is not None and res.status in ("position", "quote"):
            # Quotes match on normalised text: an edit may leave a line break between the words.
            assert normalise(c.quote) in normalise(res.passage.text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh ", min_size=12, max_size=60), min_size=1, max_size=8),
       st.data())
def test_unchanged_document_always_exact(paras: list[str], data) -> None:
    text = "\n\n".join(p.strip() or "x" for p in paras)
    ps = segment("d", text)
    p = data.draw(st.sampled_from(ps))
    words = p.text.split()
    k = data.draw(st.integers(0, max(0, len(words) - 1)))
    quote = " ".join(words[k:k + 5])
    cit = Citation("d", quote, p.index, p.fingerprint)
    res = resolve(cit, {"d": ps})
    assert res.status == "exact"
    assert res.passage.fingerprint == p.fingerprint
    assert res.passage.index == p.index
