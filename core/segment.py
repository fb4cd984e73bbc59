"""Cut a normalised text into units: headline, labels, bullets, datelines and sentences.

Structural lines stand alone so a rewrite's new headline or "Key Takeaways" bullets
are never glued to the sentence that follows them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence

from core.records import Unit, UnitKind

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December"
)
_PLACE = (
    r"[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3}(?:, [A-Z][A-Za-z.'’\-]*(?: [A-Z][a-z]+)?)?"
)
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][A-Za-z.]+)?"
DATELINE = re.compile(
    rf"^(?:(?P<dated>{_PLACE},? (?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?(?: ?\([^()\n]{{1,40}}\))?)"
    r"(?P<sep> ?(?:--|[–—-]|:)? )"
    rf"|(?P<undated>{_CAPS_PLACE} ?\([^()\n]{{1,40}}\))(?P<dash> ?(?:--|[–—-]) ))(?=\S)"
)
_BYLINE = re.compile(r"^(?:By|BY) [A-Z][\w.'’\-]*(?:[ ,]+\S+){0,10}$")
_BULLET = re.compile(r"^(?:[-*•▪‣◦]|\d{1,2}[.)])\s")
_TERMINAL = re.compile(r"[.!?…]['\"”’)]*$")
KNOWN_LABELS = frozenset(
    {
        "key takeaways", "takeaways", "synopsis", "summary", "highlights", "key points",
        "related", "read more", "update", "editor's note", "background", "what we know",
    }
)  # fmt: skip
MAX_LABEL_WORDS = 8
MAX_HEADLINE_WORDS = 30
#: A sentence end glued to the next sentence with no space ("he said.\"Meetings", "it.Then"):
#: a lower-case letter, digit or bracket, the stop, maybe a quote mark, then a capital.
_GLUED = re.compile(
    r"(?<=[a-z0-9)%])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|No))[.!?]+([\"“”’']?)(?=[A-Z][a-z])"
)
#: What every glued end has: a stop, maybe quote marks, a capital, with no space between.
_GLUED_HINT = re.compile(r"[.!?][\"“”’']{0,2}[A-Z]")
_GLUED_QUOTE = re.compile(r"(?<=[a-z0-9)%])[.!?]+([\"“”])(?=[\"“]?[A-Z][a-z])")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph; normalised text separates them with a blank line."""
    start = 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end == -1 else end
        if end > start:
            yield start, end
        start = end + 2


def segment(text: str, sentence_starts: Sequence[int]) -> tuple[Unit, ...]:
    """Units of ``text`` in order; body paragraphs split at the parser's sentence starts."""
    units: list[Unit] = []
    starts = sorted(sentence_starts)
    for index, (start, end) in enumerate(paragraphs(text)):
        line = text[start:end]
        kind = classify_line(line, first=index == 0)
        if kind is not None:
            units.append(Unit(start, end, kind, index))
            continue
        match = DATELINE.match(line)
        body_start = start
        if match:
            dateline = match.group("dated") or match.group("undated")
            units.append(Unit(start, start + len(dateline), "dateline", index))
            body_start = start + match.end()
        units.extend(_sentences(text, body_start, end, starts, index))
    return tuple(units)


def classify_line(line: str, *, first: bool) -> UnitKind | None:
    """The kind of a paragraph that stands alone, or None for body prose."""
    if _BULLET.match(line):
        return "bullet"
    if _BYLINE.match(line) and not line.endswith("."):
        return "byline"
    stripped = line.strip().rstrip(":").lower()
    if stripped in KNOWN_LABELS:
        return "label"
    if _TERMINAL.search(line) and not line.endswith("?"):
        return None
    words = len(line.split())
    if first and words <= MAX_HEADLINE_WORDS:
        return "headline"
    if words <= MAX_LABEL_WORDS:
        return "label"
    return "headline" if line.endswith("?") and words <= MAX_HEADLINE_WORDS else None


def _sentences(
    text: str, start: int, end: int, starts: Sequence[int], paragraph: int
) -> Iterator[Unit]:
    first = bisect.bisect_right(starts, start)
    last = bisect.bisect_left(starts, end)
    inner = {s for s in starts[first:last] if not _continues(text, s)}
    inner.update(glued_starts(text, start, end))
    bounds = [start, *sorted(inner - {start, end}), end]
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trimmed = piece.strip()
        if trimmed:
            yield Unit(a + lead, a + lead + len(trimmed), "sentence", paragraph)


def glued_starts(text: str, start: int, end: int) -> set[int]:
    """Sentence starts hidden by a missing space after the full stop (common in scraped copy).

    A straight quote mark after the stop closes a quotation when an odd number of them
    came before it in the paragraph (the new sentence starts after it), else it opens the
    next sentence's quotation (the new sentence starts at it).
    """
    found: set[int] = set()
    if not _GLUED_HINT.search(text, start, end):
        return found
    for match in _GLUED.finditer(text, start, end):
        found.add(_glued_start(text, start, match.start(1), match.group(1)))
    for match in _GLUED_QUOTE.finditer(text, start, end):
        found.add(_glued_start(text, start, match.start(1), match.group(1)))
    return {s for s in found if start < s < end}


def _glued_start(text: str, paragraph_start: int, mark_at: int, mark: str) -> int:
    if not mark:
        return mark_at
    # a straight mark closes when an odd number came before it in the paragraph
    straight = text.count('"', paragraph_start, mark_at) % 2 == 1
    closes = straight if mark == '"' else mark in "”’'"
    return mark_at + 1 if closes else mark_at


def _continues(text: str, start: int) -> bool:
    """A "sentence" starting in lower case continues the previous one (a splitter's slip)."""
    return text[start].islower()
