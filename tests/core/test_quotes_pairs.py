"""Quote pairs scored one by one are the pairs the C matrix gives, to the last bit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.quotes as quotes

WORDS = st.sampled_from(["we", "are", "safe", "the", "plant", "no", "risk", "to", "residents",
                         "is", "all", "strike", "will", "go", "on"])
QUOTE = st.lists(WORDS, min_size=1, max_size=9).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(QUOTE, max_size=8), st.lists(QUOTE, max_size=8))
def test_pairs_one_by_one_equal_the_matrix(texts_a, texts_b):
    a, b = list(range(len(texts_a))), list(range(10, 10 + len(texts_b)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes, "QUOTE_PAIRS_IN_C", 10**9)
        plain = quotes._scored_pairs(a, b, texts_a, texts_b)
        patch.setattr(quotes, "QUOTE_PAIRS_IN_C", -1)
        matrix = quotes._scored_pairs(a, b, texts_a, texts_b)
    assert plain == matrix
