"""Which other units each base unit may align to, scored: the aligner's sparse similarity matrix.

An inverted index over rare content lemmas proposes, for each base unit, the few other units
sharing the most rare weight; those pairs are scored with ``features.similarity`` one by
one in a news-sized story, and in a long one in one numpy batch (a sparse matrix product,
rapidfuzz's ``cpdist`` for the fuzzy signal) with the same arithmetic, so the same floats.
The story's order then adds, unit by unit, the successors of the previous unit's best
match, and units of the same text, scored one by one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise, repeat
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

#: From this many units (both versions together) the candidates are scored in one numpy
#: batch; below, pair by pair, with the same floats. A news-sized story (up to ~15,000
#: words a version) never imports numpy: ~70 ms and ~15 MiB the window's first look spares.
BATCH_UNITS = 1500

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
    df = Counter(chain.from_iterable(f.lemmas for f in other))
    for j, f in enumerate(other):
        by_text[f.text.casefold()].append(j)
    base_norms = [idf_norm(f.lemmas, idf) for f in base]
    other_norms = [idf_norm(f.lemmas, idf) for f in other]
    rank = _ranked_scores if len(base) + len(other) > BATCH_UNITS else _ranked_scores_plain
    ranked = rank(base, other, idf, df, (base_norms, other_norms))
    scores: dict[Pair, float] = {}
    previous_best = -1
    n_other = len(other)
    for i, f in enumerate(base):
        known = ranked[i]
        # the successors of the previous unit's best match: paraphrases that share only
        # common words are still found where the story's order puts them
        following = range(previous_best + 1, min(n_other, previous_best + 1 + FOLLOWERS))
        best_score = 0.0
        for j in {*known, *following, *by_text.get(f.text.casefold(), ())}:
            if forbidden and (i, j) in forbidden:
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


def _ranked_scores_plain(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    df: Counter[str],
    norms: tuple[list[float], list[float]],
) -> list[dict[int, float]]:
    """``_ranked_scores`` pair by pair: the same sums in the same order, so the same floats."""
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for j, g in enumerate(other):
        for lemma, count in g.lemmas.items():
            if df[lemma] <= COMMON_LEMMA_POSTINGS:
                postings[lemma].append((j, count))
    result: list[dict[int, float]] = []
    for i, f in enumerate(base):
        rare: dict[int, float] = {}
        common: list[tuple[str, float]] = []  # the common lemmas, with idf squared x count
        for lemma, count in f.lemmas.items():
            weighted = idf.get(lemma, 1.0) ** 2 * count
            if df.get(lemma, 0) > COMMON_LEMMA_POSTINGS:
                common.append((lemma, weighted))
            for j, other_count in postings.get(lemma, ()):
                rare[j] = rare.get(j, 0.0) + weighted * other_count
        # best first, ties by the lower unit (a stable sort by score of the sorted units)
        top = sorted(sorted(rare), key=rare.__getitem__, reverse=True)[:CANDIDATES_PER_UNIT]
        scores: dict[int, float] = {}
        for j in top:
            lemmas = other[j].lemmas
            dot = rare[j] + sum(weighted * lemmas.get(lemma, 0) for lemma, weighted in common)
            product = norms[0][i] * norms[1][j]
            cosine = dot / product if product else 0.0
            scores[j] = similarity(f, other[j], idf, cosine=cosine)
        result.append(scores)
    return result


@dataclass(frozen=True, slots=True)
class _Entries:
    """One side's (unit, lemma id, count) triples as numpy arrays, by unit, in lemma order."""

    unit: Any
    lemma: Any
    count: Any

    def where(self, mask: Any) -> _Entries:
        return _Entries(self.unit[mask], self.lemma[mask], self.count[mask])


