"""The quick test for citation-like blocks gives what the full test gives.

:func:`~explorer.sources.passages.is_citation_like` skips the features whose
words are not in a block (and stops once two are found); it must answer as
:func:`~explorer.sources.passages._is_citation_like_plainly`, which searches
every feature, on every block of the fixtures and on made-up lines that mix the
features' words, letters that fold into them ("ſ", "ı", "İ", the Kelvin sign)
and prose.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sources.documents import read_document
from explorer.sources.passages import _is_citation_like_plainly, is_citation_like

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

_PIECES = ["URL: ", "https://", "www.", "doi ", "10.1234/", "ISBN ", "ISSN", "pp. 54", "798 p. ", "Vol. 3",
           "Iss. 2", "No. 7", "[website]", "mode of access", "accessed ", "Retrieved ", "New York, ",
           "London, ", "N. Y., ", "M., ", "Press", "Publishers", "University", "Univ.", "GPO", "Routledge",
           "(Eds.)", "ed. by ", "In Cold War Journal ", "Bull", "J. ", "Review", "Quarterly",
           "Boston: Example House, 1998", "Smith, John. ", "Kim, J. ", "(1999)", "(2016, August 15)", "(n.d.)",
           "\u017f", "\u0131", "\u0130", "\u212a", "VOL.", "u\u0280l", "the army moved north", ", ", ". ", ": ",
           "1950", " ", "A", "a", "\n"]


def test_the_same_answer_on_every_block_of_the_fixtures():
    blocks = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".txt", ".md", ".html", ".htm"):
            text = read_document(path).text
            blocks.extend(b for b in text.split("\n\n") if b.strip())
            blocks.extend(line for line in text.split("\n") if line.strip())
    assert len(blocks) > 200
    assert sum(map(_is_citation_like_plainly, blocks)) > 10  # the fixtures do have citations
    for b in blocks:
        assert is_citation_like(b) == _is_citation_like_plainly(b), b


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=14))
def test_the_same_answer_on_made_up_lines(parts):
    line = "".join(parts)
    assert is_citation_like(line) == _is_citation_like_plainly(line)
