from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.quotes import _norm, _reindex, find_quote_spans
from core.records import QuoteRecord


def _quotes(text: str) -> list[tuple[str, int | None]]:
    return [(text[s:e], parent) for s, e, parent in find_quote_spans(text)]


def test_straight_and_curly_quotes() -> None:
    text = 'He said "we will rebuild" and she said “not soon”.'
    assert _quotes(text) == [("we will rebuild", None), ("not soon", None)]


def test_quote_across_sentences_stays_one_quote() -> None:
    text = '"We failed. Nobody should be hurt at work," she said.'
    assert _quotes(text) == [("We failed. Nobody should be hurt at work,", None)]


def test_nested_single_quotes_link_to_their_parent() -> None:
    for text in (
        "\"It was what he called 'a scare story' all along,\" she said.",
        "“It was what he called ‘a scare story’ all along,” she said.",
    ):
        found = _quotes(text)
        assert found[0][0].startswith("It was what he called")
        assert found[1] == ("a scare story", 0)


def test_apostrophes_are_not_quotes() -> None:
    text = "“The workers’ union isn’t happy,” the terminal’s owner admitted."
    assert _quotes(text) == [("The workers’ union isn’t happy,", None)]


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = 'He said "this never closes\n\nNext paragraph with "a real quote" here.'
    assert _quotes(text) == [("this never closes", None), ("a real quote", None)]


def test_headline_and_british_single_quotes() -> None:
    assert _quotes("Minister hails 'historic' deal") == [("historic", None)]
    assert _quotes("Union calls offer a 'slap in the face'") == [("slap in the face", None)]
    assert _quotes("she called the plan ‘dead on arrival’ on Monday") == [
        ("dead on arrival", None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the union's members voted",
        "bands from the '90s played",
        "a night of rock 'n' roll",
        "workers' rights groups said",
        "the workers’ union and St. Aldric’s Hospital",
    ],
)
def test_apostrophes_outside_quotes_are_not_quotes(text: str) -> None:
    assert _quotes(text) == []


@given(st.text(alphabet="ab_1 ,.é-\n’ÉßŁ٣", max_size=30))
def test_norm_keeps_the_alphanumeric_runs(text: str) -> None:
    quote = QuoteRecord(0, len(text), None, None)
    plain = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    assert _norm(text, quote) == " ".join(plain.split())


def _plain_reindex(found):
    """quotes._reindex as first written: every earlier quote tried, latest first."""
    result = []
    for start, end, _ in found:
        parent = None
        for index in range(len(result) - 1, -1, -1):
            p_start, p_end, _ = result[index]
            if p_start <= start and end <= p_end:
                parent = index
                break
        result.append((start, end, parent))
    return result


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=12))
def test_reindex_finds_the_latest_earlier_quote_holding_each(spans) -> None:
    found = sorted(((s, s + n, None) for s, n in spans), key=lambda q: q[0])
    assert _reindex(found) == _plain_reindex(found)
