"""Snap a selection to whole words, looking only at the characters near its ends.

A snapped span starts at the first character of a word and ends after the last
character of a word; punctuation, quote marks and brackets at either end are
always dropped (``"at least 20 people,"`` becomes ``at least 20 people``), so the
same claim snaps alike whatever the typography of its version. A word is a run of
letters, digits and combining marks joined by inner apostrophes and hyphens
(``don't``, ``Corrigan-Holt``), or a number with inner separators and a trailing
percent sign (``3.5``, ``1,200``, ``20%``). A possessive apostrophe at the end of a
word (``workers’``) is not part of it. One exception keeps pairs whole: a bracket or
curly quote just outside the span is taken in when it closes one opened inside
(``Authority (CSA)``, not ``Authority (CSA``), and likewise at the start.
"""

from __future__ import annotations

import re
import unicodedata

from core.records import Span

#: A word as a regular expression (for scanning a sentence; the snapping itself walks
#: characters and also takes combining marks into words).
WORD = re.compile(r"[^\W_]+(?:(?:['’ʼ\-‐‑]|(?<=\d)[.,](?=\d))[^\W_]+)*(?:(?<=\d)%(?![^\W_]))?")
_INNER_JOINERS = frozenset("'’ʼ-‐‑")
_DIGIT_JOINERS = frozenset(".,")
_OPENERS = {"(": ")", "[": "]", "{": "}", "“": "”", "«": "»"}
_CLOSERS = {closer: opener for opener, closer in _OPENERS.items()}


def is_word_char(char: str) -> bool:
    """A letter, a digit, or a combining mark (which belongs to the letter before it)."""
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _joins(text: str, i: int) -> bool:
    """Whether ``text[i]`` joins the characters on both sides of it into one word."""
    if i <= 0 or i + 1 >= len(text):
        return False
    char, before, after = text[i], text[i - 1], text[i + 1]
    if char in _INNER_JOINERS:
        return is_word_char(before) and is_word_char(after)
    return char in _DIGIT_JOINERS and before.isdigit() and after.isdigit()


def snap_to_words(text: str, start: int, end: int) -> Span | None:
    """Grow ``[start, end)`` to whole words and trim what is not a word at its ends.

    Ends outside the text are clamped and reversed ends swapped. Returns None
    when the selection holds no word character. Only the characters near the two
    ends are looked at.
    """
    start, end = sorted((min(max(start, 0), len(text)), min(max(end, 0), len(text))))
    first = start
    while first < end and not is_word_char(text[first]):
        first += 1
    if first == end:
        return None
    last = end
    while not is_word_char(text[last - 1]):
        last -= 1
    return _with_pairs(text, _word_start(text, first), _word_end(text, last))


def _with_pairs(text: str, start: int, end: int) -> Span:
    """Take in a bracket or curly quote that closes (or opens) one left open inside."""
    if end < len(text) and text[end] in _CLOSERS:
        closer = text[end]
        if text.count(_CLOSERS[closer], start, end) > text.count(closer, start, end):
            end += 1
    if start > 0 and text[start - 1] in _OPENERS:
        opener = text[start - 1]
        if text.count(_OPENERS[opener], start, end) > text.count(opener, start, end):
            start -= 1
    return Span(start, end)


def _word_start(text: str, i: int) -> int:
    while i > 0:
        if is_word_char(text[i - 1]):
            i -= 1
        elif _joins(text, i - 1):
            i -= 2
        else:
            break
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text):
        if is_word_char(text[i]):
            i += 1
        elif _joins(text, i):
            i += 2
        else:
            glued = i + 1 < len(text) and is_word_char(text[i + 1])  # "9%a": not a percentage
            if text[i] == "%" and text[i - 1].isdigit() and not glued:
                i += 1
            break
    return i
