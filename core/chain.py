"""The heaviest chain of scored pairs increasing on both sides (a weighted LCS, O(P log P))."""

from __future__ import annotations

#: A pinned pair outweighs any chain of automatic ones.
PIN_WEIGHT = 1000.0


def heaviest_chain(
    scores: dict[tuple[int, int], float], pinned: frozenset[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Max-weight set of pairs strictly increasing on both sides (Fenwick tree over j)."""
    if not scores:
        return set()
    size = max(j for _, j in scores) + 2
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    pairs = sorted(scores)
    best: list[tuple[float, int]] = []

    # "if x > y" where max(y, x) would do: the same tuple, without a call per step
    def query(j: int) -> tuple[float, int]:  # best chain ending at other index < j
        result = (0.0, -1)
        while j > 0:
            if tree[j] > result:
                result = tree[j]
            j -= j & -j
        return result

    def update(j: int, value: tuple[float, int]) -> None:
        j += 1
        while j <= size:
            if value > tree[j]:
                tree[j] = value
            j += j & -j

    index = 0
    while index < len(pairs):
        group_end = index
        while group_end < len(pairs) and pairs[group_end][0] == pairs[index][0]:
            group_end += 1
        group = range(index, group_end)
        for k in group:
            i, j = pairs[k]
            weight = PIN_WEIGHT if (i, j) in pinned else scores[(i, j)]
            prev_value, prev_k = query(j)
            best.append((prev_value + weight, prev_k))
        for k in group:
            update(pairs[k][1], (best[k][0], k))
        index = group_end
    chain: set[tuple[int, int]] = set()
    k = max(range(len(best)), key=lambda n: best[n][0])
    while k != -1:
        chain.add(pairs[k])
        k = best[k][1]
    return chain
