"""The layers import one way: qt -> render -> model, and model stays free of Qt and matplotlib."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "explorer"

FORBIDDEN = {
    "model": ("PySide6", "matplotlib", "explorer.render", "explorer.qt", "geopandas"),
    "render": ("PySide6", "explorer.qt", "matplotlib.pyplot"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer):
    bad = []
    for path in sorted((PKG / layer).rglob("*.py")):
        forbidden = FORBIDDEN[layer]
        if path.name == "validate.py":
            # check-data opens the files with GDAL through geopandas; nothing else may.
            forbidden = tuple(f for f in forbidden if f != "geopandas")
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(PKG.parent)} imports {name}")
    assert not bad, "layering broken:\n" + "\n".join(bad)


def test_no_pyplot_anywhere_in_the_package():
    offenders = [str(p.relative_to(PKG.parent)) for p in PKG.rglob("*.py") if "matplotlib.pyplot" in _imports(p)]
    assert not offenders
