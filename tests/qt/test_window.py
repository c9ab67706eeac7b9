"""The main window: the map is drawn, the timeline moves the date by keyboard and mouse."""

from __future__ import annotations

import datetime as dt

import numpy as np
from PySide6.QtCore import QPoint, Qt

from explorer.war.chronology import WAR_END, WAR_START


def _drain(qtbot, win):
    qtbot.waitUntil(lambda: not win.canvas.has_pending_draw(), timeout=3000)


def test_window_opens_on_the_date_and_draws_the_map(main_window):
    win = main_window
    assert "15 September 1950" in win.windowTitle()
    r = win.canvas.mapview
    assert win.date_card.date_text == "15 September 1950"
    # The territory patch is the UN side of that day's front.
    assert len(r.un_patch.get_path().vertices) > 10
    # At the default view, labels are shown and none overlap.
    boxes = r.placed_label_boxes
    shown = r.visible_labels()
    assert len(shown) >= 20
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_keyboard_moves_the_date(main_window, qtbot):
    win, tl = main_window, main_window.timeline
    tl.setFocus()
    qtbot.keyClick(tl, Qt.Key.Key_Right)
    assert win.state.date == dt.date(1950, 9, 16)
    qtbot.keyClick(tl, Qt.Key.Key_Left)
    qtbot.keyClick(tl, Qt.Key.Key_Left)
    assert win.state.date == dt.date(1950, 9, 14)
    qtbot.keyClick(tl, Qt.Key.Key_PageUp)
    assert win.state.date == dt.date(1950, 10, 14)
    qtbot.keyClick(tl, Qt.Key.Key_PageDown)
    assert win.state.date == dt.date(1950, 9, 14)
    qtbot.keyClick(tl, Qt.Key.Key_End)
    assert win.state.date == WAR_END
    qtbot.keyClick(tl, Qt.Key.Key_Home)
    assert win.state.date == WAR_START
    _drain(qtbot, win)
    assert win.date_card.date_text == "25 June 1950"
    assert win.canvas.mapview.state.date == WAR_START
    assert "25 June 1950" in win.windowTitle()


def test_clicking_and_dragging_the_timeline(main_window, qtbot):
    win, tl = main_window, main_window.timeline
    target = dt.date(1951, 3, 15)
    x = int(tl.x_for_date(target))
    y = int(tl._track().center().y())
    qtbot.mouseClick(tl, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert abs((win.state.date - target).days) <= 2
    # Drag from there to the invasion: the handle follows the mouse.
    start = QPoint(x, y)
    end = QPoint(int(tl.x_for_date(dt.date(1950, 7, 1))), y)
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tl, end)
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=end)
    assert abs((win.state.date - dt.date(1950, 7, 1)).days) <= 2
    _drain(qtbot, win)
    assert win.canvas.mapview.state.date == win.state.date


def test_the_front_moves_on_the_map(main_window, qtbot):
    win = main_window
    r = win.canvas.mapview
    win.state.date = dt.date(1950, 9, 1)
    _drain(qtbot, win)
    south = np.array(r.front.get_ydata()).mean()
    win.state.date = dt.date(1950, 11, 24)
    _drain(qtbot, win)
    north = np.array(r.front.get_ydata()).mean()
    assert north > south + 300_000  # hundreds of kilometres further north


def test_zoom_pan_and_reset(main_window, qtbot):
    win = main_window
    r = win.canvas.mapview
    home = r.view()
    win.canvas.zoom_by(2.0)
    zoomed = r.view()
    assert (zoomed[1] - zoomed[0]) < (home[1] - home[0]) * 0.6
    r.pan(50_000, 0)
    assert r.view()[0] > zoomed[0]
    win.reset_view_action.trigger()
    assert np.allclose(r.view(), home)


def _widget_point(canvas, lon, lat):
    """Where (lon, lat) is on the canvas widget, in widget (logical) pixels."""
    from PySide6.QtCore import QPoint

    from explorer.war.projection import to_xy

    px, py = canvas.mapview.ax.transData.transform(tuple(float(v) for v in to_xy(lon, lat)))
    ratio = canvas.device_pixel_ratio
    return QPoint(round(px / ratio), round(canvas.height() - py / ratio))


