"""Every format a historian keeps: text, Markdown, HTML, PDF, DOCX, ODT, EPUB.

One table of documents saying the same things in each format (our own words),
each read with :func:`read_document` and cut into passages: the heading, the
paragraph and the dated list entries come out as passages with their dates,
whatever the format.  Then what only some formats have: PDF pages, running
heads, hyphenation; Word tables and tracked changes; EPUB reading order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.sources.catalogue import Catalogue
from explorer.sources.documents import DOCUMENT_SUFFIXES, DocumentError, decode_bytes, html_to_text, read_document
from explorer.sources.library import SourceLibrary
from explorer.sources.passages import segment

from tests.sources.docfactory import make_docx, make_epub, make_odt, make_pdf

NONE = Catalogue([])

HEADING = "The First Weeks"
PARA = "The northern army crossed the border at dawn on 25 June 1950 and took the capital three days later."
ITEMS = ["5 July 1950: a small American force met the tanks north of Osan.",
         "20 July 1950: Taejon was lost after a hard fight for the river line."]


def _txt(path: Path) -> Path:
    path = path.with_suffix(".txt")
    path.write_text(f"{HEADING}\n\n{PARA}\n\n" + "\n".join(f"- {i}" for i in ITEMS) + "\n", encoding="utf-8")
    return path


def _md(path: Path) -> Path:
    path = path.with_suffix(".md")
    path.write_text(f"# {HEADING}\n\n{PARA.replace('dawn', '*dawn*')}\n\n"
                    + "\n".join(f"* {i}" for i in ITEMS) + "\n", encoding="utf-8")
    return path


def _html(path: Path) -> Path:
    path = path.with_suffix(".html")
    path.write_text(f"<html><head><title>{HEADING}</title></head><body><h1>{HEADING}</h1><p>{PARA}</p><ul>"
                    + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul></body></html>", encoding="utf-8")
    return path


def _pdf(path: Path) -> Path:
    return make_pdf(path.with_suffix(".pdf"), [[HEADING, "", PARA[:60], PARA[60:], ""], ["- " + i for i in ITEMS]],
                    title=HEADING, author="A. Writer")


def _docx(path: Path) -> Path:
    return make_docx(path.with_suffix(".docx"), [("h1", HEADING), ("p", PARA)] + [("li", i) for i in ITEMS],
                     title=HEADING, author="A. Writer")


def _odt(path: Path) -> Path:
    return make_odt(path.with_suffix(".odt"), [("h1", HEADING), ("p", PARA)] + [("li", i) for i in ITEMS],
                    title=HEADING, author="A. Writer")


def _epub(path: Path) -> Path:
    return make_epub(path.with_suffix(".epub"),
                     [f"<h1>{HEADING}</h1><p>{PARA}</p>", "<ul>" + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul>"],
                     title=HEADING, author="A. Writer", date="2019-03-01")


# format, writer, has pages, has a heading mark, author from the metadata
FORMATS = [
    ("text", _txt, False, False, ""),
    ("markdown", _md, False, True, ""),
    ("html", _html, False, True, ""),
    ("pdf", _pdf, True, False, "A. Writer"),
    ("docx", _docx, False, True, "A. Writer"),
    ("odt", _odt, False, True, "A. Writer"),
    ("epub", _epub, False, True, "A. Writer"),
]


@pytest.mark.parametrize("fmt,writer,paged,marked,author", FORMATS, ids=[f[0] for f in FORMATS])
def test_every_format_gives_the_same_passages_and_dates(tmp_path: Path, fmt, writer, paged, marked, author) -> None:
    doc = read_document(writer(tmp_path / "doc"), catalogue=NONE)
    assert doc.fmt == fmt
    assert doc.title == HEADING
    assert doc.author == author
    passages = segment(doc.id, doc.text)
    texts = [p.text for p in passages]
    assert HEADING in texts
    assert PARA in texts, texts
    for item in ITEMS:
        assert item in texts, texts
    dated = {p.text: p.dates[0].start for p in passages if p.dates}
    assert dated[PARA] == dt.date(1950, 6, 25)
    assert dated[ITEMS[0]] == dt.date(1950, 7, 5)
    assert dated[ITEMS[1]] == dt.date(1950, 7, 20)
    if marked:
        assert [(doc.text[s:e], level) for s, e, level in doc.headings] == [(HEADING, 1)]
    if paged:
        assert doc.pages == 2
        para = next(p for p in passages if p.text == PARA)
        item = next(p for p in passages if p.text == ITEMS[1])
        assert (doc.page_at(para.start), doc.page_at(item.start)) == ("1", "2")
    else:
        assert doc.pages == 0 and doc.page_at(0) is None


def test_every_document_suffix_is_in_the_table() -> None:
    assert {f[0] for f in FORMATS} == set(DOCUMENT_SUFFIXES.values())


def test_epub_year_comes_from_its_metadata(tmp_path: Path) -> None:
    assert read_document(_epub(tmp_path / "b"), catalogue=NONE).year == 2019


# --------------------------------------------------------------------------- PDF


def _book_page(n: int) -> list[str]:
    return [f"Chapter notes, part {n}. The division held the ridge for a week and then fell back",
            "to the river, where the engineers had built two bridges during the night and where",
            "the supply trucks waited in long columns for the order to cross under the guns.",
            "",
            f"On {n} August 1950 the line was shortened once more."]


def test_pdf_leaves_out_running_heads_and_page_numbers_and_labels_pages_as_printed(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "chapter.pdf", [_book_page(n) for n in range(1, 7)], head="A HISTORY OF THE RIDGE",
                   first_number=145)
    doc = read_document(pdf, catalogue=NONE)
    assert "A HISTORY OF THE RIDGE" not in doc.text
    assert "\n145\n" not in doc.text and not doc.text.startswith("145")
    assert doc.page_labels == [str(n) for n in range(145, 151)]
    lib = SourceLibrary(NONE)
    lib.add([pdf])
    dated = [p for p in lib.passages(doc.id) if p.dates]
    assert [lib.page_of(p) for p in dated] == [str(n) for n in range(145, 151)]
    assert [p.dates[0].start for p in dated] == [dt.date(1950, 8, n) for n in range(1, 7)]
    # The three lines of each page's first paragraph are one passage.
    first = next(p for p in lib.passages(doc.id) if p.text.startswith("Chapter notes, part 3."))
    assert first.text.endswith("to cross under the guns.")


def test_pdf_page_numbers_inside_running_heads_label_the_pages_and_front_matter_is_roman(tmp_path: Path) -> None:
    front = [["Contents", "", "1 The Ridge"], ["Preface", "", "These notes were written for a class."]]
    body = [[f"Chapter 1: The Ridge {n}"] + _book_page(n)[:3] + [""] + [f"Patrols went out on {n} May 1951."]
            for n in range(1, 6)]
    doc = read_document(make_pdf(tmp_path / "r.pdf", front + body, head=None, first_number=None), catalogue=NONE)
    assert doc.page_labels == ["i", "ii", "1", "2", "3", "4", "5"]
    assert "Chapter 1: The Ridge" not in doc.text
    passages = segment(doc.id, doc.text)
    may3 = next(p for p in passages if "3 May 1951" in p.text)
    assert doc.page_at(may3.start) == "3"


def test_pdf_joins_words_hyphenated_across_lines(tmp_path: Path) -> None:
    lines = ["The retreat from the reservoir is remembered as one of the hardest march-",
             "es of the war, fought in deep cold by men who had not slept for days at",
             "a time."]
    doc = read_document(make_pdf(tmp_path / "h.pdf", [lines], head=None), catalogue=NONE)
    assert "hardest marches of the war" in doc.text
    assert "march-" not in doc.text


def test_pdf_year_headings_are_not_taken_for_page_numbers(tmp_path: Path) -> None:
    pages = [["1951", "", "January 4: the capital was given up a second time."],
             ["1952", "", "June 23: the power plants on the Yalu were bombed."],
             ["1953", "", "July 27: the armistice was signed at Panmunjom."]]
    doc = read_document(make_pdf(tmp_path / "y.pdf", pages, head=None), catalogue=NONE)
    passages = segment(doc.id, doc.text)
    starts = [p.dates[0].start for p in passages if p.dates and p.dates[0].precision == "day"]
    assert starts == [dt.date(1951, 1, 4), dt.date(1952, 6, 23), dt.date(1953, 7, 27)]


def test_a_paragraph_running_over_a_page_break_is_one_passage(tmp_path: Path) -> None:
    long = "word " * 14
    pages = [[f"The talks began in July 1951 at Kaesong, {long}", f"and moved in October to {long}"],
             ["the village of Panmunjom, where they went on for two more years."]]
    doc = read_document(make_pdf(tmp_path / "b.pdf", pages, head=None), catalogue=NONE)
    passages = segment(doc.id, doc.text)
    whole = next(p for p in passages if "Kaesong" in p.text)
    assert whole.text.endswith("for two more years.")
    assert doc.page_at(whole.start) == "1"


# --------------------------------------------------------------------------- DOCX, ODT, EPUB details


def test_docx_tables_keep_cells_apart_and_deleted_text_is_left_out(tmp_path: Path) -> None:
    f = make_docx(tmp_path / "t.docx", [("p", "A table of dates follows.")], deleted="Words struck out in review.",
                  table=[["25 June 1950", "The invasion"], ["15 September 1950", "The landing at Inchon"]])
    doc = read_document(f, catalogue=NONE)
    assert "25 June 1950\tThe invasion" in doc.text
    assert "struck out" not in doc.text
    dated = [p.dates[0].start for p in segment(doc.id, doc.text) if p.dates]
    assert dated == [dt.date(1950, 6, 25), dt.date(1950, 9, 15)]


def test_odt_leaves_out_footnotes(tmp_path: Path) -> None:
    doc = read_document(make_odt(tmp_path / "n.odt", [("p", "Body text of 1951.")]), catalogue=NONE)
    assert "Body text of 1951." in doc.text
    assert "footnote" not in doc.text


def test_epub_chapters_in_spine_order(tmp_path: Path) -> None:
    f = make_epub(tmp_path / "o.epub", ["<p>First chapter.</p>", "<p>Second chapter.</p>", "<p>Third chapter.</p>"])
    text = read_document(f, catalogue=NONE).text
    assert text.index("First") < text.index("Second") < text.index("Third")


# --------------------------------------------------------------------------- HTML tables, cp1251


def test_html_table_cells_are_separated() -> None:
    text = html_to_text("<table><tr><th>Date</th><th>Event</th></tr>"
                        "<tr><td>June 25, 1950</td><td>North Korea invades</td></tr></table>")
    assert "June 25, 1950\tNorth Korea invades" in text
    assert "1950North" not in text
    passages = segment("t", text)
    entry = next(p for p in passages if "invades" in p.text)
    assert entry.dates[0].start == dt.date(1950, 6, 25)


CYRILLIC = "Война в Корее началась летом 1950 года и закончилась перемирием в июле 1953 года."


def test_russian_cp1251_is_recognised() -> None:
    assert decode_bytes(CYRILLIC.encode("cp1251")) == CYRILLIC


@pytest.mark.parametrize("western", [
    "Les troupes françaises arrivèrent en Corée à l'automne; l'été suivant fut très dur.",
    "Die Größe der Armee wuchs; Mitte März erreichte sie wieder die alte Grenze südlich von Ch'ŏrwŏn.",
    "Le bataillon de Corée, créé en 1950, combattit à Chipyong-ni en février 1951 où il résista.",
])
def test_western_cp1252_is_still_cp1252(western: str) -> None:
    data = western.encode("cp1252", errors="replace")
    assert decode_bytes(data) == data.decode("cp1252")


# --------------------------------------------------------------------------- mangled files never crash

_SEEDS: dict[str, bytes] = {}


def _seed_bytes(fmt: str, tmp: Path) -> bytes:
    if fmt not in _SEEDS:
        writer = {"pdf": _pdf, "docx": _docx, "odt": _odt, "epub": _epub}[fmt]
        _SEEDS[fmt] = writer(tmp / f"seed-{fmt}").read_bytes()
    return _SEEDS[fmt]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "epub"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_files_give_a_clear_error_or_text(tmp_path: Path, fmt: str, data) -> None:
    raw = bytearray(_seed_bytes(fmt, tmp_path))
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["flip", "cut", "zero"]))
        at = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[at] ^= data.draw(st.integers(1, 255))
        elif op == "cut":
            del raw[at:]
            if not raw:
                raw = bytearray(b"x")
        else:
            raw[at:at + 64] = bytes(min(64, len(raw) - at))
    f = tmp_path / f"mangled.{fmt}"
    f.write_bytes(bytes(raw))
    try:
        doc = read_document(f, catalogue=NONE)
    except DocumentError as exc:
        assert str(f) in str(exc)
    else:
        assert doc.text.strip()


def test_a_paragraph_with_a_word_hyphenated_inside_it_stays_one_passage(tmp_path: Path) -> None:
    """PDFium joins a hyphenated line to the next without a line break: the line after it is not a new paragraph."""
    lines = ["On 15 September 1950 the marines landed at Inchon on the evening tide, far be-",
             "hind the northern army's front, while in the south the Eighth Army waited for",
             "the news before it tried to break out of the perimeter along the Naktong, and",
             "the roads behind both armies were crowded with refugees going south in the",
             "rain, with carts and cattle and everything they could carry on their backs."]
    doc = read_document(make_pdf(tmp_path / "p.pdf", [lines], head=None, first_number=None), catalogue=NONE)
    assert "far behind the northern" in doc.text
    passages = segment(doc.id, doc.text)
    assert len(passages) == 1, [p.text[:40] for p in passages]
