"""Which other units each base unit may align to, scored: the aligner's sparse similarity matrix.

An inverted index over rare content lemmas proposes, for each base unit, the few other units
sharing the most rare weight (a sparse matrix product in numpy); those pairs are scored in one
batch, with the same arithmetic as ``features.similarity`` (rapidfuzz's ``cpdist`` for the
fuzzy signal). The story's order then adds, unit by unit, the successors of the previous
unit's best match, and units of the same text, scored one by one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from core.features import (
    CROSS_KIND_PENALTY,
    W_ENTITY,
    W_FUZZY,
    W_LEMMA,
    UnitFeatures,
    idf_norm,
    similarity,
    weighted_cosine,
)

#: Candidates per base unit after the cheap lemma-overlap filter.
CANDIDATES_PER_UNIT = 8
#: Other units after the previous base unit's best match that are always scored.
FOLLOWERS = 2
#: A lemma in more units than this is too common to propose candidates (a constant, so
#: candidate search stays linear in the length of the story); it still counts in scores.
COMMON_LEMMA_POSTINGS = 50

Pair = tuple[int, int]


def candidate_scores(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    floor: float,
    forbidden: frozenset[Pair] = frozenset(),
) -> dict[Pair, float]:
    """Similarity of every candidate pair scoring at least ``floor`` (forbidden pairs never)."""
    by_text: dict[str, list[int]] = defaultdict(list)
    df: Counter[str] = Counter()
    for j, f in enumerate(other):
        df.update(f.lemmas.keys())
        by_text[f.text.casefold()].append(j)
    base_norms = [idf_norm(f.lemmas, idf) for f in base]
    other_norms = [idf_norm(f.lemmas, idf) for f in other]
    ranked = _ranked_scores(base, other, idf, df, (base_norms, other_norms))
    scores: dict[Pair, float] = {}
    previous_best = -1
    for i, f in enumerate(base):
        known = ranked[i]
        # the successors of the previous unit's best match: paraphrases that share only
        # common words are still found where the story's order puts them
        following = range(previous_best + 1, min(len(other), previous_best + 1 + FOLLOWERS))
        best_score = 0.0
        for j in {*known, *following, *by_text.get(f.text.casefold(), ())}:
            if (i, j) in forbidden:
                continue
            score = known.get(j)
            if score is None:
                norms = (base_norms[i], other_norms[j])
                cosine = weighted_cosine(f.lemmas, other[j].lemmas, idf, norms)
                score = similarity(f, other[j], idf, cosine=cosine)
            if score >= floor:
                scores[(i, j)] = score
                if score > best_score:
                    best_score, previous_best = score, j
    return scores


def _ranked_scores(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    df: Counter[str],
    norms: tuple[list[float], list[float]],
) -> list[dict[int, float]]:
    """Per base unit, its CANDIDATES_PER_UNIT best partners by rare lemmas, with their scores."""
    import numpy as np

    b_units, o_units, rare_dots = rare_lemma_pairs(base, other, idf, df)
    result: list[dict[int, float]] = [{} for _ in base]
    if not len(b_units):
        return result
    dots = rare_dots + _common_dots(base, other, idf, df, b_units, o_units)
    norm_products = np.array(norms[0])[b_units] * np.array(norms[1])[o_units]
    cosine = np.divide(dots, norm_products, out=np.zeros_like(dots), where=norm_products != 0)
    pairs = list(zip(b_units.tolist(), o_units.tolist(), strict=True))
    fuzzy = (
        process.cpdist(
            [base[i].lemma_string for i, _ in pairs],
            [other[j].lemma_string for _, j in pairs],
            scorer=fuzz.token_sort_ratio,
            dtype=np.float64,
        )
        / 100
    )
    named = [bool(base[i].entity_keys or other[j].entity_keys) for i, j in pairs]
    shared = [_shared_names(base[i], other[j]) if base[i].entity_keys or other[j].entity_keys
              else 0.0 for i, j in pairs]  # fmt: skip
    with_names = W_LEMMA * cosine + W_FUZZY * fuzzy + W_ENTITY * np.array(shared)
    without_names = (W_LEMMA * cosine + W_FUZZY * fuzzy) / (W_LEMMA + W_FUZZY)
    score = np.where(np.array(named, dtype=bool), with_names, without_names)
    kinds = [base[i].kind != other[j].kind for i, j in pairs]
    score = np.where(np.array(kinds, dtype=bool), score * CROSS_KIND_PENALTY, score)
    score = np.minimum(1.0, score)
    for (i, j), value in zip(pairs, score.tolist(), strict=True):
        # the same text scores 1.0 whatever its lemmas say (as in features.similarity)
        result[i][j] = 1.0 if base[i].text == other[j].text else value
    return result


def _shared_names(a: UnitFeatures, b: UnitFeatures) -> float:
    return len(a.entity_keys & b.entity_keys) / len(a.entity_keys | b.entity_keys)


def rare_lemma_pairs(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    df: Counter[str],
) -> tuple[Any, Any, Any]:
    """Each base unit's other units with the largest rare-lemma dot products: three arrays
    (base unit, other unit, dot product), by base unit, best first.

    A sparse matrix product: every (base entry, other entry) pair of a lemma found in at most
    COMMON_LEMMA_POSTINGS other units is expanded and summed, and the best
    CANDIDATES_PER_UNIT partners of each base unit are kept.
    """
    import numpy as np

    rare = [lemma for lemma, count in df.items() if count <= COMMON_LEMMA_POSTINGS]
    vocabulary = {lemma: n for n, lemma in enumerate(rare)}
    o_unit, o_lemma, o_count = _entries(other, vocabulary)
    b_unit, b_lemma, b_count = _entries(base, vocabulary)
    order = np.argsort(o_lemma, kind="stable")
    o_unit, o_lemma, o_count = o_unit[order], o_lemma[order], o_count[order]
    first = np.searchsorted(o_lemma, b_lemma, side="left")
    lengths = np.searchsorted(o_lemma, b_lemma, side="right") - first
    total = int(lengths.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    entry = np.repeat(np.arange(len(b_lemma)), lengths)
    within = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    partner = np.repeat(first, lengths) + within
    weights = np.array([idf.get(lemma, 1.0) ** 2 for lemma in vocabulary])
    values = weights[b_lemma[entry]] * b_count[entry] * o_count[partner]
    keys = b_unit[entry].astype(np.int64) * len(other) + o_unit[partner]
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=values)
    units, partners = unique // len(other), unique % len(other)
    order = np.lexsort((-sums, units))  # by unit, best first
    group_start = np.searchsorted(units[order], units[order], side="left")
    top = order[np.arange(len(order)) - group_start < CANDIDATES_PER_UNIT]
    return units[top], partners[top], sums[top]


def _common_dots(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    df: Counter[str],
    b_units: Any,
    o_units: Any,
) -> Any:
    """Each pair's dot product over the lemmas too common to propose candidates.

    Summed in the base unit's lemma order, term by term (``np.bincount`` adds in input
    order, and a lemma the other unit lacks adds 0.0), so each value is the float a plain
    Python sum over the base unit's common lemmas gives.
    """
    import numpy as np

    frequent = [lemma for lemma, count in df.items() if count > COMMON_LEMMA_POSTINGS]
    common = {lemma: n for n, lemma in enumerate(frequent)}
    # the base units' common lemmas (id, weight) in lemma order, row by row
    starts, ids, weights = [0], [], []
    for f in base:
        for lemma, count in f.lemmas.items():
            if lemma in common:
                ids.append(common[lemma])
                weights.append(idf.get(lemma, 1.0) ** 2 * count)
        starts.append(len(ids))
    # the other units' counts of common lemmas, by key other unit * len(common) + id
    other_keys = [j * len(common) + common[lemma] for j, f in enumerate(other)
                  for lemma in f.lemmas if lemma in common]  # fmt: skip
    other_counts = [count for f in other for lemma, count in f.lemmas.items() if lemma in common]
    if not ids or not other_keys:
        return np.zeros(len(b_units))
    row_start = np.array(starts)
    lengths = row_start[b_units + 1] - row_start[b_units]
    total = int(lengths.sum())
    pair = np.repeat(np.arange(len(b_units)), lengths)
    entry = np.repeat(row_start[b_units], lengths) + (
        np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    keys = np.array(other_keys, dtype=np.int64)
    order = np.argsort(keys)
    keys, counts = keys[order], np.array(other_counts, dtype=np.float64)[order]
    wanted = o_units[pair].astype(np.int64) * len(common) + np.array(ids, dtype=np.int64)[entry]
    found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    count = np.where(keys[found] == wanted, counts[found], 0.0)
    terms = np.array(weights)[entry] * count
    return np.bincount(pair, weights=terms, minlength=len(b_units))


def _entries(units: Sequence[UnitFeatures], vocabulary: dict[str, int]) -> tuple[Any, Any, Any]:
    """(unit index, lemma id, count) arrays of every rare lemma in every unit."""
    import numpy as np

    rows = [
        (n, vocabulary[lemma], count)
        for n, f in enumerate(units)
        for lemma, count in f.lemmas.items()
        if lemma in vocabulary
    ]
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    array = np.array(rows, dtype=np.int64)
    return array[:, 0], array[:, 1], array[:, 2]
