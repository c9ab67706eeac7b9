"""The PNG writer of exports: any RGB image, its DPI and its words, read back exactly by Pillow."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from explorer.render.filewrite import write_rgb_png


def _read(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


@pytest.mark.parametrize("shape", [(1, 1), (37, 53), (1080, 1920), (1081, 1001)])
def test_pixels_and_size_come_back_exactly(shape):
    # 1080 x 1920 and 1081 x 1001 are written in two halves on two threads (an odd row count too).
    rng = np.random.default_rng(7)
    rgba = rng.integers(0, 256, (*shape, 4), dtype=np.uint8)
    rgba[: shape[0] // 3] = 255  # flat areas and noise, as a map has
    out = io.BytesIO()
    write_rgb_png(out, rgba[:, :, :3], 100, {})
    im = _read(out.getvalue())
    assert im.mode == "RGB" and im.size == (shape[1], shape[0])
    assert np.array_equal(np.asarray(im), rgba[:, :, :3])


@settings(max_examples=30, deadline=None)
@given(title=st.text(min_size=1, max_size=80), dpi=st.integers(min_value=30, max_value=1200))
def test_words_and_dpi_come_back_as_written(title, dpi):
    # Any title (Latin-1 or not: "–", "·", Hangul, emoji) and the description; None means "leave out".
    text = title.replace("\x00", "")
    out = io.BytesIO()
    write_rgb_png(out, np.zeros((3, 4, 3), dtype=np.uint8), dpi,
                  {"Title": text, "Description": f"{text}\nSources", "Software": None})
    im = _read(out.getvalue())
    assert im.info["Title"] == text
    assert im.info["Description"] == f"{text}\nSources"
    assert "Software" not in im.info
    assert im.info["dpi"][0] == pytest.approx(dpi, abs=0.02)
