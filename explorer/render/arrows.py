"""Campaign arrows: a tapered band along a path with a triangular head."""

from __future__ import annotations

import numpy as np
from matplotlib.path import Path


def _smooth(xy: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Chaikin corner cutting, keeping both ends."""
    pts = np.asarray(xy, dtype=float)
    for _ in range(rounds):
        if len(pts) < 3:
            break
        q = 0.75 * pts[:-1] + 0.25 * pts[1:]
        r = 0.25 * pts[:-1] + 0.75 * pts[1:]
        mid = np.empty((2 * len(q), 2))
        mid[0::2], mid[1::2] = q, r
        pts = np.vstack([pts[:1], mid[1:-1], pts[-1:]])
    return pts


def arrow_path(xy: np.ndarray, width: float, head_width: float | None = None,
               head_length: float | None = None) -> Path:
    """A closed path shaped like a campaign arrow along *xy* (map metres).

    Parameters
    ----------
    xy
        The arrow's course from tail to head, (N, 2).
    width
        Width of the body at the head end; the tail is 55% of it.
    head_width, head_length
        Size of the head (default 2.4 and 1.8 times the width).
    """
    head_width = 2.4 * width if head_width is None else head_width
    head_length = 1.8 * width if head_length is None else head_length
    pts = _smooth(xy)
    seg = np.diff(pts, axis=0)
    lens = np.hypot(seg[:, 0], seg[:, 1])
    keep = lens > 1e-6
    pts = np.vstack([pts[:1], pts[1:][keep]])
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
    total = cum[-1]
    if total <= 0:
        return Path(np.zeros((1, 2)), [Path.MOVETO])
    head_length = min(head_length, 0.45 * total)
    body_end = total - head_length
    n = max(int(len(pts) * 2), 24)
    t = np.linspace(0.0, body_end, n)
    bx = np.interp(t, cum, pts[:, 0])
    by = np.interp(t, cum, pts[:, 1])
    # Direction at each body point from a small step along the path.
    eps = max(total * 1e-3, 1.0)
    tx = np.interp(np.minimum(t + eps, total), cum, pts[:, 0]) - np.interp(np.maximum(t - eps, 0), cum, pts[:, 0])
    ty = np.interp(np.minimum(t + eps, total), cum, pts[:, 1]) - np.interp(np.maximum(t - eps, 0), cum, pts[:, 1])
    norm = np.hypot(tx, ty)
    norm[norm == 0] = 1.0
    nx, ny = -ty / norm, tx / norm
    half = 0.5 * width * (0.55 + 0.45 * t / max(body_end, 1.0))
    left = np.column_stack([bx + nx * half, by + ny * half])
    right = np.column_stack([bx - nx * half, by - ny * half])
    tip = pts[-1]
    hx, hy = nx[-1] * head_width / 2, ny[-1] * head_width / 2
    base = np.array([bx[-1], by[-1]])
    verts = np.vstack([
        left,
        [base + (hx, hy)],
        [tip],
        [base - (hx, hy)],
        right[::-1],
        left[:1],
    ])
    codes = np.full(len(verts), Path.LINETO, dtype=Path.code_type)
    codes[0] = Path.MOVETO
    codes[-1] = Path.CLOSEPOLY
    return Path(verts, codes)
