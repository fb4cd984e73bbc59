"""W3C text-quote selectors, and re-anchoring them when a version's text is replaced.

A claim appearance stores its quoted text with a little context on each side
(the W3C Web Annotation ``TextQuoteSelector``). When the text it points into is
re-imported with corrections, the appearance is found again the way Hypothesis's
``dom-anchor-text-quote`` does it: the exact quote first, told apart from its
other occurrences by the context and by where it was expected; failing that, the
closest approximate match; failing that, the appearance is kept as orphaned,
never dropped.

States, from best to worst:

- ``exact``: the quote, with the same prefix before it and suffix after it;
- ``moved``: the quote found with different context (the best occurrence by
  context similarity, then by closeness to the old position scaled to the new
  length);
- ``fuzzy``: no exact occurrence, but an approximate one at least
  ``FUZZY_THRESHOLD`` similar (searched near the expected position first, then
  in the whole text);
- ``orphaned``: nothing good enough; ``start`` and ``end`` are None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

AnchorState = Literal["exact", "moved", "fuzzy", "orphaned"]

#: Least similarity (0..1) an approximate match needs.
FUZZY_THRESHOLD = 0.8
#: Characters searched on each side of the expected position before the whole text.
FUZZY_WINDOW = 2_000
#: Occurrences of the exact quote compared by context; a quote found more often than
#: this is compared only at the occurrences nearest to where it was expected.
MAX_OCCURRENCES = 2_000
#: Weight of the position against the context among occurrences of the exact quote.
_POSITION_WEIGHT = 0.1


@dataclass(frozen=True, slots=True)
class Quote:
    """A W3C TextQuoteSelector: the exact text and up to ``context`` characters around it."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote was found again; ``score`` (0..1) says how sure the match is."""

    start: int | None
    end: int | None
    state: AnchorState
    score: float


def quote_selector(text: str, start: int, end: int, context: int = 32) -> Quote:
    """The selector of ``text[start:end]`` with ``context`` characters of prefix and suffix.

    Raises:
        ValueError: the span is empty, reversed or outside ``text``.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is not a non-empty range of a {len(text)}-char text")
    if context < 0:
        raise ValueError(f"context must not be negative, not {context}")
    return Quote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def reanchor(new_text: str, quote: Quote, old_start: int, old_text_length: int) -> Anchor:
    """Find ``quote`` in ``new_text``; ``old_start`` was its start in the old text."""
    if not quote.exact or not new_text:
        return Anchor(None, None, "orphaned", 0.0)
    expected = _expected_position(old_start, old_text_length, len(new_text))
    found = _exact(new_text, quote, expected)
    return found if found is not None else _fuzzy(new_text, quote, expected)


def _expected_position(old_start: int, old_length: int, new_length: int) -> int:
    if old_length <= 0:
        return 0
    return min(new_length, max(0, round(old_start * new_length / old_length)))


def _occurrences(text: str, exact: str, expected: int) -> list[int]:
    found: list[int] = []
    at = text.find(exact)
    while at != -1:
        found.append(at)
        at = text.find(exact, at + 1)
    if len(found) > MAX_OCCURRENCES:
        found.sort(key=lambda p: abs(p - expected))
        del found[MAX_OCCURRENCES:]
    return found


def _exact(text: str, quote: Quote, expected: int) -> Anchor | None:
    starts = _occurrences(text, quote.exact, expected)
    if not starts:
        return None
    size = len(quote.exact)
    in_context = [p for p in starts if _context_matches(text, quote, p, p + size)]
    if in_context:
        best = min(in_context, key=lambda p: abs(p - expected))
        return Anchor(best, best + size, "exact", 1.0)
    scale = max(len(text), 1)
    scored = [
        (
            (1 - _POSITION_WEIGHT) * _context_similarity(text, quote, p, p + size)
            + _POSITION_WEIGHT * (1 - abs(p - expected) / scale),
            -abs(p - expected),
            p,
        )
        for p in starts
    ]
    score, _, best = max(scored)
    return Anchor(best, best + size, "moved", round(score, 4))


def _context_matches(text: str, quote: Quote, start: int, end: int) -> bool:
    return text.endswith(quote.prefix, 0, start) and text.startswith(quote.suffix, end)


def _context_similarity(text: str, quote: Quote, start: int, end: int) -> float:
    """Length-weighted similarity of the stored prefix and suffix to those around the span."""
    total = len(quote.prefix) + len(quote.suffix)
    if total == 0:
        return 1.0
    prefix = text[max(0, start - len(quote.prefix)) : start]
    suffix = text[end : end + len(quote.suffix)]
    return (
        len(quote.prefix) * fuzz.ratio(quote.prefix, prefix) / 100
        + len(quote.suffix) * fuzz.ratio(quote.suffix, suffix) / 100
    ) / total


def _fuzzy(text: str, quote: Quote, expected: int) -> Anchor:
    radius = FUZZY_WINDOW + len(quote.exact)
    lo = max(0, expected - radius)
    hi = min(len(text), expected + len(quote.exact) + radius)
    windows = [(lo, hi)] if (lo, hi) == (0, len(text)) else [(lo, hi), (0, len(text))]
    best = 0.0
    for w_lo, w_hi in windows:
        match = fuzz.partial_ratio_alignment(quote.exact, text[w_lo:w_hi], processor=None)
        score = match.score / 100 if match is not None else 0.0
        if score >= FUZZY_THRESHOLD and match is not None and match.dest_end > match.dest_start:
            start, end = _whole_words(text, w_lo + match.dest_start, w_lo + match.dest_end)
            return Anchor(start, end, "fuzzy", round(score, 4))
        best = max(best, score)
    return Anchor(None, None, "orphaned", round(best, 4))


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow an approximate alignment to whole words and drop whitespace at its ends.

    The alignment is as long as the quote, so a word that grew ("20" -> "twenty")
    would otherwise be cut.
    """
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end - 1 and text[start].isspace():
        start += 1
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return start, end
