"""Analysts' entity corrections applied to what the model found, before anything compares.

A correction names a span of one version: an entity of ``label``, or (``label`` None)
not an entity. Every predicted entity that overlaps a corrected span gives way to it,
so relabelling, removing and adding are one rule. Applied after NER as span
overrides rather than through spaCy's ``entity_ruler``: the parse cache then stays
valid when a correction changes (no re-parse), and applying 1,000 corrections to a
long text costs about a millisecond (bench/bench_corrections.py).
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
    """``entities`` with every corrected span overriding the entities it overlaps."""
    if not corrections:
        return tuple(entities)
    ordered = sorted(corrections, key=lambda c: (c.start, c.end))
    starts = [c.start for c in ordered]
    longest = max(c.end - c.start for c in ordered)

    def overridden(start: int, end: int) -> bool:
        first = bisect.bisect_left(starts, start - longest)
        last = bisect.bisect_left(starts, end)
        return any(c.end > start for c in ordered[first:last])

    kept = [e for e in entities if not overridden(e[0], e[1])]
    kept.extend((c.start, c.end, c.label) for c in ordered if c.label)
    return tuple(sorted(kept))


def corrected_analysis(
    analysis: TextAnalysis, corrections: Sequence[EntityCorrection]
) -> TextAnalysis:
    """The analysis with its entities corrected (the same object when there is nothing to do)."""
    if not corrections:
        return analysis
    return replace(analysis, entities=apply_corrections(analysis.entities, corrections))
