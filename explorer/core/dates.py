"""The one ISO date parser and the one date formatter of the app.

Data files store dates as ISO ``YYYY-MM-DD`` strings; the app writes dates for
people as ``15 September 1950`` whatever the locale, like the sources.  Dates
written the way people write them ("15 Sept 1950") are read by
:mod:`explorer.sources.datetext`.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["DateLike", "MONTHS", "as_date", "format_date", "format_month", "parse_iso"]

DateLike = dt.date | str

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def parse_iso(value: object) -> dt.date:
    """Read an ISO ``YYYY-MM-DD`` date (surrounding spaces allowed).

    Raises
    ------
    ValueError
        With a message that quotes *value*.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date in the form YYYY-MM-DD: {value!r}")
    text = value.strip()
    if len(text) != 10:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {value!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def as_date(value: DateLike) -> dt.date:
    """Accept a :class:`datetime.date` or an ISO ``YYYY-MM-DD`` string."""
    return parse_iso(value)


def format_date(d: dt.date) -> str:
    """``15 September 1950`` (in English whatever the locale, like the sources)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def format_month(d: dt.date) -> str:
    """``September 1950``."""
    return f"{MONTHS[d.month - 1]} {d.year}"
