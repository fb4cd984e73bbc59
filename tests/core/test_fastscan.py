from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.fastscan import may_contain, trie_pattern

WORDS = st.lists(st.text(alphabet="abn'.", min_size=1, max_size=5), min_size=1, max_size=12)
TEXT = st.text(alphabet="abn'. x", max_size=30)


@given(WORDS, TEXT)
def test_a_trie_finds_what_the_plain_alternation_finds(words: list[str], text: str) -> None:
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)
    trie = re.compile(r"\b" + trie_pattern(words) + r"\b", re.I)
    # (the match found may be longer: the trie prefers the longest word that fits)
    for start in range(len(text) + 1):
        assert bool(trie.search(text, start)) == bool(plain.search(text, start))


@given(WORDS)
def test_a_trie_matches_each_word_whole(words: list[str]) -> None:
    trie = re.compile(trie_pattern(words))
    assert all(trie.fullmatch(word) for word in words)


def test_a_shorter_word_is_found_when_the_longer_one_fails() -> None:
    pattern = re.compile(r"\b" + trie_pattern(["say", "says", "said"]) + r"\b")
    assert pattern.search("she say.").group() == "say"
    assert pattern.search("she sayso") is None


@pytest.mark.parametrize("words", [[], [""], ["ok", ""]])
def test_empty_lists_and_words_are_refused(words: list[str]) -> None:
    with pytest.raises(ValueError, match="trie"):
        trie_pattern(words)


NEEDLES = ("according to", " by", "citing", "report")
CUE = re.compile(r"\b(?:according to\b|citing\b|(?:cited|noted) by\b|report)", re.I)
# letters re.IGNORECASE matches to ASCII ones, and their neighbours in Unicode
CASE_ALPHABET = "acdeginoprtby ACDIGNORTBY.,\u0130\u0131\u017f\u212a\u0307Kk"


@given(st.text(alphabet=CASE_ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_may_contain_never_rules_out_a_match(text: str, start: int, end: int) -> None:
    if CUE.search(text, start, end):
        assert may_contain(text, start, end, NEEDLES)


@pytest.mark.parametrize("word", ["According to", "CITING", "c\u0130ting", "c\u0131ting", "REPORT"])
def test_may_contain_accepts_every_case_the_regex_matches(word: str) -> None:
    text = f"x {word} y"
    assert CUE.search(text)  # dotted and dotless i match "i" under re.IGNORECASE
    assert may_contain(text, 0, len(text), NEEDLES)


def test_may_contain_rules_out_plain_prose() -> None:
    text = "The port reopened on Friday after the storm."
    assert not may_contain(text, 0, len(text), NEEDLES)
    assert may_contain("x According To y", 0, 16, NEEDLES)
    assert not may_contain("according to", 1, 12, NEEDLES)  # outside the span
