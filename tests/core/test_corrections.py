"""Analysts' entity corrections override what the model found."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.corrections import EntityCorrection, apply_corrections

FOUND = ((0, 5, "ORG"), (10, 16, "PERSON"), (20, 23, "CARDINAL"))


def test_relabel_remove_and_add():
    corrected = apply_corrections(FOUND, [
        EntityCorrection(0, 5, "GPE"),          # relabelled
        EntityCorrection(20, 23, None),         # not an entity
        EntityCorrection(30, 40, "EVENT"),      # missed by the model
    ])
    assert corrected == ((0, 5, "GPE"), (10, 16, "PERSON"), (30, 40, "EVENT"))


def test_a_correction_overrides_every_entity_it_overlaps():
    assert apply_corrections(FOUND, [EntityCorrection(3, 12, "ORG")]) == (
        (3, 12, "ORG"), (20, 23, "CARDINAL"))


def test_no_corrections_leaves_the_entities_alone():
    assert apply_corrections(FOUND, []) == FOUND


spans = st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(spans, max_size=20), st.lists(st.tuples(spans, st.none() | st.just("ORG")),
                                             max_size=10))
def test_corrected_spans_are_kept_and_nothing_overlaps_them(found, corrections):
    entities = [(s, e, "PERSON") for s, e in found]
    fixes = [EntityCorrection(s, e, label) for (s, e), label in corrections]
    result = apply_corrections(entities, fixes)
    for fix in fixes:
        others = [r for r in result if (r[0], r[1], r[2]) != (fix.start, fix.end, fix.label)]
        overlapping_model = [r for r in others if r[2] == "PERSON" and r[0] < fix.end
                             and r[1] > fix.start]
        assert not overlapping_model
        if fix.label:
            assert (fix.start, fix.end, fix.label) in result
