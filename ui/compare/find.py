"""Find in every pane at once: the matches, where to start, and how to say the count.

Pure: no Qt. Matches are code-point spans of each version's text, ordered by pane and
then by position, which is the order Enter / F3 walks them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

#: Matches beyond this many are not highlighted or walked (a one-letter query on a
#: long story); the count says so.
MAX_MATCHES = 5_000


@dataclass(frozen=True, slots=True, order=True)
class Match:
    """One occurrence of the query: pane index and code-point span."""

    pane: int
    start: int
    end: int


def find_matches(texts: Sequence[str], query: str, *, match_case: bool = False) -> list[Match]:
    """Every occurrence of ``query`` in every text, pane by pane, left to right."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), 0 if match_case else re.IGNORECASE)
    found: list[Match] = []
    for pane, text in enumerate(texts):
        for hit in pattern.finditer(text):
            found.append(Match(pane, hit.start(), hit.end()))
            if len(found) >= MAX_MATCHES:
                return found
    return found


def first_from(matches: Sequence[Match], pane: int, position: int, *, forward: bool) -> int:
    """Index of the first match at or after (``pane``, ``position``), or the last one
    before it going backwards, wrapping round; -1 when there are no matches."""
    if not matches:
        return -1
    index = bisect_left(matches, Match(pane, position, position))
    if forward:
        return index % len(matches)
    return (index - 1) % len(matches)


def count_text(matches: Sequence[Match], current: int, names: Sequence[str],
               query: str, *, capped: bool = False) -> str:
    """ "3 of 12 · base 5 · CoastNews 7", or "No match" for an empty result."""
    if not query:
        return ""
    if not matches:
        return "No match"
    per_pane: dict[int, int] = {}
    for match in matches:
        per_pane[match.pane] = per_pane.get(match.pane, 0) + 1
    total = f"{len(matches)}{'+' if capped else ''}"
    head = f"{current + 1} of {total}" if current >= 0 else f"{total} matches"
    parts = [f"{names[p] if p < len(names) else f'version {p + 1}'} {n}"
             for p, n in sorted(per_pane.items())]
    return " · ".join([head, *parts])