def _ranked_scores(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    df: Counter[str],
    norms: tuple[list[float], list[float]],
) -> list[dict[int, float]]:
    """Per base unit, its CANDIDATES_PER_UNIT best partners by rare lemmas, with their scores."""
    import numpy as np

    vocabulary = {lemma: n for n, lemma in enumerate(df)}
    # idf squared as Python computes it, so products and sums below are the same floats
    weights = np.array([idf.get(lemma, 1.0) ** 2 for lemma in df])
    rare = np.array([count <= COMMON_LEMMA_POSTINGS for count in df.values()], dtype=bool)
    b, o = _entries(base, vocabulary), _entries(other, vocabulary)
    b_units, o_units, dots = _rare_pairs(b.where(rare[b.lemma]), o.where(rare[o.lemma]), weights,
                                         len(other))  # fmt: skip
    if not len(b_units):
        return [{} for _ in base]
    common = ~rare
    dots = dots + _common_dots(b.where(common[b.lemma]), o.where(common[o.lemma]), weights,
                               b_units, o_units, len(vocabulary))  # fmt: skip
    norm_products = np.array(norms[0])[b_units] * np.array(norms[1])[o_units]
    cosine = np.divide(dots, norm_products, out=np.zeros_like(dots), where=norm_products != 0)
    bs, os_ = b_units.tolist(), o_units.tolist()
    # token_sort_ratio is the ratio of the sorted tokens: sort each unit once, not per pair
    base_sorted = [_sorted_tokens(f.lemma_string) for f in base]
    other_sorted = [_sorted_tokens(f.lemma_string) for f in other]
    fuzzy = process.cpdist(
        list(map(base_sorted.__getitem__, bs)), list(map(other_sorted.__getitem__, os_)),
        scorer=fuzz.ratio, dtype=np.float64,
    )  # fmt: skip
    fuzzy /= 100
    shared = _shared_names(base, other, b_units, o_units)
    score = np.where(
        shared >= 0,
        W_LEMMA * cosine + W_FUZZY * fuzzy + W_ENTITY * shared,
        (W_LEMMA * cosine + W_FUZZY * fuzzy) / (W_LEMMA + W_FUZZY),
    )
    kinds = {kind: n for n, kind in enumerate({f.kind for f in (*base, *other)})}
    b_kind = np.array([kinds[f.kind] for f in base])
    o_kind = np.array([kinds[f.kind] for f in other])
    cross_kind = b_kind[b_units] != o_kind[o_units]
    score = np.minimum(1.0, np.where(cross_kind, score * CROSS_KIND_PENALTY, score))
    # the same text scores 1.0 whatever its lemmas say (as in features.similarity)
    texts: dict[str, int] = {}
    b_text = np.array([texts.setdefault(f.text, len(texts)) for f in base])
    o_text = np.array([texts.setdefault(f.text, len(texts)) for f in other])
    score[b_text[b_units] == o_text[o_units]] = 1.0
    # the pairs come by base unit: each unit's partners are one run of them
    runs = np.searchsorted(b_units, np.arange(len(base) + 1)).tolist()
    values = score.tolist()
    return [dict(zip(os_[lo:hi], values[lo:hi], strict=True)) for lo, hi in pairwise(runs)]


def _shared_names(
    base: Sequence[UnitFeatures], other: Sequence[UnitFeatures], b_units: Any, o_units: Any
) -> Any:
    """Each pair's share of names (Jaccard of entity keys), -1.0 when neither side names
    anyone (``features.similarity`` then leaves the signal out)."""
    import numpy as np

    names: dict[str, int] = {}
    b = _Entries(*_name_entries(base, names))
    o = _Entries(*_name_entries(other, names))
    b_size = np.bincount(b.unit, minlength=len(base))[b_units]
    o_size = np.bincount(o.unit, minlength=len(other))[o_units]
    shared = _common_dots(b, o, np.ones(len(names)), b_units, o_units, len(names))
    union = b_size + o_size - shared
    return np.divide(shared, union, out=np.full(len(b_units), -1.0), where=union > 0)


def _name_entries(units: Sequence[UnitFeatures], names: dict[str, int]) -> tuple[Any, Any, Any]:
    import numpy as np

    ids = [names.setdefault(key, len(names)) for f in units for key in f.entity_keys]
    unit = np.repeat(np.arange(len(units), dtype=np.int64), [len(f.entity_keys) for f in units])
    return unit, np.array(ids, dtype=np.int64), np.ones(len(ids), dtype=np.int64)


def _sorted_tokens(text: str) -> str:
    return " ".join(sorted(text.split()))


