"""Sentence alignment of one version against the base, robust to paraphrase and reordering.

1. Candidates (``core.candidates``): an inverted index over content lemmas proposes, for
   each base unit, the few other units that share rare words (or the same text, or follow
   the previous unit's best match); each is scored as ``features.similarity`` scores it.
2. Order: the heaviest chain of candidates increasing on both sides (a weighted
   longest-common-subsequence over the sparse similarity matrix, O(P log P)).
3. Moves: units left over on both sides are paired when still clearly similar.
4. Gaps: between two aligned rows, the units left on both sides align in order at a lower
   threshold (one on each side: almost always; their place is most of the evidence).
5. Splits and merges: an unmatched neighbour joins a row when most of its words are found
   on the other side and it raises the row's similarity or its coverage of the other side.

Before the chain, headlines and near-exact matches anchor (``core.anchors``, which also
fills the gaps of step 4): a replaced headline is still the headline, and a sentence kept
word for word is linked to its copy however far it moved, so no weaker candidate in its old
place takes it.

Analyst overrides take part as constraints: pinned pairs always align, forbidden
pairs never do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.anchors import anchor_copies, anchor_headlines, fill_gaps
from core.candidates import candidate_scores
from core.chain import heaviest_chain
from core.features import UnitFeatures, containment, merge, similarity

#: Weakest similarity the ordered chain accepts.
MIN_MATCH = 0.38
#: A pair out of order must be clearly similar to count as moved rather than removed + added.
MIN_MOVE = 0.51
SPLIT_GAIN = 0.02
SPLIT_CONTAINMENT = 0.5
#: A neighbour also joins when it covers this much more of the other side's words (idf share).
SPLIT_COVERAGE = 0.12


@dataclass(frozen=True)
class Overrides:
    """The analyst's decisions for one base/other pair, as unit index pairs."""

    pinned: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    forbidden: frozenset[tuple[int, int]] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Group:
    """Aligned units before diffing: both sides sorted; ``moved`` when outside the chain."""

    base: tuple[int, ...]
    other: tuple[int, ...]
    similarity: float
    moved: bool
    pinned: bool


def align(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    overrides: Overrides | None = None,
) -> list[Group]:
    """Groups covering every unit of both sides exactly once."""
    overrides = _in_range(overrides or Overrides(), len(base), len(other))
    scores = _candidates(base, other, idf, overrides)
    anchor_headlines(base, other, idf, overrides.forbidden, overrides.pinned, scores, MIN_MATCH)
    anchor_copies(scores, overrides.pinned)
    chain = heaviest_chain(scores, overrides.pinned)
    used_b = {b for b, _ in chain}
    used_o = {o for _, o in chain}
    pins_left = [(b, o) for b, o in overrides.pinned if (b, o) not in chain]
    moved = _pair_leftovers(scores, used_b, used_o, overrides.pinned)
    edges = [(b, o, False) for b, o in chain] + [(b, o, True) for b, o in moved]
    edges += _pair_headlines(base, other, edges, overrides)
    edges = _apply_pins(edges, pins_left)
    edges += fill_gaps(edges, base, other, idf, overrides.forbidden)
    groups = _grow_groups(edges, base, other, idf, overrides, scores)
    return _with_singletons(groups, len(base), len(other))


def _in_range(overrides: Overrides, n_base: int, n_other: int) -> Overrides:
    """Drop decisions about units that no longer exist (the text was re-imported shorter)."""

    def keep(pairs: frozenset[tuple[int, int]]) -> frozenset[tuple[int, int]]:
        return frozenset((b, o) for b, o in pairs if 0 <= b < n_base and 0 <= o < n_other)

    return Overrides(keep(overrides.pinned), keep(overrides.forbidden))


def _candidates(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    overrides: Overrides,
) -> dict[tuple[int, int], float]:
    scores = candidate_scores(base, other, idf, MIN_MATCH, overrides.forbidden)
    for i, j in overrides.pinned:
        scores[(i, j)] = similarity(base[i], other[j], idf)
    return scores


def _pair_leftovers(
    scores: dict[tuple[int, int], float],
    used_b: set[int],
    used_o: set[int],
    pinned: frozenset[tuple[int, int]],
) -> list[tuple[int, int]]:
    leftovers = sorted(
        ((s, b, o) for (b, o), s in scores.items() if b not in used_b and o not in used_o),
        reverse=True,
    )
    taken_b, taken_o, moved = set(), set(), []
    for score, b, o in leftovers:
        if b in taken_b or o in taken_o or (score < MIN_MOVE and (b, o) not in pinned):
            continue
        taken_b.add(b)
        taken_o.add(o)
        moved.append((b, o))
    return moved


def _pair_headlines(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    edges: list[tuple[int, int, bool]],
    overrides: Overrides,
) -> list[tuple[int, int, bool]]:
    """A replaced headline is still the headline: pair the first unmatched headlines."""
    used_b = {b for b, _, _ in edges}
    used_o = {o for _, o, _ in edges}
    b = next((i for i, f in enumerate(base) if f.kind == "headline" and i not in used_b), None)
    o = next((j for j, f in enumerate(other) if f.kind == "headline" and j not in used_o), None)
    if b is None or o is None or (b, o) in overrides.forbidden:
        return []
    return [(b, o, False)]