def _lonlat(text):
    lat, lon = text.replace("\u00b0", "").replace(" N", "").replace(" E", "").split(",")
    return float(lon), float(lat)


def test_status_bar_shows_the_cursor_position(main_window, qtbot):
    """A real mouse move over Seoul reads Seoul's longitude and latitude in the status bar."""
    win = main_window
    canvas = win.canvas
    at = _widget_point(canvas, 126.98, 37.57)
    qtbot.mouseMove(canvas, at)
    qtbot.waitUntil(lambda: win.cursor_label.text() != "")
    lon, lat = _lonlat(win.cursor_label.text())
    # Within a pixel of Seoul at the whole-peninsula scale (about 2 km a pixel).
    assert abs(lon - 126.98) < 0.05 and abs(lat - 37.57) < 0.05
    # Further east and south on screen is further east and south on the map.
    qtbot.mouseMove(canvas, at + type(at)(40, 40))
    qtbot.waitUntil(lambda: _lonlat(win.cursor_label.text())[0] > lon + 0.1)
    lon2, lat2 = _lonlat(win.cursor_label.text())
    assert lat2 < lat - 0.1


def test_dragging_and_the_wheel_move_the_map_under_the_cursor(main_window, qtbot):
    """A drag moves the map with the mouse; the wheel zooms around the point under it. The state keeps the view."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    win = main_window
    canvas = win.canvas
    seoul = _widget_point(canvas, 126.98, 37.57)
    assert win.state.view is None
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=seoul)
    qtbot.mouseMove(canvas, seoul + QPoint(60, -30))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=seoul + QPoint(60, -30))
    assert win.state.view is not None
    moved = _widget_point(canvas, 126.98, 37.57)
    assert abs(moved.x() - (seoul.x() + 60)) <= 2 and abs(moved.y() - (seoul.y() - 30)) <= 2
    width_before = win.state.view[1] - win.state.view[0]
    wheel = QWheelEvent(QPointF(moved), QPointF(canvas.mapToGlobal(moved)), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert win.state.view[1] - win.state.view[0] < 0.7 * width_before  # two notches in: 1.25 ** 2
    still = _widget_point(canvas, 126.98, 37.57)
    assert abs(still.x() - moved.x()) <= 2 and abs(still.y() - moved.y()) <= 2
    win.reset_view_action.trigger()
    assert win.state.view is None


def test_scrubbing_the_whole_war_day_by_day(main_window, qtbot):
    """Drag through every day of the war: each day is drawn, and Seoul changes hands on the map."""
    import shapely

    from explorer.war.projection import to_xy

    win = main_window
    win.canvas.compositor.capture()
    mv = win.canvas.mapview
    seoul = shapely.Point(*(float(v) for v in to_xy(126.98, 37.57)))
    held = []
    d = WAR_START
    while d <= WAR_END:
        win.state.date = d
        win.canvas._apply_pending()
        assert mv.state.date == d
        if (d - WAR_START).days % 7 == 0:
            held.append(mv.state.un_side.covers(seoul))
        d += dt.timedelta(days=1)
    qtbot.wait(10)
    changes = sum(1 for a, b in zip(held, held[1:]) if a != b)
    assert changes >= 4  # lost, retaken, lost, retaken
    assert win.date_card.date_text == "27 July 1953"


def test_the_window_key_lists_only_what_the_first_map_draws(qtbot, chronology, settings_dir):
    """Opened on a day of 1950, the corner key names no armistice line and no named line."""
    import datetime as dt

    from explorer.qt.app import make_application
    from explorer.qt.main_window import MainWindow

    make_application()
    win = MainWindow(chronology, dt.date(1950, 9, 27))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.canvas._painted_once, timeout=10000)
    assert win.legend.shown is not None
    assert "armistice" not in win.legend.shown and "named_line" not in win.legend.shown
    assert {"un", "communist"} <= set(win.legend.shown)
    win.close()


def test_the_hatch_of_every_pair_is_made_ahead_only_while_the_date_rests(main_window, qtbot):
    """In idle time the map renders each pair of records' hatch ahead; while the date moves it waits."""
    win = main_window
    canvas = win.canvas
    qtbot.waitUntil(lambda: canvas.compositor.is_valid(), timeout=5000)
    canvas._start_ahead()
    kept = len(canvas.compositor._steady_cache)
    # Moving through time: nothing is rendered ahead while the date keeps changing.
    for k in range(20):
        win.state.date = dt.date(1950, 9, 1) + dt.timedelta(days=k % 3)
        qtbot.wait(20)
    assert canvas.rendering_ahead()
    assert len(canvas.compositor._steady_cache) - kept <= 3  # only the days shown, no renders ahead
    states = len(win.chronology._cache)
    qtbot.waitUntil(lambda: not canvas.rendering_ahead(), timeout=20_000)
    # The days rendered ahead (one in each of about a hundred pairs) leave their hatches, not their states.
    assert len(win.chronology._cache) <= states + 1
    # A jump to any other pair of records then finds its hatch ready.
    made = []
    original = canvas.compositor._render_steady
    canvas.compositor._render_steady = lambda *a, **k: made.append(1) or original(*a, **k)
    hatched = 0
    for day in (dt.date(1951, 1, 2), dt.date(1950, 7, 11), dt.date(1950, 9, 27), dt.date(1951, 5, 27),
                dt.date(1952, 10, 9), dt.date(1953, 7, 14)):
        win.state.date = day
        qtbot.waitUntil(lambda: not canvas.has_pending_draw())
        hatched += canvas.mapview.changing.patch.get_visible()
    assert made == [] and hatched >= 4


