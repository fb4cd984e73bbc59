"""Relative dates read against the story's own date: its dateline, or its publication date.

"June last year" and "last June" name the same month in a story dated in March and different
months in one dated in August. ``reference_date`` finds what a version is dated; ``resolve``
turns a date phrase into the month, day or year it names from there (or None when it cannot
tell), and ``describe`` writes one for a note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: n
    for n, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_NAMES = ("January February March April May June July August September October "
                "November December").split()  # fmt: skip
_WEEKDAYS = {d: n for n, d in enumerate("monday tuesday wednesday thursday friday saturday "
                                        "sunday".split())}  # fmt: skip
_DATELINE_DATE = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2})(?:, (\d{4}))?")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

#: A resolved date: ("day", year, month, day), ("month", year, month) or ("year", year).
#: Years are absolute, or offsets from the reference's year when it gives none.
Resolved = tuple[int | str, ...]


@dataclass(frozen=True, slots=True)
class DateReference:
    """What a version is dated: year (None when only month and day are known), month, day."""

    year: int | None
    month: int
    day: int
    source: str  # "the dateline Aug 17", "the publication date 2026-03-12"

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year else None


def reference_date(dateline: str | None, published: object = None) -> DateReference | None:
    """The dateline's month and day (year from ``published`` when it is near), else ``published``.

    ``published`` is an ISO date string (``2026-03-12``), a ``datetime.date`` or None.
    """
    pub = _published(published)
    match = _DATELINE_DATE.search(dateline or "")
    month = _MONTHS.get(match.group(1).casefold()) if match else None
    if match and month:
        day = int(match.group(2))
        year = int(match.group(3)) if match.group(3) else pub.year if pub else None
        if year and not _valid(year, month, day):
            return None
        return DateReference(year, month, day, f"the dateline {match.group(1)} {day}")
    if pub:
        return DateReference(pub.year, pub.month, pub.day, f"the publication date {pub}")
    return None


def _published(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    match = _ISO.match(str(value)) if value else None
    if match and _valid(*(int(g) for g in match.groups())):
        return dt.date(*(int(g) for g in match.groups()))
    return None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def resolve(phrase: str, ref: DateReference | None) -> Resolved | None:
    """The date a phrase names, read from ``ref``; None when the phrase alone cannot say."""
    words = re.findall(r"[a-z]+|\d+", phrase.casefold())
    words = [w for w in words if w not in {"the", "in", "on", "of", "since", "until", "by"}]
    year = ref.year if ref and ref.year else 0
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2]
    if months:
        month = months[0]
        if years:
            return ("day", years[0], month, days[0]) if days else ("month", years[0], month)
        if ref is None:
            return None
        if "last" in words and "year" in words:
            return ("month", year - 1, month)
        if "this" in words and "year" in words:
            return ("month", year, month)
        if "last" in words:
            return ("month", year if month < ref.month else year - 1, month)
        return ("day", year, month, days[0]) if days and ref.year else None
    if years and len(words) == 1:
        return ("year", years[0])
    if ref is None:
        return None
    if words in (["last", "year"], ["this", "year"], ["next", "year"]):
        return ("year", year + {"last": -1, "this": 0, "next": 1}[words[0]])
    return _relative_day(words, ref)


def _relative_day(words: list[str], ref: DateReference) -> Resolved | None:
    today = ref.date
    if today is None:
        return None
    if words == ["yesterday"]:
        day = today - dt.timedelta(days=1)
    elif words == ["today"]:
        day = today
    elif len(words) == 2 and words[0] == "last" and words[1] in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[words[1]]) % 7 or 7
        day = today - dt.timedelta(days=back)
    else:
        return None
    return ("day", day.year, day.month, day.day)


def describe(value: Resolved, ref: DateReference | None) -> str:
    """ "June 2025", or "June of last year" when the reference gives no year."""
    kind = value[0]
    year = value[1]
    if kind == "year":
        return _year(year, ref) if ref and not ref.year else str(year)
    month = _MONTH_NAMES[int(value[2]) - 1]
    if ref is not None and not ref.year:
        when = f"{month} of {_year(year, ref)}"
    else:
        when = f"{month} {year}"
    return f"{month} {value[3]}, {year}" if kind == "day" else when


def _year(offset: int | str, ref: DateReference | None) -> str:
    return {-1: "last year", 0: "this year", 1: "next year"}.get(int(offset), f"year {offset:+}")
