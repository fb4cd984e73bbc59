"""What a unit looks like to the aligner: content lemmas, entity keys, and a similarity score."""

from __future__ import annotations

import bisect
import functools
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

from rapidfuzz import fuzz

from core.analysis import Token
from core.records import EntityRecord, Unit

#: Weights of the three signals; calibrated in bench/bench_similarity.py.
W_LEMMA, W_FUZZY, W_ENTITY = 0.45, 0.50, 0.05
#: A headline, bullet or label paired with body prose counts for less than like with like.
CROSS_KIND_PENALTY = 0.8


@dataclass(frozen=True, slots=True)
class UnitFeatures:
    """A unit reduced to the signals of paraphrase: lemmas, names, words."""

    kind: str
    text: str
    lemmas: Counter[str]
    lemma_string: str
    entity_keys: frozenset[str]
    words: int


def unit_tokens(tokens: Sequence[Token], units: Sequence[Unit]) -> list[list[Token]]:
    """The tokens of each unit (tokens outside every unit are dropped)."""
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    # the parser's tokens never overlap, so their ends rise with their starts and the tokens
    # of a unit that end inside it are a run found by bisection too (else: tested one by one)
    ends_sorted = all(map(operator.le, ends, ends[1:]))
    result = []
    for unit in units:
        lo = bisect.bisect_left(starts, unit.start)
        hi = bisect.bisect_left(starts, unit.end)
        if ends_sorted:
            result.append(list(tokens[lo : bisect.bisect_right(ends, unit.end, lo, hi)]))
        else:
            result.append([t for t in tokens[lo:hi] if t.end <= unit.end])
    return result


def unit_features(
    text: str,
    units: Sequence[Unit],
    tokens_per_unit: Sequence[Sequence[Token]],
    entities: Sequence[EntityRecord],
) -> list[UnitFeatures]:
    """Features for every unit of one version."""
    ent_starts = [e.start for e in entities]
    features = []
    for unit, tokens in zip(units, tokens_per_unit, strict=True):
        # Token.is_content spelled out: this runs on every token of every version
        words = [t for t in tokens if t.is_alpha or t.like_num]
        lemmas = [t.lemma for t in words if not t.is_stop]
        lo = bisect.bisect_left(ent_starts, unit.start)
        hi = bisect.bisect_left(ent_starts, unit.end)
        keys = frozenset(e.key for e in entities[lo:hi])
        features.append(
            UnitFeatures(
                kind=unit.kind,
                text=text[unit.start : unit.end],
                lemmas=Counter(lemmas),
                lemma_string=" ".join(lemmas),
                entity_keys=keys,
                words=len(words),
            )
        )
    return features


def merge(features: Iterable[UnitFeatures]) -> UnitFeatures:
    """Features of several units read as one (for split and merged sentences)."""
    items = list(features)
    lemmas: Counter[str] = Counter()
    for f in items:
        lemmas.update(f.lemmas)
    return UnitFeatures(
        kind=items[0].kind,
        text=" ".join(f.text for f in items),
        lemmas=lemmas,
        lemma_string=" ".join(f.lemma_string for f in items),
        entity_keys=frozenset().union(*(f.entity_keys for f in items)),
        words=sum(f.words for f in items),
    )


def idf_table(*versions: Sequence[UnitFeatures]) -> dict[str, float]:
    """Inverse document frequency of each lemma over all units of the given versions."""
    return idf_of([lemma_counts(f) for f in versions], sum(len(f) for f in versions))


def lemma_counts(features: Sequence[UnitFeatures]) -> Counter[str]:
    """How many units of one version hold each lemma (its document frequency)."""
    return Counter(chain.from_iterable(f.lemmas for f in features))


def idf_of(counts: Sequence[Counter[str]], units: int) -> dict[str, float]:
    """``idf_table`` from each version's ``lemma_counts`` and the number of units in all."""
    df = functools.reduce(operator.add, counts) if counts else Counter()
    return {lemma: math.log((units + 1) / (count + 0.5)) for lemma, count in df.items()}


def idf_norm(lemmas: Counter[str], idf: dict[str, float]) -> float:
    """Length of the idf-weighted lemma vector."""
    # (count * idf) ** 2 summed in the lemmas' order, with no Python frame per lemma
    weighted = map(operator.mul, lemmas.values(), map(idf.get, lemmas.keys(), repeat(1.0)))
    return math.sqrt(sum(map(pow, weighted, repeat(2))))


def weighted_cosine(
    a: Counter[str],
    b: Counter[str],
    idf: dict[str, float],
    norms: tuple[float, float] | None = None,
) -> float:
    """Cosine of idf-weighted lemma counts (``norms`` when the caller has them cached)."""
    if not a or not b:
        return 0.0
    dot = sum(a[k] * b[k] * idf.get(k, 1.0) ** 2 for k in a.keys() & b.keys())
    if dot == 0:
        return 0.0
    norm_a, norm_b = norms or (idf_norm(a, idf), idf_norm(b, idf))
    return dot / (norm_a * norm_b)


def containment(part: Counter[str], whole: Counter[str], idf: dict[str, float]) -> float:
    """Idf-weighted share of ``part``'s lemmas that ``whole`` also has."""
    total = sum(idf.get(k, 1.0) for k in part)
    if total == 0:
        return 0.0
    return sum(idf.get(k, 1.0) for k in part if k in whole) / total


def similarity(
    a: UnitFeatures,
    b: UnitFeatures,
    idf: dict[str, float],
    *,
    cosine: float | None = None,
) -> float:
    """Paraphrase similarity in [0, 1]: lemma overlap, fuzzy lemma order, shared names.

    ``cosine`` is the idf-weighted lemma cosine when the caller computed it already.
    """
    if a.text == b.text:
        return 1.0
    if not a.lemmas or not b.lemmas:
        return fuzz.ratio(a.text.casefold(), b.text.casefold()) / 100 * 0.9
    if cosine is None:
        cosine = weighted_cosine(a.lemmas, b.lemmas, idf)
    fuzzy = fuzz.token_sort_ratio(a.lemma_string, b.lemma_string) / 100
    if a.entity_keys or b.entity_keys:
        shared = len(a.entity_keys & b.entity_keys) / len(a.entity_keys | b.entity_keys)
        score = W_LEMMA * cosine + W_FUZZY * fuzzy + W_ENTITY * shared
    else:
        score = (W_LEMMA * cosine + W_FUZZY * fuzzy) / (W_LEMMA + W_FUZZY)
    if a.kind != b.kind:
        score *= CROSS_KIND_PENALTY
    return min(1.0, score)