def _entries(units: Sequence[UnitFeatures], vocabulary: dict[str, int]) -> _Entries:
    """Every lemma of every unit that ``vocabulary`` knows."""
    import numpy as np

    lemmas = chain.from_iterable(f.lemmas for f in units)
    lemma = np.fromiter(map(vocabulary.get, lemmas, repeat(-1)), dtype=np.int64)
    count = np.fromiter(chain.from_iterable(f.lemmas.values() for f in units), dtype=np.int64)
    unit = np.repeat(np.arange(len(units), dtype=np.int64), [len(f.lemmas) for f in units])
    return _Entries(unit, lemma, count).where(lemma >= 0)


def _rare_pairs(b: _Entries, o: _Entries, weights: Any, n_other: int) -> tuple[Any, Any, Any]:
    """Each base unit's other units with the largest dot products over the lemmas given:
    three arrays (base unit, other unit, dot product), by base unit, best first.

    A sparse matrix product: every (base entry, other entry) pair of a lemma is expanded and
    summed (in the base unit's lemma order), and the best CANDIDATES_PER_UNIT partners of
    each base unit are kept.
    """
    import numpy as np

    order = np.argsort(o.lemma, kind="stable")
    o_unit, o_lemma, o_count = o.unit[order], o.lemma[order], o.count[order]
    first = np.searchsorted(o_lemma, b.lemma, side="left")
    lengths = np.searchsorted(o_lemma, b.lemma, side="right") - first
    total = int(lengths.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    entry = np.repeat(np.arange(len(b.lemma)), lengths)
    partner = np.repeat(first, lengths) + _within(lengths, total)
    values = weights[b.lemma[entry]] * b.count[entry] * o_count[partner]
    unique, inverse = _unique(b.unit[entry] * n_other + o_unit[partner])
    sums = np.bincount(inverse, weights=values)
    units, partners = unique // n_other, unique % n_other
    # by unit, best first (ties: the lower other unit): best first overall, then a stable
    # sort by unit, on the smallest integer type (a radix sort for up to 65,536 units)
    best_first = np.argsort(-sums, kind="stable")
    by_unit = units[best_first].astype(np.min_scalar_type(int(units[-1])))
    order = best_first[np.argsort(by_unit, kind="stable")]
    group_start = np.repeat(np.cumsum(np.bincount(units)) - np.bincount(units),
                            np.bincount(units))  # fmt: skip
    top = order[np.arange(len(order)) - group_start < CANDIDATES_PER_UNIT]
    return units[top], partners[top], sums[top]


def _unique(keys: Any) -> tuple[Any, Any]:
    """``np.unique(keys, return_inverse=True)``, by one stable sort (2-3x faster here: the keys
    come grouped by base unit, a run a stable sort takes whole)."""
    import numpy as np

    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(keys), dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _common_dots(
    b: _Entries, o: _Entries, weights: Any, b_units: Any, o_units: Any, n_lemmas: int
) -> Any:
    """Each (b_units, o_units) pair's dot product over the lemmas given (the common ones).

    Summed in the base unit's lemma order, term by term (``np.bincount`` adds in input
    order, and a lemma the other unit lacks adds 0.0), so each value is the float a plain
    Python sum over the base unit's common lemmas gives.
    """
    import numpy as np

    if not len(b.unit) or not len(o.unit):
        return np.zeros(len(b_units))
    # the base entries of each pair's base unit, expanded pair by pair
    row_start = np.searchsorted(b.unit, np.arange(b_units.max() + 2))
    lengths = row_start[b_units + 1] - row_start[b_units]
    total = int(lengths.sum())
    pair = np.repeat(np.arange(len(b_units)), lengths)
    entry = np.repeat(row_start[b_units], lengths) + _within(lengths, total)
    # the other unit's count of each entry's lemma, looked up by unit * n_lemmas + lemma
    keys = o.unit * n_lemmas + o.lemma
    order = np.argsort(keys)
    keys, counts = keys[order], o.count[order]
    wanted = o_units[pair] * n_lemmas + b.lemma[entry]
    found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    count = np.where(keys[found] == wanted, counts[found], 0)
    terms = weights[b.lemma[entry]] * b.count[entry] * count
    return np.bincount(pair, weights=terms, minlength=len(b_units))


def _within(lengths: Any, total: int) -> Any:
    """0, 1, ... within each run of ``lengths`` (for expanding ranges without a loop)."""
    import numpy as np

    return np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
