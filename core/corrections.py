"""Analysts' entity corrections applied to what the model found, before anything compares.

A correction names a span of one version: an entity of ``label``, or (``label`` None)
not an entity. Every predicted entity that overlaps a corrected span gives way to it,
so relabelling, removing and adding are one rule. Applied after NER as span
overrides rather than through spaCy's ``entity_ruler``: the parse cache then stays
valid when a correction changes (no re-parse), and applying even 1,000 corrections
to a 50,000-word text's entities costs 1–3 ms (bench/bench_corrections.py), against
~150 ms for the re-alignment they trigger.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.analysis import TextAnalysis

EntitySpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class EntityCorrection:
    """``[start, end)`` is an entity of ``label``; ``label`` None: it is not an entity."""

    start: int
    end: int
    label: str | None


def apply_corrections(
    entities: Sequence[EntitySpan], corrections: Sequence[EntityCorrection]
) -> tuple[EntitySpan, ...]:
    """``entities`` with every corrected span overriding the entities it overlaps.

    Looks up the entities each correction overlaps (bisect on their starts), so the
    cost grows with the corrections, not with the text's entities.
    """
    if not corrections:
        return tuple(entities)
    ordered = sorted(entities)
    starts = [e[0] for e in ordered]
    longest = max((e[1] - e[0] for e in ordered), default=0)
    dropped: set[int] = set()
    for fix in corrections:
        first = bisect.bisect_left(starts, fix.start - longest)
        last = bisect.bisect_left(starts, fix.end)
        dropped.update(i for i in range(first, last) if ordered[i][1] > fix.start)
    kept = [e for i, e in enumerate(ordered) if i not in dropped] if dropped else ordered
    kept.extend((c.start, c.end, c.label) for c in corrections if c.label)
    return tuple(sorted(kept))


def corrected_analysis(
    analysis: TextAnalysis, corrections: Sequence[EntityCorrection]
) -> TextAnalysis:
    """The analysis with its entities corrected (the same object when there is nothing to do)."""
    if not corrections:
        return analysis
    return replace(analysis, entities=apply_corrections(analysis.entities, corrections))
