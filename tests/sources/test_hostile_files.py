"""Hostile and broken files: refused or capped with a clear line, never a stall, a crash or a fetch.

Every file is made here.  Each is read through :class:`SourceLibrary`, as the
window reads a folder, with every socket function replaced by one that fails
the test; a generous time bound (well above what they take on a loaded
machine) catches a stall without measuring speed.
"""

from __future__ import annotations

import socket
import time
import zipfile
from pathlib import Path

import pytest

from explorer.sources.catalogue import Catalogue
from explorer.sources.library import SourceLibrary
from explorer.sources.extract_pdf import MAX_PAGES
from tests.sources.docfactory import (
    encrypted_pdf,
    make_docx,
    make_epub,
    make_image_pdf,
    make_many_page_pdf,
    make_pdf,
    zip_bomb,
)

NONE = Catalogue([])
#: No hostile file may hold the loader longer than this (they take well under a second alone).
BOUND_S = 60.0


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list:
    tries: list = []

    def refuse(*args, **kwargs):
        tries.append(args[:3])
        raise OSError("network blocked by the test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield tries
    assert tries == [], f"a document made the app use the network: {tries}"


def _load(*paths: Path) -> tuple[SourceLibrary, float]:
    lib = SourceLibrary(NONE)
    t0 = time.perf_counter()
    lib.add(paths)
    return lib, time.perf_counter() - t0


def _problem(lib: SourceLibrary, path: Path) -> str:
    lines = lib.problems_of(path)
    assert lines, f"no problem listed for {path.name}: {lib.problems}"
    assert all(str(path) in line for line in lines)
    return " ".join(lines)


@pytest.mark.parametrize("name,member,extra", [
    ("bomb.docx", "word/document.xml", {"[Content_Types].xml": "<Types/>"}),
    ("bomb.epub", "OEBPS/ch1.xhtml", {
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": '<container><rootfiles><rootfile full-path="OEBPS/p.opf"/></rootfiles></container>',
        "OEBPS/p.opf": '<package><manifest><item id="a" href="ch1.xhtml" media-type="application/xhtml+xml"/>'
                       '</manifest><spine><itemref idref="a"/></spine></package>'}),
    ("bomb.odt", "content.xml", {"mimetype": "application/vnd.oasis.opendocument.text"}),
])
def test_a_zip_bomb_posing_as_a_document_is_refused(tmp_path: Path, name: str, member: str, extra: dict) -> None:
    bomb = zip_bomb(tmp_path / name, member, megabytes=40, extra=extra)
    assert bomb.stat().st_size < 200_000
    lib, took = _load(bomb)
    assert took < BOUND_S
    assert lib.documents == {}
    assert "zip bomb" in _problem(lib, bomb)


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "laughs.docx"
    body = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("word/document.xml", body)
    lib, _ = _load(f)
    assert "entities" in _problem(lib, f)


def test_a_ten_thousand_page_pdf_is_capped(tmp_path: Path) -> None:
    big = make_many_page_pdf(tmp_path / "huge.pdf", 10_000)
    lib, took = _load(big)
    assert took < BOUND_S
    (doc,) = lib.documents.values()
    assert doc.pages == MAX_PAGES
    line = _problem(lib, big)
    assert f"only the first {MAX_PAGES} of its 10000 pages were read" in line


@pytest.mark.parametrize("content,expected", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
     "PDF"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 40, "not a readable PDF"),
    (b"This is a text file that only pretends to be a PDF.\n", "not a readable PDF"),
])
def test_a_malformed_pdf_is_a_clear_problem(tmp_path: Path, content: bytes, expected: str) -> None:
    f = tmp_path / "broken.pdf"
    f.write_bytes(content)
    lib, took = _load(f)
    assert took < BOUND_S
    assert lib.documents == {}
    assert expected in _problem(lib, f)


def test_an_encrypted_pdf_is_listed_as_such(tmp_path: Path) -> None:
    f = encrypted_pdf(tmp_path / "locked.pdf")
    lib, _ = _load(f)
    assert lib.documents == {}
    assert "encrypted PDF" in _problem(lib, f)


def test_a_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    f = make_image_pdf(tmp_path / "scan.pdf")
    lib, _ = _load(f)
    assert lib.documents == {}
    assert "scanned, no text: run OCR first" in _problem(lib, f)


def test_remote_references_are_named_and_never_fetched(tmp_path: Path, no_network: list) -> None:
    docx = make_docx(tmp_path / "linked.docx", [("p", "A report of 12 May 1952 with a linked picture.")],
                     external_image="http://192.0.2.7/photo.png")
    epub = make_epub(tmp_path / "linked.epub", ['<p>A chapter of 1953.<img src="http://192.0.2.7/x.png"/></p>'],
                     remote_image="http://192.0.2.7/cover.png")
    html = tmp_path / "linked.html"
    html.write_text('<html><head><link rel="stylesheet" href="http://192.0.2.7/s.css"></head><body>'
                    '<img src="http://192.0.2.7/a.png"><iframe src="http://192.0.2.7/f"></iframe>'
                    "<p>Written in June 1951.</p></body></html>", encoding="utf-8")
    pdf = make_pdf(tmp_path / "plain.pdf", [["A page of 1950 with no links at all."]])
    lib, _ = _load(docx, epub, html, pdf)
    assert len(lib.documents) == 4
    assert "1 remote file" in _problem(lib, docx) and "not fetched" in _problem(lib, docx)
    assert "1 remote file" in _problem(lib, epub)
    assert no_network == []


def test_one_hostile_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Seoul was retaken on 14 March 1951.\n", encoding="utf-8")
    bomb = zip_bomb(tmp_path / "bomb.docx", "word/document.xml", megabytes=8)
    locked = encrypted_pdf(tmp_path / "locked.pdf")
    lib, _ = _load(bomb, locked, good)
    assert [d.path.name for d in lib.documents.values()] == ["good.txt"]
    assert len(lib.problems) == 2
