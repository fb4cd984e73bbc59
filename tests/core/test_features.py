"""The lemma statistics computed without a Python loop are the plain loops' floats."""

from __future__ import annotations

import bisect
import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis import Token
from core.features import UnitFeatures, idf_norm, idf_table, unit_features, unit_tokens
from core.records import Unit

LEMMAS = st.sampled_from(["crane", "port", "union", "strike", "fell", "pay", "deal", "mayor"])
COUNTS = st.dictionaries(LEMMAS, st.integers(1, 5), max_size=8).map(Counter)
IDF = st.dictionaries(LEMMAS, st.floats(0.01, 9.0), max_size=8)


def _unit(lemmas: Counter[str]) -> UnitFeatures:
    text = " ".join(lemmas.elements())
    return UnitFeatures("sentence", text, lemmas, text, frozenset(), lemmas.total())


@settings(max_examples=300)
@given(COUNTS, IDF)
def test_idf_norm_is_the_plain_sum(lemmas: Counter[str], idf: dict[str, float]) -> None:
    plain = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in lemmas.items()))
    assert idf_norm(lemmas, idf) == plain  # the same float, not nearly


@settings(max_examples=200)
@given(st.lists(st.lists(COUNTS, max_size=6), max_size=3))
def test_idf_table_is_the_plain_count(versions: list[list[Counter[str]]]) -> None:
    features = [[_unit(c) for c in version] for version in versions]
    df: Counter[str] = Counter()
    n = 0
    for version in features:
        for f in version:
            df.update(f.lemmas.keys())
            n += 1
    plain = {lemma: math.log((n + 1) / (count + 0.5)) for lemma, count in df.items()}
    found = idf_table(*features)
    assert found == plain
    assert list(found) == list(plain)  # the same order, so the same iteration downstream


@st.composite
def _tokens(draw: st.DrawFn) -> list[Token]:
    flags = draw(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), max_size=12))
    return [
        Token(2 * n, 2 * n + 1, "w", f"l{n % 3}", "NOUN", stop, alpha, num)
        for n, (stop, alpha, num) in enumerate(flags)
    ]


@given(_tokens())
def test_unit_features_count_content_lemmas_and_words(tokens: list[Token]) -> None:
    text = "w " * len(tokens)
    unit = Unit(0, len(text), "sentence", 0)
    (found,) = unit_features(text, [unit], [tokens], [])
    assert found.lemmas == Counter(t.lemma for t in tokens if t.is_content)
    assert found.words == sum(1 for t in tokens if t.is_alpha or t.like_num)


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=12),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=5),
)
def test_unit_tokens_are_the_tokens_inside_each_unit(tokens, units) -> None:
    # sorted by start as the parser gives them; overlapping ones too (the slow path)
    parsed = [Token(s, s + n, "w", "w", "NOUN", False, True, False) for s, n in sorted(tokens)]
    spans = [Unit(s, s + n, "sentence", 0) for s, n in units]
    starts = [t.start for t in parsed]
    plain = [
        [t for t in parsed[bisect.bisect_left(starts, u.start) : bisect.bisect_left(starts, u.end)]
         if t.end <= u.end]
        for u in spans
    ]  # fmt: skip
    assert unit_tokens(parsed, spans) == plain
