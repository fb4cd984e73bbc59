"""Search snippets cut from a bounded window around the first hit, in any size of text.

FTS5's ``snippet()`` scores every window of the whole document: 58 s for one common
word in a 5 MB single-line version. Here the terms become one regular expression that
follows the FTS5 ``unicode61 remove_diacritics 2`` tokenizer closely enough (case and
accents ignored, words bounded by non-alphanumerics, ``*`` for a prefix); the first
match anywhere is found at C speed, and only a window of ``WINDOW`` characters on
each side is examined for highlights. When the pattern finds nothing (a tokenizer
corner the pattern does not follow), the snippet is the text's start, unhighlighted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

#: Characters of context on each side of the first hit.
WINDOW = 60
ELLIPSIS = "…"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Term:
    """A word or quoted phrase of a query; ``prefix`` for a trailing ``*``."""

    text: str
    prefix: bool = False


def make_snippet(text: str, terms: list[Term]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A short excerpt of ``text`` around the first hit, and the hits' ranges inside it."""
    pattern = terms_pattern(terms)
    first = pattern.search(text) if pattern is not None else None
    centre = first.start() if first is not None else 0
    start, end = _window(text, centre, first.end() if first is not None else 0)
    piece = text[start:end]
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    highlights: list[tuple[int, int]] = []
    if pattern is not None:
        for match in pattern.finditer(piece):
            highlights.append((match.start() + len(lead), match.end() + len(lead)))
    return lead + piece + tail, tuple(highlights)


def terms_pattern(terms: list[Term]) -> re.Pattern[str] | None:
    """One pattern matching any of the terms as FTS5 would (None when no term has a word)."""
    alternatives = [_term_regex(term) for term in terms]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _term_regex(term: Term) -> str:
    words = _WORD.findall(term.text)
    if not words:
        return ""
    body = r"[\W_]+".join("".join(_letter_class(ch) for ch in word) for word in words)
    end = "" if term.prefix else r"(?![^\W_])"
    return rf"(?<![^\W_])(?:{body}){end}"


def _window(text: str, hit_start: int, hit_end: int) -> tuple[int, int]:
    start = max(0, hit_start - WINDOW)
    end = min(len(text), max(hit_end, hit_start) + WINDOW)
    # Cut at a space when there is one near, so the excerpt starts and ends on words.
    if start > 0:
        space = text.find(" ", start, hit_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", max(hit_end, start), end)
        end = space if space != -1 else end
    return start, end


def _letter_class(char: str) -> str:
    base = _fold(char)
    variants = _variants().get(base, ())
    if not variants:
        return re.escape(char)
    return "[" + "".join(re.escape(v) for v in sorted({char, base, *variants})) + "]"


def _fold(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0].lower() if decomposed else char


@cache
def _variants() -> dict[str, frozenset[str]]:
    """Base letter -> every precomposed Latin letter that reduces to it (é, è, ê -> e)."""
    found: dict[str, set[str]] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if not char.isalpha():
            continue
        base = _fold(char)
        if base != char.lower() and base.isascii():
            found.setdefault(base, set()).add(char)
    return {base: frozenset(chars) for base, chars in found.items()}
