"""What packaging adds to the window: File > Export data... and the licences in Help > About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_export_data_in_the_file_menu_writes_a_geopackage(main_window, tmp_path, monkeypatch):
    gpd = pytest.importorskip("geopandas", reason="the gis extra is not installed")
    win = main_window
    file_menu = win.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Export &data\u2026" in texts
    assert texts.index("Export &data\u2026") == texts.index("Export &animation\u2026") + 1
    out = tmp_path / "war"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "GeoPackage (*.gpkg)"))
    win.export_data_action.trigger()
    fronts = gpd.read_file(tmp_path / "war.gpkg", layer="fronts")
    assert len(fronts) == len(win.chronology.records)
    assert "war.gpkg" in win.statusBar().currentMessage()


def test_export_data_without_geopandas_says_how_to_get_it(main_window, monkeypatch):
    import sys

    shown = []
    monkeypatch.setitem(sys.modules, "geopandas", None)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("no file should be asked for"))
    main_window.export_data_action.trigger()
    assert shown and "korean-war-explorer[gis]" in shown[0]


def test_about_links_the_licence_and_the_notices(main_window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    main_window.show_about()
    text = main_window.about_box.text()
    assert "Third-party notices" in text and "GNU GPL v3" in text
    hrefs = [part.split('"')[0] for part in text.split('href="')[1:]]
    files = [QUrl(h).toLocalFile() for h in hrefs]
    assert [f.rsplit("/", 1)[-1] for f in files] == ["LICENSE", "THIRD_PARTY_NOTICES.md"]
    from pathlib import Path

    assert "GNU GENERAL PUBLIC LICENSE" in Path(files[0]).read_text(encoding="utf-8")
    assert "Qt" in Path(files[1]).read_text(encoding="utf-8")
