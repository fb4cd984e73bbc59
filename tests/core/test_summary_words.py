from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from core.summary import _WordCount

TEXT = st.text(alphabet="ab_1 ,.é-\n", max_size=40)


@given(TEXT, st.integers(0, 45), st.integers(0, 45))
def test_word_count_is_the_words_a_search_of_the_range_finds(text: str, a: int, b: int) -> None:
    assert _WordCount(text)(a, b) == len(re.findall(r"\w+", text[: max(b, 0)][a:]))
    assert _WordCount(text)(a, b) == len(re.compile(r"\w+").findall(text, a, b))


def test_a_word_cut_by_the_range_counts_once() -> None:
    count = _WordCount("the harbour reopened")
    assert count(5, 9) == 1
    assert count(0, 20) == 3
    assert count(4, 4) == 0
