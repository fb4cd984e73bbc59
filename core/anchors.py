"""Alignment passes around the ordered chain: anchors before it, gaps after it.

Before the chain, the first headlines of both sides pair (a replaced headline is still the
headline), and near-exact copies that are each other's best match drop every rival
candidate, so a sentence kept word for word is linked to its copy however far it moved and
no weaker candidate in its old place takes it. After the chain, the units left between two
consecutive in-order rows align in order at a lower threshold: with one unit on each side,
their place is most of the evidence (a paraphrase with few shared words, or direct speech
become reported speech).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from core.chain import heaviest_chain
from core.features import UnitFeatures, similarity

#: Pairs this similar, each the other's best, are anchors (near-exact copies).
ANCHOR = 0.9
#: A gap between aligned rows with one unit on each side aligns at this similarity.
GAP_ONE_TO_ONE = 0.15
#: Weakest pair in a larger gap (aligned in order, like the main chain).
GAP_MATCH = 0.25
#: Gaps with more units than this on a side are left as they are.
MAX_GAP = 6


def anchor_headlines(
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    forbidden: frozenset[tuple[int, int]],
    pinned: frozenset[tuple[int, int]],
    scores: dict[tuple[int, int], float],
    floor: float,
) -> None:
    """The first headlines of both sides pair with each other, not with a bullet or a lead."""
    b = next((i for i, f in enumerate(base) if f.kind == "headline"), None)
    o = next((j for j, f in enumerate(other) if f.kind == "headline"), None)
    if b is None or o is None or (b, o) in forbidden:
        return
    if any((p[0] == b or p[1] == o) and p != (b, o) for p in pinned):
        return  # the analyst linked a headline elsewhere
    for pair in [p for p in scores if (p[0] == b) != (p[1] == o)]:
        del scores[pair]
    scores[(b, o)] = max(scores.get((b, o), 0.0), similarity(base[b], other[o], idf), floor)


def anchor_copies(
    scores: dict[tuple[int, int], float], pinned: frozenset[tuple[int, int]]
) -> None:
    """Drop every candidate that competes with a near-exact, mutually best pair."""
    best_b: dict[int, float] = {}
    best_o: dict[int, float] = {}
    for (b, o), score in scores.items():
        best_b[b] = max(best_b.get(b, 0.0), score)
        best_o[o] = max(best_o.get(o, 0.0), score)
    anchors: dict[int, int] = {}
    taken: set[int] = set()
    strong = sorted(
        ((s, b, o) for (b, o), s in scores.items() if s >= ANCHOR), key=lambda t: (-t[0], t[1])
    )
    for score, b, o in strong:
        if b in anchors or o in taken or score < best_b[b] or score < best_o[o]:
            continue
        anchors[b] = o
        taken.add(o)
    if not anchors:
        return
    for b, o in list(scores):
        rival = (b in anchors and anchors[b] != o) or (o in taken and anchors.get(b) != o)
        if rival and (b, o) not in pinned:
            del scores[(b, o)]


def fill_gaps(
    edges: list[tuple[int, int, bool]],
    base: Sequence[UnitFeatures],
    other: Sequence[UnitFeatures],
    idf: dict[str, float],
    forbidden: frozenset[tuple[int, int]],
) -> list[tuple[int, int, bool]]:
    """Edges for the units left between two consecutive in-order rows (see GAP_*)."""
    used_b = {b for b, _, _ in edges}
    used_o = {o for _, o, _ in edges}
    anchors = sorted((b, o) for b, o, moved in edges if not moved)
    found: list[tuple[int, int, bool]] = []
    for (b1, o1), (b2, o2) in itertools.pairwise(anchors):
        if b2 - b1 < 2 or o2 - o1 < 2:
            continue
        gap_b = [b for b in range(b1 + 1, b2) if b not in used_b]
        gap_o = [o for o in range(o1 + 1, o2) if o not in used_o]
        if not gap_b or not gap_o or len(gap_b) > MAX_GAP or len(gap_o) > MAX_GAP:
            continue
        floor = GAP_ONE_TO_ONE if len(gap_b) == len(gap_o) == 1 else GAP_MATCH
        scores = {
            (b, o): score
            for b in gap_b
            for o in gap_o
            if (b, o) not in forbidden
            and (score := similarity(base[b], other[o], idf)) >= floor
        }
        found += [(b, o, False) for b, o in heaviest_chain(scores, frozenset())]
    return found
