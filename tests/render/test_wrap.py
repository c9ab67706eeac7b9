"""The export's word wrap: the lines a word-by-word measuring wrap gives, for any text and width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.render.export import SnapshotFigure, page_for


@pytest.fixture(scope="module")
def snap(chronology):
    return SnapshotFigure(chronology, page_for("slide"))


def _measured_wrap(snap, text, width_in, size, weight="normal"):
    """The reference: add words one at a time, measuring each candidate line."""
    out = []
    for word in ("vol. ", "no. ", "map ", "pp. "):
        text = text.replace(word, word[:-1] + "\u00a0")
    for para in text.split("\n"):
        indent = "     " if para.startswith("[") else ""
        line = ""
        for w in para.split(" "):
            cand = f"{line} {w}" if line else w
            if line and snap._text_width_in(cand, size, weight) > width_in:
                out.append(line)
                line = indent + w
            else:
                line = cand
        out.append(line)
    return "\n".join(out)


WORDS = st.sampled_from(["Seoul", "fell", "to", "the", "North", "Korean", "People's", "Army", "on", "28", "June",
                         "1950;", "Ch\u014fngch'\u014fn", "[3]", "pp.", "vol.", "W", "iii", "", "Mossman,",
                         "Kumsong\u2013Kimhwa", "Hagaru-ri", "\u2014", "Inchon.", "MMMMMMMMMMMMMMMMMMMMMM"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=40), breaks=st.lists(st.integers(0, 39), max_size=3),
       width_in=st.floats(0.4, 9.0), size=st.sampled_from([6.5, 8, 9.5, 12, 16.5, 24]),
       weight=st.sampled_from(["normal", "bold"]))
def test_the_wrap_breaks_where_measuring_every_word_would(snap, words, breaks, width_in, size, weight):
    for b in sorted(set(breaks), reverse=True):
        if b < len(words):
            words.insert(b, "\n")
    text = " ".join(words).replace(" \n ", "\n")
    assert snap._wrap(text, width_in, size, weight) == _measured_wrap(snap, text, width_in, size, weight)
