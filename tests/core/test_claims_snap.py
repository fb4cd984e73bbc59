"""Snapping a selection to whole words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.claims import snap_to_words
from core.records import Span

TEXT = 'Officials said "at least 20 people" were hurt; 1,200 fled (3.5% of residents).'


def _snap(text: str, selected: str, occurrence: int = 0) -> str | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(selected, start + 1)
    span = snap_to_words(text, start, start + len(selected))
    return None if span is None else text[span.start : span.end]


@pytest.mark.parametrize(
    ("selected", "snapped"),
    [
        ('"at least 20 people', "at least 20 people"),
        ('"at least 20 people" ', "at least 20 people"),
        ("t least 20 peo", "at least 20 people"),
        ("ials sa", "Officials said"),
        ("hurt; ", "hurt"),
        ("1,2", "1,200"),
        (",200 fl", "1,200 fled"),
        ("3.", "3.5%"),
        ("5% of", "3.5% of"),
        ("of residents).", "of residents"),
        (" s", "said"),
    ],
)
def test_snap_grows_to_words_and_trims_punctuation(selected, snapped):
    assert _snap(TEXT, selected) == snapped


@pytest.mark.parametrize(
    ("text", "selected", "snapped"),
    [
        ("They don't know.", "on", "don't"),
        ("They don’t know.", "t kn", "don’t know"),
        ("Nadia Corrigan-Holt said.", "Holt", "Corrigan-Holt"),
        ("the workers’ union", "workers’ ", "workers"),
        ("a 20-year-old man", "year", "20-year-old"),
        ("up 20%, then", "2", "20%"),
        ("ended in 2019. The next", "2019. T", "2019. The"),
        ("Zoë Ångström-Öberg came", "ngstr", "Ångström-Öberg"),
        ("Stadt Köln und 𝐛𝐨𝐥𝐝 text", "𝐨𝐥", "𝐛𝐨𝐥𝐝"),
        ("राष्ट्रपति ने कहा", "ष्ट्र", "राष्ट्रपति"),
    ],
)
def test_snap_word_rules(text, selected, snapped):
    assert _snap(text, selected) == snapped


def test_snap_keeps_a_bracket_that_closes_inside():
    text = "The Coastal Safety Authority (CSA) ordered checks."
    assert _snap(text, "Authority (CSA") == "Authority (CSA)"
    assert _snap(text, "CSA) ordered") == "(CSA) ordered"
    assert _snap(text, "(CSA)") == "CSA"
    assert _snap("He said “no more” twice.", "“no more") == "no more"
    assert _snap("He said “no more” twice.", "said “no more") == "said “no more”"


@pytest.mark.parametrize(("start", "end"), [(5, 5), (14, 16), (34, 36), (0, 0)])
def test_snap_without_word_characters_is_none(start, end):
    assert snap_to_words(TEXT, start, end) is None


def test_snap_clamps_and_orders_its_ends():
    assert snap_to_words("two words", -5, 99) == Span(0, 9)
    assert snap_to_words("two words", 6, 1) == Span(0, 9)
    assert snap_to_words("", 0, 3) is None


def test_snap_looks_only_near_the_ends():
    import time

    text = "word " * 200_000
    began = time.perf_counter()
    for _ in range(1_000):
        snap_to_words(text, 500_002, 500_013)
    assert (time.perf_counter() - began) / 1_000 < 0.001


_OPENERS, _CLOSERS = "([{“«", ")]}”»"
_ALPHABET = st.sampled_from(list("ab9 ,.'-%()“”\"é\u0301😀\n"))


def _is_word(char: str) -> bool:
    import unicodedata

    return char.isalnum() or unicodedata.category(char).startswith("M")


def _joins(text: str, i: int) -> bool:
    if not 0 < i < len(text) - 1:
        return False
    if text[i] in "'’-":
        return _is_word(text[i - 1]) and _is_word(text[i + 1])
    return text[i] in ".," and text[i - 1].isdigit() and text[i + 1].isdigit()


def _in_word(text: str, i: int) -> bool:
    return _is_word(text[i]) or _joins(text, i)


@st.composite
def _selections(draw):
    text = "".join(draw(st.lists(_ALPHABET, min_size=1, max_size=40)))
    start = draw(st.integers(-3, len(text) + 3))
    end = draw(st.integers(-3, len(text) + 3))
    return text, start, end


@given(_selections())
def test_snap_properties(selection):
    text, start, end = selection
    lo, hi = sorted((min(max(start, 0), len(text)), min(max(end, 0), len(text))))
    touched = [i for i in range(lo, hi) if _is_word(text[i])]
    span = snap_to_words(text, start, end)
    assert (span is None) == (not touched)
    if span is None:
        return
    inner_start = span.start + (text[span.start] in _OPENERS)
    inner_end = span.end - (text[span.end - 1] in _CLOSERS)
    # the ends are word boundaries
    assert inner_start == 0 or not _in_word(text, inner_start - 1)
    assert inner_end == len(text) or not _in_word(text, inner_end)
    # no whitespace or punctuation at the ends, bar a number's % and a paired bracket
    assert _is_word(text[inner_start])
    last = text[inner_end - 1]
    assert _is_word(last) or (last == "%" and text[inner_end - 2].isdigit())
    # every word character the selection touched is covered
    assert all(span.start <= i < span.end for i in touched)
    # idempotent
    assert snap_to_words(text, span.start, span.end) == span


def test_a_percent_sign_glued_to_a_word_is_not_taken_into_the_number():
    assert snap_to_words("9%a", 0, 1) == Span(0, 1)  # found by hypothesis
    assert snap_to_words("at 20% of", 3, 5) == Span(3, 6)
