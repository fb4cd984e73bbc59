"""One name per version, everywhere: outlet and date when known, else the file name.

The long form heads panes, the library tree and the details dock; the short form
fits narrow places (entity count columns, pane headers of a small window) and
still tells the story's versions apart. Pure: no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath

#: The longest short name, in characters (an ellipsis ends a cut one).
SHORT_LENGTH = 12
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


def file_stem(source: str) -> str:
    """A source path's file name, without a text file's extension."""
    path = PurePath(source.replace("\\", "/").rstrip("/"))
    name = path.name or source
    return PurePath(name).stem if PurePath(name).suffix.lower() in _TEXT_SUFFIXES else name


def version_name(source: str, outlet: str | None = None, published: str | None = None) -> str:
    """A version's name: "outlet, date" (or the outlet) if known, else the file's stem."""
    if outlet:
        return f"{outlet}, {published}" if published else outlet
    return file_stem(source)


def short_date(published: str | None) -> str:
    """An ISO date as "3 Mar" (the year is rarely what tells versions apart); else as given."""
    if not published:
        return ""
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{day.day} {day.strftime('%b')}"


def _cut(text: str, length: int = SHORT_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def short_names(rows: Sequence[tuple[str, str | None, str | None]]) -> list[str]:
    """Short names for (source, outlet, published) rows that differ from one another.

    The outlet (or file stem) cut to ``SHORT_LENGTH``; versions sharing it get the
    outlet's first word and their short date ("Meridian 3 Mar"); any still alike are
    numbered in story order.
    """
    bases = [_cut(outlet or file_stem(source)) for source, outlet, _published in rows]
    names = list(bases)
    for index, (_source, _outlet, published) in enumerate(rows):
        if bases.count(bases[index]) > 1 and published:
            first_word = bases[index].split()[0] if bases[index].split() else bases[index]
            names[index] = f"{_cut(first_word, SHORT_LENGTH - 3)} {short_date(published)}"
    alike = [name for name in names if names.count(name) > 1]
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in alike:
            seen[name] = seen.get(name, 0) + 1
            names[index] = f"{name} #{seen[name]}"
    return names
