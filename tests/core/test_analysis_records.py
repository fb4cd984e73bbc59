"""The flattened records cross a pipe from the model's process: pickled, they come back equal."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.analysis import TextAnalysis, Token

tokens = st.builds(
    Token,
    start=st.integers(0, 10**7),
    end=st.integers(0, 10**7),
    text=st.text(max_size=12),
    lemma=st.text(max_size=12),
    pos=st.sampled_from(["NOUN", "VERB", "PROPN", "PUNCT", ""]),
    is_stop=st.booleans(),
    is_alpha=st.booleans(),
    like_num=st.booleans(),
)


@given(st.lists(tokens, max_size=30), st.lists(st.integers(0, 10**6), max_size=5))
def test_an_analysis_survives_the_pipe_unchanged(found, starts):
    analysis = TextAnalysis("text", tuple(found), tuple(starts), ((0, 4, "ORG"),))
    for protocol in (pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(analysis, protocol=protocol))
        assert back == analysis
        assert all(type(t) is Token and t.is_content == o.is_content
                   for t, o in zip(back.tokens, found, strict=True))


def test_a_token_is_immutable_and_pickles_as_its_fields():
    token = Token(3, 8, "ports", "port", "NOUN", False, True, False)
    with pytest.raises(AttributeError):
        token.start = 4  # type: ignore[misc]
    assert token.__getnewargs__() == (3, 8, "ports", "port", "NOUN", False, True, False)
    assert token.is_content and not token._replace(is_stop=True).is_content


def test_every_comparison_record_pickles_as_its_constructor_and_fields():
    import dataclasses

    import core.records as records

    classes = [c for c in vars(records).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c)
               and c.__module__ == records.__name__]
    assert len(classes) >= 16
    for cls in classes:
        assert "pickled_by_fields" in cls.__reduce__.__qualname__, cls.__name__
    span = records.Span(3, 8)
    assert span.__reduce__() == (records.Span, (3, 8))
    op = records.DiffOp("replace", span, records.Span(4, 9), minor=True)
    assert op.__reduce__() == (records.DiffOp, ("replace", span, records.Span(4, 9), True))
