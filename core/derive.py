"""Derivation classes (after the METER corpus) and support for headline and bullet takeaways."""

from __future__ import annotations

from collections.abc import Sequence

from core.features import UnitFeatures, containment
from core.records import AlignedRow, Derivation, Takeaway, Unit

#: Share of a takeaway's (idf-weighted) words a body sentence must hold to support it.
MIN_SUPPORT = 0.4
MAX_SUPPORTERS = 3
_TAKEAWAY_KINDS = frozenset({"headline", "bullet"})


def derivation(rows: Sequence[AlignedRow], n_other_units: int) -> tuple[Derivation, ...]:
    """Per other unit: verbatim (only minor edits), rewritten (aligned, reworded) or new."""
    classes: list[Derivation] = ["new"] * n_other_units
    for row in rows:
        if not row.other or not row.base:
            continue
        verbatim = all(op.op == "equal" or op.minor for op in row.diff)
        for unit in row.other:
            classes[unit] = "verbatim" if verbatim else "rewritten"
    return tuple(classes)


def takeaways(
    units: Sequence[Unit], features: Sequence[UnitFeatures], idf: dict[str, float]
) -> tuple[Takeaway, ...]:
    """Each headline and bullet with the body sentences of its own version that support it
    (``idf``: the version's own ``features.idf_table``)."""
    body = [i for i, u in enumerate(units) if u.kind == "sentence"]
    result = []
    for index, unit in enumerate(units):
        if unit.kind not in _TAKEAWAY_KINDS or not features[index].lemmas:
            continue
        lemmas = features[index].lemmas
        # a sentence sharing no word scores 0.0, below MIN_SUPPORT: only sharers are scored
        scored = sorted(
            (
                (containment(lemmas, features[j].lemmas, idf), j)
                for j in body
                if not lemmas.keys().isdisjoint(features[j].lemmas)
            ),
            reverse=True,
        )
        supporters = tuple(sorted(j for s, j in scored[:MAX_SUPPORTERS] if s >= MIN_SUPPORT))
        best = scored[0][0] if scored else 0.0
        result.append(Takeaway(index, supporters, round(best, 4)))
    return tuple(result)
