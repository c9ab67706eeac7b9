"""Loading a folder of source documents."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explorer.sources.catalogue import Catalogue
from explorer.sources.library import SourceLibrary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "passages"
NONE = Catalogue([])


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    (root / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(FIXTURES / "chronology.txt", root / "chronology.txt")
    shutil.copy(FIXTURES / "article.md", root / "sub" / "article.md")
    shutil.copy(FIXTURES / "page.html", root / "sub" / "deeper" / "page.html")
    (root / "NOTES").write_text("Plain notes without an extension.\n\nWritten in May 1951.\n", encoding="utf-8")
    (root / "BLOB").write_bytes(b"\x00\x01\x02binary")
    (root / ".hidden.txt").write_text("hidden text", encoding="utf-8")
    (root / ".hiddendir").mkdir()
    (root / ".hiddendir" / "x.txt").write_text("also hidden", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "broken.txt").write_bytes(b"abc\x00def")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4")  # a PDF with nothing in it: a problem
    return root


def test_load_folder(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    calls = []
    lib = SourceLibrary.load(root, progress=lambda done, total, path: calls.append((done, total, path.name)),
                             catalogue=NONE)
    assert sorted(lib.documents) == ["article", "chronology", "notes", "page"]
    assert {p.name for p, _ in lib.problems} == {"empty.txt", "broken.txt", "scan.pdf"}
    for path, message in lib.problems:
        assert path.name in message
    assert {p.name for p in lib.skipped} == {"BLOB"}
    assert calls[-1][0] == calls[-1][1] == len(calls)
    assert not any(".hidden" in c[2] for c in calls)
    assert lib.passages("chronology")[0].doc_id == "chronology"
    assert len(lib.all_passages()) == sum(len(lib.passages(d)) for d in lib.documents)


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    (root / "a").mkdir(parents=True)
    (root / "a" / "doc.txt").write_text("A document about 1950.\n", encoding="utf-8")
    try:
        os.symlink(root, root / "a" / "back")
        os.symlink(root / "a", root / "again")
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available here")
    lib = SourceLibrary.load(root, catalogue=NONE)
    assert list(lib.documents) == ["doc"]
    assert lib.problems == []


def test_same_file_twice_is_loaded_once(tmp_path: Path) -> None:
    root = tmp_path / "twice"
    root.mkdir()
    (root / "one.txt").write_text("Only text.\n", encoding="utf-8")
    lib = SourceLibrary.load(root, catalogue=NONE)
    assert lib.add([root / "one.txt"]) == []
    assert list(lib.documents) == ["one"]


def test_cancel_stops_loading(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    seen = []
    lib = SourceLibrary.load(root, progress=lambda d, t, p: seen.append(p), cancel=lambda: len(seen) >= 2,
                             catalogue=NONE)
    assert lib.cancelled
    assert len(seen) == 2


def test_add_dropped_files_and_duplicate_names(tmp_path: Path) -> None:
    lib = SourceLibrary(catalogue=NONE)
    a = tmp_path / "x" / "note.txt"
    b = tmp_path / "y" / "note.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text("First note.\n", encoding="utf-8")
    b.write_text("Second note.\n", encoding="utf-8")
    g0 = lib.generation
    added = lib.add([a, b])
    assert [d.id for d in added] == ["note", "note-2"]
    assert lib.generation > g0
    assert lib.passages("note-2")[0].doc_id == "note-2"


def test_search(tmp_path: Path) -> None:
    lib = SourceLibrary.load(_folder(tmp_path), catalogue=NONE)
    hits = lib.search("FERRY burned")
    assert [p.text[:10] for p in hits] == ["June 1950:"]
    assert lib.search(["allied", "GARRISON"])[0].text.startswith("The garrison")
    assert lib.search("") == []
    assert lib.search("nonexistentword") == []


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        SourceLibrary.load(tmp_path / "missing")
