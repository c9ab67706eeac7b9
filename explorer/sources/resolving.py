"""One resolution of each citation per loaded library.

The date index (:class:`~explorer.sources.linking.LinkIndex`), the list of
source problems and ``check-data`` all need to know which passage each
citation of the chronology points at.  :func:`resolve_in` answers from the
library's own memo, filled on first asking and dropped when documents are
added (the library's ``generation`` moves), so a load resolves each citation
once, however many parts of the app ask.
"""

from __future__ import annotations

import threading
import weakref

from explorer.sources.anchors import Citation, Resolution, resolve
from explorer.sources.library import SourceLibrary

__all__ = ["resolve_in"]

_MEMO: weakref.WeakKeyDictionary[SourceLibrary, tuple[int, dict[tuple, Resolution]]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def resolve_in(library: SourceLibrary, citation: Citation) -> Resolution:
    """The passage *citation* points at in *library* (see :func:`explorer.sources.anchors.resolve`)."""
    key = (citation.source, citation.quote, citation.passage, citation.fingerprint)
    with _LOCK:
        generation, memo = _MEMO.get(library, (-1, {}))
        if generation != library.generation:
            memo = {}
            _MEMO[library] = (library.generation, memo)
        got = memo.get(key)
    if got is None:
        got = resolve(citation, library.passages_by_source())
        with _LOCK:
            memo[key] = got
    return got