def test_names_keep_clear_of_the_days_arrows_once_the_date_rests(main_window, qtbot):
    """A scrub keeps the view's names; when the date rests they are laid out again around the day's arrows."""
    from explorer.render.layers.labels import day_obstacles, hits_shape

    win = main_window
    canvas = win.canvas
    mv = canvas.mapview

    def crossed() -> list[str]:
        r = canvas.get_renderer()
        day = day_obstacles(mv.marks, mv.labels.day)
        shapes = [(p, p.get_extents()) for p in day.paths]
        out = []
        for spec, t in zip(mv.labels.specs, mv.labels.town_labels):
            if t.get_visible() and not spec.capital:
                e = t.get_window_extent(renderer=r)
                if hits_shape((e.x0, e.y0, e.x1, e.y1), shapes):
                    out.append(t.get_text())
        return out

    for day in (dt.date(1950, 11, 28), dt.date(1950, 9, 20), dt.date(1951, 1, 4), dt.date(1950, 12, 10)):
        win.state.date = day
        qtbot.waitUntil(lambda: not canvas.has_pending_draw())
        qtbot.wait(600)  # the date rests (the window lays names out after 0.4 s)
        qtbot.wait(20)
        assert crossed() == [], f"names across the arrows of {day}: {crossed()}"
        # No river name under a town's name (Unsan over the Chongchon, once).
        r = canvas.get_renderer()
        towns = [t.get_window_extent(renderer=r) for t in mv.labels.town_labels if t.get_visible()]
        for t in mv.labels.river_labels:
            if t.get_visible():
                e = t.get_window_extent(renderer=r)
                assert not any(e.overlaps(b) for b in towns), f"{t.get_text()} under a town's name on {day}"
    # The towns of the day's fighting are named (not dropped for lesser ones).
    win.state.date = dt.date(1950, 11, 28)
    qtbot.waitUntil(lambda: not canvas.has_pending_draw())
    qtbot.wait(600)
    shown = {t.get_text() for t in mv.labels.town_labels if t.get_visible()}
    assert {"Kunu-ri", "Unsan", "Pyongyang"} <= shown
    # The map drawn after the relayout is the map the compositor shows from then on.
    qtbot.waitUntil(lambda: canvas.compositor.is_valid(), timeout=5000)


def test_a_canvas_deleted_with_a_draw_pending_raises_nothing_later(qtbot, chronology):
    """A window closed just after a change: its queued full draw must die with it (PySide6 < 6.8 ran it anyway)."""
    import shiboken6

    from explorer.qt.qt_map_canvas import QtMapCanvas

    canvas = QtMapCanvas(chronology)
    canvas.resize(400, 300)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.draw_idle()
    shiboken6.delete(canvas)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in the event loop
