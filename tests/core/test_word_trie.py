from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.word_trie import trie_pattern

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
