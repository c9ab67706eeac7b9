"""Reading documents: formats, encodings, rejected files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.atomic import atomic_write_text
from explorer.sources.catalogue import Catalogue
from explorer.sources.documents import (
    DocumentError,
    decode_bytes,
    html_to_text,
    markdown_to_text,
    read_document,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "passages"
NONE = Catalogue([])


def test_plain_text_title_is_first_line(tmp_path: Path) -> None:
    f = tmp_path / "My Notes.txt"
    f.write_text("\n\n   A title line   \n\nBody text in 1950.\n", encoding="utf-8")
    doc = read_document(f, catalogue=NONE)
    assert doc.title == "A title line"
    assert doc.id == "my-notes"
    assert doc.fmt == "text"
    assert "Body text in 1950." in doc.text


def test_long_first_line_is_trimmed(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text("word " * 100, encoding="utf-8")
    assert len(read_document(f, catalogue=NONE).title) == 120


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffFirst line\r\nsecond \u2014 line\r\n".encode("utf-8"))
    doc = read_document(f, catalogue=NONE)
    assert doc.text == "First line\nsecond \u2014 line\n"
    assert doc.title == "First line"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "wide.txt"
    text = "Pyongyang fell on 19 October 1950 \u2013 \u201cquickly\u201d.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    assert read_document(f, catalogue=NONE).text == text


def test_cp1252_fallback(tmp_path: Path) -> None:
    f = tmp_path / "old.txt"
    f.write_bytes("Caf\u00e9 \u201cHungnam\u201d \u2013 1950".encode("cp1252"))
    assert read_document(f, catalogue=NONE).text == "Caf\u00e9 \u201cHungnam\u201d \u2013 1950"


def test_latin1_last_resort() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 decodes it
    assert decode_bytes(b"a\x81b\xe9") == "a\x81b\u00e9"


def test_binary_rejected_naming_file(tmp_path: Path) -> None:
    f = tmp_path / "picture.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(DocumentError) as info:
        read_document(f, catalogue=NONE)
    assert "picture.txt" in str(info.value)
    assert "binary" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"])
def test_empty_rejected_naming_file(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_document(f, catalogue=NONE)
    assert "empty.txt" in str(info.value)
    assert "empty" in str(info.value) or "no text" in str(info.value)


def test_too_large_rejected(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_document(f, catalogue=NONE, max_bytes=1000)
    assert "big.txt" in str(info.value) and "too large" in str(info.value)


def test_missing_file_rejected(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        read_document(tmp_path / "nowhere.txt", catalogue=NONE)
    assert "nowhere.txt" in str(info.value)


def test_html_drops_scripts_frames_and_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    doc = read_document(FIXTURES / "page.html", catalogue=NONE)
    assert doc.fmt == "html"
    assert doc.title == "Ferry page"
    for gone in ("SCRIPT", "IFRAME", "NOSCRIPT", "SVG", "also gone", "color: red", "Home"):
        assert gone not in doc.text
    assert "The crossing was made on June\u00a025, 1950 & the bridge held." in doc.text
    assert "- First item in July 1950" in doc.text
    assert "2. Numbered two" in doc.text
    assert "Line one\nline two" in doc.text
    # blocks are separated by blank lines
    assert "The River Crossing\n\nThe crossing" in doc.text


def test_html_entities_and_pre() -> None:
    text = html_to_text("<p>Kim &amp; Mao &#8212; &quot;ok&quot;</p><pre>  a\n  b</pre>")
    assert text == 'Kim & Mao \u2014 "ok"\n\n  a\n  b\n'


def test_markdown_markup_dropped() -> None:
    doc = read_document(FIXTURES / "article.md", catalogue=NONE)
    assert doc.fmt == "markdown"
    assert doc.title == "The Ferry Crossing of 1950"
    assert "#" not in doc.text and "*" not in doc.text and "example.invalid" not in doc.text
    assert "ferry at Mill Point carried" in doc.text
    assert "On September 15, 1950 the ferry" in doc.text
    assert "- The pier was repaired in October 1950." in doc.text
    assert "A second pier opened in March 1951." in doc.text
    assert "\n\nQuoted memories" in doc.text


def test_markdown_keeps_plain_underscores_and_asterisk_lists() -> None:
    assert markdown_to_text("* one\n* two_three\n") == "* one\n* two_three\n"
    assert markdown_to_text("a _b_ c **d**") == "a b c d"


def test_atomic_write_replaces_content(tmp_path: Path) -> None:
    f = tmp_path / "out.json"
    f.write_text("old", encoding="utf-8")
    atomic_write_text(f, "new \u2014 text\n")
    assert f.read_text(encoding="utf-8") == "new \u2014 text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# ---------------------------------------------------------------- legacy East Asian encodings

_KOREAN = "1950년 6월 25일 새벽, 북한군이 38선을 넘어 남침하였다. 서울은 6월 28일에 함락되었다."
_JAPANESE = "1950年6月25日、朝鮮戦争が始まった。北朝鮮軍は三十八度線を越えて侵攻した。"
_CHINESE = "1950年10月25日，中国人民志愿军入朝参战，抗美援朝战争开始。"


@pytest.mark.parametrize("text,encoding", [
    (_KOREAN, "euc-kr"), (_KOREAN, "cp949"), (_JAPANESE, "shift_jis"), (_JAPANESE, "cp932"),
    (_CHINESE, "gb2312"), (_CHINESE, "gbk"), (_KOREAN, "utf-8"),
])
def test_korean_japanese_and_chinese_files_in_legacy_encodings_read_right(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


def test_an_html_page_is_read_in_the_charset_it_declares():
    page = f'<html><head><meta charset="euc-kr"><title>x</title></head><body><p>{_KOREAN}</p></body></html>'
    assert decode_bytes(page.encode("euc-kr")) == page


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                  "éèàçüöäßñÉÈÀÇÜÖÄÑêîôûëïœæ", min_size=1, max_size=12), min_size=1, max_size=30))
def test_western_text_in_cp1252_is_never_taken_for_east_asian(words):
    text = " ".join(words) + " café"  # an accented letter before a space: real Western text has them
    assert decode_bytes(text.encode("cp1252")) == text
