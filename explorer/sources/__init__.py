"""The user's documents: decoding, extraction, passages, dates in text, the
catalogue of known sources, anchored citations, the library and the links from
dates to passages.  Pure Python: no Qt, no matplotlib, nothing of
:mod:`explorer.war` (events are taken as plain objects with dates and citations).
"""
