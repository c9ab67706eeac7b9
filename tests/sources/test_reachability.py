"""Every dated statement of the four source documents is reachable from the timeline.

For each passage of the seeds that carries a date inside the timeline's span,
moving the timeline to that date lists the passage (the panel and the
``passages`` command rank the same way).  Passages of reference lists and
metadata are kept off the timeline on purpose.
"""

from __future__ import annotations

from explorer.war.chronology import TIMELINE_END, TIMELINE_START
from explorer.sources.library import SourceLibrary
from explorer.sources.linking import MAX_LINKED_SPAN_DAYS, passages_for_date


def test_every_dated_passage_of_the_seeds_is_reachable(seeds_dir, chronology):
    library = SourceLibrary.load(seeds_dir)
    events = chronology.events
    unreachable = []
    checked = 0
    for p in library.all_passages():
        if p.kind in ("reference", "metadata"):
            continue
        if p.dates and not any(TIMELINE_START <= m.start <= TIMELINE_END for m in p.dates):
            unreachable.append(f"{p.doc_id} passage {p.index}: every date lies off the timeline "
                               f"{[m.text for m in p.dates]}")
            continue
        dated = [m for m in p.dates
                 if TIMELINE_START <= m.start <= TIMELINE_END and (m.end - m.start).days <= MAX_LINKED_SPAN_DAYS]
        if not dated:
            continue
        checked += 1
        # Reachable from at least one of its dates (each mention's first day).
        found = False
        for m in dated:
            ranked = passages_for_date(m.start, library, events, limit=400)
            if any(r.passage.doc_id == p.doc_id and r.passage.index == p.index for r in ranked):
                found = True
                break
        if not found:
            unreachable.append(f"{p.doc_id} passage {p.index}: {[m.text for m in dated]}")
    assert checked >= 40, f"only {checked} dated passages found in the seeds"
    assert not unreachable, "passages no point of the timeline leads to:\n" + "\n".join(unreachable)
