"""The heaviest chain is the one the Fenwick search written with max() finds, ties included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.chain import PIN_WEIGHT, heaviest_chain


def _plain_chain(scores, pinned):
    """chain.heaviest_chain as first written (each step a max() of two tuples)."""
    if not scores:
        return set()
    size = max(j for _, j in scores) + 2
    tree = [(0.0, -1)] * (size + 1)
    pairs = sorted(scores)
    best = []

    def query(j):
        result = (0.0, -1)
        while j > 0:
            result = max(result, tree[j])
            j -= j & -j
        return result

    def update(j, value):
        j += 1
        while j <= size:
            tree[j] = max(tree[j], value)
            j += j & -j

    index = 0
    while index < len(pairs):
        group_end = index
        while group_end < len(pairs) and pairs[group_end][0] == pairs[index][0]:
            group_end += 1
        for k in range(index, group_end):
            i, j = pairs[k]
            weight = PIN_WEIGHT if (i, j) in pinned else scores[(i, j)]
            prev_value, prev_k = query(j)
            best.append((prev_value + weight, prev_k))
        for k in range(index, group_end):
            update(pairs[k][1], (best[k][0], k))
        index = group_end
    chain = set()
    k = max(range(len(best)), key=lambda n: best[n][0])
    while k != -1:
        chain.add(pairs[k])
        k = best[k][1]
    return chain


PAIRS = st.tuples(st.integers(0, 12), st.integers(0, 12))


@given(
    st.dictionaries(PAIRS, st.sampled_from([0.25, 0.5, 0.75, 1.0]), max_size=30),
    st.frozensets(PAIRS, max_size=3),
)
def test_chain_is_the_plain_searchs(scores, pinned) -> None:
    pinned = frozenset(p for p in pinned if p in scores)
    assert heaviest_chain(scores, pinned) == _plain_chain(scores, pinned)
