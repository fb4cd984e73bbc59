"""The batch-scored candidates are exactly what scoring each pair one by one gives."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.candidates as candidates
from core.features import UnitFeatures, idf_norm, idf_table, similarity, weighted_cosine

WORDS = ["crane", "port", "union", "strike", "fell", "pay", "deal", "mayor", "fire", "ship"]
NAMES = ["Saltmere", "Callow", "Ines"]


@st.composite
def units(draw: st.DrawFn) -> UnitFeatures:
    lemmas = draw(st.lists(st.sampled_from(WORDS), max_size=7))
    names = frozenset(draw(st.lists(st.sampled_from(NAMES), max_size=2)))
    kind = draw(st.sampled_from(["sentence", "sentence", "headline"]))
    text = " ".join([*lemmas, *sorted(names)]) or draw(st.sampled_from(["", "—", "Ok."]))
    return UnitFeatures(kind, text, Counter(lemmas), " ".join(lemmas), names, len(lemmas))


def one_by_one(
    base: list[UnitFeatures], other: list[UnitFeatures], idf: dict[str, float], floor: float,
    forbidden: frozenset[tuple[int, int]],
) -> dict[tuple[int, int], float]:  # fmt: skip
    """The candidate search written plainly: a dot product per pair, a score per pair."""
    common_limit = candidates.COMMON_LEMMA_POSTINGS
    df: Counter[str] = Counter()
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, g in enumerate(other):
        df.update(g.lemmas.keys())
        by_text[g.text.casefold()].append(j)
    scores: dict[tuple[int, int], float] = {}
    previous_best = -1
    for i, f in enumerate(base):
        rare: dict[int, float] = {}
        for lemma, count in f.lemmas.items():
            if 0 < df[lemma] <= common_limit:
                for j, g in enumerate(other):
                    if lemma in g.lemmas:
                        term = idf.get(lemma, 1.0) ** 2 * count * g.lemmas[lemma]
                        rare[j] = rare.get(j, 0.0) + term
        top = sorted(rare, key=lambda j: (-rare[j], j))[: candidates.CANDIDATES_PER_UNIT]
        dots = {
            j: rare[j] + sum(idf.get(lemma, 1.0) ** 2 * count * other[j].lemmas.get(lemma, 0)
                             for lemma, count in f.lemmas.items() if df[lemma] > common_limit)
            for j in top
        }  # fmt: skip
        following = range(previous_best + 1, min(len(other), previous_best + 3))
        best = 0.0
        for j in {*dots, *following, *by_text.get(f.text.casefold(), ())}:
            if (i, j) in forbidden:
                continue
            norms = idf_norm(f.lemmas, idf), idf_norm(other[j].lemmas, idf)
            if j in dots:
                cosine = dots[j] / (norms[0] * norms[1]) if norms[0] * norms[1] else 0.0
            else:
                cosine = weighted_cosine(f.lemmas, other[j].lemmas, idf, norms)
            score = similarity(f, other[j], idf, cosine=cosine)
            if score >= floor:
                scores[(i, j)] = score
                if score > best:
                    best, previous_best = score, j
    return scores


@settings(max_examples=300, deadline=None)
@given(
    st.lists(units(), max_size=14),
    st.lists(units(), max_size=14),
    st.sampled_from([0.0, 0.2, 0.38]),
    st.integers(1, 4),
    st.integers(1, 4),
    st.frozensets(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=6),
)
def test_batch_scores_are_the_scores_of_each_pair(
    base, other, floor, common_limit, per_unit, forbidden
) -> None:
    idf = idf_table(base, other)
    with pytest.MonkeyPatch.context() as patch:
        # small limits, so short stories have common lemmas and more partners than kept
        patch.setattr(candidates, "COMMON_LEMMA_POSTINGS", common_limit)
        patch.setattr(candidates, "CANDIDATES_PER_UNIT", per_unit)
        patch.setattr(candidates, "BATCH_UNITS", 0)  # the numpy batch
        found = candidates.candidate_scores(base, other, idf, floor, forbidden)
        patch.setattr(candidates, "BATCH_UNITS", 10**9)  # pair by pair
        plain = candidates.candidate_scores(base, other, idf, floor, forbidden)
        expected = one_by_one(base, other, idf, floor, forbidden)
    assert found == expected  # the same floats, not nearly the same
    assert plain == expected


def test_a_copy_far_away_is_a_candidate_and_forbidden_pairs_are_not() -> None:
    texts = ["crane fell port", "union strike pay", "mayor deal ship", "fire port crane"]
    base = [UnitFeatures("sentence", t, Counter(t.split()), t, frozenset(), 3) for t in texts]
    other = list(reversed(base))
    idf = idf_table(base, other)
    scores = candidates.candidate_scores(base, other, idf, 0.38, frozenset({(1, 2)}))
    assert scores[(0, 3)] == 1.0
    assert (1, 2) not in scores
    assert scores[(2, 1)] == 1.0


@settings(max_examples=200)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=60))
def test_unique_is_numpys(keys: list[int]) -> None:
    import numpy as np

    array = np.array(keys, dtype=np.int64)
    unique, inverse = candidates._unique(array)
    expected_unique, expected_inverse = np.unique(array, return_inverse=True)
    assert unique.tolist() == expected_unique.tolist()
    assert inverse.tolist() == expected_inverse.tolist()