def _apply_pins(
    edges: list[tuple[int, int, bool]], pins: list[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """Pins outside the chain win over any automatic edge that uses their units."""
    pinned_b = {b for b, _ in pins}
    pinned_o = {o for _, o in pins}
    kept = [(b, o, m) for b, o, m in edges if b not in pinned_b and o not in pinned_o]
    return kept + [(b, o, True) for b, o in pins]


def _grow_groups(
    edges: list[tuple[int, int, bool]],
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    overrides: Overrides,
    scores: dict[tuple[int, int], float],
) -> list[Group]:
    groups: list[tuple[list[int], list[int], bool, bool]] = []
    seen_b: dict[int, int] = {}
    seen_o: dict[int, int] = {}
    for b, o, moved in sorted(edges):
        known = seen_o.get(o, seen_b.get(b))
        if known is not None:  # a unit pinned to several others: one split or merged row
            bs, os_, _, _ = groups[known]
            bs.extend([b] if b not in bs else [])
            os_.extend([o] if o not in os_ else [])
        else:
            known = len(groups)
            groups.append(([b], [o], moved, (b, o) in overrides.pinned))
        seen_b[b] = seen_o[o] = known
    free_b = set(range(len(base))) - {b for g in groups for b in g[0]}
    free_o = set(range(len(other))) - {o for g in groups for o in g[1]}
    result = []
    for bs, os_, moved, pinned in groups:
        if len(bs) == 1 and len(os_) == 1 and (bs[0], os_[0]) in scores:
            start = scores[(bs[0], os_[0])]
        else:
            start = _group_score(bs, os_, base, other, idf)
        score = _absorb_neighbours(bs, os_, start, free_b, free_o, base, other, idf, overrides)
        result.append(Group(tuple(sorted(bs)), tuple(sorted(os_)), score, moved, pinned))
    return result


def _group_score(
    bs: Sequence[int],
    os_: Sequence[int],
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
) -> float:
    a = base[bs[0]] if len(bs) == 1 else merge(base[b] for b in sorted(bs))
    b = other[os_[0]] if len(os_) == 1 else merge(other[o] for o in sorted(os_))
    return similarity(a, b, idf)


def _absorb_neighbours(
    bs: list[int],
    os_: list[int],
    current: float,
    free_b: set[int],
    free_o: set[int],
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    overrides: Overrides,
) -> float:
    """Grow a group by adjacent unmatched units that belong to it (split/merged sentences).

    Returns the group's similarity after growing (``current`` is its score before).
    """
    if not any(n in free_b for n in (min(bs) - 1, max(bs) + 1)) and not any(
        n in free_o for n in (min(os_) - 1, max(os_) + 1)
    ):
        return current
    grown = True
    while grown:
        grown = False
        for side, members, free, units in (("b", bs, free_b, base), ("o", os_, free_o, other)):
            for n in (min(members) - 1, max(members) + 1):
                if n not in free or not _allowed(side, n, bs, os_, overrides):
                    continue
                trial_b = sorted([*bs, n]) if side == "b" else bs
                trial_o = sorted([*os_, n]) if side == "o" else os_
                opposite = _lemmas(other, trial_o) if side == "b" else _lemmas(base, trial_b)
                if containment(units[n].lemmas, opposite, idf) < SPLIT_CONTAINMENT:
                    continue
                score = _group_score(trial_b, trial_o, base, other, idf)
                own = _lemmas(base, bs) if side == "b" else _lemmas(other, os_)
                covered = containment(opposite, own + units[n].lemmas, idf) - containment(
                    opposite, own, idf
                )
                if score > current + SPLIT_GAIN or (
                    covered >= SPLIT_COVERAGE and score >= current - SPLIT_COVERAGE
                ):
                    members.append(n)
                    free.discard(n)
                    current, grown = score, True
                    break
    return current


def _lemmas(units: Sequence[UnitFeatures], members: Sequence[int]) -> Counter[str]:
    if len(members) == 1:
        return units[members[0]].lemmas
    return merge(units[m] for m in members).lemmas


def _allowed(side: str, n: int, bs: list[int], os_: list[int], overrides: Overrides) -> bool:
    pairs = [(n, o) for o in os_] if side == "b" else [(b, n) for b in bs]
    return not any(p in overrides.forbidden for p in pairs)


def _with_singletons(groups: list[Group], n_base: int, n_other: int) -> list[Group]:
    used_b = {b for g in groups for b in g.base}
    used_o = {o for g in groups for o in g.other}
    groups = list(groups)
    groups += [Group((b,), (), 0.0, False, False) for b in range(n_base) if b not in used_b]
    groups += [Group((), (o,), 0.0, False, False) for o in range(n_other) if o not in used_o]
    return groups
