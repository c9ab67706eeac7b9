"""Pages built for projection and print: checks on the artists of every preset, not on pixels.

For each preset (16:9 slide, 4:3 slide, square, A4 landscape; A4 drawn at a
lower DPI, which keeps its inches and so its layout) and a few dates: the map's
share of the page, the smallest name relative to the page's height, no two
texts overlapping, the key against what the map draws, every map layer clipped
to the map's frame.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from explorer.render.export import PRESETS, SnapshotFigure
from explorer.render.key import entries_shown

PAGES = {
    "slide": PRESETS["slide"],
    "slide43": PRESETS["slide43"],
    "square": PRESETS["square"],
    "a4": PRESETS["a4"].scaled_to(1754),
}
DATES = ["1950-06-25", "1950-09-15", "1950-11-28", "1951-01-04", "1953-07-27"]


def _snap(chronology, preset: str, date: str, **kwargs) -> SnapshotFigure:
    snap = SnapshotFigure(chronology, PAGES[preset], **kwargs)
    snap.set_date(date)
    snap.render_rgba()
    return snap


def _texts(snap: SnapshotFigure) -> list[Text]:
    """Every visible, non-empty text on the page (title to credits, the key, scale numbers, names)."""
    out = []
    for t in snap.figure.findobj(Text):
        if t.get_visible() and t.get_text().strip() and t.figure is snap.figure:
            # Texts inside an invisible parent (a hidden legend) are not drawn.
            out.append(t)
    return out


@pytest.mark.parametrize("caption", [False, True], ids=["plain", "citations"])
@pytest.mark.parametrize("preset", list(PAGES))
def test_the_map_takes_most_of_the_page(chronology, preset, caption):
    snap = _snap(chronology, preset, "1950-09-15", caption=caption, view="action")
    box = snap.mapview.ax.get_window_extent()
    share = box.width * box.height / (snap.figure.bbox.width * snap.figure.bbox.height)
    assert share >= 0.6, f"{preset}: the map is {share:.0%} of the page"


@pytest.mark.parametrize("caption", [False, True], ids=["plain", "citations"])
@pytest.mark.parametrize("preset", list(PAGES))
def test_names_are_sized_from_the_page(chronology, preset, caption):
    snap = _snap(chronology, preset, "1950-09-15", caption=caption)
    page_h = snap.figure.bbox.height
    names = snap.mapview.visible_labels()
    assert len(names) >= 12, f"{preset}: only {len(names)} town names"
    smallest = min(t.get_fontsize() for t in names) * snap.figure.dpi / 72
    assert smallest >= 0.022 * page_h, f"{preset}: town names {smallest:.1f} px on a {page_h:.0f} px page"
    title = snap.title_text.get_fontsize() * snap.figure.dpi / 72
    assert title >= 1.4 * smallest


@pytest.mark.parametrize("preset,date,caption", [
    *((p, d, False) for p in PAGES for d in ("1950-06-25", "1950-11-28", "1953-07-27")),
    *((p, d, True) for p in PAGES for d in ("1950-06-25", "1950-09-15", "1950-11-28", "1953-07-27")),
])
def test_no_two_texts_overlap_and_none_is_cut(chronology, preset, date, caption):
    snap = _snap(chronology, preset, date, caption=caption)
    r = snap.figure.canvas.get_renderer()
    fig = snap.figure.bbox
    texts = _texts(snap)
    boxes = [t.get_window_extent(renderer=r) for t in texts]
    for t, b in zip(texts, boxes):
        assert fig.x0 - 1 <= b.x0 and b.x1 <= fig.x1 + 1 and fig.y0 - 1 <= b.y0 and b.y1 <= fig.y1 + 1, \
            f"{preset} {date}: {t.get_text()!r} runs off the page"
    for (ta, a), (tb, b) in itertools.combinations(zip(texts, boxes), 2):
        if a.width > 0 and b.width > 0:
            assert not a.overlaps(b.shrunk(0.98, 0.9)), f"{preset} {date}: {ta.get_text()!r} / {tb.get_text()!r}"
    # The title tells the event in full: nothing is cut on these dates.
    assert "\u2026" not in snap.title_text.get_text() + snap.headline_text.get_text()


@pytest.mark.parametrize("preset", list(PAGES))
def test_the_key_lists_only_what_the_map_draws(chronology, preset):
    labels = {}
    for date in ("1950-03-01", "1950-09-15", "1953-07-27"):
        snap = _snap(chronology, preset, date)
        labels[date] = snap.key_labels
        # The key's rows are exactly the symbols the map draws (territory names aside).
        shown = entries_shown(snap.mapview)
        assert len(snap.key_labels) == len(shown)
    before, inchon, armistice = labels["1950-03-01"], labels["1950-09-15"], labels["1953-07-27"]
    assert not any(k.startswith("Front line") or "advance" in k for k in before), before
    # On 15 September 1950 the UN's arrow is the Inchon landing, a movement by sea; the
    # front is named with what is known of it (documented, inferred or interpolated).
    assert "Armistice line" not in inchon and "Front line, documented" in inchon
    assert any("by sea" in k for k in inchon) and "UN advance" not in inchon
    assert "Armistice line" in armistice
    assert before[:2] == ["South Korea", "North Korea"]


@pytest.mark.parametrize("preset", list(PAGES))
def test_every_layer_is_clipped_to_the_map_frame(chronology, preset):
    """Zoomed in on the centre, the fronts and fills run on past the frame: each is clipped to it."""
    from explorer.war.projection import to_xy

    (x0, x1), (y0, y1) = zip(*(to_xy(lon, lat) for lon, lat in ((126.0, 37.0), (128.0, 38.6))))
    snap = _snap(chronology, preset, "1951-01-04", view=(x0, x1, y0, y1))
    ax = snap.mapview.ax
    frame = ax.get_window_extent()
    drawn = [a for a in ax.get_children()
             if isinstance(a, (Line2D, Patch, Collection, AxesImage, Text)) and a.get_visible()
             and a is not ax.patch and a not in ax.spines.values()
             and not (isinstance(a, Text) and not a.get_text())]
    assert drawn
    for a in drawn:
        if isinstance(a, Text) and not a.get_clip_on():
            # Scale-box numbers and the legend's own texts are placed inside the frame.
            b = a.get_window_extent(renderer=snap.figure.canvas.get_renderer())
            assert frame.x0 - 1 <= b.x0 and b.x1 <= frame.x1 + 1 and frame.y0 - 1 <= b.y0 and b.y1 <= frame.y1 + 1
            continue
        if not a.get_clip_on():
            b = a.get_window_extent(renderer=snap.figure.canvas.get_renderer())
            assert frame.x0 - 1 <= b.x0 and b.x1 <= frame.x1 + 1 and frame.y0 - 1 <= b.y0 and b.y1 <= frame.y1 + 1, a
            continue
        box = a.get_clip_box()
        path = a.get_clip_path()
        if box is not None:
            assert box.bounds == pytest.approx(frame.bounds), a
        else:
            assert path is not None and path._patch is ax.patch, f"{a} is not clipped to the frame"


def test_zoomed_arrows_and_markers_keep_their_size_on_the_page(chronology):
    """Zoomed in, an arrow was a huge wedge: its width on the page stays about what it is for the peninsula."""
    whole = _snap(chronology, "slide", "1950-11-28")
    from explorer.render.action import action_extent

    zoomed = _snap(chronology, "slide", "1950-11-28", view=action_extent(chronology, dt.date(1950, 11, 28)))

    def arrow_px(snap):
        assert any(a.get_visible() for a in snap.mapview.arrows)
        x0, x1, _, _ = snap.mapview.view()
        return snap.mapview.marks.arrow_width_m / ((x1 - x0) / snap.mapview.ax.get_window_extent().width)

    assert arrow_px(zoomed) <= 1.8 * arrow_px(whole)
    sizes = zoomed.mapview.event_markers.get_sizes()
    assert list(sizes) == list(whole.mapview.event_markers.get_sizes())


@pytest.mark.parametrize("date,must", [
    ("1950-09-15", [(126.6, 37.45), (128.6, 35.9)]),    # Inchon and the Pusan perimeter (Taegu)
    ("1950-11-28", [(125.9, 39.6), (127.3, 40.45)]),    # the Chongchon and the Chosin reservoir
])
def test_frame_the_action_fits_the_day(chronology, date, must):
    from explorer.render.action import action_extent
    from explorer.war.projection import to_xy

    x0, x1, y0, y1 = action_extent(chronology, dt.date.fromisoformat(date))
    hx0, hx1, hy0, hy1 = _snap(chronology, "slide", date).mapview.home_bounds()
    assert (x1 - x0) * (y1 - y0) < 0.8 * (hx1 - hx0) * (hy1 - hy0)  # closer than the whole peninsula
    for lon, lat in must:
        x, y = to_xy(lon, lat)
        assert x0 <= x <= x1 and y0 <= y <= y1, (lon, lat)


def test_a_new_slide_of_the_action_is_a_finished_page(chronology):
    snap = _snap(chronology, "slide", "1950-11-28", view="action")
    assert snap.view_kind == "action"
    assert len(snap.mapview.visible_labels()) >= 5
    assert any(k.startswith("Front line") for k in snap.key_labels)


@pytest.mark.parametrize("preset", list(PAGES))
@pytest.mark.parametrize("date,animation", [
    ("1950-10-14", True),   # "Since 13 October: Mao confirms intervention; Stalin cancels evacuation"
    ("1952-12-29", True),   # "Since 3 December: UN General Assembly adopts India's prisoner plan"
    ("1951-06-10", True),   # "Since 23 May: UN counterattack reaches Lines Kansas and Wyoming"
    ("1950-11-26", False),  # two events of the day in the title
])
def test_event_titles_are_never_cut(chronology, preset, date, animation):
    snap = _snap(chronology, preset, date, caption=True, animation=animation)
    shown = (snap.title_text.get_text() + " " + snap.headline_text.get_text()).replace("\n", " ")
    assert "\u2026" not in shown
    words = snap.title.split()
    assert " ".join(shown.split()).endswith(" ".join(words[-3:])), (snap.title, shown)
    # Shrunk if it must be, but never below the front's status line (as large as the town names).
    size = max(snap.title_text.get_fontsize(), snap.headline_text.get_fontsize() if snap.headline_text.get_text()
               else 0)
    assert size >= snap.sizes.status - 1e-6


def test_a_cut_citation_list_is_whole_in_the_file_description(chronology, tmp_path):
    from PIL import Image

    # The square page's band under the map cannot hold every source of the first day of the war.
    snap = _snap(chronology, "square", "1950-06-25", caption=True)
    on_page = snap.caption_text.get_text()
    assert on_page.endswith("\u2026") and snap.cut_texts, "this page no longer cuts the citations: pick another"
    full = snap.cut_texts[0]
    last = full.split("\n")[-1]
    assert " ".join(last.split()[-4:]) not in " ".join(on_page.split())  # the page lost its end...
    png, svg, pdf = (snap.save(tmp_path / f"cut.{ext}") for ext in ("png", "svg", "pdf"))
    with Image.open(png) as im:
        description = im.info["Description"]
    assert full in description and snap.title in description  # ...the file keeps all of it
    from xml.sax.saxutils import escape

    assert escape(last) in svg.read_text(encoding="utf-8")
    # PDF strings are UTF-16 in the document information dictionary (brackets escaped: a span without).
    span = max(last.replace(")", "(").split("("), key=len)
    assert span.encode("utf-16-be") in pdf.read_bytes()


def test_the_description_is_there_when_nothing_is_cut(chronology, tmp_path):
    from PIL import Image

    snap = _snap(chronology, "slide", "1950-09-15")
    assert snap.cut_texts == []
    with Image.open(snap.save(tmp_path / "plain.png")) as im:
        assert im.info["Description"].startswith(snap.title + "\n")
        assert "Phase:" in im.info["Description"]
