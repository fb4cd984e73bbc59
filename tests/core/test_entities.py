from __future__ import annotations

import pytest

from core.entities import acronym_aliases, canonical_key, entity_diff, entity_records


@pytest.mark.parametrize(
    ("a", "b"),
    [("North Korea's", "North Korea"), ("the KCNA", "KCNA"), ("The  Workers’", "workers")],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert canonical_key(a) == canonical_key(b)


def test_acronym_defined_in_text_takes_the_long_forms_key() -> None:
    text = "The Coastal Safety Authority (CSA) said so. Later the CSA agreed."
    later = text.index("the CSA")
    spans = [(0, len("The Coastal Safety Authority"), "ORG"), (later, later + 7, "ORG")]
    aliases = acronym_aliases(text, spans)
    assert aliases == {"csa": "coastal safety authority"}
    records = entity_records(text, spans, aliases)
    assert {r.key for r in records} == {"coastal safety authority"}


def test_entity_across_paragraphs_is_dropped() -> None:
    assert entity_records("Synopsis\n\nKey Takeaways", [(0, 23, "ORG")], {}) == ()


def test_entity_diff_counts_and_missing() -> None:
    a, b = "Lee met Park in Seoul.", "Lee met Kim in Seoul's port."
    ra = entity_records(a, [(0, 3, "PERSON"), (8, 12, "PERSON"), (16, 21, "GPE")], {})
    rb = entity_records(b, [(0, 3, "PERSON"), (8, 11, "PERSON"), (15, 22, "GPE")], {})
    rows = {r.key: r for r in entity_diff([a, b], [ra, rb])}
    assert rows["park"].missing_in == (1,) and rows["kim"].missing_in == (0,)
    assert rows["seoul"].counts == (1, 1) and rows["seoul"].text == "Seoul"
