from __future__ import annotations

import pytest

from core.entities import (
    acronym_aliases,
    canonical_key,
    entity_diff,
    entity_records,
    without_headline_noise,
)
from core.records import Unit


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


def test_bare_numbers_are_not_entities_and_dates_lose_their_hedge() -> None:
    text = "Two workers, 1 in 5, until at least Friday, about 1,100 people."
    spans = [(0, 3, "CARDINAL"), (13, 14, "CARDINAL"), (18, 19, "CARDINAL"),
             (27, 42, "DATE"), (44, 55, "CARDINAL")]  # fmt: skip
    records = entity_records(text, spans, {})
    assert [(text[r.start : r.end], r.key) for r in records] == [
        ("Friday", "friday"),
        ("about 1,100", "about 1100"),
    ]


def test_title_case_headline_phrases_need_the_body_to_name_them() -> None:
    text = "Why Is Zyuganov Praising Troops in the Ukraine Conflict?\n\nZyuganov wrote to Kim."
    head = Unit(0, text.index("?") + 1, "headline", 0)
    body = Unit(text.index("Zyuganov wrote"), len(text), "sentence", 1)
    spans = [(7, 15, "PERSON"), (39, 55, "FAC"), (body.start, body.start + 8, "PERSON")]
    records = without_headline_noise(text, entity_records(text, spans, {}), [head, body])
    assert [r.key for r in records] == ["zyuganov", "zyuganov"]
